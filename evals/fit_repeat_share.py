"""Fit the share of already-quoted content terms at which an answer passes over a sentence as a repeat.

    .venv/bin/python evals/fit_repeat_share.py [--dev-home DIR] [--field-home DIR]
        [--shares 1.01,0.9,0.8,0.7] [--fit dev,field]

Outcome documents state a figure in their key issues, again among their achievements and again among
their outcomes; `assistant.ask.engines.extractive.REPEAT_SHARE` passes over a sentence whose content
terms are mostly quoted already of its session. Every question set is answered once per candidate
share (offline engine): `evals/datasets` (dev corpus), `../shared/fieldset` (field corpus) and
`evals/ask-heldout` (field corpus, written for issue 23 before the change; keep it out of --fit to
report it held out). Prints, per set and share, keyword recall, refusals, whole-corpus session recall
/ precision and the mean length of the answers given (characters). The share is chosen on the --fit
sets (mean keyword recall; ties go to the shorter answers, then to the largest share: the fewest passed
over). It changes only what an answer quotes: refusals must not move (the script says so when they do).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from statistics import mean
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "evals"))

from fit_session_passages import FIGURES, answers, open_index  # noqa: E402

import assistant.ask.engines.extractive as extractive  # noqa: E402
from assistant.ask.service import AskService  # noqa: E402
from assistant.config import load_settings  # noqa: E402


def rows_of(path: Path, corpus: str) -> list[dict[str, Any]]:
    """The questions of a JSONL file, each with its corpus."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [{**json.loads(line), "corpus": corpus} for line in lines if line.strip()]


def answer_length(service: AskService, rows: list[dict[str, Any]]) -> list[int]:
    """The length in characters of each answer that is not a refusal."""
    out = []
    for row in rows:
        answer = service.ask(row["question"], k=5, engine="extractive")
        if not answer.refused:
            out.append(len(answer.answer))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--dev-home")
    parser.add_argument("--field-home")
    parser.add_argument("--field", default=str(REPO.parent / "shared" / "fieldset"))
    parser.add_argument("--shares", default="1.01,0.9,0.8,0.7")
    parser.add_argument("--fit", default="dev,field")
    args = parser.parse_args()
    field_dir = Path(args.field)
    services = {"dev": AskService(open_index(args.dev_home, REPO / "evals" / "datasets" / "corpus"),
                                  load_settings()),
                "field": AskService(open_index(args.field_home, field_dir / "corpus"), load_settings())}
    sets = {"dev": rows_of(REPO / "evals" / "datasets" / "questions.jsonl", "dev"),
            "field": rows_of(field_dir / "questions.jsonl", "field"),
            "heldout": rows_of(REPO / "evals" / "ask-heldout" / "questions.jsonl", "field")}
    shares = [float(s) for s in args.shares.split(",")]
    table: dict[str, dict[float, dict[str, Any]]] = {}
    for share in shares:
        extractive.REPEAT_SHARE = share
        for name, rows in sets.items():
            service = services[rows[0]["corpus"]]
            figures = answers(service, rows)
            merged: dict[str, Any] = {k: round(mean(figures[k]), 3) if figures[k] else None for k in FIGURES}
            merged["length"] = round(mean(answer_length(service, rows)))
            merged["refusals"] = figures["refusals"]
            table.setdefault(name, {})[share] = merged
            print(name, share, json.dumps({k: v for k, v in merged.items() if k != "refusals"}), flush=True)
    fit = [s for s in args.fit.split(",") if s in table]
    best = max(shares, key=lambda w: (mean(table[s][w]["keyword_recall"] or 0 for s in fit),
                                      -mean(table[s][w]["length"] for s in fit), w))
    print(f"chosen on {fit}: {best}")
    for name in table:
        if any(table[name][w]["refusals"] != table[name][shares[0]]["refusals"] for w in shares):
            print(f"refusals moved on {name}")


if __name__ == "__main__":
    main()
