"""The composition root: builds the corpus index (with its embedding model) and the Ask and Draft
services once, for the CLI, the web app and the evaluation suite alike.

Everything is built lazily, on first use, and then shared: one embedding model and one Chroma
client per process. Service modules are imported only when first needed, so `rapporteur --help`
and the app's start-up load no model library.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.config import Settings

if TYPE_CHECKING:
    from assistant.ask.service import AskService
    from assistant.corpus.store import CorpusIndex
    from assistant.drafting.service import DraftService
    from assistant.drafting.store import DraftStore


@dataclass
class Container:
    """Settings plus the shared index and services built from them (each at most once)."""

    settings: Settings
    _index: CorpusIndex | None = None
    _ask: AskService | None = None
    _draft: DraftService | None = None
    _store: DraftStore | None = None
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    @property
    def index(self) -> CorpusIndex:
        """The corpus index (Chroma + keyword snapshot) with its embedding model."""
        with self._lock:
            if self._index is None:
                from assistant.corpus.store import CorpusIndex

                self._index = CorpusIndex(self.settings)
            return self._index

    @index.setter
    def index(self, value: CorpusIndex) -> None:
        self._index = value

    @property
    def ask(self) -> AskService:
        """The Ask service over the shared index."""
        with self._lock:
            if self._ask is None:
                from assistant.ask.service import AskService

                self._ask = AskService(self.index, self.settings)
            return self._ask

    @property
    def drafting(self) -> DraftService:
        """The Draft service over the shared index (its corpus places note sentences)."""
        with self._lock:
            if self._draft is None:
                from assistant.drafting.service import DraftService

                self._draft = DraftService(self.index, self.settings)
            return self._draft

    @property
    def drafts(self) -> DraftStore:
        """The store of saved drafts under RAPPORTEUR_HOME/drafts."""
        with self._lock:
            if self._store is None:
                from assistant.drafting.store import DraftStore

                self._store = DraftStore(self.settings)
            return self._store
