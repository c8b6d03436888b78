"""What a question asks for, and whether a sentence states it.

A question can name a subject that the corpus covers and still ask for a detail that no document
records ("How many people attended the ILO meeting?" when the outcome document gives no attendance).
This module reads the kind of detail a question asks for (an amount of money, a count, a year, a
date, a deadline, a person, a place, an identifier such as a standard's number, a person's view)
and recognises a sentence that states such a thing. It is plain text work, no model: the Ask
service combines it with the subject coverage of the sentence to decide whether the detail is
stated (see `qa.AskService._answerability`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from assistant.ask.detail_kinds import (
    NAMED_BY_OTHER_WORDS,
    AskingPhrase,
    KindReader,
    asking_phrases,
    detail_vocabulary,
    pronoun_what,
    relative_who,
)
from assistant.ask.name_forms import is_country
from assistant.ask.questions import asks_organisers
from assistant.corpus.keywords import STOP_WORDS, words
from assistant.domain.normalise import DATE_DMY, DATE_MDY, MONTH, NUMBER, WORD_NUMBER
from assistant.domain.sentences import split_sentences


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns that count the same kind of thing: a question counting one is answered by a figure on another.
COUNT_GROUPS = (
    frozenset({"people", "person", "persons", "participants", "participant", "attendees", "attendee",
               "delegates", "delegate", "visitors", "individuals", "turnout", "attendance", "respondents",
               "voters", "users", "residents", "citizens", "members"}),
    frozenset({"entries", "entry", "submissions", "submission", "applications", "application",
               "nominations", "nomination", "candidates", "candidate", "applicants", "pool"}),
    frozenset({"countries", "country", "nations", "nation", "states", "economies"}),
)
_QUESTION_VERBS = _words("""
are were is was did do does have has had will would can could attended attend took take received
receive got get submitted completed reached reach joined join signed sign came come registered
""")
_COUNT = re.compile(r"\bhow\s+(?:many|large|big)\b|\bnumber\s+of\b|\bwhat\s+(?:turnout|attendance)\b"
                    r"|\bhow\s+(?:high|large)\s+(?:was|were|is)\s+(?:the\s+)?(?:turnout|attendance)\b",
                    re.IGNORECASE)
_MONEY_WORDS = r"(?:money|funding|funds?|financing|finance|financial|budget|prize\s+money|cost|costs|" \
               r"price|grant|grants|investment|invest(?:ed)?|spen[dt]|dollars|francs|euros)"
_AMOUNT = re.compile(
    rf"\bhow\s+much\s+(?:\w+\s+){{0,2}}?{_MONEY_WORDS}\b"
    r"|\bhow\s+much\b[^?]*\b(?:pledge[ds]?|invest(?:ed)?|spen[dt]|cost|raise[ds]?|receive[ds]?|award(?:ed)?"
    r"|donate[ds]?|allocate[ds]?|fund(?:ed)?|paid|pay)\b"
    r"|\bwhat\s+(?:\w+\s+)?(?:amount|sum|budget|prize\s+money|funding)\b"
    rf"|\bwhat\s+{_MONEY_WORDS}\s+(?:pledge|commitment|contribution)\b",
    re.IGNORECASE,
)
# "by when", "by which year"; not "by which body" nor "by what percentage"
_TARGET_YEAR = re.compile(r"\b(?:by|until|before)\s+(?:when\b|(?:what|which)\s+(?:year|date)\b)"
                          r"|\btarget\s+(?:year|date)\b",
                          re.IGNORECASE)
_YEAR_Q = re.compile(r"\b(?:in\s+)?(?:what|which)\s+year\b|\bwhen\s+(?:did|was|were|will|is|does|do)\b",
                     re.IGNORECASE)
_WHEN_Q = re.compile(r"\bwhen\b", re.IGNORECASE)
# the size of a change: "by how much", "how much / how far … <verb of change>" (`detail_words.json`),
# "what rise / increase in…", "by what percentage / share"
# "what / by what percentage, share, margin…" (`share_words`)
_CHANGE_Q = re.compile(r"\bby\s+how\s+(?:much|far)\b|\bhow\s+(?:much|far|sharply|steeply)\b(?P<rest>[^?]*)"
                       r"|\b(?:what|which)\s+(?P<noun>\w+)\s+(?:in|of)\b"
                       r"|\b(?:by\s+)?(?:what|which)\s+(?:per\s*cent\b|(?P<share>\w+))",
                       re.IGNORECASE)
# a duration: "how long", "for how many days", "over what period"
_DURATION_Q = re.compile(r"\bhow\s+long\b|\b(?:for|over)\s+(?:what|which|how\s+many)\s+(?:period|length|"
                         r"span|time|duration|days|weeks|months|years)\b", re.IGNORECASE)
_DATE_Q = re.compile(r"\b(?:what|which)\s+(?:day|date|dates|days)\b|\bon\s+what\s+(?:day|date)\b",
                     re.IGNORECASE)
_DEADLINE_Q = re.compile(r"\bdeadline\b|\bapply\s+by\b|\bclosing\s+date\b|\bdue\s+date\b", re.IGNORECASE)
# "who" in any case but the capitals of WHO, the World Health Organization ("the WHO figures quoted")
_PERSON_Q = re.compile(r"\b(?:[Ww]ho|[Ww]hom|WHOM)\b"
                       r"|(?i:\bwhich\s+(?:speaker|official|minister|person|panellist|panelist)s?\b)")
# "who" + a verb + a pronoun standing for a thing: who did it to the thing, a person or a body
_AGENT_Q = re.compile(r"\s+\w+\s+(?:it|them)\b", re.IGNORECASE)
# a body's name: an acronym, or capitalised words joined by a glue word at most ("Education Trust")
_BODY = re.compile(r"\b[A-Z]{2,}[\w-]*\b|\b[A-Z][\w’'-]+(?:\s+(?:of|for|and|on|the)){0,2}\s+[A-Z][\w’'-]+")
_PLACE_Q = re.compile(r"\bwhere\b|\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:city|cities|town|towns|venue|country|"
                      r"countries|capital)\b", re.IGNORECASE)
_IDENTIFIER_Q = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,3}?(?:number|code|identifier)\b(?!\s+of\b)",
                           re.IGNORECASE)
# a person's view asked: "what view did…", "what did <Name> say / tell / make of…", "<Name>'s opinion"
# (the reporting verbs and the nouns of a stance are closed vocabularies of the question's form)
_STANCE_NOUNS = (r"(?:position|view|views|stance|opinion|argument|message|take|advice|proposal|concern"
                 r"|verdict)")
_VIEW_Q = re.compile(r"(?i:\b(?:what|which)\s+(?:position|view|views|stance|opinion|line)\s+did)\b"
                     r"|(?i:\bwhat\s+did)\s+[A-Z][\w'’-]+\s+(?:(?:[A-Z][\w'’-]+|of|the)\s+){0,4}"
                     r"(?i:say|think|argue|believe|propose|tell|suggest|stress|urge|warn|recommend|feel"
                     r"|make\s+of)\b"
                     r"|(?i:\b(?:view|views|position|stance|opinion)\s+of)\s+[A-Z]"
                     rf"|\b[A-Z][\w-]+(?:’s|'s)\s+(?:\w+\s+)?(?i:{_STANCE_NOUNS})\b")

_CURRENCY = re.compile(
    r"(?:\b(?:CHF|USD|US\$|EUR|GBP|JPY|CNY|INR|KES|XOF)|[$€£¥])\s?\d"
    r"|\d[\d,.]*\s*(?:million|billion|thousand|bn|m|k)?\s*(?:dollars|francs|euros|pounds|yen|USD|CHF|EUR)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_YEAR_SPAN = re.compile(r"\b(?:19|20)\d\d\s*(?:–|-|to)\s*(?:19|20)?\d\d\b")
_PERCENT = re.compile(r"\d\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
_TARGET = re.compile(r"\b(?:by|until|before|target(?:ed)?\s+(?:of|for)?)\s+"
                     r"(?:the\s+end\s+of\s+)?((?:19|20)\d\d)\b",
                     re.IGNORECASE)
_DEADLINE = re.compile(r"\bdeadline\b|\bapply\s+by\b|\bapplications?\s+(?:close|closes|are\s+due|due)\b"
                       r"|\bdue\s+(?:by|on)\b|\bno\s+later\s+than\b|\bclosing\s+date\b", re.IGNORECASE)
# a day of a month without its year ("on 12 May", "June 3rd"): a "when" question's session gives the year
_MONTH_WORD = MONTH.pattern.replace("(?P<month>", "(?:")
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_WORD}"
                        rf"|{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.IGNORECASE)
_DAY_SPAN = re.compile(r"\b\d{1,2}\s*(?:to|–|-)\s*\d{1,2}\s+" + MONTH.pattern, re.IGNORECASE)
# a time of day asked ("what time…", "at what hour", "which time slot", "between which hours"), not a
# span of time ("what time frame"): closed wordings of the question's form
_TIME_Q = re.compile(r"\b(?:what|which)\s+(?:time\b(?!\s*(?:frame|period|line|scale|horizon|span|zone))"
                     r"|hours?\b)|\btime\s+slot\b|\b(?:at|by|until|till|from)\s+what\s+hour\b",
                     re.IGNORECASE)
# a time of day stated: a clock time ("15:15", "9.30 am", "14h30") or an hour with its half of the day
_CLOCK_TIME = re.compile(r"\b(?:[01]?\d|2[0-3])(?::|h)[0-5]\d\b"
                         r"|\b(?:[01]?\d)(?:\.[0-5]\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)", re.IGNORECASE)
_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof|Professor|H\.E\.|Sir|Dame|Minister|Ambassador)\.?\s+[A-Z]")
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z]\.)?\s+[A-Z][a-zà-ÿ'’-]{2,}\b")
_STANDARD = re.compile(r"\b(?:[A-Z]{1,4}[.\-]\d{1,5}(?:\.\d+)*|(?:ISO|IEC|EN|IEEE|ITU-T|RFC)\s?[\d/.-]+\d)\b"
                       # the formats of a UN document's symbol: a body's letters before numbers joined by
                       # slashes ("A/75/218", "A/RES/70/125"), or a resolution's session and number
                       # ("resolution 70/125"; not a date of three parts, "12/05/2022", nor "24/7")
                       r"|\b[A-Z]{1,4}(?:/[A-Z]{1,5})*(?:/\d{1,4}){2,}\b"
                       r"|(?<![\d/])\d{2,3}/\d{2,4}(?![\d/])")
_PLACE = re.compile(r"(?<=\S\s)(?:in|at|from|to|of|and|,)?\s*[A-Z][a-zà-ÿ'’-]{2,}")
_STANCE = re.compile(
    r"\b(?:said|says|stressed|argued|noted|called|warned|highlighted|explained|urged|emphasi[sz]ed|"
    r"pointed|described|proposed|suggested|insisted|recalled|observed|cautioned|welcomed|advocated|"
    r"underlined|underscored|believes?|considered|questioned|recommended|asked|shared|presented|stated|"
    r"opened|closed|reminded|invited|told|spoke|focused|focussed)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AskedDetail:
    """One detail a question asks for: its kind, a name for it in an answer, and the words that
    qualify it (the counted nouns of a count, the person of a view)."""

    kind: str  # amount | count | year | target_year | date | deadline | person | place | identifier | view
    #            | duration | time (of day)
    label: str
    nouns: frozenset[str] = frozenset()
    # a count read by the detail-kind model ("what share of…", "how long…") or the size of a change
    # ("by how much did … rise"): any figure states it, a percentage included
    shares: bool = False
    # a year asked with "when" ("when was it adopted"): a date stated counts as well as a year
    any_date: bool = False
    # the part of the question the model read it in ("what fee was charged for the course"): a clause
    # stating it is compared with that part as well as with the whole question
    part: str = ""
    # a "who" asking who did something to a thing the question names ("…, and who published it?"),
    # or who organised, hosted or convened a session: a body makes, publishes, launches or hosts a
    # thing as often as a person does, so its name states it too
    agent: bool = False


_LABELS = {
    "amount": "amount of money", "year": "year", "target_year": "target year", "date": "date",
    "deadline": "deadline", "person": "person's name", "place": "place", "identifier": "number or identifier",
    "duration": "duration", "time": "time of day",
}


def asked_details(question: str, reader: KindReader | None = None) -> list[AskedDetail]:
    """The details a question asks for, in the order it asks them (empty for an open question such
    as "what did the sessions recommend on X?", which any relevant passage answers).

    The detail rules read the wordings they know; with a `reader` (`detail_kinds.kind_reader`, the
    learned reader of an asking phrase's kind) each asking phrase the rules read nothing in is read
    by the model too ("what fee…", "at what price", "what share of…", "by when")."""
    found = [(start, detail) for start, detail in _rule_details(question)]
    if reader is None:
        return [d for _, d in found]
    phrases = asking_phrases(question)
    rule_kinds = [{d.kind for _, d in _rule_details(p.segment)} for p in phrases]
    for phrase, rules, kind in zip(phrases, rule_kinds, reader(phrases, rule_kinds), strict=True):
        if rules or kind == "none" or any(d.kind == kind for _, d in found):
            continue
        if kind in NAMED_BY_OTHER_WORDS and pronoun_what(phrase.text):
            continue  # "what did the agency…" asks a thing: "who" asks a person, "where" a place
        detail = _read_detail(kind, question, phrase)
        if detail is not None:
            found.append((phrase.start, replace(detail, part=phrase.segment.strip(" ,;?"))))
    return [d for _, d in sorted(found, key=lambda item: item[0])]


def _read_detail(kind: str, question: str, phrase: AskingPhrase) -> AskedDetail | None:
    """The detail of a kind the model read in a phrase, named as the rules name it (a count with no
    counted nouns, stated by any figure; a view only of a person the question names)."""
    if kind == "amount":
        return AskedDetail("amount", _money_label(question))
    if kind == "count":
        return AskedDetail("count", "figure", shares=True)
    if kind == "identifier":
        return AskedDetail("identifier", _identifier_label(question))
    if kind == "place":
        return AskedDetail("place", _place_label(phrase.text))
    if kind == "view":
        person = person_named(question)
        return AskedDetail("view", f"view of {person}", frozenset({person.split()[-1]})) if person else None
    return AskedDetail(kind, _LABELS[kind]) if kind in _LABELS else None


def _rule_details(question: str) -> list[tuple[int, AskedDetail]]:
    """The details the rules read, each with where its wording starts."""
    found: list[tuple[int, AskedDetail]] = []

    def add(match: re.Match[str] | None, detail: AskedDetail) -> None:
        if match and all(d.kind != detail.kind for _, d in found):
            found.append((match.start(), detail))

    change = _change(question)
    if change and re.search(rf"\b{_MONEY_WORDS}\b", question, re.IGNORECASE):
        # the change of a sum ("by how much did the cost fall"): a sum or a percentage states it
        add(change, AskedDetail("amount", "change in the amount", shares=True))
    else:
        add(change, AskedDetail("count", "size of the change", shares=True))
    duration = _DURATION_Q.search(question)
    add(duration, AskedDetail("duration", _LABELS["duration"]))
    amount = None if change else _AMOUNT.search(question)
    add(amount, AskedDetail("amount", _money_label(question)))
    if not amount and not change:
        counts = []
        for match in _COUNT.finditer(question):
            nouns = _counted_nouns(match.group(0), question[match.end():])
            if "sessions" in nouns or "session" in nouns or "documents" in nouns:
                continue  # a whole-corpus count: answered by listing sessions
            if duration and duration.start() <= match.start() < duration.end():
                continue  # "for how many weeks": the duration read above
            counts.append((match, nouns))
        if counts:
            # "how many winners, and how many champions": a figure on any of the counted nouns states it;
            # a count asked "in percentages" is a share: any figure, a percentage included
            nouns = [n for _, match_nouns in counts for n in match_nouns]
            shares = _names_a_share(question, set(nouns))
            counted = frozenset() if shares else frozenset(_expand(nouns))
            add(counts[0][0], AskedDetail("count", "figure" if shares else _count_label(counts[0][1]),
                                          counted, shares=shares))
    add(_TARGET_YEAR.search(question), AskedDetail("target_year", _LABELS["target_year"]))
    if not any(d.kind == "target_year" for _, d in found):
        year = _YEAR_Q.search(question)
        when = bool(year and _WHEN_Q.fullmatch(year.group(0).split()[0]))
        add(year, AskedDetail("year", "date or year" if when else _LABELS["year"], any_date=when))
    add(_DEADLINE_Q.search(question), AskedDetail("deadline", _LABELS["deadline"]))
    if not any(d.kind == "deadline" for _, d in found):
        add(_DATE_Q.search(question), AskedDetail("date", _LABELS["date"]))
    add(_IDENTIFIER_Q.search(question), AskedDetail("identifier", _identifier_label(question)))
    add(_TIME_Q.search(question), AskedDetail("time", _LABELS["time"]))
    view = _VIEW_Q.search(question)
    if view:
        person = person_named(question)
        if person:
            add(view, AskedDetail("view", f"view of {person}", frozenset({person.split()[-1]})))
    asking_who = next((m for m in _PERSON_Q.finditer(question)
                       if not (m.group(0).lower() == "who" and relative_who(question, m.start()))), None)
    organiser = bool(asking_who and asks_organisers(question))
    agent = organiser or bool(asking_who and _AGENT_Q.match(question, asking_who.end()))
    add(asking_who, AskedDetail("person", "organiser" if organiser else _LABELS["person"], agent=agent))
    place = _PLACE_Q.search(question)
    if place and not re.search(r"\b(?:how\s+many|number\s+of)\b", question[:place.start()], re.IGNORECASE):
        add(place, AskedDetail("place", _place_label(place.group(0))))
    return sorted(found, key=lambda item: item[0])


def _change(question: str) -> re.Match[str] | None:
    """Where the question asks the size of a change ("by how much…", "how far did the cost come
    down", "what rise in…", "by what percentage"), or None."""
    changes = detail_vocabulary()["change_verbs"]
    for match in _CHANGE_Q.finditer(question):
        rest, noun, share = match.group("rest"), match.group("noun"), match.group("share")
        if noun is not None and noun.lower() not in changes:
            continue
        if share is not None and share.lower() not in detail_vocabulary()["share_words"]:
            continue
        if rest is not None and not changes & set(words(rest)):
            continue
        return match
    return None


def _names_a_share(question: str, counted: set[str]) -> bool:
    """Does the question ask its count as a share ("how many … online - percentages please"), a share
    word outside the counted nouns ("how many percentage points" counts points, read as a count)?"""
    shares = detail_vocabulary()["share_words"] - {"margin"}
    return any(_singular(w) in shares for w in words(question) if w not in counted)


def _states_duration(sentence: str) -> bool:
    """A length of time: a figure before a unit of time ("three weeks", "a two-week course", "10 days"),
    a span of days or of years ("4-15 July", "2022–2032")."""
    units = detail_vocabulary()["duration_units"]

    def figure(token: str) -> bool:
        return bool(NUMBER.fullmatch(token) or WORD_NUMBER.fullmatch(token))

    tokens = [t.strip(".,") for t in re.findall(r"[\w’'.,-]+", sentence.lower())]
    for i, token in enumerate(tokens):
        number, _, unit = token.partition("-")
        if unit in units and figure(number):
            return True
        if i + 1 < len(tokens) and tokens[i + 1] in units and figure(token):
            return True
    return bool(_DAY_SPAN.search(sentence) or _YEAR_SPAN.search(sentence))


def states_detail(detail: AskedDetail, sentence: str, common: frozenset[str] = frozenset()) -> bool:
    """Does the sentence state a detail of this kind (a sum of money, a figure on the counted
    nouns, a year, a date, a name, a place, an identifier, a view of the person)?

    `common` is the corpus's common words (`common_words`: those it writes in lower case): a run of
    capitalised words holding one of them is the name of a thing ("the Interactive Dialogue", "the
    Roadmap for Digital Cooperation"), not of a person or a place. Empty: every run may be one."""
    if detail.kind == "amount":
        return bool(_CURRENCY.search(sentence)) or (detail.shares and bool(_PERCENT.search(sentence)))
    if detail.kind == "count":
        return _states_count(sentence, detail.nouns, detail.shares)
    if detail.kind == "year":
        return bool(_YEAR.search(sentence)) or (detail.any_date and bool(
            DATE_DMY.search(sentence) or DATE_MDY.search(sentence) or _DAY_MONTH.search(sentence)))
    if detail.kind == "duration":
        return _states_duration(sentence)
    if detail.kind == "target_year":
        return bool(_TARGET.search(sentence))
    if detail.kind == "date":  # a day of a month without its year: the session's date gives the year
        return bool(DATE_DMY.search(sentence) or DATE_MDY.search(sentence)
                    or _DAY_SPAN.search(sentence) or _DAY_MONTH.search(sentence))
    if detail.kind == "deadline":
        return bool(_DEADLINE.search(sentence)) and bool(_YEAR.search(sentence) or MONTH.search(sentence))
    if detail.kind == "person":
        if detail.agent and _BODY.search(sentence, 1):
            return True
        return bool(_HONORIFIC.search(sentence)) or any(
            not any(w.lower() in _ORGANISATION_WORDS for w in m.group(0).split())
            and not names_a_thing(m.group(0), common)
            for m in _NAME.finditer(sentence, 1))
    if detail.kind == "place":
        return _states_place(sentence, common)
    if detail.kind == "identifier":
        return bool(_STANDARD.search(sentence))
    if detail.kind == "time":
        return bool(_CLOCK_TIME.search(sentence))
    if detail.kind == "view":
        surname = next(iter(detail.nouns), "")
        return bool(surname) and surname.lower() in sentence.lower() and _view_near(sentence, surname)
    return True


DATED_KINDS = frozenset({"year", "target_year", "date", "deadline", "duration"})
# details that are names: read with their whole sentence, which says what the name is to the subject
NAMED_KINDS = frozenset({"person", "place"})
# details read with their whole sentence: names, and times of day (bare in a clause: "(Room E, 15:15)")
WHOLE_SENTENCE_KINDS = NAMED_KINDS | {"time"}
# Where one statement in a sentence ends and the next begins: a semicolon, a bracket, a dash between
# spaces, or a comma followed by a space (a thousands comma such as "2,700" has none).
_CLAUSE_BREAK = re.compile(r"\s*[;()\[\]]\s*|,\s+|\s+[–—-]\s+")


def clauses(sentence: str) -> list[str]:
    """The sentence cut where one statement ends and the next begins ("300 participants in 2021",
    "and the 2022 track was expected to…"): the span a figure, a date or a name is read with."""
    return [c.strip() for c in _CLAUSE_BREAK.split(sentence) if c and len(c.strip()) > 2]


def _clause_holds(detail: AskedDetail, clause: str, common: frozenset[str] = frozenset()) -> bool:
    """Does this clause hold a token of the detail's kind (for a count: any figure; the counted noun
    may sit in the sentence's other clause, "1,400 in person" after "2,700 participants")?"""
    if detail.kind == "count":
        tokens = re.findall(r"[\w’'.,%$€£-]+", clause)
        return any(_is_figure(t, tokens[i + 1] if i + 1 < len(tokens) else "", detail.shares)
                   for i, t in enumerate(tokens))
    if detail.kind in {"view", "deadline", "target_year"}:
        return True
    return states_detail(detail, clause, common)


def stating_clauses(detail: AskedDetail, sentence: str, asked_years: set[int],
                    session_year: int | None = None, common: frozenset[str] = frozenset()) -> list[str]:
    """The clauses of a sentence that state this detail for the years the question asks about.

    The sentence must state the detail (`states_detail`); each clause holding a token of its kind is
    then read for the year it speaks of: its own years, else the sentence's, else its session's
    (`session_year`). A figure of another year is not the asked one: "more than 300 participants in
    2021, and the 2022 track was expected…" does not count 2022's participants, nor does a 2023
    outcome document's attendance answer a question on 2022. For a person or a place the sentence
    is returned (what it says of the name runs across its clauses). Empty when none does.
    `common`: the corpus's common words, as `states_detail` reads them."""
    if not states_detail(detail, sentence, common):
        return []
    parts = clauses(sentence)
    holding = [i for i, c in enumerate(parts) if _clause_holds(detail, c, common)]
    if not holding:
        return [sentence]
    around = years_in(sentence) or ({session_year} if session_year else set())
    if asked_years and detail.kind not in DATED_KINDS:
        holding = [i for i in holding if not (spoken := years_in(parts[i]) or around) or spoken & asked_years]
    if detail.kind in WHOLE_SENTENCE_KINDS:  # a name is an argument of the whole sentence ("X, Director
        return [sentence] if holding else []  # of Y, opened…"; "…school, held in Riga, Geneva and
        # Valencia"), and so is a time of day, most often a bracket or a line of its own
    return [parts[i] for i in holding]


def years_in(text: str) -> set[int]:
    """The years (1900-2099) a text names."""
    return {int(m.group(0)) for m in _YEAR.finditer(text)}


def person_named(question: str) -> str | None:
    """A person's name in a question ("Sukti Dasgupta"): two or more capitalised words that are not
    an organisation's (no all-capital word, no organisation word such as Union or Forum)."""
    for match in re.finditer(r"\b([A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){1,3})\b", question):
        name = match.group(1)
        parts = name.split()
        if match.start() == 0 or parts[0].lower() in _QUESTION_VERBS | STOP_WORDS:
            parts = parts[1:]
        if len(parts) < 2 or any(p.lower() in _ORGANISATION_WORDS for p in parts):
            continue
        return " ".join(parts).removesuffix("’s").removesuffix("'s")
    return None


_ORGANISATION_WORDS = _words("""
union forum organization organisation agency bank fund programme program office council commission
institute university summit conference ceremony session track event meeting hub coalition alliance
foundation group network nations department ministry world global international national action line
recommendation prize prizes week day
""")

def _view_near(sentence: str, surname: str) -> bool:
    """A stance verb within a few words after the person's name (or a quotation attributed to them)."""
    at = sentence.lower().find(surname.lower())
    window = sentence[at:at + 160]
    return bool(_STANCE.search(window)) or "“" in window or '"' in window


def _states_count(sentence: str, nouns: frozenset[str], shares: bool = False) -> bool:
    """A figure with one of the counted nouns a few words before or after it ("300 participants",
    "36 of 55 member states", "volunteers, now more than 25,000 people"); years, times, days of a
    month and (unless `shares`) percentages are not figures."""
    tokens = re.findall(r"[\w’'.,%$€£-]+", sentence)
    stems = {_singular(n) for n in nouns}
    for i, token in enumerate(tokens):
        if not _is_figure(token, tokens[i + 1] if i + 1 < len(tokens) else "", shares):
            continue
        near = [_singular(t.lower().strip(".,;:")) for t in tokens[max(0, i - 5):i] + tokens[i + 1:i + 6]]
        if not stems or any(n in stems for n in near):
            return True
    return False


def _singular(word: str) -> str:
    """A noun without its plural ending ("countries" -> "country"), never merged with a verb the way
    a stemmer merges "respondents" and "responded"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _is_figure(token: str, following: str, shares: bool = False) -> bool:
    """A number that counts something: not a year, a time, a day of a month, a percentage (unless
    `shares`: "40%" and "40 per cent" state a share)."""
    clean = token.strip(".,;:")
    if shares and clean.endswith("%") and NUMBER.fullmatch(clean[:-1]):
        return True
    if _YEAR.fullmatch(clean) or ":" in clean or clean.endswith("%"):
        return False
    if MONTH.fullmatch(following.strip(".,;:")):
        return False
    return bool(NUMBER.fullmatch(clean) or WORD_NUMBER.fullmatch(clean)) and clean.lower() not in {"one"}


def _states_place(sentence: str, common: frozenset[str] = frozenset()) -> bool:
    """A capitalised name after the first word that is not a person (after a title such as Mr), an
    organisation (a run holding a word such as Hub, Union or Ministry, or an acronym), a month or
    the name of a thing (a run holding one of the corpus's `common` words: "Sustainable Development
    Goals"), unless it is a country's name ("United States") or a common noun given a letter
    ("Room E")."""
    runs = re.finditer(r"(?<!^)\b((?:[A-Z][\w’'-]+)(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w’'-]+)*)", sentence)
    for match in runs:
        run = match.group(1)
        parts = run.split()
        before = sentence[max(0, match.start() - 5):match.start()]
        if re.search(r"\b(?:Mr|Ms|Mrs|Dr|Prof|Sir)\.?\s*$", before):
            continue
        if any(p.lower() in _ORGANISATION_WORDS or (p.isupper() and len(p) > 1) for p in parts):
            continue
        if all(p.lower() in MONTH_WORDS or p in {"The", "This", "These", "Mr", "Ms", "Dr", "of", "the", "and"}
               for p in parts):
            continue
        if names_a_thing(run, common) and not is_country(run) and not _DESIGNATED.match(
                sentence, match.end()):
            continue
        if match.start() > 0 and sentence[:match.start()].rstrip().endswith((".", ":", ";")):
            continue  # a word starting a new sentence or item, capitalised for that reason alone
        return True
    return False


def common_words(texts: Iterable[str]) -> frozenset[str]:
    """The words a corpus writes in lower case (at least once, inside a sentence): its common words.
    A person's or a place's name is written capitalised wherever it appears ("Johnson", "Riga"); a
    capitalised run holding a word the corpus also writes in lower case ("Interactive Dialogue",
    "Digital Cooperation") names a thing: an event, a document, a programme."""
    return frozenset(w for text in texts for w in _LOWER_WORD.findall(text))


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zà-ÿ][a-zà-ÿ'’-]*[a-zà-ÿ]")


def names_a_thing(run: str, common: frozenset[str]) -> bool:
    """Does this run of capitalised words hold a word the corpus writes in lower case (`common_words`),
    possessive and plural forms read as the word ("Mayors'" as "mayors" or "mayor")? A person's name
    seldom does; a place's may ("Room E", "United States": `_states_place` reads those)."""
    if not common:
        return False
    keys = [word.lower().removesuffix("’s").removesuffix("'s").rstrip("'’")
            for word in re.findall(r"[A-Za-zÀ-ÿ][\w'’-]+", run)]
    return any(key in common or key.removesuffix("s") in common or key.split("-")[0] in common
               for key in keys if key not in _NAME_GLUE)


# a letter designating one of its kind after a capitalised common noun names a place: "Room E"
_DESIGNATED = re.compile(r"\s+[A-Z]\b(?![.'’-])")
_NAME_GLUE = _words("of the and de la le van von da di del der du al el bin")


MONTH_WORDS = _words("""
january february march april may june july august september october november december
""")


def _counted_nouns(asked: str, rest: str) -> list[str]:
    """The words a count asks about: "turnout", or the content words after "how many" up to the
    verb ("how many of the documented sessions", "how large was the pool of candidates")."""
    nouns = [w for w in words(asked) if w in {"turnout", "attendance"}]
    following = words(rest)
    loose = bool(re.search(r"large|big", asked, re.IGNORECASE))
    while following and following[0] in {"of", "the", "was", "were", "is", "are"}:
        following = following[1:]
    for word in following[:6 if loose else 4]:
        if not loose and (word in _QUESTION_VERBS or word in STOP_WORDS):
            break
        if word not in STOP_WORDS and word not in _QUESTION_VERBS and not word.isdigit():
            nouns.append(word)
    return nouns


def _expand(nouns: list[str]) -> set[str]:
    expanded = set(nouns)
    for group in COUNT_GROUPS:
        if expanded & group:
            expanded |= group
    return expanded


def _count_label(nouns: list[str]) -> str:
    named = [n for n in nouns if n not in {"the", "of", "was", "pool"}]
    if any(n in {"turnout", "attendance", "people", "participants", "attendees"} for n in named):
        return "attendance figure"
    return f"number of {' '.join(named)}" if named else "figure"


def _money_label(question: str) -> str:
    if re.search(r"\bprize", question, re.IGNORECASE):
        return "prize amount"
    if re.search(r"\bpledge", question, re.IGNORECASE):
        return "amount pledged"
    return _LABELS["amount"]


def _identifier_label(question: str) -> str:
    match = re.search(r"\b(recommendation|standard|regulation|resolution|decision)\b", question,
                      re.IGNORECASE)
    return f"{match.group(1).lower()} number" if match else _LABELS["identifier"]


def _place_label(phrase: str) -> str:
    for noun in ("city", "cities", "town", "venue", "country", "countries", "capital"):
        if re.search(rf"\b{noun}\b", phrase, re.IGNORECASE):
            return {"cities": "city", "countries": "country"}.get(noun, noun)
    return "place"


def detail_words(question: str, details: list[AskedDetail]) -> set[str]:
    """Words of the question that only say what kind of detail is wanted ("how many people",
    "by which year"): left out when a sentence's coverage of the question's subject is measured."""
    found = {"year", "date", "day", "deadline", "number", "amount", "money", "much", "many", "turnout",
             "attendance", "city", "cities", "country", "countries", "where", "who", "whom"}
    for detail in details:
        found |= set(detail.nouns)
    return found


@dataclass
class DetailCheck:
    """The outcome of checking a question's asked details against the passages that would answer it:
    for each detail, the best sentence stating it (with its chunk and subject coverage), or None."""

    details: list[AskedDetail]
    found: dict[AskedDetail, tuple[float, Any, str] | None]

    @property
    def missing(self) -> list[AskedDetail]:
        """The details no passage states."""
        return [d for d in self.details if self.found.get(d) is None]

    @property
    def all_missing(self) -> bool:
        """True when the question asks for details and none of them is stated."""
        return bool(self.details) and len(self.missing) == len(self.details)


def check_details(question: str, details: list[AskedDetail], chunks: Iterable[Any],
                  coverage: Callable[[str], float], context: Callable[[Any], str],
                  similarity: Callable[[Any], float], min_score: float) -> DetailCheck:
    """Look for each asked detail in the sentences of `chunks` (hits of the sessions that would answer).

    A sentence states a detail when it has a thing of that kind (`states_detail`), does not pin it to
    a year other than the ones the question names, and is about the question's subject: its score,
    the sentence's coverage of the subject read with its session's title, organisers and date
    (`coverage` of the text plus `context`, the words that only name the detail left out by the
    caller) plus its chunk's cosine similarity to the question (`similarity`), reaches `min_score`.
    """
    asked_years = years_in(question)
    best: dict[AskedDetail, tuple[float, Any, str] | None] = {d: None for d in details}
    for chunk in chunks:
        about = context(chunk)
        session_year = int(chunk.metadata.get("year") or 0) or None
        for sentence in split_sentences(chunk.text) or [chunk.text]:
            # a figure of another year ("100 entries in 2022" for 2023) does not state the detail
            kinds = [d for d in details if stating_clauses(d, sentence, asked_years, session_year)]
            if not kinds:
                continue
            score = coverage(f"{sentence} {about}") + similarity(chunk)
            for detail in kinds:
                current = best[detail]
                if score >= min_score and (current is None or score > current[0]):
                    best[detail] = (score, chunk, sentence)
    return DetailCheck(details, best)


def not_stated_sentence(labels: list[str]) -> str:
    """"… do not state the amount pledged or the year." for the missing details' labels."""
    listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or the " + labels[-1]
    return f"the {listed}"
