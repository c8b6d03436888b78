"""Reads the plain text of a real-world outcome document into an `OutcomeDocument`.

Real documents arrive with odd heading spacing, assorted bullet marks, bare paragraphs,
page-break debris and missing sections. The parser recognises section headings by the template's
patterns, never invents a section it did not find, and treats everything before the first heading
as the header.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.domain.document import Header, Item, OutcomeDocument, Section
from assistant.domain.normalise import MONTHS as MONTH_NUMBERS
from assistant.domain.normalise import find_date
from assistant.domain.template import SectionSpec, Template, load_template

BULLET = re.compile(r"^(?:[-•*◦▪●·–—‣○■□➢►✓]|\(?\d{1,2}[.)]|\(?[a-hA-H][.)])\s+(?P<text>.*)$")
PAGE_DEBRIS = re.compile(
    r"^(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$", re.IGNORECASE
)
FORM_TITLE = re.compile(r"^session\s+outcome\s+document$", re.IGNORECASE)
PART_LINE = re.compile(
    r"^(?:\(?\d{1,2}[.)]|\(?[a-dA-D][.)]|[-•*])?\s*"
    r"(?P<name>emerging\s+trends?|challenges?|achievements?|opportunit(?:y|ies))"
    r"\s*(?:[:.\-–—]\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
HEADER_LABEL = re.compile(
    r"^(?P<label>session\s+title|title|organi[sz]ers?|organi[sz]ed\s+by|date\s+and\s+time|date"
    r"|time|session\s+url|url|link)\s*[:：]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
URL = re.compile(r"https?://\S+", re.IGNORECASE)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
DATE_LIKE = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{MONTHS})\b|(?:{MONTHS})\s+\d{{1,2}}\b|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}:\d{{2}})",
    re.IGNORECASE,
)
_MONTH_WORDS = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
# "27th of May 2024" -> "27 May 2024"; "27–28 May" -> "27 May"; "May 27–28, 2024" -> "May 27, 2024"
_ORDINAL_OF = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?=(?:{_MONTH_WORDS})\b)",
                         re.IGNORECASE)
_DAY_SPAN_FIRST = re.compile(r"\b(\d{1,2})\s*(?:[–—-]|to)\s*\d{1,2}(?=\s*,?\s*[A-Za-z]|,?\s+\d{4})")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_WORDS})\b\.?|\b({_MONTH_WORDS})\.?\s+(\d{{1,2}})\b(?!:)",
                        re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?<![\d:.])(20\d\d)(?![\d:])")
_ISO_T = re.compile(r"\b(\d{4}-\d{2}-\d{2})T(?=\d)")
_CLOCK = re.compile(r"\b\d{1,2}[:h.]\d{2}\b(?:\s*(?:am|pm)\b)?(?![./-]\d)", re.IGNORECASE)
MAX_DATE_CHARS = 40  # a longer date line (with times, places, remarks) keeps only its date
TERMINAL = ('.', '!', '?', ':', ';', '"', '”', ')', "'")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)
PART_IDS = {
    "emerging": "emerging_trends",
    "challeng": "challenges",
    "achievem": "achievements",
    "opportun": "opportunities",
}


def normalise_text(text: str) -> str:
    """Unify line ends, spaces and invisible characters so the parser sees plain lines."""
    text = unicodedata.normalize("NFC", text).translate(ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def clean_inline(text: str) -> str:
    """Collapse whitespace and strip Markdown emphasis and heading marks around a line."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^#{1,6}\s*", "", text)
    text = re.sub(r"^(\*\*|__)(.*?)(\*\*|__)(\s*:?)$", r"\2\4", text)
    return text.strip()


def _heading_text(line: str) -> str:
    """A line reduced to what a heading match looks at (no marks, numbering or trailing colon)."""
    text = clean_inline(line).replace("**", "").replace("__", "")
    text = re.sub(r"^(?:\d{1,2}[.)]|[IVX]{1,4}[.)])\s*", "", text)
    return text.rstrip(":").strip()


def _match_section(line: str, template: Template, seen: set[str]) -> SectionSpec | None:
    """The section a line is the heading of, if it is one (a bullet line is never a heading)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 400:
        return None
    if BULLET.match(stripped) and not stripped.startswith(("#", "**")):
        return None
    text = _heading_text(stripped)
    for spec in template.sections:
        if spec.id not in seen and spec.matches_heading(text):
            return spec
    return None


def _heading_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z+]+", text.lower())}


def _continues_heading(heading: str, line: str, spec: SectionSpec) -> bool:
    """True when `line` is the wrapped rest of a section heading rather than its first item."""
    if not line or BULLET.match(line):
        return False
    if heading.count("(") > heading.count(")"):
        return True
    if line[:1].islower() and not _ends_sentence(heading):
        return True
    # "… included in the WSIS" / "Forum 2026 (one paragraph)": every word is a heading word
    words = _heading_words(line)
    return (
        not heading.rstrip().endswith(")")
        and bool(words)
        and len(line.split()) <= 12
        and words <= _heading_words(spec.heading)
    )


def _part_id(name: str) -> str:
    """Map a part heading word (any inflection) to the template's part id."""
    return PART_IDS[name.lower()[:8]]


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL)


def document_date(line: str) -> str | None:
    """The calendar date a header line gives, as `D Month YYYY`, whatever else the line carries
    (times, time zones, places, remarks): "27 May 2024, 17:00–18:00 (CEST), Geneva – …",
    "Tuesday 27th of May 2024", "May 27–28, 2024 | 10:00", "2024-05-27T17:00", or a day and month
    with the year elsewhere on the line ("Wed 27 May · WSIS Forum 2024"). None without a full date."""
    text = _CLOCK.sub(" ", _ISO_T.sub(r"\1 ", line))  # "10:30 May 2024" holds no 30 May
    text = _ORDINAL_OF.sub(r"\1 ", text)
    text = _DAY_SPAN_FIRST.sub(r"\1", text)
    found = find_date(text)
    if found:
        return found
    day_month = _DAY_MONTH.search(text)
    years = set(_YEAR_ONLY.findall(text))
    if day_month and len(years) == 1:
        day = day_month.group(1) or day_month.group(4)
        month = (day_month.group(2) or day_month.group(3)).lower()
        return find_date(f"{int(day)} {month} {years.pop()}")
    return None


def _header_date(value: str) -> str:
    """A date field as stored: the line itself when it is short, else the date it holds."""
    if len(value) <= MAX_DATE_CHARS and find_date(value):
        return value
    return document_date(value) or value


def _parse_header(lines: list[str]) -> Header:
    """Read header fields from labelled lines ("Date: …") or, unlabelled, by their shape."""
    fields: dict[str, str] = {}
    loose: list[str] = []
    for raw in lines:
        line = clean_inline(raw).replace("**", "").strip()
        if not line or FORM_TITLE.match(line):
            continue
        labelled = HEADER_LABEL.match(line)
        if labelled:
            label = labelled.group("label").lower()
            value = labelled.group("value").strip()
            key = (
                "title" if "title" in label
                else "organisers" if label.startswith("organi")
                else "url" if label in {"url", "link", "session url"}
                else "date"
            )
            if key == "url":
                value = value.strip("<>")
            if key == "date" and fields.get("date"):
                value = f"{fields['date']}, {value}"
            fields[key] = value
            continue
        loose.append(line)
    for line in loose:
        url = URL.search(line)
        if url and not fields.get("url"):
            fields["url"] = url.group(0).strip("<>").rstrip(">.,;")
        elif not fields.get("date") and (
                (DATE_LIKE.search(line) and len(line) < 80) or document_date(line)):
            fields["date"] = line
        elif not fields.get("title"):
            fields["title"] = line
        elif not fields.get("organisers"):
            fields["organisers"] = line
    if fields.get("date"):
        fields["date"] = _header_date(fields["date"])
    return Header(**fields)


class _SectionBuilder:
    """Accumulates the items of one section while lines stream in."""

    def __init__(self, spec: SectionSpec, heading: str) -> None:
        self.spec = spec
        self.heading = heading
        self.items: list[Item] = []
        self.part: str | None = None
        self.open = False  # the last item may take continuation lines

    def add_part(self, part_id: str) -> None:
        self.part = part_id
        self.open = False

    def start_item(self, text: str) -> None:
        self.items.append(Item(text=text, part=self.part if self.spec.parts else None))
        self.open = True

    def paragraph_line(self, text: str, after_blank: bool) -> None:
        last = self.items[-1] if self.items else None
        same_part = last is not None and last.part == (self.part if self.spec.parts else None)
        continues = last is not None and same_part and (
            (self.open and not after_blank)
            or (text[:1].islower() and not _ends_sentence(last.text))
        )
        if continues and last is not None:
            last.text = f"{last.text} {text}"
            self.open = True
        else:
            self.start_item(text)

    def build(self) -> Section:
        items = [Item(text=clean_inline(i.text), part=i.part) for i in self.items]
        items = [i for i in items if i.text]
        if len(items) > 1 and items[0].text.endswith(":") and len(items[0].text.split()) <= 12:
            items = items[1:]  # a lead-in such as "Key issues discussed in the session:"
        return Section(id=self.spec.id, heading=self.heading, items=items)


def parse_outcome(
    text: str, *, doc_id: str = "", source: str = "", template: Template | None = None
) -> OutcomeDocument:
    """Parse the plain text of an outcome document into header, sections and items."""
    template = template or load_template()
    lines = normalise_text(text).split("\n")
    header_lines: list[str] = []
    sections: list[_SectionBuilder] = []
    seen: set[str] = set()
    current: _SectionBuilder | None = None
    after_blank = True
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        if not line or PAGE_DEBRIS.match(line) or FORM_TITLE.match(clean_inline(line)):
            after_blank = True
            if current is not None and not line:
                current.open = False
            continue
        spec = _match_section(line, template, seen)
        if spec is not None:
            heading = clean_inline(line).replace("**", "")
            # a long heading wrapped over several lines (as PDFs do) is taken whole
            while index < len(lines) and _continues_heading(heading, lines[index].strip(), spec):
                heading = f"{heading} {clean_inline(lines[index])}"
                index += 1
            seen.add(spec.id)
            current = _SectionBuilder(spec, heading.rstrip(":").strip())
            sections.append(current)
            after_blank = True
            continue
        if current is None:
            header_lines.append(line)
            continue
        if current.spec.parts:
            part = PART_LINE.match(clean_inline(line).replace("**", ""))
            if part:
                current.add_part(_part_id(part.group("name")))
                rest = (part.group("rest") or "").strip()
                if rest:
                    current.start_item(rest)
                after_blank = False
                continue
        bullet = BULLET.match(line)
        if bullet:
            current.start_item(bullet.group("text"))
        else:
            current.paragraph_line(clean_inline(line), after_blank)
        after_blank = False
    order = {sid: n for n, sid in enumerate(template.section_ids)}
    built = sorted((b.build() for b in sections), key=lambda s: order[s.id])
    return OutcomeDocument(
        header=_parse_header(header_lines),
        sections=built,
        template_id=template.id,
        doc_id=doc_id,
        source=source,
    )
