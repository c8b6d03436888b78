"""Overclaims read from structure and credit given to someone only spoken of (issue 24, fourth round).

Pairs written for these tests (illustrative), in wordings none of the data files was made on. No
embeddings: the aligned clauses are given by hand, or the text tests are called directly.
"""

from __future__ import annotations

import pytest

from assistant.drafting.checks.alignment import (
    AlignedClauses,
    decision_parts,
    modality_parts,
    structure_parts,
)
from assistant.drafting.checks.aspect import inflections, intended_only
from assistant.drafting.checks.extent import counted_ranks, extent_clash, share_ranks
from assistant.drafting.checks.names import _name_spans, _organisation_of_role
from assistant.drafting.checks.polarity import polarity_clash
from assistant.drafting.checks.speakers import _speaker_of_claim, _wrong_speaker
from assistant.drafting.checks.status import overclaims


def _aligned(claim: str, evidence: str) -> AlignedClauses:
    return AlignedClauses(clauses=[evidence], pairs=[(claim, [evidence])], every=[evidence])


# -- intention by structure: the `to`-infinitive and the modal auxiliary --------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "verb"),
    [
        ("The portal hosts every court ruling.", "portal built to host court rulings", "hosts"),
        ("The bureau trained 300 statisticians.", "bureau's plan: to train 300 statisticians",
         "trained"),
        ("The lender financed the solar mini-grids.", "lender could finance the solar mini-grids",
         "financed"),
        ("The agency certifies cloud providers.", "agency would certify cloud providers from 2027",
         "certifies"),
    ],
)
def test_a_verb_the_evidence_states_only_as_a_purpose_is_an_overclaim(claim, evidence, verb):
    found = intended_only(claim, [evidence])
    assert found is not None and found[0] == verb
    assert any(p.kind == "modality" for p in modality_parts(claim, _aligned(claim, evidence), evidence))


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # the infinitive after an implicative verb states a fact
        ("The bureau trained 300 statisticians.", "bureau managed to train 300 statisticians"),
        ("The co-op went on to export its coffee.", "co-op went on to export its coffee"),
        ("The portal hosts court rulings.", "portal began to host court rulings in May"),
        ("The ministry cancelled the tender.", "ministry had to cancel the tender"),
        # a causative makes the infinitive after its object a fact
        ("Fishers sold their catch online.", "app enabled fishers to sell their catch online"),
        # the evidence states the finite form somewhere too
        ("The bureau trained 300 statisticians.", "bureau trained 300 statisticians and wants to train more"),
        # a noun after `to` is no infinitive; the claim's own purpose claims nothing done
        ("The fund gives grants to users.", "fund: grants to users"),
        ("The bureau aims to train 300 statisticians.", "bureau: to train 300 statisticians"),
    ],
)
def test_a_fact_or_a_purpose_restated_is_no_overclaim(claim, evidence):
    assert intended_only(claim, [evidence]) is None


def test_inflections_are_the_finite_forms_of_a_bare_verb():
    assert {"serves", "served"} <= inflections("serve")
    assert {"applies", "applied"} <= inflections("apply")
    assert "users" not in inflections("use")


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # volition verbs and inceptive aspect are data
        ("The council cleared its case backlog.", "council wants to clear its case backlog this year"),
        ("Solar kiosks were installed in all villages.", "solar kiosks: installation began in 4 villages"),
    ],
)
def test_a_wanted_or_only_begun_act_stated_as_done_is_an_overclaim(claim, evidence):
    assert modality_parts(claim, _aligned(claim, evidence), evidence)


def test_a_part_named_of_the_whole_is_less_than_the_whole():
    assert counted_ranks("The whole island has fibre.", "fibre: two villages of the island so far")
    parts = structure_parts(
        _aligned("The whole island has fibre now.", "fibre: two villages of the island so far"))
    assert [p.kind for p in parts] == ["extent"]
    # the same whole stated by the evidence is no part
    assert not structure_parts(_aligned("The whole island has fibre.", "fibre now across the whole island"))


# -- credit to someone only spoken of ---------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "credited"),
    [
        ("Nadia Bello said roaming charges should be capped.",
         "Replying to Nadia Bello, Arjun Mehta (GSMA) said roaming charges should be capped", "Arjun Mehta"),
        ("According to the WHO, telehealth cuts waiting times by a third.",
         "Lucia Romero (PAHO), questioning a WHO study: telehealth cuts waiting times by a third",
         "Lucia Romero"),
    ],
)
def test_a_person_named_only_as_someone_spoken_of_is_the_wrong_speaker(claim, evidence, credited):
    found = _wrong_speaker(claim, evidence)
    assert found and credited in found[0]


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Arjun Mehta said roaming charges should be capped.",
         "Replying to Nadia Bello, Arjun Mehta (GSMA) said roaming charges should be capped"),
        # an organisation in brackets is its speaker's own
        ("The GSMA said roaming charges should be capped.",
         "Arjun Mehta (GSMA), replying to Nadia Bello: roaming charges should be capped"),
        # an affiliation set beside the one who speaks
        ("Peru said the spectrum auction raised 90 million dollars.",
         "Rosa Quispe, Peru's deputy minister, said the spectrum auction raised USD 90m"),
        ("The GSMA said roaming charges should be capped.",
         "Arjun Mehta, policy lead at the GSMA, said roaming charges should be capped"),
        # credited together with the one who says it
        ("Nadia Bello said roaming charges should be capped.",
         "Nadia Bello and Arjun Mehta said roaming charges should be capped"),
    ],
)
def test_the_one_who_says_it_or_their_organisation_is_the_right_speaker(claim, evidence):
    assert _wrong_speaker(claim, evidence) == []


def test_an_article_opening_the_sentence_is_no_part_of_the_credited_name():
    assert _speaker_of_claim("The African Union called for a data policy.") == ["African", "Union"]
    assert _wrong_speaker(
        "The African Union called for a continental data policy.",
        "Q (AU delegate): what comes next?\nA (Rosa Lind, Smart Africa): a continental data policy is needed",
    )


# -- faithful restatements that must not be refused ---------------------------------------------
def test_a_restrictive_condition_restates_a_negation_with_unless():
    claim = "The board will not approve the budget unless audits improve."
    assert polarity_clash(claim, ["board: budget approval only if audits improve"]) is None
    # without the condition the negation is a reversal
    assert polarity_clash("The board will not approve the budget.", ["board: budget approved"]) is not None


def test_a_tentative_participle_the_claim_keeps_is_no_sign_of_an_overclaim():
    assert overclaims("The fund has already paid 300 of its projected 900 grants.",
                      "fund: 300 grants paid to date, 900 projected") == []
    # the same claim against evidence that states the payment only as intended
    assert overclaims("The fund has already paid 300 of its projected 900 grants.",
                      "fund: 300 grants to be paid, 900 projected")


# -- talk is not agreement; restrictions; whose title ---------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Mayors agreed to pool their procurement of buses.", "mayors talked about pooling bus procurement"),
        ("The ministry now requires banks to report breaches.",
         "ministry mulls requiring banks to report breaches"),
    ],
)
def test_a_decision_where_the_evidence_only_deliberates_is_an_overclaim(claim, evidence):
    parts = decision_parts(_aligned(claim, evidence))
    assert [p.kind for p in parts] == ["modality"]


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Mayors agreed to pool their procurement of buses.", "mayors agreed on pooled bus procurement"),
        ("Mayors discussed pooling their procurement of buses.",
         "mayors talked about pooling bus procurement"),
        ("Mayors did not agree to pool their procurement of buses.",
         "mayors talked about pooling bus procurement"),
    ],
)
def test_a_decision_stated_or_a_deliberation_restated_is_no_overclaim(claim, evidence):
    assert decision_parts(_aligned(claim, evidence)) == []


def test_a_restriction_restates_two_negatives():
    claim = "The grants go only to cooperatives that can match the funding."
    assert polarity_clash(claim, ["grants not given to cooperatives unable to match funding"]) is None
    # one negative alone is a reversal
    assert polarity_clash("The grants go to cooperatives.", ["grants not given to cooperatives"]) is not None


def test_the_owner_of_a_head_title_may_be_named_where_the_notes_give_the_title_alone():
    spans = [s for s in _name_spans("According to WIPO's Director-General, filings rose") if len(s) == 2]
    assert _organisation_of_role(spans[0], 0, "DG: filings up")
    # notes that name an organisation keep the claim's organisation a part to align
    assert not _organisation_of_role(spans[0], 0, "DG (ILO): filings up")
    assert not _organisation_of_role(spans[0], 0, "filings up, said the chair of the panel")


def test_a_statement_opening_with_another_s_question_credits_the_one_who_answers():
    assert _wrong_speaker(
        "Kofi Annor said the metro's ticket app will support cash top-ups.",
        "After Kofi Annor's question, Lea Brun (transit agency) said the ticket app will support "
        "cash top-ups",
    )
    assert _wrong_speaker(
        "Dr. Kofi Annor said the ticket app will support cash top-ups.",
        "Dr. Kofi Annor, replying to Lea Brun, said the ticket app will support cash top-ups",
    ) == []


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Not one district has reached the literacy target.", "literacy target: reached in 0 districts"),
        ("No bids were received for the tender.", "tender drew zero bids"),
    ],
)
def test_a_count_of_none_restates_a_negation(claim, evidence):
    assert polarity_clash(claim, [evidence]) is None


def test_written_fractions_are_shares():
    assert [rank for rank, _ in share_ranks("a third of clinics")] == [2]
    assert [rank for rank, _ in share_ranks("three quarters of clinics")] == [4]
    assert extent_clash("All clinics are online.", ["about a third of clinics online"]) is not None
