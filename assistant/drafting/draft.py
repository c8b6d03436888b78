"""A drafted outcome document as saved: the document, the notes it came from, its checks, and how
it was made; with the JSON codec that the store, the exports and the UI share."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from assistant.domain.document import Evidence, Header, Item, OutcomeDocument, Section
from assistant.drafting.checks import PLACEHOLDER_FIELD, CheckReport
from assistant.drafting.notes import Notes, read_notes
from assistant.errors import InputError


def now_iso() -> str:
    """The current UTC time, to the second, as draft timestamps are written."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_draft_id() -> str:
    """A sortable, unique draft id: UTC time plus a random suffix."""
    return f"{datetime.now(UTC):%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


@dataclass
class Draft:
    """A drafted outcome document with the notes it came from, its checks and how it was made."""

    id: str
    document: OutcomeDocument
    notes: Notes
    checks: CheckReport
    engine: str
    seconds: float
    created: str
    updated: str

    def to_json(self) -> dict[str, Any]:
        """The draft as JSON: header, sections with evidence, checks, engine and numbered notes."""
        return {
            "id": self.id,
            "header": self.document.header.model_dump(),
            "sections": [
                {
                    "id": section.id,
                    "heading": section.heading,
                    "items": [
                        {
                            "text": item.text,
                            "part": item.part,
                            "evidence": [
                                {"line": e.line, "text": e.text, "kind": e.kind} for e in item.evidence
                            ],
                            "grounded": bool(item.grounded),
                            "flags": list(item.flags),
                        }
                        for item in section.items
                    ],
                }
                for section in self.document.sections
            ],
            "checks": self.checks.to_json(),
            "engine": self.engine,
            "notes": self.notes.to_json(),
            "ignored_instructions": self.notes.ignored_instructions,
            "template_id": self.document.template_id,
            "seconds": round(self.seconds, 3),
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        """Rebuild a draft saved with `to_json` (the notes are read again from their lines)."""
        try:
            lines = [str(entry["text"]) for entry in data["notes"]]
            notes = read_notes("\n".join(lines))
            sections = [
                Section(
                    id=s["id"], heading=s.get("heading", ""),
                    items=[
                        Item(
                            text=i["text"], part=i.get("part"),
                            evidence=[
                                Evidence(line=int(e["line"]), text=e["text"], kind=str(e.get("kind", "")))
                                for e in i["evidence"]
                            ],
                            grounded=None if "no_material" in i.get("flags", []) else i.get("grounded"),
                            flags=list(i.get("flags", [])),
                        )
                        for i in s["items"]
                    ],
                )
                for s in data["sections"]
            ]
            document = OutcomeDocument(
                header=Header(**data.get("header", {})), sections=sections,
                template_id=data.get("template_id", "wsis-2024"),
            )
            return cls(
                id=str(data["id"]), document=document, notes=notes,
                checks=CheckReport.from_json(data.get("checks", {})), engine=str(data.get("engine", "")),
                seconds=float(data.get("seconds", 0.0)), created=str(data.get("created", "")),
                updated=str(data.get("updated", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"not a saved draft ({type(exc).__name__}: {exc})") from exc

    @property
    def title(self) -> str:
        """The session title, or a placeholder."""
        return self.document.header.title or PLACEHOLDER_FIELD
