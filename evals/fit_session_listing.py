"""Fits whole-corpus listing weights on the listing EXTRAS (assistant/ask/session_listing.py) and
reports them held out beside main's listing; writes them only when asked (`--out`).

    .venv/bin/python evals/fit_session_listing.py [--out FILE] [--json] [--cases-cache FILE]

No listing file is shipped: the answerability model's own `sessions` weights decide (main's
verdicts), because the refit below lost recall held out on `evals/wholecorpus-s13` (see its README).
This script stays to measure a later candidate.

Every whole-corpus question of the training sets (dev `evals/datasets`, field `../shared/fieldset`,
the written sets of `evals/answerability/*.jsonl`, `evals/ask-heldout`) and of the held-out set
`evals/wholecorpus-s13` is prepared as Ask prepares it (`AskService.prepare`); those answered from
metadata or tags are left out. Each of its sessions is labelled (gold 1, others 0; an off-topic
question's all 0) and described by the answerability FEATURES and the listing EXTRAS. The weights
are fitted as the answerability model's `sessions` weights are (`calibrate_answerability.fit_sessions`:
a gate on the raw features, then weights with ratios to the question's best session, the listing
threshold of the best mean F1), on FEATURES followed by the chosen EXTRAS.

Each set is held out in turn (fitted on all the others but `wholecorpus-s13`, reported on the one
left out), beside main's listing (the `sessions` weights of `data/answerability.json`) on the same
questions; `wholecorpus-s13` last, fitted on every training set. The weights written (`--out`, none
by default) are fitted on every training set: the held-out set written for this fit is never fitted
on.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from calibrate_answerability import (
    GRID,
    SESSION_RELATIVE,
    WRITTEN_NOT_QUESTIONS,
    Case,
    fit_sessions,
    listed_sessions,
    listing_score,
    open_index,
    read_rows,
    training_matrix,
)

from assistant.ask import service as qa
from assistant.ask.answerability_model import (
    FEATURES,
    AnswerabilityModel,
    SessionWeights,
    fit_logistic,
    load_model,
    with_ratios,
)
from assistant.ask.questions import topic
from assistant.ask.search import SearchFilters
from assistant.ask.session_features import session_features
from assistant.ask.session_listing import (
    EXTRAS,
    GATE_EXTRAS,
    LISTING_FILE,
    ListingModel,
    listing_extras,
)
from assistant.evaluation.datasets import doc_key

REPO = Path(__file__).resolve().parent.parent
HELD_OUT = "wholecorpus-s13"  # written for this fit, before it: reported, never fitted on
# the EXTRAS fitted (the others read as 0): chosen by the training sets' pooled held-out F1 among all
# of them, each left out, and the gate's alone (see evals/wholecorpus-s13/README.md)
CHOSEN = ("best_dense_chunk_z",)
L2 = 4.0  # the L2 penalty of the fit (chosen between 1 and 4 on the training sets, each held out)


def case_of(set_name: str, service: qa.AskService, row: dict[str, Any], floor: float) -> Case | None:
    """A whole-corpus question's sessions with FEATURES + EXTRAS and labels; None for an ordinary
    question or one Ask answers without the model."""
    prepared = service.prepare(row["question"], SearchFilters())
    if isinstance(prepared, qa._Plan):
        return None
    question, filters, aggregate, by_metadata = prepared
    if not aggregate or by_metadata:
        return None
    scores = session_features(service.retriever, question, filters, floor=floor, aggregate=True)
    extras = listing_extras(service.retriever, topic(question), filters, scores)
    gold = {doc_key(g) for g in row.get("gold_docs") or []}
    answerable = row["type"] != "unanswerable"
    labels: list[int | None] = [int(answerable and doc in gold) for doc in scores.doc_ids]
    return Case(set_name, row, True, scores.doc_ids, np.hstack([scores.rows, extras]), labels)


def keeping(cases: list[Case], extras: tuple[str, ...]) -> list[Case]:
    """The cases with every EXTRAS column but `extras` read as 0 (a constant column gets no weight,
    so the weights fitted read every EXTRAS column and the model written lists them all)."""
    drop = [len(FEATURES) + j for j, name in enumerate(EXTRAS) if name not in extras]
    out = []
    for case in cases:
        features = case.features.copy()
        features[:, drop] = 0.0
        out.append(replace(case, features=features))
    return out


def fit_stage(cases: list[Case], relative: tuple[str, ...], gate: SessionWeights | None,
              l2: float) -> SessionWeights:
    """One stage (gate or listing) as `calibrate_answerability._fit_listing` fits it, at this L2: the
    logistic weights, then the listing threshold of the best mean F1 (nearest 0.5 among equals)."""
    x, y, w = training_matrix([replace(c, features=with_ratios(c.features, relative)) for c in cases])
    weights, bias, mean, scale = fit_logistic(x, y, w, l2=l2)
    sessions = SessionWeights([float(v) for v in weights], bias, [float(v) for v in mean],
                              [float(v) for v in scale], relative=relative, gate=gate)
    model = AnswerabilityModel([0.0] * len(FEATURES), 0.0, [0.0] * len(FEATURES), [1.0] * len(FEATURES),
                               sessions=sessions)
    quality = {t: statistics.mean(listing_score(c, listed_sessions(c, model, t)) for c in cases)
               for t in GRID}
    best = max(quality.values())
    sessions.threshold = min((t for t, q in quality.items() if q >= best - 1e-9),
                             key=lambda t: (abs(t - 0.5), t))
    return sessions


def fit_listing(cases: list[Case], relative: tuple[str, ...], extras: tuple[str, ...],
                l2: float) -> SessionWeights | None:
    """The gate (raw FEATURES and GATE_EXTRAS: is the subject in the corpus at all?), then the
    listing weights (FEATURES, `extras`, and the `relative` ratios) behind it."""
    cases = [c for c in cases if len(c.features)]
    if not cases:
        return None
    gate = fit_stage(keeping(cases, tuple(e for e in GATE_EXTRAS if e in extras)), (), None, l2)
    return fit_stage(keeping(cases, extras), relative, gate, l2)


def figures(cases: list[Case], model: AnswerabilityModel) -> dict[str, Any]:
    """Recall, precision (answerable questions), off-topic questions listing none, mean F1."""
    recall, precision, none, f1 = [], [], [], []
    for case in cases:
        listed = listed_sessions(case, model)
        f1.append(listing_score(case, listed))
        if not case.answerable:
            none.append(not listed)
        elif case.gold:
            found = len(listed & case.gold)
            recall.append(found / len(case.gold))
            precision.append(found / len(listed) if listed else 0.0)
    mean = lambda v: round(statistics.mean(v), 3) if v else None  # noqa: E731
    return {"recall": mean(recall), "precision": mean(precision), "offtopic_none": mean(none),
            "n": len(recall), "offtopic_n": len(none), "f1": mean(f1)}


def as_model(listing: ListingModel | None, main: AnswerabilityModel) -> AnswerabilityModel:
    """An answerability model whose whole-corpus decision is the listing's (None: main's own)."""
    return main if listing is None else replace(main, sessions=listing.sessions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--field", default=str(REPO.parent / "shared" / "fieldset"))
    parser.add_argument("--out", help="where to write the fitted weights (none by default; the shipped "
                        f"file would be {LISTING_FILE.name}; none is shipped)")
    parser.add_argument("--cases-cache", help="a file keeping the cases read, for reruns of the fit")
    parser.add_argument("--relative", default=",".join(SESSION_RELATIVE))
    parser.add_argument("--drop", default=",".join(e for e in EXTRAS if e not in CHOSEN),
                        help="EXTRAS read as 0 (comma-separated; default: all but CHOSEN)")
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    field = Path(args.field)
    main_model = load_model()
    cache = Path(args.cases_cache) if args.cases_cache else None
    if cache is not None and cache.exists():
        sets: dict[str, list[Case]] = pickle.loads(cache.read_bytes())  # a file this script wrote
    else:
        indexes = {"dev": open_index(None, REPO / "evals" / "datasets" / "corpus", None),
                   "field": open_index(None, field / "corpus", None)}
        services = {n: qa.AskService(i, i.settings) for n, i in indexes.items()}
        rows: dict[str, list[tuple[str, dict[str, Any]]]] = {
            "dev": [("dev", r) for r in read_rows(REPO / "evals" / "datasets" / "questions.jsonl")],
            "field": [("field", r) for r in read_rows(field / "questions.jsonl")],
            "ask-heldout": [("field", r)
                            for r in read_rows(REPO / "evals" / "ask-heldout" / "questions.jsonl")],
        }
        for path in sorted((REPO / "evals" / "answerability").glob("*.jsonl")):
            if path.name not in WRITTEN_NOT_QUESTIONS:
                rows["written" if path.stem == "questions" else path.stem] = [
                    (r.get("corpus", "field"), r) for r in read_rows(path)]
        rows[HELD_OUT] = [(r.get("corpus", "field"), r)
                          for r in read_rows(REPO / "evals" / HELD_OUT / "questions.jsonl")]
        sets = {}
        for name, group in rows.items():
            found = [case_of(name, services[c], r, main_model.floor) for c, r in group]
            if any(found):
                sets[name] = [c for c in found if c is not None]
        if cache is not None:
            cache.write_bytes(pickle.dumps(sets))
    relative = tuple(n for n in args.relative.split(",") if n)
    extras = tuple(e for e in EXTRAS if e not in args.drop.split(","))
    main_cases = {n: [replace(c, features=c.features[:, :len(FEATURES)]) for c in cs]
                  for n, cs in sets.items()}
    training = [n for n in sets if n != HELD_OUT]
    report: dict[str, Any] = {"extras": list(EXTRAS), "held_out": {}}
    for held in [*training, HELD_OUT]:
        used = [n for n in training if n != held]
        weights = fit_listing([c for n in used for c in sets[n]], relative, extras, args.l2)
        listing = ListingModel(weights, {}, EXTRAS) if weights else None
        refit = fit_sessions([c for n in used for c in main_cases[n]], relative)
        report["held_out"][held] = {
            "questions": len(sets[held]),
            "main": figures(main_cases[held], main_model),
            "refit": figures(main_cases[held], replace(main_model, sessions=refit)),
            "branch": figures(keeping(sets[held], extras), as_model(listing, main_model)),
        }
    final = fit_listing([c for n in training for c in sets[n]], relative, extras, args.l2)
    if final is None:
        print("no whole-corpus question to fit on", file=sys.stderr)
        return 1
    questions = sum(len(sets[n]) for n in training)
    listing = ListingModel(final, {"sets": training, "questions": questions, "held_out": [HELD_OUT],
                                   "relative": list(relative), "extras": list(extras), "l2": args.l2,
                                   "script": "evals/fit_session_listing.py"}, EXTRAS)
    if args.out:
        Path(args.out).write_text(json.dumps(listing.to_json(), indent=1) + "\n", encoding="utf-8")
    report["threshold"] = final.threshold
    report["gate_threshold"] = final.gate.threshold if final.gate else None
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(f"{'held out':<18}{'n':>4}  R/P/off-topic none/F1: main (in sample but for {HELD_OUT}), "
              "main's features refitted held out, EXTRAS refit held out")
        for held, r in report["held_out"].items():
            line = "   ".join(f"{f['recall']}/{f['precision']}/{f['offtopic_none']}/{f['f1']}"
                              for f in (r["main"], r["refit"], r["branch"]))
            print(f"{held:<18}{r['questions']:>4}  {line}")
        fitted = [r for h, r in report["held_out"].items() if h != HELD_OUT]
        pooled = {k: round(sum(r[k]["f1"] * r["questions"] for r in fitted)
                           / sum(r["questions"] for r in fitted), 3) for k in ("main", "refit", "branch")}
        print(f"training sets pooled F1 (each held out): {pooled}")
        print(f"threshold {final.threshold}, gate {report['gate_threshold']}; "
              + (f"written {args.out}" if args.out else "not written (no --out)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
