"""The evaluation's headline figures, each shown an adversarial output it must score low beside a good
output it must score high (issue 28). Every session, person and figure here is invented for these tests.

No model and no index: the matchers run on plain text, and the few that can take an encoder are given
facts of two keywords or more, which the fact rule settles without similarity.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from assistant.domain.document import Header, Item, OutcomeDocument, Section
from assistant.domain.template import load_template
from assistant.evaluation.asides import leaks_aside
from assistant.evaluation.datasets import Fact
from assistant.evaluation.facts import DraftItem, match_facts
from assistant.evaluation.headers import dates, organisations, same_header
from assistant.evaluation.lexical import entailment
from assistant.evaluation.metrics import has_keyword, is_negated, negated_around
from assistant.evaluation.prose import (
    cut_at_line_end,
    dangling_end,
    empty_wrapper,
    has_verb,
    is_complete_sentence,
)
from assistant.evaluation.report import EvalReport, Metric, SuiteResult
from assistant.evaluation.speakers import Speaker, attribution, credited
from assistant.evaluation.suites.answers import keywords_in_answer, sessions_named
from assistant.evaluation.suites.drafts import coverage_units, draft_fact_recall, substantive
from assistant.evaluation.thresholds import Threshold, apply_gate


def _no_similarity(texts: list[str]) -> np.ndarray:
    raise AssertionError("facts of two keywords or more must not need the encoder")


# -- sentences -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Tomasz Brandt noted that member states agreed to the.",  # dangling article
        "Governance of island data and the Canadian registry.",  # 'Go', 'is', 'Can' are no verbs
        "Tomasz Brandt noted that the new regional fund for rural schools.",  # wrapper around a fragment
        "Tomasz Brandt highlighted that a pooled fund with.",  # dangling preposition
        "The panel reviewed the costs and.",  # dangling conjunction
        "Calls for a pooled fund for rural schools.",  # verb first, no subject
        "Solar kits -> fewer outages in rural schools.",  # shorthand
    ],
)
def test_half_sentences_do_not_count_as_sentences(text: str) -> None:
    assert not is_complete_sentence(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tomasz Brandt noted that member states agreed to the plan.",
        "Tomasz Brandt recommended that ministries fund repair workshops from their budgets.",
        "The regional fund covered 140 rural schools in its first year.",
        "Odile Fakir reported that the average repair time fell from nine to four days.",
        "Odile Fakir noted that the registry works offline in most villages.",
    ],
)
def test_whole_sentences_count(text: str) -> None:
    assert is_complete_sentence(text)


def test_a_name_or_a_phrasal_verb_at_the_end_does_not_dangle() -> None:
    assert not dangling_end("The fair closed on 29 May.")  # a month, not the modal
    assert not dangling_end("Most operators never switched it on.")
    assert not dangling_end("The ministry followed up.")
    assert dangling_end("The ministry set aside funding for.") and dangling_end("They asked for it may.")


def test_verbs_are_whole_words() -> None:
    assert not has_verb("Governance island Canada")
    assert has_verb("It is governed by an island council")
    assert dangling_end("funding was set aside for the") and not dangling_end("funding was set aside")


def test_the_wrapper_needs_a_clause_with_its_own_verb() -> None:
    assert empty_wrapper("Odile Fakir stressed that the island registry for.")
    assert empty_wrapper("Odile Fakir stressed that a registry.")
    assert not empty_wrapper("Odile Fakir stressed that the registry was late.")
    assert not empty_wrapper("The registry was late.")  # no wrapper at all


def test_an_item_that_ends_where_its_note_line_was_cut_is_a_half_sentence() -> None:
    notes = [
        "Odile Fakir (Harbour Institute)",
        "- the ferry operators agreed to share their",
        "passenger data with the port authority every month",
        "- repair yards reopened in March",
    ]
    cut = "Odile Fakir said that the ferry operators agreed to share their."
    assert cut_at_line_end(cut, [2], notes)
    assert not is_complete_sentence(cut)
    assert not cut_at_line_end(cut, [2, 3], notes)  # both lines cited: the item may be whole
    whole = "Odile Fakir said that repair yards reopened in March."
    assert not cut_at_line_end(whole, [4], notes)
    # a next line that opens a new entry (bullet, label) does not carry the sentence on
    assert not cut_at_line_end("Repair yards reopened in March.", [4], [*notes, "- next: a visit"])
    assert not cut_at_line_end("Yards reopened in March.", [1], ["yards reopened in March", "to self: ask"])


def test_a_remark_under_a_point_carries_no_sentence_on() -> None:
    notes = [
        "Odile Fakir (Harbour Institute)",
        "- the ferry operators now share passenger data monthly",
        "  people still arriving, doors banging at the back",
    ]
    item = "Odile Fakir said that the ferry operators now share passenger data monthly."
    assert cut_at_line_end(item, [2], notes)  # at the hanging indent, the next line reads as the rest
    assert not cut_at_line_end(item, [2], notes, noise=[3])  # ... unless the key lists it as noise
    assert cut_at_line_end(item, [2], notes, noise={1})  # a noise line elsewhere changes nothing


# -- fact recall ---------------------------------------------------------------------------------------
FACT = Fact("Lomé recovered 410 tonnes of cable scrap in 2024.", ["Lomé", "410 tonnes"], "tangible_outcomes")


def test_a_negated_item_does_not_cover_a_plain_fact() -> None:
    good = [DraftItem("tangible_outcomes", 0, "Lomé recovered 410 tonnes of cable scrap in 2024.")]
    negated = [DraftItem("tangible_outcomes", 0, "Lomé did not recover 410 tonnes of cable scrap in 2024.")]
    never = [DraftItem("tangible_outcomes", 0, "Lomé never reached 410 tonnes, the organisers admitted.")]
    assert match_facts([FACT], good, _no_similarity)[0].covered
    assert not match_facts([FACT], negated, _no_similarity)[0].covered
    assert not match_facts([FACT], never, _no_similarity)[0].covered
    assert "polarity" in match_facts([FACT], negated, _no_similarity)[0].rule


def test_a_negated_fact_needs_a_negated_item() -> None:
    fact = Fact("The port did not reopen the dry dock in 2024.", ["dry dock", "2024"], "key_issues")
    assert not match_facts([fact], [DraftItem("key_issues", 0, "The port reopened the dry dock in 2024.")],
                           _no_similarity)[0].covered
    negated = [DraftItem("key_issues", 0, "In 2024 the port had not reopened its dry dock.")]
    assert match_facts([fact], negated, _no_similarity)[0].covered


@pytest.mark.parametrize(("text", "negated"), [
    ("Un poste de santé sur trois n'a pas de courant stable.", True),
    ("Les données restent sans doute payantes pour les jeunes entreprises.", False),
    ("El curso se dictó sin costo para las maestras rurales.", True),
    ("Sin embargo, la red ya llega a las escuelas rurales del norte.", False),
    ("Los telecentros ofrecen cuidado infantil durante las clases.", False),
])
def test_negation_in_french_and_spanish(text: str, negated: bool) -> None:
    # an English fact "has no stable power" and a French bullet "n'a pas de courant" agree in polarity
    assert is_negated(text) is negated


def test_negation_is_read_per_clause_and_not_only_is_no_negation() -> None:
    assert negated_around("Lomé recovered 410 tonnes, but not the copper.", ["410"]) is False
    assert negated_around("Not only Lomé but also Kara recovered 410 tonnes.", ["410"]) is False
    assert is_negated("the yards didn't reopen") and not is_negated("the yards reopened")


@pytest.mark.parametrize(
    ("text", "keyword", "found"),
    [
        ("a renewable energy plan", "renew", False),  # no word prefixes
        ("they renew the licence", "renew", True),
        ("the operators renews", "renew", True),  # a plural/verb ending only
        ("a governance lab", "govern", False),
        ("410 kilograms", "kilogram", True),
        ("the Chadian delegation", "Chad", False),
    ],
)
def test_keywords_match_whole_words(text: str, keyword: str, found: bool) -> None:
    assert has_keyword(text, keyword) is found


def test_a_draft_with_no_facts_is_left_out_not_scored_perfect() -> None:
    assert draft_fact_recall([]) is None
    matched = match_facts([FACT], [DraftItem("key_issues", 0, "Nothing of the kind.")], _no_similarity)
    assert draft_fact_recall(matched) == 0.0


# -- coverage and sections filled ---------------------------------------------------------------------
def _coverage_case(sections: list[str]) -> Any:
    facts = [Fact(f"fact {n}", ["x", "y"], s) for s in sections for n in range(2)]
    header = {"title": "Tide gauges for small ports", "organisers": "Harbour Institute and ITU",
              "date": "9 July 2025", "url": ""}
    return SimpleNamespace(must_cover=facts, material_sections=list(dict.fromkeys(sections)), header=header)


def _document(items: dict[str, list[str]], **header: str) -> OutcomeDocument:
    fields = {"title": "Tide gauges for small ports", "organisers": "Harbour Institute and ITU",
              "date": "9 July 2025", **header}
    return OutcomeDocument(
        header=Header(**fields),
        sections=[Section(id=s, heading=s, items=[Item(text=t) for t in texts])
                  for s, texts in items.items()],
    )


GOOD_POINTS = [
    "Tide gauges in twelve small ports now report every minute.",
    "Port authorities shared the gauge readings with fishing cooperatives.",
]


def test_placeholder_items_do_not_fill_a_section() -> None:
    ctx: Any = SimpleNamespace(template=load_template())
    case = _coverage_case(["action_plan"])
    good = coverage_units(_document({"action_plan": GOOD_POINTS}), case, ctx)
    padded = coverage_units(_document({"action_plan": ["issue 0", "issue 1"]}), case, ctx)
    assert good["passed"] == good["units"] == 2
    assert padded["passed"] == 1 and not padded["sections"][0]["filled"]
    assert not substantive("issue 0") and substantive(GOOD_POINTS[0])


def test_a_section_filled_without_material_is_a_failed_unit() -> None:
    ctx: Any = SimpleNamespace(template=load_template())
    case = _coverage_case(["action_plan"])
    clean = coverage_units(_document({"action_plan": GOOD_POINTS}), case, ctx)
    padded = coverage_units(
        _document({"action_plan": GOOD_POINTS,
                   "thematic_suggestions": ["A session on tide data next year."]}),
        case, ctx,
    )
    assert clean["passed"] / clean["units"] == 1.0
    assert padded["filled_without_material"] == ["thematic_suggestions"]
    assert padded["passed"] / padded["units"] < 1.0
    # the rapporteur's proposal the form asks for, flagged as one, is not padding; the same words
    # without the flag are
    proposal = _document({"action_plan": GOOD_POINTS})
    proposal.sections.append(Section(id="thematic_suggestions", heading="thematic_suggestions", items=[
        Item(text="Proposed by the rapporteur, to confirm: a session on tide data next year.",
             flags=["proposal"])]))
    proposed = coverage_units(proposal, case, ctx)
    assert proposed["filled_without_material"] == [] and proposed["passed"] == proposed["units"]


# -- header accuracy ----------------------------------------------------------------------------------
def test_header_accuracy_compares_all_four_fields_as_values() -> None:
    ctx: Any = SimpleNamespace(template=load_template())
    case = _coverage_case(["action_plan"])
    case.header["url"] = "https://example.org/forum/2025/tide-gauges"
    right = _document({"action_plan": GOOD_POINTS}, date="Wed 9 July 2025",
                      organisers="the Harbour Institute & ITU", url="https://EXAMPLE.org/forum/2025/tide-gauges/")
    assert all(coverage_units(right, case, ctx)["header_accurate"].values())
    wrong = _document({"action_plan": GOOD_POINTS}, title="Tide gauges", organisers="Harbour Institute",
                      date="9 July 2025 – 12 July 2026", url="https://example.org/forum/2025/other")
    assert not any(coverage_units(wrong, case, ctx)["header_accurate"].values())


def test_header_fields_are_normalised_not_substring_matched() -> None:
    assert same_header("title", "“Tide Gauges for Small Ports”", "Tide gauges for small ports")
    assert not same_header("title", "Tide gauges for small ports and harbours", "Tide gauges for small ports")
    long_form = organisations("Harbour Institute and University of Lomé")
    assert organisations("Harbour Inst. & Univ. of Lomé") == long_form
    assert not same_header("organisers", "Harbour Institute, ITU and UNEP", "Harbour Institute and ITU")
    assert not same_header("organisers", "Harbour Institute", "Harbour Institute and ITU")
    # a bracketed detail may be left out, an acronym may come first
    assert same_header("organisers", "ITU (Ports Unit) w/ Harbour Institute", "ITU, with Harbour Institute")
    assert same_header("organisers", "HI (Harbour Inst.) & ITU", "ITU and Harbour Institute (HI)")
    assert dates("8-9 July 2025") == {(2025, 7, 8), (2025, 7, 9)}
    assert same_header("date", "2025-07-09", "9 July 2025")
    assert same_header("date", "July 9, 2025", "9 July 2025")
    assert not same_header("date", "9 July 2024", "9 July 2025")
    assert not same_header("url", "https://example.org/a", "https://example.org/ab")


# -- leaks from mixed lines -----------------------------------------------------------------------------
def test_an_item_carrying_the_aside_of_a_mixed_line_leaks() -> None:
    notes = ["Odile Fakir: the gauge network reaches 12 ports (I think she said 14, check the slides)",
             "Kenji Ota: repair yards reopened [inaudible] in March"]
    clean = "Odile Fakir said the gauge network reaches 12 ports."
    leaky = "Odile Fakir said the gauge network reaches 12 ports, or 14 per the slides."
    assert not leaks_aside(clean, [1], notes, [1])
    assert leaks_aside(leaky, [1], notes, [1])
    assert leaks_aside("Repair yards reopened [inaudible] in March.", [2], notes, [2])
    assert not leaks_aside(leaky, [1], notes, [])  # not a mixed line: the noise rule covers it
    # after a spaced dash, only the shorter part is an aside ("Lomé -- <the point>" is no aside)
    dash = ["Lomé -- the harbour reopened its repair yard for small boats (long applause)"]
    assert not leaks_aside("The Lomé harbour reopened its repair yard for small boats.", [1], dash, [1])
    assert leaks_aside("The Lomé harbour reopened its repair yard, to long applause.", [1], dash, [1])


# -- attribution (against the key, not the product's reader) ------------------------------------------
ROSTER = [
    Speaker("Odile Fakir", "Harbour Institute", frozenset({3, 4})),
    Speaker("Kenji Ota", "ITU", frozenset({7})),
    Speaker("Mara Lind", "ITU", frozenset({9})),
]


def test_attribution_credits_the_speaker_of_the_cited_line() -> None:
    said = "Odile Fakir (Harbour Institute) said that gauges report every minute."
    assert attribution(said, [3], ROSTER) == {
        "speakers": ["Odile Fakir (Harbour Institute)"], "credited": "Odile Fakir (Harbour Institute)",
        "attributed": True,
    }
    assert attribution("According to Fakir, gauges report every minute.", [4], ROSTER)["attributed"]  # type: ignore[index]
    assert attribution("Gauges report every minute in twelve ports, Fakir said.", [4], ROSTER)["attributed"]  # type: ignore[index]


def test_a_wrong_speaker_or_a_passing_mention_is_not_attribution() -> None:
    wrong = attribution("Kenji Ota noted that gauges report every minute.", [3], ROSTER)
    assert wrong is not None and not wrong["attributed"] and wrong["credited"] == "Kenji Ota (ITU)"
    mention = ("Gauges in twelve ports report every minute to port authorities, fishing cooperatives and "
               "the Harbour Institute.")
    assert not attribution(mention, [3], ROSTER)["attributed"]  # type: ignore[index]
    # an organisation credits only as the subject, not as a passing mention in the opening words
    assert credited("Gauges bought with Harbour Institute help report every minute.", ROSTER) is None
    assert credited("The Harbour Institute said gauges report every minute.", ROSTER) == ROSTER[0]
    # an organisation two speakers share credits neither of them
    assert credited("ITU said nothing about gauges.", ROSTER) is None
    # a speaker known only by a country is named by it, like a person
    asker = Speaker("", "Tuvalu", frozenset({20}))
    assert attribution("A participant (Tuvalu) asked who pays.", [20], [*ROSTER, asker])["attributed"]  # type: ignore[index]
    assert attribution("Gauges report every minute.", [12], ROSTER) is None  # no speaker on that line


# -- the independent lexical judge ----------------------------------------------------------------------
def test_the_lexical_judge_needs_every_figure_name_and_negation_in_the_cited_lines() -> None:
    lines = ["- OF: gauges in 12 ports report every minute; Lomé joined in 2024"]
    assert entailment("Gauges in 12 ports report every minute, and Lomé joined in 2024.", lines) == []
    assert entailment("Gauges in 14 ports report every minute.", lines) == ["figure 14"]
    assert entailment("Gauges in 12 ports of Accra report every minute.", lines) == ["name Accra"]
    assert entailment("Gauges in 12 ports do not report every minute.", lines) == ["negation"]
    assert entailment("Odile Fakir said gauges in 12 ports report every minute.", lines,
                      ["Odile Fakir Harbour Institute"]) == []
    assert entailment("Gauges report.", []) == ["no cited line"]
    # the notes' shorthand for a negation counts as one
    assert entailment("The port does not publish its gauge data.", ["- port doesnt publish gauge data"]) == []
    assert entailment("Ferries run without a licence.", ["ferries run w/o licence"]) == []


# -- answers: keyword recall and aggregate sessions ---------------------------------------------------
def test_a_refusal_that_quotes_the_keywords_finds_none() -> None:
    keywords = ["tide gauges", "Lomé"]
    question = "How many tide gauges did Lomé install?"
    refusal = "The sessions do not say how many tide gauges Lomé installed."
    assert keywords_in_answer(refusal, True, question, keywords) == []
    echo = 'You asked about "tide gauges"; the sessions cover port repairs in Lomé [1].'
    assert keywords_in_answer(echo, False, question, keywords) == ["Lomé"]
    answer = "Lomé installed 14 tide gauges in 2024 [1]."
    assert keywords_in_answer(answer, False, question, keywords) == keywords


def test_aggregate_sessions_are_those_the_answer_names_or_cites() -> None:
    citations = [SimpleNamespace(n=n, doc_id=d, title=t) for n, d, t in [
        (1, "tide-2024", "Tide gauges for small ports"), (2, "ferry-2025", "Ferries and data"),
        (3, "ports-2023", "Port repairs after storms")]]
    assert sessions_named("Two sessions discussed gauges [1], [2].", citations) == {"tide-2024", "ferry-2025"}
    named = "The session Port repairs after storms also discussed gauges."
    assert sessions_named(named, citations) == {"ports-2023"}
    assert sessions_named("No markers at all.", citations) == set()
    gold = {"tide-2024"}
    tight = sessions_named("Gauges were discussed [1].", citations)
    loose = sessions_named("Gauges were discussed [1][2][3].", citations)
    assert len(gold & tight) / len(tight) == 1.0 and len(gold & loose) / len(loose) < 0.5


# -- the gate ------------------------------------------------------------------------------------------
def test_the_gate_fails_a_bounded_figure_that_was_not_measured() -> None:
    report = EvalReport(datasets="invented", engine="extractive", judge="rules", started="now")
    report.suites["drafts"] = SuiteResult(
        name="drafts", metrics={"attributed": Metric(None), "sentences": Metric(0.95)}
    )
    results = {r.key: r for r in apply_gate(report, [
        Threshold("drafts.attributed", 0.9, "min"), Threshold("drafts.sentences", 0.9, "min")])}
    assert not results["drafts.attributed"].passed
    assert "NOT MEASURED" in results["drafts.attributed"].sentence
    assert results["drafts.sentences"].passed


# -- the speakers key -----------------------------------------------------------------------------------
def test_the_speakers_key_is_read_with_ranges_and_bad_entries_are_clear_errors(tmp_path: Any) -> None:
    import json

    from assistant.evaluation.datasets import DatasetError, load_notes_cases

    (tmp_path / "tide.txt").write_text("Odile Fakir (Harbour Institute)\n- gauges\n- more gauges\n", "utf-8")
    key = {"session": "Tide", "must_cover": [], "speakers": [
        {"name": "Odile Fakir", "org": "Harbour Institute", "lines": [[2, 3]]}]}
    (tmp_path / "tide.facts.json").write_text(json.dumps(key), "utf-8")
    case = load_notes_cases(tmp_path)[0]
    assert case.speakers == [Speaker("Odile Fakir", "Harbour Institute", frozenset({2, 3}))]
    del key["speakers"]
    (tmp_path / "tide.facts.json").write_text(json.dumps(key), "utf-8")
    assert load_notes_cases(tmp_path)[0].speakers is None  # no key: attribution is not graded
    for bad in ([{"name": "Odile Fakir", "lines": [[3, 2]]}], [{"lines": [2]}], {"name": "x"}):
        (tmp_path / "tide.facts.json").write_text(json.dumps({**key, "speakers": bad}), "utf-8")
        with pytest.raises(DatasetError, match="speakers"):
            load_notes_cases(tmp_path)


def test_the_project_sets_carry_a_speakers_key_on_lines_that_hold_words() -> None:
    from pathlib import Path

    from assistant.evaluation.datasets import load_notes_cases

    evals = Path(__file__).resolve().parents[2] / "evals"
    for folder in (evals / "datasets" / "notes", evals / "styles" / "notes"):
        for case in load_notes_cases(folder):
            facts = json.loads(case.path.with_suffix(".facts.json").read_text(encoding="utf-8"))
            assert "speakers" in facts, case.name  # empty only for notes that name no speaker at all
            lines = case.text.splitlines()
            for speaker in case.speakers:
                assert all(1 <= n <= len(lines) and lines[n - 1].strip() for n in speaker.lines), speaker


def test_a_list_of_points_typed_one_a_line_is_no_cut_sentence() -> None:
    # points under a speaker's name, one a line, no stops: the next line is the next point
    notes = [
        "Ilse Varga, Harbour Institute",
        "  ferry logs from 9 ports now published every month",
        "  budget 3m over 2 yrs for the berth sensors",
        "  dredging still late at the north quay",
    ]
    item = "Ilse Varga reported that ferry logs from 9 ports are now published every month."
    assert not cut_at_line_end(item, [1, 2], notes)
    # the same break with the next line opening on a preposition carries the sentence on
    carried = [notes[0], notes[1], "  in the harbour's open data portal", notes[3]]
    assert cut_at_line_end(item, [1, 2], carried)


def test_quoted_points_and_a_remark_left_of_a_bullet_are_new_entries() -> None:
    quoted = ["  > berth data shared between 4 ports", "  > tug crews trained on the new radios"]
    assert not cut_at_line_end("Berth data are shared between 4 ports.", [1], quoted)
    bulleted = ["- a shared berth dashboard goes live in May", "wifi dropped twice, ask for the slides"]
    assert not cut_at_line_end("A shared berth dashboard goes live in May.", [1], bulleted)
    hanging = ["- a shared berth dashboard goes live in May", "  ports that opt out pay a fee"]
    assert cut_at_line_end("A shared berth dashboard goes live in May.", [1], hanging)


def test_a_prose_paragraph_or_a_line_wrapped_at_the_width_is_cut_anywhere() -> None:
    prose = [
        "Ilse Varga opened the panel. She said the ferry operators had agreed to share",
        "passenger counts with the port authority, and that tug crews were trained",
        "last winter on the new radios.",
    ]
    item = "Ilse Varga said that tug crews were trained."
    assert cut_at_line_end(item, [2], prose)  # two sentences meet in line 1: prose, cut anywhere
    wrapped = [
        "Ilse Varga of the Harbour Institute said that the ferry operators agreed to share",
        "passenger counts with the port authority every month and tug crews got radios",
    ]
    assert cut_at_line_end("The ferry operators agreed to share.", [1], wrapped)  # `passenger` did not fit
    full = ["Ilse Varga of the Harbour Institute reported that the ferry operators share daily",
            "passenger counts with the port authority every month and tug crews got radios"]
    assert cut_at_line_end("Ferry operators share daily.", [1], full)
    short = ["Ilse Varga of the Harbour Institute: ferry operators share daily",
             "passenger counts went up by a third since the new radios came in early last year"]
    assert not cut_at_line_end("Ferry operators share daily.", [1], short)  # room left: the writer's break
