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


TRANSCRIPT = """Digital IDs for refugees - transcript (auto-generated, lightly cleaned)
Organised by UNHCR

Moderator  0:00
Good afternoon everyone, can you hear me at the back? Okay. Let's start.

Nadia Haddad (UNHCR)  0:45
Thank you. So, um, today 1.2 million refugees hold a digital credential. That's up from 300,000 in 2022.

Audience member (Uganda)  5:30
How do you handle people who have no documents at all?

Marco Bellini (ID4D)\t7:10
Just that donors should fund the devices. And I'd love to see a session next year on stateless people."""


def test_transcript_turns_become_lines_of_their_speaker() -> None:
    from assistant.drafting.note_transcript import transcript_lines

    rows = transcript_lines(TRANSCRIPT.splitlines())
    assert rows[0] is None and rows[3] == "" and rows[6] == ""  # the title stays; headings go
    assert rows[7].startswith("0:45 Nadia Haddad (UNHCR): Thank you.")
    assert rows[10] == "5:30 Q (Uganda): How do you handle people who have no documents at all?"
    assert rows[13].startswith("7:10 Marco Bellini (ID4D): Just that")  # a tab before the time
    assert transcript_lines(["Nadia Haddad  0:45", "one turn is not a transcript"]) == [None, None]


def test_a_transcript_is_drafted_with_its_title_speakers_and_without_the_moderators_turns() -> None:
    from assistant.drafting.engines.extractive import bullet_from_sentence

    notes = read_notes(TRANSCRIPT)
    assert notes.header["title"] == "Digital IDs for refugees"  # `- transcript (…)` is not the title
    lines = {line.number: line for line in notes.lines}
    assert lines[5].kind == "noise" and "moderator" in lines[5].reason
    assert lines[8].speaker is not None and lines[8].speaker.name == "Nadia Haddad"  # after `Thank you.`
    assert not any("Thank you" in s.text for s in notes.sentences if s.line == 8)  # courtesy dropped
    assert "Nadia Haddad" in lines[8].as_read and lines[8].raw.startswith("Thank you.")  # shown as pasted
    assert lines[11].role == "question"
    marco = [s for s in notes.sentences if s.line == 14]
    assert len(marco) == 2  # the first person is the speaker's: nothing dropped as an aside
    texts = [bullet_from_sentence(s, True)[0] for s in marco]
    assert texts[0] == "Marco Bellini (ID4D) recommended that donors should fund the devices."
    assert texts[1] == "Marco Bellini (ID4D) would like to see a session next year on stateless people."
    joined = [s.text for s in notes.sentences if s.line == 8]
    assert len(joined) == 1 and "300,000" in joined[0]  # `That's up from …` stays with its figure


MINUTES = """SUMMARY RECORD (draft) - not for circulation
Session 214: Broadband mapping for universal service

1. Mr Samuel Okafor (Nigerian Communications Commission) stated that speed tests revealed 4,000 gaps.
2. He proposed that regulators publish coverage maps every six months."""


def test_minutes_give_their_title_and_credit_he_to_the_speaker_before() -> None:
    notes = read_notes(MINUTES)
    assert notes.header["title"] == "Broadband mapping for universal service"
    assert notes.lines[0].kind == "header"  # the document's label is no bullet
    proposal = notes.lines[4]
    assert proposal.speaker is not None and proposal.speaker.name.endswith("Samuel Okafor")


def test_a_semicolon_joins_one_point_but_a_reply_after_it_is_the_replier_s() -> None:
    notes = read_notes(
        "Title: Broadband mapping\n\n"
        "- Ms Li Wen (Broadband Commission) presented the new maps\n"
        "- maps are open; the toolkit is free; 41 countries use it\n"
        "- a representative of Fiji asked about costs; Ms Li Wen replied that the toolkit is free.\n"
    )
    texts = {s.line: [] for s in notes.sentences}
    for sentence in notes.sentences:
        texts[sentence.line].append((sentence.text, sentence.speaker.name if sentence.speaker else None))
    assert texts[4] == [("maps are open; the toolkit is free; 41 countries use it", None)]  # `;` kept
    assert texts[5][0][0] == "a representative of Fiji asked about costs"
    assert texts[5][1] == ("replied that the toolkit is free.", "Ms Li Wen")


def test_a_reporting_verb_in_the_present_is_put_in_the_past_but_not_an_opinion() -> None:
    from assistant.drafting.engines.extractive import in_past_tense

    assert in_past_tense("proposes a Forum 2026 session") == "proposed a Forum 2026 session"
    assert in_past_tense("also says costs fell") == "also said costs fell"
    assert in_past_tense("thinks the gap will close") == "thinks the gap will close"
    assert in_past_tense("wants ASEAN countries to share frameworks").startswith("wants")
