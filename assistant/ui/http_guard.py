"""ASGI middleware that hardens every response of a served app for a team of users.

In front of Gradio's routes it:

* answers only the host names the operator lists (RAPPORTEUR_ALLOWED_HOSTS, default: the bound
  address, localhost and 127.0.0.1), in `Host` and `X-Forwarded-Host`; another name gets 400, so a
  forged header is never echoed into the page's root URL;
* closes the routes the app does not use (monitoring, profiling, recording, vibe editing,
  FastAPI's route list at /openapi.json) with 404;
* throttles logins (see login_throttle.py): a locked user name or address gets 429 with
  `Retry-After`, without its password being checked; a form that repeats `username` or `password`
  is refused (Gradio would log in with the last name, the throttle must count the same one); the
  client address is the connection's, or a forwarded one only from RAPPORTEUR_TRUSTED_PROXIES
  (uvicorn applies that list); every login is written to the audit log;
* logs out only on a POST from the app's own origin (a GET link on another site cannot);
* lets a user put only the accepted file types into Gradio's upload cache (notes files for
  everyone, corpus documents for admins), within an hourly per-user quota (415 and 413
  otherwise; refused files are deleted at once; 507 when the disk is full), records the user as
  the files' owner and writes the cache folder as `cache/` in the answer;
* adds `X-Frame-Options: DENY`, `X-Content-Type-Options: nosniff`, a Content-Security-Policy the
  app works under and `Referrer-Policy: same-origin` to every response.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse

from assistant.ui.asgi import ASGIApp, Message, Receive, Scope, Send, read_body, replay
from assistant.ui.audit import audit
from assistant.ui.login_guard import route_path, session_user
from assistant.ui.login_throttle import LoginThrottle
from assistant.ui.ownership import FileOwners
from assistant.ui.path_alias import PathAlias

log = logging.getLogger(__name__)

CLOSED_PREFIXES = ("/monitoring", "/gradio_api/monitoring", "/gradio_api/profiling",
                   "/gradio_api/process_recording", "/gradio_api/vibe", "/gradio_api/undo-vibe",
                   "/gradio_api/dev/reload", "/gradio_api/run-history",
                   "/openapi.json", "/docs", "/redoc")  # FastAPI's route list: not for visitors
LOGIN_PATHS = ("/login", "/login/")
LOGOUT_PATHS = ("/logout", "/logout/")
UPLOAD_PATH = "/gradio_api/upload"
MAX_LOGIN_BODY = 64 * 1024
QUOTA_WINDOW_S = 3600
CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",  # inline boot scripts; gr.HTML compiles templates
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = (
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"same-origin"),
)


@dataclass
class GuardConfig:
    """What the guard needs from the app's settings and access policy."""

    allowed_hosts: frozenset[str]
    throttle: LoginThrottle
    upload_types: Callable[[str | None], tuple[str, ...]]  # accepted suffixes for a user
    upload_quota_bytes: int
    files: FileOwners | None = None  # uploads are recorded as their user's
    alias: PathAlias | None = None  # the cache folder as browsers see it
    _used: dict[str, list[tuple[float, int]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def quota_left(self, user: str) -> int:
        """Bytes this user may still upload in the current hour."""
        now = time.monotonic()
        with self._lock:
            recent = [(t, n) for t, n in self._used.get(user, []) if now - t < QUOTA_WINDOW_S]
            self._used[user] = recent
            return self.upload_quota_bytes - sum(n for _, n in recent)

    def record_upload(self, user: str, size: int) -> None:
        """Count bytes a user put into the upload cache."""
        with self._lock:
            self._used.setdefault(user, []).append((time.monotonic(), size))


def host_of(value: str) -> str:
    """The host name of a Host header value, lowercased, without port (IPv6 brackets kept)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value.split("]", 1)[0] + "]"
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HttpGuard:
    """The middleware; `config` is built by the app from its settings (see app.launch_app)."""

    def __init__(self, app: ASGIApp, config: GuardConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse, throttle or pass the request on; add the security headers to the response."""
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        hosts = [headers.get("host", "")] + [h for h in headers.get("x-forwarded-host", "").split(",") if h]
        if scope["type"] == "websocket":
            if any(host_of(h) not in self.config.allowed_hosts for h in hosts):
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return
        if any(host_of(h) not in self.config.allowed_hosts for h in hosts):
            await PlainTextResponse("Invalid host header", status_code=400)(scope, receive, send)
            return
        path = route_path(scope)
        if any(path == p or path.startswith(p + "/") or path.startswith(p + "-") for p in CLOSED_PREFIXES):
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return
        method = scope.get("method")
        if path in LOGOUT_PATHS:
            await self._logout(scope, receive, send, headers)
        elif method == "POST" and path in LOGIN_PATHS:
            await self._login(scope, receive, send)
        elif method == "POST" and path == UPLOAD_PATH:
            await self._upload(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    # -- logins ------------------------------------------------------------------------------------
    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive, MAX_LOGIN_BODY)
        if body is None:
            await PlainTextResponse("Login form too large", status_code=413)(scope, receive, send)
            return
        replayed = replay(body)
        names, passwords = await _login_fields(scope, body)
        address = str((scope.get("client") or ("unknown",))[0])  # the proxy's word only if listed
        if len(names) > 1 or len(passwords) > 1:
            # Gradio logs in with the last of repeated fields: a form naming several users (a decoy
            # first) is refused outright and counts as a failure for each name and the address
            for name in dict.fromkeys(names):
                self.config.throttle.failed(name, address)
                audit("login-failed", name, address=address, reason="repeated form fields")
            response = JSONResponse({"detail": "Send one username and one password."}, status_code=400)
            await response(scope, replayed, send)
            return
        user = names[0] if names else ""
        wait = self.config.throttle.retry_after(user, address)
        if wait:
            audit("login-refused", user, address=address, retry_after=wait)
            response = JSONResponse(
                {"detail": f"Too many failed logins; try again in {wait} seconds."},
                status_code=429, headers={"Retry-After": str(wait)},
            )
            await response(scope, replayed, send)
            return
        status = 0

        async def watching(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        await self.app(scope, replayed, watching)
        if status == 200:
            self.config.throttle.succeeded(user)
            audit("login", user, address=address)
        elif status in (400, 401, 403):
            self.config.throttle.failed(user, address)
            audit("login-failed", user, address=address)

    # -- logout ------------------------------------------------------------------------------------
    async def _logout(self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str]) -> None:
        """Log out on a POST from one of the app's own pages; a GET (a link anyone can plant on another
        site) or a POST from another origin changes nothing."""
        if scope.get("method") != "POST":
            await PlainTextResponse("Log out with the button on the app's page.", status_code=405,
                                    headers={"Allow": "POST"})(scope, receive, send)
            return
        origin = headers.get("origin") or headers.get("referer") or ""
        if not origin or host_of(urlsplit(origin).netloc) not in self.config.allowed_hosts:
            await PlainTextResponse("Log out from the app's own page.", status_code=403)(scope, receive, send)
            return
        await self.app({**scope, "method": "GET"}, receive, send)  # Gradio's logout route is a GET

    # -- uploads -----------------------------------------------------------------------------------
    async def _upload(self, scope: Scope, receive: Receive, send: Send) -> None:
        user = session_user(scope, scope.get("app"))
        key = user or "local user"
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        declared = int(headers.get("content-length", "0") or 0) if headers.get(
            "content-length", "").isdigit() else 0
        if declared > self.config.quota_left(key):
            await _refuse_upload(scope, receive, send, 413, (
                "the upload is over this hour's quota for your account; try again later or ask the "
                "operator to raise RAPPORTEUR_UPLOAD_QUOTA_MB"))
            return
        start: Message | None = None
        body: list[bytes] = []

        async def buffering(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))

        try:
            await self.app(scope, receive, buffering)  # returns after Gradio's background copy ran
        except OSError as exc:  # a full disk or a broken cache folder: say so, not a bare 500
            log.warning("an upload could not be stored: %s", exc)
            await _refuse_upload(scope, receive, send, 507, (
                "the server could not store the upload (its disk is full or its cache folder cannot "
                "be written); try again later and tell the operator"))
            return
        data = b"".join(body)
        if start is None:
            return
        if int(start["status"]) != 200:
            await send(start)
            await send({"type": "http.response.body", "body": data, "more_body": False})
            return
        try:
            stored = [Path(p) for p in json.loads(data)]
        except (ValueError, TypeError):
            stored = []
        accepted = self.config.upload_types(user)
        # ".txt", "..md", ".notes": a dot-file, nothing (or no extension) after its leading dot
        unnamed = sorted({p.name for p in stored
                          if not p.stem.strip(" ._-") or (p.name.lstrip().startswith(".") and not p.suffix)})
        wrong = sorted({p.suffix.lower() or "(no extension)"
                        for p in stored if p.suffix.lower() not in accepted})
        if unnamed:
            for path in stored:
                _remove_cached(path)
            await _refuse_upload(scope, receive, send, 415, (
                f"the file name {', '.join(repr(n[:60]) for n in unnamed)} starts with a dot and has no "
                "name before its extension; rename the file (for example notes.txt) and upload it again; "
                f"accepted types: {', '.join(accepted)}"))
            return
        size = sum(p.stat().st_size for p in stored if p.is_file())
        if wrong or size > self.config.quota_left(key):
            for path in stored:
                _remove_cached(path)
            reason = (f"files of type {', '.join(wrong)} are not accepted; use one of {', '.join(accepted)}"
                      if wrong else "the upload is over this hour's quota for your account; try again later")
            await _refuse_upload(scope, receive, send, 415 if wrong else 413, reason)
            return
        self.config.record_upload(key, size)
        if self.config.files is not None:
            for path in stored:
                self.config.files.record(path, user)
        if self.config.alias is not None:
            data = self.config.alias.outgoing(data)
        sized = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        sized.append((b"content-length", str(len(data)).encode()))
        await send({**start, "headers": sized})
        await send({"type": "http.response.body", "body": data, "more_body": False})


async def _refuse_upload(scope: Scope, receive: Receive, send: Send, status: int, reason: str) -> None:
    await PlainTextResponse(reason, status_code=status)(scope, receive, send)


def _remove_cached(path: Path) -> None:
    """Delete a refused file from the upload cache, and its folder when that is left empty."""
    try:
        path.unlink(missing_ok=True)
        path.parent.rmdir()
    except OSError:
        pass


async def _login_fields(scope: Scope, body: bytes) -> tuple[list[str], list[str]]:
    """Every `username` (stripped, as Gradio strips it) and every `password` of a login form, read by
    the parser Gradio's own login route uses (empty lists when the form is unreadable)."""
    try:
        form = await Request(scope, replay(body)).form()
        names = [v.strip() for v in form.getlist("username") if isinstance(v, str)]
        passwords = [v for v in form.getlist("password") if isinstance(v, str)]
        await form.close()
    except Exception:  # a malformed form: Gradio answers it itself
        return [], []
    return names, passwords


def _with_security_headers(send: Send) -> Send:
    names = {name for name, _ in SECURITY_HEADERS}

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
            message = {**message, "headers": headers + list(SECURITY_HEADERS)}
        await send(message)

    return wrapped
