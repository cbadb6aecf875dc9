"""Words in English and Chinese: phrases with parameters, terms, and money as people write it.

The core builds :class:`Phrase` objects (a key and its parameters) rather than sentences, so the
same verdict reads naturally in either language. Pure: no files, no terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from gateway_roi.options import OPTION_LABELS

__all__ = [
    "LANGS",
    "Count",
    "Either",
    "Lang",
    "Money",
    "Phrase",
    "Term",
    "format_money",
    "format_number",
    "term",
    "translate_plain",
    "translate_unit",
]

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")


@dataclass(frozen=True)
class Money:
    """An amount in a currency, formatted the way readers of each language expect."""

    amount: float
    currency: str


@dataclass(frozen=True)
class Count:
    """A count of things that may be a fractional expected value: shown as "about 18"."""

    value: float


@dataclass(frozen=True)
class Term:
    """A translatable word or name, e.g. ``Term("option.automate")``."""

    key: str


@dataclass(frozen=True)
class Either:
    """Alternatives: ``a or b`` in English, ``a或b`` in Chinese."""

    items: tuple[Any, ...]


@dataclass(frozen=True)
class Phrase:
    """A sentence by key, with its parameters; :meth:`text` renders it in a language."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang = "en") -> str:
        """The sentence in ``lang``."""
        template = _CATALOG[lang].get(self.key) or _CATALOG["en"][self.key]
        return template.format(**{k: _render(v, lang) for k, v in self.params.items()})


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥"}


def format_number(value: float, lang: Lang = "en") -> str:
    """A plain number with grouping: whole numbers without decimals, others to 3 digits."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def format_money(money: Money, lang: Lang = "en") -> str:
    """``$12,345`` / ``CNY 12,345`` in English; ``1.2 万元`` / ``12,345 美元`` in Chinese."""
    amount, cur = money.amount, money.currency
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if lang == "zh":
        if cur == "CNY":
            if amount >= 10_000:
                return f"{sign}{amount / 10_000:,.1f} 万元"
            return f"{sign}{amount:,.0f} 元"
        name = {"USD": "美元", "EUR": "欧元", "GBP": "英镑", "JPY": "日元"}.get(cur, cur)
        return f"{sign}{amount:,.0f} {name}"
    symbol = _SYMBOLS.get(cur)
    if symbol and cur in {"USD", "EUR", "GBP"}:
        return f"{sign}{symbol}{amount:,.0f}"
    return f"{sign}{cur} {amount:,.0f}"


def term(key: str, lang: Lang = "en") -> str:
    """The word for ``key`` in ``lang`` (falls back to English, then to the key itself)."""
    return _CATALOG[lang].get(key) or _CATALOG["en"].get(key) or key


def _render(value: Any, lang: Lang) -> str:
    if isinstance(value, Phrase):
        return value.text(lang)
    if isinstance(value, Money):
        return format_money(value, lang)
    if isinstance(value, Count):
        if float(value.value).is_integer():
            return f"{value.value:,.0f}"
        return ("约 " if lang == "zh" else "about ") + f"{round(value.value):,}"
    if isinstance(value, Term):
        return term(value.key, lang)
    if isinstance(value, Either):
        return ("或" if lang == "zh" else " or ").join(_render(v, lang) for v in value.items)
    if isinstance(value, bool):
        return term("yes" if value else "no", lang)
    if isinstance(value, int | float):
        return format_number(value, lang)
    if isinstance(value, tuple | list):
        # Clauses (phrases) need a stronger separator than words do.
        clauses = bool(value) and all(isinstance(v, Phrase) for v in value)
        sep = ("；" if clauses else "、") if lang == "zh" else ("; " if clauses else ", ")
        return sep.join(_render(v, lang) for v in value)
    return str(value)


_EN: dict[str, str] = {
    "yes": "yes",
    "no": "no",
    "none": "none",
    "met": "met",
    "not met": "not met",
    # options (their English labels live with their ids)
    **{f"option.{key}": label for key, label in OPTION_LABELS.items()},
    # needs and walls
    "need.cost_attribution": "cost attribution by project or key",
    "need.audit_trail": "audit trail",
    "need.rate_limits": "unified rate limits and quotas",
    "need.compliance": "compliance (data may not leave)",
    "need.key_management": "central key management",
    "need.access_control": "access control (SSO, keys and limits mapped to teams)",
    "need.data_contract": "a data-processing contract with region pinning",
    "need.private_endpoints": "reaching the team's self-hosted models on its private network",
    "routing.user_tier": "by user tier",
    "routing.region": "by region",
    "routing.cost_budget": "by cost budget",
    "routing.business_context": "by business context",
    "ops.stock": "stock",
    "ops.partial": "partial",
    "ops.none": "none",
    "kind.governance": "governance",
    "kind.convenience": "convenience",
    # rules
    "rule.convenience-automate": "No required need is one only a gateway meets, and "
                                 "automation costs less than the hassle: automate.",
    "rule.convenience-direct": "No required need is one only a gateway meets, and automation "
                               "costs more than it saves: stay direct.",
    "rule.governance-below-scale": "A need only a gateway meets, but neither scale nor a hard "
                                   "legal need: no gateway yet.",
    "rule.governance-build": "Governance required, stock ops capacity, and both buying and "
                             "self-hosting hit a wall: build.",
    "rule.governance-self-host": "Governance required, a wall against buying, stock ops "
                                 "capacity, and an open-source gateway does the job: self-host.",
    "rule.governance-no-runnable-gateway": "Governance required, buying is walled off and no ops "
                                           "capacity to self-host: no gateway this team can run.",
    "rule.governance-buy": "Governance required: buy first.",
    # headlines
    "headline.direct": "Don't adopt a gateway: keep direct connections and tough it out",
    "headline.automate": "Don't adopt a gateway: automate the configuration instead",
    "headline.buy": "Buy a SaaS gateway",
    "headline.self_host": "Self-host an open-source gateway on the existing platform team",
    "headline.build": "Build an in-house gateway",
    "headline.no_runnable.automate": "No gateway this team can run: automate the configuration "
                                     "for now and cover governance by hand",
    "headline.no_runnable.direct": "No gateway this team can run: stay direct for now and cover "
                                   "governance by hand",
    "headline.below_scale.automate": "No gateway yet: below scale, automate the configuration "
                                     "and cover governance by hand",
    "headline.below_scale.direct": "No gateway yet: below scale, stay direct and cover "
                                   "governance by hand",
    # reasons
    "reason.convenience": "No required need is one only a gateway meets{nice}: what is missing "
                          "is convenience, a bounded cost paid service by service.",
    "reason.nice_only": " ({needs} only nice to have)",
    "reason.automate_saves": "Automating costs {automate} over {months} months against {direct} "
                             "for living with it: it saves {saving}{payback}.",
    "reason.payback": " and pays back by month {month}",
    "reason.automate_costs_more": "Automating would cost {automate} over {months} months, "
                                  "{extra} more than the {direct} of living with the hassle: "
                                  "tough it out.",
    "reason.gateway_on_paper": "On paper the cheapest gateway ({gateway}, {gateway_total}) costs "
                               "less than {option} ({option_total}), but it puts a shared single "
                               "point of failure in front of every call, plus lock-in and lag on "
                               "new models, to fix what is only convenience.",
    "reason.gateway_spof": "The cheapest gateway ({gateway}) would cost {gateway_total} and add a "
                           "single point of failure for a problem that is only convenience.",
    "reason.pains": "The pains named ({pains}) are local, bounded costs: automation and a shared "
                    "client library remove them without putting anything in front of every call.",
    "pain.rotation_restarts": "restarts on key rotation",
    "pain.duplicated_fallback": "fallback code in every service",
    "pain.scattered_monitoring": "scattered monitoring",
    "pain.sdk_per_provider": "one SDK per provider",
    "pain.slow_key_approval": "slow key approval",
    "reason.provider_count": "{count} providers are in use: the count alone does not call for a "
                             "gateway; a shared client library absorbs it.",
    "reason.governance": "Governance is a hard requirement that only a gateway meets: {needs}.",
    "reason.met_by_automation": "Automation meets the required {needs} (a secret manager with "
                                "hot reload manages keys centrally); required needs only a "
                                "gateway meets: {gateway_only}.",
    "reason.below_scale": "Neither scale nor a hard legal need (audit trail, compliance): a "
                          "gateway's fixed cost would not be amortised. Meanwhile {option} "
                          "({total}) keeps things working; cover the governance need by hand "
                          "until the scale is there.",
    "reason.not_amortised": "Scale is not met, so the gateway's fixed cost is not amortised: "
                            "{option} costs {cost} per service per month, against {direct} for "
                            "direct and {automate} for automate; the picture improves from "
                            "{threshold} services and {requests_threshold} requests a month.",
    "reason.walls": "Walls against buying: {walls}.",
    "reason.self_host_walls": "Walls against self-hosting: {walls}.",
    "reason.set_aside": "Cheaper options the rules set aside: {items}.",
    "reason.set_aside_item": "{option} ({total}): {why}",
    "set_aside.infeasible": "{why}",
    "set_aside.convenience": "a gateway puts a shared single point of failure in front of "
                             "every call to fix what is only convenience",
    "set_aside.cheaper_fix": "not one of the options this rule compares",
    "set_aside.below_scale": "below scale a gateway's fixed cost is not amortised",
    "set_aside.no_ops": "running it takes a platform team that already carries a 24x7 rotation",
    "set_aside.ladder_build": "building is the heaviest rung, only when self-hosting hits a wall",
    "set_aside.governance": "it leaves the required governance unmet",
    "set_aside.ladder": "the ladder climbs a rung only when the lighter one hits a wall",
    "wall.compliance": "compliance (data may not leave through a vendor)",
    "wall.strategic": "strategy (the gateway is part of the product the team sells)",
    "wall.cost": "cost (buying {buy} > self-hosting {self_host})",
    "wall.customization": "customization ({vendor} cannot do {missing})",
    "wall.self_host.capability": "capability ({gateway} cannot do {missing})",
    "wall.self_host.cost": "cost (building {build} < self-hosting {self_host})",
    "reason.ops.stock": "Ops capacity is stock: a platform team already runs a 24x7 rotation, so "
                        "a gateway joins it rather than creating it.",
    "reason.ops.partial": "Ops capacity is partial: a platform team exists but no 24x7 rotation "
                          "(or the reverse); a self-run gateway would need a new rotation.",
    "reason.ops.none": "Ops capacity is none: no platform/SRE team; a self-run gateway would mean "
                       "hiring or a new on-call shift out of thin air.",
    "reason.scale": "Scale is {met}: {services} services (threshold {services_threshold}) and "
                    "{requests} requests/month (threshold {requests_threshold}).",
    "reason.no_runnable": "No gateway this team can run: buying is ruled out and self-hosting "
                          "needs a platform team with a 24x7 rotation. Meanwhile {option} "
                          "({total}) keeps things working, and {gaps} must be covered by hand. "
                          "To change this: stand up a platform/SRE team with a 24x7 rotation, "
                          "or lift the wall.",
    "reason.required_needs": "the required needs",
    "reason.cost_wall_no_ops": "Self-hosting would be cheaper ({self_host} against {buy}), but "
                               "only a team with a 24x7 rotation can carry it: buy and outsource "
                               "the on-call.",
    "reason.chosen": "{label}: {total} over {months} months ({up_front} up front, {per_event} "
                     "per event, {standing} standing).",
    # consequences
    "good.direct.no_spof": "No new single point of failure: a provider outage stays with that "
                           "provider's users.",
    "good.direct.anyone": "Any developer can fix a broken integration; nothing to put on call.",
    "good.direct.no_lag": "No lag: a service can use a new model the day it ships.",
    "bad.direct.restarts": "Every key rotation means restarts across {services} services x "
                           "{envs} environments.",
    "bad.direct.duplicated": "Fallback and monitoring are written again in each service.",
    "bad.direct.coarse": "Cost tracking by project stays coarse.",
    "good.automate.hot_reload": "Keys rotate in the secret manager without restarts.",
    "good.automate.one_fallback": "One fallback implementation, shared by every service.",
    "good.automate.no_spof": "No new runtime single point of failure: the library runs inside "
                             "each service.",
    "bad.automate.own_library": "The library is one more thing to own and upgrade; services pick "
                                "up fixes on redeploy.",
    "bad.automate.partial_governance": "Governance (cost by key, audit, unified limits) stays "
                                       "partial.",
    "bad.gateway.spof": "Single point of failure: a gateway outage takes down all {services} "
                        "services at once (availability {availability} in series with the "
                        "providers).",
    "bad.gateway.lag": "Lag on new models and providers: a service that wants one now waits for "
                       "the gateway.",
    "bad.gateway.leaky": "Leaky abstraction: provider-specific features route around the gateway, "
                         "halving its value.",
    "bad.gateway.onboarding": "Onboarding gets longer: first the gateway supports it, then the "
                              "service connects.",
    "good.buy.outsourced": "The vendor carries the 24x7 on-call: you pay money instead of "
                           "headcount.",
    "good.buy.governance": "Central cost attribution, audit, rate limits and key management.",
    "bad.buy.egress": "Data leaves through the vendor ({vendor}); added latency on every call.",
    "bad.buy.lock_in": "Lock-in: leaving the vendor means touching every service again.",
    "bad.own.restart_fear": "Restart fear: every upgrade and config change touches every service; "
                            "changes need windows, canaries and rollback plans.",
    "bad.own.on_call": "24x7 on-call for the gateway, for as long as it runs.",
    "good.self_host.in_house": "Central governance with data kept in-house.",
    "good.self_host.extend": "Routing rules can be extended where the product allows.",
    "good.build.anything": "Any routing, compliance or cost rule the business needs.",
    "bad.build.adapters": "Every provider adapter and feature is yours to write and keep.",
    # tripwires
    "tripwire": "{field} {direction} {threshold} (now {current}) -> {option} ({rule})",
    "tripwire.ops_capacity": "once a platform team runs a 24x7 rotation -> {option} ({rule})",
    "tripwire.ops_lost": "if the 24x7 rotation stops -> {option} ({rule})",
    "tripwire.cheapest": "{field} {direction} {threshold} (now {current}): the cheapest feasible "
                         "option becomes {option}",
    "tripwire.need": "if {need} becomes {level} (now {current}) -> {option} ({rule})",
    "unknown.decides": "find out {question} before deciding ({field}): {answers}",
    "unknown.holds": "{field} is unknown, but no answer to it changes the verdict on its own",
    "unknown.answer": "{answer}, {options}",
    "unknown.q.on_call_24x7": "whether a 24x7 rotation exists",
    "unknown.q.platform_team": "whether a platform/SRE team exists",
    "range": "{low} to {high}",
    "unknown.q.number": "{name}",
    "unknown.q.monthly_requests": "how many calls a month the services make",
    "unknown.q.need": "whether {need} is required",
    "unknown.a.with_one": "with one",
    "unknown.a.without": "without",
    "unknown.a.at": "at {value}",
    "unknown.a.if_required": "if required",
    "unknown.a.if_not": "if not",
    "tripwire.scale": "from {threshold} services and {requests} requests a month, scale is met "
                      "and the fixed cost is spread (now {current} services)",
    "level.required": "required",
    "level.nice": "nice",
    "level.no": "no",
    # report: fixed text
    "report.question": "Should we adopt an AI gateway?",
    "report.title": "{question} {verdict}",
    "report.context": "Context and Problem Statement",
    "report.drivers": "Decision Drivers",
    "report.driver": "Driver",
    "report.state": "State",
    "report.evidence": "Evidence",
    "report.options": "Considered Options",
    "report.option": "Option",
    "report.one_time": "One-time",
    "report.continuous_per_year": "Continuous per year, present value",
    "report.up_front": "Up front",
    "report.per_event_per_year": "Per event, per year, present value",
    "report.standing_per_year": "Standing, per year, present value",
    "report.total": "Total over {months} months",
    "report.breakeven": "Break-even vs direct",
    "report.feasible": "Feasible",
    "report.month_n": "month {month}",
    "report.never": "never",
    "report.not_applicable": "-",
    "report.outcome": "Decision Outcome",
    "report.chosen": "Chosen option: \"{option}\", because rule `{rule}` applies: {rule_text}",
    "report.consequences": "Consequences",
    "report.good": "Good",
    "report.bad": "Bad",
    "report.timeline": "Cost over time",
    "report.timeline_intro": "Cumulative cost per option from month 0, present value in "
                             "{currency}: each line starts at its up-front costs, per-event and "
                             "standing costs are its slope. Colours:",
    "report.month": "Month",
    "report.chart_title": "Cumulative cost",
    "report.risk": "Risk",
    "report.blast_radius": "Blast radius of one failure",
    "report.availability": "Availability",
    "report.downtime_hours": "Expected downtime h/yr",
    "report.downtime_cost": "Downtime cost per year, present value",
    "report.tripwires": "What would change this decision",
    "report.unknowns": "Answered unknown",
    "report.no_tripwires": "No single input within a factor of ten of today's value changes "
                           "the verdict.",
    "report.cost_detail": "Cost detail",
    "report.line": "Cost line",
    "report.kind": "Kind",
    "report.formula": "Formula",
    "report.inputs": "Inputs",
    "report.kind.one_time": "one-time",
    "report.kind.continuous": "continuous",
    "report.kind.up_front": "up front",
    "report.kind.per_event": "per event",
    "report.kind.standing": "standing",
    "report.assumptions": "Assumptions",
    "report.assumptions_intro": "Every default figure this decision used. EST marks "
                                "gateway-roi's own estimates, not published figures; defaults "
                                "dated more than 12 months before {date} are flagged as stale.",
    "report.flags": "Flags",
    "report.wall.present": "present",
    "report.wall.absent": "absent",
    "report.feasible_no": "no: {why}",
    "report.option_heading": "`{id}` {label}: {total}",
    "report.option_heading_plain": "{label}: {total}",
    "report.chart_title_cur": "Cumulative cost ({currency})",
    "report.id": "Assumption",
    "report.value": "Value",
    "report.source": "Source",
    "report.as_of": "As of",
    "report.stale": "stale",
    "report.undated": "undated",
    "report.est": "EST",
    "report.origin.scenario": "scenario",
    "report.origin.override": "override",
    "report.origin.default": "default",
    "report.ctx.org": "{name}: {services} services call AI today ({added} added per year), "
                      "each in {envs_count} environments ({envs}); together they make {requests} "
                      "requests a month and spend {spend} a month with providers, growing "
                      "{growth} a year.",
    "report.ctx.providers": "Providers in use: {providers}. Expected each year: {new_providers} "
                            "new provider(s) and {new_models} new model(s).",
    "report.ctx.fallback": "{provider} falls back to {chain}",
    "report.ctx.team.stock": "A platform/SRE team of {size} already runs a 24x7 on-call rotation.",
    "report.ctx.team.partial_team": "A platform/SRE team of {size} exists, without a 24x7 "
                                    "rotation.",
    "report.ctx.team.stock_unsized": "A platform/SRE team already runs a 24x7 on-call rotation.",
    "report.ctx.team.partial_team_unsized": "A platform/SRE team exists, without a 24x7 rotation.",
    "report.ctx.team.partial_rotation": "A 24x7 rotation exists without a platform team.",
    "report.ctx.team.none": "There is no platform/SRE team and no 24x7 rotation.",
    "report.ctx.needs": "Needs: {needs}.",
    "report.ctx.need_item": "{need}: {level}",
    "report.ctx.no_needs": "No governance need was stated.",
    "report.ctx.horizon": "The comparison covers {months} months at a yearly discount rate of "
                          "{rate}; one engineer hour costs {hour}.",
    "report.driver.need": "Governance vs convenience",
    "report.driver.scale": "Scale (many services and high call volume)",
    "report.driver.ops": "Ops capacity (existing platform team with 24x7 on-call)",
    "report.driver.wall.compliance": "Wall: compliance",
    "report.driver.wall.cost": "Wall: cost",
    "report.driver.wall.customization": "Wall: customization",
    "report.ev.need": "required, only a gateway meets: {required}; required, automation meets: "
                      "{automation}; nice to have: {nice}",
    "report.driver.wall.self_host": "Wall against self-hosting (the next rung: building)",
    "report.ev.self_host": "{gateway} cannot do: {missing}; build {build} vs self-host "
                           "{self_host} over the horizon",
    "report.ev.scale": "{services} services (threshold {services_threshold}); {requests} "
                       "requests/month (threshold {requests_threshold})",
    "report.ev.ops": "platform team: {team}; 24x7 rotation: {rotation}",
    "report.ev.compliance": "compliance is {level}",
    "report.ev.compliance_level": "compliance is {level}; compliance level {rule}",
    "report.driver.wall.strategic": "Wall: strategy",
    "report.ev.strategic": "the gateway is part of the product the team sells (buy.strategic)",
    "report.ev.cost": "buy {buy} vs self-host {self_host} over the horizon",
    "report.ev.customization": "what the vendor ({vendor}) cannot do: {routing}",
    "report.index_title": "AI gateway decisions",
    "report.uncertainty": "How sure is this decision",
    "report.unc.confidence": "The same rule and option ({option}, `{rule}`) come out in {share} of "
                             "{draws} draws over the ranges given (seed {seed}).",
    "report.unc.flips": "The verdict flips often: other outcomes are {others}.",
    "report.unc.no_ranges": "Every input is a single number: the results have zero width. Answer "
                            "with ranges where you are unsure to see how sure the verdict is.",
    "report.unc.p_cheapest": "Cheapest of the options the rules allow, in",
    "report.unc.set_aside": "Cheaper options the rules set aside: {items}.",
    "report.unc.set_aside_item": "`{option}` (cheaper than the verdict in {share} of draws: {why})",
    "report.unc.tornado": "What moves the decision's margin, what the runner-up `{runner_up}` "
                          "costs beyond `{option}` (now {margin}; negative: `{option}` is the "
                          "dearer one the rules chose), from each input's low end to its high "
                          "end; \"share of margin\" is each swing against the margin's size, "
                          "and a swing of 100% or more could change the ranking:",
    "report.unc.input": "Input",
    "report.unc.range": "Range",
    "report.unc.gap_low": "Margin at low end",
    "report.unc.gap_high": "Margin at high end",
    "report.unc.swing": "Swing",
    "report.unc.chart_title": "Swing as % of the decision's margin",
    "report.unc.measure": "What to measure next: deciding now rather than knowing every input "
                          "is expected to cost {loss} (against what the rules would choose with "
                          "perfect information).",
    "report.unc.measure_item": "Measure `{input}` ({field}) before deciding: knowing it exactly "
                               "would remove {share} of that ({value}).",
    "report.unc.hedge": "Counting money only, `{option}` risks least until the inputs below are "
                        "known: a wrong choice with it is expected to cost {loss}. That is no "
                        "verdict: the rules' reasons above still stand. The shares below are of "
                        "that figure.",
    "report.unc.nothing_single": "What to measure next: deciding now rather than knowing every "
                                 "input is expected to cost {loss}, but no single input or "
                                 "answer is worth measuring on its own (each would remove under "
                                 "1% of it).",
    "report.unc.find_out_all_item": "Find out all the fields written unknown ({fields}) before "
                                    "deciding: knowing them all would remove {share} of that "
                                    "({value}), more than any one alone.",
    "report.unc.nothing_but_unknown": "A wrong choice is expected to cost nothing here: if an "
                                      "answer changes the verdict, nothing paid for this one is "
                                      "lost. But the verdict still depends on answers written "
                                      "unknown (see What would change this decision): find them "
                                      "out before acting on it.",
    "report.unc.find_out_item": "Find out `{input}` (written unknown) before deciding: knowing "
                                "the answer would remove {share} of that ({value}), each answer "
                                "taken as equally likely.",
    "report.unc.nothing_to_measure": "No input's uncertainty is expected to change which option "
                                     "the rules choose: measuring more would not pay.",
    "infeasible.gaps": "leaves required governance unmet: {needs}",
    "infeasible.compliance": "compliance is required and a SaaS gateway sends data through a "
                             "vendor",
    "infeasible.strategic": "the gateway is part of the product the team sells: buying it is "
                            "walled off",
    "infeasible.routing": "the vendor cannot express the required routing: {routing}",
    "infeasible.routing_by": "{product} cannot express the required routing: {routing}",
    "infeasible.gaps_by": "{product} cannot meet the required {needs}",
    "report.confirmation": "Confirmation",
    "report.confirmation_text": "Re-run `gateway-roi report` on this scenario with measured figures "
                                "in place of estimates (and whenever one of the tripwires under "
                                "More Information moves); the decision holds while the verdict "
                                "and rule stay the same.",
    "report.confirmation_measure": "Measure `{input}` first (it matters most, see How sure is "
                                   "this decision), then re-run `gateway-roi report` on this "
                                   "scenario with measured figures; the decision holds while "
                                   "the verdict and rule stay the same and no tripwire is "
                                   "crossed.",
    "report.confirmation_find_out_all": "Find out the unknown answers first ({input}; see How sure "
                                        "is this decision), write them in place of `unknown` and "
                                        "re-run `gateway-roi report` on this scenario; the "
                                        "decision holds while the verdict and rule stay the same "
                                        "and no tripwire is crossed.",
    "report.confirmation_find_out": "Find out `{input}` first (it matters most, see How sure is "
                                    "this decision), write the answer in place of `unknown` and "
                                    "re-run `gateway-roi report` on this scenario; the decision "
                                    "holds while the verdict and rule stay the same and no "
                                    "tripwire is crossed.",
    "report.pros_cons": "Pros and Cons of the Options",
    "report.more_info": "More Information",
    "report.more_info_intro": "The figures behind the decision: cost over time, risk, how sure "
                              "the verdict is, what would change it, every cost line and every "
                              "default figure used.",
    "report.pc.good": "Good, because",
    "report.pc.bad": "Bad, because",
    "report.pc.neutral": "Neutral, because",
    "report.pc.summary": "`{id}`: {total} over {months} months ({up_front} up front, then "
                         "{per_year} a year, present value).",
    "report.pc.cheapest": "it is the cheapest feasible option over {months} months",
    "report.pc.cheaper": "it costs {amount} less than `{option}` over {months} months",
    "report.pc.dearer": "it costs {amount} more than `{option}` over {months} months",
    "report.pc.ruled_out": "it is ruled out: {why}",
    "report.pc.blast_local": "one failure reaches only {radius} (availability {availability})",
    "report.pc.blast_shared": "one failure reaches {radius} (availability {availability})",
    "report.pc.breakeven": "it breaks even with `direct` in month {month}",
    "report.pc.no_breakeven": "it does not break even with `direct` within {months} months",
    "report.supersedes": "Supersedes {link}.",
    "report.legend_colour": "Colour",
    "report.recommended": "recommended",
    "report.how_computed": "How each line is computed:",
    "report.likely_of": "likely value of the range {low} to {high}; {origin}",
    "report.unc.share": "Share of margin",
    "report.unc.small_swings": "No input, moved alone across its range, shifts the gap by more "
                               "than {share} of the margin (under {percent}%), so no chart: "
                               "none comes near changing the ranking.",
    "report.unc.chart_caption": "Bars: each input's swing as a share of the margin between "
                                "`{option}` and `{runner_up}` ({margin}); the grey line marks "
                                "100%, where the ranking could change.",
    "currency.CNY": "CNY",
    "report.scenario": "Scenario",
    "report.currency": "Currency",
    "report.verdict": "Verdict",
    "report.rule": "Rule",
}

_ZH: dict[str, str] = {
    "yes": "是",
    "no": "否",
    "none": "无",
    "met": "满足",
    "not met": "不满足",
    "option.direct": "保持直连（维持现状）",
    "option.automate": "直连 + 自动化（脚本/IaC、支持热加载的密钥管理、共享客户端库）",
    "option.buy": "采购 SaaS 网关",
    "option.self_host": "自建部署开源网关",
    "option.build": "自研网关",
    "need.cost_attribution": "按项目或密钥归集成本",
    "need.audit_trail": "审计留痕",
    "need.rate_limits": "统一限流与配额",
    "need.compliance": "合规（数据不得出域）",
    "need.access_control": "访问控制（SSO，按团队映射密钥与限额）",
    "need.data_contract": "含区域锁定的数据处理协议",
    "need.private_endpoints": "访问团队内网中自托管的模型",
    "need.key_management": "集中管理密钥",
    "routing.user_tier": "按用户等级",
    "routing.region": "按地域",
    "routing.cost_budget": "按成本预算",
    "routing.business_context": "按业务上下文",
    "ops.stock": "存量具备",
    "ops.partial": "部分具备",
    "ops.none": "不具备",
    "kind.governance": "治理",
    "kind.convenience": "便利",
    "rule.convenience-automate": "没有任何硬性需求只能靠网关满足，且自动化的成本低于忍受麻烦的成本：自动化。",
    "rule.convenience-direct": "没有任何硬性需求只能靠网关满足，且自动化的成本高于它省下的：保持直连。",
    "rule.governance-below-scale": "有只能靠网关满足的需求，但既没有规模，也没有硬性的法规需求：暂不上网关。",
    "rule.governance-build": "治理为硬性需求，运维能力为存量，采购和自建部署都碰了壁：自研。",
    "rule.governance-self-host": "治理为硬性需求，采购碰了壁，运维能力为存量，且有开源网关能胜任：自建部署。",
    "rule.governance-no-runnable-gateway": "治理为硬性需求，但采购被挡住，又没有运维能力自建："
                                           "这个团队没有能运转的网关。",
    "rule.governance-buy": "治理为硬性需求：优先采购。",
    "headline.direct": "不上网关：保持直连，先忍一忍",
    "headline.automate": "不上网关：把配置自动化",
    "headline.buy": "采购 SaaS 网关",
    "headline.self_host": "依托现有平台团队自建部署开源网关",
    "headline.build": "自研网关",
    "headline.no_runnable.automate": "这个团队没有能运转的网关：先把配置自动化，治理需求手工补齐",
    "headline.no_runnable.direct": "这个团队没有能运转的网关：先保持直连，治理需求手工补齐",
    "headline.below_scale.automate": "暂不上网关：规模未到，先把配置自动化，治理需求手工补齐",
    "headline.below_scale.direct": "暂不上网关：规模未到，先保持直连，治理需求手工补齐",
    "reason.convenience": "没有任何硬性需求只能靠网关满足{nice}：缺的是便利，这是逐个服务支付、有上限的成本。",
    "reason.nice_only": "（{needs} 只是锦上添花）",
    "reason.automate_saves": "{months} 个月内自动化花费 {automate}，忍受麻烦则是 {direct}："
                             "节省 {saving}{payback}。",
    "reason.payback": "，第 {month} 个月回本",
    "reason.automate_costs_more": "{months} 个月内自动化要花 {automate}，比忍受麻烦的 {direct} "
                                  "还多 {extra}：先忍一忍。",
    "reason.gateway_on_paper": "账面上最便宜的网关（{gateway}，{gateway_total}）比 {option}"
                               "（{option_total}）还低，但它把一个共享的单点故障放到每一次调用前面，"
                               "还带来锁定和新模型滞后，只为解决便利问题。",
    "reason.gateway_spof": "最便宜的网关（{gateway}）要花 {gateway_total}，还为一个只是便利的问题"
                           "引入单点故障。",
    "reason.pains": "提到的痛点（{pains}）都是局部的、有上限的成本：自动化和共享客户端库就能消除，无需在每次调用前面加一层。",
    "pain.rotation_restarts": "轮换密钥要重启",
    "pain.duplicated_fallback": "每个服务都写降级代码",
    "pain.scattered_monitoring": "监控分散",
    "pain.sdk_per_provider": "每家服务商一套 SDK",
    "pain.slow_key_approval": "申请密钥慢",
    "reason.provider_count": "在用 {count} 家服务商：数量本身不构成上网关的理由，共享客户端库就能消化。",
    "reason.governance": "治理是只有网关才能满足的硬性需求：{needs}。",
    "reason.met_by_automation": "自动化就能满足硬性需求 {needs}（支持热加载的密钥管理服务可以集中管理密钥）；只有网关才能满足的硬性需求：{gateway_only}。",
    "reason.below_scale": "既没有规模，也没有硬性的法规需求（审计留痕、合规）：网关的固定成本摊不薄。在此之前，{option}（{total}）能让业务继续运转；在规模到来之前，治理需求手工补齐。",
    "reason.not_amortised": "规模未达标，网关的固定成本摊不薄：{option} 每个服务每月 {cost}，直连为 {direct}，自动化为 {automate}；达到 {threshold} 个服务、每月 {requests_threshold} 次请求后情况会好转。",
    "reason.walls": "挡住采购的墙：{walls}。",
    "reason.self_host_walls": "挡住自建部署的墙：{walls}。",
    "reason.set_aside": "规则搁置的更便宜方案：{items}。",
    "reason.set_aside_item": "{option}（{total}）：{why}",
    "set_aside.infeasible": "{why}",
    "set_aside.convenience": "为了只是便利的问题，网关在每一次调用前面放了一个共享的单点故障",
    "set_aside.cheaper_fix": "不在这条规则比较的方案之列",
    "set_aside.below_scale": "规模未到时，网关的固定成本摊不薄",
    "set_aside.no_ops": "运转它需要一个已经承担 7×24 值班的平台团队",
    "set_aside.ladder_build": "自研是最重的一级，只有自建部署碰壁时才考虑",
    "set_aside.governance": "它满足不了硬性治理需求",
    "set_aside.ladder": "只有较轻的一级碰壁时，才往上爬一级",
    "wall.compliance": "合规（数据不能经由供应商出域）",
    "wall.strategic": "战略（网关是团队所售产品的一部分）",
    "wall.cost": "成本（采购 {buy} > 自建部署 {self_host}）",
    "wall.customization": "定制（{vendor} 做不到：{missing}）",
    "wall.self_host.capability": "能力（{gateway} 做不到：{missing}）",
    "wall.self_host.cost": "成本（自研 {build} < 自建部署 {self_host}）",
    "reason.ops.stock": "运维能力为存量：平台团队已有 7×24 值班，网关只是加入其中，而不是凭空新建。",
    "reason.ops.partial": "运维能力部分具备：有平台团队但没有 7×24 值班（或反之），自运维的网关需要新建值班。",
    "reason.ops.none": "不具备运维能力：没有平台/SRE 团队，自运维网关意味着招人或凭空加一个值班班次。",
    "reason.scale": "规模{met}：{services} 个服务（门槛 {services_threshold}），每月 {requests} 次请求"
                    "（门槛 {requests_threshold}）。",
    "reason.no_runnable": "这个团队没有能运转的网关：采购被排除，自建部署又需要有 7×24 值班的平台团队。"
                          "在此之前，{option}（{total}）能让业务继续运转，{gaps} 需要手工补齐。"
                          "要改变这一点：组建有 7×24 值班的平台/SRE 团队，或者拆掉那堵墙。",
    "reason.required_needs": "硬性需求",
    "reason.cost_wall_no_ops": "自建部署会更便宜（{self_host} 对 {buy}），但只有具备 7×24 值班的团队"
                               "才扛得住：采购，把值班外包出去。",
    "reason.chosen": "{label}：{months} 个月共 {total}（前期 {up_front}，按事件 {per_event}，常设 {standing}）。",
    "good.direct.no_spof": "不引入新的单点故障：某家服务商故障只影响它自己的用户。",
    "good.direct.anyone": "任何开发者都能修好出问题的对接，不需要安排值班。",
    "good.direct.no_lag": "没有滞后：新模型发布当天服务就能用上。",
    "bad.direct.restarts": "每次轮换密钥都要重启 {services} 个服务 × {envs} 个环境。",
    "bad.direct.duplicated": "降级和监控在每个服务里重复编写。",
    "bad.direct.coarse": "按项目的成本追踪依旧粗糙。",
    "good.automate.hot_reload": "密钥在密钥管理服务中轮换，无需重启。",
    "good.automate.one_fallback": "只有一份降级实现，所有服务共用。",
    "good.automate.no_spof": "不引入新的运行时单点：共享库运行在各个服务内部。",
    "bad.automate.own_library": "共享库也需要有人维护升级，服务要重新部署才能拿到修复。",
    "bad.automate.partial_governance": "治理能力（按密钥归集成本、审计、统一限流）仍然不完整。",
    "bad.gateway.spof": "单点故障：网关一旦故障，{services} 个服务同时中断（与服务商串联后的可用性为 "
                        "{availability}）。",
    "bad.gateway.lag": "新模型和新服务商的支持滞后：想马上用的服务只能等网关。",
    "bad.gateway.leaky": "抽象泄漏：服务商特有的功能会绕过网关，网关的价值打了对折。",
    "bad.gateway.onboarding": "接入链路变长：先让网关支持，再让服务接入网关。",
    "good.buy.outsourced": "由供应商承担 7×24 值班：用钱换人力。",
    "good.buy.governance": "集中的成本归集、审计、限流和密钥管理。",
    "bad.buy.egress": "数据经由供应商（{vendor}）流出；每次调用增加延迟。",
    "bad.buy.lock_in": "供应商锁定：离开它意味着再改一遍所有服务。",
    "bad.own.restart_fear": "重启恐惧：每次升级和配置变更都牵动所有服务，需要变更窗口、灰度和回滚预案。",
    "bad.own.on_call": "只要网关还在运行，就要有人 7×24 值班。",
    "good.self_host.in_house": "集中治理，数据留在内部。",
    "good.self_host.extend": "在产品允许的范围内可以扩展路由规则。",
    "good.build.anything": "业务需要的任何路由、合规或成本规则都能实现。",
    "bad.build.adapters": "每个服务商的适配器和每个功能都要自己写、自己维护。",
    "tripwire": "{field} {direction} {threshold}（当前 {current}）→ {option}（{rule}）",
    "tripwire.ops_capacity": "一旦平台团队有了 7×24 值班 → {option}（{rule}）",
    "tripwire.ops_lost": "如果 7×24 值班停止 → {option}（{rule}）",
    "tripwire.cheapest": "{field} {direction} {threshold}（当前 {current}）：可行方案中最便宜的变为 {option}",
    "tripwire.need": "如果 {need} 变为 {level}（当前 {current}）→ {option}（{rule}）",
    "unknown.decides": "决策前先弄清{question}（{field}）：{answers}",
    "unknown.holds": "{field} 未知，但它的任何一个答案都不会单独改变结论",
    "unknown.answer": "{answer}，{options}",
    "unknown.q.on_call_24x7": "是否已有 7×24 值班",
    "unknown.q.platform_team": "是否已有平台/SRE 团队",
    "range": "{low} 至 {high}",
    "unknown.q.number": "{name}",
    "unknown.q.monthly_requests": "各服务每月调用多少次",
    "unknown.q.need": "{need}是否为硬性需求",
    "unknown.a.with_one": "有的话",
    "unknown.a.without": "没有的话",
    "unknown.a.at": "为 {value} 时",
    "unknown.a.if_required": "若为硬性需求",
    "unknown.a.if_not": "若不是",
    "tripwire.scale": "达到 {threshold} 个服务、每月 {requests} 次请求时，规模达标，固定成本得以摊薄（当前 {current} 个服务）",
    "level.required": "硬性需求",
    "level.nice": "锦上添花",
    "level.no": "不需要",
    "report.question": "我们要不要上 AI 网关？",
    "report.title": "{question}{verdict}",
    "report.context": "背景与问题",
    "report.drivers": "决策因素",
    "report.driver": "因素",
    "report.state": "状态",
    "report.evidence": "依据",
    "report.options": "备选方案",
    "report.option": "方案",
    "report.one_time": "一次性成本",
    "report.continuous_per_year": "每年持续成本现值",
    "report.up_front": "前期成本",
    "report.per_event_per_year": "每年按事件成本现值",
    "report.standing_per_year": "每年常设成本现值",
    "report.total": "{months} 个月合计",
    "report.breakeven": "相对直连的回本点",
    "report.feasible": "可行性",
    "report.month_n": "第 {month} 个月",
    "report.never": "不回本",
    "report.not_applicable": "-",
    "report.outcome": "决策结果",
    "report.chosen": "选定方案：“{option}”，因为适用规则 `{rule}`：{rule_text}",
    "report.consequences": "后果",
    "report.good": "好处",
    "report.bad": "代价",
    "report.timeline": "成本随时间的变化",
    "report.timeline_intro": "各方案从第 0 个月起的累计成本（现值，{currency}）：每条折线从它的前期成本起步，"
                             "按事件和常设成本构成斜坡。颜色：",
    "report.month": "月份",
    "report.chart_title": "累计成本",
    "report.risk": "风险",
    "report.blast_radius": "单次故障的影响范围",
    "report.availability": "可用性",
    "report.downtime_hours": "预期每年停机小时",
    "report.downtime_cost": "每年停机成本现值",
    "report.tripwires": "什么情况会改变这个决策",
    "report.unknowns": "未知的回答",
    "report.no_tripwires": "在当前值十倍范围内，没有任何单一输入会改变结论。",
    "report.cost_detail": "成本明细",
    "report.line": "成本项",
    "report.kind": "类型",
    "report.formula": "公式",
    "report.inputs": "输入",
    "report.kind.one_time": "一次性",
    "report.kind.continuous": "持续性",
    "report.kind.up_front": "前期",
    "report.kind.per_event": "按事件",
    "report.kind.standing": "常设",
    "report.assumptions": "假设",
    "report.assumptions_intro": "本决策用到的全部默认数据。“估计”表示 gateway-roi 自己的估计，并非公开数据；"
                                "早于 {date} 前 12 个月的默认值标记为过期。",
    "report.flags": "标记",
    "report.wall.present": "存在",
    "report.wall.absent": "不存在",
    "report.feasible_no": "否：{why}",
    "report.option_heading": "`{id}` {label}：{total}",
    "report.option_heading_plain": "{label}：{total}",
    "report.chart_title_cur": "累计成本（{currency}）",
    "report.id": "假设",
    "report.value": "取值",
    "report.source": "来源",
    "report.as_of": "时间",
    "report.stale": "过期",
    "report.undated": "无日期",
    "report.est": "估计",
    "report.origin.scenario": "场景",
    "report.origin.override": "覆盖",
    "report.origin.default": "默认",
    "report.ctx.org": "{name}：目前有 {services} 个服务调用 AI（每年新增 {added} 个），每个服务部署在 "
                      "{envs_count} 个环境（{envs}）；每月共 {requests} 次请求，向服务商支付 {spend}，"
                      "每年增长 {growth}。",
    "report.ctx.providers": "在用服务商：{providers}。预计每年新增 {new_providers} 家服务商、{new_models} "
                            "个新模型。",
    "report.ctx.fallback": "{provider} 降级到 {chain}",
    "report.ctx.team.stock": "已有 {size} 人的平台/SRE 团队，并已运行 7×24 值班。",
    "report.ctx.team.partial_team": "有 {size} 人的平台/SRE 团队，但没有 7×24 值班。",
    "report.ctx.team.stock_unsized": "已有平台/SRE 团队，并已运行 7×24 值班。",
    "report.ctx.team.partial_team_unsized": "有平台/SRE 团队，但没有 7×24 值班。",
    "report.ctx.team.partial_rotation": "有 7×24 值班，但没有平台团队。",
    "report.ctx.team.none": "没有平台/SRE 团队，也没有 7×24 值班。",
    "report.ctx.needs": "需求：{needs}。",
    "report.ctx.need_item": "{need}（{level}）",
    "report.ctx.no_needs": "没有提出治理需求。",
    "report.ctx.horizon": "比较周期为 {months} 个月，年折现率 {rate}；一个工程师小时的成本为 {hour}。",
    "report.driver.need": "治理还是便利",
    "report.driver.scale": "规模（服务多且调用量大）",
    "report.driver.ops": "运维能力（已有带 7×24 值班的平台团队）",
    "report.driver.wall.compliance": "墙：合规",
    "report.driver.wall.cost": "墙：成本",
    "report.driver.wall.customization": "墙：定制",
    "report.ev.need": "只有网关能满足的硬性需求：{required}；自动化能满足的硬性需求：{automation}；锦上添花：{nice}",
    "report.driver.wall.self_host": "墙：自建部署（下一级是自研）",
    "report.ev.self_host": "{gateway} 做不到：{missing}；周期内自研 {build}，自建部署 {self_host}",
    "report.ev.scale": "{services} 个服务（门槛 {services_threshold}）；每月 {requests} 次请求"
                       "（门槛 {requests_threshold}）",
    "report.ev.ops": "平台团队：{team}；7×24 值班：{rotation}",
    "report.ev.compliance": "合规需求为{level}",
    "report.ev.compliance_level": "合规需求为{level}；合规级别 {rule}",
    "report.driver.wall.strategic": "墙：战略",
    "report.ev.strategic": "网关是团队所售产品的一部分（buy.strategic）",
    "report.ev.cost": "周期内采购 {buy}，自建部署 {self_host}",
    "report.ev.customization": "供应商（{vendor}）做不到：{routing}",
    "report.index_title": "AI 网关决策",
    "report.uncertainty": "这个决策有多确定",
    "report.unc.confidence": "在给定范围内抽样 {draws} 次（种子 {seed}），有 {share} 的抽样得出同样的规则和方案（{option}，`{rule}`）。",
    "report.unc.flips": "结论经常翻转：其他结果为 {others}。",
    "report.unc.no_ranges": "所有输入都是单个数值，结果没有区间宽度。对不确定的输入请填写范围，才能看出结论有多确定。",
    "report.unc.p_cheapest": "在规则允许的方案中最便宜的概率",
    "report.unc.set_aside": "规则搁置的更便宜方案：{items}。",
    "report.unc.set_aside_item": "`{option}`（在 {share} 的抽样中比结论更便宜：{why}）",
    "report.unc.tornado": "从每个输入的下限到上限，决策余量（次优方案 `{runner_up}` 比 `{option}` 多花的钱，"
                          "当前 {margin}；负数表示规则选了更贵的 `{option}`）如何变化；“占余量”一列是摆幅相当于余量大小的比例，"
                          "达到 100% 或更多就可能改变排序：",
    "report.unc.input": "输入",
    "report.unc.range": "范围",
    "report.unc.gap_low": "下限时的余量",
    "report.unc.gap_high": "上限时的余量",
    "report.unc.swing": "摆幅",
    "report.unc.chart_title": "摆幅占决策余量的百分比",
    "report.unc.measure": "下一步该测量什么：选错的预期代价为 {loss}。",
    "report.unc.measure_item": "决策前先测量 `{input}`（{field}）：准确知道它能消除其中的 {share}（{value}）。",
    "report.unc.hedge": "只算钱的话，在弄清下列输入之前 `{option}` 的风险最小：选它选错的预期代价为 {loss}。"
                        "这不是结论：上文规则的理由依然成立。下面的比例都以这个数为基数。",
    "report.unc.nothing_single": "下一步该测量什么：现在就决策而不是等到知道所有输入，预期代价为 {loss}，"
                                 "但没有哪一个输入或回答单独值得去弄清（每一项都消除不到其中的 1%）。",
    "report.unc.find_out_all_item": "决策前弄清所有填为 unknown 的字段（{fields}）：全部知道能消除其中的 {share}"
                                    "（{value}），比单独知道任何一项都多。",
    "report.unc.nothing_but_unknown": "这里选错的预期代价为零：即使某个回答改变了结论，为这个结论付出的也不会白费。"
                                      "但结论仍取决于填为 unknown 的回答（见“什么情况会改变这个决策”）：行动之前先弄清它们。",
    "report.unc.find_out_item": "决策前先弄清 `{input}`（填的是 unknown）：知道答案能消除其中的 {share}（{value}），"
                                "每种答案按同等可能计。",
    "report.unc.nothing_to_measure": "没有哪个输入的不确定性会改变规则选出的方案：多做测量不划算。",
    "infeasible.gaps": "未满足硬性治理需求：{needs}",
    "infeasible.compliance": "合规为硬性需求，而 SaaS 网关会让数据经由供应商流出",
    "infeasible.strategic": "网关是团队所售产品的一部分：不能购买",
    "infeasible.routing": "供应商无法表达硬性路由需求：{routing}",
    "infeasible.routing_by": "{product} 无法表达硬性路由需求：{routing}",
    "infeasible.gaps_by": "{product} 满足不了硬性需求：{needs}",
    "report.confirmation": "如何确认",
    "report.confirmation_text": "用实测数据替换估计值后，对这个场景重新运行 `gateway-roi report`"
                                "（“更多信息”中的任一触发条件变化时也要重跑）；只要结论和规则不变，决策就成立。",
    "report.confirmation_measure": "先测量 `{input}`（它的影响最大，见“这个决策有多确定”），再用实测数据对这个场景"
                                   "重新运行 `gateway-roi report`；只要结论和规则不变、没有触发条件被越过，决策就成立。",
    "report.confirmation_find_out_all": "先弄清那些 unknown 的回答（{input}；见“这个决策有多确定”），把答案写在 `unknown` 的位置，"
                                        "再对这个场景重新运行 `gateway-roi report`；只要结论和规则不变、没有触发条件被越过，决策就成立。",
    "report.confirmation_find_out": "先弄清 `{input}`（它的影响最大，见“这个决策有多确定”），把答案写在 `unknown` 的位置，"
                                    "再对这个场景重新运行 `gateway-roi report`；只要结论和规则不变、没有触发条件被越过，决策就成立。",
    "report.pros_cons": "各方案的利弊",
    "report.more_info": "更多信息",
    "report.more_info_intro": "决策背后的数字：成本随时间的变化、风险、结论有多确定、什么会改变它、每一项成本和用到的每个默认数据。",
    "report.pc.good": "优点：",
    "report.pc.bad": "缺点：",
    "report.pc.neutral": "中性：",
    "report.pc.summary": "`{id}`：{months} 个月共 {total}（前期 {up_front}，此后每年 {per_year}，现值）。",
    "report.pc.cheapest": "{months} 个月内是可行方案中最便宜的",
    "report.pc.cheaper": "{months} 个月内比 `{option}` 少花 {amount}",
    "report.pc.dearer": "{months} 个月内比 `{option}` 多花 {amount}",
    "report.pc.ruled_out": "被排除：{why}",
    "report.pc.blast_local": "一次故障只影响{radius}（可用性 {availability}）",
    "report.pc.blast_shared": "一次故障影响{radius}（可用性 {availability}）",
    "report.pc.breakeven": "第 {month} 个月与 `direct` 持平",
    "report.pc.no_breakeven": "{months} 个月内无法与 `direct` 持平",
    "report.supersedes": "本记录取代 {link}。",
    "report.legend_colour": "颜色",
    "report.recommended": "推荐",
    "report.how_computed": "各项如何计算：",
    "report.likely_of": "区间 {low} 至 {high} 的最可能值；{origin}",
    "report.unc.share": "占余量",
    "report.unc.small_swings": "单独把任一输入在其范围内移动，差距的变化都不超过余量的 {share}（低于 {percent}%），"
                               "因此不画图：没有哪个输入接近改变排序。",
    "report.unc.chart_caption": "条形：每个输入的摆幅占 `{option}` 与 `{runner_up}` 之间余量（{margin}）的比例；灰线标出 100%，即排序可能改变之处。",
    "currency.CNY": "元",
    "currency.USD": "美元",
    "currency.EUR": "欧元",
    "currency.GBP": "英镑",
    "currency.JPY": "日元",
    "report.scenario": "场景",
    "report.currency": "币种",
    "report.verdict": "结论",
    "report.rule": "规则",
}

_CATALOG: Mapping[Lang, Mapping[str, str]] = {"en": _EN, "zh": _ZH}

# Cost-line labels and blast radii are written in English in the cost model; their Chinese
# forms, keyed by the English text (a missing one falls back to English).
_ZH_PLAIN: Mapping[str, str] = {
    "Fallback logic written in each service": "每个服务各自编写降级逻辑",
    "Key rotations with restarts, per service per environment": "轮换密钥并重启（每个服务、每个环境）",
    "Onboarding new providers and models in each service (one SDK each)":
        "每个服务各自接入新服务商和新模型（各用一套 SDK）",
    "Per-service monitoring and cost instrumentation": "每个服务各自的监控与成本埋点",
    "Keeping per-service monitoring and cost reports working": "维护每个服务的监控与成本报表",
    "Expected downtime from provider outages": "服务商故障带来的预期停机",
    "Build the automation: shared client library, hot-reloaded secrets, IaC":
        "建设自动化：共享客户端库、热加载密钥、IaC",
    "Move each service onto the shared library": "把每个服务迁到共享库",
    "Key rotations in the secret manager, no restarts": "在密钥管理服务中轮换密钥，无需重启",
    "Secret manager fees": "密钥管理服务费用",
    "New providers once in the library, then config per service": "新服务商在库里接一次，再逐个服务配置",
    "Maintaining the library and scripts": "维护共享库和脚本",
    "Central dashboards from the library's metrics": "基于共享库指标的集中看板",
    "Administering the vendor's gateway": "管理供应商的网关",
    "Move each service behind the gateway": "把每个服务接到网关后面",
    "Key rotations in the vendor's console": "在供应商控制台轮换密钥",
    "New providers and models: gateway support, then each service":
        "新服务商和新模型：先让网关支持，再逐个服务接入",
    "Lag before new models/providers work through the gateway": "新模型/新服务商经由网关可用前的滞后",
    "Backdoor paths around the gateway (leaky abstraction)": "绕过网关的后门路径（抽象泄漏）",
    "Added latency on every call": "每次调用增加的延迟",
    "Lock-in: expected cost of migrating away from the vendor": "锁定：迁离供应商的预期成本",
    "Data-egress review: prompts and responses leave through a vendor":
        "数据出域评审：提示词和响应经由供应商流出",
    "Expected downtime of the gateway itself (all services at once)": "网关自身的预期停机（所有服务同时受影响）",
    "Deploy the open-source gateway to production grade": "把开源网关部署到生产级",
    "HA infrastructure: replicas, database, cache": "高可用基础设施：副本、数据库、缓存",
    "Gateway monitoring and alerting": "网关监控与告警",
    "Keeping gateway dashboards and alerts useful": "维护网关看板与告警",
    "Capacity planning and rate-limit tuning": "容量规划与限流调优",
    "Upgrades (each one a change to everyone's AI path)": "升级（每次都是对所有人 AI 链路的变更）",
    "Security hardening": "安全加固",
    "Patches, CVEs, supply-chain checks": "补丁、漏洞与供应链检查",
    "24x7 on-call: a new rotation stood up for the gateway": "7×24 值班：为网关新建的值班",
    "24x7 on-call: added toil on the existing rotation": "7×24 值班：给现有值班增加的工作量",
    "Gateway incidents (leaks, bad upgrades, config errors)": "网关事故（内存泄漏、升级失败、配置错误）",
    "Key rotations as gateway changes (window, canary, rollback plan)":
        "作为网关变更的密钥轮换（变更窗口、灰度、回滚预案）",
    "Develop the in-house gateway": "开发自研网关",
    "Adapters for the providers in use": "为在用服务商编写适配器",
    "Custom development as needs evolve": "随需求演进的定制开发",
    "one provider's users (failures stay independent)": "单个服务商的用户（故障彼此独立）",
    "every service at once (the vendor is a shared single point of failure)":
        "所有服务同时受影响（供应商是共享的单点）",
    "every service at once (the gateway is a single point of failure)":
        "所有服务同时受影响（网关是单点）",
}


# Units of inputs, in Chinese; the currency code is substituted before lookup ({cur}).
_ZH_UNITS: Mapping[str, str] = {
    "{cur} per ms per 1M requests": "{cur}/毫秒/百万次请求", "{cur}/h": "{cur}/小时",
    "{cur}/month": "{cur}/月", "{cur}/secret/month": "{cur}/密钥/月", "{cur}/week": "{cur}/周",
    "fraction": "比例", "fraction/yr": "比例/年", "h": "小时", "h per blocked model": "小时/受阻模型",
    "h per change": "小时/次变更", "h per provider": "小时/服务商", "h per service": "小时/服务",
    "h per service per environment": "小时/服务/环境", "h per upgrade": "小时/次升级",
    "h/incident": "小时/起事故", "h/month": "小时/月", "h/person/month": "小时/人/月",
    "h/service/month": "小时/服务/月", "incidents/yr": "起事故/年", "instances": "个实例",
    "min per key per environment": "分钟/密钥/环境", "models/yr": "个模型/年", "ms": "毫秒",
    "people": "人", "probability over the horizon": "周期内概率", "providers/yr": "家服务商/年",
    "requests/month": "次请求/月", "requests/s": "次请求/秒", "rotations/yr": "次轮换/年",
    "services": "个服务", "services/yr": "个服务/年", "share of new models": "新模型占比",
    "share of services": "服务占比", "upgrades/yr": "次升级/年", "x": "倍",
    "{cur}/GB-month": "{cur}/GB/月",
    "{cur}/service-h": "{cur}/服务/小时",
    "KB per request": "KB/次请求",
    "h per outage": "小时/次故障",
    "h per provider per month": "小时/服务商/月",
    "h per in-house model": "小时/自运行模型",
    "h/month per in-house model": "小时/月/自运行模型",
    "h per provider per service per year": "小时/服务商/服务/年",
    "h per service per release": "小时/服务/次发布",
    "min per further key": "分钟/每多一个密钥",
    "months": "个月",
    "outages/yr": "次故障/年",
    "probability per year": "每年概率",
    "releases/yr": "次发布/年",
    "share of a call's value per ms": "每毫秒占调用价值的比例",
    "share of a paid on-call slot": "占一个带薪值班名额的比例",
    "share of calls": "调用占比",
    "share of new providers": "新服务商占比",
    "share of services per API": "每个 API 的服务占比",
    "{cur}/h, all services": "{cur}/小时（所有服务）",
}


def translate_unit(unit: str, currency: str, lang: Lang) -> str:
    """A unit such as ``h per service`` or ``CNY/month`` in ``lang``."""
    if lang == "en":
        return unit
    key = unit.replace(currency, "{cur}", 1) if currency else unit
    return _ZH_UNITS.get(key, unit).replace("{cur}", currency)


def translate_plain(text: str, lang: Lang) -> str:
    """A cost-line label or blast radius in ``lang``; SaaS fee labels keep the vendor's name."""
    if lang == "en":
        return text
    if text in _ZH_PLAIN:
        return _ZH_PLAIN[text]
    if " fees (" in text:
        vendor, _, model = text.partition(" fees (")
        return f"{vendor} 费用（{model.rstrip(')')}）"
    return text
