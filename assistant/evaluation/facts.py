"""Finds the must_cover facts and the must_not_claim statements of a session among a draft's items.

Fact recall rule: a fact is covered by an item when the item contains every one of the fact's
keywords (after `metrics.normalise`) and, for a fact with a single keyword, the item is also close
in meaning to the fact (cosine similarity of the embeddings >= FACT_SIMILARITY). Two or more
keywords found together in one item are distinctive enough on their own. Either way the item must
state the fact with the fact's polarity: an item whose clause around the keywords is negated ("did
not recover 410 tonnes") does not cover a plain fact, nor a plain item a negated fact.

Hallucination rule: a must_not_claim statement is found in a draft when one item contains at least
one of the statement's distinctive tokens (figures and names the notes never use, see
`metrics.distinctive_tokens`; injection lines of the notes do not count as notes) and is close in
meaning to the statement (similarity >= CLAIM_SIMILARITY). A statement without such tokens is
found only when an item is nearly a copy of it (similarity >= COPY_SIMILARITY).

Across languages: MiniLM cannot tell whether a Spanish bullet states an English fact (on written
pairs, its similarity for a bullet that states the fact has a median of 0.36 and falls to 0.05,
while bullets that do not reach 0.38). Where the fact (or statement) and the item are in different languages
(`domain.language.detect`), similarity is read with the multilingual embedder instead, against
CROSS_LINGUAL_SIMILARITY, its floor on that model's scale (fitted on written English facts against
the bullets of notes typed in Spanish and French: `evals/multilingual/crosslingual/`). Without the
multilingual package installed, such pairs are read with MiniLM as before. A copy is a copy in one
language only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from assistant.domain.language import detect
from assistant.drafting.checks import prepare
from assistant.evaluation.datasets import Fact
from assistant.evaluation.metrics import found_keywords, negated_around

FACT_SIMILARITY = 0.45
CLAIM_SIMILARITY = 0.45
COPY_SIMILARITY = 0.85
# the similarity floor of a fact and an item in different languages, on multilingual-e5-small's scale
# (its similarities sit high: 0.82 for an unrelated bullet, 0.91 for one that states the fact).
# Fitted for balanced accuracy with each note held out in turn (0.865 in 5 folds of 6, 0.870 in one;
# held out: 93.5 % of stating bullets accepted, 2.4 % of others; MiniLM at its best floor: 65 % and
# 11 %): evals/multilingual/crosslingual/fit_floor.py
CROSS_LINGUAL_SIMILARITY = 0.865
Encode = Callable[[list[str]], np.ndarray]


@dataclass
class DraftItem:
    """An item of a draft as the matchers see it: where it is and what it says."""

    section: str
    index: int
    text: str

    @property
    def ref(self) -> str:
        """`section[index]`, how the report points at the item."""
        return f"{self.section}[{self.index}]"


@dataclass
class FactMatch:
    """Whether one must_cover fact was found, by which item, and on which rule."""

    fact: str
    section: str
    keywords: list[str]
    covered: bool
    item: str = ""
    item_section: str = ""
    similarity: float | None = None
    found: list[str] = field(default_factory=list)
    rule: str = ""

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        data = asdict(self)
        if self.similarity is not None:
            data["similarity"] = round(self.similarity, 3)
        return data


@dataclass
class ClaimMatch:
    """Whether one must_not_claim statement turned up in the draft, where, and why."""

    claim: str
    tokens: list[str]
    found: bool
    item: str = ""
    similarity: float | None = None
    matched: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        data = asdict(self)
        if self.similarity is not None:
            data["similarity"] = round(self.similarity, 3)
        return data


class _Similarity:
    """Cosine similarity of text pairs, embedding only the texts of the pairs actually asked for;
    a pair in two languages is read by the multilingual model when one is given (`cross`)."""

    def __init__(self, encode: Encode, cross: Encode | None = None) -> None:
        self.encode = encode
        self.cross = cross
        self.vectors: dict[str, np.ndarray] = {}
        self.cross_vectors: dict[str, np.ndarray] = {}
        self.languages: dict[str, str] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        """Embed these texts in one batch (those not embedded yet), read as the grounding checker reads
        them (note abbreviations expanded), so vectors the run already made are reused."""
        new = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if new:
            self.vectors.update(zip(new, self.encode([prepare(t) for t in new]), strict=True))

    def crosses(self, a: str, b: str) -> bool:
        """True when the two texts are in different languages and a multilingual model reads them."""
        return self.cross is not None and self._language(a) != self._language(b)

    def _language(self, text: str) -> str:
        """The text's language code, detected once per text."""
        if text not in self.languages:
            self.languages[text] = detect(text, extended=True)
        return self.languages[text]

    def floor(self, a: str, b: str, same_language: float) -> float:
        """The similarity floor for this pair: `same_language`, or the multilingual model's own."""
        return CROSS_LINGUAL_SIMILARITY if self.crosses(a, b) else same_language

    def __call__(self, a: str, b: str) -> float:
        if self.cross is not None and self.crosses(a, b):
            new = [t for t in dict.fromkeys((a, b)) if t not in self.cross_vectors]
            if new:
                self.cross_vectors.update(zip(new, self.cross(new), strict=True))
            return float(self.cross_vectors[a] @ self.cross_vectors[b])
        self.prepare([a, b])
        return float(self.vectors[a] @ self.vectors[b])


def match_facts(facts: Sequence[Fact], items: Sequence[DraftItem], encode: Encode,
                cross: Encode | None = None) -> list[FactMatch]:
    """For each fact, the best item that covers it under the fact recall rule (module docstring);
    `cross` is the multilingual model for a fact and an item in different languages.

    Similarity is computed only where the rule needs it: single-keyword facts, items with the keyword.
    """
    found = [[found_keywords(item.text, fact.keywords) for item in items] for fact in facts]
    similarity = _Similarity(encode, cross)
    needed = [
        text
        for fact, per_item in zip(facts, found, strict=True)
        if len(fact.keywords) == 1
        for item, keys in zip(items, per_item, strict=True)
        if keys
        for text in (fact.fact, item.text)
    ]
    similarity.prepare(needed)
    results = []
    for fact, per_item in zip(facts, found, strict=True):
        best: FactMatch | None = None
        for item, keys in zip(items, per_item, strict=True):
            if not keys:
                continue
            candidate = FactMatch(
                fact=fact.fact,
                section=fact.section,
                keywords=fact.keywords,
                covered=False,
                item=item.text,
                item_section=item.section,
                found=keys,
            )
            if len(keys) < len(fact.keywords):
                candidate.rule = "only some keywords in one item"
            elif negated_around(item.text, keys) != negated_around(fact.fact, fact.keywords):
                candidate.rule = "the item states the fact with the opposite polarity (negation)"
            elif len(fact.keywords) >= 2:
                candidate.covered, candidate.rule = True, "all keywords"
            else:
                candidate.similarity = similarity(fact.fact, item.text)
                floor = similarity.floor(fact.fact, item.text, FACT_SIMILARITY)
                across = " across languages" if floor != FACT_SIMILARITY else ""
                if candidate.similarity >= floor:
                    candidate.covered, candidate.rule = True, f"keyword and similarity{across}"
                else:
                    candidate.rule = f"keyword found, similarity{across} below {floor}"
            if best is None or _rank(candidate) > _rank(best):
                best = candidate
        results.append(
            best
            or FactMatch(
                fact=fact.fact,
                section=fact.section,
                keywords=fact.keywords,
                covered=False,
                rule="no item has the keywords",
            )
        )
    return results


def _rank(match: FactMatch) -> tuple[bool, int, float]:
    return match.covered, len(match.found), match.similarity or 0.0


def find_claims(
    claims: Sequence[str], items: Sequence[DraftItem], notes_text: str, encode: Encode,
    cross: Encode | None = None,
) -> list[ClaimMatch]:
    """For each must_not_claim statement, whether an item states it (module docstring); `cross` as
    for `match_facts`."""
    from assistant.evaluation.metrics import distinctive_tokens

    similarity = _Similarity(encode, cross)
    results = []
    for claim in claims:
        tokens = distinctive_tokens(claim, notes_text)
        match = ClaimMatch(claim=claim, tokens=tokens, found=False)
        for item in items:
            matched = found_keywords(item.text, tokens) if tokens else []
            if tokens and not matched:
                continue
            if not tokens and similarity.crosses(claim, item.text):
                continue  # a copy is a copy in one language only
            score = similarity(claim, item.text)
            floor = similarity.floor(claim, item.text, CLAIM_SIMILARITY) if tokens else COPY_SIMILARITY
            hit = score >= floor
            if hit and (not match.found or score > (match.similarity or 0.0)):
                match = ClaimMatch(
                    claim=claim, tokens=tokens, found=True, item=item.text, similarity=score, matched=matched
                )
        results.append(match)
    return results
