"""Attribution graded against the facts file's `speakers` key, never against the product's notes reader.

The key (see evals/datasets/README.md) lists who spoke on which note lines::

    "speakers": [{"name": "Ana Ruiz", "org": "UNESCO", "lines": [[11, 16], 40]}, ...]

`lines` holds line numbers and inclusive `[first, last]` ranges. An item is graded when a line it
cites is one of a speaker's; it is attributed when it credits one of the speakers of its cited lines.

Crediting is read from where a report puts its source, not from any mention: the person (full name
or surname) named in the item's opening words, or their organisation as its subject (first word,
after an article), after "according to", or at the end ("…, Ruiz said." / "… (Ruiz)."). An
organisation credits only when one speaker of the session alone belongs to it. An item whose
opening names another speaker of the session credits that speaker, and is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.evaluation.metrics import normalise

OPENING_WORDS = 12
ORG_SUBJECT_WORDS = 2  # "ITU said …", "The ITU noted …"


@dataclass(frozen=True)
class Speaker:
    """One person (or organisation) who spoke, and the note lines that carry their words."""

    name: str
    org: str = ""
    lines: frozenset[int] = field(default_factory=frozenset)

    @property
    def key(self) -> str:
        """How the report names the speaker."""
        return f"{self.name} ({self.org})" if self.name and self.org else (self.name or self.org)


def speakers_of(lines: Sequence[int], roster: Sequence[Speaker]) -> list[Speaker]:
    """The speakers the key gives the cited lines."""
    cited = set(lines)
    return [s for s in roster if s.lines & cited]


def _forms(speaker: Speaker, roster: Sequence[Speaker]) -> list[str]:
    """The normalised ways an item may name a speaker: full name, surname, and an org they alone have."""
    forms = []
    name = normalise(speaker.name)
    if name:
        forms.append(name)
        surname = name.split()[-1]
        if len(surname) > 2 and sum(1 for s in roster if normalise(s.name).endswith(surname)) == 1:
            forms.append(surname)
    org = normalise(speaker.org)
    if org and sum(1 for s in roster if normalise(s.org) == org) == 1:
        forms.append(org)
    return forms


def _positions(text: str, form: str) -> list[int]:
    """Word positions where a normalised form starts in the normalised text."""
    words = text.split()
    target = form.split()
    return [i for i in range(len(words) - len(target) + 1) if words[i : i + len(target)] == target]


def credited(text: str, roster: Sequence[Speaker]) -> Speaker | None:
    """The speaker of the roster the item credits (module docstring), or None when it credits no one."""
    norm = normalise(text)
    words = norm.split()
    according = {i + 2 for i in _positions(norm, "according to")}
    tail_start = _tail_start(text, len(words))
    best: tuple[int, Speaker] | None = None
    for speaker in roster:
        orgs = {normalise(speaker.org)}
        for form in _forms(speaker, roster):
            # a person may be named anywhere in the opening words; an organisation only as the subject
            # (a speaker known only by organisation or country is named by it, like a person)
            opening = ORG_SUBJECT_WORDS if form in orgs and speaker.name else OPENING_WORDS
            for position in _positions(norm, form):
                at_credit = position < opening or position in according or position >= tail_start
                if at_credit and (best is None or position < best[0]):
                    best = (position, speaker)
    return best[1] if best else None


def _tail_start(text: str, total: int) -> int:
    """Word position where an end credit may start: the last parenthesis, or the clause after the last
    comma when it ends on a reporting verb ("…, Ruiz said.")."""
    stripped = text.strip().rstrip(".!?\"”' ")
    bracket = re.search(r"\(([^()]*)\)$", stripped)
    if bracket:
        return total - len(normalise(bracket.group(1)).split())
    clause = re.search(r",\s*([^,]{2,80}?)\s+(?:said|noted|added|stressed|explained|argued)$", stripped, re.I)
    if clause:
        return total - len(normalise(clause.group(0)).split())
    return total + 1


def attribution(text: str, lines: Sequence[int], roster: Sequence[Speaker]) -> dict[str, object] | None:
    """The verdict on one item: who spoke its cited lines, who it credits, and whether that is right.

    None when the key gives no speaker for any cited line (the item is not graded)."""
    gold = speakers_of(lines, roster)
    if not gold:
        return None
    who = credited(text, roster)
    return {
        "speakers": [s.key for s in gold],
        "credited": who.key if who else "",
        "attributed": who is not None and who in gold,
    }
