"""Notes in the layouts other rapporteurs use: speaker blocks, asides, plans of the form, Q&A, languages.

The notes below are illustrative (invented sessions and people), written for these tests in the layouts
of issue 13. Their wording is this file's own: no heading, aside or line is taken from the field set's
notes with the names swapped (issue 28; `../shared/tools/copied-phrases --field-only tests` checks it).
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.domain.document import Evidence, Item, OutcomeDocument, Section
from assistant.domain.template import load_template
from assistant.drafting.checks import (
    GroundingChecker,
    GroundingVerdict,
    check_draft,
    with_leak_rule,
    with_verdicts,
)
from assistant.drafting.engines.extractive import bullet_from_sentence, merge_sub_points, plan_items
from assistant.drafting.leaks import LEAK_FLAG, leak_reason, mark_evidence
from assistant.drafting.note_shapes import is_aside, is_logistics, strip_asides
from assistant.drafting.note_speakers import parse_speaker_heading
from assistant.drafting.notes import read_notes
from assistant.evaluation.metrics import is_complete_sentence

BLOCKS = """Open maps for disaster response -- working notes, unedited
12.06.2025 | 09:30-10:15 | Room C, CICG
Organisers (per programme): OpenMap Alliance + ITU
Programme link: https://example.org/wsis/2025/open-maps

MODERATOR -- Dr Ines Varga (OpenMap Alliance)
- opened with the floods of last spring as the case

KOFI MENSAH (Ghana Space Agency)
- satellite imagery reached responders in 6 hours instead of 3 days
- bias in building footprints
- rural coverage gaps
- (my note: he repeated this) volunteers mapped 40,000 buildings in a week

3. Sara Lind -- Head of Mapping, Nordic Red Cross
- asked three questions:
  - who owns the data after the crisis?
  - how do we pay mappers fairly?
  - how do we keep maps updated?

GENERAL
- the need for open licences came up in every answer

to verify:
- how Mensah's agency is spelt
- did Lind say 40,000 or 14,000?

mic died for two minutes, photo at the end
(do not report that the Alliance signed an agreement -- it did not)
Battery ran out so I lost the last question.

drafting notes
- key issues: timely imagery; bias in building footprints
- outcomes: nothing launched
- recs: open licences for disaster data; fair pay for mappers
- next themes: keeping maps current after a crisis
"""


@pytest.fixture(scope="module")
def blocks():
    return read_notes(BLOCKS)


def line_of(notes: Any, fragment: str) -> Any:
    return next(line for line in notes.lines if fragment in line.raw)


def test_header_in_a_dotted_date_a_labelled_url_and_a_first_line_cut_in_parts(blocks) -> None:
    assert blocks.header["title"] == "Open maps for disaster response"
    assert blocks.header["date"] == "12 June 2025"
    assert blocks.header["organisers"] == "OpenMap Alliance and ITU"
    assert blocks.header["url"] == "https://example.org/wsis/2025/open-maps"


@pytest.mark.parametrize(
    "heading, name, org",
    [
        ("KOFI MENSAH (Ghana Space Agency)", "Kofi Mensah", "Ghana Space Agency"),
        ("MODERATOR -- Dr Ines Varga (OpenMap Alliance)", "Dr Ines Varga", "OpenMap Alliance"),
        ("3. Sara Lind -- Head of Mapping, Nordic Red Cross", "Sara Lind", "Nordic Red Cross"),
        ("(10:40) Pita Folau -- Tonga", "Pita Folau", "Tonga"),
        ("4) LEA MORIN, HARBOUR INSTITUTE", "Lea Morin", "Harbour Institute"),
        ("FOLAU (Pita Folau, Reef Data Trust; panellist, remote):", "Pita Folau", "Reef Data Trust"),
        ("TONGA -- Pita Folau, Ministry of Fisheries", "Pita Folau", "Ministry of Fisheries"),
        ("Panellist: Lea Morin (Harbour Institute)", "Lea Morin", "Harbour Institute"),
    ],
)
def test_speaker_headings_in_the_layouts_rapporteurs_use(heading: str, name: str, org: str) -> None:
    found = parse_speaker_heading(heading)
    assert found is not None and (found.name, found.org) == (name, org)


@pytest.mark.parametrize(
    "heading", ["DRAFTING NOTES", "Key Issues", "OVERALL / WHOLE PANEL", "Q&A", "GENERAL"]
)
def test_headings_that_name_no_one_are_not_speakers(heading: str) -> None:
    assert parse_speaker_heading(heading) is None


def test_bullets_under_a_speaker_block_carry_the_speaker_and_a_plain_heading_ends_the_block(blocks) -> None:
    imagery = next(s for s in blocks.sentences if "6 hours" in s.text)
    assert imagery.speaker is not None and imagery.speaker.attribution == "Kofi Mensah (Ghana Space Agency)"
    licences = next(s for s in blocks.sentences if "open licences came up" in s.text)
    assert licences.speaker is None


def test_asides_logistics_and_to_check_lists_never_become_content(blocks) -> None:
    for fragment in ("how Mensah's agency", "did Lind say", "mic died", "do not report", "Battery ran out"):
        assert line_of(blocks, fragment).kind == "noise", fragment
    assert not [s for s in blocks.sentences if "signed" in s.text or "14,000" in s.text]


def test_a_bracketed_aside_is_cut_from_a_content_line(blocks) -> None:
    line = line_of(blocks, "volunteers mapped")
    assert line.kind == "content" and "he repeated this" not in line.text and "40,000 buildings" in line.text


def test_the_plan_of_the_form_is_read_as_hints_not_content(blocks) -> None:
    assert line_of(blocks, "recs: open licences").kind == "hint"
    hints = {h.label: h for h in blocks.hints}
    assert hints["recs"].entries == ["open licences for disaster data", "fair pay for mappers"]
    assert hints["outcomes"].none and not hints["recs"].none
    assert not [s for s in blocks.sentences if "fair pay for mappers" in s.text]


def test_a_block_credits_its_speaker_and_a_fragment_gets_a_verb(blocks) -> None:
    bias = next(s for s in blocks.sentences if s.text.startswith("bias in building"))
    text, named = bullet_from_sentence(bias, bias.explicit_speaker)
    assert named and text == "Kofi Mensah (Ghana Space Agency) highlighted bias in building footprints."
    assert is_complete_sentence(text)


def test_indented_points_are_one_statement_with_their_lead_in(blocks) -> None:
    merged = merge_sub_points(blocks, [(s, []) for s in blocks.sentences])
    questions = [(s, more) for s, more in merged if "who owns the data" in s.text]
    assert len(questions) == 1
    sentence, more = questions[0]
    assert "pay mappers fairly" in sentence.text and "keep maps updated" in sentence.text
    assert sentence.text.startswith("asked three questions:") and len(more) == 3


def test_a_short_section_is_filled_from_the_plan_and_never_from_a_declared_none(blocks) -> None:
    template = load_template()
    actions = plan_items(blocks, template.section("action_plan"), used=[], wanted=2)
    assert len(actions) == 1  # one plan line, one item: no padding beyond what the notes give
    assert "open licences for disaster data" in actions[0].text and "fair pay for mappers" in actions[0].text
    assert [e.line for e in actions[0].evidence] == [line_of(blocks, "recs: open licences").number]
    assert plan_items(blocks, template.section("tangible_outcomes"), used=[], wanted=3) == []
    said = ["Dr Ines Varga called for open licences for disaster data.", "Fair pay for mappers was raised."]
    assert plan_items(blocks, template.section("action_plan"), used=said, wanted=2) == []


QANDA = """Session: Cyber hygiene for town halls
Date: Tue 8 Jul 2025
key: RB = Rosa Bianchi (CivicSec), TK = Tomas Kowalski
RB: 30% of town halls still share one admin password
Q (online, Brazil): what helps first?
A Bianchi: a password manager and two-factor login
A (TK): Poland trains one cyber focal point per town hall
A Stoll: we have no speaker called Stoll
"""


def test_answers_by_known_speakers_and_an_initials_key() -> None:
    notes = read_notes(QANDA)
    assert notes.header["date"] == "8 July 2025"
    first = next(s for s in notes.sentences if "password manager" in s.text)
    assert first.role == "answer" and first.speaker is not None and first.speaker.name == "Rosa Bianchi"
    second = next(s for s in notes.sentences if "focal point" in s.text)
    assert second.role == "answer" and second.speaker is not None and second.speaker.name == "Tomas Kowalski"
    assert next(s for s in notes.sentences if "30%" in s.text).speaker.org == "CivicSec"


MIXED = """Session: Contenus locaux
Date: mardi 8 juillet 2025
Chair: Awa Diop
- « Nous voulons publier nos cartes anciennes. »
- "Queremos más contenido en quechua" [inaudible]
À vérifier :
- le nom exact du directeur
"""


def test_french_and_spanish_lines_are_read_not_translated_and_french_asides_are_asides() -> None:
    notes = read_notes(MIXED)
    assert any("publier nos cartes anciennes" in s.text for s in notes.sentences)
    quechua = next(s for s in notes.sentences if "quechua" in s.text)
    assert "inaudible" not in quechua.text and quechua.speaker is not None
    assert line_of(notes, "nom exact").kind == "noise"


@pytest.mark.parametrize(
    "text, aside",
    [
        ("to self: check the figure on the recording", True),
        ("NB do not report that it was adopted", True),
        ("I believe it overran", True),
        ('KO said "I want my data back"', False),
        ("next year's Forum should look at how to check chatbot advice", False),
        ("hydrometallurgy pilot recovers 95% of cobalt from phone batteries", False),
    ],
)
def test_aside_words_are_read_in_their_place(text: str, aside: bool) -> None:
    assert (is_aside(text) or is_logistics(text)) is aside


def test_strip_asides_keeps_organisations_and_figures() -> None:
    cleaned = strip_asides("Maria Lopez (UNESCO) said 12 (my count) [inaudible]")
    assert cleaned == "Maria Lopez (UNESCO) said 12"


@pytest.mark.parametrize(
    "text, complete",
    [
        ("Kofi Mensah (Ghana Space Agency) highlighted bias in building footprints.", True),
        ('Sara Lind said: "We need open licences."', True),
        ("Bias in building footprints.", False),
        ("Set up the question: who pays?", False),
        ("Faster floods → quicker map updates wanted.", False),
        ("Rural coverage gaps", False),
    ],
)
def test_complete_sentences(text: str, complete: bool) -> None:
    assert is_complete_sentence(text) is complete


def test_leak_rule_is_a_function_of_the_evidence_kinds() -> None:
    aside = Evidence(line=3, text="(do not report that a declaration was signed)", kind="noise")
    intro = Evidence(line=1, text="KOFI MENSAH (Ghana Space Agency)", kind="speaker")
    content = Evidence(line=2, text="- imagery in 6 hours", kind="content")
    assert leak_reason([aside]) and leak_reason([aside, intro])
    assert not leak_reason([aside, content]) and not leak_reason([])
    assert not leak_reason([Evidence(line=3, text="unknown kind")])  # an old draft is not judged
    verdict = with_leak_rule(GroundingVerdict(True, 0.9), [aside])
    assert not verdict.supported and "aside" in verdict.reason


def test_an_item_drawn_from_an_aside_is_not_grounded_in_a_checked_draft(embedder: Any, blocks) -> None:
    aside = line_of(blocks, "do not report")
    content = line_of(blocks, "6 hours")
    items = [
        Item(text="The Alliance signed an agreement.",
             evidence=[Evidence(line=aside.number, text=aside.raw)]),
        Item(text=content.raw.strip("- "), evidence=[Evidence(line=content.number, text=content.raw)]),
    ]
    document = OutcomeDocument(sections=[Section(id="key_issues", heading="Key issues", items=items)])
    mark_evidence(document, blocks)
    report = check_draft(document, load_template(), GroundingChecker(embedder))
    leaked, fine = with_verdicts(document, report).sections[0].items
    assert leaked.grounded is False and LEAK_FLAG in leaked.flags
    assert fine.grounded is True and LEAK_FLAG not in fine.flags
    assert [c.verdict.supported for c in report.items] == [False, True]
