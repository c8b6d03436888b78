"""Keeps the server's folders out of what browsers see: Gradio's cache is called `cache/` outside.

Gradio hands browsers the absolute path of every uploaded file and every download (in the upload
answer, in each file's `path` and in its `/gradio_api/file=` URL), which tells anyone where the
server keeps its home. The guard rewrites those answers so the cache folder reads `cache/…`, and
maps `cache/…` back to the real folder in what browsers send (file URLs, the `path` of a file in
an event's data) before Gradio sees it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

ALIAS = "cache"


class PathAlias:
    """The rewrite between the real cache folder and its public name `cache/`."""

    def __init__(self, root: Path, alias: str = ALIAS) -> None:
        self.real = os.path.realpath(str(root))
        self.alias = alias
        forms = {self.real, json.dumps(self.real)[1:-1], quote(self.real, safe="/"),
                 json.dumps(quote(self.real, safe="/"))[1:-1]}
        # longest first, so no form is replaced inside a longer one
        self._outgoing = [(f"{form}/".encode(), f"{alias}/".encode())
                          for form in sorted(forms, key=len, reverse=True)]

    def outgoing(self, data: bytes) -> bytes:
        """An answer with every spelling of the cache folder replaced by `cache/`."""
        for real, public in self._outgoing:
            if real in data:
                data = data.replace(real, public)
        return data

    def incoming_path(self, path: str) -> str:
        """A file path a browser sent, with `cache/…` mapped back to the real folder."""
        if path.startswith(self.alias + "/"):
            return self.real + path[len(self.alias):]
        return path

    def incoming_json(self, body: bytes) -> bytes:
        """An event's JSON body with the `path` (and file `url`) of every file mapped back."""
        if f'"{self.alias}/'.encode() not in body and f"file={self.alias}/".encode() not in body:
            return body
        try:
            data = json.loads(body)
        except ValueError:
            return body
        return json.dumps(self._map(data), ensure_ascii=False).encode("utf-8")

    def _map(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self._map(v) for v in value]
        if not isinstance(value, dict):
            return value
        out = {k: self._map(v) for k, v in value.items()}
        if isinstance(out.get("path"), str):
            out["path"] = self.incoming_path(out["path"])
        url = out.get("url")
        marker = f"file={self.alias}/"
        if isinstance(url, str) and marker in url:
            head, _, tail = url.partition(marker)
            out["url"] = f"{head}file={quote(self.real, safe='/')}/{tail}"
        return out
