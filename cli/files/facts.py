"""A team's own facts file (``--facts FILE``): quotes, plans and vendors merged over the bundled facts.

The file is YAML in the scenario files' dialect::

    products:
      - id: portkey                  # a product the tool knows: add or replace plans and claims
        sources:
          our_quote: {url: "Portkey quote Q-1234 (email)", kind: quote, read: "2026-11-20"}
        plans:
          enterprise:
            price:
              base_fee: {value: 2400, source: our_quote, passage: "USD 2,400 a month, annual"}
      - id: acme-gateway             # a product it does not know: given in full
        name: Acme AI Gateway
        kind: saas
        domains: [acme.example]
        ...

A plan the file names for a known product is merged claim by claim (its price items,
capabilities and limits replace those of the same name), and only the claims it states are
marked as the file's; a new plan or product is added whole.
Every problem is located at ``file:line: field`` like a scenario's. Sources of kind ``quote``,
``contract`` or ``internal`` are the team's own documents and need not sit on the vendor's hosts.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gateway_roi.errors import InvalidScenarioError, Problem
from gateway_roi.model.facts import FactBook, Product, bundled_facts, merge, plan_claims
from gateway_roi.model.fields import validation_problems

__all__ = ["load_facts", "load_facts_file"]

_MERGED_MAPS = ("price", "capabilities", "limits")


def _merged(known: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """A known product's data with a file's entry laid over it, claim by claim."""
    out = copy.deepcopy(known)
    for key, value in patch.items():
        if key == "sources" and isinstance(value, dict):
            out["sources"] = {**out.get("sources", {}), **value}
        elif key == "domains" and isinstance(value, list):
            out["domains"] = [*out.get("domains", []),
                              *(d for d in value if d not in out.get("domains", []))]
        elif key == "plans" and isinstance(value, dict):
            plans = out.setdefault("plans", {})
            for plan_id, plan in value.items():
                if plan_id in plans and isinstance(plan, dict):
                    merged = plans[plan_id]
                    for part, items in plan.items():
                        if part in _MERGED_MAPS and isinstance(items, dict):
                            merged[part] = {**merged.get(part, {}), **items}
                        else:
                            merged[part] = items
                else:
                    plans[plan_id] = plan
        else:
            out[key] = value
    return out


def _stated(known: Product, entry: dict[str, Any]) -> list[str]:
    """What a file's entry for a known product states, claim by claim.

    ``plan`` for a plan it adds whole, ``plan/claim`` for each claim it gives
    (``enterprise/price.base_fee``).

    A claim the file leaves alone stays the bundled one, and is marked so; one that names a
    source the file redefines rests on the file's document, and is marked as the file's.
    """
    out: list[str] = []
    plans = entry.get("plans")
    plans = plans if isinstance(plans, dict) else {}
    for plan_id, plan in plans.items():
        if plan_id not in known.plans:
            out.append(str(plan_id))
            continue
        if not isinstance(plan, dict):
            continue
        for part in _MERGED_MAPS:
            items = plan.get(part)
            if isinstance(items, dict):
                out += [f"{plan_id}/{part}.{key}" for key in items]
    sources = entry.get("sources")
    redefined = set(sources) if isinstance(sources, dict) else set()
    if redefined:
        for plan_id, plan_model in known.plans.items():
            out += [f"{plan_id}/{key}" for key, claim in plan_claims(plan_model)
                    if claim.source in redefined]
    return out


def load_facts_file(path: Path, base: FactBook | None = None) -> FactBook:
    """``base`` (default: the bundled facts) with the products of the facts file at ``path``.

    Raises :class:`InvalidScenarioError` listing every problem, each at its line.
    """
    from gateway_roi.files.loading import read_yaml_with_positions

    book = base if base is not None else bundled_facts()
    data, positions, source = read_yaml_with_positions(path)

    def at(loc: tuple[str | int, ...]) -> tuple[str, int | None, int | None]:
        for cut in range(len(loc), -1, -1):
            mark = positions.get(loc[:cut])
            if mark is not None:
                return source, mark.line + 1, mark.column + 1
        return source, None, None

    extra = sorted(set(data) - {"products"})
    entries = data.get("products")
    if extra or not isinstance(entries, list) or not entries:
        spot = ("products",) if not extra else (extra[0],)
        raise InvalidScenarioError([Problem(
            source, spot[0],
            "a facts file holds `products:`, a list of products (each with its id, and its "
            "sources and plans); see docs/facts.md" if not extra
            else "unknown field; allowed here: products", *at(spot)[1:])])
    problems: list[Problem] = []
    added: dict[str, Product] = {}
    stated: dict[str, list[str]] = {}
    for i, entry in enumerate(entries):
        loc: tuple[str | int, ...] = ("products", i)
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            problems.append(Problem(source, f"products.{i}.id", "each product needs an id (a "
                                    "known one, e.g. portkey, or a new one)", *at(loc)[1:]))
            continue
        pid = entry["id"]
        if pid in added:
            problems.append(Problem(source, f"products.{i}.id", f"{pid} is named twice in "
                                    "this file; merge the two entries", *at((*loc, "id"))[1:]))
            continue
        known = book.products.get(pid)
        full = _merged(known.model_dump(exclude_defaults=False), entry) if known else entry
        if known is not None:
            stated[pid] = _stated(known, entry)
        try:
            added[pid] = Product.read(full)
        except ValidationError as exc:

            def where(err_loc: tuple[str | int, ...],
                      _loc: tuple[str | int, ...] = loc) -> tuple[str, int | None, int | None]:
                return at((*_loc, *err_loc))

            problems.extend(validation_problems(exc, Product, source, prefix=loc, where=where))
    if problems:
        raise InvalidScenarioError(problems)
    return merge(book, added, source, stated)


def load_facts(path: Path | None) -> FactBook:
    """The facts a command works with: the bundled ones, with a team's file over them if given."""
    return bundled_facts() if path is None else load_facts_file(path)
