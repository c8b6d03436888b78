"""The llm answer engine: a LangChain chain (prompt | chat model | parser) that cites its sources.

Sources reach the model as escaped, numbered `<source>` blocks after a system prompt that says they
are data, never instructions. The streamed answer passes through `CitationFilter`, which drops any
`[n]` that names no source given to the model (and counts it), so what the user sees while it streams
is exactly the final text. A server that answers a streamed request with one plain body (or streams
nothing) is asked once more without streaming. Follow-ups are made standalone by a condense chain
first. Network and server failures become `LLMUnavailableError` naming the endpoint (see
`chat_model.llm_errors`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from assistant.ask.engines.base import AnswerRequest, EngineResult, cited_numbers, not_stated_note
from assistant.llm.chat_model import LLMOutputError, fallback_log, is_empty_stream, llm_errors
from assistant.llm.prompts import load_prompt

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

HISTORY_TURNS = 6  # the condense prompt sees this many earlier turns
HISTORY_ANSWER_CHARS = 1200  # and at most this much of each earlier answer
_OPEN_TAIL = re.compile(r"\s*(\[[\d,\s]{0,24})?$")
_GROUP = re.compile(r"(\s*)\[(\d+(?:\s*,\s*\d+)*)\]")


def escape_data(text: str) -> str:
    """Text made inert inside the prompt's tags: `&`, `<` and `>` escaped, so a document cannot close
    its `<source>` block or open a tag of its own."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def format_sources(request: AnswerRequest) -> str:
    """The numbered sources as `<source>` blocks: id, session, year, section, then the escaped text."""
    blocks = []
    for n, hit in enumerate(request.hits, 1):
        attrs = {
            "id": str(n),
            "session": str(hit.metadata.get("title") or hit.doc_id),
            "year": str(hit.metadata.get("year") or ""),
            "section": request.label(hit),
        }
        head = " ".join(f'{k}="{escape_data(v).replace(chr(34), "&quot;")}"' for k, v in attrs.items())
        blocks.append(f"<source {head}>\n{escape_data(hit.text)}\n</source>")
    return "\n".join(blocks)


def format_history(history: Iterable[tuple[str, str]]) -> str:
    """The last turns of a chat history as escaped `User:` / `Assistant:` lines (long answers cut)."""
    lines = []
    for question, answer in list(history)[-HISTORY_TURNS:]:
        if len(answer) > HISTORY_ANSWER_CHARS:
            answer = answer[:HISTORY_ANSWER_CHARS].rstrip() + " …"
        lines.append(f"User: {escape_data(question)}")
        lines.append(f"Assistant: {escape_data(answer)}")
    return "\n".join(lines)


class CitationFilter:
    """Streams text through, keeping only citations of known sources.

    `[n]` with an unknown n is dropped (with the space before it) and counted in `removed`;
    `[1, 3]` becomes `[1][3]`. A possible citation split across pieces is held back until complete.
    """

    def __init__(self, valid: set[int]) -> None:
        self.valid = valid
        self.removed = 0
        self._held = ""

    def feed(self, piece: str) -> str:
        """Take the next streamed piece; return the text that is safe to show now."""
        text = self._held + piece
        tail = _OPEN_TAIL.search(text)
        cut = tail.start() if tail else len(text)
        self._held = text[cut:]
        return self._clean(text[:cut])

    def finish(self) -> str:
        """The rest of the text at the end of the stream."""
        rest, self._held = self._held, ""
        return self._clean(rest)

    def _clean(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            numbers = [int(n) for n in re.split(r"\s*,\s*", match.group(2))]
            kept = [n for n in numbers if n in self.valid]
            self.removed += len(numbers) - len(kept)
            if not kept:
                return ""
            return match.group(1) + "".join(f"[{n}]" for n in kept)

        return _GROUP.sub(replace, text)


class LLMEngine:
    """Answers with a chat model through LCEL chains built from the prompts in `prompts/`."""

    name = "llm"

    def __init__(self, model: BaseChatModel, endpoint: str) -> None:
        self.model = model
        self.endpoint = endpoint
        self._answer_chain: Runnable | None = None
        self._condense_chain: Runnable | None = None

    @property
    def answer_chain(self) -> Runnable:
        """prompt (answer.md + answer_user.md) | model | string parser."""
        if self._answer_chain is None:
            self._answer_chain = _chain("answer", self.model)
        return self._answer_chain

    @property
    def condense_chain(self) -> Runnable:
        """prompt (condense.md + condense_user.md) | model | string parser."""
        if self._condense_chain is None:
            self._condense_chain = _chain("condense", self.model)
        return self._condense_chain

    def condense(self, question: str, history: list[tuple[str, str]]) -> str:
        """The question rewritten to stand alone, given the conversation so far."""
        if not history:
            return question
        with llm_errors(self.endpoint):
            text = self.condense_chain.invoke({"history": format_history(history), "question": question})
        lines = [line.strip().strip("\"'“”") for line in str(text).splitlines() if line.strip()]
        return lines[0] if lines else question

    def stream(self, request: AnswerRequest) -> Iterator[str | EngineResult]:
        """Stream the model's answer with unknown citations removed, then the `EngineResult`."""
        numbered = dict(enumerate(request.hits, 1))
        guard = CitationFilter(set(numbered))
        question = request.question
        if request.total > len(request.hits):
            question += (f"\n(The corpus holds {request.total} matching sessions; the sources are the "
                         f"{len(request.hits)} with the strongest evidence.)")
        if request.not_stated:
            question += ("\n(None of the sources states the " + ", or the ".join(request.not_stated)
                         + ": say that this is not stated rather than guess it.)")
        inputs = {"sources": format_sources(request), "question": question}
        text = ""
        streamed = False
        with llm_errors(self.endpoint):
            try:
                for piece in self.answer_chain.stream(inputs):
                    streamed = streamed or bool(str(piece))
                    shown = guard.feed(str(piece))
                    if shown:
                        text += shown
                        yield shown
            except ValueError as exc:
                if streamed or not is_empty_stream(exc):
                    raise
            if not streamed:  # a server that ignores `stream: true` (or streams nothing): ask once, plainly
                fallback_log.info("the streamed answer was empty; asked again without streaming")
                shown = guard.feed(str(self.answer_chain.invoke(inputs)))
                if shown:
                    text += shown
                    yield shown
        rest = guard.finish()
        if request.not_stated:  # said plainly whatever the model wrote
            rest += "\n\n" + not_stated_note(request.not_stated)
        if rest:
            text += rest
            yield rest
        if not text.strip():
            raise LLMOutputError(
                f"the LLM at {self.endpoint} returned an empty answer; try again or use the offline "
                "engine (--engine extractive)"
            )
        cited = {n: numbered[n] for n in dict.fromkeys(cited_numbers(text)) if n in numbered}
        yield EngineResult(text=text.strip(), sources=cited, removed_citations=guard.removed)


def _chain(name: str, model: BaseChatModel) -> Runnable:
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate

    prompt = ChatPromptTemplate.from_messages(
        [("system", load_prompt(name)), ("human", load_prompt(f"{name}_user"))]
    )
    return prompt | model | StrOutputParser()

