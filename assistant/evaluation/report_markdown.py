"""Markdown form of an evaluation report: the run, the gate, every figure and table, then what went wrong.

Texts from datasets and answers are data: `<`, `>` and `&` become entities (so a Markdown viewer
that allows HTML shows them as text), table cells escape `|` and fold newlines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.evaluation.report import EvalReport, SuiteResult, Table

MAX_LISTED = 40


def md(text: Any) -> str:
    """Escape text for Markdown prose."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(text: Any) -> str:
    """Escape text for a Markdown table cell."""
    return " ".join(md(text).split()).replace("|", "\\|")


def table(columns: list[str], rows: list[list[Any]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(cell(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _bound(report: EvalReport, key: str) -> str:
    for gate in report.gate:
        if gate.key == key:
            return (
                ("≥ " if gate.kind == "min" else "≤ ") + f"{gate.bound:g}" + (" ✓" if gate.passed else " ✗")
            )
    return ""


def render_markdown(report: EvalReport) -> str:
    """The whole report as Markdown text."""
    lines = ["# Rapporteur evaluation", ""]
    lines += [
        f"- datasets: `{md(report.datasets)}`",
        f"- engine: {md(report.engine)}",
        f"- judge: {md(report.judge)}",
        f"- started: {report.started}, took {report.seconds:.1f} s",
        f"- thresholds: `{md(report.thresholds_file or 'none')}`",
        f"- result: **{'PASS' if report.ok else 'FAIL'}**",
        "",
    ]
    if report.gate:
        lines += ["## Gate", ""]
        lines += [f"- {md(g.sentence)}" for g in report.gate]
        lines.append("")
    if report.skipped or report.notes:
        lines += ["## Skipped and noticed", ""]
        lines += [f"- suite {md(name)} skipped: {md(why)}" for name, why in report.skipped.items()]
        lines += [f"- {md(note)}" for note in report.notes]
        lines.append("")
    rows = []
    for name, suite in report.suites.items():
        for key, metric in suite.metrics.items():
            rows.append(
                [
                    f"{name}.{key}",
                    metric.shown(),
                    metric.judge,
                    "" if metric.support is None else metric.support,
                    _bound(report, f"{name}.{key}"),
                ]
            )
    if rows:
        lines += ["## Figures", "", *table(["figure", "value", "judge", "n", "threshold"], rows)]
    for suite in report.suites.values():
        lines += _suite(suite)
    return "\n".join(lines).rstrip() + "\n"


def _suite(suite: SuiteResult) -> list[str]:
    lines = [f"## {suite.name.capitalize()} ({suite.status}, {suite.seconds:.1f} s)", ""]
    if suite.message:
        lines += [md(suite.message), ""]
    for metric_table in suite.tables:
        lines += _table(metric_table)
    problems = PROBLEMS.get(suite.name, lambda cases: [])(suite.cases)
    notes = [*suite.notes, *problems]
    if notes:
        lines += [f"### Findings ({len(notes)})", ""]
        lines += [f"- {md(n)}" for n in notes[:MAX_LISTED]]
        if len(notes) > MAX_LISTED:
            lines.append(f"- … and {len(notes) - MAX_LISTED} more (see the HTML or JSON report)")
        lines.append("")
    return lines


def _table(t: Table) -> list[str]:
    lines = [f"### {md(t.title)}", "", *table(t.columns, t.rows)]
    if t.note:
        lines += [f"_{md(t.note)}_", ""]
    return lines


def draft_problems(cases: list[dict[str, Any]]) -> list[str]:
    """One line per missed fact, hallucination, ungrounded item and coverage problem."""
    out = []
    for case in cases:
        name = case["name"]
        if "error" in case:
            out.append(f"{name}: drafting failed: {case['error']}")
            continue
        for claim in case["claims"]:
            if claim["found"]:
                out.append(f"{name}: HALLUCINATION '{claim['claim']}' in item '{claim['item']}'")
        for item in case["items"]:
            if not item["supported"]:
                out.append(
                    f"{name}: ungrounded {item['section']}[{item['index']}] '{item['text']}' "
                    f"({item['reason']})"
                )
        cov = case["coverage"]
        for section in cov["sections"]:
            if not section["ok"]:
                out.append(f"{name}: coverage of {section['section']}: {'; '.join(section['problems'])}")
        if cov["header_missing"]:
            out.append(f"{name}: header missing {', '.join(cov['header_missing'])}")
        for fact in case["facts"]:
            if not fact["covered"]:
                out.append(f"{name}: missed fact ({fact['section']}) '{fact['fact']}' — {fact['rule']}")
    return out


def retrieval_problems(cases: list[dict[str, Any]]) -> list[str]:
    """One line per question whose gold documents are not all in the hybrid top 5."""
    out = []
    for case in cases:
        hybrid = case["systems"]["hybrid"]
        if hybrid["recall"] < 1:
            missing = [g for g in case["gold"] if g not in hybrid["ranked"][:5]]
            out.append(
                f"{case['id']} ({case['type']}): recall@5 {hybrid['recall']:.2f}, missing "
                f"{', '.join(missing)}; top 5: {', '.join(hybrid['ranked'][:5])}"
            )
    return out


def answer_problems(cases: list[dict[str, Any]]) -> list[str]:
    """One line per wrong refusal, invalid citation, unsupported sentence and missing keyword."""
    out = []
    for case in cases:
        qid = case["id"]
        if "error" in case:
            out.append(f"{qid}: failed: {case['error']}")
            continue
        if case["type"] == "unanswerable" and not case["refused"]:
            out.append(f"{qid}: answered an unanswerable question: '{case['answer'][:200]}'")
        if case["type"] != "unanswerable" and case["refused"]:
            out.append(f"{qid}: refused an answerable question")
        if not case["valid"]:
            why = f"markers {case['dangling']} resolve to nothing" if case["dangling"] else "no citation"
            out.append(f"{qid}: invalid citations ({why})")
        for sentence in case.get("sentences", []):
            if not sentence["supported"]:
                out.append(f"{qid}: unsupported sentence '{sentence['sentence']}' ({sentence['reason']})")
        if case.get("keywords_missing") and not case["refused"]:
            out.append(f"{qid}: answer lacks {', '.join(case['keywords_missing'])}")
    return out


def checker_problems(cases: list[dict[str, Any]]) -> list[str]:
    """One line per pair the checker judged wrong."""
    return [
        f"{c['id']} ({c['kind']}): expected {'supported' if c['supported'] else 'unsupported'}, "
        f"got {c['reason']} — claim '{c['claim']}'"
        for c in cases
        if not c["correct"]
    ]


PROBLEMS = {
    "drafts": draft_problems,
    "retrieval": retrieval_problems,
    "answers": answer_problems,
    "checker": checker_problems,
}
