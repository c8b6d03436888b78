"""The calibrated answerability model: does this session state what the question asks?

One small logistic model, its weights a data file (`data/answerability.json`, written by
`evals/calibrate_answerability.py`), answers one thing for a (question, session) pair: the
probability that the session's outcome document states the question's subject and, when the
question asks for a detail (an amount, a count, a date…), that detail. The Ask service uses it
twice, the same way:

- an ordinary question is answered when its best session's probability reaches `answer_threshold`;
- a whole-corpus question lists every session whose probability reaches `session_threshold`.

A whole-corpus question asks the same thing of every session ("does this session state the
subject?"), but its labels differ from an ordinary question's (every session is labelled, most of
them 0) and so do the features that tell its sessions apart (the gap to the best session, the share
of the subject found in the session). The data file may therefore carry a second set of weights,
`sessions` (fitted on whole-corpus questions alone, with its own threshold): when present, a
whole-corpus question's sessions are judged by it (`session_probability`); otherwise by the main
weights. Those weights may read some features relative to the question (a session's share of the
best session's score) behind a gate on the raw features (is the subject in the corpus at all?):
see `SessionWeights`. (Ask and Trends list by `session_listing`'s own weights file when one is shipped
for the index's embedder, and by these `sessions` weights otherwise; none is shipped, so these
weights decide.)

The features (`FEATURES`, computed by `assistant.ask.session_features`) come from retrieval (dense
and keyword evidence of the session's best passage and of the session as a whole, its gap to the best
session, how many sessions clear the evidence floor, the BM25 score relative to the best) and from
the question against the session's sentences (the details asked and how well the session states
them; an exact identifier the session lacks). Nothing in them names a phrase: a new wording of a
question moves them only as far as its meaning moves retrieval.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import InputError

WEIGHTS_FILE = Path(__file__).with_name("data") / "answerability.json"
DEFAULT_EMBEDDER = "minilm"  # the embedder whose features WEIGHTS_FILE was fitted on

FEATURES = (
    "evidence",         # best chunk's evidence score (cosine + keyword coverage)
    "dense",            # best chunk's cosine similarity to the question
    "coverage",         # best chunk's keyword coverage of the question's subject (0..1)
    "session_coverage",  # share of the subject's terms found anywhere in the session (0..1)
    "common_coverage",  # share of its common (not proper-noun) terms in the best chunk; 1 when none
    "unknown_share",    # share of the subject's terms that no document of the corpus uses
    "bm25_share",       # the session's best BM25 score over the corpus's best (0..1)
    "gap",              # best session's evidence minus this session's
    "lead",             # best session's evidence minus the second session's (question-level)
    "clearing",         # share of the allowed sessions whose evidence clears the floor
    "asks_detail",      # 1 when the question asks for a detail (amount, count, date, person…)
    "detail_support",   # asked details' best sentence score in the session (0 if none), mean
    "detail_missing",   # share of the asked details that no sentence of the session states
    "detail_sentence_coverage",  # the detail sentences' own coverage of the subject (0..1), mean
    "detail_sentence_dense",  # the detail sentences' best cosine to the question, mean
    "question_dense",   # best chunk's cosine to the whole question (differs from `dense` for a
                        # whole-corpus question, which is scored on its subject)
    "identifier_missing",  # 1 when the question names an exact identifier the session lacks
    "detail_said_of_other",  # share of the asked details whose every stating sentence is said of
                             # another named thing than the question's (`said_of.names_other`)
    "year_unaligned",   # 1 when the question names an edition's year that is neither the session's
                        # year nor written in its best passage (`session_features.edition_unaligned`)
    "owner_unaligned",  # share of the question's owner names (rare names) that the session's sentence
                        # best speaking of the subject does not hold, when it names another owner
                        # (`owners.owner_unaligned`)
    "name_unheld",      # 1 when the question names something no indexed session holds at all
                        # (`session_features.name_unheld`; question-level)
)


@dataclass
class SessionWeights:
    """Logistic weights for a whole-corpus question's sessions, and the probability that lists one.

    `relative` names features (of FEATURES) that are also read relative to the question: each
    session's value over the best value among the question's sessions (1 for the session that
    holds the most of it). Raw scores shift with a question's wording (a long, indirect or
    misspelt question has lower cosines everywhere); their ratio within the question moves less,
    so which sessions stand out is read from the ratios. The weights then cover FEATURES followed
    by the ratios. A ratio cannot say whether the subject is in the corpus at all (some session
    always holds the most of it), so `gate`, weights on the raw features alone with their own
    threshold, decides that first: when no session of the question reaches the gate's threshold,
    every session's probability is 0 (nothing is listed).
    """

    weights: list[float]
    bias: float
    mean: list[float]
    scale: list[float]
    threshold: float = 0.5
    relative: tuple[str, ...] = ()
    gate: SessionWeights | None = None

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(session states the subject) for each row of raw feature values: the rows are one
        question's sessions, all of them (the ratios and the gate read them together)."""
        rows = np.atleast_2d(np.asarray(rows, dtype=np.float64))
        p = _logistic(with_ratios(rows, self.relative), self.weights, self.bias, self.mean, self.scale)
        if self.gate is not None and len(rows) and not bool(np.any(self.gate.probability(rows)
                                                                   >= self.gate.threshold)):
            return np.zeros(len(rows))
        return p

    def to_json(self) -> dict[str, object]:
        """The weights as the data file stores them (under `sessions`)."""
        return {"weights": [round(w, 6) for w in self.weights], "bias": round(self.bias, 6),
                "mean": [round(m, 6) for m in self.mean], "scale": [round(s, 6) for s in self.scale],
                "threshold": self.threshold,
                **({"relative": list(self.relative)} if self.relative else {}),
                **({"gate": self.gate.to_json()} if self.gate else {})}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionWeights:
        """Weights from the data file's `sessions` entry."""
        relative = tuple(data.get("relative") or ())
        unknown = [name for name in relative if name not in FEATURES]
        if unknown:
            raise InputError(f"answerability session weights read unknown features {unknown}: "
                             "rerun evals/calibrate_answerability.py")
        return cls([float(w) for w in data["weights"]], float(data["bias"]),
                   [float(m) for m in data["mean"]], [float(s) for s in data["scale"]],
                   float(data.get("threshold", 0.5)), relative,
                   cls.from_json(data["gate"]) if data.get("gate") else None)


def with_ratios(rows: np.ndarray, relative: tuple[str, ...]) -> np.ndarray:
    """The rows (one question's sessions × FEATURES) followed by the `relative` features as ratios
    to their best value among these sessions (0 where that best is not positive)."""
    if not relative:
        return rows
    columns = rows[:, [FEATURES.index(name) for name in relative]]
    best = columns.max(axis=0) if len(rows) else np.zeros(len(relative))
    ratios = np.divide(columns, best, out=np.zeros_like(columns), where=best > 1e-12)
    return np.hstack([rows, ratios])


def _logistic(rows: np.ndarray, weights: list[float], bias: float, mean: list[float],
              scale: list[float]) -> np.ndarray:
    rows = np.atleast_2d(np.asarray(rows, dtype=np.float64))
    z = (rows - np.asarray(mean)) / np.asarray(scale)
    return 1.0 / (1.0 + np.exp(-(z @ np.asarray(weights) + bias)))


@dataclass
class AnswerabilityModel:
    """Logistic weights over standardised features, with the two decision thresholds."""

    weights: list[float]
    bias: float
    mean: list[float]
    scale: list[float]
    answer_threshold: float = 0.5
    session_threshold: float = 0.5
    floor: float = 0.6
    # a detail counts as stated in a session only when a clause holding it has at least this cosine
    # with the question (what the figure or name is said of, read against what is asked); fitted
    detail_floor: float = 0.0
    features: tuple[str, ...] = FEATURES
    fitted_on: dict[str, object] = field(default_factory=dict)
    # the weights a whole-corpus question's sessions are judged by (None: the main weights)
    sessions: SessionWeights | None = None

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(session states it) for each row of raw feature values (n × len(features))."""
        return _logistic(rows, self.weights, self.bias, self.mean, self.scale)

    def session_probability(self, rows: np.ndarray) -> np.ndarray:
        """P(session states the subject) for a whole-corpus question's sessions: by the `sessions`
        weights when the file has them, else by the main weights."""
        return self.sessions.probability(rows) if self.sessions else self.probability(rows)

    @property
    def listing_threshold(self) -> float:
        """The probability at which a whole-corpus question lists a session."""
        return self.sessions.threshold if self.sessions else self.session_threshold

    def to_json(self) -> dict[str, object]:
        """The model as the data file stores it."""
        return {
            "features": list(self.features), "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6), "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale], "answer_threshold": self.answer_threshold,
            "session_threshold": self.session_threshold, "floor": self.floor,
            "detail_floor": self.detail_floor, "fitted_on": self.fitted_on,
            **({"sessions": self.sessions.to_json()} if self.sessions else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str = "") -> AnswerabilityModel:
        """A model from its data file's content; a file for other features is refused."""
        features = tuple(data.get("features") or ())
        if features != FEATURES:
            raise InputError(f"answerability weights {source} were fitted on features "
                             f"{list(features)}, not {list(FEATURES)}: "
                             "rerun evals/calibrate_answerability.py")
        return cls(
            weights=[float(w) for w in data["weights"]],
            bias=float(data["bias"]),
            mean=[float(m) for m in data["mean"]],
            scale=[float(s) for s in data["scale"]],
            answer_threshold=float(data.get("answer_threshold", 0.5)),
            session_threshold=float(data.get("session_threshold", 0.5)),
            floor=float(data.get("floor", 0.6)),
            detail_floor=float(data.get("detail_floor", 0.0)),
            fitted_on=dict(data.get("fitted_on") or {}),
            sessions=SessionWeights.from_json(data["sessions"]) if data.get("sessions") else None,
        )


def weights_file_for(embedder: str) -> Path:
    """The shipped weights fitted on this embedder's features (`data/answerability-<name>.json`,
    written by `evals/calibrate_answerability.py --embedder NAME`); MiniLM's, the default file, for
    the default embedder or one that has none: the features carry the embedder's cosine scale, so
    weights fitted on one embedder misread another's."""
    own = embedder_weights_file(embedder)
    return own if own.is_file() else WEIGHTS_FILE


def embedder_weights_file(embedder: str) -> Path:
    """Where the weights fitted on this embedder belong in the package (whether written or not)."""
    if embedder == DEFAULT_EMBEDDER:
        return WEIGHTS_FILE
    return WEIGHTS_FILE.with_name(f"answerability-{embedder}.json")


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> AnswerabilityModel:
    """The model in a weights file (default: the one shipped with the package)."""
    file = Path(path) if path else WEIGHTS_FILE
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read answerability weights {file}: {exc}; "
                         "run evals/calibrate_answerability.py to write them") from exc
    return AnswerabilityModel.from_json(data, str(file))


def fit_logistic(rows: np.ndarray, labels: np.ndarray, sample_weight: np.ndarray | None = None,
                 l2: float = 1.0, iterations: int = 50, offset: np.ndarray | None = None,
                 centred: bool = True) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """L2-regularised logistic regression by Newton's method on standardised features.

    Returns (weights, bias, mean, scale). The bias is not penalised; `sample_weight` lets a few
    positive sessions count as much as many negative ones. `offset` (one logit per row) is added to
    the linear term: the features fitted then only adjust a model already fitted on others.
    `centred=False` fits neither a mean nor a bias (both 0): a row whose features are all 0 keeps
    the offset's logit exactly, so features that are 0 for most rows move only the rows they mark.
    """
    x = np.asarray(rows, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    if x.ndim != 2 or len(x) != len(y) or not len(y):
        raise ValueError("fit_logistic needs an n × d matrix and n labels (n > 0)")
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    mean = x.mean(axis=0) if centred else np.zeros(x.shape[1])
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    # the bias column: all ones, or all zeros when no bias is fitted (its weight then stays 0)
    z = np.hstack([(x - mean) / scale, np.full((len(y), 1), 1.0 if centred else 0.0)])
    theta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    base = np.zeros(len(y)) if offset is None else np.asarray(offset, dtype=np.float64)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ theta + base, -30, 30)))
        gradient = z.T @ (sw * (p - y)) + penalty * theta
        hessian = (z * (sw * p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(theta))
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return theta[:-1], float(theta[-1]), mean, scale


def log_loss(p: np.ndarray, labels: np.ndarray) -> float:
    """Mean negative log-likelihood of labels under probabilities (for reports)."""
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-9, 1 - 1e-9)
    y = np.asarray(labels, dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))) if len(y) else math.nan
