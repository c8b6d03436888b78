"""Two unit boundaries the reflow lost (issue 22, session 10, round 2).

- An outline's lettered or roman marks (`a.`, `b)`, `(iii)`, `ii.`) are bullets when the notes mark
  a sibling the same way (`note_reflow.letter_marks`): each point is a unit of its own, not joined to
  the speaker's line above it nor read with its mark as a heading or logistics; an initial (`A. Smith`)
  or a lone `a. m.` at a line's start has no sibling and stays as typed.
- Points quoted with `>` in an e-mail keep the boundary of their quoted line
  (`note_email.quoted_openings`): a quoted line opening on a capital under a quoted point is a point of
  its own, even when the point above has no full stop; a quoted line wrapped mid-sentence still joins.

The notes are written for these tests (illustrative), not taken from any notes set.
"""

from __future__ import annotations

from assistant.drafting.note_email import quoted_openings
from assistant.drafting.note_reflow import continuation_heads, letter_marks
from assistant.drafting.notes import framed_lines, read_notes

OUTLINE = """Community radio and disaster alerts
Organisers: UNESCO; AMARC
Date: 8 July 2025

1) Talia Ruru (Pacific Media Network)
   a) 140 community stations now relay cyclone warnings in six languages
   b) stations need backup power, most went silent in the last storm
   c) the regional fund will buy solar kits for 60 stations next year
2) Omar Haddad (AMARC)
   (i) half of the stations in the network run on volunteers
   (ii) AMARC asked regulators to waive licence fees for emergency broadcasters
   (iii) AMARC will train 200 volunteers in alert protocols by June 2026
"""

EMAIL = """From: Tomas Berg <t.berg@example.org>
Sent: Thursday, 10 July 2025 17:40
To: WSIS secretariat
Subject: FW: notes -- Offline learning for island schools (10 July, 11:00)

Hi all, my notes below.

> Mele Tupou (USP)
> The university ships offline course kits to 85 island schools. Each kit fits on one
> solar-charged server.
> Teachers asked for lessons in local languages and for printed guides for their parents
> The next batch of kits adds Tongan and Samoan lessons in 2026.
> Kiribati joined the programme this year, with 12 schools. Tuvalu will follow
> in 2026 once its satellite link is upgraded.

--
Tomas
"""


def _content(notes_text: str) -> dict[int, str]:
    """The content lines of the notes as read, by line number: each unit's text on its first line."""
    notes = read_notes(notes_text, kinds=False)
    return {line.number: line.text for line in notes.lines if line.kind == "content" and line.text}


def test_lettered_and_roman_marks_with_siblings_become_bullets_of_the_same_width() -> None:
    lines = ["1) Name (Org)", "   a) first point", "   b) second point", "   (i) one", "   (ii) two",
             "   ii. second", "   i. first"]
    out = letter_marks(lines)
    assert out[1] == "   -  first point" and out[2] == "   -  second point"
    assert out[3] == "   -   one" and out[4] == "   -    two"
    assert out[5] is not None and out[6] is not None
    assert out[0] is None


def test_a_mark_without_a_sibling_is_no_mark() -> None:
    # an initial, a lone `a. m.`, and two letters that do not follow each other, or at other indents
    assert letter_marks(["A. Smith (ITU): costs fell", "B. Jones (UN): more to do"]) == [None, None]
    assert letter_marks(["a. m. start, ten minutes late", "- point"]) == [None, None]
    assert letter_marks(["  a. one", "  c. three"]) == [None, None]
    assert letter_marks(["  a. one", "    b. two"]) == [None, None]
    assert letter_marks(["  a. one", "  b) two"]) == [None, None]


def test_lettered_points_are_units_of_their_own_under_the_speaker() -> None:
    content = _content(OUTLINE)
    # each lettered or roman point is read alone, without its mark, credited to the speaker above
    assert content[6].startswith("140 community stations")
    assert content[7].startswith("stations need backup power")
    assert content[8].startswith("the regional fund will buy solar kits")
    assert content[10].startswith("half of the stations")
    assert content[12].startswith("AMARC will train 200 volunteers")
    notes = read_notes(OUTLINE, kinds=False)
    assert notes.lines[6].kind == "content" and notes.lines[6].speaker is not None
    assert "Talia Ruru" in notes.lines[6].speaker.name
    assert notes.lines[11].speaker is not None and "Omar Haddad" in notes.lines[11].speaker.name


def test_quoted_points_keep_their_boundaries_and_a_wrapped_quoted_sentence_still_joins() -> None:
    pasted = EMAIL.split("\n")
    opens = quoted_openings(pasted)
    assert {8, 10, 11, 12} <= opens  # capitals under a quoted line
    assert 9 not in opens and 13 not in opens and 7 not in opens  # lower case; the first quoted line
    heads = continuation_heads(framed_lines(pasted), frozenset(), opens)
    assert heads[9] == 8 and heads[13] == 12  # the mail client's wraps (`solar-charged`, `in 2026`)
    assert heads[10] == -1 and heads[11] == -1 and heads[12] == -1
    content = _content(EMAIL)
    assert content[11] == \
        "Teachers asked for lessons in local languages and for printed guides for their parents"
    assert content[12] == "The next batch of kits adds Tongan and Samoan lessons in 2026."
    assert content[9].endswith("solar-charged server.")


def test_a_quoted_capital_after_a_sentence_that_runs_on_still_joins() -> None:
    pasted = ["Island schools", "", "> The kits were built by engineers from",
              "> Fiji and Samoa over two years.", "> Costs were shared with the ministry,",
              "> UNICEF and two operators."]
    opens = quoted_openings(pasted)
    assert opens == frozenset({3, 4, 5})
    heads = continuation_heads(framed_lines(pasted), frozenset(), opens)
    assert heads == [-1, -1, -1, 2, -1, 4]


def test_a_quoted_bullet_opens_a_unit_even_after_a_comma() -> None:
    pasted = ["Island schools", "", "> Kits went to Fiji, Samoa,", "> - Tonga asked for more kits"]
    opens = quoted_openings(pasted)
    assert opens == frozenset({3})
    assert continuation_heads(framed_lines(pasted), frozenset(), opens) == [-1, -1, -1, -1]
