"""Tripwires: the values at which the verdict would change, found by searching the model.

Pure. Each numeric input is scanned within a factor of ten of today's value and bisected to
the point where the verdict flips; qualitative toggles (ops capacity, a need's level) are
tried one at a time. Once numpy is loaded (sampling, maps), the numeric search judges its
candidate values through arrays, a stage at a time for every input together (the way the
decision map judges its cells); otherwise one evaluation of the model per value, which costs
less than loading numpy: at each value only the options that read the changed input are costed
again, the others keep today's costs. Both find the same tripwires.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from gateway_roi.model.changes import format_value
from gateway_roi.model.cost_lines import OptionCosts, Timeline
from gateway_roi.model.costs import buy_wall_fixed, compute_costs, option_costs
from gateway_roi.model.inputs import ModelInputs, resolve_inputs
from gateway_roi.model.rules import Criteria, criteria, decide_arrays, verdict_of
from gateway_roi.model.scenario import GOVERNANCE_NEEDS, Scenario
from gateway_roi.model.verdict import Decision
from gateway_roi.options import OPTION_IDS
from gateway_roi.words.i18n import Phrase, Term

__all__ = [
    "Judge",
    "Tripwire",
    "arrays_loaded",
    "at_points",
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
_COMPLEMENTED = frozenset({"self_host_availability", "provider_availability",
                          "vendor_availability", "build_availability", "redactor_availability"})


# Tripwires are searched within a factor of ten of today's value (and down to zero): a verdict
# that only flips at 100x today's numbers is no tripwire a team can watch for.
_SCAN_UP = (2.0, 4.0, 10.0)


_SCAN_DOWN = (0.5, 0.25, 0.1)


_BISECT_STEPS = 6


Judge = Callable[[ModelInputs], tuple[str, str]]
"""The answer at one set of inputs: (option, rule); the search looks for where it changes."""

Outcomes = Callable[[Sequence[tuple[str, float]]], list[tuple[str, str]]]
"""The answers at many points at once, each point one input set to one value (the rest as now)."""

_TREE_DEPTH = _BISECT_STEPS
"""Bisection steps worked out ahead in one array evaluation: every point they could visit."""


def _verdict(mi: ModelInputs) -> tuple[str, str]:
    return verdict_of(mi, compute_costs(mi, detail=False))


def cheapest_feasible(mi: ModelInputs) -> tuple[str, str]:
    """A judge for break-even searches: the cheapest feasible option (rule ``cheapest``)."""
    costs = compute_costs(mi, detail=False)
    feasible = [o for o in costs.values() if o.feasible] or list(costs.values())
    return min(feasible, key=lambda o: o.total).id, "cheapest"


def _point_by_point(mi: ModelInputs, judge: Judge) -> Outcomes:
    """``judge`` at each point in turn: one evaluation of the model per point."""

    def outcomes(points: Sequence[tuple[str, float]]) -> list[tuple[str, str]]:
        return [judge(mi.with_values({name: x})) for name, x in points]

    return outcomes


def at_points(mi: ModelInputs, points: Sequence[tuple[str, float]]) -> ModelInputs:
    """``mi`` over arrays, one element per point: each point one input set to one value.

    Each input a point changes becomes an array holding today's value except at that point,
    with the inputs derived from it following (as :meth:`ModelInputs.with_values` does for one
    change), so one evaluation of the model costs every point at once.
    """
    import numpy as np

    n = len(points)
    columns: dict[str, Any] = {}
    for i, (name, x) in enumerate(points):
        changed = {name: x, **{d: x * factor for d, (source, factor) in mi.derived.items()
                               if source == name and d != name}}
        for key, value in changed.items():
            if key not in columns:
                columns[key] = np.full(n, float(mi.values[key]))
            columns[key][i] = value
    return mi.with_values(columns)


class _Reads(dict[str, Any]):
    """Values that note which of them are read (by subscript or ``get``)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` (noted as read), else ``default``."""
        self.read.add(key)
        return super().get(key, default)


def _verdict_by_point(mi: ModelInputs) -> Outcomes:
    """The verdict at each point in turn, as :func:`_point_by_point` gives it, for less.

    A point changes one input (and the defaults derived from it). Each option's costs at
    today's values are worked out once, noting which inputs that option read (directly or
    through the series of :class:`~gateway_roi.model.cost_lines.Timeline`); at a point, an
    option that read none of the changed inputs has the very same costs (the same scenario,
    facts and values read give the same sums), so only the others are worked out again. A
    search changes the spend, an hourly rate or an availability as often as the services.
    """
    today: dict[str, OptionCosts] = {}
    reads: dict[str, frozenset[str]] = {}
    for option in OPTION_IDS:
        values = _Reads(mi.values)
        noting = replace(mi, values=values)
        today[option] = option_costs(noting, Timeline(noting, detail=False), option)
        reads[option] = frozenset(values.read)

    def judge(name: str, x: float) -> tuple[str, str]:
        point = mi.with_values({name: x})
        changed = {name, *(d for d, (source, _) in mi.derived.items() if source == name)}
        tl = Timeline(point, detail=False)
        costs: dict[str, OptionCosts] = {
            option: today[option] if changed.isdisjoint(reads[option])
            else option_costs(point, tl, option) for option in OPTION_IDS}
        return verdict_of(point, costs)

    def outcomes(points: Sequence[tuple[str, float]]) -> list[tuple[str, str]]:
        return [judge(name, x) for name, x in points]

    return outcomes


def _through_arrays(mi: ModelInputs, base: Criteria) -> Outcomes:
    """The verdict at every point in one evaluation of the model over arrays.

    Each input a point changes becomes an array holding today's value except at that point
    (with the inputs derived from it following, as :meth:`ModelInputs.with_values` does for one
    change); :func:`decide_arrays` applies the one decision table to every element, the
    qualitative facts taken from ``base``, the criteria at today's values.
    """

    def outcomes(points: Sequence[tuple[str, float]]) -> list[tuple[str, str]]:
        if not points:
            return []
        import numpy as np

        n = len(points)
        cells = at_points(mi, points)
        v = decide_arrays(cells, compute_costs(cells, detail=False), base=base)
        return list(zip(np.broadcast_to(v.option, (n,)).tolist(),
                        np.broadcast_to(v.rule, (n,)).tolist(), strict=True))

    return outcomes


def _verdicts(mi: ModelInputs, base: Criteria | None = None) -> tuple[Outcomes, int]:
    """How to judge many points of ``mi`` by the verdict, and how many steps to ask at once.

    Through arrays when they decide exactly as one evaluation per point would.
    """
    if not buy_wall_fixed(mi):
        # Which plan buying prices (and so whether it leaves a need unmet) moves with the
        # numbers: only a whole evaluation per point tells.
        return _verdict_by_point(mi), 1
    if base is None:
        costs = compute_costs(mi, detail=False)
        base = criteria(mi, costs)
    return _through_arrays(mi, base), _TREE_DEPTH


@dataclass
class _Probe:
    """The search of one input in one direction, from today's value outwards."""

    name: str
    whole: bool
    up: bool
    scan: list[float]
    """Values tried in turn (in the searched quantity) until the option changes."""
    lo: float = 0.0
    """The last value at which the option holds."""
    hi: float = 0.0
    """The first value found at which it changes."""
    steps: int = 0

    @property
    def max_steps(self) -> int:
        # Whole numbers are bisected down to neighbours, so the threshold is exact.
        return 64 if self.whole else _BISECT_STEPS

    def mid(self, lo: float, hi: float) -> float | None:
        """The next point of the bisection between ``lo`` and ``hi`` (None: nothing between)."""
        mid = (lo + hi) / 2
        if self.whole:
            mid = float(math.floor(mid) if self.up else math.ceil(mid))
            if mid in (lo, hi):
                return None
        return mid

    def ahead(self, lo: float, hi: float, depth: int) -> list[float]:
        """Every point the next ``depth`` bisection steps from (lo, hi) could visit."""
        if depth == 0:
            return []
        mid = self.mid(lo, hi)
        if mid is None:
            return []
        return [mid, *self.ahead(lo, mid, depth - 1), *self.ahead(mid, hi, depth - 1)]


def _search(mi: ModelInputs, names: Sequence[tuple[str, bool]], base: tuple[str, str],
            outcomes: Outcomes, depth: int) -> list[Tripwire]:
    """For each (input, whole number?) of ``names``: the nearest value where the option changes.

    None for an input when the option holds within 10x of today's value. Each input is scanned
    outwards from today's value, up and down, then bisected between the last value that holds
    and the first that does not; a threshold is rounded to two significant digits away from
    where the option holds, when the option still changes there. Every point a stage needs,
    for every input and direction, is judged in one call of ``outcomes``; the bisection asks
    ``depth`` steps ahead at once (1: one evaluation per value, as a plain search would).
    """
    known: dict[str, dict[float, tuple[str, str]]] = {name: {} for name, _ in names}

    def complement(name: str) -> bool:
        return name in _COMPLEMENTED

    def value(name: str, y: float) -> float:
        return 1.0 - y if complement(name) else y

    def y0_of(name: str) -> float:
        x0: float = mi.values[name]
        return 1.0 - x0 if complement(name) else x0  # the quantity scaled by the search

    def ask(wanted: Sequence[tuple[str, float]]) -> None:
        todo = list(dict.fromkeys((n, y) for n, y in wanted if y not in known[n]))
        for (name, y), outcome in zip(todo, outcomes([(n, value(n, y)) for n, y in todo]),
                                      strict=True):
            known[name][y] = outcome

    probes: list[_Probe] = []
    for name, whole in names:
        y0 = y0_of(name)
        for up in (True, False):
            scan: list[float] = []
            prev = y0
            for factor in _SCAN_UP if up else _SCAN_DOWN:
                if y0 <= 0:
                    break
                y = y0 * factor
                if complement(name) and y >= 1.0:
                    break
                if whole:
                    y = float(round(y))
                    if y == prev:
                        continue
                scan.append(y)
                prev = y
            probes.append(_Probe(name, whole, up, scan))
    bracketed: list[_Probe] = []
    scanning = {id(p): (p, 0, y0_of(p.name)) for p in probes if p.scan}
    while scanning:
        # Through arrays every scan value at once; point by point only the next one of each.
        ask([(p.name, y) for p, i, _ in scanning.values()
             for y in (p.scan[i:] if depth > 1 else p.scan[i:i + 1])])
        for key, (p, i, prev) in list(scanning.items()):
            del scanning[key]
            for j in range(i, len(p.scan)):
                y = p.scan[j]
                if y not in known[p.name]:
                    scanning[key] = (p, j, prev)  # judged in the next round
                    break
                if known[p.name][y][0] != base[0]:
                    p.lo, p.hi = prev, y  # the option holds at lo, changes at hi
                    bracketed.append(p)
                    break
                prev = y
    bracketed.sort(key=probes.index)

    def walk(p: _Probe) -> bool:
        """Bisect as far as the points judged so far allow; True when the bisection is done."""
        table = known[p.name]
        while p.steps < p.max_steps:
            mid = p.mid(p.lo, p.hi)
            if mid is None:
                return True
            if mid not in table:
                return False
            if table[mid][0] != base[0]:
                p.hi = mid
            else:
                p.lo = mid
            p.steps += 1
        return True

    active = [p for p in bracketed if not walk(p)]
    while active:
        ask([(p.name, y) for p in active
             for y in p.ahead(p.lo, p.hi, min(depth, p.max_steps - p.steps))])
        active = [p for p in active if not walk(p)]

    def rounded(p: _Probe) -> float:
        return p.hi if p.whole else _round_towards(p.hi, p.lo)

    ask([(p.name, rounded(p)) for p in bracketed])
    best: dict[str, Tripwire] = {}
    for p in bracketed:
        threshold = rounded(p)
        outcome = known[p.name][threshold]
        if outcome[0] == base[0]:
            threshold = p.hi
            outcome = known[p.name][threshold]
        y0 = y0_of(p.name)
        if not y0 / 10.5 <= threshold <= y0 * 10.5:
            continue
        rising = p.up != complement(p.name)  # more downtime share means less availability
        x = value(p.name, threshold)
        if complement(p.name):
            x = float(f"{x:.12g}")
        tw = Tripwire(p.name, mi.inputs[p.name].field, mi.values[p.name], x,
                      ">=" if rising else "<=", outcome[0], outcome[1],
                      _written_range(mi, p.name))
        # The nearer of the two directions; up wins a tie, being searched first.
        if p.name not in best or abs(threshold - y0) < abs(_distance(best[p.name],
                                                                     complement(p.name))):
            best[p.name] = tw
    return [best[name] for name, _ in names if name in best]


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


def find_breakeven(mi: ModelInputs, names: Sequence[str], judge: Judge | None = None, *,
                   arrays: bool | None = None) -> tuple[Tripwire, ...]:
    """Break-even values of ``names``: where ``judge``'s answer changes (default: the verdict).

    The verdict's are searched through arrays as :func:`find_tripwires` says for ``arrays``;
    another judge's one evaluation per value.
    """
    if judge is None:
        base = _verdict(mi)
        if arrays is None:
            arrays = arrays_loaded()
        outcomes, depth = _verdicts(mi) if arrays else (_verdict_by_point(mi), 1)
    else:
        base = judge(mi)
        outcomes, depth = _point_by_point(mi, judge), 1
    return tuple(_search(mi, [(name, name == "services") for name in names], base, outcomes,
                         depth))


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
    missing = [f"team.{leaf}" for leaf in ("platform_team", "on_call_24x7")
               if not getattr(team, leaf)]
    # When only answers written unknown are missing, their branches already say what a
    # rotation would change.
    if missing and not all(path in scenario.unknown for path in missing):
        out.append(("ops_capacity", "team.platform_team + team.on_call_24x7", False, True,
                    scenario.model_copy(update={"team": team.model_copy(
                        update={"platform_team": True, "on_call_24x7": True})})))
    elif not missing:
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


def arrays_loaded() -> bool:
    """True once numpy is imported: from then on the array search is the cheaper one.

    Importing numpy costs more than searching a scenario point by point, so a run that has
    no other use for it (``evaluate --draws 0``) searches without it. Either way the tripwires
    are the same; only the time differs.
    """
    return "numpy" in sys.modules


def find_tripwires(mi: ModelInputs, decision: Decision, *,
                   arrays: bool | None = None) -> tuple[Tripwire, ...]:
    """Search the model for the values at which the recommended option would change.

    ``arrays`` True: the candidate values of every input are judged through arrays, a stage at
    a time (:func:`_search`); False: one evaluation of the model per value, the reference the
    array search is tested against. None: through arrays when numpy is loaded already
    (:func:`arrays_loaded`). The tripwires are the same either way.
    """
    base = (decision.option, decision.rule)
    names = [("downtime_cost_per_hour" if name == "downtime_cost_per_service_hour"
              and "downtime_cost_per_hour" in mi.values else name, whole)
             for name, whole in _NUMERIC_TRIPWIRES]  # the figure the team gave, for every service
    if arrays is None:
        arrays = arrays_loaded()
    outcomes, depth = (_verdicts(mi, decision.criteria) if arrays
                       else (_verdict_by_point(mi), 1))
    found = _search(mi, names, base, outcomes, depth)
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
