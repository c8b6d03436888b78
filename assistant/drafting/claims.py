"""A note point that holds two claims, cut in two at a clause boundary.

Notes typed at speed put two claims on one line: "repair cafés in 9 countries fixed 18,000 laptops
last year; spare parts and manuals the main bottleneck", "manufacturers ought to publish repair
manuals, and governments might think about a reduced VAT". When a short section of the form needs
one more point and none is left, the drafter may make two bullets of such a line (issue 22). The
cut is made by structure alone: at a semicolon, or at a comma followed by a coordinating
conjunction (a closed class of English, below) that opens a clause with a verb of its own. Each
half must say something on its own: enough content words, and the second half must not lean on the
first ("only 9 of those …", "it was …": `BACK_REFERENCE`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.drafting.notes import BACK_REFERENCE

# where a line holds two claims: a semicolon, or `, and` / `, but` / `, while` before a new clause
_SEMICOLON = re.compile(r"\s*;\s+")
_COORDINATED = re.compile(r",\s+(?:and|but|while|whereas)\s+", re.IGNORECASE)
# ... or a bare `and` between two clauses, each with its subject and verb ("heat deaths doubled since
# 2015 and street sensors now cover 40 neighbourhoods"): cut only where the second side's first two
# words hold no verb (its subject), so "the guide was written and published in May" stays whole
_BARE_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
# a second half that opens on a subordinating or relative word (closed class of English) depends on
# the first: `…, and that the credential gave access …` is no claim of its own
DEPENDENT_OPENERS = frozenset({"that", "which", "who", "whom", "whose", "because", "if", "when", "where",
                               "whereby", "so", "to", "as", "than", "then", "also", "thus"})
MIN_HALF_WORDS = 4  # words each half needs (letters or figures) to stand as a point of its own
_WORD = re.compile(r"[^\W_]{2,}|\d+")


def _enough(half: str) -> bool:
    """True when a half has enough words to be a point, and not one bracket or quote left open."""
    return (len(_WORD.findall(half)) >= MIN_HALF_WORDS and half.count("(") == half.count(")")
            and half.count("\"") % 2 == 0)


def claim_halves(text: str, has_verb: Callable[[str], bool]) -> tuple[str, str] | None:
    """The two claims of a note point, or None when it holds one (or cannot be cut cleanly).

    Cut at the only semicolon, else at the only `, and …` whose two sides each have a verb of their
    own (`has_verb`, the drafter's test), else at the only bare `and` between two clauses that each
    have their own subject and verb; a list (`a, b and c`) or a point with several semicolons is
    left whole. The halves keep the note's words, in its order, without the joining word."""
    body = text.strip().rstrip(" .;")
    semicolons = list(_SEMICOLON.finditer(body))
    if len(semicolons) == 1:
        cut = semicolons[0]
        first, second = body[: cut.start()].strip(" ,"), body[cut.end():].strip(" ,")
    elif not semicolons:
        joins = list(_COORDINATED.finditer(body))
        if len(joins) > 1:
            return None
        if joins:
            cut = joins[0]
            first, second = body[: cut.start()].strip(" ,"), body[cut.end():].strip(" ,")
            if not (has_verb(first) and has_verb(second)):
                return None
        else:
            bare = _bare_and_halves(body, has_verb)
            if bare is None:
                return None
            first, second = bare
    else:
        return None
    if not (_enough(first) and _enough(second)) or BACK_REFERENCE.match(second):
        return None
    if second.split()[0].lower().strip(",.") in DEPENDENT_OPENERS:
        return None
    return first, second


def _bare_and_halves(body: str, has_verb: Callable[[str], bool]) -> tuple[str, str] | None:
    """The two clauses of a point joined by a bare `and`, or None: exactly one `and` must have a
    clause on each side, the second opening on its own subject (two words before its verb)."""
    found = []
    for join in _BARE_AND.finditer(body):
        first, second = body[: join.start()].strip(" ,"), body[join.end():].strip(" ,")
        words = second.split()
        if len(words) < 3 or has_verb(" ".join(words[:2])):
            continue  # the second side opens on its verb, or on a word and its verb ("now runs …")
        if has_verb(first) and has_verb(" ".join(words[1:])):
            found.append((first, second))
    return found[0] if len(found) == 1 else None


def quote_without(line: str, other: str) -> str:
    """The note line as quoted for one half of a point: the line without the other half (and the
    punctuation or conjunction that joined them), or the whole line when the other half is not
    written in it as it stands."""
    at = line.find(other)
    if not other or at < 0:
        return line
    before, after = line[:at], line[at + len(other):]
    before = re.sub(r"(?:\s*[;,]\s*(?:(?:and|but|while|whereas)\s+)?|\s+)$", "", before, flags=re.IGNORECASE)
    after = re.sub(r"^\s*[;,]\s*", " " if before else "", after)
    return f"{before}{after}".strip() or line
