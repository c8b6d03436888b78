"""The checker's twelfth-round parts, on pairs written for these tests (illustrative, not from any notes).

Conditionality aligned like modality (a claim with no condition restating clauses that all carry one);
a deliberation word after a decision word describing its object; a verb that reports a call by its
form; a negated decision restated by a tentative clause; the plural noun of a status verb; the
subject of the reporting verb deciding who said it (a pronoun read through the honorifics); an answer
right after a question saying what it asked.
"""

from __future__ import annotations

from assistant.drafting.checks.alignment import AlignedClauses, _reports, decision_parts, hedge_parts
from assistant.drafting.checks.condition import condition_clash, conditions
from assistant.drafting.checks.polarity import polarity_clash
from assistant.drafting.checks.speakers import _person_for_pronoun, _wrong_speaker
from assistant.drafting.checks.status import overclaims


# -- conditionality --------------------------------------------------------------------------------
def test_conditions_are_read_from_a_closed_class_of_subordinators():
    assert conditions("rollout to all depots as long as the union agrees") == ["as long as"]
    assert conditions("the levy applies unless parliament objects") == ["unless"]
    # a participle opens a condition only after a modal and before the condition's subject
    assert conditions("the firm would share towers provided the state pays") == ["provided"]
    assert conditions("the state provided the towers in 2023") == []
    # `if` after a question verb or in a comparison opens no condition
    assert conditions("she asked if the towers were shared") == []
    assert conditions("rollout goes ahead even if the union objects") == []


def test_a_condition_the_claim_drops_is_a_part_that_does_not_align():
    evidence = ["the bank will lend to the cooperatives as long as the state guarantees the loans"]
    dropped = [("The bank will lend to the cooperatives.", evidence)]
    assert condition_clash("The bank will lend to the cooperatives.", dropped) == ("will", "as long as")
    # the claim keeps the condition, or states a possibility of its own: nothing is raised
    kept = "The bank will lend to the cooperatives if the state guarantees the loans."
    assert condition_clash(kept, [(kept, evidence)]) is None
    hedged = "The bank could lend to the cooperatives."
    assert condition_clash(hedged, [(hedged, evidence)]) is None
    # an evidence clause about the same thing with no condition states it outright
    both = [*evidence, "bank lends to cooperatives from March"]
    assert condition_clash("The bank will lend to the cooperatives.",
                           [("The bank will lend to the cooperatives.", both)]) is None


# -- modality --------------------------------------------------------------------------------------
def test_a_deliberation_after_the_decision_word_describes_what_was_decided():
    evidence = ["the Peruvian delegation put forward a charter on open maps for the caucus to review"]
    claim = "The caucus approved the open maps charter proposed by Peru."
    aligned = AlignedClauses(pairs=[(claim, evidence)], every=evidence)
    assert [p.describe() for p in decision_parts(aligned)] == ["modality: approved (evidence: put forward)"]
    # a deliberation before it governs it: the claim itself states no decision
    talked = "The caucus discussed whether it approved the open maps charter."
    assert decision_parts(AlignedClauses(pairs=[(talked, evidence)], every=evidence)) == []


def test_a_verb_reporting_a_call_by_its_form_is_no_act_done():
    assert _reports("pressed", "Okoro pressed the ministries to publish tender data.")
    assert _reports("stressed", "Okoro stressed that tender data must be public.")
    # an act with its object, or a transfer `to the` fund, reports nothing
    assert not _reports("published", "Okoro published the tender data.")
    assert not _reports("committed", "Donors committed funds to the facility.")
    evidence = ["Okoro urged the ministries to publish tender data"]
    claim = "Okoro pressed the ministries to publish tender data."
    assert hedge_parts(AlignedClauses(pairs=[(claim, evidence)], every=evidence)) == []
    done = "The ministries publish tender data."
    assert hedge_parts(AlignedClauses(pairs=[(done, evidence)], every=evidence))


def test_a_negated_decision_is_restated_by_a_tentative_clause():
    evidence = ["the board is still looking at a possible shift to a four-day week"]
    assert polarity_clash("The board has yet to decide on a four-day week.", evidence) is None
    # a clause stating the decision itself still reverses it
    decided = ["the board decided on a four-day week"]
    assert polarity_clash("The board has yet to decide on a four-day week.", decided) is not None


def test_a_stopped_state_and_a_shortfall_restate_a_negation():
    stopped = ["ferry booking service no longer runs"]
    assert polarity_clash("The ferry booking service has ended.", stopped) is None
    assert polarity_clash("The ferry booking service still runs.", stopped)


def test_the_plural_noun_of_a_status_verb_states_it():
    evidence = "grant payments to schools fell short of the target this term"
    assert overclaims("The fund paid grants to schools this term.", evidence) == []
    assert overclaims("The fund disbursed grants below the target.", "grant disbursements below target") == []


# -- speakers --------------------------------------------------------------------------------------
def test_the_subject_of_the_reporting_verb_is_who_said_it():
    evidence = "Following Dr Kamau's question, the commissioner said complaints fell by a quarter in 2024."
    assert _wrong_speaker("Dr Kamau said complaints fell by a quarter in 2024.", evidence) == [
        "speaker: Kamau (the notes credit: the commissioner)"
    ]
    assert _wrong_speaker("The commissioner said complaints fell by a quarter in 2024.", evidence) == []


def test_a_pronoun_subject_stands_for_the_closest_person_its_honorific_allows():
    text = "Mrs Otieno welcomed Mr Braun, after whose talk "
    assert _person_for_pronoun("he", text) == "Braun"
    assert _person_for_pronoun("she", text) == "Otieno"
    evidence = ("Mrs Otieno welcomed Mr Braun to the panel, and he noted that port wait times halved in "
                "Mombasa.")
    assert _wrong_speaker("Otieno noted that port wait times halved in Mombasa.", evidence) == [
        "speaker: Otieno (the notes credit: Braun)"
    ]
    # the pronoun stands for the person credited
    own = "Mrs Otieno opened the panel, and she noted that port wait times halved in Mombasa."
    assert _wrong_speaker("Otieno noted that port wait times halved in Mombasa.", own) == []


def test_an_answer_right_after_a_question_says_what_it_asked():
    evidence = "Q (floor, Mr Petit): will the portal open to NGOs? A (Ms Varela, UNDP): yes, by June."
    assert _wrong_speaker("Varela said the portal will open to NGOs by June.", evidence) == []
    # the asker is not credited with the answer
    answered = ("Q (floor, Mr Petit): will the portal open to NGOs? A (Ms Varela, UNDP): yes, NGOs get "
                "portal access by June.")
    assert _wrong_speaker("Petit said the portal will open to NGOs by June.", answered)
