"""Conditionality: a claim must not state without a condition what its evidence states only on one.

Evidence often ties a statement to a condition (`will extend coverage provided the fund pays half`,
`rollout if donors agree`, `subject to approval`); a careless report keeps the statement and drops the
condition (`will extend coverage`). Conditions are opened by a closed class of subordinators (`if`,
`unless`, `provided that`, `as long as`, `subject to`: `[condition] markers` of the vocabulary) and by
participles that open one after a modal (`would share towers provided the state pays`: `[modality]
conditional_participles`). A claim clause that carries no condition and no hedge of its own (`would`,
`could`, `may` already state a possibility) overclaims when every evidence clause that states what it
states carries a condition. The verdict names the condition: `condition: will (evidence: provided)`.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.drafting.checks.polarity import stems
from assistant.drafting.checks.vocabulary import phrase_pattern, vocabulary, word_list

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SHARED_WORDS = 2  # content words an evidence clause must share with the claim clause to state it


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], frozenset[str]]:
    """(condition markers, phrases that make `if` no condition, conditional participles, openers)."""
    return (
        phrase_pattern(word_list("condition", "markers")),
        phrase_pattern(word_list("condition", "not_conditions")),
        frozenset(w.lower() for w in word_list("modality", "conditional_participles")),
        frozenset(w.lower() for w in word_list("modality", "condition_openers")),
    )


def conditions(text: str) -> list[str]:
    """The markers by which a text opens a condition (lower case, in order), `if` in a question or a
    comparison (`asked if`, `even if`) left out; a participle (`provided`) counts after a modal
    auxiliary of the text and before the condition's subject (`provided the state pays`)."""
    markers, not_conditions, participles, openers = _patterns()
    cleaned = not_conditions.sub(" ", text)
    found = [(m.start(), m.group(0).lower()) for m in markers.finditer(cleaned)]
    words = list(WORD.finditer(cleaned))
    modal = vocabulary().modal_auxiliaries
    for n, word in enumerate(words[:-1]):
        lower = word.group(0).lower()
        if lower in participles and words[n + 1].group(0).lower() in openers \
                and modal.search(cleaned[: word.start()]):
            found.append((word.start(), lower))
    return [marker for _, marker in sorted(found)]


@cache
def _claim_markers() -> re.Pattern[str]:
    """The subordinators a claim states a condition with besides the markers (`[condition]
    claim_markers`: `when`), one pattern."""
    return phrase_pattern(word_list("condition", "claim_markers"))


def stated_conditions(claim: str) -> list[str]:
    """The words by which a claim states a condition of its own: the markers (`if`, `as long as`) and
    the subordinators a report writes one with (`when`: data)."""
    found = [(m.start(), m.group(0).lower()) for m in _claim_markers().finditer(claim)]
    return conditions(claim) + [word for _, word in sorted(found)]


def _hedged(text: str) -> bool:
    """Does the text state a possibility of its own (`may`, `could`, `would`; "May" is the month)?"""
    return any(m.group(0) != "May" for m in vocabulary().hedged.finditer(text))


def condition_clash(claim: str, pairs: list[tuple[str, list[str]]]) -> tuple[str, str] | None:
    """(what the claim states instead, the evidence's condition) when a claim with no condition and no
    hedge restates clauses that all carry a condition; None otherwise.

    `pairs` are the claim's clauses with the evidence clauses each aligns with. An evidence clause
    speaks of the claim clause's content when it shares at least SHARED_WORDS content words with it
    (names aside, as `polarity.stems` reads them); a claim clause that is negated claims nothing done.
    """
    if stated_conditions(claim) or _hedged(claim):
        return None
    vocab = vocabulary()
    for part, chosen in pairs:
        if vocab.clause_negator.search(part):
            continue
        own = stems(part)
        about = [c for c in chosen if len(stems(c) & own) >= SHARED_WORDS]
        if not about:
            continue
        found = [conditions(c) for c in about]
        if all(found):
            modal = vocab.modal_auxiliaries.search(part)
            stated = modal.group(0).lower() if modal else "stated without a condition"
            return stated, found[0][0]
    return None
