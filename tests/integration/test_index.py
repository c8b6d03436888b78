"""The corpus index on a real Chroma store and the real model: incremental, consistent, clean."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.corpus.embeddings import MAX_WORD_PIECES
from assistant.corpus.loaders import find_documents
from assistant.corpus.store import CorpusIndex, IndexError_

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ALL_FIVE = ["key_issues", "wsis_views", "tangible_outcomes", "action_plan", "thematic_suggestions"]


def _small_corpus(tmp_path: Path, names: tuple[str, ...] = ()) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    picks = names or ("2024-quantum-readiness.md", "2023-gender-digital-divide-stem.txt",
                      "2025-ai-governance-global-south.docx")
    for name in picks:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def _chroma_ids(index: CorpusIndex, doc_id: str) -> list[str]:
    return index.collection.get(where={"doc_id": doc_id}, include=[])["ids"]


def test_sample_corpus_is_fully_indexed(sample_index: CorpusIndex) -> None:
    docs = {d.doc_id: d for d in sample_index.documents()}
    files = find_documents([CORPUS])
    assert len(docs) == len(files) >= 20
    for doc_id, info in docs.items():
        expected = [s for s in ALL_FIVE if not (
            doc_id == "2024-cross-border-data-governance" and s == "tangible_outcomes")]
        assert info.sections == expected, doc_id
        assert info.chunks == len(_chroma_ids(sample_index, doc_id))
    assert {d.source.rsplit(".", 1)[1] for d in docs.values()} >= {"md", "txt", "docx", "pdf"}


def test_chunks_carry_metadata_stand_alone_and_fit_the_model(sample_index: CorpusIndex) -> None:
    snap = sample_index.snapshot()
    assert len(snap) == sample_index.collection.count()
    assert np.allclose(np.linalg.norm(snap.embeddings, axis=1), 1.0, atol=1e-3)
    for meta in snap.metadatas:
        assert {"doc_id", "source", "title", "organisers", "year", "date", "section", "part",
                "item"} <= set(meta)
        assert (meta["part"] != "") == (meta["section"] == "wsis_views")
    worst = max(sample_index.count_tokens(t) for t in snap.texts)
    assert worst < MAX_WORD_PIECES
    # the embedded text carries the session title, so a chunk found alone still says its session
    quantum = [i for i, m in enumerate(snap.metadatas) if m["doc_id"] == "2024-quantum-readiness"]
    vector = sample_index.embedder.encode(["Quantum-Ready: post-quantum security"])[0]
    best = int(np.argmax(snap.embeddings @ vector))
    assert best in quantum


def test_long_items_are_split_below_the_word_piece_limit(make_fake_index: Callable[..., CorpusIndex],
                                                         tmp_path: Path) -> None:
    sentence = "Delegates from many regions described how community networks extend access. "
    long_item = sentence * 40
    path = tmp_path / "long.md"
    path.write_text(f"Title: Long session\n\n## Key Issues discussed\n\n- {long_item}\n- Short one.\n")
    index = make_fake_index()
    index.ingest([path])
    snap = index.snapshot()
    pieces = [t for t, m in zip(snap.texts, snap.metadatas, strict=True) if m["item"] == 0]
    assert len(pieces) > 1
    assert all(index.count_tokens(f"Long session. Key issues discussed: {p}") <= 250 for p in pieces)
    assert " ".join(pieces).split() == long_item.split()
    # `show` joins the pieces back into the one item
    assert index.get_document("long").section("key_issues").items[0].text == long_item.strip()


def test_incremental_ingest_skips_unchanged_and_replaces_changed(
    make_fake_index: Callable[..., CorpusIndex], tmp_path: Path
) -> None:
    folder = _small_corpus(tmp_path)
    index = make_fake_index()
    first = index.ingest([folder])
    assert first.count("added") == 3 and first.embedded_chunks > 0

    again = index.ingest([folder])
    assert again.count("unchanged") == 3 and again.embedded_chunks == 0

    path = folder / "2024-quantum-readiness.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Tangible outcomes", "## Tangible outcomes\n\n- A brand-new "
                                 "Geneva quantum sandbox was announced.", 1), encoding="utf-8")
    before = set(_chroma_ids(index, "2024-quantum-readiness"))
    edited = index.ingest([folder])
    statuses = {r.doc_id: r.status for r in edited.results}
    assert statuses == {"2024-quantum-readiness": "updated",
                        "2023-gender-digital-divide-stem": "unchanged",
                        "2025-ai-governance-global-south": "unchanged"}
    after = set(_chroma_ids(index, "2024-quantum-readiness"))
    assert edited.embedded_chunks == len(after) == len(before) + 1
    assert not before & after, "old version's chunks must all be gone"
    hits = index.snapshot().keyword_scores("Geneva quantum sandbox")
    top = index.snapshot().metadatas[int(np.argmax(hits))]
    assert top["doc_id"] == "2024-quantum-readiness" and top["section"] == "tangible_outcomes"


def test_remove_leaves_no_trace_in_chroma_or_keyword_index(
    make_fake_index: Callable[..., CorpusIndex], tmp_path: Path
) -> None:
    index = make_fake_index()
    index.ingest([_small_corpus(tmp_path)])
    assert index.snapshot().keyword_scores("post-quantum cryptography").max() > 0
    index.remove(["2024-quantum-readiness"])
    assert _chroma_ids(index, "2024-quantum-readiness") == []
    snap = index.snapshot()
    assert "2024-quantum-readiness" not in {m["doc_id"] for m in snap.metadatas}
    assert len(snap) == index.collection.count()
    assert "quantum" not in " ".join(snap.texts).lower().split()
    with pytest.raises(IndexError_, match="rapporteur list"):
        index.remove(["2024-quantum-readiness"])
    # a fresh process (new CorpusIndex on the same home) sees the same state from disk
    reopened = CorpusIndex(index.settings, embedder=index.embedder)
    assert [d.doc_id for d in reopened.documents()] == [d.doc_id for d in index.documents()]


def test_a_broken_file_is_reported_and_the_rest_ingested(
    make_fake_index: Callable[..., CorpusIndex], tmp_path: Path
) -> None:
    folder = _small_corpus(tmp_path)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (folder / "fake.docx").write_bytes(b"this is not a zip")
    (folder / "minutes.txt").write_text("Minutes. We met and talked.")
    report = make_fake_index().ingest([folder])
    failed = {Path(r.path).name: r.reason for r in report.failed}
    assert set(failed) == {"broken.pdf", "fake.docx", "minutes.txt"}
    assert "no section of the outcome form" in failed["minutes.txt"]
    assert report.count("added") == 3


def test_duplicates_under_two_names_and_same_id_are_refused(
    make_fake_index: Callable[..., CorpusIndex], tmp_path: Path
) -> None:
    folder = _small_corpus(tmp_path, ("2024-quantum-readiness.md",))
    shutil.copy(folder / "2024-quantum-readiness.md", folder / "copy-of-quantum.md")
    (folder / "2024-quantum-readiness.txt").write_text(
        (folder / "2024-quantum-readiness.md").read_text() + "\n", encoding="utf-8")
    index = make_fake_index()
    report = index.ingest([folder])
    by_name = {Path(r.path).name: r for r in report.results}
    assert by_name["2024-quantum-readiness.md"].status == "added"
    assert by_name["copy-of-quantum.md"].status == "duplicate"
    assert "2024-quantum-readiness" in by_name["copy-of-quantum.md"].reason
    assert by_name["2024-quantum-readiness.txt"].status == "failed"
    assert "rename" in by_name["2024-quantum-readiness.txt"].reason
    assert [d.doc_id for d in index.documents()] == ["2024-quantum-readiness"]


def test_show_rebuilds_the_parsed_document(sample_index: CorpusIndex) -> None:
    doc = sample_index.get_document("2024-quantum-readiness")
    assert doc.header.title.startswith("Quantum-Ready")
    assert doc.section_ids == ALL_FIVE
    assert {i.part for i in doc.section("wsis_views").items} == {
        "emerging_trends", "challenges", "achievements", "opportunities"}
    with pytest.raises(IndexError_):
        sample_index.get_document("no-such-doc")


def test_check_finds_and_repairs_partial_and_stale_versions(
    make_fake_index: Callable[..., CorpusIndex], tmp_path: Path
) -> None:
    folder = _small_corpus(tmp_path)
    index = make_fake_index()
    index.ingest([folder])
    assert index.check().healthy
    # a crash mid-write leaves a partial document and a keyword index behind Chroma
    ids = _chroma_ids(index, "2024-quantum-readiness")
    index.collection.delete(ids=ids[:4])
    found = index.check()
    assert not found.healthy and found.reingest == ["2024-quantum-readiness.md"]
    assert any("keyword index" in p for p in found.problems)
    repaired = index.check(repair=True)
    assert repaired.repaired and repaired.removed_chunks == len(ids) - 4
    assert index.check().healthy
    assert "2024-quantum-readiness" not in {d.doc_id for d in index.documents()}
    # the next ingest brings the document back whole
    report = index.ingest([folder])
    assert {r.doc_id: r.status for r in report.results}["2024-quantum-readiness"] == "added"
    assert sorted(_chroma_ids(index, "2024-quantum-readiness")) == sorted(ids)


def test_saving_a_snapshot_clears_temp_folders_left_by_a_killed_process(tmp_path: Path) -> None:
    import os
    import time

    from assistant.corpus.snapshot import STALE_TEMP_S, TEMP_PREFIX, SearchSnapshot

    stale = tmp_path / f"{TEMP_PREFIX}killed"
    stale.mkdir()
    (stale / "rows.json").write_text("{}")
    old = time.time() - STALE_TEMP_S - 60
    os.utime(stale, (old, old))
    in_progress = tmp_path / f"{TEMP_PREFIX}another-writer"
    in_progress.mkdir()
    SearchSnapshot(revision="r1").save(tmp_path / "snapshot")
    assert not stale.exists()
    assert in_progress.is_dir()  # young: may be another process's save, left alone
    assert SearchSnapshot.load(tmp_path / "snapshot", "r1") is not None
