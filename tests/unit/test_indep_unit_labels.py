"""The unit labels derived from a notes set's grading keys (`evals/unit-labels/indep_labels.py`).

A unit all of whose lines the key lists as noise is labelled as a noise kind, a unit holding a fact's
keyword (or a mixed line) as content, and a unit the key says nothing about, or a heading that names
a speaker, is left unlabelled.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]

NOTE = "\n".join([
    "Harbour data panel, afternoon",                                    # 1
    "",                                                                  # 2
    "Ines Varga (Port Authority):",                                      # 3
    "- the tide gauges now report every ten minutes to the registry",    # 4
    "- fishers read the gauge feed on basic phones",                     # 5
    "(note to me: ask Ines for her slides later)",                       # 6
    "- the registry opened its archive to three universities",          # 7
    "- funding runs out in March, see the budget line (check spelling)", # 8
    "Varga closed with a general hope for more partners",               # 9
])
FACTS = {
    "must_cover": [
        {"fact": "gauges report every ten minutes", "keywords": ["tide gauges", "ten minutes"]},
        {"fact": "the archive is open to universities", "keywords": ["universities"]},
        {"fact": "Varga of the Port Authority spoke", "keywords": ["Varga"]},
    ],
    "noise_lines": [6],
    "mixed_lines": [8],
}


def _module() -> ModuleType:
    path = ROOT / "evals" / "unit-labels" / "indep_labels.py"
    spec = importlib.util.spec_from_file_location("indep_labels", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_noise_keyword_and_mixed_units_are_labelled_from_the_key() -> None:
    labels = {number: (kind, source) for number, kind, source in _module().unit_labels(NOTE, FACTS)}
    assert labels[4] == ("content", "fact keyword")
    assert labels[7] == ("content", "fact keyword")
    assert labels[8] == ("content", "mixed key")
    kind, source = labels[6]
    assert source == "noise key" and kind in {"aside", "logistics", "protocol", "injected"}


def test_units_the_key_does_not_decide_and_speaker_headings_stay_unlabelled() -> None:
    labels = {number: kind for number, kind, _ in _module().unit_labels(NOTE, FACTS)}
    assert 5 not in labels  # content by its look, but no key names it
    assert 3 not in labels  # holds a keyword, yet only names the next speaker
    assert 2 not in labels  # blank
    assert labels.get(9) == "content"  # a keyword in a plain line
