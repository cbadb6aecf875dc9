"""The JSON Schema of scenario files, as text."""

from __future__ import annotations

import json

from gateway_roi.model.facts import bundled_facts
from gateway_roi.model.scenario import Scenario

__all__ = ["scenario_schema_text"]


def scenario_schema_text() -> str:
    """JSON Schema (draft 2020-12) of a scenario file, stable and ending with a newline.

    The products the bundled facts know are given as examples (not an enum: a team's own facts
    file may add others), so an editor can suggest them.
    """
    schema = Scenario.model_json_schema()
    book = bundled_facts()
    defs = schema.get("$defs", {})
    for model, field, products in (("Buy", "vendor", book.saas()),
                                   ("SelfHost", "gateway", book.open_source())):
        prop = defs.get(model, {}).get("properties", {}).get(field)
        if prop is not None:
            prop["examples"] = ["auto", *(p.id for p in products)]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "gateway-roi scenario",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
