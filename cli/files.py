"""Safe file writing: atomic, never overwriting without being told to."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from cli.errors import OutputExistsError, OutputWriteError

__all__ = ["write_atomic"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def write_atomic(path: Path, text: str | bytes, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` all at once: a reader sees the old file or the new one.

    Text is written as UTF-8; bytes (a PNG picture) as they are.

    Missing folders on the way are created. Raises :class:`OutputExistsError` when ``path``
    exists and ``force`` is false, :class:`OutputWriteError` when it cannot be written. An error
    or Ctrl-C part-way leaves no partial file and no temporary file behind.
    """
    if path.is_dir():
        raise OutputWriteError(f"{path}: is a folder; give the name of a file to write")
    if path.exists() and not path.is_file():
        # Renaming over a device or a pipe would replace it with a plain file, --force or not.
        raise OutputWriteError(f"{path}: is not a regular file (a device, pipe or socket); "
                               "give the name of a file to write")
    if path.exists() and not force:
        raise OutputExistsError(f"{path}: already exists; use --force to overwrite it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        hint = ": a file is in the way" if isinstance(exc, FileExistsError | NotADirectoryError) else ""
        raise OutputWriteError(
            f"{path}: cannot create its folder {path.parent} ({_reason(exc)}{hint})"
        ) from None
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        # mkstemp creates 0600; a report should get the mode any new file gets here.
        os.fchmod(fd, 0o666 & ~_umask())
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputWriteError(f"{path}: cannot write ({_reason(exc)})") from None
        raise
