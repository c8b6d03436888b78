"""Notes in layouts the reader was not written on (issue 22): a live log, a Word outline export,
hard-wrapped text with speaker codes, minutes with a key of initials. Every sample here was written
for these tests; none is taken from an evaluation set."""

from __future__ import annotations

import pytest

from assistant.drafting.engines.extractive import bullet_from_sentence
from assistant.drafting.notes import read_notes


def _by_number(text: str) -> dict[int, object]:
    notes = read_notes(text, kinds=False)
    return {line.number: line for line in notes.lines}


def test_a_title_in_guillemets_with_organisers_in_brackets_after_it() -> None:
    notes = read_notes(
        "Title: «Solar kiosks for village clinics» (organised by UNDP and the Red Cross)\n"
        "When: 3 July 2025, 10:00–11:00, Room 4\n\n"
        "1.\tPanel\n1.1.\tKiosks now power 40 clinics in two districts.\n",
        kinds=False,
    )
    assert notes.header["title"] == "Solar kiosks for village clinics"
    assert notes.header["organisers"] == "UNDP and the Red Cross"
    assert notes.header["date"] == "3 July 2025"


def test_a_label_inside_the_organisers_bracket_is_not_an_organiser() -> None:
    notes = read_notes(
        "    ===  OFFLINE MAPS FOR FIRST RESPONDERS  ===\n"
        "    (org.: Red Crescent Society / OCHA)\n"
        "    4 July 2025 * 09:00-10:00 * Room B\n\n"
        "- the maps cover 300 villages and work without a signal\n",
        kinds=False,
    )
    assert notes.header["organisers"] == "Red Crescent Society / OCHA"


def test_outline_numbers_of_a_word_export_are_markers_and_a_numbered_name_heads_a_block() -> None:
    lines = _by_number(
        "Title: Drones for crop surveys\n\n"
        "2.\tPresentations\n"
        "2.1.\tDr Lina Haddad, Jordan Agri Lab\n"
        "2.1.1.\tSurveys of 900 farms took two weeks instead of four months.\n"
        "2.1.2.\tShe urged ministries to share the imagery openly.\n"
    )
    point = lines[5]
    assert point.kind == "content"  # type: ignore[attr-defined]
    assert point.text.startswith("Surveys of 900 farms")  # type: ignore[attr-defined]
    assert point.speaker is not None and point.speaker.name == "Dr Lina Haddad"  # type: ignore[attr-defined]
    assert point.speaker.org == "Jordan Agri Lab"  # type: ignore[attr-defined]


def test_a_live_log_carries_a_heading_speaker_over_the_timestamped_lines_under_it() -> None:
    lines = _by_number(
        "Session: Open weather data for fishers\n\n"
        "10:02 Next: Tomasz Nowak\n"
        "10:02 Tomasz Nowak, Ministry of Maritime Affairs, Poland:\n"
        "10:03 the ministry now sends storm alerts to 5,000 boats by radio\n"
        "10:05 alerts reach the boats 40 minutes sooner than last year\n"
        "10:07 Q from the floor (Chile): who pays for the radios?\n"
    )
    intro = lines[3]
    assert intro.speaker is not None and intro.speaker.name == "Tomasz Nowak"  # type: ignore[attr-defined]
    assert intro.text == ""  # type: ignore[attr-defined]  # `Next:` is no speaker, the line no point
    for number in (5, 6):
        speaker = lines[number].speaker  # type: ignore[attr-defined]
        assert speaker is not None and speaker.name == "Tomasz Nowak"
        assert speaker.org == "Ministry of Maritime Affairs, Poland"
    question = lines[7]
    assert question.role == "question" and question.speaker is None  # type: ignore[attr-defined]


def test_an_inline_timestamped_speaker_does_not_hold_the_next_timestamped_line() -> None:
    lines = _by_number(
        "Session: Open weather data for fishers\n\n"
        "10:02 Ana Lima (INMET): forecasts are now free for small boats\n"
        "10:04 the coast guard logged 12 rescues last season\n"
    )
    assert lines[4].speaker is None  # type: ignore[attr-defined]


def test_speaker_codes_defined_with_colons_are_used_without_them() -> None:
    lines = _by_number(
        "FIBRE FOR ISLAND SCHOOLS\n"
        "12 July 2025\n\n"
        "codes below -- TO: Sione Taufa, Tonga Communications;\n"
        "  CHR: Dr Mere Tuilagi, Pacific Islands Forum, chairing\n\n"
        "CHR Dr Mere Tuilagi (Pacific Islands Forum) opened the session and\n"
        "  asked how 48 island schools could share one cable.\n"
        "TO  the cable reached 30 schools in 2024, the rest follow\n"
        "    by the end of 2026.\n"
    )
    assert lines[4].kind == "heading" and lines[5].kind == "heading"  # type: ignore[attr-defined]
    chair = lines[7]
    assert chair.speaker is not None and chair.speaker.name == "Dr Mere Tuilagi"  # type: ignore[attr-defined]
    assert chair.speaker.org == "Pacific Islands Forum"  # type: ignore[attr-defined]
    assert chair.text.startswith("opened the session and asked")  # type: ignore[attr-defined]
    tonga = lines[9]
    assert tonga.speaker is not None and tonga.speaker.name == "Sione Taufa"  # type: ignore[attr-defined]
    assert tonga.text.startswith("the cable reached 30 schools")  # type: ignore[attr-defined]


def test_a_role_line_in_the_past_is_credited_not_wrapped() -> None:
    notes = read_notes(
        "Session: Fibre for island schools\n\n"
        "codes below -- CHR: Dr Mere Tuilagi, Pacific Islands Forum;\n\n"
        "CHR Dr Mere Tuilagi (Pacific Islands Forum) chaired the session and\n"
        "  asked how 48 island schools could share one cable.\n",
        kinds=False,
    )
    sentence = next(s for s in notes.sentences if s.line == 5)
    text, named = bullet_from_sentence(sentence, True)
    assert named
    assert text.startswith("Dr Mere Tuilagi (Pacific Islands Forum) chaired the session and asked how 48")
    assert "that chaired" not in text


def test_an_answer_that_opens_with_a_preposition_is_reported_as_the_answer_given() -> None:
    notes = read_notes(
        "Session: Drones for crop surveys\n\n"
        "Q (Peru): do the drones need a mobile signal?\n"
        "Lina Haddad (Jordan Agri Lab): yes, over a mesh of radio relays that cover 8 km each.\n",
        kinds=False,
    )
    sentence = next(s for s in notes.sentences if s.line == 4)
    text, _ = bullet_from_sentence(sentence, True)
    assert text == "Lina Haddad (Jordan Agri Lab) replied: Over a mesh of radio relays that cover 8 km each."


@pytest.mark.parametrize(("top", "expected"), [
    ("# Tide gauges for harbour towns\nOrganizers: WMO and IOC\nDate/time: 8 July 2025, 14:00-15:00\n"
     "Session page: https://example.org/s/7",
     ("Tide gauges for harbour towns", "WMO and IOC", "8 July 2025", "https://example.org/s/7")),
    ("**Tide gauges for harbour towns**\nHosts: WMO, IOC\nTuesday, July 8, 2025 | 10:00-11:00 | Room K",
     ("Tide gauges for harbour towns", "WMO and IOC", "8 July 2025", None)),
    ("Session 212 | Tide gauges for harbour towns | Organisers: WMO and IOC | 8 July 2025",
     ("Tide gauges for harbour towns", "WMO and IOC", "8 July 2025", None)),
    ("Tide gauges for harbour towns - WSIS Forum 2025 - 8 July 2025 - Room K\nLead organiser(s): WMO",
     ("Tide gauges for harbour towns", "WMO", "8 July 2025", None)),
    ("Moderator: Ana Ruiz (UNESCO)\nSession: Tide gauges for harbour towns\n"
     "Organised by WMO and IOC, 8 July 2025",
     ("Tide gauges for harbour towns", "WMO and IOC", "8 July 2025", None)),
    ("Tide gauges for harbour towns\nWMO / IOC\n2025-07-08 14:00 CICG Room 2",
     ("Tide gauges for harbour towns", "WMO / IOC", "8 July 2025", None)),
    ("Notes -- Tide gauges for harbour towns (WMO & IOC)\n8 Jul 2025",
     ("Tide gauges for harbour towns", "WMO and IOC", "8 July 2025", None)),
    ("Rapporteur notes\nSession: Tide gauges for harbour towns\nOrganizer: WMO\nCo-organizers: IOC\n"
     "July 9 2025",
     ("Tide gauges for harbour towns", "WMO and IOC", "9 July 2025", None)),
    ("TIDE GAUGES FOR HARBOUR TOWNS -- WMO + IOC -- 9 July 2025",
     ("TIDE GAUGES FOR HARBOUR TOWNS", "WMO and IOC", "9 July 2025", None)),
    ("Tide gauges for harbour towns (Session 145)\nWMO and IOC\n8 July 2025",
     ("Tide gauges for harbour towns", "WMO and IOC", "8 July 2025", None)),
    ("Session 145 – Tide gauges for harbour towns – Organised by WMO\nTue, 08/07/2025",
     ("Tide gauges for harbour towns", "WMO", "8 July 2025", None)),
    ("Event: Tide gauges for harbour towns\nOrganising partners: WMO, IOC\n8 July 2025 (Tuesday), 11:00",
     ("Tide gauges for harbour towns", "WMO and IOC", "8 July 2025", None)),
    ("Rapporteur's notes for Tide gauges for harbour towns\nPartners: WMO, IOC\n8 July 2025",
     ("Tide gauges for harbour towns", "WMO and IOC", "8 July 2025", None)),
    ("Workshop: Tide gauges for harbour towns\nLead: WMO | Partners: IOC\nJuly 8th, 2025",
     ("Tide gauges for harbour towns", "WMO and IOC", "8 July 2025", None)),
    ("Session: Tide gauges for harbour towns / WMO + IOC / 8 July 2025",
     ("Tide gauges for harbour towns", "WMO and IOC", "8 July 2025", None)),
])
def test_header_fields_in_layouts_of_labels_pipes_dashes_and_lines_of_organisations(
        top: str, expected: tuple[str, str, str, str | None]) -> None:
    header = read_notes(top + "\n\n- the gauges cover 30 ports since 2024\n", kinds=False).header
    assert (header.get("title"), header.get("organisers"), header.get("date"), header.get("url")) == expected


def test_a_fragment_whose_only_verb_follows_to_is_not_wrapped_in_noted_that() -> None:
    notes = read_notes(
        "Session: Tide gauges for harbour towns\n\n"
        "Karin Berg, Swedish Maritime Administration:\n"
        "closing appeal to fund tide gauges in every small harbour.\n",
        kinds=False,
    )
    assert "organisers" not in notes.header  # `Name, Org:` heads a speaker's block, it is no header line
    sentence = next(s for s in notes.sentences if s.line == 4)
    text, named = bullet_from_sentence(sentence, True)
    assert named and text.startswith("Karin Berg (Swedish Maritime Administration) ")
    assert " that closing appeal" not in text


def test_a_line_labelled_aside_is_the_rapporteurs_not_the_speakers() -> None:
    lines = _by_number(
        "Session: Tide gauges for harbour towns\n\n"
        "KB  the gauges now report every 6 minutes to 30 ports\n"
        "  -> aside: ask for the source of the 30 ports\n"
    )
    assert lines[4].kind == "noise"  # type: ignore[attr-defined]


def test_a_line_ending_on_a_preposition_or_conjunction_is_carried_on_by_the_next() -> None:
    from assistant.drafting.note_reflow import continuation_heads

    lines = [
        "Session: Tide gauges",
        "",
        "- the data now goes to fishers' cooperatives and",
        "UNESCO's ocean office since 2024",
        "- a point of its own",
        "- KB: a point that ends on a noun",
        "Next point by someone else",
    ]
    assert continuation_heads(lines) == [-1, -1, -1, 2, -1, -1, -1]



def test_an_arrow_after_a_quote_reads_as_a_colon_not_shorthand() -> None:
    from assistant.drafting.engines.extractive import clean_text

    assert clean_text('her motto: "Fix it locally" → repairs last when parts are sold nearby') == (
        'Her motto: "Fix it locally": repairs last when parts are sold nearby.')


def test_the_unit_kind_model_judges_a_line_without_the_aside_that_opens_it() -> None:
    from assistant.drafting.notes import _without_leading_aside

    opened = "- (note to self: ask for slides) gauges cover 30 ports"
    assert _without_leading_aside(opened) == "- gauges cover 30 ports"
    assert _without_leading_aside("- a question from the room, no time left (time up)") == (
        "- a question from the room, no time left (time up)")
    assert _without_leading_aside("- (WMO) funds 30 gauges") == "- (WMO) funds 30 gauges"
