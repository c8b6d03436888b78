"""Where each missed must_cover fact is lost on its way from the notes to the draft (issue 22, s15).

Two steps, because drafting is the slow part:

    # draft every notes file of some `name=folder` sets; keep, per case, the reader's lines and units,
    # the drafter's candidates (last selection round) with where the selection placed them, the
    # final items with their evidence lines, and the fact matches of the drafts suite
    PYTHONPATH=$PWD .venv/bin/python evals/fact-losses/diagnose.py record /tmp/losses.pkl \
        C=evals/indep-s14/notes-C B=evals/indep-s14/notes-B

    # the breakdown per set (and, with --list, every missed fact with its class)
    PYTHONPATH=$PWD .venv/bin/python evals/fact-losses/diagnose.py report /tmp/losses.pkl [--list]

The fact's source lines are the note lines holding its keywords (the keyword rule of the drafts suite,
`metrics.found_keywords`). A missed fact falls in the first class that applies:

- `not_read`: a keyword sits only on lines the reader did not read as content (noise, header,
  heading, hint, injection) and in no unit;
- `split`: every keyword is in some unit, but no unit holds them all (the reader cut the point, or
  the point spans several units);
- `not_candidate`: a unit holds them all, but no candidate of the drafter does (filtered as too short,
  negative-only, cut off, or merged into a unit whose bullet lost them);
- `cut_by_limits`: a candidate holds them all but was not placed, and every section it was eligible
  for was full;
- `not_selected`: a candidate holds them all but was not placed, with room left in an eligible section
  (its value lost to other points, or no eligible section was wanted);
- `dropped_after`: a placed candidate holds them all, but no final item comes from it (the grounding
  self-check refused it, a paragraph or a split rewrote it);
- `reworded`: the final item made from it lacks a keyword or reads too far from the fact (a single
  keyword's similarity floor), or states it negated;
- `other`: none of the above (e.g. the keywords occur nowhere in the notes as read).

Covered facts are counted by whether the item sits in the fact's labelled section (`placed`) or in
another (`other_section`): the coverage figure needs the sections, fact recall does not.
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

CLASSES = ["not_read", "split", "not_candidate", "cut_by_limits", "not_selected", "dropped_after",
           "reworded", "other"]


def record(out: str, folders: list[str]) -> None:
    """Draft every notes file of each `name=folder` and pickle what `report` needs per case."""
    from assistant.config import Settings
    from assistant.domain.section_limits import sentence_capacity
    from assistant.drafting.engines import extractive
    from assistant.drafting.service import DraftService
    from assistant.evaluation.context import EvalContext
    from assistant.evaluation.datasets import load_dataset, load_notes_cases
    from assistant.evaluation.suites.drafts import _score_document, _visible_notes

    seen: dict[str, Any] = {}
    original = extractive.ExtractiveDrafter.select

    def select(self: Any, candidates: list[Any], wanted: list[str]) -> Any:
        chosen = original(self, candidates, wanted)
        where = {c.row: sid for sid, items in chosen.items() for c in items}
        seen["cands"] = [{"text": c.text, "sentence": c.sentence.text, "line": c.sentence.line,
                          "lines": sorted({e.line for e in c.evidence}), "eligible": sorted(c.eligible),
                          "scores": dict(c.scores), "where": where.get(c.row)} for c in candidates]
        seen["capacity"] = {sid: sentence_capacity(self.template.section(sid)) for sid in wanted}
        seen["placed_texts"] = [c.text for items in chosen.values() for c in items]
        seen["counts"] = {sid: len(items) for sid, items in chosen.items()}
        return chosen

    extractive.ExtractiveDrafter.select = select  # type: ignore[method-assign]
    cases: dict[tuple[str, str], Any] = {}
    for arg in folders:
        name, _, folder = arg.partition("=")
        root = Path(folder)
        corpus = root if (root / "corpus").exists() else Path("evals/datasets")
        ctx = EvalContext(settings=Settings(), dataset=load_dataset(corpus), engine="extractive")
        service = DraftService(ctx.index, ctx.run_settings)
        for case in load_notes_cases(root / "notes" if (root / "notes").is_dir() else root):
            seen.clear()
            draft = service.draft(case.text, engine="extractive")
            document = draft.document
            facts, _, coverage = _score_document(document, case, ctx, _visible_notes(case.text))
            notes = draft.notes
            cases[(name, case.name)] = dict(
                seen,
                lines=[{"number": ln.number, "raw": ln.raw, "read": ln.as_read, "kind": ln.kind,
                        "continues": ln.continues} for ln in notes.lines],
                units=[{"line": s.line, "text": s.text,
                        "lines": [s.line, *notes.continuations(s.line)]} for s in notes.sentences],
                items=[{"section": sec.id, "text": it.text, "lines": sorted({e.line for e in it.evidence})}
                       for sec in document.sections for it in sec.items],
                facts=[f.to_json() for f in facts],
                coverage=coverage,
            )
            print(name, case.name, flush=True)
        ctx.close()
    with open(out, "wb") as handle:
        pickle.dump(cases, handle)


def classify(case: dict[str, Any], fact: dict[str, Any]) -> str:
    """The class of one missed fact (module docstring), from the recorded case."""
    from assistant.evaluation.metrics import found_keywords

    keys = fact["keywords"]

    def holds_all(text: str) -> bool:
        return len(found_keywords(text, keys)) == len(keys)

    content = {ln["number"] for ln in case["lines"] if ln["kind"] in {"content", "continuation"}}
    in_units = {n for u in case["units"] for n in u["lines"]}
    for key in keys:
        where = [ln["number"] for ln in case["lines"] if found_keywords(ln["read"], [key])
                 or found_keywords(ln["raw"], [key])]
        if where and not any(n in content or n in in_units for n in where):
            return "not_read"
    units = [u for u in case["units"] if holds_all(u["text"])]
    if not units:
        if all(any(found_keywords(u["text"], [k]) for u in case["units"]) for k in keys):
            return "split"
        return "other"
    cands = [c for c in case.get("cands", []) if holds_all(c["text"]) or holds_all(c["sentence"])]
    if not cands:
        return "not_candidate"
    placed = [c for c in cands if c["where"]]
    if not placed:
        counts, capacity = case["counts"], case["capacity"]
        room = any(s in capacity and counts.get(s, 0) < capacity[s] for c in cands for s in c["eligible"])
        return "not_selected" if room else "cut_by_limits"
    lines = {n for c in placed for n in c["lines"]}
    if not any(set(it["lines"]) & lines for it in case["items"]):
        return "dropped_after"
    return "reworded"


def report(path: str, listing: bool) -> None:
    """Print the loss breakdown per set, and the placement of covered facts."""
    with open(path, "rb") as handle:
        cases = pickle.load(handle)
    by_set: dict[str, Counter[str]] = defaultdict(Counter)
    rows: list[tuple[str, str, str, str, str]] = []
    for (name, case_name), case in cases.items():
        for fact in case["facts"]:
            tally = by_set[name]
            tally["facts"] += 1
            if fact["covered"]:
                tally["covered"] += 1
                tally["placed" if fact["item_section"] == fact["section"] else "other_section"] += 1
                continue
            kind = classify(case, fact)
            tally[kind] += 1
            rows.append((name, case_name, kind, fact["section"], fact["fact"]))
    head = ["set", "facts", "covered", *CLASSES, "placed", "other_section"]
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    total: Counter[str] = Counter()
    for name, tally in by_set.items():
        total.update(tally)
        print(" | ".join([name, *(str(tally[h]) for h in head[1:])]))
    if len(by_set) > 1:
        print(" | ".join(["all", *(str(total[h]) for h in head[1:])]))
    if listing:
        for row in sorted(rows):
            print("\t".join(row))


def main() -> None:
    """Command line: `record OUT name=folder ...` or `report OUT [--list]`."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("out")
    rec.add_argument("folders", nargs="+")
    rep = sub.add_parser("report")
    rep.add_argument("path")
    rep.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.command == "record":
        record(args.out, args.folders)
    else:
        report(args.path, args.list)


if __name__ == "__main__":
    main()
