"""The header reader on top matter laid out as the header sets did not have it (issue 22, header item,
session 11): a header block after the body, a forwarded meeting invite, table cells pasted one a line,
a link wrapped mid-path, a moderator line above the host, a meeting platform's join link. Every sample
is written for these tests (illustrative sessions, organisations and bodies), none taken from an
evaluation set; each asserts the fields as the eval compares them."""

from __future__ import annotations

import pytest

from assistant.corpus.embeddings import Embedder
from assistant.drafting.header_roles import read_roles
from assistant.drafting.note_header import session_link
from assistant.drafting.notes import read_notes
from assistant.evaluation.headers import same_header

T = "Solar pumps for smallholder irrigation"
THREE = "IFAD, Green Climate Fund and Solar Farmers Network"
BODY = (
    "\nIrene Oduya (IFAD): 220 pumps were installed in three districts last year.\n"
    "Oduya: farmers repay the pumps from the second harvest.\n"
)


def header_of(top: str, body: str = BODY) -> dict[str, str]:
    """The header the rules read from `top` over a short body (no line-role model, no kinds)."""
    return read_notes(top + "\n" + body, kinds=False, roles=False).header


def test_a_labelled_header_block_after_the_body_gives_every_field_and_the_first_point_stays_content() -> None:
    body = "Irene Oduya (IFAD): farmers repay the pumps from the second harvest\nOduya: loans run two years\n"
    notes = read_notes(body + f"\n---\nSession: {T}\nOrganised by: IFAD and the Green Climate Fund\n"
                       "Date: 11 July 2025\nLink: https://example.org/s/55\n", kinds=False, roles=False)
    assert notes.header["title"] == T
    assert same_header("organisers", notes.header["organisers"], "IFAD and Green Climate Fund")
    assert notes.header["date"] == "11 July 2025"
    assert notes.lines[0].kind == "content"  # `Name (Org): statement` is a point, never the title


def test_the_line_role_model_does_not_override_a_labelled_title_far_down(embedder: Embedder) -> None:
    text = BODY.lstrip("\n") + f"\nSession: {T}\nOrganised by: IFAD\nDate: 11 July 2025\n"
    header = read_notes(text, kinds=False, roles=False).header
    read_roles(header, text, embedder)
    assert header["title"] == T


def test_a_calendar_invite_mark_and_session_number_leave_the_subject() -> None:
    top = (f"From: Events team <events@example.org>\nSubject: Updated invitation: Session 77 - {T}\n\n"
           "Organizers: IFAD, FAO\nWhen: Friday 11 July 2025 10:00-10:45 (UTC+2)\n\n--- my notes ---")
    header = header_of(top)
    assert header["title"] == T
    assert header["date"] == "11 July 2025"


def test_a_moderator_line_above_the_host_gives_no_organiser() -> None:
    header = header_of(f"{T}\nModerated by Dr. Lena Moss (Irrigation Research Network)\nHosted by IFAD\n"
                       "11 July 2025 | Room 3")
    assert same_header("organisers", header["organisers"], "IFAD")


def test_organisations_one_a_line_under_a_bare_label_are_one_list() -> None:
    header = header_of(f"Session title\n{T}\nOrganiser(s)\nIFAD\nGreen Climate Fund\nSolar Farmers Network\n"
                       "Date and time\n11 July 2025, 10:00")
    assert same_header("organisers", header["organisers"], THREE)
    assert header["date"] == "11 July 2025"


def test_a_line_after_the_organiser_cells_that_is_no_organisation_ends_the_list() -> None:
    header = header_of(f"Organisers\nIFAD\n{T}\n11 July 2025")
    assert same_header("organisers", header["organisers"], "IFAD")


def test_organisers_between_bars_after_an_organiser_label_are_all_read() -> None:
    header = header_of(f"{T}\nLead organiser: IFAD\n"
                       "Partners (logos): Green Climate Fund | Solar Farmers Network")
    assert same_header("organisers", header["organisers"], THREE)


def test_a_bare_label_closed_by_a_dash_takes_the_bulleted_list_under_it() -> None:
    header = header_of(f"Title - {T}\nOrganisers -\n  * IFAD\n  * Green Climate Fund\nWhen - 11 July 2025")
    assert same_header("organisers", header["organisers"], "IFAD and Green Climate Fund")


def test_a_link_wrapped_mid_path_is_joined_and_the_wrapped_part_is_no_point() -> None:
    notes = read_notes(f"Title: {T}\nLink: https://example.org/forum/2025/agenda/\nsession/55\n" + BODY,
                       kinds=False, roles=False)
    assert notes.header["url"] == "https://example.org/forum/2025/agenda/session/55"
    assert notes.lines[2].kind == "header"


def test_a_link_ending_on_its_own_path_takes_no_next_line() -> None:
    header = header_of(f"Title: {T}\nLink: https://example.org/forum/2025/agenda/session/55\nsession/56")
    assert header["url"] == "https://example.org/forum/2025/agenda/session/55"


def test_a_meeting_platform_join_link_is_never_the_session_page() -> None:
    assert session_link("Join: https://zoom.us/j/123456 or https://example.org/s/55") == "https://example.org/s/55"
    assert session_link("https://teams.microsoft.com/l/meetup-join/abc") == ""
    header = header_of(f"Topic: {T}\nJoin the call\nhttps://us06web.zoom.us/j/123456\n"
                       "Session page: https://example.org/s/55")
    assert header["url"] == "https://example.org/s/55"


@pytest.mark.parametrize(("top", "expected"), [
    pytest.param(f"This workshop, titled {T}, was run by IFAD with FAO on 11 July 2025.",
                 {"title": T, "date": "11 July 2025"}, id="title-between-commas-after-titled"),
    pytest.param(f"{T}\nthe organizer of the session was IFAD in cooperation with FAO\n11 July 2025",
                 {"organisers": "IFAD and FAO"}, id="organizer-of-the-session-was"),
    pytest.param(f"{T}\nCo-hosted with FAO by the Ministry of Agriculture\n11 July 2025",
                 {"organisers": "FAO and Ministry of Agriculture"}, id="co-verb-with-a-by-b"),
    pytest.param(f"11/07/2025 | 10:00 - 10:45 | Room 3 | Workshop 55 | {T} | Organizers: IFAD, FAO",
                 {"title": T, "organisers": "IFAD and FAO", "date": "11 July 2025"},
                 id="agenda-row-time-first"),
    pytest.param(f"TITLE      {T}\nORGANISERS   IFAD, FAO\nDATE         11 July 2025",
                 {"title": T, "organisers": "IFAD and FAO"}, id="labels-in-columns-of-spaces"),
    pytest.param(f"From: events@example.org\nSubject: [Forum2025][S-55] {T}\nOrganizers: IFAD",
                 {"title": T}, id="programme-tags-run-together"),
    pytest.param(f"{T}\nLead: IFAD | Co-leads: FAO, Green Climate Fund\n11 July 2025",
                 {"organisers": "IFAD, FAO and Green Climate Fund"}, id="lead-then-co-leads-between-bars"),
    pytest.param(f"{T} (session page: https://example.org/s/55)\nOrganisations: IFAD; FAO\n11 July 2025",
                 {"title": T, "organisers": "IFAD and FAO", "url": "https://example.org/s/55"},
                 id="link-with-its-label-in-a-bracket-after-the-title"),
    pytest.param(f"Short notes, typed on a tablet\n{T}\nIFAD / FAO\n11 July 2025",
                 {"title": T, "organisers": "IFAD and FAO"},
                 id="a-remark-naming-the-document-over-the-title"),
    pytest.param(f"notes / {T} / IFAD & Green Climate Fund / 11 Jul 2025 / room 3",
                 {"title": T, "organisers": "IFAD and Green Climate Fund", "date": "11 July 2025"},
                 id="fields-between-slashes"),
])
def test_unseen_top_line_layouts(top: str, expected: dict[str, str]) -> None:
    header = header_of(top)
    for name, value in expected.items():
        read = header.get(name, "")
        assert same_header(name, read, value), f"{name}: read {read!r}, want {value!r}"


def test_organisers_joined_by_slashes_stay_one_field() -> None:
    header = header_of(f"{T}\nIFAD / FAO / Green Climate Fund\n11 July 2025")
    assert same_header("organisers", header["organisers"], "IFAD, FAO and Green Climate Fund")
    assert header["title"] == T
