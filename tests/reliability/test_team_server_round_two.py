"""A `rapporteur serve` tried as a hostile colleague would: the twelve findings of issue 25.

One real server process (`crew`: alice admin; bob, carol and dave not; 3 failed logins per user
and 6 per address before a 2 s lock; 127.0.0.9 listed as a trusted proxy). Every check goes through
HTTP on 127.0.0.1 as a browser, `gradio_client` or a hand-made request would. Requests that must
not share a per-address login count come from other loopback addresses (127.0.0.2 …), which the
server sees as different clients.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio
import httpx
import pytest
from gradio_client import Client, handle_file
from rel_hostile import DOCX_SAMPLE, outcome_text
from rel_support import ALICE, BOB, ServedApp

CAROL = ("carol", "Carol-pw-4RT8")
DAVE = ("dave", "Dave-pw-2MN6")
PROXY = "127.0.0.9"
NOTES = """Session: Shared libraries for open data
Organisers: Open Shelf Network
Ana Ruiz (Open Shelf): 14 municipal libraries now lend sensors to schools.
Tom Berg (City IT): the open data portal doubled its visitors this year.
AR: we recommend a common licence for library datasets.
"""
W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def login(http: httpx.Client, user: str, password: str) -> httpx.Response:
    """POST the login form as a browser does."""
    return http.post("login", data={"username": user, "password": password})


@contextlib.contextmanager
def client_from(url: str, address: str = "127.0.0.1", account: tuple[str, str] | None = None,
                ) -> Iterator[httpx.Client]:
    """An httpx client whose connections come from this loopback address (logged in when asked)."""
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=url, timeout=120, transport=transport) as http:
        if account is not None:
            assert login(http, *account).status_code == 200
        yield http


def call_raw(http: httpx.Client, api_name: str, data: list[Any]) -> tuple[str, str]:
    """Start an endpoint through the REST queue API: (event id, the raw event stream it answered)."""
    event = http.post(f"gradio_api/call/{api_name}", json={"data": data})
    assert event.status_code == 200, event.text
    event_id = event.json()["event_id"]
    return event_id, http.get(f"gradio_api/call/{api_name}/{event_id}").text


def file_data(path: str) -> dict[str, Any]:
    """A file input as a browser sends it: the path the upload answered (or any path it likes)."""
    return {"path": path, "meta": {"_type": "gradio.FileData"}}


def outputs_of(stream: str) -> list[Any]:
    """The last outputs of a raw event stream."""
    payloads = [line[len("data: "):] for line in stream.splitlines() if line.startswith("data: ")]
    return json.loads(payloads[-1])


def audit_lines(app: ServedApp) -> list[str]:
    """The server's audit log, line by line."""
    return (app.home / "logs" / "audit.log").read_text(encoding="utf-8").splitlines()


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_out_lock(response: httpx.Response) -> None:
    """Sleep until the login lock a 429 answer announced is over."""
    if response.status_code == 429:
        time.sleep(int(response.headers.get("Retry-After", "1")) + 0.5)


@pytest.fixture(scope="module")
def crew(tmp_path_factory: pytest.TempPathFactory, served: ServedApp) -> Iterator[ServedApp]:
    """A server on a copy of `served`'s index with four users (alice admin), a low login throttle and
    127.0.0.9 as the one trusted proxy."""
    root = tmp_path_factory.mktemp("rel-crew")
    home = root / "home"
    shutil.copytree(served.home, home, ignore=shutil.ignore_patterns("*.lock", "cache", "drafts", "logs"))
    logs = root / "logs"
    logs.mkdir()
    users = ",".join(f"{u}:{p}" for u, p in (ALICE, BOB, CAROL, DAVE))
    app = ServedApp(home=home, log_dir=logs, env={
        "RAPPORTEUR_AUTH": users,
        "RAPPORTEUR_ADMINS": ALICE[0],
        "RAPPORTEUR_LOGIN_MAX_FAILURES": "3",
        "RAPPORTEUR_LOGIN_MAX_FAILURES_PER_ADDRESS": "6",
        "RAPPORTEUR_LOGIN_LOCKOUT_S": "2",
        "RAPPORTEUR_TRUSTED_PROXIES": PROXY,
    })
    app.start()
    yield app
    app.stop()


# -- 1. a repeated form field does not sidestep the throttle ------------------------------------
def test_a_repeated_username_field_cannot_sidestep_the_login_throttle(crew: ServedApp) -> None:
    with client_from(crew.url, "127.0.0.2") as http:
        assert [login(http, "carol", f"wrong-{n}").status_code for n in range(3)] == [400, 400, 400]
        assert login(http, *CAROL).status_code == 429  # carol's name is locked
        # Gradio logs in with the last `username`: a decoy first must not get carol in
        sneaked = http.post("login", data={"username": ["decoy1", "carol"], "password": CAROL[1]})
        assert sneaked.status_code in (400, 429), sneaked.text
        assert "access-token" not in " ".join(sneaked.headers.get_list("set-cookie"))
    # guesses with a new decoy name each time count against the name Gradio would check
    with client_from(crew.url, "127.0.0.5") as http:
        for n in range(3):
            guess = http.post("login", data={"username": [f"decoy-{n}", "dave"], "password": f"guess-{n}"})
            assert guess.status_code in (400, 429)
    with client_from(crew.url, "127.0.0.6") as http:  # another address: only dave's name is locked
        assert login(http, *DAVE).status_code == 429
    lines = audit_lines(crew)
    assert any("login-failed user='dave'" in line for line in lines)
    assert not any(line.split(" ")[1] == "login" and "decoy" in line for line in lines)


# -- 2. X-Forwarded-For only from a listed proxy --------------------------------------------------
def test_a_forwarded_address_is_believed_only_from_a_listed_proxy(crew: ServedApp) -> None:
    with client_from(crew.url) as http:  # from 127.0.0.1, which uvicorn trusts unless told otherwise
        statuses = []
        for n in range(10):  # each guess claims another client address
            answer = http.post("login", data={"username": f"nobody{n}", "password": "x"},
                               headers={"X-Forwarded-For": f"10.9.8.{n}"})
            statuses.append(answer.status_code)
            if answer.status_code == 429:
                break
        assert statuses[-1] == 429 and len(statuses) <= 7, statuses  # the address is locked after 6
        wait_out_lock(answer)
    lines = [line for line in audit_lines(crew) if "user='nobody" in line]
    assert lines and all("address='127.0.0.1'" in line for line in lines), lines[-3:]
    assert not any("10.9.8." in line for line in audit_lines(crew))
    with client_from(crew.url, PROXY) as proxy:  # the operator's proxy passes the client's address on
        assert proxy.post("login", data={"username": "proxied-guess", "password": "x"},
                          headers={"X-Forwarded-For": "10.20.30.40"}).status_code == 400
    assert any("user='proxied-guess' address='10.20.30.40'" in line for line in audit_lines(crew))


# -- 3. a hostile notes .docx: memory stays bounded ---------------------------------------------
def hostile_notes_docx(folder: Path, name: str, paragraphs_mb: float, styles_mb: float) -> Path:
    """A small .docx (the sample's package) whose body is `paragraphs_mb` MB of empty paragraphs and,
    when `styles_mb`, whose styles part is that many MB of empty styles: both compress ~1000 times."""
    path = folder / name
    body = b"<w:p/>" * int(paragraphs_mb * 2**20 / 6)
    with zipfile.ZipFile(DOCX_SAMPLE) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                target.writestr(info.filename, b'<?xml version="1.0" encoding="UTF-8"?><w:document '
                                + W_NS + b"><w:body>" + body + b"</w:body></w:document>")
            elif info.filename == "word/styles.xml" and styles_mb:
                styles = b'<w:style w:type="paragraph"/>' * int(styles_mb * 2**20 / 29)
                target.writestr(info.filename, b"<w:styles " + W_NS + b">" + styles + b"</w:styles>")
            else:
                target.writestr(info, source.read(info.filename))
    return path


def test_a_hostile_notes_docx_raises_server_memory_by_less_than_200_mb(crew: ServedApp,
                                                                      tmp_path: Path) -> None:
    both = hostile_notes_docx(tmp_path, "hostile-notes.docx", 19.5, 39)
    body_only = hostile_notes_docx(tmp_path, "empty-paragraphs.docx", 19, 0)
    assert both.stat().st_size < 400_000 and body_only.stat().st_size < 400_000
    pid = crew.process.pid  # type: ignore[union-attr]
    before = rss_mb(pid)
    peak = before
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_mb(pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    notices: list[str] = []
    try:
        bob = Client(crew.url, auth=BOB, verbose=False)
        for path in (both, body_only):
            _text, notice = bob.predict(handle_file(str(path)), api_name="/draft_notes_file")
            notices.append(str(notice))

        def one(path: Path) -> None:
            client = Client(crew.url, auth=BOB, verbose=False)
            notices.append(str(client.predict(handle_file(str(path)), api_name="/draft_notes_file")[1]))

        workers = [threading.Thread(target=one, args=(p,)) for p in [both, body_only] * 3]  # six at once
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(300)
    finally:
        done.set()
        sampler.join()
    after = rss_mb(pid)
    print(f"server RSS: before {before:.0f} MB, peak {peak:.0f} MB (+{peak - before:.0f}), "
          f"after {after:.0f} MB (+{after - before:.0f})")
    assert len(notices) == 8
    assert all("the limit is 20 MB" in n or "more than 200,000 paragraphs" in n for n in notices), notices
    assert peak - before < 200, (before, peak)


# -- 4. Gradio's session routes belong to the user who opened the session ----------------------
def test_another_users_session_hash_opens_nothing(crew: ServedApp) -> None:
    with client_from(crew.url, account=ALICE) as alice, client_from(crew.url, account=BOB) as bob:
        config = alice.get("config").json()
        fn_index = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "draft")
        session = "alice-session-0123456789"
        joined = alice.post("gradio_api/queue/join", json={
            "data": [NOTES, "Alice's secret session", "", "", "", "extractive", "", "", ""],
            "fn_index": fn_index, "session_hash": session, "event_data": None, "trigger_id": None})
        assert joined.status_code == 200, joined.text
        event_id = joined.json()["event_id"]
        assert bob.get("gradio_api/queue/data", params={"session_hash": session}).status_code == 404
        both = [("session_hash", "bob-session-42"), ("session_hash", session)]  # a repeated parameter
        assert bob.get("gradio_api/queue/data", params=both).status_code == 404
        assert bob.get("gradio_api/deep_link", params={"session_hash": session}).status_code == 404
        assert bob.get("config", params={"deep_link": "anything"}).status_code == 404
        assert bob.get(f"gradio_api/heartbeat/{session}").status_code == 404
        cancel = bob.post("gradio_api/cancel", json={"session_hash": session, "fn_index": fn_index,
                                                     "event_id": event_id})
        assert cancel.status_code == 404
        stream = alice.get("gradio_api/queue/data", params={"session_hash": session}).text
        assert "process_completed" in stream and "Alice" in stream  # alice still gets her draft
        rest_id, _stream = call_raw(alice, "draft", [NOTES, "Alice again", "", "", "", "extractive", "",
                                                     "", ""])
        assert bob.get(f"gradio_api/call/draft/{rest_id}").status_code == 404


# -- 5. downloads and uploads belong to their owner ---------------------------------------------
def test_downloads_and_uploads_are_served_only_to_their_owner(crew: ServedApp) -> None:
    with client_from(crew.url, account=ALICE) as alice, client_from(crew.url, account=BOB) as bob:
        _id, stream = call_raw(alice, "draft", [NOTES, "Alice's export", "", "", "", "extractive", "",
                                                "", ""])
        outputs = outputs_of(stream)
        docx, markdown = outputs[7]["value"], outputs[8]["value"]
        on_disk = crew.home / markdown["path"]
        assert on_disk.is_file()
        for path in (docx["path"], str(crew.home / docx["path"])):
            assert bob.get(f"gradio_api/file={path}").status_code == 404
        assert alice.get(f"gradio_api/file={docx['path']}").status_code == 200
        for path in (markdown["path"], str(on_disk)):
            _id, stream = call_raw(bob, "draft_notes_file", [file_data(path)])
            text, notice = outputs_of(stream)
            assert "not among your uploads" in str(notice) and "Alice" not in json.dumps(text)
        assert on_disk.is_file()  # not deleted either
        upload = bob.post("gradio_api/upload", files=[("files", ("bob-notes.txt", NOTES.encode()))])
        bob_file = upload.json()[0]
        assert alice.get(f"gradio_api/file={bob_file}").status_code == 404
        assert bob.get(f"gradio_api/file={bob_file}").status_code == 200
        assert bob.get("gradio_api/file=https://example.org/").status_code == 404  # no fetching for users


# -- 6. the download cache is bounded -------------------------------------------------------------
def test_opening_a_draft_again_and_again_does_not_grow_the_download_cache(crew: ServedApp) -> None:
    exports = crew.home / "cache" / "rapporteur-exports"
    with client_from(crew.url, account=CAROL) as carol:
        _id, stream = call_raw(carol, "draft", [NOTES, "Carol's session", "", "", "", "extractive", "",
                                                "", ""])
        draft_id = outputs_of(stream)[1]
        before = sorted(p.name for p in exports.iterdir())
        for _ in range(30):
            _id, stream = call_raw(carol, "draft_open", [draft_id])
            assert "rp-ok" in str(outputs_of(stream)[0])
        assert sorted(p.name for p in exports.iterdir()) == before


def test_each_user_keeps_a_bounded_number_of_download_folders(tmp_path: Path) -> None:
    from assistant.ui.uploads import limit_exports

    for n in range(25):
        folder = tmp_path / f"mine-{n:02d}"
        folder.mkdir()
        os.utime(folder, (1_000_000 + n, 1_000_000 + n))
    (tmp_path / "theirs-00").mkdir()
    limit_exports(tmp_path, "mine-", 20)
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == [f"mine-{n:02d}" for n in range(5, 25)] + ["theirs-00"]


# -- 7. no server paths in normal answers -------------------------------------------------------
def test_answers_do_not_show_the_servers_folders(crew: ServedApp, tmp_path: Path) -> None:
    home = str(crew.home.resolve())
    with client_from(crew.url, account=ALICE) as alice:
        upload = alice.post("gradio_api/upload", files=[("files", ("2024-path-check.md", b"# Path check\n"))])
        assert upload.status_code == 200 and home not in upload.text
        assert all(p.startswith("cache/") for p in upload.json())
        _id, stream = call_raw(alice, "draft", [NOTES, "Path check", "", "", "", "extractive", "", "", ""])
        assert "cache/rapporteur-exports/" in stream and home not in stream
    doc = tmp_path / "2024-path-check-session.md"
    doc.write_text(outcome_text("Path check session", "where files live"), encoding="utf-8")
    client = Client(crew.url, auth=ALICE, verbose=False)
    notice, table, *_ = client.predict([handle_file(str(doc))], api_name="/corpus_upload")
    assert "rp-status-added" in str(table) and home not in str(notice) + str(table)
    client.predict("2024-path-check-session", api_name="/corpus_delete")


# -- 8. nothing about the routes or the version for visitors ------------------------------------
def test_visitors_get_no_route_list_and_no_gradio_version(crew: ServedApp) -> None:
    with httpx.Client(base_url=crew.url, timeout=30) as anonymous:
        for path in ("openapi.json", "docs", "redoc"):
            assert anonymous.get(path).status_code == 404, path
        for path in ("", "config", "gradio_api/info", "gradio_api/openapi.json", "manifest.json"):
            answer = anonymous.get(path)
            assert gradio.__version__ not in answer.text and '"paths"' not in answer.text, path


# -- 10. a junk chat history does not flood the log ---------------------------------------------
def test_a_junk_chat_history_writes_a_few_log_lines_not_thousands(crew: ServedApp) -> None:
    def log_lines() -> int:
        return sum(len(p.read_bytes().splitlines()) for p in crew.log_dir.glob("serve-*.*"))

    bob = Client(crew.url, auth=BOB, verbose=False)
    for junk in ([{"role": "user"}] * 10_000, ["junk"] * 10_000, [["a", "b"]] * 10_000):
        before = log_lines()
        chat, _box = bob.predict("What did sessions say on open data?", junk, "", "", "", "extractive", "",
                                 api_name="/ask")
        assert chat and chat[-1]["role"] == "assistant"
        assert log_lines() - before < 50


# -- 11. identical uploads at once ----------------------------------------------------------------
def test_identical_notes_uploaded_at_once_are_each_read(crew: ServedApp) -> None:
    with client_from(crew.url, account=BOB) as bob:
        same = [("files", ("same-notes.txt", NOTES.encode()))]
        paths = [bob.post("gradio_api/upload", files=same).json()[0] for _ in range(3)]
        assert len(set(paths)) == 1  # Gradio keeps one copy of identical content
    results: list[Any] = []

    def read(path: str) -> None:
        with client_from(crew.url, account=BOB) as http:
            _id, stream = call_raw(http, "draft_notes_file", [file_data(path)])
            results.append(outputs_of(stream))

    workers = [threading.Thread(target=read, args=(p,)) for p in paths]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert len(results) == 3 and all("Open Shelf" in str(text) for text, _notice in results), results
    assert not (crew.home / paths[0]).exists()  # gone once every upload of it was read


# -- 12. logout, links in the .md export, dot-file names ----------------------------------------
def test_logout_needs_a_post_from_the_apps_own_page(crew: ServedApp) -> None:
    with client_from(crew.url, account=CAROL) as carol:
        assert carol.get("logout").status_code == 405
        assert carol.get("config").status_code == 200  # still logged in
        foreign = carol.post("logout", headers={"Origin": "https://evil.example"})
        assert foreign.status_code == 403 and carol.get("config").status_code == 200
        assert carol.post("logout", headers={"Origin": crew.url.rstrip("/")}).status_code in (200, 302, 307)
        carol.cookies.clear()
        assert carol.get("config").status_code == 401


def test_the_markdown_download_keeps_no_live_script_links(crew: ServedApp) -> None:
    notes = NOTES + "AR: see [the portal](javascript:alert(document.cookie)) for the datasets.\n"
    with client_from(crew.url, account=BOB) as bob:
        _id, stream = call_raw(bob, "draft", [notes, "Links session", "", "", "", "extractive", "", "", ""])
        markdown = crew.home / outputs_of(stream)[8]["value"]["path"]
        text = markdown.read_text(encoding="utf-8")
    assert "javascript:" in text  # the words are kept, as typed …
    assert not re.search(r"(?<!\\)\]\(javascript:", text), text  # … but no Markdown link is made of them


def test_a_dot_file_name_gets_a_message_not_a_bare_error(crew: ServedApp) -> None:
    with client_from(crew.url, account=BOB) as bob:
        for name in (".txt", "..txt", ".notes"):
            refused = bob.post("gradio_api/upload", files=[("files", (name, NOTES.encode()))])
            assert refused.status_code == 415 and "rename the file" in refused.text, (name, refused.text)
        refused = bob.post("gradio_api/upload", files=[("files", (".", NOTES.encode()))])  # stored as "file"
        assert refused.status_code == 415 and "(no extension)" in refused.text and ".txt" in refused.text
        kept = bob.post("gradio_api/upload", files=[("files", (".notes.txt", NOTES.encode()))])
        _id, stream = call_raw(bob, "draft_notes_file", [file_data(kept.json()[0])])
        assert "Open Shelf" in str(outputs_of(stream)[0])  # a dot-file with a name is read as usual


# -- 9. a full disk gets a plain message ----------------------------------------------------------
@contextlib.contextmanager
def full_disk(folder: Path) -> Iterator[None]:
    """Mount a 64 KB tmpfs over `folder` and fill it (root only), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("filling a disk needs a tmpfs mount, which needs root")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode()[:200]}")
    try:
        with contextlib.suppress(OSError), (folder / "filler").open("wb") as handle:
            while True:
                handle.write(b"x" * 4096)
                handle.flush()
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_gets_a_plain_message(crew: ServedApp) -> None:
    bob = Client(crew.url, auth=BOB, verbose=False)
    with full_disk(crew.home / "drafts"):
        out = bob.predict(NOTES, "Full disk session", "", "", "", "extractive", "", "", "", api_name="/draft")
    notice = str(out[0])
    assert "disk is full" in notice and "OSError" not in notice and "extractive" not in notice, notice
    with full_disk(crew.home / "cache"), client_from(crew.url, account=BOB) as http:
        answer = http.post("gradio_api/upload", files=[("files", ("notes.txt", NOTES.encode() * 200))])
    assert answer.status_code in (413, 507) and "disk" in answer.text, (answer.status_code, answer.text)


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                    reason="Debian's Chromium is not installed at /usr/bin/chromium")
def test_the_log_out_button_logs_out_in_chromium(crew: ServedApp) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(crew.url)
            page.fill("input[type=text]", CAROL[0])
            page.fill("input[type=password]", CAROL[1])
            page.keyboard.press("Enter")
            signed_in = ("document.querySelector('#rp-user') && "
                         "document.querySelector('#rp-user').innerText.includes('Signed in as carol')")
            page.wait_for_function(signed_in, timeout=120_000)
            page.click("#rp-user button")
            page.wait_for_selector("input[type=password]", timeout=60_000)  # back at the login form
            cookies = {c["name"]: c["value"] for c in page.context.cookies()}
            with httpx.Client(base_url=crew.url, cookies=cookies, timeout=30) as http:
                assert http.get("config").status_code == 401  # the session is gone on the server too
        finally:
            browser.close()


def test_the_cache_alias_maps_every_spelling_both_ways(tmp_path: Path) -> None:
    from urllib.parse import quote

    from assistant.ui.path_alias import PathAlias

    root = tmp_path / "héme dir" / "cache"
    root.mkdir(parents=True)
    real = str(root.resolve())
    alias = PathAlias(root)
    answer = json.dumps({"path": f"{real}/ab/n.docx", "url": f"/gradio_api/file={quote(real)}/ab/n.docx"})
    shown = alias.outgoing(answer.encode()).decode()
    assert "héme" not in shown and "h\\u00e9me" not in shown and "%C3%A9" not in shown, shown
    assert json.loads(shown) == {"path": "cache/ab/n.docx", "url": "/gradio_api/file=cache/ab/n.docx"}
    sent = json.dumps({"data": [json.loads(shown), "cache/ is text"]}).encode()
    back = json.loads(alias.incoming_json(sent))
    assert back["data"][0]["path"] == f"{real}/ab/n.docx" and back["data"][1] == "cache/ is text"
    assert alias.incoming_path("cache/ab/n.docx") == f"{real}/ab/n.docx"
    assert alias.incoming_path("/etc/passwd") == "/etc/passwd"


def test_a_file_uploaded_twice_stays_until_both_uploads_are_read(tmp_path: Path) -> None:
    from assistant.ui.ownership import FileOwners, SessionOwners

    owners, path = FileOwners(), tmp_path / "same.txt"
    owners.record(path, "bob")
    owners.record(path, "bob")
    owners.record(path, "alice")
    assert owners.owns(path, "bob") and owners.owns(path, "alice") and not owners.owns(path, "carol")
    assert [owners.release(path, "bob"), owners.release(path, "alice"), owners.release(path, "bob")] == [
        False, False, True]
    assert not owners.owns(path, "bob")
    sessions = SessionOwners(limit=2)
    assert sessions.claim("s1", "alice") and sessions.claim("s1", "alice") and not sessions.claim("s1", "bob")
    sessions.claim("s2", "bob")
    sessions.claim("s3", "bob")  # over the limit: the least recently used id is forgotten
    assert sessions.claim("s1", "bob")
