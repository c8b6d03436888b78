"""Extent: how much of a whole a clause states, so that a claim never states more than its evidence.

Ranks run from 0 (none) through few, some, half and most to 5 (all). Words give a rank through the
`[extent]` lists of the vocabulary (`some`, `most`, `fully`, `every`); the evidence's shares give one
by value (`1 in 5` and `20%` rank as some, `60% done` as most, `half` as half). A share that states a
change (`down 40%`, `-25%`, `rose by a third`) is no extent. A claim clause whose extent word ranks
above every extent its evidence clauses state overclaims (`most` where the evidence says `1 in 5`,
`fully digitised` where it says `60% done`); a claim that gives a share of its own is compared by
its figures instead (the figure tests).
"""

from __future__ import annotations

import re

from assistant.corpus.keywords import stem
from assistant.domain.normalise import read_facts
from assistant.drafting.checks.polarity import segments, stems
from assistant.drafting.checks.vocabulary import vocabulary

QUALIFIER_WORDS = 2  # a segment this short qualifies the one before it
NAMES = ("none", "few", "some", "half", "most", "all")
# A figure that states a change, not a share of a whole: `down 40%`, `fell by 25%`, `-25%`, `+10%`.
CHANGE = re.compile(
    r"(?:\b(?:by|up|down|rose|fell|grew|dropped|increased|decreased|cut|growth|decline|drop|rise)\s+"
    r"(?:about\s+|around\s+|~\s*)?|[-+−]\s*)$",
    re.IGNORECASE,
)
SHARE = re.compile(
    r"(?P<pct>\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent|percent)"
    r"|(?P<part>\d{1,3}|one|two|three|four|five)\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<whole>\d{1,4}|two|three|four|five|ten)\b"
    r"|\b(?P<half>half)\b"
    r"|\b(?P<numerator>a|one|two|three|four)\s+(?P<fraction>thirds?|quarters?|fifths?|tenths?)\b",
    re.IGNORECASE,
)
# A count of a counted whole: `3 of 11 district hospitals`, `3/8 provinces`, `1.1m registered out of
# 3.4m`: the share is the one figure over the other (scales read), so a claim of all or most of the
# whole states more than it.
_FIGURE = r"\d[\d,]*(?:\.\d+)?(?:\s*(?:k|m|bn|thousand|million|billion)(?![a-z]))?"
PART_OF_WHOLE = re.compile(
    rf"(?<![\d.,/])(?P<part>{_FIGURE})\s*(?:/|\s(?:[a-z]+\s)?(?:out\s+of|of)\s+(?:the\s+|all\s+)?)"
    rf"(?P<whole>{_FIGURE})(?![\d/])",
    re.IGNORECASE,
)
SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "a": 1}
# Written fractions (`a third`, `two thirds`, `three quarters`): a share by value.
FRACTIONS = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}


def rank_of_share(share: float) -> int:
    """The rank of a share between 0 and 1: few up to 15 %, some below 45 %, half up to 55 %, most
    below 100 %, all at 100 %."""
    if share <= 0:
        return 0
    if share <= 0.15:
        return 1
    if share < 0.45:
        return 2
    if share <= 0.55:
        return 3
    return 4 if share < 1 else 5


def word_ranks(text: str) -> list[tuple[int, str]]:
    """(rank, word) for each extent word of a text (`the most` is a superlative, not a share)."""
    found = []
    for rank, pattern in vocabulary().extent:
        for match in pattern.finditer(text):
            if match.group(0).lower() == "most" and re.search(r"\bthe\s+$", text[: match.start()], re.I):
                continue
            if in_name(text, match):
                continue
            found.append((rank, match.group(0).lower()))
    return found


# Where a sentence or a clause opens: a capital there proves nothing.
OPENING = re.compile(r"(?:^|[.!?:;(\[\n\"“]|\s[-–—]\s|^\s*[-*•])\s*$")
CAPITALISED = re.compile(r"\s*[A-Z][\w'’-]*")


def in_name(text: str, match: re.Match[str]) -> bool:
    """Is the extent word at `match` part of a name (`the Universal Postal Union`, `Complete Streets
    Network`): written with a capital where no sentence or clause opens, or opening a run of
    capitalised words?"""
    word = match.group(0)
    if not word[:1].isupper():
        return False
    if not OPENING.search(text[: match.start()]):
        return True
    if word.lower() in DETERMINERS:
        return False  # `All Member States`: a determiner opening a sentence quantifies the name
    following = CAPITALISED.match(text, match.end())
    return following is not None and not following.group(0).strip().isupper()


# Extent words that determine a noun (a closed class): opening a sentence they quantify what follows.
DETERMINERS = frozenset({"all", "every", "each", "most", "some", "few", "many", "several", "none",
                         "certain", "numerous", "whole", "entire"})


def share_ranks(text: str) -> list[tuple[int, str]]:
    """(rank, figure) for each share a text states that is not a change."""
    found = []
    for match in SHARE.finditer(text):
        if CHANGE.search(text[: match.start()]):
            continue
        if match.group("pct"):
            share = float(match.group("pct")) / 100
        elif match.group("half"):
            share = 0.5
        elif match.group("fraction"):
            share = _value(match.group("numerator")) / FRACTIONS[match.group("fraction").lower().rstrip("s")]
        else:
            part, whole = (_value(match.group(k)) for k in ("part", "whole"))
            if not whole or part >= whole:
                continue
            share = part / whole
        if share <= 1:
            found.append((rank_of_share(share), match.group(0)))
    for match in PART_OF_WHOLE.finditer(text):
        part, whole = _figure(match.group("part")), _figure(match.group("whole"))
        if re.fullmatch(r"(?:19|20)\d\d", match.group("whole").strip()):
            continue  # `3 of 2024` is no whole
        if 0 < part < whole:
            found.append((rank_of_share(part / whole), match.group(0)))
    return found


def _figure(written: str) -> float:
    """`1.1m` -> 1,100,000; `3,400` -> 3,400."""
    found = re.fullmatch(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>[a-z]*)", written.strip(), re.IGNORECASE)
    if not found:
        return 0.0
    return float(found.group("n").replace(",", "")) * SCALES.get(found.group("scale").lower(), 1.0)


WHOLE = re.compile(
    r"\b(?:(?:all|every|each)\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?|(?:whole|entire)\s+)(?P<noun>[a-z]{3,})\b",
    re.IGNORECASE,
)
# A part named as a part of a whole: `one district of the province`, `parts of the country`.
PARTITIVE = re.compile(
    r"\b(?:\d[\d,]*|one|two|three|four|five|a|some|parts?|a\s+few|several)\s+(?:[a-z]+\s+)?of\s+"
    r"(?:the\s+|its\s+|their\s+|this\s+)?(?P<noun>[a-z]{3,})\b",
    re.IGNORECASE,
)
COUNT = re.compile(
    r"\b(?P<num>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<noun>[a-z]{3,})\b",
    re.IGNORECASE,
)


def counted_ranks(claim_clause: str, text: str) -> list[tuple[int, str]]:
    """`some` for a count the text gives of what the claim says all or every one of (`every country`
    / `in 6 countries`, `one country`), or for a part the text names of the whole the claim speaks
    of (`the whole province` / `one district of the province`): a part, unless the text says it is
    all of them."""
    nouns = {stem(m.group("noun").lower()) for m in WHOLE.finditer(claim_clause)}
    return [
        (2, m.group(0)) for pattern in (COUNT, PARTITIVE) for m in pattern.finditer(text)
        if stem(m.group("noun").lower()) in nouns
    ]


def _value(token: str) -> float:
    return float(token) if token.isdigit() else float(SMALL_NUMBERS.get(token.lower(), 0))


# A deadline ahead (`by 2027`, `by end-2026`, `by Q3`): what a count or a reach must get to (a format).
DEADLINE = re.compile(
    r"\bby\s+(?:the\s+)?(?:end[- ](?:of\s+)?|mid-?\s*)?(?:(?:19|20)\d\d|Q[1-4]\b)", re.IGNORECASE
)


def _aimed(text: str) -> bool:
    """Does the text state an aim rather than a reach: a tentative word (`goal`, `plans`) or a
    deadline ahead (`by end-2026`)?"""
    tentative = (m.group(0) for m in vocabulary().tentative.finditer(text))
    return bool(DEADLINE.search(text)) or any(word != "May" for word in tentative)


def extent_clash(claim_clause: str, evidence_clauses: list[str]) -> tuple[str, str] | None:
    """(claim's word, evidence's extent) when the claim clause states more of a whole than its evidence.

    Only read when the evidence states an extent below all (a share, `some`, `few`) and the claim
    clause gives no figure of its own.
    """
    if read_facts(claim_clause).numbers and share_ranks(claim_clause):
        return None  # a claim with its own share is compared by its figures
    claimed = [(r, w) for r, w in word_ranks(claim_clause) if r >= 2]
    if not claimed:
        return None
    # the extent is read in the segments that speak of what the claim clause speaks of: "some
    # agencies on board, majority still on paper" says `some` of the agencies that moved
    extent_words = stems(" ".join(w for _, w in claimed))
    about = stems(claim_clause) - extent_words
    relevant = []
    previous = False
    for clause in evidence_clauses:
        # a short clause after a relevant one (`…by end-2026; currently 55%`) qualifies it too
        for segment in segments(clause):
            # a short remark after a segment ("…, half done") qualifies that segment
            words = {s for s in stems(segment) if not s.isdigit()}
            previous = bool(words & about) or (previous and len(words) <= QUALIFIER_WORDS)
            if previous:
                relevant.append(segment)
    if not relevant:
        return None
    if not _aimed(claim_clause):
        # a whole the evidence only aims at (`goal - all services online by end-2026`) is no extent
        # reached; the others say how far it got (`currently 55%`)
        reached = [s for s in relevant if not _aimed(s)]
        relevant = reached if reached and len(reached) < len(relevant) else relevant
    text = " ; ".join(relevant)
    stated = word_ranks(text) + share_ranks(text) + counted_ranks(claim_clause, text)
    if not stated:
        return None
    top = max(stated)
    claim_top = max(claimed)
    if claim_top[0] > top[0] and top[0] < 5:
        return claim_top[1], top[1]
    return None
