"""Evaluate tab: runs the evaluation suite (issue 5) and shows its report.

The suite is written separately, so this tab reaches it through one small seam, `run_eval`. It
looks for a runner function in the first importable of `EVAL_MODULES` (names in `EVAL_FUNCTIONS`)
and calls it as `fn(settings, suite)` — adding `index=` when the function accepts it, so the app's
already-loaded index and model are reused. The returned report is shown rendered from its
`to_markdown()` (tables and headings, its data already escaped by the report) with its
`to_json()` / dict form below; the HTML report it wrote is offered as a download. Progress names
the stage (suite) being run and how far it is. Until a runner exists the tab says "evaluation
suite not installed".
"""

from __future__ import annotations

import importlib
import inspect
import json
import logging
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.evaluation.report import EvalReport
from assistant.evaluation.report_markdown import render_markdown
from assistant.ui.audit import audit
from assistant.ui.render import notice_html
from assistant.ui.services import AppServices

log = logging.getLogger(__name__)
EVAL_MODULES = ("assistant.evaluation", "evals.runner", "evals")
EVAL_FUNCTIONS = ("run_suite", "run_evaluation", "run_eval", "run")
SUITES = ("all", "qa", "drafting", "grounding")
NOT_INSTALLED = "evaluation suite not installed"


@dataclass
class EvalOutcome:
    """What the Evaluate tab shows: whether it ran, a text report and the report's data."""

    ok: bool
    message: str
    markdown: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def find_runner() -> Callable[..., Any] | None:
    """The evaluation runner function, or None when no suite is installed."""
    for module_name in EVAL_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # the module itself is absent
            raise
        for name in EVAL_FUNCTIONS:
            fn = getattr(module, name, None)
            if callable(fn):
                return fn
    return None


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def _report_parts(report: Any) -> tuple[str, dict[str, Any]]:
    markdown = ""
    data: dict[str, Any] = {}
    if isinstance(report, EvalReport):
        markdown = render_markdown(report)
    elif hasattr(report, "to_markdown"):
        markdown = str(report.to_markdown())
    if hasattr(report, "to_json"):
        # the per-case detail is in the written report files; the page shows the summary
        brief = _accepts(report.to_json, "with_cases")
        data = report.to_json(with_cases=False) if brief else report.to_json()
    elif isinstance(report, dict):
        data = report
    elif isinstance(report, str):
        markdown = markdown or report
    if not markdown and data:
        markdown = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    return markdown, data if isinstance(data, dict) else {"report": data}


def run_eval(
    settings: Settings, suite: str, *, index: Any = None, progress: Callable[[str], None] | None = None
) -> EvalOutcome:
    """Run one evaluation suite through the installed runner; never raises to the caller.

    `index` (the app's loaded index, for its model) and `progress` (a callback taking a message)
    are passed on only when the runner accepts them.
    """
    try:
        runner = find_runner()
    except ImportError as exc:
        return EvalOutcome(False, f"the evaluation suite is installed but cannot be loaded: {exc}")
    if runner is None:
        return EvalOutcome(False, f"{NOT_INSTALLED}: no runner found in {', '.join(EVAL_MODULES)}.")
    kwargs: dict[str, Any] = {}
    if index is not None and _accepts(runner, "index"):
        kwargs["index"] = index
    if progress is not None and _accepts(runner, "progress"):
        kwargs["progress"] = progress
    try:
        report = runner(settings, suite, **kwargs)
    except Exception as exc:  # the tab shows the failure instead of a traceback
        log.exception("evaluation suite %s failed", suite)
        return EvalOutcome(False, f"The evaluation suite {suite!r} failed: {type(exc).__name__}: {exc}")
    markdown, data = _report_parts(report)
    message = f"Evaluation suite {suite!r} finished."
    gate = data.get("ok") if isinstance(data, dict) else None
    if gate is not None:
        message += " All thresholds met." if gate else " Some thresholds were missed: see the report."
    files = data.get("files") if isinstance(data, dict) else None
    if isinstance(files, dict) and files:
        folder = Path(str(next(iter(files.values())))).parent
        message += f" Report files (Markdown, HTML, JSON) are also kept on the server in {folder}."
    return EvalOutcome(True, message, markdown, data)


# What each suite says when it starts work (see assistant/evaluation/suites); used to name stages.
STAGE_WORDS = {"drafting": "drafts", "searching": "retrieval", "asking": "answers", "checking": "checker",
               "scoring": "tags"}
SUITE_LABELS = {"drafts": "drafting", "retrieval": "retrieval", "answers": "answers",
                "checker": "grounding checker", "tags": "tags"}
_COUNT = re.compile(r"\((\d+)/(\d+)\)")


def suites_of(name: str) -> list[str]:
    """The suites a suite name or alias runs, in order (the name itself when it cannot be resolved)."""
    try:
        from assistant.evaluation.runner import resolve_suites

        return list(resolve_suites(name))
    except Exception:  # an unknown name: the runner reports it; progress just shows one stage
        return [name]


class StageProgress:
    """Turns the runner's progress messages into a fraction and a "stage k of n" description.

    A message like "drafting cyber_smes (3/12)" belongs to the drafts suite, third of twelve
    cases; other messages (indexing the corpus) keep the current stage at its start.
    """

    def __init__(self, suites: list[str], report: Callable[[float, str], None]) -> None:
        self.suites = suites
        self.report = report
        self.stage = 0

    def __call__(self, message: str) -> None:
        suite = STAGE_WORDS.get((message.split() or [""])[0].lower())
        if suite in self.suites:
            self.stage = self.suites.index(suite)
        count = _COUNT.search(message)
        inner = (int(count.group(1)) - 1) / max(1, int(count.group(2))) if count and suite else 0.0
        total = max(1, len(self.suites))
        name = SUITE_LABELS.get(self.suites[self.stage], self.suites[self.stage]) if self.suites else ""
        self.report(min(1.0, (self.stage + inner) / total),
                    f"Stage {self.stage + 1} of {total} ({name}): {message}")


def offer_html_report(data: dict[str, Any], exports: Path, user: str | None = None) -> str | None:
    """Copy the run's HTML report into this user's download folder; its path, or None when there is none."""
    from assistant.ui.ownership import export_folder

    files = data.get("files") if isinstance(data, dict) else None
    source = Path(str(files.get("html"))) if isinstance(files, dict) and files.get("html") else None
    if source is None or not source.is_file():
        return None
    name = f"rapporteur-eval-{datetime.now(UTC):%Y%m%d-%H%M%S}.html"
    target = export_folder(exports, user, "evaluation-reports") / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return str(target)


def build_evaluate_tab(services: AppServices) -> dict[str, Any]:
    """Lay out the Evaluate tab inside the current Blocks and wire its event."""
    gr.Markdown(
        "Run the project's evaluation datasets (drafting, retrieval, answers, grounding checker) with "
        "the configured engine. *all* takes several minutes; *grounding* under a minute. The suite "
        "also writes its report (Markdown, HTML, JSON) under RAPPORTEUR_HOME. Admins only."
    )
    with gr.Row():
        suite = gr.Dropdown(label="Suite", choices=list(SUITES), value="all", allow_custom_value=True,
                            scale=3, elem_id="eval-suite")
        run_btn = gr.Button("Run evaluation", variant="primary", scale=1, elem_id="eval-run")
    notice = gr.HTML(elem_id="eval-notice")
    download = gr.DownloadButton("⬇ HTML report", value=None, visible=False, size="sm",
                                 elem_id="eval-download")
    report = gr.Markdown(elem_id="eval-report", sanitize_html=True, latex_delimiters=[],
                         elem_classes=["rp-report"])
    with gr.Accordion("Report data (JSON)", open=False):
        data = gr.JSON(show_label=False, elem_id="eval-data")

    def on_run(name: str | None, request: gr.Request, progress=gr.Progress()):  # noqa: B008
        user = getattr(request, "username", None)
        if not services.policy.may_change_corpus(user):
            message = services.policy.refusal(user).replace("change the corpus", "run the evaluation")
            return notice_html(message, "error"), "", None, gr.update(value=None, visible=False)
        suite = (name or "all").strip()
        stages = StageProgress(suites_of(suite), lambda fraction, desc: progress(fraction, desc=desc))
        progress(0.0, desc=f"Starting the evaluation ({len(stages.suites)} "
                           f"stage{'s' if len(stages.suites) != 1 else ''})")
        audit("evaluate", user, suite=suite)
        outcome = run_eval(services.settings, suite, index=services.index, progress=stages)
        audit("evaluate-done", user, suite=suite, ok=int(outcome.ok))
        html_report = offer_html_report(outcome.data, services.exports_path, user) if outcome.ok else None
        return (notice_html(outcome.message, "ok" if outcome.ok else "warn"), outcome.markdown,
                outcome.data or None, gr.update(value=html_report, visible=bool(html_report)))

    def on_load(request: gr.Request):
        allowed = services.policy.may_change_corpus(getattr(request, "username", None))
        return gr.update(interactive=allowed)

    run_btn.click(on_run, [suite], [notice, report, data, download], api_name="evaluate",
                  concurrency_id="evaluate", concurrency_limit=1, show_progress_on=[report])
    return {"load": (on_load, [run_btn])}
