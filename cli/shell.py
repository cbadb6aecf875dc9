"""What the commands share: their common options, and the steps of a batch.

Every command parses its options, then: :func:`collect` the scenario files, :func:`load_all` (invalid
files become problems, the rest go on), assess each (:func:`gateway_roi.model.evaluation.assess`), write
results with :func:`write_stdout`, and list problems with :func:`print_problems`. A run with problems
ends by raising :class:`~gateway_roi.errors.ProblemsReportedError`: :func:`gateway_roi.app.run` is the
one place that turns errors into a message and an exit code.

The option aliases below keep each flag's name, bounds and help the same in every command.
No command module imports another; they all import this one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gateway_roi.app import stderr
from gateway_roi.errors import UsageError

if TYPE_CHECKING:
    from gateway_roi.errors import Problem
    from gateway_roi.model.batch import Totals
    from gateway_roi.model.evaluation import Evaluation
    from gateway_roi.model.facts import FactBook
    from gateway_roi.model.scenario import Scenario
    from gateway_roi.model.settings import Settings

__all__ = [
    "MAX_DRAWS",
    "ConfigFile",
    "FactsFile",
    "Force",
    "NoColor",
    "NoConfig",
    "OptionalPaths",
    "Overrides",
    "Paths",
    "Seed",
    "SettingsChoice",
    "TextOrJson",
    "collect",
    "draws_option",
    "evaluate_all",
    "format_option",
    "load_all",
    "load_facts",
    "load_one",
    "option_given",
    "refuse_seed_without_draws",
    "settings_choice",
    "print_problems",
    "problem_count",
    "progress",
    "progress_wanted",
    "write_stdout",
]

MAX_DRAWS = 100_000
"""As gateway_roi.model.uncertainty.MAX_DRAWS (not imported: start-up stays light): about 3 KB a draw, so
100,000 draws peak near 330 MB for one ranged scenario (measured, with or without unknowns)."""
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
FactsFile = Annotated[
    Path | None,
    typer.Option("--facts", metavar="FILE", dir_okay=False,
                 help="Your own facts, merged over the bundled ones: a quote a vendor sent, a "
                      "plan or a vendor not listed (see gateway-roi facts and docs/facts.md)."),
]

ConfigFile = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", dir_okay=False,
                 help="Project settings to read the scenarios with (a gateway-roi.toml, or a "
                      "pyproject.toml's [tool.gateway-roi]) instead of the ones found in the "
                      "scenario's folder or above (see docs/settings.md)."),
]
NoConfig = Annotated[
    bool, typer.Option("--no-config", help="Read no project settings: the scenario and the "
                                           "sourced defaults only."),
]


@dataclass(frozen=True)
class SettingsChoice:
    """Which project settings scenarios are read with: ``--config``'s, none, or the ones found."""

    config: Path | None = None
    off: bool = False
    facts_given: bool = False
    """``--facts`` was given: it wins over a facts file the settings name."""


def settings_choice(config: Path | None, no_config: bool,
                    facts: Path | None = None) -> SettingsChoice:
    """The choice ``--config``/``--no-config`` make (refused together)."""
    if config is not None and no_config:
        raise UsageError("--config and --no-config do not go together: give one")
    return SettingsChoice(config, no_config, facts is not None)


def load_one(path: Path, overrides: list[str], facts: FactBook | None,
             choice: SettingsChoice | None = None,
             found: dict[Path, Path | None] | None = None) -> Scenario:
    """One scenario file read with its project settings.

    The settings' facts file applies unless ``--facts`` was given. ``found``: the settings
    file of each folder met so far in this run. Raises
    :class:`~gateway_roi.errors.InvalidScenarioError`.
    """
    import dataclasses

    from gateway_roi.files.facts import load_facts_file
    from gateway_roi.files.loading import load_scenario_file
    from gateway_roi.files.settings import settings_for

    choice = choice or SettingsChoice()
    settings = settings_for(path, choice.config, choice.off, found)
    book = facts
    own_facts = None
    if settings is not None and settings.facts is not None and not choice.facts_given:
        own_facts = _settings_facts(settings.facts, load_facts_file)
        book = own_facts
    if settings is not None:
        _check_settings(settings, book)
    scenario = load_scenario_file(path, overrides, book, settings)
    if own_facts is not None and scenario.settings is not None:
        scenario = scenario.with_settings(dataclasses.replace(scenario.settings, facts=own_facts))
    return scenario


_FACTS_READ: dict[str, Any] = {}
_SETTINGS_CHECKED: set[tuple[str, int, int]] = set()


def _check_settings(settings: Settings, facts: FactBook | None) -> None:
    """Validate every value a settings file gives, once a run, as a scenario would hold it.

    A value is otherwise checked only when a scenario leaves its field out: a settings file
    whose every scenario sets its own services would keep ``services = -5`` unnoticed until
    the first scenario that does not. Raises
    :class:`~gateway_roi.errors.InvalidScenarioError` with the problems at the settings file's
    lines (a folder's files then list them once).
    """
    from gateway_roi.errors import InvalidScenarioError
    from gateway_roi.files.loading import load_scenario_text
    from gateway_roi.model.fields import dotted
    from gateway_roi.model.settings import leaf_paths

    key = (settings.source, id(settings), id(facts))
    if key in _SETTINGS_CHECKED:
        return
    try:
        load_scenario_text("name: project settings\n", settings.source, facts=facts,
                           settings=settings)
    except InvalidScenarioError as exc:
        # Only a value wrong on its own: a rule across fields (a plan without its vendor)
        # may hold once each scenario adds its part.
        given = [dotted(loc) for loc in leaf_paths(settings.values)]
        own = [p for p in exc.problems if p.source == settings.source and any(
            p.field == g or p.field.startswith(g + ".") for g in given)]
        if own:
            raise InvalidScenarioError(own) from None
    _SETTINGS_CHECKED.add(key)


def _settings_facts(path: str, read: Callable[[Path], FactBook]) -> FactBook:
    """A settings' facts file, read once per run however many scenarios name it."""
    if path not in _FACTS_READ:
        _FACTS_READ[path] = read(Path(path))
    book: FactBook = _FACTS_READ[path]
    return book


class TextOrJson(StrEnum):
    """``--format`` of the commands that write text for people or JSON for machines."""

    text = "text"
    json = "json"


def not_a_file(path: Path, folder: str = "") -> UsageError | None:
    """Why ``path`` is not a regular file, as the error to raise (None: it is one).

    A folder (``folder``: what the command takes instead), a pipe, socket or device, or
    nothing at all each get their own words: "no such file" for a path that exists misleads.
    """
    if path.is_file():
        return None
    if path.is_dir():
        return UsageError(f"{path}: is a folder" + (f"; {folder}" if folder else ""))
    if path.exists():
        return UsageError(f"{path}: not a regular file (a pipe, socket or device)")
    return UsageError(f"{path}: no such file")


def parse_date(value: str | None) -> dt.date:
    """``--date``: an ISO date (YYYY-MM-DD), or today when not given."""
    if value is None:
        return dt.date.today()
    import re

    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            # Written as asked, but no such day (2026-02-29): say that, not how to write it.
            raise UsageError(f"--date {value!r}: no such date ({exc})") from None
        raise UsageError(f"--date {value!r}: write the date as YYYY-MM-DD") from None


def format_option(help: str) -> Any:
    """``-f/--format`` with this command's own list of formats in ``help``."""
    return typer.Option("--format", "-f", help=help)


def option_given(ctx: typer.Context, name: str) -> bool:
    """Whether the option ``name`` (its parameter name) was given, not left at its default."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


def refuse_seed_without_draws(ctx: typer.Context, draws: int) -> None:
    """``--seed`` with no draws would change nothing: refused rather than ignored."""
    if draws == 0 and option_given(ctx, "seed"):
        raise UsageError("--seed seeds the draws, and there are none: add --draws N, or leave "
                         "--seed out")


def draws_option(help: str, *, show_default: bool = True) -> Any:
    """``--draws``: Monte Carlo draws over a scenario's ranges, 0 to :data:`MAX_DRAWS`."""
    bound = (f" At most {MAX_DRAWS:,}: each draw holds about 3 KB while a scenario is "
             "sampled.")
    return typer.Option("--draws", min=0, max=MAX_DRAWS, help=help + bound,
                        show_default=show_default)


def collect(paths: list[Path], examples: bool = False) -> list[Path]:
    """Scenario files from files and folders (every *.yaml / *.yml inside), plus the bundled ones.

    A file named twice is taken once. Raises :class:`UsageError` for a path that does not exist
    or a folder that holds no scenario.
    """
    from gateway_roi.files.resources import bundled_scenarios

    files: list[Path] = []
    if examples:
        files.extend(bundled_scenarios())
    for path in paths:
        if path.is_dir():
            found = sorted(_scenario_files(path))
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


def _scenario_files(folder: Path) -> Iterator[Path]:
    """Every *.yaml / *.yml regular file under ``folder`` (hidden files left out).

    A folder inside that cannot be listed (no permission) raises its OSError, naming it,
    rather than being skipped without a word.
    """

    def fail(exc: OSError) -> None:
        raise exc

    for root, _, names in os.walk(folder, onerror=fail):
        for name in names:
            path = Path(root, name)
            # A broken link is yielded too: reading it then names it, rather than it being
            # skipped without a word.
            if (path.suffix in {".yaml", ".yml"} and not name.startswith(".")
                    and (path.is_file() or path.is_symlink())):
                yield path


def load_facts(path: Path | None) -> FactBook:
    """The facts a command works with: bundled, with the ``--facts`` file over them if given.

    Raises :class:`~gateway_roi.errors.InvalidScenarioError` (exit 1) for a bad facts file.
    """
    from gateway_roi.files.facts import load_facts as load

    return load(path)


def load_all(
    files: list[Path], overrides: list[str], problems: list[Problem],
    on_file: Callable[[], None] = lambda: None, facts: FactBook | None = None,
    choice: SettingsChoice | None = None,
) -> Iterator[tuple[Path, Scenario]]:
    """Load each file in turn; invalid ones add their problems to ``problems`` and are skipped.

    Each file is read with its project settings (``choice``: found upward by default).
    ``on_file`` is called after each file, valid or not (a progress bar advances with it). A
    problem met again (a bad ``--set`` value, or settings every file shares) is listed once.
    """
    from gateway_roi.errors import InvalidScenarioError

    seen = set(problems)
    found: dict[Path, Path | None] = {}
    for path in files:
        try:
            scenario = load_one(path, overrides, facts, choice, found)
        except InvalidScenarioError as exc:
            for problem in exc.problems:
                if problem not in seen:
                    seen.add(problem)
                    problems.append(problem)
            on_file()
            continue
        yield path, scenario
        on_file()


CHUNK = 1000
"""Scenarios loaded before they are costed together, shape by shape
(:func:`compared_in_chunks`): results come a chunk at a time, and memory holds at most this
many scenarios."""


def compared_in_chunks(loaded: Iterable[tuple[Path, Scenario]], facts: FactBook | None
                       ) -> Iterator[tuple[Path, Totals]]:
    """Each loaded scenario's verdict and totals, in order, costed a chunk at a time.

    Scenarios of one shape in a chunk are costed together through arrays
    (:func:`gateway_roi.model.batch.compare_many`).
    """
    import itertools

    from gateway_roi.model.batch import compare_many

    items = iter(loaded)
    while chunk := list(itertools.islice(items, CHUNK)):
        yield from zip((p for p, _ in chunk), compare_many([s for _, s in chunk], facts),
                       strict=True)


def evaluate_all(
    files: list[Path], overrides: list[str], *, draws: int = 0, seed: int = 2026,
    facts: FactBook | None = None, choice: SettingsChoice | None = None,
) -> tuple[list[tuple[str, Evaluation]], list[Problem]]:
    """Load and assess each file; invalid files become problems, the rest still evaluate."""
    from gateway_roi.model.evaluation import assess

    problems: list[Problem] = []
    from gateway_roi.files.writing import display_path

    results = [(display_path(path), assess(scenario, draws=draws, seed=seed, facts=facts))
               for path, scenario in load_all(files, overrides, problems, facts=facts,
                                              choice=choice)]
    return results, problems


def write_stdout(text: str) -> None:
    """Write results to stdout as UTF-8, whatever the locale says.

    Every byte is written or an error is raised: a pipe whose reader goes away part-way
    takes only some bytes of a large write without an error, so the rest is written until
    the broken pipe shows (and the command exits 141, as for any other output).
    """
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    view = memoryview(text.encode("utf-8"))
    while view:
        written = buffer.write(view)
        view = view[written if written is not None else len(view):]
    buffer.flush()


def print_problems(problems: list[Problem]) -> None:
    r"""Every problem as ``file:line: field: message`` on stderr, one line each.

    Escape sequences are removed; other control characters (from file names or keys) show
    escaped (``\n``), so a problem never spreads over lines (:func:`gateway_roi.app.stderr`).
    """
    for problem in problems:
        stderr(str(problem))


def problem_count(problems: list[Problem], inputs: str = "input(s)") -> str:
    """``3 problem(s) in 2 input(s)``: how many problems, in how many files."""
    return f"{len(problems)} problem(s) in {len({p.source for p in problems})} {inputs}"



PROGRESS_MIN_FILES = 20
"""A progress bar appears (on a terminal) from this many files on."""


def progress_wanted(files: int) -> bool:
    """A bar for long runs on a terminal only: never when output is piped or redirected."""
    return (files >= PROGRESS_MIN_FILES and sys.stdout.isatty() and sys.stderr.isatty()
            and os.environ.get("TERM") != "dumb")


@contextlib.contextmanager
def progress(total: int, enabled: bool, no_color: bool,
             label: str = "evaluating") -> Iterator[Callable[[], None]]:
    """A transient rich progress bar on stderr; yields the function that advances it.

    While it shows, what is written with ``sys.stdout.write`` appears above it.
    """
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    env_off = bool(os.environ.get("NO_COLOR")) or os.environ.get("FORCE_COLOR") == "0"
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True, no_color=no_color or env_off),
                   transient=True)
    with bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
