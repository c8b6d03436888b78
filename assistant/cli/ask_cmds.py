"""Ask commands: `ask` answers one question, `chat` answers a conversation read from standard input.

Both print the answer, then its sources (`[n] title (year) — section: excerpt`), or with --json the
answer as JSON (`chat --json`: one JSON object per line). Exit codes: 0 answered (a refusal too),
1 index unavailable, 2 bad question or option, 3 the LLM failed, 4 the LLM answered without citing
any source (the answer is printed, with a warning).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.markup import escape

from assistant.ask.engines import ANSWER_ENGINES
from assistant.cli.common import HomeOption, JsonOption, engine_help, err_console, print_json, settings_for
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.ask.search import SearchFilters
    from assistant.ask.service import Answer, AskService

EXCERPT_CHARS = 160
EXIT_WORDS = {"exit", "quit", ":q"}
UNCITED_EXIT = 4

EngineOption = Annotated[
    str | None,
    typer.Option("--engine", "-e", help=engine_help(ANSWER_ENGINES), show_default=False),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", "-m", show_default=False,
                 help="Chat model spec for the llm engine, e.g. ollama:qwen2.5:7b or openai:MODEL "
                      "(with RAPPORTEUR_OPENAI_BASE_URL). Implies --engine llm."),
]
YearOption = Annotated[
    int | None, typer.Option("--year", help="Only sessions of this year.", show_default=False)
]
SectionOption = Annotated[
    str | None,
    typer.Option("--section", show_default=False,
                 help="Only this section: key_issues, wsis_views, tangible_outcomes, action_plan, "
                      "thematic_suggestions."),
]
OrganisersOption = Annotated[
    str | None,
    typer.Option("--organisers", show_default=False,
                 help="Only sessions whose organisers include this text (case-insensitive)."),
]
ActionLineOption = Annotated[
    str | None,
    typer.Option("--action-line", show_default=False,
                 help="Only sessions tagged with this WSIS Action Line: C1 to C11, C7 for any of its "
                      "strands, or a strand such as 'C7 e-health'."),
]
SdgOption = Annotated[
    str | None,
    typer.Option("--sdg", show_default=False, help="Only sessions tagged with this SDG (1 to 17)."),
]
KOption = Annotated[int, typer.Option("-k", help="How many passages an answer draws on.", min=1, max=50)]


def _open(home: Path | None) -> AskService:
    from assistant.container import Container

    return Container(settings_for(home)).ask


def _filters(year: int | None, section: str | None, organisers: str | None,
             action_line: str | None = None, sdg: str | None = None) -> SearchFilters:
    from assistant.ask.search import SearchFilters
    from assistant.corpus.tags import parse_action_line, parse_sdg

    try:
        lines = tuple(parse_action_line(action_line)) if action_line else ()
        goals = (parse_sdg(sdg),) if sdg else ()
    except InputError as exc:
        _fail(str(exc), 2)
    return SearchFilters(year=year, section=section or None, organisers=(organisers or "").strip() or None,
                         action_lines=lines, sdgs=goals)


def _engine(engine: str | None, model: str | None) -> str | None:
    return engine or ("llm" if model else None)


def format_sources(answer: Answer, label: Callable[[str, str], str]) -> str:
    """The "Sources" block: one line per citation, `[n] title (year) — section: excerpt`."""
    if not answer.citations:
        return ""
    lines = ["Sources"]
    for c in answer.citations:
        excerpt = " ".join(c.text.split())
        if len(excerpt) > EXCERPT_CHARS:
            excerpt = excerpt[: EXCERPT_CHARS - 1].rstrip() + "…"
        year = f" ({c.year})" if c.year else ""
        lines.append(f"[{c.n}] {c.title or c.doc_id}{year} — {label(c.section, c.part)}: {excerpt}")
    return "\n".join(lines)


def _answer_once(service: AskService, question: str, history: list[tuple[str, str]],
                 filters: SearchFilters, k: int, engine: str | None, model: str | None,
                 json_out: bool, json_lines: bool = False, keep_going: bool = False) -> Answer | None:
    """Answer one question and print it; errors exit with the documented codes.

    With `keep_going` (chat), a bad question prints its error and returns None instead.
    """
    from assistant.corpus.store import IndexError_
    from assistant.llm.chat_model import LLMError

    answer: Answer | None = None
    streamed = False
    try:
        for item in service.stream(question, history=history, filters=filters, k=k,
                                   engine=engine, model=model):
            if isinstance(item, str):
                if not json_out:  # print as it comes: the llm engine streams token by token
                    sys.stdout.write(item)
                    sys.stdout.flush()
                    streamed = True
            else:
                answer = item
    except InputError as exc:
        _end_line(streamed)
        if keep_going:
            _error_line(str(exc))
            return None
        _fail(str(exc), 2)
    except LLMError as exc:
        _end_line(streamed)
        _fail(str(exc), 3)
    except IndexError_ as exc:
        _end_line(streamed)
        _fail(str(exc), 1)
    assert answer is not None
    if answer.uncited:
        err_console.print("[bold yellow]warning:[/] the model cited no source; check this answer against "
                          "the corpus before using it", highlight=False, soft_wrap=True)
    if json_out:
        data = answer.to_json()
        if json_lines:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            print_json(data)
        return answer
    _end_line(streamed)
    sources = format_sources(answer, service.section_label)
    if sources:
        sys.stdout.write("\n" + sources + "\n")
    sys.stdout.flush()
    return answer


def _error_line(message: str) -> None:
    """One error line on stderr, never wrapped, whatever the terminal width."""
    err_console.print(f"[bold red]error:[/] {escape(' '.join(message.split()))}", highlight=False,
                      soft_wrap=True)


def _fail(message: str, code: int) -> NoReturn:
    _error_line(message)
    raise typer.Exit(code)


def _end_line(streamed: bool) -> None:
    if streamed:
        sys.stdout.write("\n")
        sys.stdout.flush()


def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    home: HomeOption = None,
    json_out: JsonOption = False,
    engine: EngineOption = None,
    model: ModelOption = None,
    year: YearOption = None,
    section: SectionOption = None,
    organisers: OrganisersOption = None,
    action_line: ActionLineOption = None,
    sdg: SdgOption = None,
    k: KOption = 5,
) -> None:
    """Answer a question from the indexed outcome documents, citing each claim as [n].

    Whole-corpus questions ("Which sessions…", "How many sessions…", "List all…") list every
    matching session; a question naming an Action Line or SDG ("Which sessions relate to Action
    Line C5?") is answered from the sessions' tags. When no document covers the question, the
    answer says so (refused: true) and names the closest sessions. Exit codes: 0 answered, 1 index
    unavailable, 2 bad input, 3 the LLM could not be used, 4 the LLM's answer cites no source.
    """
    service = _open(home)
    answer = _answer_once(service, question, [], _filters(year, section, organisers, action_line, sdg), k,
                          _engine(engine, model), model, json_out)
    if answer is not None and answer.uncited:
        raise typer.Exit(UNCITED_EXIT)


def chat(
    home: HomeOption = None,
    json_out: JsonOption = False,
    engine: EngineOption = None,
    model: ModelOption = None,
    year: YearOption = None,
    section: SectionOption = None,
    organisers: OrganisersOption = None,
    action_line: ActionLineOption = None,
    sdg: SdgOption = None,
    k: KOption = 5,
) -> None:
    """Ask questions one per line; follow-ups ("and what did they recommend?") use the history.

    Reads standard input until end of file or a line saying `exit`. With --json, prints one JSON
    object per answer, one per line.
    """
    service = _open(home)
    filters = _filters(year, section, organisers, action_line, sdg)
    chosen = _engine(engine, model)
    history: list[tuple[str, str]] = []
    interactive = sys.stdin.isatty()
    if interactive:
        sys.stderr.write("Ask about past sessions; `exit` or Ctrl-D to leave.\n")
    while True:
        if interactive:
            sys.stderr.write("> ")
            sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            break
        question = line.strip()
        if not question:
            continue
        if question.lower() in EXIT_WORDS:
            break
        answer = _answer_once(service, question, history, filters, k, chosen, model, json_out,
                              json_lines=True, keep_going=True)
        if answer is None:
            continue
        history.append((question, answer.answer))
        if not json_out:
            sys.stdout.write("\n")
            sys.stdout.flush()


def register(app: typer.Typer) -> None:
    """Add the ask commands to the CLI."""
    app.command()(ask)
    app.command()(chat)
