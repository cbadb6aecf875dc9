"""Which product an option prices: the SaaS vendor of ``buy``, the open-source gateway of ``self_host``.

Pure. What is required of a product (governance needs, routing, a data contract, private
endpoints, native APIs), what each one offers, and the choice among them.
"""

from __future__ import annotations

import functools
from typing import Any

from gateway_roi.model.arrays import is_scalar, maximum, minimum
from gateway_roi.model.assumptions import (
    OSS_GATEWAYS,
    VENDOR_PRESETS,
    OpenSourceGateway,
    VendorPreset,
)
from gateway_roi.model.cost_lines import Timeline
from gateway_roi.model.inputs import ModelInputs
from gateway_roi.model.scenario import (
    NATIVE_APIS,
    compliance_level,
)
from gateway_roi.needs import need

__all__ = [
    "buy_required",
    "choose_gateway",
    "choose_vendor",
    "fits",
    "monthly_vendor_fee",
    "required_native",
    "required_needs",
    "vendor_capabilities",
    "vendor_routing",
]


def monthly_vendor_fee(preset: VendorPreset, requests: Any, spend: Any, usd_rate: Any) -> Any:
    """A SaaS gateway's fee for one month, in the scenario currency."""
    usage: Any = 0.0
    previous = preset.included_requests
    for up_to, per_million in preset.tiers:
        top = requests if up_to is None else minimum(requests, up_to)
        usage = usage + maximum(top - previous, 0.0) * per_million / 1e6
        if up_to is not None:
            previous = max(previous, up_to)
    return (preset.base_fee + usage) * usd_rate + preset.percent_of_spend * spend


@functools.lru_cache(maxsize=256)
def _vendor_fees(preset_id: str, requests: tuple[float, ...], spend: tuple[float, ...],
                 usd_rate: float) -> tuple[float, ...]:
    """Monthly fees of one preset; cached because what-if searches repeat the same traffic."""
    preset = VENDOR_PRESETS[preset_id]
    return tuple(monthly_vendor_fee(preset, r, s, usd_rate)
                 for r, s in zip(requests, spend, strict=True))


def required_needs(mi: ModelInputs) -> tuple[frozenset[str], frozenset[str]]:
    """(required governance needs a gateway product can meet, required routing)."""
    s = mi.scenario
    # Compliance is no product feature: it is judged by where data may go.
    needs = frozenset(k for k, lvl in s.needs.governance
                      if lvl == "required" and need(k).capability is not None)
    routing = frozenset(k for k, lvl in s.needs.routing if lvl == "required")
    return needs, routing


def buy_required(mi: ModelInputs) -> frozenset[str]:
    """Required governance needs plus what the scenario's facts ask of a SaaS vendor.

    ``data_contract`` when the compliance level is ``vendor_contract``; ``private_endpoints``
    when a provider is one the team runs itself.
    """
    needs, _ = required_needs(mi)
    extra = set()
    if compliance_level(mi.scenario) == "vendor_contract":
        extra.add("data_contract")
    if any(p.self_hosted for p in mi.scenario.providers.in_use):
        extra.add("private_endpoints")
    return needs | extra


def vendor_capabilities(preset: VendorPreset) -> frozenset[str]:
    """What a preset offers, as the needs :func:`buy_required` names."""
    extra = {"data_contract"} if preset.data_contract else set()
    if preset.private_endpoints:
        extra.add("private_endpoints")
    return preset.meets | extra


def required_native(mi: ModelInputs) -> frozenset[str]:
    """Provider-native APIs the scenario requires."""
    apis = mi.scenario.needs.native_apis
    return frozenset(k for k in NATIVE_APIS if getattr(apis, k) == "required")


def vendor_routing(mi: ModelInputs, preset: VendorPreset) -> frozenset[str]:
    """Routing the vendor can express: the scenario's ``buy.routing_supported``, else the preset's."""
    supported = mi.scenario.buy.routing_supported
    return frozenset(supported) if supported is not None else preset.routing


def fits(mi: ModelInputs, meets: frozenset[str], routing: frozenset[str]) -> tuple[bool, bool]:
    """(meets every required need, expresses every required routing)."""
    needs, wanted = required_needs(mi)
    return needs <= meets, wanted <= routing


def choose_vendor(mi: ModelInputs, tl: Timeline) -> tuple[VendorPreset, list[Any], str]:
    """The preset ``buy`` prices: the scenario's, or the cheapest that can do what is required.

    ``auto`` compares fully priced presets that meet every required need and routing; when
    none does, those that meet the needs; when none does either, all of them (the option then
    shows what no vendor covers). With arrays of draws or map cells, each element takes its
    own cheapest preset.
    """
    chosen = mi.scenario.buy.vendor
    requests, spend = tl.requests, tl.spend
    scalar = all(is_scalar(x) for x in (*requests[:1], *spend[:1], mi.usd_rate))

    def fees(p: VendorPreset) -> list[Any]:
        if scalar:
            return list(_vendor_fees(p.id, tuple(requests), tuple(spend), mi.usd_rate))
        return [monthly_vendor_fee(p, r, s_, mi.usd_rate) for r, s_ in zip(requests, spend,
                                                                            strict=True)]

    if chosen != "auto":
        preset = VENDOR_PRESETS[chosen]
        return preset, fees(preset), "chosen in the scenario (buy.vendor)"
    priced = [p for p in VENDOR_PRESETS.values() if p.fully_priced]
    wanted = buy_required(mi)
    both = [p for p in priced if wanted <= vendor_capabilities(p)
            and fits(mi, p.meets, vendor_routing(mi, p))[1]]
    needs_only = [p for p in priced if wanted <= vendor_capabilities(p)]
    # Facts of the scenario (a data contract, private endpoints) before governance needs.
    facts = wanted - required_needs(mi)[0]
    reachable = [p for p in priced if facts <= vendor_capabilities(p)]
    pool, why = ((both, "cheapest preset that meets every required need and routing") if both
                 else (needs_only, "cheapest preset that meets every required need; none "
                                   "expresses the required routing") if needs_only
                 else (reachable, "cheapest preset that offers "
                                  + " and ".join(sorted(facts)).replace("_", " ")
                                  + "; none meets every required need")
                 if facts and reachable
                 else (priced, "cheapest preset; none meets every required need"))
    series = {p.id: fees(p) for p in pool}
    totals = {p.id: tl.pv(series[p.id]) for p in pool}
    # The totals are arrays whenever any input is (the discount rate on a decision map, say),
    # even when requests and spend are plain numbers.
    if all(is_scalar(t) for t in totals.values()):
        best = min(pool, key=lambda p: (totals[p.id], p.id))
        return best, series[best.id], why
    import numpy as np

    # Each draw or cell takes its own cheapest preset; the first such is named.
    ids = [p.id for p in pool]
    stacked = np.stack([np.broadcast_to(np.asarray(totals[k], dtype=float),
                                        np.broadcast_shapes(*(np.shape(totals[i]) for i in ids)))
                        for k in ids])
    pick = stacked.argmin(axis=0)
    monthly = [np.choose(pick, [np.broadcast_to(np.asarray(series[k][m], dtype=float),
                                                pick.shape) for k in ids])
               for m in range(tl.months)]
    first = VENDOR_PRESETS[ids[int(np.bincount(pick.ravel(), minlength=len(ids)).argmax())]]
    return first, monthly, why + " (chosen per draw)"


def choose_gateway(mi: ModelInputs) -> OpenSourceGateway:
    """The open-source gateway ``self_host`` runs: the scenario's, or the first that fits.

    ``auto`` prefers a gateway whose free edition does what is required, then one whose paid
    tier does (self-hosting then pays its licence), then one that meets the needs without the
    routing.
    """
    chosen = mi.scenario.self_host.gateway
    if chosen != "auto":
        return OSS_GATEWAYS[chosen]
    gateways = list(OSS_GATEWAYS.values())
    return (next((g for g in gateways if all(fits(mi, g.meets, g.routing))), None)
            or next((g for g in gateways if all(fits(mi, g.meets | g.paid, g.routing))), None)
            or next((g for g in gateways if fits(mi, g.meets, g.routing)[0]), None)
            or next((g for g in gateways if fits(mi, g.meets | g.paid, g.routing)[0]), None)
            or gateways[0])
