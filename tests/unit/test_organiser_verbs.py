"""An organiser is read from a bare verb of running a session after its name, not only from 'organised'."""

from __future__ import annotations

import pytest

from assistant.ask.questions import organiser_names


@pytest.mark.parametrize(("question", "name"), [
    ("Which sessions did FAO run, and what did they recommend?", "FAO"),
    ("Which workshops did the World Health Organization host in 2024?", "World Health Organization"),
    ("What sessions does ITU convene on standards?", "ITU"),
])
def test_a_bare_verb_of_running_a_session_names_the_organiser(question: str, name: str) -> None:
    assert organiser_names(question)[0] == name


def test_running_without_a_name_before_it_is_no_organiser() -> None:
    assert organiser_names("What did the sessions run on AI say about audits?") == []
    assert organiser_names("Which sessions discussed UNDP's hosting costs?") == []
