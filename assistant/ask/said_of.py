"""What a stated value is said of: the question's subject, or another named thing.

A near miss often finds a value of the asked kind in a session on the asked subject, but said of
something else: the asked budget is stated, of another initiative; the asked count, of another person
or another edition. This module reads, for a sentence that holds a value of the asked kind, what
the answerability model weighs as a feature (`session_features`, `answerability_model.FEATURES`):
whether none of the question's own names (people, organisations, places, initiatives) is held by
the value's sentence or by the session's title and organisers (`names_other`): "ten bilateral
meetings" said of one minister when another person is asked about. Most answerable questions name
what they ask about, and the sentence answering them, or its session, names it too.

Two other readings were fitted and left out (held out, see evals/answerability/README.md, round
8): the share of the question's subject held by the value's own clause (it made the written set's
near misses answered), and a sentence naming something else while only some of the question's
names are absent (it refused answerable field questions that describe a name, "the UN's postal
agency").

Names are read by form (capitalised words and acronyms after a sentence's first word); the words that
are capitalised for another reason (titles, months, sentence glue) are a closed list in
`data/said_of.json`. Nothing here names a phrase of any question.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

VOCABULARY_FILE = Path(__file__).with_name("data") / "said_of.json"
# a capitalised word or an acronym (letters, digits, hyphens and apostrophes inside)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'&-]*[\w]|\b[A-Z]\b")
_WORD = re.compile(r"[\w’'&-]+")
# a name is held by a word sharing its first STEM letters: a place and the people or things named
# after it ("Mexico", "Mexican") share them; two different names rarely do
STEM = 5
SHORT_STEM = 4  # a held word this long or longer holds the names it begins


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalised words that name nothing a value is said of (titles, months, glue)."""
    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in data["not_names"])


def name_key(word: str) -> str:
    """A name word as compared: lowercase, without a possessive ending ("UPU's" -> "upu")."""
    word = word.lower().strip("’'-.")
    for ending in ("’s", "'s"):
        if word.endswith(ending):
            word = word[: -len(ending)]
    return word


def named_words(text: str) -> set[str]:
    """The words of a text that name a thing: capitalised words and acronyms that are not its first
    word (capitalised for that reason alone), a title, a month, sentence glue or a unit written
    before its figure."""
    found: set[str] = set()
    start = re.match(r"\W*", text)
    first = start.end() if start else 0
    for match in _CAPITALISED.finditer(text):
        if match.start() == first:
            continue
        before = text[max(0, match.start() - 2):match.start()]
        if re.search(r"[.:;!?]\s$|^\s*[-•*]\s?$", before):
            continue  # a capital after a full stop or a list marker starts a new statement
        word = match.group(0)
        if word.isupper() and re.match(r"\s?\d", text[match.end():match.end() + 2]):
            continue  # a unit before its figure (a currency code: "CHF 10"), not a thing named
        key = name_key(word)
        if len(key) > 1 and key not in not_names():
            found.add(key)
    return found


def _words_of(text: str) -> set[str]:
    return {name_key(w) for w in _WORD.findall(text)}


def names_other(question_names: set[str], sentence: str, context: str) -> bool:
    """True when the value's sentence is said of something else than the question names: none of the
    question's names (of three letters or more: "UN" or "EU" alone name too much to tell one thing
    from another) is held by the sentence or by the session's context (title, organisers, date). A
    hyphenated name is held when one of its parts is ("WSIS-UNGIS" by "UNGIS"), a name by a word
    of its stem (`name_held`)."""
    asked = {n for n in question_names if len(n) > 2}
    if not asked:
        return False
    held = _words_of(sentence) | _words_of(context)
    held |= {part for word in held for part in word.split("-")}
    held |= {word[:STEM] for word in held if len(word) > STEM}
    return not any(name_held(n, held) or any(name_held(p, held) for p in n.split("-") if len(p) > 2)
                   for n in asked)


def name_held(name: str, held: set[str]) -> bool:
    """A name word is held by a word of the same form, of the same first STEM letters ("Mexican" by
    "Mexico", "Moroccan" by "Morocco") or that begins it ("Peruvian" by "Peru")."""
    return (name in held or (len(name) > STEM and name[:STEM] in held)
            or any(name.startswith(word) for word in held if len(word) >= SHORT_STEM))


ValueReader = Callable[[str, str], bool]


def said_of(question: str) -> ValueReader:
    """A reader of one candidate value: given its sentence and the session's context, whether the
    sentence is said of another named thing than the question's (`names_other`)."""
    asked = named_words(question)

    def read(sentence: str, context: str) -> bool:
        return names_other(asked, sentence, context)

    return read
