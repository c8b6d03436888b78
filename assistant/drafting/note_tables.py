"""Notes kept as a Markdown table (`| time | who | what |`): each row read as a plain notes line.

Some rapporteurs type their notes into a table, one row per remark. The notes reader understands
lines such as `11:05 Amara Diallo (Giga): 2,400 schools connected`, so each row is rewritten into
that shape, keeping its line number: the time cell first, then the speaker cell and a colon, then
what was said. The header row and the `|---|` rule become blank lines. Columns are recognised by
their header names ("time", "who", "speaker", "what", "point", "notes" and their French and Spanish
forms) or, without a header, by what the cells hold (times; the longest text is what was said; a
short cell beside it is the speaker). Anything else on a row is left as it is. A table whose header row
names the session's header fields (`| Title | Organisers | Date |`) is the header: each row of values
becomes one `Title: … | Organisers: … | Date: …` line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.drafting.note_header import HEADER_LABEL

ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
RULE_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
TIME_CELL = re.compile(r"^\s*\[?\d{1,2}[:.h]\d{2}(?::\d{2})?\]?\s*(?:[ap]\.?m\.?)?\s*$", re.IGNORECASE)
EMPTY_CELL = re.compile(r"^\s*(?:[-–—]+|n/?a|\.\.\.|…|\?)?\s*$", re.IGNORECASE)
TIME_NAMES = {"time", "when", "ts", "timestamp", "hh:mm", "clock", "heure", "hora", "min", "minute"}
SPEAKER_NAMES = {"who", "speaker", "speakers", "name", "by", "person", "source", "voice", "intervenant",
                 "intervenante", "orateur", "oratrice", "orador", "oradora", "qui", "quién", "quien"}
CONTENT_NAMES = {"what", "point", "points", "note", "notes", "said", "content", "remark", "remarks",
                 "summary", "comment", "comments", "message", "key point", "key points", "statement",
                 "quoi", "propos", "contenu", "qué", "que", "dijo", "contenido", "intervention"}
SPEAKER_MAX_CHARS = 80
QA_CELL = re.compile(r"^(?P<role>Q|A|Question|Answer|Reply)\b[\s:.\-–]*(?P<who>.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class _Columns:
    """Which cell of a row holds the time, the speaker and what was said (-1: none)."""

    time: int
    speaker: int
    content: int


def split_cells(line: str) -> list[str] | None:
    """The cells of a table row (`\\|` stays a literal bar), or None for a line that is not one."""
    match = ROW.match(line)
    if not match:
        return None
    cells = re.split(r"(?<!\\)\|", match.group("cells"))
    return [" ".join(c.replace("\\|", "|").split()) for c in cells]


def _is_rule(cells: list[str]) -> bool:
    return bool(cells) and all(RULE_CELL.match(c) or not c for c in cells) and any(cells)


def _header_fields(header: list[str]) -> bool:
    """True for a header row that names the session's header fields (`| Title | Organisers | Date |`):
    two or more of its cells, and at least half, are header labels."""
    names = [c.strip(" *_:") for c in header if c.strip(" *_:")]
    if any(name.lower() in CONTENT_NAMES or name.lower() in SPEAKER_NAMES for name in names):
        return False  # `| time | who | what |`: a column of speakers or of points makes it a table of notes
    labelled = sum(1 for name in names if HEADER_LABEL.match(f"{name}: x"))
    return labelled >= 2 and labelled * 2 >= len(names)


def _by_names(header: list[str]) -> _Columns | None:
    """Columns named by a header row, or None when it names no content column."""
    names = [c.lower().strip(" *_:") for c in header]

    def find(wanted: set[str]) -> int:
        return next((n for n, name in enumerate(names) if name in wanted), -1)

    content = find(CONTENT_NAMES)
    if content < 0:
        return None
    return _Columns(find(TIME_NAMES), find(SPEAKER_NAMES), content)


def _by_cells(rows: list[list[str]]) -> _Columns:
    """Columns guessed from the cells: the one most often a time, the longest, a short one beside."""
    width = max(len(r) for r in rows)

    def column(n: int) -> list[str]:
        return [r[n] for r in rows if n < len(r) and not EMPTY_CELL.match(r[n])]

    def share_of_times(n: int) -> float:
        cells = column(n)
        return sum(bool(TIME_CELL.match(c)) for c in cells) / len(cells) if cells else 0.0

    time = max(range(width), key=share_of_times)
    time = time if share_of_times(time) >= 0.5 else -1
    others = [n for n in range(width) if n != time]
    if not others:
        return _Columns(time, -1, time)

    def mean_length(n: int) -> float:
        cells = column(n)
        return sum(len(c) for c in cells) / len(cells) if cells else 0.0

    content = max(others, key=mean_length)
    short = [n for n in others if n != content and 0 < mean_length(n) <= SPEAKER_MAX_CHARS]
    return _Columns(time, short[0] if short else -1, content)


def _rewrite(cells: list[str], columns: _Columns) -> str:
    """One row as a notes line: `time speaker: what was said`."""

    def cell(n: int) -> str:
        value = cells[n] if 0 <= n < len(cells) else ""
        return "" if EMPTY_CELL.match(value) else value

    said = cell(columns.content)
    if not said:
        return ""
    speaker = cell(columns.speaker).rstrip(" :")
    turn = QA_CELL.match(speaker)
    if turn:  # "Q from the floor (Niger)" -> "Q (from the floor, Niger)", as typed notes write it
        who = ", ".join(p.strip() for p in re.split(r"[()]", turn.group("who")) if p.strip())
        speaker = f"{turn.group('role')} ({who})" if who else turn.group("role")
    time = cell(columns.time)
    line = f"{speaker}: {said}" if speaker and len(speaker) <= SPEAKER_MAX_CHARS else said
    return f"{time} {line}" if time else line


BARE_BAR = re.compile(r"\s\|\s")  # a cell border typed without the outer bars: `solar fridges | 300 …`
TAB_SEPARATOR = re.compile(r"\t+")
TAB_MARKER = re.compile(r"^(?:[-*•·–—▪◦‣>+o]|\(?\d{1,2}(?:\.\d{1,2}){0,3}[.)]?|\(?[a-zA-Z][.)])$")
BARE_ROWS = 3  # a table typed without outer bars needs this many rows with as many cells each


def _tab_cells(line: str) -> str | None:
    """A line of tab-separated cells (a spreadsheet's or a logging tool's export: `10:05<TAB>Name<TAB>…`)
    written as bar-separated cells; None for a line with no tab between its words."""
    text = line.strip()
    if "\t" not in text or "|" in text:
        return None
    cells = [cell.strip() for cell in TAB_SEPARATOR.split(text)]
    if TAB_MARKER.match(cells[0]):
        return None  # `2.1.1.<TAB>point`, `•<TAB>point`: a word processor's list marker, not a cell
    return " | ".join(cells)


def _bare_rows(raw_lines: list[str]) -> list[str]:
    """The lines with each run of `BARE_ROWS` or more consecutive lines of equally many `a | b` cells
    (outer bars left out, as typed in a plain editor) given their outer bars; other lines unchanged.
    Cells separated by tabs count as such cells."""
    raw_lines = [tabbed if tabbed is not None else line
                 for line in raw_lines for tabbed in [_tab_cells(line)]]
    counts = [len(BARE_BAR.findall(line)) if ROW.match(line) is None else 0 for line in raw_lines]
    out = list(raw_lines)
    start = 0
    while start < len(raw_lines):
        end = start
        while end < len(raw_lines) and counts[end] > 0 and counts[end] == counts[start]:
            end += 1
        if end - start >= BARE_ROWS:
            for n in range(start, end):
                out[n] = f"| {raw_lines[n].strip()} |"
        start = max(end, start + 1)
    return out


def table_lines(raw_lines: list[str]) -> list[str | None]:
    """Per line: None when it is not part of a table; "" for a header row or a `|---|` rule; else the
    row rewritten as a plain notes line. A table is two or more consecutive rows (three or more
    when typed without outer bars)."""
    return _tables(raw_lines)[0]


def table_label_rows(raw_lines: list[str]) -> frozenset[int]:
    """The lines (0-based) of a speaker table's rows whose speaker cell is a label, not a person
    (`| Questions | a delegate asked … |` among `| Dr Ana Ruiz (ITU) | … |` rows, `_label_row`):
    `table_lines` writes them without the label, and the reader credits them to no one, not to the
    speaker of the row above."""
    return frozenset(_tables(raw_lines)[1])


def _tables(raw_lines: list[str]) -> tuple[list[str | None], set[int]]:
    """(`table_lines`, `table_label_rows`) of the notes."""
    raw_lines = _bare_rows(raw_lines)
    out: list[str | None] = [None] * len(raw_lines)
    labels: set[int] = set()
    start = 0
    while start < len(raw_lines):
        if split_cells(raw_lines[start]) is None:
            start += 1
            continue
        end = start
        while end < len(raw_lines) and split_cells(raw_lines[end]) is not None:
            end += 1
        if end - start >= 2:
            _read_table(raw_lines, start, end, out, labels)
        start = end
    return out, labels


def _label_table(rows: list[list[str]]) -> bool:
    """True for a two-column table of short labels beside longer details, with no time or speaker
    column named (`solar fridges | 300 installed …`)."""
    body = [r for r in rows if not _is_rule(r)]
    if any(len(r) != 2 for r in body) or len(body) < 2:
        return False
    names = {c.lower().strip(" *_:") for c in body[0]}
    if names & (TIME_NAMES | SPEAKER_NAMES) or any(TIME_CELL.match(r[0]) for r in body):
        return False
    return all(0 < len(r[0].split()) <= 4 and len(r[0]) < len(r[1]) for r in body[1:])


def _label_row(cell: str, others: list[str]) -> bool:
    """True for a speaker cell that is one capitalised word, not in capitals (an acronym names an
    organisation), in a column whose other cells name people in two words or more, and not a word
    of any of them (`Questions` among `Dr Amina Yusuf`, `Carlos Ibarra (ICAO)`; `Ibarra` is a person):
    the label of a row by its position in a table of speakers."""
    word = cell.strip(" *_:")
    if not re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)?", word) or QA_CELL.match(word):
        return False
    people = [o for o in others if len(o.split()) >= 2]
    if not people:
        return False
    return all(word.lower() not in re.findall(r"[\w'’-]+", o.lower()) for o in others)


def _read_table(raw_lines: list[str], start: int, end: int, out: list[str | None],
                labels: set[int]) -> None:
    rows = [split_cells(raw_lines[n]) or [] for n in range(start, end)]
    header = 0
    columns = None
    if len(rows) >= 2 and _is_rule(rows[1]) and _header_fields(rows[0]):
        # `| Session | Organisers | Date |` over one row of values: the session's header, not notes
        names = [c.strip(" *_:") for c in rows[0]]
        out[start] = out[start + 1] = ""
        for n in range(start + 2, end):
            cells = rows[n - start]
            out[n] = " | ".join(f"{name}: {value}" for name, value in zip(names, cells, strict=False)
                                if name and value and not EMPTY_CELL.match(value))
        return
    if _label_table(rows):
        # `topic | detail` rows: each row is a labelled point, read as `topic: detail`
        header = 0 if any(re.search(r"\d", c) or len(c.split()) > 2 for c in rows[0]) else 1
        for n in range(start, end):
            cells = rows[n - start]
            out[n] = "" if n < start + header or _is_rule(cells) else f"{cells[0]}: {cells[1]}"
        return
    if len(rows) >= 2 and _is_rule(rows[1]):
        columns = _by_names(rows[0])
        header = 2
        out[start] = out[start + 1] = ""
    elif all(len(c.split()) <= 3 for c in rows[0]) and (columns := _by_names(rows[0])) is not None:
        header = 1  # a header row without a rule under it (a Word table)
        out[start] = ""
    body = [(n, r) for n, r in enumerate(rows[header:], start + header) if not _is_rule(r)]
    for n in range(start + header, end):
        if _is_rule(rows[n - start]):
            out[n] = ""
    if not body:
        return
    columns = columns or _by_cells([r for _, r in body])
    speakers = [r[columns.speaker] if 0 <= columns.speaker < len(r) else "" for _, r in body]
    for at, (n, cells) in enumerate(body):
        out[n] = _rewrite(cells, columns)
        if columns.speaker >= 0 and columns.content >= 0 \
                and _label_row(speakers[at], speakers[:at] + speakers[at + 1:]):
            labels.add(n)
            out[n] = _rewrite([c if i != columns.speaker else "" for i, c in enumerate(cells)], columns)


# a line of a fixed-width table that only rules the header off (`-----  -------`, `=====`)
COLUMN_RULE = re.compile(r"^[\s\-=_+|:]*[-=_]{3,}[\s\-=_+|:]*$")
MIN_COLUMN_LINES = 4  # a two-column layout is told from this many lines of a block on
MIN_GAP = 2  # spaces between the left cell and the right column


def _column(block: list[str]) -> int:
    """The column (0-based) at which the right cell of every line of a fixed-width two-column block
    starts, or -1: every line that is no rule has a non-space character there after at least
    `MIN_GAP` spaces (or its left cell empty), some lines have a left cell and some continue the row
    above with the left cell empty (a cell wrapped over several lines)."""
    rows = [line.replace("\t", "    ").rstrip() for line in block if not COLUMN_RULE.match(line)]
    longest = max((len(line) for line in rows), default=0)
    for column in range(6, min(60, longest - 10)):
        left = right_only = 0
        for line in rows:
            if len(line) <= column or line[column] == " " or line[column - MIN_GAP:column].strip():
                break
            if line[:column].strip():
                left += 1
            else:
                right_only += 1
        else:
            if left >= 2 and right_only >= 1:
                return column
    return -1


def _cell_open(text: str) -> bool:
    """True when a left cell's text goes on into the next line's left cell: an unclosed bracket, a
    comma, a hyphen or a word no name or label ends on (`Lucia Ferreira (Ministry of`)."""
    from assistant.drafting.note_reflow import DANGLING_END

    text = text.rstrip()
    return text.count("(") > text.count(")") or text.endswith((",", "-", "&")) \
        or bool(DANGLING_END.search(text))


def column_rows(raw_lines: list[str]) -> tuple[list[str | None], frozenset[int]]:
    """A two-column table pasted as fixed-width text (a speaker or label cell, then what was said, each
    wrapped over several lines) read row by row: per line, the row's first line as `left cell: right
    text` (the whole left cell, from all its lines), a line that goes on a row as its right text
    alone, a header row over a rule and the rule itself as ""; None for lines outside such a table.
    Also the lines (0-based) that carry on their row (the reflow joins them to it whatever their
    layout). A row opens on a line with a left cell, unless the left cell above is left open
    (`_cell_open`)."""
    out, carried, _labels = _column_table(raw_lines)
    return out, carried


def column_label_rows(raw_lines: list[str]) -> frozenset[int]:
    """The first lines (0-based) of a fixed-width two-column table's rows whose left cell is a label
    among people (`Questions` under `Tom Varga (Digital Public Goods Alliance)`, `_label_row`):
    `column_rows` writes them without the label, and the reader credits them to no one."""
    return _column_table(raw_lines)[2]


def _column_table(raw_lines: list[str]) -> tuple[list[str | None], frozenset[int], frozenset[int]]:
    """(`column_rows`' lines, the lines carrying on a row, `column_label_rows`)."""
    out: list[str | None] = [None] * len(raw_lines)
    carried: set[int] = set()
    labels: set[int] = set()
    blocks: list[list[int]] = [[]]
    for n, line in enumerate(raw_lines):
        if line.strip():
            blocks[-1].append(n)
        elif blocks[-1]:
            blocks.append([])
    for block in blocks:
        if len(block) < MIN_COLUMN_LINES:
            continue
        column = _column([raw_lines[n] for n in block])
        if column < 0:
            continue
        head, left_cell = -1, ""
        cells: dict[int, str] = {}  # each row's first line: its whole left cell
        for n in block:
            line = raw_lines[n].replace("\t", "    ").rstrip()
            if COLUMN_RULE.match(line):
                out[n] = ""
                if head >= 0 and head == n - 1 and not carried & {n - 1}:
                    out[head] = ""  # the header row over the rule
                    head = -1
                continue
            left, right = line[:column].strip(), line[column:].strip()
            if left and not (head >= 0 and _cell_open(left_cell)):
                head, left_cell = n, left
                out[n] = f"{left}: {right}"
                cells[n] = left
                continue
            if head < 0:
                continue
            carried.add(n)
            if left:
                left_cell = f"{left_cell} {left}"
                first = out[head] or ""
                out[head] = f"{left_cell}: {first.split(': ', 1)[1] if ': ' in first else first}"
                cells[head] = left_cell
            out[n] = f"    {right}"
        for n, cell in cells.items():
            first = out[n] or ""
            if ": " in first and _label_row(cell, [c for m, c in cells.items() if m != n]):
                labels.add(n)
                out[n] = first.split(": ", 1)[1]
    return out, frozenset(carried), frozenset(labels)
