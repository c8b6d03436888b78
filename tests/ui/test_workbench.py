"""The app as a rapporteur's workbench, in Debian's Chromium at desktop (1400 px) and phone (390 px) width.

Each test runs at both widths. Drafting: the header is edited after drafting, saved with the draft,
carried by every download (named from the title) and still there after a page reload; reopening a
draft restores its notes and header boxes; regenerating a section keeps edited items unless told
otherwise and says when nothing changed; the drafting progress shows over the draft, not over the
recent-drafts list. Ask: adjacent citations render as bold "[1][2]" without stray asterisks, and the
question stays visible above its answer. Evaluate: the report is rendered (tables, no raw Markdown),
the HTML report downloads and progress names its stage. Corpus: deleting asks first and names the
document's title; the table headers stay on one line. At phone width nothing is wider than the
screen. Screenshots of the Ask, Draft, Corpus and Evaluate tabs go to test-artifacts/.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.browser import BROWSER_MARKS

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
NOTES = REPO / "evals" / "datasets" / "notes" / "cybersecurity_smes.txt"
SEED = REPO / "tests" / "data" / "seed_quantum_governance_2024.txt"
WIDTHS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}
pytestmark = BROWSER_MARKS


@pytest.fixture(params=list(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    """"desktop" or "phone": the viewport the test runs at."""
    return str(request.param)


@pytest.fixture
def page(browser, app, width: str) -> Iterator[object]:
    context = browser.new_context(viewport=WIDTHS[width], accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(app.url)
    page.wait_for_selector("#ask-input textarea", timeout=60_000)
    yield page
    context.close()
    assert not errors, f"errors in the page: {errors}"


# For each header cell of the documents table: its text and on how many lines that text is laid out.
HEADER_LINES_JS = """
() => [...document.querySelectorAll('#corpus-table thead th')].filter(th => th.innerText.trim()).map(th => {
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  const tops = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
  }
  return [th.innerText.trim(), tops.size];
})
"""


def shot(page, name: str) -> None:
    """Save a full-page screenshot for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_fits_the_screen(page, *selectors: str) -> None:
    """Nothing makes the page scroll sideways, and each selected element lies inside the screen."""
    screen = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= screen
    assert page.evaluate("document.body.scrollWidth") <= screen
    for selector in selectors:
        for box in [el.bounding_box() for el in page.locator(selector).all() if el.is_visible()]:
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= screen + 0.5, (
                f"{selector} spans {box} on a {screen} px screen")


def draft_notes(page, notes: str) -> None:
    page.get_by_role("tab", name="Draft").click()
    page.fill("#draft-notes textarea", notes)
    page.click("#draft-run")
    page.locator("#draft-form .rp-form").wait_for(timeout=120_000)
    page.locator("#draft-notice").get_by_text("Draft ready").wait_for(timeout=30_000)


def notice(page, text: str) -> None:
    """Wait for the Draft tab's notice to say `text`."""
    try:
        page.locator("#draft-notice").get_by_text(text).wait_for(timeout=60_000)
    except Exception as exc:
        shown = page.locator("#draft-notice").inner_text()
        raise AssertionError(f"the notice never said {text!r}; it says {shown!r}") from exc


def download(page, button: str, folder: Path) -> Path:
    with page.expect_download(timeout=30_000) as info:
        page.click(button)
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def choose(page, dropdown: str, label_start: str) -> None:
    """Pick the option of a Gradio dropdown whose label starts with `label_start`."""
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option").filter(has_text=label_start).first.click()


# -- Draft ----------------------------------------------------------------------------------------
def test_header_edited_after_drafting_is_saved_exported_and_survives_a_reload(
    page, width: str, tmp_path: Path
) -> None:
    notes = NOTES.read_text(encoding="utf-8")
    page.get_by_role("tab", name="Draft").click()
    page.fill("#draft-notes textarea", notes)
    page.click("#draft-run")
    # while drafting, the progress shows over the draft area, never inside the recent-drafts box
    page.locator("#draft-form .wrap.full:not(.hide)").first.wait_for(state="attached", timeout=30_000)
    assert page.locator("#draft-recent-box .wrap.full:not(.hide)").count() == 0
    page.locator("#draft-form .rp-form").wait_for(timeout=120_000)
    notice(page, "Draft ready")
    # the header boxes now show the draft's header, taken from the notes
    assert "Cybersecurity" in page.locator("#draft-title textarea, #draft-title input").first.input_value()
    assert page.locator("#draft-form").get_by_text("1 items").count() == 0
    if width == "phone":
        assert_fits_the_screen(page, "#draft-dl-docx", "#draft-dl-json", "#draft-coverage .rp-status",
                               "#draft-coverage table", "#draft-form .rp-form")
    shot(page, f"draft-{width}")

    title = f"Workbench header check {width}"
    page.fill("#draft-title textarea, #draft-title input", title)
    page.fill("#draft-url textarea, #draft-url input", "https://example.org/wsis-forum/2025/session/77")
    page.click("#draft-header-save")
    notice(page, "Header saved with the draft")
    header = page.locator("#draft-form table.rp-header")
    assert header.get_by_text(title).is_visible()
    assert header.get_by_text("https://example.org/wsis-forum/2025/session/77").is_visible()
    missing = page.locator("#draft-coverage .rp-missing")
    assert missing.count() == 0 or "URL" not in missing.inner_text()  # the URL is no longer missing

    stem = f"Workbench-header-check-{width}"
    docx = download(page, "#draft-dl-docx", tmp_path)
    assert docx.name == f"{stem}.docx" and zipfile.is_zipfile(docx)
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert title in xml and "example.org/wsis-forum/2025/session/77" in xml
    markdown = download(page, "#draft-dl-md", tmp_path)
    assert markdown.name == f"{stem}.md" and title in markdown.read_text(encoding="utf-8")
    data = json.loads(download(page, "#draft-dl-json", tmp_path).read_text(encoding="utf-8"))
    assert data["header"]["title"] == title
    assert data["header"]["url"] == "https://example.org/wsis-forum/2025/session/77"

    # a reload brings the draft back (this browser remembers which one), header edits included
    page.reload()
    page.wait_for_selector("#ask-input textarea", timeout=60_000)
    page.get_by_role("tab", name="Draft").click()
    notice(page, "Reopened the draft you were working on")
    assert_reopened(page, notes, title)
    assert page.locator("#draft-url textarea, #draft-url input").first.input_value().endswith("/session/77")
    again = tmp_path / "after-reload"
    again.mkdir()
    assert download(page, "#draft-dl-docx", again).name == f"{stem}.docx"


def test_reopening_a_draft_in_a_fresh_browser_restores_notes_and_header(
    browser, app, page, width: str
) -> None:
    notes = NOTES.read_text(encoding="utf-8")
    draft_notes(page, notes)
    title = f"Reopen check {width}"
    page.fill("#draft-title textarea, #draft-title input", title)
    page.click("#draft-header-save")
    notice(page, "Header saved")

    context = browser.new_context(viewport=WIDTHS[width])  # another browser: nothing remembered
    fresh = context.new_page()
    fresh.goto(app.url)
    fresh.wait_for_selector("#ask-input textarea", timeout=60_000)
    fresh.get_by_role("tab", name="Draft").click()
    assert fresh.locator("#draft-notes textarea").input_value() == ""
    assert fresh.locator("#draft-title textarea, #draft-title input").first.input_value() == ""
    choose(fresh, "#draft-recent", title)
    fresh.click("#draft-open")
    notice(fresh, "Draft reopened with its notes and header")
    assert_reopened(fresh, notes, title)
    context.close()


def assert_reopened(page, notes: str, title: str) -> None:
    """The notes box, the header boxes and the form show the saved draft."""
    assert page.locator("#draft-notes textarea").input_value().strip() == notes.strip()
    assert page.locator("#draft-title textarea, #draft-title input").first.input_value() == title
    assert "ITU" in page.locator("#draft-organisers textarea, #draft-organisers input").first.input_value()
    assert page.locator("#draft-date textarea, #draft-date input").first.input_value() == "9 July 2025"
    assert page.locator("#draft-form table.rp-header").get_by_text(title).is_visible()


def test_regenerating_keeps_edited_items_unless_asked_and_says_when_nothing_changed(page, width: str) -> None:
    draft_notes(page, NOTES.read_text(encoding="utf-8"))
    edited = f"Ciberseguro PYME, as the rapporteur wrote it ({width})."
    page.get_by_text("Edit an item").click()
    choose(page, "#draft-item", "Tangible outcomes 1:")
    box = page.locator("#draft-item-text textarea")
    page.wait_for_function("(el) => el.value.length > 0", arg=box.element_handle())  # prefilled first
    box.fill(edited)
    page.click("#draft-apply")
    notice(page, "Edit applied")
    section = page.locator("#rp-tangible_outcomes")
    assert section.get_by_text(edited).is_visible()

    page.get_by_text("Regenerate a section").click()
    choose(page, "#draft-section", "Tangible outcomes")
    page.click("#draft-regenerate")
    notice(page, "Your edited item was kept")
    assert section.get_by_text(edited).is_visible()  # the edit survived the regeneration
    page.click("#draft-header-save")  # (changes nothing, but gives the notice a new text to wait on)
    notice(page, "Header saved")
    # the same request again gives the same section: the tab says so instead of "regenerated"
    page.click("#draft-regenerate")
    notice(page, "the engine gave the same items, so nothing changed")
    assert section.get_by_text(edited).is_visible()

    page.locator("#draft-regen-replace input").check()
    page.click("#draft-regenerate")
    notice(page, "1 edited item replaced")
    assert section.get_by_text(edited).count() == 0
    assert section.locator(".rp-item").count() >= 1


# -- Ask ------------------------------------------------------------------------------------------
def test_adjacent_citations_render_cleanly_and_the_question_stays_above_its_answer(page, width: str) -> None:
    question = ("Which sessions discussed community networks for rural connectivity, "
                "and what did they achieve?")
    page.fill("#ask-input textarea", question)
    page.click("#ask-send")
    page.get_by_text("Sources (").last.wait_for(timeout=60_000)
    chat = page.locator("#ask-chat")
    # every citation is a bold link of its own that opens the cited source (issue 23)
    bold = [t for t in chat.locator("a strong").all_inner_texts() if re.fullmatch(r"\[\d+\]", t.strip())]
    assert bold and chat.locator("a[href^='#rp-cite']").count() >= len(bold), bold
    assert "**" not in chat.inner_text()
    # the question is on screen, inside the chat's visible area, above the start of its answer
    row = chat.locator(".user-row").last
    assert row.get_by_text(question).is_visible()
    panel = chat.locator(".panel-wrap, .bubble-wrap").first.bounding_box()
    asked = row.bounding_box()
    assert panel and asked and panel["y"] - 1 <= asked["y"] <= panel["y"] + panel["height"] - asked["height"]
    if width == "phone":
        assert_fits_the_screen(page, "#ask-chat", "#ask-send")
    shot(page, f"ask-{width}")


# -- Evaluate -------------------------------------------------------------------------------------
def test_evaluate_renders_the_report_offers_the_html_and_shows_stages(
    page, width: str, tmp_path: Path
) -> None:
    page.get_by_role("tab", name="Evaluate").click()
    choose(page, "#eval-suite", "grounding")
    page.click("#eval-run")
    page.locator("#eval-report").get_by_text(re.compile(r"Stage 1 of 1")).first.wait_for(timeout=60_000)
    page.locator("#eval-notice").get_by_text("finished").wait_for(timeout=180_000)
    report = page.locator("#eval-report")
    report.locator("table").first.wait_for(timeout=30_000)
    assert report.locator("h1, h2").count() >= 1 and report.locator("table td").count() >= 4
    text = report.inner_text()
    assert "**" not in text and "|---" not in text and "| ---" not in text  # rendered, not raw Markdown
    assert report.locator("pre").count() == 0
    html_report = download(page, "#eval-download", tmp_path)
    assert html_report.suffix == ".html"
    assert "<html" in html_report.read_text(encoding="utf-8").lower()
    if width == "phone":
        assert_fits_the_screen(page, "#eval-run", "#eval-download")
    shot(page, f"evaluate-{width}")


# -- Corpus ---------------------------------------------------------------------------------------
def test_corpus_delete_asks_first_names_titles_and_headers_stay_readable(
    page, app, width: str, tmp_path: Path
) -> None:
    document = tmp_path / f"workbench-delete-{width}.txt"
    # content of its own per width, so each run adds a document (no duplicate of the other width's)
    document.write_text(SEED.read_text(encoding="utf-8") + f"\nReviewed on a {width} screen.\n",
                        encoding="utf-8")
    page.get_by_role("tab", name="Corpus").click()
    page.locator("#corpus-summary").get_by_text("indexed").wait_for(timeout=30_000)
    # no header word is split across lines (no "Y e a r" stacked a letter a line, no "Yea r")
    lines = page.evaluate(HEADER_LINES_JS)
    assert {text for text, _n in lines} >= {"Title", "Year", "Found", "Missing sections", "Chunks"}
    for text, count in lines:
        assert count <= len(text.split()), f"the header {text!r} takes {count} lines"
    if width == "phone":
        assert_fits_the_screen(page, "#corpus-table", "#corpus-delete", "#corpus-upload")
    shot(page, f"corpus-{width}")

    page.locator("#corpus-files input[type=file]").set_input_files(str(document))
    page.locator("#corpus-files").get_by_text(document.name).wait_for(timeout=90_000)
    page.click("#corpus-upload")
    page.locator("#corpus-upload-results").get_by_text("added").wait_for(timeout=120_000)
    doc_id = f"workbench-delete-{width}"
    title = "Quantum"
    # the delete list shows titles (with year and id), not bare ids
    page.locator("#corpus-delete-choice input").click()
    option = page.get_by_role("option").filter(has_text=doc_id).first
    assert title in option.inner_text() and "(2024)" in option.inner_text()
    assert page.get_by_role("option").filter(has_text="Connecting the Last Ten Per Cent").count() == 1
    option.click()

    page.click("#corpus-delete")
    confirm = page.locator("#corpus-confirm-text")
    yes = page.locator("#corpus-confirm-delete")
    confirm.get_by_text("cannot be undone").wait_for(timeout=30_000)
    assert title in confirm.inner_text() and doc_id in confirm.inner_text()
    page.click("#corpus-cancel-delete")
    yes.wait_for(state="hidden", timeout=30_000)
    assert doc_id in [info.doc_id for info in app.services.index.documents()]  # nothing deleted

    page.click("#corpus-delete")
    confirm.get_by_text("cannot be undone").wait_for(timeout=30_000)
    page.click("#corpus-confirm-delete")
    page.locator("#corpus-maint-notice").get_by_text(f"Deleted {doc_id}").wait_for(timeout=60_000)
    yes.wait_for(state="hidden", timeout=30_000)
    assert doc_id not in [info.doc_id for info in app.services.index.documents()]
