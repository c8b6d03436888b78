"""A Spanish note that opens on a verb whose subject cannot be its one speaker (a plural form, an
impersonal "hay") is reported under the speaker ("X señaló que faltan …"), not given the speaker as
its subject ("X faltan …"); a singular verb still takes the speaker. Sentences written for these tests."""

from __future__ import annotations

import pytest

from assistant.domain.language import language
from assistant.drafting.bullet_language import not_the_speakers_verb
from assistant.drafting.engines.extractive import bullet_from_sentence
from assistant.drafting.notes import NoteSentence, Speaker
from assistant.evaluation.prose import is_complete_sentence

MARTA = Speaker(name="Marta Ríos", org="Agencia Digital")


def _bullet(text: str) -> str:
    sentence = NoteSentence(id=1, line=3, text=text, speaker=MARTA)
    return bullet_from_sentence(sentence, True, language("es"))[0]


@pytest.mark.parametrize(("note", "bullet"), [
    ("Faltan técnicos en las escuelas de montaña.",
     "Marta Ríos (Agencia Digital) señaló que faltan técnicos en las escuelas de montaña."),
    ("Hay 300 escuelas sin conexión en la región.",
     "Marta Ríos (Agencia Digital) señaló que hay 300 escuelas sin conexión en la región."),
    ("Existen dos fondos para el mantenimiento de la red.",
     "Marta Ríos (Agencia Digital) señaló que existen dos fondos para el mantenimiento de la red."),
    # a singular preterite left without its subject is the speaker's own verb
    ("Anunció un fondo para el mantenimiento de la red.",
     "Marta Ríos (Agencia Digital) anunció un fondo para el mantenimiento de la red."),
])
def test_the_speaker_is_the_subject_only_of_a_verb_that_can_have_one(note: str, bullet: str) -> None:
    assert _bullet(note) == bullet
    assert is_complete_sentence(bullet)


def test_plural_and_impersonal_forms_are_read_from_the_language_file() -> None:
    spanish = language("es")
    assert not_the_speakers_verb(spanish, "Faltan") and not_the_speakers_verb(spanish, "hay")
    assert not not_the_speakers_verb(spanish, "anunció") and not not_the_speakers_verb(spanish, "falta")
