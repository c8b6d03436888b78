"""Kinds: what each unit of the notes is, decided by a small learned model, not by phrases.

A unit (a line, or a wrapped unit joined by reflow) is one of `KINDS`: content, a speaker intro, a
header or heading line, protocol (thanks, welcomes, passing the floor), a floor question, the
rapporteur's aside, logistics, or an instruction injected for the drafting software. The model is a
multinomial logistic regression over the unit's sentence embedding (the all-MiniLM-L6-v2 model the
project ships) joined with layout features: brackets, position, length, end punctuation, capitals,
a leading time or bullet, first person, an imperative addressed to a machine (the vocabulary is
data, `domain/templates/notes-vocabulary.toml`), quotes, a URL, the unit's place in the notes (asides
and housekeeping gather at the end), an ellipsis, the marks of a note to self (`??`, `!!`, `^`,
`xx`, `tbc`), and whether the unit breaks the list it sits in (a line with no bullet between two
bullets of one speaker).

A centred model (the shipped one, since issue 22's third round) also reads each unit's offset from
its note's centre, the mean embedding of the lines the layout rules read as content: the session's
topic is taken out, and what is left says what kind of line the unit is (a remark about the room or
the note-taking is far from the centre whatever the session was about).

The weights are data (`drafting/data/unit_kinds.json`), fitted by `evals/unit-labels/fit_kinds.py`
on the labelled units of `evals/datasets`, `evals/styles` and `../shared/fieldset`; that script
also reports each set held out in turn. Nothing here knows any phrase of any notes file.

Notes not written in English (issue 27) are read by a second model of the same form over the
multilingual E5 vectors (`unit_kinds-multilingual-e5-small.json`, `fit_kinds.py --embedder
multilingual-e5-small`), fitted on the English sets and the French and Spanish notes together: MiniLM
reads every Spanish line as one cluster, E5 reads what it says.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Protocol

import numpy as np

from assistant.domain.language import function_words, languages
from assistant.domain.vocabulary import notes_vocabulary
from assistant.drafting.layout_model import LayoutLogistic, arrays_from_json

KINDS = ("content", "speaker intro", "header", "protocol", "floor question", "aside", "logistics", "injected")
NOT_CONTENT = frozenset({"protocol", "aside", "logistics", "injected"})
WEIGHTS = "unit_kinds.json"
ENGLISH_EMBEDDER = "minilm"  # the embedder `WEIGHTS` was fitted on (corpus.embeddings.DEFAULT_EMBEDDER)
EMBED_WORDS = 24  # a unit's kind shows in its first words: longer units are embedded cut there (speed)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|mine|myself|je|j['’]|moi|mon|mes|yo|mis?)\b")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
TIME = re.compile(r"\b\d{1,2}[:h.]\d{2}\b")
LEAD_TIME = re.compile(r"^\s*[\[(]?\d{1,2}[:h]\d{2}")
LEAD_BULLET = re.compile(r"^\s*(?:[-*•·–—▪◦‣>+]|\d{1,2}[.)])\s+")
WHO_MARK = re.compile(r"^\s*(?:[-*•]\s+)?[A-ZÀ-Þ][\w'’.-]*(?:\s+[\w'’.()-]+){0,4}\s*:\s")
NAME_PAIR = re.compile(r"\b[A-ZÀ-Þ][a-zà-ÿ'’-]+\s+[A-ZÀ-Þ][a-zà-ÿ'’-]+")
URL = re.compile(r"https?://|www\.", re.IGNORECASE)
FRAMING = re.compile(r">>|<<|\[\[|\]\]|<\s*/?\s*\w+\s*>|^\W*[A-Z]{4,}(?:\s+[A-Z]{2,}){0,6}\s*:")
FEATURES = (
    "bracketed", "bracket", "top", "words", "end_stop", "end_question", "end_colon", "exclaim",
    "caps_share", "all_caps", "lead_time", "lead_bullet", "indented", "digits", "first_person",
    "machine", "imperative", "machine_imperative", "url", "quoted", "who_mark", "name_pair", "semicolon",
    "question", "lower_start", "time_inside", "framing", "chars", "place", "tail", "ellipsis", "marks",
    "breaks_list", "recurs",
)
LONG_NOTES = 24  # the place features need notes this long: in a short note every line is near the end
RECUR_LINES = 12  # ... and `recurs` this long: in a note of a few lines a point's words come back nowhere
ELLIPSIS = re.compile(r"\.\.\.|…")
MARKS = re.compile(r"\?\?|!!|\?!|^\W*\^|(?:^|\s)(?:xx+|tbc|tbd)\b", re.IGNORECASE)


@cache
def _machine_words() -> tuple[frozenset[str], frozenset[str]]:
    machine = notes_vocabulary()["machine"]
    return frozenset(str(w) for w in machine["addressees"]), frozenset(str(w) for w in machine["imperatives"])


def addresses_machine(text: str) -> tuple[bool, bool]:
    """(names the drafting software, opens a clause with an imperative) for a unit's text."""
    addressees, imperatives = _machine_words()
    words = [w.lower() for w in WORD.findall(text)]
    # a plural names the same software (`tools`, `assistants`): the vocabulary lists the singular
    machine = any(w in addressees or (w.endswith("s") and w[:-1] in addressees) for w in words)
    clauses = re.split(r"[:;.!,\n]|\s[-–—]\s", text)
    imperative = any(
        ((first := WORD.findall(clause)) and first[0].lower() in imperatives)
        or (len(first) > 1 and first[0].lower() in {"please", "now", "then", "also", "s'il", "por"}
            and first[1].lower() in imperatives)
        for clause in clauses
    )
    return machine, imperative


@cache
def _edition_words() -> tuple[frozenset[str], frozenset[str]]:
    table = notes_vocabulary()["next_edition"]
    return frozenset(str(w) for w in table["forward"]), frozenset(str(w) for w in table["editions"])


NEXT_EDITION_SPAN = 2  # words between the forward word and the edition (`next year's WSIS`)
THEME_WORDS = 2  # content words besides the reference that state a theme (`see you next year` has none)


def names_next_edition(text: str) -> bool:
    """True when the text refers to the next edition of the Forum: a forward word (`next`, `coming`,
    `prochaine`) followed within `NEXT_EDITION_SPAN` words by a word naming an edition (`Forum`,
    `year's`, `édition`); both closed classes are data (`notes-vocabulary.toml`, `[next_edition]`)."""
    forward, editions = _edition_words()
    words = [re.sub(r"['’]s$", "", w.lower()) for w in WORD.findall(text)]
    return any(w in forward and any(e in editions for e in words[n + 1:n + 2 + NEXT_EDITION_SPAN])
               for n, w in enumerate(words))


def states_next_edition_theme(text: str) -> bool:
    """True when the text refers to the next edition (`names_next_edition`) and says something about
    it: at least `THEME_WORDS` content words besides the reference's own (`next Forum: a session on
    captioning live broadcasts`, not `see you all at next year's Forum`). Such a line proposes a theme
    for the Suggestions: it is never the room's logistics nor the rapporteur's aside, whatever topic
    words it holds."""
    if not names_next_edition(text):
        return False
    forward, editions = _edition_words()
    reference = {w[:STEM] for w in forward | editions}
    return len(_stems(text) - reference) >= THEME_WORDS


def _list_shape(raw: str) -> tuple[int, bool] | None:
    """(indent, has a marker) of a line that reads as a point of a list (bulleted or indented), else None."""
    expanded = raw.expandtabs(4)
    indent = len(expanded) - len(expanded.lstrip(" "))
    marked = bool(LEAD_BULLET.match(expanded))
    return (indent, marked) if marked or indent >= 2 else None


def breaks_list(raw: str, around: tuple[str, str]) -> bool:
    """True when the written lines just above and below are points of one list (same indent, same
    marker or none) and this line is not shaped like them, nor like a heading that opens the next
    block (a name, brackets, a dash or colon after a name, a time or number first): a remark typed
    between a speaker's points (`mic dropped again` between two `- …` bullets)."""
    above, below = (_list_shape(line) if line.strip() else None for line in around)
    if above is None or above != below or _list_shape(raw) == above:
        return False
    plain = raw.strip()
    heading = (not plain[:1].isalpha() or NAME_PAIR.search(plain) or plain.endswith(":")
               or re.search(r"[()\[\]]|\s[-–—]{1,2}\s", plain))
    return not heading


def neighbours(raws: list[str], index: int, last: int | None = None) -> tuple[str, str]:
    """The written (not blank) lines just above line `index` and just below line `last` (0-based;
    `last` is the unit's last line when continuation lines were joined to it)."""
    last = index if last is None else last
    above = next((raws[n] for n in range(index - 1, -1, -1) if raws[n].strip()), "")
    below = next((raws[n] for n in range(last + 1, len(raws)) if raws[n].strip()), "")
    return above, below


STEM = 6  # words are matched across lines on their first letters (`fund`, `funding`, `funded`)


@cache
def _function_words() -> frozenset[str]:
    return frozenset(w for code in languages() for w in function_words(code))


def _stems(text: str) -> set[str]:
    """The content words of a text (four letters or more, no function word of any language file),
    each cut to its first `STEM` letters, lower case."""
    common = _function_words()
    return {w[:STEM] for w in (m.lower() for m in WORD.findall(text)) if len(w) >= 4 and w not in common}


def note_words(texts: list[str]) -> Counter[str]:
    """In how many of a note's lines (`texts`, every written line) each content word stem occurs:
    what `recurrence` looks a unit's words up in."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_stems(text))
    return counts


def recurrence(text: str, counts: Counter[str] | None) -> float:
    """The share of a unit's content words that occur in another line of its note too (`counts`
    from `note_words`, which counts the unit's own line once): what a session is about comes back
    line after line, a remark about the room, the slides or the note-taking does not. 0.5 when the
    note is not known (a unit judged alone); 0 for a unit with no content word."""
    if counts is None:
        return 0.5
    stems = _stems(text)
    return sum(counts[s] >= 2 for s in stems) / len(stems) if stems else 0.0


def layout_features(text: str, raw: str, index: int, total: int,
                    around: tuple[str, str] = ("", ""), counts: Counter[str] | None = None) -> list[float]:
    """The layout features of one unit: `text` as read, `raw` as pasted, its 0-based place of `total`,
    `around` the written lines just above and below it as pasted (see `neighbours`), `counts` its
    note's word counts (see `note_words`)."""
    plain = text.strip()
    letters = [c for c in plain if c.isalpha()]
    words = WORD.findall(plain)
    caps = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    outside = QUOTED.sub(" ", plain)
    machine, imperative = addresses_machine(plain)
    return [
        float(bool(re.fullmatch(r"[\[(].*[\])]\W*", plain))),
        float("(" in plain or "[" in plain),
        float(index < 8),
        min(len(words), 60) / 30.0,
        float(plain.endswith(".")),
        float(plain.endswith("?")),
        float(plain.endswith(":")),
        float("!" in plain),
        caps,
        float(len(words) >= 2 and all(w.isupper() for w in words if len(w) > 1)),
        float(bool(LEAD_TIME.match(plain))),
        float(bool(LEAD_BULLET.match(raw))),
        float(raw[:1].isspace()),
        min(sum(c.isdigit() for c in plain) / 8.0, 1.0),
        float(bool(FIRST_PERSON.search(outside))),
        float(machine),
        float(imperative),
        float(machine and imperative),
        float(bool(URL.search(plain))),
        float(bool(QUOTED.search(plain))),
        float(bool(WHO_MARK.match(plain))),
        float(bool(NAME_PAIR.search(plain))),
        float(";" in plain),
        float("?" in plain),
        float(plain[:1].islower()),
        float(bool(TIME.search(plain[6:]))),
        float(bool(FRAMING.search(plain))),
        min(len(plain), 400) / 100.0,
        index / total if total >= LONG_NOTES else 0.5,
        float(total >= LONG_NOTES and index >= total - 6),
        float(bool(ELLIPSIS.search(plain))),
        float(bool(MARKS.search(plain))),
        float(breaks_list(raw, around)),
        recurrence(plain, counts) if total >= RECUR_LINES else 0.5,  # a short note repeats little
    ]


def embedding_text(text: str) -> str:
    """The part of a unit that is embedded for the model: its first `EMBED_WORDS` words."""
    return " ".join(text.split()[:EMBED_WORDS])


@dataclass(frozen=True)
class KindModel(LayoutLogistic):
    """A fitted multinomial logistic model: `kinds` rows of weights over [embedding, scaled layout]
    (the arithmetic in `LayoutLogistic`), with an optional binary noise head over the same input."""

    kinds: tuple[str, ...]
    weights: np.ndarray  # (kinds, 384 + features)
    bias: np.ndarray  # (kinds,)
    mean: np.ndarray  # layout feature means (for scaling)
    scale: np.ndarray  # layout feature spreads
    layout_weight: float = 1.0
    centred: bool = False  # each embedding is joined by its offset from its note's centre (`unit_vectors`)
    # a binary head over the same input, fitted on content against the never-content kinds alone: the
    # probability that a unit the layout rules read as content is noise (None for weights without it)
    noise_weights: np.ndarray | None = None
    noise_bias: float = 0.0
    embedder: str = ENGLISH_EMBEDDER  # the registered embedder whose vectors the weights read

    def noise_probability(self, vectors: np.ndarray, layout: np.ndarray) -> np.ndarray | None:
        """Per unit, the binary head's probability that it is noise (protocol, an aside, logistics
        or an injected instruction) rather than content; None when the weights have no such head."""
        if self.noise_weights is None:
            return None
        logits = self.matrix(vectors, layout) @ self.noise_weights + self.noise_bias
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))

    def to_json(self) -> dict[str, object]:
        """The model as plain data (weights rounded to 5 decimals)."""
        data: dict[str, object] = {"kinds": list(self.kinds), "features": list(FEATURES),
                                   "centred": self.centred, **self.arrays_json()}
        if self.noise_weights is not None:
            data["noise_head"] = {"weights": np.round(self.noise_weights, 5).tolist(),
                                  "bias": round(self.noise_bias, 5)}
        if self.embedder != ENGLISH_EMBEDDER:
            data["embedder"] = self.embedder
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KindModel:
        """A model from `to_json`'s data; ValueError when it was fitted on other features."""
        if list(data["features"]) != list(FEATURES):  # type: ignore[call-overload]
            raise ValueError("the unit-kind weights were fitted on other layout features; refit them with "
                             "evals/unit-labels/fit_kinds.py")
        head: dict[str, object] | None = data.get("noise_head")  # type: ignore[assignment]
        arrays = arrays_from_json(data)
        return cls(
            kinds=tuple(data["kinds"]),  # type: ignore[arg-type]
            weights=arrays["weights"], bias=arrays["bias"], mean=arrays["mean"], scale=arrays["scale"],
            layout_weight=float(data.get("layout_weight", 1.0)),  # type: ignore[arg-type]
            centred=bool(data.get("centred", False)),
            noise_weights=None if head is None else np.asarray(head["weights"], dtype=np.float32),
            noise_bias=0.0 if head is None else float(head["bias"]),  # type: ignore[arg-type]
            embedder=str(data.get("embedder", ENGLISH_EMBEDDER)),
        )


def weights_file(embedder: str = ENGLISH_EMBEDDER) -> str:
    """The name of the weights file fitted on that embedder's vectors (`drafting/data/`)."""
    return WEIGHTS if embedder == ENGLISH_EMBEDDER else f"unit_kinds-{embedder}.json"


@cache
def shipped_model(embedder: str = ENGLISH_EMBEDDER) -> KindModel | None:
    """The model shipped with the package for that embedder's vectors (MiniLM's by default), or
    None when its data file is missing."""
    path = resources.files("assistant.drafting").joinpath(f"data/{weights_file(embedder)}")
    if not path.is_file():
        return None
    return KindModel.from_json(json.loads(path.read_text("utf-8")))


@dataclass(frozen=True)
class UnitKind:
    """The model's verdict on one unit: the most likely kind and its probability."""

    kind: str
    probability: float
    not_content: float  # the summed probability of the kinds that are never content
    content: float = 0.0  # the probability of content
    noise: float | None = None  # the binary head's probability of noise (`KindModel.noise_probability`)

    @property
    def noise_share(self) -> float:
        """The not-content probability against content alone: for a unit the layout rules already
        read as content (not a heading, a speaker's intro or a question), the model's weight on
        those other kinds says nothing either way (the bars: `evals/unit-labels/REPORT.md`)."""
        total = self.not_content + self.content
        return self.not_content / total if total > 0 else 0.0


class TextEncoder(Protocol):
    """What the unit-kind model embeds texts with: the project's `Embedder`, or `OnceEach` over it."""

    def encode(self, texts: list[str]) -> np.ndarray: ...


class OnceEach:
    """An encoder that embeds each distinct text once: while one note is read, its lines are
    embedded for the note's centre, for the unit-kind model and for its second looks, mostly the
    same texts."""

    def __init__(self, encoder: TextEncoder) -> None:
        self._encoder = encoder
        self._vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        """The texts' vectors, embedding only those not seen before."""
        if not texts:
            return self._encoder.encode(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self._encoder.encode(missing), strict=True))
        return np.stack([self._vectors[t] for t in texts])


def note_centre(texts: list[str], embedder: TextEncoder) -> np.ndarray | None:
    """The centre of a note: the mean embedding of the units the layout rules read as content
    (`texts`, each cut as `embedding_text`); None when there are none. What a unit says about the
    session lies near it; a remark about the room, the slides or the note-taking lies far from it,
    whatever the session was about."""
    if not texts:
        return None
    return np.asarray(embedder.encode([embedding_text(t) for t in texts]), dtype=np.float32).mean(axis=0)


def unit_vectors(vectors: np.ndarray, centre: np.ndarray | None, model: KindModel) -> np.ndarray:
    """The embedding part of the model's input: for a centred model each unit's embedding joined by
    its offset from the note's centre (the session's topic taken out, so that what is left says
    what kind of line it is), else the embeddings alone."""
    if not model.centred:
        return vectors
    centre = np.zeros(vectors.shape[1], dtype=np.float32) if centre is None else centre
    return np.hstack([vectors, vectors - centre]).astype(np.float32)


def classify_units(texts: list[str], raws: list[str], indexes: list[int], total: int,
                   embedder: TextEncoder, model: KindModel | None = None,
                   arounds: list[tuple[str, str]] | None = None,
                   centre: np.ndarray | None = None, counts: Counter[str] | None = None) -> list[UnitKind]:
    """The kind of each unit (`texts` as read, `raws` as pasted, their 0-based line indexes of `total`,
    `arounds` the written lines above and below each, from `neighbours`; `centre` the note's centre,
    from `note_centre`, needed by a centred model; `counts` the note's word counts, from `note_words`)."""
    model = model or shipped_model()
    if model is None or not texts:
        return [UnitKind("content", 0.0, 0.0) for _ in texts]
    vectors = unit_vectors(embedder.encode([embedding_text(t) for t in texts]), centre, model)
    arounds = arounds or [("", "")] * len(texts)
    rows = [layout_features(t, r, i, total, a, counts)
            for t, r, i, a in zip(texts, raws, indexes, arounds, strict=True)]
    layout = np.asarray(rows, dtype=np.float32)
    probs = model.probabilities(vectors, layout)
    binary = model.noise_probability(vectors, layout)
    noise = [model.kinds.index(k) for k in NOT_CONTENT if k in model.kinds]
    content = model.kinds.index("content")
    out = []
    for n, row in enumerate(probs):
        best = int(np.argmax(row))
        out.append(UnitKind(model.kinds[best], float(row[best]), float(row[noise].sum()),
                            float(row[content]), None if binary is None else float(binary[n])))
    return out
