"""The grounding verdict from alignment, with the shipped embedding model: parts named, speakers checked.

Claims, evidence and notes are illustrative, written for these tests in wordings no rule was made on.
"""

from __future__ import annotations

import pytest

from assistant.domain.document import Evidence, Header, Item, OutcomeDocument, Section
from assistant.domain.template import load_template
from assistant.drafting.checks import GroundingChecker, check_draft
from assistant.drafting.checks.alignment import EvidenceUnit
from assistant.drafting.checks.evidence import find_evidence
from assistant.drafting.checks.units import evidence_units, speaker_lookup
from assistant.drafting.notes import read_notes


@pytest.fixture(scope="module")
def checker(embedder):
    return GroundingChecker(embedder)


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # an acronym's written-out name, a fraction for a percentage, a role spelled out
        ("Liang Wei of the Asia-Pacific Telecommunity said 2.6 billion people in the region depend on "
         "shared phones.",
         "Liang Wei (APT): 2.6bn people in the region rely on shared phones"),
        ("Farmers in the pilot cut their fertiliser costs by about a quarter, the cooperative's "
         "manager said.",
         "coop mgr: pilot farmers ~25% lower fertiliser spend"),
        ("The Secretary-General of the Union said a third of the world's people had never used the Internet.",
         "SG (ITU) opening: ~1/3 of world's people never used the internet"),
        # clauses in another order, negation on both sides
        ("The first intake is planned for October, and two thirds of the academy's places go to women.",
         "Dir. (Min. of Digital Econ.) - academy: places reserved for women = 2/3; first intake Oct"),
        ("Speakers did not reach a shared view on who should fund rural backhaul.",
         "no consensus on who pays for rural backhaul; to revisit at regional mtg"),
        # a condition kept in other words, a call reported by another verb, a stopped state, an answer
        ("The utility would connect the clinics to the grid if the province paid for the poles.",
         "utility will connect clinics to the grid as long as the province pays the poles"),
        ("Okoro pressed the ministries to publish their tender data.",
         "Okoro urged ministries to make tender data public"),
        ("The commissioner said complaints fell by a quarter in 2024.",
         "Following Dr Kamau's question, the commissioner said complaints fell by a quarter in 2024."),
        ("Varela of UNDP said the portal will open to NGOs by June.",
         "Q (floor, Mr Petit): will the portal open to NGOs? A (Ms Varela, UNDP): yes, by June."),
    ],
)
def test_faithful_rewordings_align(checker, claim, evidence):
    verdict = checker.check(claim, [evidence])
    assert verdict.supported, verdict.reason


@pytest.mark.parametrize(
    ("claim", "evidence", "named"),
    [
        ("Tariffs for rural users rose by about a fifth in 2025.",
         "regulator: rural tariffs down ~20% in 2025",
         "polarity: rose (evidence: down)"),
        ("The coding camp trained 450 girls, and retention afterwards was weak.",
         "coding camp yr 1: 450 girls trained; retention afterwards strong (80% still coding)",
         "polarity: weak (evidence: strong)"),
        ("The library network has launched its e-lending service in every city.",
         "library network: e-lending trial in 3 cities, wider launch only if budget allows",
         "status: launched"),
        ("The regional hub has certified 200 auditors.",
         "regional hub: first 200 auditors certified by mid-2027 (expected)",
         "certified"),
        ("The data protection law is already in force.",
         "DP law passed 1st reading; in force expected next yr",
         "already"),
        # a condition dropped, a credit to the one who asked, a decision on what was only tabled
        ("The utility will connect the clinics to the grid.",
         "utility will connect clinics to the grid as long as the province pays the poles",
         "condition: will (evidence: as long as)"),
        ("Dr Kamau said complaints fell by a quarter in 2024.",
         "Following Dr Kamau's question, the commissioner said complaints fell by a quarter in 2024.",
         "speaker: Kamau (the notes credit: the commissioner)"),
        ("The caucus approved the open maps charter tabled by Peru.",
         "the Peruvian delegation put forward a charter on open maps for the caucus to review",
         "modality: approved"),
    ],
)
def test_the_verdict_names_the_part_that_did_not_align(checker, claim, evidence, named):
    verdict = checker.check(claim, [evidence])
    assert not verdict.supported
    assert any(m.startswith(named) or m.startswith((f"status: {named}", f"modality: {named}"))
               for m in verdict.missing), verdict.missing
    assert "contradicts the evidence" in verdict.reason


def test_a_verdict_is_a_pure_function_of_claim_and_evidence(checker):
    pair = ("Tariffs for rural users fell by about a fifth in 2025.",
            ["regulator: rural tariffs down ~20% in 2025"])
    other = ("The hub has certified 200 auditors.", ["hub: 200 auditors certified by mid-2027 (expected)"])
    alone = checker.check(*pair)
    batched = checker.check_many([other, pair, other])[1]
    assert alone.supported and alone == batched


NOTES = """Session: Clinics on the line
Organisers: Rural Health Links

Lena Park (Ministry of Health)
- 40 rural clinics now have telemedicine carts
- nurses get two weeks of training before the carts arrive

Tomas Berg (satellite operator)
- satellite capacity for clinics costs a third of what it did in 2021
- one shared ground station serves five districts
"""


def test_a_unit_with_its_speaker_grounds_the_right_credit_and_refuses_the_wrong_one(checker):
    notes = read_notes(NOTES)
    speaker = speaker_lookup(notes)
    line = next(n for n in range(1, 12) if "telemedicine carts" in notes.line(n).raw)
    units = evidence_units([Evidence(line=line, text=notes.line(line).raw.strip())], speaker)
    assert units[0].speaker.startswith("Lena Park")
    right = checker.check_units([("Lena Park said 40 rural clinics now have telemedicine carts.", units)])[0]
    assert right.supported, right.reason
    wrong = checker.check_units([("Tomas Berg said 40 rural clinics now have telemedicine carts.", units)])[0]
    assert not wrong.supported
    assert any(m.startswith("speaker: Tomas Berg") and "Lena Park" in m for m in wrong.missing), wrong.missing
    # without the speaker, the bullet alone cannot say who spoke: the name is not in the evidence
    bare = checker.check("Lena Park said 40 rural clinics now have telemedicine carts.", [units[0].text])
    assert not bare.supported


def test_an_edit_is_grounded_against_the_whole_notes(checker):
    notes = read_notes(NOTES)
    claim = "Tomas Berg said one shared ground station serves five districts."
    evidence = find_evidence(claim, notes, checker)
    assert any("ground station" in e.text for e in evidence)
    verdict = checker.check_units([(claim, evidence_units(evidence, speaker_lookup(notes)))])[0]
    assert verdict.supported, verdict.reason
    wrong = "Lena Park said one shared ground station serves five districts."
    evidence = find_evidence(wrong, notes, checker)
    verdict = checker.check_units([(wrong, evidence_units(evidence, speaker_lookup(notes)))])[0]
    assert not verdict.supported and any(m.startswith("speaker: Lena Park") for m in verdict.missing)


def test_the_draft_check_reads_the_speakers_from_the_notes(checker):
    notes = read_notes(NOTES)
    line = next(n for n in range(1, 12) if "ground station" in notes.line(n).raw)
    evidence = [Evidence(line=line, text=notes.line(line).raw.strip())]
    template = load_template("wsis-2025")
    section = template.sections[0]
    document = OutcomeDocument(
        header=Header(title="Clinics on the line"),
        sections=[Section(id=section.id, heading=section.heading, items=[
            Item(text="Tomas Berg said one shared ground station serves five districts.", evidence=evidence),
            Item(text="Lena Park said one shared ground station serves five districts.", evidence=evidence),
        ])],
        template_id=template.id,
    )
    report = check_draft(document, template, checker, speaker_lookup(notes))
    assert [c.verdict.supported for c in report.items] == [True, False]
    assert "Tomas Berg" in report.items[1].verdict.reason
    assert EvidenceUnit("x").speaker == ""
