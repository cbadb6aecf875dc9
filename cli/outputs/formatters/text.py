"""Text for people on a terminal: a panel per scenario, the comparison table, diff and check.

Rich is imported only inside the functions that draw with it, so the other outputs never pay
for it. Every piece of user text keeps to its line: names through :func:`gateway_roi.text.one_line`,
file names through :func:`gateway_roi.text.escape_line`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gateway_roi.model.evaluation import Evaluation
from gateway_roi.model.fields import get_path
from gateway_roi.model.rules import RULES
from gateway_roi.model.uncertainty import LEAST_DRAWS_TO_RANK, InfoValue
from gateway_roi.model.verdict import drivers, infeasible_reasons
from gateway_roi.options import OPTION_IDS
from gateway_roi.outputs.compare import ABSENT, CheckResult, ScenarioDiff, ScenarioSummary, summarize
from gateway_roi.outputs.formatters._numbers import breakeven_text, confidence_text, money, non_finite
from gateway_roi.outputs.wording import (
    depends,
    in_words,
    input_label,
    lead,
    ours,
    outcome_words,
    quote_advice,
    reach,
    shown_outcomes,
    skewed_options,
    tripwire_text,
    unknown_text,
)
from gateway_roi.text import escape_line, one_line
from gateway_roi.words.i18n import share_text, term
from gateway_roi.words.inputs import input_words

if TYPE_CHECKING:
    from rich.console import Console

    from gateway_roi.errors import Problem
    from gateway_roi.model.uncertainty import Uncertainty

__all__ = [
    "TextBatch",
    "check_text",
    "compact_money",
    "comparison_lines",
    "diff_text",
    "print_comparison",
    "print_text",
    "uncertainty_text",
]


def print_text(console: Console, results: Sequence[tuple[str, Evaluation]]) -> None:
    """Rich summary of each scenario, then a comparison table when there are several."""
    from rich.panel import Panel
    from rich.text import Text

    from gateway_roi.outputs.formatters._fit import hanging, options_table

    for source, ev in results:
        d, s = ev.decision, ev.scenario
        crit = d.criteria
        body = Text()
        body.append(one_line(d.headline.text()) + "\n", style="bold")
        for line in lead(ev):
            body.append(one_line(line) + "\n", style="yellow")
        body.append(f"rule: {d.rule}", style="cyan")
        body.append(f" - {RULES[d.rule]}\n\n")
        for driver in drivers(crit, s.currency):
            body.append(f"{term(driver.label.key)}: ", style="bold")
            body.append(f"{term(driver.state.key)} - {one_line(in_words(driver.evidence).text())}\n")
        body.append("\n")
        for reason in d.reasons:
            body.append("- " + one_line(reason.text()) + "\n")
        u = ev.uncertainty
        table = options_table(ev, console.width)
        notes = Text()
        for key in OPTION_IDS:
            o = ev.options[key]
            if not o.feasible:
                why = "; ".join(p.text() for p in infeasible_reasons(o))
                notes.append(f"  {key} not feasible: {one_line(why)}\n", style="yellow")
        trip = Text()
        if ev.unknowns:
            trip.append("\nAnswered unknown (the verdict takes the default):\n", style="bold")
            for unknown in ev.unknowns:
                trip.append("- " + one_line(unknown_text(unknown)) + "\n",
                            style="yellow" if unknown.decides else "")
        if s.settings is not None and s.settings.fields:
            trip.append(f"\nFrom the settings ({escape_line(s.settings.settings.source)}):\n",
                        style="bold")
            written = s.model_dump(mode="json")
            for field in s.settings.fields:
                loc = tuple(field.split("."))
                line = s.settings.settings.line(loc)
                value = get_path(written, field)
                trip.append(f"- {escape_line(s.settings.settings.key(loc))} = "
                            f"{one_line(str(value))}"
                            + ("" if line is None else f" (line {line})") + "\n")
        if ev.tripwires:
            trip.append("\nWhat would change this decision:\n", style="bold")
            for t in ev.tripwires:
                trip.append("- " + one_line(tripwire_text(t, ev)) + "\n")
        trip = hanging(console, trip)
        # The flag goes first: a narrow terminal crops a long title from its end.
        title = Text(("Depends on an unknown: " if depends(ev) else "") + one_line(s.name),
                     style="bold")
        where = Path(source)
        shown = source if len(source) <= 60 else str(Path("...", where.parent.name, where.name))
        # Inside the panel's border and padding: 4 cells narrower than the terminal.
        body.rstrip()
        body = hanging(console, body, console.width - 4)
        console.print(Panel.fit(body, title=title, subtitle=Text(escape_line(shown)),
                                border_style="green"))
        # Each part ends with its own newline and starts with the blank line it needs.
        console.print(hanging(console, table), end="")
        if notes:
            console.print(hanging(console, notes), end="")
        if u is not None and u.ranged:
            console.print(hanging(console, uncertainty_text(u, ev, console.width)), end="")
            advice = quote_advice(ev)
            if advice:
                quotes = Text("\nPrices we estimated (quote needed):\n", style="bold")
                quotes.append("".join(f"  - {one_line(a)}\n" for a in advice))
                console.print(hanging(console, quotes), end="")
        elif u is not None:  # only answers written unknown: what finding them out is worth
            if u.answers_weighed:
                sure = Text("\nHow sure: ", style="bold")
                sure.append(f"{d.option} ({d.rule}) in {share_text(u.confidence)} of the "
                            f"{u.answers_weighed} combinations of answers written unknown, each "
                            "weighing the same\n")
                console.print(hanging(console, sure), end="")
            console.print(hanging(console, measure_text(u, s.currency, ev)), end="")
        if trip:
            console.print(trip, end="")
    if len(results) > 1:
        print_comparison(console, [summarize(ev, source) for source, ev in results])


def uncertainty_text(u: Uncertainty, ev: Evaluation, width: int = 80) -> Any:
    """How sure the verdict is, as a rich Text.

    Confidence, each option's spread, the tornado of the inputs that move the decision most,
    and what to measure next. Tornado bars are as long as ``width`` allows (at most 24 cells).
    """
    from rich.text import Text

    cur = ev.scenario.currency
    out = Text()
    out.append("\nHow sure: ", style="bold")
    verdict = f"{ev.decision.option} ({ev.decision.rule})"
    out.append(f"{verdict} in {share_text(u.confidence)} of {u.draws:,} draws (seed {u.seed})")
    if u.answers_weighed:
        out.append(f", each of {u.answers_weighed} combinations of unknown answers weighing "
                   "the same")
    others = [f"{outcome_words(k)} in {share_text(share)}"
              for k, share in shown_outcomes(u, f"{ev.decision.option}/{ev.decision.rule}")]
    if u.flips_often and others:
        out.append(f"; the verdict flips often: {', '.join(others[:2])}", style="yellow")
    out.append("\n")
    out.append(f"  {'option':<10} {'p10':>9} {'p50':>9} {'p90':>9}  cheapest allowed\n",
               style="bold")
    for o in u.options:
        out.append(f"  {o.id:<10} {compact_money(o.p10):>9} {compact_money(o.p50):>9} "
                   f"{compact_money(o.p90):>9}  {share_text(o.p_cheapest):>8}\n")
    skewed = skewed_options(ev)
    if skewed:
        out.append(f"  Likely totals (the cost table) outside their p10-p90 band: "
                   f"{', '.join(skewed)}: skewed ranges (downtime, availability) make most "
                   "draws dearer than the likely case\n")
    aside = [(a, spread.p_cheaper_than_verdict) for a in ev.decision.set_aside
             for spread in u.options if spread.id == a.option]
    if aside:
        out.append("  Set aside by the rules although cheaper: " + "; ".join(
            f"{a.option} in {share_text(share)} of draws ({one_line(a.why.text())})"
            for a, share in aside) + "\n")
    if u.tornado:
        out.append(f"\nWhat moves the margin between {ev.decision.option} and {u.runner_up} "
                   f"(now {compact_money(u.margin)} {cur}; input low end -> high end), "
                   "bars against the margin:\n", style="bold")
        widest = max(abs(u.margin), *(b.swing for b in u.tornado)) or 1.0
        names = [input_label(ev, b.input) for b in u.tornado]
        name_width = max(len(n) for n in names)
        # Each bar says whether that input alone reverses the cost ranking.
        gaps = [f"{compact_money(b.gap_at_low)} -> {compact_money(b.gap_at_high)}"
                + ("  flips alone" if reach(b, u.margin).flips else "")
                for b in u.tornado]
        # Bars shrink to keep each line within the width; under 8 cells a bar tells nothing,
        # so the name then goes on a line of its own.
        room = width - 2 - name_width - 2 - max(len(g) for g in gaps)
        bar = min(24, room)
        own_line = bar < 8
        if own_line:
            bar = max(8, min(24, width - 4 - 1 - max(len(g) for g in gaps)))
        for b, name, gap in zip(u.tornado, names, gaps, strict=True):
            length = max(1, round(bar * b.swing / widest)) if b.swing else 0
            if own_line:
                out.append(f"  {name}\n    ")
            else:
                out.append(f"  {name:<{name_width}} ")
            out.append("#" * length, style="cyan")
            out.append(" " * (bar + 1 - length) + gap + "\n")
    if u.breakeven:
        out.append("\nBreak-even values (the cheapest feasible option changes):\n", style="bold")
        for t in u.breakeven:
            out.append(f"  - {one_line(tripwire_text(t, ev))}\n")
    out.append_text(measure_text(u, cur, ev))
    return out


def measure_text(u: Uncertainty, cur: str, ev: Evaluation) -> Any:
    """What to measure (or find out) next, as a rich Text; empty when a wrong choice costs nothing.

    Shown under "How sure", and on its own for a scenario whose only uncertainty is answers
    written ``unknown``.
    """
    from rich.text import Text

    out = Text()
    if u.expected_loss <= 0:
        return out
    useful = [i for i in u.info if i.share >= 0.01][:3]
    out.append(f"\nWhat to measure next (a wrong choice is expected to cost "
               f"{money(u.expected_loss)} {cur}):\n", style="bold")
    if not u.inputs_ranked:
        out.append(f"  {u.draws:,} draws are too few to tell which number is worth measuring "
                   f"(a number's effect cannot be told from chance); run with --draws "
                   f"{LEAST_DRAWS_TO_RANK} or more\n")
        if not useful:
            return out
    elif not useful:
        out.append("  no single input or answer is worth measuring on its own (each would "
                   "remove under 1%)\n")
        return out
    if u.hedge:
        out.append(f"  counting money only, {u.hedge[0]} risks least until these are known: a "
                   f"wrong choice with it is expected to cost {money(u.hedge[1])} {cur}. That "
                   "is no verdict: the rules' reasons stand. The shares below are of that "
                   "figure\n")
    for i in useful:
        out.append(f"  - {_info_item(i, money(i.value), cur, ours=ours(ev, i))}\n")
    return out


def _info_item(i: InfoValue, value: str, cur: str, *, ours: bool = False) -> str:
    """One item of "what to measure next", worded by what kind of input it is.

    ``ours``: the input is our estimate, not the team's figure: to check, and to replace.
    """
    if i.kind == "answers":
        return (f"find out all the fields written unknown ({i.field}) before deciding: knowing "
                f"them all would remove {i.share:.0%} of that ({value} {cur}), more than any "
                "one alone")
    if i.kind == "answer":
        return (f"find out {i.input} (written unknown) before deciding: knowing the answer "
                f"would remove {i.share:.0%} of that ({value} {cur}), each answer taken as "
                "equally likely")
    if ours:
        return (f"check our estimate of the {input_words(i.input)} ({i.field}) against your "
                f"own figures before deciding: knowing it exactly would remove {i.share:.0%} "
                f"of that ({value} {cur}); write yours to replace our range")
    return (f"measure the {input_words(i.input)} ({i.field}) before deciding: knowing it "
            f"exactly would remove {i.share:.0%} of that ({value} {cur})")


def compact_money(amount: float) -> str:
    """Three significant digits with a k/M/B suffix: ``98.6k``, ``2.09M`` (tables that compare)."""
    if not math.isfinite(amount):
        raise non_finite(amount)
    size = abs(amount)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= limit * 0.9995:
            scaled = amount / limit
            text = f"{scaled:.3g}"
            if "e" in text:  # 1,000B and beyond
                text = f"{scaled:,.0f}"
            return text + suffix
    return f"{amount:.3g}" if size >= 1 else f"{amount:.2f}".rstrip("0").rstrip(".")


def comparison_lines(summaries: Sequence[ScenarioSummary], width: int) -> list[str]:
    """The comparison table as lines of text at most ``width`` cells wide (when it can be).

    See :func:`comparison_table`, which also says what gave way.
    """
    return comparison_table(summaries, width)[0]


def _distinct_width(names: Sequence[str], longest: int) -> int:
    """The narrowest name column (at least 8 cells) in which no two shortened names look alike."""
    from rich.cells import cell_len

    for size in range(_narrowest_worth_trying(names), longest):
        shown = [_shorten(n, size) for n in names]
        if len(set(shown)) == len(set(names)):
            return size
    return max(8, longest) if all(cell_len(n) for n in names) else 8


def _narrowest_worth_trying(names: Sequence[str]) -> int:
    """A width below which two names surely look alike (at least 8): where to start looking.

    Two names of one character per cell that share their first ``common`` characters are both
    cut to those and "..." at any width up to ``common + 1`` shorter than both: no narrower
    width can tell them apart. (A table of thousands of sweep names, alike but for a number at
    the end, would otherwise be shortened at every width from 8 on.)
    """
    import itertools
    import os.path

    plain = sorted(n for n in set(names) if n.isascii() and n.isprintable())
    start = 8
    for a, b in itertools.pairwise(plain):
        common = len(os.path.commonprefix((a, b)))
        start = max(start, min(common + 2, len(a), len(b)))
    return start


_HEAD_LEAST = 8
"""The least start of a name kept before the ellipsis when it is cut in the middle."""


_TAIL_MOST = 16
"""The longest end of a name kept after the ellipsis (beyond it, names are cut at the end)."""


def _tails(names: Sequence[str]) -> dict[str, int]:
    """For names alike but at their end (a sweep: "..., no. 0041"), the end of each to keep.

    Each name's shortest end no other name ends with, widened to the start of its word (with
    the space before it), so a cut name reads ``Own models next… 0041``. Empty when a name is
    not plain one-cell text, or when some name needs more than :data:`_TAIL_MOST` cells of its
    end: the names are then cut at their end alone.
    """
    import itertools
    import os.path

    unique = sorted(set(names))
    if len(unique) < 2 or not all(n.isascii() and n.isprintable() for n in unique):
        return {}
    need = dict.fromkeys(unique, 1)
    # Neighbours among the reversed names share the longest ends.
    backwards = sorted(unique, key=lambda n: n[::-1])
    for a, b in itertools.pairwise(backwards):
        common = len(os.path.commonprefix((a[::-1], b[::-1])))
        need[a], need[b] = max(need[a], common + 1), max(need[b], common + 1)
    tails = {}
    for name, cells in need.items():
        start = max(0, len(name) - cells)
        while start > 0 and name[start - 1] != " ":
            start -= 1
        if start > 0:
            start -= 1  # the space before the word
        tails[name] = len(name) - start
        if tails[name] > _TAIL_MOST:
            return {}
    return tails


def _shorten(text: str, size: int, tail: int = 0) -> str:
    """``text`` in ``size`` cells: padded, or cut with an ellipsis.

    With ``tail``, the ellipsis goes before the last ``tail`` characters (plain text); else at
    the end.
    """
    from rich.cells import cell_len, set_cell_size

    if tail and len(text) > size >= tail + 2:
        # Plain one-cell text (see _tails): the start, the ellipsis, the end that tells it apart.
        return text[:size - 1 - tail] + "\u2026" + text[-tail:]
    if text.isascii() and text.isprintable():
        # One cell per character: the same as below without measuring each (a table of
        # thousands of names is shortened at each width tried).
        return text.ljust(size) if len(text) <= size else text[:size - 1] + "\u2026"
    if cell_len(text) <= size:
        return set_cell_size(text, size)
    return set_cell_size(text, size - 1) + "\u2026"


def comparison_table(summaries: Sequence[ScenarioSummary], width: int
                     ) -> tuple[list[str], str]:
    """The comparison table as lines at most ``width`` cells wide, and the note under it.

    The options table's rules: whole columns give way, never part of a figure. Break-even and
    confidence take their short forms first, then columns go in this order: the rule, the
    confidence, the totals of options no scenario chose (dearest kind first), the break-even,
    the other totals. Names are shortened with an ellipsis, never below the width at which two
    of them would look alike (the full names are in CSV and JSON); names alike but at their end
    (a sweep's "..., no. 0041") are cut in the middle and keep that end, when it is short. The
    note names what was abbreviated and what was left out. Built by hand rather than with a
    rich Table, which takes about half a second to lay out a thousand rows. Widths count
    terminal cells, so CJK names line up.
    """
    from rich.cells import cell_len

    from gateway_roi.outputs.formatters._fit import Column, TableFit, fit_columns

    sampled = any(s.confidence is not None for s in summaries)
    single = len({s.currency for s in summaries}) == 1
    names = [one_line(s.name) for s in summaries]
    chosen = {s.verdict for s in summaries}
    # Totals of options no scenario chose go before the break-even; of those, the options
    # furthest from today's setup first.
    order = ("build", "self_host", "direct", "buy", "automate")

    def total_rank(key: str) -> int:
        return (3 if key not in chosen else 10) + order.index(key)

    def short_breakeven(s: ScenarioSummary) -> str:
        text = breakeven_text(s)
        return text.removeprefix("month ")

    columns = [
        Column("verdict", "verdict", [s.verdict for s in summaries], "left"),
        Column("rule", "rule", [s.rule for s in summaries], "left", drop_rank=1),
        *([Column("confidence", "confidence", [confidence_text(s) for s in summaries],
                  short_header="sure", drop_rank=2,
                  legend="sure: share of draws giving the verdict")] if sampled else []),
        *([] if single else [Column("cur", "cur", [s.currency for s in summaries], "left")]),
        *(Column(key, key, [compact_money(s.options[i].total) for s in summaries],
                 drop_rank=total_rank(key))
          for i, key in enumerate(OPTION_IDS)),
        Column("breakeven", "break-even", [breakeven_text(s) for s in summaries],
               short_header="b/e", short_cells=[short_breakeven(s) for s in summaries],
               drop_rank=9, legend="b/e: break-even month"),
    ]
    longest = max(cell_len(x) for x in ["scenario", *names])
    least = min(longest, _distinct_width(names, longest))
    tails = _tails(names)
    if tails:
        # Names alike but at their end: cut in the middle when that keeps them narrower.
        middle = min(longest, max(tails.values()) + 1 + _HEAD_LEAST)
        # (Cut names never look alike: their ends differ, or their ellipses stand apart.)
        if middle < least:
            least = middle
        else:
            tails = {}

    def fitted(name_room: int) -> TableFit:
        fits = [fit_columns(columns, max(1, width - name_room - gap), gap) for gap in (2, 1)]
        # Closer columns rather than fewer: the one that keeps more of them.
        return min(fits, key=lambda f: (len(f.dropped), -f.gap))

    # Names readable (24 cells) as long as only the rule gives way for them; else as short as
    # keeps them apart, so the figures stay.
    fit = fitted(max(least, min(longest, 24)))
    if any(c.key != "rule" for c in fit.dropped):
        fit = fitted(least)
    gap = fit.gap
    name_width = max(least, min(longest, width - fit.width - gap))
    sized = [(c, *c.form(c.key in fit.short), c.width(c.key in fit.short)) for c in fit.columns]

    def line(row: int | None) -> str:
        parts = [_shorten("scenario", name_width) if row is None
                 else _shorten(names[row], name_width, tails.get(names[row], 0))]
        for column, header, cells, size in sized:
            text = header if row is None else str(cells[row])
            parts.append(text.ljust(size) if column.align == "left" else text.rjust(size))
        return (" " * gap).join(parts).rstrip()

    rule_line = (" " * gap).join("\u2500" * w for w in [name_width, *(w for *_, w in sized)])
    notes = [c.legend for c in fit.columns if c.key in fit.short and c.legend]
    dropped = [c.header for c in fit.dropped]
    if dropped:
        noun = "column" if len(dropped) == 1 else "columns"
        listed = (dropped[0] if len(dropped) == 1
                  else ", ".join(dropped[:-1]) + " and " + dropped[-1])
        notes.append(f"{listed} {noun} left out to fit {width} columns (all are in --format "
                     "csv)")
    return [line(None), rule_line, *(line(i) for i in range(len(summaries)))], "; ".join(notes)


def print_comparison(console: Console, summaries: Sequence[ScenarioSummary]) -> None:
    """The comparison table: verdict, rule, total per option and break-even of each scenario.

    Totals are compact (three significant digits: ``842k``, ``2.09M``) so the table fits a
    terminal (output to a file or a pipe keeps every name and column); the exact figures are
    in the panels, CSV and JSON. They carry no currency when every scenario shares one (it is
    in the title); otherwise a currency column appears. A confidence column appears once some
    scenario has one (sampling). On a narrow terminal whole columns give way, named under the
    table, and no figure is cut.
    """
    from rich.text import Text

    currencies = {s.currency for s in summaries}
    title = "Comparison" + (f" (totals in {next(iter(currencies))})" if len(currencies) == 1
                            else "")
    # A terminal gets a table that fits; a file or a pipe gets every name in full.
    terminal = console.is_terminal
    lines, note = comparison_table(summaries, console.width if terminal else 10_000)
    console.print()
    console.print(Text(title, style="bold"))
    console.print(Text(lines[0], style="bold"), no_wrap=True, overflow="ignore", crop=False)
    console.print("\n".join(lines[1:]), no_wrap=True, overflow="ignore", crop=False)
    console.print("totals: present value over each scenario's horizon; break-even: month from "
                  "which the verdict costs no more than direct", style="dim")
    if note:
        console.print(note, style="dim")


# --- diff and check --------------------------------------------------------------------------


def _plain_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, list):
        return "[" + ", ".join(_plain_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain_value(v)}" for k, v in value.items()) + "}"
    text = one_line(str(value))
    return text if len(text) <= 70 else text[:67] + "..."


def _field_value(value: Any, default: float | None) -> str:
    if value is None or value is ABSENT:
        if default is not None:
            return f"default ({default:,.4g})"
        return "default" if value is None else "(absent)"
    return _plain_value(value)


def _signed(x: float) -> str:
    return f"{x:+,.0f}"


def diff_text(diff: ScenarioDiff) -> str:
    """Plain-text report of a :class:`~gateway_roi.outputs.compare.ScenarioDiff`."""
    lines = [
        f"A: {escape_line(diff.a_source)} ({one_line(diff.a_name)})",
        f"B: {escape_line(diff.b_source)} ({one_line(diff.b_name)})",
        "",
    ]
    if diff.inputs:
        lines.append(f"Inputs that differ ({len(diff.inputs)}), A -> B:")
        for c in diff.inputs:
            lines.append(f"  {escape_line(c.field)}: {_field_value(c.a, c.a_default)} -> "
                         f"{_field_value(c.b, c.b_default)}")
    else:
        lines.append("Inputs: identical")
    cur_a, cur_b = diff.currency
    months_a, months_b = diff.horizon_months
    lines.append("")
    if cur_a != cur_b or months_a != months_b:
        lines.append(f"Note: A is in {cur_a} over {months_a} months, B in {cur_b} over "
                     f"{months_b} months; the changes below mix the two.")
    period = f"{months_a} months" if months_a == months_b else f"{months_a} -> {months_b} months"
    currency = cur_a if cur_a == cur_b else f"{cur_a} -> {cur_b}"
    lines.append(f"Total per option over {period}, {currency} (A -> B, change):")
    width = max(len(money(max(o.a, o.b))) for o in diff.options)
    for o in diff.options:
        pct = f" ({o.percent:+.1f}%)" if o.percent is not None else ""
        lines.append(f"  {o.id:<10} {money(o.a):>{width}} -> {money(o.b):>{width}}  "
                     f"{_signed(o.change)}{pct}")
    lines.append("")
    (va, vb), (ra, rb) = diff.verdict, diff.rule
    if diff.verdict_changed:
        lines.append(f"Verdict: {va} ({ra}) -> {vb} ({rb}): CHANGED")
    elif diff.rule_changed:
        lines.append(f"Verdict: {va} (unchanged), but by another rule: {ra} -> {rb}")
    else:
        lines.append(f"Verdict: {va} ({ra}), unchanged")
    moved = diff.verdict_changed or diff.rule_changed
    if diff.criteria:
        lines.append("Moved by these criteria:" if moved
                     else "Criteria that changed (the verdict held):")
        for crit in diff.criteria:
            a = crit.a if isinstance(crit.a, str) else ("met" if crit.a else "not met")
            b = crit.b if isinstance(crit.b, str) else ("met" if crit.b else "not met")
            lines.append(f"  {crit.criterion}: {a} -> {b} ({one_line(crit.detail)})")
    if diff.cost_flips:
        if not moved:
            lines.append("Cost comparisons that flipped (the verdict held):")
        elif diff.criteria:
            lines.append("Cost comparisons that flipped as well:")
        else:
            lines.append("No criterion changed; moved by this cost comparison:")
    for f in diff.cost_flips:
        lines.append(
            f"  {f.comparison}: {f.cheaper} cost less in A ({money(f.a[0])} < "
            f"{money(f.a[1])} {cur_a}), not in B ({money(f.b[0])} >= {money(f.b[1])} {cur_b})"
        )
    return "\n".join(lines) + "\n"


def check_text(result: CheckResult) -> str:
    """One check as text: ``ok`` on one line, a difference with its rule and reasons."""
    where = f"{escape_line(result.source)} ({one_line(result.name)})"
    if result.matched:
        return f"ok       {where}: {result.actual} ({result.rule})\n"
    lines = [
        f"DIFFERS  {where}: expected {result.expected}, got {result.actual}",
        f"         rule: {result.rule} - {RULES[result.rule]}",
        *(f"         - {one_line(r)}" for r in result.reasons),
    ]
    if result.towards_expected:
        lines.append(f"         what would bring back {result.expected}:")
        lines.extend(f"         - {one_line(t)}" for t in result.towards_expected)
    return "\n".join(lines) + "\n"




class TextBatch:
    """Keeps what the terminal will show, and shows it at the end (after any progress bar).

    ``details``: a panel per scenario (the whole evaluation is kept) then the comparison;
    otherwise only the comparison table (one small summary kept per scenario).
    """

    def __init__(self, console: Callable[[], Console], *, details: bool) -> None:
        self._console = console
        self._details = details
        self._results: list[tuple[str, Evaluation]] = []
        self._summaries: list[ScenarioSummary] = []

    def add(self, source: str, ev: Evaluation) -> None:
        """Take one scenario."""
        if self._details:
            self._results.append((source, ev))
        else:
            self.take(summarize(ev, source))

    def take(self, summary: ScenarioSummary) -> None:
        """Take a scenario already summarised (costed in a batch): a row of the comparison."""
        self._summaries.append(summary)

    def finish(self, problems: Sequence[Problem]) -> None:
        """Print the panels or the table (problems go to stderr, from the command)."""
        if self._results:
            print_text(self._console(), self._results)
        elif self._summaries:
            print_comparison(self._console(), self._summaries)
