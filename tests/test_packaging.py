"""The wheel installs one import package, gateway_roi, with its templates and example scenarios."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent


class Wheel(NamedTuple):
    names: set[str]
    entry_points: str


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Wheel:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools builds inside the source tree (build/), where two runs at
    # once (two checkouts' suites, or two workers) would trip over each other's files.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("cli", "templates", "scenarios"):
        shutil.copytree(ROOT / folder, source / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out),
         str(source)],
        capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        if "No matching distribution found for setuptools" in done.stderr:
            pytest.skip("the build backend cannot be installed here (no package index)")
        raise AssertionError(done.stderr)
    (built,) = out.glob("gateway_roi-*.whl")
    with zipfile.ZipFile(built) as archive:
        names = set(archive.namelist())
        (entry_points,) = (n for n in names if n.endswith(".dist-info/entry_points.txt"))
        return Wheel(names, archive.read(entry_points).decode())


def test_the_wheel_has_no_top_level_cli_package(wheel: Wheel) -> None:
    """A generic top-level ``cli`` would be overwritten by any other package that ships one."""
    top_level = {name.split("/", 1)[0] for name in wheel.names}
    assert "cli" not in top_level
    assert top_level == {"gateway_roi", next(t for t in top_level if t.endswith(".dist-info"))}


def test_every_source_module_is_installed_under_gateway_roi(wheel: Wheel) -> None:
    """A new subpackage missing from pyproject's package list would be left out of the wheel."""
    sources = {f"gateway_roi/{p.relative_to(ROOT / 'cli').as_posix()}"
               for p in (ROOT / "cli").rglob("*.py")}
    assert sources - wheel.names == set()


def test_the_wheel_carries_templates_and_example_scenarios(wheel: Wheel) -> None:
    expected = {f"gateway_roi/_data/templates/{p.name}" for p in (ROOT / "templates").glob("*.j2")}
    expected |= {f"gateway_roi/_data/scenarios/{p.name}" for p in (ROOT / "scenarios").iterdir()}
    assert expected - wheel.names == set()


def test_the_command_points_at_gateway_roi(wheel: Wheel, tmp_path: Path) -> None:
    assert "gateway-roi = gateway_roi.app:main" in wheel.entry_points
    done = subprocess.run([sys.executable, "-m", "gateway_roi", "--version"], capture_output=True,
                          text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("gateway-roi ")


def test_a_cli_folder_in_the_working_directory_does_not_hijack_the_tool(tmp_path: Path) -> None:
    """``python -m gateway_roi`` never runs a stranger's ``cli/`` that happens to be nearby."""
    stranger = tmp_path / "cli"
    stranger.mkdir()
    (stranger / "__init__.py").write_text("raise SystemExit('the wrong cli ran')\n")
    (stranger / "__main__.py").write_text("raise SystemExit('the wrong cli ran')\n")
    done = subprocess.run([sys.executable, "-m", "gateway_roi", "--version"], capture_output=True,
                          text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "wrong cli" not in done.stderr
