"""The essay's criteria as explicit rules: costs per option -> a verdict, its reasons, tripwires.

Pure: no files, no terminal. This module owns the criteria (typed, :class:`Criteria`), the one
decision table (:func:`select_rule`), the words of the verdict and what changed between two
sets of criteria; everything else only displays what it hands over.

The table, in order (each rule has a stable id):

* ``convenience-automate`` / ``convenience-direct`` -- no required need is one that only a
  gateway meets (a need automation meets, such as central keys, is convenience): automate
  when it costs less than living with the hassle, else stay direct;
* ``governance-below-scale`` -- a gateway-only need, but neither scale (many services AND high
  volume) nor a hard legal need (audit trail, compliance): the fixed cost would not be
  amortised; the cheaper of ``automate``/``direct`` meanwhile;
* then the weight ladder, one rung at a time, climbing only when the lighter rung hits a wall:
  ``governance-buy`` (no wall against buying; or only the cost wall and no stock ops
  capacity), ``governance-no-runnable-gateway`` (compliance, customization or strategy -- the
  gateway is part of the product, ``buy.strategic``, an extension of the essay's walls -- walls
  off buying and no platform team runs a 24x7 rotation), ``governance-self-host`` (a wall against buying,
  stock ops capacity, an open-source gateway can do what is required and costs less than
  building), ``governance-build`` (self-hosting hits a wall too).

The number of providers never enters a rule: it only moves costs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, Literal

from gateway_roi.model.assumptions import OSS_GATEWAYS, VENDOR_PRESETS
from gateway_roi.model.cost_lines import NON_GATEWAY_MEETS, OptionCosts
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.inputs import ModelInputs, resolve_inputs
from gateway_roi.model.scenario import GOVERNANCE_NEEDS, Scenario
from gateway_roi.options import OPTION_IDS
from gateway_roi.words.i18n import Count, Money, Phrase, Term, term

__all__ = [
    "LEGAL_NEEDS",
    "RULES",
    "BuyWalls",
    "Criteria",
    "CriterionChange",
    "Decision",
    "Driver",
    "Need",
    "OpsCapacity",
    "RuleFacts",
    "Scale",
    "SelfHostWalls",
    "SetAside",
    "Tripwire",
    "VerdictArrays",
    "allowed_options",
    "cheapest_feasible",
    "criteria_changes",
    "decide",
    "decide_arrays",
    "drivers",
    "find_breakeven",
    "find_tripwires",
    "format_value",
    "infeasible_reasons",
    "product_name",
    "select_rule",
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
LEGAL_NEEDS: frozenset[str] = frozenset({"audit_trail", "compliance"})
"""Needs that are hard legal requirements: a gateway for them is allowed without scale."""


# --- criteria ---------------------------------------------------------------------------------


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

    @property
    def legal(self) -> tuple[str, ...]:
        """Gateway-only needs that are hard legal ones (audit trail, compliance)."""
        return tuple(k for k in self.gateway_only if k in LEGAL_NEEDS)


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
    compliance_rule: str = ""
    """The compliance level the scenario wrote (``needs.compliance_level``), empty if none."""
    strategic: bool = False
    """The gateway is part of the product the team sells (``buy.strategic``): an extension of
    the essay's walls, never on by default."""

    @property
    def standing(self) -> tuple[str, ...]:
        """The names of the walls that stand."""
        return tuple(k for k in ("compliance", "cost", "customization", "strategic")
                     if getattr(self, k))

    @property
    def hard(self) -> bool:
        """A wall money cannot move: compliance, customization or strategy."""
        return self.compliance or self.customization or self.strategic


@dataclass(frozen=True)
class SelfHostWalls:
    """What stands against self-hosting an open-source gateway (the next rung: building)."""

    capability: bool
    """No open-source gateway can do a required routing or need."""
    cost: bool
    """Building costs less than self-hosting."""
    gateway: str
    unmet_routing: tuple[str, ...]
    unmet_needs: tuple[str, ...]
    self_host_total: float
    build_total: float

    @property
    def standing(self) -> tuple[str, ...]:
        """The names of the walls that stand."""
        return tuple(k for k in ("capability", "cost") if getattr(self, k))


@dataclass(frozen=True)
class Criteria:
    """Everything the decision table reads, built from a scenario and its costs."""

    need: Need
    scale: Scale
    ops_capacity: OpsCapacity
    buy_walls: BuyWalls
    self_host_walls: SelfHostWalls
    providers: int

    def facts(self, options: Mapping[str, Any] | None = None) -> RuleFacts:
        """The yes/no facts :func:`select_rule` reads."""
        return RuleFacts(
            governance=self.need.kind == "governance", scale_met=self.scale.met,
            legal=bool(self.need.legal), ops_stock=self.ops_capacity.level == "stock",
            buy_compliance=self.buy_walls.compliance, buy_cost=self.buy_walls.cost,
            buy_customization=self.buy_walls.customization,
            self_host_capability=self.self_host_walls.capability,
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
    self_host_capability: bool
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
    if not f.scale_met and not f.legal:
        return meanwhile, "governance-below-scale"
    hard_wall = f.buy_compliance or f.buy_customization or f.buy_strategic
    if not (hard_wall or f.buy_cost):
        return "buy", "governance-buy"
    if not f.ops_stock:
        if hard_wall:
            return meanwhile, "governance-no-runnable-gateway"
        return "buy", "governance-buy"  # only the cost wall: outsource the on-call anyway
    if f.self_host_capability or f.self_host_cost:
        return "build", "governance-build"
    return "self_host", "governance-self-host"


def _ops_level(scenario: Scenario) -> OpsLevel:
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
    return Criteria(
        need=Need("governance" if gateway_only else "convenience", required, nice,
                  tuple(k for k in required if k in automate_meets), gateway_only,
                  tuple(k for k, lvl in s.needs.pains if lvl != "no")),
        scale=Scale(services_ok and requests_ok, v["services"], v["scale_min_services"],
                    services_ok, v["monthly_requests"], v["scale_min_monthly_requests"],
                    requests_ok),
        ops_capacity=OpsCapacity(_ops_level(s), s.team.platform_team, s.team.platform_team_size.likely,
                        s.team.on_call_24x7),
        buy_walls=BuyWalls(
            compliance=buy.compliance_walled, cost=bool(buy.total > self_host.total),
            customization=bool(buy.unmet_routing or buy.gaps), vendor=buy.product,
            unmet_routing=buy.unmet_routing, unmet_needs=buy.gaps, buy_total=buy.total,
            self_host_total=self_host.total, compliance_level=levels["compliance"],
            compliance_rule=s.needs.compliance_level or "", strategic=buy.strategic_walled),
        self_host_walls=SelfHostWalls(
            capability=bool(self_host.unmet_routing or self_host.gaps),
            cost=bool(build.total < self_host.total), gateway=self_host.product,
            unmet_routing=self_host.unmet_routing, unmet_needs=self_host.gaps,
            self_host_total=self_host.total, build_total=build.total),
        providers=len(s.providers.in_use),
    )


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


def format_value(value: Any) -> str:
    """A tripwire or criterion value for people: ``true``, ``1,234``, ``0.9963``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return str(value)


@dataclass(frozen=True)
class Driver:
    """One decision driver as a reader sees it: what it is, its state, the evidence."""

    key: str
    """Stable id: ``need``, ``scale``, ``ops_capacity``, ``walls.compliance``..."""
    label: Term
    state: Term
    evidence: Phrase


def drivers(crit: Criteria, currency: str) -> tuple[Driver, ...]:
    """The criteria as the drivers a record or a panel lists, in the table's order.

    The one place that words the criteria: outputs display these and pick nothing apart.
    """
    need, scale, ops = crit.need, crit.scale, crit.ops_capacity
    walls, sh = crit.buy_walls, crit.self_host_walls

    def needs(keys: tuple[str, ...]) -> tuple[Term, ...] | Term:
        return _needs(keys) or Term("none")

    def present(flag: bool) -> Term:
        return Term("report.wall.present" if flag else "report.wall.absent")

    def missing(routing: tuple[str, ...], unmet: tuple[str, ...]) -> tuple[Term, ...] | Term:
        return (*(Term(f"routing.{r}") for r in routing),
                *(Term(f"need.{n}") for n in unmet)) or Term("none")

    return (
        Driver("need", Term("report.driver.need"), Term(f"kind.{need.kind}"),
               Phrase("report.ev.need", {"required": needs(need.gateway_only),
                                         "automation": needs(need.met_by_automation),
                                         "nice": needs(need.nice)})),
        Driver("scale", Term("report.driver.scale"), Term("met" if scale.met else "not met"),
               Phrase("report.ev.scale", {"services": Count(scale.services),
                                          "services_threshold": scale.services_threshold,
                                          "requests": scale.monthly_requests,
                                          "requests_threshold": scale.monthly_requests_threshold})),
        Driver("ops_capacity", Term("report.driver.ops"), Term(f"ops.{ops.level}"),
               Phrase("report.ev.ops", {"team": ops.platform_team, "rotation": ops.on_call_24x7})),
        Driver("walls.compliance", Term("report.driver.wall.compliance"),
               present(walls.compliance),
               Phrase("report.ev.compliance_level", {
                   "level": Term(f"level.{walls.compliance_level}"), "rule": walls.compliance_rule})
               if walls.compliance_rule else
               Phrase("report.ev.compliance", {"level": Term(f"level.{walls.compliance_level}")})),
        *((Driver("walls.strategic", Term("report.driver.wall.strategic"), present(True),
                  Phrase("report.ev.strategic")),) if walls.strategic else ()),
        Driver("walls.cost", Term("report.driver.wall.cost"), present(walls.cost),
               Phrase("report.ev.cost", {"buy": Money(walls.buy_total, currency),
                                         "self_host": Money(walls.self_host_total, currency)})),
        Driver("walls.customization", Term("report.driver.wall.customization"),
               present(walls.customization),
               Phrase("report.ev.customization", {
                   "vendor": product_name(walls.vendor),
                   "routing": missing(walls.unmet_routing, walls.unmet_needs)})),
        Driver("self_host_walls", Term("report.driver.wall.self_host"), present(bool(sh.standing)),
               Phrase("report.ev.self_host", {
                   "gateway": product_name(sh.gateway),
                   "missing": missing(sh.unmet_routing, sh.unmet_needs),
                   "build": Money(sh.build_total, currency),
                   "self_host": Money(sh.self_host_total, currency)})),
    )


# --- the verdict ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetAside:
    """A cheaper option the rules did not choose, and why."""

    option: str
    total: float
    why: Phrase


@dataclass(frozen=True)
class Decision:
    """The verdict: which option, which rule fired, why, and what follows from it."""

    option: str
    rule: str
    headline: Phrase
    reasons: tuple[Phrase, ...]
    good: tuple[Phrase, ...]
    bad: tuple[Phrase, ...]
    criteria: Criteria
    runner_up: str
    """The option the verdict would move to if the comparison that decided it flipped."""
    margin: float
    """How much more the runner-up costs than the verdict (negative: the verdict is dearer)."""
    set_aside: tuple[SetAside, ...] = ()


_FALLBACK_RULES = frozenset({"governance-below-scale", "governance-no-runnable-gateway"})


def runner_up(option: str, rule: str, facts: RuleFacts) -> str:
    """The option a verdict would move to if the cost comparison behind it flipped."""
    if rule.startswith("convenience-") or rule in _FALLBACK_RULES:
        return "direct" if option == "automate" else "automate"
    if rule == "governance-buy":
        return "self_host"
    if rule == "governance-self-host":
        only_cost = facts.buy_cost and not (facts.buy_compliance or facts.buy_customization
                                            or facts.buy_strategic)
        return "buy" if only_cost else "build"
    return "self_host"


def decide(mi: ModelInputs, options: Mapping[str, OptionCosts]) -> Decision:
    """Apply the rules to costed options and say which one, by which rule, and why."""
    crit = criteria(mi, options)
    facts = crit.facts(options)
    option, rule = select_rule(facts)
    cur = mi.scenario.currency
    months = mi.scenario.horizon_months

    def money(amount: float) -> Money:
        return Money(amount, cur)

    need, scale, ops, walls, sh = (crit.need, crit.scale, crit.ops_capacity, crit.buy_walls,
                                   crit.self_host_walls)
    direct, automate = options["direct"], options["automate"]
    reasons: list[Phrase] = []
    if need.met_by_automation:
        reasons.append(Phrase("reason.met_by_automation", {
            "needs": _needs(need.met_by_automation),
            "gateway_only": _needs(need.gateway_only) if need.gateway_only else Term("none")}))
    if need.kind == "convenience":
        nice = (Phrase("reason.nice_only", {"needs": _needs(need.nice)}) if need.nice else "")
        reasons.append(Phrase("reason.convenience", {"nice": nice}))
    else:
        reasons.append(Phrase("reason.governance", {"needs": _needs(need.gateway_only)}))
    if rule.startswith("convenience-") or rule in _FALLBACK_RULES:
        saving = direct.total - automate.total
        if option == "automate":
            payback = (Phrase("reason.payback", {"month": automate.breakeven_month})
                       if automate.breakeven_month else "")
            reasons.append(Phrase("reason.automate_saves", {
                "automate": money(automate.total), "months": months,
                "direct": money(direct.total), "saving": money(saving), "payback": payback}))
        else:
            reasons.append(Phrase("reason.automate_costs_more", {
                "automate": money(automate.total), "months": months, "extra": money(-saving),
                "direct": money(direct.total)}))
    if need.kind == "governance":
        reasons.append(Phrase("reason.scale", {
            "met": Term("met" if scale.met else "not met"), "services": Count(scale.services),
            "services_threshold": scale.services_threshold, "requests": scale.monthly_requests,
            "requests_threshold": scale.monthly_requests_threshold}))
        if rule == "governance-below-scale":
            reasons.append(Phrase("reason.below_scale", {"option": option,
                                                         "total": money(options[option].total)}))
        else:
            reasons.append(Phrase("reason.walls", {
                "walls": tuple(_wall(k, walls, cur) for k in walls.standing) or Term("none")}))
            reasons.append(Phrase(f"reason.ops.{ops.level}"))
        if rule in ("governance-self-host", "governance-build"):
            reasons.append(Phrase("reason.self_host_walls", {
                "walls": tuple(_self_host_wall(k, sh, cur) for k in sh.standing)
                or Term("none")}))
        if rule == "governance-no-runnable-gateway":
            gaps = options[option].gaps
            reasons.append(Phrase("reason.no_runnable", {
                "option": option, "total": money(options[option].total),
                "gaps": _needs(gaps) if gaps else Term("reason.required_needs")}))
        elif rule == "governance-buy" and walls.cost:
            reasons.append(Phrase("reason.cost_wall_no_ops", {
                "self_host": money(walls.self_host_total), "buy": money(walls.buy_total)}))
        if option in ("buy", "self_host", "build") and not scale.met:
            reasons.append(_not_amortised(option, mi, options))
    gateways = [options[k] for k in ("buy", "self_host", "build")]
    cheapest_gateway = min(gateways, key=lambda o: o.total)
    if rule.startswith("convenience-") and cheapest_gateway.total >= options[option].total:
        reasons.append(Phrase("reason.gateway_spof", {
            "gateway": cheapest_gateway.id, "gateway_total": money(cheapest_gateway.total)}))
    if need.pains:
        reasons.append(Phrase("reason.pains", {
            "pains": tuple(Term(f"pain.{k}") for k in need.pains)}))
    if need.kind == "convenience" and crit.providers >= 3:
        reasons.append(Phrase("reason.provider_count", {"count": crit.providers}))
    chosen = options[option]
    set_aside = _set_aside(option, rule, crit, options)
    if set_aside:
        reasons.append(Phrase("reason.set_aside", {
            "items": tuple(Phrase("reason.set_aside_item", {
                "option": a.option, "total": money(a.total), "why": a.why}) for a in set_aside)}))
    reasons.append(Phrase("reason.chosen", {
        "label": Term(f"option.{option}"), "total": money(chosen.total), "months": months,
        "up_front": money(chosen.up_front), "per_event": money(chosen.per_event),
        "standing": money(chosen.standing)}))
    good, bad = _consequences(option, mi, options)
    fallback = "no_runnable" if rule == "governance-no-runnable-gateway" else "below_scale"
    headline = Phrase(f"headline.{fallback}.{option}" if rule in _FALLBACK_RULES
                      else f"headline.{option}")
    rival = runner_up(option, rule, facts)
    return Decision(option, rule, headline, tuple(reasons), good, bad, crit, rival,
                    options[rival].total - chosen.total, set_aside)


def _not_amortised(option: str, mi: ModelInputs,
                   options: Mapping[str, OptionCosts]) -> Phrase:
    """The fixed cost of a gateway chosen without scale, per service and month, against the rest."""
    months = mi.scenario.horizon_months
    services = mi.values["services"] + mi.values["services_added_per_year"] * (months - 1) / 24

    def per_service(key: str) -> Money:
        return Money(options[key].total / max(services, 1e-9) / months, mi.scenario.currency)

    return Phrase("reason.not_amortised", {
        "option": option, "cost": per_service(option), "direct": per_service("direct"),
        "automate": per_service("automate"),
        "threshold": mi.values["scale_min_services"],
        "requests_threshold": mi.values["scale_min_monthly_requests"]})


def _set_aside(option: str, rule: str, crit: Criteria,
               options: Mapping[str, OptionCosts]) -> tuple[SetAside, ...]:
    """Options cheaper than the verdict that the rules did not choose, each with its reason."""
    chosen = options[option].total
    out = []
    for key in OPTION_IDS:
        o = options[key]
        if key == option or o.total >= chosen:
            continue
        why: Phrase
        if not o.feasible:
            why = Phrase("set_aside.infeasible", {"why": infeasible_reasons(o)})
        elif rule.startswith("convenience-"):
            why = Phrase("set_aside.convenience" if key in ("buy", "self_host", "build")
                         else "set_aside.cheaper_fix")
        elif rule == "governance-below-scale":
            why = Phrase("set_aside.below_scale")
        elif key in ("self_host", "build") and crit.ops_capacity.level != "stock":
            why = Phrase("set_aside.no_ops")
        elif key == "build":
            why = Phrase("set_aside.ladder_build")
        elif key in ("direct", "automate"):
            why = Phrase("set_aside.governance")
        else:
            why = Phrase("set_aside.ladder")
        out.append(SetAside(key, o.total, why))
    return tuple(out)


def product_name(product: str) -> str:
    """The display name of a vendor preset or open-source gateway id."""
    found = VENDOR_PRESETS.get(product) or OSS_GATEWAYS.get(product)
    return found.name if found is not None else product


def infeasible_reasons(o: OptionCosts) -> tuple[Phrase, ...]:
    """Why an option cannot be adopted, in words (empty when it can)."""
    parts: list[Phrase] = []
    name = product_name(o.product)
    if o.gaps:
        parts.append(Phrase("infeasible.gaps_by", {"product": name, "needs": _needs(o.gaps)})
                     if o.product else Phrase("infeasible.gaps", {"needs": _needs(o.gaps)}))
    if o.compliance_walled:
        parts.append(Phrase("infeasible.compliance"))
    if o.strategic_walled:
        parts.append(Phrase("infeasible.strategic"))
    if o.unmet_routing:
        parts.append(Phrase("infeasible.routing_by", {
            "product": name, "routing": tuple(Term(f"routing.{r}") for r in o.unmet_routing)}))
    return tuple(parts)


def _needs(keys: Sequence[str]) -> tuple[Term, ...]:
    return tuple(Term(f"need.{k}") for k in keys)


def _wall(key: str, walls: BuyWalls, cur: str) -> Phrase:
    if key == "cost":
        return Phrase("wall.cost", {"buy": Money(walls.buy_total, cur),
                                    "self_host": Money(walls.self_host_total, cur)})
    if key == "customization":
        return Phrase("wall.customization", {
            "vendor": product_name(walls.vendor),
            "missing": (*(Term(f"routing.{r}") for r in walls.unmet_routing),
                        *(Term(f"need.{n}") for n in walls.unmet_needs))})
    if key == "strategic":
        return Phrase("wall.strategic")
    return Phrase("wall.compliance")


def _self_host_wall(key: str, walls: SelfHostWalls, cur: str) -> Phrase:
    if key == "cost":
        return Phrase("wall.self_host.cost", {"build": Money(walls.build_total, cur),
                                              "self_host": Money(walls.self_host_total, cur)})
    return Phrase("wall.self_host.capability", {
        "gateway": product_name(walls.gateway),
        "missing": (*(Term(f"routing.{r}") for r in walls.unmet_routing),
                    *(Term(f"need.{n}") for n in walls.unmet_needs))})


# --- what changed between two sets of criteria --------------------------------------------------


@dataclass(frozen=True)
class CriterionChange:
    """A criterion that differs between two decisions, with the numbers behind it."""

    criterion: str
    a: Any
    b: Any
    detail: str


def _money_text(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}"


def criteria_changes(a: Criteria, b: Criteria, cur_a: str, cur_b: str) -> list[CriterionChange]:
    """The criteria that differ between ``a`` and ``b``, worded for people, in table order."""
    out: list[CriterionChange] = []
    if a.need.kind != b.need.kind:
        out.append(CriterionChange(
            "need.kind", a.need.kind, b.need.kind,
            f"required needs only a gateway meets: {', '.join(a.need.gateway_only) or 'none'} "
            f"-> {', '.join(b.need.gateway_only) or 'none'}"))
    if a.scale.met != b.scale.met:
        out.append(CriterionChange(
            "scale.met", a.scale.met, b.scale.met,
            f"services {format_value(a.scale.services)} -> {format_value(b.scale.services)} "
            f"(threshold {format_value(a.scale.services_threshold)} -> "
            f"{format_value(b.scale.services_threshold)}); monthly requests "
            f"{format_value(a.scale.monthly_requests)} -> "
            f"{format_value(b.scale.monthly_requests)} (threshold "
            f"{format_value(a.scale.monthly_requests_threshold)} -> "
            f"{format_value(b.scale.monthly_requests_threshold)})"))
    if bool(a.need.legal) != bool(b.need.legal):
        out.append(CriterionChange(
            "need.legal", bool(a.need.legal), bool(b.need.legal),
            f"hard legal needs: {', '.join(a.need.legal) or 'none'} -> "
            f"{', '.join(b.need.legal) or 'none'}"))
    if a.ops_capacity.level != b.ops_capacity.level:
        out.append(CriterionChange(
            "ops_capacity.level", a.ops_capacity.level, b.ops_capacity.level,
            f"platform team {str(a.ops_capacity.platform_team).lower()} -> "
            f"{str(b.ops_capacity.platform_team).lower()}; 24x7 rotation "
            f"{str(a.ops_capacity.on_call_24x7).lower()} -> {str(b.ops_capacity.on_call_24x7).lower()}"))
    wa, wb = a.buy_walls, b.buy_walls
    if wa.compliance != wb.compliance:
        out.append(CriterionChange("walls.compliance", wa.compliance, wb.compliance,
                                   f"compliance required: {str(wa.compliance).lower()} -> "
                                   f"{str(wb.compliance).lower()}"))
    if wa.strategic != wb.strategic:
        out.append(CriterionChange("walls.strategic", wa.strategic, wb.strategic,
                                   f"gateway part of the product: {str(wa.strategic).lower()} "
                                   f"-> {str(wb.strategic).lower()}"))
    if wa.cost != wb.cost:
        out.append(CriterionChange(
            "walls.cost", wa.cost, wb.cost,
            f"buy {_money_text(wa.buy_total, cur_a)} vs self-host "
            f"{_money_text(wa.self_host_total, cur_a)} -> buy "
            f"{_money_text(wb.buy_total, cur_b)} vs self-host "
            f"{_money_text(wb.self_host_total, cur_b)}"))
    if wa.customization != wb.customization:
        ua = ", ".join((*wa.unmet_routing, *wa.unmet_needs)) or "none"
        ub = ", ".join((*wb.unmet_routing, *wb.unmet_needs)) or "none"
        out.append(CriterionChange(
            "walls.customization", wa.customization, wb.customization,
            f"what the vendor cannot do: {ua} ({wa.vendor}) -> {ub} ({wb.vendor})"))
    sa, sb = a.self_host_walls, b.self_host_walls
    if sa.capability != sb.capability:
        ua = ", ".join((*sa.unmet_routing, *sa.unmet_needs)) or "none"
        ub = ", ".join((*sb.unmet_routing, *sb.unmet_needs)) or "none"
        out.append(CriterionChange(
            "self_host_walls.capability", sa.capability, sb.capability,
            f"what the open-source gateway cannot do: {ua} ({sa.gateway}) -> {ub} "
            f"({sb.gateway})"))
    if sa.cost != sb.cost:
        out.append(CriterionChange(
            "self_host_walls.cost", sa.cost, sb.cost,
            f"build {_money_text(sa.build_total, cur_a)} vs self-host "
            f"{_money_text(sa.self_host_total, cur_a)} -> build "
            f"{_money_text(sb.build_total, cur_b)} vs self-host "
            f"{_money_text(sb.self_host_total, cur_b)}"))
    return out


def criteria_fields(c: Criteria) -> dict[str, Any]:
    """The criteria as plain data (for JSON), field by field."""

    def plain(obj: Any) -> Any:
        if hasattr(obj, "__dataclass_fields__"):
            data = {f.name: plain(getattr(obj, f.name)) for f in fields(obj)}
            for extra in ("standing", "hard", "legal"):
                if hasattr(type(obj), extra):
                    data[extra] = plain(getattr(obj, extra))
            return data
        if isinstance(obj, tuple):
            return list(obj)
        return obj

    out: dict[str, Any] = plain(c)
    return out


def _consequences(option: str, mi: ModelInputs,
                  options: Mapping[str, OptionCosts]) -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
    services = mi.values["services"]
    envs = len(mi.scenario.organisation.environments)
    o = options[option]
    if option == "direct":
        return (
            (Phrase("good.direct.no_spof"), Phrase("good.direct.anyone"),
             Phrase("good.direct.no_lag")),
            (Phrase("bad.direct.restarts", {"services": Count(services), "envs": envs}),
             Phrase("bad.direct.duplicated"), Phrase("bad.direct.coarse")),
        )
    if option == "automate":
        return (
            (Phrase("good.automate.hot_reload"), Phrase("good.automate.one_fallback"),
             Phrase("good.automate.no_spof")),
            (Phrase("bad.automate.own_library"), Phrase("bad.automate.partial_governance")),
        )
    common_bad = (
        Phrase("bad.gateway.spof", {"services": Count(services),
                                    "availability": f"{o.availability:.3%}"}),
        Phrase("bad.gateway.lag"), Phrase("bad.gateway.leaky"), Phrase("bad.gateway.onboarding"),
    )
    if option == "buy":
        return (
            (Phrase("good.buy.outsourced"), Phrase("good.buy.governance")),
            (*common_bad, Phrase("bad.buy.egress", {"vendor": product_name(o.product)}),
             Phrase("bad.buy.lock_in")),
        )
    own = (Phrase("bad.own.restart_fear"), Phrase("bad.own.on_call"))
    if option == "self_host":
        return (
            (Phrase("good.self_host.in_house"), Phrase("good.self_host.extend")),
            (*common_bad, *own),
        )
    return (
        (Phrase("good.build.anything"),),
        (*common_bad, *own, Phrase("bad.build.adapters")),
    )


# --- tripwires -----------------------------------------------------------------------------

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
        outcome = _verdict(resolve_inputs(changed))
        if outcome[0] != base[0] and (name.startswith("ops_") or outcome not in seen_outcomes):
            seen_outcomes.add(outcome)
            found.append(Tripwire(name, path, now, then, "becomes", outcome[0], outcome[1]))
    return tuple(found)




# --- many verdicts at once (Monte Carlo draws, decision-map cells) ---------------------------


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
        likely = resolve_inputs(mi.scenario)
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
    if not f.governance or (not f.scale_met and not f.legal):
        return fallback
    gateways = []
    if not (f.buy_compliance or f.buy_customization or f.buy_strategic):
        gateways.append("buy")
    if f.ops_stock:
        if not f.self_host_capability:
            gateways.append("self_host")
        gateways.append("build")
    return tuple(gateways) or fallback
