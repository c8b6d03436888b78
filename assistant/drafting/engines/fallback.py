"""The flags of items the llm engine left to the offline engine, which exports and the app show."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.domain.document import Section

OFFLINE_FLAG = "drafted offline: the model failed"
BUDGET_FLAG = "drafted offline: the model's time budget was spent"
FALLBACK_FLAGS = (OFFLINE_FLAG, BUDGET_FLAG)


def sections_drafted_offline(sections: list[Section]) -> dict[str, str]:
    """Section id -> the fallback flag, for the sections the llm engine left to the offline engine."""
    found = {}
    for section in sections:
        flags = [f for item in section.items for f in item.flags if f in FALLBACK_FLAGS]
        if flags:
            found[section.id] = flags[0]
    return found
