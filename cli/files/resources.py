"""Where the bundled scenarios and templates live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_dir", "bundled_scenarios", "scenario_summary"]

_PACKAGE = Path(__file__).resolve().parent.parent  # gateway_roi/, this module sits in files/


def bundled_dir(name: str) -> Path:
    """The ``scenarios`` or ``templates`` folder shipped with the tool.

    A wheel carries them as ``gateway_roi/_data/<name>``; an editable install or a checkout has them at
    the top level of the repository.
    """
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def bundled_scenarios() -> list[Path]:
    """The bundled example scenario files, sorted by name."""
    folder = bundled_dir("scenarios")
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def scenario_summary(path: Path) -> str:
    """The comment block at the top of a bundled scenario: what it illustrates."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        if text and not text.startswith("yaml-language-server"):
            lines.append(text)
    return " ".join(lines)
