"""Limits on what one user may send the shared server, checked after decoding, on the server.

Every text a user sends (notes, a question, an item edit, a header field) and every choice that
reaches a service (engine, model) is checked here before any work starts. A refusal is an
`InputRefused` (an InputError, so the tabs show it as plain "Could not finish …" text) whose
message says what the limit is and what to do. The numbers come from `Settings`
(`RAPPORTEUR_MAX_*`); the allowed models from `RAPPORTEUR_LLM_MODELS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.config import Settings
from assistant.errors import InputError

ENGINES = ("extractive", "llm")
HEADER_FIELDS = ("title", "organisers", "date", "url")


HISTORY_TURNS = 10  # the (question, answer) pairs of a conversation the service sees, newest last
HISTORY_ANSWER_CHARS = 20_000  # an earlier answer longer than this is cut (ours are far shorter)
CHAT_MESSAGES = 200  # chat messages a browser may send back for display


class InputRefused(InputError):
    """An input over a limit or outside the operator's choices; the message says what to do."""


@dataclass(frozen=True)
class InputLimits:
    """The limits of one server, read once from settings."""

    notes_chars: int
    question_chars: int
    item_chars: int
    header_chars: int
    models: tuple[str, ...]
    default_engine: str = "extractive"

    @classmethod
    def from_settings(cls, settings: Settings) -> InputLimits:
        """The limits configured by RAPPORTEUR_MAX_* and RAPPORTEUR_LLM_MODELS."""
        return cls(
            notes_chars=settings.max_notes_chars,
            question_chars=settings.max_question_chars,
            item_chars=settings.max_item_chars,
            header_chars=settings.max_header_chars,
            models=tuple(settings.model_choices()),
            default_engine=settings.engine if settings.engine in ENGINES else "extractive",
        )

    def notes(self, text: str | None) -> str:
        """The notes, or InputRefused when they are longer than the limit."""
        text = text or ""
        if len(text) > self.notes_chars:
            raise InputRefused(
                f"the notes are {len(text):,} characters long; the limit is {self.notes_chars:,}. "
                "Remove transcripts or attachments and keep the rapporteur's notes"
            )
        return text

    def question(self, text: str | None) -> str:
        """The question, or InputRefused when it is longer than the limit."""
        text = text or ""
        if len(text) > self.question_chars:
            raise InputRefused(
                f"the question is {len(text):,} characters long; the limit is {self.question_chars:,}. "
                "Ask a shorter question (filters narrow the search without words)"
            )
        return text

    def item(self, text: str | None) -> str:
        """An edited item's text, or InputRefused when it is longer than the limit."""
        text = text or ""
        if len(text) > self.item_chars:
            raise InputRefused(
                f"the new text is {len(text):,} characters long; an item may hold {self.item_chars:,}. "
                "Split it into shorter items or shorten it"
            )
        return text

    def field(self, name: str, value: str | None) -> str:
        """A short free-text field (a filter), held to the header-field limit."""
        text = value or ""
        if len(text) > self.header_chars:
            raise InputRefused(
                f"the {name} is {len(text):,} characters long; the limit is {self.header_chars:,}. Shorten it"
            )
        return text

    def history(self, pairs: object) -> list[tuple[str, str]]:
        """The conversation a browser sent back, as the service may see it: the last
        `HISTORY_TURNS` (question, answer) pairs, each question held to the question limit and each
        answer cut at `HISTORY_ANSWER_CHARS`. InputRefused when it is not a list of text pairs."""
        if pairs is None:
            return []
        if not isinstance(pairs, Sequence) or isinstance(pairs, str):
            raise InputRefused("the conversation history is not a list of turns; press New conversation")
        out: list[tuple[str, str]] = []
        for pair in list(pairs)[-HISTORY_TURNS:]:
            if (not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2
                    or not all(isinstance(x, str) for x in pair)):
                raise InputRefused("the conversation history is not a list of (question, answer) turns; "
                                   "press New conversation")
            out.append((self.question(pair[0]), pair[1][:HISTORY_ANSWER_CHARS]))
        return out

    def chat(self, messages: object) -> list[dict[str, object]]:
        """The chat messages a browser sent back for display: the last `CHAT_MESSAGES` of them
        (anything that is not a message is dropped)."""
        if not isinstance(messages, Sequence) or isinstance(messages, str):
            return []
        return [m for m in list(messages)[-CHAT_MESSAGES:] if isinstance(m, dict)]

    def header(self, fields: Mapping[str, str | None]) -> dict[str, str]:
        """Header fields (title, organisers, date, url), each checked against the limit."""
        clean: dict[str, str] = {}
        for key, value in fields.items():
            text = value or ""
            if len(text) > self.header_chars:
                raise InputRefused(
                    f"the {key} field is {len(text):,} characters long; a header field may hold "
                    f"{self.header_chars:,}. Shorten it"
                )
            clean[key] = text
        return clean

    def engine_and_model(self, engine: str | None, model: str | None,
                         engines: Sequence[str] = ENGINES) -> tuple[str, str | None]:
        """(engine, model spec) to hand to a service; InputRefused for a choice the operator did not offer.

        No engine means the operator's default engine; the llm engine with no model means the
        first model of RAPPORTEUR_LLM_MODELS. A model is only ever one of that list: the server
        never loads or calls a model a user typed.
        """
        engine = (engine or "").strip() or self.default_engine
        if engine not in engines:
            raise InputRefused(f"there is no engine {engine[:40]!r}; choose one of {', '.join(engines)}")
        if engine != "llm":
            return engine, None
        spec = (model or "").strip()
        if not spec:
            return engine, self.models[0]
        if spec not in self.models:
            raise InputRefused(
                f"the model {spec[:80]!r} is not offered on this server; choose one of "
                f"{', '.join(self.models)} (the operator sets the list with RAPPORTEUR_LLM_MODELS)"
            )
        return engine, spec
