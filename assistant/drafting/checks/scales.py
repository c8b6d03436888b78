"""Scales: a claim that states a thing more strongly than its evidence on an ordered scale.

How often (`occasional` < `often` < `constant`), how much (`slightly` < `sharply` < `dramatically`),
how surely one thing made another (`correlated with` < `contributed to` < `caused`) and how certain
(`possibly` < `probably` < `certainly`) are each an ordering of closed word classes (data: `[scales]`
of the checker vocabulary). A claim clause whose word on a scale sits above every word of that scale
in the evidence clauses it restates overclaims, whatever the words: the part names the scale, the
claim's word and the evidence's. A scale the evidence does not speak on is left to the other parts
(no word is no level), and a word in a negated segment (`not always`) states no level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.drafting.checks.polarity import segments
from assistant.drafting.checks.vocabulary import phrase_pattern, raw_section, vocabulary


@dataclass(frozen=True)
class Scale:
    """One ordered scale: its name and, per level (lowest first), the pattern of its words."""

    name: str
    kind: str  # the kind of part a verdict names (`extent`, `modality`)
    levels: tuple[re.Pattern[str], ...]


@cache
def scales() -> tuple[Scale, ...]:
    """The ordered scales of the checker vocabulary's `[scales]` section."""
    found = raw_section("scales").get("scale")
    if not isinstance(found, list) or not found:
        raise RuntimeError(
            "the checker vocabulary's [scales] section has no `scale` list; reinstall the package"
        )
    built = []
    for entry in found:
        levels = entry.get("levels") if isinstance(entry, dict) else None
        if not isinstance(levels, list) or len(levels) < 2:
            raise RuntimeError(f"a [scales] entry needs a name and two levels or more: {entry!r}")
        built.append(Scale(
            str(entry.get("name", "scale")), str(entry.get("kind", "extent")),
            tuple(phrase_pattern([str(word) for word in level]) for level in levels),
        ))
    return tuple(built)


def levels_stated(text: str, scale: Scale) -> list[tuple[int, str]]:
    """(level, word) for each word of the scale the text states outside a negated segment."""
    negator = vocabulary().negator
    found = []
    for segment in segments(text):
        for level, pattern in enumerate(scale.levels):
            for match in pattern.finditer(segment):
                if not negator.search(segment[: match.start()]):
                    found.append((level, match.group(0).lower()))
    return found


def scale_clash(claim_clause: str, evidence_clauses: list[str]) -> tuple[str, str, str] | None:
    """(kind of part, claim's word with its scale, the evidence's highest word) when the claim clause
    states a level of a scale above every level the evidence clauses give on that scale; else None."""
    evidence = " ; ".join(evidence_clauses)
    for scale in scales():
        claimed = levels_stated(claim_clause, scale)
        if not claimed:
            continue
        given = levels_stated(evidence, scale)
        if not given:
            continue
        top_claim = max(claimed)
        top_given = max(given)
        if top_claim[0] > top_given[0]:
            return scale.kind, f"{top_claim[1]} ({scale.name})", top_given[1]
    return None
