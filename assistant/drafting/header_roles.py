"""Line roles of the notes' top lines, decided by a small learned model: which line is the title.

The header rules (`note_header.py`) read labelled fields, dates, links and many layouts; where no
rule names the session, or the line they take for the title is one the model is sure is something
else (a remark, an organiser list, a banner), the line the model rates most likely to be the title
names the session, and the line it rates most likely to list the organisers names them when no rule
did. Dates and links stay with the closed-vocabulary parsing.

Each of the first `TOP_LINES` written lines gets one of `ROLES`: title, organisers, date, url, meta
(a venue, time, track, event banner or other field), speakers (moderator or speaker lists, a
speaker's heading), content, noise (the note-taker's remarks, document marks). The model is a
multinomial logistic regression over the line's sentence embedding (the all-MiniLM-L6-v2 model the
project ships) joined with layout features: place, length, capitals, quotes, a label before a colon,
a date, month, weekday or year (the closed vocabularies), a link, brackets, end punctuation, blank
lines around it. The weights are data (`drafting/data/header_roles.json`), fitted by
`evals/header-roles/fit_roles.py` on the labelled top lines of the training and written sets
(`evals/header-roles/labels.jsonl`); that script reports each set held out in turn.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Protocol

import numpy as np

from assistant.domain.normalise import find_date
from assistant.domain.vocabulary import notes_vocabulary
from assistant.drafting.layout_model import LayoutLogistic, arrays_from_json
from assistant.drafting.note_header import (
    HEADER_LABEL,
    ORG_BY,
    ORG_BY_ANY,
    WWW_LINK,
    clean_title,
    finish_header,
    organisers_from_line,
    read_header_line,
)
from assistant.drafting.note_kinds import embedding_text  # a line is embedded as a unit is: its first words
from assistant.drafting.note_lines import BULLET, NAME, TIMESTAMP
from assistant.drafting.note_shapes import URL

ROLES = ("title", "organisers", "date", "url", "meta", "speakers", "content", "noise")
TOP_LINES = 12  # the header sits in the first written lines; the roles of these lines are read
WEIGHTS = "header_roles.json"
EMBED_WORDS = 24
TITLE_SURE = 0.5  # the model names the session only on a line at least this likely to be its title
RULES_DOUBTED = 0.5  # and overrides the rules' title only when the model rates that title's line below this
ORGANISERS_SURE = 0.3  # the model names the organisers only on a line at least this likely to list them
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
YEAR = re.compile(r"\b(?:19|20)\d\d\b|'\d\d\b")
TIME = re.compile(r"\b\d{1,2}[:h.]\d{2}\b|\b\d{1,2}\s?(?:am|pm)\b", re.IGNORECASE)
SEPARATOR = re.compile(r"\s[|·•–—]\s|\s-{1,2}\s|\|")
JOINER = re.compile(r"\s(?:\+|&|/)\s|\band\b|\bet\b|\by\b")
COLON_LABEL = re.compile(r"^\W*[^\W\d_][\w .'’()/&-]{0,28}?\s*[:=]\s*\S")
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&-]{1,}\b")
FEATURES = (
    "first", "second", "place", "words", "chars", "caps_share", "all_caps", "capitalised_share",
    "acronyms", "quoted", "colon_label", "header_label", "organised_by", "ends_colon", "ends_stop",
    "ends_question", "date", "month", "weekday", "year", "time", "digits", "url", "brackets",
    "bracket_end", "bullet", "markup", "separators", "joiners", "commas", "name", "blank_before",
    "blank_after", "lower_start", "non_letter_start",
)


@dataclass(frozen=True)
class TopLine:
    """One of the notes' first written lines: its 1-based number, its text as pasted (stripped), its
    place among the written lines and whether a blank line stands above or below it."""

    number: int
    text: str
    index: int
    blank_before: bool
    blank_after: bool


def top_lines(text: str, count: int = TOP_LINES) -> list[TopLine]:
    """The first `count` written (not blank) lines of pasted notes."""
    raws = re.split(r"\r\n|\r|\n", text)
    out: list[TopLine] = []
    for number, raw in enumerate(raws, 1):
        if not raw.strip():
            continue
        before = number == 1 or not raws[number - 2].strip()
        after = number == len(raws) or not raws[number].strip()
        out.append(TopLine(number, raw.strip(), len(out), before, after))
        if len(out) == count:
            break
    return out


@cache
def _month_and_day_words() -> tuple[frozenset[str], frozenset[str]]:
    from assistant.domain.normalise import FOREIGN_MONTHS, MONTHS

    months = frozenset(m.lower().rstrip(".") for m in {*MONTHS, *FOREIGN_MONTHS})
    weekdays = frozenset(str(w).lower().rstrip(".") for w in notes_vocabulary()["dates"]["weekdays"])
    return months, weekdays


def line_features(line: TopLine) -> list[float]:
    """The layout features of one top line (see `FEATURES`)."""
    text = line.text
    plain = BULLET.sub("", text, count=1).strip()
    letters = [c for c in plain if c.isalpha()]
    words = WORD.findall(plain)
    lowered = [w.lower() for w in words]
    months, weekdays = _month_and_day_words()
    caps = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    capitalised = sum(w[0].isupper() for w in words) / len(words) if words else 0.0
    return [
        float(line.index == 0),
        float(line.index == 1),
        line.index / TOP_LINES,
        min(len(words), 30) / 10.0,
        min(len(plain), 300) / 100.0,
        caps,
        float(len(letters) >= 4 and caps > 0.95),
        capitalised,
        min(len(ACRONYM.findall(plain)), 4) / 2.0,
        float(bool(re.search(r"[\"“”«»]|(?:^|\s)['‘][^']+['’](?:\s|$)", plain))),
        float(bool(COLON_LABEL.match(plain))),
        float(bool(HEADER_LABEL.match(plain))),
        float(bool(ORG_BY_ANY.search(plain) or ORG_BY.match(plain))),
        float(plain.endswith(":")),
        float(plain.endswith(".")),
        float(plain.endswith("?")),
        float(find_date(plain) is not None),
        float(any(w in months for w in lowered)),
        float(any(w in weekdays for w in lowered)),
        float(bool(YEAR.search(plain))),
        float(bool(TIME.search(plain) or TIMESTAMP.match(plain))),
        min(sum(c.isdigit() for c in plain) / 6.0, 1.0),
        float(bool(URL.search(plain) or WWW_LINK.search(plain))),
        float(bool(re.search(r"[()\[\]]", plain))),
        float(bool(re.search(r"[)\]]\W*$", plain))),
        float(bool(BULLET.match(text))),
        float(bool(re.match(r"^(?:#{1,6}\s|[*_=~>]{1,3})", text))),
        min(len(SEPARATOR.findall(plain)), 3) / 3.0,
        float(bool(JOINER.search(plain))),
        min(plain.count(","), 4) / 4.0,
        float(bool(re.search(NAME, plain))),
        float(line.blank_before),
        float(line.blank_after),
        float(plain[:1].islower()),
        float(bool(plain) and not plain[:1].isalnum()),
    ]


@dataclass(frozen=True)
class RoleModel(LayoutLogistic):
    """A fitted multinomial logistic model: one row of weights per role over [embedding, scaled layout]
    (the arithmetic in `LayoutLogistic`)."""

    roles: tuple[str, ...]
    weights: np.ndarray  # (roles, 384 + features)
    bias: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    layout_weight: float = 1.0

    def to_json(self) -> dict[str, object]:
        """The model as plain data (weights rounded to 5 decimals)."""
        return {"roles": list(self.roles), "features": list(FEATURES), **self.arrays_json()}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> RoleModel:
        """A model from `to_json`'s data; ValueError when it was fitted on other features or roles."""
        if list(data["features"]) != list(FEATURES):  # type: ignore[call-overload]
            raise ValueError("the header line-role weights were fitted on other layout features; refit "
                             "them with evals/header-roles/fit_roles.py")
        roles = tuple(str(role) for role in data["roles"])  # type: ignore[attr-defined]
        if "title" not in roles or "organisers" not in roles:
            raise ValueError("the header line-role weights lack the title or organisers role; refit them "
                             "with evals/header-roles/fit_roles.py")
        arrays = arrays_from_json(data)
        weights = arrays["weights"]
        if weights.shape[0] != len(roles) or weights.shape[1] <= len(FEATURES):
            raise ValueError(f"the header line-role weights have shape {weights.shape} for {len(roles)} "
                             "roles; refit them with evals/header-roles/fit_roles.py")
        return cls(
            roles=roles,
            weights=weights, bias=arrays["bias"], mean=arrays["mean"], scale=arrays["scale"],
            layout_weight=float(data.get("layout_weight", 1.0)),  # type: ignore[arg-type]
        )


@cache
def shipped_model() -> RoleModel | None:
    """The model shipped with the package, or None when its data file is missing."""
    path = resources.files("assistant.drafting").joinpath(f"data/{WEIGHTS}")
    if not path.is_file():
        return None
    return RoleModel.from_json(json.loads(path.read_text("utf-8")))


class TextEncoder(Protocol):
    """What the model embeds lines with: the project's `Embedder` (or `note_kinds.OnceEach` over it)."""

    def encode(self, texts: list[str]) -> np.ndarray: ...


def line_roles(lines: list[TopLine], encoder: TextEncoder, model: RoleModel) -> np.ndarray:
    """Per top line, the probability of each of the model's roles."""
    if not lines:
        return np.zeros((0, len(model.roles)), dtype=np.float32)
    vectors = np.asarray(encoder.encode([embedding_text(line.text) for line in lines]), dtype=np.float32)
    layout = np.asarray([line_features(line) for line in lines], dtype=np.float32)
    return model.probabilities(vectors, layout)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _title_line(title: str, lines: list[TopLine]) -> int | None:
    """The place among `lines` of the line the rules' title was read from (None when none holds it)."""
    want = _norm(title)
    if not want:
        return None
    return next((n for n, line in enumerate(lines) if want in _norm(line.text)), None)


def _labelled_title(text: str, title: str) -> bool:
    """True when a top line states `title` after a header label (`Session: Title`, `Title - Title`)."""
    label = HEADER_LABEL.match(BULLET.sub("", text.strip(" *_"), count=1).strip(" *_"))
    return bool(label) and _norm(title) in _norm(label.group("value")) if label else False


def model_title(lines: list[TopLine], probs: np.ndarray, model: RoleModel, sure: float = TITLE_SURE) -> str:
    """The title read from the line the model rates most likely to be it ('' when none is likely
    enough); a line that carries on in lower case right below it, and is as likely, is joined."""
    column = probs[:, model.roles.index("title")]
    best = int(np.argmax(column))
    if column[best] < sure or not title_shaped(lines[best].text):
        return ""
    text = lines[best].text
    follow = best + 1
    if follow < len(lines) and not lines[best].blank_after and column[follow] >= sure \
            and lines[follow].text[:1].islower():
        text = f"{text} {lines[follow].text}"  # a title wrapped onto a second line
    return title_from_line(text)


def title_shaped(text: str) -> bool:
    """A line that could name a session: 2 to 30 words, no end stop, not two sentences."""
    words = text.split()
    return 2 <= len(words) <= 30 and not text.rstrip().endswith((".", ";", ",")) \
        and not re.search(r"[^\W\d_]{2}[.!]\s+\S", text)


def title_from_line(text: str) -> str:
    """The title a top line names, read by the header rules as if the line opened the notes (a
    label, quotes, a lead-in naming the document, organisers or a date beside it all taken off);
    '' when the rules read it as another field only, the whole line cleaned when they read nothing."""
    scratch: dict[str, str] = {}
    kind = read_header_line(text, scratch, False, 1)
    finish_header(scratch)
    if scratch.get("title"):
        return scratch["title"]
    return "" if kind else clean_title(text)


def read_roles(header: dict[str, str], text: str, encoder: TextEncoder, model: RoleModel | None = None,
               override: bool = True, organisers: bool = True, doubted_below: float = RULES_DOUBTED,
               sure: float = TITLE_SURE, spoken: set[int] | None = None) -> dict[str, int]:
    """Fill or correct the title and fill the organisers of `header` (the rules' reading, after
    `finish_header`) from the model's line roles; returns each field it set with the number of the
    line it was read from. The title comes from the model when the rules found none, or (`override`)
    when the line the rules read it from is one the model rates below `RULES_DOUBTED` as a title;
    the model's line must be at least `TITLE_SURE` likely, shaped like a title, and not one of the
    lines the reader credits to a speaker or reads as a bullet (`spoken`, numbers of pasted lines)."""
    model = model or shipped_model()
    if model is None:
        return {}
    lines = top_lines(text)
    if not lines:
        return {}
    probs = line_roles(lines, encoder, model)
    said = [n for n, line in enumerate(lines) if line.number in (spoken or set())]
    probs[said, model.roles.index("title")] = 0.0  # a line the reader credits to a speaker names no session
    probs[said, model.roles.index("organisers")] = 0.0
    title_column = probs[:, model.roles.index("title")]
    changed: dict[str, int] = {}
    rules_title = header.get("title", "")
    doubted = False
    if rules_title and override:
        where = _title_line(rules_title, lines)
        # a title the notes label (`Session: …`, `Title - …`) is the notes' own word, wherever it stands
        doubted = where is not None and title_column[where] < doubted_below \
            and not _labelled_title(lines[where].text, rules_title)
    if not rules_title or doubted:
        title = model_title(lines, probs, model, sure)
        if title and _norm(title) != _norm(rules_title):
            header["title"] = title
            changed["title"] = lines[int(np.argmax(title_column))].number
    if organisers and not header.get("organisers"):
        column = probs[:, model.roles.index("organisers")]
        best = int(np.argmax(column))
        if column[best] >= ORGANISERS_SURE:
            found = organisers_from_line(lines[best].text, header)
            if found and _norm(found) != _norm(header.get("title", "")):
                header["organisers"] = found
                changed["organisers"] = lines[best].number
    return changed
