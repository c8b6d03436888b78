"""Loaders for every format we claim to read, on real files, and clear errors for broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus.loaders import DocumentLoadError, find_documents, load_document_text, slugify
from assistant.corpus.parsing import parse_outcome
from assistant.corpus.rendering import render_markdown

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ALL_FIVE = ["key_issues", "wsis_views", "tangible_outcomes", "action_plan", "thematic_suggestions"]


def _parsed(path: Path):
    return parse_outcome(load_document_text(path), doc_id=slugify(path.stem), source=path.name)


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".md", ".txt"])
def test_sample_files_of_each_format_parse_into_the_whole_form(suffix: str) -> None:
    files = [p for p in find_documents([CORPUS]) if p.suffix == suffix]
    assert len(files) >= 2, f"the sample corpus should hold at least two {suffix} files"
    for path in files:
        doc = _parsed(path)
        if path.stem == "2024-cross-border-data-governance":
            continue  # the sample that deliberately lacks its Tangible outcomes section
        assert doc.section_ids == ALL_FIVE, path.name
        assert doc.header.title and doc.year in {2023, 2024, 2025}, path.name
        for section in doc.sections:
            for item in section.items:
                assert item.text and "\n" not in item.text


def test_docx_bullets_and_pdf_page_breaks_survive(seed_text: str) -> None:
    pdfs = sorted(CORPUS.glob("*.pdf"))
    doc = _parsed(pdfs[0])
    texts = [i.text for s in doc.sections for i in s.items]
    # no page number or broken half-sentence becomes an item of its own
    assert all(len(t.split()) >= 3 for t in texts)
    assert all(t[0].isupper() or t[0].isdigit() or t[0] in "\"“'(" for t in texts)


def test_html_document_keeps_structure_and_drops_scripts(tmp_path: Path, seed_text: str) -> None:
    doc = parse_outcome(seed_text)
    sections_html = []
    for section in doc.sections:
        items = "".join(f"<li>{i.text}</li>" for i in section.items)
        sections_html.append(f"<h2>{section.heading}</h2><ul>{items}</ul>")
    page = (
        "<html><head><title>x</title><script>alert(1)</script></head><body>"
        f"<h1>Session Outcome Document</h1><p>{doc.header.title}</p><p>{doc.header.organisers}</p>"
        f"<p>{doc.header.date}</p><p><a href='{doc.header.url}'>{doc.header.url}</a></p>"
        f"{''.join(sections_html)}<script>document.write('evil')</script></body></html>"
    )
    path = tmp_path / "quantum.html"
    path.write_text(page, encoding="utf-8")
    text = load_document_text(path)
    assert "alert" not in text and "evil" not in text
    parsed = parse_outcome(text)
    assert parsed.header == doc.header
    assert [len(s.items) for s in parsed.sections] == [len(s.items) for s in doc.sections]


def test_markdown_written_by_the_renderer_loads_back(tmp_path: Path, seed_text: str) -> None:
    doc = parse_outcome(seed_text)
    path = tmp_path / "seed.md"
    path.write_text(render_markdown(doc), encoding="utf-8")
    assert parse_outcome(load_document_text(path)) == doc


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8-sig", "cp1252"])
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes("Key Issues discussed\n\n- Café connectivity in Genève: 40 %\n".encode(encoding))
    assert "Café connectivity in Genève" in load_document_text(path)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.md", b"", "empty"),
        ("binary.docx", b"\x00\x01PK-not-really" * 50, "not a valid .docx"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "PDF"),
        ("binary.txt", b"\x00\x00\x01\x02" * 100, "binary"),
        ("notes.rtf", b"{\\rtf1 hello}", "unsupported file type .rtf"),
    ],
)
def test_broken_files_raise_one_clear_line(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentLoadError) as info:
        load_document_text(path)
    message = str(info.value)
    assert message.startswith(f"{name}: ") and reason in message and "\n" not in message


def test_find_documents_walks_folders_and_skips_readme_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ["a.md", "sub/b.pdf", "README.md", ".hidden/c.md", "sub/image.png"]:
        (tmp_path / rel).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in find_documents([tmp_path])] == [
        "a.md", "sub/b.pdf",
    ]


def test_slugify_makes_safe_stable_ids() -> None:
    assert slugify("2024 AI Governance (final)") == "2024-ai-governance-final"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("***") == "document"
