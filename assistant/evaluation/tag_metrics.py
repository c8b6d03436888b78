"""Precision and recall of document tags (Action Lines, SDGs) against hand-written labels.

Labels are JSON lines `{"doc_id": ..., "action_lines": ["C5", "C7.e-health"], "sdgs": [4, 5]}`.
A predicted tag is a true positive when the document's labels hold it; "per source" splits the
predictions into stated and inferred ones (precision of each), while recall is counted over all
labels and also as the share of labels each source found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.corpus.loaders import slugify


@dataclass
class TagLabels:
    """The labelled tag ids of each document."""

    by_doc: dict[str, set[str]]

    @classmethod
    def load(cls, path: Path) -> TagLabels:
        """Read a labels file (one JSON object per line)."""
        by_doc: dict[str, set[str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            ids = set(row.get("action_lines", [])) | {f"SDG{int(n)}" for n in row.get("sdgs", [])}
            by_doc[slugify(Path(str(row["doc_id"])).stem)] = ids  # a file stem or name works too
        return cls(by_doc)


@dataclass
class Counts:
    """True positives, predictions and labels of one slice."""

    tp: int = 0
    predicted: int = 0
    labelled: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that are labelled (1.0 when nothing was predicted)."""
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of labels that were predicted (1.0 when nothing was labelled)."""
        return self.tp / self.labelled if self.labelled else 1.0


@dataclass
class TagScore:
    """Counts per source (stated, inferred, all) and per kind (action_line, sdg), plus the errors."""

    slices: dict[str, Counts] = field(default_factory=dict)
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)  # doc, tag, source
    missed: list[tuple[str, str]] = field(default_factory=list)  # doc, tag

    def counts(self, name: str) -> Counts:
        """The counts of one slice, created empty on first use."""
        return self.slices.setdefault(name, Counts())

    def to_json(self) -> dict[str, object]:
        """Plain data for reports."""
        return {
            "slices": {k: {"precision": round(c.precision, 3), "recall": round(c.recall, 3),
                           "tp": c.tp, "predicted": c.predicted, "labelled": c.labelled}
                       for k, c in sorted(self.slices.items())},
            "false_positives": [list(x) for x in self.false_positives],
            "missed": [list(x) for x in self.missed],
        }


def _kind(tag_id: str) -> str:
    return "sdg" if tag_id.startswith("SDG") else "action_line"


def score_tags(predicted: dict[str, dict[str, str]], labels: TagLabels) -> TagScore:
    """Score predictions `{doc_id: {tag_id: source}}` against labels (documents in both only)."""
    score = TagScore()
    for doc_id, gold in sorted(labels.by_doc.items()):
        if doc_id not in predicted:
            continue
        tags = predicted[doc_id]
        for tag_id, source in tags.items():
            hit = tag_id in gold
            for name in ("all", source, _kind(tag_id), f"{_kind(tag_id)}/{source}"):
                c = score.counts(name)
                c.predicted += 1
                c.tp += hit
            if not hit:
                score.false_positives.append((doc_id, tag_id, source))
        for tag_id in gold:
            for name in ("all", _kind(tag_id)):
                score.counts(name).labelled += 1
            found_as = tags.get(tag_id)
            if found_as:
                score.counts(f"found_by/{found_as}").tp += 1
            else:
                score.missed.append((doc_id, tag_id))
    # recall per source: the share of all labels that source found
    total = score.counts("all").labelled
    for src in ("stated", "inferred"):
        found = score.counts(f"found_by/{src}")
        found.labelled = total
        found.predicted = score.counts(src).predicted
    return score
