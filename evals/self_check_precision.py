"""How precise the drafter's self-check is on drafted items: what the items it refuses were worth.

The extractive drafter drafts every notes file of the given folders through the product's own path
(`DraftService.draft`, self-check included); every item the self-check refused in any round
(`SelfCheck.refusals`: rejected and drafted again, dropped, or kept flagged) is labelled with the
folder's grading keys, as the drafts suite grades items:

- `good`: it covers a must_cover fact (the suite's fact rule on the item alone) and is not harmful;
- `harmful`: it states a must_not_claim statement, cites a noise line, or carries the aside of a
  mixed line (what the suite counts as a leak);
- `empty`: neither (it covers no fact and leaks nothing).

The checker's precision on drafted items is the share of refusals that were not good. A good item
refused costs a fact only when the final draft covers that fact nowhere else (`lost`). Each
refusal is also read by kind (`self_check.refusal_kinds`, the checker's own vocabulary), so a kind
can be judged by how precise it is; `--json PATH` writes every refusal for the fit. Beside it,
the final drafts' fact recall, leaks, section limits and coverage per folder (the suite's functions).

    PYTHONPATH=$PWD .venv/bin/python evals/self_check_precision.py \
        dev=evals/datasets/notes@evals/datasets styles=evals/styles/notes@evals/styles \
        field=../shared/fieldset/notes@../shared/fieldset --json /tmp/refusals.json

Each argument is `name=notes folder@dataset root` (the dataset whose corpus is indexed for the
drafter); several folders may share a name (`illus=evals/top-lines/notes@evals/datasets`).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import assistant.drafting.service as service_module
from assistant.config import Settings
from assistant.drafting.self_check import SelfCheck, refusal_kinds
from assistant.evaluation.asides import leaks_aside
from assistant.evaluation.context import EvalContext
from assistant.evaluation.datasets import NotesCase, load_dataset, load_notes_cases
from assistant.evaluation.facts import DraftItem, find_claims, match_facts
from assistant.evaluation.suites.drafts import _grounding, _score_document, _visible_notes, draft_fact_recall

CHECKS: list[SelfCheck] = []


class ObservedSelfCheck(SelfCheck):
    """The product's self-check, remembered so its refusals can be read after the draft."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        CHECKS.append(self)


def label(refusal: Any, case: NotesCase, ctx: EvalContext, final_covered: set[str]) -> dict[str, Any]:
    """The refusal graded by the case's keys (module docstring)."""
    item = refusal.item
    items = [DraftItem(refusal.section, 0, item.text)]
    cross = ctx.cross_scorer.encode if ctx.cross_scorer is not None else None
    covered = [f.fact for f in match_facts(case.must_cover, items, ctx.scorer.encode, cross) if f.covered]
    claims = [c.claim for c in find_claims(case.must_not_claim, items, _visible_notes(case.text),
                                            ctx.scorer.encode, cross) if c.found]
    cited = sorted({e.line for e in item.evidence})
    noise = sorted(set(cited) & set(case.noise_lines))
    aside = leaks_aside(item.text, cited, case.text.splitlines(), case.mixed_lines)
    harmful = bool(claims or noise or aside)
    grade = "harmful" if harmful else "good" if covered else "empty"
    return {
        "case": case.name, "round": refusal.round, "fate": refusal.fate, "section": refusal.section,
        "text": item.text, "cited": cited, "kinds": sorted(refusal_kinds(refusal.verdict)),
        "reason": refusal.verdict.reason, "grade": grade, "covers": covered, "claims": claims,
        "noise": noise, "aside": aside, "lost": [f for f in covered if f not in final_covered],
    }


def run_folder(
    name: str, folder: Path, ctx: EvalContext, service: Any,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Draft every case of the folder; its refusals labelled and the final drafts' figures."""
    rows: list[dict[str, Any]] = []
    recall: list[float] = []
    limits: list[bool] = []
    leaks = items = units = passed = 0
    for case in load_notes_cases(folder):
        CHECKS.clear()
        document = service.draft(case.text, engine="extractive").document
        facts, _, coverage = _score_document(document, case, ctx, _visible_notes(case.text))
        verdicts = _grounding(document, case, ctx)
        share = draft_fact_recall(facts)
        if share is not None:
            recall.append(share)
        limits += [s["within_limits"] for s in coverage["sections"] if s["filled"]]
        units, passed = units + coverage["units"], passed + coverage["passed"]
        leaks += sum(1 for v in verdicts if v["leaks"] or v["aside_leak"])
        items += len(verdicts)
        final = {f.fact for f in facts if f.covered}
        for check in CHECKS:
            rows += [dict(label(r, case, ctx, final), set=name) for r in check.refusals]
    figures = {"cases": len(recall), "fact_sum": sum(recall), "limits": limits, "leaks": leaks,
               "items": items, "units": units, "passed": passed}
    return rows, figures


def summary(rows: list[dict[str, Any]]) -> str:
    """Grades per fate, good facts lost, and the grades of each refusal kind."""
    lines = []
    for fate in ("rejected", "dropped", "kept"):
        chosen = [r for r in rows if r["fate"] == fate]
        if not chosen:
            continue
        grades = Counter(r["grade"] for r in chosen)
        lost = {(r["case"], f) for r in chosen for f in r["lost"]}
        lines.append(f"  {fate}: {len(chosen)} items: good {grades['good']} empty {grades['empty']} "
                     f"harmful {grades['harmful']}; precision (not good) "
                     f"{1 - grades['good'] / len(chosen):.3f}; facts lost {len(lost)}")
    per_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        for kind in r["kinds"] or ["(none)"]:
            per_kind[kind][r["grade"]] += 1
    for kind, grades in sorted(per_kind.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(grades.values())
        lines.append(f"    {kind:16} n={total:3} good {grades['good']:3} empty {grades['empty']:3} "
                     f"harmful {grades['harmful']:3}  precision {1 - grades['good'] / total:.3f}")
    return "\n".join(lines)


def main(arguments: list[str], dump: str | None) -> None:
    """Draft and label every `name=folder@root` argument (module docstring)."""
    service_module.SelfCheck = ObservedSelfCheck  # type: ignore[misc]
    contexts: dict[str, tuple[EvalContext, Any]] = {}
    by_set: dict[str, list[dict[str, Any]]] = defaultdict(list)
    figures: dict[str, dict[str, Any]] = {}
    try:
        for argument in arguments:
            name, _, rest = argument.partition("=")
            folder, _, root = rest.partition("@")
            if root not in contexts:
                ctx = EvalContext(settings=Settings(), dataset=load_dataset(Path(root)), engine="extractive")
                contexts[root] = (ctx, service_module.DraftService(ctx.index, ctx.run_settings))
            ctx, service = contexts[root]
            rows, got = run_folder(name, Path(folder), ctx, service)
            by_set[name] += rows
            total = figures.setdefault(name, {"cases": 0, "fact_sum": 0.0, "limits": [], "leaks": 0,
                                              "items": 0, "units": 0, "passed": 0})
            for key, value in got.items():
                total[key] += value
    finally:
        for ctx, _ in contexts.values():
            ctx.close()
    every = [r for rows in by_set.values() for r in rows]
    for name, rows in [*by_set.items(), ("all", every)]:
        if name in figures:
            f = figures[name]
            print(f"{name}: fact {f['fact_sum'] / max(f['cases'], 1):.4f} leaks {f['leaks']}/{f['items']} "
                  f"limits {sum(f['limits']) / max(len(f['limits']), 1):.4f} "
                  f"coverage {f['passed'] / max(f['units'], 1):.4f} ({f['cases']} drafts)")
        else:
            print(f"{name}:")
        print(summary(rows), flush=True)
    if dump:
        Path(dump).write_text(json.dumps(every, indent=1), encoding="utf-8")


if __name__ == "__main__":
    args = sys.argv[1:]
    target = None
    if "--json" in args:
        at = args.index("--json")
        target = args[at + 1]
        args = args[:at] + args[at + 2:]
    main(args, target)
