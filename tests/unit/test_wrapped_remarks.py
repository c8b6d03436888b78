"""A remark typed under a point at its hanging indent, or a sentence wholly in brackets inside a line,
is no part of a point (issue 22, session 10).

- Reflow (`note_reflow.continuation_heads`): a line named `alone` opens a unit of its own, and the
  line after it carries on the point above it as if the remark were not there; an outline number
  written with no dot after it (`2.1 Name`, under `2. Panel`) opens a unit.
- The reader (`notes.read_notes`): a wrapped line that the unit-kind model, reading it alone, finds
  is a remark is read as noise of its own; the point neither carries its words into a bullet nor
  cites its line; a line the sentence above runs on into is never judged so. A sentence wholly in
  brackets after another in the same line is the writer's aside, as a line wholly in brackets is.

The notes are written for these tests (illustrative), not taken from any notes set.
"""

from __future__ import annotations

from assistant.drafting.evidence import line_evidence
from assistant.drafting.note_kinds import OnceEach
from assistant.drafting.note_reflow import continuation_heads, joined, outline_lines, runs_on
from assistant.drafting.notes import WRAPPED_REMARK, read_notes, wrapped_verdicts

NOTES = """Harbour data systems
Organised by UNCTAD
10 July 2025

Sina Leota (Samoa Ports Authority)
- Apia now clears ships with one electronic form instead of eleven paper ones
  I think she said eleven but need to check the recording
- the system cost USD 1.2 million, paid by a regional grant
  people still arriving, doors banging at the back
- IMO will publish a model single window for small ports in March 2026
  and train 120 port officials in the Pacific
"""


def test_a_line_standing_alone_opens_its_own_unit_and_the_point_goes_on_after_it() -> None:
    lines = ["- the ministry will connect 400 more clinics by",
             "  phone about to die, switching to laptop",
             "  the end of 2026, starting in the north"]
    assert continuation_heads(lines)[1] == 0  # the layout alone joins the remark to the point
    heads = continuation_heads(lines, frozenset({1}))
    assert heads == [-1, -1, 0]
    assert joined(lines, heads)[0] == \
        "- the ministry will connect 400 more clinics by the end of 2026, starting in the north"


def test_a_sentence_that_runs_on_needs_its_next_line() -> None:
    assert runs_on("- the ministry will connect 400 more clinics by", "the end of 2026")
    assert runs_on("- data feed national systems,", "today it sits in dashboards")
    assert runs_on("- a pilot trained 1,400 volunteers", "in 11 provinces")
    assert not runs_on("- Apia cut ship clearance after going paperless", "I think she said 6")


def test_an_outline_number_without_a_dot_opens_a_unit_but_a_figure_does_not() -> None:
    lines = ["2. Panel", "   2.1 Joseph Murray (WFD)", "       a. deaf viewers have no signed news",
             "   2.2 Ana Kovac (HRT)"]
    assert outline_lines(lines) == {1, 3}
    assert continuation_heads(lines)[1] == -1
    wrapped = ["- the platform now reaches", "  3.5 million users in the region"]
    assert outline_lines(wrapped) == set()
    assert continuation_heads(wrapped) == [-1, 0]


def test_a_remark_under_a_bullet_is_noise_of_its_own_and_never_cited() -> None:
    notes = read_notes(NOTES)
    for number in (7, 9):
        assert notes.line(number).kind == "noise"
        assert notes.line(number).reason == WRAPPED_REMARK
    assert "recording" not in notes.line(6).text and "doors" not in notes.line(8).text
    assert [e.line for e in line_evidence(notes, [6, 8])] == [6, 8]
    # the wrapped half of a point stays the point's, cited with it
    assert notes.line(11).kind == "continuation"
    assert [e.line for e in line_evidence(notes, [10])] == [10, 11]
    assert not any("doors" in s.text or "recording" in s.text for s in notes.sentences)


def test_without_the_model_the_layout_alone_decides() -> None:
    notes = read_notes(NOTES, kinds=False)
    assert notes.line(7).kind == "continuation" and notes.line(9).kind == "continuation"


def test_a_line_the_sentence_runs_on_into_is_not_judged() -> None:
    from assistant.drafting.notes import _default_embedder

    text = NOTES.replace("eleven paper ones", "eleven paper ones and").replace(
        "I think she said eleven but need to check the recording", "the paperwork fell by half")
    notes = read_notes(text)
    assert notes.line(7).kind == "continuation" and "paperwork" in notes.line(6).text
    assert notes.line(9).reason == WRAPPED_REMARK  # `people still arriving …` is still a remark
    # read with the layout alone, the lines that could be a remark are judged; `… paperless and` runs
    # on into line 7 and `and train 120 …` opens on a conjunction: neither is
    layout = read_notes(text, kinds=False)
    judged = dict(wrapped_verdicts(layout, OnceEach(_default_embedder())))
    assert set(judged) == {8}
    assert judged[8].noise is not None and judged[8].noise > 0.95


def test_a_sentence_wholly_in_brackets_inside_a_line_is_no_point() -> None:
    notes = read_notes("Session: Harbour data\nOrganised by: UNCTAD\n\n"
                       "Ana Obi (ITU): the fund reached 40 ports. (Same figure as in part 2, said twice.)\n"
                       "- 18 ports joined (see the list)\n", kinds=False)
    assert [s.text for s in notes.sentences] == ["the fund reached 40 ports.",
                                                 "18 ports joined (see the list)"]
