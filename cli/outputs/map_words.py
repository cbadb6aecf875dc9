"""A decision map in words for people: axes, values, boundaries and facet panels. Pure.

The map's JSON and CSV keep field paths and option ids; the terminal map, the picture and a
record's map section name the inputs in words (``requests a month``), show shares of one as
percentages (``99.9%``) and, in Chinese, the options and facet values in Chinese.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from gateway_roi.model.decision_map import about
from gateway_roi.words.i18n import Lang, term, translate_unit
from gateway_roi.words.inputs import input_words

if TYPE_CHECKING:
    from gateway_roi.model.decision_map import Axis, Line, Segment

__all__ = ["axis_label", "facet_label", "is_share", "line_heading_words", "line_words",
           "option_word", "value_words"]

_SHARES = ("fraction", "share", "probability")
_EN_RATES = (("/yr", " a year"), ("/month", " a month"), ("/week", " a week"), ("/s", " a second"))


def is_share(axis: Axis) -> bool:
    """True for an axis over a share of one (an availability, a share of services)."""
    return axis.unit.startswith(_SHARES)


def _unit(axis: Axis, currency: str, lang: Lang) -> str:
    if not axis.unit or is_share(axis):
        return ""
    unit = axis.unit.replace("{cur}", currency)
    if lang == "zh":
        return translate_unit(unit, currency, "zh")
    for short, long in _EN_RATES:
        if unit.endswith(short) and not (currency and unit.startswith(currency)):
            unit = unit[: -len(short)] + long
    return unit


def axis_label(axis: Axis, currency: str, lang: Lang = "en") -> str:
    """``requests a month``, ``engineer hour cost (CNY/h)``, ``provider availability (%)``."""
    words = input_words(axis.words or axis.input, lang)
    unit = "%" if is_share(axis) else _unit(axis, currency, lang)
    # A count whose name says what it counts (services, requests a month) needs no unit.
    counted = axis.unit.split("/")[0].split(" ")[0]
    if not unit or (counted and counted in input_words(axis.words or axis.input, "en")):
        return words
    return f"{words}（{unit}）" if lang == "zh" else f"{words} ({unit})"


def value_words(value: float, axis: Axis, currency: str = "", lang: Lang = "en",
                unit: bool = True) -> str:
    """A value on ``axis`` as a reader writes it: ``99.9%``, ``14 services``, ``2.3M``."""
    if is_share(axis):
        return f"{float(f'{value * 100:.4g}'):g}%"
    text = about(value, axis.whole)
    shown = _unit(axis, currency, lang) if unit else ""
    return f"{text} {shown}" if shown else text


def option_word(option: str, lang: Lang = "en") -> str:
    """An option as a map names it: its id in English, its short name in Chinese."""
    return term(f"option_name.{option}", lang)


def _merged(segments: tuple[Segment, ...]) -> list[Segment]:
    # Words follow the option: a change of rule alone does not change what a team does.
    out: list[Segment] = []
    for seg in segments:
        if out and out[-1].option == seg.option:
            out[-1] = replace(out[-1], end=seg.end)
        else:
            out.append(seg)
    return out


def line_words(line: Line, currency: str = "", lang: Lang = "en") -> str:
    """Where the verdict changes along a line: ``automate until about 14 services; buy beyond``."""
    along = line.along
    segs = _merged(line.segments)
    zh = lang == "zh"

    def at(v: float) -> str:
        return f"{'约' if zh else 'about'} {value_words(v, along, currency, lang)}"

    low = value_words(along.low, along, currency, lang, unit=False)
    high = value_words(along.high, along, currency, lang)
    first = option_word(segs[0].option, lang)
    if len(segs) == 1:
        return (f"全程都是{first}（{low} 至 {high}）" if zh
                else f"{first} throughout ({low} to {high})")
    if zh:
        parts = [f"{first}，直到{at(segs[1].start)}"]
        for prev, seg in zip(segs[1:-1], segs[2:], strict=True):
            parts.append(f"从{at(prev.start)}到{at(seg.start)}为{option_word(prev.option, lang)}")
        parts.append(f"再往上为{option_word(segs[-1].option, lang)}")
        return "；".join(parts)
    parts = [f"{first} until {at(segs[1].start)}"]
    for prev, seg in zip(segs[1:-1], segs[2:], strict=True):
        parts.append(f"{prev.option} from {at(prev.start)} to {at(seg.start)}")
    parts.append(f"{segs[-1].option} beyond")
    return "; ".join(parts)


def line_heading_words(line: Line, currency: str = "", lang: Lang = "en") -> str:
    """Which line a description is about: ``at 800k requests a month (this scenario's)``."""
    held = line.held
    value = value_words(held.current, held, currency, lang)
    words = input_words(held.words or held.input, lang)
    if lang == "zh":
        return f"{words}为 {value}（本场景的值）时"
    counted = held.unit.split("/")[0].split(" ")[0]
    if counted and counted in input_words(held.words or held.input, "en") and not is_share(held):
        return f"at {value} (this scenario's)"
    return f"with {words} at {value} (this scenario's)"


_FACET_FIELDS = {"team.platform_team": "facet.platform_team",
                 "team.on_call_24x7": "facet.on_call_24x7", "buy.vendor": "facet.vendor"}


def facet_label(field: str, value: str | None, lang: Lang = "en") -> str:
    """A facet panel's label in words: ``cost attribution by project or key: required``."""
    section, _, name = field.rpartition(".")
    if field in _FACET_FIELDS:
        words = term(_FACET_FIELDS[field], lang)
    elif section == "needs.governance":
        words = term(f"need.{name}", lang)
    elif section == "needs.routing":
        words = term("facet.routing", lang) + " " + term(f"routing.{name}", lang)
    elif section == "needs.pains":
        words = term(f"pain.{name}", lang)
    else:
        words = field
    if value in ("true", "false"):
        shown = term("yes" if value == "true" else "no", lang)
    elif value in ("required", "nice", "no"):
        shown = term(f"level_short.{value}", lang)  # a panel title is narrow
    else:
        shown = value or ""
    return f"{words}：{shown}" if lang == "zh" else f"{words}: {shown}"
