"""Writes an illustrative notes set (`notes/*.txt` and `notes/*.facts.json`) from its marked sources
(`src/*.txt`) and the keys its `build.py` holds, so that each set's script carries only its data.

A source line ending in `⟦N⟧` is a noise line, in `⟦M⟧` a mixed line (content and an aside); the
markers are stripped and their 1-based line numbers written to the key. Every keyword of a fact must
be in the notes: words joined across an OCR hyphen break count, and a keyword split over two columns
of a pasted table is checked word by word. Paths are relative to the set's folder (run from there).
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def write_notes_set(keys: dict[str, dict], illustrative: str) -> None:
    """Write notes/ from src/ and `keys` (name -> header, must_cover, must_not_claim)."""
    out = Path("notes")
    out.mkdir(exist_ok=True)
    for name, key in keys.items():
        lines, noise, mixed = [], [], []
        for number, line in enumerate(Path("src", f"{name}.txt").read_text(encoding="utf-8").splitlines(), 1):
            if line.endswith("⟦N⟧"):
                noise.append(number)
            if line.endswith("⟦M⟧"):
                mixed.append(number)
            lines.append(re.sub(r"\s*⟦[NM]⟧$", "", line))
        text = "\n".join(lines) + "\n"
        joined = re.sub(r"-\n\s*", "", re.sub(r"\n\s*", "\n", text)).replace("\n", " ")
        for _, words, _ in key["must_cover"]:
            for word in words:
                assert word.lower() in joined.lower() or all(
                    w in re.findall(r"[\w@%,.-]+", joined.lower().replace(", ", " "))
                    for w in word.lower().split()), (name, word)
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        facts = {"session": key["header"]["title"], "illustrative": illustrative, "header": key["header"],
                 "must_cover": [{"fact": f, "keywords": k, "section": s} for f, k, s in key["must_cover"]],
                 "must_not_claim": key["must_not_claim"], "noise_lines": noise, "mixed_lines": mixed}
        (out / f"{name}.facts.json").write_text(json.dumps(facts, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
