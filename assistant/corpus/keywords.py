"""Word-level text tools shared by keyword search, answer composition and checks.

A small, fast English analyser: lowercase word tokens, stop words dropped, Snowball stems.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

WORD = re.compile(r"[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9+'’\-]*")
_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is
it its itself just me more most my myself no nor not now of off on once only or other our
ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself
yourselves s t don shall may might must us via per etc e g i.e ie eg
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of a lowercase word (cached: corpora repeat words a lot)."""
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """Lowercase word tokens of a text, punctuation dropped, hyphenated words kept whole."""
    return [w.strip("'’-").lower() for w in WORD.findall(text) if w.strip("'’-")]


def terms(text: str) -> list[str]:
    """Stemmed content terms of a text: the unit keyword search and overlap scores use."""
    return [stem(w) for w in words(text) if (w not in STOP_WORDS and len(w) > 1) or w.isdigit()]
