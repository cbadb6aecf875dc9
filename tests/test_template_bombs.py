"""Template bombs: each is refused with a message, within a few hundred MB, in a real process.

Each bomb once allocated 1-1.6 GB (or raised a MemoryError traceback while compiling) before
the output bound could act. They run in one child process under an address-space limit
(``resource.setrlimit``), so a bomb that got through would fail the test, not the machine;
the child reports each outcome and its peak memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

resource = pytest.importorskip("resource")

ROOT = Path(__file__).resolve().parent.parent
PEAK_LIMIT_MB = 300

_LOOP40 = "{% for i in range(40) %}"
_BIG = '{% set s = "x" * 4000000 %}'
BOMBS = {
    "format-width": '{{ "{:>2000000000}".format(1) }}',
    "format-nested": '{{ "{0:{1}}".format(1, 2000000000) }}',
    "percent-width": '{{ "%2000000000d" % 1 }}',
    "percent-var": '{% set w = 2000000000 %}{{ ("%" ~ w ~ "d") % 1 }}',
    "format-filter": '{{ "%2000000000d"|format(1) }}',
    "ljust": '{{ "x".ljust(2000000000) }}',
    "center-method": '{% set n = 2000000000 %}{{ "x".center(n) }}',
    "center-filter": '{{ "x"|center(2000000000) }}',
    "zfill": '{{ "1".zfill(2000000000) }}',
    "expandtabs": '{{ ("\t" * 1000).expandtabs(2000000) }}',
    "replace-method": '{{ ("x" * 1000000).replace("x", "y" * 2000) }}',
    "replace-empty": '{{ ("x" * 1000000).replace("", "y" * 2000) }}',
    "replace-filter": '{{ ("x" * 1000000)|replace("x", "y" * 2000) }}',
    "double-ns": ('{% set ns = namespace(s="x") %}' + _LOOP40
                  + "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"),
    "double-plus": ('{% set ns = namespace(s="x") %}' + _LOOP40
                    + "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}"),
    "double-list": ("{% set ns = namespace(s=[1]) %}" + _LOOP40
                    + "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}"),
    "list-refs": _BIG + "{{ [s] * 100000 }}",
    "list-literal": _BIG + "{{ [" + ",".join(["s"] * 100) + "] }}",
    "join": _BIG + "{{ ([s] * 1000)|join }}",
    "join-method": _BIG + '{{ "".join([s] * 1000) }}',
    "tojson": _BIG + "{{ ([s] * 1000)|tojson }}",
    "string": _BIG + "{{ ([s] * 1000)|string|length }}",
    "const-mul": '{{ "x" * 2000000000 }}',
    "const-percent": '{{ "%0999999999d" % 1 }}',
    "const-filter": '{{ "x"|center(1999999999) }}',
    "macro-double": ("{% macro m(n) %}{% if n %}{% set x = m(n - 1) %}{{ x }}{{ x }}"
                     "{% else %}x{% endif %}{% endmacro %}{{ m(40)|length }}"),
    "set-block": (_BIG + "{% set b %}{% for i in range(1000) %}{{ s }}{% endfor %}{% endset %}"
                  "{{ b|length }}"),
    "int-power": ("{% set ns = namespace(x=10**1000) %}" + _LOOP40
                  + "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x > 1 }}"),
    "pow-base": "{{ ((10**1000)**1000)**1000 > 1 }}",
    "batch": '{{ [1]|batch(1000000000, "x")|list|length }}',
    "indent": '{{ ("x\n" * 1000000)|indent(2000) }}',
    "wordwrap": '{{ ("x " * 1000000)|wordwrap(1, wrapstring="y" * 1000) }}',
    "lipsum": "{{ lipsum(1000000000) }}",
    "translate": _BIG + '{{ ("a" * 1000000).translate({97: s}) }}',
    "undefined-list": "{{ [undefined_name] }}",
}


_CHILD = textwrap.dedent("""
    import json, resource, sys
    from pathlib import Path

    resource.setrlimit(resource.RLIMIT_AS, (2_500_000_000, 2_500_000_000))
    from gateway_roi.errors import TemplateFailedError
    from gateway_roi.model.evaluation import assess
    from gateway_roi.files.loading import load_scenario_file
    from gateway_roi.outputs.report import render_with_template
    import gateway_roi.outputs.sandbox

    folder = Path(sys.argv[1])
    ev = assess(load_scenario_file(Path(sys.argv[2])), tripwires=False)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if sys.argv[3] == "unchecked":
        # Every check off: only the memory limit stands between a bomb and gigabytes.
        gateway_roi.outputs.sandbox.MAX_VALUE_CHARS = 10**15
    outcomes = {}
    for path in sorted(folder.glob("*.j2")):
        try:
            render_with_template(ev, path)
            outcomes[path.stem] = "rendered"
        except TemplateFailedError as exc:
            outcomes[path.stem] = str(exc)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"outcomes": outcomes, "peak_mb": peak, "grown_mb": peak - before}))
""")


def _run(tmp_path: Path, bombs: dict[str, str], mode: str = "checked") -> dict[str, object]:
    for name, text in bombs.items():
        (tmp_path / f"{name}.j2").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path),
         str(ROOT / "scenarios" / "large-org-governance.yaml"), mode],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_every_bomb_is_refused_with_a_message_within_bounded_memory(tmp_path: Path) -> None:
    """Format widths, ljust/center, replace, doubling, wide lists, constants folded while
    compiling, macros, powers: each refused before it allocates, peak well under 300 MB."""
    result = _run(tmp_path, BOMBS)
    outcomes = result["outcomes"]
    assert isinstance(outcomes, dict)
    for name in BOMBS:
        message = outcomes[name]
        assert message != "rendered", name
        assert message.startswith(str(tmp_path / f"{name}.j2")), message
        assert "Traceback" not in message and "MemoryError" not in message, message
    assert "'undefined_name' is undefined" in outcomes["undefined-list"]
    # What the sandbox promises: rendering grows the process by less than its headroom, on top
    # of what it already held (the scenario, the model, the interpreter).
    assert float(str(result["grown_mb"])) < PEAK_LIMIT_MB, result


def test_memory_limit_stops_what_the_checks_would_miss(tmp_path: Path) -> None:
    """With every size check switched off, the memory limit still ends a bomb with a clear
    message (no MemoryError traceback), and peak memory stays bounded."""
    bombs = {name: BOMBS[name] for name in ("double-ns", "set-block", "const-percent")}
    result = _run(tmp_path, bombs, mode="unchecked")
    outcomes = result["outcomes"]
    assert isinstance(outcomes, dict)
    for name in bombs:
        assert "ran out of the memory a template may use" in outcomes[name], outcomes[name]
    assert float(str(result["peak_mb"])) < 500, result["peak_mb"]


def test_ordinary_templates_still_render(tmp_path: Path) -> None:
    """The checks refuse only what is large: formatting, joins, filters and macros work."""
    ordinary = {
        "ordinary": (
            "{% macro row(o) %}| {{ o.label|replace('|', '/')|center(20) }} |{% endmacro %}"
            "{{ '%-10s|%8.2f' % ('total', 12.5) }} {{ '{:>8}'.format('x') }}\n"
            "{{ meta.decision_makers|join(', ') }} {{ ('ab' * 3).ljust(10, '.') }}\n"
            "{% set ns = namespace(s='x') %}{% for i in range(10) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}\n"
            "{{ [1, 2] + [3] }} {{ 2 ** 10 }} {{ (range(10)|list)|batch(3)|list|length }}\n"
        ),
    }
    result = _run(tmp_path, ordinary)
    outcomes = result["outcomes"]
    assert isinstance(outcomes, dict)
    assert outcomes["ordinary"] == "rendered", outcomes
