"""The services one app process shares across all browser sessions.

The embedding model, the corpus index and the Ask/Draft services are built once per process
(lazily, on first use) and reused by every session and every queued event. The Ask and Draft
services are imported only when first needed, so a missing or broken module turns into a clear
message in its tab instead of stopping the whole app.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.index import CorpusIndex
from assistant.ui.auth import AccessPolicy

log = logging.getLogger(__name__)


class ServiceUnavailable(RuntimeError):
    """A service module could not be loaded; the message says which and why."""


@dataclass
class AppServices:
    """Settings, access policy, the shared index and the lazily built services of one app."""

    settings: Settings
    index: CorpusIndex
    policy: AccessPolicy
    corpus_dir: Path | None = None
    chat_model: Any = None  # a ready LangChain chat model for the llm engine, instead of the spec
    _ask: Any = None
    _draft: Any = None
    _store: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

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
            index=index if index is not None else CorpusIndex(settings),
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

    def _build(self, attr: str, module: str, name: str, what: str) -> Any:
        with self._lock:
            current = getattr(self, attr)
            if current is not None:
                return current
            try:
                import importlib

                cls = getattr(importlib.import_module(module), name)
            except (ImportError, AttributeError) as exc:
                raise ServiceUnavailable(
                    f"the {what} is not available in this installation ({module}.{name}: {exc})"
                ) from exc
            service = cls(self.settings) if name == "DraftStore" else cls(self.index, self.settings)
            setattr(self, attr, service)
            return service

    @property
    def ask(self) -> Any:
        """The shared AskService (assistant.qa)."""
        return self._build("_ask", "assistant.qa", "AskService", "question answering service")

    @property
    def drafting(self) -> Any:
        """The shared DraftService (assistant.drafting)."""
        return self._build("_draft", "assistant.drafting", "DraftService", "drafting service")

    @property
    def drafts(self) -> Any:
        """The shared DraftStore (assistant.draft_store)."""
        return self._build("_store", "assistant.draft_store", "DraftStore", "draft store")

    def warm_up(self) -> None:
        """Load the model, the search snapshot and the services now, so the first user does not wait.

        A service that cannot be loaded is left for its tab to report.
        """
        _ = self.index.embedder.encode(["warm up"])
        self.index.snapshot()
        for name in ("ask", "drafting", "drafts"):
            try:
                getattr(self, name)
            except ServiceUnavailable as exc:
                log.warning("%s", exc)
