"""Header fields from top-matter layouts that the line-by-line header rules (`note_header.py`) leave
unread or misread, judged on the whole of the first lines after those rules have run.

- a frame around the first line (the first post of a numbered thread `1/`, a chat message
  `[09:02] user:`, a quoted e-mail line `>`): taken off before the line is read;
- a quoted title run together with its hosts and date on that line (`Thread from #tag – "Title",
  hosted by A & B, Wed 9 July 2025`, `"Title" (A + B), 10 Jul 2025`, `'Title' by @A and @B`);
- a file name holding the title in hyphenated words (`…_title-in-hyphens_v2.docx`; the extensions
  are data: `notes-vocabulary.toml`, `[header_formats]`);
- a bracket of organisers before the title (`(A, B) Title`);
- the session's own day among several dates (the draft's, a deadline's): the one day inside the
  WSIS Forum's week of its year (`[event_weeks]`), and a weekday alone (`Tuesday afternoon`) read
  as the day of the event's week that another top line spells out (`[dates.weekday_numbers]`).

Each reading only fills a field the rules left empty or replaces one that holds it whole (a title
read with its lead-in still on); formats and closed vocabularies only, no phrase of any notes.
"""

from __future__ import annotations

import datetime
import json
import re
from functools import cache

from assistant.domain.normalise import find_date, find_dates, month_name
from assistant.domain.vocabulary import notes_vocabulary
from assistant.drafting.note_header import (
    ORGANISED_BY,
    SESSION_NOUN,
    date_span,
    finish_header,
    lists_organisations,
    names_organisations,
    organisers_before_date,
    organisers_written,
    read_header_line,
    series_name,
    title_alone,
)

TOP = 12  # the written lines read as top matter
# a frame before the first line's text: a thread post's number, a chat message's time and author, a
# quote mark or a bullet
FRAME = re.compile(
    r"^\s*(?:\d{1,3}/\d{0,3}\s+"
    r"|\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*(?:[-–]\s*)?(?:[\w.'’-]+(?:\s[\w.'’-]+)?\s*:\s+)?"
    r"|>+\s*|[-*•]\s+)")
# a quoted part of a line, in any pair of quotes; a single quote only between spaces or punctuation
QUOTED = re.compile(
    r"(?:\"(?P<a>[^\"]{4,200})\"|“(?P<b>[^”]{4,200})”|«\s*(?P<c>[^»]{4,200}?)\s*»|‘(?P<d>[^’]{4,200})’"
    r"|(?<![\w'])'(?P<e>[^']{4,200})'(?![\w']))")
# a social handle (`@UNESCO`, `@IFES_1987`): the organisation's name without the mark and the number
HANDLE = re.compile(r"(?<![\w.@])@(?P<name>[A-Za-z][A-Za-z-]*?)(?:_?\d+)?\b")
WEEK_DAYS = 5  # the Forum's week: Monday to Friday from its first day


def complete_header(header: dict[str, str], lines: list[str]) -> dict[str, int]:
    """Fill or correct `header` from the layouts this module reads (see the module docstring); returns
    the title's line (1-based) when one of them named the session, so the notes reader takes it out of
    the content and the line-role model leaves that title alone."""
    written = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()][:TOP]
    if not written:
        return {}
    used: dict[str, int] = {}
    _calendar_entry(header, [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()])
    _object_literal(header, written)
    for reading in (_first_line_quoted, _file_name_title, _title_after_when):
        number = reading(header, written)
        if number:
            used["title"] = number
    _bracket_before_title(header)
    _title_core(header)
    _weekday_of_the_week(header, written)
    _day_in_the_forum_week(header, written)
    return used


def _first_line_quoted(header: dict[str, str], written: list[tuple[int, str]]) -> int:
    """The first line's quoted title, its hosts (a bracket or an organising clause right after the
    title) and its date, once the line's frame is off; 0 when that line holds no such title."""
    number, line = written[0]
    text = HANDLE.sub(lambda m: m.group("name"), FRAME.sub("", line, count=1))
    quoted = QUOTED.search(text)
    if not quoted:
        return 0
    value = next(v for v in quoted.groups() if v is not None).strip()
    before, after = text[: quoted.start()], text[quoted.end():].strip()
    words = value.split()
    if not (2 <= len(words) <= 18 and re.match(r"[A-ZÀ-Þ0-9]", value) and len(before.split()) <= 8
            and not value.rstrip().endswith((".", "!", ",", ";"))
            and (not after or re.match(rf"[(\[,;|–—-]|(?i:by|{ORGANISED_BY})\b", after))):
        return 0
    title = header.get("title", "")
    if title and (title == value or _plain(value) not in _plain(title)):
        return 0  # a title read elsewhere, or this one already
    header["title"] = (series_name(before) if before.rstrip().endswith(":") else "") + value
    if not header.get("organisers"):
        bracket = re.match(r"[(\[](?P<orgs>[^()\[\]]{2,120})[)\]]", after)
        clause = re.match(rf"[\s,;–—-]*(?i:{ORGANISED_BY}|by)\s+(?P<orgs>.+)$", after)
        found = bracket or clause
        if found:
            orgs = organisers_before_date(found.group("orgs"), header)
            orgs = re.sub(r"[^\w)\].'’]+$", "", orgs)  # a closing emoji or mark
            if orgs and names_organisations(orgs) and not find_date(orgs):
                header["organisers"] = organisers_written(orgs)
    if not header.get("date") and find_date(text):
        header["date"] = find_date(text) or ""
    return number


# an iCalendar property line (RFC 5545, `NAME;PARAM=…:value`): a calendar entry pasted into the notes
CALENDAR_PROPERTY = re.compile(
    r"^(?P<name>SUMMARY|DTSTART|ORGANIZER|DESCRIPTION|URL)(?P<params>;[^:]*)?:(?P<value>.*)$")


def _calendar_entry(header: dict[str, str], written: list[tuple[int, str]]) -> None:
    """A calendar entry pasted as text (`BEGIN:VEVENT` … `END:VEVENT`): its summary names the session,
    its start the day (`DTSTART:20250708T130000Z`), its organiser's common name (`ORGANIZER;CN=…:`)
    and a joining phrase in its description (`Co-organised with …`) the organisers, its URL the page."""
    if not any(line.upper() == "BEGIN:VEVENT" for _, line in written):
        return
    fields: dict[str, tuple[str, str]] = {}
    for _, line in written:
        found = CALENDAR_PROPERTY.match(line)
        if found:
            params, value = found.group("params") or "", found.group("value").strip()
            fields.setdefault(found.group("name"), (params, value))
    if "SUMMARY" in fields and fields["SUMMARY"][1]:
        header.setdefault("title", fields["SUMMARY"][1].replace("\\,", ","))
    start = re.match(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})", fields.get("DTSTART", ("", ""))[1])
    if start and not header.get("date"):
        header["date"] = find_date(f"{start.group('y')}-{start.group('m')}-{start.group('d')}") or ""
    named = re.search(r"(?i:;CN=)(?P<cn>\"[^\"]+\"|[^;:]+)", fields.get("ORGANIZER", ("", ""))[0])
    if named and not header.get("organisers"):
        orgs = named.group("cn").strip('"')
        described = fields.get("DESCRIPTION", ("", ""))[1]
        joined = re.search(rf"(?i:{_joining()})\s+(?:the\s+)?(?P<more>[A-ZÀ-Þ][^.;]*)", described)
        if joined:
            orgs = f"{orgs}, {joined.group('more').strip()}"
        header["organisers"] = organisers_written(orgs)
    if "URL" in fields and not header.get("url"):
        header["url"] = fields["URL"][1]


@cache
def _joining() -> str:
    """The joining phrases (`notes-vocabulary.toml`, `joining_phrases`) as a regex alternation."""
    words = notes_vocabulary()["header_labels"]["joining_phrases"]
    return "|".join(map(re.escape, sorted(map(str, words), key=len, reverse=True)))


def _file_name_title(header: dict[str, str], written: list[tuple[int, str]]) -> int:
    """A title spelled in a file name on one of the first lines (`wsis25_ws118_open-data-for-x_v2.docx`:
    the longest part between underscores whose words are joined by hyphens, three words or more);
    only when no title is read. 0 when none."""
    if header.get("title"):
        return 0
    extensions = "|".join(map(re.escape, _file_extensions()))
    for number, line in written[:3]:
        name = re.fullmatch(rf"(?P<stem>[\w.-]+)\.(?:{extensions})", line, re.IGNORECASE)
        if not name:
            continue
        parts = [p for p in re.split(r"_+", name.group("stem")) if p.count("-") >= 2]
        if not parts:
            continue
        words = max(parts, key=lambda p: p.count("-")).split("-")
        if re.fullmatch(r"v\d+|final|draft|notes", words[-1], re.IGNORECASE):
            words = words[:-1]
        words = [w for w in words if w]
        if len(words) >= 3 and not any(w.isdigit() for w in words):
            title = " ".join(words)
            header["title"] = title[:1].upper() + title[1:]
            return number
    return 0


def _title_after_when(header: dict[str, str], written: list[tuple[int, str]]) -> int:
    """`Session held 9 July 2025, 09:00–10:00: Title`: a title after a colon that closes a lead-in
    stating when the session was (a date or a time), on one of the first lines; only when no title
    is read. 0 when none."""
    if header.get("title"):
        return 0
    for number, line in written[:4]:
        lead, colon, rest = line.rpartition(": ")
        rest = rest.strip()
        if not colon or not (find_date(lead) or re.search(r"\b\d{1,2}[:h.]\d{2}\b", lead)) \
                or len(lead.split()) > 12 or find_date(rest) or not re.match(r"[\"“«'‘]?[A-ZÀ-Þ]", rest):
            continue
        rest = rest.strip("\"“”«»'‘’ ")
        if title_alone(rest):
            header["title"] = rest
            return number
    return 0


def _object_literal(header: dict[str, str], written: list[tuple[int, str]]) -> None:
    """Top matter pasted as a JSON object (`{"title": …, "organizers": [...], "date": …}`): each key read
    as a header label (`Title: …`), a list as its items joined; fields the rules left empty are filled."""
    start = next((k for k, (_, line) in enumerate(written) if line.startswith("{")), None)
    if start is None or start > 2:
        return
    block = ""
    for _, line in written[start:]:
        block += line
        try:
            data = json.loads(block)
        except ValueError:
            continue
        break
    else:
        return
    if not isinstance(data, dict):
        return
    scratch: dict[str, str] = {}
    for key, value in data.items():
        items = value if isinstance(value, list) else [value]
        text = ", ".join(str(v) for v in items if isinstance(v, (str, int, float)))
        if text:
            read_header_line(f"{key}: {text}", scratch, False, 1)
    finish_header(scratch)
    for name in ("title", "organisers", "date", "url"):
        if (scratch.get(name) and not header.get(name)) or (name == "title" and scratch.get(name)
                                                          and header.get(name, "").startswith("{")):
            header[name] = scratch[name]


def _title_core(header: dict[str, str]) -> None:
    """A title without what stands around the session's name: tags in square brackets and reply marks
    before it (`[EXT] Re: Title`), a programme code in brackets after it (`Title [WS 214]`), and a short
    lead before a colon that only names the kind of session (`#tag session: title`) or the organisers
    presenting it (`UNDP and ITU present: Title`, recorded as the organisers when none are)."""
    title = header.get("title", "")
    if not title:
        return
    marks = "|".join(map(re.escape, sorted(map(str, notes_vocabulary()["header_labels"]["reply_marks"]),
                                           key=len, reverse=True)))
    core = re.sub(rf"^(?:\s*\[[^\[\]]{{1,15}}\]\s*|\s*(?i:{marks})\s*:\s*)+", "", title)
    # a code in square brackets only: a round bracket may be the title's own (`… (SDG 4)`)
    core = re.sub(r"\s*\[(?=[^\[\]]*\d)[A-Z]{1,5}[\s.-]?\d{1,4}[a-z]?\]\s*$", "", core)
    lead, colon, rest = core.partition(": ")
    words = lead.split()
    if colon and 1 <= len(words) <= 4 and len(rest.split()) >= 2:
        if lead == lead.lower() and (any(w.startswith("#") for w in words)
                                     or re.search(rf"\b{SESSION_NOUN}$", lead, re.IGNORECASE)):
            core = rest  # `#opendata session: open data for cities`
        elif len(words) >= 2 and words[-1].islower() and lists_organisations(" ".join(words[:-1])) \
                and not header.get("organisers"):
            header["organisers"] = organisers_written(" ".join(words[:-1]))  # `UNDP and ITU present: …`
            core = rest
    if core.strip() and len(core.split()) >= 2:
        header["title"] = core.strip()


def _bracket_before_title(header: dict[str, str]) -> None:
    """`(ITU, UNESCO) Title`: a bracket that lists organisations before the title names the
    organisers, not part of the title."""
    found = re.match(r"^\s*[(\[](?P<orgs>[^()\[\]]{2,80})[)\]]\s+(?P<rest>\S.{5,})$", header.get("title", ""))
    if not found or not lists_organisations(found.group("orgs")) or find_date(found.group("orgs")):
        return
    if header.get("organisers") and _plain(header["organisers"]) != _plain(found.group("orgs")):
        return
    header["organisers"] = organisers_written(found.group("orgs"))
    header["title"] = found.group("rest").strip()


def _weekday_of_the_week(header: dict[str, str], written: list[tuple[int, str]]) -> None:
    """A session dated only by its weekday (`Tuesday afternoon session: …`) under a line that spells
    out the event's days (`WSIS Forum 2025 (Mon 7 – Fri 11 July 2025)`): the day of those that falls
    on that weekday, when no top line but the span's own names one day."""
    numbers = _weekday_numbers()
    spans = [(n, date_span(_without_weekdays(line))) for n, line in written]
    spans = [(n, s) for n, s in spans if s]
    if len(spans) != 1:
        return
    span_line, span = spans[0]
    days = _span_days(span)
    if not days or any(find_dates(line) for n, line in written if n != span_line):
        return
    if header.get("date") and _day(header["date"]) not in days and header["date"] != span:
        return
    said = {numbers[w.lower()] for n, line in written if n != span_line
            for w in re.findall(r"[^\W\d_]+", line) if w.lower() in numbers}
    if len(said) != 1:
        return
    weekday = said.pop()
    match = [d for d in days if d.isoweekday() == weekday]
    if len(match) == 1:
        header["date"] = _written(match[0])


def _day_in_the_forum_week(header: dict[str, str], written: list[tuple[int, str]]) -> None:
    """Of several dates on the top lines (the draft's, a deadline's, the session's), the session's is
    the one inside the WSIS Forum's week of its year: it replaces a read date outside that week when
    it is the only such day named, in the same year, and the read date is later (a draft written after
    the session) or shares its line with another date (`draft of …, due …`)."""
    read = _day(header.get("date", ""))
    if read is None or _in_forum_week(read):
        return
    inside = {d for _, line in written for found in find_dates(line) for d in [_day(found)]
              if d is not None and _in_forum_week(d)}
    if len(inside) != 1:
        return
    day = inside.pop()
    # the read date is the draft's or a deadline's: later in the same year, or one of several on its line
    crowded = any(header["date"] in found and len(found) >= 2
                  for found in (find_dates(line) for _, line in written))
    if day.year == read.year and (read > day or crowded):
        header["date"] = _written(day)


def _in_forum_week(day: datetime.date) -> bool:
    first = _forum_weeks().get(day.year)
    return first is not None and 0 <= (day - first).days < WEEK_DAYS


def _span_days(span: str) -> list[datetime.date]:
    """The days of a span `7–11 July 2025`."""
    found = re.match(r"(?P<d1>\d{1,2})–(?P<d2>\d{1,2})\s+(?P<rest>\S+\s+\d{4})$", span)
    if not found:
        return []
    last = _day(f"{found.group('d2')} {found.group('rest')}")
    if last is None:
        return []
    count = int(found.group("d2")) - int(found.group("d1")) + 1
    return [last - datetime.timedelta(days=k) for k in reversed(range(count))]


def _without_weekdays(text: str) -> str:
    """A line without its weekday names (`Mon 7 – Fri 11 July 2025` -> `7 – 11 July 2025`)."""
    numbers = _weekday_numbers()
    return re.sub(r"[^\W\d_]+\.?", lambda m: "" if m.group(0).rstrip(".").lower() in numbers else m.group(0),
                  text)


def _day(written: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(written, "%d %B %Y").date()
    except ValueError:
        return None


def _written(day: datetime.date) -> str:
    return f"{day.day} {month_name(day.month)} {day.year}"


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


@cache
def _weekday_numbers() -> dict[str, int]:
    """Weekday forms and their ISO numbers (`notes-vocabulary.toml`, `[dates.weekday_numbers]`)."""
    return {str(k): int(v) for k, v in notes_vocabulary()["dates"]["weekday_numbers"].items()}


@cache
def _forum_weeks() -> dict[int, datetime.date]:
    """The first day of the WSIS Forum's week by year (`notes-vocabulary.toml`, `[event_weeks]`)."""
    weeks = notes_vocabulary()["event_weeks"]["wsis"]
    return {int(y): datetime.date.fromisoformat(str(d)) for y, d in weeks.items()}


@cache
def _file_extensions() -> tuple[str, ...]:
    """Extensions of a document's file name (`notes-vocabulary.toml`, `[header_formats]`)."""
    return tuple(str(e) for e in notes_vocabulary()["header_formats"]["file_extensions"])
