"""Languages of questions and notes headers (issue 27): detection from the data files' function
words and script, the terms a question shares with English text, UN names in English form, and
header labels and dates typed in French, Spanish or Arabic. Questions here are written for these
tests (illustrative), not taken from any evaluation set."""

from __future__ import annotations

import pytest

from assistant.ask.language import refusal_text, shared_terms, with_english_names
from assistant.domain.language import detect, header_in_english, language, month_numbers
from assistant.domain.normalise import find_date


@pytest.mark.parametrize(("question", "code"), [
    ("Quelles séances ont parlé de la fracture numérique en Afrique ?", "fr"),
    ("Qu'a proposé l'UIT pour les compétences numériques des femmes ?", "fr"),
    ("¿Qué dijo la UNESCO sobre la ética de la inteligencia artificial?", "es"),
    ("¿Cuántos países firmaron la declaración en 2024?", "es"),
    ("ما هي التوصيات بشأن الشمول الرقمي للنساء؟", "ar"),
    ("Which sessions discussed the digital divide in Africa?", "en"),
    ("What did La Via Campesina say about data?", "en"),
    ("ITU 2024", "en"),
])
def test_detect_reads_the_language_of_a_question(question: str, code: str) -> None:
    assert detect(question) == code


def test_shared_terms_keep_names_acronyms_and_numbers_only() -> None:
    kept = shared_terms("Quelles séances de la FAO en 2023 ont parlé de Kigali et de C7 ?").split()
    assert kept == ["FAO", "2023", "Kigali", "C7"]
    english = "Which FAO sessions in 2023 mentioned Kigali?"
    assert shared_terms(english) == english  # an English question is left whole


def test_un_names_are_given_their_english_form() -> None:
    assert "ITU" in with_english_names("Qu'a dit l'UIT au SMSI ?", language("fr"))
    assert "WSIS" in with_english_names("¿Qué dijo la CMSI?", language("es"))
    assert "WSISTIC" not in with_english_names("la CMSITIC", language("es"))  # whole words only
    arabic = with_english_names("ماذا قالت منظمة العمل الدولية؟", language("ar"))
    assert "(ILO)" in arabic and "منظمة العمل الدولية" in arabic


def test_refusals_are_written_in_the_question_language() -> None:
    french = refusal_text(language("fr"), ["Opening Ceremony [1]"])
    assert french.startswith("Aucun document") and "Opening Ceremony [1]" in french
    assert refusal_text(language("es"), []).startswith("Ningún documento")


@pytest.mark.parametrize(("line", "expected"), [
    ("Organizado por: UIT y UNESCO", "Organised by: UIT y UNESCO"),
    ("Fecha: 12 de marzo de 2025", "Date: 12 marzo 2025"),
    ("Titre : L'IA pour tous", "Title : L'IA pour tous"),
    ("organizadores: OIT", "organisers: OIT"),
    ("Séance organisée par l'UIT", "Session organised by l'UIT"),
    ("Date: 5 May 2024", "Date: 5 May 2024"),
    ("The session was lively", "The session was lively"),
])
def test_header_labels_read_in_english(line: str, expected: str) -> None:
    assert header_in_english(line) == expected


def test_foreign_month_names_make_dates() -> None:
    assert month_numbers()["août"] == 8 and month_numbers()["diciembre"] == 12
    assert find_date("le 3 août 2024") == "3 August 2024"
    assert find_date(header_in_english("Fecha: 1 de julio de 2025")) == "1 July 2025"
    assert find_date("12 May 2024") == "12 May 2024"  # English unchanged


def test_what_the_sources_do_not_state_is_said_in_the_question_language() -> None:
    from assistant.ask.language import not_stated_in

    french = not_stated_in(language("fr"), [("year", "year"), ("amount", "amount pledged")])
    assert french == "Les sources citées ne précisent pas l'année ou le montant."
    spanish = not_stated_in(language("es"), [("date", "date")])
    assert spanish == "Las fuentes citadas no precisan la fecha."
    # a detail the language file does not name keeps its English label, quoted
    assert "“number of antennas”" in not_stated_in(language("ar"), [("", "number of antennas")])


def test_a_refusal_in_another_language_names_what_is_missing_in_that_language() -> None:
    from assistant.ask.answerability import AskedDetail, DetailCheck
    from assistant.ask.service import AskService, _Plan

    year = AskedDetail("year", "year")
    check = DetailCheck([year], {year: None})
    english = ("“Rural schools” covers this subject: Schools were connected [1]. "
               "But its outcome document does not state the year asked for.")
    plan = _Plan("refusal", note="not_stated", check=check)
    text = AskService._refusal_in(language("es"), plan, {}, english)
    assert text.startswith(language("es").say("not_stated") + " Las fuentes citadas no precisan el año.")
    assert "Schools were connected [1]." in text and "does not state" not in text
    named = AskService._refusal_in(language("fr"), _Plan("refusal", note="C9"), {}, "")
    assert named == "Aucun document de résultats du corpus ne parle de C9 comme le demande cette question."


def test_arabic_subject_terms_are_given_their_english_term() -> None:
    from assistant.ask.language import with_english_terms

    arabic = language("ar")
    text = with_english_terms("ما دور الأمن السيبراني والصحة الإلكترونية؟", arabic)
    assert "الأمن السيبراني (cybersecurity)" in text and "الإلكترونية (e-health)" in text
    # whole words only: "الكمبيوتر" (computer) holds the letters of "الكم" (quantum) but is not it
    assert with_english_terms("ما هو الكمبيوتر؟", arabic) == "ما هو الكمبيوتر؟"
    # a longer term wins over the shorter one inside it
    assert with_english_terms("تغير المناخ", arabic) == "تغير المناخ (climate change)"


def test_latin_words_of_an_arabic_question_are_shared_with_english_text() -> None:
    question = with_english_names("ما دور الأقمار الصناعية في التعليم؟", language("ar"))
    assert shared_terms(question) == "satellite education"
    # in French or Spanish a lower-case word stays the question's own
    assert shared_terms("¿Qué dijeron sobre los satélites y la educación en 2024?") == "2024"


@pytest.mark.parametrize(("question", "code"), [
    ("¿Qué sesiones trataron la radiodifusión comunitaria?", "es"),
    ("Combien de séances ont porté sur la radio communautaire ?", "fr"),
    ("ما هي الجلسات التي تناولت الإذاعة المجتمعية؟", "ar"),
])
def test_a_whole_corpus_question_in_another_language_reads_as_one(question: str, code: str) -> None:
    from assistant.ask.questions import is_aggregate

    assert not is_aggregate(question)
    given = with_english_names(question, language(code))
    assert is_aggregate(given) and detect(given) == code  # still read as the question's language


def test_a_question_about_one_session_gets_no_frame() -> None:
    question = "¿Qué dijo la sesión sobre radio comunitaria acerca de las licencias?"
    assert with_english_names(question, language("es")) == question


@pytest.mark.parametrize(("question", "code", "organiser"), [
    ("¿Qué talleres organizó la OMS en 2024?", "es", "WHO"),
    ("¿Cuáles sesiones fueron coorganizadas por la FAO?", "es", "FAO"),
    ("Quels ateliers l'UNESCO a-t-elle co-organisés ?", "fr", "UNESCO"),
    ("Quelles séances ont été organisées par l'UIT en 2023 ?", "fr", "ITU"),
])
def test_an_organiser_asked_in_another_language_is_read(question: str, code: str, organiser: str) -> None:
    from assistant.ask.questions import organiser_names

    assert organiser_names(question) == []  # the filter reads English verbs only
    given = with_english_names(question, language(code))
    assert organiser in organiser_names(given) and detect(given) == code


def test_words_near_an_organising_verb_are_not_read_as_one() -> None:
    from assistant.ask.questions import organiser_names

    # "organización" and "organisation" are nouns of another sense: no organiser filter
    for question, code in (("¿Qué dijo la Organización Mundial de la Salud sobre la IA?", "es"),
                           ("Quelle organisation a parlé des câbles sous-marins ?", "fr")):
        given = with_english_names(question, language(code))
        assert "(organised)" not in given and organiser_names(given) == []


@pytest.mark.parametrize(("question", "code", "organiser", "subject"), [
    ("¿Qué talleres de la colección organizó la OMS?", "es", "WHO", []),
    ("Quelles séances du corpus l'UIT a-t-elle organisées ?", "fr", "ITU", []),
    ("¿Qué sesiones organizó la OMS sobre salud digital?", "es", "WHO", ["salud", "digital"]),
    ("Quels ateliers ont porté sur la radio communautaire ?", "fr", None,
     ["porté", "radio", "communautaire"]),
])
def test_a_whole_corpus_subject_leaves_out_the_question_languages_frame_words(
        question: str, code: str, organiser: str | None, subject: list[str]) -> None:
    from assistant.ask.questions import core_topic

    # with no subject beyond the organiser the sessions are listed from metadata; a subject stays one
    assert core_topic(with_english_names(question, language(code)), organiser) == subject


@pytest.mark.parametrize(("question", "code", "kinds"), [
    ("¿Cuánto dinero prometió la OMS para la telemedicina rural en 2024?", "es", ["amount"]),
    ("¿Cuántos participantes asistieron al taller de la UIT sobre radio comunitaria?", "es", ["count"]),
    ("¿Dónde se celebrará el próximo taller sobre radio comunitaria?", "es", ["place"]),
    ("Combien de pays ont rejoint l'initiative sur les câbles sous-marins ?", "fr", ["count"]),
    ("Qui a annoncé le fonds pour la radio communautaire, et en quelle année ?", "fr", ["person", "year"]),
    ("متى أطلقت اليونسكو مبادرة الإذاعة المجتمعية؟", "ar", ["year"]),
])
def test_a_detail_asked_in_another_language_is_read_as_in_english(question: str, code: str,
                                                                   kinds: list[str]) -> None:
    from assistant.ask.answerability import asked_details

    assert asked_details(question) == []  # the detail patterns read English only
    assert [d.kind for d in asked_details(with_english_names(question, language(code)))] == kinds


def test_relative_pronouns_and_bare_counts_ask_no_detail() -> None:
    from assistant.ask.answerability import asked_details

    # "qui" inside a French question is a relative pronoun; "cuánto menos" counts nothing named; "de
    # quién" asks whose (a source, often an organisation), as English "whose" does
    for question, code in (("Quelles séances ont parlé des radios qui émettent en langues locales ?", "fr"),
                           ("¿Cuánto menos usan internet las mujeres rurales según la FAO?", "es"),
                           ("¿De quién era la estimación sobre las mujeres rurales en línea?", "es")):
        assert asked_details(with_english_names(question, language(code))) == []
