"""Diagnose why the drafts' sections fail the form, and fit seating (`seating.py`, `seating.json`).

Tried and not shipped (issue 22, session 14): see README.md, "Seating". Three steps, because
drafting is the slow part:

    # draft every notes file of some dataset folders; keep each case's candidate points (section
    # scores, eligibility, where the selection placed them), its labelled facts and its coverage
    PYTHONPATH=$PWD .venv/bin/python evals/section-model/fit_seating.py record /tmp/seat.pkl \
        dev=evals/datasets styles=evals/styles field=../shared/fieldset

    # why each failing section unit fails, per set
    PYTHONPATH=$PWD .venv/bin/python evals/section-model/fit_seating.py diagnose /tmp/seat.pkl

    # grid-search the parameters on the recorded sets but one, report that one held out, in turn;
    # `--write` stores the parameters fitted on all the named `--fit` sets
    PYTHONPATH=$PWD .venv/bin/python evals/section-model/fit_seating.py fit /tmp/seat.pkl \
        --fit dev styles field [--extra s12 fill] [--write]

The objective is the drafts suite's own section judgement (`coverage_units`) on the counts alone:
a material section fails when empty or under min(form minimum, facts labelled there), a section
without material fails when filled. Counts are taken from the selection's placement (a point split
in two later counts once), so the figures are a close stand-in; `rapporteur eval --suite drafts`
gives the real ones.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from seating import Limits, Seat, SeatingParameters, seat

ALL = ["key_issues", "wsis_views", "tangible_outcomes", "action_plan", "thematic_suggestions"]
SECTIONS = {"key_issues": Limits(5, 8), "wsis_views": Limits(5, 8), "tangible_outcomes": Limits(3, 5),
            "action_plan": Limits(2, 5)}
GRID = {
    "placed_rate": [0.6, 0.8, 1.0],
    "unplaced_rate": [0.0, 0.1, 0.3],
    "floor": [0.0, 0.05, 0.1, 0.2, 0.3],
    "min_gain": [0.02, 0.05, 0.1, 0.2],
}
DATA = Path(__file__).resolve().parent / "seating.json"


def record(out: str, folders: list[str]) -> None:
    """Draft every notes file of each `name=folder` (against its own corpus, else the dev corpus) and
    pickle each case's candidates, labelled facts and section counts, and coverage."""
    from assistant.config import Settings
    from assistant.drafting.engines import extractive
    from assistant.drafting.service import DraftService
    from assistant.evaluation.context import EvalContext
    from assistant.evaluation.datasets import load_dataset, load_notes_cases
    from assistant.evaluation.suites.drafts import _score_document, _visible_notes

    seen: dict[str, Any] = {}
    original = extractive.ExtractiveDrafter.select

    def select(self: Any, candidates: list[Any], wanted: list[str]) -> Any:
        chosen = original(self, candidates, wanted)
        where = {c.row: sid for sid, items in chosen.items() for c in items}
        seen["cands"] = [{"scores": dict(c.scores), "eligible": sorted(c.eligible), "where": where.get(c.row),
                          "text": c.text} for c in candidates]
        seen["planned"] = sorted(self._planned)
        return chosen

    extractive.ExtractiveDrafter.select = select  # type: ignore[method-assign]
    cases: dict[tuple[str, str], Any] = {}
    for arg in folders:
        name, _, folder = arg.partition("=")
        root = Path(folder)
        corpus = root if (root / "corpus").exists() else Path("evals/datasets")
        ctx = EvalContext(settings=Settings(), dataset=load_dataset(corpus), engine="extractive")
        service = DraftService(ctx.index, ctx.run_settings)
        for case in load_notes_cases(root / "notes" if (root / "notes").is_dir() else root):
            seen.clear()
            document = service.draft(case.text, engine="extractive").document
            facts, _, coverage = _score_document(document, case, ctx, _visible_notes(case.text))
            seen["facts"] = [f.to_json() for f in facts]
            seen["coverage"] = coverage
            if "cands" in seen:
                material = dict(Counter(f.section for f in case.must_cover))
                cases[(name, case.name)] = dict(seen, material=material,
                                                material_sections=list(case.material_sections))
            print(name, case.name, flush=True)
        ctx.close()
    with open(out, "wb") as handle:
        pickle.dump(cases, handle)


def labelled(case: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """(candidate, section) pairs of one case: each covered fact's section, on the candidate whose
    text made the item that covers it."""
    by_text = {c["text"]: c for c in case["cands"]}
    pairs = []
    for fact in case.get("facts", []):
        if not fact["covered"]:
            continue
        item = fact["item"]
        cand = by_text.get(item) or next(
            (c for c in case["cands"] if c["text"][:40] in item or item[:40] in c["text"]), None)
        if cand is not None:
            pairs.append((cand, fact["section"]))
    return pairs


def fit_logit(cases: dict[tuple[str, str], Any], names: list[str]) -> dict[str, Any]:
    """The conditional-logit weights (score, eligible, placed, a bias per section) by gradient descent
    on the log-likelihood of the labelled sections of the named sets' placed points."""
    rows = [pair for (name, _), case in cases.items() if name in names for pair in labelled(case)]
    x = np.array([[[c["scores"].get(s, 0.0), s in c["eligible"], c["where"] == s] for s in ALL]
                   for c, _ in rows], dtype=float)
    y = np.array([ALL.index(section) for _, section in rows])
    w, b = np.zeros(3), np.zeros(len(ALL))
    for _ in range(3000):
        u = x @ w + b
        p = np.exp(u - u.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(len(y)), y] -= 1
        w -= 0.5 * (np.einsum("ns,nsf->f", p, x) / len(y) + 1e-3 * w)
        b -= 0.5 * p.mean(axis=0)
    bias = {s: round(float(v), 3) for s, v in zip(ALL, b, strict=True)}
    return {"score_weight": round(float(w[0]), 3), "eligible_weight": round(float(w[1]), 3),
            "placed_weight": round(float(w[2]), 3), "bias": bias}


def judge(counts: dict[str, int], material: dict[str, int], material_sections: list[str]) -> int:
    """Failing section units of one draft, as the drafts suite counts them (bullet sections only)."""
    fails = 0
    for sid, limits in SECTIONS.items():
        held = counts.get(sid, 0)
        if sid in material_sections:
            fails += not (held > 0 and min(limits.low, material.get(sid, 0)) <= held <= limits.high)
        else:
            fails += held > 0
    return fails


def failures(cases: dict[tuple[str, str], Any], params: SeatingParameters | None, names: list[str]) -> int:
    """Failing section units over the named sets, with seating (`params`) or without (None)."""
    total = 0
    for (name, _), case in cases.items():
        if name not in names:
            continue
        limits = {sid: lim for sid, lim in SECTIONS.items() if sid not in case["planned"]}
        seats = [Seat(c["scores"], frozenset(c["eligible"]), c["where"]) for c in case["cands"]]
        where = seat(seats, limits, params) if params else [s.section for s in seats]
        total += judge(Counter(w for w in where if w), case["material"], case["material_sections"])
    return total


def best(cases: dict[tuple[str, str], Any], names: list[str]) -> tuple[int, SeatingParameters]:
    """The grid's parameters with the fewest failing units on the named sets (the gentlest on ties:
    higher floor and gain first, so the fewest points move)."""
    found: tuple[int, SeatingParameters] | None = None
    keys = list(GRID)
    logit = fit_logit(cases, names)
    for values in itertools.product(*(GRID[k] for k in keys)):
        params = SeatingParameters(**{**logit, **dict(zip(keys, values, strict=True))})
        if params.unplaced_rate > params.placed_rate:
            continue
        score = failures(cases, params, names)
        rank = (score, -params.floor, -params.min_gain)
        if found is None or rank < (found[0], -found[1].floor, -found[1].min_gain):
            found = (score, params)
    assert found is not None
    return found


def diagnose(paths: list[str]) -> None:
    """Why each section unit of the recorded drafts fails, counted per set: the section's kind of
    failure (left empty, under its share, over its maximum, padding) and, for a material section that
    holds too few, where its labelled facts went: drafted in another section, drafted from a candidate
    the selection left out, or no candidate at all (the notes reader dropped the line, or it was cut
    as too short to be a point)."""
    cases = load(paths)
    for name in sorted({n for n, _ in cases}):
        kinds: Counter[str] = Counter()
        causes: Counter[str] = Counter()
        for (set_name, _), case in cases.items():
            if set_name != name or "coverage" not in case:
                continue
            texts = [c["text"].lower() for c in case["cands"]]
            placed = [c["text"].lower() for c in case["cands"] if c["where"]]
            for unit in case["coverage"]["sections"]:
                if unit["ok"]:
                    continue
                kind = "empty" if not unit["filled"] else \
                    "over" if any("above" in p for p in unit["problems"]) else "under"
                kinds[kind] += 1
                for fact in case["facts"]:
                    if fact["section"] != unit["section"]:
                        continue
                    key = (fact["keywords"] or [fact["fact"]])[0].lower()
                    if fact["covered"]:
                        causes["in place" if fact["item_section"] == unit["section"] else "elsewhere"] += 1
                    elif any(key in t for t in placed):
                        causes["placed, not matched"] += 1
                    elif any(key in t for t in texts):
                        causes["candidate left out"] += 1
                    else:
                        causes["no candidate"] += 1
            kinds["padding"] += len(case["coverage"]["filled_without_material"])
        print(f"{name}: failing units {dict(kinds)}; facts of the short sections: {dict(causes)}")


def load(paths: list[str]) -> dict[tuple[str, str], Any]:
    """The recorded cases of several `record` files, in one mapping."""
    cases: dict[tuple[str, str], Any] = {}
    for path in paths:
        with open(path, "rb") as handle:
            cases.update(pickle.load(handle))
    return cases


def fit(paths: list[str], fit_sets: list[str], extra: list[str], write: bool) -> None:
    """Report each fit set held out (fitted on the others and the `extra` sets), then every recorded
    set with the parameters fitted on all of them; `write` stores those."""
    cases = load(paths)
    names = sorted({name for name, _ in cases})
    for held in fit_sets:
        others = [n for n in fit_sets if n != held] + extra
        score, params = best(cases, others)
        print(f"held out {held}: without {failures(cases, None, [held])} failing units, "
              f"with {failures(cases, params, [held])} (fit on {others}: {score}; {params})")
    score, params = best(cases, fit_sets + extra)
    print(f"fit on {fit_sets + extra}: {params}")
    for name in names:
        print(f"  {name}: without {failures(cases, None, [name])}, with {failures(cases, params, [name])}")
    if write:
        DATA.write_text(json.dumps(params.__dict__, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {DATA}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("out")
    rec.add_argument("folders", nargs="+")
    fitting = sub.add_parser("fit")
    fitting.add_argument("paths", nargs="+")
    fitting.add_argument("--fit", nargs="+", required=True)
    fitting.add_argument("--extra", nargs="*", default=[], help="sets always fitted on, never held out")
    fitting.add_argument("--write", action="store_true")
    diagnosing = sub.add_parser("diagnose")
    diagnosing.add_argument("paths", nargs="+")
    args = parser.parse_args()
    if args.step == "record":
        record(args.out, args.folders)
    elif args.step == "diagnose":
        diagnose(args.paths)
    else:
        fit(args.paths, args.fit, args.extra, args.write)
