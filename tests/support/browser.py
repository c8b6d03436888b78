"""Debian's Chromium for the browser tests: where it is, how it is started, and the marks that skip
a browser test (with the command to install it) where it is missing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
    ),
]


@contextmanager
def opened_page(browser: object, url: str, height: int = 1000) -> Iterator[object]:
    """A page of its own browser context on the app at `url`, once the Ask tab has loaded; on leaving,
    checks that no markup from a document or notes ran as script, and closes the context."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1400, "height": height}, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("#ask-input textarea", timeout=60_000)
        yield page
        assert page.evaluate("window.__xss") is None, "markup from a document or notes ran as script"
    finally:
        context.close()
