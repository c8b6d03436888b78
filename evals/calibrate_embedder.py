"""Fits Ask's refusal threshold and whole-corpus floor for an embedder other than MiniLM (issue 27).

    RAPPORTEUR_EMBEDDER=multilingual-e5-small .venv/bin/python evals/calibrate_embedder.py \
        --home DIR [--questions FILE ...]

DIR holds the field corpus (../shared/fieldset/corpus) indexed with that embedder. Two kinds of
questions over it are read: the field set's (English) and evals/multilingual/questions.jsonl (the
same kind, in French, Spanish and Arabic). For every question the best evidence score
(`AskService.evidence_score`, after the question's UN names are given their English form) is
compared with the threshold: answerable questions must reach it, unanswerable ones must not. The
threshold is fitted on each set and reported on the other (held out), then on both together:
the value to ship. Whole-corpus questions: the floor with the best mean F2 of the sessions listed
against their gold documents, as evals/calibrate_refusal.py does for MiniLM.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from itertools import pairwise
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.ask.language import question_language, with_english_names  # noqa: E402
from assistant.ask.questions import is_aggregate  # noqa: E402
from assistant.ask.service import AskService  # noqa: E402
from assistant.config import load_settings  # noqa: E402
from assistant.corpus.store import CorpusIndex  # noqa: E402


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")


def _threshold(scored: list[tuple[float, bool]]) -> tuple[float, int]:
    """The threshold with the fewest errors (answerable below it, unanswerable at or above it); ties
    go to the middle of the widest gap."""
    values = sorted({s for s, _ in scored})
    candidates = [(a + b) / 2 for a, b in pairwise(values)] or values
    best: tuple[int, float, float] | None = None
    for t in candidates:
        errors = sum((s < t) == answerable for s, answerable in scored)
        margin = min((abs(s - t) for s, _ in scored), default=0.0)
        if best is None or (errors, -margin) < (best[0], -best[1]):
            best = (errors, margin, t)
    assert best is not None
    return best[2], best[0]


def _errors(scored: list[tuple[float, bool]], t: float) -> int:
    return sum((s < t) == answerable for s, answerable in scored)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", required=True,
                        help="a home holding the field corpus indexed with the embedder")
    parser.add_argument("--questions", nargs="*", default=[
        str(REPO.parent / "shared" / "fieldset" / "questions.jsonl"),
        str(REPO / "evals" / "multilingual" / "questions.jsonl")])
    parser.add_argument("--verbose", action="store_true", help="each question's score on stderr")
    args = parser.parse_args()
    settings = load_settings(home=args.home)
    index = CorpusIndex(settings)
    service = AskService(index, settings)
    multilingual = index.embedder.spec.multilingual
    sets: dict[str, list[tuple[float, bool]]] = {}
    floors: dict[str, list[tuple[dict[str, float], set[str]]]] = {}
    for path in args.questions:
        name = Path(path).parent.name
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            text = q["question"]
            lang = question_language(text, multilingual)
            if lang is not None:
                text = with_english_names(text, lang)
            score = service.evidence_score(text)
            sets.setdefault(name, []).append((score, q["type"] != "unanswerable"))
            if args.verbose:
                print(f"{score:6.3f} {q['type']:12} {q['question'][:70]}", file=sys.stderr)
            if q["type"] == "aggregate" or (lang is None and is_aggregate(text)):
                sessions = {h.doc_id: h.score for h in service.aggregate_candidates(text)}
                floors.setdefault(name, []).append((sessions, {_slug(g) for g in q["gold_docs"]}))
    report: dict[str, object] = {"embedder": index.embedder.name}
    names = list(sets)
    for held in names:
        fit = [x for n in names if n != held for x in sets[n]]
        if not fit:
            continue
        t, _ = _threshold(fit)
        report[f"refusal fitted without {held}"] = round(t, 3)
        report[f"errors on {held} (held out)"] = f"{_errors(sets[held], t)} of {len(sets[held])}"
    everything = [x for n in names for x in sets[n]]
    t, errors = _threshold(everything)
    report["refusal (all sets)"] = round(t, 3)
    report["errors (all sets)"] = f"{errors} of {len(everything)}"
    # whole-corpus floor: mean F2 of the sessions listed against the gold documents
    cases = [c for n in floors for c in floors[n]]
    if cases:
        best = None
        for step in range(0, 101):
            floor = 0.5 + step * 0.01
            f2s = []
            for sessions, gold in cases:
                listed = {_slug(d) for d, s in sessions.items() if s >= floor}
                hit = len(listed & gold)
                p = hit / len(listed) if listed else 0.0
                r = hit / len(gold) if gold else 0.0
                f2s.append(5 * p * r / (4 * p + r) if p + r else 0.0)
            mean = sum(f2s) / len(f2s)
            if best is None or mean > best[0] + 1e-9:
                best = (mean, floor)
        assert best is not None
        report["aggregate floor"] = round(best[1], 3)
        report["aggregate mean F2"] = round(best[0], 3)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
