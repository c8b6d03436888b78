"""Grounding and coverage checks: adversarial near-copies are refused, faithful paraphrases pass."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from conftest import DATASETS

from assistant.domain.document import Evidence, Header, Item, OutcomeDocument, Section
from assistant.domain.normalise import expand_abbreviations, find_date, read_facts
from assistant.domain.template import load_template
from assistant.drafting.checks import (
    PLACEHOLDER_FIELD,
    PLACEHOLDER_ITEM,
    GroundingChecker,
    check_coverage,
    check_draft,
    missing_facts,
    with_verdicts,
)
from assistant.drafting.checks.evidence import find_evidence
from assistant.drafting.notes import read_notes

AI_NOTES = DATASETS / "notes" / "ai_public_services.txt"


@pytest.fixture(scope="module")
def checker(embedder):
    return GroundingChecker(embedder)


@pytest.mark.parametrize(
    ("claim", "evidence", "supported"),
    [
        # faithful paraphrases (numbers reformatted, abbreviations expanded, negation kept)
        ("According to ITU, 2.6 billion people remain offline.", "ITU: 2.6bn ppl still offline", True),
        ("Forty per cent of respondents cited the cost of data.", "40% of respondents: cost of data", True),
        ("Nigeria's regulator has connected 1200 schools since September 2024.",
         "NCC (Nigeria) - 1,200 schools connected since Sept 2024", True),
        ("The ministry has not yet adopted the strategy.", "ministry hasnt adopted the strategy yet", True),
        ("The Pan-African Telecoms Union said governments should publish spectrum maps.",
         "Pan-African Telecoms Union: govts should publish spectrum maps", True),
        # a swapped figure, organisation, date, a flipped negation, an invented name
        ("According to ITU, 3.6 billion people remain offline.", "ITU: 2.6bn ppl still offline", False),
        ("According to UNICEF, 2.6 billion people remain offline.", "ITU: 2.6bn ppl still offline", False),
        ("The strategy was adopted in March 2025.", "strategy adopted in May 2025 by cabinet", False),
        ("The ministry has adopted the strategy.", "ministry has not adopted the strategy yet", False),
        ("The regulator launched the FairNet app.", "the regulator launched a complaints app", False),
        ("Kenya will host the 2026 forum.", "Smart street lighting cut energy use by 45%", False),
        # a reversed direction
        ("Mobile money fraud fell in Ghana in 2024.", "Ghana: mobile money fraud rose in 2024", False),
        ("The ministry rejected the proposal.", "the ministry approved the proposal", False),
    ],
)
def test_grounding_on_adversarial_and_faithful_items(checker, claim, evidence, supported):
    verdict = checker.check(claim, [evidence])
    assert verdict.supported is supported, verdict.reason


def test_missing_facts_names_what_is_absent():
    missing = missing_facts("UNICEF reported 45% in March 2025.", "UNESCO reported 40% in May 2025")
    assert "UNICEF" in missing
    assert "45" in missing
    assert "March" in missing


def test_no_evidence_is_never_supported(checker):
    verdict = checker.check("ITU launched a toolkit.", [])
    assert not verdict.supported
    assert verdict.reason == "no evidence"


def test_short_claim_from_a_long_line_is_compared_with_its_own_sentence(checker):
    line = ("her research: fraud and scams are the main reason older people stop banking online. "
            "survey of 1,500 seniors, 31% had an attempted scam. interfaces designed for 25 year olds, tiny "
            "fonts, portals that time out halfway through a form")
    verdict = checker.check("Interfaces are designed for 25 year olds, with tiny fonts.", [line])
    assert verdict.supported, verdict.reason


def test_grounding_dataset_precision_and_recall(checker):
    """The labelled pairs: precision >= 0.9 and recall >= 0.8 of 'supported', reported per kind."""
    rows = [json.loads(line) for line in (DATASETS / "grounding.jsonl").read_text().splitlines() if line]
    verdicts = checker.check_many([(r["claim"], [r["evidence"]]) for r in rows])
    per_kind: dict[str, list[bool]] = defaultdict(list)
    tp = fp = fn = 0
    for row, verdict in zip(rows, verdicts, strict=True):
        per_kind[row["kind"]].append(verdict.supported == row["supported"])
        tp += verdict.supported and row["supported"]
        fp += verdict.supported and not row["supported"]
        fn += (not verdict.supported) and row["supported"]
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    report = {kind: f"{sum(v)}/{len(v)}" for kind, v in per_kind.items()}
    assert precision >= 0.9, report
    assert recall >= 0.8, report


def test_number_normalisation():
    assert read_facts("2.6bn").numbers == read_facts("2.6 billion").numbers
    assert read_facts("40%").numbers == read_facts("forty per cent").numbers
    assert read_facts("1,200").numbers == read_facts("1200").numbers
    assert read_facts("second quarter of 2026").quarters == read_facts("Q2 2026").quarters
    assert read_facts("Sept 2024").months == read_facts("September 2024").months


def test_safe_abbreviations_only():
    assert expand_abbreviations("govts w/ ppl") == "governments with people"
    assert expand_abbreviations("min 5 pts") == "min 5 pts"  # ambiguous ones stay


def test_find_date_formats():
    assert find_date("Tue 14 March 2023 - Room B") == "14 March 2023"
    assert find_date("11/07/25 10:00") == "11 July 2025"
    assert find_date("July 8, 2025") == "8 July 2025"
    assert find_date("no date here 10:00") is None


def _document(key_items: int, header: Header | None = None) -> OutcomeDocument:
    template = load_template()
    sections = []
    for spec in template.sections:
        count = key_items if spec.id == "key_issues" else spec.min_items
        items = [
            Item(text=f"Point {n} of {spec.id}.", part=spec.parts[0].id if spec.parts else None)
            for n in range(count)
        ]
        sections.append(Section(id=spec.id, heading=spec.heading, items=items))
    header = header or Header(title="T", organisers="O", date="1 July 2025", url="https://example.org/s")
    return OutcomeDocument(header=header, sections=sections)


def test_coverage_limits_are_checked_for_each_section():
    template = load_template()
    assert check_coverage(_document(5), template).ok
    over = check_coverage(_document(9), template)
    assert not over.ok
    assert any("above the maximum of 8" in p for p in over.problems)
    under = check_coverage(_document(3), template)
    assert any("below the minimum of 5" in p for p in under.problems)


def test_coverage_flags_missing_header_fields_and_empty_sections():
    template = load_template()
    document = _document(5, Header(title="T", organisers=PLACEHOLDER_FIELD, date="", url=""))
    document.sections[-1].items = [Item(text=PLACEHOLDER_ITEM, flags=["no_material"])]
    document.sections = [s for s in document.sections if s.id != "action_plan"]
    report = check_coverage(document, template)
    assert report.missing_header == ["organisers", "date", "url"]
    problems = " ".join(report.problems)
    assert "action_plan: section missing" in problems
    assert "thematic_suggestions: no material" in problems


def test_coverage_wants_one_paragraph_and_valid_parts():
    template = load_template()
    document = _document(5)
    document.section("thematic_suggestions").items.append(Item(text="Another paragraph."))
    document.section("wsis_views").items[0].part = "gossip"
    problems = " ".join(check_coverage(document, template).problems)
    assert "must be one paragraph" in problems
    assert "valid part" in problems


def test_check_draft_is_pure_and_with_verdicts_marks_a_copy(checker):
    template = load_template()
    document = _document(5)
    key = document.section("key_issues")
    key.items[0] = Item(text="ITU said 2.6 billion people are offline.",
                        evidence=[Evidence(line=3, text="ITU: 2.6bn ppl offline")])
    key.items[1] = Item(text="ITU said 3.6 billion people are offline.",
                        evidence=[Evidence(line=3, text="ITU: 2.6bn ppl offline")])
    before = document.model_copy(deep=True)
    report = check_draft(document, template, checker)
    assert document == before  # the check only reads the document
    verdicts = {(c.section, c.index): c.verdict for c in report.items}
    assert verdicts[("key_issues", 0)].supported and not verdicts[("key_issues", 1)].supported
    marked = with_verdicts(document, report)
    assert document == before
    items = marked.section("key_issues").items
    assert items[0].grounded is True
    assert items[1].grounded is False and "unsupported" in items[1].flags
    assert "no_evidence" in items[2].flags
    assert report.to_json()["grounding"]["checked"] == len(report.items)
    assert not report.ok


def _line_with(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if fragment in line)


def test_evidence_is_found_in_the_whole_notes_with_the_speakers_line(checker):
    text = AI_NOTES.read_text(encoding="utf-8")
    notes = read_notes(text)
    claim = "Rafael Mendes (UNDP) said only 9 of those countries have a public register of the algorithms."
    evidence = find_evidence(claim, notes, checker)
    lines = [e.line for e in evidence]
    assert _line_with(text, "Rafael Mendes (UNDP Chief Digital Office)") in lines
    assert _line_with(text, "public register of the algorithms") in lines
    assert all(e.text == text.split("\n")[e.line - 1].strip() for e in evidence)
    assert checker.check(claim, [e.text for e in evidence]).supported


@pytest.mark.parametrize(
    ("claim", "problem"),
    [
        ("Tomas Lind said Tunisia's Khadamet chatbot handled 1.3 million conversations.",
         "speaker: Tomas Lind"),
        ("DIGG has published the source code of its algorithm register.", "status: published"),
        ("Khadamet handled 3.1 million conversations.", "3.1 million"),
    ],
)
def test_whole_notes_evidence_does_not_hide_a_wrong_claim(checker, claim, problem):
    notes = read_notes(AI_NOTES.read_text(encoding="utf-8"))
    verdict = checker.check(claim, [e.text for e in find_evidence(claim, notes, checker)])
    assert not verdict.supported
    assert any(m.startswith(problem) for m in verdict.missing), verdict.missing


SHORT_NOTES = """Session: Clinics Online
Organisers: Health Connect Lab

10:00 Ana Ruiz (Ministry of Health)
- thanked the partners and the donors for their support

10:05 Ben Cole (national operator)
- handed over the connectivity awards to 12 rural clinics
"""


def test_the_search_starts_from_what_was_said_not_from_the_name(checker):
    notes = read_notes(SHORT_NOTES)
    right = "Ben Cole handed over the connectivity awards to 12 rural clinics."
    evidence = find_evidence(right, notes, checker)
    assert [e.line for e in evidence] == [7, 8]
    assert checker.check(right, [e.text for e in evidence]).supported
    wrong = "Ana Ruiz handed over the connectivity awards to 12 rural clinics."
    evidence = find_evidence(wrong, notes, checker)
    assert 8 in [e.line for e in evidence]
    verdict = checker.check(wrong, [e.text for e in evidence])
    assert not verdict.supported and any(m.startswith("speaker: Ana Ruiz") for m in verdict.missing)
