"""Comparing evaluations: one-line summaries for batch tables, diffs of two scenarios, checks.

Pure: no files, no terminal. The command layer loads and evaluates scenarios, hands the
:class:`~gateway_roi.model.evaluation.Evaluation` objects here, and gives the results to
:mod:`gateway_roi.outputs.formatters`.

* :func:`summarize` -- what a comparison table (or a CSV row) shows of one scenario; small, so a
  batch of thousands keeps only these. :func:`summarize_totals` gives the same for a scenario
  costed with others of its shape (:func:`gateway_roi.model.batch.compare_many`).
* :func:`diff_evaluations` -- which inputs differ between two scenarios, how each option's total
  moved, whether the verdict changed and which criterion (or, if none, which cost comparison)
  moved it.
* :func:`check_verdict` -- does the verdict match the one a team recorded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from gateway_roi.model.batch import OptionTotals, Totals
from gateway_roi.model.changes import CriterionChange, criteria_changes
from gateway_roi.model.evaluation import Evaluation
from gateway_roi.model.ranges import Range
from gateway_roi.model.rules import RULES
from gateway_roi.model.scenario import Scenario
from gateway_roi.options import OPTION_IDS

__all__ = [
    "ABSENT",
    "COST_COMPARISONS",
    "CheckResult",
    "CostFlip",
    "CriterionChange",
    "InputChange",
    "OptionChange",
    "OptionSummary",
    "ScenarioDiff",
    "ScenarioSummary",
    "check_verdict",
    "diff_evaluations",
    "scenario_fields",
    "summarize",
    "summarize_totals",
]


# --- summaries -------------------------------------------------------------------------------


OptionSummary = OptionTotals
"""One option's figures in a comparison (the model's :class:`~gateway_roi.model.batch.OptionTotals`)."""


@dataclass(frozen=True)
class ScenarioSummary:
    """What a comparison table shows of one scenario."""

    source: str
    name: str
    currency: str
    horizon_months: int
    verdict: str
    rule: str
    confidence: float | None
    """Share of sampled draws giving the same rule and option; None when not sampled."""
    options: tuple[OptionSummary, ...]

    def option(self, option_id: str) -> OptionSummary:
        """The summary of one option by id."""
        return next(o for o in self.options if o.id == option_id)

    @property
    def breakeven_month(self) -> int | None:
        """Break-even month of the recommended option against ``direct`` (None: never or n/a)."""
        return self.option(self.verdict).breakeven_month


def summarize_totals(totals: Totals, source: str) -> ScenarioSummary:
    """The comparison-table view of a scenario costed in a batch (not sampled)."""
    s = totals.scenario
    return ScenarioSummary(source, s.name, s.currency, s.horizon_months, totals.option,
                           totals.rule, None, totals.options)


def summarize(ev: Evaluation, source: str) -> ScenarioSummary:
    """The comparison-table view of one evaluation."""
    return ScenarioSummary(
        source=source,
        name=ev.scenario.name,
        currency=ev.scenario.currency,
        horizon_months=ev.scenario.horizon_months,
        verdict=ev.decision.option,
        rule=ev.decision.rule,
        confidence=ev.uncertainty.confidence if ev.uncertainty is not None else None,
        options=tuple(
            OptionSummary(o.id, o.total, o.up_front, o.per_event, o.standing, o.breakeven_month,
                          o.feasible)
            for o in (ev.options[k] for k in OPTION_IDS)
        ),
    )


# --- diff ------------------------------------------------------------------------------------


class _Absent:
    """Marker for a field one scenario does not have (a list item, an assumption override)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()
"""Value of a field missing on one side of a diff."""


def scenario_fields(scenario: Scenario) -> dict[str, Any]:
    """Every field of a scenario by dotted path, valued as the user writes it.

    Ranges keep their written form (``5``, ``"5 to 10"``, ``{low, likely, high}``); lists of
    plain values stay whole; list items that have a ``name`` (providers) are keyed by it,
    ``providers.in_use[deepseek].fallbacks``, so adding one does not shift the others.
    """
    out: dict[str, Any] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), f"{path}.{name}" if path else name)
        elif isinstance(value, Range):
            out[path] = value.dump()
        elif isinstance(value, Mapping):
            for key in sorted(value):
                walk(value[key], f"{path}.{key}")
        elif isinstance(value, list | tuple) and any(isinstance(v, BaseModel) for v in value):
            for i, item in enumerate(value):
                key = getattr(item, "name", None)
                walk(item, f"{path}[{key}]" if isinstance(key, str) else f"{path}[{i}]")
        elif isinstance(value, list | tuple):
            out[path] = list(value)
        else:
            out[path] = value

    walk(scenario, "")
    # An unknown answer reads as written, never as the default taken in its place.
    out.pop("unknown", None)
    for path in scenario.unknown:
        out[path] = "unknown"
    return out


@dataclass(frozen=True)
class InputChange:
    """One field that differs; ``a``/``b`` as written (None: the default, ABSENT: not there)."""

    field: str
    a: Any
    b: Any
    a_default: float | None = None
    """The default figure used on side A when the field is not written there."""
    b_default: float | None = None


@dataclass(frozen=True)
class OptionChange:
    """One option's total over the horizon, before and after."""

    id: str
    a: float
    b: float

    @property
    def change(self) -> float:
        """``b - a``."""
        return self.b - self.a

    @property
    def percent(self) -> float | None:
        """Relative change in percent; None when ``a`` is zero."""
        return (self.b - self.a) / self.a * 100 if self.a else None


@dataclass(frozen=True)
class CostFlip:
    """A cost comparison the rules read whose answer flipped (e.g. automate vs direct)."""

    cheaper: str
    dearer: str
    """In A, ``cheaper`` cost less than ``dearer``; in B it no longer does."""
    a: tuple[float, float]
    b: tuple[float, float]
    """(cheaper's total, dearer's total) on each side."""

    @property
    def comparison(self) -> str:
        """``automate vs direct``."""
        return f"{self.cheaper} vs {self.dearer}"


COST_COMPARISONS: tuple[tuple[str, str], ...] = (("automate", "direct"), ("buy", "self_host"),
                                                 ("build", "self_host"))
"""Total-cost comparisons the rules read: automating vs living with it (convenience rules and
the fallbacks), buying vs self-hosting (the cost wall against buying), building vs self-hosting
(the cost wall against self-hosting)."""


@dataclass(frozen=True)
class ScenarioDiff:
    """What differs between scenario A and scenario B, and what it does to the verdict."""

    a_source: str
    b_source: str
    a_name: str
    b_name: str
    currency: tuple[str, str]
    horizon_months: tuple[int, int]
    inputs: tuple[InputChange, ...]
    options: tuple[OptionChange, ...]
    verdict: tuple[str, str]
    rule: tuple[str, str]
    criteria: tuple[CriterionChange, ...]
    cost_flips: tuple[CostFlip, ...]

    @property
    def verdict_changed(self) -> bool:
        """True when the recommended option differs."""
        return self.verdict[0] != self.verdict[1]

    @property
    def rule_changed(self) -> bool:
        """True when a different rule fired (the option may still be the same)."""
        return self.rule[0] != self.rule[1]

    @property
    def moved_by(self) -> str:
        """What moved the verdict, in words: the criteria that changed, else the cost flip."""
        if not (self.verdict_changed or self.rule_changed):
            return ""
        if self.criteria:
            return "criteria: " + ", ".join(c.criterion for c in self.criteria)
        if self.cost_flips:
            return "cost: " + ", ".join(f.comparison for f in self.cost_flips)
        return "no criterion or cost comparison the rules read changed"


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}"


def _criteria_changes(a: Evaluation, b: Evaluation) -> list[CriterionChange]:
    return criteria_changes(a.decision.criteria, b.decision.criteria, a.scenario.currency,
                            b.scenario.currency)


def _cost_flips(a: Evaluation, b: Evaluation) -> list[CostFlip]:
    out: list[CostFlip] = []
    for x, y in COST_COMPARISONS:
        xa, ya = a.options[x].total, a.options[y].total
        xb, yb = b.options[x].total, b.options[y].total
        if (xa < ya) == (xb < yb):
            continue
        cheaper, dearer = (x, y) if xa < ya else (y, x)
        out.append(CostFlip(cheaper, dearer,
                            (a.options[cheaper].total, a.options[dearer].total),
                            (b.options[cheaper].total, b.options[dearer].total)))
    return out


def _canonical_fields() -> list[str]:
    """Field paths in the order of the scenario model, list item keys left out."""
    return [re.sub(r"\[[^\]]*\]", "", p) for p in scenario_fields(Scenario())]


_CANONICAL = _canonical_fields()


def _field_rank(path: str) -> int:
    """Where a field goes in a diff: the model's order, list items (providers) together.

    Sorting by this keeps side B's extra providers or assumptions next to side A's.
    """
    group = path.split("[")[0]
    for i, known in enumerate(_CANONICAL):
        if known == group or known.startswith(group + "."):
            return i
    section = path.split(".")[0]
    return next((i for i, known in enumerate(_CANONICAL) if known.split(".")[0] == section),
                len(_CANONICAL))


def _defaults(ev: Evaluation) -> dict[str, float]:
    """Default figures the model used, by the field that would set them."""
    return {i.field: i.value for i in ev.inputs.inputs.values() if i.origin == "default"}


def diff_evaluations(a: Evaluation, b: Evaluation, a_source: str, b_source: str) -> ScenarioDiff:
    """Compare two evaluated scenarios: inputs, totals, verdict and what moved it."""
    fa, fb = scenario_fields(a.scenario), scenario_fields(b.scenario)
    da, db = _defaults(a), _defaults(b)
    changes: list[InputChange] = []
    paths = sorted([*fa, *(p for p in fb if p not in fa)], key=_field_rank)
    for path in paths:
        va, vb = fa.get(path, ABSENT), fb.get(path, ABSENT)
        if va == vb or (va is ABSENT and vb is None) or (vb is ABSENT and va is None):
            continue
        changes.append(InputChange(path, va, vb, da.get(path), db.get(path)))
    options = tuple(OptionChange(k, a.options[k].total, b.options[k].total) for k in OPTION_IDS)
    return ScenarioDiff(
        a_source=a_source,
        b_source=b_source,
        a_name=a.scenario.name,
        b_name=b.scenario.name,
        currency=(a.scenario.currency, b.scenario.currency),
        horizon_months=(a.scenario.horizon_months, b.scenario.horizon_months),
        inputs=tuple(changes),
        options=options,
        verdict=(a.decision.option, b.decision.option),
        rule=(a.decision.rule, b.decision.rule),
        criteria=tuple(_criteria_changes(a, b)),
        cost_flips=tuple(_cost_flips(a, b)),
    )


# --- check -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """A scenario's verdict against the one its team recorded."""

    source: str
    name: str
    expected: str
    actual: str
    rule: str
    rule_text: str
    reasons: tuple[str, ...]
    towards_expected: tuple[str, ...]
    """Tripwires (as text) that would bring the verdict back to the expected option, when
    the evaluation searched for them."""

    @property
    def matched(self) -> bool:
        """True when the verdict is the expected option."""
        return self.expected == self.actual


def check_verdict(ev: Evaluation, expected: str, source: str) -> CheckResult:
    """Compare the verdict of ``ev`` with ``expected`` (an option id)."""
    d = ev.decision
    return CheckResult(
        source=source,
        name=ev.scenario.name,
        expected=expected,
        actual=d.option,
        rule=d.rule,
        rule_text=RULES[d.rule],
        reasons=tuple(r.text() for r in d.reasons),
        towards_expected=tuple(t.text for t in ev.tripwires if t.option == expected),
    )
