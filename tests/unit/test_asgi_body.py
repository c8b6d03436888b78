"""Reading a request body once for the web app's guards (assistant/ui/asgi.py)."""

from __future__ import annotations

import asyncio
from typing import Any

from assistant.ui.asgi import read_body, replay


def _receiver(chunks: list[bytes]) -> Any:
    messages = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
                for i, c in enumerate(chunks)]

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    return receive


def test_a_body_in_several_messages_is_read_whole() -> None:
    assert asyncio.run(read_body(_receiver([b"user", b"name=", b"ana"]), limit=100)) == b"username=ana"


def test_a_body_over_the_limit_is_refused_before_it_is_all_read() -> None:
    receive = _receiver([b"x" * 60, b"y" * 60, b"z"])
    assert asyncio.run(read_body(receive, limit=100)) is None


def test_the_replayed_body_comes_once_then_the_connection_or_a_disconnect() -> None:
    async def run() -> list[Any]:
        alone = replay(b"form")
        followed = replay(b"form", _receiver([b"late"]))
        return [await alone(), await alone(), await followed(), (await followed())["body"]]

    first, after, again, late = asyncio.run(run())
    assert first == {"type": "http.request", "body": b"form", "more_body": False} == again
    assert after == {"type": "http.disconnect"}
    assert late == b"late"
