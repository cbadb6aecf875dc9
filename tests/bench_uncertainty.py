"""Uncertainty benchmark: sampling 10,000 draws (with sensitivity) against no sampling.

Not a test (pytest does not collect it): run ``python tests/bench_uncertainty.py [--runs N]``
with the tool installed. The two commands run alternately, A B A B ..., after one warm-up, and
the ratio of the medians is printed (goal, issue 5: at most 2x). Then the peak memory (max RSS)
of a run at 10,000 and at 100,000 draws gives the memory each extra draw costs: the draws' own
arrays (inputs and per-month series), not objects per draw. Last, the same with six fields
set to ``unknown`` (64 combinations of answers, each sampled for the value of information):
time against none, and peak memory at 100,000 draws.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchkit import median_pair, peak_rss_mib, tool

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "small-team-many-providers.yaml"


def main() -> None:
    """Print the sampling ratio and the memory figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    base = [*tool(), "evaluate", str(SCENARIO), "--format", "json"]
    med_a, med_b = median_pair([*base, "--draws", "10000"], [*base, "--draws", "0"], args.runs)
    ratio = med_a / med_b
    print(f"evaluate {SCENARIO.name}, {args.runs} runs each, medians")
    print(f"  10,000 draws + sensitivity: {med_a * 1000:.0f} ms; "
          f"no sampling: {med_b * 1000:.0f} ms; ratio {ratio:.2f}x "
          f"({'meets' if ratio <= 2 else 'MISSES'} the goal of 2x)")
    peaks = {draws: peak_rss_mib([*base, "--draws", str(draws)]) for draws in (10_000, 100_000)}
    per_draw = (peaks[100_000] - peaks[10_000]) * 2**20 / 90_000
    print(f"  peak memory: {peaks[10_000]:.0f} MiB at 10,000 draws, {peaks[100_000]:.0f} MiB at "
          f"100,000: {per_draw / 1024:.1f} KiB per extra draw, i.e. about {per_draw / 8:.0f} "
          "float64 values (the per-month series of the draws: no Python object per draw)")
    six = [arg for field in ("team.platform_team", "team.on_call_24x7",
                             "needs.governance.audit_trail", "needs.governance.compliance",
                             "needs.governance.cost_attribution", "needs.native_apis.batch")
           for arg in ("--set", f"{field}=unknown")]
    med_u, med_k = median_pair([*base, *six, "--draws", "10000"], [*base, "--draws", "10000"],
                               args.runs)
    peak_u = peak_rss_mib([*base, *six, "--draws", "100000"])
    print(f"  six unknown answers (64 combinations), 10,000 draws: {med_u * 1000:.0f} ms; "
          f"none: {med_k * 1000:.0f} ms; ratio {med_u / med_k:.2f}x; peak memory at 100,000 "
          f"draws {peak_u:.0f} MiB (none: {peaks[100_000]:.0f} MiB)")

if __name__ == "__main__":
    main()
