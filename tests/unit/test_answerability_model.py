"""The answerability model: a logistic fit that can fail, weights read from data, a clear error for
weights fitted on other features."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.ask.answerability_model import (
    FEATURES,
    WEIGHTS_FILE,
    AnswerabilityModel,
    SessionWeights,
    embedder_weights_file,
    fit_logistic,
    load_model,
    log_loss,
    weights_file_for,
    with_ratios,
)
from assistant.errors import InputError


def test_fit_logistic_recovers_the_informative_feature() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(400, 3))
    y = (x[:, 1] + 0.1 * rng.normal(size=400) > 0).astype(float)  # only column 1 decides
    weights, bias, mean, scale = fit_logistic(x, y, l2=0.1)
    assert abs(weights[1]) > 5 * max(abs(weights[0]), abs(weights[2]))
    model = AnswerabilityModel(list(weights), bias, list(mean), list(scale), features=("a", "b", "c"))
    p = model.probability(x)
    assert ((p >= 0.5) == (y == 1)).mean() > 0.95
    assert log_loss(p, y) < 0.2


def test_sample_weights_shift_the_decision() -> None:
    x = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([0.0, 1.0, 0.0, 1.0])
    light = fit_logistic(x, y, np.array([1.0, 1.0, 1.0, 1.0]))[1]
    heavy = fit_logistic(x, y, np.array([1.0, 10.0, 1.0, 10.0]))[1]
    assert heavy > light  # weighting the positives raises the intercept


def test_fit_logistic_refuses_mismatched_input() -> None:
    with pytest.raises(ValueError):
        fit_logistic(np.zeros((3, 2)), np.zeros(2))


def test_the_shipped_weights_match_the_features() -> None:
    model = load_model()
    assert len(model.weights) == len(model.mean) == len(model.scale) == len(FEATURES)
    assert 0.0 < model.answer_threshold < 1.0 and 0.0 < model.session_threshold < 1.0
    assert model.fitted_on.get("sets")  # says what it was fitted on


def test_weights_for_other_features_are_refused_with_what_to_do(tmp_path: Path) -> None:
    data = load_model().to_json()
    data["features"] = ["evidence", "something_else"]
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="calibrate_answerability"):
        load_model(str(path))


def test_a_missing_weights_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="calibrate_answerability"):
        load_model(str(tmp_path / "absent.json"))


def test_round_trip_through_json_keeps_the_probabilities() -> None:
    model = load_model()
    again = AnswerabilityModel.from_json(json.loads(json.dumps(model.to_json())))
    rows = np.vstack([np.asarray(model.mean), np.asarray(model.mean) + np.asarray(model.scale)])
    assert np.allclose(model.probability(rows), again.probability(rows), atol=1e-5)


def test_each_embedder_reads_the_weights_fitted_on_it() -> None:
    assert weights_file_for("minilm") == WEIGHTS_FILE  # MiniLM keeps the file it always read
    e5 = weights_file_for("multilingual-e5-small")
    assert e5 == embedder_weights_file("multilingual-e5-small") != WEIGHTS_FILE
    assert load_model(str(e5)).fitted_on.get("embedder") == "multilingual-e5-small"
    # an embedder with no weights of its own falls back to the default file
    assert weights_file_for("an-embedder-without-weights") == WEIGHTS_FILE


@pytest.mark.parametrize("embedder", ["minilm", "multilingual-e5-small"])
def test_each_shipped_model_doubts_a_session_of_another_edition_than_the_one_asked(embedder: str) -> None:
    # the E5 file read year_unaligned at weight 0 until it was fitted on E5 indexes (issue 27): a
    # session of another edition than the one the question names kept its probability
    model = load_model(str(weights_file_for(embedder)))
    column = FEATURES.index("year_unaligned")
    session = np.array(model.mean, dtype=float)
    marked = session.copy()
    marked[column] = 1.0
    same, other = model.probability(np.stack([session, marked]))
    log_odds = np.log(same / (1 - same)) - np.log(other / (1 - other))
    assert log_odds > 2.0  # the odds that it states the answer fall more than sevenfold
    assert "year_unaligned" in _extensions(model.fitted_on)


def _extensions(fitted_on: object) -> list[str]:
    """The features a weights file was extended by, in every round of its `fitted_on` history."""
    found: list[str] = []
    while isinstance(fitted_on, dict):
        extended = fitted_on.get("extended")
        if not isinstance(extended, dict):
            break
        found += list(extended.get("features") or [])
        fitted_on = extended.get("base")
    return found


@pytest.mark.parametrize("embedder", ["minilm", "multilingual-e5-small"])
@pytest.mark.parametrize("name", ["owner_unaligned", "name_unheld"])
def test_each_shipped_model_doubts_a_detail_of_another_owner_or_a_name_no_session_holds(
        name: str, embedder: str) -> None:
    # fitted on top of the model before them (issue 23, round 12 for MiniLM; issue 27 for E5, which
    # read both at weight 0 until then): a marked session's odds fall more than fourfold
    model = load_model(str(weights_file_for(embedder)))
    column = FEATURES.index(name)
    session = np.array(model.mean, dtype=float)
    marked = session.copy()
    marked[column] = 1.0
    same, other = model.probability(np.stack([session, marked]))
    assert np.log(same / (1 - same)) - np.log(other / (1 - other)) > np.log(4.0)
    assert name in _extensions(model.fitted_on)
    assert "padded" not in model.fitted_on


def test_the_e5_model_weighs_every_feature_the_minilm_model_reads_or_says_why_not() -> None:
    # a feature added for MiniLM was read at weight 0 by E5 until refitted on E5 indexes (twice:
    # year_unaligned, then owner_unaligned and name_unheld); a zero weight now carries its reason
    minilm = load_model()
    e5 = load_model(str(weights_file_for("multilingual-e5-small")))
    reasons = e5.fitted_on.get("zero_weights") or {}
    assert isinstance(reasons, dict)
    for name, ours, theirs in zip(FEATURES, minilm.weights, e5.weights, strict=True):
        if ours != 0.0 and theirs == 0.0:
            assert reasons.get(name), f"E5 reads {name} at weight 0 with no reason given"
    # the one zero weight today: the clearing share is constant on E5's cosine scale
    assert set(reasons) == {name for name, w in zip(FEATURES, e5.weights, strict=True) if w == 0.0}
    assert all("constant" in reasons[name] for name in reasons)


def test_a_whole_corpus_question_is_judged_by_the_session_weights_when_the_file_has_them() -> None:
    main = AnswerabilityModel([1.0, 0.0], 0.0, [0.0, 0.0], [1.0, 1.0], features=("a", "b"))
    rows = np.array([[2.0, -2.0], [-2.0, 2.0]])
    assert np.allclose(main.session_probability(rows), main.probability(rows))  # none: the main weights
    assert main.listing_threshold == main.session_threshold
    main.sessions = SessionWeights([0.0, 1.0], 0.0, [0.0, 0.0], [1.0, 1.0], threshold=0.6)
    by_sessions = main.session_probability(rows)
    assert by_sessions[1] > 0.5 > by_sessions[0]  # the other feature decides
    assert main.probability(rows)[0] > 0.5  # ordinary questions keep the main weights
    assert main.listing_threshold == 0.6


def test_the_shipped_session_weights_survive_a_round_trip() -> None:
    model = load_model()
    assert model.sessions is not None, "the shipped file carries weights for whole-corpus questions"
    sessions = model.sessions
    assert len(sessions.weights) == len(FEATURES) + len(sessions.relative)
    assert 0.0 < model.listing_threshold < 1.0
    assert sessions.gate is not None and len(sessions.gate.weights) == len(FEATURES)
    again = AnswerabilityModel.from_json(json.loads(json.dumps(model.to_json())))
    rows = np.vstack([np.asarray(sessions.gate.mean), np.asarray(sessions.gate.mean) + 1.0])
    assert np.allclose(model.session_probability(rows), again.session_probability(rows), atol=1e-5)
    assert again.listing_threshold == model.listing_threshold
    assert again.sessions is not None and again.sessions.relative == sessions.relative


def test_ratios_read_each_session_against_the_best_of_its_question() -> None:
    rows = np.zeros((3, len(FEATURES)))
    rows[:, FEATURES.index("dense")] = [0.2, 0.4, 0.1]
    out = with_ratios(rows, ("dense", "evidence"))
    assert out.shape == (3, len(FEATURES) + 2)
    assert np.allclose(out[:, -2], [0.5, 1.0, 0.25])  # the same question scored 0.1 lower everywhere
    assert np.allclose(out[:, -1], 0.0)  # no session has any evidence: no ratio, not a division by 0
    assert with_ratios(rows, ()) is rows


def test_a_ratio_lists_the_sessions_that_stand_out_and_the_gate_lists_none_when_none_states_it() -> None:
    dense = FEATURES.index("dense")
    size = len(FEATURES)
    # weights on the ratio of `dense` alone; the gate on the raw `dense` alone
    ratio = SessionWeights([0.0] * size + [10.0], -7.0, [0.0] * (size + 1), [1.0] * (size + 1),
                           threshold=0.5, relative=("dense",))
    gate_weights = [0.0] * size
    gate_weights[dense] = 10.0
    ratio.gate = SessionWeights(gate_weights, -4.0, [0.0] * size, [1.0] * size, threshold=0.5)
    low, high = np.zeros((3, size)), np.zeros((3, size))
    low[:, dense] = [0.30, 0.29, 0.10]  # every cosine low (an indirect wording): the raw gate says no
    high[:, dense] = [0.60, 0.58, 0.20]
    assert not np.any(ratio.probability(low) >= 0.5)
    listed = ratio.probability(high) >= 0.5
    assert listed.tolist() == [True, True, False]  # the two near the best, not the far one
    ratio.gate = None
    assert (ratio.probability(low) >= 0.5).tolist() == [True, True, False]  # by the ratios alone
    again = SessionWeights.from_json(json.loads(json.dumps(ratio.to_json())))
    assert again.relative == ("dense",) and again.gate is None


def test_an_uncentred_fit_on_top_of_an_offset_moves_only_the_rows_it_marks() -> None:
    # a feature that marks a few rows, all of them negatives the offset rates as likely positives
    rng = np.random.default_rng(3)
    marked = np.zeros(200)
    marked[:20] = 1.0
    labels = np.where(marked > 0, 0.0, (rng.random(200) < 0.7).astype(float))
    offset = np.full(200, 1.0)
    weights, bias, mean, scale = fit_logistic(marked[:, None], labels, offset=offset, centred=False)
    assert bias == 0.0 and mean[0] == 0.0
    assert weights[0] < -1.0  # the marked rows are pushed down
    logit = (marked[:, None] - mean) / scale @ weights + bias + offset
    assert np.allclose(logit[marked == 0], offset[marked == 0])  # the others keep the offset exactly
