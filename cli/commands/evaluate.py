"""``gateway-roi evaluate``: cost the options for each scenario and give the verdict.

Also home of what the batch commands share: :func:`collect` (files and folders -> scenario
files), :func:`load_all` (every file loaded, problems collected), :func:`write_stdout` (UTF-8
results) and :func:`print_problems`.

Batches are processed one file at a time: JSON and CSV are written as each scenario is
evaluated, tables keep one small summary per scenario, so memory does not grow with the number
of files beyond those results. Tripwire searches (about 30 ms a scenario) only run where they
are shown: by default for up to :data:`DETAIL_LIMIT` scenarios.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.app import app, console, run, stderr
from cli.errors import EXIT_INVALID_INPUT, UsageError

if TYPE_CHECKING:
    from cli.compare import ScenarioSummary
    from cli.errors import Problem
    from cli.evaluation import Evaluation
    from cli.scenario import Scenario

DETAIL_LIMIT = 10
"""Up to this many scenarios, text output shows a panel per scenario and tripwires are searched."""
PROGRESS_MIN_FILES = 20
"""A progress bar appears (on a terminal) from this many files on."""


class OutputFormat(StrEnum):
    """Output formats of ``evaluate``."""

    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def collect(paths: list[Path], examples: bool) -> list[Path]:
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
            if path.suffix in {".yaml", ".yml"} and not name.startswith(".") and path.is_file():
                yield path


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
    """Load and evaluate each file; invalid files become problems, the rest still evaluate."""
    from cli.evaluation import assess

    problems: list[Problem] = []
    from cli.files import display_path

    results = [(display_path(path), assess(scenario, draws=draws, seed=seed))
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


def print_problems(problems: list[Problem], *, summary: bool = True) -> None:
    """Every problem as ``file:line: field: message`` on stderr, then (``summary``) a count.

    Control characters and escape sequences (from file names or keys) are removed.
    """
    if problems:
        from cli.render import clean_text

        for problem in problems:
            stderr(clean_text(str(problem)))
    if problems and summary:
        stderr(f"gateway-roi: {len(problems)} problem(s) in "
               f"{len({p.source for p in problems})} input(s)")


def _progress_wanted(files: int, output_format: OutputFormat) -> bool:
    """A bar only for long text runs on a terminal: never when output is piped or redirected.

    JSON, CSV and markdown are written as they go (or are for machines), so they get none.
    """
    return (output_format is OutputFormat.text and files >= PROGRESS_MIN_FILES
            and sys.stdout.isatty() and sys.stderr.isatty()
            and os.environ.get("TERM") != "dumb")


@contextlib.contextmanager
def _progress(total: int, enabled: bool, no_color: bool) -> Iterator[Callable[[], None]]:
    """A transient rich progress bar on stderr; yields the function that advances it."""
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
    bar = Progress(TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True, no_color=no_color or env_off),
                   transient=True)
    with bar:
        task = bar.add_task("evaluating", total=total)
        yield lambda: bar.advance(task)


@app.command()
def evaluate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Scenario files, or folders holding *.yaml / *.yml files.",
                       metavar="PATH", show_default=False),
    ] = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Evaluate the bundled example scenarios.")
    ] = False,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f",
                     help="text for people; json for machines; csv: one row per scenario x "
                          "option; markdown: the comparison table."),
    ] = OutputFormat.text,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", metavar="PATH=VALUE",
                     help="Override a field for a what-if, e.g. --set organisation.services=20 "
                          "(repeatable; validated like the file; applies to every scenario)."),
    ] = None,
    tripwires: Annotated[
        bool | None,
        typer.Option("--tripwires/--no-tripwires",
                     help=f"Search what would change each verdict (about 30 ms a scenario). "
                          f"Default: on for up to {DETAIL_LIMIT} scenarios; beyond that JSON "
                          "carries tripwires: null.",
                     show_default=False),
    ] = None,
    details: Annotated[
        bool | None,
        typer.Option("--details/--no-details",
                     help=f"Text: a panel per scenario before the comparison table. Default: on "
                          f"for up to {DETAIL_LIMIT} scenarios (or with --tripwires).",
                     show_default=False),
    ] = None,
    draws: Annotated[
        int | None,
        typer.Option("--draws", min=0, max=100_000,
                     help="Monte Carlo draws over the scenario's ranges (0: none; at most "
                          "100,000, which take about 280 MB). Default: "
                          f"10,000 for up to {DETAIL_LIMIT} scenarios, none beyond.",
                     show_default=False),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", min=0, help="Seed of the draws: same seed, same numbers.")
    ] = 2026,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours.")] = False,
) -> None:
    """Cost the five options for each scenario and say which one the rules recommend.

    Ranges in a scenario ("5 to 10", {low, likely, high}) are sampled: each option's p10-p90
    total and chance of being cheapest, the verdict's confidence (share of draws giving the same
    rule and option), a tornado of the inputs that move the decision most, and what to measure
    next (expected value of perfect information). Scenarios without ranges skip sampling.

    Up to 10 scenarios: a panel each with the verdict, rule, criteria, costs and tripwires, then
    a comparison table. More: the comparison table only (verdict, rule, total per option,
    break-even), with a progress bar on a terminal, and no tripwire search (about 30 ms a
    scenario): --details and --tripwires bring them back. Beyond 10 scenarios, JSON writes one
    scenario per line with tripwires null unless --tripwires, and each cost line's monthly
    amounts null unless --details. Bad files do not stop the run:
    every problem is listed at the end.

    CSV columns: file, scenario, currency, horizon_months, verdict, rule, confidence, option,
    recommended, feasible, one_time, continuous, total, breakeven_month (one row per scenario x
    option; confidence is empty when the scenario was not sampled).

    Exit codes: 0 all scenarios evaluated; 1 a scenario or --set value was invalid (each
    problem printed as file:line: field: message, the valid ones still evaluated); 2 usage.

    For example:

      gateway-roi evaluate --examples

      gateway-roi evaluate my-team.yaml --set organisation.services=25

      gateway-roi evaluate scenarios/ --format csv > verdicts.csv

      gateway-roi evaluate scenarios/ --format markdown

      gateway-roi evaluate scenarios/ --format json --tripwires

    """

    def body() -> int:
        from cli.compare import summarize
        from cli.evaluation import DEFAULT_DRAWS, assess
        from cli.files import display_path

        files = collect(paths or [], examples)
        many = len(files) > DETAIL_LIMIT
        text = output_format is OutputFormat.text
        show_details = text and (details if details is not None
                                 else (not many or tripwires is True))
        # Tripwires are searched only where they are shown: text panels, JSON.
        search = (not many if tripwires is None else tripwires) and (
            show_details or output_format is OutputFormat.json)
        problems: list[Problem] = []
        results: list[tuple[str, Evaluation]] = []
        summaries: list[ScenarioSummary] = []
        with _progress(len(files), _progress_wanted(len(files), output_format),
                       no_color) as advance:
            n_draws = (0 if many else DEFAULT_DRAWS) if draws is None else draws

            evaluations = (
                (display_path(path), assess(scenario, tripwires=search, draws=n_draws, seed=seed))
                for path, scenario in load_all(files, set_ or [], problems, advance)
            )
            if output_format is OutputFormat.json:
                from cli.render import JsonStream

                stream = JsonStream(write_stdout, compact=many)
                for source, ev in evaluations:
                    stream.add(ev, source, tripwires=search, monthly=not many or bool(details))
                stream.finish(problems)
            elif output_format is OutputFormat.csv:
                from cli.render import csv_header, csv_rows

                write_stdout(csv_header())
                for source, ev in evaluations:
                    write_stdout(csv_rows(summarize(ev, source)))
            elif output_format is OutputFormat.markdown:
                from cli.render import render_markdown

                summaries = [summarize(ev, source) for source, ev in evaluations]
                if summaries:
                    write_stdout(render_markdown(summaries))
            elif show_details:
                results = list(evaluations)
            else:
                summaries = [summarize(ev, source) for source, ev in evaluations]
        if results:
            from cli.render import print_text

            print_text(console(no_color), results)
        elif text and summaries:
            from cli.render import print_comparison

            print_comparison(console(no_color), summaries)
            if many and details is None:
                stderr(f"gateway-roi: {len(files)} scenarios: comparison table only; add "
                       "--details for a panel per scenario, --tripwires for what would change "
                       "each verdict")
        print_problems(problems)
        return EXIT_INVALID_INPUT if problems else 0

    code = run(body)
    if code:
        raise typer.Exit(code)
