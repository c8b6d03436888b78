"""Shared fixtures: a real embedding model, and the sample corpus indexed once per test session.

Tests use the real parts: the shipped all-MiniLM-L6-v2 model and a real Chroma store in a
temporary folder. Tests that change an index build their own small one with `make_index`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from support.fake_embedder import HashingEmbedder
from support.ports import free_port

from assistant.config import Settings, load_settings
from assistant.corpus.embeddings import Embedder
from assistant.corpus.store import CorpusIndex

__all__ = ["free_port"]  # tests import it from `conftest`

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SEED_FILE = REPO / "tests" / "data" / "seed_quantum_governance_2024.txt"
DATASETS = REPO / "evals" / "datasets"




@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's own data folder or server settings by accident."""
    for key in list(os.environ):
        if key.startswith("RAPPORTEUR_") and key != "RAPPORTEUR_TEST_CHROMA_URL":
            monkeypatch.delenv(key, raising=False)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real embedding model, loaded once for the whole test session."""
    settings = load_settings(home="/nonexistent")
    return Embedder(settings.model_path())


@pytest.fixture(scope="session")
def fake_embedder() -> Embedder:
    """A deterministic hashing embedder (no torch): for tests of mechanics, not of meaning."""
    settings = load_settings(home="/nonexistent")
    return HashingEmbedder(settings.model_path())


@pytest.fixture
def make_fake_index(tmp_path: Path, fake_embedder: Embedder) -> Callable[..., CorpusIndex]:
    """Build a fresh, empty index in a temporary home that embeds with the fake embedder."""
    counter = iter(range(1000))

    def build(**overrides: object) -> CorpusIndex:
        home = tmp_path / f"fake-home{next(counter)}"
        return CorpusIndex(load_settings(home=home, **overrides), embedder=fake_embedder)

    return build


@pytest.fixture
def make_index(tmp_path: Path, embedder: Embedder) -> Callable[..., CorpusIndex]:
    """Build a fresh, empty index in a temporary home (optionally with settings overrides)."""
    counter = iter(range(1000))

    def build(**overrides: object) -> CorpusIndex:
        home = tmp_path / f"home{next(counter)}"
        settings = load_settings(home=home, **overrides)
        return CorpusIndex(settings, embedder=embedder)

    return build


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a session-wide home holding the indexed sample corpus."""
    return load_settings(home=tmp_path_factory.mktemp("sample-home"))


@pytest.fixture(scope="session")
def sample_index(sample_settings: Settings, embedder: Embedder) -> Iterator[CorpusIndex]:
    """The project's sample corpus, indexed once per session. Do not modify it in tests."""
    index = CorpusIndex(sample_settings, embedder=embedder)
    report = index.ingest([CORPUS])
    assert not report.failed, [(r.path, r.reason) for r in report.failed]
    yield index


@pytest.fixture
def seed_text() -> str:
    """A real outcome document of the WSIS Forum 2024 (a copy of the project's seed)."""
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
