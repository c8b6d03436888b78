"""A question put to the sessions as a group ("what did sessions recommend about X?") is told apart
from a listing request and from a question about some named sessions (`asks_of_sessions`)."""

from __future__ import annotations

import pytest

from assistant.ask.questions import asks_of_sessions, is_aggregate, topic


@pytest.mark.parametrize("question", [
    "What did sessions recommend about public procurement?",
    "What do the outcome documents say about climate change?",
    "What recommendations did the sessions make on digital skills?",
    "How did the different sessions approach artificial intelligence?",
    "What have sessions said about girls in STEM?",
    "What outcomes were reported by sessions dealing with agriculture?",
    "Has the pandemic been discussed at more than one session?",
    "Sessions on indigenous languages?",
    "Did several panels bring up drones?",
])
def test_the_sessions_as_a_group_are_asked(question: str) -> None:
    assert asks_of_sessions(question)


@pytest.mark.parametrize("question", [
    "What did the two sessions on drones recommend?",  # two of them, named by a number
    "What did their sessions announce?",  # a possessive picks some out
    "What did the mayors' events say about water?",  # one named event
    "Since when have youth-related sessions been part of WSIS?",  # not what sessions said
    "How many help sessions did the volunteers hold?",
    "What did the minister say at the opening?",
])
def test_some_named_sessions_or_none_are_not_the_group(question: str) -> None:
    assert not asks_of_sessions(question)


@pytest.mark.parametrize("question", [
    "Where are mayors mentioned?",
    "Which roundtables or panels dealt with gender?",
    "Which of the documented discussions covered COVID-19?",
    "Which ceremonies mentioned the WSIS Prizes?",
    "Where did the climate crisis feature in the discussions?",
    "Please list the sessions organised together with the Geneva Cities Hub.",
    # the collection named between the group and its clause, and "docs" for documents (issue 23, s14)
    "Point out all documents of the corpus that touch on drones.",
    "Show me every session in the collection where a minister spoke about satellites.",
    "How many of our docs deal with drones?",
    "How many of the outcome docs mention satellites?",
])
def test_listings_in_more_words_are_whole_corpus_questions(question: str) -> None:
    assert is_aggregate(question)


@pytest.mark.parametrize("question", [
    "What does the doc say about drones?",
    "How did the docs team handle the satellite story?",
    "What did every speaker in the collection's first session say?",
])
def test_one_document_or_no_group_is_not_a_listing(question: str) -> None:
    assert not is_aggregate(question)


def test_a_listing_frame_leaves_the_subject() -> None:
    assert topic("Which roundtables or panels dealt with gender?") == "gender"
    assert topic("Please list the sessions dealing with drones.") == "drones"
