"""A search answer also quotes its first session's passage read closest to the question
(`Retriever.closest_chunk`, `AskService._with_closest_passages`), over the real sample corpus."""

from __future__ import annotations

import pytest

from assistant.ask.search import Hit, Retriever
from assistant.ask.service import AskService
from assistant.corpus.store import CorpusIndex

QUESTION = "What target did Chile set for women enrolling in ICT degrees?"


@pytest.fixture(scope="module")
def service(sample_index: CorpusIndex) -> AskService:
    return AskService(sample_index, sample_index.settings)


def _sessions(hits: list[Hit]) -> list[str]:
    return list(dict.fromkeys(h.doc_id for h in hits))


def test_closest_chunk_is_the_sessions_nearest_chunk_left(service: AskService) -> None:
    retriever: Retriever = service.retriever
    doc_id = retriever.search(QUESTION, k=5)[0].doc_id
    chunks = retriever.session_chunks([doc_id])
    assert len(chunks) >= 3
    sims = retriever.evidence(QUESTION)[1]
    row = retriever.view().row_of
    by_similarity = sorted(chunks, key=lambda h: -float(sims[row[h.chunk_id]]))
    first = retriever.closest_chunk(QUESTION, doc_id, set())
    assert first is not None and first.chunk_id == by_similarity[0].chunk_id
    assert first.doc_id == doc_id and first.dense == pytest.approx(float(sims[row[first.chunk_id]]))
    second = retriever.closest_chunk(QUESTION, doc_id, {first.chunk_id})
    assert second is not None and second.chunk_id == by_similarity[1].chunk_id
    assert retriever.closest_chunk(QUESTION, doc_id, {h.chunk_id for h in chunks}) is None
    assert retriever.closest_chunk(QUESTION, "no-such-session", set()) is None


def test_the_closest_passage_follows_the_first_sessions_own_hits(service: AskService) -> None:
    hits = service.retriever.search(QUESTION, k=5)
    sessions = _sessions(hits)
    assert len(sessions) >= 2
    service.session_passages = 0
    try:
        assert service._with_closest_passages(QUESTION, hits) == hits
        service.session_passages = 1
        out = service._with_closest_passages(QUESTION, hits)
    finally:
        service.session_passages = 1
    added = [h for h in out if h.chunk_id not in {x.chunk_id for x in hits}]
    assert [h.chunk_id for h in out if h in hits] == [h.chunk_id for h in hits]  # order kept
    assert len(out) == len({h.chunk_id for h in out})  # no chunk twice
    assert len(added) == 1 and added[0].doc_id == sessions[0]  # the first session's only
    last = max(i for i, h in enumerate(hits) if h.doc_id == sessions[0])
    assert out[last + 1].chunk_id == added[0].chunk_id  # right after its session's own hits


def test_an_answer_cites_the_added_passage(service: AskService) -> None:
    try:
        service.session_passages = 0
        before = service.ask(QUESTION)
        service.session_passages = 1
        after = service.ask(QUESTION)
    finally:
        service.session_passages = 1
    assert not before.refused and not after.refused
    old = [c.chunk_id for c in before.citations]
    new = [c.chunk_id for c in after.citations]
    added = [c for c in after.citations if c.chunk_id not in old]
    assert new[: len(old)] == old  # what was quoted still is, in the same order
    assert len(added) == 1 and added[0].doc_id == before.citations[0].doc_id
    assert f"[{added[0].n}]" in after.answer


def test_the_added_passage_keeps_the_answer_within_k_passages(service: AskService) -> None:
    hits = service.retriever.search(QUESTION, k=3)
    sessions = _sessions(hits)
    assert len(sessions) >= 2 and len(hits) == 3
    out = service._with_closest_passages(QUESTION, hits, k=3)
    added = [h for h in out if h.chunk_id not in {x.chunk_id for x in hits}]
    assert len(out) == 3 and len(added) == 1 and added[0].doc_id == sessions[0]
    dropped = [h for h in hits if h not in out]
    assert len(dropped) == 1 and dropped[0] == hits[-1] and dropped[0].doc_id != sessions[0]
    kept = service._with_closest_passages(QUESTION, hits, k=3, keep={hits[-1].chunk_id})
    assert hits[-1] in kept and len(kept) <= 3
