"""Fit how many of a search answer's first sessions also quote their passage closest to the question.

    .venv/bin/python evals/fit_session_passages.py [--dev-home DIR] [--field-home DIR]
        [--counts 0,1,2] [--fit dev,field] [--sets dev,field,...]

Every question set is answered once per candidate count (offline engine): `evals/datasets` (dev
corpus), `../shared/fieldset` (field corpus) and each file of `evals/answerability/` (rows name their
corpus). Prints, per set and count, keyword recall, refusals and whole-corpus session recall /
precision. The count is chosen on the `--fit` sets (mean keyword recall; ties go to the smaller
count); the other sets are held out. Set the chosen count as `CLOSEST_PASSAGE_SESSIONS` in
`assistant/ask/service.py`. It changes only what an answer quotes: refusals must not move (the
script says so when they do).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from statistics import mean
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.ask.service import AskService  # noqa: E402
from assistant.config import load_settings  # noqa: E402
from assistant.corpus.store import CorpusIndex  # noqa: E402
from assistant.evaluation.datasets import doc_key  # noqa: E402
from assistant.evaluation.suites.answers import keywords_in_answer, sessions_named  # noqa: E402

WRITTEN = REPO / "evals" / "answerability"
SKIP = {"detail_kinds.jsonl"}  # not questions: labelled phrases of the detail-kind reader


def open_index(home: str | None, corpus: Path) -> CorpusIndex:
    """The index at `home` (made and filled when empty), or `corpus` indexed into a temporary home."""
    settings = load_settings(home=home or tempfile.mkdtemp(prefix="rapporteur-sp-"))
    index = CorpusIndex(settings)
    index.ingest([corpus])
    return index


def question_sets(field_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Each set's rows, each row with its corpus ("dev" or "field")."""
    def rows(path: Path, corpus: str | None = None) -> list[dict[str, Any]]:
        out = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [{**r, "corpus": corpus or r.get("corpus", "field")} for r in out]

    sets = {"dev": rows(REPO / "evals" / "datasets" / "questions.jsonl", "dev"),
            "field": rows(field_dir / "questions.jsonl", "field")}
    for path in sorted(WRITTEN.glob("*.jsonl")):
        if path.name not in SKIP:
            sets[path.stem if path.stem != "questions" else "written"] = rows(path)
    return sets


def answers(service: AskService, rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Per-question figures of one set's answers: keyword share, refusals, whole-corpus recall and
    precision (each list holds the questions it applies to)."""
    out: dict[str, list[Any]] = {k: [] for k in (*FIGURES, "refusals")}
    for row in rows:
        answer = service.ask(row["question"], k=5, engine="extractive")
        out["refusals"].append(answer.refused)
        if row["type"] == "unanswerable":
            out["unanswerable_refused"].append(answer.refused)
            continue
        out["answerable_refused"].append(answer.refused)
        wanted = row.get("answer_keywords") or []
        if wanted:
            found = keywords_in_answer(answer.answer, answer.refused, row["question"], wanted)
            out["keyword_recall"].append(len(found) / len(wanted))
        gold = {doc_key(g) for g in row.get("gold_docs") or []}
        if row["type"] == "aggregate" and gold:
            cited = set() if answer.refused else sessions_named(answer.answer, answer.citations)
            out["aggregate_recall"].append(len(gold & cited) / len(gold))
            out["aggregate_precision"].append(len(gold & cited) / len(cited) if cited else 0.0)
    return out


FIGURES = ("keyword_recall", "unanswerable_refused", "answerable_refused", "aggregate_recall",
           "aggregate_precision")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--dev-home")
    parser.add_argument("--field-home")
    parser.add_argument("--field", default=str(REPO.parent / "shared" / "fieldset"))
    parser.add_argument("--counts", default="0,1,2")
    parser.add_argument("--fit", default="dev,field")
    parser.add_argument("--sets", default="", help="only these sets (comma-separated)")
    args = parser.parse_args()
    field_dir = Path(args.field)
    services = {"dev": AskService(open_index(args.dev_home, REPO / "evals" / "datasets" / "corpus"),
                                  load_settings()),
                "field": AskService(open_index(args.field_home, field_dir / "corpus"), load_settings())}
    sets = question_sets(field_dir)
    if args.sets:
        sets = {k: v for k, v in sets.items() if k in args.sets.split(",")}
    counts = [int(c) for c in args.counts.split(",")]
    table: dict[str, dict[int, dict[str, Any]]] = {}
    for name, rows in sets.items():
        for count in counts:
            lists: dict[str, list[Any]] = {k: [] for k in (*FIGURES, "refusals")}
            for corpus, service in services.items():
                mine = [r for r in rows if r["corpus"] == corpus]
                if mine:
                    service.session_passages = count
                    for key, values in answers(service, mine).items():
                        lists[key].extend(values)
            merged: dict[str, Any] = {k: round(mean(lists[k]), 3) if lists[k] else None for k in FIGURES}
            merged["refusals"] = lists["refusals"]
            table.setdefault(name, {})[count] = merged
            shown = {k: v for k, v in merged.items() if k != "refusals"}
            print(name, count, json.dumps(shown), flush=True)
    fit = [s for s in args.fit.split(",") if s in table]
    if not fit:
        return
    best = max(counts, key=lambda w: (mean(table[s][w]["keyword_recall"] or 0 for s in fit), -w))
    print(f"chosen on {fit}: {best}")
    for name in table:
        if table[name][best]["refusals"] != table[name][counts[0]]["refusals"]:
            print(f"refusals moved on {name}")


if __name__ == "__main__":
    main()
