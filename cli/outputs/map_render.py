"""Decision maps for people and machines: a terminal cell map, CSV and JSON.

The terminal map draws one character per cell column; with colour, each character shows two
cells (upper and lower half block), without colour (NO_COLOR, a pipe) a letter per verdict.
The picture (SVG/PNG) lives in :mod:`gateway_roi.outputs.map_plot`, behind the ``plots`` extra.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gateway_roi.model.decision_map import (
    Axis,
    DecisionMap,
    Panel,
    describe_line,
)
from gateway_roi.outputs.charts import OPTION_COLOURS
from gateway_roi.outputs.map_words import (
    axis_label,
    facet_label,
    line_heading_words,
    line_words,
    value_words,
)

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "COLOURS",
    "LETTERS",
    "SURE",
    "map_csv",
    "map_data",
    "map_json",
    "plain_number",
    "print_map",
]

STANDARD_COLOURS: dict[str, tuple[str, str]] = {
    # The nearest of the 16 terminal colours to each option's own hue (orange has none: yellow).
    "direct": ("blue", "bright_blue"),
    "automate": ("green", "bright_green"),
    "buy": ("yellow", "bright_yellow"),
    "self_host": ("magenta", "bright_magenta"),
    "build": ("red", "bright_red"),
}


def _pale(hex_colour: str, keep: float = 0.35) -> str:
    """``hex_colour`` blended towards white, keeping ``keep`` of it (an unsure cell)."""
    h = hex_colour.lstrip("#")
    rgb = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02x}" for c in rgb)


COLOURS: dict[str, tuple[str, str]] = {
    # option -> (colour of a sure cell, pale colour of an unsure one): the record's chart
    # palette, so an option has one colour in every picture (the picture uses them too).
    key: (colour.hex, _pale(colour.hex)) for key, colour in OPTION_COLOURS.items()
}
LETTERS: dict[str, str] = {
    "direct": "D", "automate": "A", "buy": "B", "self_host": "S", "build": "W",
}
"""One letter per verdict when there is no colour (W: build, write your own)."""
SURE = 0.8
"""With --draws, a cell whose verdict comes out in fewer draws than this is drawn pale."""
MARK = "*"
WIDE_TARGET = 40
"""A map with fewer cells across than this draws each cell several characters wide."""
MAX_COLOUR_ROWS = 40
"""Cells drawn down the terminal with colour (two per line); without colour, half as many."""
CSV_COLUMNS = ("x", "y", "verdict", "rule", "runner_up", "margin", "share", "facet")


def plain_number(x: float) -> str:
    """A number as ``--set`` reads it back exactly: ``12``, ``1000000``, ``0.25``, ``3.1e-05``."""
    if not math.isfinite(x):
        raise ValueError(f"non-finite number {x}")
    if float(x).is_integer() and abs(x) < 2**53:
        return str(int(x))
    return repr(float(x))  # the shortest text that reads back as the same number


# --- data ----------------------------------------------------------------------------------


def _rows(m: DecisionMap) -> Any:
    for panel in m.panels:
        for i, y in enumerate(m.y.values):
            for j, x in enumerate(m.x.values):
                share = None if panel.share is None else float(panel.share[i, j])
                yield (panel, x, y, str(panel.option[i, j]), str(panel.rule[i, j]),
                       str(panel.runner_up[i, j]), float(panel.margin[i, j]), share)


def map_csv(m: DecisionMap) -> str:
    """One row per cell: x, y, verdict, rule, runner_up, margin, share, facet.

    ``share`` is empty without --draws, ``facet`` empty without --facet. Money is a plain
    decimal with two places in the scenario's currency.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for panel, x, y, option, rule, rival, margin, share in _rows(m):
        writer.writerow([plain_number(x), plain_number(y), option, rule, rival,
                         f"{_finite(margin):.2f}",
                         "" if share is None else f"{share:.4f}", panel.facet_value or ""])
    return out.getvalue()


def _finite(x: float) -> float:
    if not math.isfinite(x):
        from gateway_roi.errors import NonFiniteOutputError

        raise NonFiniteOutputError(f"internal error: a non-finite number ({x}) reached the map")
    return x


def _axis_data(axis: Axis) -> dict[str, Any]:
    return {"field": axis.field, "input": axis.input, "unit": axis.unit, "low": axis.low,
            "high": axis.high, "log": axis.log, "whole": axis.whole,
            "current": axis.current, "values": list(axis.values),
            # Axis units per unit of the input (engineers per service for a people axis).
            "per_input": axis.per_input}


def map_data(m: DecisionMap) -> dict[str, Any]:
    """The map as plain data: axes, and per panel its cells, own verdict and boundaries."""
    panels = []
    for panel in m.panels:
        cells = [{"x": x, "y": y, "verdict": option, "rule": rule, "runner_up": rival,
                  "margin": round(_finite(margin), 2), "share": share}
                 for p, x, y, option, rule, rival, margin, share in _rows(m) if p is panel]
        panels.append({
            "facet": None if m.facet is None else {"field": m.facet, "value": panel.facet_value},
            "scenario_verdict": {"option": panel.own[0], "rule": panel.own[1]},
            "boundaries": [{"along": line.along.field, "held": line.held.field,
                            "held_at": line.held.current, "text": describe_line(line),
                            "segments": [{"option": s.option, "rule": s.rule, "from": s.start,
                                          "to": s.end} for s in line.segments]}
                           for line in panel.lines],
            "cells": cells,
        })
    return {"schema_version": 1, "scenario": m.name, "currency": m.currency,
            "x": _axis_data(m.x), "y": _axis_data(m.y), "facet": m.facet,
            "draws": m.draws or None, "seed": m.seed if m.draws else None, "panels": panels}


def map_json(m: DecisionMap) -> str:
    """:func:`map_data` as a JSON document."""
    return json.dumps(map_data(m), indent=1, ensure_ascii=False, allow_nan=False) + "\n"


# --- terminal ------------------------------------------------------------------------------


def _pick(n: int, k: int) -> list[int]:
    """``k`` indexes spread evenly over ``range(n)`` (all of them when ``k >= n``)."""
    if k >= n:
        return list(range(n))
    return [round(i * (n - 1) / (k - 1)) for i in range(k)]


def _nearest(axis: Axis, value: float) -> int | None:
    """The cell nearest ``value`` (in log space on a log axis); None outside the axis."""
    if not axis.low <= value <= axis.high:
        return None

    def pos(v: float) -> float:
        return math.log(v) if axis.log else v

    return min(range(len(axis.values)), key=lambda i: abs(pos(axis.values[i]) - pos(value)))


def _tick(v: float, axis: Axis) -> str:
    # A share of one reads as a percentage (99.9%), other values in two digits (2.3M).
    return value_words(v, axis, unit=False)


def _panel_cells(m: DecisionMap, panel: Panel, cols: list[int], rows: list[int]
                 ) -> list[list[tuple[str, bool, bool]]]:
    """(option, sure, marked) per shown cell, top row first.

    With a facet, only the panel of the scenario's own value holds its mark.
    """
    home = m.facet is None or panel.facet_value == m.home
    mark_j = _nearest(m.x, m.x.current) if home else None
    mark_i = _nearest(m.y, m.y.current) if home else None
    # The mark goes on the shown cell nearest the scenario's point.
    mj = None if mark_j is None else min(cols, key=lambda j: abs(j - mark_j))
    mi = None if mark_i is None else min(rows, key=lambda i: abs(i - mark_i))
    # A cell drawn several characters wide is marked once, in the middle of its run.
    run = [k for k, j in enumerate(cols) if j == mj]
    mark_k = run[len(run) // 2] if run else None
    grid = []
    for i in reversed(rows):
        row = []
        for k, j in enumerate(cols):
            sure = panel.share is None or float(panel.share[i, j]) >= SURE
            row.append((str(panel.option[i, j]), sure, i == mi and k == mark_k))
        grid.append(row)
    return grid


def print_map(console: Console, m: DecisionMap, source: str) -> None:
    """The map on the terminal: title, cells, axes, legend, boundaries in words."""
    from rich.text import Text

    from gateway_roi.text import clean_text

    colour = not console.no_color and console.color_system is not None
    width = max(40, console.width)
    n = len(m.panels)
    middle = math.sqrt(m.y.low * m.y.high) if m.y.log else (m.y.low + m.y.high) / 2
    ylabels = [_tick(m.y.high, m.y), _tick(m.y.low, m.y), _tick(middle, m.y)]
    left = max(len(s) for s in ylabels) + 2
    palette = STANDARD_COLOURS if console.color_system == "standard" else COLOURS
    gap = 2
    cols_avail = max(8, (width - left - gap * (n - 1)) // n)
    cols = _pick(len(m.x.values), cols_avail)
    # Few cells across (whole numbers over a short range): widen each so the map keeps its shape.
    repeat = max(1, min(cols_avail // len(cols), WIDE_TARGET // len(cols)))
    cols = [j for j in cols for _ in range(repeat)]
    w = len(cols)
    rows = _pick(len(m.y.values), MAX_COLOUR_ROWS if colour else MAX_COLOUR_ROWS // 2)

    _say(console, f"Decision map: {m.name}", style="bold")
    _say(console, f"{source}: each cell is the verdict with the rest of the scenario as "
         "written", style="dim")
    console.print(Text(f"y: {_axis_text(m, m.y)}"))
    grids = [_panel_cells(m, p, cols, rows) for p in m.panels]
    if m.facet is not None:
        words = facet_label(m.facet, None).rstrip(": ")
        _say(console, f"one map per value of {words} ({m.facet}):")
        head = Text(" " * left)
        fits = all(len(facet_label(m.facet, p.facet_value)) <= w for p in m.panels)
        for k, panel in enumerate(m.panels):
            label = (facet_label(m.facet, panel.facet_value) if fits
                     else facet_label(m.facet, panel.facet_value).rsplit(": ", 1)[-1])
            head.append(clean_text(label)[:w].ljust(w), style="bold")
            if k < n - 1:
                head.append(" " * gap)
        console.print(head)
    lines = (len(rows) + 1) // 2 if colour else len(rows)
    mid_line = lines // 2
    for line in range(lines):
        label = (ylabels[0] if line == 0 else ylabels[1] if line == lines - 1
                 else ylabels[2] if line == mid_line else "")
        text = Text(label.rjust(left - 2) + " │")
        for k, grid in enumerate(grids):
            if colour:
                _colour_line(text, grid, 2 * line, palette)
            else:
                _letter_line(text, grid[line])
            if k < n - 1:
                text.append(" " * gap)
        console.print(text, no_wrap=True, overflow="crop")
    axis = Text(" " * (left - 1) + "└")
    ticks = Text(" " * left)
    for k in range(n):
        axis.append("─" * w + ("─" * gap if k < n - 1 else ""))
        lo, hi = _tick(m.x.low, m.x), _tick(m.x.high, m.x)
        ticks.append((lo + hi.rjust(w - len(lo))) if w > len(lo) + len(hi) else lo.ljust(w))
        if k < n - 1:
            ticks.append(" " * gap)
    console.print(axis, no_wrap=True, overflow="crop")
    console.print(ticks, no_wrap=True, overflow="crop")
    console.print(Text(f"x: {_axis_text(m, m.x)}"))
    if colour:
        console.print(_legend(m, colour, palette))
    else:
        _say(console, _legend(m, colour, palette).plain)
    _print_words(console, m)


def _colour_line(text: Any, grid: Sequence[Sequence[tuple[str, bool, bool]]], top: int,
                 palette: dict[str, tuple[str, str]]) -> None:
    """One terminal line showing two rows of cells, the upper in front of the lower.

    An upper half block in the upper cell's colour on the lower cell's colour; runs of the same
    style are appended together.
    """
    upper = grid[top]
    lower = grid[top + 1] if top + 1 < len(grid) else None
    run, run_style = "", ""
    for j, (option, sure, marked) in enumerate(upper):
        fg = palette[option][0 if sure else 1]
        char, style = "▀", fg
        if lower is not None:
            low_option, low_sure, low_marked = lower[j]
            bg = palette[low_option][0 if low_sure else 1]
            char, style = "▀", f"{fg} on {bg}"
            if marked or low_marked:
                char, style = MARK, f"bold black on {fg if marked else bg}"
        elif marked:
            char, style = MARK, f"bold black on {fg}"
        if style != run_style and run:
            text.append(run, style=run_style)
            run = ""
        run, run_style = run + char, style
    if run:
        text.append(run, style=run_style)


def _letter_line(text: Any, row: Sequence[tuple[str, bool, bool]]) -> None:
    for option, sure, marked in row:
        letter = LETTERS[option]
        text.append(MARK if marked else letter if sure else letter.lower())


def _legend(m: DecisionMap, colour: bool, palette: dict[str, tuple[str, str]]) -> Any:
    from rich.text import Text

    legend = Text()
    for option in m.options:
        if colour:
            legend.append("██", style=palette[option][0])
            legend.append(f" {option}  ")
        else:
            legend.append(f"{LETTERS[option]} {option}  ")
    legend.append(f"{MARK} this scenario")
    if m.draws:
        pale = "pale" if colour else "lowercase"
        legend.append(f"; {pale}: the verdict comes out in under {SURE:.0%} of {m.draws:,} draws")
    return legend


def _axis_text(m: DecisionMap, axis: Axis) -> str:
    """``requests a month (organisation.monthly_requests), log scale``."""
    scale = ", log scale" if axis.log else ""
    return f"{axis_label(axis, m.currency)} ({axis.field}){scale}"


def _print_words(console: Console, m: DecisionMap) -> None:
    from gateway_roi.model.scenario import range_bounds

    x_where = _nearest(m.x, m.x.current) is not None
    y_where = _nearest(m.y, m.y.current) is not None
    if not (x_where and y_where):
        _say(console, f"This scenario ({value_words(m.x.current, m.x, m.currency)}, "
             f"{value_words(m.y.current, m.y, m.currency)}) lies outside the map.", style="dim")
    _say(console, "Where the verdict changes:", style="bold")
    for panel in m.panels:
        home = m.facet is None or panel.facet_value == m.home
        prefix = "" if m.facet is None else f"{facet_label(m.facet, panel.facet_value)} - "
        own = "this scenario" if home else "the scenario with this value"
        _say(console, f"{prefix}{own} -> {panel.own[0]} ({panel.own[1]})", indent=2, hang=4)
        options = set(panel.option.ravel().tolist())
        if len(options) == 1 and all(len(line.segments) == 1 for line in panel.lines):
            _say(console, f"{options.pop()} everywhere on this map", indent=4)
            continue
        for line in panel.lines:
            _say(console, f"{line_heading_words(line, m.currency)}: "
                 f"{line_words(line, m.currency)}", indent=4)
    if m.draws and all(p.share is None or float(p.share.min()) >= 1.0 for p in m.panels):
        ranged = len(range_bounds(m.panels[0].scenario))
        if ranged:
            _say(console, f"{ranged} input{'s are' if ranged > 1 else ' is'} written as a "
                 f"range, and every cell's verdict comes out in all {m.draws:,} draws.",
                 style="dim")
        else:
            _say(console, "No input is written as a range: every cell is certain.",
                 style="dim")


def _say(console: Console, text: str, *, indent: int = 0, hang: int = 2,
         style: str = "") -> None:
    """Print user-facing prose wrapped to the terminal, continuation lines indented further."""
    import textwrap

    from rich.text import Text

    from gateway_roi.text import clean_text

    width = max(30, console.width)
    wrapped = textwrap.wrap(clean_text(text), width=width, initial_indent=" " * indent,
                            subsequent_indent=" " * (indent + hang), break_on_hyphens=False)
    for part in wrapped:
        console.print(Text(part, style=style), no_wrap=True, overflow="crop")
