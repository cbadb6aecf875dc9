"""Start-up benchmark: prints how gateway-roi's commands compare with bare imports.

Not a test (pytest does not collect it): run ``python tests/bench_startup.py [--runs N]``
from the repository with the tool installed. Each pair is run alternately, A B A B ..., after
one warm-up, and the ratio of medians is printed, so the figures hold while the machine's
speed drifts. Goals (issue 2): ``--version`` <= 1.3x ``import typer``; evaluating one bundled
scenario with ``--format json`` <= 1.5x importing typer, rich, pydantic, yaml and jinja2 (shown
without sampling, as when the goal was set, and with the default sampling).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import benchkit
from benchkit import median_pair

ROOT = Path(__file__).resolve().parent.parent


def _pair(name: str, a: list[str], b: list[str], runs: int, goal: float) -> None:
    med_a, med_b = median_pair(a, b, runs)
    ratio = med_a / med_b
    verdict = "meets" if ratio <= goal else "MISSES"
    print(f"{name}\n  A: {' '.join(a[-4:])}\n  B: {' '.join(b[-2:])}\n"
          f"  median A {med_a * 1000:.0f} ms, median B {med_b * 1000:.0f} ms, "
          f"ratio {ratio:.2f}x ({verdict} the goal of {goal}x)")


def main() -> None:
    """Run both comparisons and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    tool = benchkit.tool()
    scenario = ROOT / "scenarios" / "large-org-governance.yaml"
    py = sys.executable
    _pair("--version vs import typer", [*tool, "--version"], [py, "-c", "import typer"],
          args.runs, 1.3)
    libs = [py, "-c", "import typer, rich, pydantic, yaml, jinja2"]
    evaluate = [*tool, "evaluate", str(scenario), "--format", "json"]
    _pair("evaluate one scenario --format json, no sampling (--draws 0), vs importing the five "
          "runtime libraries", [*evaluate, "--draws", "0"], libs, args.runs, 1.5)
    _pair("the same with the default 10,000 Monte Carlo draws (issue 5 adds them)", evaluate, libs,
          args.runs, 1.5)

if __name__ == "__main__":
    main()
