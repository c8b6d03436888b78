"""Header fields read from layouts found in independent notes (issue 22, session 14): a quoted title
whose own dash is no field separator, a series name before the quoted title, an organiser row that
names a unit of the organisation after a dash, e-mailed notes whose opening paragraph names the
session, the sent day as the date, and a two-digit year. Every sample was written for these tests
(illustrative sessions); none is taken from an evaluation set. Fields are asserted as the eval
compares them (`assistant/evaluation/headers.py`)."""

from __future__ import annotations

from assistant.domain.normalise import find_date
from assistant.drafting.notes import read_notes
from assistant.evaluation.headers import same_header

BODY = (
    "\nOla Berg (FAO): 120 cooperatives share soil readings through one portal.\n"
    "Ola Berg (FAO): farmers asked for the readings in their own language.\n"
)


def _header(text: str) -> dict[str, str]:
    return read_notes(text + BODY, kinds=False, roles=False).header


def test_a_dash_inside_a_quoted_title_is_part_of_the_title() -> None:
    header = _header('WSIS Forum 2024 | "Soil data for smallholders – sharing across borders"\n12 June 2024')
    assert same_header("title", header.get("title", ""),
                       "Soil data for smallholders – sharing across borders")


def test_a_series_name_before_a_colon_stays_in_front_of_the_quoted_title() -> None:
    header = _header('NOW ▸ WSIS Forum 2024 | Farm Track: "Soil data for smallholders – sharing'
                     ' across borders"\n12 June 2024')
    assert same_header("title", header.get("title", ""),
                       "Farm Track: Soil data for smallholders – sharing across borders")


def test_a_document_word_before_the_quoted_title_is_no_series_name() -> None:
    header = _header('Rough notes: "Soil data for smallholders"\n12 June 2024')
    assert same_header("title", header.get("title", ""), "Soil data for smallholders")


def test_an_organiser_row_keeps_the_unit_named_after_a_dash() -> None:
    header = _header("Title: Soil data for smallholders\n"
                     "Organiser: FAO — Digital Agriculture Office (DAO), "
                     "coordinator of the E-Agriculture Line\n"
                     "Date: 12 June 2024")
    assert same_header("organisers", header.get("organisers", ""),
                       "FAO — Digital Agriculture Office (DAO), coordinator of the E-Agriculture Line")


def test_a_place_or_a_date_after_the_dash_is_still_cut_from_the_organisers() -> None:
    placed = _header("Title: Soil data for smallholders\nOrganisers: FAO — Room C, CICG\nDate: 12 June 2024")
    dated = _header("Title: Soil data for smallholders\nOrganisers: FAO — 12 June 2024")
    assert placed.get("organisers") == "FAO"
    assert dated.get("organisers") == "FAO"
    assert same_header("date", dated.get("date", ""), "12 June 2024")


MESSAGE = (
    "From: Rui Costa <rui@example.org>\n"
    "To: Desk\n"
    "Subject: RE: what I typed this morning, for the form\n"
    "Sent: 12 June 2024 18:40\n"
    "\n"
    "Dear all,\n"
    'here it is. The workshop was "Soil data for smallholders", FAO as host, in room C. '
    "Page: https://example.org/forum/2024/session/88\n"
)


def test_an_e_mail_opening_paragraph_names_the_session_over_its_subject() -> None:
    header = _header(MESSAGE)
    assert same_header("title", header.get("title", ""), "Soil data for smallholders")
    assert same_header("organisers", header.get("organisers", ""), "FAO")
    assert same_header("url", header.get("url", ""), "https://example.org/forum/2024/session/88")
    assert same_header("date", header.get("date", ""), "12 June 2024")  # the day it was sent


def test_an_e_mail_subject_stays_the_title_when_the_message_quotes_no_session() -> None:
    quoted = 'The workshop was "Soil data for smallholders", FAO as host, in room C. '
    header = _header(MESSAGE.replace(quoted, "")
                     .replace("what I typed this morning, for the form", "Soil data for smallholders"))
    assert same_header("title", header.get("title", ""), "Soil data for smallholders")
    assert not header.get("organisers")


def test_a_date_stated_under_the_message_header_wins_over_the_sent_day() -> None:
    header = _header(MESSAGE.replace("here it is.", "here it is, from Thursday 6 June 2024."))
    assert same_header("date", header.get("date", ""), "6 June 2024")


def test_a_two_digit_year_after_a_month_name_is_read_only_where_the_date_ends() -> None:
    assert find_date("11 Jun 24, 09:30") == "11 June 2024"
    assert find_date("Wed 11 Jun 24 09:30-10:15") == "11 June 2024"
    assert find_date("on 11 June 24 farmers spoke") is None


def test_a_bracket_that_spells_out_the_acronym_before_it_names_no_other_organiser() -> None:
    header = _header("Soil data for smallholders\n"
                     "FAO with IFAD (International Fund for Agricultural Development)\n12 June 2024")
    assert same_header("organisers", header.get("organisers", ""), "FAO and IFAD")


def test_a_bracket_under_the_title_still_names_the_organisers() -> None:
    header = _header("Soil data for smallholders\nSession 12 (FAO and IFAD)\n12 June 2024")
    assert same_header("organisers", header.get("organisers", ""), "FAO and IFAD")
