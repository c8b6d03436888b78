"""Issue 22 (speaker blocks): a title before a name makes a speaker heading (`Minister of ICT
Ana Ruiz`), a clause that ends on a name does not (a bullet whose last words are a storm's or a
place's name would take the next points from their speaker). Lines written for these tests."""

from __future__ import annotations

from assistant.drafting.note_speakers import parse_speaker_heading
from assistant.drafting.notes import read_notes


def test_a_title_before_a_name_is_a_speaker_heading() -> None:
    found = parse_speaker_heading("Minister of ICT Ana Ruiz")
    assert found is not None and found.name == "Ana Ruiz"


def test_a_point_that_ends_on_a_name_keeps_its_words_and_its_speaker() -> None:
    notes = read_notes("Storm season briefing\nOrganised by WMO, 4 July 2025\n\nLea Moser (WMO)\n"
                       "- 12 radar stations were rebuilt within a month of Cyclone Amara\n"
                       "- spare parts now sit in two regional depots\n", kinds=False)
    line = notes.line(5)
    assert "radar stations" in line.text
    assert line.speaker is not None and line.speaker.name == "Lea Moser"
    assert notes.line(6).speaker is line.speaker
