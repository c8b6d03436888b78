"""The llm drafter: one prompt per section, structured output, validation and a bounded repair loop.

Each section is drafted by a LangChain chat model from the per-section prompt in `prompts/`, with
example items of the same section from the 2-3 most similar past outcome documents in the index.
The notes travel as numbered lines inside `<notes>` delimiters, and the system prompt says they are
data: a line that tries to instruct the model is never an instruction (lines recognised as such are
not even sent). The answer must be JSON items with the note lines they rest on; limits, empty
items, cited lines and grounding are validated, and up to two repair rounds tell the model what
was wrong. Over-limit output is then trimmed deterministically; output that never parses raises
`LLMOutputError` from `draft_section`.

Real servers are rougher than the API: a reply may come in code fences, be cut at the output limit
(`finish_reason` "length", or "stop" mid-object), ignore the response format, or be empty. Every such
reply goes through the tolerant parser and the repair loop (an unfinished reply is asked again, shorter);
each call asks for as many output tokens as the section needs. A section the model still fails is
drafted by the offline engine and each of its items is flagged `OFFLINE_FLAG`, so a draft always
comes back; after `budget_s` seconds of model time the remaining sections are drafted offline too
(`BUDGET_FLAG`). A server that cannot be reached or times out still ends the draft with
`LLMUnavailableError`.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Collection
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel, Field, ValidationError

from assistant.domain.document import Item, Section
from assistant.domain.section_limits import capacity, cut_to_limits
from assistant.domain.template import SectionSpec, Template
from assistant.drafting.checks import PLACEHOLDER_ITEM, GroundingChecker
from assistant.drafting.engines.fallback import BUDGET_FLAG, OFFLINE_FLAG
from assistant.drafting.evidence import as_paragraph, line_evidence
from assistant.drafting.notes import Notes
from assistant.errors import LLMError
from assistant.llm.chat_model import (
    CallStyle,
    LLMOutputError,
    cut_off_text,
    fallback_log,
    is_refused_request,
    llm_errors,
)
from assistant.llm.prompts import load_prompt

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.corpus.embeddings import Embedder
    from assistant.corpus.snapshot import SearchSnapshot

MAX_REPAIRS = 2
EXEMPLAR_DOCS = 3
EXEMPLARS_PER_DOC = 3
# Output tokens a section needs: the JSON frame, and per item its text (a long bullet is ~60 words,
# ~90 tokens), its part and cited lines, with room for a model that writes more than asked.
TOKENS_BASE = 120
TOKENS_PER_ITEM = 160
TOKENS_PARAGRAPH = 450
CUT_OFF = "the answer stopped before the JSON was complete; give fewer and shorter items"


class DraftedItem(BaseModel):
    """One item proposed by the model, with the note lines it rests on."""

    text: str = Field(description="the bullet (or the paragraph) in formal English")
    part: str | None = Field(
        default=None,
        description="wsis_views only: emerging_trends, challenges, achievements or opportunities",
    )
    evidence_lines: list[int] = Field(default_factory=list, description="numbers of the note lines used")


class SectionDraft(BaseModel):
    """The items of one section of the outcome document."""

    items: list[DraftedItem] = Field(default_factory=list)


class _Malformed(Exception):
    """The model's answer is not the JSON object asked for (`raw`: the text it did send)."""

    def __init__(self, message: str, raw: str = "") -> None:
        super().__init__(message)
        self.raw = raw


class SectionFailedError(LLMOutputError):
    """The model gave no usable answer for one section, repairs included (the draft goes on offline)."""


def max_tokens_for(spec: SectionSpec, ceiling: int) -> int:
    """The output tokens one answer for this section may need (at most `ceiling`)."""
    need = TOKENS_PARAGRAPH if spec.shape == "paragraph" else TOKENS_BASE + TOKENS_PER_ITEM * spec.max_items
    return max(64, min(ceiling, need))


def escape_notes(text: str) -> str:
    """Notes as inert data inside the delimiters: angle brackets can neither close nor open a tag."""
    return text.replace("<", "‹").replace(">", "›")


def notes_block(notes: Notes) -> str:
    """The content lines of the notes as `N| text` (noise, header and injection lines left out)."""
    return "\n".join(
        f"{line.number}| {escape_notes(line.as_read.strip())}"
        for line in notes.lines if line.kind == "content"
    )


def parse_json_output(text: str) -> SectionDraft:
    """Read the model's JSON answer (code fences and chatter around it tolerated)."""
    cleaned = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip(), flags=re.MULTILINE)
    starts = [p for p in (cleaned.find("{"), cleaned.find("[")) if p >= 0]
    if not starts:
        raise _Malformed("the answer contains no JSON object")
    start = min(starts)
    opener = cleaned[start]
    closer = "}" if opener == "{" else "]"
    depth, end = 0, -1
    in_string = escape = False
    for pos in range(start, len(cleaned)):
        char = cleaned[pos]
        if in_string:
            if escape:
                escape = False
            elif char == "\\":
                escape = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                end = pos + 1
                break
    if end < 0:
        raise _Malformed(CUT_OFF)
    try:
        data = json.loads(cleaned[start:end])
    except json.JSONDecodeError as exc:
        raise _Malformed(f"the JSON is not valid ({exc.msg} at position {exc.pos})") from exc
    if isinstance(data, list):
        data = {"items": data}
    try:
        return SectionDraft.model_validate(data)
    except ValidationError as exc:
        raise _Malformed(f"the JSON does not have the expected fields ({exc.error_count()} errors)") from exc


class LLMDrafter:
    """Drafts sections with a chat model, validating and repairing its structured answers."""

    def __init__(
        self, chat_model: BaseChatModel, template: Template, embedder: Embedder,
        snapshot: SearchSnapshot | None, checker: GroundingChecker, endpoint: str = "the LLM", *,
        style: CallStyle | None = None, max_tokens: int = 2048, budget_s: float | None = None,
        notes_embedder: Embedder | None = None,
    ) -> None:
        self.chat = chat_model
        self.template = template
        self.embedder = embedder  # the index's: notes are compared with the snapshot's chunks by it
        self.notes_embedder = notes_embedder  # the offline fallback's (`ExtractiveDrafter`)
        self.snapshot = snapshot
        self.checker = checker
        self.endpoint = endpoint
        self.style = style or CallStyle("other", "auto")
        self.max_tokens = max_tokens
        self.budget_s = budget_s

    def draft(
        self, notes: Notes, section_ids: list[str] | None = None, *,
        exclude_texts: list[str] | None = None, progress: Callable[[float, str], None] | None = None,
        reject_texts: Collection[str] | None = None,
    ) -> list[Section]:
        """Draft the given sections (default all), one model conversation per section (the model
        sees the whole notes, so `exclude_texts` is not needed to avoid repeats). Sections the model
        fails, or that come after the time budget is spent, are drafted offline and flagged.
        `reject_texts` is not used: a model's items are re-grounded in the whole notes, and one that
        stays unsupported is shown flagged for the rapporteur (`drafting.self_check`)."""
        wanted = section_ids or self.template.section_ids
        exemplar_docs = self.similar_documents(notes)
        started = time.monotonic()
        drafted: dict[str, Section] = {}
        offline: dict[str, str] = {}  # section id -> the flag its offline items get
        for number, section_id in enumerate(wanted):
            spec = self.template.section(section_id)
            where = f"section {number + 1} of {len(wanted)} ({spec.id})"
            fraction = 0.15 + 0.7 * number / len(wanted)
            spent = time.monotonic() - started
            if self.budget_s is not None and spent >= self.budget_s:
                offline[spec.id] = BUDGET_FLAG
                fallback_log.info("%s: time budget of %.0f s spent; drafted offline", spec.id, self.budget_s)
                _tell(progress, fraction, f"{where}: the model's time budget is spent; drafting it offline")
                continue
            _tell(progress, fraction, f"drafting {where} with the model")
            began = time.monotonic()
            try:
                items = self.draft_section(notes, spec, self.exemplars(spec, exemplar_docs))
            except SectionFailedError as exc:
                offline[spec.id] = OFFLINE_FLAG
                fallback_log.info("%s: %s; drafted offline", spec.id, exc)
                _tell(progress, fraction, f"{where}: the model failed after "
                      f"{time.monotonic() - began:.1f} s; drafting it offline")
                continue
            _tell(progress, fraction, f"{where} drafted by the model in {time.monotonic() - began:.1f} s")
            drafted[spec.id] = Section(id=spec.id, heading=spec.heading, items=items)
        if offline:
            drafted.update(self._offline(notes, offline, drafted, exclude_texts or []))
        return [drafted[section_id] for section_id in (self.template.section(s).id for s in wanted)]

    def _offline(
        self, notes: Notes, flags: dict[str, str], drafted: dict[str, Section], exclude_texts: list[str],
    ) -> dict[str, Section]:
        """The sections in `flags` drafted by the offline engine, each item flagged."""
        from assistant.drafting.engines.extractive import ExtractiveDrafter

        taken = exclude_texts + [i.text for s in drafted.values() for i in s.items]
        sections = ExtractiveDrafter(self.embedder, self.template, self.snapshot, self.notes_embedder).draft(
            notes, list(flags), exclude_texts=taken)
        for section in sections:
            for item in section.items:
                item.flags.append(flags[section.id])
        return {section.id: section for section in sections}

    # -- exemplars ------------------------------------------------------------------------------
    def similar_documents(self, notes: Notes) -> list[str]:
        """Ids of the past documents closest to the notes (centroid of sentences vs centroid of chunks)."""
        snap = self.snapshot
        if snap is None or len(snap) == 0 or not notes.sentences:
            return []
        vectors = self.embedder.encode([s.text for s in notes.sentences])
        centre = vectors.mean(axis=0)
        doc_ids = snap.column("doc_id")
        scores = []
        for doc_id in dict.fromkeys(doc_ids.tolist()):
            rows = snap.embeddings[doc_ids == doc_id]
            doc_centre = rows.mean(axis=0)
            norm = float(np.linalg.norm(doc_centre) * np.linalg.norm(centre)) or 1.0
            scores.append((float(doc_centre @ centre) / norm, doc_id))
        return [doc_id for _, doc_id in sorted(scores, reverse=True)[:EXEMPLAR_DOCS]]

    def exemplars(self, spec: SectionSpec, doc_ids: list[str]) -> list[str]:
        """Items of this section from the similar documents, as `- [part] text` lines."""
        snap = self.snapshot
        if snap is None or not doc_ids:
            return []
        lines = []
        for doc_id in doc_ids:
            rows = [
                i for i, meta in enumerate(snap.metadatas)
                if meta.get("doc_id") == doc_id and meta.get("section") == spec.id and not meta.get("piece")
            ][:EXEMPLARS_PER_DOC]
            for i in rows:
                part = snap.metadatas[i].get("part") or ""
                label = f"[{part}] " if part else ""
                lines.append(f"- {label}{escape_notes(snap.texts[i])}")
        return lines

    # -- one section ----------------------------------------------------------------------------
    def messages_for(self, notes: Notes, spec: SectionSpec, exemplars: list[str]) -> list[tuple[str, str]]:
        """The system and user messages that ask for one section."""
        limits = (
            "exactly one paragraph (one item)" if spec.shape == "paragraph"
            else f"{spec.min_items} to {spec.max_items} items"
        )
        if spec.parts:
            limits += "; each item has a part: " + ", ".join(p.id for p in spec.parts)
        user = load_prompt("draft_section").format(
            heading=spec.heading,
            title=escape_notes(notes.header.get("title", "") or "(untitled)"),
            description=spec.description,
            limits=limits,
            guidance=load_prompt(f"section_{spec.id}"),
            exemplars="\n".join(exemplars) or "(none available)",
            notes=notes_block(notes),
        )
        return [("system", load_prompt("draft_system")), ("human", user)]

    def draft_section(self, notes: Notes, spec: SectionSpec, exemplars: list[str]) -> list[Item]:
        """Ask, validate, repair (at most twice), then trim: the items of one section."""
        messages: list[Any] = self.messages_for(notes, spec, exemplars)
        max_tokens = max_tokens_for(spec, self.max_tokens)
        last_error = ""
        result: SectionDraft | None = None
        problems: list[str] = []
        for attempt in range(MAX_REPAIRS + 1):
            try:
                result, raw = self._ask(messages, max_tokens)
            except _Malformed as exc:
                last_error = str(exc)
                result, problems = None, [f"the answer was not usable JSON: {exc}"]
                raw = exc.raw
            if result is not None:
                problems = self.validate(result, spec, notes)
                if not problems:
                    break
            if attempt < MAX_REPAIRS:
                fallback_log.info("%s: repair %d (%s)", spec.id, attempt + 1, "; ".join(problems)[:200])
                repair = load_prompt("draft_repair").format(problems="\n".join(f"- {p}" for p in problems))
                messages = [*messages, ("ai", raw or "(unusable answer)"), ("human", repair)]
        if result is None:
            raise SectionFailedError(
                f"the LLM at {self.endpoint} did not return usable JSON for section {spec.id} after "
                f"{MAX_REPAIRS} repair attempts ({last_error}); try another model or --engine extractive"
            )
        return self.to_items(result, spec, notes)

    def _ask(self, messages: list[Any], max_tokens: int = 2048) -> tuple[SectionDraft, str]:
        """One model call in the provider's style (see `CallStyle`); its answer read as a section.

        Whatever the style, an answer that is not the JSON object asked for (fenced, cut off, empty,
        chatter around it, fields missing) raises `_Malformed` with the text that came, for the
        repair loop; only failures of the server itself leave as `LLMError`.
        """
        method = self.style.method
        try:
            if method in ("json_mode", "text"):
                asked = self.style.json_mode() if method == "json_mode" else {}
                bound = self.chat.bind(**asked, **self.style.cap(max_tokens))
                try:
                    with llm_errors(self.endpoint):
                        message = bound.invoke(messages)
                except LLMError as exc:
                    if method != "json_mode" or not is_refused_request(exc):
                        raise
                    fallback_log.info("the server refused JSON mode; asking for plain text from now on")
                    self.style = replace(self.style, method="text")
                    return self._ask(messages, max_tokens)
                return _read_text_answer(message)
            structured = self._structured(method, max_tokens)
            if structured is None:
                with llm_errors(self.endpoint):
                    message = self.chat.invoke(messages)
                return _read_text_answer(message)
            with llm_errors(self.endpoint):
                answer = structured.invoke(messages)
        except LLMOutputError as exc:  # the client refused the model's answer: read what it sent
            cut = cut_off_text(exc)
            if cut is not None:
                fallback_log.info("an answer ended at the server's output limit (finish_reason length; "
                                  "%d tokens asked for)", max_tokens)
                raise _Malformed(CUT_OFF, cut) from exc
            if type(exc.__cause__).__name__ == "ValidationError":  # the content did not fit the schema
                raise _Malformed(f"fields not as expected ({_one_line(exc.__cause__)})") from exc
            raise
        assert isinstance(answer, dict)  # include_raw=True: {"raw", "parsed", "parsing_error"}
        raw_message = answer.get("raw")
        raw = _raw_text(raw_message)
        parsed = answer.get("parsed")
        if isinstance(parsed, SectionDraft):
            return parsed, raw
        if isinstance(parsed, dict):
            try:
                return SectionDraft.model_validate(parsed), raw
            except ValidationError as exc:
                raise _Malformed(f"fields not as expected ({exc.error_count()} errors)", raw) from exc
        if raw.strip():
            return _read_text_answer(raw_message)
        error = answer.get("parsing_error")
        # the error's text can hold the whole message repr: name its kind, in one line
        raise _Malformed(f"empty answer ({type(error).__name__})" if error else "empty answer")

    def _structured(self, method: str, max_tokens: int) -> Any:
        """The model wrapped for structured output with `method` (None: it has no tools; use text)."""
        kwargs: dict[str, Any] = {"include_raw": True}
        if method != "auto":
            kwargs.update(method=method, **self.style.cap(max_tokens))
        try:
            return self.chat.with_structured_output(SectionDraft, **kwargs)
        except NotImplementedError:
            return None

    def validate(self, result: SectionDraft, spec: SectionSpec, notes: Notes) -> list[str]:
        """What is wrong with a section answer: limits, empty items, cited lines, parts, grounding."""
        problems = []
        limit = capacity(spec)
        if len(result.items) > limit:
            problems.append(f"{len(result.items)} items given; the section allows at most {limit}")
        checkable = []
        for number, item in enumerate(result.items, 1):
            if not item.text.strip():
                problems.append(f"item {number} is empty")
                continue
            bad = [n for n in item.evidence_lines if not notes.is_content(n)]
            if bad:
                problems.append(
                    f"item {number} cites line(s) {', '.join(map(str, bad))}, which are not content lines "
                    "of the notes"
                )
            if not item.evidence_lines:
                problems.append(f"item {number} cites no note line")
            if spec.parts and item.part not in {p.id for p in spec.parts}:
                problems.append(
                    f"item {number} has part {item.part!r}; use one of {', '.join(p.id for p in spec.parts)}"
                )
            good = [n for n in item.evidence_lines if notes.is_content(n)]
            if good and not bad:
                checkable.append((number, item.text, [e.text for e in line_evidence(notes, good)]))
        verdicts = self.checker.check_many([(text, evidence) for _, text, evidence in checkable])
        for (number, _, _), verdict in zip(checkable, verdicts, strict=True):
            if not verdict.supported:
                problems.append(f"item {number} is not supported by the lines it cites ({verdict.reason})")
        return problems

    def to_items(self, result: SectionDraft, spec: SectionSpec, notes: Notes) -> list[Item]:
        """Final items: empty ones dropped, invalid lines removed, parts fixed, trimmed to the limit."""
        items = []
        valid_parts = {p.id for p in spec.parts}
        for drafted in result.items:
            text = " ".join(drafted.text.split())
            if not text:
                continue
            lines = [n for n in dict.fromkeys(drafted.evidence_lines) if notes.is_content(n)]
            evidence = line_evidence(notes, lines)
            part = drafted.part if drafted.part in valid_parts else None
            if spec.parts and part is None:
                part = _guess_part(text, spec)
            items.append(Item(text=text, part=part if spec.parts else None, evidence=evidence))
        if spec.shape == "paragraph" and len(items) > 1:
            items = [as_paragraph(items)]
        items = cut_to_limits(items, spec)
        if spec.parts:
            order = {p.id: n for n, p in enumerate(spec.parts)}
            items.sort(key=lambda i: order.get(i.part or "", 99))
        return items or [Item(text=PLACEHOLDER_ITEM, flags=["no_material"])]


def _guess_part(text: str, spec: SectionSpec) -> str:
    """A part for an item the model left without one: by the part cue words in its text."""
    from assistant.drafting.engines.extractive import PART_CUES

    for part in spec.parts:
        pattern = PART_CUES.get(part.id)
        if pattern is not None and pattern.search(text):
            return part.id
    return spec.parts[0].id


def _tell(progress: Callable[[float, str], None] | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


def _one_line(exc: BaseException | None, limit: int = 160) -> str:
    return " ".join(str(exc).split())[:limit]


def _read_text_answer(message: Any) -> tuple[SectionDraft, str]:
    """A section read from a model message's text by the tolerant parser (fences, chatter, a list);
    an empty or cut-off answer is named as such, with the text that came."""
    raw = _raw_text(message)
    if not raw.strip():
        raise _Malformed("empty answer")
    finish = (getattr(message, "response_metadata", None) or {}).get("finish_reason")
    try:
        return parse_json_output(raw), raw
    except _Malformed as exc:
        if finish == "length":
            fallback_log.info("an answer ended at the server's output limit (finish_reason length)")
            raise _Malformed(CUT_OFF, raw) from exc
        raise _Malformed(str(exc), raw) from exc


def _raw_text(message: Any) -> str:
    """The text of a model message (content may be a string or a list of blocks)."""
    if message is None:
        return ""
    content = getattr(message, "content", message)
    if isinstance(content, list):
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content)
