"""Action Line and SDG tags: what counts as stated, how users name lines, and tags in the index.

The index tests use the real model and a real embedded Chroma: tags are written at ingest, change
when the document changes, and go when it is removed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.corpus.store import CorpusIndex
from assistant.corpus.tags import (
    load_taxonomy,
    parse_action_line,
    parse_sdg,
    stated_tags,
    tags_named_in,
)
from assistant.errors import InputError
from assistant.evaluation.tag_metrics import TagLabels, score_tags

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _stated(title: str, *texts: str) -> dict[str, str]:
    return {t.id: t.evidence for t in stated_tags(title, [("key_issues", x) for x in texts], load_taxonomy())}


def test_codes_and_strands_count_only_where_a_sentence_speaks_of_an_action_line() -> None:
    found = _stated(
        "Open Data for Farmers",
        "Action Line C5 on building confidence and security has helped many countries. Budget C3 was cut.",
        "The e-agriculture strand of Action Line C7 brought ministries together.",
        "Staff used e-health records.",  # a strand's name without any Action Line in the sentence
    )
    assert set(found) == {"C5", "C7.e-agriculture"}
    assert "Action Line C5" in found["C5"]


def test_a_list_of_lines_after_action_lines_tags_each_of_them() -> None:
    found = _stated("Opening", "Accessibility cuts across several Action Lines – C2 infrastructure, "
                    "C3 access and C6 enabling environment – giving many entry points.")
    assert set(found) == {"C2", "C3", "C6"}


def test_a_title_naming_a_line_states_it() -> None:
    assert set(_stated("WSIS Action Line C7: E-Agriculture and rural youth")) == {"C7.e-agriculture"}
    assert set(_stated("Every Language Online: Multilingualism and Local Content")) == {"C8"}


def test_sdgs_are_stated_by_number_alone_or_in_lists() -> None:
    found = _stated("", "Linking targets to SDG 5 on gender equality and SDG 9 on infrastructure helps.",
                    "Progress on SDGs 2, 13 and 15 was reviewed; Goal 4 is not a tag without SDG.")
    assert set(found) == {"SDG5", "SDG9", "SDG2", "SDG13", "SDG15"}


def test_users_name_lines_and_goals_in_several_ways() -> None:
    assert parse_action_line("C5") == ["C5"]
    assert parse_action_line("Action Line C10") == ["C10"]
    assert parse_action_line("C7 e-health") == ["C7.e-health"]
    assert parse_action_line("e-health") == ["C7.e-health"]
    assert len(parse_action_line("C7")) == 8
    assert parse_sdg("4") == "SDG4" and parse_sdg("SDG 17") == "SDG17"
    for bad in ("C12", "C7 e-cooking", "seven"):
        with pytest.raises(InputError):
            parse_action_line(bad)
    with pytest.raises(InputError):
        parse_sdg("18")


def test_questions_naming_lines_or_goals_are_read() -> None:
    lines, goals, rest = tags_named_in("Which sessions relate to Action Line C5?")
    assert (lines, goals) == (["C5"], []) and "C5" not in rest
    lines, goals, _ = tags_named_in("Which organisers ran the most sessions on C7 e-health and SDG 3?")
    assert (lines, goals) == (["C7.e-health"], ["SDG3"])
    assert tags_named_in("Which sessions covered community networks in 2023?")[:2] == ([], [])


def test_tag_metrics_count_per_source() -> None:
    labels = TagLabels({"a": {"C5", "SDG4"}, "b": {"C8"}})
    score = score_tags({"a": {"C5": "stated", "C2": "inferred"}, "b": {"C8": "inferred"}}, labels)
    assert score.counts("all").precision == pytest.approx(2 / 3)
    assert score.counts("all").recall == pytest.approx(2 / 3)
    assert score.counts("stated").precision == 1.0
    assert score.counts("inferred").precision == 0.5
    assert score.missed == [("a", "SDG4")]


def test_every_sample_document_is_tagged_with_evidence_from_its_own_text(sample_index: CorpusIndex) -> None:
    docs = sample_index.documents()
    assert len(docs) == 27
    snapshot = sample_index.snapshot()
    texts = {(m["doc_id"], t) for m, t in zip(snapshot.metadatas, snapshot.texts, strict=True)}
    for info in docs:
        assert info.tags, f"{info.doc_id} has no tag"
        for tag in info.tags:
            if tag.where == "title":
                assert tag.evidence in info.title
            else:
                assert any(tag.evidence.rstrip("…") in text for doc, text in texts if doc == info.doc_id)
    by_id = {d.doc_id: {t.id: t.source for t in d.tags} for d in docs}
    assert by_id["2024-cyber-incident-response"]["C5"] == "stated"  # "Action Line C5 on building …"
    assert by_id["2023-gender-digital-divide-stem"]["SDG5"] == "stated"


def test_tags_follow_the_document_on_reingest_and_go_with_it(tmp_path: Path, make_index) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    target = folder / "2025-telemedicine-primary-care.md"
    shutil.copy(CORPUS / target.name, target)
    index: CorpusIndex = make_index()
    index.ingest([folder])
    before = index.tag_ids_by_document()["2025-telemedicine-primary-care"]
    assert "C7.e-health" in before and "SDG14" not in before

    text = target.read_text(encoding="utf-8").replace(
        "- Financing:", "- Coastal clinics: the network also serves fishing communities, which speakers tied "
        "to SDG 14 on life below water.\n- Financing:", 1)
    target.write_text(text, encoding="utf-8")
    report = index.ingest([folder])
    assert report.results[0].status == "updated"
    tags = {t.id: t for t in index.document_tags("2025-telemedicine-primary-care")}
    assert tags["SDG14"].source == "stated" and "SDG 14" in tags["SDG14"].evidence

    index.remove(["2025-telemedicine-primary-care"])
    assert index.tag_ids_by_document() == {}


def test_an_inferred_tag_comes_from_the_passages_own_words_not_the_session_title(tmp_path: Path) -> None:
    """A ceremony's chunks all start with its title; the passages on connectivity must still tag C2
    (a theme needs two passages: one is averaged with the next best, see TOP_PASSAGES)."""
    from assistant.config import load_settings
    from assistant.corpus.embeddings import Embedder
    from assistant.corpus.tags import Tagger

    embedder = Embedder(load_settings(home=tmp_path).model_path())
    title = "Opening ceremony of the final week"
    texts = [
        "The Secretary-General welcomed delegations back to the first in-person week since the pandemic.",
        "Around 3 billion people are still offline; speakers called for broadband and mobile networks "
        "that reach rural and remote communities.",
        "Universal service funds and satellite links were named as ways to connect schools and clinics.",
        "Ministers thanked the host country and the co-organisers for their support.",
    ]
    prefix = f"{title}. Key issues discussed: "
    context, tails = embedder.encode_with_tails([prefix + t for t in texts], [len(prefix)] * len(texts))
    tagger = Tagger(embedder.encode, "test-model")
    tags = {t.id: t for t in tagger.tag(title, [("key_issues", t) for t in texts], tails, context)}
    assert "C2" in tags and tags["C2"].source == "inferred"
    assert "3 billion" in tags["C2"].evidence or "satellite" in tags["C2"].evidence
