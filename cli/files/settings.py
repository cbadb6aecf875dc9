"""Project settings on disk: found upward from a scenario, read from TOML, every key located.

A scenario's settings are the first of these found in its folder or a folder above it:

* ``gateway-roi.toml`` (the whole file is the settings);
* ``pyproject.toml`` holding a ``[tool.gateway-roi]`` table (one without it is passed over).

In one folder ``gateway-roi.toml`` wins over ``pyproject.toml``, as ruff's ``ruff.toml`` does.
The search stops at the first folder holding ``.git`` (the repository's root, searched too) or
at the filesystem root. ``--config FILE`` names the file instead (a pyproject.toml or a
gateway-roi.toml, whatever its name: a file whose name is pyproject.toml is read from its
``[tool.gateway-roi]`` table); ``--no-config`` reads none. The merge itself is
:mod:`gateway_roi.model.settings`'s.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from gateway_roi.errors import InvalidScenarioError, Problem
from gateway_roi.model.fields import Loc
from gateway_roi.model.scenario import Scenario
from gateway_roi.model.settings import NOT_SETTINGS, RESERVED, Settings

__all__ = ["SETTINGS_FILE", "find_settings", "read_settings", "settings_for"]

SETTINGS_FILE = "gateway-roi.toml"
PYPROJECT = "pyproject.toml"
_TABLE = ("tool", "gateway-roi")
MAX_SETTINGS_BYTES = 1_000_000


def find_settings(start: Path) -> Path | None:
    """The settings file that applies to a scenario in folder ``start``, or None.

    Named relative to the current folder when that is shorter (as output shows it).
    """
    folder = start.resolve()
    while True:
        own = folder / SETTINGS_FILE
        if own.is_file():
            return _short(own)
        project = folder / PYPROJECT
        if project.is_file() and _has_table(project):
            return _short(project)
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent


def _short(path: Path) -> Path:
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # another drive (Windows)
        return path
    return relative if len(str(relative)) < len(str(path)) else path


def _has_table(path: Path) -> bool:
    """Whether a pyproject.toml has a ``[tool.gateway-roi]`` table.

    An unreadable one is passed over here: it is read, and its problem reported, only when
    it is the one ``--config`` names.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*[\"']?gateway-roi[\"']?\s*[\].]", text,
                     re.MULTILINE) is not None or re.search(
        r"^\s*tool\s*\.\s*[\"']?gateway-roi[\"']?\s*[.=]", text, re.MULTILINE) is not None


def settings_for(scenario: Path, config: Path | None = None,
                 no_config: bool = False,
                 found: dict[Path, Path | None] | None = None) -> Settings | None:
    """The settings a scenario file is read with: ``--config``'s, none, or the ones found.

    ``found``: the settings file found for each folder so far in this run (a batch of files
    in one folder searches upward once).
    """
    if no_config:
        return None
    chosen = config
    if chosen is None:
        folder = scenario.parent
        if found is None or folder not in found:
            chosen = find_settings(folder)
            if found is not None:
                found[folder] = chosen
        else:
            chosen = found[folder]
    return None if chosen is None else read_settings(chosen)


@cache
def _read_cached(resolved: Path, shown: str, mtime: float) -> Settings:
    return _read(resolved, shown)


def read_settings(path: Path) -> Settings:
    """The settings in ``path``; :class:`InvalidScenarioError` (exit 1) for each problem, located.

    Read once per run for a batch of scenarios under the same settings.
    """
    from gateway_roi.files.writing import display_path

    shown = display_path(path)
    try:
        resolved = path.resolve()
        mtime = resolved.stat().st_mtime
    except OSError as exc:
        raise InvalidScenarioError([Problem(shown, "", f"cannot read the settings: "
                                                       f"{exc.strerror or exc}")]) from None
    return _read_cached(resolved, shown, mtime)


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _read(path: Path, shown: str) -> Settings:
    def fail(message: str, line: int | None = None, column: int | None = None,
             where: str = "") -> InvalidScenarioError:
        return InvalidScenarioError([Problem(shown, where, message, line, column)])

    if path.exists() and not path.is_file() and not path.is_dir():
        # /dev/null reads as an empty file: no settings at all, without a word.
        raise fail("not a regular file (a pipe, socket or device): give a TOML file")
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise fail("is a folder, not a settings file") from None
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_SETTINGS_BYTES:
        raise fail(f"file is larger than {MAX_SETTINGS_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text (byte {exc.start}): save the file as UTF-8") from None
    import tomllib  # only when a settings file is read: most runs find none

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_AT.search(str(exc))
        message = _TOML_AT.sub("", str(exc)).strip()
        raise fail(f"not valid TOML: {message}", int(m[1]) if m else None,
                   int(m[2]) if m else None) from None
    lines = _key_lines(text)
    table: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        table = _TABLE
        tool = doc.get("tool")
        values = tool.get("gateway-roi") if isinstance(tool, dict) else None
        if values is None:
            raise fail("has no [tool.gateway-roi] table: add one, or give a gateway-roi.toml")
        if not isinstance(values, dict):
            raise fail("tool.gateway-roi must be a table of settings", lines.get(_TABLE))
    else:
        values = doc
    own: dict[Loc, int] = {loc[len(table):]: line for loc, line in lines.items()
           if loc[:len(table)] == table and len(loc) > len(table)}
    prefix = ".".join(table)

    def at(loc: Loc) -> int | None:
        for cut in range(len(loc), 0, -1):
            if loc[:cut] in own:
                return own[loc[:cut]]
        return lines.get(table) if table else None

    problems: list[Problem] = []
    facts = values.get("facts")
    for key in values:
        where = ".".join(p for p in (prefix, key) if p)
        if key in NOT_SETTINGS:
            problems.append(Problem(shown, where, f"not a setting: {NOT_SETTINGS[key]}",
                                    at((key,))))
        elif key not in RESERVED and key not in Scenario.model_fields:
            allowed = [f for f in Scenario.model_fields if f not in NOT_SETTINGS]
            problems.append(Problem(shown, where, "unknown setting; allowed here: "
                                    + ", ".join([*RESERVED, *allowed]), at((key,))))
    if facts is not None and (not isinstance(facts, str) or not facts.strip()):
        problems.append(Problem(shown, ".".join(p for p in (prefix, "facts") if p),
                                "facts must be the path of a facts file (text), relative to "
                                "this file", at(("facts",))))
    problems.extend(_type_problems(values, shown, prefix, at))
    if problems:
        raise InvalidScenarioError(problems)
    scenario_values = {k: v for k, v in values.items() if k not in RESERVED}
    facts_path = None
    if isinstance(facts, str):
        facts_path = str(_short(path.parent / facts))
    return Settings(shown, prefix, scenario_values, own, facts_path, at(("facts",)))


def _type_problems(values: dict[str, Any], shown: str, prefix: str,
                   at: Any) -> list[Problem]:
    """TOML values a scenario cannot hold (dates and times): located, with what to write."""
    import datetime as dt

    out: list[Problem] = []

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, (*loc, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*loc, i))
        elif isinstance(value, dt.date | dt.time):
            out.append(Problem(shown, ".".join(str(p) for p in (prefix, *loc) if p != ""),
                               "a date or time is no scenario value: write it in quotes",
                               at(loc)))

    walk(values, ())
    return out


# A line that opens a table: [a.b] or [[a.b]]; a line that sets a key: a.b = ... (bare or quoted
# parts). Enough to name the line of each key a settings file sets; values spanning lines
# (multi-line strings, arrays) are skipped over by their opening line only.
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_PART_RE = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_PART_RE}(?:\s*\.\s*{_PART_RE})*)\s*=")
_PART = re.compile(_PART_RE)


def _parts(text: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _PART.findall(text))


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line (1-based) each table and key of a TOML text is written on."""
    out: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_string = False
    for number, line in enumerate(text.split("\n"), start=1):
        if in_string:
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_string = False
            continue
        header = _HEADER.match(line)
        if header:
            table = _parts(header[1])
            out.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            loc = (*table, *_parts(key[1]))
            out.setdefault(loc, number)
            for cut in range(len(table) + 1, len(loc)):
                out.setdefault(loc[:cut], number)
            rest = line[key.end():]
            if rest.count('"""') % 2 == 1 or rest.count("'''") % 2 == 1:
                in_string = True
    return out
