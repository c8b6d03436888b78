"""The checker's tenth-round parts, on pairs written for these tests (illustrative, not from any notes).

Joint credit (`A and B both backed X` needs a statement of each), two-letter surnames, a proposal is
no decision, a pending step (`still has to`) restates `yet to`, a shut state restates a negative
predicate, a condition opened by a participle (`provided the state pays`) is no thing done, and a
whole the evidence only aims at is no extent reached. Each part is a pure function of the claim and
evidence texts; the last tests run the whole checker with the shipped model.
"""

from __future__ import annotations

from assistant.drafting.checks import GroundingChecker
from assistant.drafting.checks.alignment import AlignedClauses, decision_parts
from assistant.drafting.checks.extent import extent_clash
from assistant.drafting.checks.speakers import _wrong_speaker, person_named
from assistant.drafting.checks.status import realised_words

TWO_VIEWS = (
    "K. Brandt (BNetzA): favours one EU-wide roaming cap. J. Novak (CTU): would keep caps national"
)


# -- speakers --------------------------------------------------------------------------------------
def test_a_joint_credit_names_the_one_whose_statements_do_not_say_it():
    found = _wrong_speaker("Brandt and Novak both favoured one EU-wide roaming cap.", TWO_VIEWS)
    assert found == ["speaker: Novak (the notes credit: K. Brandt (BNetzA))"]
    # `A and B said` is a joint credit too
    assert _wrong_speaker("Brandt and Novak said one EU-wide roaming cap is best.", TWO_VIEWS)


def test_a_joint_credit_holds_when_each_says_it_or_echoes_the_other():
    both = "K. Brandt (BNetzA): favours one EU-wide roaming cap. J. Novak (CTU): one EU-wide cap, yes"
    assert _wrong_speaker("Brandt and Novak both favoured one EU-wide roaming cap.", both) == []
    echoed = "K. Brandt (BNetzA): favours one EU-wide roaming cap. J. Novak (CTU): likewise"
    assert _wrong_speaker("Brandt and Novak both favoured one EU-wide roaming cap.", echoed) == []
    # each credited with their own view: no joint credit
    assert _wrong_speaker("Brandt favoured one EU-wide roaming cap while Novak would keep caps national.",
                          TWO_VIEWS) == []


def test_a_two_letter_surname_is_read_as_written_only():
    assert person_named(["Ng"], "P. Ng (IMDA): sandbox results in May")
    assert not person_named(["Ng"], "NG networks were discussed")
    assert not person_named(["Eu"], "EU rules apply")
    notes = "P. Ng (IMDA): warned of deepfake fraud. R. Osei (NCA): banks should share fraud signals"
    assert _wrong_speaker("Ng said banks should share fraud signals.", notes) == [
        "speaker: Ng (the notes credit: R. Osei (NCA))"
    ]
    assert _wrong_speaker("Ng warned of deepfake fraud.", notes) == []


# -- modality --------------------------------------------------------------------------------------
def test_a_proposal_is_no_decision():
    claim = "The council agreed to cap data roaming fees."
    evidence = "council: proposal to cap data roaming fees sent to members"
    aligned = AlignedClauses(clauses=[evidence], pairs=[(claim, [evidence])], every=[evidence], unit=0)
    assert [(p.claim, p.evidence) for p in decision_parts(aligned)] == [("agreed", "proposal")]
    decided = "council: proposal to cap data roaming fees approved by members"
    aligned = AlignedClauses(clauses=[decided], pairs=[(claim, [decided])], every=[decided], unit=0)
    assert decision_parts(aligned) == []


def test_a_participle_opening_a_condition_states_nothing_done():
    conditional = "Carriers would open their networks provided the regulator sets fair prices."
    assert "provided" not in {word for word, _ in realised_words(conditional)}
    done = "The ministry provided the clinics with tablets."
    assert "provided" in {word for word, _ in realised_words(done)}


def test_a_whole_only_aimed_at_is_no_extent_reached():
    evidence = ["target - all land titles digital by end-2027", "today 30%"]
    assert extent_clash("All land titles are now digital.", evidence) == ("all", "30%")
    assert extent_clash("The aim is to have all land titles digital by end-2027.", evidence) is None
    # a whole stated as reached stays the extent
    assert extent_clash("All land titles are now digital.", ["all land titles digital since 2024"]) is None


# -- the whole verdict -----------------------------------------------------------------------------
def test_pending_and_shut_states_restate_a_negation(embedder):
    checker = GroundingChecker(embedder)
    pending = checker.check(
        "Haas said the cyber bill still needs to clear the upper house.",
        ["M. Haas (BMI): cyber bill yet to clear the upper house"],
    )
    assert pending.supported, pending.reason
    passed = checker.check(
        "Haas said the upper house has cleared the cyber bill.",
        ["M. Haas (BMI): cyber bill yet to clear the upper house"],
    )
    assert not passed.supported
    shut = checker.check(
        "Haas said the grant scheme stopped accepting bids in March.",
        ["M. Haas (BMI): grant scheme closed to bids from March"],
    )
    assert shut.supported, shut.reason


def test_the_verdict_names_the_joint_credit_and_the_aimed_whole(embedder):
    checker = GroundingChecker(embedder)
    joint = checker.check("Brandt and Novak both favoured one EU-wide roaming cap.", [TWO_VIEWS])
    assert not joint.supported and any(m.startswith("speaker: Novak") for m in joint.missing)
    aimed = checker.check(
        "Silva said all land titles in the country are now digital.",
        ["R. Silva (land registry): target - all land titles digital by end-2027; today 30%"],
    )
    assert not aimed.supported and "extent: all (evidence: 30%)" in aimed.missing
