"""Parsing real-world outcome documents, and the parse/render round trip."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.corpus.parsing import parse_outcome
from assistant.corpus.rendering import render_markdown
from assistant.domain.document import Header, Item, OutcomeDocument, Section
from assistant.domain.template import load_template

TEMPLATE = load_template()


def test_seed_document_sections_items_and_header(seed_text: str) -> None:
    doc = parse_outcome(seed_text, doc_id="seed", source="seed.txt")
    assert doc.header.title == "Pioneering Responsible Global Governance for Quantum Technologies"
    assert doc.header.organisers == "EUI, Sciences Po, and UNESCO"
    assert doc.header.date.startswith("31 May")
    assert doc.header.url == "https://www.itu.int/net4/wsis/forum/2024/Agenda/Session/164"
    assert doc.year == 2024
    counts = {s.id: len(s.items) for s in doc.sections}
    # the lead-in bullet "Key Issues Discussed in the Session:" is not an issue
    assert counts == {"key_issues": 8, "wsis_views": 4, "tangible_outcomes": 2,
                      "action_plan": 3, "thematic_suggestions": 1}
    views = doc.section("wsis_views")
    assert views is not None
    assert [i.part for i in views.items] == [
        "emerging_trends", "challenges", "achievements", "opportunities",
    ]
    # the paragraph broken by a page break is joined again
    challenges = views.items[1].text
    assert "pose significant threats to information security" in challenges
    assert doc.section("key_issues").heading == "Key Issues discussed (5- 8 bullet points)"


AWKWARD = """\
SESSION OUTCOME DOCUMENT

Title: Minority Languages and Machine Learning
Organised by: UNESCO; Wikimedia Foundation
Date and time: 12 March 2023, 10:00
Link: https://example.org/s/12

**KEY ISSUES DISCUSSED ( 5 -  8 bullet points )**

• Languages with few speakers are missing from training data.
• Community archives lack funding
and staff.
* Licensing of oral histories is unclear.

1) Platforms rarely moderate in local languages.

Page 2 of 4

Towards WSIS+20 and WSIS beyond 2025, please share your views on the emerging trends,
challenges, achievements, and opportunities in the implementation of the WSIS Action Lines to
date (5-8 bullets)

Emerging trends: Speech technology now reaches 100 more languages.
Challenges
A shortage of annotators slows the work, and the remaining funding
is short-term.
Opportunities - Public broadcasters could open their archives.

Actionable plan and key recommendations (2-5 points)
a) Fund community archives for five years.
b) Publish open licences for oral histories.
"""


def test_awkward_document_headings_bullets_debris_and_missing_sections() -> None:
    doc = parse_outcome(AWKWARD, doc_id="awkward")
    assert doc.header == Header(
        title="Minority Languages and Machine Learning", organisers="UNESCO; Wikimedia Foundation",
        date="12 March 2023, 10:00", url="https://example.org/s/12",
    )
    assert doc.section_ids == ["key_issues", "wsis_views", "action_plan"]
    issues = [i.text for i in doc.section("key_issues").items]
    assert issues == [
        "Languages with few speakers are missing from training data.",
        "Community archives lack funding and staff.",
        "Licensing of oral histories is unclear.",
        "Platforms rarely moderate in local languages.",
    ]
    views = doc.section("wsis_views")
    # a heading wrapped over three lines is one heading, not items
    assert views.heading.endswith("(5-8 bullets)")
    assert [(i.part, i.text) for i in views.items] == [
        ("emerging_trends", "Speech technology now reaches 100 more languages."),
        ("challenges", "A shortage of annotators slows the work, and the remaining funding "
                       "is short-term."),
        ("opportunities", "Public broadcasters could open their archives."),
    ]
    assert [i.text for i in doc.section("action_plan").items] == [
        "Fund community archives for five years.", "Publish open licences for oral histories.",
    ]
    # missing sections are recorded as missing, never invented
    assert doc.section("tangible_outcomes") is None
    assert doc.section("thematic_suggestions") is None


def test_text_without_any_form_heading_has_no_sections() -> None:
    doc = parse_outcome("Minutes of the meeting\n\nWe talked about many things.")
    assert doc.sections == []
    assert doc.header.title == "Minutes of the meeting"


# -- round trip ---------------------------------------------------------------------------------
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1,
               max_size=10)
SENTENCE = st.lists(WORD, min_size=2, max_size=12).map(
    lambda ws: (ws[0][:1].upper() + ws[0][1:] + " " + " ".join(ws[1:])).strip() + "."
)
FIELD = st.lists(WORD, min_size=1, max_size=6).map(lambda ws: "Q" + " ".join(ws))


@st.composite
def documents(draw: st.DrawFn) -> OutcomeDocument:
    sections = []
    for spec in TEMPLATE.sections:
        if not draw(st.booleans()):
            continue
        count = draw(st.integers(min_value=1, max_value=spec.max_items))
        if spec.parts:
            parts = sorted(draw(st.lists(st.sampled_from([p.id for p in spec.parts]),
                                         min_size=count, max_size=count)),
                           key=[p.id for p in spec.parts].index)
            items = [Item(text=draw(SENTENCE), part=part) for part in parts]
        else:
            items = [Item(text=draw(SENTENCE)) for _ in range(count)]
        sections.append(Section(id=spec.id, heading=spec.heading, items=items))
    header = Header(
        title=draw(FIELD),
        organisers=draw(st.one_of(st.just(""), FIELD)),
        date=draw(st.sampled_from(["", "31 May 2024, 09:00", "12 March 2023"])),
        url=draw(st.sampled_from(["", "https://example.org/session/7"])),
    )
    return OutcomeDocument(header=header, sections=sections, doc_id="d", source="d.md")


@settings(max_examples=150, deadline=None)
@given(documents())
def test_parse_of_render_is_identity(doc: OutcomeDocument) -> None:
    assert parse_outcome(render_markdown(doc), doc_id="d", source="d.md") == doc


def test_render_uses_official_headings_and_parts(seed_text: str) -> None:
    doc = parse_outcome(seed_text)
    text = render_markdown(doc)
    assert text.startswith("# Session Outcome Document\n")
    assert "## Actionable plan and key recommendations (2-5 points)" in text
    assert "### Emerging trends" in text and "### Opportunities" in text
    assert "**URL:** <https://www.itu.int/net4/wsis/forum/2024/Agenda/Session/164>" in text


def test_a_heading_wrapped_before_its_parenthesis_is_not_an_item() -> None:
    text = (
        "Title: Early warnings\n\n"
        "Suggestions for thematic aspects that might be included in the WSIS\n"
        "Forum 2026 (one paragraph)\n"
        "The WSIS Forum 2026 could look at alerts in local languages.\n"
    )
    section = parse_outcome(text).section("thematic_suggestions")
    assert section.heading.endswith("WSIS Forum 2026 (one paragraph)")
    assert [i.text for i in section.items] == [
        "The WSIS Forum 2026 could look at alerts in local languages."]


def test_a_url_field_that_is_not_a_link_is_written_as_it_is() -> None:
    doc = OutcomeDocument(header=Header(title="T", url="[to be completed]"))
    assert "**URL:** [to be completed]" in render_markdown(doc)
