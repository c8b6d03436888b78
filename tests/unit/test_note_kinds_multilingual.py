"""The unit-kind model of notes not written in English (issue 27, tenth round): weights fitted on the
multilingual E5 vectors, chosen by the notes' language, with MiniLM's model kept for English notes;
and a transcript's clock time with seconds (`[00:02:10]`) read as a time. The notes are written for
these tests."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.drafting import notes as notes_module
from assistant.drafting.note_kinds import ENGLISH_EMBEDDER, KindModel, shipped_model, weights_file
from assistant.drafting.note_lines import TIMESTAMP
from assistant.drafting.notes import MULTILINGUAL_KINDS, read_notes

SPANISH = """Sesión: Radios comunitarias y datos abiertos
Organizado por: Red de Radios del Sur

Carmen Ortiz (Red de Radios del Sur):
- las radios del programa llegan a 2.000 comunidades sin cobertura móvil
- piden al ministerio una licencia única para las emisoras indígenas
"""
ENGLISH = """Session: Community radios and open data
Organised by: Southern Radio Network

Carmen Ortiz (Southern Radio Network):
- the programme's radios reach 2,000 communities with no mobile coverage
- they ask the ministry for a single licence for indigenous stations
"""


class CountingEncoder:
    """A stand-in for the MiniLM embedder that counts the texts it is asked for."""

    def __init__(self) -> None:
        self.texts = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.texts += len(texts)
        return np.full((len(texts), 384), 1.0 / np.sqrt(384), dtype=np.float32)


def test_the_weights_file_is_named_by_embedder() -> None:
    assert weights_file() == "unit_kinds.json"
    assert weights_file(ENGLISH_EMBEDDER) == "unit_kinds.json"
    assert weights_file(MULTILINGUAL_KINDS) == "unit_kinds-multilingual-e5-small.json"


def test_the_multilingual_weights_are_shipped_with_their_noise_head() -> None:
    english, other = shipped_model(), shipped_model(MULTILINGUAL_KINDS)
    assert english is not None and english.embedder == ENGLISH_EMBEDDER
    assert other is not None and other.embedder == MULTILINGUAL_KINDS
    assert other.noise_weights is not None and other.centred
    assert other.weights.shape == english.weights.shape


def test_the_embedder_travels_with_the_weights_and_minilm_json_is_unchanged() -> None:
    model = shipped_model(MULTILINGUAL_KINDS)
    assert model is not None
    data = model.to_json()
    assert data["embedder"] == MULTILINGUAL_KINDS
    assert KindModel.from_json(data).embedder == MULTILINGUAL_KINDS
    english = shipped_model()
    assert english is not None and "embedder" not in english.to_json()


def test_english_notes_keep_minilm_and_its_model() -> None:
    encoder = CountingEncoder()
    notes = read_notes(ENGLISH, kinds=False)
    chosen, model = notes_module._kind_reader(notes.lines, [line.raw for line in notes.lines], encoder, None)
    assert chosen is encoder
    assert model is shipped_model()


def test_spanish_notes_without_the_multilingual_package_keep_minilm(monkeypatch: pytest.MonkeyPatch) -> None:
    encoder = CountingEncoder()
    monkeypatch.setattr(notes_module, "_multilingual_embedder", lambda embedder: None)
    notes = read_notes(SPANISH, kinds=False)
    chosen, model = notes_module._kind_reader(notes.lines, [line.raw for line in notes.lines], encoder, None)
    assert chosen is encoder and model is shipped_model()


def test_spanish_notes_are_read_by_the_multilingual_model(monkeypatch: pytest.MonkeyPatch) -> None:
    encoder, e5 = CountingEncoder(), CountingEncoder()
    monkeypatch.setattr(notes_module, "_multilingual_embedder", lambda embedder: e5)
    notes = read_notes(SPANISH, kinds=False)
    chosen, model = notes_module._kind_reader(notes.lines, [line.raw for line in notes.lines], encoder, None)
    assert model is shipped_model(MULTILINGUAL_KINDS)
    chosen.encode(["una línea"])
    assert e5.texts == 1 and encoder.texts == 0


def test_a_whole_read_of_spanish_notes_embeds_the_units_with_the_multilingual_encoder(
        monkeypatch: pytest.MonkeyPatch) -> None:
    e5 = CountingEncoder()
    monkeypatch.setattr(notes_module, "_multilingual_embedder", lambda embedder: e5)
    minilm = CountingEncoder()
    read_notes(SPANISH, embedder=minilm)  # type: ignore[arg-type]
    assert e5.texts > 0  # the units and the note's centre
    before = e5.texts
    read_notes(ENGLISH, embedder=minilm)  # type: ignore[arg-type]
    assert e5.texts == before


@pytest.mark.parametrize(("line", "stamp"), [
    ("[00:02:10] Valeria Quispe (Red Andina): Instalamos 85 sensores.", "00:02:10"),
    ("00:02:10 - Valeria Quispe: Instalamos 85 sensores.", "00:02:10"),
    ("[14:05] Valeria Quispe: Instalamos 85 sensores.", "14:05"),
    ("10:30-11:00 panel", "10:30-11:00"),
])
def test_a_clock_time_with_seconds_is_one_time(line: str, stamp: str) -> None:
    match = TIMESTAMP.match(line)
    assert match is not None and match.group("ts") == stamp


def test_a_transcript_line_with_seconds_reads_its_speaker() -> None:
    notes = read_notes("Sesión: Agua\n\n[00:02:10] Valeria Quispe (Red Andina de Agua): Instalamos 85 "
                       "sensores de caudal en tres provincias.\n", kinds=False)
    line = notes.lines[2]
    assert line.speaker is not None and line.speaker.name == "Valeria Quispe"
    assert line.text.startswith("Instalamos 85 sensores")


def test_a_speakers_own_line_goes_on_the_multilingual_head_alone() -> None:
    from assistant.drafting.note_kinds import UnitKind

    e5, minilm = shipped_model(MULTILINGUAL_KINDS), shipped_model()
    assert e5 is not None and minilm is not None
    sure_head = UnitKind("aside", 0.6, 0.85, 0.15, noise=0.86)  # share 0.85: under the share's bar
    assert notes_module._spoken_noise(sure_head, e5)
    assert not notes_module._spoken_noise(sure_head, minilm)  # English weights: the share's bar only
    assert not notes_module._spoken_noise(UnitKind("aside", 0.6, 0.85, 0.15, noise=0.7), e5)
    assert notes_module._spoken_noise(UnitKind("protocol", 0.9, 0.96, 0.04, noise=0.5), e5)
