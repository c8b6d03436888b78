"""Hybrid retrieval over the real sample corpus: fusion, filters, per-session cap, whole-corpus evidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np
import pytest

from assistant.ask.questions import Concept, organiser_names, subject_concepts
from assistant.ask.search import RRF_K, Retriever, SearchFilters, reciprocal_rank_fusion
from assistant.corpus.store import CorpusIndex


@pytest.fixture(scope="module")
def retriever(sample_index: CorpusIndex) -> Retriever:
    return Retriever(sample_index)


def test_rrf_adds_one_over_k_plus_rank_across_lists() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "d"]])
    assert fused["b"] == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 1))
    assert fused["a"] == pytest.approx(1 / (RRF_K + 1))
    assert fused["d"] == pytest.approx(1 / (RRF_K + 2))
    ranked = sorted(fused, key=lambda x: -fused[x])
    assert ranked[0] == "b"  # in both lists beats first place in one
    assert set(ranked) == {"a", "b", "c", "d"}


def test_filters_know_when_they_restrict_nothing() -> None:
    assert SearchFilters().is_empty()
    assert SearchFilters(organisers="").is_empty()
    assert not SearchFilters(year=2024).is_empty()
    assert not SearchFilters(organisers="UNESCO").is_empty()


def test_hybrid_search_returns_scored_hits_with_text_and_metadata(retriever: Retriever) -> None:
    hits = retriever.search("Chile target for women enrolling in ICT degrees", k=5)
    assert 0 < len(hits) <= 5
    assert hits[0].doc_id == "2023-gender-digital-divide-stem"
    assert "Chile" in " ".join(h.text for h in hits)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for hit in hits:
        assert hit.text and hit.metadata["title"] and hit.metadata["section"]
        assert hit.dense is not None or hit.keyword is not None
    assert any(h.dense is not None and h.keyword is not None for h in hits)  # found by both rankers


def test_fusion_combines_what_each_ranker_finds(retriever: Retriever) -> None:
    # a made-up name is a keyword match only; the hybrid result still has it on top
    query = "Lenguas Vivas keyboard"
    keyword = retriever.keyword_search(query, k=3)
    assert keyword and keyword[0].doc_id == "2023-multilingualism-local-content"
    assert "Lenguas Vivas" in keyword[0].text
    hybrid = retriever.search(query, k=3)
    assert hybrid[0].chunk_id == keyword[0].chunk_id
    dense = retriever.dense_search("protecting children on the internet", k=3)
    assert dense and all(h.dense is not None and h.keyword is None for h in dense)
    assert dense[0].doc_id == "2023-child-online-protection"


@pytest.mark.parametrize("search", ["search", "dense_search", "keyword_search"])
def test_year_and_section_filters(retriever: Retriever, search: str) -> None:
    run: Callable = getattr(retriever, search)
    hits = run("connectivity for schools and clinics", k=8, filters=SearchFilters(year=2024))
    assert hits and all(h.metadata["year"] == 2024 for h in hits)
    hits = run("connectivity for schools and clinics", k=8, filters=SearchFilters(section="action_plan"))
    assert hits and all(h.section == "action_plan" for h in hits)


def test_organisers_filter_is_a_case_insensitive_substring_from_a_word_start(
    retriever: Retriever, sample_index: CorpusIndex
) -> None:
    unesco = {d.doc_id for d in sample_index.documents() if "UNESCO" in d.organisers}
    assert len(unesco) >= 3
    hits = retriever.search("artificial intelligence and information", k=10, per_doc_cap=1,
                            filters=SearchFilters(organisers="unesco"))
    assert hits and {h.doc_id for h in hits} <= unesco
    # "ITU" names ITU, never the "itu" inside "Institute"
    itu = retriever.search("indigenous languages", k=10, filters=SearchFilters(organisers="ITU"))
    organisers = {h.metadata["organisers"] for h in itu}
    assert itu and all("ITU" in o for o in organisers)
    assert "2023-multilingualism-local-content" not in {h.doc_id for h in itu}
    assert retriever.search("anything", filters=SearchFilters(organisers="No Such Body")) == []


def test_doc_id_filter(retriever: Retriever) -> None:
    hits = retriever.search("recommendations", k=5, per_doc_cap=5,
                            filters=SearchFilters(doc_id="2024-quantum-readiness"))
    assert hits and {h.doc_id for h in hits} == {"2024-quantum-readiness"}
    assert retriever.search("recommendations", filters=SearchFilters(doc_id="no-such-doc")) == []


def test_per_document_cap(retriever: Retriever) -> None:
    query = "women in STEM, girls, mentoring and the gender digital divide"
    uncapped = retriever.search(query, k=8, per_doc_cap=0)
    per_doc = Counter(h.doc_id for h in uncapped)
    assert per_doc.most_common(1)[0][1] > 2  # one session would fill the result
    for cap in (1, 2):
        hits = retriever.search(query, k=8, per_doc_cap=cap)
        assert len(hits) == 8
        assert max(Counter(h.doc_id for h in hits).values()) <= cap
    assert len({h.doc_id for h in retriever.search(query, k=5, per_doc_cap=1)}) == 5


def test_best_per_session_gives_one_hit_per_session_above_the_floor(retriever: Retriever) -> None:
    everything = retriever.best_per_session("artificial intelligence", floor=float("-inf"))
    assert len(everything) == 27
    assert len({h.doc_id for h in everything}) == 27
    assert [h.score for h in everything] == sorted((h.score for h in everything), reverse=True)
    above = retriever.best_per_session("artificial intelligence")
    assert above and all(h.score >= retriever.index.settings.ask.aggregate_floor for h in above)
    assert len(above) < 27
    # every listed session really speaks of AI, in its best chunk or in its title
    assert all("AI" in h.text + h.metadata["title"] for h in above)
    only_2024 = retriever.best_per_session("artificial intelligence", SearchFilters(year=2024))
    assert only_2024 and all(h.metadata["year"] == 2024 for h in only_2024)


def test_evidence_is_cosine_plus_keyword_coverage(retriever: Retriever, sample_index: CorpusIndex) -> None:
    scores, sims = retriever.evidence("Pacific Cable Resilience Facility")
    snap = sample_index.snapshot()
    assert scores.shape == sims.shape == (len(snap),)
    best = int(np.argmax(scores))
    assert "Pacific Cable Resilience Facility" in snap.texts[best]
    coverage = retriever.coverage("Pacific Cable Resilience Facility")
    assert coverage[best] == pytest.approx(1.0)
    assert scores[best] == pytest.approx(sims[best] + coverage[best])
    # a question about something no session mentions has little evidence anywhere
    assert retriever.best_evidence("treaty banning lethal autonomous weapons") < scores[best] - 0.5


def test_query_is_embedded_once(retriever: Retriever, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = retriever.index.embedder.encode

    def counting(texts: list[str], *args: object, **kwargs: object) -> np.ndarray:
        calls.extend(texts)
        return original(texts, *args, **kwargs)

    monkeypatch.setattr(retriever.index.embedder, "encode", counting)
    query = "satellite links for remote schools, counted once"
    retriever.search(query)
    retriever.dense_search(query)
    retriever.best_per_session(query)
    retriever.evidence(query)
    assert calls.count(query) == 1


def test_evidence_survives_another_request_emptying_the_cache_meanwhile(
    sample_index: CorpusIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    # twenty asks at once: while one request embeds its new query, another evicts the cached one
    retriever = Retriever(sample_index)
    cached = "community networks for rural villages"
    first = retriever.evidence(cached)
    original = retriever.embed_many

    def embed_while_others_evict(queries: list[str]) -> list[np.ndarray]:
        with retriever._lock:
            retriever._evidence.clear()
        return original(queries)

    monkeypatch.setattr(retriever, "embed_many", embed_while_others_evict)
    both = retriever.evidence_many([cached, "satellite links for remote schools"])
    assert np.array_equal(both[0][0], first[0]) and len(both[1][0]) == len(first[0])


def test_query_vectors_survive_another_request_evicting_them_meanwhile(
    sample_index: CorpusIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a question's cached vector is evicted by another request while its new phrases are embedded
    retriever = Retriever(sample_index)
    cached = "community networks for rural villages"
    first = retriever.embed_many([cached])[0]
    embedder = retriever.index.embedder
    original = embedder.encode

    def encode_while_others_evict(texts: list[str], *args: object, **kwargs: object) -> np.ndarray:
        with retriever._lock:
            retriever._vectors.clear()
        return original(texts, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(embedder, "encode", encode_while_others_evict)
    both = retriever.embed_many([cached, "how much did the pilot cost"])
    assert np.array_equal(both[0], first) and both[1].shape == first.shape


def test_glossary_and_proper_nouns_in_keyword_coverage(retriever: Retriever) -> None:
    concepts = subject_concepts("How many sessions discussed artificial intelligence?")
    assert concepts == [Concept((("ai",), ("artifici", "intellig")))]
    # "Ghanaian" finds the sessions that name Ghana
    coverage = retriever.coverage("the Ghanaian")  # capitalised inside a sentence: a proper word
    snap = retriever.index.snapshot()
    rows = np.flatnonzero(coverage > 0)
    assert len(rows) and all("Ghana" in snap.texts[r] or "Ghana" in snap.metadatas[r]["organisers"]
                             for r in rows)
    assert organiser_names("Which sessions did UNDP help organise?") == ["UNDP"]
    question = "What did Ghanaian institutions announce at the sessions they co-organised?"
    assert retriever.organiser_in(question) == "Ghana"
    assert retriever.organiser_in("Which sessions discussed UNDP?") is None  # not about organisers


def test_empty_index_returns_nothing(make_index: Callable[..., CorpusIndex]) -> None:
    empty = Retriever(make_index())
    assert empty.search("anything") == []
    assert empty.dense_search("anything") == []
    assert empty.keyword_search("anything") == []
    assert empty.best_per_session("anything") == []


def test_filtered_dense_search_ranks_like_chroma_itself(
    retriever: Retriever, sample_index: CorpusIndex
) -> None:
    """A filtered dense search runs on the snapshot; it must give Chroma's own filtered ranking."""
    query = "connectivity for schools and clinics"
    vector = retriever.embed(query)
    for filters, where in [
        (SearchFilters(year=2024), {"year": 2024}),
        (SearchFilters(year=2023, section="action_plan"),
         {"$and": [{"year": 2023}, {"section": "action_plan"}]}),
    ]:
        ours = retriever.dense_search(query, k=10, per_doc_cap=10, filters=filters)
        chroma = sample_index.collection.query(
            query_embeddings=[vector], n_results=10, where=where, include=["distances"]
        )
        assert [h.chunk_id for h in ours] == chroma["ids"][0]
        assert [h.dense for h in ours] == pytest.approx([1 - d for d in chroma["distances"][0]], abs=1e-4)
