"""The command as a user runs it: exit codes, output formats, bundled files, docs in step."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway_roi import __version__
from gateway_roi.app import app
from gateway_roi.files.resources import bundled_scenarios
from gateway_roi.options import OPTION_IDS

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def test_version_prints_the_package_version() -> None:
    """`gateway-roi --version` names the installed version."""
    code, out, _ = run("--version")
    assert code == 0
    assert out.strip() == f"gateway-roi {__version__}"


def test_python_dash_m_cli_runs_the_same_command() -> None:
    """`python -m gateway_roi` works like the console script."""
    proc = subprocess.run([sys.executable, "-m", "gateway_roi", "--version"], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"gateway-roi {__version__}"


def test_evaluate_examples_prints_a_verdict_per_bundled_scenario() -> None:
    """Each bundled scenario gets its own panel with a rule, plus a comparison table."""
    code, out, err = run("evaluate", "--examples")
    assert code == 0, err
    scenarios = bundled_scenarios()
    assert out.count("rule: ") == len(scenarios)
    assert "Comparison" in out
    for option in OPTION_IDS:
        assert option in out


def test_json_output_has_the_documented_fields() -> None:
    """--format json carries name, recommendation, criteria and options with lines."""
    code, out, _ = run("evaluate", str(ROOT / "scenarios"), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["errors"] == []
    assert doc["schema_version"] == 2
    assert len(doc["scenarios"]) == len(bundled_scenarios())
    for sc in doc["scenarios"]:
        assert sc["name"]
        assert sc["recommendation"]["option"] in OPTION_IDS
        assert re.fullmatch(r"[a-z-]+", sc["recommendation"]["rule"])
        assert isinstance(sc["criteria"]["scale"]["met"], bool)
        assert sc["criteria"]["ops_capacity"]["level"] in {"stock", "partial", "none"}
        assert set(sc["criteria"]["buy_walls"]["standing"]) <= {"compliance", "cost",
                                                                 "customization"}
        assert set(sc["criteria"]["self_host_walls"]["standing"]) <= {"capability", "cost"}
        assert sc["criteria"]["need"]["kind"] in {"governance", "convenience"}
        assert [o["id"] for o in sc["options"]] == list(OPTION_IDS)
        for option in sc["options"]:
            assert isinstance(option["feasible"], bool)
            assert option["feasible"] or option["infeasible_reason"]
            assert option["lines"], option["id"]
            total = sum(line["total"] for line in option["lines"])
            assert total == pytest.approx(option["total"], abs=0.05 * len(option["lines"]))
            kinds = {k: sum(line["total"] for line in option["lines"] if line["kind"] == k)
                     for k in ("up_front", "per_event", "standing")}
            assert {line["kind"] for line in option["lines"]} <= set(kinds)
            for kind, amount in kinds.items():
                assert amount == pytest.approx(option[kind], abs=0.05 * len(option["lines"]))
            for line in option["lines"]:
                assert line["formula"] and line["kind"] in {"up_front", "per_event", "standing"}
        defaults = [a for a in sc["assumptions"] if a["origin"] == "default"]
        assert defaults and all(a["source"] for a in defaults)


def test_bundled_scenarios_cover_at_least_three_verdicts() -> None:
    """The examples illustrate different outcomes, each explained by a leading comment."""
    code, out, _ = run("evaluate", "--examples", "--format", "json")
    assert code == 0
    verdicts = {sc["recommendation"]["option"] for sc in json.loads(out)["scenarios"]}
    assert len(bundled_scenarios()) >= 6
    assert len(verdicts) >= 3
    for path in bundled_scenarios():
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "# yaml-language-server: $schema=scenario.schema.json"
        assert lines[1].startswith("# ") and len(lines[1]) > 10


def test_invalid_file_reports_file_line_field_and_exits_1(tmp_path: Path) -> None:
    """A bad field is named with its file and line; good files are still evaluated."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\norganisation:\n  services: lots\n", encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text("name: good\n", encoding="utf-8")
    code, out, err = run("evaluate", str(tmp_path), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert [s["name"] for s in doc["scenarios"]] == ["good"]
    assert doc["errors"][0]["line"] == 3
    assert doc["errors"][0]["field"] == "organisation.services"
    assert f"{bad}:3: organisation.services: cannot read 'lots'" in err
    assert "Traceback" not in err


def test_set_overrides_a_field_for_a_what_if(tmp_path: Path) -> None:
    """--set changes the evaluated value, and a bad --set value is an input error (exit 1)."""
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: s\n", encoding="utf-8")
    code, out, _ = run("evaluate", str(scenario), "--format", "json",
                       "--set", "organisation.services=25")
    assert code == 0
    assert json.loads(out)["scenarios"][0]["criteria"]["scale"]["services"] == 25
    code, _, err = run("evaluate", str(scenario), "--set", "organisation.services=-3")
    assert code == 1
    assert "--set: organisation.services: -3 is out of range" in err


def test_tripwire_applied_with_set_changes_the_verdict() -> None:
    """A numeric tripwire's threshold, applied with --set, really moves the verdict."""
    # Unsampled: the verdict and its tripwires are read at the likely values either way.
    code, out, _ = run("evaluate", "--examples", "--format", "json", "--draws", "0")
    doc = json.loads(out)
    checked = 0
    for sc in doc["scenarios"]:
        for tw in sc["tripwires"]:
            if tw["direction"] == "becomes":
                continue
            code, out2, _ = run("evaluate", sc["source"], "--format", "json", "--draws", "0",
                                "--no-tripwires", "--set", f"{tw['field']}={tw['threshold']}")
            assert code == 0
            assert json.loads(out2)["scenarios"][0]["recommendation"]["option"] == tw["option"]
            checked += 1
    assert checked >= 1


def test_missing_path_is_a_usage_error() -> None:
    """A path that does not exist exits 2 with a message, not a traceback."""
    code, _, err = run("evaluate", "no-such-file.yaml")
    assert code == 2
    assert "no-such-file.yaml: no such file or folder" in err


def test_a_broken_link_in_a_folder_is_named_not_skipped(tmp_path: Path) -> None:
    """A *.yaml link whose target is gone is a problem of its own (exit 1), while the folder's
    other scenarios are still evaluated: skipped without a word, a team would not know its
    sweep was one short."""
    good = tmp_path / "good.yaml"
    good.write_text("name: good\n", encoding="utf-8")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere" / "gone.yaml")
    code, out, err = run("evaluate", str(tmp_path), "--draws", "0", "--format", "csv")
    assert code == 1
    assert "gone.yaml: cannot read" in err
    assert "good" in out and "gone" not in out


def test_evaluate_without_inputs_is_a_usage_error() -> None:
    """Nothing to evaluate is a usage error that names --examples."""
    code, _, err = run("evaluate")
    assert code == 2
    assert "--examples" in err


def test_schema_command_matches_the_bundled_schema_file() -> None:
    """The schema the bundled scenarios point at is the one the tool prints."""
    code, out, _ = run("schema")
    assert code == 0
    bundled = (ROOT / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8")
    assert out == bundled
    assert json.loads(out)["title"] == "gateway-roi scenario"


def test_examples_lists_and_copies_without_overwriting(tmp_path: Path) -> None:
    """examples lists what each scenario illustrates; --copy refuses to overwrite without --force."""
    code, out, _ = run("examples")
    assert code == 0
    for path in bundled_scenarios():
        assert path.name in out
    target = tmp_path / "copy"
    code, out, _ = run("examples", "--copy", str(target))
    assert code == 0
    assert sorted(p.name for p in target.iterdir()) == sorted(
        [p.name for p in bundled_scenarios()] + ["scenario.schema.json"])
    (target / "scenario.schema.json").write_text("mine", encoding="utf-8")
    code, _, err = run("examples", "--copy", str(target))
    assert code == 1
    assert "--force" in err
    assert (target / "scenario.schema.json").read_text(encoding="utf-8") == "mine"
    code, _, _ = run("examples", "--copy", str(target), "--force")
    assert code == 0
    assert (target / "scenario.schema.json").read_text(encoding="utf-8") != "mine"


def test_scenario_text_is_printed_literally(tmp_path: Path) -> None:
    """Rich markup and escape sequences in a scenario's name are not interpreted."""
    scenario = tmp_path / "s.yaml"
    scenario.write_text('name: "[bold red]x[/] \\e[31mred"\n', encoding="utf-8")
    code, out, _ = run("evaluate", str(scenario))
    assert code == 0
    assert "[bold red]x[/]" in out
    assert "\x1b" not in out


def test_every_command_is_documented_in_the_readme() -> None:
    """Each command appears in the README's usage."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"gateway-roi {name}" in readme, name


def test_core_modules_do_not_import_the_terminal_or_cli_layers() -> None:
    """The core (scenario, costs, decision, uncertainty, report data, words) imports no typer or rich."""
    root = Path(__file__).resolve().parent.parent / "cli"
    core = [f"gateway_roi.model.{p.stem}" for p in (root / "model").glob("*.py")
            if p.stem != "__init__"]
    modules = [*core, "gateway_roi.files.loading", "gateway_roi.outputs.report_data",
               "gateway_roi.words.i18n", "gateway_roi.outputs.compare"]
    code = (f"import sys, {', '.join(modules)};"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'typer','rich'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == "[]"


def test_json_stopped_part_way_leaves_no_half_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error while the second of two scenarios is written (here, a non-finite number, a bug
    the output refuses) leaves stdout empty, not the first scenario and an open list: a script
    reading the JSON gets nothing to mistake for a result."""
    from gateway_roi.outputs.formatters import _numbers
    from gateway_roi.outputs.formatters import json as json_out

    real = json_out.scenario_document
    calls = []

    def second_fails(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise _numbers.non_finite(float("inf"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(json_out, "scenario_document", second_fails)
    first, second = bundled_scenarios()[:2]
    code, out, err = run("evaluate", str(first), str(second), "--format", "json", "--draws", "0")
    assert len(calls) == 2
    assert code != 0 and "non-finite number" in err
    assert out == ""
