"""How sure is the verdict? Ranges sampled by Monte Carlo, sensitivity and value of information.

Pure: arrays in memory, no files, no terminal. Every range in a scenario is sampled:
``{low, likely, high}`` as a PERT distribution, ``"a to b"`` as a 90% interval (a normal
distribution centred on its midpoint, kept within what the field allows). The cost model runs
once over arrays of draws (one value per draw) in totals-only mode, so memory grows with the
draws' own arrays only; the very same decision table (:func:`gateway_roi.model.rules.select_rule`) is
applied to every draw.

numpy is imported here only, and only when a scenario has ranges.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from gateway_roi.model.cost_lines import OptionCosts
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.inputs import QUOTE_PREFIX, ModelInputs, resolve_inputs
from gateway_roi.model.ranges import Bounds, Range
from gateway_roi.model.rules import allowed_options, decide_arrays
from gateway_roi.model.scenario import UNKNOWN_NUMBER_RANGES, Scenario, range_bounds
from gateway_roi.model.tripwires import Tripwire, at_points, find_breakeven
from gateway_roi.model.unknown_answers import answer_combinations
from gateway_roi.model.verdict import Decision, decide
from gateway_roi.options import OPTION_IDS

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_SEED",
    "LEAST_DRAWS_TO_RANK",
    "InfoValue",
    "OptionSpread",
    "TornadoBar",
    "Uncertainty",
    "analyse",
    "ranged_inputs",
    "sampler",
    "worth_sampling",
]

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 2026
MAX_DRAWS = 100_000
_COSTED_AT_ONCE = 10_000
"""Draws costed in one evaluation over arrays. Every month of every cost line (and of every plan
priced) is an array of that many draws: more are costed a slice at a time, so memory stays
about that of 10,000 draws (100,000 at once took some 800 MB)."""
TORNADO_BARS = 8
BREAKEVEN_INPUTS = 3  # break-even values are searched for the inputs with the widest bars
_Z90 = 1.6448536269514722  # a 90% interval spans +-1.645 standard deviations
_INFO_BINS = 20
LEAST_DRAWS_TO_RANK = _INFO_BINS * 10
"""Draws below which the value of knowing one number is not estimated. Knowing a number is
estimated by binning the draws by its value; under 10 draws a bin, knowing the bin is nearly
knowing the whole draw, and every input would look as if knowing it removed all the risk."""
_NEGLIGIBLE = 0.5
"""A wrong choice expected to cost less than this (in the scenario's currency) costs nothing
worth a word: every output would print it as 0 (a few draws of thousands that flip by cents)."""
_RULE_INPUTS = frozenset({"scale_min_services", "scale_min_monthly_requests"})
"""Defaults the decision rules read rather than a cost line: sampled whenever they are ranges."""


@dataclass(frozen=True)
class OptionSpread:
    """One option's total over the horizon across draws."""

    id: str
    p10: float
    p50: float
    p90: float
    p_cheapest: float
    """Share of draws in which it is the cheapest of the options the rules allow in that draw
    (0 for an option the rules never allow)."""
    p_cheaper_than_verdict: float
    """Share of draws in which it costs less than the verdict (whether the rules allow it)."""


@dataclass(frozen=True)
class TornadoBar:
    """How the decision's margin moves with one input, from its low end to its high end."""

    input: str
    field: str
    low: float
    high: float
    gap_at_low: float
    gap_at_high: float
    """The margin (runner-up's total minus the verdict's) at each end of the input's range."""

    @property
    def swing(self) -> float:
        """Width of the bar: how far the margin moves from the input's low end to its high end."""
        return abs(self.gap_at_high - self.gap_at_low)


@dataclass(frozen=True)
class InfoValue:
    """Expected value of knowing one input exactly before deciding."""

    input: str
    field: str
    value: float
    share: float
    """Share of the expected cost of a wrong choice (the hedge's, when there is one) that
    knowing this input would remove."""
    kind: Literal["number", "answer", "answers"] = "number"
    """``number``: a ranged input, to measure; ``answer``: a field written ``unknown`` (a yes/no
    fact or a need level), to find out (``input`` and ``field`` are then both its path);
    ``answers``: every field written ``unknown`` at once (``field`` lists their paths)."""


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
    margin: float
    """The decision's margin at the likely values: runner-up's total minus the verdict's."""
    tornado: tuple[TornadoBar, ...]
    expected_loss: float
    """Expected cost of deciding now rather than with perfect information (EVPI): in each draw,
    what the verdict costs beyond the option the rules would choose knowing that draw (and, when
    fields are written ``unknown``, knowing their answers, each answer taken as equally likely)."""
    info: tuple[InfoValue, ...]
    ranged: tuple[str, ...]
    hedge: tuple[str, float] | None = None
    """(option, its expected regret) when another option than the verdict risks less on today's
    knowledge: typically staying direct, nothing paid up front, until an unknown is found out.
    Values of information are measured from it."""
    breakeven: tuple[Tripwire, ...] = ()
    """For the inputs that move the margin most (and have no tripwire yet): the value at which
    the verdict changes (within 10x of the likely value)."""
    answers_weighed: int = 0
    """How many combinations of answers to fields written ``unknown`` (yes/no facts, need
    levels) ``confidence`` and ``outcomes`` weigh, each as equally likely (0: none written)."""
    inputs_ranked: bool = True
    """False when too few draws were made (under :data:`LEAST_DRAWS_TO_RANK`) to value knowing
    each number: ``info`` then holds only answers to fields written ``unknown``."""

    @property
    def flips_often(self) -> bool:
        """True when another verdict comes out in more than one draw in five."""
        return self.confidence < 0.8


class Assessed(Protocol):
    """What the analysis reads of an evaluated scenario (a ``model.evaluation.Evaluation``)."""

    @property
    def scenario(self) -> Scenario: ...  # noqa: D102

    @property
    def inputs(self) -> ModelInputs: ...  # noqa: D102

    @property
    def options(self) -> Mapping[str, OptionCosts]: ...  # noqa: D102

    @property
    def decision(self) -> Decision: ...  # noqa: D102

    @property
    def tripwires(self) -> tuple[Tripwire, ...]: ...  # noqa: D102


def ranged_inputs(mi: ModelInputs) -> list[str]:
    """Inputs with a range of non-zero width (written, or our estimate's), in the model's order."""
    return [name for name, inp in mi.inputs.items() if inp.spread is not None]


def worth_sampling(mi: ModelInputs, options: Mapping[str, OptionCosts]) -> list[str]:
    """The ranged inputs a draw can move: the scenario's own, and the estimates its costs read.

    Every range the scenario writes counts. Our estimates (a default's range, an unpublished
    price) are ranges for every default and every plan in the facts; only those a cost line or
    the rules of this scenario read make it uncertain.
    """
    used = {name for o in options.values() for ln in o.lines for name in ln.inputs}
    return [n for n in ranged_inputs(mi)
            if n in used or mi.inputs[n].origin != "default" or n in _RULE_INPUTS]


def sampler(np: Any, rng: Any, draws: int, bounds: Mapping[int, Bounds]) -> Any:
    """A ``pick`` for :func:`gateway_roi.model.costs.resolve_inputs`: ``draws`` values of each range.

    Shared by ``evaluate --draws`` and the decision map, so both sample alike.
    """

    def pick(r: Range) -> Any:
        if r.is_fixed:
            return r.likely
        low, likely, high = r.low, r.likely, r.high
        if r.kind == "pert":
            width = high - low
            alpha = 1 + 4 * (likely - low) / width
            beta = 1 + 4 * (high - likely) / width
            return low + width * rng.beta(alpha, beta, draws)
        # A 90% interval: a normal distribution with its median at the likely value (the
        # midpoint), so the draws and the deterministic verdict share their centre.
        values = rng.normal(likely, (high - low) / (2 * _Z90), draws)
        # Tails beyond a 90% interval are real, but never past what the field allows.
        field = bounds.get(id(r))
        if field is None:
            return values.clip(0.0, None) if low >= 0 else values
        return values.clip(field.clip_low(), field.le)

    return pick


def _sampled_costs(mi: ModelInputs, draws: int, np: Any) -> dict[str, OptionCosts]:
    """``compute_costs(mi, detail=False)`` for inputs drawn ``draws`` times, a slice at a time.

    Each draw is costed from its own values alone, element by element, so the slices give
    every draw's figures as one evaluation would. Of the options, each total and up-front cost
    (what the analysis reads) are whole; the rest is the first slice's.
    """
    if draws <= _COSTED_AT_ONCE:
        return compute_costs(mi, detail=False)

    def sliced(x: Any, cut: slice) -> Any:
        return x[cut] if np.ndim(x) else x

    parts = []
    for start in range(0, draws, _COSTED_AT_ONCE):
        cut = slice(start, start + _COSTED_AT_ONCE)
        part = dataclasses.replace(mi, values={k: sliced(v, cut) for k, v in mi.values.items()},
                                   usd_rate=sliced(mi.usd_rate, cut))
        size = min(draws, start + _COSTED_AT_ONCE) - start
        parts.append((size, compute_costs(part, detail=False)))

    def joined(key: str, field: str) -> Any:
        return np.concatenate([np.broadcast_to(np.asarray(getattr(costs[key], field),
                                                          dtype=float), (size,))
                               for size, costs in parts])

    first = parts[0][1]
    return {k: dataclasses.replace(first[k], total=joined(k, "total"),
                                   up_front=joined(k, "up_front")) for k in OPTION_IDS}


def _totals(mi: ModelInputs) -> dict[str, Any]:
    return {k: o.total for k, o in compute_costs(mi, detail=False).items()}


def _zero_width(ev: Assessed, draws: int, seed: int) -> Uncertainty:
    d = ev.decision
    totals: dict[str, float] = {k: ev.options[k].total for k in OPTION_IDS}
    allowed = allowed_options(d.criteria.facts(ev.options))
    cheapest = min(allowed, key=lambda k: totals[k])
    return Uncertainty(
        draws=draws, seed=seed,
        options=tuple(OptionSpread(k, totals[k], totals[k], totals[k],
                                   1.0 if k == cheapest else 0.0,
                                   1.0 if totals[k] < totals[d.option] else 0.0)
                      for k in OPTION_IDS),
        confidence=1.0,
        outcomes={f"{d.option}/{d.rule}": 1.0},
        runner_up=d.runner_up, margin=d.margin,
        tornado=(), expected_loss=0.0, info=(), ranged=(),
    )


def analyse(ev: Assessed, *, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED) -> Uncertainty:
    """Sample every range of the evaluated scenario and say how sure the verdict is.

    Every draw goes through the same cost model and the same decision table as the verdict
    (:func:`gateway_roi.model.rules.decide_arrays`). Deterministic scenarios (no ranges) give
    zero-width results without sampling. The same ``seed`` and ``draws`` always give the same numbers.
    """
    if not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be between 1 and {MAX_DRAWS:,}")
    ranged = worth_sampling(ev.inputs, ev.options)
    usd_ranged = ev.scenario.usd_rate is not None and not ev.scenario.usd_rate.is_fixed
    unknown = [p for p in ev.scenario.unknown if p not in UNKNOWN_NUMBER_RANGES]
    if not ranged and not usd_ranged:
        zero = _zero_width(ev, draws, seed)
        if not unknown:
            return zero
        import numpy as np

        branches = _branches(ev, unknown, (), 1, seed, np, sampled=False)
        loss, info, hedge = _information_value(ev, branches, (), unknown, np)
        confidence, outcomes = _weighed(branches, ev.decision, np)
        return dataclasses.replace(zero, expected_loss=loss, info=info, hedge=hedge,
                                   confidence=confidence, outcomes=outcomes,
                                   answers_weighed=len(branches))

    import numpy as np

    rng = np.random.default_rng(seed)
    d = ev.decision
    mi = resolve_inputs(ev.scenario, pick=sampler(np, rng, draws, range_bounds(ev.scenario)),
                        facts=ev.inputs.facts, estimates=ranged)
    costs = _sampled_costs(mi, draws, np)
    totals = {k: np.broadcast_to(np.asarray(o.total, dtype=float), (draws,))
              for k, o in costs.items()}
    verdicts = decide_arrays(mi, costs, base=d.criteria)
    same = (verdicts.option == d.option) & (verdicts.rule == d.rule)
    keys, counts = np.unique(np.char.add(np.char.add(verdicts.option, "/"), verdicts.rule),
                             return_counts=True)
    outcomes = {str(k): int(n) / draws for k, n in sorted(zip(keys.tolist(), counts.tolist(),
                                                              strict=True),
                                                          key=lambda kv: -kv[1])}

    main = _Branch.of(mi, costs, verdicts.option, ranged, np, d)
    spreads = _spreads(totals, main.allowed, d.option, np)

    tornado = _tornado(ev, ranged, np)
    # Knowing an unknown answer is worth something too: every combination of answers is sampled
    # with the same draws (common random numbers), so the answers and the ranges share one scale.
    if unknown:
        # The branches sample again: the verdict's own draws (every input, every month) go
        # first, so the two never sit in memory together.
        del mi, costs, main
        branches = _branches(ev, unknown, ranged, _branch_draws(draws, unknown), seed, np)
        # A verdict an unknown answer can flip is not sure however its ranges fall: every
        # combination of answers counts, each as equally likely (as the value of information).
        confidence, outcomes = _weighed(branches, d, np)
        # The spreads and cheapest shares weigh every combination of answers alike too, so the
        # table agrees with the share of draws above it.
        spreads = _spreads({k: np.concatenate([b.totals[k] for b in branches])
                            for k in OPTION_IDS},
                           {k: np.concatenate([b.allowed[k] for b in branches])
                            for k in OPTION_IDS}, d.option, np)
    else:
        branches = [main]
        confidence = float(np.mean(same))
    # Each combination of answers repeats the same draws: the fewest any of them holds count.
    ranked = min(b.choice.size for b in branches) >= LEAST_DRAWS_TO_RANK
    expected_loss, info, hedge = _information_value(ev, branches, ranged if ranked else (),
                                                    unknown, np)
    searched = {t.input for t in ev.tripwires}
    # The widest bars, and every estimated price that moves the margin: a quote is the one
    # input a team can learn by asking, so where it would flip the verdict is always worth saying.
    wanted = [b.input for b in tornado[:BREAKEVEN_INPUTS]]
    wanted += [b.input for b in tornado if b.input.startswith(QUOTE_PREFIX)
               and b.input not in wanted]
    breakeven = find_breakeven(ev.inputs, [n for n in wanted if n not in searched])
    return Uncertainty(
        draws=draws, seed=seed, options=tuple(spreads), confidence=confidence,
        outcomes=outcomes, runner_up=d.runner_up, margin=d.margin, tornado=tornado,
        expected_loss=expected_loss, info=info, ranged=tuple(ranged), breakeven=breakeven,
        hedge=hedge, answers_weighed=len(branches) if unknown else 0,
        inputs_ranked=ranked or not ranged,
    )


def _spreads(totals: Mapping[str, Any], allowed: Mapping[str, Any], verdict: str, np: Any
             ) -> list[OptionSpread]:
    """Each option's p10/p50/p90 total over the draws, and how often it is the cheapest.

    Cheapest among the options the rules allow in each draw (scale may differ per draw).
    """
    draws = len(totals[verdict])
    stacked = np.stack([totals[k] for k in OPTION_IDS])
    masked: Any = np.where(np.stack([allowed[k] for k in OPTION_IDS]), stacked, np.inf)
    wins = np.bincount(masked.argmin(axis=0), minlength=len(OPTION_IDS)) / draws
    never = np.isinf(masked).all(axis=1)
    spreads = []
    for i, key in enumerate(OPTION_IDS):
        p10, p50, p90 = np.percentile(totals[key], [10, 50, 90])
        spreads.append(OptionSpread(key, float(p10), float(p50), float(p90),
                                    0.0 if never[i] else float(wins[i]),
                                    float(np.mean(totals[key] < totals[verdict]))))
    return spreads


def _weighed(branches: Sequence[_Branch], d: Decision, np: Any
             ) -> tuple[float, dict[str, float]]:
    """The verdict's share of draws, and each outcome's, over every combination of answers.

    Each combination of answers to the fields written ``unknown`` weighs the same.
    """
    shares: dict[str, float] = {}
    for b in branches:
        keys, counts = np.unique(np.char.add(np.char.add(b.choice.astype(str), "/"),
                                             b.rule.astype(str)), return_counts=True)
        for k, n in zip(keys.tolist(), counts.tolist(), strict=True):
            shares[str(k)] = shares.get(str(k), 0.0) + int(n) / b.choice.size / len(branches)
    outcomes = dict(sorted(shares.items(), key=lambda kv: -kv[1]))
    return outcomes.get(f"{d.option}/{d.rule}", 0.0), outcomes


def _tornado(ev: Assessed, ranged: Sequence[str], np: Any) -> tuple[TornadoBar, ...]:
    """How far the decision's margin moves from each ranged input's low end to its high end."""
    d = ev.decision
    spreads = {name: ev.inputs.inputs[name].spread for name in ranged}
    ends = [(name, end) for name, r in spreads.items() if r is not None
            for end in (r.low, r.high)]
    if not ends:
        return ()
    # Every end of every range in one evaluation of the model over arrays.
    t = _totals(at_points(ev.inputs, ends))
    gap = np.broadcast_to(np.asarray(t[d.runner_up] - t[d.option], dtype=float), (len(ends),))
    bars = []
    for i, name in enumerate(dict.fromkeys(name for name, _ in ends)):
        r = spreads[name]
        assert r is not None
        bars.append(TornadoBar(name, ev.inputs.inputs[name].field, r.low, r.high,
                               float(gap[2 * i]), float(gap[2 * i + 1])))
    bars.sort(key=lambda b: -b.swing)
    # An input that does not move the margin at all is no bar.
    return tuple(b for b in bars if b.swing > 1e-9)[:TORNADO_BARS]


@dataclass(frozen=True)
class _Branch:
    """One combination of answers to the unknown fields, sampled.

    Per draw: each option's total and up-front cost, whether the rules allow it, the option
    they choose, and the inputs.
    """

    answers: tuple[str, ...]
    verdict: str
    """What the rules choose for this combination at the likely values: where a draw's facts
    rule an adopted option out, the team switches to it, knowing no more than that."""
    totals: Mapping[str, Any]
    up_front: Mapping[str, Any]
    allowed: Mapping[str, Any]
    choice: Any
    values: Mapping[str, Any]
    rule: Any = None
    """The rule that fired per draw (with ``choice``, the outcome); set for answer branches."""

    @classmethod
    def of(cls, mi: ModelInputs, costs: Mapping[str, OptionCosts], choice: Any,
           ranged: Sequence[str], np: Any, likely: Decision, answers: tuple[str, ...] = ()
           ) -> _Branch:
        """The branch of sampled inputs ``mi``, their costs and the rules' ``choice`` per draw.

        ``likely`` is the decision for the same answers at the likely values. Only the
        ``ranged`` inputs' draws are kept (what the value of information bins by).
        """
        draws = int(np.size(choice))

        def each(x: Any) -> Any:
            return np.broadcast_to(np.asarray(x, dtype=float), (draws,))

        v = mi.values
        facts = likely.criteria.facts()
        scale_met = ((each(v["services"]) >= each(v["scale_min_services"]))
                     & (each(v["monthly_requests"]) >= each(v["scale_min_monthly_requests"])))
        allowed: dict[str, Any] = {k: np.zeros(draws, dtype=bool) for k in OPTION_IDS}
        for met in (False, True):
            for k in allowed_options(dataclasses.replace(facts, scale_met=met)):
                allowed[k] = allowed[k] | (scale_met == met)
        return cls(answers, likely.option, {k: each(o.total) for k, o in costs.items()},
                   {k: each(o.up_front) for k, o in costs.items()}, allowed,
                   np.broadcast_to(np.asarray(choice, dtype=object), (draws,)),
                   {k: each(v[k]) for k in ranged})


def _branch_draws(draws: int, unknown: Sequence[str]) -> int:
    """Draws per combination of answers (every unknown answer is yes/no or no/required).

    Twice the draws asked for, shared out among the combinations, and at least 500 each (or
    all of them when fewer are asked): the answers are enumerated, not sampled, so each
    combination needs fewer draws, and memory stays near that of one sampling of ``draws``.
    """
    combos = 2 ** len(unknown)
    return int(max(min(draws, 500), math.ceil(2 * draws / combos)))


def _branches(ev: Assessed, unknown: Sequence[str], ranged: Sequence[str], draws: int,
              seed: int, np: Any,
              *, sampled: bool = True) -> list[_Branch]:
    """Every combination of answers to the ``unknown`` fields, each sampled with the same seed.

    Every combination draws the same estimates (those any combination's cost lines read, and
    ``ranged``), so each input's draws are the same in all of them (common random numbers): a
    draw differs between combinations only by the answers. Were each to draw only what its own
    lines read, an answer that adds a line would shift every later input's draws, and the
    combinations would no longer share them. Only the ``ranged`` inputs (those of the default
    answers) are kept for the value of information: an estimate only another answer's lines
    read is drawn but not valued.
    """
    combinations = []
    wanted = set(ranged)
    for written, scenario in answer_combinations(ev.scenario, unknown):
        at_likely = resolve_inputs(scenario, facts=ev.inputs.facts)
        costs_likely = compute_costs(at_likely, detail=False)
        combinations.append((written, scenario, at_likely, decide(at_likely, costs_likely)))
        if sampled:
            # The estimates this combination's cost lines read (an answer may add lines).
            wanted.update(worth_sampling(at_likely, costs_likely))
    out = []
    for written, scenario, at_likely, likely in combinations:
        if sampled:
            rng = np.random.default_rng(seed)
            mi = resolve_inputs(scenario, pick=sampler(np, rng, draws, range_bounds(scenario)),
                                facts=ev.inputs.facts, estimates=wanted)
        else:
            mi = at_likely
        costs = _sampled_costs(mi, draws if sampled else 1, np)
        verdicts = decide_arrays(mi, costs, base=likely.criteria)
        branch = _Branch.of(mi, costs, verdicts.option, ranged, np, likely, written)
        out.append(dataclasses.replace(branch, rule=np.broadcast_to(
            np.asarray(verdicts.rule, dtype=object), np.shape(branch.choice))))
    return out


def _information_value(ev: Assessed, branches: Sequence[_Branch], ranged: Sequence[str],
                       unknown: Sequence[str], np: Any
                       ) -> tuple[float, tuple[InfoValue, ...], tuple[str, float] | None]:
    """Expected value of perfect information on the rule-based decision, in all and per input.

    With perfect information the team would adopt, in each draw (and each combination of
    answers to the unknown fields), the option the rules choose there; deciding now, it adopts
    the verdict. A draw's regret is what the verdict costs beyond the rules' choice there, never
    negative: a dearer choice the rules insist on, such as a gateway for a legal need, is no
    saving missed. Where the facts of a draw rule an option out altogether, the team switches at
    once to what the rules choose for those answers (still not knowing the ranged inputs): its
    regret is what it paid up front, lost, plus the regret of the option it switches to there
    (the same for a cheaper and a dearer option). EVPI is the verdict's mean regret.

    Knowing one input exactly is estimated by grouping the draws into quantile bins of that
    input, knowing an unknown answer by grouping them by answer, and knowing every unknown
    answer by grouping them by combination; each group adopts the option with the least regret
    there (EVPPI). Values are measured from the option with the least expected regret on
    today's knowledge, returned as the hedge when it is not the verdict (money only: the rules'
    reasons still stand); their shares are of its expected regret.
    """
    d = ev.decision
    choices = np.concatenate([b.choice for b in branches])
    candidates = sorted({d.option, *np.unique(choices).tolist()})
    if len(candidates) < 2:
        return 0.0, (), None

    def joined(part: str, key: str) -> Any:
        return np.concatenate([getattr(b, part)[key] for b in branches])

    totals: dict[str, Any] = {k: joined("totals", k) for k in OPTION_IDS}
    best_cost = np.zeros_like(totals[d.option])
    for k in candidates:
        best_cost = np.where(choices == k, totals[k], best_cost)
    allowed: dict[str, Any] = {k: joined("allowed", k) for k in OPTION_IDS}
    up_front: dict[str, Any] = {k: joined("up_front", k) for k in OPTION_IDS}
    # First as if a ruled-out option cost only what was paid for it; then the switch: the team
    # moves to what the rules choose for those answers, still not knowing the ranged inputs,
    # and carries that option's own regret in the draw.
    plain: dict[str, Any] = {k: np.where(allowed[k], np.maximum(totals[k] - best_cost, 0.0), up_front[k])
             for k in OPTION_IDS}
    target = np.concatenate([np.full(b.choice.size, b.verdict, dtype=object) for b in branches])
    after_switch = np.zeros_like(best_cost)
    for k in OPTION_IDS:
        after_switch = np.where(target == k, plain[k], after_switch)
    regret = {k: np.where(allowed[k], plain[k],
                          up_front[k] + np.where(target == k, 0.0, after_switch))
              for k in candidates}
    evpi = float(regret[d.option].mean())
    if evpi < _NEGLIGIBLE:
        return 0.0, (), None
    draws = len(best_cost)
    stacked = np.stack([regret[k] for k in candidates])

    # Values are measured from the choice with the least expected regret on today's knowledge
    # (the standard EVPPI), among the same options a group may adopt once it knows: measured
    # from the verdict, a choice that risks less whatever the input (one whose up-front cost is
    # all that is lost if the answers go against it) would be credited to every input.
    means = dict(zip(candidates, stacked.mean(axis=1).tolist(), strict=True))
    hedge_option = min(candidates, key=lambda k: (means[k], k != d.option))
    now = means[hedge_option]
    hedge = (hedge_option, now) if hedge_option != d.option and now < evpi * 0.99 else None
    if now <= 0:
        return evpi, (), hedge

    def informed(groups: Sequence[Any]) -> float:
        return float(sum(g.size / draws * float(stacked[:, g].mean(axis=1).min())
                         for g in groups if g.size))

    def worth(input: str, field: str, groups: Sequence[Any],
              kind: Literal["number", "answer", "answers"]) -> InfoValue:
        value = max(0.0, now - informed(groups))
        return InfoValue(input, field, value, min(1.0, value / now), kind)

    # Quantile bins of each ranged input, as equal in size as np.array_split makes them: a
    # draw's bin is found against the values at the bins' first ranks (a partial sort finds
    # them), and the mean regret per bin comes from bincount. Draws tied at an edge share a bin.
    # Fewer draws than bins: a bin per draw (empty bins would put a first rank past the end).
    sizes = [len(part) for part in np.array_split(np.arange(draws), min(_INFO_BINS, draws))]
    firsts = np.cumsum(sizes)[:-1]
    bins = len(sizes)

    def binned(name: str) -> InfoValue:
        x = joined("values", name)
        labels = np.searchsorted(np.partition(x, firsts)[firsts], x, side="right")
        counts = np.bincount(labels, minlength=bins).astype(float)
        seen = counts > 0
        means = (np.stack([np.bincount(labels, weights=row, minlength=bins)
                           for row in stacked])[:, seen] / counts[seen])
        share = counts[seen] / draws
        value = max(0.0, now - float((share * means.min(axis=0)).sum()))
        return InfoValue(name, ev.inputs.inputs[name].field, value, min(1.0, value / now),
                         "number")

    info = [binned(name) for name in ranged]
    for i, path in enumerate(unknown):
        said = np.concatenate([np.full(b.choice.size, b.answers[i], dtype=object)
                               for b in branches])
        info.append(worth(path, path, [np.flatnonzero(said == a)
                                       for a in dict.fromkeys(said.tolist())], "answer"))
    numbers = [name for name in ranged if ev.inputs.inputs[name].field in ev.scenario.unknown]
    if len(unknown) + len(numbers) > 1:
        # Fields written unknown that only matter together (a gateway needs a platform team AND
        # a rotation; a legal need matters only at some volume) are worth little one at a time:
        # knowing all of them is an item of its own. Answers group by combination, unknown
        # numbers by quantile bins within it.
        edges = np.cumsum([0, *(b.choice.size for b in branches)])
        groups: list[Any] = []
        for a, b in itertools.pairwise(edges):
            rows = np.arange(a, b)
            if numbers:
                keys = [joined("values", name)[rows] for name in numbers]
                groups.extend(np.array_split(rows[np.lexsort(keys[::-1])], _INFO_BINS))
            else:
                groups.append(rows)
        fields = [*unknown, *(ev.inputs.inputs[name].field for name in numbers)]
        together = worth(" + ".join(fields), ", ".join(fields), groups, "answers")
        alone = max((x.value for x in info if x.kind == "answer"
                     or x.input in numbers), default=0.0)
        if together.value > alone + 0.01 * now:
            info.append(together)
    info.sort(key=lambda x: -x.value)
    return evpi, tuple(x for x in info if x.share > 1e-9), hedge  # float noise: no value
