"""Notes forwarded by e-mail: the message's header, `>` quoting, greeting and signature.

A rapporteur who sends their notes to the secretariat pastes the whole message: `From:`, `Sent:`,
`To:` and `Subject:` lines, a greeting ("Hi all, my notes from …"), the notes themselves quoted
with `>`, then a signature under `--`. Each line is rewritten into what the notes reader already
understands, keeping its line number: the subject becomes the `Title:` line (without `FW:`/`RE:`
and a leading "notes --"), a date in the subject becomes the `Date:` line (its year taken from the
`Sent:` line when the subject has none), the other header lines and the signature become blank, a
URL in the greeting becomes the `URL:` line, and quoted lines lose their `>` markers.

A quoted line keeps the boundary its `>` gave it (`quoted_openings`): one that opens on a capital
letter, a figure or a bullet mark under another quoted line is a point of its own, so the reflow
does not run two quoted points into one sentence (a point with no full stop over the next point
read as a hand-wrapped paragraph); a quoted line that opens in lower case still carries on a
sentence wrapped by the mail client.
"""

from __future__ import annotations

import re

from assistant.domain.normalise import MONTH, TIME, find_date
from assistant.drafting.note_shapes import URL

HEADER_FIELD = re.compile(
    r"^\s*(?P<name>from|sent|date|to|cc|bcc|subject|reply-to|de|envoy[ée]|[àa]|objet|enviado|para|asunto)"
    r"\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
SUBJECT_NAMES = {"subject", "objet", "asunto"}
SENT_NAMES = {"sent", "date", "envoyé", "envoye", "enviado"}
REPLY_MARK = re.compile(r"^\s*(?:(?:re|fw|fwd|tr|rv|aw|wg)\s*:\s*)+", re.IGNORECASE)
NOTES_WORD = re.compile(r"^\s*(?:my\s+|raw\s+|rough\s+)?notes?\s*(?:--|–|—|:|-|from)?\s*", re.IGNORECASE)
TRAILING_WHEN = re.compile(r"\s*\((?P<when>[^()]*\d[^()]*)\)\s*$")
GREETING = re.compile(
    r"^\s*(?:hi|hello|dear|hey|bonjour|salut|hola|buenos\s+d[ií]as|good\s+(?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
QUOTE_MARK = re.compile(r"^\s*(?:>\s?)+")
# what opens a point of its own in a quoted line: a capital letter, a figure or a bullet mark
QUOTED_OPENING = re.compile(r"^\s*(?:[A-ZÀ-Þ0-9]|[-*•·–—▪◦‣+]\s)")
SIGNATURE_RULE = re.compile(r"^\s*--\s*$")
SIGNATURE_MAX_LINES = 4
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
HEADER_ZONE = 12  # the message header sits in the first lines


def _title_and_when(subject: str) -> tuple[str, str]:
    """The session title a subject line names, and the date-and-time in its trailing brackets."""
    text = NOTES_WORD.sub("", REPLY_MARK.sub("", subject)).strip(" -–—:")
    when = ""
    match = TRAILING_WHEN.search(text)
    if match and (find_date(match.group("when")) or MONTH.search(match.group("when"))
                  or TIME.search(match.group("when"))):
        when, text = match.group("when").strip(), text[: match.start()].strip()
    return text, when


def email_lines(raw_lines: list[str]) -> list[str | None]:
    """Per line: None when it is not part of an e-mail's frame, else the line rewritten (""
    for a header field, greeting or signature line that carries nothing for the form)."""
    out: list[str | None] = [None] * len(raw_lines)
    header = _message_header(raw_lines)
    if header:
        fields = {name: (n, value) for n, name, value in header}
        for n, _name, _value in header:
            out[n] = ""
        subject = next((fields[k] for k in SUBJECT_NAMES if k in fields), None)
        sent = next((fields[k] for k in SENT_NAMES if k in fields), None)
        if subject is not None:
            title, when = _title_and_when(subject[1])
            if title:
                out[subject[0]] = f"Title: {title}"
            if when and sent is not None:
                year = YEAR.search(sent[1])
                if year and not YEAR.search(when):
                    when = f"{when} {year.group(0)}" if "," not in when else when.replace(
                        ",", f" {year.group(0)},", 1)
                out[sent[0]] = f"Date: {when}"
        last = max(n for n, _, _ in header)
        greeting = next((n for n in range(last + 1, min(len(raw_lines), last + 4))
                         if raw_lines[n].strip()), None)
        if greeting is not None and GREETING.match(raw_lines[greeting]):
            url = URL.search(raw_lines[greeting])
            out[greeting] = f"URL: {url.group(0).rstrip('.,;')}" if url else ""
    quoted = [n for n, raw in enumerate(raw_lines) if QUOTE_MARK.match(raw)]
    if len(quoted) >= 2:
        for n in quoted:
            out[n] = QUOTE_MARK.sub("", raw_lines[n])
    _blank_signature(raw_lines, out)
    return out


def quoted_openings(raw_lines: list[str]) -> frozenset[int]:
    """The quoted lines (0-based) that open a point of their own: the notes quote two lines or more
    with `>`, the line is quoted under another quoted line that holds text, and its text opens on a
    capital letter, a figure or a bullet mark (`QUOTED_OPENING`). The reflow still joins such a line
    to the one above when that one's sentence runs on (it ends on a comma or on a word no sentence
    ends on: `note_reflow.continuation_heads`)."""
    quoted = [n for n, raw in enumerate(raw_lines) if QUOTE_MARK.match(raw)]
    if len(quoted) < 2:
        return frozenset()
    texts = {n: QUOTE_MARK.sub("", raw_lines[n]) for n in quoted}
    return frozenset(n for n in quoted if n - 1 in texts and texts[n - 1].strip() and texts[n].strip()
                     and QUOTED_OPENING.match(texts[n]))


def _message_header(raw_lines: list[str]) -> list[tuple[int, str, str]]:
    """The (line, field name, value) of an e-mail header block at the top: two or more fields among
    the first lines, one of them a subject or a sender."""
    found: list[tuple[int, str, str]] = []
    for n, raw in enumerate(raw_lines[:HEADER_ZONE]):
        match = HEADER_FIELD.match(raw)
        if match:
            found.append((n, match.group("name").lower(), match.group("value").strip()))
        elif raw.strip() and found:
            break
    names = {name for _, name, _ in found}
    if len(found) >= 2 and names & (SUBJECT_NAMES | {"from", "de"}):
        return found
    return []


def _blank_signature(raw_lines: list[str], out: list[str | None]) -> None:
    """Blank a signature: the short block under the last `--` line at the end of the message."""
    written = [n for n, raw in enumerate(raw_lines) if raw.strip()]
    rules = [n for n in written if SIGNATURE_RULE.match(raw_lines[n])]
    if not rules:
        return
    rule = rules[-1]
    after = [n for n in written if n > rule]
    if 0 < len(after) <= SIGNATURE_MAX_LINES:
        for n in (rule, *after):
            out[n] = ""
        before = [n for n in written if n < rule]
        if before and len(raw_lines[before[-1]].split()) <= 3:  # the sender's name above the rule
            out[before[-1]] = ""
