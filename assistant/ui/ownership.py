"""Who owns what in Gradio's cache and queue: uploaded files, download folders, sessions and events.

Gradio keys its per-browser state on ids the browser sends (a session hash, an event id) and serves
any file in its cache to anyone who names its path. On a server shared by a team that is not
enough, so the app keeps its own record of owners, in memory (a restart clears the cache anyway):

* `FileOwners`: the users who put a file into the upload cache (two users who upload identical
  files share one cache path, so a path may have several owners, each counted once per upload).
  A user may read, and the app may delete, only a file that user uploaded; the file is removed
  when its last upload has been read.
* `owner_key` and `export_folder`: a user's download folders are named after a keyed digest of
  the user name, so the guard can tell whose a download is from its path alone.
* `SessionOwners`: the user who first used a session hash or event id; another user naming it
  is refused.

Both registries are bounded: the least recently used entries are dropped first.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from collections import OrderedDict
from pathlib import Path

LOCAL_USER = "local user"  # the one user of an app without login
MAX_FILES = 50_000
MAX_SESSIONS = 100_000
_SALT = secrets.token_bytes(32)  # per process: folder names cannot be worked out from a user name


def _digest(*parts: str, size: int = 20) -> str:
    message = "\x00".join(parts).encode("utf-8", "surrogatepass")
    return hmac.new(_SALT, message, hashlib.sha256).hexdigest()[:size]


def owner_key(user: str | None) -> str:
    """The part of a download folder's name that says whose it is (no user name in it)."""
    return _digest("owner", user or LOCAL_USER)


def export_folder(root: Path, user: str | None, name: str) -> Path:
    """The download folder of one thing (a draft id, the evaluation report) for one user."""
    key = owner_key(user)
    return root / f"{key}-{_digest('folder', key, name)}"


def owns_export(root: Path, path: Path, user: str | None) -> bool:
    """Whether `path` (resolved) lies in one of this user's download folders under `root`."""
    try:
        relative = path.relative_to(root.resolve())
    except ValueError:
        return False
    return len(relative.parts) >= 2 and relative.parts[0].startswith(owner_key(user) + "-")


class FileOwners:
    """Uploaded files in the cache and the users who uploaded them (with a count per upload)."""

    def __init__(self, limit: int = MAX_FILES) -> None:
        self._owners: OrderedDict[str, dict[str, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._limit = limit

    @staticmethod
    def _key(path: str | Path) -> str:
        return os.path.realpath(str(path))

    def record(self, path: str | Path, user: str | None) -> None:
        """Count one upload of this file by this user."""
        key, who = self._key(path), user or LOCAL_USER
        with self._lock:
            counts = self._owners.setdefault(key, {})
            counts[who] = counts.get(who, 0) + 1
            self._owners.move_to_end(key)
            while len(self._owners) > self._limit:
                self._owners.popitem(last=False)

    def owns(self, path: str | Path, user: str | None) -> bool:
        """Whether this user uploaded this file (and has not finished with every copy of it)."""
        with self._lock:
            return (user or LOCAL_USER) in self._owners.get(self._key(path), {})

    def release(self, path: str | Path, user: str | None) -> bool:
        """Count one upload of the file as read; True when no upload of it is left (delete it now)."""
        key, who = self._key(path), user or LOCAL_USER
        with self._lock:
            counts = self._owners.get(key)
            if counts is None:
                return True
            if who in counts:
                counts[who] -= 1
                if counts[who] <= 0:
                    del counts[who]
            if counts:
                return False
            del self._owners[key]
            return True


class SessionOwners:
    """The user each Gradio session hash or event id belongs to (the first user who named it)."""

    def __init__(self, limit: int = MAX_SESSIONS) -> None:
        self._owners: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        self._limit = limit

    def claim(self, ident: str, user: str | None) -> bool:
        """Bind an id to this user unless another user holds it; False when another user does."""
        who = user or LOCAL_USER
        with self._lock:
            holder = self._owners.get(ident)
            if holder is not None and holder != who:
                return False
            self._owners[ident] = who
            self._owners.move_to_end(ident)
            while len(self._owners) > self._limit:
                self._owners.popitem(last=False)
            return True
