"""The one place that applies the form's section limits (assistant/domain/section_limits.py)."""

from __future__ import annotations

from assistant.domain.document import Evidence, Item, OutcomeDocument, Section
from assistant.domain.section_limits import (
    PARAGRAPH_SENTENCES,
    capacity,
    cut_to_limits,
    judge_count,
    points_wanted,
    room,
    sentence_capacity,
)
from assistant.domain.template import load_template
from assistant.drafting.checks import check_coverage


def test_a_paragraph_holds_one_item_made_of_a_few_sentences() -> None:
    template = load_template()
    paragraph = next(s for s in template.sections if s.shape == "paragraph")
    bullets = next(s for s in template.sections if s.shape == "bullets")
    assert capacity(paragraph) == 1 and sentence_capacity(paragraph) == PARAGRAPH_SENTENCES
    assert capacity(bullets) == sentence_capacity(bullets) == bullets.max_items


def test_room_is_what_is_left_up_to_the_maximum_and_never_negative() -> None:
    spec = load_template().section("key_issues")
    assert room(spec, 2) == spec.max_items - 2
    assert room(spec, spec.max_items + 3) == 0


def test_the_points_wanted_are_the_bullet_sections_minimums_without_the_paragraph() -> None:
    template = load_template()
    bullets = [s for s in template.sections if s.shape != "paragraph"]
    assert points_wanted(list(template.sections)) == sum(s.min_items for s in bullets)
    assert points_wanted([s for s in template.sections if s.shape == "paragraph"]) == 0
    assert points_wanted([template.section("key_issues")]) == template.section("key_issues").min_items


def test_the_cut_keeps_items_with_evidence_first() -> None:
    spec = load_template().section("action_plan")
    cited = [Item(text=f"cited {n}", evidence=[Evidence(line=n, text="x")]) for n in range(spec.max_items)]
    items = [Item(text="uncited"), *cited]
    assert cut_to_limits(items, spec) == cited
    assert cut_to_limits(cited[:2], spec) == cited[:2]


def test_the_judgement_names_the_status_and_the_problem() -> None:
    spec = load_template().section("key_issues")  # 5 to 8 items
    assert judge_count(spec, 0).status == "missing" and not judge_count(spec, 0).within
    few = judge_count(spec, spec.min_items - 1)
    assert few.status == "too few"
    assert few.problems == (f"{spec.min_items - 1} items, below the minimum of 5",)
    many = judge_count(spec, spec.max_items + 1)
    assert many.status == "too many" and "above the maximum of 8" in many.problems[0]
    assert judge_count(spec, spec.min_items).status == "ok" and judge_count(spec, spec.min_items).within
    assert judge_count(spec, 2, lowest=2).within  # fewer items are fair when the notes hold less


def test_the_coverage_check_and_the_judgement_agree() -> None:
    template = load_template()
    spec = template.section("key_issues")
    items = [Item(text=f"Point {n} was raised by the panel.") for n in range(spec.min_items - 2)]
    document = OutcomeDocument(template_id=template.id, sections=[Section(id=spec.id, heading=spec.heading,
                                                                          items=items)])
    row = next(s for s in check_coverage(document, template).sections if s.id == spec.id)
    judged = judge_count(spec, len(items))
    assert row.within_limits == judged.within is False
    assert list(judged.problems) == [p for p in row.problems if "minimum" in p]
