"""Leave-one-set-out study of the answerability model's main weights: regularisation and feature sets.

    .venv/bin/python evals/answerability_loso.py --cases-cache FILE [--l2 0.3,1,3,10]
        [--variant NAME=feat,feat,...] [--backward] [--shipped FILE] [--json]

Reads the cases `evals/calibrate_answerability.py --cases-cache FILE` kept (every question set's
candidate sessions with their features and labels, at one detail floor) and, for each model
variant (an L2 strength and the features it reads, the others read as 0), fits the main weights on
every set but one and decides the left-out set's ordinary questions (answered or refused at the
threshold chosen on the fitting sets, as `calibrate_answerability.fit` does). A variant is judged by
its held-out wrong decisions summed over the sets (a near miss answered, an answerable question
refused), never by its training error: a model with many features fitted set by set may fit the
sets it saw and no other.

`--backward` drops, one at a time, the feature whose removal lowers the held-out error most (ties:
fewer features), while any removal does not raise it: the smallest feature set that generalises as
well. `--shipped FILE` adds the figures of a weights file as it is (held out only for the sets its
`fitted_on` does not list). Whole-corpus listing is not studied here (its `sessions` weights are
kept as shipped).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "evals"))

import calibrate_answerability as cal  # noqa: E402

from assistant.ask.answerability_model import FEATURES, AnswerabilityModel  # noqa: E402


def masked(cases: list[cal.Case], keep: tuple[str, ...]) -> list[cal.Case]:
    """The cases with every feature not in `keep` read as 0 (copies; the cache is left as read)."""
    drop = [i for i, name in enumerate(FEATURES) if name not in keep and not name.startswith("*")]
    out = []
    for case in cases:
        features = case.features.copy()
        if len(features):
            features[:, drop] = 0.0
        out.append(replace(case, features=features))
    return out


def with_products(sets: dict[str, list[cal.Case]],
                  products: list[tuple[str, str]]) -> dict[str, list[cal.Case]]:
    """The cases with one column appended per product of two features (an interaction studied as a
    candidate feature before it is computed by `session_features`)."""
    if not products:
        return sets
    pairs = [(cal.COLUMN[a], cal.COLUMN[b]) for a, b in products]
    return {name: [replace(c, features=np.hstack([c.features, np.array(
        [[row[i] * row[j] for i, j in pairs] for row in c.features]).reshape(len(c.features), len(pairs))]))
        for c in cases] for name, cases in sets.items()}


def fit_main(cases: list[cal.Case], l2: float) -> AnswerabilityModel:
    """`calibrate_answerability.fit` at this L2 strength (main weights and answer threshold)."""
    saved = cal.L2
    cal.L2 = l2
    try:
        return cal.fit(cases, [])
    finally:
        cal.L2 = saved


def best_probability(case: cal.Case, model: AnswerabilityModel) -> float:
    """The probability an ordinary question is decided by: its best session's among those whose best
    passage holds a common word of the question (all of them for a cross-lingual one), -1 when none
    (`calibrate_answerability.ordinary_refused`: answered when this reaches the threshold)."""
    if not len(case.features):
        return -1.0
    p = model.probability(case.features)
    if not case.cross_lingual:
        p = np.where(case.features[:, cal.COLUMN["common_coverage"]] > 0, p, -1.0)
    return float(p.max())


def fast_fit(cases: list[cal.Case], l2: float) -> AnswerabilityModel:
    """`fit_main`, its answer threshold chosen from each question's best probability computed once."""
    x, y, w = cal.training_matrix(cases)
    weights, bias, mean, scale = cal.fit_logistic(x, y, w, l2=l2)
    model = AnswerabilityModel([float(v) for v in weights], bias, [float(v) for v in mean],
                               [float(v) for v in scale])
    ordinary = [c for c in cases if not c.aggregate]
    best = np.array([best_probability(c, model) for c in ordinary])
    answerable = np.array([c.answerable for c in ordinary])
    wrong = {t: int(np.sum((best < t) == answerable)) for t in cal.GRID}
    least = min(wrong.values())
    model.answer_threshold = min((t for t, e in wrong.items() if e == least), key=lambda t: (abs(t - 0.5), t))
    return model


def errors(cases: list[cal.Case], model: AnswerabilityModel) -> dict[str, int]:
    """Wrong decisions on the ordinary questions: near misses answered, answerable questions refused."""
    ordinary = [c for c in cases if not c.aggregate]
    refused = [best_probability(c, model) < model.answer_threshold for c in ordinary]
    return {"unanswerable_n": sum(1 for c in ordinary if not c.answerable),
            "unanswerable_answered": sum(1 for c, r in zip(ordinary, refused, strict=True)
                                         if not c.answerable and not r),
            "answerable_n": sum(1 for c in ordinary if c.answerable),
            "answerable_refused": sum(1 for c, r in zip(ordinary, refused, strict=True)
                                      if c.answerable and r)}


def held_out(sets: dict[str, list[cal.Case]], l2: float, keep: tuple[str, ...]) -> dict[str, Any]:
    """Each set left out in turn: fitted on the others, decided on it; and the totals."""
    view = {name: masked(cases, keep) for name, cases in sets.items()}
    per_set: dict[str, dict[str, int]] = {}
    for held in view:
        used = [c for name, cases in view.items() if name != held and held != cal.TRANSLATED_FROM.get(name)
                and name != cal.TRANSLATED_FROM.get(held) for c in cases]  # a translation goes with its set
        per_set[held] = errors(view[held], fast_fit(used, l2))
    total = {k: sum(v[k] for v in per_set.values()) for k in next(iter(per_set.values()))}
    total["wrong"] = total["unanswerable_answered"] + total["answerable_refused"]
    return {"per_set": per_set, "total": total}


def backward(sets: dict[str, list[cal.Case]], l2: float, start: tuple[str, ...]) -> list[dict[str, Any]]:
    """Greedy backward elimination by held-out wrong decisions (see the module's docstring)."""
    keep = start
    best = held_out(sets, l2, keep)["total"]["wrong"]
    steps = [{"features": list(keep), "wrong": best}]
    while len(keep) > 1:
        trials = {name: held_out(sets, l2, tuple(f for f in keep if f != name))["total"]["wrong"]
                  for name in keep}
        name, wrong = min(trials.items(), key=lambda kv: kv[1])
        print(f"  drop {name}: {wrong} (was {best})", file=sys.stderr, flush=True)
        if wrong > best:
            break
        keep, best = tuple(f for f in keep if f != name), wrong
        steps.append({"dropped": name, "features": list(keep), "wrong": best})
    return steps


class _CaseUnpickler(pickle.Unpickler):
    """Reads a cache written by calibrate_answerability run as a script (its Case is `__main__.Case`)."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "__main__" and hasattr(cal, name):
            return getattr(cal, name)
        return super().find_class(module, name)


def read_cache(path: Path) -> dict[float, dict[str, list[cal.Case]]]:
    """The cases `calibrate_answerability --cases-cache` kept (a file that script wrote)."""
    with path.open("rb") as handle:
        return _CaseUnpickler(handle).load()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases-cache", required=True)
    parser.add_argument("--floor", type=float,
                        help="the detail floor of the cache to read (default: its first)")
    parser.add_argument("--l2", default="1", help="L2 strengths, comma-separated")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=FEATURES",
                        help="a feature set (comma-separated names of FEATURES); `all` is always studied")
    parser.add_argument("--exclude-sets", default="", help="sets of the cache left out of the study")
    parser.add_argument("--backward", action="store_true", help="greedy backward elimination at each L2")
    parser.add_argument("--shipped", help="a weights file decided as it is on every set")
    parser.add_argument("--product", action="append", default=[], metavar="A*B",
                        help="an interaction of two features appended as a column (repeatable)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    by_floor = read_cache(Path(args.cases_cache))
    floor = args.floor if args.floor is not None else sorted(by_floor)[0]
    excluded = {n for n in args.exclude_sets.split(",") if n}
    sets = {name: cases for name, cases in by_floor[floor].items() if name not in excluded}
    products = [tuple(p.split("*", 1)) for p in args.product]
    sets = with_products(sets, products)
    variants = {"all": FEATURES}
    for spec in args.variant:
        name, _, names = spec.partition("=")
        feats = tuple(n for n in names.split(",") if n)
        unknown = [n for n in feats if n not in FEATURES]
        if unknown:
            parser.error(f"unknown features {unknown}")
        variants[name] = feats
    report: dict[str, Any] = {"floor": floor, "sets": {n: len(c) for n, c in sets.items()}, "variants": {}}
    if args.shipped:
        model = AnswerabilityModel.from_json(json.loads(Path(args.shipped).read_text("utf-8")))
        seen = {str(name) for name in model.fitted_on.get("sets") or []}  # type: ignore[attr-defined]
        report["shipped"] = {name: {**errors(cases, model), "seen": name in seen}
                             for name, cases in sets.items()}
    for l2 in (float(v) for v in args.l2.split(",")):
        for name, feats in variants.items():
            result = held_out(sets, l2, feats)
            report["variants"][f"{name}@l2={l2:g}"] = result
            print(f"{name}@l2={l2:g}: {result['total']}", file=sys.stderr, flush=True)
        if args.backward:
            report[f"backward@l2={l2:g}"] = backward(sets, l2, FEATURES)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        for key, result in report["variants"].items():
            t = result["total"]
            print(f"{key:<40} near misses answered {t['unanswerable_answered']}/{t['unanswerable_n']}"
                  f"  answerable refused {t['answerable_refused']}/{t['answerable_n']}  wrong {t['wrong']}")
        if "shipped" in report:
            for name, e in report["shipped"].items():
                print(f"shipped on {name:<18} {'seen' if e['seen'] else 'HELD OUT':<8} "
                      f"answered {e['unanswerable_answered']}/{e['unanswerable_n']} "
                      f"refused {e['answerable_refused']}/{e['answerable_n']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
