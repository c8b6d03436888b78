"""What every suite of one run shares: the dataset, a temporary index of its corpus, the model, engines.

The corpus is indexed into a temporary home made for the run (embedded Chroma, even when the
user's settings point at a Chroma server), so an evaluation never reads or writes the user's own
index. The embedding model is shared with the caller when it passes one (the web app's).
"""

from __future__ import annotations

import importlib.util
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.config import Settings
from assistant.corpus.embeddings import (
    DEFAULT_EMBEDDER,
    EMBEDDERS,
    QUERY,
    Embedder,
    EmbedderSpec,
    embedder_spec,
)
from assistant.domain.template import Template, load_template
from assistant.evaluation.datasets import Dataset
from assistant.evaluation.judge import Judge

if TYPE_CHECKING:
    from assistant.corpus.store import CorpusIndex
    from assistant.drafting.checks import GroundingChecker

Progress = Callable[[str], None]
# the registered embedder that compares texts across languages in the suites' own scoring
MULTILINGUAL_SCORER = "multilingual-e5-small"


class CachedEmbedder(Embedder):
    """The shared embedding model with a memory of every text it embedded during the run.

    Drafting, the product's checks and the suite's own scoring embed the same note lines, items,
    facts and chunks again and again; each distinct text is embedded once per run.
    """

    def __init__(self, model_path: Path, batch_size: int = 64, backend: str = "auto",
                 spec: EmbedderSpec | None = None) -> None:
        super().__init__(model_path, batch_size, backend, spec)
        self._memory: dict[tuple[str, str], np.ndarray] = {}

    def encode(self, texts: list[str], batch_size: int | None = None, mode: str = QUERY) -> np.ndarray:
        """Embed texts (rows unit-length float32), reusing the vectors of texts seen before (as
        queries or as passages: an E5 vector differs between the two)."""
        new = [t for t in dict.fromkeys(texts) if (mode, t) not in self._memory]
        if new:
            vectors = super().encode(new, batch_size, mode)
            self._memory.update(zip([(mode, t) for t in new], vectors, strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._memory[(mode, t)] for t in texts])


@dataclass
class EvalContext:
    """Shared state of one evaluation run; the index is built on first use and removed by `close`."""

    settings: Settings
    dataset: Dataset
    engine: str
    model: str | None = None
    chat_model: Any = None
    judge: Judge | None = None
    embedder: Embedder | None = None
    progress: Progress = lambda message: None
    index_notes: list[str] = field(default_factory=list)
    _index: CorpusIndex | None = None
    _checker: GroundingChecker | None = None
    _scorer: Embedder | None = None
    _cross_scorer: Embedder | None = None
    _cross_checked: bool = False
    _tmp: tempfile.TemporaryDirectory[str] | None = None

    @property
    def template(self) -> Template:
        """The outcome form the run measures against."""
        return load_template(self.settings.template)

    @property
    def encoder(self) -> Embedder:
        """The embedding model (loaded once, shared with the caller when given)."""
        if not isinstance(self.embedder, CachedEmbedder):
            base = self.embedder
            self.embedder = CachedEmbedder(
                base.model_path if base is not None else self.settings.model_path(),
                base.batch_size if base is not None else self.settings.embedding_batch_size,
                base.backend if base is not None else self.settings.embedding_backend,
                base.spec if base is not None else embedder_spec(self.settings.embedder),
            )
        return self.embedder

    @property
    def scorer(self) -> Embedder:
        """The model that compares texts with texts for the checks and the suites' own scoring: MiniLM
        whatever the index uses, so a figure means the same with either embedder (issue 27)."""
        encoder = self.encoder
        if encoder.spec.name == DEFAULT_EMBEDDER:
            return encoder
        if self._scorer is None:
            self._scorer = CachedEmbedder(encoder.model_path, encoder.batch_size, encoder.backend,
                                          EMBEDDERS[DEFAULT_EMBEDDER])
        return self._scorer

    @property
    def cross_scorer(self) -> Embedder | None:
        """The multilingual model that compares a fact with a bullet in another language (an English
        fact, a bullet of notes typed in Spanish), or None when its package is not installed."""
        if not self._cross_checked:
            self._cross_checked = True
            encoder = self.encoder
            spec = EMBEDDERS[MULTILINGUAL_SCORER]
            if encoder.spec.name == spec.name:
                self._cross_scorer = encoder
            elif importlib.util.find_spec(spec.package) is not None:
                self._cross_scorer = CachedEmbedder(encoder.model_path, encoder.batch_size,
                                                    encoder.backend, spec)
        return self._cross_scorer

    @property
    def checker(self) -> GroundingChecker:
        """The product's grounding checker on the shared model."""
        if self._checker is None:
            from assistant.drafting.checks import GroundingChecker

            self._checker = GroundingChecker(self.scorer, self.settings.grounding)
        return self._checker

    @property
    def index(self) -> CorpusIndex:
        """The dataset's corpus indexed in a temporary home (empty when the dataset has no corpus)."""
        if self._index is None:
            from assistant.corpus.store import CorpusIndex

            self._tmp = tempfile.TemporaryDirectory(prefix="rapporteur-eval-")
            home = Path(self._tmp.name)
            settings = self.settings.model_copy(update={"home": home, "chroma_url": None})
            index = CorpusIndex(settings, embedder=self.encoder)
            if self.dataset.corpus is not None:
                self.progress(f"indexing the corpus of {self.dataset.root} into a temporary home")
                report = index.ingest([self.dataset.corpus])
                for failed in report.failed:
                    self.index_notes.append(
                        f"corpus file {Path(failed.path).name} was not indexed: {failed.reason}"
                    )
            self._index = index
        return self._index

    @property
    def run_settings(self) -> Settings:
        """Settings of the temporary home (what the services of the run are built with)."""
        return self.index.settings

    def close(self) -> None:
        """Close the temporary home's Chroma client and remove the home."""
        if self._tmp is not None:
            if self._index is not None:
                from assistant.corpus.store import release_chroma_client

                release_chroma_client(self._index.settings)
            self._tmp.cleanup()
            self._tmp = None
            self._index = None
