"""Notes typed as a Markdown table or forwarded by e-mail are read like plain notes, line for line."""

from __future__ import annotations

from assistant.drafting.engines.extractive import gerund
from assistant.drafting.note_email import email_lines
from assistant.drafting.note_tables import split_cells, table_lines
from assistant.drafting.notes import read_notes

TABLE = """| time | who | what |
|---|---|---|
| 11:05 | Amara Diallo (Giga) | 2,400 schools connected by satellite since 2023 |
| 11:31 | Q from the floor (Niger) | who pays once donor funding ends? |
| 11:38 | — | coffee break announced for 11:45 |
| 11:40 | Pedro Salgado | costs fell by a third \\| per school |"""


def test_table_rows_become_plain_lines_and_keep_their_numbers() -> None:
    rows = table_lines(TABLE.splitlines())
    assert rows[:2] == ["", ""]  # the header row and the rule
    assert rows[2] == "11:05 Amara Diallo (Giga): 2,400 schools connected by satellite since 2023"
    assert rows[3] == "11:31 Q (from the floor, Niger): who pays once donor funding ends?"
    assert rows[4] == "11:38 coffee break announced for 11:45"  # an empty speaker cell
    assert rows[5] == "11:40 Pedro Salgado: costs fell by a third | per school"  # `\\|` is text
    assert table_lines(["| a single row |", "plain text"]) == [None, None]  # not a table


def test_columns_are_found_by_their_cells_without_a_header_and_in_any_order() -> None:
    rows = table_lines([
        "| Lina Mwangi | a toll-free line for abuse reports was launched with two operators | 14:02 |",
        "| Tomas Kowalski | grooming reports are up 40% since 2022 across the region | 14:10 |",
    ])
    assert rows[0] == "14:02 Lina Mwangi: a toll-free line for abuse reports was launched with two operators"
    assert split_cells("no bars here") is None


def test_a_table_of_notes_is_drafted_with_speakers_and_without_its_logistics() -> None:
    notes = read_notes("Title: Satellite backhaul for rural schools\n\n" + TABLE)
    by_number = {line.number: line for line in notes.lines}
    assert by_number[5].kind == "content" and by_number[5].speaker is not None
    assert by_number[5].speaker.name == "Amara Diallo" and by_number[5].timestamp == "11:05"
    assert by_number[6].role == "question"
    assert by_number[7].kind == "noise"  # the coffee break
    assert by_number[5].raw.startswith("| 11:05 |")  # evidence shows the row as pasted


EMAIL = """From: Claire Dubois <c.dubois@example.org>
Sent: Wednesday, 9 July 2025 17:02
To: WSIS rapporteurs
Subject: FW: notes -- Open-source AI for public administrations (9 July, 15:00)

Hi all, my notes from this afternoon. Session page: https://example.org/session/oss-ai
Organised by the Digital Public Goods Alliance.

> Opening -- Kadri Tamm (Estonia, Ministry of Economic Affairs)
>   * Estonia runs 14 AI tools in its public services
> Recommendations heard
>   - publish public-sector models under open licences (Tamm)

Claire
--
Claire Dubois | Policy Officer
sent from my phone"""


def test_an_email_frame_becomes_header_lines_and_its_quoting_goes() -> None:
    rows = email_lines(EMAIL.splitlines())
    assert rows[0] == rows[2] == ""  # From, To
    assert rows[3] == "Title: Open-source AI for public administrations"
    assert rows[1] == "Date: 9 July 2025, 15:00"  # the subject's date, the year from Sent
    assert rows[5] == "URL: https://example.org/session/oss-ai"  # from the greeting
    assert rows[6] is None  # the organisers line is read as it is
    assert rows[9] == "  * Estonia runs 14 AI tools in its public services"
    assert rows[-4:] == ["", "", "", ""]  # the name above the `--` rule, the rule and the signature


def test_an_emailed_note_is_read_with_its_header_speakers_and_labels() -> None:
    notes = read_notes(EMAIL)
    assert notes.header["title"] == "Open-source AI for public administrations"
    assert notes.header["url"] == "https://example.org/session/oss-ai"
    assert "9 July 2025" in notes.header["date"]
    content = [line for line in notes.lines if line.kind == "content" and line.text]
    assert all("@" not in line.text and "phone" not in line.text for line in content)
    tools = next(line for line in content if "14 AI tools" in line.text)
    assert tools.speaker is not None and tools.speaker.name == "Kadri Tamm"  # `Opening -- Name (Org)`
    publish = next(line for line in content if "open licences" in line.text)
    assert publish.speaker is not None and publish.speaker.name == "Kadri Tamm"  # `… (Tamm)` at the end
    assert publish.label == "recommend" and not publish.text.endswith("(Tamm)")


def test_an_ordinary_note_is_not_taken_for_an_email_or_a_table() -> None:
    lines = ["Session: Digital skills", "From the floor: a question on costs", "- a | b"]
    assert email_lines(lines) == [None, None, None] and table_lines(lines) == [None, None, None]


def test_gerunds_of_recommendation_verbs() -> None:
    assert [gerund(v) for v in ("share", "publish", "set", "tie", "see", "fund", "Map")] == [
        "sharing", "publishing", "setting", "tying", "seeing", "funding", "mapping"]
