"""The rapporteur's proposal quotes two speakers' points (each clause credits its own speaker) and
passes over a main issue that shares no words with the rest of the draft; the speaker check reads a
`;`-joined claim clause by clause and a bracketed aside in a speaker's intro is no question of theirs.
All notes here are illustrative, written for these tests."""

from __future__ import annotations

from assistant.domain.document import Item, Section
from assistant.domain.template import load_template
from assistant.drafting.checks.facts import missing_facts
from assistant.drafting.checks.speakers import _own_clauses, _wrong_speaker
from assistant.drafting.proposals import with_proposals

TWO_SPEAKERS = (
    "MIRA HOLT: Our survey of 30 clinics found that 12 had no backup power.\n"
    "STUDENT PANELLIST (Ines, 17, Chile): Young people want to be consulted, not just informed."
)


def test_a_claim_quoting_two_speakers_points_is_checked_clause_by_clause() -> None:
    claim = ("MIRA HOLT reported that our survey of 30 clinics found that 12 had no backup power; "
             "STUDENT PANELLIST (Ines, 17, Chile): Young people want to be consulted, not just informed.")
    assert len(_own_clauses(claim)) == 2
    assert _wrong_speaker(claim, TWO_SPEAKERS) == []
    swapped = ("STUDENT PANELLIST reported that our survey of 30 clinics found that 12 had no backup power; "
               "MIRA HOLT said young people want to be consulted, not just informed.")
    problems = _wrong_speaker(swapped, TWO_SPEAKERS)
    assert any(p.startswith("speaker: STUDENT PANELLIST") for p in problems)
    assert any(p.startswith("speaker: MIRA HOLT") for p in problems)


def test_a_question_and_its_answer_on_one_line_credit_the_asker_with_the_question_only() -> None:
    evidence = "- Peru asked how co-ops pay for backhaul; Tamsin: shared poles with the power utility"
    claim = "Peru asked how co-ops pay for backhaul; Tamsin: shared poles with the power utility."
    assert missing_facts(claim, evidence) == []


def test_a_credit_after_a_bracketed_organisation_opens_a_clause_of_its_own() -> None:
    evidence = ("Okafor opened with the question of who pays for city sensors\n"
                "Lena Brandt (UN-Habitat): 9 cities shared sensor data for heat planning")
    claim = ("Okafor opened with the question of who pays for city sensors; Lena Brandt (UN-Habitat) "
             "reported that 9 cities shared sensor data for heat planning.")
    assert missing_facts(claim, evidence) == []
    swapped = ("Lena Brandt opened with the question of who pays for city sensors; Okafor (UN-Habitat) "
               "reported that 9 cities shared sensor data for heat planning.")
    assert any(p.startswith("speaker: Lena Brandt") for p in missing_facts(swapped, evidence))


def test_points_of_one_speaker_joined_by_a_semicolon_stay_one_claim() -> None:
    claim = "Ana Ruiz said that 40 schools lack power; solar kits cost USD 900 each."
    assert _own_clauses(claim) == [claim]


def test_a_bracketed_aside_in_a_speakers_intro_is_no_question_of_theirs() -> None:
    evidence = ("15:25 Tomas Grell, policy lead at a large app store (asked us not to name the company)\n"
                "- commits: every paid political app will carry a label from 1 March 2025")
    claim = "Tomas Grell announced that every paid political app will carry a label from 1 March 2025."
    assert _wrong_speaker(claim, evidence) == []
    asked = ("15:25 Tomas Grell asked who labels political apps?\n"
             "Reply, Ada Novak: every paid political app will carry a label from 1 March 2025")
    assert _wrong_speaker(claim, asked)  # a question they ask, answered by another, still is not theirs


def _proposal(issues: list[Item], others: list[Item]) -> Item:
    template = load_template("wsis-2025")
    key = Section(id="key_issues", heading="Key issues", items=issues)
    plan = Section(id="action_plan", heading="Plan", items=others)
    empty = Section(id="thematic_suggestions", heading="Themes",
                    items=[Item(text="[to be completed]", flags=["no_material"])])
    return with_proposals([key, plan, empty], template)[2].items[0]


def test_a_proposal_joining_the_two_halves_of_one_line_cites_the_words_of_both() -> None:
    from assistant.domain.document import Evidence

    line = "harbour radios: spare parts scarce; training for 80 harbour staff"
    halves = [Item(text="Spare parts are scarce for harbour radios.",
                   evidence=[Evidence(line=9, text="harbour radios: spare parts scarce")]),
              Item(text="Training for 80 harbour staff is needed.",
                   evidence=[Evidence(line=9, text="training for 80 harbour staff")])]
    proposal = _proposal(halves, [])
    assert [e.line for e in proposal.evidence] == [9]
    quoted = proposal.evidence[0].text
    assert "spare parts scarce" in quoted and "80 harbour staff" in quoted
    assert all(word in line for word in quoted.replace(";", " ").split())
