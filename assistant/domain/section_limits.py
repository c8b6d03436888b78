"""The form's item limits for a section: the one place that cuts a section to them and the one
function that judges a section against them.

Each section of the template states `min_items` and `max_items` (`templates/*.toml`); a
paragraph-shaped section is one item, written from at most `PARAGRAPH_SENTENCES` note sentences.
Both engines and the regenerate-one-section path cut with `capacity`, `room` and `cut_to_limits`;
the coverage check, the draft view and the evaluation judge with `judge_count`, so a section that
one of them calls within the limits is within them for all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from assistant.domain.document import Item
from assistant.domain.template import SectionSpec

PARAGRAPH_SENTENCES = 4  # note sentences a paragraph-shaped section is written from, at most


class HasLimits(Protocol):
    """Anything that states a section's item limits (a `SectionSpec`, a coverage row)."""

    @property
    def min_items(self) -> int: ...

    @property
    def max_items(self) -> int: ...


def capacity(spec: SectionSpec) -> int:
    """How many items a drafter may give the section: one paragraph, or the form's maximum."""
    return 1 if spec.shape == "paragraph" else spec.max_items


def sentence_capacity(spec: SectionSpec) -> int:
    """How many note sentences a drafter may choose for the section (a paragraph joins several)."""
    return PARAGRAPH_SENTENCES if spec.shape == "paragraph" else spec.max_items


def points_wanted(specs: list[SectionSpec]) -> int:
    """How many points the form's minimums ask of these sections, a paragraph aside (it is one item
    written from several sentences): notes that place fewer are short notes, whose long sections
    give way to the short ones and may take half of a two-claim point (the extractive drafter)."""
    return sum(spec.min_items for spec in specs if spec.shape != "paragraph")


def room(spec: SectionSpec, held: int) -> int:
    """How many more items fit in a section that already holds `held`."""
    return max(0, spec.max_items - held)


def cut_to_limits(items: list[Item], spec: SectionSpec) -> list[Item]:
    """The items cut to the form's maximum, items that cite note lines kept before those that cite none."""
    if len(items) <= spec.max_items:
        return items
    return sorted(items, key=lambda i: not i.evidence)[: spec.max_items]


@dataclass(frozen=True)
class LimitJudgement:
    """How a count of items stands against a section's limits."""

    count: int
    within: bool  # lowest <= count <= max_items
    status: str  # "missing" (no items), "too few", "too many" or "ok"
    problems: tuple[str, ...]  # as sentences, e.g. "3 items, below the minimum of 5"


def _items(count: int) -> str:
    """'1 item', '3 items': a count of items in plain English."""
    return f"{count} item" if count == 1 else f"{count} items"


def judge_count(limits: HasLimits, count: int, lowest: int | None = None) -> LimitJudgement:
    """Judge `count` items against the limits; `lowest` replaces the form's minimum where fewer are
    fair (the evaluation asks no more items than the notes hold material for)."""
    low = limits.min_items if lowest is None else lowest
    problems: list[str] = []
    if count and count < low:
        problems.append(f"{_items(count)}, below the minimum of {low}")
    if count > limits.max_items:
        problems.append(f"{_items(count)}, above the maximum of {limits.max_items}")
    if count == 0:
        status = "missing"
    elif count < low:
        status = "too few"
    elif count > limits.max_items:
        status = "too many"
    else:
        status = "ok"
    return LimitJudgement(count=count, within=low <= count <= limits.max_items, status=status,
                          problems=tuple(problems))
