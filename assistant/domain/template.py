"""The outcome form as data: loads `templates/*.toml` into a typed `Template`.

A template lists the header fields and the sections of one version of the official form, with
stable ids, headings (years are placeholders), item limits, the patterns that recognise the
heading in real documents, and a plain description of what belongs in each section.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.errors import ConfigError, NotFoundError

TEMPLATES_DIR = Path(__file__).parent / "templates"
DEFAULT_TEMPLATE = "wsis-2024"


@dataclass(frozen=True)
class Part:
    """A sub-part of a section (the four parts of the WSIS+20 views)."""

    id: str
    heading: str
    description: str


@dataclass(frozen=True)
class SectionSpec:
    """One section of the form: id, heading, shape and item limits."""

    id: str
    heading: str
    short: str
    shape: str  # "bullets" | "parts" | "paragraph"
    min_items: int
    max_items: int
    match: tuple[re.Pattern[str], ...]
    description: str
    parts: tuple[Part, ...] = ()
    propose_from: str = ""  # a section whose items seed a proposal when the notes give this one nothing
    proposal_lead: str = ""  # how that proposal opens (it says it is the rapporteur's, to confirm)

    def matches_heading(self, text: str) -> bool:
        """True when a cleaned heading line names this section."""
        return any(pattern.search(text) for pattern in self.match)

    def part(self, part_id: str) -> Part | None:
        """Return the part with this id, if the section has it."""
        return next((p for p in self.parts if p.id == part_id), None)


@dataclass(frozen=True)
class HeaderField:
    """A header field of the form (title, organisers, date, url)."""

    id: str
    label: str


@dataclass(frozen=True)
class Template:
    """A version of the Session Outcome Document form."""

    id: str
    title: str
    forum_year: int
    header: tuple[HeaderField, ...]
    sections: tuple[SectionSpec, ...] = field(default_factory=tuple)

    def section(self, section_id: str) -> SectionSpec:
        """Return the section spec with this id; KeyError names the valid ids."""
        for spec in self.sections:
            if spec.id == section_id:
                return spec
        valid = ", ".join(s.id for s in self.sections)
        raise NotFoundError(f"unknown section {section_id!r}; valid sections: {valid}")

    @property
    def section_ids(self) -> list[str]:
        """Section ids in form order."""
        return [s.id for s in self.sections]

    def heading(self, section_id: str) -> str:
        """The official heading of a section."""
        return self.section(section_id).heading


def available_templates() -> list[str]:
    """Names of the outcome forms shipped with the package: the files that hold sections or extend
    a form (the folder also keeps vocabularies and weights, which are data, not forms)."""
    forms = []
    for path in TEMPLATES_DIR.glob("*.toml"):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        if "sections" in raw or "extends" in raw:
            forms.append(path.stem)
    return sorted(forms)


def _read_raw(path: Path, depth: int = 0) -> dict:
    """Read a template file; `extends = "NAME"` starts from another form and overrides its keys."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    base_name = raw.pop("extends", None)
    if base_name is None:
        return raw
    base_path = TEMPLATES_DIR / f"{base_name}.toml"
    if depth > 4 or not base_path.is_file():
        raise ConfigError(f"{path.name}: extends unknown or circular template {base_name!r}")
    return {**_read_raw(base_path, depth + 1), **raw}


def template_for_year(year: int | None, default: str = DEFAULT_TEMPLATE) -> Template:
    """The form of a given Forum year when the package ships one (`wsis-YEAR`), else `default`."""
    if year is not None and f"wsis-{year}" in available_templates():
        return load_template(f"wsis-{year}")
    return load_template(default)


@lru_cache(maxsize=8)
def load_template(name: str = DEFAULT_TEMPLATE) -> Template:
    """Load and validate a template by name (file stem in `assistant/templates`)."""
    path = TEMPLATES_DIR / f"{name}.toml"
    if not path.is_file():
        raise ConfigError(
            f"no outcome template named {name!r}; available: {', '.join(available_templates())}"
        )
    raw = _read_raw(path)
    years = {
        "forum_year": raw["forum_year"],
        "beyond_year": raw.get("beyond_year", raw["forum_year"] + 1),
        "next_forum_year": raw.get("next_forum_year", raw["forum_year"] + 1),
    }
    sections = []
    for entry in raw["sections"]:
        if entry["shape"] not in {"bullets", "parts", "paragraph"}:
            raise ConfigError(f"{path.name}: section {entry['id']} has unknown shape {entry['shape']}")
        if not 1 <= entry["min_items"] <= entry["max_items"]:
            raise ConfigError(f"{path.name}: section {entry['id']} has invalid limits")
        sections.append(
            SectionSpec(
                id=entry["id"],
                heading=entry["heading"].format(**years),
                short=entry["short"],
                shape=entry["shape"],
                min_items=entry["min_items"],
                max_items=entry["max_items"],
                match=tuple(re.compile(p, re.IGNORECASE) for p in entry["match"]),
                description=entry["description"],
                parts=tuple(Part(**part) for part in entry.get("parts", [])),
                propose_from=entry.get("propose_from", ""),
                proposal_lead=entry.get("proposal_lead", ""),
            )
        )
    return Template(
        id=raw["id"],
        title=raw["title"],
        forum_year=raw["forum_year"],
        header=tuple(HeaderField(**h) for h in raw["header"]),
        sections=tuple(sections),
    )
