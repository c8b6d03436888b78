"""Which sessions are on a theme ("AI", "gender"): the same evidence test as "which sessions discussed …?"."""

from __future__ import annotations

from assistant.ask.search import Retriever


def sessions_on_themes(retriever: Retriever, themes: list[str]) -> dict[str, set[str]]:
    """Per theme: the ids of the sessions whose best passage has evidence for it above the floor."""
    return {theme: {hit.doc_id for hit in retriever.best_per_session(theme)}
            for theme in themes}
