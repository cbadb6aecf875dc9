"""Paths read from files, one file per role, options never ignored, one exit code per outcome.

Hardening, round three (issue 28), classes 2, 6, 9 and 10: a path a file names is not one the
user typed; a command whose outputs name one file is refused before it asks anything; an
option that would change nothing is refused rather than ignored; a reader that goes away
part-way gives 141 in every format.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.ask.session import Questionnaire, Session
from gateway_roi.files.partial import save_partial
from gateway_roi.files.resources import bundled_dir

ROOT = Path(__file__).resolve().parent.parent
ONE = bundled_dir("scenarios") / "large-org-governance.yaml"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "100"}
AXES = ["--x", "organisation.services", "--y", "organisation.monthly_requests"]
runner = CliRunner()


def run(*args: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
    if cwd is not None:
        old = Path.cwd()
        os.chdir(cwd)
    try:
        result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})
    finally:
        if cwd is not None:
            os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def cli(*args: object) -> list[str]:
    return [sys.executable, "-m", "gateway_roi", *(str(a) for a in args)]


def partial(folder: Path, output: str | None) -> Path:
    """A .partial file an interrupted ask would leave, naming ``output`` as the scenario."""
    path = folder / "team.yaml.partial"
    save_partial(path, Questionnaire(), Session({"name": "Acme"}, ["name"]),
                 output=Path(output) if output else None, skip_answered=False)
    return path


# --- 2. a path read from a file is not a path the user typed ----------------------------------


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_a_partial_file_cannot_send_the_scenario_outside_its_folder(
    tmp_path: Path, force: list[str]
) -> None:
    """Class 2: without a terminal, `output:` outside the partial file's folder is refused,
    --force or not: no file written, no folder created, the target untouched."""
    work = tmp_path / "work"
    work.mkdir()
    victim = tmp_path / "victim.yaml"
    victim.write_text("important: true\n", encoding="utf-8")
    for target in (str(victim), "../victim.yaml", str(tmp_path / "new" / "deep" / "x.yaml")):
        saved = partial(work, target)
        code, _, err = run("ask", "--defaults", "--resume", saved, *force, cwd=work)
        assert code == 2, err
        assert "outside that file's own folder" in err and "-o FILE" in err
        assert victim.read_text(encoding="utf-8") == "important: true\n"
        assert not (tmp_path / "new").exists()
        assert saved.exists()


def test_a_partial_file_may_name_its_own_folder(tmp_path: Path) -> None:
    """Class 2: `output:` beside the partial file (where ask saves it) is used without a
    terminal; --force does not cover it (it was not typed), -o does."""
    saved = partial(tmp_path, "team.yaml")
    code, _, err = run("ask", "--defaults", "--resume", saved, cwd=tmp_path)
    assert code == 0, err
    assert "name: Acme" in (tmp_path / "team.yaml").read_text(encoding="utf-8")
    assert not saved.exists()
    (tmp_path / "team.yaml").write_text("name: Kept\n", encoding="utf-8")
    saved = partial(tmp_path, "team.yaml")
    code, _, err = run("ask", "--defaults", "--resume", saved, "--force", cwd=tmp_path)
    assert code == 1 and "already exists" in err
    assert (tmp_path / "team.yaml").read_text(encoding="utf-8") == "name: Kept\n"
    code, _, err = run("ask", "--defaults", "--resume", saved, "-o", "team.yaml", "--force",
                       cwd=tmp_path)
    assert code == 0, err
    assert "name: Acme" in (tmp_path / "team.yaml").read_text(encoding="utf-8")


def test_a_partial_files_path_is_shown_and_confirmed_on_a_terminal(tmp_path: Path) -> None:
    """Class 2: on a terminal the path from the file is shown and asked about; no puts the
    scenario where the user says instead."""
    pexpect = pytest.importorskip("pexpect")
    partial(tmp_path, "other/elsewhere.yaml")
    child = pexpect.spawn(sys.executable, ["-m", "gateway_roi", "ask", "--resume",
                                           "team.yaml.partial"],
                          cwd=str(tmp_path), env={**ENV, "TERM": "xterm"}, dimensions=(30, 100),
                          timeout=30, encoding="utf-8")
    child.expect("team.yaml.partial says to write the scenario to other/elsewhere.yaml")
    child.expect(r"Write it there\? \[Y/n\] > ")
    child.sendline("n")
    child.expect(r"File to write instead \[elsewhere.yaml\] > ")
    child.sendline("mine.yaml")
    for _ in range(200):
        index = child.expect([r"\] > ", r"> $", pexpect.EOF])
        if index == 2:
            break
        child.sendline("")
    child.close()
    assert child.exitstatus == 0, child.before
    assert (tmp_path / "mine.yaml").exists() and not (tmp_path / "other").exists()


# --- 6. one file, one role ---------------------------------------------------------------------


def _same(tmp_path: Path, how: str) -> tuple[str, str]:
    """Two spellings of one file."""
    (tmp_path / "same.yaml").write_text("name: Earlier\n", encoding="utf-8")
    if how == "alias":
        (tmp_path / "alias.yaml").symlink_to(tmp_path / "same.yaml")
        return "same.yaml", "alias.yaml"
    if how == "hardlink":
        os.link(tmp_path / "same.yaml", tmp_path / "hard.yaml")
        return "same.yaml", "hard.yaml"
    return "same.yaml", "./same.yaml" if how == "dot" else "same.yaml"


@pytest.mark.parametrize("how", ["plain", "dot", "alias", "hardlink"])
def test_ask_refuses_one_file_for_the_scenario_and_the_record(tmp_path: Path, how: str) -> None:
    """Class 6: `ask -o same.yaml --report same.yaml --force` (however spelled): exit 2 before
    anything is asked or written."""
    first, second = _same(tmp_path, how)
    before = (tmp_path / "same.yaml").read_text(encoding="utf-8")
    code, out, err = run("ask", "--defaults", "-o", first, "--report", second, "--force",
                         cwd=tmp_path)
    assert code == 2 and "-o and --report both name" in err, err
    assert out == "" and (tmp_path / "same.yaml").read_text(encoding="utf-8") == before


def test_ask_refuses_to_write_over_the_file_it_resumes(tmp_path: Path) -> None:
    """Class 6: -o (or --report) naming the --resume file would be removed after writing."""
    saved = partial(tmp_path, "team.yaml")
    before = saved.read_text(encoding="utf-8")
    for option in ("-o", "--report"):
        code, _, err = run("ask", "--defaults", "--resume", saved, option, saved, "--force",
                           cwd=tmp_path)
        assert code == 2 and "both name" in err, err
        assert saved.read_text(encoding="utf-8") == before
    saved = partial(tmp_path, "team.yaml.partial")
    code, _, err = run("ask", "--defaults", "--resume", saved, cwd=tmp_path)
    assert code == 2 and "both name" in err, err


def test_ask_on_a_terminal_refuses_before_the_first_question(tmp_path: Path) -> None:
    """Class 6: on a terminal too, the clash is said before any question."""
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "gateway_roi", "ask", "-o", "a.yaml",
                                           "--report", "a.yaml"],
                          cwd=str(tmp_path), env={**ENV, "TERM": "xterm"}, dimensions=(30, 100),
                          timeout=30, encoding="utf-8")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "both name a.yaml" in child.before and "> " not in child.before
    assert list(tmp_path.iterdir()) == []


# --- 9. options are never ignored in silence ---------------------------------------------------


@pytest.mark.parametrize("args", [
    ["map", ONE, *AXES, "-o", "m.svg", "--format", "csv"],
    ["map", ONE, *AXES, "-o", "m.png", "-f", "json"],
    ["report", ONE, "-f", "json", "--into", "."],
    ["report", ONE, "-f", "json", "--out-dir", "out"],
    ["report", ONE, "-f", "json", "--template", "t.md.j2"],
    ["report", ONE, "-o", "-", "--supersedes", "0001"],
    ["evaluate", ONE, "-f", "csv", "--tripwires"],
    ["evaluate", ONE, "-f", "markdown", "--details"],
    ["evaluate", ONE, "--no-details", "--tripwires"],
    ["map", ONE, *AXES, "--seed", "7"],
    ["report", ONE, "--draws", "0", "--seed", "7"],
], ids=["map-svg-csv", "map-png-json", "json-into", "json-out-dir", "json-template",
        "stdout-supersedes", "csv-tripwires", "markdown-details", "no-details-tripwires",
        "map-seed-no-draws", "report-seed-no-draws"])
def test_an_option_that_would_change_nothing_is_refused(tmp_path: Path, args: list[str]) -> None:
    """Class 9: each of these once ran with one option silently ignored; now exit 2, nothing
    written."""
    code, out, err = run(*args, cwd=tmp_path)
    assert code == 2, err
    assert out == "" and list(tmp_path.iterdir()) == []


def test_a_map_with_a_supersede_does_both(tmp_path: Path) -> None:
    """Class 9: `report -o 0002-x.md --map X,Y --supersedes 0001` draws the map and marks 0001
    (it once wrote no map and said nothing)."""
    pytest.importorskip("matplotlib")
    assert run("report", ONE, "-o", tmp_path / "0001-a.md", "--draws", "0")[0] == 0
    code, _, err = run("report", ONE, "-o", tmp_path / "0002-x.md", "--draws", "0", "--map",
                       "organisation.services,organisation.monthly_requests",
                       "--supersedes", "0001")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0001-a.md", "0002-x.map.svg",
                                                          "0002-x.md"]
    assert "(0002-x.map.svg)" in (tmp_path / "0002-x.md").read_text(encoding="utf-8")
    assert "superseded by 0002-x.md" in (tmp_path / "0001-a.md").read_text(
        encoding="utf-8")


def test_no_details_leaves_monthly_amounts_out_of_json() -> None:
    """Class 9: --no-details with JSON (once ignored under 10 scenarios) leaves the monthly
    amounts out, as it does beyond 10."""
    code, out, err = run("evaluate", ONE, "-f", "json", "--draws", "0", "--no-details")
    assert code == 0, err
    options = json.loads(out)["scenarios"][0]["options"]
    monthly = [line["monthly"] for option in options for line in option["lines"]]
    assert monthly and all(m is None for m in monthly)


# --- 10. one exit code per outcome, in every command and format -------------------------------

LARGE_STDOUT = {
    "map-csv": ["map", ONE, *AXES, "--grid", "200x200", "-f", "csv"],
    "map-json": ["map", ONE, *AXES, "--grid", "200x200", "-f", "json"],
    "report-json": ["report", "--examples", "--draws", "0", "-f", "json"],
}
"""Outputs larger than a pipe holds, each written in one piece."""


@pytest.mark.parametrize("args", LARGE_STDOUT.values(), ids=LARGE_STDOUT.keys())
def test_a_reader_that_leaves_part_way_gives_141(args: list[object]) -> None:
    """Class 10: `... | head -c 10` on a large output: 141 quietly, as for text (map's CSV and
    JSON once exited 0, the pipe having taken part of one large write)."""
    child = subprocess.Popen(cli(*args), env=ENV, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.read(10)
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 141, err
    assert err == ""
