"""What a stated value is said of (`assistant.ask.said_of`): plain text, no index.

Every question and sentence here is invented for these tests (made-up agencies, people and
figures); none is taken or reworded from the field set's corpus, questions or notes.
"""

from __future__ import annotations

from assistant.ask.said_of import named_words, names_other, said_of


def test_names_are_capitalised_words_after_the_first_not_titles_or_months() -> None:
    found = named_words("Last April Dr Olsen of the Korvia Data Office opened the Tarn workshop.")
    assert found == {"olsen", "korvia", "data", "office", "tarn"}


def test_a_possessive_is_read_as_the_name_itself() -> None:
    assert named_words("How large was the Velmar Trust's grant?") == {"velmar", "trust"}


def test_a_capital_after_a_list_marker_or_a_full_stop_names_nothing() -> None:
    assert named_words("- Funding rose. Growth followed in Brisk county.") == {"brisk"}


def test_a_value_said_of_another_named_thing_is_flagged() -> None:
    asked = named_words("How many workshops did Anna Pirell lead during the spring week?")
    sentence = "As host, Mr Tobin Kaur led twelve workshops during the spring week."
    assert names_other(asked, sentence, "Spring week closing Nordhall Agency")


def test_a_value_said_of_the_asked_thing_is_not_flagged() -> None:
    asked = named_words("How many workshops did Anna Pirell lead during the spring week?")
    sentence = "Ms Anna Pirell led twelve workshops during the spring week, with Mr Tobin Kaur."
    assert not names_other(asked, sentence, "Spring week closing Nordhall Agency")


def test_a_name_held_by_the_sessions_title_or_organisers_is_not_missing() -> None:
    # the sentence need not repeat the organiser its session is by
    asked = named_words("What budget did the Nordhall Agency set for the pilot?")
    sentence = "The pilot received a budget of EUR 2 million from Brisk partners."
    assert not names_other(asked, sentence, "Pilot launch Nordhall Agency 2031")
    assert names_other(asked, sentence, "Pilot launch Ostby Council 2031")


def test_a_question_naming_nothing_is_never_said_of_something_else() -> None:
    asked = named_words("how much did the pilot cost?")
    assert not names_other(asked, "The Brisk pilot cost EUR 4 million.", "")


def test_a_sentence_holding_none_of_the_questions_names_is_said_of_something_else() -> None:
    asked = named_words("What grant did the Velmar Trust give the school?")
    assert names_other(asked, "The school received a grant of EUR 30,000.", "")


def test_a_name_is_held_by_a_word_of_its_stem() -> None:
    asked = named_words("How many Korvian schools joined the scheme?")
    assert not names_other(asked, "Schools in Korvia joined: 40 of them.", "")
    assert names_other(asked, "Schools in Ostby joined: 40 of them.", "")


def test_the_reader_of_a_question_reads_each_sentence_against_its_names() -> None:
    read = said_of("What prize did the Velmar hackathon offer?")
    assert not read("Velmar said the hackathon prize was EUR 5,000.", "")
    assert read("Then the Brisk fund pledged EUR 5,000.", "")


def test_a_hyphenated_name_is_held_by_one_of_its_parts() -> None:
    asked = named_words("Who spoke for Tarnix at the Velmar-Ostby forum?")
    assert names_other(asked, "Ms Lee of Tarnix spoke at the Ostby forum with Mr Kaur.", "") == 0.0


def test_one_of_the_questions_names_held_is_enough() -> None:
    asked = named_words("What grant did the Velmar Trust give to Ostby schools?")
    assert not names_other(asked, "The Brisk fund gave Ostby schools EUR 9,000.", "")


def test_a_two_letter_name_alone_tells_nothing_apart() -> None:
    asked = named_words("What did the head of the UN's health office pledge?")
    assert asked == {"un"}
    assert not names_other(asked, "Ms Kaur of Brisk pledged EUR 2 million.", "")


def test_a_name_is_held_by_a_shorter_word_that_begins_it() -> None:
    asked = named_words("How far did costs fall for Korvan schools?")
    assert not names_other(asked, "Costs for schools in Korv fell by half.", "")
