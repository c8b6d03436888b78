"""Keeps server file paths out of what users see: `/srv/rapporteur/home/drafts/x.json` → `x.json`.

Messages from services and libraries often name a file by its full path (an OSError, a lock
file, an evaluation report). Users need the file's name at most; the folders tell an outsider
how the server is laid out. URLs (`http://host:port/v1`) are left as they are.
"""

from __future__ import annotations

import re

_PART = r"[^\s/'\"`,;:()\[\]{}<>|]+"
_START = r"(?<![\w.:/~-])"
_PATH = re.compile(rf"{_START}(?:~/|/)(?:{_PART}/)+({_PART})?/?"  # a path of two or more parts
                   rf"|{_START}/({_PART})(?=[\s'\"`,;:)\]}}]|$)")  # a bare /part


def scrub_paths(text: str) -> str:
    """The text with every absolute file path cut down to its last part (a bare `/x` to `x`)."""

    def last_part(match: re.Match[str]) -> str:
        return match.group(1) or match.group(2) or "(a server folder)"

    return _PATH.sub(last_part, str(text))
