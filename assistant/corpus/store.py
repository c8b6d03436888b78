"""The corpus index: parsed outcome documents as embedded chunks in Chroma, plus keyword search.

Chroma (embedded `PersistentClient` or a `chroma run` server via `HttpClient`) holds every chunk
with its embedding and metadata and is the single source of truth. Writes are incremental by
content hash: an unchanged document is skipped without embedding; a changed one gets its new
chunks written before the old ones are deleted, so a crash never leaves a document with neither
version. The collection's `revision` marks every write; the search snapshot (keyword index
included) follows it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from assistant.config import Settings
from assistant.corpus.chunking import CHUNKER_VERSION, Chunk, chunk_document
from assistant.corpus.embeddings import (
    DEFAULT_EMBEDDER,
    Embedder,
    count_word_pieces,
    embedder_for,
    embedder_spec,
    with_embedder_defaults,
)
from assistant.corpus.loaders import DocumentLoadError, find_documents, load_document_text, slugify
from assistant.corpus.parsing import parse_outcome
from assistant.corpus.snapshot import SearchSnapshot
from assistant.corpus.tags import Tag, Tagger, decode_tags, encode_tags, load_taxonomy, models_for, tag_ids
from assistant.domain.document import Header, Item, OutcomeDocument, Section
from assistant.domain.template import Template, load_template
from assistant.errors import ConfigError, StoreError

log = logging.getLogger(__name__)
ProgressFn = Callable[[int, int, str], None]
EMBED_GROUP = 512  # chunks embedded and written together
REVISION_TTL_S = 1.0
# "never checked": time.monotonic() counts from boot, so 0.0 would read as recent on a machine
# booted less than REVISION_TTL_S ago; minus infinity is older than any clock reading
NEVER_CHECKED = float("-inf")


class IndexError_(StoreError):
    """An index operation that cannot go ahead; the message says what to do."""


@dataclass
class FileResult:
    """What happened to one file in an ingest."""

    path: str
    doc_id: str
    status: str  # added | updated | unchanged | duplicate | failed
    chunks: int = 0
    reason: str = ""


@dataclass
class IngestReport:
    """Per-file results of an ingest and their totals."""

    results: list[FileResult] = field(default_factory=list)
    embedded_chunks: int = 0
    seconds: float = 0.0

    def count(self, status: str) -> int:
        """Number of files with this status."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        """Files that could not be ingested."""
        return [r for r in self.results if r.status == "failed"]


@dataclass
class DocumentInfo:
    """One indexed document as `list` shows it."""

    doc_id: str
    title: str
    source: str
    year: int | None
    sections: list[str]
    chunks: int
    organisers: str = ""
    date: str = ""
    url: str = ""
    tags: list[Tag] = field(default_factory=list)


@dataclass
class IndexCheck:
    """What `check` found (and, with repair, fixed)."""

    problems: list[str] = field(default_factory=list)
    reingest: list[str] = field(default_factory=list)
    documents: int = 0
    chunks: int = 0
    repaired: bool = False
    removed_chunks: int = 0

    @property
    def healthy(self) -> bool:
        """True when nothing was wrong."""
        return not self.problems


@dataclass
class _Pending:
    result: FileResult
    doc_hash: str
    chunks: list[Chunk]


def content_hash(text: str, template_id: str) -> str:
    """Hash of a document's text and everything that shapes its chunks (and its tags: a changed
    list of Action Lines and SDGs, or changed tagging rules, re-tags every document at the next ingest)."""
    tagging = load_taxonomy().digest
    payload = f"{template_id}\x00{CHUNKER_VERSION}\x00{tagging}\x00{text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(payload).hexdigest()


_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


def chroma_client(settings: Settings) -> Any:
    """The Chroma client for these settings (one per store per process)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    key = settings.chroma_url or str(settings.chroma_path.resolve())
    with _clients_lock:
        if key in _clients:
            return _clients[key]
        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if settings.chroma_url:
            from urllib.parse import urlparse

            url = urlparse(settings.chroma_url)
            if url.scheme not in {"http", "https"} or not url.hostname:
                raise IndexError_(
                    f"RAPPORTEUR_CHROMA_URL={settings.chroma_url!r} is not an http(s) URL; "
                    "use e.g. http://127.0.0.1:8000"
                )
            try:
                client = chromadb.HttpClient(
                    host=url.hostname, port=url.port or (443 if url.scheme == "https" else 80),
                    ssl=url.scheme == "https", settings=chroma_settings,
                )
                client.heartbeat()
            except Exception as exc:
                raise IndexError_(
                    f"cannot reach the Chroma server at {settings.chroma_url} ({exc}); start it with "
                    "`chroma run --path DIR --host 127.0.0.1 --port PORT` or unset RAPPORTEUR_CHROMA_URL"
                ) from exc
        else:
            settings.chroma_path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
        _clients[key] = client
        return client


def release_chroma_client(settings: Settings) -> bool:
    """Close and forget the cached client of an embedded store that is going away (a temporary
    home); returns whether there was one. Server clients are shared and left alone."""
    if settings.chroma_url:
        return False
    with _clients_lock:
        client = _clients.pop(str(settings.chroma_path.resolve()), None)
    if client is None:
        return False
    try:
        client.close()
    except Exception as exc:  # closing is best effort: the folder is deleted next anyway
        log.info("closing the Chroma client of %s failed: %s", settings.chroma_path, exc)
    return True


class CorpusIndex:
    """Ingests, lists, shows and removes outcome documents; serves search snapshots."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        # Ask's thresholds follow the embedder's similarity scale (issue 27)
        self.settings = with_embedder_defaults(
            settings, embedder.spec if embedder is not None else embedder_spec(settings.embedder))
        self.template: Template = load_template(settings.template)
        self._embedder = embedder
        self._tagger: Tagger | None = None
        self._collection: Any = None
        self._snapshot: SearchSnapshot | None = None
        self._revision_checked = NEVER_CHECKED
        self._lock = threading.RLock()

    # -- plumbing -----------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        """The shared embedder (model loaded on first use)."""
        if self._embedder is None:
            self._embedder = embedder_for(self.settings)
        return self._embedder

    @property
    def tagger(self) -> Tagger:
        """Tags documents with Action Lines and SDGs, with the index's own embedding model."""
        if self._tagger is None:
            # the key names the encoder too: another Embedder (a test's hashing one) on the same model
            # folder must not share the embedded descriptions of the real model
            key = f"{type(self.embedder).__qualname__}:{self.settings.model_path()}"
            if self.embedder.name != DEFAULT_EMBEDDER:  # MiniLM's key unchanged: its cache stays valid
                key += f":{self.embedder.name}"
            # the inferred-tag models read cosines on the embedder's own scale (MiniLM's: MODELS)
            self._tagger = Tagger(lambda texts: self.embedder.encode(texts), model_key=key,
                                  models=models_for(self.embedder.name), cache_folder=self.settings.home)
        return self._tagger

    def _tag(self, chunks: list[Chunk], tails: Any, context: Any) -> None:
        """Record a document's Action Lines and SDGs on its chunks, from the vectors just computed
        (each chunk read on its own and as indexed): the id lists on every chunk (for filters), the
        tags with their evidence on the first one."""
        if not chunks:
            return
        title = str(chunks[0].metadata.get("title", ""))
        passages = [(str(c.metadata.get("section", "")), c.text) for c in chunks]
        stored = encode_tags(self.tagger.tag(title, passages, tails, context))
        for n, chunk in enumerate(chunks):
            chunk.metadata["action_lines"] = stored["action_lines"]
            chunk.metadata["sdgs"] = stored["sdgs"]
            if n == 0:
                chunk.metadata["tags"] = stored["tags"]

    @property
    def collection(self) -> Any:
        """The Chroma collection of chunks (cosine space, no embedding function: never downloads)."""
        if self._collection is None:
            client = chroma_client(self.settings)
            collection = client.get_or_create_collection(
                self.settings.collection,
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"revision": "empty", "state": "clean", "embedder": self.embedder.name},
            )
            self._check_embedder(collection)
            self._collection = collection
        return self._collection

    def _check_embedder(self, collection: Any) -> None:
        """Refuse an index built with another embedder: its vectors and this process's queries live
        in different spaces, and every search would quietly return noise.

        An index from before embedders were recorded was built with MiniLM. An empty collection
        simply takes this process's embedder.
        """
        meta = dict(collection.metadata or {})
        built_with = str(meta.get("embedder") or DEFAULT_EMBEDDER)
        if built_with == self.embedder.name:
            return
        if collection.count() == 0:
            meta["embedder"] = self.embedder.name
            collection.modify(metadata=meta)
            return
        raise ConfigError(
            f"the index in {self.settings.home} (collection {self.settings.collection!r}) was built with "
            f"the embedder {built_with!r}, but RAPPORTEUR_EMBEDDER is {self.embedder.name!r}. Either set "
            f"RAPPORTEUR_EMBEDDER={built_with}, or rebuild the index with the new embedder: "
            f"`rapporteur ingest --rebuild PATH...` (it re-reads and re-embeds every document)."
        )

    def embedder_of_index(self) -> str:
        """The embedder the stored index was built with (MiniLM for an index from before they were
        recorded; this process's embedder when there is no index yet)."""
        from chromadb.errors import NotFoundError

        try:
            collection = chroma_client(self.settings).get_collection(
                self.settings.collection, embedding_function=None)
        except NotFoundError:
            return self.embedder.name
        return str((collection.metadata or {}).get("embedder") or DEFAULT_EMBEDDER)

    def rebuild(self) -> None:
        """Drop the stored chunks (and the snapshot made from them) so the next ingest re-embeds every
        document with this process's embedder."""
        from chromadb.errors import NotFoundError

        with self._lock, self._ingest_lock():
            with contextlib.suppress(NotFoundError, ValueError):
                chroma_client(self.settings).delete_collection(self.settings.collection)
            self._collection = None
            self._snapshot = None
            self._revision_checked = 0.0

    def revision(self) -> tuple[str, str]:
        """The collection's current (revision, state), read afresh from the store.

        A store without the collection (an ingest killed before it created it, or a new home)
        is empty and clean: nothing was ever written to it.
        """
        from chromadb.errors import NotFoundError

        try:
            collection = chroma_client(self.settings).get_collection(
                self.settings.collection, embedding_function=None
            )
        except NotFoundError:
            return "empty", "clean"
        meta = collection.metadata or {}
        return str(meta.get("revision", "empty")), str(meta.get("state", "clean"))

    def _set_revision(self, state: str) -> str:
        revision = uuid.uuid4().hex
        self.collection.modify(
            metadata={"revision": revision, "state": state, "embedder": self.embedder.name})
        self._revision_checked = NEVER_CHECKED  # our own write: look again at the next snapshot()
        return revision

    def snapshot(self) -> SearchSnapshot:
        """An up-to-date search snapshot (reloaded only when Chroma's revision changed)."""
        with self._lock:
            now = time.monotonic()
            if self._snapshot is not None and now - self._revision_checked < REVISION_TTL_S:
                return self._snapshot
            _ = self.collection
            revision, _state = self.revision()
            self._revision_checked = now
            if self._snapshot is not None and self._snapshot.revision == revision:
                return self._snapshot
            folder = self.settings.snapshot_path
            snap = SearchSnapshot.load(folder, revision)
            if snap is None:
                snap = SearchSnapshot.from_collection(self.collection, revision)
                try:
                    snap.save(folder)
                except OSError as exc:  # a read-only home still answers, just slower to start
                    log.warning("could not save the search snapshot: %s", exc)
            self._snapshot = snap
            return snap

    def _expire_view(self) -> None:
        """Make the next snapshot() ask Chroma for its revision: a write must act on the current corpus,
        not on a view cached for REVISION_TTL_S (another process or index object may have written)."""
        with self._lock:
            self._revision_checked = NEVER_CHECKED

    def count_tokens(self, text: str) -> int:
        """Word-pieces of a text under the embedding model's tokenizer."""
        return count_word_pieces(text, self.settings.model_path())

    def _ingest_lock(self) -> FileLock:
        self.settings.home.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.settings.home / "ingest.lock"))

    # -- writing ------------------------------------------------------------------------------
    def ingest(
        self,
        paths: list[Path],
        progress: ProgressFn | None = None,
        lock_timeout: float = 600.0,
        names: dict[Path, str] | None = None,
    ) -> IngestReport:
        """Add or update the documents in these files and folders; unchanged ones are skipped.

        `names` optionally gives the original file name of an uploaded temp file (for doc ids
        and the `source` shown to users). A file that cannot be read is reported and skipped.
        """
        started = time.perf_counter()
        files = find_documents([Path(p) for p in paths])
        report = IngestReport()
        lock = self._ingest_lock()
        try:
            lock.acquire(timeout=lock_timeout)
        except Timeout as exc:
            raise IndexError_(
                f"another ingest is running on {self.settings.home}; wait for it to finish and retry"
            ) from exc
        try:
            self._expire_view()  # another process may have written since we last looked
            states = self._doc_states()
            hashes = {state["hash"]: doc_id for doc_id, state in states.items()}
            pending: list[_Pending] = []
            seen_ids: dict[str, str] = {}
            for number, path in enumerate(files, 1):
                if progress:
                    progress(number, len(files), f"reading {path.name}")
                name = (names or {}).get(path, path.name)
                result = self._prepare(path, name, states, hashes, seen_ids, pending)
                report.results.append(result)
            if pending:
                self._write(pending, report, progress)
                self.snapshot()  # keyword index rebuilt and saved while we still hold the lock
            else:
                self._settle(states)
        finally:
            lock.release()
        report.seconds = time.perf_counter() - started
        return report

    def _prepare(
        self,
        path: Path,
        name: str,
        states: dict[str, dict[str, Any]],
        hashes: dict[str, str],
        seen_ids: dict[str, str],
        pending: list[_Pending],
    ) -> FileResult:
        doc_id = slugify(Path(name).stem)
        result = FileResult(path=str(path), doc_id=doc_id, status="failed")
        if doc_id in seen_ids:
            result.reason = f"same document id as {seen_ids[doc_id]}; rename one of the two files"
            return result
        try:
            text = load_document_text(path)
        except DocumentLoadError as exc:
            result.reason = exc.reason
            return result
        doc = parse_outcome(text, doc_id=doc_id, source=Path(name).name, template=self.template)
        if not doc.sections:
            result.reason = (
                "no section of the outcome form was recognised (e.g. 'Key Issues discussed'); "
                "check that the headings follow the official form"
            )
            return result
        doc_hash = content_hash(text, self.template.id)
        seen_ids[doc_id] = Path(name).name
        twin = hashes.get(doc_hash)
        if twin is not None and twin != doc_id:
            result.status, result.reason = "duplicate", f"same content as the indexed document {twin}"
            return result
        hashes[doc_hash] = doc_id
        state = states.get(doc_id)
        if state and state["hash"] == doc_hash and state["complete"] and not state["stale"]:
            result.status, result.chunks = "unchanged", state["count"]
            return result
        chunks = chunk_document(doc, doc_hash, self.count_tokens, template=self.template)
        result.status = "updated" if state else "added"
        result.chunks = len(chunks)
        pending.append(_Pending(result, doc_hash, chunks))
        return result

    def _settle(self, states: dict[str, dict[str, Any]]) -> None:
        """After a write that was killed past its last chunk, mark the store clean again, but only
        when every document in it is whole (otherwise `check` must keep reporting it)."""
        _revision, state = self.revision()
        if state == "clean":
            return
        if all(s["complete"] and not s["stale"] for s in states.values()):
            self._set_revision("clean")
            self.snapshot()

    def _write(self, pending: list[_Pending], report: IngestReport, progress: ProgressFn | None) -> None:
        """Embed and store pending documents group by group, then drop their old versions."""
        self._set_revision("writing")
        total = sum(len(p.chunks) for p in pending)
        done = 0
        group: list[_Pending] = []
        batch = chroma_client(self.settings).get_max_batch_size()

        def flush() -> None:
            nonlocal done
            stamp = time.time()
            for p in group:
                for c in p.chunks:
                    c.metadata["ingested_at"] = stamp
            chunks = [c for p in group for c in p.chunks]
            # tags read what each chunk says (its tail), not its title-and-heading prefix
            vectors, tails = self.embedder.encode_with_tails(
                [c.embed_text for c in chunks], [len(c.embed_text) - len(c.text) for c in chunks],
                passages=True)
            start_row = 0
            for p in group:
                rows = slice(start_row, start_row + len(p.chunks))
                self._tag(p.chunks, tails[rows], vectors[rows])
                start_row += len(p.chunks)
            for start in range(0, len(chunks), batch):
                part = chunks[start:start + batch]
                self.collection.upsert(
                    ids=[c.id for c in part],
                    embeddings=vectors[start:start + batch],
                    documents=[c.text for c in part],
                    metadatas=[c.metadata for c in part],
                )
            for p in group:
                self.collection.delete(
                    where={"$and": [{"doc_id": p.result.doc_id}, {"doc_hash": {"$ne": p.doc_hash}}]}
                )
            done += len(chunks)
            report.embedded_chunks += len(chunks)
            if progress:
                progress(done, total, "embedding")
            group.clear()

        for item in pending:
            group.append(item)
            if sum(len(p.chunks) for p in group) >= EMBED_GROUP:
                flush()
        if group:
            flush()
        self._set_revision("clean")

    def remove(self, doc_ids: list[str]) -> list[str]:
        """Delete every chunk of these documents; returns the ids that were found and removed."""
        with self._ingest_lock():
            self._expire_view()  # another process may have written since we last looked
            known = {info.doc_id for info in self.documents()}
            missing = [d for d in doc_ids if d not in known]
            if missing:
                raise IndexError_(
                    f"no indexed document with id {', '.join(missing)}; see `rapporteur list` for ids"
                )
            self._set_revision("writing")
            for doc_id in doc_ids:
                self.collection.delete(where={"doc_id": doc_id})
            self._set_revision("clean")
            self.snapshot()
        return doc_ids

    # -- reading ------------------------------------------------------------------------------
    def _doc_states(self) -> dict[str, dict[str, Any]]:
        """Per document: its hash, chunk count, whether complete, whether other versions linger."""
        snap = self.snapshot()
        grouped: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for meta in snap.metadatas:
            grouped[meta["doc_id"]][meta["doc_hash"]].append(meta)
        states: dict[str, dict[str, Any]] = {}
        for doc_id, versions in grouped.items():
            # the newest complete version wins; anything else is stale
            complete = sorted(
                (h for h, metas in versions.items() if len(metas) == metas[0]["n_chunks"]),
                key=lambda h: max(float(m.get("ingested_at", 0)) for m in versions[h]),
                reverse=True,
            )
            chosen = complete[0] if complete else next(iter(versions))
            metas = versions[chosen]
            states[doc_id] = {
                "hash": chosen,
                "count": len(metas),
                "complete": bool(complete),
                "stale": len(versions) > 1,
            }
        return states

    def check(self, repair: bool = False) -> IndexCheck:
        """Verify that Chroma, the keyword index and every document are whole; optionally repair.

        Repair keeps the newest complete version of each document, deletes partial or older
        versions, drops a document that has no complete version (its file must be ingested
        again) and rebuilds the keyword snapshot from Chroma.
        """
        result = IndexCheck()
        with self._ingest_lock():
            revision, state = self.revision()
            if state != "clean":
                result.problems.append("an ingest or removal was interrupted before it finished")
            saved = SearchSnapshot.load(self.settings.snapshot_path, revision)
            count = self.collection.count()
            if (saved is None and count) or (saved is not None and len(saved) != count):
                result.problems.append("the keyword index does not match Chroma")
            with self._lock:
                self._snapshot, self._revision_checked = None, NEVER_CHECKED
            snap = SearchSnapshot.from_collection(self.collection, revision)
            grouped: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
            for row, meta in enumerate(snap.metadatas):
                grouped[meta["doc_id"]][meta["doc_hash"]].append(row)
            stale_ids: list[str] = []
            for doc_id, versions in sorted(grouped.items()):

                def written_at(doc_hash: str, vs: dict[str, list[int]] = versions) -> float:
                    return max(float(snap.metadatas[r].get("ingested_at", 0)) for r in vs[doc_hash])

                complete = sorted(
                    (h for h, rows in versions.items()
                     if len(rows) == snap.metadatas[rows[0]]["n_chunks"]),
                    key=written_at, reverse=True,
                )
                keep = complete[0] if complete else None
                if keep is None:
                    source = snap.metadatas[next(iter(versions.values()))[0]].get("source", doc_id)
                    result.problems.append(f"{doc_id}: only a partial copy is indexed")
                    result.reingest.append(source)
                elif len(versions) > 1:
                    result.problems.append(f"{doc_id}: {len(versions) - 1} stale or partial version(s)")
                for doc_hash, rows in versions.items():
                    if doc_hash != keep:
                        stale_ids.extend(snap.ids[r] for r in rows)
            result.documents = len(grouped)
            result.chunks = len(snap)
            if repair and result.problems:
                self._set_revision("writing")
                batch = chroma_client(self.settings).get_max_batch_size()
                for start in range(0, len(stale_ids), batch):
                    self.collection.delete(ids=stale_ids[start:start + batch])
                self._set_revision("clean")
                result.repaired = True
                result.removed_chunks = len(stale_ids)
        if repair:
            self.snapshot()  # rebuilt from Chroma and saved under the new revision
        return result

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document, sorted by id."""
        snap = self.snapshot()
        docs: dict[str, DocumentInfo] = {}
        for meta in snap.metadatas:
            info = docs.get(meta["doc_id"])
            if info is None:
                docs[meta["doc_id"]] = DocumentInfo(
                    doc_id=meta["doc_id"], title=meta.get("title", ""), source=meta.get("source", ""),
                    year=int(meta.get("year") or 0) or None,
                    sections=[s for s in str(meta.get("sections", "")).split(",") if s],
                    chunks=1, organisers=meta.get("organisers", ""), date=meta.get("date", ""),
                    url=meta.get("url", ""), tags=decode_tags(meta),
                )
            else:
                info.chunks += 1
                if not info.tags and meta.get("tags"):
                    info.tags = decode_tags(meta)
        return [docs[k] for k in sorted(docs)]

    def document_tags(self, doc_id: str) -> list[Tag]:
        """The Action Lines and SDGs of one indexed document, with their evidence."""
        snap = self.snapshot()
        found = False
        for meta in snap.metadatas:
            if meta["doc_id"] == doc_id:
                found = True
                if meta.get("tags"):
                    return decode_tags(meta)
        if not found:
            raise IndexError_(f"no indexed document with id {doc_id}; see `rapporteur list` for ids")
        return []

    def tag_ids_by_document(self) -> dict[str, set[str]]:
        """Per document id: the ids of its Action Lines and SDGs (for filters and trends)."""
        ids: dict[str, set[str]] = {}
        for meta in self.snapshot().metadatas:
            if meta["doc_id"] not in ids:
                ids[meta["doc_id"]] = tag_ids(meta)
        return ids

    def get_document(self, doc_id: str) -> OutcomeDocument:
        """Rebuild a parsed document from its chunks (pieces of one item are joined again)."""
        snap = self.snapshot()
        rows = [i for i, m in enumerate(snap.metadatas) if m["doc_id"] == doc_id]
        if not rows:
            raise IndexError_(f"no indexed document with id {doc_id}; see `rapporteur list` for ids")
        first = snap.metadatas[rows[0]]
        items: dict[tuple[str, int], list[tuple[int, str, str]]] = defaultdict(list)
        for i in rows:
            meta = snap.metadatas[i]
            items[(meta["section"], int(meta["item"]))].append(
                (int(meta.get("piece", 0)), snap.texts[i], meta.get("part", ""))
            )
        sections = []
        for spec in self.template.sections:
            keys = sorted(k for k in items if k[0] == spec.id)
            if not keys:
                continue
            section_items = []
            for key in keys:
                pieces = sorted(items[key])
                section_items.append(
                    Item(text=" ".join(p[1] for p in pieces), part=pieces[0][2] or None)
                )
            sections.append(Section(id=spec.id, heading=spec.heading, items=section_items))
        header = Header(title=first.get("title", ""), organisers=first.get("organisers", ""),
                        date=first.get("date", ""), url=first.get("url", ""))
        return OutcomeDocument(header=header, sections=sections, template_id=self.template.id,
                               doc_id=doc_id, source=first.get("source", ""))

    def stats(self) -> dict[str, Any]:
        """Totals for `rapporteur stats`: documents, chunks, per section and per year counts."""
        snap = self.snapshot()
        per_section: dict[str, int] = defaultdict(int)
        per_year: dict[str, int] = defaultdict(int)
        for meta in snap.metadatas:
            per_section[meta["section"]] += 1
        docs = self.documents()
        for info in docs:
            per_year[str(info.year or "unknown")] += 1
        revision, state = self.revision()
        return {
            "home": str(self.settings.home),
            "store": self.settings.chroma_url or str(self.settings.chroma_path),
            "collection": self.settings.collection,
            "documents": len(docs),
            "chunks": len(snap),
            "chunks_per_section": dict(per_section),
            "documents_per_year": dict(sorted(per_year.items())),
            "revision": revision,
            "state": state,
        }
