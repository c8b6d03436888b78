"""An operator's check of a real OpenAI-compatible server before pointing Rapporteur at it.

Asks one question over two built-in sources (the Ask engine, streamed) and drafts one outcome
document from built-in illustrative notes (or --notes FILE) with the llm engine, then prints how
long each took and which fallbacks fired: a stream that brought nothing (asked again without
streaming), repair rounds, answers cut at the output limit, sections drafted offline because the
model failed or the time budget was spent. Nothing is saved; the corpus is not needed (an empty
temporary home unless --home names one, whose index then supplies example items).

    .venv/bin/python benchmarks/llm_smoke.py --base-url http://127.0.0.1:8080/v1 --model qwen2.5-1.5b
    .venv/bin/python benchmarks/llm_smoke.py --base-url URL --model NAME --timeout 600 --budget 3600 --json

Exit codes: 0 both steps gave a result (look at the fallbacks), 3 the server could not be used.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import benchmarks.common  # noqa: F401  (offline environment, repository on sys.path)

QUESTION = "What did the sessions recommend to keep rural sensor networks running?"
SOURCES = (
    ("Rural sensor networks", "Speakers recommended funding the upkeep of river sensors, not only their "
     "purchase, and training local volunteers to check them after storms."),
    ("Shared gauge readings", "The session agreed that gauge readings should be published freely "
     "so that neighbouring countries can issue their own alerts."),
)
# Illustrative notes written for this check (not from any real session).
NOTES = """Session: Keeping rural sensor networks alive
Organisers: Highland Water Partnership
Leila Haddad (Highland Water Partnership): 40 river gauges were installed in the valley last year.
Marco Rossi (Regional Hydrology Office): a third of the gauges stopped reporting within six months.
LH: batteries and theft were the main causes of the outages.
MR: we recommend setting aside 5% of each installation budget for upkeep.
Leila Haddad: the partnership will train 30 village volunteers to service the gauges by June.
A participant proposed a session at next year's Forum on financing the upkeep of public sensors.
"""


class _Collector(logging.Handler):
    """Keeps the messages of the engines' fallback log."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _spec(model: str) -> str:
    return model if ":" in model else f"openai:{model}"


def ask_once(settings: Any, spec: str) -> dict[str, Any]:
    """One streamed answer over the built-in sources: seconds to the first piece and in all."""
    from assistant.ask.engines import ANSWER_ENGINES, AnswerEngineContext
    from assistant.ask.engines.base import AnswerRequest, EngineResult
    from assistant.ask.search import Hit

    hits = [Hit(chunk_id=f"smoke-{n}", text=text, metadata={"doc_id": f"smoke-{n}", "title": title},
                score=1.0) for n, (title, text) in enumerate(SOURCES, 1)]
    request = AnswerRequest(question=QUESTION, kind="search", hits=hits, relevance=lambda _t: 0.0,
                            label=lambda _h: "Key issues")
    engine = ANSWER_ENGINES.create("llm", AnswerEngineContext(settings, spec, None))
    started = time.perf_counter()
    first: float | None = None
    pieces = 0
    text = ""
    for part in engine.stream(request):
        if isinstance(part, EngineResult):
            text = part.text
        elif part:
            pieces += 1
            first = first if first is not None else time.perf_counter() - started
    return {"seconds": round(time.perf_counter() - started, 2),
            "first_piece_s": round(first, 2) if first is not None else None,
            "pieces": pieces, "answer": text}


def draft_once(settings: Any, spec: str, notes: str, embedder: Any = None,
               log: Callable[[str], None] = print) -> dict[str, Any]:
    """One llm draft of the notes (not saved): seconds, and which sections the model wrote."""
    from assistant.corpus.store import CorpusIndex
    from assistant.drafting.engines.fallback import sections_drafted_offline
    from assistant.drafting.service import DraftService

    index = CorpusIndex(settings, embedder=embedder) if embedder is not None else CorpusIndex(settings)
    service = DraftService(index, settings, autosave=False)
    index.embedder.encode(["warm-up"])  # the embedding model's load is not the server's time
    started = time.perf_counter()
    draft = service.draft(notes, engine="llm", model=spec,
                          progress=lambda _fraction, message: log(f"  {message}"))
    offline = sections_drafted_offline(draft.document.sections)
    sections = {section.id: offline.get(section.id, "model") for section in draft.document.sections}
    return {"seconds": round(time.perf_counter() - started, 2), "sections": sections,
            "items": sum(len(s.items) for s in draft.document.sections),
            "grounded": round(draft.checks.grounding_rate, 2)}


def run_smoke(base_url: str, model: str, *, home: Path | None = None, notes: str = NOTES,
              timeout: float | None = None, budget: float | None = None, embedder: Any = None,
              log: Callable[[str], None] = print) -> dict[str, Any]:
    """Ask once and draft once against the server; the report (raises LLMError when it is unusable)."""
    from assistant.config import load_settings
    from assistant.llm.chat_model import fallback_log

    overrides: dict[str, Any] = {"openai_base_url": base_url}
    if timeout is not None:
        overrides["llm_timeout"] = timeout
    if budget is not None:
        overrides["llm_draft_budget"] = budget
    spec = _spec(model)
    collector = _Collector()
    level = fallback_log.level
    fallback_log.addHandler(collector)
    fallback_log.setLevel(logging.INFO)
    try:
        with tempfile.TemporaryDirectory(prefix="rapporteur-smoke-") as temp:
            settings = load_settings(home=home or Path(temp), **overrides)
            log(f"asking {spec} at {base_url} …")
            answer = ask_once(settings, spec)
            answer["fallbacks"] = list(collector.messages)
            collector.messages.clear()
            log(f"drafting with {spec} (per-call timeout {settings.llm_timeout:.0f} s, "
                f"budget {settings.llm_draft_budget:.0f} s) …")
            drafted = draft_once(settings, spec, notes, embedder, log)
            drafted["fallbacks"] = list(collector.messages)
    finally:
        fallback_log.removeHandler(collector)
        fallback_log.setLevel(level)
    return {"base_url": base_url, "model": spec, "ask": answer, "draft": drafted}


def print_report(report: dict[str, Any]) -> None:
    """The report as a few readable lines."""
    ask, drafted = report["ask"], report["draft"]
    print(f"\nserver {report['base_url']}, model {report['model']}")
    print(f"ask:   {ask['seconds']:.2f} s in all, first piece after {ask['first_piece_s']} s, "
          f"{ask['pieces']} piece(s)")
    print(f"       {ask['answer'][:200]}")
    offline = {sid: how for sid, how in drafted["sections"].items() if how != "model"}
    print(f"draft: {drafted['seconds']:.2f} s, {drafted['items']} items, grounded {drafted['grounded']:.0%}, "
          f"{len(drafted['sections']) - len(offline)} of {len(drafted['sections'])} sections by the model")
    for sid, how in offline.items():
        print(f"       {sid}: {how}")
    for step in ("ask", "draft"):
        fired = report[step]["fallbacks"]
        print(f"fallbacks ({step}): " + ("none" if not fired else f"{len(fired)}"))
        for message in fired:
            print(f"  - {message[:300]}")


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the check, print the report; the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="the server's OpenAI-compatible base URL (…/v1)")
    parser.add_argument("--model", required=True, help="the model name the server knows (or a full spec)")
    parser.add_argument("--notes", type=Path, help="notes to draft (default: built-in illustrative notes)")
    parser.add_argument("--home", type=Path, help="a Rapporteur home whose index supplies example items")
    parser.add_argument("--timeout", type=float, help="seconds per model call (RAPPORTEUR_LLM_TIMEOUT)")
    parser.add_argument("--budget", type=float,
                        help="seconds of model time per draft (RAPPORTEUR_LLM_DRAFT_BUDGET)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    from assistant.errors import LLMError

    notes = args.notes.read_text(encoding="utf-8") if args.notes else NOTES
    log: Callable[[str], None] = (lambda line: print(line, file=sys.stderr)) if args.json else print
    try:
        report = run_smoke(args.base_url, args.model, home=args.home, notes=notes, timeout=args.timeout,
                           budget=args.budget, log=log)
    except LLMError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
