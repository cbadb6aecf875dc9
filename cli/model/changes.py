"""What changed between two sets of criteria, worded for people (``diff``, ``check``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gateway_roi.model.rules import Criteria

__all__ = [
    "CriterionChange",
    "criteria_changes",
    "format_value",
]


def format_value(value: Any) -> str:
    """A tripwire or criterion value for people: ``true``, ``1,234``, ``0.9963``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return str(value)


@dataclass(frozen=True)
class CriterionChange:
    """A criterion that differs between two decisions, with the numbers behind it."""

    criterion: str
    a: Any
    b: Any
    detail: str


def _money_text(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}"


def criteria_changes(a: Criteria, b: Criteria, cur_a: str, cur_b: str) -> list[CriterionChange]:
    """The criteria that differ between ``a`` and ``b``, worded for people, in table order."""
    out: list[CriterionChange] = []
    if a.need.kind != b.need.kind:
        out.append(CriterionChange(
            "need.kind", a.need.kind, b.need.kind,
            f"required needs only a gateway meets: {', '.join(a.need.gateway_only) or 'none'} "
            f"-> {', '.join(b.need.gateway_only) or 'none'}"))
    if a.scale.met != b.scale.met:
        out.append(CriterionChange(
            "scale.met", a.scale.met, b.scale.met,
            f"services {format_value(a.scale.services)} -> {format_value(b.scale.services)} "
            f"(threshold {format_value(a.scale.services_threshold)} -> "
            f"{format_value(b.scale.services_threshold)}); monthly requests "
            f"{format_value(a.scale.monthly_requests)} -> "
            f"{format_value(b.scale.monthly_requests)} (threshold "
            f"{format_value(a.scale.monthly_requests_threshold)} -> "
            f"{format_value(b.scale.monthly_requests_threshold)})"))
    if bool(a.need.legal) != bool(b.need.legal):
        out.append(CriterionChange(
            "need.legal", bool(a.need.legal), bool(b.need.legal),
            f"hard legal needs: {', '.join(a.need.legal) or 'none'} -> "
            f"{', '.join(b.need.legal) or 'none'}"))
    if a.ops_capacity.level != b.ops_capacity.level:
        out.append(CriterionChange(
            "ops_capacity.level", a.ops_capacity.level, b.ops_capacity.level,
            f"platform team {str(a.ops_capacity.platform_team).lower()} -> "
            f"{str(b.ops_capacity.platform_team).lower()}; 24x7 rotation "
            f"{str(a.ops_capacity.on_call_24x7).lower()} -> {str(b.ops_capacity.on_call_24x7).lower()}"))
    wa, wb = a.buy_walls, b.buy_walls
    if wa.compliance != wb.compliance:
        out.append(CriterionChange("walls.compliance", wa.compliance, wb.compliance,
                                   f"compliance required: {str(wa.compliance).lower()} -> "
                                   f"{str(wb.compliance).lower()}"))
    if wa.strategic != wb.strategic:
        out.append(CriterionChange("walls.strategic", wa.strategic, wb.strategic,
                                   f"gateway part of the product: {str(wa.strategic).lower()} "
                                   f"-> {str(wb.strategic).lower()}"))
    if wa.cost != wb.cost:
        out.append(CriterionChange(
            "walls.cost", wa.cost, wb.cost,
            f"buy {_money_text(wa.buy_total, cur_a)} vs self-host "
            f"{_money_text(wa.self_host_total, cur_a)} -> buy "
            f"{_money_text(wb.buy_total, cur_b)} vs self-host "
            f"{_money_text(wb.self_host_total, cur_b)}"))
    if wa.customization != wb.customization:
        ua = ", ".join((*wa.unmet_routing, *wa.unmet_needs)) or "none"
        ub = ", ".join((*wb.unmet_routing, *wb.unmet_needs)) or "none"
        out.append(CriterionChange(
            "walls.customization", wa.customization, wb.customization,
            f"what the vendor cannot do: {ua} ({wa.vendor}) -> {ub} ({wb.vendor})"))
    sa, sb = a.self_host_walls, b.self_host_walls
    if sa.capability != sb.capability:
        ua = ", ".join((*sa.unmet_routing, *sa.unmet_needs)) or "none"
        ub = ", ".join((*sb.unmet_routing, *sb.unmet_needs)) or "none"
        out.append(CriterionChange(
            "self_host_walls.capability", sa.capability, sb.capability,
            f"what the open-source gateway cannot do: {ua} ({sa.gateway}) -> {ub} "
            f"({sb.gateway})"))
    if sa.cost != sb.cost:
        out.append(CriterionChange(
            "self_host_walls.cost", sa.cost, sb.cost,
            f"build {_money_text(sa.build_total, cur_a)} vs self-host "
            f"{_money_text(sa.self_host_total, cur_a)} -> build "
            f"{_money_text(sb.build_total, cur_b)} vs self-host "
            f"{_money_text(sb.self_host_total, cur_b)}"))
    return out
