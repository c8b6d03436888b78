"""Calibrates the refusal threshold and the whole-corpus floor of Ask on the dev question set.

    .venv/bin/python evals/calibrate_refusal.py [--home DIR]

How the numbers are chosen:
- Refusal: for every question (but "which sessions did X organise", answered from metadata), the
  best evidence score of any chunk
  (`AskService.evidence_score`: cosine similarity + keyword coverage of the question's subject).
  Answerable questions must score above the threshold, unanswerable ones below; the proposed
  threshold is the middle of the gap between the best unanswerable and the worst answerable score
  (if the two overlap, the value with the fewest errors). This dev-only figure is shown for
  reference: `AskThresholds.refusal` in assistant/config.py is now cross-validated on the dev and
  field sets together with the answerability settings by evals/calibrate_answerability.py.
- Whole-corpus questions: for every aggregate question, each session's best evidence for the
  question's subject; a session is listed when its score reaches the floor. The script searches the
  floor with the best mean F2 (recall-weighted) against `gold_docs` (whether to answer at all is the
  refusal threshold's job, on the question itself). Each floor is judged by its F2 averaged with
  its neighbours (±SMOOTHING), so the choice sits on a plateau rather than on a single lucky point;
  ties go to the lower floor. `AskThresholds.aggregate_floor` in assistant/config.py holds the value.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "evals"))

from dev_ask_metrics import load_questions, open_index  # noqa: E402

from assistant.ask.questions import core_topic, is_aggregate  # noqa: E402
from assistant.ask.service import AskService  # noqa: E402
from assistant.config import AskThresholds  # noqa: E402

REFUSAL_THRESHOLD = AskThresholds().refusal
AGGREGATE_FLOOR = AskThresholds().aggregate_floor

SMOOTHING = 0.05


def refusal_threshold(scores: dict[str, list[tuple[float, str]]]) -> tuple[float, float]:
    """(proposed threshold, gap) from answerable and unanswerable scores; a negative gap is overlap."""
    answerable = sorted(scores["answerable"])
    unanswerable = sorted(scores["unanswerable"])
    low, high = unanswerable[-1][0], answerable[0][0]
    if high > low:
        return (low + high) / 2, high - low
    candidates = sorted({s for s, _ in answerable + unanswerable})
    def errors(t: float) -> int:
        return sum(s < t for s, _ in answerable) + sum(s >= t for s, _ in unanswerable)
    best = min(candidates, key=errors)
    return best, high - low


def f_beta(kept: set[str], gold: set[str], beta: float = 2.0) -> float:
    """F-beta of a listed set of sessions against the gold ones (1.0 when both are empty).

    beta = 2 weighs recall four times as much as precision: a whole-corpus answer that misses a
    session misleads more than one that lists an extra session, which the reader sees is off-topic.
    """
    if not kept and not gold:
        return 1.0
    if not kept or not gold:
        return 0.0
    tp = len(kept & gold)
    if tp == 0:
        return 0.0
    precision, recall = tp / len(kept), tp / len(gold)
    return (1 + beta**2) * precision * recall / (beta**2 * precision + recall)


def listed(sessions: list[tuple[str, float]], floor: float) -> set[str]:
    """Sessions a whole-corpus answer lists at this floor."""
    return {d for d, s in sessions if s >= floor}


def _organiser_only(service: AskService, question: str) -> bool:
    """True for "which sessions did X organise": answered from organiser metadata, with no floor."""
    if not is_aggregate(question):
        return False
    organiser = service.retriever.organiser_in(question)
    return bool(organiser) and not core_topic(question, organiser)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", help="an existing Rapporteur home holding the indexed sample corpus")
    args = parser.parse_args()
    index = open_index(args.home)
    service = AskService(index, index.settings)
    questions = load_questions()

    scores: dict[str, list[tuple[float, str]]] = {"answerable": [], "unanswerable": []}
    for q in questions:
        if _organiser_only(service, q["question"]):
            continue  # listed by organiser metadata: never refused for lack of evidence
        group = "unanswerable" if q["type"] == "unanswerable" else "answerable"
        scores[group].append((service.evidence_score(q["question"]), q["id"]))
    print("Refusal: best evidence score per question")
    for group, values in scores.items():
        values.sort()
        numbers = [s for s, _ in values]
        print(f"  {group:12} n={len(values):2}  min={min(numbers):.3f}  "
              f"median={statistics.median(numbers):.3f}  max={max(numbers):.3f}")
        print("    " + "  ".join(f"{i}:{s:.2f}" for s, i in values))
    threshold, gap = refusal_threshold(scores)
    print(f"  gap between worst answerable and best unanswerable: {gap:.3f}")
    print(f"  proposed REFUSAL_THRESHOLD = {threshold:.2f}   (current: {REFUSAL_THRESHOLD})")

    cases: list[tuple[str, set[str], list[tuple[str, float]]]] = []
    for q in questions:
        text = q["question"]
        if q["type"] != "aggregate" or _organiser_only(service, text):
            continue
        hits = service.aggregate_candidates(text)
        cases.append((q["id"], set(q["gold_docs"]), [(h.doc_id, h.score) for h in hits]))
    print("\nWhole-corpus questions: each session's best evidence (* = gold)")
    for qid, gold, sessions in cases:
        shown = "  ".join(f"{'*' if d in gold else '.'}{s:.2f}" for d, s in sessions[:10])
        print(f"  {qid}: {shown}")
    floors = [round(0.30 + 0.025 * i, 3) for i in range(29)]
    grid = {fl: statistics.mean(f_beta(listed(s, fl), g) for _, g, s in cases) for fl in floors}

    def smoothed(fl: float) -> float:  # a single best floor is fragile: judge each by its neighbours too
        return statistics.mean(grid[f] for f in floors if abs(f - fl) <= SMOOTHING + 1e-9)

    floor = max(floors, key=lambda fl: (round(smoothed(fl), 6), -fl))
    print(f"  mean F2 by floor (and smoothed over ±{SMOOTHING}):")
    shown = [fl for fl in floors if 0.4 <= fl <= 0.8]
    print("    " + "  ".join(f"{fl:.3f}:{grid[fl]:.2f}/{smoothed(fl):.2f}" for fl in shown))
    print(f"  proposed AGGREGATE_FLOOR = {floor:.3f}   (current: {AGGREGATE_FLOOR}, "
          f"mean F2 {grid.get(round(AGGREGATE_FLOOR, 3), float('nan')):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
