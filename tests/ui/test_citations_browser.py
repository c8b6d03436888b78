"""Citations open their source: in a real browser (Debian's Chromium driven by Playwright), a click
on an answer's `[1]` shows the cited document beside the chat with the cited passage marked, and
the answer carries no stray Markdown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.browser import BROWSER_MARKS

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
pytestmark = BROWSER_MARKS


@pytest.fixture
def viewport_height() -> int:
    return 1100  # the screenshot shows the answer and the opened document side by side


def ask(page, question: str) -> None:
    page.fill("#ask-input textarea", question)
    page.click("#ask-send")
    page.get_by_text("Sources (").last.wait_for(timeout=60_000)


def test_clicking_a_citation_shows_the_cited_passage_in_its_document(page, app) -> None:
    question = "What did sessions recommend to close the gender digital divide?"
    ask(page, question)
    answer = app.services.ask.ask(question)  # the same answer, to know what [1] cites
    first = next(c for c in answer.citations if c.n == 1)
    chat = page.locator("#ask-chat")
    link = chat.locator("a[href*='rp-cite=']").first
    assert link.inner_text().strip() == "[1]"
    assert "**" not in chat.locator(".message").first.inner_text()  # no stray Markdown in the answer
    link.click()
    view = page.locator("#ask-document")
    view.locator("mark").first.wait_for(timeout=30_000)
    assert view.locator(".rp-doc").get_attribute("data-doc-id") == first.doc_id
    assert first.title in view.locator("h3").inner_text()
    marked = " ".join(view.locator("mark").all_inner_texts())
    words = [w.strip(".,;:()") for w in first.text.split() if len(w) > 6][:8]
    assert words and sum(w in marked for w in words) >= len(words) / 2, "the marked items are not the passage"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ask-citation-document.png"), full_page=False)
