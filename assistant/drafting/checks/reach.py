"""Reach by category: a claim of the whole where the evidence restricts it to a class, a phase or a count.

Notes restrict a measure's reach in ways no extent word states: a bound on the class (`mandatory for
firms >R$10m turnover`), phases (`large taxpayers since 2023; SMEs from 2027`, `civil servants first;
general public from Q3`), or a count of the parts of a place (`adopted in five West African states`).
A careless report writes `all firms`, `every resident`, `across Africa`. A claim clause that states
the whole (a universal word, a word of full reach, or `across` before a place name: data in
`[reach]` of the vocabulary) and is not itself tentative, hedged or negated overclaims when every
evidence clause withholds the whole and one of them restricts it so. The verdict names the
restriction: `extent: all (evidence: >R$10m)`.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.corpus.keywords import STOP_WORDS
from assistant.domain.normalise import MONTHS, UNITS
from assistant.drafting.checks.extent import in_name
from assistant.drafting.checks.polarity import segments, stems
from assistant.drafting.checks.vocabulary import phrase_pattern, vocabulary, word_list

UNIVERSAL = re.compile(r"\b(?:all|every|each|any)\b(?!\s+(?:but|of\s+(?:them|us)\b))", re.IGNORECASE)
# `all` as the object of a preposition (`in all`, `at all`, `above all`, `after all`) quantifies no
# noun: a total or an emphasis (`2,700 participants in all`), never a claim of a whole class. Read by
# what follows it: a determiner `all` is followed by what it quantifies (`in all districts`, `in all
# the states`); this one by punctuation, the end, or a function word that opens a new phrase.
ADVERBIAL_ALL = re.compile(r"\b(?:in|at|above|after)\s+all\b(?=\s*(?:[,.;:)!?]|$)|\s+(?P<next>[a-z]+))",
                           re.IGNORECASE)
DETERMINER_FOLLOWERS = frozenset({"the", "of", "these", "those", "its", "their", "our", "this", "that", "his",
                                  "her", "my", "your", "such"})
TIME = r"(?:(?:19|20)\d\d|Q[1-4]|H[12]|end-(?:19|20)\d\d|(?:next|this)\s+\w+)"
SIGN_BOUND = re.compile(r"[<>≥≤]\s*[A-Z$€£]*\s*\d")
NUMBER = re.compile(rf"\b(?:\d+|{'|'.join(w for w in UNITS if UNITS[w] >= 2)})\b", re.IGNORECASE)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(bound before a figure, phase before a time, `across` before a place name), from the data."""
    bounds = phrase_pattern(word_list("reach", "bounds"))
    phases = phrase_pattern(word_list("reach", "phases"))
    across = phrase_pattern(word_list("reach", "across"))
    months = "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
    phase = re.compile(rf"(?:{phases.pattern})\s+(?:{TIME}|(?:{months})\b)", re.IGNORECASE)
    bound = re.compile(rf"(?:{bounds.pattern})\s+[A-Z$€£]*\s*\d|{SIGN_BOUND.pattern}", re.IGNORECASE)
    place = re.compile(rf"(?:{across.pattern})\s+(?:the\s+)?[A-Z][a-z]+", re.IGNORECASE)
    return bound, phase, place


def _whole(part: str) -> str | None:
    """The word by which a claim clause states the whole, if it does."""
    place = _patterns()[2]
    vocab = vocabulary()
    adverbial = [m.end() for m in ADVERBIAL_ALL.finditer(part)
                 if not m.group("next") or (m.group("next").lower() in STOP_WORDS
                                            and m.group("next").lower() not in DETERMINER_FOLLOWERS)]
    found = next((m for m in UNIVERSAL.finditer(part) if not in_name(part, m) and m.end() not in adverbial),
                 None)
    if found and not re.search(r"\bnot\s+(?:all|every)\b", part, re.IGNORECASE):
        return found.group(0).lower()
    # a word of full reach inside a name (`the Universal Postal Union`) states no reach
    wide = next((m.group(0) for m in re.finditer(r"[A-Za-z-]+", part)
                 if m.group(0).lower() in vocab.wide_scope and not in_name(part, m)), None)
    if wide:
        return wide.lower()
    across = place.search(part)
    # `across` with a capital right after it: a place (`across Africa`), never a sentence's first word
    return across.group(0) if across and across.group(0).split()[-1][:1].isupper() else None


def reach_clash(claim_parts: list[str], evidence_clauses: list[str]) -> tuple[str, str] | None:
    """(the claim's word of the whole, the evidence's restriction), or None when nothing withholds it."""
    bound, phase, _ = _patterns()
    vocab = vocabulary()
    pieces = [s for c in evidence_clauses for s in segments(c)]
    evidence = " ; ".join(evidence_clauses)
    if not pieces or _whole(evidence) or re.search(r"\bnot\s+(?:all|every)\b", evidence, re.I):
        return None  # the evidence states the whole itself, or says not all
    for part in claim_parts:
        whole = _whole(part)
        tentative = [m for m in vocab.tentative.finditer(part) if m.group(0) != "May"]
        if not whole or tentative or vocab.hedged.search(part) or vocab.clause_negator.search(part):
            continue
        limit = bound.search(evidence)
        if limit and limit.group(0) not in part and not _bound_restated(limit.group(0), evidence, part):
            return whole, limit.group(0).strip()
        phased = [p for p in pieces if phase.search(p)]
        if phased and len(phased) < len(pieces) and not phase.search(part):
            return whole, phase.search(phased[0]).group(0)  # type: ignore[union-attr]
        narrowed = _narrowed(part, pieces)
        if narrowed:
            return whole, narrowed
        if " " in whole and whole.split()[-1][:1].isupper():
            counted = NUMBER.search(evidence.split(":", 1)[-1])
            if counted and not NUMBER.search(part):
                return whole, counted.group(0)
    return None


def _bound_restated(limit: str, evidence: str, part: str) -> bool:
    """Does the claim clause restate the figure the evidence bounds (`>2,700 participants` / `more
    than 2,700 participants`)? Then the bound is the figure's own, a count, not a class the claim
    widens: the figure tests compare the two."""
    start = evidence.find(limit)
    if start < 0:
        return False
    figure = re.match(r"[A-Z$€£]*\s*(\d[\d,.]*\d|\d)", evidence[start + 1:].lstrip("<>≥≤ "))
    if not figure:
        return False
    digits = figure.group(1).rstrip(".,")
    return bool(re.search(rf"(?<![\d.,]){re.escape(digits)}(?![\d])", part))


@cache
def _narrowing() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(restrictors, words for the remainder), from the data (`[reach]`)."""
    return phrase_pattern(word_list("reach", "restrictors")), phrase_pattern(word_list("reach", "remainder"))


NEAR = 3  # words either side of a restrictor that it modifies


def _narrowed(part: str, pieces: list[str]) -> str | None:
    """The word by which an evidence segment narrows the whole a claim clause states, if one does.

    Compared by what each modifies: a restrictor (`only`, `solely`, `piloted`: data) narrows the
    words beside it, and counts when one of them is a name the claim does not give (the part the
    whole is narrowed to: `Gauteng only` for `every province`) or a word the claim's clause shares
    (`piloted in schools` for `schools nationwide`); an extent below all (`a handful`, `some`: the
    `[extent]` lists) narrows the segment it stands in when that segment shares a word with the
    claim; the remainder of the whole (`other provinces`, `the rest`) in a segment with a time or a
    tentative word is put off. Restrictive conditions (`only if`) and `not only` narrow nothing."""
    vocab = vocabulary()
    restrictors, remainder = _narrowing()
    claim_stems = stems(UNIVERSAL.sub(" ", part))
    claim_names = {w.lower() for w in re.findall(r"\b[A-Z][\w'’-]*", part)}
    for piece in pieces:
        cleaned = vocab.restrictive.sub(" ", vocab.not_negating.sub(" ", piece))
        for found in restrictors.finditer(cleaned):
            before = re.findall(r"[\w'’-]+", cleaned[: found.start()])[-NEAR:]
            after = re.findall(r"[\w'’-]+", cleaned[found.end():])[:NEAR]
            beside = before + after
            named = [w for w in beside if w[:1].isupper() and w.lower() not in claim_names
                     and not re.fullmatch(r"Q[1-4]|H[12]", w)]
            if named or stems(" ".join(beside)) & claim_stems:
                return found.group(0)
        shared = stems(piece) & claim_stems
        for rank, pattern in vocab.extent:
            found_extent = pattern.search(piece)
            if 0 < rank < 5 and found_extent and shared - stems(found_extent.group(0)):
                return found_extent.group(0)
        rest = remainder.search(piece)
        put_off = _patterns()[1].search(piece) or re.search(TIME, piece) or vocab.tentative.search(piece)
        if rest and put_off and shared:
            return rest.group(0)
    return None


def _level(word: str, levels: list[str]) -> int:
    """The level of a place noun (singular or plural) among the levels of the vocabulary, or -1."""
    lower = word.lower()
    for n, level in enumerate(levels):
        if lower in {level, f"{level}s", f"{level[:-1]}ies" if level.endswith("y") else f"{level}s"}:
            return n
    return -1


def level_clash(claim_parts: list[str], evidence_clauses: list[str]) -> tuple[str, str] | None:
    """(the claim's whole, the evidence's part) when a claim clause takes the whole of a place of a
    higher level (`in the country`) where the evidence names places of lower levels only (`Nakuru
    county`, `two districts`) and never the claim's level: the notes place it in a part, the claim
    in the whole. Tentative, hedged or negated clauses claim no reach."""
    levels = word_list("reach", "levels")
    wholes = word_list("reach", "whole_of_level")
    if not levels or not wholes:
        return None
    vocab = vocabulary()
    evidence = " ".join(evidence_clauses)
    found = [(_level(w, levels), w) for w in re.findall(r"[A-Za-z]+", evidence)]
    found = [(n, w) for n, w in found if n >= 0]
    if not found or _whole(evidence) or re.search(r"\bnational(?:ly)?\b", evidence, re.IGNORECASE):
        return None  # the evidence states a whole itself (`nationwide`, `all regions`, `national`)
    highest = max(n for n, _ in found)
    taking = re.compile(rf"(?:{phrase_pattern(wholes).pattern})\s+(?P<level>[a-z]+)\b", re.IGNORECASE)
    for part in claim_parts:
        tentative = [m for m in vocab.tentative.finditer(part) if m.group(0) != "May"]
        if tentative or vocab.hedged.search(part) or vocab.clause_negator.search(part):
            continue
        own = {_level(w, levels) for w in re.findall(r"[A-Za-z]+", part)} - {-1}
        for match in taking.finditer(part):
            level = _level(match.group("level"), levels)
            if level > highest and not own & {n for n, _ in found}:
                lower = max(found)[1]
                return match.group(0).lower(), lower.lower()
    return None
