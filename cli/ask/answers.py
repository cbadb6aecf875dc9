"""Reading typed answers, and showing values as a person would type them.

Pure text handling for :mod:`gateway_roi.ask`: numbers (``2M``, ``150k``, ``90/h``, ``99.9%``),
ranges (``5 to 10, likely 7``), months, choices, names and fallback chains. Bounds are not
checked here: the scenario model checks them (:meth:`gateway_roi.ask.session.Questionnaire.check`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from gateway_roi.model.ranges import parse_range
from gateway_roi.model.scenario import UNKNOWABLE_STATIC
from gateway_roi.text import clean_text

if TYPE_CHECKING:
    from gateway_roi.ask.questions import Question

__all__ = [
    "MONEY_UNITS",
    "UNSURE_MARK",
    "Kind",
    "Lookup",
    "clean_answer",
    "clean_float",
    "fits_kind",
    "parse_answer",
    "show_number",
    "show_range",
]

Kind = Literal[
    "number", "percent", "months", "yesno", "level", "choice", "choices", "subset", "text",
    "names", "words", "chains",
]
Lookup = Callable[[str], Any]
"""The current value of an answer key: the answer given, else its default."""

MONEY_UNITS = ("usd",)
"""Units a money answer may carry (the scenario's own currency is added when reading)."""
UNSURE_MARK = "?"
"""After a choice (``batch?``): not known yet whether it is needed."""


_NUM = re.compile(
    r"^([-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)"
    r"\s*(k|m|bn|b|%)?$"
)
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9}
_TO = re.compile(r"\s+to\s+")
_LIKELY = re.compile(r"^(.*?)\s*(?:,|\()?\s*likely\s+([^)]*?)\s*\)?$")
_YES = {"y", "yes", "true"}
_NO = {"n", "no", "false"}
_DONT_KNOW = {"unknown", "don't know", "dont know", "don\u2019t know", "dk", "idk", "not sure"}
"""Answers that leave a fact open where the model can evaluate both answers (``unknown``)."""
_NONE = {"none", "-", "no", "nothing"}
_CURRENCY_SIGNS = "$€£¥"


def clean_answer(text: str) -> str:
    """Typed text without escape sequences (arrow keys), control characters or outer spaces."""
    return clean_text(text).strip()


def clean_float(x: float) -> float | int:
    """Drop binary noise (99.9 / 100) and show whole numbers as int."""
    x = float(f"{x:.12g}")
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def _number(text: str, kind: Kind, units: Sequence[str]) -> float:
    """One number: ``2M``, ``150k``, ``2,000``, ``90/h``, ``$90``, ``99.9%``."""
    t = text.strip().lower()
    stripped = True
    while stripped and t:
        stripped = False
        for unit in sorted(units, key=len, reverse=True):
            if t.endswith(unit) and len(t) > len(unit):
                t = t[: -len(unit)].strip()
                stripped = True
                break
    if t[:1] in _CURRENCY_SIGNS:
        t = t[1:].strip()
    match = _NUM.fullmatch(t)
    if not match:
        raise ValueError(f"cannot read {text.strip()!r} as a number (write e.g. 12, 2.5, 2M, "
                         "150k)")
    value = float(match.group(1).replace(",", "").replace("_", ""))
    suffix = match.group(2)
    if suffix == "%":
        if kind != "percent":
            raise ValueError(f"{text.strip()!r}: a percentage does not fit here; write a number")
        value /= 100
    elif suffix:
        value *= _SCALE[suffix]
    elif kind == "percent" and abs(value) > 1:
        raise ValueError(f"{text.strip()!r}: write a percentage such as {value:g}% (or a "
                         f"fraction such as {value / 100:g})")
    if not math.isfinite(value):
        raise ValueError(f"{text.strip()!r} is not a finite number")
    return clean_float(value)


def _range_answer(text: str, kind: Kind, units: Sequence[str]) -> Any:
    """A number or a range, as a scenario file writes it (checked like the file's loader)."""
    lowered = text.lower()
    likely_text = None
    m = _LIKELY.fullmatch(lowered)
    if m and _TO.search(m.group(1)):
        lowered, likely_text = m.group(1), m.group(2)
    ends = _TO.split(lowered)
    if len(ends) == 1:
        return _number(ends[0], kind, units)
    if len(ends) != 2 or not all(e.strip() for e in ends):
        raise ValueError(f"cannot read {text!r}: write a number or a range such as 5 to 10")
    low, high = (_number(e, kind, units) for e in ends)
    if likely_text is not None:
        likely = _number(likely_text, kind, units)
        rng = parse_range({"low": low, "likely": likely, "high": high})
    else:
        rng = parse_range(f"{low!r} to {high!r}")
    return rng.dump()


def _months(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(y|yr|yrs|year|years|m|mo|month|months)?", text.lower())
    if not m:
        raise ValueError(f"cannot read {text!r}: write months (36) or years (3y)")
    value = float(m.group(1)) * (12 if (m.group(2) or "m").startswith("y") else 1)
    if not value.is_integer():
        raise ValueError(f"{text!r} is not a whole number of months")
    return int(value)


def _pick(text: str, choices: Sequence[str]) -> str:
    """One choice by name, unique beginning of a name, or number."""
    t = text.lower().strip()
    if t.isdigit() and 1 <= int(t) <= len(choices):
        return choices[int(t) - 1]
    if t in choices:
        return t
    starts = [c for c in choices if c.startswith(t)]
    if len(starts) == 1:
        return starts[0]
    if len(starts) > 1:
        raise ValueError(f"{text!r} could be {' or '.join(starts)}: type more of it")
    raise ValueError(f"{text!r} is not one of: {', '.join(choices)}")


def _split(text: str, spaces: bool) -> list[str]:
    parts = re.split(r"[,\s]+" if spaces else r",", text)
    return [p.strip() for p in parts if p.strip()]


def _dedupe(items: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def _chains(text: str, providers: Sequence[str]) -> dict[str, list[str]]:
    if text.lower() in _NONE:
        return {}
    known = {p.casefold(): p for p in providers}
    chains: dict[str, list[str]] = {}
    for chunk in re.split(r"[;\n]", text):
        if not chunk.strip():
            continue
        names = [n.strip() for n in re.split(r"->|>|→", chunk)]
        if len(names) < 2 or not all(names):
            raise ValueError(f"{chunk.strip()!r}: write a chain as provider > fallback "
                             "(> next fallback...)")
        head = known.get(names[0].casefold())
        if head is None:
            raise ValueError(f"{names[0]!r} is not among the providers you named "
                             f"({', '.join(providers)})")
        if head in chains:
            raise ValueError(f"{head} has two chains; give it one: {head} > a > b")
        chains[head] = names[1:]
    return chains


# --- showing values -------------------------------------------------------------------------------


def show_number(x: float, kind: Kind) -> str:
    """A number as a person would type it: ``2M``, ``1,500``, ``30%``."""
    if kind == "percent":
        return f"{x * 100:.10g}%"
    for suffix, factor in (("B", 1e9), ("M", 1e6)):
        if abs(x) >= factor and float(f"{x / factor:.4g}") * factor == x:
            return f"{x / factor:g}{suffix}"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.10g}"


def show_range(value: Any, kind: Kind) -> str:
    """A number or range as a person would type it: ``5 to 10, likely 7``."""
    rng = parse_range(value)
    if rng.kind == "fixed":
        return show_number(rng.likely, kind)
    text = f"{show_number(rng.low, kind)} to {show_number(rng.high, kind)}"
    if rng.kind == "pert":
        text += f", likely {show_number(rng.likely, kind)}"
    return text


def parse_answer(q: Question, text: str, get: Lookup) -> Any:
    """Read typed ``text`` as an answer to ``q`` (bounds are checked later, by the model).

    Raises ValueError with the reason.
    """
    text = clean_answer(text)
    kind = q.kind
    if q.field in UNKNOWABLE_STATIC and text.lower() in _DONT_KNOW:
        return "unknown"
    if text.lower() in _DONT_KNOW and kind in _NO_UNKNOWN and not (
            kind == "subset" and text.casefold() in {
                n.casefold() for n in get("providers.in_use") or ()}):
        raise ValueError(_unsure_message(q))
    if q.allow_none and q.assumption is not None and text.lower() in _NONE:
        return None  # the sourced default
    if kind in ("number", "percent"):
        units = q.units
        if any(u in MONEY_UNITS for u in units):
            units = (*units, str(get("currency")).lower())
        return _range_answer(text, kind, units)
    if kind == "months":
        return _months(text)
    if kind == "yesno":
        lowered = text.lower()
        if lowered in _YES:
            return True
        if lowered in _NO:
            return False
        raise ValueError(f"{text!r}: answer yes or no")
    if kind in ("level", "choice"):
        return _pick(text, q.choices)
    if kind == "choices" and q.items_at:
        return _choices_maybe_unsure(q, text)
    if kind in ("choices", "subset"):
        if text.lower() in _NONE:
            return []
        choices = q.choices if kind == "choices" else tuple(get("providers.in_use") or ())
        folded = {c.casefold(): c for c in choices}
        picked = []
        for part in _split(text, spaces=True):
            if kind == "subset" and part.casefold() in folded:
                picked.append(folded[part.casefold()])
                continue
            try:
                picked.append(_pick(part, choices))
            except ValueError:
                if kind == "subset":
                    raise ValueError(f"{part!r} is not among the providers you named "
                                     f"({', '.join(choices)})") from None
                raise
        return _dedupe(picked)
    if kind in ("names", "words"):
        if q.allow_none and text.lower() in _NONE:
            return []
        names = _split(text, spaces=kind == "words")
        if not names:
            raise ValueError("name at least one")
        return _dedupe(names)
    if kind == "chains":
        return _chains(text, get("providers.in_use") or ())
    if q.key == "currency":
        return text.upper()
    return text


_NO_UNKNOWN: frozenset[Kind] = frozenset(
    {"number", "percent", "months", "yesno", "level", "choice", "subset"})
"""Kinds where "don't know" cannot be a real answer (text and names could be a name)."""


def _unsure_message(q: Question) -> str:
    """Why "don't know" is refused where the scenario format has no ``unknown`` for the field."""
    what = q.shown_as or q.field
    head = (f"{what} cannot be left unknown" if what
            else "this question has no \"don't know\" answer")
    if q.if_unsure:
        return f"{head}: {q.if_unsure}"
    if q.kind in ("number", "percent"):
        return f"{head}: give your best estimate; a range such as 5 to 10 says how unsure you are"
    return f"{head}: answer as best you can (Enter keeps the default)"


def _may_be_unsure(q: Question, choice: str) -> bool:
    """Whether a choice of ``q`` may be answered "don't know" (its field may be unknown)."""
    return bool(q.items_at) and q.items_at.format(choice) in UNKNOWABLE_STATIC


def _choices_maybe_unsure(q: Question, text: str) -> list[str]:
    """Choices picked, each one sure (``batch``) or not known yet (``batch?``)."""
    lowered = text.lower()
    if lowered in _NONE:
        return []
    if lowered in _DONT_KNOW:
        if not all(_may_be_unsure(q, c) for c in q.choices):
            raise ValueError(_unsure_message(q))
        return [f"{c}{UNSURE_MARK}" for c in q.choices]
    picked: dict[str, bool] = {}  # choice -> not known yet
    for part in _split(text.replace(UNSURE_MARK, UNSURE_MARK + " "), spaces=True):
        if part == UNSURE_MARK:
            if not picked:
                raise ValueError(f"{text!r}: put ? right after a name (batch?)")
            part = f"{list(picked)[-1]}{UNSURE_MARK}"
        unsure = part.endswith(UNSURE_MARK)
        choice = _pick(part.removesuffix(UNSURE_MARK).strip(), q.choices)
        if unsure and not _may_be_unsure(q, choice):
            raise ValueError(f"{q.items_at.format(choice)} cannot be left unknown: "
                             f"{q.if_unsure or 'pick it or leave it out'}")
        picked[choice] = picked.get(choice, False) or unsure
    return [f"{c}{UNSURE_MARK}" if picked[c] else c for c in q.choices if c in picked]


def fits_kind(q: Question, value: Any, get: Lookup) -> bool:
    """Whether a stored answer (e.g. from a partial file) has the shape its kind produces."""
    kind = q.kind
    if value == "unknown" and q.field in UNKNOWABLE_STATIC:
        return True
    if kind in ("number", "percent"):
        try:
            parse_range(value)
        except ValueError:
            return False
        return True
    if kind == "months":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "yesno":
        return isinstance(value, bool)
    if kind in ("level", "choice"):
        return value in q.choices
    if kind in ("choices", "subset", "names", "words"):
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return False
        if kind == "choices":
            return all(v in q.choices or (v.endswith(UNSURE_MARK) and _may_be_unsure(
                q, v.removesuffix(UNSURE_MARK)) and v.removesuffix(UNSURE_MARK) in q.choices)
                for v in value)
        if kind == "subset":
            names = {n.casefold() for n in get("providers.in_use") or ()}
            return all(v.casefold() in names for v in value)
        return True
    if kind == "chains":
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
            for k, v in value.items())
    return isinstance(value, str)

