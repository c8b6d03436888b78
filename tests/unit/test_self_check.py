"""The drafter's self-check (assistant/drafting/self_check.py): no bullet leaves the drafter that its
own grounding check refuses; a refused one gives way to the engine's next-best point.

The notes are written for these tests (illustrative), not taken from any notes set.
"""

from __future__ import annotations

import pytest

from assistant.domain.document import Item, Section
from assistant.domain.template import load_template
from assistant.drafting.checks import PLACEHOLDER_ITEM, GroundingChecker
from assistant.drafting.engines.extractive import ExtractiveDrafter
from assistant.drafting.evidence import line_evidence
from assistant.drafting.notes import Notes, read_notes
from assistant.drafting.self_check import SelfCheck, contributing

NOTES = """Session: Solar kiosks for rural clinics
Organised by: GreenGrid Alliance
Rosa Mendes (Energy Ministry)
- the pilot powered 120 clinics in two provinces
- the ministry will publish the kiosk design under an open licence next year
Tom Reyes (UNDP)
- maintenance costs fell by a third after local technicians were trained
"""
PILOT, DESIGN, TOM, COSTS = 4, 5, 6, 7
TRUE_PILOT = "Rosa Mendes (Energy Ministry) said that the pilot powered 120 clinics in two provinces."
WRONG_PILOT = "Rosa Mendes (Energy Ministry) said that the pilot powered 400 clinics in nine provinces."
TRUE_COSTS = "Maintenance costs fell by a third after local technicians were trained."


@pytest.fixture(scope="module")
def notes() -> Notes:
    return read_notes(NOTES, kinds=False)


@pytest.fixture(scope="module")
def check(notes: Notes, embedder) -> SelfCheck:
    return SelfCheck(notes, GroundingChecker(embedder), load_template())


def _item(notes: Notes, text: str, *lines: int) -> Item:
    return Item(text=text, evidence=line_evidence(notes, lines))


def _section(*items: Item) -> Section:
    return Section(id="tangible_outcomes", heading="Tangible outcomes", items=list(items))


def test_a_speaker_line_the_item_does_not_use_is_no_longer_cited(notes: Notes) -> None:
    bare = _item(notes, TRUE_COSTS, TOM, COSTS)
    assert [e.line for e in contributing(bare, notes)] == [COSTS]
    credited = _item(notes, f"Tom Reyes (UNDP) said that {TRUE_COSTS[0].lower()}{TRUE_COSTS[1:]}", TOM, COSTS)
    assert [e.line for e in contributing(credited, notes)] == [TOM, COSTS]  # the name stands on line 6


def test_a_content_line_stays_cited_even_when_the_item_shares_no_word_with_it(notes: Notes) -> None:
    item = _item(notes, TRUE_COSTS, DESIGN, COSTS)
    assert [e.line for e in contributing(item, notes)] == [DESIGN, COSTS]


def test_a_supported_item_stays_with_its_evidence(notes: Notes, check: SelfCheck) -> None:
    item = _item(notes, TRUE_PILOT, 3, PILOT)
    [section] = check.run([_section(item)])
    assert [i.text for i in section.items] == [TRUE_PILOT]
    assert [e.line for e in section.items[0].evidence] == [3, PILOT]
    assert [e.kind for e in section.items[0].evidence] == ["speaker", "content"]


def test_a_refused_item_is_replaced_by_the_engines_next_best(notes: Notes, check: SelfCheck) -> None:
    asked: list[frozenset[str]] = []

    def redraft(rejected: frozenset[str]) -> list[Section]:
        asked.append(rejected)
        return [_section(_item(notes, TRUE_PILOT, 3, PILOT), _item(notes, TRUE_COSTS, COSTS))]

    wrong = _item(notes, WRONG_PILOT, 3, PILOT)
    [section] = check.run([_section(wrong, _item(notes, TRUE_COSTS, COSTS))], redraft)
    assert asked == [frozenset({WRONG_PILOT})]  # the engine is told which bullet the check refused
    assert [i.text for i in section.items] == [TRUE_PILOT, TRUE_COSTS]


def test_a_refused_item_with_no_replacement_is_dropped(notes: Notes, check: SelfCheck) -> None:
    [section] = check.run([_section(_item(notes, WRONG_PILOT, 3, PILOT))])
    assert [i.text for i in section.items] == [PLACEHOLDER_ITEM]
    assert "no_material" in section.items[0].flags
    [kept] = check.run([_section(_item(notes, WRONG_PILOT, 3, PILOT))], drop=False)
    assert [i.text for i in kept.items] == [WRONG_PILOT]  # a model's item stays, for the draft's flags


def test_an_item_citing_the_wrong_line_is_grounded_in_the_whole_notes(notes: Notes, check: SelfCheck) -> None:
    given = [_section(_item(notes, TRUE_PILOT, DESIGN))]
    [section] = check.run(given)
    assert [i.text for i in section.items] == [TRUE_PILOT]
    assert PILOT in [e.line for e in section.items[0].evidence]
    assert [e.line for e in given[0].items[0].evidence] == [DESIGN]  # the sections given are not changed


def test_the_extractive_engine_places_another_point_instead_of_a_rejected_one(embedder) -> None:
    notes = read_notes(NOTES + """Ana Ruiz (ITU)
- clinics with kiosks kept vaccines cold through every outage last summer
- the alliance launched a training fund for women technicians in 2025
""", kinds=False)
    drafter = ExtractiveDrafter(embedder, load_template())
    first = drafter.draft(notes)
    texts = [i.text for s in first for i in s.items if "no_material" not in i.flags]
    where, rejected = next((s.id, s.items[0].text) for s in first if "no_material" not in s.items[0].flags)
    again = drafter.draft(notes, reject_texts={rejected})
    redrafted = [i.text for s in again for i in s.items if "no_material" not in i.flags]
    assert rejected not in redrafted
    assert set(texts) - {rejected} <= set(redrafted)  # every other point is still drafted
    [section] = [s for s in again if s.id == where]
    assert "no_material" not in section.items[0].flags  # the section is filled by the next-best point


def test_the_draft_and_regenerate_paths_replace_a_refused_item(make_index, monkeypatch) -> None:
    from assistant.drafting.service import DraftService

    real = ExtractiveDrafter.draft
    calls: list[frozenset[str]] = []

    def drafting(self, notes, section_ids=None, *, exclude_texts=None, progress=None, reject_texts=None):
        calls.append(frozenset(reject_texts or ()))
        sections = real(self, notes, section_ids, exclude_texts=exclude_texts, progress=progress,
                        reject_texts=reject_texts)
        if not reject_texts:  # the engine's first try states a figure its line does not give
            for section in sections:
                if section.id == "tangible_outcomes":
                    section.items = [_item(notes, WRONG_PILOT, 3, PILOT)]
        return sections

    monkeypatch.setattr(ExtractiveDrafter, "draft", drafting)
    index = make_index()
    service = DraftService(index, index.settings, autosave=False)
    draft = service.draft(NOTES)
    assert calls == [frozenset(), frozenset({WRONG_PILOT})]
    texts = [i.text for s in draft.document.sections for i in s.items]
    assert WRONG_PILOT not in texts
    outcomes = draft.document.section("tangible_outcomes")
    assert outcomes is not None and "no_material" not in outcomes.items[0].flags
    assert all(check.verdict.supported for check in draft.checks.items)  # every item shown is grounded
    calls.clear()
    again = service.regenerate(draft, "tangible_outcomes")
    assert calls == [frozenset(), frozenset({WRONG_PILOT})]
    assert WRONG_PILOT not in [i.text for i in again.document.section("tangible_outcomes").items]
