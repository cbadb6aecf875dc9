"""CONTRIBUTING.md's recipe for a governance need, followed: one registry entry is enough.

A fresh interpreter adds a need to :data:`gateway_roi.needs.NEEDS` before anything else reads
the registry, then checks every place CONTRIBUTING.md says follows from it: the scenario format
and its JSON Schema, ``ask``'s question, the cost model's inputs and lines, the words of both
languages and the rules. A place that still lists the needs by hand fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PROGRAM = textwrap.dedent('''
    import json
    import gateway_roi.needs as registry
    from gateway_roi.needs import Estimate, GovernanceNeed

    # The fixture: the entry CONTRIBUTING.md's recipe asks for, nothing else.
    entry = GovernanceNeed(
        "prompt_review", "Prompts reviewed before they reach a provider.",
        "prompt review", "提示词审核",
        "Must prompts be reviewed before they reach a provider?", "A reviewer sees each new prompt.",
        imposable=True, imposed_by_default=False, met_by_automation=False,
        capability="prompt_review",
        build_hours=Estimate(10, 20, 40, "test fixture"),
        upkeep_hours=Estimate(1, 2, 3, "test fixture"),
        manual_hours=Estimate(1, 2, 3, "test fixture"))
    registry.NEEDS = (*registry.NEEDS, entry)
    registry.NEED_IDS = tuple(n.id for n in registry.NEEDS)
    registry._BY_ID = {n.id: n for n in registry.NEEDS}

    from gateway_roi.ask.questions import QUESTIONS
    from gateway_roi.files.loading import load_scenario_text
    from gateway_roi.model.assumptions import ASSUMPTIONS
    from gateway_roi.model.evaluation import assess
    from gateway_roi.model.scenario import Scenario
    from gateway_roi.words.i18n import term

    scenario = load_scenario_text("""
    name: prompts
    organisation: {services: 40, monthly_requests: 50000000}
    team: {platform_team: true, on_call_24x7: true}
    needs:
      governance: {prompt_review: required}
    """)
    ev = assess(scenario, draws=0)
    question = next((q for q in QUESTIONS if q.field == "needs.governance.prompt_review"), None)
    build = ev.options["build"]
    print(json.dumps({
        "level": scenario.needs.governance.prompt_review,
        "schema": "prompt_review" in json.dumps(Scenario.model_json_schema()),
        "question": question.prompt if question else None,
        "inputs": sorted(k for k in ASSUMPTIONS if k.endswith("_prompt_review")),
        "build_lines": [line.label for line in build.lines if "prompt review" in line.label],
        "en": term("need.prompt_review", "en"),
        "zh": term("need.prompt_review", "zh"),
        "gateway_only": list(ev.decision.criteria.need.gateway_only),
        "verdict": ev.decision.option,
    }))
''')


def test_one_registry_entry_reaches_every_place_a_need_is_used() -> None:
    """Scenario, schema, ask, cost inputs and lines, both languages and the rules all follow."""
    proc = subprocess.run([sys.executable, "-c", _PROGRAM], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["level"] == "required"
    assert seen["schema"]
    assert seen["question"] == "Must prompts be reviewed before they reach a provider?"
    assert seen["inputs"] == ["build_hours_prompt_review", "build_upkeep_prompt_review",
                              "manual_hours_prompt_review"]
    assert seen["build_lines"], "building the gateway must include building the new need"
    assert (seen["en"], seen["zh"]) == ("prompt review", "提示词审核")
    assert "prompt_review" in seen["gateway_only"]
    # A required governance need at this scale, with a rotation in place: a gateway, not direct.
    assert seen["verdict"] not in ("direct", "automate")
