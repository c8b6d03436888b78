"""The one evidence maker (assistant/drafting/evidence.py): every drafter cites note lines the same way.

The notes are written for these tests (illustrative), not taken from any notes set.
"""

from __future__ import annotations

from assistant.domain.document import Evidence, Item
from assistant.drafting.evidence import line_evidence, merged_evidence, sentence_evidence
from assistant.drafting.notes import Notes, read_notes

NOTES = """Session: Cable repair pools for island states
Organised by: PITA
Amal Haddad (Ministry of Transport) spoke first.
- the regional depot cut repair times
  from 40 days to 12 days in 2024
| time | speaker | what was said |
|---|---|---|
| 10:05 | Ben Cole (ITU) | the fund now holds USD 3m |
"""


def _notes() -> Notes:
    return read_notes(NOTES, kinds=False)


def test_a_wrapped_bullet_cites_its_continuation_line_as_pasted() -> None:
    notes = _notes()
    evidence = line_evidence(notes, [4])
    assert [e.line for e in evidence] == [4, 5]
    assert "12 days" in evidence[0].text  # the unit as read carries its wrapped words
    assert evidence[1].text == "from 40 days to 12 days in 2024"


def test_a_table_row_is_cited_as_read_with_its_speaker() -> None:
    evidence = line_evidence(_notes(), [8])
    assert evidence == [Evidence(line=8, text="10:05 Ben Cole (ITU): the fund now holds USD 3m")]


def test_lines_come_in_note_order_and_each_once() -> None:
    evidence = line_evidence(_notes(), [5, 4, 3, 4])
    assert [e.line for e in evidence] == [3, 4, 5]


def test_a_bullet_that_names_its_speaker_cites_the_line_that_introduced_them() -> None:
    notes = _notes()
    sentence = next(s for s in notes.sentences if s.line == 4)
    assert sentence.speaker is not None and sentence.speaker.line == 3
    assert [e.line for e in sentence_evidence(notes, sentence, named=True)] == [3, 4, 5]
    assert [e.line for e in sentence_evidence(notes, sentence, named=False)] == [4, 5]
    assert [e.line for e in sentence_evidence(notes, sentence, named=False, also=[8])] == [4, 5, 8]


def test_a_paragraph_merges_its_items_evidence_by_line() -> None:
    notes = _notes()
    first = Item(text="a", evidence=line_evidence(notes, [8]))
    second = Item(text="b", evidence=line_evidence(notes, [4, 8]))
    assert [e.line for e in merged_evidence(i.evidence for i in [first, second])] == [4, 5, 8]
