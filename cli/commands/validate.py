"""``gateway-roi validate``: check scenario files without evaluating them (editors, pre-commit)."""

from __future__ import annotations

from typing import Annotated

from gateway_roi.app import app, run
from gateway_roi.shell import (
    ConfigFile,
    FactsFile,
    NoConfig,
    Paths,
    TextOrJson,
    collect,
    format_option,
    load_all,
    load_facts,
    print_problems,
    settings_choice,
    write_stdout,
)


@app.command()
def validate(
    paths: Paths,
    output_format: Annotated[
        TextOrJson,
        format_option("text: problems on stderr; json: one document on stdout listing each "
                      "file and every problem."),
    ] = TextOrJson.text,
    facts: FactsFile = None,
    config: ConfigFile = None,
    no_config: NoConfig = False,
) -> None:
    """Validate scenario files only (no costs, no verdict): every problem in every file is listed.

    Each problem is printed on stderr as file:line: field: message. This is what the
    pre-commit hook runs.

    Exit codes: 0 every file is valid; 1 a file has problems; 2 usage (e.g. a missing path).

    For example:

      gateway-roi validate scenarios/

      gateway-roi validate team-a.yaml team-b.yaml --format json

    """

    def body() -> None:
        import json

        from gateway_roi.errors import Problem, ProblemsReportedError
        from gateway_roi.files.writing import display_path
        from gateway_roi.outputs.formatters.json import SCHEMA_VERSION

        choice = settings_choice(config, no_config, facts)
        files = collect(paths, examples=False)
        problems: list[Problem] = []
        loaded = {display_path(path)
                  for path, _ in load_all(files, [], problems, facts=load_facts(facts),
                                          choice=choice)}
        # A problem may sit in the settings file a scenario reads: that scenario failed too.
        failed = {p.source for p in problems} | {display_path(f) for f in files
                                                 if display_path(f) not in loaded}
        if output_format is TextOrJson.json:
            doc = {
                "schema_version": SCHEMA_VERSION,
                "files": [{"file": display_path(f), "valid": display_path(f) not in failed}
                          for f in files],
                "errors": [p.to_dict() for p in problems],
            }
            write_stdout(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        else:
            print_problems(problems)
        if problems:
            raise ProblemsReportedError(
                f"{len(problems)} problem(s) in "
                f"{sum(1 for f in files if display_path(f) in failed)} of {len(files)} "
                "scenario file(s)")
        if output_format is TextOrJson.text:
            write_stdout(f"{len(files)} scenario file(s) valid\n")

    run(body)
