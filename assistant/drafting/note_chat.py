"""Notes kept in a chat channel and exported: `[09:05] Lena (rapporteur): Tomas: 1 in 3 schools …`.

Rapporteurs often take notes together in a messaging channel (Teams, Slack, WhatsApp, Signal) and
paste its export. Every message then opens with a time and the name of whoever typed it, and that
name is the note-taker's, not the speaker's: the speaker, when the message names one, comes after
it (`Aisha Mensah, Ghana Education Service: 1,200 schools …`). Read as minutes, each line would credit
the typist. This module tells such an export apart by its structure and rewrites each message into
the shape the notes reader knows, keeping its line number: `09:05 Tomas: 1 in 3 schools …`.

An export is recognised when at least `MIN_MESSAGES` lines carry the message prefix, at most
`MAX_AUTHORS` people typed them (minutes with a time on every line name many speakers), and some
messages name a speaker of their own after the prefix (`MIN_NESTED` of them): without that, a
prefix is the speaker as in minutes (`11:05 Ana Ruiz (UNESCO): …`) and is left alone.
"""

from __future__ import annotations

import re

# `[09:05]`, `[6/7/25, 09:05:11]`, `09:05 -`, `10.07.2025 09:05 -`, then the author and a colon
MESSAGE = re.compile(
    r"^\s*\[?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+)?(?P<time>\d{1,2}:\d{2})(?::\d{2})?"
    r"(?:\s*[AaPp]\.?[Mm]\.?)?\]?\s*(?:[-–—]\s*)?"
    r"(?P<author>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3}(?:\s*\([^()]{1,40}\))?)\s*:\s+(?P<text>\S.*)$"
)
# a speaker named inside a message: `Tomas:`, `Aisha Mensah, Ghana Education Service:`, `Q (Kenya):`
NESTED = re.compile(
    r"^(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s*\([^()]{1,40}\)|,\s*[^:,]{2,60})?)\s*:\s")
MIN_MESSAGES = 5
MAX_AUTHORS = 2
MIN_NESTED = 2


def _author(match: re.Match[str]) -> str:
    """An author as a key: the name without its bracketed role, case and spacing."""
    return " ".join(re.sub(r"\([^()]*\)", " ", match.group("author")).lower().split())


def chat_lines(raw_lines: list[str]) -> list[str | None]:
    """Per line: None when the notes are not a chat export or the line is no message; else the
    message without its author, as `time text`."""
    messages = [MESSAGE.match(raw) for raw in raw_lines]
    found = [m for m in messages if m is not None]
    out: list[str | None] = [None] * len(raw_lines)
    if len(found) < MIN_MESSAGES or len({_author(m) for m in found}) > MAX_AUTHORS:
        return out
    if sum(bool(NESTED.match(m.group("text"))) for m in found) < MIN_NESTED:
        return out  # the prefix names the speaker, as minutes do
    for n, match in enumerate(messages):
        if match is not None:
            out[n] = f"{match.group('time')} {match.group('text').strip()}"
    return out


def message_continuations(raw_lines: list[str]) -> frozenset[int]:
    """The lines (0-based) of a messenger export that carry on the message above them: an export
    writes a message typed over several lines (or wrapped by the typist's client) as its prefixed
    first line and unprefixed lines under it, so a non-blank line with no prefix, nothing that opens
    a unit of its own (a bullet, a time, a `Name:` mark: `note_reflow.OPENS_UNIT`), not opening on a
    symbol (an emoji reaction) nor wholly in brackets, right under a message (or under such a line)
    is that message's. Only notes with at least
    `MIN_MESSAGES` prefixed lines are an export; whoever typed them, and however many people did."""
    from assistant.drafting.note_reflow import BRACKETED_LINE, OPENS_UNIT, opens_on_symbol

    messages = [MESSAGE.match(raw) is not None for raw in raw_lines]
    if sum(messages) < MIN_MESSAGES:
        return frozenset()
    out: set[int] = set()
    inside = False  # the line above is a message or carries one on
    for n, raw in enumerate(raw_lines):
        if messages[n]:
            inside = True
            continue
        if not raw.strip() or OPENS_UNIT.match(raw) or opens_on_symbol(raw) or BRACKETED_LINE.match(raw):
            inside = False
            continue
        if inside:
            out.add(n)
    return frozenset(out)


# A video-call chat export (Zoom's saved chat and the like): `16:42:17 From Name to Everyone: text`,
# `… From Name to Other Name (privately): text`, `… (Direct Message): text`, the text on the same line
# or on the lines under the prefix. The words are the export's own (a closed format), not the notes'.
CALL_MESSAGE = re.compile(
    r"^\s*\[?(?P<time>\d{1,2}:\d{2})(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?\]?\s+From\s+(?P<author>\S.*?)"
    r"\s+to\s+(?P<to>\S.*?)(?:\s*\((?P<private>privately|direct\s+message)\))?\s*:(?:\s+(?P<text>\S.*))?\s*$",
    re.IGNORECASE,
)
# whom a message is to when the whole call reads it (any other name is one person: a private message)
CALL_ROOM = re.compile(r"^(?:everyone|all|all\s+panel+ists(?:\s+and\s+attendees)?|waiting\s+room)$",
                       re.IGNORECASE)
MIN_CALL_MESSAGES = 2


def _call_author(author: str) -> str:
    """The author's display name as a speaker: `Araujo, Felipe` (surname first, as a directory lists
    people) -> `Felipe Araujo`; any other name as written."""
    author = " ".join(author.split())
    surname, comma, given = author.partition(",")
    if comma and re.fullmatch(r"[^\W\d_][\w'’-]*", surname.strip()) \
            and re.fullmatch(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*)?", given.strip()):
        return f"{given.strip()} {surname.strip()}"
    return author


def call_chat_lines(raw_lines: list[str]) -> list[str | None]:
    """Per line of a video-call chat export: a message to the whole call as `time Name: text` (the
    author is who spoke in the chat), a message to one person as a bracketed aside (a note between
    two people, not the session's), a prefix whose text is on the next lines as "" (those lines take
    the prefix); None for every line of notes that hold fewer than `MIN_CALL_MESSAGES` such prefixes
    and for the notes' other lines."""
    matches = [CALL_MESSAGE.match(raw) for raw in raw_lines]
    out: list[str | None] = [None] * len(raw_lines)
    if sum(m is not None for m in matches) < MIN_CALL_MESSAGES:
        return out
    current: re.Match[str] | None = None  # the prefix whose text the next lines carry
    for n, match in enumerate(matches):
        raw = raw_lines[n]
        if match is None and (current is None or not raw.strip()):
            current = None
            continue
        if match is not None and not match.group("text"):
            out[n], current = "", match
            continue
        prefix = match or current
        assert prefix is not None
        text = (match.group("text") if match is not None else raw).strip()
        private = bool(prefix.group("private")) or not CALL_ROOM.match(prefix.group("to").strip())
        if private:
            out[n] = "[" + re.sub(r"[\[\]()]", "", text) + "]"
        else:
            out[n] = f"{prefix.group('time')} {_call_author(prefix.group('author'))}: {text}"
        if match is not None:
            current = None
    return out
