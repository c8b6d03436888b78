"""The checker's eleventh-round parts, on pairs written for these tests (illustrative, not from any notes).

A figure stated as reached where the evidence gives it as just short (`nearly`) or only roughly
against an exact claim; a unit glued to its figure; the month May after a preposition of time; a
completed state (`is complete`) and a funded act against a pending or sought one, read through a
lexical field (`financed` / `donors`); antonyms of prevention, omission and use; a modal negation
restated by a risk; a consensus named before its group; the clause that states a point outranking
the label that names its speaker. The last tests run the whole checker with the shipped model.
"""

from __future__ import annotations

from assistant.drafting.checks import GroundingChecker
from assistant.drafting.checks.alignment import AlignedClauses, consensus_parts, field_of
from assistant.drafting.checks.figures import month_may, short_of_clashes
from assistant.drafting.checks.polarity import polarity_clash
from assistant.drafting.checks.text import prepare


# -- figures ---------------------------------------------------------------------------------------
def test_a_figure_just_short_of_its_value_is_not_reached():
    evidence = "W. Kaur (TRAI): almost 75% of villages have 4G"
    assert short_of_clashes("Kaur said 75% of villages have 4G.", evidence) == [("75", "almost")]
    # the claim keeps a hedge or a bound of its own: no raise in degree
    assert short_of_clashes("Kaur said nearly 75% of villages have 4G.", evidence) == []
    assert short_of_clashes("Kaur said under 75% of villages have 4G.", evidence) == []
    # the evidence also states the value plainly
    assert short_of_clashes("Kaur said 75% of villages have 4G.", "75% of villages have 4G") == []


def test_an_exact_claim_needs_more_than_a_rough_figure():
    evidence = "about 1,200 kiosks installed"
    assert short_of_clashes("Exactly 1,200 kiosks were installed.", evidence) == [
        ("exactly 1,200", "approximate")
    ]
    assert short_of_clashes("Around 1,200 kiosks were installed.", evidence) == []
    assert short_of_clashes("Exactly 1,200 kiosks were installed.", "1,200 kiosks installed") == []


def test_a_unit_glued_to_its_figure_is_read_apart():
    assert prepare("links of 100Mbps on 26GHz") == "links of 100 Mbps on 26 GHz"
    # a scale letter is no unit (`2.6bn`, `5m`), nor a code that only starts with a figure's digits
    assert prepare("2.6bn for 5m users") == "2.6bn for 5m users"


def test_may_after_a_preposition_of_time_is_the_month():
    assert month_may("The law took effect in May.", "law in effect since Apr.") == ["May"]
    assert month_may("The law took effect in May.", "law in effect since May") == []
    # the modal, and May beside a day (the shared date reader's case), are left alone
    assert month_may("The law may take effect soon.", "law in effect since Apr.") == []
    assert month_may("Officials said in May be ready.", "x") == []


# -- modality --------------------------------------------------------------------------------------
def test_a_lexical_field_links_an_act_to_its_other_words():
    assert "donor" in field_of("fund") and "financ" in field_of("fund")
    assert field_of("launch") == frozenset()


def test_a_group_agreement_named_before_the_group_needs_the_evidence_to_agree():
    claim = "The review found wide agreement among delegates."
    evidence = "review: delegates at odds on scope"
    aligned = AlignedClauses(clauses=[evidence], pairs=[(claim, [evidence])], every=[evidence], unit=0)
    assert [(p.claim, p.evidence) for p in consensus_parts(aligned)] == [("delegates agreement", "at odds")]
    agreed = "review: delegates agreed on scope"
    aligned = AlignedClauses(clauses=[agreed], pairs=[(claim, [agreed])], every=[agreed], unit=0)
    assert consensus_parts(aligned) == []


# -- polarity --------------------------------------------------------------------------------------
def test_a_modal_negation_restates_a_risk():
    claim = "The grant may not be renewed next year."
    assert polarity_clash(claim, ["grant renewal in doubt next year"]) is None
    # without the modal, a plain negation against a risk is still a reversal to read
    assert polarity_clash("The grant was not renewed.", ["grant renewed"]) == ("'not'", "no negation")


def test_the_clause_stating_the_point_outranks_the_speaker_label():
    claim = "Obi said farmers were well served by the app."
    clauses = ["P. Obi (FAO): farmers app", "farmers scarcely served"]
    assert polarity_clash(claim, clauses) == ("no negation", "'scarcely'")


# -- the whole checker -----------------------------------------------------------------------------
def test_the_checker_reads_antonyms_funding_and_completion(embedder):
    checker = GroundingChecker(embedder)
    funded = checker.check("Diop said the fibre project has been financed.",
                           ["M. Diop (ARTP): fibre project costed; backers still sought"])
    assert not funded.supported and "modality" in funded.reason
    complete = checker.check("Diop said the fibre ring is complete.",
                             ["M. Diop (ARTP): fibre ring to finish by end-2027; 40% laid"])
    assert not complete.supported
    barred = checker.check("Diop said the decree allows operators to share masts.",
                           ["M. Diop (ARTP): decree bars operators from sharing masts"])
    assert not barred.supported and "polarity" in barred.reason
    omitted = checker.check("Diop said the census includes nomadic households.",
                            ["M. Diop (ARTP): census omits nomadic households"])
    assert not omitted.supported
    same = checker.check("Diop said the decree lets operators share masts.",
                         ["M. Diop (ARTP): decree allows operators to share masts"])
    assert same.supported, same.reason


def test_the_checker_keeps_a_faithful_paraphrase_of_a_glued_unit_and_a_risk(embedder):
    checker = GroundingChecker(embedder)
    glued = checker.check("Diop said the regulator will assign the 26 GHz band in 2027.",
                          ["M. Diop (ARTP): 26GHz band assignment in 2027"])
    assert glued.supported, glued.reason
    risk = checker.check("Diop warned that the rural grant may not be renewed in 2027.",
                         ["M. Diop (ARTP): rural grant renewal at risk in 2027"])
    assert risk.supported, risk.reason


def test_a_short_remark_after_a_topic_clause_qualifies_it():
    every = ["T. Ruiz (SUBTEL): spectrum fund", "nil bids so far", "regional towers shared under a 2022 deal"]
    # a negated claim restated by the remark (`nil bids`) is no reversal
    assert polarity_clash("Ruiz said the spectrum fund has not received bids.", [every[0]], every) is None
    # a remark that states the affirmative is no restatement of the negation
    affirming = ["T. Ruiz (SUBTEL): spectrum fund", "bids flowing in"]
    assert polarity_clash("Ruiz said the spectrum fund has not received bids.", [affirming[0]], affirming)


def test_an_act_a_remark_leaves_undecided_is_not_done(embedder):
    checker = GroundingChecker(embedder)
    undecided = checker.check("Ruiz said the regulator has capped roaming fees.",
                              ["T. Ruiz (SUBTEL): roaming fee cap - no decision yet"])
    assert not undecided.supported and "modality" in undecided.reason
    decided = checker.check("Ruiz said the regulator has capped roaming fees.",
                            ["T. Ruiz (SUBTEL): roaming fee cap - adopted in March"])
    assert decided.supported, decided.reason
