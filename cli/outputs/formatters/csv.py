"""``--format csv``: one row per scenario x option, written as scenarios are evaluated.

A scenario at a time, or a chunk at a time when a big batch is costed together.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from gateway_roi.outputs.compare import ScenarioSummary, summarize
from gateway_roi.outputs.formatters._numbers import decimal
from gateway_roi.text import escape_line, one_line

if TYPE_CHECKING:
    from gateway_roi.errors import Problem
    from gateway_roi.model.evaluation import Evaluation

__all__ = ["CSV_COLUMNS", "CsvBatch", "csv_header", "csv_rows", "csv_text"]


CSV_COLUMNS: tuple[str, ...] = (
    "file",
    "scenario",
    "currency",
    "horizon_months",
    "verdict",
    "rule",
    "confidence",
    "option",
    "recommended",
    "feasible",
    "one_time",
    "continuous",
    "total",
    "breakeven_month",
    "up_front",
    "per_event",
    "standing",
)
"""Columns of ``--format csv``, in order: one row per scenario x option (documented in the
README; append new columns at the end so readers by position keep working)."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str, *, path: bool = False) -> str:
    """A CSV cell from user text that a spreadsheet shows as text and never runs.

    Cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a leading
    ``'`` (OWASP's advice against CSV formula injection). The cell stays on one line, so each
    row is one line of the file: a name is flattened (:func:`~gateway_roi.text.one_line`), a file name
    (``path``) keeps its characters, control characters escaped
    (:func:`~gateway_roi.text.escape_line`).
    """
    text = escape_line(value) if path else one_line(value)
    if value.startswith(_FORMULA_START) or text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _csv_lines(rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def csv_header() -> str:
    """The CSV header row."""
    return _csv_lines([CSV_COLUMNS])


def csv_rows(summary: ScenarioSummary) -> str:
    """One scenario's CSV rows, one per option in :data:`~gateway_roi.model.costs.OPTION_IDS` order."""
    return _csv_lines(
        (
            csv_text(summary.source, path=True),
            csv_text(summary.name),
            summary.currency,
            summary.horizon_months,
            summary.verdict,
            summary.rule,
            "" if summary.confidence is None else f"{summary.confidence:.4f}",
            o.id,
            "true" if o.id == summary.verdict else "false",
            "true" if o.feasible else "false",
            decimal(o.one_time),
            decimal(o.continuous),
            decimal(o.total),
            "" if o.breakeven_month is None else o.breakeven_month,
            decimal(o.up_front),
            decimal(o.per_event),
            decimal(o.standing),
        ) for o in summary.options)



class CsvBatch:
    """Writes the header at once, then each scenario's rows as it comes."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write
        write(csv_header())

    def add(self, source: str, ev: Evaluation) -> None:
        """Write one scenario's rows."""
        self.take(summarize(ev, source))

    def take(self, summary: ScenarioSummary) -> None:
        """Write the rows of a scenario already summarised (costed in a batch)."""
        self._write(csv_rows(summary))

    def finish(self, problems: Sequence[Problem]) -> None:
        """Nothing to close (problems go to stderr, not into the CSV)."""
