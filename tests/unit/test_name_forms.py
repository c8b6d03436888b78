"""The other forms a question may give a name (assistant/ask/name_forms.py)."""

from __future__ import annotations

import pytest

from assistant.ask.name_forms import (
    close_spellings,
    country_forms,
    fold,
    is_acronym,
    is_country,
    name_runs,
    spells,
    spelt_in,
)


def test_fold_drops_accents_and_case() -> None:
    assert fold("Nitéroi") == "niteroi"
    assert fold("María") == "maria"
    assert fold("Côte") == "cote"


@pytest.mark.parametrize(("form", "other"), [
    ("Filipino", "philippines"),
    ("Swiss", "switzerland"),
    ("Swiss", "chf"),
    ("Spanish", "spain"),
    ("Dutch", "netherlands"),
    ("Viet Nam", "vietnamese"),
])
def test_a_country_form_gives_the_country_s_other_forms(form: str, other: str) -> None:
    assert other in country_forms(form)
    assert fold(form) in country_forms(other)


def test_a_word_that_is_no_country_has_no_country_forms() -> None:
    assert country_forms("Geneva") == frozenset()
    assert country_forms("Andean") == frozenset()
    # a currency code that is also a common acronym is left out of the vocabulary
    assert "sdg" not in country_forms("Sudanese")
    assert "usd" not in country_forms("American")
    assert is_country("Gambia") and is_country("gambian") and not is_country("Gates")


@pytest.mark.parametrize(("written", "expected"), [
    ("EPA", True), ("ISOC", True), ("CoNGO", True), ("UN-OHRLLS", True),
    ("Lyon", False), ("EU", False), ("Gates", False),
])
def test_an_acronym_is_read_by_its_capitals(written: str, expected: bool) -> None:
    assert is_acronym(written) is expected


@pytest.mark.parametrize(("acronym", "words", "expected"), [
    ("epa", ("environmental", "protection", "agency"), True),
    ("isoc", ("internet", "society"), True),
    ("cmu", ("carnegie", "mellon", "university"), True),
    ("dpga", ("digital", "public", "goods", "alliance"), True),
    ("dpga", ("digital", "public", "goods"), False),  # every letter from the words, every word used
    ("epa", ("environmental", "protection", "agency", "ghana"), False),
    ("isoc", ("internet",), False),  # one word's beginning is no acronym of it
    ("gca", ("global", "coalition", "on"), False),
])
def test_an_acronym_spells_consecutive_words_by_their_first_letters(
        acronym: str, words: tuple[str, ...], expected: bool) -> None:
    assert spells(acronym, words) is expected


def test_runs_of_capitalised_words_join_across_glue_and_part_at_punctuation() -> None:
    text = ("Organisers: Association for Progressive Communications (APC), and Environmental Protection "
            "Agency of Ghana")
    runs = name_runs(text)
    assert ("association", "progressive", "communications") in runs
    assert ("environmental", "protection", "agency", "ghana") in runs
    assert spelt_in("APC", runs) and spelt_in("EPA", runs) and spelt_in("EPAG", runs)
    assert not spelt_in("PCA", runs)


def test_a_misspelt_long_name_is_close_to_the_corpus_form_but_a_country_is_not() -> None:
    terms = ["metoki", "jelassi", "zambia", "makueni", "method"]
    assert close_spellings("Metocki", terms) == ["metoki"]
    assert close_spellings("Jellassi", terms) == ["jelassi"]
    assert close_spellings("Mekueni", terms) == ["makueni"]
    assert close_spellings("Gambia", terms) == []  # another country, not a misspelling
    assert close_spellings("Lyon", ["lyons"]) == []  # too short to tell a typo from another name
