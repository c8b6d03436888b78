"""Makers of hostile and broken input files for the reliability tests (no test code here).

Every maker writes real files: a zip bomb is a real zip with a large, highly compressible member;
an encrypted PDF is encrypted by pypdf's writer; a truncated PDF is a real PDF cut short.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdf
from rel_support import CORPUS

PDF_SAMPLE = CORPUS / "2024-older-persons-digital-inclusion.pdf"
DOCX_SAMPLE = CORPUS / "2023-cyber-hygiene-small-business.docx"
BOMB_MEMBER_MB = 210  # over the loader's 200 MB limit; compresses to about 0.2 MB


def outcome_text(title: str, topic: str, extra: str = "") -> str:
    """A complete outcome document in the official form about `topic` (distinct per title)."""
    return f"""# Session Outcome Document

**Title:** {title}
**Organisers:** Test Organisers Network
**Date:** 12 March 2025, 10:00–10:45
**URL:** <https://example.org/wsis-forum/2025/{abs(hash(title)) % 10**6}>

## Key Issues discussed (5-8 bullet points)

- {topic} was discussed as a priority for national digital strategies.
- Speakers said that {topic} needs stable funding and trained staff.
- Participants noted that data on {topic} is scarce in low-income countries.
- {extra or f'Partnerships between regulators and civil society on {topic} were described.'}
- The panel asked for open standards in {topic}.

## Towards WSIS+20 and WSIS beyond 2025: emerging trends, challenges, achievements, opportunities

### Emerging trends

- Regional hubs for {topic} are growing.

### Challenges

- Funding for {topic} remains short-term.

### Achievements

- Several countries adopted plans for {topic}.

### Opportunities

- Shared tools could make {topic} cheaper.

## Tangible outcomes (3-5 bullet points)

- A working group on {topic} was launched with 12 member institutions.
- A toolkit on {topic} was published in three languages.
- Two pilot projects on {topic} were announced.

## Actionable plan and key recommendations (2-5 points)

- Fund {topic} for at least five years.
- Train public officials in {topic}.

## Suggestions for thematic aspects that might be included in the WSIS Forum 2026 (one paragraph)

A future session could compare national experiences of {topic} and measure results.
"""


def write(folder: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write text (in `encoding`) or bytes to folder/name and return the path."""
    path = folder / name
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return path


def truncated_pdf(folder: Path, name: str = "truncated.pdf") -> Path:
    """A real PDF cut to 60% of its bytes (no trailer, no end of the page streams)."""
    data = PDF_SAMPLE.read_bytes()
    return write(folder, name, data[: int(len(data) * 0.6)])


def encrypted_pdf(folder: Path, name: str = "encrypted.pdf") -> Path:
    """A real PDF encrypted with a user password (RC4-128: no `cryptography` package needed)."""
    writer = pypdf.PdfWriter(clone_from=str(PDF_SAMPLE))
    writer.encrypt(user_password="s3cret-user", owner_password="s3cret-owner", algorithm="RC4-128")
    path = folder / name
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def zip_bomb_docx(folder: Path, name: str = "bomb.docx", member: str = "word/media/padding.bin") -> Path:
    """A real .docx with one extra member of BOMB_MEMBER_MB MB of zeros (the file stays small)."""
    path = folder / name
    block = b"\0" * (1 << 20)
    with zipfile.ZipFile(DOCX_SAMPLE) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename == member:
                continue
            target.writestr(info, source.read(info.filename))
        with target.open(member, "w", force_zip64=True) as handle:
            if member == "word/document.xml":
                handle.write(source.read(member))
                block = b" " * (1 << 20)
            for _ in range(BOMB_MEMBER_MB):
                handle.write(block)
    return path


def binary_blob(size: int = 4096) -> bytes:
    """Bytes that are no document at all (an ELF-like header and a spread of every byte value)."""
    return b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * (size // 256)


def deep_html(folder: Path, depth: int, name: str = "deep.html") -> Path:
    """An outcome document whose body sits inside `depth` nested <div> elements."""
    body = "".join(f"<p>{line}</p>" for line in outcome_text(f"Deep nesting {depth}", "nested markup")
                   .splitlines() if line.strip())
    page = f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"
    return write(folder, name, page)


def many_paragraph_docx(folder: Path, paragraphs: int, name: str = "long.docx",
                        text: str = "Participant {n} raised a point about rural connectivity.") -> Path:
    """A real .docx (the sample's package) whose body holds `paragraphs` paragraphs of `text`."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    rows = "".join(f"<w:p><w:r><w:t>{text.format(n=n)}</w:t></w:r></w:p>" for n in range(paragraphs))
    path = folder / name
    with zipfile.ZipFile(DOCX_SAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info.filename))
        target.writestr("word/document.xml", head + rows.encode() + b"</w:body></w:document>")
    return path


def expanding_notes_docx(folder: Path, name: str = "expanding-notes.docx", chars: int = 3_000_000) -> Path:
    """A small .docx whose one paragraph expands to `chars` characters of text (a compression trick)."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    path = folder / name
    with zipfile.ZipFile(DOCX_SAMPLE) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info.filename))
        target.writestr("word/document.xml", head + b"<w:p><w:r><w:t>" + b"notes " * (chars // 6)
                        + b"</w:t></w:r></w:p></w:body></w:document>")
    return path
