"""Numeric inputs written as ranges: a number, ``"low to high"`` or ``{low, likely, high}``.

:class:`Range` is the parsed value; :class:`Bounds` is the pydantic metadata that parses a field
into one and checks both ends (``Annotated[Range, Bounds(ge=0, le=100)]``), and gives the JSON
Schema its three accepted forms. Pure: no files, no terminal.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

__all__ = ["Bounds", "Range", "RangeKind", "parse_range"]

RangeKind = Literal["fixed", "pert", "interval90"]


@dataclass(frozen=True)
class Range:
    """A numeric input: a single value or a range with a most likely value.

    ``kind`` says how it was written: ``fixed`` (a number), ``pert`` (``{low, likely, high}``)
    or ``interval90`` (``"low to high"``, read as a 90% interval whose likely value is its
    midpoint: one rule, continuous in both ends, so ``"0 to 2"`` and ``"0.01 to 2"`` agree).
    """

    low: float
    likely: float
    high: float
    kind: RangeKind = "fixed"

    @classmethod
    def fixed(cls, value: float) -> Range:
        """A range of zero width."""
        return cls(value, value, value, "fixed")

    @property
    def is_fixed(self) -> bool:
        """True when the range has zero width."""
        return self.low == self.high

    def dump(self) -> float | str | dict[str, float]:
        """The form a user writes, so load -> dump -> load gives the same range."""
        if self.kind == "fixed":
            return _plain(self.likely)
        if self.kind == "interval90":
            return f"{_plain(self.low)} to {_plain(self.high)}"
        return {"low": _plain(self.low), "likely": _plain(self.likely), "high": _plain(self.high)}

    def __str__(self) -> str:
        """Human form: ``5`` or ``5 to 10 (likely 7.1)``."""
        if self.is_fixed:
            return f"{_plain(self.likely):g}"
        return f"{self.low:g} to {self.high:g} (likely {self.likely:.4g})"


def _plain(x: float) -> float:
    """Whole numbers as int so YAML and JSON show ``5`` rather than ``5.0``."""
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


_NUMBER = r"[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_INTERVAL = re.compile(rf"^\s*({_NUMBER})\s+to\s+({_NUMBER})\s*$")
_RANGE_HELP = 'write a number, "low to high" (e.g. "5 to 10") or {low: 5, likely: 7, high: 10}'


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, got {_describe(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"{what} is far too large a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, got {value}")
    return number


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true/false (a yes/no answer)"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def parse_range(value: object) -> Range:
    """Read a number, ``"a to b"`` or ``{low, likely, high}`` into a :class:`Range`.

    Raises ValueError with a message fit for users.
    """
    if isinstance(value, Range):
        return value
    if isinstance(value, str):
        match = _INTERVAL.fullmatch(value)
        if not match:
            raise ValueError(f"cannot read {value!r} as a number or range: {_RANGE_HELP}")
        low, high = (float(g) for g in match.groups())
        if not (math.isfinite(low) and math.isfinite(high)):
            raise ValueError(f"range {value!r} must have finite ends")
        if low > high:
            raise ValueError(f"range {value!r} has its low end above its high end")
        if low == high:
            return Range.fixed(low)
        # Halves first: low + high can overflow near the largest float.
        likely = low / 2 + high / 2
        return Range(low, min(max(likely, low), high), high, "interval90")
    if isinstance(value, dict):
        keys = set(value)
        if keys != {"low", "likely", "high"}:
            wrong = sorted(str(k) for k in keys - {"low", "likely", "high"})
            missing = sorted({"low", "likely", "high"} - keys)
            detail = f"unknown key(s) {', '.join(wrong)}" if wrong else ""
            if missing:
                detail += ("; " if detail else "") + f"missing {', '.join(missing)}"
            raise ValueError(f"a range needs exactly low, likely and high ({detail})")
        low, likely, high = (_number(value[k], k) for k in ("low", "likely", "high"))
        if not low <= likely <= high:
            raise ValueError(f"a range needs low <= likely <= high, got {low:g}, {likely:g}, {high:g}")
        return Range(low, likely, high, "pert" if low != high else "fixed")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number or a range, got {_describe(value)}: {_RANGE_HELP}")
    return Range.fixed(_number(value, "value"))


def _bounds_text(ge: float | None, gt: float | None, le: float | None) -> str:
    parts = []
    if gt is not None:
        parts.append(f"above {gt:g}")
    elif ge is not None:  # a strict lower bound already says it all
        parts.append(f"at least {ge:g}")
    if le is not None:
        parts.append(f"at most {le:g}")
    return " and ".join(parts)


@dataclass(frozen=True)
class Bounds:
    """Pydantic metadata that validates a :class:`Range` field and checks both of its ends.

    Use as ``Annotated[Range, Bounds(ge=0, le=100)]``.
    """

    ge: float | None = 0
    gt: float | None = None
    le: float | None = None
    unit: str = ""

    def validate(self, value: object) -> Range:
        """Parse ``value`` and check its ends against the bounds."""
        try:
            parsed = parse_range(value)
        except ValueError as exc:
            if "finite" in str(exc) or "too large" in str(exc):
                raise ValueError(f"{exc}; allowed values are {self.allowed}") from None
            raise
        for end in {parsed.low, parsed.high}:
            if not self.admits(end):
                raise ValueError(f"{end:g} is out of range: allowed values are {self.allowed}")
        return parsed

    @property
    def allowed(self) -> str:
        """The allowed values in words: ``at least 0 and at most 1``."""
        return _bounds_text(self.ge, self.gt, self.le)

    def admits(self, value: float) -> bool:
        """True when ``value`` is within the bounds."""
        if self.gt is not None:
            if value <= self.gt:
                return False
        elif self.ge is not None and value < self.ge:
            return False
        return self.le is None or value <= self.le

    def clip_low(self) -> float | None:
        """The lowest value a sample may take (a strict bound is approached, not reached)."""
        if self.gt is not None:
            return math.nextafter(self.gt, math.inf)
        return self.ge

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        """Validate with :meth:`validate`; serialise to the form the user wrote."""
        return core_schema.no_info_plain_validator_function(
            self.validate,
            serialization=core_schema.plain_serializer_function_ser_schema(_dump_range),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        """A number, a "low to high" string or a {low, likely, high} mapping."""
        number: dict[str, Any] = {"type": "number"}
        if self.gt is not None:
            number["exclusiveMinimum"] = self.gt
        elif self.ge is not None:
            number["minimum"] = self.ge
        if self.le is not None:
            number["maximum"] = self.le
        return {
            "anyOf": [
                number,
                {"type": "string", "pattern": _INTERVAL.pattern, "description": "90% interval"},
                {
                    "type": "object",
                    "properties": dict.fromkeys(("low", "likely", "high"), number),
                    "required": ["low", "likely", "high"],
                    "additionalProperties": False,
                },
            ],
            **({"description": f"unit: {self.unit}"} if self.unit else {}),
        }


def _dump_range(value: Range) -> float | str | dict[str, float]:
    return value.dump()
