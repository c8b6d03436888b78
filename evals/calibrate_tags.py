"""Calibrate the inferred-tag thresholds of assistant/corpus/tags.py on labelled documents.

Indexes a corpus into a temporary home (or reads an existing one with --home), then, with the
same chunk vectors the index stores, sweeps the Action Line and SDG thresholds and prints precision,
recall and F1 of all tags (stated ones are fixed; only inferred ones move) for each. Fit on the
sample corpus labels (evals/datasets/tags.jsonl) only; report the field corpus as held out.

    PYTHONPATH=. .venv/bin/python evals/calibrate_tags.py --corpus corpus --labels evals/datasets/tags.jsonl
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

from assistant.config import load_settings
from assistant.corpus.store import CorpusIndex
from assistant.corpus.tags import (
    THRESHOLDS,
    Thresholds,
    keep_inferred,
    load_taxonomy,
    stated_tags,
    tag_scores,
    term_coverage,
)
from assistant.evaluation.tag_metrics import TagLabels, score_tags

DocScores = dict[str, tuple[dict[str, str], np.ndarray, np.ndarray]]


def document_scores(index: CorpusIndex) -> DocScores:
    """Per document: its stated tags, and per tag its inferred score and term coverage, from the
    vectors the index stored (the same ones ingest tags with)."""
    taxonomy = load_taxonomy()
    snap = index.snapshot()
    rows: dict[str, list[int]] = defaultdict(list)
    for i, meta in enumerate(snap.metadatas):
        rows[meta["doc_id"]].append(i)
    out = {}
    for doc_id, idx in rows.items():
        title = str(snap.metadatas[idx[0]].get("title", ""))
        passages = [(str(snap.metadatas[i].get("section", "")), snap.texts[i]) for i in idx]
        stated = {t.id: "stated" for t in stated_tags(title, passages, taxonomy)}
        scores, _ = tag_scores(snap.embeddings[idx], taxonomy, index.tagger.encode, index.tagger.model_key)
        out[doc_id] = (stated, scores, term_coverage([t for _, t in passages], taxonomy))
    return out


def predict(docs: DocScores,
            rules: dict[str, Thresholds]) -> dict[str, dict[str, str]]:
    """The tags each document gets under these rules (a kind without a rule gets stated tags only)."""
    taxonomy = load_taxonomy()
    out = {}
    for doc_id, (stated, scores, coverage) in docs.items():
        tags = dict(stated)
        keep = keep_inferred(scores, coverage, taxonomy, rules)
        for n, spec in enumerate(taxonomy.specs):
            if keep[n] and spec.id not in tags:
                tags[spec.id] = "inferred"
        out[doc_id] = tags
    return out


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def fit(docs: DocScores, labels: TagLabels) -> dict[str, Thresholds]:
    """The rule with the best F1 for each kind (ties: the stricter floor)."""
    chosen: dict[str, Thresholds] = {}
    for kind in ("action_line", "sdg"):
        best: tuple[float, Thresholds] | None = None
        for floor in np.round(np.arange(0.30, 0.70, 0.01), 2):
            for margin in MARGINS:
                for coverage in COVERAGES:
                    rule = Thresholds(float(floor), margin, coverage)
                    c = score_tags(predict(docs, {kind: rule}), labels).counts(kind)
                    f1 = _f1(c.precision, c.recall)
                    if best is None or f1 > best[0] + 1e-9:
                        best = (f1, rule)
        assert best is not None
        chosen[kind] = best[1]
        print(f"{kind}: {best[1]} F1 {best[0]:.3f}")
    return chosen


MARGINS = (0.05, 0.1, 0.15, 0.2, 1.0)
COVERAGES = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--labels", type=Path, default=Path("evals/datasets/tags.jsonl"))
    parser.add_argument("--home", type=Path, help="an index that already holds the corpus")
    args = parser.parse_args()
    labels = TagLabels.load(args.labels)
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp)
        index = CorpusIndex(load_settings(home=home))
        if args.home is None:
            index.ingest([args.corpus])
        docs = document_scores(index)
    stated = score_tags(predict(docs, {}), labels).counts("all")
    print(f"stated tags only: precision {stated.precision:.3f}, recall {stated.recall:.3f}")
    rules = fit(docs, labels)
    total = score_tags(predict(docs, rules), labels).counts("all")
    print(f"with the fitted rules: precision {total.precision:.3f}, recall {total.recall:.3f}")
    print(f"current THRESHOLDS in tags.py: {THRESHOLDS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
