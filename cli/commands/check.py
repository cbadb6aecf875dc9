"""``gateway-roi check``: a CI gate that fails when a verdict drifts from the recorded one."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gateway_roi.app import app, run, stderr
from gateway_roi.options import OptionChoice
from gateway_roi.shell import (
    ConfigFile,
    FactsFile,
    NoConfig,
    Paths,
    TextOrJson,
    collect,
    compared_in_chunks,
    format_option,
    load_all,
    load_facts,
    print_problems,
    problem_count,
    progress,
    progress_wanted,
    settings_choice,
    write_stdout,
)

if TYPE_CHECKING:
    from gateway_roi.model.facts import FactBook
    from gateway_roi.model.scenario import Scenario
    from gateway_roi.outputs.compare import CheckResult


@app.command()
def check(
    paths: Paths,
    expect: Annotated[
        OptionChoice | None,
        typer.Option("--expect", help="The verdict every scenario given must have; without it, "
                                      "each scenario's own expect: field is used.",
                     show_default=False),
    ] = None,
    output_format: Annotated[
        TextOrJson, format_option("text for people, json for machines.")
    ] = TextOrJson.text,
    facts: FactsFile = None,
    config: ConfigFile = None,
    no_config: NoConfig = False,
) -> None:
    """Fail when a scenario's verdict is not the one your team recorded (a CI gate).

    The expected verdict is --expect, or else the scenario's expect: field (an option id:
    direct, automate, buy, self_host, build). Each scenario prints ok, or DIFFERS with the
    expected and actual verdict, the rule that fired, its reasons and, when there are any, the
    changes that would bring the expected verdict back.

    Exit codes: 0 every verdict as expected; 3 a verdict differs; 1 a scenario file is invalid
    (problems as file:line: field: message); 2 usage, including a scenario with no expected
    verdict. When several apply: 2, then 1, then 3.

    For example:

      gateway-roi check scenarios/

      gateway-roi check my-team.yaml --expect automate

    """

    def _check_each(loaded: Iterable[tuple[Path, Scenario]], results: list[CheckResult],
                    missing: list[str], write: Callable[[str], object],
                    book: FactBook) -> None:
        from gateway_roi.files.writing import display_path
        from gateway_roi.model.evaluation import assess
        from gateway_roi.model.rules import RULES
        from gateway_roi.outputs.compare import CheckResult, check_verdict
        from gateway_roi.outputs.formatters.text import check_text

        def expected_of(scenario: Scenario) -> str | None:
            return expect.value if expect is not None else scenario.expect

        if output_format is TextOrJson.text:
            # An ok line needs only the verdict and its rule: scenarios of one shape are
            # costed together; only a verdict that drifted is evaluated whole.
            def given() -> Iterator[tuple[Path, Scenario]]:
                for path, scenario in loaded:
                    if expected_of(scenario) is None:
                        missing.append(display_path(path))
                    else:
                        yield path, scenario

            for path, totals in compared_in_chunks(given(), book):
                expected = expected_of(totals.scenario)
                assert expected is not None
                if totals.option == expected:
                    result = CheckResult(display_path(path), totals.scenario.name, expected,
                                         totals.option, totals.rule, RULES[totals.rule], (), ())
                else:
                    result = check_verdict(assess(totals.scenario, facts=book), expected,
                                           display_path(path))
                results.append(result)
                write(check_text(result))
            return
        for path, scenario in loaded:
            expected = expected_of(scenario)
            if expected is None:
                missing.append(display_path(path))
                continue
            result = check_verdict(assess(scenario, tripwires=False, facts=book), expected,
                                   display_path(path))
            if not result.matched:
                # Only a scenario that drifted pays for the tripwire search: what would bring
                # the expected verdict back.
                result = check_verdict(assess(scenario, facts=book), expected,
                                       display_path(path))
            results.append(result)

    def body() -> None:
        import json

        from gateway_roi.errors import (
            Problem,
            ProblemsReportedError,
            UsageError,
            VerdictChangedError,
        )
        from gateway_roi.outputs.formatters.json import check_data

        choice = settings_choice(config, no_config, facts)
        files = collect(paths, examples=False)
        book = load_facts(facts)
        problems: list[Problem] = []
        results: list[CheckResult] = []
        missing: list[str] = []
        # A long check on a terminal shows how far it got, as evaluate does; the ok lines go
        # through the bar (it keeps itself below them).
        bar = progress_wanted(len(files))
        with progress(len(files), bar, no_color=False, label="checking") as advance:
            _check_each(load_all(files, [], problems, advance, book, choice), results, missing,
                        sys.stdout.write if bar else write_stdout, book)
        if output_format is TextOrJson.json:
            doc = check_data(results, missing, problems)
            write_stdout(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        else:
            print_problems(problems)
            for source in missing:
                stderr(f"{source}: expect: no expected verdict; add `expect: OPTION` to the "
                       "scenario or pass --expect OPTION")
        differ = [r for r in results if not r.matched]
        if missing:
            raise UsageError(f"{len(missing)} scenario(s) without an expected verdict")
        if problems:
            raise ProblemsReportedError(problem_count(problems))
        if differ:
            raise VerdictChangedError(
                f"{len(differ)} of {len(results)} verdict(s) differ from the expected one; if "
                "the new verdict is right, record it in the scenario's expect: field")
        if output_format is TextOrJson.text:
            write_stdout(f"all {len(results)} verdict(s) as expected\n")

    run(body)
