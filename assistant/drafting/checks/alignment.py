"""Alignment of a claim's checkable parts to its evidence: what the grounding verdict is made of.

A claim is broken into the parts that can be checked on their own: figures and dates (read by
`assistant.domain.normalise`), names of organisations, places and people, the person credited, and
the predicate's polarity (negated or not, which direction) and modality (done, or only proposed,
planned, piloted). Each part is looked for in the evidence, where the evidence is read as clauses
and the clauses that say what the claim says are found by meaning (the checker's embeddings), so a
reordered sentence or a long note line aligns on the right clause. A part that does not align is a
`Part` in the verdict, named by kind: `speaker: Ana Ruiz (evidence: Ben Cole)`.

Everything here is a pure function of the claim, the evidence units and the similarities the checker
computed for them; the vocabularies are data (`vocabulary`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from assistant.corpus.keywords import stem, terms
from assistant.domain.normalise import read_facts
from assistant.domain.sentences import split_sentences
from assistant.drafting.checks.aspect import intended_only
from assistant.drafting.checks.condition import conditions, stated_conditions
from assistant.drafting.checks.extent import WHOLE, extent_clash, word_ranks
from assistant.drafting.checks.figures import _counted
from assistant.drafting.checks.names import _token_found
from assistant.drafting.checks.polarity import (
    NOT_BUT,
    both_unfinished,
    contrast_reversed,
    polarity_clash,
    remark_after,
    segments,
    stems,
)
from assistant.drafting.checks.speakers import _speaker_of_claim, said_by
from assistant.drafting.checks.status import realised_words
from assistant.drafting.checks.text import _words
from assistant.drafting.checks.vocabulary import Vocabulary, raw_section, vocabulary, word_list

# Kinds of part, in the order a verdict names them.
KINDS = ("figure", "name", "speaker", "polarity", "extent", "rank", "modality", "condition", "meaning")
# Where notes join two statements on one line without a full stop: a spaced dash, an arrow.
NOTE_JOINS = re.compile(r"\s+[-–—]+\s+|\s*->\s*|\s*→\s*")


@dataclass(frozen=True)
class EvidenceUnit:
    """One unit of evidence: its text and who said it, as the notes reader attributes it ('' if unknown)."""

    text: str
    speaker: str = ""


@dataclass(frozen=True)
class Part:
    """A checkable part of a claim that its evidence does not align with."""

    kind: str
    claim: str
    evidence: str = ""

    def describe(self) -> str:
        """`modality: launched (evidence: proposed)`: the part, and what the evidence says instead."""
        said = f" (evidence: {self.evidence})" if self.evidence else ""
        return f"{self.kind}: {self.claim}{said}"


@dataclass
class AlignedClauses:
    """The evidence clauses that say what the claim says, found by meaning, with their units."""

    clauses: list[str] = field(default_factory=list)
    pairs: list[tuple[str, list[str]]] = field(default_factory=list)  # (claim clause, its clauses)
    every: list[str] = field(default_factory=list)  # every clause of the evidence, aligned or not
    unit: int | None = None  # the unit of the closest clause
    polarity_shift: float = 0.0  # similarity gained when the one side's negation is taken away


def clauses(text: str) -> list[str]:
    """The clauses of an evidence text: lines, then sentences and `;` parts (the shared splitter,
    `domain.sentences`, so `Dr.` or `e.g.` ends none), then the parts a spaced dash or an arrow joins."""
    found = []
    for line in text.splitlines():
        for sentence in split_sentences(line, semicolons="always"):
            found += [p.strip().removesuffix(";").strip() for p in NOTE_JOINS.split(sentence)]
    return [c for c in found if len(c) > 1]


CLAIM_SPLIT = re.compile(
    r";\s+|,\s+(?=(?:but|while|whereas|although|though|yet|and)\b)|\s+(?=(?:but|whereas)\s)"
    r"|\s+and\s+(?=that\b)"
)
MIN_CLAUSE_WORDS = 4


def claim_clauses(claim: str) -> list[str]:
    """The clauses of a claim that can align separately (`A, but B`; `A; B`; `said A and that B`).

    A piece too short to stand alone (`, and C` closing a list) stays with the clause before it.
    """
    parts: list[str] = []
    for piece in (p.strip(" ,") for p in CLAIM_SPLIT.split(claim) if p and p.strip(" ,")):
        if parts and _not_but_across(parts[-1], piece):
            parts[-1] = f"{parts[-1]} {piece}"  # `not A but B` is one contrast: cut, A reads as affirmed
        elif parts and min(len(piece.split()), len(parts[-1].split())) < MIN_CLAUSE_WORDS:
            parts[-1] = f"{parts[-1]}, {piece}"
        else:
            parts.append(piece)
    return parts or [claim]


def _not_but_across(before: str, piece: str) -> bool:
    """Does a `but` piece close a `not A but B` contrast the clause before it opens (`the cost is not
    devices | but staff`)? Read with the contrast grammar of `polarity` (`NOT_BUT`)."""
    if not re.match(r"but\s", piece, re.IGNORECASE):
        return False
    joined = f"{before} {piece}"
    found = NOT_BUT.search(joined)
    return found is not None and found.start("kept") > len(before)


def negated(text: str) -> bool:
    """Does the text contain a negator of the vocabulary?"""
    return bool(vocabulary().negator.search(text))


def negation_agrees(aligned: AlignedClauses) -> bool:
    """Is every clause of the claim negated exactly when the evidence clause closest to it is?"""
    return bool(aligned.pairs) and all(
        chosen and negated(part) == negated(chosen[0]) for part, chosen in aligned.pairs
    )


def polarity_agrees(aligned: AlignedClauses) -> bool:
    """Does every claim clause read as negated exactly where the evidence clause it restates does,
    with each negator's scope read by structure (`polarity`)? False when no clause could be read."""
    read = [
        (part, chosen) for part, chosen in aligned.pairs
        if chosen and any(stems(c) & stems(part) for c in chosen)
    ]
    return bool(read) and all(polarity_clash(part, chosen, aligned.every) is None for part, chosen in read)


def structure_parts(aligned: AlignedClauses) -> list[Part]:
    """Parts whose structure does not align: a negation one side has and the other not (scope read by
    structure), a contrast the claim turns round, a claim of more of a whole than the evidence states."""
    parts: list[Part] = []
    for part, chosen in aligned.pairs:
        if not chosen:
            continue
        clash = polarity_clash(part, chosen, aligned.every)
        if clash:
            parts.append(Part("polarity", *clash))
        turned = contrast_reversed(part, chosen)
        if turned:
            parts.append(Part("polarity", turned[0], f"set aside by '{turned[1]}'"))
        more = (extent_clash(part, _with_next(chosen, aligned.every))
                or extent_clash(part, _about_whole(part, aligned.every)))
        if more:
            parts.append(Part("extent", *more))
    return list(dict.fromkeys(parts))


def _with_next(chosen: list[str], every: list[str]) -> list[str]:
    """The chosen clauses in the evidence's order, each with the clause right after it: a short remark
    there (`…by end-2026; currently 55%`) qualifies it (extent_clash reads only such short ones)."""
    keep = {n for n, clause in enumerate(every) if clause in chosen}
    keep |= {n + 1 for n in keep if n + 1 < len(every)}
    found = [every[n] for n in sorted(keep)]
    return found + [c for c in chosen if c not in found]


def _about_whole(part: str, every: list[str]) -> list[str]:
    """The evidence clauses that name the whole a claim clause speaks all of (`the whole population`
    / `1.1m registered out of 3.4m population`), wherever the clause that restates the rest stands."""
    nouns = {stem(m.group("noun").lower()) for m in WHOLE.finditer(part)}
    return [c for c in every if nouns & stems(c)] if nouns else []


def without_negation(text: str) -> str:
    """The text with its negators taken out: what it would say if it affirmed."""
    return " ".join(vocabulary().negator.sub(" ", text).split())


# -- polarity --------------------------------------------------------------------------------------
def polarity_parts(claim: str, aligned: AlignedClauses, margin: float) -> list[Part]:
    """Polarity the claim and its aligned clauses do not share.

    Two tests: a word of one side of a direction (rose, most, same, strong) in the claim where the
    aligned clauses use the other side and never the claim's; and a negation only one side has,
    when taking it away brings the two closer in meaning by more than `margin` (the embeddings
    then say the two texts differ by that negation, not by what it is about).
    """
    vocab = vocabulary()
    text = " ".join(aligned.clauses)
    if not text:
        return []
    parts: list[Part] = []
    quoted = _word_string(" ".join(aligned.every or aligned.clauses))
    for claim_part, chosen in aligned.pairs or [(claim, aligned.clauses)]:
        if _word_string(claim_part) and f" {_word_string(claim_part)} " in f" {quoted} ":
            continue  # a part the evidence holds word for word says what the evidence says
        found = _direction_clash(claim_part, " ".join(chosen), vocab)
        if found:
            parts.append(found)
            break
    if aligned.polarity_shift > margin and not both_unfinished(claim, text):
        side = "claim" if negated(claim) and not negated(text) else "evidence"
        word = _first_negator(claim if side == "claim" else text)
        parts.append(Part("polarity", f"'{word}'" if side == "claim" else "no negation",
                          "no negation" if side == "claim" else f"'{word}'"))
    return parts


def _word_string(text: str) -> str:
    """The text's words, lower-cased and single-spaced (for finding one text inside another)."""
    return " ".join(w.lower() for w in re.findall(r"[A-Za-z0-9]+", text))


def without_particles(text: str) -> str:
    """The text without the particles of phrasal verbs (`signed up to`, `set up`): a direction word of
    the `particles` list (data) right after a verb (a word in -ed or -ing, or an irregular past of the
    `particle_verbs` list, that the
    `particle_directions` list does not hold: `went up` keeps its direction) and before no figure."""
    particles = word_list("polarity", "particles")
    keep = set(word_list("polarity", "particle_directions"))
    irregular = set(word_list("polarity", "particle_verbs"))
    if not particles:
        return text
    pattern = rf"\b([A-Za-z]+)\s+(?:{'|'.join(map(re.escape, particles))})\b(?!\s*[-+~]?\d)"

    def cut(match: re.Match[str]) -> str:
        verb = match.group(1)
        if verb.lower() in keep or not (re.search(r"(?:ed|ing)$", verb.lower()) or verb.lower() in irregular):
            return match.group(0)
        return verb

    return re.sub(pattern, cut, text, flags=re.IGNORECASE)


def _direction_clash(claim: str, text: str, vocab: Vocabulary) -> Part | None:
    """A direction word of the claim whose other side the text affirms, never its own side."""
    claim, text = without_particles(claim), without_particles(text)
    evidence_words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    affirmed_words = evidence_words - _negated_words(text)
    affirmed = affirmed_words | {stem(w) for w in affirmed_words}  # direction sides hold stems too
    claim_negated = _negated_words(claim)
    claim_words = [w.lower() for w in re.findall(r"[A-Za-z]+", claim)]
    # a word the claim states itself is no contrary the evidence sets against it (`raised … decline`)
    stated = set(claim_words) | {stem(w) for w in claim_words}
    for word in dict.fromkeys(claim_words):
        if word in claim_negated:
            continue
        for own, other in vocab.opposite_sides(word):
            against = sorted((other & affirmed) - stated)
            if against and not own & affirmed:
                return Part("polarity", word, against[0])
    return None


def _first_negator(text: str) -> str:
    match = vocabulary().negator.search(text)
    return match.group(0).lower() if match else "not"


def _negated_words(text: str) -> set[str]:
    """The one or two words right after each negator (`not evenly shared` -> evenly, shared)."""
    found: set[str] = set()
    for match in vocabulary().negator.finditer(text):
        found.update(w.lower() for w in re.findall(r"[A-Za-z]+", text[match.end():])[:2])
    return found


# -- modality --------------------------------------------------------------------------------------
def modality_parts(claim: str, aligned: AlignedClauses, evidence: str) -> list[Part]:
    """A claim that states as done, or as reaching everyone, what the aligned clauses only intend or trial.

    Complements `status.overclaims` (status verbs in the past) with the phrases of done-ness and of
    full reach of the vocabulary (`now operational`, `in force`, `all`, `every`) and with any verb in
    the perfect (`has certified`), each claim clause read against the evidence clauses it aligns with.
    """
    vocab = vocabulary()
    # a reach the evidence gives only as intended (`to be offered to all agencies next yr`) is no reach
    reach = [m.group(0).lower() for c in aligned.every or [evidence] for s in segments(c)
             if not _tentative_in(s) for m in vocab.scope.finditer(s)]
    decided = decision_parts(aligned) or consensus_parts(aligned)
    if decided:
        return decided
    if not _tentative_in(claim):
        found = _stated_as_done_where_only_intended(claim, aligned)
        if found:
            return [found]
    for part, chosen in aligned.pairs:
        # a verb the clauses it restates state only as a purpose (`designed to serve`), stated as done
        # (a clause that states something done, `first 80 already live`, may be what it restates)
        stated_done = any(vocabulary().done.search(c) for c in chosen)
        purpose = None if _tentative_in(part) or stated_done else intended_only(part, chosen)
        if purpose:
            return [Part("modality", *purpose)]
    for part, chosen in aligned.pairs or [(claim, aligned.clauses)]:
        text = " ".join(chosen)
        if not text or _tentative_in(part):
            continue  # a tentative claim clause ("plans to roll out … in all provinces") claims nothing done
        tentative = _tentative_in(text)
        # a claim that itself states a part (`a number of agencies have moved`) is not held to a
        # partial reach of the evidence
        own_extent = [r for r, _ in word_ranks(part) if r < 5]
        # nor to a partial marker it states itself (`the first phase … is complete`)
        partial = [] if own_extent else [m.group(0).lower() for m in vocab.partial.finditer(text)
                                         if m.group(0).lower() not in part.lower()]
        for word in (m.group(0).lower() for m in vocab.done.finditer(part)):
            if word not in text.lower() and (tentative or partial):
                return [Part("modality", word, (tentative or partial)[0])]
            # the evidence speaks of the same state elsewhere, only as pending (`in force` /
            # `entry into force pending decree`)
            key = word.split()[-1]
            about = [s for c in aligned.every for s in segments(c)
                     if re.search(rf"\b{re.escape(key)}\b", s, re.IGNORECASE)]
            if word not in text.lower() and about and all(_tentative_in(s) for s in about):
                return [Part("modality", word, _tentative_in(about[0])[0])]
            # a state no clause of the evidence gives, where what follows the act it does state is
            # still pending (`in force` / `signed; awaiting ratification`)
            pending = [t for c in aligned.every for s in segments(c) for t in _tentative_in(s)
                       if t in PENDING]
            stated = " ".join(aligned.every).lower()
            if not about and pending and not vocab.done.search(stated) and word not in stated:
                return [Part("modality", word, pending[0])]
        for match in PERFECT.finditer(part):
            verb = stem(match.group(0).split()[-1].lower())
            # the act, or a word of its lexical field (`financed` / `donors`, data)
            act = {verb} | field_of(verb)
            # the segments (`polarity.segments`) that state the same act: a "not yet" in another
            # segment of the clause ("earmarked …, not yet disbursed") is about something else
            stating = [s for c in chosen for s in segments(c)
                       if act & {stem(w.lower()) for w in re.findall(r"[A-Za-z]+", s)}]
            # the clauses the claim aligns with may not name the act, which the evidence gives in a
            # clause of its own, only as pending (`cloud platform - launch slated for Q3`)
            elsewhere = [s for c in aligned.every for s in segments(c)
                         if act & {stem(w.lower()) for w in re.findall(r"[A-Za-z]+", s)}]
            if not stating and elsewhere and all(_tentative_in(s) for s in elsewhere):
                return [Part("modality", match.group(0).lower(), _tentative_in(elsewhere[0])[0])]
            # the same act stated only against a deadline (`connected by 2027`) is a target, unless the
            # claim keeps the deadline
            deadlines = [m.group(0).lower() for c in stating for m in [DEADLINE.search(c)] if m]
            if stating and len(deadlines) == len(stating) and not DEADLINE.search(part):
                return [Part("modality", match.group(0).lower(), deadlines[0])]
            # a short remark after the clause stating the act may say it is still pending (`phone
            # ban - no decision yet`)
            pending_after = [t for c in stating for t in _tentative_in(remark_after(c, aligned.every))
                             if t in PENDING]
            if stating and not pending_after and not any(_tentative_in(c) for c in stating):
                continue  # the evidence states the same act, without a tentative word
            hedges = [t for c in stating for t in _tentative_in(c)] or pending_after or tentative or partial
            if hedges:
                return [Part("modality", match.group(0).lower(), hedges[0])]
        scope = [m.group(0).lower() for m in vocab.scope.finditer(part)]
        if scope and not reach and (partial or tentative):
            return [Part("modality", scope[0], (partial or tentative)[0])]
    return target_figure_parts(aligned) or conjunct_parts(aligned) or hedge_parts(aligned)


def decision_parts(aligned: AlignedClauses) -> list[Part]:
    """A claim clause that states a decision or an obligation (`agreed`, `decided`, `requires`: data)
    where the evidence segments about the same thing only deliberate (`talked about`, `floated`,
    `mulls`: data) and none states a decision: talk is not agreement."""
    vocab = vocabulary()
    for part, chosen in aligned.pairs:
        found = list(vocab.decision.finditer(part))
        decided = [m.group(0).lower() for m in found]
        # a deliberation before the decision governs it (`discussed whether to adopt`); one after it
        # only describes what was decided on (`adopted the principles tabled by Chile`)
        talk_first = found and any(m.start() < found[0].start() for m in vocab.deliberation.finditer(part))
        if not decided or not chosen or talk_first or negated(part):
            continue
        own = stems(part) - stems(" ".join(decided))
        about = " ; ".join(s for c in chosen for s in segments(c) if stems(s) & own)
        if not about or vocab.decision.search(about):
            continue
        talk = vocab.deliberation.search(about)
        if talk:
            return [Part("modality", decided[0], talk.group(0).lower())]
    return []


def consensus_parts(aligned: AlignedClauses) -> list[Part]:
    """A claim clause stating a group's shared view (`participants agreed`, `the session concluded`:
    a group word and a word of agreement, data) where the evidence states no agreement and either
    shows the group divided or in part (`others opposed`, `some participants`) or names no group at
    all (one speaker's view): a single voice is not a consensus."""
    vocab = vocabulary()
    evidence = " ; ".join(aligned.every or aligned.clauses)
    if not evidence or vocab.consensus.search(evidence):
        return []
    for part, chosen in aligned.pairs:
        group = vocab.collective.search(part)
        # the agreement after the group (`participants agreed`) or before it (`broad agreement among
        # member states`)
        agreed = (vocab.consensus.search(part, group.end()) or vocab.consensus.search(part[:group.start()])
                  if group else None)
        if not group or not agreed or negated(part) or _hedges(part) or not chosen:
            continue
        divided = vocab.dissent.search(evidence)
        if divided or not vocab.collective.search(evidence):
            said = divided.group(0).lower() if divided else "one speaker's view"
            return [Part("extent", f"{group.group(0).lower()} {agreed.group(0).lower()}", said)]
    return []


def target_figure_parts(aligned: AlignedClauses) -> list[Part]:
    """A figure the claim states as a fact (`has trained 8,000`) that the evidence states only in a
    segment that is tentative (`8,000 = target for 2026`, `aims for 8,000`), while another segment
    states what was done (`trained 5,000 so far`): the target is claimed as achieved."""
    for part, chosen in aligned.pairs:
        if not chosen or _tentative_in(part) or _hedges(part):
            continue
        # counts of things (`8,000 teachers`), never a name's number (`WSIS+20 Forum`) or a year
        for value, _head, written in _counted(part):
            label = written.split()[0]
            if re.fullmatch(r"(?:19|20)\d\d", label) or not written.split()[-1].islower():
                continue  # a year says when, not how much (`2,000` is a count)
            # every clause of the evidence: the target often sits in a clause of its own
            holding = [s for c in aligned.every or chosen for s in segments(c)
                       if value in read_facts(s, generous=True).numbers]
            if holding and all(_tentative_in(s) for s in holding):
                return [Part("modality", label, _tentative_in(holding[0])[0])]
            # a count given with a deadline (`10k by 2027`) beside one stated as reached (`4k trained
            # to date`) is the target; a claim giving the deadline itself keeps it a target
            deadlines = [m.group(0).lower() for s in holding for m in [DEADLINE.search(s)] if m]
            others = [s for c in aligned.every or chosen for s in segments(c) if s not in holding]
            reached = any(vocabulary().done.search(s) or SO_FAR_WORDS.search(s) for s in others)
            if holding and len(deadlines) == len(holding) and reached and not DEADLINE.search(part):
                return [Part("modality", label, deadlines[0])]
    return []


# A deadline (`by 2027`, `by end-2026`, `by Q3`): what a count must reach, not what it has reached.
DEADLINE = re.compile(r"\bby\s+(?:the\s+)?(?:end[- ](?:of\s+)?)?(?:(?:19|20)\d\d|Q[1-4]\b)", re.IGNORECASE)
SO_FAR_WORDS = re.compile(r"\b(?:so\s+far|to\s+date|by\s+now|as\s+of\s+now|currently|now)\b", re.IGNORECASE)


# Two names joined as the subject of one claim (`Ghana and Nigeria have adopted`): each is claimed.
CONJOINED = re.compile(r"\b(?P<first>[A-Z][\w'’-]+)\s*(?:,|and|&)\s*(?:the\s+)?(?P<second>[A-Z][\w'’-]+)\b")


def conjunct_parts(aligned: AlignedClauses) -> list[Part]:
    """A claim of something done by two named parties (`Ghana and Nigeria have adopted it`) where
    every piece of the evidence naming one of them is tentative (`Nigeria reviewing`, `Togo:
    ratification under review`): what one did is claimed of both. Pieces are cut at commas,
    semicolons and spaced dashes, so a label keeps what follows its colon."""
    for part, chosen in aligned.pairs:
        if not chosen or _tentative_in(part) or _hedges(part) or negated(part):
            continue
        for match in CONJOINED.finditer(part):
            opening = re.sub(r"^\W*(?:the\s+|both\s+)?", "", part[: match.start()], flags=re.IGNORECASE)
            names = (match.group("first"), match.group("second"))
            if opening or any(name.isupper() for name in names):
                continue  # the subject the clause opens with, names not acronyms (`digital ID and AI`)
            for name in names:
                about = [piece for c in aligned.every or chosen for piece in PIECE_END.split(c)
                         if piece and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", piece)]
                if not about or any(not _tentative_in(piece) for piece in about):
                    continue
                return [Part("modality", name, _tentative_in(about[0])[0])]
    return []


PIECE_END = re.compile(r"[;,]|\s[-–—]+\s|\b(?:but|while|whereas)\b")


def hedge_parts(aligned: AlignedClauses) -> list[Part]:
    """A claim clause stated with more certainty than every evidence clause it restates.

    Commitment is read as a scale: possible or conditional (`may`, `could`, `if funded`, `hoped`:
    the `hedged` words, data) below intended (`will`, `plans`, `set to`: the tentative words) below
    stated as a fact. A claim clause with no hedged word, whose aligned clauses that share its
    content all carry one in the segments about that content, states more than its evidence (`will
    connect` / `may connect … if approved`); so does a claim clause with no tentative word where
    every such segment carries one and none states a thing done (`has a strategy` / `is set to
    publish a strategy`).
    """
    vocab = vocabulary()
    # a claim cut into clauses may carry its hedge in another clause than the one aligned here
    # (`could use …, ask … and devote …`): the level is the whole claim's
    claim = " ".join(part for part, _ in aligned.pairs)
    if _hedges(claim):
        return []
    # a verb reporting a call by its form (`appealed to donors to earmark`) states an intention too
    said = _tentative_in(claim) or [m.group(0).lower() for m in PAST_ACT.finditer(claim)
                                    if _reports(m.group(0), claim)]
    for part, chosen in aligned.pairs:
        if not chosen:
            continue
        own = stems(part)
        groups = [[s for s in governed_segments(c) if stems(s) & own] for c in chosen]
        about = [" ; ".join(group) for group in groups if group]
        if not about:
            continue
        hedges = [_hedges(text) for text in about]
        if stated_conditions(claim):
            # the claim states a condition itself: a condition of the evidence is no hedge above it
            hedges = [[h for h in found if not conditions(h)] for found in hedges]
        if all(hedges):
            return [Part("modality", (said or ["stated as certain"])[0], hedges[0][0])]
        intended = [_tentative_in(text) for text in about]
        if stated_conditions(claim):
            intended = [[t for t in found if not conditions(t)] for found in intended]
        if not said and all(intended) and not any(vocab.done.search(text) for text in about):
            return [Part("modality", "stated as done", intended[0][0])]
    return []


INFINITIVE_OPENING = re.compile(r"^\W*to\s+[a-z]", re.IGNORECASE)


def governed_segments(clause: str) -> list[str]:
    """The segments of a clause, each segment that opens on a `to`-infinitive read with the segments
    before it: the verb it completes governs it (`we would like, in time, to see schools on fibre`:
    the hedge of `would like` is the complement's too)."""
    found: list[str] = []
    pieces = segments(clause)
    for index, piece in enumerate(pieces):
        found.append(" , ".join(pieces[: index + 1]) if index and INFINITIVE_OPENING.search(piece) else piece)
    return found


def _hedges(text: str) -> list[str]:
    """The hedged words of a text (`may`, `could`, `if`; "May" with a capital is the month)."""
    return [m.group(0).lower() for m in vocabulary().hedged.finditer(text) if m.group(0) != "May"]


def _stated_as_done_where_only_intended(claim: str, aligned: AlignedClauses) -> Part | None:
    """A claim with no tentative word, whose clause states an act in the past, where every evidence
    clause it aligns with is tentative (`secured seats` / `will work to secure`, `published` /
    `work in progress`): the predicate's modality does not align, whatever the verb."""
    # an act some evidence clause with no tentative word states itself ("opened" where the evidence
    # says "opened") is stated as done there, whichever clause the part's other words drew it to
    done = {m.group(0).lower() for c in aligned.every if not _tentative_in(c) for m in PAST_ACT.finditer(c)}
    for part, chosen in aligned.pairs:
        acts = [m.group(0).lower() for m in PAST_ACT.finditer(part)]
        acts = [a for a in acts if a not in vocabulary().speech and a not in done and not _reports(a, part)
                and a not in _negated_words(part)]  # `has not secured` states nothing done
        # a short remark right after a clause qualifies it (`… presented -- still a work in progress`)
        chosen = [f"{c} ; {_qualifier_after(c, aligned.every)}".rstrip(" ;") for c in chosen]
        if not acts or not chosen or not all(_tentative_in(c) for c in chosen):
            continue
        return Part("modality", acts[0], _tentative_in(chosen[0])[0])
    return None


QUALIFIER_WORDS = 6  # a clause this short right after another is a remark on it, not a statement


def _qualifier_after(clause: str, every: list[str]) -> str:
    """The clause right after `clause` in the evidence when it is short enough to be a remark on it
    (`Lexicon presented -- still a work in progress`), or ''."""
    for n, other in enumerate(every[:-1]):
        if other == clause and len(every[n + 1].split()) <= QUALIFIER_WORDS:
            return every[n + 1]
    return ""


# A verb that reports a call or a statement by its form: followed by `that`, or by an addressee and
# a `to`-infinitive (`appealed to donors to earmark`, `pressed ministries to adopt`): the act is the
# speaker's words, and what it reports is the infinitive, not a thing done.
REPORTING_FORM = (
    r"\s+(?:that\b|(?:(?:to|on|upon|with)\s+)?(?:[A-Za-z'’-]+\s+){1,4}?to\s+"
    r"(?!the\b|a\b|an\b|its\b|their\b)[a-z]{3,})"
)


def _reports(act: str, text: str) -> bool:
    """Does the past verb `act` report a call or a statement in the text (`appealed to X to do`)?"""
    return bool(re.search(rf"\b{re.escape(act)}{REPORTING_FORM}", text, re.IGNORECASE))


# Words saying a step is still awaited (a subset of the tentative words).
PENDING = frozenset({"pending", "awaiting", "awaits", "not yet", "yet to", "remains to be", "remain to be",
                     "no decision", "undecided"})



# A verb in the past (`secured`, `published`, `has rolled out`), not an adjective after `be`.
PAST_ACT = re.compile(r"(?<!\bbe )(?<!\bis )(?<!\bare )\b[a-z]{3,}ed\b")


# A verb in the perfect states a thing as done: `has certified`, `have been connected`.
PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:already\s+|now\s+|been\s+|[a-z]{2,}ly\s+)*[a-z]{3,}ed\b",
                     re.IGNORECASE)


@cache
def _fields() -> tuple[frozenset[str], ...]:
    """The lexical fields of the vocabulary (`[modality] fields`), each as stems."""
    raw = raw_section("modality").get("fields", [])
    groups = raw if isinstance(raw, list) else []
    return tuple(frozenset(stem(str(w).lower()) for w in group)
                 for group in groups if isinstance(group, list))


def field_of(verb_stem: str) -> frozenset[str]:
    """The stems of the lexical field a verb's stem belongs to (`fund` -> financ, donor, …), or none."""
    return frozenset().union(*[f for f in _fields() if verb_stem in f])


def _tentative_in(text: str) -> list[str]:
    """Tentative markers of a text ("May" with a capital is the month)."""
    return [m.group(0).lower() for m in vocabulary().tentative.finditer(text) if m.group(0) != "May"]


def is_realised(claim: str) -> bool:
    """Does the claim state something as done (a status verb in the past, `already`, `nationwide`)?"""
    return bool(realised_words(claim)) or bool(vocabulary().done.search(claim))


# -- speaker ---------------------------------------------------------------------------------------
def speaker_parts(claim: str, units: list[EvidenceUnit], aligned: AlignedClauses) -> list[Part]:
    """The person the claim credits must be the speaker of the unit that supports it, or be named in it.

    Only units whose speaker the notes reader knows are judged here (plain evidence texts are judged
    by `speakers._wrong_speaker` on their labels). The unit aligned by meaning is the one that says
    what the claim says; a credited name that is neither its speaker nor named in its text as the one
    who says it (`…, said Pedro Alves`; not `thanked Pedro Alves`) is a part that did not align, and
    the verdict names who the notes say spoke.
    """
    credited = _speaker_of_claim(claim)
    if not credited or aligned.unit is None or not 0 <= aligned.unit < len(units):
        return []
    unit = units[aligned.unit]
    if not unit.speaker:
        return []
    if _names(credited, unit.speaker) or said_by(credited, unit.text):
        return []  # the speaker of the unit, or named in it as the one who says it
    return [Part("speaker", " ".join(credited), unit.speaker)]


def without_credit(claim: str) -> str:
    """The claim without the name of the person it credits (`Ana Ruiz said 30 …` -> `said 30 …`)."""
    text = claim
    for token in _speaker_of_claim(claim):
        text = re.sub(rf"(?<![\w-]){re.escape(token)}(?![\w-])", " ", text)
    return " ".join(text.split()) or claim


def credits_unit_speaker(claim: str, units: list[EvidenceUnit], aligned: AlignedClauses) -> bool:
    """Does the claim credit the speaker the notes give the unit it aligns with?"""
    credited = _speaker_of_claim(claim)
    if not credited or aligned.unit is None or not 0 <= aligned.unit < len(units):
        return False
    unit = units[aligned.unit]
    return bool(unit.speaker) and _names(credited, unit.speaker)


def _names(tokens: list[str], text: str) -> bool:
    """Are the credited name's tokens (or its initials) in the text?"""
    words = _words(text)
    if all(_token_found(t, words) for t in tokens) or any(
        len(t) > 3 and _token_found(t, words) for t in tokens[-1:]
    ):
        return True
    initials = "".join(t[0] for t in tokens).upper()
    return len(initials) >= 2 and bool(re.search(rf"\b{re.escape(initials)}\b", text))


def absent_kind(entry: str) -> str:
    """What kind of part an entry of `missing_facts` the evidence lacks is: `figure` or `name`."""
    facts = read_facts(entry)
    if facts.numbers or facts.months or facts.quarters or facts.identifiers or facts.times:
        return "figure"
    return "name"


# -- meaning ---------------------------------------------------------------------------------------
def content_overlap(claim: str, evidence: str) -> float:
    """Share of the claim's content stems that the evidence states (a measure of the rest's closeness)."""
    claim_terms = set(terms(claim))
    if not claim_terms:
        return 0.0
    evidence_terms = set(terms(evidence)) | {stem(w) for w in re.findall(r"[a-z]+", evidence.lower())}
    return len(claim_terms & evidence_terms) / len(claim_terms)
