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
import hashlib
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

from gateway_roi.app import app
from gateway_roi.files.loading import load_scenario_file
from gateway_roi.files.resources import bundled_dir, bundled_scenarios
from gateway_roi.model.assumptions import ASSUMPTIONS
from gateway_roi.model.evaluation import Evaluation, assess
from gateway_roi.model.facts import bundled_facts
from gateway_roi.model.uncertainty import analyse
from gateway_roi.options import OPTION_IDS
from gateway_roi.outputs.charts import OPTION_COLOURS
from gateway_roi.outputs.report import MAX_REPORT_CHARS, render_record
from gateway_roi.outputs.report_data import currency_name
from gateway_roi.outputs.wording import depends, reach
from gateway_roi.words.i18n import LANGS, Lang, Phrase, format_number, term, translate_plain
from gateway_roi.words.notes_zh import english_left, translate_note

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
SNAPSHOT_SCENARIO = "regulated-data-stays"
SNAPSHOT_DATE = "2026-11-27"
# MADR 4's sections (h2), then ours under "More Information" (h3); MADR's Consequences and
# Confirmation are h3 under the outcome, and each option has an h3 under Pros and Cons.
H2_KEYS = ("context", "drivers", "options", "outcome", "pros_cons", "more_info")
OUTCOME_KEYS = ("consequences", "confirmation")
MORE_INFO_KEYS = ("timeline", "risk", "uncertainty", "tripwires", "cost_detail", "assumptions",
                  "facts")
SECTION_KEYS = (*H2_KEYS, *OUTCOME_KEYS, *MORE_INFO_KEYS)
# Tables each section holds: options, the chart's legend and figures, risk, the spread and the
# tornado (every bundled scenario has ranges), one cost-detail table per option, assumptions.
TABLES_PER_SECTION = {"options": 1, "timeline": 2, "risk": 1, "uncertainty": 2,
                      "cost_detail": len(OPTION_IDS), "assumptions": 1, "facts": 1}
TEMPLATE_SYNTAX = ("{{", "}}", "{%", "%}", "{#", "#}")
HOSTILE = "A | B <script>alert(1)</script> *bold* [link](http://x)"

runner = CliRunner()
md = MarkdownIt("commonmark").enable(["table", "strikethrough"])


# --- helpers ------------------------------------------------------------------------------------


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def report(*args: str | Path) -> str:
    """`report`'s stdout. A bundled scenario's record, written nowhere, is rendered once per
    set of options: it is the same text each time (a fixed seed and date), and dozens of tests
    read it."""
    options = {str(a) for a in args[1:] if str(a).startswith("-")}
    if args and Path(args[0]).parent == bundled_dir("scenarios") and options <= _READ_ONLY:
        return _bundled_report(*map(str, args))
    return _report(*args)


_READ_ONLY = {"--lang", "--date", "--draws", "--format", "-f"}


def _report(*args: str | Path) -> str:
    code, out, err = run("report", *args)
    assert code == 0, err
    assert err == ""
    return out


_bundled_report = functools.cache(_report)


@functools.cache
def evaluation(path: Path) -> Evaluation:
    """The scenario as `report` evaluates it by default (sampled: 10,000 draws, seed 2026)."""
    return assess(load_scenario_file(path), draws=10_000, seed=2026)


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


def expected_headings(path: Path, lang: Lang) -> list[tuple[int, str]]:
    """The h2/h3 sequence of a record: MADR's, each option's, then ours under More Information."""
    return ([(2, term(f"report.{k}", lang)) for k in H2_KEYS[:4]]
            + [(3, term(f"report.{k}", lang)) for k in OUTCOME_KEYS]
            + [(2, term("report.pros_cons", lang))]
            + [(3, term(f"option.{k}", lang)) for k in OPTION_IDS]
            + [(2, term("report.more_info", lang))]
            + [(3, term(f"report.{k}", lang)) for k in MORE_INFO_KEYS])


def sections(tokens: list[Token]) -> dict[str, list[Token]]:
    """The tokens under each h2 or h3 (up to the next one), keyed by its heading text."""
    out: dict[str, list[Token]] = {}
    current: str | None = None
    in_heading = False
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag in {"h1", "h2", "h3"}:
            current = tokens[i + 1].content if tok.tag != "h1" else None
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
    assert fm["status"] == "proposed"  # MADR's word, whatever the language
    assert fm["date"] == SNAPSHOT_DATE
    if ev.scenario.decision_makers:
        assert fm["decision-makers"] == list(ev.scenario.decision_makers)
    found = headings(parse(body), max_level=3)
    assert found[0][0] == 1
    title = found[0][1]
    assert title.startswith(term("report.question", lang))
    # A verdict an unknown answer flips is titled by what it depends on; its headline then
    # opens the first paragraph (issue 22, point 2).
    shown = depends(ev, lang) if ev.unknowns and depends(ev, lang) else ""
    if shown:
        assert shown[1:] in title
        assert ev.decision.headline.text(lang) in body.split("\n## ", 1)[0]
    else:
        assert ev.decision.headline.text(lang) in title
    assert found[1:] == expected_headings(path, lang)


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
    expected.update({term(f"option.{k}", lang): 0 for k in OPTION_IDS})
    assert per_section == expected
    options_table = tables(sections(tokens)[term("report.options", lang)], body)[0]
    assert [re.search(r"`(\w+)`", row[0]).group(1) for row in options_table["rows"]] == list(OPTION_IDS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_no_template_syntax_is_left_in_the_report(path: Path, lang: Lang) -> None:
    """No `{{`, `}}`, `{%`, `%}` or jinja comment survives into a bundled report."""
    text = report(path, "--lang", lang, "--date", SNAPSHOT_DATE)
    assert [s for s in TEMPLATE_SYNTAX if s in text] == []


def from_start(ev: Evaluation, key: str) -> tuple[float, ...]:
    """An option's cumulative cost from month 0 (before anything recurring) to the horizon."""
    o = ev.options[key]
    start = getattr(o, "cumulative_from_start", None)
    return tuple(start) if start is not None else (0.0, *o.cumulative)


def total_column(table: dict[str, Any], lang: Lang, months: int) -> int:
    """Index of the "Total over N months" column of a table."""
    label = Phrase("report.total", {"months": months}).text(lang)
    return next(i for i, h in enumerate(table["header"]) if h.startswith(label))


def chart_config(content: str) -> tuple[dict[str, Any], list[str]]:
    """A mermaid block's front-matter config and its statement lines."""
    lines = content.splitlines()
    config: dict[str, Any] = {}
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        config = yaml.safe_load("\n".join(lines[1:end]))["config"]
        lines = lines[end + 1:]
    return config, [ln.strip() for ln in lines if ln.strip()]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_cost_chart_is_well_formed_and_matches_its_tables(path: Path, lang: Lang) -> None:
    """The cost chart starts at month 0, plots money in a named unit, and its tables agree.

    Its palette gives each option the colour the legend names, the legend marks the
    recommended option, and the figures table shows the same amounts as the lines.
    """
    ev = evaluation(path)
    _, body = split_front_matter(report(path, "--lang", lang, "--date", SNAPSHOT_DATE))
    tokens = parse(body)
    timeline = sections(tokens)[term("report.timeline", lang)]
    (fence,) = mermaid(timeline)
    config, lines = chart_config(fence.content)
    palette = [c.strip() for c in config["themeVariables"]["xyChart"]["plotColorPalette"].split(",")]
    assert palette == [OPTION_COLOURS[k].hex for k in OPTION_IDS]
    assert lines[0] == "xychart-beta"
    assert re.fullmatch(r'title "[^"\n]+"', lines[1])
    months = ev.scenario.horizon_months
    assert lines[2] == f'x-axis "{term("report.month", lang)}" 0 --> {months}'
    y = re.fullmatch(r'y-axis "([^"\n]+)" 0 --> ([\d.]+)', lines[3])
    assert y, lines[3]
    unit = y.group(1)
    units = {"百万": 1e6, "千": 1e3, "万": 1e4, "M": 1e6, "k": 1e3}  # longest first
    divisor = next((d for u, d in units.items() if u in unit), 1)
    assert ev.scenario.currency in unit or (lang == "zh" and "元" in unit)
    series = []
    for ln in lines[4:]:
        m = re.fullmatch(r"line \[([^\]]*)\]", ln)
        assert m, f"unexpected line in the chart: {ln!r}"
        series.append([float(v) for v in re.split(r",\s*", m.group(1))])
    assert len(series) == len(OPTION_IDS)
    for key, points in zip(OPTION_IDS, series, strict=True):
        # Month 0, then what was paid by the end of each month: up-front costs are the step
        # a line starts with.
        cumulative = from_start(ev, key)
        assert len(points) == months + 1 == len(cumulative)
        assert all(0 <= v <= float(y.group(2)) for v in points)
        for m in (0, 1, months):
            assert abs(points[m] * divisor - cumulative[m]) <= divisor / 1000
    legend, figures = tables(timeline, body)
    chosen = ev.decision.option
    for key, row in zip(OPTION_IDS, legend["rows"], strict=True):
        colour = OPTION_COLOURS[key]
        assert row[0] == f"{colour.swatch} {colour.zh if lang == 'zh' else colour.en}"
        assert f"`{key}`" in row[1]
        assert (term("report.recommended", lang) in row[1]) == (key == chosen)
        assert number(row[2]) == round(ev.options[key].total)
    assert figures["header"] == [term("report.month", lang)] + [f"`{k}`" for k in OPTION_IDS]
    shown = [number(row[0]) for row in figures["rows"]]
    assert shown[:2] == [0, 1] and shown[-1] == months and shown == sorted(set(shown))
    for col, key in enumerate(OPTION_IDS, start=1):
        cumulative = from_start(ev, key)
        assert [number(row[col]) for row in figures["rows"]] == [round(cumulative[m]) for m in shown]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_tornado_is_scaled_against_the_margin_or_left_out(path: Path, lang: Lang) -> None:
    """Each bar is how much of the decision's margin the input's worse end uses up, next to a
    100% line: a bar reaches the line only when that input alone reverses the cost ranking.

    The chart is left out for a single bar, and when no bar reaches a tenth of the margin.
    """
    ev = evaluation(path)
    u = ev.uncertainty
    assert u is not None and u.tornado
    _, body = split_front_matter(report(path, "--lang", lang, "--date", SNAPSHOT_DATE))
    section = sections(parse(body))[term("report.uncertainty", lang)]
    fences = mermaid(section)
    margin = abs(ev.options[u.runner_up].total - ev.options[ev.decision.option].total)
    assert margin == pytest.approx(abs(u.margin))
    shares = [100 * reach(b, u.margin).share for b in u.tornado]
    for b, share in zip(u.tornado, shares, strict=True):
        crosses = (min(b.gap_at_low, b.gap_at_high) <= 0 if u.margin > 0
                   else max(b.gap_at_low, b.gap_at_high) >= 0)
        assert (share >= 100) == crosses, b
    if len(shares) < 2 or max(shares) < 10:
        assert fences == []
        return
    (fence,) = fences
    config, lines = chart_config(fence.content)
    assert lines[0] == "xychart-beta horizontal"
    assert config["xyChart"]["height"] < 60 + 60 * len(shares)  # no 500 px for a few bars
    bars = re.fullmatch(r"bar \[([^\]]*)\]", lines[4])
    assert bars, lines
    assert [float(v) for v in bars.group(1).split(", ")] == pytest.approx(shares, abs=0.06)
    assert lines[5] == "line [" + ", ".join("100" for _ in shares) + "]"
    top = float(re.fullmatch(r'y-axis "%" 0 --> ([\d.]+)', lines[3]).group(1))
    assert max(100, *shares) <= top <= 1.5 * max(100, *shares)


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
    - name: "*bold*"
      share: 0
    - name: {json.dumps("[link](http://x)" + chr(10) + "x")}
      share: 0
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
    # The only HTML is the template's own: folding blocks and the closing marker comment.
    own_html = re.compile(r"(<details>\n<summary>\w+ · [^<>]*</summary>|</details>"
                          r"|<!-- gateway-roi decision record[^<>]*-->)\n?")
    assert [t.content for t in flat if t.type.startswith("html")
            and not own_html.fullmatch(t.content)] == []
    # The only markup is the template's own: bold names of drivers, cost lines, the choice.
    ev = evaluation(path)
    own_bold = {term(f"option.{ev.decision.option}", lang)} | {
        d["driver"] for d in report_json(path, "--lang", lang)["reports"][0]["drivers"]} | {
        translate_note(translate_plain(ln.label, lang), lang)
        for o in ev.options.values() for ln in o.lines}
    marked = [(t.type, inline.children[i + 1].content)
              for inline in flat if inline.type == "inline" and inline.children
              for i, t in enumerate(inline.children)
              if t.type in {"em_open", "strong_open", "link_open", "s_open"}]
    assert marked and {kind for kind, _ in marked} == {"strong_open", "link_open"}
    assert {text for kind, text in marked if kind == "strong_open"} <= own_bold
    # The only links are the template's own: the vendors' pages the facts cite.
    sources = {f.source for o in ev.options.values() for f in o.facts}
    links = [t.attrs["href"] for t in flat if t.type == "inline" and t.children
             for t in t.children if t.type == "link_open"]
    assert links and set(links) <= sources
    html = md.render(body)
    assert "<script" not in html
    assert "<em>" not in html and 'href="http://x"' not in html
    # Still there, shown as written.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "*bold*" in html and "[link](http://x)" in html and "*deep*seek" in html
    assert "A | B" in html
    # The newlines did not start new blocks: same headings, tables intact.
    assert headings(tokens, max_level=3)[1:] == expected_headings(path, lang)
    assert table_width_problems(tables(tokens, body)) == []
    # Our estimates are ranges, so even a scenario of plain numbers has its "how sure" tables.
    assert len(tables(tokens, body)) == sum(TABLES_PER_SECTION.values())


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


def without_provenance(text: str) -> str:
    """A record less what it keeps about where its scenario is (the marker's JSON)."""
    head, sep, tail = text.rpartition(" {")
    return head if sep and tail.rstrip().endswith("-->") else text


def provenance_of(text: str) -> dict[str, Any]:
    """The provenance a record's marker comment holds."""
    last = text.rstrip().split("\n")[-1]
    data: dict[str, Any] = json.loads(last[last.index(" {") + 1:last.rindex("-->")])
    return data


def test_render_record_matches_the_command() -> None:
    """render_record gives what `gateway-roi report` prints (sampled or not), but for the
    scenario's place and digest, which only the command knows."""
    path = bundled_dir("scenarios") / f"{SNAPSHOT_SCENARIO}.yaml"
    today = dt.date.fromisoformat(SNAPSHOT_DATE)
    ev = dataclasses.replace(evaluation(path), uncertainty=None)  # as --draws 0 leaves it
    text = render_record(ev, lang="zh", today=today)
    printed = report(path, "--lang", "zh", "--date", SNAPSHOT_DATE, "--draws", "0")
    assert without_provenance(text) == without_provenance(printed)
    assert provenance_of(text)["scenario"] is None
    assert provenance_of(printed)["scenario"] == os.path.relpath(path).replace(os.sep, "/")
    assert provenance_of(printed)["base"] == "cwd"  # printed: relative to where it ran
    sampled = dataclasses.replace(ev, uncertainty=analyse(ev, draws=500, seed=3))
    assert without_provenance(render_record(sampled, lang="zh", today=today)) == (
        without_provenance(report(path, "--lang", "zh", "--date", SNAPSHOT_DATE, "--draws",
                                  "500", "--seed", "3")))


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
        [sys.executable, "-c", limit + "from gateway_roi.app import main; main()",
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
    written = target.read_text(encoding="utf-8")
    assert without_provenance(written) == without_provenance(report(SCENARIO, "--date",
                                                                    SNAPSHOT_DATE))
    # The record names its scenario relative to itself, and the digest of its bytes.
    kept = provenance_of(written)
    assert (target.parent / kept["scenario"]).resolve() == SCENARIO.resolve()
    assert kept["base"] == "record"
    assert kept["scenario_sha256"] == "sha256:" + hashlib.sha256(SCENARIO.read_bytes()).hexdigest()
    target.write_text("my edits\n", encoding="utf-8")
    code, out, err = run("report", SCENARIO, "-o", target, "--lang", "zh")
    assert code == 1
    assert str(target) in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "my edits\n"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left
    code, _, err = run("report", SCENARIO, "-o", target, "--force", "--lang", "zh")
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith('---\nstatus: "proposed"')


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
    # Written as asked but no such day: the message says so instead of how to write it.
    code, out, err = run("report", SCENARIO, "--date", "2026-02-29")
    assert code == 2
    assert out == "" and "no such date" in err and "write the date as" not in err


def test_json_format_carries_what_the_bundled_template_uses() -> None:
    """--format json prints {"schema_version": 1, "reports": [...]} with all the template reads."""
    doc = report_json("--examples", "--date", SNAPSHOT_DATE)
    assert set(doc) == {"schema_version", "reports"}
    assert doc["schema_version"] == 1
    assert len(doc["reports"]) == len(BUNDLED)
    source = (bundled_dir("templates") / "report.md.j2").read_text(encoding="utf-8")
    env = jinja2.Environment()
    for name in ("cell", "yaml", "pad", "chart_label"):
        env.filters[name] = str
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
    col = total_column(options, "zh", data["horizon_months"])
    assert [row[col] for row in options["rows"]] == [o["total"] for o in data["options"]]


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


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_money_columns_name_the_currency_and_keep_figures_bare(path: Path, lang: Lang) -> None:
    """Every money column says its currency in the header; its cells are bare figures.

    So narrow columns never wrap "44,517 美 / 元", and a table never mixes 万元 and 元.
    """
    ev = evaluation(path)
    cur = ev.scenario.currency
    header_mark = f"（{currency_name(cur, lang)}）" if lang == "zh" else f"({cur})"
    _, body = split_front_matter(report(path, "--lang", lang, "--date", SNAPSHOT_DATE))
    found = tables(parse(body), body)
    money_columns = 0
    for table in found:
        money = [col for col, head in enumerate(table["header"]) if head.endswith(header_mark)]
        money_columns += len(money)
        for row in table["rows"]:
            for col, cell in enumerate(row):
                if col in money:
                    assert re.fullmatch(r"-?\d{1,3}(,\d{3})*", cell), (table["header"][col], cell)
                elif money:  # one money style per table: no amount elsewhere in it
                    assert not re.search(r"\d ?(万元|元|美元|欧元)|CNY \d|USD \d|\$\d", cell), cell
    # options (one column per kind of cost, and the total), legend, risk, spread (3),
    # tornado (3), one per cost-detail table
    kinds = {line.kind for o in ev.options.values() for line in o.lines}
    assert money_columns == len(kinds) + 1 + 1 + 1 + 3 + 3 + len(OPTION_IDS)
    (options,) = tables(sections(parse(body))[term("report.options", lang)], body)
    col = total_column(options, lang, ev.scenario.horizon_months)
    for key, row in zip(OPTION_IDS, options["rows"], strict=True):
        assert abs(number(row[col]) - ev.options[key].total) <= 0.5


def test_prose_writes_money_as_each_language_does() -> None:
    """Sentences keep the currency: `CNY 250` in English, `250 元` / `x.y 万元` in Chinese."""
    path = bundled_dir("scenarios") / f"{SNAPSHOT_SCENARIO}.yaml"
    assert evaluation(path).scenario.currency == "CNY"
    en = report(path, "--date", SNAPSHOT_DATE)
    zh = report(path, "--lang", "zh", "--date", SNAPSHOT_DATE)
    assert "one engineer hour costs CNY 250" in en
    assert "一个工程师小时的成本为 250 元" in zh
    assert re.search(r"\d+\.\d 万元", zh) and not re.search(r"CNY \d", zh)


# --- Chinese records read in Chinese ------------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_chinese_cost_detail_and_sources_have_no_english_sentence(path: Path) -> None:
    """Formulas' prose, notes, fee labels and the defaults' sources are translated in zh.

    Identifiers, figures, product names and titles of cited works may stay.
    """
    _, body = split_front_matter(report(path, "--lang", "zh", "--date", SNAPSHOT_DATE))
    parts = sections(parse(body))
    read: list[str] = []
    for tok in all_tokens(parts[term("report.cost_detail", "zh")]):
        if tok.type == "inline":
            read.append(tok.content)
    (assumptions,) = tables(parts[term("report.assumptions", "zh")], body)
    read += [row[2] for row in assumptions["rows"]]
    assert read
    assert {text: english_left(text) for text in read if english_left(text)} == {}


def test_every_vendor_plan_and_default_source_has_a_chinese_form() -> None:
    """Whatever plan a scenario prices, its fee lines and notes read in Chinese."""
    texts = {a.source for a in ASSUMPTIONS.values()}
    plans = [(p.id, plan) for p in bundled_facts().saas() for plan in p.plans]
    for path in BUNDLED:
        scenario = load_scenario_file(path)
        for vendor, plan in plans:
            ev = assess(scenario.model_copy(update={"buy": scenario.buy.model_copy(
                update={"vendor": vendor, "plan": plan})}), tripwires=False)
            for o in ev.options.values():
                for line in o.lines:
                    texts |= {line.formula, line.note, translate_plain(line.label, "zh")}
    left = {t: english_left(translate_note(t, "zh")) for t in texts if t}
    assert {t: w for t, w in left.items() if w} == {}
    # The check itself sees English when it is there.
    assert english_left("x 730 h/month; an outage hits only the services on that provider")


def test_a_value_taken_from_a_range_says_so() -> None:
    """`services = 18.2` is the likely value of the range the scenario gives, and says so."""
    path = bundled_dir("scenarios") / f"{SNAPSHOT_SCENARIO}.yaml"
    written = evaluation(path).inputs.inputs["services"].written
    assert written is not None and not written.is_fixed
    en = report(path, "--date", SNAPSHOT_DATE)
    zh = report(path, "--lang", "zh", "--date", SNAPSHOT_DATE)
    value = format_number(evaluation(path).inputs.values["services"])
    low, high = format_number(written.low), format_number(written.high)
    assert f"`services` = {value} services (likely value of the range {low} to {high}; scenario)" in en
    assert f"`services` = {value} 个服务（区间 {low} 至 {high} 的最可能值；场景）" in zh


def test_not_feasible_reasons_use_words_not_ids() -> None:
    """Why an option is ruled out reads in words in every language, never as raw ids."""
    for path in BUNDLED:
        for lang in LANGS:
            _, body = split_front_matter(report(path, "--lang", lang, "--date", SNAPSHOT_DATE))
            (options,) = tables(sections(parse(body))[term("report.options", lang)], body)
            for row in options["rows"]:
                assert not re.search(r"[a-z]+_[a-z_]+", row[-1]), row[-1]


def test_both_catalogs_name_the_same_phrases() -> None:
    """Every English phrase has its Chinese form and the reverse: no reader meets a bare key."""
    from gateway_roi.words.en import EN
    from gateway_roi.words.zh import ZH

    assert set(EN) - set(ZH) == set()
    # Chinese alone names currencies in words (English writes $, €, £).
    assert {k for k in set(ZH) - set(EN) if not k.startswith("currency.")} == set()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_self_run_gateway_no_one_can_run_says_so_in_its_pros_and_cons(lang: str) -> None:
    """Without a platform team on a 24x7 rotation, the record's self-host and build sections
    say that no one here can run them; with one, they do not."""
    phrase = {"en": "no one here can run it", "zh": "这里没有人能日夜运维它"}[lang]
    bundled = bundled_dir("scenarios")
    no_ops = assess(load_scenario_file(bundled / "regulated-no-ops-team.yaml"))
    text = render_record(no_ops, lang=lang)
    sections = re.split(r"^### ", text, flags=re.M)
    said = {s.splitlines()[0] for s in sections if phrase in s}
    assert len(said) == 2, said  # self_host and build, nothing else
    stock = assess(load_scenario_file(bundled / "regulated-data-stays.yaml"))
    assert phrase not in render_record(stock, lang=lang)


def test_every_default_is_named_in_words_in_both_languages() -> None:
    """Any estimate can reach a tornado bar or a first line now that all are sampled: each is
    named in words in English and Chinese, never as its id."""
    from gateway_roi.model.assumptions import ASSUMPTIONS
    from gateway_roi.words.inputs import INPUT_WORDS, input_words

    for name in ASSUMPTIONS:
        assert name in INPUT_WORDS, name
        assert not re.search(r"[A-Za-z]{4,} [a-z]{3,}", input_words(name, "zh")), name


def test_the_risk_table_costs_the_same_parts_as_its_availability() -> None:
    """A redaction step in series with every call lowers the availability shown, so its
    downtime is in the cost beside it too (fintech-redacts-in-house)."""
    from gateway_roi.outputs.report_data import report_data

    path = next(p for p in bundled_scenarios() if p.stem == "fintech-redacts-in-house")
    ev = assess(load_scenario_file(path), tripwires=False)
    rows = {o["id"]: o for o in report_data(ev)["options"]}
    years = ev.scenario.horizon_months / 12
    for key in OPTION_IDS:
        parts = [ln.total for ln in ev.options[key].lines
                 if ln.id in {"provider_downtime", "gateway_downtime", "redaction_downtime"}]
        assert any(ln.id == "redaction_downtime" for ln in ev.options[key].lines)
        assert rows[key]["downtime_cost_per_year"] == f"{sum(parts) / years:,.0f}"
