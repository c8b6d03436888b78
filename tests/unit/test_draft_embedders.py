"""The drafter reads notes by one embedder and the corpus by the index's (issue 27).

Beside a multilingual index (E5), the extractive drafter compares note sentences with each other
and with the form's section descriptions by the notes embedder (MiniLM in the service), whose
cosine scale its section scores were tuned on; only a sentence's nearest labelled chunks of the
corpus are found by the index's own embedder, the one the snapshot's vectors come from.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
from conftest import SEED_FILE
from support.fake_embedder import DIMENSION, WORD, HashingEmbedder

from assistant.config import load_settings
from assistant.corpus.embeddings import QUERY, embedder_spec
from assistant.corpus.store import CorpusIndex
from assistant.domain.normalise import expand_abbreviations
from assistant.domain.template import load_template
from assistant.drafting.engines.extractive import ExtractiveDrafter
from assistant.drafting.notes import read_notes

E5 = "multilingual-e5-small"
NOTES = """Session: Community networks for mountain villages
Organised by ITU

Ana Ruiz (ITU)
- community networks connected 40 villages in the highlands last year
- the regulator should reserve spectrum for local operators
- a training fund for women technicians will open in 2026
Omar Haddad (APC)
- affordability remains the main barrier for rural households
- we propose a regional exchange of network operators next year
"""


class RecordingEmbedder(HashingEmbedder):
    """A hashing embedder that keeps every batch it was asked to embed; `salt` hashes words apart
    from another instance's, as another model's vectors lie in another space."""

    def __init__(self, model_path: Path, name: str, salt: str = "") -> None:
        super().__init__(model_path, spec=embedder_spec(name))
        self.salt = salt
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str], batch_size: int | None = None, mode: str = QUERY) -> np.ndarray:
        """Hashed rows of the texts, the batch recorded."""
        self.calls.append(list(texts))
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in WORD.findall(text.lower()):
                code = zlib.crc32((self.salt + word).encode("utf-8"))
                out[row, code % DIMENSION] += 1.0 if code & 0x10000 else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out


def _texts(sections) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    return [(s.id, [i.text for i in s.items]) for s in sections]


def test_without_a_corpus_the_index_embedder_embeds_nothing_and_the_draft_is_the_notes_embedders(
        tmp_path: Path) -> None:
    path = load_settings(home=tmp_path).model_path()
    notes = read_notes(NOTES, kinds=False)
    template = load_template("wsis-2025")
    minilm = RecordingEmbedder(path, "minilm")
    e5 = RecordingEmbedder(path, E5, salt="e5:")
    alone = ExtractiveDrafter(RecordingEmbedder(path, "minilm"), template).draft(notes)
    beside = ExtractiveDrafter(e5, template, None, notes_embedder=minilm).draft(notes)
    assert e5.calls == []
    assert minilm.calls, "the notes embedder embeds the candidates"
    assert _texts(beside) == _texts(alone)


def test_the_corpus_votes_are_read_by_the_index_embedder(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path / "home", embedder=E5)
    e5 = RecordingEmbedder(settings.model_path(), E5, salt="e5:")
    index = CorpusIndex(settings, embedder=e5)
    index.ingest([SEED_FILE])
    snapshot = index.snapshot()
    assert len(snapshot)
    e5.calls.clear()
    minilm = RecordingEmbedder(settings.model_path(), "minilm")
    drafter = ExtractiveDrafter(e5, load_template("wsis-2025"), snapshot, notes_embedder=minilm)
    found = drafter.candidates(read_notes(NOTES, kinds=False), [])
    assert found
    # the candidates are embedded by both: by MiniLM for the section descriptions and each other,
    # by the index's embedder for their nearest chunks of the corpus (never the descriptions)
    texts = [expand_abbreviations(c.sentence.text) for c in found]
    assert e5.calls == [texts]
    assert texts in minilm.calls
    # one embedder for both (a MiniLM index, or no notes embedder given): the candidates embedded once
    same = ExtractiveDrafter(e5, load_template("wsis-2025"), snapshot)
    e5.calls.clear()
    same.candidates(read_notes(NOTES, kinds=False), [])
    assert e5.calls.count(texts) == 1
