"""The offline engine's answer text (issue 23, item 5): quoted sentences are plain text with `[n]`
citations, cut at list marks and sub-headings, never a whole run-together list or raw Markdown.

The passages are written for these tests (illustrative), in the shape outcome documents take when a
section's bullets are typed on one line under bold sub-headings.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.ask.engines.base import AnswerRequest, EngineResult
from assistant.ask.engines.extractive import ExtractiveEngine, cite, quotable_sentences
from assistant.ask.search import Hit

PASSAGE = ("**Trends** • Schools adopted tablets within a year. • Teachers share lessons online. "
           "**Challenges** • Power cuts keep rural schools offline for days. • Few devices per pupil.")


def _hit(text: str, n: int = 0) -> Hit:
    return Hit(chunk_id=f"doc::0000::{n:04d}", text=text, score=1.0,
               metadata={"doc_id": "doc", "title": "Tablets in Schools", "year": 2024,
                         "section": "wsis_views"})


def _words_of(question: str) -> Callable[[str], float]:
    asked = set(re.findall(r"\w+", question.lower()))

    def relevance(sentence: str) -> float:
        return len(asked & set(re.findall(r"\w+", sentence.lower()))) / len(asked)

    return relevance


def _answer(question: str, hits: list[Hit], kind: str = "search",
            focus: list[tuple[Hit, str]] | None = None) -> str:
    request = AnswerRequest(question=question, kind=kind, hits=hits, relevance=_words_of(question),
                            label=lambda hit: "Views", total=1, focus=focus or [])
    result = next(piece for piece in ExtractiveEngine().stream(request) if isinstance(piece, EngineResult))
    return result.text


def test_quotable_sentences_leave_out_marks_and_bare_subheadings() -> None:
    assert quotable_sentences(PASSAGE) == [
        "Schools adopted tablets within a year.", "Teachers share lessons online.",
        "Power cuts keep rural schools offline for days.", "Few devices per pupil.",
    ]


def test_cite_gives_plain_text() -> None:
    assert cite("• The **Open Keys pack** was *launched*.", 2) == "The Open Keys pack was launched [2]."


def test_search_answer_quotes_the_list_item_not_the_whole_list() -> None:
    text = _answer("What keeps rural schools offline?", [_hit(PASSAGE)])
    assert "Power cuts keep rural schools offline for days [1]." in text
    assert "**" not in text and "•" not in text and "Challenges" not in text
    assert "Teachers share lessons online" not in text


def test_whole_corpus_answer_quotes_plain_sentences() -> None:
    text = _answer("Which sessions spoke of power cuts in rural schools?", [_hit(PASSAGE)], kind="aggregate")
    line = text.splitlines()[1]
    assert line.endswith("Power cuts keep rural schools offline for days [1].")
    assert "**" not in line and "•" not in line


def test_a_focus_sentence_cut_without_lists_is_quoted_by_its_item() -> None:
    # the detail check reads sentences cut without regard to lists: its whole run stands for the item
    hit = _hit(PASSAGE)
    text = _answer("How many days are rural schools offline?", [hit], focus=[(hit, PASSAGE)])
    assert "Power cuts keep rural schools offline for days [1]." in text
    assert "**" not in text and "•" not in text
