"""The checker suite: how well the grounding check tells supported claims from unsupported ones.

Runs the product's `GroundingChecker` on every labelled claim/evidence pair. The positive class is
"supported": precision = supported verdicts that are right, recall = supported pairs recognised.
Accuracy is also given per kind of pair (paraphrase, swapped number, negation, …), and, as a
reference, the accuracy of similarity alone at the checker's own similarity floor. With an LLM
judge configured, the judge answers the same pairs and its precision and recall are reported too.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from assistant.evaluation.context import EvalContext
from assistant.evaluation.metrics import precision_recall
from assistant.evaluation.report import Metric, SuiteResult, Table, format_value


def run_checker(ctx: EvalContext) -> SuiteResult:
    """Check every labelled pair and score the checker's verdicts."""
    result = SuiteResult(name="checker")
    pairs = ctx.dataset.grounding
    ctx.progress(f"checking {len(pairs)} claim/evidence pairs")
    checker = ctx.checker
    verdicts = checker.check_many([(p.claim, [p.evidence]) for p in pairs])
    predicted = [v.supported for v in verdicts]
    actual = [p.supported for p in pairs]
    similarity_only = [v.similarity >= checker.threshold for v in verdicts]
    precision, recall = precision_recall(predicted, actual)
    sim_precision, sim_recall = precision_recall(similarity_only, actual)
    per_kind: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for pair, verdict, by_similarity in zip(pairs, verdicts, similarity_only, strict=True):
        right = verdict.supported == pair.supported
        per_kind[pair.kind or ("supported" if pair.supported else "unsupported")].append(
            (right, by_similarity == pair.supported)
        )
        result.cases.append(
            {
                "id": pair.id,
                "kind": pair.kind,
                "claim": pair.claim,
                "evidence": pair.evidence,
                "supported": pair.supported,
                "predicted": verdict.supported,
                "correct": right,
                "similarity": round(verdict.similarity, 3),
                "missing": verdict.missing,
                "reason": verdict.reason,
            }
        )
    accuracy = sum(p == a for p, a in zip(predicted, actual, strict=True)) / len(pairs) if pairs else None
    result.metrics = {
        "precision": Metric(
            precision, support=sum(predicted), description="verdicts 'supported' that are right"
        ),
        "recall": Metric(recall, support=sum(actual), description="supported pairs recognised as supported"),
        "accuracy": Metric(accuracy, support=len(pairs), description="pairs judged right"),
    }
    rows: list[list[Any]] = []
    for kind, outcomes in sorted(per_kind.items()):
        ok = sum(1 for right, _ in outcomes if right)
        sim_ok = sum(1 for _, right in outcomes if right)
        rows.append(
            [
                kind,
                len(outcomes),
                format_value(ok / len(outcomes), "rate"),
                format_value(sim_ok / len(outcomes), "rate"),
            ]
        )
        result.metrics[f"accuracy_{kind}"] = Metric(
            ok / len(outcomes), support=len(outcomes), description=f"accuracy on {kind} pairs"
        )
    result.tables = [
        Table(
            title="Grounding checker by kind of pair",
            columns=["kind", "pairs", "checker", "similarity only"],
            rows=rows,
            note=f"'similarity only' = supported when similarity >= {checker.threshold:.2f}, "
            "without the figure, name and negation tests.",
        ),
        Table(
            title="Grounding checker against similarity alone",
            columns=["method", "precision", "recall"],
            rows=[
                [
                    "checker (similarity + facts)",
                    format_value(precision, "rate"),
                    format_value(recall, "rate"),
                ],
                ["similarity only", format_value(sim_precision, "rate"), format_value(sim_recall, "rate")],
            ],
        ),
    ]
    if ctx.judge is not None:
        _judge(ctx, result)
    return result


def _judge(ctx: EvalContext, result: SuiteResult) -> None:
    """The LLM judge on the same pairs: its precision and recall beside the checker's."""
    from assistant.llm.chat_model import LLMError

    judge = ctx.judge
    assert judge is not None
    verdicts: list[tuple[bool, bool]] = []
    for case in result.cases:
        try:
            said = judge.supported(case["claim"], [case["evidence"]])
        except LLMError as exc:
            result.notes.append(f"the judge {judge.name} failed, judge figures are partial: {exc}")
            break
        case["judge_supported"] = said
        verdicts.append((said, case["supported"]))
    precision, recall = precision_recall([p for p, _ in verdicts], [a for _, a in verdicts])
    result.metrics["judge_precision"] = Metric(
        precision,
        judge=judge.name,
        support=sum(p for p, _ in verdicts),
        description="the LLM judge's 'supported' verdicts that are right",
    )
    result.metrics["judge_recall"] = Metric(
        recall,
        judge=judge.name,
        support=sum(a for _, a in verdicts),
        description="supported pairs the LLM judge recognises",
    )
