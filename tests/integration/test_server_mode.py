"""Server mode: the same index against a real `chroma run` server through HttpClient.

CI starts the server and passes RAPPORTEUR_TEST_CHROMA_URL; run alone, the fixture starts one.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.config import load_settings
from assistant.corpus.embeddings import Embedder
from assistant.corpus.store import CorpusIndex, IndexError_

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a real Chroma server: CI's, or one started here for this module."""
    url = os.environ.get("RAPPORTEUR_TEST_CHROMA_URL")
    if url:
        yield url
        return
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma executable should be installed in the virtualenv"
    port = _free_port()
    process = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path_factory.mktemp("chroma-server")), "--host",
         "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.25)
        else:
            pytest.fail("chroma run did not start within 30 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_ingest_search_update_remove_through_a_chroma_server(
    chroma_url: str, tmp_path: Path, embedder: Embedder
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("2024-quantum-readiness.md", "2025-early-warning-mobile-alerts.pdf"):
        shutil.copy(CORPUS / name, folder / name)
    settings = load_settings(home=tmp_path / "home", chroma_url=chroma_url,
                             collection=f"test-{uuid.uuid4().hex[:8]}")
    index = CorpusIndex(settings, embedder=embedder)
    report = index.ingest([folder])
    assert report.count("added") == 2 and not report.failed
    assert not settings.chroma_path.exists(), "server mode must not create an embedded store"

    # a second app process (another home, same server) sees the same corpus
    other = CorpusIndex(load_settings(home=tmp_path / "other-home", chroma_url=chroma_url,
                                      collection=settings.collection), embedder=embedder)
    assert [d.doc_id for d in other.documents()] == [d.doc_id for d in index.documents()]
    query = embedder.encode(["cell broadcast alerts for disasters"])[0]
    hit = other.collection.query(query_embeddings=[query], n_results=1)
    assert hit["metadatas"][0][0]["doc_id"] == "2025-early-warning-mobile-alerts"

    assert index.ingest([folder]).embedded_chunks == 0
    index.remove(["2024-quantum-readiness"])
    assert index.collection.get(where={"doc_id": "2024-quantum-readiness"})["ids"] == []
    # the other process notices the server's new revision and rebuilds its keyword index
    time.sleep(1.1)
    assert [d.doc_id for d in other.documents()] == ["2025-early-warning-mobile-alerts"]
    assert other.snapshot().keyword_scores("post-quantum").max() == 0


def test_unreachable_server_gives_a_clear_error(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path, chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(IndexError_, match=r"cannot reach the Chroma server.*chroma run"):
        _ = CorpusIndex(settings).collection
