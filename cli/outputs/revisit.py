"""What ``revisit`` says about each record: re-checked against today's facts and settings. Pure.

A record keeps, in its marker comment, its verdict, every input the costs used (value and
origin), the date and value of each product fact, the settings it took and the tool version
(:func:`gateway_roi.outputs.provenance.provenance`). :func:`check_record` compares that with
today's evaluation of the same scenario and says what moved; :func:`crossed_tripwires` holds
a team's measured values against today's tripwires. The renderers write the result as text,
JSON or markdown (fit for an issue body). The command reads the files.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from gateway_roi.model.changes import format_value
from gateway_roi.model.evaluation import Evaluation
from gateway_roi.model.tripwires import Tripwire
from gateway_roi.options import OPTION_IDS
from gateway_roi.outputs.report_data import is_stale
from gateway_roi.text import escape_line, md_escape, one_line

__all__ = [
    "REVISIT_SCHEMA_VERSION",
    "Crossed",
    "RecordCheck",
    "Status",
    "changes_since",
    "check_record",
    "crossed_tripwires",
    "revisit_json",
    "revisit_markdown",
    "revisit_text",
]

REVISIT_SCHEMA_VERSION = 1

Status = Literal["unchanged", "verdict-changed", "scenario-missing", "not-revisitable",
                 "invalid"]


@dataclass(frozen=True)
class Crossed:
    """A tripwire the team's measured value has crossed."""

    field: str
    observed: Any
    threshold: Any
    direction: str
    option: str
    rule: str
    text: str


@dataclass(frozen=True)
class RecordCheck:
    """One record, re-checked: its status, and what moved since it was written."""

    record: str
    """The record's file name."""
    status: Status
    scenario: str | None = None
    """The scenario file as the record names it (relative to the record or to the current
    folder)."""
    old: tuple[str, str] | None = None
    """(option, rule) the record states."""
    new: tuple[str, str] | None = None
    """(option, rule) today's facts and settings give."""
    edited: bool = False
    """The scenario file's bytes differ from those the record was written from."""
    changes: tuple[str, ...] = ()
    """What differs since the record: scenario, settings, facts, inputs, tool version."""
    stale: tuple[str, ...] = ()
    """Facts today's verdict uses that were read more than 12 months ago."""
    crossed: tuple[Crossed, ...] = ()
    observed: tuple[str, str] | None = None
    """(option, rule) with the team's measured values, when they were given."""
    problems: tuple[str, ...] = ()
    written: str | None = None
    """The superseding record ``--write`` proposed, if any."""

    @property
    def moved(self) -> bool:
        """The verdict (the option chosen) would change: today, or with the measured values.

        A different rule reaching the same option is reported, not counted as a change.
        """
        if self.status == "verdict-changed":
            return True
        return (self.observed is not None and self.old is not None
                and self.observed[0] != self.old[0])

    @property
    def alarm(self) -> bool:
        """What makes ``revisit`` exit 3: a verdict that would change, a tripwire crossed."""
        return self.moved or bool(self.crossed)


def _num(value: Any) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_value(float(value))
    return str(value)


def changes_since(stored: Mapping[str, Any], ev: Evaluation, tool: str) -> list[str]:
    """What differs between a record's provenance and today's evaluation, in plain words.

    Settings first (the key that changed), then product facts (value or date), then the other
    inputs (with where today's value comes from), then the tool's version.
    """
    out: list[str] = []
    seen_fields: set[str] = set()
    old_settings = stored.get("settings") or {}
    old_fields: Mapping[str, Any] = old_settings.get("fields") or {}
    applied = ev.scenario.settings
    new_fields: dict[str, Any] = {}
    if applied is not None:
        dumped = ev.scenario.model_dump(mode="json")
        from gateway_roi.model.fields import get_path

        new_fields = {f: get_path(dumped, f) for f in applied.fields}
    for name in sorted(set(old_fields) | set(new_fields)):
        before, after = old_fields.get(name), new_fields.get(name)
        if before == after:
            continue
        seen_fields.add(name)
        where = (applied.fields[name] if applied is not None and name in applied.fields
                 else str(old_settings.get("file") or "the settings"))
        if name not in new_fields:
            out.append(f"setting {name} no longer given (was {_num(before)}; {where})")
        elif name not in old_fields:
            out.append(f"setting {name} = {_num(after)} now given ({where})")
        else:
            out.append(f"setting {name}: {_num(before)} -> {_num(after)} ({where})")
    old_facts: Mapping[str, Any] = stored.get("facts") or {}
    new_facts: dict[str, tuple[str, str, str]] = {}
    from gateway_roi.outputs.facts_table import value_text

    for key in ("buy", "self_host"):
        for f in ev.options[key].facts:
            new_facts[f"{f.product}/{f.plan}/{f.key}"] = (f.read or "", value_text(f.value)[:80],
                                                         f.origin)
    for name in sorted(set(old_facts) | set(new_facts)):
        was = tuple(old_facts.get(name) or ("", "", ""))
        now = new_facts.get(name)
        if now is None:
            out.append(f"fact {name} no longer used")
            continue
        if name not in old_facts:
            out.append(f"fact {name} = {now[1]} now used (read {now[0] or 'undated'}, "
                       f"{now[2]})")
            continue
        if was[1] != now[1]:
            out.append(f"fact {name}: {was[1]} -> {now[1]} (read {was[0] or 'undated'} -> "
                       f"{now[0] or 'undated'}, {now[2]})")
        elif was[0] != now[0]:
            out.append(f"fact {name} re-read: {was[0] or 'undated'} -> {now[0] or 'undated'} "
                       f"({now[2]})")
    old_inputs: Mapping[str, Any] = stored.get("inputs") or {}
    used = {name for key in OPTION_IDS for ln in ev.options[key].lines for name in ln.inputs}
    for name in sorted(set(old_inputs) | used):
        inp = ev.inputs.inputs.get(name)
        if inp is not None and inp.field in seen_fields:
            continue
        if name not in used:
            out.append(f"input {name} no longer used")
            continue
        assert inp is not None
        now_value = float(f"{float(ev.inputs.values[name]):.6g}")
        # A default's source is in the record; here its kind is enough.
        where = (inp.source or "settings") if inp.origin == "settings" else inp.origin
        if name not in old_inputs:
            out.append(f"input {name} = {_num(now_value)} now used ({where})")
            continue
        before = float(old_inputs[name][0])
        if abs(before - now_value) > 1e-9 * max(1.0, abs(before)):
            out.append(f"input {name}: {_num(before)} -> {_num(now_value)} ({where})")
    if stored.get("tool") != tool:
        out.append(f"gateway-roi {stored.get('tool')} -> {tool} (its rules and default figures "
                   "may differ: see CHANGELOG.md)")
    return out


def check_record(record: str, stored: Mapping[str, Any], ev: Evaluation, *, edited: bool,
                 today: dt.date, tool: str, scenario: str | None = None,
                 observed: Evaluation | None = None,
                 crossed: Sequence[Crossed] = ()) -> RecordCheck:
    """A record re-checked against today's evaluation ``ev`` of its scenario.

    ``observed``: the evaluation with the team's measured values, when given.
    """
    verdict = stored.get("verdict") or {}
    old = (str(verdict.get("option")), str(verdict.get("rule")))
    new = (ev.decision.option, ev.decision.rule)
    changes = changes_since(stored, ev, tool)
    if edited:
        changes.insert(0, "the scenario file was edited since the record")
    stale = tuple(sorted({f"{f.product}/{f.plan}/{f.key} (read {f.read})"
                          for key in ("buy", "self_host") for f in ev.options[key].facts
                          if f.read and is_stale(f.read, today)}))
    return RecordCheck(
        record, "verdict-changed" if new[0] != old[0] else "unchanged", scenario, old, new, edited,
        tuple(changes), stale, tuple(crossed),
        (observed.decision.option, observed.decision.rule) if observed is not None else None)


def crossed_tripwires(tripwires: Sequence[Tripwire],
                      observed: Mapping[str, Any]) -> list[Crossed]:
    """The tripwires a measured value has reached: ``services >= 14`` with 16 services measured.

    ``observed`` maps dotted scenario fields to values (a number, or a need's level). A range
    is judged by its likely value.
    """
    out = []
    for t in tripwires:
        if t.field not in observed:
            continue
        value = observed[t.field]
        if isinstance(value, dict):
            value = value.get("likely", value.get("low"))
        if t.direction == "becomes":
            hit = str(value) == str(t.threshold)
        else:
            try:
                number, threshold = float(value), float(t.threshold)
            except (TypeError, ValueError):
                continue
            hit = number >= threshold if t.direction == ">=" else number <= threshold
        if hit:
            out.append(Crossed(t.field, value, t.threshold, t.direction, t.option, t.rule,
                               t.text))
    return out


# --- output ----------------------------------------------------------------------------------

_HEADLINE = {
    "unchanged": "unchanged",
    "verdict-changed": "verdict would change",
    "scenario-missing": "scenario missing",
    "not-revisitable": "not revisitable",
    "invalid": "scenario invalid",
}


def _verdict(v: tuple[str, str] | None) -> str:
    return "-" if v is None else f"{v[0]} ({v[1]})"


def _summary(checks: Sequence[RecordCheck]) -> str:
    moved = sum(1 for c in checks if c.moved)
    crossed = sum(1 for c in checks if c.crossed)
    edited = sum(1 for c in checks if c.edited)
    missing = sum(1 for c in checks if c.status == "scenario-missing")
    stale = sum(1 for c in checks if c.stale)
    return (f"{len(checks)} record(s): {moved} verdict(s) would change, {crossed} with a "
            f"tripwire crossed, {edited} scenario(s) edited, {missing} missing, {stale} with "
            "stale facts")


def _lines(c: RecordCheck) -> list[str]:
    """What to say about one record, one item a line (no markup)."""
    out = []
    if c.status == "verdict-changed":
        out.append(f"verdict: {_verdict(c.old)} -> {_verdict(c.new)}")
    elif c.new is not None and c.new != c.old:
        out.append(f"verdict: {c.new[0]} as recorded, now by another rule: {_verdict(c.old)} "
                   f"-> {_verdict(c.new)}")
    elif c.new is not None:
        out.append(f"verdict: {_verdict(c.new)}, as recorded")
    if c.observed is not None and c.observed != c.new:
        out.append(f"with the measured values: {_verdict(c.observed)}")
    out.extend(f"tripwire crossed: {x.field} = {_num(x.observed)} ({x.text})"
               for x in c.crossed)
    out.extend(f"changed: {one_line(x)}" for x in c.changes)
    out.extend(f"stale fact: {x}" for x in c.stale)
    out.extend(f"problem: {one_line(x)}" for x in c.problems)
    if c.written:
        out.append(f"proposed: {c.written} supersedes it")
    return out


def revisit_text(checks: Sequence[RecordCheck], width: int | None = None) -> str:
    """One block per record (its status, then what moved), and a summary line.

    ``width``: wrap each item to it, continuation lines indented (a terminal); None keeps one
    line per item (for grep and logs).
    """
    import textwrap

    def item(text: str, first: str, rest: str) -> str:
        if width is None:
            return first + text
        return textwrap.fill(text, width, initial_indent=first, subsequent_indent=rest,
                             break_long_words=False, break_on_hyphens=False)

    blocks = []
    for c in checks:
        head = f"{escape_line(c.record)}: {_HEADLINE[c.status]}"
        if c.status == "unchanged" and c.alarm:
            head += " (a tripwire is crossed)" if c.crossed else ""
        if c.scenario:
            head += f" [{escape_line(c.scenario)}]"
        blocks.append("\n".join([item(head, "", "    "),
                                 *(item(escape_line(x), "  - ", "    ") for x in _lines(c))]))
    return ("\n".join(blocks) + ("\n\n" if blocks else "")
            + item(_summary(checks), "", "") + "\n")


def _code(text: str) -> str:
    """Text as a markdown code span (shown as written), or escaped when it holds a backtick."""
    if "`" in text or "\n" in text:
        return md_escape(text, line_start=False)
    return f"`{text}`"


def revisit_markdown(checks: Sequence[RecordCheck], folder: str, today: dt.date) -> str:
    """The result as markdown fit for an issue or pull-request body."""
    alarm = [c for c in checks if c.alarm]
    out = [f"# Decision records to revisit ({today.isoformat()})", "",
           f"`gateway-roi revisit` re-checked the records in {_code(folder)} against "
           "today's facts and settings. " + _summary(checks) + ".", ""]
    out += ["| Record | Status | Recorded | Today | Scenario |", "| --- | --- | --- | --- | --- |"]
    for c in checks:
        status = _HEADLINE[c.status] + (", tripwire crossed" if c.crossed else "")
        out.append(f"| {md_escape(c.record, line_start=False)} | {status} | "
                   f"{md_escape(_verdict(c.old), line_start=False)} | "
                   f"{md_escape(_verdict(c.new), line_start=False)} | "
                   f"{md_escape(c.scenario or '-', line_start=False)} |")
    for c in (alarm or []) + [c for c in checks if not c.alarm and (c.changes or c.stale
                                                                       or c.problems)]:
        out += ["", f"## {md_escape(c.record, line_start=False)}", ""]
        out += [f"- {md_escape(x, line_start=False)}" for x in _lines(c)]
    if alarm:
        out += ["", "To propose a superseding record for each verdict that moved: "
                    f"{_code(f'gateway-roi revisit {folder} --write')}."]
    return "\n".join(out) + "\n"


def revisit_json(checks: Sequence[RecordCheck]) -> str:
    """The result as one JSON document."""
    doc = {
        "schema_version": REVISIT_SCHEMA_VERSION,
        "records": [{
            "record": c.record, "status": c.status, "scenario": c.scenario,
            "recorded": None if c.old is None else {"option": c.old[0], "rule": c.old[1]},
            "today": None if c.new is None else {"option": c.new[0], "rule": c.new[1]},
            "with_observed": (None if c.observed is None
                              else {"option": c.observed[0], "rule": c.observed[1]}),
            "verdict_changed": c.moved, "scenario_edited": c.edited,
            "changes": list(c.changes), "stale_facts": list(c.stale),
            "tripwires_crossed": [{"field": x.field, "observed": x.observed,
                                   "threshold": x.threshold, "direction": x.direction,
                                   "option": x.option, "rule": x.rule, "text": x.text}
                                  for x in c.crossed],
            "problems": list(c.problems), "proposed": c.written,
        } for c in checks],
        "summary": _summary(checks),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"

