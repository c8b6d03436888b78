"""What a claim states that its evidence does not: the fact tests of the grounding verdict, together.

`missing_facts` lists absent figures, dates and names, reversed negations, swapped quantities,
overclaimed status and wrong speakers; an empty list means every fact of the claim is in the evidence.
"""

from __future__ import annotations

import re

from assistant.domain.normalise import _MONTH_ALTERNATION, DATE_DMY, DATE_MDY, MONTHS, read_facts
from assistant.drafting.checks.figures import (
    _missing_numbers,
    _swapped_quantities,
    approximately_stated,
    month_may,
)
from assistant.drafting.checks.names import FORUM_CONTEXT, _is_name, _missing_names, _name_spans, _token_found
from assistant.drafting.checks.negation import _negation_mismatch
from assistant.drafting.checks.speakers import _wrong_speaker, turn_lines
from assistant.drafting.checks.status import overclaims
from assistant.drafting.checks.text import _words, prepare
from assistant.drafting.checks.vocabulary import expansions
from assistant.drafting.checks.weights import CheckerWeights, load_weights


def missing_facts(claim: str, evidence: str, weights: CheckerWeights | None = None) -> list[str]:
    """Figures, dates, names and negations of the claim that its evidence does not state (`weights`:
    the checker's fitted tolerances for figures; the shipped ones by default)."""
    claim_p, evidence_p = prepare(claim), prepare(evidence)
    missing: list[str] = []
    weights = weights or load_weights()
    missing += [
        m for m in _missing_numbers(read_facts(claim_p), read_facts(evidence_p, generous=True))
        if not approximately_stated(m, claim_p, evidence_p, weights)
    ]
    missing = [m for m in missing if not _year_of_a_dated_session(m, claim_p, evidence_p)]
    missing = [m for m in missing if not _compound_abbreviated(m, evidence_p)]
    # the written-out names of the acronyms the evidence uses: `the Union` for ITU, `Asia-Pacific
    # Telecommunity` for APT (only names: figures and negations are read in the evidence as written)
    context = "\n".join([evidence_p, FORUM_CONTEXT, *expansions(evidence_p)])
    missing += _missing_names(claim_p, _words(context), context)
    missing += _negation_mismatch(claim_p, evidence_p)
    missing += _swapped_quantities(claim_p, evidence_p)
    missing += month_may(claim_p, evidence_p)
    missing += [f"status: {problem}" for problem in overclaims(claim_p, evidence_p)]
    missing += _wrong_speaker(claim_p, prepare(turn_lines(evidence)))  # turns cut before arrows are read
    return list(dict.fromkeys(missing))


YEAR = re.compile(r"^(?:19|20)\d\d$")
ANY_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,])|['’]\d\d\b")


def _year_of_a_dated_session(missing: str, claim: str, evidence: str) -> bool:
    """Is a missing figure only the year of a date whose day and month the evidence gives with no year
    at all (`on 17 March 2023` / `17 Mar, morning`)? Notes date their sessions without the year they
    were held; a year the evidence does state elsewhere is still compared."""
    if not YEAR.match(missing) or ANY_YEAR.search(evidence):
        return False
    for match in DATE_DMY.finditer(claim):
        if match.group("year") == missing:
            return _day_month_in(int(match.group("day")), match.group("month"), evidence)
    for match in DATE_MDY.finditer(claim):
        if match.group("year") == missing:
            return _day_month_in(int(match.group("day")), match.group("month"), evidence)
    return False


ALPHANUMERIC = re.compile(r"(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{3,}")


def _short_form(word: str) -> str:
    """A name of letters and digits cut to its initials and digits: `Partner2Connect` -> `P2C`."""
    return "".join(run[0].upper() if run[0].isalpha() else run for run in re.findall(r"[A-Za-z]+|\d+", word))


def _compound_abbreviated(missing: str, evidence: str) -> bool:
    """Is a missing 'figure' a name of letters and digits that the evidence writes as its initials and
    digits, or the other way round (`Partner2Connect` / `P2C`)? The digit made the figure reader see
    a number in a name."""
    if not ALPHANUMERIC.fullmatch(missing):
        return False
    short = _short_form(missing).upper()
    for token in ALPHANUMERIC.findall(evidence):
        longer = len(token) > len(missing)
        if token.upper() == short or (longer and _short_form(token).upper() == missing.upper()):
            return True
    return False


def _day_month_in(day: int, month: str, evidence: str) -> bool:
    """Does the evidence give this day of this month (`17 Mar`, `Mar 17`, `17 March`)?"""
    wanted = MONTHS.get(month.lower().rstrip("."))
    for match in re.finditer(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_ALTERNATION})\b"
                             rf"|\b({_MONTH_ALTERNATION})\.?\s+(\d{{1,2}})\b", evidence, re.IGNORECASE):
        found_day = int(match.group(1) or match.group(4))
        found_month = MONTHS.get((match.group(2) or match.group(3)).lower())
        if found_day == day and found_month == wanted:
            return True
    return False


CONFLICT = re.compile(
    r"^(?:status|speaker|polarity|modality):|\(evidence|\(the evidence|^negation$|^the evidence's negation$"
)


def is_conflict(problem: str) -> bool:
    """Is this entry of `missing_facts` a contradiction (status, speaker, reversal, swap of direction)
    rather than a figure or name the evidence lacks?"""
    return bool(CONFLICT.search(problem))


def anchors(claim: str, evidence: str) -> int:
    """How many figures and name words of the claim its evidence states (what ties the two together)."""
    claim_p, evidence_p = prepare(claim), prepare(evidence)
    have = set(read_facts(evidence_p, generous=True).numbers)
    count = sum(1 for value in set(read_facts(claim_p).numbers) if value in have)
    words = _words(evidence_p)
    for span in _name_spans(claim_p):
        count += sum(1 for token, start in span if _is_name(token, start) and _token_found(token, words))
    return count
