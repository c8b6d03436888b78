"""Who may see which saved draft on a server shared by several users.

With login on, every draft belongs to the user who made it: only that user finds it in Recent
drafts and may open, edit, regenerate or download it. Admins are no exception unless the operator
sets RAPPORTEUR_SHARED_DRAFTS=true, in which case admins see every draft (to help a colleague or
clean up). Without login (a single-user desk app) there is one user, who sees everything.

Drafts saved before drafts had owners (and drafts the CLI writes, which has no user) belong to
the "legacy owner": RAPPORTEUR_DRAFTS_OWNER when set, else the first admin in alphabetical order,
else the name `local`. `rapporteur serve` records that owner in those files when it starts.
A draft someone may not see is reported exactly like a draft that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.config import Settings
from assistant.errors import NotFoundError
from assistant.ui.auth import AccessPolicy

LOCAL_OWNER = "local"


class DraftHidden(NotFoundError):
    """The draft does not exist or belongs to someone else (the message does not say which)."""


@dataclass(frozen=True)
class DraftAccess:
    """The ownership rules of one server."""

    policy: AccessPolicy
    shared: bool
    legacy_owner: str

    @classmethod
    def from_settings(cls, settings: Settings, policy: AccessPolicy) -> DraftAccess:
        """Rules from RAPPORTEUR_SHARED_DRAFTS, RAPPORTEUR_DRAFTS_OWNER and the admin list."""
        legacy = (settings.drafts_owner or "").strip()
        if not legacy:
            legacy = sorted(policy.admins)[0] if policy.admins else LOCAL_OWNER
        return cls(policy=policy, shared=bool(settings.shared_drafts), legacy_owner=legacy)

    def owner_name(self, username: str | None) -> str:
        """The owner recorded for a draft this user makes."""
        return username if self.policy.login_required and username else LOCAL_OWNER

    def sees_all(self, username: str | None) -> bool:
        """Whether this user sees every draft (no login, or an admin in shared mode)."""
        if not self.policy.login_required:
            return True
        return self.shared and username is not None and username in self.policy.admins

    def may_use(self, owner: str | None, username: str | None) -> bool:
        """Whether this user may open, edit, regenerate and download a draft with this owner."""
        if self.sees_all(username):
            return True
        return username is not None and (owner or self.legacy_owner) == username

    def check(self, store: Any, draft_id: str, username: str | None) -> None:
        """DraftHidden unless the user may use this draft (checked before it is loaded)."""
        store.path_for(draft_id)  # InputError for an id that is not a plain name
        if not self.may_use(store.owner_of(draft_id), username):
            raise DraftHidden(f"no saved draft with id {draft_id!r}; see the recent drafts list")

    def recent(self, store: Any, username: str | None, n: int = 20) -> list[dict[str, Any]]:
        """The user's `n` most recent drafts (every user's, for those who see all), newest first."""
        rows = store.recent(1_000_000)
        mine = [row for row in rows if self.may_use(row.get("owner") or None, username)]
        return mine[: max(0, n)]
