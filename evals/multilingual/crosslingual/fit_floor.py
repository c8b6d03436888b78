"""Fits the drafts suite's similarity floor for a fact and a bullet in two languages
(`assistant.evaluation.facts.CROSS_LINGUAL_SIMILARITY`, issue 27).

The notes of `evals/multilingual/notes/` (typed in Spanish and French, illustrative) are drafted by
the drafts suite; each fact of their grading keys has an English version written for this fit
(`english_facts.json`, same order). A pair is one English fact and one bullet of the same draft; it
is positive when that bullet is the one the suite finds for the fact in the notes' own language.
The floor maximises balanced accuracy on multilingual-e5-small's similarity, with each note held
out in turn; MiniLM's figures are printed beside it.

Run from the project root:  .venv/bin/python evals/multilingual/crosslingual/fit_floor.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from assistant.config import load_settings
from assistant.corpus.embeddings import EMBEDDERS, Embedder

HERE = Path(__file__).resolve().parent
NOTES = HERE.parent / "notes"
CORPUS = HERE.parents[2].parent / "shared" / "fieldset" / "corpus"
GRID = np.arange(0.10, 0.95, 0.005)


def drafted_pairs() -> list[dict[str, object]]:
    """Draft the notes with the drafts suite and pair each English fact with each bullet."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "set"
        (data / "notes").mkdir(parents=True)
        for path in NOTES.iterdir():
            (data / "notes" / path.name).symlink_to(path)
        if CORPUS.is_dir():
            (data / "corpus").symlink_to(CORPUS)
        cli = Path(sys.executable).parent / "rapporteur"
        # the run's exit status says whether the default floors held; only its cases are read here
        subprocess.run([str(cli), "eval", "--suite", "drafts", "--datasets", str(data), "--out",
                        str(Path(tmp) / "out")], check=False, capture_output=True)
        report = json.loads((Path(tmp) / "out" / "eval.json").read_text(encoding="utf-8"))
    english = json.loads((HERE / "english_facts.json").read_text(encoding="utf-8"))
    rows: list[dict[str, object]] = []
    for case in report["suites"]["drafts"]["cases"]:
        items = [i["text"] for i in case["items"] if i["text"].strip() and not i["text"].startswith("[")]
        for fact, fact_en in zip(case["facts"], english[case["name"]], strict=True):
            for item in items:
                rows.append({"note": case["name"], "fact": fact_en, "item": item,
                             "positive": bool(fact["covered"] and fact["item"] == item)})
    return rows


def scores(rows: list[dict[str, object]], spec: str) -> np.ndarray:
    """The similarity of each pair on one registered embedder (texts read as queries)."""
    model = Embedder(load_settings().model_path(), spec=EMBEDDERS[spec])
    texts = sorted({str(r[k]) for r in rows for k in ("fact", "item")})
    vectors = dict(zip(texts, model.encode(texts), strict=True))
    return np.array([float(vectors[str(r["fact"])] @ vectors[str(r["item"])]) for r in rows])


def best_floor(values: np.ndarray, positive: np.ndarray) -> float:
    """The grid floor of the highest balanced accuracy (the lowest of equals)."""
    def balanced(t: float) -> float:
        return float((np.mean(values[positive] >= t) + np.mean(values[~positive] < t)) / 2)
    return float(max(GRID, key=lambda t: (balanced(t), -t)))


def main() -> None:
    rows = drafted_pairs()
    positive = np.array([bool(r["positive"]) for r in rows])
    notes = np.array([str(r["note"]) for r in rows])
    print(f"{len(rows)} pairs, {int(positive.sum())} positive, {len(set(notes))} notes")
    for spec in ("minilm", "multilingual-e5-small"):
        values = scores(rows, spec)
        pos, neg = values[positive], values[~positive]
        print(f"{spec}: stating bullets median {np.median(pos):.3f} (min {pos.min():.3f}); "
              f"others median {np.median(neg):.3f} (p99 {np.percentile(neg, 99):.3f})")
        accepted = rejected = 0
        for held in sorted(set(notes)):
            floor = best_floor(values[notes != held], positive[notes != held])
            test = notes == held
            accepted += int(np.sum(values[test & positive] >= floor))
            rejected += int(np.sum(values[test & ~positive] < floor))
            print(f"  held out {held}: floor {floor:.3f}")
        print(f"  held out: stating bullets accepted {accepted / positive.sum():.3f}, "
              f"others rejected {rejected / (~positive).sum():.3f}; "
              f"floor on all notes {best_floor(values, positive):.3f}")


if __name__ == "__main__":
    main()
