"""The check report of a whole draft: coverage plus the grounding verdict of every item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.domain.document import Evidence, Item, OutcomeDocument
from assistant.domain.template import Template
from assistant.drafting.checks.coverage import CoverageReport, SectionCoverage, check_coverage, is_placeholder
from assistant.drafting.checks.grounding import GroundingChecker, GroundingVerdict
from assistant.drafting.checks.units import SpeakerLookup, evidence_units
from assistant.drafting.leaks import LEAK_FLAG, LEAK_REASON, leak_reason
from assistant.drafting.proposals import checked_claim


@dataclass
class ItemCheck:
    """The grounding verdict of one item of a section."""

    section: str
    index: int
    verdict: GroundingVerdict


@dataclass
class CheckReport:
    """Coverage plus the grounding of every item: what the UI shows and the evals score."""

    coverage: CoverageReport
    items: list[ItemCheck]

    @property
    def grounded(self) -> int:
        """Items supported by their evidence."""
        return sum(1 for i in self.items if i.verdict.supported)

    @property
    def grounding_rate(self) -> float:
        """Share of checked items that are supported (1.0 when there is nothing to check)."""
        return self.grounded / len(self.items) if self.items else 1.0

    @property
    def ok(self) -> bool:
        """True when coverage is complete and every item is grounded."""
        return self.coverage.ok and self.grounded == len(self.items)

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {
            "ok": self.ok,
            "coverage": self.coverage.to_json(),
            "grounding": {
                "checked": len(self.items),
                "grounded": self.grounded,
                "rate": round(self.grounding_rate, 4),
                "items": [
                    {"section": i.section, "index": i.index, **i.verdict.to_json()} for i in self.items
                ],
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckReport:
        """Rebuild a report saved with `to_json`."""
        cov = data.get("coverage", {})
        coverage = CoverageReport(
            sections=[SectionCoverage(**s) for s in cov.get("sections", [])],
            missing_header=list(cov.get("missing_header", [])),
        )
        items = [
            ItemCheck(
                section=i["section"], index=int(i["index"]),
                verdict=GroundingVerdict(
                    supported=bool(i["supported"]), similarity=float(i["similarity"]),
                    missing=list(i.get("missing", [])), reason=i.get("reason", ""),
                ),
            )
            for i in data.get("grounding", {}).get("items", [])
        ]
        return cls(coverage=coverage, items=items)


def check_draft(
    document: OutcomeDocument, template: Template, checker: GroundingChecker,
    speaker: SpeakerLookup | None = None,
) -> CheckReport:
    """Check coverage and the grounding of every item; the document is only read, never changed.

    Placeholder items of empty sections are not grounding-checked (they claim nothing). With a
    `speaker` lookup (`units.speaker_lookup(notes)`), each evidence line carries the speaker the
    notes give it, and an item crediting someone else is refused. To record the verdicts on the
    items (`grounded`, flags), use `with_verdicts`.
    """
    targets: list[tuple[str, int, Item]] = []
    for section in document.sections:
        for index, item in enumerate(section.items):
            if not is_placeholder(item):
                targets.append((section.id, index, item))
    pairs = [(section_id, item) for section_id, _, item in targets]
    verdicts = item_verdicts(pairs, template, checker, speaker)
    checks = [
        ItemCheck(section=section_id, index=index, verdict=verdict)
        for (section_id, index, _), verdict in zip(targets, verdicts, strict=True)
    ]
    return CheckReport(coverage=check_coverage(document, template), items=checks)


def item_verdicts(
    items: list[tuple[str, Item]], template: Template, checker: GroundingChecker,
    speaker: SpeakerLookup | None = None,
) -> list[GroundingVerdict]:
    """The grounding verdict of each (section id, item) on its own evidence: the one check of an
    item, used by `check_draft` and by the drafter's self-check (`drafting.self_check`).

    A rapporteur's proposal is read on the points it quotes (`checked_claim`); the evidence lines
    carry the speakers the `speaker` lookup gives them; the leak rule reads the evidence's kinds.
    """
    leads = {spec.id: spec.proposal_lead for spec in template.sections}
    verdicts = checker.check_units([
        (checked_claim(item, leads.get(section_id, "")), evidence_units(item.evidence, speaker))
        for section_id, item in items
    ])
    return [with_leak_rule(verdict, item.evidence)
            for (_, item), verdict in zip(items, verdicts, strict=True)]


def with_verdicts(document: OutcomeDocument, report: CheckReport) -> OutcomeDocument:
    """A copy of the document whose items carry the report's verdicts: `grounded` and the flags.

    `unsupported` or `no_evidence` marks an item the check refused; the input document is unchanged.
    """
    marked = document.model_copy(deep=True)
    verdicts = {(check.section, check.index): check.verdict for check in report.items}
    for section in marked.sections:
        for index, item in enumerate(section.items):
            verdict = verdicts.get((section.id, index))
            if verdict is not None:
                _mark(item, verdict)
    return marked


def with_leak_rule(verdict: GroundingVerdict, evidence: list[Evidence]) -> GroundingVerdict:
    """The verdict, made unsupported when the evidence is only asides, logistics or injected lines."""
    reason = leak_reason(evidence)
    if not reason:
        return verdict
    return GroundingVerdict(False, verdict.similarity, verdict.missing, reason)


def _mark(item: Item, verdict: GroundingVerdict) -> None:
    item.grounded = verdict.supported
    flags = [f for f in item.flags if f not in {"unsupported", "no_evidence", LEAK_FLAG}]
    if not verdict.supported:
        flags.append("no_evidence" if not item.evidence else "unsupported")
        if verdict.reason == LEAK_REASON:
            flags.append(LEAK_FLAG)
    item.flags = flags
