"""Terse notes made into whole sentences by their shape (issue 22): verbless lines with no speaker,
`label: value` lines, quotes without a verb, sibling points at one indent, short headings over
indented points, tables typed without outer bars; and a remark typed between a speaker's points,
which the unit-kind model reads by the list it breaks. Every sample was written for these tests."""

from __future__ import annotations

from assistant.drafting.engines.extractive import bullet_from_sentence
from assistant.drafting.note_kinds import FEATURES, UnitKind, breaks_list, layout_features, neighbours
from assistant.drafting.note_reflow import continuation_heads
from assistant.drafting.note_tables import table_lines
from assistant.drafting.notes import NoteLine, _model_noise, read_notes
from assistant.evaluation.prose import is_complete_sentence


def _bullets(text: str) -> dict[int, str]:
    notes = read_notes(text, kinds=False)
    return {s.line: bullet_from_sentence(s, False)[0] for s in notes.sentences}


def test_a_verbless_point_with_no_speaker_gets_a_subject_and_keeps_its_words() -> None:
    bullets = _bullets(
        "Kiosk batteries in rural clinics\n3 July 2025\n\n"
        "points heard\n"
        "- a fee cap on every mobile transfer from January 2026\n"
        "- weak points: theft; spare parts; heat\n"
    )
    first, labelled = bullets[5], bullets[6]
    assert first == "The points raised included a fee cap on every mobile transfer from January 2026."
    assert labelled == "On weak points, it was noted: theft; spare parts; heat."
    assert all(is_complete_sentence(b) for b in bullets.values())


def test_a_point_that_may_hold_its_own_verb_follows_it_was_noted_not_made_an_object() -> None:
    bullets = _bullets("Ferry tickets by phone\n\n- rangers in every port check maps at dawn\n"
                       "- boat crews check tickets on a phone app\n"
                       "- foster ferry apps in local languages\n"
                       "- the ferry pass for students checks age at the gate\n")
    assert bullets[3] == "It was noted: rangers in every port check maps at dawn."
    assert bullets[5] == "It was noted: foster ferry apps in local languages."  # an order no list knows
    assert bullets[6] == "It was noted: the ferry pass for students checks age at the gate."
    assert bullets[4] == "Boat crews check tickets on a phone app."  # a clause of its own stays as written
    assert all(is_complete_sentence(b) for b in bullets.values())


def test_a_quote_with_no_speaker_is_credited_to_a_speaker_and_capitalised() -> None:
    bullets = _bullets("Ferry tickets by phone\n\n- \"paper tickets are the real bottleneck\"\n")
    assert bullets[3] == "A speaker said: \"Paper tickets are the real bottleneck\"."
    assert is_complete_sentence(bullets[3])


def test_a_note_that_opens_with_its_verb_and_no_speaker_gets_a_subject() -> None:
    bullets = _bullets("Ferry tickets by phone\n\n- called for one ticket valid on every island\n"
                       "- proposes a ferry pass for students\n")
    assert bullets[3] == "A speaker called for one ticket valid on every island."
    assert bullets[4] == "A speaker proposed a ferry pass for students."


def test_a_labelled_clause_under_a_speaker_is_reported_about_its_label_not_wrapped_in_that() -> None:
    bullets = _bullets(
        "Ferry tickets by phone\n\n"
        "Mele Tonga (Ports Authority)\n"
        "  harbour pilot: 14 boats joined; 3 islands switched fully\n"
    )
    assert bullets[4] == ("Mele Tonga (Ports Authority) spoke about harbour pilot: 14 boats joined; "
                          "3 islands switched fully.")


def test_sibling_points_at_one_indent_are_points_not_headings() -> None:
    notes = read_notes(
        "Ferry tickets by phone\n\n"
        "Mele Tonga (Ports Authority)\n"
        "  Tonga -> 14 boats on the app since 2024\n"
        "  crew training in two weeks\n",
        kinds=False,
    )
    line = next(x for x in notes.lines if x.number == 4)
    assert line.kind == "content"
    assert line.speaker is not None and line.speaker.name == "Mele Tonga"


def test_a_short_heading_over_indented_points_is_not_joined_to_them() -> None:
    lines = [
        "Ruta Vaca -- fishers' union, Chile",
        "  crews report catches by phone before landing",
        "  the market price shows on the same screen",
    ]
    assert continuation_heads(lines) == [-1, -1, -1]


def test_a_line_stepping_back_out_of_an_indented_block_opens_a_unit() -> None:
    lines = [
        "Ruta Vaca -- fishers' union, Chile, speaking for the southern cooperatives today",
        "  - crews report catches by phone before landing at the harbour in the morning",
        "microphone for the online panel dropped out again",
    ]
    assert continuation_heads(lines)[2] == -1


def test_short_lines_of_terse_notes_are_not_read_as_wrapped() -> None:
    lines = ["- spectrum: a shared band with no licence fee", "- biggest gap: stolen batteries",
             "  next step solar panels under the deck", "mic kept dropping"]
    assert continuation_heads(lines)[3] == -1


def test_a_table_typed_without_outer_bars_is_read_as_labelled_points() -> None:
    raw = ["topic | detail", "solar fridges | 300 installed in clinics in 2024",
           "repairs | 48 hours on average, down from two weeks", "training | 900 store keepers by video"]
    out = table_lines(raw)
    assert out == ["", "solar fridges: 300 installed in clinics in 2024",
                   "repairs: 48 hours on average, down from two weeks",
                   "training: 900 store keepers by video"]


def test_a_single_line_with_bars_is_not_a_table() -> None:
    assert table_lines(["2 July 2025 | 14:00 | Room C", "", "- a point"]) == [None, None, None]


def test_a_bracketed_remark_on_a_heading_does_not_make_its_block_an_aside() -> None:
    notes = read_notes(
        "Ferry tickets by phone\n3 July 2025\n\n"
        "main points (my own shorthand)\n"
        "- 14 boats on the app since 2024\n",
        kinds=False,
    )
    line = next(x for x in notes.lines if x.number == 5)
    assert line.kind == "content"


def test_a_line_with_no_bullet_between_two_bullets_breaks_the_list() -> None:
    raws = ["Mele Tonga (Ports Authority)", "- 14 boats on the app since 2024",
            "projector frozen again, tech called", "- crew training in two weeks", ""]
    around = neighbours(raws, 2)
    assert around == ("- 14 boats on the app since 2024", "- crew training in two weeks")
    features = dict(zip(FEATURES, layout_features(raws[2], raws[2], 2, 5, around), strict=True))
    assert features["breaks_list"] == 1.0
    point = dict(zip(FEATURES, layout_features(raws[3], raws[3], 3, 5, neighbours(raws, 3)), strict=True))
    assert point["breaks_list"] == 0.0  # a bullet after a remark and before the end: no list around it
    assert not breaks_list("- 14 boats", ("- a point", "- another point"))


def test_the_shipped_weights_take_out_a_remark_typed_between_a_speakers_points() -> None:
    notes = read_notes(
        "Ferry tickets by phone\n3 July 2025\n\n"
        "Mele Tonga (Ports Authority)\n"
        "- 14 boats on the island routes sell tickets on the app since 2024\n"
        "sound from the back of the hall keeps cutting out, asked the technician twice\n"
        "- crew training on the app starts in two weeks on every route\n"
    )
    kinds = {line.number: line.kind for line in notes.lines}
    assert kinds[5] == "content" and kinds[7] == "content"
    assert kinds[6] == "noise"


def test_the_noise_share_weighs_non_content_against_content_alone_and_spares_structure() -> None:
    unit = NoteLine(7, "room change after the break, all to hall B", "content",
                    text="room change after the break, all to hall B")
    remark = UnitKind("logistics", 0.5, not_content=0.6, content=0.05)  # the rest on intro and header
    assert round(remark.noise_share, 3) == round(0.6 / 0.65, 3) and _model_noise(remark, unit)
    heading = UnitKind("speaker intro", 0.35, not_content=0.6, content=0.05)  # a block's heading stays
    assert not _model_noise(heading, unit)
    point = UnitKind("content", 0.5, not_content=0.4, content=0.5)
    assert not _model_noise(point, unit)


def test_a_line_opening_on_a_preposition_carries_on_an_unfinished_line_at_its_indent() -> None:
    # illustrative (issue 22, fifth round): a wrapped line at the indent of the line it continues
    lines = ["Radio for flood warnings", "", "Rosa Lima (Civil Protection)",
             "  said that after the floods the agency trained 900 radio volunteers",
             "  in 12 districts and now runs a drill every spring",
             "  called on donors to fund solar transmitters"]
    assert continuation_heads(lines) == [-1, -1, -1, -1, 3, -1]


def test_a_participle_before_its_agent_lends_no_verb_to_a_wrapper() -> None:
    bullets = _bullets("Ferry tickets by phone\n\nMele Tonga (Ports Authority)\n"
                       "- ferry kiosks on 40 islands, run by local cooperatives\n")
    assert bullets[4] == ("Mele Tonga (Ports Authority) highlighted ferry kiosks on 40 islands, run by local "
                          "cooperatives.")
    assert is_complete_sentence(bullets[4])


def test_a_question_mark_with_the_askers_bracket_needs_no_colon() -> None:
    notes = read_notes("Ferry tickets by phone\n\nMele Tonga (Ports Authority)\n- 14 boats joined the pilot\n"
                       "Q (Tonga) who pays for the phones? -- Tonga: the ports do\n", kinds=False)
    question = next(s for s in notes.sentences if s.text.startswith("who pays"))
    assert question.role == "question"
    assert question.asker == "Tonga"


def test_telegraphic_points_get_back_the_verb_they_left_out() -> None:
    # illustrative (issue 22, fifth round): notes that drop `is` / `are`, and a verb after an adverb
    bullets = _bullets("Ferry tickets by phone\n\nMele Tonga (Ports Authority)\n"
                       "- ferry timetables from 14 islands now published every week\n"
                       "- ticket sales on outer islands up 30%\n"
                       "- card payment still missing on small boats\n"
                       "- small ports now sell tickets by SMS\n"
                       "- volunteers on the quay, paid in airtime\n")
    who = "Mele Tonga (Ports Authority)"
    assert bullets[4] == f"{who} reported that ferry timetables from 14 islands are now published every week."
    assert bullets[5] == f"{who} reported that ticket sales on outer islands are up 30%."
    assert bullets[6] == f"{who} noted that card payment is still missing on small boats."
    assert bullets[7] == f"{who} noted that small ports now sell tickets by SMS."
    assert bullets[8] == "Mele Tonga (Ports Authority) highlighted volunteers on the quay, paid in airtime."
    assert all(is_complete_sentence(b) for b in bullets.values())


def test_a_remark_typed_left_of_a_long_bullets_text_is_not_its_wrapped_end() -> None:
    # illustrative (issue 22, fifth round): a full-width bullet, then logistics at the margin
    lines = ["Radio for flood warnings", "",
             "- sirens in 40 villages were tested on the same day as the radio drill in 2024",
             "- volunteers in each district keep a radio on during the whole rainy season",
             "- donors were asked to pay for spare batteries rather than for new apps",
             "- a shared river gauge dashboard for the whole basin goes live in September 2025",
             "wifi dropped twice, stream cut for five minutes"]
    assert continuation_heads(lines)[-1] == -1


def test_a_past_verb_with_its_object_gets_no_copula() -> None:
    from assistant.drafting.telegraphic import with_copula

    def no_verb(_: str) -> bool:
        return False

    text = "850 million people worldwide still lacked any official proof of identity"
    assert with_copula(text, no_verb) == text
    assert with_copula("vessel tracking still missing for small boats", no_verb) == \
        "vessel tracking is still missing for small boats"
