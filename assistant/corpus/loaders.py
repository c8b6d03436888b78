"""File loaders: turn .md, .txt, .docx, .pdf and .html outcome documents into plain text.

Each loader keeps the block structure a parser needs (headings and paragraphs on their own lines,
list items marked "- "). A file that cannot be read raises `DocumentLoadError` with one clear line.
Every loader is linear in its input and bounded: file size, unpacked size, pages, paragraphs and
characters of text after decoding (the MAX_* constants below).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import InputError

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".docx", ".pdf", ".html", ".htm")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_DOCX_XML_BYTES = 40 * 1024 * 1024  # the document part of a 50,000-paragraph report is ~15 MB
MAX_DOCUMENT_CHARS = 2_000_000  # text after decoding; an outcome document is ~10,000
MAX_DOCUMENT_PAGES = 500
MAX_DOCUMENT_PARAGRAPHS = 50_000
MAX_BLOCK_ELEMENTS = 200_000  # XML elements in one paragraph or table row (runs, breaks, …)
XML_CHUNK_BYTES = 64 * 1024  # a .docx part is unpacked and parsed this much at a time
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocumentLoadError(InputError):
    """A file that could not be read; the message says which file and why, in one line."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class DocumentTooLarge(DocumentLoadError):
    """A file over one of the limits (size, unpacked size, pages, paragraphs, characters)."""


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


def check_docx_package(path: Path, max_unpacked_bytes: int = MAX_DOCX_UNPACKED_BYTES) -> None:
    """Refuse a .docx that is not a zip package or whose parts, all of them counted (text, styles,
    images, anything else), unpack to more than `max_unpacked_bytes` (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise DocumentLoadError(path, "not a valid .docx (it is not a Word zip package)") from exc
    if unpacked > max_unpacked_bytes:
        raise DocumentTooLarge(
            path, f"the .docx unpacks to an implausible size (zip bomb?): {unpacked / 2**20:.0f} MB; the "
            f"limit is {max_unpacked_bytes // 2**20} MB (save the text alone as a new .docx or .txt)")


@dataclass
class DocxBlock:
    """One paragraph of a .docx (`cells` is None) or one table row (`cells` holds each cell's text)."""

    text: str
    is_list: bool = False
    cells: list[str] | None = None


def _xml_events(archive: zipfile.ZipFile, path: Path, name: str, max_bytes: int,
                required: bool = True) -> Iterator[tuple[str, Any]]:
    """("start"/"end", element) events of one XML part, parsed as it is unpacked, 64 KB at a time.

    Nothing holds the whole part: the caller clears elements it has read. A part that unpacks to
    more than `max_bytes` (counted as it is unpacked, whatever its header claims) is refused.
    """
    from lxml import etree

    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise DocumentLoadError(path, f"not a readable .docx (no {name} part)") from None
        return
    too_large = DocumentTooLarge(
        path, f"the document's {name} part unpacks to more than {max_bytes // 2**20} MB; the limit is "
        f"{max_bytes // 2**20} MB (save the text alone as a new .docx or .txt)")
    if info.file_size > max_bytes:
        raise too_large
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False, no_network=True,
                                 huge_tree=False)
    unpacked = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(XML_CHUNK_BYTES):
                unpacked += len(chunk)
                if unpacked > max_bytes:
                    raise too_large
                parser.feed(chunk)
                yield from parser.read_events()
            parser.close()
            yield from parser.read_events()
    except (etree.XMLSyntaxError, ValueError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DocumentLoadError(path, f"not a readable .docx ({type(exc).__name__})") from exc


def _main_part_name(archive: zipfile.ZipFile, path: Path, max_bytes: int) -> str:
    """The name of the main document part, from the package relationships (word/document.xml)."""
    for event, element in _xml_events(archive, path, "_rels/.rels", max_bytes, required=False):
        if event == "end" and element.tag.endswith("Relationship"):
            if str(element.get("Type", "")).endswith("/officeDocument"):
                return str(element.get("Target", "")).lstrip("/")
            element.clear()
    return "word/document.xml"


def _list_styles(archive: zipfile.ZipFile, path: Path, max_bytes: int) -> set[str]:
    """Ids of the paragraph styles whose names mark list items, read one style at a time."""
    found: set[str] = set()
    for event, element in _xml_events(archive, path, "word/styles.xml", max_bytes, required=False):
        if event == "end" and element.tag == W + "style":
            name = element.find(W + "name")
            if name is not None and "List" in str(name.get(W + "val", "")):
                found.add(str(element.get(W + "styleId", "")))
            _forget(element)
    return found


def _forget(element: Any) -> None:
    """Free an element that has been read, and the siblings read before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _run_text(run: Any) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _paragraph(p: Any, list_styles: set[str]) -> DocxBlock:
    pieces = []
    for child in p:
        if child.tag == W + "r":
            pieces.append(_run_text(child))
        elif child.tag == W + "hyperlink":
            pieces.extend(_run_text(run) for run in child if run.tag == W + "r")
    ppr = p.find(W + "pPr")
    is_list = False
    if ppr is not None:
        style = ppr.find(W + "pStyle")
        is_list = ppr.find(W + "numPr") is not None or (
            style is not None and style.get(W + "val", "") in list_styles)
    return DocxBlock("".join(pieces), is_list)


def read_docx_blocks(path: Path, max_paragraphs: int = MAX_DOCUMENT_PARAGRAPHS,
                     max_chars: int = MAX_DOCUMENT_CHARS,
                     max_xml_bytes: int = MAX_DOCX_XML_BYTES,
                     max_unpacked_bytes: int = MAX_DOCX_UNPACKED_BYTES) -> list[DocxBlock]:
    """The body of a .docx in order: paragraphs and table rows, read in one streaming pass.

    Linear in the size of the document part (python-docx's per-paragraph style lookups are not),
    and bounded in memory: the parts are unpacked and parsed a piece at a time and every paragraph
    or table row is freed once read. Refuses a package that is not a .docx (DocumentLoadError), or
    one whose parts together unpack to more than `max_unpacked_bytes`, with an XML part over
    `max_xml_bytes`, more than `max_paragraphs` paragraphs, `max_chars` characters or a paragraph
    of more than MAX_BLOCK_ELEMENTS parts (DocumentTooLarge), as soon as it passes the limit.
    """
    check_docx_package(path, max_unpacked_bytes)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise DocumentLoadError(path, "not a valid .docx (it is not a Word zip package)") from exc
    blocks: list[DocxBlock] = []
    paragraphs = chars = 0

    def count(block: DocxBlock, n: int) -> None:
        nonlocal paragraphs, chars
        paragraphs += n
        chars += len(block.text)
        if paragraphs > max_paragraphs:
            raise DocumentTooLarge(path, f"the document has more than {max_paragraphs:,} paragraphs; "
                                          "split it into smaller files")
        if chars > max_chars:
            raise DocumentTooLarge(path, f"the document holds more than {max_chars:,} characters of "
                                          "text; split it into smaller files")

    def row(tr: Any) -> DocxBlock:
        cells = []
        for cell in tr.iterchildren(W + "tc"):
            texts = [_paragraph(p, list_styles).text for p in cell.iterchildren(W + "p")]
            cells.append("\n".join(texts))
        return DocxBlock(" | ".join(c.strip() for c in cells), cells=cells)

    with archive:
        list_styles = _list_styles(archive, path, max_xml_bytes)
        depth = pending = 0
        body_seen = False
        for event, element in _xml_events(archive, path, _main_part_name(archive, path, max_xml_bytes),
                                          max_xml_bytes):
            if event == "start":
                depth += 1
                body_seen = body_seen or (depth == 2 and element.tag == W + "body")
                continue
            depth -= 1
            pending += 1
            if pending > MAX_BLOCK_ELEMENTS:
                raise DocumentTooLarge(path, f"a paragraph or table row has more than {MAX_BLOCK_ELEMENTS:,} "
                                              "parts; save the text alone as a new file")
            if depth == 2 and element.tag == W + "p":  # a paragraph of the body
                block = _paragraph(element, list_styles)
                count(block, 1)
                blocks.append(block)
            elif depth == 3 and element.tag == W + "tr" and element.getparent().tag == W + "tbl":
                for tr in element.iter(W + "tr"):  # the row, then rows of tables nested in it
                    block = row(tr)
                    count(block, max(1, len(block.cells or [])))
                    blocks.append(block)
            elif depth != 2:
                continue
            pending = 0
            _forget(element)
    if not body_seen:
        raise DocumentLoadError(path, "not a readable .docx (the document has no body)")
    return blocks


def _load_docx(path: Path) -> str:
    blocks: list[str] = []
    for block in read_docx_blocks(path):
        if block.cells is not None:
            blocks.extend(cell.strip() for cell in block.cells)
            continue
        text = block.text.strip()
        if text and block.is_list and not text.startswith(("-", "•", "*")):
            text = f"- {text}"
        blocks.append(text)
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
        if len(reader.pages) > MAX_DOCUMENT_PAGES:
            raise DocumentTooLarge(path, f"the PDF has {len(reader.pages):,} pages; the limit is "
                                          f"{MAX_DOCUMENT_PAGES:,} (split it into smaller files)")
        pages: list[str] = []
        chars = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > MAX_DOCUMENT_CHARS:
                raise DocumentTooLarge(path, f"the PDF holds more than {MAX_DOCUMENT_CHARS:,} characters "
                                              "of text; split it into smaller files")
    except DocumentLoadError:
        raise
    except (PyPdfError, ValueError, KeyError, OSError, TypeError) as exc:
        raise DocumentLoadError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n\f\n".join(pages)
    if not text.strip():
        raise DocumentLoadError(path, "the PDF has no extractable text (scanned image?); OCR it first")
    return text


BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "div", "section", "article")
_BLOCKS = frozenset(BLOCK_TAGS)


def _leaf_blocks(soup: Any) -> list[Any]:
    """Block elements with no block inside them, in document order, found in one pass.

    Each element learns its nearest block ancestor from an explicit stack, so the cost is linear
    in the number of elements whatever the nesting depth (no recursion, no per-element search).
    """
    from bs4 import Tag

    blocks: list[Any] = []
    containers: set[int] = set()
    stack: list[tuple[Any, Any]] = [(soup, None)]
    while stack:
        node, nearest = stack.pop()
        if node is not soup and node.name in _BLOCKS:
            if nearest is not None:
                containers.add(id(nearest))
            blocks.append(node)
            nearest = node
        children = [child for child in node.contents if isinstance(child, Tag)]
        stack.extend((child, nearest) for child in reversed(children))
    return [block for block in blocks if id(block) not in containers]


def _load_html(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(path.read_bytes()), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "object", "head"]):
        tag.decompose()
    blocks: list[str] = []
    for element in _leaf_blocks(soup):
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
        raise DocumentTooLarge(path, f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        text = loader(path)
    except DocumentLoadError:
        raise
    except (OSError, ValueError, UnicodeError) as exc:
        raise DocumentLoadError(path, f"cannot be read ({exc})") from exc
    if not text.strip():
        raise DocumentLoadError(path, "no text found in the file")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise DocumentTooLarge(path, f"the file holds {len(text):,} characters of text; the limit is "
                                      f"{MAX_DOCUMENT_CHARS:,} (split it into smaller files)")
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
