"""ASGI middleware that ties Gradio's session routes and file downloads to the logged-in user.

Gradio trusts ids the browser sends: anyone logged in who names another browser's session hash
can read that session's event stream (`/gradio_api/queue/data`), and anyone who names a file in
the cache can download it. Behind the login this middleware:

* binds each session hash and event id to the first user who uses it (joining the queue, calling
  an endpoint, reading a stream, the heartbeat, cancelling) and answers 404 to any other user;
* serves a cached file (`/gradio_api/file=…`) only to its owner: the user who uploaded it, or
  whose download folder it is in (see ownership.py); everything else in the cache, and any URL
  Gradio would fetch on the browser's behalf, gets 404;
* closes what the app does not use: deep links (`/gradio_api/deep_link`, `/config?deep_link=`),
  which copy a session's values into a file any user could then open, and media streams;
* rewrites the cache folder as `cache/` in answers and back in requests (see path_alias.py);
* holds a chat history sent back for a Chatbot to its last well-formed messages before Gradio
  checks it (see `bounded_chats`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

from starlette.responses import PlainTextResponse

from assistant.ui.asgi import ASGIApp, Message, Receive, Scope, Send, read_body, replay
from assistant.ui.limits import CHAT_MESSAGES
from assistant.ui.login_guard import route_path, session_user
from assistant.ui.ownership import FileOwners, SessionOwners, owns_export
from assistant.ui.path_alias import PathAlias

API = "/gradio_api"
CLOSED = (f"{API}/deep_link", f"{API}/stream", f"{API}/proxy=")
FILE_PREFIXES = (f"{API}/file=", f"{API}/file/")
EVENT_ROUTES = (f"{API}/queue/join", f"{API}/call/", f"{API}/run/", f"{API}/api/")
MAX_EVENT_BODY = 64 * 1024 * 1024


@dataclass
class OwnerConfig:
    """What the middleware needs: the registries, the cache folder and the download root."""

    files: FileOwners
    sessions: SessionOwners
    cache: Path
    exports: Path
    alias: PathAlias


class SessionGuard:
    """The middleware; it runs inside HttpGuard and LoginGuard (see app.launch_app)."""

    def __init__(self, app: ASGIApp, config: OwnerConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse, rewrite or pass the request on."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = route_path(scope)
        method = scope.get("method", "GET")
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if any(path == p or path.startswith(p if p.endswith("=") else p + "/") for p in CLOSED) or (
                path.rstrip("/") == "/config" and "deep_link" in query):
            await _not_found(scope, receive, send)
            return
        user = session_user(scope, scope.get("app"))
        sessions = self.config.sessions
        if path.startswith(FILE_PREFIXES):
            await self._file(scope, receive, send, path, user)
            return
        if path == f"{API}/queue/data" or path.startswith(f"{API}/heartbeat/"):
            idents = query.get("session_hash", []) if path.endswith("/data") else [path.rsplit("/", 1)[-1]]
            if not all(sessions.claim(ident, user) for ident in idents):  # every value, however repeated
                await _not_found(scope, receive, send)
                return
            await self.app(scope, receive, self._rewriting(send))
            return
        if method == "GET" and path.startswith(f"{API}/call/"):
            if not sessions.claim(path.rstrip("/").rsplit("/", 1)[-1], user):
                await _not_found(scope, receive, send)
                return
            await self.app(scope, receive, self._rewriting(send))
            return
        if path in (f"{API}/upload_progress", f"{API}/upload") and not all(
                sessions.claim("upload:" + ident, user) for ident in query.get("upload_id", [])):
            await _not_found(scope, receive, send)
            return
        if method == "POST" and (path.startswith(EVENT_ROUTES) or path == f"{API}/cancel"):
            await self._event(scope, receive, send, path, user)
            return
        await self.app(scope, receive, send)

    # -- files -------------------------------------------------------------------------------------
    async def _file(self, scope: Scope, receive: Receive, send: Send, path: str, user: str | None) -> None:
        prefix = next(p for p in FILE_PREFIXES if path.startswith(p))
        asked = self.config.alias.incoming_path(path[len(prefix):])  # the server decoded it once
        if "://" in asked or asked.startswith("//"):
            await _not_found(scope, receive, send)
            return
        real = Path(os.path.realpath(asked))
        cache = Path(os.path.realpath(self.config.cache))
        if cache == real or cache in real.parents:
            mine = owns_export(self.config.exports, real, user) or self.config.files.owns(real, user)
            if not mine:
                await _not_found(scope, receive, send)
                return
        root = str(scope.get("root_path", "") or "")
        new_path = root + prefix + str(real)
        scope = {**scope, "path": new_path, "raw_path": quote(new_path, safe="/=").encode()}
        await self.app(scope, receive, send)

    # -- events ------------------------------------------------------------------------------------
    async def _event(self, scope: Scope, receive: Receive, send: Send, path: str, user: str | None) -> None:
        read = await read_body(receive, MAX_EVENT_BODY)
        if read is None:
            await PlainTextResponse("Request too large", status_code=413)(scope, receive, send)
            return
        body = read
        try:
            data = json.loads(body) if body else {}
        except ValueError:
            data = {}
        sessions = self.config.sessions
        idents = [str(data.get(k)) for k in ("session_hash", "event_id")
                  if isinstance(data, dict) and data.get(k)]
        if not all(sessions.claim(ident, user) for ident in idents):
            await _not_found(scope, receive, send)
            return
        if isinstance(data, dict) and isinstance(data.get("data"), list):
            trimmed = bounded_chats(scope.get("app"), path, data)
            if trimmed is not None:
                body = json.dumps(trimmed, ensure_ascii=False).encode("utf-8")
        body = self.config.alias.incoming_json(body)
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        scope = {**scope, "headers": headers}
        await self.app(scope, replay(body, receive), self._rewriting(send, claim=True, user=user))

    def _rewriting(self, send: Send, claim: bool = False, user: str | None = None) -> Send:
        """A `send` that writes the cache folder as `cache/` and, with `claim`, binds the event id
        an event's answer returns to the user who started it."""
        alias, sessions = self.config.alias, self.config.sessions
        start: Message | None = None
        buffered: list[bytes] = []

        async def wrapped(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                sized = any(k.lower() == b"content-length" for k, _ in message.get("headers", []))
                if not sized:
                    await send(message)
                    return
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunk = alias.outgoing(message.get("body", b""))
            if start is None:
                await send({**message, "body": chunk})
                return
            buffered.append(chunk)
            if message.get("more_body", False):
                return
            data = b"".join(buffered)
            if claim:
                _claim_event(sessions, data, user)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(data)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": data, "more_body": False})

        return wrapped


def bounded_chats(gradio_app: Any, path: str, body: dict[str, Any]) -> dict[str, Any] | None:
    """The event body with each chat history it sends for a Chatbot held to the last CHAT_MESSAGES
    well-formed messages, or None when nothing needed cutting.

    Gradio checks every message of a chat a browser sends back and, on failure, prints one error
    per message to the server log: a 10,000-message history of junk wrote 30,000 lines. The Ask
    tab keeps only the last CHAT_MESSAGES anyway (limits.chat), so nothing a user sees changes.
    """
    import gradio as gr

    blocks = getattr(gradio_app, "get_blocks", lambda: None)()
    fns = getattr(blocks, "fns", None) or {}
    fn = fns.get(body.get("fn_index")) if body.get("fn_index") is not None else None
    if fn is None and path.startswith(f"{API}/call/"):
        api_name = path.rstrip("/").rsplit("/", 1)[-1]
        fn = next((f for f in fns.values() if getattr(f, "api_name", None) == api_name), None)
    if fn is None:
        return None
    inputs = list(getattr(fn, "inputs", []))
    data = list(body["data"])
    if len(data) != len(inputs):  # the REST API leaves out session state
        inputs = [block for block in inputs if not getattr(block, "skip_api", False)]
    changed = False
    for index, block in enumerate(inputs[: len(data)]):
        value = data[index]
        if isinstance(block, gr.Chatbot) and isinstance(value, list):
            kept = [m for m in value if _message_like(m)][-CHAT_MESSAGES:]
            if len(kept) != len(value):
                data[index], changed = kept, True
    return {**body, "data": data} if changed else None


def _message_like(value: object) -> bool:
    """A chat message as Gradio's Chatbot takes it: a role of the chat and text or a file as content."""
    return (isinstance(value, dict) and value.get("role") in ("user", "assistant")
            and isinstance(value.get("content"), str | dict | list))


def _claim_event(sessions: SessionOwners, data: bytes, user: str | None) -> None:
    """Bind the event id of a queue answer (`{"event_id": …}`) to the user who started it."""
    try:
        answer = json.loads(data)
    except ValueError:
        return
    if isinstance(answer, dict) and isinstance(answer.get("event_id"), str):
        sessions.claim(answer["event_id"], user)


async def _not_found(scope: Scope, receive: Receive, send: Send) -> None:
    await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)


