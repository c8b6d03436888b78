"""`rapporteur trends` on the indexed sample corpus, checked against counts made by hand.

The hand counts come from reading the organiser lines of corpus/ (nine sessions a year, 2023-2025):
ITU is an organiser of four 2023 sessions, three 2024 and three 2025 ones ("ITU Generation Connect",
"ITU-T Study Group 5" and the like are organisations of their own); UNESCO of one in 2023 and two in
2024; WHO (as "World Health Organization (WHO)") of one in 2024 and one in 2025.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.config import Settings
from assistant.corpus.store import CorpusIndex

runner = CliRunner()
ITU = {
    "2023": {"2023-ai-governance-multistakeholder", "2023-child-online-protection",
             "2023-cyber-hygiene-small-business", "2023-e-waste-circular-economy"},
    "2024": {"2024-cyber-incident-response", "2024-older-persons-digital-inclusion",
             "2024-quantum-readiness"},
    "2025": {"2025-ai-governance-global-south", "2025-early-warning-mobile-alerts",
             "2025-telemedicine-primary-care"},
}
UNESCO = {"2023": {"2023-multilingualism-local-content"},
          "2024": {"2024-ai-ethics-public-sector", "2024-information-integrity-elections"}, "2025": set()}


@pytest.fixture
def home(sample_index: CorpusIndex, sample_settings: Settings) -> str:
    return str(sample_settings.home)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _sessions(group: dict, year: str) -> set[str]:
    return {s["doc_id"] for s in group["per_year"][year]["sessions"]}


def test_sessions_per_organiser_and_year_match_the_hand_count(home: str) -> None:
    code, out, err = run("trends", "--by", "organiser", "--json", "--home", home)
    assert code == 0, err
    data = json.loads(out)
    assert data["years"] == [2023, 2024, 2025]
    assert data["sessions_per_year"] == {"2023": 9, "2024": 9, "2025": 9}
    groups = {g["group"]: g for g in data["groups"]}
    for name, expected in (("ITU", ITU), ("UNESCO", UNESCO)):
        for year, ids in expected.items():
            assert _sessions(groups[name], year) == ids, (name, year)
            assert groups[name]["per_year"][year]["count"] == len(ids)
            assert groups[name]["per_year"][year]["share"] == pytest.approx(round(len(ids) / 9, 4))
    assert groups["ITU"]["total"] == 10
    assert groups["World Health Organization (WHO)"]["total"] == 2


def test_years_narrow_the_count_and_top_keeps_the_largest_groups(home: str) -> None:
    code, out, _ = run("trends", "--by", "organiser", "--years", "2024-2025", "--top", "1", "--json",
                       "--home", home)
    assert code == 0
    data = json.loads(out)
    assert data["years"] == [2024, 2025] and len(data["groups"]) == 1
    assert data["groups"][0]["group"] == "ITU" and data["groups"][0]["total"] == 6


def test_action_line_trends_agree_with_the_tags_list_shows(home: str) -> None:
    code, out, _ = run("list", "--json", "--home", home)
    tagged: dict[str, set[str]] = {}
    for doc in json.loads(out):
        for line in doc["action_lines"]:
            tagged.setdefault(line, set()).add(doc["doc_id"])
    code, out, _ = run("trends", "--json", "--home", home)
    assert code == 0
    data = json.loads(out)
    assert len(data["groups"]) == 18  # every Action Line and C7 strand, even with no session
    for group in data["groups"]:
        listed = set().union(*(_sessions(group, y) for y in ("2023", "2024", "2025")))
        assert listed == tagged.get(group["group"], set()), group["group"]


def test_a_theme_share_and_the_png(home: str, tmp_path: Path) -> None:
    png = tmp_path / "themes.png"
    code, out, err = run("trends", "--by", "theme", "--theme", "gender", "--json", "--png", str(png),
                         "--home", home)
    assert code == 0, err
    group = json.loads(out)["groups"][0]
    assert group["group"] == "gender"
    assert "2023-gender-digital-divide-stem" in _sessions(group, "2023")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_options_exit_2(home: str) -> None:
    assert run("trends", "--by", "theme", "--home", home)[0] == 2  # no --theme
    assert run("trends", "--by", "colour", "--home", home)[0] == 2
    assert run("trends", "--years", "2025-2023", "--home", home)[0] == 2
