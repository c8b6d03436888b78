"""Turns a failure in a service into one plain sentence for the page (never a traceback)."""

from __future__ import annotations

import errno
import logging

from assistant.errors import LLMError, RapporteurError
from assistant.ui.disclosure import scrub_paths

log = logging.getLogger(__name__)
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
OFFLINE_TIP = (
    "Tip: use the offline engine instead — choose \u201cextractive\u201d under Engine and try again."
)


def user_message(exc: BaseException, doing: str) -> tuple[str, str, str]:
    """(headline, detail, tip) for a failure while `doing` something, with no server paths in it."""
    headline, detail, tip = _message(exc, doing)
    return headline, scrub_paths(detail), tip


def _message(exc: BaseException, doing: str) -> tuple[str, str, str]:
    """(headline, detail, tip) for a failure while `doing` something; unexpected ones are logged.

    LLM failures keep their message (it names the endpoint) and get the offline-engine tip; a full
    disk says so (switching engine would not help);
    the project's other errors (bad input, something not found: `RapporteurError`) and the UI's own
    input checks (ValueError) keep their message; anything else is logged with its traceback on the
    server and shown only by type.
    """
    if isinstance(exc, LLMError):
        return "The language model could not answer.", str(exc), OFFLINE_TIP
    if isinstance(exc, OSError) and exc.errno in DISK_FULL:
        log.error("%s failed: the disk is full (%s)", doing, exc)
        return (f"Could not finish {doing}.", "The server's disk is full, so nothing could be saved.",
                "Tell the operator (the person who runs this server); try again once space is freed.")
    if isinstance(exc, RapporteurError | ValueError | FileNotFoundError):
        return f"Could not finish {doing}.", str(exc), ""
    log.error("%s failed", doing, exc_info=exc)
    return (
        f"Something went wrong while {doing}.",
        f"{type(exc).__name__}; the details are in the server log.",
        "Try again; if it keeps failing, tell the operator (the person who runs this server).",
    )
