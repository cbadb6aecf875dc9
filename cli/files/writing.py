"""Safe file writing: atomic, and never overwriting without being told to, even in a race.

"Never overwritten without ``--force``" holds at the moment of writing, not only when the
command starts: a file is written under a temporary name in its folder, then put in place with
``link()`` (which fails when the name exists, a dangling symlink included) or, with ``force``,
``rename()`` (which replaces it in one step). Two runs started together cannot both write the
same name without ``--force``: one wins, the other stops with :class:`OutputExistsError`.

A set of files (``report --out-dir``, ``examples --copy``) is written all or nothing:
:class:`FileSet` stages every file first, then puts them in place with signals held back and,
with ``force``, keeps the files it replaces until the last one is in place, so an error, Ctrl-C
or SIGTERM leaves the folder as it was before the run.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from gateway_roi.errors import OutputExistsError, OutputWriteError, UsageError

__all__ = [
    "FileSet",
    "OutputWriteError",
    "WriteSet",
    "check_target",
    "describe_os_error",
    "display_path",
    "distinct_outputs",
    "folder_lock",
    "same_file",
    "write_atomic",
]


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                      if hasattr(signal, name))


def display_path(path: Path | str) -> str:
    r"""A path as text every output can hold (non-UTF-8 bytes as ``\xe9``): see gateway_roi.text."""
    from gateway_roi.text import shown_path

    return shown_path(path)


def describe_os_error(exc: OSError) -> str:
    """The reason an OSError gives, with a hint for the cases a user can act on."""
    reason = exc.strerror or type(exc).__name__
    if exc.errno == errno.ENAMETOOLONG:
        return f"{reason}: a part of the path is longer than the file system allows"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{reason}: check the permissions of the file and of the folders above it"
    return reason


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same path once resolved, or the same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return False


def distinct_outputs(outputs: list[tuple[str, Path]]) -> None:
    """Refuse a command whose outputs name the same file (``-o x --report x``): one per role.

    ``outputs`` pairs each option with the path it names. Raises :class:`UsageError`.
    """
    for i, (option, path) in enumerate(outputs):
        for other, other_path in outputs[:i]:
            if same_file(path, other_path):
                raise UsageError(f"{other} and {option} both name {path}: each output needs "
                                 "its own file (nothing was written)")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_target(path: Path, *, force: bool) -> None:
    """Refuse early (before any work) a target that cannot or must not be written.

    A folder or a device in its place, or (without ``force``) any file there, a dangling
    symlink included.
    """
    try:
        if path.is_dir():
            raise OutputWriteError(f"{path}: is a folder; give the name of a file to write")
        if path.exists() and not path.is_file():
            # Renaming over a device or a pipe would replace it with a plain file, --force or not.
            raise OutputWriteError(f"{path}: is not a regular file (a device, pipe or socket); "
                                   "give the name of a file to write")
        # lexists: a dangling symlink is there too, and is not replaced without --force.
        if os.path.lexists(path) and not force:
            raise OutputExistsError(f"{path}: already exists; use --force to overwrite it")
    except OSError as exc:
        raise OutputWriteError(f"{path}: cannot write ({describe_os_error(exc)})") from None


def _make_folder(folder: Path, shown: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        hint = ": a file is in the way" if isinstance(exc, FileExistsError | NotADirectoryError) else ""
        raise OutputWriteError(
            f"{shown}: cannot create its folder {folder} ({describe_os_error(exc)}{hint})"
        ) from None


def _stage(path: Path, text: str | bytes) -> Path:
    """Write ``text`` to a new temporary file beside ``path``, synced; return its path.

    Text is written as UTF-8; bytes (a PNG picture) as they are.

    Removes the temporary file itself if anything fails part-way.
    """
    tmp: str | None = None
    try:
        # A short prefix: the temporary name must fit where the target's name just fits.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:32]}.", suffix=".tmp", dir=path.parent)
        # mkstemp creates 0600; an output file should get the mode any new file gets here.
        os.fchmod(fd, 0o666 & ~_umask())
        data = (text.encode("utf-8", errors="backslashreplace") if isinstance(text, str)
                else text)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputWriteError(f"{path}: cannot write ({describe_os_error(exc)})") from None
        raise
    return Path(tmp)


def _put_in_place(tmp: Path, path: Path, *, force: bool) -> None:
    """Give the staged file its name: replace with ``force``, else only if the name is free.

    Raises OSError (FileExistsError when the name is taken); the caller removes ``tmp``.
    """
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS):
            raise
        # A file system without hard links: claim the name exclusively, then rename over it.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """Make the new names durable (best effort: not every system can open a folder)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP for a few renames; they arrive right after.

    Where signals cannot be masked (not POSIX), this does nothing.
    """
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    previous = mask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


def write_atomic(path: Path, text: str | bytes, *, force: bool = False) -> None:
    """Write ``text`` (or bytes) to ``path`` all at once: a reader sees the old file or the new one.

    Missing folders on the way are created. Raises :class:`OutputExistsError` when ``path``
    exists (checked again at the moment of writing) and ``force`` is false,
    :class:`OutputWriteError` when it cannot be written. An error, Ctrl-C or SIGTERM part-way
    leaves no partial file and no temporary file behind.
    """
    check_target(path, force=force)
    _make_folder(path.parent, path)
    tmp = _stage(path, text)
    try:
        _put_in_place(tmp, path, force=force)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, FileExistsError):
            raise OutputExistsError(
                f"{path}: already exists (another program created it while this one was "
                "writing); use --force to overwrite it") from None
        if isinstance(exc, OSError):
            raise OutputWriteError(f"{path}: cannot write ({describe_os_error(exc)})") from None
        raise
    _sync_folder(path.parent)


class _Staged:
    """A file written under a temporary name beside ``target``, waiting to be put in place."""

    __slots__ = ("replace", "target", "tmp")

    def __init__(self, tmp: Path, target: Path, replace: bool) -> None:
        self.tmp = tmp
        self.target = target
        self.replace = replace


class WriteSet:
    """Files written all or nothing, in one folder or several.

    :meth:`stage` writes each file under a temporary name beside its target as soon as it is
    ready (so a caller need not hold them all in memory); :meth:`commit` puts them all in
    place, with signals held back and, for each file it replaces, the previous one kept aside
    until the last is in place: an error, Ctrl-C or SIGTERM at any point leaves every target
    as it was. :meth:`discard` removes what was staged and the folders staging created. A
    target staged with ``replace=False`` is put in place only if its name is free at that
    moment (else :class:`OutputExistsError`, and nothing of the set is left).
    """

    def __init__(self) -> None:
        self._staged: list[_Staged] = []
        self._created: list[Path] = []
        self._placed: list[Path] = []

    def stage(self, target: Path, data: str | bytes, *, replace: bool) -> None:
        """Write ``data`` beside ``target`` under a temporary name (folders made on the way).

        Two files of one set never name the same file (:class:`UsageError`): one would be
        lost under the other.
        """
        for staged in self._staged:
            if same_file(staged.target, target):
                raise UsageError(f"{target}: two outputs of this command name this file; give "
                                 "each its own (nothing was written)")
        check_target(target, force=True)
        self._make_folders(target.parent, target)
        self._staged.append(_Staged(_stage(target, data), target, replace))

    def retarget(self, index: int, target: Path) -> None:
        """Give the ``index``-th staged file another name in the same folder (a claimed name)."""
        staged = self._staged[index]
        assert target.parent == staged.target.parent, "a staged file stays in its folder"
        staged.target = target

    def unstage(self, index: int) -> None:
        """Drop the ``index``-th staged file (and its temporary file)."""
        staged = self._staged.pop(index)
        with contextlib.suppress(OSError):
            os.unlink(staged.tmp)

    @property
    def targets(self) -> list[Path]:
        """Where the staged files go, in the order staged."""
        return [s.target for s in self._staged]

    def _make_folders(self, folder: Path, shown: Path) -> None:
        missing: list[Path] = []
        probe = folder
        while not probe.exists() and probe != probe.parent:
            missing.append(probe)
            probe = probe.parent
        _make_folder(folder, shown)
        self._created.extend(reversed(missing))

    def commit(self, *, keep_if_taken: bool = False) -> bool:
        """Put every staged file in place at once, or none (see the class).

        With ``keep_if_taken``, a name taken meanwhile (``replace=False``) returns False and
        keeps the staged files, so the caller can :meth:`retarget` them and try again.
        """
        try:
            with signals_held(), contextlib.ExitStack() as locks:
                for folder in sorted({s.target.parent for s in self._staged}, key=str):
                    locks.enter_context(folder_lock(folder))
                self._commit()
        except FileExistsError as exc:
            if keep_if_taken:
                return False
            self.discard()
            raise OutputExistsError(
                f"{exc.filename2 or exc.filename}: already exists (another program created "
                "it while this one was writing); use --force to overwrite it (nothing was "
                "written)") from None
        except BaseException:
            self.discard()
            raise
        self._created.clear()
        for folder in {p.parent for p in self._placed}:
            _sync_folder(folder)
        return True

    def discard(self, *, keep_folders: bool = False) -> None:
        """Remove what was staged and (unless ``keep_folders``) the folders made for it."""
        for staged in self._staged:
            with contextlib.suppress(OSError):
                os.unlink(staged.tmp)
        self._staged.clear()
        if not keep_folders:
            for folder in reversed(self._created):
                with contextlib.suppress(OSError):
                    folder.rmdir()
        self._created.clear()

    def _commit(self) -> None:
        placed: list[tuple[Path, Path | None]] = []  # (target, backup of what it replaced)
        backup: Path | None = None
        try:
            for staged in self._staged:
                backup = _keep_aside(staged.target) if staged.replace else None
                _put_in_place(staged.tmp, staged.target, force=staged.replace)
                placed.append((staged.target, backup))
                backup = None
        except BaseException as exc:
            if backup is not None:  # kept aside, but its file was not replaced
                with contextlib.suppress(OSError):
                    os.unlink(backup)
            _undo(placed)
            if isinstance(exc, FileExistsError):
                raise
            if isinstance(exc, OSError):
                where = exc.filename2 or exc.filename or self._staged[len(placed)].target
                raise OutputWriteError(
                    f"{where}: cannot write ({describe_os_error(exc)}); nothing was "
                    "written") from None
            raise
        for _, kept in placed:
            if kept is not None:
                with contextlib.suppress(OSError):
                    os.unlink(kept)
        self._placed = [target for target, _ in placed]
        self._staged.clear()


def _undo(placed: list[tuple[Path, Path | None]]) -> None:
    for target, backup in reversed(placed):
        with contextlib.suppress(OSError):
            if backup is not None:
                os.replace(backup, target)
            else:
                os.unlink(target)


class FileSet:
    """Files written into one folder all or nothing (a :class:`WriteSet` for one folder).

    Use as a context manager: :meth:`add` stages each file as it is ready; leaving the block
    without an error puts every staged file in place at once; an error or interruption before
    that removes what was staged and leaves the folder as it was (a folder it created goes).
    Without ``force`` a name that exists (or appears while this run works) stops the run with
    :class:`OutputExistsError` and nothing of this run is left.
    """

    def __init__(self, folder: Path, *, force: bool) -> None:
        self.folder = folder
        self.force = force
        self.files = WriteSet()

    def __enter__(self) -> FileSet:
        """Check the folder (it is created with the first file staged)."""
        try:
            if self.folder.exists() and not self.folder.is_dir():
                raise OutputWriteError(f"{self.folder}: exists and is not a folder")
        except OSError as exc:
            raise OutputWriteError(
                f"{self.folder}: cannot use this folder ({describe_os_error(exc)})") from None
        return self

    def check(self, names: list[str]) -> None:
        """Refuse early, before the work, names that exist when ``force`` is false."""
        if self.force:
            return
        try:
            existing = [self.folder / n for n in names if os.path.lexists(self.folder / n)]
        except OSError as exc:
            raise OutputWriteError(
                f"{self.folder}: cannot use this folder ({describe_os_error(exc)})") from None
        if existing:
            raise OutputExistsError(
                f"{', '.join(str(t) for t in existing)}: already exist(s); use --force to "
                "overwrite (nothing was written)")

    def add(self, name: str, text: str | bytes, *, replace: bool | None = None) -> None:
        """Stage one file (a plain name inside the folder); ``replace`` defaults to ``force``."""
        self.files.stage(self.folder / name, text,
                         replace=self.force if replace is None else replace)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> None:
        """Put every staged file in place, or (on an error) remove them all."""
        if kind is None:
            self.files.commit()
        else:
            self.files.discard()


def _keep_aside(target: Path) -> Path | None:
    """A second name for ``target`` (None when there is none) to restore it from if need be."""
    if not os.path.lexists(target):
        return None
    while True:
        backup = target.with_name(f".{target.name[:32]}.{secrets.token_hex(4)}.bak")
        try:
            os.link(target, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            # No hard links here: a copy does as well (it is only read back on failure).
            shutil.copy2(target, backup, follow_symlinks=False)
        return backup


_HELD: dict[str, int] = {}
"""Folders this process holds the lock of, and how many times (the lock is re-entrant)."""


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Runs writing into one folder take turns.

    A set never mixes with another's, and a name claimed under the lock (the next number in a
    decision log) is not claimed twice. An advisory lock on the folder itself (POSIX
    ``flock``), re-entrant within a process; elsewhere, or on a file system without locks, no
    lock.
    """
    key = os.path.realpath(folder)
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):  # a file system without locks: go on without
            fcntl.flock(fd, fcntl.LOCK_EX)
        _HELD[key] = 1
        yield
    finally:
        _HELD.pop(key, None)
        os.close(fd)
