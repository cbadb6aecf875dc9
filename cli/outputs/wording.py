"""Model results in words for people: tripwires, tornado bars, outcomes. Pure.

The model names inputs and rules by id (``team.platform_hour_cost``, ``governance-build``),
which JSON and CSV keep. Wherever a person reads, a terminal panel or a record, this module
names them in words: the input's short name, its value with a unit a person writes
(``99.86%``, ``870 CNY/h``), and, in Chinese sentences, the rule by what it means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gateway_roi.model.inputs import QUOTE_PREFIX
from gateway_roi.words.i18n import Either, Lang, Money, Phrase, Term
from gateway_roi.words.inputs import input_words, quantity

if TYPE_CHECKING:
    from gateway_roi.model.evaluation import Evaluation, Unknown
    from gateway_roi.model.tripwires import Tripwire
    from gateway_roi.model.uncertainty import InfoValue, TornadoBar, Uncertainty

__all__ = [
    "CLOSE_MARGIN",
    "ours",
    "skewed_options",
    "Reach",
    "depends",
    "lead",
    "quote_advice",
    "in_words",
    "input_label",
    "outcome_words",
    "reach",
    "shown_outcomes",
    "tripwire_text",
    "unknown_text",
]

CLOSE_MARGIN = 0.10
"""A verdict ahead of its runner-up by less than this share of its own total is a close call:
its first lines say so, with the figures (docs/decision-rules.md, "What the verdict rests on")."""

MIN_OUTCOME_SHARE = 0.005
"""An outcome that comes out in fewer draws than this rounds to 0%: it is not listed."""


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def input_label(ev: Evaluation, name: str, lang: Lang = "en") -> str:
    """The input ``name`` in words; a quote estimate by its plan's name, as the facts give it.

    "Portkey Enterprise quote estimate", not the lower-case parts of its id.
    """
    if name.startswith(QUOTE_PREFIX):
        from gateway_roi.model.inputs import quote_input

        for product in ev.inputs.facts.products.values():
            for plan_id, plan in product.plans.items():
                if quote_input(product.id, plan_id) == name:
                    return (f"{plan.name} 报价估计" if lang == "zh"
                            else f"{plan.name} quote estimate")
    return input_words(name, lang)


def tripwire_text(t: Tripwire, ev: Evaluation, lang: Lang = "en") -> str:
    """The tripwire in ``lang``: the input in words, values with their units.

    Chinese sentences name the option and the rule in words too
    (``平台工程师小时成本 >= 870 元/小时（当前 281 元/小时）→ 自研（…）``).
    """
    p = t.phrase()
    params = dict(p.params)
    cur = ev.scenario.currency
    inp = ev.inputs.inputs.get(t.input)
    if "field" in params:
        params["field"] = input_label(ev, t.input, lang)
        unit = inp.unit if inp is not None else ""
        if _number(t.threshold):
            params["threshold"] = quantity(float(t.threshold), unit, cur, lang)
        if t.current_range is None and _number(t.current):
            params["current"] = quantity(float(t.current), unit, cur, lang)
    params["option"] = Term(f"option_name.{t.option}")
    if "rule" in params:
        params["rule"] = Term(f"rule_name.{t.rule}")
    return Phrase(p.key, params).text(lang)


def unknown_text(u: Unknown, lang: Lang = "en", *, code: bool = False) -> str:
    """A field written ``unknown``: what to find out and what each answer gives, in ``lang``.

    Options and rules read as words in Chinese; with ``code`` (a record), the field's path is a
    code span, so a markdown reader cannot take its underscores for emphasis.
    """
    p = u.phrase()
    params = dict(p.params)
    params["field"] = f"`{u.field}`" if code else u.field
    if "answers" in params:
        params["answers"] = tuple(
            Phrase(a.key, {**a.params, "options": Either(tuple(
                Phrase("outcome", {"option": Term(f"option_name.{o}"),
                                   "rule": Term(f"rule_name.{r}")})
                for o, r in b.verdicts))})
            for a, b in zip(params["answers"], u.branches, strict=True))
    return Phrase(p.key, params).text(lang)


def in_words(phrase: Phrase) -> Phrase:
    """``phrase`` with the ids the model passes into sentences named in words.

    Nested phrases are worded too; the model passes data rules as terms already.
    """
    params: dict[str, Any] = {}
    for key, value in phrase.params.items():
        if isinstance(value, Phrase):
            value = in_words(value)
        elif isinstance(value, tuple) and all(isinstance(v, Phrase) for v in value):
            value = tuple(in_words(v) for v in value)
        params[key] = value
    return Phrase(phrase.key, params)


def outcome_words(outcome: str, lang: Lang = "en") -> str:
    """An ``option/rule`` outcome of the draws in words (``buy (governance-buy)``)."""
    option, _, rule = outcome.partition("/")
    return Phrase("outcome", {"option": Term(f"option_name.{option}"),
                              "rule": Term(f"rule_name.{rule}")}).text(lang)


def shown_outcomes(u: Uncertainty, verdict: str) -> list[tuple[str, float]]:
    """The other outcomes of the draws worth naming: those that round to at least 1%."""
    return [(k, v) for k, v in u.outcomes.items()
            if k != verdict and v >= MIN_OUTCOME_SHARE]


@dataclass(frozen=True)
class Reach:
    """How far one input, alone across its range, moves the decision's margin toward a flip."""

    share: float
    """The part of the margin its worse end uses up (1.0: the margin reaches zero)."""
    flips: bool
    """True when that end reverses the cost ranking of the verdict and the runner-up."""


def reach(bar: TornadoBar, margin: float) -> Reach:
    """How much of ``margin`` (runner-up's total minus the verdict's) ``bar``'s worse end uses.

    A positive margin flips when the gap falls to zero or below; a negative one (the rules
    chose the dearer option) when the gap rises to zero or above. A bar that moves the gap
    away from zero at both ends uses none of it.
    """
    if margin == 0:
        return Reach(0.0, True)
    if margin > 0:
        worst = min(bar.gap_at_low, bar.gap_at_high)
        used = (margin - worst) / margin
    else:
        worst = max(bar.gap_at_low, bar.gap_at_high)
        used = (worst - margin) / -margin
    used = max(0.0, used)
    return Reach(used, used >= 1.0)


def _answers(u: Unknown, rules: bool) -> tuple[Any, tuple[Phrase, ...]]:
    """An unknown's question and, for each answer, the verdicts it leads to (rules optional)."""
    p = u.phrase()

    def verdict(option: str, rule: str) -> Any:
        if not rules:
            return Term(f"option_name.{option}")
        return Phrase("outcome", {"option": Term(f"option_name.{option}"),
                                  "rule": Term(f"rule_name.{rule}")})

    return p.params["question"], tuple(
        Phrase(a.key, {**a.params, "options": Either(tuple(verdict(o, r) for o, r in b.verdicts))})
        for a, b in zip(p.params["answers"], u.branches, strict=True))


def depends(ev: Evaluation, lang: Lang = "en") -> str:
    """"depends on X: without it A, with it B", short enough for a title.

    For the first unknown that flips the verdict; "" when no unknown answer changes it.
    """
    for u in ev.unknowns:
        if u.decides:
            question, answers = _answers(u, rules=False)
            return Phrase("lead.depends_short", {"question": question,
                                                 "answers": answers}).text(lang)
    return ""


def _field_name(path: str) -> Any:
    """A field written ``unknown``, named in words."""
    section, _, leaf = path.rpartition(".")
    if section == "team":
        return Term(f"facet.{leaf}")
    if section == "needs.governance":
        return Term(f"need.{leaf}")
    if section == "needs.routing":
        return Term(f"routing.{leaf}")
    if path == "organisation.monthly_requests":
        return Term("lead.requests")
    if path == "organisation.services":
        return Term("lead.services")
    return leaf.replace("_", " ")


def _taken(u: Unknown) -> Phrase:
    value: Any = {"false": Term("no"), "true": Term("yes"), "no": Term("level.no"),
                  "required": Term("level.required")}.get(u.assumed, u.assumed)
    return Phrase("lead.taken", {"name": _field_name(u.field), "value": value})


def skewed_options(ev: Evaluation) -> list[str]:
    """Options whose total at the likely values lies outside their p10-p90 band of draws.

    Our estimates' ranges are often skewed (downtime cost 50 to 5,000, likely 250): the draws'
    totals then sit mostly above the likely-value total the cost table shows, and a reader
    needs a word on why before reading either.
    """
    u = ev.uncertainty
    if u is None:
        return []
    return [o.id for o in u.options
            if not o.p10 <= ev.options[o.id].total <= o.p90 and o.p90 > o.p10]


def ours(ev: Evaluation, i: InfoValue) -> bool:
    """True when an item of "what to measure next" is one of our estimates, not the team's.

    Such an item is to check against the team's own figures, and to replace.
    """
    inp = ev.inputs.inputs.get(i.input)
    return i.kind == "number" and inp is not None and inp.origin == "default"


def lead(ev: Evaluation, lang: Lang = "en") -> list[str]:
    """What the verdict rests on, for its first lines (issue 22, points 2 and 3).

    An unknown that flips it (or the answers it holds across), a close margin, an estimated price.

    Empty for a verdict that rests on none of these.
    """
    d = ev.decision
    out: list[str] = []
    deciding = [u for u in ev.unknowns if u.decides]
    for u in deciding:
        question, answers = _answers(u, rules=True)
        out.append(Phrase("lead.depends", {"question": question, "answers": answers}).text(lang))
    if deciding:
        out.append(Phrase("lead.assumed", {"taken": tuple(_taken(u) for u in deciding)}
                          ).text(lang))
    elif ev.unknowns:
        out.append(Phrase("lead.holds", {"taken": tuple(_taken(u) for u in ev.unknowns)}
                          ).text(lang))
    chosen, rival = ev.options[d.option], ev.options[d.runner_up]
    quoted = tuple(o for o in (chosen, rival) if o.quote_needed and o.product_label)
    share = d.margin / chosen.total if chosen.total > 0 else 0.0
    close = 0 <= share < CLOSE_MARGIN
    # Our estimates (not a price: those are named above) any one of which, at the far end of
    # its range, reverses the ranking of the verdict and the runner-up.
    fragile = tuple(input_words(b.input, lang) for b in (ev.uncertainty.tornado
                                                         if ev.uncertainty else ())
                    if reach(b, ev.uncertainty.margin).flips  # type: ignore[union-attr]
                    and ev.inputs.inputs[b.input].origin == "default"
                    and not b.input.startswith(QUOTE_PREFIX))
    if close or quoted or fragile:
        resting: Any = Phrase("lead.resting", {"products": tuple(o.product_label
                                                                 for o in quoted)}
                              ) if quoted else ""
        if fragile:
            named = ("、".join(fragile) if lang == "zh" else
                     " and ".join((", ".join(fragile[:-1]), fragile[-1]) if len(fragile) > 1
                                  else fragile))
            resting = Phrase("lead.resting_estimates" if not quoted
                             else "lead.resting_also", {"before": resting, "inputs": named})
        out.append(Phrase("lead.close" if close else "lead.ahead", {
            "option": Term(f"option_name.{d.option}"),
            "runner_up": Term(f"option_name.{d.runner_up}"),
            "margin": Money(abs(d.margin), ev.scenario.currency),
            "share": f"{share:.0%}", "resting": resting}).text(lang))
    return out


def quote_advice(ev: Evaluation, lang: Lang = "en") -> list[str]:
    """Whether to ask for a quote, for each estimated price that moves the margin (a tornado bar).

    What knowing it is worth and at what monthly price the verdict changes (issue 22, point 1):

    "Ask for a Portkey Enterprise quote: knowing it is worth at most $111 (...); below $9,100 a
    month the verdict is buy, from there self_host."
    """
    from gateway_roi.model.inputs import quote_input

    u, d = ev.uncertainty, ev.decision
    if u is None:
        return []
    labels = {quote_input(o.product, o.plan): o.product_label
              for o in ev.options.values() if o.quote_needed and o.product and o.plan}
    cur = ev.scenario.currency
    out = []
    for bar in u.tornado:
        if bar.input not in labels:
            continue
        own = next((i.value for i in u.info if i.input == bar.input), 0.0)
        # Its own value when the binned estimate resolves it; else the most any knowledge is
        # worth today (a wrong choice's expected cost), an upper bound.
        worth = Phrase("advice.worth_about" if own > 0 else "advice.worth_most",
                       {"value": Money(own if own > 0 else u.expected_loss, ev.scenario.currency)})
        trip = next((t for t in (*ev.tripwires, *u.breakeven)
                     if t.input == bar.input and t.direction in (">=", "<=")), None)
        params: dict[str, Any] = {"product": labels[bar.input], "worth": worth}
        if trip is None:
            out.append(Phrase("advice.quote_holds" if u.expected_loss > 0
                              else "advice.quote_moot", {
                **params, "low": Money(bar.low, cur), "high": Money(bar.high, cur),
                "option": Term(f"option_name.{d.option}")}).text(lang))
            continue
        below, above = ((d.option, trip.option) if trip.direction == ">="
                        else (trip.option, d.option))
        out.append(Phrase("advice.quote", {
            **params, "threshold": Money(float(trip.threshold), cur),
            "below": Term(f"option_name.{below}"),
            "above": Term(f"option_name.{above}")}).text(lang))
    return out
