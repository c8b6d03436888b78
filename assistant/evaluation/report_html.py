"""HTML form of an evaluation report: one self-contained page (inline CSS, no script, no external file).

Per draft it shows every item with its evidence and verdict, the facts and the must_not_claim
statements; per question the ranked documents, the answer, its citations and verdicts. Every
text from a dataset, a draft or an answer goes through `html.escape`: notes are data, never markup.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from assistant.evaluation.report_markdown import PROBLEMS

if TYPE_CHECKING:
    from assistant.evaluation.report import EvalReport, SuiteResult, Table

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;
color:#1b1f24;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.9rem}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}.ok{color:#116329;font-weight:600}.bad{color:#b3261e;font-weight:600}
.muted{color:#57606a}.pill{display:inline-block;padding:0 .4rem;border-radius:.6rem;font-size:.8rem}
.pill.ok{background:#dafbe1}.pill.bad{background:#ffebe9}details{margin:.3rem 0 .6rem}
summary{cursor:pointer}pre{white-space:pre-wrap;background:#f6f8fa;padding:.5rem;border-radius:4px}
.ev{font-size:.85rem;color:#3d444d}.gold{background:#fff8c5}
"""


def e(value: Any) -> str:
    """Escape any value for HTML text or attributes."""
    return escape(str(value), quote=True)


def verdict(ok: bool, yes: str = "supported", no: str = "unsupported") -> str:
    """A coloured pill."""
    return f'<span class="pill {"ok" if ok else "bad"}">{e(yes if ok else no)}</span>'


def html_table(columns: list[str], rows: list[list[str]], raw: bool = False) -> str:
    """A table; cells are escaped unless `raw` (already built from escaped parts)."""
    head = "".join(f"<th>{e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{v if raw else e(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(report: EvalReport) -> str:
    """The whole report as one HTML page."""
    parts = [
        f"<h1>Rapporteur evaluation {verdict(report.ok, 'PASS', 'FAIL')}</h1>",
        '<p class="muted">'
        + " · ".join(
            e(x)
            for x in (
                f"datasets {report.datasets}",
                f"engine {report.engine}",
                f"judge {report.judge}",
                f"started {report.started}",
                f"{report.seconds:.1f} s",
                f"thresholds {report.thresholds_file or 'none'}",
            )
        )
        + "</p>",
    ]
    if report.gate:
        rows = [[verdict(g.passed, "ok", "fail"), e(g.sentence)] for g in report.gate]
        parts += ["<h2>Gate</h2>", html_table(["", "threshold"], rows, raw=True)]
    if report.skipped or report.notes:
        items = [f"<li>suite {e(n)} skipped: {e(w)}</li>" for n, w in report.skipped.items()]
        items += [f"<li>{e(n)}</li>" for n in report.notes]
        parts += ["<h2>Skipped and noticed</h2>", "<ul>" + "".join(items) + "</ul>"]
    rows = []
    for name, suite in report.suites.items():
        for key, metric in suite.metrics.items():
            rows.append(
                [
                    f"{name}.{key}",
                    metric.shown(),
                    metric.judge,
                    "" if metric.support is None else str(metric.support),
                    metric.description,
                ]
            )
    if rows:
        parts += ["<h2>Figures</h2>", html_table(["figure", "value", "judge", "n", "what it measures"], rows)]
    for suite in report.suites.values():
        parts.append(_suite(suite))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Rapporteur evaluation</title><style>{CSS}</style></head><body>"
        + "\n".join(parts)
        + "</body></html>\n"
    )


def _suite(suite: SuiteResult) -> str:
    parts = [
        f'<h2>{e(suite.name.capitalize())} <span class="muted">({e(suite.status)}, '
        f"{suite.seconds:.1f} s)</span></h2>"
    ]
    if suite.message:
        parts.append(f"<p>{e(suite.message)}</p>")
    parts += [_table(t) for t in suite.tables]
    findings = [*suite.notes, *PROBLEMS.get(suite.name, lambda cases: [])(suite.cases)]
    if findings:
        parts.append(
            f"<details><summary>Findings ({len(findings)})</summary><ul>"
            + "".join(f"<li>{e(f)}</li>" for f in findings)
            + "</ul></details>"
        )
    details = CASES.get(suite.name)
    if details and suite.cases:
        parts.append(details(suite.cases))
    return "\n".join(parts)


def _table(t: Table) -> str:
    note = f'<p class="muted">{e(t.note)}</p>' if t.note else ""
    return f"<h3>{e(t.title)}</h3>" + html_table(t.columns, [[str(v) for v in row] for row in t.rows]) + note


def _evidence(evidence: list[dict[str, Any]]) -> str:
    if not evidence:
        return '<span class="bad">no evidence</span>'
    return "<br>".join(f'<span class="ev">line {e(x["line"])}: {e(x["text"])}</span>' for x in evidence)


def _draft_cases(cases: list[dict[str, Any]]) -> str:
    parts = ["<h3>Drafts</h3>"]
    for case in cases:
        if "error" in case:
            parts.append(
                f"<p><b>{e(case['name'])}</b>: {verdict(False, '', 'drafting failed')} {e(case['error'])}</p>"
            )
            continue
        facts = case["facts"]
        covered = sum(1 for f in facts if f["covered"])
        grounded = sum(1 for i in case["items"] if i["supported"])
        found = sum(1 for c in case["claims"] if c["found"])
        summary = (
            f"{e(case['name'])} — facts {covered}/{len(facts)}, grounded {grounded}/{len(case['items'])}, "
            f"hallucinations {found}, {case['seconds']} s"
        )
        header = html_table(["field", "value"], [[k, v] for k, v in case["header"].items()])
        items = html_table(
            ["section", "item", "evidence", "verdict"],
            [
                [
                    e(f"{i['section']}[{i['index']}]" + (f" ({i['part']})" if i.get("part") else "")),
                    e(i["text"]),
                    _evidence(i["evidence"]),
                    verdict(i["supported"])
                    + f' <span class="muted">{e(i["reason"])} (similarity {i["similarity"]})'
                    + (
                        f", judge: {'supported' if i['judge_supported'] else 'unsupported'}"
                        if "judge_supported" in i
                        else ""
                    )
                    + "</span>",
                ]
                for i in case["items"]
            ],
            raw=True,
        )
        fact_rows = html_table(
            ["fact", "section", "keywords", "verdict", "item"],
            [
                [
                    e(f["fact"]),
                    e(f["section"]),
                    e(", ".join(f["keywords"])),
                    verdict(f["covered"], "covered", "missed")
                    + f' <span class="muted">{e(f["rule"])}</span>',
                    e(f["item"]),
                ]
                for f in facts
            ],
            raw=True,
        )
        claim_rows = html_table(
            ["must not claim", "distinctive tokens", "verdict", "item"],
            [
                [
                    e(c["claim"]),
                    e(", ".join(c["tokens"])),
                    verdict(not c["found"], "absent", "FOUND"),
                    e(c["item"]),
                ]
                for c in case["claims"]
            ],
            raw=True,
        )
        base = html_table(
            ["baseline", "fact recall", "coverage", "hallucinations"],
            [
                [
                    name,
                    f"{100 * (b['fact_recall'] or 0):.1f} %",
                    f"{100 * b['coverage']:.1f} %",
                    str(b["hallucinations"]),
                ]
                for name, b in case["baselines"].items()
            ],
        )
        cov = case["coverage"]
        cov_rows = html_table(
            ["section with material", "verdict", "problems"],
            [
                [e(s["section"]), verdict(s["ok"], "ok", "incomplete"), e("; ".join(s["problems"]))]
                for s in cov["sections"]
            ],
            raw=True,
        )
        parts.append(
            f"<details><summary>{summary}</summary><h4>Header</h4>{header}<h4>Coverage</h4>{cov_rows}"
            f"<h4>Items</h4>{items}<h4>Facts</h4>{fact_rows}<h4>Must not claim</h4>{claim_rows}"
            f"<h4>Baselines on the same notes</h4>{base}</details>"
        )
    return "\n".join(parts)


def _ranked(ranked: list[str], gold: list[str]) -> str:
    return "<br>".join(
        f'<span class="{"gold" if d in gold else ""}">{i}. {e(d)}</span>' for i, d in enumerate(ranked[:5], 1)
    )


def _retrieval_cases(cases: list[dict[str, Any]]) -> str:
    rows = []
    for c in cases:
        systems = c["systems"]
        rows.append(
            [
                e(c["id"]),
                e(c["type"]),
                e(c["question"]),
                e(", ".join(c["gold"])),
                _ranked(systems["hybrid"]["ranked"], c["gold"]),
                verdict(
                    systems["hybrid"]["recall"] >= 1,
                    f"{systems['hybrid']['recall']:.2f}",
                    f"{systems['hybrid']['recall']:.2f}",
                )
                + f" RR {systems['hybrid']['rr']:.2f}",
                e(f"{systems['dense']['recall']:.2f} / {systems['keyword']['recall']:.2f}"),
            ]
        )
    return "<h3>Questions</h3>" + html_table(
        [
            "id",
            "type",
            "question",
            "gold",
            "hybrid top 5 (gold marked)",
            "recall@5",
            "dense / keyword recall@5",
        ],
        rows,
        raw=True,
    )


def _answer_cases(cases: list[dict[str, Any]]) -> str:
    parts = ["<h3>Answers</h3>"]
    for c in cases:
        if "error" in c:
            parts.append(f"<p><b>{e(c['id'])}</b> {verdict(False, '', 'failed')} {e(c['error'])}</p>")
            continue
        expected_refusal = c["type"] == "unanswerable"
        state = verdict(
            c["refused"] == expected_refusal,
            "refused" if c["refused"] else "answered",
            "refused" if c["refused"] else "answered",
        )
        citations_ok = verdict(c["valid"], "citations ok", "citations invalid")
        summary = f"{e(c['id'])} ({e(c['type'])}) {state} {citations_ok} {e(c['question'])}"
        sentences = (
            html_table(
                ["sentence", "cites", "verdict"],
                [
                    [
                        e(s["sentence"]),
                        e(s["cites"]),
                        verdict(s["supported"]) + f' <span class="muted">{e(s["reason"])}</span>',
                    ]
                    for s in c.get("sentences", [])
                ],
                raw=True,
            )
            if c.get("sentences")
            else ""
        )
        cites = html_table(
            ["n", "session", "section", "text"],
            [[str(x["n"]), x["doc_id"], x["section"], x["text"]] for x in c["citations"]],
        )
        keywords = ""
        if "keywords_found" in c:
            keywords = (
                f"<p>keywords found: {e(', '.join(c['keywords_found']) or '–')}; missing: "
                f"{e(', '.join(c['keywords_missing']) or '–')}</p>"
            )
        parts.append(
            f"<details><summary>{summary}</summary><pre>{e(c['answer'])}</pre>{keywords}"
            f"{sentences}{cites}</details>"
        )
    return "\n".join(parts)


def _checker_cases(cases: list[dict[str, Any]]) -> str:
    rows = [
        [
            e(c["id"]),
            e(c["kind"]),
            e(c["claim"]),
            e(c["evidence"]),
            verdict(c["supported"], "supported", "unsupported"),
            verdict(c["correct"], "right", "wrong") + f' <span class="muted">{e(c["reason"])}</span>',
        ]
        for c in cases
    ]
    return "<h3>Pairs</h3>" + html_table(
        ["id", "kind", "claim", "evidence", "label", "checker"], rows, raw=True
    )


CASES = {
    "drafts": _draft_cases,
    "retrieval": _retrieval_cases,
    "answers": _answer_cases,
    "checker": _checker_cases,
}
