"""Cost lines and what an option's lines add up to; the month-by-month timeline they share.

Pure. Three kinds of cost, as the essay contrasts them:

* ``up_front`` -- paid once, at the start (building the automation, deploying a gateway);
* ``per_event`` -- configuration hassle: bounded and local, paid again with each event (a key
  rotation, an onboarding, fallback code for a new service, an outage of one provider);
* ``standing`` -- continuous liabilities that exist whether or not anything happens (on-call,
  upgrades, fees, a single point of failure in front of every call).

Timing: every amount is paid at the start of its month; month 0 is not discounted; services
grow linearly and traffic compounds monthly.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from gateway_roi.model.arrays import maximum
from gateway_roi.model.inputs import ModelInputs
from gateway_roi.model.products import FactUse
from gateway_roi.needs import NEEDS
from gateway_roi.options import OPTION_LABELS, OptionId

__all__ = [
    "HOURS_PER_MONTH",
    "KINDS",
    "NON_GATEWAY_MEETS",
    "Builder",
    "CostLine",
    "Kind",
    "KindTotals",
    "OptionCosts",
    "Timeline",
    "breakeven",
    "finish",
]


HOURS_PER_MONTH = 730.0


Kind = Literal["up_front", "per_event", "standing"]


KINDS: tuple[Kind, ...] = ("up_front", "per_event", "standing")


NON_GATEWAY_MEETS: Mapping[str, frozenset[str]] = {
    # What scripts, a secret manager and a shared library meet is the registry's word
    # (met_by_automation): central keys, nothing that needs one place every call goes through.
    "direct": frozenset(),
    "automate": frozenset(n.id for n in NEEDS if n.met_by_automation),
}
"""Governance needs each option without a gateway meets."""


@dataclass(frozen=True)
class CostLine:
    """One cost of one option: what it is, how it is computed, from what, month by month."""

    id: str
    label: str
    kind: Kind
    formula: str
    inputs: tuple[str, ...]
    monthly: tuple[float, ...]
    total: float
    """Present value over the horizon."""
    note: str = ""
    replaces: tuple[str, ...] = ()
    """Ids of ``direct`` lines this line takes the place of (what automation or a gateway cuts)."""
    shared: bool = False
    """The same in every option (provider outages): no choice changes it, so outputs show it
    apart from what the choice costs."""


class KindTotals:
    """The sums by kind, and the two older sums readers of earlier versions know."""

    up_front: float
    per_event: float
    standing: float

    @property
    def one_time(self) -> float:
        """The up-front part (kept for CSV readers: ``one_time`` = ``up_front``)."""
        return self.up_front

    @property
    def continuous(self) -> float:
        """Everything paid after the start (``per_event`` + ``standing``)."""
        return self.per_event + self.standing


@dataclass(frozen=True)
class OptionCosts(KindTotals):
    """All cost lines of one option and what they add up to."""

    id: OptionId
    label: str
    lines: tuple[CostLine, ...]
    total: float
    up_front: float
    per_event: float
    standing: float
    cumulative: tuple[float, ...]
    """Present value paid by the end of each month (month 1 first)."""
    availability: float
    """Share of time AI features work, averaged over services (gateway in series)."""
    blast_radius: str
    feasible: bool = True
    infeasible_reason: str = ""
    gaps: tuple[str, ...] = ()
    """Required governance needs this option leaves unmet."""
    unmet_routing: tuple[str, ...] = ()
    """Required routing this option cannot express."""
    compliance_walled: bool = False
    """The compliance level walls a third-party gateway off (data would leave through a vendor)."""
    strategic_walled: bool = False
    """The gateway is part of the product the team sells: buying it is walled off."""
    licence_needed: tuple[str, ...] = ()
    """Required needs the open-source gateway meets only in its paid edition (a licence line)."""
    product: str = ""
    """The product (``buy``: a SaaS vendor; ``self_host``: an open-source gateway) priced."""
    plan: str = ""
    """The product's plan or edition priced."""
    product_label: str = ""
    """The plan's name as people read it (``Portkey Production``)."""
    quote_needed: bool = False
    """The price is not all published: our estimate of an unpublished price, traffic beyond
    the published schedule, or figures no vendor page backs."""
    unverified: tuple[str, ...] = ()
    """Required capabilities the plan is said to have that no vendor source backs: counted as
    not met."""
    facts: tuple[FactUse, ...] = ()
    """The claims about the product this option read, with their evidence and dates."""
    log_capped: tuple[str, ...] = ()
    """Required needs the plan's claims offer but its log cap takes away: the scenario logs more
    than the plan keeps."""
    log_cap_gb: float = 0.0
    """The plan's log cap, GB a month (when ``log_capped``)."""
    log_gb: float = 0.0
    """The scenario's request logs in its peak month, GB (when ``log_capped``)."""
    by_hand: tuple[str, ...] = ()
    """Required governance needs this option (without a gateway) leaves to be covered by hand,
    each with a line of its own."""
    added: tuple[str, ...] = ()
    """Required needs and routing (``routing.<kind>``) the team adds itself to the open-source
    gateway priced, each with its build and upkeep."""

    @property
    def shared(self) -> float:
        """Present value of the lines every option bears alike (provider outages)."""
        return sum((line.total for line in self.lines if line.shared), 0.0)

    @property
    def own_total(self) -> float:
        """What this choice costs beyond what every option bears alike."""
        return self.total - self.shared

    breakeven_month: int | None = None
    """First month from which this option's cumulative cost stays at or below ``direct``'s."""

    @property
    def vendor(self) -> str:
        """The vendor preset of ``buy`` (empty for the other options)."""
        return self.product if self.id == "buy" else ""

    @property
    def cumulative_from_start(self) -> tuple[float, ...]:
        """Month 0 (the up-front costs alone), then the cumulative cost at each month's end."""
        return (self.up_front, *self.cumulative)


class Timeline:
    """Per-month series shared by every line: services, traffic, spend, discount factors.

    Each series is worked out when a line first reads it, from the inputs it rests on: an
    option that reads no spend reads no ``monthly_provider_spend``, so a search that changes
    only the spend can keep that option's costs (:mod:`gateway_roi.model.tripwires`).
    """

    def __init__(self, mi: ModelInputs, detail: bool = True) -> None:
        self.detail = detail
        """False: totals only (no monthly amounts kept), e.g. for arrays of Monte Carlo draws."""
        self._values = mi.values
        self.months = mi.scenario.horizon_months
        self.downtime_input = ("downtime_cost_per_hour" if "downtime_cost_per_hour" in mi.values
                               else "downtime_cost_per_service_hour")
        """The input outage costs come from: the team's whole-outage figure, or per service."""

    @functools.cached_property
    def services(self) -> list[Any]:
        """Services calling AI, month by month (growing linearly)."""
        v = self._values
        s0, added = v["services"], v["services_added_per_year"]
        return [s0 + added * m / 12 for m in range(self.months)]

    @functools.cached_property
    def new_services(self) -> list[Any]:
        """Services added in each month (none in month 0)."""
        return [0.0] + [self._values["services_added_per_year"] / 12] * (self.months - 1)

    @functools.cached_property
    def _growth(self) -> list[Any]:
        """The traffic's growth factor at each month (shared by requests and spend)."""
        growth = 1.0 + self._values["traffic_growth_per_year"]
        return [growth ** (m / 12) for m in range(self.months)]

    @functools.cached_property
    def requests(self) -> list[Any]:
        """Monthly requests, month by month (compounding)."""
        start = self._values["monthly_requests"]
        return [start * factor for factor in self._growth]

    @functools.cached_property
    def spend(self) -> list[Any]:
        """Monthly provider spend, month by month (growing with the traffic)."""
        start = self._values["monthly_provider_spend"]
        return [start * factor for factor in self._growth]

    @functools.cached_property
    def discount(self) -> list[Any]:
        """Discount factor of each month (month 0 not discounted)."""
        rate = 1.0 + self._values["discount_rate"]
        return [rate ** (-m / 12) for m in range(self.months)]

    @functools.cached_property
    def outage_rate(self) -> list[Any]:
        """Cost of one hour of one service's AI features down, month by month.

        A whole-outage figure is shared by however many services there are.
        """
        v = self._values
        if self.downtime_input == "downtime_cost_per_hour":
            whole = v["downtime_cost_per_hour"]
            return [whole / maximum(s, 1e-9) for s in self.services]
        return [v["downtime_cost_per_service_hour"]] * self.months

    def at_start(self, amount: float) -> list[float]:
        """An amount paid once, in month 0."""
        return [amount] + [0.0] * (self.months - 1)

    def every_month(self, amount: float) -> list[float]:
        """The same amount in every month of the horizon."""
        return [amount] * self.months

    def pv(self, monthly: Sequence[float]) -> float:
        """Present value of a month-by-month series at the scenario's discount rate."""
        if monthly and type(monthly[0]) is not float and _same_arrays(monthly):
            summed: float = _pv_in_place(monthly, self.discount)  # an array, as the sum below
            return summed
        total = sum(map(operator.mul, monthly, self.discount))
        return float(total) if isinstance(total, int | float) else total


def _same_arrays(monthly: Sequence[Any]) -> bool:
    """True when every month is a numpy array of one shape (draws or cells, not numbers)."""
    first = monthly[0]
    if type(first).__name__ != "ndarray":
        return False
    kind, shape = type(first), first.shape
    return all(type(m) is kind and m.shape == shape for m in monthly)


def _pv_in_place(monthly: Sequence[Any], discount: Sequence[Any]) -> Any:
    """``sum(map(operator.mul, monthly, discount))`` for arrays: the same sums, in place.

    The built-in sum makes a new array for every product and every partial sum (two per month,
    ~80 lines an evaluation of 10,000 draws); here one scratch array and one total take them.
    Python's sum starts at 0: ``0 + first`` is kept (it turns a -0.0 into 0.0).
    """
    import numpy as np

    it = iter(zip(monthly, discount, strict=True))
    m, d = next(it)
    total = np.multiply(m, d)
    total += 0
    step = np.empty_like(total)
    for m, d in it:
        np.multiply(m, d, out=step)
        total += step
    return total


# Lines that read a starting level also move with its growth over the horizon.
_GROWS_WITH: Mapping[str, str] = {
    "services": "services_added_per_year",
    "monthly_requests": "traffic_growth_per_year",
    "monthly_provider_spend": "traffic_growth_per_year",
}


def _input_names(inputs: tuple[str, ...]) -> tuple[str, ...]:
    """A line's inputs once each, with the growth of each starting level it reads."""
    names = list(dict.fromkeys(inputs))
    for level, growth in _GROWS_WITH.items():
        if level in names and growth not in names:
            names.append(growth)
    return tuple(names)


_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}
""":func:`_input_names` of every list of inputs a line was given (the lines' own, a few
hundred at most)."""

_new = object.__new__


class Builder:
    """Collects the lines of one option."""

    def __init__(self, tl: Timeline, mi: ModelInputs) -> None:
        self.tl = tl
        self.mi = mi
        self.lines: list[CostLine] = []

    def add(self, id: str, label: str, kind: Kind, formula: str, inputs: Sequence[str],
            monthly: Sequence[Any], note: str = "", replaces: Sequence[str] = (),
            shared: bool = False, total: Any = None) -> None:
        """One line: its total is the present value of ``monthly`` (``total`` if given)."""
        # Every input is validated non-negative, so every amount already is.
        tl = self.tl
        total = tl.pv(monthly) if total is None else total
        written = tuple(inputs)
        names = _NAMES.get(written)
        if names is None:
            names = _NAMES[written] = _input_names(written)
        # CostLine's own __init__ sets each field through object.__setattr__ (it is frozen):
        # this runs for every line of every evaluation, ~85 a time, sixty-odd times a search.
        line = _new(CostLine)
        line.__dict__.update(id=id, label=label, kind=kind, formula=formula, inputs=names,
                             monthly=tuple(monthly) if tl.detail else (), total=total,
                             note=note, replaces=tuple(replaces), shared=shared)
        self.lines.append(line)

    def labour(self, id: str, label: str, kind: Literal["up_front", "standing"],
               hours_name: str, rate_name: str) -> None:
        """One line of hours at an hourly rate: once at the start (up front) or every month."""
        v, tl = self.mi.values, self.tl
        amount = v[hours_name] * v[rate_name]
        self.add(id, label, kind, f"{hours_name} x {rate_name}", [hours_name, rate_name],
                 tl.at_start(amount) if kind == "up_front" else tl.every_month(amount))

    def services_now_and_new(self, id: str, label: str, hours_name: str, rate_name: str,
                             replaces: Sequence[str] = ()) -> None:
        """Two lines: today's services at the start (up front), each new one as it comes."""
        v, tl = self.mi.values, self.tl
        per_service = v[hours_name] * v[rate_name]
        self.add(id, label, "up_front",
                 f"services today x {hours_name} x {rate_name}",
                 ["services", hours_name, rate_name],
                 tl.at_start(v["services"] * per_service), replaces=replaces)
        self.add(f"{id}_new", f"{label}: each new service", "per_event",
                 f"each new service x {hours_name} x {rate_name}",
                 ["services_added_per_year", hours_name, rate_name],
                 [n * per_service for n in tl.new_services], replaces=replaces)


def finish(option: OptionId, b: Builder, availability: Any, blast_radius: str, *,
            gaps: tuple[str, ...] = (), unmet_routing: tuple[str, ...] = (),
            compliance_walled: bool = False, strategic_walled: bool = False,
            product: str = "", by_hand: tuple[str, ...] = (),
            more: Mapping[str, Any] | None = None) -> OptionCosts:
    """Add the lines up and say whether the option can meet what is required.

    ``more``: further fields of the :class:`OptionCosts` (the plan priced, its facts).
    """
    lines = tuple(b.lines)
    per_month = map(operator.mul, map(sum, zip(*(line.monthly for line in lines), strict=False)),
                    b.tl.discount)
    cumulative = list(itertools.accumulate(per_month))
    reasons = []
    if gaps:
        reasons.append(f"leaves required governance unmet: {', '.join(gaps)}")
    if compliance_walled:
        reasons.append("no third-party gateway may see the prompts (data rules)")
    if strategic_walled:
        reasons.append("the gateway is part of the product the team sells (buy.strategic): "
                       "buying it is walled off")
    if unmet_routing:
        reasons.append(f"{product or option} cannot express the required routing: "
                       f"{', '.join(unmet_routing)}")
    # One pass: each sum adds its lines in their order, as a sum over each kind would.
    total: Any = 0
    by_kind: dict[str, Any] = dict.fromkeys(KINDS, 0)
    for line in lines:
        total = total + line.total
        by_kind[line.kind] = by_kind[line.kind] + line.total
    return OptionCosts(
        id=option,
        label=OPTION_LABELS[option],
        lines=lines,
        total=total,
        up_front=by_kind["up_front"],
        per_event=by_kind["per_event"],
        standing=by_kind["standing"],
        cumulative=tuple(cumulative),
        availability=availability,
        blast_radius=blast_radius,
        gaps=gaps,
        unmet_routing=unmet_routing,
        compliance_walled=compliance_walled,
        strategic_walled=strategic_walled,
        by_hand=by_hand,
        feasible=not reasons,
        infeasible_reason="; ".join(reasons),
        **(more or {}),
    )


def breakeven(option: OptionCosts, direct: OptionCosts) -> int | None:
    """First month (1-based) from which ``option`` stays at or below ``direct``, else None."""
    month: int | None = None
    for m, (mine, theirs) in enumerate(zip(option.cumulative, direct.cumulative, strict=True)):
        if mine <= theirs + 1e-9:
            if month is None:
                month = m + 1
        else:
            month = None
    return month


def common_cost(options: Mapping[str, OptionCosts]) -> float:
    """Present value every option bears alike (provider outages): no choice changes it.

    It is inside every total; the options differ only by the rest (``own_total``).
    """
    return min((o.shared for o in options.values()), default=0.0)
