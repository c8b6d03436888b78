"""Query latency at 1k / 10k / 100k chunks, with embedded Chroma and with a `chroma run` server.

For each corpus size (a cached synthetic home, see build_homes.py) and each store mode, every
step of a question is timed over a pool of distinct questions (more than the retriever's query
cache holds, so each search embeds its query):

* query embedding (Embedder.encode_one), dense (Chroma nearest neighbours of a ready vector),
  keyword (BM25 scores of every row from the snapshot);
* hybrid search (embedding + dense + keyword + fusion + per-session cap), the same with filters
  (year and section; organisers), and the whole-corpus scan `best_per_session`;
* full extractive answers (`AskService.ask`) to ordinary questions and to whole-corpus ones.

p50 and p95 are printed per row, plus the one-off cost of a cold start (snapshot load).

    .venv/bin/python benchmarks/query.py --sizes 1000,10000            # quick
    .venv/bin/python benchmarks/query.py                               # 1k, 10k and 100k, both modes
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    OUT,
    cached_home,
    home_chunks,
    ms,
    percentile,
    print_machine,
    print_table,
    stop_process,
)
from benchmarks.make_corpus import COUNTRIES, PEOPLE, TOPICS

TARGETS = {"hybrid search": 0.050, "whole-corpus scan": 0.500, "answer (extractive)": 0.150}

QUESTION_FORMS = (
    "What did speakers say about {sub} for {people}?",
    "What barriers to {sub} were reported in {country}?",
    "How is {topic} funded, and what did {country} commit?",
    "What recommendations were made on {sub}?",
    "What figures were given on {topic} for {people}?",
)
AGGREGATE_FORMS = (
    "Which sessions discussed {sub}?",
    "How many sessions talked about {topic} for {people}?",
    "Which sessions mentioned {country} and {sub}?",
)


def questions(forms: tuple[str, ...], n: int, seed: int = 11) -> list[str]:
    """n distinct questions about the synthetic corpus's topics."""
    rng = random.Random(seed)
    found: dict[str, None] = {}
    while len(found) < n:
        topic = rng.choice(sorted(TOPICS))
        found[rng.choice(forms).format(topic=topic, sub=rng.choice(TOPICS[topic]),
                                       people=rng.choice(PEOPLE), country=rng.choice(COUNTRIES))] = None
    return list(found)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def chroma_server(chroma_folder: Path) -> Iterator[str]:
    """A `chroma run` server on a copy of an embedded store; yields its URL, stops it on exit."""
    workdir = Path(tempfile.mkdtemp(prefix="chroma-server-", dir=OUT))
    data = workdir / "chroma"
    shutil.copytree(chroma_folder, data)
    port = free_port()
    exe = Path(sys.executable).parent / "chroma"
    log = (workdir / "server.log").open("w")
    proc = subprocess.Popen([str(exe), "run", "--path", str(data), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma server did not start; see {workdir / 'server.log'}") from None
                time.sleep(0.3)
        yield url
    finally:
        stop_process(proc)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


def latencies(fn: Callable[[str], Any], items: list[str]) -> list[float]:
    """Seconds of fn(item) for each item."""
    times = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        times.append(time.perf_counter() - start)
    return times


def measure(home: Path, chroma_url: str | None, n_questions: int) -> tuple[list[list[object]], dict]:
    """Time every step on one home and store mode; returns table rows and raw figures."""
    from assistant.ask.search import Retriever, SearchFilters
    from assistant.ask.service import AskService
    from assistant.config import load_settings
    from assistant.corpus.store import CorpusIndex

    settings = load_settings(home=home, chroma_url=chroma_url)
    index = CorpusIndex(settings)
    index.embedder.encode(["warm up the model"])
    start = time.perf_counter()
    snap = index.snapshot()
    snapshot_s = time.perf_counter() - start
    retriever = Retriever(index)
    start = time.perf_counter()
    retriever.search("digital skills for older persons")
    first_search_s = time.perf_counter() - start
    service = AskService(index, settings)

    asks = questions(QUESTION_FORMS, n_questions)
    aggregates = questions(AGGREGATE_FORMS, max(20, n_questions // 2), seed=12)
    for q in asks[:5]:  # warm-up of every path (Chroma's HNSW in memory, numpy, regexes)
        service.ask(q)
    vectors = {q: index.embedder.encode_one(q) for q in asks}
    years = sorted({int(m.get("year") or 0) for m in snap.metadatas[:2000]} - {0}) or [None]
    orgs = ("ITU", "UNESCO", "World Bank", "GSMA", "Microsoft")
    kinds: dict[str, int] = {}
    rng = random.Random(5)

    def ask(q: str) -> None:
        kind = service.ask(q).kind
        kinds[kind] = kinds.get(kind, 0) + 1

    fresh = iter(questions(QUESTION_FORMS, 6 * n_questions, seed=99))

    def new_question(_: str) -> str:
        return next(fresh)

    steps: list[tuple[str, Callable[[str], Any], list[str]]] = [
        ("query embedding", index.embedder.encode_one, asks),
        ("dense (Chroma, k=40)", lambda q: index.collection.query(
            query_embeddings=[vectors[q]], n_results=40, include=["documents", "metadatas", "distances"]),
         asks),
        ("keyword (BM25, all rows)", snap.keyword_scores, asks),
        ("hybrid search", lambda q: retriever.search(new_question(q), k=8), asks),
        ("hybrid search, year+section filter", lambda q: retriever.search(
            new_question(q), k=8, filters=SearchFilters(year=rng.choice(years), section="action_plan")),
         asks),
        ("hybrid search, organisers filter", lambda q: retriever.search(
            new_question(q), k=8, filters=SearchFilters(organisers=rng.choice(orgs))), asks),
        ("whole-corpus scan (best_per_session)", lambda q: retriever.best_per_session(new_question(q)),
         asks),
        ("answer (extractive)", lambda q: ask(new_question(q)), asks),
        ("whole-corpus answer (extractive)", ask, aggregates),
    ]
    rows: list[list[object]] = []
    figures: dict[str, Any] = {"snapshot_load_s": snapshot_s, "first_search_s": first_search_s}
    for name, fn, items in steps:
        kinds.clear()
        times = latencies(fn, items)
        p50, p95 = percentile(times, 50), percentile(times, 95)
        figures[name] = {"p50": p50, "p95": p95, "n": len(times), "kinds": dict(kinds)}
        target = next((t for key, t in TARGETS.items() if name.startswith(key)), None)
        verdict = "" if target is None else ("ok" if p95 <= target else f"over {ms(target)}")
        note = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        rows.append([name, len(times), ms(p50), ms(p95), verdict, note])
    return rows, figures


def main(argv: list[str] | None = None) -> int:
    """Command line: measure the chosen sizes and modes and print one table each."""
    parser = argparse.ArgumentParser(description="Query and answer latency at scale.")
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated chunk counts")
    parser.add_argument("--modes", default="embedded,server", help="embedded, server or both")
    parser.add_argument("--questions", type=int, default=100, help="distinct questions per row")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    args = parser.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if set(modes) - {"embedded", "server"}:
        parser.error("--modes takes embedded and/or server")
    print_machine()
    results: dict[str, Any] = {}
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        home = cached_home(size)
        chunks = home_chunks(home)
        for mode in modes:
            if mode == "server":
                with chroma_server(home / "chroma") as url:
                    rows, figures = measure(home, url, args.questions)
            else:
                rows, figures = measure(home, None, args.questions)
            results[f"{size}/{mode}"] = figures
            print(f"\n{chunks} chunks, {mode} Chroma: snapshot load {figures['snapshot_load_s']:.2f}s, "
                  f"first search {ms(figures['first_search_s'])}")
            print_table(["step", "n", "p50", "p95", "target (p95)", "answer kinds"], rows)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
