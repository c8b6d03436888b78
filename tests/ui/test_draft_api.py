"""The Draft tab driven through its HTTP API with gradio_client.

Notes in, a draft out: the official form with evidence and verdicts, coverage, edits that are
re-checked, one section regenerated, downloads, and drafts that reopen after a restart. The app
runs without login on a private copy of the indexed sample corpus.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from gradio_client import Client, handle_file

REPO = Path(__file__).resolve().parents[2]
NOTES = REPO / "evals" / "datasets" / "notes" / "cybersecurity_smes.txt"
TITLE = "Small Firms, Big Targets – Cybersecurity for SMEs"
OUTPUTS = ("notice", "draft_id", "coverage", "form", "notes", "item", "item_text", "docx", "md", "json",
           "recent", "notes_text", "title", "organisers", "date", "url", "action_lines", "sdgs")
# (buttons are not API outputs)


@pytest.fixture(scope="module")
def app(launch, app_home):
    """The running app (no login); its LLM endpoint is a closed local port."""
    from conftest import free_port

    return launch(app_home, openai_base_url=f"http://127.0.0.1:{free_port()}/v1", llm_timeout=5.0,
                  llm_models="openai:test-model")


@pytest.fixture(scope="module")
def client(app, tmp_path_factory) -> Client:
    return Client(app.url, verbose=False, download_files=str(tmp_path_factory.mktemp("downloads")))


def call(client: Client, api_name: str, *args: object) -> dict[str, object]:
    """Call a Draft endpoint and name its outputs."""
    return dict(zip(OUTPUTS, client.predict(*args, api_name=api_name), strict=True))


@pytest.fixture(scope="module")
def drafted(client: Client) -> dict[str, object]:
    """One draft made from real session notes, with the title given in the header fields."""
    notes = NOTES.read_text(encoding="utf-8")
    return call(client, "/draft", notes, TITLE, "", "", "", "extractive", "", "", "")


def section_html(form: str, section_id: str) -> str:
    """The HTML of one section of the rendered form."""
    match = re.search(rf'<section class="rp-section" id="rp-{section_id}">(.*?)</section>', form, re.S)
    assert match, f"no section {section_id} in the form"
    return match.group(1)


def test_draft_shows_the_form_with_evidence_and_coverage(drafted: dict[str, object]) -> None:
    assert "Draft ready" in str(drafted["notice"])
    assert re.fullmatch(r"[\w-]+", str(drafted["draft_id"]))
    form = str(drafted["form"])
    for heading in ("Key Issues discussed", "Towards WSIS+20", "Tangible outcomes",
                    "Actionable plan and key recommendations", "Suggestions for thematic aspects"):
        assert heading in form
    assert f"<td>{TITLE}</td>" in form.replace("&#x27;", "'")
    assert "Evidence:" in form and "note line" in form and "rp-badge" in form
    assert "90%" in form and "43%" in form and "Ciberseguro PYME" in form  # facts from the notes
    coverage = str(drafted["coverage"])
    assert "sections filled" in coverage and "items grounded" in coverage and "(form asks)" in coverage
    assert "Header fields to complete" in coverage and "URL" in coverage  # the notes give no URL
    assert "rp-line" in str(drafted["notes"])
    choices = drafted["item"]["choices"]  # type: ignore[index]
    assert choices and all(re.fullmatch(r"[a-z_]+:\d+", value) for _label, value in choices)


def test_downloads_are_a_word_file_markdown_and_json(drafted: dict[str, object]) -> None:
    docx = Path(str(drafted["docx"]["value"]))  # type: ignore[index]
    assert docx.suffix == ".docx" and zipfile.is_zipfile(docx)
    with zipfile.ZipFile(docx) as archive:
        assert "Cybersecurity for SMEs" in archive.read("word/document.xml").decode("utf-8")
    markdown = Path(str(drafted["md"]["value"])).read_text(encoding="utf-8")  # type: ignore[index]
    assert "Key Issues discussed" in markdown and "Cybersecurity for SMEs" in markdown
    data = Path(str(drafted["json"]["value"])).read_text(encoding="utf-8")  # type: ignore[index]
    assert f'"id": "{drafted["draft_id"]}"' in data


def items_of(form: str, section_id: str) -> list[str]:
    """The HTML of each item of one section."""
    return section_html(form, section_id).split('<div class="rp-item">')[1:]


def test_editing_an_item_is_rechecked_and_saved(app, client: Client, drafted: dict[str, object]) -> None:
    draft_id = str(drafted["draft_id"])
    items = items_of(str(drafted["form"]), "key_issues")
    index = next(n for n, item in enumerate(items) if "rp-badge rp-ok" in item)
    key = f"key_issues:{index}"
    current = client.predict(draft_id, key, api_name="/draft_item_text")
    assert current and current[:40] in items[index].replace("&quot;", '"').replace("&#x27;", "'")

    reworded = f"In short: {current}"
    edited = call(client, "/draft_edit", draft_id, key, reworded)
    assert "Edit applied" in str(edited["notice"])
    item = items_of(str(edited["form"]), "key_issues")[index]
    assert "In short:" in item and "rp-badge rp-ok" in item and ">edited<" in item

    invented = f"{current} Attendance reached 9,876 people."
    edited = call(client, "/draft_edit", draft_id, key, invented)
    item = items_of(str(edited["form"]), "key_issues")[index]
    assert "9,876" in item and "rp-badge rp-warn" in item  # a number that is not in the notes
    assert "9,876" in item.split("rp-why", 1)[1]  # and the reason names it
    saved = (app.settings.drafts_path / f"{draft_id}.json").read_text(encoding="utf-8")
    assert "Attendance reached 9,876 people" in saved


def test_regenerating_one_section_leaves_the_others(client: Client, drafted: dict[str, object]) -> None:
    draft_id = str(drafted["draft_id"])
    before = call(client, "/draft_open", draft_id)
    result = call(client, "/draft_regenerate", draft_id, "tangible_outcomes", "extractive", "", False)
    assert "Regenerated Tangible outcomes" in str(result["notice"])
    for other in ("key_issues", "wsis_views", "action_plan"):
        assert section_html(str(result["form"]), other) == section_html(str(before["form"]), other)
    assert "rp-item" in section_html(str(result["form"]), "tangible_outcomes")


def test_drafts_reopen_after_a_restart(app, embedder, drafted: dict[str, object]) -> None:
    from assistant.config import load_settings
    from assistant.corpus.store import CorpusIndex
    from assistant.ui.draft_tab import DraftActions
    from assistant.ui.services import AppServices

    settings = load_settings(home=app.settings.home)  # a new process would build exactly this
    fresh = DraftActions(AppServices.create(settings, index=CorpusIndex(settings, embedder=embedder)))
    assert str(drafted["draft_id"]) in [value for _label, value in fresh.recent()]
    view = fresh.view(fresh.load(str(drafted["draft_id"])))
    assert "Key Issues discussed" in view["form"] and "Evidence:" in view["form"]


def test_reopen_through_the_recent_list(client: Client, drafted: dict[str, object]) -> None:
    reopened = call(client, "/draft_open", str(drafted["draft_id"]))
    assert "Draft reopened" in str(reopened["notice"]) and reopened["draft_id"] == drafted["draft_id"]
    missing = call(client, "/draft_open", "20990101-000000-abcdef")
    assert "Could not finish opening the draft" in str(missing["notice"])
    assert "no saved draft" in str(missing["notice"])


def test_notes_file_upload_fills_the_notes_box(client: Client, tmp_path: Path) -> None:
    from docx import Document

    path = tmp_path / "My session notes.docx"
    document = Document()
    document.add_paragraph("10:05 Maria Lopez: 43% of SMEs had an incident last year")
    document.add_paragraph("- the Chamber launched a free helpline")
    document.save(str(path))
    text, notice = client.predict(handle_file(str(path)), api_name="/draft_notes_file")
    assert "43% of SMEs" in text and "helpline" in text and "Loaded notes" in notice
    binary = tmp_path / "notes.txt"
    binary.write_bytes(b"\x00\x01\x02\x03 not text")
    _text, notice = client.predict(handle_file(str(binary)), api_name="/draft_notes_file")
    assert "binary data" in notice


def test_bad_input_and_llm_failures_are_clear(client: Client) -> None:
    empty = call(client, "/draft", "   ", "", "", "", "", "extractive", "", "", "")
    assert "paste the session notes" in str(empty["notice"])
    failed = call(client, "/draft", NOTES.read_text(encoding="utf-8"), "", "", "", "", "llm",
                  "openai:test-model", "", "")
    notice = str(failed["notice"])
    assert "The language model could not answer" in notice and "extractive" in notice
    assert "Traceback" not in notice
    bad_item = call(client, "/draft_edit", "20990101-000000-abcdef", "nonsense", "text")
    assert "Could not finish" in str(bad_item["notice"])


def test_header_edits_are_saved_and_name_the_downloads(
    app, client: Client, drafted: dict[str, object]
) -> None:
    draft_id = str(drafted["draft_id"])
    changed = call(client, "/draft_header", draft_id, "Renamed: Cyber <Help> for SMEs", "ITU and GFCE",
                   "9 July 2025", "https://example.org/wsis/2025/9", str(drafted["action_lines"]),
                   str(drafted["sdgs"]))
    assert "Header saved" in str(changed["notice"])
    assert changed["title"] == "Renamed: Cyber <Help> for SMEs" and changed["organisers"] == "ITU and GFCE"
    assert "Renamed: Cyber &lt;Help&gt; for SMEs" in str(changed["form"])
    docx = Path(str(changed["docx"]["value"]))  # type: ignore[index]
    assert docx.name == "Renamed-Cyber-Help-for-SMEs.docx"
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "Renamed: Cyber &lt;Help&gt; for SMEs" in xml and "example.org/wsis/2025/9" in xml
    markdown = Path(str(changed["md"]["value"])).read_text(encoding="utf-8")  # type: ignore[index]
    assert "Renamed: Cyber &lt;Help&gt; for SMEs" in markdown and "ITU and GFCE" in markdown
    saved = (app.settings.drafts_path / f"{draft_id}.json").read_text(encoding="utf-8")
    assert '"title": "Renamed: Cyber <Help> for SMEs"' in saved
    # each export is a fresh folder with an unguessable name (not the draft id), holding one set of files
    stem = "Renamed-Cyber-Help-for-SMEs"
    folders = [f for f in app.services.exports_path.iterdir() if (f / f"{stem}.docx").is_file()]
    assert folders and all(draft_id not in f.name for f in folders)
    assert all(sorted(p.name for p in f.iterdir()) == [f"{stem}.docx", f"{stem}.json", f"{stem}.md"]
               for f in folders)

    # a cleared title is "to be completed" in the draft, and the files are named after the draft id
    cleared = call(client, "/draft_header", draft_id, "", "ITU and GFCE", "9 July 2025",
                   "https://example.org/wsis/2025/9", str(drafted["action_lines"]), str(drafted["sdgs"]))
    assert cleared["title"] == "" and "to be completed" in str(cleared["form"])
    assert Path(str(cleared["docx"]["value"])).name == f"outcome-document-{draft_id}.docx"  # type: ignore[index]
    assert "to_be_completed" not in Path(str(cleared["md"]["value"])).name  # type: ignore[index]
    reopened = call(client, "/draft_open", draft_id)
    assert reopened["title"] == "" and reopened["url"] == "https://example.org/wsis/2025/9"
    assert "43% of SMEs" in str(reopened["notes_text"])  # the notes box is filled again


def test_regenerate_keeps_edited_items_unless_told_to_replace_them(client: Client) -> None:
    made = call(client, "/draft", NOTES.read_text(encoding="utf-8"), TITLE, "", "", "", "extractive", "",
                "", "")
    draft_id = str(made["draft_id"])
    edited = call(client, "/draft_edit", draft_id, "tangible_outcomes:1", "A rapporteur's own wording of it.")
    assert "A rapporteur&#x27;s own wording of it." in section_html(str(edited["form"]), "tangible_outcomes")
    kept = call(client, "/draft_regenerate", draft_id, "tangible_outcomes", "extractive", "", False)
    assert "Your edited item was kept" in str(kept["notice"])
    section = section_html(str(kept["form"]), "tangible_outcomes")
    assert "A rapporteur&#x27;s own wording of it." in section and ">edited<" in section
    again = call(client, "/draft_regenerate", draft_id, "tangible_outcomes", "extractive", "", False)
    assert "nothing changed" in str(again["notice"])
    replaced = call(client, "/draft_regenerate", draft_id, "tangible_outcomes", "extractive", "", True)
    assert "1 edited item replaced" in str(replaced["notice"])
    assert "own wording" not in section_html(str(replaced["form"]), "tangible_outcomes")


def test_suggested_action_lines_and_sdgs_show_and_can_be_edited(app, client: Client) -> None:
    made = call(client, "/draft", NOTES.read_text(encoding="utf-8"), TITLE, "", "", "", "extractive", "",
                "", "")
    draft_id = str(made["draft_id"])
    assert "C5" in str(made["action_lines"])  # cyber hygiene notes: confidence and security
    assert "C5" in str(made["form"])
    changed = call(client, "/draft_header", draft_id, TITLE, "", "", "", "c5; C7 e-business", "8, sdg 9")
    assert "Header saved" in str(changed["notice"])
    assert changed["action_lines"] == "C5, C7 e-business" and changed["sdgs"] == "SDG 8, SDG 9"
    assert "C7 e-business" in str(changed["form"]) and "SDG 8, SDG 9" in str(changed["form"])
    markdown = Path(str(changed["md"]["value"])).read_text(encoding="utf-8")  # type: ignore[index]
    assert "C5, C7 e-business" in markdown and "SDG 8, SDG 9" in markdown
    saved = (app.settings.drafts_path / f"{draft_id}.json").read_text(encoding="utf-8")
    assert '"action_lines": "C5, C7 e-business"' in saved
    refused = call(client, "/draft_header", draft_id, TITLE, "", "", "", "C42", "8")
    assert "unknown Action Line" in str(refused["notice"]) and "C1 to C11" in str(refused["notice"])
    assert call(client, "/draft_open", draft_id)["action_lines"] == "C5, C7 e-business"  # nothing lost
