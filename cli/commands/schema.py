"""``gateway-roi schema``: print the JSON Schema of scenario files."""

from __future__ import annotations

from gateway_roi.app import app, run


@app.command()
def schema() -> None:
    """Print the JSON Schema of scenario files (for editor completion and validation).

    Example: gateway-roi schema > scenario.schema.json
    """

    def body() -> None:
        from gateway_roi.files.schema_export import scenario_schema_text
        from gateway_roi.shell import write_stdout

        write_stdout(scenario_schema_text())

    run(body)
