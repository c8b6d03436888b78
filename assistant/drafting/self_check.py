"""The drafter's self-check: no bullet leaves the drafter that its own grounding check refuses.

An engine makes items from note lines (the extractive engine) or has a model write them (`llm`);
before the draft is returned, each drafted item goes through this stage:

1. trimmed: it cites only lines that contribute to it. A cited line the notes reader did not read
   as session content (a bare speaker introduction, a line of the rapporteur's plan of the form, a
   heading) and none of whose words the item uses is no longer cited (`contributing`);
2. checked with the product's own check of an item (`checks.report.item_verdicts`, the check
   `check_draft` and the evaluation run: the leak rule, a proposal read on its points), once with
   the speakers the notes reader gives the lines and once on the lines as written; both must pass;
3. when refused, re-grounded: the lines of the whole notes that support its text
   (`checks.evidence.find_evidence`, as for an edited item) become its evidence when the same check
   accepts them;
4. when still refused, rejected. An engine that picks its items from ranked candidates drafts
   again without the rejected texts (`redraft`), so its next-best point takes the place and the
   section keeps its minimum where the notes have material; the new items go through 1-3 in turn.
   After `MAX_ROUNDS` such redrafts, or when nothing new is rejected, an item still refused is
   dropped (`drop`), and a section left with nothing holds the placeholder.

A kept item passed the draft's final check (`check_draft`, same function, same evidence) here
already, so the marks it carries are the verdict it got.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.corpus.keywords import terms
from assistant.domain.document import Evidence, Item, Section
from assistant.drafting.checks.alignment import absent_kind
from assistant.drafting.checks.coverage import PLACEHOLDER_ITEM, is_placeholder
from assistant.drafting.checks.evidence import find_evidence
from assistant.drafting.checks.facts import is_conflict
from assistant.drafting.checks.report import item_verdicts
from assistant.drafting.checks.units import speaker_lookup
from assistant.drafting.evidence import contributes
from assistant.drafting.leaks import LEAK_REASON, line_kind

if TYPE_CHECKING:
    from assistant.domain.template import Template
    from assistant.drafting.checks.grounding import GroundingChecker, GroundingVerdict
    from assistant.drafting.notes import Notes

Redraft = Callable[[frozenset[str]], list[Section]]  # rejected item texts -> the sections drafted again
MAX_ROUNDS = 3  # redrafts at most: each one costs a selection, and a fourth has never been needed
CONTENT_KINDS = frozenset({"content", "continuation"})  # reader kinds of lines that carry session content
NO_MATERIAL = "no_material"


@dataclass
class Refusal:
    """One item the check refused in one round (0: the first draft, n: the n-th redraft), with the
    verdict it got on its own evidence and what became of it: `rejected` (the engine drafted again
    without it), `dropped` (left out of the draft) or `kept` (stays, flagged)."""

    round: int
    section: str
    item: Item
    verdict: GroundingVerdict
    fate: str = "rejected"


KIND_PREFIX = re.compile(r"^([a-z]+): ")  # `speaker: …`, `status: …`: a part of the claim named by kind


def refusal_kinds(verdict: GroundingVerdict) -> frozenset[str]:
    """What kinds of problem a refusal names, in the checker's own closed vocabulary: `leak`, `no
    evidence`, `similarity` (too far in meaning), `absent figure` / `absent name` (a fact of the claim
    the evidence does not state) and, for a contradiction, the kind of part that clashes (`speaker`,
    `status`, `modality`, `polarity`, `extent`, `condition`, `figure`, `rank`, `negation`,
    `reversal`). Read from the verdict's `reason` and `missing`; empty for a supported one."""
    if verdict.supported:
        return frozenset()
    if verdict.reason == LEAK_REASON:
        return frozenset({"leak"})
    if verdict.reason == "no evidence":
        return frozenset({"no evidence"})
    kinds = {"similarity"} if verdict.reason.startswith("similarity") else set()
    for entry in verdict.missing:
        if not is_conflict(entry):
            kinds.add(f"absent {absent_kind(entry)}")
        elif match := KIND_PREFIX.match(entry):
            kinds.add(match.group(1))
        elif entry in {"negation", "the evidence's negation"}:
            kinds.add("negation")
        else:
            kinds.add("reversal")  # `word (evidence: its opposite)`
    return frozenset(kinds)


def contributing(item: Item, notes: Notes, minimal: bool = False) -> list[Evidence]:
    """The item's evidence without the lines that add nothing to it: a line the notes reader read as
    other than session content (`CONTENT_KINDS`) none of whose words the item uses. A content line
    stays (it is what the item was made from), unless `minimal`: for an item made from its lines'
    own words (the extractive engine), a content line none of whose terms the item uses goes too
    (`evidence.contributes`): a sentence drawn from a wrapped paragraph cites the lines its words
    stand on, not a remark typed on the paragraph's other lines. All the evidence stays when no line
    of it would be left."""
    said = set(terms(item.text))
    kept = [
        e for e in item.evidence
        if (line_kind(notes, e.line) in CONTENT_KINDS and (not minimal or contributes(said, e.text)))
        or said & set(terms(e.text))
    ]
    return kept or list(item.evidence)


class SelfCheck:
    """Grounds every drafted item of one draft or redraft against the notes (module docstring)."""

    def __init__(self, notes: Notes, checker: GroundingChecker, template: Template,
                 minimal: bool = False) -> None:
        self.notes = notes
        self.minimal = minimal  # items made from their lines' own words: evidence trimmed to them
        self.checker = checker
        self.template = template
        self._speaker = speaker_lookup(notes)
        self.refusals: list[Refusal] = []  # every refusal of the last `run`, in order (what it cost)

    def run(
        self, sections: list[Section], redraft: Redraft | None = None, *, drop: bool = True,
    ) -> list[Section]:
        """The sections with every item grounded; copies, the sections given are not changed.

        `redraft` drafts the same sections again without the given item texts (None: the engine
        cannot replace an item); with `drop` off, an item still refused stays, flagged by the
        draft's check (a model's claim the rapporteur must see and correct).
        """
        self.refusals = []
        current = [section.model_copy(deep=True) for section in sections]
        refused = self._ground(current)
        rejected: set[str] = set()
        rounds = 0
        while refused and drop and redraft is not None and rounds < MAX_ROUNDS:
            fresh = {r.item.text for r in refused} - rejected
            if not fresh:
                break
            rejected |= fresh
            self.refusals += refused
            current = [section.model_copy(deep=True) for section in redraft(frozenset(rejected))]
            rounds += 1
            refused = self._ground(current, rounds)
        for refusal in refused:
            refusal.fate = "dropped" if drop else "kept"
        self.refusals += refused
        if drop and refused:
            current = _without(current, {id(r.item) for r in refused})
        return current

    def _ground(self, sections: list[Section], round_: int = 0) -> list[Refusal]:
        """Trim, check and re-ground every real item in place; the refusals of the items still refused
        (each with its verdict on its own evidence)."""
        items = [(section.id, item) for section in sections for item in section.items
                 if not is_placeholder(item) and NO_MATERIAL not in item.flags]
        for _, item in items:
            item.evidence = self._kinded(contributing(item, self.notes, self.minimal))
        verdicts = self._verdicts(items)
        refused = [pair for pair, verdict in zip(items, verdicts, strict=True) if not verdict.supported]
        refused_verdicts = [verdict for verdict in verdicts if not verdict.supported]
        if not refused:
            return []
        found = [
            self._kinded(find_evidence(item.text, self.notes, self.checker,
                                       cited=[e.line for e in item.evidence]))
            for _, item in refused
        ]
        trials = [(sid, item.model_copy(update={"evidence": evidence}))
                  for (sid, item), evidence in zip(refused, found, strict=True)]
        trials = [(sid, trial.model_copy(
                      update={"evidence": self._kinded(contributing(trial, self.notes, self.minimal))}))
                  for sid, trial in trials]
        checked = self._verdicts([pair for pair, evidence in zip(trials, found, strict=True) if evidence])
        still: list[Refusal] = []
        verdict_of = iter(checked)
        for (sid, item), (_, trial), evidence, verdict in zip(refused, trials, found, refused_verdicts,
                                                              strict=True):
            if evidence and next(verdict_of).supported:
                item.evidence = trial.evidence
            else:
                still.append(Refusal(round_, sid, item, verdict))
        return still

    def _verdicts(self, items: list[tuple[str, Item]]) -> list[GroundingVerdict]:
        """The check's verdict on each item, read twice: with the speakers the notes reader gives the
        evidence lines (the draft's own check), and on the lines as written (what the rapporteur
        reads in the Draft tab, and what the evaluation grades). An item passes when both accept it:
        a line whose own text credits someone else (`Chat (online): … -- Kask: yes`) refutes a bullet
        crediting the speaker the reader carried down from an earlier line."""
        if not items:
            return []
        read = item_verdicts(items, self.template, self.checker, self._speaker)
        passed = [n for n, verdict in enumerate(read) if verdict.supported]
        written = item_verdicts([items[n] for n in passed], self.template, self.checker)
        for n, verdict in zip(passed, written, strict=True):
            read[n] = verdict
        return read

    def _kinded(self, evidence: list[Evidence]) -> list[Evidence]:
        """Evidence whose lines carry the notes reader's kind (what the leak rule reads)."""
        return [e.model_copy(update={"kind": line_kind(self.notes, e.line)}) for e in evidence]


def _without(sections: list[Section], dropped: set[int]) -> list[Section]:
    """The sections without the dropped items (by identity); a section left empty holds the placeholder."""
    for section in sections:
        had = bool(section.items)
        section.items = [item for item in section.items if id(item) not in dropped]
        if had and not section.items:
            section.items = [Item(text=PLACEHOLDER_ITEM, flags=[NO_MATERIAL])]
    return sections
