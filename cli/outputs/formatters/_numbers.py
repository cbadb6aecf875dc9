"""Numbers as every output writes them; none of them ever prints NaN or infinity."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from gateway_roi.errors import NonFiniteOutputError
from gateway_roi.words.i18n import share_text

if TYPE_CHECKING:
    from gateway_roi.outputs.compare import ScenarioSummary

__all__ = ["breakeven_text", "confidence_text", "decimal", "money", "non_finite", "rounded"]


def non_finite(x: float) -> NonFiniteOutputError:
    """The error for a NaN or infinity that reached the output (a bug in the model)."""
    return NonFiniteOutputError(
        f"internal error: a non-finite number ({x}) reached the output; nothing valid can be "
        "shown for this scenario (please report it with the scenario file)"
    )


def rounded(x: float) -> float:
    """Round to cents for output; never NaN or infinity (raises :class:`NonFiniteOutputError`)."""
    if not math.isfinite(x):
        raise non_finite(x)
    return round(x, 2)


def decimal(x: float) -> str:
    """A plain decimal with two places: no thousands separator, no exponent."""
    if not math.isfinite(x):
        raise non_finite(x)
    return f"{x:.2f}"


def money(amount: float) -> str:
    """A whole amount with thousands separators: ``1,234,567``."""
    return f"{amount:,.0f}"


def breakeven_text(summary: ScenarioSummary) -> str:
    """Break-even of a scenario's verdict as tables show it: ``month 7``, ``never`` or ``-``."""
    if summary.verdict == "direct":
        return "-"
    month = summary.breakeven_month
    return f"month {month}" if month else "never"


def confidence_text(summary: ScenarioSummary) -> str:
    """The verdict's confidence as a percentage, empty when the scenario was not sampled."""
    return "" if summary.confidence is None else share_text(summary.confidence)
