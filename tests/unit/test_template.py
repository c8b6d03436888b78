"""The outcome template as data: ids, headings, limits and year parameters."""

from __future__ import annotations

import pytest

from assistant.domain.template import available_templates, load_template, template_for_year
from assistant.errors import ConfigError, NotFoundError


def test_sections_ids_and_limits_follow_the_official_form() -> None:
    template = load_template("wsis-2024")
    assert template.section_ids == [
        "key_issues", "wsis_views", "tangible_outcomes", "action_plan", "thematic_suggestions",
    ]
    limits = {s.id: (s.min_items, s.max_items) for s in template.sections}
    assert limits == {
        "key_issues": (5, 8), "wsis_views": (5, 8), "tangible_outcomes": (3, 5),
        "action_plan": (2, 5), "thematic_suggestions": (1, 1),
    }
    assert [p.id for p in template.section("wsis_views").parts] == [
        "emerging_trends", "challenges", "achievements", "opportunities",
    ]
    assert [h.id for h in template.header] == ["title", "organisers", "date", "url"]


def test_headings_carry_the_years_of_the_form(seed_text: str) -> None:
    template = load_template("wsis-2024")
    assert "WSIS beyond 2025" in template.heading("wsis_views")
    assert template.heading("thematic_suggestions").startswith(
        "Suggestions for thematic aspects that might be included in the WSIS Forum 2025"
    )
    # every official heading appears, word for word, in the real 2024 document
    flat = " ".join(seed_text.split())
    for section_id in ("wsis_views", "tangible_outcomes", "action_plan", "thematic_suggestions"):
        assert template.heading(section_id) in flat


def test_unknown_template_and_section_give_clear_errors() -> None:
    assert "wsis-2024" in available_templates()
    # vocabularies and weights kept beside the forms are data, not forms
    assert not {"wsis-lines", "checker-vocabulary", "checker-weights"} & set(available_templates())
    with pytest.raises(ConfigError, match=r"available: .*wsis-2024"):
        load_template("wsis-1999")
    with pytest.raises(NotFoundError, match="valid sections"):
        load_template().section("nope")


def test_a_later_form_is_one_more_file_with_other_years() -> None:
    base, later = load_template("wsis-2024"), load_template("wsis-2025")
    assert later.section_ids == base.section_ids and later.forum_year == 2025
    assert "WSIS Forum 2026 (one paragraph)" in later.heading("thematic_suggestions")
    assert later.heading("key_issues") == base.heading("key_issues")
    assert template_for_year(2025).id == "wsis-2025"
    assert template_for_year(2019).id == "wsis-2024"
    assert template_for_year(None).id == "wsis-2024"
