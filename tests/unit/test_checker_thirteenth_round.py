"""Thirteenth round of the grounding checker (issue 24): speaker resolution by structure.

Examples are invented for the tests (illustrative), in shapes of note-taking: an arrow handing a
question to the one who answers, a pronoun the notes resolve in brackets, a statement opening with
its own credit under a heading naming two panellists, a report of what a third person did; scope
narrowed by a restrictor or an extent below all; two negatives that govern each other.
"""

from __future__ import annotations

from assistant.drafting.checks.reach import _narrowed, reach_clash
from assistant.drafting.checks.speakers import _named_pronouns, _turns, _wrong_speaker
from assistant.drafting.checks.status import overclaims
from assistant.drafting.checks.vocabulary import affirm_double_negation


def test_an_arrow_before_a_speaker_label_starts_that_speakers_turn():
    evidence = "Q from Mr Lund (NRK) on archive access -> Dr Abe: public archives open online since 2023."
    assert _turns(evidence) == [
        "Q from Mr Lund (NRK) on archive access", "Dr Abe: public archives open online since 2023.",
    ]
    wrong = _wrong_speaker("Mr Lund said public archives have been online since 2023.", evidence)
    assert wrong and "Abe" in wrong[0]
    assert _wrong_speaker("Dr Abe said public archives have been online since 2023.", evidence) == []


def test_an_arrow_before_a_consequence_joins_no_turns():
    line = "Dr Abe: tariffs cut -> uptake doubled in two years"
    assert _turns(line) == [line]


def test_a_role_handing_the_floor_over_is_not_credited_with_the_answer():
    evidence = "Moderator -> Ms Ortega (OAS): regional CERT network now counts 14 members."
    wrong = _wrong_speaker("The moderator said the regional CERT network counts 14 members.", evidence)
    assert wrong and "Ortega" in wrong[0]


def test_a_pronoun_resolved_in_brackets_credits_the_person_named():
    assert _named_pronouns("He (Mr Diaz) noted tariffs fell.") == "Mr Diaz noted tariffs fell."
    assert _named_pronouns("She (see annex) noted tariffs fell.") == "She (see annex) noted tariffs fell."
    evidence = "Panel: Dr Kaur (IISc), Mr Diaz (CAF). He (Mr Diaz) noted mobile tariffs fell by a third."
    wrong = _wrong_speaker("Dr Kaur noted that mobile tariffs fell by a third.", evidence)
    assert wrong and "Diaz" in wrong[0]
    assert _wrong_speaker("Mr Diaz noted that mobile tariffs fell by a third.", evidence) == []


def test_a_statement_opening_with_its_own_credit_is_not_the_headings_other_name():
    evidence = "Ms Holm (SE), Mr Bako (NG). Ms Holm warned that spam calls doubled; Bako disagreed."
    wrong = _wrong_speaker("Mr Bako warned that spam calls doubled.", evidence)
    assert wrong and "Holm" in wrong[0]
    assert _wrong_speaker("Ms Holm warned that spam calls doubled.", evidence) == []


def test_an_act_reported_of_a_third_person_is_not_the_reporters():
    evidence = "Dr Sato reported that the governor had approved a data-centre tax break."
    wrong = _wrong_speaker("Dr Sato approved a tax break for data centres.", evidence)
    assert wrong and "governor" in wrong[0]
    own = "Dr Sato reported the governor's approval of a data-centre tax break."
    assert _wrong_speaker(own, evidence) == []
    # an act with no report governing it is left to the other tests (`EUR 5m pledged` under a label)
    assert _wrong_speaker("Dr Sato pledged EUR 5m.", "Dr Sato (JICA): EUR 5m pledged for towers") == []


def test_a_restrictor_beside_a_name_narrows_a_claim_of_every_part():
    evidence = ["e-visa portal live at Kotoka airport only", "other ports of entry in 2027"]
    assert reach_clash(["The e-visa portal is live at every port of entry."], evidence) is not None
    # a claim that keeps the restriction states no whole
    kept = "The e-visa portal is live at Kotoka airport, other ports in 2027."
    assert reach_clash([kept], evidence) is None
    # `not only` and `only if` narrow nothing
    assert _narrowed("the portal works at every port", ["works not only at Kotoka but at all ports"]) is None


def test_an_extent_below_all_narrows_a_claim_across_a_place():
    evidence = ["a few clinics (Accra) offer telehealth"]
    narrowed = reach_clash(["Clinics across Ghana offer telehealth."], evidence)
    assert narrowed == ("across Ghana", "a few")


def test_two_negatives_that_govern_each_other_read_as_the_affirmative():
    assert affirm_double_negation("it is not untrue that fees rose") == "it is true that fees rose"
    assert affirm_double_negation("no district is without a clinic") == "every district is with a clinic"
    assert affirm_double_negation("not without delays") == "with delays"
    # a prefix that makes no word stays (`united`), and so do coordinated negatives
    assert affirm_double_negation("not united") == "not united"
    assert affirm_double_negation("no funds and no staff") == "no funds and no staff"


def test_a_done_word_put_ahead_or_denied_in_the_claim_states_nothing_done():
    assert overclaims("Registration becomes compulsory once the bill is adopted.",
                      "Registration: voluntary; compulsory after bill (pending)") == []
    assert overclaims("The archive is digitised but not operational.",
                      "Archive digitised; portal not yet operational") == []
    # the same word stated as done still needs the evidence
    assert overclaims("The bill was adopted.", "Bill: final vote planned for June") != []


def test_a_not_yet_governs_its_own_segment_only():
    evidence = "Data centre - servers installed, cooling TBD, not yet operational."
    assert overclaims("Servers have been installed in the data centre.", evidence) == []
    assert overclaims("The data centre has launched.", "Data centre not yet launched, servers ordered") != []
