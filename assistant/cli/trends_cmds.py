"""The `trends` command: sessions per year per Action Line, SDG, organiser or theme."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from assistant.cli.common import HomeOption, JsonOption, console, fail, print_json, settings_for
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.corpus.store import CorpusIndex


def theme_sessions(index: CorpusIndex, themes: list[str]) -> dict[str, set[str]]:
    """Per theme: the ids of the sessions with evidence for it (the same test as "which sessions…")."""
    from assistant.ask.search import Retriever
    from assistant.ask.themes import sessions_on_themes

    return sessions_on_themes(Retriever(index), themes)


def trends(
    by: Annotated[str, typer.Option("--by", help="action-line, sdg, organiser or theme.")] = "action-line",
    theme: Annotated[list[str] | None, typer.Option(
        "--theme", help="A theme such as \"AI\" (repeatable): with --by theme, one group per theme; "
                        "otherwise only that theme's sessions are counted.", show_default=False)] = None,
    years: Annotated[str | None, typer.Option("--years", help="A year or a range, e.g. 2023-2025.",
                                              show_default=False)] = None,
    action_line: Annotated[str | None, typer.Option(
        "--action-line", show_default=False, help="Only sessions tagged with this Action Line.")] = None,
    sdg: Annotated[str | None, typer.Option("--sdg", show_default=False,
                                            help="Only sessions tagged with this SDG.")] = None,
    top: Annotated[int | None, typer.Option("--top", min=1, show_default=False,
                                            help="Only the groups with the most sessions.")] = None,
    png: Annotated[Path | None, typer.Option("--png", show_default=False,
                                             help="Also draw the counts as a bar chart PNG.")] = None,
    home: HomeOption = None,
    json_out: JsonOption = False,
) -> None:
    """Count sessions per year per group, with the sessions behind each count.

    Examples: `trends --by action-line --years 2025` (which lines got the least attention),
    `trends --by theme --theme AI --years 2023-2025` (AI's share of sessions per year),
    `trends --by organiser --action-line "C7 e-health"` (who ran the e-health sessions).
    """
    from assistant.corpus.store import CorpusIndex, IndexError_
    from assistant.corpus.tags import parse_action_line, parse_sdg
    from assistant.corpus.trends import count_trends, group_label, parse_years

    try:
        span = parse_years(years)
        lines = set(parse_action_line(action_line)) if action_line else set()
        goal = parse_sdg(sdg) if sdg else None
    except InputError as exc:
        fail(str(exc), 2)
    themes = [t.strip() for t in (theme or []) if t.strip()]
    try:
        index = CorpusIndex(settings_for(home))
        docs = index.documents()
        restrict: set[str] | None = None
        if lines or goal:
            restrict = {doc for doc, ids in index.tag_ids_by_document().items()
                        if (not lines or ids & lines) and (not goal or goal in ids)}
        found = theme_sessions(index, themes) if themes else {}
        if themes and by != "theme":
            on_theme = set().union(*found.values())
            restrict = on_theme if restrict is None else restrict & on_theme
        result = count_trends(docs, by=by, years=span, theme_sessions=found if by == "theme" else None,
                              restrict_to=restrict, top=top)
    except InputError as exc:
        fail(str(exc), 2)
    except IndexError_ as exc:
        fail(str(exc), 1)
    if png is not None:
        from assistant.corpus.trends_chart import render_png

        title = f"Sessions per {by.replace('-', ' ')} and year"
        title += f" ({', '.join(themes)})" if themes else ""
        render_png(result, png, title)
    if json_out:
        print_json(result.to_json())
        return
    table = Table(by, *[str(y) for y in result.years], "total")
    for group in result.groups:
        cells = []
        for y in result.years:
            n = len(group.per_year.get(y, []))
            share = n / result.sessions_per_year[y] if result.sessions_per_year.get(y) else 0.0
            cells.append(f"{n} ({share:.0%})" if n else "0")
        table.add_row(escape(group_label(group.key)), *cells, str(group.total))
    table.add_row("all sessions", *[str(result.sessions_per_year[y]) for y in result.years],
                  str(sum(result.sessions_per_year.values())))
    console.print(table)
    if png is not None:
        console.print(f"chart written to {escape(str(png))}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the trends command to the CLI."""
    app.command()(trends)
