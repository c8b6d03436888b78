"""`rapporteur draft` and `rapporteur summarise`: output formats, saved drafts, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from assistant.cli.main import app

NOTES = """Session: CLI session
Organisers: ITU & UNICEF
Tue 8 July 2025, Room K1

10:05 Maria Lopez (UNESCO): we recommend open licences for educational content, esp for teachers
10:09 ITU: 2.6bn ppl still offline, mostly in LDCs; rural women hit hardest
10:12 trend: satellite direct-to-device services growing fast in the Pacific
10:15 Giga launched a school connectivity map today covering 40 countries
10:17 challenge: electricity is missing in 1/3 of rural schools
10:20 next year's Forum should have a track on school connectivity finance
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def notes_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _use_the_test_model(embedder):
    """The session's embedder is loaded once; the CLI's own Embedder reuses the same model."""


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def said(result) -> str:
    """stderr with line wrapping undone."""
    return " ".join(result.stderr.split())


def test_draft_json_output_and_saved_draft(runner, notes_file, tmp_path):
    home = tmp_path / "home"
    url = "https://example.org/s"
    result = run(runner, "draft", str(notes_file), "--json", "--home", str(home), "--url", url)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["header"]["title"] == "CLI session"
    assert data["header"]["url"] == "https://example.org/s"
    assert data["sections"][0]["id"] == "key_issues"
    item = data["sections"][0]["items"][0]
    assert {"text", "part", "evidence", "grounded"} <= set(item)
    assert {"line", "text", "kind"} == set(item["evidence"][0])  # kind: what the reader made of the line
    assert "coverage" in data["checks"]
    saved = home / "drafts" / f"{data['id']}.json"
    assert saved.is_file()
    assert str(saved) in result.stderr


def test_draft_markdown_to_stdout_and_docx_file(runner, notes_file, tmp_path):
    home = tmp_path / "home"
    result = run(runner, "draft", str(notes_file), "--home", str(home))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Session Outcome Document")
    out = tmp_path / "outcome.docx"
    result = run(runner, "draft", str(notes_file), "--home", str(home), "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Session Outcome Document"


def test_redraft_one_section_from_a_saved_draft(runner, notes_file, tmp_path):
    home = tmp_path / "home"
    first = json.loads(run(runner, "draft", str(notes_file), "--json", "--home", str(home)).stdout)
    saved = home / "drafts" / f"{first['id']}.json"
    result = run(runner, "draft", str(notes_file), "--section", "action_plan", "--from-draft", str(saved),
                 "--json", "--home", str(home))
    assert result.exit_code == 0, result.output
    second = json.loads(result.stdout)
    assert second["id"] == first["id"]
    for before, after in zip(first["sections"], second["sections"], strict=True):
        if before["id"] != "action_plan":
            assert before["items"] == after["items"]


def test_other_notes_than_the_draft_are_refused(runner, notes_file, tmp_path):
    home = tmp_path / "home"
    first = json.loads(run(runner, "draft", str(notes_file), "--json", "--home", str(home)).stdout)
    other = tmp_path / "other.txt"
    other.write_text(NOTES + "\n10:30 one more remark about finance\n", encoding="utf-8")
    result = run(runner, "draft", str(other), "--section", "key_issues", "--from-draft",
                 str(home / "drafts" / f"{first['id']}.json"), "--home", str(home))
    assert result.exit_code == 2
    assert "differs from the notes" in said(result)


@pytest.mark.parametrize(
    ("content", "message"), [(b"   \n\n", "empty"), (b"\x00\x01PK\x03\x04", "binary")],
)
def test_empty_or_binary_notes_exit_2(runner, tmp_path, content, message):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    result = run(runner, "draft", str(path), "--home", str(tmp_path / "home"))
    assert result.exit_code == 2
    assert message in said(result)


def test_bad_options_exit_2(runner, notes_file, tmp_path):
    home = str(tmp_path / "home")
    assert run(runner, "draft", str(notes_file), "--from-draft", "x.json", "--home", home).exit_code == 2
    assert run(runner, "draft", str(notes_file), "--format", "pdf", "--home", home).exit_code == 2
    result = run(runner, "draft", str(notes_file), "--section", "nope", "--home", home)
    assert result.exit_code == 2 and "valid sections" in said(result)
    assert run(runner, "draft", str(notes_file), "--engine", "magic", "--home", home).exit_code == 2


def test_unreachable_llm_exits_3_and_offers_the_offline_engine(runner, notes_file, tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("RAPPORTEUR_LLM_TIMEOUT", "3")
    monkeypatch.setenv("RAPPORTEUR_LLM_MAX_RETRIES", "0")
    result = run(runner, "draft", str(notes_file), "--engine", "llm", "--model", "openai:test-model",
                 "--home", str(tmp_path / "home"))
    assert result.exit_code == 3, result.output
    assert "--engine extractive" in said(result)
    assert "127.0.0.1:9" in said(result)


def test_summarise_notes_with_line_evidence(runner, notes_file, tmp_path):
    result = run(runner, "summarise", str(notes_file), "--sentences", "3", "--json", "--home", str(tmp_path))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["sentences"]) == 3
    pasted = NOTES.split("\n")
    for sentence in data["sentences"]:
        for evidence in sentence["evidence"]:
            assert pasted[evidence["line"] - 1].strip() == evidence["text"]
    plain = run(runner, "summarise", str(notes_file), "--sentences", "2", "--home", str(tmp_path))
    assert plain.stdout.count("[lines ") == 2


def test_summarise_unknown_document_exits_2(runner, tmp_path):
    result = run(runner, "summarise", "no-such-doc", "--home", str(tmp_path))
    assert result.exit_code == 2
    assert "no indexed document" in said(result)
