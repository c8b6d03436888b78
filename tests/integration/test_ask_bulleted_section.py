# ruff: noqa: E501  (the document's lines are as long as such documents write them)
"""Ask over a real indexed document whose views section holds its bullets run together on lines under
bold sub-headings (issue 23, item 5): the answer quotes the one item that answers, as plain text.

The document is written for this test (illustrative), in the layout some outcome documents use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.ask.service import AskService
from assistant.corpus.store import CorpusIndex

DOCUMENT = """# Session Outcome Document

**Title:** Tablets in Rural Classrooms: Lessons from Three Pilots
**Organisers:** An illustrative ministry of education
**Date:** 12 March 2024, 10:00–11:00

## Key Issues discussed (5-8 bullet points)

- Pilots in three provinces gave every pupil of 40 schools a tablet loaded with offline lessons.
- Head teachers reported that attendance rose where lessons could be used without a connection.

## Towards WSIS+20 and WSIS beyond 2025, please share your views on the emerging trends, challenges, achievements, and opportunities in the implementation of the WSIS Action Lines to date (5-8 bullets)

**Emerging trends** • Schools adopted tablets within a year of delivery. • Teachers share lesson plans on messaging groups.
**Challenges** • Power cuts keep rural schools offline for several days each month. • Repairs take weeks outside the capital.
**Opportunities** • Solar charging cabinets could keep the tablets running through outages.

## Tangible outcomes (such as key achievements, announcements, launches, agreements, commitments, figures, and success stories (3-5 bullet points))

- The ministry announced that 200 more schools will receive tablets in 2025.
"""


def test_answer_quotes_one_bulleted_item_as_plain_text(
    make_index: Callable[..., CorpusIndex], tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "2024-rural-tablets.md").write_text(DOCUMENT, encoding="utf-8")
    index = make_index()
    report = index.ingest([folder])
    assert not report.failed
    chunks = [t for t in index.snapshot().texts if "Power cuts" in t]
    assert chunks and "**Challenges** •" in chunks[0]  # the list is indexed run together, as it is written

    answer = AskService(index, index.settings).ask("What keeps rural schools offline during the pilots?")
    assert not answer.refused
    n = next(c.n for c in answer.citations if c.text == chunks[0])  # the citation opens the whole passage
    assert f"Power cuts keep rural schools offline for several days each month [{n}]." in answer.answer
    for mark in ("**", "•", "Challenges", "Emerging trends", "messaging groups"):
        assert mark not in answer.answer
