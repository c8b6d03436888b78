"""The rapporteur's own notes in Spanish and French notes (issue 27): the labels that open them
(`aside_labels` of the language files: "N. del R.", "NDLR", "nota del relator", "pour le rapport :")
and the phrases of a point not heard are asides, as English "rapporteur note" and "my note" are; a
line of session content that shares a word with them is not. The lines are written for these tests."""

from __future__ import annotations

import pytest

from assistant.drafting.note_shapes import is_aside
from assistant.drafting.notes import read_notes


@pytest.mark.parametrize("line", [
    "N. del R.: preguntar a la UIT el nombre exacto del programa",
    "Nota de la relatora: el segundo ponente llegó con retraso",
    "Para el informe: la cifra de escuelas es 300 o 350, a comprobar",
    "Revisar si el fondo es de 2 o de 3 millones",
    "el ministro citó un estudio de 2023, no lo oí bien",
    "NDLR : demander la présentation à l'équipe de la FAO",
    "NDR: le deuxième intervenant est arrivé en retard",
    "Note du rapporteur : chiffre à reprendre sur l’enregistrement",
    "Pour le rapport : 40 ou 45 communes, pas bien entendu",
])
def test_a_label_of_the_rapporteurs_own_note_is_an_aside(line: str) -> None:
    assert is_aside(line)


@pytest.mark.parametrize("line", [
    "El informe de la UIT para el acta final recoge 300 escuelas conectadas",
    "la agencia va a revisar la ley de datos abiertos en 2026",
    "Le rapport annuel de l'agence couvre 40 communes",
    "les communes ont noté une baisse des coûts de 20 %",
])
def test_content_sharing_a_word_with_those_labels_is_no_aside(line: str) -> None:
    assert not is_aside(line)


def test_a_labelled_note_to_self_is_no_point_of_a_spanish_draft() -> None:
    notes = read_notes(
        "Escuelas conectadas en los Andes\n"
        "martes 8 de julio de 2025\n\n"
        "Marta Ríos (Agencia Digital)\n"
        "- la red ya llega a 300 escuelas rurales\n"
        "Para el informe: revisar si son 300 o 350 escuelas\n"
        "- pidió más fondos para el mantenimiento\n")
    kinds = {line.number: line.kind for line in notes.lines}
    assert kinds[5] == kinds[7] == "content"
    assert kinds[6] != "content"
    assert 6 not in {s.line for s in notes.sentences}
