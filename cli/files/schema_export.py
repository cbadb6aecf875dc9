"""The JSON Schema of scenario files, as text."""

from __future__ import annotations

import json

from gateway_roi.model.scenario import Scenario

__all__ = ["scenario_schema_text"]


def scenario_schema_text() -> str:
    """JSON Schema (draft 2020-12) of a scenario file, stable and ending with a newline."""
    schema = Scenario.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "gateway-roi scenario",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
