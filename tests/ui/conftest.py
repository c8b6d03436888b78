"""Fixtures for the web app tests: a private copy of the indexed sample corpus and a live server.

Each test module that needs a server starts one app (module scope) on a free port, with its own
RAPPORTEUR_HOME copied from the session's indexed sample corpus, so tests may change the corpus
without touching the shared `sample_index`.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.browser import CHROMIUM, CHROMIUM_ARGS, opened_page

from assistant.config import Settings, load_settings
from assistant.corpus.embeddings import Embedder
from assistant.corpus.store import CorpusIndex

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
ARTIFACTS = REPO / "test-artifacts"


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningApp:
    """A launched app: its URL, settings and shared services."""

    url: str
    settings: Settings
    services: object
    demo: object


@pytest.fixture(scope="module")
def app_home(tmp_path_factory: pytest.TempPathFactory, sample_index: CorpusIndex) -> Path:
    """A private RAPPORTEUR_HOME holding a copy of the indexed sample corpus."""
    target = tmp_path_factory.mktemp("ui-home") / "home"
    shutil.copytree(sample_index.settings.home, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


@pytest.fixture(scope="module")
def launch(embedder: Embedder) -> Iterator[Callable[..., RunningApp]]:
    """Start apps for this module (closed at its end): launch(home, corpus_dir, chat_model, **settings)."""
    from assistant.ui.app import build_app, launch_app
    from assistant.ui.services import AppServices

    started: list[object] = []

    def start(home: Path, corpus_dir: Path | None = None, chat_model: object = None,
              **overrides: object) -> RunningApp:
        settings = load_settings(home=home, **overrides)
        services = AppServices.create(settings, index=CorpusIndex(settings, embedder=embedder),
                                      corpus_dir=corpus_dir, chat_model=chat_model)
        demo = build_app(services)
        _app, url, _share = launch_app(demo, services, port=free_port(), block=False, quiet=True)
        started.append(demo)
        return RunningApp(url=url, settings=settings, services=services, demo=demo)

    yield start
    for demo in started:
        demo.close()  # type: ignore[attr-defined]


GRADIO_PANDAS_NOISE = "ignore:.*(no_silent_downcasting|The copy keyword is deprecated).*"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Silence pandas deprecation warnings raised inside Gradio's queue (not ours to fix)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.filterwarnings(GRADIO_PANDAS_NOISE))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, started once per test module (Playwright drives it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def app(launch: Callable[..., RunningApp], app_home: Path) -> RunningApp:
    """The running app (no login) on a private copy of the indexed sample corpus; a module that
    needs other settings defines its own `app`."""
    return launch(app_home)


@pytest.fixture
def viewport_height() -> int:
    """The browser window's height for `page`; a module whose screenshots need more overrides it."""
    return 1000


@pytest.fixture
def page(browser: object, app: RunningApp, viewport_height: int) -> Iterator[object]:
    """A fresh page on the module's `app` for each test, the Ask tab loaded."""
    with opened_page(browser, app.url, viewport_height) as page:
        yield page
