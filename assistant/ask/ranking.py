"""The documents Ask reads for a question, ranked: retrieval as the Ask service does it.

`Retriever.search` ranks chunks for a text. Ask reads a question before it searches: a year, a
date span, an organiser or a tag it names becomes a filter (`AskService.prepare`), and a
whole-corpus question ("which sessions…", "list every session…") is decided session by session by
the answerability model, not by the few chunks nearest to its wording. `ranked_hits` returns one
ranking that follows those steps, so that what the retrieval figures measure is what Ask reads:

- an ordinary question: the hybrid search (dense + BM25 fused) within the question's filters;
- a whole-corpus question: every session the filters allow, each by its best passage, ranked by
  the model's probability that the session states the subject (sessions in metadata-only listings,
  "which sessions did UNDP organise", by their evidence);
- a tag listing ("which sessions relate to Action Line C7?"): the tagged sessions first.

The sessions the filters leave out follow, in the plain hybrid search's order, so that a filter
read wrongly from a question lowers a session's rank rather than losing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from assistant.ask.questions import topic
from assistant.ask.search import Hit, SearchFilters, cap_hits

if TYPE_CHECKING:
    from assistant.ask.service import AskService


def ranked_hits(service: AskService, question: str, k: int = 10, per_doc_cap: int = 1) -> list[Hit]:
    """The first `k` hits Ask reads for a question (at most `per_doc_cap` per document), best first."""
    from assistant.ask.service import _Plan

    retriever = service.retriever
    prepared = service.prepare(question, SearchFilters())
    first: list[Hit]
    if isinstance(prepared, _Plan):  # an empty corpus, or a listing by tag
        first = list(prepared.hits)
    else:
        asked, filters, aggregate, by_metadata = prepared
        if not aggregate:
            first = retriever.search(asked, k=k, filters=filters, per_doc_cap=per_doc_cap)
        else:
            first = _sessions_by_model(service, asked, filters, by_metadata)
    rest = retriever.search(question, k=k, per_doc_cap=per_doc_cap)
    return cap_hits([*first, *rest], k, per_doc_cap)


def _sessions_by_model(service: AskService, question: str, filters: SearchFilters,
                       by_metadata: bool) -> list[Hit]:
    """Every session the filters allow, by its best passage for the question's subject, ranked by
    the answerability model's per-session probability (by evidence for a metadata listing)."""
    sessions = service.retriever.best_per_session(topic(question), filters, float("-inf"))
    if by_metadata or not sessions:
        return sessions
    judged = service.judge(question, filters, aggregate=True)
    probability = dict(zip(judged.features.doc_ids, np.asarray(judged.probability, dtype=float), strict=True))
    order = {doc: rank for rank, doc in enumerate(h.doc_id for h in sessions)}
    return sorted(sessions, key=lambda h: (-probability.get(h.doc_id, 0.0), order[h.doc_id]))
