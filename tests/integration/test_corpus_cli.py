"""The corpus commands as a user runs them: ingest, list, show, remove, stats."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli.main import app

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_list_show_remove_stats(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("2024-quantum-readiness.md", "2023-cyber-hygiene-small-business.docx"):
        shutil.copy(CORPUS / name, docs / name)
    home = str(tmp_path / "home")

    code, out, _ = _run("ingest", str(docs), "--home", home)
    assert code == 0, out
    assert "2 files: 2 added, 0 updated, 0 unchanged, 0 duplicate, 0 failed" in out

    code, out, _ = _run("ingest", str(docs), "--home", home, "--json")
    assert code == 0
    report = json.loads(out)
    assert {r["status"] for r in report["results"]} == {"unchanged"}
    assert report["embedded_chunks"] == 0

    code, out, _ = _run("list", "--home", home, "--json")
    rows = json.loads(out)
    assert [r["doc_id"] for r in rows] == ["2023-cyber-hygiene-small-business", "2024-quantum-readiness"]
    assert set(rows[0]) == {"doc_id", "title", "source", "year", "sections", "chunks", "action_lines", "sdgs",
                            "tags"}
    assert rows[0]["source"].endswith(".docx") and rows[0]["year"] == 2023
    assert len(rows[1]["sections"]) == 5 and rows[1]["chunks"] > 10

    code, out, _ = _run("show", "2024-quantum-readiness", "--home", home, "--json")
    shown = json.loads(out)
    assert set(shown["header"]) == {"title", "organisers", "date", "url"}
    assert shown["sections"][0]["id"] == "key_issues"
    assert set(shown["sections"][1]["items"][0]) == {"text", "part"}

    code, out, _ = _run("show", "2024-quantum-readiness", "--home", home)
    assert code == 0 and "## Actionable plan and key recommendations (2-5 points)" in out

    code, out, _ = _run("stats", "--home", home, "--json")
    stats = json.loads(out)
    assert stats["documents"] == 2 and stats["state"] == "clean"

    code, out, _ = _run("remove", "2024-quantum-readiness", "--home", home)
    assert code == 0
    code, out, _ = _run("list", "--home", home, "--json")
    assert [r["doc_id"] for r in json.loads(out)] == ["2023-cyber-hygiene-small-business"]

    code, _, err = _run("show", "nope", "--home", home)
    assert code == 1 and "no indexed document with id nope" in err


def test_ingest_exit_code_1_when_a_file_fails_but_others_land(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(CORPUS / "2024-quantum-readiness.md", docs)
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 nothing")
    home = str(tmp_path / "home")
    code, out, _ = _run("ingest", str(docs), "--home", home)
    assert code == 1
    assert "failed: broken.pdf:" in out and "1 added" in out
    code, out, _ = _run("list", "--home", home, "--json")
    assert [r["doc_id"] for r in json.loads(out)] == ["2024-quantum-readiness"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _run("ingest", str(tmp_path / "nowhere"), "--home", str(tmp_path))
    assert code == 2 and "no such file or folder" in err


def test_help_does_not_import_torch_or_chromadb() -> None:
    code = (
        "import sys; from assistant.cli.main import app; "
        "from typer.testing import CliRunner; CliRunner().invoke(app, ['--help']); "
        "print(sorted(m for m in ('torch', 'chromadb', 'gradio', 'sentence_transformers') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_store_killed_before_its_collection_existed_checks_as_empty_and_ingests(tmp_path: Path) -> None:
    """An ingest killed between opening Chroma and creating the collection leaves a store with no
    collection; check must call that an empty, healthy index (it raised NotFoundError before)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    home = tmp_path / "home"
    chromadb.PersistentClient(str(home / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    code, out, _ = _run("check", "--home", str(home), "--json")
    report = json.loads(out)
    assert code == 0 and report["healthy"] and report["documents"] == 0
    sample = tmp_path / "one"
    sample.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "corpus" / "2024-quantum-readiness.md", sample)
    code, out, _ = _run("ingest", str(sample), "--home", str(home))
    assert code == 0, out
    code, out, _ = _run("list", "--home", str(home), "--json")
    assert [d["doc_id"] for d in json.loads(out)] == ["2024-quantum-readiness"]
