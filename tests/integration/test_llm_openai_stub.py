"""The llm engines against a real OpenAI-compatible HTTP server that behaves like small local ones.

The stub (tests/support/openai_stub.py) listens on 127.0.0.1; the engines reach it through
`make_chat_model` (LangChain's `init_chat_model("openai:…", base_url=…)` and the real `openai`
client). Each test switches on one way such servers differ from the API and checks what the user
gets: Ask answers whether or not the server streams; a draft always comes back (sections the model
fails are drafted offline and flagged); a server that cannot be used ends in one clear line.
The notes below are illustrative, written for these tests.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.openai_stub import ANSWER_TEXT, StubServer, running_stub
from typer.testing import CliRunner

from assistant.ask.engines import ANSWER_ENGINES, AnswerEngineContext
from assistant.ask.engines.base import AnswerRequest, EngineResult
from assistant.ask.search import Hit
from assistant.cli.main import app
from assistant.config import Settings, load_settings
from assistant.corpus.store import CorpusIndex
from assistant.domain.template import load_template
from assistant.drafting.checks import GroundingChecker
from assistant.drafting.draft import Draft
from assistant.drafting.engines.fallback import BUDGET_FLAG, OFFLINE_FLAG
from assistant.drafting.engines.llm import LLMDrafter
from assistant.drafting.export import draft_to_markdown
from assistant.drafting.notes import read_notes
from assistant.drafting.service import DraftService
from assistant.errors import LLMError
from assistant.llm.chat_model import (
    CallStyle,
    LLMOutputError,
    call_style,
    llm_errors,
    make_chat_model,
)

MODEL = "openai:stub-model"
NOTES = """Session: Open river data for flood warnings
Organisers: Delta Resilience Network
Priya Nair (Delta Resilience Network): sensors on 12 bridges now report river levels every five minutes.
Tomas Berg (Hydromet Institute): alerts reached 80% of households within ten minutes during the spring floods.
Priya Nair: the network will publish its gauge readings under an open licence next month.
Tomas Berg: donors should fund the upkeep of sensors, not only their purchase.
Ana Costa (City of Beira): volunteers check the sensors after every storm and report faults by text message.
A participant asked that next year's Forum hold a session on sharing climate data across borders.
"""
SECTIONS = load_template().section_ids


@pytest.fixture(scope="module")
def server() -> Iterator[StubServer]:
    with running_stub() as stub:
        yield stub


@pytest.fixture
def stub(server: StubServer) -> Iterator[StubServer]:
    server.reset()
    yield server
    server.reset()


def settings_for(tmp_path: Path, stub: StubServer, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"openai_base_url": stub.base_url, "llm_timeout": 1.0, "llm_max_retries": 0}
    values.update(overrides)
    return load_settings(home=tmp_path / "home", **values)


def draft_with(tmp_path: Path, stub: StubServer, fake_embedder: Any, model: str = MODEL,
               **overrides: Any) -> tuple[Draft, DraftService, list[str]]:
    settings = settings_for(tmp_path, stub, **overrides)
    service = DraftService(CorpusIndex(settings, embedder=fake_embedder), settings)
    said: list[str] = []
    draft = service.draft(NOTES, engine="llm", model=model, progress=lambda _f, message: said.append(message))
    return draft, service, said


def flags_by_section(draft: Draft) -> dict[str, set[str]]:
    return {s.id: {f for i in s.items for f in i.flags if f.startswith("drafted offline")}
            for s in draft.document.sections}


def asked_tokens(body: dict[str, Any]) -> int | None:
    return body.get("max_completion_tokens") or body.get("max_tokens")


# -- Ask --------------------------------------------------------------------------------------------
def ask_request() -> AnswerRequest:
    hit = Hit(chunk_id="c1", text="Mentoring programmes for women engineers were recommended.",
              metadata={"doc_id": "d1", "title": "Women in engineering", "year": 2024}, score=0.9)
    return AnswerRequest(question="What did sessions recommend for women in engineering?", kind="search",
                         hits=[hit], relevance=lambda _text: 0.0, label=lambda _hit: "Key issues")


def ask(tmp_path: Path, stub: StubServer) -> tuple[list[str], EngineResult]:
    engine = ANSWER_ENGINES.create("llm", AnswerEngineContext(settings_for(tmp_path, stub), MODEL, None))
    out = list(engine.stream(ask_request()))
    result = out[-1]
    assert isinstance(result, EngineResult)
    return [p for p in out if isinstance(p, str)], result


def test_ask_streams_from_a_server_that_streams(tmp_path: Path, stub: StubServer) -> None:
    pieces, result = ask(tmp_path, stub)
    assert result.text == ANSWER_TEXT and 1 in result.sources
    assert len(pieces) > 1  # it came piece by piece
    assert [body.get("stream") for body in stub.requests] == [True]


def test_ask_answers_when_the_server_ignores_streaming(tmp_path: Path, stub: StubServer) -> None:
    stub.reset(no_stream=True)  # `stream: true` answered with one plain JSON body
    _pieces, result = ask(tmp_path, stub)
    assert result.text == ANSWER_TEXT and 1 in result.sources
    assert [bool(body.get("stream")) for body in stub.requests] == [True, False]  # one plain call after


@pytest.mark.parametrize("mode", [{"close": True}, {"delay": 2.5}, {"empty": True}],
                         ids=["close", "slow", "empty"])
def test_ask_failures_are_clear_errors(tmp_path: Path, stub: StubServer, mode: dict[str, Any]) -> None:
    stub.reset(**mode)
    with pytest.raises(LLMError, match="--engine extractive") as caught:
        ask(tmp_path, stub)
    assert stub.base_url in str(caught.value)


# -- Draft: output cap, cut-off and fenced answers --------------------------------------------------
def test_each_call_asks_for_the_output_its_section_needs(
    tmp_path: Path, stub: StubServer, fake_embedder: Any,
) -> None:
    stub.reset(fence=True, default_max_tokens=100)  # a server whose own cap cuts the JSON
    draft, _service, _said = draft_with(tmp_path, stub, fake_embedder)
    assert all(not flags for flags in flags_by_section(draft).values())
    asked = [asked_tokens(body) for body in stub.requests]
    assert len(asked) == len(SECTIONS) and all(asked)
    by_section = dict(zip(SECTIONS, asked, strict=True))
    assert by_section["thematic_suggestions"] < by_section["tangible_outcomes"] < by_section["key_issues"]
    assert stub.finishes == ["stop"] * len(SECTIONS)
    [item] = draft.document.section("tangible_outcomes").items[:1]
    assert item.evidence and item.evidence[0].line == 3  # the stub cites the line it copied


@pytest.mark.parametrize("finish", ["length", "stop"])
def test_a_cut_off_answer_is_repaired_shorter(
    tmp_path: Path, stub: StubServer, fake_embedder: Any, finish: str,
) -> None:
    stub.reset(fence=True, cut_at=100, cut_finish=finish)  # whatever the request asks for
    draft, _service, _said = draft_with(tmp_path, stub, fake_embedder)
    assert all(not flags for flags in flags_by_section(draft).values())  # every section by the model
    assert finish in stub.finishes[:1]
    repairs = [body for body in stub.requests if "fewer and shorter" in json.dumps(body["messages"][-1])]
    assert repairs, "no repair asked for a shorter answer"
    [item] = draft.document.section("key_issues").items
    assert item.text.startswith("Priya Nair") and item.evidence[0].line == 3


def test_a_server_that_ignores_the_response_format_still_gives_the_draft(
    tmp_path: Path, stub: StubServer, fake_embedder: Any,
) -> None:
    stub.reset(fence=True)
    draft, _service, _said = draft_with(tmp_path, stub, fake_embedder)
    first = stub.requests[0]
    assert first["response_format"] == {"type": "json_object"} and "tools" not in first
    assert all(not flags for flags in flags_by_section(draft).values())


def test_a_server_that_refuses_the_response_format_is_asked_for_plain_text(
    tmp_path: Path, stub: StubServer, fake_embedder: Any,
) -> None:
    stub.reset(reject_format=True, fence=True)  # HTTP 400 to any request naming a response_format
    draft, _service, _said = draft_with(tmp_path, stub, fake_embedder)
    assert all(not flags for flags in flags_by_section(draft).values())
    assert ["response_format" in body for body in stub.requests] == [True] + [False] * len(SECTIONS)


def test_a_server_that_ignores_tools_still_gives_the_section(
    tmp_path: Path, stub: StubServer, fake_embedder: Any,
) -> None:
    stub.reset(fence=True)
    settings = settings_for(tmp_path, stub)
    chat = make_chat_model(settings, MODEL)
    drafter = LLMDrafter(chat, load_template(), fake_embedder, None, GroundingChecker(fake_embedder),
                         endpoint=stub.base_url, style=CallStyle("openai", "function_calling"))
    spec = load_template().section("action_plan")
    items = drafter.draft_section(read_notes(NOTES), spec, [])
    assert stub.requests[0]["tools"] and stub.requests[0]["tool_choice"]  # asked for a tool call
    assert len(items) == spec.max_items and items[0].evidence[0].line == 3  # read from the text instead


def test_the_structured_output_method_is_chosen_per_provider(tmp_path: Path) -> None:
    local = load_settings(home=tmp_path, openai_base_url="http://127.0.0.1:9/v1")
    plain = load_settings(home=tmp_path)
    assert call_style(local, "openai:any").method == "json_mode"
    assert call_style(plain, "openai:gpt-4o").method == "function_calling"
    assert call_style(plain, "ollama:qwen2.5:7b").method == "json_mode"
    assert call_style(plain, "ollama:qwen2.5:7b").json_mode() == {"format": "json"}
    assert call_style(plain, None).method == "auto"
    assert call_style(local, "openai:any").cap(300) == {"max_tokens": 300, "extra_body": {"max_tokens": 300}}
    assert call_style(plain, "ollama:x").cap(300)["options"]["num_predict"] == 300


def test_no_langchain_warning_for_a_model_name_it_would_override(
    tmp_path: Path, stub: StubServer, fake_embedder: Any,
) -> None:
    # LangChain overrides json_schema with function_calling, warning, for names such as gpt-4-…
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draft_with(tmp_path, stub, fake_embedder, model="openai:gpt-4-stub")
    from_langchain = [str(w.message) for w in caught if "langchain" in w.filename]
    assert from_langchain == []


def test_length_finish_reason_is_an_llm_error() -> None:
    from openai import LengthFinishReasonError
    from openai.types.chat import ChatCompletion

    completion = ChatCompletion.model_validate({
        "id": "x", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": "length",
                     "message": {"role": "assistant", "content": '{"items": [{"te'}}],
    })
    with pytest.raises(LLMOutputError, match=r"LengthFinishReasonError.*--engine extractive"), \
            llm_errors("http://127.0.0.1:1/v1"):
        raise LengthFinishReasonError(completion=completion)


# -- Draft: a section the model fails, the time budget ----------------------------------------------
def test_empty_answers_give_a_complete_draft_drafted_offline(
    tmp_path: Path, stub: StubServer, fake_embedder: Any,
) -> None:
    stub.reset(empty=True)
    draft, service, said = draft_with(tmp_path, stub, fake_embedder)
    assert len(stub.requests) == 3 * len(SECTIONS)  # the answer and two repairs per section
    assert flags_by_section(draft) == {sid: {OFFLINE_FLAG} for sid in SECTIONS}
    assert all(section.items for section in draft.document.sections)
    assert service.store.path_for(draft.id).is_file()  # saved
    assert draft_to_json_flags(draft) and f"({OFFLINE_FLAG})" in draft_to_markdown(draft)
    assert sum("drafting it offline" in m for m in said) == len(SECTIONS)


def draft_to_json_flags(draft: Draft) -> list[str]:
    return [f for s in draft.to_json()["sections"] for i in s["items"] for f in i["flags"]
            if f == OFFLINE_FLAG]


def test_sections_after_the_time_budget_are_drafted_offline(
    tmp_path: Path, stub: StubServer, fake_embedder: Any,
) -> None:
    stub.reset(delay=0.6)  # under the 1 s call timeout, over the 0.5 s budget
    draft, _service, _said = draft_with(tmp_path, stub, fake_embedder, llm_draft_budget=0.5)
    assert len(stub.requests) == 1
    flags = flags_by_section(draft)
    assert flags[SECTIONS[0]] == set()
    assert all(flags[sid] == {BUDGET_FLAG} for sid in SECTIONS[1:])


# -- the CLI: the worst server, and no traceback in any mode ----------------------------------------
WORST = {"no_stream": True, "fence": True, "cut_at": 100, "empty_calls": {1, 2, 3}}
MODES: dict[str, tuple[dict[str, Any], int]] = {
    "well-behaved": ({}, 0),
    "no-stream": ({"no_stream": True}, 0),
    "fenced": ({"fence": True}, 0),
    "cut-length": ({"cut_at": 100, "cut_finish": "length"}, 0),
    "cut-stop": ({"cut_at": 100, "cut_finish": "stop"}, 0),
    "empty": ({"empty": True}, 0),
    "worst": (WORST, 0),
    "slow": ({"delay": 2.5}, 3),
    "close": ({"close": True}, 3),
}


@pytest.mark.parametrize("mode", list(MODES))
def test_cli_draft_against_each_server_mode(
    mode: str, tmp_path: Path, stub: StubServer, embedder: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    behaviour, code = MODES[mode]
    stub.reset(**behaviour)
    monkeypatch.setenv("RAPPORTEUR_OPENAI_BASE_URL", stub.base_url)
    monkeypatch.setenv("RAPPORTEUR_LLM_TIMEOUT", "1")
    monkeypatch.setenv("RAPPORTEUR_LLM_MAX_RETRIES", "0")
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    home = tmp_path / "home"
    result = CliRunner().invoke(app, ["draft", str(notes), "--home", str(home), "--engine", "llm",
                                      "--model", MODEL, "--json", "--progress"])
    assert result.exit_code == code, (result.exit_code, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit) or result.exception is None
    assert "Traceback" not in result.stderr and 'File "' not in result.stderr
    assert "warn" not in result.stderr.lower()
    saved = list((home / "drafts").glob("*.json")) if (home / "drafts").is_dir() else []
    if code == 3:
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and stub.base_url.removesuffix("/v1") in errors[0]
        assert "--engine extractive" in errors[0]
        assert result.stdout == "" and saved == []
        return
    data = json.loads(result.stdout)
    assert [s["id"] for s in data["sections"]] == SECTIONS and all(s["items"] for s in data["sections"])
    assert len(saved) == 1
    per_section = [line for line in result.stderr.splitlines() if "section " in line and " of 5" in line]
    assert len(per_section) >= len(SECTIONS)  # a progress line as each section starts and ends
    offline = {s["id"] for s in data["sections"] if any(OFFLINE_FLAG in i["flags"] for i in s["items"])}
    assert all(f"{sid}: {OFFLINE_FLAG}" in result.stderr for sid in offline)  # said after the draft
    if mode == "empty":
        assert offline == set(SECTIONS)
    elif mode == "worst":
        assert offline == {SECTIONS[0]}  # its three calls were empty; the others were repaired shorter
    else:
        assert offline == set()
