"""Label the top lines of every notes file that has a known header with a line role, by matching.

Each set's facts files state the header (title, organisers, date, URL); a top line is labelled
`url`, `title`, `organisers` or `date` when it holds that field (a line holding several gets the
first of those in that order: a `Title | date | orgs` line is the title's), else by what the notes
reader reads it as (`meta` for another header field such as a venue, a track or a time, `speakers`
for a moderator or speaker list and a speaker's heading, `content` for what is said, whoever says
it, `noise` for remarks and logistics). Hand corrections (`overrides.jsonl`: set, file, line, role) win.

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python evals/header-roles/label_lines.py

Writes `labels.jsonl` beside this script: one row per top line (set, file, line number, text, role,
source `match`, `reader` or `hand`). Only training and written sets: the blind set is never read.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.domain.normalise import find_date  # noqa: E402
from assistant.drafting.header_roles import TOP_LINES, top_lines  # noqa: E402
from assistant.drafting.note_header import HEADER_LABEL, ORG_BY, ORG_BY_ANY, session_link  # noqa: E402
from assistant.drafting.note_lines import BULLET, NAME  # noqa: E402
from assistant.drafting.notes import framed_text, read_notes  # noqa: E402
from assistant.evaluation.headers import same_header  # noqa: E402

HERE = Path(__file__).resolve().parent
SETS = {
    "dev": ROOT / "evals" / "datasets" / "notes",
    "styles": ROOT / "evals" / "styles" / "notes",
    "field": ROOT.parent / "shared" / "fieldset" / "notes",
    "toplines": ROOT / "evals" / "top-lines" / "notes",
    "layouts": ROOT / "evals" / "header-layouts" / "notes",
    "newlayouts": ROOT / "evals" / "new-layouts" / "notes",
    "logstyles": ROOT / "evals" / "log-styles" / "notes",
    "speakernoise": ROOT / "evals" / "speaker-noise" / "notes",
    "probe": ROOT / "evals" / "leak-probe" / "notes",
    "multilingual": ROOT / "evals" / "multilingual" / "notes",
    "fresh": HERE / "notes",  # written before the model (session 8); fitted since session 13
    # the illustrative header sets of sessions 9-12, fitted since session 13
    "unseen": ROOT / "evals" / "header-unseen" / "notes",
    "unseenfresh": ROOT / "evals" / "header-unseen" / "fresh",
    "unseenthird": ROOT / "evals" / "header-unseen" / "third",
    "sentences": ROOT / "evals" / "header-sentences" / "notes",
    "sentencesfresh": ROOT / "evals" / "header-sentences" / "fresh",
    "outline": ROOT / "evals" / "outline-quoted" / "notes",
    # written in session 13 before its header changes: the held-out check, never fitted
    "s13": ROOT / "evals" / "header-s13" / "notes",
}
FILLER = frozenset(
    [
        "and",
        "et",
        "y",
        "with",
        "the",
        "of",
        "by",
        "for",
        "la",
        "le",
        "les",
        "el",
        "de",
        "des",
        "du",
        "co",
        "organised",
        "organized",
        "organisers",
        "organizers",
        "hosted",
        "convened",
        "partners",
    ]
)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if w not in FILLER]


def _holds(line: str, value: str, whole: float, part: float) -> bool:
    """True when the line holds at least `whole` of the value's words, or is mostly (`part` of its
    own words, two at least) made of them (one line of a title wrapped over two)."""
    want, have = set(_words(value)), _words(line)
    if not want or not have:
        return False
    shared = want & set(have)
    return len(shared) / len(want) >= whole or (
        len(shared) >= 2 and sum(w in want for w in have) / len(have) >= part
    )


def role_by_match(text: str, header: dict[str, str], speaker: bool = False, index: int = 0) -> str:
    """The header field a top line holds, by matching the expected header ('' when none)."""
    url = header.get("url", "").rstrip("/")
    if url and url.split("://")[-1] in (session_link(text) or "").rstrip("/"):
        return "url"
    near = index < 6 and not speaker and not BULLET.match(text)  # a title sits near the top, alone
    if header.get("title") and near and _holds(text, header["title"], 0.6, 0.8):
        return "title"
    if header.get("organisers") and _holds(text, header["organisers"], 0.5, 0.7):
        want, have = set(_words(header["organisers"])), _words(text)
        label = HEADER_LABEL.match(text.strip(" *-"))
        labelled = (
            ORG_BY_ANY.search(text)
            or ORG_BY.match(text)
            or (
                label
                and re.search(r"org|host|conven|partner|facilit|lead", label.group("label"), re.IGNORECASE)
            )
        )
        # a speaker's line names an organiser too: the line must be labelled as the organisers, or be
        # mostly their names and name no person (`Moderator: Name (Org)`, `Name (Org): …`)
        mostly = sum(w in want for w in have) / len(have) >= 0.5
        if labelled or (
            mostly and not speaker and not re.search(NAME + r"\s*[(,]", text) and not session_link(text)
        ):
            return "organisers"
    found = find_date(text)
    if header.get("date") and found and same_header("date", found, header["date"]):
        return "date"
    return ""


def role_by_reader(kind: str, reason: str, speaker: bool) -> str:
    """The role of a top line that holds no expected field, from the notes reader's reading of it."""
    reason = reason.lower()
    if any(w in reason for w in ("moderat", "speaker", "panel", "chair", "intro")):
        return "speakers"
    if kind == "content":  # what a speaker said is content, whoever said it
        return "content"
    if speaker and kind != "header":
        return "speakers"
    if kind in {"header", "heading"}:
        return "meta"
    if kind in {"noise", "hint", "injection"}:
        return "noise"
    return "content" if kind == "content" else "noise"


def label_file(path: Path) -> list[dict[str, object]]:
    """The top lines of one notes file with their roles."""
    facts = json.loads(path.with_suffix(".facts.json").read_text(encoding="utf-8"))
    header = facts.get("header", {})
    text = path.read_text(encoding="utf-8")
    notes = read_notes(text, kinds=False)
    rows = []
    for top in top_lines(framed_text(text)):
        line = notes.lines[top.number - 1]
        if line.kind == "continuation":
            line = notes.lines[line.continues - 1]
        role = role_by_match(top.text, header, line.speaker is not None and line.kind != "header", top.index)
        source = "match"
        if not role:
            role, source = role_by_reader(line.kind, line.reason, line.speaker is not None), "reader"
        rows.append({"file": path.name, "line": top.number, "text": top.text, "role": role, "source": source})
    return rows


def main() -> int:
    overrides = {}
    hand = HERE / "overrides.jsonl"
    if hand.exists():
        for row in map(json.loads, hand.read_text(encoding="utf-8").splitlines()):
            overrides[(row["set"], row["file"], row["line"])] = row["role"]
    out = []
    for name, folder in SETS.items():
        for path in sorted(folder.glob("*.txt")):
            if not path.with_suffix(".facts.json").exists():
                continue
            for row in label_file(path):
                key = (name, row["file"], row["line"])
                if key in overrides:
                    row["role"], row["source"] = overrides[key], "hand"
                out.append({"set": name, **row})
    (HERE / "labels.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), "utf-8"
    )
    counts: dict[str, int] = {}
    for row in out:
        counts[str(row["role"])] = counts.get(str(row["role"]), 0) + 1
    print(f"{len(out)} top lines (up to {TOP_LINES} a file):", counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
