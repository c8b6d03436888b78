"""A claim restating `not A but B` keeps the contrast whole: cut at `but`, its first clause read
alone affirmed A, and the checker rejected a verbatim bullet as a reversed contrast. Illustrative
wordings written for this test."""

from __future__ import annotations

from assistant.drafting.checks import GroundingChecker
from assistant.drafting.checks.alignment import claim_clauses

EVIDENCE = ["DS = Dmitri Sokol",
            "DS: the main cost is not devices but keeping a paid staff member after the pilot ends"]


def test_a_not_but_contrast_is_one_clause_and_a_plain_but_still_splits() -> None:
    whole = "Dmitri Sokol noted that the main cost is not devices but keeping a paid staff member."
    assert claim_clauses(whole) == [whole]
    assert claim_clauses("The main cost is devices but keeping staff is hard too.") == [
        "The main cost is devices", "but keeping staff is hard too."]


def test_a_restated_not_but_contrast_is_supported_and_a_reversed_one_is_not(embedder) -> None:
    checker = GroundingChecker(embedder)
    same = checker.check("Dmitri Sokol noted that the main cost is not devices but keeping a paid "
                         "staff member after the pilot ends.", EVIDENCE)
    assert same.supported, same.reason
    turned = checker.check("Dmitri Sokol noted that the main cost is devices, not keeping a paid "
                           "staff member after the pilot ends.", EVIDENCE)
    assert not turned.supported
