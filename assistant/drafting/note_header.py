"""Reads the header of session notes: title, organisers, date and session URL from the top lines.

The header fields sit in the first lines, before the first speaker, bullet or timestamp: labelled
(`Title: …`, `Organisers: …`, `Date: …`), run together on one line (`Title | WHO + ITU | 8 July`),
or unlabelled (a title alone on line 1, organisers in brackets under it). `read_header_line` is
called for each line of the notes in order and records what it finds in a `header` dict; fields
inferred from a line's shape are kept under `~name` until `finish_header`, so a labelled field
always wins over an inferred one.
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from assistant.domain.language import header_in_english
from assistant.domain.normalise import FOREIGN_MONTHS, MONTHS, expand_abbreviations, find_date, month_name
from assistant.domain.vocabulary import notes_vocabulary
from assistant.drafting.header_title import is_code, is_format, strip_code, strip_decorations
from assistant.drafting.note_lines import (
    BULLET,
    INTRO_COMMA,
    INTRO_PAREN,
    NAME,
    NOISE,
    PREFIX,
    TIMESTAMP,
    TITLE,
    clean_space,
)
from assistant.drafting.note_shapes import URL, is_aside

HEADER_MAX_CHARS = 400  # longer lines are never header lines (titles and organiser lists are shorter)
HEADER_ZONE_LINES = 10  # the header fields sit in the first lines, before the first speaker or bullet
# a line that only says what kind of document this is: `Transcript (auto-generated)`, `Minutes - draft`
DOC_LABEL = re.compile(
    r"^\W*(?:summary\s+record|minutes|transcript|raw\s+notes|live\s+notes|rough\s+notes|notes"
    r"|rapporteur['’]?s?\s+notes|compte[\s-]rendu|acta|transcripci[óo]n)\b"
    r"(?:\s*\([^()]{0,60}\))?"
    r"(?:\s*[-–—|:,]?\s*(?:\(?(?:draft|not\s+for\s+circulation|confidential|internal|auto-generated"
    r"|lightly\s+cleaned|unedited|v\d+|rev\.?\s*\d+)[^()]{0,40}\)?))*\W*$",
    re.IGNORECASE,
)


def _label_words(name: str) -> str:
    """One list of header labels (`templates/notes-vocabulary.toml`, `[header_labels]`) as a regex
    alternation, longest first, spaces matching any run of spaces."""
    words = sorted(notes_vocabulary()["header_labels"][name], key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


HEADER_LABEL = re.compile(
    # `Title of the session:`, `title for today -`: the title label with what it is the title of
    r"^(?P<label>title\s+(?:of|for)\s+(?:[^\W\d_]+\s+){0,2}[^\W\d_]+(?=\s*[:=–—-])"
    r"|session(?:\s+title|\s+name|\s+[A-Z]?\d{1,4}[a-z]?)?|title|topic|what|event|workshop|webinar"
    r"|(?:rapporteur['’]?s?\s+|session\s+)?notes\s+(?:from|for|on|of)|session\s+notes"
    r"|(?:organi[sz]ing\s+)?partners|by"
    # `Organizing entities:`, `Host organisation(s):`, `Lead organisation:`, `Session organisers -`
    r"|(?:session\s+|lead\s+|main\s+|hosting\s+|host\s+|partner\s+)?"
    r"(?:organi[sz]ing|lead|host|partner|convening)\s+(?:entit(?:y|ies)|organi[sz]ations?|institutions?"
    r"|bod(?:y|ies)|agenc(?:y|ies))(?:\(s\))?|session\s+(?:organi[sz]ers?|hosts?|conven[eo]rs?)(?:\(s\))?"
    r"|(?:lead\s+|main\s+)?organi[sz]ers?(?:\(s\))?|organi[sz]ations?(?:\(s\))?|lead|organi[sz]ed\s+by|org(?:s|\.)?|who"
    r"|org\s+by|hosted\s+by|hosts?|co-?organi[sz]ers?(?:\(s\))?|co-?leads?(?:\(s\))?|co-?hosts?|conven[eo]rs?(?:\(s\))?|facilitators?(?:\(s\))?"
    r"|date(?:\s*(?:/|and|&)\s*time)?|fecha|when|url|link(?:\s+to\s+(?:the\s+)?session)?"
    rf"|session\s+(?:url|page|link)|web|{_label_words('title')}|{_label_words('weak_title')}"
    rf"|{_label_words('date')})"
    r"(?:\s*\([^()]{0,60}\))?\s*(?::|-|–|—|=|\s(?=by\b))\s*(?P<value>.*)$",
    re.IGNORECASE,
)


def labelled_header_line(raw: str) -> str:
    """A top line that labels a header field in a list or a two-column export, as a plain labelled line:
    `- Title: …` -> `Title: …`, `Organisers<TAB>WFP, WHO` -> `Organisers: WFP, WHO`; '' for any other."""
    # `Label<TAB>value`, `Label   value`, `Label ....... value` (dot leaders)
    tabbed = re.match(r"^\s*(?P<label>[^\t:]{2,40}?)\s*(?:\t|\s{3,}|\s*\.{3,}\s*)\s*(?P<value>\S.*)$",
                      raw) or re.match(
        r"^\s*\|?\s*(?P<label>[^|:]{2,40}?)\s*\|\s*(?P<value>[^|]*[^|\s])\s*\|?\s*$", raw)  # `Date | 4 July`
    text = f"{tabbed.group('label')}: {tabbed.group('value')}" if tabbed else BULLET.sub("", raw, count=1)
    if text == raw or not HEADER_LABEL.match(clean_space(text)):
        return ""
    return clean_space(text)


def _organising_phrase() -> str:
    """`organised by`, `co-hosted by`, `convened by`, `organisée par`, `org. by`: a verb of organising
    (`templates/notes-vocabulary.toml`, `organising_verbs`, with or without `co-`) and its agent's
    preposition, as a regex."""
    words = notes_vocabulary()["header_labels"]
    verbs = "|".join(map(re.escape, sorted(words["organising_verbs"], key=len, reverse=True)))
    agents = "|".join(map(re.escape, words["agent_prepositions"]))
    return rf"(?:org\.?\s+by|(?:co-?)?(?:{verbs})\s+(?:{agents}))"


def _alternation(table: str, name: str) -> str:
    """A list of the notes vocabulary as a regex alternation, longest first."""
    return "|".join(map(re.escape, sorted(notes_vocabulary()[table][name], key=len, reverse=True)))


ORGANISED_BY = _organising_phrase()
WEEKDAY = rf"(?:{_alternation('dates', 'weekdays')})\.?"
SESSION_NOUN = rf"(?:{_alternation('header_labels', 'session_nouns')})"
ORG_BY = re.compile(rf"^{ORGANISED_BY}\s*:?\s+(?P<value>.+)$", re.IGNORECASE)  # `convened by: ITU`
# a top line opening on a `co-` organising verb and `with` (`Co-hosted with A by B`, `Co-organised with
# A and B`): every organisation named after it, the agent's preposition joining one more
CO_WITH = re.compile(rf"^co-?(?:{_alternation('header_labels', 'organising_verbs')})\s+"
                     r"(?:with|avec|con)\s+(?P<value>(?-i:[A-ZÀ-Þ0-9]|the\s+[A-ZÀ-Þ]).+)$", re.IGNORECASE)
# the organisers named in a clause at the top (`organisers are OECD and …, moderator is …`), or after
# the shorthand `w/` (with) under the title: the clause ends where the next one (`, moderator is`) starts
ORGS_ARE = re.compile(r"^(?:the\s+)?(?:co-?)?(?:organi[sz]ers?|hosts?|conven[eo]rs?|partners)"
                      # `the organizer of session was …`: the session named after the noun
                      rf"(?:\s+(?:of|for)\s+(?:the\s+|this\s+|our\s+)?{SESSION_NOUN})?"
                      r"\s+(?:are|is|were|was)\s+"
                      r"(?P<value>[^,;]+(?:,\s*(?![a-z]+\s+(?:is|are|was|were)\b)[^,;]+)*)", re.IGNORECASE)
# an organising verb alone before a list of organisations set off by a dot or a bar (`co-hosted · A · B`)
VERB_LIST = re.compile(
    rf"^(?:co-?)?(?:{_alternation('header_labels', 'organising_verbs')})\s*[·•|]\s*(?P<value>\S.*)$",
    re.IGNORECASE)
WITH_ORGS = re.compile(r"^w/\s*(?P<value>\S.*)$", re.IGNORECASE)
NO_URL = re.compile(r"^\s*(?:url|link)\s*[:=-]?\s*(?:n/?a|none|tbc|tbd|-)\s*$", re.IGNORECASE)
VENUE = re.compile(
    r"\b(?:room|venue|hall|sala|salle|geneva|wsis\s*(?:forum|'?\d{2})|montbrillant|cicg|online\s+only)\b",
    re.IGNORECASE,
)
# how a session was held (a closed class of formats and meeting platforms): never its organisers
PLATFORM = re.compile(r"\b(?:online|virtual|hybrid|in[\s-]person|remote|zoom|webex|teams|livestream\w*"
                      r"|webcast|en\s+ligne|en\s+l[ií]nea|virtuel|presencial)\b", re.IGNORECASE)
# a title named in a sentence near the top: after a noun for a kind of session, quoted (`the session
# on “…”`, `Workshop «…»`), after `titled`/`called` (`a panel titled …`), or between commas (`This
# session, …, was …`); `(?P<orgs>…)` is a bracket right after a quoted title (`“…” (ITU)`)
SESSION_QUOTED = re.compile(
    rf"\b{SESSION_NOUN}\b(?:\s+(?:(?:was|is)\s+)?(?:on|about|titled|entitled|called|named|sur|sobre)|\s*[:\-–])?\s*"
    r"[\"“«](?P<value>[^\"”»]{4,200})[\"”»](?:\s*[(\[](?P<orgs>[^()\[\]]{2,120})[)\]])?",
    re.IGNORECASE)
SESSION_NAMED = re.compile(
    rf"\b{SESSION_NOUN}(?:\s*,)?\s+(?P<how>titled|entitled|called|named|on)\s+(?P<value>(?-i:[A-ZÀ-Þ])[^,;.!?()]{{4,160}}?)"
    rf"(?=\s*(?:[,;.!?(]|$)|\s+{ORGANISED_BY}|\s+(?:on|at|in)\s+(?:{WEEKDAY}\b|\d)"
    r"|\s+(?:at|in)\s+(?:the\s+)?\S*\s*(?:room|venue|hall|sala|salle|cicg|montbrillant|geneva)\b)",
    re.IGNORECASE)
# the organisers as the subject of a sentence that says they held the session (`On 8 July, ITU and
# the GSM Association held a workshop titled …`): capitalised names before an organising verb in the
# active voice and a session noun
HELD_BY = re.compile(
    rf"(?:^|,\s+)(?P<value>(?:the\s+)?(?-i:[A-ZÀ-Þ])[^,;.!?]{{1,120}}?)\s+(?:co-?)?(?:held|hosted|organi[sz]ed|convened"
    rf"|ran|run|host|hold|organi[sz]e)\s+(?:a|an|the|this|their)\s+(?:\w+\s+)?{SESSION_NOUN}\b",
    re.IGNORECASE)
SESSION_APPOSITIVE = re.compile(
    rf"\b(?:this|the|today['’]s|our)\s+{SESSION_NOUN}\s*,\s*"
    r"(?P<value>(?-i:[A-ZÀ-Þ])[^,;]{4,160}?)\s*,\s*(?-i:[a-z])",
    re.IGNORECASE)
ORG_BY_ANY = re.compile(
    rf"\(?\b{ORGANISED_BY}\s+(?P<value>(?:[^|()]|\([^()]*\))+?)\s*(?:$|\||\)|,\s*(?=\d))",
    re.IGNORECASE,
)
EMPHASIS = re.compile(r"^[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}$|(?<=\S)[*_]{1,3}(?=\s+[—–|-]\s)"
                      r"|(?<=\s)[*_]{1,3}(?=\S)")
_MONTHS = "|".join(sorted(map(re.escape, {*MONTHS, *FOREIGN_MONTHS}), key=len, reverse=True))
# a day and a month with no year after them (`Tue 8 July`, `3rd of June`, `July 8th`, `8 juillet`)
DAY_MONTH = re.compile(
    rf"(?<![\w-])(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|º)?\s+(?:of\s+|de\s+)?(?P<month>{_MONTHS})\b\.?",
    re.IGNORECASE)
MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![:.h]\d)", re.IGNORECASE)
# a day and month in figures, day first, with no year (`09/07`, `9.7.`)
NUMERIC_DAY = re.compile(r"(?<![\d/.:])(?P<day>\d{1,2})[/.](?P<month>\d{1,2})\.?(?![\d/:])")
TIME_RANGE = re.compile(r"[\[(]?\d{1,2}[:h.]\d{2}(?:\s*(?:-|–|to|a|à)\s*\d{1,2}[:h.]\d{2})?\s*\w{0,4}[\])]?")
TRAILING_BRACKET = re.compile(r"\s*\((?P<orgs>[^()]{2,120})\)\s*$")  # `Title (ITU and UNCDF)`
# separators between the fields run together on one top line (`Org by ITU · 2 July 2025`)
FIELD_SEPARATOR = r"\s+[|–—·•]\s+|\s+-{1,2}\s+|\s*\|\s*"
QUOTED_LINE = re.compile(r"^[\"“'‘](?P<value>[^\"”]{6,200})[\"”'’]\s*$")


# a dash, bar or dot that separates the fields of a top line (`Title | ITU | 8 July`) is part of a
# title inside quotation marks (`"Generation Connect – Young People …"`): while the header is read,
# such a mark stands as a private character no separator matches; `finish_header` gives it back
QUOTED_SPAN = re.compile(r"[\"“«](?P<inner>[^\"“”«»]{4,200})[\"”»]")
SEPARATOR_MARKS = {"–": "\ue000", "—": "\ue001", "|": "\ue002", "·": "\ue003", "•": "\ue004", "-": "\ue005"}
MARKS_BACK = str.maketrans({v: k for k, v in SEPARATOR_MARKS.items()})


def _quoted_separators_kept(text: str) -> str:
    """The line with every field separator inside a quoted span written as a private character, so
    no rule cuts a quoted title at its dash; the line as it is when no quoted span holds one."""
    def keep(match: re.Match[str]) -> str:
        inner = re.sub(FIELD_SEPARATOR, lambda m: m.group(0).translate(str.maketrans(SEPARATOR_MARKS)),
                       match.group("inner"))
        return match.group(0).replace(match.group("inner"), inner)

    return QUOTED_SPAN.sub(keep, text) if re.search(FIELD_SEPARATOR, text) else text


def finish_header(header: dict[str, str]) -> None:
    """Labelled header fields win over fields inferred from the shape of a line; the event's track
    (`WSIS FORUM 2025 — ACTION LINE C7`) is the title only when no line names the session. The title
    loses what names the document (`Rapporteur notes:`, `Re:`) and organisers in brackets at its end,
    which become the organisers when no line names them. Separators kept inside quotes come back."""
    for name, value in list(header.items()):
        header[name] = value.translate(MARKS_BACK)
    opening, opening_line = header.pop("~first", ""), header.pop("~firstline", "")
    header.pop("~seen", "")
    guessed = header.get("~title", "")
    if guessed and opening and re.fullmatch(NAME, guessed) and re.match(TITLE, guessed):
        del header["~title"]  # `Dr. Ama Boateng` on a later line is a speaker, never the session
    if opening and not any(header.get(name) for name in ("title", "~title", "~heading", "~track")):
        header["~title"] = opening  # the notes' opening line, no other line naming the session
        header["~opening"] = opening_line  # its number: the notes reader takes it out of the content
    heading = header.pop("~heading", "")
    lower_title = header.get("~title", "x")[:1].islower()
    if heading and not header.get("title") and (heading.startswith("# ") or lower_title):
        # `# Title` under a preamble line or two (`typed on the bus, sorry`): the heading names the session
        header["~title"] = heading.lstrip("# ")
    elif heading and not header.get("title"):
        header.setdefault("~title", heading.lstrip("# "))
    for name in ("title", "organisers", "date", "url"):
        inferred = header.pop(f"~{name}", "")
        if inferred and not header.get(name):
            header[name] = inferred
    header.pop("~label", "")
    header.pop("~cell", "")
    header.pop("~linkopen", "")
    header.pop("~open", "")
    header.pop("~orglabel", "")
    header.pop("~banner", "")
    day, year = header.pop("~day", ""), header.pop("~year", "")
    span = header.pop("~span", "")
    event_day, wsis_year = header.pop("~eventday", ""), header.pop("~wsisyear", "")
    linked = re.findall(r"/((?:19|20)\d\d)/", header.get("url", ""))
    year = year or wsis_year or span[-4:] or next(iter(linked), "")
    if day and year and not header.get("date"):
        header["date"] = find_date(f"{day} {year}") or ""  # `Tue 8 July` under `WSIS FORUM 2025`
        if not header["date"]:
            del header["date"]
    first = str(notes_vocabulary()["event_weeks"]["wsis"].get(wsis_year, ""))
    if event_day and first and not header.get("date"):  # `Day 3` of the WSIS Forum 2025
        when = datetime.date.fromisoformat(first) + datetime.timedelta(days=int(event_day) - 1)
        header["date"] = f"{when.day} {month_name(when.month)} {when.year}"
    if span and not header.get("date"):  # `7–11 July 2025`: the event's week, when nothing names the day
        header["date"] = span
    track = header.pop("~track", "")
    if track and not header.get("title"):
        header["title"] = track
    if header.get("title"):
        header["title"] = _finished_title(header["title"], header)


def _finished_title(title: str, header: dict[str, str]) -> str:
    """A title without what names the document or the kind of session before it, organisers in a
    bracket at its end (recorded in `header` when no line names them) and the programme's code."""
    # `Youth Track: "Title"`: the quotation marks go, the series' name before them stays (a lead that
    # names the document, `Notes: "Title"`, goes below)
    title = re.sub(r"^(?P<lead>[^\"“”«»:]{1,40}:\s*)[\"“«](?P<inner>[^\"“”«»]{4,200})[\"”»]\s*$",
                   r"\g<lead>\g<inner>", title)
    whole = title
    title = _without_session_lead(_without_document_lead(title))
    bracket = TRAILING_BRACKET.search(title)
    if bracket and _bracket_names_organisers(title[: bracket.start()], bracket.group("orgs"), header):
        header.setdefault("organisers", _organisers(bracket.group("orgs")))
        title = title[: bracket.start()]
    title = title.strip(" .\"“”'‘’«»") or whole
    # `[S.231] Title — Workshop`: the programme's code and the kind of session go
    return strip_decorations(title).strip(" .\"“”'‘’«»")


def clean_title(text: str, header: dict[str, str] | None = None) -> str:
    """A whole top line read as the session's title (the line-role model's pick): without Markdown
    marks, a title label (`Session: …`), the programme's code and the decorations `finish_header`
    takes off; organisers in a bracket at its end go to `header` when given."""
    text = EMPHASIS.sub("", re.sub(r"^#{1,6}\s+", "", BULLET.sub("", text.strip(), count=1))).strip()
    label = HEADER_LABEL.match(text)
    if label and label.group("value").strip():
        text = label.group("value").strip()
    return _finished_title(strip_code(text), {} if header is None else header)


# a short label before a colon or a dash that opens a line of organisers (`Presented by:`, `Hosts —`)
ORGANISER_LEAD = re.compile(r"^(?P<lead>[^\W\d_][\w.'’/ -]{0,30}?)\s*(?::|\s[-–—]{1,2}\s)\s*(?P<value>\S.*)$")


def organisers_from_line(text: str, header: dict[str, str]) -> str:
    """The organisers a top line lists (the line-role model's pick), without a short label before
    them (`Presented by:`, `convenors —`, `w/`) and the date or place after them (the date recorded in
    `header` when none is); '' when what is left names no organisation."""
    value = EMPHASIS.sub("", BULLET.sub("", text.strip(), count=1)).strip()
    by = ORG_BY.match(value) or ORG_BY_ANY.search(value)
    lead = ORGANISER_LEAD.match(value)
    if by:
        value = by.group("value")
    elif lead and len(lead.group("lead").split()) <= 3 and not find_date(lead.group("lead")):
        value = lead.group("value")
    value = re.sub(r"^(?:w/|c/o)\s*", "", value, flags=re.IGNORECASE)
    value = _without_trailing_date(value, header).strip(" ,;.")
    if not value or not _names_organisations(value) or find_date(value) or _names_a_person(text) \
            or re.fullmatch(NAME, value):
        return ""
    return _organisers(value)


# a link written without its scheme: `www.…` with or without a path, or a host name with a path
# (`itu.int/net4/wsis/…`); a host without `www.` and without a path is no link (`e.g.`, `v2.1`)
WWW_LINK = re.compile(r"(?<![\w/.@])(?:www\.[\w-]+(?:\.[\w-]+)+(?:/[^\s<>\"')\]]*)?"
                      r"|(?:[a-z0-9-]+\.)+[a-z]{2,6}/[^\s<>\"')\]]+)", re.IGNORECASE)


def session_link(text: str) -> str:
    """The first link in a line, without the punctuation that closes the sentence or bracket around it
    (`(https://…).`, `<https://…>`); a `www.` link written without its scheme reads as `https://www.…`.
    A link that joins a meeting platform's call (`https://zoom.us/j/…`) is no session page: skipped."""
    for link in URL.finditer(text):
        if not _joins_a_call(link.group(0)):
            return link.group(0).rstrip(".,;:!?")
    for bare in WWW_LINK.finditer(text):
        if not _joins_a_call(bare.group(0)):
            return f"https://{bare.group(0).rstrip('.,;:!?')}"
    return ""


def _joins_a_call(link: str) -> bool:
    """True for a link to a meeting platform (the closed list `meeting_hosts`): it joins the call."""
    host = re.sub(r"^[a-z]+://", "", link.strip().lower()).split("/")[0].split(":")[0]
    return any(host == h or host.endswith(f".{h}") for h in _header_labels()["meeting_hosts"])


SESSION_ORGANISED = re.compile(
    rf"(?:\b(?:this|the|today['’]s|our)\s+|^\W*){SESSION_NOUN}\b[^.;:!?]{{0,80}}?\b{ORGANISED_BY}\s+"
    r"(?P<value>(?-i:[A-ZÀ-Þ]|the\s+[A-ZÀ-Þ]).{1,150})$",
    re.IGNORECASE)


def header_from_body(texts: list[str], header: dict[str, str]) -> None:
    """Fill header fields that the top lines left unread from a sentence further down that names the
    session (`Welcome to this session, organised by ITU and UNESCO, on …`, `the session “…” is part of
    …`); a field no line states stays unread."""
    for text in texts:
        if len(text) > HEADER_MAX_CHARS:
            continue
        if "organisers" not in header:
            match = SESSION_ORGANISED.search(text)
            if match:
                value = _without_trailing_date(match.group("value").rstrip(" .)]"), {})
                value = re.split(r",\s+(?=[a-z])|\s+(?:which|who|that|to|and\s+(?=[a-z]))\s+", value)[0]
                if _names_organisations(value) and len(value.split()) <= 16:
                    header["organisers"] = _organisers(value)
                    if "date" not in header and find_date(text):  # `… organised by FAO on 4 July 2025.`
                        header["date"] = find_date(text) or ""
        if "title" not in header:
            quoted = SESSION_QUOTED.search(text)
            if quoted and _title_alone(quoted.group("value").strip()):
                header["title"] = quoted.group("value").strip()
                orgs = quoted.group("orgs") or ""  # `… the session “Title” (WFP, WHO), 8 July 2025`
                if orgs and "organisers" not in header and _names_organisations(orgs) \
                        and not find_date(orgs) and not VENUE.search(orgs) and not is_aside(orgs):
                    header["organisers"] = _organisers(orgs)
                    if "date" not in header and find_date(text[quoted.end():]):
                        header["date"] = find_date(text[quoted.end():]) or ""


def _without_document_lead(title: str) -> str:
    """A title without e-mail reply marks and a short lead-in naming the document before a colon,
    a dash or the quoted title: `Re: Rapporteur notes: Title`, `Notes - Title`, `notes from today “Title”`."""
    labels = _header_labels()
    marks = "|".join(map(re.escape, labels["reply_marks"]))
    text = re.sub(rf"^\s*(?:(?:{marks})\s*:\s*)+", "", title, flags=re.IGNORECASE)
    lead = re.match(r"^(?P<lead>[^:\"“«]{1,60}?)\s*(?::|\s[-–—]{1,2}\s|(?=[\"“«]))\s*(?P<rest>\S.*)$", text)
    words = "|".join(map(re.escape, labels["document_words"]))
    if lead and len(lead.group("lead").split()) <= 6 and re.search(rf"\b(?:{words})\b", lead.group("lead"),
                                                                     re.IGNORECASE):
        text = lead.group("rest")
    # `[Title] notes`, `(Title) - rough notes`: the title in brackets, a word naming the document after it
    bracketed = re.match(rf"^[\[(](?P<title>[^\[\]()]{{4,200}})[\])]\s*[-–—:,]?\s*(?:\w+\s+)?(?:{words})\W*$",
                         text, re.IGNORECASE)
    if bracketed:
        text = bracketed.group("title")
    return text.strip()


def _without_session_lead(title: str) -> str:
    """A title without a lead-in that names the notes and the kind of session before it:
    `Notes from the session on Title` -> `Title`, `my notes on today's workshop about Title` -> `Title`."""
    words = "|".join(map(re.escape, _header_labels()["document_words"]))
    lead = re.match(
        rf"^(?:[\w'’]+\s+){{0,2}}?(?:{words})\s+(?:from|for|on|of|at)\s+(?:the\s+|this\s+|today['’]s\s+|our\s+)?"
        rf"{SESSION_NOUN}\s+(?:on|about|titled|entitled|called|named)\s+(?P<rest>\S.*)$",
        title, re.IGNORECASE)
    if lead and len(lead.group("rest").split()) >= 2:
        return lead.group("rest")
    return title


def _bracket_names_organisers(before: str, inner: str, header: dict[str, str]) -> bool:
    """True when a bracket at the end of a title line names the organisers (`Title (ITU and UNCDF)`),
    not an acronym of the words before it (`Artificial intelligence (AI)`) or a remark (`(draft)`)."""
    inner = inner.strip()
    if PLATFORM.search(inner):
        return False  # `(online, Zoom)`: how the session was held, not who held it
    if not _names_organisations(inner) or _doc_label_or_number(inner) or is_aside(inner) \
            or VENUE.search(inner) or re.search(r"(?:19|20)\d\d|\d{1,2}[:h.]\d{2}", inner):
        return False
    if _organisation_list(inner):
        return True
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", before)).upper()
    acronym = inner.replace(" ", "").upper()
    return "organisers" not in header and len(inner.split()) <= 6 and acronym not in initials


def _spells_out(before: str, inner: str) -> bool:
    """True when a bracket spells out the acronym right before it (`ITC (International Trade Centre)`):
    the initials of its capitalised words are that acronym, so it names no other organisation."""
    last = before.split()[-1] if before.split() else ""
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’-]*", inner) if w[0].isupper())
    return 2 <= len(last) <= 6 and last.isupper() and initials.upper() == last


@cache
def _header_labels() -> dict[str, tuple[str, ...]]:
    """The closed vocabulary of header labels (`templates/notes-vocabulary.toml`, `[header_labels]`)."""
    return {k: tuple(str(w) for w in v) for k, v in notes_vocabulary()["header_labels"].items()}


# two days of one month (`4–5 July 2025`, `July 4-5, 2025`): the span of an event more often than a session
DAY_SPAN = re.compile(
    rf"(?<![\w-])(?P<d1>\d{{1,2}})(?:st|nd|rd|th|er)?\s*(?:-|–|—|to|au|al|and|&)\s*"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+)?(?P<month>{_MONTHS})\.?,?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)\b"
    rf"|\b(?P<month2>{_MONTHS})\.?\s+(?P<e1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|—|to|and|&)\s*"
    rf"(?P<e2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>(?:19|20)\d\d)\b",
    re.IGNORECASE)


def _event_day(text: str, header: dict[str, str]) -> None:
    """Record what a top line says of the event: the year of a WSIS event it names (`WSIS Forum 2025`,
    `WSIS+20 Forum High-Level Event 2024`) and the day of the event it counts (`Day 3`)."""
    names = "|".join(map(re.escape, sorted(_header_labels()["event_names"], key=len, reverse=True)))
    wsis = re.search(rf"(?i:\b(?:{names}))[\w\s+'-]{{0,30}}?\b((?:19|20)\d\d)\b", text)
    if wsis and "wsis" in wsis.group(0).lower():
        header.setdefault("~wsisyear", wsis.group(1))
    words = "|".join(map(re.escape, notes_vocabulary()["event_weeks"]["day_words"]))
    day = re.search(rf"(?i:\b(?:{words}))\s+(?P<n>[1-7])\b(?!\s*(?:[:h.]\d|%|st|nd|rd|th))", text)
    if day:
        header.setdefault("~eventday", day.group("n"))


def _date_span(text: str) -> str:
    """Two days of one month a line names (`4–5 July 2025` -> `4–5 July 2025`), or ''."""
    match = DAY_SPAN.search(text)
    if not match:
        return ""
    first, last = (match.group("d1"), match.group("d2")) if match.group("d1") else (match.group("e1"),
                                                                                      match.group("e2"))
    raw = (match.group("month") or match.group("month2")).lower()
    month = MONTHS.get(raw) or FOREIGN_MONTHS.get(raw)
    if not month or not 1 <= int(first) < int(last) <= 31:
        return ""
    return f"{int(first)}–{int(last)} {month_name(month)} {match.group('year') or match.group('year2')}"


def read_header_line(text: str, header: dict[str, str], seen_content: bool, number: int = 0) -> str:
    """Record a header field stated on this line; returns the field name ('' if none).

    The first line of the notes that no rule reads as a field, and that could be a title, is kept
    apart (`~first`): notes open on their session's title far more often than on anything else, so it
    names the session when no other top line does (`finish_header`).
    """
    text = _quoted_separators_kept(text)
    if _link_carried_on(text, header):
        return "url"
    if _listed_organiser(text, header) or _organiser_cell(text, header):
        return "organisers"
    opened = header.pop("~open", "")
    if opened and not seen_content and "title" not in header and _carries_on(opened, text):
        # a title wrapped onto a second line: `Community networks at the last mile:` / `lessons from …`
        header["~title"] = f"{opened} {text.strip()}"
        header["~opening"] = header.get("~seen", "")  # its first part is no point either
        header.pop("~first", None)
        return "title"
    first = 1 <= number <= 3 and "~seen" not in header and not seen_content and bool(text.strip())
    if first:
        header["~seen"] = str(number)
        if first_line_title(text.rstrip().rstrip(":")) and not HEADER_LABEL.match(text.strip()):
            header["~open"] = text.strip()  # the opening line, in case its title goes on below
    kind = _read_top_line(text, header, seen_content, number)
    if kind == "url":
        _note_open_link(text, header)
    if first and not kind and first_line_title(text):
        header["~first"] = EMPHASIS.sub("", re.sub(r"^#{1,6}\s+", "", text.strip())).strip()
        header["~firstline"] = str(number)
    return kind


def _listed_organiser(text: str, header: dict[str, str]) -> bool:
    """True for a bulleted item under an organisers label that stands alone (`Partners:` then `- WFP`,
    `- UNICEF`): the item is added to the organisers; the label stays pending for the next item."""
    label = header.get("~label", "")
    item = BULLET.sub("", text, count=1).strip()
    starts = _header_labels()["organiser_starts"]
    if not label or item == text.strip() or not label.lower().startswith(starts):
        return False
    if not item or len(item.split()) > 8 or not _names_organisations(item) or find_date(item) \
            or _names_a_person(item) or is_aside(item):
        return False
    known = header.get("organisers")
    header["organisers"] = _organisers(f"{known}, {item}") if known else item
    return True


def _note_open_link(text: str, header: dict[str, str]) -> None:
    """Remember a session link that a line ends on in mid-path (`…/agenda/` at the end of the line): a
    link wrapped by the editor or the mail program goes on at the start of the next line."""
    for name in ("url", "~url"):
        link = header.get(name, "")
        if link and link.endswith(("/", "-", "_", "=")) and text.rstrip().endswith(link[len("https://"):][-12:]):
            header["~linkopen"] = name
            return


def _link_carried_on(text: str, header: dict[str, str]) -> bool:
    """True for a line that carries on the link the line above ended on in mid-path (`item/12` under
    `Link: https://…/agenda/`): one run of a link's path characters, added to the link."""
    name = header.pop("~linkopen", "")
    rest = text.strip()
    if not name or not header.get(name) or not re.fullmatch(r"[\w\-./?=&%#~+]{1,200}", rest) \
            or rest.lower().startswith(("http", "www.")) or not re.search(r"[/\d?=]", rest):
        return False
    link = header[name]
    if link.endswith("=") and "?" not in link.rsplit("/", 1)[-1]:
        link = link[:-1]  # a quoted-printable soft break (`…/Se=` / `ssion/377`), not a query's `key=`
    header[name] = session_link(link + rest) or link + rest
    return True


def _organiser_cell(text: str, header: dict[str, str]) -> bool:
    """True for a further organisation on a line of its own under the first one of a bare organisers
    label (a table pasted from a word processor: `Organisers` / `WFP` / `Red Cross` / `Date` / …): a
    short line of capitalised words naming one organisation, added."""
    if not header.pop("~cell", "") or not header.get("organisers"):
        return False
    item = text.strip()
    words = item.split()
    if not 1 <= len(words) <= 6 or _bare_label(item) or HEADER_LABEL.match(item) or find_date(item) \
            or URL.search(item) or WWW_LINK.search(item) or VENUE.search(item) or _names_a_person(item) \
            or is_aside(item) or not _names_organisations(item) or item.endswith((".", ":", "?", "!")) \
            or not all(w[0].isupper() or w.lower() in _linking_words() | {"of", "for", "on"} for w in words):
        return False
    header["organisers"] = _organisers(f"{header['organisers']}, {item}")
    header["~cell"] = "1"  # the next line may be one more
    return True


def _carries_on(opened: str, text: str) -> bool:
    """True when a top line carries on the title of the opening line above it: it starts in lower
    case, could be part of a title, and the line above stops on a colon or a linking word (`… at the
    last mile:`, `… energy for`) or this one starts on a preposition (`for island grids`)."""
    words = text.strip().split()
    if not words or not re.match(r"^[a-zà-ÿ]", words[0]) or not first_line_title(text) \
            or not any(c.isupper() for c in opened):
        return False
    linking = _linking_words()
    last = opened.rstrip().split()[-1].lower()
    prepositions = frozenset(str(w) for w in notes_vocabulary()["telegraphic"]["prepositions"])
    return opened.rstrip().endswith(":") or last in linking or words[0].lower() in prepositions


@cache
def _linking_words() -> frozenset[str]:
    """Prepositions, articles and conjunctions (closed lists of the notes vocabulary): a title line
    never ends on one, and a line that starts on one carries on the line above."""
    words = notes_vocabulary()["telegraphic"]["prepositions"]
    return frozenset(str(w) for w in words) | {"and", "or", "the", "a", "an", "&"}


def first_line_title(text: str) -> bool:
    """True for an opening line that may be the session's title though no rule reads it as one (a
    figure in it, a question mark at its end, a kind of session before a colon): 2 to 24 words, no
    link, time, bullet, date, person or sentence, nothing that only names the document or the event."""
    text = EMPHASIS.sub("", re.sub(r"^#{1,6}\s+", "", text.strip())).strip()
    words = text.split()
    return (2 <= len(words) <= 24 and not URL.search(text) and not TIMESTAMP.match(text)
            and not BULLET.match(text) and not find_date(text) and not _names_a_person(text)
            and not text.endswith((".", ":", ";", ",", "!")) and not is_aside(text) and not NOISE.search(text)
            and not DOC_LABEL.fullmatch(text) and not _doc_label_or_number(text)
            and not re.fullmatch(r"[\[(].*[\])]", text) and not INTRO_PAREN.match(text)
            and _event_line(text) is None and re.search(r"[^\W\d_]{3}", text) is not None
            and not (VENUE.search(text) and len(words) <= 5))  # `Geneva, CICG Room 2`: the venue


def _read_top_line(text: str, header: dict[str, str], seen_content: bool, number: int = 0) -> str:
    """Record a header field stated on this line; returns the field name ('' if none).

    Around the line reader (`_read_line_fields`): a span of days on a top line is kept apart (`~span`)
    and stands for the date only when no line names one day (it is more often the event's week than the
    session's day); a session link on a top line that says more (`Title (https://…)`) gives the URL and
    the rest of the line is read on its own; organisers in square brackets read as in round ones.
    """
    if seen_content or not 1 <= number <= HEADER_ZONE_LINES or len(text) > HEADER_MAX_CHARS:
        return _read_line_fields(text, header, seen_content, number)
    if not _has_title(header):
        text = strip_code(text)  # `S-118 · Title — Workshop`: the programme's code is no field of the line
    slashed = [p.strip() for p in text.split(" / ")]
    if len(slashed) >= 3 and all(slashed) and any(find_date(p) for p in slashed) \
            and not HEADER_LABEL.match(text) and " | " not in text:
        text = " | ".join(slashed)  # `notes / Title / WHO & ITU / 9 Jul 2025 / room 3`: fields, slashed
    quoted = QUOTED_AFTER_LEAD.match(text.strip())
    if quoted and number <= 3 and "title" not in header and "~title" not in header \
            and _quoted_title(quoted.group("value"), quoted.group("lead")):
        lead = quoted.group("lead") if re.match(
            rf"^{re.escape(quoted.group('lead'))}\s*:\s*[\"“«‘]", text.strip()) else ""
        header["~title"] = series_name(lead) + quoted.group("value").strip()  # `Rapporteur log — "Title"`
        header.pop("~track", None)
        found = find_date(quoted.group("lead"))
        if found:
            header.setdefault("date", found)
        return "title"
    if _title_under_banner(text, header, number):
        header["~title"] = text.strip()  # the session's own title under the event's banner
        header.pop("~track", None)
        return "title"
    span = _date_span(text)
    had_date = "date" in header
    link = URL.search(text)
    if link and not NO_URL.match(text) and not _joins_a_call(link.group(0)):
        rest = clean_space(text[: link.start()] + " " + text[link.end():])
        # `(session page: <link>)`: a bracket left with only the link's label goes with the link
        rest = re.sub(r"[(\[<]\s*(?:[^\W\d_][\w ]{0,30}:)?\s*[)\]>]|<\s*$|^\s*>", " ", rest).strip(" ,;|–—-")
        if len(rest.split()) >= 3 and not rest.endswith(":") and not HEADER_LABEL.match(rest):
            header.setdefault("url", link.group(0).rstrip(".,;:"))
            text = rest  # `Drone blood runs to hill clinics (https://…)`: the title is the rest
    bracket = re.search(r"\[(?P<inner>[^\[\]]{2,80})\]\s*$", text)
    if bracket and _names_organisations(bracket.group("inner")) and len(bracket.group("inner").split()) <= 8 \
            and not is_aside(bracket.group("inner")):
        text = f"{text[: bracket.start()]}({bracket.group('inner')})"  # `Title [WFP]`
    _event_day(text, header)
    kind = _read_line_fields(text, header, seen_content, number)
    if number <= 2 and _banner(text):
        header["~banner"] = str(number)
    if span:
        header.setdefault("~span", span)
        if not had_date and "date" in header and header["date"] in span:
            del header["date"]  # the span's last day is no day of its own
    return kind or ("date" if span else "")


# a top line that is a short lead-in, a separator, then a quoted title and nothing after it
# (`Rapporteur log — "Title"`, `Notebook -- session 412, "Title"`)
QUOTED_AFTER_LEAD = re.compile(
    r"^(?P<lead>[^\"“«‘]{1,60}?)\s*(?:[-–—:|,]{1,2})\s*[\"“«‘](?P<value>[^\"”»’]{6,200})[\"”»’]\s*$")


def series_name(lead: str) -> str:
    """`Youth Track: ` when a quoted title follows a colon after `lead` and the lead's last field (`WSIS
    Forum 2021 | Youth Track`) is the short name of the session's series or track: one to three
    capitalised words, no label, document word, event, date or figure; '' for any other lead (the
    caller passes '' when no colon stands between the lead and the quoted title)."""
    lead = lead.strip().rstrip(":").strip()
    if not lead:
        return ""
    name = re.split(FIELD_SEPARATOR, lead)[-1].strip()
    words = re.findall(r"\S+", name)
    documents = "|".join(map(re.escape, _header_labels()["document_words"]))
    if (not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) or re.search(r"\d", name)
            or HEADER_LABEL.match(f"{name}: x") or re.search(rf"\b(?:{documents})\b", name, re.IGNORECASE)
            or _event_line(f"{name} 2000 - x") is not None or not re.fullmatch(r"[\w' .&-]+", name)):
        return ""
    return f"{name}: "


def _quoted_title(value: str, lead: str) -> bool:
    """True when a quoted part of a top line names the session (see `QUOTED_AFTER_LEAD`): 2 to 18 words
    opening with a capital and no end stop (a colon inside the quotes is the title's own), after a
    lead-in of up to six words that names no person and holds no sentence."""
    words = value.split()
    return (2 <= len(words) <= 18 and re.match(r"^[A-ZÀ-Þ0-9]", value) is not None
            and not value.rstrip().endswith((".", "!", "?", ",", ";")) and len(lead.split()) <= 6
            and not _names_a_person(f"{lead}: x") and not re.search(r"[.!?]\s", lead)
            and not is_aside(value) and not NOISE.search(value))


def _banner(text: str) -> bool:
    """A top line in capitals only that names the event, its track or the kind of meeting over the
    session's own title (`SUMMARY RECORD — THEMATIC WORKSHOP 118`, `AGENDA ITEM 4 | …`): no lower-case
    letter, and a figure or a separator between fields (a title in capitals has neither)."""
    letters = re.findall(r"[^\W\d_]", text)
    return len(letters) >= 4 and not any(c.islower() for c in letters) \
        and bool(re.search(rf"\d|{FIELD_SEPARATOR}", text))


def _title_under_banner(text: str, header: dict[str, str], number: int) -> bool:
    """True for the line that names the session right under a banner in capitals (`_banner`): a title
    alone, in mixed case and opening with a capital, that is no list of organisers, date, venue,
    document label or label of a field. A labelled title elsewhere still wins (`finish_header`)."""
    banner = header.get("~banner", "")
    if not banner or not 0 < number - int(banner) <= 2 or "title" in header:
        return False
    text = text.strip()
    return (_title_alone(text) and re.match(r"^[\"“«'‘]?[A-ZÀ-Þ]", text) is not None
            and any(c.islower() for c in text) and not ORG_BY_ANY.search(text) and not ORG_BY.match(text)
            and not _organisation_list(re.sub(r"\s*[|·•;]\s*", ", ", text)) and not _one_organisation(text)
            and not find_date(text) and not VENUE.search(text) and not DOC_LABEL.match(text)
            and not INTRO_PAREN.match(text) and not _doc_label_or_number(text))


def _read_line_fields(text: str, header: dict[str, str], seen_content: bool, number: int = 0) -> str:
    """Record a header field stated on this line; returns the field name ('' if none).

    A line longer than any header line (notes pasted as one paragraph, or as one line) is content:
    taking it for the title line would drop everything said in it.
    """
    if len(text) > HEADER_MAX_CHARS:
        return ""
    if text.rstrip().endswith(":") and (INTRO_COMMA.match(text) or INTRO_PAREN.match(text)) \
            and not HEADER_LABEL.match(text):
        return ""  # `Karin Berg, Swedish Maritime Administration:` heads a speaker's block, not the header
    text = header_in_english(text)  # issue 27: `Organizado por:`, `Fecha: 12 de marzo de 2025`
    text = re.sub(r"^[=#*~]{2,}\s*|\s*[=#*~]{2,}$", "", text)  # `=== Title | date | org ===`
    heading = re.match(r"^(?P<marks>#{1,2})\s+(?P<text>\S.*)$", text)
    if heading and not seen_content and 1 <= number <= HEADER_ZONE_LINES and "~heading" not in header \
            and "title" not in header and _title_alone(heading.group("text").strip(" *_")) \
            and not DOC_LABEL.match(heading.group("text")) and _event_line(heading.group("text")) is None:
        # the first Markdown heading of the top lines, kept apart (`finish_header` weighs it)
        marks = "# " if heading.group("marks") == "#" else ""
        header["~heading"] = marks + heading.group("text").strip(" *_")
        return "title"
    text = re.sub(r"^#{1,6}\s+", "", text)  # `# Title`: a Markdown heading over the notes
    text = EMPHASIS.sub("", text).strip()  # `**Title**`, `_Organised by ITU_`: Markdown emphasis
    if not seen_content and 1 <= number <= HEADER_ZONE_LINES and "~day" not in header and not find_date(text):
        day = DAY_MONTH.search(text) or MONTH_DAY.search(text)
        if day:  # a day and month without the year (`Tue 8 July, 14:00`): the year may come from elsewhere
            month = MONTHS.get(day.group("month").lower()) or FOREIGN_MONTHS.get(day.group("month").lower())
            if month:
                header["~day"] = f"{int(day.group('day'))} {month_name(month)}"
        numeric = NUMERIC_DAY.search(text)
        if not day and numeric and TIME_RANGE.search(text[numeric.end():]) \
                and 1 <= int(numeric.group("day")) <= 31 and 1 <= int(numeric.group("month")) <= 12:
            # `09/07 | 11:00-12:00`: day and month in figures before the time, the year from elsewhere
            header["~day"] = f"{int(numeric.group('day'))} {month_name(int(numeric.group('month')))}"
    if not seen_content and _led_by_person(text):
        return "moderator"  # `Moderated by Name (Org)`: who runs the talk, never the organisers
    if not seen_content and _names_the_note_taker(text):
        return "note-taker"  # `Rapporteur: Kim Lee`, `rapp - me`: about the note-taking, not the session
    pending = header.pop("~label", "")
    sentence = bool(re.search(r"[.!?]$", text.strip())) and len(text.split()) >= 10
    if pending and text and not seen_content and not PREFIX.match(text) and not INTRO_PAREN.match(text) \
            and not sentence:  # a whole sentence under `Session 142` is no value of the label: read alone
        text = f"{pending}: {text}"  # `Organisers` on a line of its own, the value on the next line
        if pending.lower().startswith(_header_labels()["organiser_starts"]):
            header["~cell"] = "1"  # more organisations may follow, one a line
    elif not seen_content and _bare_label(text):
        header["~label"] = re.sub(r"\s+[-–—]+$", "", text.strip(" :*_")).strip()
        return "label"
    fields = re.split(r"\s*;\s*(?=[^;:=]{2,40}[:=])", text)  # `Label: …; Label: …`, `key=…; key=…`
    if len(fields) > 1 and all(HEADER_LABEL.match(f) for f in fields):
        # `Lead organiser: ITU; Co-organisers: SPC, UNDP`: two labelled fields on one line
        kinds = [read_header_line(f, header, seen_content, number) for f in fields]
        return kinds[0]
    match = HEADER_LABEL.match(text)
    if match and " | " in match.group("value") \
            and match.group("label").lower().startswith(_header_labels()["organiser_starts"]):
        parts = [p.strip() for p in match.group("value").split(" | ") if p.strip()]
        if all(_names_organisations(p) and not find_date(p) and not VENUE.search(p) and len(p.split()) <= 6
               and not HEADER_LABEL.match(p) for p in parts):  # `Partners: WFP | Red Cross | SPC`: one list
            text = f"{text[: match.start('value')]}{', '.join(parts)}"
            match = HEADER_LABEL.match(text)
    sep = " | " if match and " | " in match.group("value") else " / "
    titled = bool(match and match.group("label").lower().startswith(_header_labels()["title"]))
    if match and (sep == " | " or (titled and match.group("value").count(" / ") >= 2)):
        # `Session: Title | facilitator: UNDP | 9 Jul 2025`, `Session: Title / WHO + IRENA / 8 July 2025`
        first, *others = [p.strip() for p in match.group("value").split(sep) if p.strip()]
        first_kind = read_header_line(f"{text[: match.start('value')]}{first}", header, seen_content, number)
        for other in others:
            if "organisers" not in header and _organisation_list(other):
                header["organisers"] = _organisers(other)
                continue
            joined = _joining(other)
            if joined and header.get("organisers"):  # `Facilitator: SPC | co-organised with ITU`
                header["organisers"] = _organisers(f"{header['organisers']}, {joined}")
                continue
            read_header_line(other, header, seen_content, 0) or _header_segment(other, header)
        return first_kind
    if match:
        label, value = match.group("label").lower(), match.group("value").strip()
        if re.match(r"title\s+(?:of|for)\s", label):
            label = "title"  # `Title of this session:`
        if re.match(r"session\s+(?:organi|host|conven)", label):
            label = label.split(None, 1)[1]  # `Session organisers`: the organisers, not the title
        numbered = re.fullmatch(r"session\s+[a-z]?\d{1,4}[a-z]?", label)  # `Session 214: Title`
        labels = _header_labels()
        if label in labels["weak_title"] and value and ("~banner" in header or not _has_title(header)):
            header["~title"] = value.strip("\"“”'«» ")  # `Theme : …` under a banner in capitals
            header.pop("~track", None)
            return "title"
        titled = label in labels["title"] or bool(re.match(r".*notes\s+\w+$", label))
        if (titled or numbered) and value:
            orgs = ORG_BY_ANY.search(value)  # `Title: «…» (organised by WMO and UN-Habitat)`
            if orgs and orgs.start() > 0:
                header.setdefault("organisers", _organisers(orgs.group("value")))
                value = value[: orgs.start()]
            if not re.search(FIELD_SEPARATOR, value):
                value = _without_closing_date(value, header)  # `Session: Title (FAO), 4 July 2025`
            header.setdefault("title", value.strip(" –—-|").strip("\"“”'«»‹› ").strip())
            return "title"
        if label in labels["ambiguous_organiser_labels"] and (
                _names_a_person(value) or not (_organisation_list(value) or _one_organisation(value))):
            return ""  # `Who: Ana Ruiz (WFP)`: the speakers, not the organisers
        if label.startswith(labels["organiser_starts"]) and value:
            if (label.startswith(labels["added_organiser_starts"])
                    and not label.startswith(labels["convener_starts"]) and header.get("organisers")):
                # `Organizer: WHO` then `Co-organizers: IRENA`: one list of organisers
                header["organisers"] = _organisers(f"{header['organisers']}, {value}")
            elif header.get("organisers") and header.get("~orglabel", label).split()[0] != label.split()[0]:
                # `Host: DAISY Consortium` then `Org: UNESCO`: two labelled lines, one list of organisers
                more = _organisers(_without_trailing_date(value, header))
                if not organisation_words(more) <= organisation_words(header["organisers"]):
                    header["organisers"] = _organisers(f"{header['organisers']}, {more}")
            else:
                header.setdefault("organisers", _organisers(_without_trailing_date(value, header)))
            header.setdefault("~orglabel", label)
            return "organisers"
        if label.startswith("date") or re.sub(r"\s+", " ", label) in labels["date"]:
            found = find_date(value)
            if found:
                header.setdefault("date", found)
            orgs = ORG_BY_ANY.search(value)  # `Date : 9 July 2025 -- organised by …`: a second field
            if orgs and orgs.start() > 0 and "organisers" not in header:
                header["organisers"] = _organisers(orgs.group("value"))
            return "date"
        if label in {"url", "link", "web"} or label.startswith("session "):
            link = session_link(value)
            if link:
                header.setdefault("url", link)
            return "url"
    match = VERB_LIST.match(text)
    if match and not seen_content and "organisers" not in header:
        parts = [p.strip() for p in re.split(r"\s*[·•|]\s*", match.group("value")) if p.strip()]
        if parts and all(_names_organisations(p) and len(p.split()) <= 6 and not find_date(p) for p in parts):
            header["organisers"] = _organisers(", ".join(parts))  # `co-hosted · A · B · C`
            return "organisers"
    match = ORG_BY.match(text)
    if match:
        header.setdefault("organisers", _organisers(_without_trailing_date(match.group("value"), header)))
        return "organisers"
    match = CO_WITH.match(text)
    if match and not seen_content:
        value = _without_trailing_date(match.group("value"), header)
        agents = _alternation("header_labels", "agent_prepositions")
        # `with A by the B`: two organisers
        value = re.sub(rf"\s+(?:{agents})\s+(?=(?:the\s+)?[A-ZÀ-Þ])", ", ", value)
        if _names_organisations(value):
            header.setdefault("organisers", _organisers(value))
            return "organisers"
    stated = ORGS_ARE.match(text) or WITH_ORGS.match(text)
    if stated and not seen_content and "organisers" not in header and (
            stated.re is ORGS_ARE or (_has_title(header) and _capitalised_list(stated.group("value")))):
        header["organisers"] = _organisers(_without_trailing_date(stated.group("value"), header))
        return "organisers"
    kind_numbered = re.match(rf"^(?:[A-Z][\w-]*\s+){{1,4}}(?i:{SESSION_NOUN})\s*#?\s*\d{{1,3}}\s*[:–—-]\s*\S",
                             text)
    if kind_numbered and not seen_content and 1 <= number <= 3 and "~title" not in header \
            and _title_alone(re.sub(r"\d", "", text).replace(":", " -")):
        header.setdefault("~title", text.strip(" ."))  # `High-Level Policy Session 5: Title`, kind kept
        return "title"
    if re.match(r"^(?:where|venue|location|lieu|lugar|place)\s*:", text, re.IGNORECASE):
        return "venue"
    if not seen_content:
        title = SESSION_QUOTED.search(text) or SESSION_NAMED.search(text) or SESSION_APPOSITIVE.search(text)
        # `the session on Community networks as …, hosted by APC`: an organising clause after it
        # vouches for a title in sentence case
        vouched = bool(title and re.match(rf"\s*,?\s*{ORGANISED_BY}\s", text[title.end():], re.IGNORECASE))
        if title and title.re is not SESSION_QUOTED and (
                not _title_alone(title.group("value").strip())
                or ((title.groupdict().get("how") or "").lower() == "on"
                    and not _title_case(title.group("value")) and not vouched)):
            title = None  # `the session on Time management was moved`, `this session, Held in …`: no title
        orgs = ORG_BY_ANY.search(text)
        held = HELD_BY.search(text) if title else None
        if held and _capitalised_list(re.sub(r"^the\s+", "", held.group("value"), flags=re.IGNORECASE)) \
                and not _names_a_person(held.group("value")):
            header.setdefault("organisers", _organisers(held.group("value")))
        if title:
            header.setdefault("title", title.group("value").strip())
            bracket = title.groupdict().get("orgs")
            if bracket and _names_organisations(bracket) and not _doc_label_or_number(bracket) \
                    and not is_aside(bracket) and not VENUE.search(bracket) and not find_date(bracket) \
                    and not DAY_MONTH.search(bracket) and not MONTH_DAY.search(bracket):
                header.setdefault("organisers", _organisers(bracket))  # `session “Title” (WFP)`
        if orgs:
            header.setdefault("organisers", _organisers(_without_trailing_date(orgs.group("value"), header)))
        if title or orgs:
            found = find_date(text)
            if found:
                header.setdefault("date", found)
            if orgs and not title:
                for part in re.split(r"\s*\|\s*|\s+(?:--|–|—)\s+", text):
                    if part.strip() and not ORG_BY_ANY.search(part):
                        if _doc_label_or_number(part):
                            continue  # `Session 145 – Title – Organised by WHO`
                        if not _header_segment(part.strip(), header) and "~title" not in header \
                                and "title" not in header and _title_alone(part.strip()):
                            header["~title"] = part.strip()
                    elif part.strip():  # `Title (org by GFCE and ITU), 8 July 2025`: the rest is the title
                        rest = ORG_BY_ANY.sub(" ", part)
                        rest = re.sub(r"[,;]?\s*" + r"\b\d{1,2}\s+\w+\.?\s+\d{4}\b", " ", rest)
                        rest = re.sub(r"\s{2,}", " ", rest).strip(" ,;:-()")
                        if "~title" not in header and _title_alone(rest) and not DOC_LABEL.match(rest):
                            header["~title"] = rest
            return "title" if title else "organisers"
    if NO_URL.match(text):
        return "url"
    url = URL.search(text) or WWW_LINK.search(text)
    if url and (len(text) - len(url.group(0)) < 12 or (not seen_content and "url" not in header)):
        # the first URL near the top; a bare link further down (a resource shared in the room) stands in
        # only when no line labels the session's page (`Session page: …` at the bottom)
        if session_link(text):
            header.setdefault("~url" if seen_content else "url", session_link(text))
        return "url"
    if seen_content:
        if 1 <= number <= HEADER_ZONE_LINES and "date" not in header and _date_line(text):
            header["date"] = find_date(text) or ""  # a date line under `Moderator: Name (Org)`
            return "date"
        listed = re.sub(r"\s*[|·•;]\s*", ", ", text)
        if 1 <= number <= HEADER_ZONE_LINES and "organisers" not in header and _has_title(header) \
                and not BULLET.match(text) and _organisation_list(listed):
            header["organisers"] = _organisers(listed)  # `WHO and IRENA` under `Moderator: Name (Org)`
            return "organisers"
        return ""
    if 1 <= number <= 3 and "title" not in header and "~title" not in header:
        lead = _without_document_lead(text)
        text = lead if len(lead.split()) >= 3 and not DOC_LABEL.match(lead) else text  # `Notes: Title (ITU)`
        head, _, tail = text.rpartition(",")
        if len(head.split()) >= 3 and find_date(tail) and not find_date(head) \
                and head.count("(") == head.count(")") and not re.search(FIELD_SEPARATOR, head):
            # `Title (ITU), 8 July 2025`; not a comma inside a bracket or one field (`Title | A, B | date`)
            header.setdefault("date", find_date(tail) or "")
            text = head.strip()
        elif not re.search(FIELD_SEPARATOR, text) and text.count(" - ") < 2:
            text = _without_closing_date(text, header)  # `Title (WFP, WHO) 4–5 July 2025`
        text = _title_then_organisers(text, header)  # `Title, FAO and IFAD`
    listed = re.sub(r"\s*[|·•;]\s*", ", ", text)  # `ITU | SPC`, `ITU · SPC`: a list all the same
    if _has_title(header) and "organisers" not in header and number <= 4 \
            and (_organisation_list(listed) or _one_organisation(text)):
        header["organisers"] = _organisers(listed)  # `WHO / IRENA` alone under the title
        return "organisers"
    bare_by = re.match(r"^by\s+(?P<value>[A-ZÀ-Þ].*)$", text)
    if bare_by and _has_title(header) and "organisers" not in header and number <= 4:
        value = _without_trailing_date(bare_by.group("value"), header)
        if _names_organisations(value):  # `by ITU and SPC, 2 July 2025` under the title
            header["organisers"] = _organisers(value)
            return "organisers"
    inner = re.fullmatch(r"\((?P<value>[^()]{2,200})\)", text.strip())
    if inner and _has_title(header) and "organisers" not in header \
            and _names_organisations(inner.group("value")) and not is_aside(inner.group("value")):
        header["organisers"] = _organisers(_without_trailing_date(inner.group("value"), header))
        return "organisers"  # `(ITU, UNDRR and …)` under the title, a date after them recorded
    bracket = TRAILING_BRACKET.search(text)
    before = text[: bracket.start()].strip(" ,;") if bracket else ""
    if bracket and "organisers" not in header and _has_title(header) \
            and _spells_out(before, bracket.group("orgs")) and len(before.split()) <= 6 \
            and _names_organisations(before) and not find_date(before) \
            and not VENUE.search(before) and not re.fullmatch(NAME, before) and not PREFIX.match(text):
        header["organisers"] = _organisers(text)  # `UPU with ITC (International Trade Centre)`
        return "organisers"
    if bracket and "organisers" not in header and _has_title(header) \
            and (find_date(before) or VENUE.search(before) or _doc_label_or_number(before)
                 or (len(before.split()) <= 4 and not re.fullmatch(NAME, before)
                     and not PREFIX.match(text) and not INTRO_COMMA.match(text))) \
            and _bracket_names_organisers("", bracket.group("orgs"), header) \
            and not _spells_out(before, bracket.group("orgs")):
        # `2 July 2025, 10:00, Room A (ITU and SPC)`, `Session 245 (ITU)`, `High-level dialogue (UN Women)`:
        # the organisers close a short line under the title
        header["organisers"] = _organisers(bracket.group("orgs"))
        _header_segment(text[: bracket.start()].strip(" ,;"), header)
        return "organisers"
    if number <= 3 and DOC_LABEL.match(text):
        return "document label"  # `SUMMARY RECORD (draft) - not for circulation`
    event = _event_line(text)
    year = re.search(r"\b(?:19|20)\d\d\b", text[: len(text) - len(event)]) if event is not None else None
    if year:
        header.setdefault("~year", year.group(0))  # `WSIS FORUM 2025 — …`: the year of a date without one
    if event is not None and "title" not in header and "~title" not in header:
        # `WSIS FORUM 2025 — ACTION LINE C7: E-BUSINESS`: the event and its track, whose date or room
        # may follow; the session's own title is on a line below (the track stands in when none is)
        track = []
        for segment in (p.strip() for p in re.split(FIELD_SEPARATOR, event) if p.strip()):
            if HEADER_LABEL.match(segment) or ORG_BY.match(segment):
                read_header_line(segment, header, seen_content, 0)
            elif find_date(segment) or VENUE.search(segment) or TIME_RANGE.fullmatch(segment):
                _header_segment(segment, header)
            else:
                track.append(segment)
        if track and "~track" not in header:
            header["~track"] = " — ".join(track)
        return "event"
    segments = [p.strip() for p in re.split(r"\s+(?:\||--|–|—|·|•)\s+|\s*\|\s*", text) if p.strip()]
    if len(segments) == 1 and " - " in text:  # `Digital IDs for refugees - transcript (auto-generated)`
        head, _, tail = text.partition(" - ")
        if DOC_LABEL.match(tail):
            segments = [head.strip(), tail.strip()]
        elif text.count(" - ") >= 2:  # `Title - WSIS Forum 2025 - 8 July 2025 - Room K`
            segments = [p.strip() for p in text.split(" - ") if p.strip()]
    if len(segments) == 1 and ", " in text and _has_title(header) and "organisers" not in header:
        parts = [p.strip() for p in text.split(", ") if p.strip()]
        if (_organisation_list(parts[0]) or _one_organisation(parts[0])) and all(
                find_date(p) or VENUE.search(p) or TIME_RANGE.fullmatch(p) for p in parts[1:]):
            segments = parts  # `FAO + ITU, 9 July 2025, room H1` under the title: organisers, date, room
    found_fields = []
    # a line in capitals only, with words run on as in a title: every word is capitalised, so no part of
    # it reads as an organisation's name (`AI IN TAX ADMINISTRATION -- PEER EXCHANGE`; `WFP · WHO` lists)
    capitals = not any(c.islower() for c in text) and any(len(p.split()) >= 3 for p in segments)
    named = [p for p in segments if not find_date(p) and not VENUE.search(p) and not TIME_RANGE.fullmatch(p)]
    if len(segments) > 1 and _has_title(header) and "organisers" not in header and named and not capitals \
            and len(named) < len(segments) \
            and all(_one_organisation(p) or _organisation_list(p) for p in named):
        # `FAO · IFAD · 4 July 2025` under the title: the organisers, then the date, time or room
        header["organisers"] = _organisers(", ".join(named))
        segments = [p for p in segments if p not in named]
        found_fields.append("organisers")
    if capitals and number == 1 and len(segments) > 1 and not _has_title(header) and all(
            _title_alone(p) and not find_date(p) and not VENUE.search(p) and not _doc_label_or_number(p)
            and _event_line(p) is None for p in segments):
        header["~title"] = text.strip(" .")  # `TITLE -- SUBTITLE` in capitals: no part is another field
        return "title"
    for segment in segments if len(segments) > 1 else []:
        if HEADER_LABEL.match(segment) or ORG_BY.match(segment):  # `… | Organisers: WHO | …`
            found_fields.append(read_header_line(segment, header, seen_content, 0))
        elif "organisers" not in header and not capitals and (_organisation_list(segment) or (
                segment is not segments[0] and _one_organisation(segment))):  # `TITLE -- WHO + IRENA -- date`
            header["organisers"] = _organisers(segment)
            found_fields.append("organisers")
        elif _doc_label_or_number(segment):
            found_fields.append("")
        elif "organisers" not in header and segment is not segments[0] \
                and re.match(r"^by\s+[A-ZÀ-Þ]", segment) and _names_organisations(segment[3:]):
            header["organisers"] = _organisers(_without_trailing_date(segment[3:], header))
            found_fields.append("organisers")  # `Title — by WFP & WHO`
        else:
            found_fields.append(_header_segment(segment, header))
    found_fields = [f for f in found_fields if f] if len(segments) > 1 else \
        [f for f in (_header_segment(p, header) for p in segments) if f]
    plain = [p for p in segments if not _doc_label_or_number(p) and not HEADER_LABEL.match(p)
             and not ORG_BY.match(p) and not find_date(p) and not VENUE.search(p)
             # a title has words: no time range, no part without two words
             and not TIME_RANGE.fullmatch(p) and len(re.findall(r"[^\W\d_]{2,}", p)) >= 2]
    if number == 1 and "~title" not in header and "title" not in header and len(segments) > 1 \
            and plain and not TIMESTAMP.match(text) and not PREFIX.match(text):
        # the first line names the session even in lower case: `AI triage at helplines -- raw notes`,
        # `Session 212 | Solar power for rural clinics | Organisers: …`, `Notes -- Title (WHO & IRENA)`
        first = plain[0].strip(" .")
        bracket = re.search(r"\s*\((?P<orgs>[^()]{2,120})\)\s*$", first)
        if bracket and _names_organisations(bracket.group("orgs")):
            header.setdefault("organisers", _organisers(bracket.group("orgs")))
            first = first[: bracket.start()].strip(" .")
        if 3 <= len(first.split()) <= 18 and not is_aside(first) and not NOISE.search(first) \
                and not first.endswith(("?", "!")):
            header["~title"] = first
            return "title"
    if found_fields:
        return found_fields[0] if len(segments) == 1 or "title" not in found_fields else "title"
    if 1 <= number <= HEADER_ZONE_LINES and "~title" not in header and "title" not in header:
        text = re.sub(r"^(?:rapporteur['’]?s?\s+|my\s+|session\s+|raw\s+|live\s+|rough\s+)?notes\s+"
                      r"(?:from|for|on|of)\s+(?:the\s+session\s+)?", "", text, flags=re.IGNORECASE)
        quoted = re.match(r"^[\"“](?P<title>[^\"”]{4,200})[\"”]\s*(?P<rest>.*)$", text)
        top, after = (quoted.group("title"), quoted.group("rest")) if quoted else (text, "")
        bracket = re.search(r"\s*\((?P<orgs>[^()]{2,120})\)\s*$", after if quoted else top)
        if bracket and not quoted:
            top = top[: bracket.start()]
        if _title_alone(top) and not VENUE.search(top) and not DOC_LABEL.match(top) \
                and not _doc_label_or_number(top):
            header["~title"] = top.strip(" .\"“”'")  # a title alone on one of the top lines
            if bracket and "organisers" not in header and _names_organisations(bracket.group("orgs")) \
                    and not _doc_label_or_number(bracket.group("orgs")):
                header["organisers"] = _organisers(bracket.group("orgs"))
            return "title"
    return ""


def _without_closing_date(text: str, header: dict[str, str]) -> str:
    """A top line without the date (or span of days) that closes it, the date recorded: the shortest
    run of up to six closing words that holds a date, when the words before it hold none and at least
    three words are left (`Title (WFP, WHO) 4–5 July 2025` -> `Title (WFP, WHO)`)."""
    words = list(re.finditer(r"\S+", text))
    for start in (m.start() for m in reversed(words[-6:])):
        tail, head = text[start:], text[:start].rstrip(" ,;|–—-")
        found = _date_span(tail) or find_date(tail)
        if not found:
            continue
        if len(head.split()) < 3 or find_date(head) or head.count("(") != head.count(")"):
            return text
        if _date_span(tail):
            header.setdefault("~span", found)
        else:
            header.setdefault("date", found)
        return head
    return text


def _title_then_organisers(text: str, header: dict[str, str]) -> str:
    """A top line that runs the title and the organisers together after a comma (`Title, FAO and
    IFAD`): the organisers recorded, the title returned; any other line as it is."""
    if re.match(r"^\W*[\"“«'‘]", text):
        return text  # a quoted title keeps its commas
    parts = text.split(", ")
    for cut in range(1, len(parts)):
        head, tail = ", ".join(parts[:cut]), ", ".join(parts[cut:])
        if "organisers" not in header and _title_alone(head) and len(head.split()) >= 3 \
                and head.count("(") == head.count(")") \
                and (_organisation_list(tail) or _one_organisation(tail)):
            header["organisers"] = _organisers(tail)
            return head
    return text


def _has_title(header: dict[str, str]) -> bool:
    """True once a top line has named the session (labelled, inferred, or a Markdown heading)."""
    return any(name in header for name in ("title", "~title", "~heading", "~track", "~first"))


def _one_organisation(text: str) -> bool:
    """A short part of a top line that names one organisation by its acronym (`ITU`, `UN Women`,
    `WHO AFRO`): up to three capitalised words, one of them in capitals, no figure, venue or date."""
    words = text.strip(" .;,").split()
    return (1 <= len(words) <= 3 and all(w[0].isupper() for w in words)
            and any(re.fullmatch(r"[A-Z][A-Z&-]{1,9}", w) for w in words)
            and not re.search(r"\d", text) and not VENUE.search(text) and not _doc_label_or_number(text)
            and not is_aside(text))


def _bare_label(text: str) -> bool:
    """A top line that is only a header label, its value on the next line (`Organisers`, `Date:`)."""
    bare = re.sub(r"\s+[-–—]+$", "", text.strip(" :*_")).strip()  # `Organisers -`, the list below it
    match = HEADER_LABEL.match(f"{bare}: x")
    if not match or match.group("label").lower() != bare.lower() or len(bare.split()) > 4:
        return False
    return not re.search(r"notes|\bby$|^(?:by|lead|org|orgs|web|host|when)$", bare, re.IGNORECASE)


def _date_line(text: str) -> bool:
    """A short line that states a date and little else (a time, a room): `Jul 2 2025`, `2 July, Room C`."""
    found = find_date(text)
    if not found or PREFIX.match(text) or INTRO_PAREN.match(text):
        return False
    rest = re.sub(r"\b\d{1,4}(?:st|nd|rd|th)?\b|[^\w\s]", " ", URL.sub(" ", text))  # a link beside it
    return len([w for w in rest.split() if not VENUE.search(w)]) <= 6


def _joining(text: str) -> str:
    """The organisers a part of a top line adds after a joining phrase (`co-organised with ITU` ->
    `ITU`), or ''."""
    joining = "|".join(map(re.escape, sorted(_header_labels()["joining_phrases"], key=len, reverse=True)))
    match = re.match(rf"^\W*(?:{joining})\s+(?P<orgs>[A-ZÀ-Þ0-9].*)$", text.strip(), re.IGNORECASE)
    return match.group("orgs").strip(" .") if match else ""


def _event_line(text: str) -> str | None:
    """What follows the event's name and year at the start of a top line (`WSIS FORUM 2025 — ACTION
    LINE C7`, `IGF 2025 | Day 2`), or None for a line that does not start with an event's name."""
    names = "|".join(map(re.escape, sorted(_header_labels()["event_names"], key=len, reverse=True)))
    match = re.match(rf"^\W*(?:{names})\s*(?:20\d\d|'\d\d)?\s*(?:[:|–—·•,-]|\s-{{1,2}}\s)\s*(?P<rest>\S.*)$",
                     text, re.IGNORECASE)
    return match.group("rest") if match else None


def _without_trailing_date(value: str, header: dict[str, str]) -> str:
    """Organisers without the date, place or next sentence run on after them (`WHO and IRENA, 8 July
    2025`, `ITU · 2 July 2025 · Room A`, `WFP and WHO on Tuesday 4 July`, `WFP. It took place …`);
    the date is recorded. A sentence that adds an organiser (`WHO. Co-organised with Gavi`) stays."""
    joining = "|".join(map(re.escape, sorted(_header_labels()["joining_phrases"], key=len, reverse=True)))
    cut = re.search(rf"[,;]\s*(?=(?:\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{4}}\b|{WEEKDAY}\b))|{FIELD_SEPARATOR}"
                    # `… (SPC), on the afternoon of 10 July 2025`: a part of the day before the date
                    rf"|,?\s+(?:on|in)\s+the\s+[^\W\d_]+\s+of\s+(?=(?:{WEEKDAY}\b|\d))"
                    rf"|\s+(?:on|at|in|from|during|le|el)\s+(?=(?:the\s+)?(?:\d|{WEEKDAY}\b|(?:{_MONTHS})\b"
                    r"|room\b|salle\b|sala\b|hall\b))"
                    rf"|(?<=[^\W\d_]{{2}})\.(?:\s+(?!(?:{joining})\b)(?-i:(?=[A-ZÀ-Þ\d]))|\s*$)", value,
                    re.IGNORECASE)
    if not cut:
        return value
    rest = value[cut.end():]
    if (re.fullmatch(FIELD_SEPARATOR, cut.group(0)) and "|" not in cut.group(0)
            and not re.search(FIELD_SEPARATOR, rest) and _unit_of_organisation(rest)):
        return value  # `ITU — Telecommunication Development Bureau (BDT)`: a unit of the organisation
    found = find_date(value[cut.start():])
    if found:
        header.setdefault("date", found)
    return value[: cut.start()]


def _doc_label_or_number(text: str) -> bool:
    """A part of a top line that names the document or the session's number, not the session:
    `Notes`, `raw notes (typed live)`, `Session 212`, `WSIS Forum 2025`."""
    part = text.strip()
    words = re.findall(r"[^\W\d_][\w'’-]*", part)
    documents = _header_labels()["document_words"]
    named = next((n for n, w in enumerate(words[:2]) if w.lower() in documents), None)
    if named is not None and len(words) <= 8 and not any(w[0].isupper() for w in words[named + 1:]):
        return True  # `Notes typed live`, `Rough notes, unedited`: the document described, no session
    return bool(is_code(part) or DOC_LABEL.fullmatch(part)
                or (DOC_LABEL.match(part) and len(part.split()) <= 4)
                or re.fullmatch(r"(?i:session|sesi[óo]n|s[ée]ance)\s*#?\s*[A-Z]?\d{1,4}[a-z]?", part)
                or re.fullmatch(r"(?i:wsis(?:\s+forum)?|forum)\s*(?:20\d\d|'?\d\d)?", part))


def _organisation_list(text: str) -> bool:
    """A short line or part of one that only lists organisations (`WHO / IRENA`, `ITU + UNDP & GSMA`):
    two or more names joined by `/`, `+`, `&`, `,` or `and`, each an acronym or up to four capitalised
    words, and no figure."""
    if len(text) > 90 or re.search(r"\d", text) or ":" in text or VENUE.search(text):
        return False  # `Room C, CICG` is the venue; `Moderator: Name, Org` names a person
    if not re.search(r"[A-Z]", text) and re.search(r"\s[+&/]\s", text) and len(text.split()) <= 7:
        joined = [p.split() for p in re.split(r"\s+[+&/]\s+", text.strip(" .;"))]
        return len(joined) >= 2 and all(1 <= len(p) <= 3 for p in joined)  # `unesco + intel`, in lower case
    parts = [p for p in re.split(r"\s*(?:/|\+|&|,|·|•)\s*|\s+and\s+", text.strip(" .;")) if p]
    dashed = re.split(r"\s+[-–—]\s+", text.strip(" .;"))
    if len(parts) < 2 and len(dashed) >= 2 and all(re.fullmatch(r"[A-Z][A-Za-z0-9-]{1,11}", p)
                                                   and sum(c.isupper() for c in p) >= 2 for p in dashed):
        return True  # `FAO - IFAD`: acronyms between dashes
    if len(parts) < 2:
        return False
    linking = {"of", "for", "the", "and", "on", "de", "du", "des", "la", "del"}
    return all((re.fullmatch(r"[A-Z][A-Za-z0-9-]{1,11}", p) and sum(c.isupper() for c in p) >= 2)
               or (len(p.split()) <= 5 and all(w[0].isupper() or w in linking for w in p.split()))
               for p in parts)


def _capitalised_list(text: str) -> bool:
    """A short list whose every item (split at commas, `;`, `/`, `+`, `&`, `and`) opens with a capital or
    a figure and holds no date: `ITU-T Study Group 5, Uptime Institute` after `w/` under the title."""
    parts = [re.sub(r"^the\s+", "", p) for p in re.split(r"\s*(?:[,;/+&]|\band\b)\s*", text.strip(" .")) if p]
    return 1 <= len(parts) <= 6 and len(text) <= 120 and not find_date(text) and not VENUE.search(text) \
        and all(p[:1].isupper() for p in parts)


def _names_organisations(text: str) -> bool:
    """A bracket that lists organisations (`ITU, UNDRR and the Pacific Community`), not a remark:
    its capitalised words are at least as many as its other words, short linking words aside."""
    words = re.findall(r"[^\W\d_][\w'’&.-]*", text)
    linking = {"and", "the", "of", "for", "with", "on", "et", "y", "de", "la", "le", "el", "des", "du", "del"}
    capitals = sum(1 for w in words if w[0].isupper())
    others = sum(1 for w in words if not w[0].isupper() and w.lower() not in linking)
    return (capitals > 0 and others <= capitals and " - " not in text
            and not is_format(text) and not is_code(text))


def _title_alone(text: str) -> bool:
    """A top line that can only be a title: 2 to 18 words, no end stop, no label, speaker, time or
    figure (a year is no figure: `Digital inclusion 2030`; `2.6bn people offline` is a statement)."""
    words = text.split()
    figures = [t for t in re.findall(r"(?<![\w+.])\d[\d.,]*\w*", text)
               if not re.fullmatch(r"(?:19|20)\d\d", t)]
    return (2 <= len(words) <= 18 and not figures
            and not text.rstrip().endswith((".", "?", "!", ":", ";", ","))
            and not TIMESTAMP.match(text) and not PREFIX.match(text) and not BULLET.match(text)
            and not URL.search(text) and not is_aside(text) and not NOISE.search(text)
            and not HEADER_LABEL.match(text) and not _names_a_person(text) and not _speaker_says(text))


def _speaker_says(text: str) -> bool:
    """A line that opens on a speaker and their organisation and goes on with what they said (`Name
    (Org): statement`): a point of the notes, never a title."""
    intro = INTRO_PAREN.match(text.strip())
    return bool(intro and intro.group("sep") == ":" and len(intro.group("rest").split()) >= 2)


def _header_segment(text: str, header: dict[str, str]) -> str:
    """A header field stated by one part of a top line (`Tue 28 May 2024`, `"Title"`, `CICG, Room D`)."""
    found = find_date(text)
    if found and (VENUE.search(text) or len(text.split()) <= 12):
        header.setdefault("date", found)
        return "date"
    if re.fullmatch(r"[\[(]?\d{1,2}[:h.]\d{2}\s*(?:-|–|to)\s*\d{1,2}[:h.]\d{2}[\])]?", text):
        return "time"
    prose = re.search(r"[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}", text)
    if VENUE.search(text) and len(text.split()) <= 14 and not prose and not NOISE.search(text):
        return "venue"
    match = QUOTED_LINE.match(text) or re.search(r"[\"“](?P<value>[^\"”]{6,200})[\"”]\s*$", text)
    if match and len(text) - len(match.group(0)) <= 12 and "~title" not in header and "title" not in header:
        before = text[: match.start()].rstrip()  # `Farm Track: "…"`: the series' name stays in front
        series = series_name(before) if before.endswith(":") else ""
        header["~title"] = series + match.group("value").strip()
        return "title"
    if "~title" not in header and _title_case(text) and not NOISE.search(text) and not is_aside(text):
        header["~title"] = text.strip(" .")
        return "title"
    return ""


@cache
def _note_takers() -> frozenset[str]:
    """Words naming the note-taker (`templates/notes-vocabulary.toml`, `[roles]`)."""
    return frozenset(str(w) for w in notes_vocabulary()["roles"]["note_takers"])


def _label_and_value(text: str) -> re.Match[str] | None:
    """A short `Label: value` or `Label - value` line, its label as `who` and its value as `rest`."""
    return PREFIX.match(text) or re.match(r"^(?P<who>[\w'’ -]{2,30}?)\s+[-–—]+\s+(?P<rest>.*)$", text)


def _names_the_note_taker(text: str) -> bool:
    """A `Label: value` line whose label is the note-taker's role (`Rapporteur: Kim Lee`, `Scribe - me`)."""
    match = _label_and_value(text)
    who = match.group("who").lower().split() if match else []
    documents = set(_header_labels()["document_words"])
    return bool(who) and len(who) <= 3 and (who[0] in _note_takers() or who[-1] in _note_takers()) \
        and not documents & set(who) and len(match.group("rest").split()) <= 8 if match else False


def _led_by_person(text: str) -> bool:
    """A top line that introduces who runs the talk (`Moderated by Name (Org)`, `Chaired by: Name`;
    the closed list `person_led_by`): the moderator or chair, whose organisation is no organiser."""
    leads = "|".join(map(re.escape, sorted(_header_labels()["person_led_by"], key=len, reverse=True)))
    return re.match(rf"^\W*(?:{leads})\s*:?\s*(?:{NAME})", text.strip(), re.IGNORECASE) is not None


def _names_a_person(text: str) -> bool:
    """A `Label: value` line about a person, never a title: the note-taker (`Rapporteur: …`, `Scribe
    - me`) or a label over a person's name, with or without their organisation (`Taken by: Kim Lee`,
    `Moderator: Hana Yusuf (WFP)`)."""
    if _led_by_person(text):
        return True
    match = _label_and_value(text)
    if not match:
        return False
    rest = match.group("rest").strip(" .")
    prose = re.search(r"[a-z]{3,}\s+[a-z]{3,}", re.sub(r"\(.*?\)", "", rest))
    return _names_the_note_taker(text) or bool(re.fullmatch(NAME, rest)) or bool(
        (INTRO_PAREN.match(rest) or INTRO_COMMA.match(f"{rest}:")) and not prose)


def _title_case(text: str) -> bool:
    """A short line in Title Case (most words capitalised), as an unlabelled session title."""
    words = re.findall(r"[A-Za-zÀ-ÿ][\w'’-]*", text)
    if not 3 <= len(words) <= 18 or re.search(r"\d{1,2}:\d{2}|https?://", text) or _names_a_person(text):
        return False
    small = {"a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "at", "by", "or", "from", "vs"}
    content = [w for w in words if w.lower() not in small]
    capitals = sum(1 for w in content if w[0].isupper())
    return bool(content) and capitals / len(content) >= 0.75 and not text.rstrip().endswith((".", "?"))


def organisation_words(value: str) -> frozenset[str]:
    """The capitalised words of an organisers value, to tell whether a second list adds anyone."""
    return frozenset(w.lower() for w in re.findall(r"[A-ZÀ-Þ][\w&'’-]*", value))


def _organisers(value: str) -> str:
    """Organisers written as a list: `WHO + ITU + Amref` -> `WHO, ITU and Amref`."""
    value = expand_abbreviations(clean_space(value)).strip(" .;")
    # `…, moderator is Ana Ruiz`: a new clause, no more organisers
    value = re.split(r",\s*(?=[a-z]+\s+(?:is|are|was|were)\b)", value)[0]
    # `WHO. Co-organised with Gavi`, `ITU in partnership with SPC`: one more organiser on the list
    joining = "|".join(map(re.escape, sorted(_header_labels()["joining_phrases"], key=len, reverse=True)))
    value = re.sub(rf"\s*[.,;]?\s+(?:{joining})\s+(?=[A-ZÀ-Þ0-9])", ", ", value, flags=re.IGNORECASE)
    dotted = re.split(r"\s+[·•|]\s+", value)
    if len(dotted) > 1 and all(_names_organisations(p) and len(p.split()) <= 6 and not find_date(p)
                               and not VENUE.search(p) for p in dotted):
        value = ", ".join(dotted)  # `ITU · SPC`: a list
    # `ITU -- track "…"`, `ITU · 2 July 2025`: what follows a dash or a bar says more about the session;
    # `ITU — Telecommunication Development Bureau (BDT)`: one dash before a unit of the organisation is
    # part of the name the notes give, kept whole
    head, *rest = re.split(r"\s+(?:--|–|—|\||·|•)\s+", value)
    value = head if len(rest) != 1 or not _unit_of_organisation(rest[0]) else value
    pieces = value.split(";")  # `IFLA; UNESCO` lists organisers; `ITU; the event was…` says more
    value = ", ".join(p.strip() for p in pieces) if all(
        p.strip() and len(p.split()) <= 6 and _names_organisations(p) for p in pieces) else pieces[0]
    # a label left in a bracket (`(org.: WHO AFRO / ITU-D)`, `(by: …)`) is no organiser
    value = re.sub(r"^(?:by|org(?:ani[sz]ed|ani[sz]ers?|s)?\.?(?:\s+by)?)\s*[:.]?\s+", "", value,
                   flags=re.IGNORECASE)
    inner: list[str] = []

    def hide(match: re.Match[str]) -> str:
        inner.append(match.group(0))
        return f"\x00{len(inner) - 1}\x00"

    hidden = re.sub(r"\([^()]*\)", hide, value)
    parts = [p.strip() for p in re.split(r"\s+(?:\+|&|and|et|y)\s+|,\s+", hidden) if p.strip()]
    parts = [re.sub(r"^(?:with|and)\s+", "", p, flags=re.IGNORECASE) for p in parts]
    # `session 504`, `moderated by PCI`: remarks about the session, not organisers
    parts = [p for p in parts if re.search(r"[A-Z]", p) and not re.match(r"^[a-z]\w*ed\s+by\b", p)] or parts
    parts = [p for p in parts if not VENUE.search(p) or _names_organisations(VENUE.sub("", p))] or parts
    parts = [re.sub(r"\x00(\d+)\x00", lambda m: inner[int(m.group(1))], p) for p in parts]
    if len(parts) <= 1:
        return parts[0] if parts else value
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _unit_of_organisation(text: str) -> bool:
    """What follows a dash after an organisation's name names a unit of it or its role (`Telecommunication
    Development Bureau (BDT), facilitator of Action Line C4`), not the session's track, place, date,
    format or a quoted title: organisation words, no date, venue, platform or quotation mark."""
    return (_names_organisations(text) and not find_date(text) and not VENUE.search(text)
            and not PLATFORM.search(text) and not re.search(r"[\"“”«»]", text)
            and not TIME_RANGE.search(text))


def organisers_written(value: str) -> str:
    """Organisers as the header writes them (`_organisers`): `WHO + ITU + Amref` -> `WHO, ITU and Amref`."""
    return _organisers(value)


def names_organisations(text: str) -> bool:
    """True for a text that names organisations, not a remark (`_names_organisations`)."""
    return _names_organisations(text)


def lists_organisations(text: str) -> bool:
    """True for a short text that only lists organisations, or names one (`_organisation_list`,
    `_one_organisation`)."""
    return _organisation_list(text) or _one_organisation(text)


def organisers_before_date(value: str, header: dict[str, str]) -> str:
    """Organisers without the date, place or sentence run on after them; the date recorded in `header`
    (`_without_trailing_date`)."""
    return _without_trailing_date(value, header)


def date_span(text: str) -> str:
    """Two days of one month a line names (`7–11 July 2025`), or '' (`_date_span`)."""
    return _date_span(text)


def title_alone(text: str) -> bool:
    """True for a text that can only be a title (`_title_alone`)."""
    return _title_alone(text)
