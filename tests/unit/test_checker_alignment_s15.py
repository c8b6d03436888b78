"""The alignment mechanisms of the fifteenth round, one at a time, on pairs written for these tests
(illustrative, in wordings none of the pair sets uses).

Each mechanism is a class of faithful paraphrase the checker refused (or of false claim it let pass)
on the independent batch C: `all` as an adverb of total, a bound whose figure the claim restates, a
compound title cut short part by part, a participle opening a sentence, a place and a month read as a
person, the claim crediting the person the notes credit, `not yet` against an unfinished state, a
short remark that qualifies the clause before it, a contrast turned round, a credit followed by its
affiliation. No embeddings: each part is called directly.
"""

from __future__ import annotations

from assistant.drafting.checks.alignment import AlignedClauses, modality_parts
from assistant.drafting.checks.facts import missing_facts
from assistant.drafting.checks.names import _missing_names
from assistant.drafting.checks.polarity import both_unfinished, contrast_reversed, polarity_clash
from assistant.drafting.checks.reach import _whole, reach_clash
from assistant.drafting.checks.speakers import _other_person, _speaker_of_claim, _wrong_speaker
from assistant.drafting.checks.text import _words
from assistant.drafting.checks.weights import CheckerWeights


# -- reach: `in all` is a total, a bound restated is no class ------------------------------------
def test_all_after_a_preposition_states_a_total_not_a_whole_class():
    assert _whole("Some 900 delegates from 60 countries took part in all over the three days.") is None
    assert _whole("Above all, the fund must stay independent of donors.") is None
    # a determiner `all` still states the whole, even after `in`
    assert _whole("The levy applies in all the member states.") == "all"
    assert _whole("All firms must file returns online.") == "all"


def test_a_bound_the_claim_restates_with_its_figure_is_no_restriction():
    evidence = ["Summit tally: >4,300 registrations, 95 countries"]
    assert reach_clash(["More than 4,300 people registered from 95 countries in all."], evidence) is None
    # a bound on a class the claim widens is still read
    assert reach_clash(["All firms must now invoice electronically."],
                       ["e-invoicing mandatory for firms >EUR 5m turnover"]) == ("all", ">EUR 5")


# -- names: a compound title cut short, a participle opening a sentence --------------------------
def test_each_part_of_a_compound_title_may_be_cut_short_in_the_notes():
    claim = "Its Vice-Chairperson Ola Berg will present the review."
    short, other = "Berg (Vice-Chair.) to present review", "Berg (Treasurer) to present review"
    assert _missing_names(claim, _words(short), short) == []
    assert _missing_names(claim, _words(other), other) == ["Vice-Chairperson"]


def test_a_verb_with_its_particle_opening_a_sentence_is_no_name():
    evidence = "Observatory: est. 2015 after 2014 ministerial; 30 members now."
    claim = "Built up after the 2014 ministerial meeting, the observatory now has 30 members."
    assert "Built" not in _missing_names(claim, _words(evidence), "")
    # a capitalised word before its verb is still a name the evidence must give
    assert "Oslo" in _missing_names("Oslo set up the observatory in 2015.", _words(evidence), "")


# -- speakers ----------------------------------------------------------------------------------
def test_a_place_and_a_month_split_by_a_comma_are_no_person():
    assert _other_person("WRC Dubai, Nov -> spectrum bands decided", ["Ana", "Ruiz"]) == ""
    assert _other_person("then Pedro Alves said bands decided", ["Ana", "Ruiz"]) == "Pedro Alves"


def test_a_claim_that_credits_the_person_the_notes_credit_has_no_wrong_speaker():
    evidence = "Hub to lobby for youth seats. Okoro (Dep. Dir.) to table it at the plenary on 4 May."
    claim = ("The hub committed to lobby for youth seats, which its deputy director Ngozi Okoro was "
             "to table at the plenary on 4 May.")
    assert _wrong_speaker(claim, evidence) == []


def test_a_credit_running_on_into_an_affiliation_credits_the_person():
    claim = "Lina Haddad of the University of Beirut founded the mesh network in the camps."
    assert _speaker_of_claim(claim) == ["Lina", "Haddad"]
    evidence = ("Panel: R. Saleh (Beirut, AUB) - founder of camp mesh network. L. Haddad (Beirut law) "
                "closed the panel.")
    assert _wrong_speaker(claim, evidence)
    # the right founder is no wrong speaker
    assert not _wrong_speaker(claim.replace("Lina Haddad", "Rami Saleh"), evidence)


def test_a_hyphenated_verb_in_the_past_credits_the_name_before_it():
    assert _speaker_of_claim("Rami Saleh co-authored the charter.") == ["Rami", "Saleh"]


# -- polarity: `not yet` against an unfinished state; a contrast turned round ---------------------
def test_not_yet_restates_an_unfinished_state():
    assert both_unfinished("The toolkit is not yet complete.", "toolkit: still in draft")
    assert polarity_clash("The toolkit is not yet complete.", ["toolkit: still in draft"]) is None
    # a plain negation against an affirmed state is still a clash
    assert not both_unfinished("The toolkit is not complete.", "toolkit: still in draft")
    assert polarity_clash("The toolkit was not published.", ["toolkit published in March"]) is not None


def test_a_claim_that_sets_aside_what_the_evidence_keeps_turns_the_contrast():
    evidence = ["data rules must be set by communities, not imposed from outside"]
    assert contrast_reversed("She said data rules could be imposed from outside instead of being set by "
                             "communities.", evidence)
    assert contrast_reversed("She said data rules should be set by communities rather than imposed from "
                             "outside.", evidence) is None


# -- modality: a short remark qualifies the clause before it --------------------------------------
def test_a_short_remark_after_a_clause_keeps_it_unfinished():
    aligned = AlignedClauses(
        pairs=[("The council published the final atlas of dialects.",
                ["Council: atlas of dialects shown at launch"])],
        every=["Council: atlas of dialects shown at launch", "still a rough draft."],
    )
    parts = modality_parts("The council published the final atlas of dialects.", aligned, "")
    assert [(p.kind, p.claim) for p in parts] == [("modality", "published")]
    # a claim that negates the act states nothing done
    negated = AlignedClauses(
        pairs=[("The council has not published the atlas.", ["Council: atlas shown at launch"])],
        every=["Council: atlas shown at launch", "still a rough draft."],
    )
    assert modality_parts("The council has not published the atlas.", negated, "") == []


def test_the_fact_tests_accept_a_title_cut_short_in_brackets():
    missing = missing_facts("Co-Chair Ola Berg opened the dialogue.", "Berg (Co-Ch.) opened dialogue",
                            CheckerWeights())
    assert not any("Co-Chair" in m for m in missing)


# -- reach by level of place; antonyms of weight -------------------------------------------------
def test_a_whole_of_a_higher_level_is_no_restatement_of_a_lower_one():
    from assistant.drafting.checks.reach import level_clash

    evidence = ["Garissa district: solar kiosks serve 4 in 10 households"]
    assert level_clash(["Solar kiosks serve 4 in 10 households in the country."], evidence) == (
        "in the country", "district")
    assert level_clash(["Solar kiosks serve 4 in 10 households in Garissa district."], evidence) is None
    # the evidence states the whole itself; a tentative claim states no reach
    assert level_clash(["Solar kiosks serve 4 in 10 households in the country."],
                       ["solar kiosks nationwide; Garissa district first"]) is None
    assert level_clash(["Solar kiosks could serve households across the country."], evidence) is None


def test_what_hardly_matters_is_the_opposite_of_what_matters():
    from assistant.drafting.checks.alignment import _direction_clash
    from assistant.drafting.checks.vocabulary import vocabulary

    found = _direction_clash("Speakers called the rural gap negligible.", "rural gap: significant, widening",
                             vocabulary())
    assert found is not None and found.claim == "negligible"
    assert _direction_clash("Speakers called the rural gap significant.", "rural gap: significant",
                            vocabulary()) is None
