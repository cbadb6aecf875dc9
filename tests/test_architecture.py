"""The shape a newcomer relies on: commands stand alone, no import loops, a light core.

Imports are read from the source (every ``import`` statement, also those inside functions), so
a lazy import counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cli"


def _module_name(path: Path) -> str:
    # The folder cli/ installs as the import package gateway_roi.
    parts = ("gateway_roi", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Modules of this package that ``path`` imports (``from gateway_roi.x import y`` gives
    gateway_roi.x and,
    when y is a module, gateway_roi.x.y)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes: list[ast.AST] = list(tree.body) if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("gateway_roi"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gateway_roi"):
            assert node.module is not None
            found.add(node.module)
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                if (PACKAGE / Path(*candidate.split(".")[1:])).with_suffix(".py").exists():
                    found.add(candidate)
    return found


def test_no_command_imports_another_command() -> None:
    """What commands share lives in cli/shell.py, not in one of them."""
    commands = {_module_name(p) for p in (PACKAGE / "commands").glob("*.py")
                if p.name != "__init__.py"}
    assert "gateway_roi.commands.evaluate" in commands
    for path in (PACKAGE / "commands").glob("*.py"):
        name = _module_name(path)
        assert not (_imports(path) & (commands - {name})), name


def test_no_import_cycles_at_module_level() -> None:
    """Modules import each other at load time in one direction only."""
    graph = {_module_name(p): _imports(p, top_level_only=True) for p in PACKAGE.rglob("*.py")}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = path[path.index(module):] + [module]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if module in done or module not in graph:
            return
        for other in graph[module]:
            visit(other, [*path, module])
        done.add(module)

    for module in graph:
        visit(module, [])


def test_machine_outputs_and_text_cleaning_do_not_load_the_terminal_libraries() -> None:
    """Importing any output format's module (cli/outputs/formatters/<format>.py), and the error
    path's text cleaning, never pays for rich: the text formatter loads it only to print."""
    from gateway_roi.outputs.formatters import OutputFormat

    modules = ["gateway_roi.text", "gateway_roi.options", "gateway_roi.outputs.formatters",
               *(f"gateway_roi.outputs.formatters.{f.value}" for f in OutputFormat)]
    code = (f"import sys, {', '.join(modules)};"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'typer','rich'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == "[]"


def test_each_short_flag_means_one_thing_in_every_command() -> None:
    """-f is --format wherever it exists (ask's --force has no short form), -o is --output..."""
    import typer.main

    from gateway_roi.app import app
    from gateway_roi.commands import load

    load()
    group: Any = typer.main.get_command(app)
    meaning: dict[str, set[str]] = {}
    for name, command in group.commands.items():
        for param in command.params:
            shorts = [o for o in param.opts if len(o) == 2]
            longs = [o for o in param.opts if o.startswith("--")]
            for short in shorts:
                meaning.setdefault(short, set()).update(f"{o} ({name})" for o in longs)
    assert meaning["-f"] and all(m.startswith("--format ") for m in meaning["-f"])
    for short, longs in meaning.items():
        assert len({m.split(" ")[0] for m in longs}) == 1, (short, sorted(longs))


def test_every_command_reports_errors_through_the_one_error_path() -> None:
    """Each command's body runs inside gateway_roi.app.run, which maps errors to messages and codes."""
    for path in (PACKAGE / "commands").glob("*.py"):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        commands = [node for node in tree.body if isinstance(node, ast.FunctionDef)
                    and any("command" in ast.unparse(d) for d in node.decorator_list)]
        assert commands, path.name
        for command in commands:
            calls = {ast.unparse(n.func) for n in ast.walk(command) if isinstance(n, ast.Call)}
            assert "run" in calls, f"{path.name}: {command.name} does not call run()"
            assert "typer.Exit" not in calls, f"{path.name}: {command.name} exits by itself"
