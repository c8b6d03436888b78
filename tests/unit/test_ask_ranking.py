"""Ask's retrieval over the indexed sample corpus (real Chroma, real embedding model): a question's
day, organiser and year narrow the ranking as they narrow Ask's answer, a whole-corpus question ranks
its sessions by the answerability model, and a comparison across years is not cut to one span."""

from __future__ import annotations

import pytest

from assistant.ask.questions import is_aggregate, topic, with_gatherings_spelled, year_set_in
from assistant.ask.ranking import ranked_hits
from assistant.ask.search import SearchFilters
from assistant.ask.service import AskService
from assistant.corpus.store import CorpusIndex

HELD_ON_THE_NINTH = {"2025-digital-public-infrastructure", "2025-early-warning-mobile-alerts",
                     "2025-green-data-centres-networks"}


@pytest.fixture(scope="module")
def service(sample_index: CorpusIndex) -> AskService:
    return AskService(sample_index, sample_index.settings)


def documents(service: AskService, question: str, k: int = 10) -> list[str]:
    return [h.doc_id for h in ranked_hits(service, question, k=k, per_doc_cap=1)]


def test_a_day_named_in_a_whole_corpus_question_ranks_that_days_sessions_first(service: AskService) -> None:
    question = "Give me the sessions that were held on 9 July 2025."
    ranked = documents(service, question)
    assert set(ranked[:3]) == HELD_ON_THE_NINTH
    assert len(ranked) == len(set(ranked)) == 10  # the other sessions follow, each once
    plain = [h.doc_id for h in service.retriever.search(question, k=10, per_doc_cap=1)]
    assert set(plain[:3]) != HELD_ON_THE_NINTH  # the wording alone does not find them


def test_an_organiser_and_a_year_narrow_the_ranking(service: AskService) -> None:
    ranked = documents(service, "Which 2024 sessions had the World Health Organization as an organiser?")
    assert ranked[0] == "2024-accessibility-assistive-tech"


def test_a_whole_corpus_question_ranks_sessions_by_the_models_probability(service: AskService) -> None:
    question = "Across the collection, which sessions spoke of satellites?"
    assert is_aggregate(question)
    prepared = service.prepare(question, SearchFilters())
    assert isinstance(prepared, tuple)
    text, filters, aggregate, _ = prepared
    assert aggregate
    judged = service.judge(text, filters, aggregate=True)
    listed = judged.qualifying(service.listing_threshold)
    ranked = documents(service, question, k=len(listed))
    assert set(ranked) == set(listed)
    assert "2025-satellite-connectivity-remote" in listed
    answer = service.ask(question)
    assert answer.kind == "aggregate" and {c.doc_id for c in answer.citations} == set(listed)


def test_a_comparison_across_years_is_not_cut_to_the_span_it_names(service: AskService) -> None:
    narrowed = service.prepare("Which sessions took place in July 2025?", SearchFilters())
    assert isinstance(narrowed, tuple) and narrowed[1].dates is not None
    both = service.prepare("How did the March 2023 session on e-agriculture compare with the 2025 session "
                           "on digital skills?", SearchFilters())
    assert isinstance(both, tuple) and both[1].dates is None


@pytest.mark.parametrize("question", [
    "What did the sessions on farmers and smallholders propose?",
    "Name the sessions that mentioned hackathons.",
    "Which WSIS Forum sessions raised e-waste?",
    "Were there any sessions on space debris?",
    "Where in the collection is e-waste discussed?",
])
def test_whole_corpus_questions_in_other_wordings(question: str) -> None:
    assert is_aggregate(question)


@pytest.mark.parametrize("question", [
    "which sesions dealt with e-waste",
    "Which sessoins mentioned satellites?",
    "list every documnet about gig work",
    "Taking every one of the meetings together, which of them spoke of satellites?",
    "Of all the documents, which ones mention heatwaves?",
])
def test_whole_corpus_questions_misspelt_or_put_through_the_whole_collection(question: str) -> None:
    assert is_aggregate(question)


def test_a_word_one_slip_from_sessions_is_read_as_sessions_and_other_words_are_not() -> None:
    assert with_gatherings_spelled("which sesions or documnets") == "which sessions or documents"
    # another word one letter from a short gathering noun, or a longer word further away, is kept
    assert with_gatherings_spelled("even the lessons and passions") == "even the lessons and passions"
    assert topic("which sesions looked at heatwaves") == topic("which sessions looked at heatwaves")
    assert not is_aggregate("Which lessons were drawn from the floods?")


@pytest.mark.parametrize("question", [
    "Which speakers at the sessions mentioned hackathons?",
    "What did the 2024 sessions recommend on gig work?",
    "Which city announced a target at the mayors' events?",
])
def test_questions_about_sessions_that_do_not_ask_for_every_session(question: str) -> None:
    assert not is_aggregate(question)


@pytest.mark.parametrize(("question", "year"), [
    ("In 2024, which sessions discussed fraud?", 2024),
    ("Which sessions discussed fraud during 2024?", 2024),
    ("Which sessions at the 2023 Forum raised e-waste?", 2023),
    ("Which sessions discussed the 2030 Agenda?", None),  # a year spoken of, not the time asked about
    ("Which sessions set targets for 2030?", None),
    ("Which sessions in 2023 and 2025 raised e-waste?", None),  # two years: no one filter
])
def test_the_year_a_question_is_set_in(question: str, year: int | None) -> None:
    assert year_set_in(question) == year


def test_a_whole_corpus_question_set_in_a_year_lists_only_that_years_sessions(service: AskService) -> None:
    answer = service.ask("In 2024, which sessions warned about scams and online fraud?")
    assert answer.kind == "aggregate" and answer.citations
    assert all(c.doc_id.startswith("2024-") for c in answer.citations)
    undated = service.ask("Which sessions warned about scams and online fraud?")
    assert any(not c.doc_id.startswith("2024-") for c in undated.citations)  # the year did the narrowing
