"""The evaluate panel on narrow and wide terminals: whole columns give way, figures never do."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.files.resources import bundled_scenarios
from gateway_roi.options import OPTION_IDS
from gateway_roi.outputs.formatters._fit import Column, fit_columns

runner = CliRunner()
SCENARIOS = bundled_scenarios()
FIGURE = re.compile(r"^-?\d{1,3}(,\d{3})*$")


def evaluate(width: int, *args: str | Path) -> str:
    result = runner.invoke(app, ["evaluate", *map(str, args)],
                           env={"NO_COLOR": "1", "COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


MONEY = ("up_front", "per_event", "standing", "total")
HEADERS = {"up front": "up_front", "per event": "per_event", "standing": "standing",
           "total": "total"}


@functools.cache
def exact_figures(*args: str | Path) -> dict[str, dict[str, str]]:
    """Each option's money as the table should print it, from the JSON output (read once per
    scenario: it is the same at every width)."""
    result = runner.invoke(app, ["evaluate", *map(str, args), "--format", "json"])
    (doc,) = json.loads(result.stdout)["scenarios"]
    return {o["id"]: {k: f"{o[k]:,.0f}" for k in MONEY} for o in doc["options"]}


def options_rows(text: str) -> dict[str, dict[str, str]]:
    """The options table's money cells, by option id and column.

    Money is right-aligned: a cell is the word that ends where its header ends.
    """
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Costs per option"))
    header = lines[start + 1]
    # Columns are two spaces apart; a header may hold one space ("up front").
    spans = [(m.group(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", header)]
    rows = {}
    for line in lines[start + 3:start + 3 + len(OPTION_IDS)]:
        option = line[2:].split()[0]
        rows[option] = {HEADERS[name]: line[:end].split()[-1]
                        for name, end in spans if name in HEADERS}
    return rows


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_options_table_shows_exact_figures_at_any_width(scenario: Path, width: int) -> None:
    """Every figure in the table is the exact amount; every line fits; nothing is cut."""
    text = evaluate(width, scenario)
    exact = exact_figures(scenario)
    rows = options_rows(text)
    assert list(rows) == list(OPTION_IDS)
    for option, cells in rows.items():
        assert "total" in cells, cells
        for column, shown in cells.items():
            assert FIGURE.match(shown) and shown == exact[option][column], (option, column)
    assert "\u2026" not in text
    too_wide = [line for line in text.splitlines() if cell_len(line) > width]
    assert not too_wide, too_wide


def test_the_total_is_never_left_out_even_with_huge_figures() -> None:
    """Totals in the trillions at 60 columns: parts of the total go, the total stays whole."""
    scenario = SCENARIOS[0]
    args = (scenario, "--set", "organisation.monthly_provider_spend=900000000000",
            "--set", "organisation.monthly_requests=900000000000")
    text = evaluate(60, *args)
    exact = exact_figures(*args)
    rows = options_rows(text)
    for option, cells in rows.items():
        assert cells["total"] == exact[option]["total"]
        assert all(shown == exact[option][column] for column, shown in cells.items())
    assert "left out to fit 60 columns" in " ".join(text.split())
    assert "\u2026" not in text


def test_the_recommended_option_is_marked_on_its_own_row() -> None:
    """At 60 columns the `*` stays on the verdict's row, never wrapped onto a line of its own."""
    text = evaluate(60, SCENARIOS[0])
    marked = [line for line in text.splitlines() if line.startswith("* ")]
    assert len(marked) == 1 and len(marked[0].split()) > 2
    assert not any(line.strip() == "*" for line in text.splitlines())


def _money_table(figures: list[str]) -> list[Column]:
    """Name, four money columns, break-even and feasibility: the panel's column set."""
    names = ["direct", "automate", "buy", "self_host", "build"]
    return [
        Column("option", "option", [f"  {n}" for n in names], "left"),
        Column("up_front", "up front", figures, drop_rank=2),
        Column("per_event", "per event", figures, drop_rank=1),
        Column("standing", "standing", figures, drop_rank=3),
        Column("total", "total", figures),
        Column("breakeven", "break-even", ["month 12"] * 5, short_header="b/e",
               short_cells=["12"] * 5, drop_rank=10),
        Column("feasible", "feasible", ["yes"] * 5, "left", short_header="ok"),
    ]


ALL = ["option", "up_front", "per_event", "standing", "total", "breakeven", "feasible"]


@pytest.mark.parametrize("width, kept, short", [
    (100, ALL, set()),
    (80, ALL, {"breakeven"}),
    (60, ["option", "up_front", "standing", "total", "breakeven", "feasible"],
     {"breakeven", "feasible"}),
    (40, ["option", "total", "breakeven", "feasible"], {"breakeven", "feasible"}),
])
def test_columns_give_way_whole_in_order(width: int, kept: list[str], short: set[str]) -> None:
    """Abbreviations first, then the parts of the total (per-event, up-front, standing)."""
    fit = fit_columns(_money_table(["12,345,678"] * 5), width)
    assert [c.key for c in fit.columns] == kept
    assert fit.short == short
    assert fit.width <= width


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_list_items_wrap_under_their_own_text_at_60_columns(scenario: Path) -> None:
    """A wrapped tripwire or reason continues indented, so each item still reads as one."""
    text = evaluate(60, scenario)
    lines = text.splitlines()
    if "What would change this decision:" in lines:  # a verdict no tripwire moves has none
        start = lines.index("What would change this decision:")
        block = lines[start + 1:]
        assert block and all(line.startswith(("- ", "  ")) for line in block), block
    inside = [line[2:-1].rstrip() for line in lines if line.startswith("\u2502 ")]
    reasons = inside[len(inside) - inside[::-1].index(""):]  # after the last blank line
    assert reasons and all(line.startswith(("- ", "  ")) for line in reasons), reasons


@pytest.mark.parametrize("width", [60, 80, 120])
def test_comparison_cuts_no_figure_and_names_what_gave_way(width: int) -> None:
    """The comparison of the bundled scenarios at 60, 80 and 120 columns: every line fits,
    each option column holds every scenario's whole compact total under its full header,
    break-even is whole, no two shortened names look alike, and the note names each column
    left out."""
    from gateway_roi.files.loading import load_scenario_file
    from gateway_roi.model.evaluation import assess
    from gateway_roi.outputs.compare import summarize
    from gateway_roi.outputs.formatters._numbers import breakeven_text
    from gateway_roi.outputs.formatters.text import compact_money, comparison_table

    summaries = [summarize(assess(load_scenario_file(p, []), tripwires=False, draws=200), str(p))
                 for p in SCENARIOS]
    lines, note = comparison_table(summaries, width)
    assert all(cell_len(line) <= width for line in lines), lines
    # Column spans from the rule under the header (names are ASCII here).
    spans = [m.span() for m in re.finditer("\u2500+", lines[1])]

    def cells(line: str) -> list[str]:
        return [line[a:b].strip() for a, b in spans]

    header = cells(lines[0])
    table = [dict(zip(header, cells(line), strict=True)) for line in lines[2:]]
    names = [row["scenario"] for row in table]
    assert len(set(names)) == len(summaries), names
    for key in OPTION_IDS:
        if key not in header:
            assert key in note and f"to fit {width} columns" in note, (key, note)
    for row, s in zip(table, summaries, strict=True):
        for i, key in enumerate(OPTION_IDS):
            if key in row:
                assert row[key] == compact_money(s.options[i].total)
        full = breakeven_text(s)
        if "break-even" in row:
            assert row["break-even"] == full
        else:
            assert "b/e" in row, note
            assert row["b/e"] == full.removeprefix("month ")
            assert "b/e: break-even month" in note
    if width < 100:
        assert "rule" not in header and "rule" in note
