"""Leaks from mixed note lines: content with the rapporteur's aside in the same line.

A facts file's `mixed_lines` are lines that hold content and an aside together ("a Swahili model is
in testing (I think she said early 2026 but not sure)"). Citing such a line is fine; carrying its
aside into the draft is a leak. The aside is found by the line's layout: a bracketed or
parenthesised span, or what follows a spaced dash (` -- `, ` — `) when that is the shorter part.
An item leaks the aside when it repeats a bracketed marker ("[inaudible]") or at least half (and
two or more) of the aside's content words that the rest of the line does not use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.corpus.keywords import STOP_WORDS
from assistant.evaluation.metrics import normalise

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_AFTER_DASH = re.compile(r"\s(?:--|—|–)\s(?!.*\s(?:--|—|–)\s).*$")  # after the last spaced dash


def aside_parts(line: str) -> tuple[list[str], str]:
    """The aside spans of a mixed line and the line without them. What follows a spaced dash is an
    aside only when it is the shorter part of the line ("Rwanda -- <the whole point>" is no aside)."""
    spans = [m.group(0) for m in _BRACKETS.finditer(line)]
    dash = _AFTER_DASH.search(line)
    if dash and len(dash.group(0).split()) * 2 <= len(line.split()):
        spans.append(dash.group(0))
    rest = line
    for span in spans:
        rest = rest.replace(span, " ")
    return spans, rest


def _content(text: str) -> set[str]:
    return {w for w in normalise(text).split() if len(w) > 2 and w not in STOP_WORDS}


def leaks_aside(text: str, cited: Sequence[int], note_lines: Sequence[str], mixed: Sequence[int]) -> bool:
    """True when the item carries the aside of a mixed line it cites (module docstring)."""
    item_words = _content(text)
    for number in set(cited) & set(mixed):
        if not 1 <= number <= len(note_lines):
            continue
        spans, rest = aside_parts(note_lines[number - 1])
        rest_words = _content(rest)
        for span in spans:
            if span.startswith("[") and normalise(span) and normalise(span) in normalise(text):
                return True
            words = _content(span) - rest_words
            if len(words) >= 2 and len(words & item_words) * 2 >= len(words):
                return True
    return False
