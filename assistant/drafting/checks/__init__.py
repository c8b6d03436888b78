"""Coverage and grounding checks of an outcome document, shared by drafting, the UI and the evals.

- `grounding`: the verdict on one claim against its evidence (similarity plus the fact tests of
  `facts`: `figures`, `names`, `negation`, `status`, `speakers`, on the shared tools of `text`, and
  the `alignment` of the claim's clauses, polarity, modality and credited speaker to the evidence
  clauses closest in meaning; `vocabulary` and `weights` read the data files those use);
- `units`: evidence lines with the speaker the notes reader gives them (the one reader of that API);
- `evidence`: the note lines that support a claim, found in the whole notes (edited items);
- `coverage`: header fields and sections of the form, within limits and shape;
- `report`: both for a whole draft.
"""

from __future__ import annotations

from assistant.drafting.checks.coverage import (
    PLACEHOLDER_FIELD,
    PLACEHOLDER_ITEM,
    CoverageReport,
    SectionCoverage,
    check_coverage,
    is_placeholder,
)
from assistant.drafting.checks.facts import anchors, missing_facts
from assistant.drafting.checks.grounding import SIMILARITY_FLOOR, GroundingChecker, GroundingVerdict
from assistant.drafting.checks.report import (
    CheckReport,
    ItemCheck,
    check_draft,
    with_leak_rule,
    with_verdicts,
)
from assistant.drafting.checks.text import COMMON_STARTERS, prepare

__all__ = [
    "COMMON_STARTERS",
    "PLACEHOLDER_FIELD",
    "PLACEHOLDER_ITEM",
    "SIMILARITY_FLOOR",
    "CheckReport",
    "CoverageReport",
    "GroundingChecker",
    "GroundingVerdict",
    "ItemCheck",
    "SectionCoverage",
    "anchors",
    "check_coverage",
    "check_draft",
    "is_placeholder",
    "missing_facts",
    "prepare",
    "with_leak_rule",
    "with_verdicts",
]
