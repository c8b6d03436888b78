"""Drafting commands: draft an outcome document from session notes, summarise notes or a document.

Exit codes of `draft` and `summarise`: 0 done, 1 other failure, 2 bad input (empty, unreadable or
binary notes; bad options), 3 the LLM could not be used (the message offers --engine extractive).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from assistant.cli.common import (
    HomeOption,
    JsonOption,
    engine_help,
    err_console,
    fail,
    print_json,
    settings_for,
)
from assistant.drafting.engines import DRAFT_ENGINES
from assistant.drafting.engines.fallback import sections_drafted_offline
from assistant.errors import NotFoundError, RapporteurError

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.drafting.service import DraftService

FORMATS = ("md", "docx", "json")


def _service(home: Path | None) -> tuple[DraftService, Settings]:
    from assistant.container import Container

    settings = settings_for(home)
    return Container(settings).drafting, settings


def _read_notes_file(path: Path) -> str:
    from assistant.drafting.notes import NotesError, load_notes_file, read_notes

    try:
        text = load_notes_file(path)
        read_notes(text)
    except NotesError as exc:
        fail(str(exc), 2)
    return text


def draft(
    notes_file: Annotated[Path, typer.Argument(help="Session notes: .txt, .md or .docx.")],
    engine: Annotated[str | None, typer.Option(help=engine_help(DRAFT_ENGINES))] = None,
    model: Annotated[str | None, typer.Option(help="LLM spec for --engine llm (ollama:qwen2.5:7b).")] = None,
    title: Annotated[str | None, typer.Option(help="Session title (else read from the notes).")] = None,
    organisers: Annotated[str | None, typer.Option(help="Organisers (else read from the notes).")] = None,
    date: Annotated[str | None, typer.Option(help="Session date (else read from the notes).")] = None,
    url: Annotated[str | None, typer.Option(help="Session URL (else read from the notes).")] = None,
    action_lines: Annotated[str | None, typer.Option(
        "--action-lines", help="WSIS Action Lines for the header, e.g. 'C5, C7 e-health' (else suggested "
        "from the notes).")] = None,
    sdgs: Annotated[str | None, typer.Option(
        "--sdgs", help="SDGs for the header, e.g. 'SDG 4, SDG 5' (else suggested from the notes).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format: md, docx or json.")] = "md",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the draft here.")] = None,
    section: Annotated[str | None, typer.Option(help="Redraft only this section id.")] = None,
    from_draft: Annotated[
        Path | None, typer.Option("--from-draft", help="A saved draft (.json) whose other sections are kept.")
    ] = None,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Print a line on stderr as each section is drafted (default: "
        "on for the llm engine when stderr is a terminal).")] = None,
    home: HomeOption = None,
    json_out: JsonOption = False,
) -> None:
    """Draft a Session Outcome Document from session notes, every item traceable to a note line.

    The draft is saved in RAPPORTEUR_HOME/drafts (path printed on stderr). With --section ID and
    --from-draft FILE only that section is redrafted and the others are kept; with --section alone
    only that section is drafted. Exit codes: 2 empty or unreadable notes or bad options, 3 the LLM
    could not be used.
    """
    from assistant.drafting.draft import Draft
    from assistant.drafting.export import draft_to_docx, draft_to_json, draft_to_markdown

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}", 2)
    if fmt == "docx" and output is None and not json_out:
        output = notes_file.with_suffix(".docx")
    if from_draft is not None and section is None:
        fail("--from-draft needs --section ID (the section to redraft)", 2)
    text = _read_notes_file(notes_file)
    service, settings = _service(home)
    if progress is None:
        progress = err_console.is_terminal and (engine or settings.engine) == "llm"
    report = _print_progress if progress else None
    if section is not None:
        try:
            service.template.section(section)
        except NotFoundError as exc:
            fail(str(exc), exc.exit_code)
    given = {"title": title, "organisers": organisers, "date": date, "url": url,
             "action_lines": action_lines, "sdgs": sdgs}
    header = {k: v for k, v in given.items() if v}
    try:
        if from_draft is not None:
            try:
                previous = Draft.from_json(json.loads(from_draft.read_text(encoding="utf-8")))
            except (OSError, ValueError) as exc:
                fail(f"cannot read the draft {from_draft}: {exc}", 2)
            from assistant.drafting.notes import split_lines

            if [ln.raw for ln in previous.notes.lines] != split_lines(text):
                fail(
                    f"{notes_file.name} differs from the notes the draft {from_draft.name} was made from; "
                    "redraft the whole document instead (without --from-draft)", 2,
                )
            assert section is not None  # checked above: --from-draft needs --section
            result = service.regenerate(previous, section, engine=engine, model=model, progress=report)
        else:
            with err_console.status("drafting…", spinner="dots") if err_console.is_terminal else _Null():
                result = service.draft(
                    text, header=header, engine=engine, model=model,
                    sections=[section] if section else None, progress=report,
                )
    except RapporteurError as exc:
        fail(str(exc), exc.exit_code)
    saved = service.store.path_for(result.id)
    err_console.print(f"saved draft {result.id} to {escape(str(saved))}", highlight=False, soft_wrap=True)
    if json_out:
        print_json(draft_to_json(result))
    elif fmt == "docx":
        assert output is not None
        written = draft_to_docx(result, output)
        err_console.print(f"wrote {escape(str(written))}", highlight=False, soft_wrap=True)
    else:
        body = (
            json.dumps(draft_to_json(result), ensure_ascii=False, indent=2) + "\n"
            if fmt == "json" else draft_to_markdown(result)
        )
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(body, encoding="utf-8")
            err_console.print(f"wrote {escape(str(output))}", highlight=False, soft_wrap=True)
        else:
            sys.stdout.write(body)
    for section_id, flag in sections_drafted_offline(result.document.sections).items():
        err_console.print(f"{section_id}: {flag}", highlight=False, soft_wrap=True, markup=False)
    problems = result.checks.coverage.problems
    ungrounded = len(result.checks.items) - result.checks.grounded
    if problems or ungrounded:
        err_console.print(
            f"checks: {len(problems)} coverage problem(s), {ungrounded} item(s) not grounded in the notes",
            highlight=False, soft_wrap=True,
        )
        for check in result.checks.items:
            if not check.verdict.supported:  # e.g. an item drawn only from an aside: say which and why
                err_console.print(
                    f"  not grounded: {check.section}[{check.index}]: {escape(check.verdict.reason)}",
                    highlight=False, soft_wrap=True,
                )


def _print_progress(fraction: float, message: str) -> None:
    """One stderr line per drafting step (`--progress`)."""
    err_console.print(f"[{fraction:4.0%}] {message}", highlight=False, soft_wrap=True, markup=False)


class _Null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def summarise(
    source: Annotated[str, typer.Argument(help="A notes file (.txt .md .docx) or an indexed document id.")],
    sentences: Annotated[int, typer.Option(help="Number of summary sentences.")] = 5,
    home: HomeOption = None,
    json_out: JsonOption = False,
) -> None:
    """Summarise session notes or an indexed outcome document, each sentence with its evidence.

    For notes the evidence is the note line number; for an indexed document, its section.
    """
    from assistant.corpus.store import CorpusIndex, IndexError_
    from assistant.drafting.summaries import summarise_document, summarise_notes

    settings = settings_for(home)
    path = Path(source)
    try:
        if path.suffix.lower() in {".txt", ".md", ".docx"} or path.is_file():
            text = _read_notes_file(path)
            index = CorpusIndex(settings)
            items = summarise_notes(text, sentences=sentences, embedder=index.embedder)
            kind = "notes"
        else:
            index = CorpusIndex(settings)
            try:
                doc = index.get_document(source)
            except IndexError_ as exc:
                fail(f"{exc} (or give the path of a notes file)", 2)
            items = summarise_document(doc, sentences=sentences, embedder=index.embedder)
            kind = "document"
    except RapporteurError as exc:
        fail(str(exc), exc.exit_code)
    if json_out:
        print_json({
            "source": source, "kind": kind,
            "sentences": [
                {"text": i.text, "section": i.part if kind == "document" else None,
                 "evidence": [{"line": e.line, "text": e.text} for e in i.evidence]}
                for i in items
            ],
        })
        return
    if not items:
        err_console.print("nothing to summarise: no content sentences found", highlight=False, soft_wrap=True)
        return
    for item in items:
        where = (
            f"[{item.part}]" if kind == "document"
            else "[lines " + ", ".join(str(e.line) for e in item.evidence) + "]"
        )
        sys.stdout.write(f"- {item.text} {where}\n")


def register(app: typer.Typer) -> None:
    """Add the drafting commands to the CLI."""
    app.command("draft")(draft)
    app.command("summarise")(summarise)
