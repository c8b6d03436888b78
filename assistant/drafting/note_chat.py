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
