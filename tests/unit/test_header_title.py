"""What a programme line puts around a session's title (`drafting/header_title.py`) and the top lines
the header reader met in issue 22's seventh round: the notes' opening line as the title, a title
wrapped onto a second line, organisers listed as bullets under a label or typed in lower case.
Every sample was written for these tests (invented sessions); none comes from an evaluation set."""

from __future__ import annotations

import pytest

from assistant.drafting.header_title import is_code, is_format, strip_code, strip_decorations
from assistant.drafting.notes import read_notes
from assistant.evaluation.headers import same_header

T = "Seaweed farming data for coastal cooperatives"
BODY = (
    "\nKofi Mensah (FAO): 12 cooperatives shared harvest data through the app in 2024.\n"
    "Kofi Mensah (FAO): buyers pay more when the harvest date is recorded.\n"
)


@pytest.mark.parametrize(("line", "title"), [
    (f"[S.407] {T}", T),
    (f"(WS 12) {T}", T),
    (f"S-407 · {T}", T),
    (f"#407 {T}", T),
    (f"TW12: {T}", T),
    (f"No. 407 – {T}", T),
])
def test_a_programme_code_before_the_title_is_taken_off(line: str, title: str) -> None:
    assert strip_code(line) == title
    assert strip_decorations(line) == title


@pytest.mark.parametrize(("line", "title"), [
    (f"{T} — Workshop", T),
    (f"{T} | Roundtable 3", T),
    (f"{T} (WS-12)", T),
    (f"WSIS Forum 2025: {T}", T),
    (f"WSIS Forum 2025 | Panel discussion | {T}", T),
    (f"Roundtable — {T}", T),
    (f"Online session: {T}", T),
    (f"Raw notes (typed on a phone), session 88: {T}", T),
])
def test_the_event_the_kind_and_the_notes_around_the_title_are_taken_off(line: str, title: str) -> None:
    assert strip_decorations(line) == title


@pytest.mark.parametrize("line", [
    f"Thematic workshop: {T}",  # how programmes name a session
    f"High-Level Policy Session 5: {T}",
    "5G: what comes after the pilot towns",  # a figure and a letter is no code
    "2030 Agenda: digital paths for small states",  # a year is no code
    "C7: farm data for coastal cooperatives",  # an action line's code is part of the name
    "COP29: adaptation finance in small states",
    "Youth voices: a dialogue",  # `a dialogue` names no kind of session on its own
    "Workshop",  # nothing would be left
    "WSIS+20: the road ahead for small states",  # an event's name without a year before a colon
])
def test_a_title_that_is_only_its_own_words_stays_whole(line: str) -> None:
    assert strip_decorations(line) == line


def test_kinds_of_session_are_a_closed_list_with_their_number_and_how_they_are_held() -> None:
    assert is_format("Workshop") and is_format("roundtable 3") and is_format("Hybrid session")
    assert not is_format("Seaweed farming") and not is_format("Workshop on seaweed")


@pytest.mark.parametrize(("top", "expected"), [
    pytest.param(f"{T}: can 40 cooperatives share one app?\nFAO and WorldFish\n3 July 2025",
                 {"title": f"{T}: can 40 cooperatives share one app?", "organisers": "FAO and WorldFish"},
                 id="opening-line-with-a-figure-and-a-question-mark"),
    pytest.param(f"**#407 {T}**\nSpeakers: Kofi Mensah (FAO), Lina Park (WorldFish)\nOrg.: FAO\n3 Jul 2025",
                 {"title": T, "organisers": "FAO", "date": "3 July 2025"},
                 id="bold-numbered-title-over-a-speakers-line"),
    pytest.param(f"Hybrid session: {T}\nHosted by FAO\n3 July 2025",
                 {"title": T, "organisers": "FAO"}, id="how-it-is-held-before-the-title"),
    pytest.param(f"{T}\nPanel: Kofi Mensah, FAO\n\nDr. Lina Park — WorldFish\nsaid the app was slow offline.",
                 {"title": T}, id="a-speaker-heading-below-is-no-title"),
])
def test_the_opening_line_names_the_session(top: str, expected: dict[str, str]) -> None:
    header = read_notes(top + "\n" + BODY, kinds=False).header
    for name, value in expected.items():
        assert same_header(name, header.get(name, ""), value), f"{name}: read {header.get(name)!r}"


@pytest.mark.parametrize(("top", "title"), [
    ("Seaweed farming data:\nlessons for coastal cooperatives\nFAO + WorldFish\n3 July 2025",
     "Seaweed farming data: lessons for coastal cooperatives"),
    ("Online session: Seaweed farming data\nfor coastal cooperatives\nFAO\n3 July 2025", T),
])
def test_a_title_wrapped_onto_a_second_line_is_read_whole(top: str, title: str) -> None:
    header = read_notes(top + BODY, kinds=False).header
    assert same_header("title", header["title"], title), header["title"]


def test_a_venue_line_alone_at_the_top_is_no_title() -> None:
    notes = "Geneva, CICG Room 2\n\nKofi Mensah (FAO):\n- 12 cooperatives shared data.\n"
    header = read_notes(notes, kinds=False).header
    assert "title" not in header


def test_a_lower_case_line_after_the_title_is_not_joined_to_it_when_it_is_a_remark() -> None:
    header = read_notes(f"{T}\nthe room was changed at the last minute\n" + BODY, kinds=False).header
    assert header["title"] == T


@pytest.mark.parametrize(("top", "organisers"), [
    (f"{T}\n\nPartners:\n- Food and Agriculture Organization\n- WorldFish\n- GIZ\n\nDate: 3 July 2025",
     "Food and Agriculture Organization, WorldFish and GIZ"),
    (f"{T}\nconvened by: FAO; WorldFish\n3 July 2025", "FAO and WorldFish"),
    ("seaweed farming data for coastal cooperatives\nfao + worldfish\njul 3 2025", "FAO and WorldFish"),
    (f"{T}\nOrganisers: FAO, 3Sigma Labs\n3 July 2025", "FAO and 3Sigma Labs"),
    (f"{T} (Workshop 214)\nFAO and WorldFish\n3 July 2025", "FAO and WorldFish"),
])
def test_organisers_listed_below_a_label_in_lower_case_or_with_a_figure(top: str, organisers: str) -> None:
    header = read_notes(top + BODY, kinds=False).header
    assert same_header("organisers", header.get("organisers", ""), organisers), header.get("organisers")


def test_a_bulleted_point_under_a_non_organiser_label_is_no_organiser() -> None:
    top = f"{T}\nOrganisers: FAO\nAgenda:\n- Kenya Fisheries Service\n"
    header = read_notes(top + BODY, kinds=False).header
    assert same_header("organisers", header["organisers"], "FAO")


@pytest.mark.parametrize("part", ["Session ID 123", "ID: 123", "Ref. 88", "Thematic Workshop 12", "#407",
                                  "S.231"])
def test_a_part_that_only_numbers_the_session_is_a_code(part: str) -> None:
    assert is_code(part)


@pytest.mark.parametrize("part", ["UNDP", "Seaweed farming 2030", "Agenda 2030 partners", "5G"])
def test_names_and_titles_with_a_figure_are_no_code(part: str) -> None:
    assert not is_code(part)


@pytest.mark.parametrize(("top", "expected"), [
    (f"Session ID 123 | {T}\nFAO\n3 July 2025", {"title": T, "organisers": "FAO"}),
    (f"{T} (ID: 123)\nFAO\n3 July 2025", {"title": T, "organisers": "FAO"}),
    (f"Thematic Workshop 12 - {T}\nFAO\n3 July 2025", {"title": T}),
    (f"{T}\nModerator: Lina Park (WorldFish)\nFAO and WorldFish\n3 July 2025",
     {"title": T, "organisers": "FAO and WorldFish"}),
])
def test_the_session_number_is_neither_title_nor_organiser(top: str, expected: dict[str, str]) -> None:
    header = read_notes(top + BODY, kinds=False).header
    for name, value in expected.items():
        assert same_header(name, header.get(name, ""), value), f"{name}: read {header.get(name)!r}"


@pytest.mark.parametrize("top", [
    f"{T}: can 40 cooperatives share one app?\nFAO and WorldFish\n3 July 2025\n",
    "Seaweed farming data:\nlessons for coastal cooperatives\nFAO + WorldFish\n3 July 2025\n",
])
def test_the_opening_line_that_names_the_session_is_no_point_of_the_draft(top: str) -> None:
    notes = read_notes(top + BODY, kinds=False)
    assert notes.header["title"].startswith("Seaweed farming data")
    assert notes.lines[0].kind == "header"
    assert all(sentence.line > 3 for sentence in notes.sentences)
