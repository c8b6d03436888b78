"""The header reader alone, per set of notes: the title, organisers, date and URL it reads from
each notes file against the facts file's `header`, compared as the drafts suite compares them
(`assistant/evaluation/headers.py`). No corpus and no draft: a few seconds per set, so a change to
`drafting/note_header.py` can be checked on every training set at once, each failing field listed.

    .venv/bin/python evals/header_reader.py evals/datasets/notes evals/styles/notes ../shared/fieldset/notes

The header line-role model (`assistant/drafting/header_roles.py`) reads as it does in drafts;
`--rules-only` measures the header rules without it.

Only training sets: the blind set is measured by its own script, never read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.drafting.notes import read_notes  # noqa: E402
from assistant.evaluation.headers import same_header  # noqa: E402

FIELDS = ("title", "organisers", "date", "url")
ROLES = "--rules-only" not in sys.argv  # the header line-role model on (as in drafts) unless asked


def main(folders: list[str]) -> int:
    """Print each folder's share of header fields read right, then the fields read wrong."""
    if not folders:
        print(__doc__)
        return 2
    for folder in folders:
        right = total = 0
        wrong: list[str] = []
        for notes in sorted(Path(folder).glob("*.txt")):
            facts = notes.with_suffix(".facts.json")
            if not facts.exists():
                continue
            expected = json.loads(facts.read_text(encoding="utf-8")).get("header", {})
            read = read_notes(notes.read_text(encoding="utf-8"), kinds=False, roles=ROLES).header
            for name in FIELDS:
                if not expected.get(name):
                    continue
                total += 1
                if same_header(name, read.get(name, ""), expected[name]):
                    right += 1
                else:
                    got = read.get(name, "")
                    wrong.append(f"    {notes.name} {name}: read {got!r}, want {expected[name]!r}")
        print(f"{folder}: {right}/{total} = {right / max(total, 1):.3f}")
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main([a for a in sys.argv[1:] if a != "--rules-only"]))
