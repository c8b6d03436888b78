"""The app in a real browser with the multilingual embedder (issue 27): a question asked in French
gets the cited English passages under a French lead line, and the sources open as usual.

Two documents of the sample corpus are indexed with multilingual-e5-small for this module (about a
minute on a busy 2-core machine). The question is written for this test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.browser import BROWSER_MARKS, opened_page

from assistant.config import load_settings
from assistant.corpus.store import CorpusIndex
from assistant.domain.language import language

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = [REPO / "corpus" / "2025-satellite-connectivity-remote.md",
             REPO / "corpus" / "2024-cross-border-data-governance.txt"]
pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import free_port

    from assistant.ui.app import build_app, launch_app
    from assistant.ui.services import AppServices

    home = tmp_path_factory.mktemp("e5-ui") / "home"
    settings = load_settings(home=home, embedder="multilingual-e5-small")
    index = CorpusIndex(settings)
    assert not index.ingest(DOCUMENTS).failed
    services = AppServices.create(settings, index=index)
    demo = build_app(services)
    _app, url, _share = launch_app(demo, services, port=free_port(), block=False, quiet=True)
    yield url
    demo.close()


def test_a_french_question_gets_english_sources_under_a_french_lead_line(browser, app_url) -> None:
    with opened_page(browser, app_url) as page:
        page.fill("#ask-input textarea", "Combien de personnes restent hors ligne selon la séance "
                                         "sur la connectivité par satellite ?")
        page.click("#ask-send")
        page.get_by_text("Sources (").last.wait_for(timeout=120_000)
        chat = page.locator("#ask-chat")
        lead = language("fr").say("lead")
        assert chat.get_by_text(lead, exact=False).filter(visible=True).count() >= 1
        assert chat.get_by_text("2.6 billion", exact=False).filter(visible=True).count() >= 1
        assert chat.get_by_text("[1]").first.is_visible()
        page.get_by_text("Sources (").last.click()
        chat.get_by_text("Connecting the Last Ten Per Cent", exact=False).first.wait_for(timeout=10_000)
