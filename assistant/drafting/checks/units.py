"""Evidence units with their speakers: the one place the checks ask the notes reader who said a line.

Kept small on purpose: the notes reader's API may change; only `speaker_lookup` reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.domain.document import Evidence
from assistant.drafting.checks.alignment import EvidenceUnit

if TYPE_CHECKING:
    from assistant.drafting.notes import Notes

SpeakerLookup = Callable[[int], str]


def speaker_lookup(notes: Notes) -> SpeakerLookup:
    """Who the notes say spoke a line (`Maria Lopez (UNESCO)`), or '' when the notes do not say."""

    def speaker(number: int) -> str:
        if not notes.has_line(number):
            return ""
        found = notes.line(number).speaker
        if found is None or not found.resolved:
            return ""
        return found.attribution or found.name

    return speaker


def evidence_units(evidence: list[Evidence], speaker: SpeakerLookup | None = None) -> list[EvidenceUnit]:
    """The evidence of an item as units, each with its speaker when a lookup is given."""
    return [EvidenceUnit(e.text, speaker(e.line) if speaker and e.line else "") for e in evidence]
