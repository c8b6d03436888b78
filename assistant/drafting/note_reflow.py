"""Reflow: the physical lines of notes joined into logical units.

Notes typed in a text editor wrap: a bullet goes on over an indented second line, a paragraph is cut
wherever the editor's width ran out. Read line by line, each half became a half-sentence bullet.
This stage finds, from layout alone, the lines that carry on the line before them, so the reader
joins them into one unit read on the unit's first line. Line numbers are kept: the first line holds
the joined text (as read), and each continuation line names the line it continues, for evidence.

A line carries on the line just above it (no blank line between) when it does not open a unit of
its own (no bullet, numbering, timestamp, `Name:` mark, table bar or quote mark) and either
- it is indented deeper than the text of the line above (a bullet's hanging indent, a paragraph's
  wrapped lines under a heading), and the line above does not end a sentence, or the line starts
  in lower case; a short line with no bullet over indented lines (its next word would have fitted
  on it) heads them instead (`Name -- Org` over the speaker's points); or
- the line above ends with no stop and runs to about the width at which the notes wrap (this
  line's first word would not have fitted on it), this line starts in lower case and is not
  indented less than the line above (a line that steps back out of an indented block opens a
  unit) nor, under a bullet, left of the bullet's text; or
- the line above ends on a word that cannot end a sentence (an article, a preposition, a
  conjunction, a possessive: `… signed with` / `UNESCO in 2024.`), whatever its width or this
  line's first letter. Those words are English's and, for notes typed in another language with a
  data file, that language's closed class too (`dangling` of its `[prose]` table: `… la ley
  chilena de` / `2020 obliga …`); or
- the line above has no end stop and this line, at the same indent, opens in lower case on a word
  that cannot open a point of its own (a preposition, a conjunction, a relative pronoun: `… trained
  1,400 volunteers` / `in 11 provinces and now runs …`); or
- the line above ends on a comma and this line, at the same indent, opens in lower case (`… feed
  national systems,` / `today it sits in …`): a comma ends no sentence.

A paragraph of prose wrapped by hand, at no fixed width, is read as prose by its block
(`prose_block_lines`): there any line with no stop carries on into the next.

A line that opens on a pictograph or another symbol (an emoji reaction under a chat message,
`👍 3`) carries on nothing: no sentence is wrapped onto a symbol, and joined to the message above,
the reaction was read (and cited) as part of the speaker's point. Nor does a line wholly in
brackets (`(need to check that figure)` under a bullet): the reader reads such a line as the
rapporteur's aside (`BRACKETED_LINE`), and joined to the point above it made that point cite it.

A line that opens with a multi-level outline number written with no dot after it (`2.1 Name (Org)`
under `2. Panel`, `3.5 (ran out of time …)`) opens a unit when the notes number a sibling or the
parent the same way (`outline_lines`): joined to the item above, a remark typed as an outline item
was cited by that item.

A line that opens with a lettered or roman outline mark (`a.`, `b)`, `(c)`, `i.`, `ii)`) is read as a
bullet (`letter_marks`) when the notes mark a sibling line the same way, at the same indent, with the
letter or numeral just before or after it (`a.` over `b.`, `i)` over `ii)`): an initial (`A. Smith`)
or `a. m.` typed at a line's start has no such sibling. Read as text, the mark kept its points out of
the outline (`b. broadcasters should …` read as a heading or as logistics).

The reader may name lines that stand alone (`continuation_heads(alone=…)`): a line the layout would
join to a point but that the unit-kind model, reading it alone, finds is a remark typed under the
point (`notes.wrapped_remarks`). The line after such a remark is tested against the line above it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable

from assistant.domain.language import text_language
from assistant.drafting.note_dictation import run_on

OPENS_UNIT = re.compile(
    r"^\s*(?:[-*•·–—▪◦‣>+|#]|\.\s|\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s|\[?\d{1,2}[:h]\d{2}\b|[\"“«]"
    r"|[A-ZÀ-Þ][\w'’.&() -]{0,40}:\s|[QA]\s*(?:\([^()]*\))?\s*[:\-–])"
)
# a label of the writer's own (`url: …`, `my take: …`)
LABEL = re.compile(r"^\s*[a-zà-ÿ][\w'’ /&.-]{0,30}:\s")
HEADS_BODY = re.compile(r"\s[-–—]\s*$")  # `Name, Org -` over an indented body: a heading, not a wrap
MARKER = re.compile(r"^\s*(?:[-*•·–—▪◦‣+]|\.(?![.\w])|\d{1,2}(?:\.\d{1,2}){0,3}[.)])\s+")
TIME_OPEN = re.compile(r"^\s*\[?\d{1,2}[:h]\d{2}\b")  # a line opening on a time (`14:03`, `[09:05]`)
SENTENCE_END = re.compile(r"[.!?:;)\]\"”»]\s*$")
FULL_STOP_END = re.compile(r"\w[.!?][\"”»)]?\s*$")  # a sentence's end after a word (not an ellipsis)
# closed classes of English that never end a sentence: the line after such a word carries it on
DANGLING_END = re.compile(
    r"\b(?:a|an|the|and|or|but|nor|of|to|for|with|in|on|at|by|from|as|into|onto|about|across|between"
    r"|among|against|over|under|through|during|without|within|towards|than|via|per|upon|because|although"
    r"|whereas|unless|until|their|its|his|her|our|your|my)\s*$",
    re.IGNORECASE,
)
# a sentence's end followed by the next sentence on the same line: prose, not one point per line
INNER_SENTENCE_END = re.compile(r"\w[.!?][\"”»)]?\s+[\"“«(]?[A-ZÀ-Þ]")
PROSE_SHARE = 0.6  # in a prose block, a line this share of its longest line was wrapped by hand
# closed classes of English that open no point of their own: a line starting with one, in lower case,
# carries on a line above that has no end stop
DANGLING_START = re.compile(
    r"^(?:and|or|but|nor|of|to|for|with|in|on|at|by|from|into|onto|than|via|per|because|although"
    r"|whereas|unless|until|which|whose|whom|while|across|between|among|during|within|without)\b")
WIDE_SHARE = 0.75  # a line at least this share of the wrap width was cut by the editor, not the writer
MIN_WIDTH = 66  # narrower notes do not wrap (editors wrap at 70 columns or more): short lines are points


# a line wholly in brackets (nested brackets allowed inside): the rapporteur's aside, a unit of its own
BRACKETED_LINE = re.compile(r"^\s*[\[(][^\[\]()]*(?:\([^()]*\)[^\[\]()]*)*[\])]\s*$")


def opens_on_symbol(line: str) -> bool:
    """True when a line's first character is a pictograph or another symbol (Unicode `So`/`Sk`: an
    emoji, a check mark), not a letter, figure, bracket, quote or bullet."""
    text = line.strip()
    return bool(text) and unicodedata.category(text[0]) in {"So", "Sk"}


def _indent(line: str) -> int:
    """Columns of leading space (a tab counts as four)."""
    expanded = line.replace("\t", "    ")
    return len(expanded) - len(expanded.lstrip(" "))


def _text_column(line: str) -> int:
    """Where a line's text starts, after its indentation and any bullet marker."""
    expanded = line.replace("\t", "    ")
    marker = MARKER.match(expanded)
    return marker.end() if marker else _indent(expanded)


def wrap_width(lines: list[str]) -> int:
    """The width at which the notes wrap: the length that 90 % of the written lines stay within."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def english_dangling(text: str) -> bool:
    """True when the text ends on an English word that cannot end a sentence."""
    return bool(DANGLING_END.search(text))


def dangling_test(lines: list[str]) -> Callable[[str], bool]:
    """The test of a line ending on a word no sentence ends on, for these notes: English's closed
    class, and that of the notes' language when they are typed in another one with a data file."""
    other = text_language(" ".join(line.strip() for line in lines if line.strip()))
    if other is None or not other.closed("dangling"):
        return english_dangling
    return lambda text: english_dangling(text) or other.dangling_end(text)


def continues(above: str, line: str, width: int, top: bool = False,
              dangling: Callable[[str], bool] = english_dangling) -> bool:
    """True when `line` carries on the unit of `above` (the line just over it, not blank).

    `top`: the line is in the notes' first block (before any blank line), where the header's
    fields sit one to a line; only a deeper indent joins lines there. `dangling`: whether a line
    ends on a word no sentence ends on (`dangling_test`).
    """
    text = line.strip()
    if not text or not above.strip() or OPENS_UNIT.match(line) or HEADS_BODY.search(above) \
            or opens_on_symbol(line) or BRACKETED_LINE.match(line):
        return False
    lower = text[0].islower()
    open_end = not SENTENCE_END.search(above)
    first = text.split()[0]
    if _indent(line) > _indent(above) and _indent(line) >= min(_text_column(above), 2):
        if not MARKER.match(above) and len(above.rstrip()) + 1 + len(first) <= width \
                and not dangling(above):
            return False  # a short unmarked line over indented ones heads them (`Name -- Org`)
        return open_end or (lower and not LABEL.match(line))
    if top or LABEL.match(line):
        return False
    if dangling(above) and len(above.split()) >= 3:
        return True
    if _indent(line) < _indent(above):
        return False  # a line that steps back out of an indented block opens a unit of its own
    if open_end and DANGLING_START.match(text) and len(above.split()) >= 3 and not LABEL.match(above) \
            and (_indent(line) == _indent(above) or MARKER.match(above)):
        return True  # `… trained 1,400 volunteers` / `in 11 provinces …`: the sentence goes on
    if above.rstrip().endswith(",") and lower and len(above.split()) >= 3 and not LABEL.match(above) \
            and (_indent(line) == _indent(above) or MARKER.match(above)):
        return True  # `… health information systems,` / `today it sits …`: a comma ends no sentence
    # an editor moves a word to the next line only when it would not fit: a line whose first word
    # would have fitted on the line above was broken by the writer, not wrapped
    # and a bullet's wrapped lines hang under its text: a line left of it after a full bullet is a
    # new line of its own (a remark typed after the list), not the bullet's end
    if MARKER.match(above) and _indent(line) == _indent(above) and _narrow_wrapped(above, line, width):
        return True  # OCR'd or hand-written notes wrap a bullet flush under its mark, whatever the case
    wide = (width >= MIN_WIDTH and len(above.rstrip()) >= WIDE_SHARE * width
            and len(above.rstrip()) + 1 + len(first) > width
            and not (MARKER.match(above) and _indent(line) < _text_column(above)))
    return wide and open_end and lower


def prose_block_lines(lines: list[str]) -> set[int]:
    """The lines (0-based) that go on a paragraph of prose wrapped by hand: in a block between blank
    lines (not the notes' first block, where the header sits), with no line after its first that
    opens a unit of its own, where some line holds a sentence's end followed by the next sentence
    (the writer writes sentences across lines, not one point per line) and the block ends on a
    sentence's end, a line
    carries on the line above when that one ends with no stop and is at least `PROSE_SHARE` of the
    block's longest line (a hand-wrapped line, not a short heading over the text)."""
    going_on: set[int] = set()
    blocks: list[list[int]] = [[]]
    for n, line in enumerate(lines):
        if line.strip():
            blocks[-1].append(n)
        elif blocks[-1]:
            blocks.append([])
    for block in blocks[1:] if lines and lines[0].strip() else blocks:
        # (a numbered or bulleted paragraph opens with its mark: `2. Mr. X (Org) said that …`)
        if len(block) < 2 or any(OPENS_UNIT.match(lines[n]) for n in block[1:]):
            continue
        if not any(INNER_SENTENCE_END.search(lines[n]) for n in block) \
                or not SENTENCE_END.search(lines[block[-1]]):
            continue
        longest = max(len(lines[n].rstrip()) for n in block)
        for above, n in itertools.pairwise(block):
            if not SENTENCE_END.search(lines[above]) and len(lines[above].rstrip()) >= PROSE_SHARE * longest:
                going_on.add(n)
    return going_on


# a multi-level outline number that opens a line with no dot after it (`1.1 Moderator …`, `3.5 (…)`)
OUTLINE_NUMBER = re.compile(r"^\s*(?P<parent>\d{1,2}(?:\.\d{1,2}){0,2})\.(?P<last>\d{1,2})\s+\S")
TOP_NUMBER = re.compile(r"^\s*(?P<number>\d{1,2})[.)]\s+\S")


def outline_lines(lines: list[str]) -> set[int]:
    """The lines (0-based) that open with a multi-level outline number written without a dot after
    it (`2.1 Joseph Murray (WFD)` under `2. Panel`): an item of an outline, a unit of its own. A
    number is an outline's when the notes number another item under the same parent (`2.1` and
    `2.2`) or number the parent itself (`2.` over `2.1`); a figure that opens a wrapped line
    (`3.5 million users`) has neither."""
    numbered = [(n, m.group("parent"), m.group("last")) for n, line in enumerate(lines)
                if (m := OUTLINE_NUMBER.match(line))]
    parents = {m.group("number") for line in lines if (m := TOP_NUMBER.match(line))}
    outline = set()
    for n, parent, last in numbered:
        siblings = {other_last for _, other_parent, other_last in numbered if other_parent == parent}
        if len(siblings - {last}) or parent in parents:
            outline.add(n)
    return outline


# a lettered or roman outline mark in lower case: `a.`, `b)`, `(c)`, `iv.` (`letter_marks`)
LETTER_MARK = re.compile(r"^(?P<indent>\s*)(?P<open>\(?)(?P<mark>[a-z]|[ivx]{1,5})(?P<close>[.)])\s+(?=\S)")
ROMAN = {"i": 1, "v": 5, "x": 10}


def _roman(numeral: str) -> int | None:
    """The value of a lower-case roman numeral of i, v and x (`iv` 4), or None when it is not one."""
    if not numeral or any(c not in ROMAN for c in numeral):
        return None
    total = 0
    for here, after in itertools.zip_longest(numeral, numeral[1:]):
        value = ROMAN[here]
        total += -value if after is not None and ROMAN[after] > value else value
    return total


def letter_marks(lines: list[str]) -> list[str | None]:
    """Per line: the line with its lettered or roman outline mark made a bullet of the same width
    (`   b. point` -> `   -  point`) when the notes mark a sibling the same way; None for a line left
    as it is. A sibling is a line at the same indent with the same brackets and stop whose letter or
    numeral comes just before or after this one's (`a.` and `b.`; `i)` and `ii)`; `i.` may be either)."""
    marks = [(n, m) for n, line in enumerate(lines) if (m := LETTER_MARK.match(line.replace("\t", "    ")))]
    keyed: dict[tuple[int, str, str], set[int]] = {}  # (indent, brackets and stop, letter|roman): values
    values: dict[int, list[tuple[str, int]]] = {}
    for n, m in marks:
        mark = m.group("mark")
        readings = [("letter", ord(mark) - ord("a"))] if len(mark) == 1 else []
        roman = _roman(mark)
        if roman is not None:
            readings.append(("roman", roman))
        values[n] = readings
        for kind, value in readings:
            keyed.setdefault((len(m.group("indent")), m.group("open") + m.group("close"), kind), set()) \
                .add(value)
    out: list[str | None] = [None] * len(lines)
    for n, m in marks:
        style = (len(m.group("indent")), m.group("open") + m.group("close"))
        if any({value - 1, value + 1} & keyed[(*style, kind)] for kind, value in values[n]):
            line = lines[n].replace("\t", "    ")
            width = m.end() - m.end("indent")
            out[n] = f"{m.group('indent')}{'-'.ljust(width)}{line[m.end():]}"
    return out


def continuation_heads(lines: list[str], alone: frozenset[int] = frozenset(),
                       opens: frozenset[int] = frozenset(),
                       carried: frozenset[int] = frozenset()) -> list[int]:
    """Per line (0-based): the index of the unit's first line it continues, or -1 when it opens one.

    `opens`: lines (0-based) that a frame found open a point of their own (`note_email.quoted_openings`:
    a quoted line opening on a capital, a figure or a bullet mark): each opens a unit, unless the line
    above ends on a word no sentence ends on or on a comma: the sentence runs on into it, and it
    carries that sentence on (`… shared with the ministry,` / `UNICEF and two operators.`).

    `alone`: lines (0-based) that the layout would join to the line above but that the reader found
    are a remark of their own typed under a point (`notes.wrapped_remarks`): each is a unit by itself, and the
    line after it is tested against the line above it, as if the remark were not there (a point cut
    in two by a note to self goes on after it).

    A line of dictated speech (`note_dictation.run_on`: thirty-odd words and no stop inside) is typed
    as a line of its own, not wrapped by an editor: it carries on no line, and only a word no sentence
    ends on carries it on into the next.

    `carried`: lines (0-based) that a frame found carry on the unit above them whatever their layout
    (`note_chat.message_continuations`: a messenger export's unprefixed lines under a message).
    """
    width = wrap_width(lines)
    dangling = dangling_test(lines)
    prose = prose_block_lines(lines)
    heads = [-1] * len(lines)
    first_blank = next((n for n, line in enumerate(lines) if not line.strip()), len(lines))
    # the header's block ends at the first bullet or timestamp too: a chat export or a list typed
    # with no blank line under its header is no header block all through (its wrapped messages join)
    first_point = next((n for n, line in enumerate(lines) if MARKER.match(line) or TIME_OPEN.match(line)),
                       len(lines))
    first_blank = min(first_blank, first_point)
    outline = outline_lines(lines)
    for n in range(1, len(lines)):
        if n in alone or n in outline:
            continue
        above = n - 1
        while above in alone and above - 1 >= 0 and lines[above - 1].strip():
            above -= 1  # a remark standing alone between two halves of a point: read past it
        if above in alone:
            continue
        if n in opens:  # a quoted point opens a unit, unless the sentence above runs on into it
            runs = dangling(lines[above]) or lines[above].rstrip().endswith(",")
            if runs and not OPENS_UNIT.match(lines[n]):
                heads[n] = heads[above] if heads[above] >= 0 else above
            continue
        if n not in carried and (run_on(lines[n]) or (run_on(lines[above]) and not dangling(lines[above]))):
            continue  # a run of dictated speech is typed as a line of its own, never wrapped
        if n in carried or n in prose or _hangs_on(lines, heads, above, n, width) \
                or continues(lines[above], lines[n], width, top=n < first_blank, dangling=dangling):
            heads[n] = heads[above] if heads[above] >= 0 else above
    return heads


def _hangs_on(lines: list[str], heads: list[int], above: int, n: int, width: int) -> bool:
    """True when line `n` goes on a bullet whose wrapped line `above` it is under, at the bullet's
    hanging indent (the column of its text): `above` already carries the bullet on (`heads`), `n`
    opens no unit of its own, and `above`
    is left open by its punctuation (`_left_open`) or, in notes narrower than any editor wraps
    (`MIN_WIDTH`: hand-written or OCR'd notes), ends with no stop over a line opening in lower case
    (in wider notes such a line is a remark typed under the bullet, `mic was off …`)."""
    line, upper = lines[n], lines[above]
    narrow = width < MIN_WIDTH  # hand-written or OCR'd notes: lines cut short wherever the page ended
    if heads[above] < 0 or not line.strip() or OPENS_UNIT.match(line) or opens_on_symbol(line) \
            or BRACKETED_LINE.match(line) or _indent(line) != _indent(upper) \
            or not MARKER.match(lines[heads[above]]):
        return False
    bullet = lines[heads[above]]
    if _indent(line) != _text_column(bullet):
        # OCR'd or hand-written notes also wrap flush under the bullet's mark: only a line cut where
        # the page ended (`_narrow_wrapped`) goes on there
        return narrow and _indent(line) == _indent(bullet) and _narrow_wrapped(upper, line, width)
    return _left_open(upper, line) \
        or (narrow and not SENTENCE_END.search(upper) and line.strip()[0].islower())


def _narrow_wrapped(above: str, line: str, width: int) -> bool:
    """True when notes narrower than any editor wraps (`MIN_WIDTH`: OCR'd or hand-written) cut `above`
    where the page ended: it has no end stop, runs to about the notes' width and `line`'s first word
    would not have fitted on it (`- WHO draft Global Strategy on Digital Health` / `2020-2025 -> …`)."""
    text = above.rstrip()
    first = line.split()[0] if line.split() else ""
    return width < MIN_WIDTH and not SENTENCE_END.search(text) and len(text) >= WIDE_SHARE * width \
        and len(text) + 1 + len(first) > width and not LABEL.match(line)


def runs_on(above: str, line: str, dangling: Callable[[str], bool] = english_dangling) -> bool:
    """True when the sentence of `above` runs on into `line` whatever the line says: `above` ends on
    a word no sentence ends on or on a comma, or `line` opens on a word that opens no point
    (`… will connect 400 more by` / `the end of 2026`), or `above` has no end stop and `line` ends
    on a full stop (`… still lacked any` / `proof of identity.`: the sentence ends there), or
    `above` is left open by its punctuation (`_left_open`)."""
    return dangling(above) or above.rstrip().endswith(",") or bool(DANGLING_START.match(line.strip())) \
        or (not SENTENCE_END.search(above) and bool(FULL_STOP_END.search(line))) \
        or _left_open(above, line)


def _left_open(above: str, line: str) -> bool:
    """True when `above` leaves its text open for `line` by punctuation: a word cut by a hyphen over
    its lower-case rest (`… GNSS tim-` / `ing signals`), a bracket opened and not closed (`(fibre,
    atomic` / `clocks) every year`), or an arrow at its end (`… from the side ->` / `4-5 days …`)."""
    text = above.rstrip()
    return bool(BROKEN_WORD.search(text) and BROKEN_TAIL.match(line.strip())) \
        or text.count("(") > text.count(")") or bool(re.search(r"(?:-+>|=>|→)$", text))


# a word cut at a line's end with a hyphen (`tim-` / `ing signals`), as hand-written notes and OCR cut them
BROKEN_WORD = re.compile(r"(?P<head>[^\W\d_]{2,})-$")
BROKEN_TAIL = re.compile(r"^(?P<tail>[a-zà-ÿ]{2,})")


def joined(lines: list[str], heads: list[int],
           known: Callable[[str], bool] | None = None) -> list[str | None]:
    """Per line: for a unit's first line, the unit's text on one line; "" for a continuation line;
    None for a line that is a unit on its own (left as it is).

    A word cut by a hyphen at a line's end is joined to its rest on the next line: without the hyphen
    when `known` (a vocabulary of whole words: the shipped embedding model's) knows the word so made
    (`tim-` / `ing` -> `timing`), else keeping it (`long-` / `term` -> `long-term`)."""
    out: list[str | None] = [None] * len(lines)
    for n, head in enumerate(heads):
        if head < 0:
            continue
        base = out[head] or lines[head].rstrip()
        cut, rest = BROKEN_WORD.search(base), BROKEN_TAIL.match(lines[n].strip())
        if cut and rest:
            whole = cut.group("head") + rest.group("tail")
            glue = "" if known is not None and known(whole.lower()) else "-"
            out[head] = f"{base[:cut.end('head')]}{glue}{lines[n].strip()}"
        else:
            out[head] = f"{base} {lines[n].strip()}"
        out[n] = ""
    return out
