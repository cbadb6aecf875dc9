"""The ``gateway-roi`` command: each command parses, calls one core function, renders.

Only typer is imported at start-up; each command imports what it needs, so ``--version`` and
``--help`` stay cheap. :func:`run` is the one place that maps errors to exit codes.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from gateway_roi import __version__
from gateway_roi.errors import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_INVALID_INPUT, GatewayRoiError

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="gateway-roi",
    help=(
        "Should your team build, buy or skip an AI gateway? Cost the five options over time, "
        "apply the decision rules, and see what would change the answer.\n\n"
        "Start with: gateway-roi evaluate --examples"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

T = TypeVar("T")


def stderr(message: str) -> None:
    """Write a message line to stderr (results go to stdout, everything else here).

    A message that cannot be written (stderr closed, the terminal gone) is dropped: the exit
    code still tells.
    """
    from gateway_roi.text import escape_line

    try:
        # One line, whatever the message holds: a file or scenario name with a newline must
        # not start a line of its own (in a CI log, `::error::` at a line's start is a command).
        sys.stderr.write(escape_line(message.rstrip("\n")) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled as Ctrl-C is; carries the signal for the exit code."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def _stop(signum: int, frame: object) -> None:
    # A second signal must not cut short the cleanup the first one starts (removing temporary
    # files, saving answers): from now on they are ignored.
    for name in _STOP_SIGNALS:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Interrupted(signum)


def handle_stop_signals() -> None:
    """Make SIGTERM and SIGHUP stop the tool as Ctrl-C does.

    SIGTERM comes from ``timeout``, a CI cancel or ``docker stop``; SIGHUP from a closed
    terminal. Each cleans up, lets ``ask`` save its answers, and exits 128 + the signal.
    A signal the parent set to be ignored (``nohup``) stays ignored.
    """
    for name in _STOP_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        with contextlib.suppress(ValueError, OSError):
            if signal.getsignal(signum) is not signal.SIG_IGN:
                signal.signal(signum, _stop)


def _reason(exc: OSError) -> str:
    from gateway_roi.files.writing import describe_os_error

    return describe_os_error(exc)


def _quiet_stdout() -> None:
    """Point stdout at the null device.

    The final flush of what could not be delivered then does not fail a second time (with an
    "Exception ignored" message and exit 120).
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _flush_stdout() -> None:
    """Push out what is still buffered, so a write error surfaces here and not at exit."""
    with contextlib.suppress(ValueError, AttributeError):  # closed, or replaced by a test
        sys.stdout.flush()


def _stream_error_code(exc: OSError) -> int:
    """The exit code (and the message on stderr) for output that could not be delivered."""
    if exc.errno == errno.EPIPE:
        # The reader went away (`| head`): quiet, as cat or yes are, with their exit code.
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    _quiet_stdout()
    if exc.filename is not None:
        where = os.fsdecode(exc.filename) if isinstance(exc.filename, bytes) else str(exc.filename)
        stderr(f"gateway-roi: {where}: {_reason(exc)}")
    else:
        stderr(f"gateway-roi: the output could not be written to stdout ({_reason(exc)})")
    return EXIT_INVALID_INPUT


def run(action: Callable[[], T]) -> T:
    """Run a command body; turn errors, signals and I/O failures into a message and exit code.

    The one place that does (the codes are in the README's Exit codes). Output still buffered
    is flushed here, so a full or closed stdout is reported like any other failure.
    """
    try:
        return _run(action)
    except KeyboardInterrupt as exc:  # also one that arrives while an error is being reported
        raise typer.Exit(_interrupted_code(exc)) from None


def _run(action: Callable[[], T]) -> T:
    try:
        result = action()
        _flush_stdout()
        return result
    except GatewayRoiError as exc:
        from gateway_roi.errors import InvalidScenarioError

        _flush_quietly()
        if isinstance(exc, InvalidScenarioError):
            for problem in exc.problems:  # one line each
                stderr(str(problem))
        else:
            stderr(f"gateway-roi: {exc}")
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        interrupted = exc.__context__
        if not isinstance(interrupted, KeyboardInterrupt):
            raise typer.Exit(_stream_error_code(exc)) from None
        # Telling the user about a stop failed (the terminal went away with SIGHUP): the stop
        # is still what ended the run.
        raise typer.Exit(_interrupted_code(interrupted)) from None


def _interrupted_code(exc: KeyboardInterrupt) -> int:
    """Say what stopped the run; its exit code (128 + the signal)."""
    signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
    name = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    _flush_quietly()
    stderr(f"gateway-roi: {name}")
    return int(EXIT_INTERRUPTED - signal.SIGINT + signum)


def _flush_quietly() -> None:
    """Flush stdout before a message on stderr; a failure to do so changes nothing now."""
    try:
        _flush_stdout()
    except OSError:
        _quiet_stdout()


class _ClosedStdout(io.TextIOBase):
    """Stands in for a stdout that was closed (``>&-``): writing to it fails, and says so."""

    encoding = "utf-8"

    def writable(self) -> bool:
        """Claims to be writable, so that writers try and fail loudly."""
        return True

    def isatty(self) -> bool:
        """Not a terminal."""
        return False

    def write(self, text: str) -> int:
        """Fail as a write to a closed descriptor does."""
        raise OSError(errno.EBADF, "stdout is closed")


def _guard_standard_streams() -> None:
    """Make a closed stdout or stderr safe.

    Descriptors 1 and 2 are held on the null device, so no output file is opened in their
    place (and receives what was meant for them); writing results to the closed stdout then
    fails with a message instead of vanishing.
    """
    for fd, name in ((1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
            open_ = getattr(sys, name) is not None
        except OSError:
            open_ = False
        if open_:
            continue
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            if devnull != fd:
                os.dup2(devnull, fd)
                os.close(devnull)
        if name == "stdout":
            sys.stdout = _ClosedStdout()
        else:
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the run


def console(no_color: bool) -> Console:
    """A rich console for stdout that honours --no-color, NO_COLOR, TERM=dumb, FORCE_COLOR=0.

    Markup and highlighting are off: scenario text is printed as written.
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1 on its own; run() gives every format the same quiet exit.
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    env_off = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    force = os.environ.get("FORCE_COLOR")
    return _Console(
        no_color=no_color or env_off or force == "0",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gateway-roi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Should your team build, buy or skip an AI gateway."""


def main() -> None:
    """Console-script entry point: registers the commands this run needs, then runs."""
    from gateway_roi.commands import load, requested

    # A run makes a great many small objects that outlive a collection and few cycles (models,
    # cost lines, rows): the collector's default pass every 700 allocations took about a tenth
    # of a batch of 1,000 files, with no gain in memory. Rarer passes, as mypy sets them.
    gc.set_threshold(200_000, 30, 30)
    _guard_standard_streams()
    handle_stop_signals()
    # Third-party pydantic plugins have no business in this tool, and discovering them scans
    # every installed package's metadata at start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A console that cannot show every character (an ASCII locale, an old Windows code page)
    # gets escapes for what it cannot show, and so does a file name that is not UTF-8 (held
    # as surrogates): never an encoding traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    completing = any(k.endswith("_COMPLETE") for k in os.environ)
    load(None if completing else requested(sys.argv[1:]))
    try:
        app(prog_name="gateway-roi")
    except OSError as exc:
        # Help, --version and usage errors are written by typer, outside run(): a full or
        # closed stdout must end the same way there too.
        raise SystemExit(_stream_error_code(exc)) from None
    except SystemExit as done:
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            # typer met a broken pipe outside run() and chose exit 1; ours is the usual one.
            _quiet_stdout()
            raise SystemExit(EXIT_BROKEN_PIPE) from None
        try:
            _flush_stdout()
        except OSError as exc:
            raise SystemExit(_stream_error_code(exc)) from None
        raise done from None
