"""The text formatter's layout: its output fitted to the terminal's width, no figure cut.

A table that does not fit is narrowed a whole column at a time: first columns switch to an
abbreviated form (a shorter header, shorter cells that say the same), then the least important
columns go, then the gaps between columns shrink. A figure is never cut or shortened with an
ellipsis: a number shown is the number. Prose wraps with a hanging indent so each list item
stays readable on a narrow terminal.

Rich is imported lazily: JSON, CSV and markdown output never pay for it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from gateway_roi.model.evaluation import Evaluation

__all__ = [
    "Column",
    "TableFit",
    "fit_columns",
    "hanging",
    "render_table",
]


@dataclass(frozen=True)
class Column:
    """One table column: its full form and, optionally, an abbreviated one.

    ``cells`` are rich Text (or str); ``short_header`` / ``short_cells`` say the same in fewer
    cells (``break-even`` -> ``b/e mo``, ``month 12`` -> ``12``). ``drop_rank`` orders the
    columns that may go on a narrow terminal (lowest first); ``None`` keeps the column always.
    """

    key: str
    header: str
    cells: Sequence[Any]
    align: Literal["left", "right"] = "right"
    short_header: str | None = None
    short_cells: Sequence[Any] | None = None
    drop_rank: int | None = None
    legend: str = ""
    """What the abbreviated header means, said under the table when it is used."""

    def width(self, short: bool) -> int:
        """Cells the column takes (widest of header and cells), in full or abbreviated form."""
        from rich.cells import cell_len

        header, cells = self.form(short)
        return max(cell_len(_plain(x)) for x in [header, *cells])

    def form(self, short: bool) -> tuple[str, Sequence[Any]]:
        """(header, cells) in full or abbreviated form."""
        if short and self.short_header is not None:
            return self.short_header, (self.short_cells if self.short_cells is not None
                                       else self.cells)
        return self.header, self.cells


@dataclass(frozen=True)
class TableFit:
    """How a table is shown: which columns, which abbreviated, the gap, and what was left out."""

    columns: tuple[Column, ...]
    short: frozenset[str]
    gap: int
    dropped: tuple[Column, ...] = ()

    @property
    def width(self) -> int:
        """Cells the widest line takes."""
        widths = [c.width(c.key in self.short) for c in self.columns]
        return sum(widths) + self.gap * (len(widths) - 1)


def _plain(value: Any) -> str:
    return value.plain if hasattr(value, "plain") else str(value)


def fit_columns(columns: Sequence[Column], width: int, gap: int = 2) -> TableFit:
    """The fullest form of ``columns`` at most ``width`` cells wide.

    Steps, each taken only when the table still does not fit: abbreviate the columns that
    have a short form (in column order), drop droppable columns (lowest ``drop_rank`` first),
    then close the gaps to one space. When even that does not fit, the narrowest form is
    returned (the terminal wraps it; no figure is cut).
    """
    fit = TableFit(tuple(columns), frozenset(), gap)
    if fit.width <= width:
        return fit
    for column in columns:
        if column.short_header is not None:
            fit = dataclasses.replace(fit, short=fit.short | {column.key})
            if fit.width <= width:
                return fit
    for column in sorted((c for c in columns if c.drop_rank is not None),
                         key=lambda c: c.drop_rank or 0):
        fit = dataclasses.replace(
            fit, columns=tuple(c for c in fit.columns if c.key != column.key),
            dropped=(*fit.dropped, column))
        if fit.width <= width:
            return fit
    return dataclasses.replace(fit, gap=1)


def render_table(fit: TableFit, row_styles: Sequence[str] = ()) -> Text:
    """The fitted table as rich Text: a bold header, a rule, one line per row."""
    from rich.cells import cell_len
    from rich.text import Text

    sized = [(c, *c.form(c.key in fit.short), c.width(c.key in fit.short)) for c in fit.columns]
    rows = len(fit.columns[0].cells) if fit.columns else 0
    out = Text()

    def cell(value: Any, size: int, align: str) -> Text:
        text = value.copy() if isinstance(value, Text) else Text(str(value))
        pad = " " * (size - cell_len(text.plain))
        return Text(pad) + text if align == "right" else text + Text(pad)

    header = Text(" " * fit.gap).join(cell(h, w, c.align) for c, h, _, w in sized)
    header.rstrip()
    header.stylize("bold")
    out.append_text(header)
    out.append("\n" + "\u2500" * fit.width + "\n")
    for i in range(rows):
        line = Text(" " * fit.gap).join(cell(cells[i], w, c.align) for c, _, cells, w in sized)
        line.rstrip()
        if i < len(row_styles) and row_styles[i]:
            line.stylize(row_styles[i])
        out.append_text(line)
        out.append("\n")
    return out


def hanging(console: Console, text: Text, width: int | None = None, indent: int = 2) -> Text:
    """``text`` wrapped to ``width`` cells, continuation lines indented by ``indent`` cells.

    Each line of ``text`` is one item (``- reason...``); a long item wraps under its own first
    word rather than at the margin (an item indented by its own spaces hangs that much further
    in), so items stay apart on a narrow terminal. Styles are kept;
    widths count terminal cells (CJK text takes two per character).
    """
    from rich.cells import cell_len
    from rich.text import Text

    full = width or console.width
    out = Text()
    for n_item, item in enumerate(text.split("\n", allow_blank=True)):
        if n_item:
            out.append("\n")
        plain = item.plain
        hang = indent + len(plain) - len(plain.lstrip(" "))
        # Break opportunities: after each run of spaces.
        words: list[tuple[int, int]] = []  # (start, end) of each word with its trailing spaces
        start = 0
        for i, char in enumerate(plain):
            if char == " " and (i + 1 == len(plain) or plain[i + 1] != " "):
                words.append((start, i + 1))
                start = i + 1
        if start < len(plain):
            words.append((start, len(plain)))
        line_start, line_width, first = 0, 0, True
        for w_start, w_end in words:
            word_width = cell_len(plain[w_start:w_end].rstrip(" "))
            limit = full if first else full - hang
            if line_width and line_width + word_width > limit:
                piece = item[line_start:w_start]
                piece.rstrip()
                out.append_text(piece)
                out.append("\n" + " " * hang)
                line_start, line_width, first = w_start, 0, False
            line_width += cell_len(plain[w_start:w_end])
        piece = item[line_start:]
        piece.rstrip()
        out.append_text(piece)
    return out


# --- the options table of the evaluate panel -------------------------------------------------

_COST_COLUMNS: tuple[tuple[str, str, int], ...] = (
    # (OptionCosts attribute, header, drop rank): the parts of the total go before the total,
    # the bounded per-event kind first, then up-front, and the standing liability (what the
    # essay weighs against a gateway) last.
    ("up_front", "up front", 2),
    ("per_event", "per event", 1),
    ("standing", "standing", 3),
)


def options_table(ev: Evaluation, width: int) -> Text:
    """Each option's costs, break-even and feasibility, at most ``width`` cells wide.

    Money is always the exact figure (``2,331,408``): on a narrow terminal the break-even and
    feasibility columns are abbreviated, then the parts of the total are left out, before a
    figure would be cut. A caption above says the currency and horizon; a line below says what
    an abbreviation means and which columns were left out.
    """
    from rich.text import Text

    from gateway_roi.model.cost_lines import common_cost
    from gateway_roi.options import OPTION_IDS
    from gateway_roi.outputs.formatters._numbers import money

    d, s = ev.decision, ev.scenario
    options = [ev.options[key] for key in OPTION_IDS]

    def breakeven(key: str, month: int | None, short: bool) -> str:
        if key == "direct":
            return "-"
        if not month:
            return "never"
        return str(month) if short else f"month {month}"

    def feasible(ok: bool) -> Text:
        return Text("yes") if ok else Text("no", style="yellow")

    columns = [
        Column("option", "option",
               [f"{'*' if o.id == d.option else ' '} {o.id}" for o in options], "left"),
        *(Column(attr, header, [money(getattr(o, attr)) for o in options], drop_rank=rank)
          for attr, header, rank in _COST_COLUMNS),
        Column("total", "total", [money(o.total) for o in options]),
        Column("breakeven", "break-even",
               [breakeven(o.id, o.breakeven_month, False) for o in options],
               short_header="b/e", drop_rank=10,
               short_cells=[breakeven(o.id, o.breakeven_month, True) for o in options],
               legend="b/e: break-even month against direct"),
        Column("feasible", "feasible", [feasible(o.feasible) for o in options], "left",
               short_header="ok", legend="ok: feasible"),
    ]
    fit = fit_columns(columns, width)
    # The caption alone is bold: a style given to Text() would embolden every row after it.
    out = Text()
    out.append(f"Costs per option in {s.currency}, present value over {s.horizon_months} "
               "months:\n", style="bold")
    out.append_text(render_table(fit, ["bold" if o.id == d.option else "" for o in options]))
    notes = [c.legend for c in fit.columns if c.key in fit.short and c.legend]
    dropped = [c.header for c in fit.dropped]
    if dropped:
        noun = "column" if len(dropped) == 1 else "columns"
        names = (dropped[0] if len(dropped) == 1
                 else ", ".join(dropped[:-1]) + " and " + dropped[-1])
        notes.append(f"{names} {noun} left out to fit {width} columns (all are in --format "
                     "json)")
    if notes:
        out.append("; ".join(notes) + "\n")
    common = common_cost(ev.options)
    chosen = ev.options[d.option].total
    if common > 0.005 and chosen > 0:
        out.append(f"Every total includes {money(common)} of provider outages, the same whatever "
                   f"you choose ({common / chosen:.0%} of {d.option}'s total): the options "
                   "differ only by the rest.\n")
    return out
