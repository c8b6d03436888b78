"""Speaker credit in the Draft tab, in a real browser: edits are grounded against the whole notes.

A rapporteur edits an item to credit the speaker who made the point: the check finds that speaker's
unit in the notes, and the item is grounded with it as evidence. Crediting her for another
panellist's point is flagged, and the verdict names who the credit went to and who the notes say spoke;
so is crediting her for a point another speaker made while naming her (praising her idea), and an
edit that drops the condition a speaker tied a point to.
The notes are illustrative, written for this test.
"""

from __future__ import annotations

import re
from pathlib import Path

from support.browser import BROWSER_MARKS

pytestmark = BROWSER_MARKS
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

NOTES = """Session: Clinics on the line - connecting rural health posts
Organisers: Rural Health Links and the Ministry of Health
Date: 9 July 2025

Minister Lena Park opened the session.
- 40 rural clinics now have telemedicine carts
- nurses get two weeks of training before the carts arrive
- recommends a national register of connected clinics

10:15 Tomas Berg (satellite operator)
- satellite capacity for clinics costs a third of what it did in 2021
- one shared ground station serves five districts
- calls for spectrum fees to be waived for health links
- praised Lena Park's register idea; ground stations still need backup power
- the operator can serve three more districts as long as the ministry covers fuel costs
"""
# Lena Park's block opens with a sentence that names her, not with a heading: the unlabelled bullets
# under it are hers, and crediting her must not read as crediting someone else.
RIGHT = "Lena Park said 40 rural clinics now have telemedicine carts."
WRONG = "Lena Park said one shared ground station serves five districts."
# Tomas Berg names Lena Park in his own bullet, but only as someone he praised: she is not the one who
# says that ground stations need backup power.
NAMED_NOT_SPEAKING = "Lena Park said ground stations still need backup power."
# Tomas Berg ties the extra districts to a condition: an edit that drops it states more than he said.
CONDITION_DROPPED = "Tomas Berg said the operator will serve three more districts."


def _line(fragment: str) -> int:
    return next(n for n, line in enumerate(NOTES.split("\n"), 1) if fragment in line)


def _edit(page, option: int, text: str) -> str:
    """Edit the form's item number `option` (in the chooser's order) to `text`; the notice after it."""
    page.locator("#draft-item input").click()
    page.get_by_role("option").nth(option).click()
    box = page.locator("#draft-item-text textarea")
    page.wait_for_function("el => el.value.length > 0", arg=box.element_handle(), timeout=30_000)
    box.fill(text)
    before = page.locator("#draft-notice").inner_text()
    page.click("#draft-apply")
    page.wait_for_function(
        "([el, old]) => el.innerText.includes('Edit applied') && el.innerText !== old",
        arg=[page.locator("#draft-notice").element_handle(), before], timeout=60_000,
    )
    return page.locator("#draft-notice").inner_text()


def test_a_right_credit_is_grounded_on_the_speakers_unit_and_a_wrong_one_names_the_speaker(page) -> None:
    page.get_by_role("tab", name="Draft").click()
    page.fill("#draft-notes textarea", NOTES)
    page.click("#draft-run")
    page.locator("#draft-form .rp-form").wait_for(timeout=120_000)
    page.locator("#draft-edit-box").get_by_text("Edit an item").click()

    notice = _edit(page, 0, RIGHT)
    assert "grounded in the notes" in notice and "not grounded" not in notice, notice
    found = re.search(r"evidence: line ([\d, ]+)", notice)
    assert found, notice
    lines = {int(n) for n in found.group(1).replace(" ", "").split(",") if n}
    assert _line("40 rural clinics") in lines, notice
    item = page.locator("#draft-form .rp-item").filter(has_text=RIGHT)
    assert item.locator(".rp-badge").inner_text() == "grounded"

    notice = _edit(page, 1, WRONG)
    assert "not grounded" in notice, notice
    assert "speaker: Lena Park" in notice and "Tomas Berg" in notice, notice
    item = page.locator("#draft-form .rp-item").filter(has_text=WRONG)
    assert item.locator(".rp-badge").inner_text() != "grounded"

    notice = _edit(page, 2, NAMED_NOT_SPEAKING)
    assert "not grounded" in notice, notice
    assert "speaker: Lena Park" in notice and "Tomas Berg" in notice, notice

    notice = _edit(page, 3, CONDITION_DROPPED)
    assert "not grounded" in notice, notice
    assert "condition: will (evidence: as long as)" in notice, notice
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "draft-edit-speaker-credit.png"), full_page=True)
