"""Whose detail a question asks for, and whether the sentence that would answer it speaks of that owner.

A near miss often asks for something one named body, person or initiative did ("what did X pledge",
"what was Y's view", "how many took part in Z") in a session where another one did it: the pledge
is UPU's, not UNESCO's; the view on the asked subject is another speaker's; the count is of another
initiative. The session covers the subject and states a value of the asked kind, so retrieval and
the detail features read it as answered. What tells it apart is structural: the question's *owner*
names (runs of capitalised words and acronyms the corpus holds in few sessions) are not written in
the sentence that speaks of the subject, while that sentence names another owner of its own.

`owner_unaligned` is read by the answerability model (`session_features`, feature of the same name):
the share of the question's owner names the subject's sentence does not hold, when that sentence
names another rare name. A name is held by a word of the same stem (`said_of.name_held`: "Mexican" by
"Mexico"), by one part of a hyphenated name, by one rare word of a run ("Bogdan-Martin" holds "Doreen
Bogdan-Martin"), or by its acronym either way ("GCH" for "Geneva Cities Hub"). Names the corpus
holds in many sessions (the Forum's own, the convener's) say nothing of whose detail is stated,
so they are neither owners nor other owners: `rare` decides that from the index, not from a list.
Nothing here names a phrase of any question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.ask.said_of import STEM, name_held, name_key, not_names

# a capitalised word or an acronym (letters, digits, hyphens, apostrophes and ampersands inside)
_NAME_TOKEN = re.compile(r"[A-Z][\w’'&-]*\w|[A-Z]\b")
_TOKEN = re.compile(r"[\w’'&-]+")
# a capital after these starts a new statement (it says nothing of a name)
_STATEMENT_START = re.compile(r"(^|[.:;!?]\s+|^\W*\d+[.)]\s+)$")

Run = tuple[str, ...]
Rare = Callable[[str], bool]


def name_runs(text: str) -> list[Run]:
    """The names of a text as runs of consecutive capitalised words and acronyms (keys as
    `said_of.name_key` gives them: lower case, no possessive), in order. A capital that starts a
    statement (the text's first word, after a full stop, colon or list number) starts no name
    unless the word is an acronym; titles, months and glue words (`said_of.json`) are not names."""
    runs: list[list[str]] = []
    last_end = -1
    for match in _NAME_TOKEN.finditer(text):
        word = match.group(0)
        before = text[:match.start()]
        bare = re.sub(r"[’']s$", "", word)
        acronym = len(bare) > 1 and bare.replace("-", "").isupper()
        if _STATEMENT_START.search(before.lstrip(" \t-•*\"'“(")) is not None and not acronym:
            last_end = -1
            continue
        if acronym and bare == word and (re.match(r"\s?\d", text[match.end():match.end() + 2])
                                         or re.search(r"\d[:.h]\d\d\s?$", before)):
            last_end = -1
            continue  # a unit before its figure ("CHF 10") or a time zone after a time ("16:15 CEST")
        key = name_key(word)
        if len(key) < 2 or key in not_names():
            last_end = -1
            continue
        joined = last_end >= 0 and text[last_end:match.start()].strip() == ""
        if joined:
            runs[-1].append(key)
        else:
            runs.append([key])
        last_end = match.end()
    return [tuple(run) for run in runs]


def _initials(run: Run) -> str:
    return "".join(word[0] for word in run)


def _held_words(text: str) -> set[str]:
    """A text's words as a name is looked up in them: keys, the parts of hyphenated words, stems."""
    held = {name_key(w) for w in _TOKEN.findall(text)}
    held |= {part for word in held for part in word.split("-") if part}
    held |= {word[:STEM] for word in held if len(word) > STEM}
    return held


def holds(run: Run, text: str, rare: Rare) -> bool:
    """True when the text speaks of the name `run`: one of its rare words (or a part of a hyphenated
    one) is held by a word of the text, its acronym is a word of the text, or, an acronym itself,
    it is the acronym of a run of the text."""
    held = _held_words(text)
    for word in run:
        if not rare(word):
            continue
        if name_held(word, held) or any(name_held(p, held) for p in word.split("-") if len(p) > 2):
            return True
    if len(run) > 1 and _initials(run) in held:
        return True
    # an acronym with a prefix of its own holds the run it ends with ("UNGA", "General Assembly")
    if len(run) > 1 and any(len(w) <= len(run) + 2 and w.endswith(_initials(run)) and w.isalpha()
                            for w in held if w.upper() in text):
        return True
    return len(run) == 1 and any(len(r) > 1 and _initials(r) == run[0] for r in name_runs(text))


def _owner_like(run: Run, written: str) -> bool:
    """A run that can own a detail: a name of two words or more ("Internet Society", "Anna Pirell")
    or an acronym (a word of two capitals or more as written: "UNESCO", "EQUALS-EU", "WeGO"). One
    capitalised word alone is most often a place, a product or a word capitalised in a heading."""
    if len(run) > 1:
        return True
    return any(sum(c.isupper() for c in token) > 1 and name_key(token) == run[0]
               for token in _TOKEN.findall(written))


def owner_runs(question: str, rare: Rare) -> list[Run]:
    """The question's owner names: its owner-like name runs holding a rare word of three letters
    or more."""
    return [run for run in name_runs(question)
            if _owner_like(run, question) and any(len(w) > 2 and rare(w) for w in run)]


def owner_unaligned(owners: list[Run], sentence: str, rare: Rare, title: str = "") -> float:
    """The share of the question's owners (`owner_runs`) that a sentence does not speak of, when it
    names another owner (a rare owner-like run sharing no word with the owners); 0 otherwise: a
    sentence naming no one is read as its session's, and one naming the asked owner as that
    owner's. An owner its session's `title` holds is the session the question names ("at the X
    side event") and is held by every sentence of it. The session's organisers are not read: a
    sentence naming another body states that body's pledge, whoever organised the session (an
    organiser rule was measured and not kept, evals/answerability/README.md, round 12)."""
    if not owners:
        return 0.0
    asked = {w for run in owners for w in run}
    others = [run for run in name_runs(sentence)
              if _owner_like(run, sentence) and any(len(w) > 2 and rare(w) for w in run)
              and not set(run) & asked and not any(holds(owner, " ".join(run), rare) for owner in owners)]
    if not others:
        return 0.0
    unheld = [owner for owner in owners if not holds(owner, sentence, rare) and not holds(owner, title, rare)]
    return len(unheld) / len(owners)


def names_together(owners: list[Run], sentence: str, rare: Rare, title: str = "") -> bool:
    """Does one sentence speak of every owner a question names (two or more), at least two of them in
    its own words (the others may be its session's title)? Such a sentence states what the owners
    did together ("the official of A who joined B"), whatever its words on the subject: a question
    naming one owner is left to `owner_unaligned`, which reads the sentences on the subject."""
    if len(owners) < 2:
        return False
    in_sentence = [owner for owner in owners if holds(owner, sentence, rare)]
    return len(in_sentence) >= 2 and all(owner in in_sentence or holds(owner, title, rare)
                                         for owner in owners)


def without_names(question: str, owners: Iterable[Run]) -> str:
    """The question with its owner names' words left out: what it asks about them, for choosing the
    sentence that speaks of the subject without favouring the one that merely names the owner."""
    words = {w for run in owners for w in run}
    return " ".join(w for w in question.split() if name_key(w.strip("?,.;:!\"()")) not in words)
