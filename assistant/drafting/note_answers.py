"""Answers typed under a floor question, credited to the person who answered (issue 22).

Notes of a question-and-answer round often name the answerer at the end of the question line and
type the answer on the line below (`Q: how do you stop edits? -- Mendes:` / `every change is
logged …`), or type the answer on the line below the question behind the answerer's name and a dash
(`Haddad - the ministry budget covers it`). Read line by line, the answer carries no speaker mark and
is credited to the speaker of the block above it: the wrong person. These rewrites put the answer
in the reader's own answer form, `A (Name): …`, one line for each pasted line, by structure only:
a question line (a `Q`/`Question` mark, ending on `?`), the name after it, the turn order.
"""

from __future__ import annotations

import re

from assistant.drafting.note_lines import NAME_TOKEN

# a line that asks: the question mark of the notes (`Q:`, `Q (Rwanda):`, `Question -`, `- Q …`)
QUESTION_LINE = re.compile(r"^\s*(?:[-*•]\s*)?(?:Q|Question)\b\s*(?:\([^()]{1,100}\))?\s*[:\-–—]?\s*\S")
# a person named by one to three capitalised words (`Mendes`, `Leila Haddad`)
WHO = rf"(?P<who>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,2}})"
# `… ? -- Mendes:` / `… ? → Haddad:`: the answerer named at the end of the question line, the answer below
ANSWERER_AFTER = re.compile(rf"^(?P<question>.*\?)\s*(?:--+|[-–—]|->|→|=>)?\s*{WHO}\s*:\s*$")
# `Haddad - the ministry budget …` / `Haddad: about 4 USD …`: the answerer's name opening the line below
NAMED_ANSWER = re.compile(rf"^\s*(?:[-*•]\s*)?{WHO}\s*(?:[:]|\s[-–—]{{1,2}})\s+(?P<rest>\S.*)$")


def _named_elsewhere(who: str, lines: list[str], skip: int) -> bool:
    """True when `who` appears in another line as part of a longer capitalised name (`Leila Haddad`
    for `Haddad`) or as a whole of two words or more: a person of the notes, not a label."""
    if len(who.split()) >= 2:
        return True
    around = re.compile(rf"(?:{NAME_TOKEN}\s+{re.escape(who)}|{re.escape(who)}\s+{NAME_TOKEN})\b")
    return any(around.search(line) for n, line in enumerate(lines) if n != skip)


def _next_written(lines: list[str], start: int) -> int:
    """The index of the first line at or after `start` with words on it, or -1."""
    for n in range(start, len(lines)):
        if lines[n].strip():
            return n
    return -1


def answer_lines(raw_lines: list[str]) -> list[str | None]:
    """Per line: None to leave it, else the line rewritten: a question line that ends with its
    answerer's name (`Q: …? -- Mendes:`) loses the name, and the answer below it becomes
    `A (Mendes): …`; a line below a question that opens with the name of a person of the notes and a
    dash or a colon (`Haddad - …`) becomes `A (Haddad): …`."""
    out: list[str | None] = [None] * len(raw_lines)
    for n, line in enumerate(raw_lines):
        if not QUESTION_LINE.match(line) or out[n] is not None:
            continue
        after = ANSWERER_AFTER.match(line)
        below = _next_written(raw_lines, n + 1)
        if after is not None and below >= 0:
            answer = re.sub(r"^[-*•]\s*", "", raw_lines[below].strip())
            if QUESTION_LINE.match(answer) or NAMED_ANSWER.match(answer):
                continue  # the line below is another question or a turn of its own
            out[n] = after.group("question")
            out[below] = f"A ({after.group('who')}): {answer}"
            continue
        if not line.rstrip().endswith("?") or below < 0:
            continue
        named = NAMED_ANSWER.match(raw_lines[below])
        if named is not None and _named_elsewhere(named.group("who"), raw_lines, below):
            out[below] = f"A ({named.group('who')}): {named.group('rest')}"
    return out
