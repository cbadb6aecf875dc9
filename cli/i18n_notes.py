"""Chinese forms of the prose inside cost formulas, formula notes and default figures' sources.

Pure. The cost model and the defaults write these in English; a Chinese record shows every
sentence a reader reads in Chinese, keeping identifiers (``engineer_hour_cost``), issue numbers
and the titles of cited works as they are.
"""

from __future__ import annotations

from collections.abc import Mapping

from cli.i18n import Lang

__all__ = ["translate_note", "untranslated"]

_ZH_NOTES: Mapping[str, str] = {}


def translate_note(text: str, lang: Lang) -> str:
    """A formula, note or source in ``lang`` (English text is returned as it is)."""
    if lang == "en" or not text:
        return text
    return _ZH_NOTES.get(text, text)


def untranslated(texts: list[str]) -> list[str]:
    """Those of ``texts`` that have no Chinese form yet (for tests and maintainers)."""
    return [t for t in texts if t and t not in _ZH_NOTES]
