"""The checker's eighth-round parts (issue 24): units after a figure, superlatives, a count of a
counted whole, a hedge over an infinitive complement, an act the evidence gives only as pending in a
clause of its own. Each is tested on a pair it catches and a faithful paraphrase it accepts; pairs
written for these tests (illustrative). No embeddings: the aligned clauses are given by hand.
"""

from __future__ import annotations

import pytest

from assistant.drafting.checks.alignment import AlignedClauses, hedge_parts, modality_parts, structure_parts
from assistant.drafting.checks.facts import missing_facts
from assistant.drafting.checks.measures import unit_clashes, units_after
from assistant.drafting.checks.rank import rank_clash, superlatives
from assistant.drafting.checks.status import realised_words
from assistant.drafting.checks.text import prepare


def _aligned(claim: str, chosen: list[str], every: list[str]) -> AlignedClauses:
    return AlignedClauses(clauses=chosen, pairs=[(claim, chosen)], every=every)


# -- units after a figure -----------------------------------------------------------------------
def test_points_are_not_percent():
    evidence = prepare("T. Varga (NMHH): fixed broadband take-up up 8 pts since 2022")
    assert unit_clashes(prepare("Fixed broadband take-up rose by 8 percent since 2022."), evidence) == [
        ("8 percent", "8 pts")
    ]
    assert unit_clashes(prepare("Take-up of fixed broadband is up eight percentage points since 2022."),
                        evidence) == []


def test_a_rate_per_period_keeps_its_period():
    evidence = prepare("helpdesk: ~1,500 calls/week")
    assert unit_clashes(prepare("The helpdesk answers about 1,500 calls a day."), evidence)
    assert unit_clashes(prepare("Around 1,500 calls reach the helpdesk every week."), evidence) == []
    # a unit only one side states is left to the meaning test
    assert unit_clashes(prepare("The helpdesk answers about 1,500 calls."), evidence) == []


def test_the_unit_is_read_before_the_next_figure():
    # `over 65 rose by 12 percent`: `percent` belongs to 12, not to 65
    assert "share" not in units_after("people over 65 rose by 12 percent", "65")
    assert units_after("people over 65 rose by 12 percent", "12")["share"][0] == "percent"


# -- superlatives -------------------------------------------------------------------------------
def test_a_superlative_the_evidence_does_not_rank_is_a_part():
    evidence = "K. Sato (MIC Japan): Japan one of four G7 members w/ open 5G testbeds"
    assert rank_clash("Japan was the first G7 member to open 5G testbeds.", evidence) == ("first", "one of")
    assert rank_clash("The Kigali hub is the biggest in East Africa.", "Kigali hub: 40 start-ups hosted") == (
        "biggest", "no rank")


def test_a_superlative_the_evidence_states_in_other_words_aligns():
    assert rank_clash("The Kigali hub is the biggest in East Africa.",
                      "Kigali hub: largest in E. Africa, 40 start-ups") is None
    assert rank_clash("Japan is among four G7 members with open 5G testbeds.",
                      "K. Sato (MIC Japan): Japan one of four G7 members w/ open 5G testbeds") is None


@pytest.mark.parametrize(
    "claim",
    ["The first tranche of the grant arrives in May.", "For the first time, the forum met in Africa.",
     "The first speaker opened the session.", "Member states first discussed the text in 2023."],
)
def test_first_of_order_or_time_ranks_nothing(claim):
    assert superlatives(claim) == []


# -- a count of a counted whole ---------------------------------------------------------------------
def test_all_of_a_whole_the_evidence_counts_a_part_of_is_a_part():
    every = ["e-court filing (Min. Justice)", "live in 4 of 13 regional courts"]
    aligned = _aligned("E-court filing is used in all regional courts.", every[:1], every)
    assert any(p.kind == "extent" for p in structure_parts(aligned))
    kept = _aligned("E-court filing is live in four of the 13 regional courts.", every[1:], every)
    assert not any(p.kind == "extent" for p in structure_parts(kept))


# -- commitment -----------------------------------------------------------------------------------
def test_a_hedge_governs_the_infinitive_that_completes_it():
    evidence = ["A. Leroy (Benin): 'we would hope, over time, to bring every market online'"]
    assert hedge_parts(_aligned("Benin has pledged to bring every market online.", evidence, evidence))
    assert not hedge_parts(_aligned("Leroy said Benin would hope to bring every market online over time.",
                                    evidence, evidence))


def test_an_act_given_only_as_pending_in_a_clause_of_its_own_is_not_done():
    every = ["national e-archive (Min. Culture)", "opening set for 2027"]
    assert modality_parts("The ministry has opened the national e-archive.", _aligned(
        "The ministry has opened the national e-archive.", every[:1], every), " ".join(every))
    paraphrase = "The national e-archive is set to open in 2027."
    assert not modality_parts(paraphrase, _aligned(paraphrase, every, every), " ".join(every))


# -- paraphrases the fact tests no longer refuse -----------------------------------------------------
def test_a_done_word_after_a_tentative_one_states_nothing_done():
    assert realised_words("The works are due to be completed in June.") == []
    assert realised_words("The works were completed in June.")


def test_an_acronym_with_lower_case_letters_is_spelled_out_by_its_capitals():
    assert missing_facts("The Islamic Development Bank funds the scheme.", "scheme funded by IsDB") == []
    assert missing_facts("The Asian Development Bank funds the scheme.", "scheme funded by IsDB")


def test_a_figure_used_as_an_adjective_is_read_whole():
    evidence = "parliament OK'd KES 2bn fund"
    assert missing_facts("Parliament approved a two-billion-shilling fund.", evidence) == []
    assert missing_facts("Parliament approved a three-billion-shilling fund.", evidence)


def test_a_one_letter_prefix_written_out_is_no_name():
    evidence = "e-voting used in 2/9 districts"
    assert missing_facts("Electronic voting is used in 2 of 9 districts.", evidence) == []
    assert missing_facts("Estonian voting is used in 2 of 9 districts.", "voting used in 2/9 districts")


# -- a statement quoted word for word -------------------------------------------------------------------
def test_a_whole_statement_quoted_word_for_word_is_its_own_support():
    from assistant.drafting.checks.grounding import quoted_whole

    evidence = "Session 4. Funding: Donors said they cannot fund connectivity alone. Next item."
    assert quoted_whole("Donors said they cannot fund connectivity alone [2].", evidence)
    # a run of words cut out of a statement may drop what changes its sense
    assert not quoted_whole("They fund connectivity alone.", evidence)
    negated = "It is untrue that donors can fund connectivity alone."
    assert not quoted_whole("Donors can fund connectivity alone.", negated)


# -- deadlines, obligation, unanimity ---------------------------------------------------------------------
def test_a_count_given_with_a_deadline_beside_one_reached_is_the_target():
    from assistant.drafting.checks.alignment import target_figure_parts

    every = ["R. Oduya (ICTA): 3k health workers certified so far", "8k by 2028"]
    claim = "Kenya has certified 8,000 health workers, Oduya said."
    assert target_figure_parts(_aligned(claim, every, every))
    kept = "Oduya said 8,000 health workers should be certified by 2028, with 3,000 certified so far."
    assert not target_figure_parts(_aligned(kept, every, every))


def test_a_state_the_claim_only_intends_is_not_stated_as_done():
    assert realised_words("The regulator intends to make the code of practice compulsory next year.") == []
    assert realised_words("The code of practice is compulsory.")


def test_binding_is_not_advisory_and_unanimous_is_not_a_majority():
    from assistant.drafting.checks.alignment import polarity_parts

    evidence = ["open-source procurement guidelines: advisory for municipalities"]
    claim = "The open-source procurement guidelines are binding on municipalities."
    assert any(p.kind == "polarity" for p in polarity_parts(claim, _aligned(claim, evidence, evidence), 0.1))
    same = "The open-source procurement guidelines are advisory for municipalities."
    assert not polarity_parts(same, _aligned(same, evidence, evidence), 0.1)
    votes = ["charter on data ethics adopted by majority vote; 2 abstentions"]
    assert any(p.kind == "extent" for p in structure_parts(_aligned(
        "The charter on data ethics was adopted unanimously.", votes, votes)))
    assert not any(p.kind == "extent" for p in structure_parts(_aligned(
        "A majority adopted the charter on data ethics, with two abstentions.", votes, votes)))


def test_a_reach_the_evidence_gives_only_as_intended_is_no_reach():
    every = ["booking app: trialled at 3 clinics", "to be extended to all clinics in 2027"]
    claim = "The booking app is used at all clinics."
    assert modality_parts(claim, _aligned(claim, every[:1], every), " ; ".join(every))
    kept = "The booking app, trialled at three clinics, is to be extended to all clinics in 2027."
    assert not modality_parts(kept, _aligned(kept, every, every), " ; ".join(every))


def test_a_state_no_clause_gives_while_the_next_step_is_pending_is_not_done():
    every = ["cross-border e-payments treaty signed", "awaiting ratification by 2 senates"]
    claim = "The cross-border e-payments treaty is in force."
    assert modality_parts(claim, _aligned(claim, every[:1], every), " ; ".join(every))
    kept = "The cross-border e-payments treaty has been signed and awaits ratification by two senates."
    assert not modality_parts(kept, _aligned(kept, every, every), " ; ".join(every))


def test_an_act_stated_only_against_a_deadline_is_a_target():
    every = ["S. Abebe (Ethio telecom): 400 health posts connected by 2027"]
    claim = "Ethio telecom has connected 400 health posts, Abebe said."
    assert any(p.kind == "modality" for p in modality_parts(claim, _aligned(claim, every, every), every[0]))
    kept = "Abebe said 400 health posts will have been connected by 2027."
    assert not modality_parts(kept, _aligned(kept, every, every), every[0])


def test_an_irregular_past_in_the_evidence_states_the_act_done():
    from assistant.drafting.checks.status import overclaims

    evidence = "1,400 towers built so far; 600 more by 2027"
    assert overclaims("So far 1,400 towers have been built, with 600 more due by 2027.", evidence) == []
