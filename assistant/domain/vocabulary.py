"""The closed vocabularies of the notes reader, read from `templates/notes-vocabulary.toml`.

Words a reader of notes in English, French or Spanish knows as a class (whom an injected instruction
addresses, the verbs it opens with, month names, words for the document being drafted) are data, not
patterns in code; this module only loads them.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def notes_vocabulary() -> dict[str, Any]:
    """The vocabulary file's tables (`machine`, `plan`, `months`)."""
    text = resources.files("assistant.domain").joinpath("templates/notes-vocabulary.toml").read_text("utf-8")
    return tomllib.loads(text)
