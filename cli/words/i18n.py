"""Words in English and Chinese: phrases with parameters, terms, and money as people write it.

The core builds :class:`Phrase` objects (a key and its parameters) rather than sentences, so the
same verdict reads naturally in either language. Pure: no files, no terminal.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from gateway_roi.words.en import EN
from gateway_roi.words.zh import ZH, ZH_PLAIN, ZH_UNITS

__all__ = [
    "LANGS",
    "Count",
    "Either",
    "Lang",
    "Money",
    "Phrase",
    "Term",
    "Things",
    "format_money",
    "format_number",
    "share_text",
    "term",
    "translate_plain",
    "translate_unit",
]

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")


@dataclass(frozen=True)
class Money:
    """An amount in a currency, formatted the way readers of each language expect."""

    amount: float
    currency: str


@dataclass(frozen=True)
class Count:
    """A count of things that may be a fractional expected value: shown as "about 18"."""

    value: float


@dataclass(frozen=True)
class Things:
    """A count with its noun, singular or plural in English: "1 new provider", "4 new models".

    In Chinese the bare count: the sentence carries its measure word.
    """

    value: float
    one: str
    many: str


@dataclass(frozen=True)
class Term:
    """A translatable word or name, e.g. ``Term("option.automate")``."""

    key: str


@dataclass(frozen=True)
class Either:
    """Alternatives: ``a or b`` in English, ``a或b`` in Chinese."""

    items: tuple[Any, ...]


@dataclass(frozen=True)
class Phrase:
    """A sentence by key, with its parameters; :meth:`text` renders it in a language."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang = "en") -> str:
        """The sentence in ``lang``."""
        template = _CATALOG[lang].get(self.key) or _CATALOG["en"][self.key]
        return template.format(**{k: _render(v, lang) for k, v in self.params.items()})


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥"}


def format_number(value: float, lang: Lang = "en") -> str:
    """A plain number with grouping: whole numbers without decimals, others to 3 digits."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def share_text(share: float) -> str:
    """A share of draws as a percentage that never claims more than it is: ``88%``.

    A share short of all (or above none) never reads "100%" (or "0%"): it keeps one decimal,
    rounded towards where it is (``99.9%``, ``0.1%``), so a verdict that flips in a few draws
    of thousands is never shown as certain.
    """
    shown = f"{share:.0%}"
    if shown == "100%" and share < 1.0:
        return f"{math.floor(share * 1000) / 10:.1f}%"
    if shown == "0%" and share > 0.0:
        return f"{math.ceil(share * 1000) / 10:.1f}%"
    return shown


def format_money(money: Money, lang: Lang = "en") -> str:
    """``$12,345`` / ``CNY 12,345`` in English; ``1.2 万元`` / ``12,345 美元`` in Chinese."""
    amount, cur = money.amount, money.currency
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if lang == "zh":
        if cur == "CNY":
            if amount >= 10_000:
                return f"{sign}{amount / 10_000:,.1f} 万元"
            return f"{sign}{amount:,.0f} 元"
        name = {"USD": "美元", "EUR": "欧元", "GBP": "英镑", "JPY": "日元"}.get(cur, cur)
        return f"{sign}{amount:,.0f} {name}"
    symbol = _SYMBOLS.get(cur)
    if symbol and cur in {"USD", "EUR", "GBP"}:
        return f"{sign}{symbol}{amount:,.0f}"
    return f"{sign}{cur} {amount:,.0f}"


def term(key: str, lang: Lang = "en") -> str:
    """The word for ``key`` in ``lang`` (falls back to English, then to the key itself)."""
    return _CATALOG[lang].get(key) or _CATALOG["en"].get(key) or key


def _render(value: Any, lang: Lang) -> str:
    if isinstance(value, Phrase):
        return value.text(lang)
    if isinstance(value, Money):
        return format_money(value, lang)
    if isinstance(value, Things):
        count = _render(Count(value.value), lang)
        if lang == "zh":
            return count
        return f"{count} {value.one if value.value == 1 else value.many}"
    if isinstance(value, Count):
        if float(value.value).is_integer():
            return f"{value.value:,.0f}"
        return ("约 " if lang == "zh" else "about ") + f"{round(value.value):,}"
    if isinstance(value, Term):
        return term(value.key, lang)
    if isinstance(value, Either):
        return ("或" if lang == "zh" else " or ").join(_render(v, lang) for v in value.items)
    if isinstance(value, bool):
        return term("yes" if value else "no", lang)
    if isinstance(value, int | float):
        return format_number(value, lang)
    if isinstance(value, tuple | list):
        # Clauses (phrases) need a stronger separator than words do.
        clauses = bool(value) and all(isinstance(v, Phrase) for v in value)
        sep = ("；" if clauses else "、") if lang == "zh" else ("; " if clauses else ", ")
        return sep.join(_render(v, lang) for v in value)
    return str(value)




_CATALOG: Mapping[Lang, Mapping[str, str]] = {"en": EN, "zh": ZH}





def translate_unit(unit: str, currency: str, lang: Lang) -> str:
    """A unit such as ``h per service`` or ``CNY/month`` in ``lang``."""
    if lang == "en":
        return unit
    key = unit.replace(currency, "{cur}", 1) if currency else unit
    # Chinese prose names the currency (美元/月), as the record's other sentences do.
    name = term(f"currency.{currency}", "zh") if currency else currency
    named = currency if name == f"currency.{currency}" else name
    return ZH_UNITS.get(key, unit).replace("{cur}", named)


def translate_plain(text: str, lang: Lang) -> str:
    """A cost-line label or blast radius in ``lang``; SaaS fee labels keep the vendor's name."""
    if lang == "en":
        return text
    if text in ZH_PLAIN:
        return ZH_PLAIN[text]
    if " fees (" in text:
        vendor, _, model = text.partition(" fees (")
        model = model.removesuffix(")")
        # How the fee is priced, in words; a vendor's own pricing model keeps its name.
        how = {"our estimate": "我们的估计", "quoted": "报价"}.get(model, model)
        return f"{vendor} 费用（{how}）"
    return text
