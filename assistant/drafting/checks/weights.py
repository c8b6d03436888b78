"""The fitted weights of the checker's alignment, read from `domain/templates/checker-weights.toml`.

Fitted by `evals/fit_checker.py` on labelled claim/evidence pairs; data, not constants in code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).resolve().parents[2] / "domain" / "templates" / "checker-weights.toml"


@dataclass(frozen=True)
class CheckerWeights:
    """How far a clause may sit from the closest one and still align; how much a negation must matter;
    how far an approximate figure may sit from the value the evidence gives."""

    clause_margin: float = 0.08
    polarity_margin: float = 0.1
    approximate_tolerance: float = 0.12  # relative distance an approximate figure may sit from its value
    bound_reach: float = 0.5  # relative distance a bound (`more than half`) may sit from the value
    share_rounding: float = 0.01  # shares this close align as written-out fractions (2/3 and 66%)


@cache
def load_weights(path: Path = WEIGHTS_FILE) -> CheckerWeights:
    """The weights file, validated (every value a number; unknown keys refused)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuntimeError(
            f"the checker's weights {path} cannot be read ({exc}); reinstall the package"
        ) from exc
    known = {f.name for f in fields(CheckerWeights)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise RuntimeError(
            f"unknown keys in {path}: {', '.join(unknown)}; expected {', '.join(sorted(known))}"
        )
    return CheckerWeights(**{k: float(v) for k, v in raw.items()})
