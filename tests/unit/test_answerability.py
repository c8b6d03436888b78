"""Reading what a question asks for, and whether a sentence states it (plain text, no index)."""

from __future__ import annotations

import pytest

from assistant.ask.answerability import AskedDetail, asked_details, person_named, states_detail
from assistant.ask.questions import (
    date_range,
    identifiers,
    narrows_previous,
    required_names,
    single_year,
    subject_concepts,
)


def kinds(question: str) -> list[str]:
    return [d.kind for d in asked_details(question)]


@pytest.mark.parametrize(("question", "expected"), [
    ("How much money did the ministry pledge for rural schools?", ["amount"]),
    ("What prize money did the winners receive?", ["amount"]),
    ("What did the winners of the prize receive?", []),  # an open question
    ("How much prize money did the winners of the design prize receive?", ["amount"]),
    ("How many people attended the workshop on open data?", ["count"]),
    ("What turnout did the youth track attract?", ["count"]),
    ("By what year does the agency intend to connect every school?", ["target_year"]),
    ("In which year was the network founded?", ["year"]),
    ("What is the application deadline for the fellowship?", ["deadline"]),
    ("On which day will the winner be announced?", ["date"]),
    ("Which ITU-T Recommendation number was cited as the standard?", ["identifier"]),
    ("What position did Amina Diallo take on data localisation?", ["view"]),
    ("Who opened the session on smart villages?", ["person"]),
    ("Which city will host the next meeting?", ["place"]),
    ("What did the sessions recommend on e-waste?", []),
    ("How many sessions discussed e-waste?", []),  # a whole-corpus count lists sessions
])
def test_the_kind_of_detail_a_question_asks_for(question: str, expected: list[str]) -> None:
    assert kinds(question) == expected


def test_a_question_can_ask_for_two_details_in_order() -> None:
    assert kinds("Which city set a net zero target, and by which year does it aim to reach it?") == [
        "place", "target_year"]


def test_a_count_names_what_it_counts_and_its_kin() -> None:
    detail = asked_details("How many people attended the forum?")[0]
    assert {"people", "participants", "attendees"} <= detail.nouns
    assert detail.label == "attendance figure"


@pytest.mark.parametrize(("sentence", "stated"), [
    ("The meeting drew more than 300 participants from 40 countries.", True),
    ("Its network of volunteers, now more than 25,000 people, held 40,000 sessions.", True),
    ("Teams from 22 countries responded to a simulated attack.", False),  # no count of people
    ("Around 3 billion people remain offline; 12% of people were online in 2003.", True),
    ("The workshop took place on 10 May 2022 at 14:30.", False),  # a date and a time, no figure
])
def test_a_count_of_people_needs_a_figure_beside_a_people_noun(sentence: str, stated: bool) -> None:
    detail = asked_details("How many people attended?")[0]
    assert states_detail(detail, sentence) is stated


@pytest.mark.parametrize(("kind", "sentence", "stated"), [
    ("amount", "The fund made CHF 10 million available over four years.", True),
    ("amount", "The fund was announced as a major commitment.", False),
    ("target_year", "The plan is to connect every clinic by 2030.", True),
    ("target_year", "In 2022 the plan was presented to ministers.", False),
    ("deadline", "Applications close on 15 April 2024.", True),
    ("deadline", "The summer school runs from 12 to 30 June 2023.", False),
    ("date", "The summer school runs from 12 to 30 June 2023.", True),
    ("identifier", "Accessibility follows ITU-T Recommendation F.790.", True),
    ("identifier", "ITU's standardization work on accessibility was presented.", False),
    ("place", "Examples ranged from local cuts in emissions to cities setting net zero targets.", False),
    ("place", "The conference will be held in Kigali later in the year.", True),
    ("place", "The panels were held under the lead of the Geneva Cities Hub.", False),
    ("person", "The opening address was given by Ms Grace Mensah, Director of the agency.", True),
])
def test_a_sentence_states_a_detail_of_its_kind(kind: str, sentence: str, stated: bool) -> None:
    assert states_detail(AskedDetail(kind, kind), sentence) is stated


def test_a_view_needs_the_person_with_a_verb_of_saying() -> None:
    question = "What position did Amina Diallo take on data localisation?"
    assert person_named(question) == "Amina Diallo"
    view = asked_details(question)[0]
    assert not states_detail(view, "The panel brought together Ms Amina Diallo, Chief Economist, and others.")
    assert states_detail(view, "Ms Amina Diallo argued that data should stay where it is produced.")


def test_session_constraints_read_from_questions() -> None:
    span, rest = date_range("How many sessions took place during the hybrid week of 13–17 March 2023?")
    assert span == ("2023-03-13", "2023-03-17") and "March" not in rest and "hybrid" not in rest
    assert date_range("Which sessions were held on 9 July 2025?")[0] == ("2025-07-09", "2025-07-09")
    assert date_range("Which sessions were held in May 2024?")[0] == ("2024-05-01", "2024-05-31")
    assert date_range("Which sessions discussed e-waste?") is None
    assert narrows_previous("and which of them were in 2025?")
    assert not narrows_previous("Which sessions were in 2025?")
    assert single_year("and which of them were in 2025?") == 2025
    assert single_year("in 2024 or 2025?") is None


def test_names_a_whole_corpus_question_turns_on() -> None:
    names = required_names("In which sessions did ITU Deputy Secretary-General Malcolm Johnson speak?")
    assert {c.alternatives[0][0] for c in names} >= {"malcolm", "johnson"}
    assert required_names("Which sessions addressed climate change?") == []
    # a quoted section heading and a month are no names; an organiser already filters
    assert required_names("List the recommendations in the 'Actionable plan' sections of March 2023.") == []
    assert required_names("Which sessions did UNESCO organise?", organiser="UNESCO") == []


def test_identifiers_and_hyphenated_words() -> None:
    assert identifiers("What did the Action Line C5 meeting say about 5G in the 2020s?") == ["C5", "5G"]
    concept = subject_concepts("the special-track openings")[0]
    assert ("special", "track") in concept.alternatives


def test_questions_about_who_organised_a_session() -> None:
    from assistant.ask.questions import asks_organisers

    assert asks_organisers("Who organised the 2024 quantum session?")
    assert asks_organisers("Which organisations co-hosted the heritage session?")
    assert asks_organisers("Which organisations co-organised the heritage session?")
    assert not asks_organisers("Which sessions did UNDP organise?")
    assert not asks_organisers("Who opened the session on smart villages?")


def test_a_misspelt_cue_word_still_points_at_its_section() -> None:
    from assistant.ask.questions import section_hint

    assert section_hint("what did the e-agriculture sesion recomend") == "action_plan"
    assert section_hint("what was anounced on AI?") == "tangible_outcomes"
    assert section_hint("which sessions recorded figures?") is None  # a real word, not a slip
    assert section_hint("who commented on the reccomendations?") == "action_plan"


def test_a_question_in_french_or_spanish_is_recognised() -> None:
    from assistant.ask.questions import other_language

    assert other_language("Quelles sessions ont parlé des personnes âgées ?") == "French"
    assert other_language("¿Qué sesiones hablaron sobre agricultura?") == "Spanish"
    assert other_language("Which sessions discussed the Global Digital Compact?") is None
    assert other_language("What did UNESCO say about la Francophonie?") is None  # one French word
