"""``--format markdown``: the comparison table as a GitHub markdown table.

Not the decision record (a whole document per scenario): that is
:func:`gateway_roi.outputs.report.render_record`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from gateway_roi.options import OPTION_IDS
from gateway_roi.outputs.compare import ScenarioSummary, summarize
from gateway_roi.outputs.formatters._numbers import breakeven_text, confidence_text, money
from gateway_roi.text import md_escape

if TYPE_CHECKING:
    from gateway_roi.errors import Problem
    from gateway_roi.model.evaluation import Evaluation

__all__ = ["MarkdownBatch", "comparison_markdown"]


def comparison_markdown(summaries: Sequence[ScenarioSummary]) -> str:
    """The comparison table as a GitHub markdown table (totals over each scenario's horizon)."""
    sampled = any(s.confidence is not None for s in summaries)
    head = ["scenario", "verdict", "rule", *(["confidence"] if sampled else []), *OPTION_IDS,
            "break-even"]
    align = ["---", "---", "---", *(["---:"] if sampled else []), *["---:"] * len(OPTION_IDS),
             "---:"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
    for s in summaries:
        cells = [
            md_escape(s.name, line_start=False), s.verdict, s.rule,
            *([confidence_text(s)] if sampled else []),
            *(f"{money(o.total)} {s.currency}" for o in s.options),
            breakeven_text(s),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


class MarkdownBatch:
    """Keeps one small summary per scenario; writes the table at the end (when any evaluated)."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write
        self._summaries: list[ScenarioSummary] = []

    def add(self, source: str, ev: Evaluation) -> None:
        """Take one scenario's row."""
        self.take(summarize(ev, source))

    def take(self, summary: ScenarioSummary) -> None:
        """Take the row of a scenario already summarised (costed in a batch)."""
        self._summaries.append(summary)

    def finish(self, problems: Sequence[Problem]) -> None:
        """Write the table (problems go to stderr, not into the table)."""
        if self._summaries:
            self._write(comparison_markdown(self._summaries))
