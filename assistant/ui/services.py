"""The services one app process shares across all browser sessions.

The app's container (see `assistant.container`) builds the embedding model, the corpus index and the
Ask/Draft services once per process, lazily, and every session and queued event reuses them. On
top of that the app keeps its access policy, where uploads and exports go, and an optional ready
chat model for the llm engine.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import Settings
from assistant.container import Container
from assistant.ui.auth import AccessPolicy

if TYPE_CHECKING:
    from assistant.corpus.store import CorpusIndex

log = logging.getLogger(__name__)


@dataclass(kw_only=True)
class AppServices(Container):
    """The container plus what the web app adds: access policy, corpus folder, a ready chat model."""

    policy: AccessPolicy
    corpus_dir: Path | None = None
    chat_model: Any = None  # a ready LangChain chat model for the llm engine, instead of the spec

    @classmethod
    def create(
        cls, settings: Settings, index: CorpusIndex | None = None, corpus_dir: Path | None = None,
        chat_model: Any = None,
    ) -> AppServices:
        """Build the shared services for these settings.

        `index` lets a caller share an index (and its loaded model); `chat_model` is a ready
        LangChain chat model that the llm engine uses instead of building one from the model spec
        (for programs that embed the app, and for tests with LangChain's fake chat models).
        """
        return cls(
            settings=settings,
            _index=index,
            policy=AccessPolicy.from_settings(settings),
            corpus_dir=corpus_dir,
            chat_model=chat_model,
        )

    def chat_model_for(self, engine: str | None) -> Any:
        """The ready chat model to hand to a service for this engine choice (None: use the spec)."""
        return self.chat_model if engine == "llm" else None

    @property
    def uploads_path(self) -> Path:
        """Where uploaded corpus documents are kept (re-read by "re-index all")."""
        return self.settings.home / "uploads"

    @property
    def exports_path(self) -> Path:
        """Where draft downloads (.docx .md .json) are written."""
        return self.settings.home / "exports"

    def warm_up(self) -> None:
        """Load the model, the search snapshot and the services now, so the first user does not wait."""
        _ = self.index.embedder.encode(["warm up"])
        self.index.snapshot()
        for name in ("ask", "drafting", "drafts"):
            getattr(self, name)
