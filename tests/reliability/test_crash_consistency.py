"""Crash consistency: `rapporteur ingest` killed with SIGKILL at random points, then run again.

Each run ingests the sample corpus into a fresh home as a real subprocess and kills it at a seeded
random moment of one phase, the phases taken in turn: start-up (imports, lock, reading the files),
embedding (after the store was opened, before the first write) and writing (after Chroma's files
began to grow: upserts, deletes of old versions, the keyword snapshot). After each kill the ingest
lock must be free at once (flock dies with its process) and `rapporteur check` must describe what
it finds; then `rapporteur ingest` (after `check --repair` on odd runs) must leave exactly what a
clean ingest into another home leaves: the same document ids, chunk ids and counts, Chroma and the
keyword index in step, and `check` healthy. The checks and the recovering ingest run the CLI
in-process (the same commands, without loading the model again); the killed one is a real process.

RAPPORTEUR_CRASH_RUNS sets the number of runs (3 by default, for CI; use 10 locally) and
RAPPORTEUR_CRASH_SEED the seed.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock
from rel_support import ARTIFACTS, CORPUS, RAPPORTEUR, IndexState, cli_env, fresh_index, index_state
from typer.testing import CliRunner

from assistant.config import load_settings
from assistant.corpus.embeddings import Embedder
from assistant.corpus.store import CorpusIndex

CRASH_RUNS = int(os.environ.get("RAPPORTEUR_CRASH_RUNS", "3"))
CRASH_SEED = int(os.environ.get("RAPPORTEUR_CRASH_SEED", "20250708"))
PHASES = ("start-up", "embedding", "writing")
GROWTH_BYTES = 300_000  # Chroma's files grew by this much: the first upsert is under way


@dataclass
class CrashRun:
    """One kill and its recovery, for the printed summary."""

    run: int
    phase: str
    killed_at: float
    killed: bool
    after_kill: str
    recovery: str
    seconds: float


def _store_bytes(home: Path) -> int:
    total = 0
    for path in (home / "chroma").rglob("*"):
        with contextlib.suppress(OSError):  # a file renamed or removed while we look
            total += path.stat().st_size if path.is_file() else 0
    return total


def _wait_then_kill(victim: subprocess.Popen[bytes], home: Path, phase: str, rng: random.Random,
                    embed_seconds: float) -> tuple[bool, float]:
    """Kill the ingest at a random moment of `phase`; (killed, seconds since it started)."""
    started = time.monotonic()

    def wait_until(condition, limit: float = 900) -> bool:
        while time.monotonic() - started < limit:
            if victim.poll() is not None:
                return False
            if condition():
                return True
            time.sleep(0.02)
        return False

    if phase == "start-up":
        ready = wait_until(lambda: time.monotonic() - started >= rng.uniform(0.3, 3.0))
    elif phase == "embedding":
        pause = rng.uniform(0.1, 0.7) * embed_seconds
        ready = wait_until(lambda: (home / "chroma").is_dir())
        opened = time.monotonic()
        ready = ready and wait_until(lambda: time.monotonic() - opened >= pause)
    else:
        ready = wait_until(lambda: (home / "chroma" / "chroma.sqlite3").is_file())
        baseline = _store_bytes(home)
        ready = ready and wait_until(lambda: _store_bytes(home) - baseline > GROWTH_BYTES)
        grown = time.monotonic()
        pause = rng.uniform(0.0, 1.5)
        ready = ready and wait_until(lambda: time.monotonic() - grown >= pause)
    if not ready or victim.poll() is not None:
        victim.wait(timeout=900)
        return False, time.monotonic() - started
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    return True, time.monotonic() - started


def _cli(*args: str) -> tuple[int, str]:
    from assistant.cli.main import app

    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


@pytest.mark.slow
@pytest.mark.timeout(300 + 300 * CRASH_RUNS)
def test_sigkill_during_ingest_then_ingest_again_equals_a_clean_ingest(
    tmp_path: Path, sample_index: CorpusIndex, embedder: Embedder,
) -> None:
    reference: IndexState = index_state(sample_index)  # the clean ingest, in another home
    rng = random.Random(CRASH_SEED)
    embed_seconds = 30.0  # replaced by the first recovery's measured time
    runs: list[CrashRun] = []
    for run in range(CRASH_RUNS):
        phase = PHASES[run % len(PHASES)]
        home = tmp_path / f"run{run}"
        victim = subprocess.Popen([RAPPORTEUR, "ingest", str(CORPUS), "--home", str(home)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env())
        killed, at = _wait_then_kill(victim, home, phase, rng, embed_seconds)
        if home.exists():  # the lock died with its holder: nobody has to wait for it
            lock = FileLock(str(home / "ingest.lock"))
            lock.acquire(timeout=5)
            lock.release()
        if (home / "chroma").exists():
            code, out = _cli("check", "--home", str(home), "--json")
            found = json.loads(out)
            assert (code == 0) == found["healthy"]
            after_kill = (f"{found['documents']} docs, {found['chunks']} chunks; "
                          + ("healthy" if found["healthy"] else "; ".join(found["problems"])[:150]))
        else:
            after_kill = "nothing written yet"
        repaired = ""
        if run % 2 == 1 and (home / "chroma").exists():
            code, out = _cli("check", "--home", str(home), "--repair", "--json")
            fixed = json.loads(out)
            assert code == 0 and (fixed["healthy"] or fixed["repaired"]), fixed
            repaired = f"check --repair removed {fixed['removed_chunks']} chunks; "
        began = time.monotonic()
        code, out = _cli("ingest", str(CORPUS), "--home", str(home), "--json")
        seconds = time.monotonic() - began
        assert code == 0, out[-2000:]
        if run == 0:
            embed_seconds = seconds
        statuses = [r["status"] for r in json.loads(out)["results"]]
        recovery = repaired + ", ".join(f"{statuses.count(s)} {s}" for s in sorted(set(statuses)))
        code, out = _cli("check", "--home", str(home), "--json")
        assert code == 0 and json.loads(out)["healthy"], out
        assert index_state(fresh_index(load_settings(home=home), embedder)) == reference
        runs.append(CrashRun(run, phase, at, killed, after_kill, recovery, seconds))
    lines = ["| run | phase | killed at (s) | killed | index after the kill | next ingest | its s |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r.run} | {r.phase} | {r.killed_at:.1f} | {'yes' if r.killed else 'no (finished)'} | "
              f"{r.after_kill} | {r.recovery} | {r.seconds:.0f} |" for r in runs]
    table = "\n".join(lines)
    print(f"\ncrash runs (seed {CRASH_SEED}):\n{table}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"crash-runs-{CRASH_RUNS}.md").write_text(table + "\n", encoding="utf-8")
    assert any(r.killed for r in runs), "no run was killed: every ingest finished before its kill"


# -- `rapporteur check` on damage it must find and repair -----------------------------------------
DAMAGE = ("partial-document", "stale-version", "interrupted-flag", "keyword-index-missing",
          "keyword-index-corrupt", "keyword-index-swap-interrupted")
TWO_DOCS = ("2024-quantum-readiness.md", "2023-child-online-protection.txt")


@pytest.fixture(scope="module")
def two_doc_home(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Path, Path]:
    """(documents folder, a home with those two documents indexed) to copy for each damage."""
    root = tmp_path_factory.mktemp("rel-check")
    docs = root / "docs"
    docs.mkdir()
    for name in TWO_DOCS:
        shutil.copy(CORPUS / name, docs / name)
    home = root / "home"
    report = CorpusIndex(load_settings(home=home), embedder=embedder).ingest([docs])
    assert not report.failed
    return docs, home


def _damage(index: CorpusIndex, kind: str) -> None:
    col = index.collection
    snapshot = index.settings.snapshot_path
    if kind == "partial-document":  # killed between two Chroma batches of one document
        ids = [i for i in col.get(include=[])["ids"] if i.startswith("2024-quantum-readiness::")]
        col.delete(ids=ids[: len(ids) // 2])
        col.modify(metadata={"revision": "crashed", "state": "writing"})
    elif kind == "stale-version":  # killed after writing a new version, before deleting the old
        got = col.get(where={"doc_id": "2023-child-online-protection"},
                      include=["documents", "metadatas", "embeddings"])
        metas = [dict(m, doc_hash="0" * 64, ingested_at=1.0) for m in got["metadatas"]]
        col.upsert(ids=[i.replace("::", "::old-", 1) for i in got["ids"]], embeddings=got["embeddings"],
                   documents=got["documents"], metadatas=metas)
        col.modify(metadata={"revision": "crashed", "state": "writing"})
    elif kind == "interrupted-flag":  # killed after the last write, before the state was set back
        col.modify(metadata={"revision": "crashed", "state": "writing"})
    elif kind == "keyword-index-missing":
        shutil.rmtree(snapshot)
    elif kind == "keyword-index-corrupt":
        rows = snapshot / "rows.json"
        rows.write_bytes(rows.read_bytes()[:1000])
    elif kind == "keyword-index-swap-interrupted":  # killed between the two renames of save()
        snapshot.rename(snapshot.with_name("snapshot.old"))
        (snapshot.parent / ".snapshot-leftover").mkdir()


@pytest.mark.parametrize("kind", DAMAGE)
def test_check_finds_the_damage_and_repair_plus_ingest_restores_the_index(
    kind: str, tmp_path: Path, two_doc_home: tuple[Path, Path], embedder: Embedder, outcomes,
) -> None:
    from assistant.cli.main import app

    docs, source_home = two_doc_home
    home = tmp_path / "home"
    shutil.copytree(source_home, home)
    settings = load_settings(home=home)
    before = index_state(fresh_index(settings, embedder))
    _damage(fresh_index(settings, embedder), kind)
    runner = CliRunner()

    found = runner.invoke(app, ["check", "--home", str(home)])
    assert found.exit_code == 1, found.output
    assert "problem:" in found.stdout and "needs repair" in found.stdout
    problems = [line.split("problem:", 1)[1].strip()
                for line in found.stdout.splitlines() if "problem:" in line]

    repaired = runner.invoke(app, ["check", "--home", str(home), "--repair"])
    assert repaired.exit_code == 0 and "repaired" in repaired.stdout, repaired.output
    healthy = runner.invoke(app, ["check", "--home", str(home)])
    assert healthy.exit_code == 0 and "healthy" in healthy.stdout, healthy.output
    listed = runner.invoke(app, ["list", "--home", str(home), "--json"])
    assert listed.exit_code == 0 and "Traceback" not in listed.output

    again = runner.invoke(app, ["ingest", str(docs), "--home", str(home)])
    assert again.exit_code == 0, again.output
    index = fresh_index(settings, embedder)
    assert index_state(index) == before
    assert index.check().healthy
    outcomes.add(f"check-{kind}", "; ".join(problems),
                 "repaired by check --repair; ingest restored it; healthy")


def test_ingest_after_a_kill_past_the_last_write_leaves_the_store_clean(
    tmp_path: Path, two_doc_home: tuple[Path, Path], embedder: Embedder,
) -> None:
    """Killed after the last chunk was written but before the store was marked clean: every file is
    'unchanged', and the next ingest alone (no --repair) must still leave `check` healthy."""
    docs, source_home = two_doc_home
    home = tmp_path / "home"
    shutil.copytree(source_home, home)
    settings = load_settings(home=home)
    before = index_state(fresh_index(settings, embedder))
    _damage(fresh_index(settings, embedder), "interrupted-flag")
    assert not fresh_index(settings, embedder).check().healthy
    code, out = _cli("ingest", str(docs), "--home", str(home), "--json")
    assert code == 0 and {r["status"] for r in json.loads(out)["results"]} == {"unchanged"}
    code, out = _cli("check", "--home", str(home), "--json")
    assert code == 0 and json.loads(out)["healthy"], out
    assert index_state(fresh_index(settings, embedder)) == before
