"""Which record style a decision log uses: log4brains' header list or MADR 4's front matter.

``report --into`` follows the log it adds to. A folder is a log4brains log when a
``.log4brains.yml`` in it or above it names it as its ``adrFolder``; otherwise the records
already there say which style they use. Reads only: a few small files.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["LogStyle", "detect_log_style"]

_CONFIG = ".log4brains.yml"
_MAX_CONFIG_BYTES = 100_000
_HEADER_LIST = re.compile(r"^#[^\n]*\n+(?:[-*] [^\n]*\n)*[-*] Status:", re.MULTILINE)


class LogStyle:
    """The style found for a log, and why (to say on stderr)."""

    def __init__(self, style: str | None, why: str) -> None:
        self.style = style
        self.why = why


def _config_folder(config: Path) -> Path | None:
    """The ``adrFolder`` a ``.log4brains.yml`` names, resolved from its own folder."""
    import yaml

    try:
        if config.stat().st_size > _MAX_CONFIG_BYTES:
            return None
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    project = data.get("project") if isinstance(data, dict) else None
    folder = project.get("adrFolder") if isinstance(project, dict) else None
    if not isinstance(folder, str) or not folder:
        return None
    return (config.parent / folder).resolve()


def detect_log_style(folder: Path) -> LogStyle:
    """The style of the decision log in ``folder``: ``log4brains``, ``madr4`` or None."""
    try:
        target = folder.resolve()
    except OSError:
        return LogStyle(None, "")
    for parent in (target, *target.parents):
        config = parent / _CONFIG
        if config.is_file() and _config_folder(config) == target:
            return LogStyle("log4brains", f"{config} names it as its adrFolder")
    if not target.is_dir():
        return LogStyle(None, "")
    try:
        records = sorted(p for p in target.glob("*.md") if p.is_file())[:50]
    except OSError:
        return LogStyle(None, "")
    for record in records:
        try:
            with record.open(encoding="utf-8", errors="replace") as handle:
                head = handle.read(4000)
        except OSError:
            continue
        if head.startswith("---\n"):
            return LogStyle("madr4", f"{record.name} opens with MADR 4 front matter")
        if _HEADER_LIST.search(head):
            return LogStyle("log4brains", f"{record.name} has log4brains' '- Status:' list")
    return LogStyle(None, "")
