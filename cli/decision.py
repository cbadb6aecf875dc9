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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from cli.assumptions import VENDOR_PRESETS
from cli.costs import (
    OPTION_LABELS,
    ModelInputs,
    OptionCosts,
    compute_costs,
    resolve_inputs,
)
from cli.scenario import GOVERNANCE_NEEDS, Scenario

__all__ = [
    "RULES",
    "Decision",
    "Evaluation",
    "Tripwire",
    "decide",
    "evaluate",
]

RULES: Mapping[str, str] = {
    "convenience-automate": "Convenience only, and automation costs less than the hassle: automate.",
    "convenience-direct": "Convenience only, and automation costs more than it saves: stay direct.",
    "governance-build": "Governance required, scale, stock ops capacity and all three walls: build.",
    "governance-self-host": "Governance required, stock ops capacity and a wall: self-host.",
    "governance-no-runnable-gateway": (
        "Governance required, buying is walled off and no ops capacity to self-host: no gateway "
        "this team can run."
    ),
    "governance-buy": "Governance required: buy first.",
}

OpsLevel = Literal["stock", "partial", "none"]


@dataclass(frozen=True)
class Decision:
    """The verdict: which option, which rule fired, why, and what follows from it."""

    option: str
    rule: str
    headline: str
    reasons: tuple[str, ...]
    good: tuple[str, ...]
    bad: tuple[str, ...]
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

    @property
    def text(self) -> str:
        """Plain words: ``services >= 14 -> buy (governance-buy)``."""
        value = _fmt(self.threshold)
        return (f"{self.field} {self.direction} {value} (now {_fmt(self.current)}) -> "
                f"{self.option} ({self.rule})")


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return str(value)


@dataclass(frozen=True)
class Evaluation:
    """Everything gateway-roi says about one scenario."""

    scenario: Scenario
    inputs: ModelInputs
    options: Mapping[str, OptionCosts]
    decision: Decision
    tripwires: tuple[Tripwire, ...]


def _ops_level(scenario: Scenario) -> OpsLevel:
    team = scenario.team
    if team.platform_team and team.on_call_24x7:
        return "stock"
    if team.platform_team or team.on_call_24x7:
        return "partial"
    return "none"


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}"


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


def decide(mi: ModelInputs, options: Mapping[str, OptionCosts]) -> Decision:
    """Apply the rules to costed options and say which one, by which rule, and why."""
    crit = _criteria(mi, options)
    cur = mi.scenario.currency
    months = mi.scenario.horizon_months
    direct, automate = options["direct"], options["automate"]
    need, scale, ops, walls = crit["need"], crit["scale"], crit["ops_capacity"], crit["walls"]
    reasons: list[str] = []
    cheapest_gateway = min((options[k] for k in ("buy", "self_host", "build")),
                           key=lambda o: o.total)
    if need["kind"] == "convenience":
        reasons.append(
            "No governance need is required"
            + (f" ({', '.join(need['nice'])} only nice to have)" if need["nice"] else "")
            + ": what is missing is convenience, a bounded cost paid service by service."
        )
        saving = direct.total - automate.total
        if saving > 0:
            option, rule = "automate", "convenience-automate"
            reasons.append(
                f"Automating costs {_money(automate.total, cur)} over {months} months against "
                f"{_money(direct.total, cur)} for living with it: it saves "
                f"{_money(saving, cur)}"
                + (f" and pays back by month {automate.breakeven_month}."
                   if automate.breakeven_month else ".")
            )
        else:
            option, rule = "direct", "convenience-direct"
            reasons.append(
                f"Automating would cost {_money(automate.total, cur)} over {months} months, "
                f"{_money(-saving, cur)} more than the {_money(direct.total, cur)} of living "
                "with the hassle: tough it out."
            )
        fix = options[option]
        if cheapest_gateway.total < fix.total:
            reasons.append(
                f"On paper the cheapest gateway ({cheapest_gateway.id}, "
                f"{_money(cheapest_gateway.total, cur)}) costs less than {option} "
                f"({_money(fix.total, cur)}), but it puts a shared single point of failure in "
                "front of every call, plus lock-in and lag on new models, to fix what is only "
                "convenience."
            )
        else:
            reasons.append(
                f"The cheapest gateway ({cheapest_gateway.id}) would cost "
                f"{_money(cheapest_gateway.total, cur)} and add a single point of failure for a "
                "problem that is only convenience."
            )
        if crit["providers"] >= 3:
            reasons.append(
                f"{crit['providers']} providers are in use: the count alone does not call for a "
                "gateway; a shared client library absorbs it."
            )
    else:
        hard = walls["compliance"]["met"] or walls["customization"]["met"]
        wall_names = [k for k in ("compliance", "cost", "customization") if walls[k]["met"]]
        reasons.append(f"Governance is a hard requirement: {', '.join(need['required'])}.")
        if scale["met"] and ops["level"] == "stock" and len(wall_names) == 3:
            option, rule = "build", "governance-build"
        elif ops["level"] == "stock" and wall_names:
            option, rule = "self_host", "governance-self-host"
        elif hard and ops["level"] != "stock":
            option = "automate" if automate.total <= direct.total else "direct"
            rule = "governance-no-runnable-gateway"
        else:
            option, rule = "buy", "governance-buy"
        reasons.append(
            "Walls against buying: " + (", ".join(_wall_text(k, walls, cur) for k in wall_names)
                                        if wall_names else "none") + "."
        )
        reasons.append(_ops_text(ops))
        reasons.append(_scale_text(scale))
        if rule == "governance-no-runnable-gateway":
            reasons.append(
                "No gateway this team can run: buying is ruled out and self-hosting needs a "
                "platform team with a 24x7 rotation. Meanwhile "
                f"{option} ({_money(options[option].total, cur)}) keeps things working, and the "
                f"required {', '.join(options[option].gaps) or 'needs'} must be covered by hand. "
                "To change this: stand up a platform/SRE team with a 24x7 rotation, or lift the "
                "wall."
            )
        elif rule == "governance-buy" and walls["cost"]["met"]:
            reasons.append(
                f"Self-hosting would be cheaper ({_money(walls['cost']['self_host_total'], cur)} "
                f"against {_money(walls['cost']['buy_total'], cur)}), but only a team with a "
                "24x7 rotation can carry it: buy and outsource the on-call."
            )
    chosen = options[option]
    reasons.append(
        f"{OPTION_LABELS[option]}: {_money(chosen.total, cur)} over {months} months "
        f"({_money(chosen.one_time, cur)} one-time, {_money(chosen.continuous, cur)} continuous)."
    )
    good, bad = _consequences(option, mi, options)
    headline = _headline(option, rule, mi)
    return Decision(option, rule, headline, tuple(reasons), good, bad, crit)


def _wall_text(key: str, walls: Mapping[str, Any], cur: str) -> str:
    if key == "compliance":
        return "compliance (data may not leave through a vendor)"
    if key == "cost":
        w = walls["cost"]
        return (f"cost (buying {_money(w['buy_total'], cur)} > self-hosting "
                f"{_money(w['self_host_total'], cur)})")
    return ("customization (the vendor cannot express "
            f"{', '.join(walls['customization']['unmet_routing'])} routing)")


def _ops_text(ops: Mapping[str, Any]) -> str:
    return {
        "stock": "Ops capacity is stock: a platform team already runs a 24x7 rotation, so a "
                 "gateway joins it rather than creating it.",
        "partial": "Ops capacity is partial: a platform team exists but no 24x7 rotation (or the "
                   "reverse); a self-run gateway would need a new rotation.",
        "none": "Ops capacity is none: no platform/SRE team; a self-run gateway would mean "
                "hiring or a new on-call shift out of thin air.",
    }[ops["level"]]


def _scale_text(scale: Mapping[str, Any]) -> str:
    return (
        f"Scale is {'met' if scale['met'] else 'not met'}: {scale['services']:.3g} services "
        f"(threshold {scale['services_threshold']:g}) and {scale['monthly_requests']:,.0f} "
        f"requests/month (threshold {scale['monthly_requests_threshold']:,.0f})."
    )


def _headline(option: str, rule: str, mi: ModelInputs) -> str:
    if rule == "governance-no-runnable-gateway":
        meanwhile = "automate the configuration" if option == "automate" else "stay direct"
        return f"No gateway this team can run: {meanwhile} for now and cover governance by hand"
    return {
        "direct": "Don't adopt a gateway: keep direct connections and tough it out",
        "automate": "Don't adopt a gateway: automate the configuration instead",
        "buy": "Buy a SaaS gateway",
        "self_host": "Self-host an open-source gateway on the existing platform team",
        "build": "Build an in-house gateway",
    }[option]


def _consequences(option: str, mi: ModelInputs,
                  options: Mapping[str, OptionCosts]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    s = mi.scenario
    services = mi.values["services"]
    envs = len(s.organisation.environments)
    o = options[option]
    if option == "direct":
        return (
            ("No new single point of failure: a provider outage stays with that provider's "
             "users.", "Any developer can fix a broken integration; nothing to put on call.",
             "No lag: a service can use a new model the day it ships."),
            (f"Every key rotation means restarts across {services:g} services x {envs} "
             "environments.", "Fallback and monitoring are written again in each service.",
             "Cost tracking by project stays coarse."),
        )
    if option == "automate":
        return (
            ("Keys rotate in the secret manager without restarts.",
             "One fallback implementation, shared by every service.",
             "No new runtime single point of failure: the library runs inside each service."),
            ("The library is one more thing to own and upgrade; services pick up fixes on "
             "redeploy.",
             "Governance (cost by key, audit, unified limits) stays partial."),
        )
    common_bad = (
        f"Single point of failure: a gateway outage takes down all {services:g} services at "
        f"once (availability {o.availability:.3%} in series with the providers).",
        "Lag on new models and providers: a service that wants one now waits for the gateway.",
        "Leaky abstraction: provider-specific features route around the gateway, halving its "
        "value.",
        "Onboarding gets longer: first the gateway supports it, then the service connects.",
    )
    if option == "buy":
        return (
            ("The vendor carries the 24x7 on-call: you pay money instead of headcount.",
             "Central cost attribution, audit, rate limits and key management."),
            (*common_bad,
             f"Data leaves through the vendor ({o.vendor}); added latency on every call.",
             "Lock-in: leaving the vendor means touching every service again."),
        )
    own = (
        "Restart fear: every upgrade and config change touches every service; changes need "
        "windows, canaries and rollback plans.",
        "24x7 on-call for the gateway, for as long as it runs.",
    )
    if option == "self_host":
        return (
            ("Central governance with data kept in-house.",
             "Routing rules can be extended where the product allows."),
            (*common_bad, *own),
        )
    return (
        ("Any routing, compliance or cost rule the business needs.",),
        (*common_bad, *own, "Every provider adapter and feature is yours to write and keep."),
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
)
# Tripwires are searched within a factor of ten of today's value (and down to zero): a verdict
# that only flips at 100x today's numbers is no tripwire a team can watch for.
_SCAN_UP = (2.0, 4.0, 10.0)
_SCAN_DOWN = (0.5, 0.25, 0.1)
_BISECT_STEPS = 6


def _verdict(mi: ModelInputs) -> tuple[str, str]:
    d = decide(mi, compute_costs(mi))
    return d.option, d.rule


def _search(mi: ModelInputs, name: str, whole: bool, base: tuple[str, str]) -> Tripwire | None:
    x0 = mi.values[name]

    def at(x: float) -> tuple[str, str]:
        return _verdict(mi.with_values({name: x}))

    best: Tripwire | None = None
    for up in (True, False):
        prev = x0
        found: float | None = None
        outcome = base
        for factor in _SCAN_UP if up else _SCAN_DOWN:
            if x0 <= 0:
                break
            x = x0 * factor
            if whole:
                x = float(round(x))
                if x == prev:
                    continue
            outcome = at(x)
            if outcome[0] != base[0]:
                found = x
                break
            prev = x
        if found is None:
            continue
        lo, hi = prev, found  # verdict holds at lo, flips at hi
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
        if not x0 / 10.5 <= threshold <= x0 * 10.5:
            continue
        tw = Tripwire(name, mi.inputs[name].field, x0, threshold, ">=" if up else "<=",
                      outcome[0], outcome[1])
        if best is None or abs(threshold - x0) < abs(best.threshold - x0):
            best = tw
    return best


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
    gov = scenario.needs.governance
    for need in GOVERNANCE_NEEDS:
        level = getattr(gov, need)
        target = "no" if level == "required" else "required"
        if target == "no" and sum(lvl == "required" for _, lvl in gov) > 1:
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
        if outcome[0] != base[0] and (name == "ops_capacity" or outcome not in seen_outcomes):
            seen_outcomes.add(outcome)
            found.append(Tripwire(name, path, now, then, "becomes", outcome[0], outcome[1]))
    return tuple(found)


def evaluate(scenario: Scenario, *, tripwires: bool = True) -> Evaluation:
    """Cost every option for ``scenario``, apply the rules and search for tripwires."""
    mi = resolve_inputs(scenario)
    options = compute_costs(mi)
    decision = decide(mi, options)
    found = find_tripwires(mi, decision) if tripwires else ()
    return Evaluation(scenario, mi, options, decision, found)

