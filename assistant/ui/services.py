"""The services one app process shares across all browser sessions.

The app's container (see `assistant.container`) builds the embedding model, the corpus index and the
Ask/Draft services once per process, lazily, and every session and queued event reuses them. On
top of that the app keeps its access policy, where uploads and exports go, and an optional ready
chat model for the llm engine.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import Settings
from assistant.container import Container
from assistant.ui.auth import AccessPolicy
from assistant.ui.draft_access import DraftAccess
from assistant.ui.limits import InputLimits
from assistant.ui.ownership import FileOwners, SessionOwners

if TYPE_CHECKING:
    from assistant.corpus.store import CorpusIndex
    from assistant.drafting.service import DraftService

log = logging.getLogger(__name__)


@dataclass(kw_only=True)
class AppServices(Container):
    """The container plus what the web app adds: access policy, input limits, draft ownership rules,
    corpus folder, a ready chat model, and who owns which upload and Gradio session."""

    policy: AccessPolicy
    limits: InputLimits
    access: DraftAccess
    corpus_dir: Path | None = None
    chat_model: Any = None  # a ready LangChain chat model for the llm engine, instead of the spec
    files: FileOwners = field(default_factory=FileOwners)  # who uploaded which cached file
    sessions: SessionOwners = field(default_factory=SessionOwners)  # whose Gradio session/event ids

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
        policy = AccessPolicy.from_settings(settings)
        return cls(
            settings=settings,
            _index=index,
            policy=policy,
            limits=InputLimits.from_settings(settings),
            access=DraftAccess.from_settings(settings, policy),
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
        """Where draft downloads (.docx .md .json) are written: inside Gradio's upload cache.

        Each download gets a folder of its own with a random name (see draft_tab.export), so
        nobody can guess the address of someone else's download, and the cache cleanup removes
        old ones. Nothing under RAPPORTEUR_HOME is served to browsers.
        """
        from gradio.utils import get_upload_folder

        return Path(get_upload_folder()) / "rapporteur-exports"

    @property
    def drafting(self) -> DraftService:
        """The Draft service, built without autosave: the Draft tab saves each draft with its owner."""
        with self._lock:
            if self._draft is None:
                from assistant.drafting.service import DraftService

                self._draft = DraftService(self.index, self.settings, autosave=False)
            return self._draft

    def warm_up(self) -> None:
        """Load the model, the search snapshot and the services now, so the first user does not wait."""
        _ = self.index.embedder.encode(["warm up"])
        self.index.snapshot()
        for name in ("ask", "drafting", "drafts"):
            getattr(self, name)
