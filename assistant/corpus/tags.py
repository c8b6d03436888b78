"""Tags an outcome document with the WSIS Action Lines and Sustainable Development Goals it concerns.

Each tag carries its evidence and how it was found:

- **stated**: the document names the line or goal: "Action Line C5", "SDG 4", "SDGs 5 and 9", a
  strand of C7 or a line's name ("e-health", "cultural diversity") in a sentence that speaks of an
  Action Line, or a line's name in the session title.
- **inferred**: the document's passages are close in meaning to the plain descriptions of the line
  or goal kept in `assistant/domain/templates/wsis-lines.toml` (cosine similarity of embeddings,
  the same model as the index). Each passage is read twice, from one forward pass of the model: on
  its own (its *tail*, the chunk without the session title and heading that ingest puts in front)
  and in context (the whole chunk as indexed). Per tag, four features: the mean of the best
  `TOP_PASSAGES` passage similarities in each reading, and how far each falls below the document's
  best tag of the same kind (a session is about a few lines, not every line that is vaguely near).
  A logistic model per kind (`MODELS`, fitted with `evals/calibrate_tags.py` on the sample corpus
  labels and one half of the field set's) turns them into a probability, and the tag is kept at or
  above the model's cutoff.

The tagger never loads a model itself: it is given an `encode` function, and at ingest it reuses
the chunk vectors that were computed for the index anyway, so tagging costs a matrix product.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

import numpy as np

from assistant.domain.sentences import split_sentences
from assistant.errors import InputError

TAXONOMY_FILE = Path(__file__).resolve().parents[1] / "domain" / "templates" / "wsis-lines.toml"
TOP_PASSAGES = 2  # a document's inferred score: the mean of its best passages' similarities


@dataclass(frozen=True)
class TagModel:
    """When an inferred tag is kept: a logistic model over the tag's `FEATURES` and a cutoff."""

    weights: tuple[float, ...]
    bias: float
    cutoff: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        """Per row of features (one row per tag): the probability that the tag applies."""
        z = features @ np.asarray(self.weights, dtype=np.float32) + self.bias
        return 1.0 / (1.0 + np.exp(-z))


FEATURES = ("tail_score", "tail_gap", "context_score", "context_gap")
# Fitted by `evals/calibrate_tags.py --fit-half a`: the sample corpus labels plus half a of the field
# set's labels; half b is held out (see that script). Cutoffs: best F1 per kind on the fitted documents.
MODELS = {
    "action_line": TagModel(weights=(3.199, 3.076, 2.822, 2.894), bias=-3.712, cutoff=0.25),
    "sdg": TagModel(weights=(3.522, 2.638, 3.275, 2.571), bias=-3.875, cutoff=0.25),
}
# Per embedder other than MiniLM, models fitted on its own vectors (`RAPPORTEUR_EMBEDDER=NAME
# evals/calibrate_tags.py --held-out ../shared/fieldset/corpus evals/field-labels/tags.jsonl --fit-half a`):
# the features hold absolute cosines, and multilingual-e5-small puts any two texts near 0.8, where
# MiniLM's models keep nearly every line and goal for every document (issue 27, session 14: tag
# precision 0.09 on the sample corpus labels, 0.10 on the field set's with E5).
EMBEDDER_MODELS: dict[str, dict[str, TagModel]] = {
    "multilingual-e5-small": {
        "action_line": TagModel(weights=(1.35, 1.515, 1.35, 1.515), bias=-4.512, cutoff=0.1),
        "sdg": TagModel(weights=(1.229, 1.104, 1.229, 1.104), bias=-4.432, cutoff=0.1),
    },
}
TAGGER_VERSION = "4"  # bump when the rules change, so ingest re-tags every document (4: shared splitter)
EVIDENCE_CHARS = 300

Encode = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class TagSpec:
    """One Action Line (or strand of C7) or one SDG: its id, label, names and descriptions."""

    id: str  # "C5", "C7.e-health", "SDG4"
    kind: str  # "action_line" | "sdg"
    name: str
    names: tuple[str, ...] = ()
    about: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """How people write it: "C5", "C7 e-health", "SDG 4"."""
        if self.kind == "sdg":
            return f"SDG {self.id[3:]}"
        return self.id.replace(".", " ")


@dataclass(frozen=True)
class Tag:
    """A tag on a document: which line or goal, stated or inferred, and the text that shows it."""

    id: str
    kind: str
    source: str  # "stated" | "inferred"
    evidence: str
    where: str = ""  # "title" or the section the evidence passage comes from
    score: float = 1.0
    passage: int = -1  # the evidence passage's position in the document (its chunk number); -1: title

    @property
    def label(self) -> str:
        """The tag as people write it."""
        return tag_label(self.id)

    def to_json(self) -> dict[str, object]:
        """Plain data for JSON output and storage."""
        data = asdict(self)
        data["label"] = self.label
        data["score"] = round(float(self.score), 3)
        return data


@dataclass(eq=False)  # hashed by identity: one loaded object per data file
class Taxonomy:
    """Every Action Line and SDG the tagger knows, in a fixed order."""

    specs: tuple[TagSpec, ...]
    digest: str = ""
    _by_id: dict[str, TagSpec] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {s.id: s for s in self.specs}

    def get(self, tag_id: str) -> TagSpec | None:
        """The spec with this id, or None."""
        return self._by_id.get(tag_id)

    @property
    def action_lines(self) -> list[TagSpec]:
        """Action Lines and C7 strands, in order."""
        return [s for s in self.specs if s.kind == "action_line"]

    @property
    def sdgs(self) -> list[TagSpec]:
        """The 17 goals, in order."""
        return [s for s in self.specs if s.kind == "sdg"]


@lru_cache(maxsize=4)
def load_taxonomy(path: Path = TAXONOMY_FILE) -> Taxonomy:
    """Read the Action Lines and SDGs from the data file."""
    raw = path.read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    specs = [
        TagSpec(id=a["id"], kind="action_line", name=a["name"],
                names=tuple(n.lower() for n in a.get("names", [])), about=tuple(a.get("about", [])))
        for a in data["action_lines"]
    ]
    specs += [
        TagSpec(id=f"SDG{g['number']}", kind="sdg", name=g["name"], about=tuple(g.get("about", [])))
        for g in data["sdgs"]
    ]
    digest = hashlib.sha256(raw + TAGGER_VERSION.encode()).hexdigest()[:16]
    return Taxonomy(tuple(specs), digest)


def tag_label(tag_id: str) -> str:
    """"C7.e-health" -> "C7 e-health", "SDG4" -> "SDG 4"."""
    if tag_id.startswith("SDG"):
        return f"SDG {tag_id[3:]}"
    return tag_id.replace(".", " ")


# -- reading what a user typed -----------------------------------------------------------------
_SDG_QUERY = re.compile(r"^\s*(?:sdg|goal)?\s*0*(\d{1,2})\s*$", re.IGNORECASE)
_LINE_QUERY = re.compile(r"^\s*(?:action\s+line\s+)?c\s*0*(\d{1,2})(?:[\s.:_-]+(e-?\s?[a-z]+))?\s*$",
                         re.IGNORECASE)


def parse_action_line(text: str, taxonomy: Taxonomy | None = None) -> list[str]:
    """The tag ids a user means by "C5", "Action Line C7", "C7 e-health" or "e-health".

    "C7" alone means every strand of C7. Raises InputError naming the valid forms otherwise.
    """
    taxonomy = taxonomy or load_taxonomy()
    value = " ".join(text.split()).lower()
    strands = {s.id.split(".", 1)[1]: s.id for s in taxonomy.action_lines if "." in s.id}
    bare = value.replace("e ", "e-") if value.startswith("e ") else value
    if bare in strands:
        return [strands[bare]]
    match = _LINE_QUERY.match(value)
    if match:
        number, strand = int(match.group(1)), match.group(2)
        if strand:
            strand = strand.replace(" ", "")
            strand = strand if strand.startswith("e-") else "e-" + strand[1:]
            if number == 7 and strand in strands:
                return [strands[strand]]
        elif number == 7:
            return list(strands.values())
        elif taxonomy.get(f"C{number}"):
            return [f"C{number}"]
    raise InputError(
        f"unknown Action Line {text!r}; use C1 to C11, C7 alone for all its strands, or a strand such as "
        f"'C7 e-health' ({', '.join(strands)})"
    )


def parse_sdg(text: str | int) -> str:
    """The tag id of "4", "SDG 4" or "Goal 4"; raises InputError for anything else."""
    match = _SDG_QUERY.match(str(text))
    if not match or not 1 <= int(match.group(1)) <= 17:
        raise InputError(f"unknown SDG {text!r}; use a number from 1 to 17, e.g. 4 or 'SDG 4'")
    return f"SDG{int(match.group(1))}"


def normalise_tag_field(kind: str, text: str, taxonomy: Taxonomy | None = None) -> str:
    """A header's Action Lines or SDGs as typed ("c5; C7 e-health", "4, sdg 5") in the form the
    drafts write them ("C5, C7 e-health", "SDG 4, SDG 5"). "C7" alone stays "C7" (all its strands).
    Raises InputError naming the valid forms for an entry that is neither."""
    out: list[str] = []
    for entry in re.split(r"[,;\n]+", text or ""):
        entry = entry.strip().lstrip("~").strip()
        if not entry:
            continue
        if kind == "sdg":
            label = tag_label(parse_sdg(entry))
        else:
            ids = parse_action_line(entry, taxonomy)
            label = "C7" if len(ids) > 1 else tag_label(ids[0])
        if label not in out:
            out.append(label)
    return ", ".join(out)


_Q_SDG = re.compile(r"\b(?:SDG|sustainable\s+development\s+goal)\s*0*(\d{1,2})\b", re.IGNORECASE)
_Q_LINE_WORDS = re.compile(r"\b(?:wsis\s+)?action\s+lines?\s+(?=C\s?\d)", re.IGNORECASE)
_Q_CODE = re.compile(r"(?<![\w-])C\s?(1[01]|[1-9])(?:\s+(e-[a-z]+))?(?![\w-])")


def tags_named_in(question: str, taxonomy: Taxonomy | None = None) -> tuple[list[str], list[str], str]:
    """Action Lines and SDGs a question names, and the question with those names removed.

    "Which sessions relate to Action Line C5?" -> (["C5"], [], "Which sessions relate to ?").
    A bare code counts only in capitals ("C5"), so ordinary words are never taken for one; a C7
    strand counts by its name too ("e-health").
    """
    taxonomy = taxonomy or load_taxonomy()
    lines: list[str] = []
    sdgs: list[str] = []

    def take_code(match: re.Match[str]) -> str:
        try:
            ids = parse_action_line(f"C{match.group(1)} {match.group(2) or ''}", taxonomy)
        except InputError:
            return match.group(0)
        lines.extend(i for i in ids if i not in lines)
        return " "

    def take_sdg(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= 17:
            return match.group(0)
        if f"SDG{number}" not in sdgs:
            sdgs.append(f"SDG{number}")
        return " "

    rest = _Q_CODE.sub(take_code, _Q_LINE_WORDS.sub(" ", question))
    for spec in taxonomy.action_lines:
        if "." in spec.id:
            pattern = _name_pattern(spec.id.split(".", 1)[1])
            if pattern.search(rest):
                if spec.id not in lines:
                    lines.append(spec.id)
                rest = pattern.sub(" ", rest)
    rest = _Q_SDG.sub(take_sdg, rest)
    return lines, sdgs, " ".join(rest.split())


# -- stated tags -------------------------------------------------------------------------------
_ACTION_LINE_WORDS = re.compile(r"\baction\s+lines?\b", re.IGNORECASE)
_CODE = re.compile(r"(?<![\w-])C\s?(1[01]|[1-9])(?![\w-])")
_SDG_LIST = re.compile(
    r"\b(?:SDGs?|Sustainable\s+Development\s+Goals?)\s*((?:\d{1,2})(?:\s*(?:,|and|&|or)\s*(?:SDG\s*)?\d{1,2})*)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d{1,2}")


@lru_cache(maxsize=256)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1].rstrip() + "…"


def stated_tags(title: str, passages: Sequence[tuple[str, str]], taxonomy: Taxonomy) -> list[Tag]:
    """Tags the document states in so many words; `passages` are (where, text) pairs."""
    found: dict[str, Tag] = {}

    def add(tag_id: str, sentence: str, where: str, position: int) -> None:
        spec = taxonomy.get(tag_id)
        if spec is not None and tag_id not in found:
            found[tag_id] = Tag(tag_id, spec.kind, "stated", _clip(sentence), where, passage=position)

    for position, (where, text) in enumerate([("title", title), *passages], -1):
        for sentence in split_sentences(text or "", lowercase_starts=True, semicolons="always"):
            about_lines = where == "title" or bool(_ACTION_LINE_WORDS.search(sentence))
            if about_lines:
                strands = [s.id for s in taxonomy.action_lines
                           if "." in s.id and any(_name_pattern(n).search(sentence) for n in s.names)]
                for code in _CODE.finditer(sentence):
                    number = int(code.group(1))
                    if number != 7:
                        add(f"C{number}", sentence, where, position)
                for spec in taxonomy.action_lines:
                    if "." not in spec.id and any(_name_pattern(n).search(sentence) for n in spec.names):
                        add(spec.id, sentence, where, position)
                for strand in strands:
                    add(strand, sentence, where, position)
            for listed in _SDG_LIST.finditer(sentence):
                for number in _NUMBER.findall(listed.group(1)):
                    if 1 <= int(number) <= 17:
                        add(f"SDG{int(number)}", sentence, where, position)
    return list(found.values())


# -- inferred tags -----------------------------------------------------------------------------
class _Prototypes:
    """The embedded descriptions of every tag: computed once per model and taxonomy, kept in memory
    and, when a folder is given, in a small .npy file there (so a new process does not embed them)."""

    _lock = threading.Lock()
    _cache: ClassVar[dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]] = {}

    @classmethod
    def get(cls, taxonomy: Taxonomy, encode: Encode, model_key: str,
            folder: Path | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(vectors, owner) where owner[i] is the index in taxonomy.specs of vectors[i]'s tag."""
        key = (taxonomy.digest, model_key)
        with cls._lock:
            if key not in cls._cache:
                texts, owner = [], []
                for n, spec in enumerate(taxonomy.specs):
                    for sentence in spec.about or (spec.name,):
                        texts.append(sentence)
                        owner.append(n)
                name = hashlib.sha256(f"{taxonomy.digest}|{model_key}".encode()).hexdigest()[:16]
                path = folder / f"tag-descriptions-{name}.npy" if folder is not None else None
                vectors = _load_vectors(path, len(texts))
                if vectors is None:
                    vectors = np.asarray(encode(texts), dtype=np.float32)
                    _save_vectors(path, vectors)
                cls._cache[key] = (vectors, np.asarray(owner, dtype=np.int64))
            return cls._cache[key]


def _load_vectors(path: Path | None, rows: int) -> np.ndarray | None:
    if path is None or not path.is_file():
        return None
    try:
        vectors = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    return vectors if vectors.ndim == 2 and len(vectors) == rows else None


def _save_vectors(path: Path | None, vectors: np.ndarray) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".{threading.get_ident()}.tmp.npy")
        np.save(temp, vectors, allow_pickle=False)
        temp.replace(path)
    except OSError:  # a read-only home only costs the embedding again next time
        pass


def tag_scores(vectors: np.ndarray, taxonomy: Taxonomy, encode: Encode,
               model_key: str = "", folder: Path | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per tag: the document's inferred score and the passage row of its best evidence."""
    protos, owner = _Prototypes.get(taxonomy, encode, model_key, folder)
    n_tags = len(taxonomy.specs)
    if len(vectors) == 0:
        return np.zeros(n_tags, np.float32), np.zeros(n_tags, np.int64)
    sims = np.asarray(vectors, dtype=np.float32) @ protos.T  # passages x description sentences
    # owner is sorted (descriptions are listed tag by tag): each tag's best description per passage
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    per_tag = np.maximum.reduceat(sims, starts, axis=1)
    top = min(TOP_PASSAGES, len(vectors))
    ranked = np.sort(per_tag, axis=0)[::-1][:top]
    return ranked.mean(axis=0), per_tag.argmax(axis=0)


def tag_features(tails: np.ndarray, context: np.ndarray, taxonomy: Taxonomy, encode: Encode,
                 model_key: str = "", folder: Path | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per tag (rows, taxonomy order): its `FEATURES`; and per tag the passage row of its best
    evidence. `tails` are the passages read on their own, `context` as indexed (same rows)."""
    tail_scores, best = tag_scores(tails, taxonomy, encode, model_key, folder)
    context_scores, _ = tag_scores(context, taxonomy, encode, model_key, folder)
    kinds = np.array([s.kind for s in taxonomy.specs])
    tail_gap = np.zeros_like(tail_scores)
    context_gap = np.zeros_like(context_scores)
    for kind in set(kinds):
        mask = kinds == kind
        tail_gap[mask] = tail_scores[mask] - tail_scores[mask].max()
        context_gap[mask] = context_scores[mask] - context_scores[mask].max()
    return np.stack([tail_scores, tail_gap, context_scores, context_gap], axis=1), best


def keep_inferred(features: np.ndarray, taxonomy: Taxonomy,
                  models: dict[str, TagModel] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per tag: its probability, and whether the document earns it as inferred (a kind without a
    model earns none)."""
    models = MODELS if models is None else models
    probability = np.zeros(len(taxonomy.specs), dtype=np.float32)
    keep = np.zeros(len(taxonomy.specs), dtype=bool)
    kinds = np.array([s.kind for s in taxonomy.specs])
    for kind, model in models.items():
        mask = kinds == kind
        if mask.any():
            probability[mask] = model.probability(features[mask])
            keep[mask] = probability[mask] >= model.cutoff
    return keep, probability


def models_for(embedder: str) -> dict[str, TagModel] | None:
    """The inferred-tag models fitted on this embedder's vectors; None for MiniLM (then `MODELS`)."""
    return EMBEDDER_MODELS.get(embedder)


def inferred_tags(passages: Sequence[tuple[str, str]], tails: np.ndarray, taxonomy: Taxonomy,
                  encode: Encode, model_key: str = "", skip: Iterable[str] = (),
                  models: dict[str, TagModel] | None = None, folder: Path | None = None,
                  context: np.ndarray | None = None) -> list[Tag]:
    """Tags whose descriptions the passages are close to (see the module docstring for the rule).
    The tag's score is the model's probability."""
    features, best = tag_features(tails, tails if context is None else context, taxonomy, encode,
                                  model_key, folder)
    keep, probability = keep_inferred(features, taxonomy, models)
    skipped = set(skip)
    tags = []
    for n, spec in enumerate(taxonomy.specs):
        if spec.id in skipped or not keep[n]:
            continue
        where, text = passages[int(best[n])]
        tags.append(Tag(spec.id, spec.kind, "inferred", _clip(text), where, float(probability[n]),
                        passage=int(best[n])))
    return tags


class Tagger:
    """Tags documents with Action Lines and SDGs; `encode` embeds texts (unit vectors)."""

    def __init__(self, encode: Encode, model_key: str = "", taxonomy: Taxonomy | None = None,
                 models: dict[str, TagModel] | None = None, cache_folder: Path | None = None) -> None:
        self.encode = encode
        self.model_key = model_key
        self.taxonomy = taxonomy or load_taxonomy()
        self.models = models
        self.cache_folder = cache_folder  # where the embedded descriptions are kept between processes

    def tag(self, title: str, passages: Sequence[tuple[str, str]], vectors: np.ndarray | None = None,
            context: np.ndarray | None = None) -> list[Tag]:
        """Stated tags first, then inferred ones, each line or goal once, in taxonomy order.

        `passages` are (where, text) pairs; `vectors` their embeddings read on their own (computed
        here when None); `context` the same passages embedded as indexed, with their title and
        heading in front (taken to be `vectors` when None).
        """
        stated = stated_tags(title, passages, self.taxonomy)
        if vectors is None:
            vectors = self.encode([text for _, text in passages]) if passages else np.zeros((0, 1))
        inferred = inferred_tags(passages, vectors, self.taxonomy, self.encode, self.model_key,
                                 skip=[t.id for t in stated], models=self.models,
                                 folder=self.cache_folder, context=context)
        order = {s.id: n for n, s in enumerate(self.taxonomy.specs)}
        return sorted(stated + inferred, key=lambda t: order[t.id])


# -- storage in chunk metadata ------------------------------------------------------------------
def encode_tags(tags: Sequence[Tag]) -> dict[str, str]:
    """Chunk metadata for a document's tags: id lists for filters and the full tags as JSON."""
    return {
        "action_lines": ",".join(t.id for t in tags if t.kind == "action_line"),
        "sdgs": ",".join(t.id for t in tags if t.kind == "sdg"),
        "tags": json.dumps([t.to_json() for t in tags], ensure_ascii=False),
    }


def tag_ids(meta: dict[str, object]) -> set[str]:
    """The tag ids recorded in one chunk's metadata (empty for documents indexed before tagging)."""
    ids = f"{meta.get('action_lines', '')},{meta.get('sdgs', '')}"
    return {i for i in ids.split(",") if i}


def decode_tags(meta: dict[str, object]) -> list[Tag]:
    """The full tags stored in a chunk's metadata (only the first chunk of a document holds them)."""
    raw = meta.get("tags")
    if not raw:
        return []
    tags = []
    for item in json.loads(str(raw)):
        tags.append(Tag(id=item["id"], kind=item["kind"], source=item["source"],
                        evidence=item.get("evidence", ""), where=item.get("where", ""),
                        score=float(item.get("score", 1.0)), passage=int(item.get("passage", -1))))
    return tags
