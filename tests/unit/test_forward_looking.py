"""Forward-looking content (issue 22, session 11): a theme for the next edition and a commitment
reported of a named body are read as content and routed by structure, not by phrases."""

from __future__ import annotations

from assistant.drafting.engines.extractive import commits
from assistant.drafting.note_kinds import names_next_edition, states_next_edition_theme
from assistant.drafting.note_shapes import is_logistics
from assistant.drafting.notes import _block_contexts, read_notes


def test_a_forward_word_then_an_edition_word_names_the_next_edition() -> None:
    assert names_next_edition("following edition: satellite links for schools")
    assert names_next_edition("put it on the coming year's WSIS agenda")
    assert names_next_edition("la prochaine édition pourrait traiter des câbles")
    assert not names_next_edition("the next speaker took the floor")
    assert not names_next_edition("next session starts after lunch in room 2")


def test_a_farewell_to_the_next_edition_states_no_theme() -> None:
    assert states_next_edition_theme("next edition: a track on subtitles for rural radio")
    assert not states_next_edition_theme("see you all at next year's Forum")


def test_a_theme_for_the_next_edition_is_not_logistics_even_with_a_room_word() -> None:
    # `captions` and `slides` are room words; the line proposes a topic for the next edition
    assert is_logistics("captions were late again")
    assert not is_logistics("upcoming Forum: a session on live captions for sports radio")
    assert is_logistics("thanks all, see you next year")


def test_a_next_edition_line_under_a_speaker_stays_content() -> None:
    notes = read_notes(
        "Rural radio and accessibility\n\nAda Obi (WBU)\n- 40 stations now broadcast with captions\n"
        "- next Forum: a session on captions for community radio\n",
        kinds=False,
    )
    line = next(n for n in notes.lines if "community radio" in n.raw)
    assert line.kind == "content"


def test_points_under_a_heading_naming_the_next_edition_take_the_future_label() -> None:
    raws = ["Ideas for the next edition:", "- broadband for island clinics", "", "Other notes"]
    assert _block_contexts(raws)[1] == "label:future"
    assert _block_contexts(raws)[3] == ""


def test_prose_right_under_a_labelled_heading_is_its_point_until_a_blank_line() -> None:
    raws = ["Next steps:", "The agency would publish the map in June.", "Its partners offered data.", "",
            "Later remarks came from the floor."]
    contexts = _block_contexts(raws)
    assert contexts[1] == contexts[2] == "label:recommend"
    assert contexts[4] == ""


def test_a_commitment_reported_of_a_named_body_is_a_commitment() -> None:
    assert commits("The minister replied that her agency would train 500 nurses by March.")
    assert commits("Ana Reyes confirmed that UNDP would fund the second phase.")
    assert commits("The operator is going to open three more towers.")


def test_a_prediction_or_a_difficulty_in_reported_speech_is_no_commitment() -> None:
    assert not commits("She warned that prices would rise for rural users.")
    assert not commits("He said that it would be hard to reach the islands.")
    assert not commits("Speakers noted that coverage gaps remained in the north.")
