"""Which sessions a whole-corpus question lists: the per-session decision, with its own weights.

A whole-corpus question ("which sessions discussed X?", "did any session…?") is answered by listing
every session that states its subject, and only those; Trends counts a theme's sessions by the same
decision. The answerability model's features (`session_features`) describe each session on its own
(its best passage's evidence, its coverage of the subject) and relative to the best session. This
module adds what only the whole distribution of sessions for one subject shows (`EXTRAS`):

- how far the session stands out from all the sessions for this subject (z-scores of its evidence,
  cosine and subject coverage against every session the filters allow);
- how many of its passages support the subject (not only its best one);
- whether it lies above the widest break in the sorted evidence (the gap structure);
- whether dense and keyword evidence agree on it (its rank by cosine and by keyword coverage).

Nothing in them names a phrase. Weights that read them are data (`data/session_listing.json`, or
`data/session_listing-<embedder>.json`), kept apart from the question-level weights of
`data/answerability.json`; the file says which EXTRAS its weights read (`ListingModel.extras`). None is
shipped: a refit on the EXTRAS (`evals/fit_session_listing.py`) lost recall on its held-out set
`evals/wholecorpus-s13`, so without a file the answerability model's own `sessions` weights decide
(a copy of them in a second file would drift from the first at the next refit). Ask and Trends list by
that same decision either way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.ask.answerability_model import (
    DEFAULT_EMBEDDER,
    FEATURES,
    AnswerabilityModel,
    SessionWeights,
    load_model,
    weights_file_for,
)
from assistant.ask.questions import required_names, topic
from assistant.ask.session_features import SessionScores, name_unheld, session_features
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.ask.search import Retriever, SearchFilters

LISTING_FILE = Path(__file__).with_name("data") / "session_listing.json"

EXTRAS = (
    "evidence_z",       # the session's best evidence as a z-score among the question's sessions
    "dense_z",          # its best cosine, likewise
    "coverage_z",       # its share of the subject's terms (session_coverage), likewise
    "supporting",       # log(1 + its passages whose evidence reaches SUPPORT_SHARE of the corpus best)
    "supporting_share",  # those passages over all the corpus's passages that reach it (0..1)
    "above_break",      # 1 when it lies above the widest gap of the sorted evidence (top BREAK_SPAN)
    "agreement",        # the lower of its rank percentiles by cosine and by keyword coverage (0..1)
    "best_z",           # the best session's evidence z-score (question-level: does anything stand out?)
    "dense_chunk_z",    # its best cosine as a z-score against the cosines of every passage allowed
    "best_dense_chunk_z",  # the best session's dense_chunk_z (question-level: does a passage stand
                           # out from the corpus for this subject, whatever words it uses?)
)
# the EXTRAS the gate (is the subject in the corpus at all?) may read: those that do not rank the
# question's sessions against each other (a ranking always has a first)
GATE_EXTRAS = ("dense_chunk_z", "best_dense_chunk_z")
SUPPORT_SHARE = 0.8  # a passage supports the subject at this share of the corpus's best evidence
BREAK_SPAN = 8  # the widest gap is looked for among the first sessions by evidence (a listing's size)
MIN_SPREAD = 0.02  # a z-score's spread is at least this (a question whose sessions all score alike)


def _z(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / max(float(values.std()), MIN_SPREAD) if len(values) else values


def _rank_share(values: np.ndarray) -> np.ndarray:
    """1 for the highest value, 0 for the lowest, evenly between (ties share the higher rank)."""
    n = len(values)
    if n < 2:
        return np.ones(n)
    above = np.array([(values > v).sum() for v in values], dtype=np.float64)
    return 1.0 - above / (n - 1)


def listing_extras(retriever: Retriever, query: str, filters: SearchFilters | None,
                   scores: SessionScores) -> np.ndarray:
    """The EXTRAS of each session of `scores` (a whole-corpus question's sessions, all the filters
    allow) for its subject `query` (`questions.topic`), one row per session, in `scores`' order."""
    n = len(scores.doc_ids)
    out = np.zeros((n, len(EXTRAS)))
    if not n:
        return out
    view = retriever.view()
    evidence, sims = retriever.evidence(query)
    coverage = evidence - sims
    mask = view.mask(filters)
    rows = np.arange(len(evidence)) if mask is None else np.flatnonzero(mask)
    best = float(evidence[rows].max()) if len(rows) else 0.0
    strong = rows[evidence[rows] >= SUPPORT_SHARE * best] if best > 0 else rows[:0]
    count = np.bincount(view.doc_codes[strong], minlength=len(view.doc_ids)).astype(np.float64)
    code = {doc: i for i, doc in enumerate(view.doc_ids)}
    codes = np.array([code[d] for d in scores.doc_ids])
    # each session's best keyword coverage of the subject (its best chunk by evidence may differ)
    keyword = np.full(len(view.doc_ids), -np.inf)
    np.maximum.at(keyword, view.doc_codes[rows], coverage[rows])
    session_evidence = scores.column("evidence")
    ordered = np.sort(session_evidence)[::-1]
    span = min(BREAK_SPAN, len(ordered) - 1)
    above = np.zeros(n)
    if span >= 1:
        gaps = ordered[:span] - ordered[1:span + 1]
        cut = ordered[int(np.argmax(gaps))]
        above = (session_evidence >= cut).astype(np.float64)
    evidence_z = _z(session_evidence)
    chunk_sims = sims[rows].astype(np.float64)
    dense_chunk_z = ((scores.column("dense") - chunk_sims.mean()) / max(float(chunk_sims.std()), MIN_SPREAD)
                     if len(rows) else np.zeros(n))
    values = {
        "evidence_z": evidence_z,
        "dense_z": _z(scores.column("dense")),
        "coverage_z": _z(scores.column("session_coverage")),
        "supporting": np.log1p(count[codes]),
        "supporting_share": count[codes] / max(1.0, float(len(strong))),
        "above_break": above,
        "agreement": np.minimum(_rank_share(scores.column("dense")), _rank_share(keyword[codes])),
        "best_z": np.full(n, float(evidence_z.max())),
        "dense_chunk_z": dense_chunk_z,
        "best_dense_chunk_z": np.full(n, float(dense_chunk_z.max())),
    }
    for j, name in enumerate(EXTRAS):
        out[:, j] = values[name]
    return out


@dataclass
class ListingModel:
    """The weights that list a whole-corpus question's sessions: a `SessionWeights` over FEATURES
    followed by the EXTRAS it reads (`extras`, in EXTRAS order; none for the shipped file) and its
    `relative` ratios after them, with its gate and threshold."""

    sessions: SessionWeights
    fitted_on: dict[str, Any]
    extras: tuple[str, ...] = ()

    @property
    def threshold(self) -> float:
        """The probability at which a session is listed."""
        return self.sessions.threshold

    def probability(self, rows: np.ndarray, extras: np.ndarray | None = None) -> np.ndarray:
        """P(session states the subject) for one question's sessions (all of them, read together):
        `rows` their FEATURES, `extras` every EXTRAS column (`listing_extras`; only needed when the
        weights read some)."""
        rows = np.atleast_2d(rows)
        if not self.extras:
            return self.sessions.probability(rows)
        if extras is None:
            raise ValueError("these listing weights read EXTRAS: pass listing_extras' columns")
        keep = [EXTRAS.index(name) for name in self.extras]
        return self.sessions.probability(np.hstack([rows, np.atleast_2d(extras)[:, keep]]))

    def to_json(self) -> dict[str, object]:
        """The model as its data file stores it."""
        return {"features": list(FEATURES), "extras": list(self.extras), "sessions": self.sessions.to_json(),
                "fitted_on": self.fitted_on}

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str = "") -> ListingModel:
        """A model from its data file; one fitted on other features (or on EXTRAS this module does
        not compute, or not in its order) is refused."""
        extras = tuple(data.get("extras") or ())
        if (tuple(data.get("features") or ()) != FEATURES
                or list(extras) != [name for name in EXTRAS if name in extras]):
            raise InputError(f"session listing weights {source} were fitted on other features: "
                             "rerun evals/fit_session_listing.py")
        return cls(SessionWeights.from_json(data["sessions"]), dict(data.get("fitted_on") or {}), extras)


def listing_file_for(embedder: str) -> Path:
    """Where the listing weights fitted on this embedder's features live (`data/session_listing.json`
    for the default embedder, `data/session_listing-<name>.json` for another)."""
    return LISTING_FILE if embedder == DEFAULT_EMBEDDER else LISTING_FILE.with_name(
        f"session_listing-{embedder}.json")


@lru_cache(maxsize=4)
def load_listing(path: str) -> ListingModel | None:
    """The listing model in a weights file, None when there is no such file."""
    file = Path(path)
    if not file.is_file():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read session listing weights {file}: {exc}") from exc
    return ListingModel.from_json(data, str(file))


@dataclass
class SessionDecision:
    """Per session of a whole-corpus question: the probability that it states the subject, and the
    probability at which a session is listed."""

    probability: np.ndarray
    threshold: float


def decide_sessions(retriever: Retriever, model: AnswerabilityModel, listing: ListingModel | None,
                    query: str, filters: SearchFilters | None,
                    scores: SessionScores) -> SessionDecision:
    """The listing decision for a whole-corpus question's sessions (`scores`, read on its subject
    `query`): by the listing model when there is one, else by the answerability model's `sessions`."""
    if not len(scores.rows):
        return SessionDecision(np.zeros(0), model.listing_threshold if listing is None else listing.threshold)
    if listing is None:
        return SessionDecision(model.session_probability(scores.rows), model.listing_threshold)
    extras = listing_extras(retriever, query, filters, scores) if listing.extras else None
    return SessionDecision(listing.probability(scores.rows, extras), listing.threshold)


def listing_for(retriever: Retriever) -> ListingModel | None:
    """The shipped listing model fitted on the retriever's embedder, if any."""
    return load_listing(str(listing_file_for(retriever.index.embedder.spec.name)))


def sessions_on_subject(retriever: Retriever, subject: str,
                        filters: SearchFilters | None = None) -> dict[str, float]:
    """The sessions a whole-corpus question on `subject` lists ("which sessions discussed X?"),
    with their probability: the one decision Ask and Trends share."""
    names = required_names(subject)
    if names and not retriever.sessions_with(names, filters) and name_unheld(retriever, subject):
        return {}  # a name no session holds in any form: no session discussed it (as Ask lists none)
    own = weights_file_for(retriever.index.embedder.spec.name)
    model = load_model(str(own))
    scores = session_features(retriever, subject, filters, floor=model.floor, aggregate=True)
    decision = decide_sessions(retriever, model, listing_for(retriever), topic(subject), filters, scores)
    return {doc: float(p) for doc, p in zip(scores.doc_ids, decision.probability, strict=True)
            if p >= decision.threshold}


__all__ = ["EXTRAS", "ListingModel", "SessionDecision", "decide_sessions", "listing_extras",
           "listing_for", "load_listing", "sessions_on_subject"]
