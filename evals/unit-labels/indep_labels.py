"""Write unit labels for the independent notes (`evals/indep-s14/notes-A`, `notes-B`) from their grading keys.

Those notes were written by people who never read the reader's code, so they are the first labels of
the unit-kind model that its authors did not shape. Nobody labelled them line by line: the labels are
derived from each note's facts file by structure alone.

- a unit (a read line with its wrapped continuations) all of whose lines are in `noise_lines` is
  noise; which noise kind (aside, logistics, protocol, injected) is told apart as `seed_labels.py`
  does, by the line's shape and the rule reader's reason;
- a unit holding a line of `mixed_lines` (content that carries an aside), or holding a keyword of one
  of the `must_cover` facts (case-insensitive), is content, unless the reader reads it as a heading,
  header or a line that only names the next speaker (those carry structure, not a fact);
- every other unit is left unlabelled (the key says nothing about it).

The output is `indepA.jsonl` / `indepB.jsonl` in the label format of the other sets (`file`, `line`,
`kind`, `source`: `noise key`, `mixed key` or `fact keyword`). No text of the notes is copied.

    PYTHONPATH=. .venv/bin/python evals/unit-labels/indep_labels.py
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.drafting.notes import NoteLine, read_notes  # noqa: E402

HERE = Path(__file__).resolve().parent
SETS = {
    "indepA": ROOT / "evals" / "indep-s14" / "notes-A" / "notes",
    "indepB": ROOT / "evals" / "indep-s14" / "notes-B" / "notes",
    # batch C (session 15): held out by the lead in session 14, training data from session 15 on
    "indepC": ROOT / "evals" / "indep-s14" / "notes-C" / "notes",
}


def _seed() -> ModuleType:
    """`seed_labels.py` as a module (its folder name is no package name), for its noise-kind rule."""
    spec = importlib.util.spec_from_file_location("seed_labels", HERE / "seed_labels.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unit_labels(text: str, facts: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(line number, kind, source) of each unit of one note that its facts file decides."""
    seed = _seed()
    noise = {int(n) for n in facts.get("noise_lines", [])}
    mixed = {int(n) for n in facts.get("mixed_lines", [])}
    keywords = [k.lower() for fact in facts.get("must_cover", [])
                for k in fact.get("keywords", []) if k.strip()]
    notes = read_notes(text, kinds=False)
    spans: dict[int, list[NoteLine]] = {line.number: [line] for line in notes.lines}
    for line in notes.lines:
        if line.kind == "continuation" and line.continues in spans:
            spans[line.continues].append(line)
    rows = []
    for line in notes.lines:
        if line.kind in {"blank", "hint", "continuation"} or not line.as_read.strip():
            continue
        numbers = {part.number for part in spans[line.number]}
        said = line.as_read.lower()
        if numbers <= noise:
            kind = seed._unit_kind(line, noise, set())
            if kind is not None and kind not in {"content", "header", "speaker intro", "floor question"}:
                rows.append((line.number, kind, "noise key"))
            continue
        if numbers & noise:
            continue  # part noise, part not: the key does not decide the unit
        structure = line.kind in {"header", "heading"} or not line.text
        if numbers & mixed and not structure:
            rows.append((line.number, "content", "mixed key"))
        elif not structure and any(k in said for k in keywords):
            rows.append((line.number, "content", "fact keyword"))
    return rows


def main() -> None:
    for name, folder in SETS.items():
        if not folder.is_dir():
            print(f"skipped {name}: no folder {folder}")
            continue
        rows: list[dict[str, Any]] = []
        for path in sorted(folder.glob("*.txt")):
            facts = json.loads(path.with_suffix(".facts.json").read_text(encoding="utf-8"))
            for number, kind, source in unit_labels(path.read_text(encoding="utf-8"), facts):
                rows.append({"file": path.name, "line": number, "kind": kind, "source": source})
        (HERE / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        counts: dict[str, int] = {}
        for r in rows:
            kind = str(r["kind"])
            counts[kind] = counts.get(kind, 0) + 1
        print(name, len(rows), dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
