"""File loaders: turn .md, .txt, .docx, .pdf and .html outcome documents into plain text.

Each loader keeps the block structure a parser needs (headings and paragraphs on their own lines,
list items marked "- "). A file that cannot be read raises `DocumentLoadError` with one clear line.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from assistant.errors import InputError

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".docx", ".pdf", ".html", ".htm")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024


class DocumentLoadError(InputError):
    """A file that could not be read; the message says which file and why, in one line."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


def slugify(name: str) -> str:
    """A stable document id from a file stem: lowercase ASCII words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "document"


def decode_text(data: bytes) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252/latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096] and len(data) > 1:
        raise ValueError("looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _load_text(path: Path) -> str:
    return decode_text(path.read_bytes())


def check_docx_package(path: Path) -> None:
    """Refuse a .docx that is not a zip package or unpacks to an implausible size (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_DOCX_UNPACKED_BYTES:
                raise DocumentLoadError(path, "the .docx unpacks to an implausible size (zip bomb?)")
    except zipfile.BadZipFile as exc:
        raise DocumentLoadError(path, "not a valid .docx (it is not a Word zip package)") from exc


def _load_docx(path: Path) -> str:
    check_docx_package(path)
    import docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: DocxDocument = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds on corrupt packages
        raise DocumentLoadError(path, f"not a readable .docx ({type(exc).__name__})") from exc

    blocks: list[str] = []

    def paragraph_text(paragraph: Paragraph) -> str:
        text = paragraph.text.strip()
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        is_list = "List" in style or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None)
        if text and is_list and not text.startswith(("-", "•", "*")):
            return f"- {text}"
        return text

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            blocks.append(paragraph_text(block))
        elif isinstance(block, Table):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    blocks.extend(paragraph_text(p) for p in cell.paragraphs)
    return "\n\n".join(b for b in blocks if b)


def _load_pdf(path: Path) -> str:
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise DocumentLoadError(path, "the PDF is password-protected; save an unlocked copy")
            except DocumentLoadError:
                raise
            except Exception as exc:
                raise DocumentLoadError(path, "the PDF is encrypted and cannot be opened") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentLoadError:
        raise
    except (PyPdfError, ValueError, KeyError, OSError, TypeError) as exc:
        raise DocumentLoadError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n\f\n".join(pages)
    if not text.strip():
        raise DocumentLoadError(path, "the PDF has no extractable text (scanned image?); OCR it first")
    return text


BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "div", "section", "article")


def _load_html(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(path.read_bytes()), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "object", "head"]):
        tag.decompose()
    blocks: list[str] = []
    for element in soup.find_all(BLOCK_TAGS):
        if element.find(BLOCK_TAGS):
            continue  # a container; its inner blocks are visited on their own
        text = " ".join(element.get_text(" ").split())
        if not text:
            continue
        blocks.append(f"- {text}" if element.name == "li" else text)
    if not blocks:
        blocks = [line.strip() for line in soup.get_text("\n").split("\n") if line.strip()]
    return "\n\n".join(blocks)


LOADERS: dict[str, Callable[[Path], str]] = {
    ".md": _load_text,
    ".markdown": _load_text,
    ".txt": _load_text,
    ".docx": _load_docx,
    ".pdf": _load_pdf,
    ".html": _load_html,
    ".htm": _load_html,
}


def load_document_text(path: Path) -> str:
    """Read one outcome document file into plain text, or raise `DocumentLoadError`."""
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise DocumentLoadError(
            path, f"unsupported file type {suffix or '(none)'}; use one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentLoadError(path, f"cannot be read ({exc.strerror})") from exc
    if size == 0:
        raise DocumentLoadError(path, "the file is empty")
    if size > MAX_FILE_BYTES:
        raise DocumentLoadError(path, f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        text = loader(path)
    except DocumentLoadError:
        raise
    except (OSError, ValueError, UnicodeError) as exc:
        raise DocumentLoadError(path, f"cannot be read ({exc})") from exc
    if not text.strip():
        raise DocumentLoadError(path, "no text found in the file")
    return text


def find_documents(paths: list[Path]) -> list[Path]:
    """Expand files and folders into the supported document files they hold, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.name.lower() != "readme.md"
            )
        else:
            found.append(path)
    return found
