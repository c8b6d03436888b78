"""Answer engines behind one protocol (`AnswerEngine`), registered by name in `ANSWER_ENGINES`.

`extractive` (the offline default) quotes the best-matching sentences; `llm` writes the answer with
any LangChain chat model. Each factory imports its engine lazily.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.ask.engines.base import AnswerEngine
from assistant.domain.engines import EngineRegistry

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.config import Settings


@dataclass(frozen=True)
class AnswerEngineContext:
    """What an answer engine may be built from: the settings, a model spec or a ready chat model."""

    settings: Settings
    model: str | None = None
    chat_model: BaseChatModel | None = None


ANSWER_ENGINES: EngineRegistry[AnswerEngineContext, AnswerEngine] = EngineRegistry("answer")


@ANSWER_ENGINES.register("extractive", "offline: quotes the best-matching sentences, each cited")
def _extractive(context: AnswerEngineContext) -> AnswerEngine:
    from assistant.ask.engines.extractive import ExtractiveEngine

    return ExtractiveEngine()


@ANSWER_ENGINES.register("llm", "a LangChain chat model writes the answer from the cited passages")
def _llm(context: AnswerEngineContext) -> AnswerEngine:
    from assistant.ask.engines.llm import LLMEngine
    from assistant.llm.chat_model import endpoint_of, make_chat_model

    if context.chat_model is not None:
        return LLMEngine(context.chat_model, endpoint=type(context.chat_model).__name__)
    spec = context.model or context.settings.llm_model
    return LLMEngine(make_chat_model(context.settings, spec), endpoint_of(context.settings, spec))
