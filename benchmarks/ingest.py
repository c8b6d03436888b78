"""Ingest throughput: `rapporteur ingest` against the bare model and a plain LangChain pipeline.

Three measurements of the same corpus, in one process, each after a warm-up:

* rapporteur: `CorpusIndex.ingest` of the folder into a fresh home (load, parse, chunk, embed,
  write to embedded Chroma), chunks per second as the index counts them;
* bare encode: `SentenceTransformer.encode` of exactly the texts the index embedded (recorded
  during the warm-up ingest), same batch size, normalised, one call;
* LangChain: the pipeline a user would write instead: `RecursiveCharacterTextSplitter`,
  `HuggingFaceEmbeddings` on the same local model folder and `Chroma.from_documents` into a temp
  folder, once with the usual 1000/200 splitter and once with chunks as long as ours on average
  (no overlap). Its chunks differ from ours, so it is compared both by time for the whole corpus
  and by chunks per second.

Repeats are interleaved (ingest, bare, LangChain, ingest, ...) so load changes hit all alike.

Tagging (Action Lines and SDGs, assistant/corpus/tags.py) is part of every rapporteur ingest: its
time inside ingest is timed, with the embedding of the tag descriptions counted cold in each run (as
in a fresh `rapporteur ingest` process), and an interleaved ingest with tagging switched off gives
the overhead as a whole (target: tagging adds <= 10 % to ingest time).

    .venv/bin/python benchmarks/ingest.py                      # the sample corpus, 3 repeats
    .venv/bin/python benchmarks/ingest.py --corpus benchmarks/out/corpus-500-s7 --repeats 1
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import SAMPLE_CORPUS, median, print_machine, print_table


@dataclass
class IngestRun:
    """One timed ingest: totals and where the time went."""

    seconds: float
    chunks: int
    encode_s: float = 0.0
    write_s: float = 0.0
    tag_s: float = 0.0


@dataclass
class Recorder:
    """Time spent inside the embedder and inside Chroma writes during an ingest."""

    encode_s: float = 0.0
    write_s: float = 0.0
    tag_s: float = 0.0
    texts: list[str] = field(default_factory=list)


def _recording_embedder(model_path: Path, batch_size: int, recorder: Recorder, tails: bool = True) -> Any:
    """An Embedder that notes the texts it embeds and the time it takes. With `tails` off, ingest's
    second reading of each chunk (for tagging) is not pooled: the plain vectors stand in for it."""
    from assistant.config import load_settings
    from assistant.corpus.embeddings import QUERY, Embedder, embedder_spec

    class RecordingEmbedder(Embedder):
        def encode(self, texts: list[str], batch_size: int | None = None,  # type: ignore[override]
                   mode: str = QUERY):
            start = time.perf_counter()
            vectors = Embedder.encode(self, texts, batch_size, mode)
            recorder.encode_s += time.perf_counter() - start
            recorder.texts.extend(texts)
            return vectors

        def encode_with_tails(self, texts: list[str], tail_starts: list[int],  # type: ignore[override]
                              batch_size: int | None = None, passages: bool = False):
            if not tails:
                vectors = self.encode(texts, batch_size, "passage" if passages else QUERY)
                return vectors, vectors
            start = time.perf_counter()
            recorded = recorder.encode_s
            pair = super().encode_with_tails(texts, tail_starts, batch_size, passages)
            recorder.encode_s = recorded + time.perf_counter() - start  # not twice when it calls encode
            recorder.texts.extend(texts)
            return pair

    settings = load_settings()
    return RecordingEmbedder(model_path, batch_size, settings.embedding_backend,
                             embedder_spec(settings.embedder))


class _TimedCollection:
    """Wraps a Chroma collection and adds the time of upsert/delete/modify to a recorder."""

    def __init__(self, collection: Any, recorder: Recorder) -> None:
        self._collection = collection
        self._recorder = recorder

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._collection, name)
        if name not in {"upsert", "delete", "modify", "add"}:
            return attr

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return attr(*args, **kwargs)
            finally:
                self._recorder.write_s += time.perf_counter() - start

        return timed


def run_rapporteur(
    corpus: Path, model_path: Path, batch_size: int, workdir: Path, tagging: bool = True,
    cold: bool = True,
) -> tuple[IngestRun, list[str]]:
    """Ingest the corpus into a fresh home; returns the run and the texts that were embedded.

    With `tagging` off, documents are stored without Action Lines and SDGs and chunks are embedded
    once, without the tail reading tagging uses (the baseline of the tagging overhead). With it on
    and `cold`, the tag descriptions are embedded afresh, as in the first ingest into a new home;
    otherwise they are already known (every later ingest: they are kept in the home).
    """
    from assistant.config import load_settings
    from assistant.corpus.store import CorpusIndex
    from assistant.corpus.tags import _Prototypes

    home = Path(tempfile.mkdtemp(prefix="ingest-home-", dir=workdir))
    recorder = Recorder()
    settings = load_settings(home=home, embedding_batch_size=batch_size)
    embedder = _recording_embedder(model_path, batch_size, recorder, tails=tagging)
    index = CorpusIndex(settings, embedder=embedder)
    index._collection = _TimedCollection(index.collection, recorder)
    tag = index._tag

    def timed_tag(chunks: Any, tails: Any, context: Any) -> None:
        start = time.perf_counter()
        try:
            if tagging:
                tag(chunks, tails, context)
        finally:
            recorder.tag_s += time.perf_counter() - start

    index._tag = timed_tag  # type: ignore[method-assign]
    if cold and tagging:  # an untagged run must not empty the cache the next warm run relies on
        _Prototypes._cache.clear()
    report = index.ingest([corpus])
    if report.failed:
        raise SystemExit(f"ingest failed for {len(report.failed)} files, e.g. {report.failed[0].path}: "
                         f"{report.failed[0].reason}")
    run = IngestRun(report.seconds, report.embedded_chunks, recorder.encode_s, recorder.write_s,
                    recorder.tag_s)
    return run, recorder.texts


def run_bare(model: Any, texts: list[str], batch_size: int) -> float:
    """Seconds for one `SentenceTransformer.encode` of the texts."""
    start = time.perf_counter()
    model.encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
                 show_progress_bar=False)
    return time.perf_counter() - start


def run_langchain(
    corpus: Path, embeddings: Any, chunk_size: int, overlap: int, workdir: Path
) -> tuple[float, int]:
    """Seconds and chunk count for split + embed + `Chroma.from_documents` of the corpus."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.corpus.loaders import find_documents, load_document_text

    folder = Path(tempfile.mkdtemp(prefix="langchain-", dir=workdir))
    start = time.perf_counter()
    docs = [Document(page_content=load_document_text(p), metadata={"source": p.name})
            for p in find_documents([corpus])]
    splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=overlap)
    chunks = splitter.split_documents(docs)
    store = Chroma.from_documents(chunks, embeddings, persist_directory=str(folder),
                                  collection_name="langchain_bench")
    seconds = time.perf_counter() - start
    del store
    return seconds, len(chunks)


def main(argv: list[str] | None = None) -> int:
    """Command line: run the three measurements and print the table."""
    parser = argparse.ArgumentParser(description="Ingest throughput against bare encode and LangChain.")
    parser.add_argument("--corpus", type=Path, default=SAMPLE_CORPUS, help="folder of outcome documents")
    parser.add_argument("--repeats", type=int, default=3, help="timed repeats of each (median reported)")
    parser.add_argument("--batch-size", type=int, default=None, help="batch size (default: settings)")
    parser.add_argument("--lc-chunk-size", type=int, default=1000, help="LangChain splitter chunk_size")
    parser.add_argument("--lc-overlap", type=int, default=200, help="LangChain splitter chunk_overlap")
    parser.add_argument("--skip-langchain", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"--corpus {args.corpus} is not a folder")

    from assistant.config import load_settings
    from assistant.corpus.embeddings import SentenceTransformerEncoder

    settings = load_settings(home="/nonexistent")
    batch = args.batch_size or settings.embedding_batch_size
    model_path = settings.model_path()
    model = SentenceTransformerEncoder(model_path).model  # the library itself, as a user would call it
    workdir = Path(tempfile.mkdtemp(prefix="rapporteur-bench-"))
    print_machine()
    print(f"corpus: {args.corpus} ; batch size {batch}; repeats {args.repeats}")
    try:
        # warm-up ingest: loads the model, compiles Chroma paths, records the texts to embed
        _, texts = run_rapporteur(args.corpus, model_path, batch, workdir)
        run_bare(model, texts[: 4 * batch], batch)
        configs: list[tuple[int, int]] = []
        embeddings = None
        if not args.skip_langchain:
            from langchain_huggingface import HuggingFaceEmbeddings

            embeddings = HuggingFaceEmbeddings(
                model_name=str(model_path), model_kwargs={"device": "cpu", "local_files_only": True},
                encode_kwargs={"normalize_embeddings": True, "batch_size": batch},
            )
            embeddings.embed_documents(texts[: 4 * batch])
            matched = round(sum(len(t) for t in texts) / len(texts))  # our mean embedded text length
            configs = [(args.lc_chunk_size, args.lc_overlap), (matched, 0)]
            for size, overlap in configs:  # warm-up
                run_langchain(args.corpus, embeddings, size, overlap, workdir)
        # interleaved repeats, so a change in machine load hits every pipeline alike
        runs: list[IngestRun] = []
        untagged: list[IngestRun] = []
        warm: list[IngestRun] = []
        bare: list[float] = []
        lc_runs: dict[tuple[int, int], list[tuple[float, int]]] = {c: [] for c in configs}
        for _ in range(args.repeats):
            runs.append(run_rapporteur(args.corpus, model_path, batch, workdir)[0])
            untagged.append(run_rapporteur(args.corpus, model_path, batch, workdir, tagging=False)[0])
            warm.append(run_rapporteur(args.corpus, model_path, batch, workdir, cold=False)[0])
            bare.append(run_bare(model, texts, batch))
            for config in configs:
                lc_runs[config].append(run_langchain(args.corpus, embeddings, *config, workdir))

        chunks = runs[0].chunks
        ingest_s = median([r.seconds for r in runs])
        bare_s = median(bare)
        rows: list[list[object]] = [
            ["rapporteur ingest", chunks, f"{ingest_s:.2f}", f"{chunks / ingest_s:.1f}",
             f"encode {median([r.encode_s for r in runs]):.2f}s, "
             f"chroma writes {median([r.write_s for r in runs]):.2f}s, "
             f"tagging {median([r.tag_s for r in runs]):.2f}s"],
            ["rapporteur ingest, tag descriptions known", chunks, f"{median([r.seconds for r in warm]):.2f}",
             f"{chunks / median([r.seconds for r in warm]):.1f}",
             f"tagging {median([r.tag_s for r in warm]):.2f}s (any ingest after the first into a home)"],
            ["rapporteur ingest, tagging off", chunks, f"{median([r.seconds for r in untagged]):.2f}",
             f"{chunks / median([r.seconds for r in untagged]):.1f}", "baseline of the tagging overhead"],
            ["bare SentenceTransformer.encode", len(texts), f"{bare_s:.2f}", f"{len(texts) / bare_s:.1f}",
             "the same texts, one call"],
        ]
        lc_times: dict[tuple[int, int], float] = {}
        for (size, overlap), results in lc_runs.items():
            lc_s = lc_times[(size, overlap)] = median([s for s, _ in results])
            lc_chunks = results[0][1]
            rows.append([f"LangChain, splitter {size}/{overlap}", lc_chunks, f"{lc_s:.2f}",
                         f"{lc_chunks / lc_s:.1f}", "HuggingFaceEmbeddings + Chroma.from_documents"])
        print_table(["pipeline", "chunks", "seconds (median)", "chunks/s", "notes"], rows)
        tag_s = median([r.tag_s for r in runs])
        plain_s = median([r.seconds for r in untagged])
        warm_tag_s = median([r.tag_s for r in warm])
        warm_s = median([r.seconds for r in warm])
        for when, tagged_s, tagging_s in (("first ingest into a new home", ingest_s, tag_s),
                                          ("later ingests", warm_s, warm_tag_s)):
            share = tagging_s / (tagged_s - tagging_s)
            print(f"{when}: tagging {tagging_s:.2f}s = {share:.1%} of the rest of ingest; wall "
                  f"{tagged_s:.2f}s vs {plain_s:.2f}s untagged = {tagged_s / plain_s - 1:+.1%} "
                  "(target <= 10 %)")
        ratio = (chunks / ingest_s) / (len(texts) / bare_s)
        print(f"ingest rate / bare encode rate: {ratio:.2f} (target >= 0.85)")
        for (size, overlap), lc_s in lc_times.items():
            lc_chunks = lc_runs[(size, overlap)][0][1]
            print(f"LangChain {size}/{overlap}: rapporteur is {lc_s / ingest_s:.2f}x faster for the corpus, "
                  f"{(chunks / ingest_s) / (lc_chunks / lc_s):.2f}x in chunks/s (target > 1)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
