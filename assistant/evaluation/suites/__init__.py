"""The four suites of the evaluation: drafts, retrieval, answers and the grounding checker."""
