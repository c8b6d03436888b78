"""Fit the grounding checker's floors and alignment weights on labelled claim/evidence pairs.

Four sets of pairs: `dev` (evals/datasets/grounding.jsonl, ids g…), `written` (the same file, ids
w…: pairs written in new wordings for issue 24, in batches), `field`
(../shared/fieldset/grounding.jsonl) and `batches` (evals/checker-pairs/*.jsonl, the later written
batches, less those in HELD_BACK, which are never fitted on: they are read under the fit on all
four and printed last, each on its own).
Each candidate setting is scored by balanced accuracy (the mean of supported pairs accepted and
unsupported pairs caught). Many floors score the same (the pairs whose parts all align sit either
far below or far above them), so ties go to the widest margin: the floor farthest from the similarity
of every such pair, as a maximum-margin classifier would place it; then to the setting closest to the
one before the fit (`REFERENCE`), so a held-out row never borrows from the fit on all three sets.
Two stages: the alignment weights (clause and polarity margins) with the floors, over their grid;
then the figure weights (approximate tolerance, bound reach, share rounding) over theirs, the
alignment weights held at the first stage's choice (the figure weights only change which figures
align, never a similarity). The script prints the figures with each set held out in turn (fitted on
the other two, read on it), then the fit on all three; `--write` stores the weights in
assistant/domain/templates/checker-weights.toml.
The floors (`similarity_floor`, `anchored_floor`, `anchors_for_lower_floor`) are settings
(`GroundingThresholds` in assistant/config.py): the script prints the fitted values beside them.

    .venv/bin/python evals/fit_checker.py [--write]

The blind set is never read here.
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import dataclass
from pathlib import Path

from assistant.config import GroundingThresholds, Settings
from assistant.corpus.embeddings import Embedder
from assistant.drafting.checks import GroundingChecker
from assistant.drafting.checks.facts import anchors
from assistant.drafting.checks.weights import WEIGHTS_FILE, CheckerWeights

ROOT = Path(__file__).resolve().parents[1]
FILES = {
    "dev": ROOT / "evals/datasets/grounding.jsonl",
    "field": ROOT.parent / "shared/fieldset/grounding.jsonl",
}
# The written batches kept beside the dev set (evals/checker-pairs/), a fourth set; the batches named
# in HELD_BACK are never fitted on (each round's clean held-out check).
BATCHES = ROOT / "evals/checker-pairs"
HELD_BACK = ("batch27-held-out.jsonl", "batch28-held-out.jsonl", "batch29-after-changes.jsonl",
             "batch31-after-changes.jsonl", "batch32-held-out.jsonl", "batch33-after-changes.jsonl",
             "batch34-held-out.jsonl", "batch35-held-out.jsonl")
HELD = "held:"  # the set name of a held-back batch: `held:batch34-held-out.jsonl`, read, never fitted on
CLAUSE_MARGINS: tuple[float, ...] = (0.04, 0.08, 0.12)
POLARITY_MARGINS: tuple[float, ...] = (0.02, 0.05, 0.1, 0.15)
APPROXIMATE: tuple[float, ...] = (0.06, 0.12, 0.2)
BOUND_REACH: tuple[float, ...] = (0.25, 0.5, 1.0)
SHARE_ROUNDING: tuple[float, ...] = (0.005, 0.01, 0.02)
FIGURE_REFERENCE = (0.12, 0.5, 0.01)  # (approximate_tolerance, bound_reach, share_rounding) before the fit
FLOORS = tuple(round(0.30 + 0.025 * n, 3) for n in range(11))  # 0.30 … 0.55
ANCHORED = tuple(round(0.20 + 0.025 * n, 3) for n in range(7))  # 0.20 … 0.35
ANCHOR_COUNTS = (1, 2, 3, 4)
# (clause_margin, polarity_margin, similarity_floor, anchored_floor, anchors_for_lower_floor) before the fit
REFERENCE = (0.08, 0.1, 0.45, 0.30, 3)


@dataclass
class Case:
    """One labelled pair as the checker saw it under one setting of the alignment weights."""

    set: str
    kind: str
    supported: bool
    similarity: float
    facts_ok: bool  # every checkable part aligned
    anchors: int


INDEPENDENT = ROOT / "evals/indep-s14"  # batches A, B, C by writers who never read the code


def load_pairs(every_set: bool = False) -> list[tuple[str, dict]]:
    """(set name, pair) for every labelled pair of the three sets; with `every_set`, each written batch
    and each independent batch (indepA/B/C) is a set of its own and none is held back from the fit."""
    if every_set:
        found = load_pairs()
        named = [(name.removeprefix(HELD).removesuffix(".jsonl") if name.startswith(HELD) else name, p)
                 for name, p in found if name != "batches"]
        for path in sorted(BATCHES.glob("*.jsonl")):
            if path.name not in HELD_BACK:
                named += [(path.stem, json.loads(line)) for line in
                          path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for path in sorted(INDEPENDENT.glob("ask-*/grounding.jsonl")):
            named += [(f"indep{path.parent.name[-1]}", json.loads(line)) for line in
                      path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return named
    pairs = []
    for name, path in FILES.items():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pair = json.loads(line)
                pairs.append(("written" if name == "dev" and pair["id"].startswith("w") else name, pair))
    for path in sorted(BATCHES.glob("*.jsonl")):
        name = f"{HELD}{path.name}" if path.name in HELD_BACK else "batches"
        pairs += [(name, json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    return pairs


def cases_for(
    checker: GroundingChecker, pairs: list[tuple[str, dict]], weights: CheckerWeights,
) -> list[Case]:
    """Verdict inputs of every pair with these weights (floors at zero: they are applied afterwards)."""
    checker.weights = weights
    verdicts = checker.check_many([(p["claim"], [p["evidence"]]) for _, p in pairs])
    return [
        Case(name, p["kind"], bool(p["supported"]), v.similarity, not v.missing,
             anchors(p["claim"], p["evidence"]))
        for (name, p), v in zip(pairs, verdicts, strict=True)
    ]


def predict(case: Case, floor: float, anchored: float, count: int) -> bool:
    """The checker's rule: every part aligned, and similarity above the floor that applies."""
    if not case.facts_ok:
        return False
    return case.similarity >= (min(floor, anchored) if case.anchors >= count else floor)


def rates(cases: list[Case], setting: tuple[float, float, int]) -> tuple[float, float]:
    """(supported accepted, unsupported caught) of the cases under a floor setting."""
    sup = [c for c in cases if c.supported]
    uns = [c for c in cases if not c.supported]
    accepted = sum(predict(c, *setting) for c in sup) / len(sup) if sup else 1.0
    caught = sum(not predict(c, *setting) for c in uns) / len(uns) if uns else 1.0
    return accepted, caught


def by_kind(cases: list[Case], setting: tuple[float, float, int]) -> str:
    """Unsupported caught per kind of claim (`negation 12/13`), for the held-out figures."""
    kinds = sorted({c.kind for c in cases if not c.supported})
    shown = []
    for kind in kinds:
        chosen = [c for c in cases if not c.supported and c.kind == kind]
        shown.append(f"{kind} {sum(not predict(c, *setting) for c in chosen)}/{len(chosen)}")
    return ", ".join(shown)


def margin(cases: list[Case], setting: tuple[float, float, int]) -> float:
    """The least distance from a pair's similarity to the floor that applies to it (pairs whose parts
    all align: the others are refused whatever the floor)."""
    floor, anchored, count = setting
    gaps = [
        abs(c.similarity - (min(floor, anchored) if c.anchors >= count else floor))
        for c in cases if c.facts_ok
    ]
    return min(gaps, default=0.0)


def fit(table: dict[tuple[float, float], list[Case]], names: set[str], shipped: tuple) -> tuple:
    """The weights and floors with the best balanced accuracy on the named sets."""
    best: tuple | None = None
    for (clause, polarity), cases in table.items():
        chosen = [c for c in cases if c.set in names]
        for setting in itertools.product(FLOORS, ANCHORED, ANCHOR_COUNTS):
            accepted, caught = rates(chosen, setting)
            score = (accepted + caught) / 2
            candidate = (clause, polarity, *setting)
            distance = sum(abs(a - b) for a, b in zip(candidate, shipped, strict=True))
            key = (round(score, 6), round(margin(chosen, setting), 3), -distance)
            if best is None or key > best[0]:
                best = (key, candidate)
    assert best is not None
    return best[1]


def fit_figures(
    checker: GroundingChecker, pairs: list[tuple[str, dict]], alignment: tuple, names: set[str],
    cache: dict[tuple, list[Case]],
) -> tuple:
    """The figure weights with the best balanced accuracy on the named sets, the alignment weights
    and floors held at `alignment` (ties to the setting closest to FIGURE_REFERENCE)."""
    best: tuple | None = None
    for figure in itertools.product(APPROXIMATE, BOUND_REACH, SHARE_ROUNDING):
        cases = run_setting(checker, pairs, alignment[:2], figure, cache)
        chosen = [c for c in cases if c.set in names]
        accepted, caught = rates(chosen, alignment[2:])
        distance = sum(abs(a - b) / b for a, b in zip(figure, FIGURE_REFERENCE, strict=True))
        key = (round((accepted + caught) / 2, 6), -distance)
        if best is None or key > best[0]:
            best = (key, figure)
    assert best is not None
    return best[1]


def run_setting(
    checker: GroundingChecker, pairs: list[tuple[str, dict]], alignment: tuple, figure: tuple,
    cache: dict[tuple, list[Case]],
) -> list[Case]:
    """The cases under one setting of every weight (computed once)."""
    key = (*alignment, *figure)
    if key not in cache:
        weights = CheckerWeights(
            clause_margin=alignment[0], polarity_margin=alignment[1], approximate_tolerance=figure[0],
            bound_reach=figure[1], share_rounding=figure[2],
        )
        cache[key] = cases_for(checker, pairs, weights)
    return cache[key]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="store the fitted alignment weights")
    parser.add_argument("--small", action="store_true",
                        help="a small grid (clause margin 0.08, polarity 0.1/0.15, figures as shipped) "
                             "with the floors' full grid: minutes instead of most of an hour")
    parser.add_argument("--every-set", action="store_true",
                        help="leave out each pair set in turn: dev, written, field, every written batch, "
                             "the independent batches A, B, C (none held back from the fit)")
    args = parser.parse_args()
    global CLAUSE_MARGINS, POLARITY_MARGINS, APPROXIMATE, BOUND_REACH, SHARE_ROUNDING
    if args.small:
        CLAUSE_MARGINS, POLARITY_MARGINS = (0.08,), (0.1, 0.15)
        APPROXIMATE, BOUND_REACH, SHARE_ROUNDING = ((v,) for v in FIGURE_REFERENCE)
    settings = Settings()
    checker = GroundingChecker(Embedder(settings.model_path()), GroundingThresholds(
        similarity_floor=0.0, anchored_floor=0.0, anchors_for_lower_floor=0))
    pairs = load_pairs(args.every_set)
    shipped_floors = GroundingThresholds()
    shipped = REFERENCE
    cache: dict[tuple, list[Case]] = {}
    table = {
        (clause, polarity): run_setting(checker, pairs, (clause, polarity), FIGURE_REFERENCE, cache)
        for clause, polarity in itertools.product(CLAUSE_MARGINS, POLARITY_MARGINS)
    }
    sets = list(dict.fromkeys(name for name, _ in pairs)) if args.every_set else ["dev", "written", "field",
                                                                                  "batches"]
    print("held out | fitted on     | setting (clause, polarity, floor, anchored, anchors) | figures "
          "(approximate, bound, share) | supported accepted | unsupported caught")
    for held in sets:
        names = set(sets) - {held}
        fitted = fit(table, names, shipped)
        figure = fit_figures(checker, pairs, fitted, names, cache)
        cases = [c for c in run_setting(checker, pairs, fitted[:2], figure, cache) if c.set == held]
        accepted, caught = rates(cases, fitted[2:])
        others = "all others" if args.every_set else "+".join(s for s in sets if s != held)
        print(f"{held:8} | {others:13} | {fitted} | {figure} | "
              f"{accepted:.3f} ({sum(c.supported for c in cases)}) | {caught:.3f} "
              f"({sum(not c.supported for c in cases)}) | {by_kind(cases, fitted[2:])}")
    fitted = fit(table, set(sets), shipped)
    figure = fit_figures(checker, pairs, fitted, set(sets), cache)
    print(f"all {len(sets)}: {fitted}, figures {figure}")
    held_back = sorted({name for name, _ in pairs if name.startswith(HELD)})
    for name in sets + held_back:
        cases = [c for c in run_setting(checker, pairs, fitted[:2], figure, cache) if c.set == name]
        accepted, caught = rates(cases, fitted[2:])
        print(f"  {name:8} supported accepted {accepted:.3f}, unsupported caught {caught:.3f}"
              + (f" ({by_kind(cases, fitted[2:])})" if name.startswith(HELD) else ""))
    print(f"shipped floors: similarity_floor {shipped_floors.similarity_floor}, "
          f"anchored_floor {shipped_floors.anchored_floor}, "
          f"anchors_for_lower_floor {shipped_floors.anchors_for_lower_floor}")
    if args.write:
        text = WEIGHTS_FILE.read_text(encoding="utf-8")
        head = [line for line in text.splitlines() if line.startswith("#")]
        WEIGHTS_FILE.write_text("\n".join([
            *head,
            f"clause_margin = {fitted[0]}     # clauses this close to the closest one align too",
            f"polarity_margin = {fitted[1]}   # gain when a negation is taken away: a reversal",
            f"approximate_tolerance = {figure[0]}  # relative distance of an approximate figure",
            f"bound_reach = {figure[1]}  # relative distance of a bound (more than half / 52%)",
            f"share_rounding = {figure[2]}  # shares this close align (two thirds / 66%)",
        ]) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
