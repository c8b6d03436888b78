"""Reversals: a negation one text states and the other does not, and opposite directions.

Only the evidence clauses that the claim restates are read, so a "not" elsewhere in a long note line
says nothing about the claim. Directions (`rose` / `fell`, `same` / `differently`) and un-/non-
antonyms count as reversals too.
"""

from __future__ import annotations

import re

from assistant.corpus.keywords import terms
from assistant.drafting.checks.text import TOKEN

NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot|rather\s+than|instead\s+of"
    r"|lack(?:s|ed|ing)?|fail(?:s|ed)?\s+to)\b|n['’]t\b",
    re.IGNORECASE,
)


UN_PREFIXES = ("un", "non", "in", "im", "ir", "il", "dis")
# Words that state a direction; a claim with one whose evidence states the opposite is reversed.
_OPPOSITES = [
    ("rise rose risen rising rises", "fall fell fallen falling falls drop dropped dropping drops"),
    ("increase increased increasing increases", "decrease decreased decreasing decreases decline declined"),
    ("up", "down"),
    ("higher more", "lower less fewer"),
    ("grow grew grown growing grows growth", "shrink shrank shrunk shrinking shrinks"),
    ("approve approved approves approving approval", "reject rejected rejects rejecting rejection"),
    ("accept accepted accepts accepting", "refuse refused refuses refusing"),
    ("support supported supports supporting", "oppose opposed opposes opposing"),
    ("improve improved improves improving improvement", "worsen worsened worsens worsening"),
    ("gain gained gains gaining", "lose lost loses losing loss"),
    ("success successful succeeded", "failure failed unsuccessful"),
    ("allow allowed allows allowing", "ban banned bans banning forbid forbidden prohibit prohibited"),
    ("open opened opens", "close closed closes"),
    ("start started starts", "end ended ends stop stopped stops"),
    ("same similar identical uniform uniformly equally evenly alike",
     "different differently differ differs differed unequal unequally unevenly"),
    ("before", "after"),
]
OPPOSITE: dict[str, frozenset[str]] = {}
for _a, _b in _OPPOSITES:
    for _word in _a.split():
        OPPOSITE[_word] = frozenset(_b.split())
    for _word in _b.split():
        OPPOSITE[_word] = frozenset(_a.split())


CLAUSE = re.compile(r"[.;:!?]+(?:\s+|$)|\s+[-–—]+\s+|\n")
SCOPE_END = re.compile(r"[,.;:!?()\[\]]|\s[-–—]\s")


def _clauses(text: str) -> list[str]:
    return [c for c in CLAUSE.split(text) if c.strip()]


def _negations(clauses: list[str], other_terms: set[str]) -> int:
    """Negations in clauses whose scope (the words they govern, up to the next comma) is shared."""
    count = 0
    for clause in clauses:
        for match in NEGATION.finditer(clause):
            tail = clause[match.end():]
            end = SCOPE_END.search(tail)
            scope = set(terms(tail[: end.start()] if end else tail)[:4])
            if not scope or scope & other_terms:
                count += 1
    return count


def _negated_words(text: str) -> set[str]:
    """The one or two words right after each negation of a text (`not evenly shared`)."""
    return {
        word.lower() for m in re.finditer(r"(?:\b(?:not|never|no)|n['’]t)((?:\s+\w+){1,2})", text, re.I)
        for word in m.group(1).split()
    }


def _negation_mismatch(claim: str, evidence: str) -> list[str]:
    """A negation in one text about words the other states without one (and un-/non- antonyms).

    Only the evidence clauses that the claim restates count: a "not" elsewhere in a long note
    line says nothing about this claim.
    """
    claim_terms, evidence_terms = set(terms(claim)), set(terms(evidence))
    relevant = []
    for clause in _clauses(evidence):
        clause_terms = set(terms(clause))
        if clause_terms and len(clause_terms & claim_terms) / len(clause_terms) >= 0.5:
            relevant.append(clause)
    claim_neg = _negations(_clauses(claim), evidence_terms)
    evidence_neg = _negations(relevant, claim_terms)
    problems = []
    if bool(claim_neg) != bool(evidence_neg):
        problems.append("negation" if claim_neg else "the evidence's negation")
    claim_words = {w.lower() for w in TOKEN.findall(claim)}
    evidence_words = {w.lower() for w in TOKEN.findall(evidence)}
    negated = _negated_words(evidence)
    affirmed = evidence_words - negated
    # a word both texts negate ("before rollout, not after") has the same sense in both
    for word in sorted((claim_words - _negated_words(claim)) & set(OPPOSITE)):
        opposites = OPPOSITE[word] & evidence_words
        # a same-side word the evidence negates ("not evenly") does not count for the claim
        same_side = {w for w in OPPOSITE if OPPOSITE[w] == OPPOSITE[word]} & affirmed
        if opposites and not same_side:
            problems.append(f"{word} (evidence: {sorted(opposites)[0]})")
    for word in claim_words:
        for prefix in UN_PREFIXES:
            if f"{prefix}{word}" in evidence_words and word not in evidence_words and len(word) > 3:
                problems.append(f"{word} (evidence: {prefix}{word})")
            if word.startswith(prefix) and word[len(prefix):] in evidence_words and len(word) > 5 \
                    and word not in evidence_words:
                problems.append(f"{word} (evidence: {word[len(prefix):]})")
    return problems
