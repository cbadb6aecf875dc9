"""``--format json``: every result as plain JSON-ready data, and the JSON text itself.

:func:`evaluation_data` is the one place that shapes an evaluation for machines; report
templates get their own data from :mod:`gateway_roi.outputs.report_data`. :class:`JsonStream` writes the
document one scenario at a time (the same text as :func:`render_json`), so memory does not
grow with the number of files.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from gateway_roi.errors import Problem
from gateway_roi.model.evaluation import Evaluation
from gateway_roi.model.fields import get_path
from gateway_roi.model.inputs import Input
from gateway_roi.model.rules import RULES, criteria_fields
from gateway_roi.model.tripwires import Tripwire
from gateway_roi.options import OPTION_IDS, OPTION_LABELS
from gateway_roi.outputs.formatters._numbers import non_finite, rounded
from gateway_roi.outputs.wording import depends, lead

if TYPE_CHECKING:
    from gateway_roi.model.scenario import Scenario
    from gateway_roi.model.uncertainty import Uncertainty
    from gateway_roi.outputs.compare import CheckResult, ScenarioDiff

__all__ = [
    "SCHEMA_VERSION",
    "JsonStream",
    "check_data",
    "diff_data",
    "evaluation_data",
    "render_json",
    "scenario_document",
    "uncertainty_data",
]

SCHEMA_VERSION = 2
"""Version of every JSON document the commands write; bumped when a key changes meaning.

2: a criterion answered ``unknown`` is an object (``{"value", "unknown": true}``), not a value.
"""


def _input_data(inp: Input) -> dict[str, Any]:
    return {
        "name": inp.name,
        "value": _exact(inp.value),
        "unit": inp.unit,
        "origin": inp.origin,
        "field": inp.field,
        "written": inp.written.dump() if inp.written is not None else None,
        "source": inp.source,
        "as_of": inp.as_of,
        "estimate": inp.estimate,
        "estimated_range": inp.estimated.dump() if inp.estimated is not None else None,
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
                "total": rounded(line.total),
                "shared": line.shared,
                "note": line.note,
                "replaces": list(line.replaces),
                "inputs": [{"name": n, "value": _exact(ev.inputs.values[n]),
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
            "total": rounded(o.total),
            # Provider outages are in every total alike; own_total is what the choice changes.
            "shared": rounded(o.shared),
            "own_total": rounded(o.own_total),
            "up_front": rounded(o.up_front),
            "per_event": rounded(o.per_event),
            "standing": rounded(o.standing),
            "one_time": rounded(o.one_time),
            "continuous": rounded(o.continuous),
            "breakeven_month": o.breakeven_month,
            "availability": round(o.availability, 6),
            "blast_radius": o.blast_radius,
            "vendor": o.vendor or None,
            "product": o.product or None,
            "plan": o.plan or None,
            "product_label": o.product_label or None,
            "quote_needed": o.quote_needed,
            "unverified": list(o.unverified),
            "unmet_routing": list(o.unmet_routing),
            "cumulative": [rounded(x) for x in o.cumulative],
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
            # What the verdict rests on, as the first screen says it (docs/decision-rules.md).
            "depends_on": depends(ev) or None,
            "rests_on": lead(ev),
            "reasons": [r.text() for r in d.reasons],
            "consequences": {"good": [c.text() for c in d.good],
                             "bad": [c.text() for c in d.bad]},
        },
        "criteria": _jsonable(criteria_fields(d.criteria)),
        "runner_up": d.runner_up,
        "margin": rounded(d.margin),
        "set_aside": [{"option": a.option, "total": rounded(a.total), "why": a.why.text()}
                      for a in d.set_aside],
        "options": options,
        "tripwires": [{**_threshold_data(t), "option": t.option, "rule": t.rule, "text": t.text}
                      for t in ev.tripwires],
        "unknowns": [{"field": u.field, "assumed": u.assumed, "decides": u.decides,
                      "branches": [{"value": b.value,
                                    "verdicts": [{"option": o, "rule": r} for o, r in b.verdicts]}
                                   for b in u.branches],
                      "text": u.text} for u in ev.unknowns],
        "facts_used": [{"option": k, "vendor": f.product, "plan": f.plan, "claim": f.key,
                        "value": f.value, "verified": f.verified, "read": f.read or None,
                        "source": f.source or None, "origin": f.origin,
                        "estimate": f.estimate}
                       for k in ("buy", "self_host") for f in ev.options[k].facts],
        "assumptions": [_input_data(used[name]) for name in sorted(used)],
        "settings": settings_data(s),
    }


def settings_data(scenario: Scenario) -> dict[str, Any] | None:
    """What a scenario took from project settings; None when it was read without any.

    The file, the facts file it names, and each field given with its value and its origin
    (file, line and key).
    """
    applied = scenario.settings
    if applied is None:
        return None
    return {
        "file": applied.settings.source,
        "facts": applied.settings.facts,
        "values": [{"field": f, "value": _plain_value(get_path(
                        scenario.model_dump(mode="json"), f)), "origin": origin}
                   for f, origin in applied.fields.items()],
    }


def _plain_value(value: Any) -> Any:
    return value


def _threshold_data(t: Tripwire) -> dict[str, Any]:
    """Where a tripwire or break-even value stands: the input, now, the threshold, which way."""
    return {"input": t.input, "field": t.field, "current": _exact(t.current),
            "threshold": _exact(t.threshold), "direction": t.direction}


def _exact(value: Any) -> Any:
    """A tripwire value as written back with --set: no rounding to cents (0.9963 stays)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise non_finite(value)
        return float(f"{value:.12g}")
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, float):
        return rounded(value)
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
            {"id": o.id, "p10": rounded(o.p10), "p50": rounded(o.p50), "p90": rounded(o.p90),
             "p_cheapest": round(o.p_cheapest, 4),
             "p_cheaper_than_verdict": round(o.p_cheaper_than_verdict, 4)}
            for o in u.options
        ],
        "runner_up": u.runner_up,
        "margin": rounded(u.margin),
        "tornado": [
            {"input": b.input, "field": b.field, "low": b.low, "high": b.high,
             "gap_at_low": rounded(b.gap_at_low), "gap_at_high": rounded(b.gap_at_high),
             "swing": rounded(b.swing)}
            for b in u.tornado
        ],
        "expected_loss": rounded(u.expected_loss),
        "hedge": {"option": u.hedge[0], "expected_loss": rounded(u.hedge[1])} if u.hedge else None,
        "value_of_information": [
            {"input": i.input, "field": i.field, "kind": i.kind, "value": rounded(i.value),
             "share": round(i.share, 4)}
            for i in u.info
        ],
        "inputs_ranked": u.inputs_ranked,
        "ranged_inputs": list(u.ranged),
        "breakeven": [{**_threshold_data(t), "cheapest": t.option, "text": t.text}
                      for t in u.breakeven],
    }


def _dumps(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)``, the same text.

    With an indent the json module encodes in Python, a generator per level; a scenario's
    document (every cost line's monthly amounts) took ~8 ms that way, about half of it here.
    A value of any other type than the documents hold goes to ``json.dumps`` itself.
    """
    out: list[str] = []
    try:
        _encode(value, "\n", out)
    except _Unusual:
        return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)
    return "".join(out)


class _Unusual(Exception):
    """A value :func:`_encode` leaves to the json module (a tuple key, a subclass, ...)."""


_encode_str = json.encoder.encode_basestring
_LITERALS = {None: "null", True: "true", False: "false"}


def _scalar(value: Any) -> str:
    """One JSON scalar as ``json.dumps`` writes it."""
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is float:
        if value != value or value in (math.inf, -math.inf):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
        return float.__repr__(value)
    if kind is int:
        return int.__repr__(value)
    if value is None or kind is bool:
        return _LITERALS[value]
    raise _Unusual


def _encode(value: Any, newline: str, out: list[str]) -> None:
    """Append ``value`` indented by two spaces a level; ``newline``: a newline and the indent."""
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            out.append(sep)
            out.append(_encode_str(key))
            out.append(": ")
            _encode(item, inner, out)
            sep = "," + inner
        out.append(newline + "}")
    elif kind is list:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            if type(item) in (dict, list):
                _encode(item, inner, out)
            else:
                out.append(_scalar(item))
            sep = "," + inner
        out.append(newline + "]")
    else:
        out.append(_scalar(value))


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
    """The :func:`render_json` document, built one scenario at a time.

    Indented, the text is the same as :func:`render_json` gives (plus a final newline), and it
    is written whole at :meth:`finish`: a run that stops part-way (an error, Ctrl-C) leaves no
    half a document on stdout. ``compact`` writes each scenario on one line as it comes
    instead, holding only one in memory: the same document, about 40% smaller and three times
    faster to encode, for big batches.
    """

    def __init__(self, write: Callable[[str], None], *, compact: bool = False,
                 tripwires: bool = True, monthly: bool = True) -> None:
        self._out = write
        self._held: list[str] = []
        self._write = write if compact else self._held.append
        self._count = 0
        self._compact = compact
        self._tripwires = tripwires
        self._monthly = monthly
        if compact:
            self._write('{"schema_version": ' + str(SCHEMA_VERSION) + ', "scenarios": [')
        else:
            self._write('{\n  "schema_version": ' + str(SCHEMA_VERSION) + ',\n  "scenarios": [')

    def add(self, source: str, ev: Evaluation) -> None:
        """Write one scenario (``tripwires``/``monthly`` as :func:`scenario_document` says)."""
        data = scenario_document(ev, source, tripwires=self._tripwires, monthly=self._monthly)
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
        self._out("".join(self._held))
        self._held.clear()


def _json_value(value: Any) -> Any:
    from gateway_roi.outputs.compare import ABSENT  # only diff's JSON: evaluate never loads it

    return None if value is ABSENT else _jsonable(value)


def diff_data(diff: ScenarioDiff) -> dict[str, Any]:
    """JSON-ready form of a :class:`~gateway_roi.outputs.compare.ScenarioDiff` (diff's JSON)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "a": {"file": diff.a_source, "name": diff.a_name, "currency": diff.currency[0],
              "horizon_months": diff.horizon_months[0]},
        "b": {"file": diff.b_source, "name": diff.b_name, "currency": diff.currency[1],
              "horizon_months": diff.horizon_months[1]},
        "inputs": [{"field": c.field, "a": _json_value(c.a), "b": _json_value(c.b),
                    "a_default": _jsonable(c.a_default), "b_default": _jsonable(c.b_default)}
                   for c in diff.inputs],
        "options": [{"id": o.id, "a": rounded(o.a), "b": rounded(o.b), "change": rounded(o.change)}
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
                        "a": [rounded(x) for x in f.a], "b": [rounded(x) for x in f.b]}
                       for f in diff.cost_flips],
    }


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
