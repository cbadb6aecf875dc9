"""Dated reference exchange rates: a default ``usd_rate`` per currency, and a sanity band.

Pure data and arithmetic: no files, no network. The rates are the European Central Bank's euro
foreign exchange reference rates of one day, turned into "units of the currency one US dollar
buys" (the scenario's ``usd_rate``): ``EUR`` is 1 / (USD per EUR), any other currency is its
rate against the euro divided by the dollar's. They are a starting point for ``gateway-roi
ask``, not a market quote: a team states the rate its finance department uses.

A rate far from the reference is more often a slip than a view on the market: the usual
``EUR/USD 1.13`` quote is US dollars per euro, the other way round from what ``usd_rate``
holds (0.89 euro per dollar). :func:`rate_caution` names that slip.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "PLAUSIBLE_FACTOR",
    "REFERENCE_AS_OF",
    "REFERENCE_SOURCE",
    "ReferenceRate",
    "rate_caution",
    "reference_rate",
]

REFERENCE_SOURCE = "ECB euro foreign exchange reference rates"
REFERENCE_AS_OF = "2026-10-06"

# Units of each currency one euro bought on REFERENCE_AS_OF (ECB daily reference rates).
_PER_EURO: Mapping[str, float] = {
    "USD": 1.1269,
    "JPY": 178.15,
    "GBP": 0.84880,
    "CHF": 0.9359,
    "SEK": 11.2425,
    "NOK": 10.7780,
    "DKK": 7.4747,
    "PLN": 4.3650,
    "CZK": 24.405,
    "AUD": 1.6140,
    "CAD": 1.6058,
    "NZD": 2.0061,
    "CNY": 7.5554,
    "HKD": 8.8438,
    "SGD": 1.4392,
    "KRW": 1508.67,
    "INR": 108.6615,
    "BRL": 5.5991,
    "MXN": 20.2217,
    "ZAR": 18.5829,
}

PLAUSIBLE_FACTOR = 1.2
"""A rate more than 20% away from the reference (either way) is asked again: wide enough for
a few years of ordinary drift between the major currencies, narrow enough to catch a rate
given the other way round (EUR 1.13 instead of 0.89)."""


@dataclass(frozen=True)
class ReferenceRate:
    """How many units of ``currency`` one US dollar bought on ``as_of``, and where that is from."""

    currency: str
    per_usd: float
    source: str = REFERENCE_SOURCE
    as_of: str = REFERENCE_AS_OF

    @property
    def low(self) -> float:
        """The lowest plausible rate."""
        return self.per_usd / PLAUSIBLE_FACTOR

    @property
    def high(self) -> float:
        """The highest plausible rate."""
        return self.per_usd * PLAUSIBLE_FACTOR

    @property
    def origin(self) -> str:
        """Source and date, as said next to the default."""
        return f"{self.source}, {self.as_of}"

    @property
    def short_origin(self) -> str:
        """Source and date in a few words, for a prompt line."""
        return f"ECB reference rate of {self.as_of}"


def reference_rate(currency: str) -> ReferenceRate | None:
    """The reference ``usd_rate`` of ``currency`` (None for USD and for currencies not listed)."""
    code = currency.upper()
    if code == "USD":
        return None
    usd = _PER_EURO["USD"]
    if code == "EUR":
        return ReferenceRate(code, float(f"{1 / usd:.4g}"))
    per_euro = _PER_EURO.get(code)
    if per_euro is None:
        return None
    return ReferenceRate(code, float(f"{per_euro / usd:.4g}"))


def _show(x: float) -> str:
    return f"{x:,.4g}" if x < 1000 else f"{x:,.0f}"


def rate_caution(currency: str, rate: float) -> str | None:
    """Why ``rate`` (units of ``currency`` per US dollar) looks wrong, or None when it looks fine.

    Only currencies with a reference rate are checked.
    """
    ref = reference_rate(currency)
    if ref is None or rate <= 0 or ref.low <= rate <= ref.high:
        return None
    said = (f"{_show(rate)} {ref.currency} per US dollar is far from the "
            f"{ref.short_origin}, {_show(ref.per_usd)} (plausible: {_show(ref.low)} to "
            f"{_show(ref.high)})")
    if ref.low <= 1 / rate <= ref.high:
        said += (f". It looks like the rate the other way round, US dollars per "
                 f"{ref.currency}: then one US dollar buys 1 / {_show(rate)} = "
                 f"{_show(1 / rate)} {ref.currency}")
    return said
