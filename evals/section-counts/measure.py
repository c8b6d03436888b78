"""Draft the notes of one or more folders and print the drafts suite's coverage figures per folder.

A quicker stand-in for `rapporteur eval --suite drafts` on folders that have no corpus of their own
(the older illustrative sets, `evals/section-counts`): the corpus of the first argument's dataset is
indexed once, then every `name=folder` argument is drafted with the offline engine and scored with
the suite's own functions (`coverage_units`, the per-item grounding and sentence verdicts). Prints
coverage, sections filled, limits, sentences and grounding per folder, and the files that miss.

    PYTHONPATH=$PWD .venv/bin/python evals/section-counts/measure.py evals/datasets \
        sc=evals/section-counts/notes st=evals/styles/notes
"""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.config import Settings
from assistant.drafting.service import DraftService
from assistant.evaluation.context import EvalContext
from assistant.evaluation.datasets import load_dataset, load_notes_cases
from assistant.evaluation.suites.drafts import _grounding, coverage_units


def _share(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


def main(corpus_root: str, folders: list[str]) -> None:
    """Draft and score every `name=folder` argument against the corpus of `corpus_root`."""
    ctx = EvalContext(settings=Settings(), dataset=load_dataset(Path(corpus_root)), engine="extractive")
    service = DraftService(ctx.index, ctx.run_settings)
    try:
        for folder in folders:
            name, _, path = folder.partition("=")
            filled: list[bool] = []
            limits: list[bool] = []
            sentences: list[bool] = []
            grounded: list[bool] = []
            units = passed = 0
            misses = []
            for case in load_notes_cases(Path(path)):
                document = service.draft(case.text, engine="extractive").document
                coverage = coverage_units(document, case, ctx)
                verdicts = _grounding(document, case, ctx)
                filled += [s["present"] and s["filled"] for s in coverage["sections"]]
                filled += [False for _ in coverage["filled_without_material"]]
                limits += [s["within_limits"] for s in coverage["sections"] if s["filled"]]
                units, passed = units + coverage["units"], passed + coverage["passed"]
                sentences += [v["sentence"] for v in verdicts]
                grounded += [v["supported"] for v in verdicts]
                bad = [(s["section"], s.get("items"), s.get("required_items"))
                       for s in coverage["sections"] if not s["ok"]]
                if bad or coverage["filled_without_material"]:
                    misses.append(f"   {case.name} {bad} padding {coverage['filled_without_material']}")
            print(name, {"coverage": round(passed / units, 4) if units else None, "filled": _share(filled),
                         "limits": _share(limits), "sentences": _share(sentences),
                         "grounding": _share(grounded), "items": len(sentences)}, flush=True)
            print("\n".join(misses))
    finally:
        ctx.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
