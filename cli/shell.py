"""What the commands share: their common options, and the steps of a batch.

Every command parses its options, then: :func:`collect` the scenario files, :func:`load_all`
(invalid files become problems, the rest go on), assess each (:func:`cli.evaluation.assess`),
write results with :func:`write_stdout`, and list problems with :func:`print_problems`. A run
with problems ends by raising :class:`~cli.errors.ProblemsReportedError`: :func:`cli.app.run` is
the one place that turns errors into a message and an exit code.

The option aliases below keep each flag's name, bounds and help the same in every command.
No command module imports another; they all import this one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cli.app import stderr
from cli.errors import UsageError

if TYPE_CHECKING:
    from cli.errors import Problem
    from cli.evaluation import Evaluation
    from cli.scenario import Scenario

__all__ = [
    "MAX_DRAWS",
    "Force",
    "NoColor",
    "OptionalPaths",
    "Overrides",
    "Paths",
    "Seed",
    "TextOrJson",
    "collect",
    "draws_option",
    "evaluate_all",
    "format_option",
    "load_all",
    "print_problems",
    "problem_count",
    "write_stdout",
]

MAX_DRAWS = 1_000_000
_PATHS_HELP = "Scenario files, or folders holding *.yaml / *.yml files."

Paths = Annotated[
    list[Path], typer.Argument(help=_PATHS_HELP, metavar="PATH", show_default=False)
]
"""One or more scenario files or folders (required)."""
OptionalPaths = Annotated[
    list[Path] | None, typer.Argument(help=_PATHS_HELP, metavar="PATH", show_default=False)
]
"""Scenario files or folders, optional (``--examples`` can stand in for them)."""
Force = Annotated[bool, typer.Option("--force", help="Overwrite existing files.")]
Overrides = Annotated[
    list[str] | None,
    typer.Option("--set", metavar="PATH=VALUE",
                 help="Override a field for a what-if, e.g. --set organisation.services=20 "
                      "(repeatable; validated like the file; applies to every scenario)."),
]
Seed = Annotated[
    int, typer.Option("--seed", min=0, help="Seed of the draws: same seed, same numbers.")
]
NoColor = Annotated[bool, typer.Option("--no-color", help="No colours.")]


class TextOrJson(StrEnum):
    """``--format`` of the commands that write text for people or JSON for machines."""

    text = "text"
    json = "json"


def format_option(help: str) -> Any:
    """``-f/--format`` with this command's own list of formats in ``help``."""
    return typer.Option("--format", "-f", help=help)


def draws_option(help: str, *, show_default: bool = True) -> Any:
    """``--draws``: Monte Carlo draws over a scenario's ranges, 0 to :data:`MAX_DRAWS`."""
    return typer.Option("--draws", min=0, max=MAX_DRAWS, help=help, show_default=show_default)


def collect(paths: list[Path], examples: bool = False) -> list[Path]:
    """Scenario files from files and folders (every *.yaml / *.yml inside), plus the bundled ones.

    A file named twice is taken once. Raises :class:`UsageError` for a path that does not exist
    or a folder that holds no scenario.
    """
    from cli.resources import bundled_scenarios

    files: list[Path] = []
    if examples:
        files.extend(bundled_scenarios())
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"}
                           and p.is_file() and not p.name.startswith("."))
            if not found:
                raise UsageError(f"{path}: no *.yaml or *.yml files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise UsageError(f"{path}: not a regular file or folder (a pipe, socket or device)")
        else:
            raise UsageError(f"{path}: no such file or folder")
    if not files:
        raise UsageError("give scenario files or folders, or --examples for the bundled ones")
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def load_all(
    files: list[Path], overrides: list[str], problems: list[Problem],
    on_file: Callable[[], None] = lambda: None,
) -> Iterator[tuple[Path, Scenario]]:
    """Load each file in turn; invalid ones add their problems to ``problems`` and are skipped.

    ``on_file`` is called after each file, valid or not (a progress bar advances with it). A
    problem met again (a bad ``--set`` value fails every file the same way) is listed once.
    """
    from cli.errors import InvalidScenarioError
    from cli.loading import load_scenario_file

    seen = set(problems)
    for path in files:
        try:
            scenario = load_scenario_file(path, overrides)
        except InvalidScenarioError as exc:
            for problem in exc.problems:
                if problem not in seen:
                    seen.add(problem)
                    problems.append(problem)
            on_file()
            continue
        yield path, scenario
        on_file()


def evaluate_all(
    files: list[Path], overrides: list[str], *, draws: int = 0, seed: int = 2026
) -> tuple[list[tuple[str, Evaluation]], list[Problem]]:
    """Load and assess each file; invalid files become problems, the rest still evaluate."""
    from cli.evaluation import assess

    problems: list[Problem] = []
    results = [(str(path), assess(scenario, draws=draws, seed=seed))
               for path, scenario in load_all(files, overrides, problems)]
    return results, problems


def write_stdout(text: str) -> None:
    """Write results to stdout as UTF-8, whatever the locale says."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def print_problems(problems: list[Problem]) -> None:
    """Every problem as ``file:line: field: message`` on stderr.

    Control characters and escape sequences (from file names or keys) are removed.
    """
    from cli.text import clean_text

    for problem in problems:
        stderr(clean_text(str(problem)))


def problem_count(problems: list[Problem], inputs: str = "input(s)") -> str:
    """``3 problem(s) in 2 input(s)``: how many problems, in how many files."""
    return f"{len(problems)} problem(s) in {len({p.source for p in problems})} {inputs}"

