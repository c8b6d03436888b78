"""The fitting scripts of Ask's answerability (evals/): what they keep and what they read."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from assistant.ask.answerability_model import FEATURES, WEIGHTS_FILE, AnswerabilityModel
from assistant.ask.detail_kinds import KINDS

EVALS = Path(__file__).resolve().parents[2] / "evals"


def _script(name: str) -> ModuleType:
    if str(EVALS) not in sys.path:
        sys.path.insert(0, str(EVALS))
    return importlib.import_module(name)


def test_a_refit_keeps_the_whole_corpus_weights_of_the_file_it_is_told_to_keep() -> None:
    calibrate = _script("calibrate_answerability")
    shipped = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    refit = AnswerabilityModel([0.5] * len(FEATURES), -1.0, [0.0] * len(FEATURES), [1.0] * len(FEATURES),
                               answer_threshold=0.7, fitted_on={"sets": ["dev"]})
    kept = calibrate.with_kept_sessions(refit, shipped)
    # the listing weights are the file's, written back exactly; the ordinary weights the refit's
    assert kept.to_json()["sessions"] == shipped["sessions"]
    assert kept.weights == refit.weights and kept.answer_threshold == 0.7
    assert kept.fitted_on["sets"] == ["dev"]


def test_keeping_the_sessions_of_a_file_without_them_or_of_other_features_is_refused() -> None:
    calibrate = _script("calibrate_answerability")
    shipped = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    model = AnswerabilityModel([0.0] * len(FEATURES), 0.0, [0.0] * len(FEATURES), [1.0] * len(FEATURES))
    with pytest.raises(SystemExit, match="keep-sessions"):
        calibrate.with_kept_sessions(model, {**shipped, "sessions": None})
    with pytest.raises(SystemExit, match="keep-sessions"):
        calibrate.with_kept_sessions(model, {**shipped, "features": list(FEATURES[:-1])})


def test_the_extra_question_sets_the_fit_reads_exist() -> None:
    calibrate = _script("calibrate_answerability")
    for relative in calibrate.EXTRA_SETS.values():
        rows = calibrate.read_rows(EVALS.parent / relative)
        assert rows and all({"question", "type"} <= set(row) for row in rows)


def test_the_kind_fit_reads_a_rule_kind_the_model_lacks_as_no_kind() -> None:
    # the rules read a time of day ("time"), which KINDS lacks: the fit crashed on it (KeyError)
    fit = _script("fit_detail_kinds")
    assert "time" not in KINDS
    assert fit.rule_reading([{"time"}, {"time", "person"}, {"duration"}, set()]) == \
        ["none", "person", "count", "none"]


def _case(calibrate: ModuleType, set_name: str, answerable: bool, rows: list[list[float]]) -> object:
    """A question of one set whose first session is its gold (answerable) or all sessions 0."""
    features = np.array([[v, v, 0, 0, 1.0] + [0.0] * (len(FEATURES) - 5) for v, *_ in rows])
    labels = [1 if answerable and i == 0 else (None if answerable else 0) for i in range(len(rows))]
    row = {"type": "single" if answerable else "unanswerable", "question": "q", "gold_docs": ["a"]}
    return calibrate.Case(set_name, row, False, [f"d{i}" for i in range(len(rows))], features, labels)


def test_the_held_out_study_fits_on_the_other_sets_and_counts_each_wrong_decision() -> None:
    calibrate = _script("calibrate_answerability")
    study = _script("answerability_loso")
    # evidence separates the answerable questions (0.9) from the near misses (0.2) in every set but
    # the last, where a near miss has the evidence of an answerable question: one wrong decision
    sets = {name: [_case(calibrate, name, True, [[0.9], [0.1]]), _case(calibrate, name, True, [[0.8], [0.2]]),
                   _case(calibrate, name, False, [[0.2], [0.1]]),
                   _case(calibrate, name, False, [[0.9 if name == "c" else 0.1], [0.1]])]
            for name in ("a", "b", "c")}
    result = study.held_out(sets, 1.0, FEATURES)
    assert result["per_set"]["a"] == {"unanswerable_n": 2, "unanswerable_answered": 0,
                                      "answerable_n": 2, "answerable_refused": 0}
    assert result["per_set"]["c"]["unanswerable_answered"] == 1
    assert result["total"]["wrong"] == 1
    # a feature read as 0 everywhere leaves nothing to tell them apart: every set decides alike
    blind = study.held_out(sets, 1.0, tuple(f for f in FEATURES if f not in ("evidence", "dense")))
    assert blind["total"]["wrong"] > result["total"]["wrong"]


def test_the_held_out_study_reads_an_interaction_as_one_more_column() -> None:
    calibrate = _script("calibrate_answerability")
    study = _script("answerability_loso")
    case = _case(calibrate, "a", True, [[0.5], [0.25]])
    extended = study.with_products({"a": [case]}, [("evidence", "dense")])["a"][0]
    assert extended.features.shape == (2, len(FEATURES) + 1)
    assert list(extended.features[:, -1]) == [0.25, 0.0625]
