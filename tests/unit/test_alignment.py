"""The alignment parts of the grounding verdict, on aligned clauses given by hand (no embeddings).

All claims and evidence here are illustrative, written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.domain.normalise import read_facts
from assistant.drafting.checks.alignment import (
    AlignedClauses,
    EvidenceUnit,
    claim_clauses,
    clauses,
    modality_parts,
    negation_agrees,
    polarity_parts,
    speaker_parts,
    without_negation,
)
from assistant.drafting.checks.vocabulary import expansions, vocabulary
from assistant.drafting.checks.weights import load_weights


def _aligned(claim: str, *evidence: str, shift: float = 0.0, unit: int | None = 0) -> AlignedClauses:
    return AlignedClauses(
        clauses=list(evidence), pairs=[(claim, list(evidence))], unit=unit, polarity_shift=shift
    )


def test_evidence_is_read_in_clauses():
    text = "coop mgr: kiosks in 3 mkts; more next yr - depends on budget\nsecond line -> follow-up"
    assert clauses(text) == ["coop mgr: kiosks in 3 mkts", "more next yr", "depends on budget",
                             "second line", "follow-up"]


def test_a_claim_splits_where_its_clauses_could_align_apart():
    claim = "The hub trained 40 staff, but the speaker said retention was weak; a review is due."
    assert claim_clauses(claim) == ["The hub trained 40 staff", "but the speaker said retention was weak",
                                    "a review is due."]
    assert claim_clauses("Short claim.") == ["Short claim."]


@pytest.mark.parametrize(
    ("claim", "evidence", "problem"),
    [
        ("Tariffs rose by a fifth.", "tariffs down ~20%", "polarity: rose (evidence: down)"),
        ("Retention after the course was weak.", "retention afterwards strong",
         "polarity: weak (evidence: strong)"),
        ("Most towns have a repair shop.", "few towns w/ a repair shop", "polarity: most (evidence: few)"),
    ],
)
def test_a_direction_the_evidence_reverses_is_named(claim, evidence, problem):
    parts = polarity_parts(claim, _aligned(claim, evidence), margin=0.1)
    assert [p.describe() for p in parts] == [problem]


def test_a_direction_both_sides_state_aligns():
    claim = "Tariffs fell by a fifth."
    assert polarity_parts(claim, _aligned(claim, "tariffs down ~20%, fell fastest in rural areas"), 0.1) == []
    # the evidence negates the other side ("not up"): nothing the claim reverses
    assert polarity_parts(claim, _aligned(claim, "tariffs fell, not up as feared"), 0.1) == []


def test_a_negation_counts_only_when_taking_it_away_brings_the_texts_closer():
    claim = "Speakers agreed on who pays for backhaul."
    evidence = "no consensus on who pays for backhaul"
    assert polarity_parts(claim, _aligned(claim, evidence, shift=0.02), margin=0.1) == []
    parts = polarity_parts(claim, _aligned(claim, evidence, shift=0.2), margin=0.1)
    assert [p.describe() for p in parts] == ["polarity: no negation (evidence: 'no')"]


def test_negation_agreement_and_removal():
    claim = "Speakers did not reach a shared view on funding."
    assert negation_agrees(_aligned(claim, "no consensus on funding"))
    assert not negation_agrees(_aligned(claim, "consensus on funding"))
    assert not negation_agrees(AlignedClauses())
    assert without_negation("the bill was not passed, no vote") == "the bill was passed, vote"


@pytest.mark.parametrize(
    ("claim", "evidence", "problem"),
    [
        ("The ministry's e-health records are now operational in all public hospitals.",
         "MoH: e-health records being tested at 4 public hospitals",
         "modality: now operational (evidence: being tested)"),
        ("The hub has certified 200 auditors.", "hub: 200 auditors certified by mid-2027 (expected)",
         "modality: certified (evidence: expected)"),
        ("Kiosks are in every rural market.", "kiosks in a few rural markets (pilot)",
         "modality: every (evidence: a few)"),
    ],
)
def test_a_claim_of_done_or_of_full_reach_needs_the_same_in_the_evidence(claim, evidence, problem):
    parts = modality_parts(claim, _aligned(claim, evidence), evidence)
    assert [p.describe() for p in parts] == [problem]


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The hub plans to certify 200 auditors in all provinces.",
         "hub: 200 auditors, pilot in 2 provinces (plan)"),
        ("The bridge loan has already been repaid.", "bridge loan already repaid, next tranche planned"),
        ("The hub has certified 200 auditors.", "hub certified 200 auditors last yr"),
    ],
)
def test_a_tentative_claim_or_a_stated_act_aligns(claim, evidence):
    assert modality_parts(claim, _aligned(claim, evidence), evidence) == []


def test_the_credited_speaker_must_be_the_units_speaker_or_named_in_it():
    units = [EvidenceUnit("- kiosks cost a third less than in 2021", speaker="Tomas Berg (operator)")]
    wrong = "Lena Park said kiosks cost a third less than in 2021."
    parts = speaker_parts(wrong, units, _aligned(wrong, units[0].text))
    assert [p.describe() for p in parts] == ["speaker: Lena Park (evidence: Tomas Berg (operator))"]
    right = "Tomas Berg said kiosks cost a third less than in 2021."
    assert speaker_parts(right, units, _aligned(right, units[0].text)) == []
    # named in the unit as the one who said it
    quoted = [EvidenceUnit("Lena Park (via chair): kiosks cost a third less", speaker="Chair")]
    assert speaker_parts(wrong, quoted, _aligned(wrong, quoted[0].text)) == []
    # no speaker known: the text tests decide, not this part
    assert speaker_parts(wrong, [EvidenceUnit(units[0].text)], _aligned(wrong, units[0].text)) == []


def test_fractions_and_shares_compare_as_the_same_figure():
    assert 0.25 in read_facts("about a quarter of farms").numbers
    assert 0.25 in read_facts("~25% of farms", generous=True).numbers
    assert 0.75 in read_facts("three quarters of users").numbers
    assert read_facts("three quarters of users").numbers == [0.75]  # not 3
    assert round(100 * 2 / 3, 4) in [round(n, 4) for n in read_facts("places: 2/3", generous=True).numbers]
    assert "Q2" in read_facts("the second quarter of 2026").quarters


def test_vocabularies_and_weights_are_data():
    vocab = vocabulary()
    assert vocab.negator.search("they didn't agree") and vocab.tentative.search("looking into it")
    assert vocab.opposite_sides("rose") and not vocab.opposite_sides("table")
    assert expansions("SG (ITU) and the APT") == [
        "Secretary-General", "International Telecommunication Union", "Asia-Pacific Telecommunity"]
    weights = load_weights()
    assert 0 < weights.clause_margin < 0.5 and 0 < weights.polarity_margin < 0.5


def test_a_weights_file_with_an_unknown_key_is_refused(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text("clause_margin = 0.1\nfloor = 2\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"unknown keys .* floor"):
        load_weights.__wrapped__(path)


@pytest.mark.parametrize(
    ("claim", "evidence", "missing"),
    [
        ("Kwame Osei said fraud rose.", "K. Osei: fraud rose", []),
        ("Kwame Osei said fraud rose.", "Dr. Osei: fraud rose", []),
        ("Kwame Osei said fraud rose.", "J. Osei: fraud rose", ["Kwame"]),
        ("Ana Osei said fraud rose.", "Kwame Osei: fraud rose", ["Ana"]),
        ("Maria Schulz opened the event.", "Opening by V. Martin", ["Maria", "Schulz"]),
    ],
)
def test_a_given_name_the_notes_leave_out_aligns_with_the_surname(claim, evidence, missing):
    from assistant.drafting.checks import missing_facts

    assert missing_facts(claim, evidence) == missing


def test_an_absent_part_is_named_by_kind():
    from assistant.drafting.checks.alignment import absent_kind

    assert [absent_kind(m) for m in ["2022", "3.1 million", "March", "Q2", "ITU's", "Conference"]] == [
        "figure", "figure", "figure", "figure", "name", "name"]


@pytest.mark.parametrize(
    ("claim", "problem"),
    [
        ("Ana Ruiz called for a regional fund for cable repair ships.",
         "speaker: Ana Ruiz (the notes credit: Pedro Alves)"),
        ("Pedro Alves called for a regional fund for cable repair ships.", None),
    ],
)
def test_a_statement_that_names_its_speaker_is_not_credited_to_the_person_before_it(claim, problem):
    from assistant.drafting.checks import missing_facts

    evidence = ("Ana Ruiz welcomed participants. A regional fund for cable repair ships is needed, "
                "said Pedro Alves.")
    assert missing_facts(claim, evidence) == ([problem] if problem else [])


def test_bullets_after_the_sentence_that_introduces_a_speaker_are_theirs():
    from assistant.drafting.checks import missing_facts

    evidence = "Minister Lena Park opened the session.\n- 40 rural clinics now have telemedicine carts"
    assert missing_facts("Lena Park said 40 rural clinics now have telemedicine carts.", evidence) == []


def test_any_act_in_the_past_where_the_evidence_only_intends_it_is_an_overclaim():
    claim = "The regulator auctioned the 3.5 GHz band earlier this year."
    evidence = "regulator: 3.5 GHz auction planned, consultation closes in March"
    parts = modality_parts(claim, _aligned(claim, evidence), evidence)
    assert [p.describe() for p in parts] == ["modality: auctioned (evidence: planned)"]
    # an evidence clause that states it as it is (no tentative word) aligns the act
    both = _aligned(claim, evidence, "regulator: 3.5 GHz band auctioned in Jan")
    assert modality_parts(claim, both, evidence) == []
    # a tentative claim claims nothing done
    hedged = "The regulator plans to auction the 3.5 GHz band, the speaker said."
    assert modality_parts(hedged, _aligned(hedged, evidence), evidence) == []
