"""Which language a question or a notes header is written in, and that language's closed vocabularies.

Each language Rapporteur reads has a data file in `templates/languages/` (`en`, `fr`, `es`, `ar`):
its function and question words (a closed vocabulary: articles, prepositions, question words),
month names and the phrases a notes header uses for the organisers, and the few sentences Ask says
in that language. Detection is the simplest thing that works on one short question: Arabic by its
script, the others by counting their function words; anything undecided is English, the corpus's
language, so an English question never changes path.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LANGUAGES_DIR = Path(__file__).parent / "templates" / "languages"
ENGLISH = "en"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A question needs this many function words of a language, and more of them than of English (by
# weight), to read as that language: one shared word ("a", "la", "son") decides nothing.
MIN_WORDS = 1.5
ARABIC_SHARE = 0.3  # share of a text's letters in Arabic script that makes it Arabic


@dataclass(frozen=True)
class Language:
    """One language's data file: code, name, function words, month names (12, or 12 and then 12
    other spellings), header labels with their English label, Ask's sentences, and the official
    names of UN bodies in that language with their English acronyms."""

    code: str
    name: str
    words: frozenset[str]
    months: tuple[str, ...] = ()
    header: dict[str, str] = field(default_factory=dict)
    ask: dict[str, str] = field(default_factory=dict)
    script: str = "latin"
    names: dict[str, str] = field(default_factory=dict)
    month_forms: dict[str, int] = field(default_factory=dict)  # short forms and spellings, for dates
    bullets: dict[str, str] = field(default_factory=dict)  # how a drafted bullet credits a speaker
    prose: dict[str, frozenset[str]] = field(default_factory=dict)  # closed classes for sentence checks
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # what in notes is not content
    details: dict[str, str] = field(default_factory=dict)  # names of asked details, by kind
    terms: dict[str, str] = field(default_factory=dict)  # subject terms with the corpus's English term
    frames: dict[str, str] = field(default_factory=dict)  # whole-corpus question openers, in English
    verbs: dict[str, str] = field(default_factory=dict)  # verb forms Ask reads (organising), in English
    question_frame: frozenset[str] = frozenset()  # words framing a question about sessions, not its subject
    interrogatives: dict[str, str] = field(default_factory=dict)  # detail question words, in English
    section_cues: dict[str, frozenset[str]] = field(default_factory=dict)  # words claiming a section

    def frame_words(self) -> frozenset[str]:
        """The words of a question in this language that never name its subject: function words, the
        question-frame words, and the words of the whole-corpus openers and organising verbs that
        Ask glosses in English."""
        glossed = (w for phrase in (*self.frames, *self.verbs) for w in phrase.split())
        return self.words | self.question_frame | frozenset(glossed)

    def say(self, key: str) -> str:
        """One of Ask's sentences in this language (KeyError for a sentence the file lacks)."""
        return self.ask[key]

    def closed(self, key: str) -> frozenset[str]:
        """One closed class of the `[prose]` table (`verbs`, `dangling`, ...); empty when absent."""
        return self.prose.get(key, frozenset())

    def verb_words(self) -> frozenset[str]:
        """The frequent verb forms and the words of the reporting verbs, for telling a longer text's
        language."""
        return self.closed("verbs") | frozenset(w for verb in self.closed("reporting") for w in verb.split())

    def cues_section(self, section: str, text: str) -> bool:
        """True when the text holds one of this language's cue words for that section of the form
        (`[section_cues]`: announcements for the tangible outcomes, calls for the action plan)."""
        cues = self.section_cues.get(section, frozenset())
        return bool({w.lower() for w in _WORD.findall(text)} & cues)

    def opens_on_verb(self, word: str) -> bool:
        """True when a note sentence's first word is a finite verb whose subject the note leaves out
        ("Contó que …", "Reconoció que …"): a frequent verb form, or a word with an ending only a
        third-person finite form has (`subjectless_endings`: Spanish "ó"), not a function word."""
        low = word.lower()
        if low in self.verb_words():
            return True
        endings = self.closed("subjectless_endings")
        return len(low) > 3 and low not in self.words and any(low.endswith(e) for e in endings)

    def has_verb(self, text: str) -> bool:
        """True when the text holds a finite verb of this language: a frequent form (`verbs`), a word
        with an ending only finite forms have (`verb_endings`), or a word after a subject pronoun,
        a clitic or a negation (`verb_after`: "se mide", "il recommande")."""
        found = [w.lower() for w in _WORD.findall(text)]
        verbs, after, endings = self.closed("verbs"), self.closed("verb_after"), self.closed("verb_endings")
        for position, word in enumerate(found):
            if word in verbs:
                return True
            if len(word) > 3 and word not in self.words and any(word.endswith(e) for e in endings):
                return True
            before = found[position - 1] if position else ""
            if before in after and word not in self.words and len(word) > 2:
                return True
            if self._plural_present(found, position):
                return True
        # "n'est", "s'applique", "qu'il": an elided clitic glued to its word
        return any(w.split("'")[0] + "'" in after for w in found if "'" in w)

    def _plural_present(self, found: list[str], position: int) -> bool:
        """True when found[position] reads as a plural present: a plural ending (not an adverb's
        `-ment`) within three words after a plural determiner or pronoun."""
        word = found[position]
        if len(word) <= 4 or word in self.words or word.endswith("ment"):
            return False
        if not any(word.endswith(e) for e in self.closed("plural_endings")):
            return False
        return bool(set(found[max(0, position - 3):position]) & self.closed("plural_subjects"))

    def dangling_end(self, text: str) -> bool:
        """True when the text's last word is one a sentence of this language cannot end on."""
        found = re.findall(r"[^\W_]+(?:['’][^\W_]+)?", text)  # figures count: "… en 2024." ends well
        return bool(found) and found[-1].lower() in self.closed("dangling")

    def empty_wrapper(self, text: str) -> bool:
        """True for "<who> <reporting verb> que <fragment>" where the fragment has no verb of its own
        (the wrapper lends a note fragment its verb: not a sentence)."""
        for verb in sorted(self.closed("reporting"), key=len, reverse=True):
            match = re.search(rf"\s{re.escape(verb)}\s+qu(?:e\s+|['’])(?P<clause>.+)$", text.strip(), re.I)
            if match:
                clause = match.group("clause")
                return len(_WORD.findall(clause)) < 3 or not self.has_verb(clause)
        return False


@lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    """Every language data file, by code (read once)."""
    found: dict[str, Language] = {}
    for path in sorted(LANGUAGES_DIR.glob("*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = Language(
            code=path.stem,
            name=str(raw["name"]),
            words=frozenset(str(raw.get("words", "")).lower().split()),
            months=tuple(str(m).lower() for m in raw.get("months", [])),
            header={str(k).lower(): str(v) for k, v in (raw.get("header") or {}).items()},
            ask={str(k): str(v) for k, v in (raw.get("ask") or {}).items()},
            script=str(raw.get("script", "latin")),
            names={str(k): str(v) for k, v in (raw.get("names") or {}).items()},
            month_forms={str(k).lower(): int(v) for k, v in (raw.get("month_forms") or {}).items()},
            bullets={str(k): str(v) for k, v in (raw.get("bullets") or {}).items()},
            prose={str(k): _closed_class(str(k), str(v)) for k, v in (raw.get("prose") or {}).items()},
            notes={str(k): tuple(str(w) if k.endswith("_marks") else str(w).lower() for w in v)
                   for k, v in (raw.get("notes") or {}).items()},
            details={str(k): str(v) for k, v in (raw.get("details") or {}).items()},
            terms={str(k): str(v) for k, v in (raw.get("terms") or {}).items()},
            frames={str(k).lower(): str(v) for k, v in (raw.get("frames") or {}).items()},
            verbs={str(k).lower(): str(v) for k, v in (raw.get("verbs") or {}).items()},
            question_frame=frozenset(str(raw.get("question_frame", "")).lower().split()),
            interrogatives={str(k).lower(): str(v) for k, v in (raw.get("interrogatives") or {}).items()},
            section_cues={str(k): frozenset(str(v).lower().split())
                          for k, v in (raw.get("section_cues") or {}).items()},
        )
    return found


def _closed_class(key: str, words: str) -> frozenset[str]:
    """A `[prose]` entry as a set: words one per space, except `reporting`, whose entries may be two
    words ("a indiqué") and are split on line breaks and on the auxiliary they start with."""
    if key == "reporting":
        return frozenset(m.strip().lower() for m in re.findall(r"(?:a\s+)?\S+", words) if m.strip())
    return frozenset(words.lower().split())


def text_language(text: str, default: Language | None = None) -> Language | None:
    """The language of a note or a drafted bullet when it is not English and has a data file with
    bullet wrappers; None for English. A text too short to tell takes `default` (the language of the
    notes it comes from) unless it holds an English function word."""
    code = detect(text, extended=True, prefer=default.code if default is not None else "")
    found = languages().get(code)
    if code != ENGLISH and found is not None and found.bullets:
        return found
    english = languages()[ENGLISH].words if ENGLISH in languages() else frozenset()
    if default is not None and not {t.lower() for t in _WORD.findall(text)} & english:
        return default
    return None


def language(code: str) -> Language:
    """The language of that code; KeyError for one without a data file."""
    return languages()[code]


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("ARABIC" in unicodedata.name(c, "") for c in letters) / len(letters)


def detect(text: str, extended: bool = False, prefer: str = "") -> str:
    """The code of the language a short text (a question, a header line) is written in; "en" when
    nothing else is clearly more likely.

    A word shared by several languages' vocabularies counts for each of them by a share, so "la"
    or "a" alone cannot turn a question French; "¿" counts as a Spanish word. `extended` also
    counts the language's frequent verb forms (`[prose] verbs`): a note fragment or a drafted
    bullet holds fewer function words than a question. `prefer` (the language of the notes a line
    comes from) wins a near tie (half a word).
    """
    table = languages()
    for code, lang in table.items():
        if lang.script == "arabic" and _arabic_share(text) >= ARABIC_SHARE:
            return code
    tokens = [t.lower() for t in _WORD.findall(text)]
    owners: dict[str, list[str]] = {}
    for code, lang in table.items():
        if lang.script != "latin":
            continue
        vocabulary = lang.words | lang.verb_words() if extended else lang.words
        for token in set(tokens) & vocabulary:
            owners.setdefault(token, []).append(code)
    score = dict.fromkeys((c for c, lang in table.items() if lang.script == "latin"), 0.0)
    for token in tokens:
        for code in owners.get(token, []):
            score[code] += 1.0 / len(owners[token])
    if "es" in score:
        score["es"] += text.count("¿") + text.count("¡")
    english = score.pop(ENGLISH, 0.0)
    if not score:
        return ENGLISH
    best = max(score, key=lambda c: score[c])
    if prefer in score and score[prefer] >= score[best] - 0.5:
        best = prefer
    return best if score[best] >= MIN_WORDS and score[best] > english else ENGLISH


def _accent_tolerant(phrase: str) -> str:
    """A vocabulary phrase as a regex that also matches it typed without its accents (notes typed
    fast or on a keyboard without them: `A faire` for `à faire`, `reunion` for `reunión`): each
    accented letter matches itself or its bare letter."""
    parts = []
    for char in phrase:
        bare = unicodedata.normalize("NFD", char)[0]
        parts.append(f"[{re.escape(bare)}{re.escape(char)}]" if bare != char and bare.isalpha()
                     else re.escape(char))
    return "".join(parts)


def notes_pattern(key: str, opening: bool = False, stems: bool = False) -> re.Pattern[str] | None:
    """One `[notes]` vocabulary of every language file as a pattern of whole words and phrases
    (`asides`, `logistics`, ...); with `opening`, only where it opens the text (a label such as
    "ojo:" or "à vérifier"); with `stems`, each entry is the start of a word and matches any of its
    inflections (`agradec` for agradece, agradeciendo, agradecemos). None when no file has that
    vocabulary."""
    phrases = sorted({p for lang in languages().values() for p in lang.notes.get(key, ())},
                     key=len, reverse=True)
    if not phrases:
        return None
    alternation = "|".join(_accent_tolerant(p) for p in phrases)
    start = r"^\W*" if opening else r"(?<![\w'’])"
    end = r"\w*" if stems else r"(?![\w'’])"
    return re.compile(rf"{start}(?:{alternation}){end}", re.IGNORECASE)


def qa_marks(key: str) -> tuple[str, ...]:
    """The marks that open a question (`question_marks`) or an answer (`answer_marks`) in notes
    typed in another language ("P (Honduras): …", "R (Méndez): …"), longest first."""
    found = {m for lang in languages().values() for m in lang.notes.get(key, ())}
    return tuple(sorted(found, key=len, reverse=True))


def month_numbers() -> dict[str, int]:
    """Month names of every language but English (lowercase) with their number, for dates in notes."""
    found: dict[str, int] = {}
    for lang in languages().values():
        for position, name in enumerate(lang.months):
            found.setdefault(name, position % 12 + 1)
    return found


def month_forms() -> dict[str, int]:
    """Month names of every language but English with their short forms and spellings (`janv`,
    `aout`, `dic`), for reading a date; the short forms are not words a claim's facts are read from."""
    found = month_numbers()
    for lang in languages().values():
        for name, number in lang.month_forms.items():
            found.setdefault(name, number)
    return found


def _header_pattern() -> re.Pattern[str] | None:
    labels = {label: english for lang in languages().values() for label, english in lang.header.items()}
    if not labels:
        return None
    alternation = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    # a label that opens the line (`Fecha:`, `Organizado por ...`), or "organised by" anywhere in it
    return re.compile(rf"(?i)(?:^|(?<=[\s|(–—-]))(?P<label>{alternation})(?=\s*[:=\-–]|\s)")


_HEADER = _header_pattern()
_HEADER_LABELS = {label: english for lang in languages().values() for label, english in lang.header.items()}
# "12 de marzo de 2025", "1er mars 2025": a date's connecting words and French first-of-month ordinal
_DAY_DE_MONTH = re.compile(r"(?i)\b(\d{1,2})(?:er)?\s+(?:de\s+)?([^\W\d_]+)\s+(?:de(?:l)?\s+)?(\d{4})\b")


def header_in_english(line: str) -> str:
    """A notes header line typed in French, Spanish or Arabic with its labels given in English
    ("Organizado por: UIT" reads "organised by: UIT", "Fecha: 12 de marzo de 2025" reads
    "date: 12 marzo 2025"), so the notes reader's header rules read it. The values are kept as typed;
    an English line comes back unchanged."""
    months = month_numbers()
    line = _DAY_DE_MONTH.sub(
        lambda m: f"{m.group(1)} {m.group(2)} {m.group(3)}" if m.group(2).lower() in months else m.group(0),
        line)
    if _HEADER is None:
        return line
    if line.isascii() and not line.lower().startswith(tuple(_HEADER_LABELS)):
        return line

    def english(match: re.Match[str]) -> str:
        typed = match.group("label")
        label = _HEADER_LABELS[typed.lower()]
        if match.start() > 0 and label != "organised by":  # other labels only open a line
            return typed
        return label.capitalize() if typed[:1].isupper() else label

    return _HEADER.sub(english, line)


def function_words(code: str) -> frozenset[str]:
    """The function words of a language (empty for a code without a data file)."""
    found = languages().get(code)
    return found.words if found else frozenset()
