"""The audit log of a served app: who logged in, uploaded, deleted or evaluated, and when.

`rapporteur serve` writes one line per event to RAPPORTEUR_HOME/logs/audit.log (rotated at 5 MB,
five old files kept), each stamped with the UTC time:

    2026-12-01T14:03:07Z login-failed user='alice' address=127.0.0.1

User names and file names are quoted and cut to 80 characters, and control characters are
removed, so a crafted name cannot forge a line. Passwords are never passed here.
"""

from __future__ import annotations

import logging
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path

AUDIT_LOGGER = "rapporteur.audit"
AUDIT_FILE = "audit.log"
_log = logging.getLogger(AUDIT_LOGGER)


def configure_audit_log(folder: Path) -> Path:
    """Send audit events to folder/audit.log (once per process and folder); returns the file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / AUDIT_FILE
    for handler in _log.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path.resolve():
            return path
    handler = RotatingFileHandler(path, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8")
    formatter = logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%SZ")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    _log.addHandler(handler)
    _log.setLevel(logging.INFO)
    _log.propagate = False
    return path


def clean(value: object, limit: int = 80) -> str:
    """A value as it may appear in a log line: quoted, printable, at most `limit` characters."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(text)


def audit(event: str, user: str | None, **fields: object) -> None:
    """Write one event line: the event, the user and any further fields (values cleaned)."""
    parts = [event, f"user={clean(user or 'local user')}"]
    parts += [f"{key}={value}" if isinstance(value, int | float) else f"{key}={clean(value, 300)}"
              for key, value in fields.items()]
    _log.info(" ".join(parts))
