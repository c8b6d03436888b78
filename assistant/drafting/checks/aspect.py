"""Intention read from structure: a verb the evidence states only as a purpose, never as done.

Notes state what someone means to do with a `to`-infinitive (`designed to serve two million users`,
`in order to train teachers`) or a modal auxiliary (`could finance the cable`); a careless report
states the same verb in a finite form (`serves`, `trained`, `financed`). No word list of intentions
is needed for that: the verb is the claim's own, and its form in each text says whether it is done.
The exceptions are closed vocabularies (data): the auxiliaries, and the implicative verbs that make
an infinitive a fact (`managed to train`, `began to serve`).
"""

from __future__ import annotations

import re

from assistant.drafting.checks.vocabulary import vocabulary

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words that may stand between an auxiliary and its verb (`will also serve`, `could then finance`).
BETWEEN = frozenset({"also", "then", "still", "soon", "now", "jointly", "eventually", "in", "turn", "be"})
MIN_VERB = 4  # shorter words (`use`, `run`) are too often nouns to be read as verbs here


def inflections(bare: str) -> set[str]:
    """The finite forms a bare verb takes (`serve` -> serves, served; `apply` -> applies, applied)."""
    forms = {bare + "s", bare + "es", bare + "ed", bare + "d", bare + bare[-1] + "ed"}
    if bare.endswith("y"):
        forms |= {bare[:-1] + "ies", bare[:-1] + "ied"}
    return forms


def _intended(words: list[str], n: int) -> str | None:
    """How the bare word at `n` is governed when it is stated as a purpose: `to serve`, `could serve`."""
    vocab = vocabulary()
    before = [w.lower() for w in words[max(0, n - 4):n]]
    while before and before[-1] in BETWEEN and not (len(before) >= 2 and before[-2] == "to"):
        before.pop()
    if not before:
        return None
    if before[-1] == "to":
        for reach in (1, 2):  # `managed to train`, `went on to win`: the infinitive states a fact
            if len(before) > reach and vocab.implicative.fullmatch(" ".join(before[-1 - reach:-1])):
                return None
        if set(before[:-1]) & vocab.causative:
            return None  # `enabled farmers to sell`: the causative makes it a fact
        return f"to {words[n].lower()}"
    if vocab.modal_auxiliaries.fullmatch(before[-1]):
        return f"{before[-1]} {words[n].lower()}"
    return None


def intended_only(claim_clause: str, evidence: list[str]) -> tuple[str, str] | None:
    """(claim's verb, evidence's form) for a verb the claim clause states in a finite form (`serves`,
    `trained`) where every occurrence of it in the evidence is a purpose (`to serve`, `will train`).

    The claim's own form must be an inflection of the evidence's bare verb, so nouns (`users` /
    `to use`) and other words are never read; a claim that itself says `to serve` or `will serve`
    claims nothing done here.
    """
    claim_words = WORD.findall(claim_clause)
    evidence_words = [WORD.findall(text) for text in evidence]
    for n, word in enumerate(claim_words):
        lower = word.lower()
        if len(lower) < MIN_VERB + 1 or _intended(claim_words, n) or lower in vocabulary().speech:
            continue
        occurrences: list[str | None] = []
        for words in evidence_words:
            for m, other in enumerate(words):
                bare = other.lower()
                if bare == lower:
                    occurrences.append(None)  # the evidence states the claim's own form
                elif len(bare) >= MIN_VERB and lower in inflections(bare):
                    occurrences.append(_intended(words, m))
                elif bare in inflections(_root(lower)) | {_root(lower)} and bare != lower:
                    occurrences.append(None)  # another finite form (`served` for `serves`)
        if occurrences and all(occurrences):
            return lower, str(occurrences[0])
    return None


def _root(word: str) -> str:
    """A rough bare form of an inflected verb, for finding its other finite forms (`served` -> serv)."""
    for ending in ("ies", "ied", "es", "ed", "s", "d"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word
