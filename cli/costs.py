"""The cost model: a scenario's inputs -> cost lines and totals for the five options.

Pure functions over plain numbers: no files, no terminal. Each :class:`CostLine` carries its
formula in words, the names of the inputs it used (their values and sources live in
:class:`ModelInputs`), and its amount month by month. Totals are present values at the
scenario's discount rate; one-time lines are paid once per thing (a service, a provider, a
set-up), continuous lines every month the option runs.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from cli.assumptions import ASSUMPTIONS, VENDOR_PRESETS, VendorPreset
from cli.fields import attribute_at as _get
from cli.options import OPTION_IDS, OPTION_LABELS, OptionId
from cli.scenario import Range, Scenario, field_for_assumption

__all__ = [
    "OPTION_IDS",
    "OPTION_LABELS",
    "CostLine",
    "Input",
    "ModelInputs",
    "OptionCosts",
    "compute_costs",
    "resolve_inputs",
]

HOURS_PER_MONTH = 730.0
Kind = Literal["one_time", "continuous"]


@dataclass(frozen=True)
class Input:
    """One number the model used, and where it came from."""

    name: str
    value: float
    unit: str
    origin: Literal["scenario", "override", "default"]
    """``scenario``: a field of the file; ``override``: the file's ``assumptions:``;
    ``default``: a sourced default figure."""
    field: str
    """Where to set it in a scenario (dotted path), e.g. for ``--set``."""
    written: Range | None = None
    source: str | None = None
    as_of: str | None = None
    estimate: bool = False
    description: str = ""


# Scenario facts the model reads as numbers: name -> (field path, unit).
_FACTS: Mapping[str, tuple[str, str]] = {
    "services": ("organisation.services", "services"),
    "services_added_per_year": ("organisation.services_added_per_year", "services/yr"),
    "monthly_requests": ("organisation.monthly_requests", "requests/month"),
    "monthly_provider_spend": ("organisation.monthly_provider_spend", "{cur}/month"),
    "traffic_growth_per_year": ("organisation.traffic_growth_per_year", "fraction/yr"),
    "new_providers_per_year": ("providers.new_per_year", "providers/yr"),
    "new_models_per_year": ("providers.new_models_per_year", "models/yr"),
    "services_missing_fallback": ("operations.services_missing_fallback", "services"),
    "discount_rate": ("discount_rate", "fraction/yr"),
}


@dataclass(frozen=True)
class ModelInputs:
    """Every number the cost model reads, resolved from a scenario, plus its facts."""

    scenario: Scenario
    values: Mapping[str, float]
    inputs: Mapping[str, Input]
    usd_rate: float

    def with_values(self, changes: Mapping[str, float]) -> ModelInputs:
        """A copy with some values replaced (for what-if searches); provenance is kept."""
        return replace(self, values={**self.values, **changes})


def resolve_inputs(scenario: Scenario, pick: Callable[[Range], float] | None = None) -> ModelInputs:
    """Resolve every number the model needs: scenario field, ``assumptions:`` override or default.

    ``pick`` chooses a value from each range (default: its likely value), so a sampler can reuse
    the same resolution.
    """
    choose = pick or (lambda r: r.likely)
    currency = scenario.currency
    usd_rate = choose(scenario.usd_rate) if scenario.usd_rate is not None else 1.0
    values: dict[str, float] = {}
    inputs: dict[str, Input] = {}
    for name, (fact_path, unit) in _FACTS.items():
        written = _get(scenario, fact_path)
        assert isinstance(written, Range)
        values[name] = choose(written)
        inputs[name] = Input(name, values[name], unit.format(cur=currency), "scenario",
                             fact_path, written)
    for name, default in ASSUMPTIONS.items():
        path = field_for_assumption(name)
        written_field = _get(scenario, path) if path else None
        unit = default.unit.replace("USD", currency)
        if isinstance(written_field, Range):
            values[name] = choose(written_field)
            inputs[name] = Input(name, values[name], unit, "scenario", path or name, written_field,
                                 description=default.description)
            continue
        override = scenario.assumptions.get(name)
        if override is not None:
            values[name] = choose(override)
            inputs[name] = Input(name, values[name], unit, "override", f"assumptions.{name}",
                                 override, description=default.description)
            continue
        value = default.value * (usd_rate if default.money else 1.0)
        values[name] = value
        inputs[name] = Input(
            name, value, unit, "default", path or f"assumptions.{name}", None, default.source,
            default.as_of, default.estimate, default.description,
        )
    return ModelInputs(scenario, values, inputs, usd_rate)


@dataclass(frozen=True)
class CostLine:
    """One cost of one option: what it is, how it is computed, from what, month by month."""

    id: str
    label: str
    kind: Kind
    formula: str
    inputs: tuple[str, ...]
    monthly: tuple[float, ...]
    total: float
    """Present value over the horizon."""
    note: str = ""
    replaces: tuple[str, ...] = ()
    """Ids of ``direct`` lines this line takes the place of (what automation or a gateway cuts)."""


@dataclass(frozen=True)
class OptionCosts:
    """All cost lines of one option and what they add up to."""

    id: OptionId
    label: str
    lines: tuple[CostLine, ...]
    total: float
    one_time: float
    continuous: float
    cumulative: tuple[float, ...]
    """Present value paid by the end of each month."""
    availability: float
    """Share of time AI features work, averaged over services (gateway in series)."""
    blast_radius: str
    feasible: bool = True
    infeasible_reason: str = ""
    gaps: tuple[str, ...] = ()
    """Required governance needs this option leaves unmet."""
    vendor: str = ""
    breakeven_month: int | None = None
    """First month from which this option's cumulative cost stays at or below ``direct``'s."""


# The model also runs on numpy arrays (one value per Monte Carlo draw, see cli.uncertainty):
# these few helpers are the only operations that differ between a float and an array.


_SCALARS = (int, float)


def _is_scalar(x: object) -> bool:
    return isinstance(x, _SCALARS)  # a tuple: faster than int | float in this hot path


def _minimum(a: Any, b: Any) -> Any:
    if _is_scalar(a) and _is_scalar(b):
        return min(a, b)
    return a.clip(None, b) if not _is_scalar(a) else b.clip(None, a)


def _maximum(a: Any, b: Any) -> Any:
    if _is_scalar(a) and _is_scalar(b):
        return max(a, b)
    return a.clip(b, None) if not _is_scalar(a) else b.clip(a, None)


def _num(x: Any, spec: str) -> str:
    """A number for a formula or note; for an array of draws, a word instead."""
    return format(x, spec) if _is_scalar(x) else "(varies by draw)"


def _ceil(x: Any) -> Any:
    return math.ceil(x) if _is_scalar(x) else -((-x) // 1)


class _Timeline:
    """Per-month series shared by every line: services, traffic, spend, discount factors."""

    def __init__(self, mi: ModelInputs, detail: bool = True) -> None:
        self.detail = detail
        """False: totals only (no monthly amounts kept), e.g. for arrays of Monte Carlo draws."""
        v = mi.values
        self.months = mi.scenario.horizon_months
        months = range(self.months)
        s0, added = v["services"], v["services_added_per_year"]
        growth = 1.0 + v["traffic_growth_per_year"]
        self.services = [s0 + added * m / 12 for m in months]
        self.new_services = [0.0] + [added / 12] * (self.months - 1)
        self.requests = [v["monthly_requests"] * growth ** (m / 12) for m in months]
        self.spend = [v["monthly_provider_spend"] * growth ** (m / 12) for m in months]
        rate = 1.0 + v["discount_rate"]
        self.discount = [rate ** (-m / 12) for m in months]

    def at_start(self, amount: float) -> list[float]:
        return [amount] + [0.0] * (self.months - 1)

    def every_month(self, amount: float) -> list[float]:
        return [amount] * self.months

    def pv(self, monthly: Sequence[float]) -> float:
        total = sum(map(operator.mul, monthly, self.discount))
        return float(total) if isinstance(total, int | float) else total


# Lines that read a starting level also move with its growth over the horizon.
_GROWS_WITH: Mapping[str, str] = {
    "services": "services_added_per_year",
    "monthly_requests": "traffic_growth_per_year",
    "monthly_provider_spend": "traffic_growth_per_year",
}


class _Builder:
    """Collects the lines of one option."""

    def __init__(self, tl: _Timeline) -> None:
        self.tl = tl
        self.lines: list[CostLine] = []

    def add(self, id: str, label: str, kind: Kind, formula: str, inputs: Sequence[str],
            monthly: Sequence[float], note: str = "", replaces: Sequence[str] = ()) -> None:
        # Every input is validated non-negative, so every amount already is.
        total = self.tl.pv(monthly)
        amounts = tuple(monthly) if self.tl.detail else ()
        names = list(dict.fromkeys(inputs))
        for level, growth in _GROWS_WITH.items():
            if level in names and growth not in names:
                names.append(growth)
        self.lines.append(CostLine(id, label, kind, formula, tuple(names), amounts,
                                   total, note, tuple(replaces)))


def _effective_provider_availability(mi: ModelInputs) -> float:
    """Availability seen by a call, averaged over providers; fallbacks in parallel."""
    a = mi.values["provider_availability"]
    providers = mi.scenario.providers.in_use
    per_provider = [1.0 - (1.0 - a) ** (1 + len(p.fallbacks)) for p in providers]
    return sum(per_provider) / len(per_provider)


def _non_compatible_multiplier(mi: ModelInputs) -> float:
    providers = mi.scenario.providers.in_use
    share = sum(not p.openai_compatible for p in providers) / len(providers)
    return 1.0 + share * (mi.values["non_compatible_factor"] - 1.0)


def _downtime_line(b: _Builder, mi: ModelInputs, kind_label: str) -> None:
    v = mi.values
    a_eff = _effective_provider_availability(mi)
    per_month = (1.0 - a_eff) * HOURS_PER_MONTH * v["downtime_cost_per_hour"]
    b.add(
        "provider_downtime", "Expected downtime from provider outages", "continuous",
        "(1 - provider availability with fallbacks in parallel, averaged over providers) x "
        f"{HOURS_PER_MONTH:g} h/month x downtime_cost_per_hour; an outage hits only the "
        f"services on that provider ({kind_label})",
        ["provider_availability", "downtime_cost_per_hour"], b.tl.every_month(per_month),
        note=f"effective provider availability {_num(a_eff, '.3%')}",
    )


def _direct(mi: ModelInputs, tl: _Timeline) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    envs = len(mi.scenario.organisation.environments)
    b = _Builder(tl)
    chains = any(p.fallbacks for p in mi.scenario.providers.in_use)
    todo_now = _minimum(v["services"], v["services_missing_fallback"])
    fallback = [
        ((todo_now if m == 0 else 0.0) + tl.new_services[m]) * v["fallback_hours_per_service"] * c
        if chains else 0.0
        for m in range(tl.months)
    ]
    b.add("fallback", "Fallback logic written in each service", "one_time",
          "(services missing fallback now + each new service) x fallback_hours_per_service x "
          "engineer_hour_cost",
          ["services", "services_missing_fallback", "services_added_per_year",
           "fallback_hours_per_service", "engineer_hour_cost"], fallback,
          note="" if chains else "no fallback chains declared: nothing to write")
    rot = v["key_rotations_per_year"] / 12 * envs * v["hours_per_rotation"] * c
    b.add("rotation", "Key rotations with restarts, per service per environment", "continuous",
          f"key_rotations_per_year / 12 x services x {envs} environments x hours_per_rotation x "
          "engineer_hour_cost",
          ["key_rotations_per_year", "services", "hours_per_rotation", "engineer_hour_cost"],
          [rot * s for s in tl.services])
    ncm = _non_compatible_multiplier(mi)
    onboard = [
        (v["new_providers_per_year"] / 12 * v["onboarding_hours_per_service"] * ncm
         + v["new_models_per_year"] / 12 * v["model_switch_hours_per_service"])
        * s * v["adoption_share"] * c
        for s in tl.services
    ]
    b.add("onboarding", "Onboarding new providers and models in each service (one SDK each)",
          "one_time",
          "(new_providers_per_year x onboarding_hours_per_service x non-compatible multiplier "
          f"{_num(ncm, '.2f')} + new_models_per_year x model_switch_hours_per_service) / 12 x "
          "services x adoption_share x engineer_hour_cost",
          ["new_providers_per_year", "onboarding_hours_per_service", "non_compatible_factor",
           "new_models_per_year", "model_switch_hours_per_service", "services", "adoption_share",
           "engineer_hour_cost"], onboard)
    setup_h = v["monitoring_setup_hours_per_service"] * c
    b.add("monitoring_setup", "Per-service monitoring and cost instrumentation", "one_time",
          "each new service x monitoring_setup_hours_per_service x engineer_hour_cost "
          "(today's services already have theirs)",
          ["services_added_per_year", "monitoring_setup_hours_per_service",
           "engineer_hour_cost"],
          [tl.new_services[m] * setup_h for m in range(tl.months)])
    upkeep = v["monitoring_upkeep_hours_per_service_month"] * c
    b.add("monitoring_upkeep", "Keeping per-service monitoring and cost reports working",
          "continuous", "services x monitoring_upkeep_hours_per_service_month x engineer_hour_cost",
          ["services", "monitoring_upkeep_hours_per_service_month", "engineer_hour_cost"],
          [upkeep * s for s in tl.services])
    _downtime_line(b, mi, "independent failures")
    return _finish("direct", b, mi, _effective_provider_availability(mi),
                   "one provider's users (failures stay independent)")


def _automate(mi: ModelInputs, tl: _Timeline) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    envs = len(mi.scenario.organisation.environments)
    keys = len(mi.scenario.providers.in_use)
    b = _Builder(tl)
    b.add("build", "Build the automation: shared client library, hot-reloaded secrets, IaC",
          "one_time", "automate_build_hours x engineer_hour_cost",
          ["automate_build_hours", "engineer_hour_cost"],
          tl.at_start(v["automate_build_hours"] * c))
    adopt = v["automate_adoption_hours_per_service"] * c
    b.add("adoption", "Move each service onto the shared library", "one_time",
          "(services now + each new service) x automate_adoption_hours_per_service x "
          "engineer_hour_cost",
          ["services", "services_added_per_year", "automate_adoption_hours_per_service",
           "engineer_hour_cost"],
          [((v["services"] if m == 0 else 0.0) + tl.new_services[m]) * adopt
           for m in range(tl.months)],
          replaces=("fallback", "monitoring_setup"))
    rot = v["key_rotations_per_year"] / 12 * keys * envs * v["secret_rotation_minutes_per_key"] / 60
    b.add("rotation", "Key rotations in the secret manager, no restarts", "continuous",
          f"key_rotations_per_year / 12 x {keys} provider keys x {envs} environments x "
          "secret_rotation_minutes_per_key / 60 x engineer_hour_cost",
          ["key_rotations_per_year", "secret_rotation_minutes_per_key", "engineer_hour_cost"],
          tl.every_month(rot * c), replaces=("rotation",))
    b.add("secret_store", "Secret manager fees", "continuous",
          f"{keys} provider keys x {envs} environments x secret_manager_cost_per_secret_month",
          ["secret_manager_cost_per_secret_month"],
          tl.every_month(keys * envs * v["secret_manager_cost_per_secret_month"]))
    ncm = _non_compatible_multiplier(mi)
    onboard = [
        (v["new_providers_per_year"] / 12
         * (v["library_adapter_hours"] * ncm + s * v["adoption_share"] * v["config_hours_per_service"])
         + v["new_models_per_year"] / 12 * s * v["adoption_share"] * v["config_hours_per_service"])
        * c
        for s in tl.services
    ]
    b.add("onboarding", "New providers once in the library, then config per service", "one_time",
          "(new_providers_per_year x (library_adapter_hours x non-compatible multiplier "
          f"{_num(ncm, '.2f')} + services x adoption_share x config_hours_per_service) + "
          "new_models_per_year x services x adoption_share x config_hours_per_service) / 12 x "
          "engineer_hour_cost",
          ["new_providers_per_year", "library_adapter_hours", "non_compatible_factor",
           "services", "adoption_share", "config_hours_per_service", "new_models_per_year",
           "engineer_hour_cost"], onboard, replaces=("onboarding",))
    b.add("upkeep", "Maintaining the library and scripts", "continuous",
          "automate_upkeep_hours_per_month x engineer_hour_cost",
          ["automate_upkeep_hours_per_month", "engineer_hour_cost"],
          tl.every_month(v["automate_upkeep_hours_per_month"] * c))
    b.add("monitoring", "Central dashboards from the library's metrics", "continuous",
          "monitoring_upkeep_hours_gateway x engineer_hour_cost",
          ["monitoring_upkeep_hours_gateway", "engineer_hour_cost"],
          tl.every_month(v["monitoring_upkeep_hours_gateway"] * c),
          replaces=("monitoring_upkeep",))
    _downtime_line(b, mi, "independent failures; the library carries the fallback chains")
    return _finish("automate", b, mi, _effective_provider_availability(mi),
                   "one provider's users (failures stay independent)")


def monthly_vendor_fee(preset: VendorPreset, requests: float, spend: float, usd_rate: float) -> float:
    """A SaaS gateway's fee for one month, in the scenario currency."""
    usage = 0.0
    previous = preset.included_requests
    for up_to, per_million in preset.tiers:
        top = requests if up_to is None else _minimum(requests, up_to)
        usage += _maximum(top - previous, 0.0) * per_million / 1e6
        if up_to is not None:
            previous = max(previous, up_to)
    return (preset.base_fee + usage) * usd_rate + preset.percent_of_spend * spend


@functools.lru_cache(maxsize=256)
def _vendor_fees(preset_id: str, requests: tuple[float, ...], spend: tuple[float, ...],
                 usd_rate: float) -> tuple[float, ...]:
    """Monthly fees of one preset; cached because what-if searches repeat the same traffic."""
    preset = VENDOR_PRESETS[preset_id]
    return tuple(monthly_vendor_fee(preset, r, s, usd_rate)
                 for r, s in zip(requests, spend, strict=True))


def _choose_vendor(mi: ModelInputs, tl: _Timeline) -> tuple[VendorPreset, list[float], str]:
    chosen = mi.scenario.buy.vendor
    required = {k for k, lvl in mi.scenario.needs.routing if lvl == "required"}
    requests, spend = tuple(tl.requests), tuple(tl.spend)

    def fees(p: VendorPreset) -> list[float]:
        if not tl.detail:  # arrays of draws: nothing to cache
            return [monthly_vendor_fee(p, r, s_, mi.usd_rate) for r, s_ in zip(requests, spend,
                                                                                strict=True)]
        return list(_vendor_fees(p.id, requests, spend, mi.usd_rate))

    if chosen != "auto":
        preset = VENDOR_PRESETS[chosen]
        return preset, fees(preset), "chosen in the scenario (buy.vendor)"
    peak = max(tl.requests)
    candidates = [p for p in VENDOR_PRESETS.values()
                  if p.fully_priced and (p.max_requests is None or peak <= p.max_requests)]
    fitting = [p for p in candidates if required <= _routing(mi, p)] or candidates
    priced = sorted((tl.pv(fees(p)), p.id) for p in fitting)
    preset = VENDOR_PRESETS[priced[0][1]]
    why = "cheapest published preset over the horizon"
    if required and required <= _routing(mi, preset):
        why += " that expresses the required routing"
    return preset, fees(preset), why


def _routing(mi: ModelInputs, preset: VendorPreset) -> frozenset[str]:
    supported = mi.scenario.buy.routing_supported
    return frozenset(supported) if supported is not None else preset.routing


def _gateway_common(b: _Builder, mi: ModelInputs, option: OptionId, adapter_hours: float,
                    adapter_inputs: Sequence[str], latency_ms_name: str) -> None:
    v, tl = mi.values, b.tl
    c = v["engineer_hour_cost"]
    envs = len(mi.scenario.organisation.environments)
    keys = len(mi.scenario.providers.in_use)
    integ = v["gateway_integration_hours_per_service"] * c
    b.add("integration", "Move each service behind the gateway", "one_time",
          "(services now + each new service) x gateway_integration_hours_per_service x "
          "engineer_hour_cost",
          ["services", "services_added_per_year", "gateway_integration_hours_per_service",
           "engineer_hour_cost"],
          [((v["services"] if m == 0 else 0.0) + tl.new_services[m]) * integ
           for m in range(tl.months)],
          replaces=("fallback", "monitoring_setup"))
    if option == "buy":
        rot = v["key_rotations_per_year"] / 12 * keys * envs * v["secret_rotation_minutes_per_key"] / 60
        b.add("key_changes", "Key rotations in the vendor's console", "continuous",
              f"key_rotations_per_year / 12 x {keys} provider keys x {envs} environments x "
              "secret_rotation_minutes_per_key / 60 x engineer_hour_cost",
              ["key_rotations_per_year", "secret_rotation_minutes_per_key", "engineer_hour_cost"],
              tl.every_month(rot * c), replaces=("rotation",))
    else:
        rot = v["key_rotations_per_year"] / 12 * envs * v["gateway_change_hours"]
        b.add("key_changes", "Key rotations as gateway changes (window, canary, rollback plan)",
              "continuous",
              f"key_rotations_per_year / 12 x {envs} environments x gateway_change_hours x "
              "engineer_hour_cost: every change touches every service at once",
              ["key_rotations_per_year", "gateway_change_hours", "engineer_hour_cost"],
              tl.every_month(rot * c), replaces=("rotation",))
    cfg = v["adoption_share"] * v["config_hours_per_service"]
    onboard = [
        (v["new_providers_per_year"] / 12 * (adapter_hours + s * cfg)
         + v["new_models_per_year"] / 12 * s * cfg) * c
        for s in tl.services
    ]
    b.add("onboarding", "New providers and models: gateway support, then each service",
          "one_time",
          f"(new_providers_per_year x ({_num(adapter_hours, '.3g')} h gateway-side + services x "
          "adoption_share x config_hours_per_service) + new_models_per_year x services x "
          "adoption_share x config_hours_per_service) / 12 x engineer_hour_cost",
          ["new_providers_per_year", *adapter_inputs, "services", "adoption_share",
           "config_hours_per_service", "new_models_per_year", "engineer_hour_cost"],
          onboard, replaces=("onboarding",))
    lag = ((v["new_providers_per_year"] + v["new_models_per_year"]) / 12
           * v["lag_blocked_share"] * v["lag_workaround_hours"] * c)
    b.add("lag", "Lag before new models/providers work through the gateway", "continuous",
          "(new_providers_per_year + new_models_per_year) / 12 x lag_blocked_share x "
          "lag_workaround_hours x engineer_hour_cost",
          ["new_providers_per_year", "new_models_per_year", "lag_blocked_share",
           "lag_workaround_hours", "engineer_hour_cost"], tl.every_month(lag))
    bypass = v["bypass_share"] * v["bypass_upkeep_hours_per_month"] * c
    b.add("bypass", "Backdoor paths around the gateway (leaky abstraction)", "continuous",
          "services x bypass_share x bypass_upkeep_hours_per_month x engineer_hour_cost",
          ["services", "bypass_share", "bypass_upkeep_hours_per_month", "engineer_hour_cost"],
          [s * bypass for s in tl.services])
    per_ms = v[latency_ms_name] * v["latency_cost_per_ms_per_million_requests"] / 1e6
    b.add("latency", "Added latency on every call", "continuous",
          f"monthly_requests / 1M x {latency_ms_name} x latency_cost_per_ms_per_million_requests",
          ["monthly_requests", "traffic_growth_per_year", latency_ms_name,
           "latency_cost_per_ms_per_million_requests"],
          [r * per_ms for r in tl.requests],
          note=f"{_num(v[latency_ms_name], 'g')} ms added per call")
    _downtime_line(b, mi, "the gateway carries the fallback chains")


_GATEWAY_AVAILABILITY: Mapping[str, str] = {
    "buy": "vendor_availability", "self_host": "self_host_availability",
    "build": "build_availability",
}


def _gateway_downtime(b: _Builder, mi: ModelInputs, option: OptionId) -> float:
    name = _GATEWAY_AVAILABILITY[option]
    a_gw = mi.values[name]
    per_month = (1.0 - a_gw) * HOURS_PER_MONTH * mi.values["downtime_cost_per_hour"]
    b.add("gateway_downtime", "Expected downtime of the gateway itself (all services at once)",
          "continuous",
          f"(1 - {name}) x {HOURS_PER_MONTH:g} h/month x downtime_cost_per_hour: in series with "
          "every provider, one failure takes down every AI feature",
          [name, "downtime_cost_per_hour"], b.tl.every_month(per_month))
    return a_gw


def _buy(mi: ModelInputs, tl: _Timeline) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    b = _Builder(tl)
    preset, fees, why = _choose_vendor(mi, tl)
    over_cap = (tl.detail and preset.max_requests is not None
                and max(tl.requests) > preset.max_requests)
    b.add("fees", f"{preset.name} fees ({preset.pricing_model})", "continuous",
          f"{preset.name}: {preset.notes} Applied to monthly_requests and monthly_provider_spend "
          "as they grow",
          ["monthly_requests", "monthly_provider_spend", "traffic_growth_per_year"], fees,
          note=f"vendor preset '{preset.id}' ({why}); prices from {preset.source}, as of "
               f"{preset.as_of}" + ("; volume beyond the published cap, priced at the last "
                                    "published rate (EST)" if over_cap else ""))
    b.add("vendor_admin", "Administering the vendor's gateway", "continuous",
          "vendor_admin_hours_per_month x engineer_hour_cost",
          ["vendor_admin_hours_per_month", "engineer_hour_cost"],
          tl.every_month(v["vendor_admin_hours_per_month"] * c))
    _gateway_common(b, mi, "buy", 0.0, (), "hosted_gateway_latency_ms")
    exit_share = v["vendor_exit_probability"] / tl.months
    b.add("lock_in", "Lock-in: expected cost of migrating away from the vendor", "one_time",
          "vendor_exit_probability spread over the horizon x services x "
          "migration_hours_per_service x engineer_hour_cost",
          ["vendor_exit_probability", "services", "migration_hours_per_service",
           "engineer_hour_cost"],
          [exit_share * s * v["migration_hours_per_service"] * c for s in tl.services])
    compliance = mi.scenario.needs.governance.compliance
    b.add("compliance_review", "Data-egress review: prompts and responses leave through a vendor",
          "one_time", "compliance_review_hours x engineer_hour_cost, when compliance matters",
          ["compliance_review_hours", "engineer_hour_cost"],
          tl.at_start(v["compliance_review_hours"] * c if compliance != "no" else 0.0),
          note="" if compliance != "no" else "compliance is not a need: no review")
    a_gw = _gateway_downtime(b, mi, "buy")
    result = _finish("buy", b, mi, a_gw * _effective_provider_availability(mi),
                     "every service at once (the vendor is a shared single point of failure)")
    reasons = []
    if compliance == "required":
        reasons.append("compliance is required and a SaaS gateway sends data through a vendor")
    required = {k for k, lvl in mi.scenario.needs.routing if lvl == "required"}
    missing = sorted(required - _routing(mi, preset))
    if missing:
        reasons.append(f"{preset.name} cannot express the required routing: {', '.join(missing)}")
    return replace(result, vendor=preset.id, feasible=not reasons,
                   infeasible_reason="; ".join(reasons))


def _self_run(mi: ModelInputs, tl: _Timeline, option: OptionId) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    b = _Builder(tl)
    ncm = _non_compatible_multiplier(mi)
    keys = len(mi.scenario.providers.in_use)
    if option == "self_host":
        b.add("setup", "Deploy the open-source gateway to production grade", "one_time",
              "self_host_setup_hours x engineer_hour_cost",
              ["self_host_setup_hours", "engineer_hour_cost"],
              tl.at_start(v["self_host_setup_hours"] * c))
        adapter_hours, adapter_inputs = v["config_hours_per_service"] * ncm, (
            "config_hours_per_service", "non_compatible_factor")
    else:
        b.add("development", "Develop the in-house gateway", "one_time",
              "build_initial_hours x engineer_hour_cost",
              ["build_initial_hours", "engineer_hour_cost"],
              tl.at_start(v["build_initial_hours"] * c))
        b.add("adapters", "Adapters for the providers in use", "one_time",
              f"{keys} providers x library_adapter_hours x non-compatible multiplier "
              f"{_num(ncm, '.2f')} x engineer_hour_cost",
              ["library_adapter_hours", "non_compatible_factor", "engineer_hour_cost"],
              tl.at_start(keys * v["library_adapter_hours"] * ncm * c))
        adapter_hours, adapter_inputs = v["library_adapter_hours"] * ncm, (
            "library_adapter_hours", "non_compatible_factor")
    peak_rps = [r / (HOURS_PER_MONTH * 3600) * v["peak_to_average"] for r in tl.requests]
    per_instance = _maximum(v["instance_requests_per_second"], 1e-9)
    replicas = [_maximum(_ceil(p / per_instance), v["min_replicas"]) for p in peak_rps]
    fixed = v["database_cost_per_month"] + v["cache_cost_per_month"]
    b.add("infrastructure", "HA infrastructure: replicas, database, cache", "continuous",
          "max(min_replicas, ceil(monthly_requests / 730 h / 3600 s x peak_to_average / "
          "instance_requests_per_second)) x instance_cost_per_month + database_cost_per_month + "
          "cache_cost_per_month",
          ["min_replicas", "monthly_requests", "traffic_growth_per_year", "peak_to_average",
           "instance_requests_per_second", "instance_cost_per_month", "database_cost_per_month",
           "cache_cost_per_month"],
          [n * v["instance_cost_per_month"] + fixed for n in replicas],
          note=f"{_num(replicas[0], 'g')} instances at the start, {_num(replicas[-1], 'g')} at the end")
    b.add("monitoring_setup", "Gateway monitoring and alerting", "one_time",
          "monitoring_setup_hours_gateway x engineer_hour_cost",
          ["monitoring_setup_hours_gateway", "engineer_hour_cost"],
          tl.at_start(v["monitoring_setup_hours_gateway"] * c))
    b.add("monitoring_upkeep", "Keeping gateway dashboards and alerts useful", "continuous",
          "monitoring_upkeep_hours_gateway x engineer_hour_cost",
          ["monitoring_upkeep_hours_gateway", "engineer_hour_cost"],
          tl.every_month(v["monitoring_upkeep_hours_gateway"] * c), replaces=("monitoring_upkeep",))
    b.add("capacity", "Capacity planning and rate-limit tuning", "continuous",
          "capacity_planning_hours_per_month x engineer_hour_cost",
          ["capacity_planning_hours_per_month", "engineer_hour_cost"],
          tl.every_month(v["capacity_planning_hours_per_month"] * c))
    if option == "self_host":
        b.add("upgrades", "Upgrades (each one a change to everyone's AI path)", "continuous",
              "upgrades_per_year / 12 x upgrade_hours x engineer_hour_cost",
              ["upgrades_per_year", "upgrade_hours", "engineer_hour_cost"],
              tl.every_month(v["upgrades_per_year"] / 12 * v["upgrade_hours"] * c))
    else:
        b.add("features", "Custom development as needs evolve", "continuous",
              "build_feature_hours_per_month x engineer_hour_cost",
              ["build_feature_hours_per_month", "engineer_hour_cost"],
              tl.every_month(v["build_feature_hours_per_month"] * c))
    b.add("security_setup", "Security hardening", "one_time",
          "security_hardening_hours x engineer_hour_cost",
          ["security_hardening_hours", "engineer_hour_cost"],
          tl.at_start(v["security_hardening_hours"] * c))
    b.add("security_upkeep", "Patches, CVEs, supply-chain checks", "continuous",
          "security_upkeep_hours_per_month x engineer_hour_cost",
          ["security_upkeep_hours_per_month", "engineer_hour_cost"],
          tl.every_month(v["security_upkeep_hours_per_month"] * c))
    team = mi.scenario.team
    if team.on_call_24x7:
        b.add("on_call", "24x7 on-call: added toil on the existing rotation", "continuous",
              "existing_rotation_added_hours_per_month x engineer_hour_cost",
              ["existing_rotation_added_hours_per_month", "engineer_hour_cost"],
              tl.every_month(v["existing_rotation_added_hours_per_month"] * c))
    else:
        stipend = v["oncall_stipend_per_week"] * 52 / 12
        readiness = v["oncall_rotation_size"] * v["oncall_readiness_hours_per_person_month"] * c
        b.add("on_call", "24x7 on-call: a new rotation stood up for the gateway", "continuous",
              "oncall_stipend_per_week x 52 / 12 + oncall_rotation_size x "
              "oncall_readiness_hours_per_person_month x engineer_hour_cost",
              ["oncall_stipend_per_week", "oncall_rotation_size",
               "oncall_readiness_hours_per_person_month", "engineer_hour_cost"],
              tl.every_month(stipend + readiness),
              note="no existing 24x7 rotation: sized per SRE practice")
    b.add("incidents", "Gateway incidents (leaks, bad upgrades, config errors)", "continuous",
          "gateway_incidents_per_year / 12 x incident_hours x engineer_hour_cost",
          ["gateway_incidents_per_year", "incident_hours", "engineer_hour_cost"],
          tl.every_month(v["gateway_incidents_per_year"] / 12 * v["incident_hours"] * c))
    _gateway_common(b, mi, option, adapter_hours, adapter_inputs, "self_hosted_latency_ms")
    a_gw = _gateway_downtime(b, mi, option)
    return _finish(option, b, mi, a_gw * _effective_provider_availability(mi),
                   "every service at once (the gateway is a single point of failure)")


_GAPS: Mapping[str, frozenset[str]] = {
    # Governance needs each non-gateway option cannot meet well.
    # Compliance (data residency enforced and audited in one place) counts as governance too:
    # with direct calls every service would have to enforce it on its own.
    "direct": frozenset({"cost_attribution", "audit_trail", "rate_limits", "compliance",
                         "key_management"}),
    "automate": frozenset({"cost_attribution", "audit_trail", "rate_limits", "compliance"}),
}


def _finish(option: OptionId, b: _Builder, mi: ModelInputs, availability: float,
            blast_radius: str) -> OptionCosts:
    lines = tuple(b.lines)
    per_month = map(operator.mul, map(sum, zip(*(line.monthly for line in lines), strict=False)),
                    b.tl.discount)
    cumulative = list(itertools.accumulate(per_month))
    required = {k for k, lvl in mi.scenario.needs.governance if lvl == "required"}
    gaps = tuple(sorted(required & _GAPS.get(option, frozenset())))
    return OptionCosts(
        id=option,
        label=OPTION_LABELS[option],
        lines=lines,
        total=sum(line.total for line in lines),
        one_time=sum(line.total for line in lines if line.kind == "one_time"),
        continuous=sum(line.total for line in lines if line.kind == "continuous"),
        cumulative=tuple(cumulative),
        availability=availability,
        blast_radius=blast_radius,
        gaps=gaps,
        feasible=not gaps,
        infeasible_reason=(f"leaves required governance unmet: {', '.join(gaps)}" if gaps else ""),
    )


def _breakeven(option: OptionCosts, direct: OptionCosts) -> int | None:
    """First month (1-based) from which ``option`` stays at or below ``direct``, else None."""
    month: int | None = None
    for m, (mine, theirs) in enumerate(zip(option.cumulative, direct.cumulative, strict=True)):
        if mine <= theirs + 1e-9:
            if month is None:
                month = m + 1
        else:
            month = None
    return month


def compute_costs(mi: ModelInputs, *, detail: bool = True) -> dict[str, OptionCosts]:
    """Cost every option for the resolved inputs, keyed by option id in :data:`OPTION_IDS` order.

    With ``detail=False`` only totals are kept (no monthly amounts, cumulative series or
    break-even months): what a Monte Carlo run over arrays of draws needs, in flat memory.
    """
    tl = _Timeline(mi, detail)
    direct = _direct(mi, tl)
    results: dict[str, OptionCosts] = {
        "direct": direct,
        "automate": _automate(mi, tl),
        "buy": _buy(mi, tl),
        "self_host": _self_run(mi, tl, "self_host"),
        "build": _self_run(mi, tl, "build"),
    }
    if detail:
        for key in OPTION_IDS[1:]:
            results[key] = replace(results[key], breakeven_month=_breakeven(results[key], direct))
    return results
