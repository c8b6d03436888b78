"""Score the product's grounding checker on a file of labelled claim/evidence pairs, by kind.

A quick, read-only measurement for batches of written pairs (`evals/datasets/grounding.jsonl` rows
or a new batch before it is appended): supported accepted, unsupported caught, each kind, and the
pairs the checker got wrong with its reason. The blind set is never read here.

    .venv/bin/python evals/score_checker_pairs.py PAIRS.jsonl [--ids w727-w766] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from assistant.config import Settings
from assistant.corpus.embeddings import Embedder
from assistant.drafting.checks import GroundingChecker


def in_range(pair_id: str, span: str) -> bool:
    """Is a `w…` id inside the inclusive span `w727-w766`?"""
    low, high = (int(x.lstrip("w")) for x in span.split("-"))
    return pair_id.startswith("w") and pair_id[1:].isdigit() and low <= int(pair_id[1:]) <= high


def main() -> None:
    """Print the checker's figures on the pairs of a file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--ids", default="", help="only ids in this span, e.g. w727-w766")
    parser.add_argument("--json", type=Path, help="write the verdicts here")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.ids:
        rows = [r for r in rows if in_range(r["id"], args.ids)]
    if not rows:
        raise SystemExit(f"no pairs in {args.pairs} (ids {args.ids or 'all'}): check the file and --ids")
    checker = GroundingChecker(Embedder(Settings().model_path()))
    verdicts = checker.check_many([(r["claim"], [r["evidence"]]) for r in rows])
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row, verdict in zip(rows, verdicts, strict=True):
        key = "supported" if row["supported"] else "unsupported"
        for name in (key, f"  {row['kind']}"):
            total[name] += 1
            right[name] += verdict.supported == row["supported"]
        if verdict.supported != row["supported"]:
            print(f"WRONG {row['id']} ({row['kind']}): {row['claim']}\n      -> {verdict.reason}")
    for name in sorted(total, key=lambda n: (n.strip() not in {"supported", "unsupported"}, n)):
        print(f"{name}: {right[name]}/{total[name]}")
    if args.json:
        found = [{"id": r["id"], **v.to_json()} for r, v in zip(rows, verdicts, strict=True)]
        args.json.write_text(json.dumps(found, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
