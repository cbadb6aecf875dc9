"""The governance needs, one entry each: what a gateway may be asked to do beyond convenience.

Pure data. Every other place that knows a need reads it from :data:`NEEDS`: the scenario format
(``needs.governance.<id>``, its description and JSON Schema), the cost model (what automation
meets), the rules (which needs a law, a regulator or a contract can impose), the words of every
output (labels in English and Chinese), ``ask`` (the question, its help and when it is asked)
and the facts data (the capability a product's claim names). Adding a need is one entry here
(CONTRIBUTING.md walks through it). Like :mod:`gateway_roi.options`, it sits below both the model
and the words, which read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = ["NEEDS", "NEED_IDS", "AskedWhen", "Estimate", "GovernanceNeed", "need"]

AskedWhen = Literal["always", "after_another_need"]
"""When ``ask`` asks a need: always, or once another governance need is required (a need that
only matters on top of others, such as single sign-on)."""


@dataclass(frozen=True)
class Estimate:
    """Hours as a range: low, likely, high, and where the figures come from."""

    low: float
    likely: float
    high: float
    source: str


@dataclass(frozen=True)
class GovernanceNeed:
    """One governance need and everything the tool says or decides about it."""

    id: str
    """The field under ``needs.governance`` and the key of its words (``need.<id>``)."""
    description: str
    """The scenario format's description of the field (schema, ``gateway-roi schema``)."""
    label_en: str
    label_zh: str
    question: str
    """What ``ask`` asks, answered required / nice / no."""
    help: str
    """What ``?`` adds to the question (empty: only the general governance help)."""
    imposable: bool
    """A law, a regulator or a contract can impose it (an audit trail, data residency): a
    required need of this kind may lift the scale condition when the scenario says it is
    imposed. Cost attribution or shared limits are an organisation's own wish."""
    imposed_by_default: bool
    """When a scenario does not say, a required need of this kind is taken as imposed (the
    meaning files had before the question existed)."""
    met_by_automation: bool
    """Scripts, a hot-reloading secret manager and a shared client library meet it: required
    alone, it is convenience, not governance."""
    capability: str | None
    """The capability key a product's claim names in the facts data; None when no product
    meets it as a feature (compliance is judged apart: where data may go)."""
    build_hours: Estimate
    """Building it into a gateway (an in-house one, or an open-source one that lacks it)."""
    upkeep_hours: Estimate
    """Keeping what was built working, a month."""
    manual_hours: Estimate
    """Covering it by hand without a gateway, per service a month (exports, reviews,
    spreadsheets): what staying direct or automating costs while the need stands."""
    asked_when: AskedWhen = "always"
    rests_on_logs: bool = False
    """A product meets it with its per-request logs (the record of who called what, when), so
    a plan whose log cap is below the scenario's log volume cannot meet it (``limits`` in
    docs/facts.md). Cost attribution does not: vendors meter spend apart from the logs."""


_EST = "EST: gateway-roi's own estimate"
_ONE_API_METERING = ("one-api's price table 835 lines and log model 251 lines "
                     "(songquanpeng/one-api @8df4a26), at 40-80 lines a day; Grab prices each "
                     "request and runs a daily job for asynchronous calls (Grab tech blog, "
                     "2024-12-20)")

NEEDS: tuple[GovernanceNeed, ...] = (
    GovernanceNeed(
        "cost_attribution", "Cost by project or key.",
        "cost attribution by project or key", "按项目或密钥归集成本",
        "Must AI spend be broken down by project or key?",
        "Provider bills rarely break costs down that way; without a gateway it is "
        "instrumentation in each service.",
        imposable=False, imposed_by_default=False, met_by_automation=False,
        capability="cost_attribution",
        build_hours=Estimate(24, 60, 160, _ONE_API_METERING),
        upkeep_hours=Estimate(1, 2, 4, "price-table upkeep: 6-28 commits a quarter to one-api's "
                              "price table, 2023-25 (songquanpeng/one-api git log); EST"),
        manual_hours=Estimate(0.5, 1, 2, _EST + ": tagging each service's calls and reconciling "
                              "provider bills in a spreadsheet")),
    GovernanceNeed(
        "audit_trail", "Who called what, when, for audit.",
        "audit trail", "审计留痕",
        "Must you keep an audit trail of who called which model, when?", "",
        imposable=True, imposed_by_default=True, met_by_automation=False,
        capability="audit_trail",
        build_hours=Estimate(16, 60, 200, "AuditKit (vendor): a first version 1-2 weeks, "
                             "compliance-ready 11-18 weeks; Wealthsimple's five-day v1 already "
                             "logged who sent what (zenml.io summary of its talk)"),
        upkeep_hours=Estimate(2, 4, 8, _EST + " below the vendor's 2-5 h a week for a full "
                              "audit product (AuditKit)"),
        manual_hours=Estimate(1, 2, 4, _EST + ": exporting each service's call logs and "
                              "reviewing them by hand"),
        rests_on_logs=True),
    GovernanceNeed(
        "rate_limits", "Unified rate limits and quotas.",
        "unified rate limits and quotas", "统一限流与配额",
        "Do you need rate limits and quotas shared across services?", "",
        imposable=False, imposed_by_default=False, met_by_automation=False,
        capability="rate_limits",
        build_hours=Estimate(16, 40, 120, "measured: one-api's request limiter ~180 lines, Envoy "
                             "AI Gateway's token limiter 426 lines, at 40-80 lines a day; Grab "
                             "shipped limits per key first (Grab tech blog, 2024-12-20)"),
        upkeep_hours=Estimate(1, 2, 4, _EST),
        manual_hours=Estimate(0.5, 1, 2, _EST + ": agreeing and adjusting each service's quota "
                              "by hand")),
    GovernanceNeed(
        "compliance", "One place must enforce where data may go (the rules themselves: "
        "needs.data; data may not leave only when they say in_house).",
        "compliance (one place enforces where data may go)", "合规（由一处统一管控数据去向）",
        "Must one place enforce where AI data may go (residency, redaction, a vendor "
        "under contract, no third parties)?",
        "Required compliance walls buying off unless the data rules asked next let a vendor "
        "see the data (under a data contract, or once redacted in-house).",
        imposable=True, imposed_by_default=True, met_by_automation=False, capability=None,
        build_hours=Estimate(8, 24, 60, _EST + ": enforcing where each call may go in one "
                             "place (a policy check and its review)"),
        upkeep_hours=Estimate(1, 2, 4, _EST),
        manual_hours=Estimate(1, 2, 4, _EST + ": reviewing each service's data flows by hand")),
    GovernanceNeed(
        "key_management", "Central management of provider keys.",
        "central key management", "集中管理密钥",
        "Do you need provider keys managed centrally?", "",
        # A secret manager with hot reload and IaC scripts manage keys centrally.
        imposable=False, imposed_by_default=False, met_by_automation=True,
        capability="key_management",
        build_hours=Estimate(8, 24, 60, "Grab's gateway swaps an internal key for the provider "
                             "key (Grab tech blog, 2024-12-20); one-api's token code ~560 lines; "
                             "EST"),
        upkeep_hours=Estimate(0.5, 1, 2, _EST),
        manual_hours=Estimate(0.5, 1, 2, _EST + ": handing provider keys to each service by "
                              "hand")),
    GovernanceNeed(
        "access_control", "SSO and team/org mapping of keys and limits (taken as more than 5 "
        "SSO users).",
        "access control (SSO, keys and limits mapped to teams)",
        "访问控制（SSO，按团队映射密钥与限额）",
        "Do you need single sign-on, with keys and limits mapped to teams?",
        "SSO sits in the enterprise plans of the SaaS gateways (priced by our estimate until you "
        "are quoted) and in LiteLLM's paid edition (free for up to 5 users); a gateway that "
        "lacks it can have it built in, priced by the hour. Asked once another governance need "
        "is required.",
        imposable=False, imposed_by_default=False, met_by_automation=False,
        capability="access_control", asked_when="after_another_need",
        build_hours=Estimate(16, 40, 120, "Wealthsimple's five-day v1 sat behind Okta (zenml.io "
                             "summary of its talk); one-api's OIDC login 228 lines and token model "
                             "~560 lines; multi-IdP customer SSO (months) only as the high end"),
        upkeep_hours=Estimate(1, 2, 4, _EST),
        manual_hours=Estimate(0.5, 1, 2, _EST + ": issuing and revoking keys person by person")),
)
"""Every governance need, in the order the scenario format, ``ask`` and the records list them."""

NEED_IDS: tuple[str, ...] = tuple(n.id for n in NEEDS)
_BY_ID: Mapping[str, GovernanceNeed] = {n.id: n for n in NEEDS}


def need(need_id: str) -> GovernanceNeed:
    """The entry of ``need_id`` (KeyError for an id that is not a governance need)."""
    return _BY_ID[need_id]
