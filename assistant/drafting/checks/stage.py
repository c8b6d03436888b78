"""Stage: how far a thing has got, read as an ordered scale kept as data.

A project, a law or a treaty passes through stages: conceived (proposed, draft, under discussion),
decided (approved, signed, adopted), under way (tender, construction, phase 2 of 4, testing) and in
effect (opened, launched, live, ratified, in force). The levels are a closed vocabulary
(`[stage]` of `domain/templates/checker-vocabulary.toml`). A claim that states a thing as having
reached a level above every level its evidence states as reached overclaims, whatever the verb:
`has opened` / `construction begins 2026`, `has ratified` / `signed; ratification vote next spring`.

A stage word is reached unless it is governed by a tentative word of its segment (`go-live
targeted end-2026`), negated, or scheduled: a present or noun form with a time after or before it
(`begins 2026`, `opening 2028`, `vote next spring`, `opens June`). A past form (`launched 2023`) is
reached whatever date it carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.corpus.keywords import stem
from assistant.domain.normalise import MONTHS
from assistant.drafting.checks.polarity import segments
from assistant.drafting.checks.vocabulary import raw_section, vocabulary, word_list

WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*|\d{4}")
TIME = re.compile(r"^(?:(?:19|20)\d\d|q[1-4]|h[12]|end-(?:19|20)\d\d|mid-(?:19|20)\d\d)$", re.IGNORECASE)
SCHEDULE_REACH = 3  # words between a stage word and the time that schedules it
PAST = re.compile(r"(?:ed|ied|un|en|lt)$")  # a past form: launched, begun, built (reached)
DETERMINER = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "that"})


@dataclass(frozen=True)
class StageWord:
    """One stage word found in a text: as written (lower case), its level, and whether it is reached."""

    word: str
    level: int
    reached: bool


@cache
def _levels() -> tuple[tuple[dict[str, int], list[tuple[re.Pattern[str], int]]], frozenset[str]]:
    """(one-word stems -> level, multi-word phrase patterns with their level), and the `ahead` words."""
    levels = raw_section("stage").get("levels")
    if not isinstance(levels, list):
        raise RuntimeError("the checker's vocabulary has no [stage] levels; reinstall the package")
    words: dict[str, int] = {}
    phrases: list[tuple[re.Pattern[str], int]] = []
    for level, entries in enumerate(levels):
        for entry in map(str, entries):
            if " " in entry:
                body = r"\s+".join(re.escape(w) for w in entry.split())
                phrases.append((re.compile(rf"\b{body}\b", re.IGNORECASE), level))
            else:
                words[entry.lower()] = level
    ahead = frozenset(word_list("stage", "ahead"))
    return (words, phrases), ahead


@cache
def _states() -> frozenset[str]:
    """The stage forms a claim states a stage with though they carry no past ending (`live`)."""
    return frozenset(w.lower() for w in word_list("stage", "states"))


def _is_time(word: str, following: str) -> bool:
    """Does the word (with the one after it) say when: a year, a quarter, a month, `next spring`?"""
    lower = word.lower()
    if TIME.match(lower) or (lower in MONTHS and word[:1].isupper()):
        return True
    (_, _), ahead = _levels()
    return lower in ahead and bool(following) and following.lower() not in DETERMINER


def stage_words(text: str) -> list[StageWord]:
    """The stage words of a text, segment by segment, each with its level and whether it is reached."""
    (words, phrases), _ = _levels()
    vocab = vocabulary()
    found: list[StageWord] = []
    for segment in segments(text):
        tentative = [m for m in vocab.tentative.finditer(segment) if m.group(0) != "May"]
        negated = bool(vocab.clause_negator.search(segment))
        tokens = [(m.group(0), m.start()) for m in WORD.finditer(segment)]
        hits: list[tuple[str, int, int, int]] = []  # (word, level, token index, start)
        taken: set[int] = set()
        for pattern, phrase_level in phrases:
            for m in pattern.finditer(segment):
                index = next((n for n, (_, s) in enumerate(tokens) if s >= m.start()), len(tokens))
                hits.append((m.group(0).lower(), phrase_level, index, m.start()))
                taken.update(n for n, (_, s) in enumerate(tokens) if m.start() <= s < m.end())
        for n, (token, start) in enumerate(tokens):
            word_level = words.get(token.lower())
            # a capital inside a segment starts a name (`Open Data Charter`), not a stage
            if n not in taken and word_level is not None and (n == 0 or not token[:1].isupper()):
                hits.append((token.lower(), word_level, n, start))
        for word, level, index, start in hits:
            near = tokens[max(0, index - SCHEDULE_REACH):index + SCHEDULE_REACH + 1]
            scheduled = not PAST.search(word.split()[-1]) and any(
                _is_time(w, tokens[k + 1][0] if k + 1 < len(tokens) else "")
                for k, (w, s) in enumerate(tokens) if (w, s) in near and s != start
            )
            # a tentative word before it in its segment, or right after it (`go-live targeted`)
            after = index + len(word.split())
            following = tokens[after][1] if after < len(tokens) else -1
            governed = any(t.start() < start or t.start() == following for t in tentative)
            found.append(StageWord(word, level, not (scheduled or governed or negated)))
    return found


def stage_clash(claim: str, evidence_clauses: list[str]) -> tuple[str, str] | None:
    """(the claim's stage word, the evidence's) when the claim states a higher stage reached than any
    the evidence states as reached, and the evidence speaks of stages at all; else None.

    A claim that names a lower stage the evidence gives (`launched a pilot` / `pilot under way`) is
    about that stage, and a claim that states no stage as reached claims none."""
    claimed = [w for w in stage_words(claim)
               if w.reached and (PAST.search(w.word.split()[-1]) or w.word in _states())]
    if not claimed:
        return None
    top = max(claimed, key=lambda w: w.level)
    stated = [w for c in evidence_clauses for w in stage_words(c)]
    if not stated:
        return None
    reached = [w for w in stated if w.reached]
    level = max((w.level for w in reached), default=-1)
    if top.level <= level:
        return None
    claim_stems = {stem(w.lower()) for w in WORD.findall(claim)}
    if any(stem(w.word.split()[-1]) in claim_stems for w in stated if level <= w.level < top.level):
        return None  # the claim names the lower stage the evidence gives (`launched a pilot`)
    if any(w.word == top.word for w in stated):
        return None  # the evidence states the same form (`launched`), a condition elsewhere aside
    shown = max(stated, key=lambda w: (w.reached, w.level))
    return top.word, shown.word
