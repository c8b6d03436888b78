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
from assistant.domain.vocabulary import notes_vocabulary
from assistant.drafting.note_header import SESSION_NOUN, organisers_written
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
        dated = any(find_date(raw) for raw in raw_lines[last + 1: last + 1 + HEADER_ZONE])
        if sent is not None and not when and not dated and find_date(sent[1]):
            out[sent[0]] = f"Date: {find_date(sent[1])}"  # the day it was sent, when no top line names one
        greeting = next((n for n in range(last + 1, min(len(raw_lines), last + 4))
                         if raw_lines[n].strip()), None)
        if greeting is not None and GREETING.match(raw_lines[greeting]):
            opening = _opening_fields(raw_lines, greeting)
            url = URL.search(raw_lines[greeting]) or next(
                (u for u in map(URL.search, _opening_paragraph(raw_lines, greeting)) if u), None)
            out[greeting] = f"URL: {url.group(0).rstrip('.,;')}" if url else ""
            if "title" in opening and subject is not None:
                out[subject[0]] = f"Title: {opening['title']}"  # the session named in the message
            spare = [n for n, name, _ in header if name not in SUBJECT_NAMES | SENT_NAMES]
            if "organisers" in opening and spare:
                out[spare[0]] = f"Organisers: {opening['organisers']}"
    quoted = [n for n, raw in enumerate(raw_lines) if QUOTE_MARK.match(raw)]
    if len(quoted) >= 2:
        for n in quoted:
            out[n] = QUOTE_MARK.sub("", raw_lines[n])
    _blank_signature(raw_lines, out)
    return out


def _opening_paragraph(raw_lines: list[str], greeting: int) -> list[str]:
    """The message's first paragraph: the greeting line and the written lines right under it, up to
    the first blank line (where the notes themselves start)."""
    paragraph = [raw_lines[greeting]]
    for raw in raw_lines[greeting + 1:]:
        if not raw.strip():
            if len(paragraph) > 1:
                break
            continue
        paragraph.append(raw)
    return paragraph


def _opening_fields(raw_lines: list[str], greeting: int) -> dict[str, str]:
    """The session's title and organisers as the message's opening paragraph states them: a quoted
    title after a noun for a session (`Session was "…"`), and the organisations right after it named
    with their role (`"…", ITU as facilitator`, the roles a closed list in the notes vocabulary)."""
    # a noun for a session, at most two words (`was`, `is called`), then the quoted title
    named = re.compile(rf"\b{SESSION_NOUN}\b(?:\s+[^\W\d_]+){{0,2}}?\s*[:,–—-]?\s*"
                       r"[\"“«](?P<value>[^\"”»]{4,200})[\"”»]", re.IGNORECASE)

    roles = "|".join(map(re.escape, sorted(notes_vocabulary()["header_labels"]["organiser_roles"],
                                           key=len, reverse=True)))
    found: dict[str, str] = {}
    for raw in _opening_paragraph(raw_lines, greeting):
        quoted = named.search(raw)
        if not quoted or len(quoted.group("value").split()) < 2:
            continue
        found["title"] = quoted.group("value").strip()
        role = re.match(rf"\s*,\s*(?P<orgs>(?:the\s+)?(?-i:[A-ZÀ-Þ])[^,;.]{{0,80}}?)\s+as\s+(?:the\s+)?"
                        rf"(?:{roles})\b", raw[quoted.end():], re.IGNORECASE)
        if role:
            found["organisers"] = organisers_written(role.group("orgs"))
        break
    return found


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
