"""Wrong speakers: a claim that credits someone the notes name, for what someone else said.

The evidence is cut into statements, each under the speaker label it falls under (`Zhao (ITU SG): …`,
a speaker heading line, `RM: …`). The statement that shares most with the claim decides who said it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from assistant.corpus.keywords import stem, terms
from assistant.domain.normalise import MONTHS, read_facts
from assistant.domain.sentences import split_sentences
from assistant.drafting.checks.names import NAME_TITLES, _name_spans
from assistant.drafting.checks.polarity import contrast_sides
from assistant.drafting.checks.text import NAME_JOINERS, _base
from assistant.drafting.checks.vocabulary import phrase_pattern, vocabulary, word_list

# Titles and roles inside a speaker's name ("FAO Director-General Qu Dongyu"): no one's name.
_ROLE_TEXT = """
director director-general general secretary secretary-general deputy minister chair chairperson
president vice vice-president head chief officer dr prof professor mr mrs ms ambassador mayor
commissioner adviser advisor senior coordinator representative ceo cto founder dg sg adg dsg
rep delegate spokesperson
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
# A sentence that opens with a name and a verb in the past credits that name with the act.
PAST_VERB = re.compile(r"^\s*(?:,[^,]{1,60},\s*)?(?:has\s+|have\s+|had\s+)?(?:[a-z]{2,}-)?[a-z]{3,}ed\b")
UNIT_LABEL = re.compile(r"^\s*(?:[-*•]\s*)?(?P<label>[^:;\n]{1,70}?)\s*(?::|\s[-–—]\s)\s*\S")


def _speaker_of_claim(claim: str) -> list[str]:
    """The name tokens of who the claim credits: the name before a speech verb or after "according to"."""
    for span in _name_spans(claim):
        tokens = [tok for tok, _ in span]
        last = tokens[-1]
        position = claim.find(last)
        if position < 0:
            continue
        after = CREDIT_ROLE.sub("", claim[position + len(last):])  # `The GSMA representative said`
        before = claim[:claim.find(tokens[0])]
        acted = bool(PAST_VERB.match(after)) and not before.strip()  # "Thomas Schneider handed over …"
        credited = bool(SPEECH_VERBS.match(after)) or acted or bool(
            re.search(r"according\s+to\s+(?:the\s+)?$", before, re.I)
        )
        if credited:
            # `The African Union said`: the article opening the sentence is no part of the name
            tokens = [t for t in tokens if t.lower() not in ARTICLES] or tokens
            tokens = _person_before_affiliation(tokens, claim)
            acronyms = [t for t in tokens if re.fullmatch(r"[A-Z]{2,}(?:['’]s)?", t)]
            people = [t for t in tokens if t not in acronyms and _base(t) not in ROLE_WORDS]
            return people or acronyms
    return []


def _person_before_affiliation(tokens: list[str], claim: str) -> list[str]:
    """The person of a credit that runs on into their affiliation (`Shuting Xia of the University of
    Cambridge co-founded …`): the capitalised words before the first `of`/`from`/`at`, when they are a
    person's name of two words or more (no acronym, no title: `Minister of Finance Ana Ruiz` stays
    whole). The affiliation says where they work, not who acted."""
    for n in range(2, len(tokens)):
        gap = re.search(rf"(?<![\w-]){re.escape(tokens[n - 1])}\s+(of|from|at)\s+(?:the\s+)?"
                        rf"{re.escape(tokens[n])}(?![\w-])", claim)
        if gap:
            person = tokens[:n]
            if all(t[:1].isupper() and not t.isupper() and _base(t) not in ROLE_WORDS for t in person):
                return person
            return tokens
    return tokens


ARTICLES = frozenset({"the", "a", "an"})
# Words for one who speaks for a body, between its name and the verb (`The GSMA representative said`,
# `the UNESCO delegate noted`): the credit is the body's.
CREDIT_ROLE = re.compile(
    r"^(?:['’]s)?(?:\s+(?:rep|reps|representative|representatives|delegate|delegation|spokesperson"
    r"|spokesman|spokeswoman|official|officials))+(?=\s)",
    re.IGNORECASE,
)
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




def _looks_like_label(label: str) -> bool:
    """A speaker label before `:` or ` - `: mostly capitalised words (`Zhao (ITU SG)`, `RM`, `Chair`)."""
    outside = re.sub(r"\([^)]*\)", "", label)
    words = re.findall(r"[A-Za-zÀ-ÿ][\w'’.-]*", outside)
    if not 1 <= len(words) <= 8 or re.search(r"[\"“”]", outside):
        return False
    # a role written small counts with the names (`GSMA rep`, `ITU delegate`)
    named = sum(1 for w in words if w[0].isupper() or w.lower() in NAME_JOINERS or w.lower() in ROLE_WORDS)
    return named / len(words) >= 0.6 and any(w[0].isupper() for w in words)


TOPIC_REACH = 3  # the first words of a statement in which a label's own word marks it as a topic


def _topic_label(match: re.Match[str], piece: str) -> bool:
    """Is the label a topic, not a speaker: the statement after it opens on one of the label's words
    written small (`Lexicon of Terms (new) - lexicon still in draft`)? A thing is spoken of again as
    a common noun; no one's name is written small."""
    label_words = {w for w in re.findall(r"[A-Za-z][a-z'’-]{2,}", match.group("label")) if w[0].isupper()}
    opening = re.findall(r"[A-Za-z][\w'’-]*", piece[match.end() - 1:])[:TOPIC_REACH]
    return any(w.islower() and w.capitalize() in label_words for w in opening)


def _pieces(evidence: str) -> list[str]:
    """Statements of the evidence: lines (and the statements a line joins by layout, `_turns`), then
    their sentences and `;` parts (the shared splitter, `domain.sentences`: "Dr." does not end one)."""
    pieces: list[str] = []
    for line in (turn for raw in evidence.splitlines() for turn in _turns(_named_pronouns(raw))):
        own: list[str] = []
        for piece in split_sentences(line, semicolons="always"):
            if own and (ONE_WORD.fullmatch(own[-1]) or own[-1].count("(") > own[-1].count(")")):
                # a title cut off as a sentence, or a cut inside an open bracket (`Dr T. Ilunga (Univ.
                # Kinshasa): …`): no statement ends inside a bracket
                own[-1] = f"{own[-1]} {piece}"  # `Dir. (Min. …): …`: a title cut off as a sentence
            else:
                own.append(piece)
        pieces += [p.removesuffix(";") for p in own if p.strip()]
    return pieces


# Where one note line holds several turns by layout: a spaced double slash between statements
# (`GSMA rep: … // A4AI rep: …`), or an arrow before a new speaker's label (`Q from Ms Rossi … -> Mr
# Tanaka: …`, `Chair -> Ms Novak (CoE): …`). An arrow before anything else (`… -> benefits not
# shared`) states a consequence and joins nothing.
TURN_SLASHES = re.compile(r"\s+//+\s+")
TURN_ARROW = re.compile(r"\s*(?:->|→|=>)\s*")


def _turns(line: str) -> list[str]:
    """The statements a note line joins by layout: cut at `//`, and at an arrow whose right side
    opens with a speaker label (a name or a role before `:`), so what follows the arrow is that
    speaker's turn and what precedes it (a question, a handover) is another's."""
    turns: list[str] = []
    for part in TURN_SLASHES.split(line):
        start = 0
        for arrow in TURN_ARROW.finditer(part):
            rest = part[arrow.end():]
            label = UNIT_LABEL.match(rest)
            if label and ":" in rest[:label.end()] and _looks_like_label(label.group("label")) and (
                    _names_someone(label.group("label")) or _is_role(label.group("label"))):
                turns.append(part[start:arrow.start()])
                start = arrow.end()
        turns.append(part[start:])
    return [t for t in turns if t.strip()] or [line]


def turn_lines(evidence: str) -> str:
    """The evidence with each turn a line joins by layout (`_turns`) on a line of its own: read before
    the texts are prepared for comparison, which reads an arrow as the word `to`."""
    return "\n".join(turn for line in evidence.splitlines() for turn in _turns(line))


def _is_role(label: str) -> bool:
    """Is the label a role (`Chair`, `Moderator`), its last word outside brackets a role word?"""
    words = re.findall(r"[A-Za-z][\w'’-]*", OUTSIDE_BRACKETS.sub(" ", label))
    return bool(words) and _base(words[-1]) in ROLE_WORDS | ROLE_LABELS


@cache
def _pronoun_with_name() -> re.Pattern[str]:
    """A subject pronoun (data: `[pronouns]`) with the note-taker's bracket naming who it stands for."""
    pronouns = "|".join(re.escape(p) for key in ("he", "she", "they") for p in word_list("pronouns", key))
    return re.compile(rf"\b(?:{pronouns})\s*\((?P<name>[^()]{{2,60}})\)", re.IGNORECASE)


def _named_pronouns(line: str) -> str:
    """The line with each pronoun the notes resolve in brackets (`She (Prof. Weiss) argued`) replaced
    by the name they give, when the bracket holds a name (capitalised words): the statement is then
    credited to that person like any `Name argued …`."""
    def named(match: re.Match[str]) -> str:
        name = match.group("name").strip()
        return name if _names_someone(name) or re.fullmatch(r"[A-ZÀ-Þ][\w'’-]+", name) else match.group(0)

    return _pronoun_with_name().sub(named, line)


ONE_WORD = re.compile(r"\s*[A-Z][a-z]{1,4}\.")  # a short capitalised word and its full stop: a title


def _units(evidence: str) -> list[tuple[str, str]]:
    """Evidence cut into statements, each with the speaker label it falls under (or "")."""
    return [(label, piece) for label, piece, _ in _labelled_units(evidence)]


def _labelled_units(evidence: str) -> list[tuple[str, str, int]]:
    """Statements with their label and the position of the statement that set the label (-1: none)."""
    units: list[tuple[str, str, int]] = []
    label, source = "", -1
    for position, piece in enumerate(_pieces(evidence)):
        before = label
        piece = LEADING_NUMBER.sub("", LEADING_TIME.sub("", piece))
        match = UNIT_LABEL.match(piece)
        if match and _looks_like_label(match.group("label")) and not _topic_label(match, piece):
            found = match.group("label")
            roles = ROLE_WORDS | ROLE_LABELS
            if _base(found.split()[-1]) in roles and not (
                    _base(found.split()[-1]) in SPOKESPEOPLE and _base(found.split()[0]) not in roles):
                label = piece.strip(" :-–")  # `Chair: Daniella Esi Darlington`: the name is the label
            elif not (label and BULLET_PIECE.match(piece) and not _names_someone(found)):
                label = found  # a one-word label inside a speaker's bullets (`- KrishiNet: …`) is a topic
        elif (_is_speaker_heading(piece) and not BULLET_PIECE.match(piece)) or (
                piece.rstrip().endswith(":") and INITIALS_KEY.search(piece)):
            label = piece.strip(" :-–")
        if label != before:
            source = position
        own = _opening_credit(piece) if label and label == before else ""
        if own:
            # `Prof. Weiss argued …` under a heading naming two panellists: the statement's own
            # opening credit says whose it is, for this statement only
            units.append((own, piece, position))
            continue
        units.append((label, piece, source if label else -1))
    return _initials_resolved(units)


INITIALS_LABEL = re.compile(r"[A-Z]{2,4}")


def _initials_of(label: str) -> str:
    """The initials of the person a label names (`Dr T. Jelassi (UNESCO)` -> `TJ`), titles and brackets
    left out; '' when the label names no one by capitalised words."""
    outside = OUTSIDE_BRACKETS.sub(" ", label)
    words = [w for w in re.findall(r"[A-ZÀ-Þ][\w'’-]*\.?", outside) if _base(w).lower() not in NAME_TITLES]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _initials_resolved(units: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Statements under a label of bare initials (`TJ: …`) that are the initials of a person an earlier
    label names in full (`Dr T. Jelassi (UNESCO, ADG CI): …`) are read under that person's label: notes
    shorten a speaker's name to initials after the first mention."""
    resolved: list[tuple[str, str, int]] = []
    for label, piece, source in units:
        if INITIALS_LABEL.fullmatch(label):
            earlier = [lab for lab, _, _ in resolved if lab != label and _initials_of(lab) == label]
            if earlier:
                label = earlier[-1]
        resolved.append((label, piece, source))
    return resolved


def _opening_credit(piece: str) -> str:
    """The person a statement credits by opening with their name before a speech verb or a verb in
    the past (`Prof. Weiss argued …`, `Mensah disagreed`), or ''."""
    bare = re.sub(r"\s+", " ", OUTSIDE_BRACKETS.sub(" ", piece)).strip(" -*•")
    speaker = _speaker_of_claim(bare)
    if not speaker or any(t.lower() in _pronoun_titles() for t in speaker):
        return ""  # `She described …`: a pronoun, read by `_reported_by_another`
    return " ".join(speaker) if _opens_with(speaker, bare) else ""


# Roles of one who speaks for a body: after its name (`GSMA rep: …`) the label is the body's, not a
# role whose holder the text names (`Chair: Daniella Esi Darlington`).
SPOKESPEOPLE = frozenset({"rep", "representative", "delegate", "spokesperson"})
LEADING_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+")  # `5. Pearse O'Donohue`: a numbered speaker heading
BULLET_PIECE = re.compile(r"^\s*[-*•]\s")
INITIALS_KEY = re.compile(r"\b[A-Z]{2,4}\s*=\s*[A-Z][a-z]")  # `remote spkr TD = Tashi Dorji (…) via chat:`
ROLE_LABELS = frozenset({"moderator", "mod", "host", "speaker", "panellist", "panelist", "keynote"})


def _names_someone(label: str) -> bool:
    """A label that names a person: initials (`KO`) or two or more capitalised words (`Maria Lopez`)."""
    outside = re.sub(r"\([^)]*\)", "", label).strip()
    return bool(re.fullmatch(r"[A-Z]{2,4}", outside)) or len(re.findall(r"\b[A-ZÀ-Þ][\w'’.-]+", outside)) >= 2


def _wrong_speaker(claim: str, evidence: str) -> list[str]:
    """The claim credits someone the evidence names, for what the evidence says someone else said.

    A claim of clauses joined by `;` where a later clause opens with a credit of its own (`A asked
    X; B: Y`, a rapporteur's proposal quoting two speakers' points) credits each clause's speaker
    with that clause only: each clause is read on its own (`_own_clauses`)."""
    clauses = _own_clauses(claim)
    if len(clauses) > 1:
        found = [p for clause in clauses for p in _wrong_speaker_of_clause(clause, evidence)]
        return list(dict.fromkeys(found))
    return _wrong_speaker_of_clause(claim, evidence)


def opens_with_credit(clause: str) -> bool:
    """Does the clause open with a credit of its own: a name before a speech verb (`Ana Ruiz said`,
    `Rahul Menon (UN-Habitat) reported`) or
    a speaker label before `:` (`Quispe: …`, `YOUTH DELEGATE (Zawadi, Kenya): …`)?"""
    label = UNIT_LABEL.match(clause)
    if label and _looks_like_label(label.group("label")) and ":" in clause[:label.end()]:
        return True
    bare = re.sub(r"\s+", " ", OUTSIDE_BRACKETS.sub(" ", clause))  # `Rahul Menon (UN-Habitat) reported`
    speaker = _speaker_of_claim(bare)
    return bool(speaker) and _opens_with(speaker, bare)


def _own_clauses(claim: str) -> list[str]:
    """The claim's `;`-joined clauses (outside brackets) when a clause after the first opens with a
    credit of its own; else the claim whole (`Ana said X; Y`: Y is Ana's too)."""
    clauses, depth, start = [], 0, 0
    for n, char in enumerate(claim):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == ";" and depth <= 0:
            clauses.append(claim[start:n])
            start = n + 1
    clauses.append(claim[start:])
    clauses = [c.strip() for c in clauses if c.strip()]
    if len(clauses) < 2 or not any(opens_with_credit(c) for c in clauses[1:]):
        return [claim]
    return clauses


def _wrong_speaker_of_clause(claim: str, evidence: str) -> list[str]:
    """`_wrong_speaker` of one claim (or one clause of it) read whole.

    The statement of the evidence that shares most with the claim (words and figures, leaving the
    speaker aside) is found; when the person the claim credits is named elsewhere in the evidence
    but not in that statement nor in the label it falls under, the claim has the wrong speaker.
    """
    joint = _joint_credit_to_another(claim, evidence)
    if joint:
        return [joint]
    speaker = _speaker_of_claim(claim)
    if not speaker:
        return _wrong_role(claim, evidence)
    relayed = _relayed_to_another(claim, speaker, evidence)
    if relayed:
        return [f"speaker: {' '.join(speaker)} (the notes credit: {relayed})"]
    labelled = _labelled_units(evidence)
    units = [(label, piece) for label, piece, _ in labelled]
    spoken_of = (_spoken_of_only(claim, speaker, units) or _reported_by_another(claim, speaker, units)
                 or _act_of_another(claim, speaker, units))
    if spoken_of:
        return [f"speaker: {' '.join(speaker)} (the notes credit: {spoken_of})"]
    voiceless = _voiceless_organisation(speaker, units)
    if voiceless:
        return [f"speaker: {' '.join(speaker)} (the notes credit: {voiceless})"]
    if len(units) < 2:
        return []
    def names_speaker(text: str) -> bool:
        return person_named(speaker, text)

    named = [n for n, (label, text) in enumerate(units) if names_speaker(f"{label}: {text}")]
    if not named:
        return []  # someone the evidence never names: the name test reports it
    # titles (`Dr`, `Minister`) say who, not what: a label repeating the credit's title is no support
    speaker_stems = {stem(_base(t)) for t in speaker} | {stem(w) for w in ROLE_WORDS}
    content = {t for t in terms(claim) if t not in speaker_stems}
    contrast = contrast_sides(claim)
    if contrast:
        content -= contrast[1] - contrast[0]  # `X rather than Y`: Y is what the speaker set aside
    claim_numbers = set(read_facts(claim).numbers)

    def support(n: int) -> int:
        text = units[n][1]
        figures = set(read_facts(text, generous=True).numbers)
        return len(content & set(terms(text))) + len(claim_numbers & figures)

    answered = _answered_by_another(claim, named, units, support)
    if answered:
        return [f"speaker: {' '.join(speaker)} (the notes credit: {answered})"]
    best = max(range(len(units)), key=support)
    if best in named or support(best) <= max(support(n) for n in named):
        return []
    label, text = units[best]
    questions = vocabulary().questions
    if best + 1 in named and questions.search(OUTSIDE_BRACKETS.sub(" ", f"{label} {text}")) \
            and not questions.search(claim):
        return []  # the statement right after a question answers it, and says what it asked
    other = _other_person(text, speaker)
    if not label and any(n < best for n in named) and not other:
        return []  # an unlabelled statement after the line that names them: nothing credits another
    setter = labelled[best][2]
    if setter in named and (names_speaker(label) or said_by(speaker, units[setter][1])):
        return []  # the label it falls under was set by the statement that names them (`Next: Ana …`)
    credited = label or other or _introduced_before(units, best) or text.strip()[:60]
    # the claim itself credits the person the notes credit with that statement (a label of a topic or
    # an event, with a date in it, names no one)
    who = other if not label else label if _names_someone(label) and not re.search(r"\d", label) else ""
    # the person is the label's first piece (`Dr. Leila Haddad, Ministry …, Tunisia`: not the country)
    if who and person_named(_person_tokens(re.split(r"[,(]", who)[0]), claim):
        return []
    return [f"speaker: {' '.join(speaker)} (the notes credit: {credited})"]


# a bracketed aside, removed to read what is outside it
OUTSIDE_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
MIN_ANSWER_SUPPORT = 2  # words and figures a statement must share with the claim to be its answer

# Two people credited together with one statement: `Ana Ruiz and Ben Cole (both) said …`.
_NAME = r"(?:[A-ZÀ-Þ][\w'’.-]*\s+){0,2}[A-ZÀ-Þ][\w'’-]+"


@cache
def _joint_credit_pattern() -> re.Pattern[str]:
    """Two names, `and`, an optional word of joint credit (`both`: data) and the verb after them."""
    joint = "|".join(re.escape(w) for w in word_list("speech", "joint"))
    return re.compile(
        rf"(?P<first>{_NAME})\s*(?:\([^)]*\)\s*)?(?:and|&)\s+(?P<second>{_NAME})\s*(?:\([^)]*\)\s*)?"
        rf"(?:(?P<joint>{joint})\s+)?(?P<verb>[a-z]+)\b"
    )


def _joint_credit_to_another(claim: str, evidence: str) -> str:
    """A claim crediting two people together (`A and B both backed X`: a speech or stance verb, data)
    where the notes give one of them a statement on the claim's content and the other only
    statements sharing less than half as much with it: the second did not say it. '' otherwise.

    Each person must be named in the evidence (a name it never gives is the name test's), and the
    evidence must hold at least two statements."""
    found = _joint_credit_pattern().search(claim)
    if not found:
        return ""
    speech = vocabulary().speech
    stance = {w.lower() for w in word_list("speech", "stance")}
    verb = found.group("verb").lower()
    if verb not in stance and verb not in speech:
        return ""
    people = [
        [t for t in re.findall(r"[\w'’-]+", found.group(key)) if _base(t) not in ROLE_WORDS]
        for key in ("first", "second")
    ]
    units = _units(evidence)
    if len(units) < 2 or any(not person for person in people):
        return ""
    named = [
        [n for n, (label, text) in enumerate(units) if person_named(person, f"{label}: {text}")]
        for person in people
    ]
    if any(not n for n in named):
        return ""
    credited = {stem(_base(t)) for p in people for t in p}
    content = {t for t in terms(claim) if t not in credited and t != stem(verb)}
    claim_numbers = set(read_facts(claim).numbers)

    def support(n: int) -> int:
        text = units[n][1]
        figures = set(read_facts(text, generous=True).numbers)
        return len(content & set(terms(text))) + len(claim_numbers & figures)

    best = [max(support(n) for n in own) for own in named]
    echo = phrase_pattern(word_list("speech", "echo"))
    for n, person in enumerate(people):
        other = best[1 - n]
        if any(echo.search(units[k][1]) for k in named[n]):
            continue  # `same`, `agreed`: they say the other's point again
        if other >= MIN_ANSWER_SUPPORT and 2 * best[n] < other:
            holder = units[max(named[1 - n], key=support)][0] or " ".join(people[1 - n])
            return f"speaker: {' '.join(person)} (the notes credit: {holder})"
    return ""


def _answered_by_another(
    claim: str, named: list[int], units: list[tuple[str, str]], support: Callable[[int], int],
) -> str:
    """Who answered, when every statement naming the credited person is a question they ask (`A.
    Berg asked what portals need`) and another statement sharing the claim's content answers it
    (`Reply, T. Yilmaz: stable funding`); '' otherwise, or when the claim itself reports a question."""
    questions = vocabulary().questions
    if questions.search(claim) or not named:
        return ""
    # a bracketed aside is the note-taker's, not the speaker's (`Lukas Weber, policy lead (asked us
    # not to name the company)` introduces a speaker, it is no question of theirs)
    if not all(questions.search(OUTSIDE_BRACKETS.sub(" ", f"{units[n][0]} {units[n][1]}")) for n in named):
        return ""
    others = [n for n in range(len(units)) if n not in named and support(n) >= MIN_ANSWER_SUPPORT]
    if not others:
        return ""
    label, text = units[max(others, key=support)]
    return label or _other_person(text, []) or text.strip()[:60]


def _statement_naming(
    claim: str, speaker: list[str], units: list[tuple[str, str]],
) -> tuple[str, set[str]] | None:
    """The statement closest to the claim (most content words shared, at least two) when it names the
    credited person in its text but not as its label, with the claim's content words (the credited
    person's own words left out); else None. Where a wrong credit hides: the person is in the
    statement, spoken of or spoken to, but someone else says it."""
    speaker_stems = {stem(_base(t)) for t in speaker}
    content = {t for t in terms(claim) if t not in speaker_stems}
    if not units or not content:
        return None
    best = max(range(len(units)), key=lambda n: len(content & set(terms(units[n][1]))))
    label, text = units[best]
    if len(content & set(terms(text))) < 2 or not person_named(speaker, text) or person_named(speaker, label):
        return None
    return text, content


def _spoken_of_only(claim: str, speaker: list[str], units: list[tuple[str, str]]) -> str:
    """The one who says the statement closest to the claim, when that statement names the credited
    person only as someone spoken of (`Responding to Amina Yusuf, Karl Weber said …`, `Hana Sato,
    disagreeing with an OECD estimate: …`); else ''.

    Read by structure: the credited person is neither the statement's label nor the name it opens
    with nor named as the one who says it (`said_by`), and another person is one of those.
    """
    closest = _statement_naming(claim, speaker, units)
    if closest is None:
        return ""
    text, _ = closest
    # names read within the pieces commas and brackets set apart (`Amina Yusuf, Karl Weber (EU)`)
    spans = [[tok for tok, _ in span] for piece in re.split(r"[,;()]", text) for span in _name_spans(piece)]
    spans = [span for span in spans if any(_base(t) not in ROLE_WORDS for t in span)]
    opening = re.split(r"[,;:()]", text.lstrip(" -*•"))[0]
    if not spans or _opens_with(speaker, opening) or said_by(speaker, text):
        return ""  # they open the statement or are named as the one who says it
    if any(person_named(speaker, group) for group in re.findall(r"\(([^()]*)\)", text)):
        return ""  # `A. Szorenyi (GCH) …`: an organisation in brackets is its speaker's own
    last = re.escape(speaker[-1])
    if re.search(rf"\b{last}\b[^.;:]{{0,40}}\b(?:and|who)\b", text):
        return ""  # `Ana Ruiz and Ben Cole said …`, `introduced Ana Ruiz, who said …` (`_relayed_to_another`)
    for span in spans:
        people = [t for t in span if _base(t) not in ROLE_WORDS]
        if person_named(speaker, " ".join(span)) or len(people) < 2:
            continue
        opens = text.lstrip(" -*•").startswith(span[0])
        if (opens or said_by(people, text)) and not _affiliation_after(speaker, people, text):
            return " ".join(people)
    return ""


def _opens_with(speaker: list[str], opening: str) -> bool:
    """Does the statement's first piece open with the credited name (`Ana Ruiz and …`, `UNESCO's
    Maria Lopez`), not with a word before it (`Following Lin Zhou's question`, `Responding to …`)?"""
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ][\w'’.-]*", opening) if _base(w) not in ROLE_WORDS]
    return bool(words) and person_named(speaker, words[0])  # a title first (`Dr.`, `Minister`) is skipped


def _affiliation_after(speaker: list[str], people: list[str], text: str) -> bool:
    """Is the credited name the affiliation set beside the one who speaks (`Jane Mwangi, Kenya's
    minister, said`, `Maria Lopez, director at UNESCO, said`)? The chunk right after their name
    names it and is a description, not a clause of its own (no `-ing` participle: `disagreeing with
    an OECD estimate` speaks of the OECD)."""
    chunks = [c for c in re.split(r"[,;()]", text) if c.strip()]
    for n, chunk in enumerate(chunks[:-1]):
        if person_named(people, chunk):
            following = chunks[n + 1]
            return person_named(speaker, following) and not re.search(r"\b[a-z]{3,}ing\b", following)
    return False


def _person_tokens(label: str) -> list[str]:
    """The words of a label that name its person (titles, roles and brackets left out)."""
    outside = OUTSIDE_BRACKETS.sub(" ", label)
    return [w for w in re.findall(r"[A-ZÀ-Þ][\w'’-]+", outside)
            if _base(w) not in ROLE_WORDS and _base(w).lower() not in NAME_TITLES and not w.isupper()]


def _other_person(text: str, speaker: list[str]) -> str:
    """The name of a person other than the credited one that the statement gives (`…, said Pedro
    Alves`: two or more capitalised words, no acronym, no title), or ''."""
    credited = {_base(s) for s in speaker}
    # a person's name is read within the pieces commas and brackets set apart (`PP Bucharest, Sept`
    # is a place and a month, not a person); a month's name is no one's
    spans = [span for piece in re.split(r"[,;()]", text) for span in _name_spans(piece)]
    for span in spans:
        people = [
            tok for tok, _ in span if not re.fullmatch(r"[A-Z]{2,}", tok) and _base(tok) not in ROLE_WORDS
            and _base(tok) not in MONTHS
        ]
        if len(people) >= 2 and not any(_base(t) in credited for t in people) \
                and not _remarked_thing(people[-1], text) and not _titled(people, text):
            return " ".join(people)
    return ""


TITLE_JOINERS = re.compile(r"\s(?:of|for|on|the)\s")  # inside a name: a title or a body, not a person


def _titled(people: list[str], text: str) -> bool:
    """Is the name a title or a body's (`Lexicon of Gender Equality Words`, `Fund for Peace`): joined by
    `of`, `for`, `on` or `the` between its capitalised words, as no person's name is?"""
    found = re.search(rf"\b{re.escape(people[0])}\b(.*?)\b{re.escape(people[-1])}\b", text)
    return found is not None and bool(TITLE_JOINERS.search(found.group(1)))


def _remarked_thing(last: str, text: str) -> bool:
    """Is the name that ends on `last` followed by a bracket that remarks on a thing done to it (`Policy
    Brief (just published)`): a past participle, no capital and no role, so no person's affiliation
    (`Pedro Alves (operator)`)?"""
    after = re.search(rf"\b{re.escape(last)}\s*(\([^()]*\))", text)
    return after is not None and not _affiliated(after.group(1)) \
        and bool(re.search(r"\b[a-z]{3,}(?:ed|en)\b", after.group(1)))


def _introduced_before(units: list[tuple[str, str]], best: int) -> str:
    """The closest statement before an unlabelled one that names a person (`Minister Ana Ruiz opened …`)."""
    for _label, text in reversed(units[:best]):
        if _names_someone(text.strip()[:60]):
            return text.strip()[:60]
    return ""


def person_named(tokens: list[str], text: str) -> bool:
    """Does the text name the person: one of their name's words as a whole word (no stemming: `Levi`
    is not `levy`), or their initials (`KO`)?"""
    written = re.findall(r"[A-Za-zÀ-ÿ][\w'’-]*", text)
    words = {w.lower() for w in written}
    words |= {re.sub(r"['’]s$", "", w) for w in words}
    if any(len(t) > 2 and t.lower() in words for t in tokens if _base(t) not in ROLE_WORDS):
        return True
    # a two-letter surname (`Wu`, `Li`, `Ng`) is read as written, a capital and a small letter, so
    # no word of the text (`li`) and no acronym (`EU`) stands for it
    short = {re.sub(r"['’]s$", "", w) for w in written}
    if any(SHORT_SURNAME.fullmatch(t) and t in short for t in tokens):
        return True
    initials = "".join(t[0] for t in tokens).upper()
    return len(initials) >= 2 and bool(re.search(rf"\b{re.escape(initials)}\b", text))


SHORT_SURNAME = re.compile(r"[A-Z][a-z]")


SAID_BEFORE = re.compile(
    r"(?:\b(?:said|says|according\s+to|per|by|from|asked|answered|replied)\s+(?:the\s+)?|\(\s*)$",
    re.IGNORECASE,
)


def said_by(tokens: list[str], text: str) -> bool:
    """Does the text name the person as the one who says it, not only as someone spoken of?

    `Pedro Alves (operator): …`, `… said Pedro Alves`, `Ana Ruiz noted …`, `according to Ana Ruiz`
    do; `thanked Pablo Ortiz for the map` does not.
    """
    people = [t for t in tokens if _base(t) not in ROLE_WORDS and len(t) > 1]
    for token in people[-1:] or tokens[-1:]:
        for match in re.finditer(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text):
            first = text.rfind(people[0], 0, match.start()) if people else -1
            start = first if first >= 0 and match.start() - first < 40 else match.start()
            after = re.sub(r"^\s*(?:['’]s\b)?\s*(?:\([^)]*\))?", "", text[match.end():])
            if SPEECH_VERBS.match(after) or re.match(r"\s*[:–—-]\s", after):
                return True
            if SAID_BEFORE.search(text[:start]):
                return True
    return False


# `…, who said …`: the person named just before a relative clause with a speech verb says what follows.
RELAYED = re.compile(
    r"(?P<name>(?:[A-ZÀ-Þ][\w'’.-]+\s+){0,3}[A-ZÀ-Þ][\w'’.-]+)\s*(?:\([^)]*\))?\s*,?\s+who\s+"
    r"(?:then\s+|also\s+|later\s+)?(?P<verb>[a-z]+)\b"
)


def _handed_over(evidence: str) -> list[tuple[re.Match[str], str]]:
    """(match, name) for each person the floor is handed to (`gave the floor to Amb. K. Tui`,
    `invited Dr Ana Ruiz`: the handover phrases are data): what follows is theirs."""
    found = []
    for match in vocabulary().handover.finditer(evidence):
        name = HANDED_TO.match(evidence, match.end())
        if name:
            found.append((name, name.group("name")))
    return found


# The person right after a handover phrase: titles and initials allowed (`Amb. K. Tui`).
HANDED_TO = re.compile(r"\s+(?:the\s+)?(?P<name>(?:[A-ZÀ-Þ][\w'’-]*\.?\s+){0,3}[A-ZÀ-Þ][\w'’-]+)")


def _relayed_to_another(claim: str, speaker: list[str], evidence: str) -> str:
    """The person who says the claim's content in a relative clause (`A introduced B, who said …`) or
    after a handover (`A gave the floor to B: …`), when that is not the person the claim credits;
    else ''."""
    content = {t for t in terms(claim) if t not in {stem(_base(s)) for s in speaker}}
    relayed = [(m, m.group("name")) for m in RELAYED.finditer(evidence)
               if m.group("verb").lower() in vocabulary().speech]
    for match, name in relayed + _handed_over(evidence):
        if person_named(speaker, name):
            continue
        said = evidence[match.end():].split("\n")[0]
        before = evidence[: match.start()].split("\n")[-1]
        closer = len(content & set(terms(said))) > len(content & set(terms(before)))
        if closer and person_named(speaker, before):
            return name
    return ""


# `The moderator said …`: a claim that credits a role, not a name (the roles are the labels' own).
ROLE_CREDIT = re.compile(r"\b(?:the|a|an)\s+(?P<role>[a-z]+)\s+(?P<verb>[a-z]+)\b", re.IGNORECASE)


def _wrong_role(claim: str, evidence: str) -> list[str]:
    """A claim crediting a role (`the moderator said`) for a statement the notes label with someone
    else, where another statement carries that role's label."""
    found = ROLE_CREDIT.search(claim)
    if not found or found.group("verb").lower() not in vocabulary().speech:
        return []
    role = found.group("role").lower()
    if role not in ROLE_WORDS | ROLE_LABELS:
        return []
    units = _units(evidence)
    holders = [
        n for n, (label, text) in enumerate(units)
        if role in {_base(w) for w in re.findall(r"[\w'’-]+", label)}
        or {_base(w) for w in re.findall(r"[\w'’-]+", text)} == {role}  # `Chair -> B: …`: the chair's turn
    ]
    if not holders or len(units) < 2:
        return []
    content = {t for t in terms(claim) if t != stem(role)}
    best = max(range(len(units)), key=lambda n: len(content & set(terms(units[n][1]))))
    label = units[best][0]
    if best in holders or not label or len(content & set(terms(units[best][1]))) <= max(
            len(content & set(terms(units[n][1]))) for n in holders):
        return []
    return [f"speaker: the {role} (the notes credit: {label})"]


# A reporting verb by its form: a speech verb of the vocabulary, or any verb followed by `that`
# (`showed that`, `found that`): what follows it is what its subject says.
THAT_VERB = re.compile(r"\b(?P<verb>[a-z]{3,})\s+that\b")
# Where the subject of a reporting verb starts: a clause boundary before it (punctuation, a relative
# pronoun), so `…, in which he showed` has the subject `he`.
SUBJECT_START = re.compile(r"[,;:()\[\]]|\b(?:that|which|who|whom|whose|where|when|while)\b")
# A conjunction that opens a clause of its own after a boundary (`…, and he noted`); inside a subject
# it joins two people (`Ana Ruiz and Ben Cole said`), who are read together.
LEADING_CONJUNCTION = re.compile(r"^(?:and|but|then|so)\s+", re.IGNORECASE)


@cache
def _pronoun_titles() -> dict[str, frozenset[str]]:
    """Each subject pronoun (`he`, `she`: data) with the honorifics of the people it may stand for."""
    return {
        pronoun: frozenset(word_list("pronouns", f"{key}_titles"))
        for key in ("he", "she") for pronoun in word_list("pronouns", key)
    }


def _subject_before(text: str) -> str:
    """The words between the last clause boundary and the end of `text` (a reporting verb's subject)."""
    return LEADING_CONJUNCTION.sub("", SUBJECT_START.split(text)[-1].strip())


def _person_for_pronoun(pronoun: str, text: str) -> str:
    """The closest person named in `text` (before the pronoun) that the pronoun may stand for: a
    name whose honorific is not one of the other pronoun's; '' if none."""
    titles = _pronoun_titles()
    own = titles.get(pronoun.lower())
    if own is None:
        return ""
    others = frozenset().union(*[t for p, t in titles.items() if t is not own])
    found = ""
    for match in re.finditer(r"(?<![\w.])(?:(?P<title>[A-Z][a-zñ]*\.?)\s+)?(?P<name>[A-ZÀ-Þ][\w'’-]+)", text):
        title, name = match.group("title") or "", match.group("name")
        if _base(name) in ROLE_WORDS or name in others or name in own:
            continue
        if title and title in others:
            continue
        found = name
    return found


def _reported_by_another(claim: str, speaker: list[str], units: list[tuple[str, str]]) -> str:
    """Who says the claim's content when the statement closest to it names the credited person, but
    the reporting verb that introduces the content has another subject (`Responding to A's question,
    the minister said …`; `Ms A thanked Mr B for his talk, in which he showed that …`); else ''.

    Read by structure: the first reporting verb of the statement (a speech verb of the vocabulary, or
    a verb before `that`) whose complement shares at least two content words with the claim; its
    subject runs from the last clause boundary before it. A pronoun subject stands for the closest
    person named before it whose honorific agrees (data); a subject that is neither a pronoun, a name
    nor a role says nothing of who spoke."""
    closest = _statement_naming(claim, speaker, units)
    if closest is None:
        return ""
    text, content = closest
    speech = vocabulary().speech
    verbs = [m for m in re.finditer(r"\b[a-z]{3,}\b", text) if m.group(0) in speech]
    verbs += [m for m in THAT_VERB.finditer(text)]
    for match in sorted(verbs, key=lambda m: m.start()):
        if len(content & set(terms(text[match.end():]))) < 2:
            continue
        subject = _subject_before(text[: match.start()])
        words = subject.split()
        if not words:
            return ""  # `…, said Pedro Alves`: the subject follows; other tests read it
        if person_named(speaker, subject):
            return ""
        if len(words) == 1 and words[0].lower() in _pronoun_titles():
            person = _person_for_pronoun(words[0], text[: match.start()])
            return "" if not person or person_named(speaker, person) else person
        role = {_base(w) for w in words} & (ROLE_WORDS | ROLE_LABELS)
        named = [w for w in words if w[:1].isupper() and _base(w) not in ROLE_WORDS]
        return subject if role or named else ""
    return ""


# Auxiliaries left at the end of a subject read up to a verb (`the minister had promised`).
AUXILIARIES = frozenset({"had", "has", "have", "was", "were", "is", "are", "would", "will", "could",
                         "should", "might", "may", "did", "does", "do", "also", "then", "already",
                         "been", "being", "be"})


def _credited_verb(claim: str, speaker: list[str]) -> str:
    """The verb right after the name the claim credits (`Ambassador Ferreira promised` -> promised)."""
    last = speaker[-1] if speaker else ""
    found = re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])(?:['’]s)?\s*(?:\([^)]*\)\s*)?,?\s*"
                      r"(?:(?:has|have|had|also|then)\s+)?(?P<verb>[a-z]{3,})\b", claim)
    return found.group("verb") if found else ""


def _act_of_another(claim: str, speaker: list[str], units: list[tuple[str, str]]) -> str:
    """Who did the act a claim credits, when the statements naming the credited person give that act
    (the claim's verb, by stem) only with another subject: reported speech (`Amb. Ferreira reported
    that the finance minister had promised a fee holiday` for `Ferreira promised a fee holiday`);
    else ''. Read by structure: the subject runs from the last clause boundary before the verb
    (`that`, a comma), auxiliaries left out; a subject naming the credited person, or none, is theirs."""
    verb = _credited_verb(claim, speaker)
    if not verb or verb in AUXILIARIES:
        return ""
    other = ""
    for label, text in units:
        if not person_named(speaker, f"{label}: {text}"):
            continue
        for match in re.finditer(r"\b[a-z]{3,}\b", text):
            if stem(match.group(0)) != stem(verb):
                continue
            before = text[: match.start()]
            if not _reports(speaker, before):
                continue  # no report of theirs governs it: the act is read by the other tests
            subject = _subject_before(before)
            words = [w for w in subject.split() if w.lower() not in AUXILIARIES]
            if len(words) == 1 and words[0].lower() in _pronoun_titles():
                words = _person_for_pronoun(words[0], f"{label}: {before[: before.rfind(words[0])]}").split()
            if not words or person_named(speaker, " ".join(words)):
                return ""  # their own act (a pronoun standing for them, or no subject one can read)
            if any(re.fullmatch(r"[A-Za-zÀ-ÿ][\w'’.-]*", w) for w in words):
                other = other or " ".join(words)  # `the governor`, `the finance minister`, `Mr B`
    return other


def _reports(speaker: list[str], text: str) -> bool:
    """Does the text (what precedes an act) hold a reporting verb (a speech verb of the vocabulary, or
    any verb before `that`) whose subject names the credited person (`Amb. Ferreira reported that`)?"""
    speech = vocabulary().speech
    verbs = [m for m in re.finditer(r"\b[a-z]{3,}\b", text) if m.group(0) in speech]
    verbs += list(THAT_VERB.finditer(text))
    return any(person_named(speaker, _subject_before(text[: m.start()])) for m in verbs)


ACRONYM_TOKEN = re.compile(r"[A-Z][A-Z0-9&]{1,9}")


def _is_organisation(tokens: list[str]) -> bool:
    """Do the credited name's tokens name an organisation: acronyms alone (`UNICEF`), or a name with a
    head word of one (`World Health Organization`; data `[speech] organisation_heads`)?"""
    heads = {w.lower() for w in word_list("speech", "organisation_heads")}
    return bool(tokens) and (all(ACRONYM_TOKEN.fullmatch(t) for t in tokens)
                             or any(t.lower() in heads for t in tokens))


def _organisation_named(tokens: list[str], text: str) -> bool:
    """Does the text name the organisation: every word of its name (`Ministry … Health`) or its
    initials (`WHO`), each as a whole word?"""
    words = {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ][\w'’]*", text)}
    long = [t for t in tokens if len(t) > 2 or ACRONYM_TOKEN.fullmatch(t)]
    # a word the notes cut short stands for the whole (`Min. Health` for `Ministry of Health`)
    if long and all(t.lower() in words or any(len(w) >= 3 and t.lower().startswith(w) for w in words)
                    for t in long):
        return True
    initials = "".join(t[0] for t in tokens if t[0].isupper()).upper()
    return len(initials) >= 2 and bool(re.search(rf"(?<![\w]){re.escape(initials)}(?![\w])", text))


def _label_head(label: str) -> str:
    """Who a label gives the floor to: the name with its bracket (`D. Okoro (Ministry of Youth)` of
    `D. Okoro (Ministry of Youth), at a UNICEF-hosted side event`), or the label up to its first comma."""
    closed = label.find(")")
    if "(" in label and closed > label.find("("):
        return label[: closed + 1]
    return label.split(",")[0]


def _voiceless_organisation(speaker: list[str], units: list[tuple[str, str]]) -> str:
    """The label of a statement naming the credited organisation when the notes give that organisation
    no voice: no label's head names it (neither its own label nor the affiliation of one speaking for
    it), while a labelled statement speaks of it (`ITU rep: … (with UNESCO support)`); '' otherwise."""
    if not _is_organisation(speaker):
        return ""
    if any(re.search(r"\bby\s+(?:the\s+)?$", text[: m.start()]) for _, text in units
           for m in re.finditer(rf"\b{re.escape(speaker[0])}\b", text)):
        return ""  # `… - by the Nordic Alliance`: the agent of what is stated, its own act
    voiced = [(_voice(label, text), label, text) for label, text in units]
    voiced = [(v if _gives_floor(v) else "", label, text) for v, label, text in voiced]
    heads = [_label_head(voice) for voice, _, _ in voiced if voice]
    if not heads or any(_organisation_named(speaker, head) for head in heads):
        return ""
    for voice, _, text in voiced:
        if voice and (_organisation_named(speaker, voice) or _organisation_named(speaker, text)):
            return _label_head(voice)
    return ""


def _gives_floor(voice: str) -> bool:
    """Does a label give the floor to someone (a person, an acronym, a role: `ITU rep`, `Dr Li (GIZ)`),
    not name a topic (`Launch:`)?"""
    head = _label_head(voice)
    words = re.findall(r"[A-Za-z][\w'’.-]*", head)
    roles = ROLE_WORDS | ROLE_LABELS
    return bool(voice) and (_names_someone(head) or _affiliated(head)
                            or any(ACRONYM_TOKEN.fullmatch(w) or _base(w) in roles for w in words))


def _affiliated(head: str) -> bool:
    """Does a label's bracket give an affiliation or a role (`(GIZ)`, `(Min. Health)`, `(moderator)`),
    not a remark about a thing (`Policy Brief (just published)`): a capitalised word or a role in it?"""
    roles = ROLE_WORDS | ROLE_LABELS
    for inside in re.findall(r"\(([^()]*)\)", head):
        words = re.findall(r"[A-Za-zÀ-ÿ][\w'’.-]*", inside)
        if any(w[0].isupper() or _base(w) in roles for w in words):
            return True
    return False


def _voice(label: str, text: str) -> str:
    """Who a statement gives the floor to: its label, or the words before its colon when they open on a
    name with its bracket (`M. Ortiz (Min. Health), referring to WHO guidance: …`)."""
    if label:
        return label
    match = UNIT_LABEL.match(text)
    if match and ":" in text[: match.end()]:
        head = _label_head(match.group("label"))
        if "(" in head and _looks_like_label(head):
            return match.group("label")
    return ""
