"""The checker on forms that terse notes and fluent claims take (issue 24, fifth round).

Pairs written for these tests (illustrative): given names against initials, fractions written with a
hyphen or as a share of a stated whole, a contrast marker or a litotes in the claim, abbreviations
in a negator's scope, a group's conclusion against a divided room, a target claimed as achieved,
what one party did claimed of two, and an asker credited with the answer. No embeddings: the aligned
clauses are given by hand, as the mechanisms are structure and word classes.
"""

from __future__ import annotations

import pytest

from assistant.drafting.checks.alignment import (
    AlignedClauses,
    _direction_clash,
    conjunct_parts,
    consensus_parts,
    modality_parts,
    target_figure_parts,
)
from assistant.drafting.checks.facts import missing_facts
from assistant.drafting.checks.grounding import _most_shared
from assistant.drafting.checks.polarity import polarity_clash, read_polarity
from assistant.drafting.checks.speakers import _wrong_speaker
from assistant.drafting.checks.text import prepare
from assistant.drafting.checks.vocabulary import affirm_litotes, vocabulary


def _aligned(claim: str, *evidence: str) -> AlignedClauses:
    return AlignedClauses(clauses=list(evidence), pairs=[(claim, list(evidence))], every=list(evidence))


# -- names and figures --------------------------------------------------------------------------
def test_a_given_name_inside_a_longer_run_of_capitals_aligns_with_the_initial():
    evidence = "P. Haddou (ESCWA): 3 of 5 ministries now publish open data."
    claim = "Pierre Haddou of ESCWA said three of five ministries publish open data."
    assert missing_facts(claim, evidence) == []
    # another initial before the same surname is another person
    assert "Pierre" in missing_facts("Pierre Haddou of ESCWA said so.", "J. Haddou (ESCWA): so.")


def test_two_names_joined_by_a_word_are_not_a_given_name_and_a_surname():
    assert "Peru" in missing_facts("Peru and the Czech Republic signed the pact.",
                                   "Chile & Czech Republic signed the pact")


def test_a_hyphenated_fraction_is_a_share_not_a_name():
    assert missing_facts("Three-quarters of the clinics are online.", "clinics online: 75%") == []
    assert missing_facts("Three-quarters of the clinics are online.", "clinics online: 40%") != []


def test_a_fraction_of_a_whole_the_claim_states_aligns_with_the_part_counted():
    evidence = "Pilot (60 villages): 30 got solar kiosks."
    assert missing_facts("Half of the 60 pilot villages got solar kiosks.", evidence) == []
    claim = "Half of the 60 pilot villages got solar kiosks."
    assert missing_facts(claim, "Pilot (60 villages): 12 got kiosks.")


def test_a_hyphenated_name_gives_an_initial_per_part():
    assert missing_facts("The Asia-Pacific Telecommunity met in Bangkok.", "APT mtg, Bangkok") == []


# -- polarity -----------------------------------------------------------------------------------
def test_a_contrast_marker_negates_only_what_it_sets_aside():
    claim = "Renewing a permit now takes three days instead of twelve."
    assert polarity_clash(claim, ["permit renewal: 12 days to 3 days"]) is None
    # what it sets aside is still negated where the evidence states it
    assert read_polarity("kept paper forms instead of the portal", "the portal").negated


def test_a_word_the_notes_cut_short_is_shared_content_for_a_negator():
    assert read_polarity("no interop. of health records", "without interoperable health records").negated
    assert polarity_clash("Without interoperable records, referrals stay slow.",
                          ["no interop. of records"]) is None


def test_a_lack_word_the_negation_governs_restates_nothing():
    claim = "The reader app works offline in rural schools."
    assert polarity_clash(claim, ["reader app, which does not work offline, of little use in rural schools"])


def test_a_litotes_reads_as_the_word_it_affirms():
    assert affirm_litotes("a not insignificant share") == "a significant share"
    assert affirm_litotes("it is not an unusual outcome") == "it is usual outcome"
    assert polarity_clash(prepare("Fees are a real hurdle for students."),
                          [prepare("fees: not an insignificant hurdle for students")]) is None
    # the word a litotes affirms still reverses a claim of its opposite
    assert polarity_clash(prepare("The panel said it is impossible to audit the models."),
                          [prepare("panel: not impossible to audit the models")])


def test_reluctance_negates_its_clause():
    assert polarity_clash("Small firms are willing to share their data.",
                          ["small firms reluctant to share data"])


def test_the_clause_sharing_most_words_is_aligned_beside_the_closest_in_meaning():
    texts = ["K. Ito: app store Japanese-only", "regional-language help pages absent"]
    assert _most_shared("Help pages in regional languages are on the app store.", texts) == [texts[1]]
    assert _most_shared("Tariffs fell.", texts) == []


# -- modality and extent ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Delegates agreed that data centres must run on renewables.",
         "Some delegates urged renewables-only data centres; industry reps objected."),
        ("The roundtable concluded that licensing should be abolished.",
         "T. Vos (telco): abolish licensing."),
    ],
)
def test_a_group_conclusion_needs_an_agreement_the_evidence_states(claim, evidence):
    parts = consensus_parts(_aligned(claim, evidence))
    assert parts and parts[0].kind == "extent"


def test_a_group_conclusion_the_evidence_states_is_no_overclaim():
    claim = "Delegates agreed that data centres must run on renewables."
    assert consensus_parts(_aligned(claim, "Delegates agreed: renewables-only data centres.")) == []


def test_a_target_claimed_as_achieved_is_an_overclaim():
    claim = "The scheme has connected 900 households."
    aligned = _aligned(claim, "scheme connected 350 households to date", "900 = goal for 2027")
    parts = target_figure_parts(aligned)
    assert [p.describe() for p in parts] == ["modality: 900 (evidence: goal)"]
    assert target_figure_parts(_aligned(claim, "scheme connected 900 households", "1,200 = goal")) == []


def test_what_one_party_did_claimed_of_two_is_an_overclaim():
    claim = "Benin and Togo have ratified the cybercrime convention."
    evidence = ("Benin ratified the convention", "Togo: ratification under review")
    parts = conjunct_parts(_aligned(claim, *evidence))
    assert [p.describe() for p in parts] == ["modality: Togo (evidence: under review)"]
    assert conjunct_parts(_aligned(claim, "Benin, Togo: ratified the convention")) == []


# -- speakers -----------------------------------------------------------------------------------
def test_the_asker_is_not_credited_with_the_answer():
    evidence = "L. Dube asked what rural libraries lack. Reply, M. Sousa (IFLA): trained staff and power."
    found = _wrong_speaker("Lindiwe Dube said rural libraries lack trained staff and power.", evidence)
    assert found and "Sousa" in found[0]
    assert _wrong_speaker("Lindiwe Dube asked what rural libraries lack.", evidence) == []


def test_the_one_handing_the_floor_over_is_not_credited_with_what_follows():
    evidence = "Chair R. Osei gave the floor to Dr M. Lunde (Norad): donors must fund maintenance."
    found = _wrong_speaker("Chair Rita Osei said donors must fund maintenance.", evidence)
    assert found and "Lunde" in found[0]
    assert _wrong_speaker("Dr Lunde said donors must fund maintenance.", evidence) == []


def test_a_count_that_looks_like_a_year_is_still_a_count():
    claim = "The network has trained 2,000 nurses."
    aligned = _aligned(claim, "network trained 700 nurses so far", "aim = 2,000 nurses by 2027")
    assert [p.describe() for p in target_figure_parts(aligned)] == ["modality: 2,000 (evidence: aim)"]


def test_a_state_the_evidence_gives_only_as_pending_is_an_overclaim():
    claim = "The platform rules are in force nationwide."
    aligned = _aligned(claim, "platform rules adopted by cabinet", "entry into force pending publication")
    assert [p.describe() for p in modality_parts(claim, aligned, " ".join(aligned.every))] == [
        "modality: in force (evidence: pending)"]


def test_a_title_both_labels_share_is_no_support_for_the_credited_one():
    evidence = "Dr K. Bello: drones speed up mapping. Prof. T. Lind: drones raise privacy risks."
    found = _wrong_speaker("Dr Kemi Bello warned that drones raise privacy risks.", evidence)
    assert found and "Lind" in found[0]
    assert _wrong_speaker("Dr Kemi Bello said drones speed up mapping.", evidence) == []


def test_right_and_wrong_are_opposite_directions():
    claim = "The pilot showed the model labels most images correctly."
    found = _direction_clash(claim, "pilot: model labels most images wrongly", vocabulary())
    assert found is not None and found.describe() == "polarity: correctly (evidence: wrong)"
    assert _direction_clash(claim, "pilot: model labels most images accurately", vocabulary()) is None
