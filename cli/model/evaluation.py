"""One entry point for a verdict: scenario -> costs -> decision -> (tripwires, uncertainty).

Every command that shows a verdict (evaluate, report, ask, check, diff, map) gets it from
:func:`assess`, so they cannot drift apart. Pure: no files, no terminal. decision.py and
uncertainty.py both sit below this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gateway_roi.model.cost_lines import OptionCosts
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.facts import FactBook, bundled_facts
from gateway_roi.model.inputs import ModelInputs, resolve_inputs
from gateway_roi.model.scenario import UNKNOWN_NUMBER_RANGES, Scenario
from gateway_roi.model.tripwires import Tripwire, find_tripwires
from gateway_roi.model.unknown_answers import answer_combinations, answers
from gateway_roi.model.verdict import Decision, decide
from gateway_roi.words.i18n import Either, Phrase, Term, term

__all__ = ["DEFAULT_DRAWS", "DEFAULT_SEED", "Evaluation", "Unknown", "UnknownBranch", "assess",
           "facts_for", "unknown_branches"]

if TYPE_CHECKING:
    from gateway_roi.model.uncertainty import Uncertainty

DEFAULT_DRAWS = 10_000
"""As :data:`gateway_roi.model.uncertainty.DEFAULT_DRAWS` (not imported: a run without draws
never loads the sampler)."""

DEFAULT_SEED = 2026
"""As :data:`gateway_roi.model.uncertainty.DEFAULT_SEED`."""


@dataclass(frozen=True)
class UnknownBranch:
    """One answer to an unknown and the verdicts it leads to (over the other unknowns' answers)."""

    value: str
    """The answer as a user writes it: ``true``, ``false``, ``required``, ``no``, a number."""
    verdicts: tuple[tuple[str, str], ...]
    """Distinct (option, rule) pairs reached with this answer."""


@dataclass(frozen=True)
class Unknown:
    """A field answered ``unknown``: what the verdict assumed and what each answer gives."""

    field: str
    assumed: str
    """The answer the verdict took (the field's default, or the likely value of a number)."""
    branches: tuple[UnknownBranch, ...]

    @property
    def decides(self) -> bool:
        """True when the answers lead to different verdicts: find out before deciding."""
        return len({b.verdicts for b in self.branches}) > 1

    def phrase(self) -> Phrase:
        """What to find out, and what each answer gives, as a sentence in either language."""
        question, answer = _plain_question(self.field)
        if not self.decides:
            return Phrase("unknown.holds", {"field": self.field})
        return Phrase("unknown.decides", {
            "question": question, "field": self.field,
            "answers": tuple(Phrase("unknown.answer", {
                "answer": answer(b.value),
                "options": Either(tuple(f"{o} ({r})" for o, r in b.verdicts))})
                for b in self.branches)})

    @property
    def text(self) -> str:
        """Plain English: what to find out, and what each answer gives."""
        return self.phrase().text("en")


def _plain_question(field: str) -> tuple[Term | Phrase, Callable[[str], Term | Phrase]]:
    """What to find out about ``field``, and how each answer reads ("with one", "if required")."""
    if field in ("team.on_call_24x7", "team.platform_team"):
        return (Term(f"unknown.q.{field.rsplit('.', 1)[-1]}"),
                lambda v: Term("unknown.a.with_one" if v == "true" else "unknown.a.without"))
    leaf = field.rsplit(".", 1)[-1]
    words = leaf.replace("_", " ")
    if field in UNKNOWN_NUMBER_RANGES:
        named = f"unknown.q.{leaf}"
        return (Term(named) if term(named) != named else Phrase("unknown.q.number",
                                                               {"name": words}),
                lambda v: Phrase("unknown.a.at", {"value": v}))
    # A governance need has its own words; other levels (routing, native APIs) their name.
    need: Term | str = Term(f"need.{leaf}") if term(f"need.{leaf}") != f"need.{leaf}" else words
    return (Phrase("unknown.q.need", {"need": need}),
            lambda v: Term("unknown.a.if_required" if v == "required" else "unknown.a.if_not"))



@dataclass(frozen=True)
class Evaluation:
    """Everything gateway-roi says about one scenario."""

    scenario: Scenario
    inputs: ModelInputs
    options: Mapping[str, OptionCosts]
    decision: Decision
    tripwires: tuple[Tripwire, ...]
    uncertainty: Uncertainty | None = None
    """The Monte Carlo picture, when the scenario was sampled (:mod:`gateway_roi.model.uncertainty`)."""
    unknowns: tuple[Unknown, ...] = ()
    """Fields answered ``unknown``, each with the verdict of every answer."""


def assess(scenario: Scenario, *, tripwires: bool = True, draws: int = 0,
           seed: int = DEFAULT_SEED, facts: FactBook | None = None) -> Evaluation:
    """Cost every option for ``scenario``, apply the rules, and optionally search and sample.

    ``tripwires``: search the values at which the verdict would change. ``draws``: Monte Carlo
    draws over the scenario's ranges (0: none), seeded with ``seed``. ``facts``: the products to
    choose among (default: the bundled facts).
    """
    mi = resolve_inputs(scenario, facts=facts_for(scenario, facts))
    options = compute_costs(mi)
    decision = decide(mi, options)
    # Sampling loads numpy anyway: then the tripwires are searched through arrays too.
    found = find_tripwires(mi, decision, arrays=True if draws else None) if tripwires else ()
    unknowns = unknown_branches(scenario, mi.facts)
    ev = Evaluation(scenario, mi, options, decision, found, unknowns=unknowns)
    if draws:
        from gateway_roi.model.uncertainty import analyse

        ev = Evaluation(scenario, mi, options, decision, found,
                        analyse(ev, draws=draws, seed=seed), unknowns)
    return ev


def facts_for(scenario: Scenario, facts: FactBook | None = None) -> FactBook:
    """The products ``scenario`` is evaluated with.

    Its project settings' facts file (the loader keeps it there when no ``--facts`` was given),
    else ``facts``, else the bundled ones.
    """
    settings = scenario.settings
    if settings is not None and settings.facts is not None:
        own: FactBook = settings.facts
        return own
    return facts if facts is not None else bundled_facts()


def unknown_branches(scenario: Scenario, facts: FactBook | None = None) -> tuple[Unknown, ...]:
    """Which verdict each answer to each of the scenario's unknowns leads to.

    Every combination of answers is evaluated (numbers at their likely, low and high ends), up to
    :data:`gateway_roi.model.scenario.MAX_UNKNOWN_COMBINATIONS`; the verdict itself takes the defaults.
    """
    paths = scenario.unknown
    if not paths:
        return ()
    reached: list[tuple[tuple[str, ...], tuple[str, str]]] = []
    for said, changed in answer_combinations(scenario, paths):
        mi = resolve_inputs(changed, facts=facts)
        d = decide(mi, compute_costs(mi, detail=False))
        reached.append((said, (d.option, d.rule)))
    out = []
    for i, path in enumerate(paths):
        branches = []
        for written, _ in answers(scenario, path):
            verdicts = tuple(dict.fromkeys(v for combo, v in reached if combo[i] == written))
            if verdicts:
                branches.append(UnknownBranch(written, verdicts))
        out.append(Unknown(path, answers(scenario, path)[0][0], tuple(branches)))
    return tuple(sorted(out, key=lambda u: not u.decides))  # what to find out first
