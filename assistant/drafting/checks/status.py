"""Overclaims: a claim that states as done what its evidence states as planned, proposed or piloted.

Notes say "will make available", "proposed", "pilot in 2 provinces", "work in progress"; a careless
report says "disbursed", "adopted", "nationwide", "finalised". Embeddings see the same topic and the
fact tests see the same names and figures, so the status of the thing is compared on its own:

- the claim's *realised* words: a status verb in its past form (`launched`, `adopted`, `signed`),
  `already`, `finalised`, or a wide scope (`nationwide`, `worldwide`), which needs a reach the
  evidence states (`national`, `all districts`, `global`) even where nothing is tentative;
- each must be stated as realised by the evidence too (the same verb in a past or noun form, the same
  scope word), unless the evidence is tentative about it: modal and intent words (`will`, `plans`,
  `pledge`, `proposed`, `considering`), trials (`pilot`) and unfinished states (`draft`, `not yet`,
  `in progress`).

The lexicon is a small piece of English, kept as data in `domain/templates/checker-vocabulary.toml`.
"""

from __future__ import annotations

import re

from assistant.corpus.keywords import stem, terms
from assistant.drafting.checks.vocabulary import (
    expansions,
    phrase_pattern,
    raw_section,
    vocabulary,
    word_list,
)

_VOCABULARY = vocabulary()  # domain/templates/checker-vocabulary.toml, [modality]
# Verbs that state that something exists or took effect; a claim in their past form says it happened.
STATUS_STEMS = _VOCABULARY.status_stems
_IRREGULAR_PAST = _VOCABULARY.irregular_past
# Words that say a thing is already the case, whatever the verb (the one-word entries of `done`).
DONE_WORDS = frozenset(w for w in _VOCABULARY.done_words if " " not in w)
# Claims of reach that a pilot or a trial does not support.
SCOPE_WORDS = _VOCABULARY.wide_scope
# What in the evidence can support a claim of wide reach: the same words, or national, global, all …
WIDE_SCOPE = re.compile(
    r"\b(?:nation(?:al|wide|ally)|country-?wide|world-?wide|global(?:ly)?|universal(?:ly)?|everywhere"
    r"|across\s+the\s+(?:country|region|continent|world)|all\s+(?:\d+\s+)?\w+|every\s+\w+"
    r"|region-?wide|continent-?wide)\b",
    re.IGNORECASE,
)
# Evidence words that make a status tentative: intent, proposal, trial, unfinished work (data), and
# a deadline ahead (`by end of 2026`, a format).
DEADLINE = r"\bby\s+(?:end(?:\s+of)?\s+|mid-?\s*)?(?:19|20)\d\d\b"
TENTATIVE = re.compile(f"{_VOCABULARY.tentative.pattern}|{DEADLINE}", re.IGNORECASE)
PILOT = _VOCABULARY.partial
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
CLAUSE = re.compile(r"[.;!?]+(?:\s+|$)|\s+[-–—]+\s+|\n|\(|\)")


def _verb_stem(word: str) -> str | None:
    """The status verb a word is a past form of (`launched` -> launch), else None."""
    lower = word.lower()
    if lower in _IRREGULAR_PAST:
        return stem(_IRREGULAR_PAST[lower])
    if not lower.endswith("ed"):
        return None
    root = stem(lower)
    return root if root in STATUS_STEMS else None


# How far before a word of done-ness (`compulsory`, `completed`) a tentative word makes it tentative
# too: a state is the object of the intention (`intends to make the standard compulsory`).
DONE_REACH = 8


def realised_words(text: str) -> list[tuple[str, str]]:
    """(word, key) for each word of a text that states something as done; key is what to look for."""
    found = []
    words = WORD.findall(text)
    for n, word in enumerate(words):
        lower = word.lower()
        verb = _verb_stem(lower)
        if verb and _opens_condition(words, n):
            continue  # `would share towers provided the state pays`: a condition, not a thing done
        if (verb or lower in DONE_WORDS) and _pending_or_denied(text, words, n):
            continue  # `mandatory once a decree is adopted`, `is not operational`: nothing stated done
        if verb:
            if TENTATIVE.search(" ".join(words[max(0, n - 3):n])):
                continue  # "will be published", "is expected to be adopted": the claim is tentative too
            if _in_tentative_that_clause(text, words, n):
                continue  # "proposed that the Forum set up …": the act is what was proposed
            found.append((lower, verb))
        elif ((lower in DONE_WORDS or lower in SCOPE_WORDS) and not word[0].isupper()) or lower == "already":
            # with a capital it is part of a name: the Universal Postal Union; after a tentative word
            # (`due to be finished`, `will be fully`) the claim is tentative too
            if lower in DONE_WORDS and TENTATIVE.search(" ".join(words[max(0, n - DONE_REACH):n])):
                continue
            found.append((lower, lower))
    return found


def _in_tentative_that_clause(text: str, words: list[str], n: int) -> bool:
    """Is the word at n inside a `that` clause a tentative word governs (`proposed that the Forum set
    up`, `recommends that ministries adopt`), within DONE_REACH words? What such a clause states is
    the proposal's content, not a thing done."""
    before = words[max(0, n - DONE_REACH):n]
    if "that" not in (w.lower() for w in before):
        return False
    at = max(i for i, w in enumerate(before) if w.lower() == "that")
    opener = " ".join(before[max(0, at - 2):at])
    return bool(TENTATIVE.search(opener))


_PENDING = phrase_pattern(word_list("modality", "pending_subordinators"))
NEGATED_REACH = 3  # words before a done word within which a negator denies it (`is not yet operational`)


def _pending_or_denied(text: str, words: list[str], n: int) -> bool:
    """Is the done word at n governed by a subordinator that puts it ahead (data: `once`, `until`)
    within its segment (back to the last comma or clause mark), or denied by a negator just before it
    (`not operational`)? Either way the claim does not state it done."""
    before = words[max(0, n - NEGATED_REACH):n]
    if any(_VOCABULARY.clause_negator.fullmatch(w) for w in before):
        return True
    # the segment of the text before the n-th word: from the last comma, semicolon or dash
    at = 0
    for _ in range(n + 1):
        found = WORD.search(text, at)
        if found is None:
            return False
        at = found.end()
    segment = re.split(r"[,;:()]|\s[-–—]\s", text[: at])[-1]
    return bool(_PENDING.search(segment))


def _opens_condition(words: list[str], n: int) -> bool:
    """Is the word at n a participle opening a condition (`provided`, `granted`: data): a modal
    auxiliary before it in the text and `that` or the condition's subject right after it?"""
    if words[n].lower() not in _CONDITIONAL or n + 1 >= len(words):
        return False
    modal = any(_VOCABULARY.modal_auxiliaries.fullmatch(w) for w in words[:n])
    return modal and words[n + 1].lower() in _OPENERS


_CONDITIONAL = frozenset(w.lower() for w in word_list("modality", "conditional_participles"))
_OPENERS = frozenset(w.lower() for w in word_list("modality", "condition_openers"))


def _status_fields() -> dict[str, frozenset[str]]:
    """Each status verb's stem, with the stems of the verbs that state the same act (`[modality]
    status_fields`)."""
    found = raw_section("modality").get("status_fields", [])
    table: dict[str, frozenset[str]] = {}
    for group in found if isinstance(found, list) else []:
        stems_of = frozenset(stem(str(w).lower()) for w in group)
        for one in stems_of:
            table[one] = table.get(one, frozenset()) | stems_of
    return table


_FIELDS = _status_fields()


def same_act(key: str) -> frozenset[str]:
    """The stems that state the act of a status verb's stem: itself and its field's (data)."""
    return _FIELDS.get(key, frozenset()) | {key}


DETERMINER = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "official"})


def _stated_as_done(key: str, evidence_words: list[str]) -> bool:
    """Does the evidence state this status itself, not only as an intention?

    Past forms (`launched`), nouns (`adoption`, `the launch`) and a present `-ing` (`launching the
    toolkit today`) count, unless a tentative word governs them (`will launch`, `plans to publish`,
    `considering launching`); the bare verb after `to` or a modal never counts.
    """
    lowered = [w.lower() for w in evidence_words]
    for n, lower in enumerate(lowered):
        if key not in STATUS_STEMS:
            if lower == key:
                return True  # already, nationwide: the same word
            continue
        # an irregular past (`built`) is read as its verb (`build`); a verb of the same act (`created`
        # for `set up`, data) states it too
        acts = same_act(key)
        irregular = lower in _IRREGULAR_PAST and stem(_IRREGULAR_PAST[lower]) in acts
        if stem(lower) not in acts and not irregular:
            continue
        before = " ".join(lowered[max(0, n - 2):n])
        if TENTATIVE.search(before):
            continue
        # a noun in the plural too (`disbursements fell short`: there were disbursements)
        if lower.removesuffix("s").endswith(("ed", "tion", "ment", "ure", "al")) or lower in _IRREGULAR_PAST:
            return True
        if lower.endswith("ing") or (n and lowered[n - 1] in DETERMINER):
            return True
    return False


NOT_YET = re.compile(r"\bnot\s+yet\b", re.IGNORECASE)
SEGMENT = re.compile(r"[,;:()]|\s[-–—]\s")  # where what a `not yet` governs ends
SO_FAR = re.compile(r"\b(?:so\s+far|to\s+date|by\s+now|as\s+of\s+now)\b", re.IGNORECASE)
QUESTION = re.compile(r"[^.;!?\n]*\?")
ACRONYM = re.compile(r"\b[A-Z]{2,6}(?=s?\b)")
JOINERS = frozenset({"of", "and", "for", "the", "on", "in", "&", "de"})


def acronym_words(claim: str, evidence: str) -> set[str]:
    """Lowercase words of the claim that spell out an acronym the evidence uses (`universal service
    fund` for USF, by initials) or that the vocabulary's expansion of one of its acronyms holds."""
    named = {w.lower() for name in expansions(evidence) for w in WORD.findall(name)}
    words = WORD.findall(claim)
    for acronym in set(ACRONYM.findall(evidence)):
        for start in range(len(words)):
            span: list[str] = []
            letters, n = "", start
            while n < len(words) and len(letters) < len(acronym):
                word = words[n]
                if span and word.lower() in JOINERS:
                    span.append(word)
                elif word[0].upper() == acronym[len(letters)] and word.lower() not in JOINERS:
                    span.append(word)
                    letters += word[0].upper()
                else:
                    break
                n += 1
            if letters == acronym:
                named.update(w.lower() for w in span)
    return named


def overclaims(claim: str, evidence: str) -> list[str]:
    """Realised words of the claim that its evidence only states as planned, proposed or piloted.

    Only the evidence clauses that share words with the claim are read for tentative words, so a
    "will" about something else in a long note line changes nothing. Each problem names the claim's
    word and the evidence's tentative word: `disbursed (evidence: will)`.
    """
    # a question asked in the evidence ("will the fund cover …?") states nothing, tentative or done
    evidence = QUESTION.sub(" ", evidence)
    named = acronym_words(claim, evidence)
    # a status or scope word inside a name the evidence abbreviates (`universal service fund` for USF)
    # is part of that name, not a claim of reach
    realised = [(word, key) for word, key in realised_words(claim) if word not in named]
    if not realised:
        return []
    # clauses are matched on what the claim is about, not on its status words ("published" alone
    # would tie the claim to every clause where anything was published)
    claim_terms = set(terms(claim)) - {stem(word) for word, _ in realised} - {key for _, key in realised}
    relevant = [
        c for c in CLAUSE.split(evidence)
        if c and c.strip() and set(terms(c)) & claim_terms
    ]
    # a parenthesis or a trailing remark ("(intention, not yet done)", "(pledge)") qualifies the
    # clause before it: it is read with the relevant clauses
    asides = re.findall(r"\(([^()]{1,80})\)", evidence)
    scope_text = " ".join(relevant + asides)
    # the status is read where the claim's subject is: "published quarterly" about another thing
    # in another clause does not make this one published
    evidence_words = WORD.findall(scope_text)
    # "May" with a capital is the month ("29 May"), not the modal
    # a tentative participle the claim states itself (`connected 1,200 of its planned 5,000`)
    # qualifies the same thing in both: the claim keeps it, so it is no sign of a thing stated as
    # done (a noun such as `roadmap` names the thing and is no such qualifier)
    kept = {w.lower() for w in WORD.findall(claim) if w.lower().endswith("ed")}
    tentative = [
        m.group(0).lower() for m in TENTATIVE.finditer(scope_text)
        if m.group(0) != "May" and m.group(0).lower() not in kept
    ]
    problems = []
    for word, key in dict.fromkeys(realised):
        if key in SCOPE_WORDS:
            pilots = [m.group(0).lower() for m in PILOT.finditer(scope_text)]
            if pilots and not _stated_as_done(key, evidence_words):
                problems.append(f"{word} (evidence: {pilots[0]})")
            elif not WIDE_SCOPE.search(evidence):
                problems.append(f"{word} (the evidence states no such reach)")
            continue
        not_yet = bool(re.search(r"\bnot\s+yet\b", scope_text, re.I))
        if key == "already" and SO_FAR.search(scope_text) and not not_yet:
            continue  # `so far`, `to date`: the evidence states it done by now
        if _stated_as_done(key, evidence_words) and not not_yet:
            continue
        if not_yet and any(_stated_as_done(key, WORD.findall(piece)) and not NOT_YET.search(piece)
                           for clause in relevant + asides for piece in SEGMENT.split(clause)):
            continue  # `staff recruited, premises TBD, not yet operational`: the `not yet` is another's
        if tentative:
            problems.append(f"{word} (evidence: {tentative[0]})")
    return problems
