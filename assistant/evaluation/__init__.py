"""The evaluation suite: drafts, retrieval, answers and the grounding checker measured on datasets.

`run_evaluation(settings, suites, datasets, engine, out)` runs it and returns an `EvalReport`
(Markdown, HTML and JSON); `rapporteur eval` and the web app's Evaluate tab are thin shells over it.
Heavy libraries are imported only when a suite runs.
"""

from assistant.evaluation.report import EvalReport
from assistant.evaluation.runner import SUITES, run_evaluation

__all__ = ["SUITES", "EvalReport", "run_evaluation"]
