"""The tripwire search through arrays finds what the search point by point finds (issue 26).

The array search judges every input's candidate values together, a stage at a time; the
reference here is the search as it was before, one whole evaluation of the model per value,
written out step by step. Both must give the same tripwires, to the last digit, for the bundled
scenarios and for random ones: the same thresholds, directions, options and rules. So must the
search point by point, which keeps the options a point's change does not reach.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from test_properties import scenario_data

from gateway_roi.files.loading import load_scenario_file, load_scenario_text
from gateway_roi.model import tripwires as tw_module
from gateway_roi.model.costs import buy_wall_fixed, compute_costs
from gateway_roi.model.evaluation import assess
from gateway_roi.model.inputs import ModelInputs
from gateway_roi.model.scenario import Scenario
from gateway_roi.model.tripwires import Tripwire, find_breakeven, find_tripwires
from gateway_roi.model.verdict import decide

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


def _verdict(mi: ModelInputs) -> tuple[str, str]:
    d = decide(mi, compute_costs(mi))
    return d.option, d.rule


def _reference(mi: ModelInputs, name: str, whole: bool,
               base: tuple[str, str]) -> Tripwire | None:
    """The search of one input as it was: scan out, bisect, round; one evaluation per value."""
    x0 = mi.values[name]
    complement = name in tw_module._COMPLEMENTED
    y0 = 1.0 - x0 if complement else x0

    def value(y: float) -> float:
        return 1.0 - y if complement else y

    def at(y: float) -> tuple[str, str]:
        return _verdict(mi.with_values({name: value(y)}))

    best: Tripwire | None = None
    for up in (True, False):
        prev = y0
        found: float | None = None
        for factor in tw_module._SCAN_UP if up else tw_module._SCAN_DOWN:
            if y0 <= 0:
                break
            y = y0 * factor
            if complement and y >= 1.0:
                break
            if whole:
                y = float(round(y))
                if y == prev:
                    continue
            if at(y)[0] != base[0]:
                found = y
                break
            prev = y
        if found is None:
            continue
        lo, hi = prev, found
        for _ in range(64 if whole else tw_module._BISECT_STEPS):
            mid = (lo + hi) / 2
            if whole:
                mid = float(math.floor(mid) if up else math.ceil(mid))
                if mid in (lo, hi):
                    break
            if at(mid)[0] != base[0]:
                hi = mid
            else:
                lo = mid
        threshold = hi if whole else tw_module._round_towards(hi, lo)
        outcome = at(threshold)
        if outcome[0] == base[0]:
            threshold = hi
            outcome = at(threshold)
        if not y0 / 10.5 <= threshold <= y0 * 10.5:
            continue
        x = value(threshold)
        if complement:
            x = float(f"{x:.12g}")
        tw = Tripwire(name, mi.inputs[name].field, x0, x,
                      ">=" if up != complement else "<=", outcome[0], outcome[1],
                      tw_module._written_range(mi, name))
        if best is None or abs(threshold - y0) < abs(tw_module._distance(best, complement)):
            best = tw
    return best


def _numeric(tripwires: tuple[Tripwire, ...]) -> list[Tripwire]:
    return [t for t in tripwires if t.direction != "becomes" and t.input != "scale"]


def _agree(scenario: Scenario) -> None:
    """Arrays, point by point and the reference give the same tripwires and break-even values."""
    ev = assess(scenario, tripwires=False)
    mi, decision = ev.inputs, ev.decision
    through_arrays = find_tripwires(mi, decision, arrays=True)
    assert through_arrays == find_tripwires(mi, decision, arrays=False)
    base = (decision.option, decision.rule)
    names = [("downtime_cost_per_hour" if n == "downtime_cost_per_service_hour"
              and "downtime_cost_per_hour" in mi.values else n, whole)
             for n, whole in tw_module._NUMERIC_TRIPWIRES]
    reference = [t for n, whole in names if (t := _reference(mi, n, whole, base)) is not None]
    assert _numeric(through_arrays) == reference
    assert _numeric(find_tripwires(mi, decision, arrays=False)) == reference
    ranged = [n for n, _ in names if mi.inputs[n].written is not None][:4]
    assert (find_breakeven(mi, ranged, arrays=True)
            == find_breakeven(mi, ranged, arrays=False))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_scenarios_same_tripwires_through_arrays(path: Path) -> None:
    """Each bundled scenario's tripwires, searched through arrays, are those found one by one."""
    _agree(load_scenario_file(path))


def test_plan_that_moves_the_customization_wall_is_searched_point_by_point() -> None:
    """When the plan priced decides whether buying leaves a need unmet, arrays cannot tell (they
    take that wall from today's values): the search still finds the reference's tripwires."""
    scenario = load_scenario_text(
        "name: s\norganisation: {services: 20, monthly_requests: 10000000}\n"
        "buy: {vendor: kong}\nneeds: {governance: {cost_attribution: required}}\n", "s.yaml")
    ev = assess(scenario, tripwires=False)
    assert not buy_wall_fixed(ev.inputs)
    _agree(scenario)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data())
def test_random_scenarios_same_tripwires_through_arrays(data: dict[str, Any]) -> None:
    """Any scenario's tripwires, searched through arrays, are those found one by one."""
    _agree(Scenario.model_validate(data))
