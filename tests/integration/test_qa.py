"""The Ask service with the offline engine, on the real sample corpus: citations, whole-corpus
questions, refusals and follow-ups."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from assistant.ask.engines.base import AnswerRequest, EngineResult, cited_numbers
from assistant.ask.engines.extractive import ExtractiveEngine, cite
from assistant.ask.questions import (
    is_aggregate,
    leans_on_previous,
    session_year,
    standalone,
    standalone_from_history,
    topic,
)
from assistant.ask.search import SearchFilters
from assistant.ask.service import MAX_QUESTION_CHARS, Answer, AskService
from assistant.corpus.store import CorpusIndex
from assistant.domain.sentences import split_sentences
from assistant.errors import InputError


@pytest.fixture(scope="module")
def service(sample_index: CorpusIndex) -> AskService:
    return AskService(sample_index, sample_index.settings)


def sentences(text: str) -> list[str]:
    return [s for line in text.splitlines()
            for s in split_sentences(line, lowercase_starts=True, semicolons="never")]


def assert_every_sentence_cited(answer: Answer, sample_index: CorpusIndex) -> None:
    assert not answer.refused
    numbers = {c.n for c in answer.citations}
    for sentence in sentences(answer.answer):
        cited = cited_numbers(sentence)
        assert cited, f"sentence without a citation: {sentence!r}"
        assert set(cited) <= numbers, f"citation that resolves to nothing: {sentence!r}"
    ids = set(sample_index.snapshot().ids)
    texts = dict(zip(sample_index.snapshot().ids, sample_index.snapshot().texts, strict=True))
    for citation in answer.citations:
        assert citation.chunk_id in ids
        assert citation.text == texts[citation.chunk_id]
    assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_answer_quotes_its_sources_with_a_citation_per_sentence(
    service: AskService, sample_index: CorpusIndex
) -> None:
    answer = service.ask("What goal did Chile set for women enrolling in ICT degree programmes?")
    assert answer.kind == "search" and answer.engine == "extractive" and not answer.refused
    assert_every_sentence_cited(answer, sample_index)
    assert "30 per cent" in answer.answer and "2027" in answer.answer
    assert answer.citations[0].doc_id == "2023-gender-digital-divide-stem"
    assert answer.citations[0].title.startswith("Closing the Gender Digital Divide")
    # each quoted sentence is in the chunk its marker points to
    by_n = {c.n: c for c in answer.citations}
    body = re.sub(r"^“[^”]*”( \(\d{4}\))?: ", "", answer.answer)  # after the session name
    for sentence in sentences(body):
        n = cited_numbers(sentence)[0]
        quoted = re.sub(r"\s*\[\d+\]", "", sentence).rstrip(".!?")
        assert quoted in by_n[n].text
    data = answer.to_json()
    assert {"answer", "refused", "citations"} <= set(data)
    assert {"n", "doc_id", "source", "title", "section", "text"} <= set(data["citations"][0])


def test_answer_groups_sentences_by_session(service: AskService, sample_index: CorpusIndex) -> None:
    answer = service.ask("What did the incident response session and the telemedicine session say "
                         "about ransomware attacks on hospitals?")
    assert_every_sentence_cited(answer, sample_index)
    docs = [c.doc_id for c in answer.citations]
    assert {"2024-cyber-incident-response", "2025-telemedicine-primary-care"} <= set(docs)
    paragraphs = answer.answer.split("\n\n")
    assert len(paragraphs) == len(dict.fromkeys(docs))  # one paragraph per session
    for paragraph in paragraphs:
        numbers = cited_numbers(paragraph)
        assert len({docs[n - 1] for n in numbers}) == 1


def test_gender_question_lists_every_session_that_speaks_of_women_or_gender(
    service: AskService, sample_index: CorpusIndex
) -> None:
    snap = sample_index.snapshot()
    theme = re.compile(r"\b(women|gender|girls)\b", re.IGNORECASE)
    expected = {m["doc_id"] for t, m in zip(snap.texts, snap.metadatas, strict=True)
                if theme.search(t) or theme.search(m["title"])}
    assert len(expected) >= 4  # the theme runs across several sessions of the sample corpus
    answer = service.ask("Which sessions discussed gender?")
    assert answer.kind == "aggregate"
    assert_every_sentence_cited(answer, sample_index)
    listed = [c.doc_id for c in answer.citations]
    lines = answer.answer.splitlines()[1:]
    assert len(lines) == len(set(listed))  # one line per session, citing one or two of its passages
    for line in lines:
        assert len({listed[n - 1] for n in cited_numbers(line)}) == 1
    assert set(listed) == expected
    for citation in answer.citations:  # each session's evidence is about the theme
        assert theme.search(citation.text) or theme.search(citation.title)


def test_how_many_question_gives_the_count(service: AskService, sample_index: CorpusIndex) -> None:
    answer = service.ask("How many sessions discussed artificial intelligence, and which were they?")
    assert answer.kind == "aggregate"
    count = len({c.doc_id for c in answer.citations})
    assert count >= 4
    assert answer.answer.startswith(f"{count} sessions")
    assert answer.answer.count("\n- ") == count
    assert_every_sentence_cited(answer, sample_index)


def test_long_whole_corpus_lists_are_capped_but_counted(service: AskService) -> None:
    hits = service.retriever.best_per_session("artificial intelligence")[:2]
    request = AnswerRequest(question="Which sessions discussed AI?", kind="aggregate", hits=hits,
                            relevance=service.retriever.text_scorer("AI"), label=service.label, total=7)
    *_, result = list(ExtractiveEngine().stream(request))
    assert isinstance(result, EngineResult)
    assert result.text.splitlines()[0] == (
        "7 sessions in the corpus address this; the 2 with the strongest evidence are listed [1][2]."
    )
    assert len(result.sources) == 2


def test_organiser_question_lists_the_organisers_sessions(
    service: AskService, sample_index: CorpusIndex
) -> None:
    expected = {d.doc_id for d in sample_index.documents() if "UNESCO" in d.organisers}
    answer = service.ask("Which sessions had UNESCO among their organisers?")
    assert answer.kind == "aggregate"
    assert {c.doc_id for c in answer.citations} == expected


def test_a_whole_corpus_line_also_quotes_the_sessions_sentence_that_covers_the_question(
    service: AskService, sample_index: CorpusIndex
) -> None:
    """The shown passage of a session is the one nearest in meaning; when another of its passages
    holds a sentence covering more of the question (here the organisation it names), that sentence
    is quoted too, on the session's one line, citing its own passage."""
    question = "Which of the workshops involved UNICEF?"
    answer = service.ask(question)
    assert answer.kind == "aggregate"
    assert_every_sentence_cited(answer, sample_index)
    by_doc: dict[str, list[int]] = {}
    for citation in answer.citations:
        by_doc.setdefault(citation.doc_id, []).append(citation.n)
    line = next(line for line in answer.answer.splitlines()[1:]
                if set(cited_numbers(line)) & set(by_doc["2023-child-online-protection"]))
    assert "UNICEF" in line
    assert len(by_doc["2023-child-online-protection"]) == 2
    shown = service.retriever.best_per_session(topic(question), SearchFilters(), float("-inf"))
    first = next(h for h in shown if h.doc_id == "2023-child-online-protection")
    assert "UNICEF" not in first.text  # retrieval's passage alone would not have said it


def test_a_session_line_keeps_the_shown_sentence_and_adds_a_covering_one(service: AskService) -> None:
    chunks = service.retriever.session_chunks(["2023-child-online-protection"])
    naming = [c for c in chunks if "UNICEF" in c.text and c.section != "action_plan"]
    plan = [c for c in chunks if c.section == "action_plan"]
    assert naming and plan
    relevance = service.retriever.text_scorer("involved UNICEF")
    request = AnswerRequest(question="Which of the workshops involved UNICEF?", kind="aggregate",
                            hits=[plan[0], naming[0]], relevance=relevance, label=service.label, total=1)
    *_, result = list(ExtractiveEngine().stream(request))
    assert isinstance(result, EngineResult)
    head, line = result.text.splitlines()
    assert head == "1 session in the corpus addresses this [1][2]."
    assert line.count("[1]") == 1 and line.count("[2]") == 1 and "UNICEF" in line
    assert f"{service.label(naming[0])}: " in line  # the second sentence names its own section
    assert [h.chunk_id for h in result.sources.values()] == [plan[0].chunk_id, naming[0].chunk_id]
    # a passage that covers nothing of the question adds nothing
    alone = AnswerRequest(question="Which of the workshops involved UNICEF?", kind="aggregate",
                          hits=[naming[0], plan[0]], relevance=service.retriever.text_scorer("zzzz"),
                          label=service.label, total=1)
    *_, quiet = list(ExtractiveEngine().stream(alone))
    assert isinstance(quiet, EngineResult) and len(quiet.sources) == 1


def test_recommendations_question_prefers_the_action_plan(service: AskService) -> None:
    answer = service.ask("List all recommendations on gender")
    assert answer.kind == "aggregate"
    sections = [c.section for c in answer.citations]
    assert sections.count("action_plan") >= len(sections) - 1


def test_unanswerable_question_is_refused_with_the_closest_sessions(service: AskService) -> None:
    answer = service.ask("Which organisations called for a treaty banning lethal autonomous weapons?")
    assert answer.refused and answer.kind == "refusal"
    assert answer.answer.startswith("No outcome document in the corpus covers this question.")
    assert 1 <= len(answer.citations) <= 3
    for citation in answer.citations:
        assert citation.title in answer.answer
        assert f"[{citation.n}]" in answer.answer
    aggregate = service.ask("Which sessions discussed space debris?")
    assert aggregate.refused and aggregate.kind == "refusal"


def test_a_refused_question_in_french_says_to_ask_in_english(service: AskService) -> None:
    answer = service.ask("Quelles recommandations sur les débris spatiaux ont été faites ?")
    assert answer.refused
    assert "reads as French" in answer.answer and "ask it in English" in answer.answer
    english = service.ask("Which sessions discussed space debris?")
    assert english.refused and "reads as" not in english.answer


def test_filters_that_exclude_everything_refuse(service: AskService) -> None:
    answer = service.ask("What did Chile commit to?", filters=SearchFilters(year=1999))
    assert answer.refused and answer.citations == []
    launches = SearchFilters(year=2025, section="tangible_outcomes")
    filtered = service.ask("What was launched?", filters=launches)
    assert not filtered.refused
    assert all(c.year == 2025 and c.section == "tangible_outcomes" for c in filtered.citations)


def test_follow_up_questions_are_made_standalone() -> None:
    previous = "What did the pilot of online safety lessons in Jordanian schools achieve?"
    assert leans_on_previous("and what did they recommend?")
    rewritten = standalone("and what did they recommend?", previous)
    assert rewritten.startswith("and what did they recommend?")
    for word in ("online", "safety", "Jordanian".lower(), "schools"):
        assert word in rewritten.lower()
    own = "What did the quantum readiness session launch?"
    assert not leans_on_previous(own)
    assert standalone(own, previous) == own
    history = [(previous, "…"), ("and what did they recommend?", "…")]
    chained = standalone_from_history("what about its launches?", history)
    assert "jordanian" in chained.lower()


def test_follow_up_in_the_service_stays_on_the_session(
    service: AskService, sample_index: CorpusIndex
) -> None:
    first = service.ask("What did the pilot of online safety lessons in Jordanian schools achieve?")
    assert first.citations[0].doc_id == "2023-child-online-protection"
    follow = service.ask("and what did they recommend?", history=[(first.question, first.answer)])
    assert follow.standalone_question != follow.question
    assert not follow.refused
    assert {c.doc_id for c in follow.citations} == {"2023-child-online-protection"}
    assert {c.section for c in follow.citations} == {"action_plan"}
    assert_every_sentence_cited(follow, sample_index)


def test_stream_yields_the_text_then_the_answer(service: AskService) -> None:
    items = list(service.stream("How many Moroccan workers were retrained?"))
    *pieces, final = items
    assert isinstance(final, Answer) and pieces and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces) == final.answer
    assert "18,000" in final.answer


def test_bad_input_gets_a_clear_error(service: AskService) -> None:
    with pytest.raises(InputError, match="empty"):
        service.ask("   ")
    with pytest.raises(InputError, match=str(MAX_QUESTION_CHARS)):
        service.ask("why " * 3000)
    with pytest.raises(InputError, match="valid sections"):
        service.ask("What was recommended?", filters=SearchFilters(section="summary"))
    with pytest.raises(InputError, match="unknown engine"):
        service.ask("What was recommended?", engine="magic")
    with pytest.raises(InputError, match="k must be"):
        service.ask("What was recommended?", k=0)


def test_empty_index_says_so(make_index: Callable[..., CorpusIndex]) -> None:
    index = make_index()
    answer = AskService(index, index.settings).ask("What was launched?")
    assert answer.refused and "empty" in answer.answer and "rapporteur ingest" in answer.answer


def test_question_classification() -> None:
    assert is_aggregate("Which sessions discussed AI?")
    assert is_aggregate("How many sessions mentioned the Global Digital Compact?")
    assert is_aggregate("List all recommendations on gender")
    assert not is_aggregate("Which country presented a land registry?")
    assert not is_aggregate("What did the sessions propose on space debris?")
    assert not is_aggregate("What did sessions recommend to close the gender digital divide?")
    assert is_aggregate("Which 2023 sessions discussed AI?")  # one word may narrow the sessions
    assert is_aggregate("How many youth sessions were there?")
    # the collection searched, listed or counted in other words than "which sessions…"
    assert is_aggregate("Was ransomware discussed anywhere, and where?")
    assert is_aggregate("Where were satellites brought up?")
    assert is_aggregate("Did drones feature in any of the workshops?")
    assert is_aggregate("Among the 2024 panels, which ones talked about fraud?")
    assert is_aggregate("Tell me the sessions where cities came up.")
    assert is_aggregate("Find all sessions about water.")
    assert is_aggregate("Give me a list of the sessions on payments.")
    assert is_aggregate("How often was the Global Digital Compact mentioned?")
    assert is_aggregate("Is there a session that talked about drones?")
    assert is_aggregate("Were there workshops on drones?")
    assert is_aggregate("Did any of the recorded sessions discuss drones?")
    assert is_aggregate("Could you point me to the panels where drones were raised?")
    assert is_aggregate("Show the documents mentioning drones.")
    assert is_aggregate("Have drones been raised in the documents?")
    assert is_aggregate("Which talks brought up drones?")
    assert not is_aggregate("How did the 2023 and 2025 sessions on drones differ?")  # two compared
    assert not is_aggregate("Were there any women speakers at the e-waste session?")
    assert not is_aggregate("Where was the 2023 summer school held?")  # a place, not the collection
    assert not is_aggregate("Where did the e-waste session take place?")
    assert not is_aggregate("Tell me about the youth session.")
    assert topic("Was ransomware discussed anywhere, and where?") == "ransomware"
    assert topic("Did drones feature in any of the meetings?") == "drones"
    assert topic("Show the documents mentioning drones.") == "drones"
    assert session_year("At the 2023 e-waste session, what was recovered?") == 2023
    assert session_year("Which sessions of 2025 discussed AI?") == 2025
    assert session_year("How many consultations were held in 2024?") is None  # not a session year
    assert session_year("How did the 2023 and 2025 sessions differ?") is None


def test_a_session_year_in_the_question_restricts_to_that_year(service: AskService) -> None:
    answer = service.ask("What did the 2024 sessions launch?")
    assert not answer.refused and answer.citations
    assert {c.year for c in answer.citations} == {2024}
    # a year the matching session does not have is not forced on the answer
    mistaken = service.ask("What did the 2023 session on satellite connectivity for remote schools say?")
    assert mistaken.citations[0].doc_id == "2025-satellite-connectivity-remote"


def test_citation_marker_goes_before_the_final_punctuation() -> None:
    assert cite("Chile set a target of 30 per cent.", 3) == "Chile set a target of 30 per cent [3]."
    assert cite("Is this enough?", 1) == "Is this enough [1]?"
    assert cite("No full stop", 2) == "No full stop [2]."


# -- knowing what the corpus does not say (issue 14) ------------------------------------------------
def test_a_detail_the_session_does_not_state_is_refused_and_named(service: AskService) -> None:
    answer = service.ask("How many people took part in the regional cyber drill that Ghana hosted in 2024?")
    assert answer.refused and answer.kind == "refusal"
    assert answer.not_stated == ["attendance figure"]
    assert answer.citations[0].doc_id == "2024-cyber-incident-response"  # what is there is cited
    assert "does not state the attendance figure" in answer.answer
    assert "[1]" in answer.answer and answer.to_json()["not_stated"] == ["attendance figure"]
    stated = service.ask("How many people joined the Open Quantum Institute's 2024 hackathon?")
    assert not stated.refused and stated.not_stated == [] and "180" in stated.answer


def test_a_detail_of_another_year_is_not_the_detail_asked_for(service: AskService) -> None:
    asked = "How many remote consultations did Uzbekistan's teleconsultation network handle in 2024?"
    assert not service.ask(asked).refused
    other_year = service.ask(asked.replace("2024", "2021"))
    assert other_year.refused and other_year.not_stated


def test_a_match_on_an_incidental_word_is_not_an_answer(service: AskService) -> None:
    answer = service.ask("What is the capital of Peru?")
    assert answer.refused
    assert service.ask("How much did the monthly cost of satellite links for remote Peruvian schools "
                       "fall?").refused is False


def test_a_name_no_passage_holds_is_refused(service: AskService) -> None:
    answer = service.ask("What did the Action Line C4 session recommend about community networks?")
    assert answer.refused and "C4" in answer.answer


def test_organiser_and_date_questions_are_answered_from_metadata(service: AskService) -> None:
    hosted = service.ask("Which sessions were hosted by the Government of Ghana?")
    assert {c.doc_id for c in hosted.citations} == {"2024-cyber-incident-response"}
    assert "Government of Ghana" in hosted.answer  # the organisers are shown beside the session
    run_by = service.ask("Which of the 2024 sessions were run by WHO?")
    assert {c.doc_id for c in run_by.citations} == {"2024-accessibility-assistive-tech"}
    dated = service.ask("Which sessions took place on 9 July 2025?")
    assert {c.doc_id for c in dated.citations} == {
        "2025-digital-public-infrastructure", "2025-early-warning-mobile-alerts",
        "2025-green-data-centres-networks"}
    assert dated.answer.count("9 July 2025") == 3


def test_follow_ups_keep_the_sessions_and_take_the_new_year(service: AskService) -> None:
    first = service.ask("Which sessions discussed artificial intelligence?")
    before = {c.doc_id: c.year for c in first.citations}
    assert {2023, 2024, 2025} <= set(before.values())
    history = [(first.question, first.answer)]
    narrowed = service.ask("and which of them were in 2025?", history=history)
    kept = {c.doc_id for c in narrowed.citations}
    assert kept == {d for d, year in before.items() if year == 2025}
    history.append((narrowed.question, narrowed.answer))
    recommended = service.ask("what did they recommend?", history=history)
    assert {c.doc_id for c in recommended.citations} == kept
    assert {c.section for c in recommended.citations} == {"action_plan"}


def test_who_organised_a_session_is_answered_from_its_organisers_line(service: AskService) -> None:
    answer = service.ask("Who organised the 2024 quantum session?")
    assert not answer.refused
    assert [c.doc_id for c in answer.citations] == ["2024-quantum-readiness"]
    assert "Open Quantum Institute (hosted at CERN)" in answer.answer
    assert "Centre for Quantum Technologies" in answer.answer


def test_a_question_put_to_the_sessions_as_a_group_is_answered_session_by_session(
        service: AskService) -> None:
    answer = service.ask("What did sessions recommend about public procurement?")
    assert not answer.refused and answer.kind == "aggregate"
    assert len({c.doc_id for c in answer.citations}) >= 4
    assert answer.answer.splitlines()[0].split()[1] == "sessions"  # "N sessions in the corpus address this"
    # whether it is answered at all is decided as for an ordinary question: still refused
    refused = service.ask("What rules did the sessions propose for removing space debris left by satellite "
                          "constellations?")
    assert refused.refused
