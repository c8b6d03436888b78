#!/usr/bin/env bash
# Run every benchmark in turn and keep the tables in benchmarks/out/results.md.
# The cached homes are built on first use (the 100k one takes a long time on two cores: build it
# first with `benchmarks/build_homes.py`, see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=benchmarks/out/results.md
mkdir -p benchmarks/out
{
  echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
  echo; echo "## Ingest (sample corpus)"; $PY benchmarks/ingest.py
  echo; echo "## Ingest (synthetic, 50 documents)"
  $PY benchmarks/ingest.py --corpus benchmarks/out/corpus-50-s7 --repeats 1
  echo; echo "## Query"; $PY benchmarks/query.py --sizes "${SIZES:-1000,10000,100000}"
  echo; echo "## Draft"; $PY benchmarks/draft.py
  echo; echo "## Start-up"; $PY benchmarks/startup.py --size "${SERVE_SIZE:-100000}"
} 2>&1 | grep --line-buffered -v "Loading weights" | tee "$OUT"
