"""What a record keeps about where it came from, for ``gateway-roi revisit``.

The scenario's path and digest, the ``--set`` values, the tool version, the verdict, every input
with its value and origin, the date of each product fact and the settings taken, as one line of
JSON a marker comment can hold (:func:`provenance_comment`). Pure: no files, no terminal.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from gateway_roi.options import OPTION_IDS

if TYPE_CHECKING:
    from gateway_roi.model.evaluation import Evaluation
    from gateway_roi.outputs.report_data import RecordSettings
    from gateway_roi.words.i18n import Lang

__all__ = ["PROVENANCE_VERSION", "provenance", "provenance_comment", "settings_value"]


PROVENANCE_VERSION = 1


def provenance(ev: Evaluation, settings: RecordSettings, lang: Lang = "en") -> dict[str, Any]:
    """What a record needs to be re-checked later (``gateway-roi revisit``).

    The scenario's path (relative to the record) and the digest of its file, the ``--set``
    values, the tool's version, the verdict, every input the costs used with its value and
    origin (and a digest of them all), the date of each product fact, and the settings given.
    """
    from gateway_roi import __version__

    used = sorted({name for key in OPTION_IDS for ln in ev.options[key].lines
                   for name in ln.inputs})
    inputs = {name: [float(f"{float(ev.inputs.values[name]):.6g}"),
                     ev.inputs.inputs[name].origin[0]] for name in used}
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    from gateway_roi.outputs.facts_table import value_text

    facts: dict[str, list[str]] = {}
    for key in ("buy", "self_host"):
        for f in ev.options[key].facts:
            facts[f"{f.product}/{f.plan}/{f.key}"] = [f.read or "", value_text(f.value)[:80],
                                                      f.origin]
    applied = ev.scenario.settings
    return {
        "v": PROVENANCE_VERSION,
        "lang": lang,
        "scenario": settings.scenario_path,
        "base": settings.scenario_base,
        "scenario_sha256": settings.scenario_digest,
        "set": list(settings.overrides),
        "tool": __version__,
        "verdict": {"option": ev.decision.option, "rule": ev.decision.rule},
        "inputs_sha256": digest,
        "inputs": inputs,
        "facts": facts,
        "settings": None if applied is None else {
            "file": applied.settings.source,
            "fields": {f: settings_value(ev, f) for f in applied.fields}},
    }


_IN_STRING_ESCAPES = {c: f"\\u{ord(c):04x}" for c in "<>{}%#&"}


def provenance_comment(data: dict[str, Any]) -> str:
    r"""The provenance as JSON an HTML comment can hold on one line.

    Inside strings, characters that could end the comment (``--``, ``>``) or read as template
    syntax are written as ``\uXXXX`` escapes; between tokens, ``}}`` gets a space. The text
    is still JSON: :func:`json.loads` reads it back unchanged.
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    out: list[str] = []
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            elif char in _IN_STRING_ESCAPES or (char == "-" and out and out[-1] == "-"):
                out.append(f"\\u{ord(char):04x}")  # the second - of a --
                continue
        elif char == '"':
            in_string = True
        elif char == "}" and out and out[-1] == "}":
            out.append(" ")
        out.append(char)
    return "".join(out)


def settings_value(ev: Evaluation, field: str) -> Any:
    """The value the scenario holds at ``field`` (one the project settings gave)."""
    from gateway_roi.model.fields import get_path

    return get_path(ev.scenario.model_dump(mode="json"), field)
