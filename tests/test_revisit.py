"""`gateway-roi revisit`: a folder of records re-checked against today's facts and settings."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.errors import EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, EXIT_VERDICT_CHANGED
from gateway_roi.files.decision_log import record_provenance, record_status
from gateway_roi.files.resources import bundled_dir
from gateway_roi.outputs.provenance import provenance_comment
from gateway_roi.text import md_escape

runner = CliRunner()

SCENARIOS = bundled_dir("scenarios")
QUOTE = """products:
  - id: cloudflare
    sources:
      our_quote: {url: "Cloudflare quote Q-1 (email)", kind: quote, read: "2026-11-20"}
    plans:
      workers_paid:
        price:
          base_fee: {value: 40000, source: our_quote, passage: "USD 40,000 a month"}
"""


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


def scenario(folder: Path, name: str, extra: str = "") -> Path:
    """A bundled scenario copied into ``folder`` (with ``extra`` YAML appended)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.yaml"
    text = (SCENARIOS / "large-org-governance.yaml").read_text(encoding="utf-8")
    target.write_text(text + extra, encoding="utf-8")
    return target


PINNED = "buy:\n  vendor: cloudflare\n  plan: workers_paid\n"
"""Buy from Cloudflare's Workers Paid plan: a quote of 40,000 a month for it makes self-hosting win."""


def record(path: Path, log: Path, *options: str) -> None:
    code, _, err = run("report", path, "--into", log, "--draws", "0", "--date", "2026-01-05",
                       *options)
    assert code == 0, err


@pytest.fixture(params=["numbered-madr4", "dated-log4brains"])
def log(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A repository with four records: unchanged, flipped by a quote, edited, missing."""
    (tmp_path / ".git").mkdir()
    scenarios = tmp_path / "scenarios"
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    style = (["--style", "log4brains", "--naming", "date"]
             if request.param == "dated-log4brains" else [])
    for name, extra in (("steady", ""), ("pinned", PINNED), ("edited", ""), ("gone", "")):
        record(scenario(scenarios, name, extra), folder, *style)
    # Since the records: the team's quote arrives (through its settings), one scenario is
    # edited, another is deleted.
    (tmp_path / "quotes.yaml").write_text(QUOTE, encoding="utf-8")
    (tmp_path / "gateway-roi.toml").write_text('facts = "quotes.yaml"\n', encoding="utf-8")
    with (scenarios / "edited.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# reviewed with finance in June\n")
    (scenarios / "gone.yaml").unlink()
    return folder


def by_scenario(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(r["scenario"]).stem: r for r in doc["records"]}


def test_each_record_says_what_moved_since_it_was_written(log: Path) -> None:
    """The quote flips one verdict (and is named), one scenario was edited, one is missing."""
    names = sorted(p.name for p in log.glob("*.md"))
    assert len(names) == 4
    assert all(n[:4].isdigit() for n in names)
    code, out, err = run("revisit", log, "-f", "json")
    assert code == EXIT_VERDICT_CHANGED, err
    records = by_scenario(json.loads(out))
    assert records["steady"]["status"] == "unchanged"
    assert not records["steady"]["verdict_changed"] and not records["steady"]["scenario_edited"]
    pinned = records["pinned"]
    assert pinned["status"] == "verdict-changed"
    assert (pinned["recorded"]["option"], pinned["today"]["option"]) == ("buy", "self_host")
    assert any(c.startswith("fact cloudflare/workers_paid/price.base_fee: 5 -> 40,000")
               and "quotes.yaml" in c for c in pinned["changes"])
    assert records["edited"]["scenario_edited"] and records["edited"]["status"] == "unchanged"
    assert "the scenario file was edited since the record" in records["edited"]["changes"]
    assert records["gone"]["status"] == "scenario-missing"
    # Text for people: one block per record and the summary.
    code, out, _ = run("revisit", log)
    assert code == EXIT_VERDICT_CHANGED
    assert "verdict would change" in out and "buy (governance-buy) -> self_host" in out
    assert "4 record(s): 1 verdict(s) would change, 0 with a tripwire crossed, 1 scenario(s) " \
           "edited, 1 missing" in out


def test_nothing_moved_exits_0_and_no_config_reads_without_the_settings(log: Path) -> None:
    """Without the settings' quote no verdict moves: edited and missing scenarios exit 0."""
    code, out, err = run("revisit", log, "--no-config")
    assert code == EXIT_OK, err
    assert "0 verdict(s) would change" in out and "scenario missing" in out


def test_markdown_is_an_issue_body_with_a_table_and_a_section_per_moved_record(
        log: Path) -> None:
    """--format markdown: a heading, a table of every record, then what moved, in detail."""
    code, out, _ = run("revisit", log, "-f", "markdown", "--date", "2026-12-01")
    assert code == EXIT_VERDICT_CHANGED
    assert out.startswith("# Decision records to revisit (2026-12-01)\n")
    assert "| Record | Status | Recorded | Today | Scenario |" in out
    sections = re.findall(r"^## (.+)$", out, re.MULTILINE)
    assert len(sections) == 4  # each has something to say (the quote moved every buy price)
    _, doc, _ = run("revisit", log, "-f", "json")
    moved = by_scenario(json.loads(doc))["pinned"]["record"]
    assert sections[0] == md_escape(moved, line_start=False)  # what moved comes first
    assert f"re-checked the records in `{log}`" in out
    assert "revisit" in out.splitlines()[-1] and "--write" in out.splitlines()[-1]


def test_observed_values_crossing_a_tripwire_exit_3(tmp_path: Path) -> None:
    """Measured values are held against today's tripwires, and the verdict with them given."""
    (tmp_path / ".git").mkdir()
    log = tmp_path / "adr"
    log.mkdir()
    record(scenario(tmp_path, "steady"), log)
    code, _, _ = run("revisit", log)
    assert code == EXIT_OK
    measured = tmp_path / "measured.yaml"
    measured.write_text("needs:\n  governance:\n    compliance: required\n", encoding="utf-8")
    code, out, err = run("revisit", log, "--observed", measured, "-f", "json")
    assert code == EXIT_VERDICT_CHANGED, err
    (only,) = json.loads(out)["records"]
    (crossed,) = only["tripwires_crossed"]
    assert (crossed["field"], crossed["observed"], crossed["option"]) == (
        "needs.governance.compliance", "required", "self_host")
    assert only["with_observed"]["option"] == "self_host"
    # Measured values are not the scenario: --write proposes no record for them.
    before = sorted(p.name for p in log.iterdir())
    code, _, _ = run("revisit", log, "--observed", measured, "--write")
    assert code == EXIT_VERDICT_CHANGED and sorted(p.name for p in log.iterdir()) == before
    # --set says the same for one value; a dotted key in the file too.
    code, out, _ = run("revisit", log, "--set", "needs.governance.compliance=required")
    assert code == EXIT_VERDICT_CHANGED and "tripwire crossed: needs.governance.compliance" in out
    measured.write_text("organisation.services: 60\n", encoding="utf-8")
    code, _, _ = run("revisit", log, "--observed", measured)
    assert code == EXIT_OK  # measured as recorded: nothing crossed
    measured.write_text("organisation:\n  services: -1\n", encoding="utf-8")
    code, _, err = run("revisit", log, "--observed", measured)
    assert code == EXIT_INVALID_INPUT and "organisation.services" in err


def test_errors_and_usage_have_their_exit_codes(tmp_path: Path) -> None:
    """An invalid scenario exits 1 (named at its line); a missing folder exits 2."""
    (tmp_path / ".git").mkdir()
    log = tmp_path / "adr"
    log.mkdir()
    path = scenario(tmp_path, "steady")
    record(path, log)
    code, _, err = run("revisit", tmp_path / "nowhere")
    assert code == EXIT_USAGE and "no such folder" in err
    code, _, err = run("revisit", path)  # a file, not a folder: not called missing
    assert code == EXIT_USAGE and "not a folder" in err and "no such folder" not in err
    path.write_text("name: x\norganisation:\n  services: lots\n", encoding="utf-8")
    code, out, err = run("revisit", log)
    assert code == EXIT_INVALID_INPUT
    assert "scenario invalid" in out and "steady.yaml:3: organisation.services" in out
    # A folder with no records of ours, and records of others, are not errors.
    others = tmp_path / "others"
    others.mkdir()
    (others / "0001-by-hand.md").write_text("# We chose X\n", encoding="utf-8")
    code, _, err = run("revisit", others)
    assert code == EXIT_OK and "no records written by gateway-roi" in err


def test_write_supersedes_each_moved_record_without_clobbering(log: Path) -> None:
    """--write adds a proposed record in the log's scheme; the old one becomes superseded."""
    before = {p.name: p.read_text(encoding="utf-8") for p in log.glob("*.md")}
    code, out, err = run("revisit", log, "--write", "--date", "2026-12-01")
    assert code == EXIT_VERDICT_CHANGED
    after = {p.name: p.read_text(encoding="utf-8") for p in log.glob("*.md")}
    (new,) = set(after) - set(before)
    changed = [n for n in before if before[n] != after[n]]
    assert len(changed) == 1  # only the moved record's status line
    (old,) = changed
    assert record_status(after[old]) is not None
    assert new in str(record_status(after[old]))
    assert after[old].replace(str(record_status(after[old])), "") == before[old].replace(
        str(record_status(before[old])), "")
    assert record_status(after[new]) == "proposed"
    kept = record_provenance(after[new])
    assert kept is not None and kept["verdict"]["option"] == "self_host"
    assert (log / kept["scenario"]).resolve().name == "pinned.yaml"
    assert f"proposed: {new} supersedes it" in out and f"wrote {log / new}" in err
    # Revisited again: the superseded record is left out, the new one holds.
    code, out, _ = run("revisit", log, "-f", "json")
    assert code == EXIT_OK
    assert by_scenario(json.loads(out))["pinned"]["status"] == "unchanged"
    assert old not in out


def test_records_in_a_log4brains_log_stay_in_its_style(tmp_path: Path) -> None:
    """The proposed record follows the style of the one it supersedes."""
    (tmp_path / ".git").mkdir()
    log = tmp_path / "adr"
    log.mkdir()
    record(scenario(tmp_path, "pinned", PINNED), log, "--style", "log4brains")
    (tmp_path / "quotes.yaml").write_text(QUOTE, encoding="utf-8")
    code, _, _ = run("revisit", log, "--facts", tmp_path / "quotes.yaml", "--write")
    assert code == EXIT_VERDICT_CHANGED
    texts = [p.read_text(encoding="utf-8") for p in sorted(log.glob("*.md"))]
    assert len(texts) == 2 and not any(t.startswith("---\n") for t in texts)
    assert "- Status: proposed" in texts[1]


def test_a_record_moved_away_from_its_scenario_says_so(tmp_path: Path) -> None:
    """The scenario is found relative to the record: a record moved elsewhere loses it."""
    (tmp_path / ".git").mkdir()
    log = tmp_path / "adr"
    log.mkdir()
    record(scenario(tmp_path, "steady"), log)
    moved = tmp_path / "deep" / "er"
    moved.mkdir(parents=True)
    for path in log.glob("*.md"):
        shutil.move(str(path), moved / path.name)
    code, out, _ = run("revisit", moved)
    assert code == EXIT_OK and "scenario missing" in out


def test_the_marker_json_survives_names_that_would_end_a_comment() -> None:
    """A path with --, > or braces is kept as JSON an HTML comment (and jinja) can hold."""
    data = {"scenario": "../a--b/{{x}}->y.yaml", "n": -1.5}
    text = provenance_comment(data)
    assert "--" not in text and ">" not in text and "{{" not in text and "}}" not in text
    record_text = f"# x\n\n<!-- gateway-roi decision record: test. {text} -->\n"
    assert record_provenance(record_text) == data


@pytest.mark.parametrize(("edit", "named"), [
    (lambda m: re.sub(r'"services":\[[^\]]*\]', '"services":["abc","s"]', m),
     "inputs.services is not [number, origin]"),
    (lambda m: re.sub(r'"services":\[[^\]]*\]', '"services":3', m),
     "inputs.services is not [number, origin]"),
    (lambda m: re.sub(r'"verdict":\{[^}]*\}', '"verdict":"direct"', m),
     "verdict is not {option, rule}"),
    (lambda m: m.replace('"settings":null', '"settings":"x"'), "settings is not {file, fields}"),
    (lambda m: m.replace('"facts":{', '"facts":{"a":5,'), "facts.a is not [read, value, origin]"),
    (lambda m: m.replace('{"base"', '{"base"::'), "is not JSON"),
    (lambda m: m.replace('"v":1', '"v":"one"'), "v is not a version number"),
    (lambda m: re.sub(r'"services":\[[^\]]*\]', '"services":[' + "9" * 400 + ',"s"]', m),
     "inputs.services is not [number, origin]"),
])
def test_a_record_whose_marker_was_edited_is_named_not_a_traceback(
        tmp_path: Path, edit: Any, named: str) -> None:
    """The marker comment is the record's last line, and people (or merges) edit it: each field
    revisit reads is checked, and the record is reported as not revisitable, naming what is
    wrong, while the other records are still checked."""
    (tmp_path / ".git").mkdir()
    log = tmp_path / "adr"
    log.mkdir()
    record(scenario(tmp_path, "steady"), log)
    record(scenario(tmp_path, "other"), log)
    first = sorted(log.glob("0*.md"))[0]
    text = first.read_text(encoding="utf-8")
    head, _, marker = text.rstrip("\n").rpartition("\n")
    edited = edit(marker)
    assert edited != marker
    first.write_text(f"{head}\n{edited}\n", encoding="utf-8")
    code, out, err = run("revisit", log)
    assert code == EXIT_OK, err
    assert "Traceback" not in out + err
    assert f"{first.name}: not revisitable" in out
    assert named in out and "write it again with gateway-roi report" in out
    assert "unchanged" in out  # the other record is still checked


def test_a_bad_measured_value_is_the_observed_files_problem(tmp_path: Path) -> None:
    """A measured value a record's scenario cannot take is located at the --observed file's
    line (exit 1), and the run says to mend that file, not the scenario."""
    (tmp_path / ".git").mkdir()
    log = tmp_path / "adr"
    log.mkdir()
    record(scenario(tmp_path, "steady"), log)
    observed = tmp_path / "measured.yaml"
    observed.write_text("team.engineer_hour_cost: 90\norganisation:\n  services: -3\n",
                        encoding="utf-8")
    code, out, err = run("revisit", log, "--observed", observed)
    assert code == EXIT_INVALID_INPUT
    assert "measured.yaml:3: organisation.services: -3 is out of range" in err
    assert "fix the --observed file" in err and "--set" not in err


def test_measured_values_are_judged_with_each_records_own_scenario(tmp_path: Path) -> None:
    """A value that fits one scenario is taken whole, a currency with its rate together: the
    measured values are checked against each record's scenario, not a scenario of defaults."""
    (tmp_path / ".git").mkdir()
    log = tmp_path / "adr"
    log.mkdir()
    own = tmp_path / "own.yaml"
    own.write_text("name: own\nproviders:\n  in_use:\n    - {name: vllm, self_hosted: true}\n",
                   encoding="utf-8")
    record(own, log)
    observed = tmp_path / "measured.yaml"
    observed.write_text("needs.data.providers: in_house\ncurrency: EUR\nusd_rate: 0.9\n",
                        encoding="utf-8")
    code, out, err = run("revisit", log, "--observed", observed)
    assert code in (EXIT_OK, EXIT_VERDICT_CHANGED), err
    assert "invalid" not in out


def test_a_record_of_a_newer_gateway_roi_is_left_to_that_version(tmp_path: Path) -> None:
    """A marker version this gateway-roi does not know is not read as if it did."""
    (tmp_path / ".git").mkdir()
    log = tmp_path / "adr"
    log.mkdir()
    record(scenario(tmp_path, "steady"), log)
    (first,) = log.glob("0*.md")
    text = first.read_text(encoding="utf-8")
    assert '"v":1' in text
    # A newer marker may hold its fields in another shape: still left to that version.
    first.write_text(re.sub(r'"services":\[[^\]]*\]', '"services":{"value":3}',
                            text.replace('"v":1', '"v":2')), encoding="utf-8")
    code, out, _ = run("revisit", log)
    assert code == EXIT_OK
    assert "not revisitable" in out and "newer gateway-roi (version 2" in out
