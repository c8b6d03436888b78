"""A deterministic stand-in for the embedding model, for unit tests of mechanics, not of meaning.

`HashingEmbedder` hashes each lower-cased word into one of 384 signed buckets and normalises the
row, so equal texts get equal vectors and texts sharing words are similar, in microseconds and
without torch. It keeps the real model folder for the tokenizer, so chunking still counts real
word-pieces. Tests of retrieval, drafting quality or calibrated thresholds use the real model.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from assistant.corpus.embeddings import QUERY, Embedder

DIMENSION = 384
WORD = re.compile(r"\w+")


class HashingEmbedder(Embedder):
    """Bag-of-words vectors by feature hashing: deterministic, unit length, 384-d."""

    def encode(self, texts: list[str], batch_size: int | None = None, mode: str = QUERY) -> np.ndarray:
        """One unit-length row per text (a zero row for a text without words), in either mode."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in WORD.findall(text.lower()):
                code = zlib.crc32(word.encode("utf-8"))
                out[row, code % DIMENSION] += 1.0 if code & 0x10000 else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out

    def encode_with_tails(self, texts: list[str], tail_starts: list[int],
                          batch_size: int | None = None,
                          passages: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """The texts' rows and their tails' rows, each hashed on its own (never the real model)."""
        tails = [text[start:] for text, start in zip(texts, tail_starts, strict=True)]
        return self.encode(texts, batch_size), self.encode(tails, batch_size)
