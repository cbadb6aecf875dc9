"""CHANGELOG.md keeps the Keep a Changelog form, and the version moves with it.

Each change set adds its entries under "Unreleased" and raises ``__version__``; once released,
"Unreleased" becomes ``## [X.Y.Z] - YYYY-MM-DD`` and the version equals it.
"""

from __future__ import annotations

import re
from pathlib import Path

from gateway_roi import __version__

CHANGELOG = Path(__file__).resolve().parent.parent / "CHANGELOG.md"
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _sections() -> list[tuple[str, str]]:
    """(heading, body) of each ``## `` section, in order."""
    parts = re.split(r"^## (.+)$", CHANGELOG.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def test_unreleased_comes_first_then_releases_newest_first() -> None:
    """`## [Unreleased]` heads the list; each release is `## [X.Y.Z] - YYYY-MM-DD`."""
    headings = [heading for heading, _ in _sections()]
    assert headings[0] == "[Unreleased]"
    released = []
    for heading in headings[1:]:
        match = re.fullmatch(r"\[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}", heading)
        assert match, f"not a release heading: {heading!r}"
        released.append(_version(match[1]))
    assert released, "no released version"
    assert released == sorted(released, reverse=True) and len(set(released)) == len(released)


def test_entries_sit_under_the_kinds_of_change() -> None:
    for heading, body in _sections():
        kinds = re.findall(r"^### (.+)$", body, flags=re.MULTILINE)
        assert set(kinds) <= KINDS, (heading, kinds)
        assert len(kinds) == len(set(kinds)), (heading, kinds)


def test_the_version_is_raised_with_the_unreleased_change_set() -> None:
    """Entries under Unreleased: the version is above the newest release and named there; none:
    the version is the newest release's."""
    (_, unreleased), (newest, _) = _sections()[:2]
    newest_version = newest.split("]")[0].lstrip("[")
    if re.search(r"^- ", unreleased, flags=re.MULTILINE):
        assert _version(__version__) > _version(newest_version), (
            f"CHANGELOG.md has unreleased entries: raise __version__ above {newest_version} in "
            "cli/__init__.py")
        assert f"The version of this change set is {__version__}." in unreleased
    else:
        assert __version__ == newest_version
