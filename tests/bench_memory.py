"""Peak memory where issue 15 found gigabytes: run with `python tests/bench_memory.py [N]`.

Prints the peak resident memory of:

* `report --out-dir` over N generated scenarios (default 500; the issue saw 347 MB at 2,000
  when every record was held until the end; now one is held at a time);
* `evaluate --draws` at its maximum (100,000) for one ranged scenario (1,000,000 took 2.7 GB);
* `report --template` with a template that doubles a string in a loop, and one that asks for a
  format width of two billion (1-1.6 GB each before the sandbox sized every step).

Goal: each under a few hundred MB.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchkit import peak_rss_mib, tool

ROOT = Path(__file__).resolve().parent.parent
GOAL_MIB = 300.0


def main() -> None:
    """Print each case's peak memory against the goal."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "batch")
        folder.mkdir()
        for i in range(count):
            (folder / f"s{i:05}.yaml").write_text(
                f"name: Team {i}\norganisation:\n  services: {i % 50 + 1}\n", encoding="utf-8")
        doubling = Path(tmp, "doubling.md.j2")
        doubling.write_text('{% set ns = namespace(s="x") %}{% for i in range(40) %}'
                            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
                            encoding="utf-8")
        width = Path(tmp, "width.md.j2")
        width.write_text('{{ "{:>2000000000}".format(1) }}', encoding="utf-8")
        one = ROOT / "scenarios" / "rotation-pain-mid-size.yaml"
        cases = {
            f"report --out-dir, {count} scenarios": [
                *tool(), "report", str(folder), "--draws", "0", "--out-dir", str(Path(tmp, "r"))],
            "evaluate --draws 100000, one ranged scenario": [
                *tool(), "evaluate", str(one), "--draws", "100000", "-f", "json"],
            "report --template, a string doubled in a loop": [
                *tool(), "report", str(one), "--draws", "0", "--template", str(doubling)],
            "report --template, a format width of 2e9": [
                *tool(), "report", str(one), "--draws", "0", "--template", str(width)],
        }
        for label, cmd in cases.items():
            peak = peak_rss_mib(cmd)
            verdict = "ok" if peak <= GOAL_MIB else "OVER"
            print(f"{label:48} {peak:7.1f} MiB  (goal <= {GOAL_MIB:.0f})  {verdict}")


if __name__ == "__main__":
    main()
