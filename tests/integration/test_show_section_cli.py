"""`rapporteur show DOC --section ID`: the section an Ask citation names, printed alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli.main import app

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
runner = CliRunner()


def test_show_one_section_and_explain_a_wrong_one(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(CORPUS / "2024-quantum-readiness.md", docs)
    home = str(tmp_path / "home")
    assert runner.invoke(app, ["ingest", str(docs), "--home", home]).exit_code == 0

    doc = "2024-quantum-readiness"
    whole = json.loads(runner.invoke(app, ["show", doc, "--home", home, "--json"]).stdout)
    plan = next(s for s in whole["sections"] if s["id"] == "action_plan")

    result = runner.invoke(app, ["show", doc, "--section", "action_plan", "--home", home])
    assert result.exit_code == 0, result.stdout
    assert plan["heading"] in result.stdout
    assert all(item["text"][:40] in " ".join(result.stdout.split()) for item in plan["items"])
    other = next(s for s in whole["sections"] if s["id"] != "action_plan")
    assert other["items"][0]["text"][:40] not in " ".join(result.stdout.split())

    as_json = runner.invoke(app, ["show", doc, "-s", "action_plan", "--home", home, "--json"])
    shown = json.loads(as_json.stdout)
    assert shown["section"]["items"] == plan["items"]

    wrong = runner.invoke(app, ["show", doc, "--section", "recommendations", "--home", home])
    assert wrong.exit_code == 2 and "action_plan" in wrong.stderr
