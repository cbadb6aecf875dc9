"""Project settings: found upward from a scenario, laid under it, each value naming its origin."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.files.decision_log import record_provenance
from gateway_roi.files.settings import find_settings

runner = CliRunner()

SCENARIO = "name: team a\norganisation:\n  services: 4\n"
SETTINGS = """# our company's own figures
currency = "EUR"
usd_rate = 0.92

[team]
engineer_hour_cost = 80

[thresholds]
scale_min_services = 6
"""


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def evaluated(*args: str | Path) -> dict[str, Any]:
    code, out, err = run("evaluate", *args, "-f", "json", "--draws", "0")
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)["scenarios"][0]
    return doc


def hour(doc: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(a for a in doc["assumptions"]
                                 if a["name"] == "engineer_hour_cost")
    return found


def test_settings_above_the_scenario_give_its_missing_fields_and_name_their_origin(
        tmp_path: Path) -> None:
    """gateway-roi.toml two folders up applies; JSON names the file, line and key of each value."""
    write(tmp_path / "org" / "gateway-roi.toml", SETTINGS)
    scenario = write(tmp_path / "org" / "teams" / "a" / "a.yaml", SCENARIO)
    doc = evaluated(scenario)
    assert doc["currency"] == "EUR"
    assert hour(doc)["value"] == 80
    assert hour(doc)["origin"] == "settings"
    assert hour(doc)["source"].endswith("gateway-roi.toml:6 team.engineer_hour_cost")
    given = {v["field"]: v for v in doc["settings"]["values"]}
    assert set(given) == {"currency", "usd_rate", "team.engineer_hour_cost",
                          "thresholds.scale_min_services"}
    assert given["currency"]["value"] == "EUR"
    assert given["thresholds.scale_min_services"]["origin"].endswith(
        ":9 thresholds.scale_min_services")
    # The text output lists them too, with their lines.
    code, out, _ = run("evaluate", scenario, "--draws", "0")
    assert code == 0
    assert "From the settings" in out and "team.engineer_hour_cost = 80 (line 6)" in out


def test_set_beats_the_scenario_which_beats_the_settings_which_beat_the_defaults(
        tmp_path: Path) -> None:
    """The stated order: --set > the scenario > the settings > the sourced defaults."""
    write(tmp_path / "gateway-roi.toml", "[team]\nengineer_hour_cost = 80\n")
    plain = write(tmp_path / "plain.yaml", SCENARIO)
    own = write(tmp_path / "own.yaml", SCENARIO + "team:\n  engineer_hour_cost: 150\n")
    assert hour(evaluated(plain))["value"] == 80  # settings over the default
    assert hour(evaluated(own))["value"] == 150  # the scenario over the settings
    assert hour(evaluated(own))["origin"] == "scenario"
    assert evaluated(own)["settings"]["values"] == []
    overridden = evaluated(plain, "--set", "team.engineer_hour_cost=200")
    assert hour(overridden)["value"] == 200  # --set over both
    assert hour(overridden)["origin"] == "scenario"
    assert overridden["settings"]["values"] == []
    default = evaluated(plain, "--no-config")
    assert hour(default)["origin"] == "default" and default["settings"] is None
    other = write(tmp_path / "elsewhere" / "other.toml", "[team]\nengineer_hour_cost = 60\n")
    chosen = evaluated(plain, "--config", other)
    assert hour(chosen)["value"] == 60 and "other.toml:2" in hour(chosen)["source"]


def test_pyproject_table_is_found_and_one_without_it_is_passed_over(tmp_path: Path) -> None:
    """[tool.gateway-roi] in pyproject.toml counts; a pyproject.toml without it does not."""
    write(tmp_path / "pyproject.toml",
          '[project]\nname = "x"\n\n[tool.gateway-roi]\ncurrency = "EUR"\nusd_rate = 0.9\n\n'
          "[tool.gateway-roi.team]\nengineer_hour_cost = 70\n")
    write(tmp_path / "svc" / "pyproject.toml", '[project]\nname = "svc"\n')
    scenario = write(tmp_path / "svc" / "a.yaml", SCENARIO)
    assert find_settings(scenario.parent) is not None
    doc = evaluated(scenario)
    assert hour(doc)["value"] == 70
    assert hour(doc)["source"].endswith("pyproject.toml:9 tool.gateway-roi.team.engineer_hour_cost")
    # In one folder, gateway-roi.toml wins over pyproject.toml.
    write(tmp_path / "gateway-roi.toml", "[team]\nengineer_hour_cost = 75\n")
    assert hour(evaluated(scenario))["value"] == 75


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    """Settings above the folder holding .git do not reach a scenario inside it."""
    write(tmp_path / "gateway-roi.toml", "[team]\nengineer_hour_cost = 80\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    scenario = write(tmp_path / "repo" / "a.yaml", SCENARIO)
    assert find_settings(scenario.parent) is None
    assert evaluated(scenario)["settings"] is None


def test_settings_problems_are_located_at_their_file_and_line(tmp_path: Path) -> None:
    """An unknown key says what is allowed; a bad value and a TOML slip name their line."""
    scenario = write(tmp_path / "s" / "a.yaml", SCENARIO)
    typo = write(tmp_path / "typo.toml", 'currency = "EUR"\nusd_rate = 0.9\n[team]\n'
                                         "enginer_hour_cost = 80\n")
    code, _, err = run("evaluate", scenario, "--config", typo, "--draws", "0")
    assert code == 1
    assert "typo.toml:4: team.enginer_hour_cost: unknown field; allowed here: engineer_hour_cost" in err
    unknown = write(tmp_path / "unknown.toml", "\ncolour = 1\n")
    code, _, err = run("validate", scenario, "--config", unknown)
    assert code == 1 and "unknown.toml:2: colour: unknown setting; allowed here: facts," in err
    named = write(tmp_path / "named.toml", 'name = "x"\n')
    code, _, err = run("validate", scenario, "--config", named)
    assert code == 1 and "named.toml:1: name: not a setting" in err
    bad = write(tmp_path / "bad.toml", "[organisation]\nmonthly_requests = -5\n")
    code, _, err = run("validate", scenario, "--config", bad)
    assert code == 1 and "bad.toml:2: organisation.monthly_requests:" in err
    broken = write(tmp_path / "broken.toml", "[team]\nengineer_hour_cost = \n")
    code, _, err = run("validate", scenario, "--config", broken)
    assert code == 1 and "broken.toml:2: not valid TOML" in err
    project = write(tmp_path / "p" / "pyproject.toml", '[project]\nname = "x"\n')
    code, _, err = run("validate", scenario, "--config", project)
    assert code == 1 and "has no [tool.gateway-roi] table" in err
    code, _, err = run("validate", scenario, "--config", typo, "--no-config")
    assert code == 2 and "do not go together" in err
    # A device reads as an empty file: refused, as --facts refuses one, not taken as no settings.
    code, _, err = run("validate", scenario, "--config", "/dev/null")
    assert code == 1 and "/dev/null: not a regular file" in err


def test_the_record_names_each_setting_and_keeps_them_in_its_marker(tmp_path: Path) -> None:
    """The record shows a table of the values taken from settings and keeps them for revisit."""
    write(tmp_path / "gateway-roi.toml", SETTINGS)
    scenario = write(tmp_path / "scenarios" / "a.yaml", SCENARIO)
    record = tmp_path / "docs" / "0001-a.md"
    code, _, err = run("report", scenario, "-o", record, "--draws", "0")
    assert code == 0, err
    text = record.read_text(encoding="utf-8")
    assert "### Project settings" in text
    assert "| `team.engineer_hour_cost` | 80 | `team.engineer_hour_cost` (6) |" in text
    assert "`engineer_hour_cost` = 80 EUR/h (settings)" in text
    kept = record_provenance(text)
    assert kept is not None
    assert kept["settings"]["fields"]["team.engineer_hour_cost"] == 80
    assert kept["inputs"]["engineer_hour_cost"] == [80.0, "s"]
    code, _, _ = run("report", scenario, "--lang", "zh", "--draws", "0", "-o",
                     tmp_path / "docs" / "0002-a.md")
    assert code == 0
    assert "### 项目设置" in (tmp_path / "docs" / "0002-a.md").read_text(encoding="utf-8")


def test_a_facts_file_the_settings_name_is_used_unless_facts_is_given(tmp_path: Path) -> None:
    """`facts = "..."` in the settings lays a team's quotes over the bundled facts."""
    write(tmp_path / "quotes.yaml", """products:
  - id: cloudflare
    sources:
      our_quote: {url: "Cloudflare quote Q-1 (email)", kind: quote, read: "2026-11-20"}
    plans:
      workers_free:
        price:
          base_fee: {value: 40000, source: our_quote, passage: "USD 40,000 a month"}
""")
    scenario = write(tmp_path / "a.yaml", SCENARIO + "buy:\n  vendor: cloudflare\n"
                                                     "  plan: workers_free\n")
    plain = evaluated(scenario)
    write(tmp_path / "gateway-roi.toml", 'facts = "quotes.yaml"\n')
    quoted = evaluated(scenario)
    fee = [f for f in quoted["facts_used"] if f["claim"] == "price.base_fee"]
    assert fee and fee[0]["value"] == 40000 and fee[0]["origin"].endswith("quotes.yaml")
    buy = next(o for o in quoted["options"] if o["id"] == "buy")["total"]
    assert buy > next(o for o in plain["options"] if o["id"] == "buy")["total"]
    assert evaluated(scenario, "--no-config")["facts_used"] == plain["facts_used"]


def test_ask_offers_the_settings_values_as_its_defaults(tmp_path: Path) -> None:
    """`ask --defaults` where settings apply: the scenario takes their values as answers."""
    write(tmp_path / "gateway-roi.toml", SETTINGS)
    target = tmp_path / "teams" / "new.yaml"
    target.parent.mkdir()
    code, _, err = run("ask", "--defaults", "-o", target)
    assert code == 0, err
    written = target.read_text(encoding="utf-8")
    assert "currency: EUR" in written and "scale_min_services: 6" in written
    code, _, err = run("ask", "--defaults", "--no-config", "-o", tmp_path / "plain.yaml")
    assert code == 0, err
    assert "currency" not in (tmp_path / "plain.yaml").read_text(encoding="utf-8")


def test_a_bad_setting_is_found_even_when_every_scenario_sets_its_own(tmp_path: Path) -> None:
    """A value wrong on its own is refused at its line although no scenario takes it (it would
    surface only with the first scenario that leaves the field out); a rule across fields a
    scenario completes (a plan whose vendor each scenario names) is no problem."""
    own = write(tmp_path / "s" / "a.yaml", "name: a\norganisation:\n  services: 4\n"
                                           "buy:\n  vendor: portkey\n")
    bad = write(tmp_path / "bad.toml", "[organisation]\nservices = -5\n")
    code, _, err = run("evaluate", own, "--config", bad, "--draws", "0")
    assert code == 1 and "bad.toml:2: organisation.services:" in err
    partial = write(tmp_path / "partial.toml", '[buy]\nplan = "enterprise"\n')
    code, out, err = run("evaluate", own, "--config", partial, "--draws", "0", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["scenarios"][0]["options"]
