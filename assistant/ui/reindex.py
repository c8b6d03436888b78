""""Re-index all": read the kept uploads and the corpus folder again, newest version first.

Two rules on top of `CorpusIndex.ingest`:

* one file per document id: when several files map to the same id (`Walrus-Report.md` and
  `walrus_report.md`), the most recently modified one is indexed and the others are reported as
  "superseded", so an older copy can never revert an updated document;
* unchanged files are not parsed again: a manifest (RAPPORTEUR_HOME/reindex-manifest.json)
  remembers each file's size, modification time and SHA-256 with the document hash it was indexed
  under; a file whose bytes match and whose document still has that hash in the index is reported
  "unchanged" without being loaded. The manifest is only trusted while the index is clean.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.corpus.loaders import find_documents, slugify

MANIFEST = "reindex-manifest.json"


@dataclass
class ReindexResult:
    """What re-indexing did: one row per file, and the seconds it took."""

    results: list[dict[str, Any]]
    seconds: float


def newest_per_document(files: list[Path]) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """(the newest file of each document id, (older file, newer file) pairs left out)."""
    chosen: dict[str, Path] = {}
    superseded: list[tuple[Path, Path]] = []
    for path in files:
        doc_id = slugify(path.stem)
        current = chosen.get(doc_id)
        if current is None:
            chosen[doc_id] = path
            continue
        newer, older = (path, current) if _age_key(path) > _age_key(current) else (current, path)
        chosen[doc_id] = newer
        superseded.append((older, newer))
    return list(chosen.values()), superseded


def _age_key(path: Path) -> tuple[int, str]:
    try:
        return path.stat().st_mtime_ns, path.name
    except OSError:
        return 0, path.name


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (read in blocks)."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _indexed_hashes(index: Any, doc_ids: list[str]) -> dict[str, str]:
    """The document hash each of these ids has in the index now (absent ids are left out)."""
    hashes: dict[str, str] = {}
    for doc_id in doc_ids:
        found = index.collection.get(where={"doc_id": doc_id}, limit=1, include=["metadatas"])
        metas = found.get("metadatas") or []
        if metas and metas[0].get("doc_hash"):
            hashes[doc_id] = str(metas[0]["doc_hash"])
    return hashes


def _load_manifest(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_manifest(path: Path, data: dict[str, dict[str, Any]]) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".manifest-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1)
    os.replace(temp, path)


def reindex(index: Any, sources: list[Path], home: Path, lock_timeout: float = 120) -> ReindexResult:
    """Re-index the documents in `sources` (files or folders) under the two rules above."""
    started = time.perf_counter()
    files, superseded = newest_per_document(find_documents(sources))
    manifest_path = home / MANIFEST
    manifest = _load_manifest(manifest_path)
    _revision, state = index.revision()
    indexed = _indexed_hashes(index, [slugify(p.stem) for p in files]) if state == "clean" else {}
    counts = {info.doc_id: info.chunks for info in index.documents()} if indexed else {}
    results: list[dict[str, Any]] = []
    to_read: list[Path] = []
    digests: dict[str, str] = {}
    for path in files:
        doc_id = slugify(path.stem)
        key = str(path.resolve())
        digests[key] = digest = file_digest(path)
        entry = manifest.get(key) or {}
        if entry.get("sha256") == digest and indexed.get(doc_id) == entry.get("doc_hash"):
            results.append({"file": path.name, "status": "unchanged", "doc_id": doc_id,
                            "chunks": counts.get(doc_id, 0), "reason": "same bytes as indexed; not read"})
        else:
            to_read.append(path)
    if to_read:
        report = index.ingest(to_read, lock_timeout=lock_timeout)
        results += [{"file": Path(r.path).name, "status": r.status, "doc_id": r.doc_id, "chunks": r.chunks,
                     "reason": r.reason} for r in report.results]
    for older, newer in superseded:
        results.append({"file": older.name, "status": "superseded", "doc_id": slugify(older.stem),
                        "chunks": 0,
                        "reason": f"an older file for the same document; the newer {newer.name} was indexed"})
    now_indexed = _indexed_hashes(index, [slugify(p.stem) for p in files])
    fresh = {}
    for path in files:
        key, doc_id = str(path.resolve()), slugify(path.stem)
        if doc_id in now_indexed:
            fresh[key] = {"sha256": digests[key], "doc_hash": now_indexed[doc_id]}
    with contextlib.suppress(OSError):  # the manifest only saves work; without it files are read again
        _save_manifest(manifest_path, fresh)
    return ReindexResult(results, time.perf_counter() - started)
