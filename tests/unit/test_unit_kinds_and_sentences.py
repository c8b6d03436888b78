"""Issue 22 (leaks, sentences, kinds): the unit-kind model's new layout features, its illustrative
labels, the counted-clause sentence of the extractive engine and the cut-line check's dedent rule.
The notes below are written for these tests (illustrative), not taken from any evaluation set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.drafting.engines.extractive import counted_clause
from assistant.drafting.note_kinds import FEATURES, layout_features, shipped_model
from assistant.evaluation.prose import cut_at_line_end, is_complete_sentence

LABELS = Path(__file__).resolve().parents[2] / "evals" / "unit-labels"


def test_place_tail_ellipsis_and_note_to_self_marks_are_layout_features() -> None:
    aside, point = "ask about the figure ?? tbc", "Ports share berth data daily"
    late = dict(zip(FEATURES, layout_features(aside, aside, 38, 40), strict=True))
    early = dict(zip(FEATURES, layout_features(point, f"- {point}", 3, 40), strict=True))
    assert late["tail"] == 1.0 and early["tail"] == 0.0
    assert late["place"] > 0.9 > early["place"]
    assert late["marks"] == 1.0 and early["marks"] == 0.0
    cut_off = "and then the audio went…"
    trailing = dict(zip(FEATURES, layout_features(cut_off, cut_off, 9, 40), strict=True))
    assert trailing["ellipsis"] == 1.0 and early["ellipsis"] == 0.0


def test_the_illustrative_labels_name_lines_of_their_notes_and_every_kind() -> None:
    rows = [json.loads(line) for line in (LABELS / "illustrative.jsonl").read_text().splitlines() if line]
    assert {r["kind"] for r in rows} == {"content", "speaker intro", "header", "protocol", "floor question",
                                        "aside", "logistics", "injected"}
    for row in rows:
        lines = (LABELS / "illustrative" / row["file"]).read_text(encoding="utf-8").splitlines()
        assert lines[row["line"] - 1].strip(), row  # a label never points at a blank line


def test_the_shipped_weights_take_out_housekeeping_and_keep_a_reported_fact() -> None:
    from assistant.drafting.notes import read_notes

    model = shipped_model()
    assert model is not None
    notes = read_notes(
        "Harbour data for small ports\n"
        "4 May 2025, Room 9\n"
        "\n"
        "- the port authority publishes berth data every hour since January\n"
        "- fishing cooperatives in three ports now book their berths by text message\n"
        "- coffee break moved to 15:40, back in this room after\n"
        "- the hybrid link keeps dropping, remote people cannot hear\n"
    )
    assert notes.line(4).kind == "content" and notes.line(5).kind == "content"
    assert notes.line(6).kind == "noise" and notes.line(7).kind == "noise"


@pytest.mark.parametrize("note, sentence", [
    ("More than 300 volunteers from 12 districts.", "There were more than 300 volunteers from 12 districts."),
    ("14 pilot schools and 3 libraries.", "There were 14 pilot schools and 3 libraries."),
    ("About 2.5 million downloads in the first year.",
     "There were about 2.5 million downloads in the first year."),
])
def test_a_note_that_only_counts_something_becomes_a_sentence(note: str, sentence: str) -> None:
    assert not is_complete_sentence(note)
    assert counted_clause(note) == sentence
    assert is_complete_sentence(sentence)


@pytest.mark.parametrize("note", [
    "40 schools joined the pilot in March.",  # a verb of its own
    "2024 budget for rural links.",  # a year, not a count
    "1 project per applicant.",  # one thing counted
    "Deadline: 30 June.",  # a label and its value
    "30 percent of households.",  # a share, not a count of things
])
def test_notes_that_are_no_bare_count_stay_as_written(note: str) -> None:
    assert counted_clause(note) == note


def test_a_line_that_steps_back_out_of_an_indented_continuation_starts_a_new_entry() -> None:
    notes = [
        "- KD: the cooperative repaired 900 phones and",
        "  trained twelve technicians",
        "battery ran out here, rest from memory",
    ]
    item = "KD reported that the cooperative repaired 900 phones and trained twelve technicians."
    assert not cut_at_line_end(item, [1, 2], notes)
    # the same next line indented as far as the cited one still carries the sentence on
    deeper = [notes[0], notes[1], "  in four districts"]
    assert cut_at_line_end(item, [1, 2], deeper)


PROSE_PANEL = (
    "Rural clinics online\n"
    "3 June 2025, Room 4\n"
    "\n"
    "Thanks to Ivo Marek from the Regional Health Office, who opened the panel.\n"
    "He said that 80 clinics now book appointments by SMS.\n"
    "He warned that two districts still have no signal at all.\n"
    "\n"
    "Next was Rana Haddad of the Nursing Council.\n"
    "She explained that nurses renew their licences online since March.\n"
    "\n"
    "Action: IM to send the clinic list to the council by July.\n"
)


def test_a_speaker_introduced_in_prose_or_on_a_thanks_line_is_credited_for_what_follows() -> None:
    from assistant.drafting.engines.extractive import bullet_from_sentence
    from assistant.drafting.notes import read_notes

    notes = read_notes(PROSE_PANEL)
    assert notes.line(5).speaker is not None and notes.line(5).speaker.name == "Ivo Marek"
    assert notes.line(6).speaker is notes.line(5).speaker
    assert notes.line(5).speaker.org == "Regional Health Office"
    assert notes.line(9).speaker is not None and notes.line(9).speaker.name == "Rana Haddad"
    # the prose introduction names the speaker; it is no content of its own
    assert notes.line(8).text == "" and notes.line(8).speaker is notes.line(9).speaker
    assert notes.line(4).text == "" and notes.line(4).speaker is notes.line(5).speaker  # the thanks line
    bullets = {s.line: bullet_from_sentence(s, s.explicit_speaker)[0] for s in notes.sentences}
    credited = "Ivo Marek (Regional Health Office) said that 80 clinics now book appointments by SMS."
    assert bullets[5] == credited
    assert 8 not in bullets
    assert bullets[9].startswith("Rana Haddad (Nursing Council) explained that nurses renew")


def test_initials_that_own_an_action_are_the_speaker_the_notes_define() -> None:
    from assistant.drafting.engines.extractive import bullet_from_sentence
    from assistant.drafting.notes import read_notes

    notes = read_notes(PROSE_PANEL)
    action = next(s for s in notes.sentences if s.line == 11)
    text, named = bullet_from_sentence(action, action.explicit_speaker)
    assert named
    assert text == "Ivo Marek (Regional Health Office) is to send the clinic list to the council by July."
    assert is_complete_sentence(text)
    # initials nobody in the notes answers to stay as written
    unknown = read_notes(PROSE_PANEL.replace("Action: IM", "Action: QZ"))
    kept = next(s for s in unknown.sentences if s.line == 11)
    assert "QZ" in bullet_from_sentence(kept, kept.explicit_speaker)[0]
