"""Map benchmark: a decision map to CSV against one ``evaluate --draws 0`` of the same scenario.

Not a test (pytest does not collect it): run ``python tests/bench_map.py [--runs N]`` from the
repository with the tool installed. For each scenario it times, alternately A B A B ... after
one warm-up each, as a user runs them,

* A: ``gateway-roi map SCENARIO --x organisation.services=1..200
  --y organisation.monthly_requests=1e4..1e9 --grid GRID --format csv``, and
* B: ``gateway-roi evaluate SCENARIO --draws 0`` (the panel with its tripwires),

and prints the ratio of the medians. Goals (issue 14): 100x100 at most 5x, 40x40 at most 2x.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import benchkit

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"40x40": 2.0, "100x100": 5.0}


def main() -> None:
    """Time each grid against one evaluation and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scenarios", default="large-org-governance,high-volume-saas-fees")
    args = parser.parse_args()
    tool = benchkit.tool()
    print(f"{args.runs} runs each, medians; Python {sys.version.split()[0]}")
    worst: dict[str, float] = {}
    for name in args.scenarios.split(","):
        scenario = str(ROOT / "scenarios" / f"{name}.yaml")
        evaluate = [*tool, "evaluate", scenario, "--draws", "0"]
        for grid, goal in GOALS.items():
            mapped = [*tool, "map", scenario, "--x", "organisation.services=1..200",
                      "--y", "organisation.monthly_requests=1e4..1e9", "--grid", grid,
                      "--format", "csv"]
            t_map, t_eval = benchkit.median_pair(mapped, evaluate, args.runs)
            ratio = t_map / t_eval
            worst[grid] = max(worst.get(grid, 0.0), ratio)
            print(f"{name:<24} map {grid:>7} to CSV {t_map * 1000:7.0f} ms; evaluate "
                  f"{t_eval * 1000:6.0f} ms; ratio {ratio:4.2f}x (goal <= {goal:g}x)")
    for grid, goal in GOALS.items():
        verdict = "met" if worst[grid] <= goal else "NOT met"
        print(f"{grid}: worst ratio {worst[grid]:.2f}x, goal {goal:g}x {verdict}")


if __name__ == "__main__":
    main()
