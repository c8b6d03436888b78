"""A notes channel's export: the typist's prefix is dropped and the speaker named after it is credited."""

from __future__ import annotations

from support.fake_embedder import HashingEmbedder

from assistant.config import load_settings
from assistant.drafting.note_chat import chat_lines
from assistant.drafting.notes import read_notes

CHAT = """Community radio in the Sahel: licences and languages
organised by AMARC, 9 July 2025

[14:01] Binta (notes): room filling, we start late
[14:03] Binta (notes): Idrissa Maiga, Radio Kayes: 60 stations broadcast in 11 local languages
[14:06] Binta (notes): Idrissa: licence fees take a third of a station's yearly budget
[14:09] Joel (notes): remote mic not working
[14:12] Binta (notes): Awa Diallo, ARTP Senegal: a reduced community licence will be tabled in 2026
[14:15] Binta (notes): Awa: regulators should publish licence decisions online
"""

MINUTES = """Community radio in the Sahel
[14:03] Idrissa Maiga: 60 stations broadcast in 11 local languages
[14:06] Idrissa Maiga: licence fees take a third of a station's yearly budget
[14:12] Awa Diallo: a reduced community licence will be tabled in 2026
[14:15] Awa Diallo: regulators should publish licence decisions online
[14:18] Idrissa Maiga: thanks to everyone who came
"""


def test_a_chat_export_is_read_without_its_typists() -> None:
    out = chat_lines(CHAT.splitlines())
    assert out[4] == "14:03 Idrissa Maiga, Radio Kayes: 60 stations broadcast in 11 local languages"
    assert out[6] == "14:09 remote mic not working"
    assert out[0] is None and out[1] is None  # the title and the header are no messages


def test_minutes_with_a_speaker_on_every_line_are_left_alone() -> None:
    # a time and a name before every line is who spoke when no message names a speaker of its own
    assert chat_lines(MINUTES.splitlines()) == [None] * len(MINUTES.splitlines())


def test_the_speaker_named_in_a_message_is_credited_not_the_typist(tmp_path) -> None:  # type: ignore[no-untyped-def]
    embedder = HashingEmbedder(load_settings(home=tmp_path).model_path())
    notes = read_notes(CHAT, embedder=embedder)
    by_number = {line.number: line for line in notes.lines}
    fees = by_number[6]
    assert fees.speaker is not None and fees.speaker.name.startswith("Idrissa")
    assert "Binta" not in " ".join(s.name for s in notes.speakers)
