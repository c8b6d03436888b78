"""The one sentence splitter (assistant/domain/sentences.py): where a sentence ends and where it does not.

The texts are written for these tests (illustrative), not taken from any notes set.
"""

from __future__ import annotations

import pytest

from assistant.domain.sentences import abbreviations, sentence_spans, split_sentences


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Amal Haddad opened the session.",
        "The U.N. agencies met in Geneva.",
        "Resolution No. 5 was cited by Prof. Tan.",
        "Partners, e.g. the regional banks, joined the fund.",
        "The budget grew to USD 2.6bn, up 3.5% on last year.",
        "J. Okoro from the Ministry chaired the panel.",
        "Part 2. 5 pages cover the pilot.",
    ],
)
def test_abbreviations_initials_and_decimals_do_not_end_a_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


def test_end_punctuation_followed_by_a_capital_ends_a_sentence() -> None:
    text = "Costs fell by half. Did it work? Yes! The pilot moved to 12 towns."
    assert split_sentences(text) == [
        "Costs fell by half.", "Did it work?", "Yes!", "The pilot moved to 12 towns."]


def test_a_line_without_final_punctuation_is_one_sentence() -> None:
    assert split_sentences("  access rose in rural schools  ") == ["access rose in rural schools"]
    assert split_sentences("Access rose. then a note without a stop", lowercase_starts=True) == [
        "Access rose.", "then a note without a stop"]
    assert split_sentences("") == [] and split_sentences("   ") == []


def test_citation_markers_stay_with_the_sentence_they_follow() -> None:
    text = "Uptake doubled [1]. It cost little.[2] Donors paid [3, 4]. No source here."
    assert split_sentences(text, lowercase_starts=True, semicolons="never") == [
        "Uptake doubled [1].", "It cost little.[2]", "Donors paid [3, 4].", "No source here."]


def test_closing_quotes_and_brackets_belong_to_the_sentence() -> None:
    text = 'She said "we will publish it." The board agreed. (A draft is online.) Comments close in May.'
    assert split_sentences(text) == [
        'She said "we will publish it."', "The board agreed.", "(A draft is online.)",
        "Comments close in May."]


def test_punctuation_inside_brackets_does_not_end_the_sentence_before_lower_case() -> None:
    text = "three states signed a pact (finally!) on shared cable repairs"
    assert split_sentences(text, lowercase_starts=True) == [text]


def test_ellipses_end_a_sentence_only_before_what_starts_one() -> None:
    text = "Funding was cut... and then restored."
    assert split_sentences(text) == [text]
    assert split_sentences("Funding was cut... Staff left.") == ["Funding was cut...", "Staff left."]


def test_lower_case_starts_are_sentences_only_in_notes_mode() -> None:
    text = "costs fell. uptake rose."
    assert split_sentences(text) == [text]
    assert split_sentences(text, lowercase_starts=True) == ["costs fell.", "uptake rose."]


def test_semicolons_join_cut_before_a_capital_or_cut_every_clause() -> None:
    text = "Kenya led the pilot; Ghana followed; costs fell; and uptake rose"
    assert split_sentences(text, semicolons="never") == [text]
    assert split_sentences(text) == ["Kenya led the pilot;", "Ghana followed; costs fell; and uptake rose"]
    assert split_sentences(text, lowercase_starts=True, semicolons="always") == [
        "Kenya led the pilot;", "Ghana followed;", "costs fell; and uptake rose"]


def test_spaced_dashes_before_a_capital_cut_only_when_asked() -> None:
    text = "budget approved -- Ministers to report in June - next steps unclear"
    assert split_sentences(text, lowercase_starts=True) == [text]
    assert split_sentences(text, lowercase_starts=True, dashes=True) == [
        "budget approved", "Ministers to report in June - next steps unclear"]


def test_spans_point_into_the_text_with_white_space_trimmed() -> None:
    text = "  First point.   Second point.  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["First point.", "Second point."]
    assert spans[0][0] == 2


def test_the_abbreviations_are_data_and_compared_without_case() -> None:
    assert {"dr", "e.g", "no", "etc"} <= abbreviations()
    text = "Talks led by DR. Amal Haddad resume soon."
    assert split_sentences(text) == [text]
