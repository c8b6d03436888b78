"""A `rapporteur serve` shared by colleagues (alice admin, bob not): the ten findings of issue 18.

Two real server processes: the session's `served` (defaults: private drafts, the operator's model
`openai:test-model` pointed at the fake endpoint) and this module's `team` (shared drafts for
admins, a low login throttle, a 1 MB upload quota, drafts and a stale cache left by an older
version in its home). Every check goes through HTTP as a browser or `gradio_client` would; the
CSP check drives Debian's Chromium.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from rel_hostile import deep_html, expanding_notes_docx, many_paragraph_docx, outcome_text
from rel_support import ALICE, BOB, CORPUS, FakeLLM, ServedApp, run_cli

NOTES = """Session: Community networks for rural connectivity
Organisers: Rural Connect Alliance
Maria Lopez (Rural Connect Alliance): community networks now serve 40 villages in the highlands.
John Otieno (Amref): spectrum licences cost too much for small cooperatives.
ML: training local technicians kept 90% of the sites running after two years.
JO: we recommend a licence-exempt band for community operators.
ML: the alliance launched a toolkit for 12 new cooperatives this year.
"""
CHROMIUM = Path("/usr/bin/chromium")


def draft(client: Client, title: str, engine: str = "extractive", model: str = "") -> tuple[str, str]:
    """Draft NOTES as this client; (notice HTML, draft id)."""
    out = client.predict(NOTES, title, "", "", "", engine, model, "", "", api_name="/draft")
    return str(out[0]), draft_id_of(out)


def draft_id_of(outputs: Any) -> str:
    """The draft id a Draft-tab event showed ("" when it left the id box unchanged)."""
    value = outputs[1]
    return "" if isinstance(value, dict) or not value else str(value)


def login(http: httpx.Client, user: str, password: str) -> httpx.Response:
    """POST the login form as a browser does."""
    return http.post("login", data={"username": user, "password": password})


@contextlib.contextmanager
def cookies_of(url: str, account: tuple[str, str]) -> Iterator[httpx.Client]:
    """An httpx client logged in as this account."""
    with httpx.Client(base_url=url, timeout=60) as http:
        assert login(http, *account).status_code == 200
        yield http


def wait_until_unlocked(url: str, timeout: float = 60) -> None:
    """Wait out a login lock an earlier test left on this address (a refused try counts no failure)."""
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=url, timeout=30) as http:
        while time.monotonic() < deadline:
            response = login(http, *ALICE)
            if response.status_code != 429:
                return
            time.sleep(float(response.headers.get("Retry-After", "1")))
    raise AssertionError("the login lock did not end")


def call_updates(http: httpx.Client, api_name: str, data: list[Any]) -> list[Any]:
    """Call an endpoint through Gradio's REST queue API and return its raw outputs (updates included)."""
    event = http.post(f"gradio_api/call/{api_name}", json={"data": data})
    assert event.status_code == 200, event.text
    event_id = event.json()["event_id"]
    text = http.get(f"gradio_api/call/{api_name}/{event_id}").text
    payloads = [line[len("data: "):] for line in text.splitlines() if line.startswith("data: ")]
    return json.loads(payloads[-1])


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


LEGACY: dict[str, str] = {}


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, served: ServedApp) -> Iterator[ServedApp]:
    """A second server on a copy of `served`'s home, started with a draft the CLI wrote (no owner, as
    every draft before owners) and a stale file in its upload cache; shared drafts on, 3 failed
    logins per user (6 per address) before a 2 s lock, and a 1 MB hourly upload quota."""
    root = tmp_path_factory.mktemp("rel-team")
    home = root / "home"
    shutil.copytree(served.home, home, ignore=shutil.ignore_patterns("*.lock", "cache", "drafts", "logs"))
    notes = root / "notes.txt"
    notes.write_text(NOTES.replace("Community networks", "Legacy networks"), encoding="utf-8")
    made = run_cli("draft", str(notes), "--home", str(home), "--format", "json")
    assert made.returncode == 0, made.stderr[-1000:]
    LEGACY["id"] = json.loads(made.stdout)["id"]
    assert "owner" not in json.loads((home / "drafts" / f"{LEGACY['id']}.json").read_text())
    stale = home / "cache" / ("0" * 64)
    stale.mkdir(parents=True)
    (stale / "left-over.txt").write_text("from an earlier run", encoding="utf-8")
    logs = root / "logs"
    logs.mkdir()
    app = ServedApp(home=home, log_dir=logs, env={
        "RAPPORTEUR_AUTH": f"{ALICE[0]}:{ALICE[1]},{BOB[0]}:{BOB[1]}",
        "RAPPORTEUR_ADMINS": ALICE[0],
        "RAPPORTEUR_SHARED_DRAFTS": "true",
        "RAPPORTEUR_LOGIN_MAX_FAILURES": "3",
        "RAPPORTEUR_LOGIN_MAX_FAILURES_PER_ADDRESS": "6",
        "RAPPORTEUR_LOGIN_LOCKOUT_S": "2",
        "RAPPORTEUR_UPLOAD_QUOTA_MB": "1",
    })
    app.start()
    yield app
    app.stop()


# -- 1. private drafts --------------------------------------------------------------------------
def test_drafts_are_private_between_colleagues(served: ServedApp) -> None:
    alice = Client(served.url, auth=ALICE, verbose=False)
    bob = Client(served.url, auth=BOB, verbose=False)
    notice, alice_id = draft(alice, "Alice's private session")
    assert "rp-ok" in notice and alice_id
    path = served.home / "drafts" / f"{alice_id}.json"
    saved = path.read_bytes()
    assert json.loads(saved)["owner"] == "alice"

    refused = "no saved draft with id"
    out = bob.predict(alice_id, api_name="/draft_open")
    assert refused in str(out[0]) and "Alice" not in json.dumps(out, default=str)
    out = bob.predict(alice_id, "key_issues:0", "bob was here", api_name="/draft_edit")
    assert refused in str(out[0])
    out = bob.predict(alice_id, "key_issues", "extractive", "", api_name="/draft_regenerate")
    assert refused in str(out[0])
    assert bob.predict(alice_id, "key_issues:0", api_name="/draft_item_text") == ""
    assert path.read_bytes() == saved  # bob changed nothing

    # bob's Recent drafts (the choices the server sends with his draft) list his draft, not hers
    with cookies_of(served.url, BOB) as http:
        outputs = call_updates(http, "draft",
                               [NOTES, "Bob's own session", "", "", "", "extractive", "", "", ""])
    recent = outputs[10]  # Draft tab outputs: notice, id, coverage, form, notes, item, text, 3 files, recent
    labels = [str(choice) for choice in recent["choices"]]
    assert any("Bob's own session" in label for label in labels)
    assert not any(alice_id in label or "Alice" in label for label in labels), labels

    # downloads: nothing under RAPPORTEUR_HOME is served; the old predictable export path is refused
    with cookies_of(served.url, ALICE) as http:
        out = call_updates(http, "draft_open", [alice_id])
    assert "rp-ok" in str(out[0])
    shown = out[7]["value"]["path"]  # alice gets her .docx, from the upload cache (shown as cache/…)
    assert shown.startswith("cache/") and str(served.home) not in shown
    served_path = served.home / shown
    assert served_path.suffix == ".docx" and served_path.is_file()
    assert not (served.home / "exports").exists()
    with cookies_of(served.url, BOB) as http:
        for target in (served.home / "exports" / alice_id / "Alice_s_private_session.docx", path):
            assert http.get(f"gradio_api/file={target}").status_code in (403, 404)


# -- 2. the operator chooses engine and model ---------------------------------------------------
def test_users_choose_only_among_the_operators_models(served: ServedApp, llm: FakeLLM) -> None:
    bob = Client(served.url, auth=BOB, verbose=False)
    question = "What did sessions recommend on community networks?"
    for model in ("huggingface:../../etc/passwd", "ollama:bob-chosen-model", "openai:gpt-4o"):
        chat, _box = bob.predict(question, [], "", "", "", "llm", model, api_name="/ask")
        shown = str(chat[-1]["content"]).replace("\\", "")
        assert "is not offered on this server" in shown and "openai:test-model" in shown, shown
        notice, drafted = draft(bob, "Model choice", "llm", model)
        assert "is not offered on this server" in notice and not drafted
    assert llm.requests == 0  # nothing reached any endpoint
    chat, _box = bob.predict(question, [], "", "", "", "llm", "", api_name="/ask")
    assert llm.requests >= 1 and {b.get("model") for b in llm.bodies} == {"test-model"}
    with pytest.raises(AppError, match="not in the list of choices"):  # Gradio's own check of the Radio
        bob.predict(question, [], "", "", "", "quantum", "", api_name="/ask")


# -- 3 and 6. every input has a limit, applied after decoding -------------------------------------
def test_every_input_is_limited_after_decoding(served: ServedApp, tmp_path: Path) -> None:
    bob = Client(served.url, auth=BOB, verbose=False)
    bomb = expanding_notes_docx(tmp_path, chars=100_000_000)  # a ~100 KB file, 100 million characters
    assert bomb.stat().st_size < 1_000_000
    before = rss_mb(served.process.pid)  # type: ignore[union-attr]
    text, notice = bob.predict(handle_file(str(bomb)), api_name="/draft_notes_file")
    assert "the limit is 20 MB" in str(notice) or "more than 200,000 characters" in str(notice), notice
    assert isinstance(text, dict) and "value" not in text  # the notes box was left as it was
    assert rss_mb(served.process.pid) - before < 400  # type: ignore[union-attr]
    long_notes = expanding_notes_docx(tmp_path, "long-notes.docx", chars=300_000)
    _text, notice = bob.predict(handle_file(str(long_notes)), api_name="/draft_notes_file")
    assert "more than 200,000 characters" in str(notice), notice

    chat, _box = bob.predict("why " * 600, [], "", "", "", "extractive", "", api_name="/ask")
    assert "the question is 2,399 characters long; the limit is 2,000" in str(chat[-1]["content"]).replace(
        "\\", "")
    chat, _box = bob.predict("gender?", [], "", "", "o" * 600, "extractive", "", api_name="/ask")
    assert "the organiser filter is 600 characters long" in str(chat[-1]["content"]).replace("\\", "")
    out = bob.predict("x " * 100_001, "", "", "", "", "extractive", "", "", "", api_name="/draft")
    assert "the limit is 200,000" in str(out[0])
    drafts_before = sorted((served.home / "drafts").glob("*.json"))
    out = bob.predict(NOTES, "T" * 2_000_000, "", "", "", "extractive", "", "", "", api_name="/draft")
    assert "the title field is 2,000,000 characters long" in str(out[0]) and not draft_id_of(out)
    assert sorted((served.home / "drafts").glob("*.json")) == drafts_before  # nothing saved
    notice, bob_id = draft(bob, "Limits session")
    out = bob.predict(bob_id, "key_issues:0", "y" * 3_001, api_name="/draft_edit")
    assert "an item may hold 3,000" in str(out[0])


def test_documents_are_limited_in_size_pages_and_paragraphs(served: ServedApp, tmp_path: Path) -> None:
    import pypdf

    alice = Client(served.url, auth=ALICE, verbose=False)
    pdf = tmp_path / "pages.pdf"
    writer = pypdf.PdfWriter()
    for _ in range(501):
        writer.add_blank_page(200, 200)
    with pdf.open("wb") as handle:
        writer.write(handle)
    paragraphs = many_paragraph_docx(tmp_path, 50_001, "paragraphs.docx", text="p{n}")
    notice, table, *_ = alice.predict([handle_file(str(pdf)), handle_file(str(paragraphs))],
                                      api_name="/corpus_upload")
    assert "the PDF has 501 pages; the limit is 500" in table
    assert "more than 50,000 paragraphs" in table and "2 failed" in notice
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (21 * 1024 * 1024))  # over RAPPORTEUR_MAX_UPLOAD_MB (20)
    with pytest.raises(Exception, match=r"413|too large|maximum"):
        alice.predict([handle_file(str(big))], api_name="/corpus_upload")


# -- 5. loaders are linear ----------------------------------------------------------------------
def test_deep_html_and_long_docx_load_in_linear_time(served: ServedApp, tmp_path: Path) -> None:
    from assistant.corpus.loaders import load_document_text

    def best_of_three(path: Path) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            load_document_text(path)
            times.append(time.perf_counter() - started)
        return min(times)

    deep, flat = deep_html(tmp_path, 10_000, "deep.html"), deep_html(tmp_path, 1, "flat.html")
    flat.write_text(flat.read_text() + "<div></div>" * 10_000, encoding="utf-8")  # as many elements
    # depth costs nothing extra (a quadratic walk took 100 times the flat file's time): the times are
    # printed by benchmarks/limits.py, never asserted here
    best_of_three(deep), best_of_three(flat)
    long_docx = many_paragraph_docx(tmp_path, 20_000, "long.docx")
    best_of_three(long_docx)

    alice = Client(served.url, auth=ALICE, verbose=False)
    _notice, table, *_ = alice.predict([handle_file(str(deep))], api_name="/corpus_upload")
    assert "rp-status-added" in table
    alice.predict("deep", api_name="/corpus_delete")


# -- 4. login throttling and the audit log ------------------------------------------------------
def test_failed_logins_are_throttled_per_user_and_per_address(team: ServedApp) -> None:
    with httpx.Client(base_url=team.url, timeout=30) as http:
        statuses = [login(http, "alice", f"wrong-{n}").status_code for n in range(3)]
        assert statuses == [400, 400, 400]
        locked = login(http, *ALICE)  # even the right password waits
        assert locked.status_code == 429 and int(locked.headers["Retry-After"]) >= 1
        assert "try again in" in locked.json()["detail"]
        assert login(http, *BOB).status_code == 200  # another user is not locked
        time.sleep(int(locked.headers["Retry-After"]) + 0.5)
        assert login(http, *ALICE).status_code == 200
        # per address: failures spread over many names lock the address (6 in total here)
        for n in range(6):
            login(http, f"guess{n}", "wrong")
        refused = login(http, *BOB)
        assert refused.status_code == 429 and "Retry-After" in refused.headers
        time.sleep(int(refused.headers["Retry-After"]) * 2 + 0.5)
        assert login(http, *BOB).status_code == 200


def test_logins_uploads_deletions_and_evaluations_are_audited(team: ServedApp, tmp_path: Path) -> None:
    wait_until_unlocked(team.url)
    alice = Client(team.url, auth=ALICE, verbose=False)
    doc = tmp_path / "2024-audit-trail-session.md"
    doc.write_text(outcome_text("Audit trail session", "audit trails"), encoding="utf-8")
    notice, table, *_ = alice.predict([handle_file(str(doc))], api_name="/corpus_upload")
    assert "rp-status-added" in table, notice
    assert "Deleted" in alice.predict("2024-audit-trail-session", api_name="/corpus_delete")[0]
    alice.predict("no-such-suite", api_name="/evaluate")
    with httpx.Client(base_url=team.url, timeout=30) as http:
        login(http, "bob", "Wr0ng-audit-secret")
    log_file = team.home / "logs" / "audit.log"
    # the server writes a login's entry once its response has gone out: give the last one a moment
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "login-failed user='bob'" not in log_file.read_text("utf-8"):
        time.sleep(0.2)
    lines = log_file.read_text(encoding="utf-8").splitlines()
    stamp = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ "
    for pattern in (stamp + r"login user='alice' address='127\.0\.0\.1'",
                    stamp + r"login-failed user='bob' address='127\.0\.0\.1'",
                    stamp + r"upload user='alice' files='2024-audit-trail-session\.md=added'",
                    stamp + r"delete user='alice' doc_id='2024-audit-trail-session'",
                    stamp + r"evaluate user='alice' suite='no-such-suite'",
                    stamp + r"drafts-adopted user='local user' owner='alice' drafts=1"):
        assert any(re.search(pattern, line) for line in lines), (pattern, lines[-10:])
    text = log_file.read_text(encoding="utf-8")
    for secret in (ALICE[1], BOB[1], "Wr0ng-audit-secret"):
        assert secret not in text


# -- 1 (continued). migration of old drafts and the shared mode ---------------------------------
def test_old_drafts_get_the_documented_owner_and_admins_share_only_in_shared_mode(team: ServedApp) -> None:
    wait_until_unlocked(team.url)
    legacy_id = LEGACY["id"]
    saved = json.loads((team.home / "drafts" / f"{legacy_id}.json").read_text(encoding="utf-8"))
    assert saved["owner"] == "alice"  # the first admin, when RAPPORTEUR_DRAFTS_OWNER is not set
    alice = Client(team.url, auth=ALICE, verbose=False)
    bob = Client(team.url, auth=BOB, verbose=False)
    assert "rp-ok" in str(alice.predict(legacy_id, api_name="/draft_open")[0])
    _notice, bob_id = draft(bob, "Bob's session on the team server")
    out = alice.predict(bob_id, api_name="/draft_open")  # shared mode: an admin may help
    assert "rp-ok" in str(out[0])
    assert "no saved draft" in str(bob.predict(legacy_id, api_name="/draft_open")[0])
    assert json.loads((team.home / "drafts" / f"{bob_id}.json").read_text())["owner"] == "bob"


# -- 7. the upload cache ------------------------------------------------------------------------
def _upload(http: httpx.Client, name: str, data: bytes) -> httpx.Response:
    return http.post("gradio_api/upload", files=[("files", (name, data))])


def test_the_upload_cache_takes_only_accepted_types_within_a_quota(team: ServedApp) -> None:
    wait_until_unlocked(team.url)
    cache = team.home / "cache"
    assert not (cache / ("0" * 64)).exists()  # the stale cache of the last run was cleared at start
    with cookies_of(team.url, BOB) as bob, cookies_of(team.url, ALICE) as alice:
        refused = _upload(bob, "tool.exe", b"MZ\x90\x00" * 100)
        assert refused.status_code == 415 and ".exe" in refused.text and ".docx" in refused.text
        assert _upload(bob, "report.pdf", b"%PDF-1.4 ...").status_code == 415  # corpus types: admins only
        assert _upload(alice, "report.pdf", b"%PDF-1.4 ...").status_code == 200
        assert not [p for p in cache.rglob("*") if p.suffix in (".exe",) or p.name == "tool.exe"]
        notes = _upload(bob, "notes.txt", NOTES.encode())
        assert notes.status_code == 200
        stored = team.home / notes.json()[0]  # the answer names the cache folder cache/…
        assert stored.is_file() and cache in stored.parents
        client = Client(team.url, auth=BOB, verbose=False)
        text, _notice = client.predict(handle_file(str(stored)), api_name="/draft_notes_file")
        assert "Community networks" in text
        chunk = b"a" * 600_000
        assert _upload(bob, "one.txt", chunk).status_code == 200
        over = _upload(bob, "two.txt", chunk)  # over the 1 MB hourly quota
        assert over.status_code == 413 and "quota" in over.text
        assert _upload(alice, "three.txt", chunk).status_code == 200  # quotas are per user


def test_a_read_notes_file_leaves_the_cache(served: ServedApp, tmp_path: Path) -> None:
    notes = tmp_path / "cached-notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    bob = Client(served.url, auth=BOB, verbose=False)
    text, _notice = bob.predict(handle_file(str(notes)), api_name="/draft_notes_file")
    assert "Community networks" in text
    assert not list((served.home / "cache").rglob("cached-notes.txt"))


# -- 8. re-index keeps the newest version and does not re-read unchanged files ------------------
def test_reindex_keeps_the_newest_version_and_skips_unchanged_files(served: ServedApp,
                                                                    tmp_path: Path) -> None:
    alice = Client(served.url, auth=ALICE, verbose=False)
    first = tmp_path / "Walrus-Report.md"
    first.write_text(outcome_text("Walrus report first version", "walrus habitats"), encoding="utf-8")
    second = tmp_path / "walrus_report.md"
    second.write_text(outcome_text("Walrus report second version", "walrus habitats", "Updated."),
                      encoding="utf-8")
    alice.predict([handle_file(str(first))], api_name="/corpus_upload")
    alice.predict([handle_file(str(second))], api_name="/corpus_upload")
    uploads = served.home / "uploads"
    assert sorted(p.name for p in uploads.iterdir() if "alrus" in p.name) == ["walrus_report.md"]
    older = uploads / "WALRUS_REPORT.md"  # an older copy left by an earlier version of the app
    shutil.copy(first, older)
    past = time.time() - 3600
    os.utime(older, (past, past))
    notice, _summary, table, _choices = alice.predict(api_name="/corpus_reindex")
    titles = {row[-1]: row[0] for row in table["data"]}
    assert "second version" in titles["walrus-report"], titles["walrus-report"]
    assert "1 superseded" in notice
    again, *_ = alice.predict(api_name="/corpus_reindex")
    assert "failed" not in again and "added" not in again and "updated" not in again, again
    manifest = json.loads((served.home / "reindex-manifest.json").read_text(encoding="utf-8"))
    assert str((uploads / "walrus_report.md").resolve()) in manifest
    assert str(older.resolve()) not in manifest
    alice.predict("walrus-report", api_name="/corpus_delete")


# -- 9. disclosure, headers, monitoring, forged hosts, CSP in a browser ---------------------------
def test_no_paths_no_monitoring_security_headers_and_no_forged_host(served: ServedApp) -> None:
    bob = Client(served.url, auth=BOB, verbose=False)
    out = bob.predict("20990101-000000-absent", api_name="/draft_open")
    assert "no saved draft" in str(out[0]) and str(served.home) not in str(out[0])
    assert "/drafts" not in str(out[0])
    with cookies_of(served.url, BOB) as http:
        for path in ("monitoring", "monitoring/summary", "gradio_api/monitoring",
                     "gradio_api/process_recording"):
            assert http.get(path).status_code == 404, path
        for path in ("", "config", "gradio_api/info", "theme.css"):
            response = http.get(path)
            assert response.headers["x-frame-options"] == "DENY", path
            assert response.headers["x-content-type-options"] == "nosniff", path
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"], path
        for headers in ({"Host": "evil.example"}, {"X-Forwarded-Host": "evil.example"},
                        {"Host": "evil.example:7860"}):
            response = http.get("", headers=headers)
            assert response.status_code == 400 and "evil.example" not in response.text, headers
            assert "evil.example" not in http.get("config", headers=headers).text
        root = http.get("config").json().get("root", "")
        assert root.startswith("http://127.0.0.1:"), root


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium")
def test_the_app_works_under_its_csp_in_chromium(served: ServedApp) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            console: list[str] = []
            page.on("console", lambda message: console.append(message.text))
            first = page.goto(served.url)
            assert first is not None and "script-src" in first.headers["content-security-policy"]
            page.fill("input[type=text]", BOB[0])
            page.fill("input[type=password]", BOB[1])
            page.keyboard.press("Enter")
            page.wait_for_selector("#ask-input textarea", timeout=120_000)
            page.wait_for_function(
                "document.querySelector('#rp-user').innerText.includes('Signed in as bob')", timeout=60_000)
            page.fill("#ask-input textarea", "What did sessions recommend on the gender digital divide?")
            page.click("#ask-send")
            page.wait_for_function(
                "document.querySelector('#ask-chat') && document.querySelector('#ask-chat').innerText"
                ".includes('[1]')", timeout=120_000)
            page.click("#tab-draft-button")
            page.wait_for_selector("#draft-notes textarea", timeout=30_000)
            page.click("#tab-corpus-button")
            page.wait_for_selector("#corpus-summary", timeout=30_000)
            page.wait_for_timeout(1000)
        finally:
            browser.close()
    blocked = [text for text in console if "Content Security Policy" in text or "Refused to" in text]
    assert not blocked, blocked


# -- 10. a read-only home -----------------------------------------------------------------------
def test_a_read_only_home_gives_one_line_and_exit_2(served: ServedApp, tmp_path: Path) -> None:
    home = tmp_path / "ro-home"
    shutil.copytree(served.home, home, ignore=shutil.ignore_patterns("*.lock", "cache", "logs"))
    mounted = tmp_path / "ro-mount"
    mounted.mkdir()
    if os.geteuid() == 0:  # root writes through permission bits: mount the copy read-only instead
        bind = subprocess.run(["mount", "--bind", "-o", "ro", str(home), str(mounted)], capture_output=True)
        if bind.returncode != 0:
            pytest.skip(f"cannot make a read-only mount here: {bind.stderr.decode()[:200]}")
    else:
        shutil.rmtree(mounted)
        mounted = home
        for path in [home, *home.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
    try:
        notes = tmp_path / "notes.txt"
        notes.write_text(NOTES, encoding="utf-8")
        for args in (["list"], ["stats"], ["ask", "what about gender?"], ["draft", str(notes)],
                     ["ingest", str(CORPUS / "2024-quantum-readiness.md")], ["serve"]):
            result = run_cli(*args, "--home", str(mounted), timeout=120)
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            assert result.returncode == 2, (args, result.stderr[-500:])
            assert len(lines) == 1 and "cannot be written" in lines[0] and "--home" in lines[0], lines
            assert "Traceback" not in result.stdout + result.stderr
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(mounted)], check=False)
        else:
            for path in [home, *home.rglob("*")]:
                path.chmod(path.stat().st_mode | 0o200)
