"""Hostile inputs, as a user (or an attacker) hands them to each command.

tests/hostile/ holds small hostile scenario files; binary, oversized and raw-control-character
files are generated here at test time. Each refused file is run through `evaluate`, `validate`,
`check`, `diff`, `report -o OUT` and `report --out-dir DIR`: exit 1, a message naming the file
(and the line and field where there is one), no traceback, and nothing written. Then the paths
themselves: folders, pipes, unreadable files, outputs that cannot be files. Then atomic writes
interrupted part-way.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import gateway_roi.files.writing
from gateway_roi.app import app
from gateway_roi.errors import OutputWriteError
from gateway_roi.files.loading import MAX_FILE_BYTES
from gateway_roi.files.writing import write_atomic
from gateway_roi.outputs.formatters import OutputFormat

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "hostile"
runner = CliRunner()

# file -> (line, field, words of the message). Line and field are None where none exists.
REFUSED: dict[str, tuple[int | None, str | None, str]] = {
    "billion-laughs.yaml": (2, None, "anchors and aliases"),
    "alias-to-section.yaml": (2, None, "anchors and aliases"),
    "merge-key.yaml": (2, None, "anchors and aliases"),
    "duplicate-keys.yaml": (5, "organisation.services",
                            "duplicate key 'services' (first on line 3, again on line 5)"),
    "duplicate-keys-in-list.yaml": (6, "providers.in_use.0.name",
                                    "duplicate key 'name' (first on line 4, again on line 6)"),
    "yes-for-boolean.yaml": (3, "team.platform_team", "must be true or false (got 'yes')"),
    "on-for-boolean.yaml": (3, "team.on_call_24x7", "must be true or false (got 'on')"),
    "no-for-boolean.yaml": (3, "team.platform_team", "must be true or false (got 'no')"),
    "on-for-need.yaml": (4, "needs.governance.audit_trail", "'required', 'nice' or 'no' (got 'on')"),
    "clock-for-number.yaml": (3, "organisation.monthly_requests", "cannot read '1:30' as a number"),
    "empty.yaml": (None, None, "the file is empty"),
    "only-comments.yaml": (None, None, "the file is empty"),
    "top-level-list.yaml": (1, None, "top level must be a mapping"),
    "top-level-scalar.yaml": (1, None, "top level must be a mapping"),
    "several-documents.yaml": (2, None, "several YAML documents"),
    "deep-flow.yaml": (2, "description.0.0", "nesting deeper than 32 levels"),
    "deep-block.yaml": (34, "level0.level1", "nesting deeper than 32 levels"),
    "nan.yaml": (3, "organisation.monthly_requests", "must be a finite number, got nan"),
    "infinity.yaml": (3, "organisation.monthly_provider_spend", "must be a finite number"),
    "negative-infinity.yaml": (3, "team.engineer_hour_cost", "must be a finite number, got -inf"),
    "nan-in-range.yaml": (3, "organisation.services", "likely must be a finite number"),
    "negative-count.yaml": (3, "organisation.services",
                            "-3 is out of range: allowed values are at least 0 and at most 100000"),
    "absurd-magnitude.yaml": (3, "reliability.downtime_cost_per_hour",
                              "1e+300 is out of range: allowed values are at least 0 and at most "
                              "1e+12"),
    "huge-integer.yaml": (3, "organisation.services",
                          "a number with 401 digits is far beyond any field's allowed range"),
    "float-overflow.yaml": (3, "organisation.monthly_requests",
                            "'1e400' is beyond the largest finite number"),
    "reversed-range.yaml": (3, "organisation.services", "low end above its high end"),
    "tabs.yaml": (3, None, "a tab is used for indentation; indent with spaces"),
    "key-is-a-list.yaml": (3, "organisation", "a key must be a field name (text)"),
    "key-is-a-mapping.yaml": (2, None, "a key must be a field name (text)"),
    "key-is-a-number.yaml": (3, "organisation", "not 17: put it in quotes"),
    "python-object-tag.yaml": (1, "name", "tags such as '!!python/object/apply:os.system' are "
                                          "not supported"),
    "binary-tag.yaml": (1, "name", "tags such as '!!binary' are not supported"),
    "custom-tag.yaml": (2, "horizon_months", "tags such as '!!float' are not supported"),
    "escape-in-field-name.yaml": (2, "services\\x1b[31m", "unknown field"),
    "unknown-field.yaml": (3, "organisation.servcies", "unknown field; allowed here: services"),
    "zero-availability.yaml": (3, "reliability.provider_availability", "0 is out of range"),
    "fraction-above-one.yaml": (2, "assumptions", "must be at most 1"),
    "horizon-zero.yaml": (2, "horizon_months", "greater than or equal to 1"),
    "growth-below-minus-ninety.yaml": (3, "organisation.traffic_growth_per_year",
                                       "allowed values are at least -0.9 and at most 100"),
}

# Generated at test time: file name -> (content, line, field, words of the message).
GENERATED: dict[str, tuple[Callable[[], bytes], int | None, str | None, str]] = {
    "nul-bytes.yaml": (lambda: b"name: x\x00y\n", None, None, "binary content"),
    "png.yaml": (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), None, None,
                 "binary content"),
    "latin-1.yaml": (lambda: "name: Caf\u00e9 cr\u00e8me\n".encode("latin-1"), None, None,
                     "not UTF-8 text (byte 9)"),
    "utf-16.yaml": (lambda: "name: x\n".encode("utf-16"), None, None,
                    "UTF-16 or UTF-32 text"),
    "utf-16-be.yaml": (lambda: b"\xfe\xff" + "name: x\n".encode("utf-16-be"), None, None,
                       "UTF-16 or UTF-32 text"),
    "over-size.yaml": (lambda: b"name: x\n" + b"# padding\n" * (MAX_FILE_BYTES // 10 + 1), None,
                       None, "larger than 1,000,000 bytes"),
    "long-line.yaml": (lambda: b"name: " + b"x" * 500_000 + b"\n", 1, "name",
                       "at most 200 characters"),
    "raw-escape.yaml": (lambda: b"name: ok\ndescription: \x1b[2J\x1b[31mred\n", 2, None,
                        "control character U+001B is not allowed"),
    "raw-bell.yaml": (lambda: b"name: \x07\n", 1, None, "control character U+0007"),
    "surrogate-escape.yaml": (lambda: b"name: \xed\xa0\x80\n", None, None, "not UTF-8 text"),
}


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args],
                           env={"NO_COLOR": "1", "COLUMNS": "120", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _case(name: str, folder: Path) -> tuple[Path, int | None, str | None, str]:
    """The hostile file (copied into ``folder``, or generated there) and what to expect."""
    if name in GENERATED:
        make, line, field, words = GENERATED[name]
        path = folder / name
        path.write_bytes(make())
        return path, line, field, words
    line, field, words = REFUSED[name]
    path = folder / name
    path.write_bytes((HOSTILE / name).read_bytes())
    return path, line, field, words


def _assert_located(err: str, path: Path, line: int | None, field: str | None, words: str) -> None:
    """stderr holds `file:line: field: message` (the parts that exist) and no traceback."""
    assert "Traceback" not in err
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    lines = [ln for ln in err.splitlines() if ln.startswith(where)]
    assert lines, f"no line starts with {where!r}:\n{err}"
    problem = lines[0].removeprefix(where)
    if field is not None:
        assert problem.startswith(field), (field, problem)
    assert words in problem, (words, problem)


ALL_REFUSED = sorted(REFUSED) + sorted(GENERATED)


def test_corpus_and_table_agree() -> None:
    """Every file in tests/hostile/ is in the table above (or among the accepted ones)."""
    accepted = {"markup-and-escapes.yaml", "yaml-1.1-lookalikes.yaml"}
    assert {p.name for p in HOSTILE.glob("*.yaml")} == set(REFUSED) | accepted


@pytest.mark.parametrize("name", ALL_REFUSED)
def test_hostile_file_is_refused_by_every_command_and_nothing_is_written(
    tmp_path: Path, name: str
) -> None:
    """Each hostile file: exit 1 with file, line and field named, for every command; no output."""
    path, line, field, words = _case(name, tmp_path)
    ok = tmp_path / "ok.yaml"
    ok.write_text("name: Fine\n", encoding="utf-8")
    before = tree(tmp_path)
    for args in (["evaluate", path], ["evaluate", path, "--format", "json"], ["validate", path],
                 ["check", path, "--expect", "direct"], ["diff", path, ok]):
        code, out, err = run(*args)
        assert code == 1, (args, err)
        _assert_located(err, path, line, field, words)
        if "json" not in args:
            assert out == "", args
    out_file = tmp_path / "out" / "report.md"
    out_dir = tmp_path / "reports"
    for args in (["report", path], ["report", path, "-o", out_file],
                 ["report", path, "--out-dir", out_dir], ["report", path, ok, "--out-dir", out_dir]):
        code, out, err = run(*args)
        assert code == 1, (args, err)
        assert out == ""
        _assert_located(err, path, line, field, words)
        assert "no report written" in err
    assert tree(tmp_path) == before, "a file or folder was written"


@pytest.mark.parametrize("name", [n for n in ALL_REFUSED if n not in {"empty.yaml"}])
def test_validate_json_gives_line_column_and_field(tmp_path: Path, name: str) -> None:
    """`validate --format json` carries each problem's file, line, column and field."""
    path, line, field, words = _case(name, tmp_path)
    code, out, _ = run("validate", path, "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["files"] == [{"file": str(path), "valid": False}]
    error = doc["errors"][0]
    assert error["file"] == str(path)
    assert error["line"] == line
    assert (error["column"] is None) == (line is None)
    if field is not None:
        assert error["field"].startswith(field)
    assert words in error["message"]


def test_no_traceback_reaches_stderr_of_the_real_command(tmp_path: Path) -> None:
    """Through `python -m gateway_roi`, every hostile file at once: exit 1, each named, no traceback."""
    paths = [_case(name, tmp_path)[0] for name in ALL_REFUSED]
    out_dir = tmp_path / "reports"
    for args in (["validate"], ["evaluate", "--format", "csv"], ["report", "--out-dir",
                                                                 str(out_dir)]):
        proc = subprocess.run([sys.executable, "-m", "gateway_roi", *args, *map(str, paths)],
                              capture_output=True, text=True, check=False, cwd=ROOT, timeout=60,
                              env={**os.environ, "NO_COLOR": "1"})
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr
        for path in paths:
            assert f"{path}:" in proc.stderr, path
    assert not out_dir.exists()


def test_a_hostile_set_value_is_refused_like_a_file(tmp_path: Path) -> None:
    """--set values get the same dialect: aliases, tags, huge numbers, control characters."""
    ok = tmp_path / "ok.yaml"
    ok.write_text("name: Fine\n", encoding="utf-8")
    for value, words in [("organisation.services=&a 3", "anchors and aliases"),
                         ("name=!!python/object/apply:os.system [x]", "tags such as"),
                         ("organisation.services=1" + "0" * 400, "far beyond"),
                         ("organisation.services=1e999", "beyond the largest finite number"),
                         ("name=a\x1bb", "control character U+001B"),
                         ("organisation.services=.nan", "finite"),
                         ("organisation.services=[1, [2, [3]]]", "got a list")]:
        code, out, err = run("evaluate", ok, "--set", value)
        assert code == 1, (value, err)
        assert out == "" and "Traceback" not in err
        assert err.startswith("--set: ") and words in err, (value, err)


# --- accepted, but hostile ----------------------------------------------------------------------


def test_yaml_lookalikes_keep_the_value_written(tmp_path: Path) -> None:
    """`no`, `yes`, `off`, `1:30`, a date, `017`, `0o17`, `1_000_000` read as what they look like."""
    code, out, err = run("evaluate", HOSTILE / "yaml-1.1-lookalikes.yaml", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)["scenarios"][0]
    assert doc["name"] == "no"
    assert doc["description"] == "1:30"
    assert doc["decision_makers"] == ["yes", "off", "2024-01-31"]
    assert doc["horizon_months"] == 17
    used = {a["name"]: a["value"] for a in doc["assumptions"]}
    assert used["services"] == 15 and used["monthly_requests"] == 1_000_000
    assert doc["criteria"]["need"]["kind"] == "convenience"


def test_markup_and_escapes_in_every_text_field_are_written_but_never_executed(
    tmp_path: Path,
) -> None:
    """A scenario full of markup and escape sequences evaluates; outputs hold no raw escape."""
    source = HOSTILE / "markup-and-escapes.yaml"
    for fmt in OutputFormat:
        code, out, err = run("evaluate", source, "--format", fmt.value)
        assert code == 0, err
        if fmt is OutputFormat.json:  # the exact text, JSON-escaped: no raw control character
            json.loads(out)
            assert not re.search("[\x00-\x08\x0b-\x1f]", out), out
        else:
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", out), (fmt, out)
    target = tmp_path / "r.md"
    code, _, err = run("report", source, "-o", target)
    assert code == 0, err
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", target.read_text(encoding="utf-8"))
    code, _, err = run("report", source, "--out-dir", tmp_path / "dir")
    assert code == 0, err
    names = tree(tmp_path / "dir")
    assert "index.md" in names and len(names) == 2
    assert all(re.fullmatch(r"[a-z0-9-]+\.md", n) for n in names), names


# --- paths ------------------------------------------------------------------------------------


def test_a_folder_where_a_file_is_expected(tmp_path: Path) -> None:
    """A folder given as the file to diff, the template or -o is refused with a message."""
    folder = tmp_path / "folder"
    folder.mkdir()
    ok = tmp_path / "ok.yaml"
    ok.write_text("name: Fine\n", encoding="utf-8")
    code, _, err = run("diff", folder, ok)
    assert code == 2 and "is a folder" in err
    code, _, err = run("report", ok, "--template", folder)
    assert code == 1 and "not a regular file (a folder" in err
    for force in ([], ["--force"]):
        code, _, err = run("report", ok, "-o", folder, *force)
        assert code == 1 and f"{folder}: is a folder" in err, err
        code, _, err = run("report", ok, "--format", "json", "-o", folder, *force)
        assert code == 1 and f"{folder}: is a folder" in err, err
    code, _, err = run("evaluate", folder)
    assert code == 2 and "no *.yaml or *.yml files" in err
    assert tree(folder) == set()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """A FIFO given as a scenario is refused at once (no hang) as not a regular file."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for command in ("evaluate", "validate"):
        code, _, err = run(command, fifo)
        assert code == 2, err
        assert f"{fifo}: not a regular file or folder" in err
    # In a folder, it is skipped; the regular files there are read.
    (tmp_path / "ok.yaml").write_text("name: Fine\n", encoding="utf-8")
    code, out, err = run("validate", tmp_path)
    assert code == 0 and "1 scenario file(s) valid" in out, err
    # Read directly (the way `ask --from` and `diff` read), it is refused rather than awaited.
    proc = subprocess.run([sys.executable, "-m", "gateway_roi", "diff", str(fifo), str(fifo)],
                          capture_output=True, text=True, check=False, cwd=ROOT, timeout=30)
    assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads a file whatever its mode")
def test_an_unreadable_file_is_named_with_the_reason(tmp_path: Path) -> None:
    """A scenario file without read permission: exit 1, `cannot read: Permission denied`."""
    path = tmp_path / "secret.yaml"
    path.write_text("name: x\n", encoding="utf-8")
    path.chmod(0)
    try:
        code, _, err = run("validate", path)
        assert code == 1
        assert f"{path}: cannot read: Permission denied" in err
    finally:
        path.chmod(0o600)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes into any folder whatever its mode")
def test_an_unwritable_output_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    """-o into a folder without write permission: exit 1, the reason named, nothing left."""
    ok = tmp_path / "ok.yaml"
    ok.write_text("name: Fine\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run("report", ok, "-o", locked / "r.md")
        assert code == 1 and "Permission denied" in err and "Traceback" not in err
        assert tree(locked) == set()
    finally:
        locked.chmod(0o700)


def test_output_in_a_folder_that_does_not_exist_yet_creates_it(tmp_path: Path) -> None:
    """-o docs/adr/0007.md creates the missing folders, like the README's example."""
    ok = tmp_path / "ok.yaml"
    ok.write_text("name: Fine\n", encoding="utf-8")
    target = tmp_path / "docs" / "adr" / "0007.md"
    code, _, err = run("report", ok, "-o", target)
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("---")
    assert tree(tmp_path / "docs") == {"adr", "adr/0007.md"}


def test_output_whose_folder_is_a_file_is_refused(tmp_path: Path) -> None:
    """-o blocker/r.md (blocker a file), --out-dir blocker/sub, --copy blocker/sub: exit 1."""
    ok = tmp_path / "ok.yaml"
    ok.write_text("name: Fine\n", encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("keep me", encoding="utf-8")
    for args in (["report", ok, "-o", blocker / "r.md"],
                 ["report", ok, "--out-dir", blocker / "sub"],
                 ["examples", "--copy", blocker / "sub"]):
        code, _, err = run(*args)
        assert code == 1, (args, err)
        assert "a file is in the way" in err and "Traceback" not in err
    assert blocker.read_text(encoding="utf-8") == "keep me"
    assert tree(tmp_path) == {"ok.yaml", "blocker"}


def test_an_out_dir_that_is_a_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    """--out-dir naming an existing file: usage error (exit 2); the file is unchanged."""
    ok = tmp_path / "ok.yaml"
    ok.write_text("name: Fine\n", encoding="utf-8")
    existing = tmp_path / "notes.txt"
    existing.write_text("mine", encoding="utf-8")
    code, _, err = run("report", ok, "--out-dir", existing, "--force")
    assert code == 2 and "exists and is not a folder" in err
    assert existing.read_text(encoding="utf-8") == "mine"


def test_a_symlinked_output_is_not_written_through_without_force(tmp_path: Path) -> None:
    """-o on a symlink to an existing file is refused without --force; the target is unchanged."""
    ok = tmp_path / "ok.yaml"
    ok.write_text("name: Fine\n", encoding="utf-8")
    target = tmp_path / "precious.txt"
    target.write_text("precious", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    code, _, err = run("report", ok, "-o", link)
    assert code == 1 and "already exists" in err
    assert target.read_text(encoding="utf-8") == "precious"
    # With --force the link itself is replaced by the report; what it pointed to is untouched.
    code, _, err = run("report", ok, "-o", link, "--force")
    assert code == 0, err
    assert not link.is_symlink() and target.read_text(encoding="utf-8") == "precious"


# --- atomic writes, interrupted -----------------------------------------------------------------


def _fail_on(monkeypatch: pytest.MonkeyPatch, where: str, exc: BaseException) -> None:
    """Make write_atomic fail putting the file in place, or half-way through writing the text.

    A file is put in place by os.replace (--force) or os.link (never over an existing name).
    """
    if where == "replace":
        def replace(*_: object, **__: object) -> None:
            raise exc
        monkeypatch.setattr(gateway_roi.files.writing.os, "replace", replace)
        monkeypatch.setattr(gateway_roi.files.writing.os, "link", replace)
        return
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWritten:
            return self

        def __exit__(self, *_: object) -> None:
            self.handle.close()

        def write(self, text: str) -> int:
            self.handle.write(text[: len(text) // 2])
            raise exc

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return HalfWritten(handle) if "w" in mode else handle  # reading stays as it is

    monkeypatch.setattr(gateway_roi.files.writing.os, "fdopen", fdopen)


@pytest.mark.parametrize("where", ["write", "replace"])
@pytest.mark.parametrize("exc", [KeyboardInterrupt(), OSError(28, "No space left on device")],
                         ids=["ctrl-c", "disk-full"])
def test_interrupted_write_leaves_no_partial_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, exc: BaseException
) -> None:
    """Ctrl-C or a full disk part-way: no target file, no temporary file, an old file intact."""
    _fail_on(monkeypatch, where, exc)
    new, old = tmp_path / "new.md", tmp_path / "old.md"
    old.write_text("the old report", encoding="utf-8")
    expected = KeyboardInterrupt if isinstance(exc, KeyboardInterrupt) else OutputWriteError
    for target, force in ((new, False), (old, True)):
        with pytest.raises(expected):
            write_atomic(target, "x" * 100_000, force=force)
    assert tree(tmp_path) == {"old.md"}
    assert old.read_text(encoding="utf-8") == "the old report"


@pytest.mark.parametrize("exc, code", [(KeyboardInterrupt(), 130),
                                       (OSError(28, "No space left on device"), 1)],
                         ids=["ctrl-c", "disk-full"])
def test_interrupted_report_exits_cleanly_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException, code: int
) -> None:
    """`report -o` and `report --out-dir` stopped mid-write: exit 130 or 1, nothing on disk."""
    ok = tmp_path / "ok.yaml"
    ok.write_text("name: Fine\n", encoding="utf-8")
    _fail_on(monkeypatch, "write", exc)
    for args in (["-o", tmp_path / "r.md"], ["--out-dir", tmp_path / "reports"]):
        got, _, err = run("report", ok, *args)
        assert got == code and "Traceback" not in err, err
        assert ("interrupted" if code == 130 else "No space left on device") in err
        assert tree(tmp_path) == {"ok.yaml"}


@pytest.mark.parametrize("exc, code", [(KeyboardInterrupt(), 130),
                                       (OSError(28, "No space left on device"), 1)],
                         ids=["ctrl-c", "disk-full"])
def test_out_dir_stopped_after_some_files_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException, code: int
) -> None:
    """--out-dir stopped after the first record is in place: nothing of the run is left.

    A new folder goes; with --force over an earlier set, every file of that set (records and
    index) is back as it was, with no temporary or backup file beside it.
    """
    real = gateway_roi.files.writing._put_in_place
    calls: list[Path] = []

    def second_fails(tmp: Path, path: Path, *, force: bool) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise exc
        real(tmp, path, force=force)

    (tmp_path / "a.yaml").write_text("name: A\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("name: B\n", encoding="utf-8")
    out_dir = tmp_path / "reports"
    monkeypatch.setattr(gateway_roi.files.writing, "_put_in_place", second_fails)
    got, _, err = run("report", tmp_path / "a.yaml", tmp_path / "b.yaml", "--out-dir", out_dir)
    assert got == code and "Traceback" not in err, err
    assert len(calls) == 2
    assert not out_dir.exists()
    # An earlier set, replaced with --force: the run completes or the old set stays whole.
    monkeypatch.setattr(gateway_roi.files.writing, "_put_in_place", real)
    assert run("report", tmp_path / "a.yaml", tmp_path / "b.yaml", "--out-dir", out_dir,
               "--date", "2020-01-01")[0] == 0
    (out_dir / "mine.md").write_text("mine", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    calls.clear()
    monkeypatch.setattr(gateway_roi.files.writing, "_put_in_place", second_fails)
    got, _, err = run("report", tmp_path / "a.yaml", tmp_path / "b.yaml", "--out-dir", out_dir,
                      "--force", "--draws", "0")
    assert got == code, err
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == before


# --- accepted, at the extremes ----------------------------------------------------------------

_HOURS = ("key_rotations_per_year", "hours_per_rotation", "onboarding_hours_per_service",
          "fallback_hours_per_service", "monitoring_setup_hours_per_service",
          "monitoring_upkeep_hours_per_service_month")
_SET_BY_FIELDS = {"engineer_hour_cost", "provider_availability", "downtime_cost_per_hour",
                  "scale_min_services", "scale_min_monthly_requests", *_HOURS}


def _every_assumption(value: float) -> dict[str, float]:
    """Every default figure overridden: shares and probabilities at most 1, people per service
    at least its minimum (a divisor)."""
    from gateway_roi.model.assumptions import ASSUMPTIONS
    from gateway_roi.model.scenario import MIN_ENGINEERS_PER_SERVICE

    def allowed(key: str, unit: str) -> float:
        if unit.startswith(("fraction", "share", "probability")):
            return min(value, 1)
        if key == "engineers_per_ai_service":
            return max(value, MIN_ENGINEERS_PER_SERVICE)
        return value

    return {k: allowed(k, a.unit) for k, a in ASSUMPTIONS.items() if k not in _SET_BY_FIELDS}


EXTREMES: dict[str, dict[str, Any]] = {
    "zero-services": {"organisation": {"services": 0, "services_added_per_year": 0}},
    "zero-requests": {"organisation": {"monthly_requests": 0, "monthly_provider_spend": 0}},
    "zero-hours": {"operations": dict.fromkeys(_HOURS, 0), "team": {"engineer_hour_cost": 0}},
    "zero-everything": {
        "discount_rate": 0,
        "organisation": {"services": 0, "services_added_per_year": 0, "monthly_requests": 0,
                         "monthly_provider_spend": 0, "traffic_growth_per_year": 0},
        "providers": {"new_per_year": 0, "new_models_per_year": 0},
        "team": {"engineer_hour_cost": 0, "platform_team": True, "platform_team_size": 0},
        "operations": dict.fromkeys(_HOURS, 0),
        "reliability": {"downtime_cost_per_hour": 0, "provider_availability": 1},
        "thresholds": {"scale_min_services": 0, "scale_min_monthly_requests": 0},
        "assumptions": _every_assumption(0),
    },
    "availability-one": {"reliability": {"provider_availability": 1},
                         "assumptions": {"vendor_availability": 1, "self_host_availability": 1,
                                         "build_availability": 1}},
    "availability-tiny": {"reliability": {"provider_availability": 1e-300},
                          "assumptions": {"vendor_availability": 1e-300,
                                          "self_host_availability": 1e-300}},
    "horizon-1": {"horizon_months": 1},
    "horizon-240": {"horizon_months": 240},
    "growth-minus-0.9": {"horizon_months": 240,
                         "organisation": {"traffic_growth_per_year": -0.9}},
    "growth-100": {"horizon_months": 240, "organisation": {"traffic_growth_per_year": 100}},
    "tiny-usd-rate": {"currency": "EUR", "usd_rate": 1e-300},
    "all-maxima": {
        "horizon_months": 240, "discount_rate": 0, "currency": "CNY", "usd_rate": 1e6,
        "organisation": {"services": 100_000, "services_added_per_year": 100_000,
                         "monthly_requests": 1e13, "monthly_provider_spend": 1e12,
                         "traffic_growth_per_year": 100},
        "providers": {"new_per_year": 10_000, "new_models_per_year": 10_000,
                      "in_use": [{"name": f"p{i}", "openai_compatible": False,
                                  "fallbacks": [f"p{(i + 1) % 100}"]} for i in range(100)]},
        "team": {"engineer_hour_cost": 1e12, "platform_team": True,
                 "platform_team_size": 100_000, "on_call_24x7": True},
        "operations": {**dict.fromkeys(_HOURS, 10_000), "services_missing_fallback": 100_000},
        "reliability": {"downtime_cost_per_hour": 1e12, "provider_availability": 1e-300},
        "thresholds": {"scale_min_services": 100_000, "scale_min_monthly_requests": 1e13},
        "needs": {"governance": dict.fromkeys(("cost_attribution", "audit_trail", "rate_limits",
                                               "compliance", "key_management"), "required"),
                  "routing": dict.fromkeys(("user_tier", "region", "cost_budget",
                                            "business_context"), "required")},
        "assumptions": _every_assumption(1e13),
    },
}
_NON_FINITE_WORD = re.compile(r"\b(nan|inf|infinity)\b", re.IGNORECASE)


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


@pytest.mark.parametrize("name", sorted(EXTREMES))
def test_extreme_but_allowed_scenarios_give_finite_output_everywhere(tmp_path: Path,
                                                                     name: str) -> None:
    """Zeros, the bounds and every maximum at once: every command succeeds; no NaN or inf shown."""
    import yaml

    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"name": name, **EXTREMES[name]}, sort_keys=False),
                    encoding="utf-8")
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text("name: Baseline\n", encoding="utf-8")
    runs = [*(["evaluate", path, "--format", fmt.value] for fmt in OutputFormat
              if fmt is not OutputFormat.json),
            ["evaluate", path, baseline], ["report", path], ["diff", path, baseline],
            ["diff", baseline, path]]
    for args in runs:
        code, out, err = run(*args)
        assert code == 0, (args, err)
        assert out and not _NON_FINITE_WORD.search(out), (args, out)
    for args in (["evaluate", path, "--format", "json"], ["report", path, "--format", "json"],
                 ["diff", path, baseline, "--format", "json"]):
        code, out, err = run(*args)
        assert code == 0, (args, err)
        json.loads(out, parse_constant=_no_constant)
    code, out, err = run("check", path, "--expect", "direct")
    assert code in (0, 3) and "Traceback" not in err, err
    code, _, err = run("report", path, "-o", tmp_path / "r.md")
    assert code == 0, err
    assert not _NON_FINITE_WORD.search((tmp_path / "r.md").read_text(encoding="utf-8"))


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_a_range_spanning_the_whole_growth_bound_samples_finite_totals(tmp_path: Path) -> None:
    """A growth range from -0.9 to 100 evaluates with finite sampled totals."""
    path = tmp_path / "growth.yaml"
    path.write_text('name: Wide growth\norganisation:\n  traffic_growth_per_year: "-0.9 to 100"\n',
                    encoding="utf-8")
    code, out, err = run("evaluate", path, "--format", "json")
    assert code == 0, err
    json.loads(out, parse_constant=_no_constant)


# --- ask --resume: a hostile file of answers ------------------------------------------------------


@pytest.mark.parametrize("body", [
    "answers: {}\nhistory: []\nbase: {organisation: {services: 1" + "0" * 400 + "}}\n",
    "answers: {organisation.services: -1" + "0" * 400 + "}\nhistory: [organisation.services]\n",
    "answers: {}\nhistory: [[1]]\n",
    "answers: " + "[" * 100_000 + "\n",
], ids=["huge-base-number", "huge-answer", "unhashable-history", "deep-nesting"])
def test_resume_from_a_hostile_answers_file_is_refused(tmp_path: Path, body: str) -> None:
    """`ask --resume` on a doctored .partial file: a message naming the file, no traceback."""
    from gateway_roi.errors import InvalidScenarioError
    from gateway_roi.files.partial import PARTIAL_FORMAT, load_partial

    path = tmp_path / "team.yaml.partial"
    path.write_text(f"gateway_roi_ask_partial: {PARTIAL_FORMAT}\n{body}", encoding="utf-8")
    with pytest.raises(InvalidScenarioError) as info:
        load_partial(path)
    assert all(p.source == str(path) for p in info.value.problems)
