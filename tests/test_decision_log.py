"""`report --into`, `--naming` and `--supersedes`: records added to a team's decision log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.files.decision_log import detect_scheme, next_names
from gateway_roi.files.resources import bundled_dir

runner = CliRunner()
SCENARIO = bundled_dir("scenarios") / "small-team-many-providers.yaml"
OTHER = bundled_dir("scenarios") / "regulated-data-stays.yaml"
DATE = "2026-11-27"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def front(text: str) -> dict[str, object]:
    data = yaml.safe_load(text[4:text.index("\n---\n", 3)])
    assert isinstance(data, dict)
    return data


def test_into_a_numbered_log_takes_the_next_free_number(tmp_path: Path) -> None:
    """A log of NNNN-title.md files gets the next number after the highest, never a taken one."""
    log = tmp_path / "decisions"
    log.mkdir()
    (log / "0001-use-postgres.md").write_text("mine\n", encoding="utf-8")
    (log / "0007-use-kafka.md").write_text("mine too\n", encoding="utf-8")
    (log / "README.md").write_text("index\n", encoding="utf-8")
    code, _, err = run("report", SCENARIO, "--into", log, "--date", DATE)
    assert code == 0, err
    code, _, err = run("report", SCENARIO, OTHER, "--into", log, "--date", DATE)
    assert code == 0, err
    got = files(log)
    assert list(got) == ["0001-use-postgres.md", "0007-use-kafka.md",
                         "0008-small-team-many-providers.md",
                         "0009-small-team-many-providers.md",
                         "0010-regulated-data-stays-in-house.md", "README.md"]
    assert got["0001-use-postgres.md"] == "mine\n" and got["0007-use-kafka.md"] == "mine too\n"
    assert front(got["0010-regulated-data-stays-in-house.md"])["status"] == "proposed"


def test_into_a_dated_log_follows_its_scheme(tmp_path: Path) -> None:
    """A log4brains log (YYYYMMDD-slug.md) gets the record's date and a free slug."""
    log = tmp_path / "adr"
    log.mkdir()
    (log / "20250101-first-decision.md").write_text("x\n", encoding="utf-8")
    for _ in range(2):
        code, _, err = run("report", SCENARIO, "--into", log, "--date", DATE)
        assert code == 0, err
    assert sorted(files(log)) == ["20250101-first-decision.md",
                                  "20261127-small-team-many-providers-2.md",
                                  "20261127-small-team-many-providers.md"]


@pytest.mark.parametrize(("style", "first"), [("madr4", "0001-small-team-many-providers.md"),
                                              ("log4brains",
                                               "20261127-small-team-many-providers.md")])
def test_an_empty_log_gets_its_style_s_scheme(tmp_path: Path, style: str, first: str) -> None:
    """An empty log: MADR numbers its records, log4brains dates them."""
    code, _, err = run("report", SCENARIO, "--into", tmp_path, "--style", style, "--date", DATE)
    assert code == 0, err
    assert list(files(tmp_path)) == [first]


def test_into_needs_an_existing_folder(tmp_path: Path) -> None:
    """--into adds to a log; a missing folder is a usage error and nothing is created."""
    code, _, err = run("report", SCENARIO, "--into", tmp_path / "nope")
    assert code == 2 and "no such folder" in err
    assert list(tmp_path.iterdir()) == []


def test_out_dir_can_number_its_records(tmp_path: Path) -> None:
    """--out-dir --naming number|date names records as a log would, plus index.md."""
    out = tmp_path / "out"
    code, _, err = run("report", SCENARIO, OTHER, "--out-dir", out, "--naming", "number",
                       "--date", DATE)
    assert code == 0, err
    assert list(files(out)) == ["0001-small-team-many-providers.md",
                                "0002-regulated-data-stays-in-house.md", "index.md"]
    assert "(0002-regulated-data-stays-in-house.md)" in files(out)["index.md"]
    code, _, err = run("report", SCENARIO, "--out-dir", tmp_path / "d", "--naming", "date",
                       "--date", DATE)
    assert code == 0, err
    assert "20261127-small-team-many-providers.md" in files(tmp_path / "d")


def test_supersedes_marks_both_records(tmp_path: Path) -> None:
    """The earlier record's status links to the new one; the new one says what it supersedes.

    Nothing else in the earlier record changes.
    """
    log = tmp_path / "decisions"
    log.mkdir()
    code, _, err = run("report", SCENARIO, "--into", log, "--date", DATE, "--status", "accepted")
    assert code == 0, err
    before = files(log)["0001-small-team-many-providers.md"]
    code, _, err = run("report", OTHER, "--into", log, "--date", "2026-12-01",
                       "--supersedes", "0001")
    assert code == 0, err
    got = files(log)
    old = got["0001-small-team-many-providers.md"]
    new_name = "0002-regulated-data-stays-in-house.md"
    # Plain text: GitHub shows front matter as it is, a link would read as raw brackets.
    assert front(old)["status"] == f"superseded by {new_name}"
    assert old.replace(f'"superseded by {new_name}"', '"accepted"') == before
    assert "Supersedes [0001](0001-small-team-many-providers.md)." in got[new_name]
    assert front(got[new_name])["status"] == "proposed"


def test_supersedes_in_log4brains_style_rewrites_the_header_list(tmp_path: Path) -> None:
    """In a log4brains record the '- Status:' line changes, with the slug as link text."""
    for date in (DATE, "2026-12-01"):
        args = ["--supersedes", "20261127-small-team-many-providers"] if date != DATE else []
        code, _, err = run("report", SCENARIO, "--into", tmp_path, "--style", "log4brains",
                           "--date", date, *args)
        assert code == 0, err
    old = files(tmp_path)["20261127-small-team-many-providers.md"]
    assert ("- Status: superseded by [20261201-small-team-many-providers]"
            "(20261201-small-team-many-providers.md)\n") in old
    assert old.count("Status:") == 1


def test_supersedes_refuses_a_record_that_is_not_ours(tmp_path: Path) -> None:
    """A hand-written record is left alone: a clear refusal, and no new record either."""
    log = tmp_path / "decisions"
    log.mkdir()
    theirs = "---\nstatus: accepted\n---\n# Use Kafka\n"
    (log / "0003-use-kafka.md").write_text(theirs, encoding="utf-8")
    code, _, err = run("report", SCENARIO, "--into", log, "--supersedes", "3")
    assert code == 2
    assert "0003-use-kafka.md was not written by gateway-roi" in err
    assert files(log) == {"0003-use-kafka.md": theirs}
    code, _, err = run("report", SCENARIO, "--into", log, "--supersedes", "0009")
    assert code == 2 and "no record '0009'" in err
    assert list(files(log)) == ["0003-use-kafka.md"]


def test_supersedes_next_to_an_output_file(tmp_path: Path) -> None:
    """With -o, the earlier record is looked up in the output file's folder."""
    code, _, err = run("report", SCENARIO, "-o", tmp_path / "0001-gateway.md", "--date", DATE)
    assert code == 0, err
    code, _, err = run("report", OTHER, "-o", tmp_path / "0002-gateway-again.md",
                       "--supersedes", "0001-gateway.md")
    assert code == 0, err
    old = files(tmp_path)["0001-gateway.md"]
    assert front(old)["status"] == "superseded by 0002-gateway-again.md"


def test_a_record_cannot_supersede_itself(tmp_path: Path) -> None:
    """Overwriting a record with one that supersedes it is refused; the file stays as it was."""
    target = tmp_path / "0001-gateway.md"
    code, _, err = run("report", SCENARIO, "-o", target, "--date", DATE)
    assert code == 0, err
    before = target.read_text(encoding="utf-8")
    code, _, err = run("report", SCENARIO, "-o", target, "--force", "--supersedes", "0001")
    assert code == 2 and "cannot supersede itself" in err
    assert target.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("args", [["--supersedes", "1"],
                                  ["--naming", "number"],
                                  ["--into", "x", "--out-dir", "y"]])
def test_flags_that_need_a_log_are_usage_errors_without_one(args: list[str]) -> None:
    """--supersedes and --naming need a folder to work in; destinations are exclusive."""
    code, out, err = run("report", SCENARIO, *args)
    assert code == 2 and out == "" and err


def test_scheme_detection_and_numbering() -> None:
    """The scheme most files follow wins; numbers continue after the highest one."""
    assert detect_scheme(["0001-a.md", "0002-b.md", "20250101-c.md"]) == "number"
    assert detect_scheme(["20250101-c.md", "20251301-not-a-date.md"]) == "date"
    assert detect_scheme(["README.md", "notes.md"]) is None
    day = dt.date(2026, 1, 2)
    assert next_names(["0041-x.md"], ["a", "b"], "number", day) == ["0042-a.md", "0043-b.md"]
    assert next_names(["20260102-a.md"], ["a"], "date", day) == ["20260102-a-2.md"]
