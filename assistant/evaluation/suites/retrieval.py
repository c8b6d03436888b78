"""The retrieval suite: does search put the documents that answer a question at the top?

For every answerable question Ask's retrieval ("hybrid": `ask.ranking.ranked_hits`, the hybrid
search within the filters the question names, a whole-corpus question ranked session by session by
the answerability model) and three baselines (the plain hybrid search of the question's wording,
`Retriever.search`; dense only; keyword only) rank the corpus; chunks are reduced to distinct
documents in rank order (per_doc_cap=1). Recall@5 is the share of gold documents among the first 5
documents, MRR the mean reciprocal rank of the first gold document, nDCG@10 uses binary relevance.
Figures are given per question type and overall; unanswerable questions are left out (the answers
suite scores them). Whole-corpus questions are also run through `Retriever.best_per_session` at the
fixed whole-corpus floor: its recall and precision against the gold sessions are reported beside.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.evaluation.context import EvalContext
from assistant.evaluation.datasets import Question, doc_key
from assistant.evaluation.metrics import distinct, mean, ndcg_at_k, recall_at_k, reciprocal_rank
from assistant.evaluation.report import Metric, SuiteResult, Table, format_value

K = 5
NDCG_K = 10
SYSTEMS = ("hybrid", "search", "dense", "keyword")


def ranked_documents(search: Callable[..., list[Any]], question: str, depth: int = NDCG_K) -> list[str]:
    """The first `depth` distinct documents a search ranks for a question."""
    hits = search(question, k=depth, per_doc_cap=1)
    return distinct(hit.doc_id for hit in hits)


def score_ranking(ranked: list[str], gold: list[str]) -> dict[str, float]:
    """Recall@5, reciprocal rank and nDCG@10 of one ranking."""
    return {
        "recall": recall_at_k(ranked, gold, K),
        "rr": reciprocal_rank(ranked, gold),
        "ndcg": ndcg_at_k(ranked, gold, NDCG_K),
    }


def run_retrieval(ctx: EvalContext) -> SuiteResult:
    """Rank documents for every answerable question with the three searches and score them."""
    from assistant.ask.ranking import ranked_hits
    from assistant.ask.search import Retriever
    from assistant.ask.service import AskService

    result = SuiteResult(name="retrieval")
    retriever = Retriever(ctx.index)
    service = AskService(ctx.index, ctx.run_settings)
    known = {d.doc_id for d in ctx.index.documents()}
    def asked(question: str, k: int = 10, per_doc_cap: int = 1) -> list[Any]:
        return ranked_hits(service, question, k, per_doc_cap)

    searches: dict[str, Callable[..., list[Any]]] = {
        "hybrid": asked,
        "search": retriever.search,
        "dense": retriever.dense_search,
        "keyword": retriever.keyword_search,
    }
    scores: dict[str, list[tuple[str, dict[str, float]]]] = {s: [] for s in SYSTEMS}
    aggregate: list[dict[str, float]] = []
    questions = [q for q in ctx.dataset.questions if q.answerable]
    ctx.encoder.encode([q.question for q in questions])  # one batch instead of one model call each
    for number, question in enumerate(questions, 1):
        ctx.progress(f"searching question {question.id} ({number}/{len(questions)})")
        gold = [doc_key(g) for g in question.gold_docs]
        unknown = [g for g in gold if g not in known]
        if unknown:
            result.notes.append(f"{question.id}: gold document(s) not in the corpus: {', '.join(unknown)}")
        case: dict[str, Any] = {
            "id": question.id,
            "type": question.type,
            "question": question.question,
            "gold": gold,
            "systems": {},
        }
        for system in SYSTEMS:
            ranked = ranked_documents(searches[system], question.question)
            figures = score_ranking(ranked, gold)
            scores[system].append((question.type, figures))
            case["systems"][system] = {"ranked": ranked, **{k: round(v, 4) for k, v in figures.items()}}
        if question.type == "aggregate":
            case["best_per_session"] = _aggregate_case(retriever, question, gold)
            aggregate.append(case["best_per_session"])
        result.cases.append(case)
    hybrid = [f for _, f in scores["hybrid"]]
    result.metrics = {
        "recall_at_5": Metric(
            mean(f["recall"] for f in hybrid),
            support=len(hybrid),
            description="gold documents among the first 5 documents (Ask's retrieval)",
        ),
        "mrr": Metric(
            mean(f["rr"] for f in hybrid),
            unit="score",
            support=len(hybrid),
            description="mean reciprocal rank of the first gold document (Ask's retrieval)",
        ),
        "ndcg_at_10": Metric(
            mean(f["ndcg"] for f in hybrid),
            unit="score",
            support=len(hybrid),
            description="nDCG@10, binary relevance (Ask's retrieval)",
        ),
    }
    result.metrics["recall_at_5_search"] = Metric(
        mean(f["recall"] for _, f in scores["search"]),
        support=len(hybrid),
        description="gold documents among the first 5 of the plain hybrid search of the question's wording",
    )
    for question_type in ("single", "multi", "aggregate"):
        typed = [f for t, f in scores["hybrid"] if t == question_type]
        result.metrics[f"recall_at_5_{question_type}"] = Metric(
            mean(f["recall"] for f in typed),
            support=len(typed),
            description=f"recall@5 on {question_type} questions (Ask's retrieval)",
        )
    if aggregate:
        result.metrics["aggregate_session_recall"] = Metric(
            mean(a["recall"] for a in aggregate),
            support=len(aggregate),
            description="gold sessions kept by best_per_session on whole-corpus questions",
        )
        result.metrics["aggregate_session_precision"] = Metric(
            mean(a["precision"] for a in aggregate if a["precision"] is not None),
            support=len(aggregate),
            description="kept sessions that are gold, on whole-corpus questions",
        )
    result.tables = [_systems_table(scores), _types_table(scores)]
    return result


def _aggregate_case(retriever: Any, question: Question, gold: list[str]) -> dict[str, Any]:
    kept = distinct(hit.doc_id for hit in retriever.best_per_session(question.question))
    found = set(kept) & set(gold)
    return {
        "kept": kept,
        "recall": len(found) / len(gold),
        "precision": len(found) / len(kept) if kept else None,
    }


def _systems_table(scores: dict[str, list[tuple[str, dict[str, float]]]]) -> Table:
    rows = []
    for system, values in scores.items():
        figures = [f for _, f in values]
        rows.append(
            [
                system,
                format_value(mean(f["recall"] for f in figures), "rate"),
                format_value(mean(f["rr"] for f in figures), "score"),
                format_value(mean(f["ndcg"] for f in figures), "score"),
            ]
        )
    return Table(
        title="Ask's retrieval (hybrid) against the plain hybrid search, dense-only and keyword-only search "
              "(answerable questions)",
        columns=["search", "recall@5", "MRR", "nDCG@10"],
        rows=rows,
    )


def _types_table(scores: dict[str, list[tuple[str, dict[str, float]]]]) -> Table:
    rows = []
    for question_type in ("single", "multi", "aggregate"):
        row: list[Any] = [question_type, sum(1 for t, _ in scores["hybrid"] if t == question_type)]
        for system in SYSTEMS:
            typed = [f for t, f in scores[system] if t == question_type]
            row += [
                format_value(mean(f["recall"] for f in typed), "rate"),
                format_value(mean(f["rr"] for f in typed), "score"),
            ]
        rows.append(row)
    columns = ["type", "questions"]
    for system in SYSTEMS:
        columns += [f"{system} recall@5", f"{system} MRR"]
    return Table(title="Retrieval by question type", columns=columns, rows=rows)
