"""The answers a field written ``unknown`` may have, and the scenario each combination gives. Pure.

Shared by :mod:`gateway_roi.model.evaluation` (which verdict each answer leads to) and
:mod:`gateway_roi.model.uncertainty` (what knowing an answer is worth), so both enumerate the same
answers the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from gateway_roi.model.fields import attribute_at
from gateway_roi.model.ranges import Range
from gateway_roi.model.scenario import UNKNOWN_NUMBER_RANGES, Scenario

__all__ = ["answer_combinations", "answers", "with_answers"]


def answers(scenario: Scenario, path: str) -> tuple[tuple[str, object], ...]:
    """(as written, value) of each answer an unknown field may have; the assumed one first.

    A number answers at its likely value, then the low and high ends of its range; a yes/no
    field ``false`` then ``true``; a need level ``no`` then ``required``.
    """
    if path in UNKNOWN_NUMBER_RANGES:
        low, likely, high = UNKNOWN_NUMBER_RANGES[path]
        return tuple((f"{x:,.0f}", Range.fixed(x)) for x in (likely, low, high))
    current = attribute_at(scenario, path)
    if isinstance(current, bool):
        return (("false", False), ("true", True))
    return (("no", "no"), ("required", "required"))


def with_answers(scenario: Scenario, changes: Mapping[str, object]) -> Scenario:
    """A copy of ``scenario`` with the values at dotted paths replaced (validated again)."""
    data = scenario.model_dump(mode="python", round_trip=True)
    data.pop("unknown", None)
    if scenario.organisation.engineers_building_with_ai is not None:
        # The dump holds the default services too; the people are what the file said.
        data["organisation"].pop("services", None)
    for path, value in changes.items():
        node = data
        *parents, leaf = path.split(".")
        for part in parents:
            node = node[part]
        node[leaf] = value
    return Scenario.model_validate(data)


def answer_combinations(scenario: Scenario, paths: Sequence[str]
                        ) -> list[tuple[tuple[str, ...], Scenario]]:
    """Each combination of answers to ``paths`` (as written) with the scenario it gives.

    The first combination is the one the verdict assumed (every field at its default); all of
    them, in the order of :func:`itertools.product` (a scenario holds at most
    :data:`gateway_roi.model.scenario.MAX_UNKNOWN_COMBINATIONS`).
    """
    options = [answers(scenario, p) for p in paths]
    combos = itertools.product(*options)
    return [(tuple(written for written, _ in combo),
             with_answers(scenario, {p: value for p, (_, value) in zip(paths, combo,
                                                                       strict=True)}))
            for combo in combos]
