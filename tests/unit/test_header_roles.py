"""Issue 22, header item: the learned line-role model of the notes' top lines (`header_roles.py`).
The notes below are written for these tests (illustrative), not taken from any evaluation set."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.corpus.embeddings import Embedder
from assistant.drafting.header_roles import (
    FEATURES,
    ROLES,
    RoleModel,
    line_features,
    line_roles,
    shipped_model,
    title_from_line,
    top_lines,
)
from assistant.drafting.note_header import organisers_from_line
from assistant.drafting.notes import read_notes

# the first line is a remark the header rules take for the title (a short line alone at the top);
# only the model tells that the second line names the session
REMARK_FIRST = """copy for Ana
Faster repair of undersea cables in the Pacific
Pacific Islands Telecommunications Association and ICPC
9 July 2025

Mele Tupou (PITA): a cut cable left Tonga offline for five weeks in 2022
Mele Tupou: two repair ships cover the whole Pacific, both based far away
"""


def test_the_shipped_weights_load_with_every_role_and_feature() -> None:
    model = shipped_model()
    assert model is not None
    assert model.roles == ROLES
    assert model.weights.shape == (len(ROLES), 384 + len(FEATURES))
    assert model.mean.shape == model.scale.shape == (len(FEATURES),)


def test_weights_fitted_on_other_features_are_refused_with_what_to_do() -> None:
    model = shipped_model()
    assert model is not None
    data = model.to_json()
    data["features"] = list(FEATURES)[:-1]
    with pytest.raises(ValueError, match=r"fit_roles\.py"):
        RoleModel.from_json(data)
    data = model.to_json()
    data["roles"] = ["content", "noise"]
    with pytest.raises(ValueError, match="title"):
        RoleModel.from_json(data)


def test_top_lines_are_the_first_written_lines_with_their_blank_neighbours() -> None:
    lines = top_lines("\nTitle here\n\nITU and WHO\n8 July 2025\n", count=2)
    read = [(line.number, line.text, line.index) for line in lines]
    assert read == [(2, "Title here", 0), (4, "ITU and WHO", 1)]
    assert lines[0].blank_before and lines[0].blank_after
    assert lines[1].blank_before and not lines[1].blank_after


def test_layout_features_see_dates_links_organiser_labels_and_capitals() -> None:
    date, link, orgs, caps = top_lines(
        "8 July 2025 | Geneva\nhttps://example.org/session/12\nOrganised by FAO and WMO\nOPEN MAPS FOR ALL")

    def feats(line: object) -> dict[str, float]:
        return dict(zip(FEATURES, line_features(line), strict=True))  # type: ignore[arg-type]

    assert feats(date)["date"] == feats(date)["month"] == feats(date)["year"] == 1.0
    assert feats(link)["url"] == 1.0 and feats(date)["url"] == 0.0
    assert feats(orgs)["organised_by"] == 1.0 and feats(caps)["organised_by"] == 0.0
    assert feats(caps)["all_caps"] == 1.0 and feats(orgs)["all_caps"] == 0.0
    assert feats(date)["first"] == 1.0 and feats(link)["second"] == 1.0


def test_the_model_gives_each_top_line_its_role(embedder: Embedder) -> None:
    model = shipped_model()
    assert model is not None
    lines = top_lines(REMARK_FIRST)
    probs = line_roles(lines, embedder, model)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    best = [model.roles[int(i)] for i in probs.argmax(axis=1)]
    assert best[1] == "title" and best[0] != "title"
    assert best[3] == "date"


def test_a_title_only_the_model_recognises_names_the_session(embedder: Embedder) -> None:
    rules = read_notes(REMARK_FIRST, embedder, kinds=False, roles=False)
    assert rules.header["title"] == "copy for Ana"  # what the rules alone read
    notes = read_notes(REMARK_FIRST, embedder, kinds=False, roles=True)
    assert notes.header["title"] == "Faster repair of undersea cables in the Pacific"
    assert notes.header["date"] == "9 July 2025"
    assert notes.lines[1].kind == "header"  # the session's name is no point of the draft


def test_the_chosen_line_is_parsed_by_the_header_rules() -> None:
    assert title_from_line('Session: "Tide gauges for small harbours"') == "Tide gauges for small harbours"
    assert title_from_line("Organisers: ITU and WHO") == ""  # another field, never a title
    header: dict[str, str] = {}
    assert organisers_from_line("Presented by: A4AI and ITU-D", header) == "A4AI and ITU-D"
    assert organisers_from_line("Moderator: Jonas Feld (Smart Africa)", header) == ""
