"""YAML -> :class:`~gateway_roi.model.scenario.Scenario`, each problem located as ``file:line: field``.

The YAML dialect is deliberately plain (close to YAML 1.2's core schema), so what a user types is
what the model sees:

* only ``true``/``false`` are booleans: ``no``, ``yes``, ``on``, ``off`` stay text, so a need
  written ``compliance: no`` means "no" and a boolean written ``yes`` is refused, not guessed;
* ``017`` is seventeen (not octal fifteen); ``1:30`` is text (not ninety); dates stay text;
* anchors and aliases are refused before anything is built (no "billion laughs");
* explicit tags (``!!float``, ``!!binary``, ``!custom``) are refused: a value is what it looks like;
* duplicate keys are refused, naming both lines;
* empty files, several documents, non-mapping tops, binary, UTF-16 or non-UTF-8 content,
  control characters, tabs used for indentation, deep nesting, numbers too long to be a value
  and files over :data:`MAX_FILE_BYTES` each get their own message.

Whatever the text, only :class:`~gateway_roi.errors.InvalidScenarioError` comes out of the loaders.
"""

from __future__ import annotations

import copy
import math
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from gateway_roi.errors import InvalidScenarioError, Problem
from gateway_roi.model.facts import FactBook, bundled_facts
from gateway_roi.model.fields import Loc, set_path, validation_problems
from gateway_roi.model.fields import dotted as _field
from gateway_roi.model.fields import shown as _shown
from gateway_roi.model.scenario import Scenario, fallback_problems
from gateway_roi.model.settings import AppliedSettings, Settings, apply_settings

__all__ = [
    "MAX_FILE_BYTES",
    "SET_SOURCE",
    "dump_scenario",
    "load_scenario_file",
    "load_scenario_text",
    "load_yaml_file",
    "parse_override",
    "read_yaml_with_positions",
]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 300
"""Integers longer than this are refused by the loader: far beyond any field's range, and
beyond what a float holds (every numeric field is checked against its own range later)."""
SET_SOURCE = "--set"

Path_ = tuple[str | int, ...]


class _Resolver(yaml.resolver.BaseResolver):
    """Implicit types of YAML 1.2's core schema, minus timestamps and merge keys."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _LoadError(Exception):
    def __init__(self, message: str, mark: yaml.Mark | None = None, field: str = "",
                 node: yaml.Node | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.field = field
        self.node = node
        """The node at fault, so the field path can be found once the tree is known."""

    def problem(self, source: str) -> Problem:
        """The error as a problem of ``source``, at its line and column when known."""
        mark = self.mark
        return Problem(source, self.field, self.message,
                       mark.line + 1 if mark else None, mark.column + 1 if mark else None)


# What PyYAML refuses in a stream (its Reader.NON_PRINTABLE), found before it gets to see it.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# Digits (after 0x / 0o) that stay within MAX_NUMBER_DIGITS decimal digits.
_DIGITS_LIMIT = {10: MAX_NUMBER_DIGITS, 16: MAX_NUMBER_DIGITS * 5 // 6,
                 8: MAX_NUMBER_DIGITS * 10 // 9}


class _Constructor(yaml.constructor.SafeConstructor):
    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        text = str(self.construct_scalar(node)).replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        base = 10
        if digits.startswith(("0x", "0o")):
            base, digits = (16 if digits[1] == "x" else 8), digits[2:]
        if len(digits.lstrip("0")) > _DIGITS_LIMIT[base]:
            raise _LoadError(
                f"a number with {len(digits):,} digits is far beyond any field's allowed range "
                "(`gateway-roi schema` lists each field's range)",
                node.start_mark, node=node,
            )
        try:
            return sign * int(digits, base)
        except ValueError:
            raise _LoadError(f"cannot read {_shown(text)} as a whole number", node.start_mark,
                             node=node) from None

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value: float = super().construct_yaml_float(node)
        if math.isinf(value) and "inf" not in str(node.value).lower():
            raise _LoadError(
                f"{_shown(node.value)} is beyond the largest finite number, far beyond any "
                "field's allowed range (`gateway-roi schema` lists each field's range)",
                node.start_mark, node=node,
            )
        return value

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Mark] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                raise _LoadError(
                    "a key must be a field name (text), not "
                    + ("a list or a mapping" if isinstance(key, list | dict | tuple)
                       else f"{_shown(key)}: put it in quotes if it is meant as text"),
                    key_node.start_mark, node=node,
                )
            if key in seen:
                raise _LoadError(
                    f"duplicate key {_shown(key)} (first on line {seen[key].line + 1}, again on "
                    f"line {key_node.start_mark.line + 1}); keep one",
                    key_node.start_mark, node=key_node,
                )
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:int", _Constructor.construct_yaml_int
)
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:float", _Constructor.construct_yaml_float
)

_STR = "tag:yaml.org,2002:str"
_ALIAS_MESSAGE = "anchors and aliases (&name / *name) are not supported: write the value out"
_PLAIN_TAGS: dict[type[yaml.Node], str] = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Constructor,
    _Resolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _LoadError(_ALIAS_MESSAGE, event.start_mark)
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None):
            raise _LoadError(_ALIAS_MESSAGE, event.start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _LoadError(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
        try:
            node: yaml.Node | None = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        assert node is not None  # the composer returns None only at the end of a stream
        return node


# libyaml ships inside PyYAML's wheels; a build without it falls back to pure Python.
_FastParser: Any = getattr(yaml.cyaml, "CParser", None) if yaml.__with_libyaml__ else None

if _FastParser is not None:

    class _FastLoader(_FastParser, _Constructor, _Resolver):  # type: ignore[misc]
        """libyaml's parser (about ten times faster) with this module's dialect.

        The constructor and resolver are this module's own, so values read the same; libyaml
        bounds nesting itself, and aliases and depth are checked on the composed tree by
        :func:`_check_structure`.
        """

        def __init__(self, stream: str) -> None:
            _FastParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)


def _new_loader(text: str) -> Any:
    # Text without & or * can hold no anchor or alias, so libyaml may read it; anything else
    # goes through the pure-Python loader, which refuses anchors where they are written.
    if _FastParser is not None and "&" not in text and "*" not in text:
        return _FastLoader(text)
    return _Loader(text)


def _check_structure(root: yaml.Node, resolver: Any, tags: bool = True) -> dict[int, Path_]:
    """Refuse what the dialect does not allow, on the composed tree, before anything is built.

    Aliases (a node reached twice), nesting deeper than :data:`MAX_DEPTH` and explicit tags (a
    node whose tag is not the one its text implies; ``tags`` False: the text holds no ``!``,
    so no tag was written and every node has the tag its text implies). Returns each node's
    field path (by ``id``), to name the field of a problem the constructor finds later (a
    duplicate key, a huge number).
    """
    paths: dict[int, Path_] = {}
    stack: list[tuple[yaml.Node, Path_, int]] = [(root, (), 1)]
    while stack:
        node, path, depth = stack.pop()
        if id(node) in paths:
            raise _LoadError(_ALIAS_MESSAGE, node.start_mark, _field(path))
        paths[id(node)] = path
        if depth > MAX_DEPTH:
            raise _LoadError(f"nesting deeper than {MAX_DEPTH} levels", node.start_mark,
                             _field(path))
        if tags:
            _refuse_written_tag(node, resolver, path)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                stack.append((key_node, (*path, key), depth + 1))
                stack.append((value_node, (*path, key), depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, i), depth + 1) for i, item in enumerate(node.value))
    return paths


def _refuse_written_tag(node: yaml.Node, resolver: Any, path: Path_) -> None:
    """Refuse a node whose tag is not the one its text implies (an explicit tag)."""
    if node.tag == _STR:  # text, whether written plainly or tagged !!str
        implied = _STR
    elif isinstance(node, yaml.ScalarNode):
        # Plain scalars have no style (None from PyYAML, "" from libyaml).
        implied = resolver.resolve(yaml.ScalarNode, node.value, (not node.style, True))
    else:
        implied = _PLAIN_TAGS[type(node)]
    if node.tag != implied:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _LoadError(
            f"tags such as {_shown(tag)} are not supported: write the plain value",
            node.start_mark, _field(path),
        )


class Positions(Mapping[Path_, yaml.Mark]):
    """Where each field of a parsed document starts, worked out when first asked.

    Only a problem needs a line number: a valid file never pays for the index.
    """

    def __init__(self, root: yaml.Node) -> None:
        self._root: yaml.Node | None = root
        self._marks: dict[Path_, yaml.Mark] = {}

    def _index(self) -> dict[Path_, yaml.Mark]:
        if self._root is not None:
            self._marks[()] = self._root.start_mark
            _index_positions(self._root, (), self._marks)
            self._root = None
        return self._marks

    def __getitem__(self, path: Path_) -> yaml.Mark:
        return self._index()[path]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


def _index_positions(node: yaml.Node, path: Path_, out: dict[Path_, yaml.Mark]) -> None:
    """Record where each field starts: the key's line for mapping entries."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            out[(*path, key)] = key_node.start_mark
            _index_positions(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out[(*path, i)] = item.start_mark
            _index_positions(item, (*path, i), out)


def _check_text(text: str) -> None:
    """Refuse characters no YAML text may hold, naming the line and column of the first."""
    bad = _NON_PRINTABLE.search(text)
    if bad is None:
        return
    line = text.count("\n", 0, bad.start())
    column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1)
    char = bad.group()
    mark = yaml.Mark("<text>", bad.start(), line, column, text, bad.start())
    raise _LoadError(
        f"control character U+{ord(char):04X} is not allowed in YAML text (inside double "
        f"quotes, write it as an escape such as \\x{ord(char) & 0xff:02x})"
        if ord(char) < 0xD800 else
        f"character U+{ord(char):04X} is not valid text",
        mark,
    )


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    """A PyYAML/libyaml syntax error in the user's terms, with a hint for the usual slips."""
    what = exc.problem or str(exc)
    mark = exc.problem_mark
    if mark is not None:
        lines = text.split("\n")
        row = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in row[: mark.column + 1] and not row[: mark.column].strip(" \t"):
            return "not valid YAML: a tab is used for indentation; indent with spaces"
    if "maximum nesting depth" in what:
        return f"nesting deeper than {MAX_DEPTH} levels"
    return f"not valid YAML: {what}"


def _parse_document(text: str, source: str, scenario: bool = True
                    ) -> tuple[dict[str, Any], Positions]:
    # ``scenario`` False: another YAML file of ours (facts, saved answers, measured values),
    # whose problems should not speak of a scenario.
    _check_text(text)
    loader = _new_loader(text)
    paths: dict[int, Path_] = {}
    try:
        try:
            node = loader.get_single_node()
        except yaml.composer.ComposerError as exc:
            if "expected a single document" in str(exc):
                raise _LoadError(
                    "the file holds several YAML documents (---); "
                    + ("a scenario is one document" if scenario else "write one document"),
                    exc.problem_mark,
                ) from None
            raise
        if node is None:
            raise _LoadError("the file is empty: " + ("a scenario needs at least one field, e.g. "
                                                      "name: ..." if scenario else
                                                      "it needs at least one field"))
        if not isinstance(node, yaml.MappingNode):
            raise _LoadError(
                "the top level must be a mapping of fields "
                + ("(name: ..., organisation: ...)" if scenario else "(field: value, ...)"),
                node.start_mark,
            )
        # A tag is written with "!": text without one holds none to refuse.
        paths = _check_structure(node, loader, tags="!" in text)
        data = loader.construct_document(node)
        return data, Positions(node)
    except _LoadError as exc:
        if exc.node is not None and not exc.field:
            exc.field = _field(paths.get(id(exc.node), ()))
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _LoadError(_syntax_message(exc, text), mark) from None
    except yaml.YAMLError as exc:  # e.g. a reader error libyaml raises without a mark
        raise _LoadError(f"not valid YAML: {exc}") from None
    except RecursionError:
        raise _LoadError(f"nesting deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


def parse_override(text: str) -> tuple[list[str | int], Any]:
    """Read ``dotted.path=value`` (value in the same YAML dialect as files).

    Raises ValueError with a message fit for users.
    """
    shown = _shown(text)  # at most 60 characters of it, control characters escaped
    path_text, sep, value_text = text.partition("=")
    if not sep or not path_text.strip():
        raise ValueError(f"{shown}: write --set dotted.path=value, e.g. organisation.services=12")
    parts: list[str | int] = []
    for part in path_text.strip().split("."):
        if not part:
            raise ValueError(f"{shown}: empty part in the field path")
        parts.append(int(part) if part.isdigit() else part)
    try:
        _check_text(value_text)
        loader = _Loader(value_text)
    except _LoadError as exc:
        raise ValueError(f"{shown}: cannot read the value: {exc}") from None
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_structure(node, loader)
        value = None if node is None else loader.construct_document(node)
    except (yaml.YAMLError, _LoadError, RecursionError) as exc:
        raise ValueError(f"{shown}: cannot read the value: {exc}") from None
    finally:
        loader.dispose()
    return parts, value


def _problems_from_validation(
    exc: ValidationError,
    source: str,
    positions: Mapping[Path_, yaml.Mark],
    overridden: Iterable[tuple[str | int, ...]],
    applied: AppliedSettings | None = None,
) -> list[Problem]:
    overridden = set(overridden)

    def where(loc: Loc) -> tuple[str, int | None, int | None]:
        # The --set's fault: a field it set, or a mapping it made (a typo in its path, such
        # as organistion.services, makes an unknown field the file does not have).
        if any(loc[: len(o)] == o or (o[: len(loc)] == loc and loc not in positions)
               for o in overridden):
            return SET_SOURCE, None, None
        spot = _settings_spot(loc, positions, applied)
        if spot is not None:
            return spot
        for cut in range(len(loc), -1, -1):
            mark = positions.get(loc[:cut])
            if mark is not None:
                return source, mark.line + 1, mark.column + 1
        return source, None, None

    return validation_problems(exc, Scenario, source, where=where)


def _product_problems(scenario: Scenario, facts: FactBook, source: str,
                      positions: Mapping[Path_, yaml.Mark],
                      overridden: Sequence[tuple[str | int, ...]],
                      applied: AppliedSettings | None = None) -> list[Problem]:
    """The products and plans a scenario names must be among the facts (bundled or a file's)."""
    problems = []
    for section, field, kind in (("buy", "vendor", "saas"), ("self_host", "gateway",
                                                             "open_source")):
        chosen = getattr(scenario, section)
        wanted, plan = getattr(chosen, field), chosen.plan
        known = [p for p in facts.products.values() if p.kind == kind]
        product = next((p for p in known if p.id == wanted), None)
        if wanted != "auto" and product is None:
            what = "SaaS gateway" if kind == "saas" else "open-source gateway"
            loc: tuple[str | int, ...] = (section, field)
            problems.append(_located(source, loc, positions, overridden,
                                     f"{wanted!r} is not a {what} the facts know; allowed: auto, "
                                     + ", ".join(p.id for p in known)
                                     + " (gateway-roi facts lists them; --facts adds your own)",
                                     applied))
        elif product is not None and plan != "auto" and plan not in product.plans:
            problems.append(_located(source, (section, "plan"), positions, overridden,
                                     f"{product.name} has no plan {plan!r}; allowed: auto, "
                                     + ", ".join(product.plans), applied))
    return problems


def _settings_spot(loc: Loc, positions: Mapping[Path_, yaml.Mark],
                   applied: AppliedSettings | None) -> tuple[str, int | None, int | None] | None:
    """Where a field the settings gave is written: the settings file and line, or None.

    A section only the settings wrote (where an unknown key sits) is theirs too.
    """
    if applied is None or loc in positions:
        return None
    settings = applied.settings
    if applied.origin_of(_field(loc)) is not None or (
            loc and loc[:1] not in positions and settings.line(loc) is not None):
        return settings.source, settings.line(loc), None
    return None


def _located(source: str, loc: tuple[str | int, ...], positions: Mapping[Path_, yaml.Mark],
             overridden: Sequence[tuple[str | int, ...]], message: str,
             applied: AppliedSettings | None = None) -> Problem:
    if any(loc[: len(o)] == o for o in overridden):
        return Problem(SET_SOURCE, _field(loc), message)
    spot = _settings_spot(loc, positions, applied)
    if spot is not None:
        return Problem(spot[0], _field(loc), message, spot[1], spot[2])
    mark = positions.get(loc)
    return Problem(source, _field(loc), message, mark.line + 1 if mark else None,
                   mark.column + 1 if mark else None)


def load_scenario_text(
    text: str, source: str = "<scenario>", overrides: Sequence[str] = (),
    default_name: str | None = None, facts: FactBook | None = None,
    settings: Settings | None = None,
) -> Scenario:
    """Parse and validate one scenario from YAML text, applying ``--set`` overrides.

    ``settings`` (project settings) give the fields the file leaves out; ``--set`` wins over
    both. The vendor and gateway it names must be among ``facts`` (default: the bundled
    facts). Raises :class:`InvalidScenarioError` listing every problem found, each at the
    file (scenario or settings) and line it comes from.
    """
    try:
        data, positions = _parse_document(text, source)
    except _LoadError as exc:
        raise InvalidScenarioError([exc.problem(source)]) from None
    if default_name and "name" not in data:
        data["name"] = default_name
    applied: AppliedSettings | None = None
    if settings is not None:
        data, applied = apply_settings(data, settings)
    overridden: list[tuple[str | int, ...]] = []
    problems: list[Problem] = []
    without_overrides = copy.deepcopy(data) if overrides else data
    for override in overrides:
        try:
            path, value = parse_override(override)
            set_path(data, path, value)
            overridden.append(tuple(path))
        except ValueError as exc:
            problems.append(Problem(SET_SOURCE, "", str(exc)))
    if problems:
        raise InvalidScenarioError(problems)
    in_use = data.get("providers", {}).get("in_use") if isinstance(data.get("providers"),
                                                                     dict) else None
    if isinstance(in_use, list):
        # Located at the very fallback (the model would only know the list).
        wrong = [_located(source, ("providers", "in_use", i, "fallbacks", j), positions,
                          overridden, message, applied)
                 for (i, j), message in fallback_problems(in_use)]
        if wrong:
            raise InvalidScenarioError(wrong)
    if applied is not None and overridden:
        applied = applied.without(overridden)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = _problems_from_validation(exc, source, positions, overridden, applied)
    else:
        problems = _product_problems(scenario, facts if facts is not None else bundled_facts(),
                                     source, positions, overridden, applied)
        if not problems:
            return scenario if applied is None else scenario.with_settings(applied)
        raise InvalidScenarioError(problems)
    if overridden and any(not p.field and p.source == source for p in problems):
        # A cross-field problem has no field to blame: it is the overrides' fault when the
        # file alone does not have it.
        try:
            Scenario.model_validate(without_overrides)
            from_file: set[str] = set()
        except ValidationError as exc:
            from_file = {str(e["msg"]).removeprefix("Value error, ") for e in exc.errors()}
        problems = [
            Problem(SET_SOURCE, p.field, p.message)
            if not p.field and p.source == source and p.message not in from_file else p
            for p in problems
        ]
    raise InvalidScenarioError(problems)


def load_scenario_file(path: Path, overrides: Sequence[str] = (),
                       facts: FactBook | None = None,
                       settings: Settings | None = None) -> Scenario:
    """Read, parse and validate a scenario file (its products checked against ``facts``).

    ``settings``: the project settings it is read with (see :mod:`gateway_roi.files.settings`).
    Raises :class:`InvalidScenarioError` for unreadable, oversized, binary or invalid files.
    """
    from gateway_roi.files.writing import display_path

    return load_scenario_text(_read_text(path), display_path(path), overrides,
                              default_name=path.stem, facts=facts, settings=settings)


def read_yaml_with_positions(path: Path) -> tuple[dict[str, Any], Positions, str]:
    """A YAML mapping in the scenario files' dialect, where each value sits, and the file's name.

    For other validated files (a facts file): same limits and checks as scenarios. Raises
    :class:`InvalidScenarioError` with the line of the problem.
    """
    from gateway_roi.files.writing import display_path

    source = display_path(path)
    try:
        data, positions = _parse_document(_read_text(path), source, scenario=False)
    except _LoadError as exc:
        raise InvalidScenarioError([exc.problem(source)]) from None
    return data, positions, source


def load_yaml_file(path: Path) -> dict[str, Any]:
    """Read a YAML mapping in the scenario files' dialect, with the same limits and checks.

    For gateway-roi's other YAML files (``ask``'s saved answers): no aliases, no duplicate
    keys, no tags, bounded size, depth and numbers. Raises :class:`InvalidScenarioError` with
    the line of the problem.
    """
    from gateway_roi.files.writing import display_path

    source = display_path(path)
    text = _read_text(path)
    try:
        data, _ = _parse_document(text, source, scenario=False)
    except _LoadError as exc:
        raise InvalidScenarioError([exc.problem(source)]) from None
    return data


def _read_text(path: Path) -> str:
    """A file's text, refused (:class:`InvalidScenarioError`) when it cannot be YAML text."""

    def refused(message: str) -> InvalidScenarioError:
        from gateway_roi.files.writing import display_path

        return InvalidScenarioError([Problem(display_path(path), "", message)])

    try:
        # Non-blocking, so a named pipe is refused below instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise refused("is a folder, not a scenario file") from None
    except OSError as exc:
        raise refused(f"cannot read: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise refused("is a folder, not a scenario file")
        if not stat.S_ISREG(mode):
            raise refused("not a regular file (a pipe, socket or device): give a YAML file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise refused(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        raise refused(f"file is larger than {MAX_FILE_BYTES:,} bytes; a scenario is a few KB")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raise refused("UTF-16 or UTF-32 text (it starts with a byte-order mark): save the file "
                      "as UTF-8")
    if b"\x00" in raw:
        raise refused("binary content: not a YAML text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refused(f"not UTF-8 text (byte {exc.start}): save the file as UTF-8") from None


class _Dumper(yaml.SafeDumper):
    """Quotes any text this project's loader (or an older YAML reader) would read as non-text."""


_AWKWARD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style: str | None = None
    if _AWKWARD.search(data):
        style = '"'  # escaped, so line-break-like characters survive the trip
    elif _Resolver().resolve(yaml.ScalarNode, data, (True, False)) != "tag:yaml.org,2002:str":  # type: ignore[no-untyped-call]
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_scenario(scenario: Scenario) -> str:
    """YAML text of ``scenario`` holding only what differs from the defaults.

    Loading the result gives back an equal scenario.
    """
    data = scenario.model_dump(mode="json", exclude_defaults=True,
                               context={"write_unknown": True})
    data = {"name": scenario.name, **{k: v for k, v in data.items() if k != "name"}}
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
