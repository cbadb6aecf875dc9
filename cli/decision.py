"""The essay's criteria as explicit rules: costs per option -> a verdict, its reasons, tripwires.

Pure: no files, no terminal. The rules, in order (each has a stable id):

* ``convenience-automate`` -- no governance need is required, and automating the configuration
  costs less than living with it;
* ``convenience-direct`` -- no governance need is required, and automating costs more than it
  saves over the horizon;
* ``governance-build`` -- governance is required, scale is there, ops capacity is stock, and all
  three walls against buying stand (compliance, cost, customization);
* ``governance-self-host`` -- governance is required, ops capacity is stock, at least one wall;
* ``governance-no-runnable-gateway`` -- governance is required, a hard wall rules out buying
  (compliance or customization), and there is no stock ops capacity to self-host: no gateway
  this team can run, the cheaper of ``automate``/``direct`` meanwhile;
* ``governance-buy`` -- governance is required and nothing above applies: buy first.

The number of providers never enters a rule: it only moves costs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cli.assumptions import VENDOR_PRESETS
from cli.costs import (
    ModelInputs,
    OptionCosts,
    compute_costs,
    resolve_inputs,
)
from cli.i18n import Count, Money, Phrase, Term, term
from cli.scenario import GOVERNANCE_NEEDS, Scenario

__all__ = [
    "RULES",
    "format_value",
    "Decision",
    "Tripwire",
    "cheapest_feasible",
    "decide",
    "find_breakeven",
    "find_tripwires",
    "select_rule",
]

RULES: Mapping[str, str] = {
    rule: term(f"rule.{rule}")
    for rule in (
        "convenience-automate",
        "convenience-direct",
        "governance-build",
        "governance-self-host",
        "governance-no-runnable-gateway",
        "governance-buy",
    )
}

OpsLevel = Literal["stock", "partial", "none"]


@dataclass(frozen=True)
class Decision:
    """The verdict: which option, which rule fired, why, and what follows from it."""

    option: str
    rule: str
    headline: Phrase
    reasons: tuple[Phrase, ...]
    good: tuple[Phrase, ...]
    bad: tuple[Phrase, ...]
    criteria: Mapping[str, Any]


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

    def phrase(self) -> Phrase:
        """The tripwire as a sentence: ``organisation.services >= 14 (now 9) -> buy (...)``."""
        outcome = {"option": self.option, "rule": self.rule}
        if self.input == "ops_capacity":
            return Phrase("tripwire.ops_capacity", outcome)
        if self.input == "ops_capacity_lost":
            return Phrase("tripwire.ops_lost", outcome)
        if self.rule == "cheapest":
            return Phrase("tripwire.cheapest", {**outcome, "field": self.field,
                                                "direction": self.direction,
                                                "threshold": format_value(self.threshold),
                                                "current": format_value(self.current)})
        if self.direction == "becomes":
            return Phrase("tripwire.need", {**outcome, "need": Term(f"need.{self.input}"),
                                            "level": Term(f"level.{self.threshold}"),
                                            "current": Term(f"level.{self.current}")})
        return Phrase("tripwire", {**outcome, "field": self.field, "direction": self.direction,
                                   "threshold": format_value(self.threshold),
                                   "current": format_value(self.current)})

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


def _ops_level(scenario: Scenario) -> OpsLevel:
    team = scenario.team
    if team.platform_team and team.on_call_24x7:
        return "stock"
    if team.platform_team or team.on_call_24x7:
        return "partial"
    return "none"


def _criteria(mi: ModelInputs, options: Mapping[str, OptionCosts]) -> dict[str, Any]:
    s, v = mi.scenario, mi.values
    levels = dict(s.needs.governance)
    required = [k for k in GOVERNANCE_NEEDS if levels[k] == "required"]
    nice = [k for k in GOVERNANCE_NEEDS if levels[k] == "nice"]
    services_ok = v["services"] >= v["scale_min_services"]
    requests_ok = v["monthly_requests"] >= v["scale_min_monthly_requests"]
    buy = options["buy"]
    routing_required = sorted(k for k, lvl in s.needs.routing if lvl == "required")
    supported = (frozenset(s.buy.routing_supported) if s.buy.routing_supported is not None
                 else VENDOR_PRESETS[buy.vendor].routing)
    unmet_routing = [k for k in routing_required if k not in supported]
    buy_total, self_total = buy.total, options["self_host"].total
    ops = _ops_level(s)
    return {
        "need": {
            "kind": "governance" if required else "convenience",
            "required": required,
            "nice": nice,
            "pains": [k for k, lvl in s.needs.pains if lvl != "no"],
        },
        "scale": {
            "met": services_ok and requests_ok,
            "services": v["services"],
            "services_threshold": v["scale_min_services"],
            "services_met": services_ok,
            "monthly_requests": v["monthly_requests"],
            "monthly_requests_threshold": v["scale_min_monthly_requests"],
            "monthly_requests_met": requests_ok,
        },
        "ops_capacity": {
            "level": ops,
            "platform_team": s.team.platform_team,
            "platform_team_size": s.team.platform_team_size.likely,
            "on_call_24x7": s.team.on_call_24x7,
        },
        "walls": {
            "compliance": {"met": levels["compliance"] == "required",
                           "detail": f"compliance is {levels['compliance']}"},
            "cost": {"met": buy_total > self_total, "buy_total": buy_total,
                     "self_host_total": self_total},
            "customization": {"met": bool(unmet_routing), "unmet_routing": unmet_routing,
                              "vendor": buy.vendor},
        },
        "providers": len(s.providers.in_use),
    }


def select_rule(*, governance: bool, scale_met: bool, ops_stock: bool, compliance: bool,
                cost_wall: bool, customization: bool, automate_total: float,
                direct_total: float) -> tuple[str, str]:
    """The decision table itself: (option, rule id) from the criteria. Nothing else decides.

    Kept apart from :func:`decide` (which also explains) so a Monte Carlo run can apply the
    very same rules to every draw.
    """
    if not governance:
        if direct_total - automate_total > 0:
            return "automate", "convenience-automate"
        return "direct", "convenience-direct"
    walls = (compliance, cost_wall, customization)
    if scale_met and ops_stock and all(walls):
        return "build", "governance-build"
    if ops_stock and any(walls):
        return "self_host", "governance-self-host"
    if (compliance or customization) and not ops_stock:
        option = "automate" if automate_total <= direct_total else "direct"
        return option, "governance-no-runnable-gateway"
    return "buy", "governance-buy"


def decide(mi: ModelInputs, options: Mapping[str, OptionCosts]) -> Decision:
    """Apply the rules to costed options and say which one, by which rule, and why."""
    crit = _criteria(mi, options)
    cur = mi.scenario.currency
    months = mi.scenario.horizon_months

    def money(amount: float) -> Money:
        return Money(amount, cur)

    direct, automate = options["direct"], options["automate"]
    need, scale, ops, walls = crit["need"], crit["scale"], crit["ops_capacity"], crit["walls"]
    reasons: list[Phrase] = []
    cheapest_gateway = min((options[k] for k in ("buy", "self_host", "build")),
                           key=lambda o: o.total)
    if need["kind"] == "convenience":
        nice = (Phrase("reason.nice_only", {"needs": _needs(need["nice"])}) if need["nice"]
                else "")
        reasons.append(Phrase("reason.convenience", {"nice": nice}))
        saving = direct.total - automate.total
        option, rule = select_rule(
            governance=False, scale_met=scale["met"], ops_stock=ops["level"] == "stock",
            compliance=False, cost_wall=False, customization=False,
            automate_total=automate.total, direct_total=direct.total)
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
        fix = options[option]
        if cheapest_gateway.total < fix.total:
            reasons.append(Phrase("reason.gateway_on_paper", {
                "gateway": cheapest_gateway.id, "gateway_total": money(cheapest_gateway.total),
                "option": option, "option_total": money(fix.total)}))
        else:
            reasons.append(Phrase("reason.gateway_spof", {
                "gateway": cheapest_gateway.id, "gateway_total": money(cheapest_gateway.total)}))
        if need["pains"]:
            reasons.append(Phrase("reason.pains", {
                "pains": tuple(Term(f"pain.{k}") for k in need["pains"])}))
        if crit["providers"] >= 3:
            reasons.append(Phrase("reason.provider_count", {"count": crit["providers"]}))
    else:
        wall_names = [k for k in ("compliance", "cost", "customization") if walls[k]["met"]]
        reasons.append(Phrase("reason.governance", {"needs": _needs(need["required"])}))
        option, rule = select_rule(
            governance=True, scale_met=scale["met"], ops_stock=ops["level"] == "stock",
            compliance=walls["compliance"]["met"], cost_wall=walls["cost"]["met"],
            customization=walls["customization"]["met"],
            automate_total=automate.total, direct_total=direct.total)
        reasons.append(Phrase("reason.walls", {
            "walls": tuple(_wall(k, walls, cur) for k in wall_names) or Term("none")}))
        reasons.append(Phrase(f"reason.ops.{ops['level']}"))
        reasons.append(Phrase("reason.scale", {
            "met": Term("met" if scale["met"] else "not met"), "services": Count(scale["services"]),
            "services_threshold": scale["services_threshold"],
            "requests": scale["monthly_requests"],
            "requests_threshold": scale["monthly_requests_threshold"]}))
        if rule == "governance-no-runnable-gateway":
            gaps = options[option].gaps
            reasons.append(Phrase("reason.no_runnable", {
                "option": option, "total": money(options[option].total),
                "gaps": _needs(gaps) if gaps else Term("reason.required_needs")}))
        elif rule == "governance-buy" and walls["cost"]["met"]:
            reasons.append(Phrase("reason.cost_wall_no_ops", {
                "self_host": money(walls["cost"]["self_host_total"]),
                "buy": money(walls["cost"]["buy_total"])}))
    chosen = options[option]
    reasons.append(Phrase("reason.chosen", {
        "label": Term(f"option.{option}"), "total": money(chosen.total), "months": months,
        "one_time": money(chosen.one_time), "continuous": money(chosen.continuous)}))
    good, bad = _consequences(option, mi, options)
    headline = Phrase(f"headline.no_runnable.{option}" if rule == "governance-no-runnable-gateway"
                      else f"headline.{option}")
    return Decision(option, rule, headline, tuple(reasons), good, bad, crit)


def _needs(keys: Sequence[str]) -> tuple[Term, ...]:
    return tuple(Term(f"need.{k}") for k in keys)


def _wall(key: str, walls: Mapping[str, Any], cur: str) -> Phrase:
    if key == "cost":
        w = walls["cost"]
        return Phrase("wall.cost", {"buy": Money(w["buy_total"], cur),
                                    "self_host": Money(w["self_host_total"], cur)})
    if key == "customization":
        return Phrase("wall.customization", {
            "routing": tuple(Term(f"routing.{r}") for r in walls["customization"]["unmet_routing"])})
    return Phrase("wall.compliance")


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
            (*common_bad, Phrase("bad.buy.egress", {"vendor": o.vendor}),
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
    ("downtime_cost_per_hour", False),
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
                      outcome[0], outcome[1])
        if best is None or abs(threshold - y0) < abs(_distance(best, complement)):
            best = tw
    return best


def _distance(tw: Tripwire, complement: bool) -> float:
    """How far a tripwire lies from today's value, in the searched quantity."""
    if complement:
        return (1.0 - float(tw.threshold)) - (1.0 - float(tw.current))
    return float(tw.threshold) - float(tw.current)


def find_breakeven(mi: ModelInputs, names: Sequence[str],
                   judge: Judge = cheapest_feasible) -> tuple[Tripwire, ...]:
    """Break-even values of ``names``: where ``judge``'s answer changes (default: cheapest)."""
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
        tw = _search(mi, name, whole, base)
        if tw is not None:
            found.append(tw)
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

    ``option`` and ``rule`` are numpy arrays of strings; ``margin`` is how much more the
    cheapest other option the rules consider would cost than the verdict (negative when the
    rules chose a dearer option).
    """

    option: Any
    rule: Any
    margin: Any


def decide_arrays(mi: ModelInputs, options: Mapping[str, OptionCosts]) -> VerdictArrays:
    """Apply :func:`select_rule` to every draw or cell of array-valued inputs and totals.

    ``mi`` holds numpy arrays (one value per draw or cell) or plain numbers, ``options`` the
    totals-only costs of those inputs (``compute_costs(mi, detail=False)``). The table sees each
    element only through a few yes/no facts, so it is called once per distinct combination and
    the outcome spread over every element that shares it.
    """
    import numpy as np

    totals = {k: np.asarray(o.total, dtype=float) for k, o in options.items()}
    v = mi.values
    shape = np.broadcast_shapes(*(t.shape for t in totals.values()),
                                *(np.shape(v[k]) for k in ("services", "monthly_requests",
                                                           "scale_min_services",
                                                           "scale_min_monthly_requests")))
    totals = {k: np.broadcast_to(t, shape) for k, t in totals.items()}

    def each(x: Any) -> Any:
        return np.broadcast_to(np.asarray(x, dtype=float), shape)

    crit = _criteria(resolve_inputs(mi.scenario), compute_costs(resolve_inputs(mi.scenario)))
    governance = crit["need"]["kind"] == "governance"
    stock = crit["ops_capacity"]["level"] == "stock"
    compliance = bool(crit["walls"]["compliance"]["met"])
    customization = bool(crit["walls"]["customization"]["met"])
    scale_met = ((each(v["services"]) >= each(v["scale_min_services"]))
                 & (each(v["monthly_requests"]) >= each(v["scale_min_monthly_requests"])))
    cost_wall = totals["buy"] > totals["self_host"]
    cheaper = totals["automate"] < totals["direct"]
    not_dearer = totals["automate"] <= totals["direct"]
    codes = (scale_met.astype(int) * 8 + cost_wall.astype(int) * 4 + cheaper.astype(int) * 2
             + not_dearer.astype(int))
    option = np.empty(shape, dtype=object)
    rule = np.empty(shape, dtype=object)
    margin = np.zeros(shape)
    for code in np.unique(codes).tolist():
        where = codes == code
        i = np.unravel_index(int(np.argmax(where)), shape)
        chosen, fired = select_rule(
            governance=governance, scale_met=bool(scale_met[i]), ops_stock=stock,
            compliance=compliance, cost_wall=bool(cost_wall[i]), customization=customization,
            automate_total=float(totals["automate"][i]), direct_total=float(totals["direct"][i]))
        option[where] = chosen
        rule[where] = fired
        rivals = [k for k in _considered(governance, stock, compliance, customization)
                  if k != chosen] or [k for k in totals if k != chosen]
        gap = np.min(np.stack([totals[k][where] for k in rivals]), axis=0)
        margin[where] = gap - totals[chosen][where]
    return VerdictArrays(option.astype(str), rule.astype(str), margin)


def _considered(governance: bool, stock: bool, compliance: bool,
                customization: bool) -> list[str]:
    """Options the rules could choose between, given the scenario's qualitative facts."""
    if not governance:
        return ["direct", "automate"]
    if stock:
        return ["self_host", "build"] if compliance else ["buy", "self_host", "build"]
    if compliance or customization:
        return ["direct", "automate"]
    return ["buy"]
