"""Uncertainty benchmark: sampling 10,000 draws (with sensitivity) against no sampling.

Not a test (pytest does not collect it): run ``python tests/bench_uncertainty.py [--runs N]``
with the tool installed. The two commands run alternately, A B A B ..., after one warm-up, and
the ratio of the medians is printed (goal, issue 5: at most 2x). Then the peak memory (max RSS)
of a run at 10,000 and at 100,000 draws gives the memory each extra draw costs: the draws' own
arrays (inputs and per-month series), not objects per draw.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "small-team-many-providers.yaml"


def _tool() -> list[str]:
    beside = Path(sys.executable).parent / "gateway-roi"
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "cli"]


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _peak_mib(cmd: list[str]) -> float:
    """Max RSS of one run of ``cmd``, measured in a fresh child of a fresh interpreter."""
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True,
                         text=True).stdout
    return int(out.strip()) / 1024  # Linux reports KiB


def main() -> None:
    """Print the sampling ratio and the memory figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    base = [*_tool(), "evaluate", str(SCENARIO), "--format", "json"]
    sampled, plain = [*base, "--draws", "10000"], [*base, "--draws", "0"]
    _time(sampled), _time(plain)
    a, b = [], []
    for _ in range(args.runs):
        a.append(_time(sampled))
        b.append(_time(plain))
    ratio = statistics.median(a) / statistics.median(b)
    print(f"evaluate {SCENARIO.name}, {args.runs} runs each, medians")
    print(f"  10,000 draws + sensitivity: {statistics.median(a) * 1000:.0f} ms; "
          f"no sampling: {statistics.median(b) * 1000:.0f} ms; ratio {ratio:.2f}x "
          f"({'meets' if ratio <= 2 else 'MISSES'} the goal of 2x)")
    peaks = {draws: _peak_mib([*base, "--draws", str(draws)]) for draws in (10_000, 100_000)}
    per_draw = (peaks[100_000] - peaks[10_000]) * 2**20 / 90_000
    print(f"  peak memory: {peaks[10_000]:.0f} MiB at 10,000 draws, {peaks[100_000]:.0f} MiB at "
          f"100,000: {per_draw / 1024:.1f} KiB per extra draw, i.e. about {per_draw / 8:.0f} "
          "float64 values (the per-month series of the draws: no Python object per draw)")

if __name__ == "__main__":
    main()
