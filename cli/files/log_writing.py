"""Writing records into a decision log: new records under the log's next free names, superseding.

The names and the status edit are pure (:mod:`gateway_roi.files.decision_log`); this module
reads the log and writes into it. A record is rendered by the caller through a
:data:`RenderRecord`, told which earlier record it supersedes, so the link can name it.

A decision log is shared, so every write is made under the log folder's lock
(:func:`~gateway_roi.files.writing.folder_lock`) from a fresh listing: the next number is
claimed when the record is put in place, not when the command starts, and a name another
program took meanwhile moves the record to the next one. A record to supersede is read
again under the lock: if it changed since the command read it, nothing is written
(:class:`ChangedMeanwhileError`). Every file of one write (the new record, its map picture,
the earlier record's new status) is put in place together or not at all.

Only our own records are edited: a regular file, at most :data:`MAX_RECORD_BYTES`, ending with
the record marker; a symbolic link is edited at its target. Superseding keeps the chain a
chain: a record already superseded, or one that supersedes the record being written, is
refused with the record to supersede instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from gateway_roi.errors import ChangedMeanwhileError, OutputExistsError, UsageError
from gateway_roi.files.decision_log import Scheme

__all__ = [
    "MAX_RECORD_BYTES",
    "Record",
    "RenderRecord",
    "Written",
    "add_to_log",
    "folder_names",
    "read_record",
    "safe_file_stem",
    "scenario_origin",
    "write_record",
]

MAX_RECORD_BYTES = 25_000_000
"""A record is at most 5,000,000 characters (the render limit), so at most 20 MB of UTF-8:
a larger file named like a record is refused before it is read."""
_MAX_CHAIN = 10_000
_CLAIM_TRIES = 20


@dataclasses.dataclass(frozen=True)
class Record:
    """A rendered record, with the files written beside it (its map picture), by name."""

    text: str
    beside: Mapping[str, str | bytes] = dataclasses.field(default_factory=dict)


RenderRecord = Callable[[tuple[str, str] | None], Record]
"""Renders one record, given what it supersedes: (link text, file name), or None."""


@dataclasses.dataclass(frozen=True)
class Written:
    """What a write into a log did: the new records (and files beside them), the one superseded."""

    records: list[Path]
    superseded: Path | None = None
    beside: list[Path] = dataclasses.field(default_factory=list)


def folder_names(folder: Path) -> list[str]:
    """The names in ``folder``, sorted (none when it does not exist yet)."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder")
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir())


def read_record(path: Path, ref: str) -> tuple[Path, str]:
    """The file a record's name leads to (a symlink's target) and its text.

    Only a regular file of at most :data:`MAX_RECORD_BYTES` is read: a folder, a FIFO, a
    device or a huge file named like a record is refused before reading (:class:`UsageError`),
    and so is text that is not UTF-8.
    """
    what = f"--supersedes {ref}: {path}"
    try:
        real = Path(os.path.realpath(path))
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UsageError(f"{what}: cannot read it ({_reason(exc)})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"{what}: not a regular file (a folder, pipe or device), so not a "
                             "record; nothing was read")
        if info.st_size > MAX_RECORD_BYTES:
            raise UsageError(f"{what}: {info.st_size:,} bytes, larger than any record "
                             f"({MAX_RECORD_BYTES:,}); not read")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_RECORD_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"{what}: cannot read it ({_reason(exc)})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_RECORD_BYTES:
        raise UsageError(f"{what}: larger than any record ({MAX_RECORD_BYTES:,} bytes); not read")
    try:
        return real, data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{what}: not UTF-8 text, so not a record") from None


def _reason(exc: OSError) -> str:
    from gateway_roi.files.writing import describe_os_error

    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return describe_os_error(exc)


@dataclasses.dataclass(frozen=True)
class _Earlier:
    """The record being superseded, as read before the new one is rendered."""

    ref: str
    name: str
    real: Path
    text: str
    link: tuple[str, str]
    """(link text, file name) for the new record's ``Supersedes`` line."""


def _open_record(folder: Path, name: str, ref: str) -> tuple[Path, str]:
    from gateway_roi.files.decision_log import is_record

    real, text = read_record(folder / name, ref)
    if not is_record(text):
        raise UsageError(f"--supersedes {ref}: {name} was not written by gateway-roi report "
                         "(it does not end with the record marker); edit its status by hand")
    return real, text


def _latest(folder: Path, name: str, text: str, ref: str) -> str:
    """The last record of the chain of successors that starts at ``name``."""
    from gateway_roi.files.decision_log import superseded_by

    names = set(folder_names(folder))
    seen = {name}
    while True:
        successor = superseded_by(text)
        if not successor or successor not in names or successor in seen or len(seen) > _MAX_CHAIN:
            return name
        try:
            _, text = _open_record(folder, successor, ref)
        except UsageError:
            return successor
        seen.add(successor)
        name = successor


def _earlier(folder: Path, ref: str, new_name: str | None, log4brains: bool,
             scheme: Scheme | None) -> _Earlier:
    """The record ``ref`` names in ``folder``, checked: ours, the end of its chain, no loop."""
    from gateway_roi.files.decision_log import find_record, superseded_by, supersedes_of

    name = find_record(folder_names(folder), ref)
    if name == new_name:
        raise UsageError(f"--supersedes {ref}: that is the record being written; a record "
                         "cannot supersede itself")
    real, text = _open_record(folder, name, ref)
    successor = superseded_by(text)
    if successor is not None:
        latest = _latest(folder, name, text, ref)
        by = f" by {successor}" if successor else ""
        instead = (f"supersede {latest} instead (the latest record of its chain)"
                   if latest != name else "supersede its successor instead")
        raise UsageError(f"--supersedes {ref}: {name} is already superseded{by}; {instead}")
    if new_name is not None:
        # A record the new one would supersede must not, through its chain, supersede it.
        names = set(folder_names(folder))
        seen, chain_text = {name}, text
        while (before := supersedes_of(chain_text)) and before in names and before not in seen:
            if before == new_name:
                raise UsageError(
                    f"--supersedes {ref}: {name} supersedes {new_name}, the record being "
                    f"written, so {new_name} cannot supersede it in turn; write the new record "
                    f"under another name (e.g. --into {folder}) to supersede {name}")
            seen.add(before)
            if len(seen) > _MAX_CHAIN:
                break
            try:
                _, chain_text = _open_record(folder, before, ref)
            except UsageError:
                break
    label = name.removesuffix(".md")
    if scheme == "number" and not log4brains and name[:4].isdigit():
        label = name[:4]
    return _Earlier(ref, name, real, text, (label, name))


def _edited(earlier: _Earlier, new_name: str, scheme: Scheme | None, log4brains: bool) -> str:
    """The earlier record's text with its new status, read again under the lock.

    Raises :class:`ChangedMeanwhileError` when it is no longer the text read at the start
    (another run superseded it, or a teammate edited it).
    """
    from gateway_roi.files.decision_log import supersede, superseded_status

    try:
        real, text = _open_record(earlier.real.parent, earlier.real.name, earlier.ref)
    except UsageError as exc:
        raise ChangedMeanwhileError(f"{exc} (it changed while this record was rendered; "
                                    "nothing was written)") from None
    if real != earlier.real or text != earlier.text:
        raise ChangedMeanwhileError(
            f"--supersedes {earlier.ref}: {earlier.name} changed while this record was rendered "
            "(another run may have superseded it); nothing was written: look at the log and "
            "run again")
    status = superseded_status(new_name, None if log4brains else scheme)
    return supersede(text, earlier.name, status).text


def _scheme(naming: Scheme | None, existing: list[str], empty: Scheme) -> Scheme:
    from gateway_roi.files.decision_log import detect_scheme

    if naming is not None:
        return naming
    return detect_scheme(existing) or empty


def add_to_log(log: Path, stems: Sequence[str], records: Iterable[RenderRecord], *,
               naming: Scheme | None, empty: Scheme, today: dt.date, supersedes: str | None,
               log4brains: bool) -> Written:
    """Add records to an existing decision log, named in its scheme, never over a file.

    ``stems`` name the records (one each, in the order of ``records``); ``naming`` is the
    scheme asked for (None: the one the log's files follow, ``empty`` for a log without any).
    Names are claimed when the records are put in place, under the log's lock and from a fresh
    listing. With ``supersedes`` (one record), the earlier record it names gets its new status
    in the same step. All or nothing; one record in memory at a time.
    """
    from gateway_roi.files.decision_log import next_names
    from gateway_roi.files.writing import WriteSet, folder_lock

    if not log.is_dir():
        raise UsageError(f"--into {log}: {'not a folder' if log.exists() else 'no such folder'}; "
                         "--into adds to an existing decision log (use --out-dir to start a "
                         "new folder)")
    scheme = _scheme(naming, folder_names(log), empty)
    earlier = (_earlier(log, supersedes, None, log4brains, scheme)
               if supersedes is not None else None)
    files = WriteSet()
    try:
        for _, render in zip(stems, records, strict=True):
            record = render(earlier.link if earlier else None)
            if record.beside:
                raise UsageError("--into writes records only (a map picture needs -o FILE)")
            # A provisional name: the real one is claimed under the lock, below.
            files.stage(log / f".pending-{len(files.targets)}.md", record.text, replace=False)
        with folder_lock(log):
            for _ in range(_CLAIM_TRIES):
                existing = folder_names(log)
                names = next_names(existing, stems, _scheme(naming, existing, empty), today)
                for i, name in enumerate(names):
                    files.retarget(i, log / name)
                if earlier is not None:
                    if len(files.targets) > len(names):
                        files.unstage(len(names))  # the earlier status of a previous try
                    files.stage(earlier.real, _edited(earlier, names[0], scheme, log4brains),
                                replace=True)
                if files.commit(keep_if_taken=True):
                    return Written([log / name for name in names],
                                   earlier.real if earlier else None)
    except BaseException:
        files.discard()
        raise
    files.discard()
    raise OutputExistsError(f"{log}: other programs kept taking the next names; nothing was "
                            "written, run again")


def write_record(output: Path, render: RenderRecord, *, force: bool, supersedes: str | None,
                 log4brains: bool) -> Written:
    """Write the record ``output`` (and the files beside it), superseding ``supersedes``.

    The record to supersede is looked up in ``output``'s folder. Everything is put in place
    together under the folder's lock, or nothing (a file replaced with ``force`` is restored).
    """
    from gateway_roi.files.decision_log import detect_scheme
    from gateway_roi.files.writing import WriteSet, check_target, folder_lock, same_file

    folder = output.parent
    earlier = None
    scheme: Scheme | None = None
    if supersedes is not None:
        scheme = detect_scheme(folder_names(folder))
        earlier = _earlier(folder, supersedes, output.name, log4brains, scheme)
        if same_file(output, earlier.real):
            raise UsageError(f"--supersedes {supersedes}: {output} is that record (a link to "
                             "it); a record cannot supersede itself")
    # Names that exist stop the run before rendering, and again at the moment of writing.
    check_target(output, force=force)
    record = render(earlier.link if earlier else None)
    for name in record.beside:
        check_target(folder / name, force=force)
    files = WriteSet()
    try:
        files.stage(output, record.text, replace=force)
        for name, data in record.beside.items():
            files.stage(folder / name, data, replace=force)
        with folder_lock(folder):
            if earlier is not None:
                files.stage(earlier.real, _edited(earlier, output.name, scheme, log4brains),
                            replace=True)
            files.commit()
    except BaseException:
        files.discard()
        raise
    return Written([output], earlier.real if earlier else None,
                   [folder / name for name in record.beside])


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def safe_file_stem(name: str, fallback: str) -> str:
    """A file name from user text: lowercase ASCII letters, digits and dashes, never a path.

    Non-Latin names (e.g. Chinese) fall back to ``fallback`` (the scenario file's stem), then to
    ``scenario``.
    """
    for text in (name, fallback, "scenario"):
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        slug = _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")[:60].strip("-")
        if slug and slug not in {"index"}:
            return slug
    return "scenario"


def scenario_origin(path: Path, record_dir: Path | None,
                    overrides: list[str]) -> dict[str, Any]:
    """What a record keeps of its scenario, for ``revisit``.

    Its path relative to the record's folder (or, for a record written to stdout, to the
    current folder), the digest of its bytes, and the --set values.
    """
    import hashlib

    base = Path(record_dir) if record_dir is not None else Path.cwd()
    try:
        relative = os.path.relpath(path.resolve(), base.resolve())
    except ValueError:  # another drive (Windows)
        relative = str(path.resolve())
    try:
        digest = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        digest = None
    from gateway_roi.files.writing import display_path

    # A name that is not UTF-8 is kept as shown (\xe9): a record is UTF-8 text.
    return {"scenario_path": display_path(Path(relative).as_posix()),
            "scenario_base": "record" if record_dir is not None else "cwd",
            "scenario_digest": digest, "overrides": tuple(overrides)}
