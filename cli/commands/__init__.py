"""One module per command; each registers itself on :data:`gateway_roi.app.app` when imported.

:func:`load` imports only the commands a run needs, so start-up does not pay for the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

__all__ = ["COMMANDS", "load", "requested"]

COMMANDS = ("ask", "check", "diff", "evaluate", "examples", "facts", "map", "report",
            "revisit", "schema", "validate")


def load(names: Iterable[str] | None = None) -> None:
    """Register the named commands (all of them when ``names`` is None)."""
    for name in COMMANDS if names is None else names:
        importlib.import_module(f"gateway_roi.commands.{name}")


def requested(argv: list[str]) -> list[str] | None:
    """The commands a command line needs.

    The one it names; none for a bare ``--version``; None (all of them) for help, completion
    or anything unclear.
    """
    if argv == ["--version"]:
        return []
    first = next((a for a in argv if not a.startswith("-")), None)
    if first in COMMANDS and "--help" not in argv[: argv.index(first)]:
        return [first]
    return None
