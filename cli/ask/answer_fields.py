"""Answers that span several scenario fields: how each is read from and written into a scenario.

Most questions set one field. These map one answer onto several: the provider names and
their per-provider flags and fallback chains (all in ``providers.in_use``), the native APIs,
the pains, and the gate in front of the routing questions. A reader takes the scenario as
dumped (``full``) and the current answers (``get``); a writer edits the scenario's data in place.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from gateway_roi.ask.answers import UNSURE_MARK, Lookup
from gateway_roi.model.fields import get_path, has_path, write_path
from gateway_roi.model.scenario import NATIVE_APIS, PAINS, Scenario

__all__ = [
    "DETAILS",
    "model_defaults",
    "no_write",
    "read_chains",
    "read_names",
    "read_native",
    "read_non_compatible",
    "read_pains",
    "read_routing_gate",
    "read_self_hosted",
    "write_chains",
    "write_names",
    "write_native",
    "write_non_compatible",
    "write_pains",
    "write_routing_gate",
    "write_self_hosted",
    "written_details",
]

DETAILS = (
    "providers.new_models_per_year", "operations.key_rotations_per_year",
    "operations.hours_per_rotation", "operations.onboarding_hours_per_service",
    "reliability.provider_availability", "buy.vendor", "discount_rate",
    "thresholds.scale_min_services", "thresholds.scale_min_monthly_requests",
)

"""The figures behind "adjust the published and estimated figures too"."""

# Provider answers map to the one ``providers.in_use`` list of {name, openai_compatible, fallbacks}.


def _providers(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = get_path(data, "providers.in_use")
    return found if isinstance(found, list) else []


def read_names(full: Mapping[str, Any], get: Lookup) -> list[str]:
    """The provider names, in the order written."""
    return [p["name"] for p in _providers(full)]


def write_names(data: dict[str, Any], names: Any) -> None:
    """Set the provider names, keeping what a provider already named carries."""
    existing = {p["name"].casefold(): p for p in _providers(data)}
    write_path(data, "providers.in_use",
              [dict(existing.get(n.casefold(), {"name": n}), name=n) for n in names])


def _provider_flag(flag: str, marked: bool) -> tuple[
        Callable[[Mapping[str, Any], Lookup], list[str]], Callable[[dict[str, Any], Any], None]]:
    """Read and write one per-provider flag (``self_hosted: true``) as a subset of the names.

    The providers picked carry ``flag: marked``; the others lose the flag (its default).
    """

    def read(full: Mapping[str, Any], get: Lookup) -> list[str]:
        names = {n.casefold() for n in get("providers.in_use") or []}
        return [p["name"] for p in _providers(full)
                if p.get(flag) is marked and p["name"].casefold() in names]

    def write(data: dict[str, Any], names: Any) -> None:
        chosen = {n.casefold() for n in names}
        for p in _providers(data):
            if p["name"].casefold() in chosen:
                p[flag] = marked
            else:
                p.pop(flag, None)

    return read, write


read_non_compatible, write_non_compatible = _provider_flag("openai_compatible", False)
read_self_hosted, write_self_hosted = _provider_flag("self_hosted", True)

"""After a choice (``batch?``): not known yet whether it is needed."""


def read_native(full: Mapping[str, Any], get: Lookup) -> list[str]:
    """The native APIs needed (``batch``) or not known yet (``batch?``)."""
    apis = get_path(full, "needs.native_apis") or {}
    unknown = set(full.get("unknown") or ())
    return [f"{k}{UNSURE_MARK}" if f"needs.native_apis.{k}" in unknown else k
            for k in NATIVE_APIS
            if f"needs.native_apis.{k}" in unknown or apis.get(k, "no") != "no"]


def write_native(data: dict[str, Any], chosen: Any) -> None:
    """Record the native APIs picked: required (or as written), unknown, or not needed."""
    paths = {f"needs.native_apis.{k}" for k in NATIVE_APIS}
    if data.get("unknown"):
        data["unknown"] = [p for p in data["unknown"] if p not in paths]
    apis = get_path(data, "needs.native_apis") or {}
    unsure = {c.removesuffix(UNSURE_MARK) for c in chosen if c.endswith(UNSURE_MARK)}
    for name in NATIVE_APIS:
        level = apis.get(name, "no")
        if name in unsure:
            level = "unknown"
        elif name in chosen:
            level = level if level in ("required", "nice") else "required"
        else:
            level = None
        write_path(data, f"needs.native_apis.{name}", level)


def read_chains(full: Mapping[str, Any], get: Lookup) -> dict[str, list[str]]:
    """Fallback chains of the providers still named: provider -> fallbacks."""
    names = {n.casefold() for n in get("providers.in_use") or []}
    return {p["name"]: list(p["fallbacks"]) for p in _providers(full)
            if p.get("fallbacks") and p["name"].casefold() in names}


def write_chains(data: dict[str, Any], chains: Any) -> None:
    """Set each provider's fallbacks (a provider without a chain loses its own)."""
    by_name = {k.casefold(): v for k, v in chains.items()}
    for p in _providers(data):
        fallbacks = by_name.get(p["name"].casefold())
        if fallbacks:
            p["fallbacks"] = list(fallbacks)
        else:
            p.pop("fallbacks", None)


def read_routing_gate(full: Mapping[str, Any], get: Lookup) -> bool:
    """Whether any kind of routing is needed."""
    routing = get_path(full, "needs.routing") or {}
    return any(level != "no" for level in routing.values())


def write_routing_gate(data: dict[str, Any], needed: Any) -> None:
    """No routing needed: drop every routing need."""
    if not needed:
        write_path(data, "needs.routing", None)


def read_pains(full: Mapping[str, Any], get: Lookup) -> list[str]:
    """The pains marked (required or nice)."""
    pains = get_path(full, "needs.pains") or {}
    return [k for k in PAINS if pains.get(k, "no") != "no"]


def write_pains(data: dict[str, Any], chosen: Any) -> None:
    """Record the pains picked as required (or as written); the others not at all."""
    pains = get_path(data, "needs.pains") or {}
    for name in PAINS:
        level = pains.get(name, "no")
        write_path(data, f"needs.pains.{name}",
                  (level if level != "no" else "required") if name in chosen else None)


@functools.cache
def model_defaults() -> dict[str, Any]:
    """The default scenario, dumped once."""
    return Scenario().model_dump(mode="json")


def written_details(written: Mapping[str, Any]) -> bool:
    """Whether a scenario file sets any of the detailed figures."""
    return any(has_path(written, path) for path in DETAILS)


def no_write(data: dict[str, Any], value: Any) -> None:
    """For a question that only decides which others are asked: nothing to write."""
    return None

