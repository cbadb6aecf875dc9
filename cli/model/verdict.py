"""The verdict in words: which option, by which rule, its reasons, drivers and consequences.

Pure: no files, no terminal. :func:`decide` applies the rules of :mod:`gateway_roi.model.rules`
and explains them as phrases (:mod:`gateway_roi.words.i18n`); outputs only display what it hands
over: the drivers, the reasons, what the rules set aside and why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gateway_roi.model.cost_lines import OptionCosts
from gateway_roi.model.inputs import ModelInputs
from gateway_roi.model.rules import (
    FALLBACK_RULES,
    LEGAL_NEEDS,
    BuyWalls,
    Criteria,
    SelfHostWalls,
    criteria,
    runner_up,
    select_rule,
)
from gateway_roi.model.scenario import UNKNOWN_NUMBER_RANGES, data_rules
from gateway_roi.options import OPTION_IDS
from gateway_roi.words.i18n import Count, Money, Phrase, Term

__all__ = [
    "Decision",
    "Driver",
    "SetAside",
    "answered",
    "decide",
    "drivers",
    "infeasible_reasons",
    "need_terms",
    "product_name",
    "requests_words",
    "services_words",
]


@dataclass(frozen=True)
class Driver:
    """One decision driver as a reader sees it: what it is, its state, the evidence."""

    key: str
    """Stable id: ``need``, ``scale``, ``ops_capacity``, ``walls.compliance``..."""
    label: Term
    state: Term
    evidence: Phrase


def answered(crit: Criteria, path: str, value: object) -> object:
    """``value`` as a phrase parameter, or "unknown (taken as ...)" when ``path`` was not answered.

    An answer nobody gave is never printed as a fact: the reader sees what the verdict took.
    """
    if path not in crit.unknown:
        return value
    if path in UNKNOWN_NUMBER_RANGES:
        low, _, high = UNKNOWN_NUMBER_RANGES[path]
        return Phrase("unknown.sampled", {"low": low, "high": high})
    return Phrase("unknown.taken", {"value": value})


def services_words(crit: Criteria, prefix: str = "qty") -> Phrase:
    """The services the scale test read: a count, unknown with its range, or from people."""
    path, scale = "organisation.services", crit.scale
    if path in crit.unknown:
        low, likely, high = UNKNOWN_NUMBER_RANGES[path]
        return Phrase(f"{prefix}.services_unknown", {"low": low, "high": high, "likely": likely})
    if scale.people is not None and scale.people_per_service is not None:
        return Phrase(f"{prefix}.services_people", {
            "n": Count(scale.services) if prefix == "qty" else round(scale.services),
            "people": Count(scale.people), "ratio": scale.people_per_service})
    return Phrase(f"{prefix}.services", {"n": Count(scale.services)})


def requests_words(crit: Criteria, prefix: str = "qty") -> Phrase:
    """The monthly requests the scale test read: a number, or unknown with its sampled range."""
    path = "organisation.monthly_requests"
    if path in crit.unknown:
        low, likely, high = UNKNOWN_NUMBER_RANGES[path]
        return Phrase(f"{prefix}.requests_unknown", {"low": low, "high": high, "likely": likely})
    return Phrase(f"{prefix}.requests", {"n": crit.scale.monthly_requests})


def _unknown_needs(crit: Criteria) -> Phrase | str:
    """The governance needs written ``unknown`` (taken as no), or nothing."""
    keys = tuple(p.rsplit(".", 1)[1] for p in crit.unknown if p.startswith("needs.governance."))
    return Phrase("report.ev.need_unknown", {"needs": need_terms(keys)}) if keys else ""


def drivers(crit: Criteria, currency: str) -> tuple[Driver, ...]:
    """The criteria as the drivers a record or a panel lists, in the table's order.

    The one place that words the criteria: outputs display these and pick nothing apart.
    """
    need, scale, ops = crit.need, crit.scale, crit.ops_capacity
    walls, sh = crit.buy_walls, crit.self_host_walls

    def needs(keys: tuple[str, ...]) -> tuple[Term, ...] | Term:
        return need_terms(keys) or Term("none")

    def present(flag: bool) -> Term:
        return Term("report.wall.present" if flag else "report.wall.absent")

    def missing(routing: tuple[str, ...], unmet: tuple[str, ...]) -> tuple[Term, ...] | Term:
        return (*(Term(f"routing.{r}") for r in routing),
                *(Term(f"need.{n}") for n in unmet)) or Term("none")

    return (
        Driver("need", Term("report.driver.need"), Term(f"kind.{need.kind}"),
               Phrase("report.ev.need", {"required": needs(need.gateway_only),
                                         "automation": needs(need.met_by_automation),
                                         "nice": needs(need.nice),
                                         "unknown": _unknown_needs(crit)})),
        Driver("scale", Term("report.driver.scale"), Term("met" if scale.met else "not met"),
               Phrase("report.ev.scale", {"services": services_words(crit),
                                          "services_threshold": scale.services_threshold,
                                          "requests": requests_words(crit),
                                          "requests_threshold": scale.monthly_requests_threshold})),
        Driver("ops_capacity", Term("report.driver.ops"), Term(f"ops.{ops.level}"),
               Phrase("report.ev.ops", {
                   "team": answered(crit, "team.platform_team", ops.platform_team),
                   "rotation": answered(crit, "team.on_call_24x7", ops.on_call_24x7)})),
        Driver("walls.compliance", Term("report.driver.wall.compliance"),
               present(walls.compliance),
               Phrase("report.ev.compliance_level", {
                   "level": Term(f"level.{walls.compliance_level}"),
                   "providers": Term(f"data.providers.{walls.data_providers}"),
                   "gateway": Term(f"data.gateway.{walls.data_gateway}")})),
        *((Driver("walls.strategic", Term("report.driver.wall.strategic"), present(True),
                  Phrase("report.ev.strategic")),) if walls.strategic else ()),
        Driver("walls.cost", Term("report.driver.wall.cost"), present(walls.cost),
               Phrase("report.ev.cost", {"buy": Money(walls.buy_total, currency),
                                         "self_host": Money(walls.self_host_total, currency)})),
        Driver("walls.customization", Term("report.driver.wall.customization"),
               present(walls.customization),
               Phrase("report.ev.customization", {
                   "vendor": walls.vendor_name or walls.vendor,
                   "routing": missing(walls.unmet_routing, walls.unmet_needs)})),
        Driver("self_host_walls", Term("report.driver.wall.self_host"), present(bool(sh.standing)),
               Phrase("report.ev.self_host", {
                   "gateway": sh.gateway_name or sh.gateway,
                   "missing": added_terms(sh.additions) or Term("none"),
                   "build": Money(sh.build_total, currency),
                   "self_host": Money(sh.self_host_total, currency)})),
    )


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
            "needs": need_terms(need.met_by_automation),
            "gateway_only": need_terms(need.gateway_only) if need.gateway_only else Term("none")}))
    if need.kind == "convenience":
        nice = (Phrase("reason.nice_only", {"needs": need_terms(need.nice)}) if need.nice else "")
        reasons.append(Phrase("reason.convenience", {"nice": nice}))
    else:
        reasons.append(Phrase("reason.governance", {"needs": need_terms(need.gateway_only)}))
    if rule.startswith("convenience-") or rule in FALLBACK_RULES:
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
            "met": Term("met" if scale.met else "not met"), "services": services_words(crit),
            "services_threshold": scale.services_threshold, "requests": requests_words(crit),
            "requests_threshold": scale.monthly_requests_threshold}))
        # A need a law could impose, said to be the organisation's own wish (required_by).
        internal = tuple(k for k in need.wished if k in LEGAL_NEEDS)
        if internal:
            reasons.append(Phrase("reason.wished", {"needs": need_terms(internal)}))
        if rule == "governance-below-scale":
            reasons.append(Phrase("reason.below_scale", {"option": option,
                                                         "total": money(options[option].total)}))
            for wish in internal:
                # An internal wish at small scale: no gateway yet, and the cheap way meanwhile.
                reasons.append(Phrase("reason.cheap_way", {
                    "needs": need_terms((wish,)), "how": Term(f"cheap_way.{wish}")}))
        else:
            reasons.append(Phrase("reason.walls", {
                "walls": tuple(_wall(k, walls, cur) for k in walls.standing) or Term("none")}))
            if {"team.platform_team", "team.on_call_24x7"} & set(crit.unknown):
                reasons.append(Phrase("reason.ops.unknown", {
                    "level": Term(f"ops.{ops.level}"),
                    "team": answered(crit, "team.platform_team", ops.platform_team),
                    "rotation": answered(crit, "team.on_call_24x7", ops.on_call_24x7)}))
            else:
                # Partial: say which of the two is missing.
                key = (f"reason.ops.{ops.level}" if ops.level != "partial" else
                       "reason.ops.partial" if ops.platform_team else "reason.ops.partial_team")
                reasons.append(Phrase(key))
        if rule in ("governance-self-host", "governance-build"):
            reasons.append(Phrase("reason.self_host_walls", {
                "walls": tuple(_self_host_wall(k, sh, cur) for k in sh.standing)
                or Term("none")}))
            if sh.additions:
                reasons.append(Phrase("reason.additions", {
                    "gateway": sh.gateway_name or sh.gateway,
                    "features": added_terms(sh.additions)}))
        if rule == "governance-self-host" and sh.cost and not walls.all_three:
            reasons.append(Phrase("reason.build_needs_three_walls", {
                "build": money(sh.build_total), "self_host": money(sh.self_host_total),
                "missing": tuple(Term(f"report.wall_name.{k}")
                                 for k in walls.missing_for_build)}))
        if rule in FALLBACK_RULES:
            chosen_option = options[option]
            by_hand = chosen_option.by_hand
            manual = sum(ln.total for ln in chosen_option.lines if ln.id.startswith("by_hand_"))
            if rule == "governance-no-runnable-gateway":
                reasons.append(Phrase("reason.no_runnable", {
                    "option": option, "total": money(chosen_option.total),
                    "gaps": need_terms(by_hand) if by_hand else Term("reason.required_needs"),
                    "manual": money(manual)}))
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
    headline = Phrase(f"headline.{fallback}.{option}" if rule in FALLBACK_RULES
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
            why = Phrase("set_aside.governance", {"needs": need_terms(o.by_hand)
                                                  or Term("reason.required_needs")})
        else:
            why = Phrase("set_aside.ladder")
        out.append(SetAside(key, o.total, why))
    return tuple(out)


def product_name(option: OptionCosts) -> str:
    """The display name of the plan an option priced (its product id when it has none)."""
    return option.product_label or option.product


def infeasible_reasons(o: OptionCosts) -> tuple[Phrase, ...]:
    """Why an option cannot be adopted, in words (empty when it can)."""
    parts: list[Phrase] = []
    name = product_name(o)
    unverified = (*(k for k in o.gaps if k in o.unverified),
                  *(f"routing.{r}" for r in o.unmet_routing if f"routing.{r}" in o.unverified))
    if o.gaps:
        parts.append(Phrase("infeasible.gaps_by", {"product": name, "needs": need_terms(o.gaps)})
                     if o.product else Phrase("infeasible.gaps", {"needs": need_terms(o.gaps)}))
    if unverified:
        parts.append(Phrase("infeasible.unverified", {"product": name,
                                                      "needs": need_terms(unverified)}))
    if o.log_capped:
        parts.append(Phrase("infeasible.log_cap", {"product": name, "cap": o.log_cap_gb,
                                                   "volume": o.log_gb,
                                                   "needs": need_terms(o.log_capped)}))
    if o.compliance_walled:
        parts.append(Phrase("infeasible.compliance", {
            "rule": Term("data.gateway.not_allowed")}))
    if o.strategic_walled:
        parts.append(Phrase("infeasible.strategic"))
    if o.unmet_routing:
        parts.append(Phrase("infeasible.routing_by", {
            "product": name, "routing": tuple(Term(f"routing.{r}") for r in o.unmet_routing)}))
    return tuple(parts)


def need_terms(keys: Sequence[str]) -> tuple[Term, ...]:
    """The words for governance needs (and ``routing.<kind>``), by id."""
    return tuple(Term(k if k.startswith("routing.") else f"need.{k}") for k in keys)


def _wall(key: str, walls: BuyWalls, cur: str) -> Phrase:
    if key == "cost":
        return Phrase("wall.cost", {"buy": Money(walls.buy_total, cur),
                                    "self_host": Money(walls.self_host_total, cur)})
    if key == "customization":
        return Phrase("wall.customization", {
            "vendor": walls.vendor_name or walls.vendor,
            "missing": (*(Term(f"routing.{r}") for r in walls.unmet_routing),
                        *(Term(f"need.{n}") for n in walls.unmet_needs))})
    if key == "strategic":
        return Phrase("wall.strategic")
    return Phrase("wall.compliance", {"rule": Term(f"data.gateway.{walls.data_gateway}")})


def _self_host_wall(key: str, walls: SelfHostWalls, cur: str) -> Phrase:
    return Phrase("wall.self_host.cost", {"build": Money(walls.build_total, cur),
                                          "self_host": Money(walls.self_host_total, cur)})


def added_terms(keys: Sequence[str]) -> tuple[Term, ...]:
    """The words for what the team adds to an open-source gateway (needs, ``routing.<kind>``)."""
    return need_terms(keys)


_EGRESS = {"under_contract": "bad.buy.egress.under_contract",
           "redacted": "bad.buy.egress.redacted"}
"""What passing through a vendor means under each data rule that allows it, named as it is."""


def _consequences(option: str, mi: ModelInputs,
                  options: Mapping[str, OptionCosts]) -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
    services = mi.values["services"]
    envs = len(mi.scenario.organisation.environments)
    count: object = Count(services)
    if "organisation.services" in mi.scenario.unknown:
        # An unknown count is never stated as one: its range, said to be unknown.
        low, _, high = UNKNOWN_NUMBER_RANGES["organisation.services"]
        count = Phrase("unknown.count", {"low": low, "high": high})
    o = options[option]
    if option == "direct":
        return (
            (Phrase("good.direct.no_spof"), Phrase("good.direct.anyone"),
             Phrase("good.direct.no_lag")),
            (Phrase("bad.direct.restarts", {"services": count, "envs": envs}),
             Phrase("bad.direct.duplicated"), Phrase("bad.direct.coarse")),
        )
    if option == "automate":
        return (
            (Phrase("good.automate.hot_reload"), Phrase("good.automate.one_fallback"),
             Phrase("good.automate.no_spof")),
            (Phrase("bad.automate.own_library"), Phrase("bad.automate.partial_governance")),
        )
    common_bad = (
        Phrase("bad.gateway.spof", {"services": count,
                                    "availability": f"{o.availability:.3%}"}),
        Phrase("bad.gateway.lag"), Phrase("bad.gateway.leaky"), Phrase("bad.gateway.onboarding"),
    )
    if option == "buy":
        return (
            (Phrase("good.buy.outsourced"), Phrase("good.buy.governance")),
            (*common_bad, Phrase(_EGRESS.get(data_rules(mi.scenario)[1], "bad.buy.egress"),
                                 {"vendor": product_name(o)}),
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
