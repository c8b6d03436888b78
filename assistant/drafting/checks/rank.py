"""Rank: a claim that places what it speaks of first, largest or leading needs a rank in its evidence.

A count or a description (`2,300 services online`, `one of three countries with a law`) turned into a
superlative (`the largest portal in the region`, `the first country to adopt a law`) states a fact
no clause of the evidence gives. The words are closed classes (data: `[rank]` of the checker
vocabulary): superlatives and firsts, the evidence's own ways of ranking (any superlative, `top`,
`record`, a word in `-est`), and lower ranks (`third`, `one of`, `among`) that the verdict names.
`first` before a word of order or time (`first tranche`, `for the first time`) ranks nothing.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.drafting.checks.vocabulary import phrase_pattern, raw_section, spelling_pattern

ORDER_WORDS = 2  # how far after `first` a word of order or time makes it an order, not a rank
# `first` that ranks: after an article, a possessive or a copula, or written `first-ever`
RANKING_FIRST = re.compile(
    r"(?:\b(?:the|its|their|his|her|became|become|becomes|was|is|were|are|be)\s+|['’]s\s+)first\b"
    r"|\bfirst-ever\b",
    re.IGNORECASE,
)


@cache
def _classes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """(superlatives, the evidence's ranking words, lower ranks, words of order after `first`)."""
    section = raw_section("rank")

    def words(key: str) -> list[str]:
        found = section.get(key)
        if not isinstance(found, list):
            raise RuntimeError(
                f"the checker vocabulary's [rank] section has no list `{key}`; reinstall the package"
            )
        return [str(w) for w in found]

    superlative = [w for w in words("superlative") if w != "first"]
    stated = [w for w in words("stated") if not w.startswith("-")]
    return (
        spelling_pattern(superlative),
        re.compile(
            spelling_pattern(superlative + stated).pattern
            + r"|\b(?!(?:" + "|".join(NOT_SUPERLATIVE) + r")\b)[a-z]{2,}est\b|\bfirst\b",
            re.IGNORECASE,
        ),
        phrase_pattern(words("lower")),
        frozenset(w.lower() for w in words("first_of_order")),
    )


# words in `-est` that rank nothing: a rank the evidence would then seem to state is no excuse to
# pass, but these are common enough in notes to matter
NOT_SUPERLATIVE = ("interest", "request", "test", "rest", "west", "forest", "suggest", "invest", "protest",
                   "harvest", "digest", "manifest", "contest", "arrest", "honest", "modest", "guest", "quest")


def superlatives(text: str) -> list[str]:
    """The superlatives and ranking firsts of a text (`the largest`, `the first country to`)."""
    superlative, _, _, order = _classes()
    found = [(m.start(), m.group(0).lower()) for m in superlative.finditer(text)]
    for match in RANKING_FIRST.finditer(text):
        after = re.findall(r"[A-Za-z]+", text[match.end():])[:ORDER_WORDS]
        if match.group(0).lower().endswith("first-ever") or not any(w.lower() in order for w in after):
            found.append((match.start(), "first"))
    return [word for _, word in sorted(found)]


def rank_clash(claim: str, evidence: str) -> tuple[str, str] | None:
    """(claim's superlative, what the evidence says instead: a lower rank or `no rank`) when the claim
    ranks what the evidence only counts or describes."""
    claimed = superlatives(claim)
    if not claimed:
        return None
    _, ranking, lower, _ = _classes()
    if ranking.search(evidence):
        return None
    below = lower.search(evidence)
    return claimed[0], below.group(0).lower() if below else "no rank"
