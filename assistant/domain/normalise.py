"""Text normalisation shared by the notes reader, the drafters and the grounding check.

Notes are typed fast: `govts`, `w/o`, `2.6bn`, `Sept 2024`, `Q2 2026`. Two jobs live here:
expanding note-taking abbreviations that have one safe meaning, and reading the facts a sentence
states (numbers with their scale, months, quarters, identifiers such as `C7` or `5G`) into
comparable values, so that `2.6bn` and `2.6 billion`, or `40%` and `forty per cent`, compare equal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from assistant.domain.language import month_forms, month_numbers

# Abbreviations with one meaning in session notes. Ambiguous ones (`min`, `pt`, `dev`, `elec`,
# `conn`, `reg`) are left alone on purpose: expanding them wrongly would change a fact.
SAFE_ABBREVIATIONS: dict[str, str] = {
    "govts": "governments",
    "govt": "government",
    "gov'ts": "governments",
    "gov't": "government",
    "ppl": "people",
    "w/o": "without",
    "w/in": "within",
    "w/": "with",
    "b/c": "because",
    "bc": "because",
    "approx": "approximately",
    "esp": "especially",
    "incl": "including",
    "yrs": "years",
    "yr": "year",
    "natl": "national",
    "intl": "international",
    "int'l": "international",
    "univ": "University",
    "dept": "department",
    "depts": "departments",
    "mgmt": "management",
    "hlth": "health",
    "svcs": "services",
    "svc": "service",
    "orgs": "organisations",
    "shd": "should",
    "shld": "should",
    "thru": "through",
    "tmed": "telemedicine",
    "facs": "facilities",
    "bldg": "building",
    "avg": "average",
    "msg": "message",
    "msgs": "messages",
    "eval": "evaluation",
    "govs": "governments",
    "cos": "companies",
    "reqs": "requirements",
    "recs": "recommendations",
    "w.r.t.": "with regard to",
    "wrt": "with regard to",
    "abt": "about",
    "tho": "though",
    "sth": "something",
    "nb": "note",
    "collab": "collaboration",
    "opps": "opportunities",
    "infra": "infrastructure",
    "educ": "education",
    "env": "environment",
    "sust. dev": "sustainable development",
    "sust": "sustainable",
    "regs": "regulations",
    "biz": "business",
    "govt's": "government's",
    # missing apostrophes: spelling fixes that keep a negation readable as one
    "doesnt": "doesn't", "dont": "don't", "cant": "can't", "isnt": "isn't", "arent": "aren't",
    "wasnt": "wasn't", "werent": "weren't", "shouldnt": "shouldn't", "wouldnt": "wouldn't",
    "couldnt": "couldn't", "didnt": "didn't", "havent": "haven't", "hasnt": "hasn't",
    "wont": "won't", "thats": "that's", "theyre": "they're",
}
_ABBR_ALTERNATION = "|".join(
    re.escape(k) for k in sorted(SAFE_ABBREVIATIONS, key=len, reverse=True)
)
ABBREVIATION = re.compile(
    rf"(?<![\w/'’])(?P<abbr>{_ABBR_ALTERNATION})(?P<dot>\.)?(?![\w'’]|/\w)", re.IGNORECASE
)

# ISO currency codes as notes write them, and the words a report writes instead (CHF 10m / Swiss francs).
CURRENCY_CODES: dict[str, str] = {
    "CHF": "Swiss francs", "USD": "US dollars", "EUR": "euros", "GBP": "pounds sterling",
    "JPY": "Japanese yen", "CNY": "Chinese yuan", "INR": "Indian rupees", "KES": "Kenyan shillings",
    "NGN": "Nigerian naira", "ZAR": "South African rand", "BRL": "Brazilian reais",
    "CAD": "Canadian dollars", "AUD": "Australian dollars", "XOF": "CFA francs", "XAF": "CFA francs",
}
_CURRENCY_NAMES = {
    form: code for code, name in CURRENCY_CODES.items() for form in (name.lower(), name.lower().rstrip("s"))
}
CURRENCY = re.compile(
    r"(?-i:\b(?:" + "|".join(CURRENCY_CODES) + r")\b)|\b(?:"
    + "|".join(re.escape(n) for n in sorted(_CURRENCY_NAMES, key=len, reverse=True)) + r")s?\b",
    re.IGNORECASE,
)

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
MONTHS.update(month_numbers())  # French, Spanish and Arabic month names (templates/languages/*.toml)
_MONTH_ALTERNATION = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6,
    "mn": 1e6, "mln": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}
# Words that state a quantity without digits ("halved", "doubled").
QUANTITY_WORDS = {
    "half": 0.5, "halved": 0.5, "halve": 0.5, "halving": 0.5, "doubled": 2.0, "double": 2.0,
    "doubling": 2.0, "twice": 2.0, "tripled": 3.0, "triple": 3.0, "threefold": 3.0,
    "quarter": 0.25, "third": 1 / 3,
}

# Fractions written out ("two thirds", "two-thirds", "a quarter", "three fifths"): a share between 0 and 1.
FRACTION_WORDS = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
    "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10,
}
SPELLED_FRACTION = re.compile(
    r"\b(?P<count>an?|one|two|three|four|five|seven|nine|[1-9])(?:\s+|-)(?P<part>halves|half|thirds?|quarters?"
    r"|fifths?|tenths?)\b(?!\s+of\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)
_SCALE_ALTERNATION = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))
_WORD_NUMBER_ALTERNATION = "|".join(sorted(UNITS, key=len, reverse=True))
NUMBER = re.compile(
    rf"(?<![\w.,])(?P<apos>['’](?=\d{{2}}\b))?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s*(?P<scale>{_SCALE_ALTERNATION})\b)?"
    rf"(?P<suffix>st|nd|rd|th|s)?(?![\w])",
    re.IGNORECASE,
)
WORD_NUMBER = re.compile(
    rf"\b(?P<words>(?:{_WORD_NUMBER_ALTERNATION})(?:[\s-]+(?:{_WORD_NUMBER_ALTERNATION}))*)"
    rf"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)s?)?\b",
    re.IGNORECASE,
)
_RUN = rf"(?:{_WORD_NUMBER_ALTERNATION})(?:[\s-]+(?:{_WORD_NUMBER_ALTERNATION}))*"
_BIG = r"(?:hundred|thousand|million|billion|trillion)s?"
# A number written in words with a scale inside it (`six hundred and ninety-one`, `two thousand three
# hundred`, `one million two hundred thousand`): read whole, never as its pieces (600 and 91).
COMPOUND_WORD_NUMBER = re.compile(
    rf"\b{_RUN}(?:\s+{_BIG})+(?:\s+(?:and\s+)?{_RUN}(?:\s+{_BIG})*)*\b", re.IGNORECASE
)
IDENTIFIER = re.compile(r"\b(?=[A-Za-z-]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*\b")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
QUARTER_WORDS = re.compile(
    r"\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b(?:\s+of)?", re.IGNORECASE
)
QUARTER_TOKEN = re.compile(r"\bQ(?P<q>[1-4])\b", re.IGNORECASE)
HALF_WORDS = re.compile(r"\b(?P<ord>first|second|1st|2nd)\s+half\b(?:\s+of)?", re.IGNORECASE)
HALF_TOKEN = re.compile(r"\bH(?P<h>[12])\b")
MONTH = re.compile(rf"\b(?P<month>{_MONTH_ALTERNATION})\b\.?", re.IGNORECASE)
PERCENT_WORDS = re.compile(r"\s*(?:per\s*cent|percent|pct)\b", re.IGNORECASE)
_QUARTER_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
                "4th": 4}
# Quarters and halves of a year, as `Q3` / `H1`, from words ("third quarter of") or tokens ("Q3"),
# in the order they are read (each is masked before the next pattern runs).
_PERIODS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (QUARTER_WORDS, lambda m: f"Q{_QUARTER_ORD[m.group('ord').lower()]}"),
    (QUARTER_TOKEN, lambda m: f"Q{m.group('q')}"),
    (HALF_WORDS, lambda m: f"H{1 if m.group('ord').lower() in {'first', '1st'} else 2}"),
    (HALF_TOKEN, lambda m: f"H{m.group('h')}"),
)


def _case_like(source: str, expansion: str) -> str:
    """Give an expansion the capitalisation of the abbreviation it replaces."""
    if expansion[0].isupper():
        return expansion
    if source[:1].isupper():
        return expansion[0].upper() + expansion[1:]
    return expansion


def expand_abbreviations(text: str) -> str:
    """Expand the note-taking abbreviations that have a single safe meaning (`govts` -> governments)."""

    def replace(match: re.Match[str]) -> str:
        abbr = match.group("abbr")
        expansion = SAFE_ABBREVIATIONS[abbr.lower()]
        # "w/" eats its slash; keep a space before the next word
        if abbr.endswith("/"):
            return _case_like(abbr, expansion) + " "
        # the full stop of "ppl. Jelassi said" also ends a sentence: keep it there
        ends_sentence = match.group("dot") and re.match(r"\s+[A-Z]|\s*$", match.string[match.end():])
        return _case_like(abbr, expansion) + ("." if ends_sentence else "")

    expanded = ABBREVIATION.sub(replace, text)
    return re.sub(r"[ \t]{2,}", " ", expanded)


def name_currencies(text: str) -> str:
    """Currencies written one way: codes and names both become the code (`Swiss francs` -> CHF)."""

    def canonical(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in CURRENCY_CODES:
            return word
        return _CURRENCY_NAMES.get(word.lower(), _CURRENCY_NAMES.get(word.lower()[:-1], word))

    return CURRENCY.sub(canonical, text)


def _round(value: float) -> float:
    """Values compare at six significant digits (1.3 million == 1,300,000)."""
    if value == 0:
        return 0.0
    return float(f"{value:.6g}")


def _compound_value(words: str) -> float:
    """The value of a number written in words with scales inside it (`six hundred and ninety-one`)."""
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", words.lower()):
        word = word.rstrip("s") if word.rstrip("s") in SCALE_WORDS else word
        if word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current *= 100
        elif word in SCALE_WORDS:
            total += current * SCALE_WORDS[word]
            current = 0.0
    return total + current


def _words_value(words: str) -> float | None:
    total = 0.0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in UNITS:
            total += UNITS[word]
        elif word:
            return None
    return total


@dataclass
class Facts:
    """The checkable facts of a text: numeric values, months, quarters and identifiers."""

    numbers: list[float] = field(default_factory=list)
    months: set[int] = field(default_factory=set)
    quarters: set[str] = field(default_factory=set)
    identifiers: set[str] = field(default_factory=set)
    times: set[str] = field(default_factory=set)
    labels: dict[float, str] = field(default_factory=dict)
    proportions: list[tuple[str, float, float]] = field(default_factory=list)


_NUMBER_OR_WORD = rf"(?:\d+|{_WORD_NUMBER_ALTERNATION})"
# "four in five", "1 out of 3", "one in every ten": a share written as a ratio (compared as 80 %, …)
PROPORTION = re.compile(
    rf"(?<![\d,.])\b(?P<part>{_NUMBER_OR_WORD})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<whole>{_NUMBER_OR_WORD})\b",
    re.IGNORECASE,
)
# "end-2022", "mid-2025", "pre-2020": a lowercase word glued to a year is no identifier
WORD_DASH_NUMBER = re.compile(r"\b(?P<word>[a-z]{2,})-(?=(?:19|20)\d\d\b)")  # years only: covid-19 stays
# "2022-31", "2022–2031": a range of years; the short end takes the century of the first
YEAR_RANGE = re.compile(r"\b(?P<first>(?:19|20)\d\d)\s*[-–/]\s*(?P<last>\d\d|(?:19|20)\d\d)\b(?![-/.]\d)")


MULTIPLIER = re.compile(
    r"(?<![\w.])(?:[x×]\s?(?P<a>\d)|(?P<b>\d{1,2})\s?(?:[x×]|-?fold))(?![\w.])", re.IGNORECASE
)
AND_A_HALF = re.compile(
    rf"\b(?P<whole>\d+|{_WORD_NUMBER_ALTERNATION})\s+and\s+a\s+half\b"
    r"(?:\s+(?P<scale>hundred|thousand|millions?|billions?|trillion))?",
    re.IGNORECASE,
)


def _number_value(token: str) -> float | None:
    """The value of a figure written in digits or in words (`5`, `five`)."""
    if token.isdigit():
        return float(token)
    return _words_value(token)


def _spell_out_dates(text: str) -> str:
    """Numeric dates, year ranges and `end-2022` rewritten as words, so they read like prose.

    `30/05/22` becomes `30 May 2022` (day first, the international order), `2022-05-30` the same,
    `2022-31` becomes `2022 to 2031`.
    """

    def numeric(match: re.Match[str]) -> str:
        day, month, year = int(match.group("day")), int(match.group("month")), int(match.group("year"))
        year += 2000 if year < 100 else 0
        try:
            date(year, month, day)
        except ValueError:
            return match.group(0)
        return f"{day} {month_name(month)} {year}"

    text = DATE_ISO.sub(numeric, text)
    text = DATE_NUMERIC.sub(numeric, text)

    def years(match: re.Match[str]) -> str:
        first, last = match.group("first"), match.group("last")
        if len(last) == 2:
            last = first[:2] + last
        return f"{first} to {last}" if int(last) > int(first) else match.group(0)

    text = YEAR_RANGE.sub(years, text)
    return WORD_DASH_NUMBER.sub(lambda m: m.group("word") + " ", text)


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    """Blank out matches (same length) so later patterns do not read them again."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def read_facts(text: str, generous: bool = False) -> Facts:
    """Read the numbers, months, quarters and identifiers a text states.

    `generous` is used for evidence: it also reads ordinal words ("first" = 1), a lone "one",
    "half" as 50 and the parts of fractions, so that a faithful claim is never refused because
    the notes wrote a figure another way. Claims are read strictly.
    """
    facts = Facts()
    text = _spell_out_dates(text)

    def add(value: float, label: str) -> None:
        value = _round(value)
        facts.numbers.append(value)
        facts.labels.setdefault(value, label)

    for match in TIME.finditer(text):
        facts.times.add(match.group(0))
    text = _mask(text, TIME)
    for pattern, period in _PERIODS:
        facts.quarters.update(period(match) for match in pattern.finditer(text))
        text = _mask(text, pattern)
    for match in MONTH.finditer(text):
        word = match.group("month")
        if word.lower() == "may" and not _looks_like_month_may(text, match):
            continue
        if word.lower() in {"mar", "dec", "jan"} and word[0].islower():
            continue  # "mar", "dec" in lowercase notes are rarely months
        facts.months.add(MONTHS[word.lower()])
    shares = []
    for match in PROPORTION.finditer(text):
        part, whole = _number_value(match.group("part")), _number_value(match.group("whole"))
        if part is None or not whole or part >= whole or whole > 1000:
            continue  # "500 in 2024" is a figure and a year, not a share
        facts.proportions.append((match.group(0), part, whole))
        shares.append(match.span())
        if generous:  # "1 in 3" is 33 % and a third
            add(100 * part / whole, match.group(0))
            add(part / whole, match.group(0))
    if not generous:  # only the shares are blanked: "500 in 2024" keeps both its numbers
        for start, end in shares:
            text = text[:start] + " " * (end - start) + text[end:]
    for match in MULTIPLIER.finditer(text):  # "x2", "2x", "3-fold": the factor, as "double" reads
        add(float(match.group("a") or match.group("b")), match.group(0))
    text = _mask(text, MULTIPLIER)
    for match in AND_A_HALF.finditer(text):  # "one and a half million" = 1.5 million
        whole, scale = _number_value(match.group("whole")), match.group("scale")
        if whole is not None:
            add((whole + 0.5) * (SCALE_WORDS[scale.lower()] if scale else 1), match.group(0))
    text = _mask(text, AND_A_HALF)
    for match in IDENTIFIER.finditer(text):
        token = match.group(0)
        if NUMBER.fullmatch(token) or re.fullmatch(r"['’]?\d+(st|nd|rd|th|s)", token, re.IGNORECASE):
            continue
        if re.fullmatch(rf"\d+(?:\.\d+)?(?:{_SCALE_ALTERNATION})", token, re.IGNORECASE):
            continue
        facts.identifiers.add(token.lower())
    text = IDENTIFIER.sub(
        lambda m: m.group(0) if re.fullmatch(
            rf"\d+(?:\.\d+)?(?:{_SCALE_ALTERNATION}|st|nd|rd|th|s)?", m.group(0), re.IGNORECASE
        ) else " " * len(m.group(0)),
        text,
    )
    for match in NUMBER.finditer(text):
        raw = match.group("num").replace(",", "")
        value = float(raw)
        if match.group("apos") and len(raw) == 2:
            value = 2000 + value  # '24 -> 2024
        scale = match.group("scale")
        if scale:
            value *= SCALE_WORDS[scale.lower()]
        add(value, match.group(0).strip())
    for match in SPELLED_FRACTION.finditer(text):
        count = match.group("count").lower()
        number = 1 if count in {"a", "an", "one"} else _number_value(count)
        if number is not None:
            add(number * FRACTION_WORDS[match.group("part").lower()], match.group(0))
    text = _mask(text, SPELLED_FRACTION)
    if generous:  # a share as a percentage or as a fraction: 25% is a quarter, a quarter is 25%
        for match in re.finditer(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*%", text):
            add(float(match.group(1)) / 100, match.group(0))
    fractions = re.finditer(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])", text)
    for match in fractions:
        num, den = int(match.group(1)), int(match.group(2))
        if den:
            add(num / den, match.group(0))
            if generous:
                add(100 * num / den, match.group(0))
    compounds = list(COMPOUND_WORD_NUMBER.finditer(text))
    for match in compounds:
        add(_compound_value(match.group(0)), match.group(0))
    for match in WORD_NUMBER.finditer(text):
        if any(c.start() <= match.start() < c.end() for c in compounds):
            continue  # a piece of a number read whole above
        words, scale = match.group("words"), match.group("scale")
        spelled = _words_value(words)
        if spelled is None:
            continue
        if words.lower() == "one" and not scale and not generous:
            continue  # "one of the speakers" is not a figure
        if scale:
            spelled *= SCALE_WORDS[scale.lower().rstrip("s")]
        add(spelled, match.group(0))
    lowered = text.lower()
    for word, value in QUANTITY_WORDS.items():
        if re.search(rf"\b{word}\b", lowered):
            if word in {"third", "quarter"} and not re.search(rf"\b(?:a|one)\s+{word}\b", lowered):
                continue
            add(value, word)
            if generous and value == 0.5:
                add(50, word)
    if generous:
        for word, value in ORDINAL_WORDS.items():
            if re.search(rf"\b{word}\b", lowered):
                add(value, word)
        if re.search(r"\bone\b", lowered):
            add(1, "one")
        for value in list(facts.numbers):
            if value == 50:
                add(0.5, "50%")
    return facts


def _looks_like_month_may(text: str, match: re.Match[str]) -> bool:
    """'May' is a month only next to a day or a year ('29 May', 'May 2024')."""
    before = text[max(0, match.start() - 4):match.start()]
    after = text[match.end():match.end() + 6]
    return bool(re.search(r"\d\s*$", before) or re.match(r"\s*\d", after))


def month_name(number: int) -> str:
    """The English name of a month (1-12)."""
    return MONTH_NAMES[number - 1]


DATE_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{_MONTH_ALTERNATION})\.?,?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
DATE_MDY = re.compile(
    rf"\b(?P<month>{_MONTH_ALTERNATION})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
# Month names in other languages with their short forms (templates/languages/*.toml):
# `8 juillet 2025`, `10 de julio de 2025`, `3 janv. 2025`
FOREIGN_MONTHS: dict[str, int] = month_forms()
DATE_FOREIGN = re.compile(
    r"(?<![\w-])(?P<day>\d{1,2})(?:er|º|°)?\s+(?:de\s+)?(?P<month>"
    + "|".join(re.escape(m) for m in sorted(FOREIGN_MONTHS, key=len, reverse=True))
    + r")\.?,?\s+(?:de(?:l)?\s+)?(?P<year>\d{4})\b",
    re.IGNORECASE,
)
# `2025-07-04`, and `2025-07-04T10:00` with its time
DATE_ISO = re.compile(  # year first, with dashes or slashes (2025-07-09, 2025/07/09)
    r"\b(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?:\b|(?=T\d))")
DATE_NUMERIC = re.compile(r"(?<![\d/])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{2}|\d{4})(?![\d/])")
# a dashed date, day first (`30-05-2024`, `30-May-2024`): never a year first (that is `DATE_ISO`)
DATE_DASHED = re.compile(
    rf"(?<![\d-])(?P<day>\d{{1,2}})-(?P<month>\d{{1,2}}|{_MONTH_ALTERNATION})\.?-(?P<year>\d{{4}})(?![\d-])",
    re.IGNORECASE,
)
# a two-digit year after a day and a month's name (`09 Jul 25, 15:00`): only where the date ends, at the
# end of the text, a comma, bar or bracket, or a time, so `8 July 25 speakers` is no date
DATE_DMY_SHORT_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_ALTERNATION})\.?,?\s+(?P<year>\d{{2}})"
    r"(?=\s*(?:$|[,;|·)\]])|\s+\d{1,2}[:.h]\d{2}\b)",
    re.IGNORECASE,
)
# a dotted date (09.07.2025, 28.05.24): two-digit day and month, so figures such as 1.5 are never dates
DATE_DOTTED = re.compile(
    r"(?<![\d.])(?P<day>\d{2})\.(?P<month>\d{2})\.(?P<year>\d{2}|\d{4})(?![\d.])"
)
# a day and month name with the year cut to two figures after an apostrophe (`9 July '25`)
DATE_DMY_APOSTROPHE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_ALTERNATION})\.?,?\s+['’](?P<year>\d{{2}})\b",
    re.IGNORECASE,
)
# a dotted date with a one-digit day or month (4.7.2025): only with a four-digit year of this era,
# so a figure such as 1.5.20 is never a date
DATE_DOTTED_SHORT = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})(?![\d.])")


def find_date(text: str) -> str | None:
    """The first calendar date in a text, written `D Month YYYY` (day-first for 11/07/25)."""
    found = find_dates(text)
    return found[0] if found else None


def find_dates(text: str) -> list[str]:
    """Every calendar date in a text in the order written, each as `D Month YYYY` (`find_date`'s
    formats); a date two patterns read at one place is listed once."""
    candidates: list[tuple[int, int, int, int]] = []
    for pattern in (DATE_DMY, DATE_MDY, DATE_ISO, DATE_NUMERIC, DATE_DOTTED, DATE_DOTTED_SHORT, DATE_FOREIGN,
                    DATE_DASHED, DATE_DMY_APOSTROPHE, DATE_DMY_SHORT_YEAR):
        for match in pattern.finditer(text):
            month_raw = match.group("month")
            month = int(month_raw) if month_raw.isdigit() else (
                MONTHS.get(month_raw.lower()) or FOREIGN_MONTHS[month_raw.lower()])
            year = int(match.group("year"))
            if year < 100:
                year += 2000
            day = int(match.group("day"))
            try:
                date(year, month, day)
            except ValueError:
                if pattern is not DATE_NUMERIC or not 1 <= day <= 12 < month <= 31:
                    continue
                day, month = month, day  # `05/30/2024`: month first, as the day cannot be the month
                try:
                    date(year, month, day)
                except ValueError:
                    continue
            candidates.append((match.start(), day, month, year))
    out: list[str] = []
    for _, day, month, year in sorted(set(candidates)):
        written = f"{day} {month_name(month)} {year}"
        if written not in out:
            out.append(written)
    return out
