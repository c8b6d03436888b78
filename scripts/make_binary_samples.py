"""Generate the .docx and .pdf sample outcome documents of the corpus.

The sample corpus must exercise every loader, including Word and PDF. Binary
files are awkward to review and diff, so their content lives as Markdown in
``scripts/binary_sample_sources/`` and this script renders it:

* ``corpus/<stem>.docx`` with python-docx: a "Title" paragraph, the header lines
  as plain paragraphs (labelled ``Title: ...`` or unlabelled), section headings
  as "Heading 2", WSIS+20 parts as "Heading 3" and bullets as "List Bullet"
  paragraphs without any dash character;
* ``corpus/<stem>.pdf`` with reportlab: a simple flowing layout with bullets
  drawn as "•".

Run from anywhere, without arguments::

    .venv/bin/python scripts/make_binary_samples.py

Output is deterministic: fixed document metadata, reportlab's ``invariant``
mode, and fixed timestamps inside the .docx zip container.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from docx import Document
from docx.text.paragraph import Paragraph as DocxParagraph
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

OutputFormat = Literal["docx", "pdf"]

#: Which source (file stem in ``binary_sample_sources/``) becomes which format.
OUTPUT_FORMATS: dict[str, OutputFormat] = {
    "2023-cyber-hygiene-small-business": "docx",
    "2025-ai-governance-global-south": "docx",
    "2024-older-persons-digital-inclusion": "pdf",
    "2025-early-warning-mobile-alerts": "pdf",
}

#: Sources whose header lines are written without "Title:", "Date:" ... labels,
#: as in many outcome documents filed by rapporteurs.
UNLABELLED_HEADER: frozenset[str] = frozenset(
    {"2025-ai-governance-global-south", "2025-early-warning-mobile-alerts"}
)

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "scripts" / "binary_sample_sources"
CORPUS_DIR = ROOT / "corpus"

#: Fixed timestamp written into document metadata and zip entries.
FIXED_TIME = dt.datetime(2025, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
AUTHOR = "Rapporteur sample corpus (illustrative)"
BULLET_FONT = "Vera"

HEADER_LINE = re.compile(r"^\*\*(?P<label>[^*:]+):\*\*\s*(?P<value>.+)$")
BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Block:
    """One rendered unit of a document, in reading order."""

    kind: Literal["section", "part", "bullet", "paragraph"]
    text: str


@dataclass
class SourceDocument:
    """A Markdown outcome document split into header fields and body blocks."""

    stem: str
    header: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The session title, taken from the header."""
        titles = [value for label, value in self.header if label == "Title"]
        return titles[0] if titles else self.stem


def parse_source(path: Path) -> SourceDocument:
    """Read a source written in the Markdown shape used by ``corpus/*.md``."""
    doc = SourceDocument(stem=path.stem)
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("# "):
            continue  # the "# Session Outcome Document" line is added by each renderer
        header = HEADER_LINE.match(line)
        if header:
            value = header.group("value").strip().strip("<>")
            doc.header.append((header.group("label").strip(), value))
        elif line.startswith("### "):
            doc.blocks.append(Block("part", line[4:].strip()))
        elif line.startswith("## "):
            doc.blocks.append(Block("section", line[3:].strip()))
        elif line.startswith("- "):
            doc.blocks.append(Block("bullet", line[2:].strip()))
        else:
            doc.blocks.append(Block("paragraph", line))
    return doc


def header_lines(doc: SourceDocument) -> list[str]:
    """Header lines as printed: labelled ("Title: ...") or values only."""
    if doc.stem in UNLABELLED_HEADER:
        return [value for _, value in doc.header]
    return [f"{label}: {value}" for label, value in doc.header]


def add_inline_runs(paragraph: DocxParagraph, text: str) -> None:
    """Add ``text`` to a Word paragraph, turning ``**bold**`` spans into bold runs."""
    for index, piece in enumerate(BOLD.split(text)):
        if not piece:
            continue
        run = paragraph.add_run(piece)
        if index % 2 == 1:
            run.bold = True


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip container with fixed entry timestamps so output is byte-stable."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()


def write_docx(doc: SourceDocument, target: Path) -> None:
    """Render ``doc`` as a Word document at ``target``."""
    word = Document()
    props = word.core_properties
    props.title = doc.title
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.subject = "WSIS Forum Session Outcome Document (illustrative sample)"
    props.created = FIXED_TIME.replace(tzinfo=None)
    props.modified = FIXED_TIME.replace(tzinfo=None)
    props.last_printed = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1

    word.add_paragraph("Session Outcome Document", style="Title")
    for line in header_lines(doc):
        word.add_paragraph(line)
    for block in doc.blocks:
        if block.kind == "section":
            word.add_heading(block.text, level=2)
        elif block.kind == "part":
            word.add_heading(block.text, level=3)
        elif block.kind == "bullet":
            add_inline_runs(word.add_paragraph(style="List Bullet"), block.text)
        else:
            add_inline_runs(word.add_paragraph(), block.text)

    buffer = io.BytesIO()
    word.save(buffer)
    target.write_bytes(normalise_zip(buffer.getvalue()))


def pdf_markup(text: str) -> str:
    """Escape text for reportlab's paragraph markup, keeping ``**bold**`` as <b>."""
    return BOLD.sub(r"<b>\1</b>", escape(text))


def write_pdf(doc: SourceDocument, target: Path) -> None:
    """Render ``doc`` as a PDF at ``target`` in a simple flowing layout."""
    # The standard Helvetica font has no Unicode map, so PDF text extractors turn
    # its bullet glyph into a control character. Vera ships with reportlab and
    # embeds a ToUnicode map, so bullets extract as a real "\u2022".
    pdfmetrics.registerFont(TTFont(BULLET_FONT, "Vera.ttf"))
    sheet = getSampleStyleSheet()
    body = ParagraphStyle(
        "Body",
        parent=sheet["BodyText"],
        fontName="Helvetica",
        fontSize=10.5,
        leading=14,
        alignment=TA_LEFT,
        spaceAfter=4,
    )
    bullet = ParagraphStyle(
        "Bullet", parent=body, leftIndent=16, bulletIndent=4, bulletFontName=BULLET_FONT
    )
    section = ParagraphStyle(
        "Section",
        parent=sheet["Heading2"],
        fontSize=12.5,
        leading=16,
        spaceBefore=12,
        spaceAfter=6,
    )
    part = ParagraphStyle(
        "Part",
        parent=sheet["Heading3"],
        fontSize=11,
        leading=14,
        spaceBefore=6,
        spaceAfter=3,
    )

    story: list[Flowable] = [Paragraph("Session Outcome Document", sheet["Title"])]
    story.extend(Paragraph(pdf_markup(line), body) for line in header_lines(doc))
    story.append(Spacer(1, 6))
    for block in doc.blocks:
        text = pdf_markup(block.text)
        if block.kind == "section":
            story.append(Paragraph(text, section))
        elif block.kind == "part":
            story.append(Paragraph(text, part))
        elif block.kind == "bullet":
            story.append(Paragraph(text, bullet, bulletText="\u2022"))
        else:
            story.append(Paragraph(text, body))

    template = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.2 * cm,
        bottomMargin=2.2 * cm,
        title=doc.title,
        author=AUTHOR,
        subject="WSIS Forum Session Outcome Document (illustrative sample)",
        creator="scripts/make_binary_samples.py",
        invariant=1,
    )
    template.build(story)


def main() -> None:
    """Render every source listed in ``OUTPUT_FORMATS`` into ``corpus/``."""
    CORPUS_DIR.mkdir(exist_ok=True)
    for stem, fmt in OUTPUT_FORMATS.items():
        doc = parse_source(SOURCE_DIR / f"{stem}.md")
        target = CORPUS_DIR / f"{stem}.{fmt}"
        if fmt == "docx":
            write_docx(doc, target)
        else:
            write_pdf(doc, target)
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
