"""Turning evaluations into output: a JSON-ready dict, JSON text, and rich terminal text.

:func:`evaluation_data` is the one place that shapes results for machines (``--format json``)
and, later, for report templates. Rich is imported only by :func:`print_text`, so JSON output
never pays for it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cli.costs import OPTION_IDS, OPTION_LABELS, Input
from cli.decision import RULES, Evaluation
from cli.errors import Problem

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["SCHEMA_VERSION", "clean_text", "evaluation_data", "print_text", "render_json"]

SCHEMA_VERSION = 1
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|\x1b\[[0-9;?]*[A-Za-z]")


def clean_text(text: str) -> str:
    """User text made safe for a terminal: escape sequences and control characters removed."""
    return _CONTROL.sub("", text)


def _num(x: float) -> float:
    """Round for output; never emit NaN or infinity."""
    if not math.isfinite(x):
        raise ValueError(f"non-finite number reached output: {x}")
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


def evaluation_data(ev: Evaluation, source: str | None = None) -> dict[str, Any]:
    """Everything about one evaluated scenario as plain JSON-ready data."""
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
                "monthly": [_num(a) for a in line.monthly],
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
            {"input": t.input, "field": t.field, "current": _jsonable(t.current),
             "threshold": _jsonable(t.threshold), "direction": t.direction,
             "option": t.option, "rule": t.rule, "text": t.text}
            for t in ev.tripwires
        ],
        "assumptions": [_input_data(used[name]) for name in sorted(used)],
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, float):
        return _num(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def render_json(results: Sequence[tuple[str, Evaluation]], problems: Sequence[Problem]) -> str:
    """The ``--format json`` document: ``{"schema_version", "scenarios", "errors"}``."""
    doc = {
        "schema_version": SCHEMA_VERSION,
        "scenarios": [evaluation_data(ev, source) for source, ev in results],
        "errors": [p.to_dict() for p in problems],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False)


def _money(amount: float) -> str:
    return f"{amount:,.0f}"


def print_text(console: Console, results: Sequence[tuple[str, Evaluation]]) -> None:
    """Rich summary of each scenario, then a comparison table when there are several."""
    from rich import box
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

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
        body.append(f"{'met' if scale['met'] else 'not met'} ({scale['services']:.3g} services / "
                    f"{scale['services_threshold']:g}; {scale['monthly_requests']:,.0f} requests "
                    f"per month / {scale['monthly_requests_threshold']:,.0f})\n")
        body.append("ops capacity: ", style="bold")
        body.append(f"{ops['level']}\n")
        body.append("walls against buying: ", style="bold")
        body.append((", ".join(walls) if walls else "none") + "\n\n")
        for reason in d.reasons:
            body.append("- " + clean_text(reason.text()) + "\n")
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column("option")
        table.add_column(f"one-time {s.currency}", justify="right")
        table.add_column(f"continuous {s.currency}", justify="right")
        table.add_column(f"total {s.horizon_months} mo", justify="right")
        table.add_column("break-even", justify="right")
        table.add_column("feasible")
        notes = Text()
        for key in OPTION_IDS:
            o = ev.options[key]
            be = "-" if key == "direct" else (f"month {o.breakeven_month}"
                                             if o.breakeven_month else "never")
            mark = "*" if key == d.option else " "
            table.add_row(
                Text(f"{mark} {key}", style="bold" if key == d.option else ""),
                _money(o.one_time), _money(o.continuous), _money(o.total), be,
                "yes" if o.feasible else Text("no", style="yellow"),
            )
            if not o.feasible:
                notes.append(f"  {key} not feasible: {clean_text(o.infeasible_reason)}\n",
                             style="yellow")
        trip = Text()
        if ev.tripwires:
            trip.append("\nWhat would change this decision:\n", style="bold")
            for t in ev.tripwires:
                trip.append("- " + clean_text(t.text) + "\n")
        title = Text(clean_text(s.name), style="bold")
        console.print(Panel.fit(body, title=title, subtitle=Text(clean_text(source)),
                                border_style="green"))
        console.print(table)
        if notes:
            console.print(notes, end="")
        if trip:
            console.print(trip)
    if len(results) > 1:
        table = Table(title="Comparison", box=box.SIMPLE_HEAD)
        table.add_column("scenario")
        table.add_column("verdict")
        table.add_column("rule")
        for key in OPTION_IDS:
            table.add_column(key, justify="right")
        for _, ev in results:
            table.add_row(
                Text(clean_text(ev.scenario.name)), ev.decision.option, ev.decision.rule,
                *(f"{_money(ev.options[k].total)} {ev.scenario.currency}" for k in OPTION_IDS),
            )
        console.print(table)
