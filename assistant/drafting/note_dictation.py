"""Dictated notes: a run of speech typed with no full stops, cut into sentence-sized statements.

Speech-to-text apps and notes typed as fast as someone talks leave few or no full stops: a line (or
the unit the reflow makes of several) runs on for sixty words and more, several statements and often
several speakers in one (`the chair is A B from the office and he explains that … C D from the
ministry says …`). Read as one sentence it made one huge bullet, or one cut wherever the length ran
out. This module finds where such a run changes statement, from its structure alone:

- a turn: a capitalised name of two words or more after a lower-case word (dictation capitalises
  names, not sentences) opens a statement (`… a stable connection` / `C D from …`); after a word
  that opens an object (`from`, `of`, `on`: `… from the Health Ministry`) it is a weaker cut, taken
  only when the run needs one there;
- a clause of its own: a subject pronoun (`he`, `she`, …) after a word that is not one of those
  that open a verb's object (`… cheaper than diesel` / `she adds …`), or a comma;
- a coordinator (`and`, `so`, `then`, …) just before such a cut is dropped with it.

Words come only from closed classes of the language file (`[prose] subjects`, `coordinators`,
`object_openers`, `dangling`). The cuts are chosen together (dynamic programming) so that the
statements stay near `TARGET_WORDS` long and prefer the strongest cuts; a run is only cut when it
holds `RUN_ON_WORDS` words or more with no punctuation inside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.domain.language import language

RUN_ON_WORDS = 40  # a span this long with no punctuation inside is a run of dictated speech
TARGET_WORDS = 16  # the length a statement is cut near
MIN_WORDS = 5  # no statement shorter than this is cut out of a run
MAX_WORDS = 26  # a statement longer than this costs more and more (a bullet's length)
TURN_COST = -0.5  # a cut before a capitalised name: a turn, the surest cut, taken where lengths allow
WEAK_TURN_COST = 0.8  # before a capitalised name after a word that opens an object (`… on Dr A B`)
CLAUSE_COST = 0.2  # before a subject pronoun
COMMA_COST = 0.4  # after a comma
STOP_INSIDE = re.compile(r"\w[.!?;:,](?:\s|$)|[()\[\]\"“”]")
TOKEN = re.compile(r"\S+")
LEAD = re.compile(r"^\s*(?:[-*•]\s+)?")  # a line's indent and bullet, kept before its statements


@dataclass(frozen=True)
class _Cut:
    """A place a statement may start: before token `at`, skipping `skip` tokens (a coordinator)."""

    at: int
    skip: int
    cost: float


@lru_cache(maxsize=1)
def _classes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    english = language("en")
    openers = english.closed("object_openers") | english.closed("dangling")
    return english.closed("subjects"), english.closed("coordinators"), openers


def run_on(text: str) -> bool:
    """True when `text` is a run of dictated speech: `RUN_ON_WORDS` words or more and no punctuation
    inside (no stop, comma, colon, bracket or quote: a sentence typed, however long, has some; one
    stop at its very end is allowed)."""
    words = text.split()
    return len(words) >= RUN_ON_WORDS and not STOP_INSIDE.search(text.rstrip().rstrip(".!?;"))


def _bare(token: str) -> str:
    return token.strip(",.;:!?\"'“”()[]")


def _capitalised(token: str) -> bool:
    word = _bare(token)
    return len(word) > 1 and word[0].isupper() and not word.isupper() and word.isalpha()


def _cuts(tokens: list[str]) -> list[_Cut]:
    """The places a statement may start inside a run (module docstring)."""
    subjects, coordinators, openers = _classes()
    cuts: list[_Cut] = []
    for i in range(1, len(tokens)):
        word = _bare(tokens[i]).lower()
        joined = _bare(tokens[i - 1]).lower() in coordinators and i >= 2
        at, skip = (i - 1, 1) if joined else (i, 0)
        before = _bare(tokens[at - 1]).lower()  # the word before the cut (and its coordinator)
        if _capitalised(tokens[i]) and not tokens[i - 1][:1].isupper() \
                and i + 1 < len(tokens) and _capitalised(tokens[i + 1]):
            cuts.append(_Cut(at, skip, WEAK_TURN_COST if before in openers and not joined else TURN_COST))
        elif word in subjects and (joined or before not in openers | subjects) \
                and not tokens[at - 1].endswith(","):
            cuts.append(_Cut(at, skip, CLAUSE_COST))
        elif tokens[i - 1].endswith(","):
            cuts.append(_Cut(i, 1 if word in coordinators else 0, COMMA_COST))
    return cuts


def _length_cost(words: int) -> float:
    if words < MIN_WORDS:
        return float("inf")
    return ((words - TARGET_WORDS) / TARGET_WORDS) ** 2 + (max(0, words - MAX_WORDS) / 8) ** 2


def statement_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) in `text` of the statements of the run `text[start:end]`: the span itself when it
    is no run of dictated speech (`run_on`), else the span cut where the cheapest set of cuts falls
    (module docstring), a dropped coordinator left out of the statement it opened."""
    end = len(text) if end is None else end
    if not run_on(text[start:end]):
        return [(start, end)]
    matches = list(TOKEN.finditer(text, start, end))
    tokens = [m.group(0) for m in matches]
    _, coordinators, _ = _classes()
    first = 1 if len(tokens) > 1 and _bare(tokens[0]).lower() in coordinators else 0
    cuts = [_Cut(first, 0, 0.0)] + [c for c in _cuts(tokens) if c.at > first]
    n = len(tokens)
    # best[k]: the cheapest way to cut tokens[first:cuts[k].at] into statements, ending before cut k
    best: list[tuple[float, int]] = [(0.0, -1)]
    for k in range(1, len(cuts) + 1):
        at = cuts[k].at if k < len(cuts) else n
        options = []
        for j in range(k):
            cut = cuts[j]
            cost = best[j][0] + _length_cost(at - cut.at - cut.skip) + cut.cost
            options.append((cost, j))
        best.append(min(options))
    chosen: list[int] = []
    k = len(cuts)
    while k > 0:
        k = best[k][1]
        chosen.append(k)
    chosen.reverse()
    spans = []
    for position, j in enumerate(chosen):
        cut = cuts[j]
        stop = cuts[chosen[position + 1]].at if position + 1 < len(chosen) else n
        first_token, last_token = cut.at + cut.skip, stop - 1
        if first_token > last_token:
            continue
        spans.append((matches[first_token].start(), matches[last_token].end()))
    return spans


def dictated_lines(lines: list[str]) -> list[str | None]:
    """Per line: a run of dictated speech (`run_on`) written as the statements it holds, each ended
    by a full stop (`… is moderating. she opens by saying …`), so every stage after the reader (the
    sentence cutter, the evidence a bullet is checked against) reads one statement at a time; None
    for any other line. The words are kept, bar a coordinator dropped where a statement was cut."""
    out: list[str | None] = [None] * len(lines)
    for n, line in enumerate(lines):
        lead = LEAD.match(line)
        cut = lead.end() if lead else 0
        head, body = line[:cut], line[cut:]
        spans = statement_spans(body) if run_on(body) else []
        if len(spans) < 2:
            continue
        ending = body.rstrip()[-1:] if body.rstrip()[-1:] in ".!?" else "."
        out[n] = head + ". ".join(body[start:end] for start, end in spans) + ending
    return out
