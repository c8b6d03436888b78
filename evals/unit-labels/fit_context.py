"""A study: can a unit's neighbours' kinds catch the noise the unit-kind model leaves as content?

A second-stage logistic model over a handful of numbers per unit was tried (issue 22, session 15): the
unit-kind model's own verdict (its binary noise head, its noise share, its weight on a heading), how
noisy the units around it are as the reader has read them (the two before and after within its section,
a section running between heading lines, and the section as a whole), whether its words are credited to
a speaker, and a first person plural outside quotes. It did not separate the noise that reaches it from
content well enough to ship (README, "Session 15"); this script keeps the measurement reproducible.

Reads every labelled English set (`fit_kinds.SETS`, the multilingual ones left out) with the product's
reader, the unit-kind weights fitted without the set read (a report-only set: the shipped weights, which
never saw it), and records, for each labelled unit the reader still holds as content when the context
stage runs, its `CONTEXT_FEATURES` and its label (content, or a never-content kind). Then, each set held
out in turn, a logistic model fitted on the other sets' rows is measured on the held-out one: noise units
caught and content units taken out at each bar, and the weights fitted on all the sets.

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python evals/unit-labels/fit_context.py [--rows F] [-v]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent
NOT_ENGLISH = {"multilingual", "multilingual-s10"}
BARS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
C = 1.0


CONTEXT_FEATURES = (
    "head", "share", "header", "before", "after", "near", "section", "section_size", "speech", "plural",
)
WINDOW = 2  # units looked at on each side within the section
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
PLURAL = re.compile(r"\b(?:we|our|ours|us)\b", re.IGNORECASE)
NOISE_KINDS = frozenset({"noise", "injection"})


class ContextLine(Protocol):
    """What this stage reads of a notes line (`notes.NoteLine`)."""

    number: int
    kind: str
    text: str


def _logit(p: float) -> float:
    p = min(max(p, 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


def _noisiness(line: ContextLine, verdicts: dict[int, Any]) -> float:
    """How surely a unit is noise as read so far: 1 for a unit taken out already, the model's binary
    head (or noise share) for a unit it judged and left, 0 for content it never judged."""
    if line.kind in NOISE_KINDS:
        return 1.0
    verdict = verdicts.get(line.number)
    if verdict is None:
        return 0.0
    return verdict.noise if verdict.noise is not None else verdict.noise_share


def _sections(lines: Sequence[ContextLine]) -> list[list[ContextLine]]:
    """The units of the notes (content, noise or injection with words) grouped by section: a heading
    line closes one section and opens the next."""
    sections: list[list[ContextLine]] = [[]]
    for line in lines:
        if line.kind == "heading":
            sections.append([])
        elif line.kind in NOISE_KINDS | {"content"} and line.text.strip():
            sections[-1].append(line)
    return [s for s in sections if s]


def context_features(lines: Sequence[ContextLine], verdicts: dict[int, Any],
                     speech: Iterable[int] = ()) -> dict[int, list[float]]:
    """Per content unit the unit-kind model judged (its line number), the numbers of
    `CONTEXT_FEATURES`; `speech` the numbers of the units whose words are a speaker's."""
    spoken = set(speech)
    out: dict[int, list[float]] = {}
    for section in _sections(lines):
        levels = [_noisiness(line, verdicts) for line in section]
        for i, line in enumerate(section):
            verdict = verdicts.get(line.number)
            if line.kind != "content" or verdict is None:
                continue
            before = levels[max(0, i - WINDOW):i]
            after = levels[i + 1:i + 1 + WINDOW]
            others = levels[:i] + levels[i + 1:]
            head = verdict.noise if verdict.noise is not None else verdict.noise_share
            out[line.number] = [
                _logit(head),
                _logit(verdict.noise_share),
                verdict.probability if verdict.kind == "header" else 0.0,
                float(np.mean(before)) if before else 0.0,
                float(np.mean(after)) if after else 0.0,
                max(before[-1:] + after[:1], default=0.0),
                float(np.mean(others)) if others else 0.0,
                min(len(section), 12) / 12,
                float(line.number in spoken),
                float(bool(PLURAL.search(QUOTED.sub(" ", line.text)))),
            ]
    return out


def _fit_kinds() -> Any:
    """`fit_kinds.py` as a module (its folder name is no package name)."""
    spec = importlib.util.spec_from_file_location("fit_kinds", HERE / "fit_kinds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collect(cache: Path | None) -> dict[str, list[tuple[str, int, list[float], int, str]]]:
    """Per set, (file, line, features, 1 for noise / 0 for content, text) of its labelled units that
    reach the context stage as content, read with unit-kind weights that never saw the set."""
    fk = _fit_kinds()
    import assistant.drafting.note_kinds as note_kinds
    import assistant.drafting.notes as notes
    from assistant.config import load_settings
    from assistant.corpus.embeddings import Embedder

    settings = load_settings()
    embedder = Embedder(settings.model_path(), settings.embedding_batch_size, settings.embedding_backend)
    labelled = [n for n in fk.SETS if n not in NOT_ENGLISH and (HERE / f"{n}.jsonl").exists()
                and fk.SETS[n].is_dir()]
    fitted = [n for n in labelled if n not in fk.REPORT_ONLY]
    data = {n: fk.load_set(n, embedder, cache) for n in fitted}
    shipped = note_kinds.shipped_model()
    apply_kinds, drop_injected = notes._apply_kinds, notes._drop_injected_speakers
    seen: dict[int, list[float]] = {}
    judged: dict[int, Any] = {}

    def kinds(*args: Any, **kwargs: Any) -> dict[int, Any]:
        judged.clear()
        judged.update(apply_kinds(*args, **kwargs))
        return judged

    def record(lines: list[Any], registry: Any) -> None:  # the reader's last step with the model
        drop_injected(lines, registry)
        verdicts = dict(judged)
        labels = notes._label_lines(lines)
        speech = [u.number for u in lines if u.kind == "content" and notes._speech(u)
                  and not notes._bare_label(u, labels)]
        seen.clear()
        seen.update(context_features(lines, verdicts, speech))

    rows: dict[str, list[tuple[str, int, list[float], int, str]]] = {}
    try:
        notes._apply_kinds, notes._drop_injected_speakers = kinds, record
        for name in labelled:
            model = shipped
            if name in fitted:
                rest = [n for n in fitted if n != name]
                model = fk._fit(np.vstack([data[n][0] for n in rest]), np.vstack([data[n][1] for n in rest]),
                                [k for n in rest for k in data[n][2]])
            note_kinds.shipped_model = notes.shipped_model = lambda chosen=model: chosen
            labels = {(r["file"], int(r["line"])): r["kind"] for r in
                      map(json.loads, filter(str.strip, (HERE / f"{name}.jsonl").read_text().splitlines()))}
            rows[name] = []
            for path in sorted(fk.SETS[name].glob("*.txt")):
                read = notes.read_notes(path.read_text(encoding="utf-8"), embedder)
                for number, features in seen.items():
                    kind = labels.get((path.name, number))
                    if kind == "content" or kind in note_kinds.NOT_CONTENT:
                        rows[name].append((path.name, number, features, int(kind != "content"),
                                           read.lines[number - 1].raw.strip()))
            print(f"{name}: {len(rows[name])} units reach the context stage, "
                  f"{sum(r[3] for r in rows[name])} of them noise", flush=True)
    finally:
        notes._apply_kinds, notes._drop_injected_speakers = apply_kinds, drop_injected
        note_kinds.shipped_model = notes.shipped_model = shipped
    return rows


class Fitted:
    """A logistic model over `CONTEXT_FEATURES`, scaled by the means and spreads fitted with it."""

    def __init__(self, x: np.ndarray, y: np.ndarray) -> None:
        from sklearn.linear_model import LogisticRegression

        self.mean = x.mean(axis=0)
        self.scale = x.std(axis=0)
        self.scale[self.scale < 1e-6] = 1.0
        self.clf = LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(
            (x - self.mean) / self.scale, y)
        self.weights = self.clf.coef_[0]

    def probability(self, x: np.ndarray) -> np.ndarray:
        """Per row, the probability that the unit is noise."""
        return np.asarray(self.clf.predict_proba((x - self.mean) / self.scale)[:, 1])


def fit(x: np.ndarray, y: np.ndarray) -> Fitted:
    """The context model fitted on rows `x` and labels `y` (classes balanced)."""
    return Fitted(x, y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/unit-embeddings.npz"))
    parser.add_argument("--rows", type=Path, help="a JSON file keeping the collected rows between runs")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each held-out unit over the bar")
    args = parser.parse_args()
    if args.rows is not None and args.rows.exists():
        rows = {k: [tuple(r) for r in v] for k, v in json.loads(args.rows.read_text()).items()}
    else:
        rows = collect(args.cache)
        if args.rows is not None:
            args.rows.write_text(json.dumps(rows))
    names = [n for n in rows if rows[n]]
    lines = ["| held out | noise | content | " + " | ".join(f"{b:.2f}" for b in BARS) + " |",
             "|---|---|---|" + "---|" * len(BARS)]
    totals = np.zeros((len(BARS), 2), dtype=int)
    for name in names:
        rest = [r for n in names if n != name for r in rows[n]]
        model = fit(np.asarray([r[2] for r in rest]), np.asarray([r[3] for r in rest]))
        held = rows[name]
        probs = model.probability(np.asarray([r[2] for r in held]))
        y = np.asarray([r[3] for r in held])
        cells = []
        for i, bar in enumerate(BARS):
            caught, lost = int(((probs >= bar) & (y == 1)).sum()), int(((probs >= bar) & (y == 0)).sum())
            totals[i] += (caught, lost)
            cells.append(f"{caught} / {lost}")
        lines.append(f"| {name} | {int(y.sum())} | {int((y == 0).sum())} | " + " | ".join(cells) + " |")
        if args.verbose:
            for r, p in zip(held, probs, strict=True):
                if p >= 0.6:
                    print(f"  {'NOISE' if r[3] else 'CONTENT'} {p:.2f} {name}/{r[0]}:{r[1]} {r[4][:90]}")
    lines.append("| all | | | " + " | ".join(f"{c} / {lo}" for c, lo in totals) + " |")
    print("noise units caught / content units taken out, each set held out (fitted on the others):")
    print("\n".join(lines))
    x = np.asarray([r[2] for n in names for r in rows[n]])
    y = np.asarray([r[3] for n in names for r in rows[n]])
    weights = fit(x, y).weights
    print("weights fitted on all:", dict(zip(CONTEXT_FEATURES, np.round(weights, 2).tolist(), strict=True)))


if __name__ == "__main__":
    main()
