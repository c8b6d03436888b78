"""A one-word tag the rapporteur puts before a remark (`Remark: …`) is no speaker, and the note's centre.

The notes reader takes `Word: …` as a speaker's words, and a speaker's words were never shown to the
unit-kind model. A one-word label that only its own line makes a speaker may as well be a country
speaking as the rapporteur's tag on a remark about the room: the model, reading the words after it,
tells them apart (issue 22, third round). Real embedding model: meaning decides here.
"""

from __future__ import annotations

import numpy as np

from assistant.drafting.note_kinds import KindModel, note_centre, unit_vectors
from assistant.drafting.notes import read_notes

TAGGED = """Peer exchange on open tax registers
Organised by the Example Revenue Network
8 July 2025

Item 1 - Country experiences
  Chile (SII, Ana Rojas): e-invoicing covers 95% of firms since 2020
  Chile: any automated decision can be appealed to an officer within 30 days
  Remark: the projector went dark twice, technicians restarted it
  Chat (online, from Kenya): is the code public? -- Rojas: yes, on a public repository
"""


def test_a_one_word_tag_on_a_room_remark_is_noise_and_credits_no_one() -> None:
    notes = read_notes(TAGGED)
    assert notes.line(8).kind == "noise"
    assert all(s.name != "Remark" for s in notes.speakers)
    # the line after the remark stays in the block it was typed in, not the tag's
    after = notes.line(9).speaker
    assert after is None or after.name != "Remark"


def test_a_one_word_country_label_on_a_point_stays_content_with_its_speaker() -> None:
    notes = read_notes(TAGGED)
    assert notes.line(7).kind == "content"
    speaker = notes.line(7).speaker
    assert speaker is not None and speaker.name == "Chile"


def test_a_centred_model_reads_each_unit_with_its_offset_from_the_note_centre() -> None:
    vectors = np.asarray([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    centre = vectors.mean(axis=0)
    centred = KindModel(("content",), np.zeros((1, 4)), np.zeros(1), np.zeros(0), np.ones(0), centred=True)
    plain = KindModel(("content",), np.zeros((1, 2)), np.zeros(1), np.zeros(0), np.ones(0))
    joined = unit_vectors(vectors, centre, centred)
    assert joined.shape == (2, 4)
    assert np.allclose(joined[:, 2:], [[0.5, -0.5], [-0.5, 0.5]])
    assert unit_vectors(vectors, centre, plain) is vectors


class _Echo:
    """An embedder stand-in whose vector for a text is its length and its word count."""

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray([[len(t), len(t.split())] for t in texts], dtype=np.float32)


def test_the_note_centre_is_the_mean_of_its_content_lines_and_none_without_any() -> None:
    assert note_centre([], _Echo()) is None  # type: ignore[arg-type]
    centre = note_centre(["ab", "abcd ef"], _Echo())  # type: ignore[arg-type]
    assert centre is not None and np.allclose(centre, [4.5, 1.5])


def test_each_line_of_a_note_is_embedded_once_across_the_looks() -> None:
    import numpy as np

    from assistant.drafting.note_kinds import OnceEach

    class Counting:
        def __init__(self) -> None:
            self.seen: list[str] = []

        def encode(self, texts: list[str]) -> np.ndarray:
            self.seen.extend(texts)
            return np.asarray([[float(len(t)), 1.0] for t in texts], dtype=np.float32)

    inner = Counting()
    encoder = OnceEach(inner)
    first = encoder.encode(["a line", "another line", "a line"])
    second = encoder.encode(["another line", "a third"])
    assert inner.seen == ["a line", "another line", "a third"]
    assert first[0].tolist() == first[2].tolist() == [6.0, 1.0]
    assert second[0].tolist() == first[1].tolist()
