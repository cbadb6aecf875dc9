"""The English catalog: every phrase and term the model and the outputs name by key.

A phrase's ``{name}`` slots take its parameters (see :class:`gateway_roi.words.i18n.Phrase`);
the Chinese catalog (:mod:`gateway_roi.words.zh`) has the same keys, which a test checks.
"""

from __future__ import annotations

from gateway_roi.needs import NEEDS
from gateway_roi.options import OPTION_LABELS

__all__ = ["EN"]

EN: dict[str, str] = {
    "yes": "yes",
    "no": "no",
    "none": "none",
    "met": "met",
    "not met": "not met",
    # options (their English labels live with their ids)
    **{f"option.{key}": label for key, label in OPTION_LABELS.items()},
    # needs and walls
    **{f"need.{n.id}": n.label_en for n in NEEDS},
    "need.request_cap": "the traffic (the plan stops below it)",
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
    "report.ctx.required_by": "required ({by})",
    "required_by.law": "by law",
    "required_by.regulator": "by a regulator",
    "required_by.contract": "by a contract",
    "required_by.internal": "the organisation's own wish",
    "reason.wished": "Nothing imposes {needs}: no law, regulator or contract "
                     "(needs.required_by says internal), so it is the organisation's own wish and "
                     "does not lift the scale condition.",
    "reason.cheap_way": "The cheap way to meet {needs} meanwhile: {how}.",
    "cheap_way.compliance": "an allow-list in the shared client library of the providers and "
                            "regions each kind of data may go to, refusing the rest, with one "
                            "test per service",
    "cheap_way.audit_trail": "a log of every AI call (who, which model, when) written by the "
                             "shared client library",
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
    "set_aside.ladder_build": "building is the heaviest rung: only when compliance, cost and "
                              "customization all stand against buying and self-hosting costs "
                              "more",
    "set_aside.governance": "it covers {needs} only by hand",
    "reason.additions": "What {gateway} lacks, the team builds in and keeps up: {features}.",
    "reason.build_needs_three_walls": "Building would cost less than self-hosting ({build} against "
                                      "{self_host}), but the essay builds only when compliance, "
                                      "cost and customization all stand against buying; here "
                                      "these do not: {missing}.",
    "report.wall_name.compliance": "compliance",
    "report.wall_name.cost": "cost",
    "report.wall_name.customization": "customization",
    "set_aside.ladder": "the ladder climbs a rung only when the lighter one hits a wall",
    "wall.compliance": "compliance ({rule})",
    "data.providers.allowed": "external providers may see prompts",
    "data.providers.redacted": "personal data is redacted in-house before any external provider "
                               "sees it",
    "data.providers.in_house": "data may not leave: only models the team runs itself",
    "data.gateway.allowed": "a third-party gateway may see prompts",
    "data.gateway.under_contract": "a third-party gateway only under a data-processing contract "
                                   "with region pinning",
    "data.gateway.redacted": "a third-party gateway sees only data redacted in-house",
    "data.gateway.not_allowed": "no third-party gateway may see prompts",
    "wall.strategic": "strategy (the gateway is part of the product the team sells)",
    "wall.cost": "cost (buying {buy} > self-hosting {self_host})",
    "wall.customization": "customization ({vendor} cannot do {missing})",
    "wall.self_host.cost": "cost (building {build} < self-hosting {self_host})",
    "reason.ops.stock": "Ops capacity is stock: a platform team already runs a 24x7 rotation, so "
                        "a gateway joins it rather than creating it.",
    "reason.ops.partial": "Ops capacity is partial: a platform team exists but runs no 24x7 "
                          "rotation; a self-run gateway would need a new rotation.",
    "reason.ops.partial_team": "Ops capacity is partial: a 24x7 rotation exists but no platform "
                               "team to run a gateway; a self-run gateway would need one.",
    "reason.ops.none": "Ops capacity is none: no platform/SRE team; a self-run gateway would mean "
                       "hiring or a new on-call shift out of thin air.",
    "reason.scale": "Scale is {met}: {services} (threshold {services_threshold}) and "
                    "{requests} (threshold {requests_threshold}).",
    "reason.no_runnable": "No gateway this team can run: buying is ruled out and self-hosting "
                          "needs a platform team with a 24x7 rotation. Meanwhile {option} "
                          "({total}) keeps things working, {gaps} covered by hand ({manual} of "
                          "it). "
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
    "bad.gateway.spof": "Single point of failure: a gateway outage takes down every service at "
                        "once, {services} of them (availability {availability} in series with "
                        "the providers).",
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
    "bad.buy.egress.under_contract": "Data passes through the vendor ({vendor}) under its "
                                     "data-processing contract and region pinning; added "
                                     "latency on every call.",
    "bad.buy.egress.redacted": "Data passes through the vendor ({vendor}) only once redacted "
                               "in-house; added latency on every call.",
    "bad.buy.lock_in": "Lock-in: leaving the vendor means touching every service again.",
    "bad.own.restart_fear": "Restart fear: every upgrade and config change touches every service; "
                            "changes need windows, canaries and rollback plans.",
    "bad.own.on_call": "24x7 on-call for the gateway, for as long as it runs.",
    "good.self_host.in_house": "Central governance with data kept in-house.",
    "good.self_host.extend": "Routing rules can be extended where the product allows.",
    "good.build.anything": "Any routing, compliance or cost rule the business needs.",
    "bad.build.adapters": "Every provider adapter and feature is yours to write and keep.",
    # options and rules named inside sentences (English keeps the ids people look up)
    **{f"option_name.{key}": key for key in OPTION_LABELS},
    **{f"rule_name.{rule}": rule for rule in (
        "convenience-automate", "convenience-direct", "governance-below-scale",
        "governance-buy", "governance-no-runnable-gateway", "governance-self-host",
        "governance-build", "cheapest")},
    "outcome": "{option} ({rule})",
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
    "unknown.q.services": "how many services call AI",
    "unknown.q.need": "whether {need} is required",
    "unknown.a.with_one": "with one",
    "unknown.a.without": "without one",
    "unknown.a.at": "at {value}",
    "unknown.a.if_required": "if required",
    "unknown.a.if_not": "if not",
    "tripwire.scale": "from {threshold} services and {requests} requests a month, scale is met "
                      "and the fixed cost is spread (now {current} services)",
    "facet.platform_team": "platform team",
    "facet.on_call_24x7": "24x7 rotation",
    "facet.vendor": "vendor",
    "facet.routing": "routing",
    "map.title": "Decision map: {name}",
    "map.this_scenario": "this scenario",
    "map.this_scenario_verdict": "this scenario: {option} ({rule})",
    "map.paler": "paler: fewer of {draws} draws agree",
    "map.contours": "cost gap to runner-up ({currency})",
    "level.required": "required",
    "level.nice": "nice to have",
    "level.no": "not required",
    "level_short.required": "required",
    "level_short.nice": "nice",
    "level_short.no": "no",
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
    "report.timeline_intro_table": "Cumulative cost per option from month 0, present value in "
                                   "{currency}, at the months below: up-front costs are where "
                                   "each option starts, per-event and standing costs add up "
                                   "from there.",
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
    "report.facts": "Facts about the products",
    "report.facts_intro": "What the buy and self-host options read about the gateway products, "
                          "each from the vendor's own docs, pricing page or repository, with the "
                          "date it was read (gateway-roi facts lists them all). An unverified "
                          "capability counts as not met.",
    "report.claim": "Claim",
    "report.product": "Product",
    "report.read": "Read",
    "report.unverified": "UNVERIFIED",
    "report.estimate_quote": "OUR ESTIMATE, QUOTE NEEDED",
    "report.from_file": "from {file}",
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
    "report.origin.unknown": "written unknown",
    "report.origin.override": "override",
    "report.origin.default": "default",
    "report.origin.settings": "settings",
    "report.settings": "Project settings",
    "report.settings_intro": "Values this scenario left out and took from the project settings "
                             "in {file} (the scenario and --set win over them).",
    "report.setting_field": "Field",
    "report.setting_key": "Key (line)",
    "report.ctx.org": "{name}: {services} call AI today ({added} added per year), "
                      "each in {envs_count} environments ({envs}); together they make {requests} "
                      "and spend {spend} a month with providers, growing "
                      "{growth} a year.",
    "report.ctx.providers": "Providers in use: {providers}. Expected each year: {new_providers} "
                            "and {new_models}.",
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
                      "{automation}; nice to have: {nice}{unknown}",
    "report.ev.need_unknown": "; unknown (taken as no): {needs}",
    "report.driver.wall.self_host": "Wall against self-hosting (the next rung: building)",
    "report.ev.self_host": "added to {gateway} by the team: {missing}; build {build} vs "
                           "self-host {self_host} over the horizon",
    "report.ev.scale": "{services} (threshold {services_threshold}); {requests} "
                       "(threshold {requests_threshold})",
    "report.ev.ops": "platform team: {team}; 24x7 rotation: {rotation}",
    # An answer nobody gave is never printed as a fact: it says what the verdict took instead.
    "report.lead_verdict": "Verdict on that assumption: {headline}.",
    "advice.worth_about": "about {value}",
    "advice.worth_most": "at most {value} (what a wrong choice is expected to cost today)",
    "advice.quote": "Ask for a {product} quote: knowing it is worth {worth}; below about "
                    "{threshold} a month the verdict is {below}, from {threshold} {above}.",
    "advice.quote_moot": "A {product} quote would change nothing: anywhere from {low} to {high} "
                         "a month the verdict stays {option}.",
    "advice.quote_holds": "A {product} quote would confirm our estimate: knowing it is worth "
                          "{worth}; anywhere from {low} to {high} a month the verdict "
                          "stays {option}.",
    "lead.depends": "Depends on {question}: {answers}. Find out before deciding.",
    "lead.depends_short": "depends on {question}: {answers}",
    "lead.assumed": "Until then, the verdict below takes {taken}.",
    "lead.holds": "Holds either way: no answer written unknown changes it (taken: {taken}).",
    "lead.taken": "{name} as {value}",
    "lead.requests": "requests a month",
    "lead.services": "services calling AI",
    "lead.close": "A close call: {option}, only {margin} ({share}) ahead of {runner_up} over the "
                  "horizon{resting}.",
    "lead.ahead": "Chosen: {option}, {margin} ({share}) ahead of {runner_up} over the "
                  "horizon{resting}.",
    "lead.resting": ", resting on our estimate of the price of {products} (quote needed)",
    "lead.resting_estimates": "{before}, resting on our estimate of {inputs} (at the far end "
                              "of its range, any one alone reverses the ranking)",
    "lead.resting_also": "{before} and on our estimate of {inputs} (at the far end of its range, "
                         "any one alone reverses the ranking)",
    "unknown.count": "{low} to {high} (unknown)",
    "unknown.taken": "unknown (taken as {value})",
    "unknown.sampled": "unknown (sampled {low} to {high})",
    "qty.requests": "{n} requests/month",
    "qty.services": "{n} services",
    "qty.services_unknown": "services unknown, sampled {low} to {high}, taken as {likely}",
    "qty.services_people": "{n} services (from {people} engineers building with AI, {ratio} per "
                           "service: our estimate)",
    "ctx.services": "{n} services",
    "ctx.services_unknown": "an unknown number of services (sampled {low} to {high})",
    "ctx.services_people": "about {n} services (from {people} engineers building with AI, {ratio} "
                           "per service: our estimate)",
    "qty.requests_unknown": "requests/month unknown, sampled {low} to {high}, taken as {likely}",
    "ctx.requests": "{n} requests a month",
    "ctx.requests_unknown": "an unknown number of requests a month (sampled {low} to {high})",
    "report.ctx.team.unknown": "Platform/SRE team: {team}; 24x7 rotation: {rotation}.",
    "report.ctx.team.rotation_unknown": "A platform/SRE team of {size} exists; 24x7 rotation: "
                                        "{rotation}.",
    "reason.ops.unknown": "Ops capacity is taken as {level}: platform team: {team}; 24x7 "
                          "rotation: {rotation}. Find out before relying on it.",
    "report.ev.compliance_level": "compliance is {level}; {providers}; {gateway}",
    "report.driver.wall.strategic": "Wall: strategy",
    "report.ev.strategic": "the gateway is part of the product the team sells (buy.strategic)",
    "report.ev.cost": "buy {buy} vs self-host {self_host} over the horizon",
    "report.ev.customization": "what the vendor ({vendor}) cannot do: {routing}",
    "report.index_title": "AI gateway decisions",
    "report.uncertainty": "How sure is this decision",
    "report.unc.confidence": "The same rule and option ({option}, `{rule}`) come out in {share} of "
                             "{draws} draws over the ranges given and those of our estimates "
                             "(seed {seed}).",
    "report.unc.answers_only": "The same rule and option ({option}, `{rule}`) come out in {share} "
                               "of the {count} combinations of answers to the fields written "
                               "unknown, each weighing the same.",
    "report.unc.weighed": "Every combination of answers to the fields written unknown weighs the "
                          "same ({count} combinations).",
    "report.unc.flips": "The verdict flips often: other outcomes are {others}.",
    "report.unc.no_ranges": "Every input is a single number (our estimates too, where the "
                            "scenario writes its own): the results have zero width. Answer "
                            "with ranges where you are unsure to see how sure the verdict is.",
    "report.unc.p_cheapest": "Cheapest of the options the rules allow, in",
    "report.unc.skewed": "The cost table's totals are at the likely values; where a range is "
                         "skewed (a few outcomes far worse than the likely one, as in our "
                         "downtime and availability estimates), most draws cost more, so "
                         "the likely total of {options} lies outside its p10-p90 band.",
    "report.unc.set_aside": "Cheaper options the rules set aside: {items}.",
    "report.unc.set_aside_item": "`{option}` (cheaper than the verdict in {share} of draws: {why})",
    "report.unc.tornado": "What moves the decision's margin, what the runner-up `{runner_up}` "
                          "costs beyond `{option}` (now {margin}), from each input's low end to "
                          "its high end, the other inputs at their likely values; \"toward a "
                          "flip\" is how much of the margin the input's worse end uses up: at "
                          "100% that input alone reverses the cost ranking.",
    "report.unc.tornado_negative": "The margin is negative: the rules chose `{option}`, the "
                                   "dearer of the two, for the reasons above.",
    "report.unc.input": "Input",
    "report.unc.range": "Range",
    "report.unc.gap_low": "Margin at low end",
    "report.unc.gap_high": "Margin at high end",
    "report.unc.swing": "Swing",
    "report.unc.chart_title": "% of the decision's margin used up",
    "report.unc.measure": "What to measure next: deciding now rather than knowing every input "
                          "is expected to cost {loss} (against what the rules would choose with "
                          "perfect information).",
    "report.unc.measure_item": "Measure the {input} (`{field}`) before deciding: knowing it exactly "
                               "would remove {share} of that ({value}).",
    "report.unc.check_item": "Check our estimate of the {input} (`{field}`) against your own "
                             "figures before deciding: knowing it exactly would remove {share} "
                             "of that ({value}); write yours to replace our range.",
    "report.unc.hedge": "Counting money only, `{option}` risks least until the inputs below are "
                        "known: a wrong choice with it is expected to cost {loss}. That is no "
                        "verdict: the rules' reasons above still stand. The shares below are of "
                        "that figure.",
    "report.unc.nothing_single": "What to measure next: deciding now rather than knowing every "
                                 "input is expected to cost {loss}, but no single input or "
                                 "answer is worth measuring on its own (each would remove under "
                                 "1% of it).",
    "report.unc.too_few_draws": "{draws} draws are too few to tell which number is worth "
                                "measuring: with so few, a number's effect cannot be told "
                                "from chance. Run with `--draws {least}` or more.",
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
    "infeasible.compliance": "{rule}, and a SaaS gateway would see them",
    "infeasible.strategic": "the gateway is part of the product the team sells: buying it is "
                            "walled off",
    "infeasible.routing": "the vendor cannot express the required routing: {routing}",
    "infeasible.routing_by": "{product} cannot express the required routing: {routing}",
    "infeasible.gaps_by": "{product} cannot meet the required {needs}",
    "infeasible.log_cap": "{product} keeps at most {cap} GB of request logs a month (its log "
                          "cap), less than the {volume} GB this scenario's traffic logs in its "
                          "peak month: its {needs} would stop at the cap",
    "infeasible.unverified": "{product} is said to offer {needs}, but no vendor source backs it "
                             "(unverified, counted as not met)",
    "report.confirmation": "Confirmation",
    "report.confirmation_text": "Re-run `gateway-roi report` on this scenario with measured figures "
                                "in place of estimates (and whenever one of the tripwires under "
                                "More Information moves); the decision holds while the verdict "
                                "and rule stay the same.",
    "report.confirmation_measure": "Measure the {input} first (it matters most, see How sure is "
                                   "this decision), then re-run `gateway-roi report` on this "
                                   "scenario with measured figures; the decision holds while "
                                   "the verdict and rule stay the same and no tripwire is "
                                   "crossed.",
    "report.confirmation_check": "Check our estimate of the {input} against your own figures "
                                 "first (it matters most, see How sure is this decision), write "
                                 "yours in the scenario and re-run `gateway-roi report` on it; "
                                 "the decision holds while the verdict and rule stay the same "
                                 "and no tripwire is crossed.",
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
    "report.common_cost": "Every total includes {amount} of expected provider outages, the same "
                          "whatever you choose ({share} of {option}'s total): the options "
                          "differ only by the rest.",
    "report.pc.summary": "`{id}`: {total} over {months} months ({up_front} up front, then "
                         "{per_year} a year, present value).",
    "report.pc.cheapest": "it is the cheapest feasible option over {months} months",
    "report.pc.cheaper": "it costs {amount} less than `{option}` over {months} months",
    "report.pc.cheapest_set_aside": "it is the cheapest feasible option over {months} months, "
                                    "but the rules set it aside: {why}",
    "report.pc.dearer_than_set_aside": "it costs {amount} more over {months} months than "
                                       "`{option}`, the cheapest feasible option, which the "
                                       "rules set aside",
    "report.pc.dearer": "it costs {amount} more than `{option}` over {months} months",
    "report.pc.ruled_out": "it is ruled out: {why}",
    "report.pc.no_operator.partial": "no one here can run it day and night: it needs a platform "
                                     "team that already has a 24x7 rotation, and this team has "
                                     "only one of the two",
    "report.pc.no_operator.unknown": "no one here is known to run it day and night: it needs a "
                                     "platform team that already has a 24x7 rotation, and "
                                     "whether this team has both is unknown (taken as no)",
    "report.pc.no_operator.none": "no one here can run it day and night: it needs a platform "
                                  "team that already has a 24x7 rotation, and this team has "
                                  "neither",
    "report.pc.blast_local": "one failure reaches only {radius} (availability {availability})",
    "report.pc.blast_shared": "one failure reaches {radius} (availability {availability})",
    "report.pc.breakeven": "it breaks even with `direct` in month {month}",
    "report.pc.no_breakeven": "it does not break even with `direct` within {months} months",
    "report.supersedes": "Supersedes {link}.",
    "report.legend_colour": "Colour",
    "report.recommended": "recommended",
    "report.how_computed": "How each line is computed:",
    "report.likely_of": "likely value of the range {low} to {high}; {origin}",
    "report.unc.share": "Toward a flip",
    "report.unc.flips_alone": "Flips the ranking alone",
    "report.unc.small_swings": "No input, moved alone across its range, uses up more than "
                               "{share} of the margin (under {percent}%), so no chart: none "
                               "comes near changing the ranking.",
    "report.unc.chart_caption": "Bars: how much of the margin between `{option}` and "
                                "`{runner_up}` ({margin}) each input's worse end uses up; the "
                                "grey line marks 100%, where that input alone reverses the cost "
                                "ranking.",
    "currency.CNY": "CNY",
    "report.scenario": "Scenario",
    "report.currency": "Currency",
    "report.verdict": "Verdict",
    "report.rule": "Rule",
}
