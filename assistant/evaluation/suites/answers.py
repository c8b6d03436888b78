"""The answers suite: asks every question through the Ask service and scores answers and citations.

- citation validity: an answer is valid when every `[n]` marker in it resolves to a citation
  numbered n, and an answer that is not a refusal cites at least once;
- citation support: each sentence (or list line) with markers, markers removed, is checked by the
  product's grounding checker (similarity plus figures, dates, names and negations) against the
  chunks it cites, each with its session's title, year, date, organisers and section (answers name
  the session and section they quote); a sentence that counts sessions ("5 sessions … [1]…[5]") is
  supported when the count equals the number of distinct sessions it cites;
- keyword recall: the question's answer_keywords found in the answer (normalised, whole words, see
  `metrics`); a refused answer finds none (a refusal that repeats the keywords says nothing), and
  a quoted span that only echoes the question does not count;
- refusals: unanswerable questions must be refused (refusal accuracy), answerable ones must not
  (false refusal rate);
- whole-corpus (aggregate) questions: the sessions the answer names (a citation whose title it
  writes out) or cites with a `[n]` marker in its text, against the gold sessions: recall is the
  share of gold sessions among them, precision the share of them that are gold (listing extra
  sessions lowers it; citations the text never points at do not count);
- a refusal for a detail the sessions do not state lists it in the case's `not_stated`.
"""

from __future__ import annotations

import re
import time
from typing import Any

from assistant.domain.template import Template
from assistant.errors import NotFoundError, RapporteurError
from assistant.evaluation.context import EvalContext
from assistant.evaluation.datasets import doc_key
from assistant.evaluation.metrics import (
    citation_numbers,
    cited_sentences,
    found_keywords,
    mean,
    normalise,
    strip_citations,
)
from assistant.evaluation.report import Metric, SuiteResult, Table, format_value

TYPES = ("single", "multi", "aggregate", "unanswerable")
COUNT_SENTENCE = re.compile(r"^\W*(\d+)\s+(?:sessions?|outcome\s+documents?|documents?)\b", re.IGNORECASE)


def section_label(template: Template, section_id: str, part: str = "") -> str:
    """A section as answers name it: "Tangible outcomes", "Towards WSIS+20 and beyond – Challenges"."""
    try:
        spec = template.section(section_id)
    except NotFoundError:
        return section_id
    found = spec.part(part) if part and spec.parts else None
    return f"{spec.short} – {found.heading}" if found else spec.short


def citation_evidence(citation: Any, template: Template) -> list[str]:
    """What a citation puts behind a sentence: its chunk, and the session's title, year, date, organisers
    and section (answers name the session and section they quote, and the organisers when asked)."""
    year = f"({citation.year})" if citation.year else ""
    organisers = str(getattr(citation, "organisers", "") or "")
    about = " ".join(p for p in (str(citation.title or ""), year, str(citation.date or ""), organisers) if p)
    label = section_label(template, str(citation.section or ""), str(citation.part or ""))
    return [citation.text, f"{about}, {label}" if about else label]


def count_verdict(sentence: str, numbers: list[int], by_n: dict[int, Any]) -> bool | None:
    """For a sentence that counts sessions ("5 sessions … [1][2][3][4][5]"): is the count the number of
    distinct sessions it cites? None for any other sentence."""
    match = COUNT_SENTENCE.match(strip_citations(sentence))
    if not match:
        return None
    cited = {by_n[n].doc_id for n in numbers if n in by_n}
    return int(match.group(1)) == len(cited)


def check_answer(answer: Any) -> dict[str, Any]:
    """Marker validity of one answer: the markers, those that resolve to nothing, and the verdict."""
    numbers = citation_numbers(answer.answer)
    known = {c.n for c in answer.citations}
    dangling = sorted({n for n in numbers if n not in known})
    valid = not dangling and (bool(numbers) or answer.refused)
    return {"markers": len(numbers), "dangling": dangling, "valid": valid}


_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{3,})[\"“”«»]|(?<!\w)'([^']{3,})'(?!\w)")


def without_echoes(answer: str, question: str) -> str:
    """The answer less the quoted spans that only repeat words of the question."""
    asked = f" {normalise(question)} "

    def drop(match: re.Match[str]) -> str:
        quoted = normalise(match.group(1) or match.group(2) or "")
        return " " if quoted and f" {quoted} " in asked else match.group(0)

    return _QUOTED.sub(drop, answer)


def keywords_in_answer(answer: str, refused: bool, question: str, keywords: list[str]) -> list[str]:
    """The answer keywords an answer states: none in a refusal, none held only by a quote of the question."""
    return [] if refused else found_keywords(without_echoes(answer, question), keywords)


def sessions_named(answer: str, citations: Any) -> set[str]:
    """The sessions an answer points at: those its `[n]` markers cite, and those whose title it writes."""
    by_n = {c.n: c for c in citations}
    found = {by_n[n].doc_id for n in citation_numbers(answer) if n in by_n}
    text = f" {normalise(strip_citations(answer))} "
    for citation in citations:
        title = normalise(str(citation.title or ""))
        if len(title.split()) >= 2 and f" {title} " in text:
            found.add(citation.doc_id)
    return found


def run_answers(ctx: EvalContext) -> SuiteResult:
    """Ask every question, then score validity, support, keywords, refusals and aggregate recall."""
    from assistant.ask.service import AskService
    from assistant.llm.chat_model import LLMUnavailableError

    result = SuiteResult(name="answers")
    service = AskService(ctx.index, ctx.run_settings)
    ctx.encoder.encode([q.question for q in ctx.dataset.questions])  # one batch instead of one call each
    cases: list[dict[str, Any]] = []
    support_pairs: list[tuple[str, list[str]]] = []
    pair_case: list[tuple[int, str, list[int]]] = []
    for number, question in enumerate(ctx.dataset.questions, 1):
        ctx.progress(f"asking question {question.id} ({number}/{len(ctx.dataset.questions)})")
        started = time.perf_counter()
        try:
            answer = service.ask(
                question.question, k=5, engine=ctx.engine, model=ctx.model, chat_model=ctx.chat_model
            )
        except LLMUnavailableError:
            raise  # no model to talk to: the suite cannot run (and must not wait once per question)
        except RapporteurError as exc:
            result.notes.append(f"{question.id}: the Ask service failed: {type(exc).__name__}: {exc}")
            cases.append(
                {"id": question.id, "type": question.type, "question": question.question, "error": str(exc)}
            )
            continue
        seconds = time.perf_counter() - started
        by_n = {c.n: c for c in answer.citations}
        case: dict[str, Any] = {
            "id": question.id,
            "type": question.type,
            "question": question.question,
            "answer": answer.answer,
            "refused": answer.refused,
            "not_stated": list(getattr(answer, "not_stated", []) or []),
            "kind": answer.kind,
            "seconds": round(seconds, 3),
            "citations": [
                {"n": c.n, "doc_id": c.doc_id, "title": c.title, "section": c.section, "text": c.text}
                for c in answer.citations
            ],
            **check_answer(answer),
        }
        if question.answerable:
            found = keywords_in_answer(
                answer.answer, answer.refused, question.question, question.answer_keywords
            )
            case["keywords_found"] = found
            case["keywords_missing"] = [k for k in question.answer_keywords if k not in found]
            gold = [doc_key(g) for g in question.gold_docs]
            cited = set() if answer.refused else sessions_named(answer.answer, answer.citations)
            case["gold"] = gold
            case["gold_cited"] = [g for g in gold if g in cited]
            case["cited_sessions"] = sorted(cited)
        if not answer.refused:
            for sentence, numbers in cited_sentences(answer.answer):
                counted = count_verdict(sentence, numbers, by_n)
                if counted is not None:
                    reason = "count of the cited sessions" + ("" if counted else " is wrong")
                    case.setdefault("sentences", []).append(
                        {
                            "sentence": sentence,
                            "cites": numbers,
                            "supported": counted,
                            "similarity": None,
                            "reason": reason,
                        }
                    )
                    continue
                evidence = [t for n in numbers if n in by_n for t in citation_evidence(by_n[n], ctx.template)]
                support_pairs.append((strip_citations(sentence), evidence))
                pair_case.append((len(cases), sentence, numbers))
        cases.append(case)
    verdicts = ctx.checker.check_many(support_pairs) if support_pairs else []
    for (index, sentence, numbers), verdict in zip(pair_case, verdicts, strict=True):
        cases[index].setdefault("sentences", []).append(
            {
                "sentence": sentence,
                "cites": numbers,
                "supported": verdict.supported,
                "similarity": round(verdict.similarity, 3),
                "reason": verdict.reason,
            }
        )
    _judge(ctx, cases, result.notes)
    result.cases = cases
    result.metrics = _metrics(cases, ctx.judge.name if ctx.judge else None)
    result.tables = [_types_table(cases)]
    return result


def _judge(ctx: EvalContext, cases: list[dict[str, Any]], notes: list[str]) -> None:
    if ctx.judge is None:
        return
    from assistant.llm.chat_model import LLMError

    for case in cases:
        by_n = {c["n"]: c for c in case.get("citations", [])}
        for sentence in case.get("sentences", []):
            evidence = [by_n[n]["text"] for n in sentence["cites"] if n in by_n]
            try:
                sentence["judge_supported"] = ctx.judge.supported(
                    strip_citations(sentence["sentence"]), evidence
                )
            except LLMError as exc:
                notes.append(f"the judge {ctx.judge.name} failed, judge figures are partial: {exc}")
                return


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def _metrics(cases: list[dict[str, Any]], judge: str | None) -> dict[str, Metric]:
    answered = [c for c in cases if "error" not in c]
    answerable = [c for c in answered if c["type"] != "unanswerable"]
    unanswerable = [c for c in answered if c["type"] == "unanswerable"]
    sentences = [s for c in answered for s in c.get("sentences", [])]
    aggregate = [c for c in answerable if c["type"] == "aggregate" and c.get("gold")]
    metrics = {
        "citation_validity": Metric(
            _share([c["valid"] for c in answered]),
            support=len(answered),
            description="answers whose every [n] resolves (and that cite, unless refused)",
        ),
        "citation_support": Metric(
            _share([s["supported"] for s in sentences]),
            support=len(sentences),
            description="cited sentences grounded in the chunks they cite",
        ),
        "keyword_recall": Metric(
            mean(
                len(c["keywords_found"]) / len(c["keywords_found"] + c["keywords_missing"])
                for c in answerable
                if c["keywords_found"] or c["keywords_missing"]
            ),
            support=len(answerable),
            description="answer keywords found in answers to answerable questions (none in a refusal, "
            "none in a quote of the question)",
        ),
        "refusal_accuracy": Metric(
            _share([c["refused"] for c in unanswerable]),
            support=len(unanswerable),
            description="unanswerable questions refused",
        ),
        "false_refusals": Metric(
            _share([c["refused"] for c in answerable]),
            support=len(answerable),
            description="answerable questions refused (lower is better)",
        ),
        "aggregate_gold_recall": Metric(
            mean(len(c["gold_cited"]) / len(c["gold"]) for c in aggregate),
            support=len(aggregate),
            description="gold sessions among those whole-corpus answers name or cite in their text",
        ),
        "aggregate_gold_precision": Metric(
            mean(len(c["gold_cited"]) / len(c["cited_sessions"]) if c["cited_sessions"] else 0.0
                 for c in aggregate),
            support=len(aggregate),
            description="sessions whole-corpus answers name or cite in their text that are gold sessions",
        ),
        "errors": Metric(
            float(len(cases) - len(answered)),
            unit="count",
            support=len(cases),
            description="questions the Ask service failed on",
        ),
        "seconds_per_answer": Metric(
            mean(c["seconds"] for c in answered),
            unit="seconds",
            support=len(answered),
            description="wall time per answer",
        ),
    }
    if judge:
        judged = [s["judge_supported"] for s in sentences if "judge_supported" in s]
        metrics["judge_faithfulness"] = Metric(
            _share(judged),
            judge=judge,
            support=len(judged),
            description="cited sentences the LLM judge finds supported",
        )
    return metrics


def _types_table(cases: list[dict[str, Any]]) -> Table:
    rows = []
    for question_type in TYPES:
        typed = [c for c in cases if c["type"] == question_type and "error" not in c]
        if not typed:
            continue
        keywords = [
            len(c["keywords_found"]) / len(c["keywords_found"] + c["keywords_missing"])
            for c in typed
            if c.get("keywords_found") or c.get("keywords_missing")
        ]
        sentences = [s["supported"] for c in typed for s in c.get("sentences", [])]
        rows.append(
            [
                question_type,
                len(typed),
                format_value(_share([c["refused"] for c in typed]), "rate"),
                format_value(_share([c["valid"] for c in typed]), "rate"),
                format_value(_share(sentences), "rate"),
                format_value(mean(keywords), "rate"),
            ]
        )
    return Table(
        title="Answers by question type",
        rows=rows,
        columns=["type", "questions", "refused", "citations valid", "sentences supported", "keyword recall"],
    )
