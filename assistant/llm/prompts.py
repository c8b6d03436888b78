"""Prompt texts for the llm engine: Markdown files shipped as package data in `prompt_texts/`
(the repository's top-level `prompts/` links there), loaded by name."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent / "prompt_texts"


@lru_cache(maxsize=64)
def load_prompt(name: str) -> str:
    """The text of `prompt_texts/NAME.md`; a clear error lists the prompts that exist."""
    path = PROMPTS_DIR / f"{name}.md"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PROMPTS_DIR.glob("*.md"))) or "none"
        raise FileNotFoundError(f"no prompt named {name!r} in {PROMPTS_DIR}; available: {known}")
    return path.read_text(encoding="utf-8").strip()
