"""Finds the note lines that support a claim, anywhere in the notes: the evidence of an edited item.

A rapporteur who rewrites a bullet may credit the speaker, merge two remarks or add a figure from
another line; the bullet's old evidence line no longer covers it. This search reads the whole notes:

1. the content line closest to what the claim says (embedding similarity, plus the figures and names
   it shares with the claim, the credited person left aside) is taken first; lines the item already
   cited get a small head start;
2. the line that introduces that line's speaker comes with it, so the evidence says who spoke;
3. while the claim still states figures or names that the chosen lines lack, the line that supplies
   most of them is added (a speaker the claim credits is found this way), up to `MAX_LINES`.

The result is a list of `Evidence`; the grounding verdict on it is computed as for any item.
"""

from __future__ import annotations

import re

from assistant.domain.document import Evidence, Section
from assistant.drafting.checks.facts import anchors, is_conflict, missing_facts
from assistant.drafting.checks.grounding import GroundingChecker
from assistant.drafting.checks.speakers import _speaker_of_claim
from assistant.drafting.checks.text import prepare
from assistant.drafting.evidence import line_evidence
from assistant.drafting.notes import NoteLine, Notes

MAX_LINES = 4
# How much one shared figure or name counts against similarity when the first line is chosen.
ANCHOR_WEIGHT = 0.04
CITED_BONUS = 0.03
# Lines compared in full for the missing facts: the closest ones (cheap enough for long notes).
SHORTLIST = 25


def _text(line: NoteLine) -> str:
    return line.as_read.strip()


def _joined(lines: list[NoteLine]) -> str:
    return " \n ".join(_text(line) for line in sorted(lines, key=lambda line: line.number))


def find_evidence(
    claim: str, notes: Notes, checker: GroundingChecker, *, cited: list[int] | None = None,
) -> list[Evidence]:
    """The note lines that support `claim`, in note order (empty when the notes have no content)."""
    # content lines, including speaker headings ("10:05 Ben Cole (operator)") that hold only a name
    candidates = [line for line in notes.lines if line.kind == "content" and line.raw.strip()]
    if not candidates:
        return []
    cited_lines = set(cited or [])
    # the first line is the one that says what the claim says: the person it credits is left out,
    # or that person's own line would win on the name alone (and hide that someone else said it)
    content = _without_speaker(claim)
    similarity = checker.similarities(content, [_text(line) for line in candidates])
    scores = {
        line.number: sim + ANCHOR_WEIGHT * min(anchors(content, _text(line)), 5)
        + (CITED_BONUS if line.number in cited_lines else 0.0)
        for line, sim in zip(candidates, similarity, strict=True)
    }
    ranked = sorted(candidates, key=lambda line: scores[line.number], reverse=True)
    chosen = [ranked[0]]
    _add_speaker_line(chosen, notes)
    shortlist = ranked[1:SHORTLIST]
    for _ in range(MAX_LINES):
        missing = _absent(claim, chosen)
        if not missing or len(chosen) >= MAX_LINES:
            break
        listed = {line.number for line in shortlist}
        pool = shortlist + [
            line for line in candidates if line.number not in listed and _mentions(line, missing)
        ]
        taken = {line.number for line in chosen}
        left = {
            line.number: len(_absent(claim, [*chosen, line]))
            for line in pool if line.number not in taken
        }
        if not left:
            break
        number = min(left, key=lambda n: (left[n], -scores[n]))
        if left[number] >= len(missing):
            break
        best = notes.line(number)
        chosen.append(best)
        _add_speaker_line(chosen, notes)
    numbers = sorted({line.number for line in chosen[:MAX_LINES]})
    return line_evidence(notes, numbers)


def _absent(claim: str, lines: list[NoteLine]) -> list[str]:
    """Figures and names of the claim that the lines do not state.

    Conflicts (a status, a speaker, a negation the lines contradict) are left out on purpose: a line
    is added to supply what is missing, never to outvote what the chosen lines say.
    """
    return [m for m in missing_facts(claim, _joined(lines)) if not is_conflict(m)]


def _without_speaker(claim: str) -> str:
    """The claim without the name of the person it credits (`Ana Ruiz said 30 …` -> `said 30 …`)."""
    text = prepare(claim)
    for token in _speaker_of_claim(text):
        text = re.sub(rf"(?<![\w-]){re.escape(token)}(?![\w-])", " ", text)
    return " ".join(text.split()) or claim


def _add_speaker_line(chosen: list[NoteLine], notes: Notes) -> None:
    """Add the line that introduces the speaker of the last chosen line, when it is another line."""
    speaker = chosen[-1].speaker
    if speaker is None or not speaker.line or not notes.has_line(speaker.line):
        return
    line = notes.line(speaker.line)
    if line.number not in {c.number for c in chosen} and line.raw.strip():
        chosen.append(line)


def _mentions(line: NoteLine, missing: list[str]) -> bool:
    """Does the line contain one of the missing words (as written)?"""
    text = line.as_read.lower()
    for word in missing:
        token = word.split(" (")[0].split(": ")[-1].strip().lower()
        if len(token) >= 2 and re.search(rf"(?<!\w){re.escape(token)}", text):
            return True
    return False


def reground(sections: list[Section], notes: Notes, checker: GroundingChecker) -> list[Section]:
    """Sections whose items the lines they cite do not support get their evidence from the whole notes.

    For items written by a model: it may cite the wrong line for a true statement. An item keeps
    its cited lines when they support it, and when no lines of the notes do (the check then reports
    it as unsupported, with the lines it cited). The sections given are not changed; copies are returned.
    """
    fixed = [section.model_copy(deep=True) for section in sections]
    items = [item for section in fixed for item in section.items if item.evidence or item.text.strip()]
    items = [item for item in items if "no_material" not in item.flags]
    verdicts = checker.check_many([(item.text, [e.text for e in item.evidence]) for item in items])
    for item, verdict in zip(items, verdicts, strict=True):
        if verdict.supported:
            continue
        found = find_evidence(item.text, notes, checker, cited=[e.line for e in item.evidence])
        if found and checker.check(item.text, [e.text for e in found]).supported:
            item.evidence = found
    return fixed
