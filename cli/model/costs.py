"""The cost model: a scenario's inputs -> cost lines and totals for the five options.

Pure functions over plain numbers: no files, no terminal. Each :class:`CostLine` carries its
formula in words, the names of the inputs it used (their values and sources live in
:class:`ModelInputs`), its kind and its amount month by month. Totals are present values at the
scenario's discount rate.

Three kinds of cost, as the essay contrasts them:

* ``up_front`` -- paid once, at the start (building the automation, deploying a gateway);
* ``per_event`` -- configuration hassle: bounded and local, paid again with each event (a key
  rotation, an onboarding, fallback code for a new service, an outage of one provider);
* ``standing`` -- continuous liabilities that exist whether or not anything happens (on-call,
  upgrades, fees, a single point of failure in front of every call).

Timing: every amount is paid at the start of its month; month 0 is not discounted; services
grow linearly and traffic compounds monthly.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from gateway_roi.model.assumptions import (
    ASSUMPTIONS,
    OSS_GATEWAYS,
    REGIONAL_LABOUR,
    VENDOR_PRESETS,
    OpenSourceGateway,
    VendorPreset,
)
from gateway_roi.model.fields import attribute_at as _get
from gateway_roi.model.scenario import (
    NATIVE_APIS,
    Range,
    Scenario,
    compliance_level,
    external_providers,
    field_for_assumption,
)
from gateway_roi.options import OPTION_IDS, OPTION_LABELS, OptionId

__all__ = [
    "HOURS_PER_MONTH",
    "KINDS",
    "OPTION_IDS",
    "OPTION_LABELS",
    "CostLine",
    "Input",
    "ModelInputs",
    "OptionCosts",
    "compute_costs",
    "default_figure",
    "resolve_inputs",
]

HOURS_PER_MONTH = 730.0
Kind = Literal["up_front", "per_event", "standing"]
KINDS: tuple[Kind, ...] = ("up_front", "per_event", "standing")
_US_ENGINEER_HOUR = ASSUMPTIONS["engineer_hour_cost"].value
_PLATFORM_RATIO = ASSUMPTIONS["platform_hour_cost"].value / _US_ENGINEER_HOUR
NON_GATEWAY_MEETS: Mapping[str, frozenset[str]] = {
    # A secret manager with hot reload and IaC scripts manage keys centrally; nothing short of
    # a gateway attributes cost per key, keeps one audit trail, enforces shared limits or
    # keeps data from leaving in one place.
    "direct": frozenset(),
    "automate": frozenset({"key_management"}),
}
"""Governance needs each option without a gateway meets."""


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
# Facts a scenario may leave out: name -> (field path, unit).
_OPTIONAL_FACTS: Mapping[str, tuple[str, str]] = {
    "buy_quote": ("buy.quote", "{cur}/month"),
    "downtime_cost_per_hour": ("reliability.downtime_cost_per_hour", "{cur}/h, all services"),
    "self_host_licence": ("self_host.licence", "{cur}/month"),
}


@dataclass(frozen=True)
class ModelInputs:
    """Every number the cost model reads, resolved from a scenario, plus its facts."""

    scenario: Scenario
    values: Mapping[str, Any]
    inputs: Mapping[str, Input]
    usd_rate: Any
    derived: Mapping[str, tuple[str, float]] = field(default_factory=dict)
    """Defaults worked out from another input: name -> (that input, factor)."""

    def with_values(self, changes: Mapping[str, Any]) -> ModelInputs:
        """A copy with some values replaced (for what-if searches); provenance is kept.

        Defaults derived from a changed input follow it (a platform hour priced from the
        team's engineer hour moves with it).
        """
        values = {**self.values, **changes}
        for name, (base, factor) in self.derived.items():
            if base in changes and name not in changes:
                values[name] = changes[base] * factor
        return replace(self, values=values)


def _regional(name: str, currency: str) -> tuple[float, str, str | None, bool] | None:
    """(value, source, as of, estimate) of a labour default for ``currency``'s region."""
    if currency == "USD":
        a = ASSUMPTIONS[name]
        return a.value, a.source, a.as_of, a.estimate
    figure = REGIONAL_LABOUR.get(name, {}).get(currency)
    if figure is None:
        return None
    return figure.value, f"{currency} region: {figure.source}", figure.as_of, figure.estimate


def default_figure(name: str, currency: str, usd_rate: float) -> float | None:
    """A default figure in ``currency``, as :func:`resolve_inputs` takes it when nothing is set.

    Prices convert at ``usd_rate``; labour is the region's own figure; local costs follow the
    region's labour cost. None when ``currency`` has no regional labour figure (the scenario
    must then give ``team.engineer_hour_cost``, and figures derived from it follow).
    """
    default = ASSUMPTIONS[name]
    if default.money_kind == "price":
        return default.value * usd_rate
    if default.money_kind == "labour":
        regional = _regional(name, currency)
        return regional[0] if regional is not None else None
    if default.money_kind == "local":
        hour = _regional("engineer_hour_cost", currency)
        return default.value * hour[0] / _US_ENGINEER_HOUR if hour is not None else None
    return default.value


def resolve_inputs(scenario: Scenario, pick: Callable[[Range], Any] | None = None) -> ModelInputs:
    """Resolve every number the model needs: scenario field, ``assumptions:`` override or default.

    ``pick`` chooses a value from each range (default: its likely value), so a sampler can reuse
    the same resolution. Money defaults reach the scenario's currency by their kind: prices at
    the exchange rate, labour from the region's own figure, local costs (on-call pay, downtime)
    in proportion to the region's labour cost. Nothing that is pay is converted at the exchange
    rate.
    """
    choose = pick or (lambda r: r.likely)
    currency = scenario.currency
    usd_rate = choose(scenario.usd_rate) if scenario.usd_rate is not None else 1.0
    values: dict[str, Any] = {}
    inputs: dict[str, Input] = {}
    derived: dict[str, tuple[str, float]] = {}
    for name, (fact_path, unit) in _FACTS.items():
        written = _get(scenario, fact_path)
        assert isinstance(written, Range)
        values[name] = choose(written)
        inputs[name] = Input(name, values[name], unit.format(cur=currency), "scenario",
                             fact_path, written)
    for name, (fact_path, unit) in _OPTIONAL_FACTS.items():
        written = _get(scenario, fact_path)
        if isinstance(written, Range):
            values[name] = choose(written)
            inputs[name] = Input(name, values[name], unit.format(cur=currency), "scenario",
                                 fact_path, written)
    # Local costs follow the region's labour cost (a region without a figure: the team's own).
    regional_hour = _regional("engineer_hour_cost", currency)
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
        field = path or f"assumptions.{name}"
        source, as_of, estimate = default.source, default.as_of, default.estimate
        if default.money_kind == "price":
            value = default.value * usd_rate
        elif default.money_kind == "labour":
            regional = _regional(name, currency)
            if regional is not None and not (name == "platform_hour_cost"
                                              and "engineer_hour_cost" in inputs
                                              and inputs["engineer_hour_cost"].origin != "default"):
                value, source, as_of, estimate = regional
                if name == "platform_hour_cost":
                    # A what-if on the engineer hour (as --set would give) moves this too.
                    derived[name] = ("engineer_hour_cost", value / values["engineer_hour_cost"])
            else:
                # The team gave its own engineer hour (or its region has no figure): platform
                # work is priced from it at the US platform-to-developer ratio.
                value = values["engineer_hour_cost"] * _PLATFORM_RATIO
                derived[name] = ("engineer_hour_cost", _PLATFORM_RATIO)
                source = (f"engineer_hour_cost x {_PLATFORM_RATIO:.3g}, the US platform-to-"
                          f"developer ratio ({default.source})")
                estimate = True
        elif default.money_kind == "local":
            ratio = (regional_hour[0] if regional_hour is not None
                     else values["engineer_hour_cost"]) / _US_ENGINEER_HOUR
            value = default.value * ratio
            if regional_hour is None:
                derived[name] = ("engineer_hour_cost", default.value / _US_ENGINEER_HOUR)
            if currency != "USD":
                source = (f"{default.source}; x {_num(ratio, '.3g')} for {currency} price "
                          f"levels, the ratio of its region's engineer hour to the US one")
                estimate = True
        else:
            value = default.value
        values[name] = value
        inputs[name] = Input(name, value, unit, "default", field, None, source, as_of, estimate,
                             default.description)
    return ModelInputs(scenario, values, inputs, usd_rate, derived)


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


class KindTotals:
    """The sums by kind, and the two older sums readers of earlier versions know."""

    up_front: float
    per_event: float
    standing: float

    @property
    def one_time(self) -> float:
        """The up-front part (kept for CSV readers: ``one_time`` = ``up_front``)."""
        return self.up_front

    @property
    def continuous(self) -> float:
        """Everything paid after the start (``per_event`` + ``standing``)."""
        return self.per_event + self.standing


@dataclass(frozen=True)
class OptionCosts(KindTotals):
    """All cost lines of one option and what they add up to."""

    id: OptionId
    label: str
    lines: tuple[CostLine, ...]
    total: float
    up_front: float
    per_event: float
    standing: float
    cumulative: tuple[float, ...]
    """Present value paid by the end of each month (month 1 first)."""
    availability: float
    """Share of time AI features work, averaged over services (gateway in series)."""
    blast_radius: str
    feasible: bool = True
    infeasible_reason: str = ""
    gaps: tuple[str, ...] = ()
    """Required governance needs this option leaves unmet."""
    unmet_routing: tuple[str, ...] = ()
    """Required routing this option cannot express."""
    compliance_walled: bool = False
    """The compliance level walls a third-party gateway off (data would leave through a vendor)."""
    strategic_walled: bool = False
    """The gateway is part of the product the team sells: buying it is walled off."""
    licence_needed: tuple[str, ...] = ()
    """Required needs the open-source gateway meets only in its paid tier (a licence line)."""
    product: str = ""
    """The vendor preset (``buy``) or open-source gateway (``self_host``) priced."""
    quote_needed: bool = False
    """The traffic goes beyond the vendor's published prices: the fee is an estimate."""
    breakeven_month: int | None = None
    """First month from which this option's cumulative cost stays at or below ``direct``'s."""

    @property
    def vendor(self) -> str:
        """The vendor preset of ``buy`` (empty for the other options)."""
        return self.product if self.id == "buy" else ""

    @property
    def cumulative_from_start(self) -> tuple[float, ...]:
        """Month 0 (the up-front costs alone), then the cumulative cost at each month's end."""
        return (self.up_front, *self.cumulative)


# The model also runs on numpy arrays (one value per Monte Carlo draw, see
# gateway_roi.model.uncertainty): these few helpers are the only operations that differ between a float
# and an array.


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
        whole = v.get("downtime_cost_per_hour")
        self.downtime_input = ("downtime_cost_per_hour" if whole is not None
                               else "downtime_cost_per_service_hour")
        """The input outage costs come from: the team's whole-outage figure, or per service."""
        self.outage_rate = ([whole / _maximum(s, 1e-9) for s in self.services] if whole is not None
                            else [v["downtime_cost_per_service_hour"]] * self.months)
        """Cost of one hour of one service's AI features down, month by month (a whole-outage
        figure is shared by however many services there are)."""

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

    def __init__(self, tl: _Timeline, mi: ModelInputs) -> None:
        self.tl = tl
        self.mi = mi
        self.lines: list[CostLine] = []

    def add(self, id: str, label: str, kind: Kind, formula: str, inputs: Sequence[str],
            monthly: Sequence[Any], note: str = "", replaces: Sequence[str] = ()) -> None:
        # Every input is validated non-negative, so every amount already is.
        total = self.tl.pv(monthly)
        amounts = tuple(monthly) if self.tl.detail else ()
        names = list(dict.fromkeys(inputs))
        for level, growth in _GROWS_WITH.items():
            if level in names and growth not in names:
                names.append(growth)
        self.lines.append(CostLine(id, label, kind, formula, tuple(names), amounts,
                                   total, note, tuple(replaces)))

    def labour(self, id: str, label: str, kind: Literal["up_front", "standing"],
               hours_name: str, rate_name: str) -> None:
        """One line of hours at an hourly rate: once at the start (up front) or every month."""
        v, tl = self.mi.values, self.tl
        amount = v[hours_name] * v[rate_name]
        self.add(id, label, kind, f"{hours_name} x {rate_name}", [hours_name, rate_name],
                 tl.at_start(amount) if kind == "up_front" else tl.every_month(amount))

    def services_now_and_new(self, id: str, label: str, hours_name: str, rate_name: str,
                             replaces: Sequence[str] = ()) -> None:
        """Two lines: today's services at the start (up front), each new one as it comes."""
        v, tl = self.mi.values, self.tl
        per_service = v[hours_name] * v[rate_name]
        self.add(id, label, "up_front",
                 f"services today x {hours_name} x {rate_name}",
                 ["services", hours_name, rate_name],
                 tl.at_start(v["services"] * per_service), replaces=replaces)
        self.add(f"{id}_new", f"{label}: each new service", "per_event",
                 f"each new service x {hours_name} x {rate_name}",
                 ["services_added_per_year", hours_name, rate_name],
                 [n * per_service for n in tl.new_services], replaces=replaces)


def _effective_provider_availability(mi: ModelInputs) -> Any:
    """Availability seen by a call, averaged over providers; fallbacks in parallel."""
    a = mi.values["provider_availability"]
    providers = mi.scenario.providers.in_use
    per_provider = [1.0 - (1.0 - a) ** (1 + len(p.fallbacks)) for p in providers]
    return sum(per_provider) / len(per_provider)


def _new_provider_multiplier(mi: ModelInputs) -> Any:
    """How much longer a new provider's onboarding takes, on average over tomorrow's providers."""
    v = mi.values
    return 1.0 + v["new_provider_non_compatible_share"] * (v["non_compatible_factor"] - 1.0)


def _non_compatible_multiplier(mi: ModelInputs) -> float:
    providers = mi.scenario.providers.in_use
    share = sum(not p.openai_compatible for p in providers) / len(providers)
    # No float(): on a decision map, non_compatible_factor is an array of cells.
    multiplier: float = 1.0 + share * (mi.values["non_compatible_factor"] - 1.0)
    return multiplier


def _outage_cost(tl: _Timeline) -> str:
    """How an outage is priced, in formula words."""
    if tl.downtime_input == "downtime_cost_per_hour":
        return "share of services down x downtime_cost_per_hour"
    return "services down x downtime_cost_per_service_hour"


def _provider_downtime_line(b: _Builder, where: str) -> None:
    """Provider outages: each hits only the calls on that provider (fallbacks in parallel)."""
    tl = b.tl
    down = 1.0 - _effective_provider_availability(b.mi)
    b.add(
        "provider_downtime", "Expected downtime from provider outages", "per_event",
        "(1 - provider availability with fallbacks in parallel, averaged over providers) x "
        f"{HOURS_PER_MONTH:g} h/month x {_outage_cost(tl)}: an outage takes down only the "
        f"calls on that provider ({where})",
        ["provider_availability", "services", tl.downtime_input],
        [down * HOURS_PER_MONTH * s * rate for s, rate in zip(tl.services, tl.outage_rate,
                                                              strict=True)],
        note=f"effective provider availability {_num(1.0 - down, '.3%')}",
    )


def _direct(mi: ModelInputs, tl: _Timeline) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    envs = len(mi.scenario.organisation.environments)
    keys = len(mi.scenario.providers.in_use)
    b = _Builder(tl, mi)
    chains = any(p.fallbacks for p in mi.scenario.providers.in_use)
    todo_now = _minimum(v["services"], v["services_missing_fallback"])
    fallback = [
        ((todo_now if m == 0 else 0.0) + tl.new_services[m]) * v["fallback_hours_per_service"] * c
        if chains else 0.0
        for m in range(tl.months)
    ]
    b.add("fallback", "Fallback logic written in each service", "per_event",
          "(services missing fallback now + each new service) x fallback_hours_per_service x "
          "engineer_hour_cost",
          ["services", "services_missing_fallback", "services_added_per_year",
           "fallback_hours_per_service", "engineer_hour_cost"], fallback,
          note="" if chains else "no fallback chains declared: nothing to write")
    per_rotation = v["hours_per_rotation"] + (keys - 1) * v["extra_key_minutes"] / 60
    rot = v["key_rotations_per_year"] / 12 * envs * per_rotation * c
    b.add("rotation", "Key rotations with restarts, per service per environment", "per_event",
          f"key_rotations_per_year / 12 x services x {envs} environments x (hours_per_rotation "
          f"+ {keys - 1} further provider keys x extra_key_minutes / 60) x engineer_hour_cost",
          ["key_rotations_per_year", "services", "hours_per_rotation", "extra_key_minutes",
           "engineer_hour_cost"],
          [rot * s for s in tl.services])
    ncm = _non_compatible_multiplier(mi)
    sdk = keys * v["sdk_upkeep_hours_per_provider_year"] / 12 * ncm * c
    b.add("sdk_upkeep", "One SDK per provider kept current in each service", "per_event",
          f"services x {keys} providers x sdk_upkeep_hours_per_provider_year / 12 x "
          f"non-compatible multiplier {_num(ncm, '.2f')} x engineer_hour_cost",
          ["services", "sdk_upkeep_hours_per_provider_year", "non_compatible_factor",
           "engineer_hour_cost"],
          [sdk * s for s in tl.services])
    new_m = _new_provider_multiplier(mi)
    onboard = [
        (v["new_providers_per_year"] / 12 * v["onboarding_hours_per_service"] * new_m
         + v["new_models_per_year"] / 12 * v["model_switch_hours_per_service"])
        * s * v["adoption_share"] * c
        for s in tl.services
    ]
    b.add("onboarding", "Onboarding new providers and models in each service", "per_event",
          "(new_providers_per_year x onboarding_hours_per_service x new-provider multiplier "
          "(1 + new_provider_non_compatible_share x (non_compatible_factor - 1)) + "
          "new_models_per_year x model_switch_hours_per_service) / 12 x services x "
          "adoption_share x engineer_hour_cost",
          ["new_providers_per_year", "onboarding_hours_per_service",
           "new_provider_non_compatible_share", "non_compatible_factor",
           "new_models_per_year", "model_switch_hours_per_service", "services", "adoption_share",
           "engineer_hour_cost"], onboard)
    setup_h = v["monitoring_setup_hours_per_service"] * c
    b.add("monitoring_setup", "Per-service monitoring and cost instrumentation", "per_event",
          "each new service x monitoring_setup_hours_per_service x engineer_hour_cost "
          "(today's services already have theirs)",
          ["services_added_per_year", "monitoring_setup_hours_per_service",
           "engineer_hour_cost"],
          [n * setup_h for n in tl.new_services])
    upkeep = v["monitoring_upkeep_hours_per_service_month"] * c
    b.add("monitoring_upkeep", "Keeping per-service monitoring and cost reports working",
          "standing", "services x monitoring_upkeep_hours_per_service_month x engineer_hour_cost",
          ["services", "monitoring_upkeep_hours_per_service_month", "engineer_hour_cost"],
          [upkeep * s for s in tl.services])
    _provider_downtime_line(b, "failures stay independent")
    a_red = _redaction(b, "direct")
    return _finish("direct", b, a_red * _effective_provider_availability(mi),
                   "one provider's users (failures stay independent)")


def _automate(mi: ModelInputs, tl: _Timeline) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    envs = len(mi.scenario.organisation.environments)
    keys = len(mi.scenario.providers.in_use)
    b = _Builder(tl, mi)
    b.add("build", "Build the automation: shared client library, hot-reloaded secrets, IaC",
          "up_front", "automate_build_hours x engineer_hour_cost",
          ["automate_build_hours", "engineer_hour_cost"],
          tl.at_start(v["automate_build_hours"] * c))
    b.services_now_and_new("adoption", "Move each service onto the shared library",
                           "automate_adoption_hours_per_service", "engineer_hour_cost",
                           replaces=("fallback", "monitoring_setup"))
    rot = v["key_rotations_per_year"] / 12 * keys * envs * v["secret_rotation_minutes_per_key"] / 60
    b.add("rotation", "Key rotations in the secret manager, no restarts", "per_event",
          f"key_rotations_per_year / 12 x {keys} provider keys x {envs} environments x "
          "secret_rotation_minutes_per_key / 60 x engineer_hour_cost",
          ["key_rotations_per_year", "secret_rotation_minutes_per_key", "engineer_hour_cost"],
          tl.every_month(rot * c), replaces=("rotation",))
    b.add("secret_store", "Secret manager fees", "standing",
          f"{keys} provider keys x {envs} environments x secret_manager_cost_per_secret_month",
          ["secret_manager_cost_per_secret_month"],
          tl.every_month(keys * envs * v["secret_manager_cost_per_secret_month"]))
    ncm = _non_compatible_multiplier(mi)
    new_m = _new_provider_multiplier(mi)
    onboard = [
        (v["new_providers_per_year"] / 12
         * (v["library_adapter_hours"] * new_m
            + s * v["adoption_share"] * v["config_hours_per_service"])
         + v["new_models_per_year"] / 12 * s * v["adoption_share"] * v["config_hours_per_service"])
        * c
        for s in tl.services
    ]
    b.add("onboarding", "New providers once in the library, then config per service",
          "per_event",
          "(new_providers_per_year x (library_adapter_hours x new-provider multiplier + "
          "services x adoption_share x config_hours_per_service) + new_models_per_year x "
          "services x adoption_share x config_hours_per_service) / 12 x engineer_hour_cost",
          ["new_providers_per_year", "library_adapter_hours", "new_provider_non_compatible_share",
           "non_compatible_factor", "services", "adoption_share", "config_hours_per_service",
           "new_models_per_year", "engineer_hour_cost"], onboard, replaces=("onboarding",))
    upkeep = (v["automate_upkeep_hours_per_month"]
              + keys * v["library_upkeep_hours_per_provider_month"] * ncm) * c
    b.add("upkeep", "Maintaining the library and scripts, one adapter per provider", "standing",
          f"(automate_upkeep_hours_per_month + {keys} providers x "
          f"library_upkeep_hours_per_provider_month x non-compatible multiplier {_num(ncm, '.2f')}) x "
          "engineer_hour_cost",
          ["automate_upkeep_hours_per_month", "library_upkeep_hours_per_provider_month",
           "non_compatible_factor", "engineer_hour_cost"],
          tl.every_month(upkeep), replaces=("sdk_upkeep",))
    rollout = v["library_releases_per_year"] / 12 * v["library_rollout_hours_per_service"] * c
    b.add("rollout", "Rolling each library release out to every service", "per_event",
          "library_releases_per_year / 12 x services x library_rollout_hours_per_service x "
          "engineer_hour_cost",
          ["library_releases_per_year", "services", "library_rollout_hours_per_service",
           "engineer_hour_cost"],
          [s * rollout for s in tl.services])
    _lag_and_bypass(b, "library", "library_lag_blocked_share", "library_bypass_share",
                    "Direct paths around the library for provider-specific features")
    b.add("monitoring", "Central dashboards from the library's metrics", "standing",
          "monitoring_upkeep_hours_gateway x engineer_hour_cost",
          ["monitoring_upkeep_hours_gateway", "engineer_hour_cost"],
          tl.every_month(v["monitoring_upkeep_hours_gateway"] * c),
          replaces=("monitoring_upkeep",))
    _provider_downtime_line(b, "failures stay independent; the library carries the fallback "
                               "chains")
    a_red = _redaction(b, "automate")
    return _finish("automate", b, a_red * _effective_provider_availability(mi),
                   "one provider's users (failures stay independent)")


def _lag_and_bypass(b: _Builder, layer: str, lag_share: str, bypass_share: str,
                    bypass_label: str, missing_native: Sequence[str] = (),
                    product: str = "") -> None:
    """The abstraction's two leaks: new models it does not carry yet, paths around it.

    ``missing_native``: required provider-native APIs the layer does not pass through; each
    sends ``native_api_bypass_share`` more of the services around it.
    """
    v, tl = b.mi.values, b.tl
    c = v["engineer_hour_cost"]
    lag = ((v["new_providers_per_year"] + v["new_models_per_year"]) / 12
           * v[lag_share] * v["lag_workaround_hours"] * c)
    b.add("lag", f"Lag before new models/providers work through the {layer}", "per_event",
          f"(new_providers_per_year + new_models_per_year) / 12 x {lag_share} x "
          "lag_workaround_hours x engineer_hour_cost",
          ["new_providers_per_year", "new_models_per_year", lag_share,
           "lag_workaround_hours", "engineer_hour_cost"], tl.every_month(lag))
    if missing_native:
        share = _minimum(v[bypass_share] + len(missing_native) * v["native_api_bypass_share"],
                         1.0)
        bypass = share * v["bypass_upkeep_hours_per_month"] * c
        b.add("bypass", bypass_label, "standing",
              f"services x min(1, {bypass_share} + {len(missing_native)} required native APIs "
              "not passed through x native_api_bypass_share) x bypass_upkeep_hours_per_month x "
              "engineer_hour_cost",
              ["services", bypass_share, "native_api_bypass_share",
               "bypass_upkeep_hours_per_month", "engineer_hour_cost"],
              [s * bypass for s in tl.services],
              note=f"{product} does not pass through {', '.join(missing_native)}: services "
                   "that need them call the provider directly")
        return
    bypass = v[bypass_share] * v["bypass_upkeep_hours_per_month"] * c
    b.add("bypass", bypass_label, "standing",
          f"services x {bypass_share} x bypass_upkeep_hours_per_month x engineer_hour_cost",
          ["services", bypass_share, "bypass_upkeep_hours_per_month", "engineer_hour_cost"],
          [s * bypass for s in tl.services])


def monthly_vendor_fee(preset: VendorPreset, requests: Any, spend: Any, usd_rate: Any) -> Any:
    """A SaaS gateway's fee for one month, in the scenario currency."""
    usage: Any = 0.0
    previous = preset.included_requests
    for up_to, per_million in preset.tiers:
        top = requests if up_to is None else _minimum(requests, up_to)
        usage = usage + _maximum(top - previous, 0.0) * per_million / 1e6
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


def _required(mi: ModelInputs) -> tuple[frozenset[str], frozenset[str]]:
    """(required governance needs a gateway product can meet, required routing)."""
    s = mi.scenario
    needs = frozenset(k for k, lvl in s.needs.governance if lvl == "required") - {"compliance"}
    routing = frozenset(k for k, lvl in s.needs.routing if lvl == "required")
    return needs, routing


def _buy_required(mi: ModelInputs) -> frozenset[str]:
    """Required governance needs plus what the scenario's facts ask of a SaaS vendor.

    ``data_contract`` when the compliance level is ``vendor_contract``; ``private_endpoints``
    when a provider is one the team runs itself.
    """
    needs, _ = _required(mi)
    extra = set()
    if compliance_level(mi.scenario) == "vendor_contract":
        extra.add("data_contract")
    if any(p.self_hosted for p in mi.scenario.providers.in_use):
        extra.add("private_endpoints")
    return needs | extra


def _vendor_capabilities(preset: VendorPreset) -> frozenset[str]:
    """What a preset offers, as the needs :func:`_buy_required` names."""
    extra = {"data_contract"} if preset.data_contract else set()
    if preset.private_endpoints:
        extra.add("private_endpoints")
    return preset.meets | extra


def _required_native(mi: ModelInputs) -> frozenset[str]:
    """Provider-native APIs the scenario requires."""
    apis = mi.scenario.needs.native_apis
    return frozenset(k for k in NATIVE_APIS if getattr(apis, k) == "required")


def _vendor_routing(mi: ModelInputs, preset: VendorPreset) -> frozenset[str]:
    supported = mi.scenario.buy.routing_supported
    return frozenset(supported) if supported is not None else preset.routing


def _fits(mi: ModelInputs, meets: frozenset[str], routing: frozenset[str]) -> tuple[bool, bool]:
    needs, wanted = _required(mi)
    return needs <= meets, wanted <= routing


def _choose_vendor(mi: ModelInputs, tl: _Timeline) -> tuple[VendorPreset, list[Any], str]:
    """The preset ``buy`` prices: the scenario's, or the cheapest that can do what is required.

    ``auto`` compares fully priced presets that meet every required need and routing; when
    none does, those that meet the needs; when none does either, all of them (the option then
    shows what no vendor covers). With arrays of draws or map cells, each element takes its
    own cheapest preset.
    """
    chosen = mi.scenario.buy.vendor
    requests, spend = tl.requests, tl.spend
    scalar = all(_is_scalar(x) for x in (*requests[:1], *spend[:1], mi.usd_rate))

    def fees(p: VendorPreset) -> list[Any]:
        if scalar:
            return list(_vendor_fees(p.id, tuple(requests), tuple(spend), mi.usd_rate))
        return [monthly_vendor_fee(p, r, s_, mi.usd_rate) for r, s_ in zip(requests, spend,
                                                                            strict=True)]

    if chosen != "auto":
        preset = VENDOR_PRESETS[chosen]
        return preset, fees(preset), "chosen in the scenario (buy.vendor)"
    priced = [p for p in VENDOR_PRESETS.values() if p.fully_priced]
    wanted = _buy_required(mi)
    both = [p for p in priced if wanted <= _vendor_capabilities(p)
            and _fits(mi, p.meets, _vendor_routing(mi, p))[1]]
    needs_only = [p for p in priced if wanted <= _vendor_capabilities(p)]
    # Facts of the scenario (a data contract, private endpoints) before governance needs.
    facts = wanted - _required(mi)[0]
    reachable = [p for p in priced if facts <= _vendor_capabilities(p)]
    pool, why = ((both, "cheapest preset that meets every required need and routing") if both
                 else (needs_only, "cheapest preset that meets every required need; none "
                                   "expresses the required routing") if needs_only
                 else (reachable, "cheapest preset that offers "
                                  + " and ".join(sorted(facts)).replace("_", " ")
                                  + "; none meets every required need")
                 if facts and reachable
                 else (priced, "cheapest preset; none meets every required need"))
    series = {p.id: fees(p) for p in pool}
    totals = {p.id: tl.pv(series[p.id]) for p in pool}
    # The totals are arrays whenever any input is (the discount rate on a decision map, say),
    # even when requests and spend are plain numbers.
    if all(_is_scalar(t) for t in totals.values()):
        best = min(pool, key=lambda p: (totals[p.id], p.id))
        return best, series[best.id], why
    import numpy as np

    # Each draw or cell takes its own cheapest preset; the first such is named.
    ids = [p.id for p in pool]
    stacked = np.stack([np.broadcast_to(np.asarray(totals[k], dtype=float),
                                        np.broadcast_shapes(*(np.shape(totals[i]) for i in ids)))
                        for k in ids])
    pick = stacked.argmin(axis=0)
    monthly = [np.choose(pick, [np.broadcast_to(np.asarray(series[k][m], dtype=float),
                                                pick.shape) for k in ids])
               for m in range(tl.months)]
    first = VENDOR_PRESETS[ids[int(np.bincount(pick.ravel(), minlength=len(ids)).argmax())]]
    return first, monthly, why + " (chosen per draw)"


def _choose_gateway(mi: ModelInputs) -> OpenSourceGateway:
    """The open-source gateway ``self_host`` runs: the scenario's, or the first that fits.

    ``auto`` prefers a gateway whose free edition does what is required, then one whose paid
    tier does (self-hosting then pays its licence), then one that meets the needs without the
    routing.
    """
    chosen = mi.scenario.self_host.gateway
    if chosen != "auto":
        return OSS_GATEWAYS[chosen]
    gateways = list(OSS_GATEWAYS.values())
    return (next((g for g in gateways if all(_fits(mi, g.meets, g.routing))), None)
            or next((g for g in gateways if all(_fits(mi, g.meets | g.paid, g.routing))), None)
            or next((g for g in gateways if _fits(mi, g.meets, g.routing)[0]), None)
            or next((g for g in gateways if _fits(mi, g.meets | g.paid, g.routing)[0]), None)
            or gateways[0])


def _gateway_common(b: _Builder, option: OptionId, adapter_hours: Any,
                    adapter_inputs: Sequence[str], latency_ms_name: str,
                    passes: frozenset[str] | None = None, product: str = "") -> None:
    """Lines every gateway option has; ``passes``: native APIs it carries (None: all)."""
    mi, tl = b.mi, b.tl
    v = mi.values
    c = v["engineer_hour_cost"]
    ops = v["platform_hour_cost"]
    envs = len(mi.scenario.organisation.environments)
    keys = len(mi.scenario.providers.in_use)
    b.services_now_and_new("integration", "Move each service behind the gateway",
                           "gateway_integration_hours_per_service", "engineer_hour_cost",
                           replaces=("fallback", "monitoring_setup"))
    if option == "buy":
        rot = v["key_rotations_per_year"] / 12 * keys * envs * v["secret_rotation_minutes_per_key"] / 60
        b.add("key_changes", "Key rotations in the vendor's console", "per_event",
              f"key_rotations_per_year / 12 x {keys} provider keys x {envs} environments x "
              "secret_rotation_minutes_per_key / 60 x engineer_hour_cost",
              ["key_rotations_per_year", "secret_rotation_minutes_per_key", "engineer_hour_cost"],
              tl.every_month(rot * c), replaces=("rotation",))
    else:
        rot = v["key_rotations_per_year"] / 12 * envs * v["gateway_change_hours"]
        b.add("key_changes", "Key rotations as gateway changes (window, canary, rollback plan)",
              "standing",
              f"key_rotations_per_year / 12 x {envs} environments x gateway_change_hours x "
              "platform_hour_cost: every change touches every service at once",
              ["key_rotations_per_year", "gateway_change_hours", "platform_hour_cost"],
              tl.every_month(rot * ops), replaces=("rotation",))
    cfg = v["adoption_share"] * v["config_hours_per_service"]
    onboard = [
        (v["new_providers_per_year"] / 12 * (adapter_hours + s * cfg)
         + v["new_models_per_year"] / 12 * s * cfg) * c
        for s in tl.services
    ]
    b.add("onboarding", "New providers and models: gateway support, then each service",
          "per_event",
          f"(new_providers_per_year x ({_num(adapter_hours, '.3g')} h gateway-side + services x "
          "adoption_share x config_hours_per_service) + new_models_per_year x services x "
          "adoption_share x config_hours_per_service) / 12 x engineer_hour_cost",
          ["new_providers_per_year", *adapter_inputs, "services", "adoption_share",
           "config_hours_per_service", "new_models_per_year", "engineer_hour_cost"],
          onboard, replaces=("onboarding", "sdk_upkeep"))
    _in_house_endpoints(b, option)
    missing = sorted(_required_native(mi) - passes) if passes is not None else []
    _lag_and_bypass(b, "gateway", "lag_blocked_share", "bypass_share",
                    "Backdoor paths around the gateway (leaky abstraction)", missing,
                    product or option)
    per_ms = v[latency_ms_name] * v["latency_loss_per_ms"] * v["interactive_share"]
    b.add("latency", "Added latency on every interactive call", "standing",
          f"monthly_provider_spend (what the calls are worth at least) x {latency_ms_name} x "
          "latency_loss_per_ms x interactive_share",
          ["monthly_provider_spend", latency_ms_name, "latency_loss_per_ms",
           "interactive_share"],
          [sp * per_ms for sp in tl.spend],
          note=f"{_num(v[latency_ms_name], 'g')} ms added per call")
    _provider_downtime_line(b, "the gateway carries the fallback chains")


def _in_house_endpoints(b: _Builder, option: OptionId) -> None:
    """What fronting the models the team serves itself adds to a gateway option.

    The models' own serving (GPUs, vLLM upgrades, their pages) is the same whichever option the
    team picks, so it is left out of the comparison. What differs: behind a gateway, each
    in-house endpoint needs limits matched to its GPU replicas, spill-over and health checks,
    retuned whenever its capacity changes; a SaaS gateway also needs a private link to reach
    them.
    """
    mi, tl = b.mi, b.tl
    v = mi.values
    names = [p.name for p in mi.scenario.providers.in_use if p.self_hosted]
    if not names:
        return
    ops = v["platform_hour_cost"]
    n = len(names)
    listed = ", ".join(f"'{name}'" for name in names)
    b.add("in_house_setup", "Put the in-house models behind the gateway", "up_front",
          f"{n} in-house models x in_house_endpoint_setup_hours x platform_hour_cost"
          + (" + private_connectivity_setup_hours x platform_hour_cost (the vendor reaches "
             "them over a private link)" if option == "buy" else ""),
          ["in_house_endpoint_setup_hours", "platform_hour_cost",
           *(["private_connectivity_setup_hours"] if option == "buy" else [])],
          tl.at_start((n * v["in_house_endpoint_setup_hours"]
                       + (v["private_connectivity_setup_hours"] if option == "buy" else 0.0))
                      * ops),
          note=f"models the team runs itself: {listed}")
    b.add("in_house_capacity",
          "In-house models' limits retuned, and the private link to them" if option == "buy"
          else "In-house models' limits retuned as their capacity changes", "standing",
          f"{n} in-house models x in_house_endpoint_hours_per_month x platform_hour_cost"
          + (" + private_connectivity_cost_per_month" if option == "buy" else ""),
          ["in_house_endpoint_hours_per_month", "platform_hour_cost",
           *(["private_connectivity_cost_per_month"] if option == "buy" else [])],
          tl.every_month(n * v["in_house_endpoint_hours_per_month"] * ops
                         + (v["private_connectivity_cost_per_month"] if option == "buy"
                            else 0.0)),
          note="serving the models, pages included, costs the same in every option and is "
               "not compared")


def _redaction(b: _Builder, option: OptionId) -> Any:
    """The in-house redaction step of ``compliance_level: redact_in_house`` (availability 1 if none).

    It sits in front of every call that leaves: to external providers (every option) and, for
    ``buy``, to the vendor. Its build, its run and its downtime are lines of their own: one more
    single point of failure in front of every call.
    """
    mi, tl = b.mi, b.tl
    v = mi.values
    if compliance_level(mi.scenario) != "redact_in_house":
        return 1.0
    if not external_providers(mi.scenario) and option != "buy":
        return 1.0  # every model runs in-house: nothing leaves
    c = v["engineer_hour_cost"]
    b.add("redaction_build", "Build the in-house redaction of personal data", "up_front",
          "redaction_build_hours x engineer_hour_cost",
          ["redaction_build_hours", "engineer_hour_cost"],
          tl.at_start(v["redaction_build_hours"] * c),
          note="compliance level redact_in_house: personal data is redacted before any third "
               "party sees it")
    b.add("redaction_run", "Run and keep the redaction step right", "standing",
          "min_replicas x instance_cost_per_month + redaction_upkeep_hours_per_month x "
          "engineer_hour_cost",
          ["min_replicas", "instance_cost_per_month", "redaction_upkeep_hours_per_month",
           "engineer_hour_cost"],
          tl.every_month(v["min_replicas"] * v["instance_cost_per_month"]
                         + v["redaction_upkeep_hours_per_month"] * c))
    a_red = v["redactor_availability"]
    b.add("redaction_downtime", "Expected downtime of the redactor (every call that leaves)",
          "standing",
          f"(1 - redactor_availability) x {HOURS_PER_MONTH:g} h/month x every service x "
          f"{tl.downtime_input}: in series with every call, one more single point of failure",
          ["redactor_availability", "services", tl.downtime_input],
          [(1.0 - a_red) * HOURS_PER_MONTH * s * rate
           for s, rate in zip(tl.services, tl.outage_rate, strict=True)])
    return a_red


_GATEWAY_AVAILABILITY: Mapping[str, str] = {
    "buy": "vendor_availability", "self_host": "self_host_availability",
    "build": "build_availability",
}


def _gateway_downtime(b: _Builder, option: OptionId) -> Any:
    v, tl = b.mi.values, b.tl
    name = _GATEWAY_AVAILABILITY[option]
    a_gw = v[name]
    b.add("gateway_downtime", "Expected downtime of the gateway itself (all services at once)",
          "standing",
          f"(1 - {name}) x {HOURS_PER_MONTH:g} h/month x every service x "
          f"{tl.downtime_input}: in series with every provider, one failure takes down every "
          "service's AI features",
          [name, "services", tl.downtime_input],
          [(1.0 - a_gw) * HOURS_PER_MONTH * s * rate
           for s, rate in zip(tl.services, tl.outage_rate, strict=True)])
    return a_gw


def _buy(mi: ModelInputs, tl: _Timeline) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    b = _Builder(tl, mi)
    preset, fees, why = _choose_vendor(mi, tl)
    quote_needed = (tl.detail and preset.published_up_to is not None and "buy_quote" not in v
                    and max(tl.requests) > preset.published_up_to)
    if "buy_quote" in v:
        b.add("fees", f"{preset.name} fees (quoted)", "standing",
              "buy.quote every month (the fee the team was quoted)", ["buy_quote"],
              tl.every_month(v["buy_quote"]),
              note=f"vendor preset '{preset.id}' ({why}); its published price is replaced by "
                   "the quote")
    else:
        b.add("fees", f"{preset.name} fees ({preset.pricing_model})", "standing",
              f"{preset.name}: {preset.notes} Applied to monthly_requests and "
              "monthly_provider_spend as they grow",
              ["monthly_requests", "monthly_provider_spend", "traffic_growth_per_year"], fees,
              note=f"vendor preset '{preset.id}' ({why}); prices from {preset.source}, as of "
                   f"{preset.as_of}" + ("; QUOTE NEEDED: traffic goes beyond the published "
                                        "prices, so the fee is extrapolated at the last "
                                        "published rate (EST)" if quote_needed else ""))
    b.labour("vendor_admin", "Administering the vendor's gateway", "standing",
             "vendor_admin_hours_per_month", "engineer_hour_cost")
    _gateway_common(b, "buy", 0.0, (), "hosted_gateway_latency_ms", preset.native_apis,
                    preset.name)
    exit_monthly = v["vendor_exit_rate_per_year"] / 12 * v["migration_hours_per_service"] * c
    b.add("lock_in", "Lock-in: expected cost of migrating away from the vendor", "per_event",
          "vendor_exit_rate_per_year / 12 x services x migration_hours_per_service x "
          "engineer_hour_cost (a yearly chance: the longer the horizon, the more it costs)",
          ["vendor_exit_rate_per_year", "services", "migration_hours_per_service",
           "engineer_hour_cost"],
          [exit_monthly * s for s in tl.services])
    compliance = mi.scenario.needs.governance.compliance
    level = compliance_level(mi.scenario)
    review = compliance != "no" or level in ("vendor_contract", "redact_in_house")
    b.add("compliance_review", "Data-egress review: prompts and responses leave through a vendor",
          "up_front", "compliance_review_hours x engineer_hour_cost, when compliance matters",
          ["compliance_review_hours", "engineer_hour_cost"],
          tl.at_start(v["compliance_review_hours"] * c if review else 0.0),
          note="" if review else "compliance is not a need: no review")
    a_gw = _gateway_downtime(b, "buy")
    a_red = _redaction(b, "buy")
    _, routing = _required(mi)
    gaps = tuple(sorted(_buy_required(mi) - _vendor_capabilities(preset)))
    unmet = tuple(sorted(routing - _vendor_routing(mi, preset)))
    walled = level in ("no_third_party_gateway", "stay_in_house")
    return replace(
        _finish("buy", b, a_gw * a_red * _effective_provider_availability(mi),
                "every service at once (the vendor is a shared single point of failure)",
                gaps=gaps, unmet_routing=unmet, compliance_walled=walled,
                strategic_walled=mi.scenario.buy.strategic, product=preset.name),
        product=preset.id, quote_needed=bool(quote_needed))


def _self_run(mi: ModelInputs, tl: _Timeline, option: OptionId) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    ops = v["platform_hour_cost"]
    b = _Builder(tl, mi)
    ncm = _non_compatible_multiplier(mi)
    new_m = _new_provider_multiplier(mi)
    keys = len(mi.scenario.providers.in_use)
    if option == "self_host":
        gateway: OpenSourceGateway | None = _choose_gateway(mi)
        b.add("setup", "Deploy the open-source gateway to production grade", "up_front",
              "self_host_setup_hours x platform_hour_cost (monitoring, alerting and hardening "
              "included)", ["self_host_setup_hours", "platform_hour_cost"],
              tl.at_start(v["self_host_setup_hours"] * ops),
              note=f"open-source gateway: {gateway.name if gateway else ''}")
        adapter_hours, adapter_inputs = v["config_hours_per_service"] * new_m, (
            "config_hours_per_service", "new_provider_non_compatible_share",
            "non_compatible_factor")
    else:
        gateway = None
        b.labour("development", "Develop the in-house gateway", "up_front",
                 "build_initial_hours", "engineer_hour_cost")
        b.add("adapters", "Adapters for the providers in use", "up_front",
              f"{keys} providers x library_adapter_hours x non-compatible multiplier "
              f"{_num(ncm, '.2f')} x engineer_hour_cost",
              ["library_adapter_hours", "non_compatible_factor", "engineer_hour_cost"],
              tl.at_start(keys * v["library_adapter_hours"] * ncm * c))
        b.labour("monitoring_setup", "Gateway monitoring and alerting", "up_front",
                 "monitoring_setup_hours_gateway", "platform_hour_cost")
        b.labour("security_setup", "Security hardening", "up_front",
                 "security_hardening_hours", "platform_hour_cost")
        adapter_hours, adapter_inputs = v["library_adapter_hours"] * new_m, (
            "library_adapter_hours", "new_provider_non_compatible_share",
            "non_compatible_factor")
    b.add("readiness", "Production readiness before the rotation takes it", "up_front",
          "readiness_hours x platform_hour_cost (SLOs, alerts, runbooks, a drill, the review)",
          ["readiness_hours", "platform_hour_cost"], tl.at_start(v["readiness_hours"] * ops))
    peak_rps = [r / (HOURS_PER_MONTH * 3600) * v["peak_to_average"] for r in tl.requests]
    per_instance = _maximum(v["instance_requests_per_second"], 1e-9)
    replicas = [_maximum(_ceil(p / per_instance), v["min_replicas"]) for p in peak_rps]
    fixed = v["database_cost_per_month"] + v["cache_cost_per_month"]
    b.add("infrastructure", "HA infrastructure: replicas, database, cache", "standing",
          "max(min_replicas, ceil(monthly_requests / 730 h / 3600 s x peak_to_average / "
          "instance_requests_per_second)) x instance_cost_per_month + database_cost_per_month + "
          "cache_cost_per_month",
          ["min_replicas", "monthly_requests", "traffic_growth_per_year", "peak_to_average",
           "instance_requests_per_second", "instance_cost_per_month", "database_cost_per_month",
           "cache_cost_per_month"],
          [n * v["instance_cost_per_month"] + fixed for n in replicas],
          note=f"{_num(replicas[0], 'g')} instances at the start, {_num(replicas[-1], 'g')} at the end")
    gb_per_request = v["log_kb_per_request"] / 1e6 * v["log_retention_months"]
    b.add("log_storage", "Request logs kept in the database", "standing",
          "monthly_requests x log_kb_per_request / 1,000,000 KB per GB x log_retention_months x "
          "storage_cost_per_gb_month",
          ["monthly_requests", "log_kb_per_request", "log_retention_months",
           "storage_cost_per_gb_month"],
          [r * gb_per_request * v["storage_cost_per_gb_month"] for r in tl.requests])
    b.add("monitoring_upkeep", "Keeping gateway dashboards and alerts useful", "standing",
          "monitoring_upkeep_hours_gateway x platform_hour_cost",
          ["monitoring_upkeep_hours_gateway", "platform_hour_cost"],
          tl.every_month(v["monitoring_upkeep_hours_gateway"] * ops),
          replaces=("monitoring_upkeep",))
    b.labour("capacity", "Capacity planning and rate-limit tuning", "standing",
             "capacity_planning_hours_per_month", "platform_hour_cost")
    if option == "self_host":
        b.add("upgrades", "Upgrades (each one a change to everyone's AI path)", "standing",
              "upgrades_per_year / 12 x upgrade_hours x platform_hour_cost",
              ["upgrades_per_year", "upgrade_hours", "platform_hour_cost"],
              tl.every_month(v["upgrades_per_year"] / 12 * v["upgrade_hours"] * ops))
    else:
        b.labour("features", "Custom development as needs evolve", "standing",
                 "build_feature_hours_per_month", "engineer_hour_cost")
    b.labour("security_upkeep", "Patches, CVEs, supply-chain checks", "standing",
             "security_upkeep_hours_per_month", "platform_hour_cost")
    stipend = v["oncall_stipend_per_week"] * 52 / 12
    if mi.scenario.team.on_call_24x7:
        b.add("on_call", "24x7 on-call: the existing rotation takes the gateway", "standing",
              "existing_rotation_added_hours_per_month x platform_hour_cost + "
              "secondary_oncall_share x oncall_stipend_per_week x 52 / 12",
              ["existing_rotation_added_hours_per_month", "platform_hour_cost",
               "secondary_oncall_share", "oncall_stipend_per_week"],
              tl.every_month(v["existing_rotation_added_hours_per_month"] * ops
                             + v["secondary_oncall_share"] * stipend))
    else:
        readiness = v["oncall_rotation_size"] * v["oncall_readiness_hours_per_person_month"] * ops
        b.add("on_call", "24x7 on-call: a new rotation stood up for the gateway", "standing",
              "oncall_stipend_per_week x 52 / 12 + oncall_rotation_size x "
              "oncall_readiness_hours_per_person_month x platform_hour_cost",
              ["oncall_stipend_per_week", "oncall_rotation_size",
               "oncall_readiness_hours_per_person_month", "platform_hour_cost"],
              tl.every_month(stipend + readiness),
              note="no existing 24x7 rotation: sized per SRE practice")
    b.add("incidents", "Gateway incidents (leaks, bad upgrades, config errors)", "standing",
          "gateway_incidents_per_year / 12 x incident_hours x platform_hour_cost",
          ["gateway_incidents_per_year", "incident_hours", "platform_hour_cost"],
          tl.every_month(v["gateway_incidents_per_year"] / 12 * v["incident_hours"] * ops))
    global_hours = v["global_incidents_per_year"] / 12 * v["global_incident_hours"]
    b.add("global_outages", "Bad upgrades and config pushes: every service down at once",
          "standing",
          "global_incidents_per_year / 12 x global_incident_hours x every service x "
          f"{tl.downtime_input} (the correlated failure a shared gateway adds)",
          ["global_incidents_per_year", "global_incident_hours", "services",
           tl.downtime_input],
          [global_hours * s * rate for s, rate in zip(tl.services, tl.outage_rate, strict=True)])
    _gateway_common(b, option, adapter_hours, adapter_inputs, "self_hosted_latency_ms",
                    gateway.native_apis if gateway is not None else None,
                    gateway.name if gateway is not None else "")
    licensed: tuple[str, ...] = ()
    if gateway is not None:
        licensed = _licence(b, gateway)
    a_gw = _gateway_downtime(b, option)
    a_red = _redaction(b, option)
    availability = a_gw * a_red * _effective_provider_availability(mi)
    radius = "every service at once (the gateway is a single point of failure)"
    if gateway is None:
        return _finish(option, b, availability, radius)
    needs, routing = _required(mi)
    return replace(
        _finish(option, b, availability, radius,
                gaps=tuple(sorted(needs - gateway.meets - gateway.paid)),
                unmet_routing=tuple(sorted(routing - gateway.routing)), product=gateway.name),
        product=gateway.id, licence_needed=licensed)


def _licence(b: _Builder, gateway: OpenSourceGateway) -> tuple[str, ...]:
    """The enterprise licence line when a required need sits only in the paid tier."""
    mi, tl = b.mi, b.tl
    needs, _ = _required(mi)
    paid = tuple(sorted((needs - gateway.meets) & gateway.paid))
    if not paid:
        return ()
    if "self_host_licence" in mi.values:
        b.add("licence", f"{gateway.name} enterprise licence (quoted)", "standing",
              "self_host.licence every month (the licence the team was quoted)",
              ["self_host_licence"], tl.every_month(mi.values["self_host_licence"]),
              note=f"required {', '.join(paid)} only in the paid tier")
    else:
        b.add("licence", f"{gateway.name} enterprise licence", "standing",
              "oss_licence_per_month every month", ["oss_licence_per_month"],
              tl.every_month(mi.values["oss_licence_per_month"]),
              note=f"required {', '.join(paid)} only in the paid tier ({gateway.licence_source})"
                   "; QUOTE NEEDED: no published price, EST until the team is quoted "
                   "(set self_host.licence)")
    return paid


def _finish(option: OptionId, b: _Builder, availability: Any, blast_radius: str, *,
            gaps: tuple[str, ...] | None = None, unmet_routing: tuple[str, ...] = (),
            compliance_walled: bool = False, strategic_walled: bool = False,
            product: str = "") -> OptionCosts:
    """Add the lines up and say whether the option can meet what is required."""
    lines = tuple(b.lines)
    per_month = map(operator.mul, map(sum, zip(*(line.monthly for line in lines), strict=False)),
                    b.tl.discount)
    cumulative = list(itertools.accumulate(per_month))
    required = frozenset(k for k, lvl in b.mi.scenario.needs.governance if lvl == "required")
    if gaps is None:
        meets = NON_GATEWAY_MEETS.get(option)
        gaps = tuple(sorted(required - meets)) if meets is not None else ()
    reasons = []
    if gaps:
        reasons.append(f"leaves required governance unmet: {', '.join(gaps)}")
    if compliance_walled:
        reasons.append("compliance is required and a SaaS gateway sends data through a vendor")
    if strategic_walled:
        reasons.append("the gateway is part of the product the team sells (buy.strategic): "
                       "buying it is walled off")
    if unmet_routing:
        reasons.append(f"{product or option} cannot express the required routing: "
                       f"{', '.join(unmet_routing)}")
    by_kind = {k: sum(line.total for line in lines if line.kind == k) for k in KINDS}
    return OptionCosts(
        id=option,
        label=OPTION_LABELS[option],
        lines=lines,
        total=sum(line.total for line in lines),
        up_front=by_kind["up_front"],
        per_event=by_kind["per_event"],
        standing=by_kind["standing"],
        cumulative=tuple(cumulative),
        availability=availability,
        blast_radius=blast_radius,
        gaps=gaps,
        unmet_routing=unmet_routing,
        compliance_walled=compliance_walled,
        strategic_walled=strategic_walled,
        feasible=not reasons,
        infeasible_reason="; ".join(reasons),
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
    break-even months): what a Monte Carlo run or a decision map over arrays needs, in flat
    memory.
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
