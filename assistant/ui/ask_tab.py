"""Ask tab: a chat over past outcome documents with streamed, cited answers.

Answers stream in as the service produces them; the finished answer shows its `[n]` markers as
bold links and a collapsible "Sources" block (session title, section, date, excerpt, a link to the
document). Clicking a marker or a source's link opens the cited document beside the chat with the
passage marked (`document_view`). Follow-up
questions send the earlier (question, answer) pairs as history. Filters narrow the search by
year, section, organiser, WSIS Action Line and SDG. LLM failures become a plain message with a
hint to use the offline engine; no traceback ever reaches the page.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.ask.engines import ANSWER_ENGINES
from assistant.errors import InputError
from assistant.ui.document_view import (
    CITATION_CLICK_JS,
    EMPTY_VIEW,
    SCROLL_TO_MARK_JS,
    chunk_id_from,
    citation_href,
    document_view_html,
)
from assistant.ui.errors import user_message
from assistant.ui.render import answer_markdown, esc, md_text, shorten, sources_markdown
from assistant.ui.services import AppServices

log = logging.getLogger(__name__)
ENGINES = ANSWER_ENGINES.names()
ANY = ""
EXAMPLES = (
    "What did sessions recommend to close the gender digital divide?",
    "Which sessions discussed community networks for rural connectivity, and what did they achieve?",
    "What challenges were raised about AI in the public sector?",
    "Which tangible outcomes were announced on e-waste and the circular economy?",
)
NAME_CHARS = 48  # an Action Line's or SDG's name in the filter lists is cut near this length
STREAM_INTERVAL_S = 0.08  # at most ~12 screen updates a second while an answer streams
# Runs in the browser whenever the chat changes: scrolls the chat so that the latest question is at
# its top, with its answer below it (scrolling to the bottom would hide the question of a long answer).
PIN_QUESTION_JS = """
() => {
  const wrap = document.querySelector('#ask-chat .panel-wrap, #ask-chat .bubble-wrap');
  const rows = document.querySelectorAll('#ask-chat .user-row');
  const last = rows[rows.length - 1];
  if (!wrap || !last) return;
  wrap.scrollTop += last.getBoundingClientRect().top - wrap.getBoundingClientRect().top - 8;
}
"""

Messages = list[dict[str, Any]]
Pairs = list[tuple[str, str]]


def organiser_choices(organiser_lines: list[str]) -> list[str]:
    """Single organisations named in the documents' organiser lines, for the organiser filter."""
    names: set[str] = set()
    for line in organiser_lines:
        for part in re.split(r",|;| and | & ", line or ""):
            part = re.sub(r"^(the)\s+", "", part.strip(), flags=re.IGNORECASE).strip(" .")
            if 1 < len(part) <= 80:
                names.add(part)
    return sorted(names, key=str.lower)


def tag_filter_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(label, value) choices of the Action Line and SDG filters, "any" first; C7 alone means every
    strand of C7."""
    from assistant.corpus.tags import load_taxonomy

    taxonomy = load_taxonomy()
    lines = [("Any Action Line", ANY)]
    for spec in taxonomy.action_lines:
        if spec.id == "C7.e-government":  # the first strand: offer C7 as a whole before its strands
            lines.append(("C7 ICT applications (all strands)", "C7"))
        lines.append((spec.label if "." in spec.id else f"{spec.label} {shorten(spec.name, NAME_CHARS)}",
                      spec.id))
    goals = [("Any SDG", ANY)] + [(f"{spec.label} {shorten(spec.name, NAME_CHARS)}", spec.id)
                                  for spec in taxonomy.sdgs]
    return lines, goals


def _filters(year: Any, section: str | None, organisers: str | None,
             action_line: str | None = None, sdg: str | None = None) -> Any:
    from assistant.ask.search import SearchFilters
    from assistant.corpus.tags import parse_action_line, parse_sdg

    year_value = None
    if year not in (None, "", ANY):
        try:
            year_value = int(str(year).strip())
        except ValueError:
            shown = str(year)[:20]
            raise InputError(f"the year filter {shown!r} is not a year; choose one from the list") from None
    return SearchFilters(
        year=year_value,
        section=section or None,
        organisers=(organisers or "").strip() or None,
        action_lines=tuple(parse_action_line(action_line)) if action_line else (),
        sdgs=(parse_sdg(sdg.removeprefix("SDG")),) if sdg else (),
    )


def error_message(exc: BaseException) -> str:
    """The chat message shown when an answer fails: the reason, and what to do about it."""
    headline, detail, tip = user_message(exc, "answering")
    parts = [f"**{md_text(headline)}**", md_text(detail)]
    if tip:
        parts.append(md_text(tip))
    return "\n\n".join(p for p in parts if p)


class AskActions:
    """The chat handler, independent of the widgets."""

    def __init__(self, services: AppServices) -> None:
        self.services = services
        template = services.index.template
        self.headings = {spec.id: spec.short for spec in template.sections}

    def respond(
        self,
        message: str,
        chat: Messages | None,
        pairs: Pairs | None,
        year: Any = None,
        section: str | None = None,
        organisers: str | None = None,
        engine: str | None = None,
        model: str | None = None,
        action_line: str | None = None,
        sdg: str | None = None,
    ) -> Iterator[tuple[Messages, Pairs, str]]:
        """Stream the answer to `message` into the chat; yields (chat, history pairs, input box)."""
        limits = self.services.limits
        chat = limits.chat(chat)  # what the browser sent back is held to the limits like any input
        question = (message or "").strip()
        try:
            pairs = limits.history(pairs)
        except InputError as exc:
            yield [*chat, {"role": "assistant", "content": error_message(exc)}], [], ""
            return
        if not question:
            yield chat, pairs, ""
            return
        try:  # limits, filters and the operator's engine and model choices, before any work
            self.services.limits.question(question)
            self.services.limits.field("organiser filter", organisers)
            filters = _filters(year, section, organisers, action_line, sdg)
            engine, spec = self.services.limits.engine_and_model(engine, model, ENGINES)
        except InputError as exc:
            shown = question if len(question) <= 300 else question[:300] + "…"
            chat += [{"role": "user", "content": md_text(shown)},
                     {"role": "assistant", "content": error_message(exc)}]
            yield chat, pairs, ""
            return
        chat.append({"role": "user", "content": md_text(question)})
        chat.append({"role": "assistant", "content": "_Searching past outcome documents…_"})
        yield chat, pairs, ""
        text = ""
        answer = None
        last = float("-inf")  # not 0.0: monotonic time starts at boot, so 0.0 may be "just now"
        try:
            stream = self.services.ask.stream(
                question, history=list(pairs), filters=filters,
                engine=engine, model=spec, chat_model=self.services.chat_model_for(engine),
            )
            for piece in stream:
                if isinstance(piece, str):
                    text += piece
                    now = time.monotonic()
                    if now - last >= STREAM_INTERVAL_S:
                        last = now
                        chat[-1] = {"role": "assistant", "content": answer_markdown(text) + " ▍"}
                        yield chat, pairs, ""
                else:
                    answer = piece
        except Exception as exc:
            chat[-1] = {"role": "assistant", "content": error_message(exc)}
            yield chat, pairs, ""
            return
        if answer is None:
            chat[-1] = {"role": "assistant", "content": answer_markdown(text) if text else
                        "**No answer was produced.** Try rephrasing the question."}
            yield chat, pairs, ""
            return
        chat[-1] = {"role": "assistant", "content": self._answer_body(answer)}
        if answer.citations:
            opens = "\n\n".join(f"[Open source \\[{c.n}\\] in the document view]({citation_href(c.chunk_id)})"
                                for c in answer.citations)
            chat.append({
                "role": "assistant",
                "content": sources_markdown(answer.citations, self.headings) + "\n\n" + opens,
                "metadata": {"title": f"Sources ({len(answer.citations)})", "status": "done"},
            })
        pairs.append((question, answer.answer))
        yield chat, pairs, ""

    def open_citation(self, value: str) -> str:
        """The document view for a clicked citation: the cited document, its passage marked."""
        from assistant.errors import RapporteurError

        chunk_id = chunk_id_from(value)
        if chunk_id is None:
            return EMPTY_VIEW
        view = self.services.ask.retriever.view()
        row = view.row_of.get(chunk_id)
        if row is None:
            return ("<p class='rp-doc-empty'>This source is no longer in the index (the corpus changed "
                    "since the answer was given): ask the question again.</p>")
        meta = dict(view.snapshot.metadatas[row])
        try:
            doc = self.services.index.get_document(str(meta.get("doc_id", "")))
        except RapporteurError as exc:
            return f"<p class='rp-doc-empty'>{esc(user_message(exc, 'opening the source')[0])}</p>"
        return document_view_html(doc, self.services.index.template,
                                  {**meta, "text": view.snapshot.texts[row]})

    @staticmethod
    def _answer_body(answer: Any) -> str:
        links = {c.n: citation_href(c.chunk_id) for c in getattr(answer, "citations", [])}
        body = answer_markdown(answer.answer, links)
        notes = []
        if getattr(answer, "uncited", False):
            notes.append("the model cited no source: check this answer against the corpus before using it")
        if getattr(answer, "removed_citations", 0):
            notes.append(f"{answer.removed_citations} unsupported citation(s) were removed")
        engine = getattr(answer, "engine", "")
        if engine:
            notes.append(f"engine: {engine}")
        if notes:
            body += f"\n\n<small>{md_text('; '.join(notes))}</small>"
        return body


def build_ask_tab(services: AppServices) -> dict[str, Any]:
    """Lay out the Ask tab inside the current Blocks and wire its events."""
    actions = AskActions(services)
    template = services.index.template

    def filter_options() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        docs = services.index.documents()
        years = sorted({d.year for d in docs if d.year}, reverse=True)
        orgs = organiser_choices([d.organisers for d in docs])
        return ([("Any year", ANY)] + [(str(y), str(y)) for y in years],
                [("Any organiser", ANY)] + [(o, o) for o in orgs])

    section_choices = [("Any section", ANY)] + [(spec.short, spec.id) for spec in template.sections]

    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=480):
            chatbot = gr.Chatbot(
                label="Answers from past outcome documents", show_label=False, height=560, elem_id="ask-chat",
                layout="panel", latex_delimiters=[], allow_tags=False, sanitize_html=True,
                feedback_options=None, buttons=["copy"], autoscroll=False,
                placeholder="Ask about past WSIS Forum sessions. Every answer cites its sources.",
            )
            with gr.Row():
                question = gr.Textbox(
                    show_label=False, placeholder="Ask a question, e.g. what was recommended on…",
                    scale=5, autofocus=True, lines=1, max_lines=4, elem_id="ask-input",
                )
                send = gr.Button("Ask", variant="primary", scale=1, min_width=90, elem_id="ask-send")
                clear = gr.Button("New conversation", scale=1, min_width=90, variant="secondary",
                                  elem_id="ask-clear")
            gr.Examples(examples=[[q] for q in EXAMPLES], inputs=[question], label="Example questions")
            with gr.Accordion("Source document", open=True, elem_id="ask-document-box"):
                document = gr.HTML(EMPTY_VIEW, elem_id="ask-document")
            cite_id = gr.Textbox(visible="hidden", elem_id="ask-cite-id", show_label=False)
            cite_open = gr.Button("Open source", visible="hidden", elem_id="ask-cite-open")
        with gr.Column(scale=1, min_width=260):
            gr.Markdown("#### Filters")
            year_choices, organiser_list = filter_options()
            year = gr.Dropdown(label="Year", choices=year_choices, value=ANY, allow_custom_value=True,
                               elem_id="ask-year")
            section = gr.Dropdown(label="Section", choices=section_choices, value=ANY, elem_id="ask-section")
            organisers = gr.Dropdown(label="Organiser", choices=organiser_list, value=ANY,
                                     allow_custom_value=True, elem_id="ask-organisers",
                                     info="Matches part of the organisers line.")
            line_choices, goal_choices = tag_filter_choices()
            action_line = gr.Dropdown(label="WSIS Action Line", choices=line_choices, value=ANY,
                                      elem_id="ask-action-line",
                                      info="Sessions tagged with it, stated or inferred.")
            sdg = gr.Dropdown(label="SDG", choices=goal_choices, value=ANY, elem_id="ask-sdg")
            gr.Markdown("#### Engine")
            engine = gr.Radio(list(ENGINES), value=services.settings.engine if services.settings.engine
                              in ENGINES else ENGINES[0], show_label=False, elem_id="ask-engine",
                              info="extractive works offline; llm needs a model endpoint.")
            model = gr.Dropdown(label="Model (llm engine)", choices=list(services.limits.models),
                                value=services.limits.models[0], allow_custom_value=True,
                                visible=services.settings.engine == "llm", elem_id="ask-model",
                                info="The models this server offers.")
    pairs = gr.State([])

    inputs = [question, chatbot, pairs, year, section, organisers, engine, model, action_line, sdg]
    outputs = [chatbot, pairs, question]
    send.click(actions.respond, inputs, outputs, api_name="ask", concurrency_id="ask")
    question.submit(actions.respond, inputs, outputs, api_visibility="private", concurrency_id="ask")
    clear.click(lambda: ([], [], ""), None, outputs, api_name="ask_clear")
    chatbot.change(None, None, None, js=PIN_QUESTION_JS, api_visibility="private", queue=False)
    chatbot.change(None, None, None, js=CITATION_CLICK_JS, api_visibility="private", queue=False)
    cite_open.click(actions.open_citation, [cite_id], [document], api_name="ask_source").then(
        None, None, None, js=SCROLL_TO_MARK_JS, api_visibility="private", queue=False)
    engine.change(lambda e: gr.update(visible=e == "llm"), [engine], [model], api_visibility="private")

    def filter_choices():
        years, orgs = filter_options()
        return gr.update(choices=years), gr.update(choices=orgs)

    return {"load": (filter_choices, [year, organisers])}
