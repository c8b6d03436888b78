"""Write the unit-kind label files of the three training sets, seeded from the notes reader and the facts.

Each line of a notes file gets one of the kinds the notes reader's *kinds* stage predicts
(`assistant/drafting/note_kinds.py`): content, speaker intro, header, protocol, floor question,
aside, logistics, injected. Blank lines, timestamps alone and the rapporteur's plan of the form are
not units and get no label.

The seed comes from two sources, in this order of trust:
Lines under a heading of the rapporteur's own (`to check:`, `not for the doc`) are left out: their
kind comes from the heading, which the reader's blocks stage reads, not from their words.

1. the facts file's `noise_lines` (never content: aside, logistics, protocol or injected, told apart
   by the line's shape) and `mixed_lines` (content that carries an aside: content);
2. the rule reader of the time the labels were made, which was fitted on these very sets (so on them
   it is mostly right), for everything else.

A label written by hand in `overrides.jsonl` (`{"set", "file", "line", "kind", "why"}`) wins over both;
that is where a reviewed correction goes. The output is one `SET.jsonl` per set, one object per
unit: `file`, `line`, `kind`, `source` (`facts`, `reader` or `override`).

    PYTHONPATH=. .venv/bin/python evals/unit-labels/seed_labels.py
    PYTHONPATH=. .venv/bin/python evals/unit-labels/seed_labels.py --extend [multilingual multilingual-s10]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.drafting.note_shapes import FIRST_PERSON, is_logistics, is_separator, outside_quotes  # noqa: E402
from assistant.drafting.notes import read_notes  # noqa: E402

SETS = {
    "dev": ROOT / "evals" / "datasets" / "notes",
    "styles": ROOT / "evals" / "styles" / "notes",
    "field": ROOT.parent / "shared" / "fieldset" / "notes",
}
HERE = Path(__file__).resolve().parent
COURTESY = re.compile(r"\b(?:thank|thanks|welcome|floor|over to|merci|gracias)\b", re.IGNORECASE)


def _noise_kind(reason: str, text: str) -> str:
    """Which of the non-content kinds a line the reader (or the facts) calls noise is."""
    reason = reason.lower()
    if "ai model" in reason:
        return "injected"
    if "courtesy" in reason or "floor" in reason:
        return "protocol"
    if "in brackets" in reason:  # `[mic not working]` is logistics, `(get the URL later)` an aside
        inner = text.strip().strip("[]()- ")
        return "logistics" if is_logistics(inner, 6) and not FIRST_PERSON.search(inner) else "aside"
    if "aside" in reason or "gaps" in reason:
        return "aside"
    if reason.startswith("logistics") and COURTESY.search(text) and len(text.split()) <= 14:
        return "protocol"
    if reason == "" and (FIRST_PERSON.search(outside_quotes(text)) or text.strip().startswith(("(", "["))):
        return "aside"
    return "logistics"


def _unit_kind(line, noise: set[int], mixed: set[int]) -> str | None:  # type: ignore[no-untyped-def]
    """The seed kind of one read line, or None when it is not a unit."""
    text = line.as_read.strip()
    if line.kind in {"blank", "hint", "continuation"} or not text or is_separator(text):
        return None
    if re.match(r"^\W*(?:Q|Question)\b\s*(?:\([^()]*\))?\s*[:\-–]", text):
        return "floor question"
    if line.reason == "timestamp only":
        return None
    if "a block kept for themselves" in line.reason:
        return None  # its kind comes from the block's heading (the blocks stage), not from its words
    if line.number in mixed:
        return "content"
    if line.number in noise:
        if line.kind == "injection":
            return "injected"
        return _noise_kind(line.reason if line.kind == "noise" else "", text)
    if line.kind == "injection":
        return "injected"
    if line.kind in {"header", "heading"}:
        return "speaker intro" if line.speaker is not None else "header"
    if line.kind == "noise":
        return _noise_kind(line.reason, text)
    if not line.text:
        return "speaker intro"  # a heading that only names who speaks next
    if line.role == "question":
        return "floor question"
    return "content"


# notes in Spanish and French (issue 27): `--extend` seeds the files of these folders that have no label
# yet (a file labelled by hand keeps its labels), for the unit-kind model of non-English notes
EXTEND = {
    "multilingual": ROOT / "evals" / "multilingual" / "notes",
    # written for issue 27's tenth round before any change, held out: reported, never fitted
    "multilingual-s10": ROOT / "evals" / "multilingual" / "notes-s10",
}


def extend(name: str) -> None:
    """Seed (facts, then the rule reader) the labels of the notes of `EXTEND[name]` that `NAME.jsonl`
    does not label yet, keeping every label already there."""
    out = HERE / f"{name}.jsonl"
    kept = [json.loads(r) for r in out.read_text().splitlines() if r.strip()] if out.exists() else []
    labelled = {r["file"] for r in kept}
    rows = list(kept)
    for path in sorted(EXTEND[name].glob("*.txt")):
        if path.name in labelled:
            continue
        facts = json.loads(path.with_suffix(".facts.json").read_text(encoding="utf-8"))
        noise, mixed = set(facts.get("noise_lines", [])), set(facts.get("mixed_lines", []))
        for line in read_notes(path.read_text(encoding="utf-8"), kinds=False).lines:
            kind = _unit_kind(line, noise, mixed)
            if kind is not None:
                rows.append({"file": path.name, "line": line.number, "kind": kind,
                             "source": "facts" if line.number in noise | mixed else "reader"})
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(name, len(kept), "kept,", len(rows) - len(kept), "seeded")


def main() -> None:
    if sys.argv[1:2] == ["--extend"]:
        for name in sys.argv[2:] or list(EXTEND):
            extend(name)
        return
    overrides: dict[tuple[str, str, int], str] = {}
    override_file = HERE / "overrides.jsonl"
    if override_file.exists():
        for row in map(json.loads, filter(str.strip, override_file.read_text().splitlines())):
            overrides[(row["set"], row["file"], int(row["line"]))] = row["kind"]
    for name, folder in SETS.items():
        if not folder.is_dir():
            print(f"skipped {name}: no folder {folder}")
            continue
        rows = []
        for path in sorted(folder.glob("*.txt")):
            facts_path = path.with_suffix(".facts.json")
            facts = json.loads(facts_path.read_text(encoding="utf-8")) if facts_path.exists() else {}
            noise = set(facts.get("noise_lines", []))
            mixed = set(facts.get("mixed_lines", []))
            notes = read_notes(path.read_text(encoding="utf-8"), kinds=False)
            for line in notes.lines:
                kind = _unit_kind(line, noise, mixed)
                source = "facts" if line.number in noise | mixed else "reader"
                key = (name, path.name, line.number)
                if key in overrides:
                    kind, source = overrides[key], "override"
                if kind is not None:
                    rows.append({"file": path.name, "line": line.number, "kind": kind, "source": source})
        out = HERE / f"{name}.jsonl"
        out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        counts: dict[str, int] = {}
        for r in rows:
            counts[r["kind"]] = counts.get(r["kind"], 0) + 1
        print(name, len(rows), dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
