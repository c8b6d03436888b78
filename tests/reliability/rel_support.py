"""Helpers shared by the reliability tests: index state snapshots, a fake OpenAI-compatible
server, `rapporteur` subprocesses and a running `rapporteur serve`, and the table of outcomes.

The tests use the real parts (the shipped embedding model, Chroma on disk, processes killed with
SIGKILL, a real HTTP server for the LLM endpoint). Nothing here downloads anything.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from support.json_http import JSONHandler

from assistant.config import Settings
from assistant.corpus.embeddings import Embedder
from assistant.corpus.store import CorpusIndex

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
ARTIFACTS = REPO / "test-artifacts"
RAPPORTEUR = str(Path(sys.executable).with_name("rapporteur"))
SMALL_CORPUS = (
    "2023-gender-digital-divide-stem.txt",
    "2024-quantum-readiness.md",
    "2023-cyber-hygiene-small-business.docx",
    "2025-early-warning-mobile-alerts.pdf",
)
ANSWERABLE = "What did sessions recommend to close the gender digital divide in STEM?"


# -- index state ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndexState:
    """What must survive any failure: the documents, their chunk ids in Chroma and in the keyword index."""

    documents: tuple[tuple[str, int, str], ...]  # (doc_id, chunks, source)
    chunk_ids: frozenset[str]

    @property
    def doc_ids(self) -> list[str]:
        """Ids of the indexed documents, sorted."""
        return [doc_id for doc_id, _, _ in self.documents]

    def without(self, doc_ids: set[str]) -> IndexState:
        """This state minus some documents (to compare with a state before they were added)."""
        return IndexState(
            tuple(d for d in self.documents if d[0] not in doc_ids),
            frozenset(c for c in self.chunk_ids if c.split("::", 1)[0] not in doc_ids),
        )


def fresh_index(settings: Settings, embedder: Embedder | None = None) -> CorpusIndex:
    """A new CorpusIndex object on a home (no cached snapshot from an earlier object)."""
    return CorpusIndex(settings, embedder=embedder)


def index_state(index: CorpusIndex) -> IndexState:
    """The index's documents and chunk ids; fails when Chroma and the keyword index disagree."""
    ids = frozenset(index.collection.get(include=[])["ids"])
    snap = index.snapshot()
    keyword_ids = frozenset(snap.ids)
    assert keyword_ids == ids, (
        f"keyword index and Chroma disagree: {len(keyword_ids ^ ids)} chunk ids differ"
    )
    documents = tuple((d.doc_id, d.chunks, d.source) for d in index.documents())
    return IndexState(documents, ids)


def assert_healthy(index: CorpusIndex) -> None:
    """`check` (no repair) finds nothing wrong: clean state, keyword index saved and in step."""
    result = index.check()
    assert result.healthy, result.problems


# -- a table of outcomes for the report -----------------------------------------------------------
@dataclass
class Outcome:
    """One hostile case: what the user was told and what the index looked like after."""

    case: str
    message: str
    index_after: str


@dataclass
class OutcomeTable:
    """Rows written to test-artifacts/reliability-outcomes.md at the end of the session."""

    rows: list[Outcome] = field(default_factory=list)

    def add(self, case: str, message: str, index_after: str) -> None:
        """Record one case (messages are cut to one line of 160 characters)."""
        line = " ".join(str(message).split())
        self.rows.append(Outcome(case, line[:160] + ("…" if len(line) > 160 else ""), index_after))

    def markdown(self) -> str:
        """The table as Markdown."""
        lines = ["| case | message the user sees | index after |", "|---|---|---|"]
        for row in self.rows:
            message = row.message.replace("|", "\\|")
            lines.append(f"| {row.case} | {message} | {row.index_after} |")
        return "\n".join(lines) + "\n"


# -- a small private corpus ----------------------------------------------------------------------
# -- a fake OpenAI-compatible endpoint -----------------------------------------------------------
@dataclass
class FakeLLM:
    """A local HTTP server answering `/v1/chat/completions` the way a broken endpoint would.

    `mode` is one of: "ok" (a short valid answer), "error500", "slow" (sleeps `delay` seconds,
    past the client's timeout), "bad_json" (200 with a body that is not JSON), "empty" (valid
    JSON whose message content is empty), "garbage" (valid JSON whose content is not what was
    asked for). `requests` counts the calls received.
    """

    url: str
    mode: str = "ok"
    delay: float = 6.0
    content: str = "Sessions recommended mentoring programmes [1]."
    requests: int = 0
    bodies: list[dict[str, Any]] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        """The value for RAPPORTEUR_OPENAI_BASE_URL."""
        return self.url + "/v1"


def _completion(content: str, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(content: str | None, model: str, finish: str | None = None) -> str:
    delta = {} if content is None else {"role": "assistant", "content": content}
    data = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(data)}\n\n"


def _handler(fake: FakeLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(JSONHandler):
        def do_POST(self) -> None:
            body = self.read_json()
            fake.requests += 1
            fake.bodies.append(body)
            model = str(body.get("model", "test-model"))
            mode = fake.mode
            if mode == "error500":
                self._send(500, b'{"error": {"message": "internal error", "type": "server_error"}}')
                return
            if mode == "slow":
                time.sleep(fake.delay)
                mode = "ok"
            if mode == "bad_json":
                self._send(200, b"<html>this is not JSON {", "application/json")
                return
            content = {"ok": fake.content, "empty": "", "garbage": "%%% \x00 not the requested format"}[mode]
            if body.get("stream"):
                pieces = [_chunk(content, model), _chunk(None, model, "stop"), "data: [DONE]\n\n"]
                self._send(200, "".join(pieces).encode(), "text/event-stream")
            else:
                self._send(200, json.dumps(_completion(content, model)).encode())

    return Handler


def start_fake_llm() -> tuple[FakeLLM, ThreadingHTTPServer]:
    """Start the fake endpoint on a free port of 127.0.0.1, served from a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    fake = FakeLLM(url=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(fake)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake, server


# -- processes -----------------------------------------------------------------------------------
def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a `rapporteur` subprocess: offline, no RAPPORTEUR_* from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAPPORTEUR_")}
    env.update(HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", PYTHONUNBUFFERED="1", COLUMNS="200")
    env.update(extra)
    return env


def run_cli(*args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `rapporteur ARGS` as a real subprocess and capture its output."""
    return subprocess.run([RAPPORTEUR, *args], capture_output=True, text=True, timeout=timeout,
                          env=cli_env(**env), cwd=str(REPO))


@dataclass
class ServedApp:
    """A `rapporteur serve` subprocess: its URL, home, environment and captured output."""

    home: Path
    env: dict[str, str]
    log_dir: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        """Base URL with a trailing slash."""
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 180) -> None:
        """Start the server and wait until its login page answers."""
        self.port = free_port()
        self.starts += 1
        out = (self.log_dir / f"serve-{self.starts}.out").open("wb")
        err = (self.log_dir / f"serve-{self.starts}.err").open("wb")
        self.process = subprocess.Popen(
            [RAPPORTEUR, "serve", "--home", str(self.home), "--port", str(self.port),
             "--corpus", str(CORPUS)],
            stdout=out, stderr=err, env=cli_env(**self.env), cwd=str(self.log_dir),
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve exited with {self.process.returncode}: {self.output()[-2000:]}")
            try:
                if httpx.get(self.url, timeout=2).status_code < 500:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError("serve did not answer within the time limit: " + self.output()[-2000:])

    def stop(self) -> None:
        """Stop the server (SIGINT, then SIGKILL if it lingers)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def restart(self) -> None:
        """Stop and start again: a new process on the same home."""
        self.stop()
        self.start()

    def output(self) -> str:
        """Everything every start of the server printed (stdout and stderr)."""
        texts = []
        for path in sorted(self.log_dir.glob("serve-*.*")):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        return "\n".join(texts)


ALICE = ("alice", "Alice-pw-7QX1")
BOB = ("bob", "Bob-pw-9KZ3")


