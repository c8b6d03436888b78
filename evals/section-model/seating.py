"""Seating: how many points each section of the form gets, decided once over the whole note.

Tried and NOT shipped (issue 22, session 14; README.md, "Seating"): fitted on the training sets it
moves no point, and every looser setting loses as many section units as it wins, because the
drafter's section scores agree with the labelled facts' sections on about 57 % of points. It is kept
here as the measured experiment, with `fit_seating.py` (record, diagnose, fit).

The extractive drafter's selection places points one at a time, most valuable first, then tops up
and rebalances. In short notes (fewer points than the form's minimums ask for) that leaves a section
under what the notes hold for it while a fuller section keeps points that fit it too. Seating looks
at the result as one decision: each candidate point's section probabilities (the drafter's section
scores, eligibility and placement through a small conditional-logit model fitted on the training
sets' labelled facts: which section a rapporteur put the fact each placed point carries in) give,
for every section, the distribution of how many points the notes hold for it (each candidate is a
point of that section with its probability, times the share of candidates that are points at all:
one rate for the points the selection placed, one for those it left). A section fails the form
when it holds

- no point while the notes hold one (left empty),
- fewer points than both its minimum and what the notes hold for it (under its limits),
- points while the notes hold none (padding), or more than its maximum;

and seating moves one placed point at a time to another section the point is eligible for (and
whose probability for it is at least the fitted floor), choosing each time the move that lowers the
expected number of failing sections most, until no move lowers it by `min_gain`. The points placed
stay the same (what the draft says and cites does not change), only their sections do.

The parameters are data (`seating.json` beside this file), fitted by `fit_seating.py`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MAX_MOVES = 12  # a note's seating never moves more points than this (each move must gain)


@dataclass(frozen=True)
class SeatingParameters:
    """The fitted constants of seating (see the module docstring). A point's utility for a section is
    `score_weight * score + eligible_weight * eligible + placed_weight * placed there + bias[section]`;
    its section probabilities are the softmax of its utilities."""

    score_weight: float  # weight of the drafter's section score
    eligible_weight: float  # weight of the section being one the point is eligible for
    placed_weight: float  # weight of the section being the one the selection placed it in
    bias: dict[str, float]  # per section (a rapporteur's prior for it); a section not named has 0
    placed_rate: float  # share of placed candidates that are points of the notes
    unplaced_rate: float  # share of candidates the selection left that are points all the same
    floor: float  # a point moves only to a section whose probability for it is at least this
    min_gain: float  # a move must lower the expected failing sections by more than this


@dataclass(frozen=True)
class Seat:
    """One candidate point: its section scores, the sections it may go to, where it sits (or None)."""

    scores: dict[str, float]
    eligible: frozenset[str]
    section: str | None


@dataclass(frozen=True)
class Limits:
    """A section's item limits on the form."""

    low: int
    high: int


@cache
def parameters() -> SeatingParameters:
    """The fitted parameters (`seating.json` beside this file)."""
    data = json.loads((Path(__file__).resolve().parent / "seating.json").read_text(encoding="utf-8"))
    return from_json(data)


def from_json(data: dict[str, object]) -> SeatingParameters:
    """Parameters from their JSON form (`seating.json`)."""
    bias = data["bias"]
    assert isinstance(bias, dict)
    return SeatingParameters(
        bias={str(k): float(v) for k, v in bias.items()},
        **{k: float(data[k]) for k in SeatingParameters.__dataclass_fields__ if k != "bias"},  # type: ignore[arg-type]
    )


def probabilities(point: Seat, sections: list[str], params: SeatingParameters) -> dict[str, float]:
    """A point's probability of belonging to each section (see `SeatingParameters`)."""
    utility = {
        s: params.score_weight * point.scores.get(s, 0.0) + params.eligible_weight * (s in point.eligible)
        + params.placed_weight * (s == point.section) + params.bias.get(s, 0.0)
        for s in sections
    }
    top = max(utility.values())
    weights = {s: math.exp(u - top) for s, u in utility.items()}
    total = sum(weights.values())
    return {s: w / total for s, w in weights.items()}


def count_distribution(chances: list[float]) -> list[float]:
    """The distribution of how many of independent events happen, each with its chance
    (a Poisson-binomial: entry k is the probability that exactly k happen)."""
    pmf = [1.0]
    for p in chances:
        nxt = [0.0] * (len(pmf) + 1)
        for k, q in enumerate(pmf):
            nxt[k] += q * (1 - p)
            nxt[k + 1] += q * p
        pmf = nxt
    return pmf


def failure(count: int, pmf: list[float], limits: Limits) -> float:
    """The chance that a section holding `count` points fails the form, given the distribution of
    how many points the notes hold for it: empty with material, under min(minimum, material),
    filled without material, or over its maximum."""
    if count > limits.high:
        return 1.0
    if count == 0:
        return 1.0 - pmf[0]
    under = sum(q for k, q in enumerate(pmf) if k > count) if count < limits.low else 0.0
    return pmf[0] + under


def expected_failures(
    counts: dict[str, int], pmfs: dict[str, list[float]], limits: dict[str, Limits],
) -> float:
    """The expected number of failing sections of a seating (`failure` summed over the sections)."""
    return sum(failure(counts[s], pmfs[s], limits[s]) for s in limits)


def seat(
    seats: list[Seat], limits: dict[str, Limits], params: SeatingParameters | None = None,
) -> list[str | None]:
    """The section of every seat after seating (None for a seat left unplaced).

    Only the sections in `limits` take part: a placed seat in another section stays there, and no
    seat moves into one. Every seat still counts towards what the notes hold for each section."""
    params = params or parameters()
    ids = list(limits)
    everything = sorted({s for seat_ in seats for s in seat_.scores} | set(ids))
    chances: dict[str, list[float]] = {s: [] for s in ids}
    probs = []
    for seat_ in seats:
        p = probabilities(seat_, everything, params)
        probs.append(p)
        rate = params.placed_rate if seat_.section is not None else params.unplaced_rate
        for s in ids:
            chances[s].append(p[s] * rate)
    pmfs = {s: count_distribution(chances[s]) for s in ids}
    where = [seat_.section for seat_ in seats]
    counts = {s: sum(1 for w in where if w == s) for s in ids}
    current = expected_failures(counts, pmfs, limits)
    for _ in range(MAX_MOVES):
        best: tuple[float, float, int, str] | None = None
        for i, seat_ in enumerate(seats):
            origin = where[i]
            if origin not in limits or counts[origin] == 1:
                continue  # a section the selection gave a point keeps one (the notes hold material there)
            for target in ids:
                if target == origin or target not in seat_.eligible or probs[i][target] < params.floor:
                    continue
                counts[origin] -= 1
                counts[target] += 1
                after = expected_failures(counts, pmfs, limits)
                counts[origin] += 1
                counts[target] -= 1
                gain = current - after
                fit = probs[i][target] - probs[i][origin]  # the tie-break: the point that fits best
                if gain > params.min_gain and (best is None or (gain, fit) > (best[0], best[1])):
                    best = (gain, fit, i, target)
        if best is None:
            break
        gain, _, i, target = best
        counts[where[i]] -= 1  # type: ignore[index]
        counts[target] += 1
        where[i] = target
        current -= gain
    return where
