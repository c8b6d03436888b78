"""HTML views of a draft: the official form with evidence and verdicts, and a coverage summary.

Both read the draft's JSON form (`Draft.to_json()`), the structure exports and evals also use,
and the outcome template for headings, parts and item limits. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assistant.template import Template
from assistant.ui.render import esc

HEADER_LABELS = (("title", "Title"), ("organisers", "Organisers"), ("date", "Date"), ("url", "URL"))


def _sections_by_id(draft: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(s.get("id")): s for s in draft.get("sections") or []}


def _verdict(item: Mapping[str, Any]) -> str:
    grounded = item.get("grounded")
    if grounded is True:
        badge = '<span class="rp-badge rp-ok" title="Every claim was found in the notes">grounded</span>'
    elif grounded is False:
        badge = '<span class="rp-badge rp-warn" title="Check this item against the notes">check</span>'
    else:
        badge = '<span class="rp-badge rp-muted">not checked</span>'
    flags = "".join(f'<span class="rp-flag">{esc(f)}</span>' for f in item.get("flags") or [])
    return badge + flags


def _evidence(item: Mapping[str, Any]) -> str:
    lines = item.get("evidence") or []
    if not lines:
        return '<div class="rp-evidence rp-muted">No note lines attached.</div>'
    rows = "".join(
        f'<li><span class="rp-line">line {esc(ev.get("line"))}</span> {esc(ev.get("text"))}</li>'
        for ev in lines
    )
    return (
        f'<details class="rp-evidence"><summary>Evidence: {len(lines)} note line'
        f'{"s" if len(lines) != 1 else ""}</summary><ul>{rows}</ul></details>'
    )


def _item(item: Mapping[str, Any], number: int | None) -> str:
    label = f'<span class="rp-num">{number}.</span> ' if number is not None else ""
    return (
        f'<div class="rp-item"><div class="rp-item-text">{label}{esc(item.get("text"))}</div>'
        f'<div class="rp-item-meta">{_verdict(item)}</div>{_evidence(item)}</div>'
    )


def draft_html(draft: Mapping[str, Any], template: Template) -> str:
    """The draft laid out like the official form, each item with its verdict and note lines."""
    header = draft.get("header") or {}
    rows = []
    for key, label in HEADER_LABELS:
        value = str(header.get(key) or "").strip()
        shown = esc(value) if value else '<span class="rp-missing">missing: fill in above</span>'
        rows.append(f"<tr><th>{label}</th><td>{shown}</td></tr>")
    parts = [
        f'<div class="rp-form"><h2>{esc(template.title)}</h2>',
        f'<table class="rp-header">{"".join(rows)}</table>',
    ]
    sections = _sections_by_id(draft)
    for number, spec in enumerate(template.sections, 1):
        section = sections.get(spec.id)
        items = list(section.get("items") or []) if section else []
        parts.append(f'<section class="rp-section" id="rp-{esc(spec.id)}">')
        parts.append(f"<h3>{number}. {esc(spec.heading)}</h3>")
        if not items:
            parts.append('<p class="rp-missing">Nothing drafted for this section yet.</p></section>')
            continue
        if spec.shape == "parts" and spec.parts:
            counter = 0
            for part in spec.parts:
                part_items = [i for i in items if i.get("part") == part.id]
                if not part_items:
                    continue
                parts.append(f"<h4>{esc(part.heading)}</h4>")
                for item in part_items:
                    counter += 1
                    parts.append(_item(item, counter))
            others = [i for i in items if i.get("part") not in {p.id for p in spec.parts}]
            for item in others:
                counter += 1
                parts.append(_item(item, counter))
        elif spec.shape == "paragraph":
            for item in items:
                parts.append(_item(item, None))
        else:
            for index, item in enumerate(items, 1):
                parts.append(_item(item, index))
        parts.append("</section>")
    parts.append("</div>")
    return "".join(parts)


def coverage_rows(draft: Mapping[str, Any], template: Template) -> list[dict[str, Any]]:
    """Per section: items drafted, the form's limits, grounded count, and a status word."""
    sections = _sections_by_id(draft)
    rows = []
    for spec in template.sections:
        items = list((sections.get(spec.id) or {}).get("items") or [])
        count = len(items)
        if count == 0:
            status = "missing"
        elif count < spec.min_items:
            status = "too few"
        elif count > spec.max_items:
            status = "too many"
        else:
            status = "ok"
        grounded = sum(1 for i in items if i.get("grounded") is True)
        rows.append({"id": spec.id, "section": spec.short, "items": count,
                     "limits": f"{spec.min_items}–{spec.max_items}", "grounded": grounded, "status": status})
    return rows


def _check_messages(checks: Any) -> list[str]:
    """Readable messages found in a check report's JSON (lists of strings or of dicts)."""
    messages: list[str] = []
    if not isinstance(checks, Mapping):
        return messages
    for key in ("problems", "issues", "warnings", "messages"):
        for entry in checks.get(key) or []:
            if isinstance(entry, str):
                messages.append(entry)
            elif isinstance(entry, Mapping):
                text = entry.get("message") or entry.get("text") or entry.get("reason")
                if text:
                    messages.append(str(text))
    coverage = checks.get("coverage")
    if isinstance(coverage, Mapping):
        messages.extend(_check_messages(coverage))
    return messages


def coverage_html(draft: Mapping[str, Any], template: Template) -> str:
    """Coverage summary: sections filled against the form's limits, grounding, header gaps."""
    rows = coverage_rows(draft, template)
    filled = sum(1 for r in rows if r["items"])
    total_items = sum(r["items"] for r in rows)
    grounded = sum(r["grounded"] for r in rows)
    header = draft.get("header") or {}
    missing_header = [label for key, label in HEADER_LABELS if not str(header.get(key) or "").strip()]
    ok = filled == len(rows) and all(r["status"] == "ok" for r in rows) and grounded == total_items
    headline = (
        f"{filled} of {len(rows)} sections filled · {grounded} of {total_items} items grounded in the notes"
    )
    cells = "".join(
        f'<tr><td>{esc(r["section"])}</td><td>{r["items"]}</td><td>{esc(r["limits"])}</td>'
        f'<td>{r["grounded"]}</td><td><span class="rp-status rp-cov-{esc(r["status"].replace(" ", "-"))}">'
        f'{esc(r["status"])}</span></td></tr>'
        for r in rows
    )
    parts = [
        f'<div class="rp-coverage"><div class="rp-notice rp-{"ok" if ok else "warn"}">{esc(headline)}</div>',
        '<table class="rp-table"><thead><tr><th>Section</th><th>Items</th><th>Form asks</th>'
        f"<th>Grounded</th><th>Status</th></tr></thead><tbody>{cells}</tbody></table>",
    ]
    if missing_header:
        parts.append(f'<p class="rp-missing">Header fields missing: {esc(", ".join(missing_header))}.</p>')
    messages = _check_messages(draft.get("checks"))
    if messages:
        parts.append("<ul class='rp-checks'>" + "".join(f"<li>{esc(m)}</li>" for m in messages) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def notes_html(lines: Sequence[Any]) -> str:
    """The numbered note lines the evidence refers to."""
    if not lines:
        return ""
    rows = []
    for number, line in enumerate(lines, 1):
        if isinstance(line, Mapping):
            number = line.get("line", line.get("number", number))
            line = line.get("text", "")
        rows.append(f'<li><span class="rp-line">{esc(number)}</span> {esc(line)}</li>')
    return f'<ol class="rp-notes">{"".join(rows)}</ol>'


def item_choices(draft: Mapping[str, Any], template: Template) -> list[tuple[str, str]]:
    """(label, "section_id:index") for every item, for the item-to-edit selector."""
    choices = []
    shorts = {spec.id: spec.short for spec in template.sections}
    for section in draft.get("sections") or []:
        sid = str(section.get("id"))
        for index, item in enumerate(section.get("items") or []):
            text = " ".join(str(item.get("text") or "").split())
            snippet = text[:70] + ("…" if len(text) > 70 else "")
            choices.append((f"{shorts.get(sid, sid)} {index + 1}: {snippet}", f"{sid}:{index}"))
    return choices
