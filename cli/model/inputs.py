"""The numbers the cost model reads: a scenario field, an ``assumptions:`` override or a default.

Pure. Each :class:`Input` keeps where its value came from (field, source, date, estimate or not),
so every cost line can name the provenance of the figures it used. Money defaults reach the
scenario's currency by their kind: prices at the exchange rate, labour from the region's own
figure, local costs in proportion to the region's labour cost.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from gateway_roi.model.arrays import num
from gateway_roi.model.assumptions import (
    ASSUMPTIONS,
    REGIONAL_LABOUR,
)
from gateway_roi.model.facts import FactBook, bundled_facts
from gateway_roi.model.fields import attribute_at as _get
from gateway_roi.model.ranges import Range
from gateway_roi.model.scenario import Scenario, field_for_assumption

__all__ = [
    "FACT_FIELDS",
    "Input",
    "ModelInputs",
    "default_figure",
    "resolve_inputs",
    "people_per_service",
]


_US_ENGINEER_HOUR = ASSUMPTIONS["engineer_hour_cost"].value


_PLATFORM_RATIO = ASSUMPTIONS["platform_hour_cost"].value / _US_ENGINEER_HOUR


_SAME_DRAW_AS_SELF_HOST = ("build_availability", "redactor_availability")
"""Availabilities of self-run services drawn together with ``self_host_availability``."""

_POINT_ONLY = frozenset({"engineers_per_ai_service"})
"""Estimates whose range reaches the model through another input: engineers per service
widens the services a scenario states in people (:func:`resolve_inputs`)."""


@dataclass(frozen=True)
class Input:
    """One number the model used, and where it came from."""

    name: str
    value: float
    unit: str
    origin: Literal["scenario", "unknown", "override", "settings", "default"]
    """``scenario``: a field of the file; ``unknown``: a field the file answers ``unknown``
    (the value is the one taken, sampled over its range); ``override``: the file's
    ``assumptions:``; ``settings``: the project settings (``source`` names the file, line and
    key); ``default``: a sourced default figure."""
    field: str
    """Where to set it in a scenario (dotted path), e.g. for ``--set``."""
    written: Range | None = None
    source: str | None = None
    as_of: str | None = None
    estimate: bool = False
    description: str = ""
    estimated: Range | None = None
    """For a default that is an estimate (ours, or a quote no vendor publishes): the range its
    source states and reasons, in the scenario's currency. Sampled, in the tornado and valued as
    information like a range the user writes; a value written in the scenario replaces it."""

    @property
    def spread(self) -> Range | None:
        """The range the analysis samples: the one written, else the estimate's.

        None for a fixed figure.
        """
        for r in (self.written, self.estimated):
            if r is not None and not r.is_fixed:
                return r
        return None


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


FACT_FIELDS: Mapping[str, str] = {name: path for name, (path, _) in _FACTS.items()}
"""The scenario's own facts the model reads, input name -> field path (every scenario has
each; the model reads them through :attr:`ModelInputs.values`)."""


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
    facts: FactBook = field(default_factory=bundled_facts)
    """The products the ``buy`` and ``self_host`` options choose among (bundled, or merged
    with a team's own facts file)."""

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


def people_per_service(scenario: Scenario) -> float:
    """Engineers building with AI per AI-calling service: the scenario's own figure, else ours."""
    written = scenario.assumptions.get("engineers_per_ai_service")
    return float(written.likely if written is not None
                 else ASSUMPTIONS["engineers_per_ai_service"].value)


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


QUOTE_PREFIX = "quote_"
"""How the name of an input holding our estimate of an unpublished price begins."""


def quote_input(product: str, plan: str) -> str:
    """The input that holds our estimate of a plan's unpublished price (quote needed)."""
    return QUOTE_PREFIX + f"{product}_{plan}".replace("-", "_")


def _assumption_fields() -> list[tuple[str, Any, str | None, str | None]]:
    """(name, default, scenario field or None, its section) of every assumption, in order."""
    out = []
    for name, default in ASSUMPTIONS.items():
        path = field_for_assumption(name)
        section = None
        if path is not None:
            section, leaf = path.split(".")
            assert leaf == name  # a section's field is named as the assumption it sets
        out.append((name, default, path, section))
    return out


_ASSUMPTION_FIELDS = _assumption_fields()


@functools.cache
def _plain_defaults(currency: str) -> dict[str, Input]:
    """The Input of every default figure that no money kind moves, in ``currency``'s units.

    These are the same for every scenario of that currency that leaves them unset: made once,
    not ~100 times per evaluation (a tripwire search resolves a scenario for each toggle, a
    batch each file).
    """
    out = {}
    for name, default, path, _ in _ASSUMPTION_FIELDS:
        if default.money_kind is not None or name in _SAME_DRAW_AS_SELF_HOST:
            continue
        estimated = _estimated(name, default.estimate,
                               (default.low, default.value, default.high))
        out[name] = Input(name, estimated.likely if estimated else default.value,
                          default.unit.replace("USD", currency), "default",
                          path or f"assumptions.{name}", None, default.source, default.as_of,
                          default.estimate, default.description, estimated)
    return out


def _estimated(name: str, estimate: bool, spread: tuple[float, float, float]) -> Range | None:
    """Our estimate's range (low, likely, high) in the default's own unit, to sample.

    None for a sourced figure, a range of no width, or an estimate whose range reaches the model
    through another input (:data:`_POINT_ONLY`).
    """
    low, likely, high = spread
    if estimate and low < high and name not in _POINT_ONLY:
        return Range(float(low), float(likely), float(high), "pert")
    return None


def resolve_inputs(scenario: Scenario, pick: Callable[[Range], Any] | None = None,
                   facts: FactBook | None = None,
                   estimates: Collection[str] | None = None) -> ModelInputs:
    """Resolve every number the model needs: scenario field, ``assumptions:`` override or default.

    ``pick`` chooses a value from each range (default: its likely value), so a sampler can reuse
    the same resolution. Money defaults reach the scenario's currency by their kind: prices at
    the exchange rate, labour from the region's own figure, local costs (on-call pay, downtime)
    in proportion to the region's labour cost. Nothing that is pay is converted at the exchange
    rate.

    ``estimates``: which of our estimates ``pick`` draws (default: all); the others take their
    likely value. A sampler leaves out those no cost line of the scenario reads.
    """
    choose = pick or (lambda r: r.likely)

    def choose_estimate(name: str, r: Range) -> Any:
        return choose(r) if estimates is None or name in estimates else r.likely

    currency = scenario.currency
    usd_rate = choose(scenario.usd_rate) if scenario.usd_rate is not None else 1.0
    values: dict[str, Any] = {}
    inputs: dict[str, Input] = {}
    derived: dict[str, tuple[str, float]] = {}
    for name, (fact_path, unit) in _FACTS.items():
        written = _get(scenario, fact_path)
        assert isinstance(written, Range)
        values[name] = choose(written)
        inputs[name] = Input(name, values[name], unit.format(cur=currency),
                             "unknown" if fact_path in scenario.unknown else "scenario",
                             fact_path, written)
    for name, (fact_path, unit) in _OPTIONAL_FACTS.items():
        written = _get(scenario, fact_path)
        if isinstance(written, Range):
            values[name] = choose(written)
            inputs[name] = Input(name, values[name], unit.format(cur=currency), "scenario",
                                 fact_path, written)
    # Local costs follow the region's labour cost (a region without a figure: the team's own).
    regional_hour = _regional("engineer_hour_cost", currency)
    plain = _plain_defaults(currency)
    for name, default, path, section in _ASSUMPTION_FIELDS:
        written_field = getattr(getattr(scenario, section), name) if section else None
        if (name in plain and not isinstance(written_field, Range)
                and scenario.assumptions.get(name) is None):
            # A figure no money kind moves: the same Input for every scenario; our estimate's
            # range is drawn from when sampling.
            inp = plain[name]
            values[name] = (choose_estimate(name, inp.estimated) if inp.estimated is not None
                            else default.value)
            inputs[name] = inp
            continue
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
        # The estimate's range, in the default's own unit; ``scale`` takes it to the scenario's
        # currency (1 for figures that are not money).
        spread: tuple[float, float, float] = (default.low, default.value, default.high)
        scale: Any = 1.0
        if default.money_kind == "price":
            value = default.value * usd_rate
            scale = usd_rate
        elif default.money_kind == "labour":
            regional = _regional(name, currency)
            if regional is not None and not (name == "platform_hour_cost"
                                              and "engineer_hour_cost" in inputs
                                              and inputs["engineer_hour_cost"].origin != "default"):
                value, source, as_of, estimate = regional
                figure = REGIONAL_LABOUR.get(name, {}).get(currency)
                if figure is not None:
                    spread = (figure.low, figure.value, figure.high)
                if name == "platform_hour_cost" and regional_hour is not None:
                    # A what-if on the engineer hour (as --set would give) moves this too, and
                    # so does a draw of it: one labour market prices both.
                    derived[name] = ("engineer_hour_cost", value / regional_hour[0])
                    # (the ratio of the draw to the likely hour, so the likely value is exact)
                    value = value * (values["engineer_hour_cost"] / regional_hour[0])
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
            scale = ratio
            if regional_hour is None:
                derived[name] = ("engineer_hour_cost", default.value / _US_ENGINEER_HOUR)
            if currency != "USD":
                source = (f"{default.source}; x {num(ratio, '.3g')} for {currency} price "
                          f"levels, the ratio of its region's engineer hour to the US one")
                estimate = True
        elif name in _SAME_DRAW_AS_SELF_HOST and inputs["self_host_availability"].origin == "default":
            # One estimate of how well a team runs a self-run HA service, not several unrelated
            # ones: an in-house gateway and a redaction step take the self-hosted gateway's
            # availability (the same range), in every draw and every what-if, so the choice
            # between self-hosting and building is not made by two independent draws. A figure
            # the team writes for either stands on its own.
            factor = default.value / ASSUMPTIONS["self_host_availability"].value
            derived[name] = ("self_host_availability", factor)
            value = values["self_host_availability"] * factor
        else:
            value = default.value
        # Our estimate is a range, not a number: sampled like a range the user writes (its
        # likely value when nothing is sampled). A default derived from another input follows it.
        estimated = None if name in derived else _estimated(name, estimate, spread)
        if estimated is not None:
            value = choose_estimate(name, estimated) * scale
            if isinstance(scale, float):
                estimated = Range(estimated.low * scale, estimated.likely * scale,
                                  estimated.high * scale, "pert")
            # (an exchange rate drawn too: the range stays in the default's own unit)
        values[name] = value
        inputs[name] = Input(name, value, unit, "default", field, None, source, as_of, estimate,
                             default.description, estimated)
    people = scenario.organisation.engineers_building_with_ai
    if people is not None:
        # Services stated in people: engineers per AI-calling service maps them
        # (assumptions.engineers_per_ai_service, our estimate unless the file gives it). Both
        # spreads reach the services: fewest people over most per service, and the reverse.
        ratio = people_per_service(scenario)
        a = ASSUMPTIONS["engineers_per_ai_service"]
        per = scenario.assumptions.get("engineers_per_ai_service") or Range(
            a.low, a.value, a.high, "pert")
        from_people = (Range(people.low / ratio, people.likely / ratio, people.high / ratio,
                             people.kind) if per.is_fixed else
                       Range(people.low / per.high, people.likely / ratio, people.high / per.low,
                             "pert"))
        values["services"] = choose(from_people)
        inputs["services"] = Input(
            "services", values["services"], "services", "scenario",
            "organisation.engineers_building_with_ai", from_people,
            source=f"organisation.engineers_building_with_ai / engineers_per_ai_service "
                   f"({ratio:g}, our estimate)", estimate=True,
            description="Services estimated from the engineers building with AI.")
    book = facts if facts is not None else bundled_facts()
    for product in book.products.values():
        for plan_id, plan in product.plans.items():
            quote = plan.price.quote
            if quote is None:
                continue
            # Our estimate of a price no vendor publishes: a range in the scenario's currency.
            name = quote_input(product.id, plan_id)
            # The estimate is a range (low, likely, high, reasoned in the facts): sampled, in the
            # tornado and valued as information like a range the user wrote; a quote written
            # in the scenario (buy.quote, self_host.licence) replaces it.
            estimated = Range(quote.low * usd_rate, quote.likely * usd_rate,
                              quote.high * usd_rate, "pert")
            values[name] = choose_estimate(name, estimated)
            origin = book.origin(product.id, plan_id, "price.quote")
            inputs[name] = Input(
                name, values[name], f"{currency}/month", "default",
                "buy.quote" if product.kind == "saas" else "self_host.licence", None,
                f"{plan.name}: EST, quote needed; the reasoning: 'gateway-roi facts --vendor "
                f"{product.id} --plan {plan_id}'"
                + ("" if origin == "bundled" else f" ({origin})"), None, True,
                f"Our estimate of the monthly price of {plan.name}: no published price, quote "
                "needed.", estimated)
    applied = scenario.settings
    if applied is not None and applied.fields:
        for name, inp in inputs.items():
            given = applied.origin_of(inp.field) if inp.origin != "default" else None
            if given is not None:
                inputs[name] = replace(inp, origin="settings", source=given)
    return ModelInputs(scenario, values, inputs, usd_rate, derived, book)
