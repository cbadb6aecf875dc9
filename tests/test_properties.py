"""Properties that hold for any scenario: costs are sane, rules respond to the right things only."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway_roi.files.loading import dump_scenario, load_scenario_text
from gateway_roi.model.cost_lines import OptionCosts
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.evaluation import assess
from gateway_roi.model.facts import bundled_facts
from gateway_roi.model.inputs import resolve_inputs
from gateway_roi.model.scenario import GOVERNANCE_NEEDS, PAINS, ROUTING_NEEDS, Scenario

PROPERTY = settings(suppress_health_check=[HealthCheck.too_slow])

LEVELS = st.sampled_from(["required", "nice", "no"])
NOT_REQUIRED = st.sampled_from(["nice", "no"])


def _floats(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def _quantity(low: float, high: float) -> st.SearchStrategy[Any]:
    """A numeric field as a user writes it: a number, "a to b" or {low, likely, high}."""
    number = _floats(low, high)
    pair = st.lists(number, min_size=2, max_size=2).map(sorted)
    triple = st.lists(number, min_size=3, max_size=3).map(sorted)
    return st.one_of(
        number,
        st.integers(math.ceil(low), math.floor(high)),
        pair.map(lambda p: f"{p[0]!r} to {p[1]!r}"),
        triple.map(lambda t: {"low": t[0], "likely": t[1], "high": t[2]}),
    )


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None}


@st.composite
def providers(draw: st.DrawFn, most: int = 6, prefix: str = "p") -> list[dict[str, Any]]:
    n = draw(st.integers(1, most))
    names = [f"{prefix}{i}" for i in range(n)]
    out = []
    for name in names:
        others = [x for x in names if x != name]
        fallbacks = draw(st.lists(st.sampled_from(others), unique=True, max_size=3)
                         if others else st.just([]))
        out.append({"name": name, "openai_compatible": draw(st.booleans()),
                    "fallbacks": fallbacks})
    return out


@st.composite
def scenario_data(draw: st.DrawFn, governance: st.SearchStrategy[str] = LEVELS) -> dict[str, Any]:
    """A scenario mapping with random values in every section (names kept plain)."""
    data: dict[str, Any] = {
        "name": "Random scenario",
        "horizon_months": draw(st.integers(1, 120)),
        "discount_rate": draw(_quantity(0, 1)),
        "organisation": {
            "services": draw(_quantity(0, 300)),
            "services_added_per_year": draw(_quantity(0, 40)),
            "environments": draw(st.lists(st.sampled_from(["dev", "qa", "staging", "prod"]),
                                          min_size=1, max_size=4, unique=True)),
            "monthly_requests": draw(_quantity(0, 1e9)),
            "monthly_provider_spend": draw(_quantity(0, 1e6)),
            "traffic_growth_per_year": draw(_quantity(-0.9, 3)),
        },
        "providers": {
            "in_use": draw(providers()),
            "new_per_year": draw(_quantity(0, 20)),
            "new_models_per_year": draw(_quantity(0, 40)),
        },
        "team": _drop_none({
            "engineer_hour_cost": draw(_maybe(_quantity(0, 500))),
            "platform_team": draw(st.booleans()),
            "platform_team_size": draw(_quantity(0, 50)),
            "on_call_24x7": draw(st.booleans()),
        }),
        "needs": {
            "governance": {k: draw(governance) for k in GOVERNANCE_NEEDS},
            "routing": {k: draw(LEVELS) for k in ROUTING_NEEDS},
            "pains": {k: draw(LEVELS) for k in PAINS},
        },
        "operations": _drop_none({
            "key_rotations_per_year": draw(_maybe(_quantity(0, 52))),
            "hours_per_rotation": draw(_maybe(_quantity(0, 8))),
            "onboarding_hours_per_service": draw(_maybe(_quantity(0, 80))),
            "fallback_hours_per_service": draw(_maybe(_quantity(0, 160))),
            "services_missing_fallback": draw(_quantity(0, 300)),
            "monitoring_setup_hours_per_service": draw(_maybe(_quantity(0, 80))),
            "monitoring_upkeep_hours_per_service_month": draw(_maybe(_quantity(0, 10))),
        }),
        "reliability": _drop_none({
            "provider_availability": draw(_maybe(_quantity(0.5, 1))),
            "downtime_cost_per_hour": draw(_maybe(_quantity(0, 1e5))),
        }),
        "buy": _drop_none({
            "vendor": draw(st.sampled_from(["auto", *(p.id for p in bundled_facts().saas())])),
            "routing_supported": draw(_maybe(st.lists(st.sampled_from(ROUTING_NEEDS),
                                                      unique=True))),
        }),
    }
    if draw(st.booleans()):
        data["currency"] = "CNY"
        data["usd_rate"] = draw(_quantity(0.1, 200))
    return data


def _scenario(data: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(data)


def _costs(data: dict[str, Any]) -> dict[str, OptionCosts]:
    return compute_costs(resolve_inputs(_scenario(data)))


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


@PROPERTY
@given(scenario_data())
def test_costs_never_negative_or_nan(data: dict[str, Any]) -> None:
    """No cost line, total or running sum is ever negative, NaN or infinite."""
    for option in _costs(data).values():
        assert len(option.cumulative) == data["horizon_months"]
        for line in option.lines:
            assert len(line.monthly) == data["horizon_months"]
            for amount in (*line.monthly, line.total):
                assert math.isfinite(amount) and amount >= 0, (option.id, line.id, amount)
        for amount in (option.total, option.one_time, option.continuous, *option.cumulative):
            assert math.isfinite(amount) and amount >= 0, (option.id, amount)
        assert 0 <= option.availability <= 1


@PROPERTY
@given(scenario_data())
def test_totals_equal_sum_of_lines(data: dict[str, Any]) -> None:
    """An option's total is the sum of its lines, split exactly into one-time and continuous."""
    for option in _costs(data).values():
        assert _close(option.total, math.fsum(line.total for line in option.lines))
        assert _close(option.one_time + option.continuous, option.total)
        assert _close(option.cumulative[-1], option.total)
        assert all(b >= a - 1e-6 for a, b in itertools.pairwise(option.cumulative))


@PROPERTY
@given(scenario_data(), _floats(0, 300), _floats(0.5, 200))
def test_more_services_never_cheapen_direct(data: dict[str, Any], services: float,
                                            more: float) -> None:
    """Living with direct connections never gets cheaper because there are more services."""
    data["organisation"]["services"] = services
    fewer = _costs(data)["direct"].total
    data["organisation"]["services"] = min(services + more, 100_000)
    assert _costs(data)["direct"].total >= fewer * (1 - 1e-12) - 1e-9


@PROPERTY
@given(scenario_data())
def test_existing_rotation_never_raises_self_host(data: dict[str, Any]) -> None:
    """A platform team already running 24x7 on-call never makes self-hosting cost more."""
    data["team"].update(platform_team=False, on_call_24x7=False)
    without = _costs(data)["self_host"].total
    data["team"].update(platform_team=True, on_call_24x7=True)
    assert _costs(data)["self_host"].total <= without * (1 + 1e-12) + 1e-9


@PROPERTY
@given(scenario_data(governance=NOT_REQUIRED), providers(12, prefix="extra"))
def test_provider_count_never_calls_for_a_gateway(data: dict[str, Any],
                                                  extra: list[dict[str, Any]]) -> None:
    """Adding providers, with no governance required, never turns the verdict into a gateway."""
    before = assess(_scenario(data), tripwires=False).decision
    assert before.option in {"direct", "automate"}
    data["providers"]["in_use"] = data["providers"]["in_use"] + extra
    after = assess(_scenario(data), tripwires=False).decision
    assert after.option in {"direct", "automate"}, after.rule
    assert after.criteria.providers == len(data["providers"]["in_use"])


@PROPERTY
@given(scenario_data())
def test_load_dump_load_round_trip(data: dict[str, Any]) -> None:
    """Saving a loaded scenario and loading it again gives the same scenario, ranges included."""
    first = load_scenario_text(yaml.safe_dump(data, sort_keys=False))
    again = load_scenario_text(dump_scenario(first))
    assert again == first
    assert again.organisation.services.kind == first.organisation.services.kind


# Text that plain YAML tools might read as something else: numbers, booleans, nulls, dates.
LOOKALIKES = ["no", "yes", "on", "off", "true", "null", "~", "017", "0o17", "0x1F", "1e5",
              "1.5e3", "1e+5", "1_000", ".5", "1:30", "2024-01-31", ".inf", ".nan", "5 to 10"]
TEXT = st.one_of(st.sampled_from(LOOKALIKES), st.text(min_size=1, max_size=20))


@PROPERTY
@given(name=TEXT, description=st.one_of(st.just(""), TEXT),
       makers=st.lists(TEXT, max_size=3),
       envs=st.lists(TEXT.filter(lambda s: len(s) <= 40), min_size=1, max_size=3,
                     unique_by=str.casefold),
       provider_names=st.lists(TEXT, min_size=1, max_size=3, unique_by=str.casefold))
def test_round_trip_keeps_any_text(name: str, description: str, makers: list[str],
                                   envs: list[str], provider_names: list[str]) -> None:
    """Names, environments and providers come back as the same text, even ones like `1e5`."""
    scenario = Scenario.model_validate({
        "name": name, "description": description, "decision_makers": makers,
        "organisation": {"environments": envs},
        "providers": {"in_use": [{"name": p} for p in provider_names]},
    })
    assert load_scenario_text(dump_scenario(scenario)) == scenario


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30)


@given(_JSON_VALUES)
def test_indented_json_is_the_json_modules_text(value: Any) -> None:
    """JSON output is encoded by our own indenter: the very text json.dumps gives, or its error."""
    import json

    from gateway_roi.outputs.formatters.json import _dumps

    try:
        expected = json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)
    except ValueError:
        with pytest.raises(ValueError):
            _dumps(value)
        return
    assert _dumps(value) == expected


@given(st.lists(st.tuples(st.one_of(st.none(), st.floats(0, 1e9)), st.floats(0, 100)),
                min_size=1, max_size=6),
       st.floats(0, 1e6), st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None)
def test_graduated_fees_over_many_months_and_draws_are_the_same_sums(
        tiers: list[tuple[float | None, float]], start: float, seed: int) -> None:
    """A plan's graduated fees over a (months, draws) array are, number for number, those of
    each month's draws priced alone (the sampler prices every month at once), and those of
    each number priced tier by tier (one evaluation prices a plan's months at once)."""
    import numpy as np

    from gateway_roi.model.products import _graduated, _graduated_each

    ordered = tuple(sorted(tiers, key=lambda t: math.inf if t[0] is None else t[0]))
    quantities = np.random.default_rng(seed).uniform(0, 2e9, (4, 50))
    quantities[0, :10] = 0.0
    whole = _graduated(quantities, ordered, start, 1e6)
    for month, row in zip(whole, quantities, strict=True):
        alone = np.broadcast_to(_graduated(row, ordered, start, 1e6), row.shape)
        assert month.tobytes() == alone.tobytes()
        # And each draw is what one evaluation of plain numbers gives, month by month too.
        plain = [float(q) for q in row[::7]]
        each = _graduated_each(plain, ordered, start, 1e6)
        assert each == [_graduated(q, ordered, start, 1e6) for q in plain]
        assert all(month[7 * j] == fee for j, fee in enumerate(each))


@given(st.lists(st.floats(0, 1e300), min_size=1, max_size=40))
def test_rounding_up_draws_is_rounding_up_each(values: list[float]) -> None:
    """Replicas of every draw are rounded up as one evaluation rounds up its number."""
    import numpy as np

    from gateway_roi.model.arrays import ceil

    draws = np.asarray(values)
    assert ceil(draws).tobytes() == (-((-draws) // 1)).tobytes()
    assert [float(x) for x in ceil(draws)] == [float(ceil(v)) for v in values]
