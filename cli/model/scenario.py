"""Pydantic models of a scenario: what a team tells gateway-roi about itself.

Pure: no file access, no terminal. Loading from YAML (with line numbers) lives in
:mod:`gateway_roi.files.loading`. Every field has a default so a short scenario evaluates; fields whose
default is a sourced figure are ``None`` here and resolved from :mod:`gateway_roi.model.assumptions` by
the cost model, so the report can say where the number came from.

Every numeric input is a :class:`Range`: a plain number, ``"low to high"`` (a 90% interval) or
``{low, likely, high}``. The deterministic model uses :attr:`Range.likely`.
"""

from __future__ import annotations

import math
import re
import typing
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    create_model,
    field_validator,
    model_serializer,
    model_validator,
)

from gateway_roi.model.assumptions import ASSUMPTIONS, REGIONAL_LABOUR
from gateway_roi.model.fields import attribute_at as _get
from gateway_roi.model.memo import same_objects
from gateway_roi.model.ranges import Bounds, Range
from gateway_roi.needs import NEED_IDS, NEEDS, GovernanceNeed
from gateway_roi.needs import need as need_entry
from gateway_roi.options import OptionId as ExpectedOption

__all__ = [
    "COMPLIANCE_LEVELS",
    "GATEWAY_RULES",
    "LEVEL_RULES",
    "PROVIDERS_RULES",
    "GOVERNANCE_NEEDS",
    "IMPOSED",
    "NATIVE_APIS",
    "PAINS",
    "ROUTING_NEEDS",
    "ComplianceLevel",
    "DataRules",
    "GatewayRule",
    "ProvidersRule",
    "ImposedBy",
    "Level",
    "RequiredBy",
    "UNKNOWN_NUMBER_RANGES",
    "Scenario",
    "data_rules",
    "external_providers",
    "fallback_problems",
    "provider_shares",
    "field_for_assumption",
    "imposed",
    "range_bounds",
]



Level = Literal["required", "nice", "no"]
ImposedBy = Literal["law", "regulator", "contract", "internal"]
"""What makes a required governance need required: a law, a regulator or a contract imposes it,
or it is the organisation's own wish (``internal``)."""
IMPOSED: frozenset[str] = frozenset({"law", "regulator", "contract"})
GOVERNANCE_NEEDS: tuple[str, ...] = NEED_IDS
NATIVE_APIS = ("files", "batch", "fine_tuning", "realtime", "multimodal")
ProvidersRule = Literal["allowed", "redacted", "in_house"]
PROVIDERS_RULES: tuple[str, ...] = typing.get_args(ProvidersRule)
"""What external AI providers may see of prompts and responses, loosest first:

* ``allowed`` -- no rule beyond the providers' own terms;
* ``redacted`` -- personal data is redacted in-house before any external provider sees it: a
  redaction step in front of every call that leaves (its build, run and downtime);
* ``in_house`` -- data may not leave: every provider must be one the team runs itself
  (``self_hosted: true``).
"""
GatewayRule = Literal["allowed", "under_contract", "redacted", "not_allowed"]
GATEWAY_RULES: tuple[str, ...] = typing.get_args(GatewayRule)
"""What a third-party (SaaS) gateway may see. Not a ladder: ``under_contract`` and ``redacted``
are different measures, each stricter than ``allowed`` and looser than ``not_allowed``:

* ``allowed`` -- no rule;
* ``under_contract`` -- only under a data-processing agreement with region pinning (or with the
  data plane in the team's network): ``buy`` needs a plan that offers one, and pays the review;
* ``redacted`` -- the vendor sees only data redacted in-house: a redaction step in front of the
  vendor, and the review;
* ``not_allowed`` -- no third-party gateway may see prompts: ``buy`` is walled off.
"""
ComplianceLevel = Literal["none", "vendor_contract", "redact_in_house", "no_third_party_gateway",
                          "stay_in_house"]
COMPLIANCE_LEVELS: tuple[str, ...] = typing.get_args(ComplianceLevel)
LEVEL_RULES: dict[str, tuple[ProvidersRule, GatewayRule]] = {
    "none": ("allowed", "allowed"),
    "vendor_contract": ("allowed", "under_contract"),
    "redact_in_house": ("redacted", "redacted"),
    "no_third_party_gateway": ("allowed", "not_allowed"),
    "stay_in_house": ("in_house", "not_allowed"),
}
"""``needs.compliance_level``, the shorthand of earlier versions, as the two rules it means."""
ROUTING_NEEDS = ("user_tier", "region", "cost_budget", "business_context")
_SECTION_PATHS = {"Team": "team", "Governance": "needs.governance", "Routing": "needs.routing",
                  "NativeApis": "needs.native_apis", "Organisation": "organisation"}
UNKNOWN_NUMBER_RANGES: dict[str, tuple[float, float, float]] = {
    "organisation.monthly_requests": (10_000, 100_000, 10_000_000),
    "organisation.services": (1, 3, 50),
}
"""Numbers that may be written ``unknown``: (low, likely, high) sampled in their place (PERT).

The likely value is the field's default; the range spans a small internal tool to a product
feature at scale (EST): for services, one service to fifty (five times the scale threshold)."""
UNKNOWABLE_STATIC: frozenset[str] = frozenset({
    "team.platform_team", "team.on_call_24x7",
    *(f"needs.governance.{k}" for k in NEED_IDS),
    *(f"needs.routing.{k}" for k in ROUTING_NEEDS),
    *(f"needs.native_apis.{k}" for k in ("files", "batch", "fine_tuning", "realtime",
                                          "multimodal")),
    *UNKNOWN_NUMBER_RANGES,
})
"""Fields a user may answer ``unknown``: the yes/no team facts, need levels, and the numbers of
:data:`UNKNOWN_NUMBER_RANGES`. The verdict takes the default (no, ``no``, the likely value) and
:func:`gateway_roi.model.evaluation.assess` evaluates the other branch too."""
MAX_UNKNOWN_COMBINATIONS = 256
MIN_ENGINEERS_PER_SERVICE = 0.01
"""The least ``assumptions.engineers_per_ai_service`` may be: people are divided by it."""
"""At most this many combinations of unknown answers (eight yes/no answers; a number counts
three: its likely value and both ends): each is evaluated, so none is left unexplored."""
PAINS = ("rotation_restarts", "duplicated_fallback", "scattered_monitoring", "sdk_per_provider",
         "slow_key_approval")


def _may_be_unknown(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """JSON Schema: fields that may be written ``unknown`` accept that word too."""
    for name, prop in schema.get("properties", {}).items():
        if f"{_SECTION_PATHS.get(model.__name__, '')}.{name}" in UNKNOWABLE_STATIC:
            schema["properties"][name] = {
                "anyOf": [{k: v for k, v in prop.items() if k not in ("description", "default",
                                                                      "title")},
                          {"const": "unknown"}],
                **{k: prop[k] for k in ("description", "default", "title") if k in prop}}


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True,
                              json_schema_extra=_may_be_unknown)


Count: TypeAlias = Annotated[Range, Bounds(ge=0, le=100_000, unit="count")]
Hours: TypeAlias = Annotated[Range, Bounds(ge=0, le=10_000, unit="hours")]
Money: TypeAlias = Annotated[Range, Bounds(ge=0, le=1e12, unit="scenario currency")]
PerYear: TypeAlias = Annotated[Range, Bounds(ge=0, le=10_000, unit="per year")]


class Organisation(_Section):
    """Who calls AI, where, and how much."""

    services: Count = Field(Range.fixed(3), description="Services/projects that call AI now "
                            "(may be unknown; or give engineers_building_with_ai instead).")
    engineers_building_with_ai: Count | None = Field(
        None, description="When the service count is not known: the engineers who build with AI. "
        "Services are estimated from them at assumptions.engineers_per_ai_service (our estimate, "
        "4 per service); give this or services, not both.")
    services_added_per_year: Count = Field(
        Range.fixed(1), description="New services that start calling AI each year."
    )
    environments: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        default_factory=lambda: ["dev", "staging", "prod"],
        min_length=1,
        max_length=50,
        description="Environments each service runs in; keys are rotated in each.",
    )
    monthly_requests: Annotated[Range, Bounds(ge=0, le=1e13, unit="requests/month")] = Field(
        Range.fixed(100_000), description="AI API calls per month, all services together."
    )
    monthly_provider_spend: Money = Field(
        Range.fixed(2_000), description="Monthly bill from AI providers, in the scenario currency."
    )
    traffic_growth_per_year: Annotated[Range, Bounds(ge=-0.9, le=100, unit="fraction per year")] = Field(
        Range.fixed(0.3), description="Yearly growth of requests and spend (0.3 = +30%)."
    )

    @model_validator(mode="after")
    def _services_or_people(self) -> Organisation:
        if self.engineers_building_with_ai is not None and "services" in self.model_fields_set:
            raise ValueError("give organisation.services or organisation."
                             "engineers_building_with_ai (the services are then estimated from "
                             "the people), not both")
        return self

    @field_validator("environments")
    @classmethod
    def _unique_environments(cls, value: list[str]) -> list[str]:
        seen = {v.casefold() for v in value}
        if len(seen) != len(value):
            raise ValueError("environment names must be unique")
        return value


class Provider(_Section):
    """One AI provider in use, and where its traffic goes when it fails."""

    name: str = Field(min_length=1, max_length=80)
    openai_compatible: bool = Field(True, description="Speaks the OpenAI API (DeepSeek, Bailian, "
                                    "Volcano Ark do); others need their own SDK or adapter.")
    fallbacks: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        default_factory=list, max_length=10,
        description="Providers tried in order when this one fails, e.g. DeepSeek official -> "
                    "Volcano Engine -> Bailian.",
    )
    self_hosted: bool = Field(False, description="The team runs this model itself (e.g. vLLM in "
                              "its own cluster): a gateway must reach a private endpoint.")
    share: float | None = Field(
        None, ge=0, le=1, allow_inf_nan=False,
        description="Share of all AI calls this provider carries (0 to 1); providers without "
                    "one split what is left equally. An outage takes down its share.")


class Providers(_Section):
    """Providers in use and how fast the landscape moves."""

    in_use: list[Provider] = Field(
        default_factory=lambda: [Provider(name="openai")], min_length=1, max_length=100
    )
    new_per_year: PerYear = Field(Range.fixed(1), description="New providers adopted per year.")
    new_models_per_year: PerYear = Field(
        Range.fixed(4), description="New models of existing providers adopted per year."
    )

    @field_validator("in_use")
    @classmethod
    def _unique_names(cls, value: list[Provider]) -> list[Provider]:
        names = [p.name.casefold() for p in value]
        if len(set(names)) != len(names):
            raise ValueError("provider names must be unique")
        for problem in fallback_problems([p.model_dump() for p in value]):
            raise ValueError(problem[1])
        written = [p.share for p in value if p.share is not None]
        if sum(written) > 1 + 1e-9:
            raise ValueError(f"the providers' shares add up to {sum(written):g}, more than all "
                             "the calls (1)")
        if len(written) == len(value) and abs(sum(written) - 1) > 1e-3:
            raise ValueError(f"every provider has a share and they add up to {sum(written):g}: "
                             "they must add up to 1 (all the calls)")
        return value


class Team(_Section):
    """Who would build and run a gateway."""

    engineer_hour_cost: Money | None = Field(
        None, description="Loaded cost of one developer hour: pay plus employer costs, over "
                          "productive hours (default: the figure for the currency's region).",
    )
    platform_hour_cost: Money | None = Field(
        None, description="Loaded cost of one platform/SRE engineer hour (default: the "
                          "region's figure, or engineer_hour_cost x 1.125 when that is given).",
    )
    platform_team: bool = Field(False, description="A platform/SRE team exists.")
    platform_team_size: Count = Field(Range.fixed(0), description="Engineers in that team.")
    on_call_24x7: bool = Field(False, description="That team already runs a 24x7 rotation.")


if TYPE_CHECKING:

    class Governance(_Section):
        """Requirements that only central control meets well (one field per governance need)."""

        def __getattr__(self, name: str) -> Level: ...  # noqa: D105

else:
    # One field per entry of the needs registry, so a new need is one entry there.
    Governance = create_model(
        "Governance", __base__=_Section,
        __doc__="Requirements that only central control meets well.",
        **{n.id: (Level, Field("no", description=n.description)) for n in NEEDS})


def _required_by_description(n: GovernanceNeed) -> str:
    if n.imposable:
        return (f"What makes {n.label_en} required: law, regulator, contract, or internal (the "
                "organisation's own wish). Not given: taken as imposed by a law, a regulator or "
                "a contract (the meaning files had before this field), which lets a gateway "
                "serve it below scale.")
    return (f"What makes {n.label_en} required: internal (the organisation's own wish, and the "
            "only answer: the rules take no law, regulator or contract to impose it).")


if TYPE_CHECKING:

    class RequiredBy(_Section):
        """What imposes each required governance need (one field per need)."""

        def __getattr__(self, name: str) -> ImposedBy | None: ...  # noqa: D105

else:
    RequiredBy = create_model(
        "RequiredBy", __base__=_Section,
        __doc__="What imposes each required governance need: a law, a regulator, a contract, "
                "or the organisation's own wish (internal).",
        **{n.id: (ImposedBy | None, Field(None, description=_required_by_description(n)))
           for n in NEEDS})


def imposed(scenario: Scenario, need_id: str) -> bool:
    """A law, a regulator or a contract imposes ``need_id`` (as written, or by its default)."""
    said = getattr(scenario.needs.required_by, need_id)
    if said is None:
        return need_entry(need_id).imposed_by_default
    return said in IMPOSED


class Routing(_Section):
    """Custom routing the business needs."""

    user_tier: Level = "no"
    region: Level = "no"
    cost_budget: Level = "no"
    business_context: Level = "no"


class Pains(_Section):
    """Convenience pains of direct connections.

    They are named in the verdict's reasons (what automation removes), never in the rules: a
    pain is convenience, however loud.
    """

    rotation_restarts: Level = "no"
    duplicated_fallback: Level = "no"
    scattered_monitoring: Level = "no"
    sdk_per_provider: Level = "no"
    slow_key_approval: Level = "no"


class NativeApis(_Section):
    """Provider-native APIs a unified API may not carry (the essay's leaky abstraction).

    Each one a required API that the gateway does not pass through sends services around it:
    the gateway options' bypass share rises by ``native_api_bypass_share`` per such API.
    """

    files: Level = Field("no", description="Provider file uploads (files API).")
    batch: Level = Field("no", description="Provider batch APIs (half-price offline jobs).")
    fine_tuning: Level = Field("no", description="Provider fine-tuning jobs.")
    realtime: Level = Field("no", description="Realtime / WebSocket streaming protocols.")
    multimodal: Level = Field("no", description="Images, audio and other non-text formats.")


class DataRules(_Section):
    """Where prompts and responses may go: two rules, one for providers, one for a gateway."""

    providers: ProvidersRule | None = Field(
        None, description="What external AI providers may see: allowed, redacted (personal "
                          "data redacted in-house first) or in_house (only models the team runs "
                          "itself). Default: allowed.")
    third_party_gateway: GatewayRule | None = Field(
        None, description="What a SaaS gateway may see: allowed, under_contract (a "
                          "data-processing agreement with region pinning), redacted (only "
                          "redacted data) or not_allowed. Default: not_allowed when "
                          "governance.compliance is required, else allowed.")


class Needs(_Section):
    """What the team needs, each ``required`` / ``nice`` / ``no``."""

    governance: Governance = Governance()
    routing: Routing = Routing()
    pains: Pains = Pains()
    native_apis: NativeApis = NativeApis()
    data: DataRules = DataRules()
    required_by: RequiredBy = Field(
        RequiredBy(), description="What imposes each required governance need: law, regulator, "
        "contract or internal. Only an imposed need lets a gateway serve it below scale.")
    compliance_level: ComplianceLevel | None = Field(
        None, description="Shorthand of earlier versions for the two data rules: none, "
                          "vendor_contract, redact_in_house, no_third_party_gateway or "
                          "stay_in_house (see data; give one or the other).",
    )

    @model_validator(mode="after")
    def _only_imposable_imposed(self) -> Needs:
        for n in NEEDS:
            said = getattr(self.required_by, n.id)
            if said in IMPOSED and not n.imposable:
                raise ValueError(
                    f"needs.required_by.{n.id} is {said}, but {n.label_en} is taken as the "
                    "organisation's own wish: only "
                    + ", ".join(m.id for m in NEEDS if m.imposable)
                    + " can be imposed by a law, a regulator or a contract (write internal or "
                    "leave it out)")
        return self

    @model_validator(mode="after")
    def _one_way_to_say_it(self) -> Needs:
        if self.compliance_level is not None and (self.data.providers is not None
                                                  or self.data.third_party_gateway is not None):
            raise ValueError("needs.compliance_level is a shorthand for needs.data.providers and "
                             "needs.data.third_party_gateway: give one or the other")
        return self


class Operations(_Section):
    """How today's direct connections are run (defaults from the reference figures)."""

    key_rotations_per_year: PerYear | None = None
    hours_per_rotation: Hours | None = Field(
        None, description="Per service per environment, restart included."
    )
    onboarding_hours_per_service: Hours | None = None
    fallback_hours_per_service: Hours | None = None
    services_missing_fallback: Count = Field(
        Range.fixed(0),
        description="Today's services that still lack fallback logic: staying direct means "
                    "writing it in each; what exists today is sunk cost for every option.",
    )
    monitoring_setup_hours_per_service: Hours | None = None
    monitoring_upkeep_hours_per_service_month: Hours | None = None


class Reliability(_Section):
    """Provider availability and what downtime costs."""

    provider_availability: Annotated[Range, Bounds(gt=0, le=1, unit="fraction")] | None = None
    downtime_cost_per_service_hour: Money | None = Field(
        None, description="Cost of one hour with one service's AI features down; an outage "
                          "costs this for every service it takes down.",
    )
    downtime_cost_per_hour: Money | None = Field(
        None, description="Cost of one hour with every AI feature down, at today's number of "
                          "services (instead of downtime_cost_per_service_hour).",
    )


class Thresholds(_Section):
    """Where the decision rules draw the line for 'scale'."""

    scale_min_services: Count | None = None
    scale_min_monthly_requests: Annotated[Range, Bounds(ge=0, le=1e13)] | None = None


class Buy(_Section):
    """Which SaaS gateway the `buy` option prices."""

    vendor: str = Field(
        "auto", pattern=r"^[a-z0-9][a-z0-9-]{0,39}$",
        description="A SaaS gateway product of the facts (gateway-roi facts lists them), or "
                    "auto for the plan with the lowest total cost that meets every required "
                    "need and routing."
    )
    plan: str = Field(
        "auto", pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$",
        description="One of the chosen vendor's plans, or auto for its cheapest capable plan "
                    "(needs buy.vendor).",
    )
    routing_supported: list[Literal[*ROUTING_NEEDS]] | None = Field(  # type: ignore[valid-type]
        None, description="Routing kinds the vendor can express (default: the preset's)."
    )
    quote: Money | None = Field(
        None, description="A monthly fee the team was actually quoted, in the scenario "
                          "currency; replaces the preset's published price.",
    )
    strategic: bool = Field(
        False, description="The gateway is part of the product the team sells or exposes: "
                           "buying is walled off (an extension of the essay's walls).",
    )

    @model_validator(mode="after")
    def _plan_of_a_vendor(self) -> Buy:
        if self.plan != "auto" and self.vendor == "auto":
            raise ValueError(f"buy.plan is {self.plan!r} but buy.vendor is auto: name the vendor "
                             "whose plan it is")
        return self


class SelfHost(_Section):
    """Which open-source gateway the `self_host` option runs."""

    gateway: str = Field(
        "auto", pattern=r"^[a-z0-9][a-z0-9-]{0,39}$",
        description="An open-source gateway of the facts (gateway-roi facts lists them), or "
                    "auto for the edition with the lowest total cost that meets every required "
                    "need and routing.",
    )
    plan: str = Field(
        "auto", pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$",
        description="The gateway's edition (free or paid plan), or auto for its cheapest "
                    "capable one (needs self_host.gateway).",
    )
    licence: Money | None = Field(
        None, description="The monthly enterprise licence the team was quoted, in the scenario "
                          "currency; used when a required need sits only in the gateway's paid "
                          "tier (default: an estimate marked quote needed).",
    )

    @model_validator(mode="after")
    def _edition_of_a_gateway(self) -> SelfHost:
        if self.plan != "auto" and self.gateway == "auto":
            raise ValueError(f"self_host.plan is {self.plan!r} but self_host.gateway is auto: "
                             "name the gateway whose edition it is")
        return self


_CURRENCY = re.compile(r"^[A-Z]{3}$")
_RENAMED = {
    "build_initial_hours": "build_core_hours, plus a line per required need, routing kind, "
                           "provider adapter and native API (build_hours_<need>, "
                           "build_routing_hours_<kind>, build_adapter_hours_compatible, "
                           "build_adapter_hours_native, build_native_api_hours)",
}
"""Assumption ids of earlier versions, and what took their place."""


class Scenario(_Section):
    """A team's situation: everything the cost model and the decision rules read."""

    name: str = Field("Unnamed scenario", min_length=1, max_length=200)
    description: str = Field("", max_length=5_000)
    decision_makers: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=50
    )
    expect: ExpectedOption | None = Field(
        None, description="The verdict the team recorded (an option id). It changes nothing in "
                          "the evaluation; `gateway-roi check` exits 3 when the rules now say "
                          "otherwise.",
    )
    currency: str = Field("USD", description="ISO 4217 code of every money figure.")
    usd_rate: Annotated[Range, Bounds(gt=0, le=1e6, unit="currency units per USD")] | None = Field(
        None, description="How many units of the currency one US dollar buys; required when "
                          "currency is not USD (default figures are in USD).",
    )
    horizon_months: int = Field(36, ge=1, le=240, description="Months the comparison covers.")
    discount_rate: Annotated[Range, Bounds(ge=0, le=1, unit="fraction per year")] = Field(
        Range.fixed(0.08), description="Yearly discount rate for present values."
    )
    organisation: Organisation = Organisation()
    providers: Providers = Providers()
    team: Team = Team()
    needs: Needs = Needs()
    operations: Operations = Operations()
    reliability: Reliability = Reliability()
    thresholds: Thresholds = Thresholds()
    buy: Buy = Buy()
    self_host: SelfHost = SelfHost()
    assumptions: dict[str, Annotated[Range, Bounds(ge=0, le=1e13)]] = Field(
        default_factory=dict, description="Overrides of default figures, by id."
    )
    unknown: list[str] = Field(
        default_factory=list,
        description="Fields answered `unknown` (filled in by the loader: write `unknown` as the "
                    "field's value). The verdict takes the default; gateway-roi evaluates the "
                    "other answers and says when the verdict depends on them.",
    )
    _settings: Any = PrivateAttr(default=None)
    """The project settings this scenario was read with (an ``AppliedSettings`` of
    :mod:`gateway_roi.model.settings`), kept off the fields: not part of what a scenario says."""

    @property
    def settings(self) -> Any:
        """What the scenario took from project settings (``AppliedSettings``), or None."""
        return self._settings

    def with_settings(self, applied: Any) -> Scenario:
        """A copy of the scenario noting the project settings it was read with."""
        copied = self.model_copy()
        copied.__pydantic_private__ = {**(copied.__pydantic_private__ or {}),
                                       "_settings": applied}
        return copied

    @model_validator(mode="before")
    @classmethod
    def _unknown_answers(cls, data: Any) -> Any:
        """Replace ``unknown`` answers by the default and remember where they were."""
        if not isinstance(data, dict):
            return data
        found: list[str] = []

        def walk(node: dict[str, Any], prefix: str) -> dict[str, Any]:
            out = dict(node)
            for key, value in node.items():
                path = f"{prefix}{key}"
                if isinstance(value, dict) and path in ("team", "needs", "needs.governance",
                                                        "needs.routing", "needs.native_apis",
                                                        "organisation"):
                    out[key] = walk(value, path + ".")
                elif value == "unknown" and path in UNKNOWABLE_STATIC:
                    found.append(path)
                    if path in UNKNOWN_NUMBER_RANGES:
                        low, likely, high = UNKNOWN_NUMBER_RANGES[path]
                        out[key] = Range(low, likely, high, "pert")
                    else:
                        del out[key]  # the field's default
            return out

        data = walk(data, "")
        if found:
            written = data.get("unknown", ())
            data["unknown"] = sorted({*written, *found})
        return data

    @model_serializer(mode="wrap")
    def _dump_unknown(self, handler: SerializerFunctionWrapHandler,
                      info: SerializationInfo) -> Any:
        """Keep unknown answers through a dump.

        With context ``write_unknown`` (a file for people), ``unknown`` goes back where the user
        wrote it; otherwise the defaults taken and the list of unknown fields are kept, so a dump
        validates back to the same scenario either way.
        """
        data = handler(self)
        if isinstance(data, dict) and not self.unknown:
            data.pop("unknown", None)
        elif isinstance(data, dict) and (info.context or {}).get("write_unknown"):
            data.pop("unknown", None)
            for path in self.unknown:
                node = data
                *parents, leaf = path.split(".")
                for part in parents:
                    node = node.setdefault(part, {})
                node[leaf] = "unknown"
        return data

    @field_validator("unknown")
    @classmethod
    def _known_unknowns(cls, value: list[str]) -> list[str]:
        wrong = sorted(set(value) - UNKNOWABLE_STATIC)
        if wrong:
            raise ValueError(f"{', '.join(wrong)} cannot be unknown; fields that can: "
                             + ", ".join(sorted(UNKNOWABLE_STATIC)))
        combos = math.prod(3 if p in UNKNOWN_NUMBER_RANGES else 2 for p in value)
        if combos > MAX_UNKNOWN_COMBINATIONS:
            raise ValueError(
                f"{len(value)} fields are unknown ({', '.join(value)}): {combos:,} combinations "
                f"of answers, and gateway-roi evaluates at most {MAX_UNKNOWN_COMBINATIONS} "
                "(eight yes/no answers) so that it can say which answer decides; find out some "
                "of them first, or write your best guess")
        return value

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str) -> str:
        if not _CURRENCY.fullmatch(value):
            raise ValueError(f"{value!r} is not an ISO 4217 code (three capitals: USD, CNY, EUR)")
        return value

    @field_validator("assumptions")
    @classmethod
    def _known_assumptions(cls, value: dict[str, Range]) -> dict[str, Range]:
        if "oss_licence_per_month" in value:
            raise ValueError("oss_licence_per_month is gone: each open-source paid edition now "
                             "carries its own estimate in the facts (gateway-roi facts); write "
                             "the licence you were quoted, or your own range, as "
                             "self_host.licence")
        unknown = sorted(set(value) - set(ASSUMPTIONS))
        if unknown:
            import difflib

            hints = []
            for name in unknown:
                if name in _RENAMED:
                    hints.append(f"{name} is now {_RENAMED[name]}")
                else:
                    close = difflib.get_close_matches(name, list(ASSUMPTIONS), n=3, cutoff=0.6)
                    if close:
                        hints.append(f"{name}: did you mean {' or '.join(close)}?")
            raise ValueError(
                f"unknown assumption(s) {', '.join(unknown)}"
                + (f" ({'; '.join(hints)})" if hints else "")
                + "; every id with its value and source: gateway-roi evaluate FILE --format "
                  "json (assumptions), or docs/scenario-format.md")
        for key, rng in value.items():
            unit = ASSUMPTIONS[key].unit
            if (unit.startswith(("fraction", "share", "probability"))) and rng.high > 1:
                raise ValueError(f"{key} is a {unit} and must be at most 1")
            # People are divided by it to give services: zero people per service means nothing.
            if key == "engineers_per_ai_service" and rng.low < MIN_ENGINEERS_PER_SERVICE:
                raise ValueError(f"{key} must be at least {MIN_ENGINEERS_PER_SERVICE:g} "
                                 "(engineers building with AI per AI-calling service)")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        if self.currency != "USD" and self.usd_rate is None:
            raise ValueError(
                f"currency is {self.currency}: set usd_rate (how many {self.currency} one US "
                "dollar buys) so published prices in USD can be converted"
            )
        regional = REGIONAL_LABOUR["engineer_hour_cost"]
        if (self.currency not in ("USD", *regional) and self.team.engineer_hour_cost is None
                and "engineer_hour_cost" not in self.assumptions):
            raise ValueError(
                f"currency is {self.currency}, for which gateway-roi has no regional labour "
                "figure (it has USD, " + ", ".join(regional) + "): set team.engineer_hour_cost "
                "(pay is never converted at the exchange rate)"
            )
        if (self.reliability.downtime_cost_per_hour is not None
                and self.reliability.downtime_cost_per_service_hour is not None):
            raise ValueError("reliability.downtime_cost_per_hour and "
                             "reliability.downtime_cost_per_service_hour are both set; keep one")
        if data_rules(self)[0] == "in_house":
            external = external_providers(self)
            if external:
                said = ("needs.compliance_level is stay_in_house" if self.needs.compliance_level
                        else "needs.data.providers is in_house")
                raise ValueError(
                    f"{said} (data may not leave) but {', '.join(external)} "
                    f"{'is an external provider' if len(external) == 1 else 'are external providers'}"
                    ": mark the models the team runs itself with self_hosted: true, or let "
                    "providers see the data (allowed or redacted)")
        for path, assumption_id in FIELD_ASSUMPTIONS.items():
            if assumption_id in self.assumptions and _get(self, path) is not None:
                raise ValueError(
                    f"{assumption_id} is set twice: as {path} and as assumptions.{assumption_id}; "
                    "keep one"
                )
        return self


@same_objects
def data_rules(scenario: Scenario) -> tuple[ProvidersRule, GatewayRule]:
    """(what providers may see, what a third-party gateway may see), as the scenario says.

    The rules written under ``needs.data``, else the ``compliance_level`` shorthand, else what
    the compliance need implies: required alone means no third-party gateway.
    """
    if scenario.needs.compliance_level is not None:
        return LEVEL_RULES[scenario.needs.compliance_level]
    written = scenario.needs.data
    implied: GatewayRule = ("not_allowed" if scenario.needs.governance.compliance == "required"
                            else "allowed")
    return written.providers or "allowed", written.third_party_gateway or implied


def fallback_problems(providers: list[Any]) -> list[tuple[tuple[int, int], str]]:
    """Fallbacks that name no other provider in use: ((provider, fallback) index, message).

    Works on the raw mappings a file holds, so a loader can point at the very line.
    """
    names = {str(p.get("name", "")).casefold(): str(p.get("name", "")) for p in providers
             if isinstance(p, dict)}
    out = []
    for i, p in enumerate(providers):
        if not isinstance(p, dict) or not isinstance(p.get("fallbacks"), list):
            continue
        own = str(p.get("name", "")).casefold()
        for j, fallback in enumerate(p["fallbacks"]):
            key = str(fallback).casefold()
            if key == own:
                out.append(((i, j), f"{p.get('name')} cannot fall back to itself"))
            elif key not in names:
                out.append(((i, j), f"fallback {fallback!r} of {p.get('name')} is not a provider "
                                    "in use; providers in use: " + ", ".join(names.values())))
    return out


@same_objects
def provider_shares(scenario: Scenario) -> tuple[float, ...]:
    """The share of the calls each provider carries: as written, the rest split equally."""
    providers = scenario.providers.in_use
    written = sum(p.share for p in providers if p.share is not None)
    unset = [p for p in providers if p.share is None]
    rest = max(1.0 - written, 0.0) / len(unset) if unset else 0.0
    return tuple(p.share if p.share is not None else rest for p in providers)


def external_providers(scenario: Scenario) -> tuple[str, ...]:
    """Names of the providers the team does not run itself (data leaves to them)."""
    return tuple(p.name for p in scenario.providers.in_use if not p.self_hosted)


def _bounds_in(annotation: Any) -> Bounds | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, Bounds):
            return meta
    for arg in typing.get_args(annotation):
        found = _bounds_in(arg)
        if found is not None:
            return found
    return None


def range_bounds(scenario: Scenario) -> dict[int, Bounds]:
    """The bounds of every range in ``scenario``, keyed by the range object's ``id``.

    What a sampler needs to keep draws within what each field allows.
    """
    found: dict[int, Bounds] = {}

    def walk(model: BaseModel) -> None:
        for name, field in type(model).model_fields.items():
            value = getattr(model, name)
            if isinstance(value, Range):
                bounds = next((m for m in field.metadata if isinstance(m, Bounds)), None)
                bounds = bounds or _bounds_in(field.annotation)
                if bounds is not None:
                    found[id(value)] = bounds
            elif isinstance(value, BaseModel):
                walk(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, BaseModel):
                        walk(item)

    walk(scenario)
    for key, value in scenario.assumptions.items():
        unit = ASSUMPTIONS[key].unit
        share = unit.startswith(("fraction", "share", "probability"))
        found[id(value)] = Bounds(ge=0, le=1 if share else 1e13)
    return found


def _assumption_fields() -> dict[str, str]:
    """Map ``section.field`` -> assumption id for fields whose default is a sourced figure."""
    sections: dict[str, type[BaseModel]] = {
        "team": Team, "operations": Operations, "reliability": Reliability,
        "thresholds": Thresholds,
    }
    return {
        f"{section}.{name}": name
        for section, model in sections.items()
        for name in model.model_fields
        if name in ASSUMPTIONS
    }


FIELD_ASSUMPTIONS: dict[str, str] = _assumption_fields()
_ASSUMPTION_FIELD = {v: k for k, v in FIELD_ASSUMPTIONS.items()}


def field_for_assumption(assumption_id: str) -> str | None:
    """The scenario field that sets ``assumption_id`` directly, if there is one."""
    return _ASSUMPTION_FIELD.get(assumption_id)
