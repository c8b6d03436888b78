"""Session 14 (issue 24): error types read as types, on sentences written for these tests (illustrative).

Ordered scales of frequency, degree, cause and certainty (data `[scales]`); a change's direction read
from the sign of the evidence's figures; an organisation credited where the notes give it no voice;
initials labels that stand for a person named in full before; numbers in words with a scale inside
them; a year the claim adds to a day and month the notes give undated.
"""

from __future__ import annotations

import pytest

from assistant.domain.normalise import read_facts
from assistant.drafting.checks import GroundingChecker
from assistant.drafting.checks.change import change_clash, figure_changes
from assistant.drafting.checks.facts import missing_facts
from assistant.drafting.checks.rank import rank_clash
from assistant.drafting.checks.scales import scale_clash, scales
from assistant.drafting.checks.speakers import _labelled_units, _wrong_speaker


# -- ordered scales --------------------------------------------------------------------------------
def test_the_scales_are_data_with_ordered_levels():
    names = {scale.name for scale in scales()}
    assert {"frequency", "degree", "cause", "certainty"} <= names
    assert all(len(scale.levels) >= 2 for scale in scales())


@pytest.mark.parametrize(
    ("claim", "evidence", "kind", "word"),
    [
        ("Power cuts hit the data centre constantly.", "data centre: power cuts sporadic",
         "extent", "constantly"),
        ("Fees rose dramatically in the capital.", "fees in capital up a little this year",
         "extent", "dramatically"),
        ("The subsidy caused the jump in subscriptions.", "subsidy linked to more subscriptions",
         "modality", "caused"),
        ("The treaty will certainly pass.", "treaty will probably pass, envoy said", "modality", "certainly"),
    ],
)
def test_a_claim_above_the_evidence_on_a_scale_names_the_scale_and_both_words(claim, evidence, kind, word):
    found = scale_clash(claim, [evidence])
    assert found is not None
    assert found[0] == kind and found[1].startswith(word)


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # the same level, a lower one, or a scale the evidence does not speak on
        ("Power cuts hit the data centre now and then.", "data centre: power cuts sporadic"),
        ("Fees rose slightly in the capital.", "fees in capital rose sharply"),
        ("The subsidy caused the jump in subscriptions.", "subscriptions jumped 40% after the subsidy"),
        # a scale word in a negated segment states no level
        ("Power cuts are not constant at the data centre.", "data centre: power cuts sporadic"),
    ],
)
def test_no_scale_part_where_the_claim_does_not_state_more(claim, evidence):
    assert scale_clash(claim, [evidence]) is None


# -- change by figures -----------------------------------------------------------------------------
def test_the_sign_of_a_change_is_read_from_figures():
    assert [s for s, _ in figure_changes("visits +12% on 2024")] == [1]
    assert [s for s, _ in figure_changes("error rate 9% -> 4%")] == [-1]
    assert [s for s, _ in figure_changes("coverage from 40% to 65%")] == [1]
    # ranges, spans of years and list dashes are no change
    assert figure_changes("savings of 20-50%; plan 2020-2024; - 3 regions") == []
    assert figure_changes("from 2021 to 2023 the board met twice") == []


def test_a_claimed_direction_the_figures_reverse_is_named():
    assert change_clash("Visits to the portal dropped last year.", "portal visits +12% on 2024") == (
        "dropped", "+12")
    assert change_clash("The error rate climbed.", "error rate 9% -> 4%") is not None
    # the claim goes the figures' way, or the evidence says the claim's way in words itself
    assert change_clash("Visits to the portal grew last year.", "portal visits +12% on 2024") is None
    assert change_clash("Visits dropped at first.", "visits dropped in Jan, then +12% over the year") is None
    # mixed signs: which figure the claim speaks of is not known
    assert change_clash("Visits dropped.", "visits +12%, sessions -5%") is None


# -- an organisation with no voice in the notes ----------------------------------------------------
def test_an_organisation_named_only_inside_another_speakers_statement_is_no_speaker():
    found = _wrong_speaker(
        "The International Labour Organization said platform workers need pensions.",
        "K. Mensah (Ghana Highway Authority), citing an ILO survey: platform workers need pensions",
    )
    assert found and "Mensah" in found[0]
    assert _wrong_speaker("FAO warned of a drought.", "IFAD rep: drought warning (FAO data used)")


def test_an_organisation_that_speaks_or_acts_in_the_notes_keeps_its_credit():
    # its own label, the affiliation of one who speaks for it, a shortened name, the agent after `by`
    assert _wrong_speaker("FAO warned of a drought.", "FAO: drought warning for the Sahel") == []
    assert _wrong_speaker("FAO warned of a drought.", "L. Ruiz (FAO): drought warning for Sahel") == []
    assert _wrong_speaker(
        "The Ministry of Transport said the bridge reopens in May.",
        "P. Adu (Min. Transport): bridge reopens May",
    ) == []
    assert _wrong_speaker(
        "The Pacific Islands Forum launched a cable registry.",
        "Launch: cable registry - open - by the Pacific Islands Forum",
    ) == []


def test_initials_stand_for_the_speaker_an_earlier_label_names():
    units = _labelled_units("Prof. R. Okafor (AUDA-NEPAD): skills first. RO: then hardware.")
    assert units[1][0] == "Prof. R. Okafor (AUDA-NEPAD)"
    assert _wrong_speaker("AUDA-NEPAD said hardware comes after skills.",
                          "Prof. R. Okafor (AUDA-NEPAD): skills first. RO: then hardware.") == []


# -- numbers, dates, ranks -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("four hundred and twelve schools", 412),
        ("three thousand two hundred volunteers", 3200),
        ("one million four hundred thousand users", 1_400_000),
        ("seven hundred thousand", 700_000),
    ],
)
def test_a_number_in_words_with_a_scale_inside_is_read_whole(text, value):
    assert read_facts(text).numbers == [value]


def test_two_numbers_joined_by_and_stay_two():
    assert read_facts("two and three rooms").numbers == [2, 3]


def test_a_year_added_to_an_undated_day_and_month_is_no_missing_figure():
    assert "2025" not in missing_facts("The lab opened on 9 October 2025.", "Lab opening 9 Oct, 10:00.")
    # another day, or evidence giving a year of its own, is still compared
    assert "2025" in missing_facts("The lab opened on 10 October 2025.", "Lab opening 9 Oct, 10:00.")


def test_a_rank_of_one_alone_restates_the_only():
    only = "Chile is the only member with a data law."
    assert rank_clash(only, "Chile alone of 12 members has a data law") is None
    assert rank_clash(only, "Chile, like 5 of 12 members, has a law")


# -- the whole verdict -----------------------------------------------------------------------------
def test_the_verdict_names_what_did_not_align_and_keeps_a_faithful_paraphrase(embedder):
    checker = GroundingChecker(embedder)
    raised = checker.check("Server outages at the ministry are constant.",
                           ["Ministry servers: outages occasional"])
    assert not raised.supported and any("frequency" in m for m in raised.missing)
    fell = checker.check("Fraud reports fell last year.", ["CERT: fraud reports +30% last yr"])
    assert not fell.supported and any(m.startswith("polarity: fell") for m in fell.missing)
    kept = checker.check("Fraud reports rose by thirty per cent last year, according to CERT.",
                         ["CERT: fraud reports +30% last yr"])
    assert kept.supported, kept.reason
