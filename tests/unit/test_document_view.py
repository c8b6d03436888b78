"""The Ask tab's document view: citation links, the cited passage marked, everything escaped."""

from __future__ import annotations

from assistant.domain.document import Header, Item, OutcomeDocument, Section
from assistant.domain.template import load_template
from assistant.ui.document_view import chunk_id_from, citation_href, document_view_html
from assistant.ui.render import answer_markdown


def _doc() -> OutcomeDocument:
    return OutcomeDocument(
        doc_id="2024-sample",
        header=Header(title="Sample <b>session</b>", date="27 May 2024", organisers="ITU"),
        sections=[
            Section(id="key_issues", heading="Key issues discussed", items=[
                Item(text="Speakers asked for open data."),
                Item(text="Rural schools lack <script>x</script> links."),
            ]),
            Section(id="action_plan", heading="Actionable plan",
                    items=[Item(text="Fund community networks.")]),
        ],
    )


def test_citation_links_round_trip_chunk_ids() -> None:
    href = citation_href("2024-sample::ab12::3")
    assert href.startswith("#rp-cite=") and "::" not in href
    assert chunk_id_from(href) == "2024-sample::ab12::3"
    assert chunk_id_from("javascript:alert(1)") is None
    assert chunk_id_from("") is None


def test_the_cited_item_is_marked_and_markup_is_inert() -> None:
    chunk = {"section": "key_issues", "part": "",
             "text": "Key issues discussed: Rural schools lack <script>x</script> links."}
    html = document_view_html(_doc(), load_template(), chunk)
    assert "<mark>Rural schools lack &lt;script&gt;x&lt;/script&gt; links.</mark>" in html
    assert "<mark>Speakers asked" not in html and "<mark>Fund" not in html
    assert "<script>" not in html and "Sample &lt;b&gt;session&lt;/b&gt;" in html


def test_answer_markers_become_links_without_stray_asterisks() -> None:
    text = answer_markdown("Networks grew [1][2]. Data[3] too.", {1: "#rp-cite=a", 2: "#rp-cite=b"})
    assert "[**\\[1\\]**](#rp-cite=a)[**\\[2\\]**](#rp-cite=b)" in text
    assert "Data\\[3\\]" in text  # no link known: the marker stays plain, never half-bold
    plain = answer_markdown("Data[3] too.")
    assert "**" not in plain
