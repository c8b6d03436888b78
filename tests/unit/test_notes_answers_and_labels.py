"""Speaker credit and bullet wording shapes (issue 22, session 13, round two): an answer typed under
its floor question is the answerer's, not the block speaker's; a `<verb> by <-ing>` phrase keeps its
verb; a table row whose speaker cell is a label (`Questions`) is no one's."""

from __future__ import annotations

from assistant.drafting.engines.extractive import bullet_from_sentence
from assistant.drafting.note_answers import answer_lines
from assistant.drafting.note_tables import column_label_rows, column_rows, table_label_rows, table_lines
from assistant.drafting.notes import read_notes

FLOOR = """Harbour data spaces
Organisers: IMO; UNCTAD

Oskar Lindahl (Port of Gothenburg): berth booking data is shared with 40 shipping lines.
Mireille Ndiaye (UNCTAD): customs windows cut clearance to one day in Dakar.

Q: who owns the vessel position data? -- Ndiaye:
the port authority keeps it and licenses it to the lines.
Q (Fiji delegate): how long did the rollout take?
Lindahl - about eighteen months from tender to launch.
"""


def _speaker_of(notes_text: str, words: str) -> str | None:
    notes = read_notes(notes_text, kinds=False)
    found = [s for s in notes.sentences if words in s.text]
    assert found, words
    return found[0].speaker.name if found[0].speaker is not None else None


def test_an_answerer_named_after_the_question_is_credited_with_the_line_below() -> None:
    lines = FLOOR.splitlines()
    out = answer_lines(lines)
    assert out[6] == "Q: who owns the vessel position data?"
    assert out[7] == "A (Ndiaye): the port authority keeps it and licenses it to the lines."
    assert out[4] is None and out[5] is None  # the speakers' own turns are left alone
    assert _speaker_of(FLOOR, "licenses it") == "Mireille Ndiaye"  # not Oskar Lindahl's block


def test_a_name_and_a_dash_under_a_question_is_the_answer_of_that_person() -> None:
    out = answer_lines(FLOOR.splitlines())
    assert out[9] == "A (Lindahl): about eighteen months from tender to launch."
    assert _speaker_of(FLOOR, "eighteen months") == "Oskar Lindahl"


def test_a_capitalised_word_under_a_question_that_names_no_one_stays_as_typed() -> None:
    lines = ["Q: what did the pilot cost?", "Total - 3 million for the first year."]
    assert answer_lines(lines) == [None, None]  # `Total` is nowhere a person's name
    lines = ["Q: who answers? -- Ndiaye:", "Q: and the second question?"]
    assert answer_lines(lines) == [None, None]  # no answer under it: another question


def test_a_verb_with_a_by_phrase_keeps_its_verb_in_the_bullet() -> None:
    notes = read_notes("Harbour data spaces\n\nOskar Lindahl (Port of Gothenburg) opened by recalling "
                       "that 80 percent of trade goes by sea.\nMireille Ndiaye (UNCTAD) began by "
                       "noting that paper manifests still dominate.\n", kinds=False)
    bullets = [bullet_from_sentence(s, True)[0] for s in notes.sentences]
    assert "Oskar Lindahl (Port of Gothenburg) opened by recalling that 80 percent of trade goes by sea." \
        in bullets
    assert "Mireille Ndiaye (UNCTAD) began by noting that paper manifests still dominate." in bullets
    assert not any(" that by " in b or " that began " in b for b in bullets)


def test_an_intro_verb_alone_is_still_dropped() -> None:
    notes = read_notes("Harbour data spaces\n\nOskar Lindahl (Port of Gothenburg) opened: berth data "
                       "is shared with 40 lines.\n", kinds=False)
    assert any(s.text.startswith("berth data") for s in notes.sentences)


TABLE = """Harbour data spaces

| Speaker | Point |
|---|---|
| Oskar Lindahl (Port of Gothenburg) | Berth booking data is shared with 40 shipping lines. |
| Questions | A delegate asked about cyber attacks on cranes. |
| Lindahl | Cranes run on a separate network. |
"""


def test_a_label_in_a_speaker_table_is_no_speaker() -> None:
    lines = TABLE.splitlines()
    assert table_label_rows(lines) == frozenset({5})
    assert table_lines(lines)[5] == "A delegate asked about cyber attacks on cranes."
    assert table_lines(lines)[6] == "Lindahl: Cranes run on a separate network."  # a surname is a person
    assert _speaker_of(TABLE, "cyber attacks") is None  # not the row above's speaker
    assert _speaker_of(TABLE, "separate network") == "Oskar Lindahl"


COLUMNS = """Speaker                         What they said
------------------------------  ----------------------------------------------
Oskar Lindahl (Port of          Berth booking data is shared with 40 shipping
Gothenburg)                     lines through one window.
Questions                       Floor asked about cranes. Lindahl: they run on a
                                separate network.
"""


def test_a_label_row_of_a_fixed_width_table_is_no_speaker() -> None:
    lines = COLUMNS.splitlines()
    assert column_label_rows(lines) == frozenset({4})
    assert column_rows(lines)[0][4] == "Floor asked about cranes. Lindahl: they run on a"
    assert column_rows(lines)[0][2] is not None and column_rows(lines)[0][2].startswith("Oskar Lindahl")
