"""Which sessions are on a theme ("AI", "gender"): the same decision as "which sessions discussed …?"."""

from __future__ import annotations

from assistant.ask.search import Retriever
from assistant.ask.session_listing import sessions_on_subject


def sessions_on_themes(retriever: Retriever, themes: list[str]) -> dict[str, set[str]]:
    """Per theme: the ids of the sessions a whole-corpus question on it lists (`session_listing`):
    the per-session listing decision, so a theme no session speaks of counts none."""
    return {theme: set(sessions_on_subject(retriever, theme)) for theme in themes}
