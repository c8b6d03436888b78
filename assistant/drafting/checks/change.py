"""Change by figures: a claim whose direction of change the evidence's own figures reverse.

Notes often give a change by its figures alone: a signed figure (`complaints +25%`, `prices -3%`), an
arrow between two values (`31% -> 27%`) or `from A to B`. The sign of such a change is structure, not
words, so a claim stating the other direction (`complaints fell by a quarter` / `+25%`) reverses the
evidence whatever verb it uses. The claim's direction is read from the `change` group of the direction
words (data: `[[polarity.directions]]` named `change`, less the `[change] loose` words); a direction
word in a negated segment states none. The test fires only when every change the evidence's figures
give has one sign and no word of the evidence states the claim's direction itself.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.corpus.keywords import stem
from assistant.drafting.checks.polarity import segments
from assistant.drafting.checks.vocabulary import raw_section, vocabulary, word_list

_VALUE = r"\d+(?:[.,]\d+)?"
_SHARE = r"\s*(?:%|pp\b|pts?\b|percentage points?\b|per\s*cent\b|percent\b)"
# `+25%`, `+2,000`, `-3%`, `−3 pp`: a plus sign on any figure, a minus sign only on a share (a dash
# before a plain number is a list's or a range's)
SIGNED = re.compile(rf"(?<![\w.,%])(?:\+(?P<up>{_VALUE})|[-−–](?P<down>{_VALUE}){_SHARE})")
ARROWED = re.compile(
    rf"(?<![\w.,])(?P<a>{_VALUE})\s*(?P<ua>%)?\s*(?:->|→|=>|>>)\s*(?P<b>{_VALUE})\s*(?P<ub>%)?"
)
FROM_TO = re.compile(
    rf"\bfrom\s+(?P<a>{_VALUE})\s*(?P<ua>%)?\s+to\s+(?P<b>{_VALUE})\s*(?P<ub>%)?", re.IGNORECASE
)
ARROWS = re.compile(r"[↑↓]")
YEAR = re.compile(r"^(?:19|20)\d\d$")


def _number(text: str) -> float:
    """A figure as written (`2,000`, `3.5`) as a float."""
    thousands = re.fullmatch(r"\d{1,3}(?:,\d{3})+", text)
    return float(text.replace(",", "") if thousands else text.replace(",", "."))


def figure_changes(text: str) -> list[tuple[int, str]]:
    """(sign, what gives it) for each change the text states by its figures: +1 a rise, -1 a fall."""
    found: list[tuple[int, str]] = []
    for match in SIGNED.finditer(text):
        found.append((1 if match.group("up") else -1, match.group(0).strip()))
    for pattern in (ARROWED, FROM_TO):
        for match in pattern.finditer(text):
            a, b = match.group("a"), match.group("b")
            if YEAR.match(a) and YEAR.match(b) and not (match.group("ua") or match.group("ub")):
                continue  # `from 2020 to 2024`: a span of time, no change
            before, after = _number(a), _number(b)
            if before != after:
                found.append((1 if after > before else -1, match.group(0).strip()))
    for match in ARROWS.finditer(text):
        found.append((1 if match.group(0) == "↑" else -1, match.group(0)))
    return found


@cache
def _change_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words of a rise, words of a fall), stems included, less the loose ones."""
    groups = raw_section("polarity").get("directions")
    loose = {w.lower() for w in word_list("change", "loose")}
    for group in groups if isinstance(groups, list) else []:
        if isinstance(group, dict) and group.get("name") == "change":
            rise = {str(w).lower() for w in group["side"]} - loose
            fall = {str(w).lower() for w in group["against"]} - loose
            return frozenset(rise | {stem(w) for w in rise}), frozenset(fall | {stem(w) for w in fall})
    raise RuntimeError("the checker vocabulary has no direction group named `change`; reinstall the package")


def stated_direction(text: str) -> list[tuple[int, str]]:
    """(sign, word) for each word of a rise or a fall the text states outside a negated segment."""
    rise, fall = _change_words()
    negator = vocabulary().negator
    found = []
    for segment in segments(text):
        for match in re.finditer(r"[A-Za-z]+", segment):
            word = match.group(0).lower()
            sign = 1 if {word, stem(word)} & rise else -1 if {word, stem(word)} & fall else 0
            if sign and not negator.search(segment[: match.start()]):
                found.append((sign, word))
    return found


def change_clash(claim: str, evidence: str) -> tuple[str, str] | None:
    """(the claim's direction word, the evidence's figure) when the claim states a rise or a fall that
    every change the evidence's figures give reverses, and no evidence word states the claim's way."""
    claimed = {sign for sign, _ in stated_direction(claim)}
    if len(claimed) != 1:
        return None
    changes = figure_changes(evidence)
    signs = {sign for sign, _ in changes}
    sign = claimed.pop()
    if signs != {-sign}:
        return None
    if any(s == sign for s, _ in stated_direction(evidence)):
        return None  # the evidence also says it in words: the other parts compare those
    word = next(w for s, w in stated_direction(claim) if s == sign)
    return word, changes[0][1]
