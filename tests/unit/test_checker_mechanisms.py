"""The checker's alignment mechanisms one at a time, on pairs written for these tests (illustrative).

Polarity read per clause with each negator's scope ended by structure, contrasts, extent, figures
written differently, status in questions and in written-out acronyms, and who a text names as the
one who says a thing. No embeddings: the aligned clauses are given by hand.
"""

from __future__ import annotations

import pytest

from assistant.domain.normalise import read_facts
from assistant.drafting.checks.alignment import AlignedClauses, EvidenceUnit, speaker_parts, structure_parts
from assistant.drafting.checks.extent import counted_ranks, extent_clash, share_ranks, word_ranks
from assistant.drafting.checks.facts import missing_facts
from assistant.drafting.checks.figures import approximately_stated
from assistant.drafting.checks.polarity import contrast_reversed, polarity_clash, read_polarity, segments
from assistant.drafting.checks.speakers import _wrong_speaker, person_named, said_by
from assistant.drafting.checks.status import acronym_words, overclaims
from assistant.drafting.checks.weights import CheckerWeights


# -- polarity ----------------------------------------------------------------------------------
def test_a_negator_governs_only_its_own_segment():
    assert segments("ferry wifi: tested on 2 routes, no decision on the rest") == [
        "ferry wifi", "tested on 2 routes", "no decision on the rest"]
    # the "no" is about the other routes' decision, not about the test the claim restates
    assert not read_polarity("ferry wifi: tested on 2 routes, no decision on the rest",
                             "Ferry wifi was tested on two routes").negated
    assert read_polarity("ferry wifi: not tested on any route", "Ferry wifi was tested").negated


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The port authority met its digitisation deadline.",
         "port authority failed to meet digitisation deadline"),
        ("The senate passed the e-signature bill.", "e-signature bill: senate declined to vote on it"),
        ("The kiosks still accept cash.", "kiosks no longer accept cash since March"),
        ("The archive is searchable online.", "archive: not searchable online, scans only"),
        ("Vendors said the platform is compliant.",
         "vendors: platform still non-compliant with the standard"),
        ("The app has been audited.", "app still unaudited; audit has yet to start"),
    ],
)
def test_a_negation_only_one_side_states_is_a_clash(claim, evidence):
    assert polarity_clash(claim, [evidence]) is not None


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The port authority missed its digitisation deadline.",
         "port authority failed to meet digitisation deadline"),
        ("The kiosks stopped accepting cash in March.", "kiosks no longer accept cash since March"),
        ("The app has not yet been audited.", "app still unaudited"),
        ("Clinics report a shortage of trained staff.", "clinics: no trained staff in most"),
        ("The training is offered at no-cost to teachers.", "training free for teachers"),
        ("Not only schools but also clinics were connected.", "schools and clinics connected"),
        ("Exam fees remain too expensive for students.", "exam fees still not affordable for students"),
        ("The ombudsman has been slow to respond.", "ombudsman: not responding fast enough"),
        ("Legal aid is unavailable in border towns.", "no legal aid in border towns"),
        ("The rollout stalled last year.", "rollout: no progress last yr"),
    ],
)
def test_a_negation_stated_in_other_words_aligns(claim, evidence):
    assert polarity_clash(claim, [evidence]) is None


def test_a_contrast_turned_round_is_a_reversal():
    evidence = ["forum: shared regional rules rather than one law per country"]
    assert contrast_reversed("The forum favoured one law per country rather than shared regional rules.",
                             evidence) is not None
    assert contrast_reversed("The forum favoured shared regional rules over one law per country.",
                             evidence) is None
    parts = structure_parts(AlignedClauses(
        pairs=[("The forum backed one law per country rather than shared regional rules.", evidence)]))
    assert [p.kind for p in parts] == ["polarity"]
    assert "set aside by 'rather than'" in parts[0].describe()


# -- extent ------------------------------------------------------------------------------------
def test_extent_words_and_shares_rank_from_none_to_all():
    assert max(word_ranks("every district")) == (5, "every")
    assert word_ranks("the most visited page") == []  # a superlative, not a share
    assert [r for r, _ in share_ranks("1 in 5 towns, 60% of farms, half of the ports")] == [2, 4, 3]
    assert share_ranks("fees down 40%") == []  # a change is no share of a whole
    assert counted_ranks("available in every province", "running in 3 provinces") == [(2, "3 provinces")]


@pytest.mark.parametrize(
    ("claim", "evidence", "clash"),
    [
        ("Most libraries lend laptops.", "laptop lending: some libraries (about 1 in 5)", ("most", "some")),
        ("The city has fully mapped its drains.", "drain mapping ~70% done, rest next yr", ("fully", "70%")),
        ("The portal is used in every province.", "portal: used in 3 provinces", ("every", "3 provinces")),
        ("The migration is complete.", "payroll migration under way, half done", ("complete", "half")),
    ],
)
def test_a_claim_of_more_of_a_whole_than_the_evidence_states_is_named(claim, evidence, clash):
    assert extent_clash(claim, [evidence]) == clash


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Some libraries lend laptops, while most still do not.",
         "some libraries lend laptops, majority don't"),
        ("Most farms use the app, about 60 per cent.", "app used on 60% of farms"),
        ("The registry covers all 9 districts.", "registry: all 9 districts, 70% of records digitised"),
        ("Most ports now take e-manifests.", "e-manifests: majority of ports on board, 2 still on paper"),
    ],
)
def test_an_extent_the_evidence_states_aligns(claim, evidence):
    assert extent_clash(claim, [evidence]) is None


# -- figures -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Almost a third of the posts were vacant.", "~30% of posts vacant"),
        ("More than half of the towns have a hotspot.", "hotspots in 57% of towns"),
        ("Fees were cut by two thirds.", "fees -66%"),
        ("Uptake is expected to triple by 2029.", "uptake x3 by 2029"),
        ("The network reaches two and a half million people.", "network reach: 2.5m people"),
        ("A quarter of the clinics are solar powered.", "1 in 4 clinics solar powered"),
        ("The fund holds 3.4 billion dollars.", "fund: USD 3.4bn"),
        ("Tenders open in the second quarter of 2027.", "tenders open Q2 2027"),
    ],
)
def test_a_figure_written_another_way_aligns(claim, evidence):
    assert missing_facts(claim, evidence) == []


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("A third of the posts were vacant.", "20% of posts vacant"),
        ("More than half of the towns have a hotspot.", "hotspots in 41% of towns"),
        ("Less than a tenth of schools have a lab.", "labs in 25% of schools"),
        ("Uptake is expected to triple by 2029.", "uptake x2 by 2029"),
    ],
)
def test_a_figure_that_differs_does_not_align(claim, evidence):
    assert missing_facts(claim, evidence) != []


def test_the_figure_tolerances_are_weights():
    tight = CheckerWeights(approximate_tolerance=0.01, bound_reach=0.5, share_rounding=0.001)
    loose = CheckerWeights(approximate_tolerance=0.2, bound_reach=0.5, share_rounding=0.02)
    claim, evidence = "Almost a third of posts were vacant.", "~30% of posts vacant"
    assert not approximately_stated("a third", claim, evidence, tight)
    assert approximately_stated("a third", claim, evidence, loose)
    assert 0.25 in read_facts("1 in 4", generous=True).numbers


# -- status ------------------------------------------------------------------------------------
def test_a_question_in_the_evidence_states_no_status():
    assert overclaims("The grant has set aside 15 per cent for rural libraries.",
                      "the grant will set aside 15% for rural libraries") != []
    evidence = "librarian asking: will the grant cover rural libraries?\nreply: 15% of the grant set aside"
    assert overclaims("The grant has set aside 15 per cent for rural libraries.", evidence) == []


def test_words_that_spell_out_an_acronym_are_a_name_not_a_reach():
    assert {"universal", "access", "fund"} <= acronym_words(
        "Sites were built with the universal access fund", "sites built w/ UAF money")
    assert overclaims("Sites were built with the universal access fund.", "sites built w/ UAF money") == []
    assert overclaims("Sites were built in every province.", "sites: pilot in 2 provinces") != []


# -- speakers ----------------------------------------------------------------------------------
def test_a_person_is_named_by_whole_words_or_initials():
    assert person_named(["Omar", "Levi"], "Omar Levi (regulator): fees fall")
    assert not person_named(["Dana", "Levi"], "a levy of 2% on ad revenue")
    assert person_named(["Ruth", "Okoro"], "RO: backhaul costs fell")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Ruth Okoro (ISP association): backhaul costs fell 20%", True),
        ("backhaul costs fell 20%, said Ruth Okoro", True),
        ("according to Ruth Okoro, backhaul costs fell 20%", True),
        ("Ruth Okoro noted that backhaul costs fell", True),
        ("thanked Ruth Okoro for the map; backhaul costs fell 20%", False),
        ("building on Ruth Okoro's survey, backhaul costs fell 20%", False),
    ],
)
def test_a_text_names_the_one_who_says_it(text, says):
    assert said_by(["Ruth", "Okoro"], text) is says


def test_a_name_spoken_of_in_another_speakers_statement_is_no_credit():
    evidence = ("Ivo Marsh (moderator): opened, thanked Ruth Okoro for the survey\n"
                "- backhaul costs fell 20% since 2023")
    problems = _wrong_speaker("Ruth Okoro said backhaul costs fell by 20 per cent since 2023.", evidence)
    assert problems and "Ivo Marsh" in problems[0]
    assert _wrong_speaker("Ivo Marsh said backhaul costs fell by 20 per cent since 2023.", evidence) == []


def test_a_unit_the_notes_give_to_one_speaker_names_another_only_as_spoken_of():
    units = [EvidenceUnit("praised Ruth Okoro's survey; backhaul costs fell 20% since 2023", "Ivo Marsh")]
    aligned = AlignedClauses(pairs=[], unit=0)
    parts = speaker_parts("Ruth Okoro said backhaul costs fell by 20 per cent.", units, aligned)
    assert [p.describe() for p in parts] == ["speaker: Ruth Okoro (evidence: Ivo Marsh)"]
    quoted = [EvidenceUnit("backhaul costs fell 20%, said Ruth Okoro", "Ivo Marsh")]
    assert speaker_parts("Ruth Okoro said backhaul costs fell by 20 per cent.", quoted, aligned) == []


def test_a_speaker_line_repeating_the_credit_does_not_decide_the_polarity() -> None:
    """The line that introduces the speaker shares the credit's name words with the claim; the point's
    own clause (negated on both sides) is the one to compare."""
    claim = ("Ines Roca (Open Ports Alliance, port authorities) warned that small harbours are not "
             "consulted when customs platforms are specified")
    speaker_line = "09:12 Ines Roca (Open Ports Alliance, port authorities)"
    point = "- small harbours are not consulted when customs platforms are specified, only told at go-live"
    assert polarity_clash(claim, [speaker_line, point]) is None
    reversed_claim = claim.replace("are not consulted", "are consulted")
    assert polarity_clash(reversed_claim, [speaker_line, point]) is not None


def test_a_claim_joining_two_evidence_clauses_keeps_the_negation_of_the_one_it_governs() -> None:
    """The claim runs two note clauses together; it shares most words with the second, but its
    negation is the first one's."""
    evidence = ["* upside: mesh radios as a fallback not a substitute",
                "the Tonga utility deal guarantees 24-hour switchover for clinics and fire services"]
    claim = ("Mele Tupou (Tonga Power) highlighted mesh radios as a fallback not a substitute the Tonga "
             "utility deal guarantees 24-hour switchover for clinics and fire services.")
    assert polarity_clash(claim, evidence) is None
    denied = "the Tonga utility deal does not guarantee switchover for clinics"
    assert polarity_clash(denied, evidence) is not None
