"""`gateway-roi check`: the CI gate that fails (exit 3) when a recorded verdict drifts."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.errors import EXIT_VERDICT_CHANGED
from gateway_roi.files.loading import load_scenario_text
from gateway_roi.model.evaluation import assess
from gateway_roi.options import OPTION_IDS, OptionChoice

runner = CliRunner()

DRIFTS = "name: drifts\nexpect: direct\norganisation:\n  services: 8\n"
HOLDS = "name: holds\nexpect: direct\n"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_expect_field_lists_the_five_option_ids_and_changes_no_number() -> None:
    """expect: takes an option id and leaves costs and verdict as they were."""
    for key in OPTION_IDS:
        assert load_scenario_text(f"name: x\nexpect: {key}\n").expect == key
    assert tuple(OptionChoice) == OPTION_IDS  # the choices of --expect
    plain = assess(load_scenario_text("name: x\n"), tripwires=False)
    expecting = assess(load_scenario_text("name: x\nexpect: build\n"), tripwires=False)
    assert expecting.decision.option == plain.decision.option
    assert {k: o.total for k, o in expecting.options.items()} == {
        k: o.total for k, o in plain.options.items()}


def test_check_passes_when_every_verdict_matches_its_expect_field(tmp_path: Path) -> None:
    """A repository of scenarios whose verdicts hold: ok per scenario, exit 0."""
    a = write(tmp_path, "a.yaml", HOLDS)
    write(tmp_path, "b.yaml", "name: grows\nexpect: automate\norganisation:\n  services: 8\n")
    code, out, err = run("check", str(tmp_path))
    assert code == 0, err
    assert f"ok       {a} (holds): direct (convenience-direct)" in out
    assert "all 2 verdict(s) as expected" in out


def test_check_exits_3_with_expected_actual_rule_and_reason_when_a_verdict_drifts(
    tmp_path: Path,
) -> None:
    """A drifted verdict: DIFFERS with expected, actual, rule, reasons, and the way back."""
    write(tmp_path, "a.yaml", HOLDS)
    b = write(tmp_path, "b.yaml", DRIFTS)
    code, out, err = run("check", str(tmp_path))
    assert code == EXIT_VERDICT_CHANGED == 3
    assert f"DIFFERS  {b} (drifts): expected direct, got automate" in out
    assert "rule: convenience-automate - " in out
    assert "Automating costs" in out  # the reason, with its numbers
    assert "what would bring back direct:" in out
    assert "organisation.services <= " in out
    assert "1 of 2 verdict(s) differ from the expected one" in err


def test_expect_option_overrides_the_field(tmp_path: Path) -> None:
    """--expect applies to every scenario given, whatever their expect: field says."""
    b = write(tmp_path, "b.yaml", DRIFTS)
    code, out, _ = run("check", b, "--expect", "automate")
    assert code == 0
    assert "ok" in out
    code, _, _ = run("check", b, "--expect", "buy")
    assert code == 3


def test_check_without_any_expectation_is_a_usage_error(tmp_path: Path) -> None:
    """No --expect and no expect: field: exit 2, naming the file and the two ways to fix it."""
    a = write(tmp_path, "a.yaml", "name: a\n")
    code, _, err = run("check", a)
    assert code == 2
    assert f"{a}: expect: no expected verdict" in err
    assert "--expect" in err


def test_check_of_an_invalid_scenario_exits_1_even_when_another_drifts(tmp_path: Path) -> None:
    """A bad expect: value is an input problem (exit 1), which outranks a drift (3)."""
    bad = write(tmp_path, "bad.yaml", "name: bad\nexpect: gateway\n")
    write(tmp_path, "drifts.yaml", DRIFTS)
    code, out, err = run("check", str(tmp_path))
    assert code == 1
    assert f"{bad}:2: expect: Input should be 'direct'" in err
    assert "DIFFERS" in out


def test_check_with_an_unknown_expect_option_is_a_usage_error(tmp_path: Path) -> None:
    """--expect takes one of the five option ids."""
    a = write(tmp_path, "a.yaml", HOLDS)
    code, _, err = run("check", a, "--expect", "gateway")
    assert code == 2
    assert "--expect" in err


def test_check_json_lists_each_check(tmp_path: Path) -> None:
    """--format json: each check with expected, actual, matched, rule and reasons."""
    write(tmp_path, "a.yaml", HOLDS)
    write(tmp_path, "b.yaml", DRIFTS)
    code, out, _ = run("check", str(tmp_path), "--format", "json")
    assert code == 3
    doc = json.loads(out)
    by_name = {c["name"]: c for c in doc["checks"]}
    assert by_name["holds"]["matched"] is True
    drift = by_name["drifts"]
    assert (drift["expected"], drift["actual"], drift["matched"]) == ("direct", "automate", False)
    assert drift["rule"] == "convenience-automate" and drift["reasons"]
    assert drift["towards_expected"]
    assert doc["errors"] == [] and doc["missing_expectation"] == []
