"""Fit how much the embedder's similarity weighs beside keyword coverage when a search answer picks
the sentences it quotes (`meaning_weight` in `assistant/ask/data/sentence_choice.json`).

    .venv/bin/python evals/fit_sentence_meaning.py [--dev-home DIR] [--field-home DIR]
        [--weights 0,0.2,0.4,0.6] [--sets dev,field,...] [--write]

Every answerable single- or multi-session question with answer keywords of `evals/datasets` (dev
corpus), `../shared/fieldset` (field corpus) and each file of `evals/answerability/` is answered
once per candidate weight (offline engine), and its keyword recall kept. Each set is held out in
turn: the weight is chosen on the other sets (mean of the sets' keyword recall; ties go to the
smaller weight) and the held-out set's recall at that weight is printed beside its recall at 0
(keyword coverage alone). The weight chosen on all sets is the one shipped (`--write` writes it).
Refusals do not depend on the weight (it changes only which sentences an answer quotes).
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

from assistant.ask.service import SENTENCE_CHOICE_FILE, AskService  # noqa: E402
from assistant.config import load_settings  # noqa: E402
from assistant.evaluation.suites.answers import keywords_in_answer  # noqa: E402
from evals.fit_session_passages import open_index, question_sets  # noqa: E402


def recalls(service: AskService, rows: list[dict[str, Any]]) -> list[float]:
    """Keyword recall of each question's answer (0 for a refusal)."""
    out = []
    for row in rows:
        answer = service.ask(row["question"], k=5, engine="extractive")
        wanted = row["answer_keywords"]
        found = keywords_in_answer(answer.answer, answer.refused, row["question"], wanted)
        out.append(len(found) / len(wanted))
    return out


def choose(table: dict[str, dict[float, float]], sets: list[str], weights: list[float]) -> float:
    """The weight with the best mean keyword recall over `sets` (ties: the smaller weight)."""
    return max(weights, key=lambda w: (mean(table[s][w] for s in sets), -w))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--dev-home")
    parser.add_argument("--field-home")
    parser.add_argument("--field", default=str(REPO.parent / "shared" / "fieldset"))
    parser.add_argument("--weights", default="0,0.25,0.5")
    parser.add_argument("--sets", default="", help="only these sets (comma-separated)")
    parser.add_argument("--write", action="store_true", help="write the weight chosen on all sets")
    args = parser.parse_args()
    field_dir = Path(args.field)
    services = {"dev": AskService(open_index(args.dev_home, REPO / "evals" / "datasets" / "corpus"),
                                  load_settings()),
                "field": AskService(open_index(args.field_home, field_dir / "corpus"), load_settings())}
    sets = {name: [r for r in rows if r["type"] in ("single", "multi") and r.get("answer_keywords")]
            for name, rows in question_sets(field_dir).items()}
    if args.sets:
        sets = {k: v for k, v in sets.items() if k in args.sets.split(",")}
    sets = {k: v for k, v in sets.items() if v}
    weights = [float(w) for w in args.weights.split(",")]
    table: dict[str, dict[float, float]] = {name: {} for name in sets}
    for weight in weights:
        for service in services.values():
            service.sentence_meaning = weight
        for name, rows in sets.items():
            values = [v for corpus, service in services.items()
                      for v in recalls(service, [r for r in rows if r["corpus"] == corpus])]
            table[name][weight] = round(mean(values), 4)
        print(weight, json.dumps({n: table[n][weight] for n in sets}), flush=True)
    print("held out: set, questions, weight chosen on the others, recall at 0 -> at that weight")
    for name in sets:
        chosen = choose(table, [s for s in sets if s != name], weights)
        print(f"  {name} ({len(sets[name])}): {chosen} | {table[name][weights[0]]} -> {table[name][chosen]}")
    best = choose(table, list(sets), weights)
    print(f"chosen on all sets: {best}")
    if args.write:
        data = json.loads(SENTENCE_CHOICE_FILE.read_text(encoding="utf-8"))
        data["meaning_weight"] = best
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        SENTENCE_CHOICE_FILE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
