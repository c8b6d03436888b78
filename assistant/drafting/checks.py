"""Coverage and grounding checks of an outcome document, shared by drafting, the UI and the evals.

Coverage: every header field and section of the form is present, each section keeps to its
limits and shape. Grounding: each item is close in meaning to its evidence (embedding similarity)
AND every figure, date, proper name and negation of the item is found in that evidence. Embeddings
alone cannot see a swapped number or a dropped "not" (they score such near-copies higher than
a true paraphrase), so the second test is what catches hallucinated facts.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.corpus.keywords import STOP_WORDS, stem, terms
from assistant.domain.document import Item, OutcomeDocument
from assistant.domain.normalise import (
    MONTHS,
    ORDINAL_WORDS,
    QUANTITY_WORDS,
    SCALE_WORDS,
    UNITS,
    Facts,
    expand_abbreviations,
    month_name,
    name_currencies,
    read_facts,
)
from assistant.domain.template import Template
from assistant.drafting.status_words import overclaims

if TYPE_CHECKING:
    from assistant.corpus.embeddings import Embedder

PLACEHOLDER_ITEM = "[No material in the notes for this section]"
PLACEHOLDER_FIELD = "[to be completed]"
SIMILARITY_FLOOR = 0.45
CACHE_SIZE = 20_000
# A claim whose figures and names are all found in its evidence, at least this many of them, is
# checked against a lower similarity floor: terse notes ("HL track: 46 min., 50 amb.") sit far from
# the sentence a rapporteur makes of them, and the facts already tie the two together.
ANCHORS_FOR_LOWER_FLOOR = 3
ANCHORED_FLOOR = 0.30

NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot|rather\s+than|instead\s+of"
    r"|lack(?:s|ed|ing)?|fail(?:s|ed)?\s+to)\b|n['’]t\b",
    re.IGNORECASE,
)
TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9'’&\-.]*[A-Za-zÀ-ÿ0-9]|[A-Za-zÀ-ÿ]")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$")
# Words that start sentences in English prose but are no names (a capital there proves nothing).
_STARTERS_TEXT = """
according across addition additionally after again also although among another answering
around as asked at because before being beyond both but by civil despite due during each
either even every following for from further given however if in including instead it its
later many meanwhile more moreover most much nevertheless new next nonetheless now once one
only other others over overall participants per rather several similarly since so some
speakers still such than thanks that the their there these they this those though through
thus to together too under unlike until upon we what when whereas whether which while who
with within without yet one two three four five six seven eight nine ten panellists panelists
delegates experts stakeholders governments countries member members many several some most
responding replying asked answering speaking closing opening summing concluding noting
"""
COMMON_STARTERS = frozenset(_STARTERS_TEXT.split())
_WEEKDAYS_TEXT = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu fri sat sun"
WEEKDAYS = frozenset(_WEEKDAYS_TEXT.split())
NUMBER_WORDS = frozenset([*UNITS, *SCALE_WORDS, *ORDINAL_WORDS, *QUANTITY_WORDS])
# Nouns English capitalises that name no one (a claim saying "the Internet" invents no name).
COMMON_CAPITALISED = frozenset({"internet", "web", "wi-fi", "wifi"})
# Every note this product reads comes from a session of the WSIS Forum: naming the Forum adds nothing.
FORUM_CONTEXT = "World Summit on the Information Society (WSIS) Forum"
NAME_JOINERS = frozenset({"of", "for", "and", "the", "de", "la", "du", "da", "van", "von", "del", "&"})
UN_PREFIXES = ("un", "non", "in", "im", "ir", "il", "dis")
# Words that state a direction; a claim with one whose evidence states the opposite is reversed.
_OPPOSITES = [
    ("rise rose risen rising rises", "fall fell fallen falling falls drop dropped dropping drops"),
    ("increase increased increasing increases", "decrease decreased decreasing decreases decline declined"),
    ("up", "down"),
    ("higher more", "lower less fewer"),
    ("grow grew grown growing grows growth", "shrink shrank shrunk shrinking shrinks"),
    ("approve approved approves approving approval", "reject rejected rejects rejecting rejection"),
    ("accept accepted accepts accepting", "refuse refused refuses refusing"),
    ("support supported supports supporting", "oppose opposed opposes opposing"),
    ("improve improved improves improving improvement", "worsen worsened worsens worsening"),
    ("gain gained gains gaining", "lose lost loses losing loss"),
    ("success successful succeeded", "failure failed unsuccessful"),
    ("allow allowed allows allowing", "ban banned bans banning forbid forbidden prohibit prohibited"),
    ("open opened opens", "close closed closes"),
    ("start started starts", "end ended ends stop stopped stops"),
    ("same similar identical uniform uniformly equally evenly alike",
     "different differently differ differs differed unequal unequally unevenly"),
    ("before", "after"),
]
OPPOSITE: dict[str, frozenset[str]] = {}
for _a, _b in _OPPOSITES:
    for _word in _a.split():
        OPPOSITE[_word] = frozenset(_b.split())
    for _word in _b.split():
        OPPOSITE[_word] = frozenset(_a.split())


@dataclass
class GroundingVerdict:
    """Whether a claim is supported by its evidence, how similar they are, and what is missing."""

    supported: bool
    similarity: float
    missing: list[str] = field(default_factory=list)
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        data = asdict(self)
        data["similarity"] = round(float(self.similarity), 3)
        return data


@dataclass
class _Words:
    """The tokens of a text, in three forms the fact tests compare."""

    raw: list[str]
    lower: set[str]
    stems: set[str]
    shortened: set[str] = field(default_factory=set)


def _tokens(text: str) -> list[str]:
    return [t.strip(".-&'’") or t for t in TOKEN.findall(text)]


def _base(token: str) -> str:
    """Lowercase token without a possessive (`Kenya's` -> `kenya`)."""
    return re.sub(r"['’]s$", "", token.lower()).strip("'’.")


def _words(text: str) -> _Words:
    raw = TOKEN.findall(text)
    lower: set[str] = set()
    for token in raw:
        base = _base(token)
        lower.add(base)
        lower.update(p for p in re.split(r"[-/]", base) if p)
    # words cut short with a full stop: "Strat.", "Off.", "Dir." (a sentence's last word counts too;
    # it only ever matches a longer word that starts with it and contains its letters in order)
    shortened = {m.group(1).lower() for m in re.finditer(r"\b([A-Za-z]{2,})\.(?=\s|$|[,;:)\]])", text)}
    return _Words(raw=raw, lower=lower, stems={stem(w) for w in lower}, shortened=shortened)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


class GroundingChecker:
    """Checks claims against evidence: similarity plus figures, dates, names and negations."""

    def __init__(self, embedder: Embedder, threshold: float = SIMILARITY_FLOOR) -> None:
        self.embedder = embedder
        self.threshold = threshold
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    # -- public API ---------------------------------------------------------------------------
    def check(self, claim: str, evidence: list[str]) -> GroundingVerdict:
        """Is `claim` supported by the `evidence` texts? (one claim; see `check_many` for batches)."""
        return self.check_many([(claim, evidence)])[0]

    def check_many(self, pairs: list[tuple[str, list[str]]]) -> list[GroundingVerdict]:
        """Check many (claim, evidence) pairs with few embedding batches.

        Claims are first compared with their whole evidence texts; only pairs that fall short are
        compared again with the single sentences of their evidence (a short claim drawn from a long
        line is closer to its own sentence than to the whole line).
        """
        prepared = [
            (prepare(claim), [prepare(e) for e in evidence if e and e.strip()]) for claim, evidence in pairs
        ]
        first: list[str] = []
        for claim, evidence in prepared:
            first.append(claim)
            first.extend(evidence)
            if len(evidence) > 1:
                first.append(" ".join(evidence))
        vectors = self._embed(first)
        sims = []
        for claim, evidence in prepared:
            options = evidence + ([" ".join(evidence)] if len(evidence) > 1 else [])
            sims.append(max((float(vectors[claim] @ vectors[e]) for e in options), default=0.0))
        retry = [i for i, sim in enumerate(sims) if 0 < sim < self.threshold]
        pieces = {i: [p for e in prepared[i][1] for p in _evidence_sentences(e)] for i in retry}
        vectors.update(self._embed([p for group in pieces.values() for p in group]))
        for i, group in pieces.items():
            claim_vector = vectors[prepared[i][0]]
            if group:
                sims[i] = max([sims[i]] + [float(claim_vector @ vectors[p]) for p in group])
        verdicts = []
        for (claim, evidence), (_, usable), sim in zip(pairs, prepared, sims, strict=True):
            if not usable:
                verdicts.append(GroundingVerdict(False, 0.0, [], "no evidence"))
            else:
                verdicts.append(self.verdict(claim, evidence, sim))
        return verdicts

    def similarities(self, claim: str, texts: list[str]) -> list[float]:
        """Embedding similarity of a claim to each text (as the verdict compares them), one batch."""
        prepared = [prepare(t) for t in texts]
        vectors = self._embed([prepare(claim), *prepared])
        claim_vector = vectors[prepare(claim)]
        return [float(claim_vector @ vectors[t]) for t in prepared]

    def _embed(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Vectors of the texts: cached ones reused, the others embedded in one batch."""
        wanted = list(dict.fromkeys(texts))
        with self._lock:
            found = {t: self._cache[t] for t in wanted if t in self._cache}
        new = [t for t in wanted if t not in found]
        if new:
            vectors = self.embedder.encode(new)
            fresh = dict(zip(new, vectors, strict=True))
            found.update(fresh)
            with self._lock:
                if len(self._cache) + len(new) > CACHE_SIZE:
                    self._cache.clear()
                self._cache.update(fresh)
        return found

    def verdict(self, claim: str, evidence: list[str], similarity: float) -> GroundingVerdict:
        """Combine a precomputed similarity with the fact tests into a verdict."""
        joined = " \n ".join(e for e in evidence if e)
        missing = missing_facts(claim, joined)
        floor = self.threshold
        if not missing and anchors(claim, joined) >= ANCHORS_FOR_LOWER_FLOOR:
            floor = min(floor, ANCHORED_FLOOR)
        reasons = []
        if similarity < floor:
            reasons.append(f"similarity {similarity:.2f} below {floor:.2f}")
        if missing:
            reasons.append("not in the evidence: " + ", ".join(missing))
        supported = not reasons
        return GroundingVerdict(
            supported=supported,
            similarity=similarity,
            missing=missing,
            reason="supported" if supported else "; ".join(reasons),
        )


def _evidence_sentences(text: str) -> list[str]:
    """The sentences of an evidence line, so a claim made from one of them is compared with it alone."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+|;\s+", text) if len(p.split()) >= 3]
    return parts if len(parts) > 1 else []


def prepare(text: str) -> str:
    """Text as compared: note abbreviations expanded, arrows and `+` read as words."""
    text = name_currencies(expand_abbreviations(text))
    text = re.sub(r"\s*(?:->|→|=>)\s*", " to ", text)
    text = re.sub(r"\s+\+\s+", " and ", text)
    return re.sub(r"\s+&\s+", " and ", text)


def missing_facts(claim: str, evidence: str) -> list[str]:
    """Figures, dates, names and negations of the claim that its evidence does not state."""
    claim_p, evidence_p = prepare(claim), prepare(evidence)
    missing: list[str] = []
    missing += _missing_numbers(read_facts(claim_p), read_facts(evidence_p, generous=True))
    context = f"{evidence_p}\n{FORUM_CONTEXT}"
    missing += _missing_names(claim_p, _words(context), context)
    missing += _negation_mismatch(claim_p, evidence_p)
    missing += _swapped_quantities(claim_p, evidence_p)
    missing += [f"status: {problem}" for problem in overclaims(claim_p, evidence_p)]
    missing += _wrong_speaker(claim_p, evidence_p)
    return list(dict.fromkeys(missing))


def anchors(claim: str, evidence: str) -> int:
    """How many figures and name words of the claim its evidence states (what ties the two together)."""
    claim_p, evidence_p = prepare(claim), prepare(evidence)
    have = set(read_facts(evidence_p, generous=True).numbers)
    count = sum(1 for value in set(read_facts(claim_p).numbers) if value in have)
    words = _words(evidence_p)
    for span in _name_spans(claim_p):
        count += sum(1 for token, start in span if _is_name(token, start) and _token_found(token, words))
    return count


def _missing_numbers(claim: Facts, evidence: Facts) -> list[str]:
    missing = []
    have = set(evidence.numbers)
    for value in dict.fromkeys(claim.numbers):
        if value not in have:
            missing.append(claim.labels.get(value, f"{value:g}"))
    for label, part, whole in claim.proportions:
        shares = {_round_share(100 * part / whole), _round_share(part / whole)}
        if not shares & {_round_share(v) for v in have} and not {part, whole} <= have:
            missing.append(label)
    for month in sorted(claim.months - evidence.months):
        missing.append(month_name(month))
    for quarter in sorted(claim.quarters - evidence.quarters):
        missing.append(quarter)
    for ident in sorted(claim.identifiers - evidence.identifiers):
        missing.append(ident.upper())
    for time in sorted(claim.times - evidence.times):
        missing.append(time)
    return missing


def _round_share(value: float) -> float:
    """A share compared to one decimal place (four in five = 80 %, one in three = 33.3 %)."""
    return round(value, 1)


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


def _is_name(token: str, at_start: bool) -> bool:
    base = _base(token)
    if not base or base in WEEKDAYS or base in MONTHS or base == "i" or base in NUMBER_WORDS:
        return False
    if base in COMMON_CAPITALISED or all(p in NUMBER_WORDS for p in base.split("-")):
        return False  # "the Internet", "Forty-six ministers"
    if re.fullmatch(r"q[1-4]|h[12]", base):
        return False
    if any(c.isdigit() for c in token):
        return False  # identifiers are checked with the figures
    if token.isupper() and len(token) >= 2:
        return True
    if any(c.isupper() for c in token[1:]):
        return True
    if at_start:
        if base in STOP_WORDS or base in COMMON_STARTERS:
            return False
        return not (re.search(r"(?:ing|ed|ly)$", base) and len(base) > 5)
    return base not in STOP_WORDS


def _token_found(token: str, evidence: _Words) -> bool:
    base = _base(token)
    parts = [p for p in re.split(r"[-/]", base) if p] or [base]
    if base in evidence.lower or all(p in evidence.lower for p in parts):
        return True
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
    return False


def _missing_names(claim: str, evidence: _Words, evidence_text: str) -> list[str]:
    missing: list[str] = []
    acronyms = {raw for raw in evidence.raw if raw.isupper() and len(raw) >= 2}
    acronyms |= {raw[:-1] for raw in evidence.raw if re.fullmatch(r"[A-Z]{2,}s", raw)}
    evidence_initials = _span_initials(evidence_text)
    for span in _name_spans(claim):
        names = [(tok, start) for tok, start in span if _is_name(tok, start)]
        if not names:
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
            absent.append(token)
        if not _descriptive_insertion(names, absent):
            missing += absent
    return missing


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


_COUNT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
COUNTED = re.compile(
    rf"(?<![\w.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_COUNT_WORDS})(?:-(?:{_COUNT_WORDS}))?)"
    rf"(?:\s*(?P<scale>bn|m|k|million|billion|thousand)\b)?\s+(?P<head>[A-Za-z][A-Za-z-]{{2,}})",
    re.IGNORECASE,
)


def _counted(text: str) -> list[tuple[float, str, str]]:
    """(value, stem of the counted noun, as written) for each figure followed by a word: `18 winners`."""
    pairs = []
    for match in COUNTED.finditer(text):
        raw, head = match.group("num"), match.group("head").lower()
        if head in STOP_WORDS or head in SCALE_WORDS:
            continue
        value = read_facts(raw).numbers or read_facts(raw, generous=True).numbers
        if not value:
            continue
        scale = match.group("scale")
        number = value[0] * (SCALE_WORDS[scale.lower()] if scale else 1)
        pairs.append((round(number, 6), stem(head), f"{raw} {match.group('head')}"))
    return pairs


def _swapped_quantities(claim: str, evidence: str) -> list[str]:
    """Figures the claim gives to the wrong things: `72 winners, 18 champions` for `18 winners, 72 champions`.

    A claim figure is swapped when the evidence gives that figure to another thing the claim also
    counts, and gives the claim's thing another figure.
    """
    claimed = _counted(claim)
    stated = _counted(evidence)
    claim_heads = {head: value for value, head, _ in claimed}
    problems = []
    for value, head, written in claimed:
        if (value, head) in {(v, h) for v, h, _ in stated}:
            continue
        given_to = {h for v, h, _ in stated if v == value and h != head and h in claim_heads}
        other_values = {v for v, h, _ in stated if h == head and v != value}
        if given_to and other_values:
            problems.append(written)
    return problems


# Titles and roles inside a speaker's name ("FAO Director-General Qu Dongyu"): no one's name.
_ROLE_TEXT = """
director director-general general secretary secretary-general deputy minister chair chairperson
president vice vice-president head chief officer dr prof professor mr mrs ms ambassador mayor
commissioner adviser advisor senior coordinator representative ceo cto founder dg sg adg dsg
"""
ROLE_WORDS = frozenset(_ROLE_TEXT.split())
SPEECH_VERBS = re.compile(
    r"^\s*(?:,[^,]{1,60},\s*)?(?:also\s+|then\s+|later\s+)?(?:said|says|say|called|calls|stressed|stresses"
    r"|noted|notes|argued|argues|asked|asks|urged|urges|opened|opens|presented|presents|announced"
    r"|announces|warned|warns|cited|cites|citing|reported|reports|highlighted|highlights|explained"
    r"|explains|described|describes|proposed|proposes|recommended|recommends|emphasised|emphasized"
    r"|underlined|pointed|shared|welcomed|launched|closed|concluded|insisted|observed|added|told"
    r"|introduced|moderated|chaired|spoke|gave|made|led|committed|pledged)\b",
    re.IGNORECASE,
)
EVIDENCE_UNIT = re.compile(r"(?<=[a-z0-9%)\]][.!?])\s+(?=[A-Z])|;\s+|\n+")
UNIT_LABEL = re.compile(r"^\s*(?:[-*•]\s*)?(?P<label>[^:;\n]{1,70}?)\s*(?::|\s[-–—]\s)\s*\S")


def _speaker_of_claim(claim: str) -> list[str]:
    """The name tokens of who the claim credits: the name before a speech verb or after "according to"."""
    for span in _name_spans(claim):
        tokens = [tok for tok, _ in span]
        last = tokens[-1]
        position = claim.find(last)
        if position < 0:
            continue
        after = claim[position + len(last):]
        before = claim[:claim.find(tokens[0])]
        credited = bool(SPEECH_VERBS.match(after)) or bool(re.search(r"according\s+to\s+$", before, re.I))
        if credited:
            acronyms = [t for t in tokens if re.fullmatch(r"[A-Z]{2,}(?:['’]s)?", t)]
            people = [t for t in tokens if t not in acronyms and _base(t) not in ROLE_WORDS]
            return people or acronyms
    return []


LEADING_TIME = re.compile(r"^\s*[\[(]?\d{1,2}[:h.]\d{2}[\])]?\s*[-–:|]?\s*")


def _is_speaker_heading(piece: str) -> bool:
    """A line that only names who speaks next: `11:09 Rafael Mendes (UNDP Chief Digital Office)`."""
    outside = re.sub(r"\([^)]*\)", "", piece)
    words = re.findall(r"[A-Za-zÀ-ÿ][\w'’.-]*", outside)
    if not 2 <= len(words) <= 12 or re.search(r"\d", outside):
        return False
    named = sum(1 for w in words if w[0].isupper() or w.lower() in NAME_JOINERS)
    share = named / len(words)
    return share >= 0.75 or (share >= 0.5 and bool(re.search(r"[:\-–]\s*$", piece)))


TITLE_ABBREVIATION = re.compile(r"(?:^|\s)(?:Dr|Mr|Mrs|Ms|Prof|St|Hon|Amb|Sr|Jr)\.$")


def _looks_like_label(label: str) -> bool:
    """A speaker label before `:` or ` - `: mostly capitalised words (`Zhao (ITU SG)`, `RM`, `Chair`)."""
    outside = re.sub(r"\([^)]*\)", "", label)
    words = re.findall(r"[A-Za-zÀ-ÿ][\w'’.-]*", outside)
    if not 1 <= len(words) <= 8 or re.search(r"[\"“”]", outside):
        return False
    named = sum(1 for w in words if w[0].isupper() or w.lower() in NAME_JOINERS)
    return named / len(words) >= 0.6


def _pieces(evidence: str) -> list[str]:
    """Statements of the evidence: sentences, `;` parts and lines ("Dr." does not end one)."""
    pieces: list[str] = []
    for piece in EVIDENCE_UNIT.split(evidence):
        if not piece or not piece.strip():
            continue
        if pieces and TITLE_ABBREVIATION.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces


def _units(evidence: str) -> list[tuple[str, str]]:
    """Evidence cut into statements, each with the speaker label it falls under (or "")."""
    units: list[tuple[str, str]] = []
    label = ""
    for piece in _pieces(evidence):
        piece = LEADING_TIME.sub("", piece)
        match = UNIT_LABEL.match(piece)
        if match and _looks_like_label(match.group("label")):
            label = match.group("label")
        elif _is_speaker_heading(piece):
            label = piece.strip(" :-–")
        units.append((label, piece))
    return units


def _wrong_speaker(claim: str, evidence: str) -> list[str]:
    """The claim credits someone the evidence names, for what the evidence says someone else said.

    The statement of the evidence that shares most with the claim (words and figures, leaving the
    speaker aside) is found; when the person the claim credits is named elsewhere in the evidence
    but not in that statement nor in the label it falls under, the claim has the wrong speaker.
    """
    speaker = _speaker_of_claim(claim)
    if not speaker:
        return []
    units = _units(evidence)
    if len(units) < 2:
        return []
    initials = "".join(t[0] for t in speaker).upper()

    def names_speaker(text: str) -> bool:
        if any(_token_found(t, _words(text)) for t in speaker):
            return True
        return len(initials) >= 2 and bool(re.search(rf"\b{re.escape(initials)}\b", text))

    named = [n for n, (label, text) in enumerate(units) if names_speaker(f"{label}: {text}")]
    if not named:
        return []  # someone the evidence never names: the name test reports it
    speaker_stems = {stem(_base(t)) for t in speaker}
    content = {t for t in terms(claim) if t not in speaker_stems}
    claim_numbers = set(read_facts(claim).numbers)

    def support(n: int) -> int:
        text = units[n][1]
        figures = set(read_facts(text, generous=True).numbers)
        return len(content & set(terms(text))) + len(claim_numbers & figures)

    best = max(range(len(units)), key=support)
    if best in named or support(best) <= max(support(n) for n in named):
        return []
    label, text = units[best]
    credited = label or text.strip()[:60]
    return [f"speaker: {' '.join(speaker)} (the notes credit: {credited})"]


def _acronym_covered(span: list[tuple[str, bool]], acronyms: set[str]) -> set[int]:
    """Positions of span tokens whose run of initials is an acronym in the evidence (New Zealand/NZ)."""
    covered: set[int] = set()
    for first in range(len(span)):
        for last in range(first + 2, len(span) + 1):
            letters = "".join(tok[0] for tok, _ in span[first:last]).upper()
            if letters in acronyms:
                covered.update(range(first, last))
    return covered


def _span_initials(text: str) -> set[str]:
    found = set()
    for span in _name_spans(text):
        letters = "".join(tok[0] for tok, _ in span if tok[0].isupper()).upper()
        if len(letters) >= 2:
            found.add(letters)
    return found


CLAUSE = re.compile(r"[.;:!?]+(?:\s+|$)|\s+[-–—]+\s+|\n")
SCOPE_END = re.compile(r"[,.;:!?()\[\]]|\s[-–—]\s")


def _clauses(text: str) -> list[str]:
    return [c for c in CLAUSE.split(text) if c.strip()]


def _negations(clauses: list[str], other_terms: set[str]) -> int:
    """Negations in clauses whose scope (the words they govern, up to the next comma) is shared."""
    count = 0
    for clause in clauses:
        for match in NEGATION.finditer(clause):
            tail = clause[match.end():]
            end = SCOPE_END.search(tail)
            scope = set(terms(tail[: end.start()] if end else tail)[:4])
            if not scope or scope & other_terms:
                count += 1
    return count


def _negation_mismatch(claim: str, evidence: str) -> list[str]:
    """A negation in one text about words the other states without one (and un-/non- antonyms).

    Only the evidence clauses that the claim restates count: a "not" elsewhere in a long note
    line says nothing about this claim.
    """
    claim_terms, evidence_terms = set(terms(claim)), set(terms(evidence))
    relevant = []
    for clause in _clauses(evidence):
        clause_terms = set(terms(clause))
        if clause_terms and len(clause_terms & claim_terms) / len(clause_terms) >= 0.5:
            relevant.append(clause)
    claim_neg = _negations(_clauses(claim), evidence_terms)
    evidence_neg = _negations(relevant, claim_terms)
    problems = []
    if bool(claim_neg) != bool(evidence_neg):
        problems.append("negation" if claim_neg else "the evidence's negation")
    claim_words = {w.lower() for w in TOKEN.findall(claim)}
    evidence_words = {w.lower() for w in TOKEN.findall(evidence)}
    negated = {
        word.lower() for m in re.finditer(r"(?:\b(?:not|never|no)|n['’]t)((?:\s+\w+){1,2})", evidence, re.I)
        for word in m.group(1).split()
    }
    affirmed = evidence_words - negated
    for word in sorted(claim_words & set(OPPOSITE)):
        opposites = OPPOSITE[word] & evidence_words
        # a same-side word the evidence negates ("not evenly") does not count for the claim
        same_side = {w for w in OPPOSITE if OPPOSITE[w] == OPPOSITE[word]} & affirmed
        if opposites and not same_side:
            problems.append(f"{word} (evidence: {sorted(opposites)[0]})")
    for word in claim_words:
        for prefix in UN_PREFIXES:
            if f"{prefix}{word}" in evidence_words and word not in evidence_words and len(word) > 3:
                problems.append(f"{word} (evidence: {prefix}{word})")
            if word.startswith(prefix) and word[len(prefix):] in evidence_words and len(word) > 5 \
                    and word not in evidence_words:
                problems.append(f"{word} (evidence: {word[len(prefix):]})")
    return problems


# -- coverage ---------------------------------------------------------------------------------
@dataclass
class SectionCoverage:
    """How one section of the form is filled."""

    id: str
    present: bool
    items: int
    min_items: int
    max_items: int
    filled: bool
    within_limits: bool
    shape_ok: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class CoverageReport:
    """Coverage of a whole document: header fields and every section."""

    sections: list[SectionCoverage]
    missing_header: list[str]

    @property
    def ok(self) -> bool:
        """True when every header field is filled and every section is filled within limits."""
        return not self.missing_header and all(
            s.present and s.filled and s.within_limits and s.shape_ok for s in self.sections
        )

    @property
    def problems(self) -> list[str]:
        """Every coverage problem as a sentence."""
        out = [f"header field '{f}' is to be completed" for f in self.missing_header]
        for section in self.sections:
            out += [f"{section.id}: {p}" for p in section.problems]
        return out

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {
            "ok": self.ok,
            "missing_header": self.missing_header,
            "sections": [asdict(s) for s in self.sections],
            "problems": self.problems,
        }


def is_placeholder(item: Item) -> bool:
    """True for the marker item of a section the notes could not fill."""
    return item.text.strip() == PLACEHOLDER_ITEM or "no_material" in item.flags


def check_coverage(document: OutcomeDocument, template: Template) -> CoverageReport:
    """Check header fields, presence, limits and shape of every section of the form."""
    header = document.header.model_dump()
    missing_header = [
        f.id for f in template.header
        if not str(header.get(f.id, "")).strip() or PLACEHOLDER_FIELD in str(header.get(f.id, ""))
    ]
    sections = []
    for spec in template.sections:
        section = document.section(spec.id)
        items = [i for i in (section.items if section else []) if i.text.strip()]
        real = [i for i in items if not is_placeholder(i)]
        problems: list[str] = []
        if section is None:
            problems.append("section missing")
        elif not real:
            problems.append("no material in the notes for this section")
        within = spec.min_items <= len(real) <= spec.max_items
        if real and len(real) < spec.min_items:
            problems.append(f"{len(real)} items, below the minimum of {spec.min_items}")
        if len(real) > spec.max_items:
            problems.append(f"{len(real)} items, above the maximum of {spec.max_items}")
        shape_ok = True
        if spec.shape == "paragraph" and len(items) > 1:
            shape_ok = False
            problems.append("must be one paragraph")
        if spec.shape == "parts":
            valid = {p.id for p in spec.parts}
            bad = [i.part for i in real if i.part not in valid]
            if bad:
                shape_ok = False
                problems.append(f"items without a valid part: {', '.join(str(b) for b in bad)}")
        if spec.shape == "bullets" and any(len(i.text) > 900 for i in real):
            shape_ok = False
            problems.append("a bullet is longer than 900 characters")
        sections.append(SectionCoverage(
            id=spec.id, present=section is not None, items=len(real), min_items=spec.min_items,
            max_items=spec.max_items, filled=bool(real), within_limits=within or not real,
            shape_ok=shape_ok, problems=problems,
        ))
    return CoverageReport(sections=sections, missing_header=missing_header)


# -- whole draft ------------------------------------------------------------------------------
@dataclass
class ItemCheck:
    """The grounding verdict of one item of a section."""

    section: str
    index: int
    verdict: GroundingVerdict


@dataclass
class CheckReport:
    """Coverage plus the grounding of every item: what the UI shows and the evals score."""

    coverage: CoverageReport
    items: list[ItemCheck]

    @property
    def grounded(self) -> int:
        """Items supported by their evidence."""
        return sum(1 for i in self.items if i.verdict.supported)

    @property
    def grounding_rate(self) -> float:
        """Share of checked items that are supported (1.0 when there is nothing to check)."""
        return self.grounded / len(self.items) if self.items else 1.0

    @property
    def ok(self) -> bool:
        """True when coverage is complete and every item is grounded."""
        return self.coverage.ok and self.grounded == len(self.items)

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {
            "ok": self.ok,
            "coverage": self.coverage.to_json(),
            "grounding": {
                "checked": len(self.items),
                "grounded": self.grounded,
                "rate": round(self.grounding_rate, 4),
                "items": [
                    {"section": i.section, "index": i.index, **i.verdict.to_json()} for i in self.items
                ],
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckReport:
        """Rebuild a report saved with `to_json`."""
        cov = data.get("coverage", {})
        coverage = CoverageReport(
            sections=[SectionCoverage(**s) for s in cov.get("sections", [])],
            missing_header=list(cov.get("missing_header", [])),
        )
        items = [
            ItemCheck(
                section=i["section"], index=int(i["index"]),
                verdict=GroundingVerdict(
                    supported=bool(i["supported"]), similarity=float(i["similarity"]),
                    missing=list(i.get("missing", [])), reason=i.get("reason", ""),
                ),
            )
            for i in data.get("grounding", {}).get("items", [])
        ]
        return cls(coverage=coverage, items=items)


def check_draft(document: OutcomeDocument, template: Template, checker: GroundingChecker) -> CheckReport:
    """Check coverage and the grounding of every item; also marks each item's `grounded` and flags.

    Placeholder items of empty sections are not grounding-checked (they claim nothing).
    """
    targets: list[tuple[str, int, Item]] = []
    for section in document.sections:
        for index, item in enumerate(section.items):
            if not is_placeholder(item):
                targets.append((section.id, index, item))
    verdicts = checker.check_many([(item.text, [e.text for e in item.evidence]) for _, _, item in targets])
    checks = []
    for (section_id, index, item), verdict in zip(targets, verdicts, strict=True):
        apply_verdict(item, verdict)
        checks.append(ItemCheck(section=section_id, index=index, verdict=verdict))
    return CheckReport(coverage=check_coverage(document, template), items=checks)


def apply_verdict(item: Item, verdict: GroundingVerdict) -> None:
    """Record a verdict on an item: `grounded`, and the `unsupported`/`no_evidence` flags."""
    item.grounded = verdict.supported
    flags = [f for f in item.flags if f not in {"unsupported", "no_evidence"}]
    if not verdict.supported:
        flags.append("no_evidence" if not item.evidence else "unsupported")
    item.flags = flags
