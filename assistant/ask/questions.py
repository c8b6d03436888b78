"""Reading a staff question before retrieval: follow-ups, whole-corpus questions, organisers, subject.

All of this is plain text work (no model): it decides whether a question leans on the previous one
("and what did they recommend?") and makes it standalone, whether it asks about every session
("which sessions…", "how many sessions…", "list all…"), what its subject is once the question frame
is removed, which section it points at, and whether it names an organiser.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from assistant.corpus.keywords import STOP_WORDS, WORD, stem, terms, words
from assistant.domain.language import ENGLISH, detect, languages


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that frame a question about the sessions rather than name its subject. They are left out of
# keyword coverage (a refusal should not hinge on whether a document happens to say "recommend").
FRAME_WORDS = _word_set("""
according across all also answer any asked compare compared comparison consider considered deal dealt
describe described differ did discuss discussed discussion document documents each every explain
find found forum give given held how kind list look looked made make many mention mentioned much name
note noted outcome outcomes point position present presented propose proposed raise raised recommend
recommendation recommendations refer reference referred report reported say said says session sessions
show summarise summarize take talk talked tell took touch touched type what which who whom why
workshop workshops event events panel panels among help helped helping organise organised organiser
organisers organize organized organizer organizers co-organise co-organised co-organiser co-organisers
co-organize co-organized hosted convened speaker speakers participant participants panellist panellists
collection corpus documented recorded record records place happened run
""")
# Words that only frame a whole-corpus question's search of the collection ("was X brought up
# anywhere?", "did X come up in any of the meetings?"): left out of its subject (`topic`) only, so
# an ordinary question's subject and the answerability features read on it are unchanged.
SEARCH_FRAME_WORDS = _word_set("""
anywhere anything anyone brought came come feature featured meeting meetings often identify looking
mentioning mentions discussing discusses talks talking covered covering covers spoke speaking raising
please different various dealing concerning regarding devoted discussions roundtables dialogues
ceremonies
""")
# Words that only say which section a question points at ("what did each launch?").
HINT_WORDS = _word_set("""
launch launched launches announce announced announcement announcements commit committed commitment
commitments pledge pledged pledges
""")

# One word that narrows the sessions asked about ("which 2023 sessions", "how many youth sessions"),
# never an auxiliary verb: "what did sessions recommend…" asks what was said, not which sessions.
_QUALIFIER = r"(?!(?:did|do|does|have|has|had|were|was|are|is|can|could|should|would|will)\b)[\w-]+"
_GATHERINGS = r"(sessions?|documents?|docs?|events?|workshops?|panels?)"  # "docs": documents, abbreviated
_PLURAL_GATHERINGS = (r"(sessions|documents|events|workshops|panels|meetings|talks|discussions|roundtables"
                      r"|dialogues|ceremonies)")
# The plural nouns that name the collection's members when a question speaks of them as a group
# ("what did sessions recommend…", "reported by sessions dealing with…"): not "meetings" (a
# minister's bilateral meetings) nor "talks", which name things said within one session.
_MEMBERS = r"(sessions|documents|events|workshops|panels|discussions|roundtables|dialogues|ceremonies)"
# One word before them that keeps them the whole group ("the 2024 sessions", "the different
# panels", "the outcome documents"), never one that picks out some of them ("the two sessions",
# "their sessions", "these panels", "the mayors' events") nor a second year ("2023 and 2025 sessions").
# (a possessive "mayors'" never matches: the apostrophe is no word character)
_GROUP_WORD = r"(?:(?!(?:two|three|four|both|these|those|their|its|his|her|our|your|my|and|or)\b)[\w-]+\s+)?"
# Up to three words naming the sessions asked about ("which WSIS Forum 2023 sessions"), none of them
# an auxiliary verb, an article or a preposition: "which speakers at the sessions…" asks for speakers.
_NAMING = (r"(?:(?!(?:did|do|does|have|has|had|were|was|are|is|can|could|should|would|will|the|a|an|at|in"
           r"|on|of|for|from|during|by|with|to)\b)[\w-]+\s+){0,3}")
# Verbs of speaking of a subject (a closed list): "where were X mentioned?" asks where in the
# collection a subject is spoken of, while "where was X held?" asks a place.
_MENTIONED = (r"mention(ed|s)?|discuss(ed|es)?|rais(ed|es)|brought\s+up|c[oa]me\s+up|address(ed|es)?"
              r"|talk(ed|s)?\s+about|refer(red|s)?\s+to|debated|cited|featured|cover(ed|s)?|touched\s+on")
# Up to three words naming the sessions asked about, none of them a verb of the question, an article,
# a preposition or a conjunction ("the 2023 and 2025 sessions" are two sessions compared)
_BARE_NAMING = (r"(?:(?!(?:did|do|does|have|has|had|were|was|are|is|the|a|an|at|in|on|of|for|from|during"
                r"|by|with|to|and|or)\b)[\w-]+\s+){0,3}")
_AGGREGATE = re.compile(
    rf"""
    \b(which|what)\s+(of\s+the\s+)?({_QUALIFIER}\s+)?{_GATHERINGS}\b
    | \b(which|what)\s+(of\s+the\s+)?{_NAMING}{_PLURAL_GATHERINGS}\b
    | \bhow\s+many\s+(of\s+(the|our)\s+)?({_QUALIFIER}\s+)?({_GATHERINGS}|times)\b
    | \b(list|name|enumerate|show|tell|find|identify)\s+(me\s+)?(all|every|each)\b
    | \b(list|name|enumerate|show|give|tell|find|identify|point\s+me\s+to)\s+(me\s+)?(the\s+)?
      {_NAMING}{_PLURAL_GATHERINGS}
      \s+(that|which|where|on|about|in|at|\w+ed|\w+ing)\b
    | \b(in|across|from)\s+(all|every|each)\s+(the\s+)?(sessions?|documents?)\b
    | \b(across|throughout)\s+(the\s+)?(sessions|documents|collection|corpus)\b
    | \bwhere\s+in\s+the\s+(collection|corpus)\b
    # ("every session in the collection where…": the collection named between them)
    | \b(all|every)\s+(the\s+)?(sessions?|documents?)(\s+(in|of)\s+the\s+(collection|corpus))?
      \s+(that|which|where|on|about)\b
    | \b(did|do|were|was|is|are)\s+(there\s+)?any\s+(of\s+the\s+)?(sessions?|documents?|events?|meetings?)\b
    # "…in any of the sessions?", "did any of the documented sessions…", "is there a session that…":
    # whether any member of the collection holds it
    | \bany\s+(of\s+the\s+)?({_QUALIFIER}\s+)?({_GATHERINGS}|meetings?)\b
    | \b(is|are|was|were)\s+there\s+((a|an|any)\s+)?({_QUALIFIER}\s+)?({_GATHERINGS}|meetings?)\b
    # "point me to the sessions where…", "the documents mentioning X": the members of the collection
    # that a clause picks out (not "the 2023 and 2025 sessions on X", two sessions compared)
    | \b(the|all)\s+{_BARE_NAMING}{_PLURAL_GATHERINGS}\s+(where|that|which|in\s+which|\w+ing)\b
    # "…raised in the documents?": the collection as the place searched, at the question's end
    | \b(in|across|throughout|among)\s+(all\s+)?the\s+({_MEMBERS}|collection|corpus)\W*$
    # "a list of the sessions on X", "how often was X raised?": the collection counted or listed
    | \ba\s+list\s+of\s+(all\s+)?(the\s+)?{_NAMING}{_PLURAL_GATHERINGS}\b | \bhow\s+often\b
    # "was X discussed anywhere (, and where)?": the whole collection searched for a subject
    | \banywhere\b
    # "among the 2025 meetings, which …": the collection narrowed, then its members asked for
    | \bamong\s+(all\s+)?(the\s+)?{_NAMING}{_PLURAL_GATHERINGS}\b[^?]*?\b(which|what|how\s+many)\b
    # "where were X brought up / mentioned?": the places in the collection that speak of a subject
    | ^\W*where\s+(was|were|did|do|does|has|have|had)\b[^?]*?\b({_MENTIONED})\b
    # "looking at all the sessions, which ones…": the whole collection, then its members asked for
    | \b(all|every|each)\s+(one\s+)?(of\s+)?(the\s+)?(sessions|documents|events|meetings)\b
      [^?]*?\bwhich\s+(ones|of\s+them)\b
    # "where are X mentioned?": the present tense asks the same as "where were X mentioned?"
    | ^\W*where\s+(is|are)\b[^?]*?\b({_MENTIONED})\b
    # "what did the sessions on X recommend?": what each session on a subject said, session by session
    | \bwhat\s+(did|do|have|had)\s+(the\s+)?({_QUALIFIER}\s+)?{_PLURAL_GATHERINGS}
      \s+(on|about|concerning|dealing\s+with|devoted\s+to)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ORGANISER_WORDS = re.compile(
    r"\b(co-?)?organi[sz](e|ed|es|er|ers|ing)\b|\bhosted\b|\bconvened\b|\brun\s+by\b", re.IGNORECASE
)
# "which sessions did FAO run / host / convene?": a bare verb of running a session after a name
_ORGANISER_DID = re.compile(r"\b(?i:did|does|do)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4}\s+"
                            r"(?i:run|host|convene|co-host)\b")
_LEANING_WORDS = _word_set("they them their theirs it its this that these those there he she his her such")
_JOINERS = _word_set("of for the and")
_LEANING_START = re.compile(r"^\s*(and|also|what\s+about|how\s+about|and\s+what|and\s+how|but|so|then)\b",
                            re.IGNORECASE)
# A question pointing at one section of the form: (pattern, section id).
_SECTION_HINTS = (
    (re.compile(r"\brecommend|\bcall(s|ed)?\s+(for|on)\b|\baction(able)?\s+plan|\bnext\s+steps?\b",
                re.IGNORECASE), "action_plan"),
    (re.compile(r"\blaunch|\bannounce|\bcommit(ted|ment)|\bpledge|\btangible", re.IGNORECASE),
     "tangible_outcomes"),
    (re.compile(r"\b(theme|topic)s?\s+for\s+(the\s+)?(next|future)|\bnext\s+forum|\bthematic",
                re.IGNORECASE), "thematic_suggestions"),
)
# the cue words of _SECTION_HINTS as whole words, for questions that misspell them
_HINT_WORDS = {
    **dict.fromkeys(("recommend", "recommended", "recommends", "recommendation", "recommendations"),
                    "action_plan"),
    **dict.fromkeys(("announced", "announcement", "announcements", "launched", "commitment", "commitments",
                     "pledged", "tangible"), "tangible_outcomes"),
    "thematic": "thematic_suggestions",
}
HINT_WORD_SIMILARITY = 0.85  # difflib ratio: "recomend" ~ "recommend" 0.94; "recorded" ~ it 0.71
MAX_SUBJECT_WORDS = 12


# A question put to the sessions as a group rather than a request to list them: what they said,
# recommended or reported on a subject. Whether it is answered at all is decided as for an ordinary
# question; once answered, it is answered session by session (`asks_of_sessions`).
_OF_SESSIONS = re.compile(
    rf"""
    # "what did sessions recommend about X?", "what do the outcome documents say about X?", "how did
    # the different sessions approach X?": the members of the collection as the ones who speak
    \b(what|how)\b[^?]*?\b(did|do|does|have|had|were|are)\s+(the\s+)?{_GROUP_WORD}{_MEMBERS}
      \s+(?!(?:on|about|concerning|in|at|of|for|from|during|be|been|being)\b)[a-z]+
    # "what was reported by sessions dealing with X?", "…from the panels on X": the collection's
    # members picked out by their subject
    | \b(by|from|at|in|across|among)\s+(the\s+)?{_GROUP_WORD}{_MEMBERS}\s+
      (on|about|concerning|dealing\s+with|devoted\s+to|that|which|where|\w+ing)\b
    # "sessions on X?": a bare listing request
    | ^\W*{_MEMBERS}\s+(on|about|concerning|dealing\s+with|devoted\s+to|that|which|where|\w+ing)\b
    # "was X discussed at more than one session?", "did several panels…": more than one member
    | \bmore\s+than\s+one\s+(session|document|event|workshop|panel|discussion)\b
    | \b(several|multiple|various)\s+{_MEMBERS}\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def asks_of_sessions(question: str) -> bool:
    """True for a question put to the sessions as a group ("what did sessions recommend about X?",
    "what was reported by sessions dealing with X?", "was X discussed at more than one session?"):
    the members of the collection, unpinned by a number, a possessive or a demonstrative, are the
    ones who speak or are picked out by their subject. Such a question is answered session by
    session once the answerability model finds it answerable as an ordinary question."""
    return bool(_OF_SESSIONS.search(with_gatherings_spelled(question)))


def is_aggregate(question: str) -> bool:
    """True for a whole-corpus question: which sessions…, how many sessions…, list all… (a misspelt
    "sesions" or "documnets" read as the word meant: `with_gatherings_spelled`)."""
    return bool(_AGGREGATE.search(with_gatherings_spelled(question)))


# the words naming what the collection holds, long enough that one slip of the keyboard cannot make
# another English word of them ("event" is one letter from "even", "panel" from "panes": not read)
_SPELLED_GATHERINGS = ("session", "sessions", "document", "documents", "meetings")


def with_gatherings_spelled(question: str) -> str:
    """The question with each word one keyboard slip away from a word of _SPELLED_GATHERINGS (a
    letter left out, added, changed or two swapped: "sesions", "sessoins", "documnets") written as
    that word; other words as they are."""
    def spelled(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in _SPELLED_GATHERINGS or len(lower) < 6:
            return word
        for target in _SPELLED_GATHERINGS:
            if abs(len(target) - len(lower)) <= 1 and _one_slip(lower, target):
                return target
        return word
    return re.sub(r"[A-Za-z]+", spelled, question)


def _one_slip(word: str, target: str) -> bool:
    """True when `word` is `target` with one letter left out, added or changed, or two neighbours
    swapped (Damerau distance 1)."""
    if word == target:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and word[diff[0]] == target[diff[1]] and word[diff[1]] == target[diff[0]])
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def subject_words(question: str) -> list[str]:
    """The question's subject: its words minus stop words and question-frame words, in order."""
    kept: list[str] = []
    for word in words(question):
        if word in STOP_WORDS or word in FRAME_WORDS or (len(word) < 2 and not word.isdigit()):
            continue
        if word not in kept:
            kept.append(word)
    return kept


# Acronyms of the field and their spelled-out forms, and the few themes that outcome documents name
# in several ways: each line is one concept, and a document that uses any one form covers a
# question that uses another ("artificial intelligence" ~ "AI", "gender" ~ "women").
GLOSSARY = (
    ("gender", "gender equality", "women", "girls", "women and girls"),
    ("older persons", "older people", "older adults", "elderly"),
    ("youth", "young people"),
    ("child", "children"),
    ("disinformation", "misinformation", "false information", "fake news"),
    ("AI", "artificial intelligence"),
    ("ICT", "ICTs", "information and communication technology", "information and communication technologies"),
    ("DPI", "digital public infrastructure"),
    ("SIDS", "small island developing states"),
    ("LDC", "LDCs", "least developed countries"),
    ("SDG", "SDGs", "sustainable development goals"),
    ("IoT", "internet of things"),
    ("SME", "SMEs", "MSME", "MSMEs", "small and medium-sized enterprises", "small and medium enterprises"),
    ("CIRT", "CIRTs", "CSIRT", "CSIRTs", "CERT", "CERTs", "computer incident response team",
     "computer security incident response team", "computer emergency response team"),
    ("e-waste", "electronic waste"),
    ("PQC", "post-quantum cryptography"),
    ("NGO", "NGOs", "non-governmental organisation", "non-governmental organization"),
    ("GDC", "Global Digital Compact"),
    ("pandemic", "COVID-19", "COVID"),
)


@dataclass(frozen=True)
class Concept:
    """One thing a question asks about: alternative spellings, each a tuple of stemmed terms that
    must all be present, and whether it was written as a proper noun or adjective ("Ghanaian")."""

    alternatives: tuple[tuple[str, ...], ...]
    proper: bool = False


@lru_cache(maxsize=1)
def _glossary_forms() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    forms: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for entry in GLOSSARY:
        alternatives = tuple(dict.fromkeys(tuple(terms(form)) for form in entry))
        for alternative in alternatives:
            forms[alternative] = alternatives
    return forms


def subject_concepts(question: str) -> list[Concept]:
    """What the question asks about, frame words left out: one concept per content term, except that
    a glossary term ("AI", "digital public infrastructure") becomes one concept with all its forms.

    Falls back to every content term when the question is nothing but frame words.
    """
    sequence: list[tuple[str, bool]] = []
    for position, match in enumerate(WORD.finditer(question)):
        raw = match.group(0).strip("'’-")
        word = raw.lower()
        if not word or ((word in STOP_WORDS or len(word) < 2) and not word.isdigit()):
            continue
        if word in FRAME_WORDS:
            continue
        sequence.append((stem(word), raw[:1].isupper() and (position > 0 or raw.isupper())))
    if not sequence:
        sequence = [(t, False) for t in terms(question)]
    forms = _glossary_forms()
    longest = max((len(f) for f in forms), default=1)
    concepts: list[Concept] = []
    i = 0
    while i < len(sequence):
        for size in range(min(longest, len(sequence) - i), 0, -1):
            key = tuple(t for t, _ in sequence[i:i + size])
            if key in forms:
                concepts.append(Concept(forms[key]))
                i += size
                break
        else:
            term, proper = sequence[i]
            parts = tuple(stem(p) for p in term.split("-") if p and p not in STOP_WORDS)
            # "special-track" also matches a document that writes "special track"
            alternatives = ((term,), parts) if "-" in term and len(parts) > 1 else ((term,),)
            concepts.append(Concept(alternatives, proper))
            i += 1
    return list(dict.fromkeys(concepts))


def topic(question: str) -> str:
    """The subject of a whole-corpus question as a short phrase ("sessions on X" -> "X"; a misspelt
    "sesions" is a frame word too)."""
    subject = [w for w in subject_words(with_gatherings_spelled(question)) if w not in SEARCH_FRAME_WORDS]
    return " ".join(subject) if subject else question


def core_topic(question: str, organiser: str | None = None) -> list[str]:
    """Subject words that restrict a whole-corpus question beyond an organiser and a section: empty for
    "Which sessions did UNDP help organise, and what did each launch?" (organiser UNDP)."""
    named = set(words(organiser or ""))
    code = detect(question)
    subject = subject_words(question)
    if code != ENGLISH and code in languages():  # French, Spanish, Arabic: the language's own frame
        subject = _without_frame_words(subject, languages()[code].frame_words())
    return [w for w in subject
            if w not in HINT_WORDS and w not in named and not any(w.startswith(n) for n in named)]


_ELISION = re.compile(r"^(?:qu|[^\W\d_])['’]")  # l'UIT, d'ouverture, qu'elle


def _without_frame_words(subject: list[str], frame: frozenset[str]) -> list[str]:
    """Subject words of a question in another language without that language's frame words: an
    elided article is taken off ("l'uit" -> "uit") and an inverted pronoun too ("a-t-elle" is a
    function word and goes)."""
    kept: list[str] = []
    for word in subject:
        parts = [p for p in _ELISION.sub("", word).split("-") if p and p != "t" and p not in frame]
        if parts and "-".join(parts) not in kept:
            kept.append("-".join(parts))
    return kept


def section_hint(question: str) -> str | None:
    """The template section a question points at (recommendations -> action_plan), if any; a
    misspelt cue word ("recomend", "anounced") counts when it is one letter or two from the word."""
    for pattern, section in _SECTION_HINTS:
        if pattern.search(question):
            return section
    for word in re.findall(r"[a-z]{7,}", question.lower()):
        close = difflib.get_close_matches(word, _HINT_WORDS, n=1, cutoff=HINT_WORD_SIMILARITY)
        if close:
            return _HINT_WORDS[close[0]]
    return None


def leans_on_previous(question: str) -> bool:
    """True when a question cannot stand alone: it starts like a continuation or uses a pronoun
    for its subject, and names little of its own ("and what did they recommend?")."""
    tokens = words(question)
    own = subject_words(question)
    if _LEANING_START.search(question) and len(own) <= 3:
        return True
    return any(t in _LEANING_WORDS for t in tokens) and len(own) <= 2


_PART_BREAK = re.compile(r"(?:,|;)?\s+and\s+(?=(?:what|which|who|whom|when|where|how|did|do|does|were|was|"
                         r"is|are|in\s+which|by\s+which|for\s+which)\b)", re.IGNORECASE)
_QUESTION_START = re.compile(r"^\W*(?:what|which|who|whom|when|where|how|did|do|does|were|was|is|are|in|"
                             r"by|for|at|list|name)\b", re.IGNORECASE)


def compound_parts(question: str) -> tuple[str, str] | None:
    """A question asked in two parts, split where the second starts ("Which sessions did UNESCO
    organise, | and what did they announce?"), or None. Both parts must read as questions of a
    few words each."""
    match = _PART_BREAK.search(question)
    if not match:
        return None
    first = question[:match.start()].strip(" ,;")
    second = question[match.end():].strip()
    if len(first.split()) < 3 or len(second.split()) < 3 or not _QUESTION_START.search(first):
        return None
    return first.rstrip("?") + "?", second[:1].upper() + second[1:]


def dangling_reference(question: str) -> str | None:
    """The word a question leans on when it cannot stand without an earlier one ("them" in "and
    which of them were in 2024?", "they" in "what did they recommend?"), else None. A question that
    names a subject of its own ("what did they recommend on AI?") stands alone."""
    leaning = [t for t in words(question) if t in _LEANING_WORDS]
    if not leaning:
        return None
    alone = not subject_words(without_year(question))
    if narrows_previous(question) or (leans_on_previous(question) and alone):
        return leaning[0]
    return None


def standalone(question: str, previous: str | None) -> str:
    """The question made standalone by carrying the previous question's subject when it leans on it.

    `previous` is the previous standalone question. The result keeps the new question's own words
    and adds the previous subject after it: "and what did they recommend?" after a question on
    community networks becomes "and what did they recommend? (community networks …)".
    """
    question = question.strip()
    if not previous or not leans_on_previous(question):
        return question
    own = set(subject_words(question))
    carried = [w for w in subject_words(previous) if w not in own][:MAX_SUBJECT_WORDS]
    if not carried:
        return question
    return f"{question} ({' '.join(carried)})"


def standalone_from_history(question: str, history: Iterable[tuple[str, str]] | None) -> str:
    """Rewrite a question against a chat history of (question, answer) pairs, oldest first."""
    previous: str | None = None
    for past_question, _answer in history or ():
        previous = standalone(past_question, previous)
    return standalone(question, previous)


_SESSION_YEAR = re.compile(
    r"\b(20\d\d)\s+(?:[\w’'-]+\s+){0,3}?sessions?\b"
    r"|\bsessions?\s+(?:of|in|from|held\s+in)\s+(?:the\s+)?(?:WSIS\s+)?(?:Forum\s+)?(?:of\s+)?(20\d\d)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b20\d\d\b")


def session_year(question: str) -> int | None:
    """The session year a question names ("the 2023 e-waste session", "sessions of 2024").

    None when no year is attached to "session" ("consultations in 2024"), or when the question
    names more than one year ("the 2023 and 2025 sessions").
    """
    if len(set(_YEAR.findall(question))) != 1:
        return None
    years = {int(a or b) for a, b in _SESSION_YEAR.findall(question)}
    return years.pop() if len(years) == 1 else None


def without_year(question: str) -> str:
    """The question with its years taken out (once the year has become a filter)."""
    return " ".join(_YEAR.sub(" ", question).split())


def organiser_names(question: str) -> list[str]:
    """Capitalised names in a question that asks about organisers ("sessions UNDP helped organise").

    Returns candidate names (runs of capitalised words, then single words), longest first; empty
    when the question does not speak of organising.
    """
    if not _ORGANISER_WORDS.search(question) and not _ORGANISER_DID.search(question):
        return []
    # a French elided article is not part of the name it is written onto ("par l'ITU", "d'UNESCO")
    tokens = [re.sub(r"^[a-z]{1,2}['’](?=[A-Z])", "", t) for t in re.findall(r"[\w’'\-]+", question)]
    runs: list[list[str]] = []
    current: list[str] = []
    for position, token in enumerate(tokens):
        lower = token.lower()
        capital = token[:1].isupper() and (position > 0 or token.isupper())
        acronym = token.isupper() and len(token) > 1  # "WHO" is a name, "who" a question word
        name_word = capital and (acronym or (lower not in FRAME_WORDS and lower not in STOP_WORDS))
        joiner = bool(current) and lower in _JOINERS and position + 1 < len(tokens) \
            and tokens[position + 1][:1].isupper()
        if name_word or joiner:
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    names: list[str] = []
    for run in runs:
        while run and run[-1].lower() in _JOINERS:
            run.pop()
        if len(run) > 1:
            names.append(" ".join(run))
    for run in runs:
        names.extend(t for t in run if t.lower() not in _JOINERS)
    return list(dict.fromkeys(names))


_NARROWING = re.compile(r"\b(?:which|what|how\s+many)\s+(?:ones?\s+)?of\s+(?:them|those|these)\b"
                        r"|\b(?:only|just)\s+(?:those|the\s+ones|them)\b|\bof\s+(?:those|these)\s+sessions\b",
                        re.IGNORECASE)


def narrows_previous(question: str) -> bool:
    """True for a follow-up that picks among the previous answer's sessions ("and which of them
    were in 2025?"): it is answered from those sessions only, by their metadata."""
    return bool(_NARROWING.search(question))


# A year a question is set in, not one it speaks of: "in 2023, which sessions…", "…during 2022?",
# "at the 2023 Forum", "the WSIS Forum 2022" (not "the 2030 Agenda", "targets for 2030").
_SET_IN_YEAR = re.compile(r"\b(?:in|during|throughout)\s+(?:the\s+year\s+)?(20\d\d)\b(?!\s*[-–]\s*\d)"
                          r"|\b(?:at|of)\s+the\s+(20\d\d)\s+(?:WSIS\s+)?Forum\b"
                          r"|\bForum\s+(20\d\d)\b", re.IGNORECASE)


def year_set_in(question: str) -> int | None:
    """The one year a question names when it is the time the question is set in (see _SET_IN_YEAR):
    for a whole-corpus question, a filter on the sessions' year like "the 2023 sessions"."""
    year = single_year(question)
    return year if year is not None and _SET_IN_YEAR.search(question) else None


def single_year(question: str) -> int | None:
    """The one year a question names (None when it names none or several)."""
    years = set(_YEAR.findall(question))
    return int(years.pop()) if len(years) == 1 else None


_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december")
_DAY_RANGE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})\s*(?:–|-|to|until)\s*(?P<d2>\d{{1,2}})\s+(?P<m>{_MONTHS})\s+(?P<y>20\d\d)\b"
    rf"|\b(?P<sd>\d{{1,2}})\s+(?P<sm>{_MONTHS})\s+(?P<sy>20\d\d)\b"
    rf"|\b(?P<mm>{_MONTHS})\s+(?P<my>20\d\d)\b",
    re.IGNORECASE,
)
# "took place during the in-person hybrid week of 13-17 March 2023": the words that describe a
# time span go with the dates and are no part of the subject.
_TIME_PHRASE = re.compile(r"\b(?:took\s+place|held|happened|were|was|ran)?\s*"
                          r"(?:during|in|on|between|from|at)\s+"
                          r"(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:of\s+)?$", re.IGNORECASE)


def date_range(question: str) -> tuple[tuple[str, str], str] | None:
    """The calendar span a question names ("13–17 March 2023", "on 5 May 2022", "in March 2023") as
    ISO dates, with the question rewritten without it (and without the words that introduce it)."""
    import calendar

    match = _DAY_RANGE.search(question)
    if not match:
        return None
    month_of = {m: i for i, m in enumerate(_MONTHS.split("|"), 1)}
    if match.group("d1"):
        year, month = int(match.group("y")), month_of[match.group("m").lower()]
        first, last = int(match.group("d1")), int(match.group("d2"))
    elif match.group("sd"):
        year, month = int(match.group("sy")), month_of[match.group("sm").lower()]
        first = last = int(match.group("sd"))
    else:
        year, month = int(match.group("my")), month_of[match.group("mm").lower()]
        first, last = 1, calendar.monthrange(year, month)[1]
    try:
        span = (f"{year:04d}-{month:02d}-{first:02d}", f"{year:04d}-{month:02d}-{last:02d}")
        calendar.weekday(year, month, last)
    except ValueError:
        return None
    before = question[:match.start()]
    lead = _TIME_PHRASE.search(before)
    cut = lead.start() if lead else match.start()
    rest = " ".join((question[:cut] + " " + question[match.end():]).split())
    return span, rest


_QUOTED = re.compile(r"[\"“‘'][^\"”’']{3,}[\"”’']")


def required_names(question: str, organiser: str | None = None) -> list[Concept]:
    """Names a whole-corpus question turns on ("Malcolm Johnson", "Action Line C7", "COVID-19"): a
    listed session must mention every one of them. Capitalised words after the first word, all-capital
    acronyms and letter-digit identifiers, left out: frame and stop words, months, the organiser the
    question is about and quoted section headings."""
    text = _QUOTED.sub(" ", question)
    named = {w.lower() for w in re.findall(r"[\w’'-]+", organiser or "")}
    picked: list[str] = []
    for position, match in enumerate(re.finditer(r"[\w’'-]+", text)):
        token = match.group(0).strip("'’-")
        lower = token.lower()
        if not token or lower in STOP_WORDS or lower in FRAME_WORDS or lower in named:
            continue
        if lower in _MONTHS.split("|") or token.isdigit():
            continue
        identifier = bool(re.search(r"\d", token)) and bool(re.search(r"[A-Za-z]", token))
        acronym = token.isupper() and len(token) > 1
        capital = token[:1].isupper() and position > 0
        if identifier or acronym or capital:
            picked.append(token)
    return subject_concepts(" ".join(picked)) if picked else []


_IDENTIFIER = re.compile(r"\b(?=[\w.-]*[A-Za-z])(?=[\w.-]*\d)[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*\b")


def _measure_word(token: str) -> bool:
    """True for a letter-and-digit token that writes a count, an age or a span rather than a name: an
    ordinal or a decade ("1st", "2020s"), alone or hyphenated with lowercase words ("over-60s",
    "mid-2020s"), and a plain number before a lowercase word ("60-plus", "24-hour"). A number after
    its word ("COVID-19", "covid-19") or beside a capitalised one ("ISO-9001") stays a name."""
    if "." in token:
        return False
    parts = token.split("-")
    for i, part in enumerate(parts):
        if _SUFFIXED.fullmatch(part) or (part.isalpha() and part.islower()):
            continue
        following = parts[i + 1] if i + 1 < len(parts) else ""
        if part.isdigit() and following.isalpha() and following.islower():
            continue  # a plain number read as a measure only before its word
        return False
    return True


_SUFFIXED = re.compile(r"\d+(st|nd|rd|th|s)", re.IGNORECASE)


def identifiers(question: str) -> list[str]:
    """Letter-and-digit names in a question ("C5", "5G", "V.18", "ISO 27001" gives "ISO" no): exact
    names that a document either mentions or does not. Ordinals and decades ("1st", "2020s") are not."""
    found = []
    for match in _IDENTIFIER.finditer(question):
        token = match.group(0)
        if _measure_word(token):
            continue
        found.append(token)
    return found


_ASKS_ORGANISERS = re.compile(
    r"^\W*(?:and\s+)?(?:who|which\s+(?:organi[sz]ations?|bod(?:y|ies)|agenc(?:y|ies)|institutions?|partners?)"
    r"|what\s+(?:organi[sz]ations?|bod(?:y|ies)|agenc(?:y|ies)|institutions?|partners?))\b[^?]*?"
    r"\b(?:(?:co-?)?organi[sz](?:e|ed|es|ing)|hosted|convened|ran|run)\b",
    re.IGNORECASE,
)


def asks_organisers(question: str) -> bool:
    """True for a question about who organised a session ("Who organised the quantum session?",
    "Which organisations co-hosted it?"): the sessions' organisers lines answer it."""
    return bool(_ASKS_ORGANISERS.search(question))


_LANGUAGE_WORDS = {
    "French": {"quelles", "quels", "quel", "quelle", "les", "des", "ont", "est", "sont", "pour", "dans",
               "une", "sur", "qui", "que", "quoi", "comment", "pourquoi", "du", "la", "le", "et", "au", "aux",
               "ces", "été", "séances", "séance", "parlé", "recommandé", "recommandations", "sujet", "avec"},
    "Spanish": {"qué", "cuáles", "cuál", "las", "los", "han", "hablado", "sobre", "para", "una", "del",
                "por", "cómo", "quién", "quiénes", "sesiones", "sesión", "fue", "fueron", "recomendaron",
                "con", "el"},
}
_ENGLISH_WORDS = {"the", "which", "what", "who", "how", "did", "was", "were", "is", "are", "of", "on", "in",
                  "about", "sessions", "session", "and", "to", "for", "with"}


def other_language(question: str) -> str | None:
    """"French" or "Spanish" when a question is written in that language (by its function words),
    else None. The corpus and the embedding model are English, so such a question finds little."""
    tokens = re.findall(r"[a-zà-ÿ]+", question.lower())
    english = sum(t in _ENGLISH_WORDS for t in tokens)
    for language, vocabulary in _LANGUAGE_WORDS.items():
        found = sum(t in vocabulary for t in tokens)
        if found >= 2 and found > english:
            return language
    return None
