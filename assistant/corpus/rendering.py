"""Writes an `OutcomeDocument` in the official form as Markdown (the inverse of the parser)."""

from __future__ import annotations

from assistant.domain.document import OutcomeDocument
from assistant.domain.template import Template, load_template

TAG_HEADER_LABELS = (("action_lines", "WSIS Action Lines"), ("sdgs", "SDGs"))


def tag_header_lines(doc: OutcomeDocument) -> list[tuple[str, str]]:
    """The suggested Action Lines and SDGs of a draft as (label, value) header lines, when filled."""
    values = doc.header.model_dump()
    return [(label, str(values.get(key, "")).strip()) for key, label in TAG_HEADER_LABELS
            if str(values.get(key, "")).strip()]


def render_markdown(doc: OutcomeDocument, template: Template | None = None) -> str:
    """Render header, sections and items with the official headings; parts as sub-headings."""
    template = template or load_template(doc.template_id)
    out = [f"# {template.title}", ""]
    values = doc.header.model_dump()
    header_lines = []
    for field in template.header:
        value = values.get(field.id, "")
        if value:
            is_link = field.id == "url" and value.lower().startswith(("http://", "https://"))
            shown = f"<{value}>" if is_link else value
            header_lines.append(f"**{field.label}:** {shown}  ")
    for label, value in tag_header_lines(doc):
        header_lines.append(f"**{label}:** {value}  ")
    if header_lines:
        header_lines[-1] = header_lines[-1].rstrip()
        out += [*header_lines, ""]
    for section in doc.sections:
        spec = template.section(section.id)
        out += [f"## {section.heading or spec.heading}", ""]
        part: str | None = None
        for item in section.items:
            if spec.parts and item.part and item.part != part:
                part = item.part
                named = spec.part(part)
                if out[-1] != "":
                    out.append("")
                out += [f"### {named.heading if named else part}", ""]
            if spec.shape == "paragraph":
                out += [item.text, ""]
            else:
                out.append(f"- {item.text}")
        if out[-1] != "":
            out.append("")
    return "\n".join(out).rstrip() + "\n"
