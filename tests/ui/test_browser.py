"""The app in a real browser: Debian's Chromium driven by Playwright.

Asks a question and reads the cited answer and its sources; pastes notes, drafts and downloads
the .docx; uploads a document and finds it listed; and checks that a document full of markup
(`<script>`, `<img onerror>`, template syntax) is shown as inert text everywhere it appears.
Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from support.browser import BROWSER_MARKS

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
NOTES = REPO / "evals" / "datasets" / "notes" / "cybersecurity_smes.txt"
SPEAKER_NOTES = REPO / "evals" / "datasets" / "notes" / "ai_public_services.txt"
pytestmark = BROWSER_MARKS

SCRIPT_LINE = "<script>window.__xss = 'script'</script>"
IMG_LINE = '<img src=x onerror="window.__xss = \'img\'">'
MARKUP_DOCUMENT = f"""Session Outcome Document

Markup Safety Drill {SCRIPT_LINE} for Outcome Archives

Organisers: Markup Lab <b onmouseover="window.__xss = 'b'">Test Unit</b>

12 March 2024, 11:00-11:45

https://example.org/wsis-forum/2024/session/markup-drill

Key Issues discussed (5-8 bullet points)

1. Archivists reported that {SCRIPT_LINE} fragments appear inside pasted outcome documents.
2. Image handlers such as {IMG_LINE} were found in copied web pages of the archive.
3. Template syntax like {{{{constructor.constructor('window.__xss=1')()}}}} and ${{window.__xss}}
must stay plain characters.
4. Links such as [open me](javascript:window.__xss=2) are to be shown as written, never followed.
5. Frames like <iframe src="javascript:window.__xss=3"></iframe> must not load in the archive viewer.

Tangible outcomes (3-5 bullet points)

1. The archive team published a markup safety checklist for outcome documents.
2. Forty archivists completed the markup safety drill.
3. A shared list of unsafe markup patterns was launched.
"""


def shot(page, name: str, full_page: bool = True) -> None:
    """Save a screenshot for people to look at (a full-page one re-renders the chat, closing Sources)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def ask(page, question: str) -> None:
    page.fill("#ask-input textarea", question)
    page.click("#ask-send")
    page.get_by_text("Sources (").last.wait_for(timeout=60_000)


def open_sources(page, expected: str) -> None:
    """Expand the last answer's Sources block until `expected` (text only it holds) is visible."""
    inside = page.locator("#ask-chat").get_by_text(expected).filter(visible=True)
    for _attempt in range(3):
        page.get_by_text("Sources (").last.click()
        try:
            inside.first.wait_for(timeout=3_000)
            return
        except Exception:  # a re-render may have closed it again; click once more
            continue
    raise AssertionError(f"the Sources block did not open to show {expected!r}")


def test_ask_shows_a_cited_answer_with_sources(page) -> None:
    ask(page, "What did sessions recommend to close the gender digital divide?")
    chat = page.locator("#ask-chat")
    assert chat.get_by_text("[1]").first.is_visible()
    open_sources(page, "2023-gender-digital-divide-stem.txt")  # the source line of a citation
    assert chat.get_by_text("[1] Closing the Gender Digital Divide").filter(visible=True).count() == 1
    assert chat.get_by_text("Actionable plan and key recommendations").filter(visible=True).count() >= 1
    shot(page, "ask-cited-answer", full_page=False)


def test_draft_from_notes_and_download_the_docx(page, tmp_path: Path) -> None:
    page.get_by_role("tab", name="Draft").click()
    notes = NOTES.read_text(encoding="utf-8") + f"\n - aside from the floor: {IMG_LINE} {SCRIPT_LINE}\n"
    page.fill("#draft-notes textarea", notes)
    page.click("#draft-run")
    page.locator("#draft-form .rp-form").wait_for(timeout=120_000)
    form = page.locator("#draft-form")
    assert form.get_by_text("Key Issues discussed").first.is_visible()
    assert form.locator(".rp-badge").count() >= 5 and form.get_by_text("Evidence:").count() >= 5
    assert page.locator("#draft-coverage").get_by_text("sections filled").is_visible()
    page.get_by_text("Numbered notes").click()
    # the accordion opens with an animation: wait for the line (raises if it never shows)
    page.locator("#draft-notes-view").get_by_text(IMG_LINE).wait_for(state="visible", timeout=10_000)
    shot(page, "draft-form")
    with page.expect_download(timeout=30_000) as info:
        page.click("#draft-dl-docx")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.suffix == ".docx" and zipfile.is_zipfile(target)
    with zipfile.ZipFile(target) as archive:
        assert "Cybersecurity for SMEs" in archive.read("word/document.xml").decode("utf-8")


def test_an_edit_crediting_a_speaker_is_grounded_with_that_speakers_line(page) -> None:
    """The rapporteur credits the speaker in an item; the check finds the speaker's line in the notes."""
    notes = SPEAKER_NOTES.read_text(encoding="utf-8")
    lines = notes.split("\n")
    speaker = "Rafael Mendes (UNDP Chief Digital Office)"
    speaker_line = next(n for n, line in enumerate(lines, 1) if speaker in line)
    page.get_by_role("tab", name="Draft").click()
    page.fill("#draft-notes textarea", notes)
    page.click("#draft-run")
    page.locator("#draft-form .rp-form").wait_for(timeout=120_000)
    page.locator("#draft-edit-box").get_by_text("Edit an item").click()
    page.locator("#draft-item input").click()
    page.get_by_role("option").last.click()  # the last item of the form: not drawn from Mendes' lines
    box = page.locator("#draft-item-text textarea")
    page.wait_for_function("el => el.value.length > 0", arg=box.element_handle(), timeout=30_000)
    edited = ("Rafael Mendes (UNDP) reported that a UNDP stocktake found 41 of 64 countries using AI "
              "in at least one public service, mostly chatbots and document triage.")
    box.fill(edited)
    page.click("#draft-apply")
    notice = page.locator("#draft-notice")
    notice.get_by_text("grounded in the notes").wait_for(timeout=60_000)
    found = re.search(r"evidence: line ([\d, ]+)", notice.inner_text())
    assert found and str(speaker_line) in found.group(1).replace(" ", "").split(","), notice.inner_text()
    item = page.locator("#draft-form .rp-item").filter(has_text=edited)
    assert item.locator(".rp-badge").inner_text() == "grounded"
    item.get_by_text("Evidence:").click()
    evidence = item.locator(".rp-evidence")
    evidence.get_by_text(f"line {speaker_line}").wait_for(state="visible", timeout=10_000)
    assert evidence.get_by_text("UNDP stocktake of 64 countries").is_visible()
    shot(page, "draft-edit-grounded")


def test_upload_a_document_and_see_it_listed_as_inert_text(page, tmp_path: Path) -> None:
    document = tmp_path / "markup-safety-drill.txt"
    document.write_text(MARKUP_DOCUMENT, encoding="utf-8")
    page.get_by_role("tab", name="Corpus").click()
    page.locator("#corpus-files input[type=file]").set_input_files(str(document))
    page.locator("#corpus-files").get_by_text("markup-safety-drill.txt").wait_for(timeout=90_000)
    page.click("#corpus-upload")
    results = page.locator("#corpus-upload-results")
    results.get_by_text("added").wait_for(timeout=120_000)
    assert results.get_by_text("markup-safety-drill").first.is_visible()
    table = page.locator("#corpus-table")
    table.get_by_placeholder("Search").fill("Markup Safety")
    title = f"Markup Safety Drill {SCRIPT_LINE} for Outcome Archives"
    table.get_by_text(title).filter(visible=True).first.wait_for(timeout=30_000)
    assert table.get_by_text("markup-safety-drill").filter(visible=True).count() >= 1
    shot(page, "corpus-upload")

    page.get_by_role("tab", name="Ask").click()
    ask(page, "What did the markup safety drill say about script fragments and image handlers?")
    open_sources(page, "markup-safety-drill.txt")
    chat = page.locator("#ask-chat")
    shown = chat.get_by_text(IMG_LINE).filter(visible=True).count()
    shown += chat.get_by_text(SCRIPT_LINE).filter(visible=True).count()
    assert shown >= 3  # in the answer and in the excerpts of its sources
    assert chat.locator("img[src=x], iframe, a[href^=javascript]").count() == 0
    shot(page, "markup-shown-as-text", full_page=False)


@pytest.fixture(scope="module")
def login_app(launch, app_home):
    """A second app on the same home with login on: alice is an admin, bob is not."""
    return launch(app_home, auth="alice:alice-Pw-1,bob:bob-Pw-2", admins="alice")


def sign_in(page, url: str, user: str, password: str) -> None:
    page.goto(url)
    fields = page.locator("input, textarea")
    fields.first.wait_for(timeout=30_000)
    page.get_by_label("username").fill(user)
    page.get_by_label("password").fill(password)
    page.get_by_role("button", name="Login").click()


def test_login_refused_then_granted_and_a_non_admin_cannot_touch_the_corpus(browser, login_app) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    sign_in(page, login_app.url, "bob", "not-his-password")
    page.get_by_text("Incorrect Credentials").wait_for(timeout=30_000)
    assert page.locator("#ask-input").count() == 0

    sign_in(page, login_app.url, "bob", "bob-Pw-2")
    page.wait_for_selector("#ask-input textarea", timeout=60_000)
    page.get_by_text("Signed in as").wait_for(timeout=30_000)
    assert page.locator("#rp-user").get_by_text("ask and draft").is_visible()
    page.get_by_role("tab", name="Corpus").click()
    page.locator("#corpus-access").get_by_text("Only corpus admins").wait_for(timeout=30_000)
    assert page.locator("#corpus-upload").is_disabled() and page.locator("#corpus-reindex").is_disabled()
    assert page.locator("#corpus-delete").is_disabled()
    shot(page, "non-admin-corpus")
    page.get_by_role("tab", name="Evaluate").click()
    assert page.locator("#eval-run").is_disabled()
    context.close()

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    sign_in(page, login_app.url, "alice", "alice-Pw-1")
    page.wait_for_selector("#ask-input textarea", timeout=60_000)
    page.locator("#rp-user").get_by_text("corpus admin").wait_for(timeout=30_000)
    page.get_by_role("tab", name="Corpus").click()
    page.locator("#corpus-summary").get_by_text("documents indexed").wait_for(timeout=30_000)
    assert page.locator("#corpus-upload").is_enabled()
    assert not page.locator("#corpus-access").is_visible()
    context.close()
