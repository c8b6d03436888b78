"""Cross-validates the answerability settings of Ask on the dev and field question sets together.

    .venv/bin/python evals/calibrate_answerability.py [--dev-home DIR] [--field-home DIR]
        [--field ../shared/fieldset]

Three numbers decide whether Ask answers or refuses (see `assistant/qa.py`):
- `REFUSAL_THRESHOLD`: the best evidence score (cosine + keyword coverage) a question needs at all;
- `DETAIL_SCORE`: the score a sentence needs to count as stating an asked detail (an amount, a
  count, a year…) about the question's subject;
- `DETAIL_SESSION_GAP`: how far below the best session a session may score and still be read.

How they are chosen without tuning on what is reported: each question set (dev, field) is split in
two halves (every other question of each type, in file order); the halves A (dev A + field A) and
B (dev B + field B) are fitted in turn, and the other half is reported. Fitting minimises the
decision errors on the fitting half (answerable questions refused + unanswerable questions
answered); among equally good settings it takes the middle of the best range. The held-out half
is then asked in full with the fitted settings and scored like `rapporteur eval --suite answers`
(refusals, false refusals, keyword recall, whole-corpus session precision and recall, citation
validity). The values kept in `qa.py` are the mean of the two fits.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.ask import service as qa  # noqa: E402
from assistant.ask.search import SearchFilters  # noqa: E402
from assistant.config import AskThresholds, load_settings  # noqa: E402
from assistant.corpus.store import CorpusIndex  # noqa: E402
from assistant.evaluation.datasets import doc_key  # noqa: E402
from assistant.evaluation.metrics import found_keywords  # noqa: E402
from assistant.evaluation.suites.answers import check_answer  # noqa: E402

THRESHOLDS = [round(0.55 + 0.01 * i, 3) for i in range(36)]
DETAIL_SCORES = [round(0.40 + 0.02 * i, 3) for i in range(31)]
GAPS = [0.1, 0.15, 0.2, 0.3, 0.5]
NEVER = float("inf")


@dataclass
class Case:
    """One question with what its refusal decision depends on."""

    set_name: str
    row: dict[str, Any]
    evidence: float
    by_metadata: bool  # answered from metadata: never refused for lack of evidence
    fixed_refusal: bool  # refused whatever the settings (an identifier or a name no passage holds)
    detail_key: dict[float, float] = field(default_factory=dict)  # gap -> best detail score (-inf: none)
    asks_detail: bool = False

    @property
    def answerable(self) -> bool:
        return self.row["type"] != "unanswerable"

    def refused(self, threshold: float, score: float, gap: float) -> bool:
        if not self.by_metadata and self.evidence < threshold:
            return True
        if self.fixed_refusal:
            return True
        return self.asks_detail and self.detail_key[gap] < score


@contextmanager
def settings(services: list[qa.AskService], threshold: float, score: float, gap: float) -> Iterator[None]:
    """These services' Ask thresholds (settings.ask) set to these values for the duration."""
    saved = [service.settings.ask for service in services]
    for service in services:
        service.settings.ask = service.settings.ask.model_copy(
            update={"refusal": threshold, "detail_score": score, "detail_session_gap": gap})
    try:
        yield
    finally:
        for service, ask in zip(services, saved, strict=True):
            service.settings.ask = ask


def open_index(home: str | None, corpus: Path) -> CorpusIndex:
    """The index at `home`, or `corpus` indexed into a fresh temporary home."""
    if home:
        return CorpusIndex(load_settings(home=home))
    index = CorpusIndex(load_settings(home=tempfile.mkdtemp(prefix="rapporteur-cv-")))
    index.ingest([corpus])
    return index


def features(set_name: str, service: qa.AskService, row: dict[str, Any]) -> Case:
    """Everything the refusal decision of one question depends on, computed once."""
    question = row["question"]
    evidence = service.evidence_score(question)
    with settings([service], -NEVER, -NEVER, 0.0):
        plan = service._plan(question, SearchFilters(), 5)
    with settings([service], NEVER, -NEVER, 0.0):
        by_metadata = service._plan(question, SearchFilters(), 5).kind != "refusal"
    fixed = plan.kind == "refusal" and plan.check is None
    case = Case(set_name, row, evidence, by_metadata, fixed)
    if plan.kind == "search" or (plan.kind == "refusal" and plan.check is not None):
        for gap in GAPS:
            check = service.detail_check(question, plan.hits, min_score=-NEVER, session_gap=gap)
            if check is None:
                break
            case.asks_detail = True
            case.detail_key[gap] = max((found[0] for found in check.found.values() if found), default=-NEVER)
    return case


def errors(cases: list[Case], threshold: float, score: float, gap: float) -> int:
    """Decision errors: answerable questions refused plus unanswerable ones answered."""
    return sum(c.refused(threshold, score, gap) == c.answerable for c in cases)


def fit(cases: list[Case]) -> tuple[float, float, float, int]:
    """The settings with the fewest errors on these cases; the middle of the best range on ties."""
    combos = itertools.product(THRESHOLDS, DETAIL_SCORES, GAPS)
    grid = {(t, s, g): errors(cases, t, s, g) for t, s, g in combos}
    best = min(grid.values())
    winners = [k for k, v in grid.items() if v == best]
    gap = statistics.mode(g for _, _, g in winners)
    threshold = statistics.median(sorted({t for t, _, g in winners if g == gap}))
    score = statistics.median(sorted({s for t, s, g in winners if g == gap}))
    return threshold, score, gap, best


def halves(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every other question of each type, in file order: (A, B)."""
    first: list[dict[str, Any]] = []
    second: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for row in rows:
        n = seen.get(row["type"], 0)
        (first if n % 2 == 0 else second).append(row)
        seen[row["type"]] = n + 1
    return first, second


def score_answers(service: qa.AskService, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Ask each question and score it as the answers suite does."""
    refused_unanswerable, false_refusals, keywords, precision, recall, valid = [], [], [], [], [], []
    for row in rows:
        answer = service.ask(row["question"], k=5, engine="extractive")
        valid.append(check_answer(answer)["valid"])
        if row["type"] == "unanswerable":
            refused_unanswerable.append(answer.refused)
            continue
        false_refusals.append(answer.refused)
        if row.get("answer_keywords"):
            found = found_keywords(answer.answer, row["answer_keywords"])
            keywords.append(len(found) / len(row["answer_keywords"]))
        if row["type"] == "aggregate":
            gold = {doc_key(g) for g in row["gold_docs"]}
            cited = {c.doc_id for c in answer.citations}
            precision.append(len(cited & gold) / len(cited) if cited else 0.0)
            recall.append(len(cited & gold) / len(gold) if gold else 1.0)
    return {
        "unanswerable_refused": f"{sum(refused_unanswerable)}/{len(refused_unanswerable)}",
        "false_refusals": f"{sum(false_refusals)}/{len(false_refusals)}",
        "keyword_recall": round(statistics.mean(keywords), 3) if keywords else None,
        "aggregate_precision": round(statistics.mean(precision), 3) if precision else None,
        "aggregate_recall": round(statistics.mean(recall), 3) if recall else None,
        "citation_validity": round(statistics.mean(valid), 3) if valid else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev-home", help="a home holding the indexed sample corpus (corpus/)")
    parser.add_argument("--field-home", help="a home holding the indexed field corpus")
    parser.add_argument("--field", default=str(REPO.parent / "shared" / "fieldset"),
                        help="the field set folder")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    field_dir = Path(args.field)
    sets = {
        "dev": (open_index(args.dev_home, REPO / "corpus"), REPO / "evals" / "datasets" / "questions.jsonl"),
        "field": (open_index(args.field_home, field_dir / "corpus"), field_dir / "questions.jsonl"),
    }
    services = {name: qa.AskService(index, index.settings) for name, (index, _) in sets.items()}
    split: dict[str, list[tuple[str, dict[str, Any]]]] = {"A": [], "B": []}
    for name, (_, path) in sets.items():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        first, second = halves(rows)
        split["A"] += [(name, r) for r in first]
        split["B"] += [(name, r) for r in second]
    cases = {half: [features(name, services[name], row) for name, row in rows]
             for half, rows in split.items()}
    result: dict[str, Any] = {"folds": {}}
    fits = []
    for fitted, held in (("A", "B"), ("B", "A")):
        threshold, score, gap, fit_errors = fit(cases[fitted])
        fits.append((threshold, score, gap))
        held_errors = errors(cases[held], threshold, score, gap)
        fold: dict[str, Any] = {
            "fitted_on": fitted, "reported_on": held,
            "settings": {"REFUSAL_THRESHOLD": threshold, "DETAIL_SCORE": score, "DETAIL_SESSION_GAP": gap},
            "decision_errors_fit": fit_errors, "decision_errors_held_out": held_errors,
        }
        with settings(list(services.values()), threshold, score, gap):
            for name in sets:
                rows = [row for set_name, row in split[held] if set_name == name]
                fold[f"held_out_{name}"] = score_answers(services[name], rows)
        result["folds"][f"fit {fitted} / report {held}"] = fold
    result["kept"] = {
        "REFUSAL_THRESHOLD": round(statistics.mean(f[0] for f in fits), 3),
        "DETAIL_SCORE": round(statistics.mean(f[1] for f in fits), 3),
        "DETAIL_SESSION_GAP": round(statistics.mean(f[2] for f in fits), 3),
    }
    current = AskThresholds()
    result["current"] = {"REFUSAL_THRESHOLD": current.refusal, "DETAIL_SCORE": current.detail_score,
                         "DETAIL_SESSION_GAP": current.detail_session_gap}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, fold in result["folds"].items():
            print(f"{name}: {fold['settings']}  errors fit={fold['decision_errors_fit']} "
                  f"held-out={fold['decision_errors_held_out']}")
            for key in ("held_out_dev", "held_out_field"):
                print(f"    {key}: {fold[key]}")
        print(f"kept (mean of the two fits): {result['kept']}   current: {result['current']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
