"""The one sentence splitter: cuts text into sentences for chunking, Ask, summaries, tags, the notes
reader, the grounding check and the answer metrics.

A sentence ends at `.`, `!` or `?` (repeated or not), with any closing quotes or brackets and
citation markers (`[1]`, `[2, 3]`) that follow it, where white space comes next. It does not end at
the full stop of an abbreviation (`Dr.`, `e.g.`, `No. 5`: `templates/sentence-abbreviations.toml`)
or of an initial (`U.N.`, `J. Smith`), nor between a figure and a figure (`section 2. 5`); a decimal
(`2.6bn`, `3.5%`) has no white space after its point and is never cut. A line without final
punctuation is one sentence. Three choices differ between callers, and are options:

- `lowercase_starts`: notes are typed fast and a sentence there may start in lower case (but not after
  a closing quote or bracket, where the punctuation may close only what they hold); in edited
  prose (outcome documents, answers) a sentence starts with a capital, a figure, or a quote or bracket
  before one, and an ellipsis or full stop followed by a lower-case word does not end a sentence.
- `semicolons`: `"never"` (a semicolon joins), `"before_capital"` (it ends a sentence when what follows
  could start one), `"always"` (every clause stands alone, except before `and`, `or`, `+`, `&`, which
  carry the same point on). The semicolon stays with the sentence before it.
- `dashes`: a spaced dash (` - `, ` -- `, ` – `) before a capital also ends a sentence, as in notes
  (`costs rose -- Ministers agreed`); the dash belongs to neither side.
- `lists`: the text may carry Markdown list items run together (`**Challenges** • Costs rose. • …`),
  as outcome documents do: a list mark (`•` anywhere after white space; `-`, `*`, `+` at the start of
  a line) ends a sentence and belongs to neither side, a line that is wholly an emphasised sub-heading
  ends at its line break, and after a full stop a sentence may start with a list mark or an emphasis
  mark (`months. **Challenges**`). Answers cut their quoted sentences this way; `plain_sentence` then
  takes the emphasis marks out and `is_subheading` tells a bare sub-heading, which is no sentence.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Literal

Semicolons = Literal["never", "before_capital", "always"]

# an end: punctuation, closing quotes/brackets, citation markers; or a semicolon; or a spaced dash
_END = re.compile(
    r"(?P<stop>[.!?]+[\"”’')\]]*(?:\s*\[\d+(?:\s*[,–-]\s*\d+)*\])*)(?=\s|$)"
    r"|(?P<semi>;)(?=\s)"
    r"|(?P<dash>\s+[-–—]{1,2})(?=\s+[A-ZÀ-Þ])"
    r"|(?P<mark>(?:^|(?<=\n))[ \t]*[-*+•▪●◦‣](?=[ \t])|(?<=\s)[•▪●◦‣](?=\s))"
    r"|(?P<brk>\n)"
)
_STARTS = re.compile(r"[\"“‘'(\[]?[A-ZÀ-Þ0-9]")  # what a sentence of edited prose starts with
# with `lists`: a list mark or an emphasis mark may come first
_LIST_STARTS = re.compile(r"(?:[-*+•▪●◦‣][ \t]+)?(?:\*{1,2}|_{1,2})?[\"“‘'(\[]?[A-ZÀ-Þ0-9]")
_SUBHEADING = re.compile(r"(\*\*|__|\*|_)(?=\S)[^*_\n]+?(?<=\S)\1\s*:?")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"
                       r"|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_LEADING_MARK = re.compile(r"^(?:#{1,6}|[-*+•▪●◦‣])[ \t]+")
_CARRIES_ON = re.compile(r"(?:\+|&|and\b|or\b)")  # `; and …`: the same point carried on
_WORD_BEFORE = re.compile(r"(?<![\w.])([\w.]+)\.$")


@cache
def abbreviations() -> frozenset[str]:
    """The words (lower case, no final full stop) whose full stop does not end a sentence."""
    path = resources.files("assistant.domain").joinpath("templates/sentence-abbreviations.toml")
    return frozenset(w.lower() for w in tomllib.loads(path.read_text("utf-8"))["always"])


def _spared(text: str, stop_at: int, punctuation: str, after: int) -> bool:
    """Is the full stop at `stop_at` part of an abbreviation, an initial or a numbered reference?"""
    if punctuation != ".":
        return False
    match = _WORD_BEFORE.search(text, max(0, stop_at - 40), stop_at + 1)
    word = match.group(1).lower() if match else ""
    if word in abbreviations() or (len(word) == 1 and word.isalpha()):
        return True
    if len(word) > 1 and word[-2:-1] == "." and word[-1].isalpha():  # `U.N.`, `e.g.` as written
        return all(len(part) <= 1 for part in word.split("."))
    return stop_at > 0 and text[stop_at - 1].isdigit() and text[after:after + 1].isdigit()


def sentence_spans(
    text: str, *, lowercase_starts: bool = False, semicolons: Semicolons = "before_capital",
    dashes: bool = False, lists: bool = False,
) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, white space trimmed; empty pieces are left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    starts_like = _LIST_STARTS if lists else _STARTS
    for match in _END.finditer(text):
        after = match.end()  # where the next sentence would start
        while after < len(text) and text[after].isspace():
            after += 1
        if after >= len(text):
            break
        prose_start = bool(starts_like.match(text, after))
        # a dash at the start of a line is a list mark when the text carries lists
        line_mark = lists and match.group("dash") is not None and "\n" in match.group("dash")
        if match.group("mark") is not None or match.group("brk") is not None or line_mark:
            if not lists or (match.group("brk") is not None and not is_subheading(text[start:match.start()])):
                continue
            if text[start:match.start()].strip():
                spans.append(_trimmed(text, start, match.start()))
            start = after if match.group("brk") is not None else match.end()
            continue
        if match.group("stop") is not None:
            stop = match.group("stop")
            # after a closing quote or bracket the punctuation may end only the quoted or bracketed
            # words (`an MoU (yesterday!) on …`): what follows must then start like a sentence
            starts = prose_start or (lowercase_starts and stop.rstrip("]0123456789,–- [")[-1] in ".!?")
            if not starts or _spared(text, match.start(), stop[0], after):
                continue
            end = match.end()
        elif match.group("semi") is not None:
            if semicolons == "never" or (semicolons == "before_capital" and not prose_start):
                continue
            if semicolons == "always" and _CARRIES_ON.match(text, after):
                continue
            end = match.end()
        else:
            if not dashes:
                continue
            end = match.start()
        if text[start:end].strip():
            spans.append(_trimmed(text, start, end))
        start = after if match.group("dash") is None else match.end()
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text)))
    return spans


def split_sentences(
    text: str, *, lowercase_starts: bool = False, semicolons: Semicolons = "before_capital",
    dashes: bool = False, lists: bool = False,
) -> list[str]:
    """The sentences of `text` (see `sentence_spans` for the options)."""
    return [text[s:e] for s, e in sentence_spans(
        text, lowercase_starts=lowercase_starts, semicolons=semicolons, dashes=dashes, lists=lists)]


def is_subheading(text: str) -> bool:
    """Is `text` wholly an emphasised sub-heading (`**Challenges**`, `*Next steps:*`), no sentence?"""
    return bool(_SUBHEADING.fullmatch(text.strip()))


def plain_sentence(text: str) -> str:
    """A sentence as plain text: Markdown emphasis marks (`**…**`, `__…__`, `*…*`, `_…_`) taken out
    around the words they mark, a leading list or heading mark dropped, white space collapsed."""
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = text.replace("**", "").replace("__", "")
    return _LEADING_MARK.sub("", " ".join(text.split()))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
