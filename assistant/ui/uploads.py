"""Checks and storage for files users upload: safe names, size limit, type check by content.

Uploaded files are data. Their names are reduced to a plain base name (no folders, no `..`, no
NUL or shell characters) before anything is written, and they are kept under
RAPPORTEUR_HOME/uploads so that "re-index all" can read them again.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import unicodedata
from pathlib import Path

from assistant.atomic_files import atomic_write
from assistant.errors import InputError

CORPUS_SUFFIXES = (".md", ".markdown", ".txt", ".docx", ".pdf", ".html", ".htm")
NOTES_SUFFIXES = (".txt", ".md", ".docx")
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)
_TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm"}


class UploadError(InputError):
    """An upload that cannot be accepted; the message says why and what to do."""


def safe_filename(name: str, fallback: str = "upload") -> str:
    """A file name that is safe to create in one folder: base name only, plain characters.

    Folder parts (`/`, `\\`), `..`, NUL and control characters, and shell characters such as
    `;|&$<>` and quotes are removed or replaced by `_`; the suffix is kept; length is capped.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = re.sub(r"_{2,}", "_", name).strip("._-")
    stem, suffix = os.path.splitext(name)
    stem = stem.strip("._-")
    if not stem:
        stem = fallback
    if len(stem) + len(suffix) > MAX_NAME_CHARS:
        stem = stem[: MAX_NAME_CHARS - len(suffix)]
    return f"{stem}{suffix.lower()}"


def _sniff(path: Path, suffix: str) -> str | None:
    """Why the file's content does not match its suffix, or None when it looks right."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    if not head:
        return "the file is empty"
    if suffix == ".docx" and not head.startswith(b"PK\x03\x04"):
        return "it is named .docx but is not a Word document"
    if suffix == ".pdf" and not head.lstrip().startswith(b"%PDF"):
        return "it is named .pdf but is not a PDF file"
    if suffix in _TEXT_SUFFIXES and b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return f"it is named {suffix} but holds binary data, not text"
    return None


def check_upload(path: Path, display_name: str, allowed: tuple[str, ...], max_mb: int) -> str:
    """Check one uploaded file; returns its safe name or raises UploadError with the reason."""
    name = safe_filename(display_name)
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise UploadError(
            f"{name}: files of type {suffix or '(no extension)'} are not accepted; "
            f"use one of {', '.join(allowed)}"
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UploadError(f"{name}: the upload could not be read ({exc.strerror}); try again") from exc
    if size > max_mb * 1024 * 1024:
        raise UploadError(
            f"{name}: {size / 1024 / 1024:.1f} MB is over the {max_mb} MB limit; "
            "split the file or ask the operator to raise RAPPORTEUR_MAX_UPLOAD_MB"
        )
    problem = _sniff(path, suffix)
    if problem:
        raise UploadError(f"{name}: {problem}; save it again as {suffix} and retry")
    return name


def store_upload(source: Path, folder: Path, name: str) -> Path:
    """Copy an accepted upload into `folder` under its safe name (atomically, replacing).

    Older files of the same document id under another name (`Walrus-Report.md` when
    `walrus_report.md` arrives) are removed, so "re-index all" finds only the newest version.
    """
    from assistant.corpus.loaders import slugify

    safe = safe_filename(name)
    folder.mkdir(parents=True, exist_ok=True)
    target = (folder / safe).resolve()
    if target.parent != folder.resolve():  # belt and braces: safe_filename allows no folders
        raise UploadError(f"{safe}: not a plain file name")
    atomic_write(target, lambda temp: shutil.copyfile(source, temp))
    doc_id = slugify(Path(safe).stem)
    for other in folder.iterdir():
        if other.is_file() and other.name != target.name and not other.name.startswith(".") \
                and slugify(other.stem) == doc_id:
            other.unlink(missing_ok=True)
    return target


def upload_folder() -> Path:
    """Gradio's upload cache (GRADIO_TEMP_DIR; `rapporteur serve` sets RAPPORTEUR_HOME/cache), resolved."""
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()).resolve()


def forget_upload(path: Path) -> None:
    """Delete a file a user uploaded from Gradio's upload cache once it has been read.

    Only files inside the cache are touched (never a path outside it); the file's folder goes
    too when it is left empty.
    """
    try:
        resolved = Path(path).resolve()
        if upload_folder() not in resolved.parents:
            return
        resolved.unlink(missing_ok=True)
        resolved.parent.rmdir()
    except OSError:
        pass


def prune_exports(root: Path, max_age_s: float) -> None:
    """Remove download folders under `root` older than `max_age_s` seconds."""
    if not root.is_dir():
        return
    cutoff = time.time() - max_age_s
    for folder in root.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def limit_exports(root: Path, prefix: str, keep: int) -> None:
    """Keep only the `keep` most recently written download folders whose names start with `prefix`
    (one user's), removing the older ones: each user's share of the download cache is bounded."""
    if not root.is_dir():
        return
    folders = []
    for folder in root.iterdir():
        try:
            if folder.is_dir() and folder.name.startswith(prefix):
                folders.append((folder.stat().st_mtime, folder))
        except OSError:
            continue
    for _mtime, folder in sorted(folders, reverse=True)[max(0, keep):]:
        shutil.rmtree(folder, ignore_errors=True)


def clear_folder(folder: Path) -> int:
    """Remove everything inside `folder` (the app's own upload cache, at start-up); returns the count."""
    removed = 0
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed += 1
    return removed
