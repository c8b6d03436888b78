"""Spanish and French lines about the room and the clock (a late start, a full room, a recess, a
speaker over time, the interpretation channel, lunch, slides sent later) and a doubt noted for later
are not session content; a content line that shares a word with them still is. Lines written for
these tests (illustrative)."""

from __future__ import annotations

import pytest

from assistant.drafting.note_shapes import is_aside, is_logistics


@pytest.mark.parametrize("line", [
    "arranca con 15 minutos de retraso, la sala está llena",
    "receso breve, cambian los micrófonos",
    "la ponente se pasó de tiempo",
    "traducción al inglés por el canal 3",
    "pausa para el almuerzo hasta las 14:00",
    "la séance commence avec 10 min de retard, salle comble",
    "déjeuner offert dans le hall",
    "les supports seront envoyés aux participants",
])
def test_room_and_clock_lines_are_logistics(line: str) -> None:
    assert is_logistics(line)


@pytest.mark.parametrize("line", ["duda: ¿eran 30 o 40 municipios?", "doute : 2023 ou 2024 ?",
                                  "à revoir avec l'équipe du programme"])
def test_a_doubt_noted_for_later_is_an_aside(line: str) -> None:
    assert is_aside(line)


@pytest.mark.parametrize("line", [
    "dudas sobre la financiación de las redes comunitarias en zonas de montaña",
    "el retraso en el despliegue de la fibra afecta a 200 municipios rurales del norte",
    "le programme de cantines scolaires a servi 3 millions de déjeuners en 2024",
])
def test_content_sharing_a_word_stays_content(line: str) -> None:
    assert not is_logistics(line)
    assert not is_aside(line)
