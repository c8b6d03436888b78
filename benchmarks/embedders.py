"""Ingest and query cost of each registered embedder (issue 27), on the same corpus and questions.

For each embedder (RAPPORTEUR_EMBEDDER names): a fresh home, `CorpusIndex.ingest` of the corpus
(wall seconds, the process's CPU seconds, chunks per second, the share spent embedding), then Ask
over it: the median wall and CPU time of a question asked in English and the same asked in French
(answer composed, citations and all), after one warm-up question. Then, for the embedder's bare
encoder, chunk-like texts embedded in calls of 1, 8 and 64 texts (what batching buys).

CPU seconds are given beside wall seconds because the machine is shared: wall time moves with the
load, the CPU time a job needs much less. Threads: run it once with OMP_NUM_THREADS=1 and once with
2 to see what a second core buys (both engines read the variable when they load).

    .venv/bin/python benchmarks/embedders.py                          # the sample corpus
    .venv/bin/python benchmarks/embedders.py --corpus ../shared/fieldset/corpus
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import SAMPLE_CORPUS

# Questions written for this benchmark (English, and the same in French).
QUESTIONS = [
    ("Which sessions discussed digital skills for women?",
     "Quelles séances ont parlé des compétences numériques des femmes ?"),
    ("What was recommended about broadband in rural areas?",
     "Qu'a-t-on recommandé au sujet du haut débit dans les zones rurales ?"),
    ("What did speakers say about artificial intelligence and ethics?",
     "Qu'ont dit les intervenants sur l'intelligence artificielle et l'éthique ?"),
]


def _timed_embedder(settings: Any, clock: dict[str, float]) -> Any:
    from assistant.corpus.embeddings import QUERY, Embedder, embedder_spec

    class TimedEmbedder(Embedder):
        depth = 0  # encode_with_tails may call encode: time the outer call only

        def _timed(self, call: Any) -> Any:
            self.depth += 1
            start = time.perf_counter()
            try:
                return call()
            finally:
                self.depth -= 1
                if self.depth == 0:
                    clock["encode"] += time.perf_counter() - start

        def encode(self, texts: list[str], batch_size: int | None = None,  # type: ignore[override]
                   mode: str = QUERY) -> Any:
            return self._timed(lambda: super(TimedEmbedder, self).encode(texts, batch_size, mode))

        def encode_with_tails(self, texts: list[str], tail_starts: list[int],  # type: ignore[override]
                              batch_size: int | None = None, passages: bool = False) -> Any:
            return self._timed(lambda: super(TimedEmbedder, self).encode_with_tails(
                texts, tail_starts, batch_size, passages))

    return TimedEmbedder(settings.model_path(), settings.embedding_batch_size,
                         settings.embedding_backend, embedder_spec(settings.embedder))


def _measure(name: str, corpus: Path) -> dict[str, float]:
    from assistant.ask.service import AskService
    from assistant.config import load_settings
    from assistant.corpus.store import CorpusIndex

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-embedder-") as home:
        settings = load_settings(home=home, embedder=name)
        clock = {"encode": 0.0}
        index = CorpusIndex(settings, embedder=_timed_embedder(settings, clock))
        index.embedder.encode(["warm up"])  # load the model outside the timed ingest
        clock["encode"] = 0.0
        wall, cpu = time.perf_counter(), time.process_time()
        report = index.ingest([corpus])
        out["ingest wall s"] = time.perf_counter() - wall
        out["ingest CPU s"] = time.process_time() - cpu
        out["chunks"] = report.embedded_chunks
        out["chunks/s (wall)"] = report.embedded_chunks / out["ingest wall s"]
        out["chunks/s (CPU)"] = report.embedded_chunks / out["ingest CPU s"]
        out["embedding share"] = clock["encode"] / out["ingest wall s"]
        service = AskService(index, settings)
        service.ask("Which sessions discussed youth?")  # warm-up
        for column, pick in (("English", 0), ("French", 1)):
            walls, cpus = [], []
            for pair in QUESTIONS:
                wall, cpu = time.perf_counter(), time.process_time()
                service.ask(pair[pick])
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
            out[f"ask {column} wall ms"] = 1000 * statistics.median(walls)
            out[f"ask {column} CPU ms"] = 1000 * statistics.median(cpus)
        texts = [t for t in index.snapshot().texts[:64]]
        for size in (1, 8, 64):
            start = time.process_time()
            for i in range(0, len(texts), size):
                index.embedder.encode_passages(texts[i:i + size], batch_size=size)
            out[f"encode {size}/call texts/CPU s"] = len(texts) / max(time.process_time() - start, 1e-9)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=SAMPLE_CORPUS, help="folder of outcome documents")
    parser.add_argument("--embedders", default="minilm,multilingual-e5-small", help="comma-separated names")
    args = parser.parse_args()
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '(unset)')}, load average "
          f"{os.getloadavg()[0]:.1f}, corpus {args.corpus}")
    results = {name: _measure(name, args.corpus) for name in args.embedders.split(",")}
    keys = list(next(iter(results.values())))
    print(f"{'':34}" + "".join(f"{n:>24}" for n in results))
    for key in keys:
        print(f"{key:34}" + "".join(f"{results[n][key]:24.2f}" for n in results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
