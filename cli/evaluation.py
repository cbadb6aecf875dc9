"""One entry point for a verdict: scenario -> costs -> decision -> (tripwires, uncertainty).

Every command that shows a verdict (evaluate, report, ask, check, diff, map) gets it from
:func:`assess`, so they cannot drift apart. Pure: no files, no terminal. decision.py and
uncertainty.py both sit below this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cli.costs import ModelInputs, OptionCosts, compute_costs, resolve_inputs
from cli.decision import Decision, Tripwire, decide, find_tripwires
from cli.scenario import Scenario
from cli.uncertainty import DEFAULT_DRAWS, DEFAULT_SEED, Uncertainty, analyse

__all__ = ["DEFAULT_DRAWS", "DEFAULT_SEED", "Evaluation", "assess"]


@dataclass(frozen=True)
class Evaluation:
    """Everything gateway-roi says about one scenario."""

    scenario: Scenario
    inputs: ModelInputs
    options: Mapping[str, OptionCosts]
    decision: Decision
    tripwires: tuple[Tripwire, ...]
    uncertainty: Uncertainty | None = None
    """The Monte Carlo picture, when the scenario was sampled (:mod:`cli.uncertainty`)."""


def assess(scenario: Scenario, *, tripwires: bool = True, draws: int = 0,
           seed: int = DEFAULT_SEED) -> Evaluation:
    """Cost every option for ``scenario``, apply the rules, and optionally search and sample.

    ``tripwires``: search the values at which the verdict would change. ``draws``: Monte Carlo
    draws over the scenario's ranges (0: none), seeded with ``seed``.
    """
    mi = resolve_inputs(scenario)
    options = compute_costs(mi)
    decision = decide(mi, options)
    found = find_tripwires(mi, decision) if tripwires else ()
    ev = Evaluation(scenario, mi, options, decision, found)
    if draws:
        ev = Evaluation(scenario, mi, options, decision, found,
                        analyse(ev, draws=draws, seed=seed))
    return ev
