"""Notes copied from a thread of social-media posts: each post opens on its number (`9/`, `3/12`).

A live-posted thread numbers its posts `1/`, `2/` … or `1/12`, `2/12` … at the start of each line.
The number is the thread's layout, never part of what was said, so this module rewrites each
numbered post as a bullet of the notes (`- what was said`), keeping its line number, as an outline
number (`3.`) is read. A bare mark (`9/ `) can only be a post's number. A mark with a total (`3/12 `)
reads as a fraction too (`1/3 of clinics`), so it counts only in notes that are a thread: a bare mark
somewhere in them, or `MIN_COUNTED` posts numbered in order over one total.
"""

from __future__ import annotations

import re

# a post's number at the start of a line, then a space and what the post says
THREAD_MARK = re.compile(r"^(?P<indent>\s*)(?P<number>\d{1,3})/(?P<total>\d{1,3})?\s+(?=\S)")
MIN_COUNTED = 3  # posts numbered `k/N` with one total, in rising order, that make the notes a thread


def thread_lines(lines: list[str]) -> list[str | None]:
    """Per line: the line with its post number made a bullet (`9/ crews are …` -> `- crews are …`)
    when the notes are a thread; None for a line left as it is."""
    marks = [THREAD_MARK.match(line) for line in lines]
    found = [m for m in marks if m is not None]
    bare = any(m.group("total") is None for m in found)
    counted = [m for m in found if m.group("total") is not None]
    totals = {m.group("total") for m in counted}
    numbers = [int(m.group("number")) for m in counted]
    in_order = len(counted) >= MIN_COUNTED and len(totals) == 1 and numbers == sorted(set(numbers)) \
        and numbers[-1] <= int(next(iter(totals)))
    if not found or not (bare or in_order):
        return [None] * len(lines)
    out: list[str | None] = []
    for line, mark in zip(lines, marks, strict=True):
        if mark is None or (mark.group("total") is not None
                            and int(mark.group("number")) > int(mark.group("total"))):
            out.append(None)
            continue
        out.append(f"{mark.group('indent')}- {line[mark.end():]}")
    return out
