"""``gateway-roi evaluate``: cost the options for each scenario and give the verdict."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.app import app, console, run, stderr
from cli.errors import EXIT_INVALID_INPUT, UsageError

if TYPE_CHECKING:
    from cli.decision import Evaluation
    from cli.errors import Problem


class OutputFormat(StrEnum):
    """Output formats of ``evaluate``."""

    text = "text"
    json = "json"


def collect(paths: list[Path], examples: bool) -> list[Path]:
    """Scenario files from files and folders (every *.yaml / *.yml inside), plus the bundled ones.

    Raises :class:`UsageError` for a path that does not exist or holds no scenario.
    """
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


def evaluate_all(
    files: list[Path], overrides: list[str]
) -> tuple[list[tuple[str, Evaluation]], list[Problem]]:
    """Load and evaluate each file; invalid files become problems, the rest still evaluate."""
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
        files = collect(paths or [], examples)
        results, problems = evaluate_all(files, set_ or [])
        if output_format is OutputFormat.json:
            from cli.render import render_json

            typer.echo(render_json(results, problems))
        elif results:
            from cli.render import print_text

            print_text(console(no_color), results)
        for problem in problems:
            stderr(str(problem))
        if problems:
            stderr(f"gateway-roi: {len(problems)} problem(s) in "
                    f"{len({p.source for p in problems})} input(s)")
        return EXIT_INVALID_INPUT if problems else 0

    code = run(body)
    if code:
        raise typer.Exit(code)


