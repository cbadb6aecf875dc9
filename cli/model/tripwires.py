"""Tripwires: the values at which the verdict would change, found by searching the model.

Pure. Each numeric input is scanned within a factor of ten of today's value and bisected to
the point where the verdict flips; qualitative toggles (ops capacity, a need's level) are
tried one at a time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from gateway_roi.model.changes import format_value
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.inputs import ModelInputs, resolve_inputs
from gateway_roi.model.scenario import GOVERNANCE_NEEDS, Scenario
from gateway_roi.model.verdict import Decision, decide
from gateway_roi.words.i18n import Phrase, Term

__all__ = [
    "Judge",
    "Tripwire",
    "cheapest_feasible",
    "find_breakeven",
    "find_tripwires",
]


@dataclass(frozen=True)
class Tripwire:
    """A value at which the verdict would change, found by searching the model."""

    input: str
    field: str
    current: Any
    threshold: Any
    direction: Literal[">=", "<=", "becomes"]
    option: str
    rule: str
    current_range: tuple[str, str] | None = None
    """The current value as the user wrote it, when that is a range: its two ends."""
    requests: float | None = None
    """For the ``scale`` tripwire: the monthly requests that count as high volume."""

    def phrase(self) -> Phrase:
        """The tripwire as a sentence: ``organisation.services >= 14 (now 9) -> buy (...)``."""
        outcome = {"option": self.option, "rule": self.rule}
        current: Phrase | str = (Phrase("range", dict(zip(("low", "high"), self.current_range,
                                                          strict=True)))
                                 if self.current_range else format_value(self.current))
        if self.input == "ops_capacity":
            return Phrase("tripwire.ops_capacity", outcome)
        if self.input == "ops_capacity_lost":
            return Phrase("tripwire.ops_lost", outcome)
        if self.input == "scale":
            return Phrase("tripwire.scale", {**outcome, "threshold": format_value(self.threshold),
                                             "requests": format_value(self.requests or 0),
                                             "current": current})
        if self.rule == "cheapest":
            return Phrase("tripwire.cheapest", {**outcome, "field": self.field,
                                                "direction": self.direction,
                                                "threshold": format_value(self.threshold),
                                                "current": current})
        if self.direction == "becomes":
            return Phrase("tripwire.need", {**outcome, "need": Term(f"need.{self.input}"),
                                            "level": Term(f"level.{self.threshold}"),
                                            "current": Term(f"level.{self.current}")})
        return Phrase("tripwire", {**outcome, "field": self.field, "direction": self.direction,
                                   "threshold": format_value(self.threshold),
                                   "current": current})

    @property
    def text(self) -> str:
        """The tripwire in plain English words."""
        return self.phrase().text("en")


_NUMERIC_TRIPWIRES: tuple[tuple[str, bool], ...] = (
    # (input name, whole number?)
    ("services", True),
    ("monthly_requests", False),
    ("services_added_per_year", False),
    ("key_rotations_per_year", False),
    ("hours_per_rotation", False),
    ("engineer_hour_cost", False),
    ("downtime_cost_per_service_hour", False),
    ("platform_hour_cost", False),
    ("monthly_provider_spend", False),
    ("self_host_availability", False),
)


# Availabilities are searched through their complement (downtime share): 99.7% -> 99.4% is a
# doubling of downtime, and the value can never pass 100%.
_COMPLEMENTED = frozenset({"self_host_availability", "provider_availability"})


# Tripwires are searched within a factor of ten of today's value (and down to zero): a verdict
# that only flips at 100x today's numbers is no tripwire a team can watch for.
_SCAN_UP = (2.0, 4.0, 10.0)


_SCAN_DOWN = (0.5, 0.25, 0.1)


_BISECT_STEPS = 6


Judge = Callable[[ModelInputs], tuple[str, str]]


def _verdict(mi: ModelInputs) -> tuple[str, str]:
    d = decide(mi, compute_costs(mi))
    return d.option, d.rule


def cheapest_feasible(mi: ModelInputs) -> tuple[str, str]:
    """A judge for break-even searches: the cheapest feasible option (rule ``cheapest``)."""
    costs = compute_costs(mi, detail=False)
    feasible = [o for o in costs.values() if o.feasible] or list(costs.values())
    return min(feasible, key=lambda o: o.total).id, "cheapest"


def _search(mi: ModelInputs, name: str, whole: bool, base: tuple[str, str],
            judge: Judge = _verdict) -> Tripwire | None:
    """The nearest value of ``name`` (within 10x) at which ``judge`` gives another option."""
    x0 = mi.values[name]
    complement = name in _COMPLEMENTED
    y0 = 1.0 - x0 if complement else x0  # the quantity scaled by the search

    def value(y: float) -> float:
        return 1.0 - y if complement else y

    def at(y: float) -> tuple[str, str]:
        return judge(mi.with_values({name: value(y)}))

    best: Tripwire | None = None
    for up in (True, False):
        prev = y0
        found: float | None = None
        outcome = base
        for factor in _SCAN_UP if up else _SCAN_DOWN:
            if y0 <= 0:
                break
            y = y0 * factor
            if complement and y >= 1.0:
                break
            if whole:
                y = float(round(y))
                if y == prev:
                    continue
            outcome = at(y)
            if outcome[0] != base[0]:
                found = y
                break
            prev = y
        if found is None:
            continue
        lo, hi = prev, found  # the option holds at lo, changes at hi
        # Whole numbers are bisected down to neighbours, so the threshold is exact.
        for _ in range(64 if whole else _BISECT_STEPS):
            mid = (lo + hi) / 2
            if whole:
                mid = float(math.floor(mid) if up else math.ceil(mid))
                if mid in (lo, hi):
                    break
            result = at(mid)
            if result[0] != base[0]:
                hi, outcome = mid, result
            else:
                lo = mid
        threshold = hi if whole else _round_towards(hi, lo)
        outcome = at(threshold)
        if outcome[0] == base[0]:
            threshold = hi
            outcome = at(threshold)
        if not y0 / 10.5 <= threshold <= y0 * 10.5:
            continue
        rising = up != complement  # more downtime share means less availability
        x = value(threshold)
        if complement:
            x = float(f"{x:.12g}")
        tw = Tripwire(name, mi.inputs[name].field, x0, x, ">=" if rising else "<=",
                      outcome[0], outcome[1], _written_range(mi, name))
        if best is None or abs(threshold - y0) < abs(_distance(best, complement)):
            best = tw
    return best


def _written_range(mi: ModelInputs, name: str) -> tuple[str, str] | None:
    """The two ends of an input written as a range ("0.5", "1"); None for a number."""
    written = mi.inputs[name].written
    if written is None or written.is_fixed:
        return None
    return format_value(written.low), format_value(written.high)


def _distance(tw: Tripwire, complement: bool) -> float:
    """How far a tripwire lies from today's value, in the searched quantity."""
    if complement:
        return (1.0 - float(tw.threshold)) - (1.0 - float(tw.current))
    return float(tw.threshold) - float(tw.current)


def find_breakeven(mi: ModelInputs, names: Sequence[str],
                   judge: Judge = _verdict) -> tuple[Tripwire, ...]:
    """Break-even values of ``names``: where ``judge``'s answer changes (default: the verdict)."""
    base = judge(mi)
    found = []
    for name in names:
        tw = _search(mi, name, name == "services", base, judge)
        if tw is not None:
            found.append(tw)
    return tuple(found)


def _round_towards(value: float, holding: float) -> float:
    """Round ``value`` to two significant digits, away from ``holding`` (where nothing flips)."""
    if value == 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(abs(value))) - 1)
    rounded = (math.ceil if value > holding else math.floor)(value / step) * step
    return float(f"{rounded:.12g}")


def _toggles(scenario: Scenario) -> list[tuple[str, str, Any, Any, Scenario]]:
    """Qualitative changes worth testing: (input, field, now, then, changed scenario)."""
    out: list[tuple[str, str, Any, Any, Scenario]] = []
    team = scenario.team
    if not (team.platform_team and team.on_call_24x7):
        out.append(("ops_capacity", "team.platform_team + team.on_call_24x7", False, True,
                    scenario.model_copy(update={"team": team.model_copy(
                        update={"platform_team": True, "on_call_24x7": True})})))
    else:
        out.append(("ops_capacity_lost", "team.on_call_24x7", True, False,
                    scenario.model_copy(update={"team": team.model_copy(
                        update={"on_call_24x7": False})})))
    gov = scenario.needs.governance
    for need in GOVERNANCE_NEEDS:
        level = getattr(gov, need)
        target = "no" if level == "required" else "required"
        # Dropping one need of several keeps governance required; only compliance, a wall
        # against buying as well, can still move the verdict then.
        if target == "no" and need != "compliance" and sum(
                lvl == "required" for _, lvl in gov) > 1:
            continue
        needs = scenario.needs.model_copy(
            update={"governance": gov.model_copy(update={need: target})})
        out.append((need, f"needs.governance.{need}", level, target,
                    scenario.model_copy(update={"needs": needs})))
    return out


def find_tripwires(mi: ModelInputs, decision: Decision) -> tuple[Tripwire, ...]:
    """Search the model for the values at which the recommended option would change."""
    base = (decision.option, decision.rule)
    found: list[Tripwire] = []
    for name, whole in _NUMERIC_TRIPWIRES:
        if name == "downtime_cost_per_service_hour" and "downtime_cost_per_hour" in mi.values:
            name = "downtime_cost_per_hour"  # the figure the team gave, for every service
        tw = _search(mi, name, whole, base)
        if tw is not None:
            found.append(tw)
    crit = decision.criteria
    if decision.option in ("buy", "self_host", "build") and not crit.scale.met:
        # Not a change of verdict: the point from which the gateway's fixed cost is spread
        # over enough services and calls.
        found.append(Tripwire("scale", "organisation.services", crit.scale.services,
                              crit.scale.services_threshold, ">=", decision.option,
                              decision.rule, _written_range(mi, "services"),
                              requests=crit.scale.monthly_requests_threshold))
    seen_outcomes: set[tuple[str, str]] = set()
    for name, path, now, then, changed in _toggles(mi.scenario):
        outcome = _verdict(resolve_inputs(changed, facts=mi.facts))
        if outcome[0] != base[0] and (name.startswith("ops_") or outcome not in seen_outcomes):
            seen_outcomes.add(outcome)
            found.append(Tripwire(name, path, now, then, "becomes", outcome[0], outcome[1]))
    return tuple(found)
