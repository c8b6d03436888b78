"""Which lines a bullet is made from and cites, and how it reads (issue 22, noise-and-sentences round).

- A line read as noise or as an injected instruction is never evidence (`drafting.evidence`), but
  for the line that introduced the speaker a bullet names.
- Reflow: a line opening on a pictograph (an emoji reaction under a chat message) carries on
  nothing; a line ending on a comma is carried on by a lower-case line at its indent.
- An impersonal passive (`It was noted: …`) is a statement of its own, not a back-reference joined to
  the point before it.
- An `-ed` adjective before its subject's verb (`blended funds have put …`) is no verb of the
  speaker's; a bracketed clock time closing a note is layout, not content.

The notes are written for these tests (illustrative), not taken from any notes set.
"""

from __future__ import annotations

from assistant.drafting.engines.extractive import _past_verb_first, bullet_from_sentence, clean_text
from assistant.drafting.evidence import line_evidence, sentence_evidence
from assistant.drafting.note_reflow import continuation_heads, opens_on_symbol
from assistant.drafting.notes import BACK_REFERENCE, read_notes
from assistant.evaluation.prose import is_complete_sentence

NOTES = """Session: Mesh networks for mountain schools
Organised by: Alpine Connect

Ilse Brandt (Alpine Connect): can everyone see my screen now?
- the mesh reaches 40 schools across three valleys
Tomas Keller (ITU): relay masts run on small wind turbines
"""


def _notes():  # type: ignore[no-untyped-def]
    notes = read_notes(NOTES, kinds=False)
    notes.lines[3].kind = "noise"  # the reader (its model) read the guest's remark to the room as noise
    return notes


def test_a_noise_line_is_never_evidence_even_when_asked_for() -> None:
    notes = _notes()
    assert [e.line for e in line_evidence(notes, [4, 5])] == [5]
    assert line_evidence(notes, [4]) == []


def test_a_noise_line_is_cited_only_for_the_name_of_the_speaker_a_bullet_gives() -> None:
    notes = _notes()
    sentence = next(s for s in notes.sentences if s.line == 5)
    assert sentence.speaker is not None and sentence.speaker.line == 4
    assert [e.line for e in sentence_evidence(notes, sentence, named=True)] == [4, 5]
    assert [e.line for e in sentence_evidence(notes, sentence, named=False)] == [5]
    assert [e.line for e in sentence_evidence(notes, sentence, named=False, also=[4])] == [5]


def test_a_speaker_introduced_on_a_content_line_is_still_credited_and_cited() -> None:
    notes = _notes()
    sentence = next(s for s in notes.sentences if s.line == 6)
    citable = notes.as_citable(sentence)
    text, named = bullet_from_sentence(citable, citable.explicit_speaker)
    assert named and text.startswith("Tomas Keller (ITU)")
    assert [e.line for e in sentence_evidence(notes, citable, named)] == [6]


CHAT = """[10:02] Host: the survey covered 2,000 young workers in six countries and found most of them
    \N{THUMBS UP SIGN} 3
[10:04] Host: training budgets doubled in two of them
"""


def test_an_emoji_reaction_under_a_message_is_not_part_of_it() -> None:
    lines = CHAT.splitlines()
    assert opens_on_symbol(lines[1]) and not opens_on_symbol(lines[0]) and not opens_on_symbol("- a point")
    assert continuation_heads(lines) == [-1, -1, -1]


def test_the_same_indented_line_in_words_does_carry_the_message_on() -> None:
    lines = CHAT.replace("\N{THUMBS UP SIGN} 3", "use AI tools at work").splitlines()
    assert continuation_heads(lines)[1] == 0


def test_a_line_ending_on_a_comma_is_carried_on_by_a_lower_case_line() -> None:
    lines = ["", "Speaker: data from drones should feed national information systems,",
             "today it sits in vendor dashboards.",
             "Another point stands alone"]
    assert continuation_heads(lines) == [-1, -1, 1, -1]
    # ... but not by a line that opens a unit of its own, nor after a label
    assert continuation_heads(["", lines[1], "- today it sits in vendor dashboards."]) == [-1, -1, -1]
    assert continuation_heads(["", "to check: the figures,", "the dates"])[2] == -1


def test_an_impersonal_passive_is_no_back_reference() -> None:
    assert not BACK_REFERENCE.match("It was noted: 62% of the clinics book by text message")
    assert not BACK_REFERENCE.match("it is expected that the pilot ends in May")
    assert BACK_REFERENCE.match("It was the largest pilot so far")
    assert BACK_REFERENCE.match("they were trained by the ministry")


def test_an_ed_adjective_before_the_subjects_verb_is_not_the_speakers_verb() -> None:
    assert not _past_verb_first("blended funds have put 2 billion dollars into rural networks")
    assert not _past_verb_first("connected schools now report attendance daily")
    assert _past_verb_first("launched a fund that is open to cooperatives")
    assert _past_verb_first("trained 900 volunteers in four provinces")
    notes = read_notes("Session: Rural networks\n\nAda Obi (ITU): blended funds have put 2 billion "
                       "dollars into rural networks since 2019\n", kinds=False)
    sentence = next(s for s in notes.sentences if "blended" in s.text)
    text, _ = bullet_from_sentence(sentence, sentence.explicit_speaker)
    assert text.startswith("Ada Obi (ITU) ") and is_complete_sentence(text)
    assert "(ITU) blended" not in text


def test_a_clock_time_closing_a_note_is_dropped() -> None:
    assert clean_text("only 1 in 4 of the districts publish the spending. (14:17)") == \
        "Only 1 in 4 of the districts publish the spending."
    assert clean_text("the pilot ends at 14:17 (local time)") == "The pilot ends at 14:17 (local time)."


def test_a_verbless_note_in_spanish_with_no_speaker_gets_the_languages_lead() -> None:
    from assistant.domain.language import language
    from assistant.drafting.notes import NoteSentence

    spanish = language("es")
    fragment = NoteSentence(id=0, line=3, text="los municipios, con apoyo del fondo regional")
    text, named = bullet_from_sentence(fragment, False, spanish)
    assert not named and text.endswith("los municipios, con apoyo del fondo regional.")
    assert text != "Los municipios, con apoyo del fondo regional." and is_complete_sentence(text)
    # a note with a verb of its own stays as written
    clause = NoteSentence(id=1, line=4, text="los municipios pagan el mantenimiento")
    assert bullet_from_sentence(clause, False, spanish)[0] == "Los municipios pagan el mantenimiento."


def test_a_line_wholly_in_brackets_under_a_point_is_not_part_of_it() -> None:
    notes = read_notes("Session: Mesh networks\nOrganised by: Alpine Connect\n\n"
                       "- the mesh now reaches 40 schools across three valleys and the\n"
                       "  (check the school count with the ministry)\n"
                       "- relay masts run on small wind turbines\n", kinds=False)
    assert notes.line(5).kind == "noise"
    point = next(s for s in notes.sentences if s.line == 4)
    assert "check" not in point.text
    assert [e.line for e in line_evidence(notes, [4])] == [4]


def test_french_speech_cut_off_on_a_conjunction_is_no_candidate() -> None:
    from assistant.domain.language import language
    from assistant.drafting.engines.extractive import _cut_in_own_language
    from assistant.drafting.notes import NoteSentence

    french = language("fr")
    cut = NoteSentence(id=0, line=3, text="« Il faut former les enseignants des zones rurales et »")
    whole = NoteSentence(id=1, line=4, text="« Il faut former les enseignants des zones rurales. »")
    assert _cut_in_own_language(cut, french)
    assert not _cut_in_own_language(whole, french)
    assert not _cut_in_own_language(NoteSentence(id=2, line=5, text="we need teachers and"), None)


def test_the_wrapped_lines_of_a_noisy_introduction_are_cited_with_it_for_the_name() -> None:
    notes = read_notes("Session: Mesh networks\nOrganised by: Alpine Connect\n\n"
                       "Ilse Brandt (Alpine Connect): sorry, my camera is off and the sound is poor "
                       "because of\n"
                       "  the storm here\n"
                       "- the mesh reaches 40 schools across three valleys\n", kinds=False)
    assert notes.line(5).kind == "continuation" and notes.line(5).continues == 4
    notes.lines[3].kind = "noise"
    sentence = next(s for s in notes.sentences if s.line == 6)
    assert sentence.speaker is not None and sentence.speaker.line == 4
    assert [e.line for e in sentence_evidence(notes, sentence, named=True)] == [4, 5, 6]
    assert [e.line for e in sentence_evidence(notes, sentence, named=False)] == [6]
