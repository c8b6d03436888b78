"""Loader scaling: time to read a deeply nested .html and a .docx with many paragraphs, by size.

A linear loader's time grows with the input; a quadratic one's with its square. The inputs are
the reliability tests' makers (tests/reliability/rel_hostile.py): an outcome document inside N
nested <div>s, and a .docx holding N one-sentence paragraphs. Each size is read three times and
the best time printed (seconds), with the time per element.

    .venv/bin/python benchmarks/loaders.py
    .venv/bin/python benchmarks/loaders.py --depths 1000 10000 --paragraphs 2000 20000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests" / "reliability")]


def best_of(path: Path, repeats: int = 3) -> float:
    """The best of `repeats` full loads of a file, in seconds."""
    from assistant.corpus.loaders import load_document_text

    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        load_document_text(path)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    """Print one row per input size."""
    from rel_hostile import deep_html, many_paragraph_docx

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depths", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--paragraphs", type=int, nargs="*", default=[2_000, 20_000, 30_000])
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="loader-bench-"))
    best_of(deep_html(folder, 10, "warm.html"), 1)  # imports out of the way
    print("| input | size | seconds | µs per element |\n|---|---|---|---|")
    for depth in args.depths:
        seconds = best_of(deep_html(folder, depth, f"deep-{depth}.html"))
        print(f"| nested .html | depth {depth:,} | {seconds:.3f} | {seconds / depth * 1e6:.1f} |")
    for count in args.paragraphs:
        seconds = best_of(many_paragraph_docx(folder, count, f"long-{count}.docx"))
        print(f"| .docx | {count:,} paragraphs | {seconds:.3f} | {seconds / count * 1e6:.1f} |")


if __name__ == "__main__":
    main()
