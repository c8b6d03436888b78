"""Fit the aside-span model (`assistant/drafting/note_asides.py`) on the spans of the training notes'
graded lines and write its weights to `assistant/drafting/data/aside_spans.json`.

Labels come from the grading keys: a span (`candidate_spans`) of a `mixed_lines` line is an aside when
the evaluation would count it as one (a square bracket, or two or more content words the rest of the
line does not use); a span of a line that is neither noise nor mixed is content. Spans of mixed lines
that add no words of their own are left out (either answer is right for them).

Run: PYTHONPATH=$PWD .venv/bin/python evals/aside-spans/fit_asides.py [--write]
It prints, with each group held out in turn (fit on the others), the precision and recall of the
aside label at the chosen bar, then fits on every group.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from assistant.config import load_settings
from assistant.corpus.embeddings import Embedder
from assistant.drafting.note_asides import AsideModel, candidate_spans, span_features
from assistant.drafting.note_kinds import OnceEach, classify_units, note_centre, note_words, shipped_model
from assistant.evaluation.asides import aside_parts, leaks_aside

ROOT = Path(__file__).resolve().parents[2]
GROUPS = {
    "styles": ["evals/styles/notes"],
    "field": ["../shared/fieldset/notes"],
    "other": ["evals/leaks-s10/notes", "evals/log-styles/notes", "evals/new-layouts/notes",
              "evals/section-counts/notes", "evals/speaker-noise/notes", "evals/multilingual/notes"],
}
BAR = 0.8
HELD_OUT = "evals/leaks-s12/notes"  # written before the model: measured, never fitted on
BARS = (0.5, 0.7, 0.8, 0.9)
OUT = ROOT / "assistant/drafting/data/aside_spans.json"


def _label(line: str, inner: str, shape: str) -> int | None:
    """1 when the evaluation would read the span carried into a bullet as a leak, else None."""
    if shape == "square":
        return 1
    spans, _ = aside_parts(line)
    probe = " ".join(inner.split())
    counted = any(probe in " ".join(s.split()) for s in spans) and leaks_aside(inner, [1], [line], [1])
    return 1 if counted else None


def spans_of(folder: str, encoder: OnceEach) -> tuple[list[list[float]], list[int], list[str]]:
    model = shipped_model()
    rows: list[list[float]] = []
    labels: list[int] = []
    texts: list[str] = []
    for facts_file in sorted((ROOT / folder).glob("*.facts.json")):
        facts = json.loads(facts_file.read_text(encoding="utf-8"))
        lines = facts_file.with_name(facts_file.name.replace(".facts.json", ".txt")).read_text(
            encoding="utf-8").split("\n")
        if "noise_lines" not in facts:
            continue  # a key that does not grade noise says nothing of its lines' spans
        noise, mixed = set(facts["noise_lines"]), set(facts.get("mixed_lines", []))
        found = []
        for number, line in enumerate(lines, start=1):
            if number in noise or not line.strip():
                continue
            for span in candidate_spans(line):
                label = _label(line, span.inner, span.shape) if number in mixed else 0
                if label is not None:
                    found.append((number, line, span, label))
        if not found or model is None:
            continue
        content = [ln.strip() for n, ln in enumerate(lines, start=1) if ln.strip() and n not in noise]
        centre = note_centre(content, encoder) if model.centred else None
        counts = note_words([ln for ln in lines if ln.strip()])
        inner = [s.inner for _, _, s, _ in found]
        verdicts = classify_units(inner, inner, [n - 1 for n, _, _, _ in found], len(lines), encoder, model,
                                  centre=centre, counts=counts)
        for (number, line, span, label), verdict in zip(found, verdicts, strict=True):
            rows.append(span_features(line, span, verdict.not_content))
            labels.append(label)
            texts.append(f"{facts_file.name[:28]}:{number} [{span.shape}] {span.inner[:70]}")
    return rows, labels, texts


def fit(rows: list[list[float]], labels: list[int], bar: float = BAR) -> AsideModel:
    x = np.asarray(rows, dtype=np.float32)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    clf = LogisticRegression(C=0.5, class_weight="balanced", max_iter=2000)
    clf.fit((x - mean) / scale, labels)
    return AsideModel(clf.coef_[0].astype(np.float32), float(clf.intercept_[0]), mean, scale, bar)


def main() -> None:
    settings = load_settings()
    encoder = OnceEach(Embedder(settings.model_path(), settings.embedding_batch_size,
                                settings.embedding_backend))
    cache = ROOT / ".aside-spans-cache.json"
    if cache.is_file() and "--fresh" not in sys.argv:
        data = {k: tuple(v) for k, v in json.loads(cache.read_text()).items()}
    else:
        data = {name: spans_of_all(folders, encoder) for name, folders in GROUPS.items()}
        cache.write_text(json.dumps(data))
    for name, (_, labels, _) in data.items():
        print(f"{name}: {len(labels)} spans, {sum(labels)} asides")
    print("\nheld out in turn (fit on the other groups), aside label at the bar", BAR)
    for held in GROUPS:
        train = [(r, y) for name, (rows, labels, _) in data.items() if name != held
                 for r, y in zip(rows, labels, strict=True)]
        model = fit([r for r, _ in train], [y for _, y in train])
        rows, labels, texts = data[held]
        probs = model.probabilities(rows)
        for bar in BARS:
            cut = probs >= bar
            tp = int(sum(c and y for c, y in zip(cut, labels, strict=True)))
            print(f"  {held:7s} bar {bar:.2f} precision {tp / max(1, cut.sum()):.2f} ({tp}/{int(cut.sum())})"
                  f"  recall {tp / max(1, sum(labels)):.2f} ({tp}/{sum(labels)})")
        for p, y, t in zip(probs, labels, texts, strict=True):
            if (p >= BAR) != bool(y) and "-v" in sys.argv:
                print(f"      {'FP' if y == 0 else 'FN'} {p:.2f} {t}")
    every = [(r, y) for rows, labels, _ in data.values() for r, y in zip(rows, labels, strict=True)]
    model = fit([r for r, _ in every], [y for _, y in every])
    rows, labels, _ = spans_of(HELD_OUT, encoder)  # never fitted on: measured only
    probs = model.probabilities(rows)
    cut = probs >= BAR
    tp = int(sum(c and y for c, y in zip(cut, labels, strict=True)))
    print(f"  {HELD_OUT} (fit on every group): precision {tp / max(1, cut.sum()):.2f} ({tp}/{int(cut.sum())})"
          f"  recall {tp / max(1, sum(labels)):.2f} ({tp}/{sum(labels)})")
    if "--write" in sys.argv:
        OUT.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print("wrote", OUT.relative_to(ROOT))


def spans_of_all(folders: list[str], encoder: OnceEach) -> tuple[list[list[float]], list[int], list[str]]:
    rows: list[list[float]] = []
    labels: list[int] = []
    texts: list[str] = []
    for folder in folders:
        r, y, t = spans_of(folder, encoder)
        rows += r
        labels += y
        texts += t
    return rows, labels, texts


if __name__ == "__main__":
    main()
