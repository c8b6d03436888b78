"""Draft every notes file of one or more folders and print the drafts suite's section figures per folder.

A quicker stand-in for `rapporteur eval --suite drafts` on folders that have no corpus of their own
(the older illustrative sets, `evals/section-counts`, `evals/section-s12`): the corpus of the first
argument's dataset is indexed once, then every `name=folder` argument is drafted with the offline
engine and scored with the suite's own functions. Prints coverage, sections filled, limits, fact
recall, sentences, grounding and leaks per folder, and each section that misses named with its count
and the count asked. `--json PATH` writes every draft's sections and items for a diff.

    PYTHONPATH=$PWD .venv/bin/python evals/section-counts/measure.py evals/datasets \
        s12=evals/section-s12/notes sc=evals/section-counts/notes --json /tmp/s12.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.drafting.service import DraftService
from assistant.evaluation.context import EvalContext
from assistant.evaluation.datasets import load_dataset, load_notes_cases
from assistant.evaluation.suites.drafts import _grounding, _score_document, _visible_notes, draft_fact_recall


def _share(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


def main(corpus_root: str, folders: list[str], dump: str | None) -> None:
    """Draft and score every `name=folder` argument against the corpus of `corpus_root`."""
    ctx = EvalContext(settings=Settings(), dataset=load_dataset(Path(corpus_root)), engine="extractive")
    service = DraftService(ctx.index, ctx.run_settings)
    out: dict[str, Any] = {}
    try:
        for folder in folders:
            name, _, path = folder.partition("=")
            filled: list[bool] = []
            limits: list[bool] = []
            sentences: list[bool] = []
            grounded: list[bool] = []
            recall: list[float] = []
            leaks = 0
            units = passed = 0
            misses = []
            for case in load_notes_cases(Path(path)):
                document = service.draft(case.text, engine="extractive").document
                facts, _, coverage = _score_document(document, case, ctx, _visible_notes(case.text))
                verdicts = _grounding(document, case, ctx)
                share = draft_fact_recall(facts)
                if share is not None:
                    recall.append(share)
                filled += [s["present"] and s["filled"] for s in coverage["sections"]]
                filled += [False for _ in coverage["filled_without_material"]]
                limits += [s["within_limits"] for s in coverage["sections"] if s["filled"]]
                units, passed = units + coverage["units"], passed + coverage["passed"]
                grounded += [v["supported"] for v in verdicts]
                sentences += [v["sentence"] for v in verdicts]
                leaks += sum(1 for v in verdicts if v["leaks"] or v["aside_leak"])
                bad = [(s["section"], s.get("items"), s.get("required_items"))
                       for s in coverage["sections"] if not s["ok"]]
                if bad or coverage["filled_without_material"] or not coverage["header_ok"]:
                    misses.append(f"   {case.name} {bad} padding {coverage['filled_without_material']}"
                                  f" header-missing {coverage['header_missing']}")
                out[f"{name}/{case.name}"] = {
                    "coverage": coverage,
                    "items": [(v["section"], v["text"], [e["line"] for e in v["evidence"]])
                              for v in verdicts],
                    "missed": [f.fact for f in facts if not f.covered],
                    "facts": [(f.section, f.item_section, f.covered, f.fact) for f in facts],
                }
            fact = round(sum(recall) / len(recall), 4) if recall else None
            print(name, {"coverage": round(passed / units, 4) if units else None, "filled": _share(filled),
                         "limits": _share(limits), "fact": fact, "sentences": _share(sentences),
                         "grounding": _share(grounded), "leaks": leaks, "items": len(grounded)}, flush=True)
            print("\n".join(misses), flush=True)
    finally:
        ctx.close()
    if dump:
        Path(dump).write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    args = sys.argv[1:]
    target = None
    if "--json" in args:
        at = args.index("--json")
        target = args[at + 1]
        args = args[:at] + args[at + 2:]
    main(args[0], args[1:], target)
