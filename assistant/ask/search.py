"""Hybrid search over the indexed outcome documents: dense (Chroma) + keyword (BM25), fused by RRF.

`Retriever.search` answers "which chunks best match this question": Chroma's nearest neighbours of
the query embedding and the snapshot's BM25 ranking are fused by reciprocal rank fusion, filtered
(year, section, organisers substring, doc id) and capped per document so one session cannot fill
the result. `Retriever.best_per_session` answers "which sessions say anything about this": it scores
every chunk of the corpus at once (the snapshot's embedding matrix and keyword postings, numpy only)
and keeps each session's best chunk above a relevance floor.

The query is embedded once (and cached for the next few calls); nothing here loads a model per query.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.ask.language import shared_terms
from assistant.ask.questions import Concept, organiser_names, subject_concepts, topic
from assistant.corpus.keywords import terms
from assistant.domain.normalise import find_date

if TYPE_CHECKING:
    from assistant.corpus.snapshot import SearchSnapshot
    from assistant.corpus.store import CorpusIndex

RRF_K = 60  # the usual reciprocal-rank-fusion constant: rank r contributes 1 / (RRF_K + r)
# A question in another language: its keyword ranking reads only the names and numbers it shares with
# English ("2022", "WSIS"), so the dense ranking counts this many times in the fusion (issue 27).
CROSS_LINGUAL_DENSE_VOTES = 1
CROSS_LINGUAL_NAME_SHARE = 0.05  # a shared name in more than this share of the chunks is not searched for
MIN_CANDIDATES = 40  # each ranker contributes at least this many candidates to the fusion
KEYWORD_WEIGHT = 1.0  # weight of keyword coverage beside cosine similarity in an evidence score
_QUERY_CACHE = 64
_EVIDENCE_CACHE = 4  # whole-corpus score arrays kept (each is 8 bytes × chunks)


@dataclass
class SearchFilters:
    """Restrictions on what a search may return; None means "any".

    `organisers` is a case-insensitive substring of the session's organisers line; the others
    match exactly (`section` is a template section id such as `action_plan`). `doc_ids` keeps only
    those sessions (a follow-up on the sessions of the previous answer); `dates` is an inclusive
    range of ISO dates ("2023-03-13", "2023-03-17") that a session's date must fall in.
    `action_lines` and `sdgs` are tag ids (`C5`, `C7.e-health`, `SDG4`): a session qualifies when it
    carries any of the listed Action Lines and any of the listed SDGs.
    """

    year: int | None = None
    section: str | None = None
    organisers: str | None = None
    doc_id: str | None = None
    doc_ids: tuple[str, ...] | None = None
    dates: tuple[str, str] | None = None
    action_lines: tuple[str, ...] = ()
    sdgs: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """True when no field restricts anything."""
        return not any(v not in (None, "") for v in (self.year, self.section, self.organisers, self.doc_id,
                                                     self.doc_ids, self.dates)) \
            and not self.action_lines and not self.sdgs


@dataclass
class Hit:
    """One retrieved chunk: its id, text and metadata, the fused score and each ranker's own score.

    `dense` is the cosine similarity to the query, `keyword` the BM25 score; either is None when
    that ranker did not see the chunk. For `best_per_session` hits `score` is the evidence score.
    """

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    score: float
    dense: float | None = None
    keyword: float | None = None

    @property
    def doc_id(self) -> str:
        """The document (session) this chunk belongs to."""
        return str(self.metadata.get("doc_id", ""))

    @property
    def section(self) -> str:
        """The template section id of the chunk."""
        return str(self.metadata.get("section", ""))


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


@dataclass
class _View:
    """Arrays derived once per snapshot for fast masks, postings and id lookups."""

    snapshot: SearchSnapshot
    row_of: dict[str, int]
    doc_codes: np.ndarray  # per row: index into doc_ids
    doc_ids: list[str]
    years: np.ndarray
    section_codes: np.ndarray  # per row: index into section_ids
    section_ids: list[str]
    organiser_codes: np.ndarray  # per row: index into organisers_lower
    organisers_lower: list[str]
    organisers_text: str  # organisers_lower joined by newlines, searched in one pass
    organiser_starts: np.ndarray  # offset of each line in organisers_text
    titles: dict[str, str]  # doc id -> session title
    idf_max: float
    days: np.ndarray  # per row: the session's date as a proleptic ordinal (0 when unknown)
    doc_tags: list[frozenset[str]] = field(default_factory=list)  # per doc code: its tag ids
    _postings: dict[Concept, tuple[np.ndarray, float]] = field(default_factory=dict)

    @classmethod
    def build(cls, snap: SearchSnapshot) -> _View:
        metas = snap.metadatas
        doc_codes, doc_ids = _factorise(str(m.get("doc_id", "")) for m in metas)
        section_codes, section_ids = _factorise(str(m.get("section", "")) for m in metas)
        org_codes, organisers = _factorise(str(m.get("organisers", "")) for m in metas)
        lower = [" ".join(o.lower().split()) for o in organisers]  # one line each, even if it had breaks
        starts = np.cumsum([0] + [len(o) + 1 for o in lower[:-1]]) if lower else np.zeros(0, np.int64)
        return cls(
            snapshot=snap,
            row_of={chunk_id: i for i, chunk_id in enumerate(snap.ids)},
            doc_codes=doc_codes,
            doc_ids=doc_ids,
            years=np.fromiter((int(m.get("year") or 0) for m in metas), dtype=np.int32, count=len(metas)),
            section_codes=section_codes,
            section_ids=section_ids,
            organiser_codes=org_codes,
            organisers_lower=lower,
            organisers_text="\n".join(lower),
            organiser_starts=np.asarray(starts, dtype=np.int64),
            titles={str(m.get("doc_id", "")): str(m.get("title", "")) for m in metas},
            idf_max=_idf(len(metas), 0),
            days=_day_codes(f"{m.get('date', '')} {m.get('year') or ''}" for m in metas),
            doc_tags=_doc_tags(metas, doc_codes, len(doc_ids)),
        )

    def mask(self, filters: SearchFilters | None) -> np.ndarray | None:
        """Rows allowed by the filters, or None when nothing is filtered."""
        if filters is None or filters.is_empty():
            return None
        mask = np.ones(len(self.row_of), dtype=bool)
        if filters.year is not None:
            mask &= self.years == int(filters.year)
        if filters.section:
            mask &= self.section_codes == _code(self.section_ids, filters.section)
        if filters.doc_id:
            mask &= self.doc_codes == _code(self.doc_ids, filters.doc_id)
        if filters.doc_ids is not None:
            codes = [_code(self.doc_ids, d) for d in filters.doc_ids]
            mask &= np.isin(self.doc_codes, [c for c in codes if c >= 0])
        if filters.dates:
            first, last = (date.fromisoformat(d).toordinal() for d in filters.dates)
            mask &= (self.days >= first) & (self.days <= last)
        if filters.organisers:
            allowed = self.organiser_match(filters.organisers)
            mask &= allowed[self.organiser_codes] if len(allowed) else False
        for wanted in (filters.action_lines, filters.sdgs):
            if wanted:
                tagged = np.array([bool(tags.intersection(wanted)) for tags in self.doc_tags], dtype=bool)
                mask &= tagged[self.doc_codes] if len(tagged) else False
        return mask

    def organiser_match(self, needle: str) -> np.ndarray:
        """Per distinct organisers line: does it contain the needle (case-insensitive, from a word start)?

        "ITU" matches "ITU-T Study Group 5" and "(ITU–UNICEF)" but not "Institute".
        """
        found = np.zeros(len(self.organisers_lower), dtype=bool)
        needle = " ".join(needle.lower().split())
        if not needle:
            return found
        # one scan of all lines at C speed (a line break counts as a word boundary), then the
        # word-start check at each hit: a lookbehind regex tried at every offset was 20x slower
        text = self.organisers_text
        offsets = []
        at = text.find(needle)
        while at != -1:
            if at == 0 or not _LETTER_OR_DIGIT.match(text[at - 1]):
                offsets.append(at)
            at = text.find(needle, at + 1)
        if offsets:
            found[np.searchsorted(self.organiser_starts, offsets, side="right") - 1] = True
        return found

    def find_organiser(self, names: list[str]) -> str | None:
        """The first name that some session's organisers line contains, as the needle that matched.

        A single word that matches nowhere is tried again without its ending, so "Ghanaian" finds
        "Ghana" and "Chilean" finds "Chile".
        """
        for name in names:
            candidates = [name]
            if " " not in name and len(name) > 5:
                candidates += [name[:cut] for cut in range(len(name) - 1, max(3, len(name) - 5), -1)]
            for candidate in candidates:
                if self.organiser_match(candidate).any():
                    return candidate
        return None

    def resolve(self, term: str, proper: bool) -> str | None:
        """The keyword-index term for a query term; a proper word the index lacks ("ghanaian") falls
        back to its longest known prefix ("ghana"). None when nothing matches."""
        bm25 = self.snapshot.bm25
        vocab = bm25.vocab_dict if bm25 is not None else {}
        if term in vocab:
            return term
        if proper:
            for cut in range(len(term) - 1, max(3, len(term) - 5), -1):
                if term[:cut] in vocab:
                    return term[:cut]
        return None

    def term_rows(self, term: str) -> np.ndarray:
        """Rows whose keyword text (title, organisers, text) holds a stemmed term (the BM25 postings)."""
        bm25 = self.snapshot.bm25
        if bm25 is None or term not in bm25.vocab_dict:
            return np.zeros(0, dtype=np.int64)
        token = bm25.vocab_dict[term]
        indptr, indices = bm25.scores["indptr"], bm25.scores["indices"]
        return np.asarray(indices[indptr[token]:indptr[token + 1]], dtype=np.int64)

    def postings(self, concept: Concept) -> tuple[np.ndarray, float]:
        """Rows that hold a concept (all terms of any one of its spellings), and its rarity (idf)."""
        cached = self._postings.get(concept)
        if cached is not None:
            return cached
        found: list[np.ndarray] = []
        for alternative in concept.alternatives:
            known = [self.resolve(t, concept.proper and len(alternative) == 1) for t in alternative]
            if not all(known):
                continue
            rows = self.term_rows(known[0])  # type: ignore[arg-type]
            for term in known[1:]:
                rows = np.intersect1d(rows, self.term_rows(term), assume_unique=True)  # type: ignore[arg-type]
            found.append(rows)
        rows = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
        result = (rows, _idf(len(self.row_of), len(rows)))
        if len(self._postings) > 4096:
            self._postings.clear()
        self._postings[concept] = result
        return result

    def tokens(self, concepts: list[Concept]) -> list[str]:
        """The keyword-index terms of every spelling of these concepts (for BM25)."""
        found: list[str] = []
        for concept in concepts:
            for alternative in concept.alternatives:
                for term in alternative:
                    known = self.resolve(term, concept.proper and len(alternative) == 1)
                    if known:
                        found.append(known)
        return list(dict.fromkeys(found))


def _day_codes(dates: Iterable[str]) -> np.ndarray:
    """Each "date year" string as a proleptic ordinal day (0 when it holds no calendar date); the year
    after the date completes a date written without one ("15 March, 10:00 2023")."""
    parsed: dict[str, int] = {}
    out = []
    for text in dates:
        if text not in parsed:
            found = find_date(text) or find_date(re.sub(r"[,·|—-].*?(\d{4})$", r" \1", text))
            parsed[text] = datetime.strptime(found, "%d %B %Y").date().toordinal() if found else 0
        out.append(parsed[text])
    return np.asarray(out, dtype=np.int64)
def _doc_tags(metas: list[dict[str, Any]], doc_codes: np.ndarray, n_docs: int) -> list[frozenset[str]]:
    """Per document code: the Action Line and SDG ids recorded on its chunks."""
    from assistant.corpus.tags import tag_ids

    tags: list[frozenset[str] | None] = [None] * n_docs
    for row, meta in enumerate(metas):
        code = int(doc_codes[row])
        if tags[code] is None:
            tags[code] = frozenset(tag_ids(meta))
    return [t or frozenset() for t in tags]


def _factorise(values: Iterable[str]) -> tuple[np.ndarray, list[str]]:
    """Integer codes for a column of strings, and the distinct strings in order of first appearance."""
    index: dict[str, int] = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int32)
    return codes, list(index)


def _code(values: list[str], value: str) -> int:
    """The code of a value, or -1 (matching no row) when it does not occur."""
    try:
        return values.index(value)
    except ValueError:
        return -1


def _idf(n_docs: int, df: int) -> float:
    """BM25's inverse document frequency (never negative)."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


class Retriever:
    """Searches one `CorpusIndex`: hybrid search, its two baselines, and whole-corpus evidence."""

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index
        self._view: _View | None = None
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._evidence: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._evidence_view: _View | None = None

    # -- shared pieces ------------------------------------------------------------------------
    def view(self) -> _View:
        """Derived arrays of the current snapshot (rebuilt only when the snapshot changes)."""
        snap = self.index.snapshot()
        with self._lock:
            if self._view is None or self._view.snapshot is not snap:
                self._view = _View.build(snap)
            return self._view

    def embed(self, query: str) -> np.ndarray:
        """The query's embedding; the last few queries are remembered, so a question is embedded once."""
        return self.embed_many([query])[0]

    def embed_many(self, queries: list[str]) -> list[np.ndarray]:
        """Embeddings of several queries, the ones not seen lately in a single model call."""
        with self._lock:  # what is cached is taken now: another request may evict it meanwhile
            known = {q: self._vectors[q] for q in dict.fromkeys(queries) if q in self._vectors}
        missing = [q for q in dict.fromkeys(queries) if q not in known]
        if missing:
            known.update(zip(missing, self.index.embedder.encode(missing), strict=True))
        with self._lock:
            for query in dict.fromkeys(queries):
                self._vectors[query] = known[query]
                self._vectors.move_to_end(query)
            while len(self._vectors) > _QUERY_CACHE:
                self._vectors.popitem(last=False)
        return [known[q] for q in queries]

    # -- issue 27: cross-lingual questions ----------------------------------------------------
    def keyword_text(self, query: str) -> str:
        """What keyword search reads of a query: all of it, except that with a multilingual embedder
        a question in another language keeps only what it shares with English text (names,
        acronyms, numbers; `ask.language.shared_terms`); its meaning reaches the passages through
        the embedder."""
        if not self.index.embedder.spec.multilingual:
            return query
        shared = shared_terms(query)
        if shared == query:
            return query
        # of those, the names that pick out a few passages: "2022", "WSIS" or "Forum" are in so many
        # chunks that they rank noise above what the question means, and a capitalised word the
        # corpus never uses ("Unión Africana") is a name in the question's language, not a shared one
        view = self.view()
        limit = CROSS_LINGUAL_NAME_SHARE * max(len(view.row_of), 1)
        kept = []
        for token in shared.split():
            concepts = subject_concepts(token)
            if concepts and 0 < len(view.postings(concepts[0])[0]) <= limit:
                kept.append(token)
        return " ".join(kept)

    def cross_lingual(self, query: str) -> bool:
        """True for a question in another language read by a multilingual embedder."""
        return self.index.embedder.spec.multilingual and shared_terms(query) != query

    def _cross_lingual_evidence(self, sims: np.ndarray) -> np.ndarray:
        """A cross-lingual question's evidence: its cosine similarity alone (the few names it shares
        with English text say little about whether a passage answers it), moved onto the scale of
        English evidence so that one refusal threshold and one whole-corpus floor serve both."""
        ask = self.index.settings.ask
        return (sims - ask.cross_lingual_refusal + ask.refusal).astype(np.float32, copy=False)

    def coverage(self, query: str, rows: np.ndarray | None = None) -> np.ndarray:
        """Share of the query's terms (weighted by rarity) that each row's keyword text contains.

        Terms the corpus never uses count with the highest weight, so a question about something
        no session mentions gets low coverage everywhere. `rows` limits the result to those rows.
        """
        view = self.view()
        n = len(view.row_of)
        covered = np.zeros(n, dtype=np.float32)
        total = 0.0
        for concept in subject_concepts(self.keyword_text(query)):
            postings, idf = view.postings(concept)
            total += idf
            if len(postings):
                covered[postings] += idf
        result = covered / total if total else covered
        return result if rows is None else result[rows]

    def keyword_scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for the query's subject terms (frame words left out)."""
        view = self.view()
        bm25 = view.snapshot.bm25
        tokens = view.tokens(subject_concepts(self.keyword_text(query)))
        if bm25 is None or not tokens:
            return np.zeros(len(view.row_of), dtype=np.float32)
        return np.asarray(bm25.get_scores(tokens), dtype=np.float32)

    def _hit_from_row(self, view: _View, row: int, score: float, dense: float | None = None,
                      keyword: float | None = None) -> Hit:
        snap = view.snapshot
        return Hit(chunk_id=snap.ids[row], text=snap.texts[row], metadata=dict(snap.metadatas[row]),
                   score=float(score), dense=dense, keyword=keyword)

    # -- the two rankers ----------------------------------------------------------------------
    def _dense_ranking(self, query: str, n: int, view: _View,
                       mask: np.ndarray | None) -> list[tuple[str, float, str, dict]]:
        """The nearest chunks: (id, cosine similarity, text, metadata), best first.

        Without filters this is Chroma's HNSW search. With filters it is an exact search over the
        allowed rows of the snapshot (the same revision of the same store): Chroma evaluates a
        `where` clause in SQLite over every row before it searches, which took 90-170 ms at 100k
        chunks, while one matrix-vector product over even all 100k rows takes about 10 ms.
        """
        if n <= 0 or not view.row_of:
            return []
        vector = self.embed(query)
        if mask is not None:
            return self._exact_dense(vector, n, view, np.flatnonzero(mask))
        result = self.index.collection.query(
            query_embeddings=[vector], n_results=min(n, len(view.row_of)),
            include=["documents", "metadatas", "distances"],
        )
        ids = result["ids"][0] if result["ids"] else []
        docs = result["documents"][0] if result.get("documents") else [""] * len(ids)
        metas = result["metadatas"][0] if result.get("metadatas") else [{}] * len(ids)
        dists = result["distances"][0] if result.get("distances") else [1.0] * len(ids)
        return [(i, 1.0 - float(d), t or "", dict(m or {}))
                for i, d, t, m in zip(ids, dists, docs, metas, strict=True)]

    def _exact_dense(self, vector: np.ndarray, n: int, view: _View,
                     rows: np.ndarray) -> list[tuple[str, float, str, dict]]:
        """The n rows (of `rows`) most similar to a query vector, by exact cosine, best first."""
        if not len(rows):
            return []
        snap = view.snapshot
        sims = snap.embeddings[rows] @ np.asarray(vector, dtype=np.float32)
        n = min(n, len(rows))
        top = np.argpartition(-sims, n - 1)[:n]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(snap.ids[r], float(sims[t]), snap.texts[r], dict(snap.metadatas[r]))
                for t, r in ((int(t), int(rows[t])) for t in top)]

    def _keyword_ranking(self, query: str, n: int, view: _View,
                         mask: np.ndarray | None) -> list[tuple[int, float]]:
        """The snapshot's BM25 ranking: (row, score) with a positive score, best first."""
        scores = self.keyword_scores(query)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        positive = int(np.count_nonzero(scores > 0))
        n = min(n, positive)
        if n <= 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(r), float(scores[r])) for r in top]

    # -- public searches ----------------------------------------------------------------------
    def search(self, query: str, k: int = 8, filters: SearchFilters | None = None,
               per_doc_cap: int = 2, *, prefer_section: str | None = None) -> list[Hit]:
        """Hybrid search: dense and keyword rankings fused by reciprocal rank fusion, capped per document.

        `prefer_section` (a section id) adds the candidates of that section, in fused order, as a
        third ranking: a question about recommendations leans towards the action plan without
        excluding the rest.
        """
        view = self.view()
        mask = view.mask(filters)
        n = max(MIN_CANDIDATES, 5 * k)
        dense = self._dense_ranking(query, n, view, mask)
        keyword = self._keyword_ranking(query, n, view, mask)
        dense_of = {chunk_id: (sim, text, meta) for chunk_id, sim, text, meta in dense}
        keyword_of = {view.snapshot.ids[row]: score for row, score in keyword}
        rankings = [[d[0] for d in dense], list(keyword_of)]
        if self.cross_lingual(query):  # issue 27: the few shared names rank less than the meaning
            rankings = [rankings[0]] * CROSS_LINGUAL_DENSE_VOTES + rankings[1:]
        fused = reciprocal_rank_fusion(rankings)
        if prefer_section:
            section_of = {c: str(dense_of[c][2].get("section", "")) for c in dense_of}
            preferred = [c for c in sorted(fused, key=lambda c: -fused[c])
                         if section_of.get(c, _row_section(view, c)) == prefer_section]
            fused = reciprocal_rank_fusion([*rankings, preferred])
        hits: list[Hit] = []
        for chunk_id in sorted(fused, key=lambda c: -fused[c]):
            row = view.row_of.get(chunk_id)
            sim = dense_of[chunk_id][0] if chunk_id in dense_of else None
            if row is not None:
                hit = self._hit_from_row(view, row, fused[chunk_id], sim, keyword_of.get(chunk_id))
            else:  # written to Chroma after this snapshot was taken
                _sim, text, meta = dense_of[chunk_id]
                hit = Hit(chunk_id, text, meta, fused[chunk_id], sim, None)
            hits.append(hit)
        return cap_hits(hits, k, per_doc_cap)

    def dense_search(self, query: str, k: int = 8, filters: SearchFilters | None = None,
                     per_doc_cap: int = 2) -> list[Hit]:
        """Dense search alone (Chroma nearest neighbours), the baseline for the hybrid search."""
        view = self.view()
        mask = view.mask(filters)
        ranking = self._dense_ranking(query, max(MIN_CANDIDATES, 5 * k), view, mask)
        hits = [Hit(chunk_id, text, meta, sim, dense=sim) for chunk_id, sim, text, meta in ranking]
        return cap_hits(hits, k, per_doc_cap)

    def keyword_search(self, query: str, k: int = 8, filters: SearchFilters | None = None,
                       per_doc_cap: int = 2) -> list[Hit]:
        """Keyword search alone (BM25), the other baseline for the hybrid search."""
        view = self.view()
        ranking = self._keyword_ranking(query, max(MIN_CANDIDATES, 5 * k), view, view.mask(filters))
        hits = [self._hit_from_row(view, row, score, keyword=score) for row, score in ranking]
        return cap_hits(hits, k, per_doc_cap)

    def evidence(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """Evidence score and cosine similarity of every row for a query (recent queries are cached).

        evidence = cosine similarity + KEYWORD_WEIGHT × keyword coverage: the one number that the
        refusal threshold and the whole-corpus floor are calibrated on.
        """
        return self.evidence_many([query])[0]

    def evidence_many(self, queries: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """`evidence` of several queries, with one pass over the embedding matrix for all of them."""
        view = self.view()
        if not view.row_of:
            empty = np.zeros(0, dtype=np.float32)
            return [(empty, empty) for _ in queries]
        with self._lock:
            if self._evidence_view is not view:
                self._evidence.clear()
                self._evidence_view = view
            # what the cache holds now is taken now: another request may evict it before the end
            cached = {q: self._evidence[q] for q in dict.fromkeys(queries) if q in self._evidence}
            missing = [q for q in dict.fromkeys(queries) if q not in cached]
        computed: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if missing:
            vectors = np.stack(self.embed_many(missing))
            all_sims = vectors @ view.snapshot.embeddings.T  # one row per query, contiguous
            computed = {q: (self._cross_lingual_evidence(sims) if self.cross_lingual(q)
                            else sims + KEYWORD_WEIGHT * self.coverage(q), sims)
                        for q, sims in zip(missing, all_sims, strict=True)}
        with self._lock:
            if self._evidence_view is view:  # scores of a view the index has since replaced are not kept
                self._evidence.update(computed)
            found = [computed[q] if q in computed else cached[q] for q in queries]
            for query in queries:
                if query in self._evidence:
                    self._evidence.move_to_end(query)
            while len(self._evidence) > _EVIDENCE_CACHE:
                self._evidence.popitem(last=False)
        return found

    def best_evidence(self, query: str, filters: SearchFilters | None = None) -> float:
        """The highest evidence score of any chunk the filters allow (-1 when there is none)."""
        scores, _sims = self.evidence(query)
        mask = self.view().mask(filters)
        if mask is not None:
            scores = scores[mask]
        return float(scores.max()) if len(scores) else -1.0

    def best_per_session(self, query: str, filters: SearchFilters | None = None,
                         floor: float | None = None) -> list[Hit]:
        """Every session's best chunk for a query, over the whole corpus, kept when above the floor.

        The query may be a whole question ("Which sessions discussed AI?"): only its subject is
        scored (`questions.topic`). Sorted by evidence score, best first; `floor` defaults to the
        index's settings.ask.aggregate_floor (whole-corpus questions keep a session above it).
        """
        floor = self.index.settings.ask.aggregate_floor if floor is None else floor
        query = topic(query)
        view = self.view()
        if not view.row_of:
            return []
        scores, sims = self.evidence(query)
        keep = scores >= floor
        mask = view.mask(filters)
        if mask is not None:
            keep &= mask
        rows = np.flatnonzero(keep)
        if not len(rows):
            return []
        # sort by (document, -score): the first row of each document is its best chunk
        order = rows[np.lexsort((-scores[rows], view.doc_codes[rows]))]
        codes = view.doc_codes[order]
        firsts = order[np.concatenate(([True], codes[1:] != codes[:-1]))]
        firsts = firsts[np.argsort(-scores[firsts], kind="stable")]
        keyword = self.keyword_scores(query)
        return [self._hit_from_row(view, int(r), scores[r], float(sims[r]), float(keyword[r]))
                for r in firsts]

    def text_scorer(self, query: str) -> Callable[[str], float]:
        """A function giving any text's keyword coverage of the query (0..1, weighted by rarity).

        Used to pick the sentences of a chunk that answer the question, without embedding them.
        """
        view = self.view()
        weighted = [(concept, view.postings(concept)[1])
                    for concept in subject_concepts(self.keyword_text(query))]
        total = sum(w for _, w in weighted)
        resolved = [
            ([tuple(view.resolve(t, c.proper and len(a) == 1) or t for t in a) for a in c.alternatives], w)
            for c, w in weighted
        ]

        def score(text: str) -> float:
            present = set(terms(text))
            got = sum(w for alternatives, w in resolved
                      if any(all(t in present for t in a) for a in alternatives))
            return got / total if total else 0.0

        return score

    def closest_chunk(self, query: str, doc_id: str, exclude: set[str],
                      filters: SearchFilters | None = None) -> Hit | None:
        """The chunk of this session (allowed by the filters) whose stored vector is closest to the
        query, leaving out the chunks in `exclude` (None when none is left). Reads the similarities
        the ranking computed."""
        view = self.view()
        code = _code(view.doc_ids, doc_id)
        allowed = view.doc_codes == code
        mask = view.mask(filters)
        if mask is not None:
            allowed &= mask
        rows = [int(r) for r in np.flatnonzero(allowed) if view.snapshot.ids[int(r)] not in exclude]
        if code < 0 or not rows:
            return None
        sims = self.evidence(query)[1]
        row = max(rows, key=lambda r: float(sims[r]))
        return self._hit_from_row(view, row, float(sims[row]), dense=float(sims[row]))

    def session_chunks(self, doc_ids: Iterable[str]) -> list[Hit]:
        """Every chunk of these sessions, in index order (what an answerability check reads)."""
        view = self.view()
        codes = [_code(view.doc_ids, d) for d in doc_ids]
        rows = np.flatnonzero(np.isin(view.doc_codes, [c for c in codes if c >= 0]))
        return [self._hit_from_row(view, int(r), 0.0) for r in rows]

    def sessions_with(self, concepts: list[Concept], filters: SearchFilters | None = None) -> list[str]:
        """Doc ids of the sessions (allowed by the filters) that hold every one of these concepts, each
        anywhere in the session (its text, title or organisers)."""
        view = self.view()
        allowed = np.ones(len(view.row_of), dtype=bool)
        mask = view.mask(filters)
        if mask is not None:
            allowed &= mask
        codes = set(np.unique(view.doc_codes[allowed]).tolist())
        for concept in concepts:
            rows, _idf_value = view.postings(concept)
            codes &= set(np.unique(view.doc_codes[rows]).tolist()) if len(rows) else set()
        return [view.doc_ids[c] for c in sorted(codes)]

    def tag_evidence(self, hits: list[Hit], tag_ids: Iterable[str]) -> list[Hit]:
        """Each session's hit replaced by the chunk its tag was found in (a tag stated in the title
        keeps the hit), with `tag_source` ("stated" or "inferred") added to its metadata, for
        answers to "which sessions relate to Action Line C5?". Stated tags are preferred."""
        from assistant.corpus.chunking import sibling_chunk_id
        from assistant.corpus.tags import decode_tags

        wanted = list(tag_ids)
        view = self.view()
        out = []
        for hit in hits:
            first = view.row_of.get(sibling_chunk_id(hit.chunk_id, 0))
            tags = decode_tags(view.snapshot.metadatas[first]) if first is not None else []
            found = sorted((t for t in tags if t.id in wanted), key=lambda t: t.source != "stated")
            if not found:
                out.append(hit)
                continue
            tag = found[0]
            row = view.row_of.get(sibling_chunk_id(hit.chunk_id, tag.passage)) if tag.passage >= 0 else None
            chosen = hit if row is None else self._hit_from_row(view, row, hit.score)
            chosen.metadata["tag_source"] = tag.source
            out.append(chosen)
        return out

    def sessions(self, filters: SearchFilters | None = None) -> list[Hit]:
        """The first chunk of every session the filters allow, newest session first (metadata answers)."""
        view = self.view()
        mask = view.mask(filters)
        rows = np.arange(len(view.row_of)) if mask is None else np.flatnonzero(mask)
        if not len(rows):
            return []
        codes = view.doc_codes[rows]
        firsts = rows[np.unique(codes, return_index=True)[1]]
        hits = [self._hit_from_row(view, int(r), 0.0) for r in firsts]
        return sorted(hits, key=lambda h: (-int(view.days[view.row_of[h.chunk_id]]), h.doc_id))

    def sessions_named_in(self, text: str) -> list[str]:
        """Doc ids of the sessions whose full title appears in a text (e.g. a previous answer)."""
        return [doc for doc, title in self.view().titles.items() if len(title) > 8 and title in text]

    def organiser_in(self, question: str) -> str | None:
        """The organiser a question names ("sessions UNDP helped organise" -> "UNDP"), if a session has it."""
        names = organiser_names(question)
        return self.view().find_organiser(names) if names else None


def _row_section(view: _View, chunk_id: str) -> str:
    row = view.row_of.get(chunk_id)
    return str(view.snapshot.metadatas[row].get("section", "")) if row is not None else ""


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Fuse rankings (lists of ids, best first): each id scores the sum of 1 / (k + rank) over lists."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


def cap_hits(hits: list[Hit], k: int, per_doc_cap: int) -> list[Hit]:
    """The first k hits, each chunk once, with at most `per_doc_cap` from any one document (0 or
    less: no cap)."""
    kept: list[Hit] = []
    seen: set[str] = set()
    per_doc: dict[str, int] = {}
    for hit in hits:
        if hit.chunk_id in seen:
            continue
        seen.add(hit.chunk_id)
        count = per_doc.get(hit.doc_id, 0)
        if per_doc_cap > 0 and count >= per_doc_cap:
            continue
        per_doc[hit.doc_id] = count + 1
        kept.append(hit)
        if len(kept) >= k:
            break
    return kept
