"""The data a decision record is rendered from: pure, language-aware, already escaped.

:func:`report_data` turns an :class:`~cli.decision.Evaluation` into plain data for a jinja2
template: every piece of text from the scenario is escaped for markdown here, fixed text comes
translated from :mod:`cli.i18n`, money is formatted in the scenario's currency. A custom
template gets exactly this data (``gateway-roi report --format json`` shows it).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from cli.costs import HOURS_PER_MONTH, OPTION_IDS
from cli.decision import drivers, infeasible_reasons
from cli.evaluation import Evaluation
from cli.i18n import (
    Count,
    Lang,
    Money,
    Phrase,
    Term,
    format_money,
    format_number,
    term,
    translate_plain,
    translate_unit,
)
from cli.text import md_escape, one_line

__all__ = ["REPORT_SCHEMA_VERSION", "is_stale", "report_data"]

REPORT_SCHEMA_VERSION = 1
CHART_POINTS = 12


def _as_of_date(as_of: str) -> dt.date | None:
    parts = as_of.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2]) if len(parts) > 2 else 28
        return dt.date(year, month, min(day, 28))
    except (ValueError, IndexError):
        return None


def is_stale(as_of: str | None, today: dt.date) -> bool:
    """True when a figure dated ``as_of`` is more than 12 months older than ``today``.

    A year alone counts as its last month (the most favourable reading); undated figures are
    reported as undated rather than stale.
    """
    if not as_of:
        return False
    when = _as_of_date(as_of)
    if when is None:
        return False
    return (today.year - when.year) * 12 + (today.month - when.month) > 12


def _t(key: str, lang: Lang, **params: Any) -> str:
    return Phrase(key, params).text(lang) if params else term(key, lang)


def _percent(x: float) -> str:
    return f"{x * 100:.3g}%"


def _context(ev: Evaluation, lang: Lang) -> list[str]:
    s, v = ev.scenario, ev.inputs.values
    cur = s.currency
    org = s.organisation
    sentences = [
        _t("report.ctx.org", lang, name=md_escape(s.name), services=Count(v["services"]),
           added=Count(v["services_added_per_year"]), envs_count=len(org.environments),
           envs=", ".join(md_escape(e) for e in org.environments),
           requests=v["monthly_requests"], spend=Money(v["monthly_provider_spend"], cur),
           growth=_percent(v["traffic_growth_per_year"])),
    ]
    providers = []
    for p in s.providers.in_use:
        if p.fallbacks:
            providers.append(_t("report.ctx.fallback", lang, provider=md_escape(p.name),
                                chain=" -> ".join(md_escape(f) for f in p.fallbacks)))
        else:
            providers.append(md_escape(p.name))
    sep = "；" if lang == "zh" else "; "
    sentences.append(_t("report.ctx.providers", lang, providers=sep.join(providers),
                        new_providers=Count(v["new_providers_per_year"]),
                        new_models=Count(v["new_models_per_year"])))
    team = s.team
    size = format_number(team.platform_team_size.likely)
    # A size of 0 means "not stated" (ask does not ask it): say nothing rather than "a team of 0".
    sized = "" if team.platform_team_size.likely > 0 else "_unsized"
    if team.platform_team and team.on_call_24x7:
        sentences.append(_t("report.ctx.team.stock" + sized, lang, size=size))
    elif team.platform_team:
        sentences.append(_t("report.ctx.team.partial_team" + sized, lang, size=size))
    elif team.on_call_24x7:
        sentences.append(_t("report.ctx.team.partial_rotation", lang))
    else:
        sentences.append(_t("report.ctx.team.none", lang))
    stated = [(k, lvl) for k, lvl in s.needs.governance if lvl != "no"]
    if stated:
        items = tuple(Phrase("report.ctx.need_item", {"need": Term(f"need.{k}"),
                                                      "level": Term(f"level.{lvl}")})
                      for k, lvl in stated)
        sentences.append(_t("report.ctx.needs", lang, needs=items))
    else:
        sentences.append(_t("report.ctx.no_needs", lang))
    sentences.append(_t("report.ctx.horizon", lang, months=s.horizon_months,
                        rate=_percent(v["discount_rate"]),
                        hour=Money(v["engineer_hour_cost"], cur)))
    return sentences


def _drivers(ev: Evaluation, lang: Lang) -> list[dict[str, str]]:
    return [{"driver": term(d.label.key, lang), "state": term(d.state.key, lang),
             "evidence": d.evidence.text(lang)}
            for d in drivers(ev.decision.criteria, ev.scenario.currency)]


def _chart(ev: Evaluation) -> dict[str, Any]:
    """Cumulative cost from month 0 (up-front costs alone) to the horizon, about a dozen points."""
    months = ev.scenario.horizon_months
    step = max(1, math.ceil(months / CHART_POINTS))
    picks = [0, *range(step, months + 1, step)]
    if picks[-1] != months:
        picks.append(months)
    points = {key: [round(ev.options[key].cumulative_from_start[m]) for m in picks]
              for key in OPTION_IDS}
    series = [{"id": key, "points": values} for key, values in points.items()]
    top = max(max(values) for values in points.values())
    return {
        "months": picks,
        "series": series,
        "y_max": _nice_ceiling(top),
    }


def _nice_ceiling(x: float) -> int:
    if x <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(x))
    for factor in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if factor * magnitude >= x:
            return int(factor * magnitude)
    return int(10 * magnitude)


def report_data(ev: Evaluation, *, lang: Lang = "en", today: dt.date | None = None,
                source: str | None = None) -> dict[str, Any]:
    """Everything the decision-record template shows, in ``lang``, dated ``today``."""
    today = today or dt.date.today()
    s, d = ev.scenario, ev.decision
    cur = s.currency
    months = s.horizon_months
    years = months / 12

    def money(x: float) -> str:
        return format_money(Money(x, cur), lang)

    options = []
    for key in OPTION_IDS:
        o = ev.options[key]
        if key == "direct":
            breakeven = term("report.not_applicable", lang)
        elif o.breakeven_month:
            breakeven = _t("report.month_n", lang, month=o.breakeven_month)
        else:
            breakeven = term("report.never", lang)
        feasible = term("yes", lang) if o.feasible else _t(
            "report.feasible_no", lang, why=_infeasible_text(ev, key, lang))
        downtime_lines = [ln for ln in o.lines if ln.id in {"provider_downtime", "gateway_downtime"}]
        # Present value per year, like every other "per year" figure in the record.
        downtime_cost_year = sum(ln.total for ln in downtime_lines) / years
        options.append({
            "id": key,
            "label": term(f"option.{key}", lang),
            "chosen": key == d.option,
            "up_front": money(o.up_front),
            "per_event_per_year": money(o.per_event / years),
            "standing_per_year": money(o.standing / years),
            "total": money(o.total),
            "total_value": round(o.total, 2),
            "breakeven": breakeven,
            "feasible": feasible,
            "blast_radius": translate_plain(o.blast_radius, lang),
            "availability": f"{o.availability:.3%}",
            "downtime_hours_per_year": f"{(1 - o.availability) * HOURS_PER_MONTH * 12:,.1f}",
            "downtime_cost_per_year": money(downtime_cost_year),
            "heading": _t("report.option_heading", lang, id=key,
                          label=term(f"option.{key}", lang), total=Money(o.total, cur)),
            "lines": [
                {
                    "id": ln.id,
                    "label": translate_plain(ln.label, lang),
                    "kind": term(f"report.kind.{ln.kind}", lang),
                    "total": money(ln.total),
                    "formula": ln.formula,
                    "note": ln.note,
                    "inputs": [
                        f"{name} = {format_number(ev.inputs.values[name])} "
                        f"{translate_unit(ev.inputs.inputs[name].unit, cur, lang)} "
                        f"({term('report.origin.' + ev.inputs.inputs[name].origin, lang)})"
                        for name in ln.inputs
                    ],
                }
                for ln in o.lines
            ],
        })
    used = sorted({name for key in OPTION_IDS for ln in ev.options[key].lines
                   for name in ln.inputs})
    assumptions = []
    for name in used:
        inp = ev.inputs.inputs[name]
        if inp.origin != "default":
            continue
        flags = []
        if inp.estimate:
            flags.append(term("report.est", lang))
        if inp.as_of is None:
            flags.append(term("report.undated", lang))
        elif is_stale(inp.as_of, today):
            flags.append(term("report.stale", lang))
        assumptions.append({
            "id": name,
            "value": f"{format_number(inp.value)} {translate_unit(inp.unit, cur, lang)}",
            "source": inp.source or "",
            "as_of": inp.as_of or term("report.undated", lang),
            "stale": inp.as_of is not None and is_stale(inp.as_of, today),
            "flags": ("、" if lang == "zh" else ", ").join(flags),
        })
    chosen_label = term(f"option.{d.option}", lang)
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "lang": lang,
        "source": source,
        "meta": {
            # Front matter is YAML, not markdown: raw text, quoted by the template's yaml filter.
            "status": term("report.status", lang),
            "date": today.isoformat(),
            "decision_makers": [one_line(m) for m in s.decision_makers],
            "scenario": one_line(s.name),
        },
        "title": _t("report.title", lang, question=term("report.question", lang),
                    verdict=d.headline.text(lang)),
        "currency": cur,
        "horizon_months": months,
        "context": _context(ev, lang),
        "description": md_escape(s.description),
        "drivers": _drivers(ev, lang),
        "options": options,
        "outcome": {
            "option": d.option,
            "option_label": chosen_label,
            "rule": d.rule,
            "chosen": _t("report.chosen", lang, option=chosen_label, rule=d.rule,
                         rule_text=term(f"rule.{d.rule}", lang)),
            "headline": d.headline.text(lang),
            "reasons": [r.text(lang) for r in d.reasons],
        },
        "consequences": {"good": [c.text(lang) for c in d.good],
                         "bad": [c.text(lang) for c in d.bad]},
        "chart": _chart(ev),
        "tripwires": [t.phrase().text(lang) for t in ev.tripwires] + (
            [t.phrase().text(lang) for t in ev.uncertainty.breakeven]
            if ev.uncertainty is not None else []),
        "uncertainty": _uncertainty(ev, lang),
        "unknowns": [u.text for u in ev.unknowns],
        "assumptions": assumptions,
        "t": _labels(lang, months, cur, today),
    }


def _uncertainty(ev: Evaluation, lang: Lang) -> dict[str, Any] | None:
    """The "how sure" section: None when the scenario was not sampled."""
    u = ev.uncertainty
    if u is None:
        return None
    cur = ev.scenario.currency
    d = ev.decision

    def money(x: float) -> str:
        return format_money(Money(x, cur), lang)

    if not u.ranged:
        return {"sampled": False, "summary": _t("report.unc.no_ranges", lang)}

    def pct(x: float) -> str:
        return f"{x:.0%}"

    others = [f"{k} {pct(v)}" for k, v in u.outcomes.items() if k != f"{d.option}/{d.rule}"]
    spreads = {o.id: o for o in u.options}
    bars = [
        {"input": b.input, "field": b.field,
         "range": f"{format_number(b.low)} - {format_number(b.high)}",
         "gap_low": money(b.gap_at_low), "gap_high": money(b.gap_at_high),
         "swing": money(b.swing), "swing_value": round(b.swing)}
        for b in u.tornado
    ]
    useful = [i for i in u.info if i.share >= 0.01]
    return {
        "sampled": True,
        "summary": _t("report.unc.confidence", lang, option=d.option, rule=d.rule,
                      share=pct(u.confidence), draws=u.draws, seed=str(u.seed)),
        "flips": _t("report.unc.flips", lang, others=", ".join(others)) if u.flips_often else "",
        "set_aside": _t("report.unc.set_aside", lang, items=tuple(
            Phrase("report.unc.set_aside_item", {
                "option": a.option, "share": pct(spreads[a.option].p_cheaper_than_verdict),
                "why": a.why}) for a in d.set_aside)) if d.set_aside else "",
        "margin": money(u.margin),
        "options": [
            {"id": k, "p10": money(spreads[k].p10), "p50": money(spreads[k].p50),
             "p90": money(spreads[k].p90), "p_cheapest": pct(spreads[k].p_cheapest)}
            for k in OPTION_IDS
        ],
        "tornado_intro": _t("report.unc.tornado", lang, option=d.option, runner_up=u.runner_up,
                            currency=cur, margin=Money(u.margin, cur)),
        "tornado": bars,
        "chart_title": _t("report.unc.chart_title", lang, currency=cur),
        # Bars are drawn against the margin: a small swing on a wide margin looks small.
        "chart_max": _nice_ceiling(max((abs(u.margin), *(b.swing for b in u.tornado)))),
        "measure": _t("report.unc.measure", lang, loss=Money(u.expected_loss, cur))
        if useful else _t("report.unc.nothing_to_measure", lang),
        "measure_items": [
            _t("report.unc.measure_item", lang, input=i.input, field=i.field,
               share=pct(i.share), value=Money(i.value, cur))
            for i in useful[:5]
        ],
    }


def _infeasible_text(ev: Evaluation, key: str, lang: Lang) -> str:
    """Why an option is not feasible, in ``lang``, in words (never raw ids)."""
    sep = "; " if lang == "en" else "；"
    return sep.join(p.text(lang) for p in infeasible_reasons(ev.options[key]))


def _labels(lang: Lang, months: int, currency: str, today: dt.date) -> dict[str, str]:
    """Fixed text of the template, already in ``lang`` (keys without the ``report.`` prefix)."""
    keys = (
        "context", "drivers", "driver", "state", "evidence", "options", "option", "up_front",
        "per_event_per_year", "standing_per_year", "breakeven", "feasible", "outcome",
        "consequences", "good", "bad",
        "timeline", "month", "chart_title", "risk", "blast_radius", "availability",
        "downtime_hours", "downtime_cost", "tripwires", "no_tripwires", "unknowns", "cost_detail",
        "line",
        "kind", "formula", "inputs", "assumptions", "id", "value", "source", "as_of",
        "index_title", "scenario", "verdict", "rule", "uncertainty", "unc.p_cheapest",
        "unc.input", "unc.range", "unc.gap_low", "unc.gap_high", "unc.swing",
    )
    labels = {k.replace(".", "_"): term(f"report.{k}", lang) for k in keys}
    labels["total"] = _t("report.total", lang, months=months)
    labels["flags"] = term("report.flags", lang)
    labels["chart_title"] = _t("report.chart_title_cur", lang, currency=currency)
    labels["timeline_intro"] = _t("report.timeline_intro", lang, currency=currency,
                                  order=", ".join(OPTION_IDS))
    labels["assumptions_intro"] = _t("report.assumptions_intro", lang, date=today.isoformat())
    return labels
