"""Exports: Markdown in the official headings, a .docx laid out like the form, JSON with evidence."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from assistant.domain.template import load_template
from assistant.drafting.draft import Draft
from assistant.drafting.export import draft_to_docx, draft_to_json, draft_to_markdown
from assistant.drafting.service import DraftService
from assistant.errors import InputError

NOTES = """Session: Connecting <b>Schools</b>
Organisers: ITU & UNICEF
Tue 8 July 2025, Room K1

10:05 Maria Lopez (UNESCO): we recommend open licences for educational content, esp for teachers
10:09 ITU: 2.6bn ppl still offline, mostly in LDCs; rural women hit hardest
10:12 trend: satellite direct-to-device services growing fast in the Pacific
10:15 Giga launched a school connectivity map today covering 40 countries
10:17 challenge: electricity is missing in 1/3 of rural schools
10:20 next year's Forum should have a track on school connectivity finance
"""


@pytest.fixture(scope="module")
def draft(tmp_path_factory, fake_embedder) -> Draft:
    from assistant.config import load_settings
    from assistant.corpus.store import CorpusIndex

    settings = load_settings(home=tmp_path_factory.mktemp("export-home"))
    service = DraftService(CorpusIndex(settings, embedder=fake_embedder), settings, autosave=False)
    return service.draft(NOTES)


def test_markdown_uses_the_official_headings_and_escapes_html(draft):
    markdown = draft_to_markdown(draft)
    template = load_template(draft.document.template_id)  # the form of the session's year
    assert markdown.startswith("# Session Outcome Document")
    for section in draft.document.sections:
        assert f"## {template.heading(section.id)}" in markdown
    assert "**Title:** Connecting &lt;b&gt;Schools&lt;/b&gt;" in markdown
    assert "<b>" not in markdown
    assert "**URL:** [to be completed]" in markdown
    assert "- Giga launched a school connectivity map" in markdown


def test_docx_opens_and_follows_the_form(draft, tmp_path: Path):
    path = draft_to_docx(draft, tmp_path / "out" / "outcome.docx")
    document = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "Session Outcome Document")
    assert ("Normal", "Title: Connecting <b>Schools</b>") in paragraphs
    assert ("Normal", "Organisers: ITU and UNICEF") in paragraphs
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == [s.heading for s in draft.document.sections]
    part_headings = {text for style, text in paragraphs if style == "Heading 2"}
    assert part_headings <= {"Emerging trends", "Challenges", "Achievements", "Opportunities"}
    assert part_headings
    bullets = [text for style, text in paragraphs if style == "List Bullet"]
    assert any("Giga launched" in b for b in bullets)
    paragraph = draft.document.section("thematic_suggestions").items[0].text
    assert ("Normal", paragraph) in paragraphs


def test_docx_needs_a_docx_path(draft, tmp_path: Path):
    with pytest.raises(InputError, match=r"\.docx"):
        draft_to_docx(draft, tmp_path / "outcome.pdf")


def test_json_carries_evidence_and_checks(draft):
    data = draft_to_json(draft)
    items = [i for s in data["sections"] for i in s["items"]]
    assert all({"text", "part", "evidence", "grounded", "flags"} <= set(i) for i in items)
    giga = next(i for i in items if "Giga" in i["text"])
    line = "10:15 Giga launched a school connectivity map today covering 40 countries"
    assert giga["evidence"] == [{"line": 8, "text": line, "kind": "content"}]  # the reader's kind of the line
    assert giga["grounded"] is True
    assert data["checks"]["coverage"]["missing_header"] == ["url"]
    assert data["notes"][4]["line"] == 5 and data["notes"][4]["text"].startswith("10:05 Maria Lopez")
