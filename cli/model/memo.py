"""Remembering what a function worked out from the same objects: the scenario's requirements.

A tripwire search evaluates the model some sixty times for one scenario, a batch once or twice
for each of thousands; what the model reads from the scenario alone (its required needs, the
plans it may choose among, each provider's share of the calls) comes out the same every time.
:func:`same_objects` remembers a function's answer for the very objects it was given (by
identity, not by value: a scenario is frozen, so the same object always gives the same answer,
and a changed copy, as the tripwire toggles make, is another object). Answers must not be
changed by their callers: they are tuples and frozensets.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

__all__ = ["same_objects"]

P = ParamSpec("P")
R = TypeVar("R")

_SIZE = 32
"""Answers kept per function: a batch moves on from one scenario to the next, a search keeps
one scenario and its few toggled copies."""


def same_objects(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn``, remembering its answer for the same argument objects (compared by identity).

    The arguments are kept alive with the answer, so an object's id cannot be taken by another
    while it is remembered; at most :data:`_SIZE` answers are kept.
    """
    cache: dict[tuple[Any, ...], tuple[tuple[Any, ...], R]] = {}

    @functools.wraps(fn)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> R:
        if len(args) == 1 and not kwargs:  # most are the scenario's alone: the short way
            hit = cache.get((id(args[0]),))
            if hit is not None and hit[0][0] is args[0]:
                return hit[1]
        given = (*args, *kwargs.values())
        key = (*map(id, given), *kwargs)
        hit = cache.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], given, strict=True)):
            return hit[1]
        if len(cache) >= _SIZE:
            cache.clear()
        answer = fn(*args, **kwargs)
        cache[key] = (given, answer)
        return answer

    return remembered
