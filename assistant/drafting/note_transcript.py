"""Transcripts from a captioning or transcription tool: `Speaker Name  0:45` above each turn.

Tools such as meeting recorders write a transcript as turns: a line with the speaker's name and the
time into the recording, then the words as a paragraph. Each turn's lines are rewritten into the
shape the notes reader knows, keeping their line numbers: the heading line becomes blank and each
line of the turn becomes `0:45 Speaker Name: words` (an audience member's turn becomes a question,
`Q (Uganda): words`). A heading is a short name (with an optional
organisation in brackets) followed by two or more spaces or a tab, or by ` - `, and a time such as
`0:45`, `12:03` or `1:02:13`; a transcript has at least two of them.
"""

from __future__ import annotations

import re

TURN_HEADING = re.compile(
    r"^\s*(?P<who>[^\d\s:|>*#-][^:|]{0,79}?)(?:\s{2,}|\t+|\s+[-–—]\s+)"
    r"\[?(?P<ts>\d{1,2}:\d{2}(?::\d{2})?)\]?\s*$"
)
MIN_TURNS = 2
# a turn from the audience (`Audience member (Uganda)`): written as a question, `Q (Uganda): …`
AUDIENCE = re.compile(
    r"^(?:audience(?:\s+member)?|participant|(?:question\s+)?from\s+the\s+floor|floor|question|q)\b"
    r"\s*(?:\((?P<where>[^()]*)\))?\s*$",
    re.IGNORECASE,
)


def transcript_lines(raw_lines: list[str]) -> list[str | None]:
    """Per line: None when it is not part of a transcript turn; "" for a turn's heading; else the
    line as `time Speaker: words`."""
    headings = [TURN_HEADING.match(raw) for raw in raw_lines]
    out: list[str | None] = [None] * len(raw_lines)
    if sum(m is not None for m in headings) < MIN_TURNS:
        return out
    current: tuple[str, str] | None = None
    for n, raw in enumerate(raw_lines):
        heading = headings[n]
        if heading is not None:
            current = (" ".join(heading.group("who").split()), heading.group("ts"))
            out[n] = ""
        elif not raw.strip():
            continue  # a blank line inside a turn keeps the turn going until the next heading
        elif current is not None:
            who, ts = current
            audience = AUDIENCE.match(who)
            if audience:
                who = f"Q ({audience.group('where')})" if audience.group("where") else "Q"
            out[n] = f"{ts} {who}: {raw.strip()}"
    return out
