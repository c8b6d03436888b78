"""Evaluate tab: runs the evaluation suite (issue 5) and shows its report.

The suite is written separately, so this tab reaches it through one small seam, `run_eval`. It
looks for a runner function in the first importable of `EVAL_MODULES` (names in `EVAL_FUNCTIONS`)
and calls it as `fn(settings, suite)` — adding `index=` when the function accepts it, so the app's
already-loaded index and model are reused. The returned report is shown through its
`to_markdown()` (as escaped, preformatted text) and `to_json()` / dict form. Until a runner
exists the tab says "evaluation suite not installed".
"""

from __future__ import annotations

import html
import importlib
import inspect
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.evaluation.report import EvalReport
from assistant.evaluation.report_markdown import render_markdown
from assistant.ui.audit import audit
from assistant.ui.render import esc, notice_html
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
        message += f" Report files: {', '.join(str(f) for f in files.values())}."
    return EvalOutcome(True, message, markdown, data)


def report_html(markdown: str) -> str:
    """The Markdown report as preformatted text, every character shown as written.

    The Markdown report already turns `&`, `<` and `>` into entities (for Markdown viewers);
    `html.unescape` undoes exactly that before `esc` escapes once for this page.
    """
    return f'<pre class="rp-report">{esc(html.unescape(markdown))}</pre>' if markdown else ""


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
    report = gr.HTML(elem_id="eval-report")
    with gr.Accordion("Report data (JSON)", open=False):
        data = gr.JSON(show_label=False, elem_id="eval-data")

    def on_run(name: str | None, request: gr.Request, progress=gr.Progress()):  # noqa: B008
        user = getattr(request, "username", None)
        if not services.policy.may_change_corpus(user):
            message = services.policy.refusal(user).replace("change the corpus", "run the evaluation")
            return notice_html(message, "error"), "", None
        progress(0.0, desc="Starting the evaluation")
        suite_name = (name or "all").strip()
        audit("evaluate", user, suite=suite_name)
        outcome = run_eval(services.settings, suite_name, index=services.index,
                           progress=lambda message: progress(None, desc=message))
        audit("evaluate-done", user, suite=suite_name, ok=int(outcome.ok))
        return (notice_html(outcome.message, "ok" if outcome.ok else "warn"), report_html(outcome.markdown),
                outcome.data or None)

    def on_load(request: gr.Request):
        allowed = services.policy.may_change_corpus(getattr(request, "username", None))
        return gr.update(interactive=allowed)

    run_btn.click(on_run, [suite], [notice, report, data], api_name="evaluate",
                  concurrency_id="evaluate", concurrency_limit=1)
    return {"load": (on_load, [run_btn])}
