"""Names in a claim that its evidence does not state: people, organisations, products, places.

A name is a run of capitalised words (not a sentence's first common word, a month, a number word).
Each word must be found in the evidence: as written, by stem, as a demonym (Kenya / Kenyan), inside an
acronym the evidence uses (New Zealand / NZ), or as a word the notes cut short (Strat. / Strategic).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from assistant.corpus.keywords import STOP_WORDS, stem
from assistant.domain.language import languages
from assistant.domain.normalise import (
    FRACTION_WORDS,
    MONTHS,
    ORDINAL_WORDS,
    QUANTITY_WORDS,
    SCALE_WORDS,
    UNITS,
)
from assistant.drafting.checks.text import (
    COMMON_STARTERS,
    NAME_JOINERS,
    SENTENCE_START,
    TOKEN,
    _base,
    _is_subsequence,
    _Words,
)
from assistant.drafting.checks.vocabulary import vocabulary, word_list

_WEEKDAYS_TEXT = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu fri sat sun"
WEEKDAYS = frozenset(_WEEKDAYS_TEXT.split())
NUMBER_WORDS = frozenset([*UNITS, *SCALE_WORDS, *ORDINAL_WORDS, *QUANTITY_WORDS])
# Nouns English capitalises that name no one (a claim saying "the Internet" invents no name).
COMMON_CAPITALISED = frozenset({"internet", "web", "wi-fi", "wifi"})
# Every note this product reads comes from a session of the WSIS Forum: naming the Forum adds nothing.
FORUM_CONTEXT = "World Summit on the Information Society (WSIS) Forum"


def _name_spans(text: str) -> list[list[tuple[str, bool]]]:
    """Runs of capitalised tokens (names), each token with whether it opens a sentence."""
    spans: list[list[tuple[str, bool]]] = []
    current: list[tuple[str, bool]] = []
    pending_joiners: list[str] = []
    for match in TOKEN.finditer(text):
        token = match.group(0).strip(".'’")
        if not token:
            continue
        # only the last few characters before the token matter; searching the whole prefix each time
        # made long evidence (notes pasted as one line) quadratic: 5 s for a 9,000-character line
        at_start = bool(SENTENCE_START.search(text, max(0, match.start() - 64), match.start()))
        capital = token[0].isupper() or (any(c.isupper() for c in token[1:]) and token[0].isalpha())
        if capital and not token.isdigit():
            if pending_joiners and current:
                pending_joiners.clear()
            current.append((token, at_start))
        elif current and token.lower() in NAME_JOINERS:
            pending_joiners.append(token)
        else:
            if current:
                spans.append(current)
            current, pending_joiners = [], []
    if current:
        spans.append(current)
    return spans


@lru_cache(maxsize=1)
def _other_function_words() -> frozenset[str]:
    """The function words of every language file but English's (articles, prepositions, pronouns)."""
    return frozenset(w for code, lang in languages().items() if code != "en" for w in lang.words)


def _is_name(token: str, at_start: bool) -> bool:
    base = _base(token)
    if not base or base in WEEKDAYS or base in MONTHS or base == "i" or base in NUMBER_WORDS:
        return False
    if base in COMMON_CAPITALISED or all(p in NUMBER_WORDS or p in FRACTION_WORDS for p in base.split("-")):
        return False  # "the Internet", "Forty-six ministers", "Two-thirds of"
    if re.fullmatch(r"q[1-4]|h[12]", base):
        return False
    if any(c.isdigit() for c in token):
        return False  # identifiers are checked with the figures
    if token.isupper() and len(token) >= 2:
        return True
    if any(c.isupper() for c in token[1:]):
        return True
    if at_start:
        # a sentence may open on a function word of a bullet's own language ("Un participante …")
        if base in STOP_WORDS or base in COMMON_STARTERS or base in _other_function_words():
            return False
        return not (re.search(r"(?:ing|ed|ly)$", base) and len(base) > 5)
    return base not in STOP_WORDS


def _token_found(token: str, evidence: _Words) -> bool:
    base = _base(token)
    parts = [p for p in re.split(r"[-/]", base) if p] or [base]
    if base in evidence.lower or all(p in evidence.lower for p in parts):
        return True
    if len(parts) > 1 and all(p in evidence.lower or _clipped_in(p, evidence) for p in parts):
        return True  # Co-Director / Co-Dir., each part of a compound found, as written or cut short
    if stem(base) in evidence.stems:
        return True
    for word in evidence.lower:
        if len(word) >= 4 and len(base) >= 4 and (word.startswith(base) or base.startswith(word)) \
                and abs(len(word) - len(base)) <= 3:
            return True  # Kenya / Kenyan, Tunisia / Tunisian
    if re.fullmatch(r"[A-Z]{2,}s", token) and token[:-1].lower() in evidence.lower:
        return True  # SDGs / SDG
    if token.isupper():
        return False  # an acronym must appear as written
    for short in evidence.shortened:
        if short[0] == base[0] and len(short) < len(base) and _is_subsequence(short, base):
            return True  # Strat. / Strategic, Off. / Office
    for raw in evidence.raw:
        short = _base(raw)
        if 2 <= len(short) < len(base) and short[0] == base[0] and short not in STOP_WORDS and (
            raw.isupper() or raw.endswith(".") or len(short) <= 4
        ) and _is_subsequence(short, base):
            return True  # Intl / International, Univ. / University, EN / English
        if _clipped_plural(short, base):
            return True  # Comms / Communications, Govts / Governments
    return False


def _clipped_in(part: str, evidence: _Words) -> bool:
    """Is one part of a hyphenated word cut short in the evidence (`dir` of `Co-Dir.` for `director`):
    a word the notes end with a full stop, at least three letters, its letters in order inside the
    part and the same first letter?"""
    return any(len(short) >= 3 and short[0] == part[0] and len(short) < len(part)
               and _is_subsequence(short, part) for short in evidence.shortened)


CLIPPED_PREFIX = 3  # letters a clipped plural shares with the word it cuts short, from the start


def _clipped_plural(short: str, base: str) -> bool:
    """Is `short` a plural clipped from `base` (`comms` for `communications`): five or six letters
    ending in `s` like the long word, its first CLIPPED_PREFIX letters the long word's, its letters
    in order inside it? A plural ending keeps a place name (`bands`, `Bangladesh`) from matching."""
    return (5 <= len(short) <= 6 and len(short) < len(base) and short.endswith("s") and base.endswith("s")
            and short[:CLIPPED_PREFIX] == base[:CLIPPED_PREFIX] and short not in STOP_WORDS
            and _is_subsequence(short, base))


# `AfDB`, `GhIPSS`: capitals with at most two lower-case letters among them, three capitals or more
MIXED_ACRONYM = re.compile(r"(?=(?:[a-z]?[A-Z]){3})[A-Z](?:[A-Z]|[a-z](?=[A-Z])){1,7}")


def _missing_names(claim: str, evidence: _Words, evidence_text: str) -> list[str]:
    missing: list[str] = []
    acronyms = {raw for raw in evidence.raw if raw.isupper() and len(raw) >= 2}
    acronyms |= {raw[:-1] for raw in evidence.raw if re.fullmatch(r"[A-Z]{2,}s", raw)}
    # an acronym with a lower-case letter or two (`AfDB`, `GhIPSS`) is spelled out by its capitals
    acronyms |= {"".join(c for c in raw if c.isupper())
                 for raw in evidence.raw if MIXED_ACRONYM.fullmatch(raw)}
    evidence_initials = _span_initials(evidence_text)
    for span in _name_spans(claim):
        names = [(tok, start) for tok, start in span if _is_name(tok, start)]
        if not names or _opening_participle(span, claim):
            continue
        covered = _acronym_covered(span, acronyms)
        absent = []
        for position, (token, start) in enumerate(span):
            if not _is_name(token, start) or position in covered:
                continue
            if _token_found(token, evidence):
                continue
            if token.isupper() and token in evidence_initials:
                continue  # UN / United Nations
            if _spelled_prefix(token, claim, evidence):
                continue  # Electronic invoicing / e-invoicing, Mobile money / m-money
            if _given_name_of(span, position, evidence_text, claim):
                continue  # Kwame Osei / K. Osei, Osei
            if _organisation_of_role(span, position, evidence_text):
                continue  # ITU's Secretary-General / SG, when the notes name no other organisation
            if _country_of_body(span, position, claim, acronyms) or _country_of_affiliation(
                    span, position, claim, evidence_text):
                continue  # Malaysia's regulator / MCMC, Nigeria's communications commission / NCC
            absent.append(token)
        if not _descriptive_insertion(names, absent):
            missing += absent
    return missing


# Particles and prepositions that follow a verb opening a sentence (`Set up in 2018, …`, `Run by the
# hub, …`): a closed class of English grammar.
PARTICLES = frozenset({"up", "out", "off", "down", "by", "in", "on", "with", "for", "from", "to", "at",
                       "as", "into", "under", "over", "after", "before"})
OPENING_PHRASE = re.compile(r"\s+(?P<particle>[a-z]+)\s+(?P<next>[A-Za-z0-9]+)")


def _opening_participle(span: list[tuple[str, bool]], claim: str) -> bool:
    """Is a one-word run that opens a sentence a verb opening a participial phrase (`Set up in 2018 on
    the basis of …, the track drew …`)? Read by structure: a particle or preposition written small
    comes right after it, and after that a word written small or a pure particle's object (`up in`),
    so no name follows. A name opening a sentence is followed by its verb or by its own capitals."""
    if len(span) != 1 or not span[0][1] or not span[0][0].isalpha() or not span[0][0][1:].islower():
        return False
    token = span[0][0]
    for match in re.finditer(rf"(?:^|(?<=[.!?;:]\s)|(?<=[.!?;:]))\s*{re.escape(token)}(?![\w-])", claim):
        after = OPENING_PHRASE.match(claim, match.end())
        if after and after.group("particle") in PARTICLES and after.group("next")[0].islower():
            return True
    return False


def _spelled_prefix(token: str, claim: str, evidence: _Words) -> bool:
    """Is the token a one-letter prefix of the evidence written out (`Electronic invoicing` for
    `e-invoicing`): its initial and the claim's next word make a hyphenated word of the evidence?"""
    following = re.search(rf"\b{re.escape(token)}\s+([a-z][\w-]*)", claim)
    if not following or len(token) < 4:
        return False
    return f"{token[0].lower()}-{following.group(1).lower()}" in {r.lower() for r in evidence.raw}


# Endings of English nouns and adjectives made from other words (innovation, development, equality):
# such a word describes a thing; it is not the name of a person or a product.
DERIVED_WORD = re.compile(r"(?:tion|sion|ment|ity|ness|ance|ence|ship|ism|ive|ical|ional)$")


def _descriptive_insertion(names: list[tuple[str, bool]], absent: list[str]) -> bool:
    """A long title with one descriptive word the evidence leaves out, everything else found.

    "Healthy Ageing Innovation Prize" for "Healthy Ageing Prize": the words that identify the prize
    are all in the evidence; "Innovation" only describes it. Never the first word (a first name, a
    product's own name), never in a name of fewer than three words, never an acronym.
    """
    if len(absent) != 1 or len(names) < 3:
        return False
    word = absent[0]
    return word != names[0][0] and not word.isupper() and bool(DERIVED_WORD.search(_base(word)))


def _given_name_of(span: list[tuple[str, bool]], position: int, evidence: str, claim: str) -> bool:
    """A given name the notes leave out: the token is a first name before a surname the evidence has,
    which the evidence writes alone or after the same initial (`Kwame Osei` / `Osei`, `K. Osei`). The
    name may sit inside a longer run of capitals (`Lena Okafor of GIGA`, `Commission, Amina Diallo`):
    the surname is the word right after the token.

    Never an acronym, never the last word, never before an acronym or a word with a mark in it, only
    right before the surname in the claim, and never when the evidence puts another given name or
    initial before that surname (`J. Osei` is someone else).
    """
    token = span[position][0]
    if position + 1 >= len(span) or token.isupper() or not token[:1].isupper():
        return False
    if any(c.isupper() for c in token[1:]) or not token.isalpha():
        return False
    surname = span[position + 1][0]
    if surname.isupper() or not surname.isalpha():
        return False
    if not re.search(rf"(?<![\w-]){re.escape(token)}\s+{re.escape(surname)}(?![\w-])", claim):
        return False  # `Colombia and the Dominican Republic`: a joiner between them, two names
    if not surname[:1].isupper() or len(surname) < 3:
        return False
    found = False
    for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", evidence):
        before = evidence[max(0, match.start() - 20):match.start()]
        given = re.search(r"([A-ZÀ-Þ][\w'’-]*)\.?\s*$", before)
        before_name = given.group(1) if given else ""
        same_person = before_name[:1] == token[0] and (len(before_name) == 1 or before_name == token)
        if not (given is None or before_name.lower() in NAME_TITLES or same_person):
            return False  # another given name or initial: another person with that surname
        found = True
    return found


# Titles of the heads of organisations: a claim may name whose title it is (`ITU's Secretary-General`)
# where the notes give the title alone (`SG`).
HEAD_TITLES = frozenset({
    "secretary-general", "deputy secretary-general", "director-general", "deputy director-general",
    "assistant director-general", "executive director", "president", "chair", "chairperson",
})


def _organisation_of_role(span: list[tuple[str, bool]], position: int, evidence: str) -> bool:
    """An organisation the claim gives as the owner of a title (`ITU's Secretary-General`), where the
    evidence states that title (written out or as its acronym: `SG`) and names no organisation by
    acronym at all: the claim says whose title it is, the notes took it as known. An evidence that
    names another organisation (`DG (FAO)`) keeps the claim's organisation a part that must align."""
    token = span[position][0]
    if not re.search(r"['’]s$", token) or position + 1 >= len(span):
        return False
    title = " ".join(tok for tok, _ in span[position + 1:]).lower()
    if not any(title.startswith(t) for t in HEAD_TITLES):
        return False
    table = vocabulary().acronyms
    evidence = evidence.replace(FORUM_CONTEXT, " ")  # the forum's own name is every note's context
    stated = {t.lower() for t in HEAD_TITLES if re.search(rf"\b{re.escape(t)}\b", evidence, re.I)}
    capitals = set(re.findall(r"\b[A-Z]{2,}\b", evidence))
    stated |= {table[c].lower() for c in capitals if c in table and table[c].lower() in HEAD_TITLES}
    organisations = {c for c in capitals if table.get(c, "").lower() not in HEAD_TITLES}
    return not organisations and any(title.startswith(t) for t in stated)


@cache
def _institutions() -> tuple[frozenset[str], frozenset[str]]:
    """(head nouns of public bodies, words that may stand before them), from the vocabulary file."""
    return frozenset(word_list("institutions", "heads")), frozenset(word_list("institutions", "describers"))


def _country_of_body(span: list[tuple[str, bool]], position: int, claim: str, acronyms: set[str]) -> bool:
    """A country named as the owner of a public body the evidence gives by its acronym alone.

    The claim's name run ends the country (`Malaysia's`, `South Africa's`, `Kenyan`) and is followed
    by a head noun of a public body, with at most a few describing words between (`Nigeria's
    communications commission`: data); an acronym of the evidence opens or closes on the initials of
    the run (`MCMC`, `NCC`, `ICASA` for South Africa): the acronym is that body's name, and the
    country is part of it. Never an acronym itself, never a run the evidence does not abbreviate."""
    token = span[position][0]
    if token.isupper() or len(span) > 3:
        return False
    last = span[-1][0]
    following = re.search(rf"(?<![\w-]){re.escape(last)}((?:\s+[a-z][\w-]*){{1,4}})", claim)
    heads, describers = _institutions()
    words = following.group(1).split() if following else []
    head = next((n for n, w in enumerate(words) if w in heads), None)
    if head is None or any(w not in describers for w in words[:head]):
        return False
    initials = "".join(tok[0] for tok, _ in span).upper()
    return any(a.startswith(initials) or a.endswith(initials) for a in acronyms if len(a) > len(initials))


# A speaker's affiliation as notes give it: an acronym in brackets after a name (`A. Rahman (MCMC)`).
AFFILIATION = re.compile(r"[A-Z][\w.'’-]*\s*\(([A-Z][A-Za-z]{1,7})\)")
PLACE_BEFORE = re.compile(r"\b(?:in|of|for|across|from|throughout)\s+(?:the\s+)?$", re.IGNORECASE)


def _country_of_affiliation(span: list[tuple[str, bool]], position: int, claim: str, evidence: str) -> bool:
    """A country the claim places a statement in (`in Bangladesh`, `Malaysia's government`) where the
    evidence gives the speaker's organisation by an acronym opening or closing on the country's
    initials (`F. Hossain (BTRC)`, `A. Rahman (MCMC)`): the notes place it there by the speaker's
    organisation. Only a run in the place of a place (after `in`, `of`, `across`, or with a
    possessive), never an acronym, and only where the evidence names no other place of its own."""
    token = span[position][0]
    if token.isupper() or len(span) > 3 or any(tok.isupper() for tok, _ in span):
        return False
    first, last = span[0][0], span[-1][0]
    start = claim.find(first)
    possessive = bool(re.search(r"['’]s$", last))
    if start < 0 or not (possessive or PLACE_BEFORE.search(claim[:start])):
        return False
    affiliations = {a for a in AFFILIATION.findall(evidence) if sum(c.isupper() for c in a) >= 3}
    initials = "".join(tok[0] for tok, _ in span).upper()
    return any(a.startswith(initials) or a.endswith(initials) for a in affiliations)


# Titles before a surname that stand in for a given name (`Dr. Osei`, `Minister Park`).
NAME_TITLES = frozenset({
    "dr", "mr", "mrs", "ms", "prof", "professor", "minister", "ambassador", "amb", "director", "dir",
    "chair", "president", "mayor", "sg", "dsg", "dg", "adg", "ceo", "commissioner", "judge", "hon",
})


def _acronym_covered(span: list[tuple[str, bool]], acronyms: set[str]) -> set[int]:
    """Positions of span tokens whose run of initials is an acronym in the evidence (New Zealand/NZ)."""
    covered: set[int] = set()
    for first in range(len(span)):
        for last in range(first + 1, len(span) + 1):
            letters = "".join(tok[0] for tok, _ in span[first:last]).upper()
            # each part of a hyphenated word gives its initial too (Inter-Parliamentary Union / IPU)
            parted = "".join(p[0] for tok, _ in span[first:last] for p in tok.split("-") if p).upper()
            if letters in acronyms or parted in acronyms:
                covered.update(range(first, last))
    return covered


def _span_initials(text: str) -> set[str]:
    found = set()
    for span in _name_spans(text):
        letters = "".join(tok[0] for tok, _ in span if tok[0].isupper()).upper()
        if len(letters) >= 2:
            found.add(letters)
    return found
