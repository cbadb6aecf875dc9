"""The ``gateway-roi`` command: each command parses, calls one core function, renders.

Only typer is imported at start-up; each command imports what it needs, so ``--version`` and
``--help`` stay cheap. :func:`_run` is the one place that maps errors to exit codes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from cli import __version__
from cli.errors import EXIT_INTERRUPTED, EXIT_INVALID_INPUT, GatewayRoiError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from cli.decision import Evaluation
    from cli.errors import Problem

app = typer.Typer(
    name="gateway-roi",
    help=(
        "Should your team build, buy or skip an AI gateway? Cost the five options over time, "
        "apply the decision rules, and see what would change the answer.\n\n"
        "Start with: gateway-roi evaluate --examples"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

T = TypeVar("T")


class OutputFormat(StrEnum):
    """Output formats of ``evaluate``."""

    text = "text"
    json = "json"


def _stderr(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


def _run(action: Callable[[], T]) -> T:
    """Run a command body; turn our errors and Ctrl-C into a message and an exit code."""
    try:
        return action()
    except GatewayRoiError as exc:
        _stderr(f"gateway-roi: {exc}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _stderr("gateway-roi: interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def _console(no_color: bool) -> Console:
    from rich.console import Console

    env_off = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    force = os.environ.get("FORCE_COLOR")
    return Console(
        no_color=no_color or env_off or force == "0",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gateway-roi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Should your team build, buy or skip an AI gateway."""


def _collect(paths: list[Path], examples: bool) -> list[Path]:
    from cli.resources import bundled_scenarios

    files: list[Path] = []
    if examples:
        files.extend(bundled_scenarios())
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"}
                           and p.is_file() and not p.name.startswith("."))
            if not found:
                raise UsageError(f"{path}: no *.yaml or *.yml files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    if not files:
        raise UsageError("give scenario files or folders, or --examples for the bundled ones")
    return files


def _evaluate_all(
    files: list[Path], overrides: list[str]
) -> tuple[list[tuple[str, Evaluation]], list[Problem]]:
    from cli.decision import evaluate
    from cli.errors import InvalidScenarioError
    from cli.loading import load_scenario_file

    results: list[tuple[str, Evaluation]] = []
    problems: list[Problem] = []
    for path in files:
        try:
            scenario = load_scenario_file(path, overrides)
        except InvalidScenarioError as exc:
            problems.extend(exc.problems)
            continue
        results.append((str(path), evaluate(scenario)))
    return results, problems


@app.command()
def evaluate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Scenario files, or folders holding *.yaml / *.yml files.",
                       show_default=False),
    ] = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Evaluate the bundled example scenarios.")
    ] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text for people, json for machines.")
    ] = OutputFormat.text,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", metavar="PATH=VALUE",
                     help="Override a field for a what-if, e.g. --set organisation.services=20 "
                          "(repeatable; validated like the file)."),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours.")] = False,
) -> None:
    """Cost the five options for each scenario and say which one the rules recommend.

    Exit codes: 0 all scenarios evaluated; 1 a scenario or --set value was invalid (each
    problem printed as file:line: field: message, the valid ones still evaluated); 2 usage.

    Examples:
      gateway-roi evaluate --examples

      gateway-roi evaluate scenarios/ --format json

      gateway-roi evaluate my-team.yaml --set organisation.services=25

    """

    def body() -> int:
        files = _collect(paths or [], examples)
        results, problems = _evaluate_all(files, set_ or [])
        if output_format is OutputFormat.json:
            from cli.render import render_json

            typer.echo(render_json(results, problems))
        elif results:
            from cli.render import print_text

            print_text(_console(no_color), results)
        for problem in problems:
            _stderr(str(problem))
        if problems:
            _stderr(f"gateway-roi: {len(problems)} problem(s) in "
                    f"{len({p.source for p in problems})} input(s)")
        return EXIT_INVALID_INPUT if problems else 0

    code = _run(body)
    if code:
        raise typer.Exit(code)


@app.command()
def schema() -> None:
    """Print the JSON Schema of scenario files (for editor completion and validation).

    Example: gateway-roi schema > scenario.schema.json
    """
    from cli.schema_export import scenario_schema_text

    typer.echo(scenario_schema_text(), nl=False)


@app.command()
def examples(
    copy: Annotated[
        Path | None,
        typer.Option("--copy", metavar="DIR",
                     help="Write the bundled scenarios (and their schema) into DIR for editing."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """List the bundled example scenarios and what each illustrates.

    Examples:
      gateway-roi examples

      gateway-roi examples --copy my-scenarios/

    """

    def body() -> None:
        from cli.files import write_atomic
        from cli.resources import bundled_dir, bundled_scenarios, scenario_summary

        files = bundled_scenarios()
        if copy is None:
            for path in files:
                typer.echo(f"{path.name}\n    {scenario_summary(path)}\n")
            typer.echo(f"({len(files)} scenarios in {bundled_dir('scenarios')}; "
                       "evaluate them with: gateway-roi evaluate --examples)")
            return
        if copy.exists() and not copy.is_dir():
            raise UsageError(f"{copy}: exists and is not a folder")
        sources = [*files, bundled_dir("scenarios") / "scenario.schema.json"]
        targets = [copy / p.name for p in sources]
        existing = [t for t in targets if t.exists()]
        if existing and not force:
            from cli.errors import OutputExistsError

            raise OutputExistsError(
                f"{', '.join(str(t) for t in existing)}: already exist(s); use --force to "
                "overwrite"
            )
        for src, dst in zip(sources, targets, strict=True):
            write_atomic(dst, src.read_text(encoding="utf-8"), force=True)
        typer.echo(f"wrote {len(targets)} files to {copy}")

    _run(body)


def main() -> None:
    """Console-script entry point."""
    # Third-party pydantic plugins have no business in this tool, and discovering them scans
    # every installed package's metadata at start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="gateway-roi")
