"""Prompt texts for the llm engine, kept as files in `prompts/` and loaded by name."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


@lru_cache(maxsize=64)
def load_prompt(name: str) -> str:
    """The text of `prompts/NAME.md`; a clear error lists the prompts that exist."""
    path = PROMPTS_DIR / f"{name}.md"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PROMPTS_DIR.glob("*.md"))) or "none"
        raise FileNotFoundError(f"no prompt named {name!r} in {PROMPTS_DIR}; available: {known}")
    return path.read_text(encoding="utf-8").strip()
