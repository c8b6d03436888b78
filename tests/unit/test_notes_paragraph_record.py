"""Two reader losses the fact-loss breakdown found on unseen layouts (issue 22, session 15:
`evals/fact-losses/diagnose.py`).

- A line wholly in brackets (`[photo: … to do]`) is a remark of its own: it heads no block, so the
  numbered posts under it are still read as content (it swallowed a whole thread as the
  rapporteur's asides when its words matched an aside heading).
- A record that writes one paragraph per speaker on one line (`… chaired by Dr. X (Org). She said
  …`) credits the pronoun's sentence to the one person the line named by a title.

Wordings invented for the tests, not taken from any notes set. Real embedding model.
"""

from __future__ import annotations

from assistant.drafting.notes import read_notes

THREAD = """Posts for the channel -- open data week, 3 March 2026
host: Example Statistics Office

1/ We are live from the open data panel, four speakers today. (80/280)

[photo: panel on stage -- caption still to do]

2/ Ana Perez (Example Statistics Office): 42 ministries publish budgets as open data. (99/280)

3/ Perez: the next target is municipal spending, with a public portal planned for next year. (110/280)

4/ Closing: the office will release a data quality handbook for ministries in June. (100/280)
"""

RECORD = (
    "Summary record -- regional meeting on postal addressing, 12 May 2026\n\n"
    "1. The meeting was chaired by Dr. Lena Okoro (Example Postal Union). She recalled that 31 member "
    "states have adopted digital addresses since 2019 and asked for a common standard.\n\n"
    "2. The panel then heard Mr. Tom Vale (Example Mapping Agency) and Ms. Rita Sun (Example Telecom). "
    "She said rural addresses remain the largest gap.\n"
)


def test_a_wholly_bracketed_line_heads_no_block_of_asides() -> None:
    notes = read_notes(THREAD)
    assert notes.line(6).kind == "noise"  # the photo placeholder itself stays a remark
    for number in (8, 10, 12):
        assert notes.line(number).kind == "content", notes.line(number)
    assert any("42 ministries" in s.text for s in notes.sentences)


def test_a_pronoun_sentence_is_credited_to_the_person_the_line_names_by_title() -> None:
    notes = read_notes(RECORD)
    recalled = next(s for s in notes.sentences if "31 member states" in s.text)
    assert recalled.speaker is not None
    assert recalled.speaker.name == "Lena Okoro"
    assert recalled.speaker.org == "Example Postal Union"


def test_a_pronoun_after_two_titled_people_is_credited_to_no_one() -> None:
    notes = read_notes(RECORD)
    said = next(s for s in notes.sentences if "rural addresses" in s.text)
    assert said.speaker is None


# scanned notes: lines cut where the page ended (about 40 columns), a bullet's text carried on flush
# under its mark, in any case; a short line after a short bullet line is a point of its own
SCANNED = [
    "- the regional registry of fishing boats",
    "2024-2026 -> goes to the ministers in",
    "October for adoption. Three pillars:",
    "- short point: ports share catch data",
    "Ana Vale (port authority, Example Bay)",
    "- satellite trackers (EXAMPLE-SAT): cheap",
    "SMS alerts to skippers in four harbours",
    "when storms come; some of them say so",
]


def test_scanned_notes_carry_a_bullet_on_flush_under_its_mark_when_the_page_cut_it() -> None:
    from assistant.drafting.note_reflow import continuation_heads

    heads = continuation_heads(SCANNED)
    assert heads[1] == 0 and heads[2] == 0  # a figure and a capital opening carry the cut bullet on
    assert heads[4] == -1  # after a short bullet line, a name line opens a unit of its own
    assert heads[6] == 5 and heads[7] == 5
