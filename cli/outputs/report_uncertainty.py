"""The "How sure is this decision" section of a record: draws, tornado, what to measure next.

Pure: the section's data for the template, from an evaluation sampled by
:func:`gateway_roi.model.uncertainty.analyse`; no files, no terminal.
"""

from __future__ import annotations

from typing import Any

from gateway_roi.model.evaluation import Evaluation
from gateway_roi.model.uncertainty import LEAST_DRAWS_TO_RANK, InfoValue, Uncertainty
from gateway_roi.options import OPTION_IDS
from gateway_roi.outputs.charts import MARGIN_COLOUR, OPTION_COLOURS, mermaid_init, nice_ceiling
from gateway_roi.outputs.record_words import bare_money as _bare_money
from gateway_roi.outputs.record_words import chart_number as _chart_number
from gateway_roi.outputs.record_words import t as _t
from gateway_roi.outputs.wording import (
    input_label,
    ours,
    outcome_words,
    quote_advice,
    reach,
    shown_outcomes,
    skewed_options,
)
from gateway_roi.text import md_escape
from gateway_roi.words.i18n import (
    Lang,
    Money,
    Phrase,
    Term,
    format_money,
    format_number,
    share_text,
    term,
)
from gateway_roi.words.inputs import input_words, quantity

__all__ = ["SMALL_SWING_PERCENT", "info_words", "uncertainty_section"]

SMALL_SWING_PERCENT = 10
"""Below this share of the decision's margin for every input, the tornado chart is left out."""


def uncertainty_section(ev: Evaluation, lang: Lang) -> dict[str, Any] | None:
    """The "how sure" section: None when the scenario was not sampled."""
    u = ev.uncertainty
    if u is None:
        return None
    cur = ev.scenario.currency
    d = ev.decision

    if not u.ranged:
        summary = _t("report.unc.no_ranges", lang)
        if u.answers_weighed:
            summary += ("" if lang == "zh" else " ") + _t(
                "report.unc.answers_only", lang, option=Term(f"option_name.{d.option}"),
                rule=Term(f"rule_name.{d.rule}"), share=share_text(u.confidence),
                count=u.answers_weighed)
        return {"sampled": False, "summary": summary}

    pct = share_text

    others = [f"{outcome_words(k, lang)} {pct(v)}"
              for k, v in shown_outcomes(u, f"{d.option}/{d.rule}")]
    spreads = {o.id: o for o in u.options}
    skewed = skewed_options(ev)
    # The decision's margin: how much more the runner-up costs than the choice today (negative
    # when a rule chose the dearer option). Each bar is drawn as a share of its size, so a bar
    # reaching the 100% line could flip the cost ranking.
    margin = abs(u.margin)
    # Each bar is how much of the margin the input's worse end uses up (100%: that input
    # alone reverses the cost ranking); an input that widens the margin at both ends uses none.
    reaches = [reach(b, u.margin) for b in u.tornado]
    bars = [
        {"input": b.input, "field": b.field, "words": md_escape(input_label(ev, b.input, lang)),
         "range": _range_text(ev, b.input, b.low, b.high, lang),
         "gap_low": _bare_money(b.gap_at_low), "gap_high": _bare_money(b.gap_at_high),
         "swing": _bare_money(b.swing), "swing_value": round(b.swing),
         "share": _chart_number(round(100 * r.share, 1)) if margin > 0 else "0",
         "share_text": f"{r.share:.0%}" if margin > 0 else "-",
         "flips": r.flips,
         "flips_text": term("yes" if r.flips else "no", lang)}
        for b, r in zip(u.tornado, reaches, strict=True)
    ]
    shares = [100 * r.share for r in reaches] if margin > 0 else []
    chart = None
    # One bar says it all in the table, and so does a sentence when no bar reaches a tenth of
    # the margin: a chart then draws slivers.
    small = bool(shares) and max(shares) < SMALL_SWING_PERCENT
    if len(bars) >= 2 and margin > 0 and not small:
        top = nice_ceiling(max(max(shares), 100.0) * 1.05)
        chart = {
            "init": mermaid_init([OPTION_COLOURS[d.option].hex, MARGIN_COLOUR],
                                 height=max(160, 60 + 44 * len(bars))),
            "title": _t("report.unc.chart_title", lang),
            "max": _chart_number(top),
            "margin_line": ", ".join("100" for _ in bars),
            "caption": _t("report.unc.chart_caption", lang, margin=Money(margin, cur),
                          option=d.option, runner_up=u.runner_up),
        }
    useful = [i for i in u.info if i.share >= 0.01]
    return {
        "sampled": True,
        "summary": _t("report.unc.confidence", lang, option=Term(f"option_name.{d.option}"),
                      rule=Term(f"rule_name.{d.rule}"),
                      share=pct(u.confidence), draws=u.draws, seed=str(u.seed)) + (
            ("" if lang == "zh" else " ") + _t("report.unc.weighed", lang,
                                               count=u.answers_weighed)
            if u.answers_weighed else ""),
        "flips": _t("report.unc.flips", lang, others=tuple(others))
        if u.flips_often and others else "",
        "set_aside": _t("report.unc.set_aside", lang, items=tuple(
            Phrase("report.unc.set_aside_item", {
                "option": a.option, "share": pct(spreads[a.option].p_cheaper_than_verdict),
                "why": a.why}) for a in d.set_aside)) if d.set_aside else "",
        "margin": format_money(Money(u.margin, cur), lang),
        "skewed": _t("report.unc.skewed", lang, options=tuple(f"`{k}`" for k in skewed))
        if skewed else "",
        "options": [
            {"id": k, "p10": _bare_money(spreads[k].p10), "p50": _bare_money(spreads[k].p50),
             "p90": _bare_money(spreads[k].p90), "p_cheapest": pct(spreads[k].p_cheapest)}
            for k in OPTION_IDS
        ],
        "tornado_intro": _t("report.unc.tornado", lang, option=d.option, runner_up=u.runner_up,
                            margin=Money(u.margin, cur)) + (
            ("" if lang == "zh" else " ") + _t("report.unc.tornado_negative", lang,
                                               option=d.option)
            if u.margin < 0 else ""),
        "tornado": bars,
        "chart": chart,
        "small_swings": _t("report.unc.small_swings", lang, share=f"{max(shares):.0f}%",
                           percent=SMALL_SWING_PERCENT) if small else "",
        "measure": _measure_intro(ev, u, useful, cur, lang),
        "quotes": [md_escape(a) for a in quote_advice(ev, lang)],
        "measure_items": [
            _t("report.unc.check_item" if ours(ev, i) else _INFO_ITEM[i.kind], lang,
               input=info_words(i, lang), field=i.field,
               fields=i.field,
               share=pct(i.share), value=Money(i.value, cur))
            for i in useful[:5]
        ],
    }


def info_words(i: InfoValue, lang: Lang) -> str:
    """What to measure or find out, in words: a number's name, an answer's field path."""
    # An answer's path goes into its phrase's code span as it is.
    return md_escape(input_words(i.input, lang)) if i.kind == "number" else i.input


def _range_text(ev: Evaluation, name: str, low: float, high: float, lang: Lang) -> str:
    """An input's range with its unit: ``10 - 30 h per service``, ``99.5% - 99.95%``.

    Money stays bare, as in every table of the record (the input's name says what it is).
    """
    inp = ev.inputs.inputs.get(name)
    cur = ev.scenario.currency
    unit = inp.unit if inp is not None else ""
    if cur and cur in unit:
        unit = ""
    lo, hi = quantity(low, unit, cur, lang), quantity(high, unit, cur, lang)
    # The unit once, after the second end, when both ends carry the same one.
    lo_num, hi_num = format_number(low), format_number(high)
    if lo.startswith(lo_num) and hi.startswith(hi_num) and lo[len(lo_num):] == hi[len(hi_num):]:
        lo = lo_num
    return f"{lo} - {hi}"


_INFO_ITEM = {"number": "report.unc.measure_item", "answer": "report.unc.find_out_item",
              "answers": "report.unc.find_out_all_item"}


def _measure_intro(ev: Evaluation, u: Uncertainty, useful: list[InfoValue], cur: str,
                   lang: Lang) -> str:
    """What a wrong choice is expected to cost, the hedge if any, or why nothing is listed."""
    too_few = "" if u.inputs_ranked else _t("report.unc.too_few_draws", lang,
                                            draws=f"{u.draws:,}", least=str(LEAST_DRAWS_TO_RANK))
    if u.expected_loss <= 0:
        if any(x.decides for x in ev.unknowns):
            return _t("report.unc.nothing_but_unknown", lang)
        # "Measuring more would not pay" would rest on a handful of draws.
        return too_few or _t("report.unc.nothing_to_measure", lang)
    loss = Money(u.expected_loss, cur)
    if not useful and u.inputs_ranked:
        return _t("report.unc.nothing_single", lang, loss=loss)
    hedge = _t("report.unc.hedge", lang, option=u.hedge[0], loss=Money(u.hedge[1], cur)) \
        if u.hedge and useful else ""
    sep = "" if lang == "zh" else " "
    return sep.join(part for part in (_t("report.unc.measure", lang, loss=loss), too_few, hedge)
                    if part)
