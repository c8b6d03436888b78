"""Saves every draft as JSON in RAPPORTEUR_HOME/drafts, so no work is lost between sessions.

Writes are atomic (a temporary file renamed into place), so a crash mid-save leaves the previous
version intact. Draft ids are checked before they touch the file system.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from assistant.atomic_files import atomic_write_text
from assistant.config import Settings
from assistant.drafting.draft import Draft
from assistant.errors import InputError, NotFoundError

DRAFT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$")


class DraftNotFoundError(NotFoundError):
    """No saved draft has this id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "draft not found"


class DraftStore:
    """The folder of saved drafts: save, load by id, list the most recent."""

    def __init__(self, settings: Settings) -> None:
        self.folder = settings.drafts_path

    def path_for(self, draft_id: str) -> Path:
        """The file of a draft id (ValueError for an id that is not a plain name)."""
        if not DRAFT_ID.match(draft_id or ""):
            raise InputError(f"invalid draft id {draft_id!r}: use letters, digits, '-' and '_' only")
        return self.folder / f"{draft_id}.json"

    def save(self, draft: Draft) -> Path:
        """Write the draft atomically and return its path."""
        payload = json.dumps(draft.to_json(), ensure_ascii=False, indent=1)
        return atomic_write_text(self.path_for(draft.id), payload)

    def load(self, draft_id: str) -> Draft:
        """Read a saved draft (DraftNotFoundError when there is none, InputError when it is damaged)."""
        path = self.path_for(draft_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise DraftNotFoundError(
                f"no saved draft with id {draft_id!r} in {self.folder}; see the recent drafts list"
            ) from exc
        except json.JSONDecodeError as exc:
            raise InputError(f"the saved draft {path.name} is damaged ({exc})") from exc
        return Draft.from_json(data)

    def recent(self, n: int = 20) -> list[dict[str, Any]]:
        """The `n` most recently updated drafts: id, title, updated, engine (newest first)."""
        rows: list[dict[str, Any]] = []
        if not self.folder.is_dir():
            return rows
        for path in self.folder.glob("*.json"):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
            rows.append({
                "id": str(data.get("id", path.stem)),
                "title": str(data.get("header", {}).get("title", "")),
                "updated": str(data.get("updated", "")),
                "engine": str(data.get("engine", "")),
            })
        rows.sort(key=lambda r: (r["updated"], r["id"]), reverse=True)
        return rows[: max(0, n)]
