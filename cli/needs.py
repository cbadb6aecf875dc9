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

__all__ = ["NEEDS", "NEED_IDS", "AskedWhen", "GovernanceNeed", "need"]

AskedWhen = Literal["always", "after_another_need"]
"""When ``ask`` asks a need: always, or once another governance need is required (a need that
only matters on top of others, such as single sign-on)."""


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
    asked_when: AskedWhen = "always"


NEEDS: tuple[GovernanceNeed, ...] = (
    GovernanceNeed(
        "cost_attribution", "Cost by project or key.",
        "cost attribution by project or key", "按项目或密钥归集成本",
        "Must AI spend be broken down by project or key?",
        "Provider bills rarely break costs down that way; without a gateway it is "
        "instrumentation in each service.",
        imposable=False, imposed_by_default=False, met_by_automation=False,
        capability="cost_attribution"),
    GovernanceNeed(
        "audit_trail", "Who called what, when, for audit.",
        "audit trail", "审计留痕",
        "Must you keep an audit trail of who called which model, when?", "",
        imposable=True, imposed_by_default=True, met_by_automation=False,
        capability="audit_trail"),
    GovernanceNeed(
        "rate_limits", "Unified rate limits and quotas.",
        "unified rate limits and quotas", "统一限流与配额",
        "Do you need rate limits and quotas shared across services?", "",
        imposable=False, imposed_by_default=False, met_by_automation=False,
        capability="rate_limits"),
    GovernanceNeed(
        "compliance", "Data may not leave / residency rules.",
        "compliance (data may not leave)", "合规（数据不得出域）",
        "Must data stay in-house or in a region (residency, no third parties)?",
        "Required compliance is a wall against buying: prompts and responses would leave "
        "through a vendor.",
        imposable=True, imposed_by_default=True, met_by_automation=False, capability=None),
    GovernanceNeed(
        "key_management", "Central management of provider keys.",
        "central key management", "集中管理密钥",
        "Do you need provider keys managed centrally?", "",
        # A secret manager with hot reload and IaC scripts manage keys centrally.
        imposable=False, imposed_by_default=False, met_by_automation=True,
        capability="key_management"),
    GovernanceNeed(
        "access_control", "SSO and team/org mapping of keys and limits (taken as more than 5 "
        "SSO users).",
        "access control (SSO, keys and limits mapped to teams)",
        "访问控制（SSO，按团队映射密钥与限额）",
        "Do you need single sign-on, with keys and limits mapped to teams?",
        "No SaaS preset documents SSO in its priced tier; LiteLLM has it free for up to 5 users, "
        "beyond that in its enterprise tier (a licence line on self-hosting). Asked once another "
        "governance need is required.",
        imposable=False, imposed_by_default=False, met_by_automation=False,
        capability="access_control", asked_when="after_another_need"),
)
"""Every governance need, in the order the scenario format, ``ask`` and the records list them."""

NEED_IDS: tuple[str, ...] = tuple(n.id for n in NEEDS)
_BY_ID: Mapping[str, GovernanceNeed] = {n.id: n for n in NEEDS}


def need(need_id: str) -> GovernanceNeed:
    """The entry of ``need_id`` (KeyError for an id that is not a governance need)."""
    return _BY_ID[need_id]
