"""The essay's criteria as explicit rules: the typed criteria and the one decision table.

Pure: no files, no terminal. :func:`criteria` builds the criteria from resolved inputs and costs;
:func:`select_rule` is the table itself, and nothing else decides: Monte Carlo draws and
decision-map cells go through it too (:func:`decide_arrays`).

The table, in order (each rule has a stable id):

* ``convenience-automate`` / ``convenience-direct`` -- no required need is one that only a
  gateway meets (a need automation meets, such as central keys, is convenience): automate
  when it costs less than living with the hassle, else stay direct;
* ``governance-below-scale`` -- a gateway-only need, but neither scale (many services AND high
  volume), nor a need a law, regulator or contract imposes, nor a gateway that is part of the
  product (``buy.strategic``, weighed before scale): the fixed cost would not be amortised; the
  cheaper of ``automate``/``direct`` meanwhile, the need covered by hand;
* then the weight ladder, one rung at a time, climbing only when the lighter rung hits a wall:
  ``governance-buy`` (no wall against buying; or only the cost wall and no stock ops
  capacity), ``governance-no-runnable-gateway`` (compliance, customization or strategy -- the
  gateway is part of the product, an extension of the essay's walls -- walls off buying and no
  platform team runs a 24x7 rotation), ``governance-self-host`` (a wall against buying and
  stock ops capacity; what the open-source gateway lacks, the team adds and pays for),
  ``governance-build`` (to the essay's letter: compliance, cost and customization all stand
  against buying, and self-hosting costs more than building).

The number of providers never enters a rule: it only moves costs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from gateway_roi.model.cost_lines import NON_GATEWAY_MEETS, OptionCosts
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.inputs import ModelInputs, people_per_service, resolve_inputs
from gateway_roi.model.scenario import (
    GOVERNANCE_NEEDS,
    UNKNOWN_NUMBER_RANGES,
    Scenario,
    data_rules,
    imposed,
)
from gateway_roi.needs import NEEDS
from gateway_roi.words.i18n import term

__all__ = [
    "FALLBACK_RULES",
    "LEGAL_NEEDS",
    "RULES",
    "BuyWalls",
    "Criteria",
    "Need",
    "OpsCapacity",
    "OpsLevel",
    "RuleFacts",
    "Scale",
    "SelfHostWalls",
    "UNKNOWN_CRITERIA",
    "VerdictArrays",
    "allowed_options",
    "criteria",
    "criteria_fields",
    "decide_arrays",
    "ops_level",
    "runner_up",
    "select_rule",
    "verdict_of",
]


RULES: Mapping[str, str] = {
    rule: term(f"rule.{rule}")
    for rule in (
        "convenience-automate",
        "convenience-direct",
        "governance-below-scale",
        "governance-buy",
        "governance-no-runnable-gateway",
        "governance-self-host",
        "governance-build",
    )
}


OpsLevel = Literal["stock", "partial", "none"]


LEGAL_NEEDS: frozenset[str] = frozenset(n.id for n in NEEDS if n.imposed_by_default)
"""Needs taken as imposed (a law, a regulator or a contract) when ``needs.required_by`` does not
say: a gateway for them is allowed without scale."""


@dataclass(frozen=True)
class Need:
    """Governance or convenience: decided by feasibility, not by the word "required"."""

    kind: Literal["governance", "convenience"]
    required: tuple[str, ...]
    nice: tuple[str, ...]
    met_by_automation: tuple[str, ...]
    """Required needs that scripts, a secret manager and a shared library meet."""
    gateway_only: tuple[str, ...]
    """Required needs only a gateway meets: these make the need governance."""
    pains: tuple[str, ...]
    imposed: tuple[str, ...] | None = None
    """Required needs a law, a regulator or a contract imposes (``needs.required_by``); None:
    the registry's defaults (:data:`LEGAL_NEEDS`)."""

    @property
    def legal(self) -> tuple[str, ...]:
        """Gateway-only needs a law, a regulator or a contract imposes: they lift scale."""
        imposed = LEGAL_NEEDS if self.imposed is None else self.imposed
        return tuple(k for k in self.gateway_only if k in imposed)

    @property
    def wished(self) -> tuple[str, ...]:
        """Gateway-only needs that are the organisation's own wish (nothing imposes them)."""
        return tuple(k for k in self.gateway_only if k not in self.legal)


@dataclass(frozen=True)
class Scale:
    """Many services AND high call volume: what amortises a gateway's fixed cost."""

    met: bool
    services: float
    services_threshold: float
    services_met: bool
    monthly_requests: float
    monthly_requests_threshold: float
    monthly_requests_met: bool
    people: float | None = None
    """Engineers building with AI, when the scenario states scale in people, not services."""
    people_per_service: float | None = None
    """How many of them make one service (our estimate unless the scenario gives its own)."""


@dataclass(frozen=True)
class OpsCapacity:
    """``stock``: a platform team already runs a 24x7 rotation; ``partial``: one of the two."""

    level: OpsLevel
    platform_team: bool
    platform_team_size: float
    on_call_24x7: bool


@dataclass(frozen=True)
class BuyWalls:
    """What stands against buying, judged against the vendor chosen by capability."""

    compliance: bool
    cost: bool
    """Buying costs more than self-hosting over the horizon."""
    customization: bool
    """The vendor cannot do a required routing or need."""
    vendor: str
    unmet_routing: tuple[str, ...]
    unmet_needs: tuple[str, ...]
    buy_total: float
    self_host_total: float
    compliance_level: str = "no"
    """How the scenario states its compliance need: required, nice or no."""
    data_providers: str = "allowed"
    """What external providers may see (``needs.data.providers``)."""
    data_gateway: str = "allowed"
    """What a third-party gateway may see (``needs.data.third_party_gateway``)."""
    strategic: bool = False
    """The gateway is part of the product the team sells (``buy.strategic``): an extension of
    the essay's walls, never on by default."""
    vendor_name: str = ""
    """The plan priced, as people read it (``Portkey Production``)."""

    @property
    def standing(self) -> tuple[str, ...]:
        """The names of the walls that stand."""
        return tuple(k for k in ("compliance", "cost", "customization", "strategic")
                     if getattr(self, k))

    @property
    def hard(self) -> bool:
        """A wall money cannot move: compliance, customization or strategy."""
        return self.compliance or self.customization or self.strategic

    @property
    def all_three(self) -> bool:
        """The essay's three walls all stand: compliance, cost and customization."""
        return self.compliance and self.cost and self.customization

    @property
    def missing_for_build(self) -> tuple[str, ...]:
        """Which of the essay's three walls do not stand (building needs all three)."""
        return tuple(k for k in ("compliance", "cost", "customization") if not getattr(self, k))


@dataclass(frozen=True)
class SelfHostWalls:
    """Whether self-hosting an open-source gateway can serve (else the last rung: building).

    What an open-source gateway lacks, the team adds to it and pays for (``additions``): only
    cost can wall self-hosting off.
    """

    cost: bool
    """Building costs less than self-hosting."""
    gateway: str
    additions: tuple[str, ...]
    """Required needs and routing the team adds to the open-source gateway itself."""
    self_host_total: float
    build_total: float
    gateway_name: str = ""
    """The open-source edition priced, as people read it."""

    @property
    def standing(self) -> tuple[str, ...]:
        """The names of the walls that stand."""
        return ("cost",) if self.cost else ()


@dataclass(frozen=True)
class Criteria:
    """Everything the decision table reads, built from a scenario and its costs."""

    need: Need
    scale: Scale
    ops_capacity: OpsCapacity
    buy_walls: BuyWalls
    self_host_walls: SelfHostWalls
    providers: int
    unknown: tuple[str, ...] = ()
    """Scenario fields written ``unknown``: the criteria hold the value taken in their place,
    which outputs must never print as an answer someone gave (:data:`UNKNOWN_CRITERIA`)."""

    def facts(self, options: Mapping[str, Any] | None = None) -> RuleFacts:
        """The yes/no facts :func:`select_rule` reads."""
        return RuleFacts(
            governance=self.need.kind == "governance", scale_met=self.scale.met,
            legal=bool(self.need.legal), ops_stock=self.ops_capacity.level == "stock",
            buy_compliance=self.buy_walls.compliance, buy_cost=self.buy_walls.cost,
            buy_customization=self.buy_walls.customization,
            self_host_cost=self.self_host_walls.cost,
            buy_strategic=self.buy_walls.strategic,
            automate_cheaper=bool(options["automate"].total < options["direct"].total)
            if options is not None else False)


@dataclass(frozen=True)
class RuleFacts:
    """The yes/no facts the decision table reads, and nothing else."""

    governance: bool
    scale_met: bool
    legal: bool
    ops_stock: bool
    buy_compliance: bool
    buy_cost: bool
    buy_customization: bool
    self_host_cost: bool
    automate_cheaper: bool
    buy_strategic: bool = False


def select_rule(f: RuleFacts) -> tuple[str, str]:
    """The decision table itself: (option, rule id) from the facts. Nothing else decides.

    Kept apart from :func:`decide` (which also explains) so Monte Carlo draws and decision-map
    cells go through the very same rules.
    """
    meanwhile = "automate" if f.automate_cheaper else "direct"
    if not f.governance:
        return meanwhile, f"convenience-{meanwhile}"
    # A gateway the team sells is no cost to amortise: the strategic wall comes before scale.
    if not f.scale_met and not f.legal and not f.buy_strategic:
        return meanwhile, "governance-below-scale"
    hard_wall = f.buy_compliance or f.buy_customization or f.buy_strategic
    if not (hard_wall or f.buy_cost):
        return "buy", "governance-buy"
    if not f.ops_stock:
        if hard_wall:
            return meanwhile, "governance-no-runnable-gateway"
        return "buy", "governance-buy"  # only the cost wall: outsource the on-call anyway
    # Building only when compliance, cost and customization all stand against buying, and
    # self-hosting cannot serve (here: it costs more than building).
    if _all_three(f) and f.self_host_cost:
        return "build", "governance-build"
    return "self_host", "governance-self-host"


def _all_three(f: RuleFacts) -> bool:
    return f.buy_compliance and f.buy_cost and f.buy_customization


def ops_level(scenario: Scenario) -> OpsLevel:
    """``stock`` when a platform team runs a 24x7 rotation, ``partial`` for one of the two."""
    team = scenario.team
    if team.platform_team and team.on_call_24x7:
        return "stock"
    if team.platform_team or team.on_call_24x7:
        return "partial"
    return "none"


def criteria(mi: ModelInputs, options: Mapping[str, OptionCosts]) -> Criteria:
    """The criteria of the decision for resolved inputs and their costs."""
    s, v = mi.scenario, mi.values
    levels = dict(s.needs.governance)
    required = tuple(k for k in GOVERNANCE_NEEDS if levels[k] == "required")
    nice = tuple(k for k in GOVERNANCE_NEEDS if levels[k] == "nice")
    automate_meets = NON_GATEWAY_MEETS["automate"]
    gateway_only = tuple(k for k in required if k not in automate_meets)
    services_ok = bool(v["services"] >= v["scale_min_services"])
    requests_ok = bool(v["monthly_requests"] >= v["scale_min_monthly_requests"])
    buy, self_host, build = options["buy"], options["self_host"], options["build"]
    rules = data_rules(s)
    people = s.organisation.engineers_building_with_ai
    return Criteria(
        need=Need("governance" if gateway_only else "convenience", required, nice,
                  tuple(k for k in required if k in automate_meets), gateway_only,
                  tuple(k for k, lvl in s.needs.pains if lvl != "no"),
                  tuple(k for k in required if imposed(s, k))),
        scale=Scale(services_ok and requests_ok, v["services"], v["scale_min_services"],
                    services_ok, v["monthly_requests"], v["scale_min_monthly_requests"],
                    requests_ok, *((people.likely, people_per_service(s)) if people is not None
                                   else (None, None))),
        ops_capacity=OpsCapacity(ops_level(s), s.team.platform_team, s.team.platform_team_size.likely,
                        s.team.on_call_24x7),
        buy_walls=BuyWalls(
            compliance=buy.compliance_walled, cost=bool(buy.total > self_host.total),
            customization=bool(buy.unmet_routing or buy.gaps), vendor=buy.product,
            vendor_name=buy.product_label,
            unmet_routing=buy.unmet_routing, unmet_needs=buy.gaps, buy_total=buy.total,
            self_host_total=self_host.total, compliance_level=levels["compliance"],
            data_providers=rules[0], data_gateway=rules[1], strategic=buy.strategic_walled),
        self_host_walls=SelfHostWalls(
            cost=bool(build.total < self_host.total), gateway=self_host.product,
            additions=self_host.added, gateway_name=self_host.product_label,
            self_host_total=self_host.total, build_total=build.total),
        providers=len(s.providers.in_use),
        unknown=tuple(s.unknown),
    )


FALLBACK_RULES = frozenset({"governance-below-scale", "governance-no-runnable-gateway"})


def runner_up(option: str, rule: str, facts: RuleFacts) -> str:
    """The option a verdict would move to if the cost comparison behind it flipped."""
    if rule.startswith("convenience-") or rule in FALLBACK_RULES:
        return "direct" if option == "automate" else "automate"
    if rule == "governance-buy":
        return "self_host"
    if rule == "governance-self-host":
        only_cost = facts.buy_cost and not (facts.buy_compliance or facts.buy_customization
                                            or facts.buy_strategic)
        return "buy" if only_cost else "build"
    return "self_host"


UNKNOWN_CRITERIA: Mapping[str, tuple[str, str]] = {
    "organisation.monthly_requests": ("scale", "monthly_requests"),
    "organisation.services": ("scale", "services"),
    "team.platform_team": ("ops_capacity", "platform_team"),
    "team.on_call_24x7": ("ops_capacity", "on_call_24x7"),
}
"""Criteria that hold a scenario field as it was answered: (section, field) by scenario path."""


def verdict_of(mi: ModelInputs, options: Mapping[str, OptionCosts]) -> tuple[str, str]:
    """(option, rule id) for costed options, without the words.

    What :func:`~gateway_roi.model.verdict.decide` explains; searches and batches judge many
    points.
    """
    return select_rule(criteria(mi, options).facts(options))


def criteria_fields(c: Criteria) -> dict[str, Any]:
    """The criteria as plain data (for JSON), field by field.

    A criterion whose answer was written ``unknown`` is an object, never a plain value:
    ``{"value": <taken>, "unknown": true}``, with ``"sampled": [low, high]`` for a number drawn
    over a range; ``need.unknown`` lists the needs written ``unknown`` (taken as no).
    """

    def plain(obj: Any) -> Any:
        if hasattr(obj, "__dataclass_fields__"):
            data = {f.name: plain(getattr(obj, f.name)) for f in fields(obj)}
            for extra in ("standing", "hard", "legal", "wished"):
                if hasattr(type(obj), extra):
                    data[extra] = plain(getattr(obj, extra))
            return data
        if isinstance(obj, tuple):
            return list(obj)
        return obj

    out: dict[str, Any] = plain(c)
    for path in c.unknown:
        if path in UNKNOWN_CRITERIA:
            section, name = UNKNOWN_CRITERIA[path]
            entry: dict[str, Any] = {"value": out[section][name], "unknown": True}
            if path in UNKNOWN_NUMBER_RANGES:
                low, _, high = UNKNOWN_NUMBER_RANGES[path]
                entry["sampled"] = [low, high]
            out[section][name] = entry
    out["need"]["unknown"] = [p.rsplit(".", 1)[1] for p in c.unknown
                              if p.startswith("needs.governance.")]
    return out


@dataclass(frozen=True)
class VerdictArrays:
    """The verdict for each of many draws or cells, from the one decision table.

    ``option``, ``rule`` and ``runner_up`` are numpy arrays of strings; ``margin`` is how much
    more the runner-up costs than the verdict (negative: the rules chose the dearer one).
    """

    option: Any
    rule: Any
    runner_up: Any
    margin: Any


def decide_arrays(mi: ModelInputs, options: Mapping[str, OptionCosts],
                  base: Criteria | None = None) -> VerdictArrays:
    """Apply :func:`select_rule` to every draw or cell of array-valued inputs and totals.

    ``mi`` holds numpy arrays (one value per draw or cell) or plain numbers, ``options`` the
    totals-only costs of those inputs (``compute_costs(mi, detail=False)``). The qualitative
    facts (need, ops capacity, compliance, what the products can do) come from ``base``, the
    criteria at the scenario's own values (worked out when not given); scale and the cost
    comparisons come from each element. The table is called once per distinct combination of
    facts and its answer spread over every element that shares it.
    """
    import numpy as np

    if base is None:
        likely = resolve_inputs(mi.scenario, facts=mi.facts)
        base = criteria(likely, compute_costs(likely, detail=False))
    totals = {k: np.asarray(o.total, dtype=float) for k, o in options.items()}
    v = mi.values
    shape = np.broadcast_shapes(*(t.shape for t in totals.values()),
                                *(np.shape(v[k]) for k in ("services", "monthly_requests",
                                                           "scale_min_services",
                                                           "scale_min_monthly_requests")))
    totals = {k: np.broadcast_to(t, shape) for k, t in totals.items()}

    def each(x: Any) -> Any:
        return np.broadcast_to(np.asarray(x, dtype=float), shape)

    varying = {
        "scale_met": ((each(v["services"]) >= each(v["scale_min_services"]))
                      & (each(v["monthly_requests"]) >= each(v["scale_min_monthly_requests"]))),
        "buy_cost": totals["buy"] > totals["self_host"],
        "self_host_cost": totals["build"] < totals["self_host"],
        "automate_cheaper": totals["automate"] < totals["direct"],
    }
    codes = sum(flag.astype(int) << i for i, flag in enumerate(varying.values()))
    fixed = base.facts()
    option = np.empty(shape, dtype=object)
    rule = np.empty(shape, dtype=object)
    rival = np.empty(shape, dtype=object)
    margin = np.zeros(shape)
    for code in np.unique(codes).tolist():
        where = codes == code
        facts = RuleFacts(**{
            **{f.name: getattr(fixed, f.name) for f in fields(fixed)},
            **{name: bool(code >> i & 1) for i, name in enumerate(varying)}})
        chosen, fired = select_rule(facts)
        other = runner_up(chosen, fired, facts)
        option[where], rule[where], rival[where] = chosen, fired, other
        margin[where] = totals[other][where] - totals[chosen][where]
    return VerdictArrays(option.astype(str), rule.astype(str), rival.astype(str), margin)


def allowed_options(f: RuleFacts) -> tuple[str, ...]:
    """The options the rules could adopt given these facts (before comparing their costs).

    What "cheapest" is measured among when the analysis asks how sure a verdict is.
    """
    fallback = ("direct", "automate")
    if not f.governance or (not f.scale_met and not f.legal and not f.buy_strategic):
        return fallback
    gateways = []
    if not (f.buy_compliance or f.buy_customization or f.buy_strategic):
        gateways.append("buy")
    if f.ops_stock:
        gateways.append("self_host")
        if _all_three(f):
            gateways.append("build")
    return tuple(gateways) or fallback
