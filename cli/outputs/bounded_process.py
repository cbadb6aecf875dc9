"""Running untrusted work (a user's template) in a child process that can always be stopped.

A time limit kept with a signal (SIGALRM) acts only between Python's bytecodes: one long
operation inside Python's C code (comparing two huge nested lists, compiling a huge
expression) runs to its end first. A child process has no such blind spot: the parent waits
for its result at most the time allowed, then kills it (SIGKILL). The child also carries its
own CPU-time limit, so it ends even if the parent is killed first.

The child is forked, so it has the data already: only the result (text, or the message of
the :class:`TemplateFailedError` it raised) comes back, through a pipe. Stop signals go to the
parent, which kills the child before it goes. Where processes cannot be forked, the work runs
in this process, bounded by what it checks itself.
"""

from __future__ import annotations

import math
import os
import select
import signal
import time
from collections.abc import Callable
from typing import NoReturn

from gateway_roi.errors import TemplateFailedError

__all__ = ["GRACE_SECONDS", "run_bounded"]

GRACE_SECONDS = 1.0
"""How long past its time limit the child may take to say so itself before it is killed."""
_MAX_RESULT_BYTES = 4 * 5_000_000 + 1_000
"""A result is at most a whole report (5,000,000 characters) in UTF-8, plus a status byte."""
_OK, _FAILED = b"0", b"1"


def run_bounded(work: Callable[[], str], seconds: float, name: str) -> str:
    """``work()`` in a child process stopped after ``seconds`` (plus a short grace).

    Returns its text; raises :class:`TemplateFailedError` with the child's message, when it
    runs out of time, or when it dies without a result (its memory limit, a crash).
    """
    if not hasattr(os, "fork"):
        return work()
    read_fd, write_fd = os.pipe()
    # Stop signals wait while the child is made: one arriving between the fork and the ``try``
    # below would leave the child rendering on its own, and the child must not run the
    # parent's handlers before it ignores them. They are delivered once each side is ready.
    mask = _block_stop_signals()
    try:
        pid = os.fork()
    except BaseException:
        _restore_signals(mask)
        os.close(read_fd)
        os.close(write_fd)
        raise
    if pid == 0:  # the child: never returns
        _child(work, seconds, name, read_fd, write_fd, mask)
    payload: bytes | None = None
    try:
        os.close(write_fd)
        _restore_signals(mask)
        payload = _collect(read_fd, seconds + GRACE_SECONDS, name)
    finally:
        os.close(read_fd)
        # A child that sent its result is exiting: wait for it. Otherwise (out of time, an
        # error, a stop signal in the parent) it is killed first.
        status = _reap(pid, kill=payload is None)
    if payload is None:
        raise TemplateFailedError(f"{name}: still rendering after {seconds:g} s; stopped")
    if payload[:1] == _OK:
        return payload[1:].decode("utf-8", "surrogatepass")
    if payload[:1] == _FAILED:
        raise TemplateFailedError(payload[1:].decode("utf-8", "replace"))
    how = (f"killed by {signal.Signals(-status).name}" if status < 0
           else f"exit status {status}")
    raise TemplateFailedError(f"{name}: rendering stopped without a result ({how}: out of the "
                              "memory or time a template may use)")


_STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP")
                      if hasattr(signal, n))


def _block_stop_signals() -> set[int | signal.Signals] | None:
    """Hold stop signals back (where the platform can); the mask to restore, or None."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)


def _restore_signals(mask: set[int | signal.Signals] | None) -> None:
    """Deliver what was held back: the signal mask as it was before the fork."""
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _child(work: Callable[[], str], seconds: float, name: str, read_fd: int, write_fd: int,
           mask: set[int | signal.Signals] | None) -> NoReturn:
    """Do the work, send back the result or the message, and leave without cleaning up.

    ``os._exit`` skips what the parent process set up to run at exit (and, under a test
    runner, its whole teardown): the child shares nothing it must close.
    """
    try:
        # Ctrl-C reaches the whole process group: the parent stops the child, in order.
        for stop in _STOP_SIGNALS:
            signal.signal(stop, signal.SIG_IGN)
        _restore_signals(mask)
        os.close(read_fd)
        _cpu_limit(seconds)
        try:
            payload = _OK + work().encode("utf-8", "surrogatepass")
        except TemplateFailedError as exc:
            payload = _FAILED + str(exc).encode("utf-8", "replace")
        except BaseException as exc:  # one message, whatever went wrong
            payload = _FAILED + f"{name}: {type(exc).__name__}: {exc}".encode("utf-8", "replace")
        view = memoryview(payload)
        while view:
            view = view[os.write(write_fd, view):]
    finally:
        os._exit(0)


def _cpu_limit(seconds: float) -> None:
    """Let the kernel end the child after its CPU time, should the parent be gone."""
    try:
        import resource
    except ImportError:
        return
    soft = math.ceil(seconds + GRACE_SECONDS) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY and hard < soft + 1:
        return
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))
    except (ValueError, OSError):
        pass


def _collect(read_fd: int, seconds: float, name: str) -> bytes | None:
    """Everything the child writes until it closes the pipe; None when time runs out."""
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([read_fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(read_fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > _MAX_RESULT_BYTES:
            raise TemplateFailedError(f"{name}: the output is larger than a report may be")
        chunks.append(chunk)


def _reap(pid: int, *, kill: bool) -> int:
    """Wait for the child (killed first with ``kill``); its exit status (-N: killed by signal N)."""
    try:
        if kill:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        return 0
    return os.waitstatus_to_exitcode(status)
