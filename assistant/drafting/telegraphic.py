"""Telegraphic notes: the verb `to be` that notes leave out, put back so a point reads as a clause.

Notes typed at speed drop the copula: "catch data from 14 states now published every quarter",
"vessel tracking still missing for small boats", "fish stocks on closed reefs up 30%". Wrapped as
they are ("X reported that fish stocks … up 30%") they are fragments. By structure alone — a noun
phrase, then an adverb and a participle, or a word of change and a figure — the writer puts back
"is" or "are" (by the head noun: the last word before the first preposition) and adds no other
word. The adverbs, words of change, prepositions and plurals are closed classes kept as data
(`templates/notes-vocabulary.toml`, `[telegraphic]`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from assistant.domain.vocabulary import notes_vocabulary

# a participle: a regular one, or an irregular one (closed class of English)
PARTICIPLE = (r"(?:[a-z]{3,}(?:ed|ing)|built|done|gone|grown|known|made|paid|run|seen|sent|set|shown|spent"
              r"|taken|given|held|kept|left|lost|met|put|sold|told|won|written|cut|shut)")
# the words that open an object noun phrase (closed class of English): a word in -ed followed by one
# is a verb in the past with its object, not a participle that lost its `is`
# (not `every`, `this`, `each`: they also open a time adverbial, `published every week`)
DETERMINERS = frozenset({"a", "an", "the", "any", "some", "no", "their", "its", "his", "her", "our", "your",
                         "these", "those"})
# what may open a subject: the notes' first word is an ordinary word, a figure or a name
_SUBJECT_WORD = re.compile(r"^[A-Za-zÀ-ÿ0-9][\w'’.,%-]*$")
_NOT_SUBJECT = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|should|must|may"
                          r"|might|shall|do|does|did)\b", re.IGNORECASE)


@cache
def _pattern() -> re.Pattern[str]:
    words = notes_vocabulary()["telegraphic"]
    adverbs = "|".join(map(re.escape, words["adverbs"]))
    changes = "|".join(map(re.escape, words["changes"]))
    return re.compile(
        rf"^(?P<subject>[^;:—–()\"“”]{{3,80}}?)\s+(?P<rest>(?:{adverbs})\s+{PARTICIPLE}\b"
        rf"|(?:{changes})\s+(?:from\s+|by\s+)?[~≈]?\d)")


def _plural(subject: str) -> bool:
    """Whether the head noun of a noun phrase is plural: the last word before its first preposition."""
    words = notes_vocabulary()["telegraphic"]
    head = re.split(rf"\s+(?:{'|'.join(map(re.escape, words['prepositions']))})\s+", subject, maxsplit=1)[0]
    last = head.split()[-1].lower().strip(",.'’") if head.split() else ""
    if last in words["plurals"]:
        return True
    return last.endswith("s") and not last.endswith(("ss", "us", "is")) and not last.isdigit()


# `<subject> to <verb> …`: an arrangement or an ask with its `is` / `are` left out ("OECD to release a
# checklist", "governments to budget for skills"); the word after `to` is read as a verb only when it
# has no noun's ending and a determiner, a figure, a preposition or `be` follows it, or nothing does
_TO_GAP = re.compile(
    r"^(?P<subject>[^;:—–()\"“”]{2,60}?)\s+to\s+(?P<verb>[a-z]{3,})(?P<next>\s+\S+|\s*[.;,]?\s*$)")
_NOUN_ENDING = re.compile(r"(?:ion|ity|ment|ness|ance|ence|ship|ism|ing|ed|[^s]s|ics|ure|age|ery)$")


def _named(word: str) -> bool:
    """A word that names an organisation or a place: an acronym (`OECD`, `UNESCO`) or a capitalised
    word written that way inside a noun phrase."""
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&-]{1,9}", word)) or word[:1].isupper()


def _to_gap(text: str, has_verb: Callable[[str], bool]) -> str:
    """`X to do Y` with `is` / `are` put back (`X is to do Y`), or '' when the text has no such shape:
    the subject holds no verb and its head is plural or a name, the word after `to` reads as a verb."""
    match = _TO_GAP.match(text)
    if match is None:
        return ""
    subject, verb = match.group("subject").rstrip(" ,"), match.group("verb")
    after = match.group("next").strip()
    words = notes_vocabulary()["telegraphic"]
    following = after.lower().strip(",.;")
    if (_NOUN_ENDING.search(verb) and verb != "be") or verb in DETERMINERS:
        return ""
    if following and not (following in DETERMINERS or following == "be" or verb == "be"
                          or following in words["prepositions"] or following[:1].isdigit()):
        return ""
    if _NOT_SUBJECT.search(subject) or has_verb(subject) or len(subject.split()) > 8 \
            or not all(_SUBJECT_WORD.match(w) for w in subject.split()):
        return ""
    head = subject.split()[-1]
    if not (_plural(subject) or (_named(head) and (len(subject.split()) > 1 or head.isupper()))):
        return ""
    verb_be = "are" if _plural(subject) and not head.isupper() else "is"
    return f"{subject} {verb_be} {text[match.start('subject') + len(match.group('subject')):].lstrip()}"


def with_copula(text: str, has_verb: Callable[[str], bool]) -> str:
    """The point with `is` / `are` put back where notes left it out (see the module docstring); the
    text as it is when the words before the gap hold a verb (`has_verb`, the writer's own test) or an
    auxiliary, or when it has no such shape."""
    match = _pattern().match(text)
    if match is None:
        return _to_gap(text, has_verb) or text
    if _NOT_SUBJECT.search(match.group("subject")):
        return text
    after = text[match.end():].split()
    if after and after[0].lower().strip(",.;") in DETERMINERS:
        return text  # `… still lacked any proof`: a past verb with its object, not a participle
    subject = match.group("subject").rstrip(" ,")
    adjectives = re.sub(r"\b[a-z]{3,}ed\s+(?=[a-z])", "", subject)  # `closed reefs`: an adjective, no verb
    if has_verb(adjectives) or not all(_SUBJECT_WORD.match(w) for w in subject.split()):
        return text
    verb = "are" if _plural(subject) else "is"
    return f"{subject} {verb} {text[match.start('rest'):]}"
