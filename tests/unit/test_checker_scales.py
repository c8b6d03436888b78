"""The checker's third round of mechanisms, on pairs written for these tests (illustrative).

Direction words read in every inflection and in several groups, negative predicates and the refusal
words that restate them, contrasts by structure (`not A but B`, `A, not B`), commitment as a scale
(possible < intended < stated as a fact), counts spelled out against `all`, phrases of full reach,
and credit given to a role or relayed by a relative clause. No embeddings: the aligned clauses are
given by hand, as in test_alignment.py.
"""

from __future__ import annotations

import pytest

from assistant.drafting.checks.alignment import (
    AlignedClauses,
    clauses,
    hedge_parts,
    modality_parts,
    polarity_parts,
    structure_parts,
)
from assistant.drafting.checks.extent import extent_clash
from assistant.drafting.checks.polarity import contrast_reversed, contrast_sides, polarity_clash
from assistant.drafting.checks.speakers import _pieces, _wrong_speaker
from assistant.drafting.checks.vocabulary import vocabulary


def _aligned(claim: str, *evidence: str) -> AlignedClauses:
    return AlignedClauses(
        clauses=list(evidence), pairs=[(claim, list(evidence))], every=list(evidence), unit=0
    )


# -- directions ------------------------------------------------------------------------------------
def test_a_direction_word_is_read_in_every_inflection_and_in_each_of_its_groups():
    vocab = vocabulary()
    assert vocab.opposite_sides("shrinking")  # listed as `shrink`: its stem is on the list
    # `declined` is the opposite of `rose` and of `accepted`
    assert len(vocab.opposite_sides("declined")) >= 2


@pytest.mark.parametrize(
    ("claim", "evidence", "word"),
    [
        ("The mayor accepted the offer of free Wi-Fi.", "mayor declined the offer of free wifi", "accepted"),
        ("The ministry kept the import tax on phones.", "ministry dropped import tax on phones", "kept"),
        ("The regulator imposed fines on both operators.", "regulator waived fines for both operators",
         "imposed"),
        ("Women's share of the workforce is increasing.", "women's share of workforce shrinking",
         "increasing"),
    ],
)
def test_an_antonym_predicate_is_a_reversal(claim, evidence, word):
    parts = polarity_parts(claim, _aligned(claim, evidence), margin=0.1)
    assert [p.claim for p in parts] == [word]


def test_a_direction_word_the_claim_states_itself_is_no_contrary():
    claim = "The points raised included the decline of local newspapers."
    evidence = "challenges: decline of local newspapers"
    assert polarity_parts(claim, _aligned(claim, evidence), margin=0.1) == []


# -- negative predicates -----------------------------------------------------------------------------
def test_a_negative_predicate_negates_and_a_refusal_word_restates_it():
    evidence = "board turned down the request for a larger budget"
    assert polarity_clash("The board approved the request for a larger budget.", [evidence]) is not None
    assert polarity_clash("The board rejected the request for a larger budget.", [evidence]) is None
    assert polarity_clash("The pilot was a success.", ["pilot fell short of its goals"]) is not None


# -- contrasts by structure ----------------------------------------------------------------------------
def test_not_a_but_b_and_a_comma_not_b_set_a_side_aside():
    kept, aside, _ = contrast_sides("the main obstacle is not cost but skills")
    assert "skill" in kept and "cost" in aside
    kept, aside, _ = contrast_sides("skills, not cost, are the obstacle")
    assert "skill" in kept and "cost" in aside
    assert contrast_sides("not only cost but also skills") is None


def test_a_claim_that_turns_a_structural_contrast_round_is_reversed():
    evidence = "speaker: for farmers the main obstacle is not cost but skills"
    assert contrast_reversed("The speaker said cost, not skills, is the main obstacle for farmers.",
                             [evidence]) is not None
    assert contrast_reversed("Skills rather than cost are the main obstacle for farmers.", [evidence]) is None
    assert contrast_reversed("For farmers the main obstacle is skills.", [evidence]) is None


# -- commitment as a scale -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "problem"),
    [
        ("The operator will connect every village by 2026.",
         "operator may connect villages by 2026 if the subsidy is approved",
         "modality: will (evidence: may)"),
        ("The regulator will lower spectrum fees next year.",
         "regulator could lower spectrum fees next yr, depending on review",
         "modality: will (evidence: could)"),
        ("The government has a national quantum strategy.",
         "government is set to publish a national quantum strategy next yr",
         "modality: stated as done (evidence: set to)"),
    ],
)
def test_a_claim_more_certain_than_every_clause_it_restates_overclaims(claim, evidence, problem):
    assert [p.describe() for p in hedge_parts(_aligned(claim, evidence))] == [problem]


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The operator may connect villages by 2026 if the subsidy is approved.",
         "operator may connect villages by 2026 if subsidy approved"),
        # the hedge stands in another clause of the claim than the one aligned
        ("The Forum could use the takeaways as threads, and devote a track to the review.",
         "The Forum could use the takeaways as threads, and devote a track to the review."),
        ("Eighty schools are already connected.", "plan will connect 300 schools. first 80 already live"),
        ("The regulator lowered spectrum fees.", "regulator lowered spectrum fees, more cuts could follow"),
    ],
)
def test_a_claim_at_the_evidence_level_aligns(claim, evidence):
    assert hedge_parts(_aligned(claim, evidence)) == []


def test_a_phrase_of_full_reach_needs_the_same_reach_in_the_evidence():
    claim = "The e-learning programme runs in secondary schools across the country."
    evidence = "e-learning pilot in 5 secondary schools, scale-up to be decided"
    parts = modality_parts(claim, _aligned(claim, evidence), evidence)
    assert [p.claim for p in parts] == ["across the country"]


def test_a_count_spelled_out_is_a_part_of_what_the_claim_says_all_of():
    assert extent_clash("The scheme is used in all countries of the region.",
                        ["scheme used in one country of the region so far"]) is not None
    assert extent_clash("The scheme is used in one country of the region.",
                        ["scheme used in one country of the region so far"]) is None


def test_structure_parts_name_a_spelled_out_count():
    claim = "The scheme is used in all countries of the region."
    parts = structure_parts(_aligned(claim, "scheme used in one country of the region so far"))
    assert [p.kind for p in parts] == ["extent"]


# -- speaker credit --------------------------------------------------------------------------------------
def test_a_role_credited_for_another_speakers_statement_is_a_wrong_speaker():
    evidence = "Moderator (Joan Park): opened the floor\nAnil Rao (consumer group): auctions push up prices"
    assert _wrong_speaker("The moderator said auctions push up prices.", evidence)
    assert not _wrong_speaker("The moderator said she opened the floor.", evidence)


def test_a_relative_clause_gives_the_statement_to_the_one_it_names():
    evidence = "Fatima Zahra (UNDP) introduced Kwame Mensah, who said the broadband plan is behind schedule"
    assert _wrong_speaker("Fatima Zahra said the broadband plan is behind schedule.", evidence)
    assert not _wrong_speaker("Kwame Mensah said the broadband plan is behind schedule.", evidence)


# -- the shared splitter ---------------------------------------------------------------------------------
def test_the_checkers_splitters_keep_titles_and_abbreviations_whole():
    assert clauses("Dr. Lee said the hub opened. Next: funding - depends on budget") == [
        "Dr. Lee said the hub opened.", "Next: funding", "depends on budget"]
    pieces = _pieces("Lia Moss (telco): towers shared. Dir. (Min. of Econ.): half the seats go to women")
    assert pieces == ["Lia Moss (telco): towers shared.", "Dir. (Min. of Econ.): half the seats go to women"]



def test_a_claim_part_the_evidence_holds_word_for_word_is_no_direction_clash():
    # a phrasal `turn up` quoted as it stands, aligned (wrongly) with a clause where a signal `drops`
    claim = "The pass is renewed when papers turn up."
    quoted = "The pass is renewed when papers turn up"
    other = "The pass works offline where the signal drops"
    aligned = AlignedClauses(clauses=[other], pairs=[(claim, [other])], every=[other, quoted], unit=0)
    assert polarity_parts(claim, aligned, margin=0.1) == []
    # the same clause without the quote in the evidence is still read for its direction
    alone = AlignedClauses(clauses=[other], pairs=[(claim, [other])], every=[other], unit=0)
    assert polarity_parts(claim, alone, margin=0.1)  # `renewed` or `up` against `drops`
