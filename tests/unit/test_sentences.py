"""The one sentence splitter (assistant/domain/sentences.py): where a sentence ends and where it does not.

The texts are written for these tests (illustrative), not taken from any notes set.
"""

from __future__ import annotations

import pytest

from assistant.domain.sentences import (
    abbreviations,
    is_subheading,
    plain_sentence,
    sentence_spans,
    split_sentences,
)


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


# --- `lists`: Markdown list items run together in one passage (issue 23, item 5) ---------------------
# The texts below are written for these tests (illustrative), in the shape outcome documents take
# when a section's bullets are typed on one line under bold sub-headings.

RUN_TOGETHER = ("**Trends** • Schools adopted tablets within a year. • Teachers share lessons online. "
                "**Challenges** • Power cuts in rural schools. • Few devices per pupil.")


def test_lists_cut_at_list_marks_and_bold_subheadings() -> None:
    assert split_sentences(RUN_TOGETHER, lists=True) == [
        "**Trends**", "Schools adopted tablets within a year.", "Teachers share lessons online.",
        "**Challenges**", "Power cuts in rural schools.", "Few devices per pupil.",
    ]


def test_without_lists_a_run_together_list_stays_one_sentence() -> None:
    # the other callers (chunking, answerability features) keep their cut
    assert split_sentences(RUN_TOGETHER) == [RUN_TOGETHER]


def test_lists_cut_at_line_breaks_between_items_and_after_a_subheading_line() -> None:
    text = ("*Next steps*\nA fund opens in May\n- Pilot in 12 towns\n- Review in 2026. Report back"
            "\n* Share data")
    assert split_sentences(text, lists=True) == [
        "*Next steps*", "A fund opens in May", "Pilot in 12 towns", "Review in 2026.", "Report back",
        "Share data",
    ]


def test_lists_keep_inline_emphasis_hyphens_and_spaced_dashes_inside_a_sentence() -> None:
    text = "The **Open Keys pack** - a free keyboard - covers 23 languages. Mid-term e-learning grew."
    assert split_sentences(text, lists=True) == [
        "The **Open Keys pack** - a free keyboard - covers 23 languages.", "Mid-term e-learning grew.",
    ]


def test_a_subheading_is_told_from_a_sentence() -> None:
    assert is_subheading("**Challenges**") and is_subheading("*Next steps:*") and is_subheading("__Aims__")
    assert not is_subheading("The **Open Keys pack** was launched.")
    assert not is_subheading("Challenges remain.")


@pytest.mark.parametrize(
    ("marked", "plain"),
    [
        ("The **Open Keys pack**, a free keyboard, ran.", "The Open Keys pack, a free keyboard, ran."),
        ("A __new__ fund and an *open* call.", "A new fund and an open call."),
        ("• Teachers share lessons online.", "Teachers share lessons online."),
        ("The file_name_v2 and 3 * 4 stay.", "The file_name_v2 and 3 * 4 stay."),
        ("A stray ** mark.", "A stray mark."),
    ],
)
def test_plain_sentence_takes_out_markdown(marked: str, plain: str) -> None:
    assert plain_sentence(marked) == plain
