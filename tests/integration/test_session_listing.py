"""Whole-corpus listing over the indexed sample corpus (real embedding model): Ask and Trends list a
subject's sessions by one decision, and a subject no session speaks of lists none and says so."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.ask.search import SearchFilters
from assistant.ask.service import AskService
from assistant.ask.session_listing import listing_for, sessions_on_subject
from assistant.ask.themes import sessions_on_themes
from assistant.corpus.store import CorpusIndex


@pytest.fixture(scope="module")
def service(sample_index: CorpusIndex) -> AskService:
    return AskService(sample_index, sample_index.settings)


def test_without_a_listing_file_the_answerability_models_sessions_decide(service: AskService) -> None:
    assert service.listing is None and listing_for(service.retriever) is None
    assert service.listing_threshold == service.model.listing_threshold


def test_the_listing_gives_the_answerability_models_own_session_verdicts(service: AskService) -> None:
    prepared = service.prepare("Which sessions discussed satellites?", SearchFilters())
    assert isinstance(prepared, tuple)
    text, filters, aggregate, _ = prepared
    assert aggregate
    judged = service.judge(text, filters, aggregate=True)
    assert len(judged.features.doc_ids) > 1
    assert np.array_equal(judged.probability, service.model.session_probability(judged.features.rows))


def test_an_off_topic_subject_lists_no_session_and_says_so(service: AskService) -> None:
    answer = service.ask("Which sessions discussed the price of bananas in Iceland?")
    assert answer.refused and answer.kind == "refusal"
    assert answer.answer.startswith("No session in the corpus was found to discuss this subject")
    assert "no session is listed" in answer.answer
    assert "covers this question" not in answer.answer  # the listing is empty; the question is not refused
    assert sessions_on_themes(service.retriever, ["price of bananas in Iceland"]) == {
        "price of bananas in Iceland": set()}


def test_trends_counts_a_theme_by_the_sessions_ask_lists(service: AskService) -> None:
    answer = service.ask("Which sessions discussed satellites?")
    assert answer.kind == "aggregate"
    listed = {c.doc_id for c in answer.citations}
    on_theme = sessions_on_themes(service.retriever, ["satellites"])["satellites"]
    assert on_theme == listed == set(sessions_on_subject(service.retriever, "satellites"))
    assert "2025-satellite-connectivity-remote" in on_theme
    assert len(on_theme) < len(service.retriever.view().doc_ids)


def test_a_year_filter_bounds_the_listing(service: AskService) -> None:
    everywhere = set(sessions_on_subject(service.retriever, "satellites"))
    in_2025 = set(sessions_on_subject(service.retriever, "satellites", SearchFilters(year=2025)))
    assert in_2025 and in_2025 <= everywhere
    assert all(doc.startswith("2025-") for doc in in_2025)
