"""The tags suite: precision and recall of the Action Line and SDG tags against hand-written labels.

The corpus is indexed as in the other suites (tagging happens at ingest); each document's tags are
compared with its labels in `tags.jsonl` (or the file given with --tag-labels). Precision is given
per source (stated, inferred) and per kind (Action Lines, SDGs); recall over all labels, and the
share of labels each source found. Documents without labels are left out.
"""

from __future__ import annotations

from typing import Any

from assistant.corpus.tags import tag_label
from assistant.evaluation.context import EvalContext
from assistant.evaluation.report import Metric, SuiteResult, Table, format_value
from assistant.evaluation.tag_metrics import TagLabels, score_tags


def run_tags(ctx: EvalContext) -> SuiteResult:
    """Score the index's tags against the labels."""
    result = SuiteResult(name="tags")
    labels_file = ctx.dataset.tag_labels
    assert labels_file is not None
    labels = TagLabels.load(labels_file)
    ctx.progress(f"scoring tags of {len(labels.by_doc)} labelled documents")
    docs = {d.doc_id: d for d in ctx.index.documents()}
    predicted = {doc_id: {t.id: t.source for t in d.tags} for doc_id, d in docs.items()}
    unlabelled = sorted(set(docs) - set(labels.by_doc))
    unindexed = sorted(set(labels.by_doc) - set(docs))
    score = score_tags(predicted, labels)
    whole = score.counts("all")
    result.metrics = {
        "precision": Metric(whole.precision, support=whole.predicted, description="tags that are labelled"),
        "recall": Metric(whole.recall, support=whole.labelled, description="labels the tagger found"),
    }
    for name, description in (
        ("stated", "stated tags that are labelled"), ("inferred", "inferred tags that are labelled"),
        ("action_line", "Action Line tags that are labelled"), ("sdg", "SDG tags that are labelled"),
    ):
        c = score.counts(name)
        result.metrics[f"{name}_precision"] = Metric(c.precision, support=c.predicted,
                                                     description=description)
    for name in ("action_line", "sdg"):
        c = score.counts(name)
        result.metrics[f"{name}_recall"] = Metric(c.recall, support=c.labelled,
                                                  description=f"{name.replace('_', ' ')} labels found")
    for source in ("stated", "inferred"):
        c = score.counts(f"found_by/{source}")
        result.metrics[f"{source}_share_of_labels"] = Metric(
            c.tp / whole.labelled if whole.labelled else None, support=whole.labelled,
            description=f"labels found as {source} tags")
    rows: list[list[Any]] = []
    for name in ("stated", "inferred", "action_line", "sdg", "all"):
        c = score.counts(name)
        found = score.counts(f"found_by/{name}").tp if name in ("stated", "inferred") else c.tp
        rows.append([name, c.predicted, c.tp, format_value(c.precision, "rate"),
                     format_value(found / whole.labelled if whole.labelled else None, "rate")
                     if name in ("stated", "inferred", "all") else format_value(c.recall, "rate")])
    result.tables = [Table(
        title="Tags against the labels",
        columns=["tags", "predicted", "right", "precision", "recall"],
        rows=rows,
        note="recall of 'stated' and 'inferred' = the share of all labels that source found; of "
             "'action_line' and 'sdg' = the share of that kind's labels found.",
    )]
    wrong = {(d, t) for d, t, _ in score.false_positives}
    missed = {(d, t) for d, t in score.missed}
    for doc_id in sorted(labels.by_doc):
        info = docs.get(doc_id)
        if info is None:
            continue
        result.cases.append({
            "doc_id": doc_id,
            "labels": sorted(tag_label(t) for t in labels.by_doc[doc_id]),
            "tags": [{"tag": t.label, "source": t.source, "right": (doc_id, t.id) not in wrong,
                      "score": round(t.score, 3), "evidence": t.evidence} for t in info.tags],
            "missed": sorted(tag_label(t) for d, t in missed if d == doc_id),
        })
    if unlabelled:
        result.notes.append(f"{len(unlabelled)} indexed documents have no labels: {', '.join(unlabelled)}")
    if unindexed:
        result.notes.append(f"labelled documents not in the index: {', '.join(unindexed)}")
    return result
