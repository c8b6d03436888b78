"""The package's shape: no import cycles, engines found through their registries, domain errors
that a shell can tell from programming errors."""

from __future__ import annotations

import grimp
import pytest
from typer.testing import CliRunner

from assistant.ask.engines import ANSWER_ENGINES
from assistant.cli.main import app
from assistant.domain.engines import EngineRegistry, UnknownEngineError
from assistant.drafting.engines import DRAFT_ENGINES
from assistant.errors import InputError, RapporteurError


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = grimp.build_graph("assistant")
    cycles = sorted(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    )
    assert cycles == []


def test_engines_are_listed_by_their_registries_and_the_cli_help_reads_them() -> None:
    assert ANSWER_ENGINES.names()[0] == "extractive" and "llm" in ANSWER_ENGINES.names()
    assert DRAFT_ENGINES.names() == ANSWER_ENGINES.names()
    runner = CliRunner()
    for command, registry in (("ask", ANSWER_ENGINES), ("draft", DRAFT_ENGINES)):
        output = runner.invoke(app, [command, "--help"], terminal_width=200).output
        help_text = " ".join(output.replace("│", " ").split())  # rich draws the options in a box
        for name, summary in registry.summaries().items():
            assert f"{name}: {' '.join(summary.split()[:3])}" in help_text


def test_an_unknown_engine_is_bad_input_that_names_the_registered_ones() -> None:
    with pytest.raises(UnknownEngineError, match="extractive, llm") as caught:
        DRAFT_ENGINES.resolve("magic")
    assert isinstance(caught.value, InputError) and caught.value.exit_code == 2
    assert ANSWER_ENGINES.resolve(None, "LLM ") == "llm"
    assert ANSWER_ENGINES.resolve(None) == "extractive"


def test_a_registry_builds_the_engine_its_factory_makes_and_refuses_a_second_name() -> None:
    registry: EngineRegistry[str, str] = EngineRegistry("test")

    @registry.register("echo", "returns its context")
    def _echo(context: str) -> str:
        return f"echo {context}"

    assert registry.create("echo", "hello") == "echo hello"
    with pytest.raises(ValueError, match="registered twice"):
        registry.register("echo", "again")(_echo)


def test_domain_errors_are_not_value_or_key_errors() -> None:
    from assistant.corpus.loaders import DocumentLoadError
    from assistant.drafting.notes import NotesError
    from assistant.drafting.store import DraftNotFoundError
    from assistant.evaluation.datasets import DatasetError
    from assistant.llm.chat_model import LLMUnavailableError

    for error in (DocumentLoadError, NotesError, DraftNotFoundError, DatasetError, LLMUnavailableError):
        assert issubclass(error, RapporteurError)
        assert not issubclass(error, ValueError | KeyError), error
