"""A read-only, in-memory copy of the indexed chunks for fast search, rebuilt from Chroma.

Chroma is the single source of truth. The snapshot holds the chunk ids, texts, metadata and
embeddings plus a BM25 keyword index over them, stamped with the collection's revision; when
Chroma's revision moves on (an ingest, a removal, a crash mid-write), the snapshot is rebuilt,
so Chroma and the keyword index can never disagree for long.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import orjson

from assistant.corpus.keywords import terms

log = logging.getLogger(__name__)
PAGE = 5000
TEMP_PREFIX = ".snapshot-"  # a save in progress (renamed into place when complete)
STALE_TEMP_S = 3600.0  # a temp folder this old belongs to a process that was killed


def keyword_text(text: str, meta: dict[str, Any]) -> str:
    """What the keyword index sees of a chunk: its text plus session title and organisers."""
    return f"{meta.get('title', '')} {meta.get('organisers', '')} {text}"


@dataclass
class SearchSnapshot:
    """Chunk ids, texts, metadata, embeddings and a BM25 index, all in the same row order."""

    revision: str
    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    metadatas: list[dict[str, Any]] = field(default_factory=list)
    embeddings: np.ndarray = field(default_factory=lambda: np.zeros((0, 384), np.float32))
    bm25: bm25s.BM25 | None = None
    _columns: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def column(self, key: str) -> np.ndarray:
        """A metadata field as an array over all rows (cached), for fast filter masks."""
        if key not in self._columns:
            self._columns[key] = np.array([m.get(key, "") for m in self.metadatas], dtype=object)
        return self._columns[key]

    def keyword_scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for a query (zeros when the corpus is empty)."""
        if self.bm25 is None or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        tokens = [t for t in terms(query) if t in self.bm25.vocab_dict]
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    @classmethod
    def from_collection(cls, collection: Any, revision: str) -> SearchSnapshot:
        """Read every chunk of a Chroma collection, page by page, and index it for keywords."""
        snap = cls(revision=revision)
        vectors: list[np.ndarray] = []
        offset = 0
        while True:
            page = collection.get(
                include=["documents", "metadatas", "embeddings"], limit=PAGE, offset=offset
            )
            if not page["ids"]:
                break
            snap.ids.extend(page["ids"])
            snap.texts.extend(page["documents"])
            snap.metadatas.extend(dict(m) for m in page["metadatas"])
            vectors.append(np.asarray(page["embeddings"], dtype=np.float32))
            offset += len(page["ids"])
            if len(page["ids"]) < PAGE:
                break
        if vectors:
            snap.embeddings = np.vstack(vectors)
        snap.bm25 = _build_bm25(snap.texts, snap.metadatas)
        return snap

    def save(self, folder: Path) -> None:
        """Write the snapshot atomically (a temp folder renamed into place)."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_folders(folder.parent)
        tmp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=folder.parent))
        try:
            np.save(tmp / "embeddings.npy", self.embeddings)
            rows = {"revision": self.revision, "ids": self.ids, "texts": self.texts,
                    "metadatas": self.metadatas}
            (tmp / "rows.json").write_bytes(orjson.dumps(rows))
            if self.bm25 is not None:
                self.bm25.save(str(tmp / "bm25"), show_progress=False)
            (tmp / "REVISION").write_text(self.revision, encoding="utf-8")
            old = folder.with_name(folder.name + ".old")
            if folder.exists():
                shutil.rmtree(old, ignore_errors=True)
                folder.rename(old)
            tmp.rename(folder)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path, revision: str) -> SearchSnapshot | None:
        """Load a saved snapshot if it exists and carries this revision; else None."""
        try:
            if (folder / "REVISION").read_text(encoding="utf-8") != revision:
                return None
            rows = orjson.loads((folder / "rows.json").read_bytes())  # ~2x json's speed at 100k rows
            snap = cls(revision=revision, ids=rows["ids"], texts=rows["texts"],
                       metadatas=rows["metadatas"])
            snap.embeddings = np.load(folder / "embeddings.npy")
            if (folder / "bm25").is_dir():
                snap.bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
            if len(snap.embeddings) != len(snap.ids):
                return None
            return snap
        except (OSError, ValueError, KeyError) as exc:
            log.info("snapshot at %s not usable (%s); rebuilding", folder, exc)
            return None


def remove_stale_temp_folders(parent: Path, older_than_s: float = STALE_TEMP_S) -> list[Path]:
    """Delete snapshot temp folders a killed process left behind; returns what was removed.

    Only folders untouched for `older_than_s` go: a younger one may be another process's save
    in progress (readers build a missing snapshot without the ingest lock).
    """
    removed = []
    now = time.time()
    for path in parent.glob(TEMP_PREFIX + "*"):
        try:
            if path.is_dir() and now - path.stat().st_mtime > older_than_s:
                shutil.rmtree(path)
                removed.append(path)
        except OSError as exc:  # gone meanwhile, or not ours to delete: leave it
            log.info("could not remove %s: %s", path, exc)
    return removed


def _build_bm25(texts: list[str], metadatas: list[dict[str, Any]]) -> bm25s.BM25 | None:
    if not texts:
        return None
    corpus = [terms(keyword_text(t, m)) or ["_"] for t, m in zip(texts, metadatas, strict=True)]
    model = bm25s.BM25()
    model.index(corpus, show_progress=False)
    return model
