"""Fit a section model: which section of the form a note's point belongs in, learned from the facts files.

Every `must_cover` fact of the three training sets (`evals/datasets`, `evals/styles`,
`../shared/fieldset`) carries the section a rapporteur put it in. The script embeds each fact with
the shipped MiniLM model, adds three layout features (a figure, a question mark, the length), and
fits a multinomial logistic regression. It reports each set held out in turn (fitted on the other
two); with --out it writes weights fitted on all sets (or all but --exclude) as JSON, for trying the
model in the drafter. Held out it did not beat the drafter's own placement (see README.md), so no
weights ship with the package.

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python evals/section-model/fit_sections.py [--c 2] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import re  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from sklearn.linear_model import LogisticRegression  # noqa: E402

from assistant.evaluation.datasets import load_notes_cases  # noqa: E402

SECTIONS = ("key_issues", "wsis_views", "tangible_outcomes", "action_plan", "thematic_suggestions")
FIGURE = re.compile(r"\d")
FEATURES = ("figure", "question", "words")


def layout_features(text: str) -> list[float]:
    """The layout features of one point, in `FEATURES` order."""
    return [
        1.0 if FIGURE.search(text) else 0.0,
        1.0 if text.rstrip().endswith("?") else 0.0,
        min(len(text.split()), 60) / 30.0,
    ]


@dataclass
class SectionModel:
    """Weights of the section model: one row per section of `SECTIONS`, over embedding + layout."""

    weights: np.ndarray
    bias: np.ndarray

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Per row (embedding joined with `layout_features`), the probability of each section."""
        scores = rows @ self.weights.T + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def for_points(self, vectors: np.ndarray, texts: list[str]) -> np.ndarray:
        """Section probabilities of points given their embeddings and texts."""
        layout = np.array([layout_features(t) for t in texts], dtype=np.float32).reshape(len(texts), -1)
        return self.probabilities(np.hstack([vectors, layout]))

    def to_json(self) -> dict[str, object]:
        """The weights as JSON data."""
        return {"sections": list(SECTIONS), "features": list(FEATURES),
                "weights": self.weights.round(6).tolist(), "bias": self.bias.round(6).tolist()}


SETS = {
    "dev": ROOT / "evals/datasets/notes",
    "styles": ROOT / "evals/styles/notes",
    "field": ROOT / "../shared/fieldset/notes",
}
C = 1.0


def fit(x: np.ndarray, y: list[str], c: float) -> SectionModel:
    """A model fitted on rows `x` (embedding + layout) and their section ids `y`."""
    classifier = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    classifier.fit(x, y)
    order = [list(classifier.classes_).index(s) for s in SECTIONS]
    return SectionModel(weights=classifier.coef_[order], bias=classifier.intercept_[order])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--exclude", choices=sorted(SETS), help="fit without this set (for held-out drafts)")
    parser.add_argument("--out", type=Path, help="write weights fitted on all sets (but --exclude) here")
    args = parser.parse_args()
    from assistant.config import load_settings
    from assistant.corpus.embeddings import Embedder

    settings = load_settings()
    embedder = Embedder(settings.model_path(), settings.embedding_batch_size, settings.embedding_backend)
    data: dict[str, tuple[np.ndarray, list[str]]] = {}
    for name, folder in SETS.items():
        if not folder.is_dir():
            print(f"skipped {name}: no notes")
            continue
        facts = [f for case in load_notes_cases(folder) for f in case.must_cover]
        texts = [f.fact for f in facts]
        x = np.hstack([embedder.encode(texts), np.array([layout_features(t) for t in texts])])
        data[name] = (x, [f.section for f in facts])
        print(f"{name}: {len(facts)} facts {dict(Counter(f.section for f in facts))}")
    print(f"\nheld out (fitted on the other sets), C={args.c}:")
    print("| held out | accuracy | " + " | ".join(f"{s} P/R" for s in SECTIONS) + " |")
    for name, (x, y) in data.items():
        others = [k for k in data if k != name]
        model = fit(np.vstack([data[k][0] for k in others]), [s for k in others for s in data[k][1]], args.c)
        guess = [SECTIONS[i] for i in model.probabilities(x).argmax(axis=1)]
        accuracy = np.mean([g == t for g, t in zip(guess, y, strict=True)])
        cells = []
        for s in SECTIONS:
            tp = sum(1 for g, t in zip(guess, y, strict=True) if g == t == s)
            p = tp / max(1, sum(1 for g in guess if g == s))
            r = tp / max(1, sum(1 for t in y if t == s))
            cells.append(f"{p:.2f}/{r:.2f}")
        print(f"| {name} | {accuracy:.3f} | " + " | ".join(cells) + " |")
    if args.out is None:
        return
    kept = {k: v for k, v in data.items() if k != args.exclude}
    model = fit(np.vstack([x for x, _ in kept.values()]), [s for _, y in kept.values() for s in y], args.c)
    args.out.write_text(json.dumps(model.to_json()) + "\n", "utf-8")
    print(f"wrote {args.out} (fitted on {', '.join(kept)})")


if __name__ == "__main__":
    main()
