"""Small helpers the parts of a decision record's data share: phrases and bare numbers.

Pure: no files, no terminal.
"""

from __future__ import annotations

from typing import Any

from gateway_roi.words.i18n import Lang, Phrase, term

__all__ = ["bare_money", "chart_number", "t"]


def t(key: str, lang: Lang, **params: Any) -> str:
    """The catalogue's phrase ``key`` in ``lang``, filled with ``params`` (a term without)."""
    return Phrase(key, params).text(lang) if params else term(key, lang)


def chart_number(x: float) -> str:
    """A plotted value as mermaid reads it: no exponent, no trailing zeros."""
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return text if text not in {"", "-0"} else "0"


def bare_money(amount: float) -> str:
    """Money in a table whose header names the currency: ``1,538,542``, ``-15,004``."""
    return f"{round(amount):,}"
