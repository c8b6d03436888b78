"""Fit the inferred-tag models of assistant/corpus/tags.py (`MODELS`) on labelled documents.

Indexes a corpus into a temporary home, catching the very vectors ingest tags with (each chunk
read on its own and as indexed), then fits per kind (Action Lines, SDGs) a logistic regression over
the tag `FEATURES` of every (document, tag) pair that is not stated, and picks the probability
cutoff with the best F1 of that kind. Prints the models to paste into `MODELS` (with
RAPPORTEUR_EMBEDDER naming another embedder: into `EMBEDDER_MODELS` under its name), and the precision
and recall of all tags (stated ones included) on what was fitted and on what was not.

With --held-out, a second labelled corpus (the field set) is split in two halves by its sorted
document ids (even positions: half a, odd: half b); `--fit-half a` fits on the sample corpus plus
half a and reports half b, `--fit-half none` fits on the sample corpus alone. `MODELS` was fitted
with `--fit-half a`; run `--fit-half b` to see how much the figures move with the half.

    PYTHONPATH=. .venv/bin/python evals/calibrate_tags.py --held-out ../shared/fieldset/corpus \\
        evals/field-labels/tags.jsonl --fit-half a
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from assistant.config import load_settings
from assistant.corpus.chunking import Chunk
from assistant.corpus.store import CorpusIndex
from assistant.corpus.tags import (
    MODELS,
    TagModel,
    keep_inferred,
    load_taxonomy,
    models_for,
    stated_tags,
    tag_features,
)
from assistant.evaluation.tag_metrics import TagLabels, score_tags

DocFeatures = dict[str, tuple[set[str], np.ndarray]]
CUTOFFS = np.round(np.arange(0.10, 0.71, 0.05), 2)


def document_features(corpus: Path, home: Path) -> DocFeatures:
    """Per document: its stated tags and the feature rows of every tag, from the vectors ingest
    computes for it (caught on their way to the tagger)."""
    taxonomy = load_taxonomy()
    index = CorpusIndex(load_settings(home=home))
    seen: dict[str, tuple[list[Chunk], np.ndarray, np.ndarray]] = {}
    tag_document = index._tag

    def record(chunks: list[Chunk], tails: np.ndarray, context: np.ndarray) -> None:
        seen[str(chunks[0].metadata["doc_id"])] = (chunks, np.asarray(tails), np.asarray(context))
        tag_document(chunks, tails, context)

    index._tag = record  # type: ignore[method-assign]
    index.ingest([corpus])
    out = {}
    for doc_id, (chunks, tails, context) in seen.items():
        title = str(chunks[0].metadata.get("title", ""))
        passages = [(str(c.metadata.get("section", "")), c.text) for c in chunks]
        stated = {t.id for t in stated_tags(title, passages, taxonomy)}
        features, _ = tag_features(tails, context, taxonomy, index.tagger.encode, index.tagger.model_key)
        out[doc_id] = (stated, features)
    return out


def predict(docs: DocFeatures, models: dict[str, TagModel]) -> dict[str, dict[str, str]]:
    """The tags each document gets under these models (a kind without a model: stated tags only)."""
    taxonomy = load_taxonomy()
    out = {}
    for doc_id, (stated, features) in docs.items():
        tags = dict.fromkeys(stated, "stated")
        keep, _ = keep_inferred(features, taxonomy, models)
        for n, spec in enumerate(taxonomy.specs):
            if keep[n] and spec.id not in tags:
                tags[spec.id] = "inferred"
        out[doc_id] = tags
    return out


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def fit(docs: DocFeatures, labels: TagLabels) -> dict[str, TagModel]:
    """Per kind: the logistic model of the (document, tag) pairs not stated, and its best-F1 cutoff."""
    taxonomy = load_taxonomy()
    truth = {doc_id: labels.by_doc[doc_id] for doc_id in docs if doc_id in labels.by_doc}
    chosen: dict[str, TagModel] = {}
    for kind in ("action_line", "sdg"):
        rows = [n for n, s in enumerate(taxonomy.specs) if s.kind == kind]
        x, y = [], []
        for doc_id, (stated, features) in docs.items():
            if doc_id not in truth:
                continue
            for n in rows:
                tag_id = taxonomy.specs[n].id
                if tag_id not in stated:
                    x.append(features[n])
                    y.append(tag_id in truth[doc_id])
        regression = LogisticRegression(max_iter=2000).fit(np.array(x), np.array(y))
        weights = tuple(round(float(w), 3) for w in regression.coef_[0])
        bias = round(float(regression.intercept_[0]), 3)
        best: tuple[float, TagModel] | None = None
        for cutoff in CUTOFFS:
            model = TagModel(weights, bias, float(cutoff))
            c = score_tags(predict(docs, {kind: model}), labels).counts(kind)
            f1 = _f1(c.precision, c.recall)
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, model)
        assert best is not None
        chosen[kind] = best[1]
        print(f"{kind}: {best[1]} F1 {best[0]:.3f}")
    return chosen


def _halves(labels: TagLabels) -> dict[str, TagLabels]:
    """The labels split by sorted document id: even positions are half a, odd ones half b."""
    ids = sorted(labels.by_doc)
    return {half: TagLabels({d: labels.by_doc[d] for d in ids[start::2]})
            for half, start in (("a", 0), ("b", 1))}


def _report(name: str, docs: DocFeatures, models: dict[str, TagModel], labels: TagLabels) -> None:
    c = score_tags(predict(docs, models), labels).counts("all")
    print(f"{name}: precision {c.precision:.3f}, recall {c.recall:.3f} ({c.tp} of {c.predicted} tags "
          f"right, {c.tp} of {c.labelled} labels found)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--labels", type=Path, default=Path("evals/datasets/tags.jsonl"))
    parser.add_argument("--held-out", type=Path, nargs=2, metavar=("CORPUS", "LABELS"),
                        help="a second labelled corpus (the field set), split in halves")
    parser.add_argument("--fit-half", choices=("a", "b", "none"), default="a",
                        help="the half of --held-out that joins the fit (default a); the other is reported")
    args = parser.parse_args()
    labels = TagLabels.load(args.labels)
    with tempfile.TemporaryDirectory() as tmp:
        docs = document_features(args.corpus, Path(tmp) / "fit")
        held = document_features(args.held_out[0], Path(tmp) / "held") if args.held_out else {}
    embedder = load_settings().embedder  # RAPPORTEUR_EMBEDDER: the vectors fitted are that embedder's
    shipped = models_for(embedder) or MODELS  # what tags.py reads for it (EMBEDDER_MODELS, else MODELS)
    fit_labels, report_labels = labels, None
    if args.held_out:
        held_labels = TagLabels.load(args.held_out[1])
        halves = _halves(held_labels)
        if args.fit_half == "none":
            report_labels = held_labels
        else:
            other = "b" if args.fit_half == "a" else "a"
            fit_labels = TagLabels({**labels.by_doc, **halves[args.fit_half].by_doc})
            report_labels = halves[other]
    fit_docs = {**docs, **held}
    _report("stated tags only, fitted documents", fit_docs, {}, fit_labels)
    models = fit(fit_docs, fit_labels)
    _report("fitted documents, fitted models", fit_docs, models, fit_labels)
    _report("sample corpus alone, fitted models", docs, models, labels)
    if report_labels is not None:
        _report("held out, fitted models", held, models, report_labels)
        _report("held out, current MODELS", held, shipped, report_labels)
    print(f"current models in tags.py for {embedder}: {shipped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
