"""Shared text tools of the grounding checks: tokens in the forms the fact tests compare, and `prepare`.

`prepare` is what both a claim and its evidence go through before any comparison: note abbreviations
expanded, currencies written one way, arrows and `+` read as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.corpus.keywords import stem
from assistant.domain.normalise import expand_abbreviations, name_currencies

TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9'’&\-.]*[A-Za-zÀ-ÿ0-9]|[A-Za-zÀ-ÿ]")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$")
# Words that start sentences in English prose but are no names (a capital there proves nothing).
_STARTERS_TEXT = """
according across addition additionally after again also although among another answering
around as asked at because before being beyond both but by civil despite due during each
either even every following for from further given however if in including instead it its
later many meanwhile more moreover most much nevertheless new next nonetheless now once one
only other others over overall participants per rather several similarly since so some
speakers still such than thanks that the their there these they this those though through
thus to together too under unlike until upon we what when whereas whether which while who
with within without yet one two three four five six seven eight nine ten panellists panelists
delegates experts stakeholders governments countries member members many several some most
responding replying asked answering speaking closing opening summing concluding noting
almost nearly about roughly approximately close just neither nor no none not never nothing nobody
few fewer less
"""
COMMON_STARTERS = frozenset(_STARTERS_TEXT.split())


NAME_JOINERS = frozenset({"of", "for", "and", "the", "de", "la", "du", "da", "van", "von", "del", "&"})


@dataclass
class _Words:
    """The tokens of a text, in three forms the fact tests compare."""

    raw: list[str]
    lower: set[str]
    stems: set[str]
    shortened: set[str] = field(default_factory=set)


def _tokens(text: str) -> list[str]:
    return [t.strip(".-&'’") or t for t in TOKEN.findall(text)]


def _base(token: str) -> str:
    """Lowercase token without a possessive (`Kenya's` -> `kenya`)."""
    return re.sub(r"['’]s$", "", token.lower()).strip("'’.")


def _words(text: str) -> _Words:
    raw = TOKEN.findall(text)
    lower: set[str] = set()
    for token in raw:
        base = _base(token)
        lower.add(base)
        lower.update(p for p in re.split(r"[-/]", base) if p)
    # words cut short with a full stop: "Strat.", "Off.", "Dir." (a sentence's last word counts too;
    # it only ever matches a longer word that starts with it and contains its letters in order)
    shortened = {m.group(1).lower() for m in re.finditer(r"\b([A-Za-z]{2,})\.(?=\s|$|[,;:)\]])", text)}
    return _Words(raw=raw, lower=lower, stems={stem(w) for w in lower}, shortened=shortened)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


# The hyphens of a figure used as an adjective (`a five-million-dollar fine`, `a 3-billion-euro fund`):
# read as `five million dollar`, so the figure is read whole.
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
COMPOUND_FIGURE = re.compile(
    rf"\b(?P<figure>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty"
    rf"|hundred)-(?P<scale>{_SCALE})(?:-(?P<noun>[a-z]+))?\b",
    re.IGNORECASE,
)


# A band written as one word (`over-60s`, `under-25s`): read as the bound and its figure (`over 60`).
AGE_BAND = re.compile(r"\b(?P<bound>over|under|above|below)-(?P<figure>\d{1,3})s\b", re.IGNORECASE)


def _spaced_figure(match: re.Match[str]) -> str:
    return " ".join(g for g in match.group("figure", "scale", "noun") if g)


def prepare(text: str) -> str:
    """Text as compared: note abbreviations expanded, arrows and `+` read as words, a litotes read as
    the word it affirms (`not insignificant` -> significant), a fixed phrase read as the plain word it
    means (`above all` -> chiefly), a unit glued to its figure read apart
    (`3.5GHz` -> `3.5 GHz`)."""
    from assistant.drafting.checks.vocabulary import (  # it reads this module
        affirm_double_negation,
        affirm_litotes,
        glued_units,
        plain_idioms,
    )

    text = affirm_double_negation(affirm_litotes(name_currencies(expand_abbreviations(text))))
    text = plain_idioms(text)
    text = glued_units().sub(r"\g<figure> \g<unit>", text)
    text = COMPOUND_FIGURE.sub(_spaced_figure, text)
    text = AGE_BAND.sub(r"\g<bound> \g<figure>", text)
    text = re.sub(r"\s*(?:->|→|=>)\s*", " to ", text)
    text = re.sub(r"\s+\+\s+", " and ", text)
    return re.sub(r"\s+&\s+", " and ", text)
