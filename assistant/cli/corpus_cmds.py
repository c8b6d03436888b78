"""Corpus commands: ingest, list, show, remove, stats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from assistant.cli.common import (
    HomeOption,
    JsonOption,
    console,
    fail,
    print_json,
    progress_bar,
    settings_for,
)

if TYPE_CHECKING:
    from assistant.corpus.store import CorpusIndex


def _open_index(home: Path | None) -> CorpusIndex:
    from assistant.container import Container

    return Container(settings_for(home)).index


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of outcome documents.")],
    home: HomeOption = None,
    json_out: JsonOption = False,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Drop the whole index first and embed every document again (after changing "
                          "RAPPORTEUR_EMBEDDER; documents not in PATHS are gone afterwards).")] = False,
) -> None:
    """Index outcome documents (.md .txt .docx .pdf .html); unchanged files are skipped.

    Exit code 0 when every file was ingested, 1 when any file failed (the others are kept).
    """
    from assistant.corpus.store import IndexError_

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}", 2)
    index = _open_index(home)
    if rebuild:
        index.rebuild()
    try:
        with progress_bar("ingest", enabled=not json_out) as update:
            report = index.ingest(paths, progress=update)
    except IndexError_ as exc:
        fail(str(exc), 1)
    if json_out:
        print_json({
            "results": [vars(r) for r in report.results],
            "embedded_chunks": report.embedded_chunks,
            "seconds": round(report.seconds, 3),
        })
    else:
        for result in report.results:
            if result.status in {"failed", "duplicate"}:
                colour = "red" if result.status == "failed" else "yellow"
                console.print(
                    f"[{colour}]{result.status}[/]: {escape(Path(result.path).name)}: "
                    f"{escape(result.reason)}", highlight=False,
                )
        counts = ", ".join(
            f"{report.count(s)} {s}" for s in ("added", "updated", "unchanged", "duplicate", "failed")
        )
        console.print(
            f"{len(report.results)} files: {counts}; {report.embedded_chunks} chunks embedded "
            f"in {report.seconds:.1f}s", highlight=False,
        )
    if report.failed:
        raise typer.Exit(1)


def _tag_summary(tags: list) -> str:
    """"C5, C7 e-health · SDG 4" (inferred tags marked with ~)."""
    lines = [("~" if t.source == "inferred" else "") + t.label for t in tags if t.kind == "action_line"]
    goals = [("~" if t.source == "inferred" else "") + t.label for t in tags if t.kind == "sdg"]
    return " · ".join(part for part in (", ".join(lines), ", ".join(goals)) if part)


def _tags_json(tags: list) -> dict[str, object]:
    return {
        "action_lines": [t.id for t in tags if t.kind == "action_line"],
        "sdgs": [int(t.id[3:]) for t in tags if t.kind == "sdg"],
        "tags": [t.to_json() for t in tags],
    }


def list_documents(home: HomeOption = None, json_out: JsonOption = False) -> None:
    """List indexed documents: id, title, source, year, sections found, chunks, Action Lines and SDGs.

    In the table, tags the text only suggests (inferred) carry a ~; stated ones do not.
    """
    docs = _open_index(home).documents()
    if json_out:
        print_json([
            {"doc_id": d.doc_id, "title": d.title, "source": d.source, "year": d.year,
             "sections": d.sections, "chunks": d.chunks} | _tags_json(d.tags)
            for d in docs
        ])
        return
    if not docs:
        console.print("The index is empty. Add documents with `rapporteur ingest PATH`.")
        return
    table = Table("doc_id", "title", "source", "year", "sections", "chunks", "Action Lines · SDGs")
    for d in docs:
        table.add_row(escape(d.doc_id), escape(d.title), escape(d.source), str(d.year or ""),
                      str(len(d.sections)), str(d.chunks), escape(_tag_summary(d.tags)))
    console.print(table)


def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (see `rapporteur list`).")],
    home: HomeOption = None,
    json_out: JsonOption = False,
    section: Annotated[str | None, typer.Option(
        "--section", "-s",
        help="Only this section: its id (e.g. action_plan), as an Ask citation's `section` gives it.",
    )] = None,
) -> None:
    """Show one parsed document in the official form (or as JSON), or one section of it."""
    from assistant.corpus.rendering import render_markdown
    from assistant.corpus.store import IndexError_

    index = _open_index(home)
    try:
        doc = index.get_document(doc_id)
        tags = index.document_tags(doc_id)
    except IndexError_ as exc:
        fail(str(exc), 1)
    if section is not None:
        _show_section(index, doc, section, json_out)
        return
    if json_out:
        print_json({
            "doc_id": doc.doc_id,
            "source": doc.source,
            "year": doc.year,
            "header": doc.header.model_dump(exclude={"action_lines", "sdgs"}),  # drafts' fields
            "sections": [
                {"id": s.id, "heading": s.heading,
                 "items": [{"text": i.text, "part": i.part} for i in s.items]}
                for s in doc.sections
            ],
            "missing_sections": [s for s in index.template.section_ids if s not in doc.section_ids],
        } | _tags_json(tags))
        return
    console.print(escape(render_markdown(doc, index.template)), highlight=False)
    console.print("\nAction Lines and SDGs", highlight=False)
    if not tags:
        console.print("  none found (or indexed before tagging: ingest the file again)", highlight=False)
    for tag in tags:
        where = "title" if tag.where == "title" else _section_name(index, tag.where)
        console.print(f"  {escape(tag.label)} ({tag.source}, {escape(where)}): {escape(tag.evidence)}",
                      highlight=False, soft_wrap=True)


def _show_section(index: CorpusIndex, doc: Any, section_id: str, json_out: bool) -> None:
    """Print one section of a document (`show --section`): its heading, parts and items."""
    known = index.template.section_ids
    if section_id not in known:
        fail(f"there is no section {section_id!r}; the section ids are: {', '.join(known)}", 2)
    found = doc.section(section_id)
    if found is None:
        fail(f"{doc.doc_id} has no {section_id!r} section; it has: {', '.join(doc.section_ids) or 'none'}", 1)
    if json_out:
        print_json({"doc_id": doc.doc_id, "title": doc.header.title, "year": doc.year,
                    "section": {"id": found.id, "heading": found.heading,
                                "items": [{"text": i.text, "part": i.part} for i in found.items]}})
        return
    spec = index.template.section(section_id)
    console.print(escape(f"{doc.header.title or doc.doc_id} ({doc.year or 'year unknown'})"), highlight=False)
    console.print(escape(f"## {found.heading or spec.heading}"), highlight=False)
    part = None
    for item in found.items:
        if spec.parts and item.part and item.part != part:
            part = item.part
            named = spec.part(part)
            console.print(escape(f"### {named.heading if named else part}"), highlight=False)
        console.print(escape(f"- {item.text}"), highlight=False, soft_wrap=True)


def _section_name(index, section_id: str) -> str:
    try:
        return index.template.section(section_id).short
    except KeyError:
        return section_id


def remove(
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids to delete from the index.")],
    home: HomeOption = None,
) -> None:
    """Delete documents and every chunk of them from the index."""
    from assistant.corpus.store import IndexError_

    try:
        removed = _open_index(home).remove(doc_ids)
    except IndexError_ as exc:
        fail(str(exc), 1)
    console.print(f"removed {len(removed)} document(s): {escape(', '.join(removed))}")


def stats(home: HomeOption = None, json_out: JsonOption = False) -> None:
    """Show totals: documents, chunks, chunks per section, documents per year."""
    data = _open_index(home).stats()
    if json_out:
        print_json(data)
        return
    for key, value in data.items():
        console.print(f"{key}: {escape(str(value))}", highlight=False)


def check(
    home: HomeOption = None,
    repair: Annotated[bool, typer.Option("--repair", help="Fix what is found.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Verify the index (Chroma and keyword index agree, no partial documents); --repair fixes it.

    Exit code 0 when the index is healthy or was repaired, 1 when problems remain.
    """
    result = _open_index(home).check(repair=repair)
    if json_out:
        print_json(vars(result) | {"healthy": result.healthy})
    else:
        for problem in result.problems:
            console.print(f"[yellow]problem:[/] {escape(problem)}", highlight=False)
        if result.reingest:
            console.print("ingest these files again: " + escape(", ".join(result.reingest)))
        state = "healthy" if result.healthy else "repaired" if result.repaired else "needs repair"
        console.print(f"{result.documents} documents, {result.chunks} chunks: {state}"
                      + (f" ({result.removed_chunks} chunks removed)" if result.repaired else ""))
    if result.problems and not result.repaired:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the CLI."""
    app.command()(ingest)
    app.command("list")(list_documents)
    app.command()(show)
    app.command()(remove)
    app.command()(stats)
    app.command()(check)
