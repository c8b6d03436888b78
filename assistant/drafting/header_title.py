"""Takes what decorates a session's title off it: the programme's code, the event's name, the format.

Rapporteurs copy the title line from the programme, a calendar entry or an e-mail subject, and the
line carries more than the title: the session's code in the programme (`[S.231] Title`, `S-118 ·
Title`, `#145 Title`), the event it belongs to (`WSIS Forum 2025: Title`) and the kind of session
(`Title — Workshop`, `Roundtable: Title`). A drafted title must equal the session's own title, so
these parts go; the kinds of session and the events' names are closed lists kept as data
(`templates/notes-vocabulary.toml`, `[header_labels]`, `session_formats` and `event_names`).

Only what a programme puts around a title is taken: a kind of session before a colon (`Thematic
workshop: Title`, `High-Level Policy Session 5: Title`) is how programmes name a session and stays,
unless it only says how the session was held (`Online session: Title`).
"""

from __future__ import annotations

import re
from functools import cache

from assistant.domain.vocabulary import notes_vocabulary

# how a title's parts are separated on a programme line: a colon, a dash or a bar between spaces, a dot
SEPARATOR = r"\s*(?::|[|·•]|\s[-–—]{1,2})\s+|\s+[-–—]{1,2}\s*"
# a programme code: a short token of letters and a figure (`S.231`, `WS-12`, `TW12`), or a number after
# `#` or `No.` (`#145`); a bare number (`2030 Agenda: …`), a figure and a letter (`5G: …`), an action
# line's letter and figure (`C7: …`) or a name with its number (`COP29: …`) is no code
CODE = r"(?:#\s?\d{1,4}[A-Za-z]?|No\.?\s?\d{1,4}|[A-Za-z]{1,4}[-./]\d{1,4}[A-Za-z]?|[A-Z]{2}\d{1,4}[A-Za-z]?)"
MIN_TITLE_WORDS = 2  # what is left must still be a title of two words or more


@cache
def _vocabulary() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The kinds of session and the events' names, longest first."""
    labels = notes_vocabulary()["header_labels"]
    formats = tuple(sorted((str(w).lower() for w in labels["session_formats"]), key=len, reverse=True))
    events = tuple(sorted((str(w).lower() for w in labels["event_names"]), key=len, reverse=True))
    return formats, events


@cache
def _modifiers_and_documents() -> tuple[frozenset[str], frozenset[str]]:
    """Words that may qualify a kind of session (`hybrid`), and words naming the notes themselves."""
    labels = notes_vocabulary()["header_labels"]
    return (frozenset(str(w).lower() for w in labels["session_format_modifiers"]),
            frozenset(str(w).lower() for w in labels["document_words"]))


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


def is_format(text: str) -> bool:
    """True for a part of a title line that only names the kind of session (`Workshop`, `High-level
    dialogue`, `Roundtable 3`), never a title of its own."""
    formats, _ = _vocabulary()
    modifiers, _ = _modifiers_and_documents()
    bare = re.sub(r"\s*#?\s*\d{1,4}[a-z]?$", "", text.strip(" .()[]*_").lower())
    words = bare.split()
    while len(words) > 1 and words[0] in modifiers:  # `hybrid session`, `online workshop`
        words = words[1:]
    bare = " ".join(words)
    return bool(bare) and re.fullmatch(rf"(?:{_alternation(formats)})", bare) is not None


def _names_the_notes(lead: str) -> bool:
    """True for a lead-in before a title's colon that describes the notes, brackets aside, and may
    end on the session's number (`Transcript excerpt (cleaned by hand), session 187`)."""
    _, documents = _modifiers_and_documents()
    words = re.findall(r"[^\W\d_][\w'’-]*", re.sub(r"\([^()]*\)", " ", lead).lower())
    return 0 < len(words) <= 8 and bool(documents & set(words))


def _is_event(text: str) -> bool:
    """True for a part of a title line that only names an event and its year (`WSIS Forum 2025`)."""
    _, events = _vocabulary()
    return re.fullmatch(rf"(?:{_alternation(events)})\s*(?:(?:19|20)\d\d|'\d\d)?",
                        text.strip(" .()[]*_").lower()) is not None


def is_code(text: str) -> bool:
    """True for a part of a top line that only gives the session's number in the programme: a code
    (`S.231`, `#145`), or a label of numbers or a kind of session and a number (`Session ID 123`,
    `ID: 123`, `Ref. 88`, `Thematic Workshop 12`)."""
    part = text.strip(" .()[]*_")
    if re.fullmatch(CODE, part):
        return True
    numbered = re.fullmatch(r"(?P<label>[^\W\d_][\w .'’-]{0,40}?)\s*[:.]?\s*#?\s*\d{1,5}[A-Za-z]?", part)
    if not numbered:
        return False
    label = numbered.group("label").strip(" .:").lower()
    labels = frozenset(str(w).lower() for w in notes_vocabulary()["header_labels"]["number_labels"])
    words = label.split()
    while words and words[-1] in labels:
        words = words[:-1]
    return not words or is_format(" ".join(words)) or label in labels


def _enough(text: str) -> bool:
    """True when a remainder can still be a title (two words or more, a letter in it)."""
    return len(text.split()) >= MIN_TITLE_WORDS and re.search(r"[^\W\d_]{3}", text) is not None


def strip_code(text: str) -> str:
    """A title line without the programme codes before it: `[S.231] Title`, `(WS 12) Title`,
    `S-118 · Title`, `#145 Title`, `[Forum][S.12] Title` -> `Title`; any other line as it is."""
    for _ in range(3):  # tags run together (`[Event2025][S.12] Title`) come off one at a time
        stripped = _strip_one_code(text)
        if stripped == text:
            return text
        text = stripped
    return text


def _strip_one_code(text: str) -> str:
    """A title line without the first programme code before it (see `strip_code`)."""
    bracket = re.match(r"^\s*[\[(](?P<code>[^\[\]()]{1,14})[\])]\s*(?P<rest>\S.*)$", text)
    if bracket and re.search(r"\d", bracket.group("code")) and _enough(bracket.group("rest")):
        return bracket.group("rest").strip()
    coded = re.match(rf"^\s*(?P<code>{CODE})(?:{SEPARATOR})(?P<rest>\S.*)$", text)
    if coded and _enough(coded.group("rest")):
        return coded.group("rest").strip()
    hashed = re.match(r"^\s*#\s?\d{1,4}[a-z]?\s+(?P<rest>\S.*)$", text)  # `#145 Title`
    if hashed and _enough(hashed.group("rest")):
        return hashed.group("rest").strip()
    return text


def strip_decorations(text: str) -> str:
    """A title without its code, the event named before it, a kind of session before it (`Workshop:
    Title`) and what follows it that only names a kind of session, an event or a code (`Title —
    Workshop`, `Title | WSIS Forum 2025`, `Title (S.231)`); the whole line when too little is left."""
    title = strip_code(text.strip())
    for _ in range(3):  # `WSIS Forum 2025: Workshop: Title` takes two steps
        lead = re.match(rf"^(?P<lead>[^:|·•–—]{{2,70}}?)(?:{SEPARATOR})(?P<rest>\S.*)$", title)
        if not lead or not _enough(lead.group("rest")):
            break
        kind = lead.group("lead")
        colon = title[len(kind):].lstrip().startswith(":")
        # `Thematic workshop: Title` is how programmes write a session's name; `Roundtable — Title`
        # and `Online session: Title` (how it is held) put the kind beside the title
        held = kind.split()[0].lower() in _modifiers_and_documents()[0] and not re.search(r"\d", kind)
        named_kind = (is_format(kind) or is_code(kind)) and (not colon or held)
        # `WSIS Forum 2025: Title` names the event; `WSIS+20: the road ahead` may be the title itself
        event = _is_event(kind) and (not colon or re.search(r"(?:19|20)\d\d|'\d\d", kind) is not None)
        if not (event or _names_the_notes(kind) or named_kind):
            break
        title = strip_code(lead.group("rest").strip())
    for _ in range(3):  # `Title — Workshop · WSIS Forum 2025`
        tail = re.match(rf"^(?P<rest>.+?)(?:{SEPARATOR})(?P<tail>[^:|·•–—]{{1,40}})$", title) or re.match(
            r"^(?P<rest>.+?)\s*[(\[](?P<tail>[^()\[\]]{1,40})[)\]]\s*$", title)
        if not tail or not _enough(tail.group("rest")):
            break
        part = tail.group("tail").strip()
        if not (is_format(part) or _is_event(part) or is_code(part)):
            break
        title = tail.group("rest").strip()
    return title if _enough(title) else text.strip()
