"""Sourced, dated default figures: labour, operations, reliability and the rules' thresholds.

Every number the cost model uses without the scenario saying it comes from here, with its unit,
a plausible range, where it comes from and when it was true; facts about gateway products
(plans, prices, capabilities) live in the facts data (:mod:`gateway_roi.model.facts`).
``estimate=True`` marks figures that are our own arithmetic or judgement (EST) rather than a
published number: reports say so.

Money figures are in US dollars. Prices are converted with the scenario's ``usd_rate``; labour
comes from the region's own figure (:data:`REGIONAL_LABOUR`); see :data:`MoneyKind`.
Plain dataclasses (not pydantic) keep importing this module cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from gateway_roi.needs import NEEDS

__all__ = [
    "ASSUMPTIONS",
    "REGIONAL_LABOUR",
    "Assumption",
    "RegionalFigure",
    "get_assumption",
]


MoneyKind = Literal["price", "labour", "local"]
"""How a money default reaches another currency.

``price``: a published price in US dollars (cloud, SaaS), converted at the scenario's exchange
rate. ``labour``: an engineer hour, taken from the regional figure for the scenario's currency
(:data:`REGIONAL_LABOUR`), never converted. ``local``: a cost that follows local price levels
(on-call pay, downtime), scaled by the ratio of the regional engineer hour to the US one.
"""


@dataclass(frozen=True)
class Assumption:
    """One default figure with its provenance."""

    id: str
    value: float
    unit: str
    low: float
    high: float
    source: str
    as_of: str | None
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``None`` when the source is undated."""
    description: str
    estimate: bool = False
    money_kind: MoneyKind | None = None
    """None for figures that are not money (hours, shares, counts)."""

    @property
    def money(self) -> bool:
        """True when the value is in US dollars (converted or regional for other currencies)."""
        return self.money_kind is not None


@dataclass(frozen=True)
class RegionalFigure:
    """A labour default for one currency's region, with its own source."""

    value: float
    low: float
    high: float
    source: str
    as_of: str | None
    estimate: bool = True


def _a(
    id: str,
    value: float,
    unit: str,
    low: float,
    high: float,
    description: str,
    source: str,
    as_of: str | None,
    *,
    estimate: bool = False,
    money: MoneyKind | None = None,
) -> Assumption:
    if money is None and "USD" in unit:
        money = "price"
    return Assumption(
        id=id,
        value=value,
        unit=unit,
        low=low,
        high=high,
        source=source,
        as_of=as_of,
        description=description,
        estimate=estimate,
        money_kind=money,
    )


_ESSAY = "the essay gateway-roi implements (configuration hassle vs a gateway's liabilities)"
_EST = "EST: gateway-roi's own estimate, no published figure"
_SRE_BOOK = "Google SRE book, 'Being On-Call'"
_SELF_HOST_BLOGS = "deploybase.ai; benroberts.ai (self-hosting write-ups)"
_PRODUCTIVE = "1,800 productive h/yr (US SSA POMS 'productive work-year' 1,776.5 h; '45-week year')"
_GATEWAY_BREAKAGES = ("litellm #7287 (upgrade rejected every key), #11726, #36922; Kong #6524; "
                      "OpenRouter post-mortem 2026-02-20; Cloudflare 2025-11-18 config push")

_ALL: tuple[Assumption, ...] = (
    # --- team and on-call -----------------------------------------------------------------
    _a("engineer_hour_cost", 96, "USD/h", 72, 131,
       "Loaded cost of one developer hour: pay plus employer costs, over productive hours.",
       "BLS OEWS May 2024: US software developer median $133,080/yr (p25 $103,050, p75 "
       "$169,000) x 1.30 employer cost on salary (BLS ECEC Mar 2026: total / (wages + paid "
       f"leave)) / {_PRODUCTIVE}", "2024-05", estimate=True, money="labour"),
    _a("platform_hour_cost", 108, "USD/h", 92, 144,
       "Loaded cost of one platform/SRE engineer hour (gateway operations, on-call, upgrades).",
       f"Loaded platform/SRE engineer $195k/yr (BLS pay x employer costs; low $165k, high $260k) "
       f"/ {_PRODUCTIVE}", "2026", estimate=True, money="labour"),
    _a("oncall_stipend_per_week", 540, "USD/week", 250, 1000,
       "Pay for one engineer carrying the pager for a week, where on-call is paid.",
       "incident.io on-call survey (average where paid); SHRM/Culpepper flat premium $250/week",
       None, money="local"),
    _a("oncall_rotation_size", 8, "people", 5, 12,
       "Engineers needed for a sustainable single-site 24x7 rotation.",
       _SRE_BOOK + "; SRE Workbook", "2016"),
    _a("oncall_readiness_hours_per_person_month", 4, "h/person/month", 2, 8,
       "Runbooks, drills and handovers each member of a new rotation spends to stay able to "
       "fix the gateway at 3 a.m.", _EST, "2026-11", estimate=True),
    _a("readiness_hours", 80, "h", 40, 120,
       "Production readiness of a new critical system before a rotation takes it: SLOs and "
       "alerts, runbooks, dashboards, a failure drill, the readiness review, training the "
       "rotation.",
       "EST as a sum of tasks; Google SRE book ch. 32 describes the onboarding process but "
       "publishes no duration", "2026-11", estimate=True),
    _a("existing_rotation_added_hours_per_month", 4, "h/month", 2, 10,
       "Extra toil for a rotation that already exists when the gateway joins it "
       "(alerts, runbook upkeep, handovers).", _EST, "2026-11", estimate=True),
    _a("secondary_oncall_share", 0.5, "share of a paid on-call slot", 0, 1,
       "A secondary on-call slot the gateway adds to an existing rotation: a critical path "
       "for every service gets a second responder (0: none, 1: a full paid secondary).",
       _EST + "; SRE Workbook (primary and secondary on-call)", "2026-11", estimate=True),
    _a("gateway_incidents_per_year", 6, "incidents/yr", 2, 12,
       "Incidents a self-run gateway causes that need an engineer (memory leaks, upgrade "
       "breakage, config errors).",
       "EST from public trackers: litellm #12685, #27954, #23976, #33074; higress #3931, #3755",
       "2026", estimate=True),
    _a("incident_hours", 6, "h/incident", 3, 12,
       "Engineer hours to handle one incident end to end.", _SRE_BOOK, "2016"),
    # --- today's direct connections ---------------------------------------------------------
    _a("key_rotations_per_year", 4, "rotations/yr", 1, 12,
       "How often provider keys are rotated (90-day rotation is the usual advice).",
       "IBYOK vendor blog (90-day rotation suggested)", "2026"),
    _a("hours_per_rotation", 1, "h per service per environment", 0.33, 2,
       "Rotating the first key in one service in one environment, restart included.",
       "the essay (~1 h per rotation and restart); IBYOK vendor blog (~20 min per app)",
       "2026"),
    _a("extra_key_minutes", 10, "min per further key", 5, 20,
       "Changing one more provider's key in the same service and environment, within the same "
       "restart (each service holds a key for each provider it calls).", _EST, "2026-11",
       estimate=True),
    _a("sdk_upkeep_hours_per_provider_year", 4, "h per provider per service per year", 2, 12,
       "Keeping one provider's SDK current in one service: releases, deprecations, breaking "
       "changes (one SDK per provider).",
       _EST + "; most models are deprecated within 12-18 months (opper.ai)", "2026-11",
       estimate=True),
    _a("onboarding_hours_per_service", 8, "h per service", 4, 24,
       "Connecting one service to one new provider (SDK, keys, tests).",
       "the essay (a few hours to a day or two); EST 0.5-3 engineer-days", "2026",
       estimate=True),
    _a("non_compatible_factor", 2, "x", 1.5, 4,
       "How much longer onboarding or an adapter takes when the provider's API is not "
       "OpenAI-compatible.", "EST; Anthropic's native API takes longer (continuedev PR #12219)",
       "2026-04", estimate=True),
    _a("new_provider_non_compatible_share", 0.25, "share of new providers", 0, 1,
       "Share of the providers adopted from now on that do not speak the OpenAI API (today's "
       "mix says nothing about tomorrow's: most newcomers ship an OpenAI-compatible endpoint).",
       _EST + "; DeepSeek, Bailian and Volcano Ark are OpenAI-compatible, Anthropic's native "
       "API is not (continuedev PR #12219)", "2026-11", estimate=True),
    _a("models_per_provider", 2, "models per provider", 1, 6,
       "Models in use through each provider (what a gateway that charges per model counts).",
       _EST + ": a current and a cheaper or newer model per provider", "2026-12",
       estimate=True),
    _a("model_switch_hours_per_service", 2, "h per service", 0.5, 4,
       "Adopting a new model of a provider a service already uses.", _EST, "2026-11",
       estimate=True),
    _a("adoption_share", 0.5, "share of services", 0.2, 1,
       "Share of services that adopt each new provider or model.", _EST, "2026-11",
       estimate=True),
    _a("fallback_hours_per_service", 40, "h per service", 24, 80,
       "Writing retry and fallback logic across providers in one service.",
       "EST 3-10 engineer-days, likely 5 (no published figure)", "2026", estimate=True),
    _a("monitoring_setup_hours_per_service", 16, "h per service", 8, 40,
       "Per-service metrics, dashboards and cost instrumentation for AI calls.", _EST,
       "2026-11", estimate=True),
    _a("monitoring_upkeep_hours_per_service_month", 1, "h/service/month", 0.5, 4,
       "Keeping one service's AI monitoring and cost reports working.", _EST, "2026-11",
       estimate=True),
    # --- automate: scripts / IaC, secret manager, shared client library ---------------------
    _a("automate_build_hours", 120, "h", 80, 240,
       "Shared client library with fallback and metrics (~80 h), secret manager with hot "
       "reload (~24 h), IaC rotation scripts (~16 h).", _EST, "2026-11", estimate=True),
    _a("automate_upkeep_hours_per_month", 2, "h/month", 1, 4,
       "Base upkeep of the shared library and scripts, whatever the providers.", _EST,
       "2026-11", estimate=True),
    _a("library_upkeep_hours_per_provider_month", 1, "h per provider per month", 0.5, 3,
       "Keeping one provider's SDK and adapter current inside the shared library.", _EST,
       "2026-11", estimate=True),
    _a("library_releases_per_year", 6, "releases/yr", 2, 12,
       "Releases of the shared library that services must pick up (fixes, new providers).",
       _EST, "2026-11", estimate=True),
    _a("library_rollout_hours_per_service", 0.5, "h per service per release", 0.25, 2,
       "Bumping the library in one service, testing and redeploying it.", _EST, "2026-11",
       estimate=True),
    _a("library_lag_blocked_share", 0.1, "share of new models", 0.05, 0.25,
       "Share of new models or providers a service wants before the shared library supports "
       "them (a service can still call the provider's SDK directly the same day).", _EST,
       "2026-11", estimate=True),
    _a("library_bypass_share", 0.1, "share of services", 0.02, 0.3,
       "Share of services that keep a direct path around the shared library for "
       "provider-specific features.", _EST, "2026-11", estimate=True),
    _a("automate_adoption_hours_per_service", 8, "h per service", 4, 16,
       "Moving one service onto the shared library and hot-reloaded secrets.", _EST, "2026-11",
       estimate=True),
    _a("secret_rotation_minutes_per_key", 5, "min per key per environment", 2, 15,
       "Rotating a key in a secret manager with hot reload: no restarts.",
       "apikit guide on rotating API keys", "2026-01"),
    _a("secret_manager_cost_per_secret_month", 0.40, "USD/secret/month", 0, 1,
       "Managed secret store fee per secret.", "AWS Secrets Manager list price", "2024"),
    _a("library_adapter_hours", 4, "h per provider", 2, 8,
       "Adding an OpenAI-compatible provider to the shared library or an in-house gateway "
       "(~30-90 lines).", "continuedev/continue PR #12219; DashScope docs", "2026-04"),
    _a("config_hours_per_service", 1, "h per service", 0.5, 2,
       "Pointing one service at a provider the shared library or gateway already supports.",
       _EST, "2026-11", estimate=True),
    # --- any gateway --------------------------------------------------------------------------
    _a("gateway_integration_hours_per_service", 4, "h per service", 2, 16,
       "Moving one service behind the gateway (base URL, keys, tests).", _EST, "2026-11",
       estimate=True),
    _a("gateway_change_hours", 3, "h per change", 1, 8,
       "One key rotation or config change on the gateway: change window, canary, rollback "
       "plan ready (the restart everyone fears).", _EST + "; the essay's 'restart fear'",
       "2026-11", estimate=True),
    _a("bypass_share", 0.2, "share of services", 0.05, 0.5,
       "Share of services that keep a direct path around the gateway for provider-specific "
       "features (the leaky abstraction).", _EST + "; the essay's leaky abstraction", "2026-11",
       estimate=True),
    _a("bypass_upkeep_hours_per_month", 2, "h/service/month", 1, 4,
       "Keeping one service's bypass path working next to the gateway or library.", _EST,
       "2026-11", estimate=True),
    _a("lag_blocked_share", 0.25, "share of new models", 0.1, 0.5,
       "Share of new models or providers a team wants before its gateway supports them.",
       _EST + "; the essay's lag on new models", "2026-11", estimate=True),
    _a("lag_workaround_hours", 8, "h per blocked model", 4, 24,
       "Waiting, escalating or building a temporary bypass while the gateway lags.", _EST,
       "2026-11", estimate=True),
    _a("latency_loss_per_ms", 0.0001, "share of a call's value per ms", 0, 0.0008,
       "Share of a user-facing call's value lost per millisecond added (a call is taken to be "
       "worth at least what the provider charges for it).",
       "Amazon: +100 ms, -1% sales (Linden 2006); Akamai 2017: 100 ms, -7% conversion; "
       "Deloitte 2020 'Milliseconds make millions': 0.1 s, +8.4% retail conversion",
       "2006", estimate=True),
    _a("interactive_share", 0.5, "share of calls", 0, 1,
       "Share of AI calls on an interactive, user-facing path, where added latency costs "
       "(batch and back-office calls lose nothing).", _EST, "2026-11", estimate=True),
    _a("hosted_gateway_latency_ms", 30, "ms", 20, 80,
       "Latency a hosted gateway adds to each call.",
       "Portkey docs FAQ (hosted 20-40 ms, vendor); Helicone cloud 50-80 ms (second-hand)",
       "2026"),
    _a("self_hosted_latency_ms", 5, "ms", 1, 15,
       "Latency a self-hosted or in-house gateway adds to each call.",
       "cuihuan/llm-gateway-bench (LiteLLM 4.3 ms); litellm docs/benchmarks.md (p50 12 ms)",
       "2026-07"),
    _a("provider_availability", 0.997, "fraction", 0.99, 0.9995,
       "Availability of one AI provider's API.",
       "aicheckerhub.com 90-day uptime: OpenAI 99.71%, Anthropic 99.63%", "2026-02"),
    _a("vendor_availability", 0.999, "fraction", 0.998, 0.9997,
       "Availability of a hosted AI gateway's data path (in series with the providers).",
       "EST from outage records: Portkey 12 outages, 32 h in 2 years (pingoru.io, some "
       "dashboard-only); OpenRouter ~145 min in 8 months, no SLA (post-mortems 2025-26); "
       "Cloudflare 2025: >6 h of major outages", "2026-05", estimate=True),
    _a("self_host_availability", 0.999, "fraction", 0.995, 0.9995,
       "Availability of a self-run HA gateway outside failed changes (in series with the "
       "providers).",
       "EST from production issues in LiteLLM/Higress trackers", "2026", estimate=True),
    _a("global_incidents_per_year", 1.5, "outages/yr", 0.5, 3,
       "Bad upgrades or config pushes that take every call through a self-run gateway down "
       "at once (the correlated failure a gateway adds).",
       "EST from " + _GATEWAY_BREAKAGES, "2026", estimate=True),
    _a("global_incident_hours", 1, "h per outage", 0.33, 1.5,
       "Time until a bad gateway change is rolled back.",
       "EST: 20-90 min rollbacks in the same reports", "2026", estimate=True),
    _a("downtime_cost_per_service_hour", 250, "USD/service-h", 50, 5000,
       "Cost of one hour with one service's AI features down (lost revenue, support, SLA "
       "credits); an outage costs this for every service it takes down.",
       "EST: firm-wide figures are far larger (ITIC 2024: >$300k/h for 90% of mid and large "
       "firms; Splunk 2024: ~$217k per system-downtime-hour for the Global 2000); one AI "
       "feature of one service is a small part of that. Replace with your own figure.",
       "2026-11", estimate=True, money="local"),
    _a("migration_hours_per_service", 4, "h per service", 2, 16,
       "Moving one service off a SaaS gateway if the vendor has to be left.", _EST, "2026-11",
       estimate=True),
    _a("vendor_exit_rate_per_year", 0.10, "probability per year", 0.04, 0.25,
       "Chance, each year, that the team has to leave its SaaS gateway vendor (price, "
       "outage, shutdown, acquisition).",
       "EST from B2B SaaS logo churn: enterprise 3-7%/yr, median 13%/yr (knowledgelib.io "
       "benchmarks 2026-03); AI-native products churn more", "2026-03", estimate=True),
    _a("vendor_admin_hours_per_month", 4, "h/month", 2, 10,
       "Administering a SaaS gateway: keys, budgets, access, reading the vendor's changes.",
       _EST, "2026-11", estimate=True),
    _a("compliance_review_hours", 40, "h", 16, 120,
       "Security and data-protection review of a SaaS gateway (DPA, data flows).", _EST,
       "2026-11", estimate=True),
    # --- compliance levels, paid tiers, native APIs --------------------------------------------
    _a("redaction_build_hours", 160, "h", 80, 320,
       "Building an in-house redaction step for personal data in front of every call that "
       "leaves: detection tuned to the team's data (e.g. Microsoft Presidio plus own rules), "
       "allow-lists, tests on real samples, wiring into every path.",
       _EST + " as a sum of tasks (2-8 engineer-weeks)", "2026-11", estimate=True),
    _a("redaction_upkeep_hours_per_month", 8, "h/month", 4, 16,
       "Keeping the redaction step right: reviewing misses and false positives, new data "
       "fields, library upgrades.", _EST, "2026-11", estimate=True),
    _a("redactor_availability", 0.999, "fraction", 0.995, 0.9995,
       "Availability of an in-house redaction service: in series with every call that leaves, "
       "one more single point of failure.",
       _EST + "; same as a self-run HA service (self_host_availability)", "2026-11",
       estimate=True),
    _a("in_house_endpoint_setup_hours", 16, "h per in-house model", 8, 40,
       "Putting one model the team serves itself (e.g. vLLM in its own cluster) behind a "
       "gateway: the endpoint and its health checks, concurrency limits matched to the GPU "
       "replicas so the gateway cannot overrun them, spill-over to an external provider when "
       "they are full, and one failover drill.",
       _EST + " as a sum of tasks (about two days)", "2026-11", estimate=True),
    _a("in_house_endpoint_hours_per_month", 2, "h/month per in-house model", 1, 6,
       "What one in-house model adds to running the gateway in front of it: its limits and "
       "spill-over retuned when its GPU replicas or its model change (the gateway's capacity is "
       "now tied to theirs), with a load test each time.",
       _EST + "; a change a quarter at most, half a day to a day each (limits, spill-over, load "
       "test), about 2 h a month", "2026-11", estimate=True),
    _a("private_connectivity_setup_hours", 24, "h", 8, 80,
       "Letting a SaaS gateway reach models inside the team's network: a private link or "
       "tunnel, its security review, DNS and firewall rules.",
       _EST + " (about three days with the security review)", "2026-11", estimate=True),
    _a("private_connectivity_cost_per_month", 20, "USD/month", 10, 60,
       "What the team pays, before data charges, to expose its in-house models to a SaaS "
       "gateway over a private link: the load balancer its endpoint service sits behind.",
       "EST from the AWS Network Load Balancer list price (us-east-1): USD 0.0225 an hour plus "
       "about one NLCU at USD 0.006 an hour, x 730 h; the vendor's side of the link is the "
       "vendor's cost", "2026-11", estimate=True),
    _a("native_api_bypass_share", 0.1, "share of services per API", 0.05, 0.25,
       "Extra share of services that go around a gateway for each required provider-native "
       "API (files, batch, fine-tuning, realtime, multimodal) it does not pass through.",
       _EST + "; the essay's leaky abstraction", "2026-11", estimate=True),
    _a("beyond_schedule_rate_share", 1.0, "share of the last published rate", 0.5, 1.0,
       "Usage price per request beyond the end of a vendor's published schedule, as a share "
       "of its last published rate (what the vendor would quote for that volume).",
       _EST + ": graduated schedules fall with volume (Helicone Pro halves its rate at each "
       "tier: 700, 350, 175, 87.5, 43.75 USD per million, packages/pricing/tiers.ts); beyond "
       "the last published tier the price is quoted, so between one more such step down (0.5) "
       "and the last published rate (1.0, the likely value: the fee charged without a quote)",
       "2026-12", estimate=True),
    # --- self-hosting and building ----------------------------------------------------------
    _a("instance_cost_per_month", 140, "USD/month", 80, 300,
       "One gateway instance of 4 vCPU / 8 GB on a public cloud, on demand.",
       "EST; sizing from litellm docs/proxy/prod.md", "2026", estimate=True),
    _a("instance_requests_per_second", 200, "requests/s", 100, 400,
       "Sustained requests per second one 4 vCPU instance serves.",
       "EST: 2 workers x ~100 RPS per worker (litellm docs/benchmarks.md)", "2025",
       estimate=True),
    _a("peak_to_average", 5, "x", 2, 10,
       "Peak traffic over average traffic, for sizing.", _EST, "2026-11", estimate=True),
    _a("min_replicas", 2, "instances", 2, 3,
       "Fewest instances for high availability.", "litellm docs/proxy/prod.md; higress helm "
       "values (2 replicas)", "2026-04"),
    _a("database_cost_per_month", 200, "USD/month", 50, 600,
       "Managed Postgres instance (Multi-AZ) for keys, budgets and spend logs.",
       "EST; AWS RDS pricing 2026 (db.t4g.medium $47/mo single-AZ, x2 Multi-AZ, plus larger "
       "sizes under load)", "2026-06", estimate=True),
    _a("log_kb_per_request", 1.5, "KB per request", 1, 20,
       "Database space one logged request takes (about ten times more with prompts stored).",
       "docs.litellm.ai proxy/db_sizing (1-2 KB per logged request, ~10x with prompts)",
       "2026-10"),
    _a("log_retention_months", 1, "months", 0.1, 84,
       "How long request logs are kept (EU AI Act: at least 6 months for high-risk systems).",
       "Portkey Pro 30 days; EU AI Act Art. 19 / 26(6)", "2026"),
    _a("storage_cost_per_gb_month", 0.23, "USD/GB-month", 0.115, 0.5,
       "Managed database storage, Multi-AZ (gp3 $0.115/GB-month, doubled).",
       "AWS RDS pricing (gp3 $0.115/GB-month, us-east-1)", "2026-06"),
    _a("cache_cost_per_month", 100, "USD/month", 30, 300,
       "Managed Redis for shared rate limits across instances.",
       "EST; litellm docs proxy/redis_sizing (Redis 7+ once >1 instance)", "2026-10",
       estimate=True),
    _a("self_host_setup_hours", 120, "h", 80, 160,
       "Deploying an open-source gateway to production grade, monitoring, alerting and "
       "hardening included.",
       _SELF_HOST_BLOGS + " (2-4 engineer-weeks to production grade)", "2026"),
    _a("monitoring_setup_hours_gateway", 40, "h", 16, 80,
       "Metrics, dashboards and alerts for an in-house gateway.", _EST, "2026-11",
       estimate=True),
    _a("monitoring_upkeep_hours_gateway", 4, "h/month", 2, 8,
       "Keeping gateway (or central library) dashboards and alerts useful.", _EST, "2026-11",
       estimate=True),
    _a("capacity_planning_hours_per_month", 4, "h/month", 1, 8,
       "Load review, scaling and rate-limit tuning.", _EST, "2026-11", estimate=True),
    _a("upgrades_per_year", 12, "upgrades/yr", 4, 24,
       "Gateway upgrades actually rolled out (LiteLLM ships ~3.5 stable releases a month).",
       "repos' tags: LiteLLM ~12 releases/month, Higress ~1/month; EST of those taken",
       "2026", estimate=True),
    _a("upgrade_hours", 8, "h per upgrade", 4, 16,
       "Testing, canary rollout and rollback plan for one upgrade.",
       _EST + "; upgrade breakages litellm #23976, #33074", "2026", estimate=True),
    _a("security_hardening_hours", 40, "h", 16, 80,
       "Initial hardening of an in-house gateway: network policy, secrets, auth, audit.", _EST,
       "2026-11", estimate=True),
    _a("security_upkeep_hours_per_month", 4, "h/month", 2, 8,
       "Patches, CVE triage, supply-chain checks (compromised releases: litellm #24518).",
       _EST, "2026", estimate=True),
    _a("build_core_hours", 120, "h", 40, 320,
       "The core of an in-house gateway: an OpenAI-compatible endpoint, streaming, retries and "
       "timeouts, one provider, deployment and metrics (what every built gateway needs before "
       "any governance feature).",
       _EST + ": Wealthsimple built a first version in five days (zenml.io summary of its "
       "talk; 40 h is one person-week); its open-source gateway is ~2,000 lines of Python",
       "2026-12", estimate=True),
    _a("build_fallback_hours", 24, "h", 8, 60,
       "Fallback and retries across providers inside an in-house gateway.",
       "in Wealthsimple's five-day first version (zenml.io summary); about 200 lines of routing "
       "logic; EST", "2026-12", estimate=True),
    _a("build_adapter_hours_compatible", 8, "h per provider", 2, 16,
       "An adapter for an OpenAI-compatible provider in an in-house gateway (model list, prices, "
       "auth quirks, a test).",
       "measured: one-api's OpenAI-compatible adapters are 6-47 lines (songquanpeng/one-api "
       "@8df4a26, relay/adaptor); EST of the hours around them", "2026-12", estimate=True),
    _a("build_adapter_hours_native", 80, "h per provider", 40, 200,
       "An adapter for a provider with its own API (Anthropic, Gemini, Bedrock...), chat only.",
       "measured: one-api's native adapters are 520-890 lines (Anthropic 567, Gemini 651), "
       "Wealthsimple's Bedrock change ~390 lines (wealthsimple/llm-gateway 22a0019), at 40-80 "
       "lines a day", "2026-12", estimate=True),
    _a("build_native_api_hours", 24, "h per API", 8, 60,
       "Passing one provider-native API (files, batch, fine-tuning, images and audio) through "
       "an in-house gateway, its cost accounting included.",
       "measured: Portkey's pass-through handlers are 44-50 lines plus auth, paths and cost "
       "(Portkey-AI/gateway); Grab needed its own cost job for asynchronous APIs; EST",
       "2026-12", estimate=True),
    _a("build_realtime_hours", 60, "h", 24, 120,
       "Passing realtime (WebSocket) sessions through an in-house gateway, with token "
       "accounting on its events.",
       "measured: ~300 lines in Portkey's gateway (Portkey-AI/gateway); EST", "2026-12",
       estimate=True),
    _a("build_provider_upkeep_hours_compatible", 2, "h per provider per month", 0.5, 4,
       "Keeping an in-house gateway's adapter current with an OpenAI-compatible provider's "
       "new models, prices and quirks.",
       "Portkey's gateway, 2025: 4-6 commits a year to adapters such as DeepSeek, Groq, Mistral "
       "(Portkey-AI/gateway git log); one-api's price table 2-9 commits a month; EST",
       "2026-12", estimate=True),
    _a("build_provider_upkeep_hours_native", 8, "h per provider per month", 4, 16,
       "Keeping an adapter current with a provider that has its own API: new models and API "
       "changes (the essay's lag before new models work through the gateway).",
       "Portkey's gateway, 2025: 57-59 commits a year to its Anthropic and Gemini adapters "
       "(Portkey-AI/gateway git log); the providers' SDKs change their API 3-6 times a month; "
       "EST", "2026-12", estimate=True),
    _a("build_feature_hours_per_month", 8, "h/month", 4, 16,
       "New features of an in-house gateway as needs evolve, beyond keeping up with providers "
       "and each built feature's own upkeep (lines of their own).",
       _EST + ": half of the single 16 h a month this used to be, whose other half is now the "
       "per-provider keeping-up line", "2026-12", estimate=True),
    _a("build_availability", 0.999, "fraction", 0.995, 0.9995,
       "Availability of an in-house HA gateway outside failed changes (in series with the "
       "providers).", _EST, "2026-11", estimate=True),
    _a("build_routing_hours_user_tier", 16, "h", 8, 40,
       "Routing by user tier (a rule on a header or key) built into a gateway.",
       _EST + ": small and config-driven, like weighted load balancing", "2026-12",
       estimate=True),
    _a("build_routing_hours_region", 24, "h", 8, 80,
       "Routing by region (data residency, regional quotas) built into a gateway.",
       "LiteLLM's region routing was thin enough to deprecate into tag routing "
       "(docs.litellm.ai proxy/customer_routing); high end: per-tenant residency with proof; "
       "EST", "2026-12", estimate=True),
    _a("build_routing_hours_cost_budget", 60, "h", 24, 160,
       "Routing by cost budget (switch or stop when spend runs out) built into a gateway; it "
       "needs metering first.",
       "LiteLLM's budget limiter ~900 lines with 163 stored versions (BerriAI/litellm); EST",
       "2026-12", estimate=True),
    _a("build_routing_hours_business_context", 40, "h", 16, 120,
       "Routing on the business context of a call (per product or feature rules) built into a "
       "gateway.", _EST + ": rules on request metadata and their tests, between tier and "
       "budget routing", "2026-12", estimate=True),
    # --- each governance need: built, kept up, or covered by hand (from gateway_roi.needs) ----
    *(a for n in NEEDS for a in (
        _a(f"build_hours_{n.id}", n.build_hours.likely, "h", n.build_hours.low,
           n.build_hours.high, f"Building {n.label_en} into a gateway (an in-house one, or an "
           "open-source one that lacks it).", n.build_hours.source, "2026-12", estimate=True),
        _a(f"build_upkeep_{n.id}", n.upkeep_hours.likely, "h/month", n.upkeep_hours.low,
           n.upkeep_hours.high, f"Keeping {n.label_en}, once built, working.",
           n.upkeep_hours.source, "2026-12", estimate=True),
        _a(f"manual_hours_{n.id}", n.manual_hours.likely, "h per service per month",
           n.manual_hours.low, n.manual_hours.high,
           f"Covering {n.label_en} by hand without a gateway, per service.",
           n.manual_hours.source, "2026-12", estimate=True),
    )),
    # --- thresholds of the decision rules ----------------------------------------------------
    _a("engineers_per_ai_service", 4, "people per service", 2, 8,
       "Engineers building with AI per service that calls AI: how people map to services when "
       "a scenario gives people (organisation.engineers_building_with_ai).",
       _EST + ": a service is built and kept by a small team; a team of 5 to 8 owns one to three "
       "services, and not all of it builds the AI part, so 2 to 8 engineers per AI-calling "
       "service, 4 most likely; the scale threshold of 10 services then reads as about 40 "
       "engineers building with AI", "2026-12", estimate=True),
    _a("scale_min_services", 10, "services", 5, 30,
       "Services calling AI from which a gateway's fixed cost can be amortised.",
       _ESSAY + " ('many projects'); EST threshold", "2026-11", estimate=True),
    _a("scale_min_monthly_requests", 1_000_000, "requests/month", 100_000, 10_000_000,
       "Monthly AI calls from which volume counts as high.",
       _ESSAY + " ('high call volume'); EST threshold", "2026-11", estimate=True),
)

_LABOUR_SOURCE_CN = ("NBS 2023: average wage of urban non-private units in information "
                     "transmission, software and IT services CNY 231,810/yr x 1.34 employer "
                     "social insurance and housing fund (30-41%) / " + _PRODUCTIVE)
_LABOUR_SOURCE_EU = ("Germany: software developer salary EUR 57-71k (kununu; gehalt.de via "
                     "Statista) x 1.22 employer social contributions (2025 rates) / 1,700 "
                     "productive h (EST: 30 days' leave); Destatis 2024 market services "
                     "EUR 42.10/h worked brackets it")

REGIONAL_LABOUR: Mapping[str, Mapping[str, RegionalFigure]] = {
    "engineer_hour_cost": {
        "CNY": RegionalFigure(174, 95, 300, _LABOUR_SOURCE_CN, "2023"),
        "EUR": RegionalFigure(50, 38, 65, _LABOUR_SOURCE_EU, "2025"),
    },
    "platform_hour_cost": {
        "CNY": RegionalFigure(196, 107, 338, _LABOUR_SOURCE_CN + "; x 1.125, the US "
                              "platform-to-developer ratio (EST)", "2023"),
        "EUR": RegionalFigure(56, 43, 73, _LABOUR_SOURCE_EU + "; x 1.125, the US "
                              "platform-to-developer ratio (EST)", "2025"),
    },
}
"""Labour defaults for the regions of currencies other than USD: never converted from USD.

A currency without an entry needs ``team.engineer_hour_cost`` in the scenario.
"""

ASSUMPTIONS: Mapping[str, Assumption] = {a.id: a for a in _ALL}


def get_assumption(assumption_id: str) -> Assumption:
    """Return the default figure ``assumption_id`` (KeyError for an unknown id)."""
    return ASSUMPTIONS[assumption_id]
