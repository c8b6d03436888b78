"""Drafting orchestration: notes in, a checked `Draft` of the outcome document out.

`DraftService` reads the notes, fills the header (options first, then what the notes state, else
"[to be completed]"), asks an engine for the sections (`extractive` offline by default, or `llm`),
and runs the coverage and grounding checks on the result. It also redrafts one section, applies a
user's edit and re-checks, and saves every draft and edit with `DraftStore` (unless told not to).
"""

from __future__ import annotations

import copy
import functools
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from assistant.config import Settings
from assistant.corpus.embeddings import checking_embedder, once_per_draft
from assistant.corpus.tags import normalise_tag_field
from assistant.domain.document import YEAR_PATTERN, Header, Item, OutcomeDocument, Section
from assistant.domain.section_limits import room
from assistant.domain.template import Template, load_template, template_for_year
from assistant.drafting.bullet_language import notes_language
from assistant.drafting.checks import (
    PLACEHOLDER_FIELD,
    CheckReport,
    GroundingChecker,
    check_draft,
    is_placeholder,
    with_verdicts,
)
from assistant.drafting.checks.evidence import find_evidence
from assistant.drafting.checks.units import speaker_lookup
from assistant.drafting.draft import Draft, new_draft_id, now_iso
from assistant.drafting.engines import DRAFT_ENGINES, DraftEngineContext
from assistant.drafting.leaks import mark_evidence
from assistant.drafting.notes import Notes, read_notes
from assistant.drafting.proposals import with_proposals
from assistant.drafting.self_check import SelfCheck
from assistant.errors import InputError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.corpus.store import CorpusIndex
    from assistant.drafting.store import DraftStore

EDITED_FLAG = "edited"  # an item whose text a person wrote; regenerating its section keeps it
ProgressFn = Callable[[float, str], None]
SUGGESTED_FIELDS = ("action_lines", "sdgs")
PASSAGE_WORDS = 60  # note lines are tagged in passages of about this many words, like corpus chunks
_P = ParamSpec("_P")
_R = TypeVar("_R")


def _embedding_once(
    method: Callable[Concatenate[DraftService, _P], _R],
) -> Callable[Concatenate[DraftService, _P], _R]:
    """A `DraftService` method run inside `once_per_draft` (unless the service's `embed_once` is
    off): each distinct text it embeds, in any pass, is embedded once for the whole call."""

    @functools.wraps(method)
    def wrapped(self: DraftService, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not self.embed_once:
            return method(self, *args, **kwargs)
        with once_per_draft():
            return method(self, *args, **kwargs)

    return wrapped


def _tag_field(name: str, text: str) -> str:
    """An Action Lines or SDGs header value in the drafts' form; InputError for an unknown entry."""
    return normalise_tag_field("sdg" if name == "sdgs" else "action_line", text)


def is_placeholder_text(text: str) -> bool:
    """True for an empty header value or the "[to be completed]" placeholder."""
    return not text.strip() or PLACEHOLDER_FIELD in text


class DraftService:
    """Makes, redrafts, edits and re-checks drafts; one instance serves many requests."""

    def __init__(
        self, index: CorpusIndex, settings: Settings, *, store: DraftStore | None = None,
        autosave: bool = True, embed_once: bool = True,
    ) -> None:
        self.index = index
        self.settings = settings
        self.template: Template = load_template(settings.template)
        self.autosave = autosave
        # a draft or a redraft embeds each distinct text once (`once_per_draft`); off: as often as asked
        self.embed_once = embed_once
        self._store = store
        self._checker: GroundingChecker | None = None

    # -- shared parts ---------------------------------------------------------------------------
    @property
    def checker(self) -> GroundingChecker:
        """The grounding checker (the index's embedder, or MiniLM beside a multilingual index: its
        floors are fitted on MiniLM; it caches embeddings)."""
        if self._checker is None:
            self._checker = GroundingChecker(checking_embedder(self.index.embedder), self.settings.grounding)
        return self._checker

    @property
    def store(self) -> DraftStore:
        """Where drafts are saved."""
        if self._store is None:
            from assistant.drafting.store import DraftStore

            self._store = DraftStore(self.settings)
        return self._store

    def _snapshot(self) -> Any:
        snapshot = self.index.snapshot()
        return snapshot if len(snapshot) else None

    def _sections(
        self, notes: Notes, engine: str, section_ids: list[str], *, model: str | None,
        chat_model: BaseChatModel | None, keep: list[Section] | None = None,
        progress: ProgressFn | None = None, template: Template | None = None,
    ) -> list[Section]:
        form = template or self.template
        # the drafter reads the notes by MiniLM whatever the index uses (issue 27: an E5 home's drafts
        # were scored on E5's cosine scale by section scores tuned on MiniLM's); only the corpus's
        # nearest chunks are found by the index's own embedder
        context = DraftEngineContext(
            self.settings, form, self.index.embedder, self._snapshot(), self.checker, model, chat_model,
            notes_embedder=checking_embedder(self.index.embedder),
        )
        taken = [i.text for s in keep or [] for i in s.items if not is_placeholder(i)]
        drafter = DRAFT_ENGINES.create(engine, context)
        drafted = drafter.draft(notes, section_ids, exclude_texts=taken, progress=progress)
        # an extractive item is made from its lines' words: it cites only the lines it uses
        check = SelfCheck(notes, self.checker, form, minimal=engine == "extractive")
        if engine != "extractive":
            # a model may cite the wrong line for a true statement: its items are grounded in the whole
            # notes; one no line supports stays, flagged, for the rapporteur to see and correct
            return check.run(drafted, drop=False)

        def redraft(rejected: frozenset[str]) -> list[Section]:
            return drafter.draft(notes, section_ids, exclude_texts=taken, reject_texts=rejected)

        # its items are made from the lines they cite; one the check refuses gives way to the next-best
        return check.run(drafted, redraft)

    def header_for(self, notes: Notes, header: dict[str, str] | None) -> Header:
        """Header fields: given values first, then those the notes state, else the placeholder."""
        given = {k: v.strip() for k, v in (header or {}).items() if isinstance(v, str) and v.strip()}
        unknown = set(given) - set(Header.model_fields)
        if unknown:
            raise InputError(f"unknown header field(s) {', '.join(sorted(unknown))}; use title, "
                             "organisers, date, url, action_lines, sdgs")
        values = {}
        for name in Header.model_fields:
            if name in SUGGESTED_FIELDS:  # suggested from the notes by `suggest_tags`, never a placeholder
                values[name] = _tag_field(name, given.get(name, ""))
                continue
            values[name] = given.get(name) or notes.header.get(name) or PLACEHOLDER_FIELD
        return Header(**values)

    def suggest_tags(self, notes: Notes, title: str = "") -> tuple[str, str]:
        """The WSIS Action Lines and SDGs the notes concern, as header text ("C5, C7 e-health",
        "SDG 4"): the corpus tagger run on the notes' content lines."""
        passages: list[tuple[str, str]] = []
        current: list[str] = []
        for line in notes.lines:  # content lines joined into passages of about a chunk's length
            if line.kind == "content" and line.text:
                current.append(line.text)
                if sum(len(t.split()) for t in current) >= PASSAGE_WORDS:
                    passages.append(("notes", " ".join(current)))
                    current = []
        if current:
            passages.append(("notes", " ".join(current)))
        if not passages:
            return "", ""
        title = "" if is_placeholder_text(title) else title
        # read as corpus chunks are: on their own and with the session title in front (corpus.chunking)
        prefix = f"{title}. " if title else ""
        context, tails = self.index.embedder.encode_with_tails(
            [prefix + text for _, text in passages], [len(prefix)] * len(passages))
        tags = self.index.tagger.tag(title, passages, tails, context)
        lines = ", ".join(t.label for t in tags if t.kind == "action_line")
        goals = ", ".join(t.label for t in tags if t.kind == "sdg")
        return lines, goals

    def template_for(self, header: Header) -> Template:
        """The form of the session's Forum year (from its date) when one ships, else the default."""
        match = YEAR_PATTERN.search(f"{header.date} {header.url}")
        return template_for_year(int(match.group(1)) if match else None, self.settings.template)

    def _checked(
        self, document: OutcomeDocument, template: Template, notes: Notes | None = None,
    ) -> tuple[OutcomeDocument, CheckReport]:
        """The checks of a document (speakers of its evidence read from the notes), and a copy of it
        whose items carry their verdicts."""
        report = check_draft(document, template, self.checker, speaker_lookup(notes) if notes else None)
        return with_verdicts(document, report), report

    def _finish(self, draft: Draft) -> Draft:
        template = load_template(draft.document.template_id)
        mark_evidence(draft.document, draft.notes)
        draft.document, draft.checks = self._checked(draft.document, template, draft.notes)
        if self.autosave:
            self.store.save(draft)
        return draft

    # -- the API --------------------------------------------------------------------------------
    @_embedding_once
    def draft(
        self, notes_text: str, *, header: dict[str, str] | None = None, engine: str | None = None,
        model: str | None = None, chat_model: BaseChatModel | None = None,
        progress: ProgressFn | None = None, sections: list[str] | None = None,
    ) -> Draft:
        """Draft a complete outcome document from notes (NotesError for empty notes).

        `sections` limits the draft to some sections (the coverage check then reports the others
        as missing).
        """
        started = time.perf_counter()
        name = DRAFT_ENGINES.resolve(engine, self.settings.engine)
        wanted = [self.template.section(s).id for s in sections] if sections else self.template.section_ids
        report = progress or (lambda fraction, message: None)
        report(0.05, "reading the notes")
        # the unit-kind model of the notes reader is fitted on MiniLM's vectors, whatever the index uses
        notes = read_notes(notes_text, embedder=checking_embedder(self.index.embedder))
        head = self.header_for(notes, header)
        if not head.action_lines or not head.sdgs:
            lines, goals = self.suggest_tags(notes, head.title)
            head.action_lines = head.action_lines or lines
            head.sdgs = head.sdgs or goals
        template = self.template_for(head)
        report(0.15, f"drafting with the {name} engine")
        drafted = self._sections(notes, name, wanted, model=model, chat_model=chat_model,
                                 progress=progress, template=template)
        # a section the form needs is never left empty; the proposal opens in the notes' language
        drafted = with_proposals(drafted, template, notes_language(notes))
        report(0.85, "checking coverage and grounding")
        document = OutcomeDocument(header=head, sections=drafted, template_id=template.id)
        now = now_iso()
        mark_evidence(document, notes)
        document, checks = self._checked(document, template, notes)
        draft = Draft(
            id=new_draft_id(), document=document, notes=notes, checks=checks, engine=name,
            seconds=time.perf_counter() - started, created=now, updated=now,
        )
        if self.autosave:
            self.store.save(draft)
        report(1.0, "done")
        return draft

    @_embedding_once
    def regenerate(
        self, draft: Draft, section_id: str, *, engine: str | None = None, model: str | None = None,
        chat_model: BaseChatModel | None = None, keep_edits: bool = True, progress: ProgressFn | None = None,
    ) -> Draft:
        """Redraft one section from the draft's notes; every other section stays as it is.

        With `keep_edits` (the default) the section's edited items stay, first and unchanged, and
        the engine fills the rest of the section's limit with items drawn from other note lines;
        with `keep_edits=False` the whole section is replaced.
        """
        template = load_template(draft.document.template_id)
        spec = template.section(section_id)
        name = DRAFT_ENGINES.resolve(engine or draft.engine.split("+")[-1], self.settings.engine)
        others = [s for s in draft.document.sections if s.id != section_id]
        current = draft.document.section(section_id)
        kept = [copy.deepcopy(i) for i in (current.items if current else [])
                if keep_edits and EDITED_FLAG in i.flags and not is_placeholder(i)]
        keep = others + ([Section(id=section_id, heading=spec.heading, items=kept)] if kept else [])
        [fresh] = self._sections(
            draft.notes, name, [section_id], model=model, chat_model=chat_model, keep=keep,
            template=template, progress=progress,
        )
        fresh.heading = spec.heading
        if kept:
            fresh.items = kept + _not_overlapping(fresh.items, kept, room(spec, len(kept)))
        document = copy.deepcopy(draft.document)
        order = {sid: n for n, sid in enumerate(template.section_ids)}
        document.sections = sorted(
            [s for s in document.sections if s.id != section_id] + [fresh], key=lambda s: order.get(s.id, 99)
        )
        engine_label = draft.engine if name in draft.engine.split("+") else f"{draft.engine}+{name}"
        updated = Draft(
            id=draft.id, document=document, notes=draft.notes, checks=draft.checks, engine=engine_label,
            seconds=draft.seconds, created=draft.created, updated=now_iso(),
        )
        return self._finish(updated)

    def set_header(self, draft: Draft, header: dict[str, str]) -> Draft:
        """Replace header fields of a saved draft (title, organisers, date, url) and re-check it.

        Fields absent from `header` keep their value; a form field given empty becomes the
        "[to be completed]" placeholder (a suggested field, Action Lines or SDGs, becomes empty).
        The draft keeps its form (template) and its items.
        """
        unknown = set(header) - set(Header.model_fields)
        if unknown:
            raise InputError(f"unknown header field(s) {', '.join(sorted(unknown))}; use title, "
                             "organisers, date, url, action_lines, sdgs")
        document = copy.deepcopy(draft.document)
        values = document.header.model_dump()
        for name, value in header.items():
            text = " ".join(str(value or "").split())
            if name in SUGGESTED_FIELDS:
                values[name] = _tag_field(name, text)
                continue
            values[name] = text or PLACEHOLDER_FIELD
        document.header = Header(**values)
        updated = Draft(
            id=draft.id, document=document, notes=draft.notes, checks=draft.checks, engine=draft.engine,
            seconds=draft.seconds, created=draft.created, updated=now_iso(),
        )
        return self._finish(updated)

    def edit_item(self, draft: Draft, section_id: str, item_index: int, text: str) -> Draft:
        """Replace one item's text, find its evidence in the whole notes and re-check its grounding.

        The new text may credit a speaker, merge remarks or add a figure from another line: the note
        lines that support it are looked up across the notes (the item's old lines get a head start)
        and become its evidence. When the notes have no content lines, the old evidence stays.
        """
        document = copy.deepcopy(draft.document)
        section = document.section(section_id)
        if section is None:
            raise InputError(f"the draft has no section {section_id!r}")
        if not 0 <= item_index < len(section.items):
            raise InputError(
                f"section {section_id} has {len(section.items)} items; item {item_index} does not exist"
            )
        text = " ".join((text or "").split())
        if not text:
            raise InputError("the new text is empty; write the item's text (or regenerate the section)")
        item = section.items[item_index]
        item.text = text
        found = find_evidence(text, draft.notes, self.checker, cited=[e.line for e in item.evidence])
        if found:
            item.evidence = found
        item.flags = [f for f in item.flags if f != "no_material"]
        if EDITED_FLAG not in item.flags:
            item.flags.append(EDITED_FLAG)
        updated = Draft(
            id=draft.id, document=document, notes=draft.notes, checks=draft.checks, engine=draft.engine,
            seconds=draft.seconds, created=draft.created, updated=now_iso(),
        )
        return self._finish(updated)

    def recheck(self, draft: Draft) -> Draft:
        """Run coverage and grounding checks again (after edits made outside this service)."""
        document = copy.deepcopy(draft.document)
        updated = Draft(
            id=draft.id, document=document, notes=draft.notes, checks=draft.checks, engine=draft.engine,
            seconds=draft.seconds, created=draft.created, updated=now_iso(),
        )
        return self._finish(updated)


def _not_overlapping(items: list[Item], kept: list[Item], room: int) -> list[Item]:
    """Up to `room` real items that draw on none of the note lines the kept items came from."""
    used = {e.line for item in kept for e in item.evidence}
    fresh = [i for i in items if not is_placeholder(i) and not used & {e.line for e in i.evidence}]
    return fresh[:room]
