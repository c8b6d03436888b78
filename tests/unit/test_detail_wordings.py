"""The detail rules' reading of wordings that misread the asked kind before session 8 (issue 23): a
relative "who", the size of a change, "when" answered by a date, a duration, and "by which" that asks
no target year. Rules only (no model), so each case states what the rules read and what answers it."""

from __future__ import annotations

import pytest

from assistant.ask.answerability import AskedDetail, asked_details, states_detail
from assistant.ask.detail_kinds import asking_phrases, relative_who


def kinds(question: str) -> list[str]:
    return [d.kind for d in asked_details(question)]


@pytest.mark.parametrize("question", [
    "What do beekeepers who sell honey online earn from it?",
    "Which tools help nurses who work night shifts?",
])
def test_a_relative_who_after_a_noun_asks_no_person(question: str) -> None:
    assert "person" not in kinds(question)
    assert not any(p.text.lower().startswith("who") for p in asking_phrases(question))


@pytest.mark.parametrize("question", [
    "Who opened the glacier-monitoring workshop?",
    "Can you tell me who opened the glacier-monitoring workshop?",
    "The drone pilots mentioned an inventor at the workshop; who was it?",
    "Which agency hosted the workshop, and who chaired it?",
])
def test_an_asking_who_still_asks_a_person(question: str) -> None:
    assert "person" in kinds(question)


def test_relative_who_reads_the_word_before_it() -> None:
    question = "Tell me who trained the rangers who patrol the park."
    first, second = (i for i in range(len(question)) if question.startswith("who", i))
    assert not relative_who(question, first)
    assert relative_who(question, second)


def test_the_size_of_a_change_is_stated_by_a_percentage() -> None:
    [detail] = asked_details("By how much did enrolment in the coding clubs rise?")
    assert detail.kind == "count" and detail.shares and not detail.nouns
    assert states_detail(detail, "Enrolment in the coding clubs rose by 34% over two years.")
    assert not states_detail(detail, "Enrolment in the coding clubs rose sharply.")


def test_a_counted_noun_under_by_how_much_is_not_required_near_the_figure() -> None:
    [detail] = asked_details("By how much is the number of ferry passengers expected to grow?")
    assert detail.kind == "count" and not detail.nouns
    assert states_detail(detail, "Traffic is forecast to climb 18% by the end of the decade.")


def test_the_change_of_a_sum_is_stated_by_a_sum_or_a_percentage() -> None:
    [detail] = asked_details("How far did the monthly cost of the ferry pass come down?")
    assert detail.kind == "amount" and detail.shares
    assert states_detail(detail, "The pass now costs EUR 40 a month.")
    assert states_detail(detail, "The pass became 25 per cent cheaper.")
    assert not states_detail(AskedDetail("amount", "amount of money"), "The pass became 25 per cent cheaper.")


def test_how_much_without_a_change_or_money_is_not_a_change() -> None:
    assert kinds("How much attention did the panel give to rural clinics?") == []


@pytest.mark.parametrize(("question", "kind"), [
    ("By what percentage did ferry fares climb?", "count"),
    ("By what margin did the assembly approve the charter?", "count"),
    ("What increase in ferry traffic did the port report?", "count"),
])
def test_share_and_change_nouns_ask_a_figure(question: str, kind: str) -> None:
    assert kinds(question) == [kind]
    assert asked_details(question)[0].shares


def test_a_margin_not_stated_is_not_found_in_a_dated_sentence() -> None:
    [detail] = asked_details("By what margin did the assembly approve the charter?")
    assert not states_detail(detail, "The charter was approved by the assembly in November 2021.")


@pytest.mark.parametrize(("question", "kind"), [
    ("When was the river charter signed, and by which council?", "year"),
    ("By which year should every clinic be online?", "target_year"),
    ("By when should every clinic be online?", "target_year"),
    ("By which agency was the charter drafted?", None),
])
def test_by_which_asks_a_target_year_only_of_a_year_or_date(question: str, kind: str | None) -> None:
    assert kinds(question) == ([kind] if kind else [])


def test_when_is_answered_by_a_date_and_which_year_is_not() -> None:
    [when] = asked_details("When was the river charter signed?")
    [year] = asked_details("In which year was the river charter signed?")
    sentence = "The river charter was signed on 12 May at the closing plenary."
    assert when.any_date and states_detail(when, sentence)
    assert not year.any_date and not states_detail(year, sentence)


@pytest.mark.parametrize("question", [
    "How long does the ranger training last?",
    "For how many weeks did the ranger training run?",
    "What did the training cost, and over what period?",
])
def test_a_duration_question_asks_a_duration(question: str) -> None:
    assert "duration" in kinds(question)


@pytest.mark.parametrize(("sentence", "stated"), [
    ("The ranger training lasts three weeks.", True),
    ("It is a two-week course held each spring.", True),
    ("The course runs from 4 to 15 July.", True),
    ("The plan covers 2024–2030.", True),
    ("Forty rangers took part in the training.", False),
])
def test_a_duration_is_a_figure_with_a_unit_of_time_or_a_span(sentence: str, stated: bool) -> None:
    assert states_detail(AskedDetail("duration", "duration"), sentence) is stated


def test_a_date_question_is_answered_by_a_day_of_a_month_without_its_year() -> None:
    [detail] = asked_details("On which day did the harbour master speak?")
    assert detail.kind == "date"
    assert states_detail(detail, "The harbour master spoke remotely on 9 April.")
    assert not states_detail(detail, "The harbour master spoke remotely in April.")


def test_every_counted_noun_of_a_compound_count_is_read() -> None:
    [detail] = asked_details("How many boats were entered in the regatta, and how many crews?")
    assert {"boats", "crews"} <= detail.nouns
    assert states_detail(detail, "The regatta drew 41 crews from the coast.")


def test_a_count_asked_in_percentages_is_a_share() -> None:
    [detail] = asked_details("how many households had running water in 1990 and now - percentages please")
    assert detail.kind == "count" and detail.shares and not detail.nouns
    assert states_detail(detail, "Coverage reached 87% of homes in the valley.")


def test_a_counted_share_word_stays_a_counted_noun() -> None:
    [detail] = asked_details("By how many percentage points did coverage trail the target?")
    assert detail.kind == "count" and not detail.shares and "points" in detail.nouns


def test_how_many_units_of_time_is_a_duration_and_not_a_count() -> None:
    assert kinds("For how many days was the ferry line closed?") == ["duration"]


@pytest.mark.parametrize("question", [
    "What time did the side event start?",
    "At what hour did the dialogue begin?",
    "Until what time did the panel run?",
    "Which time slot did the facilitation meeting have?",
    "Between which hours did the meeting run?",
])
def test_a_time_of_day_question_asks_a_time(question: str) -> None:
    assert "time" in [d.kind for d in asked_details(question)]


@pytest.mark.parametrize("question", [
    "What time frame did the partners set for the roll-out?",
    "What happened at the time of the summit?",
])
def test_a_span_or_a_moment_asks_no_time_of_day(question: str) -> None:
    assert "time" not in [d.kind for d in asked_details(question)]


@pytest.mark.parametrize(("sentence", "stated"), [
    ("The meeting (Room E, CICG, 15:15–16:15) looked at ethics.", True),
    ("It opened at 9.30 am with a keynote.", True),
    ("The session ran from 14h30 CEST.", True),
    ("Access costs USD 2.50 a month.", False),
    ("Internet use is 12.5 percent lower among women.", False),
    ("It was held in the morning of 17 March 2023.", False),
])
def test_a_time_of_day_is_a_clock_time(sentence: str, stated: bool) -> None:
    assert states_detail(AskedDetail("time", "time of day"), sentence) is stated
