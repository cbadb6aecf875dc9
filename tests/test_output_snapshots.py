"""Every output a user or a machine reads, pinned for the bundled scenarios.

These snapshots catch any change of output, wanted or not: a restructuring must leave them
byte-identical, and a deliberate change of the model or the wording shows up as a diff to read
before committing it. Regenerate with
``UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_output_snapshots.py``.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.files.resources import bundled_scenarios
from gateway_roi.outputs.formatters import OutputFormat

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "snapshots" / "outputs"
DATE = "2026-11-27"

runner = CliRunner()

# Every output format of `evaluate` has its snapshot, so a new format cannot go unpinned; its file
# is evaluate.<format> unless named here.
_SUFFIX = {OutputFormat.markdown: "md", OutputFormat.text: "txt"}


def _snapshot_name(fmt: OutputFormat) -> str:
    return f"evaluate.{_SUFFIX.get(fmt, fmt.value)}"


def _relative_scenarios() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in bundled_scenarios()]


def _compare(name: str, text: str) -> None:
    path = OUT / name
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        pytest.skip(f"snapshot {name} rewritten")
    if not path.exists():
        pytest.fail(f"no snapshot {path}: run with UPDATE_SNAPSHOTS=1 to create it")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            f"{name} (snapshot)", f"{name} (now)", n=1))
        pytest.fail(f"{name} differs from its snapshot:\n{diff[:6000]}")


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the checkout's root, so file names in the output are relative and stable."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=str)
def test_evaluate_output_of_the_bundled_scenarios_is_unchanged(fmt: OutputFormat,
                                                               in_root: None) -> None:
    """Every format of `evaluate` over the bundled scenarios matches its snapshot."""
    result = runner.invoke(app, ["evaluate", *_relative_scenarios(), "--format", fmt.value])
    assert result.exit_code == 0, result.output
    _compare(_snapshot_name(fmt), result.stdout)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("scenario", [p.stem for p in bundled_scenarios()])
def test_decision_record_of_each_bundled_scenario_is_unchanged(scenario: str, lang: str,
                                                               in_root: None) -> None:
    """Each bundled scenario's decision record, in English and Chinese, matches its snapshot."""
    result = runner.invoke(app, ["report", f"scenarios/{scenario}.yaml", "--lang", lang,
                                 "--date", DATE])
    assert result.exit_code == 0, result.output
    _compare(f"report-{scenario}.{lang}.md", result.stdout)
