"""The sentences judge reads a short item of notes typed in French or Spanish with that language's
closed classes (issue 27, tenth round), and a name's initial is no verb. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from assistant.domain.language import language
from assistant.evaluation.prose import is_complete_sentence, notes_language_of

FRENCH_NOTES = """Atelier : l'eau potable dans les villages
- le programme a équipé 40 villages de pompes solaires
- les familles paient une petite cotisation chaque mois
"""


def test_notes_in_french_are_told_and_english_notes_are_not() -> None:
    found = notes_language_of(FRENCH_NOTES)
    assert found is not None and found.code == "fr"
    english = "Workshop: drinking water\n- the programme equipped 40 villages with pumps\n"
    assert notes_language_of(english) is None


def test_a_short_french_item_is_read_in_french_with_its_notes_language() -> None:
    item = "Plus de 300 familles n'ont toujours pas accès à l'eau potable."
    assert not is_complete_sentence(item)  # alone, too few words to tell: read as English
    assert is_complete_sentence(item, language("fr"))


@pytest.mark.parametrize(("item", "whole"), [
    ("Coût moyen d'une pompe : 800 euros (B. Traoré).", False),  # no verb: `B.` is an initial
    ("Puits forés dans 12 villages (A. Sow, Eau Vive).", False),
    ("Le fonds a financé 12 pompes (B. Traoré).", True),
])
def test_an_initial_is_no_verb(item: str, whole: bool) -> None:
    assert is_complete_sentence(item, language("fr")) is whole


def test_an_english_item_of_french_notes_is_still_read_as_english() -> None:
    assert is_complete_sentence("The fund has paid for twelve pumps.", language("fr"))
    assert not is_complete_sentence("The fund for twelve pumps in the.", language("fr"))


def test_spanish_items_keep_the_spanish_wrapper_check() -> None:
    spanish = language("es")
    assert is_complete_sentence("Ana Ruiz señaló que la red llega a 40 escuelas.", spanish)
    assert not is_complete_sentence("Ana Ruiz señaló que redes comunitarias en la sierra.", spanish)
