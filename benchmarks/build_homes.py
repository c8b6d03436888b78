"""Build (or reuse) the cached benchmark homes: synthetic corpora indexed at 1k/10k/100k chunks.

Run it once in the background before the query and startup benchmarks; a 100k-chunk home takes
tens of minutes to embed on two cores.

    nohup .venv/bin/python benchmarks/build_homes.py --sizes 100000 > benchmarks/out/build.log 2>&1 &
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DEFAULT_SEED, cached_home, home_chunks


def main(argv: list[str] | None = None) -> int:
    """Command line: build the homes for the given chunk counts."""
    parser = argparse.ArgumentParser(description="Build cached benchmark homes under benchmarks/out/.")
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated chunk counts")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        home = cached_home(size, args.seed, log=lambda m: print(m, flush=True))
        print(f"{size}: {home} ({home_chunks(home)} chunks)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
