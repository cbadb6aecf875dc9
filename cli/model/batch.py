"""Many scenarios at once: those of one shape costed together through arrays.

Pure. A folder of scenario files is usually a sweep: the same team with other numbers (more
services, more traffic, another spend). Scenarios that differ only in such numbers, the
scenario's own facts the model reads through :attr:`ModelInputs.values`, share a *shape*: the
same needs, providers, team, plans to choose among and cost lines. One evaluation of the model
over arrays (one element per scenario, as the decision map costs its cells) then gives every
scenario's totals, break-even month and verdict, the verdict from the one decision table
(:func:`~gateway_roi.model.rules.decide_arrays`). A scenario with no partner of its shape, or
one whose plan choice moves the verdict's walls with its numbers, is costed on its own.

What this gives is what the comparison table shows (:class:`Totals`); a panel, a record or
JSON needs the whole evaluation (:func:`~gateway_roi.model.evaluation.assess`).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from gateway_roi.model.cost_lines import KindTotals, OptionCosts, Timeline
from gateway_roi.model.costs import buy_wall_fixed, compute_costs, option_costs
from gateway_roi.model.evaluation import facts_for
from gateway_roi.model.facts import FactBook
from gateway_roi.model.fields import attribute_at
from gateway_roi.model.inputs import FACT_FIELDS, ModelInputs, people_per_service, resolve_inputs
from gateway_roi.model.products import offers, peak_log_gb, peak_requests
from gateway_roi.model.rules import criteria, decide_arrays, verdict_of
from gateway_roi.model.scenario import Scenario
from gateway_roi.options import OPTION_IDS

__all__ = ["MIN_GROUP", "OptionTotals", "Totals", "compare_many", "shape_key"]


MIN_GROUP = 12
"""Scenarios of one shape worth an evaluation over arrays: fewer are costed one by one. Each
operation on an array has a fixed cost, so one evaluation over arrays costs about as much as a
dozen plain ones, whatever the number of scenarios (measured: 14 ms for 8 to 48 of them, against
about 1 ms each alone)."""

_PEOPLE = "engineers_building_with_ai"
"""A scenario may state its services in people instead (``organisation.<this>``)."""

_WORDS_ONLY = ("name", "description", "decision_makers", "expect")
"""Fields the model never reads: what the scenario is called and who decides."""


@dataclass(frozen=True)
class OptionTotals(KindTotals):
    """One option of one scenario as a comparison shows it: present values over the horizon."""

    id: str
    total: float
    up_front: float
    per_event: float
    standing: float
    breakeven_month: int | None
    """First month from which it stays at or below ``direct``; None for ``direct`` or never."""
    feasible: bool


@dataclass(frozen=True)
class Totals:
    """One scenario's verdict and each option's totals (in :data:`OPTION_IDS` order)."""

    scenario: Scenario
    option: str
    rule: str
    options: tuple[OptionTotals, ...]


def _people(scenario: Scenario) -> float:
    people = scenario.organisation.engineers_building_with_ai
    assert people is not None  # the shape holds services stated in people
    return people.likely


def _not_shape(people: bool) -> dict[str, Any]:
    """The fields :func:`shape_key` leaves out (``people``: services are stated in people)."""
    out: dict[str, Any] = dict.fromkeys(_WORDS_ONLY, True)
    for path in FACT_FIELDS.values():
        section, _, name = path.rpartition(".")
        if section:
            out.setdefault(section, set()).add(name)
        else:
            out[name] = True
    if people:
        # Services stated in people: the model reads the people (over engineers per service).
        out["organisation"].add(_PEOPLE)
    return out


_NOT_SHAPE = {people: _not_shape(people) for people in (False, True)}


def shape_key(scenario: Scenario, facts: FactBook) -> Hashable:
    """What must be equal for two scenarios to be costed together over arrays.

    Everything the scenario says except its name and words and the facts the model reads only
    through its values (:data:`~gateway_roi.model.inputs.FACT_FIELDS`: services, traffic, spend,
    growth, new providers and models, the discount rate; or the people building with AI when the
    services are stated in people). Those are also read directly in one
    place, to fit the plans to the traffic (request and log caps), so which caps the traffic
    passes is part of the shape.
    """
    people = scenario.organisation.engineers_building_with_ai is not None
    said = scenario.model_dump_json(exclude=_NOT_SHAPE[people])
    peak, logs = peak_requests(scenario), peak_log_gb(scenario)
    caps = tuple((o.request_cap is not None and o.request_cap < peak,
                  o.log_cap_gb is not None and o.log_cap_gb < logs)
                 for kind in ("saas", "open_source") for o in offers(facts, kind))
    return said, caps, id(facts)


def compare_many(scenarios: Sequence[Scenario], facts: FactBook | None = None) -> list[Totals]:
    """Every scenario's verdict and totals, in order: groups of one shape through arrays.

    The same verdicts, rules, feasibility and break-even months as costing each scenario alone
    (:func:`compute_costs` and the rules), and the same totals to about 16 significant digits:
    numpy may round a power (growth, discount) differently in the last one, which moves a total
    printed to the cent only in the trillions.
    """
    groups: dict[Hashable, list[int]] = {}
    books = [facts_for(s, facts) for s in scenarios]
    for i, (s, book) in enumerate(zip(scenarios, books, strict=True)):
        groups.setdefault(shape_key(s, book), []).append(i)
    out: list[Totals | None] = [None] * len(scenarios)
    for members in groups.values():
        first = resolve_inputs(scenarios[members[0]], facts=books[members[0]])
        if len(members) >= MIN_GROUP and buy_wall_fixed(first):
            for i, totals in zip(members, _together(first, [scenarios[i] for i in members]),
                                 strict=True):
                out[i] = totals
        else:
            for i in members:
                mi = first if i == members[0] else resolve_inputs(scenarios[i], facts=books[i])
                out[i] = _alone(mi)
    return [t for t in out if t is not None]


def _alone(mi: ModelInputs) -> Totals:
    costs = compute_costs(mi)
    option, rule = verdict_of(mi, costs)
    return Totals(mi.scenario, option, rule, tuple(
        OptionTotals(k, o.total, o.up_front, o.per_event, o.standing, o.breakeven_month,
                     o.feasible) for k, o in costs.items()))


def _together(first: ModelInputs, scenarios: Sequence[Scenario]) -> list[Totals]:
    """Scenarios of ``first``'s shape, costed in one evaluation over arrays."""
    import numpy as np

    columns = {name: np.array([attribute_at(s, path).likely for s in scenarios], dtype=float)
               for name, path in FACT_FIELDS.items()}
    if first.scenario.organisation.engineers_building_with_ai is not None:
        # As resolve_inputs takes them: the people over the engineers per service (one figure
        # for the shape: the assumptions are part of it).
        per = people_per_service(first.scenario)
        columns["services"] = np.array([_people(s) / per for s in scenarios])
    cells = first.with_values(columns)
    tl = Timeline(cells, detail=True)
    costs: dict[str, OptionCosts] = {key: option_costs(cells, tl, key) for key in OPTION_IDS}
    base = criteria(first, compute_costs(first, detail=False))
    verdicts = decide_arrays(cells, costs, base=base)
    n = len(scenarios)
    option = np.broadcast_to(verdicts.option, (n,)).tolist()
    rule = np.broadcast_to(verdicts.rule, (n,)).tolist()
    per_option = [_each_scenario(o, costs["direct"], n) for o in costs.values()]
    return [Totals(s, option[i], rule[i], tuple(column[i] for column in per_option))
            for i, s in enumerate(scenarios)]


def _each_scenario(o: OptionCosts, direct: OptionCosts, n: int) -> list[OptionTotals]:
    """One option's figures for each of the ``n`` scenarios costed together."""
    import numpy as np

    def each(x: Any) -> list[float]:
        return [float(v) for v in np.broadcast_to(np.asarray(x, dtype=float), (n,)).tolist()]

    months = [None] * n if o.id == "direct" else _breakeven(o, direct, n)
    return [OptionTotals(o.id, total, up_front, per_event, standing, month, o.feasible)
            for total, up_front, per_event, standing, month in zip(
                each(o.total), each(o.up_front), each(o.per_event), each(o.standing), months,
                strict=True)]


def _breakeven(o: OptionCosts, direct: OptionCosts, n: int) -> list[int | None]:
    """:func:`~gateway_roi.model.cost_lines.breakeven` for every element at once.

    The first month from which the option stays at or below ``direct``: the month after the
    last one it is above (month 1 when it never is; none when it is above in the last month).
    """
    import numpy as np

    mine = np.array([np.broadcast_to(np.asarray(c, dtype=float), (n,)) for c in o.cumulative])
    theirs = np.array([np.broadcast_to(np.asarray(c, dtype=float), (n,))
                       for c in direct.cumulative])
    above = ~(mine <= theirs + 1e-9)
    months = len(mine)
    last_above = np.where(above.any(axis=0), months - 1 - np.argmax(above[::-1], axis=0), -1)
    return [None if last == months - 1 else int(last) + 2 for last in last_above.tolist()]
