"""The cost model: a scenario's inputs -> cost lines and totals for the five options.

Pure functions over plain numbers or arrays of draws: no files, no terminal. Each
:class:`~gateway_roi.model.cost_lines.CostLine` carries its formula in words, the names of the
inputs it used (their values and sources live in :class:`~gateway_roi.model.inputs.ModelInputs`),
its kind and its amount month by month. Totals are present values at the scenario's discount rate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from gateway_roi.model.arrays import ceil, is_scalar, maximum, minimum, num
from gateway_roi.model.cost_lines import (
    HOURS_PER_MONTH,
    NON_GATEWAY_MEETS,
    Builder,
    OptionCosts,
    Timeline,
    breakeven,
    finish,
)
from gateway_roi.model.inputs import ModelInputs
from gateway_roi.model.plan_pricing import (
    Priced,
    buy_plan,
    bypass_monthly,
    cheapest,
    facts_read,
    feature_inputs,
    feature_label,
    features_to_build,
    self_host_plan,
)
from gateway_roi.model.products import (
    FeeLine,
    Offer,
    buy_required,
    candidates,
    offers,
    peak_log_gb,
    peak_requests,
    required_native,
    required_needs,
)
from gateway_roi.model.scenario import (
    Scenario,
    data_rules,
    external_providers,
    provider_shares,
)
from gateway_roi.needs import need
from gateway_roi.options import OPTION_IDS, OptionId

__all__ = [
    "buy_wall_fixed",
    "compute_costs",
    "option_costs",
]


def _effective_provider_availability(mi: ModelInputs) -> Any:
    """Availability seen by a call: each provider's, weighted by the share of calls it carries.

    A fallback (always another provider in use, as the scenario is validated) serves the calls
    of its provider while that one is down: fallbacks in parallel, failures independent.
    """
    a = mi.values["provider_availability"]
    providers = mi.scenario.providers.in_use
    shares = provider_shares(mi.scenario)
    return sum(share * (1.0 - (1.0 - a) ** (1 + len(p.fallbacks)))
               for p, share in zip(providers, shares, strict=True))


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


def _outage_cost(tl: Timeline) -> str:
    """How an outage is priced, in formula words."""
    if tl.downtime_input == "downtime_cost_per_hour":
        return "share of services down x downtime_cost_per_hour"
    return "services down x downtime_cost_per_service_hour"


def _provider_downtime_line(b: Builder, where: str) -> None:
    """Provider outages: each hits only the calls on that provider (fallbacks in parallel)."""
    tl = b.tl
    down = 1.0 - _effective_provider_availability(b.mi)
    b.add(
        "provider_downtime", "Expected downtime from provider outages", "per_event",
        "(1 - provider availability with fallbacks in parallel, weighted by each provider's "
        "share of the calls) x "
        f"{HOURS_PER_MONTH:g} h/month x {_outage_cost(tl)}: an outage takes down only the "
        f"calls on that provider ({where})",
        ["provider_availability", "services", tl.downtime_input],
        [down * HOURS_PER_MONTH * s * rate for s, rate in zip(tl.services, tl.outage_rate,
                                                              strict=True)],
        note=f"effective provider availability {num(1.0 - down, '.3%')}; the same in every "
             "option", shared=True,
    )


def _by_hand(b: Builder, option: OptionId) -> tuple[str, ...]:
    """Lines for the required needs an option without a gateway covers by hand, and which.

    Without a gateway a governance need does not go away: its exports, reviews and
    spreadsheets are done by hand in each service (``manual_hours_<need>``).
    """
    mi, tl = b.mi, b.tl
    v = mi.values
    meets = NON_GATEWAY_MEETS[option]
    todo = tuple(k for k, lvl in mi.scenario.needs.governance
                 if lvl == "required" and k not in meets)
    for k in todo:
        name = f"manual_hours_{k}"
        per_service = v[name] * v["engineer_hour_cost"]
        b.add(f"by_hand_{k}", f"{need(k).label_en} by hand", "standing",
              f"services x {name} x engineer_hour_cost", ["services", name, "engineer_hour_cost"],
              [s * per_service for s in tl.services],
              note="no gateway meets it here: exports, reviews and spreadsheets in each service")
    return todo


def _direct(mi: ModelInputs, tl: Timeline) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    envs = len(mi.scenario.organisation.environments)
    keys = len(mi.scenario.providers.in_use)
    b = Builder(tl, mi)
    chains = any(p.fallbacks for p in mi.scenario.providers.in_use)
    todo_now = minimum(v["services"], v["services_missing_fallback"])
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
          f"non-compatible multiplier {num(ncm, '.2f')} x engineer_hour_cost",
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
    by_hand = _by_hand(b, "direct")
    return finish("direct", b, a_red * _effective_provider_availability(mi),
                  "one provider's users (failures stay independent)", by_hand=by_hand)


def _automate(mi: ModelInputs, tl: Timeline) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    envs = len(mi.scenario.organisation.environments)
    keys = len(mi.scenario.providers.in_use)
    b = Builder(tl, mi)
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
          f"library_upkeep_hours_per_provider_month x non-compatible multiplier {num(ncm, '.2f')}) x "
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
    by_hand = _by_hand(b, "automate")
    return finish("automate", b, a_red * _effective_provider_availability(mi),
                  "one provider's users (failures stay independent)", by_hand=by_hand)


def _lag_and_bypass(b: Builder, layer: str, lag_share: str, bypass_share: str,
                    bypass_label: str, missing: Any = 0, missing_names: Sequence[str] = (),
                    product: str = "") -> None:
    """The abstraction's two leaks: new models it does not carry yet, paths around it.

    ``missing``: how many required provider-native APIs the layer does not pass through (an
    array when each draw priced its own plan), named in ``missing_names``; each sends
    ``native_api_bypass_share`` more of the services around it.
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
    monthly = bypass_monthly(b.mi, tl, bypass_share, missing)
    if missing_names:
        b.add("bypass", bypass_label, "standing",
              f"services x min(1, {bypass_share} + {len(missing_names)} required native APIs "
              "not passed through x native_api_bypass_share) x bypass_upkeep_hours_per_month x "
              "engineer_hour_cost",
              ["services", bypass_share, "native_api_bypass_share",
               "bypass_upkeep_hours_per_month", "engineer_hour_cost"], monthly,
              note=f"{product} does not pass through {', '.join(missing_names)}: services "
                   "that need them call the provider directly")
        return
    b.add("bypass", bypass_label, "standing",
          f"services x {bypass_share} x bypass_upkeep_hours_per_month x engineer_hour_cost",
          ["services", bypass_share, "bypass_upkeep_hours_per_month", "engineer_hour_cost"],
          monthly)


def _gateway_common(b: Builder, option: OptionId, adapter_hours: Any,
                    adapter_inputs: Sequence[str], latency_ms_name: str,
                    missing: Any = 0, missing_names: Sequence[str] = (),
                    product: str = "") -> None:
    """Lines every gateway option has; ``missing``: required native APIs it does not carry."""
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
          f"(new_providers_per_year x ({num(adapter_hours, '.3g')} h gateway-side + services x "
          "adoption_share x config_hours_per_service) + new_models_per_year x services x "
          "adoption_share x config_hours_per_service) / 12 x engineer_hour_cost",
          ["new_providers_per_year", *adapter_inputs, "services", "adoption_share",
           "config_hours_per_service", "new_models_per_year", "engineer_hour_cost"],
          onboard, replaces=("onboarding", "sdk_upkeep"))
    _in_house_endpoints(b, option)
    _lag_and_bypass(b, "gateway", "lag_blocked_share", "bypass_share",
                    "Backdoor paths around the gateway (leaky abstraction)", missing,
                    missing_names, product or option)
    per_ms = v[latency_ms_name] * v["latency_loss_per_ms"] * v["interactive_share"]
    b.add("latency", "Added latency on every interactive call", "standing",
          f"monthly_provider_spend (what the calls are worth at least) x {latency_ms_name} x "
          "latency_loss_per_ms x interactive_share",
          ["monthly_provider_spend", latency_ms_name, "latency_loss_per_ms",
           "interactive_share"],
          [sp * per_ms for sp in tl.spend],
          note=f"{num(v[latency_ms_name], 'g')} ms added per call")
    _provider_downtime_line(b, "the gateway carries the fallback chains")


def _in_house_endpoints(b: Builder, option: OptionId) -> None:
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


def _redaction(b: Builder, option: OptionId) -> Any:
    """The in-house redaction step the data rules call for (availability 1 if none).

    It sits in front of every call that leaves to an external provider when providers may see
    only redacted data, and, for ``buy``, in front of the vendor when the gateway may see only
    redacted data: one step serves both. Its build, its run and its downtime are lines of their
    own: one more single point of failure in front of every call.
    """
    mi, tl = b.mi, b.tl
    v = mi.values
    providers, gateway = data_rules(mi.scenario)
    before_providers = providers == "redacted" and bool(external_providers(mi.scenario))
    before_vendor = option == "buy" and gateway == "redacted"
    if not (before_providers or before_vendor):
        return 1.0
    c = v["engineer_hour_cost"]
    b.add("redaction_build", "Build the in-house redaction of personal data", "up_front",
          "redaction_build_hours x engineer_hour_cost",
          ["redaction_build_hours", "engineer_hour_cost"],
          tl.at_start(v["redaction_build_hours"] * c),
          note="data rules: personal data is redacted in-house before "
               + ("any external provider or the vendor sees it" if before_providers
                  and before_vendor else "any external provider sees it" if before_providers
                  else "the vendor sees it"))
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


def _gateway_downtime(b: Builder, option: OptionId) -> Any:
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


def _buy(mi: ModelInputs, tl: Timeline) -> OptionCosts:
    v = mi.values
    c = v["engineer_hour_cost"]
    b = Builder(tl, mi)
    buy = mi.scenario.buy
    pool, why = candidates(mi.scenario, offers(mi.facts, "saas"), saas=True,
                           chosen_product=buy.vendor, chosen_plan=buy.plan)
    sums: dict[Any, list[Any]] = {}  # graduated sums the plans share (one vendor's schedule)
    chosen, missing, lines = cheapest(mi, tl, [buy_plan(mi, tl, o, why, sums) for o in pool],
                                       "bypass_share")
    offer = chosen.offer
    for line in lines:
        b.add(line.id, line.label, line.kind, line.formula, line.inputs, line.monthly,
              note=chosen.notes.get(line.id, ""), total=line.total)
    b.labour("vendor_admin", "Administering the vendor's gateway", "standing",
             "vendor_admin_hours_per_month", "engineer_hour_cost")
    _gateway_common(b, "buy", 0.0, (), "hosted_gateway_latency_ms", missing, chosen.missing,
                    offer.name)
    exit_monthly = v["vendor_exit_rate_per_year"] / 12 * v["migration_hours_per_service"] * c
    b.add("lock_in", "Lock-in: expected cost of migrating away from the vendor", "per_event",
          "vendor_exit_rate_per_year / 12 x services x migration_hours_per_service x "
          "engineer_hour_cost (a yearly chance: the longer the horizon, the more it costs)",
          ["vendor_exit_rate_per_year", "services", "migration_hours_per_service",
           "engineer_hour_cost"],
          [exit_monthly * s for s in tl.services])
    compliance = mi.scenario.needs.governance.compliance
    _, gateway_rule = data_rules(mi.scenario)
    # The review that a vendor may see the data, or concludes it may not.
    review = compliance != "no" or gateway_rule != "allowed"
    # Named as what it reviews: a vendor under contract, or data redacted before it leaves.
    label = {"under_contract": "Data-contract review: the vendor's data-processing agreement "
                               "and region pinning",
             "redacted": "Data-egress review: redacted prompts pass through a vendor",
             }.get(gateway_rule, "Data-egress review: prompts and responses leave through a vendor")
    b.add("compliance_review", label,
          "up_front", "compliance_review_hours x engineer_hour_cost, when compliance matters",
          ["compliance_review_hours", "engineer_hour_cost"],
          tl.at_start(v["compliance_review_hours"] * c if review else 0.0),
          note="" if review else "compliance is not a need: no review")
    a_gw = _gateway_downtime(b, "buy")
    a_red = _redaction(b, "buy")
    _, routing = required_needs(mi.scenario)
    wanted = buy_required(mi.scenario)
    gaps, unmet = _buy_shortfall(mi.scenario, offer)
    walled = gateway_rule == "not_allowed"
    return finish(
        "buy", b, a_gw * a_red * _effective_provider_availability(mi),
        "every service at once (the vendor is a shared single point of failure)",
        gaps=gaps, unmet_routing=unmet, compliance_walled=walled,
        strategic_walled=buy.strategic, product=offer.name, more={
            "product": offer.product, "plan": offer.plan, "product_label": offer.name,
            "quote_needed": bool(chosen.quote_needed and tl.detail),
            "unverified": tuple(sorted((wanted | {f"routing.{r}" for r in routing})
                                    & offer.unverified)),
            "facts": facts_read(mi, offer, wanted, routing),
            "log_capped": tuple(sorted(wanted & offer.log_capped)),
            "log_cap_gb": (offer.log_cap_gb or 0.0) if offer.log_capped else 0.0,
            "log_gb": peak_log_gb(mi.scenario) if offer.log_capped else 0.0})


def _buy_shortfall(scenario: Scenario, offer: Offer) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(required needs, required routing) the SaaS plan ``offer`` leaves unmet."""
    _, routing = required_needs(scenario)
    supported = scenario.buy.routing_supported
    capped = offer.request_cap is not None and offer.request_cap < peak_requests(scenario)
    gaps = tuple(sorted((buy_required(scenario) - offer.offers)
                        | ({"request_cap"} if capped else set())))
    unmet = tuple(sorted(routing - (frozenset(supported) if supported is not None
                                    else offer.routing)))
    return gaps, unmet


def buy_wall_fixed(mi: ModelInputs) -> bool:
    """True when every SaaS plan ``buy`` may price stands alike against customization.

    Which plan is priced depends on the numbers (the cheapest of the candidates), and with it
    whether a required need or routing is left unmet. When every candidate leaves some unmet, or
    none does, that wall is the same at any values of the numeric inputs: array evaluations
    (:func:`gateway_roi.model.rules.decide_arrays`, which takes it from the scenario's own
    values) then decide exactly as one evaluation per point would.
    """
    buy = mi.scenario.buy
    pool, _ = candidates(mi.scenario, offers(mi.facts, "saas"), saas=True,
                         chosen_product=buy.vendor, chosen_plan=buy.plan)
    return len({any(_buy_shortfall(mi.scenario, o)) for o in pool}) <= 1


def _provider_kinds(mi: ModelInputs) -> tuple[int, int]:
    """(OpenAI-compatible providers in use, providers with their own API)."""
    providers = mi.scenario.providers.in_use
    compatible = sum(p.openai_compatible for p in providers)
    return compatible, len(providers) - compatible


def _build_lines(b: Builder) -> tuple[Any, tuple[str, ...]]:
    """What building an in-house gateway takes up front, grown with everything it must do.

    Its core, fallback across providers, each required need and routing kind, an adapter per
    provider (a provider with its own API takes ten times an OpenAI-compatible one) and each
    required native API passed through. Returns the gateway-side hours of a new provider, for
    onboarding.
    """
    mi, tl = b.mi, b.tl
    v = mi.values
    c = v["engineer_hour_cost"]
    b.labour("development", "Build the in-house gateway's core", "up_front",
             "build_core_hours", "engineer_hour_cost")
    b.labour("fallback_build", "Build fallback across providers", "up_front",
             "build_fallback_hours", "engineer_hour_cost")
    for key in features_to_build(mi, None):
        hours, _ = feature_inputs(key)
        b.labour(f"build_{key.replace('.', '_')}", f"Build {feature_label(key)}", "up_front",
                 hours, "engineer_hour_cost")
    compatible, native = _provider_kinds(mi)
    b.add("adapters", "Adapters for the providers in use", "up_front",
          f"({compatible} OpenAI-compatible x build_adapter_hours_compatible + {native} with "
          "their own API x build_adapter_hours_native) x engineer_hour_cost",
          ["build_adapter_hours_compatible", "build_adapter_hours_native", "engineer_hour_cost"],
          tl.at_start((compatible * v["build_adapter_hours_compatible"]
                       + native * v["build_adapter_hours_native"]) * c))
    apis = sorted(required_native(mi.scenario))
    if apis:
        others = len(apis) - ("realtime" in apis)
        b.add("native_apis", f"Pass the required native APIs through: {', '.join(apis)}",
              "up_front",
              f"({others} APIs x build_native_api_hours"
              + (" + build_realtime_hours" if "realtime" in apis else "")
              + ") x engineer_hour_cost",
              ["build_native_api_hours", *(["build_realtime_hours"] if "realtime" in apis
                                           else []), "engineer_hour_cost"],
              tl.at_start((others * v["build_native_api_hours"]
                           + (v["build_realtime_hours"] if "realtime" in apis else 0.0)) * c))
    b.labour("monitoring_setup", "Gateway monitoring and alerting", "up_front",
             "monitoring_setup_hours_gateway", "platform_hour_cost")
    b.labour("security_setup", "Security hardening", "up_front",
             "security_hardening_hours", "platform_hour_cost")
    share = v["new_provider_non_compatible_share"]
    adapter_hours = ((1.0 - share) * v["build_adapter_hours_compatible"]
                     + share * v["build_adapter_hours_native"])
    return adapter_hours, ("build_adapter_hours_compatible", "build_adapter_hours_native",
                           "new_provider_non_compatible_share")


def _build_upkeep_lines(b: Builder) -> None:
    """An in-house gateway's standing development (the essay's ongoing custom development).

    Keeping up with providers' new models and API changes, keeping what was built working, and
    new features as needs evolve.
    """
    mi, tl = b.mi, b.tl
    v = mi.values
    c = v["engineer_hour_cost"]
    compatible, native = _provider_kinds(mi)
    b.add("keeping_up", "Keeping up with new models and provider API changes", "standing",
          f"({compatible} OpenAI-compatible x build_provider_upkeep_hours_compatible + {native} "
          "with their own API x build_provider_upkeep_hours_native) x engineer_hour_cost",
          ["build_provider_upkeep_hours_compatible", "build_provider_upkeep_hours_native",
           "engineer_hour_cost"],
          tl.every_month((compatible * v["build_provider_upkeep_hours_compatible"]
                          + native * v["build_provider_upkeep_hours_native"]) * c))
    features = features_to_build(mi, None)
    upkeeps = [u for k in features if (u := feature_inputs(k)[1]) is not None]
    if upkeeps:
        names = ", ".join(feature_label(k) for k in features if feature_inputs(k)[1])
        b.add("built_upkeep", f"Keeping what was built working: {names}", "standing",
              f"({' + '.join(upkeeps)}) x engineer_hour_cost", [*upkeeps, "engineer_hour_cost"],
              tl.every_month(sum((v[n] for n in upkeeps), 0.0) * c))
    b.labour("features", "New features as needs evolve", "standing",
             "build_feature_hours_per_month", "engineer_hour_cost")


def _self_run(mi: ModelInputs, tl: Timeline, option: OptionId) -> OptionCosts:
    v = mi.values
    ops = v["platform_hour_cost"]
    b = Builder(tl, mi)
    new_m = _new_provider_multiplier(mi)
    chosen: Priced | None = None
    missing: Any = 0
    plan_lines: list[FeeLine] = []
    if option == "self_host":
        sh = mi.scenario.self_host
        pool, why = candidates(mi.scenario, offers(mi.facts, "open_source"), saas=False,
                               chosen_product=sh.gateway, chosen_plan=sh.plan)
        chosen, missing, plan_lines = cheapest(
            mi, tl, [self_host_plan(mi, tl, o, why) for o in pool], "bypass_share")
        b.add("setup", "Deploy the open-source gateway to production grade", "up_front",
              "self_host_setup_hours x platform_hour_cost (monitoring, alerting and hardening "
              "included)", ["self_host_setup_hours", "platform_hour_cost"],
              tl.at_start(v["self_host_setup_hours"] * ops),
              note=f"open-source gateway: {chosen.offer.name}")
        adapter_hours = v["config_hours_per_service"] * new_m
        adapter_inputs: tuple[str, ...] = (
            "config_hours_per_service", "new_provider_non_compatible_share",
            "non_compatible_factor")
    else:
        adapter_hours, adapter_inputs = _build_lines(b)
    b.add("readiness", "Production readiness before the rotation takes it", "up_front",
          "readiness_hours x platform_hour_cost (SLOs, alerts, runbooks, a drill, the review)",
          ["readiness_hours", "platform_hour_cost"], tl.at_start(v["readiness_hours"] * ops))
    peak_rps = [r / (HOURS_PER_MONTH * 3600) * v["peak_to_average"] for r in tl.requests]
    per_instance = maximum(v["instance_requests_per_second"], 1e-9)
    least = v["min_replicas"]
    if is_scalar(per_instance) and is_scalar(least) and all(map(is_scalar, peak_rps)):
        # maximum and ceil of plain numbers, written out: 36 months, twice an evaluation.
        replicas = [max(math.ceil(p / per_instance), least) for p in peak_rps]
    else:
        replicas = [maximum(ceil(p / per_instance), least) for p in peak_rps]
    fixed = v["database_cost_per_month"] + v["cache_cost_per_month"]
    b.add("infrastructure", "HA infrastructure: replicas, database, cache", "standing",
          "max(min_replicas, ceil(monthly_requests / 730 h / 3600 s x peak_to_average / "
          "instance_requests_per_second)) x instance_cost_per_month + database_cost_per_month + "
          "cache_cost_per_month",
          ["min_replicas", "monthly_requests", "traffic_growth_per_year", "peak_to_average",
           "instance_requests_per_second", "instance_cost_per_month", "database_cost_per_month",
           "cache_cost_per_month"],
          [n * v["instance_cost_per_month"] + fixed for n in replicas],
          note=f"{num(replicas[0], 'g')} instances at the start, {num(replicas[-1], 'g')} at the end")
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
        _build_upkeep_lines(b)
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
                    missing, chosen.missing if chosen is not None else (),
                    chosen.offer.name if chosen is not None else "")
    for line in plan_lines:
        b.add(line.id, line.label, line.kind, line.formula, line.inputs, line.monthly,
              note=chosen.notes.get(line.id, "") if chosen is not None else "",
              total=line.total)
    a_gw = _gateway_downtime(b, option)
    a_red = _redaction(b, option)
    availability = a_gw * a_red * _effective_provider_availability(mi)
    radius = "every service at once (the gateway is a single point of failure)"
    if chosen is None:
        return finish(option, b, availability, radius)
    offer = chosen.offer
    needs, routing = required_needs(mi.scenario)
    free = next((o for o in offers(mi.facts, "open_source")
                 if o.product == offer.product and o.edition == "free"), None)
    licensed = (tuple(sorted((needs & offer.offers) - (free.offers if free else frozenset())))
                if offer.edition == "paid" else ())
    return finish(option, b, availability, radius, product=offer.name, more={
        "product": offer.product, "plan": offer.plan, "product_label": offer.name,
        "added": features_to_build(mi, offer.offers),
        "licence_needed": licensed, "quote_needed": bool(chosen.quote_needed and tl.detail),
        "unverified": tuple(sorted((needs | {f"routing.{r}" for r in routing})
                                   & offer.unverified)),
        "facts": facts_read(mi, offer, needs, routing)})


def compute_costs(mi: ModelInputs, *, detail: bool = True) -> dict[str, OptionCosts]:
    """Cost every option for the resolved inputs, keyed by option id in :data:`OPTION_IDS` order.

    With ``detail=False`` only totals are kept (no monthly amounts, cumulative series or
    break-even months): what a Monte Carlo run or a decision map over arrays needs, in flat
    memory.
    """
    tl = Timeline(mi, detail)
    results: dict[str, OptionCosts] = {key: option_costs(mi, tl, key) for key in OPTION_IDS}
    direct = results["direct"]
    if detail:
        for key in OPTION_IDS[1:]:
            results[key] = replace(results[key], breakeven_month=breakeven(results[key], direct))
    return results


def option_costs(mi: ModelInputs, tl: Timeline, option: OptionId) -> OptionCosts:
    """One option's costs (as :func:`compute_costs` gives them, without a break-even month).

    Each option reads only the inputs and series it needs: a search that changes one input
    can keep the options that never read it (:mod:`gateway_roi.model.tripwires`).
    """
    if option == "direct":
        return _direct(mi, tl)
    if option == "automate":
        return _automate(mi, tl)
    if option == "buy":
        return _buy(mi, tl)
    return _self_run(mi, tl, option)
