"""The whole-corpus listing weights (`assistant.ask.session_listing`): the data file's contract and the
distribution features read from one question's sessions."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.ask.answerability_model import FEATURES, SessionWeights, load_model
from assistant.ask.session_listing import (
    EXTRAS,
    LISTING_FILE,
    ListingModel,
    _rank_share,
    _z,
    listing_file_for,
    load_listing,
)
from assistant.errors import InputError


def _weights(n: int, threshold: float = 0.5) -> SessionWeights:
    rng = np.random.default_rng(3)
    return SessionWeights(list(rng.normal(size=n)), -0.2, [0.1] * n, [0.5] * n, threshold)


def test_no_listing_file_is_shipped_so_the_answerability_models_own_weights_decide() -> None:
    # a copy of the `sessions` weights in a second file would drift from the first at the next refit
    assert not LISTING_FILE.exists()
    assert load_listing(str(LISTING_FILE)) is None
    main = load_model()
    assert main.sessions is not None  # the weights that decide without a listing file


def test_listing_weights_on_extras_round_trip_through_their_file(tmp_path) -> None:
    n = len(FEATURES) + len(EXTRAS)
    model = ListingModel(SessionWeights(_weights(n).weights, -0.2, [0.1] * n, [0.5] * n, 0.6,
                                        gate=_weights(n, 0.4)), {"sets": ["dev"]}, EXTRAS)
    path = tmp_path / "listing.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    again = load_listing(str(path))
    assert again is not None and again.threshold == 0.6 and again.extras == EXTRAS
    rows = np.random.default_rng(1).random((5, len(FEATURES)))
    extras = np.random.default_rng(2).random((5, n - len(FEATURES)))
    assert np.allclose(again.probability(rows, extras), model.probability(rows, extras), atol=1e-5)
    with pytest.raises(ValueError, match="listing_extras"):
        again.probability(rows)


def test_weights_reading_some_extras_read_only_those_columns() -> None:
    n = len(FEATURES) + 1
    model = ListingModel(_weights(n), {}, (EXTRAS[-1],))
    rows = np.random.default_rng(5).random((4, len(FEATURES)))
    extras = np.random.default_rng(6).random((4, len(EXTRAS)))
    assert np.allclose(model.probability(rows, extras),
                       model.sessions.probability(np.hstack([rows, extras[:, -1:]])))


def test_weights_fitted_on_other_extras_are_refused() -> None:
    n = len(FEATURES) + len(EXTRAS)
    data = ListingModel(_weights(n), {}, EXTRAS).to_json()
    data["extras"] = ["no_such_extra"]
    with pytest.raises(InputError, match="fit_session_listing"):
        ListingModel.from_json(data)
    data["extras"] = list(reversed(EXTRAS))  # the columns in another order
    with pytest.raises(InputError, match="fit_session_listing"):
        ListingModel.from_json(data)


def test_no_file_for_an_embedder_means_no_listing_model() -> None:
    assert listing_file_for("minilm") == LISTING_FILE
    assert load_listing(str(listing_file_for("no-such-embedder"))) is None


def test_a_session_standing_out_has_a_high_z_score_and_alike_sessions_none() -> None:
    z = _z(np.array([0.9, 0.3, 0.31, 0.29, 0.3]))
    assert z[0] > 1.5 and all(abs(v) < 1 for v in z[1:])
    assert np.allclose(_z(np.array([0.5, 0.5, 0.5])), 0.0)  # no spread: nothing stands out


def test_rank_shares_run_from_one_for_the_highest_to_zero_for_the_lowest() -> None:
    assert list(_rank_share(np.array([0.2, 0.9, 0.5]))) == [0.0, 1.0, 0.5]
    assert list(_rank_share(np.array([0.4]))) == [1.0]
