"""Reading what a question asks for, and whether a sentence states it (plain text, no index).

Every question and sentence here is written for these tests (invented sessions, people, figures);
none is taken or reworded from the field set's corpus, questions or notes (issue 28).
"""

from __future__ import annotations

import pytest

from assistant.ask.answerability import (
    AskedDetail,
    asked_details,
    clauses,
    common_words,
    names_a_thing,
    person_named,
    states_detail,
    stating_clauses,
)
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
    ("The assembly drew more than 450 participants from 16 provinces.", True),
    ("Its pool of mentors, now more than 8,000 people, ran 19,000 lessons.", True),
    ("Crews from 17 harbours took part in a flood drill.", False),  # no count of people
    ("About 900 people in the valley remain offline; 30% of people had a phone in 2010.", True),
    ("The hackathon took place on 4 October 2021 at 09:15.", False),  # a date and a time, no figure
])
def test_a_count_of_people_needs_a_figure_beside_a_people_noun(sentence: str, stated: bool) -> None:
    detail = asked_details("How many people attended?")[0]
    assert states_detail(detail, sentence) is stated


@pytest.mark.parametrize(("kind", "sentence", "stated"), [
    ("amount", "The trust made EUR 6 million available over three years.", True),
    ("amount", "The trust was announced as a major pledge.", False),
    ("target_year", "The plan is to connect every clinic by 2030.", True),
    ("target_year", "In 2022 the plan was presented to ministers.", False),
    ("deadline", "Applications close on 15 April 2024.", True),
    ("deadline", "The coding camp runs from 3 to 21 August 2026.", False),
    ("date", "The coding camp runs from 3 to 21 August 2026.", True),
    ("identifier", "Captioning follows ITU-T Recommendation T.871.", True),
    ("identifier", "ITU's standards work on captioning was presented.", False),
    # a UN document's symbol or a resolution's session/number is an identifier; a date is not
    ("identifier", "The panel cited General Assembly resolution 68/302 on the review.", True),
    ("identifier", "Its work is referenced in the report E/CN.16/2019/3.", True),
    ("identifier", "Enrolment doubled over the 2019/20 school year.", False),
    ("identifier", "Its work is referenced in the report A/77/91.", True),
    ("identifier", "The call closed on 12/05/2022, open 24/7 until then.", False),
    ("place", "Examples ranged from village water boards to towns setting recycling quotas.", False),
    ("place", "The meeting will be held in Windhoek later in the year.", True),
    ("place", "The panels were held under the lead of the Lisbon Harbour Network.", False),
    ("person", "The opening address was given by Ms Grace Mensah, Director of the agency.", True),
])
def test_a_sentence_states_a_detail_of_its_kind(kind: str, sentence: str, stated: bool) -> None:
    assert states_detail(AskedDetail(kind, kind), sentence) is stated


# an invented corpus: the words it writes in lower case are its common words
_CORPUS = [
    "The open dialogue on river data was chaired by Ms Ines Halvorsen of the basin agency.",
    "A second panel looked at digital cooperation between towns, and a room was set aside for demos.",
    "Speakers from Tromsø and Windhoek presented flood maps built with local volunteers.",
]


def test_the_words_a_corpus_writes_in_lower_case_are_its_common_words() -> None:
    common = common_words(_CORPUS)
    assert {"dialogue", "cooperation", "room", "panel", "towns"} <= common
    assert not {"Halvorsen", "halvorsen", "windhoek", "ines"} & common


@pytest.mark.parametrize(("run", "thing"), [
    ("River Data Dialogue", True),      # every word is written in lower case elsewhere
    ("Digital Cooperation", True),
    ("Panels'", True),                  # a possessive plural read as the word
    ("Ines Halvorsen", False),          # a person's name is never written in lower case
    ("Windhoek", False),
])
def test_a_capitalised_run_holding_a_common_word_names_a_thing(run: str, thing: bool) -> None:
    assert names_a_thing(run, common_words(_CORPUS)) is thing
    assert names_a_thing(run, frozenset()) is False  # without a corpus, any run may be a name


@pytest.mark.parametrize(("kind", "sentence", "stated"), [
    # a run of capitalised common words is an event's or a document's name, not a person or a place
    ("person", "The second session, the River Data Dialogue, was opened to all.", False),
    ("person", "Speakers welcomed the idea, and Ines Halvorsen presented the maps.", True),
    ("person", "Ms Ines Halvorsen presented the maps.", True),
    ("place", "The maps were aligned with the Digital Cooperation roadmap.", False),
    ("place", "Volunteers from Windhoek presented the maps.", True),
    ("place", "The demo took place in Room B, beside the plenary.", True),       # a designated room
    ("place", "Volunteers in the United States shared their maps.", True),      # a country's name
])
def test_a_name_of_a_thing_states_no_person_and_no_place(kind: str, sentence: str, stated: bool) -> None:
    common = common_words(_CORPUS) | {"united", "states", "volunteers", "speakers"}
    assert states_detail(AskedDetail(kind, kind), sentence, common) is stated
    if not stated:  # the former reading, without the corpus's words, took the run for a name
        assert states_detail(AskedDetail(kind, kind), sentence) is True


def test_clauses_split_statements_but_not_thousands() -> None:
    assert clauses("The fair drew 2,300 visitors (about 900 on site), and the next one is planned") == [
        "The fair drew 2,300 visitors", "about 900 on site", "and the next one is planned"]


@pytest.mark.parametrize(("sentence", "session_year", "stated"), [
    # the figure belongs to the year before; the asked year's clause holds none
    ("The 2019 camp drew more than 400 participants, and the 2020 camp was expected to grow.", None, False),
    ("The 2020 camp drew more than 400 participants, and the 2021 camp was expected to grow.", None, True),
    # no year in the sentence: the session's date says which year the figure is of
    ("The camp drew more than 400 participants.", 2019, False),
    ("The camp drew more than 400 participants.", 2020, True),
    ("The camp drew more than 400 participants.", None, True),
])
def test_a_figure_is_read_for_the_year_its_clause_speaks_of(sentence: str, session_year: int | None,
                                                            stated: bool) -> None:
    detail = asked_details("How many people took part in the 2020 camp?")[0]
    found = stating_clauses(detail, sentence, {2020}, session_year)
    assert bool(found) is stated
    if stated:
        assert all("400" in clause for clause in found)


def test_a_year_asked_for_is_not_filtered_by_year() -> None:
    detail = AskedDetail("year", "year")
    assert stating_clauses(detail, "The network was founded in 2016.", {2020}, 2020) == [
        "The network was founded in 2016."]


def test_a_view_needs_the_person_with_a_verb_of_saying() -> None:
    question = "What position did Amina Diallo take on data localisation?"
    assert person_named(question) == "Amina Diallo"
    view = asked_details(question)[0]
    assert not states_detail(view, "The panel brought together Ms Amina Diallo, Chief Economist, and others.")
    assert states_detail(view, "Ms Amina Diallo argued that data should stay where it is produced.")


def test_session_constraints_read_from_questions() -> None:
    span, rest = date_range("How many sessions took place during the festival week of 20–24 October 2021?")
    assert span == ("2021-10-20", "2021-10-24") and "October" not in rest and "festival" not in rest
    assert date_range("Which sessions were held on 9 July 2025?")[0] == ("2025-07-09", "2025-07-09")
    assert date_range("Which sessions were held in May 2024?")[0] == ("2024-05-01", "2024-05-31")
    assert date_range("Which sessions discussed e-waste?") is None
    assert narrows_previous("and which of them were in 2025?")
    assert not narrows_previous("Which sessions were in 2025?")
    assert single_year("and which of them were in 2025?") == 2025
    assert single_year("in 2024 or 2025?") is None


def test_names_a_whole_corpus_question_turns_on() -> None:
    names = required_names("In which sessions did ITU Deputy Director Ana Folau speak?")
    assert {c.alternatives[0][0] for c in names} >= {"ana", "folau"}
    assert required_names("Which sessions addressed climate change?") == []
    # a quoted section heading and a month are no names; an organiser already filters
    assert required_names("List the recommendations in the 'Action items' sections of October 2021.") == []
    assert required_names("Which sessions did UNESCO organise?", organiser="UNESCO") == []


def test_identifiers_and_hyphenated_words() -> None:
    assert identifiers("What did the Action Line C3 meeting say about 6G in the 2030s?") == ["C3", "6G"]
    # an age group or a decade in a hyphenated word is a count with a plural ending, not a name
    assert identifiers("How many under-25s joined, and what was said about the mid-2020s?") == []
    assert identifiers("Was a 24-hour line set up for the 60-plus group in the 4th-generation rollout?") == []
    assert identifiers("What did COVID-19 (covid-19) do to the V.18, e-2 and ISO-9001 work?") == [
        "COVID-19", "covid-19", "V.18", "e-2", "ISO-9001"]
    concept = subject_concepts("the fish-market pilots")[0]
    assert ("fish", "market") in concept.alternatives


def test_questions_about_who_organised_a_session() -> None:
    from assistant.ask.questions import asks_organisers

    assert asks_organisers("Who organised the 2024 quantum session?")
    assert asks_organisers("Which organisations co-hosted the lighthouse session?")
    assert asks_organisers("Which organisations co-organised the lighthouse session?")
    assert not asks_organisers("Which sessions did UNDP organise?")
    assert not asks_organisers("Who opened the session on smart villages?")


def test_a_misspelt_cue_word_still_points_at_its_section() -> None:
    from assistant.ask.questions import section_hint

    assert section_hint("what did the tide-gauge sesion recomend") == "action_plan"
    assert section_hint("what was anounced on AI?") == "tangible_outcomes"
    assert section_hint("which sessions recorded figures?") is None  # a real word, not a slip
    assert section_hint("who commented on the reccomendations?") == "action_plan"


def test_a_question_in_french_or_spanish_is_recognised() -> None:
    from assistant.ask.questions import other_language

    assert other_language("Quelles sessions ont parlé des personnes âgées ?") == "French"
    assert other_language("¿Qué sesiones hablaron sobre agricultura?") == "Spanish"
    assert other_language("Which sessions discussed the Global Digital Compact?") is None
    assert other_language("What did UNESCO say about la Francophonie?") is None  # one French word


def test_the_capitals_of_who_name_the_organisation_not_a_person() -> None:
    assert kinds("According to the WHO survey, what share of clinics keep digital records?") == []
    assert kinds("Who presented the WHO survey on clinics?") == ["person"]


@pytest.mark.parametrize(("question", "surname"), [
    ("What was Ines Halvorsen's view on shared river data?", "Halvorsen"),
    ("What was Ms Ines Halvorsen's argument about flood maps?", "Halvorsen"),
    ("What did Tomas Okafor make of the volunteers' maps?", "Okafor"),
    ("What did Tomas Okafor of the RBA tell the plenary?", "Okafor"),
])
def test_a_named_persons_stance_is_a_view_asked_of_them(question: str, surname: str) -> None:
    views = [d for d in asked_details(question) if d.kind == "view"]
    assert [sorted(d.nouns) for d in views] == [[surname]]  # the surname, without a possessive
    detail = views[0]
    assert states_detail(detail, f"{surname} warned that maps age quickly.")
    assert not states_detail(detail, f"The maps were drawn with help from {surname}'s students.")


def test_a_question_on_what_a_body_said_asks_no_persons_view() -> None:
    for question in ("What did the basin agency say about flood maps?",
                     "What did the River Data Dialogue's report cover?"):
        assert not [d for d in asked_details(question) if d.kind == "view"]


def test_who_organised_is_answered_by_an_organisation_and_who_chaired_is_not() -> None:
    """'Who organised / hosted …' asks for an organiser, which an organisation's name states; a
    person asked with another verb is not stated by an institute's name alone."""
    organiser = asked_details("Who hosted the session on quantum readiness?")[0]
    chair = asked_details("Who chaired the session on quantum readiness?")[0]
    line = "Organisers: Open Quantum Institute and the Centre for Quantum Technologies"
    assert organiser.agent and states_detail(organiser, line)
    common = common_words(["an open call on quantum work"])
    assert not chair.agent
    assert not states_detail(chair, "Organisers: the Open Quantum Institute", common)
    assert states_detail(organiser, "Organisers: the Open Quantum Institute", common)
    assert not states_detail(organiser, "The session was about quantum readiness.")


def test_a_question_asking_two_things_without_a_compound_break_is_split_at_its_asking_phrases() -> None:
    from assistant.ask.session_features import asking_segments

    # invented wordings: the second part starts with a preposition, which `compound_parts` does not split
    assert asking_segments("What fee did the ferry board set for bicycles, and over what period?") == [
        "What fee did the ferry board set for bicycles", "over what period"]
    two = "How many lighthouses were restored and on which day did the last one reopen?"
    assert asking_segments(two) == ["How many lighthouses were restored",
                                    "on which day did the last one reopen"]
    assert asking_segments("How many lighthouses were restored?") == []


def test_who_did_something_to_a_named_thing_is_stated_by_a_body_as_well_as_a_person() -> None:
    # invented wordings: "who <verb> it" asks who made, published or ran the thing, a body as often
    [agent] = asked_details("Which tide atlas came out this year, and who published it?")
    assert agent.kind == "person" and agent.agent
    assert states_detail(agent, "The atlas was published by the Harbour Survey Office of Velmar.")
    assert states_detail(agent, "Then KDO released the tide atlas.")
    assert not states_detail(agent, "The tide atlas was released in spring.")
    # who chaired, who spoke: a person is asked, and a body's name does not state one
    [person] = asked_details("Who chaired the tide atlas launch?")
    assert not person.agent
    assert not states_detail(person, "Then KDO released the tide atlas.")
