"""One hierarchy of user-facing errors, each carrying its exit code.

Everything the tool raises on purpose derives from :class:`GatewayRoiError`; the command layer
turns these into a message on stderr and the exit code below, never a traceback.

Exit codes (also in the README):

* 0 -- success
* 1 -- invalid input: a scenario file, an override or a template that cannot be used
* 2 -- usage error: wrong options or arguments (typer's own errors use 2 as well), or a
  ``check`` with no expected verdict for a scenario
* 3 -- a verdict differs from the one a team recorded (``gateway-roi check``: ``--expect`` or the
  scenario's ``expect:`` field)
* 4 -- a fact a verdict uses was read longer ago than ``gateway-roi facts --stale-after``
* 129, 130, 143 -- stopped by SIGHUP, Ctrl-C (SIGINT) or SIGTERM (128 + the signal's number)
* 141 -- stdout was closed by its reader (a broken pipe, as in ``| head``); nothing is printed
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_FACTS_STALE",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID_INPUT",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXIT_VERDICT_CHANGED",
    "ChangedMeanwhileError",
    "EndOfInputError",
    "FactsStaleError",
    "GatewayRoiError",
    "InvalidScenarioError",
    "NonFiniteOutputError",
    "OutputExistsError",
    "OutputWriteError",
    "Problem",
    "ProblemsReportedError",
    "TemplateFailedError",
    "UsageError",
    "VerdictChangedError",
]

EXIT_OK = 0
EXIT_INVALID_INPUT = 1
EXIT_USAGE = 2
EXIT_VERDICT_CHANGED = 3
EXIT_FACTS_STALE = 4
EXIT_INTERRUPTED = 130
"""Ctrl-C; SIGHUP and SIGTERM give 128 + their number (129 and 143) likewise."""
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: what cat or yes give when the reader of their output goes away."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    source: str
    """File name, or a label such as ``--set`` for command-line overrides."""
    field: str
    """Dotted path of the offending field, empty when the problem is with the file itself."""
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """Render as ``file:line: field: message`` (the parts that are known)."""
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """Machine-readable form for ``--format json``."""
        return {
            "file": self.source,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class GatewayRoiError(Exception):
    """Base of every error the tool reports to its user."""

    exit_code = EXIT_INVALID_INPUT


class InvalidScenarioError(GatewayRoiError):
    """A scenario (file or override) failed to load or validate; carries every problem found."""

    exit_code = EXIT_INVALID_INPUT

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ProblemsReportedError(GatewayRoiError):
    """Some inputs were invalid and each problem has already been listed; carries the summary."""

    exit_code = EXIT_INVALID_INPUT


class VerdictChangedError(GatewayRoiError):
    """A scenario's verdict is no longer the one its team recorded (the ``check`` CI gate)."""

    exit_code = EXIT_VERDICT_CHANGED


class FactsStaleError(GatewayRoiError):
    """A fact a verdict uses was read longer ago than ``--stale-after`` allows (a CI gate)."""

    exit_code = EXIT_FACTS_STALE


class UsageError(GatewayRoiError):
    """The command was called in a way that cannot work (bad option value, missing path...)."""

    exit_code = EXIT_USAGE


class TemplateFailedError(GatewayRoiError):
    """A report template could not be loaded or rendered, or the sandbox refused it."""

    exit_code = EXIT_INVALID_INPUT


class OutputExistsError(GatewayRoiError):
    """Refusing to overwrite an existing file without ``--force``."""

    exit_code = EXIT_INVALID_INPUT


class OutputWriteError(GatewayRoiError):
    """An output file could not be written: a folder in its place, no permission, disk full."""

    exit_code = EXIT_INVALID_INPUT


class ChangedMeanwhileError(GatewayRoiError):
    """A file the command read changed before it could write (another run, a teammate)."""

    exit_code = EXIT_INVALID_INPUT


class NonFiniteOutputError(GatewayRoiError, ValueError):
    """A NaN or infinite number was about to be printed: a bug in the model, reported as such."""

    exit_code = EXIT_INVALID_INPUT


class EndOfInputError(GatewayRoiError):
    """Input ended (Ctrl-D, or a closed stdin) before every question was answered."""

    exit_code = EXIT_INVALID_INPUT
