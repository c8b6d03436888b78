"""The rapporteur's aside inside a line of content: which bracketed span or dash tail of a line is a
remark of the rapporteur's (`… 35% [she said 35? slide said 38]`, `… in 2026 (confirm in the press
release)`, `… data protection -- worth checking the number`) and which belongs to the point
(`(UNESCO)`, `(up from 40 in 2022)`).

A line is cut into spans by layout alone (`candidate_spans`: a parenthesis, a square bracket, what
follows the last spaced dash when it is the shorter part of the line). Each span is then judged by a
small logistic model (`AsideModel`, weights as data in `data/aside_spans.json`, fitted by
`evals/aside-spans/fit_asides.py` on the spans of the training notes' graded lines) over structural
features of the span in its line (`span_features`): the unit-kind model's reading of the span's words
alone, its bracket shape, whether it questions or repeats a figure of the line or brings one of its
own, whether it names someone, its length and place. No phrase of any notes file is in here.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

SPAN_SHAPES = ("round", "square", "dash")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_AFTER_DASH = re.compile(r"\s(?:--|—|–)\s(?!.*\s(?:--|—|–)\s).*$")  # after the last spaced dash
_FIGURE = re.compile(r"\d[\d,.]*")
_WORD = re.compile(r"[^\W\d_]+")
_LABEL = re.compile(r"^\W*[A-ZÀ-Þ][\w'’-]*(?:\s+[A-ZÀ-Þ][\w'’-]*)?\s*:")  # `Ana:`, `Comment Tom:`
_QUOTE = re.compile(r"[\"“”«»]")  # quoted speech in the line: a span in it is the speaker's words
_NAMED = re.compile(r"(?<=\S)\s+[A-ZÀ-Þ]")  # a capitalised word after the first: a name, a body, a place
# closed class: the English first person (as `note_shapes.FIRST_PERSON`); a capital I only
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]yself)\b")
FEATURES = ("kind_noise", "square", "dash", "question", "repeats_figure", "new_figure", "names",
            "log_words", "line_share", "label", "ends_line", "starts_line", "first_person", "novel_share",
            "quoted", "colon_line")


@dataclass(frozen=True)
class Span:
    """A span of a line that could be an aside: [start, end) in the line, its shape and its words."""

    start: int
    end: int
    shape: str
    inner: str  # the span's words without the brackets or the dash


def candidate_spans(line: str) -> list[Span]:
    """The spans of a line that could be the rapporteur's aside, by layout: each parenthesis or
    square bracket holding a word, and what follows the last spaced dash when it is at most half
    the line's words (`Rwanda -- <the whole point>` is no aside)."""
    spans = []
    for match in _BRACKETS.finditer(line):
        inner = match.group(0)[1:-1].strip()
        if _WORD.search(inner):
            shape = "round" if match.group(0).startswith("(") else "square"
            spans.append(Span(match.start(), match.end(), shape, inner))
    dash = _AFTER_DASH.search(line)
    if dash and len(dash.group(0).split()) * 2 <= len(line.split()):
        inner = re.sub(r"^\s*(?:--|—|–)\s*|\s*(?:--|—|–)\s*$", "", dash.group(0)).strip()
        inside = any(s.start <= dash.start() < s.end for s in spans)
        if _WORD.search(inner) and not inside:
            spans.append(Span(dash.start(), dash.end(), "dash", inner))
    return spans


def _figures(text: str) -> set[str]:
    return {f.rstrip(".,").replace(",", "") for f in _FIGURE.findall(text)}


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


def span_features(line: str, span: Span, kind_noise: float) -> list[float]:
    """The span's features in `FEATURES` order; `kind_noise` is the unit-kind model's probability
    that the span's words alone are not content (`note_kinds.UnitKind.not_content`)."""
    rest = line[: span.start] + " " + line[span.end:]
    inner_figures, rest_figures = _figures(span.inner), _figures(rest)
    inner_words, rest_words = _words(span.inner), _words(rest)
    count = max(1, len(span.inner.split()))
    line_words = max(1, len(line.split()))
    head = re.sub(r"^\W*(?:\d{1,2}[:h.]\d{2}\W*)?", "", line[: span.start])
    return [
        kind_noise,
        float(span.shape == "square"),
        float(span.shape == "dash"),
        float("?" in span.inner),
        float(bool(inner_figures & rest_figures)),
        float(bool(inner_figures - rest_figures)),
        float(bool(_NAMED.search(span.inner))),
        math.log1p(count),
        count / line_words,
        float(bool(_LABEL.match(span.inner))),
        float(not re.search(r"\w", line[span.end:])),
        float(not head.strip()),
        float(bool(_FIRST_PERSON.search(span.inner))),
        len(inner_words - rest_words) / max(1, len(inner_words)),
        float(bool(_QUOTE.search(line))),
        float(":" in line[: span.start]),
    ]


@dataclass(frozen=True)
class AsideModel:
    """Logistic regression over `span_features`, scaled by the fitted means and spreads; `bar` is the
    probability above which a span is cut from its line (chosen when fitting)."""

    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray
    bar: float

    def probabilities(self, rows: list[list[float]]) -> np.ndarray:
        """Per span, the probability that it is the rapporteur's aside."""
        if not rows:
            return np.zeros(0, dtype=np.float32)
        matrix = (np.asarray(rows, dtype=np.float32) - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(matrix @ self.weights + self.bias)))

    def to_json(self) -> dict[str, object]:
        """The model as plain data (`data/aside_spans.json`)."""
        return {"features": list(FEATURES), "weights": np.round(self.weights, 5).tolist(),
                "bias": round(float(self.bias), 5), "mean": np.round(self.mean, 5).tolist(),
                "scale": np.round(self.scale, 5).tolist(), "bar": self.bar}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> AsideModel:
        """The model from `to_json`'s data; its feature list must be this module's."""
        if list(data["features"]) != list(FEATURES):  # type: ignore[call-overload]
            raise ValueError("the aside-span weights were fitted on other features")
        return cls(np.asarray(data["weights"], dtype=np.float32), float(data["bias"]),  # type: ignore[arg-type]
                   np.asarray(data["mean"], dtype=np.float32), np.asarray(data["scale"], dtype=np.float32),
                   float(data["bar"]))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def shipped_aside_model() -> AsideModel | None:
    """The fitted aside-span model shipped with the package, or None when its weights are absent."""
    path = resources.files("assistant.drafting").joinpath("data/aside_spans.json")
    if not path.is_file():
        return None
    return AsideModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def without_spans(line: str, spans: list[Span]) -> str:
    """The line with the given spans taken out and its spacing tidied."""
    for span in sorted(spans, key=lambda s: -s.start):
        line = line[: span.start] + " " + line[span.end:]
    line = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", line)).strip()
    return re.sub(r"\s*(?:--|—|–)\s*$", "", line)
