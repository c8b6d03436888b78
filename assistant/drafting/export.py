"""Exports a draft as Markdown in the official form, as a .docx laid out like the form, or as JSON.

Markdown reuses `rendering.render_markdown`; note text is data, so characters that Markdown
renderers would read as HTML are escaped first. The .docx has the title "Session Outcome Document",
the header lines, the section headings, bullets, the WSIS+20 part sub-headings and the paragraph.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.atomic_files import atomic_write
from assistant.corpus.rendering import render_markdown, tag_header_lines
from assistant.domain.template import load_template
from assistant.drafting.engines.fallback import FALLBACK_FLAGS
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.drafting.draft import Draft

_LINK_CLOSE = re.compile(r"\](?=[(\[:])")
URL_OK = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
STEM_MAX_CHARS = 80
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def download_stem(draft: Draft) -> str:
    """The file name (without suffix) for a draft's downloads, made from its session title.

    "Small Firms, Big Targets – Cybersecurity for SMEs" gives
    "Small-Firms-Big-Targets-Cybersecurity-for-SMEs"; a draft whose title is still missing (or
    the "[to be completed]" placeholder) gives "outcome-document-<draft id>", never a name
    made of the placeholder. Only letters, digits, "-" and "_" remain, at most 80 characters.
    """
    from assistant.drafting.checks import PLACEHOLDER_FIELD

    title = unicodedata.normalize("NFC", draft.document.header.title or "")
    if PLACEHOLDER_FIELD in title:
        title = ""
    stem = _NOT_WORD.sub("-", title).strip("-_")
    if len(stem) > STEM_MAX_CHARS:
        cut = stem.rfind("-", 0, STEM_MAX_CHARS)
        stem = stem[: cut if cut > STEM_MAX_CHARS // 2 else STEM_MAX_CHARS].strip("-_")
    return stem or f"outcome-document-{_NOT_WORD.sub('-', draft.id).strip('-')}"


def _escape(text: str) -> str:
    """Neutralise HTML and link syntax in note-derived text: Markdown passes raw HTML through, and
    `[text](javascript:…)` typed in notes would otherwise become a live link in the .md download."""
    text = _LINK_CLOSE.sub(r"\\]", text.replace("\\", "\\\\"))  # `](`, `][`, `]:` start no link
    return html.escape(text, quote=False)


def draft_to_markdown(draft: Draft) -> str:
    """The draft in the official form as Markdown (headings, bullets, parts, paragraph)."""
    document = draft.document.model_copy(deep=True)
    header = document.header
    header.title = _escape(header.title)
    header.organisers = _escape(header.organisers)
    header.date = _escape(header.date)
    header.action_lines = _escape(header.action_lines)
    header.sdgs = _escape(header.sdgs)
    plain_url = not URL_OK.match(header.url or "")
    if plain_url:
        header.url = _escape(header.url)
    for section in document.sections:
        for item in section.items:
            note = _fallback_note(item.flags)
            item.text = _escape(item.text) + (f" *{note}*" if note else "")
    markdown = render_markdown(document, load_template(document.template_id))
    if plain_url and header.url:
        # the renderer makes the URL an autolink; text that is no URL ("[to be completed]") stays text
        markdown = markdown.replace(f"<{header.url}>", header.url, 1)
    ignored = draft.notes.ignored_instructions
    if ignored:
        markdown = markdown.rstrip("\n") + "\n\n" + ignored_notice(ignored) + "\n"
    return markdown


def ignored_notice(lines: list[int]) -> str:
    """The draft's note that instructions pasted into the notes were not followed."""
    where = ", ".join(str(n) for n in lines)
    return (f"> Note for the rapporteur: line{'s' if len(lines) > 1 else ''} {where} of the notes "
            "addressed the drafting software with an instruction; it was treated as data and ignored.")


def draft_to_json(draft: Draft) -> dict[str, Any]:
    """The draft as JSON: header, sections with evidence and grounding, checks, notes."""
    return draft.to_json()


def draft_to_docx(draft: Draft, path: Path) -> Path:
    """Write the draft as a .docx laid out like the official form; returns the path written."""
    import docx
    from docx.shared import Pt

    template = load_template(draft.document.template_id)
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise InputError(f"a .docx export needs a path ending in .docx, not {path.name}")
    out = docx.Document()
    out.add_heading(template.title, level=0)
    values = draft.document.header.model_dump()
    for field in template.header:
        paragraph = out.add_paragraph()
        label = paragraph.add_run(f"{field.label}: ")
        label.bold = True
        paragraph.add_run(_plain(values.get(field.id, "")))
    for name, value in tag_header_lines(draft.document):
        paragraph = out.add_paragraph()
        paragraph.add_run(f"{name}: ").bold = True
        paragraph.add_run(_plain(value))
    for section in draft.document.sections:
        spec = template.section(section.id)
        out.add_heading(section.heading or spec.heading, level=1)
        current_part: str | None = None
        for item in section.items:
            if spec.parts and item.part and item.part != current_part:
                current_part = item.part
                named = spec.part(item.part)
                out.add_heading(named.heading if named else item.part, level=2)
            text = _plain(item.text)
            paragraph = out.add_paragraph(text) if spec.shape == "paragraph" else out.add_paragraph(
                text, style="List Bullet")
            if note := _fallback_note(item.flags):
                paragraph.add_run(f" {note}").italic = True
    style = out.styles["Normal"]
    style.font.size = Pt(11)
    return atomic_write(path, lambda temp: out.save(str(temp)), f".{path.stem}.")


def _fallback_note(flags: list[str]) -> str:
    """"(drafted offline: …)" for an item the llm engine left to the offline engine, else ""."""
    shown = [f for f in flags if f in FALLBACK_FLAGS]
    return f"({shown[0]})" if shown else ""


def _plain(text: str) -> str:
    """Text safe for a Word XML run: control characters (invalid in XML) removed."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text or "")
