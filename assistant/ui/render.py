"""Turns answers, drafts and ingest results into escaped HTML or Markdown for the page.

Everything that comes from notes, documents or the model is data: it passes through `esc` (for
HTML) or `md_text` (for Markdown shown by the Chatbot) before it reaches the browser, so markup
such as `<script>` or `<img onerror=...>` in a document is shown as inert text. Gradio's own
sanitiser is a second line of defence, not the first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Characters that start Markdown syntax; escaped with a backslash so they print as themselves.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")
# A run of escaped markers with nothing (or only spaces and commas) between them: "[1][2]", "[1], [2]".
_MARKER_RUN = re.compile(r"\\\[\d{1,3}\\\](?:[ ,]*\\\[\d{1,3}\\\])*")
_MARKER = re.compile(r"\\\[(\d{1,3})\\\]")
# Braces, dollar and backtick could reach a client-side template engine: write them as entities.
_TEMPLATE_CHARS = str.maketrans({"{": "&#123;", "}": "&#125;", "$": "&#36;", "`": "&#96;"})

STATUS_LABELS = {
    "added": "added",
    "updated": "updated",
    "unchanged": "unchanged",
    "duplicate": "duplicate",
    "failed": "failed",
    "removed": "removed",
}


def esc(text: object) -> str:
    """Escape any value for use inside HTML text or a quoted attribute."""
    return html.escape("" if text is None else str(text), quote=True).translate(_TEMPLATE_CHARS)


def md_text(text: object) -> str:
    """Escape any value so that Markdown shows it literally (no HTML, links, emphasis or maths)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
    return html.escape(escaped, quote=False)


def shorten(text: str, limit: int = 420) -> str:
    """Cut text at a word boundary near `limit` characters, marking the cut with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(",;:") + " …"


def answer_markdown(answer: str, links: Mapping[int, str] | None = None) -> str:
    """The answer text for the Chatbot: escaped, with citation markers `[n]` in bold.

    With `links` (citation number -> link target) each marker is a bold link to its source, so a
    click opens the cited document. Adjacent markers ("[1][2]") are bolded as one run: two bold
    spans side by side would read `**[1]****[2]**`, which Markdown shows with literal asterisks;
    a run glued to a word ("action[1]") is left plain for the same reason (its `**` could not open).
    """
    text = md_text(answer)
    if links is not None:
        return _MARKER.sub(lambda m: _marker_link(m, links), text)

    def bold(match: re.Match[str]) -> str:
        before = text[match.start() - 1:match.start()]
        return match.group(0) if before.isalnum() else f"**{match.group(0)}**"

    return _MARKER_RUN.sub(bold, text)


def _marker_link(match: re.Match[str], links: Mapping[int, str]) -> str:
    href = links.get(int(match.group(1)))
    return f"[**{match.group(0)}**]({href})" if href else match.group(0)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 item', '3 items' ('1 session', '2 sessions'); `nouns` for irregular plurals."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def _field(obj: Any, name: str, default: Any = "") -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def section_label(section_id: str, headings: Mapping[str, str]) -> str:
    """A short readable section name for a section id."""
    return headings.get(section_id) or section_id.replace("_", " ").capitalize()


def sources_markdown(citations: Sequence[Any], headings: Mapping[str, str]) -> str:
    """The body of the collapsible "Sources" block: one entry per citation, all escaped."""
    blocks = []
    for citation in citations:
        title = _field(citation, "title") or _field(citation, "source") or _field(citation, "doc_id")
        where = [section_label(str(_field(citation, "section")), headings)]
        part = _field(citation, "part")
        if part:
            where.append(str(part).replace("_", " "))
        date = _field(citation, "date") or _field(citation, "year") or ""
        meta = " · ".join(md_text(x) for x in [*where, date, _field(citation, "source")] if x)
        excerpt = md_text(shorten(str(_field(citation, "text"))))
        blocks.append(
            f"**\\[{int(_field(citation, 'n', 0))}\\] {md_text(title)}**  \n"
            f"<small>{meta}</small>\n\n> {excerpt}"
        )
    return "\n\n".join(blocks) if blocks else "No sources."


def notice_html(message: str, kind: str = "info") -> str:
    """A one-line coloured notice (info, ok, warn, error) with escaped text and no server paths."""
    from assistant.ui.disclosure import scrub_paths

    return f'<div class="rp-notice rp-{esc(kind)}">{esc(scrub_paths(message))}</div>'


def table_html(headers: Sequence[str], rows: Iterable[Sequence[object]], css: str = "rp-table") -> str:
    """A plain HTML table of escaped cells."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{esc(css)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def ingest_html(results: Sequence[Mapping[str, Any]]) -> str:
    """Per-file upload results: file (with its document id), outcome (coloured), chunks, reason."""
    from assistant.ui.disclosure import scrub_paths

    if not results:
        return notice_html("No files were uploaded.", "warn")
    rows = []
    for result in results:
        status = str(result.get("status", ""))
        doc_id = result.get("doc_id", "")
        rows.append(
            "<tr>"
            f"<td>{esc(result.get('file', ''))}"
            + (f'<br><small class="rp-muted">id: {esc(doc_id)}</small>' if doc_id else "")
            + "</td>"
            f'<td><span class="rp-status rp-status-{esc(status)}">{esc(STATUS_LABELS.get(status, status))}'
            "</span></td>"
            f"<td>{esc(result.get('chunks', '') or '')}</td>"
            f"<td>{esc(scrub_paths(str(result.get('reason', ''))))}</td>"
            "</tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("File", "Result", "Chunks", "Reason"))
    return (
        f'<table class="rp-table rp-ingest"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
