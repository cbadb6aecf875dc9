"""The floor app: the least a command of gateway-roi's shape can cost, for the speed benchmark.

Not a test (pytest does not collect it), and not part of the tool. A minimal typer app that does
what ``gateway-roi evaluate SCENARIO --format json --draws 0`` cannot avoid: start Python and
typer, read one YAML file with a safe loader, validate it with pydantic (nested sections, each
checked, unknown fields refused), and print it as JSON. Whatever ``evaluate`` takes beyond this
is the tool's own work (its model, rules, tripwires and output); ``tests/bench_speed.py`` times
the two alternately and prints the ratio.

    python tests/bench_floor.py scenarios/large-org-governance.yaml
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command()
def evaluate(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Load the scenario file, validate it, print it as JSON."""
    import json

    import yaml
    from pydantic import BaseModel, ConfigDict, Field

    class Section(BaseModel):
        """Any section of a scenario: a mapping of named values."""

        model_config = ConfigDict(extra="allow", frozen=True)

    class Scenario(BaseModel):
        """The top of a scenario file: its name and its sections."""

        model_config = ConfigDict(extra="forbid", frozen=True)
        name: str = Field("Unnamed scenario", min_length=1, max_length=200)
        description: str = Field("", max_length=5_000)
        decision_makers: list[str] = []
        expect: str | None = None
        currency: str = "USD"
        usd_rate: Any = None
        horizon_months: int = Field(36, ge=1, le=240)
        discount_rate: Any = None
        organisation: Section = Section()
        providers: Section = Section()
        team: Section = Section()
        needs: Section = Section()
        operations: Section = Section()
        reliability: Section = Section()
        thresholds: Section = Section()
        buy: Section = Section()
        self_host: Section = Section()
        assumptions: dict[str, Any] = {}
        unknown: list[str] = []

    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    scenario = Scenario.model_validate(data)
    typer.echo(json.dumps(scenario.model_dump(mode="json"), indent=2, sort_keys=True))


if __name__ == "__main__":
    app()
