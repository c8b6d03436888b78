"""Minimal evidence (issue 22, session 14): an extractive item cites only the note lines its words
stand on, and a line of hashtags alone is no point of the session.

The notes are written for these tests (illustrative), not taken from any notes set.
"""

from __future__ import annotations

import pytest

from assistant.corpus.keywords import terms
from assistant.domain.document import Item, Section
from assistant.domain.template import load_template
from assistant.drafting.checks import GroundingChecker
from assistant.drafting.evidence import contributes, line_evidence
from assistant.drafting.notes import Notes, is_tag_list, read_notes
from assistant.drafting.self_check import SelfCheck, contributing

# a wrapped prose paragraph: two sentences over four lines, the last two the second sentence's only
PARAGRAPH = """Community mesh networks in mountain villages
Hosted by Andes Link, 3 March 2026

The session opened with Lucia Paredes of Andes Link, who explained that the
volunteers installed 45 rooftop nodes across eleven villages in the first year. She
said the network now carries telehealth calls for the district hospital and
that the regional government will fund spare parts until the end of 2027.
"""
VOLUNTEERS = ("Lucia Paredes (Andes Link) explained that the volunteers installed 45 rooftop nodes across "
              "eleven villages in the first year.")


@pytest.fixture(scope="module")
def paragraph() -> Notes:
    return read_notes(PARAGRAPH, kinds=False)


def test_a_line_contributes_by_a_shared_word_or_figure_and_a_line_without_terms_is_kept() -> None:
    said = set(terms(VOLUNTEERS))
    assert contributes(said, "volunteers installed 45 rooftop nodes across eleven villages in the first "
                             "year. She")
    assert contributes(said, "45")  # a figure is a term
    assert not contributes(said, "said the network now carries telehealth calls for the district "
                                 "hospital and")
    assert contributes(said, "- ")  # nothing shows a bare mark adds nothing


def test_the_paragraph_is_one_unit_citing_all_its_lines(paragraph: Notes) -> None:
    assert [e.line for e in line_evidence(paragraph, [4])] == [4, 5, 6, 7]


def test_a_sentence_of_a_wrapped_paragraph_cites_only_the_lines_it_uses(paragraph: Notes) -> None:
    item = Item(text=VOLUNTEERS, evidence=line_evidence(paragraph, [4]))
    assert [e.line for e in contributing(item, paragraph, minimal=True)] == [4, 5]
    second = Item(text="Lucia Paredes (Andes Link) stated that the regional government will fund spare parts "
                       "until the end of 2027.", evidence=line_evidence(paragraph, [4]))
    assert [e.line for e in contributing(second, paragraph, minimal=True)] == [4, 7]  # the name, the point
    # without `minimal` (a model's item, written in its own words) every content line stays
    assert [e.line for e in contributing(item, paragraph)] == [4, 5, 6, 7]


def test_minimal_evidence_keeps_everything_when_no_line_would_be_left(paragraph: Notes) -> None:
    item = Item(text="Connectivity improved markedly.", evidence=line_evidence(paragraph, [4]))
    assert [e.line for e in contributing(item, paragraph, minimal=True)] == [4, 5, 6, 7]


def test_the_self_check_trims_an_extractive_item_before_checking_it(paragraph: Notes, embedder) -> None:
    check = SelfCheck(paragraph, GroundingChecker(embedder), load_template(), minimal=True)
    section = Section(id="tangible_outcomes", heading="Tangible outcomes",
                      items=[Item(text=VOLUNTEERS, evidence=line_evidence(paragraph, [4]))])
    [checked] = check.run([section])
    assert [i.text for i in checked.items] == [VOLUNTEERS]
    assert [e.line for e in checked.items[0].evidence] == [4, 5]


def test_a_line_of_hashtags_alone_is_no_point_and_a_statement_with_one_is() -> None:
    assert is_tag_list("#mesh #rural-access #wsis2026")
    assert is_tag_list("#mesh, #rural-access | #wsis2026")
    assert not is_tag_list("the #mesh campaign reached 300 villages")
    assert not is_tag_list("#")
    notes = read_notes("""Session: Community mesh networks in mountain villages
Keywords: #mesh #rural-access #wsis2026
- Volunteers installed 45 rooftop nodes across eleven villages.
- The #mesh campaign reached 300 villages by March.
""", kinds=False)
    assert notes.line(2).kind == "noise"
    assert {s.line for s in notes.sentences} == {3, 4}
