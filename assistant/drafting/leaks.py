"""The leak rule: an item drawn only from asides, logistics or injected lines is not grounded.

Each evidence line carries the kind the notes reader gave its line (`content`, `hint`, `noise`,
`injection`, `speaker` for a line that only introduces a speaker, …). The verdict is a pure
function of the item's evidence: similarity to an aside ("pls don't write that the GDC was
adopted") says nothing about what happened in the session, so such an item is never grounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.domain.document import Evidence, OutcomeDocument

if TYPE_CHECKING:
    from assistant.drafting.notes import Notes

SESSION_KINDS = frozenset({"content", "hint"})  # lines that record what happened in the session
LEAK_FLAG = "aside_only"
LEAK_REASON = "its evidence is only the rapporteur's asides, logistics or injected lines, not session content"


def leak_reason(evidence: Sequence[Evidence]) -> str:
    """Why an item leaks ('' when it does not): evidence with kinds, none of them session content.

    Evidence without a known kind (`""`, e.g. a draft saved before kinds existed) is not judged.
    """
    kinds = [e.kind for e in evidence]
    if not kinds or any(not k for k in kinds) or any(k in SESSION_KINDS for k in kinds):
        return ""
    return LEAK_REASON


def line_kind(notes: Notes, number: int) -> str:
    """The kind of a note line for evidence: its reader kind, `speaker` for a bare speaker introduction."""
    if not notes.has_line(number):
        return "missing"
    line = notes.line(number)
    if line.kind == "content" and not line.text and line.speaker is not None:
        return "speaker"
    return line.kind


def mark_evidence(document: OutcomeDocument, notes: Notes) -> None:
    """Give every evidence line of the document the kind of its note line."""
    for section in document.sections:
        for item in section.items:
            for evidence in item.evidence:
                evidence.kind = line_kind(notes, evidence.line)
