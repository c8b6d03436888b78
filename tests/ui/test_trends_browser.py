"""The Trends tab in a real browser (Debian's Chromium driven by Playwright).

Draws the three charts from the indexed sample corpus, then lists the sessions behind one bar of
the organisers chart and checks them against a hand count of the sample documents' organiser lines.
Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.browser import BROWSER_MARKS, opened_page

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
pytestmark = BROWSER_MARKS
# Counted by hand from the organiser lines of corpus/: the 2023 sessions with ITU as an organiser.
ITU_2023 = {
    "Shaping Inclusive AI Governance: A Multistakeholder Roadmap for Developing Countries",
    "Keeping Children Safe Online: From Guidelines to National Action",
    "Cyber Hygiene for Small Businesses: Building Trust in the Digital Economy",
    "Turning E-waste into Opportunity: Circular Economy Approaches in Africa and Asia",
}


@pytest.fixture(scope="module")
def page(browser, app) -> Iterator[object]:
    """One page for the whole module (its tests build on each other's choices), on the Trends tab."""
    with opened_page(browser, app.url, height=1100) as page:
        page.get_by_role("tab", name="Trends").click()
        yield page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def choose(page, dropdown_id: str, option: str) -> None:
    """Pick an option of a Gradio dropdown by its visible text."""
    page.locator(f"#{dropdown_id} input").click()
    page.get_by_role("option", name=option).click()


def test_trends_tab_draws_the_three_charts(page) -> None:
    page.locator("#rp-trend-message").get_by_text("27 sessions indexed").wait_for(timeout=60_000)
    for plot in ("rp-trend-lines", "rp-trend-organisers", "rp-trend-theme-share"):
        # Gradio's native plots draw with Vega: a canvas or an svg appears once there is data
        page.locator(f"#{plot} canvas, #{plot} svg").first.wait_for(timeout=30_000)
    # the year legend sits above the stacked charts, every year shown (Vega's own, under the rotated
    # labels, was cut off by the chart's box)
    keys = page.locator("#rp-trend-legend .rp-legend-key").all_inner_texts()
    assert [k.strip() for k in keys] == ["2023", "2024", "2025"]
    assert page.locator("#rp-trend-legend").is_visible()
    shot(page, "trends-tab")


def test_sessions_behind_a_bar_match_the_hand_count(page) -> None:
    page.locator("#rp-trend-message").get_by_text("sessions indexed").wait_for(timeout=60_000)
    choose(page, "rp-trend-chart", "Organisers")
    choose(page, "rp-trend-bar", "ITU · 2023 (4 sessions)")
    box = page.locator("#rp-trend-sessions")
    box.wait_for(timeout=30_000)
    listed = {t.strip() for t in box.locator("li strong").all_inner_texts()}
    assert listed == ITU_2023
    shot(page, "trends-sessions-behind-a-bar")


def test_a_theme_share_per_year_can_be_asked_for(page) -> None:
    page.fill("#rp-trend-theme textarea, #rp-trend-theme input", "gender")
    page.click("#rp-trend-refresh")
    page.locator("#rp-trend-message").get_by_text("theme: gender").wait_for(timeout=60_000)
    choose(page, "rp-trend-chart", "Theme")
    page.locator("#rp-trend-bar input").click()
    options = page.locator("#rp-trend-bar").get_by_role("option").all_inner_texts()
    assert options and all(o.startswith("gender · ") for o in options)
    choose(page, "rp-trend-bar", options[0])
    page.locator("#rp-trend-sessions li").first.wait_for(timeout=30_000)
    shot(page, "trends-theme-gender")
