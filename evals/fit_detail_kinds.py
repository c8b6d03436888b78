"""Fit the reader of the detail kind a question asks for (`assistant/ask/detail_kinds.py`).

Usage: [RAPPORTEUR_EMBEDDER=NAME] .venv/bin/python evals/fit_detail_kinds.py [--labels FILE] [--out FILE]
       [--dry-run]

The model is fitted on the vectors of the embedder the settings name (MiniLM by default) and stored
under that embedder's name in the data file, beside the other embedders' models (each reads its own
vectors: a question under multilingual-e5-small without its own model read asked details by the
rules alone, and answered more near misses than MiniLM, issue 27 session 8).

`evals/answerability/detail_kinds.jsonl` labels each asking phrase of a question (in the order
`detail_kinds.asking_phrases` finds them) with the detail kind it asks for, or "none". Its sets:
`dev` (evals/datasets questions), `field` (../shared/fieldset questions), `written` (the questions of
evals/answerability/*.jsonl) and `illustrative` (questions written for this model in wordings the
detail rules do not know: fees, prices, shares, durations, "by when"…) and `wordings8` (session 8:
changes, relative "who", "when", durations, in wordings none of the others hold) and `kinds13` (session 13:
an exact day, a winner or awardee, a nationality, a role-qualified person "which <body> <role>"). Each set is
held out in turn (fitted on the others, scored on it); the figures are printed beside the detail rules'
own reading of the same phrases. A run writes a model fitted on all the sets not left out with
`--exclude` (the shipped MiniLM model is fitted with `--exclude wordings8`: refitted with it, it read
worse held out, README round 11).

Each phrase's features are its MiniLM embedding and one flag per kind the detail rules read in its
segment (`answerability.asked_details` with no reader). The model is a multinomial logistic
regression (L2, C fixed below); a kind other than "none" is read when its probability reaches
THRESHOLD. Both were set before looking at a held-out figure and are not tuned on them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.ask.answerability import asked_details  # noqa: E402
from assistant.ask.detail_kinds import (  # noqa: E402
    DATA_FILE,
    KINDS,
    PROBE,
    RULE_KIND_AS,
    asking_phrases,
    phrase_features,
)
from assistant.config import Settings  # noqa: E402
from assistant.corpus.embeddings import embedder_for  # noqa: E402

LABELS = ROOT / "evals" / "answerability" / "detail_kinds.jsonl"
CS = (1.0, 4.0, 16.0, 64.0, 256.0)  # the L2 strengths tried, chosen by 5-fold cross-validation in the fit
THRESHOLD = 0.5
HELD_OUT = ("dev", "field", "written", "illustrative", "wordings8", "kinds13")


def load(path: Path) -> list[dict]:
    """The labelled questions, each with its phrases checked against the labels."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        phrases = asking_phrases(row["question"])
        if len(phrases) != len(row["kinds"]):
            raise SystemExit(f"{path}: {row['id']} has {len(row['kinds'])} kinds for {len(phrases)} phrases "
                             f"({[p.text for p in phrases]}); label each phrase")
        unknown = set(row["kinds"]) - set(KINDS)
        if unknown:
            raise SystemExit(f"{path}: {row['id']} has unknown kinds {sorted(unknown)}; use {KINDS}")
    return rows


def phrase_table(rows: list[dict]) -> tuple[list[str], list[str], list[set[str]], list[str]]:
    """Per phrase: its text, its set, the kinds the rules read in its segment, its label."""
    texts, sets, rules, labels = [], [], [], []
    for row in rows:
        for phrase, kind in zip(asking_phrases(row["question"]), row["kinds"], strict=True):
            texts.append(phrase.text)
            sets.append(row["set"])
            rules.append({d.kind for d in asked_details(phrase.segment)})
            labels.append(kind)
    return texts, sets, rules, labels


def fit(features: np.ndarray, labels: np.ndarray) -> LogisticRegression:
    """A multinomial logistic model over all KINDS (a kind absent from the labels keeps no weight), its
    L2 strength chosen among CS by 5-fold cross-validation on these rows alone."""
    search = LogisticRegressionCV(Cs=list(CS), cv=5, max_iter=3000).fit(features, labels)
    return LogisticRegression(C=float(search.C_[0]), max_iter=3000).fit(features, labels)


def predict(model: LogisticRegression, features: np.ndarray) -> list[str]:
    """The kind read for each row ("none" below THRESHOLD)."""
    probs = model.predict_proba(features)
    out = []
    for row in probs:
        best = int(np.argmax(row))
        kind = str(model.classes_[best])
        out.append(kind if kind == "none" or row[best] >= THRESHOLD else "none")
    return out


def scores(predicted: list[str], gold: list[str]) -> dict[str, float]:
    """Phrase accuracy, and precision / recall of the phrases asking a detail (a detail read with
    the wrong kind counts against both)."""
    asked = [i for i, g in enumerate(gold) if g != "none"]
    read = [i for i, p in enumerate(predicted) if p != "none"]
    right = sum(1 for i in read if predicted[i] == gold[i])
    same = [p == g for p, g in zip(predicted, gold, strict=True)]
    return {"phrases": len(gold), "accuracy": float(np.mean(same)),
            "precision": right / len(read) if read else 1.0, "recall": right / len(asked) if asked else 1.0,
            "details": len(asked)}


def rule_reading(rules: list[set[str]]) -> list[str]:
    """The rules' kind for each phrase (the first they read in its segment, "none" if none)."""
    order = {k: i for i, k in enumerate(KINDS)}
    # a kind the rules read that KINDS lacks under any name (a time of day: `answerability` reads it,
    # its phrases were labelled "date") is no kind the model's reading can be compared with, and
    # `phrase_features` gives it no flag either
    known = [{RULE_KIND_AS.get(k, k) for k in r} & set(order) for r in rules]
    return [min(r, key=order.__getitem__) if r else "none" for r in known]


def main() -> None:
    """Print held-out figures and write the fitted model."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--out", type=Path, default=DATA_FILE)
    parser.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    parser.add_argument("--exclude", action="append", default=[], metavar="SET",
                        help="leave a labelled set out of every fit and figure (repeatable; the shipped "
                             "MiniLM model is fitted with --exclude wordings8)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    rows = [row for row in load(args.labels) if row["set"] not in args.exclude]
    texts, sets, rules, labels = phrase_table(rows)
    embedder = embedder_for(Settings())
    vectors = embedder.encode(texts)
    features = np.stack([phrase_features(v, r) for v, r in zip(vectors, rules, strict=True)])
    gold = np.array(labels)
    set_of = np.array(sets)
    by_rule = rule_reading(rules)
    print(f"{len(rows)} questions, {len(texts)} phrases; threshold={THRESHOLD}")
    print(f"{'held out':<13} {'phrases':>7} {'details':>7}  {'C':>5}   model acc / prec / rec   "
          "rules acc / prec / rec   union acc / prec / rec")
    for held in HELD_OUT:
        test = set_of == held
        if not test.any():
            continue
        model = fit(features[~test], gold[~test])  # the other three sets
        read = predict(model, features[test])
        ruled = [by_rule[i] for i in np.flatnonzero(test)]
        union = [r if r != "none" else m for r, m in zip(ruled, read, strict=True)]  # what Ask uses
        cells = [scores(x, list(gold[test])) for x in (read, ruled, union)]
        print(f"{held:<13} {cells[0]['phrases']:>7} {cells[0]['details']:>7}  {model.C:>5g}   "
              + "   ".join(f"{c['accuracy']:.2f} / {c['precision']:.2f} / {c['recall']:.2f}   "
                           for c in cells))
    model = fit(features, gold)
    weights = np.zeros((len(KINDS), features.shape[1]))
    bias = np.full(len(KINDS), -30.0)  # a kind no phrase was labelled with is never read
    for row, kind in enumerate(model.classes_):
        weights[KINDS.index(str(kind))] = model.coef_[row]
        bias[KINDS.index(str(kind))] = model.intercept_[row]
    if args.dry_run:
        return
    # one model per embedder (RAPPORTEUR_EMBEDDER picks the one fitted): the others in the file stay
    kept = json.loads(args.out.read_text(encoding="utf-8")).get("models", {}) if args.out.is_file() else {}
    data = {"about": "Multinomial logistic reader of the detail kind an asking phrase asks for; written by "
                     "evals/fit_detail_kinds.py from evals/answerability/detail_kinds.jsonl",
            "models": {**kept, embedder.name: {"kinds": list(KINDS), "threshold": THRESHOLD, "C": model.C,
                                               "phrases": len(texts),
                                               "probe": np.round(embedder.encode([PROBE])[0], 5).tolist(),
                                               "weights": np.round(weights, 5).tolist(),
                                               "bias": np.round(bias, 5).tolist()}}}
    args.out.write_text(json.dumps(data) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
