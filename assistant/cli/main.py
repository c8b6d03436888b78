"""Entry point of the `rapporteur` command: builds the Typer app from the command modules.

Each command module exposes `register(app)`. Heavy libraries (torch, chromadb, gradio) are
imported inside commands only, so `rapporteur --help` stays fast.
"""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES = (
    "assistant.cli.corpus_cmds",
    "assistant.cli.ask_cmds",
    "assistant.cli.serve_cmds",
    "assistant.cli.eval_cmds",
    "assistant.cli.draft_cmds",
    "assistant.cli.trends_cmds",
)

app = typer.Typer(
    name="rapporteur",
    help=(
        "Rapporteur: search past WSIS Forum Session Outcome Documents and draft new ones from "
        "session notes. Works offline; data lives in RAPPORTEUR_HOME (or --home)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """Run the CLI."""
    app()


if __name__ == "__main__":
    main()
