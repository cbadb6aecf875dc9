"""``gateway-roi map``: the verdict over a grid of two inputs, and where it flips."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gateway_roi.app import app, console, run, stderr
from gateway_roi.errors import UsageError
from gateway_roi.shell import (
    ConfigFile,
    FactsFile,
    Force,
    NoColor,
    NoConfig,
    Overrides,
    Seed,
    draws_option,
    format_option,
    load_facts,
    refuse_seed_without_draws,
    settings_choice,
)


class MapFormat(StrEnum):
    """Output formats of ``map``."""

    text = "text"
    csv = "csv"
    json = "json"


class AxisName(StrEnum):
    """An axis of the map, for --log and --linear."""

    x = "x"
    y = "y"


PICTURE_SUFFIXES = (".svg", ".png")


def _scales(log: list[AxisName], linear: list[AxisName]) -> tuple[bool | None, bool | None]:
    both = set(log) & set(linear)
    if both:
        raise UsageError(f"--log and --linear both name {', '.join(sorted(both))}: choose one")
    return tuple(  # type: ignore[return-value]
        True if a in log else False if a in linear else None for a in (AxisName.x, AxisName.y))


MAP_HELP = """Draw the verdict over two inputs: where the answer flips, as a map.

Every cell is the verdict of the scenario with those two inputs set and everything else as
written, from the same cost model and decision table as evaluate (the grid is evaluated as
arrays, not cell by cell). The terminal map marks this scenario's own point (*) and says in
words where the verdict changes along the lines through it.

Axes take any numeric field the cost model reads (services, monthly requests, spend, hour
cost, rotations, availabilities, any assumptions.ID...); yes/no and choice fields go to
--facet. With --draws N, each cell also shows the share of N draws over the scenario's
ranges that give its verdict (pale, or a lowercase letter, under 80%).

Exit codes: 0 drawn; 1 an invalid scenario or --set value, or FILE exists without --force;
2 usage: an unknown or non-numeric field (the allowed ones are listed), an empty range, a
bad --grid, a picture asked for without the plots extra installed, or a picture with --format
csv or json (one output, one format).

For example:

  \b
  gateway-roi map team.yaml --x organisation.services=1..200 \\
      --y organisation.monthly_requests=1e4..1e9

  \b
  gateway-roi map team.yaml --x organisation.services \\
      --y team.engineer_hour_cost --facet team.on_call_24x7

  \b
  gateway-roi map team.yaml --x organisation.services \\
      --y organisation.monthly_requests -o map.svg

  \b
  gateway-roi map team.yaml --x organisation.services \\
      --y organisation.monthly_requests --grid 100x100 --format csv > map.csv
"""
"""--help of ``map``: ``\\b`` keeps each example as written (click does not rewrap it)."""


@app.command(name="map", help=MAP_HELP)
def map_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The scenario file.", metavar="SCENARIO",
                                         show_default=False)],
    x: Annotated[
        str, typer.Option("--x", metavar="FIELD[=LOW..HIGH]", show_default=False,
                          help="The input across: a numeric field and its range, e.g. "
                               "organisation.services=1..200 (no range: a tenth to ten times "
                               "the scenario's value).")],
    y: Annotated[
        str, typer.Option("--y", metavar="FIELD[=LOW..HIGH]", show_default=False,
                          help="The input up, e.g. organisation.monthly_requests=1e4..1e9.")],
    grid: Annotated[
        str, typer.Option("--grid", metavar="COLSxROWS",
                          help="Cells across x up, each from 2 to 200 (whole-number fields such "
                               "as services get at most one cell per number).")] = "40x40",
    log: Annotated[
        list[AxisName] | None,
        typer.Option("--log", metavar="x|y", show_default=False,
                     help="Log scale on that axis (repeatable). Default: log when the range "
                          "spans 3 decades or more.")] = None,
    linear: Annotated[
        list[AxisName] | None,
        typer.Option("--linear", metavar="x|y", show_default=False,
                     help="Linear scale on that axis even over 3 decades or more.")] = None,
    facet: Annotated[
        str | None,
        typer.Option("--facet", metavar="FIELD", show_default=False,
                     help="A yes/no or choice field (team.on_call_24x7, "
                          "needs.governance.audit_trail...): one small map per value, side by "
                          "side.")] = None,
    set_: Overrides = None,
    output_format: Annotated[
        MapFormat,
        format_option("text: a cell map for the terminal; csv or json: one row per cell (x, y, "
                      "verdict, rule, runner_up, margin, share, facet)."),
    ] = MapFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE",
                     help="Write a picture (.svg or .png, needs gateway-roi[plots]), or the "
                          "csv/json to FILE.")] = None,
    contours: Annotated[
        bool, typer.Option("--contours", help="Picture: contours of the cost gap between the "
                                              "verdict and the runner-up.")] = False,
    draws: Annotated[
        int, draws_option("Monte Carlo draws over the scenario's ranges in every cell: each "
                          "cell shows how often its verdict comes out (0: none; cells x draws "
                          "at most 20 million).")] = 0,
    seed: Seed = 2026,
    facts: FactsFile = None,
    config: ConfigFile = None,
    no_config: NoConfig = False,
    force: Force = False,
    no_color: NoColor = False,
) -> None:
    """Draw the verdict over two inputs (the help text is :data:`MAP_HELP`)."""

    def body() -> None:
        from gateway_roi.shell import write_stdout
        refuse_seed_without_draws(ctx, draws)

        picture = output is not None and output.suffix.lower() in PICTURE_SUFFIXES
        if output is not None and not picture and output_format is MapFormat.text:
            raise UsageError(f"--output {output}: give a .svg or .png picture, or --format csv "
                             "or json to write data")
        if picture and output_format is not MapFormat.text:
            raise UsageError(f"--output {output} draws a picture, and --format "
                             f"{output_format.value} writes data: give one (e.g. -o map.svg, or "
                             f"-o map.{output_format.value} --format {output_format.value})")
        if contours and not picture:
            raise UsageError("--contours draws on a picture: add -o map.svg or -o map.png")
        if picture:
            from gateway_roi.outputs.map_plot import require_matplotlib

            require_matplotlib()  # before the work, so a missing extra fails fast
        from gateway_roi.maps import compute, write_picture

        m = compute(path, x, y, overrides=set_ or [], grid=grid,
                    log=_scales(log or [], linear or []), facet=facet, draws=draws, seed=seed,
                    facts=load_facts(facts), choice=settings_choice(config, no_config, facts))
        if picture:
            assert output is not None
            write_picture(m, output, contours=contours, force=force)
            stderr(f"wrote {output}")
            return
        if output_format is MapFormat.text:
            from gateway_roi.outputs.map_render import print_map

            print_map(console(no_color), m, str(path))
            return
        from gateway_roi.outputs.map_render import map_csv, map_json

        text = map_csv(m) if output_format is MapFormat.csv else map_json(m)
        if output is None or str(output) == "-":
            write_stdout(text)
        else:
            from gateway_roi.files.writing import write_atomic

            write_atomic(output, text, force=force)
            stderr(f"wrote {output}")

    run(body)
