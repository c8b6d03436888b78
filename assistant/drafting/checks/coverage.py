"""Coverage of a draft: every header field and section of the form is present, within limits and shape."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.domain.document import Item, OutcomeDocument
from assistant.domain.section_limits import judge_count
from assistant.domain.template import Template

PLACEHOLDER_ITEM = "[No material in the notes for this section]"
PLACEHOLDER_FIELD = "[to be completed]"


@dataclass
class SectionCoverage:
    """How one section of the form is filled."""

    id: str
    present: bool
    items: int
    min_items: int
    max_items: int
    filled: bool
    within_limits: bool
    shape_ok: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class CoverageReport:
    """Coverage of a whole document: header fields and every section."""

    sections: list[SectionCoverage]
    missing_header: list[str]

    @property
    def ok(self) -> bool:
        """True when every header field is filled and every section is filled within limits."""
        return not self.missing_header and all(
            s.present and s.filled and s.within_limits and s.shape_ok for s in self.sections
        )

    @property
    def problems(self) -> list[str]:
        """Every coverage problem as a sentence."""
        out = [f"header field '{f}' is to be completed" for f in self.missing_header]
        for section in self.sections:
            out += [f"{section.id}: {p}" for p in section.problems]
        return out

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {
            "ok": self.ok,
            "missing_header": self.missing_header,
            "sections": [asdict(s) for s in self.sections],
            "problems": self.problems,
        }


def is_placeholder(item: Item) -> bool:
    """True for the marker item of a section the notes could not fill."""
    return item.text.strip() == PLACEHOLDER_ITEM or "no_material" in item.flags


def check_coverage(document: OutcomeDocument, template: Template) -> CoverageReport:
    """Check header fields, presence, limits and shape of every section of the form."""
    header = document.header.model_dump()
    missing_header = [
        f.id for f in template.header
        if not str(header.get(f.id, "")).strip() or PLACEHOLDER_FIELD in str(header.get(f.id, ""))
    ]
    sections = []
    for spec in template.sections:
        section = document.section(spec.id)
        items = [i for i in (section.items if section else []) if i.text.strip()]
        real = [i for i in items if not is_placeholder(i)]
        problems: list[str] = []
        if section is None:
            problems.append("section missing")
        elif not real:
            problems.append("no material in the notes for this section")
        elif any("proposal" in i.flags for i in real):
            problems.append("the notes state none: this is the rapporteur's proposal, to be confirmed")
        judged = judge_count(spec, len(real))
        within = judged.within
        problems += judged.problems
        shape_ok = True
        if spec.shape == "paragraph" and len(items) > 1:
            shape_ok = False
            problems.append("must be one paragraph")
        if spec.shape == "parts":
            valid = {p.id for p in spec.parts}
            bad = [i.part for i in real if i.part not in valid]
            if bad:
                shape_ok = False
                problems.append(f"items without a valid part: {', '.join(str(b) for b in bad)}")
        if spec.shape == "bullets" and any(len(i.text) > 900 for i in real):
            shape_ok = False
            problems.append("a bullet is longer than 900 characters")
        sections.append(SectionCoverage(
            id=spec.id, present=section is not None, items=len(real), min_items=spec.min_items,
            max_items=spec.max_items, filled=bool(real), within_limits=within or not real,
            shape_ok=shape_ok, problems=problems,
        ))
    return CoverageReport(sections=sections, missing_header=missing_header)
