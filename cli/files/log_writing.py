"""Writing records into a decision log: new records under the log's next free names, superseding.

The names and the status edit are pure (:mod:`gateway_roi.files.decision_log`); this module
reads the log and writes into it. A record is rendered by the caller through a
:data:`RenderRecord`, told which earlier record it supersedes, so the link can name it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from gateway_roi.errors import OutputExistsError, UsageError
from gateway_roi.files.decision_log import Scheme

__all__ = ["RenderRecord", "Written", "add_to_log", "folder_names", "write_superseding"]

RenderRecord = Callable[[tuple[str, str] | None], str]
"""Renders one record, given what it supersedes: (link text, file name), or None."""


@dataclasses.dataclass(frozen=True)
class Written:
    """What a write into a log did: the new records, and the earlier one superseded."""

    records: list[Path]
    superseded: Path | None = None


def folder_names(folder: Path) -> list[str]:
    """The names in ``folder``, sorted (none when it does not exist yet)."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder")
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir())


def _scheme(naming: Scheme | None, existing: list[str], empty: Scheme) -> Scheme:
    from gateway_roi.files.decision_log import detect_scheme

    if naming is not None:
        return naming
    return detect_scheme(existing) or empty


def _superseding(record: RenderRecord, folder: Path, new_name: str, ref: str,
                 scheme: Scheme | None, log4brains: bool) -> tuple[str, Path, str]:
    """The new record marked as superseding ``ref``; ``ref``'s path and text with its new status."""
    from gateway_roi.files.decision_log import find_record, supersede, superseded_status

    old_name = find_record(folder_names(folder), ref)
    old_path = folder / old_name
    if old_name == new_name:
        raise UsageError(f"--supersedes {ref}: that is the record being written; a record "
                         "cannot supersede itself")
    try:
        old_text = old_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--supersedes: cannot read {old_path}: {exc}") from None
    link_label = old_name.removesuffix(".md")
    if scheme == "number" and not log4brains:
        link_label = old_name[:4]
    edited = supersede(old_text, old_name, superseded_status(new_name, None if log4brains
                                                             else scheme))
    return record((link_label, old_name)), old_path, edited.text


def _write_both(new_path: Path, new_text: str, old_path: Path, old_text: str, *,
                force: bool) -> None:
    """Write the new record, then the earlier one's new status; if that fails, undo the first.

    Each file is written atomically, so a reader sees either file whole, old or new.
    """
    from gateway_roi.files.writing import write_atomic

    existed = new_path.exists()
    write_atomic(new_path, new_text, force=force)
    try:
        write_atomic(old_path, old_text, force=True)
    except BaseException:
        if not existed:
            with contextlib.suppress(OSError):
                new_path.unlink()
        raise


def add_to_log(log: Path, stems: Sequence[str], records: Iterable[RenderRecord], *,
               naming: Scheme | None, empty: Scheme, today: dt.date, supersedes: str | None,
               log4brains: bool) -> Written:
    """Add records to an existing decision log, named in its scheme, never over a file.

    ``stems`` name the records (one each, in the order of ``records``); ``naming`` is the
    scheme asked for (None: the one the log's files follow, ``empty`` for a log without any).
    With ``supersedes`` (one record), the earlier record it names gets its new status too.
    """
    from gateway_roi.files.decision_log import next_names
    from gateway_roi.files.writing import FileSet

    if not log.is_dir():
        raise UsageError(f"--into {log}: no such folder; --into adds to an existing decision "
                         "log (use --out-dir to start a new folder)")
    existing = folder_names(log)
    scheme = _scheme(naming, existing, empty)
    names = next_names(existing, stems, scheme, today)
    if supersedes is not None:
        record = next(iter(records))
        new_text, old_path, old_text = _superseding(record, log, names[0], supersedes, scheme,
                                                    log4brains)
        _write_both(log / names[0], new_text, old_path, old_text, force=False)
        return Written([log / names[0]], old_path)
    # All or nothing, one record in memory at a time; a name that appears meanwhile stops it.
    with FileSet(log, force=False) as files:
        files.check(names)
        for name, record in zip(names, records, strict=True):
            files.add(name, record(None))
    return Written([log / name for name in names])


def write_superseding(output: Path, record: RenderRecord, ref: str, *, log4brains: bool,
                      force: bool) -> Written:
    """Write the record ``output``, superseding ``ref`` (a record in the same folder)."""
    from gateway_roi.files.decision_log import detect_scheme

    if output.exists() and not force:
        raise OutputExistsError(f"{output}: already exists; use --force to overwrite (nothing "
                                "was written)")
    folder = output.parent
    scheme = detect_scheme(folder_names(folder))
    new_text, old_path, old_text = _superseding(record, folder, output.name, ref, scheme,
                                                log4brains)
    _write_both(output, new_text, old_path, old_text, force=force)
    return Written([output], old_path)
