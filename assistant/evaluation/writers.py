"""Writes an `EvalReport` to disk as Markdown, HTML and JSON (the data lives in `report.py`, the
page layouts in `report_markdown.py` and `report_html.py`)."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.evaluation.report import EvalReport
from assistant.evaluation.report_html import render_html
from assistant.evaluation.report_markdown import render_markdown


def write_report(report: EvalReport, out: Path, stem: str = "eval") -> dict[str, str]:
    """Write `STEM.md`, `STEM.html` and `STEM.json` into `out`; returns and records their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"markdown": out / f"{stem}.md", "html": out / f"{stem}.html", "json": out / f"{stem}.json"}
    report.files = {kind: str(path) for kind, path in paths.items()}
    paths["markdown"].write_text(render_markdown(report), encoding="utf-8")
    paths["html"].write_text(render_html(report), encoding="utf-8")
    paths["json"].write_text(
        json.dumps(report.to_json(), ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
    )
    return report.files
