"""`rapporteur ask` and `rapporteur chat` as a user runs them, on the indexed sample corpus."""

from __future__ import annotations

import json
import socket

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.config import Settings
from assistant.corpus.store import CorpusIndex

runner = CliRunner()


@pytest.fixture
def home(sample_index: CorpusIndex, sample_settings: Settings) -> str:
    return str(sample_settings.home)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_ask_json_has_the_answer_and_resolvable_citations(home: str) -> None:
    code, out, _ = run("ask", "How many teachers did the Jordan online safety pilot reach?", "--home", home,
                       "--json")
    assert code == 0
    data = json.loads(out)
    assert data["refused"] is False and "900" in data["answer"]
    assert data["citations"]
    for citation in data["citations"]:
        assert {"n", "doc_id", "source", "title", "section", "text"} <= set(citation)
        assert f"[{citation['n']}]" in data["answer"]
    assert data["citations"][0]["doc_id"] == "2023-child-online-protection"
    assert data["citations"][0]["source"] == "2023-child-online-protection.txt"


def test_ask_prints_the_answer_then_the_sources(home: str) -> None:
    code, out, _ = run("ask", "What did Chile commit to for women in ICT degrees?", "--home", home)
    assert code == 0
    answer, sources = out.split("\nSources\n")
    assert "[1]" in answer and "2027" in answer
    first = sources.splitlines()[0]
    title = "Closing the Gender Digital Divide: From Access to Leadership in STEM"
    assert first.startswith(f"[1] {title} (2023) — ")
    assert "Tangible outcomes: Chile committed" in first


def test_ask_filters_by_section_year_and_organisers(home: str) -> None:
    code, out, _ = run("ask", "What was recommended on connectivity?", "--home", home, "--json",
                       "--section", "action_plan", "--year", "2025", "-k", "3")
    assert code == 0
    data = json.loads(out)
    assert data["citations"] and len(data["citations"]) <= 3
    assert {c["section"] for c in data["citations"]} == {"action_plan"}
    assert {c["year"] for c in data["citations"]} == {2025}
    code, out, _ = run("ask", "What was launched?", "--home", home, "--json", "--organisers", "unesco")
    assert code == 0
    assert all(c["doc_id"] in {"2023-multilingualism-local-content", "2023-cultural-heritage-digitisation",
                               "2024-ai-ethics-public-sector", "2024-information-integrity-elections"}
               for c in json.loads(out)["citations"])


def test_whole_corpus_and_unanswerable_questions(home: str) -> None:
    code, out, _ = run("ask", "Which sessions had UNDP among their organisers?", "--home", home, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "aggregate"
    assert {c["doc_id"] for c in data["citations"]} == {
        "2024-youth-digital-innovators", "2025-digital-public-infrastructure",
        "2025-ai-governance-global-south",
    }
    code, out, _ = run("ask", "Which country presented a land registry built on blockchain?", "--home", home,
                       "--json")
    assert code == 0
    data = json.loads(out)
    assert data["refused"] is True and "No outcome document" in data["answer"]


def test_bad_input_exits_2_with_one_clear_line(home: str) -> None:
    code, out, err = run("ask", "What was recommended?", "--home", home, "--section", "summary")
    assert code == 2 and out == ""
    assert "unknown section 'summary'" in err and "action_plan" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = run("ask", "   ", "--home", home)
    assert code == 2 and "empty" in err


def test_unreachable_llm_exits_3_with_the_endpoint_and_no_traceback(
    home: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("RAPPORTEUR_OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("RAPPORTEUR_LLM_TIMEOUT", "3")
    monkeypatch.setenv("RAPPORTEUR_LLM_MAX_RETRIES", "0")
    code, out, err = run("ask", "What did Chile commit to?", "--home", home, "--engine", "llm",
                         "--model", "openai:test-model")
    assert code == 3
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert f"127.0.0.1:{port}" in lines[0] and "--engine extractive" in lines[0]


def test_chat_keeps_history_for_follow_ups(home: str) -> None:
    stdin = ("What did the pilot of online safety lessons in Jordanian schools achieve?\n"
             "and what did they recommend?\n"
             "\n"
             "exit\n"
             "this line is never read\n")
    code, out, _ = run("chat", "--home", home, "--json", stdin=stdin)
    assert code == 0
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == 2
    first, second = answers
    assert first["citations"][0]["doc_id"] == "2023-child-online-protection"
    assert second["standalone_question"] != second["question"]
    assert "jordanian" in second["standalone_question"].lower()
    assert {c["section"] for c in second["citations"]} == {"action_plan"}


def test_chat_reports_a_bad_question_and_goes_on(home: str) -> None:
    stdin = "x" * 3000 + "\nWhat did Chile commit to for women in ICT degrees?\n"
    code, out, err = run("chat", "--home", home, stdin=stdin)
    assert code == 0
    assert "characters long" in err
    assert "2027" in out and "Sources" in out


def test_ask_json_names_the_detail_that_is_not_stated(home: str) -> None:
    code, out, _ = run("ask", "What is the deadline for youth-led start-ups to apply to UNDP's Start-up "
                       "Readiness Fund?", "--home", home, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["refused"] is True and data["not_stated"] == ["deadline"]
    assert data["citations"][0]["doc_id"] == "2024-youth-digital-innovators"


def test_chat_follow_ups_keep_the_previous_sessions_and_narrow_them(home: str) -> None:
    stdin = ("Which sessions discussed artificial intelligence?\n"
             "and which of them were in 2025?\n"
             "what did they recommend?\n")
    code, out, _ = run("chat", "--home", home, "--json", stdin=stdin)
    assert code == 0
    first, narrowed, recommended = [json.loads(line) for line in out.splitlines()]
    years = {c["doc_id"]: c["year"] for c in first["citations"]}
    assert 2025 in years.values() and len(set(years.values())) > 1
    kept = {c["doc_id"] for c in narrowed["citations"]}
    assert kept == {d for d, year in years.items() if year == 2025}
    assert {c["doc_id"] for c in recommended["citations"]} == kept
    assert {c["section"] for c in recommended["citations"]} == {"action_plan"}
