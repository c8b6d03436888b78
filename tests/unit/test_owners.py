"""Whose detail a question asks for (`assistant.ask.owners`): plain text, no index.

Every question and sentence here is invented for these tests (made-up agencies, people and
figures); none is taken or reworded from the corpora, the question sets or the notes. `rare` stands
for the index's reading (`session_features.name_rarity`): here every name is rare but "Forum".
"""

from __future__ import annotations

from assistant.ask.owners import holds, name_runs, names_together, owner_runs, owner_unaligned, without_names


def rare(word: str) -> bool:
    return word != "forum"


def test_names_are_runs_of_capitalised_words_and_acronyms() -> None:
    assert name_runs("How much did the Velmar Trust give to the Korvia Data Office?") == [
        ("velmar", "trust"), ("korvia", "data", "office")]


def test_a_capital_starting_a_statement_is_no_name_unless_an_acronym() -> None:
    assert name_runs("Funding rose: Growth followed. KDO's grant was renewed by Ostby.") == [
        ("kdo",), ("ostby",)]


def test_a_title_breaks_a_name_and_a_possessive_ends_as_the_name() -> None:
    assert name_runs("What was Ms Anna Pirell's view?") == [("anna", "pirell")]


def test_a_unit_before_its_figure_is_not_a_name() -> None:
    assert name_runs("The Brisk fund gave NOK 40 million.") == [("brisk",)]
    assert name_runs("What did the KDO's 2031 budget hold?") == [("kdo",)]  # a possessive is a name
    assert name_runs("It ran until 16:15 CEST at the 2031 KDO week.") == [("kdo",)]  # a time zone is not


def test_a_name_is_held_by_its_acronym_either_way() -> None:
    assert holds(("velmar", "trust"), "Commitment by VT to extend the pilot.", rare)
    assert holds(("vt",), "The Velmar Trust will extend the pilot.", rare)
    assert not holds(("velmar", "trust"), "Commitment by KDO to extend the pilot.", rare)


def test_a_run_is_held_by_one_of_its_rare_words() -> None:
    assert holds(("anna", "pirell"), "Ms Pirell urged action on rural schools.", rare)
    # a name the whole corpus uses holds nothing ("Forum" is not rare here)
    assert not holds(("nordic", "forum"), "The Forum closed on Friday.", rare)


def test_owners_are_rare_names_of_two_words_or_acronyms() -> None:
    # "Forum" is held by most sessions; a single capitalised word is most often a place or a thing
    assert owner_runs("What did the Forum of the Ostby Council pledge in Tarnby?", rare) == [
        ("ostby", "council")]
    assert owner_runs("What did KDO and WeGO pledge in Tarnby?", rare) == [("kdo",), ("wego",)]


def test_a_pledge_stated_for_another_body_is_unaligned() -> None:
    owners = owner_runs("How much did the Velmar Trust pledge to the school fund?", rare)
    assert owner_unaligned(owners, "The Ostby Council pledged EUR 2 million to the school fund.", rare) == 1.0
    assert owner_unaligned(owners, "The Velmar Trust pledged EUR 2 million to the school fund.", rare) == 0.0


def test_a_sentence_naming_no_one_is_read_as_its_sessions() -> None:
    owners = owner_runs("How much did the Velmar Trust pledge to the school fund?", rare)
    assert owner_unaligned(owners, "A pledge of EUR 2 million went to the school fund.", rare) == 0.0


def test_another_speakers_view_is_unaligned_in_share_of_the_owners() -> None:
    owners = owner_runs("What did Anna Pirell think of the KRA rail plan?", rare)
    assert owners == [("anna", "pirell"), ("kra",)]
    sentence = "Mr Tobin Kaur called the KRA rail plan too costly."
    assert owner_unaligned(owners, sentence, rare) == 0.5
    assert owner_unaligned(owners, "Ms Pirell called the KRA rail plan too costly.", rare) == 0.0


def test_a_thing_or_a_place_named_in_the_sentence_is_no_other_owner() -> None:
    owners = owner_runs("What did the Velmar Trust say about the rail plan?", rare)
    assert owner_unaligned(owners, "The rail plan for Tarnby was called too costly.", rare) == 0.0


def test_an_owner_the_sessions_title_holds_is_held_by_all_its_sentences() -> None:
    # "at the KDO side event": the question names the session, not the owner of what is asked
    owners = owner_runs("Which cities did the KDO side event name as hosts?", rare)
    sentence = "The Ostby Council named Tarnby and Brisk as hosts."
    assert owner_unaligned(owners, sentence, rare) == 1.0
    assert owner_unaligned(owners, sentence, rare, title="KDO side event on rail") == 0.0
    # organisers are not a title: a sentence naming another body states that body's detail
    assert owner_unaligned(owners, sentence, rare, title="Rail week") == 1.0


def test_without_names_keeps_what_is_asked_of_the_owner() -> None:
    owners = owner_runs("What did Anna Pirell's team launch?", rare)
    assert without_names("What did Anna Pirell's team launch?", owners) == "What did team launch?"


def test_a_sentence_naming_every_asked_owner_together_speaks_of_them() -> None:
    owners = owner_runs("Which Velmar Trust officer joined Anna Pirell on the KRA rail panel?", rare)
    assert len(owners) == 3
    together = "Mr Tobin Kaur of the Velmar Trust sat beside Ms Pirell on the panel."
    assert names_together(owners, together, rare, title="KRA rail panel")
    # without the title holding the third owner, one owner is not spoken of
    assert not names_together(owners, together, rare, title="Rail week")
    # one asked owner alone in a sentence is no such sentence, nor is a question naming one owner
    assert not names_together(owners, "Ms Pirell spoke first.", rare, title="KRA rail panel")
    single = owner_runs("What did the Velmar Trust pledge?", rare)
    assert not names_together(single, "The Velmar Trust pledged EUR 2 million.", rare)
