"""Shared helpers of the benchmark scripts: synthetic corpora and cached homes, timing, tables.

Built homes (an embedded Chroma store plus its search snapshot) are cached under benchmarks/out/
(git-ignored) so that a 100k-chunk index is embedded once and reused by every later run.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
SAMPLE_CORPUS = REPO / "corpus"
CHUNKS_PER_DOC = 20
DEFAULT_SEED = 7

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def docs_for_chunks(chunks: int) -> int:
    """Number of synthetic documents that gives about this many chunks (~20 per document)."""
    return max(1, round(chunks / CHUNKS_PER_DOC))


def synthetic_corpus(docs: int, seed: int = DEFAULT_SEED) -> Path:
    """The folder of a synthetic corpus with `docs` documents, generated on first use."""
    from benchmarks.make_corpus import write_corpus

    folder = OUT / f"corpus-{docs}-s{seed}"
    marker = folder / ".complete"
    if not marker.exists():
        write_corpus(docs, seed, folder)
        marker.write_text(str(docs), encoding="utf-8")
    return folder


def cached_home(chunks: int, seed: int = DEFAULT_SEED, log: Callable[[str], None] = print) -> Path:
    """A home with a synthetic corpus of about `chunks` chunks indexed (built once, then reused).

    The home is complete once `built.json` exists; an interrupted build is resumed by the index's
    own skip-unchanged logic.
    """
    docs = docs_for_chunks(chunks)
    home = OUT / f"home-{docs}-s{seed}"
    if (home / "built.json").exists():
        return home
    corpus = synthetic_corpus(docs, seed)
    from assistant.config import load_settings
    from assistant.corpus.store import CorpusIndex

    index = CorpusIndex(load_settings(home=home))
    log(f"building {home.name}: ingesting {docs} synthetic documents (about {chunks} chunks)")
    last = [0.0]

    def progress(done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if label == "embedding" and now - last[0] > 30:
            last[0] = now
            log(f"  {done}/{total} chunks embedded")

    report = index.ingest([corpus], progress=progress)
    if report.failed:
        raise RuntimeError(f"{len(report.failed)} synthetic files failed: {report.failed[0].reason}")
    snap = index.snapshot()  # build and save the keyword snapshot now, not in the first timing
    info = {"docs": docs, "chunks": len(snap), "seed": seed, "seconds": round(report.seconds, 1)}
    (home / "built.json").write_text(json.dumps(info), encoding="utf-8")
    log(f"built {home.name}: {info}")
    return home


def sample_home() -> Path:
    """A home with the project's sample corpus (`corpus/`) indexed, built once under benchmarks/out/."""
    home = OUT / "home-sample"
    if not (home / "built.json").exists():
        from assistant.config import load_settings
        from assistant.corpus.store import CorpusIndex

        index = CorpusIndex(load_settings(home=home))
        report = index.ingest([SAMPLE_CORPUS])
        if report.failed:
            raise RuntimeError(f"sample corpus ingest failed: {report.failed[0].reason}")
        info = {"docs": len(report.results), "chunks": len(index.snapshot()), "seed": None,
                "seconds": round(report.seconds, 1)}
        (home / "built.json").write_text(json.dumps(info), encoding="utf-8")
    return home


def home_chunks(home: Path) -> int:
    """Chunk count recorded when a cached home was built."""
    return int(json.loads((home / "built.json").read_text(encoding="utf-8"))["chunks"])


def timed(fn: Callable[[], object], repeats: int) -> list[float]:
    """Wall-clock seconds of `repeats` calls of fn."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(values: Sequence[float]) -> float:
    """Median of a list of timings."""
    return statistics.median(values)


def machine() -> dict[str, str]:
    """The machine a run happened on: cores, CPU model, memory, Python, load average."""
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "ram": ram,
            "python": platform.python_version(), "load average (1/5/15 min)": load}


def stop_process(proc: subprocess.Popen, grace_s: float = 20.0) -> None:
    """Stop a server the benchmark started: terminate, then kill if it has not exited in grace_s."""
    proc.terminate()
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def print_machine() -> None:
    """Print the machine line every benchmark starts with."""
    info = machine()
    print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print a Markdown table (pastes straight into docs/performance.md)."""
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    sys.stdout.flush()


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def ms(seconds: float) -> str:
    """Seconds as a millisecond cell."""
    return f"{seconds * 1000:.1f} ms"
