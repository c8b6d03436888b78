"""Line shapes shared by the notes reader and its header reader (formats, not phrases).

A timestamp, a bullet or outline number, a person's name with an optional title, a speaker
introduced with their organisation (`Name (Org): …`, `Name, Org: …`), a `Who: …` prefix, and the
logistics chatter that is never content. The notes reader (`notes.py`) reads the body with them;
the header reader (`note_header.py`) uses them to tell a title from a line of the body.
"""

from __future__ import annotations

import re
import unicodedata

# a clock time opening a line, with its seconds when a recording's transcript gives them (`[00:02:10]`)
TIMESTAMP = re.compile(
    r"^\s*[\[(]?(?P<ts>\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:-|–|to)\s*\d{1,2}[:h]\d{2})?)[\])]?"
    r"(?:\s*[-–:|]\s*|\s+|$)"
)
# a bullet mark or an outline number (`3.`, `2)`, and a Word export's `2.1.3.` with a tab after it);
# a lone full stop before a space is a mark too (`. point`), typed where no bullet key is at hand
OUTLINE_NUMBER = r"\d{1,2}(?:\.\d{1,2}){0,3}[.)]"
DOT_MARK = r"\.(?![.\w])"
BULLET = re.compile(rf"^\s*(?:[-*•·–—▪◦‣>+»→►➤›]|{DOT_MARK}|{OUTLINE_NUMBER})\s+")
NOISE = re.compile(
    r"\b(?:mic|mics|microphone|audio|sound|headset)s?\b[^.;]{0,30}?\b(?:not\s+working|issues?|problems?"
    r"|fixed|cut|dead|off|failed|broke|muted|down)\b"
    r"|\(\s*(?:mic|audio)\s+(?:issues?|problems?)\s*\)"
    r"|\bslides?\b[^.;]{0,25}?\b(?:shared|circulated|sent|available|posted|uploaded|to\s+follow)\b"
    r"|\bslides?\s+after\b"
    r"|\b(?:coffee|lunch|tea|comfort)\s+break\b|\bbreak\s+(?:now|until|till)\b"
    r"|\b(?:zoom|webex|teams|meet)\s+(?:link|id|passcode)\b|\blink\s+(?:is\s+)?in\s+(?:the\s+)?chat\b"
    r"|\brunning\s+(?:[\w~]+\s+){0,3}?(?:late|behind|over)\b|\b(?:ppl|people)\s+still\s+(?:coming|arriving|joining|entering|on\s+the\s+stairs|outside|queu\w*)\b"
    r"|\b(?:room\s+)?applau\w+|\bnice\s+touch\b|\b(?:full|packed)\s+room\b|\broom\s+(?:packed|full)\b|\bextra\s+chairs\b"
    r"|~?\b\d+\s+(?:ppl\s+|people\s+)?(?:in\s+(?:the\s+)?room|online)\b|\blate\s+joiners\b"
    r"|\b(?:started|starting|start)\s+(?:late|on\s+time|early)\b|\blate\s+start\b"
    r"|\b(?:plenary|session)\s+(?:overran|ran\s+over)\b|^\s*(?:end|ended|ends)\s+\d{1,2}[:h]\d{2}"
    r"|\broom\s+(?:needed|full|change|booked)\b|\bfor\s+(?:the\s+)?next\s+session\b(?!\s+on)"
    r"|\brecording\s+(?:started|stopped|available|will\s+be)\b"
    r"|\btechnical\s+(?:issues?|difficulties|problems|glitch)\b|\bconnection\s+(?:dropped|lost)\b"
    r"|\b(?:can'?t|cannot|could\s*n[o']t)\s+hear\b|\bswitched\s+to\s+(?:the\s+)?chat\b"
    r"|\bmoved\s+to\s+(?:the\s+)?end\b|\b(?:thanks|thanked|thank\s+you)\s+(?:the\s+|all\s+)?"
    r"(?:speakers|panel(?:lists)?|everyone|all|participants)\b"
    r"|\btidy\s+(?:up\s+)?later\b|\brapporteur(?:'s)?\s+notes?\b|\bgroup\s+photo\b"
    r"|\bwi-?fi\s+password\b|\b(?:approx\.?|about|~)?\s*\d+\s+(?:ppl|people|participants)\s+in\s+"
    r"(?:the\s+)?room\b|\bfew\s+online\b|\bq&a\s+cut\b|\(short\)"
    r"|\bask\s+\w+(?:'s)?\s+team\b|\blink\s+will\s+be\s+shared\b|\bwill\s+be\s+shared\s+after\b"
    r"|\bshared\s+after\b|\b(?:slides|deck)\s*\+",
    re.IGNORECASE,
)
TITLE = r"(?:(?:Dr|Prof|Mr|Ms|Mrs|Mx|H\.\s?E|Amb|Hon|Eng|Sen|Sir|Dame)\.?\s+)"
NAME_TOKEN = r"(?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][a-zà-ÿ'’]+(?:-[A-ZÀ-Þ]?[a-zà-ÿ'’]+)?)"
PARTICLE = r"(?:de|da|van|von|der|den|del|della|di|du|la|le|bin|binti|al|el|dos|das|ter|ten)"
NAME = rf"{TITLE}?{NAME_TOKEN}(?:\s+(?:{PARTICLE}\s+){{0,2}}{NAME_TOKEN}){{1,3}}"
LEAD = (
    r"(?i:(?:moderator|moderated\s+by|mod|chair|speaker|spkr|panel+ist|remote\s+(?:speaker|spkr)"
    r"(?:\s+back)?|online\s+speaker|closing|opening|keynote|key\s+point\s+from|intro|welcome\s+by)"
    r"\b[\s:,=-]*)"
)
INTRO_PAREN = re.compile(
    rf"^(?P<lead>{LEAD})?(?P<name>{NAME})\s*(?:,\s*(?P<role>[^()]{{2,90}}?))?\s*"
    rf"\((?P<org>[^()]{{1,100}})\)\s*(?P<sep>:|-|–|—|,)?\s*(?P<rest>.*)$"
)
INTRO_COMMA = re.compile(
    rf"^(?P<lead>{LEAD})?(?P<name>{NAME}),\s*(?P<org>[^:]{{2,100}}?)\s*(?:\s[-–—]|:)\s*(?P<rest>.*)$"
)
PREFIX = re.compile(
    r"^(?P<who>[A-ZÀ-Þ][\w'’&.\-/]*(?:\s+(?:[A-ZÀ-Þ][\w'’&.\-/]*|of|for|and|&|the|de|on))"
    r"{0,5})\s*(?P<sep>:|=)\s*(?P<rest>.*)$"
)


def clean_space(text: str) -> str:
    """A line with its spacing made plain: NFC, no tabs, no invisible marks, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\t", " ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff\u00ad]", "", text)
    return re.sub(r"\s{2,}", " ", text).strip()


# a label set in Markdown emphasis at the start of a line: `**Date:** …`, `**Organisers :** …`,
# `__Speaker__: …`, `*Lien* : …` (the colon inside or outside the marks)
EMPHASISED_LABEL = re.compile(
    r"^(?P<lead>\s*(?:[-*•]\s+)?)(?P<mark>\*\*|__|\*|_)(?P<label>[^*_:\n]{1,40}?)\s*(?P<inner>:?)\s*(?P=mark)"
    r"\s*(?P<outer>:?)\s*(?P<rest>.*)$"
)


def plain_label_lines(lines: list[str]) -> list[str | None]:
    """Per line: the line with its emphasised label made plain (`**Date :** 3 July` -> `Date: 3 July`),
    so the header and speaker readers see the label; None for a line with no such label. Only a
    label followed by a colon counts (`**Note** that …` is emphasis, not a label)."""
    out: list[str | None] = []
    for line in lines:
        match = EMPHASISED_LABEL.match(line)
        if match is None or not (match.group("inner") or match.group("outer")) or not match.group("rest"):
            out.append(None)
            continue
        out.append(f"{match.group('lead')}{match.group('label').strip()}: {match.group('rest')}")
    return out
