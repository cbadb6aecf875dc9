"""What ``gateway-roi facts`` prints: each claim with its value, evidence, date read and age. Pure.

Four forms of the same rows: text for a terminal (one block per plan, narrow enough for 60
columns), JSON and CSV for tools, markdown for a pull request or a wiki.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gateway_roi.model.facts import ClaimRow
from gateway_roi.text import md_escape, one_line

__all__ = ["FactLine", "facts_csv", "facts_json", "facts_markdown", "facts_text", "value_text"]

FACT_COLUMNS = ("vendor", "plan", "claim", "value", "verified", "source", "source_version",
                "read", "age_days", "stale", "passage", "unverified", "origin", "used_by",
                "estimate")


@dataclass(frozen=True)
class FactLine:
    """A claim as listed: the claim, how old it is, whether it is stale, who used it."""

    row: ClaimRow
    age_days: int | None
    stale: bool
    used_by: tuple[str, ...] = ()
    """Scenarios whose verdict read this claim (when scenarios were given)."""


def value_text(value: Any) -> str:
    """A claim's value in a few words: ``yes``, ``49``, ``up to 3,000,000 at 90``."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        return "-"
    if isinstance(value, int | float):
        return f"{value:,.10g}"
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict) and "rate" in item:
                up = item.get("up_to")
                parts.append(f"{item['rate']:,.10g}" + ("" if up is None else f" to {up:,.10g}"))
            else:
                parts.append(value_text(item))
        return "; ".join(parts)
    if isinstance(value, dict) and set(value) == {"low", "likely", "high"}:
        # Our estimate of an unpublished price: its likely value, then its range.
        return (f"{value_text(value['likely'])} ({value_text(value['low'])} to "
                f"{value_text(value['high'])})")
    if isinstance(value, dict):
        return ", ".join(f"{k} {value_text(v)}" for k, v in value.items())
    return one_line(str(value))


def _status(line: FactLine) -> str:
    if line.row.estimate:
        return "EST, QUOTE NEEDED"
    if not line.row.verified:
        return "UNVERIFIED"
    return "STALE" if line.stale else "verified"


def _plan_origins(lines: Sequence[FactLine]) -> dict[tuple[str, str], str]:
    """The origin a plan's heading names: one file every listed claim of the plan came from.

    A plan whose claims come from several places (a file that restates one price of a bundled
    plan) has none: its claims from a file are marked one by one.
    """
    seen: dict[tuple[str, str], set[str]] = {}
    for line in lines:
        seen.setdefault((line.row.product, line.row.plan), set()).add(line.row.origin)
    return {plan: next(iter(origins)) for plan, origins in seen.items()
            if len(origins) == 1 and "bundled" not in origins}


def facts_text(lines: Sequence[FactLine], width: int = 80) -> str:
    """One block per product plan: each claim, its value, status and age, the sources after."""
    out: list[str] = []
    plan: tuple[str, str] | None = None
    key_width = min(34, max((len(ln.row.key) for ln in lines), default=10))
    headed = _plan_origins(lines)
    for line in lines:
        row = line.row
        if (row.product, row.plan) != plan:
            plan = (row.product, row.plan)
            origin = f" (from {headed[plan]})" if plan in headed else ""
            out.append(("" if not out else "\n") + f"{row.product}/{row.plan}{origin}")
        age = "" if line.age_days is None else f" {line.age_days} d"
        value = value_text(row.value)
        head = f"  {row.key:<{key_width}} {value}"
        tail = f"{_status(line)}{age}"
        if len(head) + 2 + len(tail) > width:
            # Too long for one line: the value wraps at its spaces under itself (a figure is
            # never cut), the status goes right-aligned below.
            import textwrap

            indent = 2 + key_width + 1
            if indent + 12 > width:
                indent = 4
                out.append(f"  {row.key}")
                pieces = textwrap.wrap(value, max(width - indent, 12), break_long_words=False)
            else:
                pieces = textwrap.wrap(value, width - indent, break_long_words=False) or [""]
                out.append(f"  {row.key:<{key_width}} {pieces.pop(0)}")
            out += [" " * indent + piece for piece in pieces]
            out.append(" " * (width - len(tail)) + tail if len(tail) < width else tail)
        else:
            out.append(head + " " * (width - len(head) - len(tail)) + tail)
        if row.origin != "bundled" and plan not in headed:
            out.append(f"    (from {row.origin})")
    return "\n".join(out) + ("\n" if out else "")


def _record(line: FactLine) -> dict[str, Any]:
    row = line.row
    return {"vendor": row.product, "plan": row.plan, "claim": row.key, "value": row.value,
            "verified": row.verified, "source": row.source_url or None,
            "source_version": row.source_version or None, "read": row.read or None,
            "age_days": line.age_days, "stale": line.stale, "passage": row.passage or None,
            "unverified": row.unverified or None, "note": row.note or None,
            "origin": row.origin, "used_by": list(line.used_by), "estimate": row.estimate}


def facts_json(lines: Sequence[FactLine], *, as_of: dt.date, stale_after: int | None) -> str:
    """The claims as one JSON document, with the date ages are measured from."""
    doc = {"as_of": as_of.isoformat(), "stale_after_days": stale_after,
           "facts": [_record(ln) for ln in lines]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def facts_csv(lines: Sequence[FactLine]) -> str:
    """One row per claim, the columns of :data:`FACT_COLUMNS`."""
    import csv
    import io

    from gateway_roi.outputs.formatters.csv import csv_text

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FACT_COLUMNS)
    for line in lines:
        rec = _record(line)
        cells = []
        for column in FACT_COLUMNS:
            value = rec[column]
            if column == "value":
                value = value_text(value)
            elif column == "used_by":
                value = " ".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            cells.append(csv_text("" if value is None else str(value)))
        writer.writerow(cells)
    return buffer.getvalue()


def facts_markdown(lines: Sequence[FactLine]) -> str:
    """A table per product plan: claim, value, status, read on, and the source as a link."""
    out: list[str] = []
    plan: tuple[str, str] | None = None
    headed = _plan_origins(lines)
    for line in lines:
        row = line.row
        if (row.product, row.plan) != plan:
            plan = (row.product, row.plan)
            origin = f" (from {md_escape(headed[plan])})" if plan in headed else ""
            out += ["" if out else "", f"### {md_escape(row.product)}/{md_escape(row.plan)}{origin}",
                    "", "| Claim | Value | Status | Read | Source |", "| --- | --- | --- | --- | --- |"]
        target = (row.source_url.replace("<", "%3C").replace(">", "%3E")
                  .replace(" ", "%20").replace("\n", ""))
        source = (f"[{md_escape(row.source_version or 'source')}](<{target}>)"
                  if row.source_url.startswith("https://") else md_escape(row.source_url))
        if not row.verified:
            source = md_escape(row.unverified)
        age = f" ({line.age_days} d)" if line.age_days is not None else ""
        status = _status(line) + ("" if row.origin == "bundled" or plan in headed
                                  else f", from {md_escape(row.origin)}")
        out.append(f"| `{row.key}` | {md_escape(value_text(row.value))} | {status} | "
                   f"{row.read or '-'}{age} | {source or '-'} |")
    return "\n".join(out).lstrip("\n") + "\n"
