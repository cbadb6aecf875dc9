"""Start-up benchmark: prints how gateway-roi's commands compare with bare imports.

Not a test (pytest does not collect it): run ``python tests/bench_startup.py [--runs N]``
from the repository with the tool installed. Each pair is run alternately, A B A B ..., after
one warm-up, and the ratio of medians is printed, so the figures hold while the machine's
speed drifts. Goals (issue 2): ``--version`` <= 1.3x ``import typer``; evaluating one bundled
scenario with ``--format json`` <= 1.5x importing typer, rich, pydantic, yaml and jinja2.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _pair(name: str, a: list[str], b: list[str], runs: int, goal: float) -> None:
    _time(a), _time(b)  # warm-up: file cache, byte-code
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(_time(a))
        times_b.append(_time(b))
    med_a, med_b = statistics.median(times_a), statistics.median(times_b)
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
    beside = Path(sys.executable).parent / "gateway-roi"
    exe = str(beside) if beside.exists() else shutil.which("gateway-roi")
    tool = [exe] if exe else [sys.executable, "-m", "cli"]
    scenario = ROOT / "scenarios" / "large-org-governance.yaml"
    py = sys.executable
    _pair("--version vs import typer", [*tool, "--version"], [py, "-c", "import typer"],
          args.runs, 1.3)
    _pair("evaluate one scenario --format json vs import of the five runtime libraries",
          [*tool, "evaluate", str(scenario), "--format", "json"],
          [py, "-c", "import typer, rich, pydantic, yaml, jinja2"], args.runs, 1.5)


if __name__ == "__main__":
    main()
