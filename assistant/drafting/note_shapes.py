"""Line shapes of raw notes that are not session content: asides, logistics, meta blocks, hint blocks.

Rapporteurs mix three voices in their notes: what was said in the room (content), what they say
to themselves (asides: "to check", "my note: …", "(pls don't write …)", first-person remarks,
"not for the doc"), and how they plan the form (hint blocks: "FOR THE FORM", "form mapping",
"Pour le formulaire", whose lines say which section a point belongs to). Logistics (mic, photo,
captioning, interpretation, laptop battery) is neither. These functions read a line's shape and
wording only; they never decide what a bullet says. All of them take plain strings.
"""

from __future__ import annotations

import re

from assistant.domain.language import notes_pattern, text_language
from assistant.domain.vocabulary import notes_vocabulary
from assistant.drafting.note_kinds import states_next_edition_theme

URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)  # a link in a line of notes
# text inside quotation marks is a speaker's words, never the rapporteur's aside
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|„[^“”]*[“”]")
FIRST_PERSON = re.compile(
    r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b"  # English (a lower-case "i" is not it)
    r"|(?i:\b(?:j['’]|je\b|moi\b|mon\b|mes\b|yo\b|mis?\b(?=\s+(?:notas|apuntes))))",
)
ASIDE = re.compile(
    r"\bnote\s+to\s+self\b|\bto\s+self\b|\bnot\s+for\s+(?:the\s+)?(?:doc|draft|report|form|outcome)\w*"
    r"|\b(?:pls|please)\s+(?:don['’]?t|do\s+not|check|verify|confirm)\b"
    r"|\b(?:don['’]?t|do\s+not|never)\s+(?:guess|write|add|invent|reconstruct|mix|cite|quote)\b"
    r"|^\W*(?:nb|n\.b\.|todo|to\s*do|tbc|tbd|fyi|rapp?(?:orteur)?\s+note|my\s+note|side\s+note|aside"
    r"|digression|note\s+perso|à\s+vérifier|a\s+verificar|por\s+confirmar)\b\s*[:!.-]?"
    r"|(?:^|[(\[]|\s--\s)\W*(?:verify|double[\s-]?check|to\s+be\s+checked|to\s+check)\b"
    r"|\b(?:check\s+(?:the\s+|on\s+the\s+|with\s+)?"
    r"(?:recording|video|programme|program|spelling|official|list|press\s+release|before))\b"
    r"|\bvérifier\b|\bverificar\b|\bconfirm\s+(?:the\s+)?(?:title|spelling|name|figure)"
    r"|\bask\s+(?:the\s+)?(?:organi[sz]ers|itu|unesco|them|for\s+the)\b"
    r"|\b(?:get|pull|take)\s+(?:\w+\s+){0,4}?from\s+(?:the\s+)?(?:video|recording|programme|website|site)\b"
    r"|\bget\s+the\s+(?:recording|video|official\s+list)\b|\bleave\s+(?:it\s+|this\s+)?out\b"
    r"|\bkeep\s+(?:it|this)\s+out\b|\bmust\s+not\s+(?:put|write)\b"
    r"|\[\s*gap\s*\]|\bnotes?\s+(?:lost|are\s+thin|for\s+(?:his|her|their)\s+part)\b"
    r"|\b(?:my|raw|rough|live|near-verbatim|verbatim|rapporteur['’]?s?)\s+notes\b"
    r"|\bwill\s+(?:check|verify|confirm|ask)\b|\b(?:didn['’]?t|did\s+not|could\s*n['’]?t|could\s+not)\s+"
    r"(?:catch|hear|follow|get)\b|\bnot\s+caught\b|\b(?:missed|lost)\s+(?:the\s+)?(?:names?|rest|end"
    r"|thread|part|second\s+half|first\s+half|beginning)\b",
    re.IGNORECASE,
)
LOGISTICS = re.compile(
    r"\baudio\b|\bse\s+cort[óo]\b|\bcaption(?:ing|s)\b|\binterpret(?:ation|ers?|e)\b|\binterprète\b|\bbooths?\b|\bphoto\b|\bapplause\b"
    r"|\bmusic\b|\bseat\s+cards?\b|\bfront\s+rows?\b|\blaptops?\b|\bwi-?fi\b|\bmics?\b"
    r"|\bmicro(?:phone)?\b|\bhandouts?\b|\bslides?\b|\bprintout\b|\btalk-show\b"
    r"|\b(?:laptop|phone)\s+battery\b|\bbattery\s+(?:died|dead|low|ran\s+out)\b"
    r"|\b(?:ran|running|ended|finished|ends?)\s+(?:roughly\s+|more\s+or\s+less\s+)?(?:to|on)\s+time\b"
    r"|\b(?:started|starts|ended|ends)\s+\d{1,2}[:h.]\d{2}\b"
    r"|\b(?:kept|keeps|keeping)\s+(?:strict\s+)?time\b|\btime\s*keeping\b|\btime\s+up\b"
    r"|\b(?:start|starts|started|starting)\s+on\s+time\b"
    r"|\bnext\s+(?:ltx|session|panel)\s+(?:starts|setting\s+up)\b"
    r"|\bremerciements\b|\bmerci\b|\bgracias\b|^\W*fin\W*$|\b\d{1,2}[:h]\d{2}\s+fin\b"
    r"|\b(?:thanks|thanked|thank\s+you)\b|\bsorry\s+to\b|\bspoke\s+\d\w*(?:/\d\w*)?\s+slot\b"
    r"|^\W*format\s*:|\bover\s+to\s+(?:you|our)\b|\bgive\s+the\s+floor\b",
    re.IGNORECASE,
)
# the same in the notes' own language when it is not English (issue 27: data, `[notes]` of
# templates/languages/*.toml): an aside's opening label or phrase, logistics and protocol words
OTHER_ASIDE = [p for p in (notes_pattern("aside_labels", opening=True), notes_pattern("aside_phrases")) if p]
OTHER_LOGISTICS = [p for p in (notes_pattern("logistics"), notes_pattern("protocol"),
                                notes_pattern("protocol_stems", stems=True)) if p]
SPEECH_SIGNS = re.compile(r"[\"“«]")
# a line's point, then `>>` and the rapporteur's note to self (`… in each district >> check numbers`)
REMARK_AFTER = re.compile(r"^(?P<head>.*?\w.*?)\s+>{2,3}\s+\S.*$")
# a heading that opens a block of the rapporteur's own material (a to-check list, logistics, remarks)
ASIDE_HEADING = re.compile(
    r"\bto[\s-]*check\b|\bto[\s-]*dos?\b|\btodos?\b|\bverify\b|\bvérifier\b|\bverificar\b"
    r"|\bnot\s+for\s+(?:the\s+)?(?:doc|draft|report|form)\w*|\blogisti(?:cs|que|ca)s?\b"
    r"|\batmosphere\b|\bambiance\b|\bdigressions?\b|\bmust\s+not\b|\bmy\s+own\b|\bmy\s+obs\b"
    r"|\bopen\s+questions\s+for\s+me\b|\bside\s+notes?\b|\bfollow[\s-]?ups?\s+for\s+me\b",
    re.IGNORECASE,
)


def _plan_heading() -> str:
    """`for the form`, `pour le formulaire`, `para el borrador`: built from the vocabulary file's
    prepositions, articles and words for the document being drafted."""
    plan = notes_vocabulary()["plan"]

    def alternation(key: str) -> str:
        return "|".join(re.escape(str(w)) for w in sorted(plan[key], key=len, reverse=True))

    return (rf"\b(?:{alternation('prepositions')})\s+(?:(?:{alternation('articles')})\s+)?"
            rf"(?:outcome\s+)?(?:{alternation('documents')})\b")


# a heading that opens the rapporteur's plan of the form: its lines say where points go
HINT_HEADING = re.compile(
    _plan_heading()
    + r"|\bform\s+mapping\b|\bdraft\s+mapping\b|\bmapping\b|\bwhat\s+goes\s+where\b|\bsummary\s+lines\b"
    r"|\brecs?\s+(?:as\s+)?voiced\b|\bdrafting\s+notes\b|\bkeywords\s+for\s+(?:the\s+)?doc\b",
    re.IGNORECASE,
)
SEPARATOR = re.compile(r"^\s*[-=_*~#]{3,}\s*$")
DECORATION = re.compile(r"^[\s=#*_~-]+|[\s=#*_~-]+$")
NEGATIVE_ONLY = re.compile(
    r"^\W*(?:no|none|nothing|not\s+any|nobody|no\s+one|aucune?|rien|ningún|ninguna|nada)\b", re.IGNORECASE
)


def outside_quotes(text: str) -> str:
    """The text with quoted speech blanked out (so a speaker's "I" or "we" is not the rapporteur's)."""
    return QUOTED.sub(" ", text)


def is_aside(text: str) -> bool:
    """True when the text is the rapporteur talking to themselves: first person, to-check, don't-write."""
    plain = outside_quotes(text)
    return bool(_first_person(plain) or ASIDE.search(plain)
                or any(p.search(plain) for p in OTHER_ASIDE))


def _first_person(text: str) -> bool:
    """True when the text holds a word of the first person. In a text whose language a data file
    tells (Spanish, French), only that language's own first-person words count (`first_person` of
    its `[prose]` table), and English's capital I: Spanish "cada mes" is no French "mes notes"."""
    found = [m.group(0) for m in FIRST_PERSON.finditer(text)]
    if not found:
        return False
    other = text_language(text)
    own = other.closed("first_person") if other is not None else frozenset()
    if not own:
        return True
    return any(word.lower().replace("’", "'") in own or word.startswith("I") for word in found)


def is_logistics(text: str, max_substance: int = 10) -> bool:
    """True when the text is about the room or the note-taking rather than what was said.

    A logistics word inside a long sentence with plenty else in it does not make it logistics, nor
    in a line that states a theme for the next edition (`next Forum: a session on captioning …`,
    `note_kinds.states_next_edition_theme`): a topic may sound like the room.
    """
    if states_next_edition_theme(text):
        return False
    plain = text  # quoted courtesy ("thank you to the interpreters") is logistics too
    if not LOGISTICS.search(plain) and not any(p.search(plain) for p in OTHER_LOGISTICS):
        return False
    rest = LOGISTICS.sub(" ", plain)
    for pattern in OTHER_LOGISTICS:
        rest = pattern.sub(" ", rest)
    return len(re.findall(r"[A-Za-zÀ-ÿ]{3,}|\d+", rest)) <= max_substance


def is_negative_only(text: str) -> bool:
    """A remark that something did not happen ("no launches", "nothing agreed"): never an outcome."""
    return bool(NEGATIVE_ONLY.match(text.strip()))


def strip_asides(text: str) -> str:
    """The line without its bracketed asides: `(he said this twice)`, `[inaudible]`, `(my phrase)`.

    A parenthesis that names an organisation or gives a figure stays; one that is first-person,
    a to-check remark, logistics or an audio gap goes.
    """
    def drop(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        if match.group(0).startswith("[") and re.fullmatch(r"[a-z]{2}(?:/[a-z]{2})?", inner.strip()):
            return " "  # `[fr]`: a language tag
        if re.fullmatch(r"\s*(?:inaudible|cut|coupé[^\]]*|crosstalk|laughter|applause|\.\.\.|…)\s*", inner,
                        re.IGNORECASE):
            return " "
        if is_aside(inner) or is_logistics(inner, 6) or re.search(
            r"\b(?:he|she|they)\s+said\s+this\b|\b(?:twice|again)\b|\bnot\s+sure\b|\bgloss\b|\?\s*$",
            inner, re.IGNORECASE,
        ):
            return " "
        return match.group(0)

    text = re.sub(r"\s{2,}", " ", re.sub(r"\([^()]*\)|\[[^\[\]]*\]", drop, text)).strip()
    remark = REMARK_AFTER.match(text)
    if remark:  # `crews trained locally >> check numbers`: after `>>` the rapporteur writes to themselves
        text = remark.group("head").strip()
    head, sep, tail = text.rpartition(" -- ")
    remark = re.search(r"\b(?:twice|repeated|said\s+this|again)\b", tail, re.IGNORECASE)
    if sep and head and (is_aside(tail) or remark):
        text = head.strip()  # `"…not ready" -- she repeated this twice`
    return text


def heading_text(text: str) -> str:
    """A line with its decoration (`---`, `===`, numbering, a trailing colon) removed."""
    text = DECORATION.sub("", text.strip())
    text = re.sub(r"^\d{1,2}[.)]\s+", "", text)
    return text.strip().rstrip(":").strip()


def is_block_heading(text: str, max_words: int = 10) -> bool:
    """A short line that opens a block: no end stop, at most `max_words` words."""
    plain = heading_text(text)
    words = plain.split()
    return 0 < len(words) <= max_words and not plain.endswith((".", "!", "?", ";", ","))


def is_caps_heading(text: str, max_words: int = 16) -> bool:
    """A line typed wholly in capitals that works as a heading (`AGENDA ITEM 4 | FINANCING MODELS`,
    `PART II - OPEN FLOOR`): two words or more of letters, every letter a capital, no end stop and
    no more than `max_words` words. Layout, not content: the notes' structure."""
    plain = heading_text(text)
    words = re.findall(r"[^\W\d_]+", plain)
    if len([w for w in words if len(w) >= 2]) < 2 or len(plain.split()) > max_words:
        return False
    return all(w.isupper() for w in words) and not plain.endswith((".", "!", "?", ";", ","))


def is_separator(text: str) -> bool:
    """A line of dashes or equals signs that only frames a heading."""
    return bool(SEPARATOR.match(text))
