"""The document view of the Ask tab: the outcome document a citation `[n]` points at, the cited
passage marked.

An answer's markers are links to `#rp-cite=<chunk id>` (`citation_href`); a small script in the
page (`CITATION_CLICK_JS`) turns a click on one into an event that calls `document_view_html`
with that chunk id. The view shows the whole document (header, sections, items, all escaped), the
cited passage quoted at the top, and the items of the cited section that the passage holds wrapped
in `<mark>`, so a reader can check the answer against its source in context.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from assistant.ui.render import esc

CITE_PREFIX = "#rp-cite="
_CHUNK_ID = re.compile(r"^[\w.\-:]{1,300}$")
# Installed once per page (on the first chat update): a click on a citation link in the chat puts its
# chunk id into the hidden box and presses the hidden button, instead of following the link.
CITATION_CLICK_JS = """
() => {
  if (window.rpCitationClicks) return;
  window.rpCitationClicks = true;
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href*="#rp-cite="]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const id = decodeURIComponent(link.getAttribute('href').split('#rp-cite=')[1] || '');
    const box = document.querySelector('#ask-cite-id textarea, #ask-cite-id input');
    const button = document.querySelector('#ask-cite-open');
    if (!box || !button) return;
    box.value = id;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => button.click(), 50);
  }, true);
}
"""
# Runs after the view is filled: brings the marked passage into sight.
SCROLL_TO_MARK_JS = """
() => {
  const mark = document.querySelector('#ask-document mark');
  if (mark) mark.scrollIntoView({block: 'center'});
}
"""
EMPTY_VIEW = "<p class='rp-doc-empty'>Click a citation such as [1] in an answer to see its source here.</p>"


def citation_href(chunk_id: str) -> str:
    """The link target of a citation marker: the chunk id, URL-quoted, after `#rp-cite=`."""
    return CITE_PREFIX + quote(chunk_id, safe="")


def chunk_id_from(value: str) -> str | None:
    """The chunk id a clicked citation sent (quoted or not), or None when it is not one."""
    text = unquote((value or "").strip())
    if text.startswith(CITE_PREFIX):
        text = text[len(CITE_PREFIX):]
    return text if _CHUNK_ID.match(text) else None


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[*_`#>]", " ", text).split()).lower()


def cited_items(section: Any, part: str, passage: str) -> set[int]:
    """Indexes of the section's items that the passage holds (of the cited part, if it has one);
    every item of that part when none is held word for word (the passage was cut differently)."""
    held = _normal(passage)
    candidates = [i for i, item in enumerate(section.items) if not part or (item.part or "") == part]
    found = {i for i in candidates if (item := _normal(section.items[i].text)) and item in held}
    if not found:  # a long item split over chunks: the passage is inside the item
        found = {i for i in candidates if held and held in _normal(section.items[i].text)}
    return found or set(candidates)


def document_view_html(doc: Any, template: Any, chunk: dict[str, Any]) -> str:
    """The cited document as escaped HTML with the cited passage's items marked.

    `chunk` holds the cited chunk's `text` and its `section` and `part` ids.
    """
    section_id = str(chunk.get("section") or "")
    part_id = str(chunk.get("part") or "")
    passage = str(chunk.get("text") or "")
    header = doc.header
    meta = " · ".join(esc(x) for x in (header.date, header.organisers) if x)
    out = [f"<div class='rp-doc' data-doc-id='{esc(doc.doc_id)}'>",
           f"<h3>{esc(header.title or doc.doc_id)}</h3>"]
    if meta:
        out.append(f"<p class='rp-doc-meta'>{meta}</p>")
    out.append(f"<blockquote class='rp-doc-passage'><strong>Cited passage:</strong> {esc(passage)}"
               "</blockquote>")
    for section in doc.sections:
        try:
            spec = template.section(section.id)
        except Exception:  # a section the template no longer has: shown under its own heading
            spec = None
        marked = cited_items(section, part_id, passage) if section.id == section_id else set()
        heading = section.heading or (spec.heading if spec else section.id)
        out.append(f"<h4 id='rp-doc-{esc(section.id)}'>{esc(heading)}</h4>")
        out.append("<ul>")
        part = None
        for i, item in enumerate(section.items):
            if item.part and item.part != part and spec is not None and spec.parts:
                part = item.part
                named = spec.part(part)
                out.append(f"</ul><h5>{esc(named.heading if named else part)}</h5><ul>")
            text = esc(item.text)
            out.append(f"<li><mark>{text}</mark></li>" if i in marked else f"<li>{text}</li>")
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out)
