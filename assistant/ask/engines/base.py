"""The one interface both answer engines implement, and the pieces they share.

An engine gets an `AnswerRequest` (the standalone question, the retrieved sources and what kind of
question it is) and streams the answer: text pieces, then one `EngineResult` holding the whole text
and the sources it cites by number. Refusals are decided before an engine is called.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assistant.ask.search import Hit

CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


@dataclass
class AnswerRequest:
    """What an engine answers from.

    `hits` are the sources in rank order (for a whole-corpus question: each matching session's best
    chunk). `relevance` scores any text's keyword coverage of the question (0..1), so an engine can
    pick sentences without embedding them. `label` names a chunk's section for people. `total` is
    the number of matching sessions of a whole-corpus question (`hits` holds the best of them).
    `focus` holds (chunk, sentence) pairs that state the details the question asks for (an amount,
    a count, a year): an answer quotes them. `show` names session metadata a whole-corpus answer
    prints beside each session ("organisers", "date"). `not_stated` names asked details that no
    source states: the answer says so.
    """

    question: str
    kind: str  # "search" | "aggregate"
    hits: list[Hit]
    relevance: Callable[[str], float]
    label: Callable[[Hit], str]
    total: int = 0
    focus: list[tuple[Hit, str]] = field(default_factory=list)
    show: tuple[str, ...] = ()
    not_stated: list[str] = field(default_factory=list)


@dataclass
class EngineResult:
    """The finished answer text and the sources it cites: citation number -> hit."""

    text: str
    sources: dict[int, Hit] = field(default_factory=dict)
    removed_citations: int = 0


class AnswerEngine(Protocol):
    """An answer engine: streams text pieces, then the `EngineResult` as the last element."""

    name: str

    def condense(self, question: str, history: list[tuple[str, str]]) -> str:
        """The question rewritten to stand alone, given earlier (question, answer) pairs."""
        ...

    def stream(self, request: AnswerRequest) -> Iterator[str | EngineResult]:
        """Answer the request piece by piece."""
        ...


def session_name(hit: Hit) -> str:
    """A session as people name it: “Title” (year)."""
    title = str(hit.metadata.get("title") or hit.doc_id)
    year = hit.metadata.get("year")
    return f"“{title}” ({year})" if year else f"“{title}”"


def session_line_name(hit: Hit, show: tuple[str, ...] = ()) -> str:
    """A session in a whole-corpus list: “Title” (year), or with its date and organisers when the
    question is about them: “Title” (13 March 2023; organisers: FAO)."""
    if not show:
        return session_name(hit)
    title = str(hit.metadata.get("title") or hit.doc_id)
    parts = []
    if "date" in show:
        parts.append(str(hit.metadata.get("date") or hit.metadata.get("year") or ""))
    else:
        parts.append(str(hit.metadata.get("year") or ""))
    if "organisers" in show and hit.metadata.get("organisers"):
        parts.append(f"organisers: {hit.metadata['organisers']}")
    shown = "; ".join(p for p in parts if p)
    return f"“{title}” ({shown})" if shown else f"“{title}”"


def not_stated_note(labels: list[str]) -> str:
    """The closing sentence of an answer that lacks some asked details."""
    listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or the " + labels[-1]
    return f"The sources do not state the {listed}."


def cited_numbers(text: str) -> list[int]:
    """Every citation number in a text, in order of appearance (repeats kept)."""
    return [int(n) for group in CITATION.findall(text) for n in re.split(r"\s*,\s*", group)]
