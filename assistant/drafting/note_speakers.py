"""Speaker headings of raw notes: the line that opens one speaker's block, in the layouts rapporteurs use.

`ASHUTOSH CHADHA (Microsoft)`, `MODERATOR -- Dr Mariagrazia Squicciarini (UNESCO)`,
`[11:05] Ivan John Uy -- Philippines`, `3. Doreen Bogdan-Martin -- Secretary-General, ITU`,
`CANELA GODOI (Guilherme Canela Godoi, UNESCO):`, `mod: T. Suto -- ICC (global digital policy lead)`,
`Floor speaker 2 -- civil society`. The parser reads the shape of the line (a person's name, then an
organisation or a country, then roles) and never a list of known people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.language import languages
from assistant.domain.vocabulary import notes_vocabulary
from assistant.drafting.note_shapes import heading_text


def _honorifics() -> tuple[str, ...]:
    """The honorifics of every language file (`[notes] honorifics`: `Dr`, `Mme`, `Sra.`, `H.E.`), a
    closed list per language, longest first."""
    found = {h for lang in languages().values() for h in lang.notes.get("honorifics", ())}
    return tuple(sorted(found, key=len, reverse=True))


# one token that is an honorific, with or without its full stop: `Emb.` (embajador/a), `Ing.`, `Mlle`
# the honorifics as one group of alternatives, for patterns that find one inside a line
HONORIFIC_WORDS = r"(?:" + "|".join(re.escape(h).replace(r"\.", r"\.\s?") for h in _honorifics()) + r")"
HONORIFIC = re.compile(rf"^{HONORIFIC_WORDS}\.?$", re.IGNORECASE)
ORG_AFTER_TITLE = re.compile(
    r"\b(?:of|at|for)\s+(?P<org>(?:the\s+)?[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4})"
)
PARTICLES = {"de", "da", "van", "von", "der", "den", "del", "della", "di", "du", "la", "le", "bin", "binti",
             "al", "el", "dos", "das", "ter", "ten", "y"}
ROLE_LEAD = re.compile(
    r"^(?:moderator|moderated\s+by|mod|chair(?:ed\s+by)?|host(?:ed\s+by)?|keynote|speaker|panell?ist"
    r"|présidente?|modérat(?:eur|rice)|moderadora?"
    # a segment of the session named before its speaker: `Opening -- Kadri Tamm (Estonia)`
    r"|(?:opening|welcome|closing|concluding)(?:\s+(?:remarks|words|address|statement))?"
    r"|introduction|intro|wrap[\s-]?up|ouverture|cl[ôo]ture|apertura|clausura)\b\s*[:=\-–—]*\s*",
    re.IGNORECASE,
)
TITLE_WORDS = re.compile(
    r"\b(?:director|minister|ministre|ministra|secretary|adviser|advisor|head|president|ceo|cto|chair\w*"
    r"|founder|co-founder|ambassador|officer|lead|manager|professor|councillor|commissioner|deputy"
    r"|coordinator|specialist|expert|journalist|researcher|moderator|opener|message|video|remote|online"
    r"|representative|rapporteur|facilitator|dg|adg|sg|vp|chief|senior|general|editor|analyst)\b",
    re.IGNORECASE,
)
ANONYMOUS = re.compile(r"\b(?:floor|audience|online|room)\s+(?:speaker|participant|intervention)\b"
                       r"|^(?:speaker|participant|intervention)\s+\d+\b", re.IGNORECASE)
ACRONYM = re.compile(r"\b[A-Z][A-Za-z]?[A-Z]{1,5}\b")
SPLIT = re.compile(r"\s+(?:--|–|—|-|\||/)\s+")
# words of headings that are not names ("Key Issues", "Main Stage", "OHCHR SPEAKER", "FOR THE FORM")
NOT_NAME_WORDS = {
    "for", "the", "of", "and", "in", "on", "to", "with", "at", "by", "from", "key", "issues", "main",
    "stage", "room", "session", "panel", "floor", "next", "steps", "outcomes", "recommendations",
    "themes", "trends", "challenges", "wrap", "closing", "opening", "summary", "notes", "questions",
    "discussion", "background", "context", "agenda", "programme", "program", "framing", "speakers",
    "speaker", "logistics", "general", "form", "draft", "report", "part", "round", "segment", "q&a",
    "remarks", "statements", "statement", "intro", "introduction", "welcome", "conclusion",
}


# words that make an ALL-CAPS heading an organisation ("CHILD HELPLINE INTERNATIONAL"), not a person
ORG_WORDS = re.compile(
    r"\b(?:international|helpline|union|authority|ministry|agency|council|foundation|institute|university"
    r"|society|forum|network|alliance|association|commission|organi[sz]ation|bank|group|centre|center"
    r"|programme|office|department|secretariat|parliament|government|federation|coalition|initiative)\b",
    re.IGNORECASE,
)


@dataclass
class HeadingSpeaker:
    """What a speaker heading says: the person (or a description of an unnamed speaker) and their org."""

    name: str
    org: str = ""
    anonymous: bool = False
    is_org: bool = False


def _token_case(token: str) -> str:
    """`CHADHA` -> `Chadha`, `BOGDAN-MARTIN` -> `Bogdan-Martin`; mixed-case tokens stay as written."""
    if token.isupper() and len(token) > 1 and not re.fullmatch(r"(?:[A-Z]\.)+", token):
        return "-".join(part.capitalize() for part in token.split("-"))
    return token


# the most words a heading's lead holds before the honorific (`Intervención de la Sra. …`)
MAX_LEAD = 3


def _heading_lead(tokens: list[str]) -> int:
    """How many words open a heading before the person it names: the words before an honorific that
    is not the first word and has a name after it (`Intervention de M. Jean Dupont`, `Intervención de
    la Sra. Lucía Pérez`); 0 when there are none. A name holds no honorific inside it, so those words
    are a heading's lead (a one-letter honorific, `M.`, counts only after a lower-case word, as an
    initial may stand inside a name: `Jean M. Dupont`). A heading's lead is at most `MAX_LEAD` words:
    more before the honorific are a sentence about the person (`… ask M. Diallo's team for the
    slides`), not a heading naming them."""
    for position in range(1, min(len(tokens) - 1, MAX_LEAD + 1)):
        token = tokens[position]
        if not HONORIFIC.match(token) or not token[:1].isupper():
            continue
        single = len(token.rstrip(".")) == 1
        after_lower = tokens[position - 1][:1].islower()
        if (after_lower or not single) and re.match(r"[A-ZÀ-Þ]", tokens[position + 1]):
            return position
    return 0


def without_heading_lead(name: str) -> str:
    """A name as the notes wrote it, less the words of a heading before its honorific
    (`Intervention de M. Jean Dupont` -> `M. Jean Dupont`); any other name as it is."""
    tokens = name.split()
    return " ".join(tokens[_heading_lead(tokens):])


def starts_with_heading_lead(text: str) -> bool:
    """True for a line that opens on a heading's lead and then an honorific and a name
    (`Intervención de la Sra. Lucía Pérez (OPS)`): a speaker heading, whatever follows it."""
    tokens = re.sub(r"\(.*$", "", heading_text(text)).split()
    return 0 < _heading_lead(tokens) <= 3 and bool(person_name(" ".join(tokens)))


def person_name(text: str, all_caps_ok: bool = True) -> str:
    """The text as a person's name (`Dr Eileen Donahoe`, `T. Suto`, `H.E. K. Bibi Triki`), or ''."""
    text = text.strip(" ,;:.-–—")
    if not text or re.search(r"[\d@/&+=]", text):
        return ""
    tokens = text.split()
    lead = _heading_lead(tokens)
    if lead:  # `Intervention de M. Jean Dupont`: the words before the honorific head the line
        tokens = tokens[lead:]
        text = " ".join(tokens)
    honorifics = 0
    while tokens and HONORIFIC.match(tokens[0]):
        tokens = tokens[1:]
        honorifics += 1
    if not 1 <= len(tokens) <= 5 or any(t.lower() in NOT_NAME_WORDS for t in tokens):
        return ""
    words = 0
    for token in tokens:
        if token.lower() in PARTICLES:
            continue
        if re.fullmatch(r"[A-ZÀ-Þ]\.", token):
            continue
        if not re.fullmatch(r"[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*(?:-[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*)?", token):
            return ""
        if token.isupper() and not all_caps_ok:
            return ""
        if TITLE_WORDS.search(token):
            return ""
        words += 1
    if words < 1 or (words == 1 and not honorifics and not re.search(r"[A-ZÀ-Þ]\.", text)):
        return ""
    cased = [_token_case(t) if t.lower() not in PARTICLES else t.lower() for t in text.split()]
    return " ".join(cased)


def _org_of(pieces: list[str]) -> str:
    """The organisation or country among the pieces after a name (job titles and roles skipped)."""
    plain = [p for p in pieces if not TITLE_WORDS.search(re.sub(r"\s*\([^()]*\)", "", p))]
    titled = [p for p in pieces if p not in plain]
    for piece in plain + titled:  # `Head of Mapping, Nordic Red Cross`: the organisation, not "Mapping"
        piece = piece.strip(" ,;:.-–—")
        if piece.count("(") != piece.count(")"):
            piece = piece.strip("()")
        if not piece or not piece[0].isupper():
            continue
        bare = re.sub(r"\s*\([^()]*\)", "", piece).strip()
        if not bare:
            continue
        if TITLE_WORDS.search(bare):
            found = ORG_AFTER_TITLE.search(bare)
            if found and not TITLE_WORDS.search(found.group("org")):
                return found.group("org")
            acronym = [a for a in ACRONYM.findall(bare) if not TITLE_WORDS.search(a)]
            if acronym:
                return acronym[0]
            continue
        if bare.isupper() and len(bare.split()) > 1:
            if ORG_WORDS.search(bare):
                return _title(bare)  # `ITU SECRETARIAT`
            continue  # an ALL-CAPS remark ("VIDEO MESSAGE"), not an organisation
        return bare if len(bare.split()) <= 8 else ""
    return ""


def _title(text: str) -> str:
    """An ALL-CAPS heading in title case, acronyms of up to four letters kept (`ITU`, `ICRC`)."""
    return " ".join(w if len(w) <= 4 and w.isalpha() and len(text.split()) > 1 else _token_case(w)
                    for w in text.split())


def _slot_speaker(head: str, parts: list[str]) -> HeadingSpeaker | None:
    """A numbered slot of the programme, then the person: `Intervención 3 — Ing. Sosa (PNUD)`,
    `Intervention 2 – Dr Ada Obi, Health Agency` (a word and a number, a dash, a name)."""
    if len(parts) < 2 or not re.fullmatch(r"[^\W\d_]+\.?\s+\d{1,2}", head.strip()):
        return None
    slot = re.match(r"^(?P<who>[^(),]+?)\s*(?:\((?P<inner>[^()]*)\))?\s*(?:,(?P<after>.*))?$", parts[1])
    if slot is None or not person_name(slot.group("who")):
        return None
    return HeadingSpeaker(name=person_name(slot.group("who")),
                          org=_org_of([slot.group("inner") or "", slot.group("after") or "", *parts[2:]]))


def is_slot_heading(text: str) -> bool:
    """True for a line that is a numbered slot of the programme and its speaker (`_slot_speaker`): a
    heading whatever follows it, a bullet or a paragraph of prose."""
    line = heading_text(text)
    parts = [p.strip() for p in SPLIT.split(line) if p.strip()]
    return bool(parts) and len(line.split()) <= 16 and _slot_speaker(parts[0], parts) is not None


def parse_speaker_heading(text: str) -> HeadingSpeaker | None:
    """The speaker a heading line introduces, or None when the line is not a speaker heading."""
    line = heading_text(text)
    outside = re.sub(r"\(.*\)", "", line)
    if not line or len(outside.split()) > 16 or line.endswith((".", "?", "!")):
        return None
    line = ROLE_LEAD.sub("", line).strip()
    whole = re.match(r"^(?P<head>[^()]+?)\s*\((?P<inner>.*)\)\s*(?P<tail>[^()]*)$", line)
    if whole and not SPLIT.search(whole.group("head")):
        parts = [line]  # `NAME (Full Name, org; role -- more)`: the parenthesis holds everything
    else:
        parts = [p.strip() for p in SPLIT.split(line) if p.strip()]
    if not parts:
        return None
    first = parts[0]
    if "(" not in first and "," in first and not person_name(first):
        head_piece, _, after = first.partition(",")
        if person_name(head_piece):
            first, parts = head_piece, [head_piece, after, *parts[1:]]
    paren = re.match(r"^(?P<head>[^()]+?)\s*\((?P<inner>.*)\)\s*(?P<tail>[^()]*)$", first)
    head, inner = (paren.group("head"), paren.group("inner")) if paren else (first, "")
    slot = _slot_speaker(head, parts)
    if slot is not None:
        return slot
    if ANONYMOUS.search(head):
        described = re.sub(r"\s*\([^()]*\)", "", parts[1]).strip(" ,;") if len(parts) > 1 else ""
        return HeadingSpeaker(name="A speaker from the floor", org=described, anonymous=True)
    inner_pieces = [p.strip() for p in re.split(r"[,;]", inner) if p.strip()]
    name = person_name(head)
    if inner_pieces:
        full = person_name(inner_pieces[0])
        surname = head.split()[-1].lower() if head.split() else ""
        if full and surname and surname in full.lower():
            name, inner_pieces = full, inner_pieces[1:]
    if not name and len(parts) > 1:
        # `KENYA -- Lina Mwangi, Communications Authority`: a country or organisation, then the person
        person, _, after = parts[1].partition(",")
        if person_name(person) and head.isupper():
            return HeadingSpeaker(name=person_name(person), org=_org_of([after, *parts[2:]]) or _title(head))
    if not name and head.isupper() and len(parts) == 1 and not inner \
            and not any(w.lower() in NOT_NAME_WORDS for w in head.split()) and (
        ORG_WORDS.search(head) or (len(head.split()) == 1 and len(head) >= 4 and head.isalpha())
    ):
        return HeadingSpeaker(name=_title(head), is_org=True)  # `POLAND`, `CHILD HELPLINE INTERNATIONAL`
    if not name:
        # a title before the name: `UN Secretary-General Antonio Guterres`
        tokens = head.split()
        for start in range(1, max(len(tokens) - 1, 1)):
            tail = person_name(" ".join(tokens[start:]), all_caps_ok=False)
            # a title is capitalised words (`UN Secretary-General`), not a clause that ends on a name
            # (`… came back online within a week of Hurricane Beryl`)
            worded = [t for t in tokens[:start] if re.search(r"[^\W\d_]", t)]  # `(10:40)` is no word
            titled = sum(1 for t in worded if t[:1].isupper()) * 2 >= len(worded)
            if tail and len(tokens) - start >= 2 and titled:
                org = [a for a in ACRONYM.findall(" ".join(tokens[:start])) if not TITLE_WORDS.search(a)]
                return HeadingSpeaker(name=tail, org=org[0] if org else _org_of(parts[1:]))
        return None
    rest = inner_pieces + [q.strip() for p in parts[1:] for q in p.split(",")]
    return HeadingSpeaker(name=name, org=_org_of(rest))


# what joins the entries of a list of speakers: a comma or semicolon, or a conjunction
_LIST_JOIN = re.compile(r"\s*[,;]\s*|\s+[/|]\s+|\s+(?:and|y|e|et|&)\s+")


def _outside_brackets(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The text cut at each match of `pattern` that is not inside round brackets."""
    pieces, depth, start, position = [], 0, 0, 0
    while position < len(text):
        char = text[position]
        depth += char == "("
        depth -= char == ")" and depth > 0
        match = pattern.match(text, position) if depth == 0 else None
        if match and match.end() > position:
            pieces.append(text[start:position])
            start = position = match.end()
            continue
        position += 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def listed_speakers(text: str) -> list[HeadingSpeaker]:
    """The speakers a labelled list line names (`Panel: Dr Ada Obi (Health Agency), Mr Tom Li (ITU)
    and Ms Sara Diaz`), each with the organisation in brackets after them; [] when the line is not
    such a list: its label's first word is none of `[speaker_lists] labels`, or an entry is no name.
    A few words in lower case before a name say how they took part (`y en línea Tomás Herrera`); a
    title word before a full name is left out of it (`Embajadora Lucía Benítez`)."""
    label, colon, value = text.partition(":")
    words = label.lower().split()
    if not colon or not words or len(words) > 5 or words[0] not in _speaker_list_labels():
        return []
    found = []
    for entry in _outside_brackets(value.strip().rstrip("."), _LIST_JOIN):
        entry = re.sub(r"^(?:[a-zà-ÿ]+\s+){1,3}(?=[A-ZÀ-Þ])", "", entry)
        match = re.match(r"^(?P<who>[^()]+?)\s*(?:\((?P<org>[^()]*)\))?$", entry)
        if match is None:
            return []
        who = match.group("who").strip()
        name = person_name(who)
        if not name and len(who.split()) >= 3:
            name = person_name(" ".join(who.split()[1:]))
        if not name:
            return []
        found.append(HeadingSpeaker(name=name, org=(match.group("org") or "").strip()))
    return found if len(found) >= 2 else []


def _speaker_list_labels() -> frozenset[str]:
    return frozenset(str(w).lower() for w in notes_vocabulary()["speaker_lists"]["labels"])


# a turn opened by a name in capitals and the speaker's organisation in brackets, then a colon or a
# dash and the words: `JOSEFA RATU (PITA): …`, `- DR. AMARA OKAFOR (Univ. of Lagos) — …`
CAPS_TURN = re.compile(
    r"^(?P<lead>\s*(?:[-*•]\s+)?)(?P<name>[A-ZÀ-Þ][A-ZÀ-Þ'’.-]*(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ'’.-]*){1,4})"
    r"(?P<after>\s*\([^()]{1,100}\)\s*(?::|\s[-–—]{1,2})\s*\S.*)$"
)
CAPS_WORD = re.compile(r"\b[A-ZÀ-Þ]{2,}\b")


def caps_turn_lines(lines: list[str]) -> list[str | None]:
    """Per line: a turn opened by a name in capitals (`JOSEFA RATU (PITA): …`) with the name cased as
    a name (`Josefa Ratu (PITA): …`), so the speaker readers, which read a name by its capitals, read
    the turn's speaker; None for any other line. A capitalised word the notes also write inside
    ordinary text (`WHO`, `ICPC` in a sentence) is an acronym, and a run holding one is an
    organisation or a lead, not a person: such a line is left alone. At least two of the run's words
    must read as a name (three letters or more with a vowel), and the run must be a person's name
    once cased, or be one after a lead word (`person_name`), so `UN DESA (NY): …` stays as typed."""
    turns = [CAPS_TURN.match(line) for line in lines]
    acronyms: set[str] = set()
    for line, turn in zip(lines, turns, strict=True):
        rest = line[turn.end("name"):] if turn else line
        if re.search(r"[a-zà-ÿ]", rest):
            acronyms |= set(CAPS_WORD.findall(rest))
    out: list[str | None] = [None] * len(lines)
    for n, turn in enumerate(turns):
        if turn is None:
            continue
        words = turn.group("name").split()
        named = [w for w in words if len(w.strip(".")) >= 3 and re.search(r"[AEIOUYÀ-Ö]", w)]
        if len(named) < 2 or any(w.strip(".") in acronyms for w in words):
            continue
        cased = " ".join(w.lower() if w.lower() in PARTICLES else _token_case(w) for w in words)
        if not person_name(cased) and not person_name(cased.split(None, 1)[-1]):
            continue  # (a lead word before the name, `MODERATOR SIONE TUPOU`, is read by the speaker reader)
        out[n] = f"{turn.group('lead')}{cased}{turn.group('after')}"
    return out
