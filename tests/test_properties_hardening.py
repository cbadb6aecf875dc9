"""Monotonicity of the cost model in the prices a team puts on its time and on downtime.

Reuses the scenario strategies of tests/test_properties.py: any scenario, one input raised.
"""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from test_properties import PROPERTY, _costs, _floats, scenario_data

from gateway_roi.model.assumptions import ASSUMPTIONS
from gateway_roi.model.cost_lines import OptionCosts
from gateway_roi.model.evaluation import assess
from gateway_roi.model.ranges import Bounds
from gateway_roi.model.scenario import FIELD_ASSUMPTIONS, MIN_ENGINEERS_PER_SERVICE, Scenario
from gateway_roi.options import OPTION_IDS
from gateway_roi.outputs.formatters.json import evaluation_data

GATEWAYS = ("buy", "self_host", "build")


def _not_lower(after: float, before: float) -> bool:
    return after >= before * (1 - 1e-12) - 1e-9


def _line(option: OptionCosts, line_id: str) -> float:
    totals = [line.total for line in option.lines if line.id == line_id]
    assert len(totals) == 1, (option.id, line_id, [line.id for line in option.lines])
    return totals[0]


@PROPERTY
@given(scenario_data(), _floats(0, 1e6), _floats(0, 1e6))
def test_dearer_engineer_hours_never_cheapen_an_option(data: dict[str, Any], hour: float,
                                                       more: float) -> None:
    """Raising engineer_hour_cost never lowers any option's total."""
    data["team"]["engineer_hour_cost"] = hour
    before = _costs(data)
    data["team"]["engineer_hour_cost"] = hour + more
    after = _costs(data)
    for key in OPTION_IDS:
        assert _not_lower(after[key].total, before[key].total), (key, before[key].total,
                                                                 after[key].total)


@PROPERTY
@given(scenario_data(), _floats(0, 1e6), _floats(0, 1e6))
def test_dearer_downtime_never_lowers_a_downtime_line(data: dict[str, Any], cost: float,
                                                      more: float) -> None:
    """Raising downtime_cost_per_hour never lowers a gateway's or a provider's downtime line."""
    data["reliability"]["downtime_cost_per_hour"] = cost
    before = _costs(data)
    data["reliability"]["downtime_cost_per_hour"] = cost + more
    after = _costs(data)
    for key in GATEWAYS:
        a, b = _line(before[key], "gateway_downtime"), _line(after[key], "gateway_downtime")
        assert _not_lower(b, a), (key, a, b)
    for key in OPTION_IDS:
        a, b = _line(before[key], "provider_downtime"), _line(after[key], "provider_downtime")
        assert _not_lower(b, a), (key, a, b)


# --- anything the fields allow ------------------------------------------------------------------


def _bounds(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...],
                                                                         tuple[float, float]]:
    """Each numeric field's allowed [low, high] (a strict lower bound becomes 1e-300)."""
    out: dict[tuple[str, ...], tuple[float, float]] = {}
    for name, field in model.model_fields.items():
        args = (field.annotation, *getattr(field.annotation, "__args__", ()))
        sub = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if sub is not None and name != "in_use":
            out |= _bounds(sub, (*prefix, name))
            continue
        metadata = [*field.metadata, *(m for a in args for m in getattr(a, "__metadata__", ()))]
        for bound in metadata:
            if isinstance(bound, Bounds):
                low = bound.ge if bound.ge is not None and bound.gt is None else 1e-300
                high = bound.le if bound.le is not None else 1e13
                out[(*prefix, name)] = (float(low), float(high))
    return out


FIELD_BOUNDS = {path: b for path, b in _bounds(Scenario).items() if path != ("assumptions",)}
SHARES = {k for k, a in ASSUMPTIONS.items() if a.unit.startswith(("fraction", "share",
                                                                  "probability"))}


def _anywhere(low: float, high: float) -> st.SearchStrategy[float]:
    """A value in [low, high], the ends themselves often."""
    return st.one_of(st.sampled_from([low, high]), _floats(low, high))


@st.composite
def accepted_data(draw: st.DrawFn) -> dict[str, Any]:
    """A scenario whose every number is anywhere its field allows, the bounds included."""
    data: dict[str, Any] = {"name": "Anything allowed", "horizon_months": draw(st.integers(1, 240)),
                            "currency": "EUR"}
    for path, (low, high) in FIELD_BOUNDS.items():
        if path[-1] in FIELD_ASSUMPTION_NAMES and draw(st.booleans()):
            continue  # left to its default, or overridden by assumptions below
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = draw(_anywhere(low, high))
    data.setdefault("usd_rate", 1.0)
    organisation = data.get("organisation", {})
    if "services" in organisation and "engineers_building_with_ai" in organisation:
        # Two ways to state scale, one at a time (the loader refuses both).
        del organisation[draw(st.sampled_from(["services", "engineers_building_with_ai"]))]
    reliability = data.get("reliability", {})
    if "downtime_cost_per_hour" in reliability and "downtime_cost_per_service_hour" in reliability:
        del reliability[draw(st.sampled_from(["downtime_cost_per_hour",
                                              "downtime_cost_per_service_hour"]))]
    set_fields = {p[-1] for p in FIELD_BOUNDS if _get(data, p) is not None}
    data["assumptions"] = {
        k: draw(_anywhere(MIN_ENGINEERS_PER_SERVICE if k == "engineers_per_ai_service" else 0,
                          1 if k in SHARES else 1e13))
        for k in draw(st.lists(st.sampled_from(sorted(ASSUMPTIONS)), unique=True, max_size=20))
        if k not in set_fields
    }
    return data


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for part in path:
        data = data.get(part, {}) if isinstance(data, dict) else {}
    return data if data != {} else None


FIELD_ASSUMPTION_NAMES = {path.rsplit(".", 1)[-1] for path in FIELD_ASSUMPTIONS}


@PROPERTY
@given(accepted_data())
def test_any_accepted_values_give_finite_costs_and_json(data: dict[str, Any]) -> None:
    """Whatever the fields allow (zeros, bounds, maxima): costs finite and >= 0, JSON renders."""
    scenario = Scenario.model_validate(data)
    ev = assess(scenario, tripwires=False)
    for option in ev.options.values():
        for line in option.lines:
            assert all(math.isfinite(a) and a >= 0 for a in (*line.monthly, line.total)), (
                option.id, line.id)
        assert math.isfinite(option.total) and option.total >= 0
        assert 0 <= option.availability <= 1
    json.dumps(evaluation_data(ev), allow_nan=False)
