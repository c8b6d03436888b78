"""Two faults of the notes reader found in round 2 of session 10 (issue 22; notes written for these
tests, illustrative only): a video-call chat export's `hh:mm:ss From X to Everyone:` prefix credited
"From <surname>" once a clock time with seconds became one time, and an editor's aside ending on an
honorific and a name (`— NB : … the team of M. X`) was read as a heading naming that speaker, so the
points under it were credited to them and cited the aside. Real embedding model."""

from __future__ import annotations

from assistant.drafting.note_chat import call_chat_lines
from assistant.drafting.note_speakers import parse_speaker_heading, person_name
from assistant.drafting.notes import read_notes

HEAD = "Solar microgrids for rural clinics\nOrganised by ITU and WHO\n12 March 2025\n\n"


def test_a_call_chat_export_credits_the_author_not_from_and_a_surname() -> None:
    # on the branch base the speakers read "From Mensah" and "From Okoro"
    notes = read_notes(HEAD + "- Amara Diallo (ITU): 120 clinics in Mali now run on solar microgrids\n\n"
                       "Saved chat:\n"
                       "10:02:11 From Mensah, Kwame to Everyone: our cooperative maintains 35 solar kits\n"
                       "10:03:40 From Okoro, Ada to Everyone:\n"
                       "\tbatteries are replaced every four years under the national tender\n"
                       "10:04:05 From Okoro, Ada to Kwame Mensah (Direct Message): call me after lunch\n"
                       "10:05:00 From Pat Lee to Everyone (privately): battery low, leaving soon\n")
    first, second = notes.line(8), notes.line(10)
    assert first.kind == "content" and first.speaker is not None and first.speaker.name == "Kwame Mensah"
    assert first.text.startswith("our cooperative")
    assert second.kind == "content" and second.speaker is not None and second.speaker.name == "Ada Okoro"
    assert notes.line(9).kind == "blank"  # the prefix alone: its message is on the next line
    assert notes.line(11).kind == "noise" and notes.line(12).kind == "noise"  # messages to one person
    assert not any(s.speaker is not None and "From" in s.speaker.name for s in notes.sentences)
    assert {s.line for s in notes.sentences} >= {5, 8, 10}
    assert not any(s.line in (11, 12) for s in notes.sentences)


def test_a_call_chat_frame_needs_the_exports_prefix_on_two_lines() -> None:
    lines = ["10:02:11 From the floor to the panel: is the fund open to cooperatives?",
             "10:03 Ana Ruiz (UNESCO): yes, from next year"]
    assert call_chat_lines(lines) == [None, None]  # minutes, not an export
    export = ["10:02:11 From Lee, Pat to Everyone: hello", "10:02:30 From Ana to Everyone: hi"]
    assert call_chat_lines(export) == ["10:02 Pat Lee: hello", "10:02 Ana: hi"]


def test_an_editors_aside_ending_on_a_name_is_no_speaker_heading() -> None:
    # on the branch base the aside was read as a heading naming "M. Sow": the two points under it were
    # credited to him and cited the aside (leaks)
    aside = "— NB : récupérer le tableau complet auprès du bureau de M. Sow"
    assert person_name(aside) == ""
    assert parse_speaker_heading(aside) is None
    notes = read_notes("Atelier : L'énergie solaire dans les centres de santé\nDate : 12 mars 2025\n\n"
                       "— 120 centres de santé équipés au Mali (A. Traoré, UIT)\n"
                       f"{aside}\n"
                       "— la maintenance est assurée par des coopératives locales (B. Keita, OMS)\n"
                       "— le fonds national couvrira 40 % des coûts d'installation (B. Keita)\n")
    assert notes.line(5).kind != "content" or notes.line(5).speaker is None
    for number in (6, 7):
        line = notes.line(number)
        assert line.kind == "content"
        assert line.speaker is None or "Sow" not in line.speaker.name
    assert not any(s.line == 5 for s in notes.sentences)


def test_a_heading_lead_before_an_honorific_still_heads_the_line() -> None:
    assert person_name("Intervention de M. Jean Dupont") == "M. Jean Dupont"
    assert person_name("Intervención de la Sra. Lucía Pérez") == "Sra. Lucía Pérez"
