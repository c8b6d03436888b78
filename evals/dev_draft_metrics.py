"""Drafts every dev notes file offline and prints how good the drafts are.

Per file: sections filled / within limits, grounding rate, must_cover fact recall, must_not_claim
hits and seconds per draft (warm). A fact counts as covered when one draft item contains all its
keywords (case-insensitive, after normalising abbreviations and number formats) and is similar in
meaning to the fact. A must_not_claim statement is hit when a distinctive figure or name of it,
absent from the notes' content lines, appears in the draft.

    .venv/bin/python evals/dev_draft_metrics.py [--home DIR] [--notes DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.config import load_settings  # noqa: E402
from assistant.corpus.store import CorpusIndex  # noqa: E402
from assistant.domain.normalise import expand_abbreviations  # noqa: E402
from assistant.drafting.checks import is_placeholder, missing_facts  # noqa: E402
from assistant.drafting.draft import Draft  # noqa: E402
from assistant.drafting.service import DraftService  # noqa: E402

FACT_SIMILARITY = 0.35


def normalise(text: str) -> str:
    """Lowercase text with note abbreviations and number formats unified."""
    text = expand_abbreviations(text).lower()
    text = re.sub(r"(\d)\s?bn\b", r"\1 billion", text)
    text = re.sub(r"(\d\.\d+)\s?m\b", r"\1 million", text)
    text = re.sub(r"\s*per\s*cent\b", "%", text)
    return re.sub(r"\s+", " ", text)


def items_of(draft: Draft) -> list[str]:
    """Texts of the draft's real items (placeholders left out)."""
    return [i.text for s in draft.document.sections for i in s.items if not is_placeholder(i)]


def score_file(service: DraftService, notes_path: Path) -> dict[str, object]:
    """Draft one notes file and score the draft against its facts file."""
    facts = json.loads(notes_path.with_suffix(".facts.json").read_text(encoding="utf-8"))
    draft = service.draft(notes_path.read_text(encoding="utf-8"))
    items = items_of(draft)
    embedder = service.index.embedder
    item_vectors = embedder.encode(items) if items else None
    covered = []
    for fact in facts["must_cover"]:
        keys = [normalise(k) for k in fact["keywords"]]
        holders = [n for n, text in enumerate(items) if all(k in normalise(text) for k in keys)]
        ok = False
        if holders and item_vectors is not None:
            vector = embedder.encode_one(fact["fact"])
            ok = max(float(item_vectors[n] @ vector) for n in holders) >= FACT_SIMILARITY
        covered.append(ok)
    content = "\n".join(line.raw for line in draft.notes.lines if line.kind in {"content", "header"})
    draft_text = "\n".join(items)
    hits = []
    for claim in facts["must_not_claim"]:
        distinctive = [t for t in missing_facts(claim, content) if len(t) > 1]
        pattern = [rf"(?<![\w.]){re.escape(t)}(?![\w])" for t in distinctive]
        if any(re.search(p, draft_text, re.IGNORECASE) for p in pattern):
            hits.append(claim)
    coverage = draft.checks.coverage
    return {
        "file": notes_path.name,
        "words": draft.notes.word_count,
        "sections_filled": sum(1 for s in coverage.sections if s.filled),
        "sections_within_limits": sum(1 for s in coverage.sections if s.filled and s.within_limits),
        "sections": len(coverage.sections),
        "items": len(items),
        "grounding": round(draft.checks.grounding_rate, 3),
        "fact_recall": round(sum(covered) / len(covered), 3) if covered else 1.0,
        "facts_missed": [f["fact"] for f, ok in zip(facts["must_cover"], covered, strict=True) if not ok],
        "must_not_claim_hits": hits,
        "seconds": round(draft.seconds, 3),
        "empty_sections": [s.id for s in coverage.sections if not s.filled],
    }


def main() -> None:
    """Run the metrics over a notes folder and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="an index home holding the corpus (default: temp)")
    parser.add_argument("--notes", type=Path, default=REPO / "evals" / "datasets" / "notes")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--verbose", action="store_true", help="list missed facts")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="rapporteur-dev-metrics-"))
    settings = load_settings(home=home)
    index = CorpusIndex(settings)
    if len(index.snapshot()) == 0:
        index.ingest([REPO / "corpus"])
    service = DraftService(index, settings, autosave=False)
    files = sorted(args.notes.glob("*.txt"))
    service.draft(files[0].read_text(encoding="utf-8"))  # warm-up: model and caches loaded
    rows = [score_file(service, path) for path in files]
    lines: list[str] = []
    for path in files:  # whole dev notes, line by line, up to 2,000 words
        for line in path.read_text(encoding="utf-8").split("\n"):
            if sum(len(x.split()) for x in lines) + len(line.split()) > 2000:
                break
            lines.append(line)
    started, cpu = time.perf_counter(), time.process_time()
    long_draft = service.draft("\n".join(lines))
    long_seconds, long_cpu = time.perf_counter() - started, time.process_time() - cpu
    summary = {
        "files": len(rows),
        "fact_recall": round(sum(r["fact_recall"] for r in rows) / len(rows), 3),
        "grounding": round(sum(r["grounding"] for r in rows) / len(rows), 3),
        "must_not_claim_hits": sum(len(r["must_not_claim_hits"]) for r in rows),
        "mean_seconds": round(sum(r["seconds"] for r in rows) / len(rows), 3),
        "words_long_draft": long_draft.notes.word_count,
        "seconds_2000_words": round(long_seconds, 3),
        "cpu_seconds_2000_words": round(long_cpu, 3),
    }
    if args.json:
        print(json.dumps({"rows": rows, "summary": summary}, indent=2))
        return
    heads = ("words", "filled", "in lim", "ground", "recall", "mnc", "s")
    print(f"{'file':38} " + " ".join(f"{h:>6}" for h in heads))
    for r in rows:
        print(f"{r['file']:38} {r['words']:>5} {r['sections_filled']:>4}/{r['sections']} "
              f"{r['sections_within_limits']:>4}/{r['sections']} {r['grounding']:>6.2f} "
              f"{r['fact_recall']:>6.2f} {len(r['must_not_claim_hits']):>3} {r['seconds']:>6.2f}")
        if args.verbose:
            for fact in r["facts_missed"]:
                print(f"    missed: {fact}")
            for claim in r["must_not_claim_hits"]:
                print(f"    CLAIMED: {claim}")
            if r["empty_sections"]:
                print(f"    empty: {', '.join(r['empty_sections'])}")
    print("summary:", json.dumps(summary))


if __name__ == "__main__":
    main()
