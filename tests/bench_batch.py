"""Batch benchmark: evaluating 1,000 scenario files against evaluating one, and peak memory.

Not a test (pytest does not collect it): run ``python tests/bench_batch.py [--runs N]`` from the
repository with the tool installed. It writes ``--count`` scenario files (variations of the
bundled ones: same size, comments and descriptions, other numbers) to a temporary folder, then
for each output format times, alternately A B A B ... after one warm-up,

* A: ``gateway-roi evaluate FOLDER`` (all the files), and
* B: ``gateway-roi evaluate ONE.yaml`` (one of them),

each as a user runs it (the defaults: one file gets its panel and tripwires; a big batch gets
the comparison table without tripwires), and prints the ratio of the medians. Goal (issue 26):
at most 4x (issue 6 asked for 10x); ``tests/bench_speed.py`` times the default format alone.
Then it prints the peak memory (max RSS) of the command for 200 and for 1,000 files: memory
should not grow with the number of files beyond the results.

``write_scenarios`` is also what the batch tests use to make their folders.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
from pathlib import Path

import benchkit

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


def write_scenarios(folder: Path, count: int, seed: int = 6) -> list[Path]:
    """Write ``count`` valid scenario files into ``folder``: bundled ones with other numbers."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in BUNDLED]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = texts[i % len(texts)]
        text = re.sub(r"^(name: .*)$", rf"\1, no. {i:04d}", text, count=1, flags=re.M)
        text = re.sub(r"^  services: .*$", f"  services: {rng.randint(1, 80)}", text,
                      count=1, flags=re.M)
        text = re.sub(r"^  monthly_requests: .*$",
                      f"  monthly_requests: {rng.randint(10, 20_000) * 1_000}", text,
                      count=1, flags=re.M)
        text = re.sub(r"^  monthly_provider_spend: .*$",
                      f"  monthly_provider_spend: {rng.randint(1, 500) * 100}", text,
                      count=1, flags=re.M)
        path = folder / f"scenario-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Generate the files, time the formats, measure memory, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--formats", default="text,csv,json")
    args = parser.parse_args()
    tool = benchkit.tool()
    goal = 4.0
    with tempfile.TemporaryDirectory() as tmp:
        many = Path(tmp) / "many"
        files = write_scenarios(many, args.count)
        fewer = Path(tmp) / "fewer"
        write_scenarios(fewer, 200)
        one = files[1]
        print(f"{args.count} generated scenario files, {args.runs} runs each, medians; "
              f"{resource.getpagesize()}-byte pages, Python {sys.version.split()[0]}")
        for fmt in args.formats.split(","):
            # --draws 0 on both: one file would otherwise be sampled (10,000 draws) while a big
            # batch is not, which would flatter the ratio.
            a = [*tool, "evaluate", str(many), "--format", fmt, "--draws", "0"]
            b = [*tool, "evaluate", str(one), "--format", fmt, "--draws", "0"]
            med_a, med_b = benchkit.median_pair(a, b, args.runs)
            ratio = med_a / med_b
            verdict = "meets" if ratio <= goal else "MISSES"
            print(f"--format {fmt}: {args.count} files {med_a:.2f} s, one file "
                  f"{med_b * 1000:.0f} ms: ratio {ratio:.1f}x ({verdict} the goal of {goal:g}x); "
                  f"{(med_a - med_b) / (args.count - 1) * 1000:.2f} ms per extra scenario")
        for fmt in args.formats.split(","):
            small = benchkit.peak_rss_mib([*tool, "evaluate", str(fewer), "--format", fmt])
            large = benchkit.peak_rss_mib([*tool, "evaluate", str(many), "--format", fmt])
            print(f"--format {fmt}: peak memory 200 files {small:.0f} MB, {args.count} files "
                  f"{large:.0f} MB ({large / small:.2f}x)")


if __name__ == "__main__":
    main()
