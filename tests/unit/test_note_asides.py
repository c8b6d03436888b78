"""The rapporteur's aside inside a line of content (issue 22, session 12): the spans of a line that
could be an aside are found by layout (`note_asides.candidate_spans`), the learned aside-span model
cuts the remark and keeps a bracket that belongs to the point, and a remark that opens a unit the
reflow joined a point to stands alone (`notes.remark_heads`). The notes are written for these tests
(illustrative people and figures)."""

from __future__ import annotations

from assistant.drafting.note_asides import (
    FEATURES,
    AsideModel,
    candidate_spans,
    shipped_aside_model,
    span_features,
    without_spans,
)
from assistant.drafting.notes import WRAPPED_REMARK, read_notes

MIXED = """Drones for crop surveys
organised by IFAD and the African Union
10 July 2025

Samuel Ncube (IFAD):
- 42 cooperatives now share one survey drone per district [optimistic, he conceded as much]
- each flight maps about 300 hectares (up from 120 in 2023)
- the next phase covers 8 more districts (he said 8, find the press note)
"""

HEAD = """Drones for crop surveys
organised by IFAD and the African Union
10 July 2025

== Grace Otieno, African Union
   the AU will fund drone licences for 12 member states in 2026
   pilots must pass a common exam recognised in every member state
   >> scribble for myself: the projector kept flickering, nobody minded
   a registry of certified pilots opens in March 2026
== Samuel Ncube, IFAD
   42 cooperatives now share one survey drone per district
"""


def test_the_spans_of_a_line_are_its_brackets_and_a_short_dash_tail() -> None:
    line = "a drone costs 9,000 dollars (in 2024) [ask] -- worth a look"
    spans = candidate_spans(line)
    assert [(s.shape, s.inner) for s in spans] == [
        ("round", "in 2024"), ("square", "ask"), ("dash", "worth a look")]
    assert without_spans(line, spans) == "a drone costs 9,000 dollars"


def test_a_dash_tail_that_is_most_of_the_line_is_no_span() -> None:
    assert candidate_spans("Kenya -- the regulator licensed four new satellite operators this year") == []
    assert candidate_spans("a bracket with no word (2024)") == []


def test_a_span_that_repeats_a_figure_of_its_line_is_told_from_one_that_brings_a_new_figure() -> None:
    line = "the next phase covers 8 more districts (he said 8)"
    repeated = span_features(line, candidate_spans(line)[0], 0.5)
    line = "the next phase covers 8 more districts (up from 3)"
    new = span_features(line, candidate_spans(line)[0], 0.5)
    at = FEATURES.index
    assert (repeated[at("repeats_figure")], repeated[at("new_figure")]) == (1.0, 0.0)
    assert (new[at("repeats_figure")], new[at("new_figure")]) == (0.0, 1.0)


def test_the_shipped_weights_load_and_read_the_unit_kind_verdict_as_evidence_of_an_aside() -> None:
    model = shipped_aside_model()
    assert model is not None and 0.5 <= model.bar < 1
    assert AsideModel.from_json(model.to_json()).bar == model.bar
    line = "farmers get the maps within two days (the room was emptying by then)"
    span = candidate_spans(line)[0]
    low, high = model.probabilities([span_features(line, span, 0.1), span_features(line, span, 0.99)])
    assert high > low


def test_the_aside_of_a_mixed_line_is_cut_and_a_bracket_of_the_point_stays() -> None:
    notes = read_notes(MIXED)
    assert notes.line(6).kind == "content"
    assert notes.line(6).text.startswith("42 cooperatives now share one survey drone per district")
    assert "conceded" not in notes.line(6).text
    assert notes.line(7).text.endswith("(up from 120 in 2023)")
    assert "press note" not in notes.line(8).text and "8 more districts" in notes.line(8).text


def test_a_remark_that_opens_a_unit_stands_alone_and_the_point_under_it_is_read() -> None:
    notes = read_notes(HEAD)
    assert notes.line(8).kind == "noise" and notes.line(8).reason == WRAPPED_REMARK
    assert notes.line(9).kind == "content"
    assert "registry of certified pilots" in notes.line(9).text
    assert all("projector" not in s.text for s in notes.sentences)
    assert any(s.line == 9 for s in notes.sentences)
