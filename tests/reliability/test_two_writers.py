"""Two writers on one home: two `ingest` processes, and two index objects in one process.

The second `ingest` process waits for the first one's lock (or, with a short lock timeout, fails
with a clear message); either way the index ends exactly as one clean ingest leaves it. An index
object that looked at the corpus a moment ago must not act on that stale view when it writes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from filelock import FileLock, Timeout
from rel_hostile import outcome_text, write
from rel_support import (
    CORPUS,
    RAPPORTEUR,
    assert_healthy,
    cli_env,
    fresh_index,
    index_state,
    run_cli,
)

import assistant.corpus.store as index_module
from assistant.config import load_settings
from assistant.corpus.embeddings import Embedder
from assistant.corpus.store import IndexError_

FEW_DOCS = ("2024-quantum-readiness.md", "2023-child-online-protection.txt",
            "2025-digital-learning-schools.txt", "2024-cyber-incident-response.md",
            "2023-e-waste-circular-economy.txt")


def _lock_is_held(home: Path) -> bool:
    """True when some process holds the ingest lock of this home right now."""
    lock = FileLock(str(home / "ingest.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False


@pytest.mark.slow
def test_a_second_ingest_process_waits_for_the_first_and_nothing_is_corrupted(
    tmp_path: Path, embedder: Embedder, wait_for,
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in FEW_DOCS:
        shutil.copy(CORPUS / name, docs / name)
    home = tmp_path / "home"
    home.mkdir()
    first = subprocess.Popen([RAPPORTEUR, "ingest", str(docs), "--home", str(home), "--json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env())
    wait_for(lambda: _lock_is_held(home) or first.poll() is not None, timeout=120,
             what="the first ingest's lock")
    assert first.poll() is None, "the first ingest finished before the second could start; nothing was tested"
    second = subprocess.Popen([RAPPORTEUR, "ingest", str(docs), "--home", str(home), "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env())
    # meanwhile an in-process writer with a short lock timeout is refused with a clear message
    settings = load_settings(home=home)
    if _lock_is_held(home):
        busy = r"another ingest is running on .*; wait for it to finish and retry"
        with pytest.raises(IndexError_, match=busy):
            fresh_index(settings, embedder).ingest([docs], lock_timeout=0.2)
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0, err1[-2000:]
    assert second.returncode == 0, err2[-2000:]
    statuses1 = {r["status"] for r in json.loads(out1)["results"]}
    statuses2 = {r["status"] for r in json.loads(out2)["results"]}
    assert statuses1 == {"added"}
    assert statuses2 == {"unchanged"}, "the second ingest did not wait for the first one's writes"
    index = fresh_index(settings, embedder)
    state = index_state(index)
    assert state.doc_ids == sorted(Path(n).stem for n in FEW_DOCS)
    assert_healthy(index)
    check = run_cli("check", "--home", str(home))
    assert check.returncode == 0 and "healthy" in check.stdout, check.stdout + check.stderr


def test_an_index_object_with_a_recent_view_does_not_skip_a_document_another_writer_removed(
    tmp_path: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """App and CLI (or two app workers on a Chroma server) each hold an index object. The app looked
    at the corpus, the CLI removed a document, the app re-ingests it at once: it must be added back,
    not skipped as 'unchanged' because of the app's cached view."""
    monkeypatch.setattr(index_module, "REVISION_TTL_S", 3600.0)  # "at once": well within the cache time
    settings = load_settings(home=tmp_path / "home")
    doc = write(tmp_path, "shared-doc.md", outcome_text("Shared session", "public libraries"))
    app_view = fresh_index(settings, embedder)
    assert app_view.ingest([doc]).results[0].status == "added"
    assert [d.doc_id for d in app_view.documents()] == ["shared-doc"]  # the app's view is now cached
    fresh_index(settings, embedder).remove(["shared-doc"])  # another writer
    report = app_view.ingest([doc])
    assert report.results[0].status == "added", report.results[0]
    assert [d.doc_id for d in fresh_index(settings, embedder).documents()] == ["shared-doc"]
    # and the other way round: a document another writer added can be removed at once
    other = write(tmp_path, "other-doc.md", outcome_text("Other session", "school meals"))
    assert fresh_index(settings, embedder).ingest([other]).results[0].status == "added"
    assert app_view.remove(["other-doc"]) == ["other-doc"]
    assert [d.doc_id for d in fresh_index(settings, embedder).documents()] == ["shared-doc"]
    assert_healthy(fresh_index(settings, embedder))
