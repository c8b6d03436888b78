"""`rapporteur eval` and `run_evaluation` end to end on a tiny dataset folder made in tmp.

The folder has the documented layout: 2 corpus documents, 1 notes file with its facts (a
`<script>` planted in both), 3 questions and 4 grounding pairs. Everything real (model, Chroma in
a temporary home, drafter, Ask service) except the LLM judge, a LangChain fake chat model.
"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.config import load_settings
from assistant.evaluation import run_evaluation
from assistant.evaluation.report_markdown import render_markdown

REPO = Path(__file__).resolve().parents[2]
DATASETS = REPO / "evals" / "datasets"
SCRIPT = "<script>alert('notes')</script>"
QUESTIONS = [
    {
        "id": "t1",
        "type": "single",
        "gold_docs": ["2023-rural-broadband-community-networks.md"],
        "question": "How many villages and households does the community network in Makueni County serve?",
        "answer_keywords": ["38", "4,200"],
    },
    {
        "id": "t2",
        "type": "single",
        "gold_docs": ["2024-ai-ethics-public-sector"],
        "question": "How many systems are recorded in Slovenia's public register of government algorithms?",
        "answer_keywords": ["112"],
    },
    {
        "id": "t3",
        "type": "unanswerable",
        "gold_docs": [],
        "answer_keywords": [],
        "question": "What rules did the sessions propose for removing space debris left by satellites?",
    },
]


def _says(output: str, text: str) -> bool:
    """True when CLI output contains text, ignoring the line breaks rich adds at the terminal width."""
    return "".join(text.split()) in "".join(output.split())


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset folder with every part, small enough to run all suites in seconds."""
    root = tmp_path_factory.mktemp("tiny-dataset")
    (root / "corpus").mkdir()
    for name in ("2023-rural-broadband-community-networks.md", "2024-ai-ethics-public-sector.txt"):
        shutil.copy(REPO / "corpus" / name, root / "corpus" / name)
    (root / "notes").mkdir()
    notes = (DATASETS / "notes" / "ai_public_services.txt").read_text(encoding="utf-8")
    notes = notes.replace(
        "Closing AK:", f"- RM: the toolkit page shows {SCRIPT} in its footer\n\nClosing AK:"
    )
    (root / "notes" / "ai.txt").write_text(notes, encoding="utf-8")
    facts = json.loads((DATASETS / "notes" / "ai_public_services.facts.json").read_text(encoding="utf-8"))
    facts["must_not_claim"].append(f"The session launched a {SCRIPT} portal for 75 ministries.")
    (root / "notes" / "ai.facts.json").write_text(json.dumps(facts), encoding="utf-8")
    (root / "questions.jsonl").write_text(
        "\n".join(json.dumps(q) for q in QUESTIONS) + "\n", encoding="utf-8"
    )
    pairs = [
        json.loads(line) for line in (DATASETS / "grounding.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    chosen = [p for p in pairs if p["kind"] == "verbatim"][:2] + [
        p for p in pairs if p["kind"] == "swapped_number"
    ][:2]
    (root / "grounding.jsonl").write_text("\n".join(json.dumps(p) for p in chosen) + "\n", encoding="utf-8")
    labelled = {"2023-rural-broadband-community-networks", "2024-ai-ethics-public-sector"}
    labels = [line for line in (DATASETS / "tags.jsonl").read_text(encoding="utf-8").splitlines()
              if json.loads(line)["doc_id"] in labelled]
    (root / "tags.jsonl").write_text("\n".join(labels) + "\n", encoding="utf-8")
    (root / "thresholds.toml").write_text(
        "[checker]\nprecision = { min = 0.9 }\n[retrieval]\nrecall_at_5 = { min = 0.9 }\n"
        "[answers]\ncitation_validity = { min = 1.0 }\n",
        encoding="utf-8",
    )
    return root


def test_a_full_run_writes_md_html_json_and_never_touches_the_users_home(tiny: Path, tmp_path: Path) -> None:
    home = tmp_path / "user-home"
    judge = GenericFakeChatModel(messages=itertools.cycle([AIMessage("SUPPORTED")]))
    report = run_evaluation(
        load_settings(home=home),
        "all",
        tiny,
        out=tmp_path / "out",
        judge_model="fake:always-yes",
        judge_chat_model=judge,
    )
    assert not home.exists()  # the corpus went into a temporary home
    assert set(report.suites) == {"drafts", "retrieval", "answers", "checker", "tags"}
    assert all(s.status == "ok" for s in report.suites.values()), [s.message for s in report.suites.values()]
    assert report.thresholds_file == str(tiny / "thresholds.toml") and report.ok
    files = {kind: Path(path) for kind, path in report.files.items()}
    assert all(path.is_file() for path in files.values())
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    assert data["ok"] and data["judge"] == "fake:always-yes"

    drafts = data["suites"]["drafts"]
    assert drafts["metrics"]["grounding_rate"]["judge"] == "rules"
    assert drafts["metrics"]["judge_faithfulness"] == {
        **drafts["metrics"]["judge_faithfulness"],
        "judge": "fake:always-yes",
        "value": 1.0,
    }
    case = drafts["cases"][0]
    assert case["items"] and all(item["evidence"] for item in case["items"])
    assert len(case["facts"]) == 14 and set(case["baselines"]) == {"lexrank", "lead"}
    checker = data["suites"]["checker"]["metrics"]
    assert checker["precision"]["value"] == 1.0 and checker["recall"]["value"] == 1.0
    assert checker["judge_precision"]["value"] == 0.5 and checker["judge_recall"]["value"] == 1.0

    retrieval = {c["id"]: c for c in data["suites"]["retrieval"]["cases"]}
    assert set(retrieval) == {"t1", "t2"}  # the unanswerable question is the answers suite's
    assert retrieval["t1"]["gold"] == ["2023-rural-broadband-community-networks"]  # file name resolved
    assert retrieval["t1"]["systems"]["hybrid"]["ranked"][0] == "2023-rural-broadband-community-networks"
    answers = {c["id"]: c for c in data["suites"]["answers"]["cases"]}
    assert answers["t3"]["refused"] and not answers["t1"]["refused"]
    assert data["suites"]["answers"]["metrics"]["citation_validity"]["value"] == 1.0

    html = files["html"].read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "&lt;script&gt;alert(" in html
    markdown = files["markdown"].read_text(encoding="utf-8")
    assert "<script>" not in markdown and "retrieval.recall_at_5" in markdown
    assert "Drafter against extractive baselines" in markdown


def test_cli_exit_code_follows_the_thresholds(tiny: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    passed = runner.invoke(
        app,
        [
            "eval",
            "--suite",
            "checker",
            "--datasets",
            str(tiny),
            "--out",
            str(out),
            "--home",
            str(tmp_path / "home"),
            "--json",
        ],
    )
    assert passed.exit_code == 0, passed.output
    summary = json.loads(passed.stdout)
    measured = summary["suites"]["checker"]["metrics"]["accuracy"]["value"]
    assert summary["ok"] and "cases" not in summary["suites"]["checker"]
    strict = tmp_path / "strict.toml"
    strict.write_text(f"[checker]\naccuracy = {{ min = {measured + 0.01} }}\n", encoding="utf-8")
    failed = runner.invoke(
        app,
        [
            "eval",
            "--suite",
            "checker",
            "--datasets",
            str(tiny),
            "--out",
            str(out),
            "--home",
            str(tmp_path / "home"),
            "--thresholds",
            str(strict),
        ],
    )
    assert failed.exit_code == 1
    assert _says(failed.output, "checker.accuracy") and _says(failed.output, "BELOW THRESHOLD")
    assert json.loads((out / "eval.json").read_text(encoding="utf-8"))["failures"]


def test_missing_parts_are_skipped_and_said(tmp_path: Path) -> None:
    root = tmp_path / "only-grounding"
    root.mkdir()
    shutil.copy(DATASETS / "grounding.jsonl", root / "grounding.jsonl")
    report = run_evaluation(
        load_settings(home=tmp_path / "home"),
        "all",
        root,
        out=tmp_path / "out",
        thresholds=REPO / "evals" / "thresholds.toml",
    )
    assert report.suites["checker"].status == "ok"
    assert {name for name, s in report.suites.items() if s.status == "skipped"} == {
        "drafts",
        "retrieval",
        "answers",
        "tags",
    }
    assert "no questions" in report.skipped["answers"] and "notes" in report.skipped["drafts"]
    assert report.ok and {g.key.split(".")[0] for g in report.gate} == {"checker"}
    assert "skipped" in render_markdown(report)


def test_bad_input_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    root = tmp_path / "broken"
    root.mkdir()
    (root / "questions.jsonl").write_text('{"id": "q1", "question": "x"\n', encoding="utf-8")
    runner = CliRunner()
    broken = runner.invoke(app, ["eval", "--datasets", str(root), "--out", str(tmp_path / "out")])
    assert broken.exit_code == 2 and _says(broken.output, "questions.jsonl:1")
    unknown = runner.invoke(app, ["eval", "--suite", "everything", "--out", str(tmp_path / "out")])
    assert unknown.exit_code == 2 and _says(unknown.output, "unknown suite")
    missing = runner.invoke(app, ["eval", "--datasets", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and _says(missing.output, "no dataset folder")


def test_the_evaluate_tab_finds_and_runs_the_suite(tmp_path: Path) -> None:
    from assistant.ui.evaluate_tab import find_runner, run_eval

    assert find_runner() is run_evaluation
    outcome = run_eval(load_settings(home=tmp_path / "home"), "grounding")
    assert outcome.ok, outcome.message
    assert "checker.precision" in outcome.markdown and outcome.data["suites"]["checker"]["status"] == "ok"
    assert (tmp_path / "home" / "eval-reports" / "eval.html").is_file()


def test_an_unreachable_llm_stops_its_suite_and_the_judge_says_so(tiny: Path, tmp_path: Path) -> None:
    settings = load_settings(
        home=tmp_path / "home", openai_base_url="http://127.0.0.1:9/v1", llm_max_retries=0
    )
    report = run_evaluation(
        settings, ["answers", "checker"], tiny, engine="llm", model="openai:test-model", out=tmp_path / "out"
    )
    answers, checker = report.suites["answers"], report.suites["checker"]
    assert answers.status == "error" and "could not be reached" in answers.message
    assert "--engine extractive" in answers.message
    assert checker.status == "ok" and any("judge openai:test-model failed" in n for n in checker.notes)
    assert report.judge == "openai:test-model" and not report.ok
