"""A speaker's own remarks to the room, a speaker line that is noise, and a bio under an introduction
(issue 22, the speaker-noise round). Real embedding model: the unit-kind model decides."""

from __future__ import annotations

from pathlib import Path

from assistant.drafting.evidence import sentence_evidence
from assistant.drafting.notes import _states_figure_or_name, _without_pronoun_i, read_notes

HYBRID = (
    "Mobile meals for schools\n"
    "Hosted by WFP\n"
    "14.07.2025\n\n"
    "[10:00] Remote speaker Ines Moreau (WFP): can you all hear me? I am getting feedback\n"
    "[10:02] Moreau: 300 schools now pay their cooks by mobile money\n"
    "[10:05] Moreau: I will stop sharing my screen now, can everyone see the room again?\n"
    "[10:07] Moreau: school attendance rose by 12% where meals were served every day\n"
)


def test_a_keyed_speakers_remark_to_the_room_is_no_point() -> None:
    notes = read_notes(HYBRID)
    by_number = {line.number: line for line in notes.lines}
    assert by_number[7].kind == "noise" and "said by the speaker" in by_number[7].reason
    assert by_number[5].kind == "noise" and "said by the speaker" in by_number[5].reason
    for number in (6, 8):  # her points stay hers
        assert by_number[number].kind == "content"
        assert by_number[number].speaker is not None and by_number[number].speaker.name == "Ines Moreau"


def test_a_speaker_line_that_is_noise_is_not_cited_when_the_point_names_the_speaker() -> None:
    notes = read_notes(HYBRID)
    point = next(s for s in notes.sentences if "300 schools" in s.text)
    assert point.speaker is not None and point.speaker.line == 5  # introduced by a remark to the room
    citable = notes.as_citable(point)
    assert citable.speaker is not None and citable.speaker.name == "Moreau"  # as line 6 writes her
    assert [e.line for e in sentence_evidence(notes, citable, named=True)] == [6]


def test_a_point_that_does_not_name_the_speaker_keeps_the_introduction() -> None:
    notes = read_notes(
        "Mobile meals for schools\nHosted by WFP\n14.07.2025\n\n"
        "10:00 mod Ines Moreau (WFP) - starting late, people still queueing at the door\n"
        "- IM: 300 schools now pay their cooks by mobile money\n"
    )
    point = next(s for s in notes.sentences if "300 schools" in s.text)
    assert notes.line(5).kind == "noise"  # the introduction carries a remark about the room
    assert notes.as_citable(point) is point
    assert point.speaker is not None and point.speaker.name == "Ines Moreau"
    assert [e.line for e in sentence_evidence(notes, point, named=True)] == [5, 6]


def test_a_speaker_line_that_is_content_is_still_cited() -> None:
    notes = read_notes(
        "Mobile meals for schools\nHosted by WFP\n14.07.2025\n\n"
        "[10:00] Ines Moreau (WFP): 300 schools now pay their cooks by mobile money\n"
        "[10:07] Moreau: school attendance rose by 12% where meals were served every day\n"
    )
    point = next(s for s in notes.sentences if "12%" in s.text)
    assert notes.as_citable(point) is point
    assert [e.line for e in sentence_evidence(notes, point, named=True)] == [5, 6]


def test_a_point_naming_a_place_or_a_month_is_something_to_lose() -> None:
    assert not _states_figure_or_name(_without_pronoun_i("can you hear me? I'm on mute, I think"))
    assert _states_figure_or_name(_without_pronoun_i("I will present the results in Rome"))
    assert _states_figure_or_name(_without_pronoun_i("we publish in May"))
    assert _states_figure_or_name("funding for 40 posts")
    assert not _states_figure_or_name("back at 10:30 after the break")  # a time of day is no figure



def test_a_bio_under_a_speakers_introduction_is_no_point() -> None:
    # an illustrative note of this project (evals/speaker-noise): `Name — Org` read as an introduction,
    # then a line about the speaker herself, then her points
    folder = Path(__file__).resolve().parents[2] / "evals" / "speaker-noise" / "notes"
    notes = read_notes((folder / "panel_blocks_chitchat.txt").read_text(encoding="utf-8"))
    by_number = {line.number: line for line in notes.lines}
    assert by_number[18].speaker is not None and by_number[18].speaker.name == "Lucía Ferraro"
    assert by_number[19].kind == "heading" and "describes the speaker" in by_number[19].reason
    assert by_number[21].kind == "content" and by_number[21].speaker is by_number[18].speaker


def test_a_courtesy_sharing_a_line_with_a_point_is_no_point() -> None:
    notes = read_notes(
        "Paying for rural towers\nConvened by the World Bank\n10 July 2025\n\n"
        "MOD = Maria Lind (World Bank)\n"
        "P1 = Tomas Berg (Nordic Fund)\n\n"
        "MOD: Rural coverage gaps leave 400 million people offline.\n"
        "P1: Thank you, Maria, it is a real pleasure to be here. "
        "Our fund co-financed 900 rural sites since 2019.\n"
        "P1: Each euro of public money brought in three from operators.\n"
    )
    said = [s.text for s in notes.sentences if s.line == 9]
    assert said and all("900 rural sites" in t or "pleasure" not in t for t in said)
    assert not any("pleasure" in s.text for s in notes.sentences)
    assert any("900 rural sites" in s.text for s in notes.sentences)



def test_two_points_sharing_a_line_both_stay() -> None:
    notes = read_notes(
        "Paying for rural towers\nConvened by the World Bank\n10 July 2025\n\n"
        "- rural coverage gaps leave 400 million people offline\n"
        "- the fund co-financed 900 rural sites. Regulators should let community networks share the towers.\n"
    )
    assert [s.line for s in notes.sentences].count(6) == 2


def test_a_summary_names_a_speaker_as_its_evidence_writes_them() -> None:
    from assistant.drafting.summaries import summarise_notes

    items = summarise_notes(HYBRID, sentences=2)
    assert items
    for item in items:
        assert 5 not in [e.line for e in item.evidence]  # the remark to the room is never cited
        assert "Ines Moreau" not in item.text and "(WFP)" not in item.text
