"""benchmarks/llm_smoke.py, the operator's check of a real server, run against the stub server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from support.openai_stub import ANSWER_TEXT, StubServer, running_stub

from benchmarks.llm_smoke import main, print_report, run_smoke


@pytest.fixture(scope="module")
def stub() -> Iterator[StubServer]:
    with running_stub() as server:
        yield server


def test_the_smoke_check_reports_timings_and_the_fallbacks_that_fired(
    stub: StubServer, fake_embedder: Any, capsys: pytest.CaptureFixture[str],
) -> None:
    # calls 1 and 2 are the question (streamed, then plainly); 3-5 are the first section's
    stub.reset(no_stream=True, fence=True, cut_at=100, empty_calls={3, 4, 5})
    said: list[str] = []
    report = run_smoke(stub.base_url, "stub-model", timeout=1, embedder=fake_embedder, log=said.append)
    assert report["model"] == "openai:stub-model"
    assert report["ask"]["answer"] == ANSWER_TEXT and report["ask"]["seconds"] >= 0
    assert any("without streaming" in m for m in report["ask"]["fallbacks"])
    sections = report["draft"]["sections"]
    assert sections["key_issues"] == "drafted offline: the model failed"
    assert [how for sid, how in sections.items() if sid != "key_issues"] == ["model"] * (len(sections) - 1)
    fired = " ".join(report["draft"]["fallbacks"])
    assert "repair" in fired and "drafted offline" in fired
    assert any("section 1 of 5" in line for line in said)  # progress while it drafts
    print_report(report)
    printed = capsys.readouterr().out
    assert "4 of 5 sections by the model" in printed and "key_issues: drafted offline" in printed
    assert "asked again without streaming" in printed
    json.dumps(report)  # --json prints it as is


def test_the_smoke_command_exits_3_with_one_line_on_a_dead_server(
    stub: StubServer, capsys: pytest.CaptureFixture[str],
) -> None:
    stub.reset(close=True)
    assert main(["--base-url", stub.base_url, "--model", "stub-model", "--timeout", "1", "--json"]) == 3
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and stub.base_url in errors[0] and "Traceback" not in captured.err
    assert captured.out == ""
