"""Sourced, dated default figures and SaaS gateway price presets.

Every number the cost model uses without the scenario saying it comes from here, with its unit,
a plausible range, where it comes from and when it was true. ``estimate=True`` marks figures that
are our own arithmetic or judgement (EST) rather than a published number: reports say so.

Money figures are in US dollars; the cost model converts them with the scenario's ``usd_rate``.
Plain dataclasses (not pydantic) keep importing this module cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["ASSUMPTIONS", "Assumption", "VENDOR_PRESETS", "VendorPreset", "get_assumption"]


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
    money: bool = False
    """True when the value is in US dollars and must be converted to the scenario's currency."""


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
) -> Assumption:
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
        money="USD" in unit,
    )


_ESSAY = "the essay behind gateway-roi, summed up in its README"
_EST = "EST: gateway-roi's own estimate, no published figure"
_SRE_BOOK = "Google SRE book, 'Being On-Call'"
_SELF_HOST_BLOGS = "deploybase.ai; benroberts.ai (self-hosting write-ups)"

_ALL: tuple[Assumption, ...] = (
    # --- team and on-call -----------------------------------------------------------------
    _a("engineer_hour_cost", 94, "USD/h", 79, 125,
       "Loaded cost of one engineer hour (salary x overhead / 2,080 h).",
       "BLS Occupational Outlook: US software developer median pay $132,270/yr, x 1.46 "
       "loaded-cost multiplier (BLS ECEC), / 2,080 h", "2023-05", estimate=True),
    _a("oncall_stipend_per_week", 540, "USD/week", 250, 1000,
       "Pay for one engineer carrying the pager for a week, where on-call is paid.",
       "incident.io on-call survey (average where paid); SHRM/Culpepper flat premium $250/week",
       None),
    _a("oncall_rotation_size", 8, "people", 5, 12,
       "Engineers needed for a sustainable single-site 24x7 rotation.",
       _SRE_BOOK + "; SRE Workbook", "2016"),
    _a("oncall_readiness_hours_per_person_month", 4, "h/person/month", 2, 8,
       "Runbooks, drills and handovers each rotation member spends to stay able to fix "
       "the gateway at 3 a.m.", _EST, "2026-11", estimate=True),
    _a("existing_rotation_added_hours_per_month", 4, "h/month", 2, 10,
       "Extra toil for a rotation that already exists when the gateway joins it "
       "(alerts, runbook upkeep).", _EST, "2026-11", estimate=True),
    _a("gateway_incidents_per_year", 6, "incidents/yr", 2, 12,
       "Incidents a self-run gateway causes (memory leaks, upgrade breakage, config errors).",
       "EST from public trackers: litellm #12685, #27954, #23976, #33074; higress #3931, #3755",
       "2026", estimate=True),
    _a("incident_hours", 6, "h/incident", 3, 12,
       "Engineer hours to handle one incident end to end.", _SRE_BOOK, "2016"),
    # --- today's direct connections ---------------------------------------------------------
    _a("key_rotations_per_year", 4, "rotations/yr", 1, 12,
       "How often provider keys are rotated (90-day rotation is the usual advice).",
       "IBYOK vendor blog (90-day rotation suggested)", "2026"),
    _a("hours_per_rotation", 1, "h per service per environment", 0.33, 2,
       "Rotating one key in one service in one environment, restart included.",
       _ESSAY + " (~1 h); IBYOK vendor blog (~20 min per app)", "2026"),
    _a("onboarding_hours_per_service", 8, "h per service", 4, 24,
       "Connecting one service to one new provider (SDK, keys, tests).",
       _ESSAY + " (a few hours to a day or two); EST 0.5-3 engineer-days", "2026",
       estimate=True),
    _a("non_compatible_factor", 2, "x", 1.5, 4,
       "How much longer onboarding or an adapter takes when the provider's API is not "
       "OpenAI-compatible.", "EST; Anthropic's native API takes longer (continuedev PR #12219)",
       "2026-04", estimate=True),
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
    _a("automate_upkeep_hours_per_month", 6, "h/month", 3, 12,
       "Maintaining the shared library and scripts.", _EST, "2026-11", estimate=True),
    _a("automate_adoption_hours_per_service", 8, "h per service", 4, 16,
       "Moving one service onto the shared library and hot-reloaded secrets.", _EST, "2026-11",
       estimate=True),
    _a("secret_rotation_minutes_per_key", 5, "min per key per environment", 2, 15,
       "Rotating a key in a secret manager with hot reload: no restarts.",
       "apikit guide on rotating API keys", "2026-01"),
    _a("secret_manager_cost_per_secret_month", 0.40, "USD/secret/month", 0, 1,
       "Managed secret store fee per secret.", "AWS Secrets Manager list price", "2024",
       estimate=True),
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
       "Keeping one service's bypass path working next to the gateway.", _EST, "2026-11",
       estimate=True),
    _a("lag_blocked_share", 0.25, "share of new models", 0.1, 0.5,
       "Share of new models or providers a team wants before its gateway supports them.",
       _EST + "; the essay's lag on new models", "2026-11", estimate=True),
    _a("lag_workaround_hours", 8, "h per blocked model", 4, 24,
       "Waiting, escalating or building a temporary bypass while the gateway lags.", _EST,
       "2026-11", estimate=True),
    _a("latency_cost_per_ms_per_million_requests", 0, "USD per ms per 1M requests", 0, 10,
       "What one millisecond of added latency costs per million requests; zero unless the "
       "team knows its price.", "user's own figure; none published", None, estimate=True),
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
    _a("vendor_availability", 0.999, "fraction", 0.995, 0.9999,
       "Availability of a SaaS gateway (in series with the providers).",
       "EST from Cloudflare 2025 post-mortems (6 major outages, ~10 h in all)", "2025",
       estimate=True),
    _a("self_host_availability", 0.999, "fraction", 0.995, 0.9995,
       "Availability of a self-run HA gateway (in series with the providers).",
       "EST from production issues in LiteLLM/Higress trackers", "2026", estimate=True),
    _a("downtime_cost_per_hour", 500, "USD/h", 100, 10000,
       "Cost of one hour with every AI feature down (lost revenue, support, SLA credits).",
       _EST + "; replace with your own figure", "2026-11", estimate=True),
    _a("migration_hours_per_service", 4, "h per service", 2, 16,
       "Moving one service off a SaaS gateway if the vendor has to be left.", _EST, "2026-11",
       estimate=True),
    _a("vendor_exit_probability", 0.3, "probability over the horizon", 0.1, 0.6,
       "Chance the team has to leave its SaaS gateway vendor (price, outage, shutdown).",
       _EST, "2026-11", estimate=True),
    _a("vendor_admin_hours_per_month", 4, "h/month", 2, 10,
       "Administering a SaaS gateway: keys, budgets, access, reading the vendor's changes.",
       _EST, "2026-11", estimate=True),
    _a("compliance_review_hours", 40, "h", 16, 120,
       "Security and data-protection review of a SaaS gateway (DPA, data flows).", _EST,
       "2026-11", estimate=True),
    # --- self-hosting and building ----------------------------------------------------------
    _a("instance_cost_per_month", 140, "USD/month", 80, 300,
       "One gateway instance of 4 vCPU / 8 GB on a public cloud, on demand.",
       "EST; sizing from litellm docs/proxy/prod.md", "2026", estimate=True),
    _a("instance_requests_per_second", 200, "requests/s", 100, 400,
       "Sustained requests per second one instance serves.",
       "litellm docs/benchmarks.md (~100 RPS per worker)", "2025", estimate=True),
    _a("peak_to_average", 5, "x", 2, 10,
       "Peak traffic over average traffic, for sizing.", _EST, "2026-11", estimate=True),
    _a("min_replicas", 2, "instances", 2, 3,
       "Fewest instances for high availability.", "litellm docs/proxy/prod.md; higress helm "
       "values (2 replicas)", "2026-04"),
    _a("database_cost_per_month", 200, "USD/month", 50, 600,
       "Managed Postgres for keys, budgets and spend logs.",
       "EST; litellm docs proxy/db_sizing (1-2 KB per logged request)", "2026-10",
       estimate=True),
    _a("cache_cost_per_month", 100, "USD/month", 30, 300,
       "Managed Redis for shared rate limits across instances.",
       "EST; litellm docs proxy/redis_sizing (Redis 7+ once >1 instance)", "2026-10",
       estimate=True),
    _a("self_host_setup_hours", 120, "h", 80, 320,
       "Deploying an open-source gateway to production grade.",
       _SELF_HOST_BLOGS + " (2-4 engineer-weeks)", "2026"),
    _a("monitoring_setup_hours_gateway", 40, "h", 16, 80,
       "Gateway metrics, dashboards and alerts.", _EST, "2026-11", estimate=True),
    _a("monitoring_upkeep_hours_gateway", 4, "h/month", 2, 8,
       "Keeping gateway dashboards and alerts useful.", _EST, "2026-11", estimate=True),
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
       "Initial hardening: network policy, secrets, auth, audit of the gateway.", _EST,
       "2026-11", estimate=True),
    _a("security_upkeep_hours_per_month", 4, "h/month", 2, 8,
       "Patches, CVE triage, supply-chain checks (compromised releases: litellm #24518).",
       _EST, "2026", estimate=True),
    _a("build_initial_hours", 480, "h", 320, 1040,
       "Building an in-house HA gateway: routing, fallback, keys, metering, admin.",
       _EST + " (8-26 engineer-weeks)", "2026-11", estimate=True),
    _a("build_feature_hours_per_month", 16, "h/month", 8, 40,
       "Custom development as needs evolve for an in-house gateway.", _EST, "2026-11",
       estimate=True),
    _a("build_availability", 0.999, "fraction", 0.995, 0.9995,
       "Availability of an in-house HA gateway (in series with the providers).", _EST,
       "2026-11", estimate=True),
    # --- thresholds of the decision rules ----------------------------------------------------
    _a("scale_min_services", 10, "services", 5, 30,
       "Services calling AI from which a gateway's fixed cost can be amortised.",
       _ESSAY + " ('many projects'); EST threshold", "2026-11", estimate=True),
    _a("scale_min_monthly_requests", 1_000_000, "requests/month", 100_000, 10_000_000,
       "Monthly AI calls from which volume counts as high.",
       _ESSAY + " ('high call volume'); EST threshold", "2026-11", estimate=True),
)

ASSUMPTIONS: Mapping[str, Assumption] = {a.id: a for a in _ALL}


def get_assumption(assumption_id: str) -> Assumption:
    """Return the default figure ``assumption_id`` (KeyError for an unknown id)."""
    return ASSUMPTIONS[assumption_id]


@dataclass(frozen=True)
class VendorPreset:
    """Published pricing of one SaaS gateway, reduced to what the fee formula needs.

    The monthly fee is ``base_fee`` plus, for requests beyond ``included_requests``, graduated
    per-million prices from ``tiers`` (each ``(up_to_requests or None, usd_per_million)``), plus
    ``percent_of_spend`` of the month's provider spend.
    """

    id: str
    name: str
    pricing_model: str
    base_fee: float
    included_requests: float
    tiers: tuple[tuple[float | None, float], ...]
    percent_of_spend: float
    max_requests: float | None
    """Above this many requests a month the vendor only quotes a custom contract."""
    routing: frozenset[str]
    """Custom routing kinds the product can express (conservative: metadata-based tiers)."""
    source: str
    as_of: str
    notes: str
    fully_priced: bool = True
    """False when part of the price is unpublished: never picked automatically."""


_METADATA_ROUTING = frozenset({"user_tier"})

VENDOR_PRESETS: Mapping[str, VendorPreset] = {
    p.id: p
    for p in (
        VendorPreset(
            "portkey", "Portkey Production", "per log", 49, 100_000,
            ((3_000_000, 90.0), (None, 90.0)), 0, None, _METADATA_ROUTING,
            "portkey.ai/pricing", "2026-09",
            "$49/month incl. 100k logs, +$9 per extra 100k up to 3M; above 3M Enterprise "
            "(custom price, EST at the same rate)."),
        VendorPreset(
            "helicone", "Helicone Pro", "per log, graduated", 79, 10_000,
            ((30_000, 700.0), (2_500_000, 200.0), (None, 20.0)), 0, None, _METADATA_ROUTING,
            "Helicone packages/pricing/tiers.ts; api-evangelist/helicone", "2026-05",
            "$79/month, 10k requests included; overage $0.0007/log (10k-30k) down to "
            "$0.00002/log (>2.5M); middle tier EST."),
        VendorPreset(
            "kong", "Kong Konnect Plus", "per request", 0, 1_000_000,
            ((None, 200.0),), 0, 10_000_000, _METADATA_ROUTING,
            "api-evangelist/kong", "2026-05",
            "1M requests/month included, $200 per extra 1M, capped at 10M/month; per-gateway "
            "fee not published (counted as 0).", fully_priced=False),
        VendorPreset(
            "cloudflare", "Cloudflare AI Gateway (Workers Paid)", "free core, per log", 5,
            10_000_000, ((None, 0.05),), 0, None, _METADATA_ROUTING,
            "cloudflare-docs ai-gateway/reference/pricing", "2026",
            "Core features free; 10M logs per gateway on Workers Paid ($5/month, EST), "
            "Logpush $0.05 per extra 1M."),
        VendorPreset(
            "openrouter", "OpenRouter", "% of spend", 0, 0, (), 0.055, None,
            frozenset({"cost_budget"}), "openrouter.ai/docs/faq", "2026",
            "5.5% fee on credit purchases; model prices passed through."),
        VendorPreset(
            "truefoundry", "TrueFoundry Pro", "tier", 499, 1_000_000, (), 0, 1_000_000,
            _METADATA_ROUTING, "api-evangelist/truefoundry", "2026-05",
            "$499/month for 1M requests and 10 users; larger volumes on request."),
    )
}
