"""Whether a draft item reads as a whole written sentence, or only looks like one.

The drafts suite's `sentences` figure counts items that read as prose. Looking like prose (a
capital, a verb somewhere, a full stop) is not enough: an item can be half a sentence dressed up.
This module names the ways it can be, so each can be tested on its own:

- the shape: a capital or figure first, an end stop, four words or more, balanced brackets, none of
  the notes' shorthand (arrows, ` + `, `w/`, a trailing `...`), and a verb matched as a whole word
  ("Go" in "Governance" or "is" in "island" is no verb);
- a dangling end: the last word is an article, a preposition, a conjunction, a determiner or an
  auxiliary ("… agreed to the.", "… funding for.");
- an empty wrapper: "<someone> noted that <words>" where the words after "that" have no verb of
  their own (the wrapper lends the fragment its verb);
- a cut line (needs the notes): the item ends where its cited note line ends, that line has no end
  stop, and the next line of the notes carries the sentence on. It starts in lower case and is no
  new entry: no bullet, number, time, quote mark or "label:" opens it, it is not indented less than
  the cut line (which would step back out of a wrapped continuation) nor, under a bullet, left of
  the bullet's text. And the break is inside a sentence: the cut line ends on a word no sentence
  ends on, the next line opens on a word that opens no point (a preposition, a conjunction, a
  relative pronoun), the next line is indented deeper (a hanging indent), or the paragraph is prose
  (two sentences meet inside one of its lines) or wrapped at a width (the next line's first word
  would not have fitted on the cut line). A line of a list of points typed one a line with no stops
  (`catch data … published every quarter` over `budget 2m over 3 yrs`, at one indent, under a
  speaker's name) ends its point: the next line is the next point, not the rest of this one.

The word lists are closed classes of English grammar (articles, prepositions, conjunctions,
auxiliaries, reporting verbs; the longer ones in closed_words.toml), not phrases of any notes file.
An item written in French or Spanish (notes in that language keep it) is read with that language's
closed classes (`[prose]` of `templates/languages/*.toml`: frequent verb forms, finite endings,
words a sentence cannot end on, reporting verbs), and an English reporting verb wrapped around it
("X highlighted la CTU pondrá …") makes it no sentence in either language.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Sequence
from pathlib import Path

from assistant.domain.language import Language, text_language

CLOSED_WORDS = tomllib.loads((Path(__file__).with_name("closed_words.toml")).read_text(encoding="utf-8"))
DANGLING_WORDS = frozenset(CLOSED_WORDS["dangling"].split())  # a sentence does not end on one of these
IRREGULAR_PAST = frozenset(CLOSED_WORDS["irregular_past"].split())
PARTICLES = frozenset(CLOSED_WORDS["particles"].split())
OBJECT_PRONOUNS = frozenset(CLOSED_WORDS["object_pronouns"].split())
# more shapes of a finite verb: "works offline", "lets them", "now publish", an irregular past ("fell")
_MORE_VERB = re.compile(
    r"\b\w{3,}(?:es|s)\s+(?:them|us|him|it|more|less|up|down|out|offline|online|\d+)\b"
    r"|\b(?:now|also|still|already|often|never|always|usually|increasingly|currently|jointly)\s+"
    r"(?!the\b|a\b|an\b|and\b|of\b|in\b|for\b|to\b|with\b|on\b)[a-z]{3,}\b(?<!ly)"
    r"|\b(?:" + "|".join(sorted(IRREGULAR_PAST)) + r")\b",
    re.IGNORECASE,
)

_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|should|shall|must|can|could|may|might"
    r"|does|do|did|need|needs|says|said|asked|asks|called|calls|noted|notes|stressed|stresses|argued"
    r"|argues|highlighted|highlights|announced|announces|reported|reports|recommended|recommends"
    r"|proposed|proposes|presented|presents|included|includes|covered|covers|took|gave|made|set|kept"
    r"|led|spoke|speaks|won|ran|went|came|saw|showed|shows|brought|put|met|built|began|held|found"
    r"|say|mean|means|want|see|sees|think|know|knows|get|gets|make|take|go|goes|use|uses|show|give|keep"
    r"|(?:we|i|you|they)\s+\w+|(?:he|she|it)\s+\w+s"
    r"|\w{3,}ed|\w{3,}(?:es|s)\s+(?:the|a|an|to|that|on|for|about|with|what|how|its|their|his|her))\b",
    re.IGNORECASE,
)
# a note that opens with its verb has lost its subject ("Set up the question: …", "Calls for …")
_VERB_FIRST = re.compile(
    r"^(?:is|are|was|were|has|have|had|set|sets|kept|keeps|called|calls|asked|asks|said|says|spoke|speaks"
    r"|gave|gives|made|makes|proposed|proposes|stressed|stresses|acknowledged|acknowledges|noted|notes"
    r"|argued|argues|wants|wanted|presented|presents|highlighted|highlights|recommended|recommends"
    r"|urged|urges|warned|warns|thanked|thanks|opened|opens|closed|closes|described|describes)\b",
    re.IGNORECASE,
)
_SHORTHAND = re.compile(r"→|->|=>|\s[+=]\s|\bw/|>>|\s\|\s|\.\.\.\s*$|…\s*$")
# "<who> <reporting verb> that <clause>": the clause must stand as a sentence of its own
_REPORTING = (
    r"noted|said|stated|stressed|argued|explained|added|observed|pointed\s+out|warned|recalled|"
    r"emphasi[sz]ed|underlined|underscored|highlighted|reported|announced|mentioned|remarked|"
    r"confirmed|acknowledged|agreed|believed|felt|thought|hoped|concluded|indicated|insisted|replied|"
    r"answered|responded|"
    r"recommended|proposed|suggested|urged|asked|requested|demanded"
)
_WRAPPER = re.compile(
    rf"^(?P<who>.{{2,120}}?)\s+(?P<verb>{_REPORTING})\s+that\s+(?P<clause>.+)$", re.IGNORECASE
)
# after these verbs the clause may be a bare subjunctive ("recommended that states fund helplines")
_ENGLISH_REPORTING = re.compile(rf"\b(?:{_REPORTING}|highlighted|called\s+for|pointed\s+to)\b", re.I)
_MANDATIVE = re.compile(r"^(?:recommended|proposed|suggested|urged|asked|requested|demanded|insisted)$", re.I)
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9'’\-]*")


# how a note line that starts a new entry opens: a bullet, a number, a time, a short label and colon
# (a name with its organisation in brackets before the colon: `john (intel): …`)
_NEW_ENTRY = re.compile(r"^(?:[-*•+|#]|\d+[.)]\s|\d{1,2}[:.h]\d{2}\b|[\w' ]{1,24}(?:\([^()]{1,40}\))?:\s)")
CONTINUING = frozenset(CLOSED_WORDS["continuing"].split())  # a line opening on one carries the one above on
_BULLET_MARK = re.compile(r"^\s*(?:[-*•+▪◦‣–—]|\d{1,2}[.)])\s+")
_QUOTE_MARK = re.compile(r"^\s*>")
# two sentences meeting inside a line: the paragraph is prose, whose lines break anywhere
_INNER_END = re.compile(r"\w[.!?][\"”»)]?\s+[\"“«(]?[A-ZÀ-Þ]")
_INITIAL = re.compile(r"(?<![\w'’])[A-ZÀ-Þ]\.(?=\s*[A-ZÀ-Þ])")  # `A. Diallo`, `F.Ouédraogo`
_WRAP_WIDTH = 66  # editors wrap at 70 columns or more: narrower notes are points typed one a line


def words(text: str) -> list[str]:
    """The words of a text (letters, figures, inner apostrophes and hyphens)."""
    return _WORD.findall(text)


def has_verb(text: str) -> bool:
    """True when the text holds a word that reads as a finite verb (matched as a whole word)."""
    return bool(_VERB.search(text) or _MORE_VERB.search(text))


def dangling_end(text: str) -> bool:
    """True when the text's last word is one a sentence cannot end on ("… agreed to the.").

    A capitalised last word is a name ("… on 29 May."), and a particle after a pronoun or a past
    form ends a phrasal verb ("… switched it on.", "… followed up."): neither dangles."""
    found = words(text)
    if not found:
        return False
    last = found[-1].strip("'’")
    if last.lower() not in DANGLING_WORDS or (len(found) > 1 and last[:1].isupper()):
        return False
    if last.lower() in PARTICLES and len(found) > 1:
        before = found[-2].lower()
        if before in OBJECT_PRONOUNS or before.endswith("ed") or before in IRREGULAR_PAST:
            return False
    return True


def empty_wrapper(text: str) -> bool:
    """True for "<who> noted that <fragment>": the part after "that" has no verb of its own."""
    match = _WRAPPER.match(text.strip())
    if not match:
        return False
    clause = match.group("clause").strip()
    if len(words(clause)) < 3:
        return True
    if _MANDATIVE.match(re.sub(r"\s+", " ", match.group("verb"))):
        return False  # "recommended that governments fund …": the subjunctive has no verb ending
    return not has_verb(clause)


def cut_at_line_end(text: str, cited: Sequence[int], note_lines: Sequence[str], lists: bool = True,
                    noise: Collection[int] = ()) -> bool:
    """True when the item ends where a cited note line was cut: the line has no end stop, the item's
    last words are the line's last words, and the next note line (not cited) carries on in lower case.
    A next line that the grading key lists in `noise` (a remark typed under a point at its hanging
    indent: `people still arriving, …`) carries no sentence of the session on.

    With `lists` False, any lower-case next line that opens no entry carries the sentence on (the rule
    before session 9, kept to report beside the new one: a list's next point counted as the rest of
    the sentence, quoted `>` points and a remark under a bullet too)."""
    tail = [w.lower() for w in words(text)[-3:]]
    if not tail:
        return False
    cited_set = set(cited)
    for number in cited_set:
        if not 1 <= number < len(note_lines) or number + 1 in cited_set or number + 1 in noise:
            continue
        line = note_lines[number - 1].rstrip()
        following = note_lines[number].strip().lstrip("> ").strip()
        if not line or re.search(r"[.!?:;\"”»)\]]$", line) or not following:
            continue
        if _indent(note_lines[number]) < _indent(line):
            continue  # the next line steps back out of an indented continuation: a new entry
        if not following[0].islower() or _NEW_ENTRY.match(following):
            continue  # a new bullet, a label ("to self: …"), a time: the line before was whole
        if lists and _QUOTE_MARK.match(note_lines[number]) and _QUOTE_MARK.match(line):
            continue  # `> point` under `> point`: quoted points, one a line
        if lists and not _breaks_a_sentence(note_lines, number):
            continue  # a list's line ends its point; the next line is the next point
        line_tail = [w.lower() for w in words(line)[-len(tail):]]
        if line_tail == tail:
            return True
    return False


def _breaks_a_sentence(note_lines: Sequence[str], number: int) -> bool:
    """True when the break after note line `number` (1-based, no end stop, the next line in lower
    case) falls inside a sentence rather than between two points typed one a line: see the module
    docstring (a dangling last word, a first word that opens no point, a hanging indent, a prose
    paragraph, a line wrapped at a width)."""
    line, following = note_lines[number - 1].rstrip(), note_lines[number].strip().lstrip("> ").strip()
    opening = words(following)[:1]
    if dangling_end(line) or (opening and opening[0].lower() in CONTINUING):
        return True
    bullet, indent = _BULLET_MARK.match(line), _indent(note_lines[number])
    if bullet:  # under a bullet: at its text, the bullet's wrapped line; left of it, a new entry
        return indent >= len(bullet.group(0).expandtabs(4))
    if indent > _indent(line):
        return True  # a hanging indent under the line: its continuation
    start = end = number - 1
    while start > 0 and note_lines[start - 1].strip():
        start -= 1
    while end + 1 < len(note_lines) and note_lines[end + 1].strip():
        end += 1
    paragraph = [note_lines[i].rstrip() for i in range(start, end + 1)]
    if any(_INNER_END.search(p) for p in paragraph):
        return True  # prose: its lines break wherever the line ran out
    width = max(len(p.expandtabs(4)) for p in paragraph)
    first = following.split()[0] if following.split() else ""
    return width >= _WRAP_WIDTH and len(line.expandtabs(4)) + 1 + len(first) > width


def _indent(line: str) -> int:
    """How far a note line is indented (a tab counts as four spaces)."""
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def is_complete_sentence(text: str, notes_language: Language | None = None) -> bool:
    """True when a draft item reads as a whole written sentence (see the module docstring).

    Checks the shape, the verb, the last word and the "noted that" wrapper; the cut-line check
    needs the notes and is `cut_at_line_end`. `notes_language`: the language of the notes the item
    was drafted from when it is not English (`notes_language_of`): an item too short to tell its
    own language by its words ("850 millions de personnes n'ont toujours pas de pièce d'identité.")
    is read with that language's closed classes, unless it holds an English function word, as the
    drafter reads a note sentence (`bullet_language.sentence_language`).
    """
    text = text.strip()
    # (French sets a space inside its quotation marks: `« Sans énergie, … », a-t-elle résumé.`)
    if len(text.split()) < 4 or not re.match(r"^[\"“«(¿¡]?\s?[A-ZÀ-Þ0-9]", text):
        return False
    if not re.search(r"[.!?][\"”»')\]]*$", text) or _SHORTHAND.search(text):
        return False
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return False
    other = text_language(text, default=notes_language)
    if other is not None:
        return _complete_in(other, text)
    if dangling_end(text) or empty_wrapper(text):
        return False
    return has_verb(text) and not _VERB_FIRST.match(text)


def notes_language_of(notes: str) -> Language | None:
    """The language notes are written in, when it is not English and has a data file (read from
    their words, as a whole): what `is_complete_sentence` reads a short item of those notes with."""
    return text_language(notes)


def _complete_in(lang: Language, text: str) -> bool:
    """The verb, last-word and wrapper checks of a sentence written in `lang` (not English); an
    English reporting verb in it means an English wrapper around a note in another language."""
    if _ENGLISH_REPORTING.search(text):
        return False
    # a name's initial is no word of the sentence: French `a` (has) is a verb form, `A.` in
    # `(A. Diallo)` is not
    return (lang.has_verb(_INITIAL.sub(" ", text)) and not lang.dangling_end(text)
            and not lang.empty_wrapper(text))
