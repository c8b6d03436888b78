"""Draft engines behind one protocol (`DraftEngine`), registered by name in `DRAFT_ENGINES`.

`extractive` (the offline default) selects and cleans note sentences; `llm` writes each section with
any LangChain chat model. Both return sections whose items carry their evidence lines. Each factory
imports its engine lazily.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from assistant.domain.engines import EngineRegistry

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.config import Settings
    from assistant.corpus.embeddings import Embedder
    from assistant.domain.document import Section
    from assistant.domain.template import Template
    from assistant.drafting.checks import GroundingChecker
    from assistant.drafting.notes import Notes


class DraftEngine(Protocol):
    """A draft engine: the sections asked for, drafted from the notes, each item with its evidence."""

    def draft(
        self, notes: Notes, section_ids: list[str] | None = None, *,
        exclude_texts: list[str] | None = None, progress: Callable[[float, str], None] | None = None,
        reject_texts: Collection[str] | None = None,
    ) -> list[Section]:
        """Draft the given sections (default all); `exclude_texts` are items kept elsewhere;
        `reject_texts` are items the grounding check refused, which an engine that picks its items
        from candidates replaces with its next-best ones (`drafting.self_check`)."""
        ...


@dataclass(frozen=True)
class DraftEngineContext:
    """What a draft engine may be built from."""

    settings: Settings
    template: Template
    embedder: Embedder  # the index's embedder: note sentences are compared with the snapshot's chunks by it
    snapshot: Any  # the corpus's keyword snapshot (labelled items of past documents), or None
    checker: GroundingChecker
    model: str | None = None
    chat_model: BaseChatModel | None = None
    # what note sentences are compared with each other and with the form's section descriptions by,
    # whatever the index uses (`corpus.embeddings.checking_embedder`: MiniLM, whose scale the
    # drafter's section scores were tuned on); None: `embedder`
    notes_embedder: Embedder | None = None


DRAFT_ENGINES: EngineRegistry[DraftEngineContext, DraftEngine] = EngineRegistry("draft")


@DRAFT_ENGINES.register("extractive", "offline: selects, places and cleans note sentences")
def _extractive(context: DraftEngineContext) -> DraftEngine:
    from assistant.drafting.engines.extractive import ExtractiveDrafter

    return ExtractiveDrafter(context.embedder, context.template, context.snapshot, context.notes_embedder)


@DRAFT_ENGINES.register("llm", "a LangChain chat model writes each section from the numbered notes")
def _llm(context: DraftEngineContext) -> DraftEngine:
    from assistant.drafting.engines.llm import LLMDrafter
    from assistant.llm.chat_model import call_style, endpoint_of, make_chat_model

    settings = context.settings
    if context.chat_model is not None:
        chat, endpoint, spec = context.chat_model, type(context.chat_model).__name__, None
    else:
        spec = context.model or settings.llm_model
        chat, endpoint = make_chat_model(settings, spec), endpoint_of(settings, spec)
    return LLMDrafter(chat, context.template, context.embedder, context.snapshot, context.checker,
                      endpoint=endpoint, style=call_style(settings, spec), max_tokens=settings.llm_max_tokens,
                      budget_s=settings.llm_draft_budget, notes_embedder=context.notes_embedder)
