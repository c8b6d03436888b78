"""Fixtures for the reliability tests (helpers live in rel_support.py, input makers in rel_hostile.py).

Session fixtures: the fake LLM endpoint, a `rapporteur serve` process with login on, and the table
of outcomes written to test-artifacts/. Module fixture: a small private indexed home.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rel_support import (
    ALICE,
    ARTIFACTS,
    BOB,
    CORPUS,
    SMALL_CORPUS,
    FakeLLM,
    OutcomeTable,
    ServedApp,
    start_fake_llm,
)

from assistant.config import load_settings
from assistant.corpus.embeddings import Embedder
from assistant.corpus.store import CorpusIndex


@pytest.fixture(scope="session")
def outcomes() -> Iterator[OutcomeTable]:
    """Collects one row per hostile case; saved as test-artifacts/reliability-outcomes.md."""
    table = OutcomeTable()
    yield table
    if table.rows:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "reliability-outcomes.md").write_text(table.markdown(), encoding="utf-8")



@pytest.fixture(scope="module")
def small_home(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """A private home holding four sample documents (one of each file type), indexed."""
    home = tmp_path_factory.mktemp("rel-small") / "home"
    folder = home.parent / "docs"
    folder.mkdir()
    for name in SMALL_CORPUS:
        shutil.copy(CORPUS / name, folder / name)
    report = CorpusIndex(load_settings(home=home), embedder=embedder).ingest([folder])
    assert not report.failed, [(r.path, r.reason) for r in report.failed]
    return home



@pytest.fixture(scope="session")
def fake_llm() -> Iterator[FakeLLM]:
    """The fake endpoint, running on 127.0.0.1 in a thread for the whole session."""
    fake, server = start_fake_llm()
    yield fake
    server.shutdown()
    server.server_close()



@pytest.fixture
def llm(fake_llm: FakeLLM) -> Iterator[FakeLLM]:
    """The fake endpoint, reset to "ok" before and after a test."""
    fake_llm.mode, fake_llm.requests = "ok", 0
    fake_llm.bodies.clear()
    yield fake_llm
    fake_llm.mode = "ok"



@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory, sample_index: CorpusIndex,
           fake_llm: FakeLLM) -> Iterator[ServedApp]:
    """`rapporteur serve` on a copy of the indexed sample corpus, login on (alice admin, bob not),
    the llm engine pointed at the fake endpoint with a 2 s timeout and no retries."""
    root = tmp_path_factory.mktemp("rel-serve")
    home = root / "home"
    shutil.copytree(sample_index.settings.home, home, ignore=shutil.ignore_patterns("*.lock"))
    logs = root / "logs"
    logs.mkdir()
    app = ServedApp(home=home, log_dir=logs, env={
        "RAPPORTEUR_AUTH": f"{ALICE[0]}:{ALICE[1]},{BOB[0]}:{BOB[1]}",
        "RAPPORTEUR_ADMINS": ALICE[0],
        "RAPPORTEUR_OPENAI_BASE_URL": fake_llm.base_url,
        "RAPPORTEUR_LLM_TIMEOUT": "2",
        "RAPPORTEUR_LLM_MAX_RETRIES": "0",
        "RAPPORTEUR_LLM_MODEL": "openai:test-model",
        "OPENAI_API_KEY": "not-needed",
    })
    app.start()
    yield app
    app.stop()



@pytest.fixture
def wait_for() -> Callable[..., None]:
    """Poll a condition until it holds (or fail after `timeout` seconds)."""

    def wait(condition: Callable[[], bool], timeout: float = 30, what: str = "condition") -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}")

    return wait
