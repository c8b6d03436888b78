"""A floor question and its answer typed on one line: the answer is the named speaker's, not the asker's."""

from __future__ import annotations

from support.fake_embedder import HashingEmbedder

from assistant.config import load_settings
from assistant.drafting.notes import read_notes

NOTES = """Solar mini-grids for clinics
organised by SEforALL, 8 July 2025

Moderator: Jonas Lind (SEforALL)
Priya Nair (Health Ministry, Kerala): 140 clinics run on mini-grids since 2022
Q (Malawi): who pays for batteries after year five? Priya: the state budget, through a maintenance line
Jonas: next step is a shared spare-parts pool
"""


def test_an_answer_after_a_question_on_the_same_line_is_the_named_speakers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    notes = read_notes(NOTES, embedder=HashingEmbedder(load_settings(home=tmp_path).model_path()))
    on_line = [s for s in notes.sentences if s.line == 6]
    assert [s.role for s in on_line] == ["question", "answer"]
    question, answer = on_line
    assert question.asker and "Malawi" in question.asker
    assert answer.speaker is not None and answer.speaker.name.startswith("Priya")
    assert answer.text.startswith("the state budget")
