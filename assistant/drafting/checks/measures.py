"""Units of a figure: what a number counts, so that a claim keeps the unit its evidence gives.

The figure tests (`figures`) align values (`1.2m`, `thirty percent`); this part aligns what follows
them. A unit is read in the words right after a figure, up to the next punctuation, within a few
words (`2m transactions a month`, `10bn transactions/yr`, `down 30%`). Units come in families
(data: `[measures]` of the checker vocabulary): a share is in percent or in points, a rate is per
day, week, month, quarter or year. A claim figure whose value the evidence states with another unit
of the same family does not align (`30 percentage points` / `down 30%`, `2 million a day` / `2m a
month`); a unit only one side states is left to the meaning test (notes often drop it).
"""

from __future__ import annotations

import re
from functools import cache

from assistant.domain.normalise import read_facts
from assistant.drafting.checks.vocabulary import raw_section, spelling_pattern

UNIT_WORDS = 5  # how far after a figure its unit may stand (`2m card transactions a month`)
# Where what follows a figure stops being about it: punctuation, another figure, a dash, `to` of a
# range or change.
WINDOW_END = re.compile(r"[;,:()\n]|\d|\s[-–—]\s|\s(?:to|and|from|vs|versus|than)\s", re.IGNORECASE)


@cache
def _families() -> tuple[tuple[str, tuple[tuple[str, re.Pattern[str]], ...]], ...]:
    """(family, ((unit, its spellings), …)) from the vocabulary's `[measures]` section."""
    section = raw_section("measures")
    found = []
    for family, units in section.items():
        if isinstance(units, dict):
            spellings = tuple((unit, spelling_pattern(list(words))) for unit, words in units.items())
            found.append((family, spellings))
    return tuple(found)


def units_after(text: str, label: str) -> dict[str, tuple[str, str]]:
    """{family: (unit, as written)} for the units written right after each occurrence of a figure's
    label in a text (`'2m'` in `2m transactions a month` -> period: month)."""
    found: dict[str, tuple[str, str]] = {}
    for match in re.finditer(rf"(?<![\w.]){re.escape(label)}(?![\d])", text, re.IGNORECASE):
        window = text[match.end():match.end() + 60]
        cut = WINDOW_END.search(window)
        window = window[: cut.start()] if cut else window
        window = " ".join(window.split(" ")[: UNIT_WORDS + 1])
        for family, units in _families():
            hits = [(m.start(), unit, m.group(0))
                    for unit, pattern in units for m in pattern.finditer(window)]
            if hits and family not in found:
                _, unit, written = min(hits)
                found[family] = (unit, written.strip())
    return found


def unit_clashes(claim: str, evidence: str) -> list[tuple[str, str]]:
    """(claim's figure with its unit, evidence's) for each figure of the claim that the evidence
    states with the same value but another unit of the same family."""
    claim_facts = read_facts(claim)
    evidence_facts = read_facts(evidence, generous=True)
    clashes = []
    for value, label in claim_facts.labels.items():
        other = evidence_facts.labels.get(value)
        if other is None:
            continue
        claimed = units_after(claim, label)
        stated = units_after(evidence, other)
        for family, (unit, written) in claimed.items():
            if family in stated and stated[family][0] != unit:
                clashes.append((_joined(label, written), _joined(other, stated[family][1])))
    return clashes


def _joined(label: str, unit: str) -> str:
    """`30` and `%` -> `30%`; `2m` and `a month` -> `2m a month`."""
    return f"{label}{unit}" if not unit[:1].isalnum() else f"{label} {unit}"
