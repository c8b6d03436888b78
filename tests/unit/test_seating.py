"""Issue 22, session 14: seating (`evals/section-model/seating.py`, tried and not shipped) decides
the bullet sections' counts once over the whole note. A placed point moves to another section it is
eligible for when that lowers the expected number of sections failing the form; no point moves into
a section no candidate fits (padding), none moves where it is not eligible, a section keeps its last
point, and the points stay the same. `fit_seating.py` judges section counts as the drafts suite does.
The scores are written for these tests (illustrative)."""

from __future__ import annotations

import importlib
import math
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

FOLDER = Path(__file__).resolve().parents[2] / "evals" / "section-model"


def _module(name: str) -> ModuleType:
    if str(FOLDER) not in sys.path:
        sys.path.insert(0, str(FOLDER))
    return importlib.import_module(name)


seating = _module("seating")
Limits, Seat, SeatingParameters = seating.Limits, seating.Seat, seating.SeatingParameters
count_distribution, failure, probabilities, seat = (seating.count_distribution, seating.failure,
                                                    seating.probabilities, seating.seat)

SECTIONS = ("key_issues", "wsis_views", "tangible_outcomes", "action_plan", "thematic_suggestions")
FORM = {"key_issues": Limits(5, 8), "wsis_views": Limits(5, 8), "tangible_outcomes": Limits(3, 5),
        "action_plan": Limits(2, 5)}
PARAMS = SeatingParameters(score_weight=6.0, eligible_weight=0.0, placed_weight=0.0, bias={}, placed_rate=0.9,
                           unplaced_rate=0.2, floor=0.1, min_gain=0.05)


def _seat(section: str | None, eligible: set[str] | None = None, **scores: float) -> Any:
    full = dict.fromkeys(SECTIONS, 0.0) | scores
    return Seat(full, frozenset(eligible or {section} if section else eligible or set()), section)


def test_the_count_distribution_is_that_of_independent_events() -> None:
    assert count_distribution([0.5, 0.5]) == pytest.approx([0.25, 0.5, 0.25])
    assert count_distribution([]) == [1.0]
    assert sum(count_distribution([0.1, 0.7, 0.3, 0.9])) == pytest.approx(1.0)


def test_a_section_fails_empty_with_material_under_its_share_padded_or_over_its_maximum() -> None:
    surely_two = count_distribution([1.0, 1.0])
    nothing = count_distribution([0.0, 0.0])
    assert failure(0, surely_two, Limits(3, 5)) == pytest.approx(1.0)  # left empty
    assert failure(1, surely_two, Limits(3, 5)) == pytest.approx(1.0)  # under min(3, 2)
    assert failure(2, surely_two, Limits(3, 5)) == pytest.approx(0.0)  # as many as the notes hold
    assert failure(1, nothing, Limits(3, 5)) == pytest.approx(1.0)  # padding
    assert failure(0, nothing, Limits(3, 5)) == pytest.approx(0.0)
    assert failure(6, surely_two, Limits(3, 5)) == 1.0  # over the maximum


def test_probabilities_follow_the_scores_eligibility_and_bias_and_sum_to_one() -> None:
    point = Seat({"a": 0.6, "b": 0.3}, frozenset({"b"}), "b")
    p = probabilities(point, ["a", "b", "c"], PARAMS)
    assert math.isclose(sum(p.values()), 1.0)
    assert p["a"] > p["b"] > p["c"]
    eligible = SeatingParameters(**{**PARAMS.__dict__, "eligible_weight": 3.0})
    assert probabilities(point, ["a", "b", "c"], eligible)["b"] > p["b"]
    biased = SeatingParameters(**{**PARAMS.__dict__, "bias": {"c": 5.0}})
    assert max(probabilities(point, ["a", "b", "c"], biased).items(), key=lambda kv: kv[1])[0] == "c"


def test_a_point_that_fits_the_outcomes_moves_there_from_a_fuller_section() -> None:
    # short notes: three points hold outcomes, one sits in the outcomes, two in Key issues (one of
    # them nearly as much an outcome as an issue); the outcomes are under min(3, what the notes hold)
    seats = [
        _seat("key_issues", key_issues=0.6),
        _seat("key_issues", {"key_issues", "tangible_outcomes"}, key_issues=0.5, tangible_outcomes=0.45),
        _seat("key_issues", {"key_issues", "tangible_outcomes"}, key_issues=0.5, tangible_outcomes=0.48),
        _seat("tangible_outcomes", tangible_outcomes=0.7),
        _seat("wsis_views", wsis_views=0.6),
        _seat("action_plan", action_plan=0.6),
    ]
    after = seat(seats, FORM, PARAMS)
    assert after.count("tangible_outcomes") >= 2
    assert after[2] == "tangible_outcomes"  # the point that fits the outcomes best moves first
    assert after[0] == "key_issues" and after[3:] == ["tangible_outcomes", "wsis_views", "action_plan"]
    assert len(after) == len(seats)  # no point added or dropped


def test_no_point_moves_where_it_is_not_eligible_or_into_a_section_nothing_fits() -> None:
    seats = [_seat("key_issues", key_issues=0.6, action_plan=0.55) for _ in range(4)]
    seats.append(_seat("wsis_views", wsis_views=0.6))
    after = seat(seats, FORM, PARAMS)
    assert "action_plan" not in after  # eligible nowhere else: the plan stays empty, not padded
    assert after == [s.section for s in seats]


def test_a_well_seated_note_is_left_as_it_is() -> None:
    seats = [_seat(sid, None, **{sid: 0.7}) for sid in FORM for _ in range(FORM[sid].low)]
    assert seat(seats, FORM, PARAMS) == [s.section for s in seats]


def test_sections_outside_the_limits_neither_give_nor_take_points() -> None:
    seats = [_seat("thematic_suggestions", {"thematic_suggestions", "tangible_outcomes"},
                   thematic_suggestions=0.5, tangible_outcomes=0.49),
             _seat(None, {"tangible_outcomes"}, tangible_outcomes=0.9)]
    assert seat(seats, FORM, PARAMS) == ["thematic_suggestions", None]


def test_a_section_keeps_its_last_point() -> None:
    # the plan's only point fits the outcomes nearly as well, and the outcomes are short of points:
    # it stays (a section the selection gave a point almost always holds material in the labels)
    both = {"action_plan", "tangible_outcomes"}
    seats = [_seat("action_plan", both, action_plan=0.5, tangible_outcomes=0.49),
             _seat("tangible_outcomes", tangible_outcomes=0.7)]
    assert seat(seats, FORM, PARAMS) == ["action_plan", "tangible_outcomes"]


def test_the_fitted_parameters_load_and_are_sane() -> None:
    fitted = seating.parameters()
    assert fitted.score_weight > 0 and 0 <= fitted.floor < 1
    assert 0 <= fitted.unplaced_rate <= fitted.placed_rate <= 1.5
    assert set(fitted.bias) <= {"key_issues", "wsis_views", "tangible_outcomes", "action_plan",
                                "thematic_suggestions"}


def test_the_fit_script_judges_section_counts_as_the_drafts_suite_does() -> None:
    fit = _module("fit_seating")
    material = {"key_issues": 1, "tangible_outcomes": 3}
    sections = ["key_issues", "tangible_outcomes"]
    # Key issues within min(5, 1); outcomes under min(3, 3); the plan filled without material
    assert fit.judge({"key_issues": 1, "tangible_outcomes": 2, "action_plan": 1}, material, sections) == 2
    assert fit.judge({"key_issues": 1, "tangible_outcomes": 3}, material, sections) == 0
    assert fit.judge({"tangible_outcomes": 3}, material, sections) == 1  # Key issues left empty
