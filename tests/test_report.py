"""`gateway-roi report`: the decision record as a markdown parser, a reader and an attacker see it.

The output is parsed with markdown-it-py (CommonMark plus GFM tables), never matched as a
whole string, except in the snapshot test. Snapshots live in tests/snapshots/; regenerate them
with ``UPDATE_SNAPSHOTS=1 python -m pytest tests/test_report.py -k snapshot`` after a deliberate
change, and read the diff before committing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner

from cli.app import app
from cli.costs import OPTION_IDS
from cli.evaluation import Evaluation, assess
from cli.i18n import LANGS, Lang, term
from cli.loading import load_scenario_file
from cli.report import MAX_REPORT_CHARS, render_record
from cli.resources import bundled_dir, bundled_scenarios
from cli.uncertainty import analyse

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
SNAPSHOT_SCENARIO = "regulated-data-stays"
SNAPSHOT_DATE = "2026-11-27"
SECTION_KEYS = ("context", "drivers", "options", "outcome", "consequences", "timeline", "risk",
                "uncertainty", "tripwires", "cost_detail", "assumptions")
# Tables each section holds: drivers, options, the chart's figures, risk, the spread and the
# tornado (every bundled scenario has ranges), one cost-detail table per option, assumptions.
TABLES_PER_SECTION = {"drivers": 1, "options": 1, "timeline": 1, "risk": 1, "uncertainty": 2,
                      "cost_detail": len(OPTION_IDS), "assumptions": 1}
TEMPLATE_SYNTAX = ("{{", "}}", "{%", "%}", "{#", "#}")
HOSTILE = "A | B <script>alert(1)</script> *bold* [link](http://x)"

runner = CliRunner()
md = MarkdownIt("commonmark").enable(["table", "strikethrough"])


# --- helpers ------------------------------------------------------------------------------------


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def report(*args: str | Path) -> str:
    code, out, err = run("report", *args)
    assert code == 0, err
    assert err == ""
    return out


@functools.cache
def evaluation(path: Path) -> Evaluation:
    return assess(load_scenario_file(path))


def split_front_matter(text: str) -> tuple[list[tuple[str, Any]], str]:
    """The leading ``---`` block read as YAML (in order; dates as text), and the markdown after."""
    assert text.startswith("---\n"), text[:80]
    end = text.index("\n---\n", 3)
    data = yaml.safe_load(text[4:end])
    assert isinstance(data, dict), text[:200]
    pairs = [(k, v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()]
    for key, _ in pairs:
        assert re.fullmatch(r"[a-z-]+", key), f"front matter key {key!r}"
    return pairs, text[end + len("\n---\n"):]


def parse(body: str) -> list[Token]:
    return md.parse(body)


def headings(tokens: list[Token], *, max_level: int = 2) -> list[tuple[int, str]]:
    found = []
    for i, tok in enumerate(tokens):
        level = int(tok.tag[1]) if tok.type == "heading_open" else 0
        if level and level <= max_level:
            found.append((level, tokens[i + 1].content))
    return found


def split_row(line: str) -> list[str]:
    """Cells of a GFM table row as markdown-it splits them: on every pipe not after a backslash."""
    cells = re.split(r"(?<!\\)\|", line.strip())
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def tables(tokens: list[Token], body: str) -> list[dict[str, Any]]:
    """Every table: header cells (inline source), body rows (inline source), raw source lines.

    markdown-it pads short rows and drops extra cells, so the raw line is kept too: a row's
    real width is only visible there.
    """
    lines = body.splitlines()
    found: list[dict[str, Any]] = []
    row: list[str] | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            found.append({"header": [], "rows": [], "raw": [], "map": tok.map})
        elif tok.type == "tr_open":
            row = []
            assert tok.map is not None
            found[-1]["raw"].append(lines[tok.map[0]])
        elif tok.type in {"th_open", "td_open"}:
            assert row is not None
            row.append(tokens[i + 1].content if tokens[i + 1].type == "inline" else "")
        elif tok.type == "tr_close":
            assert row is not None
            if not found[-1]["header"]:
                found[-1]["header"] = row
            else:
                found[-1]["rows"].append(row)
            row = None
    return found


def table_width_problems(found: list[dict[str, Any]]) -> list[str]:
    problems = []
    for table in found:
        width = len(table["header"])
        header_raw, *rows_raw = table["raw"]
        if len(split_row(header_raw)) != width:
            problems.append(f"header {header_raw!r}")
        for parsed, raw in zip(table["rows"], rows_raw, strict=True):
            if len(parsed) != width or len(split_row(raw)) != width:
                problems.append(f"{len(split_row(raw))} cells for {width} columns: {raw!r}")
    return problems


def sections(tokens: list[Token]) -> dict[str, list[Token]]:
    """The tokens under each h2, keyed by its heading text."""
    out: dict[str, list[Token]] = {}
    current: str | None = None
    in_heading = False
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag in {"h1", "h2"}:
            current = tokens[i + 1].content if tok.tag == "h2" else None
            if current is not None:
                out[current] = []
            in_heading = True
        elif in_heading:
            in_heading = tok.type != "heading_close"
        elif current is not None:
            out[current].append(tok)
    return out


def all_tokens(tokens: list[Token]) -> list[Token]:
    flat = []
    for tok in tokens:
        flat.append(tok)
        flat.extend(tok.children or [])
    return flat


def mermaid(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.type == "fence" and t.info.strip() == "mermaid"]


def number(cell: str) -> int:
    assert re.fullmatch(r"-?\d{1,3}(,\d{3})*", cell), cell
    return int(cell.replace(",", ""))


def as_of_is_stale(as_of: str, today: dt.date) -> bool:
    """More than 12 months before ``today``, reading the as-of date at its latest (a year = Dec)."""
    parts = [int(p) for p in as_of.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return (today.year - year) * 12 + (today.month - month) > 12


def zh_money(text: str) -> float:
    """Amount of a Chinese money cell: ``153.9 万元`` or ``2,687 元``."""
    m = re.fullmatch(r"(-?[\d,]+(?:\.\d)?) (万元|元)", text)
    assert m, f"not a CNY amount as Chinese readers write it: {text!r}"
    value = float(m.group(1).replace(",", ""))
    return value * 10_000 if m.group(2) == "万元" else value


def write_scenario(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


BUNDLED = bundled_scenarios()
BUNDLED_IDS = [p.stem for p in BUNDLED]


# --- structure of every bundled report --------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_report_has_front_matter_then_the_sections_in_order(path: Path, lang: Lang) -> None:
    """Each bundled report opens with front matter, then the title and the ten sections in order."""
    text = report(path, "--lang", lang, "--date", SNAPSHOT_DATE)
    ev = evaluation(path)
    front, body = split_front_matter(text)
    keys = ["status", "date"] + (["decision-makers"] if ev.scenario.decision_makers else [])
    assert [k for k, _ in front] == [*keys, "scenario"]
    fm = dict(front)
    assert fm["status"] == term("report.status", lang)
    assert fm["date"] == SNAPSHOT_DATE
    if ev.scenario.decision_makers:
        assert fm["decision-makers"] == list(ev.scenario.decision_makers)
    found = headings(parse(body))
    assert [level for level, _ in found] == [1] + [2] * len(SECTION_KEYS)
    title = found[0][1]
    assert title.startswith(term("report.question", lang))
    assert ev.decision.headline.text(lang) in title
    assert [h for _, h in found[1:]] == [term(f"report.{k}", lang) for k in SECTION_KEYS]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_every_table_row_has_the_header_column_count(path: Path, lang: Lang) -> None:
    """Every table in each bundled report is a real table whose rows all match its header."""
    _, body = split_front_matter(report(path, "--lang", lang, "--date", SNAPSHOT_DATE))
    tokens = parse(body)
    found = tables(tokens, body)
    assert table_width_problems(found) == []
    per_section = {name: len(tables(toks, body)) for name, toks in sections(tokens).items()}
    expected = {term(f"report.{k}", lang): TABLES_PER_SECTION.get(k, 0) for k in SECTION_KEYS}
    assert per_section == expected
    options_table = tables(sections(tokens)[term("report.options", lang)], body)[0]
    assert [re.search(r"`(\w+)`", row[0]).group(1) for row in options_table["rows"]] == list(OPTION_IDS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_no_template_syntax_is_left_in_the_report(path: Path, lang: Lang) -> None:
    """No `{{`, `}}`, `{%`, `%}` or jinja comment survives into a bundled report."""
    text = report(path, "--lang", lang, "--date", SNAPSHOT_DATE)
    assert [s for s in TEMPLATE_SYNTAX if s in text] == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_mermaid_chart_is_well_formed_and_matches_its_table(path: Path, lang: Lang) -> None:
    """The xychart-beta block is well formed (axes hold every point) and its table shows the same."""
    ev = evaluation(path)
    _, body = split_front_matter(report(path, "--lang", lang, "--date", SNAPSHOT_DATE))
    tokens = parse(body)
    timeline = sections(tokens)[term("report.timeline", lang)]
    fences = mermaid(timeline)
    # one chart here, and the tornado's in the uncertainty section
    assert len(fences) == 1 and len(mermaid(tokens)) == 2
    lines = [ln.strip() for ln in fences[0].content.splitlines() if ln.strip()]
    assert lines[0] == "xychart-beta"
    assert re.fullmatch(r'title "[^"\n]+"', lines[1])
    x = re.fullmatch(r'x-axis(?: "[^"\n]*")? \[([^\]]*)\]', lines[2])
    assert x, lines[2]
    months = [int(m) for m in re.split(r",\s*", x.group(1))]
    assert months == sorted(set(months)) and months[0] == 0  # month 0: up-front costs alone
    assert months[-1] == ev.scenario.horizon_months
    y = re.fullmatch(r'y-axis "[^"\n]+" 0 --> (\d+)', lines[3])
    assert y, lines[3]
    series = []
    for ln in lines[4:]:
        m = re.fullmatch(r"line \[([^\]]*)\]", ln)
        assert m, f"unexpected line in the chart: {ln!r}"
        series.append([int(v) for v in re.split(r",\s*", m.group(1))])
    assert len(series) == len(OPTION_IDS) == 5
    assert all(len(s) == len(months) for s in series)
    assert all(0 <= v <= int(y.group(1)) for s in series for v in s)
    # Each line ends at its option's total over the horizon.
    for key, points in zip(OPTION_IDS, series, strict=True):
        assert abs(points[-1] - ev.options[key].total) <= 1, key
    # The table under the chart: month, then one column per option, same order, same figures.
    (table,) = tables(timeline, body)
    assert table["header"] == [term("report.month", lang)] + [f"`{k}`" for k in OPTION_IDS]
    assert [number(row[0]) for row in table["rows"]] == months
    for col, points in enumerate(series, start=1):
        assert [number(row[col]) for row in table["rows"]] == points


def test_report_without_decision_makers_has_no_decision_makers_line(tmp_path: Path) -> None:
    """Front matter leaves out decision-makers when the scenario names none."""
    path = write_scenario(tmp_path, "t.yaml", "name: Quiet team\n")
    front, _ = split_front_matter(report(path, "--date", SNAPSHOT_DATE))
    assert [k for k, _ in front] == ["status", "date", "scenario"]
    assert dict(front)["scenario"] == "Quiet team"


# --- escaping of scenario text ------------------------------------------------------------------


def hostile_scenario(folder: Path) -> Path:
    text = f"""\
name: {json.dumps(HOSTILE + chr(10) + "second line")}
description: {json.dumps(HOSTILE + chr(10) + "# not a heading" + chr(10) + "_it_ ~~strike~~")}
decision_makers:
  - {json.dumps("CTO | " + HOSTILE)}
  - {json.dumps("*bold*" + chr(10) + "next")}
organisation:
  environments: [{json.dumps("prod|<script>alert(1)</script>")}, "*bold*", "[link](http://x)"]
providers:
  in_use:
    - name: {json.dumps("open|ai <script>alert(1)</script>")}
      fallbacks: ["*bold*", {json.dumps("[link](http://x)" + chr(10) + "x")}]
    - name: "*deep*seek"
"""
    return write_scenario(folder, "hostile.yaml", text)


@pytest.mark.parametrize("lang", LANGS)
def test_scenario_text_with_markup_comes_out_as_plain_text(tmp_path: Path, lang: Lang) -> None:
    """Pipes, <script>, *emphasis*, [links] and newlines in scenario text render as literal text."""
    path = hostile_scenario(tmp_path)
    text = report(path, "--lang", lang, "--date", SNAPSHOT_DATE)
    front, body = split_front_matter(text)
    assert [k for k, _ in front] == ["status", "date", "decision-makers", "scenario"]
    tokens = parse(body)
    flat = all_tokens(tokens)
    assert [t.content for t in flat if t.type.startswith("html")] == []
    # The only markup is the template's own: the chosen option in bold.
    chosen = term(f"option.{evaluation(path).decision.option}", lang)
    marked = [(t.type, inline.children[i + 1].content)
              for inline in flat if inline.type == "inline" and inline.children
              for i, t in enumerate(inline.children)
              if t.type in {"em_open", "strong_open", "link_open", "s_open"}]
    assert marked and set(marked) == {("strong_open", chosen)}
    html = md.render(body)
    assert "<script" not in html
    assert "<em>" not in html and "<a " not in html
    # Still there, shown as written.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "*bold*" in html and "[link](http://x)" in html and "*deep*seek" in html
    assert "A | B" in html
    # The newlines did not start new blocks: same headings, tables intact.
    assert [h for _, h in headings(tokens)[1:]] == [term(f"report.{k}", lang) for k in SECTION_KEYS]
    assert table_width_problems(tables(tokens, body)) == []
    # This scenario has no ranges: its "how sure" section says so, without tables.
    expected = sum(TABLES_PER_SECTION.values()) - TABLES_PER_SECTION["uncertainty"]
    assert len(tables(tokens, body)) == expected


def test_scenario_text_with_markup_is_escaped_in_the_index(tmp_path: Path) -> None:
    """The index's link text shows a hostile scenario name literally and keeps its table shape."""
    hostile_scenario(tmp_path)
    write_scenario(tmp_path, "plain.yaml", "name: Plain\n")
    code, _, err = run("report", tmp_path, "--out-dir", tmp_path / "out", "--date", SNAPSHOT_DATE)
    assert code == 0, err
    body = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    tokens = parse(body)
    (table,) = tables(tokens, body)
    assert table_width_problems([table]) == []
    links = [t for t in all_tokens(tokens) if t.type == "link_open"]
    assert len(links) == 2
    html = md.render(body)
    assert "<script" not in html and "<em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_scenario_text_cannot_start_a_list_or_a_rule(tmp_path: Path) -> None:
    """A name like `1. Payments` or a description `- item` / `---` stays a paragraph of text."""
    for name, description in [("1. Payments", "x"), ("- Payments", "x"), ("x", "- item"),
                              ("x", "---"), ("x", "2) step")]:
        path = write_scenario(tmp_path, "t.yaml",
                              f"name: {json.dumps(name)}\ndescription: {json.dumps(description)}\n")
        _, body = split_front_matter(report(path, "--date", SNAPSHOT_DATE))
        context = sections(parse(body))[term("report.context", "en")]
        kinds = {t.type for t in context if t.level == 0}
        assert kinds == {"paragraph_open", "paragraph_close"}, (name, description, kinds)


def test_front_matter_is_valid_yaml_whatever_the_names(tmp_path: Path) -> None:
    """Front matter stays valid YAML for names with `: `, quotes, `- `, `%` or `@` in them."""
    for name in ["Payments: phase 2", '"Quoted" team', "- dash", "% pct", "@team"]:
        path = write_scenario(tmp_path, "t.yaml", f"name: {json.dumps(name)}\n"
                                                  'decision_makers: ["Ops: lead"]\n')
        text = report(path, "--date", SNAPSHOT_DATE)
        block = text[4:text.index("\n---\n", 3)]
        try:
            data = yaml.safe_load(block)
        except yaml.YAMLError as exc:
            pytest.fail(f"front matter for {name!r} is not YAML: {exc}")
        assert isinstance(data, dict) and isinstance(data["scenario"], str), name
        assert name.strip('"-%@ ').split()[0] in data["scenario"], name


# --- snapshot ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_snapshot_of_a_bundled_report(lang: Lang) -> None:
    """The regulated-data-stays report (CNY) reads exactly as pinned, in English and Chinese."""
    scenario = bundled_dir("scenarios") / f"{SNAPSHOT_SCENARIO}.yaml"
    text = report(scenario, "--lang", lang, "--date", SNAPSHOT_DATE)
    snapshot = SNAPSHOTS / f"report-{SNAPSHOT_SCENARIO}.{lang}.md"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(text, encoding="utf-8", newline="\n")
    regenerate = ("if the change is intended, regenerate with: UPDATE_SNAPSHOTS=1 "
                  ".venv/bin/python -m pytest tests/test_report.py -k snapshot, then review the diff")
    if not snapshot.exists():
        pytest.fail(f"{snapshot} is missing; {regenerate}")
    expected = snapshot.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(list(difflib.unified_diff(
            expected.splitlines(keepends=True), text.splitlines(keepends=True),
            str(snapshot), "report output"))[:60])
        pytest.fail(f"report differs from {snapshot.name}:\n{diff}\n{regenerate}")


def test_render_record_matches_the_command() -> None:
    """render_record gives exactly what `gateway-roi report` prints (sampled or not)."""
    path = bundled_dir("scenarios") / f"{SNAPSHOT_SCENARIO}.yaml"
    today = dt.date.fromisoformat(SNAPSHOT_DATE)
    ev = evaluation(path)
    text = render_record(ev, lang="zh", today=today)
    assert text == report(path, "--lang", "zh", "--date", SNAPSHOT_DATE, "--draws", "0")
    sampled = dataclasses.replace(ev, uncertainty=analyse(ev, draws=500, seed=3))
    assert render_record(sampled, lang="zh", today=today) == report(
        path, "--lang", "zh", "--date", SNAPSHOT_DATE, "--draws", "500", "--seed", "3")


# --- hostile and friendly user templates ----------------------------------------------------

SCENARIO = bundled_dir("scenarios") / "small-team-many-providers.yaml"


def _templates(folder: Path) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """Each hostile template, with the words its error message must contain."""
    outside = folder / "elsewhere"
    outside.mkdir()
    (outside / "secret.md.j2").write_text("TOP-SECRET\n", encoding="utf-8")
    (folder / "outside.md.j2").write_text("TOP-SECRET\n", encoding="utf-8")
    tpl = folder / "tpl"
    tpl.mkdir()
    (tpl / "link.md.j2").symlink_to(outside / "secret.md.j2")
    per = MAX_REPORT_CHARS // 50_000 + 1
    sources = {
        "class": ("{{ meta.__class__ }}", ("class.md.j2", "__class__", "sandbox")),
        "mro": ("{{ ''.__class__.__mro__ }}", ("mro.md.j2", "__class__", "sandbox")),
        "format": ('{{ "{0.__class__}".format(title) }}', ("format.md.j2", "__class__")),
        "mutate": ("{{ options.append(1) }}", ("mutate.md.j2", "append", "sandbox")),
        "symlink": ('{% include "link.md.j2" %}', ("link.md.j2", "outside", str(tpl))),
        "dotdot": ('{% include "../outside.md.j2" %}', ("../outside.md.j2", "outside")),
        "absolute": (f'{{% include "{outside / "secret.md.j2"}" %}}', ("outside",)),
        "missing": ("{{ no_such_thing }}", ("missing.md.j2", "no_such_thing", "undefined")),
        "syntax": ("ok\n{% for x in %}\n", ("syntax.md.j2:2:", "expression")),
        "huge": (f'{{% for i in range(100000) %}}{{{{ "x" * {per} }}}}{{% endfor %}}',
                 ("huge.md.j2", "exceeds", f"{MAX_REPORT_CHARS:,}")),
        "recursion": ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
                      ("recursion.md.j2", "too deeply")),
    }
    out = {}
    for name, (source, words) in sources.items():
        path = tpl / f"{name}.md.j2"
        path.write_text(source, encoding="utf-8")
        out[name] = (path, words)
    return out


HOSTILE_TEMPLATES = ["class", "mro", "format", "mutate", "symlink", "dotdot", "absolute", "missing",
                     "syntax", "huge", "recursion"]


@pytest.mark.parametrize("kind", HOSTILE_TEMPLATES)
def test_hostile_template_fails_cleanly_and_writes_nothing(tmp_path: Path, kind: str) -> None:
    """A sandbox-escaping, folder-escaping, undefined, broken or huge template: exit 1, no file."""
    template, words = _templates(tmp_path)[kind]
    target = tmp_path / "out.md"
    code, out, err = run("report", SCENARIO, "--template", template, "-o", target)
    assert code == 1
    assert out == ""
    assert err.startswith("gateway-roi: ") and "Traceback" not in err
    assert all(w in err for w in words), err
    assert "TOP-SECRET" not in err
    assert not target.exists()
    # On stdout too: nothing is printed, not even part of the report.
    code, out, err = run("report", SCENARIO, "--template", template)
    assert (code, out) == (1, "")


def test_hostile_template_leaves_an_out_dir_untouched(tmp_path: Path) -> None:
    """With --out-dir, a template failing on the last scenario writes no report and no index.md."""
    template = tmp_path / "late.md.j2"
    template.write_text(f'{{{{ title }}}}{{% if source.endswith("{BUNDLED[-1].name}") %}}'
                        "{{ no_such_thing }}{% endif %}", encoding="utf-8")
    code, _, err = run("report", "--examples", "--template", template, "--out-dir", tmp_path / "o")
    assert code == 1, err
    assert "no_such_thing" in err
    assert not (tmp_path / "o").exists() or tree(tmp_path / "o") == set()


def test_template_building_one_huge_string_fails_cleanly(tmp_path: Path) -> None:
    """`{{ "x" * 10**12 }}` is refused with exit 1 and a message, not a MemoryError traceback."""
    template = tmp_path / "mul.md.j2"
    template.write_text('{{ "x" * 10**12 }}', encoding="utf-8")
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30)); "
    proc = subprocess.run(
        [sys.executable, "-c", limit + "from cli.app import main; main()",
         "report", str(SCENARIO), "--template", str(template)],
        capture_output=True, text=True, check=False, cwd=ROOT, timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr, proc.stderr[-500:]
    assert "mul.md.j2" in proc.stderr


def test_include_of_a_missing_file_says_it_is_missing(tmp_path: Path) -> None:
    """`{% include "nope.md.j2" %}` fails with a message saying that file was not found."""
    template = tmp_path / "inc.md.j2"
    template.write_text('{% include "nope.md.j2" %}', encoding="utf-8")
    code, _, err = run("report", SCENARIO, "--template", template)
    assert code == 1
    assert "nope.md.j2" in err
    problem = err.replace(str(template), "").replace("nope.md.j2", "")
    assert re.search(r"not found|no such|does not exist|missing", problem, re.IGNORECASE), err


def report_json(*args: str | Path) -> dict[str, Any]:
    code, out, err = run("report", *args, "--format", "json")
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    return doc


def test_user_template_renders_the_same_data(tmp_path: Path) -> None:
    """A plain user template renders with exit 0 from the data `--format json` shows."""
    template = tmp_path / "mine.md.j2"
    template.write_text("{{ title }}\n{% for o in options %}{{ o.id }} {{ o.total }}\n{% endfor %}",
                        encoding="utf-8")
    code, out, err = run("report", SCENARIO, "--template", template, "--date", SNAPSHOT_DATE)
    assert code == 0, err
    (data,) = report_json(SCENARIO, "--date", SNAPSHOT_DATE)["reports"]
    expected = [data["title"], *(f"{o['id']} {o['total']}" for o in data["options"])]
    assert out.splitlines() == expected
    assert [o["id"] for o in data["options"]] == list(OPTION_IDS)


def test_user_template_can_include_a_sibling(tmp_path: Path) -> None:
    """`{% include %}` of a file in the template's own folder works, -o writes the result."""
    (tmp_path / "part.md.j2").write_text("scenario: {{ meta.scenario }}\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deeper.md.j2").write_text("verdict: {{ outcome.option }}\n",
                                                   encoding="utf-8")
    template = tmp_path / "main.md.j2"
    template.write_text('# {{ title }}\n{% include "part.md.j2" %}{% include "sub/deeper.md.j2" %}',
                        encoding="utf-8")
    target = tmp_path / "r.md"
    code, out, err = run("report", SCENARIO, "--template", template, "-o", target)
    assert code == 0, err
    assert out == ""
    ev = evaluation(SCENARIO)
    assert target.read_text(encoding="utf-8").splitlines()[1:] == [
        f"scenario: {ev.scenario.name}", f"verdict: {ev.decision.option}"]


# --- the command ------------------------------------------------------------------------------


def test_report_prints_markdown_to_stdout_by_default() -> None:
    """`gateway-roi report FILE` prints the record on stdout and nothing on stderr."""
    before = dt.date.today().isoformat()
    code, out, err = run("report", SCENARIO)
    after = dt.date.today().isoformat()
    assert (code, err) == (0, "")
    assert out.startswith("---\n") and out.endswith("\n")
    front, body = split_front_matter(out)
    assert dict(front)["date"] in {before, after}
    assert headings(parse(body))[0][0] == 1


def test_output_file_is_written_and_never_overwritten_without_force(tmp_path: Path) -> None:
    """-o writes the file; a second run refuses (exit 1, file unchanged) unless --force."""
    target = tmp_path / "adr" / "0007-ai-gateway.md"
    code, out, err = run("report", SCENARIO, "-o", target, "--date", SNAPSHOT_DATE)
    assert code == 0, err
    assert out == ""
    assert target.read_text(encoding="utf-8") == report(SCENARIO, "--date", SNAPSHOT_DATE)
    target.write_text("my edits\n", encoding="utf-8")
    code, out, err = run("report", SCENARIO, "-o", target, "--lang", "zh")
    assert code == 1
    assert str(target) in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "my edits\n"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left
    code, _, err = run("report", SCENARIO, "-o", target, "--force", "--lang", "zh")
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith(f'---\nstatus: "{term("report.status", "zh")}"')


def test_output_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    """A report written with -o is as readable as any file the user creates (umask applies)."""
    reference = tmp_path / "reference.md"
    reference.write_text("x", encoding="utf-8")
    target = tmp_path / "r.md"
    code, _, err = run("report", SCENARIO, "-o", target)
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(reference.stat().st_mode)


def test_out_dir_writes_one_report_per_scenario_and_an_index(tmp_path: Path) -> None:
    """--out-dir writes each scenario's report plus index.md linking each, one row per scenario."""
    out_dir = tmp_path / "reports"
    code, out, err = run("report", "--examples", "--out-dir", out_dir, "--date", SNAPSHOT_DATE)
    assert code == 0, err
    assert out == ""
    files = tree(out_dir)
    assert "index.md" in files and len(files) == len(BUNDLED) + 1
    body = (out_dir / "index.md").read_text(encoding="utf-8")
    tokens = parse(body)
    assert headings(tokens) == [(1, term("report.index_title", "en"))]
    (table,) = tables(tokens, body)
    assert table_width_problems([table]) == []
    assert len(table["rows"]) == len(BUNDLED)
    targets = [t.attrGet("href") for t in all_tokens(tokens) if t.type == "link_open"]
    assert sorted(targets) == sorted(files - {"index.md"})
    verdicts = {}
    for row, href in zip(table["rows"], targets, strict=True):
        linked = (out_dir / str(href)).read_text(encoding="utf-8")
        front, _ = split_front_matter(linked)
        assert row[0] == f"[{dict(front)['scenario']}]({href})"
        verdicts[dict(front)["scenario"]] = row[2]
    assert verdicts == {evaluation(p).scenario.name: f"`{evaluation(p).decision.rule}`"
                        for p in BUNDLED}


def test_out_dir_file_names_are_safe(tmp_path: Path) -> None:
    """Names like `../../evil`, `/etc/passwd`, `index` or Chinese text become plain files in DIR."""
    src = tmp_path / "in"
    src.mkdir()
    names = ["../../evil", "/etc/passwd", "中文场景", "index", "..", "C:\\Windows\\evil"]
    for i, name in enumerate(names):
        write_scenario(src, f"s{i}.yaml", f"name: {json.dumps(name)}\n")
    write_scenario(src, "中文.yaml", 'name: "中文场景二"\n')
    before = tree(tmp_path)
    out_dir = tmp_path / "a" / "b" / "out"
    code, _, err = run("report", src, "--out-dir", out_dir)
    assert code == 0, err
    written = tree(out_dir)
    assert tree(tmp_path) - before - {"a", "a/b", "a/b/out"} == {f"a/b/out/{n}" for n in written}
    assert len(written) == len(names) + 2  # one report each (none overwritten), plus index.md
    reports = sorted(written - {"index.md"})
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*\.md", n) for n in reports), reports
    assert "index.md" not in reports
    for n in reports:
        assert (out_dir / n).resolve().parent == out_dir.resolve()
    assert not Path("/etc/passwd.md").exists() and not (tmp_path / "evil.md").exists()


def test_out_dir_refuses_existing_files_without_force(tmp_path: Path) -> None:
    """An existing index.md stops --out-dir (exit 1) before anything is written; --force goes on."""
    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    (out_dir / "index.md").write_text("keep\n", encoding="utf-8")
    code, _, err = run("report", "--examples", "--out-dir", out_dir)
    assert code == 1
    assert "index.md" in err and "--force" in err
    assert tree(out_dir) == {"index.md"}
    assert (out_dir / "index.md").read_text(encoding="utf-8") == "keep\n"
    code, _, err = run("report", "--examples", "--out-dir", out_dir, "--force")
    assert code == 0, err
    assert len(tree(out_dir)) == len(BUNDLED) + 1


@pytest.mark.parametrize("extra", [[], ["-o", "one.md"]], ids=["stdout", "output"])
def test_several_scenarios_without_out_dir_is_a_usage_error(tmp_path: Path, extra: list[str]) -> None:
    """Two scenarios to stdout or to one -o file: exit 2, pointing at --out-dir, nothing written."""
    args = [a if a != "one.md" else str(tmp_path / a) for a in extra]
    code, out, err = run("report", "--examples", *args)
    assert code == 2
    assert out == "" and "--out-dir" in err
    assert not (tmp_path / "one.md").exists()


def test_invalid_scenario_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    """A scenario that does not validate: exit 1, its problem on stderr, no file and no folder."""
    bad = write_scenario(tmp_path, "bad.yaml", "name: Bad\norganisation:\n  services: -3\n")
    good = write_scenario(tmp_path, "good.yaml", "name: Good\n")
    target = tmp_path / "r.md"
    code, out, err = run("report", bad, "-o", target)
    assert code == 1
    assert out == "" and "bad.yaml:3" in err and "organisation.services" in err
    assert not target.exists()
    code, out, err = run("report", good, bad, "--out-dir", tmp_path / "out")
    assert code == 1
    assert "bad.yaml" in err
    assert not (tmp_path / "out").exists()


def test_bad_date_is_a_usage_error() -> None:
    """--date that is not YYYY-MM-DD exits 2 with a hint."""
    code, out, err = run("report", SCENARIO, "--date", "27/11/2026")
    assert code == 2
    assert out == "" and "YYYY-MM-DD" in err


def test_json_format_carries_what_the_bundled_template_uses() -> None:
    """--format json prints {"schema_version": 1, "reports": [...]} with all the template reads."""
    doc = report_json("--examples", "--date", SNAPSHOT_DATE)
    assert set(doc) == {"schema_version", "reports"}
    assert doc["schema_version"] == 1
    assert len(doc["reports"]) == len(BUNDLED)
    source = (bundled_dir("templates") / "report.md.j2").read_text(encoding="utf-8")
    env = jinja2.Environment()
    env.filters["cell"] = str
    env.filters["yaml"] = str
    used = jinja2.meta.find_undeclared_variables(env.parse(source)) - {"range"}
    labels = set(re.findall(r"\bt\.(\w+)", source))
    assert {"title", "meta", "context", "drivers", "options", "outcome", "consequences", "chart",
            "tripwires", "assumptions", "t"} <= used
    for data, path in zip(doc["reports"], BUNDLED, strict=True):
        assert used <= set(data), used - set(data)
        assert labels <= set(data["t"]), labels - set(data["t"])
        assert data["source"] == str(path)
        assert [o["id"] for o in data["options"]] == list(OPTION_IDS)
        assert data["outcome"]["option"] == evaluation(path).decision.option
        assert len(data["chart"]["series"]) == len(OPTION_IDS)


def test_json_is_what_the_markdown_shows() -> None:
    """The JSON's title and option totals are the ones the markdown report prints."""
    (data,) = report_json(SCENARIO, "--lang", "zh", "--date", SNAPSHOT_DATE)["reports"]
    _, body = split_front_matter(report(SCENARIO, "--lang", "zh", "--date", SNAPSHOT_DATE))
    tokens = parse(body)
    assert headings(tokens)[0] == (1, data["title"])
    (options,) = tables(sections(tokens)[term("report.options", "zh")], body)
    assert [row[4] for row in options["rows"]] == [o["total"] for o in data["options"]]


# --- assumptions and money --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("date", ["2026-11-27", "2030-01-01"])
def test_stale_defaults_are_flagged_at_the_report_date(date: str, lang: Lang) -> None:
    """A default dated more than 12 months before --date is flagged stale; newer ones are not."""
    today = dt.date.fromisoformat(date)
    path = bundled_dir("scenarios") / f"{SNAPSHOT_SCENARIO}.yaml"
    _, body = split_front_matter(report(path, "--lang", lang, "--date", date))
    section = sections(parse(body))[term("report.assumptions", lang)]
    intro = next(t for t in section if t.type == "inline")
    assert date in intro.content
    (table,) = tables(section, body)
    stale_word, undated_word = term("report.stale", lang), term("report.undated", lang)
    ev = evaluation(path)
    defaults = {name for name, inp in ev.inputs.inputs.items() if inp.origin == "default"}
    stale, fresh = [], []
    for ident, _, _, as_of, flags in table["rows"]:
        name = ident.strip("`")
        assert name in defaults
        marks = [f.strip() for f in re.split("[,、]", flags) if f.strip()]
        if as_of == undated_word:
            assert ev.inputs.inputs[name].as_of is None
            assert stale_word not in marks and undated_word in marks
            continue
        assert as_of == ev.inputs.inputs[name].as_of
        expect = as_of_is_stale(as_of, today)
        assert (stale_word in marks) == expect, (name, as_of, marks)
        (stale if expect else fresh).append(name)
    if date == "2030-01-01":
        assert stale and not fresh
    else:  # the pinned date sees both kinds, so the check above can tell them apart
        assert stale and fresh


def test_chinese_report_writes_cny_amounts_in_wan() -> None:
    """In zh, CNY amounts of 10,000 or more read as `x.y 万元`, smaller ones as `n 元`."""
    path = bundled_dir("scenarios") / f"{SNAPSHOT_SCENARIO}.yaml"
    ev = evaluation(path)
    assert ev.scenario.currency == "CNY"
    text = report(path, "--lang", "zh", "--date", SNAPSHOT_DATE)
    assert not re.search(r"CNY \d", text)  # no English-style amounts left
    _, body = split_front_matter(text)
    parts = sections(parse(body))
    (options,) = tables(parts[term("report.options", "zh")], body)
    checked: list[tuple[float, str]] = []
    for key, row in zip(OPTION_IDS, options["rows"], strict=True):
        o = ev.options[key]
        years = ev.scenario.horizon_months / 12
        for raw, cell in [(o.up_front, row[1]), (o.per_event / years, row[2]),
                          (o.standing / years, row[3]), (o.total, row[4])]:
            checked.append((raw, cell))
    cost_tables = tables(parts[term("report.cost_detail", "zh")], body)
    for key, table in zip(OPTION_IDS, cost_tables, strict=True):
        for line, row in zip(ev.options[key].lines, table["rows"], strict=True):
            checked.append((line.total, row[2]))
    for raw, cell in checked:
        assert ("万元" in cell) == (raw >= 10_000), (raw, cell)
        tolerance = 500 if raw >= 10_000 else 0.5
        assert abs(zh_money(cell) - raw) <= tolerance, (raw, cell)
    assert any(raw >= 10_000 for raw, _ in checked) and any(raw < 10_000 for raw, _ in checked)


def test_english_report_writes_cny_with_its_code() -> None:
    """In en, CNY amounts carry the currency code and thousands separators."""
    path = bundled_dir("scenarios") / f"{SNAPSHOT_SCENARIO}.yaml"
    ev = evaluation(path)
    _, body = split_front_matter(report(path, "--date", SNAPSHOT_DATE))
    (options,) = tables(sections(parse(body))[term("report.options", "en")], body)
    for key, row in zip(OPTION_IDS, options["rows"], strict=True):
        m = re.fullmatch(r"CNY (\d{1,3}(?:,\d{3})*)", row[4])
        assert m, row[4]
        assert abs(int(m.group(1).replace(",", "")) - ev.options[key].total) <= 0.5
