"""A team's project settings laid under its scenarios: which value came from where. Pure.

An organisation writes its own figures once (engineer pay, what an hour of downtime costs,
currency and rate, scale thresholds, a vendor's quote) in a ``[tool.gateway-roi]`` table of
pyproject.toml or in a ``gateway-roi.toml``; every scenario below that folder takes them as
defaults. The order, strongest first: ``--set`` > the scenario > the settings > the sourced
defaults. :func:`apply_settings` merges the settings under a scenario's data and says which
fields the settings gave, so every output can name the settings file and key of each value.
Finding and reading the file is :mod:`gateway_roi.files.settings`'s job.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gateway_roi.model.facts import FactBook
from gateway_roi.model.fields import Loc, dotted, model_at
from gateway_roi.model.scenario import Scenario

__all__ = [
    "NOT_SETTINGS",
    "RESERVED",
    "AppliedSettings",
    "Settings",
    "apply_settings",
    "leaf_paths",
]

RESERVED = {"facts": "a facts file (quotes, plans), relative to the settings file"}
"""Keys of the settings that are not scenario fields, and what each holds."""

NOT_SETTINGS = {
    "name": "each scenario names itself",
    "description": "each scenario describes itself",
    "expect": "the verdict a team recorded belongs to its scenario",
    "unknown": "write `unknown` as a field's value instead",
}
"""Scenario fields a settings file may not give, and why."""


@dataclass(frozen=True)
class Settings:
    """One settings file as read: its scenario defaults and where each key sits."""

    source: str
    """The file as output names it (``pyproject.toml``, ``../gateway-roi.toml``)."""
    table: str
    """The key prefix in that file: ``tool.gateway-roi`` in pyproject.toml, else empty."""
    values: Mapping[str, Any]
    """Defaults for scenario fields, nested as a scenario is (``team: {engineer_hour_cost: ..}``)."""
    lines: Mapping[Loc, int] = field(default_factory=dict)
    """The line each key (as a scenario path) is written on."""
    facts: str | None = None
    """The facts file the settings name (a path relative to the settings file), if any."""
    facts_line: int | None = None

    def key(self, loc: Loc) -> str:
        """How the file spells the key of ``loc``: ``tool.gateway-roi.team.engineer_hour_cost``."""
        return ".".join(p for p in (self.table, dotted(loc)) if p)

    def line(self, loc: Loc) -> int | None:
        """The line of ``loc`` in the file, or of the nearest key holding it."""
        for cut in range(len(loc), 0, -1):
            if loc[:cut] in self.lines:
                return self.lines[loc[:cut]]
        return None

    def origin(self, loc: Loc) -> str:
        """``pyproject.toml:12 tool.gateway-roi.team.engineer_hour_cost``: where a value came from."""
        line = self.line(loc)
        return f"{self.source}{'' if line is None else f':{line}'} {self.key(loc)}"


@dataclass(frozen=True)
class AppliedSettings:
    """What a scenario took from settings: each field given, and where it was written."""

    settings: Settings
    fields: Mapping[str, str]
    """Dotted scenario field -> its origin (``pyproject.toml:12 tool.gateway-roi.currency``)."""
    facts: FactBook | None = None
    """The facts the settings' facts file gives (over the bundled ones), when no ``--facts``
    was given: the scenario is evaluated with them."""

    def without(self, paths: Iterable[Loc]) -> AppliedSettings:
        """These settings minus the fields ``--set`` gave (``--set`` wins)."""
        cut = [dotted(p) for p in paths]
        kept = {f: o for f, o in self.fields.items()
                if not any(f == c or f.startswith(c + ".") for c in cut)}
        return AppliedSettings(self.settings, kept, self.facts)

    def origin_of(self, field_path: str) -> str | None:
        """The origin of a field, or of the settings entry that holds it (a whole range)."""
        parts = field_path.split(".")
        for cut in range(len(parts), 0, -1):
            found = self.fields.get(".".join(parts[:cut]))
            if found is not None:
                return found
        return None


def _is_section(loc: Loc) -> bool:
    """Whether the scenario field at ``loc`` is a section, merged key by key.

    Sections: ``team``, ``needs.governance``, ``assumptions``...; anything else is one value
    (a range, a list, a number), taken whole.
    """
    if loc == ("assumptions",):
        return True
    if not loc:
        return True
    return model_at(Scenario, loc) is not None and not _is_list(loc)


def _is_list(loc: Loc) -> bool:
    parent = model_at(Scenario, loc[:-1])
    if parent is None:
        return False
    info = parent.model_fields.get(str(loc[-1]))
    return info is not None and "list[" in str(info.annotation)


def leaf_paths(values: Mapping[str, Any], prefix: Loc = ()) -> list[Loc]:
    """Every value a settings mapping gives, as a scenario path (sections are stepped into)."""
    out: list[Loc] = []
    for key, value in values.items():
        loc = (*prefix, key)
        if isinstance(value, Mapping) and _is_section(loc):
            out.extend(leaf_paths(value, loc))
        else:
            out.append(loc)
    return out


def apply_settings(data: Mapping[str, Any],
                   settings: Settings) -> tuple[dict[str, Any], AppliedSettings]:
    """A scenario's data with the settings laid under it, and which fields the settings gave.

    What the scenario writes wins, field by field: a section (``team``) is merged key by key,
    one value (a range such as ``{low: 80, high: 120}``, a list) is taken whole from whichever
    side has it. ``data`` is not changed.
    """
    merged: dict[str, Any] = copy.deepcopy(dict(data))
    given: dict[str, str] = {}
    for loc in leaf_paths(settings.values):
        holder: Any = merged
        value: Any = settings.values
        for part in loc:
            value = value[part]
        ok = True
        for part in loc[:-1]:
            nxt = holder.get(part) if isinstance(holder, dict) else None
            if nxt is None:
                nxt = {}
                holder[part] = nxt
            if not isinstance(nxt, dict):
                ok = False  # the scenario wrote something else there: its problem, its value
                break
            holder = nxt
        if not ok or loc[-1] in holder:
            continue
        holder[loc[-1]] = copy.deepcopy(value)
        given[dotted(loc)] = settings.origin(loc)
    return merged, AppliedSettings(settings, given)
