"""The other forms a question may give a name the corpus writes: for telling a name no session holds
(`session_features.name_holders`, the `name_unheld` feature and the refusal that names it) from a
name the corpus holds in another form.

A question writes a name as its writer knows it, not as the document does:
- without its accents, or with one the document does not write ("Maria" / "María");
- as a country's adjective or demonym where the document names the country, or the reverse, or
  names only the country's currency ("Filipino" / "Philippines", "Swiss" / "CHF"): a closed
  vocabulary, kept as data (`data/countries.json`);
- as an acronym of a name the document writes in full, by its words' initials or first letters
  ("EPA" / "Environmental Protection Agency", "ISOC" / "Internet Society");
- misspelt: one letter or two off in a long name ("Metocki" / "Metoki"), read by an edit ratio.

Each reading is structural or a closed vocabulary; nothing here names a phrase of any document or
question.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

COUNTRIES_FILE = Path(__file__).with_name("data") / "countries.json"
CLOSE_LENGTH = 5  # a name this long or longer is read as misspelt when a held word is close enough
CLOSE_RATIO = 0.8  # difflib ratio from which two words of CLOSE_LENGTH letters or more are one name
_GLUE = frozenset({"of", "for", "and", "the", "on", "in", "de", "du", "la", "des", "to", "&"})
_RUN_WORD = re.compile(r"[A-Z][\w’'-]*|[a-z]+|&")


def fold(word: str) -> str:
    """A word without its accents, lower case ("Nitéroi" -> "niteroi")."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1)
def _country_forms() -> dict[str, frozenset[str]]:
    """Each form of a country (its names, demonyms, currencies; folded, lower case) -> all its forms."""
    data = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    forms: dict[str, set[str]] = {}
    for country in data["countries"]:
        every = {fold(f) for key in ("names", "demonyms", "currencies") for f in country[key]}
        for form in every:
            forms.setdefault(form, set()).update(every)
    return {form: frozenset(every) for form, every in forms.items()}


def country_forms(name: str) -> frozenset[str]:
    """The forms of the country a name is a form of (its names, demonyms and currency codes, folded,
    the name's own included); empty when the name is no country's."""
    return _country_forms().get(fold(name), frozenset())


def is_country(name: str) -> bool:
    """Whether a name is one of a country's forms (then a close spelling is no misspelling of it:
    "Gambia" is not "Zambia")."""
    return fold(name) in _country_forms()


def is_acronym(written: str) -> bool:
    """A word written as an acronym: three letters or more, two capitals or more, no lower case but
    between capitals ("EPA", "ISOC", "CoNGO")."""
    letters = [c for c in written if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 2 and letters[0].isupper() \
        and letters[-1].isupper()


def spells(acronym: str, words: Sequence[str]) -> bool:
    """Whether an acronym is the first letters of consecutive words, all of them, each giving one
    letter or more from its start ("isoc": "internet society"; "epa": "environmental protection
    agency"). Two words at least: one word's beginning is no acronym of it."""
    letters = fold(acronym).replace("-", "")
    folded = [fold(w) for w in words]
    if len(folded) < 2 or len(folded) > len(letters):
        return False

    def match(i: int, j: int) -> bool:
        if j == len(folded):
            return i == len(letters)
        word = folded[j]
        longest = min(len(word), len(letters) - i - (len(folded) - j - 1))
        return any(word[:k] == letters[i:i + k] and match(i + k, j + 1) for k in range(1, longest + 1))

    return match(0, 0)


def name_runs(text: str) -> list[tuple[str, ...]]:
    """The runs of capitalised words of a text, glue words between them ("of", "for", "and"…)
    left out and joining the run ("Association for Progressive Communications" -> association,
    progressive, communications). Every run, one word long included."""
    runs: list[list[str]] = []
    current: list[str] = []
    last_end = 0
    for match in _RUN_WORD.finditer(text):
        word = match.group(0)
        joined = bool(current) and not text[last_end:match.start()].strip()
        last_end = match.end()
        if word[0].isupper():
            if current and not joined:
                runs.append(current)
                current = []
            current.append(word.lower())
        elif not (joined and word in _GLUE):
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [tuple(run) for run in runs]


def spelt_in(acronym: str, runs: Iterable[tuple[str, ...]]) -> bool:
    """Whether some consecutive words of one of the runs (`name_runs`) spell the acronym (`spells`)."""
    first = fold(acronym)[:1]
    size = len(acronym)
    for run in runs:
        for start, word in enumerate(run):
            if word[:1] != first:
                continue
            for end in range(start + 2, min(len(run), start + size) + 1):
                if spells(acronym, run[start:end]):
                    return True
    return False


def close_spellings(name: str, terms: Iterable[str]) -> list[str]:
    """The terms that are the name misspelt or the name them (a name and terms of CLOSE_LENGTH
    letters or more, the same first letter, an edit ratio of CLOSE_RATIO or more); none for a
    country's form, a vocabulary of its own."""
    key = fold(name)
    if len(key) < CLOSE_LENGTH or is_country(key):
        return []
    found = []
    matcher = SequenceMatcher(b=key, autojunk=False)  # it keeps what it learns of b: the name
    for term in terms:
        if len(term) < CLOSE_LENGTH or term[0] != key[0] or abs(len(term) - len(key)) > 2:
            continue
        matcher.set_seq1(term)
        if matcher.real_quick_ratio() >= CLOSE_RATIO and matcher.quick_ratio() >= CLOSE_RATIO \
                and matcher.ratio() >= CLOSE_RATIO:
            found.append(term)
    return found
