"""`rapporteur eval`: run the evaluation suites, write the report, and gate on the thresholds."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from assistant.cli.common import HomeOption, console, err_console, fail, print_json, settings_for
from assistant.errors import InputError, RapporteurError

SuiteOption = Annotated[
    list[str] | None,
    typer.Option(
        "--suite", "-s", help="drafts, retrieval, answers, checker, tags or all (repeat or comma-separate)."
    ),
]


def evaluate(
    suite: SuiteOption = None,
    engine: Annotated[
        str | None, typer.Option(help="Engine to evaluate: extractive (default) or llm.")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="Chat model spec for --engine llm, e.g. ollama:qwen2.5:7b.")
    ] = None,
    judge_model: Annotated[
        str | None, typer.Option("--judge-model", help="Chat model spec of an LLM judge of faithfulness.")
    ] = None,
    datasets: Annotated[
        Path | None, typer.Option(help="Dataset folder (corpus/, notes/, questions.jsonl, grounding.jsonl).")
    ] = None,
    thresholds: Annotated[
        Path | None,
        typer.Option(help="Thresholds file (default: the dataset's own, else evals/thresholds.toml)."),
    ] = None,
    out: Annotated[Path, typer.Option(help="Folder for the Markdown, HTML and JSON reports.")] = Path(
        "evals/reports"
    ),
    tag_labels: Annotated[
        Path | None,
        typer.Option("--tag-labels", help="Labels of the tags suite (default: the dataset's tags.jsonl)."),
    ] = None,
    home: HomeOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the JSON summary on stdout.")] = False,
) -> None:
    """Measure drafts, retrieval, answers, the grounding checker and tags on a dataset folder.

    The corpus is indexed into a temporary folder (your own index is never touched). Writes
    eval.md, eval.html and eval.json into --out. Exit code 0 when every threshold holds, 1 when a
    figure falls below its threshold or a suite fails, 2 for bad options or malformed data, 3 when the
    judge model cannot be built.
    """
    from assistant.evaluation.runner import resolve_suites, run_evaluation
    from assistant.llm.chat_model import LLMError

    names = [part for value in (suite or ["all"]) for part in value.split(",") if part.strip()]
    try:
        suites = resolve_suites(names)
    except InputError as exc:
        fail(str(exc), 2)
    if datasets is not None and not datasets.is_dir():
        fail(f"no dataset folder at {datasets}; give a folder laid out like evals/datasets", 2)
    settings = settings_for(home)
    started = time.perf_counter()

    def progress(message: str) -> None:
        err_console.print(f"[dim]{time.perf_counter() - started:6.1f}s {escape(message)}[/]", highlight=False)

    try:
        report = run_evaluation(
            settings,
            suites,
            datasets,
            engine,
            out,
            model=model,
            judge_model=judge_model,
            thresholds=thresholds,
            progress=progress,
            tag_labels=tag_labels,
        )
    except LLMError as exc:
        fail(str(exc), 3)
    except RapporteurError as exc:
        fail(str(exc), exc.exit_code)
    if json_out:
        print_json(report.to_json(with_cases=False))
    else:
        _print_summary(report)
    if not report.ok:
        for failure in report.failures:
            err_console.print(f"[bold red]threshold:[/] {escape(failure.sentence)}", highlight=False)
        for broken in report.errors:
            err_console.print(
                f"[bold red]suite {broken.name} failed:[/] {escape(broken.message)}", highlight=False
            )
        raise typer.Exit(1)


def _print_summary(report) -> None:
    table = Table(title=f"Evaluation ({escape(report.engine)}, judge {escape(report.judge)})")
    for column in ("figure", "value", "judge", "n", "threshold"):
        table.add_column(column)
    bounds = {g.key: g for g in report.gate}
    for name, suite in report.suites.items():
        if suite.status != "ok":
            table.add_row(escape(name), escape(suite.status), "", "", escape(suite.message[:80]))
            continue
        for key, metric in suite.metrics.items():
            gate = bounds.get(f"{name}.{key}")
            limit = ""
            if gate:
                colour = "green" if gate.passed else "red"
                limit = f"[{colour}]{'≥' if gate.kind == 'min' else '≤'} {gate.bound:g}[/]"
            table.add_row(
                escape(f"{name}.{key}"),
                metric.shown(),
                escape(metric.judge),
                "" if metric.support is None else str(metric.support),
                limit,
            )
    console.print(table)
    for skipped, why in report.skipped.items():
        console.print(f"[yellow]skipped[/] {escape(skipped)}: {escape(why)}", highlight=False)
    for note in report.notes:
        console.print(f"[yellow]note[/] {escape(note)}", highlight=False)
    console.print(
        f"{'PASS' if report.ok else 'FAIL'} in {report.seconds:.1f}s; reports: "
        + escape(", ".join(report.files.values())),
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add `eval` to the CLI."""
    app.command("eval")(evaluate)
