"""Maximal marginal relevance, written once: how much a candidate adds given what is chosen already.

The extractive drafter (sentence by sentence, per section) and the summaries (sentence by sentence,
over a whole text) both pick greedily by this score, each with its own weight.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np

Score = TypeVar("Score", float, np.ndarray)


def marginal_relevance(relevance: Score, redundancy: Score, weight: float) -> Score:
    """`weight` of the candidate's relevance less the rest of its redundancy (its highest similarity
    to a chosen one); `weight` 1 ignores redundancy, 0 ignores relevance."""
    return weight * relevance - (1 - weight) * redundancy
