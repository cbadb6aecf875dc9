"""`gateway-roi diff`: what differs between two scenarios and what it does to the verdict."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.files.loading import load_scenario_text
from gateway_roi.model.evaluation import assess
from gateway_roi.options import OPTION_IDS
from gateway_roi.outputs.compare import diff_evaluations, scenario_fields

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_diff_names_inputs_totals_and_the_cost_comparison_that_moved_the_verdict(
    tmp_path: Path,
) -> None:
    """More services flip automate vs direct: no criterion moved, the cost comparison did."""
    a = write(tmp_path, "a.yaml", "name: team\n")
    b = write(tmp_path, "b.yaml", "name: team\norganisation:\n  services: 8\n")
    code, out, err = run("diff", a, b)
    assert code == 0, err
    assert "organisation.services: 3 -> 8" in out
    assert "Inputs that differ (1)" in out
    ev_a = assess(load_scenario_text("name: team\n"), tripwires=False)
    ev_b = assess(load_scenario_text("name: team\norganisation:\n  services: 8\n"),
                    tripwires=False)
    for key in OPTION_IDS:
        old, new = ev_a.options[key].total, ev_b.options[key].total
        assert f"{old:,.0f} -> " in out and f"{new:,.0f}  {new - old:+,.0f}" in out
    assert ("Verdict: direct (convenience-direct) -> automate (convenience-automate): CHANGED"
            in out)
    assert "No criterion changed; moved by this cost comparison:" in out
    assert "direct vs automate: direct cost less in A" in out


def test_diff_names_the_criterion_that_changed_the_verdict(tmp_path: Path) -> None:
    """Making compliance required moves the verdict by need kind and the compliance wall."""
    team = "team:\n  platform_team: true\n  on_call_24x7: true\n"
    a = write(tmp_path, "a.yaml", "name: a\n" + team)
    b = write(tmp_path, "b.yaml", "name: b\n" + team +
              "needs:\n  governance:\n    compliance: required\n")
    code, out, _ = run("diff", a, b)
    assert code == 0
    assert "needs.governance.compliance: no -> required" in out
    assert "name: a -> b" in out
    assert "-> self_host (governance-self-host): CHANGED" in out
    assert "Moved by these criteria:" in out
    assert "need.kind: convenience -> governance (required needs only a gateway meets: " \
           "none -> compliance)" in out
    assert "walls.compliance: not met -> met" in out


def test_diff_says_when_the_option_holds_but_another_rule_fired(tmp_path: Path) -> None:
    """Compliance required without ops capacity: still automate, by the no-runnable rule."""
    a = write(tmp_path, "a.yaml", "name: a\norganisation:\n  services: 12\n")
    b = write(tmp_path, "b.yaml", "name: a\norganisation:\n  services: 12\n"
                                  "needs:\n  governance:\n    compliance: required\n")
    code, out, _ = run("diff", a, b)
    assert code == 0
    assert ("Verdict: automate (unchanged), but by another rule: convenience-automate -> "
            "governance-no-runnable-gateway") in out
    assert "need.kind: convenience -> governance" in out


def test_diff_json_reports_ops_capacity_and_scale_changes(tmp_path: Path) -> None:
    """--format json: inputs, totals with change, verdict and the criteria with their numbers."""
    base = ("name: gov\nneeds:\n  governance:\n    audit_trail: required\n"
            "    compliance: required\n")
    a = write(tmp_path, "a.yaml", base)
    b = write(tmp_path, "b.yaml", base + "team:\n  platform_team: true\n  on_call_24x7: true\n"
                                         "organisation:\n  services: 30\n"
                                         "  monthly_requests: 5000000\n")
    code, out, _ = run("diff", a, b, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema_version"] == 2
    fields = {c["field"]: (c["a"], c["b"]) for c in doc["inputs"]}
    assert fields["team.on_call_24x7"] == (False, True)
    assert fields["organisation.monthly_requests"] == (100000, 5000000)
    assert [o["id"] for o in doc["options"]] == list(OPTION_IDS)
    for o in doc["options"]:
        assert abs(o["b"] - o["a"] - o["change"]) < 0.02
    assert doc["verdict"]["a"]["option"] != doc["verdict"]["b"]["option"]
    assert doc["verdict"]["changed"] is True
    criteria = {c["criterion"]: c for c in doc["criteria"]}
    assert criteria["ops_capacity.level"]["a"] == "none"
    assert criteria["ops_capacity.level"]["b"] == "stock"
    assert criteria["scale.met"]["b"] is True
    assert "services 3 -> 30" in criteria["scale.met"]["detail"]
    assert doc["verdict"]["moved_by"].startswith("criteria: ")


def test_diff_of_a_file_with_itself_says_unchanged(tmp_path: Path) -> None:
    """Identical inputs: nothing differs, totals move by zero, the verdict is unchanged."""
    a = write(tmp_path, "a.yaml", "name: same\n")
    code, out, _ = run("diff", a, a)
    assert code == 0
    assert "Inputs: identical" in out
    assert "), unchanged" in out
    assert "CHANGED" not in out


def test_diff_shows_the_default_a_field_falls_back_to(tmp_path: Path) -> None:
    """A field written on one side only shows the default figure the other side used."""
    a = write(tmp_path, "a.yaml", "name: x\n")
    b = write(tmp_path, "b.yaml", "name: x\nteam:\n  engineer_hour_cost: 150\n"
                                  "assumptions:\n  automate_build_hours: 400\n")
    code, out, _ = run("diff", a, b)
    assert code == 0
    assert "team.engineer_hour_cost: default (96) -> 150" in out
    assert "assumptions.automate_build_hours: default (120) -> 400" in out


def test_diff_keys_providers_by_name() -> None:
    """Adding a provider is one change, not a shift of every provider after it."""
    a = load_scenario_text("providers:\n  in_use:\n    - name: openai\n    - name: claude\n")
    b = load_scenario_text("providers:\n  in_use:\n    - name: deepseek\n    - name: openai\n"
                           "    - name: claude\n")
    fields_a, fields_b = scenario_fields(a), scenario_fields(b)
    assert "providers.in_use[openai].fallbacks" in fields_a
    changed = {k for k in fields_a.keys() | fields_b.keys() if fields_a.get(k) != fields_b.get(k)}
    assert changed == {f"providers.in_use[deepseek].{f}"
                       for f in ("name", "openai_compatible", "fallbacks", "self_hosted")}
    d = diff_evaluations(assess(a, tripwires=False), assess(b, tripwires=False), "a", "b")
    assert {c.field for c in d.inputs} == changed


def test_diff_validates_both_files_and_lists_every_problem(tmp_path: Path) -> None:
    """Two invalid files: both problems on stderr, nothing compared, exit 1."""
    a = write(tmp_path, "a.yaml", "name: a\norganisation:\n  services: lots\n")
    b = write(tmp_path, "b.yaml", "name: b\nteam:\n  platform_team: yes\n")
    code, out, err = run("diff", a, b)
    assert code == 1
    assert out == ""
    assert f"{a}:3: organisation.services:" in err
    assert f"{b}:3: team.platform_team: must be true or false" in err
    assert "Traceback" not in err


def test_diff_of_a_missing_file_or_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    """diff takes two files: a missing path or a folder exits 2 with a message."""
    a = write(tmp_path, "a.yaml", "name: a\n")
    code, _, err = run("diff", a, str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "nope.yaml: no such file" in err
    code, _, err = run("diff", a, str(tmp_path))
    assert code == 2
    assert "is a folder" in err
    # A path that exists but is no regular file is not called missing.
    code, _, err = run("diff", "/dev/null", a)
    assert code == 2
    assert "/dev/null: not a regular file" in err and "no such file" not in err
