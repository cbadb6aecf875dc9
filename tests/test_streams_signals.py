"""Real processes: closed, full and broken stdout; SIGTERM and SIGHUP; two writers at once.

Each test runs ``python -m gateway_roi`` as a child process, as a shell, CI or ``timeout`` would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from enum import StrEnum
from pathlib import Path

import pytest
from proc_signals import rendering_child

from gateway_roi.commands.facts import FactsFormat
from gateway_roi.commands.map import MapFormat
from gateway_roi.commands.report import ReportFormat
from gateway_roi.commands.revisit import RevisitFormat
from gateway_roi.outputs.formatters import OutputFormat
from gateway_roi.shell import TextOrJson

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
ONE = SCENARIOS / "large-org-governance.yaml"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "100"}


def cli(*args: object) -> list[str]:
    return [sys.executable, "-m", "gateway_roi", *(str(a) for a in args)]


# Every command that writes results to stdout, with what it is run on and the enum of its
# --format: each format of each command is run, so a new format cannot skip these tests.
FORMAT_RUNS: dict[str, tuple[list[object], type[StrEnum]]] = {
    "evaluate": ([ONE, "--draws", "0", "--no-tripwires"], OutputFormat),
    "check": ([ONE, "--expect", "buy"], TextOrJson),
    "validate": ([SCENARIOS], TextOrJson),
    "diff": ([ONE, SCENARIOS / "regulated-no-ops-team.yaml"], TextOrJson),
    "report": ([ONE, "--draws", "0"], ReportFormat),
    "map": ([ONE, "--x", "organisation.services", "--y", "team.engineer_hour_cost",
             "--grid", "4x4"], MapFormat),
    "facts": ([], FactsFormat),
    "revisit": ([ROOT / "tests" / "snapshots" / "outputs"], RevisitFormat),
}
STDOUT_RUNS: dict[str, list[object]] = {
    **{f"{command}-{fmt.value}": [command, *args, "-f", fmt.value]
       for command, (args, formats) in FORMAT_RUNS.items() for fmt in formats},
    "examples": ["examples"],
    "schema": ["schema"],
    "help": ["--help"],
    "version": ["--version"],
}


def test_every_command_with_formats_is_run_in_each_format() -> None:
    """A new command with --format joins FORMAT_RUNS, so its stdout is tested too."""
    from typer.testing import CliRunner

    from gateway_roi.app import app
    from gateway_roi.commands import COMMANDS

    with_format = {name for name in COMMANDS
                   if "--format" in CliRunner().invoke(app, [name, "--help"]).output}
    assert with_format == set(FORMAT_RUNS)


@pytest.mark.parametrize("args", STDOUT_RUNS.values(), ids=STDOUT_RUNS.keys())
def test_closed_stdout_is_an_error_with_a_message(args: list[object]) -> None:
    """`cmd >&-`: nothing can be delivered, so exit 1 says so (never 0, never a traceback)."""
    done = subprocess.run(cli(*args), env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, timeout=120, preexec_fn=lambda: os.close(1))
    assert done.returncode == 1, done.stderr
    assert "could not be written to stdout (stdout is closed)" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="this system has no /dev/full")
@pytest.mark.parametrize("args", STDOUT_RUNS.values(), ids=STDOUT_RUNS.keys())
def test_full_stdout_is_an_error_with_a_message(args: list[object]) -> None:
    """`cmd > /dev/full` (a full disk behind a redirection): exit 1 and the reason."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(cli(*args), env=ENV, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "could not be written to stdout (No space left on device)" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


@pytest.mark.parametrize("args", STDOUT_RUNS.values(), ids=STDOUT_RUNS.keys())
def test_broken_pipe_exits_quietly_with_141(args: list[object]) -> None:
    """`cmd | head` where the reader is gone before the output: 141, as cat gives, no message."""
    child = subprocess.Popen(cli(*args), env=ENV, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader goes away before anything is written
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 141, err
    assert err == ""


def test_output_to_a_file_needs_no_stdout(tmp_path: Path) -> None:
    """With stdout closed, a command that writes a file still works, and only there.

    The closed descriptor is held on the null device, so the report file cannot take its
    place and receive what was meant for stdout.
    """
    target = tmp_path / "r.md"
    done = subprocess.run(cli("report", ONE, "--draws", "0", "-o", target), env=ENV,
                          stderr=subprocess.PIPE, text=True, timeout=120,
                          preexec_fn=lambda: os.close(1))
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("---\n")


# --- signals ---------------------------------------------------------------------------------

SLOW_FOR_B = ("{{ meta.scenario }}\n{% if meta.scenario == 'B' %}{% for j in range(100000) %}"
              "{% for i in range(100000) %}{% endfor %}{% endfor %}{% endif %}\n")
"""A template that renders A at once and keeps rendering B (until its time limit, 20 s)."""
SLOW = ("{{ meta.scenario }} {{ meta.date }}\n"
        "{% for j in range(150) %}{% for i in range(100000) %}{% endfor %}{% endfor %}\n")
"""A template that takes a second or two: two runs started together overlap while rendering."""


def _scenarios(folder: Path) -> list[Path]:
    paths = []
    for name in ("A", "B"):
        path = folder / f"{name.lower()}.yaml"
        path.write_text(f"name: {name}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _wait_for(condition: object, child: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "the child never reached the point to stop it at"
        time.sleep(0.05)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129),
                                          (signal.SIGINT, 130)], ids=["TERM", "HUP", "INT"])
def test_signal_during_out_dir_force_leaves_the_previous_set(
    tmp_path: Path, signum: int, code: int
) -> None:
    """SIGTERM, SIGHUP or Ctrl-C while `report --out-dir D --force` works over an earlier set:
    128 + the signal, the earlier set byte for byte, no temporary file."""
    a, b = _scenarios(tmp_path)
    out = tmp_path / "reports"
    first = subprocess.run(cli("report", a, b, "--out-dir", out, "--draws", "0"), env=ENV,
                           capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    before = _tree(out)
    template = tmp_path / "slow.md.j2"
    template.write_text(SLOW_FOR_B, encoding="utf-8")
    child = subprocess.Popen(
        cli("report", a, b, "--out-dir", out, "--force", "--draws", "0", "--template", template),
        env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # A's new record is staged beside the old one: B is rendering now.
    _wait_for(lambda: any(p.name.endswith(".tmp") for p in out.iterdir())
              and rendering_child(child.pid), child)
    child.send_signal(signum)
    _, err = child.communicate(timeout=60)
    assert child.returncode == code, err
    assert "Traceback" not in err
    assert ("interrupted" if signum == signal.SIGINT
            else f"stopped by {signal.Signals(signum).name}") in err
    assert _tree(out) == before


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)],
                         ids=["TERM", "HUP"])
def test_signal_during_output_file_leaves_nothing(tmp_path: Path, signum: int, code: int) -> None:
    """`report -o FILE` stopped by SIGTERM or SIGHUP: no file, no temporary file."""
    _, b = _scenarios(tmp_path)
    template = tmp_path / "slow.md.j2"
    template.write_text(SLOW_FOR_B, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    child = subprocess.Popen(cli("report", b, "-o", out / "b.md", "--template", template,
                                 "--draws", "0"),
                             env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # well into the template's loop (it runs for many seconds)
    assert child.poll() is None
    child.send_signal(signum)
    _, err = child.communicate(timeout=60)
    assert child.returncode == code, err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)],
                         ids=["TERM", "HUP"])
def test_a_stopped_ask_saves_the_answers(tmp_path: Path, signum: int, code: int) -> None:
    """`ask` stopped by SIGTERM (a CI cancel) or SIGHUP (a closed terminal) keeps its answers
    in .partial, as Ctrl-C does."""
    pexpect = pytest.importorskip("pexpect")
    env = {**ENV, "TERM": "xterm", "LINES": "30"}
    child = pexpect.spawn(sys.executable, ["-m", "gateway_roi", "ask", "-o", "team.yaml"],
                          cwd=str(tmp_path), env=env, dimensions=(30, 80), timeout=30,
                          encoding="utf-8")
    child.expect(r"\] > ")
    child.sendline("Acme platform")
    child.expect(r"\] > ")
    os.kill(child.pid, signum)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code
    partial = tmp_path / "team.yaml.partial"
    assert "Acme platform" in partial.read_text(encoding="utf-8")
    assert not (tmp_path / "team.yaml").exists()


# --- two writers at once ---------------------------------------------------------------------


def _race(commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start the commands together (released at once) and wait for each."""
    children = [subprocess.Popen(c, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for c in commands]
    results = []
    for child, command in zip(children, commands, strict=True):
        out, err = child.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(command, child.returncode, out, err))
    return results


def test_two_out_dir_runs_at_once_one_wins(tmp_path: Path) -> None:
    """Two `report --out-dir D` started together (no --force): exactly one writes its set,
    the other exits 1 saying the files exist; the folder holds one whole set.

    Both pass the check made before rendering (the template takes a second or two), so only
    the check at the moment of writing can stop the second.
    """
    template = tmp_path / "slow.md.j2"
    template.write_text(SLOW, encoding="utf-8")
    out = tmp_path / "reports"
    runs = _race([cli("report", ONE, "--out-dir", out, "--draws", "0", "--template",
                      template, "--date", date)
                  for date in ("2020-01-01", "2021-01-01")])
    codes = sorted(r.returncode for r in runs)
    assert codes == [0, 1], [r.stderr for r in runs]
    loser = next(r for r in runs if r.returncode == 1)
    assert "already exist" in loser.stderr and "--force" in loser.stderr
    winner_date = next(r for r in runs if r.returncode == 0).args[-1]
    assert sorted(p.name for p in out.iterdir()) == ["index.md",
                                                     "large-organisation-that-needs-governance.md"]
    record = (out / "large-organisation-that-needs-governance.md").read_text(encoding="utf-8")
    assert winner_date in record


def test_two_output_file_runs_at_once_one_wins(tmp_path: Path) -> None:
    """Two `report -o FILE` racing: one file, one refusal, no temporary file left."""
    template = tmp_path / "slow.md.j2"
    template.write_text(SLOW, encoding="utf-8")
    target = tmp_path / "r.md"
    runs = _race([cli("report", ONE, "-o", target, "--draws", "0", "--template", template,
                      "--date", date)
                  for date in ("2020-01-01", "2021-01-01")])
    assert sorted(r.returncode for r in runs) == [0, 1], [r.stderr for r in runs]
    winner_date = next(r for r in runs if r.returncode == 0).args[-1]
    assert winner_date in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_file_created_while_writing_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program creates the file between the check and the write: it is kept, and the
    run stops with OutputExistsError; --force replaces it in one step."""
    import gateway_roi.files.writing
    from gateway_roi.errors import OutputExistsError

    target = tmp_path / "r.md"
    real = gateway_roi.files.writing._stage

    def other_writer_first(path: Path, text: str) -> Path:
        staged = real(path, text)
        target.write_text("theirs", encoding="utf-8")
        return staged

    monkeypatch.setattr(gateway_roi.files.writing, "_stage", other_writer_first)
    with pytest.raises(OutputExistsError, match="another program created it"):
        gateway_roi.files.writing.write_atomic(target, "mine")
    assert target.read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]
    gateway_roi.files.writing.write_atomic(target, "mine", force=True)
    assert target.read_text(encoding="utf-8") == "mine"


def test_a_dangling_symlink_is_not_replaced_without_force(tmp_path: Path) -> None:
    """`-o link` where link points nowhere: refused without --force, the link stays."""
    import gateway_roi.files.writing
    from gateway_roi.errors import OutputExistsError

    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere" / "x.md")
    with pytest.raises(OutputExistsError):
        gateway_roi.files.writing.write_atomic(link, "mine")
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()
    gateway_roi.files.writing.write_atomic(link, "mine", force=True)
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "mine"


def test_check_on_many_files_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    """`check` over a big folder on a terminal shows a progress bar (and every ok line);
    piped, it shows none."""
    pexpect = pytest.importorskip("pexpect")
    for n in range(25):
        (tmp_path / f"s{n:02}.yaml").write_text(f"name: S{n}\nexpect: direct\n", encoding="utf-8")
    child = pexpect.spawn(sys.executable, ["-m", "gateway_roi", "check", str(tmp_path)],
                          env={**ENV, "TERM": "xterm"}, dimensions=(30, 100), timeout=60,
                          encoding="utf-8")
    child.expect(pexpect.EOF)
    child.close()
    shown = child.before
    assert child.exitstatus == 0, shown
    assert "0/25" in shown and shown.count("ok ") == 25
    piped = subprocess.run(cli("check", tmp_path), env=ENV, capture_output=True, text=True,
                           timeout=60)
    assert piped.returncode == 0 and "/25" not in piped.stdout + piped.stderr


def test_closing_the_terminal_during_ask_saves_the_answers(tmp_path: Path) -> None:
    """The terminal window closes mid-questionnaire (reads fail, then SIGHUP): exit 129 and
    the answers so far in .partial."""
    pexpect = pytest.importorskip("pexpect")
    err = tmp_path / "err.txt"
    child = pexpect.spawn("/bin/sh", ["-c", f'exec "{sys.executable}" -m gateway_roi ask -o team.yaml '
                                            f'2>"{err}"'],
                          cwd=str(tmp_path), env={**ENV, "TERM": "xterm"}, dimensions=(30, 80),
                          timeout=30, encoding="utf-8")
    child.expect(r"\] > ")
    child.sendline("Acme platform")
    child.expect(r"\] > ")
    fd, child.child_fd = child.child_fd, -1
    os.close(fd)  # the terminal goes away
    _, status = os.waitpid(child.pid, 0)
    child.closed = True
    assert os.waitstatus_to_exitcode(status) == 129, err.read_text(encoding="utf-8")
    assert "Acme platform" in (tmp_path / "team.yaml.partial").read_text(encoding="utf-8")
