"""The header reader on the top-matter layouts of session 13 (issue 22, `drafting/header_layouts.py` and
the format rules of `note_header.py`): the first post of a numbered thread, a chat export's first
message, a calendar entry, dot leaders, key=value fields, a title in a file name, a weekday inside the
event's span, several dates of which one is in the Forum's week, a quoted-printable soft break, a JSON
object, and a title's lead and code. Every sample is written for these tests (illustrative sessions and
organisations), none taken from an evaluation set; fields are asserted as the eval compares them."""

from __future__ import annotations

from assistant.domain.normalise import find_date, find_dates
from assistant.drafting.notes import read_notes
from assistant.evaluation.headers import same_header

BODY = (
    "\nNadia Aziz (FAO): 310 farmer groups now share one price board.\n"
    "Aziz: prices reach villages within an hour of the market opening.\n"
    "Jon Park (WFP): WFP will add weather alerts to the board next season.\n"
)


def header_of(top: str, body: str = BODY) -> dict[str, str]:
    """The header the rules read from `top` over a short body (no line-role model, no kinds)."""
    return read_notes(top + "\n" + body, kinds=False, roles=False).header


def test_find_dates_lists_every_date_in_order_and_find_date_is_the_first() -> None:
    text = "written 3 August 2025 about the session of 2025-07-09, filed 12/08/2025"
    assert find_dates(text) == ["3 August 2025", "9 July 2025", "12 August 2025"]
    assert find_date(text) == "3 August 2025"
    assert find_dates("no date here") == []


def test_the_first_post_of_a_numbered_thread_gives_title_hosts_and_date() -> None:
    notes = read_notes(
        '1/ Live from #WSIS2025: "Market prices by text message", hosted by FAO & the World Food '
        "Programme, Thu 10 July 2025\n"
        "2/ Nadia Aziz: 310 farmer groups now share one price board\n"
        "3/ Jon Park: WFP will add weather alerts next season\n",
        kinds=False, roles=False)
    assert notes.header["title"] == "Market prices by text message"
    assert same_header("organisers", notes.header["organisers"], "FAO and World Food Programme")
    assert notes.header["date"] == "10 July 2025"
    assert notes.lines[0].kind == "header"  # the post that names the session is no point


def test_a_chat_exports_first_message_gives_the_quoted_title_and_the_bracketed_hosts() -> None:
    header = header_of('[14:01] kim.r: notes for "Market prices by text message" (FAO + WFP), 10 Jul 2025\n'
                       "[14:02] kim.r: Nadia Aziz (FAO): 310 groups share one board\n")
    assert header["title"] == "Market prices by text message"
    assert same_header("organisers", header["organisers"], "FAO and WFP")
    assert header["date"] == "10 July 2025"


def test_social_handles_name_the_organisers_after_a_single_quoted_title() -> None:
    header = header_of("#WSIS2025 panel 'Market prices by text message' by @FAO and @WFP_2024, 10 July 2025")
    assert header["title"] == "Market prices by text message"
    assert same_header("organisers", header["organisers"], "FAO and WFP")


def test_a_quoted_title_inside_a_longer_title_is_left_whole() -> None:
    header = header_of("Session: Why 'open by default' fails small agencies\nOrganisers: OECD\n8 July 2025")
    assert header["title"] == "Why 'open by default' fails small agencies"


def test_a_pasted_calendar_entry_gives_summary_start_organiser_and_description_partner() -> None:
    header = header_of(
        "BEGIN:VEVENT\nSUMMARY:Market prices by text message\nDTSTART:20250710T090000Z\n"
        "ORGANIZER;CN=Food and Agriculture Organization:mailto:events@example.org\n"
        "DESCRIPTION:Co-organised with the World Food Programme. Room 4.\nEND:VEVENT\n")
    assert header["title"] == "Market prices by text message"
    assert header["date"] == "10 July 2025"
    assert same_header("organisers", header["organisers"],
                       "Food and Agriculture Organization, World Food Programme")


def test_a_form_with_dot_leaders_in_any_order_gives_each_field() -> None:
    header = header_of("Link ........ https://example.org/s/88\nDate ........ 10/07/2025\n"
                       "Organisers ... FAO; WFP\nSession ..... Market prices by text message\n")
    assert header["title"] == "Market prices by text message"
    assert same_header("organisers", header["organisers"], "FAO, WFP")
    assert header["date"] == "10 July 2025"
    assert header["url"] == "https://example.org/s/88"


def test_key_value_fields_run_together_with_semicolons() -> None:
    header = header_of("title=Market prices by text message; org=FAO, WFP; date=2025-07-10")
    assert header["title"] == "Market prices by text message"
    assert same_header("organisers", header["organisers"], "FAO, WFP")
    assert header["date"] == "10 July 2025"


def test_a_title_spelled_in_a_file_name() -> None:
    header = header_of("forum25_s204_market-prices-by-text-message_final.docx\nhosts: FAO, WFP\n10 July 2025")
    assert same_header("title", header["title"], "Market prices by text message")


def test_a_file_name_without_hyphenated_words_gives_no_title() -> None:
    assert not header_of("scan_0042.pdf\n").get("title")


def test_an_organising_verb_before_a_dotted_list() -> None:
    header = header_of("MARKET PRICES BY TEXT MESSAGE\nco-organised · FAO · WFP · IFAD\n10 July 2025")
    assert same_header("organisers", header["organisers"], "FAO, WFP, IFAD")


def test_a_weekday_alone_is_the_day_of_the_event_span_on_another_line() -> None:
    header = header_of("Geneva forum week (Mon 7 – Fri 11 July 2025)\n"
                       'Thursday morning: "Market prices by text message"\nhosted by FAO with WFP')
    assert header["date"] == "10 July 2025"


def test_the_day_inside_the_forum_week_wins_over_a_draft_and_a_deadline_date() -> None:
    header = header_of("draft 20 July 2025, due 1 August 2025\n"
                       "Session: Market prices by text message (10 July 2025)\nOrganisers: FAO")
    assert header["date"] == "10 July 2025"


def test_a_date_outside_any_forum_week_is_kept() -> None:
    header = header_of("Session: Market prices by text message\nDate: 3 March 2021\nOrganisers: FAO\n"
                       "next meeting 8 July 2025")
    assert header["date"] == "3 March 2021"


def test_a_quoted_printable_soft_break_in_a_wrapped_link_is_dropped() -> None:
    header = header_of("Session: Market prices by text message\nLink: https://example.org/agenda/Ses=\nsion/88")
    assert header["url"] == "https://example.org/agenda/Session/88"


def test_a_query_value_wrapped_onto_the_next_line_keeps_its_equals_sign() -> None:
    header = header_of("Session: Market prices by text message\nLink: https://example.org/agenda?id=\n88")
    assert header["url"] == "https://example.org/agenda?id=88"


def test_a_title_label_naming_what_it_titles_after_a_speaker_line() -> None:
    header = header_of("Chair (Ana Gil): welcome, we begin with the price data\n"
                       "Title of the session: Market prices by text message\nOrganisers: FAO")
    assert header["title"] == "Market prices by text message"


def test_a_title_after_a_lead_that_says_when() -> None:
    header = header_of("held 10 July 2025, 11:00–12:00: Market prices by text message\norganisers: FAO, WFP")
    assert header["title"] == "Market prices by text message"
    assert header["date"] == "10 July 2025"


def test_a_json_object_of_top_matter() -> None:
    header = header_of('{"title": "Market prices by text message", "organizers": ["FAO", "WFP"], '
                       '"date": "2025-07-10"}')
    assert header["title"] == "Market prices by text message"
    assert same_header("organisers", header["organisers"], "FAO, WFP")
    assert header["date"] == "10 July 2025"


def test_the_titles_core_without_tags_code_or_a_presenting_lead() -> None:
    assert header_of("[EXT] Re: Market prices by text message\n")["title"] == "Market prices by text message"
    assert header_of("Market prices by text message [S 204]\n")["title"] == "Market prices by text message"
    presented = header_of("FAO and WFP present: Market prices by text message — 10 July 2025\n")
    assert presented["title"] == "Market prices by text message"
    assert same_header("organisers", presented["organisers"], "FAO and WFP")


def test_a_bracket_of_organisers_before_the_title() -> None:
    header = header_of("10.7.2025 — (FAO, WFP) Market prices by text message: a field report\n")
    assert header["title"] == "Market prices by text message: a field report"
    assert same_header("organisers", header["organisers"], "FAO, WFP")


def test_a_quoted_session_further_down_gives_its_bracketed_organisers_and_date() -> None:
    closing = '\n\n-- notes on the session "Market prices by text message" (FAO, WFP), 10 July 2025\n'
    notes = read_notes(BODY.strip() + closing, kinds=False, roles=False)
    assert notes.header["title"] == "Market prices by text message"
    assert same_header("organisers", notes.header["organisers"], "FAO, WFP")
    assert notes.header["date"] == "10 July 2025"
