"""Issue 22 (session 10): a note point that states two claims on one line is cut in two at a clause
boundary when a short section of the form needs one more point (`drafting.claims`,
`ExtractiveDrafter._split_two_claims`). The points are written for these tests (illustrative), not
taken from any evaluation set."""

from __future__ import annotations

import numpy as np

from assistant.domain.template import load_template
from assistant.drafting.claims import claim_halves, quote_without
from assistant.drafting.engines.extractive import Candidate, ExtractiveDrafter, _has_finite_verb
from assistant.drafting.notes import NoteSentence, read_notes


def test_a_semicolon_between_two_claims_cuts_the_point() -> None:
    assert claim_halves("kiosks in 12 towns served 9,000 people in May; staff turnover the main worry",
                        _has_finite_verb) == ("kiosks in 12 towns served 9,000 people in May",
                                              "staff turnover the main worry")


def test_a_comma_and_before_a_clause_with_its_own_verb_cuts_the_point() -> None:
    assert claim_halves("ports should share cargo data openly, and customs must publish their wait times",
                        _has_finite_verb) == ("ports should share cargo data openly",
                                              "customs must publish their wait times")


def test_one_claim_a_list_or_a_leaning_half_is_left_whole() -> None:
    for text in (
        "the ministry trained teachers, nurses and clerks in three provinces",  # a list: no second verb
        "vendors, and buyers too",  # too short on either side
        "32 towns joined the scheme; only 9 of those publish a register",  # the half leans on the first
        "budgets cut; staff left; offices closed in four districts",  # several semicolons
        "a single claim about broadband prices in rural districts",
        "1.2 million people now held a credential, and that the credential opened bank accounts",  # dependent
    ):
        assert claim_halves(text, _has_finite_verb) is None, text


def test_each_half_quotes_its_line_without_the_other_claim() -> None:
    line = "- Ada Obi (GSMA): kiosks in 12 towns served 9,000 people; ministries should fund the staff"
    assert quote_without(line, "ministries should fund the staff") == \
        "- Ada Obi (GSMA): kiosks in 12 towns served 9,000 people"
    assert quote_without(line, "kiosks in 12 towns served 9,000 people") == \
        "- Ada Obi (GSMA): ministries should fund the staff"
    assert quote_without(line, "words the line does not hold") == line


def _drafter() -> ExtractiveDrafter:
    return ExtractiveDrafter(embedder=_Embedder(), template=load_template("wsis-2025"))  # type: ignore[arg-type]


class _Embedder:
    """Vectors for the halves: the tests score them by hand after `_score`."""

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0


def _point(row: int, text: str) -> Candidate:
    return Candidate(NoteSentence(id=row, line=row + 5, text=text), text, [], scores={}, row=row)


def _notes_of(chosen: dict[str, list[Candidate]]) -> str:
    """Notes whose line of each point (`_point`: row + 5) holds that point, under a short header."""
    lines = ["Kiosk session", "ITU", "8 July 2025", ""]
    for c in (c for items in chosen.values() for c in items):
        lines += [""] * max(0, c.sentence.line - len(lines))
        lines[c.sentence.line - 1] = f"- {c.sentence.text}."  # one bullet a line: no wrap
    return "\n".join(lines) + "\n"


def test_a_short_section_below_its_minimum_takes_half_of_a_two_claim_point() -> None:
    drafter = _drafter()

    def score(made: list[Candidate], vectors: np.ndarray, _notes: object) -> None:
        for c in made:  # the half that recommends fits the plan; the one that counts, the outcomes
            plan = "should" in c.sentence.text
            c.scores = {"key_issues": 0.2, "wsis_views": 0.2, "tangible_outcomes": 0.1 if plan else 0.7,
                        "action_plan": 0.8 if plan else 0.1, "thematic_suggestions": 0.0}

    drafter._score = score  # type: ignore[method-assign]
    whole = _point(0, "kiosks in 12 towns served 9,000 people in May; ministries should fund the kiosk staff")
    outcomes = [whole, _point(1, "a kiosk handbook was published in June by the agency"),
                _point(2, "card payment failures fell by half after the upgrade")]
    plan = [_point(3, "regulators should cap the fees of small card payments")]
    chosen: dict[str, list[Candidate]] = {"key_issues": [], "wsis_views": [], "tangible_outcomes": outcomes,
                                          "action_plan": plan, "thematic_suggestions": []}
    drafter._notes = read_notes(_notes_of(chosen))
    drafter._split_two_claims(chosen)
    assert chosen["tangible_outcomes"][0].sentence.text == "kiosks in 12 towns served 9,000 people in May"
    assert len(chosen["tangible_outcomes"]) == 3
    assert [c.sentence.text for c in chosen["action_plan"]] == [
        "regulators should cap the fees of small card payments", "ministries should fund the kiosk staff"]
    moved = chosen["action_plan"][1]
    assert moved.joined and moved.text.startswith("Ministries should fund")  # a bullet of its own


def test_an_empty_section_is_opened_by_no_half() -> None:
    drafter = _drafter()
    point = "kiosks in 12 towns served 9,000 people in May; ministries should fund staff"
    drafter._score = _score_by_shortage  # type: ignore[method-assign]
    others = ("wsis_views", "tangible_outcomes", "action_plan", "thematic_suggestions")
    chosen: dict[str, list[Candidate]] = {sid: [] for sid in others}
    chosen["key_issues"] = [_point(0, point)]
    drafter._notes = read_notes(_notes_of(chosen))
    drafter._split_two_claims(chosen)
    assert chosen["action_plan"] == [] and chosen["tangible_outcomes"] == []
    assert chosen["wsis_views"] == [] and chosen["thematic_suggestions"] == []
    # the section that held the point keeps both halves (short notes: a long section below its
    # minimum takes a half too, session 12); no other section is opened
    assert [c.sentence.text for c in chosen["key_issues"]] == [
        "kiosks in 12 towns served 9,000 people in May", "ministries should fund staff"]


def test_a_bare_and_between_two_clauses_with_their_own_subjects_cuts_the_point() -> None:
    assert claim_halves("ferry bookings tripled after the app launch and port staff now answer fewer calls",
                        _has_finite_verb) == ("ferry bookings tripled after the app launch",
                                              "port staff now answer fewer calls")


def test_a_bare_and_inside_one_clause_or_before_a_verb_is_left_whole() -> None:
    for text in (
        "the charter was drafted and published by the regional body in March",  # shared subject
        "Ghana and Senegal signed the roaming accord last week",  # a list of subjects
        # two cuts
        "tariffs dropped sharply and the regulator has warned operators and the ministry will review fees",
        "prices fell and stayed low for a decade",  # the second side opens on its verb
        "the agency trained 300 flood wardens and now runs a drill each spring",  # ... after an adverb
    ):
        assert claim_halves(text, _has_finite_verb) is None, text


def _long_section_chosen(extra_points: int) -> dict[str, list[Candidate]]:
    """Key issues with one point, the outcomes with a two-claim point (the half about a shortage fits
    Key issues), and `extra_points` more outcomes to make the notes long or short."""
    whole = _point(0, "ferry bookings tripled after the app launch and port staff lacked radios at night")
    outcomes = [whole, _point(1, "a timetable portal was published in June by the agency"),
                _point(2, "ticket fraud fell by half after the upgrade")]
    outcomes += [_point(10 + n, f"island number {n} joined the booking scheme this spring")
                 for n in range(extra_points)]
    return {"key_issues": [_point(3, "fuel prices make night crossings unaffordable for small operators")],
            "wsis_views": [], "tangible_outcomes": outcomes, "action_plan": [], "thematic_suggestions": []}


def _score_by_shortage(made: list[Candidate], vectors: np.ndarray, _notes: object) -> None:
    for c in made:  # the half about a shortage fits Key issues; the one that counts, the outcomes
        issue = "lacked" in c.sentence.text
        c.scores = {"key_issues": 0.8 if issue else 0.1, "wsis_views": 0.2, "action_plan": 0.1,
                    "tangible_outcomes": 0.1 if issue else 0.7, "thematic_suggestions": 0.0}


def test_in_short_notes_a_long_section_below_its_minimum_takes_half_of_a_two_claim_point() -> None:
    drafter = _drafter()
    drafter._score = _score_by_shortage  # type: ignore[method-assign]
    chosen = _long_section_chosen(extra_points=0)
    drafter._notes = read_notes(_notes_of(chosen))
    drafter._split_two_claims(chosen)
    assert [c.sentence.text for c in chosen["key_issues"]] == [
        "fuel prices make night crossings unaffordable for small operators",
        "port staff lacked radios at night"]
    assert chosen["tangible_outcomes"][0].sentence.text == "ferry bookings tripled after the app launch"
    assert len(chosen["tangible_outcomes"]) == 3 and chosen["wsis_views"] == []


def test_a_sentence_joined_across_note_lines_is_not_cut() -> None:
    drafter = _drafter()
    drafter._score = _score_by_shortage  # type: ignore[method-assign]
    chosen = _long_section_chosen(extra_points=0)
    whole = chosen["tangible_outcomes"][0].sentence.text
    drafter._notes = read_notes(_notes_of(chosen).replace(whole, whole.replace(" and ", "\n  and ")))
    drafter._split_two_claims(chosen)  # the point's line holds only its first words: no cut
    assert len(chosen["key_issues"]) == 1 and chosen["tangible_outcomes"][0].sentence.text == whole


def test_a_long_section_takes_halves_only_up_to_three_points() -> None:
    drafter = _drafter()
    drafter._score = _score_by_shortage  # type: ignore[method-assign]
    chosen = _long_section_chosen(extra_points=0)
    chosen["key_issues"] += [_point(4, "ferry crews report engine faults weekly and spare parts arrive late"),
                             _point(5, "night crossings are unsafe in winter storms for small boats")]
    before = [c.sentence.text for c in chosen["key_issues"]]
    drafter._notes = read_notes(_notes_of(chosen))
    drafter._split_two_claims(chosen)  # three points already: no cut, though two points hold two claims
    assert [c.sentence.text for c in chosen["key_issues"]] == before
    assert len(chosen["tangible_outcomes"]) == 3


def test_in_long_notes_a_long_section_takes_no_half() -> None:
    drafter = _drafter()
    drafter._score = _score_by_shortage  # type: ignore[method-assign]
    chosen = _long_section_chosen(extra_points=12)
    drafter._notes = read_notes(_notes_of(chosen))  # 16 points placed: as many as the form's minimums
    drafter._split_two_claims(chosen)
    assert len(chosen["key_issues"]) == 1 and len(chosen["tangible_outcomes"]) == 15
