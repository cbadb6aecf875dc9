"""``gateway-roi examples``: list or copy the bundled scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gateway_roi.app import app, run
from gateway_roi.errors import UsageError
from gateway_roi.shell import Force


@app.command()
def examples(
    copy: Annotated[
        Path | None,
        typer.Option("--copy", metavar="DIR",
                     help="Write the bundled scenarios (and their schema) into DIR for editing."),
    ] = None,
    force: Force = False,
) -> None:
    """List the bundled example scenarios and what each illustrates.

    Examples:
      gateway-roi examples

      gateway-roi examples --copy my-scenarios/

    """

    def body() -> None:
        from gateway_roi.files.resources import bundled_dir, bundled_scenarios, scenario_summary
        from gateway_roi.files.writing import FileSet, display_path

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
        # All or nothing, and never over an existing file without --force (see
        # gateway_roi.files.writing).
        with FileSet(copy, force=force) as out:
            out.check([p.name for p in sources])
            for src in sources:
                out.add(src.name, src.read_text(encoding="utf-8"))
        from gateway_roi.text import escape_line

        typer.echo(f"wrote {len(targets)} files to {escape_line(display_path(copy))}")

    run(body)
