"""Facts about gateway products, each with its evidence: plans, prices and capabilities.

A product (a SaaS gateway or an open-source one) has plans; each plan has its own price schedule
and its own capabilities. Every claim carries the vendor's own source (docs, pricing page,
repository, changelog), the date it was read and the short passage it rests on. A claim without
them is *unverified*: a capability claimed that way counts as not met, and outputs say so.

The bundled facts are data files of the package (``gateway_roi/facts/*.yaml``), read once and
validated by the models here; a team's own facts (``--facts FILE``: a quote, a vendor not
listed, an internal price list) are merged over them with :func:`merge`, each keeping its
origin. Pure apart from reading those bundled files; nothing here reads the clock: ages are
measured from a date the caller gives.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from gateway_roi.needs import NEEDS

__all__ = [
    "CAPABILITIES",
    "NATIVE_API_KEYS",
    "PRODUCT_FACTS",
    "ROUTING_KEYS",
    "Capability",
    "Claim",
    "ClaimRow",
    "Estimate",
    "FactBook",
    "Limits",
    "Plan",
    "PriceSchedule",
    "Product",
    "Source",
    "Tier",
    "bundled_facts",
    "merge",
    "parse_age",
    "plan_claims",
]

ROUTING_KEYS = ("user_tier", "region", "cost_budget", "business_context")
NATIVE_API_KEYS = ("files", "batch", "fine_tuning", "realtime", "multimodal")
PRODUCT_FACTS = ("private_endpoints", "data_contract")
"""Facts of a scenario a product must offer: reach to the team's private endpoints (models it
runs itself), and a data-processing contract with region pinning (or a data plane in the team's
network)."""
CAPABILITIES: tuple[str, ...] = (
    *(n.capability for n in NEEDS if n.capability is not None),
    *(f"routing.{k}" for k in ROUTING_KEYS),
    *(f"native.{k}" for k in NATIVE_API_KEYS),
    *PRODUCT_FACTS,
)
"""Every capability a plan's claims may name: governance needs (their registry capability key),
``routing.<kind>``, ``native.<api>`` and the product facts."""
Capability = str

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OWN_DOCUMENTS = ("quote", "contract", "internal")
_AGGREGATORS = ("api-evangelist", "apis.io", "g2.com", "capterra", "medium.com", "substack",
                "reddit.com", "news.ycombinator")
"""Hosts and names of summaries and aggregators: never the source of a claim about a vendor."""


def _on_hosts(url: str, domains: Iterable[str]) -> bool:
    """Whether ``url`` sits on one of the vendor's own hosts or repositories."""
    lowered = url.casefold()
    return any(d.casefold() in lowered for d in domains)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Source(_Model):
    """Where claims come from: the vendor's own page or repository, read on a date."""

    url: str = Field(min_length=8, max_length=500,
                     description="The vendor's own page (https://...) or repository file.")
    kind: Literal["docs", "pricing", "repository", "changelog", "quote", "contract",
                  "internal"] = "docs"
    """``quote``, ``contract`` and ``internal`` are a team's own documents (a quote a vendor
    sent, a signed contract, an internal price list): they need not sit on the vendor's hosts."""
    version: str = Field("", max_length=200,
                         description="The page's date or the repository commit read.")
    read: str = Field(description="The date it was read, YYYY-MM-DD.")

    @field_validator("read", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> str:
        if isinstance(value, dt.date):  # YAML's own date type, in the bundled files
            value = value.isoformat()
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")
        if not _DATE.fullmatch(value):
            raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")
        dt.date.fromisoformat(value)
        return value

    @field_validator("url")
    @classmethod
    def _not_an_aggregator(cls, value: str) -> str:
        lowered = value.casefold()
        found = next((a for a in _AGGREGATORS if a in lowered), None)
        if found:
            raise ValueError(f"{value} is an aggregator or summary ({found}): cite the vendor's "
                             "own docs, pricing page or repository, or mark the claim unverified")
        return value

    @model_validator(mode="after")
    def _on_the_vendors_hosts(self, info: ValidationInfo) -> Source:
        # Checked here, with the product's domains passed as context (Product.read), so that
        # a bad url is reported at its own line; Product checks it again without context.
        domains = (info.context or {}).get("domains")
        if domains and self.kind not in _OWN_DOCUMENTS and not _on_hosts(self.url, domains):
            raise ValueError(f"{self.url} is not on the vendor's own hosts "
                             f"({', '.join(domains)})")
        return self


class Claim(_Model):
    """One fact: its value and the evidence it rests on (or why it is unverified)."""

    value: Any
    source: str | None = Field(None, description="A key of the product's sources.")
    passage: str = Field("", max_length=400, description="The short passage it rests on.")
    unverified: str = Field("", max_length=400,
                            description="Why no vendor source backs it (it then counts as not "
                                        "met, or its price as an estimate).")
    note: str = Field("", max_length=600)

    @field_validator("source")
    @classmethod
    def _a_known_source(cls, value: str | None, info: ValidationInfo) -> str | None:
        # With the product's source keys as context (Product.read): reported at this line.
        known = (info.context or {}).get("sources")
        if value is not None and known is not None and value not in known:
            raise ValueError(f"source {value!r} is not among the product's sources ("
                             + (", ".join(known) or "none given") + ")")
        return value

    @model_validator(mode="after")
    def _evidence_or_reason(self) -> Claim:
        if self.source is None and not self.unverified:
            raise ValueError("a claim needs a source (and its passage) or an 'unverified' reason")
        if self.source is not None and not self.passage:
            raise ValueError("a claim with a source needs the passage it rests on")
        return self

    @property
    def verified(self) -> bool:
        """Backed by the vendor's own source and passage."""
        return self.source is not None and not self.unverified


MOST = 1e13
"""The largest number a facts file may write: the most any scenario field allows (requests a
month). Larger fees summed over a horizon reach infinity, which no output can print."""


def _non_negative(value: Any, what: str) -> float:
    """``value`` as a number from 0 to :data:`MOST`, or a ValueError saying what was expected."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a number: {what} is written as a number")
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{value!r} is not a finite number")
    if value < 0:
        raise ValueError(f"{value!r} is negative: {what} is 0 or more")
    if value > MOST:
        raise ValueError(f"{value!r} is more than {MOST:g}: {what} is at most that")
    return float(value)


class Amount(Claim):
    """A claim whose value is a money amount or a volume (USD a month, requests, GB, days)."""

    @field_validator("value")
    @classmethod
    def _amount(cls, value: Any) -> Any:
        _non_negative(value, "an amount or a volume")
        return value


class Tiers(Claim):
    """A claim whose value is graduated tiers: ``[{up_to: 3000000, rate: 90}, ...]``."""

    @field_validator("value")
    @classmethod
    def _tiers(cls, value: Any) -> Any:
        if not isinstance(value, list) or not value:
            raise ValueError("write tiers as a list: [{up_to: 3000000, rate: 90}, {up_to: null, "
                             "rate: 60}]")
        for tier in value:
            if not isinstance(tier, dict) or "rate" not in tier or set(tier) - {"up_to", "rate"}:
                raise ValueError(f"{tier!r} is not a tier: write {{up_to: <number or null>, "
                                 "rate: <number>}")
            _non_negative(tier["rate"], "a tier's rate")
            if tier.get("up_to") is not None:
                _non_negative(tier["up_to"], "a tier's up_to")
        return value


class FeePer(Claim):
    """A claim whose value is ``{fee, included}``: a monthly fee per model or per gateway."""

    @field_validator("value")
    @classmethod
    def _fee_per(cls, value: Any) -> Any:
        if not isinstance(value, dict) or "fee" not in value or set(value) - {"fee", "included"}:
            raise ValueError("write {fee: <USD a month>, included: <how many the plan includes>}")
        _non_negative(value["fee"], "the fee")
        if "included" in value:
            _non_negative(value["included"], "included")
        return value


class Share(Claim):
    """A claim whose value is a share of the provider bill: ``0.055`` or ``{rate, free_requests}``."""

    @field_validator("value")
    @classmethod
    def _share(cls, value: Any) -> Any:
        rate = value.get("rate") if isinstance(value, dict) else value
        if isinstance(value, dict) and set(value) - {"rate", "free_requests"}:
            raise ValueError("write a share (0.055) or {rate: 0.05, free_requests: 1000000}")
        if _non_negative(rate, "a share of spend") > 1:
            raise ValueError(f"{rate!r} is more than 1: write a share of spend as a fraction "
                             "(0.055 for 5.5%)")
        if isinstance(value, dict) and "free_requests" in value:
            _non_negative(value["free_requests"], "free_requests")
        return value


class Tier(_Model):
    """A step of a graduated price: up to ``up_to`` units (None: no end), at ``rate`` each."""

    up_to: float | None = Field(None, ge=0, le=MOST)
    rate: float = Field(ge=0, le=MOST)


class Estimate(_Model):
    """Our estimate of an unpublished price (quote needed): a range, with its reasoning."""

    low: float = Field(ge=0, le=MOST)
    likely: float = Field(ge=0, le=MOST)
    high: float = Field(ge=0, le=MOST)
    reasoning: str = Field(min_length=10, max_length=800)

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        if not self.low <= self.likely <= self.high:
            raise ValueError("an estimate needs low <= likely <= high")
        return self


class PriceSchedule(_Model):
    """A plan's price in US dollars a month. Every fee a schedule names is charged.

    ``base_fee`` plus requests beyond ``included_requests`` at ``usage`` (per million, graduated)
    plus ``percent_of_spend`` of the provider bill, plus ``per_model`` for each model beyond the
    included ones, ``per_gateway`` for each gateway (one per environment), and log volume:
    ``log_ingest`` per GB of logs a month, ``log_storage`` per GB-month kept. Beyond
    ``published_up_to`` requests a month the vendor quotes: the usage price is extrapolated at
    its last rate (quote needed). ``quote`` is our estimate when the plan's price is not
    published at all.
    """

    base_fee: Amount | None = None
    included_requests: Amount | None = None
    usage: Tiers | None = Field(None, description="A list of tiers, per million requests.")
    published_up_to: Amount | None = None
    percent_of_spend: Share | None = None
    per_model: FeePer | None = Field(None, description="{fee, included}: a monthly fee per model.")
    per_gateway: FeePer | None = Field(None, description="{fee, included}: a monthly fee per "
                                                          "gateway or control plane.")
    log_ingest: Tiers | None = Field(None, description="A list of tiers, per GB a month.")
    log_storage: Tiers | None = Field(None, description="A list of tiers, per GB-month stored.")
    log_retention_days: Amount | None = None
    licence: Amount | None = Field(None, description="A monthly licence (an open-source "
                                                      "gateway's paid edition).")
    quote: Estimate | None = Field(None, description="Our estimate when no price is published.")

    @property
    def by_estimate(self) -> bool:
        """Priced only by our estimate: a ``quote`` and no fee item (retention is no fee)."""
        return self.quote is not None and not any(
            getattr(self, k) is not None for k in type(self).model_fields
            if k not in ("quote", "log_retention_days"))


class Limits(_Model):
    """A plan's limits that are not prices. The named ones are applied; any other is stated.

    ``requests_per_month_cap`` is a hard cap on requests: ``auto`` does not price a plan capped
    below the scenario's traffic. ``log_ingest_per_day_gb`` and ``log_ingest_per_month_gb`` cap
    the request logs the plan keeps (the vendor stops ingesting beyond them, with no overage):
    below the scenario's log volume, the plan cannot meet a need that rests on its logs (see
    :data:`gateway_roi.needs.GovernanceNeed.rests_on_logs`). Any other limit (users, seats, a
    count of stored logs on a legacy plan) is listed, with its source, but not applied.
    """

    model_config = ConfigDict(extra="allow", frozen=True, allow_inf_nan=False)
    __pydantic_extra__: dict[str, Claim]

    requests_per_month_cap: Amount | None = Field(
        None, description="Requests a month beyond which the plan stops (a hard cap).")
    log_ingest_per_day_gb: Amount | None = Field(
        None, description="GB of request logs a day the plan ingests at most (no overage).")
    log_ingest_per_month_gb: Amount | None = Field(
        None, description="GB of request logs a month the plan ingests at most (no overage).")

    def items(self) -> Iterator[tuple[str, Claim]]:
        """Every limit stated, applied or not, with its claim."""
        for key in type(self).model_fields:
            claim = getattr(self, key)
            if claim is not None:
                yield key, claim
        yield from (self.__pydantic_extra__ or {}).items()


class Plan(_Model):
    """One plan (or edition) of a product: its price and what it can do."""

    name: str = Field(min_length=1, max_length=120)
    edition: Literal["free", "paid"] = "paid"
    price: PriceSchedule = PriceSchedule()
    capabilities: dict[str, Claim] = Field(default_factory=dict)
    limits: Limits = Field(default_factory=Limits,
                           description="Limits that are not prices (a cap on requests or logs, "
                                       "users, storage caps).")
    includes: str | None = Field(None, description="Another plan of this product whose "
                                                    "capabilities this one has too.")
    notes: str = Field("", max_length=1000)

    @field_validator("capabilities")
    @classmethod
    def _known_capabilities(cls, value: dict[str, Claim]) -> dict[str, Claim]:
        wrong = sorted(set(value) - set(CAPABILITIES))
        if wrong:
            raise ValueError(f"unknown capability {', '.join(wrong)}; allowed: "
                             + ", ".join(CAPABILITIES))
        return value


class Product(_Model):
    """A gateway product: a SaaS gateway or an open-source one, with its plans and sources."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")
    name: str = Field(min_length=1, max_length=120)
    kind: Literal["saas", "open_source"]
    domains: list[str] = Field(min_length=1, description="The vendor's own hosts and "
                                                          "repositories: every source is on one.")
    sources: dict[str, Source] = Field(default_factory=dict)
    plans: dict[str, Plan] = Field(min_length=1)
    notes: str = Field("", max_length=2000)

    @classmethod
    def read(cls, data: Any) -> Product:
        """Validate ``data`` as a product, each problem located at its own field.

        The product's domains and source keys are handed down as context, so that a source off
        the vendor's hosts or a claim naming an unknown source fails at that field, not at the
        product.
        """
        context: dict[str, Any] = {}
        if isinstance(data, Mapping):
            if isinstance(data.get("sources"), Mapping):
                context["sources"] = [str(k) for k in data["sources"]]
            domains = data.get("domains")
            if isinstance(domains, list) and all(isinstance(d, str) for d in domains):
                context["domains"] = domains
        return cls.model_validate(data, context=context)

    @model_validator(mode="after")
    def _consistent(self) -> Product:
        for key, source in self.sources.items():
            if source.kind not in _OWN_DOCUMENTS and not _on_hosts(source.url, self.domains):
                raise ValueError(f"source {key!r} ({source.url}) is not on the vendor's own "
                                 f"hosts ({', '.join(self.domains)})")
        for plan_id, plan in self.plans.items():
            for key, claim in plan_claims(plan):
                if claim.source is not None and claim.source not in self.sources:
                    raise ValueError(f"plans.{plan_id}.{key}: source {claim.source!r} is not "
                                     f"among the product's sources ({', '.join(self.sources)})")
            if plan.includes is not None and plan.includes not in self.plans:
                raise ValueError(f"plans.{plan_id}.includes: no plan {plan.includes!r}")
        return self


def plan_claims(plan: Plan) -> Iterator[tuple[str, Claim]]:
    """Every claim of a plan with its dotted key (``capabilities.audit_trail``, ``price.base_fee``)."""
    for key, claim in plan.capabilities.items():
        yield f"capabilities.{key}", claim
    for key, claim in plan.limits.items():
        yield f"limits.{key}", claim
    for key in PriceSchedule.model_fields:
        claim = getattr(plan.price, key)
        if isinstance(claim, Claim):
            yield f"price.{key}", claim


@dataclass(frozen=True)
class ClaimRow:
    """One claim as a reader lists it: which product and plan, its value and evidence."""

    product: str
    plan: str
    key: str
    value: Any
    verified: bool
    source_url: str
    source_version: str
    read: str
    passage: str
    unverified: str
    note: str
    origin: str
    """``bundled`` or the facts file the claim came from."""
    estimate: bool = False
    """Our estimate of a price no vendor publishes (``price.quote``): quote needed."""

    def age_days(self, today: dt.date) -> int | None:
        """Days since the claim was read (None when no date is known)."""
        return (today - dt.date.fromisoformat(self.read)).days if self.read else None


@dataclass(frozen=True)
class FactBook:
    """All the products the tool knows, and where each came from (bundled or a facts file)."""

    products: Mapping[str, Product]
    origins: Mapping[str, str]
    """Where facts came from, most specific first: ``product/plan/claim`` (a claim a facts file
    states), ``product/plan`` (a plan it added whole), ``product`` (a product it added whole)
    -> that file; anything else is ``bundled``."""
    memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """What is worked out from the products once per book (the plans as offers): the products
    never change, so the cost model need not rebuild it at every evaluation."""

    def saas(self) -> tuple[Product, ...]:
        """The SaaS gateway products, in file order."""
        return tuple(p for p in self.products.values() if p.kind == "saas")

    def open_source(self) -> tuple[Product, ...]:
        """The open-source gateway products, in file order."""
        return tuple(p for p in self.products.values() if p.kind == "open_source")

    def origin(self, product: str, plan: str | None = None, key: str | None = None) -> str:
        """Where a product's, one plan's or one claim's facts come from.

        A file that restates one price item of a bundled plan marks that claim, not the plan.
        """
        if plan is not None and key is not None and f"{product}/{plan}/{key}" in self.origins:
            return self.origins[f"{product}/{plan}/{key}"]
        if plan is not None and f"{product}/{plan}" in self.origins:
            return self.origins[f"{product}/{plan}"]
        return self.origins.get(product, "bundled")

    def rows(self) -> tuple[ClaimRow, ...]:
        """Every claim of every plan, as listed by ``gateway-roi facts``."""
        out: list[ClaimRow] = []
        for product in self.products.values():
            for plan_id, plan in product.plans.items():
                for key, claim in plan_claims(plan):
                    source = product.sources.get(claim.source) if claim.source else None
                    out.append(ClaimRow(
                        product.id, plan_id, key, claim.value, claim.verified,
                        source.url if source else "", source.version if source else "",
                        source.read if source else "", claim.passage, claim.unverified,
                        claim.note, self.origin(product.id, plan_id, key)))
                quote = plan.price.quote
                if quote is not None and plan.price.by_estimate:
                    # Our estimate of an unpublished price is what the option charges: listed
                    # with the claims, as an estimate (no vendor source: quote needed).
                    out.append(ClaimRow(
                        product.id, plan_id, "price.quote",
                        {"low": quote.low, "likely": quote.likely, "high": quote.high}, False,
                        "", "", "", "", quote.reasoning, "",
                        self.origin(product.id, plan_id, "price.quote"), estimate=True))
        return tuple(out)


def merge(base: FactBook, products: Mapping[str, Product], origin: str,
          stated: Mapping[str, Iterable[str]]) -> FactBook:
    """``base`` with ``products`` (already merged with what ``base`` knew of them) in place.

    A product ``base`` lacks is added, with ``origin`` as its source. Of one it has, ``stated``
    (product id -> ``plan`` for a plan the file adds whole, ``plan/claim`` for a claim it states,
    such as ``enterprise/price.base_fee``) are marked as coming from ``origin``; every other claim
    keeps its own origin.
    """
    merged = {**base.products, **products}
    origins = dict(base.origins)
    for pid in products:
        if pid not in base.products:
            origins[pid] = origin
            continue
        for item in stated.get(pid, ()):
            origins[f"{pid}/{item}"] = origin
    return FactBook(merged, origins)


_AGE = re.compile(r"^\s*(\d+)\s*(d|w|m|y)\s*$")


def parse_age(text: str) -> int:
    """``6m`` -> days (months of 30 days, years of 365); ValueError with a message for users."""
    match = _AGE.fullmatch(text.casefold())
    if not match:
        raise ValueError(f"{text!r} is not an age: write a number and d, w, m or y (e.g. 6m)")
    count, unit = int(match.group(1)), match.group(2)
    return count * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]


@functools.cache
def bundled_facts() -> FactBook:
    """The facts shipped with the tool, read once from ``gateway_roi/facts/*.yaml``.

    Product files are read in the order their ``order:`` comment-free list in ``index.yaml``
    gives, so tables list them the same way everywhere.
    """
    from importlib import resources

    import yaml

    folder = resources.files("gateway_roi") / "facts"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    index = yaml.load(folder.joinpath("index.yaml").read_text(encoding="utf-8"), Loader=loader)
    products: dict[str, Product] = {}
    for pid in index["products"]:
        data = yaml.load(folder.joinpath(f"{pid}.yaml").read_text(encoding="utf-8"),
                         Loader=loader)
        products[pid] = Product.read(data)
    return FactBook(products, dict.fromkeys(products, "bundled"))
