"""The drafts suite: drafts every notes file of the dataset and scores coverage, grounding, facts, time.

Per draft:
- coverage, counted only where the notes have material (the sections the facts file labels): each
  such section must be present and filled within its limits and shape; the header must be complete
  (title, organisers, date, and the URL when the facts file gives one). Coverage = passed units /
  units, one unit per material section plus one for the header, plus one failed unit for each
  section filled where the notes have no material (padding). Only substantive items count (three
  content words or more: "issue 0" is no item). The lower limit asks no more items than the notes
  have facts for that section (notes with one recommendation get a one-point action plan, not an
  invented second one); the upper limit always holds.
- header accuracy: title, organisers, date and URL against the facts file's (`headers`).
- grounding: every item's evidence must quote a line that exists in the notes (words of the quote
  found in that line), and the product's grounding checker must find the item supported by it;
  beside it, `grounding_lexical` is an independent judge (`lexical`) on the cited lines as written.
- leaks: items citing a noise line, or carrying the aside of a mixed line (`asides`).
- attributed: graded against the facts file's `speakers` key (`speakers`); a set whose facts files
  have no such key reports it as not measured, and its gate must not bound it.
- sentences: `prose` (dangling ends, empty "noted that" wrappers, items cut where a note line breaks).
- fact recall and hallucinations: see `assistant.evaluation.facts`; a draft with no facts is left out.
The LexRank and lead baselines are scored with the same rules on the same notes (see `baselines`),
with as many sentences as the real draft has items.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from assistant.corpus.keywords import STOP_WORDS
from assistant.domain.document import Item, OutcomeDocument
from assistant.domain.section_limits import judge_count
from assistant.drafting.checks import check_coverage, is_placeholder, with_leak_rule
from assistant.drafting.proposals import checked_claim
from assistant.evaluation.asides import leaks_aside
from assistant.evaluation.baselines import BASELINES, baseline_document
from assistant.evaluation.context import EvalContext
from assistant.evaluation.datasets import NotesCase
from assistant.evaluation.facts import ClaimMatch, DraftItem, FactMatch, find_claims, match_facts
from assistant.evaluation.headers import same_header
from assistant.evaluation.lexical import entailment
from assistant.evaluation.metrics import is_complete_sentence, mean, normalise
from assistant.evaluation.prose import cut_at_line_end, notes_language_of
from assistant.evaluation.report import Metric, SuiteResult, Table
from assistant.evaluation.speakers import attribution, speakers_of

SYSTEM = "rapporteur"
EVIDENCE_WORD_SHARE = 0.8


def document_items(document: OutcomeDocument) -> list[tuple[DraftItem, Any]]:
    """The real (non-placeholder) items of a document with their `Item` objects."""
    found = []
    for section in document.sections:
        for index, item in enumerate(section.items):
            if item.text.strip() and not is_placeholder(item):
                found.append((DraftItem(section.id, index, item.text), item))
    return found


def evidence_in_notes(quote: str, line: int, note_lines: list[str]) -> bool:
    """True when the evidence quotes its note line: the line exists and holds most of the quote's words."""
    if not 1 <= line <= len(note_lines):
        return False
    quoted = normalise(quote).split()
    if not quoted:
        return False
    source = set(normalise(note_lines[line - 1]).split())
    return sum(1 for w in quoted if w in source) >= EVIDENCE_WORD_SHARE * len(quoted)


def not_entailed(item: Item, template_lead: str, cited: list[str], allowed: list[str]) -> list[str]:
    """What the lexical judge finds in an item that its cited lines do not state. A rapporteur's
    proposal is read on the points it quotes: its lead (the template's or the notes' language's)
    says it is the rapporteur's proposal and claims nothing of the notes, in any language, so the
    judge reads it as the grounding check does (`checked_claim`)."""
    return entailment(checked_claim(item, template_lead), cited, allowed)


def substantive(text: str) -> bool:
    """True for an item with something to say: three content words or more ("issue 0" has one)."""
    content = [w for w in normalise(text).split() if w.isalpha() and len(w) > 2 and w not in STOP_WORDS]
    return len(content) >= 3


def coverage_units(document: OutcomeDocument, case: NotesCase, ctx: EvalContext) -> dict[str, Any]:
    """Coverage of one document where its notes have material: section by section, then the header.

    Only substantive items count towards a section's limits. A section filled where the notes have no
    material is a failed unit of its own (padding; a section holding only the rapporteur's flagged
    proposal is not padding), and the header unit needs every field present."""
    report = check_coverage(document, ctx.template)
    by_id = {s.id: s for s in report.sections}
    material = Counter(f.section for f in case.must_cover)
    counted = {
        section.id: sum(1 for i in section.items if not is_placeholder(i) and substantive(i.text))
        for section in document.sections
    }
    sections = []
    for section_id in case.material_sections:
        cov = by_id.get(section_id)
        if cov is None:
            sections.append(
                {
                    "section": section_id,
                    "ok": False,
                    "present": False,
                    "filled": False,
                    "within_limits": False,
                    "problems": ["not a section of the form"],
                }
            )
            continue
        items = counted.get(section_id, 0)
        lowest = min(cov.min_items, material[section_id])
        within = judge_count(cov, items, lowest).within and cov.shape_ok
        problems = [p for p in cov.problems if not (within and "below the minimum" in p)]
        if items < cov.items:
            problems.append(f"{cov.items - items} item(s) with too little to say (under three content words)")
        sections.append(
            {
                "section": section_id,
                "ok": cov.present and items > 0 and within,
                "present": cov.present,
                "filled": items > 0,
                "within_limits": within,
                "items": items,
                "required_items": f"{lowest}-{cov.max_items}",
                "problems": problems,
            }
        )
    required = ["title", "organisers", "date"] + (["url"] if case.header.get("url") else [])
    missing = [f for f in report.missing_header if f in required]
    header = document.header.model_dump()
    accurate = {
        name: same_header(name, str(header.get(name) or ""), case.header[name])
        for name in ("title", "organisers", "date", "url")
        if case.header.get(name)
    }
    # padding: a section filled where the notes have no material, unless all it holds is the
    # rapporteur's proposal the form asks for (flagged, and worded as a proposal to confirm)
    proposed = {section.id for section in document.sections
                if section.items and all("proposal" in i.flags for i in section.items)}
    unexpected = [s.id for s in report.sections
                  if s.filled and s.id not in case.material_sections and s.id not in proposed]
    passed = sum(1 for s in sections if s["ok"]) + (0 if missing else 1)
    return {
        "sections": sections,
        "header_missing": missing,
        "header_ok": not missing,
        "header_accurate": accurate,
        "units": len(sections) + 1 + len(unexpected),
        "passed": passed,
        "filled_without_material": unexpected,
    }


def _score_document(
    document: OutcomeDocument, case: NotesCase, ctx: EvalContext, visible_notes: str
) -> tuple[list[FactMatch], list[ClaimMatch], dict[str, Any]]:
    items = [d for d, _ in document_items(document)]
    cross = ctx.cross_scorer.encode if ctx.cross_scorer is not None else None
    facts = match_facts(case.must_cover, items, ctx.scorer.encode, cross)
    claims = find_claims(case.must_not_claim, items, visible_notes, ctx.scorer.encode, cross)
    return facts, claims, coverage_units(document, case, ctx)


def _visible_notes(text: str) -> str:
    """The notes without their injection lines (what counts as "stated in the notes")."""
    from assistant.drafting.notes import read_notes

    notes = read_notes(text)
    return "\n".join(line.raw for line in notes.lines if line.kind != "injection")


def _grounding(document: OutcomeDocument, case: NotesCase, ctx: EvalContext) -> list[dict[str, Any]]:
    """The verdict on every item: evidence found in the notes, the product's grounding check beside the
    independent lexical judge, leaks, whether it reads as a sentence, and its attribution (from the key)."""
    from assistant.drafting.notes import read_notes

    # each line as pasted and as the notes reader reads it (a transcript turn's line carries its
    # speaker from the turn's heading, a table row reads `time speaker: words`); read here from
    # the case's own text, never taken from the product's output
    note_lines = [f"{line.raw} {line.read}" for line in read_notes(case.text).lines]
    raw_lines = case.text.splitlines()  # what the independent judges read: the notes as written
    pairs = document_items(document)
    # a rapporteur's proposal is checked on the points it quotes, as the product checks it
    leads = {spec.id: spec.proposal_lead for spec in ctx.template.sections}
    verdicts = ctx.checker.check_many([(checked_claim(item, leads.get(ref.section, "")),
                                        [e.text for e in item.evidence]) for ref, item in pairs])
    verdicts = [with_leak_rule(v, item.evidence) for v, (_, item) in zip(verdicts, pairs, strict=True)]
    noise = set(case.noise_lines)
    roster = case.speakers or []
    # a short item of notes typed in French or Spanish is read as that language (issue 27, tenth round)
    notes_lang = notes_language_of(case.text)
    results = []
    for (ref, item), verdict in zip(pairs, verdicts, strict=True):
        stray = [e.line for e in item.evidence if not evidence_in_notes(e.text, e.line, note_lines)]
        supported = verdict.supported and not stray and bool(item.evidence)
        reason = verdict.reason
        if stray:
            reason = f"evidence not found in note line(s) {', '.join(map(str, stray))}; " + reason
        cited = sorted({e.line for e in item.evidence})
        cited_text = [raw_lines[n - 1] for n in cited if 1 <= n <= len(raw_lines)]
        allowed = [f"{s.name} {s.org}" for s in speakers_of(cited, roster)]
        unentailed = not_entailed(item, leads.get(ref.section, ""), cited_text, allowed)
        cut = cut_at_line_end(item.text, cited, raw_lines, noise=noise)
        graded = attribution(item.text, cited, roster)
        results.append(
            {
                "section": ref.section,
                "index": ref.index,
                "part": item.part,
                "text": item.text,
                "evidence": [{"line": e.line, "text": e.text} for e in item.evidence],
                "supported": supported,
                "similarity": round(verdict.similarity, 3),
                "missing": verdict.missing,
                "reason": reason,
                "lexically_entailed": not unentailed,
                "not_in_cited_lines": unentailed,
                "leaks": sorted(set(cited) & noise),
                "aside_leak": leaks_aside(item.text, cited, raw_lines, case.mixed_lines),
                "sentence": is_complete_sentence(item.text, notes_lang) and not cut,
                "cut_at_line_end": cut,
                "sentence_line_rule": is_complete_sentence(item.text, notes_lang)
                and not cut_at_line_end(item.text, cited, raw_lines, lists=False),
                "speakers": graded["speakers"] if graded else [],
                "credited": graded["credited"] if graded else "",
                "attributed": bool(graded and graded["attributed"]),
                "attribution_graded": graded is not None,
            }
        )
    return results


def _judge(ctx: EvalContext, grounding: list[dict[str, Any]], notes: list[str]) -> None:
    if ctx.judge is None:
        return
    from assistant.llm.chat_model import LLMError

    for item in grounding:
        try:
            item["judge_supported"] = ctx.judge.supported(item["text"], [e["text"] for e in item["evidence"]])
        except LLMError as exc:
            notes.append(f"the judge {ctx.judge.name} failed, judge figures are partial: {exc}")
            return


def run_drafts(ctx: EvalContext) -> SuiteResult:
    """Draft every notes file, score drafts and baselines, and build the suite's figures and tables."""
    result = SuiteResult(name="drafts")
    from assistant.drafting.service import DraftService
    from assistant.llm.chat_model import LLMUnavailableError

    service = DraftService(ctx.index, ctx.run_settings)
    systems = [SYSTEM, *BASELINES]
    totals: dict[str, dict[str, list[float]]] = {
        s: {"facts": [], "claims": [], "units": [], "passed": [], "seconds": []} for s in systems
    }
    section_recall: dict[str, dict[str, list[bool]]] = {s: {} for s in systems}
    grounded: list[bool] = []
    entailed: list[bool] = []
    keyed_speakers = any(case.speakers is not None for case in ctx.dataset.notes)
    leaks: list[int] = []
    noise_checked: list[bool] = []
    attributed: list[bool] = []
    sentences: list[bool] = []
    line_rule: list[bool] = []  # the same with the cut rule before session 9 (see `prose.cut_at_line_end`)
    judged: list[bool] = []
    header_ok: list[bool] = []
    header_accurate: list[bool] = []
    limits: list[bool] = []
    present: list[bool] = []
    for number, case in enumerate(ctx.dataset.notes, 1):
        ctx.progress(f"drafting {case.name} ({number}/{len(ctx.dataset.notes)})")
        visible = _visible_notes(case.text)
        started = time.perf_counter()
        try:
            draft = service.draft(case.text, engine=ctx.engine, model=ctx.model, chat_model=ctx.chat_model)
        except LLMUnavailableError:
            raise  # no model to talk to: the suite cannot run (and must not wait once per notes file)
        except Exception as exc:  # one failing draft is a finding, not the end of the run
            result.notes.append(f"{case.name}: drafting failed: {type(exc).__name__}: {exc}")
            result.cases.append({"name": case.name, "session": case.session, "error": str(exc)})
            if case.must_cover:
                totals[SYSTEM]["facts"].append(0.0)
            totals[SYSTEM]["units"].append(float(len(case.material_sections) + 1))
            totals[SYSTEM]["passed"].append(0.0)
            continue
        wall = time.perf_counter() - started
        document = draft.document
        facts, claims, coverage = _score_document(document, case, ctx, visible)
        grounding = _grounding(document, case, ctx)
        _judge(ctx, grounding, result.notes)
        grounded += [g["supported"] for g in grounding]
        entailed += [g["lexically_entailed"] for g in grounding]
        if case.noise_lines or case.mixed_lines:
            leaks += [len(g["leaks"]) > 0 or g["aside_leak"] for g in grounding]
            noise_checked.append(True)
        attributed += [g["attributed"] for g in grounding if g["attribution_graded"]]
        sentences += [g["sentence"] for g in grounding]
        line_rule += [g["sentence_line_rule"] for g in grounding]
        judged += [g["judge_supported"] for g in grounding if "judge_supported" in g]
        header_ok.append(coverage["header_ok"])
        header_accurate += list(coverage["header_accurate"].values())
        present += [s["present"] and s["filled"] for s in coverage["sections"]]
        present += [False for _ in coverage["filled_without_material"]]  # padding: filled without material
        limits += [s["within_limits"] for s in coverage["sections"] if s["filled"]]
        _add(totals[SYSTEM], section_recall[SYSTEM], facts, claims, coverage, wall)
        n_items = len(document_items(document))
        case_data: dict[str, Any] = {
            "name": case.name,
            "session": case.session,
            "engine": draft.engine,
            "seconds": round(wall, 2),
            "header": document.header.model_dump(),
            "items": grounding,
            "coverage": coverage,
            "facts": [f.to_json() for f in facts],
            "claims": [c.to_json() for c in claims],
            "baselines": {},
        }
        for method in BASELINES:
            b_started = time.perf_counter()
            base = baseline_document(case.text, ctx.template, max(n_items, 1), method)
            b_seconds = time.perf_counter() - b_started
            b_facts, b_claims, b_cov = _score_document(base, case, ctx, visible)
            _add(
                totals[method],
                section_recall[method],
                b_facts,
                b_claims,
                b_cov,
                b_seconds,
            )
            case_data["baselines"][method] = {
                "fact_recall": draft_fact_recall(b_facts),
                "coverage": b_cov["passed"] / b_cov["units"],
                "hallucinations": sum(c.found for c in b_claims),
                "missed": [f.fact for f in b_facts if not f.covered],
            }
        result.cases.append(case_data)
    own = totals[SYSTEM]
    judge = ctx.judge.name if ctx.judge else None
    result.metrics = {
        "coverage": Metric(
            _ratio(own["passed"], own["units"]),
            unit="rate",
            support=int(sum(own["units"])),
            description="material sections filled within limits, and complete headers",
        ),
        "sections_filled": Metric(
            _share(present),
            support=len(present),
            description="sections with material in the notes that the draft fills with substantive items "
            "(a section filled without material counts against it)",
        ),
        "limits_respected": Metric(
            _share(limits),
            support=len(limits),
            description="filled material sections within the form's item limits",
        ),
        "header_complete": Metric(
            _share(header_ok), support=len(header_ok), description="drafts whose header fields are all filled"
        ),
        "header_accuracy": Metric(
            _share(header_accurate),
            support=len(header_accurate),
            description="header title, organisers, date and URL equal to the facts file's (normalised)",
        ),
        "grounding_rate": Metric(
            _share(grounded),
            support=len(grounded),
            description="items supported by the note lines they cite (the product's grounding check)",
        ),
        "grounding_lexical": Metric(
            _share(entailed),
            support=len(entailed),
            description="items whose figures, names and negations are all in the note lines they cite "
            "(independent lexical judge, not the product's checker)",
        ),
        "leaks": Metric(
            float(sum(leaks)) if noise_checked else None,
            unit="count",
            support=len(leaks),
            description="items whose evidence includes a line the facts file lists as noise "
            "(aside, logistics, injection), or that carry the aside of a mixed line they cite",
        ),
        "attributed": Metric(
            _share(attributed) if keyed_speakers else None,
            support=len(attributed),
            description="items drawn from a speaker's lines (the facts files' speakers key) that credit "
            "that speaker or organisation"
            + ("" if keyed_speakers else "; not graded: no facts file of this set has a speakers key"),
        ),
        "sentences": Metric(
            _share(sentences),
            support=len(sentences),
            description="items that read as complete sentences (capital, verb, end stop, no note shorthand, "
            "no dangling last word, no 'noted that' around a fragment, not cut where a note line breaks)",
        ),
        "sentences_line_rule": Metric(
            _share(line_rule),
            support=len(line_rule),
            description="the same, with the cut rule before session 9: any lower-case next line carries the "
            "sentence on, even the next point of a list typed one a line (reported for comparison)",
        ),
        "fact_recall": Metric(
            mean(own["facts"]),
            support=len(own["facts"]),
            description="must_cover facts found in the draft, whole words and the fact's polarity "
            "(mean over drafts that have facts)",
        ),
        "hallucinations": Metric(
            sum(own["claims"]),
            unit="count",
            support=len(own["claims"]),
            description="must_not_claim statements found in the drafts",
        ),
        "seconds_per_draft": Metric(
            mean(own["seconds"]),
            unit="seconds",
            support=len(own["seconds"]),
            description="wall time per draft, checks included",
        ),
        "max_seconds_per_draft": Metric(
            max(own["seconds"], default=None), unit="seconds", description="slowest draft"
        ),
    }
    if judge:
        result.metrics["judge_faithfulness"] = Metric(
            _share(judged),
            judge=judge,
            support=len(judged),
            description="items the LLM judge finds supported",
        )
    result.tables = [_systems_table(totals), _sections_table(section_recall)]
    return result


def _add(
    total: dict[str, list[float]],
    per_section: dict[str, list[bool]],
    facts: list[FactMatch],
    claims: list[ClaimMatch],
    coverage: dict[str, Any],
    seconds: float,
) -> None:
    recall = draft_fact_recall(facts)
    if recall is not None:
        total["facts"].append(recall)
    total["claims"].append(float(sum(c.found for c in claims)))
    total["units"].append(float(coverage["units"]))
    total["passed"].append(float(coverage["passed"]))
    total["seconds"].append(seconds)
    for fact in facts:
        per_section.setdefault(fact.section, []).append(fact.covered)


def draft_fact_recall(facts: list[FactMatch]) -> float | None:
    """Share of one draft's facts covered; None for a draft with no fact to find (left out, never 1.0)."""
    return _share([f.covered for f in facts])


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def _ratio(passed: list[float], units: list[float]) -> float | None:
    return sum(passed) / sum(units) if sum(units) else None


def _fmt(value: float | None, unit: str = "rate") -> str:
    from assistant.evaluation.report import format_value

    return format_value(value, unit)


def _systems_table(totals: dict[str, dict[str, list[float]]]) -> Table:
    rows = []
    for system, total in totals.items():
        rows.append(
            [
                system,
                _fmt(mean(total["facts"])),
                _fmt(_ratio(total["passed"], total["units"])),
                _fmt(sum(total["claims"]), "count"),
                _fmt(mean(total["seconds"]), "seconds"),
            ]
        )
    return Table(
        title="Drafter against extractive baselines (same notes, same number of items)",
        columns=["system", "fact recall", "coverage", "hallucinations", "time per draft"],
        rows=rows,
        note="Baselines pick sentences by LexRank centrality or take the first ones, with no sense of "
        "sections. Time: the drafter's includes its own coverage and grounding checks; the baselines' is "
        "the sentence picking alone.",
    )


def _sections_table(section_recall: dict[str, dict[str, list[bool]]]) -> Table:
    sections = list(dict.fromkeys(s for per in section_recall.values() for s in per))
    rows = [
        [s, *(_fmt(_share(section_recall[system].get(s, []))) for system in section_recall)] for s in sections
    ]
    return Table(
        title="Fact recall by the section the fact belongs to",
        columns=["section", *section_recall],
        rows=rows,
    )
