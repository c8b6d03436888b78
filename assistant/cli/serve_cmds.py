"""The `serve` command: starts the Gradio web app (Ask, Draft, Corpus, Evaluate)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.common import HomeOption, fail, settings_for


def serve(
    host: Annotated[str, typer.Option(help="Interface to bind; 0.0.0.0 exposes the app to the network.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="TCP port of the web app.", min=1, max=65535)] = 7860,
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus", envvar="RAPPORTEUR_CORPUS_DIR", file_okay=False,
            help="Folder of sample outcome documents that 'Re-index all' ingests with the uploads.",
        ),
    ] = None,
    home: HomeOption = None,
) -> None:
    """Start the web app for staff and rapporteurs (login with RAPPORTEUR_AUTH, admins with
    RAPPORTEUR_ADMINS). Binds to 127.0.0.1 unless --host says otherwise."""
    from assistant.ui.auth import AuthConfigError

    settings = settings_for(home)
    if corpus is not None and not corpus.is_dir():
        fail(f"--corpus {corpus} is not a folder", 2)
    try:
        from assistant.ui.app import serve as serve_app

        serve_app(settings, host=host, port=port, corpus_dir=corpus)
    except AuthConfigError as exc:
        fail(str(exc), 2)
    except OSError as exc:
        if "address" in str(exc).lower() or "port" in str(exc).lower():
            fail(f"cannot listen on {host}:{port} ({exc}); choose another --port", 1)
        raise


def register(app: typer.Typer) -> None:
    """Add the serve command to the CLI."""
    app.command()(serve)
