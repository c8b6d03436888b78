"""Pieces every CLI command shares: the --home option, settings, error exits, progress bars."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from assistant.domain.engines import EngineRegistry

if TYPE_CHECKING:  # pydantic-settings costs ~80 ms of import, which `--help` does not need
    from assistant.config import Settings

console = Console()
err_console = Console(stderr=True)

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--home",
        help="Data folder (index, drafts). Same as RAPPORTEUR_HOME.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def settings_for(home: Path | None, **overrides: object) -> Settings:
    """Settings from the environment with CLI overrides applied; exit 2 when the home is not writable."""
    from assistant.config import load_settings

    settings = load_settings(home=home, **overrides)
    problem = unwritable(settings.home)
    if problem:
        fail(f"RAPPORTEUR_HOME {settings.home} cannot be written ({problem}); every command keeps its "
             "index, locks and drafts there: point --home or RAPPORTEUR_HOME at a folder this user can "
             "write, or make this one writable", 2)
    return settings


def unwritable(home: Path) -> str | None:
    """Why a file cannot be created in `home` (created if missing), or None when one can."""
    import tempfile

    try:
        home.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=home, prefix=".write-check-"):
            pass
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear error line to stderr and exit with `code`.

    The message is printed as plain text (file names and error texts may hold `[...]`, which Rich
    would read as markup or refuse with a traceback) and never wrapped, whatever the terminal width.
    """
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    """Print data as JSON on stdout (UTF-8, unescaped)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@contextmanager
def progress_bar(description: str, enabled: bool = True) -> Iterator[Any]:
    """A rich progress bar on stderr; yields a callback (done, total, label) for long work."""
    if not enabled or not err_console.is_terminal:
        yield lambda done, total, label: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True,
    ) as progress:
        task = progress.add_task(description, total=None)

        def update(done: int, total: int, label: str) -> None:
            progress.update(task, completed=done, total=total, description=f"{description}: {label}")

        yield update


def engine_help(registry: EngineRegistry[Any, Any]) -> str:
    """An --engine option's help, read from the feature's engine registry."""
    listed = "; ".join(f"{name}: {summary}" for name, summary in registry.summaries().items())
    return f"{listed}. Default: RAPPORTEUR_ENGINE, else {registry.names()[0]}."
