"""Runs the evaluation: loads a dataset folder, runs the chosen suites, applies the gate, writes the report.

`run_evaluation` is the one entry point, shared by `rapporteur eval` and the web app's Evaluate
tab. Suites: drafts, retrieval, answers, checker, tags (or all; the Evaluate tab's names qa, drafting and
grounding are accepted too). A suite whose data is missing is skipped with the reason; a suite
that fails is reported as an error (and fails the gate) while the others still run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.ask.engines import ANSWER_ENGINES
from assistant.config import Settings
from assistant.drafting.engines import DRAFT_ENGINES
from assistant.errors import InputError
from assistant.evaluation.context import EvalContext
from assistant.evaluation.datasets import load_dataset
from assistant.evaluation.judge import Judge
from assistant.evaluation.report import RULES, EvalReport, SuiteResult
from assistant.evaluation.thresholds import PROJECT_EVALS, apply_gate, load_thresholds, thresholds_file
from assistant.evaluation.writers import write_report

log = logging.getLogger(__name__)
SUITES = ("drafts", "retrieval", "answers", "checker", "tags")
ALIASES = {
    "all": SUITES,
    "qa": ("retrieval", "answers"),
    "drafting": ("drafts",),
    "grounding": ("checker",),
    "draft": ("drafts",),
    "ask": ("retrieval", "answers"),
}
NEEDS = {
    "drafts": ("notes",),
    "retrieval": ("questions", "corpus"),
    "answers": ("questions", "corpus"),
    "checker": ("grounding",),
    "tags": ("tags", "corpus"),
}


def default_datasets() -> Path:
    """The project's evals/datasets (next to the package in a checkout, else under the working folder)."""
    bundled = PROJECT_EVALS / "datasets"
    return bundled if bundled.is_dir() else Path.cwd() / "evals" / "datasets"


def resolve_suites(suites: str | Sequence[str] | None) -> list[str]:
    """Suite names in run order from a name, an alias or a list; ValueError names the valid ones."""
    names = [suites] if isinstance(suites, str) else list(suites or ["all"])
    chosen: list[str] = []
    for name in names:
        key = str(name).strip().lower()
        expanded = ALIASES.get(key, (key,))
        for suite in expanded:
            if suite not in SUITES:
                raise InputError(f"unknown suite {name!r}; choose from {', '.join((*SUITES, 'all'))}")
            chosen.append(suite)
    return [s for s in SUITES if s in chosen]


def _runner(suite: str) -> Callable[[EvalContext], SuiteResult]:
    if suite == "drafts":
        from assistant.evaluation.suites.drafts import run_drafts

        return run_drafts
    if suite == "retrieval":
        from assistant.evaluation.suites.retrieval import run_retrieval

        return run_retrieval
    if suite == "answers":
        from assistant.evaluation.suites.answers import run_answers

        return run_answers
    if suite == "tags":
        from assistant.evaluation.suites.tags import run_tags

        return run_tags
    from assistant.evaluation.suites.checker import run_checker

    return run_checker


def make_judge(
    settings: Settings, engine: str, model: str | None, judge_model: str | None, judge_chat_model: Any = None
) -> Judge | None:
    """The LLM judge of this run, if any: a given chat model, `judge_model`, or the llm engine's model."""
    from assistant.llm.chat_model import endpoint_of, make_chat_model

    if judge_chat_model is not None:
        name = judge_model or type(judge_chat_model).__name__
        return Judge(judge_chat_model, name)
    spec = judge_model or (model or settings.llm_model if engine == "llm" else None)
    if not spec:
        return None
    return Judge(make_chat_model(settings, spec), spec, endpoint=endpoint_of(settings, spec))


def run_evaluation(
    settings: Settings,
    suites: str | Sequence[str] | None = "all",
    datasets: Path | str | None = None,
    engine: str | None = None,
    out: Path | str | None = None,
    *,
    model: str | None = None,
    judge_model: str | None = None,
    thresholds: Path | str | None = None,
    index: Any = None,
    chat_model: Any = None,
    judge_chat_model: Any = None,
    progress: Callable[[str], None] | None = None,
    tag_labels: Path | str | None = None,
) -> EvalReport:
    """Run suites on a dataset folder and return the report (also written to `out` as md, html, json).

    `settings` are the user's (engine default, model, embedding model); the corpus is indexed in a
    temporary home, never in `settings.home`. `index` may be the caller's loaded index: only its
    embedding model is reused. `out` defaults to RAPPORTEUR_HOME/eval-reports. `chat_model` and
    `judge_chat_model` are ready LangChain chat models (tests pass fakes). Raises ValueError (or
    its subclasses DatasetError, ThresholdsError) for bad arguments or malformed data.
    """
    started = time.perf_counter()
    chosen = resolve_suites(suites)
    engine_name = (engine or ("llm" if chat_model is not None else settings.engine) or "extractive").lower()
    engine_name = ANSWER_ENGINES.resolve(engine_name)
    DRAFT_ENGINES.resolve(engine_name)
    root = Path(datasets) if datasets is not None else default_datasets()
    dataset = load_dataset(root)
    if tag_labels is not None:  # labels kept outside the dataset folder (e.g. for a shared field set)
        labels_path = Path(tag_labels)
        if not labels_path.is_file():
            raise InputError(f"no tag labels file at {labels_path}")
        dataset.tag_labels = labels_path
        dataset.missing.pop("tags", None)
    gate_file = thresholds_file(root, Path(thresholds) if thresholds is not None else None)
    limits = load_thresholds(gate_file) if gate_file else []
    judge = make_judge(settings, engine_name, model, judge_model, judge_chat_model)
    report = EvalReport(
        datasets=str(root),
        engine=engine_name if engine_name != "llm" else f"llm ({model or settings.llm_model})",
        judge=judge.name if judge else RULES,
        started=datetime.now(UTC).isoformat(timespec="seconds"),
        thresholds_file=str(gate_file or ""),
    )
    embedder = getattr(index, "embedder", None) if index is not None else None
    ctx = EvalContext(
        settings=settings,
        dataset=dataset,
        engine=engine_name,
        model=model,
        chat_model=chat_model,
        judge=judge,
        embedder=embedder,
        progress=progress or (lambda message: None),
    )
    try:
        for suite in chosen:
            missing = [dataset.missing[part] for part in NEEDS[suite] if part in dataset.missing]
            if missing:
                report.skipped[suite] = "; ".join(missing)
                report.suites[suite] = SuiteResult(name=suite, status="skipped", message="; ".join(missing))
                continue
            suite_started = time.perf_counter()
            try:
                result = _runner(suite)(ctx)
            except Exception as exc:  # one broken suite is reported; the others still run
                log.exception("evaluation suite %s failed", suite)
                result = SuiteResult(name=suite, status="error", message=f"{type(exc).__name__}: {exc}")
            result.seconds = time.perf_counter() - suite_started
            report.suites[suite] = result
    finally:
        report.notes = list(ctx.index_notes)
        ctx.close()
    apply_gate(report, limits)
    report.seconds = time.perf_counter() - started
    write_report(report, Path(out) if out is not None else settings.home / "eval-reports")
    return report
