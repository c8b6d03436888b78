"""The grounding verdict: is a claim supported by its evidence?

Supported means close in meaning to the evidence (embedding similarity) AND no fact test fails (see
`facts`). Embeddings alone cannot see a swapped number or a dropped "not" (they score such near-copies
higher than a true paraphrase), so the fact tests are what catch hallucinated facts. The verdict is a
pure function of the claim and the evidence texts: it changes nothing on any item.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.config import GroundingThresholds
from assistant.drafting.checks.facts import anchors, is_conflict, missing_facts
from assistant.drafting.checks.text import prepare

if TYPE_CHECKING:
    from assistant.corpus.embeddings import Embedder


SIMILARITY_FLOOR = GroundingThresholds().similarity_floor  # the default, for reports and tests
CACHE_SIZE = 20_000


@dataclass
class GroundingVerdict:
    """Whether a claim is supported by its evidence, how similar they are, and what is missing."""

    supported: bool
    similarity: float
    missing: list[str] = field(default_factory=list)
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        data = asdict(self)
        data["similarity"] = round(float(self.similarity), 3)
        return data


class GroundingChecker:
    """Checks claims against evidence: similarity plus figures, dates, names and negations."""

    def __init__(self, embedder: Embedder, thresholds: GroundingThresholds | None = None) -> None:
        self.embedder = embedder
        self.thresholds = thresholds or GroundingThresholds()
        self.threshold = self.thresholds.similarity_floor
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    # -- public API ---------------------------------------------------------------------------
    def check(self, claim: str, evidence: list[str]) -> GroundingVerdict:
        """Is `claim` supported by the `evidence` texts? (one claim; see `check_many` for batches)."""
        return self.check_many([(claim, evidence)])[0]

    def check_many(self, pairs: list[tuple[str, list[str]]]) -> list[GroundingVerdict]:
        """Check many (claim, evidence) pairs with few embedding batches.

        Claims are first compared with their whole evidence texts; only pairs that fall short are
        compared again with the single sentences of their evidence (a short claim drawn from a long
        line is closer to its own sentence than to the whole line).
        """
        prepared = [
            (prepare(claim), [prepare(e) for e in evidence if e and e.strip()]) for claim, evidence in pairs
        ]
        first: list[str] = []
        for claim, evidence in prepared:
            first.append(claim)
            first.extend(evidence)
            if len(evidence) > 1:
                first.append(" ".join(evidence))
        vectors = self._embed(first)
        sims = []
        for claim, evidence in prepared:
            options = evidence + ([" ".join(evidence)] if len(evidence) > 1 else [])
            sims.append(max((float(vectors[claim] @ vectors[e]) for e in options), default=0.0))
        retry = [i for i, sim in enumerate(sims) if 0 < sim < self.threshold]
        pieces = {i: [p for e in prepared[i][1] for p in _evidence_sentences(e)] for i in retry}
        vectors.update(self._embed([p for group in pieces.values() for p in group]))
        for i, group in pieces.items():
            claim_vector = vectors[prepared[i][0]]
            if group:
                sims[i] = max([sims[i]] + [float(claim_vector @ vectors[p]) for p in group])
        verdicts = []
        for (claim, evidence), (_, usable), sim in zip(pairs, prepared, sims, strict=True):
            if not usable:
                verdicts.append(GroundingVerdict(False, 0.0, [], "no evidence"))
            else:
                verdicts.append(self.verdict(claim, evidence, sim))
        return verdicts

    def similarities(self, claim: str, texts: list[str]) -> list[float]:
        """Embedding similarity of a claim to each text (as the verdict compares them), one batch."""
        prepared = [prepare(t) for t in texts]
        vectors = self._embed([prepare(claim), *prepared])
        claim_vector = vectors[prepare(claim)]
        return [float(claim_vector @ vectors[t]) for t in prepared]

    def _embed(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Vectors of the texts: cached ones reused, the others embedded in one batch."""
        wanted = list(dict.fromkeys(texts))
        with self._lock:
            found = {t: self._cache[t] for t in wanted if t in self._cache}
        new = [t for t in wanted if t not in found]
        if new:
            vectors = self.embedder.encode(new)
            fresh = dict(zip(new, vectors, strict=True))
            found.update(fresh)
            with self._lock:
                if len(self._cache) + len(new) > CACHE_SIZE:
                    self._cache.clear()
                self._cache.update(fresh)
        return found

    def verdict(self, claim: str, evidence: list[str], similarity: float) -> GroundingVerdict:
        """Combine a precomputed similarity with the fact tests into a verdict."""
        joined = " \n ".join(e for e in evidence if e)
        missing = missing_facts(claim, joined)
        floor = self.threshold
        if not missing and anchors(claim, joined) >= self.thresholds.anchors_for_lower_floor:
            floor = min(floor, self.thresholds.anchored_floor)
        reasons = []
        if similarity < floor:
            reasons.append(f"similarity {similarity:.2f} below {floor:.2f}")
        absent = [m for m in missing if not is_conflict(m)]
        conflicts = [m for m in missing if is_conflict(m)]
        if absent:
            reasons.append("not in the evidence: " + ", ".join(absent))
        if conflicts:
            reasons.append("contradicts the evidence: " + ", ".join(conflicts))
        supported = not reasons
        return GroundingVerdict(
            supported=supported,
            similarity=similarity,
            missing=missing,
            reason="supported" if supported else "; ".join(reasons),
        )


def _evidence_sentences(text: str) -> list[str]:
    """The sentences of an evidence line, so a claim made from one of them is compared with it alone."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+|;\s+", text) if len(p.split()) >= 3]
    return parts if len(parts) > 1 else []
