"""Score the grounding checker on every labelled pair set at once: dev, field, each checker-pairs batch
and the independent batches A, B, C (evals/indep-s14/ask-*/grounding.jsonl).

Prints supported accepted and unsupported caught per set and per kind of unsupported claim, and writes
each pair's verdict to a JSON file so two branches can be compared pair by pair (`--compare OLD.json`).
The blind set is never read here.

    .venv/bin/python evals/checker_sets.py --json /tmp/now.json [--compare /tmp/main.json] [--wrong C]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from assistant.config import Settings
from assistant.corpus.embeddings import Embedder
from assistant.drafting.checks import GroundingChecker

ROOT = Path(__file__).resolve().parents[1]


def pair_sets() -> dict[str, list[dict]]:
    """Every labelled pair set, by a short name."""
    files = {
        "dev": ROOT / "evals/datasets/grounding.jsonl",
        "field": ROOT.parent / "shared/fieldset/grounding.jsonl",
    }
    for path in sorted((ROOT / "evals/checker-pairs").glob("*.jsonl")):
        files[path.stem.split("-")[0]] = path
    for name in ("A", "B", "C"):
        files[f"indep{name}"] = ROOT / f"evals/indep-s14/ask-{name}/grounding.jsonl"
    return {
        name: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for name, path in files.items()
    }


def main() -> None:
    """Print each set's figures; optionally the pairs whose verdict changed since a saved run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write every verdict here")
    parser.add_argument("--compare", type=Path, help="a JSON written by an earlier run")
    parser.add_argument("--wrong", default="", help="comma-separated sets whose wrong pairs to print")
    parser.add_argument("--only", default="", help="comma-separated sets to score (default all)")
    args = parser.parse_args()
    sets = pair_sets()
    if args.only:
        sets = {k: v for k, v in sets.items() if k in args.only.split(",")}
    checker = GroundingChecker(Embedder(Settings().model_path()))
    rows = [(name, row) for name, group in sets.items() for row in group]
    verdicts = checker.check_many([(r["claim"], [r["evidence"]]) for _, r in rows])
    found = {f"{name}/{r['id']}": {"ok": v.supported == r["supported"], "supported": r["supported"],
                                   "kind": r.get("kind", ""), "reason": v.reason}
             for (name, r), v in zip(rows, verdicts, strict=True)}
    old = json.loads(args.compare.read_text()) if args.compare else {}
    total = Counter[tuple[str, str]]()
    right = Counter[tuple[str, str]]()
    for (name, row), v in zip(rows, verdicts, strict=True):
        ok = v.supported == row["supported"]
        side = "sup" if row["supported"] else "uns"
        for key in ((name, side), ("ALL", side)):
            total[key] += 1
            right[key] += ok
        if not row["supported"]:
            for key in ((name, row.get("kind", "")), ("ALL", row.get("kind", ""))):
                total[key] += 1
                right[key] += ok
        if name in args.wrong.split(",") and not ok:
            print(f"WRONG {name}/{row['id']} ({row.get('kind')}): {row['claim']}\n"
                  f"   EV: {row['evidence']}\n   -> {v.reason}")
    for name in [*sets, "ALL"]:
        kinds = sorted(k for n, k in total if n == name and k not in {"sup", "uns"})
        detail = " ".join(f"{k}:{right[name, k]}/{total[name, k]}" for k in kinds if k in
                          {"negation", "overclaim", "wrong_speaker"})
        sup, uns = f"{right[name, 'sup']}/{total[name, 'sup']}", f"{right[name, 'uns']}/{total[name, 'uns']}"
        print(f"{name:10s} sup {sup}  uns {uns}  {detail}")
    for key, now in found.items():
        if key in old and old[key]["ok"] != now["ok"]:
            print(f"{'FIXED' if now['ok'] else 'BROKE'} {key} ({now['kind']}) -> {now['reason']}")
    if args.json:
        args.json.write_text(json.dumps(found, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
