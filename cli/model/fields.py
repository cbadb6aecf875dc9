"""Dotted field paths, one home: in plain data, in the models, and in validation errors.

A field is named the same way everywhere a user meets it: ``organisation.services``,
``providers.in_use.0.name``. This module reads and writes such paths in plain data (a scenario
as written, answers, ``--set`` overrides), follows them through the pydantic models (what a
field allows, which fields a mapping may hold), and turns a pydantic ``ValidationError`` into
:class:`~gateway_roi.errors.Problem` s located at them. Pure: no files, no terminal; generic over the
root model, so the scenario model itself can use it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from gateway_roi.errors import Problem
from gateway_roi.text import reveal

__all__ = [
    "Loc",
    "allowed_fields",
    "attribute_at",
    "dotted",
    "field_info",
    "get_path",
    "has_path",
    "model_at",
    "remove_path",
    "set_path",
    "shown",
    "validation_problems",
    "write_path",
]

Loc = tuple[str | int, ...]
"""A field path as parts: ``("providers", "in_use", 0, "name")``."""


def _parts(path: str | Sequence[str | int]) -> Sequence[str | int]:
    return path.split(".") if isinstance(path, str) else path


def dotted(path: Sequence[str | int]) -> str:
    r"""A field path as messages show it: ``providers.in_use.0.name``.

    A key can hold control characters (through a double-quoted escape such as ``"\e"``): they
    are shown as escapes, never sent to the terminal.
    """
    return ".".join(reveal(str(part)) for part in path)


# --- plain data ------------------------------------------------------------------------------


def _step(value: Any, part: str | int) -> tuple[bool, Any]:
    if isinstance(value, Mapping) and part in value:
        return True, value[part]
    if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
        return True, value[part]
    return False, None


_ABSENT = object()


def _lookup(data: Any, path: str | Sequence[str | int]) -> Any:
    value = data
    for part in _parts(path):
        found, value = _step(value, part)
        if not found:
            return _ABSENT
    return value


def get_path(data: Any, path: str | Sequence[str | int]) -> Any:
    """The value at ``path`` in nested mappings and lists; None when it is not there."""
    value = _lookup(data, path)
    return None if value is _ABSENT else value


def has_path(data: Any, path: str | Sequence[str | int]) -> bool:
    """Whether ``path`` is written in ``data`` (even as null)."""
    return _lookup(data, path) is not _ABSENT


def set_path(data: dict[str, Any], path: str | Sequence[str | int], value: Any) -> None:
    """Set ``path`` to ``value``, creating the mappings (or, before an index, lists) on the way.

    A missing or null part is created; an existing list is indexed. Raises ValueError (with a
    message fit for users) when a part cannot be there: an index past a list's end, a field
    under a value that is not a mapping.
    """
    parts = _parts(path)
    target: Any = data
    for part, nxt in zip(parts[:-1], parts[1:], strict=True):
        if isinstance(target, dict):
            if target.get(part) is None:
                target[part] = [] if isinstance(nxt, int) else {}
            target = target[part]
            continue
        found, target = _step(target, part)
        if not found:
            raise ValueError(f"cannot set {dotted(parts)}: {part} does not exist")
    last = parts[-1]
    if isinstance(target, dict):
        target[last] = value
    elif isinstance(target, list) and isinstance(last, int) and 0 <= last < len(target):
        target[last] = value
    else:
        raise ValueError(f"cannot set {dotted(parts)}: {last} does not exist")


def remove_path(data: dict[str, Any], path: str | Sequence[str | int]) -> None:
    """Remove ``path`` when it is written (its default applies again); nothing otherwise."""
    parts = _parts(path)
    parent: Any = get_path(data, parts[:-1]) if len(parts) > 1 else data
    if isinstance(parent, dict):
        parent.pop(parts[-1], None)


def write_path(data: dict[str, Any], path: str | Sequence[str | int], value: Any) -> None:
    """Write a copy of ``value`` at ``path``; None removes the field so its default applies."""
    if value is None:
        remove_path(data, path)
    else:
        set_path(data, path, copy.deepcopy(value))


def attribute_at(obj: Any, path: str) -> Any:
    """The attribute at a dotted path of a model instance: ``team.on_call_24x7``."""
    value = obj
    for part in path.split("."):
        value = getattr(value, part)
    return value


# --- the models ------------------------------------------------------------------------------


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds (``Team | None``, ``list[Provider]``...), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def model_at(root: type[BaseModel], path: str | Sequence[str | int]) -> type[BaseModel] | None:
    """The model a path leads to from ``root`` (list indexes are stepped over).

    None when it leads to no model: a plain value, a free-form mapping, a missing field.
    """
    model: type[BaseModel] | None = root
    for part in _parts(path):
        if isinstance(part, int):
            continue
        if model is None or str(part) not in model.model_fields:
            return None
        model = _model_in(model.model_fields[str(part)].annotation)
    return model


def field_info(root: type[BaseModel], path: str) -> FieldInfo | None:
    """The pydantic field at a dotted path (description, bounds); None when there is none."""
    parts = path.split(".")
    model = model_at(root, parts[:-1])
    return None if model is None else model.model_fields.get(parts[-1])


def allowed_fields(root: type[BaseModel], loc: Sequence[str | int]) -> list[str] | None:
    """Field names allowed in the mapping that holds ``loc``'s last part (None: not a model)."""
    model = model_at(root, loc[:-1])
    return None if model is None else list(model.model_fields)


# --- validation errors -----------------------------------------------------------------------


def shown(value: Any) -> str:
    """A value as a message quotes it: short, with its type plain (``a mapping``, ``null``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_QUOTE_INPUT = {"string_type", "int_type", "literal_error", "list_type", "model_type", "dict_type"}

Where = Callable[[Loc], tuple[str, int | None, int | None]]
"""Where an error at a field path comes from: (source, line, column)."""


def validation_problems(exc: ValidationError, root: type[BaseModel], source: str, *,
                        prefix: Loc = (), where: Where | None = None) -> list[Problem]:
    """Every error of a validation against ``root`` as a problem at its field, in user words.

    ``prefix``: where the validated data sits in the file (``("base",)``). ``where`` locates
    each error (a file's line and column, or ``--set``); without it, errors are in ``source``.
    """
    problems = []
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            allowed = allowed_fields(root, loc)
            message = "unknown field" + (f"; allowed here: {', '.join(allowed)}" if allowed else "")
        elif err["type"] == "bool_type":
            message = f"must be true or false (got {shown(err.get('input'))})"
        elif err["type"] in _QUOTE_INPUT:
            message += f" (got {shown(err.get('input'))})"
        elif err["type"] == "missing":
            message = "this field is required"
        found_in, line, column = where(loc) if where is not None else (source, None, None)
        if loc == ("unknown",) and where is not None and isinstance(err.get("input"), list):
            # The list of unknown fields is filled in by the loader, never written: a problem
            # with it is shown at the last `unknown` the user wrote.
            spots = [(where((*prefix, *p.split("."))), p) for p in err["input"]
                     if isinstance(p, str)]
            written = [spot for spot in spots if spot[0][1] is not None]
            elsewhere = [spot for spot in spots if spot[0][0] != source]  # given by --set
            if written or elsewhere:
                (found_in, line, column), path = (
                    max(written, key=lambda spot: spot[0][1] or 0) if written else elsewhere[-1])
                loc = tuple(path.split("."))
        problems.append(Problem(found_in, dotted((*prefix, *loc)), message, line, column))
    return problems
