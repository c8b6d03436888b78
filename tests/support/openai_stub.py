"""A stub OpenAI-compatible chat server for tests: real HTTP on 127.0.0.1, misbehaving on request.

The app talks to it through the real `openai` client and LangChain's `init_chat_model("openai:…")`,
so every layer between the engines and the wire is the one users run. The stub plays a small local
model served by a small server, and each switch of `StubBehaviour` is one way such servers were seen
to differ from the API: answering a streamed request with one plain JSON body, wrapping JSON in code
fences, cutting the answer at N tokens (with `finish_reason` "length" or "stop"), answering slowly,
closing the connection, answering empty, refusing a request that names a response format. It never
honours `response_format` or tools: the answer is always plain text content.

Its "model" is deterministic: asked for a section of a draft, it returns one item per note line
(as many as the section's upper limit allows), each item the line's text citing that line; asked
after a repair message that asks for fewer and shorter items, it returns a single item. Asked a
question over sources, it answers one sentence citing source 1.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from support.json_http import JSONHandler

TOKEN = re.compile(r"\w+|[^\w\s]")  # a rough tokenizer: words and punctuation marks count one each
ANSWER_TEXT = "The sessions recommended mentoring programmes for women in engineering [1]."


@dataclass
class StubBehaviour:
    """How the stub answers; the defaults are a well-behaved server."""

    no_stream: bool = False  # answer `stream: true` with one plain JSON completion
    fence: bool = False  # wrap JSON content in ```json fences
    cut_at: int | None = None  # cut the content after this many tokens, whatever the request asked
    default_max_tokens: int | None = None  # the server's own cap when the request names none
    cut_finish: str = "length"  # the finish_reason given with a cut answer ("length" or "stop")
    delay: float = 0.0  # seconds to wait before answering
    close: bool = False  # close the connection without answering
    empty_calls: set[int] | None = None  # 1-based numbers of the calls answered with empty content
    empty: bool = False  # answer every call with empty content
    reject_format: bool = False  # answer 400 to a request that names a response_format


@dataclass
class StubServer:
    """A running stub: its base URL, the behaviour to follow, and what it received."""

    url: str
    behaviour: StubBehaviour = field(default_factory=StubBehaviour)
    requests: list[dict[str, Any]] = field(default_factory=list)
    finishes: list[str] = field(default_factory=list)  # the finish_reason of each answer sent
    model: Callable[[list[dict[str, Any]]], str] | None = None  # replaces the stub's own "model"
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _generation: int = 0  # bumped by `reset`: a slow call of an earlier test records nothing here

    @property
    def base_url(self) -> str:
        """The value for RAPPORTEUR_OPENAI_BASE_URL."""
        return self.url + "/v1"

    def reset(self, **behaviour: Any) -> None:
        """Forget the calls received and follow a new behaviour."""
        with self._lock:
            self.behaviour = StubBehaviour(**behaviour)
            self._generation += 1
            self.requests.clear()
            self.finishes.clear()
            self.model = None


# -- the stub's "model" ---------------------------------------------------------------------------
NOTE_LINE = re.compile(r"^(\d+)\| (.+)$", re.MULTILINE)


def _text_of(message: dict[str, Any]) -> str:
    content = message.get("content") or ""
    if isinstance(content, list):
        return "".join(str(b.get("text", "")) for b in content if isinstance(b, dict))
    return str(content)


def stub_model(messages: list[dict[str, Any]]) -> str:
    """The answer of the stub's deterministic "model" to a conversation."""
    texts = [_text_of(m) for m in messages]
    first_user = next((t for m, t in zip(messages, texts, strict=True) if m.get("role") == "user"), "")
    if "<notes>" not in first_user:
        return ANSWER_TEXT
    notes = first_user.split("<notes>", 1)[1].split("</notes>", 1)[0]
    lines = [(int(n), text.strip()) for n, text in NOTE_LINE.findall(notes)]
    limit = re.search(r"Limits: (?:\d+ to (\d+) items|exactly one paragraph)", first_user)
    wanted = int(limit.group(1)) if limit and limit.group(1) else 1
    if any("fewer and shorter" in t for m, t in zip(messages, texts, strict=True) if m.get("role") == "user"):
        wanted = 1  # the repair asked for a shorter answer
    parts = re.search(r"each item has a part: ([\w, ]+)", first_user)
    part = parts.group(1).split(",")[0].strip() if parts else None
    items = [{"text": text, "part": part, "evidence_lines": [number]} for number, text in lines[:wanted]]
    return json.dumps({"items": items})


# -- the wire -------------------------------------------------------------------------------------
def _cut(content: str, tokens: int) -> str:
    """The content up to the end of its `tokens`-th token."""
    for count, match in enumerate(TOKEN.finditer(content), 1):
        if count == tokens:
            return content[: match.end()]
    return content


def _completion(content: str, model: str, finish: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "finish_reason": finish,
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(content: str | None, model: str, finish: str | None = None) -> str:
    delta = {} if content is None else {"role": "assistant", "content": content}
    data = {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(data)}\n\n"


def _handler(stub: StubServer) -> type[BaseHTTPRequestHandler]:
    class Handler(JSONHandler):
        protocol_version = "HTTP/1.1"
        model_id = "stub-model"

        def do_POST(self) -> None:
            body = self.read_json()
            with stub._lock:
                stub.requests.append(body)
                number = len(stub.requests)
                generation = stub._generation
                how = stub.behaviour
                model_fn = stub.model or stub_model
            if how.delay:
                time.sleep(how.delay)
            if how.close:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(2)
                return
            if how.reject_format and "response_format" in body:
                self._send(400, b'{"error": {"message": "response_format is not supported", '
                           b'"type": "invalid_request_error"}}')
                return
            model = str(body.get("model", "stub-model"))
            empty = how.empty or number in (how.empty_calls or set())
            content = "" if empty else model_fn(list(body.get("messages") or []))
            if how.fence and content.startswith("{"):  # JSON comes fenced; prose answers do not
                content = f"```json\n{content}\n```"
            asked = body.get("max_completion_tokens") or body.get("max_tokens") or how.default_max_tokens
            finish = "stop"
            for cap, reason in ((asked, "length"), (how.cut_at, how.cut_finish)):
                if cap and len(TOKEN.findall(content)) > cap:
                    content, finish = _cut(content, int(cap)), reason
            with stub._lock:
                if generation == stub._generation:
                    stub.finishes.append(finish)
            if body.get("stream") and not how.no_stream:
                pieces = [content[i:i + 16] for i in range(0, len(content), 16)]
                events = [_chunk(p, model) for p in pieces]
                events += [_chunk(None, model, finish), "data: [DONE]\n\n"]
                self._send(200, "".join(events).encode(), "text/event-stream")
            else:
                self._send(200, json.dumps(_completion(content, model, finish)).encode())

    return Handler


@contextlib.contextmanager
def running_stub() -> Iterator[StubServer]:
    """A stub on a free port of 127.0.0.1, served from a thread; stopped on exit."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    stub = StubServer(url=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(stub)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
