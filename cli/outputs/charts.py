"""Chart helpers for decision records: palettes, money scales and mermaid config. Pure.

Mermaid's ``xychart-beta`` draws no legend and prints raw axis numbers, so a record names each
series' colour itself (:data:`OPTION_COLOURS`, shown in a legend table) and plots money in a unit
chosen here (:func:`money_scale`) whose name goes in the axis title (``CNY, M``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "MARGIN_COLOUR",
    "OPTION_COLOURS",
    "Colour",
    "MoneyScale",
    "mermaid_init",
    "money_scale",
    "nice_ceiling",
    "short_money",
]


@dataclass(frozen=True)
class Colour:
    """A plot colour: its hex code, its name in each language, and a matching emoji square."""

    hex: str
    en: str
    zh: str
    swatch: str


# Tableau-10 hues: each reads on white and on GitHub's dark background (#0d1117), and each has
# an emoji square of the same hue for the legend (GitHub strips inline colour styles).
OPTION_COLOURS: dict[str, Colour] = {
    "direct": Colour("#1f77b4", "blue", "蓝色", "\U0001f7e6"),
    "automate": Colour("#2ca02c", "green", "绿色", "\U0001f7e9"),
    "buy": Colour("#ff7f0e", "orange", "橙色", "\U0001f7e7"),
    "self_host": Colour("#9467bd", "purple", "紫色", "\U0001f7ea"),
    "build": Colour("#d62728", "red", "红色", "\U0001f7e5"),
}
MARGIN_COLOUR = "#7f7f7f"
"""The tornado chart's reference line (the decision's margin): grey on either background."""


@dataclass(frozen=True)
class MoneyScale:
    """Divide amounts by ``divisor`` to plot them; ``suffix`` names the unit (``k``, ``M``)."""

    divisor: float
    suffix: str

    def apply(self, amount: float) -> float:
        """The amount in this unit, rounded to what a chart can show (three decimals)."""
        return round(amount / self.divisor, 3)


def money_scale(top: float, lang: str = "en", currency: str = "") -> MoneyScale:
    """The unit to plot money up to ``top`` in: millions, thousands or units.

    Chinese CNY figures use 万 (ten thousand), as Chinese readers count yuan.
    """
    if lang == "zh" and currency == "CNY":
        return MoneyScale(10_000, "万") if top >= 10_000 else MoneyScale(1, "")
    if top >= 1_000_000:
        return MoneyScale(1_000_000, "M")
    if top >= 1_000:
        return MoneyScale(1_000, "k")
    return MoneyScale(1, "")


def short_money(amount: float) -> str:
    """Money in three significant digits with a unit: ``2.4M``, ``842k``, ``-15k``, ``950``."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    for divisor, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= divisor * 0.9995:
            return f"{sign}{_three_digits(value / divisor)}{suffix}"
    return f"{sign}{value:.0f}"


def _three_digits(x: float) -> str:
    text = f"{x:.3g}"
    return text if "e" not in text else f"{x:.0f}"


def nice_ceiling(x: float) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8 x 10^n) >= ``x``."""
    if x <= 0:
        return 1
    magnitude: float = 10.0 ** math.floor(math.log10(x))
    for factor in (1, 1.2, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 10):
        if factor * magnitude >= x * (1 - 1e-12):
            value = factor * magnitude
            return int(value) if float(value).is_integer() else round(value, 12)
    return 10 * magnitude


def mermaid_init(palette: Sequence[str], *, height: int | None = None) -> str:
    """Mermaid front matter (``---`` lines) setting the xychart palette and optionally its height.

    Mermaid 10.5+ and GitHub read it; unlike an ``%%{init}%%`` line it holds no braces, so it
    can never be mistaken for template syntax.
    """
    lines = ["---", "config:"]
    if height is not None:
        lines += ["  xyChart:", f"    height: {int(height)}"]
    lines += ["  themeVariables:", "    xyChart:",
              f"      plotColorPalette: {json.dumps(', '.join(palette))}", "---"]
    return "\n".join(lines)
