"""Batch evaluation as a user runs it: many files, CSV, JSON, markdown, progress, problems."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bench_batch import write_scenarios
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.commands.evaluate import DETAIL_LIMIT
from gateway_roi.files.loading import load_scenario_file
from gateway_roi.files.resources import bundled_scenarios
from gateway_roi.model.evaluation import assess
from gateway_roi.options import OPTION_IDS
from gateway_roi.outputs.formatters.csv import CSV_COLUMNS
from gateway_roi.outputs.formatters.json import JsonStream, render_json
from gateway_roi.outputs.formatters.text import compact_money, comparison_lines
from gateway_roi.shell import PROGRESS_MIN_FILES
from gateway_roi.text import md_escape

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
EXE = Path(sys.executable).parent / "gateway-roi"


def run(*args: str, columns: int = 250) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


BROKEN = {
    "broken-syntax.yaml": "name: x\norganisation:\n  services: [1, 2\n",
    "broken-value.yaml": "name: y\norganisation:\n  services: lots\n",
    "broken-field.yaml": "name: z\nteam:\n  platform_tem: true\n",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 generated scenarios plus 3 broken ones, as a new user might have them."""
    path = tmp_path_factory.mktemp("scenarios")
    write_scenarios(path, 200)
    for name, text in BROKEN.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def _table_rows(out: str) -> dict[str, dict[str, str]]:
    """Rows of the comparison table by scenario name, cells split on runs of 2+ spaces."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("scenario "))
    header = re.split(r"\s{2,}", lines[start].strip())
    assert [h for h in header if h not in {"cur", "confidence"}] == [
        "scenario", "verdict", "rule", *OPTION_IDS, "break-even"]
    rows = {}
    for line in lines[start + 2:]:
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) != len(header):
            break
        rows[cells[0]] = dict(zip(header, cells, strict=True))
    return rows


def test_new_user_batch_table_csv_and_json_agree_and_every_problem_is_listed(
    folder: Path,
) -> None:
    """200 scenarios + 3 broken: table, CSV and JSON give the same verdicts and totals; exit 1."""
    code_t, table, err_t = run("evaluate", str(folder))
    code_c, csv_text, err_c = run("evaluate", str(folder), "--format", "csv")
    code_j, json_text, err_j = run("evaluate", str(folder), "--format", "json")
    assert (code_t, code_c, code_j) == (1, 1, 1)
    for err in (err_t, err_c, err_j):
        for name in BROKEN:
            assert re.search(rf"^{re.escape(str(folder / name))}:\d+: ", err, flags=re.M)
        assert "3 problem(s) in 3 input(s)" in err
        assert "Traceback" not in err
    doc = json.loads(json_text)
    assert len(doc["scenarios"]) == 200
    assert sorted(Path(e["file"]).name for e in doc["errors"]) == sorted(BROKEN)
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(rows) == 200 * len(OPTION_IDS)
    table_rows = _table_rows(table)
    assert len(table_rows) == 200
    by_file = {r["file"]: [] for r in rows}
    for r in rows:
        by_file[r["file"]].append(r)
    for sc in doc["scenarios"]:
        csv_rows = by_file[sc["source"]]
        assert [r["option"] for r in csv_rows] == list(OPTION_IDS)
        verdict = sc["recommendation"]["option"]
        row = table_rows[sc["name"]]
        assert row["verdict"] == verdict and row["rule"] == sc["recommendation"]["rule"]
        assert row.get("cur", sc["currency"]) == sc["currency"]
        for r, option in zip(csv_rows, sc["options"], strict=True):
            assert r["scenario"] == sc["name"]
            assert r["verdict"] == verdict
            assert r["recommended"] == ("true" if option["id"] == verdict else "false")
            assert float(r["total"]) == option["total"]
            assert float(r["one_time"]) == option["one_time"]
            assert float(r["continuous"]) == option["continuous"]
            assert row[option["id"]] == compact_money(option["total"])
            expected_be = option["breakeven_month"]
            assert r["breakeven_month"] == ("" if expected_be is None else str(expected_be))
        be = next(o for o in sc["options"] if o["id"] == verdict)["breakeven_month"]
        assert row["break-even"] == ("-" if verdict == "direct" else
                                     f"month {be}" if be else "never")


def test_big_batch_shows_only_the_table_and_skips_tripwires_unless_asked(tmp_path: Path) -> None:
    """Beyond the detail limit: no panels, a note, JSON tripwires null; --tripwires brings them."""
    write_scenarios(tmp_path, DETAIL_LIMIT + 1)
    code, out, err = run("evaluate", str(tmp_path))
    assert code == 0
    assert "rule: " not in out and "Comparison" in out
    assert "--details" in err and "--tripwires" in err
    code, out, _ = run("evaluate", str(tmp_path), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert all(sc["tripwires"] is None for sc in doc["scenarios"])
    assert all(sc["confidence"] is None for sc in doc["scenarios"])
    code, out, _ = run("evaluate", str(tmp_path), "--format", "json", "--tripwires")
    assert all(isinstance(sc["tripwires"], list) for sc in json.loads(out)["scenarios"])
    code, out, err = run("evaluate", str(tmp_path), "--details")
    assert code == 0
    assert out.count("rule: ") == DETAIL_LIMIT + 1
    assert "--details" not in err


def test_few_scenarios_keep_panels_and_tripwires_in_json() -> None:
    """Up to the detail limit (the bundled examples), JSON tripwires are searched lists."""
    code, out, _ = run("evaluate", "--examples", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert all(isinstance(sc["tripwires"], list) for sc in doc["scenarios"])
    assert any(sc["tripwires"] for sc in doc["scenarios"])
    code, out, _ = run("evaluate", "--examples", "--format", "json", "--no-tripwires")
    assert all(sc["tripwires"] is None for sc in json.loads(out)["scenarios"])


def test_csv_has_stable_columns_plain_decimals_and_utf8(tmp_path: Path) -> None:
    """CSV: the documented header, one row per scenario x option, plain numbers, UTF-8 names."""
    (tmp_path / "zh.yaml").write_text('name: "网关评估, 第一版 \\"A\\""\n', encoding="utf-8")
    (tmp_path / "big.yaml").write_text(
        "name: big\norganisation:\n  services: 5000\n  monthly_requests: 9000000000\n",
        encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    proc = subprocess.run([str(EXE), "evaluate", str(tmp_path), "--format", "csv"],
                          capture_output=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + 2 * len(OPTION_IDS)
    names = {r[1] for r in rows[1:]}
    assert names == {"big", '网关评估, 第一版 "A"'}
    col = {name: i for i, name in enumerate(CSV_COLUMNS)}
    for r in rows[1:]:
        for name in ("one_time", "continuous", "total"):
            assert re.fullmatch(r"\d+\.\d\d", r[col[name]]), r[col[name]]
        assert re.fullmatch(r"\d*", r[col["breakeven_month"]])
        # A share of draws, four decimals (our estimates are sampled even where the file
        # writes plain numbers).
        assert re.fullmatch(r"[01]\.\d{4}", r[col["confidence"]]), r[col["confidence"]]
        assert r[col["recommended"]] in {"true", "false"}


def test_csv_columns_are_documented_in_the_readme() -> None:
    """Every CSV column is listed in the README, in order."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert ", ".join(f"`{c}`" for c in CSV_COLUMNS) in readme


def test_markdown_is_a_github_table_with_user_text_escaped(tmp_path: Path) -> None:
    """--format markdown renders as one table; a | or <tag> in a name stays literal text."""
    (tmp_path / "a.yaml").write_text('name: "Team A | <b>bold</b> *x*"\n', encoding="utf-8")
    (tmp_path / "b.yaml").write_text("name: Team B\norganisation:\n  services: 20\n",
                                     encoding="utf-8")
    code, out, _ = run("evaluate", str(tmp_path), "--format", "markdown")
    assert code == 0
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert html.count("<table>") == 1
    assert html.count("<tr>") == 3
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        # scenario, verdict, rule, confidence (sampled), the options, break-even
        assert len(re.findall(r"<t[hd]", row)) == 4 + len(OPTION_IDS) + 1
    assert "<td>Team A | &lt;b&gt;bold&lt;/b&gt; *x*</td>" in html
    assert "<b>" not in html


def test_markdown_table_cell_escapes_pipes_and_newlines() -> None:
    """A table cell stays one cell on one line whatever the name holds."""
    assert md_escape("a|b\nc", line_start=False) == "a\\|b c"
    assert "\x1b" not in md_escape("\x1b[31mred", line_start=False)


def test_json_stream_writes_the_same_document_as_render_json() -> None:
    """Streaming one scenario at a time gives the very text of the whole-document renderer."""
    from gateway_roi.errors import Problem

    results = [(str(p), assess(load_scenario_file(p))) for p in bundled_scenarios()[:3]]
    problems = [Problem("bad.yaml", "organisation.services", "wrong", 3, 5)]
    for subset in (results, []):
        chunks: list[str] = []
        stream = JsonStream(chunks.append)
        for source, ev in subset:
            stream.add(source, ev)
        stream.finish(problems)
        assert "".join(chunks) == render_json(subset, problems) + "\n"
        compact: list[str] = []
        stream = JsonStream(compact.append, compact=True)
        for source, ev in subset:
            stream.add(source, ev)
        stream.finish(problems)
        assert json.loads("".join(compact)) == json.loads(render_json(subset, problems))
        # one line per scenario, between the opening and the closing line
        assert len("".join(compact).splitlines()) == (len(subset) + 2 if subset else 1)


def test_a_file_named_twice_is_evaluated_once(tmp_path: Path) -> None:
    """Giving a folder and a file inside it does not duplicate that scenario."""
    write_scenarios(tmp_path, 2)
    code, out, _ = run("evaluate", str(tmp_path), str(tmp_path / "scenario-0000.yaml"),
                       "--format", "json")
    assert code == 0
    assert len(json.loads(out)["scenarios"]) == 2


def test_a_bad_set_value_is_reported_once_for_a_batch(tmp_path: Path) -> None:
    """One wrong --set fails every file the same way: the problem is listed once."""
    write_scenarios(tmp_path, 12)
    code, _, err = run("evaluate", str(tmp_path), "--set", "organisation.services=-1")
    assert code == 1
    assert err.count("--set: organisation.services:") == 1


def test_piped_output_has_no_progress_bar(tmp_path: Path) -> None:
    """A long run with stdout and stderr piped shows no bar and no escape sequences."""
    write_scenarios(tmp_path, PROGRESS_MIN_FILES + 5)
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    proc = subprocess.run([str(EXE), "evaluate", str(tmp_path)], capture_output=True,
                          text=True, env=env, check=False)
    assert proc.returncode == 0
    assert "evaluating" not in proc.stderr
    assert "\x1b" not in proc.stderr + proc.stdout
    assert "\r" not in proc.stderr


def test_a_terminal_gets_a_progress_bar_on_long_runs(tmp_path: Path) -> None:
    """In a real terminal a long run draws a bar on the way, then the table."""
    pexpect = pytest.importorskip("pexpect")
    write_scenarios(tmp_path, 150)
    env = {**{k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}},
           "TERM": "xterm", "COLUMNS": "200", "LINES": "50"}
    child = pexpect.spawn(str(EXE), ["evaluate", str(tmp_path)], env=env, encoding="utf-8",
                          timeout=60, dimensions=(50, 200))
    child.expect(r"evaluating.*\d+/150")
    child.expect("Comparison")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_comparison_fits_a_narrow_terminal_and_lines_up_cjk_names() -> None:
    """At 80 columns every line fits, long names are shortened, wide characters align."""
    from rich.cells import cell_len

    from gateway_roi.files.loading import load_scenario_text
    from gateway_roi.outputs.compare import summarize

    names = ["网关评估：一个很长很长很长很长很长的名字", "short", "A" * 70]
    summaries = [summarize(assess(load_scenario_text(f'name: "{n}"\n'), tripwires=False),
                           f"{i}.yaml") for i, n in enumerate(names)]
    wide = comparison_lines(summaries, 10_000)
    assert any(names[2] in line for line in wide)
    narrow = comparison_lines(summaries, 80)
    assert all(cell_len(line) <= 80 for line in narrow)
    assert "rule" not in narrow[0]
    verdict_at = {cell_len(line.split(s.verdict)[0]) for line, s in zip(narrow[2:], summaries,
                                                                          strict=True)}
    assert len(verdict_at) == 1  # the verdict column starts at the same cell on every row
    assert "\u2026" in narrow[2] and "\u2026" in narrow[4]


@given(st.lists(st.text(alphabet="ab \u2026\u4e2dx", max_size=14), min_size=1, max_size=6))
def test_name_column_is_the_narrowest_at_which_no_two_names_look_alike(names: list[str]) -> None:
    """The width the table picks is the one trying every width from 8 would find (it skips
    widths at which two names surely look alike)."""
    from rich.cells import cell_len

    from gateway_roi.outputs.formatters.text import _distinct_width, _shorten

    longest = max(cell_len(n) for n in names)
    every = next((size for size in range(8, longest)
                  if len({_shorten(n, size) for n in names}) == len(set(names))),
                 max(8, longest) if all(cell_len(n) for n in names) else 8)
    assert _distinct_width(names, longest) == every


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=20),
       st.integers(1, 24))
def test_a_plain_name_is_shortened_as_rich_measures_cells(name: str, size: int) -> None:
    """The quick way for one-cell characters gives what measuring each cell gives."""
    from rich.cells import cell_len, set_cell_size

    from gateway_roi.outputs.formatters.text import _shorten

    measured = (set_cell_size(name, size) if cell_len(name) <= size
                else set_cell_size(name, size - 1) + "\u2026")
    assert _shorten(name, size) == measured


def test_a_sweep_keeps_its_figures_at_80_columns_and_each_name_its_number(tmp_path: Path) -> None:
    """Names alike but for a number at the end are cut in the middle, keeping the number: the
    totals stay on an 80-column terminal and no two rows look alike."""
    from gateway_roi.outputs.compare import summarize

    files = write_scenarios(tmp_path, 14)
    summaries = [summarize(assess(load_scenario_file(f), tripwires=False), str(f))
                 for f in files]
    lines = comparison_lines(summaries, 80)  # as a terminal 80 columns wide gets it
    assert all(option in lines[0] for option in OPTION_IDS)
    rows = lines[2:]
    names = [re.split(r"\s{2,}", row)[0] for row in rows]
    assert len(set(names)) == 14 and all(len(row) <= 80 for row in rows)
    for i, name in enumerate(names):
        assert "\u2026" in name and name.endswith(f"{i:04d}")


@given(st.lists(st.text(alphabet="ab. 0123456789", max_size=30), min_size=2, max_size=8),
       st.integers(0, 40))
def test_names_cut_in_the_middle_never_look_alike(names: list[str], extra: int) -> None:
    """Whatever the names, at any width from the narrowest the table allows, two different
    names never show alike, and each cut name ends as the name does."""
    from gateway_roi.outputs.formatters.text import _HEAD_LEAST, _shorten, _tails
    from gateway_roi.text import one_line

    names = [one_line(n) for n in names]  # as the table gets them: no run of spaces, no edge
    tails = _tails(names)
    if not tails:
        return
    size = max(tails.values()) + 1 + _HEAD_LEAST + extra
    shown = {n: _shorten(n, size, tails[n]) for n in set(names)}
    assert len(set(shown.values())) == len(shown)
    for name, text in shown.items():
        assert len(text) == size if len(name) > size else text == name.ljust(size)
        if len(name) > size:
            assert text.endswith(name[-tails[name]:]) and "\u2026" in text
