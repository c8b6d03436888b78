"""The outcome document as data: header, sections, items, and the evidence an item came from.

Parsed corpus documents and generated drafts share these types, so checks, exports, the UI and
the evaluation suite all read one structure.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

YEAR_PATTERN = re.compile(r"\b(20[0-9]{2})\b")


class Evidence(BaseModel):
    """A source line an item was drawn from: a note line number (1-based), its text and its kind."""

    line: int
    text: str
    kind: str = ""  # what the notes reader made of the line: content, hint, noise, injection, speaker…


class Item(BaseModel):
    """One bullet or paragraph of a section; `part` names a sub-part (wsis_views only)."""

    text: str
    part: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    grounded: bool | None = None
    flags: list[str] = Field(default_factory=list)


class Section(BaseModel):
    """A section of the form, identified by the template's stable section id."""

    id: str
    heading: str
    items: list[Item] = Field(default_factory=list)


class Header(BaseModel):
    """The fields above the first section: session title, organisers, date/time and session URL."""

    title: str = ""
    organisers: str = ""
    date: str = ""
    url: str = ""
    # Not fields of the official form: the WSIS Action Lines and SDGs a draft suggests from its notes
    # ("C5, C7 e-health" / "SDG 4, SDG 5"), for the rapporteur to keep, edit or clear.
    action_lines: str = ""
    sdgs: str = ""


class OutcomeDocument(BaseModel):
    """A Session Outcome Document: header plus the sections that were found, in form order."""

    header: Header = Field(default_factory=Header)
    sections: list[Section] = Field(default_factory=list)
    template_id: str = "wsis-2024"
    doc_id: str = ""
    source: str = ""

    def section(self, section_id: str) -> Section | None:
        """Return the section with this id, or None when the document lacks it."""
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    @property
    def year(self) -> int | None:
        """The session year, read from the date, else the URL, else the source file name."""
        for text in (self.header.date, self.header.url, self.source):
            match = YEAR_PATTERN.search(text or "")
            if match:
                return int(match.group(1))
        return None

    @property
    def section_ids(self) -> list[str]:
        """Ids of the sections present, in document order."""
        return [section.id for section in self.sections]
