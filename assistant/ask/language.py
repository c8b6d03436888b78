"""Questions in French, Spanish or Arabic over English outcome documents (cross-lingual Ask).

With a multilingual embedder (RAPPORTEUR_EMBEDDER=multilingual-e5-small) a question and an English
passage that say the same thing get close vectors, so dense retrieval works across languages as
it is. Three things do not, and this module adapts them:

* keyword search and keyword coverage read English terms: of a question in another language only
  what the two languages share is kept (names, acronyms, numbers: "FAO", "C7", "2023", "UNESCO");
* the sentences quoted from a passage are picked by their keyword coverage of the question; across
  languages that is mostly empty, so the embedder's similarity joins it (`CrossLingualScorer`);
* the answer says, in the question's language, that the sources are in English and are quoted as
  they are; refusals and "not stated" answers are written in the question's language
  (`templates/languages/*.toml` in `assistant.domain`).

Without a multilingual embedder none of this applies: the service keeps its hint to ask in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from assistant.domain.language import ENGLISH, Language, detect, function_words, language, languages

if TYPE_CHECKING:
    from assistant.corpus.embeddings import Embedder

# A token two languages share: an acronym or identifier (FAO, C7, 5G, ITU-T), a number, or a name
# written with a capital inside the sentence (not its first word, which any sentence capitalises).
_TOKEN = re.compile(r"[^\W_][\w.\-]*")
_SHARED = re.compile(r"^(?:[A-Z0-9][A-Z0-9.\-]*[A-Z0-9]|\d[\d.,]*|[A-Z]\w*\d\w*|\d+\w*)$")
_ARABIC_LETTER = "\u0621-\u064a"  # the Arabic letters (hamza to yeh), without the diacritics
EMBEDDING_WEIGHT = 0.7  # weight of the embedder's similarity beside keyword coverage in sentence choice


def question_language(question: str, multilingual: bool) -> Language | None:
    """The question's language when it is not English and the embedder reads it; else None."""
    if not multilingual:
        return None
    code = detect(question)
    return None if code == ENGLISH else language(code)


def with_english_names(question: str, lang: Language) -> str:
    """The question with the official names of UN bodies in its language given their English form
    (data: the language file's `[names]`): "l'UIT" reads "l'ITU", an Arabic name is followed by the
    English acronym in brackets. The corpus and keyword search know the English forms only."""
    for local, english in sorted(lang.names.items(), key=lambda item: -len(item[0])):
        if local.isascii():
            question = re.sub(rf"(?<![\w-]){re.escape(local)}(?![\w-])", english, question)
        elif local in question:
            question = question.replace(local, f"{local} ({english})")
    return with_english_interrogatives(
        with_english_verbs(with_english_frame(with_english_terms(question, lang), lang), lang), lang)


def with_english_frame(question: str, lang: Language) -> str:
    """The question with a whole-corpus opener of the language file's `[frames]` followed by its
    English frame in brackets ("Quelles séances (which sessions) ont …"), so Ask lists sessions for
    it as it does for "Which sessions …"; the first opener found is the one given."""
    for local, english in sorted(lang.frames.items(), key=lambda item: -len(item[0])):
        match = re.search(rf"(?<![\w-]){re.escape(local)}(?![\w-])", question, re.IGNORECASE)
        if match:
            return f"{question[:match.end()]} ({english}){question[match.end():]}"
    return question


def with_english_verbs(question: str, lang: Language) -> str:
    """The question with each verb form of the language file's `[verbs]` followed by its English
    verb in brackets ("¿Qué sesiones organizó (organised) la FAO?"), so the organiser filter, which
    reads English verbs, reads it as "Which sessions did FAO organise?". Whole words only; of two
    forms at one place the longer wins ("co-organisé" before "organisé")."""
    return _glossed(question, lang.verbs,
                    lambda local: re.compile(rf"(?<![\w-]){re.escape(local)}(?![\w-])", re.IGNORECASE))


def with_english_interrogatives(question: str, lang: Language) -> str:
    """The question with each question word of the language file's `[interrogatives]` that asks for a
    detail followed by its English words in brackets ("¿Cuánto dinero (how much money) prometió …?"),
    so the answerability check reads which detail is asked (an amount, a count with its noun, a
    person, a place, a year, a date) as it does in English. A form written "^qui" counts only at the
    start of the question; an Arabic form also after the one-letter prefixes of `with_english_terms`."""

    def pattern(local: str) -> re.Pattern[str]:
        if lang.script == "arabic":
            return _arabic_word(local)
        if local.startswith("^"):
            return re.compile(rf"^[\s¿¡\"«“]*{re.escape(local[1:])}(?![\w-])", re.IGNORECASE)
        return re.compile(rf"(?<![\w-]){re.escape(local)}(?![\w-])", re.IGNORECASE)

    return _glossed(question, lang.interrogatives, pattern)


def with_english_terms(question: str, lang: Language) -> str:
    """The question with each subject term of the language file's `[terms]` (a closed WSIS
    vocabulary; Arabic only today) followed by its English term in brackets: "الأمن السيبراني"
    reads "الأمن السيبراني (cybersecurity)". A term matches as whole words, after the one-letter
    prefixes Arabic writes onto a word (و, ب, ل, ف, ك); a longer term wins over one inside it."""
    return _glossed(question, lang.terms, _arabic_word)


def _arabic_word(local: str) -> re.Pattern[str]:
    """An Arabic form as whole words, after up to two of the one-letter prefixes (و, ب, ل, ف, ك)."""
    return re.compile(rf"(?<![{_ARABIC_LETTER}])[وبلفك]{{0,2}}{re.escape(local)}(?![{_ARABIC_LETTER}])")


def _glossed(question: str, table: dict[str, str], pattern: Callable[[str], re.Pattern[str]]) -> str:
    """The question with each match of a table's local form (`pattern` of it) followed by its English
    form in brackets; of two forms at one place the longer wins."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for local, english in sorted(table.items(), key=lambda item: -len(item[0])):
        for match in pattern(local).finditer(question):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((match.end(), english))
    for end, english in sorted(found, reverse=True):
        question = f"{question[:end]} ({english}){question[end:]}"
    return question


def shared_terms(question: str) -> str:
    """The part of a question that an English keyword index can match whatever the question's
    language: names, acronyms and numbers (its function words and other words dropped). An English
    question is returned as it is."""
    code = detect(question)
    if code == ENGLISH:
        return question
    stop = function_words(code)
    # in a question in another script every word in Latin letters is the corpus's own (an English
    # term the language file added in brackets, a name as the corpus writes it)
    other_script = language(code).script != "latin" if code in languages() else False
    kept = []
    for position, match in enumerate(_TOKEN.finditer(question)):
        token = match.group(0).strip("'’.-")
        if not token or token.lower() in stop:
            continue
        named = token[:1].isupper() and position > 0 and not token.isupper() and len(token) > 2
        latin = other_script and token.isascii() and token.lower() not in function_words(ENGLISH)
        if _SHARED.match(token) or named or latin:
            kept.append(token)
    return " ".join(kept)


class CrossLingualScorer:
    """Relevance of a passage sentence to a question in another language: the keyword coverage of
    the shared terms, plus the embedder's similarity of question and sentence.

    `prime` embeds many sentences in one model call; a sentence not primed is embedded on its own.
    """

    def __init__(self, question: str, embedder: Embedder, keyword_scorer: Callable[[str], float],
                 weight: float = EMBEDDING_WEIGHT) -> None:
        self.embedder = embedder
        self.keyword_scorer = keyword_scorer
        self.weight = weight  # of the similarity beside keyword coverage (an English question: fitted)
        self.query = embedder.encode([question])[0]
        self._similarity: dict[str, float] = {}

    def prime(self, sentences: Iterable[str]) -> None:
        """Embed these sentences now, in one batch (as passages, the way the index reads them)."""
        new = [s for s in dict.fromkeys(sentences) if s not in self._similarity and s.strip()]
        if new:
            vectors = self.embedder.encode_passages(new)
            self._similarity.update(zip(new, (vectors @ self.query).tolist(), strict=True))

    def __call__(self, sentence: str) -> float:
        if sentence not in self._similarity:
            self.prime([sentence])
        # E5's similarities of one question to the candidate sentences sit in a narrow band (0.75 to
        # 0.9): spread over 0..1 among the sentences seen, they weigh as much as keyword coverage does
        values = list(self._similarity.values())
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        spread = (self._similarity.get(sentence, low) - low) / (high - low) if high > low else 1.0
        return float((1 - self.weight) * self.keyword_scorer(sentence) + self.weight * spread)


def lead_line(lang: Language) -> str:
    """The answer's first line, in the question's language: the sources are English, quoted as they are."""
    return lang.say("lead")


def not_stated_in(lang: Language, missing: list[tuple[str, str]]) -> str:
    """The sentence saying which asked details the sources do not state, in the question's language;
    `missing` holds (kind, English label) pairs, and a kind the language file does not name keeps its
    English label in quotes."""
    names = list(dict.fromkeys(lang.details.get(kind) or f"“{label}”" for kind, label in missing))
    joiner = lang.details.get("joiner", ", ")
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]
    return lang.say("not_stated_details").format(details=listed)


def refusal_text(lang: Language, closest: list[str], not_stated: bool = False) -> str:
    """A refusal in the question's language, naming the closest sessions (as cited, `Name [n]`)."""
    text = lang.say("not_stated" if not_stated else "refusal")
    if closest and not not_stated:
        text += " " + lang.say("closest") + " " + "; ".join(closest) + "."
    return text
