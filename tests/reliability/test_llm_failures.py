"""LLM engine failures: unreachable endpoint, timeout, HTTP 500, malformed output.

A real HTTP server on 127.0.0.1 (see rel_support.FakeLLM) plays the broken OpenAI-compatible
endpoint; the llm engine is pointed at it with RAPPORTEUR_OPENAI_BASE_URL, a 2 s timeout and no
retries. Every failure must end promptly with one clear line that names the endpoint and offers
the offline engine (`--engine extractive` in the CLI, the extractive choice in the app), exit
code 3 in the CLI, and no traceback anywhere the user looks.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from rel_support import ALICE, SMALL_CORPUS, FakeLLM, ServedApp, free_port, run_cli
from typer.testing import CliRunner

from assistant.cli.main import app

QUESTION = "What did sessions recommend to close the gender digital divide in STEM?"
NOTES = """Session: Community networks for rural connectivity
Organisers: Rural Connect Alliance
Maria Lopez (Rural Connect Alliance): community networks now serve 40 villages in the highlands.
John Otieno (Amref): spectrum licences cost too much for small cooperatives.
ML: training local technicians kept 90% of the sites running after two years.
JO: we recommend a licence-exempt band for community operators.
"""
SLOW_S = 30.0  # the fake server sleeps this long; the client gives up after llm_timeout=2
# "garbage" is text that is not the JSON a draft needs; for Ask any text is an answer, so Ask skips it
MODES = ("unreachable", "slow", "error500", "bad_json", "empty", "garbage")
# what each failure must say (besides naming the endpoint and offering --engine extractive)
SAYS = {
    "unreachable": r"could not be reached|failed",
    "slow": r"could not be reached|failed|timed out|timeout",
    "error500": r"could not be reached|failed|500|server",
    "bad_json": r"could not|failed|malformed|not valid|unusable|JSON",
    "empty": r"empty|no answer|could not|malformed|JSON",
    "garbage": r"empty|no answer|could not|malformed|JSON|not valid|unusable",
}
assert SMALL_CORPUS  # the module's home is the small private corpus (conftest.small_home)


@pytest.fixture
def endpoint(llm: FakeLLM, request: pytest.FixtureRequest) -> str:
    """The base URL for the mode under test (a closed port for "unreachable")."""
    mode = request.node.callspec.params["mode"]
    if mode == "unreachable":
        return f"http://127.0.0.1:{free_port()}/v1"
    llm.mode, llm.delay = mode, SLOW_S
    return llm.base_url


def _env(monkeypatch: pytest.MonkeyPatch, base_url: str) -> None:
    monkeypatch.setenv("RAPPORTEUR_OPENAI_BASE_URL", base_url)
    monkeypatch.setenv("RAPPORTEUR_LLM_TIMEOUT", "2")
    monkeypatch.setenv("RAPPORTEUR_LLM_MAX_RETRIES", "0")
    monkeypatch.setenv("OPENAI_API_KEY", "not-needed")


def _assert_clear(text: str, base_url: str, mode: str) -> None:
    assert "Traceback" not in text and 'File "' not in text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, lines  # one line, whatever the terminal width
    assert base_url.rstrip("/") in text or base_url.rstrip("/").removesuffix("/v1") in text, text
    assert "--engine extractive" in text, text
    assert re.search(SAYS[mode], text, re.IGNORECASE), text


CLI_XFAIL: dict[tuple[str, str], str] = {}  # (command, mode) -> reason, for a known gap


def _cli_params() -> list[object]:
    # a draft whose model answers empty or garbage comes back drafted offline and flagged (exit 0):
    # tests/integration/test_llm_openai_stub.py checks that
    pairs = [(c, m) for c in ("ask", "draft") for m in MODES
             if not (c == "ask" and m == "garbage") and not (c == "draft" and m in {"empty", "garbage"})]
    return [
        pytest.param(c, m, id=f"{c}-{m}", marks=pytest.mark.xfail(strict=True, reason=CLI_XFAIL[(c, m)]))
        if (c, m) in CLI_XFAIL else pytest.param(c, m, id=f"{c}-{m}")
        for c, m in pairs
    ]


@pytest.mark.parametrize(("command", "mode"), _cli_params())
def test_cli_llm_failure_is_one_clear_line_exit_3(
    command: str, mode: str, endpoint: str, llm: FakeLLM, small_home: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, outcomes,
) -> None:
    _env(monkeypatch, endpoint)
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    args = {"ask": ["ask", QUESTION], "draft": ["draft", str(notes)]}[command]
    drafts = small_home / "drafts"
    saved_before = set(drafts.glob("*.json")) if drafts.is_dir() else set()
    started = time.monotonic()
    result = CliRunner().invoke(app, [*args, "--home", str(small_home), "--engine", "llm",
                                      "--model", "openai:test-model"])
    seconds = time.monotonic() - started
    assert result.exit_code == 3, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit)  # no exception escaped the command
    assert result.stdout == ""  # no half answer or half draft printed
    _assert_clear(result.stderr, endpoint, mode)
    if mode != "unreachable":
        assert llm.requests >= 1
    saved_after = set(drafts.glob("*.json")) if drafts.is_dir() else set()
    assert saved_after == saved_before  # a failed draft leaves no half-made draft behind
    outcomes.add(f"llm-{mode}-cli-{command}", result.stderr.strip(),
                 f"exit 3 after {seconds:.1f}s; nothing saved")


@pytest.mark.slow
def test_cli_llm_failure_in_a_real_process_prints_no_traceback(small_home: Path) -> None:
    """The same as above in a real `rapporteur` process: what the terminal shows is one line."""
    dead = f"http://127.0.0.1:{free_port()}/v1"
    result = run_cli("ask", QUESTION, "--home", str(small_home), "--engine", "llm",
                     "--model", "openai:test-model", timeout=180, RAPPORTEUR_OPENAI_BASE_URL=dead,
                     RAPPORTEUR_LLM_TIMEOUT="2", RAPPORTEUR_LLM_MAX_RETRIES="0", OPENAI_API_KEY="not-needed")
    assert result.returncode == 3, result.stderr[-2000:]
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "--engine extractive" in errors[0] and "127.0.0.1" in errors[0], result.stderr


# -- the app's API ---------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["error500", "slow", "bad_json"])
def test_app_llm_failure_shows_a_message_and_offers_the_offline_engine(
    mode: str, served: ServedApp, llm: FakeLLM, outcomes,
) -> None:
    from gradio_client import Client

    llm.mode, llm.delay = mode, SLOW_S
    client = Client(served.url, auth=ALICE, verbose=False)
    chat, _box = client.predict(QUESTION, [], "", "", "", "llm", "openai:test-model", api_name="/ask")
    shown = str(chat[-1]["content"]).replace("\\", "")  # the chat shows Markdown-escaped text
    assert "could not answer" in shown and "extractive" in shown, shown
    assert "127.0.0.1" in shown
    assert "Traceback" not in shown
    notice, *_rest = client.predict(NOTES, "", "", "", "", "llm", "openai:test-model", "", "",
                                    api_name="/draft")
    assert "rp-error" in notice and "extractive" in notice and "Traceback" not in notice, notice
    # the offline engine still answers in the same app
    chat, *_ = client.predict(QUESTION, [], "", "", "", "extractive", "", api_name="/ask")
    assert "could not answer" not in str(chat[-1]["content"])
    plain = " ".join(re.sub(r"<[^>]+>|\\", " ", shown).split())
    outcomes.add(f"llm-{mode}-app-ask", plain, "Ask with extractive still answers")
