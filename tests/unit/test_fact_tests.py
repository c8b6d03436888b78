"""The fact tests of the grounding verdict (no embeddings): what a claim states that its evidence does not.

Each case is a claim a rapporteur could write and a note line; the expected entry of
`missing_facts` names the problem (or the list is empty for a faithful rewording).
"""

from __future__ import annotations

import pytest

from assistant.domain.normalise import name_currencies, read_facts
from assistant.drafting.checks import missing_facts
from assistant.drafting.checks.status import overclaims


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # number formats: numeric dates, year ranges, `end-2024`, shares, currency codes
        ("The accord was signed on 3 March 2025.", "accord signed 03/03/25 by both ministers"),
        ("The plan runs from 2025 to 2030.", "national plan 2025-30, reviewed every 2 yrs"),
        ("Coverage reached 90% by the end of 2024.", "coverage 90% at end-2024"),
        ("Four in five clinics now use e-prescriptions.", "80% of clinics on e-prescriptions"),
        ("The bank lent 20 million US dollars.", "bank loan USD 20m"),
        # notes that cut words short, plural acronyms, the Forum's own name, number words
        ("The Strategic Plan names the Sustainable Development Goals.", "Strat. Plan -> SDGs"),
        ("Twelve mayors joined the WSIS Forum track.", "12 mayors joined the track"),
        # a speaker heading followed by what the speaker said
        ("Ana Ruiz said 30 clinics are connected.",
         "10:05 Ana Ruiz (Ministry of Health)\n- 30 clinics connected"),
        # the claim keeps the evidence's tentative status
        ("The regulator will publish the roadmap next year.", "regulator to publish roadmap next yr"),
        ("The toolkit was launched today.", "UNDP launching the toolkit today, first pilots in Ghana"),
    ],
)
def test_faithful_rewordings_have_nothing_missing(claim: str, evidence: str) -> None:
    assert missing_facts(claim, evidence) == []


@pytest.mark.parametrize(
    ("claim", "evidence", "expected"),
    [
        ("The ministry adopted the data strategy.",
         "data strategy proposed by the ministry, vote in May 2026", "status: adopted (evidence: proposed)"),
        ("The app is available nationwide.", "app piloted in 3 districts",
         "status: nationwide (evidence: piloted)"),
        ("The fund has already paid out EUR 2 million.", "fund will pay out EUR 2m over 2 yrs",
         "status: already (evidence: will)"),
        ("The survey counted 40 women and 60 men.", "survey: 60 women, 40 men", "40 women"),
        ("Ana Ruiz said 30 clinics are connected.",
         "Ana Ruiz (MoH): nurses need training. Ben Cole (operator): 30 clinics connected.",
         "speaker: Ana Ruiz (the notes credit: Ben Cole (operator))"),
        ("The plan runs from 2025 to 2031.", "national plan 2025-30", "2031"),
        ("The accord was signed on 3 April 2025.", "accord signed 03/03/25", "April"),
        ("Digital services reach everyone in the same way.", "services reach groups differently, not evenly",
         "same (evidence: differently)"),
    ],
)
def test_unsupported_claims_name_what_is_wrong(claim: str, evidence: str, expected: str) -> None:
    assert expected in missing_facts(claim, evidence)


def test_an_inserted_descriptive_word_is_no_invented_name_but_a_new_name_is() -> None:
    assert missing_facts("The Healthy Ageing Innovation Prize drew 100 entries.",
                         "Healthy Ageing Prize: 100 entries") == []
    assert "Marcos" in missing_facts("The Healthy Ageing Marcos Prize drew 100 entries.",
                                     "Healthy Ageing Prize: 100 entries")


def test_overclaims_read_only_the_clauses_about_the_claim() -> None:
    evidence = "toolkit published in March; translation will follow next year"
    assert overclaims("The toolkit was published in March.", evidence) == []
    assert overclaims("The translation was published.", evidence) != []


def test_reading_figures() -> None:
    assert read_facts("30/05/22").months == {5} and 2022.0 in read_facts("30/05/22").numbers
    assert read_facts("2022-31").numbers == [2022.0, 2031.0]
    assert read_facts("end-2022").numbers == [2022.0] and not read_facts("end-2022").identifiers
    assert missing_facts("COVID-19 slowed the rollout.", "covid-19 slowed rollout") == []
    assert read_facts("four in five").proportions == [("four in five", 4.0, 5.0)]
    assert not read_facts("500 teachers in 2024").proportions  # a figure and a year, not a share
    assert name_currencies("10 million Swiss francs, a euro") == "10 million CHF, a EUR"
    assert name_currencies("CHF 10m, cad files") == "CHF 10m, cad files"  # codes only in capitals


def test_a_claim_of_wide_reach_needs_a_reach_in_the_evidence() -> None:
    assert any("nationwide" in m for m in missing_facts("The app was rolled out nationwide.",
                                                         "Rwanda: the app, for clinics in Kigali"))
    assert missing_facts("The app was rolled out nationwide.", "app rolled out in all 30 districts") == []
    assert missing_facts("The Universal Postal Union pledged support.",
                         "Universal Postal Union: support") == []


def test_a_target_year_is_no_achievement() -> None:
    assert "status: already (evidence: by 2030)" in missing_facts(
        "Estonia has already moved every major state service online.",
        "Estonia: strategy -> every major state service online by 2030",
    )
