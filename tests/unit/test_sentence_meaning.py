"""A search answer's choice of sentences weighs meaning beside keyword coverage (`CrossLingualScorer`
with a weight; the English weight is data, `sentence_choice.json`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.ask.language import CrossLingualScorer
from assistant.ask.service import sentence_meaning_weight

QUESTION = "What prompted the meeting?"
WORDY = "The meeting was held in Geneva."  # shares "meeting" with the question, says nothing of why
ANSWER = "The immediate trigger was the release of new chat tools."  # no shared word, the answer
DIRECTIONS = {QUESTION: (1.0, 0.0), WORDY: (0.0, 1.0), ANSWER: (0.9, 0.1)}


class DirectionEmbedder:
    """An embedder that knows three texts, each by a fixed unit vector."""

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.array([DIRECTIONS[t] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors(texts)


def keywords(sentence: str) -> float:
    return 0.5 if "meeting" in sentence else 0.0


def test_meaning_outweighs_a_shared_word_when_it_weighs_enough() -> None:
    alone = CrossLingualScorer(QUESTION, DirectionEmbedder(), keywords, weight=0.0)  # type: ignore[arg-type]
    alone.prime([WORDY, ANSWER])
    assert alone(WORDY) > alone(ANSWER)  # keyword coverage alone quotes the wordy sentence
    blended = CrossLingualScorer(QUESTION, DirectionEmbedder(), keywords, weight=0.5)  # type: ignore[arg-type]
    blended.prime([WORDY, ANSWER])
    assert blended(ANSWER) > blended(WORDY)


def test_the_shipped_weight_is_a_share() -> None:
    assert 0.0 <= sentence_meaning_weight() <= 1.0
