"""Safe file writing: atomic, never overwriting without being told to."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from cli.errors import OutputExistsError

__all__ = ["write_atomic"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` all at once: a reader sees the old file or the new one.

    Raises :class:`OutputExistsError` when ``path`` exists and ``force`` is false. An error or
    Ctrl-C part-way leaves no partial file behind.
    """
    if path.exists() and not force:
        raise OutputExistsError(f"{path}: already exists; use --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates 0600; a report should get the mode any new file gets here.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
