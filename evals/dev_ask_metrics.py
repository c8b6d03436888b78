"""Measures Ask on the dev question set: retrieval recall@5 and MRR, refusals, citations, latency.

    .venv/bin/python evals/dev_ask_metrics.py                 # indexes corpus/ into a temporary home
    .venv/bin/python evals/dev_ask_metrics.py --home DIR      # reuses an index (`rapporteur ingest`)
    .venv/bin/python evals/dev_ask_metrics.py --json --check  # JSON out; exit 1 when a target is missed

Definitions (gold documents are the `gold_docs` of evals/datasets/questions.jsonl):
- recall@5: hybrid search for the question as written (k=25, at most 2 chunks per session), the first
  5 distinct sessions; the share of gold sessions among them, out of min(#gold, 5) so that a question
  with 6 gold sessions can still reach 1.0.
- MRR: 1 / rank of the first gold session in that distinct-session ranking (0 when absent).
- whole-corpus recall (aggregate questions): share of gold sessions that the answer lists.
- refusal accuracy: unanswerable questions refused; false refusals: answerable questions refused.
- uncited sentences: sentences of non-refused answers without a `[n]` marker; unresolvable
  citations: markers with no citation, or citations whose chunk is not in the index.
- keyword recall: share of `answer_keywords` found in the answer (case-insensitive).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.ask.engines.base import cited_numbers  # noqa: E402
from assistant.ask.service import Answer, AskService  # noqa: E402
from assistant.config import load_settings  # noqa: E402
from assistant.corpus.store import CorpusIndex  # noqa: E402

QUESTIONS = REPO / "evals" / "datasets" / "questions.jsonl"
TARGETS = {"recall@5": 0.9, "refusal_accuracy": 1.0, "uncited_sentences": 0, "unresolvable_citations": 0}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def load_questions(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    """The dev questions, gold documents reduced to ids (file stems)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        row["gold_docs"] = [Path(g).stem if "." in g else g for g in row.get("gold_docs", [])]
    return rows


def open_index(home: str | None) -> CorpusIndex:
    """The index at `home`, or the sample corpus indexed into a fresh temporary home."""
    if home:
        return CorpusIndex(load_settings(home=home))
    index = CorpusIndex(load_settings(home=tempfile.mkdtemp(prefix="rapporteur-dev-")))
    report = index.ingest([REPO / "corpus"])
    if report.failed:
        raise SystemExit(f"could not index the sample corpus: {[(r.path, r.reason) for r in report.failed]}")
    return index


def sentences(text: str) -> list[str]:
    """Answer text cut into sentences (lines first, then end punctuation)."""
    found = []
    for line in text.splitlines():
        found.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return found


def citation_problems(answer: Answer, chunk_ids: set[str]) -> tuple[int, int]:
    """(uncited sentences, unresolvable citations) of one answer."""
    numbers = {c.n for c in answer.citations}
    unresolvable = sum(1 for n in cited_numbers(answer.answer) if n not in numbers)
    unresolvable += sum(1 for c in answer.citations if c.chunk_id not in chunk_ids)
    uncited = 0 if answer.refused else sum(1 for s in sentences(answer.answer) if not cited_numbers(s))
    return uncited, unresolvable


def measure(index: CorpusIndex, k: int = 5) -> dict[str, Any]:
    """Run every dev question through retrieval and the extractive Ask service."""
    service = AskService(index, index.settings)
    retriever = service.retriever
    chunk_ids = set(index.snapshot().ids)
    service.ask("warm-up question about connectivity")  # model load is not a per-question cost
    per_type: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    rows = []
    latencies: list[float] = []
    warm: list[float] = []
    for q in load_questions():
        gold = set(q["gold_docs"])
        started = time.perf_counter()
        answer = service.ask(q["question"], k=k, engine="extractive")
        latencies.append(time.perf_counter() - started)
        started = time.perf_counter()
        service.ask(q["question"], k=k, engine="extractive")  # the query embedding is cached now
        warm.append(time.perf_counter() - started)
        uncited, unresolvable = citation_problems(answer, chunk_ids)
        row: dict[str, Any] = {"id": q["id"], "type": q["type"], "refused": answer.refused,
                               "kind": answer.kind, "uncited": uncited, "unresolvable": unresolvable}
        stats = per_type[q["type"]]
        if gold:
            hits = retriever.search(q["question"], k=25, per_doc_cap=2)
            ranking = list(dict.fromkeys(h.doc_id for h in hits))
            top5 = ranking[:5]
            row["recall@5"] = len(gold & set(top5)) / min(len(gold), 5)
            row["rr"] = next((1.0 / r for r, d in enumerate(ranking, 1) if d in gold), 0.0)
            cited = {c.doc_id for c in answer.citations}
            row["answer_recall"] = len(gold & cited) / len(gold)
            keywords = q.get("answer_keywords", [])
            row["keyword_recall"] = (sum(1 for w in keywords if w.lower() in answer.answer.lower())
                                     / len(keywords)) if keywords else 1.0
            for key in ("recall@5", "rr", "answer_recall", "keyword_recall"):
                stats[key].append(row[key])
            stats["false_refusal"].append(float(answer.refused))
            row["missing"] = sorted(gold - set(top5))
        else:
            stats["refused"].append(float(answer.refused))
        rows.append(row)
    answerable = [r for r in rows if r["type"] != "unanswerable"]
    unanswerable = [r for r in rows if r["type"] == "unanswerable"]
    summary = {
        "questions": len(rows),
        "recall@5": statistics.mean(r["recall@5"] for r in answerable),
        "mrr": statistics.mean(r["rr"] for r in answerable),
        "aggregate_whole_corpus_recall": statistics.mean(
            r["answer_recall"] for r in answerable if r["type"] == "aggregate"),
        "answer_recall": statistics.mean(r["answer_recall"] for r in answerable),
        "keyword_recall": statistics.mean(r["keyword_recall"] for r in answerable),
        "refusal_accuracy": (statistics.mean(float(r["refused"]) for r in unanswerable)
                             if unanswerable else 1.0),
        "false_refusals": sum(1 for r in answerable if r["refused"]),
        "uncited_sentences": sum(r["uncited"] for r in rows),
        "unresolvable_citations": sum(r["unresolvable"] for r in rows),
        "latency_p50_ms": 1000 * statistics.median(latencies),
        "latency_p95_ms": 1000 * _p95(latencies),
        "latency_without_embedding_p50_ms": 1000 * statistics.median(warm),
        "latency_without_embedding_p95_ms": 1000 * _p95(warm),
    }
    by_type = {t: {k: statistics.mean(v) for k, v in s.items()} for t, s in per_type.items()}
    return {"summary": summary, "by_type": by_type, "questions": rows}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def print_report(result: dict[str, Any]) -> None:
    """A readable table of the figures."""
    print("Ask on the dev set (extractive engine)")
    for key, value in result["summary"].items():
        print(f"  {key:32} {value:.3f}" if isinstance(value, float) else f"  {key:32} {value}")
    print("\nby question type")
    for kind, stats in sorted(result["by_type"].items()):
        print(f"  {kind:13} " + "  ".join(f"{k}={v:.3f}" for k, v in sorted(stats.items())))
    misses = [r for r in result["questions"]
              if (r.get("missing") and r["type"] != "aggregate")
              or r["refused"] != (r["type"] == "unanswerable")]
    if misses:
        print("\nquestions to look at")
        for r in misses:
            print(f"  {r['id']} {r['type']}: refused={r['refused']} missing={r.get('missing', [])}")


def failed_targets(summary: dict[str, Any]) -> list[str]:
    """The targets of the Ask issue that the summary misses."""
    failed = []
    if summary["recall@5"] < TARGETS["recall@5"]:
        failed.append(f"recall@5 {summary['recall@5']:.3f} < {TARGETS['recall@5']}")
    if summary["refusal_accuracy"] < TARGETS["refusal_accuracy"]:
        failed.append(f"refusal accuracy {summary['refusal_accuracy']:.3f} < 1.0")
    for key in ("uncited_sentences", "unresolvable_citations"):
        if summary[key] > TARGETS[key]:
            failed.append(f"{key} = {summary[key]}")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", help="an existing Rapporteur home holding the indexed sample corpus")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target of the issue is missed")
    parser.add_argument("-k", type=int, default=5, help="chunks an answer draws on (default 5)")
    args = parser.parse_args()
    result = measure(open_index(args.home), k=args.k)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
    failed = failed_targets(result["summary"])
    if failed and args.check:
        print("targets missed: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
