"""Template bombs: each is refused with a message, within a few hundred MB, in a real process.

Each bomb once allocated 1-1.6 GB (or raised a MemoryError traceback while compiling) before
the output bound could act. A template renders in a child process (so that one long operation
in C cannot outrun the time limit): the peak memory measured is the larger of this process's
and its children's. They run in one child process under an address-space limit
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
ONE = ROOT / "scenarios" / "large-org-governance.yaml"
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
    # Templates render in child processes: their peak counts as much as this process's.
    peak = max(resource.getrusage(who).ru_maxrss / 1024
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
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


# --- every path out is bounded: one message and exit 1, within the time limit --------------

NESTED = {
    "brackets": "{{ " + "(" * 300 + "1" + ")" * 300 + " }}",
    "blocks": "{% if 1 %}" * 300 + "x" + "{% endif %}" * 300,
    "unary": "{{ " + "-" * 5000 + "1 }}",
    "lists": "{{ " + "[" * 200 + "]" * 200 + " }}",
}


@pytest.mark.parametrize("source", NESTED.values(), ids=NESTED.keys())
def test_deeply_nested_template_source_is_one_message(tmp_path: Path, source: str) -> None:
    """Class 8: source nested beyond what the compiler can take: exit 1, one line, no traceback
    (it once ended in a RecursionError traceback from the template compiler)."""
    template = tmp_path / "deep.md.j2"
    template.write_text(source, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "gateway_roi", "report", str(ONE),
         "--draws", "0", "--template", str(template)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"gateway-roi: {template}: nests too deeply"), done.stderr
    assert done.stdout == ""


C_BOUND = ("{% set a = range(100000)|list %}{% set b = range(100000)|list %}"
           "{% set x = [0]|batch(100000, fill_with=a)|first %}"
           "{% set y = [0]|batch(100000, fill_with=b)|first %}{{ x == y }}")
"""One comparison inside C of 10^10 numbers (minutes): no signal handler runs meanwhile."""


def test_a_render_stuck_inside_c_ends_at_its_time_limit(tmp_path: Path) -> None:
    """Class 8: a template whose one operation runs in C for minutes is stopped at its time
    limit (here 1 s, plus the second of grace), not when the operation ends."""
    import time

    from gateway_roi.errors import TemplateFailedError
    from gateway_roi.files.loading import load_scenario_file
    from gateway_roi.model.evaluation import assess
    from gateway_roi.outputs.report import render_with_template

    template = tmp_path / "c.md.j2"
    template.write_text(C_BOUND, encoding="utf-8")
    ev = assess(load_scenario_file(ONE), draws=0,
                tripwires=False)
    started = time.monotonic()
    with pytest.raises(TemplateFailedError, match="still rendering after 1 s; stopped"):
        render_with_template(ev, template, seconds=1)
    assert time.monotonic() - started < 30  # the comparison alone takes minutes


def _ignores(status: Path, signum: int) -> bool:
    """Whether the process whose /proc status file this is ignores ``signum`` (False once gone)."""
    try:
        lines = status.read_text().splitlines()
    except OSError:
        return False
    mask = next((int(line.split()[1], 16) for line in lines if line.startswith("SigIgn:")), 0)
    return bool(mask >> (signum - 1) & 1)


def test_a_stopped_render_leaves_no_process_behind(tmp_path: Path) -> None:
    """Class 8: SIGTERM to `report` while its template renders: the rendering child goes too."""
    import signal
    import time

    template = tmp_path / "c.md.j2"
    template.write_text(C_BOUND, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-m", "gateway_roi", "report", str(ONE),
         "--draws", "0", "--template", str(template)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    children = Path(f"/proc/{child.pid}/task/{child.pid}/children")
    if not children.parent.exists():
        child.kill()
        pytest.skip("needs /proc to see the render's child process")
    deadline = time.monotonic() + 60
    while not (children.exists() and children.read_text().split()):
        assert child.poll() is None and time.monotonic() < deadline, child.communicate()
        time.sleep(0.02)
    renderer = int(children.read_text().split()[0])
    # Signal once the renderer is rendering (it ignores stop signals then, leaving them to
    # its parent): a signal landing in the instant of the fork itself is not what this tests.
    status = Path(f"/proc/{renderer}/status")
    while not _ignores(status, signal.SIGTERM):
        assert child.poll() is None and time.monotonic() < deadline, child.communicate()
        time.sleep(0.01)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 143, err
    assert not Path(f"/proc/{renderer}").exists() or "Z" in Path(
        f"/proc/{renderer}/stat").read_text().split()[2]


def test_a_template_that_is_a_pipe_or_too_big_is_refused_unread(tmp_path: Path) -> None:
    """Class 8: a FIFO (as the template or an include) is never waited on; a template over
    1 MB is refused before it is read."""
    os.mkfifo(tmp_path / "pipe.md.j2")
    (tmp_path / "includes.md.j2").write_text('{% include "pipe.md.j2" %}', encoding="utf-8")
    (tmp_path / "big.md.j2").write_text("x" * 1_000_001, encoding="utf-8")
    for name, reason in (("pipe.md.j2", "not a regular file"),
                         ("includes.md.j2", "not a regular file"),
                         ("big.md.j2", "more than a template may have")):
        done = subprocess.run(
            [sys.executable, "-m", "gateway_roi", "report",
             str(ONE), "--draws", "0",
             "--template", str(tmp_path / name)],
            capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 1, done.stderr
        assert reason in done.stderr and "Traceback" not in done.stderr, done.stderr
