"""Polarity of a claim clause against the evidence clauses it restates, read by structure.

A clause is cut into segments at its structure (commas, colons, semicolons, dashes, brackets, `but`,
`while`): a negator governs the segment it stands in, never the next one. A segment is negated when it
holds a negator of the vocabulary (`not`, `no longer`, `without`) or of predicates
that carry their own negation (`missed`, `declined to`); phrases such as `not only` negate nothing.
A clause is negated, for a text it is compared with, when a segment of it that shares a content word
with that text is negated: `no decision yet` beside `looking into solar kiosks` says nothing about
kiosks. A claim clause and its evidence clauses align in polarity when both are negated or neither is,
or when the side with no negator states the negative in other words (`gap`, `unavailable`, `too
expensive` for `not affordable`, `few`: `_restates_negation`).

Contrasts (`A rather than B`, `instead of`) affirm what comes before and set aside what comes after;
a claim that affirms the side the evidence sets aside is reversed, whatever words each side uses for
the contrast.

Everything here is a pure function of the texts and the vocabulary (`checker-vocabulary.toml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.corpus.keywords import STOP_WORDS, stem, terms
from assistant.drafting.checks.vocabulary import phrase_pattern, vocabulary, word_list

# Where a negator's scope ends: punctuation, a dash between spaces, a bracket, a contrasting conjunction.
SEGMENT_END = re.compile(
    r",(?!\d{3}\b)|[:;()\[\]!?]|(?<=\w)\.(?=\s|$)|\s[-–—]+\s|\s->\s|→|\b(?:but|while|whereas|although)\b",
    re.IGNORECASE,
)


# A count of none (`0 provinces`, `zero bids`, `nil`): a negative stated by a figure.
ZERO = re.compile(r"(?<![\d.,])\b(?:0|zero|nil)\b(?![.,]\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Polarity:
    """How a clause reads for a text it is compared with: negated or not, the word that negates it,
    and the words it governs (`not affordable` -> affordable)."""

    negated: bool
    word: str = ""
    scope: frozenset[str] = frozenset()


def stems(text: str) -> set[str]:
    """Content stems of a text, hyphenated words split (`sector-by-sector` -> sector)."""
    return set(terms(re.sub(r"[-–/]", " ", text)))


def segments(text: str) -> list[str]:
    """The segments of a clause, each the scope of the negators in it."""
    return [s.strip() for s in SEGMENT_END.split(text) if s and s.strip()]


NAME_WORD = re.compile(r"\b[A-Z][A-Za-z]*[A-Z0-9]*\b")  # a capitalised word or acronym
GOVERNED_WORDS = 3  # content words a negator governs, for the test of a restatement in other words
MIN_BASE = 5  # a prefixed word negates only a word this long (`unverified`; `income` is no `come`)


def _negators(segment: str, other_words: set[str]) -> list[str]:
    """The negators of a segment (after the phrases that negate nothing are taken out), and its words
    made negative by a prefix whose bare form the other text uses (`non-interoperable` / `interoperable`)."""
    vocab = vocabulary()
    cleaned = vocab.not_negating.sub(" ", segment)
    # a negator glued to a hyphen is part of a compound (`no-cost`, `not-for-profit`)
    found = [m.group(0).lower() for m in vocab.clause_negator.finditer(cleaned)
             if cleaned[m.end():m.end() + 1] != "-"]
    other_stems = {stem(w) for w in other_words}
    for word in re.findall(r"[A-Za-z][A-Za-z-]+", cleaned):
        lower = word.lower()
        if lower in other_words:
            continue
        for prefix in vocab.negative_prefixes:
            base = lower[len(prefix):].lstrip("-")
            if lower.startswith(prefix) and len(base) >= MIN_BASE and stem(base) in other_stems:
                found.append(lower)
                break
    return found


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]+", text)}


def read_polarity(clause: str, other: str) -> Polarity:
    """Is the clause negated where it speaks of what `other` speaks of? (see the module's docstring)."""
    shared_with = stems(other)
    other_words = _words(other)
    shortened = {w.lower() for w in SHORTENED.findall(clause)}
    for segment in segments(clause):
        found = _negators(segment, other_words)
        if not found:
            continue
        negator_stems = stems(" ".join(found))
        said = segment
        if all(vocabulary().contrast.fullmatch(word) for word in found):
            # a contrast marker negates what it sets aside, never what it affirms (`two days instead
            # of ten`: ten is set aside, the two days are stated)
            said = segment[segment.lower().find(found[0]) + len(found[0]):]
        words = stems(said) - negator_stems
        if words & shared_with or _abbreviates(words & shortened, other_words):
            return Polarity(True, found[0], frozenset(_governed(segment, found)))
    return Polarity(False)


# A word the notes cut short (`interop.`, `govt.`): three letters or more before a full stop.
SHORTENED = re.compile(r"\b([A-Za-z]{3,})\.(?=\s|$)")


def _abbreviates(shortened: set[str], other_words: set[str]) -> bool:
    """Is a word the notes cut short the start of a word of the other text (`interop.` /
    `interoperable`)? Shared content, read for the scope of a negator."""
    return any(o.startswith(s) and len(o) > len(s) for s in shortened for o in other_words
               if s not in STOP_WORDS)


def _governed(segment: str, negators: list[str]) -> list[str]:
    """The first few content words after each negator of a segment (a prefixed word: its base)."""
    lowered, words = segment.lower(), []
    for negator in negators:
        at = lowered.find(negator)
        if at < 0:
            continue
        if not vocabulary().clause_negator.fullmatch(negator):
            words.append(re.sub(r"^(?:un|non|dis|in|im|ir|il)-?", "", negator))  # a prefixed word
        tail = [w for w in re.findall(r"[a-z]+", lowered[at + len(negator):]) if w not in STOP_WORDS]
        words += tail[:GOVERNED_WORDS]
    return words


def _restates_negation(affirming: str, negated: Polarity) -> bool:
    """Does the side with no negator state the negative in other words? A lack word (`gap`), a word
    negative by its prefix (`unavailable`, `under-represented`), the opposite of a word the negator
    governs (`too expensive` for `not affordable`), or an extent of few (`few schools` for `most
    schools without`)."""
    vocab = vocabulary()
    words = _words(affirming)
    # a lack word the negation itself governs is what is negated (`does not work offline` /
    # `works offline`), not a restatement of it
    if (words & vocab.lack_words) - negated.scope:
        return True
    if ZERO.search(affirming):
        return True  # `met in 0 provinces`, `zero bids`: a count of none states the negative
    for word in words:
        if any(word.startswith(p) and len(word) - len(p) >= MIN_BASE for p in vocab.restating_prefixes) \
                and not (word.startswith(vocab.restating_exceptions) and not word.startswith("under-")):
            return True
    word_stems = words | {stem(w) for w in words}
    for governed in negated.scope:
        if any(word_stems & other for _, other in vocab.opposite_sides(governed)):
            return True
    if _undecided(affirming, negated):
        return True
    return any(rank <= 1 and pattern.search(affirming) for rank, pattern in vocab.extent)


def _undecided(affirming: str, negated: Polarity) -> bool:
    """Does the affirming side state as only tentative or deliberated (`still reflecting on a possible
    move`) what the negated side states as not decided (`yet to settle`, `no decision on`)? The
    negation of a decision is the stage below it; an affirming side that states the decision itself
    (`agreed`) is no restatement."""
    vocab = vocabulary()
    decision_stems = {stem(m.group(0).lower()) for m in vocab.decision.finditer(" ".join(negated.scope))}
    decision_stems |= {stem(w) for w in negated.scope
                       if vocab.decision.fullmatch(w) or vocab.decision.fullmatch(w + "d")}
    if not decision_stems or vocab.decision.search(affirming):
        return False
    return bool(vocab.deliberation.search(affirming) or
                any(m.group(0) != "May" for m in vocab.tentative.finditer(affirming)))


STILL_AHEAD = re.compile(r"\bnot\s+yet\b|\byet\s+to\b", re.IGNORECASE)


def both_unfinished(claim: str, evidence: str) -> bool:
    """Does the claim negate only to say a thing is still ahead (`not yet finished`, `yet to be
    signed`) where the evidence states it as unfinished (`still in progress`, `draft`, `pending`: the
    tentative markers of the vocabulary)? Both then say the same state, one by a negation, the
    other without; the embeddings read the negation alone and would set them apart."""
    if not STILL_AHEAD.search(claim) or len(vocabulary().negator.findall(claim)) > 1:
        return False
    return any(not STILL_AHEAD.fullmatch(m.group(0)) for m in vocabulary().tentative.finditer(evidence))


def polarity_clash(
    claim_clause: str, evidence_clauses: list[str], every: list[str] | None = None,
) -> tuple[str, str] | None:
    """(claim's side, evidence's side) when the claim clause and its evidence clauses differ in polarity.

    Each side is `'not'` (the negator) or `no negation`. The evidence is negated when the clause the
    claim shares most content words with is; clauses that share none say nothing about the claim. A
    negation only the claim has is no clash when another clause of the evidence (`every`: all of its
    clauses, aligned or not) holds what that negator governs and is negated too.
    """
    if not evidence_clauses:
        return None
    claim_stems = stems(claim_clause)
    # names (the speaker credited, an organisation) say who, not what: a speaker line that repeats
    # the credit must not outrank the clause that states the point
    said = claim_stems - stems(" ".join(NAME_WORD.findall(claim_clause)))
    names = set(NAME_WORD.findall(claim_clause))

    def rank(clause: str) -> tuple[int, int, int]:
        # on a tie of what is said, the clause that states it outranks the label that names the
        # speaker (a name written with its capital on both sides: `Content` / `content` is none)
        labelled = len(names & set(NAME_WORD.findall(clause)))
        return len(stems(clause) & said), -labelled, len(stems(clause) & claim_stems)

    ranked = sorted(evidence_clauses, key=rank, reverse=True)
    if not stems(ranked[0]) & claim_stems:
        return None
    evidence = read_polarity(ranked[0], claim_clause)
    claim = read_polarity(claim_clause, ranked[0])
    if claim.negated == evidence.negated:
        return None
    if claim.negated and both_unfinished(claim_clause, ranked[0]):
        return None  # `not yet finished` restates `still in progress`
    if claim.negated and _negated_elsewhere(claim, claim_clause, [*ranked[1:], *(every or [])]):
        return None  # the claim joins two evidence clauses; the one its negation governs is negated
    remark = remark_after(ranked[0], every or [])
    if claim.negated and remark and (
            read_polarity(remark, remark).negated or _restates_negation(remark, claim)):
        return None  # a short remark on the topic clause states the negative (`repair fund - zero pledges`)
    affirming = claim_clause if evidence.negated else ranked[0]
    negating = ranked[0] if evidence.negated else claim_clause
    restrictive = vocabulary().restrictive
    if restrictive.search(affirming) and restrictive.search(negating):
        return None  # `only if coverage improves` restates `will not renew unless coverage improves`
    if vocabulary().restrictive_scope.search(affirming) and _negatives(negating) >= 2:
        return None  # `only to those who can pay` restates `not available to those unable to pay`
    if _at_risk(affirming, negating):
        return None  # `may not survive the budget` restates `subsidy at risk in the budget`
    if _restates_negation(affirming, evidence if evidence.negated else claim):
        return None  # `a skills gap` may restate `lack of skills`: no reversal can be read
    return (f"'{claim.word}'" if claim.negated else "no negation",
            f"'{evidence.word}'" if evidence.negated else "no negation")


REMARK_WORDS = 4  # a clause this short right after another is a remark on it


def remark_after(text: str, every: list[str]) -> str:
    """The short clause right after the evidence clause holding `text` (a clause or a segment of
    one) among the evidence's clauses: a remark on it (`phone ban - no decision yet`), or ''."""
    for n, other in enumerate(every[:-1]):
        if text in other and len(every[n + 1].split()) <= REMARK_WORDS:
            return every[n + 1]
    return ""


def _at_risk(affirming: str, negating: str) -> bool:
    """Does the affirming side state a risk (`at risk`, `in doubt`: data) where the negating side's
    negator follows a modal auxiliary (`may not`, `could not`): a possibility that a thing fails?"""
    vocab = vocabulary()
    risk = phrase_pattern(word_list("polarity", "risk"))
    modal = vocab.modal_auxiliaries.pattern
    hedged = re.search(rf"(?:{modal})\s+(?:{vocab.clause_negator.pattern})", negating, re.IGNORECASE)
    return bool(hedged and risk.search(affirming))


def _negatives(text: str) -> int:
    """How many negatives a clause states: negators and negative predicates, and words negative by
    their prefix (`unable`, `non-members`)."""
    vocab = vocabulary()
    prefixed = [
        w for w in _words(text)
        if any(w.startswith(p) and len(w) - len(p) >= MIN_BASE for p in vocab.restating_prefixes)
        and not w.startswith(vocab.restating_exceptions)
    ]
    return len(vocab.clause_negator.findall(text)) + len(prefixed)


def _negated_elsewhere(claim: Polarity, claim_clause: str, others: list[str]) -> bool:
    """Is the claim's negation stated by another evidence clause, one that holds what the negator
    governs (`backup not replacement`, when the clause the claim shares most words with is the next)?"""
    governed = stems(" ".join(claim.scope))
    return any(
        governed & stems(clause) and read_polarity(clause, claim_clause).negated for clause in others
    )


# `not A but B`: A set aside, B affirmed (the negator stands at the start of a segment, or after a
# verb: `is not A but B`); `A, not B`: A affirmed, B set aside. Grammar, not vocabulary.
NOT_BUT = re.compile(
    r"\bnot\s+(?P<aside>[^,;:.()]+?)\s*,?\s+but\s+(?!also\b)(?P<kept>[^,;:.()]+)", re.IGNORECASE
)
COMMA_NOT = re.compile(
    r"(?P<kept>[^,;:.()]+),\s*not\s+(?!only\b|just\b|yet\b)(?P<aside>[^,;:.()]+)", re.IGNORECASE
)


def contrast_sides(text: str) -> tuple[set[str], set[str], str] | None:
    """(stems affirmed, stems set aside, the marker) of the first contrast a text states, if any:
    `A rather than B` (markers: data), `not A but B`, `A, not B`."""
    vocab = vocabulary()
    match = vocab.contrast.search(text)
    if match:
        kept = stems(text[: match.start()].split(":")[-1])
        set_aside = stems(re.split(r"[,;.]", text[match.end():])[0])
        return kept, set_aside, match.group(0).lower()
    cleaned = vocab.not_negating.sub(" ", text)
    found = NOT_BUT.search(cleaned)
    if found:
        return stems(found.group("kept")), stems(found.group("aside")), "not … but"
    found = COMMA_NOT.search(cleaned)
    if found:
        return stems(found.group("kept")), stems(found.group("aside")), ", not"
    return None


def contrast_reversed(claim_clause: str, evidence_clauses: list[str]) -> tuple[str, str] | None:
    """(what the claim affirms, what the evidence sets aside) when the claim affirms the side of a
    contrast (`A rather than B`, `not A but B`, `A, not B`) that the evidence sets aside."""
    for clause in evidence_clauses:
        sides = contrast_sides(clause)
        if not sides:
            continue
        kept, set_aside, marker = sides
        own = contrast_sides(claim_clause)
        if own:
            rejected = own[1]
            affirmed = stems(claim_clause) - rejected
        else:
            affirmed, rejected = stems(claim_clause), set()
        direct = len(affirmed & (kept - set_aside)) + len(rejected & (set_aside - kept))
        cross = len(affirmed & (set_aside - kept)) + len(rejected & (kept - set_aside))
        # both sides contrast: the claim sets aside what the evidence keeps and nothing it sets aside
        # (`adapted afterwards instead of designed for it` / `by design, not adapted afterwards`),
        # whatever words of the topic both keep
        swapped = bool(own) and bool(rejected & (kept - set_aside)) and not rejected & (set_aside - kept) \
            and bool(affirmed & (set_aside - kept))
        if cross > direct or swapped:
            word = sorted(affirmed & (set_aside - kept)) or sorted(rejected & (kept - set_aside))
            return word[0], marker
    return None
