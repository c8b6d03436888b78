"""HTML views of a draft: the official form with evidence and verdicts, and a coverage summary.

Both read the draft's JSON form (`Draft.to_json()`), the structure exports and evals also use,
and the outcome template for headings, parts and item limits. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assistant.domain.section_limits import judge_count
from assistant.domain.template import Template
from assistant.ui.render import esc, plural

HEADER_LABELS = (("title", "Title"), ("organisers", "Organisers"), ("date", "Date"), ("url", "URL"))
TAG_LABELS = (("action_lines", "WSIS Action Lines"), ("sdgs", "SDGs"))
PLACEHOLDER_FIELD = "[to be completed]"
NO_MATERIAL_FLAG = "no_material"


def _filled(value: object) -> bool:
    text = str(value or "").strip()
    return bool(text) and PLACEHOLDER_FIELD not in text


def _verdicts(draft: Mapping[str, Any]) -> dict[tuple[str, int], Mapping[str, Any]]:
    """Grounding verdicts of the check report by (section id, item index)."""
    checks = draft.get("checks") or {}
    grounding = checks.get("grounding") if isinstance(checks, Mapping) else None
    out: dict[tuple[str, int], Mapping[str, Any]] = {}
    for entry in (grounding or {}).get("items") or []:
        try:
            out[(str(entry["section"]), int(entry["index"]))] = entry
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _sections_by_id(draft: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(s.get("id")): s for s in draft.get("sections") or []}


def _verdict(item: Mapping[str, Any], check: Mapping[str, Any] | None) -> str:
    grounded = item.get("grounded")
    if grounded is True:
        badge = '<span class="rp-badge rp-ok" title="Every claim was found in the notes">grounded</span>'
    elif grounded is False:
        badge = '<span class="rp-badge rp-warn" title="Check this item against the notes">check</span>'
    else:
        badge = '<span class="rp-badge rp-muted">not checked</span>'
    flags = "".join(f'<span class="rp-flag">{esc(f)}</span>' for f in item.get("flags") or [])
    detail = ""
    if check and grounded is False:
        missing = [str(m) for m in check.get("missing") or []]
        reason = str(check.get("reason") or "")
        absent = f"not in the notes: {', '.join(missing)}" if missing else ""
        text = "; ".join(x for x in (reason, absent) if x)
        if text:
            detail = f'<span class="rp-why">{esc(text)}</span>'
    return badge + flags + detail


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


def _item(item: Mapping[str, Any], number: int | None, check: Mapping[str, Any] | None = None) -> str:
    if NO_MATERIAL_FLAG in (item.get("flags") or []):
        return f'<div class="rp-item rp-missing">{esc(item.get("text"))}</div>'
    label = f'<span class="rp-num">{number}.</span> ' if number is not None else ""
    return (
        f'<div class="rp-item"><div class="rp-item-text">{label}{esc(item.get("text"))}</div>'
        f'<div class="rp-item-meta">{_verdict(item, check)}</div>{_evidence(item)}</div>'
    )


def draft_html(draft: Mapping[str, Any], template: Template) -> str:
    """The draft laid out like the official form, each item with its verdict and note lines."""
    header = draft.get("header") or {}
    rows = []
    for key, label in HEADER_LABELS:
        value = str(header.get(key) or "").strip()
        shown = esc(value) if _filled(value) else '<span class="rp-missing">to be completed</span>'
        rows.append(f"<tr><th>{label}</th><td>{shown}</td></tr>")
    for key, label in TAG_LABELS:  # suggested from the notes; empty when nothing was close enough
        value = str(header.get(key) or "").strip()
        shown = esc(value) if value else '<span class="rp-missing">none suggested</span>'
        rows.append(f"<tr><th>{label}</th><td>{shown}</td></tr>")
    parts = [
        f'<div class="rp-form"><h2>{esc(template.title)}</h2>',
        f'<table class="rp-header">{"".join(rows)}</table>',
    ]
    template = _form_of(draft, template)
    sections = _sections_by_id(draft)
    verdicts = _verdicts(draft)
    for number, spec in enumerate(template.sections, 1):
        section = sections.get(spec.id)
        items = list(section.get("items") or []) if section else []
        checks = {id(item): verdicts.get((spec.id, index)) for index, item in enumerate(items)}
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
                    parts.append(_item(item, counter, checks[id(item)]))
            others = [i for i in items if i.get("part") not in {p.id for p in spec.parts}]
            for item in others:
                counter += 1
                parts.append(_item(item, counter, checks[id(item)]))
        elif spec.shape == "paragraph":
            for item in items:
                parts.append(_item(item, None, checks[id(item)]))
        else:
            for index, item in enumerate(items, 1):
                parts.append(_item(item, index, checks[id(item)]))
        parts.append("</section>")
    parts.append("</div>")
    return "".join(parts)


def coverage_rows(draft: Mapping[str, Any], template: Template) -> list[dict[str, Any]]:
    """Per section: items drafted, the form's limits, grounded count, a status word, problems.

    Counts and problems come from the draft's check report when it has one (placeholder items
    for sections without material do not count); otherwise they are counted from the items.
    """
    sections = _sections_by_id(draft)
    found = draft.get("checks")
    checks: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    reported = {str(c.get("id")): c for c in ((checks.get("coverage") or {}).get("sections") or [])}
    rows = []
    for spec in template.sections:
        items = [i for i in (sections.get(spec.id) or {}).get("items") or []
                 if NO_MATERIAL_FLAG not in (i.get("flags") or [])]
        entry = reported.get(spec.id, {})
        count = int(entry.get("items", len(items)))
        status = judge_count(spec, count).status
        if status == "ok" and entry.get("shape_ok") is False:
            status = "check shape"
        grounded = sum(1 for i in items if i.get("grounded") is True)
        rows.append({"id": spec.id, "section": spec.short, "items": count,
                     "limits": f"{spec.min_items}–{spec.max_items}", "grounded": grounded, "status": status,
                     "problems": [str(p) for p in entry.get("problems") or []]})
    return rows


def coverage_html(draft: Mapping[str, Any], template: Template) -> str:
    """Coverage summary: sections filled against the form's limits, grounding, header gaps."""
    rows = coverage_rows(draft, template)
    filled = sum(1 for r in rows if r["items"])
    total_items = sum(r["items"] for r in rows)
    grounded = sum(r["grounded"] for r in rows)
    header = draft.get("header") or {}
    missing_header = [label for key, label in HEADER_LABELS if not _filled(header.get(key))]
    ok = not missing_header and all(r["status"] == "ok" for r in rows) and grounded == total_items
    headline = (
        f"{filled} of {len(rows)} sections filled · {grounded} of {plural(total_items, 'item')} grounded "
        "in the notes"
    )
    cells = "".join(
        f'<tr><td>{esc(r["section"])}'
        + (f'<div class="rp-problems">{esc("; ".join(r["problems"]))}</div>' if r["problems"] else "")
        + f'</td><td>{r["items"]} <span class="rp-muted">({esc(r["limits"])})</span></td>'
        f'<td>{r["grounded"]}</td><td><span class="rp-status rp-cov-{esc(r["status"].replace(" ", "-"))}">'
        f'{esc(r["status"])}</span></td></tr>'
        for r in rows
    )
    # four narrow columns (problems sit under the section name) so the table fits a phone
    parts = [
        f'<div class="rp-coverage"><div class="rp-notice rp-{"ok" if ok else "warn"}">{esc(headline)}</div>',
        '<table class="rp-table rp-cov"><thead><tr><th>Section</th><th>Items <span class="rp-muted">'
        f"(form asks)</span></th><th>Grounded</th><th>Status</th></tr></thead><tbody>{cells}</tbody></table>",
    ]
    if missing_header:
        parts.append(
            f'<p class="rp-missing">Header fields to complete: {esc(", ".join(missing_header))}.</p>'
        )
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


def _form_of(draft: Mapping[str, Any], default: Template) -> Template:
    """The form the draft was made in (its Forum year's headings), else the app's default form."""
    from assistant.domain.template import available_templates, load_template

    template_id = draft.get("template_id")
    if isinstance(template_id, str) and template_id in available_templates():
        return load_template(template_id)
    return default
