"""Writing a file so that readers see the old version or the new one, never half of either.

Every file Rapporteur writes for keeps (saved drafts, exports, uploaded documents) goes through
`atomic_write`: the content is written to a temporary file in the target's folder, flushed to disk,
then renamed over the target. A crash mid-write leaves the previous version and no stray file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(target: Path, prefix: str = ".incoming-") -> Iterator[Path]:
    """A temporary path beside `target`; when the block ends without error it replaces `target`."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        yield Path(temp)
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, target)
    finally:
        Path(temp).unlink(missing_ok=True)


def atomic_write(target: Path, write: Callable[[Path], object], prefix: str = ".incoming-") -> Path:
    """Call `write(temp_path)` and move the result over `target` atomically; returns `target`."""
    with atomic_path(target, prefix) as temp:
        write(temp)
    return Path(target)


def atomic_write_text(target: Path, text: str) -> Path:
    """Write `text` (UTF-8) to `target` atomically."""
    prefix = f".{Path(target).stem}."
    return atomic_write(target, lambda temp: temp.write_text(text, encoding="utf-8"), prefix)
