"""Draft tab: session notes in, a draft of the Session Outcome Document out.

Notes are pasted or uploaded (.txt .md .docx). The draft is shown in the official form with, for
every item, its evidence (note lines) and grounding verdict, plus a coverage summary. Items can
be edited (re-checked on apply); the header (title, organisers, date, URL, and the WSIS Action
Lines and SDGs suggested from the notes) can be changed after drafting; one section can be
regenerated, keeping the user's edited items unless they ask to replace them; the draft downloads
as .docx, .md and .json named from its title. Every draft and edit is saved by the DraftStore: the
recent-drafts list reopens a draft with its notes and header boxes filled, and a page reload
reopens the draft this browser had on screen. Handlers identify a draft by its id, never by
hidden state.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.drafting.engines import DRAFT_ENGINES
from assistant.drafting.engines.fallback import sections_drafted_offline
from assistant.errors import InputError, NotFoundError
from assistant.ui.draft_view import PLACEHOLDER_FIELD, coverage_html, draft_html, item_choices, notes_html
from assistant.ui.errors import user_message
from assistant.ui.ownership import export_folder, owner_key
from assistant.ui.render import esc, notice_html, plural
from assistant.ui.services import AppServices
from assistant.ui.uploads import (
    NOTES_SUFFIXES,
    UploadError,
    check_upload,
    forget_upload,
    limit_exports,
    prune_exports,
)

log = logging.getLogger(__name__)
ENGINES = DRAFT_ENGINES.names()
EXPORTS_PER_USER = 20  # download folders (one per draft) a user keeps in the cache; the oldest go first


def _username(request: Any) -> str | None:
    return getattr(request, "username", None) if request is not None else None


def header_fields(header: dict[str, Any]) -> dict[str, str]:
    """The header as the tab's boxes show it: the "[to be completed]" placeholder as empty."""
    out = {}
    for key in ("title", "organisers", "date", "url", "action_lines", "sdgs"):
        value = str(header.get(key) or "").strip()
        out[key] = "" if value == PLACEHOLDER_FIELD else value
    return out


def header_of(title: str, organisers: str, date: str, url: str, action_lines: str,
              sdgs: str) -> dict[str, str]:
    """The header boxes of the tab as the header fields of a draft."""
    return {"title": title, "organisers": organisers, "date": date, "url": url,
            "action_lines": action_lines, "sdgs": sdgs}


def section_items(draft: Any, section_id: str) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """(text, part, flags) of each item of one section of a draft."""
    section = draft.document.section(section_id)
    return [(i.text, i.part, tuple(i.flags)) for i in (section.items if section else [])]


def failure_html(exc: BaseException, doing: str) -> str:
    """A notice for a failed action: headline, reason and, for LLM failures, the offline tip."""
    headline, detail, tip = user_message(exc, doing)
    body = f"<strong>{esc(headline)}</strong> {esc(detail)}"
    if tip:
        body += f"<br><em>{esc(tip)}</em>"
    return f'<div class="rp-notice rp-error">{body}</div>'


class DraftActions:
    """What the Draft tab's buttons do, independent of the widgets."""

    def __init__(self, services: AppServices) -> None:
        self.services = services
        self.template = services.index.template

    # -- helpers ----------------------------------------------------------------------------------
    def load(self, draft_id: str, user: str | None = None) -> Any:
        """Load a saved draft the user may use (an error when it does not exist or is someone else's)."""
        draft_id = (draft_id or "").strip()
        if not draft_id:
            raise InputError("there is no draft yet: paste notes and press Draft first")
        self.services.access.check(self.services.drafts, draft_id, user)
        try:
            return self.services.drafts.load(draft_id)
        except (FileNotFoundError, NotFoundError) as exc:
            reason = str(exc.args[0]) if exc.args else f"no saved draft with id {draft_id!r}"
            raise InputError(reason) from exc

    def save(self, draft: Any, owner: str | None = None) -> None:
        """Persist a draft with its owner (None: keep the owner on file)."""
        self.services.drafts.save(draft, owner=owner)

    def export(self, draft: Any, user: str | None = None) -> dict[str, Path]:
        """Write the .docx, .md and .json downloads of a draft; returns their paths by suffix.

        The files are named from the session title (see `export.download_stem`) and written to the
        user's folder for this draft (named from keyed digests of the user and the draft id, so the
        guard knows whose it is and nobody can guess it); writing again replaces the draft's files.
        Each user keeps at most EXPORTS_PER_USER such folders, and folders older than the cache age
        are pruned, so opening drafts again and again does not fill the disk.
        """
        from assistant.drafting.export import download_stem, draft_to_docx, draft_to_json, draft_to_markdown

        root = self.services.exports_path
        prune_exports(root, self.services.settings.cache_max_age_s)
        folder = export_folder(root, user, str(draft.id))
        folder.mkdir(parents=True, exist_ok=True)
        folder.touch()  # the newest folder is kept longest
        stem = download_stem(draft)
        paths = {
            "docx": folder / f"{stem}.docx",
            "md": folder / f"{stem}.md",
            "json": folder / f"{stem}.json",
        }
        draft_to_docx(draft, paths["docx"])
        paths["md"].write_text(draft_to_markdown(draft), encoding="utf-8")
        paths["json"].write_text(json.dumps(draft_to_json(draft), ensure_ascii=False, indent=2),
                                 encoding="utf-8")
        for old in folder.iterdir():  # the files of an earlier title
            if old not in paths.values():
                old.unlink(missing_ok=True)
        limit_exports(root, owner_key(user) + "-", EXPORTS_PER_USER)
        return paths

    def recent(self, user: str | None = None) -> list[tuple[str, str]]:
        """(label, id) of the drafts this user may open, newest first."""
        try:
            entries = self.services.access.recent(self.services.drafts, user, 20)
        except Exception as exc:  # a broken store must not break the tab
            log.warning("could not list recent drafts: %s", exc)
            return []
        choices = []
        for entry in entries:
            title = entry.get("title") or "Untitled session"
            updated = str(entry.get("updated") or "")[:16].replace("T", " ")
            choices.append((f"{title} · {updated} · {entry.get('engine', '')}", str(entry["id"])))
        return choices

    def view(self, draft: Any, user: str | None = None) -> dict[str, Any]:
        """Everything the tab shows this user about one draft (the downloads are written for them)."""
        data = draft.to_json()
        try:
            downloads, export_problem = self.export(draft, user), ""
        except ImportError as exc:
            downloads, export_problem = {}, f"downloads are not available in this installation ({exc})"
        except OSError as exc:
            log.warning("could not write the downloads of draft %s: %s", draft.id, exc)
            downloads, export_problem = {}, f"the downloads could not be written ({exc.strerror})"
        return {
            "id": draft.id,
            "coverage": coverage_html(data, self.template),
            "form": draft_html(data, self.template),
            "notes": notes_html(data.get("notes") or []),
            "items": item_choices(data, self.template),
            "downloads": downloads,
            "export_problem": export_problem,
            "data": data,
            "notes_text": draft.notes.text,
            "header": header_fields(data.get("header") or {}),
        }

    # -- actions ----------------------------------------------------------------------------------
    def read_notes_file(self, path: str | None, user: str | None = None) -> str:
        """Text of a notes file this user uploaded (.txt .md .docx), checked like any upload, then
        removed from the cache once no other upload of the same file waits to be read.

        A path that is not one of the user's uploads (another user's upload or download, anything
        else on the server) is refused like a missing file and left untouched.
        """
        from assistant.drafting.notes import load_notes_file

        if not path:
            raise InputError("choose a notes file first")
        source = Path(path)
        files = self.services.files
        downloads = self.services.exports_path.resolve()
        if downloads in source.resolve().parents or not files.owns(source, user):
            raise InputError("that notes file is not among your uploads; upload it again")
        try:
            check_upload(source, source.name, NOTES_SUFFIXES, self.services.settings.max_upload_mb)
            return load_notes_file(source, max_chars=self.services.limits.notes_chars)
        finally:
            if files.release(source, user):
                forget_upload(source)

    def draft(self, notes: str, header: dict[str, str], engine: str | None, model: str | None,
              progress: Any = None, user: str | None = None) -> Any:
        """Draft a document from notes, save it as the user's and return it."""
        limits = self.services.limits
        notes = limits.notes(notes)
        if not notes.strip():
            raise InputError("paste the session notes (or upload a notes file) before drafting")
        header = limits.header(header)
        engine, spec = limits.engine_and_model(engine, model, ENGINES)
        clean_header = {k: v.strip() for k, v in header.items() if v and v.strip()}
        draft = self.services.drafting.draft(
            notes, header=clean_header or None, engine=engine, model=spec,
            chat_model=self.services.chat_model_for(engine), progress=progress,
        )
        self.save(draft, owner=self.services.access.owner_name(user))
        return draft

    def edit(self, draft_id: str, item_key: str | None, text: str, user: str | None = None) -> Any:
        """Replace one item's text, re-check it, save and return the draft."""
        text = self.services.limits.item(text)
        draft = self.load(draft_id, user)
        section_id, index = self.parse_item_key(item_key)
        if not (text or "").strip():
            raise InputError("the new text is empty; to drop an item, regenerate its section instead")
        draft = self.services.drafting.edit_item(draft, section_id, index, text.strip())
        self.save(draft)
        return draft

    def edit_message(self, draft: Any, item_key: str | None) -> str:
        """What the check made of an edited item: the note lines found as its evidence, or what is missing."""
        section_id, index = self.parse_item_key(item_key)
        section = draft.document.section(section_id)
        if section is None or index >= len(section.items):
            return "Edit applied and re-checked against the notes; saved."
        item = section.items[index]
        lines = ", ".join(str(e.line) for e in item.evidence) or "none"
        if item.grounded:
            return f"Edit applied and grounded in the notes (evidence: line {lines}); saved."
        reason = next((c.verdict.reason for c in draft.checks.items
                       if c.section == section_id and c.index == index), "")
        return f"Edit applied but not grounded in the notes (closest lines: {lines}; {reason}); saved."

    def regenerate(self, draft_id: str, section_id: str | None, engine: str | None,
                   model: str | None, replace_edits: bool = False,
                   user: str | None = None) -> tuple[Any, str]:
        """Draft one section again (the others stay), save; returns the draft and what changed.

        Items the user edited stay unless `replace_edits`; when the section comes back exactly
        as it was, the message says so instead of claiming a change.
        """
        engine, spec = self.services.limits.engine_and_model(engine, model, ENGINES)
        draft = self.load(draft_id, user)
        if not section_id:
            raise InputError("choose the section to regenerate first")
        before = section_items(draft, section_id)
        edited = sum(1 for _text, _part, flags in before if "edited" in flags)
        draft = self.services.drafting.regenerate(
            draft, section_id, engine=engine, model=spec, chat_model=self.services.chat_model_for(engine),
            keep_edits=not replace_edits,
        )
        self.save(draft)
        name = self.template.section(section_id).short
        after = section_items(draft, section_id)
        kept = ""
        if edited and not replace_edits:
            kept = " Your edited item was kept." if edited == 1 else f" Your {edited} edited items were kept."
        elif edited:
            kept = f" {plural(edited, 'edited item')} replaced, as asked."
        if [(t, p) for t, p, _f in after] == [(t, p) for t, p, _f in before]:
            return draft, f"Regenerated {name}: the engine gave the same items, so nothing changed.{kept}"
        return draft, f"Regenerated {name}; the other sections are unchanged.{kept} Saved."

    def set_header(self, draft_id: str, header: dict[str, str], user: str | None = None) -> Any:
        """Change the header fields of a saved draft (within the field limits), re-check and save it."""
        draft = self.load(draft_id, user)
        fields = self.services.limits.header({k: (v or "") for k, v in header.items()})
        draft = self.services.drafting.set_header(draft, {k: fields.get(k, "") for k in header})
        self.save(draft)
        return draft

    def parse_item_key(self, item_key: str | None) -> tuple[str, int]:
        """Split an item selector value `section_id:index` (ValueError when it is not one)."""
        section_id, _, index = (item_key or "").rpartition(":")
        if section_id not in self.template.section_ids or not index.isdigit():
            raise InputError("choose the item to edit from the list first")
        return section_id, int(index)

    def item_text(self, draft_id: str, item_key: str | None, user: str | None = None) -> str:
        """Current text of one item (to prefill the edit box)."""
        if not draft_id or not item_key:
            return ""
        section_id, index = self.parse_item_key(item_key)
        for section in self.load(draft_id, user).to_json().get("sections") or []:
            if section.get("id") == section_id:
                items = section.get("items") or []
                if index < len(items):
                    return str(items[index].get("text") or "")
        return ""


def build_draft_tab(services: AppServices) -> dict[str, Any]:
    """Lay out the Draft tab inside the current Blocks and wire its events."""
    actions = DraftActions(services)
    template = actions.template
    section_choices = [(spec.short, spec.id) for spec in template.sections]
    default_engine = services.settings.engine if services.settings.engine in ENGINES else ENGINES[0]

    with gr.Row(equal_height=False, elem_id="draft-layout"):
        with gr.Column(scale=2, min_width=300):
            gr.Markdown("### Session notes")
            notes = gr.Textbox(
                show_label=False, lines=14, max_lines=30, elem_id="draft-notes",
                placeholder="Paste your notes here: one point per line; speaker names welcome.",
            )
            notes_file = gr.File(label="…or upload notes (.txt .md .docx)", file_types=list(NOTES_SUFFIXES),
                                 height=120, elem_id="draft-notes-file")
            with gr.Accordion("Session header (from the notes when left empty; editable after drafting)",
                              open=True, elem_id="draft-header-box"):
                title = gr.Textbox(label="Title", elem_id="draft-title")
                organisers = gr.Textbox(label="Organisers", elem_id="draft-organisers")
                with gr.Row():
                    date = gr.Textbox(label="Date and time", elem_id="draft-date", min_width=160)
                    url = gr.Textbox(label="Session URL", elem_id="draft-url", min_width=160)
                with gr.Row():
                    action_lines = gr.Textbox(label="WSIS Action Lines", elem_id="draft-action-lines",
                                              min_width=160, placeholder="suggested from the notes",
                                              info="e.g. C5, C7 e-health")
                    sdgs = gr.Textbox(label="SDGs", elem_id="draft-sdgs", min_width=160,
                                      placeholder="suggested from the notes", info="e.g. SDG 4, SDG 5")
                header_btn = gr.Button("Save header to this draft", size="sm", interactive=False,
                                       elem_id="draft-header-save")
            with gr.Row():
                engine = gr.Radio(list(ENGINES), value=default_engine, label="Engine", scale=2,
                                  elem_id="draft-engine")
                model = gr.Dropdown(label="Model (llm engine)", choices=list(services.limits.models),
                                    value=services.limits.models[0], allow_custom_value=True,
                                    visible=services.settings.engine == "llm", scale=2, elem_id="draft-model")
            draft_btn = gr.Button("Draft outcome document", variant="primary", size="lg", elem_id="draft-run")
            with gr.Group(elem_id="draft-recent-box"):
                gr.Markdown("### Recent drafts", padding=True)
                with gr.Row():
                    # filled per user when the page loads (never at build time: drafts are private)
                    recent = gr.Dropdown(show_label=False, choices=[], scale=4, value=None,
                                         allow_custom_value=True, elem_id="draft-recent", min_width=160)
                    open_btn = gr.Button("Open", scale=1, min_width=70, elem_id="draft-open")
        with gr.Column(scale=3, min_width=300):
            notice = gr.HTML(elem_id="draft-notice")
            draft_id = gr.Textbox(label="Draft id", show_label=False, container=False, interactive=False,
                                  placeholder="No draft yet", elem_id="draft-id", max_lines=1)
            with gr.Row(equal_height=True, elem_id="draft-downloads"):
                dl_docx = gr.DownloadButton("⬇ .docx", value=None, variant="primary", scale=1, size="md",
                                            min_width=70, interactive=False, elem_id="draft-dl-docx")
                dl_md = gr.DownloadButton("⬇ .md", value=None, interactive=False, scale=1, size="md",
                                          min_width=70, elem_id="draft-dl-md")
                dl_json = gr.DownloadButton("⬇ .json", value=None, interactive=False, scale=1, size="md",
                                            min_width=70, elem_id="draft-dl-json")
            coverage = gr.HTML(elem_id="draft-coverage")
            with gr.Row(equal_height=False):
                with gr.Accordion("Edit an item", open=False, elem_id="draft-edit-box"):
                    item = gr.Dropdown(label="Item", choices=[], allow_custom_value=True,
                                       elem_id="draft-item")
                    item_text = gr.Textbox(label="New text", lines=3, elem_id="draft-item-text")
                    apply_btn = gr.Button("Apply edit", variant="secondary", elem_id="draft-apply")
                with gr.Accordion("Regenerate a section", open=False, elem_id="draft-regen-box"):
                    section = gr.Dropdown(label="Section", choices=section_choices,
                                          value=section_choices[0][1], elem_id="draft-section")
                    replace = gr.Checkbox(label="Replace my edited items too", value=False,
                                          elem_id="draft-regen-replace",
                                          info="Left unticked, items you edited stay as you wrote them.")
                    regen_btn = gr.Button("Regenerate section", elem_id="draft-regenerate")
            form = gr.HTML(elem_id="draft-form")
            with gr.Accordion("Numbered notes (what the evidence refers to)", open=False):
                notes_view = gr.HTML(elem_id="draft-notes-view")
    # the id of the draft on screen, kept (encrypted) in this browser so a reload reopens it
    last_draft = gr.BrowserState(None, storage_key="rapporteur-last-draft")

    shown = [notice, draft_id, coverage, form, notes_view, item, item_text, dl_docx, dl_md, dl_json, recent,
             notes, title, organisers, date, url, header_btn, action_lines, sdgs]

    def outputs_for(draft: Any, message: str, user: str | None) -> tuple[Any, ...]:
        view = actions.view(draft, user)
        files = view["downloads"]
        if view["export_problem"]:
            notice = notice_html(f"{message} Note: {view['export_problem']}.", "warn")
        else:
            notice = notice_html(message, "ok")

        def download(kind: str) -> Any:
            path = files.get(kind)
            return gr.update(value=str(path) if path else None, interactive=bool(path))

        head = view["header"]
        return (
            notice, view["id"], view["coverage"], view["form"], view["notes"],
            gr.update(choices=view["items"], value=None), "",
            download("docx"), download("md"), download("json"),
            gr.update(choices=actions.recent(user), value=draft.id),
            view["notes_text"], head["title"], head["organisers"], head["date"], head["url"],
            gr.update(interactive=True), head["action_lines"], head["sdgs"],
        )

    def failed(exc: BaseException, doing: str) -> tuple[Any, ...]:
        return (failure_html(exc, doing), *[gr.update() for _ in shown[1:]])

    def on_draft(text, t, o, d, u, eng, spec, lines, goals, request: gr.Request,
                 progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
        user = _username(request)

        def report(fraction: float, label: str) -> None:
            progress(max(0.0, min(1.0, float(fraction))), desc=label)

        try:
            progress(0.0, desc="Reading notes")
            draft = actions.draft(text, header_of(t, o, d, u, lines, goals), eng, spec, report, user=user)
            message = f"Draft ready in {draft.seconds:.1f}s ({draft.engine} engine); saved as {draft.id}."
            offline = sections_drafted_offline(draft.document.sections)
            if offline:  # the llm engine left these to the offline engine; their items carry the flag
                message += f" {plural(len(offline), 'section')} drafted offline: {', '.join(offline)}."
            return outputs_for(draft, message, user)
        except Exception as exc:
            return failed(exc, "drafting")

    def on_open(chosen, request: gr.Request):
        try:
            user = _username(request)
            draft = actions.load(chosen, user)
            return outputs_for(draft, "Draft reopened with its notes and header.", user)
        except Exception as exc:
            return failed(exc, "opening the draft")

    def on_header(current, t, o, d, u, lines, goals, request: gr.Request):
        try:
            user = _username(request)
            draft = actions.set_header(current, header_of(t, o, d, u, lines, goals), user)
            return outputs_for(draft, "Header saved with the draft; the downloads now carry it.", user)
        except Exception as exc:
            return failed(exc, "saving the header")

    def on_apply(current, key, text, request: gr.Request):
        try:
            user = _username(request)
            draft = actions.edit(current, key, text, user=user)
            return outputs_for(draft, actions.edit_message(draft, key), user)
        except Exception as exc:
            return failed(exc, "applying the edit")

    def on_regenerate(current, section_id, eng, spec, replace_edits, request: gr.Request):
        try:
            user = _username(request)
            draft, message = actions.regenerate(current, section_id, eng, spec, bool(replace_edits),
                                                user=user)
            return outputs_for(draft, message, user)
        except Exception as exc:
            return failed(exc, "regenerating the section")

    def on_notes_file(path, request: gr.Request):
        if not path:
            return gr.update(), ""
        try:
            text = actions.read_notes_file(path, _username(request))
            return text, notice_html(f"Loaded notes from {Path(path).name}.", "ok")
        except UploadError as exc:
            return gr.update(), notice_html(str(exc), "error")
        except Exception as exc:
            return gr.update(), failure_html(exc, "reading the notes file")

    def on_pick(current, key, request: gr.Request):
        try:
            return actions.item_text(current, key, _username(request))
        except Exception:
            return ""

    # progress shows over the draft itself, never over the recent-drafts list or the header boxes
    draft_btn.click(on_draft, [notes, title, organisers, date, url, engine, model, action_lines, sdgs], shown,
                    api_name="draft", concurrency_id="draft", show_progress_on=[form])
    open_btn.click(on_open, [recent], shown, api_name="draft_open", show_progress_on=[form])
    header_btn.click(on_header, [draft_id, title, organisers, date, url, action_lines, sdgs], shown,
                     api_name="draft_header", show_progress_on=[form])
    apply_btn.click(on_apply, [draft_id, item, item_text], shown, api_name="draft_edit",
                    show_progress_on=[form])
    regen_btn.click(on_regenerate, [draft_id, section, engine, model, replace], shown,
                    api_name="draft_regenerate", concurrency_id="draft", show_progress_on=[form])
    notes_file.upload(on_notes_file, [notes_file], [notes, notice], api_name="draft_notes_file")
    item.change(on_pick, [draft_id, item], [item_text], api_name="draft_item_text")
    engine.change(lambda e: gr.update(visible=e == "llm"), [engine], [model], api_visibility="private")

    draft_id.change(lambda current: current or gr.update(), [draft_id], [last_draft],
                    api_visibility="private")

    def on_remembered(last: str | None, current: str | None, request: gr.Request):
        """When the tab mounts after a reload, reopen the draft this browser had on screen (if it is
        the signed-in user's own: `load` checks the owner)."""
        if last and last != (current or ""):
            user = _username(request)
            try:
                return outputs_for(actions.load(last, user), "Reopened the draft you were working on.", user)
            except Exception as exc:  # deleted, unreadable or not theirs: start empty, say nothing alarming
                log.info("could not reopen draft %s after a reload: %s", last, exc)
        return tuple(gr.update() for _ in shown)

    # BrowserState reads its value when the tab is first shown and reports it as a change
    last_draft.change(on_remembered, [last_draft, draft_id], shown, api_visibility="private",
                      show_progress_on=[form])

    def recent_choices(request: gr.Request):
        return gr.update(choices=actions.recent(_username(request)))

    return {"load": (recent_choices, [recent])}
