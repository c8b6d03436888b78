"""An answer does not quote the same fact twice from one session (issue 23: what an answer says).

Outcome documents state a figure in their key issues, again among their achievements and again among
their outcomes; the offline engine passes over a sentence whose content terms it already quoted of the
session, and quotes the next one in its place. The passages are written for these tests (illustrative).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from assistant.ask.engines import extractive
from assistant.ask.engines.base import AnswerRequest, EngineResult
from assistant.ask.engines.extractive import ExtractiveEngine, repeats
from assistant.ask.search import Hit

ISSUES = ("The harbour app reached 4,000 fishers in its first season. "
          "Weather alerts now reach boats at sea by text message.")
OUTCOMES = ("The harbour app reached 4,000 fishers in its first season, the organisers said. "
            "A cold-storage map for fishers will be added to the app in 2026.")


def _hit(text: str, n: int, doc: str = "harbour") -> Hit:
    return Hit(chunk_id=f"{doc}::0000::{n:04d}", text=text, score=1.0 - n / 10,
               metadata={"doc_id": doc, "title": "Apps for Small Fisheries", "year": 2025,
                         "section": "key_issues" if n == 0 else "tangible_outcomes"})


def _words_of(question: str) -> Callable[[str], float]:
    asked = set(re.findall(r"\w+", question.lower()))

    def relevance(sentence: str) -> float:
        return len(asked & set(re.findall(r"\w+", sentence.lower()))) / len(asked)

    return relevance


def _answer(question: str, hits: list[Hit], kind: str = "search") -> str:
    request = AnswerRequest(question=question, kind=kind, hits=hits, relevance=_words_of(question),
                            label=lambda hit: "Key issues", total=1)
    result = next(piece for piece in ExtractiveEngine().stream(request) if isinstance(piece, EngineResult))
    return result.text


def test_a_sentence_repeats_when_most_of_its_content_terms_are_already_quoted() -> None:
    said = extractive.content_terms(ISSUES.split(". ")[0])
    again = "The harbour app reached 4,000 fishers in its first season, the organisers said."
    assert repeats(again, said, 0.8)
    assert not repeats(again, said, 1.01)  # above 1: nothing is a repeat
    assert not repeats("A cold-storage map for fishers will be added to the app in 2026.", said, 0.8)
    assert not repeats("Anything at all.", set(), 0.8)


@pytest.mark.parametrize("kind", ["search", "aggregate"])
def test_the_same_figure_is_quoted_once_and_the_next_sentence_in_its_place(kind: str) -> None:
    assert extractive.REPEAT_SHARE <= 1  # the shipped share passes repeats over
    question = "How many fishers did the harbour app reach, and what will the app add?"
    text = _answer(question, [_hit(ISSUES, 0), _hit(OUTCOMES, 1)], kind)
    assert text.count("4,000") == 1
    assert "cold-storage map" in text


def test_with_repeats_allowed_the_figure_is_quoted_from_each_passage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractive, "REPEAT_SHARE", 1.01)
    question = "How many fishers did the harbour app reach?"
    text = _answer(question, [_hit(ISSUES, 0), _hit(OUTCOMES, 1)])
    assert text.count("4,000") == 2


def test_a_passage_with_nothing_new_on_the_question_is_not_quoted() -> None:
    other = "The harbour app reached 4,000 fishers in its first season. Its logo is blue."
    text = _answer("How many fishers did the harbour app reach?", [_hit(ISSUES, 0), _hit(other, 1)])
    assert text.count("4,000") == 1
    assert "logo" not in text and "[2]" not in text
