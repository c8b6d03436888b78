"""Inferred tags read cosines on the index's own embedder's scale (issue 27, session 14).

MiniLM's tag models (`MODELS`) read absolute cosines; multilingual-e5-small puts any two texts near
0.8, so an E5 index read by MiniLM's models tagged nearly every document with every Action Line and
SDG. An E5 index reads the models fitted on E5's vectors (`EMBEDDER_MODELS`); MiniLM's stay its own.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.config import load_settings
from assistant.corpus.store import CorpusIndex
from assistant.corpus.tags import EMBEDDER_MODELS, MODELS, keep_inferred, load_taxonomy, models_for

E5 = "multilingual-e5-small"


def _rows(tail: float, gap: float, n: int) -> np.ndarray:
    """Feature rows (tail_score, tail_gap, context_score, context_gap) alike for n tags."""
    return np.tile(np.array([tail, gap, tail, gap], dtype=np.float32), (n, 1))


def test_minilm_keeps_its_own_models_and_e5_has_models_for_both_kinds() -> None:
    assert models_for("minilm") is None
    e5 = models_for(E5)
    assert e5 is EMBEDDER_MODELS[E5]
    assert set(e5) == set(MODELS) == {"action_line", "sdg"}


def test_at_e5s_level_for_unrelated_texts_only_e5s_models_infer_no_tag() -> None:
    taxonomy = load_taxonomy()
    n = len(taxonomy.specs)
    # every description at E5's cosine for texts of one broad subject, a little below the best tag
    vague = _rows(0.80, -0.03, n)
    kept_by_minilm, _ = keep_inferred(vague, taxonomy, MODELS)
    kept_by_e5, _ = keep_inferred(vague, taxonomy, models_for(E5))
    assert kept_by_minilm.all()  # what an E5 index tagged before: every line and goal
    assert not kept_by_e5.any()


def test_e5s_models_still_infer_a_tag_the_passages_stand_close_to() -> None:
    taxonomy = load_taxonomy()
    rows = _rows(0.80, -0.08, len(taxonomy.specs))
    rows[0] = [0.92, 0.0, 0.92, 0.0]  # the first Action Line: close, and the document's best
    kept, probability = keep_inferred(rows, taxonomy, models_for(E5))
    assert kept[0] and not kept[1:].any()
    assert probability[0] > probability[1:].max()


def test_an_e5_index_tags_with_e5s_models_and_a_minilm_index_with_minilms(tmp_path: Path) -> None:
    e5 = CorpusIndex(load_settings(home=tmp_path / "e5", embedder=E5))
    minilm = CorpusIndex(load_settings(home=tmp_path / "minilm", embedder="minilm"))
    assert e5.tagger.models is EMBEDDER_MODELS[E5]
    assert minilm.tagger.models is None  # Tagger then reads MODELS
