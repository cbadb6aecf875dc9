"""What one vendor plan or open-source edition costs on its own, and picking the cheapest.

A plan's own lines are its fees (from its published schedule, a quote, or our estimate when
no price is published) or its licence, plus what the team must add to an open-source edition
that lacks a required need; :func:`cheapest` then picks the plan whose own lines, with the
paths around the native APIs it lacks, cost least. Pure: no files, no terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gateway_roi.model.arrays import is_scalar, minimum
from gateway_roi.model.cost_lines import Timeline
from gateway_roi.model.inputs import ModelInputs, quote_input
from gateway_roi.model.memo import same_objects
from gateway_roi.model.products import (
    FactUse,
    FeeLine,
    Offer,
    fee_lines,
    required_native,
    required_needs,
)
from gateway_roi.model.scenario import Scenario
from gateway_roi.needs import need

__all__ = [
    "Priced",
    "addition_lines",
    "buy_plan",
    "bypass_monthly",
    "cheapest",
    "facts_read",
    "feature_inputs",
    "feature_label",
    "features_to_build",
    "missing_native",
    "self_host_licence",
    "self_host_plan",
]

_FEE_MEMO_SIZE = 256
"""Plans' fees remembered per facts book: the evaluations of one tripwire search or batch."""


def bypass_monthly(mi: ModelInputs, tl: Timeline, bypass_share: str, missing: Any) -> list[Any]:
    """Upkeep of paths around a layer, month by month; ``missing``: native APIs it lacks."""
    v = mi.values
    share = minimum(v[bypass_share] + missing * v["native_api_bypass_share"], 1.0)
    bypass = share * v["bypass_upkeep_hours_per_month"] * v["engineer_hour_cost"]
    return [s * bypass for s in tl.services]


@dataclass(frozen=True)
class Priced:
    """One plan's own lines (its fees or licence) and the native APIs it lacks."""

    offer: Offer
    lines: tuple[FeeLine, ...]
    notes: Mapping[str, str]
    missing: tuple[str, ...]
    quote_needed: bool


def missing_native(mi: ModelInputs, offer: Offer) -> tuple[str, ...]:
    """The native APIs the scenario requires that ``offer`` does not pass through."""
    return _missing_native(mi.scenario, offer)


@same_objects
def _missing_native(scenario: Scenario, offer: Offer) -> tuple[str, ...]:
    return tuple(sorted(required_native(scenario) - offer.native_apis))


def buy_plan(mi: ModelInputs, tl: Timeline, offer: Offer, why: str,
             sums: dict[Any, list[Any]] | None = None) -> Priced:
    """What buying ``offer`` costs on its own: every fee its schedule names (or the quote).

    ``sums``: graduated sums shared between the plans priced in one evaluation
    (:func:`~gateway_roi.model.products.fee_lines`).
    """
    v = mi.values
    where = f"plan '{offer.key}' ({why})"
    if "buy_quote" in v:
        line = FeeLine("fees", f"{offer.name} fees (quoted)",
                       "buy.quote every month (the fee the team was quoted)", ("buy_quote",),
                       tl.every_month(v["buy_quote"]))
        return Priced(offer, (line,), {"fees": f"{where}; its price is replaced by the quote"},
                       missing_native(mi, offer), False)
    if offer.price_basis == "quote":
        name = quote_input(offer.product, offer.plan)
        line = FeeLine("fees", f"{offer.name} fees (our estimate)", f"{name} every month",
                       (name,), tl.every_month(v[name]))
        return Priced(offer, (line,), {"fees": f"{where}; QUOTE NEEDED: no published price, "
                                                "our estimate until the team is quoted (set "
                                                "buy.quote)"},
                       missing_native(mi, offer), True)
    lines = _fee_lines(mi, tl, offer, sums)
    # Quotes are named for one evaluation (arrays of draws or cells keep no such notes).
    beyond = bool(tl.detail and offer.published_up_to is not None
                  and is_scalar(tl.requests[0]) and max(tl.requests) > offer.published_up_to)
    notes = {line.id: where for line in lines}
    basis = {"published": "", "unverified": "; price UNVERIFIED: no vendor page backs it (EST)",
             "quote": ""}[offer.price_basis]
    if "fees" in notes:
        notes["fees"] += basis + ("; QUOTE NEEDED: traffic goes beyond the published prices, "
                                  "so the fee beyond them is extrapolated from the last published "
                                  "rate (beyond_schedule_rate_share, EST)"
                                  if beyond else "")
    return Priced(offer, tuple(lines), notes, missing_native(mi, offer),
                   beyond or offer.price_basis != "published")


def _fee_lines(mi: ModelInputs, tl: Timeline, offer: Offer,
               sums: dict[Any, list[Any]] | None = None) -> list[FeeLine]:
    """:func:`fee_lines` of ``offer`` for this scenario, remembered for plain numbers.

    A tripwire search evaluates the model some sixty times, most of them with the same traffic,
    spend and exchange rate: every plan's fees, month by month, come out the same each time.
    The lines are never changed once made, so the same ones serve again.
    """
    v = mi.values
    envs = len(mi.scenario.organisation.environments)
    models = len(mi.scenario.providers.in_use) * v["models_per_provider"]
    args = (mi.usd_rate, models, v["log_kb_per_request"], v["beyond_schedule_rate_share"])
    if not (is_scalar(tl.requests[0]) and is_scalar(tl.spend[0]) and all(map(is_scalar, args))):
        return fee_lines(offer, tl.requests, tl.spend, mi.usd_rate, models=models,
                         gateways=envs, log_kb_per_request=v["log_kb_per_request"], sums=sums,
                         beyond_share=v["beyond_schedule_rate_share"])
    memo: dict[Any, list[FeeLine]] = mi.facts.memo.setdefault("fee_lines", {})
    key = (offer.key, tuple(tl.requests), tuple(tl.spend), envs, *args)
    lines = memo.get(key)
    if lines is None:
        if len(memo) >= _FEE_MEMO_SIZE:
            memo.clear()
        lines = memo[key] = fee_lines(offer, tl.requests, tl.spend, mi.usd_rate, models=models,
                                      gateways=envs, log_kb_per_request=v["log_kb_per_request"],
                                      sums=sums, beyond_share=v["beyond_schedule_rate_share"])
    return lines


def features_to_build(mi: ModelInputs, have: frozenset[str] | None) -> tuple[str, ...]:
    """Required needs and routing (``routing.<kind>``) a gateway must be given.

    All of them for a built one (``have`` None), else those the product lacks.
    """
    return _features_to_build(mi.scenario, have)


@same_objects
def _features_to_build(scenario: Scenario, have: frozenset[str] | None) -> tuple[str, ...]:
    needs, routing = required_needs(scenario)
    wanted = (*sorted(needs), *(f"routing.{r}" for r in sorted(routing)))
    # Compliance has no product feature: an in-house gateway still enforces it in one place.
    if have is None and scenario.needs.governance.compliance == "required":
        wanted = ("compliance", *wanted)
    return tuple(k for k in wanted if have is None or k not in have)


def feature_inputs(key: str) -> tuple[str, str | None]:
    """(build hours input, upkeep input or None) of a need or routing kind."""
    if key.startswith("routing."):
        return f"build_routing_hours_{key.removeprefix('routing.')}", None
    return f"build_hours_{key}", f"build_upkeep_{key}"


def feature_label(key: str) -> str:
    """A need's or routing kind's name in a cost line's label."""
    return (f"routing {key.removeprefix('routing.').replace('_', ' ')}"
            if key.startswith("routing.") else need(key).label_en)


def addition_lines(mi: ModelInputs, tl: Timeline, features: Sequence[str],
                    product: str) -> tuple[FeeLine, ...]:
    """What adding ``features`` to an open-source gateway costs: built once, then kept up."""
    if not features:
        return ()
    v = mi.values
    c = v["engineer_hour_cost"]
    builds = [feature_inputs(k)[0] for k in features]
    upkeeps = [u for k in features if (u := feature_inputs(k)[1]) is not None]
    names = ", ".join(feature_label(k) for k in features)
    lines = [FeeLine("added_build", f"Add to {product} ourselves: {names}",
                     f"({' + '.join(builds)}) x engineer_hour_cost", (*builds,
                                                                      "engineer_hour_cost"),
                     tl.at_start(sum((v[n] for n in builds), 0.0) * c), "up_front")]
    if upkeeps:
        lines.append(FeeLine("added_upkeep", f"Keeping what we added to {product} working",
                             f"({' + '.join(upkeeps)}) x engineer_hour_cost",
                             (*upkeeps, "engineer_hour_cost"),
                             tl.every_month(sum((v[n] for n in upkeeps), 0.0) * c)))
    return tuple(lines)


def self_host_plan(mi: ModelInputs, tl: Timeline, offer: Offer, why: str) -> Priced:
    """What running ``offer`` costs on its own: what the team adds to it, and a licence.

    A paid edition's licence is quoted or estimated; a free edition has none.
    """
    added = addition_lines(mi, tl, features_to_build(mi, offer.offers), offer.name)
    priced = self_host_licence(mi, tl, offer, why)
    notes = {**priced.notes, **{ln.id: f"edition '{offer.key}' ({why}): it lacks these, so the "
                                       "team builds them in" for ln in added}}
    return Priced(offer, (*added, *priced.lines), notes, priced.missing, priced.quote_needed)


def self_host_licence(mi: ModelInputs, tl: Timeline, offer: Offer, why: str) -> Priced:
    """A paid edition's licence, quoted or estimated (nothing for a free edition)."""
    v = mi.values
    where = f"edition '{offer.key}' ({why})"
    if offer.edition == "free":
        return Priced(offer, (), {}, missing_native(mi, offer), False)
    if "self_host_licence" in v:
        line = FeeLine("licence", f"{offer.name} licence (quoted)",
                       "self_host.licence every month (the licence the team was quoted)",
                       ("self_host_licence",), tl.every_month(v["self_host_licence"]))
        return Priced(offer, (line,), {"licence": where}, missing_native(mi, offer), False)
    if offer.licence is not None:
        line = FeeLine("licence", f"{offer.name} licence", f"{offer.licence:g} USD every month",
                       (), tl.every_month(offer.licence * mi.usd_rate))
        return Priced(offer, (line,), {"licence": where}, missing_native(mi, offer), False)
    name = quote_input(offer.product, offer.plan)
    line = FeeLine("licence", f"{offer.name} licence (our estimate)", f"{name} every month",
                   (name,), tl.every_month(v.get(name, 0.0)))
    return Priced(offer, (line,), {"licence": f"{where}; QUOTE NEEDED: no published price, "
                                               "our estimate until the team is quoted (set "
                                               "self_host.licence)"},
                   missing_native(mi, offer), True)


def cheapest(mi: ModelInputs, tl: Timeline, priced: Sequence[Priced],
              bypass_share: str) -> tuple[Priced, Any, list[FeeLine]]:
    """The plan whose own lines (fees, and paths around native APIs it lacks) cost least.

    Returns the plan named, how many native APIs the chosen plans lack (an array when draws or
    map cells chose differently) and its lines (for arrays, each element's own plan's amounts).
    """
    # Plans that lack as many native APIs have the same paths around them: priced once.
    bypass = {n: tl.pv(bypass_monthly(mi, tl, bypass_share, n))
              for n in dict.fromkeys(len(p.missing) for p in priced)}
    totals = [sum((tl.pv(line.monthly) for line in p.lines), 0.0) + bypass[len(p.missing)]
              for p in priced]
    if all(is_scalar(t) for t in totals):
        best = min(range(len(priced)), key=lambda i: (totals[i], i))
        return priced[best], len(priced[best].missing), list(priced[best].lines)
    import numpy as np

    shape = np.broadcast_shapes(*(np.shape(t) for t in totals))
    stacked = np.stack([np.broadcast_to(np.asarray(t, dtype=float), shape) for t in totals])
    pick = stacked.argmin(axis=0)
    named = priced[int(np.bincount(pick.ravel(), minlength=len(priced)).argmax())]
    missing = np.choose(pick, [np.full(shape, float(len(p.missing))) for p in priced])
    ids = list(dict.fromkeys(line.id for p in priced for line in p.lines))
    zero = np.zeros((tl.months, *shape))
    lines = []
    for line_id in ids:
        own = [next((ln for ln in p.lines if ln.id == line_id), None) for p in priced]
        first = next(ln for ln in own if ln is not None)
        if not tl.detail:
            # Totals only: each element's present value is its own plan's, summed month by
            # month as for that plan alone (the same sums), without choosing every month.
            total = np.choose(pick, [np.broadcast_to(np.asarray(
                0.0 if ln is None else tl.pv(ln.monthly), dtype=float), shape) for ln in own])
            lines.append(FeeLine(first.id, first.label, first.formula + " (each draw its "
                                 "cheapest plan)", first.inputs, [], first.kind, total))
            continue
        # Each plan's months as one (months, *shape) array: one choice for the whole horizon.
        chosen = np.choose(pick, [zero if ln is None else _by_month(np, ln.monthly, shape)
                                  for ln in own])
        lines.append(FeeLine(first.id, first.label, first.formula + " (each draw its cheapest "
                             "plan)", first.inputs, list(chosen), first.kind))
    return named, missing, lines


def _by_month(np: Any, monthly: Sequence[Any], shape: tuple[int, ...]) -> Any:
    """A month-by-month series of numbers or arrays as one array of shape (months, *shape)."""
    try:
        series = np.asarray(monthly, dtype=float)
    except ValueError:  # numbers in some months, arrays in others
        return np.stack([np.broadcast_to(np.asarray(x, dtype=float), shape) for x in monthly])
    each = series.shape[1:]
    return np.broadcast_to(series.reshape((len(monthly),) + (1,) * (len(shape) - len(each))
                                          + each), (len(monthly), *shape))


def facts_read(mi: ModelInputs, offer: Offer, wanted: frozenset[str],
                routing: frozenset[str]) -> tuple[FactUse, ...]:
    """The claims of ``offer`` the option read: prices, applied limits, required capabilities."""
    keys = {f"capabilities.{k}" for k in wanted} | {f"capabilities.routing.{r}" for r in routing}
    keys |= {f"capabilities.native.{a}" for a in required_native(mi.scenario)}
    # Its prices, the limits applied to it (a cap on requests or logs) and what it must offer.
    return tuple(f for f in offer.facts if f.key.startswith(("price.", "limits."))
                 or f.key in keys)
