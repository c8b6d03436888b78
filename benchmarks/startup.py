"""Start-up costs: `rapporteur --help`, the first `ask` answer of a fresh process, `serve` memory.

* help: wall time of `rapporteur --help` (median of --repeats fresh processes) and whether the
  help path imported torch, chromadb, gradio or langchain (from `python -X importtime`);
* first answer, cold: wall time of a fresh `rapporteur ask QUESTION --home HOME` (model load,
  snapshot load and the answer), median of --repeats, on the sample corpus and on the largest
  cached synthetic home; plus a breakdown measured inside one fresh process;
* serve: `rapporteur serve` on the largest cached home, started as a subprocess; time until it
  answers HTTP, then a few questions through gradio_client, then VmHWM (peak RSS) and VmRSS from
  /proc/PID/status.

    .venv/bin/python benchmarks/startup.py                 # uses the 100k home if it is built
    .venv/bin/python benchmarks/startup.py --size 10000
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    OUT,
    REPO,
    cached_home,
    home_chunks,
    median,
    print_machine,
    print_table,
    sample_home,
    stop_process,
)
from benchmarks.query import free_port

BIN = Path(sys.executable).parent
HEAVY = ("torch", "chromadb", "gradio", "langchain", "sentence_transformers", "transformers")
QUESTION = "What did sessions recommend on digital skills for older persons?"
SERVE_QUESTIONS = (
    "Which sessions discussed community networks?",
    "What barriers to mobile money were reported?",
    "What recommendations were made on e-waste take-back schemes?",
    "What did speakers say about telemedicine for rural women?",
    "How is cybersecurity capacity funded?",
)
BREAKDOWN = r"""
import json, sys, time
t0 = time.perf_counter()
from assistant.config import load_settings
from assistant.corpus.store import CorpusIndex
from assistant.ask.service import AskService
t1 = time.perf_counter()
import torch  # noqa: F401
t2 = time.perf_counter()
settings = load_settings(home=sys.argv[1])
index = CorpusIndex(settings)
index.embedder.encode(["load"])
t3 = time.perf_counter()
index.snapshot()
t4 = time.perf_counter()
answer = AskService(index, settings).ask(sys.argv[2])
t5 = time.perf_counter()
print(json.dumps({"import app modules": t1 - t0, "import torch": t2 - t1,
                  "load model": t3 - t2, "load snapshot": t4 - t3, "first answer": t5 - t4,
                  "kind": answer.kind}))
"""


def env() -> dict[str, str]:
    """The environment for child processes: offline, no login, no server URL."""
    values = {k: v for k, v in os.environ.items() if not k.startswith("RAPPORTEUR_")}
    values.update(HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", PYTHONPATH=str(REPO))
    return values


def run(cmd: list[str]) -> float:
    """Wall seconds of a command that must succeed."""
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env(), check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} … failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return seconds


def heavy_imports_of_help() -> list[str]:
    """Heavy top-level packages that `rapporteur --help` imports (should be none)."""
    code = "import sys; sys.argv = ['rapporteur', '--help']\nfrom assistant.cli.main import main\nmain()"
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True,
                          text=True, env=env(), check=False)
    found = set()
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s*\d+\s*\|\s*\d+\s*\|\s*(\S+)", line)
        if match and match.group(1).strip().split(".")[0] in HEAVY:
            found.add(match.group(1).strip().split(".")[0])
    return sorted(found)


def breakdown(home: Path) -> dict[str, float | str]:
    """Where a fresh process spends its time before the first answer."""
    done = subprocess.run([sys.executable, "-c", BREAKDOWN, str(home), QUESTION], capture_output=True,
                          text=True, env=env(), check=False)
    if done.returncode != 0:
        raise SystemExit(f"breakdown failed: {done.stderr.strip()[-400:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def proc_status(pid: int) -> dict[str, str]:
    """Fields of /proc/PID/status (VmHWM, VmRSS, …)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def serve_memory(home: Path) -> dict[str, object]:
    """Start `rapporteur serve` on a home, ask a few questions, read its peak and current RSS."""
    from gradio_client import Client

    port = free_port()
    log_path = OUT / "serve-bench.log"
    log = log_path.open("w")
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "rapporteur"), "serve", "--home", str(home), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=env())
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                if proc.poll() is not None or time.perf_counter() - start > 900:
                    raise SystemExit(f"serve did not come up; see {log_path}") from None
                time.sleep(0.5)
        ready_s = time.perf_counter() - start
        rss_ready = proc_status(proc.pid)["VmRSS"]
        client = Client(url, verbose=False)
        times = []
        for question in SERVE_QUESTIONS:
            t0 = time.perf_counter()
            client.predict(message=question, api_name="/ask")
            times.append(time.perf_counter() - t0)
        status = proc_status(proc.pid)
        return {"ready_s": ready_s, "rss_ready": rss_ready, "VmHWM": status["VmHWM"],
                "VmRSS": status["VmRSS"], "ask_median_s": median(times)}
    finally:
        stop_process(proc, grace_s=30)
        log.close()


def main(argv: list[str] | None = None) -> int:
    """Command line: measure and print the start-up table."""
    parser = argparse.ArgumentParser(description="Start-up time and serve memory.")
    parser.add_argument("--size", type=int, default=100000, help="chunks of the synthetic home for serve")
    parser.add_argument("--repeats", type=int, default=3, help="fresh processes per measurement")
    parser.add_argument("--no-serve", action="store_true")
    args = parser.parse_args(argv)
    print_machine()
    sample = sample_home()
    big = cached_home(args.size)
    rows: list[list[object]] = []

    help_s = median([run([str(BIN / "rapporteur"), "--help"]) for _ in range(args.repeats)])
    heavy = heavy_imports_of_help()
    rows.append(["rapporteur --help", f"{help_s:.2f} s", "≤ 0.5 s",
                 "heavy imports: " + (", ".join(heavy) if heavy else "none")])
    for label, home in (("sample corpus", sample), (f"{home_chunks(big)} chunks", big)):
        cold = median([run([str(BIN / "rapporteur"), "ask", QUESTION, "--home", str(home)])
                       for _ in range(args.repeats)])
        parts = breakdown(home)
        detail = ", ".join(f"{k} {v:.2f}s" for k, v in parts.items() if isinstance(v, float))
        rows.append([f"first ask answer, cold ({label})", f"{cold:.2f} s", "≤ 6 s", detail])
    if not args.no_serve:
        mem = serve_memory(big)
        rows.append([f"serve ready ({home_chunks(big)} chunks)", f"{mem['ready_s']:.1f} s", "",
                     f"RSS when ready {mem['rss_ready']}"])
        rows.append([f"serve peak RSS (VmHWM) after {len(SERVE_QUESTIONS)} asks", str(mem["VmHWM"]),
                     "≤ 1.5 GB", f"VmRSS {mem['VmRSS']}; ask via gradio_client median "
                                 f"{mem['ask_median_s']:.2f} s"])
    print_table(["measurement", "value", "target", "detail"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
