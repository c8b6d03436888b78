"""The measures of the evaluation suite, as small deterministic functions (no model, no index).

Ranking: recall@k, reciprocal rank and nDCG@k over the distinct documents a search returned.
Classification: precision and recall of a yes/no checker. Text: the normalisation keyword matches
use, keyword tests, the distinctive tokens of a must_not_claim statement, and `[n]` citation markers.

Keyword normalisation (used for facts, claims and answer keywords alike): Unicode NFKC and case
folding; "per cent", "percent" and "pct" read as "%"; thousands separators dropped (4,200 = 4200);
"bn" and "m"/"mn" after a figure read as "billion" and "million"; hyphens, dashes, quotes and
other punctuation read as spaces (e-waste = e waste), decimal points kept. A keyword matches whole
words: it starts at a word start; one that ends in a figure must also end there (41 matches 41% but
not 410 or 41.5); one that ends in a letter may take a plural ending only (kilogram matches
kilograms, but renew does not match renewable).

Negation: a statement is negated when one of its clauses holds a negation word (not, no, never,
without, n't, …; "not only" is no negation). A negated item does not state the plain fact.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

from assistant.corpus.keywords import STOP_WORDS
from assistant.domain.language import text_language
from assistant.domain.sentences import split_sentences
from assistant.drafting.checks import COMMON_STARTERS
from assistant.evaluation.prose import is_complete_sentence as is_complete_sentence  # rules in prose

NUMBER = re.compile(r"\d+(?:\.\d+)?")
CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


# -- ranking -------------------------------------------------------------------------------------
def distinct(values: Iterable[str]) -> list[str]:
    """Values in first-seen order without repeats (the documents of a ranked list of chunks)."""
    return list(dict.fromkeys(v for v in values if v))


def recall_at_k(ranked: Sequence[str], gold: Iterable[str], k: int) -> float:
    """Share of the gold documents found among the first k ranked documents."""
    gold_set = set(gold)
    if not gold_set:
        raise ValueError("recall needs at least one gold document")
    return len(gold_set & set(ranked[:k])) / len(gold_set)


def reciprocal_rank(ranked: Sequence[str], gold: Iterable[str]) -> float:
    """1 / rank of the first gold document in the ranking (0 when none is ranked)."""
    gold_set = set(gold)
    for rank, doc in enumerate(ranked, 1):
        if doc in gold_set:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], gold: Iterable[str], k: int) -> float:
    """Normalised discounted cumulative gain at k with binary relevance (gold = 1, other = 0)."""
    gold_set = set(gold)
    if not gold_set:
        raise ValueError("nDCG needs at least one gold document")
    dcg = sum(1.0 / math.log2(rank + 1) for rank, doc in enumerate(ranked[:k], 1) if doc in gold_set)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(gold_set), k) + 1))
    return dcg / ideal


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean, or None for no values (shown as "n/a", never as a perfect score)."""
    items = list(values)
    return sum(items) / len(items) if items else None


# -- classification ------------------------------------------------------------------------------
def precision_recall(predicted: Sequence[bool], actual: Sequence[bool]) -> tuple[float | None, float | None]:
    """Precision and recall of the positive class; None where the denominator is zero."""
    if len(predicted) != len(actual):
        raise ValueError("predicted and actual labels differ in length")
    tp = sum(1 for p, a in zip(predicted, actual, strict=True) if p and a)
    fp = sum(1 for p, a in zip(predicted, actual, strict=True) if p and not a)
    fn = sum(1 for p, a in zip(predicted, actual, strict=True) if not p and a)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


# -- text ----------------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """Text as keyword matching sees it (see the module docstring for the rules)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[‘’′`´]", "'", text)
    text = re.sub(r"\s*\b(?:per\s*cent|percent|pct)\b", "%", text)
    text = re.sub(r"\s+%", "%", text)
    text = re.sub(r"(?<=\d)[,\u202f\u2009\u00a0](?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=\d)\s*bn\b", " billion", text)
    text = re.sub(r"(?<=\d)\s*(?:mn|m)\b", " million", text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)
    text = re.sub(r"[^\w%.$€£+#@ ]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def keyword_pattern(keyword: str) -> re.Pattern[str]:
    """The pattern a normalised keyword matches in normalised text."""
    norm = normalise(keyword)
    if not norm:
        raise ValueError(f"keyword {keyword!r} is empty once normalised")
    end = r"(?!\d|\.\d)" if norm[-1].isdigit() else (r"(?:s|es)?(?!\w)" if norm[-1].isalpha() else r"(?!\w)")
    return re.compile(r"(?<![\w.])" + re.escape(norm) + end)


def has_keyword(text: str, keyword: str) -> bool:
    """True when the text contains the keyword under the normalisation rules."""
    return bool(keyword_pattern(keyword).search(normalise(text)))


def found_keywords(text: str, keywords: Iterable[str]) -> list[str]:
    """The keywords the text contains."""
    norm = normalise(text)
    return [k for k in keywords if keyword_pattern(k).search(norm)]


# -- negation (a closed class of English words) ---------------------------------------------------
NEGATION = re.compile(
    r"\b(?:not|no|never|none|nor|neither|nothing|nobody|nowhere|cannot|without|lack(?:s|ed)?|"
    r"fail(?:s|ed)?\s+to|refused\s+to)\b|n['’]t\b"
    # notes' shorthand: a contraction typed without its apostrophe ("doesnt", "cant"), "w/o"
    r"|\b(?:do|does|did|is|are|was|were|has|have|had|ca|wo|should|could|would|must|need)nt\b|\bw/o\b",
    re.IGNORECASE,
)
_NOT_A_NEGATION = re.compile(r"\bnot\s+only\b|\bno\s+(?:doubt|matter)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:,.!?()]\s|[;:]|\s[-–—]\s|\b(?:but|while|whereas|although|though)\b", re.I)


def is_negated(text: str) -> bool:
    """True when the text holds a negation word ("not only" aside); a text in French or Spanish is
    also read with its language's negation words (`[prose] negation` of the language files: "sin",
    "nunca", "ne … pas"), less the phrases of that class that negate nothing ("sin embargo")."""
    lang = text_language(text)
    plain = f" {text.lower()} "
    if lang is not None:
        for phrase in lang.closed("not_negation"):
            plain = re.sub(rf"(?<![\w'’]){re.escape(phrase.replace('_', ' '))}(?![\w'’])", " ", plain)
    if NEGATION.search(_NOT_A_NEGATION.sub(" ", plain)):
        return True
    if lang is None or not lang.closed("negation"):
        return False
    words = set(re.findall(r"[^\W\d_]+['’]?", plain))
    return bool(words & lang.closed("negation"))


def clauses(text: str) -> list[str]:
    """The text cut at clause breaks (punctuation, dashes, "but", "while", …)."""
    return [c.strip() for c in _CLAUSE_BREAK.split(text) if c and c.strip()]


def negated_around(text: str, keywords: Iterable[str]) -> bool:
    """True when a clause of the text that holds one of the keywords is negated."""
    keys = list(keywords)
    return any(is_negated(c) for c in clauses(text) if not keys or found_keywords(c, keys))


_NAME_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’\-]*")


def distinctive_tokens(claim: str, source: str) -> list[str]:
    """Figures and names of a claim that the source text never uses: what would betray the claim.

    Figures are the claim's numbers; names are its capitalised words (a sentence's first word
    only when it is no stop word). When the claim has no such token, its longer content words
    absent from the source are used instead (e.g. "insurance" in an invented forum track).
    """
    source_norm = f" {normalise(source)} "
    tokens: list[str] = []
    for match in NUMBER.finditer(normalise(claim)):
        value = match.group(0)
        if not re.search(r"(?<![\d.])" + re.escape(value) + r"(?![\d]|\.\d)", source_norm):
            tokens.append(value)
    words = list(_NAME_TOKEN.finditer(claim))
    for position, match in enumerate(words):
        word = re.sub(r"['’]s$", "", match.group(0)).strip("'’-")  # a possessive names its owner
        if not word or not word[0].isupper():
            continue
        if position == 0 and (word.lower() in STOP_WORDS or word.lower() in COMMON_STARTERS):
            continue
        if not has_keyword(source, word):
            tokens.append(word)
    if not tokens:
        for match in words:
            word = match.group(0).strip("'’-")
            if len(word) >= 6 and word.lower() not in STOP_WORDS and not has_keyword(source, word):
                tokens.append(word)
    return list(dict.fromkeys(tokens))


def citation_numbers(text: str) -> list[int]:
    """Every citation number in `[n]` / `[n, m]` markers, in order of appearance."""
    numbers: list[int] = []
    for match in CITATION.finditer(text):
        numbers += [int(n) for n in re.split(r"\s*,\s*", match.group(1))]
    return numbers


def strip_citations(text: str) -> str:
    """The text without its citation markers."""
    return re.sub(r"\s+([.,;:!?])", r"\1", CITATION.sub("", text)).strip()


def cited_sentences(answer: str) -> list[tuple[str, list[int]]]:
    """The answer's sentences (and list lines) that carry citation markers, with their numbers.

    A marker placed just after a sentence's full stop belongs to that sentence.
    """
    out: list[tuple[str, list[int]]] = []
    for line in answer.splitlines():
        line = line.strip().lstrip("-*•").strip()
        for sentence in split_sentences(line, lowercase_starts=True, semicolons="never"):
            numbers = citation_numbers(sentence)
            if sentence and numbers:
                out.append((sentence, numbers))
    return out
