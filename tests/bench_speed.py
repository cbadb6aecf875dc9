"""Speed benchmark: the four speed goals of issue 26, as ratios of medians measured in one run.

Not a test (pytest does not collect it): run ``python tests/bench_speed.py [--runs N]`` from the
repository with the tool installed. Each pair of commands runs alternately, A B A B ..., after
one warm-up each, and the ratio of the medians is printed against its goal:

1. ``evaluate SCENARIO --format json --draws 0`` against the floor app
   (``tests/bench_floor.py``: a minimal typer app that loads the same YAML with pydantic and
   prints JSON): at most 1.15x;
2. the same with 10,000 Monte Carlo draws against no draws: at most 1.4x;
3. ``evaluate FOLDER --draws 0`` over 1,000 scenario files (``bench_batch.write_scenarios``)
   against one of them: at most 4x;
4. ``--version`` against ``python -c "import typer"``: at most 1.3x.

The machine's load moves every figure; the ratios hold better than the times, and a ratio
within a few hundredths of its goal is worth a second run.

``--parts`` prints instead where the time of goals 1 and 2 goes, each part as a pair of
commands: importing every module a JSON evaluation imports (and doing nothing else) against the
floor app, the evaluation without its tripwire search against with it, and numpy's import
against an empty Python (every sampling run pays it).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import benchkit
from bench_batch import write_scenarios

ROOT = Path(__file__).resolve().parent.parent
FLOOR = Path(__file__).resolve().parent / "bench_floor.py"


def _pair(name: str, a: list[str], b: list[str], runs: int, goal: float | None = None) -> bool:
    """Time ``a`` against ``b``; print the medians and the ratio, against ``goal`` if any."""
    med_a, med_b = benchkit.median_pair(a, b, runs)
    ratio = med_a / med_b
    met = goal is None or ratio <= goal
    judged = "" if goal is None else f" ({'meets' if met else 'MISSES'} the goal of {goal:g}x)"
    print(f"{name}: {med_a * 1000:.0f} ms vs {med_b * 1000:.0f} ms, ratio {ratio:.2f}x{judged}",
          flush=True)
    return met


def _imports_of(cmd: list[str]) -> list[str]:
    """Every module ``cmd`` (a ``python -m gateway_roi ...`` command) imports, in order."""
    run = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True,
                         text=True, check=False, env=benchkit.ENV)
    names = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()
             if line.startswith("import time:") and "|" in line]
    # The runner's own module would run the command; an editable install's finder is loaded at
    # start-up either way.
    return [n for n in names if n and not n.endswith("__main__")
            and not n.startswith("__editable__") and n != "imported package"]  # the header


def _parts(args: argparse.Namespace, scenario: str) -> None:
    """Print where the time of goals 1 and 2 goes, a pair of commands per part."""
    py = sys.executable
    tool = benchkit.tool()
    evaluate = [*tool, "evaluate", scenario, "--format", "json"]
    modules = _imports_of([py, "-m", "gateway_roi", "evaluate", scenario, "--format", "json",
                           "--draws", "0"])
    only_imports = [py, "-c", "import importlib\n"
                    f"for m in {modules!r}:\n"
                    "    try: importlib.import_module(m)\n"
                    "    except Exception: pass\n"]
    print(f"{args.runs} runs each, medians; scenario {args.scenario}", flush=True)
    print("(goal 1 allows 1.15x the floor app; goal 2, 1.4x the run without draws)")
    _pair(f"importing the {len(modules)} modules a JSON evaluation imports, nothing else, "
          "vs the floor app", only_imports, [py, str(FLOOR), scenario], args.runs)
    _pair("evaluate --draws 0 vs the same with --no-tripwires (the search)",
          [*evaluate, "--draws", "0"], [*evaluate, "--draws", "0", "--no-tripwires"],
          args.runs)
    _pair("evaluate --draws 10000 vs --draws 0", [*evaluate, "--draws", "10000"],
          [*evaluate, "--draws", "0"], args.runs)
    _pair("import numpy vs an empty python (every run with draws pays it)",
          [py, "-c", "import numpy"], [py, "-c", "pass"], args.runs)


def main() -> None:
    """Run the four comparisons and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--batch-runs", type=int, default=5,
                        help="runs of the 1,000-file batch (each takes seconds)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--scenario", default="large-org-governance")
    parser.add_argument("--parts", action="store_true",
                        help="print where the time of goals 1 and 2 goes instead")
    args = parser.parse_args()
    if args.parts:
        _parts(args, str(ROOT / "scenarios" / f"{args.scenario}.yaml"))
        return
    tool = benchkit.tool()
    py = sys.executable
    scenario = str(ROOT / "scenarios" / f"{args.scenario}.yaml")
    evaluate = [*tool, "evaluate", scenario, "--format", "json"]
    print(f"{args.runs} runs each ({args.batch_runs} for the batch), medians; "
          f"Python {sys.version.split()[0]}; scenario {args.scenario}", flush=True)
    results = [
        _pair("1. evaluate one scenario, JSON, --draws 0, vs the floor app",
              [*evaluate, "--draws", "0"], [py, str(FLOOR), scenario], args.runs, 1.15),
        _pair("2. the same with 10,000 draws vs --draws 0",
              [*evaluate, "--draws", "10000"], [*evaluate, "--draws", "0"], args.runs, 1.4),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "many"
        files = write_scenarios(folder, args.count)
        results.append(_pair(
            f"3. evaluate a folder of {args.count:,} scenarios vs one of them (--draws 0)",
            [*tool, "evaluate", str(folder), "--draws", "0"],
            [*tool, "evaluate", str(files[1]), "--draws", "0"], args.batch_runs, 4.0))
    results.append(_pair("4. --version vs python -c 'import typer'", [*tool, "--version"],
                         [py, "-c", "import typer"], args.runs, 1.3))
    print(f"{sum(results)} of {len(results)} goals met")


if __name__ == "__main__":
    main()
