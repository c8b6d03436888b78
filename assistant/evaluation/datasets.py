"""Reads an evaluation dataset folder: corpus, session notes with their facts, questions, grounding pairs.

The layout (documented in evals/datasets/README.md, and the same for a user's own copy)::

    corpus/                 past outcome documents, indexed into a temporary home for the run
    notes/NAME.txt          raw notes of one session
    notes/NAME.facts.json   what a draft of NAME.txt must and must not say
    questions.jsonl         questions over the corpus with their gold documents
    grounding.jsonl         labelled claim/evidence pairs for the grounding checker
    thresholds.toml         (optional) the gate for this folder

Any part may be missing: the suites that need it are skipped and the report says why. A part
that is present but malformed is an error whose message names the file, the line and the fix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.corpus.loaders import slugify
from assistant.errors import InputError
from assistant.evaluation.speakers import Speaker

DOCUMENT_SUFFIXES = {".md", ".txt", ".docx", ".pdf", ".html", ".htm"}
QUESTION_TYPES = ("single", "multi", "aggregate", "unanswerable")


class DatasetError(InputError):
    """A dataset file is malformed; the message names the file, the line and what to fix."""


@dataclass
class Fact:
    """One atomic fact a correct draft states, the keywords that show it, and its section."""

    fact: str
    keywords: list[str]
    section: str


@dataclass
class NotesCase:
    """One session's notes and the facts a draft of them must cover and must not claim."""

    name: str
    path: Path
    text: str
    session: str
    must_cover: list[Fact]
    must_not_claim: list[str]
    header: dict[str, str] = field(default_factory=dict)
    noise_lines: list[int] = field(default_factory=list)  # logistics, asides, injections: never evidence
    mixed_lines: list[int] = field(default_factory=list)  # content with an aside in the same line
    speakers: list[Speaker] | None = None  # who spoke on which lines; None: the key does not say

    @property
    def material_sections(self) -> list[str]:
        """Sections the notes have material for (those some must_cover fact is labelled with)."""
        return list(dict.fromkeys(f.section for f in self.must_cover))


@dataclass
class Question:
    """A question over the corpus, its type, the documents that answer it and the answer's keywords."""

    id: str
    question: str
    type: str
    gold_docs: list[str]
    answer_keywords: list[str]

    @property
    def answerable(self) -> bool:
        """False for questions the corpus does not answer (a refusal is expected)."""
        return self.type != "unanswerable"


@dataclass
class GroundingPair:
    """A claim, the evidence it is checked against, and whether the evidence supports it."""

    id: str
    claim: str
    evidence: str
    supported: bool
    kind: str = ""


@dataclass
class Dataset:
    """Everything found in a dataset folder, and a sentence for each part that was not."""

    root: Path
    corpus: Path | None
    notes: list[NotesCase]
    questions: list[Question]
    grounding: list[GroundingPair]
    missing: dict[str, str] = field(default_factory=dict)
    tag_labels: Path | None = None  # tags.jsonl: each document's Action Lines and SDGs, by hand

    @property
    def thresholds_file(self) -> Path | None:
        """The folder's own thresholds.toml, when it has one."""
        path = self.root / "thresholds.toml"
        return path if path.is_file() else None


def doc_key(name: str) -> str:
    """The document id a gold entry names: a doc id as is, a file name by its stem (the index's rule)."""
    name = name.strip()
    path = Path(name)
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        return slugify(path.stem)
    return slugify(name)


def load_dataset(root: Path) -> Dataset:
    """Read a dataset folder; missing parts are recorded in `missing`, malformed ones raise DatasetError."""
    root = Path(root)
    if not root.is_dir():
        raise DatasetError(
            f"no dataset folder at {root}; pass --datasets DIR with corpus/, notes/, questions.jsonl "
            "and grounding.jsonl (see evals/datasets/README.md)"
        )
    missing: dict[str, str] = {}
    corpus = root / "corpus"
    if not corpus.is_dir() or not any(p.suffix.lower() in DOCUMENT_SUFFIXES for p in corpus.rglob("*")):
        missing["corpus"] = f"no outcome documents in {corpus}"
        corpus_found: Path | None = None
    else:
        corpus_found = corpus
    notes = load_notes_cases(root / "notes")
    if not notes:
        missing["notes"] = f"no notes/NAME.txt with NAME.facts.json in {root / 'notes'}"
    questions_file = root / "questions.jsonl"
    questions = load_questions(questions_file) if questions_file.is_file() else []
    if not questions:
        missing["questions"] = f"no questions in {questions_file}"
    grounding_file = root / "grounding.jsonl"
    grounding = load_grounding(grounding_file) if grounding_file.is_file() else []
    if not grounding:
        missing["grounding"] = f"no claim/evidence pairs in {grounding_file}"
    tags_file = root / "tags.jsonl"
    if not tags_file.is_file():
        missing["tags"] = f"no tag labels in {tags_file} (or pass --tag-labels FILE)"
    return Dataset(
        root=root, corpus=corpus_found, notes=notes, questions=questions, grounding=grounding,
        missing=missing, tag_labels=tags_file if tags_file.is_file() else None,
    )


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(
                f"{path}:{number}: not valid JSON ({exc.msg}); write one object per line"
            ) from exc
        if not isinstance(value, dict):
            raise DatasetError(f"{path}:{number}: expected a JSON object, found {type(value).__name__}")
        rows.append((number, value))
    return rows


def _require(path: Path, number: int, row: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in row:
        raise DatasetError(f"{path}:{number}: missing field {key!r}")
    value = row[key]
    if not isinstance(value, kind):
        raise DatasetError(f"{path}:{number}: field {key!r} has the wrong type ({type(value).__name__})")
    return value


def _strings(path: Path, where: str, values: list[Any], key: str) -> list[str]:
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise DatasetError(f"{path}{where}: every entry of {key!r} must be a non-empty string")
    return [v.strip() for v in values]


def load_questions(path: Path) -> list[Question]:
    """Questions from a JSON-lines file (`id`, `question`, `type`, `gold_docs`, `answer_keywords`)."""
    questions = []
    for number, row in _read_jsonl(path):
        qtype = _require(path, number, row, "type", str)
        if qtype not in QUESTION_TYPES:
            raise DatasetError(f"{path}:{number}: type {qtype!r} is not one of {', '.join(QUESTION_TYPES)}")
        gold = _strings(path, f":{number}", _require(path, number, row, "gold_docs", list), "gold_docs")
        if qtype != "unanswerable" and not gold:
            raise DatasetError(f"{path}:{number}: an answerable question needs at least one gold_docs entry")
        questions.append(
            Question(
                id=str(row.get("id") or f"line{number}"),
                question=_require(path, number, row, "question", str).strip(),
                type=qtype,
                gold_docs=gold,
                answer_keywords=_strings(
                    path, f":{number}", list(row.get("answer_keywords") or []), "answer_keywords"
                ),
            )
        )
    return questions


def load_grounding(path: Path) -> list[GroundingPair]:
    """Labelled pairs from a JSON-lines file (`claim`, `evidence`, `supported`, optional `id`, `kind`)."""
    pairs = []
    for number, row in _read_jsonl(path):
        pairs.append(
            GroundingPair(
                id=str(row.get("id") or f"line{number}"),
                claim=_require(path, number, row, "claim", str),
                evidence=_require(path, number, row, "evidence", str),
                supported=_require(path, number, row, "supported", bool),
                kind=str(row.get("kind") or ""),
            )
        )
    return pairs


def load_notes_cases(folder: Path) -> list[NotesCase]:
    """Every notes/NAME.txt that has a NAME.facts.json beside it (a facts file alone is an error)."""
    if not folder.is_dir():
        return []
    cases = []
    for facts_path in sorted(folder.glob("*.facts.json")):
        name = facts_path.name[: -len(".facts.json")]
        text_path = folder / f"{name}.txt"
        if not text_path.is_file():
            raise DatasetError(f"{facts_path}: no notes file {text_path.name} beside it")
        cases.append(_notes_case(name, text_path, facts_path))
    return cases


def _notes_case(name: str, text_path: Path, facts_path: Path) -> NotesCase:
    try:
        data = json.loads(facts_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{facts_path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(data, dict):
        raise DatasetError(f"{facts_path}: expected a JSON object with session, must_cover, must_not_claim")
    facts = []
    for position, entry in enumerate(data.get("must_cover") or [], 1):
        where = f" must_cover[{position}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("fact"), str):
            raise DatasetError(f"{facts_path}:{where} needs a 'fact' string")
        keywords = _strings(facts_path, where, list(entry.get("keywords") or []), "keywords")
        if not keywords:
            raise DatasetError(f"{facts_path}:{where} needs at least one keyword")
        facts.append(Fact(fact=entry["fact"], keywords=keywords, section=str(entry.get("section") or "")))
    claims = _strings(facts_path, " must_not_claim", list(data.get("must_not_claim") or []), "must_not_claim")
    found = data.get("header")
    header: dict[str, Any] = found if isinstance(found, dict) else {}
    return NotesCase(
        name=name,
        path=text_path,
        text=text_path.read_text(encoding="utf-8"),
        session=str(data.get("session") or name),
        must_cover=facts,
        must_not_claim=claims,
        header={k: str(v) for k, v in header.items()},
        noise_lines=_line_numbers(facts_path, data, "noise_lines"),
        mixed_lines=_line_numbers(facts_path, data, "mixed_lines"),
        speakers=_speakers(facts_path, data),
    )


def _speakers(path: Path, data: dict[str, Any]) -> list[Speaker] | None:
    """The optional `speakers` key: `[{"name": …, "org": …, "lines": [3, [5, 9]]}, …]` (None when absent)."""
    if "speakers" not in data:
        return None
    entries = data["speakers"]
    fix = 'write "speakers": [{"name": "…", "org": "…", "lines": [3, [5, 9]]}, …]'
    if not isinstance(entries, list):
        raise DatasetError(f"{path}: 'speakers' must be a list; {fix}")
    found = []
    for position, entry in enumerate(entries, 1):
        where = f"{path}: speakers[{position}]"
        if not isinstance(entry, dict):
            raise DatasetError(f"{where} must be an object; {fix}")
        name, org = entry.get("name") or "", entry.get("org") or ""
        if not isinstance(name, str) or not isinstance(org, str) or not (name.strip() or org.strip()):
            raise DatasetError(f"{where} needs a 'name' or an 'org' string")
        lines: set[int] = set()
        for span in entry.get("lines") or []:
            if isinstance(span, int) and not isinstance(span, bool) and span >= 1:
                lines.add(span)
            elif (
                isinstance(span, list) and len(span) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in span)
                and span[0] <= span[1]
            ):
                lines.update(range(span[0], span[1] + 1))
            else:
                raise DatasetError(f"{where}: 'lines' entries are line numbers or [first, last] ranges, "
                                   f"found {span!r}")
        if not lines:
            raise DatasetError(f"{where} needs at least one line in 'lines'")
        found.append(Speaker(name=name.strip(), org=org.strip(), lines=frozenset(lines)))
    return found


def _line_numbers(path: Path, data: dict[str, Any], key: str) -> list[int]:
    """An optional list of 1-based line numbers of the notes (`noise_lines`, `mixed_lines`)."""
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, int) and v >= 1 for v in values):
        raise DatasetError(f"{path}: {key!r} must be a list of line numbers (1, 2, …)")
    return sorted(set(values))
