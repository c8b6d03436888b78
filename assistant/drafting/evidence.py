"""The one place where the evidence of a drafted item is made from the notes.

Both engines, the evidence search of the checks, the summaries and the evaluation's baselines cite
note lines the same way: each cited line as the notes reader read it (`NoteLine.as_read`: the line as
pasted, or a table row or transcript turn rewritten with its speaker), followed by the wrapped lines
that carry its unit on (reflow), so a figure on a bullet's second line is cited too. Lines come in
note order, each once. A summary of an outcome document cites the document's item instead.

A line the reader read as noise (an aside, logistics, protocol) or as an instruction injected for
the software is never evidence (a point joined to such a line by a back-reference or a lead-in
cites its content lines only), with one exception: the line that introduced the speaker a bullet
names, when no line of the point writes the name (`sentence_evidence`).

Evidence is minimal: once an item's text is made from note lines, a cited line none of whose
content terms (stemmed words, figures) the item uses is dropped from its evidence (`contributes`,
applied by the drafter's self-check, `self_check.contributing`). A wrapped
paragraph cites, for each sentence drawn from it, only the lines that sentence's words stand on, so
a remark typed on the paragraph's last line is not cited by the sentences before it.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.corpus.keywords import terms
from assistant.domain.document import Evidence, Item
from assistant.drafting.notes import Notes, NoteSentence

NOT_EVIDENCE = frozenset({"noise", "injection"})  # reader kinds of lines no bullet cites


def citable(notes: Notes, number: int) -> bool:
    """True when note line `number` exists and may be cited (its reader kind is not `NOT_EVIDENCE`)."""
    return notes.has_line(number) and notes.line(number).kind not in NOT_EVIDENCE


def line_evidence(notes: Notes, numbers: Iterable[int]) -> list[Evidence]:
    """Evidence for the note lines `numbers` and the wrapped lines that carry each of them on,
    leaving out any line read as noise or an injected instruction (module docstring)."""
    cited: dict[int, Evidence] = {}
    for number in numbers:
        if not citable(notes, number):
            continue
        for n in (number, *notes.continuations(number)):
            if n not in cited:
                cited[n] = Evidence(line=n, text=notes.line(n).as_read.strip())
    return [cited[n] for n in sorted(cited)]


def sentence_evidence(
    notes: Notes, sentence: NoteSentence, named: bool, also: Iterable[int] = ()
) -> list[Evidence]:
    """Evidence for a bullet made from a note sentence: its line (with the wrapped lines that carry it
    on), the lines in `also` (sub-points or a back-reference joined to it), and the line that
    introduced its speaker when the bullet names them."""
    evidence = {e.line: e for e in line_evidence(notes, [sentence.line, *also])}
    speaker = sentence.speaker
    if named and speaker is not None and speaker.line and notes.has_line(speaker.line):
        # the one exception to `NOT_EVIDENCE`: the name the bullet gives stands on that line, or on
        # the wrapped lines that carry it on (`Notes.as_citable` names the speaker from the point's
        # own line where it can)
        for n in (speaker.line, *notes.continuations(speaker.line)):
            evidence.setdefault(n, Evidence(line=n, text=notes.line(n).as_read.strip()))
    return [evidence[n] for n in sorted(evidence)]


def contributes(item_terms: set[str], line_text: str) -> bool:
    """True when a cited line gives an item made from note lines something: one of its content terms
    (a stemmed word or a figure, `corpus.keywords.terms`) is among the item's (`item_terms`). A line
    with no content terms at all (a bare bullet mark, a time) is kept: nothing shows it adds nothing."""
    line_terms = set(terms(line_text))
    return not line_terms or bool(line_terms & item_terms)


def merged_evidence(evidence_lists: Iterable[Iterable[Evidence]]) -> list[Evidence]:
    """The evidence of several items made into one (a paragraph-shaped section): by line, each once."""
    merged: dict[int, Evidence] = {}
    for evidence in evidence_lists:
        for e in evidence:
            merged.setdefault(e.line, e)
    return [merged[n] for n in sorted(merged)]


def as_paragraph(items: list[Item]) -> Item:
    """Several items as the one paragraph of a paragraph-shaped section, evidence merged by line."""
    return Item(text=" ".join(i.text for i in items), evidence=merged_evidence(i.evidence for i in items))


def document_evidence(item_number: int, item_text: str) -> Evidence:
    """Evidence for a sentence summarised from an outcome document: the item (1-based, in its section)
    it came from, with that item's text."""
    return Evidence(line=item_number, text=item_text)
