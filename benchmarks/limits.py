"""Timings the reliability tests used to assert, printed as figures instead (issue 28).

The reliability tests check what happens (a limit refuses, a slow model endpoint ends in a clear
error, a deep file loads); how long it takes depends on the machine and on who else is using it, so
it is measured here and read by a person, never asserted in a test:

- refusing a notes .docx that unpacks to 100 million characters (was `< 60 s` in test_team_server);
- loading a .html nested 10,000 <div>s deep against a flat one with as many elements (was `deep <
  5 x flat + 0.5 s`), and a .docx of 20,000 paragraphs (was `< 10 s`);
- `rapporteur ask --engine llm` against an endpoint that never answers in time, with a 2 s client
  timeout and no retries (was `< 30 s` in test_llm_failures): the time until the clear error.

    .venv/bin/python benchmarks/limits.py
    .venv/bin/python benchmarks/limits.py --skip-llm
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests" / "reliability")]



def notes_bomb(folder: Path) -> tuple[str, float]:
    """Seconds to refuse a small .docx that unpacks to 100 million characters."""
    from rel_hostile import expanding_notes_docx

    from assistant.drafting.notes import load_notes_file
    from assistant.errors import RapporteurError

    bomb = expanding_notes_docx(folder, chars=100_000_000)
    started = time.perf_counter()
    try:
        load_notes_file(bomb)
        outcome = "READ (the limit did not apply)"
    except RapporteurError:
        outcome = "refused"
    return outcome, time.perf_counter() - started


def loaders(folder: Path) -> list[tuple[str, float]]:
    """Best-of-three load times of a deep and a flat .html with as many elements, and a long .docx."""
    from rel_hostile import deep_html, many_paragraph_docx

    from benchmarks.loaders import best_of

    deep, flat = deep_html(folder, 10_000, "deep.html"), deep_html(folder, 1, "flat.html")
    flat.write_text(flat.read_text() + "<div></div>" * 10_000, encoding="utf-8")
    best_of(flat, 1)  # imports out of the way
    return [
        ("nested .html, depth 10,000", best_of(deep)),
        ("flat .html, 10,000 elements", best_of(flat)),
        (".docx, 20,000 paragraphs", best_of(many_paragraph_docx(folder, 20_000, "long.docx"))),
    ]


def slow_llm(folder: Path) -> tuple[int, float, int]:
    """Exit code, seconds and requests of `rapporteur ask --engine llm` against an endpoint that sleeps
    30 s (the seconds include starting the process and loading the embedding model)."""
    from rel_support import start_fake_llm

    fake, server = start_fake_llm()
    fake.mode, fake.delay = "slow", 30.0
    cli = str(REPO / ".venv" / "bin" / "rapporteur")
    home = str(folder / "home")
    env = {**os.environ, "RAPPORTEUR_OPENAI_BASE_URL": fake.base_url, "RAPPORTEUR_LLM_TIMEOUT": "2",
           "RAPPORTEUR_LLM_MAX_RETRIES": "0", "OPENAI_API_KEY": "not-needed", "HF_HUB_OFFLINE": "1"}
    document = str(REPO / "corpus" / "2023-gender-digital-divide-stem.txt")
    subprocess.run([cli, "ingest", document, "--home", home], capture_output=True, text=True, env=env,
                   timeout=600, check=True)
    try:
        started = time.perf_counter()
        result = subprocess.run(
            [cli, "ask", "What did sessions recommend to close the gender digital divide in STEM?", "--home",
             home, "--engine", "llm", "--model", "openai:test-model"],
            capture_output=True, text=True, env=env, timeout=300, check=False,
        )
        seconds = time.perf_counter() - started
        return result.returncode, seconds, fake.requests
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    """Print one table row per timing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-llm", action="store_true", help="leave out the slow-endpoint timing")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="limits-bench-"))
    print("| what | outcome | seconds |\n|---|---|---|")
    outcome, seconds = notes_bomb(folder)
    print(f"| notes .docx unpacking to 100 million characters | {outcome} | {seconds:.2f} |")
    rows = loaders(folder)
    for name, seconds in rows:
        print(f"| load {name} | read | {seconds:.3f} |")
    print(f"| deep / flat .html | ratio | {rows[0][1] / max(rows[1][1], 1e-9):.1f} |")
    if not args.skip_llm:
        code, seconds, requests = slow_llm(folder)
        print(f"| ask --engine llm, endpoint slower than the 2 s timeout ({requests} request(s)) "
              f"| exit {code} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
