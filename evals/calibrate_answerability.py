"""Fits Ask's answerability model (assistant/ask/answerability_model.py) and reports it held out.

    .venv/bin/python evals/calibrate_answerability.py [--dev-home DIR] [--field-home DIR]
        [--field ../shared/fieldset] [--written evals/answerability/questions.jsonl]
        [--embedder NAME] [--multilingual FILE] [--embedding-model DIR] [--out FILE] [--json]

The model answers, for a (question, session) pair, "does this session state what the question
asks?". Each question of each set is prepared as Ask prepares it (organiser, year, dates and tags
turned into filters; `AskService.prepare`); the questions Ask answers without the model (from
metadata, from tags) are left out. For the others, the features of the candidate sessions
(`session_features`) are labelled:

- a whole-corpus question: its gold sessions 1, every other session 0;
- an ordinary answerable question: its gold sessions 1 (other sessions are not labelled: a
  session may well state the subject without being the one the question was written on);
- an unanswerable question: every candidate session 0 (a near miss's related session included:
  it covers the subject, not the detail).

Each question weighs the same in the fit (its positives share one half, its negatives the other).
The decision thresholds are chosen on the fitting sets: an ordinary question is answered when its
best session's probability reaches `answer_threshold` (fewest wrong decisions; of equally good
thresholds, the one nearest 0.5), a whole-corpus question lists the sessions whose probability
reaches `session_threshold`, 0.5 (more likely stated than not).

A detail the question asks (an amount, a count, a name…) counts as stated in a session only when a
clause holding a token of its kind has a cosine with the question of at least the model's
`detail_floor` (what the figure is said of, read against what is asked). The floor is chosen among
DETAIL_FLOORS (DETAIL_FLOORS_BY_EMBEDDER for an embedder of another cosine scale) on the fitting
sets, with the fewest wrong decisions on ordinary questions, a false refusal counting
FALSE_REFUSAL_COST. `--keep-weights FILE` keeps that file's weights and thresholds
and fits only the floor (how the shipped MiniLM file was made in issue 23: weights refitted on the
clause features failed the dev and field gates in sample).

Held-out figures: the sets (dev `evals/datasets`, field `../shared/fieldset`, and every question
file of `--written-dir`, `evals/answerability/*.jsonl` but detail_kinds.jsonl: `written`
(questions.jsonl), `figures`, `aggregate`, `fresh`, `nearmiss`, `ofwhat`, …) are held out in turn:
fitted on the others, reported on the one left out. The weights kept (`--out`, default the
package's data file) are fitted on all of them.

`--extend FILE` (how the shipped MiniLM and E5 files of issue 23's round 8 were made): the file's
weights, bias, answer threshold (`--keep-threshold`) and whole-corpus weights are kept, and only the
features FEATURES has beyond the file's are fitted, on top of the file's logit, neither centred nor
with a bias of their own, so a session they do not mark keeps the file's probability exactly.
`--drop NAMES` reads features as 0 (the same fit without them: main's model, held out alike);
`--cases-cache FILE` keeps the cases read (the slow part) for reruns of the fit.

The features do not depend on the embedder beyond its cosine scale, but that scale differs between
embedders: `--embedder NAME` (a name of assistant.corpus.embeddings.EMBEDDERS, e.g.
multilingual-e5-small) indexes both corpora with that embedder (its Ask thresholds included) and
writes `assistant/ask/data/answerability-NAME.json`, which Ask reads for an index built by that
embedder (settings.ask.answerability_weights, RAPPORTEUR_ASK__ANSWERABILITY_WEIGHTS, still wins).
With a multilingual embedder a fourth set joins: `evals/multilingual/questions.jsonl`, field
questions translated into French, Spanish and Arabic (run over the field corpus, their names put in
English first and judged without the common-word test, as Ask does). Being translations of field
questions, it is left out of the fit when the field set is held out, and the field set when it is.
A fifth, `multilingual-s6` (`--multilingual-written`, `evals/multilingual/questions-s6.jsonl`),
holds questions written in those languages over the field corpus (not translations): a set of its
own, held out like the English written sets.
`--embedding-model DIR` still points at another MiniLM-format folder.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.ask import service as qa  # noqa: E402
from assistant.ask.answerability_model import (  # noqa: E402
    DEFAULT_EMBEDDER,
    FEATURES,
    AnswerabilityModel,
    SessionWeights,
    embedder_weights_file,
    fit_logistic,
    log_loss,
    with_ratios,
)
from assistant.ask.language import question_language, with_english_names  # noqa: E402
from assistant.ask.search import SearchFilters  # noqa: E402
from assistant.ask.session_features import COLUMN, session_features  # noqa: E402
from assistant.config import load_settings  # noqa: E402
from assistant.corpus.embeddings import QUERY  # noqa: E402
from assistant.corpus.store import CorpusIndex  # noqa: E402
from assistant.evaluation.datasets import doc_key  # noqa: E402

# the evidence floor of the "clearing" feature on MiniLM's scale (the former whole-corpus floor). An
# index's own floor is its whole-corpus floor (`settings.ask.aggregate_floor`, which follows the
# embedder's scale: 1.05 for multilingual-e5-small). With 0.6 on E5's scale, where any passage of
# the corpus has evidence near 0.8 or more, every session cleared it and the feature read 1 for
# every question (issue 27, session 8: one of the reasons E5 refused fewer English near misses).
FLOOR = 0.6
L2 = 1.0
# A session is listed when the model finds it more likely than not to state the subject: the decision
# point of a calibrated probability for one session (not fitted; the answer threshold is, since the
# best of eight sessions' probabilities runs high).
SESSION_THRESHOLD = 0.5
GRID = [round(0.05 * i, 2) for i in range(1, 20)]
# candidate detail floors (the cosine a clause holding an asked figure, date or name must have with
# the question for the detail to count as stated); 0 reads every such clause as stating it
DETAIL_FLOORS = (0.0, 0.35, 0.4, 0.45, 0.5)
# the same candidates on another embedder's cosine scale: multilingual-e5-small puts any two texts
# of one subject near 0.8 (its Ask refusal threshold sits ~0.2 above MiniLM's), so its grid spans
# the upper part of that scale
DETAIL_FLOORS_BY_EMBEDDER: dict[str, tuple[float, ...]] = {
    "multilingual-e5-small": (0.0, 0.78, 0.8, 0.82, 0.84, 0.86, 0.88),
}
# in choosing the detail floor, a refused answerable question counts this many wrong answers to a near
# miss: a refusal hides what the corpus holds, a near miss answered still quotes the sessions on it
FALSE_REFUSAL_COST = 2.0
# features a whole-corpus question's sessions are also read by as ratios to the question's best session
# (issue 23, round 10): chosen among ratio sets with each written set held out in turn (see the
# README of evals/answerability); () fits the former one-stage weights
SESSION_RELATIVE = ("evidence", "session_coverage", "question_dense", "dense")
# files of the written-sets folder that are not question sets (labels of another model)
WRITTEN_NOT_QUESTIONS = frozenset({"detail_kinds.jsonl"})
# sets written as translations of another set's questions: never fitted on while the other is held out
TRANSLATED_FROM = {"multilingual": "field"}
# question sets held in other folders, fitted on like the written sets (issue 23, session 13: every set
# we hold is training data once it has been reported held out): name -> path from the repository root
EXTRA_SETS = {"heldout-s12": "evals/answerability/heldout-s12/questions.jsonl",
              "ask-heldout": "evals/ask-heldout/questions.jsonl",
              "ask-heldout-s13": "evals/ask-heldout-s13/questions.jsonl",
              "ask-kinds-s13": "evals/ask-kinds-s13/questions.jsonl",
              "wholecorpus-s13": "evals/wholecorpus-s13/questions.jsonl"}


@dataclass
class Case:
    """One question's candidate sessions with their features and labels (None: not labelled)."""

    set_name: str
    row: dict[str, Any]
    aggregate: bool
    doc_ids: list[str]
    features: np.ndarray
    labels: list[int | None]
    cross_lingual: bool = False
    clearing_floor: float = FLOOR  # the evidence floor its "clearing" feature was read at

    @property
    def answerable(self) -> bool:
        return self.row["type"] != "unanswerable"

    @property
    def gold(self) -> set[str]:
        return {doc_key(g) for g in self.row.get("gold_docs") or []}


def open_index(home: str | None, corpus: Path, embedding_model: str | None,
               embedder: str | None = None) -> CorpusIndex:
    """The index at `home` (made and filled when empty), or `corpus` indexed into a temporary home."""
    settings = load_settings(home=home or tempfile.mkdtemp(prefix="rapporteur-cal-"),
                             embedding_model=embedding_model, embedder=embedder)
    index = CorpusIndex(settings)
    index.ingest([corpus])
    return index


def remember_vectors(index: CorpusIndex) -> None:
    """Make the index's embedder remember every text it embeds (by mode): the cases are prepared
    once per candidate detail floor, and only the floor differs between those passes, so the
    questions and clauses are embedded once (multilingual-e5-small embeds ~35 texts a second)."""
    embedder = index.embedder
    encode = embedder.encode
    seen: dict[tuple[str, str], np.ndarray] = {}

    def remembered(texts: list[str], batch_size: int | None = None, mode: str = QUERY) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if (mode, t) not in seen]
        if missing:
            vectors = encode(missing, batch_size, mode=mode)
            seen.update(zip(((mode, t) for t in missing), vectors, strict=True))
        if not texts:
            return encode(texts, batch_size, mode=mode)
        return np.stack([seen[(mode, t)] for t in texts])

    embedder.encode = remembered  # type: ignore[method-assign]


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The questions of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def case_of(set_name: str, service: qa.AskService, row: dict[str, Any],
            detail_floor: float = 0.0, floor: float = FLOOR) -> Case | None:
    """The question's candidate sessions and labels, or None when Ask decides it without the model."""
    text = row["question"]
    lang = question_language(text, service.index.embedder.spec.multilingual)
    if lang is not None:  # as AskService.stream reads a question in another language
        text = with_english_names(text, lang)
    prepared = service.prepare(text, SearchFilters())
    if isinstance(prepared, qa._Plan):
        return None
    question, filters, aggregate, by_metadata = prepared
    if aggregate and by_metadata:
        return None
    scores = session_features(service.retriever, question, filters, floor=floor, aggregate=aggregate,
                              limit=None if aggregate else qa.CANDIDATE_SESSIONS,
                              detail_sessions=qa.DETAIL_SESSIONS, detail_floor=detail_floor)
    gold = {doc_key(g) for g in row.get("gold_docs") or []}
    labels: list[int | None] = []
    for doc in scores.doc_ids:
        if row["type"] == "unanswerable":
            labels.append(0)
        elif aggregate:
            labels.append(int(doc in gold))
        else:
            labels.append(1 if doc in gold else None)
    return Case(set_name, row, aggregate, scores.doc_ids, scores.rows, labels,
                service.retriever.cross_lingual(question), floor)


def training_matrix(cases: list[Case]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labelled rows, labels and weights (each question weighs one, halves for its two labels)."""
    xs, ys, ws = [], [], []
    for case in cases:
        labelled = [(x, y) for x, y in zip(case.features, case.labels, strict=True) if y is not None]
        positives = sum(y for _, y in labelled)
        negatives = len(labelled) - positives
        for x, y in labelled:
            share = 1.0 if not positives or not negatives else 0.5
            xs.append(x)
            ys.append(y)
            ws.append(share / (positives if y else negatives))
    return np.array(xs), np.array(ys, dtype=float), np.array(ws)


def decide(cases: list[Case], model: AnswerabilityModel) -> dict[str, Any]:
    """Question-level figures of a model: refusals, false refusals, whole-corpus precision/recall."""
    refused_unanswerable: list[bool] = []
    false_refusals: list[bool] = []
    precision: list[float] = []
    recall: list[float] = []
    for case in cases:
        if case.aggregate:
            listed = listed_sessions(case, model)
            refused = not listed
            if case.answerable and case.gold:
                found = listed & case.gold
                recall.append(len(found) / len(case.gold))
                precision.append(len(found) / len(listed) if listed else 0.0)
        else:
            refused = ordinary_refused(case, model, model.answer_threshold)
        (false_refusals if case.answerable else refused_unanswerable).append(refused)
    return {
        "unanswerable_refused": _mean(refused_unanswerable),
        "unanswerable_n": len(refused_unanswerable),
        "answerable_refused": _mean(false_refusals),
        "answerable_n": len(false_refusals),
        "aggregate_recall": _mean(recall),
        "aggregate_precision": _mean(precision),
        "aggregate_n": len(recall),
    }


def listed_sessions(case: Case, model: AnswerabilityModel, threshold: float | None = None) -> set[str]:
    """The sessions Ask lists for a whole-corpus question (`AskService._plan_aggregate`)."""
    if not len(case.features):
        return set()
    cut = model.listing_threshold if threshold is None else threshold
    p = model.session_probability(case.features)
    return {d for d, q in zip(case.doc_ids, p, strict=True) if q >= cut}


def listing_score(case: Case, listed: set[str]) -> float:
    """How right one whole-corpus question's list is: F1 of the listed against the gold sessions (an
    unanswerable question: 1 when nothing is listed, else 0)."""
    if not case.answerable:
        return 0.0 if listed else 1.0
    found = len(listed & case.gold)
    return 2 * found / (len(listed) + len(case.gold)) if listed or case.gold else 1.0


def fit_sessions(cases: list[Case], relative: tuple[str, ...] = SESSION_RELATIVE) -> SessionWeights | None:
    """The weights a whole-corpus question's sessions are judged by, fitted on whole-corpus questions
    alone (every session labelled: gold 1, others 0; an unanswerable one's all 0; each question
    weighs the same), with the listing threshold of the best mean `listing_score` on them (of equally
    good thresholds, the one nearest 0.5). None when the sets hold no whole-corpus question.

    With `relative` features (SESSION_RELATIVE) it is fitted in two stages: a gate on the raw
    features (its threshold chosen as above: does any session state the subject?), then weights on
    the raw features and the `relative` ones as ratios within the question, their listing threshold
    chosen behind the gate."""
    aggregate = [c for c in cases if c.aggregate and len(c.features)]
    if not aggregate:
        return None
    gate = _fit_listing(aggregate, (), None)
    return _fit_listing(aggregate, relative, gate) if relative else gate


def _fit_listing(aggregate: list[Case], relative: tuple[str, ...],
                 gate: SessionWeights | None) -> SessionWeights:
    """One stage of `fit_sessions`: logistic weights on FEATURES (and `relative` as ratios within each
    question) and the listing threshold of the best mean `listing_score`, behind `gate` if given."""
    x, y, w = training_matrix([replace(c, features=with_ratios(c.features, relative)) for c in aggregate])
    weights, bias, mean, scale = fit_logistic(x, y, w, l2=L2)
    sessions = SessionWeights([float(v) for v in weights], bias, [float(v) for v in mean],
                              [float(v) for v in scale], relative=relative, gate=gate)
    model = AnswerabilityModel([0.0] * len(FEATURES), 0.0, [0.0] * len(FEATURES), [1.0] * len(FEATURES),
                               sessions=sessions)
    quality = {t: statistics.mean(listing_score(c, listed_sessions(c, model, t)) for c in aggregate)
               for t in GRID}
    best = max(quality.values())
    sessions.threshold = min((t for t, q in quality.items() if q >= best - 1e-9),
                             key=lambda t: (abs(t - 0.5), t))
    return sessions


def ordinary_refused(case: Case, model: AnswerabilityModel, threshold: float) -> bool:
    """Ask's decision on an ordinary question (`AskService._answerable`) at this threshold."""
    if not len(case.features):
        return True
    likely = model.probability(case.features) >= threshold
    if case.cross_lingual:
        return not bool(np.any(likely))
    return not bool(np.any(likely & (case.features[:, COLUMN["common_coverage"]] > 0)))


def fit(cases: list[Case], fitted_on: list[str]) -> AnswerabilityModel:
    """The model fitted on these cases, with its two thresholds chosen on them."""
    x, y, w = training_matrix(cases)
    weights, bias, mean, scale = fit_logistic(x, y, w, l2=L2)
    model = AnswerabilityModel([float(v) for v in weights], bias, [float(v) for v in mean],
                               [float(v) for v in scale],
                               floor=clearing_floor(cases),
                               fitted_on={"sets": fitted_on, "questions": len(cases), "sessions": len(y),
                                          "l2": L2})
    choose_answer_threshold(model, cases)
    model.session_threshold = SESSION_THRESHOLD
    return model


def extend(cases: list[Case], fitted_on: list[str], base: dict[str, Any],
           keep_threshold: bool = False) -> AnswerabilityModel:
    """A model whose first features keep the weights of `base` (a weights file's content, fitted on
    fewer features: a prefix of FEATURES) and whose other features are fitted on these cases on top of
    it (the base's logit as an offset; their weights only, neither centred nor with a bias of their
    own, so that a session they do not mark keeps the base's probability), with the answer
    threshold chosen as `fit` chooses it (`keep_threshold`: the base's). The whole-corpus weights are
    the base's (the added features are details, which a whole-corpus question never asks)."""
    known = len(base["features"])
    if tuple(base["features"]) != FEATURES[:known]:
        raise SystemExit("--extend: the file's features must be the first of FEATURES")
    x, y, w = training_matrix(cases)
    old_w, old_b = np.array(base["weights"], dtype=float), float(base["bias"])
    old_mean, old_scale = np.array(base["mean"], dtype=float), np.array(base["scale"], dtype=float)
    offset = ((x[:, :known] - old_mean) / old_scale) @ old_w + old_b
    # the added features are read as they are (not centred) and the bias is the base's: a session
    # they do not mark (0) keeps the base model's probability exactly
    added, shift, mean, scale = fit_logistic(x[:, known:], y, w, l2=L2, offset=offset, centred=False)
    model = AnswerabilityModel([*map(float, old_w), *map(float, added)], old_b + shift,
                               [*map(float, old_mean), *map(float, mean)],
                               [*map(float, old_scale), *map(float, scale)],
                               floor=clearing_floor(cases),
                               fitted_on={"sets": fitted_on, "questions": len(cases),
                                                       "sessions": len(y), "l2": L2,
                                                       "extended": {"features": list(FEATURES[known:]),
                                                                    "base": base.get("fitted_on")}})
    sessions = base.get("sessions")
    if sessions:  # the base's whole-corpus weights, the added features (never read there) weighing 0
        model.sessions = padded_sessions(sessions, known)
    if keep_threshold:
        model.answer_threshold = float(base["answer_threshold"])
    else:
        choose_answer_threshold(model, cases)
    return model


def padded_sessions(sessions: dict[str, Any], known: int) -> SessionWeights:
    """A weights file's whole-corpus weights (`sessions`, fitted on the first `known` of FEATURES)
    read on all of FEATURES: the added features weigh 0, put where they belong, after the first
    `known` and before the ratios of the `relative` features; its gate and listing threshold kept."""
    pad = len(FEATURES) - known

    def at(values: list[float], fill: float) -> list[float]:
        return [*map(float, values[:known]), *[fill] * pad, *map(float, values[known:])]

    gate = sessions.get("gate")
    return SessionWeights(at(sessions["weights"], 0.0), float(sessions["bias"]), at(sessions["mean"], 0.0),
                          at(sessions["scale"], 1.0), float(sessions.get("threshold", 0.5)),
                          tuple(sessions.get("relative") or ()),
                          padded_sessions(gate, known) if gate else None)


def clearing_floor(cases: list[Case]) -> float:
    """The evidence floor the cases' "clearing" feature was read at (one for all of them)."""
    floors = {c.clearing_floor for c in cases}
    if len(floors) > 1:
        raise SystemExit(f"cases read at several clearing floors {sorted(floors)}: remove the cases cache")
    return floors.pop() if floors else FLOOR


def choose_answer_threshold(model: AnswerabilityModel, cases: list[Case]) -> None:
    """The answer threshold of the fewest wrong decisions on the ordinary questions (of equally good
    thresholds, the one nearest 0.5, where a calibrated model says "as likely stated as not": the
    ends of a flat range are fitted to few questions)."""
    ordinary = [c for c in cases if not c.aggregate]
    errors = {}
    for t in GRID:
        model.answer_threshold = t
        errors[t] = sum(ordinary_refused(c, model, t) == c.answerable for c in ordinary)
    best = min(errors.values())
    model.answer_threshold = min((t for t, e in errors.items() if e == best), key=lambda t: (abs(t - 0.5), t))


def floor_cost(cases: list[Case], model: AnswerabilityModel) -> float:
    """Wrong decisions on ordinary questions, a false refusal counting FALSE_REFUSAL_COST."""
    return sum((FALSE_REFUSAL_COST if c.answerable else 1.0)
               for c in cases if not c.aggregate
               and ordinary_refused(c, model, model.answer_threshold) == c.answerable)


def fit_with_floor(by_floor: dict[float, dict[str, list[Case]]], used: list[str],
                   weights: AnswerabilityModel | None,
                   base: dict[str, Any] | None = None, keep_threshold: bool = False,
                   relative: tuple[str, ...] = SESSION_RELATIVE,
                   list_by_main: bool = False) -> AnswerabilityModel:
    """The model of the detail floor with the lowest `floor_cost` on the sets `used` (the lowest floor
    of equal cost): fitted at that floor, or `weights` (kept as given) with only the floor chosen."""
    best: tuple[float, float, AnswerabilityModel] | None = None
    for detail_floor, cases in by_floor.items():
        fitted = [c for name in used for c in cases[name]]
        if base is not None:
            model = extend(fitted, used, base, keep_threshold)
            model.detail_floor = detail_floor
        else:
            model = (fit(fitted, used) if weights is None
                     else replace(weights, fitted_on=dict(weights.fitted_on)))
            model.detail_floor = detail_floor
            model.sessions = None if list_by_main else fit_sessions(fitted, relative)
        cost = floor_cost(fitted, model)
        if best is None or cost < best[0]:
            best = (cost, detail_floor, model)
    assert best is not None
    return best[2]


def with_kept_sessions(model: AnswerabilityModel, kept: dict[str, Any]) -> AnswerabilityModel:
    """The model with another weights file's whole-corpus weights (`sessions`) as they are, so that a
    refit of the ordinary weights leaves whole-corpus listing to the file's (issue 23, session 13: it
    belongs to another fit). The file must have been fitted on the same FEATURES and hold `sessions`."""
    if tuple(kept.get("features") or ()) != FEATURES or not kept.get("sessions"):
        raise SystemExit("--keep-sessions: the file must hold `sessions` fitted on the same FEATURES")
    return replace(model, sessions=SessionWeights.from_json(kept["sessions"]),
                   fitted_on={**model.fitted_on, "sessions_kept_from": kept.get("fitted_on", {}).get("sets")})


def zero_weight_reasons(model: AnswerabilityModel, cases: list[Case], dropped: list[str],
                        clearing_floors: dict[str, float]) -> dict[str, str]:
    """Why each feature the kept model weighs 0 carries no weight: read as 0 (`--drop`), or the
    same value on every labelled session it was fitted on (a constant gives a fit nothing to weigh;
    `clearing` is one when its floor lies below every session's evidence on the embedder's scale)."""
    rows = [c.features for c in cases if len(c.features)]
    values = np.vstack(rows) if rows else np.zeros((0, len(FEATURES)))
    reasons: dict[str, str] = {}
    for column, (name, weight) in enumerate(zip(FEATURES, model.weights, strict=True)):
        if weight != 0.0:
            continue
        if name in dropped:
            reasons[name] = "read as 0 (--drop): the fit without it"
        elif len(values) and float(np.ptp(values[:, column])) < 1e-9:
            at = (f" at the clearing floor {sorted(set(clearing_floors.values()))}"
                  if name == "clearing" else "")
            reasons[name] = (f"constant ({float(values[0, column]):g}) on every session fitted on{at}: "
                             "nothing to weigh")
        else:
            reasons[name] = "fitted to 0"
    return reasons


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev-home", help="a home for the indexed dev corpus (evals/datasets/corpus)")
    parser.add_argument("--field-home", help="a home for the indexed field corpus")
    parser.add_argument("--field", default=str(REPO.parent / "shared" / "fieldset"),
                        help="the field set folder")
    parser.add_argument("--written-dir", default=str(REPO / "evals" / "answerability"),
                        help="a folder of question sets written for the model: every *.jsonl in it but "
                             "detail_kinds.jsonl is a set of its own (named by its file; questions.jsonl "
                             "is `written`), held out in turn like dev and field")
    parser.add_argument("--embedder",
                        help="a registered embedder name (default: settings, RAPPORTEUR_EMBEDDER)")
    parser.add_argument("--multilingual", default=str(REPO / "evals" / "multilingual" / "questions.jsonl"),
                        help="field questions in other languages (used with a multilingual embedder)")
    parser.add_argument("--multilingual-written",
                        default=str(REPO / "evals" / "multilingual" / "questions-s6.jsonl"),
                        help="questions written in other languages over the field corpus, not translations "
                             "(a set of its own, `multilingual-s6`, used with a multilingual embedder)")
    parser.add_argument("--embedding-model", help="an embedding model folder (default: the shipped one)")
    parser.add_argument("--out", help="where to write the weights (JSON; default: the package's data file "
                        "for the embedder)")
    parser.add_argument("--keep-weights", help="a weights file whose weights and thresholds are kept: "
                        "only the detail floor is fitted (held out like the rest)")
    parser.add_argument("--detail-floors", help="candidate detail floors, comma-separated (default: "
                        "DETAIL_FLOORS_BY_EMBEDDER's for the embedder, else DETAIL_FLOORS); `0` alone "
                        "measures a model without the floor")
    parser.add_argument("--extend", help="a weights file fitted on the first features of FEATURES: its "
                        "weights, bias and whole-corpus weights are kept and the features it lacks are "
                        "fitted on top of it (held out like the rest)")
    parser.add_argument("--cases-cache", help="a file keeping the cases read (features of every question's "
                        "sessions): read from it when it exists, written otherwise; remove it after a "
                        "change to the features or the sets")
    parser.add_argument("--keep-threshold", action="store_true", help="with --extend: keep the file's "
                        "answer threshold rather than choosing one on the fitting sets")
    parser.add_argument("--drop", default="", help="features (comma-separated names of FEATURES) read as "
                        "0 everywhere: the same fit without them, to measure what they add held out")
    parser.add_argument("--session-relative", default=",".join(SESSION_RELATIVE),
                        help="features a whole-corpus question's sessions are also read by as ratios to "
                             "the question's best (comma-separated names of FEATURES; '' for none: the "
                             "one-stage weights of rounds 4-9)")
    parser.add_argument("--clearing-floor", type=float, help="the evidence floor of the clearing feature "
                        "(default: the index's whole-corpus floor, settings.ask.aggregate_floor: 0.6 for "
                        "MiniLM, the embedder's own for another)")
    parser.add_argument("--list-by-main-weights", dest="list_by_main", action="store_true",
                        help="fit no `sessions` weights: whole-corpus questions list the sessions the main "
                        "weights find likely (how the E5 file is fitted: held out, its main weights list "
                        "more of the gold sessions than whole-corpus weights fitted on 43 questions)")
    parser.add_argument("--no-extra-sets", action="store_true", help="fit without EXTRA_SETS (the question "
                        "sets of other folders: evals/answerability/heldout-s12, evals/ask-heldout)")
    parser.add_argument("--report-only", action="append", default=[], metavar="FILE",
                        help="a question file (field corpus unless a row says `corpus`) reported held out "
                             "by the model fitted on every other set and never fitted on: a set written "
                             "before a change, to measure it (repeatable; named by its folder)")
    parser.add_argument("--fit-also", action="append", default=[], metavar="FILE",
                        help="a question file (field corpus unless a row says `corpus`) fitted on and held "
                             "out in turn like the written sets, named by its folder (repeatable): the "
                             "independent sets of evals/indep-s14 (ask-A/B/C; ml-A/B with a multilingual "
                             "embedder)")
    parser.add_argument("--keep-sessions", metavar="FILE", help="a weights file whose whole-corpus weights "
                        "(`sessions`) the written file keeps as they are (fitted on the same FEATURES)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    field_dir = Path(args.field)
    indexes = {
        "dev": open_index(args.dev_home, REPO / "evals" / "datasets" / "corpus", args.embedding_model,
                          args.embedder),
        "field": open_index(args.field_home, field_dir / "corpus", args.embedding_model, args.embedder),
    }
    spec = indexes["field"].embedder.spec
    for index in indexes.values():
        remember_vectors(index)
    services = {name: qa.AskService(index, index.settings) for name, index in indexes.items()}
    sets: dict[str, list[tuple[str, dict[str, Any]]]] = {
        "dev": [("dev", r) for r in read_rows(REPO / "evals" / "datasets" / "questions.jsonl")],
        "field": [("field", r) for r in read_rows(field_dir / "questions.jsonl")],
    }
    for path in sorted(Path(args.written_dir).glob("*.jsonl")):
        if path.name in WRITTEN_NOT_QUESTIONS:
            continue
        name = "written" if path.stem == "questions" else path.stem
        sets[name] = [(r.get("corpus", "field"), r) for r in read_rows(path)]
    if not args.no_extra_sets:
        for name, relative in EXTRA_SETS.items():
            sets[name] = [(r.get("corpus", "field"), r) for r in read_rows(REPO / relative)]
    for f in args.fit_also:
        sets[Path(f).parent.name] = [(r.get("corpus", "field"), r) for r in read_rows(Path(f))]
    report_only = {Path(f).parent.name: [(r.get("corpus", "field"), r) for r in read_rows(Path(f))]
                   for f in args.report_only}
    sets.update(report_only)
    multilingual = Path(args.multilingual)
    if spec.multilingual and multilingual.exists():
        sets["multilingual"] = [("field", r) for r in read_rows(multilingual)]
    written_abroad = Path(args.multilingual_written)
    if spec.multilingual and written_abroad.exists():
        sets["multilingual-s6"] = [("field", r) for r in read_rows(written_abroad)]
    floors = (tuple(sorted(float(f) for f in args.detail_floors.split(","))) if args.detail_floors
              else DETAIL_FLOORS_BY_EMBEDDER.get(spec.name, DETAIL_FLOORS))
    # the "clearing" feature's floor: each index's whole-corpus floor, on its embedder's scale
    floors_of = {name: (args.clearing_floor if args.clearing_floor is not None
                        else index.settings.ask.aggregate_floor) for name, index in indexes.items()}
    cache = Path(args.cases_cache) if args.cases_cache else None
    by_floor: dict[float, dict[str, list[Case]]] = {}
    if cache is not None and cache.exists():
        by_floor = pickle.loads(cache.read_bytes())  # a file this script wrote
    for detail_floor in floors:
        by_floor.setdefault(detail_floor, {})
        for name, rows in sets.items():
            if name in by_floor[detail_floor]:  # read before (a set added since is read now)
                continue
            found = [case_of(name, services[corpus], row, detail_floor, floors_of[corpus])
                     for corpus, row in rows]
            by_floor[detail_floor][name] = [c for c in found if c is not None]
        print(f"cases read at detail floor {detail_floor}", file=sys.stderr, flush=True)
    by_floor = {f: by_floor[f] for f in floors}
    if cache is not None:
        cache.write_bytes(pickle.dumps(by_floor))
    dropped = [COLUMN[name] for name in args.drop.split(",") if name]
    for groups in by_floor.values():
        for group in groups.values():
            for case in group:
                if len(case.features):
                    case.features[:, dropped] = 0.0
    kept_weights = None
    if args.keep_weights:
        kept_weights = AnswerabilityModel.from_json(json.loads(Path(args.keep_weights).read_text("utf-8")))
    base = json.loads(Path(args.extend).read_text("utf-8")) if args.extend else None
    relative = tuple(name for name in args.session_relative.split(",") if name)
    unknown = [name for name in relative if name not in FEATURES]
    if unknown:
        parser.error(f"--session-relative: {unknown} are not features (see FEATURES)")
    cases = by_floor[floors[0]]
    report: dict[str, Any] = {"features": list(FEATURES), "held_out": {}}
    fitted_sets = [n for n in cases if n not in report_only]
    for held in cases:
        used = [n for n in fitted_sets if n != held
                and held != TRANSLATED_FROM.get(n) and n != TRANSLATED_FROM.get(held)]
        model = fit_with_floor(by_floor, used, kept_weights, base, args.keep_threshold, relative,
                               args.list_by_main)
        held_cases = by_floor[model.detail_floor][held]
        labelled = [(x, y) for c in held_cases
                    for x, y in zip(c.features, c.labels, strict=True) if y is not None]
        p = model.probability(np.array([x for x, _ in labelled])) if labelled else np.zeros(0)
        report["held_out"][held] = {
            "fitted_on": used,
            "thresholds": {"answer": model.answer_threshold, "session": model.session_threshold,
                           "listing": model.listing_threshold,
                           "detail_floor": model.detail_floor},
            "log_loss": round(log_loss(p, np.array([y for _, y in labelled])), 3),
            **decide(held_cases, model),
            "main_weights": decide([c for c in held_cases if c.aggregate], replace(model, sessions=None)),
        }
    final = fit_with_floor(by_floor, fitted_sets, kept_weights, base, args.keep_threshold, relative,
                           args.list_by_main)
    if kept_weights is not None:
        final.fitted_on["detail_floor_sets"] = fitted_sets
        if final.sessions is not None:  # the whole-corpus weights are fitted here, on every set
            final.fitted_on["session_sets"] = fitted_sets
            final.fitted_on["session_relative"] = list(relative)
    if args.keep_sessions:
        final = with_kept_sessions(final, json.loads(Path(args.keep_sessions).read_text("utf-8")))
    everything = [c for name in fitted_sets for c in by_floor[final.detail_floor][name]]
    if spec.name != DEFAULT_EMBEDDER:  # MiniLM's file stays as it was
        final.fitted_on["embedder"] = spec.name
    zero = zero_weight_reasons(final, everything, args.drop.split(","), floors_of)
    if zero:  # a feature read at weight 0 says why (tests/unit/test_answerability_model.py reads it)
        final.fitted_on["zero_weights"] = zero
    report["kept"] = {**final.to_json(), "in_sample": decide(everything, final)}
    out = Path(args.out) if args.out else embedder_weights_file(spec.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(final.to_json(), indent=1) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{'held out':<12} {'fitted on':<26} {'unans. refused':>14} {'ans. refused':>12} "
              f"{'agg. recall':>11} {'agg. precision':>14} {'log loss':>8} {'floor':>5} "
              f"{'listing at':>10} {'main weights: agg. recall / precision':>38}")
        for held, figures in report["held_out"].items():
            main = figures["main_weights"]
            print(f"{held:<12} {'+'.join(figures['fitted_on']):<26} "
                  f"{_rate(figures['unanswerable_refused'], figures['unanswerable_n']):>14} "
                  f"{_rate(figures['answerable_refused'], figures['answerable_n']):>12} "
                  f"{_rate(figures['aggregate_recall'], figures['aggregate_n']):>11} "
                  f"{_rate(figures['aggregate_precision'], figures['aggregate_n']):>14} "
                  f"{figures['log_loss']:>8} {figures['thresholds']['detail_floor']:>5} "
                  f"{figures['thresholds']['listing']:>10} "
                  f"{_rate(main['aggregate_recall'], main['aggregate_n']):>26} / "
                  f"{_rate(main['aggregate_precision'], main['aggregate_n'])}")
        print(f"kept (fitted on all): thresholds answer={final.answer_threshold} "
              f"session={final.session_threshold} listing={final.listing_threshold} "
              f"detail floor={final.detail_floor}; "
              f"weights: " + ", ".join(f"{n}={w:+.2f}" for n, w in zip(FEATURES, final.weights, strict=True)))
        print(f"written to {out}")
    return 0


def _mean(values: list[Any]) -> float | None:
    return round(float(statistics.mean(values)), 3) if values else None


def _rate(value: float | None, n: int) -> str:
    return "—" if value is None else f"{value:.2f} (n={n})"


if __name__ == "__main__":
    raise SystemExit(main())
