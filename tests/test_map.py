"""gateway-roi map: the verdict over a grid agrees with evaluate, boundaries with tripwires."""

from __future__ import annotations

import csv
import functools
import importlib.util
import io
import json
import math
import random
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gateway_roi.app import app

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
SAAS = SCENARIOS / "high-volume-saas-fees.yaml"
SMALL = SCENARIOS / "small-team-many-providers.yaml"
MID = SCENARIOS / "rotation-pain-mid-size.yaml"
HAS_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None
needs_plots = pytest.mark.skipif(
    not HAS_MATPLOTLIB,
    reason="matplotlib is not installed: install the plots extra (pip install -e '.[test,plots]')",
)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def map_json(*args: str) -> dict[str, Any]:
    code, out, err = run("map", *args, "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def verdict_of(scenario: Path, *sets: str) -> tuple[str, str]:
    args = ["evaluate", str(scenario), "--draws", "0", "--no-tripwires", "--format", "json"]
    for s in sets:
        args += ["--set", s]
    code, out, err = run(*args)
    assert code == 0, err
    rec = json.loads(out)["scenarios"][0]["recommendation"]
    return rec["option"], rec["rule"]


def plain(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(x)


def sample_cells(panel: dict[str, Any], nx: int, count: int,
                 seed: int) -> tuple[list[dict[str, Any]], int]:
    """Cells next to a boundary (up to half the sample) and their neighbours across it, then
    cells drawn at random; and how many of them lie next to a boundary."""
    cells = panel["cells"]
    near = [i for i, c in enumerate(cells)
            if (i % nx + 1 < nx and cells[i + 1]["verdict"] != c["verdict"])
            or (i + nx < len(cells) and cells[i + nx]["verdict"] != c["verdict"])]
    rng = random.Random(seed)
    chosen = near[: count // 2]
    # The neighbour across the boundary too, so both sides are checked.
    chosen += [i + 1 for i in chosen[: count // 4] if (i % nx) + 1 < nx]
    beside = len(chosen)
    rest = [i for i in range(len(cells)) if i not in set(chosen)]
    chosen += rng.sample(rest, count - len(chosen))
    return [cells[i] for i in chosen], beside


BUNDLED = sorted(SCENARIOS.glob("*.yaml"))


@functools.cache
def tripwires(scenario: Path) -> tuple[dict[str, Any], ...]:
    code, out, err = run("evaluate", str(scenario), "--draws", "0", "--format", "json")
    assert code == 0, err
    return tuple(json.loads(out)["scenarios"][0]["tripwires"])


def current(scenario: Path, field: str) -> float:
    data = map_json(str(scenario), "--x", field, "--y", "organisation.services", "--grid", "2x2")
    return float(data["x"]["current"])


def tripwire_precision(tw: dict[str, Any]) -> float:
    threshold = float(tw["threshold"])
    searched = 1.0 - threshold if "availability" in tw["field"] else threshold
    if tw["input"] == "services" or searched == 0:
        return 0.0
    return float(10 ** (math.floor(math.log10(abs(searched))) - 1))


@functools.cache
def tripwire_maps() -> tuple[tuple[Path, dict[str, Any], list[str]], ...]:
    """For each numeric tripwire of a bundled scenario: the map axes that put it on the map.

    x spans the scenario's value and the tripwire's threshold (and as much again on each side,
    within the field's bounds); y is another field whose scenario value is the middle row of a
    31-row grid, so one row of cells is the scenario's own line.
    """
    from gateway_roi.model.decision_map import field_bounds

    found = []
    for scenario in BUNDLED:
        for tw in tripwires(scenario):
            if tw["direction"] not in (">=", "<="):
                continue
            field = tw["field"]
            low, high = sorted((float(tw["current"]), float(tw["threshold"])))
            bounds = field_bounds(field)
            # Cells at least as wide as the tripwire's own precision (two significant digits of
            # the quantity searched, the downtime share for an availability), so "within one
            # cell" is a fair test of both.
            pad = max(high - low, 16 * tripwire_precision(tw))
            low = max(low - pad, bounds.clip_low() or 0.0)
            high = min(high + pad, bounds.le if bounds.le is not None else high + pad)
            other = ("operations.key_rotations_per_year"
                     if field != "operations.key_rotations_per_year"
                     else "organisation.monthly_requests")
            own = current(scenario, other)
            y = f"{other}=0..{plain(2 * own)}" if own > 0 else f"{other}=0..10"
            found.append((scenario, tw, ["--x", f"{field}={plain(low)}..{plain(high)}",
                                         "--linear", "x", "--y", y, "--linear", "y"]))
    return tuple(found)


def test_the_bundled_scenarios_put_tripwires_on_maps() -> None:
    """The tests below have boundaries to check: at least two numeric tripwires, two scenarios."""
    maps = tripwire_maps()
    assert len(maps) >= 2
    assert len({scenario for scenario, _, _ in maps}) >= 2


def test_every_sampled_cell_agrees_with_evaluate_set() -> None:
    """60 cells per map, boundary neighbours included, give evaluate --set's verdict and rule.

    One map per scenario with a numeric tripwire, across that tripwire.
    """
    seen: set[Path] = set()
    for scenario, _tw, axes in tripwire_maps():
        if scenario in seen:
            continue
        seen.add(scenario)
        data = map_json(str(scenario), *axes, "--grid", "25x25")
        panel = data["panels"][0]
        nx = len(data["x"]["values"])
        cells, beside = sample_cells(panel, nx, 60, seed=14)
        assert len(cells) == 60
        assert beside >= 6, "the sample holds cells on both sides of a boundary"
        for cell in cells:
            sets = [f"{data['x']['field']}={plain(cell['x'])}",
                    f"{data['y']['field']}={plain(cell['y'])}"]
            assert verdict_of(scenario, *sets) == (cell["verdict"], cell["rule"]), cell


def test_facet_maps_agree_with_evaluate_set_per_value() -> None:
    """Each facet value's map is the scenario with that value set, cell by cell."""
    data = map_json(str(MID), "--x", "organisation.services=1..60",
                    "--y", "team.engineer_hour_cost=20..300",
                    "--facet", "needs.governance.audit_trail", "--grid", "12x12")
    assert [p["facet"]["value"] for p in data["panels"]] == ["required", "nice", "no"]
    assert len({p["scenario_verdict"]["option"] for p in data["panels"]}) >= 2
    nx = len(data["x"]["values"])
    for k, panel in enumerate(data["panels"]):
        for cell in sample_cells(panel, nx, 20, seed=k)[0]:
            sets = [f"organisation.services={plain(cell['x'])}",
                    f"team.engineer_hour_cost={plain(cell['y'])}",
                    f"needs.governance.audit_trail={panel['facet']['value']}"]
            assert verdict_of(MID, *sets) == (cell["verdict"], cell["rule"]), cell


def flip_in_row(values: list[float], verdicts: list[str]) -> tuple[float, float]:
    """The two neighbouring cell values between which the verdict changes."""
    for i in range(len(verdicts) - 1):
        if verdicts[i] != verdicts[i + 1]:
            return values[i], values[i + 1]
    raise AssertionError("no boundary in the row")


def test_the_map_boundary_matches_the_tripwire_within_one_cell() -> None:
    """Along the scenario's own row, the verdict flips within one cell of each tripwire."""
    for scenario, tw, axes in tripwire_maps():
        data = map_json(str(scenario), *axes, "--grid", "31x31")
        xs, ys = data["x"]["values"], data["y"]["values"]
        own_y = data["y"]["current"]
        row = min(range(len(ys)), key=lambda i: abs(ys[i] - own_y))
        assert abs(ys[row] - own_y) <= 1e-9 * max(1.0, own_y), "the row is the scenario's"
        cells = data["panels"][0]["cells"][row * len(xs):(row + 1) * len(xs)]
        before, after = flip_in_row(xs, [c["verdict"] for c in cells])
        width = after - before
        assert before - width <= tw["threshold"] <= after + width, (scenario, before, after, tw)
        # The words place it on a fine line through the scenario's point: near it too.
        line = next(b for b in data["panels"][0]["boundaries"] if b["along"] == tw["field"])
        flips = [s["from"] for s in line["segments"][1:]]
        assert any(abs(f - tw["threshold"]) <= width for f in flips), (line, tw)
        assert tw["option"] in {s["option"] for s in line["segments"]}


def test_words_name_the_boundary_as_a_user_reads_it() -> None:
    """The terminal says where the verdict flips: "direct until about 2 services; automate beyond"."""
    scenario, tw, axes = tripwire_maps()[0]
    data = map_json(str(scenario), *axes)
    line = next(b for b in data["panels"][0]["boundaries"] if b["along"] == tw["field"])
    options = [s["option"] for s in line["segments"]]
    assert line["text"].startswith(f"{options[0]} until about ")
    assert line["text"].endswith(f"; {options[-1]} beyond")
    code, out, _ = run("map", str(scenario), *axes, "--no-color", env={"COLUMNS": "100"})
    assert code == 0
    out = " ".join(out.split())  # the words wrap to the terminal
    assert line["text"] in out
    own = data["panels"][0]["scenario_verdict"]
    assert f"this scenario -> {own['option']} ({own['rule']})" in out


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--x", "organisation.servces=1..9", "--y", "organisation.monthly_requests"],
         ["no such field (did you mean organisation.services?)", "organisation.monthly_requests",
          "team.engineer_hour_cost", "assumptions.ID"]),
        (["--x", "team.on_call_24x7=0..1", "--y", "organisation.services"],
         ["true/false, not a number", "--facet team.on_call_24x7", "organisation.services"]),
        (["--x", "horizon_months=12..60", "--y", "organisation.services"],
         ["not a number the cost model reads cell by cell", "organisation.services"]),
        (["--x", "organisation.services=5..5", "--y", "organisation.monthly_requests"],
         ["empty range"]),
        (["--x", "organisation.services=50..5", "--y", "organisation.monthly_requests"],
         ["empty range"]),
        (["--x", "organisation.services=1..200000", "--y", "organisation.monthly_requests"],
         ["200000 is out of range", "at most 100000"]),
        (["--x", "organisation.services=1..abc", "--y", "organisation.monthly_requests"],
         ["cannot read 'abc' as a number"]),
        (["--x", "organisation.services=2.2..2.8", "--y", "organisation.monthly_requests"],
         ["fewer than 2 whole numbers"]),
        (["--x", "organisation.services", "--y", "organisation.services=1..5"],
         ["both axes set organisation.services"]),
        (["--x", "organisation.services", "--y", "organisation.monthly_requests", "--grid",
          "500x20"], ["from 2 to 200"]),
        (["--x", "organisation.services", "--y", "organisation.monthly_requests", "--facet",
          "organisation.services"], ["not a yes/no or choice field", "team.on_call_24x7"]),
        (["--x", "organisation.services=0..10", "--y", "organisation.monthly_requests",
          "--log", "x"], ["a log scale needs a range above zero"]),
    ],
)
def test_bad_axes_exit_2_naming_what_is_allowed(args: list[str], expected: list[str]) -> None:
    """Unknown, non-numeric and out-of-range fields and empty ranges: exit 2, a clear message."""
    code, out, err = run("map", str(SMALL), *args)
    assert code == 2, (out, err)
    assert "Traceback" not in err
    for text in expected:
        assert text in err
    assert out == ""


def test_an_axis_that_set_would_refuse_is_refused() -> None:
    """A field the scenario already sets another way (downtime per hour vs per service hour)."""
    code, out, err = run("map", str(SAAS), "--x", "reliability.downtime_cost_per_service_hour",
                         "--y", "organisation.services")
    assert code == 2 and out == ""
    assert ("--x reliability.downtime_cost_per_service_hour: reliability.downtime_cost_per_hour "
            "and reliability.downtime_cost_per_service_hour are both set") in err


def test_an_invalid_scenario_exits_1_and_a_missing_file_2(tmp_path: Path) -> None:
    """The scenario is validated like evaluate validates it."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation:\n  services: -3\n", encoding="utf-8")
    code, _, err = run("map", str(bad), "--x", "organisation.services", "--y",
                       "organisation.monthly_requests")
    assert code == 1
    assert "organisation.services" in err
    code, _, err = run("map", str(tmp_path / "nope.yaml"), "--x", "organisation.services",
                       "--y", "organisation.monthly_requests")
    assert code == 2
    assert "no such file" in err


# --- terminal ------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 60])
def test_terminal_map_fits_the_width_with_letters_without_colour(columns: int) -> None:
    """NO_COLOR: a letter per verdict, the scenario marked, a legend, no line past the width."""
    from gateway_roi.outputs.map_render import LETTERS

    scenario, _tw, axes = tripwire_maps()[0]
    code, out, _ = run("map", str(scenario), *axes,
                       env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert code == 0
    assert "\x1b" not in out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns
    grid = [line.split("│", 1)[1] for line in lines if "│" in line]
    assert len(grid) == 20
    verdicts = [o for o in LETTERS if o in {c["verdict"] for c in
                                            map_json(str(scenario), *axes)["panels"][0]["cells"]}]
    assert len(verdicts) >= 2
    assert {LETTERS[o] for o in verdicts} <= set("".join(grid)) <= {*LETTERS.values(), "*"}
    assert sum(row.count("*") for row in grid) == 1
    legend = "  ".join(f"{LETTERS[o]} {o}" for o in verdicts) + "  * this scenario"
    assert legend in out


def test_facet_panels_sit_side_by_side_within_80_columns() -> None:
    """Three facet values: three small maps, each titled by its value."""
    code, out, _ = run("map", str(MID), "--x", "organisation.services=1..60",
                       "--y", "team.engineer_hour_cost=20..300",
                       "--facet", "needs.governance.audit_trail",
                       env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "one map per value of audit trail (needs.governance.audit_trail)" in " ".join(
        out.split())
    title = next(line for line in out.splitlines() if "required" in line)
    assert [t.strip() for t in title.split("  ") if t.strip()] == [
        "audit trail: required", "audit trail: nice", "audit trail: no"]
    row = next(line for line in out.splitlines() if "│" in line)
    assert "B" in row and "A" in row


def test_colour_map_draws_half_blocks_with_a_legend() -> None:
    """With colour, two cells per character and a coloured legend."""
    scenario, _tw, axes = tripwire_maps()[0]
    code, out, _ = run("map", str(scenario), *axes,
                       env={"COLUMNS": "80", "FORCE_COLOR": "1", "NO_COLOR": ""})
    assert code == 0
    assert "▀" in out and "\x1b[" in out
    rows = [line for line in out.splitlines() if "│" in line]
    assert len(rows) == 20


# --- data ----------------------------------------------------------------------------------


def test_csv_has_one_row_per_cell_with_the_documented_columns() -> None:
    """x, y, verdict, rule, runner_up, margin, share, facet; one row per cell."""
    from gateway_roi.options import OPTION_IDS

    code, out, _ = run("map", str(SAAS), "--x", "organisation.services=1..200",
                       "--y", "organisation.monthly_provider_spend=1e3..1e6",
                       "--grid", "20x10", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["x", "y", "verdict", "rule", "runner_up", "margin", "share",
                             "facet"]
    assert len(rows) == 200
    assert {r["verdict"] for r in rows} <= set(OPTION_IDS)
    assert all(r["runner_up"] in OPTION_IDS and r["runner_up"] != r["verdict"] for r in rows)
    assert all(r["share"] == "" and r["facet"] == "" for r in rows)
    xs = sorted({int(r["x"]) for r in rows})
    assert len(xs) == 20 and xs[0] == 1 and xs[-1] == 200, "whole services across 1..200"
    float(rows[0]["margin"])


def test_draws_give_each_cell_the_share_evaluate_reports_as_confidence() -> None:
    """A cell's share of draws is evaluate --set's confidence there (same seed, same draws)."""
    # Both axes are fixed numbers in the scenario, so evaluate samples the very same ranges.
    axes = ["--x", "organisation.services=1..8", "--y", "operations.key_rotations_per_year=0..20",
            "--grid", "8x5"]
    code, out, err = run("map", str(SMALL), *axes, "--draws", "400", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    shares = [float(r["share"]) for r in rows]
    assert all(0.0 <= s <= 1.0 for s in shares)
    assert min(shares) < 1.0, "ranges in the scenario leave some cells unsure"
    assert max(shares) == 1.0
    for row in rows[::3]:
        code, out, err = run("evaluate", str(SMALL), "--draws", "400", "--no-tripwires",
                             "--format", "json",
                             "--set", f"organisation.services={row['x']}",
                             "--set", f"operations.key_rotations_per_year={row['y']}")
        assert code == 0, err
        confidence = json.loads(out)["scenarios"][0]["confidence"]
        assert abs(confidence - float(row["share"])) < 1e-9, row


def test_json_carries_axes_panels_and_cells() -> None:
    """JSON: both axes (field, unit, scale, values), each panel's cells and boundaries."""
    data = map_json(str(SMALL), "--x", "organisation.services=1..30",
                    "--y", "organisation.monthly_requests=1e4..1e9", "--grid", "10x10")
    assert data["x"]["field"] == "organisation.services" and not data["x"]["log"]
    assert data["y"]["log"] is True, "five decades: a log scale"
    assert data["y"]["unit"] == "requests/month"
    panel = data["panels"][0]
    assert len(panel["cells"]) == len(data["x"]["values"]) * len(data["y"]["values"])
    along_x = panel["boundaries"][0]
    assert along_x["along"] == "organisation.services"
    assert along_x["held"] == "organisation.monthly_requests"
    assert along_x["text"].startswith(f"{along_x['segments'][0]['option']} ")


# --- pictures ------------------------------------------------------------------------------


@needs_plots
def test_svg_picture_is_a_well_formed_figure(tmp_path: Path) -> None:
    """The SVG parses and holds the title, both axis labels, the legend and the scenario."""
    target = tmp_path / "map.svg"
    code, _, err = run("map", str(SMALL), "--x", "organisation.services=1..30",
                       "--y", "organisation.monthly_requests=1e4..1e9", "--contours",
                       "-o", str(target))
    assert code == 0, err
    root = ET.parse(target).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    texts += " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}tspan"))
    for expected in ("Decision map: Small team, many providers", "organisation.services",
                     "organisation.monthly_requests", "direct", "automate", "this scenario",
                     "requests a month", "services calling AI"):
        assert expected in texts, expected
    assert root.find(".//{http://www.w3.org/2000/svg}image") is not None, "the cells"


@needs_plots
def test_png_picture_has_the_figure_size(tmp_path: Path) -> None:
    """The PNG is a real image of the expected size: wider with each facet panel."""
    one, three = tmp_path / "one.png", tmp_path / "three.png"
    for target, extra in ((one, []), (three, ["--facet", "needs.governance.audit_trail"])):
        code, _, err = run("map", str(MID), "--x", "organisation.services=1..60",
                           "--y", "team.engineer_hour_cost=20..300", "--grid", "12x12",
                           *extra, "-o", str(target))
        assert code == 0, err
    sizes = []
    for target in (one, three):
        data = target.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        sizes.append(struct.unpack(">II", data[16:24]))
    (w1, h1), (w3, h3) = sizes
    assert 600 <= w1 <= 1200 and 500 <= h1 <= 1200
    assert w3 > 2.5 * w1 and h3 == h1


@needs_plots
def test_an_existing_picture_is_not_overwritten_without_force(tmp_path: Path) -> None:
    """-o refuses an existing file (exit 1) unless --force."""
    target = tmp_path / "map.png"
    target.write_bytes(b"mine")
    args = ["map", str(SMALL), "--x", "organisation.services", "--y",
            "organisation.monthly_requests", "-o", str(target)]
    code, _, err = run(*args)
    assert code == 1 and "--force" in err
    assert target.read_bytes() == b"mine"
    code, _, _ = run(*args, "--force")
    assert code == 0 and target.read_bytes()[:4] == b"\x89PNG"


def test_a_picture_without_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    """Without the plots extra: exit 2 and the pip command, no file, no traceback."""
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any, **kwargs: Any) -> Any:
        return None if name == "matplotlib" else real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    target = tmp_path / "map.svg"
    code, _, err = run("map", str(SMALL), "--x", "organisation.services", "--y",
                       "organisation.monthly_requests", "-o", str(target))
    assert code == 2
    assert "gateway-roi[plots]" in err
    assert not target.exists()


def test_only_pictures_import_matplotlib() -> None:
    """evaluate and a terminal or CSV map never load matplotlib (it costs about a second)."""
    code = (
        "import sys, contextlib, io\n"
        "from gateway_roi.app import main\n"
        "for argv in (['evaluate', sys.argv[1], '--draws', '0'],\n"
        "             ['map', sys.argv[1], '--x', 'organisation.services', '--y',\n"
        "              'organisation.monthly_requests', '--format', 'csv']):\n"
        "    sys.argv = ['gateway-roi', *argv]\n"
        "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "        main()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(SMALL)], capture_output=True,
                          text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_the_map_core_imports_no_terminal_layer() -> None:
    """gateway_roi.model.decision_map is core: no typer, no rich."""
    code = ("import sys, gateway_roi.model.decision_map;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'typer','rich'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == "[]"


def test_readme_shows_a_committed_map_and_the_command_that_draws_it() -> None:
    """The README's picture is committed under docs/, parses, and its command is documented."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/decision-map.svg)" in readme
    command = ("gateway-roi map scenarios/rotation-pain-mid-size.yaml --x "
               "organisation.services=1..100 --y organisation.monthly_requests=1e4..1e9 "
               "--facet needs.governance.cost_attribution -o docs/decision-map.svg --force")
    assert command in " ".join(readme.split())
    root = ET.parse(ROOT / "docs" / "decision-map.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for level in ("required", "nice", "no"):
        assert f"cost attribution by project or key: {level}" in texts


@needs_plots
def test_report_embeds_the_map_beside_the_record(tmp_path: Path) -> None:
    """report --map writes FILE.map.svg beside the record and links it before the cost detail."""
    from gateway_roi.text import md_escape

    record = tmp_path / "0007-ai-gateway.md"
    axes = ["organisation.services=1..200", "organisation.monthly_requests=1e4..1e9"]
    code, _, err = run("report", str(SAAS), "-o", str(record), "--draws", "0", "--map",
                       ",".join(axes))
    assert code == 0, err
    text = record.read_text(encoding="utf-8")
    assert "](0007-ai-gateway.map.svg)" in text
    assert text.index("## Decision map") < text.index("## Cost detail")
    from gateway_roi.maps import compute
    from gateway_roi.outputs.map_plot import describe

    m = compute(SAAS, axes[0], axes[1])
    sentences = describe(m, "en")
    assert len(sentences) == len(map_json(str(SAAS), "--x", axes[0], "--y", axes[1])[
        "panels"][0]["boundaries"])
    for sentence in sentences:
        assert md_escape(sentence) in text
    # In words: the inputs by name, no bare field path outside a code span.
    assert "requests a month" in text
    section = text[text.index("## Decision map"):text.index("## Cost detail")]
    assert "organisation.services" not in section.replace("`organisation.services`", "")
    root = ET.parse(tmp_path / "0007-ai-gateway.map.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@needs_plots
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_option_has_one_colour_in_the_cost_chart_and_the_map(tmp_path: Path,
                                                                  lang: str) -> None:
    """A record with --map: the map picture's legend gives each option the colour the cost
    chart's mermaid palette gives it (the chart's series are in the option order)."""
    import re

    from gateway_roi.options import OPTION_IDS

    record = tmp_path / "r.md"
    code, _, err = run("report", str(SCENARIOS / "own-models-next-to-providers.yaml"), "-o",
                       str(record), "--draws", "0", "--lang", lang, "--map",
                       "organisation.services=1..100,organisation.monthly_requests=1e4..1e9")
    assert code == 0, err
    text = record.read_text(encoding="utf-8")
    palette = re.search(r'plotColorPalette: "([^"]+)"', text)
    assert palette
    chart = dict(zip(OPTION_IDS, palette.group(1).split(", "), strict=True))
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.parse(tmp_path / "r.map.svg").getroot()
    legend = {}
    for group in root.iter(f"{ns}g"):
        gid = group.get("id", "")
        if gid.startswith("legend-"):
            path = next(group.iter(f"{ns}path"))
            fill = re.search(r"fill: (#[0-9a-f]{6})", path.get("style", ""))
            assert fill, gid
            legend[gid.removeprefix("legend-")] = fill.group(1)
    assert len(legend) >= 2
    for option, colour in legend.items():
        assert colour == chart[option], (option, colour, chart[option])


@needs_plots
def test_a_chinese_record_says_where_the_verdict_changes_in_chinese(tmp_path: Path) -> None:
    """report --lang zh --map: the map's sentences read in Chinese, one per boundary line."""
    from gateway_roi.words.notes_zh import english_left

    own_models = SCENARIOS / "own-models-next-to-providers.yaml"
    record = tmp_path / "0007-ai-gateway.md"
    axes = ["organisation.services=1..200", "organisation.monthly_requests=1e4..1e9"]
    code, _, err = run("report", str(own_models), "-o", str(record), "--draws", "0", "--lang",
                       "zh", "--map", ",".join(axes))
    assert code == 0, err
    text = record.read_text(encoding="utf-8")
    section = text[text.index("## 决策地图"):text.index("## 成本明细")]
    assert english_left(section) == []
    data = map_json(str(own_models), "--x", axes[0], "--y", axes[1])
    boundaries = data["panels"][0]["boundaries"]
    assert section.count("\n- ") == len(boundaries)
    assert any("直到约" in line for line in section.splitlines())  # the verdict does change


def test_report_map_needs_a_file_and_never_half_writes(tmp_path: Path) -> None:
    """--map without -o: exit 2; an existing picture without --force: exit 1, nothing written."""
    args = ["report", str(SAAS), "--draws", "0", "--map",
            "organisation.services,organisation.monthly_requests"]
    code, out, err = run(*args)
    assert code == 2 and "-o FILE.md" in err and out == ""
    record = tmp_path / "r.md"
    (tmp_path / "r.map.svg").write_text("mine", encoding="utf-8")
    code, _, err = run(*args, "-o", str(record))
    assert code == 1 and "--force" in err
    assert not record.exists()
    assert (tmp_path / "r.map.svg").read_text(encoding="utf-8") == "mine"
    code, _, err = run("report", str(SAAS), "--draws", "0", "-o", str(record), "--map",
                       "organisation.services")
    assert code == 2 and "--map X,Y" in err


def test_every_mappable_field_agrees_with_a_scenario_that_sets_it() -> None:
    """For each field a map can vary, two random cells equal the verdict of the scenario loaded
    with those values (--set), so no input takes another path through the arrays."""
    from gateway_roi.errors import InvalidScenarioError
    from gateway_roi.files.loading import load_scenario_file
    from gateway_roi.model.decision_map import axis_fields, compute_map, parse_axis
    from gateway_roi.model.inputs import resolve_inputs
    from gateway_roi.outputs.map_render import plain_number

    rng = random.Random(2026)
    scenario = load_scenario_file(SAAS)
    fields = list(axis_fields(resolve_inputs(scenario)))
    assert len(fields) > 40
    checked = 0
    for field in fields:
        other = ("organisation.services" if field != "organisation.services"
                 else "organisation.monthly_requests")
        m = compute_map([(None, scenario)], parse_axis("--x", field), parse_axis("--y", other),
                        grid=(7, 5))
        try:
            load_scenario_file(SAAS, [f"{field}={plain_number(m.x.low)}"])
        except InvalidScenarioError:
            # --set refuses this field here (set another way), and so does the map command.
            code, _, err = run("map", str(SAAS), "--x", field, "--y", other)
            assert code == 2 and field in err
            continue
        checked += 1
        _cells_agree(m, SAAS, rng, 2)
    assert checked > 40


def _cells_agree(m: Any, path: Path, rng: random.Random, cells: int) -> None:
    """``cells`` random cells of ``m`` hold the verdict of the scenario at ``path`` loaded
    with the cell's two values (--set)."""
    from gateway_roi.files.loading import load_scenario_file
    from gateway_roi.model.evaluation import assess
    from gateway_roi.outputs.map_render import plain_number

    panel = m.panels[0]
    for _ in range(cells):
        i, j = rng.randrange(len(m.y.values)), rng.randrange(len(m.x.values))
        sets = [f"{m.x.field}={plain_number(m.x.values[j])}",
                f"{m.y.field}={plain_number(m.y.values[i])}"]
        ev = assess(load_scenario_file(path, sets), tripwires=False)
        assert (ev.decision.option, ev.decision.rule) == (panel.option[i, j],
                                                          panel.rule[i, j]), sets


@needs_plots
def test_a_hostile_scenario_name_stays_text_in_the_picture_and_terminal(tmp_path: Path) -> None:
    """Dollar signs (matplotlib's math mode), escapes and tags in the name are shown as text."""
    scenario = tmp_path / "s.yaml"
    scenario.write_text('name: "Cost $5 and $x^2$ \\e[31m <b>"\n', encoding="utf-8")
    target = tmp_path / "map.svg"
    args = ["map", str(scenario), "--x", "organisation.services", "--y",
            "organisation.monthly_requests"]
    code, _, err = run(*args, "-o", str(target))
    assert code == 0, err
    texts = " ".join(t.text or "" for t in ET.parse(target).getroot().iter(
        "{http://www.w3.org/2000/svg}text"))
    assert "Decision map: Cost $5 and $x^2$" in texts and "<b>" in texts
    assert "\x1b" not in target.read_text(encoding="utf-8")
    code, out, _ = run(*args)
    assert code == 0 and "Cost $5 and $x^2$" in out and "\x1b" not in out


def test_a_share_of_one_defaults_to_a_range_that_shows_it() -> None:
    """An availability of 99.9% given without a range spans 99% to 99.99% on a linear scale,
    and reads as percentages, not "1 fraction"."""
    data = map_json(str(SCENARIOS / "regulated-data-stays.yaml"), "--x",
                    "assumptions.self_host_availability", "--y", "organisation.services")
    x = data["x"]
    assert (x["low"], x["high"], x["log"]) == (pytest.approx(0.99), pytest.approx(0.9999),
                                               False)
    code, out, _ = run("map", str(SCENARIOS / "regulated-data-stays.yaml"), "--x",
                       "assumptions.self_host_availability", "--y", "organisation.services",
                       env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert code == 0
    assert "fraction" not in out and "%" in out
    assert "self-hosted gateway availability" in out


def test_draws_over_ranges_that_change_no_cell_say_so() -> None:
    """--draws on a scenario with ranged inputs never claims that no input is a range."""
    code, out, _ = run("map", str(MID), "--x", "organisation.services=1..100", "--y",
                       "organisation.monthly_requests=1e4..1e9", "--grid", "8x8", "--draws",
                       "50", env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert code == 0
    assert "No input is written as a range" not in out


def test_a_faceted_map_marks_the_scenario_only_in_its_own_panel() -> None:
    """The star goes in the panel of the value the scenario has, in no other."""
    code, out, _ = run("map", str(MID), "--x", "organisation.services=1..60", "--y",
                       "team.engineer_hour_cost=20..300", "--facet", "team.on_call_24x7",
                       env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert code == 0
    rows = [line.split("│", 1)[1] for line in out.splitlines() if "│" in line]
    width = (len(rows[0]) - 2) // 2
    panels = [[r[:width] for r in rows], [r[width + 2:] for r in rows]]
    assert sum("*" in "".join(p) for p in panels) == 1


@needs_plots
def test_a_chinese_picture_speaks_chinese(tmp_path: Path) -> None:
    """report --lang zh --map: the picture's title, legend and axes are in Chinese."""
    record = tmp_path / "r.md"
    code, _, err = run("report", str(SCENARIOS / "own-models-next-to-providers.yaml"), "-o",
                       str(record), "--draws", "0", "--lang", "zh", "--map",
                       "organisation.services=1..100,organisation.monthly_requests=1e4..1e9")
    assert code == 0, err
    root = ET.parse(tmp_path / "r.map.svg").getroot()
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for expected in ("决策地图", "本场景", "调用 AI 的服务数", "每月请求数", "自动化", "采购"):
        assert expected in texts, expected
    assert "this scenario" not in texts and "Decision map" not in texts


def test_a_people_axis_is_in_people_and_agrees_with_a_scenario_that_states_them(tmp_path: Path
                                                                                ) -> None:
    """Scale stated in people: the axis, its range and its words are engineers (a range given
    on the command line is people, not services), and each cell is the verdict of the scenario
    written with that many people."""
    from gateway_roi.files.loading import load_scenario_file
    from gateway_roi.model.decision_map import compute_map, parse_axis

    path = tmp_path / "people.yaml"
    path.write_text("name: people\norganisation: {engineers_building_with_ai: 60, "
                    "monthly_requests: 3000000}\nteam: {platform_team: true, on_call_24x7: "
                    "true}\nneeds:\n  governance: {cost_attribution: required}\n",
                    encoding="utf-8")
    scenario = load_scenario_file(path)
    m = compute_map([(None, scenario)],
                    parse_axis("--x", "organisation.engineers_building_with_ai=4..400"),
                    parse_axis("--y", "organisation.monthly_requests"), grid=(9, 5))
    assert (m.x.low, m.x.high, m.x.current, m.x.unit) == (4, 400, 60, "engineers")
    _cells_agree(m, path, random.Random(7), 4)
    code, out, _ = run("map", str(path), "--x", "organisation.engineers_building_with_ai",
                       "--y", "organisation.monthly_requests")
    assert code == 0 and "engineers building with AI" in out and " engineers;" in out
    # The services of a scenario stated in people are worked out: the message says which
    # field to draw instead of listing every numeric field.
    code, out, err = run("map", str(path), "--x", "organisation.services",
                         "--y", "organisation.monthly_requests")
    assert code == 2 and out == ""
    assert ("--x organisation.services: this scenario's scale is counted in "
            "organisation.engineers_building_with_ai: draw the axis over "
            "organisation.engineers_building_with_ai") in err
    # report --map names its own option.
    code, _, err = run("report", str(path), "--map",
                       "organisation.services,organisation.monthly_requests", "-o",
                       str(tmp_path / "r.md"))
    assert code == 2 and "--map organisation.services: this scenario's scale" in err
    assert "numeric fields:" not in err
