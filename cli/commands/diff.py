"""``gateway-roi diff``: what differs between two scenarios and what it does to the verdict."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gateway_roi.app import app, run
from gateway_roi.shell import (
    ConfigFile,
    FactsFile,
    NoConfig,
    TextOrJson,
    format_option,
    load_facts,
    load_one,
    not_a_file,
    print_problems,
    problem_count,
    settings_choice,
    write_stdout,
)


@app.command()
def diff(
    a: Annotated[Path, typer.Argument(help="The scenario before (A).", show_default=False)],
    b: Annotated[Path, typer.Argument(help="The scenario after (B).", show_default=False)],
    output_format: Annotated[
        TextOrJson, format_option("text for people, json for machines.")
    ] = TextOrJson.text,
    facts: FactsFile = None,
    config: ConfigFile = None,
    no_config: NoConfig = False,
) -> None:
    """Compare two scenarios: inputs that differ, each option's total, and the verdict.

    Inputs are listed by dotted field path, A -> B (a field left to its default shows the
    default figure). Each option's total moves old -> new with the change. When the verdict
    (or the rule) changed, the criteria that changed are named (need kind, scale, ops capacity,
    walls against buying) with their numbers or, when none did, the cost comparison that
    flipped (automate vs direct, buy vs self_host).

    Exit codes: 0 compared (whether or not anything differs); 1 a file is invalid (problems as
    file:line: field: message, from both files); 2 usage.

    For example:

      gateway-roi diff scenarios/today.yaml scenarios/next-year.yaml

      gateway-roi diff a.yaml b.yaml --format json

    """

    def body() -> None:
        import json

        from gateway_roi.errors import InvalidScenarioError, Problem, ProblemsReportedError
        from gateway_roi.files.writing import display_path
        from gateway_roi.model.evaluation import assess
        from gateway_roi.model.scenario import Scenario
        from gateway_roi.outputs.compare import diff_evaluations
        from gateway_roi.outputs.formatters.json import diff_data
        from gateway_roi.outputs.formatters.text import diff_text

        for path in (a, b):
            if (refused := not_a_file(path, "diff compares two scenario files")) is not None:
                raise refused
        choice = settings_choice(config, no_config, facts)
        book = load_facts(facts)
        problems: list[Problem] = []
        scenarios: list[Scenario] = []
        for path in (a, b):
            try:
                scenarios.append(load_one(path, [], book, choice))
            except InvalidScenarioError as exc:
                problems.extend(exc.problems)
        if problems:
            print_problems(problems)
            raise ProblemsReportedError(problem_count(problems, "file(s)") + "; nothing compared")
        ev_a, ev_b = (assess(s, tripwires=False, facts=book) for s in scenarios)
        result = diff_evaluations(ev_a, ev_b, display_path(a), display_path(b))
        if output_format is TextOrJson.json:
            write_stdout(json.dumps(diff_data(result), indent=2, ensure_ascii=False,
                                    allow_nan=False) + "\n")
        else:
            write_stdout(diff_text(result))

    run(body)
