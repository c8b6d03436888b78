"""Corpus tab: upload documents, see what happened to each file, list, delete and re-index.

Only admins (see `assistant.ui.auth`) may change the corpus; every handler checks the logged-in
user itself, because hidden buttons do not stop a direct API call.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.corpus.loaders import slugify
from assistant.corpus.store import IndexError_
from assistant.ui.audit import audit
from assistant.ui.reindex import reindex
from assistant.ui.render import ingest_html, notice_html, plural
from assistant.ui.services import AppServices
from assistant.ui.uploads import CORPUS_SUFFIXES, UploadError, check_upload, forget_upload, store_upload

log = logging.getLogger(__name__)
DOC_HEADERS = ["Title", "Year", "Found", "Missing sections", "Chunks", "Document id"]
# fixed widths in which every header word fits on one line; where the column is narrower (a phone)
# the table scrolls sideways inside its box (theme.py) instead of squeezing headers to a letter a line
DOC_WIDTHS: list[str | int] = ["170px", "58px", "64px", "110px", "70px", "140px"]
KEEP_STATUSES = {"added", "updated", "unchanged"}


def _username(request: Any) -> str | None:
    return getattr(request, "username", None) if request is not None else None


class CorpusActions:
    """What the Corpus tab's buttons do, independent of the widgets."""

    def __init__(self, services: AppServices) -> None:
        self.services = services

    # -- reading --------------------------------------------------------------------------------
    def document_rows(self) -> list[list[object]]:
        """One row per indexed document for the documents table, newest sessions first."""
        template = self.services.index.template
        shorts = {spec.id: spec.short for spec in template.sections}
        rows = []
        docs = sorted(self.services.index.documents(), key=lambda d: (-(d.year or 0), d.title.lower()))
        for info in docs:
            missing = [shorts[s] for s in template.section_ids if s not in info.sections]
            rows.append([
                info.title or info.source, str(info.year or ""), f"{len(info.sections)}/{len(shorts)}",
                ", ".join(missing) or "none", info.chunks, info.doc_id,
            ])
        return rows

    def document_ids(self) -> list[str]:
        """Ids of the indexed documents."""
        return [info.doc_id for info in self.services.index.documents()]

    def delete_choices(self) -> list[tuple[str, str]]:
        """(label, id) of every indexed document for the delete selector: title, year and id, by title."""
        docs = sorted(self.services.index.documents(), key=lambda d: (d.title or d.source).lower())
        return [(f"{d.title or d.source} ({d.year or 'no year'}) · {d.doc_id}", d.doc_id) for d in docs]

    def title_of(self, doc_id: str | None) -> str:
        """The title of an indexed document (its id when it has none or is unknown)."""
        for info in self.services.index.documents():
            if info.doc_id == doc_id:
                return info.title or info.source or info.doc_id
        return doc_id or ""

    def summary(self) -> str:
        """One line of totals above the documents table."""
        docs = self.services.index.documents()
        chunks = sum(d.chunks for d in docs)
        years = sorted({d.year for d in docs if d.year})
        span = f", {years[0]}–{years[-1]}" if years else ""
        return notice_html(f"{plural(len(docs), 'document')} indexed ({plural(chunks, 'chunk')}{span}).",
                           "info")

    # -- writing --------------------------------------------------------------------------------
    def upload(self, files: list[str] | None, username: str | None) -> tuple[str, list[dict[str, Any]]]:
        """Check, ingest and keep uploaded files; returns a notice and one result per file."""
        policy = self.services.policy
        if not policy.may_change_corpus(username):
            return notice_html(policy.refusal(username), "error"), []
        if not files:
            return notice_html("Choose one or more files to upload first.", "warn"), []
        settings = self.services.settings
        results: list[dict[str, Any]] = []
        accepted: dict[Path, str] = {}
        owners = self.services.files
        downloads = self.services.exports_path.resolve()
        mine = [Path(raw) for raw in files
                if owners.owns(raw, username) and downloads not in Path(raw).resolve().parents]
        for raw in files:
            path = Path(raw)
            if path not in mine:  # another user's upload or download, or any other server file
                results.append({"file": path.name, "status": "failed", "doc_id": "", "chunks": 0,
                                "reason": "not among your uploads; upload it again"})
                continue
            try:
                name = check_upload(path, path.name, CORPUS_SUFFIXES, settings.max_upload_mb)
            except UploadError as exc:
                results.append({"file": path.name, "status": "failed", "doc_id": "", "chunks": 0,
                                "reason": str(exc).split(": ", 1)[-1]})
                continue
            if any(existing == name for existing in accepted.values()):
                results.append({"file": name, "status": "failed", "doc_id": slugify(Path(name).stem),
                                "chunks": 0, "reason": "uploaded twice in one batch; keep one copy"})
                continue
            accepted[path] = name
        try:
            if accepted:
                try:
                    report = self.services.index.ingest(list(accepted), names=accepted, lock_timeout=120)
                except IndexError_ as exc:
                    return notice_html(str(exc), "error"), results
                for result in report.results:
                    name = accepted[Path(result.path)]
                    if result.status in KEEP_STATUSES:
                        store_upload(Path(result.path), self.services.uploads_path, name)
                    results.append({"file": name, "status": result.status, "doc_id": result.doc_id,
                                    "chunks": result.chunks, "reason": result.reason})
        finally:
            for path in mine:  # gone once every upload of these bytes has been read
                if owners.release(path, username):
                    forget_upload(path)
        summary = ", ".join(f"{r['file']}={r['status']}" for r in results)
        log.info("upload by %s: %s", username or "local user", summary)
        audit("upload", username, files=summary)
        return self._totals(results), results

    def delete(self, doc_id: str | None, username: str | None) -> str:
        """Remove a document from the index and its uploaded file (so re-index does not revive it)."""
        policy = self.services.policy
        if not policy.may_change_corpus(username):
            return notice_html(policy.refusal(username), "error")
        if not doc_id:
            return notice_html("Choose the document to delete first.", "warn")
        try:
            self.services.index.remove([doc_id])
        except IndexError_ as exc:
            return notice_html(str(exc), "error")
        folder = self.services.uploads_path
        removed_files = []
        if folder.is_dir():
            for path in folder.iterdir():
                if path.is_file() and slugify(path.stem) == doc_id:
                    path.unlink()
                    removed_files.append(path.name)
        log.info("document %s deleted by %s", doc_id, username or "local user")
        audit("delete", username, doc_id=doc_id, files=", ".join(removed_files))
        extra = f" and its uploaded file {', '.join(removed_files)}" if removed_files else ""
        return notice_html(f"Deleted {doc_id}{extra}.", "ok")

    def confirmation(self, doc_id: str | None, username: str | None) -> str:
        """The question asked before a delete: which document, and what deleting it does."""
        policy = self.services.policy
        if not policy.may_change_corpus(username):
            return notice_html(policy.refusal(username), "error")
        if not doc_id:
            return ""
        return notice_html(
            f"Delete \u201c{self.title_of(doc_id)}\u201d ({doc_id})? Its chunks leave the index and its "
            "uploaded file is removed; this cannot be undone.", "warn",
        )

    def reindex(self, username: str | None) -> tuple[str, list[dict[str, Any]]]:
        """Re-ingest every uploaded file and the configured sample corpus folder."""
        policy = self.services.policy
        if not policy.may_change_corpus(username):
            return notice_html(policy.refusal(username), "error"), []
        sources = [p for p in (self.services.uploads_path, self.services.corpus_dir) if p and p.is_dir()]
        if not sources:
            return notice_html("Nothing to re-index: no uploaded files and no corpus folder.", "warn"), []
        try:
            done = reindex(self.services.index, sources, self.services.settings.home, lock_timeout=120)
        except IndexError_ as exc:
            return notice_html(str(exc), "error"), []
        results = done.results
        audit("reindex", username, files=len(results))
        prefix = f"Re-indexed {plural(len(results), 'file')} in {done.seconds:.1f}s: "
        return self._totals(results, prefix=prefix), results

    @staticmethod
    def _totals(results: list[dict[str, Any]], prefix: str = "") -> str:
        counts: dict[str, int] = {}
        for result in results:
            counts[result["status"]] = counts.get(result["status"], 0) + 1
        text = ", ".join(f"{n} {status}" for status, n in counts.items()) or "nothing done"
        kind = "error" if counts.get("failed") else "warn" if counts.get("duplicate") else "ok"
        return notice_html(f"{prefix}{text}.", kind)


def build_corpus_tab(services: AppServices) -> dict[str, Any]:
    """Lay out the Corpus tab inside the current Blocks and wire its events."""
    actions = CorpusActions(services)
    limit = services.settings.max_upload_mb

    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=280):
            gr.Markdown("### Add documents")
            access = gr.HTML(visible=False, elem_id="corpus-access")
            files = gr.File(
                label=f"Outcome documents ({', '.join(CORPUS_SUFFIXES)}; up to {limit} MB each)",
                file_count="multiple", elem_id="corpus-files",
            )  # no file_types: Gradio would reject the whole batch; each file gets its own verdict
            upload_btn = gr.Button("Upload and index", variant="primary", elem_id="corpus-upload")
            upload_notice = gr.HTML(elem_id="corpus-upload-notice")
            upload_table = gr.HTML(elem_id="corpus-upload-results")
            gr.Markdown("### Maintenance")
            with gr.Row():
                delete_choice = gr.Dropdown(label="Document to delete", choices=[], scale=3, min_width=200,
                                            elem_id="corpus-delete-choice")
                delete_btn = gr.Button("Delete…", variant="stop", scale=1, min_width=90,
                                       elem_id="corpus-delete")
            with gr.Group(visible=False, elem_id="corpus-confirm") as confirm_box:
                confirm_text = gr.HTML(elem_id="corpus-confirm-text")
                with gr.Row():
                    confirm_btn = gr.Button("Yes, delete it", variant="stop", min_width=120,
                                            elem_id="corpus-confirm-delete")
                    cancel_btn = gr.Button("Cancel", min_width=90, elem_id="corpus-cancel-delete")
            reindex_btn = gr.Button("Re-index all", variant="secondary", elem_id="corpus-reindex")
            maint_notice = gr.HTML(elem_id="corpus-maint-notice")
        with gr.Column(scale=3, min_width=300):
            gr.Markdown("### Indexed documents")
            summary = gr.HTML(elem_id="corpus-summary")
            table = gr.Dataframe(headers=DOC_HEADERS, datatype="str", interactive=False, wrap=True,
                                 max_height=640, elem_id="corpus-table", column_count=len(DOC_HEADERS),
                                 column_widths=DOC_WIDTHS, show_search="search", show_label=False)
            refresh_btn = gr.Button("Refresh list", size="sm", elem_id="corpus-refresh")

    def listing() -> tuple[Any, Any, Any]:
        rows = actions.document_rows()
        return actions.summary(), rows, gr.update(choices=actions.delete_choices(), value=None)

    def on_upload(paths: list[str] | None, request: gr.Request):
        notice, results = actions.upload(paths, _username(request))
        return (notice, ingest_html(results) if results else "", None, *listing())

    def on_delete(doc_id: str | None, request: gr.Request):
        return (actions.delete(doc_id, _username(request)), *listing())

    def on_ask_delete(doc_id: str | None, request: gr.Request):
        user = _username(request)
        if not services.policy.may_change_corpus(user):
            return notice_html(services.policy.refusal(user), "error"), "", gr.update(visible=False)
        if not doc_id:
            return notice_html("Choose the document to delete first.", "warn"), "", gr.update(visible=False)
        return "", actions.confirmation(doc_id, user), gr.update(visible=True)

    def on_choice(doc_id: str | None, request: gr.Request):
        return actions.confirmation(doc_id, _username(request)) if doc_id else ""

    def on_reindex(request: gr.Request):
        notice, results = actions.reindex(_username(request))
        return (notice + (ingest_html(results) if results else ""), *listing())

    def on_load(request: gr.Request):
        user = _username(request)
        allowed = services.policy.may_change_corpus(user)
        message = gr.update(value=notice_html(services.policy.refusal(user), "warn"), visible=not allowed)
        controls = [gr.update(interactive=allowed)] * 5
        return (message, *controls, *listing())

    listing_outputs = [summary, table, delete_choice]
    upload_btn.click(on_upload, [files], [upload_notice, upload_table, files, *listing_outputs],
                     api_name="corpus_upload", concurrency_id="corpus-write", concurrency_limit=1)
    # deleting asks first: "Delete…" shows which document and what it does; only "Yes" deletes
    delete_btn.click(on_ask_delete, [delete_choice], [maint_notice, confirm_text, confirm_box],
                     api_visibility="private")
    cancel_btn.click(lambda: ("", gr.update(visible=False)), None, [maint_notice, confirm_box],
                     api_visibility="private")
    hide_confirm = (lambda: gr.update(visible=False), None, [confirm_box])
    confirm_btn.click(on_delete, [delete_choice], [maint_notice, *listing_outputs],
                      api_name="corpus_delete", concurrency_id="corpus-write", concurrency_limit=1,
                      ).then(*hide_confirm, api_visibility="private")
    # a new choice while the question is open: the question names the new choice (whatever order
    # the two events finish in, the text is that of the document "Yes" would delete)
    delete_choice.change(on_choice, [delete_choice], [confirm_text], api_visibility="private")
    reindex_btn.click(on_reindex, None, [maint_notice, *listing_outputs],
                      api_name="corpus_reindex", concurrency_id="corpus-write", concurrency_limit=1)
    refresh_btn.click(listing, None, listing_outputs, api_name="corpus_list")
    return {"load": (on_load, [access, files, upload_btn, delete_choice, delete_btn, reindex_btn,
                               *listing_outputs])}
