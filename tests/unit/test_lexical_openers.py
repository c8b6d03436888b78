"""The lexical judge of the drafts suite reads the function words and connectives that open a French
or Spanish item from the language data files: "Un participante …" or "Les intervenants …" name
nobody, while a real name in the same item is still required of the cited lines. Items and lines
are written for these tests (illustrative)."""

from __future__ import annotations

from assistant.evaluation.lexical import entailment, names

CITED = ["- P: cuántas escuelas rurales tiene la red? 300 hoy (Marta Ríos)"]


def test_a_spanish_article_opening_an_item_is_no_name() -> None:
    item = "Un participante preguntó cuántas escuelas rurales tiene la red."
    assert names(item) == []
    assert entailment(item, CITED) == []


def test_french_and_spanish_openers_are_no_names_but_names_still_count() -> None:
    assert names("Les intervenants ont rappelé que la Banque mondiale finance 40 pays.") == ["Banque"]
    assert names("Además, Marta Ríos señaló que la red llega a 300 escuelas.") == ["Marta", "Ríos"]
    assert names("Se señaló: la red llega a 300 escuelas.") == []


def test_an_invented_name_after_a_spanish_opener_is_still_missing() -> None:
    item = "Una ministra de Bolivia señaló que la red llega a 300 escuelas."
    assert entailment(item, CITED) == ["name Bolivia"]


def test_english_items_keep_their_own_lists() -> None:
    assert names("One participant asked whether Geneva would host it.") == ["Geneva"]
    assert names("An official from ITU said so.") == ["ITU"]
