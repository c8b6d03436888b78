"""The unit-kind model's context and its binary noise head (issue 22, fifth round): whether a unit's
words come back elsewhere in its note, a head fitted on content against the never-content kinds
alone, and a remark the model reads as a heading. Every sample was written for these tests."""

from __future__ import annotations

import json

import numpy as np

from assistant.drafting.note_kinds import (
    FEATURES,
    KINDS,
    KindModel,
    UnitKind,
    classify_units,
    layout_features,
    note_words,
    recurrence,
    shipped_model,
)
from assistant.drafting.notes import (
    HEADER_LINES,
    NOISE_PROBABILITY,
    PLAIN_NOISE_PROBABILITY,
    NoteLine,
    _model_noise,
)
from tests.support.fake_embedder import DIMENSION

NOTE = [
    "Solar kiosks for rural clinics",
    "Amina Yusuf (Health Ministry)",
    "- solar kiosks now power vaccine fridges in 300 clinics",
    "- the fridges report their temperature by text message",
    "projector died, laptop swapped",
    "- kiosks cost half of what diesel generators cost over five years",
]


def test_a_units_words_that_recur_in_other_lines_are_counted_and_a_remark_about_the_room_is_not() -> None:
    counts = note_words(NOTE)
    assert recurrence(NOTE[2], counts) > 0.5  # solar, kiosks, fridges, clinics: the subject comes back
    assert recurrence(NOTE[4], counts) == 0.0  # projector, laptop: said once
    assert recurrence("the and with", counts) == 0.0  # function words only: no content word
    assert recurrence(NOTE[3], None) == 0.5  # a unit judged without its note
    features = dict(zip(FEATURES, layout_features(NOTE[4], NOTE[4], 4, 40, counts=counts), strict=True))
    assert features["recurs"] == 0.0
    short = dict(zip(FEATURES, layout_features(NOTE[4], NOTE[4], 4, 6, counts=counts), strict=True))
    assert short["recurs"] == 0.5  # a note of six lines repeats little: the feature says nothing
    # a word and its inflections match on their first letters (`fridges`, `fridge`)
    two = ["fridges everywhere", "one fridge per district"]
    assert recurrence(two[1], note_words(two)) == 0.5


def _model(head: bool) -> KindModel:
    rng = np.random.default_rng(7)
    width = DIMENSION + len(FEATURES)
    return KindModel(
        KINDS, rng.normal(size=(len(KINDS), width)).astype(np.float32), np.zeros(len(KINDS), np.float32),
        np.zeros(len(FEATURES), np.float32), np.ones(len(FEATURES), np.float32), 0.5, False,
        rng.normal(size=width).astype(np.float32) if head else None, 0.25 if head else 0.0,
    )


class _Encoder:
    def encode(self, texts: list[str]) -> np.ndarray:
        rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for i, text in enumerate(texts):
            rows[i, len(text) % DIMENSION] = 1.0
        return rows


def test_the_binary_head_travels_with_the_weights_and_gives_each_unit_its_noise_probability() -> None:
    model = _model(head=True)
    again = KindModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.noise_weights is not None and abs(again.noise_bias - 0.25) < 1e-6
    vectors = _Encoder().encode(NOTE)
    layout = np.asarray([layout_features(t, t, i, len(NOTE)) for i, t in enumerate(NOTE)], dtype=np.float32)
    expected = 1.0 / (1.0 + np.exp(-(model.matrix(vectors, layout) @ model.noise_weights + 0.25)))
    assert np.allclose(again.noise_probability(vectors, layout), expected, atol=1e-3)
    verdicts = classify_units(NOTE, NOTE, list(range(len(NOTE))), len(NOTE), _Encoder(), model)
    assert [round(v.noise or 0.0, 4) for v in verdicts] == [round(float(p), 4) for p in expected]
    plain = _model(head=False)
    assert plain.noise_probability(vectors, layout) is None and "noise_head" not in plain.to_json()
    assert all(v.noise is None for v in classify_units(NOTE, NOTE, [0] * 6, 6, _Encoder(), plain))


def test_the_reader_takes_a_unit_out_on_the_binary_head_with_a_lower_bar_for_one_that_names_nothing() -> None:
    plain = NoteLine(20, "projector died, laptop swapped", "content", text="projector died, laptop swapped")
    ask = "ask Amina for the 300 clinics list"
    named = NoteLine(21, ask, "content", text=ask)
    between = (PLAIN_NOISE_PROBABILITY + NOISE_PROBABILITY) / 2
    # the share alone would keep both (content outweighs the rest); the head decides
    verdict = UnitKind("content", 0.6, not_content=0.3, content=0.6, noise=between)
    assert _model_noise(verdict, plain)
    assert not _model_noise(verdict, named)
    assert _model_noise(UnitKind("content", 0.6, 0.3, 0.6, noise=NOISE_PROBABILITY), named)


def test_a_unit_read_as_a_heading_goes_only_below_the_header_lines_and_when_it_names_no_one() -> None:
    remark = "tea served at 15:40 by the stairs"
    heading = UnitKind("header", 0.7, not_content=0.27, content=0.02, noise=0.1)  # share 0.93
    assert _model_noise(heading, NoteLine(HEADER_LINES + 5, remark, "content", text=remark))
    assert not _model_noise(heading, NoteLine(HEADER_LINES, remark, "content", text=remark))
    named = "Rosa Lima on the second panel"
    assert not _model_noise(heading, NoteLine(HEADER_LINES + 5, named, "content", text=named))
    unsure = UnitKind("header", 0.7, not_content=0.1, content=0.1, noise=0.9)  # share 0.5
    assert not _model_noise(unsure, NoteLine(HEADER_LINES + 5, remark, "content", text=remark))
    intro = UnitKind("speaker intro", 0.7, not_content=0.27, content=0.02, noise=0.9)
    assert not _model_noise(intro, NoteLine(HEADER_LINES + 5, remark, "content", text=remark))


def test_the_shipped_weights_carry_the_binary_head() -> None:
    model = shipped_model()
    assert model is not None and model.noise_weights is not None
    assert model.noise_weights.shape == (model.weights.shape[1],)
