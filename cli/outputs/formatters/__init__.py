"""The outputs of ``evaluate``, one module each, chosen by :class:`OutputFormat`.

* :mod:`gateway_roi.outputs.formatters.text` -- panels and the comparison table, for people on a
terminal;
* :mod:`gateway_roi.outputs.formatters.json` -- the JSON document (also the data of ``diff`` and
``check``);
* :mod:`gateway_roi.outputs.formatters.csv` -- one row per scenario x option;
* :mod:`gateway_roi.outputs.formatters.markdown` -- the comparison as a GitHub table.

Each gives a :class:`BatchFormatter`: it takes the scenarios one at a time and writes what it
can as it goes, so a batch of thousands does not grow memory. :func:`batch_formatter` picks one
(importing only that module); a new format is a new enum member, a module, and a branch there
(mypy's ``assert_never`` points at the place to add it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, assert_never

if TYPE_CHECKING:
    from rich.console import Console

    from gateway_roi.errors import Problem
    from gateway_roi.model.evaluation import Evaluation
    from gateway_roi.outputs.compare import ScenarioSummary

__all__ = ["BatchFormatter", "OutputFormat", "SummaryFormatter", "batch_formatter"]


class OutputFormat(StrEnum):
    """Output formats of ``evaluate``."""

    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class BatchFormatter(Protocol):
    """Writes a batch of evaluated scenarios in one format."""

    def add(self, source: str, ev: Evaluation) -> None:
        """Take (and, when the format can, write) one evaluated scenario."""

    def finish(self, problems: Sequence[Problem]) -> None:
        """Write what remains; ``problems`` are the inputs that could not be evaluated."""


class SummaryFormatter(BatchFormatter, Protocol):
    """A format that shows only the comparison (text without panels, CSV, markdown)."""

    def take(self, summary: ScenarioSummary) -> None:
        """Take (and, when the format can, write) one scenario already summarised."""


def batch_formatter(output_format: OutputFormat, write: Callable[[str], None], *,
                    console: Callable[[], Console], compact: bool = False,
                    tripwires: bool = True, monthly: bool = True,
                    details: bool = True) -> BatchFormatter:
    """The formatter for ``output_format``.

    ``write`` takes the machine formats' text; ``console`` makes the terminal for text.
    ``compact``, ``tripwires``, ``monthly``: JSON (one line per scenario; tripwires null when
    they were not searched; monthly amounts null). ``details``: text panels per scenario.
    """
    if output_format is OutputFormat.text:
        from gateway_roi.outputs.formatters.text import TextBatch

        return TextBatch(console, details=details)
    if output_format is OutputFormat.json:
        from gateway_roi.outputs.formatters.json import JsonStream

        return JsonStream(write, compact=compact, tripwires=tripwires, monthly=monthly)
    if output_format is OutputFormat.csv:
        from gateway_roi.outputs.formatters.csv import CsvBatch

        return CsvBatch(write)
    if output_format is OutputFormat.markdown:
        from gateway_roi.outputs.formatters.markdown import MarkdownBatch

        return MarkdownBatch(write)
    assert_never(output_format)
