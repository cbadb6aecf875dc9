"""Decision records as ADR tools and renderers read them.

* MADR 4: every bundled record, in both languages, has the shape of MADR 4.0.0's own template
  (tests/madr/adr-template.md): its front-matter keys and status values, its heading sequence,
  its sentence forms ("Chosen option: ...", "Good, because ...").
* log4brains 1.1: its own reader (@log4brains/core) finds the status, date and deciders of
  records written with ``--style log4brains``, and follows ``--supersedes``.
* mermaid 11 in headless Chromium parses and draws every chart of every bundled record.

The last two need node and the packages of tests/js (``npm ci --prefix tests/js``), the
second also Chromium; without them they skip with a message, unless REQUIRE_RECORD_TOOLS=1
(as .ci/run sets), where a missing tool is a failure.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.files.resources import bundled_scenarios
from gateway_roi.options import OPTION_IDS
from gateway_roi.words.i18n import LANGS, Lang, term

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "tests" / "js"
MADR_TEMPLATE = ROOT / "tests" / "madr" / "adr-template.md"
DATE = "2026-11-27"
BUNDLED = bundled_scenarios()
_COVERING = ("own-models-next-to-providers", "rotation-unknown")
"""Two bundled scenarios that between them hold every kind of section a record has (a quote
estimate, the tornado and both charts; unknown answers; a recommendation with ruled-out
gateways): the default run reads their records; CI's ``-m slow`` run reads every one."""
EVERY = [pytest.param(False, id="two-scenarios"),
         pytest.param(True, id="every-scenario", marks=pytest.mark.slow)]


def _scenarios(every: bool) -> list[Path]:
    return list(BUNDLED) if every else [p for p in BUNDLED if p.stem in _COVERING]


BUNDLED_IDS = [p.stem for p in BUNDLED]
# Keys of ours after MADR's own: the scenario a record was computed from.
OUR_KEYS = ("scenario",)

runner = CliRunner()
md = MarkdownIt("commonmark").enable(["table"])


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@functools.cache
def record(path: Path, lang: Lang) -> str:
    code, out, err = run("report", path, "--lang", lang, "--date", DATE)
    assert code == 0, err
    return out


def split_front_matter(text: str) -> tuple[dict[str, Any], list[str], str]:
    assert text.startswith("---\n"), text[:60]
    end = text.index("\n---\n", 3)
    block = text[4:end]
    keys = [ln.split(":", 1)[0] for ln in block.splitlines()
            if ln and not ln.startswith((" ", "#"))]
    data = yaml.safe_load(block) or {}
    return data, keys, text[end + len("\n---\n"):]


def headings(body: str) -> list[tuple[int, str]]:
    tokens = md.parse(body)
    return [(int(t.tag[1]), tokens[i + 1].content) for i, t in enumerate(tokens)
            if t.type == "heading_open"]


def list_items(body: str, under: str) -> list[str]:
    """Text of the top-level list items directly under the heading ``under``."""
    tokens = md.parse(body)
    items: list[str] = []
    inside = False
    depth = 0
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            inside = tokens[i + 1].content == under
        elif inside and t.type == "bullet_list_open":
            depth += 1
        elif inside and t.type == "bullet_list_close":
            depth -= 1
        elif inside and depth == 1 and t.type == "inline" and tokens[i - 1].type == "paragraph_open":
            items.append(t.content)
    return items


# --- MADR 4.0.0's template, read once -----------------------------------------------------


@functools.cache
def madr() -> dict[str, Any]:
    """What MADR 4's template prescribes: keys, statuses, headings, sentence forms."""
    text = MADR_TEMPLATE.read_text(encoding="utf-8")
    end = text.index("\n---\n", 3)
    front = [ln for ln in text[4:end].splitlines() if ln and not ln.startswith("#")]
    keys = [ln.split(":", 1)[0] for ln in front]
    status_line = next(ln for ln in front if ln.startswith("status:"))
    # status: "{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123"
    values = [v.strip(' "{}') for v in status_line.split(":", 1)[1].split("|")]
    statuses = [v for v in values if v and v != "…" and not v.startswith("superseded by")]
    assert any(v.startswith("superseded by") for v in values)
    body = text[end + len("\n---\n"):]
    found = headings(body)
    outcome = re.search(r"^Chosen option: \"\{[^}]+\}\", because", body, re.MULTILINE)
    assert outcome
    return {
        "keys": keys,
        "statuses": statuses,
        "headings": found,
        "consequence_markers": sorted(set(re.findall(r"^\* (Good|Bad), because", body,
                                                      re.MULTILINE))),
        "pros_cons_markers": sorted(set(re.findall(r"^\* (Good|Neutral|Bad), because", body,
                                                    re.MULTILINE))),
    }


def our_heading_keys() -> dict[str, str]:
    """Our heading keys by MADR's heading text (each MADR heading has exactly one of ours)."""
    keys = ("context", "drivers", "options", "outcome", "consequences", "confirmation",
            "pros_cons", "more_info")
    by_text = {term(f"report.{k}", "en"): k for k in keys}
    madr_texts = [h for _, h in madr()["headings"] if not h.startswith("{")]
    assert sorted(by_text) == sorted(madr_texts), "our MADR headings differ from MADR 4's"
    return by_text


def test_the_template_is_madr_4() -> None:
    """The vendored template is MADR 4.0.0's: the keys and headings this file checks against."""
    m = madr()
    assert m["keys"] == ["status", "date", "decision-makers", "consulted", "informed"]
    assert m["statuses"] == ["proposed", "rejected", "accepted", "deprecated"]
    assert [lvl for lvl, _ in m["headings"]] == [1, 2, 2, 2, 2, 3, 3, 2, 3, 3, 2]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_record_has_madr_4_front_matter(path: Path, lang: Lang) -> None:
    """MADR's keys in MADR's order, then ours; status is one of MADR's words, in English."""
    data, keys, _ = split_front_matter(record(path, lang))
    madr_keys = [k for k in keys if k not in OUR_KEYS]
    order = madr()["keys"]
    assert madr_keys == [k for k in order if k in madr_keys], keys
    assert keys[:len(madr_keys)] == madr_keys  # ours come after MADR's
    assert data["status"] in madr()["statuses"]
    assert str(data["date"]) == DATE
    for key in ("decision-makers", "consulted", "informed"):
        if key in data:
            assert isinstance(data[key], list) and all(isinstance(p, str) for p in data[key])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_record_follows_madr_4_heading_sequence(path: Path, lang: Lang) -> None:
    """MADR's headings in its order and levels; one h3 per considered option; ours last.

    English records use MADR's words exactly; Chinese records translate them one for one
    (the choice documented in the README: Chinese records are for readers, while front
    matter and status, which tools read, stay in English).
    """
    _, _, body = split_front_matter(record(path, lang))
    found = headings(body)
    by_text = our_heading_keys()
    options = [term(f"option.{k}", lang) for k in OPTION_IDS]
    expected: list[tuple[int, str]] = []
    for level, text in madr()["headings"][1:]:
        if text.startswith("{title of"):
            if not any(h == (3, options[0]) for h in expected):
                expected += [(3, o) for o in options]
            continue
        expected.append((level, term(f"report.{by_text[text]}", lang)))
    title, rest = found[0], found[1:]
    assert title[0] == 1
    ours = [term(f"report.{k}", lang) for k in ("timeline", "risk", "uncertainty", "tripwires",
                                                "cost_detail", "assumptions", "facts")]
    assert rest == expected + [(3, h) for h in ours]
    if lang == "en":
        assert [h for h in rest if h[0] == 2] == [h for h in madr()["headings"] if h[0] == 2]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", BUNDLED, ids=BUNDLED_IDS)
def test_record_uses_madr_4_sentence_forms(path: Path, lang: Lang) -> None:
    """Considered options are a list of titles; the outcome names one of them as MADR does.

    Consequences are "Good, because ..." / "Bad, because ..." bullets, pros and cons also
    "Neutral, because ..." (in Chinese 优点：/ 缺点：/ 中性：).
    """
    _, _, body = split_front_matter(record(path, lang))
    titles = list_items(body, term("report.options", lang))
    assert titles == [term(f"option.{k}", lang) for k in OPTION_IDS]
    outcome = re.compile(r'^Chosen option: "(.+?)", because (.+)$' if lang == "en"
                         else r"^选定方案：“(.+?)”，因为(.+)$", re.MULTILINE)
    chosen = outcome.findall(body)
    assert len(chosen) == 1 and chosen[0][0] in titles
    markers = {k: term(f"report.pc.{k}", lang) for k in ("good", "bad", "neutral")}
    consequences = list_items(body, term("report.consequences", lang))
    assert consequences
    assert madr()["consequence_markers"] == ["Bad", "Good"]
    for item in consequences:
        assert item.startswith((markers["good"], markers["bad"])), item
    for title in titles:
        items = list_items(body, title)
        assert items, title
        for item in items:
            assert item.startswith(tuple(markers.values())), item
    if lang == "en":
        assert madr()["pros_cons_markers"] == ["Bad", "Good", "Neutral"]
        assert set(markers.values()) == {f"{m}, because" for m in madr()["pros_cons_markers"]}


def test_status_and_people_flags_set_the_front_matter(tmp_path: Path) -> None:
    """--status, --date, --deciders, --consulted and --informed go into MADR's keys."""
    code, out, err = run("report", BUNDLED[0], "--lang", "zh", "--status", "accepted",
                         "--date", "2026-01-02", "--deciders", "Ann, Bo", "--deciders", "Cy",
                         "--consulted", "Security", "--informed", "All engineers, Finance")
    assert code == 0, err
    data, keys, _ = split_front_matter(out)
    assert keys == ["status", "date", "decision-makers", "consulted", "informed", "scenario"]
    assert data["status"] == "accepted" and str(data["date"]) == "2026-01-02"
    assert data["decision-makers"] == ["Ann", "Bo", "Cy"]
    assert data["consulted"] == ["Security"]
    assert data["informed"] == ["All engineers", "Finance"]
    code, out, err = run("report", BUNDLED[0], "--deciders", "")
    assert code == 0, err
    assert "decision-makers" not in split_front_matter(out)[1]


@pytest.mark.parametrize("status", ["draft", "提议中", "Accepted", "superseded"])
def test_a_status_outside_madr_is_refused(status: str) -> None:
    """A status MADR does not know is a usage error naming MADR's values."""
    code, out, err = run("report", BUNDLED[0], "--status", status)
    assert code == 2 and out == ""
    assert "proposed, rejected, accepted, deprecated" in err


# --- external tools -----------------------------------------------------------------------


def _tool_missing(why: str) -> None:
    if os.environ.get("REQUIRE_RECORD_TOOLS") == "1":
        pytest.fail(f"{why} (REQUIRE_RECORD_TOOLS=1: CI must run this test)")
    pytest.skip(why)


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        _tool_missing("node is not installed; install node and run `npm ci --prefix tests/js`")
    assert node is not None
    return node


def _package(name: str) -> None:
    if not (JS / "node_modules" / name / "package.json").is_file():
        _tool_missing(f"{name} is not installed; run `npm ci --prefix tests/js`")


def _chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    _tool_missing("Chromium is not installed (Debian: apt-get install chromium)")
    return ""


def _log4brains_log(folder: Path) -> Path:
    (folder / "adr").mkdir(parents=True)
    (folder / ".log4brains.yml").write_text(
        "project:\n  name: records\n  tz: UTC\n  adrFolder: ./adr\n", encoding="utf-8")
    return folder / "adr"


def _read_log4brains(node: str, folder: Path) -> dict[str, dict[str, Any]]:
    proc = subprocess.run([node, str(JS / "read_log4brains.mjs"), str(folder)],
                          capture_output=True, text=True, cwd=folder, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return {a["slug"]: a for a in json.loads(proc.stdout)}


@pytest.mark.parametrize("every", EVERY)
def test_log4brains_reads_status_date_and_deciders(tmp_path: Path, every: bool) -> None:
    """log4brains' own reader finds what each record states, and follows --supersedes."""
    node = _node()
    _package("@log4brains/core")
    log = _log4brains_log(tmp_path)
    scenarios = _scenarios(every)
    for path, lang in zip(scenarios, ["en", "zh"] * len(scenarios), strict=False):
        # Unsampled (--draws 0): log4brains reads the header, not the figures.
        code, _, err = run("report", path, "--style", "log4brains", "--into", log, "--lang",
                           lang, "--date", DATE, "--status", "accepted", "--draws", "0")
        assert code == 0, err
    first = sorted(log.iterdir())[0].stem
    code, _, err = run("report", scenarios[0], "--style", "log4brains", "--into", log,
                       "--date", "2026-11-28", "--supersedes", first,
                       "--deciders", "Ann, Bo", "--draws", "0")
    assert code == 0, err
    adrs = _read_log4brains(node, tmp_path)
    assert len(adrs) == len(scenarios) + 1
    newest = next(s for s in adrs if s.startswith("20261128-"))
    for slug, adr in adrs.items():
        assert re.fullmatch(r"\d{8}-[a-z0-9-]+", slug)
        if slug == newest:
            assert adr["status"] == "proposed"
            assert adr["deciders"] == ["Ann", "Bo"]
            assert adr["publicationDate"].startswith("2026-11-28")
            continue
        assert adr["publicationDate"].startswith(DATE), adr
        if slug == first:
            assert adr["status"] == "superseded" and adr["supersededBy"] == newest
        else:
            assert adr["status"] == "accepted"
        assert adr["deciders"], slug
    # Deciders as the scenarios name them, in order.
    decision_makers = sorted(tuple(adr["deciders"]) for slug, adr in adrs.items()
                             if slug != newest)
    code, out, _ = run("report", *scenarios, "--format", "json", "--date", DATE, "--draws", "0")
    expected = sorted(tuple(r["meta"]["decision_makers"]) for r in json.loads(out)["reports"])
    assert decision_makers == expected


@pytest.mark.parametrize("every", EVERY)
def test_mermaid_parses_and_draws_every_chart(tmp_path: Path, every: bool) -> None:
    """mermaid 11 in headless Chromium parses and renders each chart of each bundled record."""
    node = _node()
    _package("mermaid")
    _package("puppeteer-core")
    chromium = _chromium()
    files = []
    for path in _scenarios(every):
        for lang in LANGS:
            target = tmp_path / f"{path.stem}.{lang}.md"
            target.write_text(record(path, lang), encoding="utf-8")
            files.append(str(target))
    proc = subprocess.run([node, str(JS / "render_records.mjs")], cwd=JS, timeout=300,
                          input=json.dumps({"files": files, "check": True}),
                          capture_output=True, text=True, env={**os.environ, "CHROMIUM": chromium})
    assert proc.returncode == 0, proc.stderr[-3000:]
    errors = json.loads(proc.stdout)
    assert set(errors) == set(files)
    assert {f: e for f, e in errors.items() if e} == {}
    # Each record has charts to check: the cost chart at least.
    assert all("```mermaid" in Path(f).read_text(encoding="utf-8") for f in files)


def test_mermaid_check_catches_a_broken_chart(tmp_path: Path) -> None:
    """The same harness reports a chart mermaid cannot parse (so a pass means something)."""
    node = _node()
    _package("mermaid")
    _package("puppeteer-core")
    chromium = _chromium()
    bad = tmp_path / "bad.md"
    bad.write_text('# x\n\n```mermaid\nxychart-beta\n    x-axis "M" 0 --> 3\n'
                   "    line [1, 2, oops]\n```\n", encoding="utf-8")
    proc = subprocess.run([node, str(JS / "render_records.mjs")], cwd=JS, timeout=120,
                          input=json.dumps({"files": [str(bad)], "check": True}),
                          capture_output=True, text=True, env={**os.environ, "CHROMIUM": chromium})
    assert proc.returncode == 0, proc.stderr[-3000:]
    (errors,) = json.loads(proc.stdout).values()
    assert errors and "chart 1" in errors[0]


# --- markdownlint and log4brains' page --------------------------------------------------------

MARKDOWNLINT_CONFIG = {"config": {"MD013": False,
                                  "MD033": {"allowed_elements": ["details", "summary"]}}}
"""The README's one-line config: markdownlint's default rules, but line length, and the
folding blocks of the cost detail allowed."""


def _bundled_records(folder: Path, every: bool,
                     styles: tuple[str, ...] = ("madr4", "log4brains")) -> list[Path]:
    files = []
    for style in styles:
        for lang in LANGS:
            out = folder / f"{style}-{lang}"
            code, _, err = run("report", *_scenarios(every), "--out-dir", out, "--lang", lang,
                               "--style", style, "--date", DATE, "--draws", "500")
            assert code == 0, err
            files += sorted(p for p in out.glob("*.md") if p.name != "index.md")
            files.append(out / "index.md")
    return files


def _markdownlint(node: str, folder: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    """markdownlint-cli2 with the README's config over ``files`` (all under ``folder``)."""
    (folder / ".markdownlint-cli2.jsonc").write_text(json.dumps(MARKDOWNLINT_CONFIG),
                                                     encoding="utf-8")
    cli = JS / "node_modules" / "markdownlint-cli2" / "markdownlint-cli2-bin.mjs"
    return subprocess.run([node, str(cli), *(str(f.relative_to(folder)) for f in files)],
                          cwd=folder, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("every", EVERY)
def test_markdownlint_passes_every_bundled_record(tmp_path: Path, every: bool) -> None:
    """markdownlint-cli2's default rules (line length aside) pass every bundled record, in both
    languages and both styles, and the index of --out-dir: a team that lints its docs in CI
    can commit a record unedited."""
    node = _node()
    _package("markdownlint-cli2")
    files = _bundled_records(tmp_path, every)
    proc = _markdownlint(node, tmp_path, files)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    assert f"Linting: {len(files)} files" in proc.stdout + proc.stderr


def test_markdownlint_check_catches_a_bad_record(tmp_path: Path) -> None:
    """The same harness fails a record with a table and list markdownlint refuses."""
    node = _node()
    _package("markdownlint-cli2")
    (tmp_path / ".markdownlint-cli2.jsonc").write_text(json.dumps(MARKDOWNLINT_CONFIG),
                                                       encoding="utf-8")
    (tmp_path / "bad.md").write_text("# x\n\n- a\n* b\n\n|a|b|\n|---|--:|\n| 1 | 2 |\n",
                                     encoding="utf-8")
    cli = JS / "node_modules" / "markdownlint-cli2" / "markdownlint-cli2-bin.mjs"
    proc = subprocess.run([node, str(cli), "bad.md"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1
    assert "MD004" in proc.stdout + proc.stderr and "MD060" in proc.stdout + proc.stderr


@pytest.mark.parametrize("every", EVERY)
def test_log4brains_page_keeps_formulas_as_code_and_draws_no_chart_code(tmp_path: Path,
                                                                         every: bool) -> None:
    """Each log4brains-style record, as log4brains 1.1's site renders it (its reader, then
    markdown-to-jsx): every input named in a formula is a code span, no underscore turned into
    emphasis, no chart code on the page, and the people consulted and informed are kept."""
    node = _node()
    _package("@log4brains/core")
    _package("markdown-to-jsx")
    log = _log4brains_log(tmp_path)
    scenarios = _scenarios(every)
    for path in scenarios:
        for lang in LANGS:
            code, _, err = run("report", path, "--style", "log4brains", "--into", log, "--lang",
                               lang, "--date", DATE, "--draws", "500", "--consulted",
                               "Security_Team", "--informed", "All engineers")
            assert code == 0, err
    proc = subprocess.run([node, str(JS / "read_log4brains.mjs"), str(tmp_path), "--html"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    pages = json.loads(proc.stdout)
    assert len(pages) == 2 * len(scenarios)
    for page in pages:
        html = page["html"]
        assert "<em>" not in html, re.findall(r".{60}<em>.{40}", html)[:3]
        assert "xychart" not in html and "plotColorPalette" not in html
        assert "Security_Team" in html and "All engineers" in html
        # log4brains deletes the items it shows above the page (status, deciders, date) and
        # the line after a deleted last item: no heading may run into the list.
        assert "## " not in html and "<h2" in html
        text = (log / f"{page['slug']}.md").read_text(encoding="utf-8")
        names = set(re.findall(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`", text))
        assert names, page["slug"]
        for name in names:
            assert f"<code>{name}</code>" in html, (page["slug"], name)


def test_into_a_log4brains_log_follows_its_style(tmp_path: Path) -> None:
    """--into a folder a .log4brains.yml names: the record takes log4brains' header list
    without --style (log4brains then reads it as proposed, dated as written); --style madr4
    there is written as asked, with a warning saying why log4brains will misread it."""
    log = _log4brains_log(tmp_path)
    code, _, err = run("report", BUNDLED[0], "--into", log, "--date", DATE)
    assert code == 0, err
    assert "--style log4brains: the log's own style" in err
    (record,) = log.glob("*.md")
    text = record.read_text(encoding="utf-8")
    assert not text.startswith("---") and "\n- Status: proposed\n" in text
    assert re.fullmatch(r"\d{8}-[a-z0-9-]+\.md", record.name)  # log4brains' date naming
    code, _, err = run("report", BUNDLED[0], "--into", log, "--date", DATE, "--style", "madr4")
    assert code == 0, err
    assert "warning:" in err and "log4brains ignores MADR 4 front matter" in err
    # A plain folder of MADR 4 records keeps front matter.
    plain = tmp_path / "decisions"
    plain.mkdir()
    (plain / "0001-first.md").write_text("---\nstatus: accepted\n---\n\n# First\n",
                                        encoding="utf-8")
    code, _, err = run("report", BUNDLED[0], "--into", plain, "--date", DATE)
    assert code == 0, err
    new = sorted(plain.glob("0002-*.md"))
    assert new and new[0].read_text(encoding="utf-8").startswith("---\nstatus: \"proposed\"")


def test_records_with_settings_and_revisit_markdown_pass_markdownlint(tmp_path: Path) -> None:
    """A record that took project settings (its settings table, its provenance marker), in both
    styles and languages, and revisit's issue body, pass the same markdownlint rules."""
    node = _node()
    _package("markdownlint-cli2")
    (tmp_path / ".git").mkdir()
    (tmp_path / "gateway-roi.toml").write_text(
        'currency = "EUR"\nusd_rate = 0.92\n[team]\nengineer_hour_cost = 80\n', encoding="utf-8")
    scenario = tmp_path / "team.yaml"
    scenario.write_text("name: Team with settings\norganisation:\n  services: 4\n",
                        encoding="utf-8")
    files = []
    for style in ("madr4", "log4brains"):
        for lang in LANGS:
            out = tmp_path / f"{style}-{lang}" / "0001-team.md"
            code, _, err = run("report", scenario, "-o", out, "--lang", lang, "--style", style,
                               "--date", DATE, "--draws", "0")
            assert code == 0, err
            marker = out.read_text(encoding="utf-8").rstrip().split("\n")[-1]
            assert "--" not in marker[marker.index(" {"):-3]  # what the record keeps
            files.append(out)
    scenario.write_text("name: Team with settings\norganisation:\n  services: 40\n",
                        encoding="utf-8")
    code, issue, _ = run("revisit", tmp_path / "madr4-en", "-f", "markdown")
    assert code in (0, 3)
    (tmp_path / "issue.md").write_text(issue, encoding="utf-8")
    files.append(tmp_path / "issue.md")
    proc = _markdownlint(node, tmp_path, files)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]


def test_log4brains_reads_a_record_revisit_proposed(tmp_path: Path) -> None:
    """revisit --write in a log4brains log: log4brains reads the old record as superseded and
    the proposed one as proposed."""
    node = _node()
    _package("@log4brains/core")
    log = _log4brains_log(tmp_path)
    (tmp_path / ".git").mkdir()
    scenario = tmp_path / "team.yaml"
    scenario.write_text("name: Growing team\norganisation:\n  services: 2\n", encoding="utf-8")
    code, _, err = run("report", scenario, "--into", log, "--date", DATE, "--draws", "0",
                       "--status", "accepted")
    assert code == 0, err
    scenario.write_text("name: Growing team\norganisation:\n  services: 40\n"
                        "needs:\n  governance:\n    audit_trail: required\n", encoding="utf-8")
    code, _, err = run("revisit", log, "--write")
    assert code == 3, err
    found = _read_log4brains(node, tmp_path)
    statuses = sorted(a["status"] for a in found.values())
    assert statuses == ["proposed", "superseded"], found
