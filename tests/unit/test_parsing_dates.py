"""A document's date is read from a header line that also carries times, places or remarks."""

from __future__ import annotations

import pytest

from assistant.corpus.parsing import document_date, parse_outcome


@pytest.mark.parametrize(("line", "expected"), [
    ("14 June 2024, 15:30–16:45 (CEST), Geneva – closing session of the track", "14 June 2024"),
    ("Tuesday 27th of May 2024, Room H", "27 May 2024"),
    ("May 27–28, 2024 | 10:00 local time", "27 May 2024"),
    ("2024-05-27T17:00 (online)", "27 May 2024"),
    ("Wed 27 May · WSIS Forum 2024 · hybrid", "27 May 2024"),
    ("14h00, 03/06/2025, ITU tower", "3 June 2025"),
])
def test_document_date_any_common_form(line: str, expected: str) -> None:
    assert document_date(line) == expected


@pytest.mark.parametrize("line", ["10:30 May 2024", "WSIS Forum 2024", "Room 27, building May"])
def test_no_date_without_day_month_and_year(line: str) -> None:
    assert document_date(line) is None


def test_busy_unlabelled_date_line_gives_the_document_its_year() -> None:
    text = (
        "Session Outcome Document\n\n"
        "Closing of the youth track\n\n"
        "14 June 2024, 15:30–16:45 (CEST), Geneva – closing session of the youth track, hybrid format\n\n"
        "Key issues discussed\n\n- Young people asked for seats at the table.\n"
    )
    doc = parse_outcome(text, doc_id="d", source="closing.txt")
    assert doc.header.date == "14 June 2024"
    assert doc.header.title == "Closing of the youth track"
    assert doc.year == 2024


def test_labelled_date_with_times_and_place_keeps_only_the_date() -> None:
    text = ("Title: Closing\n"
            "Date: Tuesday 11th of June, 09:15-10:30 CEST, Geneva, WSIS Forum 2024 (hybrid)\n\n"
            "Key issues discussed\n\n- A point.\n")
    doc = parse_outcome(text, doc_id="d", source="x.txt")
    assert doc.header.date == "11 June 2024"


def test_short_date_line_is_kept_as_written() -> None:
    doc = parse_outcome("Title: Week\nDate: 13–17 March 2023\n\nKey issues discussed\n\n- A point.\n")
    assert doc.header.date == "13–17 March 2023"
