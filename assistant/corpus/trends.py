"""Sessions per year per group (Action Line, SDG, organiser or theme), with the sessions behind each count.

`count_trends` works on the indexed documents as `CorpusIndex.documents()` lists them (year,
organisers, tags). A theme ("AI") is not a field of the documents: the caller passes the ids of the
sessions on each theme (the Ask layer finds them by evidence), so this module stays pure counting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.corpus.tags import load_taxonomy, tag_label
from assistant.errors import InputError

GROUPINGS = ("action-line", "sdg", "organiser", "theme")
_YEARS = re.compile(r"^\s*(\d{4})\s*(?:(?:-|–|\.\.|to)\s*(\d{4}))?\s*$")
_ORGANISER_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*", re.IGNORECASE)
_LEADING = re.compile(r"^(?:and|the|with|in cooperation with|in collaboration with)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class SessionRef:
    """A session behind a count."""

    doc_id: str
    title: str
    year: int


@dataclass
class Group:
    """One bar series: a group's sessions per year."""

    key: str
    label: str
    per_year: dict[int, list[SessionRef]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Sessions of this group over all years counted."""
        return sum(len(v) for v in self.per_year.values())


@dataclass
class Trends:
    """Counts of sessions per year per group; `sessions_per_year` is the denominator of shares."""

    by: str
    years: list[int]
    sessions_per_year: dict[int, int]
    groups: list[Group]
    themes: list[str] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Plain data (what `rapporteur trends --json` prints)."""
        return {
            "by": self.by,
            "years": self.years,
            "themes": self.themes,
            "sessions_per_year": {str(y): n for y, n in self.sessions_per_year.items()},
            "undated_sessions": self.undated,
            "groups": [
                {
                    "group": g.key,
                    "label": g.label,
                    "total": g.total,
                    "per_year": {
                        str(y): {
                            "count": len(g.per_year.get(y, [])),
                            "share": round(len(g.per_year.get(y, [])) / self.sessions_per_year[y], 4)
                            if self.sessions_per_year.get(y) else 0.0,
                            "sessions": [{"doc_id": s.doc_id, "title": s.title}
                                         for s in g.per_year.get(y, [])],
                        }
                        for y in self.years
                    },
                }
                for g in self.groups
            ],
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per group and year (for tables and plots): group, label, year, sessions, share."""
        out = []
        for g in self.groups:
            for y in self.years:
                n = len(g.per_year.get(y, []))
                share = n / self.sessions_per_year[y] if self.sessions_per_year.get(y) else 0.0
                out.append({"group": g.key, "label": g.label, "year": y, "sessions": n, "share": share})
        return out

    def sessions_behind(self, group: str, year: int | None = None) -> list[SessionRef]:
        """The sessions counted in one bar (or in every year of a group when year is None)."""
        for g in self.groups:
            if g.key == group or g.label == group:
                if year is None:
                    return [s for y in self.years for s in g.per_year.get(y, [])]
                return list(g.per_year.get(year, []))
        return []


def parse_years(text: str | None) -> tuple[int, int] | None:
    """"2023-2025" or "2024" -> (first, last); None for no restriction; InputError otherwise."""
    if not text:
        return None
    match = _YEARS.match(text)
    if not match:
        raise InputError(f"--years {text!r}: write one year (2024) or a range (2023-2025)")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise InputError(f"--years {text!r}: the range ends before it starts")
    return first, last


def organiser_names(line: str) -> list[str]:
    """The organisations on an organisers line, one name each ("ITU, UNDP and X" -> three).

    Parenthesised remarks stay with their name ("ITU (WSIS Secretariat)"), and commas inside them
    do not split it.
    """
    names: list[str] = []
    depth, current = 0, ""
    pieces: list[str] = []
    for ch in line:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if depth == 0 and ch in ",;":
            pieces.append(current)
            current = ""
        else:
            current += ch
    pieces.append(current)
    for piece in pieces:
        parts = [piece] if "(" in piece else _ORGANISER_SPLIT.split(piece)
        for part in parts:
            name = _LEADING.sub("", " ".join(part.split())).strip(" .")
            if name and name.lower() not in {n.lower() for n in names}:
                names.append(name)
    return names


def _groups_of(info: Any, by: str, taxonomy: Any,
               theme_sessions: Mapping[str, set[str]]) -> list[tuple[str, str]]:
    if by == "action-line":
        return [(t.id, f"{t.label} – {taxonomy.get(t.id).name}" if taxonomy.get(t.id) else t.label)
                for t in info.tags if t.kind == "action_line"]
    if by == "sdg":
        return [(t.id, f"{t.label} – {taxonomy.get(t.id).name}" if taxonomy.get(t.id) else t.label)
                for t in info.tags if t.kind == "sdg"]
    if by == "organiser":
        return [(name, name) for name in organiser_names(info.organisers)]
    return [(theme, theme) for theme, ids in theme_sessions.items() if info.doc_id in ids]


def count_trends(documents: Iterable[Any], by: str = "action-line",
                 years: tuple[int, int] | None = None,
                 theme_sessions: Mapping[str, set[str]] | None = None,
                 restrict_to: set[str] | None = None, top: int | None = None) -> Trends:
    """Count sessions per year per group.

    `documents` are `DocumentInfo`s; `theme_sessions` maps each theme to the ids of its sessions
    (needed for by="theme"); `restrict_to` keeps only these session ids (e.g. one theme's sessions
    when grouping by organiser); `top` keeps the groups with the most sessions.
    """
    if by not in GROUPINGS:
        raise InputError(f"--by {by!r}: choose one of {', '.join(GROUPINGS)}")
    themes = dict(theme_sessions or {})
    if by == "theme" and not themes:
        raise InputError("--by theme needs at least one --theme, e.g. --theme \"AI\"")
    taxonomy = load_taxonomy()
    documents = list(documents)
    docs = [d for d in documents if restrict_to is None or d.doc_id in restrict_to]
    undated = sorted(d.doc_id for d in docs if not d.year)
    dated = [d for d in docs if d.year and (years is None or years[0] <= d.year <= years[1])]
    year_list = list(range(years[0], years[1] + 1)) if years else sorted({d.year for d in dated})
    # the denominator of a share is every session of that year (before any theme restriction)
    all_dated = [d for d in documents if d.year and d.year in year_list]
    per_year = {y: sum(1 for d in all_dated if d.year == y) for y in year_list}
    groups: dict[str, Group] = {}
    if by in {"action-line", "sdg"}:  # every line or goal is a group, so "least attention" can be zero
        kind = "action_line" if by == "action-line" else "sdg"
        for spec in taxonomy.specs:
            if spec.kind == kind:
                groups[spec.id] = Group(spec.id, f"{spec.label} – {spec.name}")
    for info in sorted(dated, key=lambda d: (d.year, d.doc_id)):
        ref = SessionRef(info.doc_id, info.title or info.doc_id, int(info.year))
        for key, label in _groups_of(info, by, taxonomy, themes):
            group = groups.setdefault(key, Group(key, label))
            group.per_year.setdefault(ref.year, []).append(ref)
    order = {s.id: n for n, s in enumerate(taxonomy.specs)}
    ranked = sorted(groups.values(), key=lambda g: (-g.total, order.get(g.key, len(order)), g.key.lower()))
    if top:
        ranked = ranked[:top]
    if by in {"action-line", "sdg"}:  # read in the order of the lines and goals, not by size
        ranked.sort(key=lambda g: order.get(g.key, len(order)))
    return Trends(by=by, years=year_list, sessions_per_year=per_year, groups=ranked,
                  themes=list(themes), undated=undated)


def group_label(key: str) -> str:
    """A tag id as people write it; other keys as they are."""
    return tag_label(key) if load_taxonomy().get(key) else key
