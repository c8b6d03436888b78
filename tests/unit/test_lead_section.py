"""Issue 22, sections (seventh round): with short notes, the form's first long section (Key issues)
holds at least as many points as the second (Towards WSIS+20); the point that fits Key issues best,
relative to where it sits, moves up. Longer notes are left as the selection placed them. The points
are written for these tests (illustrative)."""

from __future__ import annotations

from assistant.domain.template import load_template
from assistant.drafting.engines.extractive import Candidate, ExtractiveDrafter
from assistant.drafting.notes import NoteSentence

SECTIONS = ("key_issues", "wsis_views", "tangible_outcomes", "action_plan", "thematic_suggestions")


def _candidate(row: int, home: str, key_fit: float = 0.1, key_eligible: bool = True) -> Candidate:
    """A point placed in `home`, fitting Key issues by `key_fit`."""
    scores = dict.fromkeys(SECTIONS, 0.1)
    scores[home], scores["key_issues"] = 0.6, key_fit if home != "key_issues" else 0.6
    eligible = {home} | ({"key_issues"} if key_eligible else set())
    sentence = NoteSentence(id=row, line=row + 1, text=f"point number {row} of the session")
    return Candidate(sentence, sentence.text, [], scores=scores, eligible=eligible, row=row)


def _drafter() -> ExtractiveDrafter:
    return ExtractiveDrafter(embedder=None, template=load_template("wsis-2025"))  # type: ignore[arg-type]


def _placed(candidates: list[Candidate]) -> dict[str, list[Candidate]]:
    chosen: dict[str, list[Candidate]] = {sid: [] for sid in SECTIONS}
    for c in candidates:
        chosen[max(c.scores, key=lambda s: c.scores[s])].append(c)
    return chosen


def test_short_notes_give_key_issues_as_many_points_as_the_next_long_section() -> None:
    candidates = [_candidate(0, "key_issues"), _candidate(1, "wsis_views", 0.2),
                  _candidate(2, "wsis_views", 0.5), _candidate(3, "wsis_views", 0.3),
                  _candidate(4, "tangible_outcomes"), _candidate(5, "action_plan")]
    chosen = _placed(candidates)
    _drafter()._lead_section_first(chosen)
    assert [c.row for c in chosen["key_issues"]] == [0, 2]  # the point that fits it best moved up
    assert len(chosen["wsis_views"]) == 2
    assert sum(len(items) for items in chosen.values()) == len(candidates)  # none repeated or dropped


def test_a_point_not_eligible_for_key_issues_stays_where_it_is() -> None:
    candidates = [_candidate(0, "key_issues"), _candidate(1, "wsis_views", 0.5, key_eligible=False),
                  _candidate(2, "wsis_views", 0.5, key_eligible=False)]
    chosen = _placed(candidates)
    _drafter()._lead_section_first(chosen)
    assert len(chosen["key_issues"]) == 1 and len(chosen["wsis_views"]) == 2


def test_notes_that_fill_the_minimums_are_left_as_placed() -> None:
    candidates = [*(_candidate(n, "key_issues") for n in range(5)),
                  *(_candidate(n, "wsis_views", 0.5) for n in range(5, 12)),
                  *(_candidate(n, "tangible_outcomes") for n in range(12, 15)),
                  _candidate(15, "action_plan"), _candidate(16, "action_plan")]
    chosen = _placed(candidates)
    _drafter()._lead_section_first(chosen)
    assert len(chosen["key_issues"]) == 5 and len(chosen["wsis_views"]) == 7
