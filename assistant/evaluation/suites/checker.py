"""The checker suite: how well the grounding check tells supported claims from unsupported ones.

Runs the product's `GroundingChecker` on every labelled claim/evidence pair. The positive class is
"supported": precision = supported verdicts that are right, recall = supported pairs recognised.
Accuracy is also given per kind of pair (paraphrase, swapped number, overclaim, wrong speaker, …),
as counts of supported pairs accepted and unsupported pairs caught, for the odd and the even lines of
the file apart (so a threshold fitted on one half can be read on the other), and, as a reference,
the accuracy of similarity alone at the checker's own similarity floor. With an LLM
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
    accepted = sum(1 for p, a in zip(predicted, actual, strict=True) if p and a)
    caught = sum(1 for p, a in zip(predicted, actual, strict=True) if not p and not a)
    supported_pairs, unsupported_pairs = sum(actual), len(actual) - sum(actual)
    result.metrics = {
        "precision": Metric(
            precision, support=sum(predicted), description="verdicts 'supported' that are right"
        ),
        "recall": Metric(recall, support=sum(actual), description="supported pairs recognised as supported"),
        "accuracy": Metric(accuracy, support=len(pairs), description="pairs judged right"),
        "supported_accepted": Metric(
            accepted / supported_pairs if supported_pairs else None, support=supported_pairs,
            description="supported pairs the checker accepts",
        ),
        "unsupported_caught": Metric(
            caught / unsupported_pairs if unsupported_pairs else None, support=unsupported_pairs,
            description="unsupported pairs the checker refuses",
        ),
    }
    rows: list[list[Any]] = []
    for kind, outcomes in sorted(per_kind.items()):
        ok = sum(1 for right, _ in outcomes if right)
        sim_ok = sum(1 for _, right in outcomes if right)
        rows.append(
            [
                kind,
                len(outcomes),
                f"{ok}/{len(outcomes)}",
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
            columns=["kind", "pairs", "right", "checker", "similarity only"],
            rows=rows,
            note=f"'similarity only' = supported when similarity >= {checker.threshold:.2f}, "
            "without the figure, name and negation tests.",
        ),
        _halves_table(pairs, predicted),
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


def _halves_table(pairs: list[Any], predicted: list[bool]) -> Table:
    """Supported accepted and unsupported caught on the odd lines, the even lines and all of the file."""
    rows: list[list[Any]] = []
    halves = {"odd lines (1, 3, …)": 0, "even lines (2, 4, …)": 1, "all": None}
    for label, parity in halves.items():
        chosen = [n for n in range(len(pairs)) if parity is None or n % 2 == parity]
        supported = [n for n in chosen if pairs[n].supported]
        unsupported = [n for n in chosen if not pairs[n].supported]
        rows.append([
            label,
            f"{sum(predicted[n] for n in supported)}/{len(supported)}",
            f"{sum(not predicted[n] for n in unsupported)}/{len(unsupported)}",
        ])
    return Table(
        title="Grounding checker by half of the file",
        columns=["pairs", "supported accepted", "unsupported caught"],
        rows=rows,
        note="Line numbers of grounding.jsonl; fit a threshold on one half and read the other.",
    )


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
