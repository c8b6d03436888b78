"""Header accuracy: a drafted header field against the facts file's, compared as values, not substrings.

- title: equal once normalised (case, punctuation, quotes, spacing);
- organisers: the same words naming the organisations, in any order (connecting words such as
  "and", "with", "&" left out; a few closed abbreviations such as "Univ." read in full); what
  brackets hold ("ITU (Cybersecurity Division)") may be left out, on both sides at once;
- date: the same set of calendar days ("Tue 8 July 2025" = "8 July 2025" = "2025-07-08"; a range
  "8 July 2025 – 12 July 2026" is two days and does not equal one);
- url: equal up to the scheme's and host's case and a trailing slash.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from assistant.corpus.keywords import STOP_WORDS
from assistant.domain.normalise import MONTHS
from assistant.evaluation.metrics import normalise

# closed abbreviations of organisation names (the long form is what the facts files write)
ORG_ABBREVIATIONS = {
    "univ": "university", "uni": "university", "dept": "department", "intl": "international",
    "int'l": "international", "assoc": "association", "govt": "government", "natl": "national",
    "min": "ministry", "inst": "institute", "org": "organisation", "organization": "organisation",
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:[-–—]|to|and)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?"
    rf"\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:\s*(?:[-–—]|to|and)\s*(?P<d2>\d{{1,2}}))?,?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<d1>\d{1,2})\b")
_NUMERIC = re.compile(r"(?<![\d.])(?P<d1>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})(?![\d.])")


def dates(text: str) -> set[tuple[int, int, int]]:
    """Every calendar day a header date names, as (year, month, day)."""
    found: set[tuple[int, int, int]] = set()
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO, _NUMERIC):
        for match in pattern.finditer(text):
            raw = match.group("month")
            month = int(raw) if raw.isdigit() else MONTHS[raw.lower()]
            year = int(match.group("year"))
            first = int(match.group("d1"))
            last = int(match.groupdict().get("d2") or first)
            for day in range(first, max(first, last) + 1):
                found.add((year, month, day))
        text = pattern.sub(" ", text)
    return found


def organisations(text: str, brackets: bool = True) -> frozenset[str]:
    """The words that name the organisations of an organisers field: normalised, closed abbreviations
    read in full, connecting words ("and", "with", "the", "&", "w/") left out; without what brackets
    hold when `brackets` is False."""
    if not brackets:
        text = re.sub(r"\([^()]*\)", " ", text)
    words = (ORG_ABBREVIATIONS.get(w, w) for w in normalise(text).split())
    return frozenset(w for w in words if len(w) > 1 and w not in STOP_WORDS)


def _url(text: str) -> str:
    parts = urlsplit(text.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def same_header(field: str, drafted: str, expected: str) -> bool:
    """True when a drafted header field holds the expected value (see the module docstring)."""
    drafted, expected = str(drafted or "").strip(), str(expected or "").strip()
    if not drafted or not expected:
        return False
    if field == "url":
        return _url(drafted) == _url(expected)
    if field == "organisers":  # the same organisations; a bracketed detail may be left out on both sides
        return organisations(drafted) == organisations(expected) or (
            organisations(drafted, brackets=False) == organisations(expected, brackets=False)
        )
    if field == "date":
        wanted = dates(expected)
        if wanted:
            return dates(drafted) == wanted
    return normalise(drafted).strip(" '\"") == normalise(expected).strip(" '\"")
