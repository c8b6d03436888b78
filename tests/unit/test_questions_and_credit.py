"""Issue 22 (session 11, sections filled and grounding): a question from the floor worded as a
proposal (`why not train …?`, `shouldn't met offices send …?`) voices a recommendation, so it may
fill the Actionable plan when that section is short; a plain question does not. A deadline (`by next
year`) is no theme for the next Forum. A sentence that opens with another speaker's name (`Marta
agreed …` in Amira's paragraph) is that person's clause and is credited to no one else. The notes
here are written for these tests (illustrative), not taken from any evaluation set."""

from __future__ import annotations

import numpy as np

from assistant.domain.template import load_template
from assistant.drafting.engines.extractive import (
    THEMATIC_STRONG,
    Candidate,
    ExtractiveDrafter,
    bullet_from_sentence,
    person_names,
    proposes,
)
from assistant.drafting.notes import NoteSentence, Speaker

SECTIONS = ("key_issues", "wsis_views", "tangible_outcomes", "action_plan", "thematic_suggestions")


def test_a_question_worded_as_a_proposal_is_told_from_a_plain_question() -> None:
    assert proposes("shouldn't ports publish their tariffs online?")
    assert proposes("Why not pool the spectrum across borders?")
    assert proposes("could the fund cover maintenance as well?")
    assert not proposes("what is working already?")
    assert not proposes("how many schools are connected?")
    assert not proposes("could the fund cover maintenance as well")  # no question mark: not a question


def test_a_deadline_is_no_theme_for_the_next_forum() -> None:
    assert THEMATIC_STRONG.search("the agency will map every station by next year") is None
    assert THEMATIC_STRONG.search("a track on river data for next year's Forum") is not None
    assert THEMATIC_STRONG.search("bring this back next year with the pilot results") is not None


def _question(row: int, text: str, eligible: set[str]) -> Candidate:
    scores = dict.fromkeys(SECTIONS, 0.1)
    scores["key_issues"] = 0.6
    scores["action_plan"] = 0.4
    sentence = NoteSentence(id=row, line=row + 1, text=text, role="question")
    return Candidate(sentence, f"A participant asked: {text}", [], scores=scores, eligible=eligible, row=row)


def _point(row: int, home: str) -> Candidate:
    scores = dict.fromkeys(SECTIONS, 0.1)
    scores[home] = 0.6
    sentence = NoteSentence(id=row, line=row + 1, text=f"point number {row} of the session")
    return Candidate(sentence, sentence.text, [], scores=scores, eligible={home}, row=row)


def test_a_proposing_question_fills_a_short_action_plan_and_a_plain_one_does_not() -> None:
    drafter = ExtractiveDrafter(embedder=None, template=load_template("wsis-2025"))  # type: ignore[arg-type]
    plain = _question(3, "what is working already?", {"key_issues"})
    proposal = _question(4, "why not pay the volunteers in airtime?", {"key_issues", "action_plan"})
    candidates = [_point(0, "key_issues"), _point(1, "key_issues"), _point(2, "action_plan"), plain, proposal]
    chosen: dict[str, list[Candidate]] = {sid: [] for sid in SECTIONS}
    chosen["key_issues"] = [candidates[0], candidates[1], plain, proposal]
    chosen["action_plan"] = [candidates[2]]
    drafter._fill_short_sections(chosen, candidates, np.eye(len(candidates)))
    assert proposal in chosen["action_plan"] and plain not in chosen["action_plan"], chosen["action_plan"]


def test_a_sentence_opening_with_another_speakers_name_is_not_credited_to_the_block_speaker() -> None:
    amira = Speaker(name="Amira Haddad", org="Tunisian NGO", line=15)
    marta = Speaker(name="Marta Quispe", org="UN-Habitat", line=5)
    names = person_names([amira, marta, Speaker(name="UNESCO", is_org=True)])
    assert "UNESCO" not in names
    other = NoteSentence(id=0, line=16, text="Marta agreed and added that a second pilot could start in May",
                         speaker=amira)
    text, named = bullet_from_sentence(other, False, None, names)
    assert not text.startswith("Amira") and text.startswith("Marta agreed"), text
    assert not named
    own = NoteSentence(id=1, line=17, text="Amira stressed that the maps need a legend in local languages",
                       speaker=amira)
    # her own name opening the sentence: the credit stays hers (the form adds nothing false)
    assert bullet_from_sentence(own, False, None, names)[0].startswith("Amira")
    place = NoteSentence(id=2, line=18, text="Tunis placed 40 sensors on school roofs last year",
                         speaker=amira)
    text, named = bullet_from_sentence(place, False, None, names)
    assert text.startswith("Amira Haddad (Tunisian NGO)") and named, text  # a place is no person


def test_a_clause_opening_on_a_verb_like_word_is_no_order() -> None:
    # `open data licences should be …` has a verb of its own: no `recommended opening data …`
    speaker = Speaker(name="Jonas Becker", org="WMO")

    def bullet(text: str) -> str:
        return bullet_from_sentence(NoteSentence(id=0, line=1, text=text, speaker=speaker), False)[0]

    written = "open data licences should be the rule for sensors"
    assert "opening" not in bullet(written) and "open data licences should be the rule" in bullet(written)
    # an order stays an order, a verb in its relative clause notwithstanding
    assert bullet("map which stations have backup power").startswith("Jonas Becker (WMO) recommended mapping")
    assert bullet("fund repairs").startswith("Jonas Becker (WMO) recommended funding")


def test_a_sentence_carrying_its_own_credit_is_credited_to_no_one_else() -> None:
    # `Name (Org): words` inside a block's sentence: the credit is the notes' own, kept as written
    block = Speaker(name="Liam Carter", org="ITU")
    said = NoteSentence(id=0, line=4, text="YOUTH PANELLIST (Noor, 17, Jordan): we want a seat at the table",
                        speaker=block)
    text, named = bullet_from_sentence(said, False)
    assert text.startswith("YOUTH PANELLIST (Noor, 17, Jordan): ") and "Liam" not in text and not named
    asked = NoteSentence(id=1, line=5, text="Chat (online, from Chile): can the toolkit be translated?",
                         speaker=block, role="question", asker="Peru")
    assert bullet_from_sentence(asked, False)[0] == asked.text
    # a block's own sentence is still credited
    assert bullet_from_sentence(NoteSentence(id=2, line=6, text="we want a seat at the table", speaker=block),
                                False)[0].startswith("Liam Carter (ITU)")
