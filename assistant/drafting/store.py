"""Saves every draft as JSON in RAPPORTEUR_HOME/drafts, so no work is lost between sessions.

Writes are atomic (a temporary file renamed into place), so a crash mid-save leaves the previous
version intact. Draft ids are checked before they touch the file system. Each file may carry the
user name of its owner (`"owner"`, beside the draft's own fields); a save without an owner keeps
the one already on file. Who may see which draft is decided by the app (assistant.ui.draft_access).
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

    def save(self, draft: Draft, owner: str | None = None) -> Path:
        """Write the draft atomically and return its path (owner: kept from the file when None)."""
        data = draft.to_json()
        owner = owner if owner is not None else self.owner_of(draft.id)
        if owner is not None:
            data["owner"] = owner
        return atomic_write_text(self.path_for(draft.id), json.dumps(data, ensure_ascii=False, indent=1))

    def owner_of(self, draft_id: str) -> str | None:
        """The owner recorded in a saved draft's file (None: no file, or saved before owners)."""
        try:
            data = json.loads(self.path_for(draft_id).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None
        owner = data.get("owner") if isinstance(data, dict) else None
        return str(owner) if isinstance(owner, str) and owner else None

    def adopt_unowned(self, owner: str) -> list[str]:
        """Record `owner` in every saved draft that has none (drafts from before owners); their ids."""
        adopted: list[str] = []
        if not self.folder.is_dir():
            return adopted
        for path in sorted(self.folder.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
            if not isinstance(data, dict) or data.get("owner") or not DRAFT_ID.match(path.stem):
                continue
            data["owner"] = owner
            atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1))
            adopted.append(path.stem)
        return adopted

    def load(self, draft_id: str) -> Draft:
        """Read a saved draft (DraftNotFoundError when there is none, InputError when it is damaged)."""
        path = self.path_for(draft_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise DraftNotFoundError(
                f"no saved draft with id {draft_id!r}; see the recent drafts list"
            ) from exc
        except json.JSONDecodeError as exc:
            raise InputError(f"the saved draft {path.name} is damaged ({exc})") from exc
        return Draft.from_json(data)

    def recent(self, n: int = 20, owner: str | None = None) -> list[dict[str, Any]]:
        """The `n` most recently updated drafts: id, title, updated, engine, owner (newest first).

        With `owner`, only the drafts that user owns.
        """
        rows: list[dict[str, Any]] = []
        if not self.folder.is_dir():
            return rows
        for path in self.folder.glob("*.json"):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
            if not isinstance(data, dict):
                continue
            if owner is not None and data.get("owner") != owner:
                continue
            rows.append({
                "id": str(data.get("id", path.stem)),
                "title": str(data.get("header", {}).get("title", "")),
                "updated": str(data.get("updated", "")),
                "engine": str(data.get("engine", "")),
                "owner": str(data.get("owner") or ""),
            })
        rows.sort(key=lambda r: (r["updated"], r["id"]), reverse=True)
        return rows[: max(0, n)]
