"""Colleagues' comments typed into shared notes: `(Ana: check the 30)`, `[Kofi: move this down]`,
`(Ana - confirm with her after)` inside a line, and reply lines under a point (`↳ Tom: is it 650k?`,
`  > Priya: quote this one`, `  -> Tom: I missed who answered`).

Notes kept in a shared document collect the remarks of the people editing it. Read as text, a
comment became part of the point it sits in (and was drafted), and a reply line became a point of
its own. A comment is told by its shape and by who signs it, never by its words: a bracket or a reply
line that opens with a name and a colon (or a spaced dash), where the name is a commenter's, one
the notes write nowhere but as the label of such comments or inside brackets (a speaker, a country
or an organisation named in brackets, `(Kenya: 12 schools)`, is also written in the notes' own text,
or labels a single bracket that neither asks nor re-checks a figure). Each comment is rewritten as
the reader knows it: a reply line as a line wholly in square brackets (the rapporteur's aside, never
a point, and no reflow joins it), a bracket inside a line taken out of the line (the point stays).
"""

from __future__ import annotations

import re
from collections import Counter

# a name that signs a comment: one or two capitalised words (`Ana`, `Kofi A.`, `Ana Ruiz`)
_SIGNER = r"(?P<name>[A-ZÀ-Þ][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Þ](?:[a-zà-ÿ'’-]+|\.))?)"
# a reply mark: a reply arrow (`↳`, `↪`, `⤷`, `└>`), or an ascii arrow or quote mark (`->`, `=>`, `>`)
_GLYPH = r"[↳↪⤷⮡└][─-]*>?"
_ASCII = r"(?:-+>|=+>|→|>)"
REPLY = re.compile(rf"^(?P<indent>\s*)(?P<mark>{_GLYPH}|{_ASCII})\s*{_SIGNER}\s*:\s*(?P<body>\S.*)$")
BRACKET = re.compile(
    rf"\s*(?P<open>[(\[])\s*{_SIGNER}\s*(?::|\s[-–—]{{1,2}})\s*(?P<body>[^()\[\]]*[^\W_][^()\[\]]*)[)\]]")
_FIGURE = re.compile(r"\d[\d,.]*\d|\d")


def _reply(line: str) -> re.Match[str] | None:
    """The line as a reply line, or None: a reply arrow, or an ascii arrow or quote mark on an
    indented line (a quoted e-mail's `> …` starts at the margin), then a signer and a colon."""
    match = REPLY.match(line)
    if match is None:
        return None
    if not re.match(_GLYPH, match.group("mark")) and not match.group("indent").replace("\t", "    "):
        return None
    return match


def _figures(text: str) -> set[str]:
    return {f.replace(",", "") for f in _FIGURE.findall(text)}


def comment_lines(lines: list[str]) -> list[str | None]:
    """Per line: a reply line signed by a commenter as `[Name: words]`; a line holding a commenter's
    bracket with the bracket taken out; None for any other line (module docstring)."""
    replies = [_reply(line) for line in lines]
    brackets = [list(BRACKET.finditer(line)) for line in lines]
    if not any(replies) and not any(brackets):
        return [None] * len(lines)
    rest = []
    for line, reply, found in zip(lines, replies, brackets, strict=True):
        if reply is not None:
            continue
        for match in reversed(found):
            line = line[: match.start()] + " " + line[match.end():]
        rest.append(line)
    elsewhere = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", "\n".join(rest))  # (a bracket may name them too)
    signed = Counter(m.group("name") for m in replies if m is not None)
    signed.update(m.group("name") for found in brackets for m in found)
    commenters = {name for name in signed
                  if not re.search(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", elsewhere)}
    out: list[str | None] = [None] * len(lines)
    for n, (line, reply, found) in enumerate(zip(lines, replies, brackets, strict=True)):
        if reply is not None and reply.group("name") in commenters:
            words = re.sub(r"[\[\]()]", "", f"{reply.group('name')}: {reply.group('body')}").strip()
            out[n] = f"{reply.group('indent')}[{words}]"
            continue
        cut = [m for m in found if m.group("name") in commenters
               and (signed[m.group("name")] >= 2 or "?" in m.group("body")
                    or _figures(m.group("body")) & _figures(line[: m.start()] + line[m.end():]))]
        if not cut:
            continue
        for match in reversed(cut):
            line = line[: match.start()] + line[match.end():]
        if re.search(r"[^\W\d_]{2,}", line):
            out[n] = line
    return out
