"""A small learned reader of the kind of detail a question asks for.

The detail rules of `answerability` know a set of wordings ("how much money", "in which year");
a question put otherwise ("what fee…", "at what price", "what share of…", "by when") asks for the
same kinds of detail in words they do not hold. This reader takes each asking phrase of a question
(an interrogative word, with a preposition before it, and the few words after it), embeds it with
the index's embedder and reads its kind with a multinomial logistic model whose weights are a data
file (`data/detail_kinds.json`, fitted by `evals/fit_detail_kinds.py`). The rules' own reading of
the phrase is one of the model's inputs, so it agrees with them where they know the wording.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

KINDS = ("none", "amount", "count", "year", "target_year", "date", "deadline", "person", "place",
         "identifier", "view")
DATA_FILE = Path(__file__).parent / "data" / "detail_kinds.json"
WORDS_FILE = Path(__file__).parent / "data" / "detail_words.json"
# kinds the rules read that the model knows under another name: a duration was labelled a count
# (a figure of any unit) before the rules read it on its own
RULE_KIND_AS = {"duration": "count"}
PHRASE_WORDS = 5  # words read after the interrogative word
# a kind read in a "what/which <noun> …" phrase with less than PHRASE_SURE probability is dropped when
# the noun alone reads "none" with NOUN_ASKS_NONE or more: the kind came from the words around the
# noun ("which handbook on licensing…" read as an amount), not from what is asked (a noun the reader
# is unsure of, or a phrase it is sure of, keeps the phrase's kind)
NOUN_ASKS_NONE = 0.9
PHRASE_SURE = 0.8
# kinds a pronoun "what" never asks: English asks them with "who" and "where"
NAMED_BY_OTHER_WORDS = frozenset({"person", "place"})
# a phrase embedded when the model is fitted: its vector, kept in the data file, tells whether the
# embedder at hand is the one the weights were fitted on (a test's hashing embedder is not)
PROBE = "how much money was pledged"
# the interrogative words, with a preposition that may lead them ("by when", "at what price")
_LEADS = r"(?:by|until|before|after|at|in|on|for|from|to|of|with|since|over|during)"
_ASKING = re.compile(rf"\b(?:{_LEADS}\s+)?(?:what|which|how|who|whom|whose|where|when)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def detail_vocabulary() -> dict[str, frozenset[str]]:
    """The closed vocabularies the detail rules read kinds with (`data/detail_words.json`): verbs of
    a change in size, the words after which "who" opens an indirect question, units of a duration."""
    data = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return {key: frozenset(w.lower() for w in value)
            for key, value in data.items() if isinstance(value, list)}


def relative_who(question: str, start: int) -> bool:
    """Is the "who" at `start` a relative pronoun ("people who live in…", "coders who entered…"), which
    asks for no person? It asks one at the start of the question or of a clause (after punctuation), or
    after a word that opens an indirect question or a preposition ("tell me who", "and who", "by whom");
    after any other word, a noun it qualifies, it is relative."""
    before = question[:start].rstrip()
    if not before or before[-1] in ",;:([—–-?.!\"'“":
        return False
    previous = re.findall(r"[\w’']+", before)[-1].lower() if re.search(r"\w", before) else ""
    return previous not in detail_vocabulary()["asking_words"]


@dataclass(frozen=True)
class AskingPhrase:
    """One asking phrase of a question: where it starts, its words, and the question's text from it
    up to the next asking phrase (what the detail rules read for it)."""

    start: int
    text: str
    segment: str


def asking_phrases(question: str) -> list[AskingPhrase]:
    """The question's asking phrases in order; a question with no interrogative word ("Name the
    venue of…", "Tell me the fee…") is one phrase, its first words."""
    # the capitals of WHO name the World Health Organization, not a person asked for
    # nor does a relative "who" after a noun ("people who live in…") ask for anyone
    starts = [m.start() for m in _ASKING.finditer(question) if not m.group(0).endswith("WHO")
              and not (m.group(0).lower() == "who" and relative_who(question, m.start()))]
    # "which sessions … and what" keeps both; a wh-word within the previous phrase's words does not
    kept: list[int] = []
    for start in starts:
        if kept and len(question[kept[-1]:start].split()) <= 2:
            continue
        kept.append(start)
    if not kept:
        kept = [0]
    phrases = []
    for i, start in enumerate(kept):
        end = kept[i + 1] if i + 1 < len(kept) else len(question)
        segment = question[start:end]
        lead = 2 if re.match(rf"(?i){_LEADS}\s", segment) else 1
        text = " ".join(segment.split()[:lead + PHRASE_WORDS]).strip(" ,;?")
        phrases.append(AskingPhrase(start, text, segment))
    return phrases


def phrase_features(vector: np.ndarray, rule_kinds: set[str]) -> np.ndarray:
    """The model's input for one phrase: its embedding, then one flag per kind the rules read in
    its segment."""
    known = {RULE_KIND_AS.get(kind, kind) for kind in rule_kinds}
    flags = np.array([1.0 if kind in known else 0.0 for kind in KINDS[1:]], dtype=np.float32)
    return np.concatenate([np.asarray(vector, dtype=np.float32), flags])


@dataclass(frozen=True)
class DetailKindModel:
    """The fitted weights: one row per kind (KINDS order), the bias, and the probability a kind
    other than "none" needs to be read."""

    embedder: str
    weights: np.ndarray
    bias: np.ndarray
    threshold: float
    probe: np.ndarray

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Softmax probabilities of the kinds for rows of features."""
        logits = np.atleast_2d(features) @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def read(self, features: np.ndarray) -> tuple[str, float]:
        """The kind of one phrase and its probability ("none" below the threshold)."""
        probs = self.probabilities(features)[0]
        best = int(np.argmax(probs))
        if KINDS[best] != "none" and probs[best] < self.threshold:
            return "none", float(probs[best])
        return KINDS[best], float(probs[best])


def load_model(path: Path = DATA_FILE) -> dict[str, DetailKindModel]:
    """The models in the data file, by embedder name (empty when the file is absent)."""
    return dict(_load(str(path)))


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[tuple[str, DetailKindModel], ...]:
    file = Path(path)
    if not file.exists():
        return ()
    data = json.loads(file.read_text(encoding="utf-8"))
    models = []
    for name, entry in data["models"].items():
        if list(entry["kinds"]) != list(KINDS):
            raise ValueError(f"{file}: kinds {entry['kinds']} differ from {KINDS}; refit with "
                             "evals/fit_detail_kinds.py")
        models.append((name, DetailKindModel(name, np.asarray(entry["weights"], dtype=np.float32),
                                             np.asarray(entry["bias"], dtype=np.float32),
                                             float(entry["threshold"]),
                                             np.asarray(entry["probe"], dtype=np.float32))))
    return tuple(models)


KindReader = Callable[[list[AskingPhrase], list[set[str]]], list[str]]


def kind_reader(embedder_name: str, embed_many: Callable[[list[str]], list[np.ndarray]]) -> KindReader | None:
    """A reader of phrase kinds for this embedder (None when no weights were fitted for it): given the
    phrases and the kinds the rules read in each, the kind the model reads in each."""
    model = load_model().get(embedder_name)
    if model is None:
        return None
    probe = np.asarray(embed_many([PROBE])[0], dtype=np.float32)
    if probe.shape != model.probe.shape or float(probe @ model.probe) < 0.98:
        return None  # another model under the same name (a test's stand-in): its vectors mean nothing here

    def read(phrases: list[AskingPhrase], rule_kinds: list[set[str]]) -> list[str]:
        if not phrases:
            return []
        nouns = [asked_noun(p.text) for p in phrases]
        shorter = [n for n in dict.fromkeys(nouns) if n]
        vectors = embed_many([p.text for p in phrases] + shorter)
        of_noun = dict(zip(shorter, vectors[len(phrases):], strict=True))
        kinds = []
        own = vectors[:len(phrases)]
        for phrase, vector, rules, noun in zip(phrases, own, rule_kinds, nouns, strict=True):
            kind, sure = model.read(phrase_features(vector, rules))
            if not rules and gives_count(phrase.text):
                kind = "none"  # "what two trends…" states the count and asks for the things counted
            elif kind != "none" and sure < PHRASE_SURE and noun is not None and \
                    model.probabilities(phrase_features(of_noun[noun], rules))[0][0] >= NOUN_ASKS_NONE:
                kind = "none"  # the words around the noun read a kind the noun itself surely does not ask
            kinds.append(kind)
        return kinds

    return read


def _phrase_words(text: str) -> tuple[list[str], int]:
    """The phrase's words in lower case and where its interrogative word is (after a preposition)."""
    words = [w.lower() for w in re.findall(r"[\w’'-]+", text)]
    at = 1 if words and re.fullmatch(_LEADS, words[0]) else 0
    return words, at


def asked_noun(text: str) -> str | None:
    """The noun a "what/which <noun>" phrase asks for, with its interrogative ("which handbook" of
    "which handbook on licensing…"): its words up to the first function word (`detail_words.json`),
    when words follow it before the phrase ends; None for a phrase whose interrogative is a pronoun
    ("what did…"), an adverb ("how…", "when…") or whose noun is all the phrase. The learned reader
    reads a kind in the whole phrase; a kind the noun alone surely does not ask (NOUN_ASKS_NONE) was
    read in the words around it (a verb, a body's name), not in what is asked."""
    words, at = _phrase_words(text)
    if len(words) <= at + 1 or words[at] not in ("what", "which"):
        return None
    stop = detail_vocabulary()["function_words"]
    noun: list[str] = []
    for word in words[at + 1:]:
        if word in stop:
            break
        noun.append(word)
    if not noun or at + 1 + len(noun) >= len(words):
        return None
    return " ".join(words[:at + 1] + noun)


def pronoun_what(text: str) -> bool:
    """Is the phrase's interrogative a "what" standing for the thing asked ("what did the agency
    pledge…", "what was launched"), a function word (`detail_words.json`) right after it?"""
    words, at = _phrase_words(text)
    stop = detail_vocabulary()["function_words"]
    return len(words) > at + 1 and words[at] == "what" and words[at + 1] in stop


def gives_count(text: str) -> bool:
    """Does a "what/which <number> <noun>" phrase state the count itself ("what two megatrends",
    "which 3 sessions")? It then asks for the things counted, not for a figure."""
    words, at = _phrase_words(text)
    if len(words) <= at + 2 or words[at] not in ("what", "which"):
        return False
    following = words[at + 1]
    return following.isdigit() or following in detail_vocabulary()["cardinals"]
