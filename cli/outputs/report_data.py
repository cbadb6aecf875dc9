"""The data a decision record is rendered from: pure, language-aware, already escaped.

:func:`report_data` turns an :class:`~gateway_roi.model.evaluation.Evaluation` into plain data
for a jinja2 template: every piece of text from the scenario is escaped for markdown here, fixed
text comes translated from :mod:`gateway_roi.words.i18n`, money is formatted in the scenario's
currency. A custom template gets exactly this data (``gateway-roi report --format json`` shows it).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from gateway_roi.model.cost_lines import HOURS_PER_MONTH, common_cost
from gateway_roi.model.evaluation import Evaluation
from gateway_roi.model.verdict import (
    answered,
    drivers,
    infeasible_reasons,
    requests_words,
    services_words,
)
from gateway_roi.options import OPTION_IDS
from gateway_roi.outputs.charts import (
    OPTION_COLOURS,
    mermaid_init,
    money_scale,
    nice_ceiling,
)
from gateway_roi.outputs.provenance import provenance, provenance_comment, settings_value
from gateway_roi.outputs.record_words import bare_money as _bare_money
from gateway_roi.outputs.record_words import chart_number as _chart_number
from gateway_roi.outputs.record_words import t as _t
from gateway_roi.outputs.report_uncertainty import info_words, uncertainty_section
from gateway_roi.outputs.wording import (
    depends,
    in_words,
    lead,
    ours,
    tripwire_text,
    unknown_text,
)
from gateway_roi.text import md_escape, one_line
from gateway_roi.words.i18n import (
    Count,
    Lang,
    Money,
    Phrase,
    Term,
    Things,
    format_number,
    term,
    translate_plain,
)
from gateway_roi.words.inputs import quantity
from gateway_roi.words.notes_zh import translate_note

__all__ = [
    "MADR_STATUSES",
    "REPORT_SCHEMA_VERSION",
    "STYLES",
    "RecordSettings",
    "code_names",
    "currency_name",
    "infeasible_text",
    "is_madr_status",
    "is_stale",
    "report_data",
]

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


def _percent(x: float) -> str:
    return f"{x * 100:.3g}%"


def _context(ev: Evaluation, lang: Lang) -> list[str]:
    s, v = ev.scenario, ev.inputs.values
    cur = s.currency
    org = s.organisation
    sentences = [
        _t("report.ctx.org", lang, name=md_escape(s.name),
           services=services_words(ev.decision.criteria, "ctx"),
           added=Count(v["services_added_per_year"]), envs_count=len(org.environments),
           envs=", ".join(md_escape(e) for e in org.environments),
           requests=requests_words(ev.decision.criteria, "ctx"),
           spend=Money(v["monthly_provider_spend"], cur),
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
                        new_providers=Things(v["new_providers_per_year"], "new provider",
                                             "new providers"),
                        new_models=Things(v["new_models_per_year"], "new model", "new models")))
    team = s.team
    size = format_number(team.platform_team_size.likely)
    # A size of 0 means "not stated" (ask does not ask it): say nothing rather than "a team of 0".
    sized = "" if team.platform_team_size.likely > 0 else "_unsized"
    crit = ev.decision.criteria
    if (set(crit.unknown) & {"team.platform_team", "team.on_call_24x7"} == {"team.on_call_24x7"}
            and team.platform_team and not sized):
        sentences.append(_t("report.ctx.team.rotation_unknown", lang, size=size,
                            rotation=answered(crit, "team.on_call_24x7", team.on_call_24x7)))
    elif {"team.platform_team", "team.on_call_24x7"} & set(crit.unknown):
        sentences.append(_t("report.ctx.team.unknown", lang,
                            team=answered(crit, "team.platform_team", team.platform_team),
                            rotation=answered(crit, "team.on_call_24x7", team.on_call_24x7)))
    elif team.platform_team and team.on_call_24x7:
        sentences.append(_t("report.ctx.team.stock" + sized, lang, size=size))
    elif team.platform_team:
        sentences.append(_t("report.ctx.team.partial_team" + sized, lang, size=size))
    elif team.on_call_24x7:
        sentences.append(_t("report.ctx.team.partial_rotation", lang))
    else:
        sentences.append(_t("report.ctx.team.none", lang))
    stated = [(k, lvl) for k, lvl in s.needs.governance
              if lvl != "no" or f"needs.governance.{k}" in crit.unknown]
    if stated:
        def level(k: str, lvl: str) -> Any:
            by = getattr(s.needs.required_by, k)
            if lvl == "required" and by is not None:
                return Phrase("report.ctx.required_by", {"by": Term(f"required_by.{by}")})
            return answered(crit, f"needs.governance.{k}", Term(f"level.{lvl}"))

        items = tuple(Phrase("report.ctx.need_item", {"need": Term(f"need.{k}"),
                                                      "level": level(k, lvl)})
                      for k, lvl in stated)
        sentences.append(_t("report.ctx.needs", lang, needs=items))
    else:
        sentences.append(_t("report.ctx.no_needs", lang))
    sentences.append(_t("report.ctx.horizon", lang, months=s.horizon_months,
                        rate=_percent(v["discount_rate"]),
                        hour=Money(v["engineer_hour_cost"], cur)))
    return sentences


def _drivers(ev: Evaluation, lang: Lang) -> list[dict[str, str]]:
    rows = [{"driver": term(d.label.key, lang), "state": term(d.state.key, lang),
             "evidence": in_words(d.evidence).text(lang)}
            for d in drivers(ev.decision.criteria, ev.scenario.currency)]
    for row in rows:
        if lang == "zh":
            row["line"] = f"**{row['driver']}**：{row['state']}（{row['evidence']}）"
        else:
            row["line"] = f"**{row['driver']}**: {row['state']} ({row['evidence']})"
    return rows


def _chart(ev: Evaluation, lang: Lang) -> dict[str, Any]:
    """Cumulative cost by month from month 0 (the up-front costs alone) to the horizon.

    Every month is plotted, so up-front costs show as the step each line starts with; the
    table under the chart samples about :data:`CHART_POINTS` of them.
    """
    s = ev.scenario
    months = s.horizon_months
    cur = s.currency
    top = max(max(ev.options[k].cumulative_from_start) for k in OPTION_IDS)
    scale = money_scale(top, lang, cur)
    y_max = nice_ceiling(scale.apply(top) * 1.02)
    step = max(1, math.ceil(months / CHART_POINTS))
    picks = [0, 1, *range(step, months, step)]
    picks = sorted({*(m for m in picks if m <= months), months})
    chosen = ev.decision.option
    series = []
    for key in OPTION_IDS:
        cumulative = ev.options[key].cumulative_from_start
        colour = OPTION_COLOURS[key]
        series.append({
            "id": key,
            "label": term(f"option.{key}", lang),
            "chosen": key == chosen,
            "colour": colour.hex,
            "colour_name": colour.zh if lang == "zh" else colour.en,
            "swatch": colour.swatch,
            "points": [_chart_number(scale.apply(v)) for v in cumulative],
            "table": [_bare_money(cumulative[m]) for m in picks],
            "total": _bare_money(ev.options[key].total),
        })
    if lang == "zh":
        # 万元 for yuan; 千美元, 百万美元 for other currencies, as Chinese readers write them.
        name = currency_name(cur, lang)
        prefix = {"k": "千", "M": "百万"}.get(scale.suffix, scale.suffix)
        unit = f"{prefix} {name}" if prefix and name.isascii() else prefix + name
    else:
        unit = f"{cur}, {scale.suffix}" if scale.suffix else cur
    return {
        "init": mermaid_init([OPTION_COLOURS[k].hex for k in OPTION_IDS]),
        "horizon": months,
        "y_axis": unit,
        "y_max": _chart_number(y_max),
        "series": series,
        "table_months": picks,
        "months": list(range(months + 1)),
    }


def currency_name(currency: str, lang: Lang) -> str:
    """The currency as a reader of ``lang`` names it: ``CNY`` in English, ``元`` in Chinese.

    A currency without a Chinese name keeps its ISO code.
    """
    name = term(f"currency.{currency}", lang)
    return currency if lang == "en" or name == f"currency.{currency}" else name


def _money_header(label: str, currency: str, lang: Lang) -> str:
    """A money column's header with its currency: ``Total over 36 months (CNY)``."""
    name = currency_name(currency, lang)
    return f"{label}（{name}）" if lang == "zh" else f"{label} ({name})"


MADR_STATUSES = ("proposed", "rejected", "accepted", "deprecated")
"""MADR 4's status values; a record may also be ``superseded by [NNNN](NNNN-....md)``."""
STYLES = ("madr4", "log4brains")


@dataclass(frozen=True)
class RecordSettings:
    """What the team says about a record, beyond the scenario: status, people, style, links.

    ``None`` for a list of people keeps the scenario's (``decision_makers``; a scenario names
    nobody consulted or informed). ``style`` picks the metadata form: MADR 4's YAML front
    matter, or the header list under the title that log4brains 1.1 reads.
    """

    status: str = "proposed"
    deciders: tuple[str, ...] | None = None
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    style: str = "madr4"
    supersedes: tuple[str, str] | None = None
    """The record this one supersedes: (link text, file name), e.g. ``("0007", "0007-x.md")``."""
    scenario_path: str | None = None
    """Where the scenario file is, relative to the record's folder (``../scenarios/x.yaml``)."""
    scenario_base: str = "record"
    """What ``scenario_path`` is relative to: ``record`` (its folder), or ``cwd`` (the folder
    ``report`` ran in, for a record written to stdout)."""
    scenario_digest: str | None = None
    """``sha256:...`` of the scenario file's bytes when the record was written."""
    overrides: tuple[str, ...] = ()
    """The ``--set`` values the record was written with."""


def is_madr_status(status: str) -> bool:
    """True for MADR 4's status words (``superseded by`` is set only by ``--supersedes``)."""
    return status in MADR_STATUSES


def report_data(ev: Evaluation, *, lang: Lang = "en", today: dt.date | None = None,
                source: str | None = None,
                settings: RecordSettings | None = None) -> dict[str, Any]:
    """Everything the decision-record template shows, in ``lang``, dated ``today``."""
    today = today or dt.date.today()
    settings = settings or RecordSettings()
    s, d = ev.scenario, ev.decision
    cur = s.currency
    months = s.horizon_months
    chosen_label = term(f"option.{d.option}", lang)
    deciders = s.decision_makers if settings.deciders is None else settings.deciders
    supersedes = None
    if settings.supersedes is not None:
        label, file = settings.supersedes
        from gateway_roi.files.decision_log import link_target

        # The target percent-encoded, the text escaped: a file name cannot end the link early.
        supersedes = _t("report.supersedes", lang,
                        link=f"[{md_escape(label, line_start=False)}]({link_target(file)})")
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "lang": lang,
        "source": source,
        "style": settings.style,
        "meta": {
            # Machine-read metadata stays in English whatever the language (MADR's values).
            # Front matter is YAML, not markdown: raw text, quoted by the template's yaml filter.
            "status": settings.status,
            "date": today.isoformat(),
            "decision_makers": [one_line(m) for m in deciders],
            "consulted": [one_line(m) for m in settings.consulted],
            "informed": [one_line(m) for m in settings.informed],
            "scenario": one_line(s.name),
            # The log4brains header list is markdown: escaped, comma-separated.
            "deciders_md": _people_md(deciders),
            "consulted_md": _people_md(settings.consulted),
            "informed_md": _people_md(settings.informed),
        },
        # log4brains 1.1 draws no mermaid: its records keep the tables, which hold the same
        # figures, rather than show the charts' code.
        "charts": settings.style != "log4brains",
        "supersedes": supersedes,
        "title": _t("report.title", lang, question=term("report.question", lang),
                    verdict=_cap(depends(ev, lang), lang) or d.headline.text(lang)),
        # What the verdict rests on (an unknown that flips it, a close margin, an estimated
        # price): the record's first paragraph, under the title.
        "lead": _lead(ev, lang),
        "currency": cur,
        "horizon_months": months,
        "context": _context(ev, lang),
        "description": md_escape(s.description),
        "drivers": _drivers(ev, lang),
        "options": _options(ev, lang),
        "common_cost": _common_cost(ev, lang),
        "outcome": {
            "option": d.option,
            "option_label": chosen_label,
            "rule": d.rule,
            "chosen": _t("report.chosen", lang, option=chosen_label,
                         rule=Term(f"rule_name.{d.rule}"),
                         rule_text=term(f"rule.{d.rule}", lang)),
            "headline": d.headline.text(lang),
            "reasons": [r.text(lang) for r in d.reasons],
        },
        "consequences": {
            "good": [_marked("good", _because(c.text(lang), lang), lang) for c in d.good],
            "bad": [_marked("bad", _because(c.text(lang), lang), lang) for c in d.bad],
        },
        "confirmation": _confirmation(ev, lang),
        "chart": _chart(ev, lang),
        "tripwires": [tripwire_text(t, ev, lang) for t in ev.tripwires] + (
            [tripwire_text(t, ev, lang) for t in ev.uncertainty.breakeven]
            if ev.uncertainty is not None else []),
        "uncertainty": uncertainty_section(ev, lang),
        "unknowns": [unknown_text(u, lang, code=True) for u in ev.unknowns],
        "assumptions": _assumptions(ev, lang, today),
        "facts": _facts(ev, lang, today),
        "settings": _settings_rows(ev),
        "settings_intro": (_t("report.settings_intro", lang,
                              file=_code(ev.scenario.settings.settings.source))
                           if ev.scenario.settings is not None else ""),
        "provenance": provenance(ev, settings, lang),
        "provenance_comment": provenance_comment(provenance(ev, settings, lang)),
        "t": _labels(lang, months, cur, today),
    }


def _settings_rows(ev: Evaluation) -> list[dict[str, str]]:
    """The fields a scenario took from project settings: field, value, key and line."""
    applied = ev.scenario.settings
    if applied is None:
        return []
    rows = []
    for field in applied.fields:
        loc = tuple(field.split("."))
        line = applied.settings.line(loc)
        value = settings_value(ev, field)
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        rows.append({"field": _code(field), "value": md_escape(shown),
                     "key": _code(applied.settings.key(loc))
                     + ("" if line is None else f" ({line})")})
    return rows


def _lead(ev: Evaluation, lang: Lang) -> str:
    """The record's first paragraph: what the verdict rests on ("" when nothing to say).

    Under a title that says the verdict depends on an unknown, also the verdict taken meanwhile.
    """
    lines = lead(ev, lang)
    if depends(ev, lang):
        lines.append(_t("report.lead_verdict", lang, headline=ev.decision.headline.text(lang)))
    return ("" if lang == "zh" else " ").join(md_escape(line) for line in lines)


def _cap(text: str, lang: Lang) -> str:
    """A sentence's first letter in capitals (English)."""
    return text[:1].upper() + text[1:] if lang == "en" else text


def _people_md(people: tuple[str, ...] | list[str]) -> str:
    """People for a markdown header list: escaped, comma-separated."""
    return ", ".join(md_escape(m).replace(",", "\\,") for m in people)


def _marked(kind: str, text: str, lang: Lang) -> str:
    """MADR's "Good, because ..." line (in Chinese: "优点：...")."""
    marker = term(f"report.pc.{kind}", lang)
    return f"{marker}{text}" if lang == "zh" else f"{marker} {text}"


def _because(sentence: str, lang: Lang) -> str:
    """A sentence as the rest of MADR's "Good, because ..." (first letter lowered in English)."""
    if lang == "en" and len(sentence) > 1 and sentence[0].isupper() and sentence[1].islower():
        return sentence[0].lower() + sentence[1:]
    return sentence


def _common_cost(ev: Evaluation, lang: Lang) -> str:
    """The sentence saying how much of every total no choice changes (provider outages)."""
    common = common_cost(ev.options)
    chosen = ev.options[ev.decision.option].total
    if common <= 0.005 or chosen <= 0:
        return ""
    return _t("report.common_cost", lang, amount=Money(common, ev.scenario.currency),
              share=f"{common / chosen:.0%}", option=f"`{ev.decision.option}`")


def _options(ev: Evaluation, lang: Lang) -> list[dict[str, Any]]:
    s, d = ev.scenario, ev.decision
    cur = s.currency
    months = s.horizon_months
    years = months / 12
    out = []
    for key in OPTION_IDS:
        o = ev.options[key]
        if key == "direct":
            breakeven = term("report.not_applicable", lang)
        elif o.breakeven_month:
            breakeven = _t("report.month_n", lang, month=o.breakeven_month)
        else:
            breakeven = term("report.never", lang)
        why = infeasible_text(ev, key, lang)
        feasible = term("yes", lang) if o.feasible else _t("report.feasible_no", lang, why=why)
        # The same parts in series as the availability beside it: providers, the gateway and a
        # redaction step in front of every call.
        downtime_lines = [ln for ln in o.lines if ln.id in {"provider_downtime", "gateway_downtime",
                                                           "redaction_downtime"}]
        # Present value per year, like every other "per year" figure in the record.
        downtime_cost_year = sum(ln.total for ln in downtime_lines) / years
        label = term(f"option.{key}", lang)
        out.append({
            "id": key,
            "label": label,
            "chosen": key == d.option,
            "up_front": _bare_money(o.up_front),
            "per_event_per_year": _bare_money(o.per_event / years),
            "standing_per_year": _bare_money(o.standing / years),
            "total": _bare_money(o.total),
            "total_value": round(o.total, 2),
            "breakeven": breakeven,
            "feasible": feasible,
            "blast_radius": translate_plain(o.blast_radius, lang),
            "availability": f"{o.availability:.3%}",
            "downtime_hours_per_year": f"{(1 - o.availability) * HOURS_PER_MONTH * 12:,.1f}",
            "downtime_cost_per_year": _bare_money(downtime_cost_year),
            "heading": _t("report.option_heading", lang, id=key, label=label,
                          total=Money(o.total, cur)),
            # <summary> is HTML: markdown does not render inside it on GitHub; plain text
            # only, since markdownlint allows the folding elements but no others.
            "heading_html": html.escape(
                f"{key} · " + _t("report.option_heading_plain", lang, label=label,
                                 total=Money(o.total, cur)), quote=False),
            "summary": _t("report.pc.summary", lang, id=key, total=Money(o.total, cur),
                          months=months, up_front=Money(o.up_front, cur),
                          per_year=Money((o.per_event + o.standing) / years, cur)),
            "pros_cons": _pros_cons(ev, key, lang, why),
            "lines": [
                {
                    "id": ln.id,
                    "label": translate_note(translate_plain(ln.label, lang), lang),
                    "kind": term(f"report.kind.{ln.kind}", lang),
                    "total": _bare_money(ln.total),
                    "formula": code_names(translate_note(ln.formula, lang)),
                    "note": translate_note(ln.note, lang) if ln.note else "",
                    "inputs": [_input_text(ev, name, lang) for name in ln.inputs],
                    "how": _how(translate_note(translate_plain(ln.label, lang), lang),
                                code_names(translate_note(ln.formula, lang)),
                                code_names(translate_note(ln.note, lang)) if ln.note else "",
                                lang),
                }
                for ln in o.lines
            ],
        })
    return out


_NAME = re.compile(r"(?<![\w`])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w`])")


def code_names(formula: str) -> str:
    """A formula with each input name in a code span: ``x `fallback_hours_per_service` x``.

    A bare name's underscores read as emphasis to markdown readers that do not follow
    CommonMark's intraword rule (log4brains' markdown-to-jsx among them).
    """
    return _NAME.sub(lambda m: f"`{m.group(0)}`", formula)


def _how(label: str, formula: str, note: str, lang: Lang) -> str:
    """``**label**: formula (note)``: one cost line as the cost-detail list shows it."""
    if lang == "zh":
        return f"**{label}**：{formula}" + (f"（{note}）" if note else "")
    return f"**{label}**: {formula}" + (f" ({note})" if note else "")


def _pros_cons(ev: Evaluation, key: str, lang: Lang, why: str) -> list[dict[str, str]]:
    """MADR's "Good, because ..." / "Bad, because ..." items for one option, from the model."""
    s, d = ev.scenario, ev.decision
    cur, months = s.currency, s.horizon_months
    o, direct = ev.options[key], ev.options["direct"]
    items: list[dict[str, str]] = []

    def add(kind: str, phrase: str, **params: Any) -> None:
        items.append({"kind": kind, "text": _t(f"report.pc.{phrase}", lang, **params)})

    feasible: list[str] = [k for k in OPTION_IDS if ev.options[k].feasible]
    cheapest = min(feasible, key=lambda k: ev.options[k].total) if feasible else None
    aside = {a.option: a.why for a in d.set_aside}
    if key == cheapest and key in aside:
        # Cheapest, yet not the verdict: the same item says why the rules set it aside.
        add("good", "cheapest_set_aside", months=months, why=aside[key])
    elif key == cheapest:
        add("good", "cheapest", months=months)
    elif key == d.option and cheapest is not None and cheapest in aside:
        add("bad", "dearer_than_set_aside", amount=Money(o.total - ev.options[cheapest].total,
                                                           cur), option=cheapest, months=months)
    elif key != d.option:
        gap = o.total - ev.options[d.option].total
        add("good" if gap < 0 else "bad", "cheaper" if gap < 0 else "dearer",
            amount=Money(abs(gap), cur), option=d.option, months=months)
    if not o.feasible:
        items.insert(0, {"kind": "bad", "text": _t("report.pc.ruled_out", lang, why=why)})
    level = d.criteria.ops_capacity.level
    if key in ("self_host", "build") and level != "stock":
        # The rules set a self-run gateway aside without a stock rotation: its costs alone
        # would not say so.
        unknown = {"team.platform_team", "team.on_call_24x7"} & {u.field for u in ev.unknowns}
        state = "unknown" if unknown else level
        items.insert(0, {"kind": "bad", "text": _t(f"report.pc.no_operator.{state}", lang)})
    local = o.blast_radius == direct.blast_radius
    add("good" if local else "bad", "blast_local" if local else "blast_shared",
        radius=translate_plain(o.blast_radius, lang), availability=f"{o.availability:.3%}")
    if key != "direct":
        if o.breakeven_month:
            add("neutral", "breakeven", month=o.breakeven_month)
        else:
            add("neutral", "no_breakeven", months=months)
    return [{"kind": i["kind"], "text": i["text"], "line": _marked(i["kind"], i["text"], lang)}
            for i in items]


def _confirmation(ev: Evaluation, lang: Lang) -> str:
    """How the team confirms the decision: re-run with measured figures, watch the tripwires."""
    u = ev.uncertainty
    if u is not None and u.info and u.info[0].share >= 0.01:
        first = u.info[0]
        key = {"answer": "find_out", "answers": "find_out_all"}.get(
            first.kind, "check" if ours(ev, first) else "measure")
        return _t(f"report.confirmation_{key}", lang,
                  input=first.field if first.kind == "answers" else info_words(first, lang))
    return _t("report.confirmation_text", lang)


def _input_text(ev: Evaluation, name: str, lang: Lang) -> str:
    """``services = 18.2 services (likely value of 15 to 22; scenario)``: an input as a reader needs it.

    A value the model took from a range is named as the range's likely value, never shown
    as if it were a count.
    """
    inp = ev.inputs.inputs[name]
    cur = ev.scenario.currency
    shown = quantity(float(ev.inputs.values[name]), inp.unit, cur, lang, bare_counts=False)
    origin = term("report.origin." + inp.origin, lang)
    written = inp.spread
    if written is not None:
        origin = _t("report.likely_of", lang, low=format_number(written.low),
                    high=format_number(written.high), origin=origin)
    return f"`{name}` = {shown} ({origin})" if lang == "en" else f"`{name}` = {shown}（{origin}）"


def _facts(ev: Evaluation, lang: Lang, today: dt.date) -> list[dict[str, Any]]:
    """The claims about products the buy and self-host options read, each with its date."""
    from gateway_roi.outputs.facts_table import value_text

    out = []
    for key in ("buy", "self_host"):
        for f in ev.options[key].facts:
            flags = []
            if f.estimate:
                flags.append(term("report.estimate_quote", lang))
            elif not f.verified:
                flags.append(term("report.unverified", lang))
            elif f.read and is_stale(f.read, today):
                flags.append(term("report.stale", lang))
            if f.origin != "bundled":
                flags.append(_t("report.from_file", lang, file=f.origin))
            out.append({
                "option": key, "product": md_escape(f"{f.product}/{f.plan}"),
                "claim": md_escape(f.key), "claim_md": _code(f.key),
                "value": md_escape(value_text(f.value)),
                "read": f.read or term("report.undated", lang),
                "source": f.source, "source_md": _link(f.source),
                "flags": ("、" if lang == "zh" else ", ").join(flags),
            })
    return out


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.\-]+")


def _code(text: str) -> str:
    """A key as a code span, where backslash escapes would show: escaped text otherwise."""
    return f"`{text}`" if _PLAIN_KEY.fullmatch(text) else md_escape(text, line_start=False)


def _link(url: str) -> str:
    """A source as a markdown link when it is a web address, else as escaped text."""
    if not url.startswith("https://"):
        return md_escape(url)
    target = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    host = url.removeprefix("https://").split("/", 1)[0]
    return f"[{md_escape(host)}](<{target}>)"


def _assumptions(ev: Evaluation, lang: Lang, today: dt.date) -> list[dict[str, Any]]:
    cur = ev.scenario.currency
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
            "value": quantity(inp.value, inp.unit, cur, lang, bare_counts=False),
            "source": code_names(translate_note(inp.source or "", lang)),
            "as_of": inp.as_of or term("report.undated", lang),
            "stale": inp.as_of is not None and is_stale(inp.as_of, today),
            "flags": ("、" if lang == "zh" else ", ").join(flags),
        })
    return assumptions


def infeasible_text(ev: Evaluation, key: str, lang: Lang) -> str:
    """Why an option is not feasible, in ``lang``, in words (never raw ids)."""
    sep = "; " if lang == "en" else "；"
    return sep.join(p.text(lang) for p in infeasible_reasons(ev.options[key]))


def _labels(lang: Lang, months: int, currency: str, today: dt.date) -> dict[str, str]:
    """Fixed text of the template, already in ``lang`` (keys without the ``report.`` prefix).

    Money columns carry the currency in their header, so the figures below stay bare.
    """
    keys = (
        "context", "drivers", "options", "option", "breakeven", "feasible", "outcome",
        "consequences", "confirmation", "pros_cons", "more_info", "more_info_intro",
        "timeline", "legend_colour", "month", "risk", "blast_radius", "availability",
        "downtime_hours", "tripwires", "no_tripwires", "unknowns", "cost_detail", "line", "kind",
        "how_computed", "inputs", "assumptions", "id", "value", "source", "as_of",
        "facts", "facts_intro", "claim", "product", "read",
        "index_title", "scenario", "verdict", "rule", "uncertainty", "unc.p_cheapest",
        "settings", "setting_field", "setting_key",
        "unc.input", "unc.range", "unc.share", "unc.flips_alone", "recommended",
    )
    labels = {k.replace(".", "_"): term(f"report.{k}", lang) for k in keys}
    money_cols = {
        "up_front": term("report.up_front", lang),
        "per_event_per_year": term("report.per_event_per_year", lang),
        "standing_per_year": term("report.standing_per_year", lang),
        "total": _t("report.total", lang, months=months),
        "downtime_cost": term("report.downtime_cost", lang),
        "unc_gap_low": term("report.unc.gap_low", lang),
        "unc_gap_high": term("report.unc.gap_high", lang),
        "unc_swing": term("report.unc.swing", lang),
        "p10": "p10", "p50": "p50", "p90": "p90",
    }
    labels.update({k: _money_header(v, currency, lang) for k, v in money_cols.items()})
    labels["flags"] = term("report.flags", lang)
    # Chinese prose names the currency (美元); English keeps its code (USD).
    named = currency_name(currency, lang)
    labels["chart_title"] = _t("report.chart_title_cur", lang, currency=named)
    labels["timeline_intro"] = _t("report.timeline_intro", lang, currency=named)
    labels["timeline_intro_table"] = _t("report.timeline_intro_table", lang, currency=named)
    labels["assumptions_intro"] = _t("report.assumptions_intro", lang, date=today.isoformat())
    return labels
