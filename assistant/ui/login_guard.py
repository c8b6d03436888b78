"""ASGI middleware that closes what Gradio leaves open to visitors who have not logged in.

With login on, Gradio 6 still (a) embeds the full API description (`window.gradio_api_info`: every
endpoint, its parameters and the Ask tab's organiser choices, which come from the corpus) in the
login page it serves at `/` and `/gradio_api/runs`, and (b) answers the session routes
`/gradio_api/cancel`, `/gradio_api/reset` and `/gradio_api/heartbeat/{session}` to anyone. This
middleware runs in front of Gradio's own routes: for a visitor without a valid session cookie it
refuses (b) with 401 and blanks the API description in (a). Logged-in users and apps without a
login pass through untouched.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from assistant.ui.asgi import ASGIApp, Message, Receive, Scope, Send

SESSION_ROUTES = ("/gradio_api/cancel", "/gradio_api/reset", "/gradio_api/heartbeat")
PAGES = {"/", "/gradio_api/runs", "/gradio_api/runs/"}
API_INFO = re.compile(rb"window\.gradio_api_info\s*=\s*.*?;\s*</script>", re.DOTALL)
BLANK_API_INFO = b"window.gradio_api_info = null;</script>"


class LoginGuard:
    """Refuses Gradio's session routes and strips the API description until the visitor logs in."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, refuse it, or pass it on and blank the API description."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        gradio_app = scope.get("app")
        if getattr(gradio_app, "auth", None) is None or logged_in(scope, gradio_app):
            await self.app(scope, receive, send)
            return
        path = route_path(scope)
        if is_session_route(path):
            await JSONResponse({"detail": "Not authenticated"}, status_code=401)(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD") and path in PAGES:
            await self.app(scope, receive, _blanking_api_info(send))
            return
        await self.app(scope, receive, send)


def is_session_route(path: str) -> bool:
    """Whether a path is one of Gradio's session routes (with or without a trailing part)."""
    return any(path == route or path.startswith(route + "/") for route in SESSION_ROUTES)


def route_path(scope: Scope) -> str:
    """The request path below the app's root path (Gradio may run behind a prefix)."""
    path = str(scope.get("path", "/"))
    root = str(scope.get("root_path", "") or "")
    if root and path.startswith(root):
        path = path[len(root):] or "/"
    return path


def logged_in(scope: Scope, gradio_app: Any) -> bool:
    """Whether the request carries the cookie of a session Gradio logged in."""
    return session_user(scope, gradio_app) is not None


def session_user(scope: Scope, gradio_app: Any) -> str | None:
    """The user name of the session whose cookie the request carries (None: no such session)."""
    cookies = Request(scope).cookies
    cookie_id = getattr(gradio_app, "cookie_id", "")
    token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
    if token is None:
        return None
    user = getattr(gradio_app, "tokens", {}).get(token)
    return str(user) if user is not None else None


def _blanking_api_info(send: Send) -> Send:
    """A `send` that buffers an HTML page and replaces its API description with null."""
    start: Message | None = None
    body: list[bytes] = []

    async def wrapped(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
            return
        if message["type"] != "http.response.body" or start is None:
            await send(message)
            return
        body.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        page = API_INFO.sub(lambda _m: BLANK_API_INFO, b"".join(body))
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(page)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": page, "more_body": False})

    return wrapped
