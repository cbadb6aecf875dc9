"""Numbers or arrays of draws: the few operations that differ between a float and an array.

The cost model runs on plain floats (one evaluation) and on numpy arrays (one value per Monte
Carlo draw or decision-map cell) through the same code; these helpers are where the two differ.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = [
    "ceil",
    "num",
    "is_scalar",
    "maximum",
    "minimum",
]


_SCALARS = (int, float)


def is_scalar(x: object) -> bool:
    """True for a plain number, False for an array of draws or cells."""
    return isinstance(x, _SCALARS)  # a tuple: faster than int | float in this hot path


def minimum(a: Any, b: Any) -> Any:
    """The smaller of two numbers, element by element for arrays."""
    if isinstance(a, _SCALARS):  # is_scalar, inlined: called for every month of every line
        return min(a, b) if isinstance(b, _SCALARS) else b.clip(None, a)
    return a.clip(None, b)


def maximum(a: Any, b: Any) -> Any:
    """The larger of two numbers, element by element for arrays."""
    if isinstance(a, _SCALARS):  # is_scalar, inlined: called for every month of every line
        return max(a, b) if isinstance(b, _SCALARS) else b.clip(a, None)
    return a.clip(b, None)


def num(x: Any, spec: str) -> str:
    """A number for a formula or note; for an array of draws, a word instead."""
    return format(x, spec) if is_scalar(x) else "(varies by draw)"


def ceil(x: Any) -> Any:
    """Round up, element by element for arrays."""
    if is_scalar(x):
        return math.ceil(x)
    if type(x).__name__ == "ndarray":
        # numpy is loaded (x is one of its arrays): its ceil gives what -((-x) // 1) gives for
        # finite numbers, 0.0 included, some ten times faster than a floor division.
        import numpy as np

        return np.ceil(x)
    return -((-x) // 1)
