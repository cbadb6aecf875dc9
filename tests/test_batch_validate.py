"""`gateway-roi validate` and the pre-commit hook that runs it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.files.resources import bundled_scenarios

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def test_validate_passes_the_bundled_scenarios() -> None:
    """Valid files: a one-line summary, exit 0."""
    code, out, err = run("validate", str(ROOT / "scenarios"))
    assert code == 0, err
    assert out == f"{len(bundled_scenarios())} scenario file(s) valid\n"


def test_validate_lists_every_problem_in_every_file_and_exits_1(tmp_path: Path) -> None:
    """Two problems in one file and one in another: all three listed; no costs computed."""
    two = tmp_path / "two.yaml"
    two.write_text("name: two\norganisation:\n  services: lots\nteam:\n  oncall: true\n",
                   encoding="utf-8")
    one = tmp_path / "one.yaml"
    one.write_text("name: one\nexpect: gateway\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text("name: good\n", encoding="utf-8")
    code, out, err = run("validate", str(tmp_path))
    assert code == 1
    assert out == ""
    assert f"{two}:3: organisation.services:" in err
    assert f"{two}:5: team.oncall: unknown field" in err
    assert f"{one}:2: expect:" in err
    assert "3 problem(s) in 2 of 3 scenario file(s)" in err
    assert "Traceback" not in err


def test_validate_json_lists_each_file_and_problem(tmp_path: Path) -> None:
    """--format json: every file with valid true/false, every problem with its line."""
    (tmp_path / "bad.yaml").write_text("name: bad\nhorizon_months: 0\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text("name: good\n", encoding="utf-8")
    code, out, _ = run("validate", str(tmp_path), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert {Path(f["file"]).name: f["valid"] for f in doc["files"]} == {
        "bad.yaml": False, "good.yaml": True}
    assert doc["errors"][0]["field"] == "horizon_months" and doc["errors"][0]["line"] == 2


def test_validate_without_paths_is_a_usage_error() -> None:
    """validate needs at least one path."""
    code, _, _ = run("validate")
    assert code == 2


def test_pre_commit_hook_validates_scenario_files_only(tmp_path: Path) -> None:
    """The hook runs `gateway-roi validate` on scenarios/ YAML files; its command works."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "gateway-roi-validate")
    assert hook["entry"] == "gateway-roi validate"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("scenarios/team-a.yaml")
    assert files.search("infra/ai/scenarios/team-b.yml")
    assert not files.search(".github/workflows/ci.yml")
    assert not files.search("scenarios/scenario.schema.json")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\norganisation:\n  services: -1\n", encoding="utf-8")
    good = bundled_scenarios()[0]
    exe = Path(sys.executable).parent / hook["entry"].split()[0]
    proc = subprocess.run([str(exe), *hook["entry"].split()[1:], str(good), str(bad)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert f"{bad}:3: organisation.services: -1 is out of range" in proc.stderr
