"""What the benchmark scripts share: the command to run, timing pairs, peak memory.

Not a test module. Each pair of commands runs alternately, A B A B ..., after one warm-up each,
so a ratio of medians holds while the machine's speed drifts.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["ENV", "median_pair", "peak_rss_mib", "time_run", "tool"]


def tool() -> list[str]:
    """How to run gateway-roi: the console script beside this Python, on PATH, or -m gateway_roi."""
    beside = Path(sys.executable).parent / "gateway-roi"
    exe = str(beside) if beside.exists() else shutil.which("gateway-roi")
    return [exe] if exe else [sys.executable, "-m", "gateway_roi"]


# Runs are timed as an installed tool runs: with its byte-code cached. A shell that sets
# PYTHONDONTWRITEBYTECODE would have every run compile the tool's modules anew (the warm-up
# writes the cache), which a user never pays twice.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_run(cmd: list[str]) -> float:
    """Wall-clock seconds of one run (its exit code is not judged: batches with problems exit 1)."""
    start = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=ENV)
    return time.perf_counter() - start


def median_pair(a: list[str], b: list[str], runs: int) -> tuple[float, float]:
    """Median seconds of ``a`` and of ``b``, run alternately after one warm-up each."""
    time_run(a), time_run(b)  # warm-up: file cache, byte-code
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(time_run(a))
        times_b.append(time_run(b))
    return statistics.median(times_a), statistics.median(times_b)


def peak_rss_mib(cmd: list[str]) -> float:
    """Peak resident memory (MiB) of one run of ``cmd``, measured from a fresh wrapper process."""
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True,
                         check=True).stdout
    return int(out.strip()) / 1024  # Linux reports KiB
