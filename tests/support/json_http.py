"""The request handler both OpenAI-compatible test servers start from: quiet, JSON replies with a
length, a client that hangs up mid-reply tolerated, and a model list on GET."""

from __future__ import annotations

import contextlib
import json
from http.server import BaseHTTPRequestHandler


class JSONHandler(BaseHTTPRequestHandler):
    """A handler that sends JSON bodies; `model_id` is what GET /models lists."""

    model_id = "test-model"

    def log_message(self, *args: object) -> None:  # keep test output quiet
        return

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        self._send(200, json.dumps({"object": "list", "data": [{"id": self.model_id}]}).encode())

    def read_json(self) -> dict:
        """The request's JSON body ({} when it has none or it is not JSON)."""
        length = int(self.headers.get("Content-Length") or 0)
        try:
            return json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError:
            return {}
