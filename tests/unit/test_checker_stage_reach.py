"""The checker's ninth-round parts, on pairs written for these tests (illustrative, not from any notes).

Stage as an ordered scale (conceived < decided < under way < in effect), reach by category (a bound,
a phase, a count of the parts of a place), a country named through the acronym of a body, phrasal
particles that state no direction, and the verdict that names them. The parts are pure functions of
the claim and evidence texts; the last tests run the whole checker with the shipped model.
"""

from __future__ import annotations

import pytest

from assistant.drafting.checks import GroundingChecker
from assistant.drafting.checks.alignment import AlignedClauses, polarity_parts, without_particles
from assistant.drafting.checks.facts import missing_facts
from assistant.drafting.checks.reach import reach_clash
from assistant.drafting.checks.stage import stage_clash, stage_words


# -- stage -----------------------------------------------------------------------------------------
def test_a_stage_word_with_a_time_ahead_is_not_reached_but_a_past_form_is():
    found = {
        w.word: w.reached for w in stage_words("depot - groundwork done, works begin 2027, opening 2029")
    }
    assert found == {"groundwork": True, "opening": False}
    assert all(w.reached for w in stage_words("portal launched 2023"))
    assert not any(w.reached for w in stage_words("treaty ratification vote next autumn"))
    assert not any(w.reached for w in stage_words("go-live targeted for Q4"))


@pytest.mark.parametrize(
    ("claim", "evidence", "expected"),
    [
        (
            "The depot has opened, Ruiz said.",
            "Ruiz: depot - groundwork done, opening 2029",
            ("opened", "groundwork"),
        ),
        (
            "Chile has ratified the accord.",
            "Chile: accord signed in May; ratification vote next autumn",
            ("ratified", "signed"),
        ),
        (
            "The mapping programme has been completed.",
            "mapping programme - phase 3 of 5 under way",
            ("completed", "under way"),
        ),
        (
            "The registry is already in operation.",
            "registry: tender closes in April, go-live targeted 2027",
            ("in operation", "go-live"),
        ),
    ],
)
def test_a_claim_above_every_stage_its_evidence_reaches_overclaims(claim, evidence, expected):
    assert stage_clash(claim, [evidence]) == expected


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "Work on the depot is due to begin in 2027.",
            "depot - groundwork done, works begin 2027, opening 2029",
        ),
        (
            "Chile signed the accord in May and will vote on ratifying it next autumn.",
            "Chile: accord signed in May; ratification vote next autumn",
        ),
        ("The agency launched a pilot in three towns.", "agency: pilot under way in 3 towns"),
        ("The registry went live in 2023.", "registry launched 2023"),
        ("The operators have been consulted.", "operators consulted on the tender"),  # no stage claimed
    ],
)
def test_a_claim_at_or_below_its_evidence_stage_is_no_overclaim(claim, evidence):
    assert stage_clash(claim, [evidence]) is None


# -- reach by category -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "restriction"),
    [
        (
            "The levy now applies to all importers.",
            "levy on importers with turnover above EUR 5m",
            "above EUR 5",
        ),
        (
            "Every household can now apply for the voucher.",
            "voucher open to rural households; urban households from 2027",
            "from 2027",
        ),
        (
            "Across Asia, regulators have adopted the code.",
            "code adopted by regulators in four Asian states",
            "four",
        ),
    ],
)
def test_a_claim_of_the_whole_where_the_evidence_restricts_it_is_an_extent_part(claim, evidence, restriction):
    found = reach_clash([claim], [evidence])
    assert found is not None and found[1] == restriction


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "The levy applies to importers with turnover above EUR 5m.",
            "levy on importers with turnover above EUR 5m",
        ),
        ("All 12 ministries now publish open data.", "all 12 ministries publish open data"),
        (
            "Every household could apply from 2027.",
            "voucher open to rural households; urban households from 2027",
        ),
        ("Not all regulators have adopted the code.", "code adopted by regulators in four Asian states"),
    ],
)
def test_a_claim_that_keeps_the_restriction_or_claims_no_whole_passes(claim, evidence):
    assert reach_clash([claim], [evidence]) is None


# -- a country named through a body's acronym ------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "Zambia's information authority licensed 4 new operators.",
            "R. Phiri (ZICTA): 4 new operators licensed",
        ),
        (
            "Ghana's communications regulator fined two operators.",
            "K. Mensah (NCA Ghana): two operators fined",
        ),
        ("A spectrum review is under way in Tanzania.", "J. Mushi (TCRA): spectrum review under way"),
    ],
)
def test_a_country_given_by_the_acronym_of_a_body_aligns(claim, evidence):
    assert missing_facts(claim, evidence) == []


def test_a_country_whose_initials_no_acronym_carries_is_still_missing():
    assert "Kenya's" in missing_facts(
        "Kenya's regulator licensed 4 new operators.", "R. Phiri (ZICTA): 4 new operators licensed"
    )
    # a person is no place: a name before a speech verb is not read as the acronym's country
    assert "Zainab" in missing_facts(
        "Zainab said 4 operators were licensed.", "R. Phiri (ZICTA): 4 new operators licensed"
    )


# -- particles -------------------------------------------------------------------------------------
def test_a_phrasal_particle_states_no_direction_but_a_change_does():
    assert "up" not in without_particles("fewer firms signed up to the scheme").split()
    assert without_particles("prices went up 5%") == "prices went up 5%"
    assert without_particles("sales up 12%") == "sales up 12%"
    claim = "Fewer firms signed up to the scheme after the fee."
    evidence = "scheme uptake contracted after fee"
    aligned = AlignedClauses(clauses=[evidence], pairs=[(claim, [evidence])], every=[evidence], unit=0)
    assert polarity_parts(claim, aligned, margin=0.1) == []
    reversed_claim = "Uptake of the scheme is up after the fee."
    aligned = AlignedClauses(
        clauses=[evidence], pairs=[(reversed_claim, [evidence])], every=[evidence], unit=0
    )
    assert [p.claim for p in polarity_parts(reversed_claim, aligned, margin=0.1)] == ["up"]


# -- the whole verdict -----------------------------------------------------------------------------
def test_the_verdict_names_the_stage_and_the_restriction(embedder):
    checker = GroundingChecker(embedder)
    opened = checker.check(
        "The depot has opened, Ruiz said.", ["L. Ruiz (MoT): depot - groundwork done, opening 2029"]
    )
    assert not opened.supported and "modality: opened (evidence: groundwork)" in opened.missing
    levy = checker.check(
        "The levy now applies to all importers, Ruiz said.",
        ["L. Ruiz (MoT): levy on importers with turnover above EUR 5m"],
    )
    assert not levy.supported and any(m.startswith("extent: all") for m in levy.missing)
    kept = checker.check(
        "Ruiz said the levy applies to importers with a turnover above EUR 5m.",
        ["L. Ruiz (MoT): levy on importers with turnover above EUR 5m"],
    )
    assert kept.supported, kept.reason
