"""``gateway-roi evaluate``: cost the options for each scenario and give the verdict.

Batches are processed as they are read: JSON is written as each scenario is evaluated; when only
the comparison is shown (the table, CSV, markdown), scenarios are costed a chunk of
:data:`~gateway_roi.shell.CHUNK` files at a time, those of one shape together
(:mod:`gateway_roi.model.batch`), and tables keep one small summary per scenario, so memory does
not grow with the number of files beyond those results and one chunk. Tripwire searches (about
40 ms a scenario) only run where they are shown: by default for up to :data:`DETAIL_LIMIT`
scenarios.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from gateway_roi.app import app, console, run, stderr
from gateway_roi.errors import UsageError
from gateway_roi.outputs.formatters import OutputFormat
from gateway_roi.shell import (
    ConfigFile,
    FactsFile,
    NoColor,
    NoConfig,
    OptionalPaths,
    Overrides,
    Seed,
    collect,
    compared_in_chunks,
    draws_option,
    format_option,
    load_all,
    load_facts,
    print_problems,
    problem_count,
    progress,
    progress_wanted,
    refuse_seed_without_draws,
    settings_choice,
    write_stdout,
)

if TYPE_CHECKING:
    from gateway_roi.errors import Problem
    from gateway_roi.model.facts import FactBook
    from gateway_roi.model.scenario import Scenario
    from gateway_roi.outputs.formatters import SummaryFormatter

DETAIL_LIMIT = 10
"""Up to this many scenarios, text output shows a panel per scenario and tripwires are searched."""

def _compare_in_chunks(loaded: Iterable[tuple[Path, Scenario]], facts: FactBook,
                       formatter: SummaryFormatter) -> int:
    """Cost the loaded scenarios together, shape by shape, and hand on each summary in order.

    Returns how many were evaluated.
    """
    from gateway_roi.files.writing import display_path
    from gateway_roi.outputs.compare import summarize_totals

    count = 0
    for path, totals in compared_in_chunks(loaded, facts):
        formatter.take(summarize_totals(totals, display_path(path)))
        count += 1
    return count

def _progress_wanted(files: int, output_format: OutputFormat) -> bool:
    """A bar only for long text runs on a terminal: never when output is piped or redirected.

    JSON, CSV and markdown are written as they go (or are for machines), so they get none.
    """
    return output_format is OutputFormat.text and progress_wanted(files)


@app.command()
def evaluate(
    ctx: typer.Context,
    paths: OptionalPaths = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Evaluate the bundled example scenarios.")
    ] = False,
    output_format: Annotated[
        OutputFormat,
        format_option("text for people; json for machines; csv: one row per scenario x "
                      "option; markdown: the comparison table."),
    ] = OutputFormat.text,
    set_: Overrides = None,
    tripwires: Annotated[
        bool | None,
        typer.Option("--tripwires/--no-tripwires",
                     help=f"Search what would change each verdict (about 40 ms a scenario). "
                          f"Default: on for up to {DETAIL_LIMIT} scenarios; beyond that JSON "
                          "carries tripwires: null.",
                     show_default=False),
    ] = None,
    details: Annotated[
        bool | None,
        typer.Option("--details/--no-details",
                     help=f"Text: a panel per scenario before the comparison table; JSON: each "
                          f"cost line's monthly amounts. Default: on for up to {DETAIL_LIMIT} "
                          "scenarios (or with --tripwires).",
                     show_default=False),
    ] = None,
    draws: Annotated[
        int | None,
        draws_option("Monte Carlo draws over the scenario's ranges (0: none). Default: "
                     f"10,000 for up to {DETAIL_LIMIT} scenarios, none beyond.",
                     show_default=False),
    ] = None,
    seed: Seed = 2026,
    facts: FactsFile = None,
    config: ConfigFile = None,
    no_config: NoConfig = False,
    no_color: NoColor = False,
) -> None:
    """Cost the five options for each scenario and say which one the rules recommend.

    Ranges in a scenario ("5 to 10", {low, likely, high}) are sampled: each option's p10-p90
    total and chance of being cheapest, the verdict's confidence (share of draws giving the same
    rule and option), a tornado of the inputs that move the decision most, and what to measure
    next (expected value of perfect information). Scenarios without ranges skip sampling.

    Up to 10 scenarios: a panel each with the verdict, rule, criteria, costs and tripwires, then
    a comparison table. More: the comparison table only (verdict, rule, total per option,
    break-even), with a progress bar on a terminal, and no tripwire search (about 40 ms a
    scenario): --details and --tripwires bring them back. Files that differ only in services,
    traffic, spend and the like (a sweep) are then costed together: the same rows, in a
    fraction of the time.
    Beyond 10 scenarios, JSON writes one scenario per line with tripwires null unless
    --tripwires, and each cost line's monthly amounts null unless --details. Bad files do not
    stop the run:
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

    def body() -> None:
        from gateway_roi.errors import ProblemsReportedError
        from gateway_roi.files.writing import display_path
        from gateway_roi.model.evaluation import DEFAULT_DRAWS, assess
        from gateway_roi.outputs.formatters import batch_formatter

        tabular = output_format in (OutputFormat.csv, OutputFormat.markdown)
        if tabular and (tripwires or details is not None):
            flag = "--tripwires" if tripwires else ("--details" if details else "--no-details")
            raise UsageError(f"{flag} does not apply to --format {output_format.value} (one "
                             "row per scenario: no panels, no tripwires); use text or json")
        if output_format is OutputFormat.text and tripwires and details is False:
            raise UsageError("--tripwires are shown in the panels that --no-details leaves out: "
                             "give one of them")
        files = collect(paths or [], examples)
        many = len(files) > DETAIL_LIMIT
        text = output_format is OutputFormat.text
        show_details = text and (details if details is not None
                                 else (not many or tripwires is True))
        # Tripwires are searched only where they are shown: text panels, JSON.
        search = (not many if tripwires is None else tripwires) and (
            show_details or output_format is OutputFormat.json)
        n_draws = (0 if many else DEFAULT_DRAWS) if draws is None else draws
        refuse_seed_without_draws(ctx, n_draws)
        choice = settings_choice(config, no_config, facts)
        book = load_facts(facts)
        problems: list[Problem] = []
        evaluated = 0
        with progress(len(files), _progress_wanted(len(files), output_format),
                       no_color) as advance:
            formatter = batch_formatter(
                output_format, write_stdout, console=lambda: console(no_color), compact=many,
                tripwires=search, monthly=(not many) if details is None else details,
                details=show_details)
            loaded = load_all(files, set_ or [], problems, advance, book, choice)
            if many and not n_draws and not search and not show_details and (
                    output_format is not OutputFormat.json):
                # Only the comparison is shown: scenarios of one shape are costed together.
                evaluated = _compare_in_chunks(loaded, book, cast("SummaryFormatter", formatter))
            else:
                for path, scenario in loaded:
                    formatter.add(display_path(path), assess(
                        scenario, tripwires=search, draws=n_draws, seed=seed, facts=book))
                    evaluated += 1
        # After the progress bar is gone: the text formatter prints everything here.
        formatter.finish(problems)
        if text and not show_details and evaluated and many and details is None:
            stderr(f"gateway-roi: {len(files)} scenarios: comparison table only; add "
                   "--details for a panel per scenario, --tripwires for what would change "
                   "each verdict")
        print_problems(problems)
        if problems:
            raise ProblemsReportedError(problem_count(problems))

    run(body)
