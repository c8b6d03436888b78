"""The fitting scripts of Ask's answerability (evals/): what they keep and what they read."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

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
