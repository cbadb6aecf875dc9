"""How sure is the verdict? Ranges sampled by Monte Carlo, sensitivity and value of information.

Pure: arrays in memory, no files, no terminal. Every range in a scenario is sampled:
``{low, likely, high}`` as a PERT distribution, ``"a to b"`` as a 90% interval (lognormal when
both ends are positive, normal otherwise). The cost model runs once over arrays of draws (one
value per draw) in totals-only mode, so memory grows with the draws' own arrays only; the very
same decision table (:func:`cli.decision.select_rule`) is applied to every draw.

numpy is imported here only, and only when a scenario has ranges.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from cli.costs import OPTION_IDS, ModelInputs, OptionCosts, compute_costs, resolve_inputs
from cli.decision import Decision, Tripwire, find_breakeven, select_rule
from cli.scenario import Bounds, Range, Scenario, range_bounds

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_SEED",
    "InfoValue",
    "OptionSpread",
    "TornadoBar",
    "Uncertainty",
    "analyse",
    "ranged_inputs",
]

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 2026
MAX_DRAWS = 100_000  # about 2.3 KB a draw: some 280 MB at most for one ranged scenario
TORNADO_BARS = 8
BREAKEVEN_INPUTS = 3  # break-even values are searched for the inputs with the widest bars
_Z90 = 1.6448536269514722  # a 90% interval spans +-1.645 standard deviations
_INFO_BINS = 20


@dataclass(frozen=True)
class OptionSpread:
    """One option's total over the horizon across draws."""

    id: str
    p10: float
    p50: float
    p90: float
    p_cheapest: float
    """Share of draws in which it is the cheapest of the feasible options (0 if infeasible)."""


@dataclass(frozen=True)
class TornadoBar:
    """How the gap between the recommended option and the runner-up moves with one input."""

    input: str
    field: str
    low: float
    high: float
    gap_at_low: float
    gap_at_high: float

    @property
    def swing(self) -> float:
        """Width of the bar: how far the gap moves from the input's low end to its high end."""
        return abs(self.gap_at_high - self.gap_at_low)


@dataclass(frozen=True)
class InfoValue:
    """Expected value of knowing one input exactly before deciding."""

    input: str
    field: str
    value: float
    share: float
    """Share of the expected cost of a wrong choice that knowing this input would remove."""


@dataclass(frozen=True)
class Uncertainty:
    """The Monte Carlo picture of one scenario."""

    draws: int
    seed: int
    options: tuple[OptionSpread, ...]
    confidence: float
    """Share of draws in which the same rule and option come out."""
    outcomes: Mapping[str, float]
    """Share of draws per ``option/rule`` outcome."""
    runner_up: str
    tornado: tuple[TornadoBar, ...]
    expected_loss: float
    """Expected cost of a wrong choice (EVPI): what perfect information would save on average."""
    info: tuple[InfoValue, ...]
    ranged: tuple[str, ...]
    breakeven: tuple[Tripwire, ...] = ()
    """For the inputs that move the decision most: the value at which the cheapest feasible
    option changes (within 10x of the likely value)."""

    @property
    def flips_often(self) -> bool:
        """True when another verdict comes out in more than one draw in five."""
        return self.confidence < 0.8


class Assessed(Protocol):
    """What the analysis reads of an evaluated scenario (:class:`cli.evaluation.Evaluation`)."""

    @property
    def scenario(self) -> Scenario: ...  # noqa: D102

    @property
    def inputs(self) -> ModelInputs: ...  # noqa: D102

    @property
    def options(self) -> Mapping[str, OptionCosts]: ...  # noqa: D102

    @property
    def decision(self) -> Decision: ...  # noqa: D102


def ranged_inputs(mi: ModelInputs) -> list[str]:
    """Inputs written as a range of non-zero width, in the model's fixed order."""
    return [name for name, inp in mi.inputs.items()
            if inp.written is not None and not inp.written.is_fixed]


def _sampler(np: Any, rng: Any, draws: int, bounds: Mapping[int, Bounds]) -> Any:
    def pick(r: Range) -> Any:
        if r.is_fixed:
            return r.likely
        low, likely, high = r.low, r.likely, r.high
        if r.kind == "pert":
            width = high - low
            alpha = 1 + 4 * (likely - low) / width
            beta = 1 + 4 * (high - likely) / width
            return low + width * rng.beta(alpha, beta, draws)
        if low > 0:
            mu = (math.log(low) + math.log(high)) / 2
            sigma = (math.log(high) - math.log(low)) / (2 * _Z90)
            values = rng.lognormal(mu, sigma, draws)
        else:
            values = rng.normal((low + high) / 2, (high - low) / (2 * _Z90), draws)
        # Tails beyond a 90% interval are real, but never past what the field allows.
        field = bounds.get(id(r))
        if field is None:
            return values.clip(0.0, None) if low >= 0 else values
        return values.clip(field.clip_low(), field.le)

    return pick


def _totals(mi: ModelInputs) -> dict[str, Any]:
    return {k: o.total for k, o in compute_costs(mi, detail=False).items()}


def _alternatives(ev: Assessed) -> list[str]:
    """Options the rules could choose between, given the scenario's fixed qualitative facts."""
    crit = ev.decision.criteria
    if crit["need"]["kind"] == "convenience":
        return ["direct", "automate"]
    stock = crit["ops_capacity"]["level"] == "stock"
    hard = crit["walls"]["compliance"]["met"] or crit["walls"]["customization"]["met"]
    if stock:
        return ["buy", "self_host", "build"] if not crit["walls"]["compliance"]["met"] else [
            "self_host", "build"]
    if hard:
        return ["direct", "automate"]
    return ["buy"]


def _zero_width(ev: Assessed, draws: int, seed: int) -> Uncertainty:
    totals: dict[str, float] = {k: ev.options[k].total for k in OPTION_IDS}
    feasible = [k for k in OPTION_IDS if ev.options[k].feasible] or list(OPTION_IDS)
    cheapest = min(feasible, key=lambda k: totals[k])
    others = ([k for k in _alternatives(ev) if k != ev.decision.option]
              or [k for k in OPTION_IDS if k != ev.decision.option])
    return Uncertainty(
        draws=draws, seed=seed,
        options=tuple(OptionSpread(k, totals[k], totals[k], totals[k],
                                   1.0 if k == cheapest else 0.0) for k in OPTION_IDS),
        confidence=1.0,
        outcomes={f"{ev.decision.option}/{ev.decision.rule}": 1.0},
        runner_up=min(others, key=lambda k: totals[k]),
        tornado=(), expected_loss=0.0, info=(), ranged=(),
    )


def analyse(ev: Assessed, *, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED) -> Uncertainty:
    """Sample every range of the evaluated scenario and say how sure the verdict is.

    Deterministic scenarios (no ranges) give zero-width results without sampling. The same
    ``seed`` and ``draws`` always give the same numbers.
    """
    if not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be between 1 and {MAX_DRAWS:,}")
    ranged = ranged_inputs(ev.inputs)
    usd_ranged = ev.scenario.usd_rate is not None and not ev.scenario.usd_rate.is_fixed
    if not ranged and not usd_ranged:
        return _zero_width(ev, draws, seed)

    import numpy as np

    rng = np.random.default_rng(seed)
    # Buy prices the preset chosen at the likely values: a vendor is chosen once, not per draw.
    scenario = ev.scenario.model_copy(update={
        "buy": ev.scenario.buy.model_copy(update={"vendor": ev.options["buy"].vendor})})
    mi = resolve_inputs(scenario, pick=_sampler(np, rng, draws, range_bounds(scenario)))
    totals = {k: np.broadcast_to(np.asarray(t, dtype=float), (draws,))
              for k, t in _totals(mi).items()}

    # The decision table, draw by draw.
    crit = ev.decision.criteria
    v = mi.values

    def per_draw(x: Any) -> Any:
        return np.broadcast_to(np.asarray(x, dtype=float), (draws,))

    scale_met = ((per_draw(v["services"]) >= per_draw(v["scale_min_services"]))
                 & (per_draw(v["monthly_requests"]) >= per_draw(v["scale_min_monthly_requests"])))
    cost_wall = totals["buy"] > totals["self_host"]
    governance = crit["need"]["kind"] == "governance"
    stock = crit["ops_capacity"]["level"] == "stock"
    compliance = bool(crit["walls"]["compliance"]["met"])
    customization = bool(crit["walls"]["customization"]["met"])
    # select_rule sees each draw only through four yes/no facts, so it is called once per
    # distinct combination (at most 16) and the outcome counted over the draws that share it.
    cheaper = totals["automate"] < totals["direct"]
    not_dearer = totals["automate"] <= totals["direct"]
    codes = (scale_met.astype(int) * 8 + cost_wall.astype(int) * 4 + cheaper.astype(int) * 2
             + not_dearer.astype(int))
    counts = np.bincount(codes, minlength=16)
    outcomes: dict[str, int] = {}
    same = 0
    target = (ev.decision.option, ev.decision.rule)
    for code in np.flatnonzero(counts).tolist():
        i = int(np.argmax(codes == code))  # a draw with this combination
        outcome = select_rule(governance=governance, scale_met=bool(scale_met[i]),
                              ops_stock=stock, compliance=compliance,
                              cost_wall=bool(cost_wall[i]), customization=customization,
                              automate_total=float(totals["automate"][i]),
                              direct_total=float(totals["direct"][i]))
        key = f"{outcome[0]}/{outcome[1]}"
        outcomes[key] = outcomes.get(key, 0) + int(counts[code])
        same += int(counts[code]) if outcome == target else 0

    # Cheapest among the options the team could adopt (an infeasible one is no real choice).
    feasible = [k for k in OPTION_IDS if ev.options[k].feasible] or list(OPTION_IDS)
    wins = np.bincount(np.stack([totals[k] for k in feasible]).argmin(axis=0),
                       minlength=len(feasible)) / draws
    cheapest = dict(zip(feasible, wins.tolist(), strict=True))
    spreads = []
    for key in OPTION_IDS:
        p10, p50, p90 = np.percentile(totals[key], [10, 50, 90])
        spreads.append(OptionSpread(key, float(p10), float(p50), float(p90),
                                    float(cheapest.get(key, 0.0))))

    rec = ev.decision.option
    det: dict[str, float] = {k: ev.options[k].total for k in OPTION_IDS}
    # The runner-up is the cheapest other option the rules could have chosen here.
    rivals = [k for k in _alternatives(ev) if k != rec] or [k for k in OPTION_IDS if k != rec]
    runner_up = min(rivals, key=lambda k: det[k])
    tornado = _tornado(ev, ranged, rec, runner_up)
    expected_loss, info = _information_value(ev, mi, ranged, totals, np)
    breakeven = find_breakeven(ev.inputs, [b.input for b in tornado[:BREAKEVEN_INPUTS]])
    return Uncertainty(
        draws=draws, seed=seed, options=tuple(spreads), confidence=same / draws,
        outcomes={k: n / draws for k, n in sorted(outcomes.items(), key=lambda kv: -kv[1])},
        runner_up=runner_up, tornado=tornado, expected_loss=expected_loss, info=info,
        ranged=tuple(ranged), breakeven=breakeven,
    )


def _tornado(ev: Assessed, ranged: Sequence[str], rec: str,
             runner_up: str) -> tuple[TornadoBar, ...]:
    bars = []
    for name in ranged:
        written = ev.inputs.inputs[name].written
        assert written is not None
        gaps = []
        for end in (written.low, written.high):
            t = _totals(ev.inputs.with_values({name: end}))
            gaps.append(float(t[rec] - t[runner_up]))
        bars.append(TornadoBar(name, ev.inputs.inputs[name].field, written.low, written.high,
                               gaps[0], gaps[1]))
    bars.sort(key=lambda b: -b.swing)
    # An input that does not move the gap at all is no bar.
    return tuple(b for b in bars if b.swing > 1e-9)[:TORNADO_BARS]


def _information_value(ev: Assessed, mi: ModelInputs, ranged: Sequence[str],
                       totals: Mapping[str, Any], np: Any) -> tuple[float, tuple[InfoValue, ...]]:
    """Expected value of perfect information, in all and per input (EVPI and EVPPI).

    The choice is between the options the rules could pick given the scenario's facts. Without
    more information the best bet is the option cheapest on average; a wrong choice costs, in
    a draw, its difference to that draw's cheapest option, and EVPI is that difference on
    average. Knowing one input exactly is estimated by grouping the draws into quantile bins of
    that input and betting on the cheapest option on average within each bin.
    """
    alternatives = _alternatives(ev)
    if ev.decision.option not in alternatives:
        alternatives = [ev.decision.option, *alternatives]
    costs = np.stack([totals[k] for k in alternatives])
    draws = costs.shape[1]
    best_bet = float(costs.mean(axis=1).min())
    evpi = max(0.0, best_bet - float(costs.min(axis=0).mean()))
    if evpi <= 0 or len(alternatives) < 2:
        return 0.0, ()
    info = []
    for name in ranged:
        values = np.broadcast_to(np.asarray(mi.values[name], dtype=float), (draws,))
        order = np.argsort(values, kind="stable")
        informed = 0.0
        for chunk in np.array_split(order, _INFO_BINS):
            if chunk.size:
                informed += chunk.size / draws * float(costs[:, chunk].mean(axis=1).min())
        value = max(0.0, best_bet - informed)
        info.append(InfoValue(name, ev.inputs.inputs[name].field, value, min(1.0, value / evpi)))
    info.sort(key=lambda x: -x.value)
    return evpi, tuple(x for x in info if x.value > 0)
