"""Issue 22, header item: what the header reader finds reaches the rendered draft (`rapporteur draft`),
and the form's `[to be completed]` placeholder stands only for a field the notes lack. The notes are
written for this test (illustrative), not taken from an evaluation set."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app

# the header block after the body, a moderator line, no session link anywhere
NOTES = """Irene Oduya (IFAD): farmers repay the pumps from the second harvest
Oduya: 220 pumps were installed in three districts last year
Tom Berger (Green Climate Fund): grants cover a third of the price of each pump
Berger: the fund will open a second call for pump cooperatives in 2026

---
Session: Solar pumps for smallholder irrigation
Moderated by Dr. Lena Moss (Irrigation Research Network)
Organised by: IFAD and the Green Climate Fund
Date: Friday 11 July 2025
"""


@pytest.fixture(autouse=True)
def _use_the_test_model(embedder):
    """The session's embedder is loaded once; the CLI's own Embedder reuses the same model."""


def test_the_header_read_from_the_notes_reaches_the_draft_and_only_the_missing_field_is_a_placeholder(
        tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    args = ["draft", str(notes), "--home", str(tmp_path / "home"), "--format", "md"]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    head = result.stdout.split("\n## ")[0]
    assert "**Title:** Solar pumps for smallholder irrigation" in head
    assert "**Organisers:** IFAD and the Green Climate Fund" in head
    assert "**Date:** 11 July 2025" in head
    assert "**URL:** [to be completed]" in head  # the notes name no session page
    assert head.count("[to be completed]") == 1
    assert "farmers repay the pumps" in result.stdout  # the first point is drafted, not taken for a title
