"""Turning evaluations into output: a JSON-ready dict, JSON text, CSV, markdown and rich text.

:func:`evaluation_data` is the one place that shapes results for machines (``--format json``)
and, later, for report templates. Rich is imported only by the ``print_*`` functions, so JSON,
CSV and markdown output never pay for it.

Batches: :class:`JsonStream` writes the JSON document one scenario at a time (the same text as
:func:`render_json`), and :func:`csv_rows` one scenario's rows, so memory does not grow with the
number of files; tables are built from small :class:`~cli.compare.ScenarioSummary` rows.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cli.compare import ABSENT, CheckResult, ScenarioDiff, ScenarioSummary, summarize
from cli.costs import OPTION_IDS, OPTION_LABELS, Input
from cli.decision import RULES
from cli.errors import GatewayRoiError, Problem
from cli.evaluation import Evaluation
from cli.i18n import format_number

if TYPE_CHECKING:
    from rich.console import Console

    from cli.uncertainty import Uncertainty

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA_VERSION",
    "JsonStream",
    "check_data",
    "check_text",
    "clean_text",
    "compact_money",
    "comparison_lines",
    "csv_header",
    "csv_rows",
    "diff_data",
    "diff_text",
    "evaluation_data",
    "markdown_cell",
    "print_comparison",
    "print_text",
    "render_json",
    "render_markdown",
    "scenario_document",
]

SCHEMA_VERSION = 1
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC (titles, links), DCS...: up to BEL or ST
    r"|\x1b[ -/]*[0-~]?"  # any other escape sequence, or a lone ESC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # controls, bidi
)


def clean_text(text: str) -> str:
    """User text made safe for a terminal: escapes, control characters, bidi overrides removed.

    Escape sequences go whole (``ESC [31m``, hyperlinks, titles), not just their ESC; tabs and
    newlines stay.
    """
    return _CONTROL.sub("", text)


class NonFiniteOutputError(GatewayRoiError, ValueError):
    """A NaN or infinite number was about to be printed: a bug in the model, reported as such."""


def _non_finite(x: float) -> NonFiniteOutputError:
    return NonFiniteOutputError(
        f"internal error: a non-finite number ({x}) reached the output; nothing valid can be "
        "shown for this scenario (please report it with the scenario file)"
    )


def _num(x: float) -> float:
    """Round for output; never emit NaN or infinity (raises :class:`NonFiniteOutputError`)."""
    if not math.isfinite(x):
        raise _non_finite(x)
    return round(x, 2)


def _input_data(inp: Input) -> dict[str, Any]:
    return {
        "name": inp.name,
        "value": _num(inp.value),
        "unit": inp.unit,
        "origin": inp.origin,
        "field": inp.field,
        "written": inp.written.dump() if inp.written is not None else None,
        "source": inp.source,
        "as_of": inp.as_of,
        "estimate": inp.estimate,
        "description": inp.description,
    }


def evaluation_data(ev: Evaluation, source: str | None = None, *,
                    monthly: bool = True) -> dict[str, Any]:
    """Everything about one evaluated scenario as plain JSON-ready data.

    ``monthly=False`` leaves each cost line's month-by-month amounts out (``null``): half the
    size and time of a document, for big batches.
    """
    s, d = ev.scenario, ev.decision
    used: dict[str, Input] = {}
    options = []
    for key in OPTION_IDS:
        o = ev.options[key]
        lines = []
        for line in o.lines:
            for name in line.inputs:
                used[name] = ev.inputs.inputs[name]
            lines.append({
                "id": line.id,
                "label": line.label,
                "kind": line.kind,
                "formula": line.formula,
                "total": _num(line.total),
                "note": line.note,
                "replaces": list(line.replaces),
                "inputs": [{"name": n, "value": _num(ev.inputs.values[n]),
                            "unit": ev.inputs.inputs[n].unit,
                            "origin": ev.inputs.inputs[n].origin} for n in line.inputs],
                # Rounded directly (half the cost of _num): json.dumps refuses NaN/inf anyway.
                "monthly": [round(a, 2) for a in line.monthly] if monthly else None,
            })
        options.append({
            "id": o.id,
            "label": o.label,
            "feasible": o.feasible,
            "infeasible_reason": o.infeasible_reason or None,
            "gaps": list(o.gaps),
            "total": _num(o.total),
            "one_time": _num(o.one_time),
            "continuous": _num(o.continuous),
            "breakeven_month": o.breakeven_month,
            "availability": round(o.availability, 6),
            "blast_radius": o.blast_radius,
            "vendor": o.vendor or None,
            "cumulative": [_num(x) for x in o.cumulative],
            "lines": lines,
        })
    return {
        "name": s.name,
        "source": source,
        "description": s.description,
        "decision_makers": list(s.decision_makers),
        "currency": s.currency,
        "horizon_months": s.horizon_months,
        "recommendation": {
            "option": d.option,
            "label": OPTION_LABELS[d.option],
            "rule": d.rule,
            "rule_text": RULES[d.rule],
            "headline": d.headline.text(),
            "reasons": [r.text() for r in d.reasons],
            "consequences": {"good": [c.text() for c in d.good],
                             "bad": [c.text() for c in d.bad]},
        },
        "criteria": _jsonable(d.criteria),
        "options": options,
        "tripwires": [
            {"input": t.input, "field": t.field, "current": _exact(t.current),
             "threshold": _exact(t.threshold), "direction": t.direction,
             "option": t.option, "rule": t.rule, "text": t.text}
            for t in ev.tripwires
        ],
        "assumptions": [_input_data(used[name]) for name in sorted(used)],
    }


def _exact(value: Any) -> Any:
    """A tripwire value as written back with --set: no rounding to cents (0.9963 stays)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _non_finite(value)
        return float(f"{value:.12g}")
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, float):
        return _num(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def scenario_document(ev: Evaluation, source: str | None = None, *,
                      tripwires: bool = True, monthly: bool = True) -> dict[str, Any]:
    """One scenario of the ``--format json`` document: :func:`evaluation_data` plus batch keys.

    ``confidence`` (share of sampled draws giving the same rule and option) and
    ``uncertainty`` are null when the scenario was not sampled; ``tripwires`` is null when they
    were not searched (big batches without ``--tripwires``), which is not the same as an empty
    list (searched, none found).
    """
    data = evaluation_data(ev, source, monthly=monthly)
    u = ev.uncertainty
    data["confidence"] = None if u is None else round(u.confidence, 4)
    data["uncertainty"] = None if u is None else uncertainty_data(u)
    if not tripwires:
        data["tripwires"] = None
    return data


def uncertainty_data(u: Uncertainty) -> dict[str, Any]:
    """The Monte Carlo picture as JSON-ready data."""
    return {
        "draws": u.draws,
        "seed": u.seed,
        "confidence": round(u.confidence, 4),
        "flips_often": u.flips_often,
        "outcomes": {k: round(v, 4) for k, v in u.outcomes.items()},
        "options": [
            {"id": o.id, "p10": _num(o.p10), "p50": _num(o.p50), "p90": _num(o.p90),
             "p_cheapest": round(o.p_cheapest, 4)}
            for o in u.options
        ],
        "runner_up": u.runner_up,
        "tornado": [
            {"input": b.input, "field": b.field, "low": b.low, "high": b.high,
             "gap_at_low": _num(b.gap_at_low), "gap_at_high": _num(b.gap_at_high),
             "swing": _num(b.swing)}
            for b in u.tornado
        ],
        "expected_loss": _num(u.expected_loss),
        "value_of_information": [
            {"input": i.input, "field": i.field, "value": _num(i.value),
             "share": round(i.share, 4)}
            for i in u.info
        ],
        "ranged_inputs": list(u.ranged),
        "breakeven": [
            {"input": t.input, "field": t.field, "current": _exact(t.current),
             "threshold": _exact(t.threshold), "direction": t.direction,
             "cheapest": t.option, "text": t.text}
            for t in u.breakeven
        ],
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)


def render_json(results: Sequence[tuple[str, Evaluation]], problems: Sequence[Problem], *,
                tripwires: bool = True) -> str:
    """The ``--format json`` document: ``{"schema_version", "scenarios", "errors"}``."""
    doc = {
        "schema_version": SCHEMA_VERSION,
        "scenarios": [scenario_document(ev, source, tripwires=tripwires)
                      for source, ev in results],
        "errors": [p.to_dict() for p in problems],
    }
    return _dumps(doc)


class JsonStream:
    """Writes the :func:`render_json` document piece by piece, one scenario at a time.

    Only one scenario is held in memory at once. Indented, the text is the same as
    :func:`render_json` gives (plus a final newline). ``compact`` writes each scenario on one
    line instead: the same document, about 40% smaller and three times faster to encode, for
    big batches.
    """

    def __init__(self, write: Callable[[str], None], *, compact: bool = False) -> None:
        self._write = write
        self._count = 0
        self._compact = compact
        if compact:
            write('{"schema_version": ' + str(SCHEMA_VERSION) + ', "scenarios": [')
        else:
            write('{\n  "schema_version": ' + str(SCHEMA_VERSION) + ',\n  "scenarios": [')

    def add(self, ev: Evaluation, source: str, *, tripwires: bool = True,
            monthly: bool = True) -> None:
        """Write one scenario."""
        data = scenario_document(ev, source, tripwires=tripwires, monthly=monthly)
        sep = "," if self._count else ""
        if self._compact:
            self._write(sep + "\n" + json.dumps(data, ensure_ascii=False, allow_nan=False,
                                                 separators=(",", ":"), check_circular=False))
        else:
            # JSON text never holds a raw newline inside a string: re-indenting by line is safe.
            self._write(sep + "\n    " + _dumps(data).replace("\n", "\n    "))
        self._count += 1

    def finish(self, problems: Sequence[Problem]) -> None:
        """Close the scenarios list and write the errors."""
        errors = [p.to_dict() for p in problems]
        if self._compact:
            self._write(("\n]" if self._count else "]") + ', "errors": '
                        + json.dumps(errors, ensure_ascii=False) + "}\n")
            return
        text = _dumps(errors).replace("\n", "\n  ")
        self._write(("\n  ]" if self._count else "]") + ',\n  "errors": ' + text + "\n}\n")


# --- CSV and markdown ------------------------------------------------------------------------

CSV_COLUMNS: tuple[str, ...] = (
    "file",
    "scenario",
    "currency",
    "horizon_months",
    "verdict",
    "rule",
    "confidence",
    "option",
    "recommended",
    "feasible",
    "one_time",
    "continuous",
    "total",
    "breakeven_month",
)
"""Columns of ``--format csv``, in order: one row per scenario x option (documented in the
README; append new columns at the end so readers by position keep working)."""


def _decimal(x: float) -> str:
    """A plain decimal with two places: no thousands separator, no exponent."""
    if not math.isfinite(x):
        raise _non_finite(x)
    return f"{x:.2f}"


def _csv_line(values: Sequence[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def csv_header() -> str:
    """The CSV header row."""
    return _csv_line(CSV_COLUMNS)


def csv_rows(summary: ScenarioSummary) -> str:
    """One scenario's CSV rows, one per option in :data:`~cli.costs.OPTION_IDS` order."""
    out = []
    for o in summary.options:
        out.append(_csv_line((
            summary.source,
            clean_text(summary.name),
            summary.currency,
            summary.horizon_months,
            summary.verdict,
            summary.rule,
            "" if summary.confidence is None else f"{summary.confidence:.4f}",
            o.id,
            "true" if o.id == summary.verdict else "false",
            "true" if o.feasible else "false",
            _decimal(o.one_time),
            _decimal(o.continuous),
            _decimal(o.total),
            "" if o.breakeven_month is None else o.breakeven_month,
        )))
    return "".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!&])")


def markdown_cell(text: str) -> str:
    """User text safe in a GitHub table cell: literal, one line, ``|`` and markup escaped."""
    one_line = " ".join(clean_text(text).split())
    return _MD_SPECIAL.sub(r"\\\1", one_line)


def _breakeven_text(summary: ScenarioSummary) -> str:
    if summary.verdict == "direct":
        return "-"
    month = summary.breakeven_month
    return f"month {month}" if month else "never"


def _confidence_text(summary: ScenarioSummary) -> str:
    return "" if summary.confidence is None else f"{summary.confidence:.0%}"


def render_markdown(summaries: Sequence[ScenarioSummary]) -> str:
    """The comparison table as a GitHub markdown table (totals over each scenario's horizon)."""
    sampled = any(s.confidence is not None for s in summaries)
    head = ["scenario", "verdict", "rule", *(["confidence"] if sampled else []), *OPTION_IDS,
            "break-even"]
    align = ["---", "---", "---", *(["---:"] if sampled else []), *["---:"] * len(OPTION_IDS),
             "---:"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
    for s in summaries:
        cells = [
            markdown_cell(s.name), s.verdict, s.rule,
            *([_confidence_text(s)] if sampled else []),
            *(f"{_money(o.total)} {s.currency}" for o in s.options),
            _breakeven_text(s),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _money(amount: float) -> str:
    return f"{amount:,.0f}"


def print_text(console: Console, results: Sequence[tuple[str, Evaluation]]) -> None:
    """Rich summary of each scenario, then a comparison table when there are several."""
    from rich.panel import Panel
    from rich.text import Text

    from cli.terminal_fit import hanging, options_table

    for source, ev in results:
        d, s = ev.decision, ev.scenario
        crit = d.criteria
        body = Text()
        body.append(clean_text(d.headline.text()) + "\n", style="bold")
        body.append(f"rule: {d.rule}", style="cyan")
        body.append(f" - {RULES[d.rule]}\n\n")
        need, scale, ops = crit["need"], crit["scale"], crit["ops_capacity"]
        walls = [k for k, w in crit["walls"].items() if w["met"]]
        body.append("need: ", style="bold")
        body.append(f"{need['kind']}"
                    + (f" (required: {', '.join(need['required'])})" if need["required"] else "")
                    + "\n")
        body.append("scale: ", style="bold")
        body.append(f"{'met' if scale['met'] else 'not met'} "
                    f"({format_number(scale['services'])} services / "
                    f"{format_number(scale['services_threshold'])}; "
                    f"{format_number(scale['monthly_requests'])} requests per month / "
                    f"{format_number(scale['monthly_requests_threshold'])})\n")
        body.append("ops capacity: ", style="bold")
        body.append(f"{ops['level']}\n")
        body.append("walls against buying: ", style="bold")
        body.append((", ".join(walls) if walls else "none") + "\n\n")
        for reason in d.reasons:
            body.append("- " + clean_text(reason.text()) + "\n")
        u = ev.uncertainty
        table = options_table(ev, console.width)
        notes = Text()
        for key in OPTION_IDS:
            o = ev.options[key]
            if not o.feasible:
                notes.append(f"  {key} not feasible: {clean_text(o.infeasible_reason)}\n",
                             style="yellow")
        trip = Text()
        if ev.tripwires:
            trip.append("\nWhat would change this decision:\n", style="bold")
            for t in ev.tripwires:
                trip.append("- " + clean_text(t.text) + "\n")
            trip = hanging(console, trip)
        title = Text(clean_text(s.name), style="bold")
        where = Path(source)
        shown = source if len(source) <= 60 else str(Path("...", where.parent.name, where.name))
        # Inside the panel's border and padding: 4 cells narrower than the terminal.
        body.rstrip()
        body = hanging(console, body, console.width - 4)
        console.print(Panel.fit(body, title=title, subtitle=Text(clean_text(shown)),
                                border_style="green"))
        # Each part ends with its own newline and starts with the blank line it needs.
        console.print(table, end="")
        if notes:
            console.print(hanging(console, notes), end="")
        if u is not None and u.ranged:
            console.print(hanging(console, uncertainty_text(u, ev, console.width)), end="")
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
    out.append(f"{verdict} in {u.confidence:.0%} of {u.draws:,} draws (seed {u.seed})")
    if u.flips_often:
        others = [k for k in u.outcomes if k != f"{ev.decision.option}/{ev.decision.rule}"]
        out.append(f"; the verdict flips often: {', '.join(others[:2])}", style="yellow")
    out.append("\n")
    out.append(f"  {'option':<10} {'p10':>9} {'p50':>9} {'p90':>9}  cheapest\n", style="bold")
    for o in u.options:
        out.append(f"  {o.id:<10} {compact_money(o.p10):>9} {compact_money(o.p50):>9} "
                   f"{compact_money(o.p90):>9}  {o.p_cheapest:>8.0%}\n")
    if u.tornado:
        out.append(f"\nWhat moves the gap between {ev.decision.option} and {u.runner_up} "
                   f"({cur}, input low end -> high end):\n", style="bold")
        widest = max(b.swing for b in u.tornado) or 1.0
        name_width = max(len(b.input) for b in u.tornado)
        gaps = [f"{compact_money(b.gap_at_low)} -> {compact_money(b.gap_at_high)}"
                for b in u.tornado]
        # Bars shrink to keep each line within the width; under 8 cells a bar tells nothing,
        # so the name then goes on a line of its own.
        room = width - 2 - name_width - 2 - max(len(g) for g in gaps)
        bar = min(24, room)
        own_line = bar < 8
        if own_line:
            bar = max(8, min(24, width - 4 - 1 - max(len(g) for g in gaps)))
        for b, gap in zip(u.tornado, gaps, strict=True):
            length = max(1, round(bar * b.swing / widest)) if b.swing else 0
            if own_line:
                out.append(f"  {b.input}\n    ")
            else:
                out.append(f"  {b.input:<{name_width}} ")
            out.append("#" * length, style="cyan")
            out.append(" " * (bar + 1 - length) + gap + "\n")
    if u.breakeven:
        out.append("\nBreak-even values (the cheapest feasible option changes):\n", style="bold")
        for t in u.breakeven:
            out.append(f"  - {clean_text(t.text)}\n")
    if u.info:
        out.append(f"\nWhat to measure next (a wrong choice is expected to cost "
                   f"{_money(u.expected_loss)} {cur}):\n", style="bold")
        for i in [i for i in u.info if i.share >= 0.01][:3]:
            out.append(f"  - measure {i.input} ({i.field}) before deciding: knowing it exactly "
                       f"would remove {i.share:.0%} of that ({_money(i.value)} {cur})\n")
    return out


def compact_money(amount: float) -> str:
    """Three significant digits with a k/M/B suffix: ``98.6k``, ``2.09M`` (tables that compare)."""
    if not math.isfinite(amount):
        raise _non_finite(amount)
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

    One line per scenario, whatever the number of scenarios: long names are shortened with
    an ellipsis (the full name is in CSV and JSON), and the rule column gives way on a narrow
    terminal. Built by hand rather than with a rich Table, which takes about half a second to
    lay out a thousand rows. Widths count terminal cells, so CJK names line up.
    """
    from rich.cells import cell_len, set_cell_size

    sampled = any(s.confidence is not None for s in summaries)
    single = len({s.currency for s in summaries}) == 1
    names = [clean_text(s.name) for s in summaries]
    right: list[tuple[str, list[str]]] = [
        *([("confidence", [_confidence_text(s) for s in summaries])] if sampled else []),
        *([] if single else [("cur", [s.currency for s in summaries])]),
        *((key, [compact_money(s.options[i].total) for s in summaries])
          for i, key in enumerate(OPTION_IDS)),
        ("break-even", [_breakeven_text(s) for s in summaries]),
    ]
    verdict = ("verdict", [s.verdict for s in summaries])
    rule = ("rule", [s.rule for s in summaries])

    def col_width(column: tuple[str, list[str]]) -> int:
        return max(cell_len(x) for x in [column[0], *column[1]])

    longest = max(cell_len(x) for x in ["scenario", *names])
    for gap in (2, 1):  # columns move closer together before names get short
        fixed = col_width(verdict) + sum(col_width(c) + gap for c in right)
        with_rule = width - fixed - gap - (col_width(rule) + gap) >= min(longest, 24)
        if with_rule:
            fixed += col_width(rule) + gap
        name_width = max(8, min(longest, width - fixed - gap))
        if name_width >= min(longest, 20):
            break

    def fit(text: str, size: int) -> str:
        if cell_len(text) <= size:
            return set_cell_size(text, size)
        return set_cell_size(text, size - 1) + "\u2026"

    left = [("scenario", names, name_width), (*verdict, col_width(verdict))]
    if with_rule:
        left.append((*rule, col_width(rule)))
    right_sized = [(head, cells, col_width((head, cells))) for head, cells in right]

    def line(row: int | None) -> str:
        parts = [fit(head if row is None else cells[row], w) for head, cells, w in left]
        parts += [(head if row is None else cells[row]).rjust(w) for head, cells, w in right_sized]
        return (" " * gap).join(parts).rstrip()

    rule_line = (" " * gap).join("\u2500" * w for _, _, w in [*left, *right_sized])
    return [line(None), rule_line, *(line(i) for i in range(len(summaries)))]


def print_comparison(console: Console, summaries: Sequence[ScenarioSummary]) -> None:
    """The comparison table: verdict, rule, total per option and break-even of each scenario.

    Totals are compact (three significant digits: ``842k``, ``2.09M``) so the table fits a
    terminal (output to a file or a pipe keeps every name whole); the exact figures are in the
    panels, CSV and JSON. They carry no currency when
    every scenario shares one (it is in the title); otherwise a currency column appears. A
    confidence column appears once some scenario has one (sampling).
    """
    from rich.text import Text

    currencies = {s.currency for s in summaries}
    title = "Comparison" + (f" (totals in {next(iter(currencies))})" if len(currencies) == 1
                            else "")
    # A terminal gets a table that fits; a file or a pipe gets every name in full.
    terminal = console.is_terminal
    lines = comparison_lines(summaries, console.width if terminal else 10_000)
    console.print()
    console.print(Text(title, style="bold"))
    overflow: Literal["crop", "ignore"] = "crop" if terminal else "ignore"
    console.print(Text(lines[0], style="bold"), no_wrap=True, overflow=overflow, crop=terminal)
    console.print("\n".join(lines[1:]), no_wrap=True, overflow=overflow, crop=terminal)
    console.print("totals: present value over each scenario's horizon; break-even: month from "
                  "which the verdict costs no more than direct", style="dim")


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
    text = clean_text(str(value)).replace("\n", " ")
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
    """Plain-text report of a :class:`~cli.compare.ScenarioDiff`."""
    lines = [
        f"A: {clean_text(diff.a_source)} ({clean_text(diff.a_name)})",
        f"B: {clean_text(diff.b_source)} ({clean_text(diff.b_name)})",
        "",
    ]
    if diff.inputs:
        lines.append(f"Inputs that differ ({len(diff.inputs)}), A -> B:")
        for c in diff.inputs:
            lines.append(f"  {clean_text(c.field)}: {_field_value(c.a, c.a_default)} -> "
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
    width = max(len(_money(max(o.a, o.b))) for o in diff.options)
    for o in diff.options:
        pct = f" ({o.percent:+.1f}%)" if o.percent is not None else ""
        lines.append(f"  {o.id:<10} {_money(o.a):>{width}} -> {_money(o.b):>{width}}  "
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
            lines.append(f"  {crit.criterion}: {a} -> {b} ({clean_text(crit.detail)})")
    if diff.cost_flips:
        if not moved:
            lines.append("Cost comparisons that flipped (the verdict held):")
        elif diff.criteria:
            lines.append("Cost comparisons that flipped as well:")
        else:
            lines.append("No criterion changed; moved by this cost comparison:")
    for f in diff.cost_flips:
        lines.append(
            f"  {f.comparison}: {f.cheaper} cost less in A ({_money(f.a[0])} < "
            f"{_money(f.a[1])} {cur_a}), not in B ({_money(f.b[0])} >= {_money(f.b[1])} {cur_b})"
        )
    return "\n".join(lines) + "\n"


def _json_value(value: Any) -> Any:
    return None if value is ABSENT else _jsonable(value)


def diff_data(diff: ScenarioDiff) -> dict[str, Any]:
    """JSON-ready form of a :class:`~cli.compare.ScenarioDiff` (``diff --format json``)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "a": {"file": diff.a_source, "name": diff.a_name, "currency": diff.currency[0],
              "horizon_months": diff.horizon_months[0]},
        "b": {"file": diff.b_source, "name": diff.b_name, "currency": diff.currency[1],
              "horizon_months": diff.horizon_months[1]},
        "inputs": [{"field": c.field, "a": _json_value(c.a), "b": _json_value(c.b),
                    "a_default": _jsonable(c.a_default), "b_default": _jsonable(c.b_default)}
                   for c in diff.inputs],
        "options": [{"id": o.id, "a": _num(o.a), "b": _num(o.b), "change": _num(o.change)}
                    for o in diff.options],
        "verdict": {
            "a": {"option": diff.verdict[0], "rule": diff.rule[0]},
            "b": {"option": diff.verdict[1], "rule": diff.rule[1]},
            "changed": diff.verdict_changed,
            "rule_changed": diff.rule_changed,
            "moved_by": diff.moved_by or None,
        },
        "criteria": [{"criterion": c.criterion, "a": c.a, "b": c.b, "detail": c.detail}
                     for c in diff.criteria],
        "cost_flips": [{"comparison": f.comparison, "cheaper_in_a": f.cheaper,
                        "a": [_num(x) for x in f.a], "b": [_num(x) for x in f.b]}
                       for f in diff.cost_flips],
    }


def check_text(result: CheckResult) -> str:
    """One check as text: ``ok`` on one line, a difference with its rule and reasons."""
    where = f"{clean_text(result.source)} ({clean_text(result.name)})"
    if result.matched:
        return f"ok       {where}: {result.actual} ({result.rule})\n"
    lines = [
        f"DIFFERS  {where}: expected {result.expected}, got {result.actual}",
        f"         rule: {result.rule} - {RULES[result.rule]}",
        *(f"         - {clean_text(r)}" for r in result.reasons),
    ]
    if result.towards_expected:
        lines.append(f"         what would bring back {result.expected}:")
        lines.extend(f"         - {clean_text(t)}" for t in result.towards_expected)
    return "\n".join(lines) + "\n"


def check_data(results: Sequence[CheckResult], missing: Sequence[str],
               problems: Sequence[Problem]) -> dict[str, Any]:
    """JSON-ready result of ``check``: each check, scenarios without expectation, errors."""
    return {
        "schema_version": SCHEMA_VERSION,
        "checks": [{"file": r.source, "name": r.name, "expected": r.expected,
                    "actual": r.actual, "matched": r.matched, "rule": r.rule,
                    "rule_text": r.rule_text, "reasons": list(r.reasons),
                    "towards_expected": list(r.towards_expected)} for r in results],
        "missing_expectation": list(missing),
        "errors": [p.to_dict() for p in problems],
    }
