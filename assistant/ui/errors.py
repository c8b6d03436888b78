"""Turns a failure in a service into one plain sentence for the page (never a traceback)."""

from __future__ import annotations

import logging

from assistant.engines.chat_model import LLMError
from assistant.ui.services import ServiceUnavailable

log = logging.getLogger(__name__)
OFFLINE_TIP = (
    "Tip: use the offline engine instead — choose \u201cextractive\u201d under Engine and try again."
)


def user_message(exc: BaseException, doing: str) -> tuple[str, str, str]:
    """(headline, detail, tip) for a failure while `doing` something; unexpected ones are logged.

    LLM failures keep their message (it names the endpoint) and get the offline-engine tip;
    bad input (ValueError and subclasses) keeps its message; anything else is logged with its
    traceback on the server and shown only by type.
    """
    if isinstance(exc, LLMError):
        return "The language model could not answer.", str(exc), OFFLINE_TIP
    if isinstance(exc, ServiceUnavailable):
        return f"{doing.capitalize()} is not available.", str(exc), ""
    if isinstance(exc, ValueError | KeyError | FileNotFoundError):
        detail = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        return f"Could not finish {doing}.", str(detail), ""
    log.error("%s failed", doing, exc_info=exc)
    return (
        f"Something went wrong while {doing}.",
        f"{type(exc).__name__}; the details are in the server log.",
        "Try again, or use the extractive engine.",
    )
