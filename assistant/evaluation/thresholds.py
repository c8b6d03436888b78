"""The gate: thresholds read from a TOML file and checked against a report's figures.

Format: one table per suite, one entry per figure, each with a lower (`min`) or upper (`max`) bound::

    [drafts]
    grounding_rate = { min = 0.95 }
    hallucinations = { max = 0 }

Which file applies: `--thresholds FILE` when given, else the dataset folder's own thresholds.toml,
else the project's evals/thresholds.toml. A suite skipped for missing data is not gated. In a
suite that ran, a bounded figure that comes out as not measured (None: no case to compute it on,
or a set whose keys cannot grade it, such as `attributed` without a `speakers` key) FAILS the
gate: a bound must never pass by having nothing to bound. Remove the threshold from that set's
file instead, with a comment saying why. A name the suite does not produce fails it too (a
misspelt threshold would otherwise never bite).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError
from assistant.evaluation.report import EvalReport, GateResult

PROJECT_EVALS = Path(__file__).resolve().parents[2] / "evals"


class ThresholdsError(ConfigError):
    """A thresholds file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Threshold:
    """A bound on one figure, addressed as `suite.metric`."""

    key: str
    bound: float
    kind: str  # min | max


def load_thresholds(path: Path) -> list[Threshold]:
    """Read a thresholds file; entries must be `name = { min = X }` or `name = { max = X }`."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ThresholdsError(f"cannot read thresholds from {path}: {exc}") from exc
    found: list[Threshold] = []
    for suite, entries in raw.items():
        if not isinstance(entries, dict):
            raise ThresholdsError(f"{path}: [{suite}] must be a table of figures")
        for name, spec in entries.items():
            key = f"{suite}.{name}"
            if not isinstance(spec, dict) or len(spec) != 1 or next(iter(spec)) not in {"min", "max"}:
                raise ThresholdsError(f"{path}: {key} must be written {{ min = X }} or {{ max = X }}")
            kind, bound = next(iter(spec.items()))
            if isinstance(bound, bool) or not isinstance(bound, int | float):
                raise ThresholdsError(f"{path}: {key} needs a number, found {bound!r}")
            found.append(Threshold(key=key, bound=float(bound), kind=kind))
    return found


def thresholds_file(datasets: Path, explicit: Path | None = None) -> Path | None:
    """The thresholds file that applies to a run on this dataset folder (None: no gate)."""
    if explicit is not None:
        if not Path(explicit).is_file():
            raise ThresholdsError(f"no thresholds file at {explicit}")
        return Path(explicit)
    for candidate in (
        Path(datasets) / "thresholds.toml",
        PROJECT_EVALS / "thresholds.toml",
        Path.cwd() / "evals" / "thresholds.toml",
    ):
        if candidate.is_file():
            return candidate
    return None


def apply_gate(report: EvalReport, thresholds: list[Threshold]) -> list[GateResult]:
    """Check every threshold whose suite ran; record and return the results on the report."""
    results = []
    for threshold in thresholds:
        suite = threshold.key.partition(".")[0]
        if suite not in report.suites or report.suites[suite].status == "skipped":
            continue
        metric = report.metric(threshold.key)
        value = metric.value if metric else None
        if metric is None:
            passed = report.suites[suite].status != "ok"  # a misspelt figure must not pass silently
        elif value is None:
            passed = False  # a bounded figure that was not measured must not pass silently
        elif threshold.kind == "min":
            passed = value >= threshold.bound - 1e-9
        else:
            passed = value <= threshold.bound + 1e-9
        results.append(
            GateResult(
                key=threshold.key,
                value=value,
                bound=threshold.bound,
                kind=threshold.kind,
                passed=passed,
                unit=metric.unit if metric else "rate",
                found=metric is not None,
            )
        )
    report.gate = results
    return results
