"""A decision log is shared and its records are edited in place: hardening, round three.

Each test names the class of issue 28 it pins: writes that are all or nothing (1), numbers
claimed when writing (3), the supersede chain (4), only our own records edited (5), and file
names that cannot break the markdown they reach (7). Races, signals and full disks run the
real command in child processes; a full disk is a file-size limit (RLIMIT_FSIZE) in the child.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from proc_signals import rendering_child
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.files.decision_log import RECORD_MARKER
from gateway_roi.files.resources import bundled_dir

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = bundled_dir("scenarios") / "small-team-many-providers.yaml"
OTHER = bundled_dir("scenarios") / "regulated-data-stays.yaml"
DATE = "2026-11-27"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "100"}
SLOW = ("{{ meta.scenario }} {{ meta.date }}\n{{ supersedes or '' }}\n"
        "{% for j in range(150) %}{% for i in range(100000) %}{% endfor %}{% endfor %}\n"
        "<!-- gateway-roi decision record: test -->\n")
"""A record template that takes a second or two: runs started together overlap in it."""
runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def cli(*args: object) -> list[str]:
    return [sys.executable, "-m", "gateway_roi", *(str(a) for a in args)]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def front(text: str) -> dict[str, object]:
    data = yaml.safe_load(text[4:text.index("\n---\n", 3)])
    assert isinstance(data, dict)
    return data


def log_of_two(tmp_path: Path) -> Path:
    """0001 accepted, then 0002 superseding it."""
    log = tmp_path / "decisions"
    log.mkdir()
    assert run("report", SCENARIO, "--into", log, "--date", DATE, "--draws", "0")[0] == 0
    code, _, err = run("report", OTHER, "--into", log, "--date", DATE, "--draws", "0",
                       "--supersedes", "0001")
    assert code == 0, err
    return log


# --- 1. every operation that writes more than one file is all or nothing ------------------------


def _file_size_limit(limit: int) -> None:
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _with_limit(args: list[str], limit: int, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(*args), env=ENV, cwd=cwd, capture_output=True, text=True,
                          timeout=120, preexec_fn=lambda: _file_size_limit(limit))


def test_a_supersede_whose_earlier_record_cannot_be_rewritten_changes_nothing(
    tmp_path: Path,
) -> None:
    """Class 1: `report -o 0002-x.md --force --supersedes 0001` on a full disk (rewriting
    0001 fails): exit 1, and 0002 keeps its earlier content, 0001 its status."""
    folder = tmp_path / "log"
    folder.mkdir()
    assert run("report", SCENARIO, "-o", folder / "0001-a.md", "--draws", "0")[0] == 0
    first = folder / "0001-a.md"
    # 0001 grows past the limit (still ours: the marker stays last); 0002 fits under it.
    text = first.read_text(encoding="utf-8")
    head, marker = text.rsplit(RECORD_MARKER, 1)
    first.write_text(head + "<!-- " + "padding " * 25_000 + "-->\n\n" + RECORD_MARKER + marker,
                     encoding="utf-8")
    (folder / "0002-x.md").write_text("an earlier 0002, to be replaced with --force\n",
                                      encoding="utf-8")
    before = tree(folder)
    done = _with_limit(["report", OTHER, "-o", folder / "0002-x.md", "--force",
                        "--supersedes", "0001", "--draws", "0"], 150_000, tmp_path)
    assert done.returncode == 1, done.stderr
    assert "File too large" in done.stderr and "Traceback" not in done.stderr
    assert tree(folder) == before


def test_a_record_and_its_map_picture_are_written_together_or_not_at_all(
    tmp_path: Path,
) -> None:
    """Class 1: `report -o r.md --map X,Y --force` over an earlier pair, the disk full part-way:
    exit 1, both earlier files as they were, no temporary file."""
    pytest.importorskip("matplotlib")
    args = ["report", SCENARIO, "-o", tmp_path / "out" / "r.md", "--draws", "0", "--map",
            "organisation.services,organisation.monthly_requests", "--force"]
    assert run(*args)[0] == 0
    out = tmp_path / "out"
    before = tree(out)
    assert sorted(before) == ["r.map.svg", "r.md"]
    done = _with_limit([*args, "--date", "2020-01-01"], 30_000, tmp_path)
    assert done.returncode == 1, done.stderr
    assert tree(out) == before


def test_ask_writes_its_scenario_and_record_together(tmp_path: Path) -> None:
    """Class 1: `ask --defaults -o s.yaml --report s.md --force` when the record cannot be
    written: the earlier scenario stays too (no scenario without its record)."""
    (tmp_path / "s.yaml").write_text("name: Earlier\n", encoding="utf-8")
    (tmp_path / "s.md").write_text("the earlier record\n", encoding="utf-8")
    before = tree(tmp_path)
    done = _with_limit(["ask", "--defaults", "-o", "s.yaml", "--report", "s.md", "--force"],
                       20_000, tmp_path)
    assert done.returncode == 1, done.stderr
    assert "File too large" in done.stderr and "Traceback" not in done.stderr
    assert tree(tmp_path) == before
    done = _with_limit(["ask", "--defaults", "-o", "t.yaml", "--report", "t.md"], 20_000,
                       tmp_path)
    assert done.returncode == 1
    assert tree(tmp_path) == before


def _wait_for_render(child: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not rendering_child(child.pid):
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "the template never started rendering"
        time.sleep(0.02)


needs_proc = pytest.mark.skipif(not Path("/proc/self/task").exists(),
                                reason="needs /proc to see the render's child process")


@needs_proc
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)],
                         ids=["TERM", "INT"])
def test_a_signal_while_superseding_leaves_both_records(
    tmp_path: Path, signum: int, code: int
) -> None:
    """Class 1: SIGTERM or Ctrl-C while `--supersedes` works: neither record changes."""
    log = log_of_two(tmp_path)
    template = tmp_path / "slow.md.j2"
    template.write_text(SLOW, encoding="utf-8")
    (log / "0003-x.md").write_text("earlier\n", encoding="utf-8")
    before = tree(log)
    child = subprocess.Popen(cli("report", SCENARIO, "-o", log / "0003-x.md", "--force",
                                 "--supersedes", "0002", "--template", template,
                                 "--draws", "0"),
                             env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_render(child)
    child.send_signal(signum)
    _, err = child.communicate(timeout=60)
    assert child.returncode == code, err
    assert tree(log) == before


# --- 3. a decision log is shared: numbers are claimed when writing ------------------------------


def _race(commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    children = [subprocess.Popen(c, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for c in commands]
    results = []
    for child, command in zip(children, commands, strict=True):
        out, err = child.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(command, child.returncode, out, err))
    return results


def test_two_runs_into_one_log_take_two_numbers(tmp_path: Path) -> None:
    """Class 3: two `report --into log/` started together both write, as 0001 and 0002."""
    log = tmp_path / "log"
    log.mkdir()
    template = tmp_path / "slow.md.j2"
    template.write_text(SLOW, encoding="utf-8")
    runs = _race([cli("report", s, "--into", log, "--template", template, "--draws", "0",
                      "--naming", "number") for s in (SCENARIO, OTHER)])
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    names = sorted(tree(log))
    assert [n[:5] for n in names] == ["0001-", "0002-"], names


@needs_proc
def test_a_record_created_while_one_renders_gets_no_twin(tmp_path: Path) -> None:
    """Class 3: a teammate adds 0001 while `report --into` renders: ours becomes 0002."""
    log = tmp_path / "log"
    log.mkdir()
    template = tmp_path / "slow.md.j2"
    template.write_text(SLOW, encoding="utf-8")
    child = subprocess.Popen(cli("report", SCENARIO, "--into", log, "--template", template,
                                 "--draws", "0", "--naming", "number"),
                             env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_render(child)
    (log / "0001-teammates-decision.md").write_text("theirs\n", encoding="utf-8")
    _, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert sorted(tree(log)) == ["0001-teammates-decision.md",
                                 "0002-small-team-many-providers.md"]


def test_two_supersedes_of_one_record_at_once_one_wins(tmp_path: Path) -> None:
    """Class 3: two `--supersedes 0001` together: one writes 0002 and marks 0001; the other
    finds 0001 changed since it read it and stops with exit 1, writing nothing."""
    log = tmp_path / "log"
    log.mkdir()
    assert run("report", SCENARIO, "--into", log, "--draws", "0")[0] == 0
    template = tmp_path / "slow.md.j2"
    template.write_text(SLOW, encoding="utf-8")
    runs = _race([cli("report", s, "--into", log, "--template", template, "--draws", "0",
                      "--supersedes", "0001") for s in (SCENARIO, OTHER)])
    assert sorted(r.returncode for r in runs) == [0, 1], [r.stderr for r in runs]
    loser = next(r for r in runs if r.returncode == 1)
    assert "changed while this record was rendered" in loser.stderr
    names = sorted(tree(log))
    assert len(names) == 2 and names[1].startswith("0002-"), names
    first = (log / names[0]).read_text(encoding="utf-8")
    assert front(first)["status"] == f"superseded by {names[1]}"


# --- 4. the supersede chain stays a chain -------------------------------------------------------


def test_superseding_a_superseded_record_names_the_latest_instead(tmp_path: Path) -> None:
    """Class 4: 0001 is superseded by 0002, itself by 0003: superseding 0001 again is refused
    naming 0003 (the end of the chain), and nothing changes."""
    log = log_of_two(tmp_path)
    assert run("report", SCENARIO, "--into", log, "--supersedes", "0002", "--draws", "0")[0] == 0
    before = tree(log)
    for ref in ("0001", "0002"):
        code, _, err = run("report", OTHER, "--into", log, "--supersedes", ref, "--draws", "0")
        assert code == 2, err
        assert "already superseded" in err
        assert "supersede 0003-small-team-many-providers.md instead" in err
        assert tree(log) == before


def test_a_record_cannot_supersede_one_that_supersedes_it(tmp_path: Path) -> None:
    """Class 4: 0002 supersedes 0001; rewriting 0001 as superseding 0002 would make a loop."""
    log = log_of_two(tmp_path)
    first = next(p for p in log.iterdir() if p.name.startswith("0001-"))
    before = tree(log)
    code, _, err = run("report", SCENARIO, "-o", first, "--force", "--supersedes", "0002",
                       "--draws", "0")
    assert code == 2, err
    assert f"supersedes {first.name}, the record being written" in err
    assert tree(log) == before


# --- 5. only our own records are edited, and only as what they are --------------------------


def test_a_page_quoting_the_marker_is_not_a_record(tmp_path: Path) -> None:
    """Class 5: a how-to page that quotes the marker (in code, or mid-text) is left alone."""
    log = tmp_path / "log"
    log.mkdir()
    pages = {
        "0001-howto.md": f"---\nstatus: accepted\n---\n# How to\n\n```\n{RECORD_MARKER} -->\n```\n",
        "0002-note.md": f"---\nstatus: accepted\n---\nWe mark records with `{RECORD_MARKER}`.\n",
        "0003-more.md": f"---\nstatus: accepted\n---\n{RECORD_MARKER} -->\n\nAnd more text.\n",
    }
    for name, text in pages.items():
        (log / name).write_text(text, encoding="utf-8")
    for ref in ("1", "2", "3"):
        code, _, err = run("report", SCENARIO, "--into", log, "--supersedes", ref)
        assert code == 2 and "was not written by gateway-roi" in err, err
    assert {n: t.decode() for n, t in tree(log).items()} == pages


def test_a_symlinked_record_is_edited_at_its_target(tmp_path: Path) -> None:
    """Class 5: 0001-x.md links to a record elsewhere: the target gets the new status, the
    link stays a link."""
    elsewhere = tmp_path / "archive"
    elsewhere.mkdir()
    assert run("report", SCENARIO, "-o", elsewhere / "real.md", "--draws", "0")[0] == 0
    log = tmp_path / "log"
    log.mkdir()
    (log / "0001-x.md").symlink_to(elsewhere / "real.md")
    code, _, err = run("report", OTHER, "--into", log, "--supersedes", "0001", "--draws", "0")
    assert code == 0, err
    assert (log / "0001-x.md").is_symlink()
    status = front((elsewhere / "real.md").read_text(encoding="utf-8"))["status"]
    assert status == "superseded by 0002-regulated-data-stays-in-house.md"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["real.md"]


def test_a_pipe_a_folder_or_a_huge_file_named_like_a_record_is_refused_unread(
    tmp_path: Path,
) -> None:
    """Class 5: --supersedes on a FIFO (never waited on), a folder or a 1 GB file (never read)."""
    log = tmp_path / "log"
    log.mkdir()
    os.mkfifo(log / "0001-pipe.md")
    (log / "0002-folder.md").mkdir()
    with open(log / "0003-huge.md", "wb") as huge:
        huge.truncate(1_000_000_000)  # sparse: costs no disk
    for ref, reason in (("1", "not a regular file"), ("2", "not a regular file"),
                        ("3", "larger than any record")):
        done = subprocess.run(cli("report", SCENARIO, "--into", log, "--supersedes", ref,
                                  "--draws", "0"),
                              env=ENV, capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, done.stderr
        assert reason in done.stderr and "Traceback" not in done.stderr
    assert sorted(tree_names(log)) == ["0001-pipe.md", "0002-folder.md", "0003-huge.md"]


def tree_names(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir()]


# --- 7. values that reach markdown structure are escaped --------------------------------------


def test_a_file_name_cannot_break_the_supersede_links(tmp_path: Path) -> None:
    """Class 7: a record named with `)`, `]` and a newline: both links stay one link each,
    their targets percent-encoded."""
    folder = tmp_path / "log"
    folder.mkdir()
    assert run("report", SCENARIO, "-o", folder / "0001-a.md", "--style", "log4brains",
               "--draws", "0")[0] == 0
    evil = "0002-b) [x](javascript:alert(1)\n# Heading.md"
    code, _, err = run("report", OTHER, "-o", folder / evil, "--style", "log4brains",
                       "--supersedes", "0001", "--draws", "0")
    assert code == 0, err
    old = (folder / "0001-a.md").read_text(encoding="utf-8")
    status = next(line for line in old.splitlines() if line.startswith("- Status:"))
    assert re.fullmatch(r"- Status: superseded by \[[^\n]*\]\([^\s()]+\)", status), status
    assert "0002-b%29%20%5Bx%5D%28javascript%3Aalert%281%29%0A%23%20Heading.md" in status
    assert "\n# Heading" not in old
    new = (folder / evil).read_text(encoding="utf-8")
    assert "Supersedes [0001-a](0001-a.md)." in new


@pytest.mark.parametrize("status", [
    "superseded by [x](y.md)",
    "accepted\n- Deciders: Mallory",
    "[accepted](javascript:alert(1))",
    "# accepted",
])
def test_status_takes_only_madr_words(tmp_path: Path, status: str) -> None:
    """Class 7: --status is one of MADR's words; 'superseded by' comes only from --supersedes."""
    code, _, err = run("report", SCENARIO, "--style", "log4brains", "--status", status,
                       "-o", tmp_path / "r.md")
    assert code == 2 and "proposed, rejected, accepted, deprecated" in err
    assert list(tmp_path.iterdir()) == []
