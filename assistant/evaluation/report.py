"""The evaluation report as data: suites, their figures, baselines and cases, the gate, and JSON/Markdown.

Every figure is a `Metric` that names the judge that produced it ("rules" for the deterministic
measures, a model spec for the optional LLM judge). Comparison tables (baselines, per question
type) sit beside the headline figures so each number reads against a reference. The HTML form is
written by `assistant.evaluation.html_report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RULES = "rules"


@dataclass
class Metric:
    """One figure: its value (None when nothing was measured), the judge, and how to show it."""

    value: float | None
    judge: str = RULES
    unit: str = "rate"  # rate | count | seconds | score
    description: str = ""
    support: int | None = None  # how many cases the figure is computed over

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        value = None if self.value is None else round(float(self.value), 4)
        return {
            "value": value,
            "judge": self.judge,
            "unit": self.unit,
            "description": self.description,
            "n": self.support,
        }

    def shown(self) -> str:
        """The value as people read it: 93.1 %, 3, 1.42 s, 0.873, or n/a."""
        return format_value(self.value, self.unit)


def format_value(value: float | None, unit: str) -> str:
    """Format a figure by its unit."""
    if value is None:
        return "n/a"
    if unit == "rate":
        return f"{100 * value:.1f} %"
    if unit == "count":
        return f"{value:g}"
    if unit == "seconds":
        return f"{value:.2f} s"
    return f"{value:.3f}"


@dataclass
class Table:
    """A comparison table (rows of systems or question types against figures)."""

    title: str
    columns: list[str]
    rows: list[list[Any]]
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {"title": self.title, "columns": self.columns, "rows": self.rows, "note": self.note}


@dataclass
class SuiteResult:
    """What one suite measured: headline metrics, comparison tables, per-case details, notes."""

    name: str
    status: str = "ok"  # ok | skipped | error
    message: str = ""
    metrics: dict[str, Metric] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self, with_cases: bool = True) -> dict[str, Any]:
        """Plain dict for JSON output (cases left out for the short summary)."""
        data: dict[str, Any] = {
            "status": self.status,
            "message": self.message,
            "seconds": round(self.seconds, 2),
            "metrics": {k: m.to_json() for k, m in self.metrics.items()},
            "tables": [t.to_json() for t in self.tables],
            "notes": self.notes,
        }
        if with_cases:
            data["cases"] = self.cases
        return data


@dataclass
class GateResult:
    """One threshold checked against its figure."""

    key: str
    value: float | None
    bound: float
    kind: str  # min | max
    passed: bool
    unit: str = "rate"
    found: bool = True  # False: the suite produces no figure of that name

    @property
    def sentence(self) -> str:
        """A line saying what was measured against what."""
        sign = "≥" if self.kind == "min" else "≤"
        verdict = "ok" if self.passed else "BELOW THRESHOLD" if self.kind == "min" else "ABOVE THRESHOLD"
        if self.value is None:
            verdict = (
                "NOT MEASURED: a bounded figure must be measured; if this set cannot produce it, remove "
                "the bound from its thresholds file with a comment saying why"
                if self.found
                else "the suite makes no figure of that name: correct its spelling in the thresholds file"
            )
        return (
            f"{self.key} = {format_value(self.value, self.unit)} "
            f"(required {sign} {format_value(self.bound, self.unit)}): {verdict}"
        )

    def to_json(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return {
            "key": self.key,
            "value": self.value,
            "bound": self.bound,
            "kind": self.kind,
            "passed": self.passed,
        }


@dataclass
class EvalReport:
    """A whole evaluation run: settings of the run, suites, the gate and where files were written."""

    datasets: str
    engine: str
    judge: str
    started: str
    seconds: float = 0.0
    suites: dict[str, SuiteResult] = field(default_factory=dict)
    gate: list[GateResult] = field(default_factory=list)
    thresholds_file: str = ""
    skipped: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    @property
    def failures(self) -> list[GateResult]:
        """Thresholds whose measured figure falls short."""
        return [g for g in self.gate if not g.passed]

    @property
    def errors(self) -> list[SuiteResult]:
        """Suites that could not run to the end."""
        return [s for s in self.suites.values() if s.status == "error"]

    @property
    def ok(self) -> bool:
        """True when every suite ran (or was skipped for missing data) and every threshold holds."""
        return not self.failures and not self.errors

    def metric(self, key: str) -> Metric | None:
        """A figure by its gate key, `suite.metric` (e.g. `drafts.grounding_rate`)."""
        suite, _, name = key.partition(".")
        result = self.suites.get(suite)
        return result.metrics.get(name) if result else None

    def to_json(self, with_cases: bool = True) -> dict[str, Any]:
        """The report as a dict; `with_cases=False` gives the short summary `--json` prints."""
        return {
            "ok": self.ok,
            "datasets": self.datasets,
            "engine": self.engine,
            "judge": self.judge,
            "started": self.started,
            "seconds": round(self.seconds, 2),
            "thresholds_file": self.thresholds_file,
            "gate": [g.to_json() for g in self.gate],
            "failures": [g.sentence for g in self.failures],
            "skipped": self.skipped,
            "notes": self.notes,
            "suites": {name: s.to_json(with_cases) for name, s in self.suites.items()},
            "files": self.files,
        }
