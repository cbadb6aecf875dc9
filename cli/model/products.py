"""Which plan an option prices: a SaaS plan for ``buy``, an open-source edition for ``self_host``.

Pure. The facts (:mod:`gateway_roi.model.facts`) become :class:`Offer` objects: what one plan of
one product offers (only verified claims count) and what it costs. This module says what a
scenario requires of a product (governance needs, routing, a data contract, private endpoints,
native APIs), which offers can do it, and what each one's fees come to month by month.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from gateway_roi.model.arrays import is_scalar, maximum, minimum, num
from gateway_roi.model.facts import (
    Claim,
    Estimate,
    FactBook,
    Plan,
    Product,
)
from gateway_roi.model.memo import same_objects
from gateway_roi.model.scenario import NATIVE_APIS, Scenario, data_rules
from gateway_roi.needs import NEEDS, need

__all__ = [
    "FactUse",
    "FeeLine",
    "Offer",
    "PriceBasis",
    "buy_required",
    "candidates",
    "fee_lines",
    "fitted",
    "offers",
    "peak_log_gb",
    "peak_requests",
    "required_native",
    "required_needs",
]

_ON_LOGS = frozenset(n.capability for n in NEEDS if n.rests_on_logs and n.capability)
"""Capabilities a product meets with its request logs (the registry's ``rests_on_logs``)."""

PriceBasis = Literal["published", "unverified", "quote"]
"""What a plan's price rests on: the vendor's published schedule, figures no vendor page backs
(an aggregator's copy), or our estimate because no price is published (quote needed)."""


@dataclass(frozen=True)
class FactUse:
    """A claim the verdict read: which product and plan, the value, and its evidence."""

    product: str
    plan: str
    key: str
    value: Any
    verified: bool
    read: str
    source: str
    origin: str
    estimate: bool = False
    """Our estimate of a price no vendor publishes (``price.quote``): quote needed."""


@dataclass(frozen=True)
class Offer:
    """One plan of one product, as the cost model reads it."""

    product: str
    plan: str
    name: str
    kind: Literal["saas", "open_source"]
    edition: Literal["free", "paid"]
    offers: frozenset[str]
    """Capabilities a vendor source backs (needs, ``routing.<kind>``, ``native.<api>``,
    ``private_endpoints``, ``data_contract``)."""
    unverified: frozenset[str]
    """Capabilities claimed without a vendor source: they count as not met."""
    base_fee: float
    included_requests: float
    usage: tuple[tuple[float | None, float], ...]
    """Graduated (up to requests, USD per million) beyond the included requests."""
    published_up_to: float | None
    percent_of_spend: float
    percent_free_requests: float
    per_model: tuple[float, float] | None
    """(USD a month per model, models included)."""
    per_gateway: tuple[float, float] | None
    log_ingest: tuple[tuple[float | None, float], ...]
    """Graduated (up to GB, USD per GB) of logs ingested a month."""
    log_storage: tuple[tuple[float | None, float], ...]
    log_retention_days: float
    licence: float | None
    quote: Estimate | None
    request_cap: float | None
    """Requests a month beyond which the plan does not apply (a hard cap, not an allowance)."""
    log_cap_gb: float | None
    """GB of request logs a month beyond which the plan ingests no more (the tighter of its
    daily cap over a month and its monthly cap; no overage)."""
    price_basis: PriceBasis
    facts: tuple[FactUse, ...]
    origin: str
    log_capped: frozenset[str] = frozenset()
    """Capabilities its claims offer that the scenario's log volume takes away (the plan's log
    cap is below it; :func:`fitted`)."""

    @property
    def key(self) -> str:
        """``product/plan``: the offer's id, unique across the facts."""
        return f"{self.product}/{self.plan}"

    @property
    def needs(self) -> frozenset[str]:
        """Governance capabilities met."""
        return frozenset(k for k in self.offers if "." not in k
                         and k not in ("private_endpoints", "data_contract"))

    @property
    def routing(self) -> frozenset[str]:
        """Routing kinds it can express."""
        return frozenset(k.removeprefix("routing.") for k in self.offers
                         if k.startswith("routing."))

    @property
    def native_apis(self) -> frozenset[str]:
        """Provider-native APIs it passes through."""
        return frozenset(k.removeprefix("native.") for k in self.offers if k.startswith("native."))

    def fact(self, key: str) -> FactUse | None:
        """The claim behind ``key`` (``capabilities.audit_trail``, ``price.base_fee``)."""
        return next((f for f in self.facts if f.key == key), None)


DAYS_PER_MONTH = 365 / 12
_LOG_CAPS: Mapping[str, float] = {"log_ingest_per_day_gb": DAYS_PER_MONTH,
                                  "log_ingest_per_month_gb": 1.0}
"""The log caps a plan's limits may state, and what turns each into GB a month."""


def _number(claim: Claim | None, default: float = 0.0) -> float:
    if claim is None or claim.value is None:
        return default
    return float(claim.value)


def _tiers(claim: Claim | None) -> tuple[tuple[float | None, float], ...]:
    if claim is None:
        return ()
    return tuple((None if t.get("up_to") is None else float(t["up_to"]), float(t["rate"]))
                 for t in claim.value)


def _pair(claim: Claim | None) -> tuple[float, float] | None:
    if claim is None:
        return None
    return float(claim.value["fee"]), float(claim.value.get("included", 0))


def _capabilities(product: Product, plan: Plan) -> dict[str, tuple[str, Claim]]:
    """The plan's capability claims, with those of the plans it includes (its own win)."""
    chain: list[tuple[str, Plan]] = []
    current: Plan | None = plan
    seen: set[str] = set()
    plan_id = next(k for k, v in product.plans.items() if v is plan)
    while current is not None and plan_id not in seen:
        seen.add(plan_id)
        chain.append((plan_id, current))
        plan_id = current.includes or ""
        current = product.plans.get(plan_id) if current.includes else None
    merged: dict[str, tuple[str, Claim]] = {}
    for owner, p in reversed(chain):
        merged.update({k: (owner, c) for k, c in p.capabilities.items()})
    return merged


def _offer(book: FactBook, product: Product, plan_id: str) -> Offer:
    plan = product.plans[plan_id]
    origin = book.origin(product.id, plan_id)
    uses: list[FactUse] = []

    def use(owner: str, key: str, claim: Claim) -> None:
        source = product.sources.get(claim.source) if claim.source else None
        uses.append(FactUse(product.id, owner, key, claim.value, claim.verified,
                            source.read if source else "", source.url if source else "",
                            book.origin(product.id, owner, key)))

    offered: set[str] = set()
    unverified: set[str] = set()
    for key, (owner, claim) in _capabilities(product, plan).items():
        use(owner, f"capabilities.{key}", claim)
        if claim.value is True:
            (offered if claim.verified else unverified).add(key)
    price = plan.price
    claims = {k: getattr(price, k) for k in type(price).model_fields if k != "quote"}
    for key, claim in claims.items():
        if isinstance(claim, Claim):
            use(plan_id, f"price.{key}", claim)
    # What the price rests on: the fee items (retention is no fee).
    named = [c for k, c in claims.items() if isinstance(c, Claim) and k != "log_retention_days"]
    basis: PriceBasis = ("quote" if price.quote is not None and not named
                         else "unverified" if any(not c.verified for c in named)
                         else "published")
    if price.quote is not None and basis == "quote":
        # Our estimate is what the option charges: a fact the verdict reads, unverified.
        estimate = price.quote
        uses.append(FactUse(product.id, plan_id, "price.quote",
                            {"low": estimate.low, "likely": estimate.likely,
                             "high": estimate.high}, False, "",
                            "", book.origin(product.id, plan_id, "price.quote"), estimate=True))
    limits = plan.limits
    for key in ("requests_per_month_cap", *_LOG_CAPS):
        claim = getattr(limits, key)
        if claim is not None:
            use(plan_id, f"limits.{key}", claim)
    caps = [float(c.value) * scale for key, scale in _LOG_CAPS.items()
            if (c := getattr(limits, key)) is not None]
    spend = price.percent_of_spend
    spend_rate, spend_free = 0.0, 0.0
    if spend is not None:
        if isinstance(spend.value, Mapping):
            spend_rate = float(spend.value["rate"])
            spend_free = float(spend.value.get("free_requests", 0))
        else:
            spend_rate = float(spend.value)
    return Offer(
        product=product.id, plan=plan_id, name=plan.name, kind=product.kind,
        edition=plan.edition, offers=frozenset(offered), unverified=frozenset(unverified),
        base_fee=_number(price.base_fee), included_requests=_number(price.included_requests),
        usage=_tiers(price.usage),
        published_up_to=(None if price.published_up_to is None
                         else _number(price.published_up_to)),
        percent_of_spend=spend_rate, percent_free_requests=spend_free,
        per_model=_pair(price.per_model), per_gateway=_pair(price.per_gateway),
        log_ingest=_tiers(price.log_ingest), log_storage=_tiers(price.log_storage),
        log_retention_days=_number(price.log_retention_days, 30.0),
        licence=None if price.licence is None else _number(price.licence),
        quote=price.quote,
        request_cap=(None if limits.requests_per_month_cap is None
                     else _number(limits.requests_per_month_cap)),
        log_cap_gb=min(caps) if caps else None,
        price_basis=basis, facts=tuple(uses), origin=origin)


def offers(book: FactBook, kind: Literal["saas", "open_source"]) -> tuple[Offer, ...]:
    """Every plan of every product of ``kind``, in the facts' order (worked out once per book)."""
    found: tuple[Offer, ...] | None = book.memo.get(("offers", kind))
    if found is None:
        found = tuple(_offer(book, product, plan_id)
                      for product in (book.saas() if kind == "saas" else book.open_source())
                      for plan_id in product.plans)
        book.memo[("offers", kind)] = found
    return found


@same_objects
def required_needs(scenario: Scenario) -> tuple[frozenset[str], frozenset[str]]:
    """(required governance needs a gateway product can meet, required routing)."""
    # Compliance is no product feature: it is judged by where data may go.
    needs = frozenset(need(k).capability or k for k, lvl in scenario.needs.governance
                      if lvl == "required" and need(k).capability is not None)
    routing = frozenset(k for k, lvl in scenario.needs.routing if lvl == "required")
    return needs, routing


@same_objects
def buy_required(scenario: Scenario) -> frozenset[str]:
    """What a SaaS plan must offer beyond the routing: the required needs and the facts.

    ``data_contract`` when a third-party gateway may see data only under contract;
    ``private_endpoints`` when a provider is one the team runs itself.
    """
    needs, _ = required_needs(scenario)
    extra = set()
    if data_rules(scenario)[1] == "under_contract":
        extra.add("data_contract")
    if any(p.self_hosted for p in scenario.providers.in_use):
        extra.add("private_endpoints")
    return needs | extra


@same_objects
def required_native(scenario: Scenario) -> frozenset[str]:
    """Provider-native APIs the scenario requires."""
    apis = scenario.needs.native_apis
    return frozenset(k for k in NATIVE_APIS if getattr(apis, k) == "required")


@same_objects
def candidates(scenario: Scenario, pool: Iterable[Offer], *, saas: bool,
               chosen_product: str, chosen_plan: str) -> tuple[tuple[Offer, ...], str]:
    """The offers an option compares, and why those: the scenario's choice, else the capable.

    ``auto`` takes the offers that meet every requirement and routing; when none does, those
    that meet the requirements; then (SaaS) those that offer the scenario's facts (a data
    contract, private endpoints); then all, so the option shows what none covers. The cheapest
    of them by total cost is priced (:mod:`gateway_roi.model.costs` compares them).
    """
    pool = tuple(fitted(o, scenario) for o in pool)
    peak = peak_requests(scenario)
    if chosen_product == "auto":
        # A plan capped below the traffic does not apply (the team would have to move up).
        pool = tuple(o for o in pool if o.request_cap is None or o.request_cap >= peak) or pool
    if chosen_product != "auto":
        pool = tuple(o for o in pool if o.product == chosen_product)
        if chosen_plan != "auto":
            pool = tuple(o for o in pool if o.plan == chosen_plan)
            return pool, f"chosen in the scenario ({'buy' if saas else 'self_host'}.plan)"
    needs, routing = required_needs(scenario)
    wanted = buy_required(scenario) if saas else needs
    supported = scenario.buy.routing_supported if saas else None

    def routes(o: Offer) -> frozenset[str]:
        return frozenset(supported) if supported is not None else o.routing

    meets = [o for o in pool if wanted <= o.offers]
    both = [o for o in meets if routing <= routes(o)]
    facts = wanted - needs
    reachable = [o for o in pool if facts <= o.offers]
    where = ("chosen product's plans, " if chosen_product != "auto" else "")
    if both:
        return tuple(both), where + "cheapest plan that meets every required need and routing"
    if meets:
        return tuple(meets), (where + "cheapest plan that meets every required need; none "
                              "expresses the required routing")
    if facts and reachable:
        return tuple(reachable), (where + "cheapest plan that offers "
                                  + " and ".join(sorted(facts)).replace("_", " ")
                                  + "; none meets every required need")
    return pool, where + "cheapest plan; none meets every required need"


@same_objects
def peak_log_gb(scenario: Scenario) -> float:
    """GB of request logs in the horizon's last month, at the scenario's likely values.

    The peak month's requests times ``log_kb_per_request`` (the scenario's ``assumptions:``
    value, else the default).
    """
    from gateway_roi.model.assumptions import ASSUMPTIONS

    written = scenario.assumptions.get("log_kb_per_request")
    kb = (float(written.likely) if written is not None
          else ASSUMPTIONS["log_kb_per_request"].value)
    return peak_requests(scenario) * kb / 1e6


def fitted(offer: Offer, scenario: Scenario) -> Offer:
    """``offer`` as it serves ``scenario``: without the needs its log cap takes away.

    When the plan's log cap is below the scenario's log volume, the vendor stops ingesting at
    the cap, so the record of who called what ends there.

    Which needs rest on logs is the registry's ``rests_on_logs``. The plan is then no capable
    plan for them: ``auto`` picks among the others, and a plan chosen in the scenario shows the
    need as a gap.
    """
    if offer.log_cap_gb is None or offer.log_cap_gb >= peak_log_gb(scenario):
        return offer
    lost = frozenset(k for k in offer.offers if k in _ON_LOGS)
    if not lost:
        return offer
    return replace(offer, offers=offer.offers - lost, log_capped=lost)


@same_objects
def peak_requests(scenario: Scenario) -> float:
    """Monthly requests in the horizon's last month, at the scenario's likely values."""
    org = scenario.organisation
    growth = 1.0 + org.traffic_growth_per_year.likely
    return float(org.monthly_requests.likely * growth ** ((scenario.horizon_months - 1) / 12))


def _graduated(quantity: Any, tiers: tuple[tuple[float | None, float], ...],
               start: float = 0.0, per: float = 1.0) -> Any:
    """The price of ``quantity`` units at graduated ``tiers`` beyond ``start`` (rates per ``per``)."""
    total: Any = 0.0
    previous = start
    if is_scalar(quantity):
        # The same sums with the built-in min and max: this runs for every plan, every month
        # and every tier of each evaluation, where a helper call per step costs more than the sum.
        for up_to, rate in tiers:
            if quantity <= previous:
                break  # this tier and every one above it add nothing (0.0)
            top = quantity if up_to is None else min(quantity, up_to)
            total = total + max(top - previous, 0.0) * rate / per
            if up_to is not None:
                previous = max(previous, up_to)
        return total
    if tiers and type(quantity).__name__ == "ndarray":
        return _graduated_array(quantity, tiers, start, per)
    for up_to, rate in tiers:
        top = quantity if up_to is None else minimum(quantity, up_to)
        total = total + maximum(top - previous, 0.0) * rate / per
        if up_to is not None:
            previous = max(previous, up_to)
    return total


def _graduated_array(quantity: Any, tiers: tuple[tuple[float | None, float], ...],
                     start: float, per: float) -> Any:
    """:func:`_graduated` of an array (draws, cells): the same sums, element by element, in place.

    Each step writes into one scratch array and one total instead of a new array per step. The
    rates are non-negative, so a tier no element reaches adds +0.0 to each total (nothing): it
    and those above are skipped. (A month at a time: one array of 10,000 draws stays in the
    processor's cache, where all 36 months at once would not.)
    """
    import numpy as np

    total = np.zeros(quantity.shape)
    step = np.empty(quantity.shape)
    previous = start
    most = quantity.max()
    for up_to, rate in tiers:
        if most <= previous:
            break
        if up_to is None:
            np.subtract(quantity, previous, out=step)
        else:
            np.minimum(quantity, up_to, out=step)
            step -= previous
        np.maximum(step, 0.0, out=step)
        step *= rate
        step /= per
        total += step
        if up_to is not None:
            previous = max(previous, up_to)
    return total


_STACKED_MOST = 100_000
"""Elements (months x scenarios) graduated in one pass; more (draws) go a month at a time."""


def _graduated_each(quantities: list[Any], tiers: tuple[tuple[float | None, float], ...],
                    start: float = 0.0, per: float = 1.0) -> list[Any]:
    """:func:`_graduated` of each quantity (a plan's fee month by month), the same sums.

    For plain numbers its loop is written out here: it runs for every month and tier of every
    plan priced, several plans an evaluation, where a call per month costs more than the sum.
    """
    if not all(map(is_scalar, quantities)):
        first: Any = quantities[0] if quantities else None
        if (tiers and type(first).__name__ == "ndarray"
                and len(quantities) * first.size <= _STACKED_MOST
                and all(type(q) is type(first) and q.shape == first.shape for q in quantities)):
            # Few elements (a batch's scenarios, not 10,000 draws): every month in one pass,
            # the same sums element by element, instead of a pass of small steps per month.
            import numpy as np

            return list(_graduated_array(np.stack(quantities), tiers, start, per))
        return [_graduated(q, tiers, start, per) for q in quantities]
    steps = _tier_steps(tiers, start, per)
    if steps is None or not all(q == q for q in quantities):  # (a NaN takes the loop)
        return [_graduated(q, tiers, start, per) for q in quantities]
    starts, below = steps
    out: list[Any] = []
    for quantity in quantities:
        # The tiers before the one the quantity ends in are full: their sum is ``below``,
        # added in the loop's order; the last one is priced as the loop prices it.
        reached = bisect.bisect_left(starts, quantity)
        if not reached:
            out.append(0.0)
            continue
        up_to, rate = tiers[reached - 1]
        top = quantity if up_to is None else min(quantity, up_to)
        out.append(below[reached - 1] + max(top - starts[reached - 1], 0.0) * rate / per)
    return out


@functools.lru_cache(maxsize=256)
def _tier_steps(tiers: tuple[tuple[float | None, float], ...], start: float, per: float
                ) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """Where each tier starts, and the sum of the full tiers below it, as :func:`_graduated` adds.

    :func:`_graduated` of a quantity adds, tier by tier, each full tier's price and then the part
    of the tier it ends in, stopping at the first tier that starts at or above it. A tier's
    start does not depend on the quantity, nor does a full tier's price, so the sums of the
    full tiers are the same for every quantity: worked out once here, in the same order, they
    are the same numbers; a quantity then needs its tier (a bisection) and one step. None when
    a tier without an end is not the last (the loop is taken then).
    """
    starts: list[float] = []
    below: list[float] = []
    total = 0.0
    previous = start
    for i, (up_to, rate) in enumerate(tiers):
        starts.append(previous)
        below.append(total)
        if up_to is None:
            if i != len(tiers) - 1:
                return None
            break
        total = total + max(up_to - previous, 0.0) * rate / per
        previous = max(previous, up_to)
    return tuple(starts), tuple(below)


@dataclass(frozen=True)
class FeeLine:
    """One fee of a plan, month by month, with how it is computed."""

    id: str
    label: str
    formula: str
    inputs: tuple[str, ...]
    monthly: list[Any]
    kind: Literal["up_front", "standing"] = "standing"
    total: Any = None
    """The present value of ``monthly``, when it is already known (else worked out from it)."""


def fee_lines(offer: Offer, requests: list[Any], spend: list[Any], usd_rate: Any, *,
              models: float, gateways: float, log_kb_per_request: Any,
              sums: dict[Any, list[Any]] | None = None,
              beyond_share: Any = 1.0) -> list[FeeLine]:
    """Every fee a plan's schedule names, month by month, in the scenario currency.

    The usage price beyond the schedule's last bound is extrapolated at ``beyond_share`` of the
    last published rate (``beyond_schedule_rate_share``, our estimate; the outputs say a quote
    is needed). A plan priced only by our estimate has no lines here: the
    option charges the estimate (an input) instead. ``sums``: graduated sums already worked
    out for other plans of the same ``requests`` and ``log_kb_per_request`` (plans of one
    vendor often share a schedule and differ by their base fee), shared with them.
    """

    def each(key: tuple[Any, ...], quantities: Callable[[], list[Any]],
             tiers: tuple[tuple[float | None, float], ...], start: float = 0.0,
             per: float = 1.0) -> list[Any]:
        if sums is None:
            return _graduated_each(quantities(), tiers, start, per)
        found = sums.get((*key, tiers, start, per))
        if found is None:
            found = sums[(*key, tiers, start, per)] = _graduated_each(quantities(), tiers,
                                                                     start, per)
        return found

    def gbs() -> list[Any]:
        if sums is None:
            return [r * log_kb_per_request / 1e6 for r in requests]
        found = sums.get(("gb",))
        if found is None:
            found = sums[("gb",)] = [r * log_kb_per_request / 1e6 for r in requests]
        return found

    lines: list[FeeLine] = []
    usage_named = offer.base_fee or offer.usage or offer.included_requests
    if usage_named or offer.percent_of_spend:
        usage = offer.usage
        # Beyond the schedule the vendor quotes: carry on at its last published rate, then take
        # off what our estimate of the quoted rate's share (under 1) leaves out (EST).
        extrapolated = bool(usage) and usage[-1][0] is not None
        beyond_from, last_rate = 0.0, 0.0
        if extrapolated:
            last_bound, last_rate = usage[-1]
            beyond_from = max(float(last_bound or 0.0), offer.included_requests)
            usage = (*usage, (None, last_rate))
        discounted = extrapolated and not (is_scalar(beyond_share) and beyond_share == 1.0)
        monthly = []
        usage_fees = each(("requests",), lambda: requests, usage, offer.included_requests, 1e6)
        for r, s, fee in zip(requests, spend, usage_fees, strict=True):
            if discounted:
                fee = fee - (maximum(r - beyond_from, 0.0) * last_rate / 1e6
                             * (1.0 - beyond_share))
            amount = (offer.base_fee + fee) * usd_rate
            if offer.percent_of_spend:
                share = (1.0 if not offer.percent_free_requests else
                         maximum(r - offer.percent_free_requests, 0.0) / maximum(r, 1e-9))
                amount = amount + offer.percent_of_spend * s * share
            monthly.append(amount)
        parts = []
        if offer.base_fee:
            parts.append(f"{offer.base_fee:g} USD a month")
        if offer.usage:
            parts.append(f"requests beyond {offer.included_requests:,.0f} at "
                         + ", then ".join(f"{rate:g} USD per million"
                                          + (f" up to {up:,.0f}" if up is not None else "")
                                          for up, rate in offer.usage))
        if offer.percent_of_spend:
            parts.append(f"{offer.percent_of_spend:.1%} of monthly_provider_spend"
                         + (f" beyond the first {offer.percent_free_requests:,.0f} requests"
                            if offer.percent_free_requests else ""))
        # Requests beyond the schedule make our estimate of the quoted rate an input (so it
        # is sampled); within it, nothing reads the estimate.
        reaches = extrapolated and any(not is_scalar(r) or r > beyond_from for r in requests)
        if reaches:
            parts.append(f"beyond {beyond_from:,.0f} requests, beyond_schedule_rate_share x the "
                         "last published rate (QUOTE NEEDED)")
        lines.append(FeeLine("fees", f"{offer.name} fees", " + ".join(parts) + "; applied "
                             "to monthly_requests and monthly_provider_spend as they grow",
                             ("monthly_requests", "monthly_provider_spend",
                              "traffic_growth_per_year",
                              *(("beyond_schedule_rate_share",) if reaches else ())), monthly))
    if not lines:
        lines.append(FeeLine("fees", f"{offer.name} fees", "no fee at this volume (the plan is "
                             "free)", (), [0.0] * len(requests)))
    if offer.per_model is not None:
        fee, included = offer.per_model
        extra = maximum(models - included, 0.0)
        lines.append(FeeLine("fees_models", f"{offer.name}: fee per model",
                             f"{fee:g} USD a month x (models in use ({num(models, 'g')}: providers x "
                             f"models_per_provider) - {included:g} included)",
                             ("models_per_provider",), [fee * extra * usd_rate] * len(requests)))
    if offer.per_gateway is not None:
        fee, included = offer.per_gateway
        extra = max(gateways - included, 0.0)
        lines.append(FeeLine("fees_gateways", f"{offer.name}: fee per gateway",
                             f"{fee:g} USD a month x ({gateways:g} gateways, one per "
                             f"environment - {included:g} included)", (),
                             [fee * extra * usd_rate] * len(requests)))
    if offer.log_ingest or offer.log_storage:
        months_kept = offer.log_retention_days / 30.0
        monthly = [(ingest + kept) * usd_rate for ingest, kept in zip(
            each(("gb",), gbs, offer.log_ingest),
            each(("gb kept", months_kept), lambda: [gb * months_kept for gb in gbs()],
                 offer.log_storage), strict=True)]
        lines.append(FeeLine("fees_logs", f"{offer.name}: request logs",
                             "monthly_requests x log_kb_per_request / 1,000,000 KB per GB, "
                             "priced per GB ingested"
                             + (f" and per GB-month kept ({offer.log_retention_days:g} days)"
                                if offer.log_storage else ""),
                             ("monthly_requests", "log_kb_per_request",
                              "traffic_growth_per_year"), monthly))
    return lines

