"""Offline (extractive) draft time for session notes of 500, 2,000 and 10,000 words, warm and cold.

Notes of each length are built from the illustrative notes in evals/datasets/notes/: the first
file whole, then the bodies of the others, and further rounds with every figure shifted so no
line repeats, cut at a line boundary once the length is reached.

* warm: `DraftService.draft` in this process after a warm-up draft (model and snapshot loaded);
  median of --repeats;
* cold: a fresh `rapporteur draft NOTES --home HOME -o OUT.md` process, model load included.

The corpus the drafter consults is the sample corpus (`corpus/`) unless --home names another.

    .venv/bin/python benchmarks/draft.py
    .venv/bin/python benchmarks/draft.py --words 2000 --repeats 1 --no-cold
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import REPO, median, print_machine, print_table, sample_home

NOTES = REPO / "evals" / "datasets" / "notes"
TARGETS = {2000: 3.0, 10000: 10.0}


def _body(text: str) -> list[str]:
    """A note's lines after its header block (everything up to the first blank line)."""
    lines = text.splitlines()
    blank = next((n for n, line in enumerate(lines) if not line.strip()), 0)
    return lines[blank + 1:]


def build_notes(words: int) -> str:
    """Session notes of about `words` words (cut at a line boundary, never mid-line)."""
    files = sorted(NOTES.glob("*.txt"))
    if not files:
        raise SystemExit(f"no notes in {NOTES}")
    first = files[0].read_text(encoding="utf-8").splitlines()
    lines: list[str] = []
    count = 0
    round_no = 0
    while count < words:
        for n, path in enumerate(files):
            body = first if (round_no == 0 and n == 0) else _body(path.read_text(encoding="utf-8"))
            for line in body:
                if round_no:
                    line = re.sub(r"\d+", lambda m, r=round_no: str(int(m.group()) + 3 * r), line)
                lines.append(line)
                count += len(line.split())
                if count >= words:
                    break
            if count >= words:
                break
        round_no += 1
    return "\n".join(lines) + "\n"


def draft_service(home: Path):
    """The draft service of a home, as the web app holds it (one per process)."""
    from assistant.config import load_settings
    from assistant.corpus.store import CorpusIndex
    from assistant.drafting.service import DraftService

    settings = load_settings(home=home)
    return DraftService(CorpusIndex(settings), settings)


def warm_draft(service, text: str, repeats: int) -> tuple[float, int]:
    """Median seconds of an in-process draft, and the number of drafted items."""
    times = []
    items = 0
    for _ in range(repeats):
        start = time.perf_counter()
        draft = service.draft(text)
        times.append(time.perf_counter() - start)
        items = sum(len(s.items) for s in draft.document.sections)
    return median(times), items


def cold_draft(home: Path, text: str, workdir: Path) -> float:
    """Seconds of a fresh `rapporteur draft` process on the notes."""
    notes = workdir / f"notes-{len(text)}.txt"
    notes.write_text(text, encoding="utf-8")
    exe = Path(sys.executable).parent / "rapporteur"
    start = time.perf_counter()
    done = subprocess.run([str(exe), "draft", str(notes), "--home", str(home), "-o", str(workdir / "out.md")],
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"rapporteur draft failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Command line: time drafts of each length and print the table."""
    parser = argparse.ArgumentParser(description="Offline draft time for notes of several lengths.")
    parser.add_argument("--words", default="500,2000,10000", help="comma-separated note lengths")
    parser.add_argument("--repeats", type=int, default=3, help="warm repeats (median reported)")
    parser.add_argument("--no-cold", action="store_true", help="skip the fresh-process runs")
    parser.add_argument("--home", type=Path, help="home to draft against (default: the sample corpus)")
    args = parser.parse_args(argv)
    home = args.home or sample_home()
    print_machine()
    print(f"home: {home}")
    lengths = [int(w) for w in args.words.split(",") if w.strip()]
    texts = {n: build_notes(n) for n in lengths}
    service = draft_service(home)
    warm_draft(service, build_notes(300), 1)  # warm-up: model, snapshot, regexes
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="draft-bench-") as tmp:
        for n in lengths:
            text = texts[n]
            warm, items = warm_draft(service, text, args.repeats)
            cold = None if args.no_cold else cold_draft(home, text, Path(tmp))
            target = TARGETS.get(n)
            verdict = "" if target is None else ("ok" if warm <= target else f"over {target:.0f} s")
            rows.append([f"{len(text.split())} words ({len(text.splitlines())} lines)", items,
                         f"{warm:.2f} s", "" if cold is None else f"{cold:.2f} s", verdict])
    print_table(["notes", "items drafted", "warm (median)", "cold (fresh process)", "target (warm)"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
