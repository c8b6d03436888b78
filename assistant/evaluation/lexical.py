"""A grounding judge that is not the product's checker: strict lexical entailment on the cited lines.

The product's grounding checker grades the product's own evidence, so the drafts suite reports its
`grounding_rate` beside this independent reading. An item is entailed by the note lines it cites
(read by number from the case's own notes text) when every

- figure of the item (a number with its scale: 1.3 million = 1,300,000) is stated in those lines,
- name of the item (a capitalised word that is not the item's or a sentence's ordinary first word,
  nor a function word of the item's language: "Un participante …", "Les intervenants …", read
  from the language data files as `metrics.is_negated` reads their negation words) is written in
  those lines, or is the name or organisation the facts file's `speakers` key gives
  those lines (a transcript turn's speaker sits on its heading),
- negation of the item (not, never, no, without, …) has one in those lines.

No similarity, no model, no abbreviation list: a paraphrase that keeps the figures, names and
polarity passes; a swapped figure, an invented name or a flipped polarity does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.corpus.keywords import STOP_WORDS
from assistant.domain.language import Language, text_language
from assistant.evaluation.metrics import has_keyword, is_negated, normalise
from assistant.evaluation.prose import CLOSED_WORDS

_FIGURE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion))?(?![\d])")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CAPITALISED = re.compile(r"(?<![\w'’])([A-ZÀ-Þ][\w'’\-]*)")


def figures(text: str) -> set[float]:
    """The values of the figures a text states (after `metrics.normalise`)."""
    found = set()
    for match in _FIGURE.finditer(normalise(text)):
        value = float(match.group(1)) * _SCALE.get(match.group(2) or "", 1.0)
        found.add(float(f"{value:.6g}"))
    return found


def names(text: str) -> list[str]:
    """The capitalised words of a text, less the ordinary word that opens it or one of its sentences."""
    found = []
    lang = text_language(text)
    # a French or Spanish item's function words (articles, pronouns, prepositions: "Un", "Les",
    # "Se") are no names either; an English item keeps the English lists alone
    function_words = lang.words if lang is not None else frozenset()
    for match in _CAPITALISED.finditer(text):
        word = re.sub(r"['’]s$", "", match.group(1)).strip("'’-")
        before = text[: match.start()].rstrip(" \"“«(")
        opens = not before or before[-1] in ".!?:;"
        low = word.lower()
        stop = (low in STOP_WORDS or low in function_words) and (opens or not word.isupper())
        if not word or low == "i" or stop:
            continue  # a stop word is no name, wherever a capital lands on it ("reported that About 80")
        if opens and (low in _ORDINARY_OPENERS or (lang is not None and low in _openers(lang))):
            continue
        found.append(word)
    return list(dict.fromkeys(found))


_ORDINARY_OPENERS = frozenset(CLOSED_WORDS["openers"].split())  # sentence openers that are no names


def _openers(lang: Language) -> frozenset[str]:
    """The words that open a sentence of this language without naming anyone: its connectives
    ("Además", "Ensuite") and the pronouns a drafted bullet credits a speaker by (`[bullets]`)."""
    return lang.closed("connectives") | frozenset(lang.bullets.get("pronouns", "").lower().split())


def entailment(text: str, cited: Sequence[str], allowed_names: Iterable[str] = ()) -> list[str]:
    """What the cited lines do not state of the item: missing figures, names, negation (empty: entailed)."""
    source = "\n".join(cited)
    if not source.strip():
        return ["no cited line"]
    missing: list[str] = []
    have = figures(source)
    missing += [f"figure {v:g}" for v in sorted(figures(text)) if v not in have]
    allowed = " ".join(allowed_names)
    for word in names(text):
        if not has_keyword(source, word) and not (allowed and has_keyword(allowed, word)):
            missing.append(f"name {word}")
    if is_negated(text) and not any(is_negated(line) for line in cited):
        missing.append("negation")
    return missing
