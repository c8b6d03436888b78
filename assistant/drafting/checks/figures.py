"""Figures of a claim against its evidence: values, months, quarters, shares, and what they count.

Values are read by `assistant.domain.normalise.read_facts` (so `2.6bn` = `2.6 billion`, `four in
five` = 80 %); a figure the evidence gives to another thing the claim also counts is a swap.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.corpus.keywords import STOP_WORDS, stem
from assistant.domain.normalise import SCALE_WORDS, UNITS, Facts, month_name, read_facts
from assistant.drafting.checks.vocabulary import phrase_pattern, vocabulary, word_list
from assistant.drafting.checks.weights import CheckerWeights


def _missing_numbers(claim: Facts, evidence: Facts) -> list[str]:
    missing = []
    have = set(evidence.numbers)
    for value in dict.fromkeys(claim.numbers):
        if value not in have and not _share_of_stated_whole(value, claim, have):
            missing.append(claim.labels.get(value, f"{value:g}"))
    for label, part, whole in claim.proportions:
        shares = {_round_share(100 * part / whole), _round_share(part / whole)}
        if not shares & {_round_share(v) for v in have} and not {part, whole} <= have:
            missing.append(label)
    for month in sorted(claim.months - evidence.months):
        missing.append(month_name(month))
    for quarter in sorted(claim.quarters - evidence.quarters):
        missing.append(quarter)
    for ident in sorted(claim.identifiers - evidence.identifiers):
        missing.append(ident.upper())
    for time in sorted(claim.times - evidence.times):
        missing.append(time)
    return missing


def _share_of_stated_whole(value: float, claim: Facts, have: set[float]) -> bool:
    """A fraction the claim takes of a whole it states (`half of the 40 schools`) where the evidence
    gives the part as a count (`20` of the 40): the same figure written another way."""
    if not 0 < value < 1:
        return False
    counted = {round(v, 2) for v in have}
    return any(whole > 1 and whole in have and round(value * whole, 2) in counted for whole in claim.numbers)


def _round_share(value: float) -> float:
    """A share compared to one decimal place (four in five = 80 %, one in three = 33.3 %)."""
    return round(value, 1)


_COUNT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
COUNTED = re.compile(
    rf"(?<![\w.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_COUNT_WORDS})(?:-(?:{_COUNT_WORDS}))?)"
    rf"(?:\s*(?P<scale>bn|m|k|million|billion|thousand)\b)?\s+(?P<head>[A-Za-z][A-Za-z-]{{2,}})",
    re.IGNORECASE,
)


def _counted(text: str) -> list[tuple[float, str, str]]:
    """(value, stem of the counted noun, as written) for each figure followed by a word: `18 winners`."""
    pairs = []
    for match in COUNTED.finditer(text):
        raw, head = match.group("num"), match.group("head").lower()
        if head in STOP_WORDS or head in SCALE_WORDS:
            continue
        value = read_facts(raw).numbers or read_facts(raw, generous=True).numbers
        if not value:
            continue
        scale = match.group("scale")
        number = value[0] * (SCALE_WORDS[scale.lower()] if scale else 1)
        pairs.append((round(number, 6), stem(head), f"{raw} {match.group('head')}"))
    return pairs


def _swapped_quantities(claim: str, evidence: str) -> list[str]:
    """Figures the claim gives to the wrong things: `72 winners, 18 champions` for `18 winners, 72 champions`.

    A claim figure is swapped when the evidence gives that figure to another thing the claim also
    counts, and gives the claim's thing another figure.
    """
    claimed = _counted(claim)
    stated = _counted(evidence)
    claim_heads = {head: value for value, head, _ in claimed}
    problems = []
    for value, head, written in claimed:
        if (value, head) in {(v, h) for v, h, _ in stated}:
            continue
        given_to = {h for v, h, _ in stated if v == value and h != head and h in claim_heads}
        other_values = {v for v, h, _ in stated if h == head and v != value}
        if given_to and other_values:
            problems.append(written)
    return problems


APPROXIMATE_SIGN = re.compile(r"(?:~|≈|\bc\.)\s*$")


def _marked(text: str, label: str, pattern: re.Pattern[str], sign: bool = False) -> bool:
    """Is `label` written in the text right after a word of `pattern` (`almost a third`, `more than
    half`), or after `~` when `sign`?"""
    for match in re.finditer(re.escape(label), text, re.IGNORECASE):
        before = text[max(0, match.start() - 24):match.start()]
        if (sign and APPROXIMATE_SIGN.search(before)) or re.search(
            rf"(?:{pattern.pattern})\s*$", before, re.IGNORECASE
        ):
            return True
    return False


def approximately_stated(label: str, claim: str, evidence: str, weights: CheckerWeights) -> bool:
    """Is a figure of the claim missing from the evidence only because one side gives it roughly?

    - `almost a third` / `30%`, `about 1,200` / `1.2k`: within `approximate_tolerance` (relative),
      the claim or the evidence marking its figure as approximate;
    - `more than half` / `52%`, `less than a third` / `30%`: a bound the evidence's value meets,
      within `bound_reach` of it;
    - `two thirds` / `66%`: shares within `share_rounding` of each other (notes round them).
    """
    vocab = vocabulary()
    values = read_facts(label).numbers or read_facts(label, generous=True).numbers
    if not values:
        return False
    facts = read_facts(evidence, generous=True)
    hedged = _marked(claim, label, vocab.approximate, sign=True)
    above, below = _marked(claim, label, vocab.above), _marked(claim, label, vocab.below)
    for value in values:
        for other in facts.numbers:
            if not other or not value:
                continue
            distance = abs(value - other) / max(abs(value), abs(other))
            if 0 < value <= 1 and 0 < other <= 1 and abs(value - other) <= weights.share_rounding:
                return True
            if ((above and other > value) or (below and other < value)) and distance <= weights.bound_reach:
                return True
            if distance > weights.approximate_tolerance:
                continue
            other_label = facts.labels.get(other, "")
            if hedged or (other_label and _marked(evidence, other_label, vocab.approximate, sign=True)):
                return True
    return False


@cache
def _short_of() -> re.Pattern[str]:
    return phrase_pattern(word_list("figures", "short_of"))


@cache
def _exact() -> re.Pattern[str]:
    return phrase_pattern(word_list("figures", "exact"))


def _marker(text: str, label: str, pattern: re.Pattern[str]) -> str:
    """The word of `pattern` right before `label` in the text (`nearly` in `nearly 90%`), or ''."""
    for match in re.finditer(re.escape(label), text, re.IGNORECASE):
        before = text[max(0, match.start() - 24):match.start()]
        found = re.search(rf"(?:{pattern.pattern})\s*$", before, re.IGNORECASE)
        if found:
            return found.group(0).strip().lower()
    return ""


def short_of_clashes(claim: str, evidence: str) -> list[tuple[str, str]]:
    """(claim figure, evidence word) for a figure the claim raises in certainty: the evidence gives
    the same value only as just short of it (`nearly 90%`) where the claim states it plainly, with no
    hedge or bound of its own (`90%`); or only roughly (`about 90%`, `~90%`) where the claim states it
    as exact (`exactly 90%`). `nearly` -> exact is an overclaim of degree, as a range -> its top is.
    """
    vocab = vocabulary()
    claimed, stated = read_facts(claim), read_facts(evidence, generous=True)
    clashes = []
    for value in dict.fromkeys(claimed.numbers):
        label, other = claimed.labels.get(value, ""), stated.labels.get(value, "")
        if not label or not other or value not in stated.numbers:
            continue
        if any(_marked(claim, label, p, sign=True) for p in (vocab.approximate, vocab.above, vocab.below)):
            continue  # the claim keeps a hedge or a bound of its own
        # the evidence states the value plainly somewhere: the claim may restate that
        plain = [m for m in re.finditer(re.escape(other), evidence, re.IGNORECASE)
                 if not re.search(rf"(?:{vocab.approximate.pattern}|{vocab.below.pattern})\s*$|[~≈]\s*$",
                                  evidence[max(0, m.start() - 24):m.start()], re.IGNORECASE)]
        if plain:
            continue
        short = _marker(evidence, other, _short_of())
        if short:
            clashes.append((label, short))
        elif _marker(claim, label, _exact()) and _marked(evidence, other, vocab.approximate, sign=True):
            clashes.append((f"{_marker(claim, label, _exact())} {label}", "approximate"))
    return clashes


# `in May`, `since May`: "May" after a preposition of time (a closed class) is the month, which the
# shared date reader takes for one only beside a day or a year (`29 May`, `May 2024`).
MONTH_MAY = re.compile(
    r"\b(?:in|since|until|till|by|from|before|after|during|of|early|late|mid|end)[\s-]+May\b"
    r"(?![\s-]+(?:be|have|not|also|well|never)\b)"
)


def month_may(claim: str, evidence: str) -> list[str]:
    """["May"] when the claim names the month May after a preposition of time and the evidence never
    writes "May" (`finished in May` / `finished Mar.`): a month the evidence does not give."""
    if MONTH_MAY.search(claim) and not re.search(r"\bMay\b", evidence):
        return ["May"]
    return []
