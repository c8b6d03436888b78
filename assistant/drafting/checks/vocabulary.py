"""The checker's closed vocabularies, read once from `domain/templates/checker-vocabulary.toml`.

Negators (and predicates that carry a negation, contrast markers), directions, extent ranks,
modality markers (tentative, partial, done, full reach), status verbs, approximate figures, speech
verbs and the acronyms a report writes out: data, so that a word is added there, not in code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from assistant.corpus.keywords import stem

VOCABULARY_FILE = Path(__file__).resolve().parents[2] / "domain" / "templates" / "checker-vocabulary.toml"


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of the phrases as whole words (longest first)."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        # `n't` sticks to the word before it; every other phrase stands on word boundaries
        parts.append(body if phrase.startswith("n'") else rf"\b{body}\b")
    return re.compile("|".join(parts), re.IGNORECASE)


@dataclass(frozen=True)
class Vocabulary:
    """The closed word lists of the checker, compiled."""

    negator: re.Pattern[str]
    clause_negator: re.Pattern[str]  # negators and predicates that carry a negation (`missed`)
    not_negating: re.Pattern[str]  # `not only`: a negator that negates nothing
    litotes: re.Pattern[str]  # `not insignificant`: two negatives that affirm (`significant`)
    contrast: re.Pattern[str]  # `rather than`: before it affirmed, after it set aside
    negative_prefixes: tuple[str, ...]  # `non-`, `un`: a word that negates itself
    restrictive: re.Pattern[str]  # `only if`, `unless`: a condition that states the negative otherwise
    restrictive_scope: re.Pattern[str]  # `only to`: a restriction that states `not … unable` otherwise
    lack_words: frozenset[str]  # `gap`, `shortage`, `rejected`: a lack or refusal stated with no negator
    restating_prefixes: tuple[str, ...]  # `un`, `non`: a word that states a negative on its own …
    restating_exceptions: tuple[str, ...]  # … unless it begins like `united`, `understand`
    extent: tuple[tuple[int, re.Pattern[str]], ...]  # (rank 0 none … 5 all, its markers)
    approximate: re.Pattern[str]  # `almost`, `about`: a figure stated roughly
    above: re.Pattern[str]  # `more than`: a lower bound
    below: re.Pattern[str]  # `less than`: an upper bound
    directions: tuple[tuple[frozenset[str], frozenset[str]], ...]
    tentative: re.Pattern[str]
    hedged: re.Pattern[str]  # `may`, `if`, `hoped`: only possible, the lowest level of commitment
    partial: re.Pattern[str]
    decision: re.Pattern[str]  # `agreed`, `requires`: a decision or an obligation stated
    deliberation: re.Pattern[str]  # `talked about`, `floated`: a thing only deliberated
    collective: re.Pattern[str]  # `participants`, `the session`: a whole group
    consensus: re.Pattern[str]  # `agreed`, `concluded`: a view the group shares
    dissent: re.Pattern[str]  # `others opposed`, `some`: a group divided or in part
    done: re.Pattern[str]
    done_words: frozenset[str]
    scope: re.Pattern[str]  # the same words of full reach, and phrases (`across the country`)
    wide_scope: frozenset[str]
    status_stems: frozenset[str]
    irregular_past: dict[str, str]
    implicative: re.Pattern[str]  # `managed`, `began`: before `to`, the infinitive states a fact
    causative: frozenset[str]  # `enabled`: the infinitive after its object states a fact
    modal_auxiliaries: re.Pattern[str]  # `will`, `could`: the verb after one is not stated as done
    speech: frozenset[str]
    questions: re.Pattern[str]  # `asked`, `Q`, `?`: a statement that is a question
    handover: re.Pattern[str]  # `gave the floor to`: the next person speaks
    acronyms: dict[str, str]

    def opposite_sides(self, word: str) -> list[tuple[frozenset[str], frozenset[str]]]:
        """(own side, other side) of every direction group the word belongs to: `declined` is the
        opposite of `rose` in one group and of `accepted` in another."""
        lower = word.lower()
        root = stem(lower)
        found = []
        for side, against in self.directions:
            if lower in side or root in side:
                found.append((side, against))
            elif lower in against or root in against:
                found.append((against, side))
        return found


@cache
def known_words() -> frozenset[str]:
    """The whole words of the shipped embedding model's tokenizer (`vocab.txt`): what tells a real
    word inside a prefixed one (`untrue` -> true) from an accident of spelling (`united` -> ited).
    Empty (the rule off) where the model folder has no such file."""
    from assistant.config import Settings

    path = Settings().model_path() / "vocab.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(w for w in path.read_text(encoding="utf-8").split() if w.isalpha() and w.islower())


# A negator before a word negative by its prefix (`not untrue`, `never an unwelcome`): two negatives.
DOUBLE_PREFIX = re.compile(
    r"\b(?:not|never|hardly)\s+(?:(?:a|an|entirely|wholly|altogether|at\s+all)\s+)?"
    r"(?P<word>(?:un|non-?)(?P<base>[a-z]{4,}))\b",
    re.IGNORECASE,
)
# `no N … without X` within one segment (no punctuation, conjunction or other negator between):
# every N with X. `not without X`: with X.
NONE_WITHOUT = re.compile(
    r"\b(?:no|not\s+one|not\s+a\s+single)\s+(?P<body>(?:(?!\b(?:and|or|but|nor|not|no|never)\b)"
    r"[^,;:.()\[\]])+?)\bwithout\b",
    re.IGNORECASE,
)
NOT_WITHOUT = re.compile(r"\bnot\s+without\b", re.IGNORECASE)


def affirm_double_negation(text: str) -> str:
    """The text with two negatives that govern each other read as the affirmative they state, by
    parity (grammar, not a list): a negator before a word negative by its prefix whose bare form is
    a word (`not untrue` -> true, by `known_words`), `no N … without X` -> `every N … with X`, `not
    without X` -> `with X`. Coordinated negatives (`no funds and no staff`) are two, not a pair."""
    words = known_words()

    def prefixed(match: re.Match[str]) -> str:
        base = match.group("base").lower()
        return base if base in words else match.group(0)

    text = DOUBLE_PREFIX.sub(prefixed, text)
    text = NONE_WITHOUT.sub(lambda m: f"every {m.group('body')}with", text)
    return NOT_WITHOUT.sub("with", text)


def affirm_litotes(text: str) -> str:
    """The text with each litotes (`not insignificant`, `not an unusual`) read as the word it affirms
    (`significant`, `usual`): two negatives that affirm, so a claim of `a real barrier` is not read as
    reversing `not an insignificant barrier`, while `impossible` still reverses `not impossible`."""
    pattern = vocabulary().litotes

    def affirmed(match: re.Match[str]) -> str:
        word = match.group("word")
        return re.sub(r"^(?:un|in|im|ir|il|non-?|dis)", "", word, flags=re.IGNORECASE)

    return pattern.sub(affirmed, text)


@cache
def _idioms() -> tuple[re.Pattern[str], dict[str, str]]:
    """The fixed phrases of `[extent] idioms` (`above all`), one pattern, with the plain word each means."""
    found = raw_section("extent").get("idioms", {})
    written = found if isinstance(found, dict) else {}
    table = {" ".join(str(k).lower().split()): str(v) for k, v in written.items()}
    return phrase_pattern(list(table)), table


def plain_idioms(text: str) -> str:
    """The text with each fixed phrase whose word of extent quantifies nothing (`above all`, `after
    all`: data) read as the plain word it means (`chiefly`), so no test reads it as a claim of all."""
    pattern, table = _idioms()
    if not table:
        return text
    return pattern.sub(lambda m: table[" ".join(m.group(0).lower().split())], text)


def _with_stems(words: list[str]) -> frozenset[str]:
    """The words, lowercased, with their stems."""
    lower = {w.lower() for w in words}
    return frozenset(lower | {stem(w) for w in lower})


@cache
def _raw_vocabulary() -> dict[str, Any]:
    """The vocabulary file as written, read once per process."""
    try:
        raw = tomllib.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:  # a packaging error, not a user's mistake
        raise RuntimeError(
            f"the checker's vocabulary {VOCABULARY_FILE} cannot be read ({exc}); reinstall the package"
        ) from exc
    return raw


@cache
def raw_section(name: str) -> dict[str, object]:
    """One section of the vocabulary file as written (`measures`, `rank`): for the parts that read
    their own word classes."""
    raw = _raw_vocabulary()
    section = raw.get(name)
    if not isinstance(section, dict):
        raise RuntimeError(
            f"the checker's vocabulary {VOCABULARY_FILE} has no [{name}] section; reinstall the package"
        )
    return section


def word_list(section: str, key: str) -> list[str]:
    """One list of words of a section of the vocabulary file (`[stage] states`), as strings; an
    absent key is an empty list."""
    found = raw_section(section).get(key, [])
    if not isinstance(found, list):
        raise RuntimeError(f"the checker's vocabulary {VOCABULARY_FILE}: [{section}] {key} is not a list")
    return [str(w) for w in found]


def spelling_pattern(spellings: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for any of the spellings, standing apart from letters on both sides
    (so `%` and `/yr` match glued to a figure, and `pt` never inside `ptc`), longest first."""
    parts = []
    for spelling in sorted(set(spellings), key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in spelling.split())
        # `/yr` and `%` glue to the word or figure before them; a word stands apart from letters
        parts.append(body if not spelling[0].isalnum() else rf"(?<![A-Za-z]){body}")
    return re.compile(rf"(?:{'|'.join(parts)})(?![A-Za-z])", re.IGNORECASE)


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary file, parsed and compiled (once per process)."""
    raw = _raw_vocabulary()
    polarity, modality = raw["polarity"], raw["modality"]
    # each side holds its words and their stems, so every inflection of a listed word is read
    # (`shrinking` for `shrink`, `ratifies` for `ratified`)
    directions = tuple(
        (_with_stems(group["side"]), _with_stems(group["against"])) for group in polarity["directions"]
    )
    ranks = ("none", "few", "some", "half", "most", "all")
    extent = tuple(
        (rank, phrase_pattern(raw["extent"][name]))
        for rank, name in enumerate(ranks) if name in raw["extent"]
    )
    return Vocabulary(
        negator=phrase_pattern(polarity["negators"]),
        clause_negator=phrase_pattern(polarity["negators"] + polarity["negative_predicates"]),
        not_negating=phrase_pattern(polarity["not_negating"]),
        litotes=re.compile(
            r"\b(?:not|never|hardly|by\s+no\s+means)\s+(?:an?\s+)?(?P<word>"
            + "|".join(re.escape(w) for w in sorted(polarity["litotes"], key=len, reverse=True)) + r")\b",
            re.IGNORECASE,
        ),
        contrast=phrase_pattern(polarity["contrast"]),
        negative_prefixes=tuple(sorted(polarity["negative_prefixes"], key=len, reverse=True)),
        restrictive=phrase_pattern(polarity["restrictive"]),
        restrictive_scope=phrase_pattern(polarity["restrictive_scope"]),
        lack_words=frozenset(w.lower() for w in polarity["lack_words"] + polarity["refusal_words"]),
        restating_prefixes=tuple(polarity["restating_prefixes"]),
        restating_exceptions=tuple(polarity["restating_exceptions"]),
        extent=extent,
        approximate=phrase_pattern(raw["figures"]["approximate"]),
        above=phrase_pattern(raw["figures"]["above"]),
        below=phrase_pattern(raw["figures"]["below"]),
        directions=directions,
        tentative=phrase_pattern(modality["tentative"]),
        hedged=phrase_pattern(modality["hedged"]),
        partial=phrase_pattern(modality["partial"]),
        decision=phrase_pattern(modality["decision"]),
        deliberation=phrase_pattern(modality["deliberation"]),
        collective=phrase_pattern(modality["collective"]),
        consensus=phrase_pattern(modality["consensus"]),
        dissent=phrase_pattern(modality["dissent"]),
        done=phrase_pattern(modality["done"]),
        done_words=frozenset(w.lower() for w in modality["done"]),
        scope=phrase_pattern(modality["scope"]),
        wide_scope=frozenset(w.lower() for w in modality["wide_scope"]),
        status_stems=frozenset(stem(w) for w in modality["status_verbs"]),
        irregular_past={k.lower(): v.lower() for k, v in modality["irregular_past"].items()},
        implicative=phrase_pattern(modality["implicative"]),
        causative=frozenset(w.lower() for w in modality["causative"]),
        modal_auxiliaries=phrase_pattern(modality["modal_auxiliaries"]),
        speech=frozenset(w.lower() for w in raw["speech"]["verbs"]),
        handover=phrase_pattern(raw["speech"]["handover"]),
        questions=re.compile(
            r"\?|\b(?:" + "|".join(re.escape(w) for w in raw["speech"]["questions"] if w != "?") + r")\b",
            re.IGNORECASE,
        ),
        acronyms=dict(raw["acronyms"]),
    )


ACRONYM_TOKEN = re.compile(r"\b[A-Za-z]{2,8}\b")


@cache
def glued_units() -> re.Pattern[str]:
    """A figure with a unit of the vocabulary glued to it (`3.5GHz`, `100Mbps`; `[measures] glued`)."""
    units = "|".join(re.escape(u) for u in sorted(word_list("measures", "glued"), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?P<figure>\d+(?:[.,]\d+)?)(?P<unit>{units})(?![\w/])")


def spelled_out(text: str) -> str:
    """The text with each known acronym followed by its written-out form: `SG (ITU)` ->
    `SG (Secretary-General) (ITU (International Telecommunication Union))`."""
    table = vocabulary().acronyms
    return ACRONYM_TOKEN.sub(
        lambda m: f"{m.group(0)} ({table[m.group(0)]})" if m.group(0) in table else m.group(0), text
    )


def expansions(text: str) -> list[str]:
    """The written-out forms of the acronyms a text uses (`ITU` -> International Telecommunication Union)."""
    table = vocabulary().acronyms
    found = []
    for token in ACRONYM_TOKEN.findall(text):
        name = table.get(token)
        if name and name not in found:
            found.append(name)
    return found
