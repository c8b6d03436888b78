"""Unit tests of the web app's building blocks: login list, admin policy, uploads, escaping."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.domain.template import load_template
from assistant.ui.auth import AccessPolicy, AuthConfigError, parse_admins, parse_credentials
from assistant.ui.draft_view import coverage_html, coverage_rows, draft_html, item_choices
from assistant.ui.evaluate_tab import run_eval
from assistant.ui.render import answer_markdown, esc, md_text, sources_markdown
from assistant.ui.uploads import (
    CORPUS_SUFFIXES,
    NOTES_SUFFIXES,
    UploadError,
    check_upload,
    safe_filename,
    store_upload,
)

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> {{7*7}} ${1+1} `x`'


# -- login and roles ----------------------------------------------------------------------------
def test_credentials_parse_users_and_passwords_with_colons() -> None:
    assert parse_credentials("alice:s3cret, bob:pa:ss") == [("alice", "s3cret"), ("bob", "pa:ss")]
    assert parse_credentials(None) == [] and parse_credentials("  ") == []


@pytest.mark.parametrize(
    "spec", ["alice", "alice:", ":hunter2x", "alice:hunter2x,,bob:s3kr1t", "alice:hunter2x,alice:s3kr1t"]
)
def test_bad_credentials_are_refused_without_echoing_the_password(spec: str) -> None:
    with pytest.raises(AuthConfigError) as info:
        parse_credentials(spec)
    assert "hunter2x" not in str(info.value) and "s3kr1t" not in str(info.value)


def test_policy_checks_passwords_and_admins(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path, auth="alice:one,bob:two", admins="alice")
    policy = AccessPolicy.from_settings(settings)
    assert policy.login_required
    assert policy.check_password("alice", "one") and policy.check_password("bob", "two")
    assert not policy.check_password("alice", "two") and not policy.check_password("carol", "one")
    assert policy.may_change_corpus("alice") and not policy.may_change_corpus("bob")
    assert not policy.may_change_corpus(None)
    assert "bob" in policy.refusal("bob") and "admin" in policy.refusal("bob")
    assert "one" not in repr(policy) and "two" not in repr(policy)


def test_credentials_file_allows_commas_in_passwords(tmp_path: Path) -> None:
    accounts = tmp_path / "accounts"
    accounts.write_text("# team accounts\nalice:one,two:three\n\n  bob:pa:ss, x \n", encoding="utf-8")
    policy = AccessPolicy.from_settings(load_settings(home=tmp_path, auth_file=accounts, admins="alice"))
    assert policy.check_password("alice", "one,two:three") and policy.check_password("bob", "pa:ss, x")
    assert policy.may_change_corpus("alice") and not policy.may_change_corpus("bob")
    accounts.write_text("alice:hunter2x\nalice:s3kr1t\n", encoding="utf-8")
    with pytest.raises(AuthConfigError, match="line 2") as info:
        AccessPolicy.from_settings(load_settings(home=tmp_path, auth_file=accounts))
    assert "hunter2x" not in str(info.value) and "s3kr1t" not in str(info.value)
    with pytest.raises(AuthConfigError, match="keep one"):
        AccessPolicy.from_settings(load_settings(home=tmp_path, auth_file=accounts, auth="a:b"))
    with pytest.raises(AuthConfigError, match="cannot read"):
        AccessPolicy.from_settings(load_settings(home=tmp_path, auth_file=tmp_path / "missing"))


def test_without_login_the_local_user_may_change_the_corpus(tmp_path: Path) -> None:
    policy = AccessPolicy.from_settings(load_settings(home=tmp_path))
    assert not policy.login_required and policy.may_change_corpus(None)


def test_with_login_but_no_admin_nobody_changes_the_corpus(tmp_path: Path) -> None:
    policy = AccessPolicy.from_settings(load_settings(home=tmp_path, auth="alice:one"))
    assert not policy.may_change_corpus("alice")
    assert "RAPPORTEUR_ADMINS" in policy.refusal("alice")


def test_admin_who_cannot_log_in_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(AuthConfigError, match="carol"):
        AccessPolicy.from_settings(load_settings(home=tmp_path, auth="alice:one", admins="alice,carol"))
    assert parse_admins(" alice , ,bob") == {"alice", "bob"}


# -- uploads --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.md", "passwd.md"),
        ("..\\..\\windows\\evil.TXT", "evil.txt"),
        ("a\x00b\x07c.md", "abc.md"),
        ("rapport; rm -rf ~ $(id) `x` |y.md", "rapport_rm_-rf_id_x_y.md"),
        ("...", "upload"),
        ("Résumé 2024.docx", "Résumé_2024.docx"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_safe_filename_caps_length_and_keeps_suffix() -> None:
    name = safe_filename("x" * 500 + ".md")
    assert len(name) <= 120 and name.endswith(".md")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_check_upload_type_size_and_content(tmp_path: Path) -> None:
    good = _write(tmp_path / "notes.md", b"# Key issues\n- one\n")
    assert check_upload(good, "My notes.md", CORPUS_SUFFIXES, 1) == "My_notes.md"
    with pytest.raises(UploadError, match="not accepted"):
        check_upload(_write(tmp_path / "x.exe", b"MZ"), "x.exe", CORPUS_SUFFIXES, 1)
    with pytest.raises(UploadError, match="not accepted"):
        check_upload(good, "notes.pdf", NOTES_SUFFIXES, 1)
    with pytest.raises(UploadError, match="over the 1 MB limit"):
        check_upload(_write(tmp_path / "big.txt", b"a" * (1024 * 1024 + 1)), "big.txt", CORPUS_SUFFIXES, 1)
    with pytest.raises(UploadError, match="not a Word document"):
        check_upload(_write(tmp_path / "fake.docx", b"plain text"), "fake.docx", CORPUS_SUFFIXES, 1)
    with pytest.raises(UploadError, match="not a PDF"):
        check_upload(_write(tmp_path / "fake.pdf", b"plain text"), "fake.pdf", CORPUS_SUFFIXES, 1)
    with pytest.raises(UploadError, match="binary data"):
        check_upload(_write(tmp_path / "bin.txt", b"\x00\x01\x02abc"), "bin.txt", CORPUS_SUFFIXES, 1)
    with pytest.raises(UploadError, match="empty"):
        check_upload(_write(tmp_path / "empty.md", b""), "empty.md", CORPUS_SUFFIXES, 1)
    real_docx = tmp_path / "real.docx"
    with zipfile.ZipFile(real_docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert check_upload(real_docx, "real.docx", NOTES_SUFFIXES, 1) == "real.docx"


def test_store_upload_stays_in_its_folder(tmp_path: Path) -> None:
    source = _write(tmp_path / "src.md", b"text")
    folder = tmp_path / "uploads"
    target = store_upload(source, folder, "../../outside.md")
    assert target == (folder / "outside.md").resolve() and target.read_bytes() == b"text"
    assert not (tmp_path / "outside.md").exists()
    assert [p.name for p in folder.iterdir()] == ["outside.md"]


# -- escaping ---------------------------------------------------------------------------------
def test_esc_leaves_no_markup_or_template_syntax() -> None:
    out = esc(XSS)
    for raw in ("<script", "<img", "{{", "${", "`"):
        assert raw not in out
    assert "&lt;script&gt;" in out and "&#123;&#123;7*7&#125;&#125;" in out


def test_md_text_makes_markdown_literal() -> None:
    out = md_text("[click](javascript:alert(1)) **bold** <b>x</b> $x$")
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert "\\[click\\]\\(javascript\\:alert\\(1\\)\\)" in out
    assert "\\*\\*bold\\*\\*" in out and "\\$x\\$" in out


def test_answer_markdown_bolds_markers_only() -> None:
    # adjacent markers are one bold run: "**[1]****[2]**" would show its asterisks
    assert answer_markdown("Speakers urged action [1][2].") == (
        "Speakers urged action **\\[1\\]\\[2\\]**\\."
    )
    assert answer_markdown("As said [3], [4] and [5] [6]; also [x].") == (
        "As said **\\[3\\], \\[4\\]** and **\\[5\\] \\[6\\]**; also \\[x\\]\\."
    )
    assert "****" not in answer_markdown("[1][2][3][4][5][6]")


def test_plural_counts_read_as_english() -> None:
    from assistant.ui.render import plural

    assert plural(1, "item") == "1 item" and plural(0, "item") == "0 items" and plural(3, "item") == "3 items"
    assert plural(2, "entry", "entries") == "2 entries"


def test_sources_markdown_escapes_every_field() -> None:
    citation = {"n": 1, "title": XSS, "section": "key_issues", "part": "", "date": "2024",
                "source": "a<b>.md", "text": XSS}
    out = sources_markdown([citation], {"key_issues": "Key issues discussed"})
    assert "<script" not in out and "<img" not in out and "a<b>" not in out
    assert "Key issues discussed" in out and "**\\[1\\]" in out


# -- draft views ------------------------------------------------------------------------------
def _draft_json() -> dict:
    return {
        "id": "d1",
        "header": {"title": XSS, "organisers": "ITU", "date": "", "url": ""},
        "sections": [
            {"id": "key_issues", "heading": "Key Issues", "items": [
                {"text": f"Issue {i} {XSS}", "part": None, "evidence": [{"line": i, "text": XSS}],
                 "grounded": i != 2, "flags": ["number not in notes"] if i == 2 else []}
                for i in range(1, 4)
            ]},
            {"id": "wsis_views", "heading": "Views", "items": [
                {"text": "A trend", "part": "emerging_trends", "evidence": [], "grounded": True, "flags": []},
                {"text": "A gap", "part": "challenges", "evidence": [], "grounded": True, "flags": []},
            ]},
        ],
        "checks": {
            "ok": False,
            "coverage": {
                "missing_header": ["date", "url"],
                "sections": [{"id": "key_issues", "present": True, "items": 3, "min_items": 5, "max_items": 8,
                              "filled": True, "within_limits": False, "shape_ok": True,
                              "problems": ["3 items, below the minimum of 5 <b>"]}],
            },
            "grounding": {"checked": 5, "grounded": 4, "items": [
                {"section": "key_issues", "index": 1, "supported": False, "similarity": 0.4,
                 "missing": ["2027"], "reason": "a number is not in the evidence"},
            ]},
        },
        "notes": [{"line": 1, "text": "first line", "kind": "text", "speaker": ""}],
    }


def test_draft_html_is_escaped_and_follows_the_form() -> None:
    template = load_template()
    html = draft_html(_draft_json(), template)
    assert "<script" not in html and "<img" not in html
    assert html.index("Key Issues discussed") < html.index("Towards WSIS+20") < html.index("Tangible")
    assert "Emerging trends" in html and "Challenges" in html
    assert "Nothing drafted for this section yet" in html
    assert html.count('class="rp-badge rp-ok"') == 4 and html.count('class="rp-badge rp-warn"') == 1
    assert "to be completed" in html and "not in the notes: 2027" in html


def test_coverage_counts_sections_limits_and_header_gaps() -> None:
    template = load_template()
    rows = {r["id"]: r for r in coverage_rows(_draft_json(), template)}
    assert rows["key_issues"]["status"] == "too few" and rows["key_issues"]["grounded"] == 2
    assert rows["wsis_views"]["status"] == "too few" and rows["tangible_outcomes"]["status"] == "missing"
    html = coverage_html(_draft_json(), template)
    assert "2 of 5 sections filled" in html and "4 of 5 items grounded" in html
    assert "Header fields to complete: Date, URL" in html and "below the minimum of 5 &lt;b&gt;" in html


def test_item_choices_address_items_by_section_and_index() -> None:
    choices = item_choices(_draft_json(), load_template())
    assert [value for _label, value in choices] == [
        "key_issues:0", "key_issues:1", "key_issues:2", "wsis_views:0", "wsis_views:1"
    ]


# -- evaluation seam --------------------------------------------------------------------------
def test_run_eval_says_not_installed_without_a_runner(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("assistant.ui.evaluate_tab.EVAL_MODULES", ("no_such_eval_module_xyz",))
    outcome = run_eval(load_settings(home=tmp_path), "qa")
    assert not outcome.ok and "evaluation suite not installed" in outcome.message


def test_run_eval_calls_the_runner_and_shows_its_report(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "fake_eval_runner.py").write_text(
        "class Report:\n"
        "    def __init__(self, suite, index):\n"
        "        self.suite, self.index = suite, index\n"
        "    def to_markdown(self):\n"
        "        return f'# {self.suite} report <b>'\n"
        "    def to_json(self):\n"
        "        return {'suite': self.suite, 'had_index': self.index is not None}\n"
        "def run_suite(settings, suite, index=None):\n"
        "    if suite == 'boom':\n"
        "        raise RuntimeError('dataset missing')\n"
        "    return Report(suite, index)\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(package))
    monkeypatch.setattr("assistant.ui.evaluate_tab.EVAL_MODULES", ("fake_eval_runner",))
    outcome = run_eval(load_settings(home=tmp_path), "qa", index=object())
    assert outcome.ok and outcome.markdown == "# qa report <b>"
    assert outcome.data == {"suite": "qa", "had_index": True}
    failed = run_eval(load_settings(home=tmp_path), "boom")
    assert not failed.ok and "dataset missing" in failed.message


def test_draft_html_uses_the_form_of_the_drafts_year() -> None:
    data = _draft_json() | {"template_id": "wsis-2025"}
    html = draft_html(data, load_template())
    assert "WSIS Forum 2026 (one paragraph)" in html
    assert "WSIS Forum 2025 (one paragraph)" not in html


def test_coverage_says_1_item_not_1_items() -> None:
    from assistant.domain.document import Header, Item, OutcomeDocument, Section
    from assistant.drafting.checks import check_coverage

    template = load_template()
    spec = template.section("tangible_outcomes")
    document = OutcomeDocument(
        header=Header(title="T", organisers="O", date="1 May 2024", url="https://example.org/s/1"),
        sections=[Section(id=spec.id, heading=spec.heading, items=[Item(text="One outcome.")])],
    )
    report = check_coverage(document, template)
    problems = next(s.problems for s in report.sections if s.id == spec.id)
    assert f"1 item, below the minimum of {spec.min_items}" in problems
    assert not any("1 items" in p for p in problems)


def test_stage_progress_names_the_stage_and_counts_within_it() -> None:
    from assistant.ui.evaluate_tab import StageProgress, suites_of

    seen: list[tuple[float, str]] = []
    suites = ["drafts", "retrieval", "answers", "checker"]
    progress = StageProgress(suites, lambda fraction, desc: seen.append((fraction, desc)))
    progress("indexing the corpus of evals/datasets into a temporary home")
    progress("drafting cyber (1/4)")
    progress("searching question q3 (3/10)")
    progress("checking 40 claim/evidence pairs")
    assert [round(f, 3) for f, _d in seen] == [0.0, 0.0, 0.25 + 0.25 * 0.2, 0.75]
    assert seen[1][1] == "Stage 1 of 4 (drafting): drafting cyber (1/4)"
    assert seen[2][1].startswith("Stage 2 of 4 (retrieval)") and seen[3][1].startswith("Stage 4 of 4")
    assert suites_of("grounding") == ["checker"] and suites_of("qa") == ["retrieval", "answers"]
    assert suites_of("all")[:4] == suites  # "all" runs them in this order (and any newer suites after)


def test_html_report_is_copied_where_the_app_serves_downloads(tmp_path: Path) -> None:
    from assistant.ui.evaluate_tab import offer_html_report

    written = tmp_path / "reports" / "eval.html"
    written.parent.mkdir()
    written.write_text("<html><body>report</body></html>", encoding="utf-8")
    offered = offer_html_report({"files": {"html": str(written)}}, tmp_path / "exports")
    from assistant.ui.ownership import export_folder

    assert offered and Path(offered).parent == export_folder(tmp_path / "exports", None, "evaluation-reports")
    assert Path(offered).read_text(encoding="utf-8") == written.read_text(encoding="utf-8")
    assert offer_html_report({"files": {}}, tmp_path / "exports") is None
    assert offer_html_report({"files": {"html": str(tmp_path / "gone.html")}}, tmp_path / "exports") is None
