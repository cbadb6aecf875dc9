"""Decision maps for the commands: scenario variants from a file, the map, the picture, the record.

What ``map`` and ``report --map`` share (no command module imports another). Loading reads the
scenario file; the map itself is computed by the pure :mod:`gateway_roi.model.decision_map`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from gateway_roi.errors import UsageError

if TYPE_CHECKING:
    from gateway_roi.model.decision_map import DecisionMap
    from gateway_roi.model.facts import FactBook
    from gateway_roi.model.scenario import Scenario
    from gateway_roi.shell import SettingsChoice
    from gateway_roi.words.i18n import Lang

__all__ = ["compute", "embed_map", "load_variants", "map_for_record", "parse_map_spec",
           "write_picture"]


def load_one(path: Path, overrides: list[str], facts: FactBook | None,
             choice: SettingsChoice | None) -> Scenario:
    """The scenario file with its project settings, as every command reads one."""
    from gateway_roi.shell import load_one as load

    return load(path, overrides, facts, choice)


def load_variants(path: Path, overrides: list[str], facet: str | None,
                  facts: FactBook | None = None,
                  choice: SettingsChoice | None = None) -> list[tuple[str | None, Scenario]]:
    """The scenario as written (with ``--set``), or one copy per value of the ``facet`` field.

    Each copy is validated by the loader as ``--set FACET=VALUE`` would be. Raises
    :class:`UsageError` for a missing file or a facet that is not a yes/no or choice field,
    :class:`InvalidScenarioError` for an invalid scenario.
    """
    from gateway_roi.model.decision_map import facet_values
    from gateway_roi.shell import not_a_file

    if (refused := not_a_file(path, "map draws one scenario file")) is not None:
        raise refused
    if facet is None:
        return [(None, load_one(path, overrides, facts, choice))]
    values = facet_values(facet)
    load_one(path, overrides, facts, choice)  # the file's own problems first, named as such
    return [(value, load_one(path, [*overrides, f"{facet}={value}"], facts, choice))
            for value in values]


def compute(path: Path, x: str, y: str, *, overrides: list[str] | None = None,
            grid: str = "40x40", log: tuple[bool | None, bool | None] = (None, None),
            facet: str | None = None, draws: int = 0, seed: int = 2026,
            facts: FactBook | None = None, choice: SettingsChoice | None = None,
            options: tuple[str, str] = ("--x", "--y")) -> DecisionMap:
    """Parse the command line's map request and compute the map (also used by ``report``).

    ``options``: how the command line names the two axes, for messages (``report --map``).
    """
    from gateway_roi.model.decision_map import compute_map, parse_axis, parse_grid

    x_req, y_req = parse_axis(options[0], x), parse_axis(options[1], y)
    cells = parse_grid(grid)
    variants = load_variants(path, overrides or [], facet, facts, choice)
    if variants and variants[0][1].settings is not None and variants[0][1].settings.facts:
        facts = variants[0][1].settings.facts  # the settings' facts file
    m = compute_map(variants, x_req, y_req, grid=cells, logs=log, facet=facet, draws=draws,
                    seed=seed, facts=facts)
    _check_axes_as_set(path, overrides or [], m, facts, choice, options)
    if facet is not None:
        import dataclasses

        own = load_one(path, overrides or [], facts, choice)
        m = dataclasses.replace(m, home=_facet_value(own, facet))
    return m


def _facet_value(scenario: Scenario, field: str) -> str | None:
    """The value ``field`` has in ``scenario``, as a facet names it (``true``, ``required``)."""
    from gateway_roi.model.fields import attribute_at

    try:
        value = attribute_at(scenario, field)
    except (AttributeError, KeyError, TypeError):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return None if value is None else str(getattr(value, "value", value))


def _check_axes_as_set(path: Path, overrides: list[str], m: DecisionMap,
                       facts: FactBook | None, choice: SettingsChoice | None = None,
                       options: tuple[str, str] = ("--x", "--y")) -> None:
    """Refuse an axis that ``--set`` would refuse at its ends (a field set twice, say).

    So every cell is a scenario that ``evaluate --set`` accepts.
    """
    from gateway_roi.errors import InvalidScenarioError
    from gateway_roi.outputs.map_render import plain_number

    for option, axis in zip(options, (m.x, m.y), strict=True):
        for end in (axis.low, axis.high):
            try:
                load_one(path, [*overrides, f"{axis.field}={plain_number(end)}"], facts,
                         choice)
            except InvalidScenarioError as exc:
                reasons = "; ".join(p.message for p in exc.problems)
                raise UsageError(f"{option} {axis.field}: {reasons}") from None


def write_picture(m: DecisionMap, output: Path, *, contours: bool, force: bool) -> None:
    """Draw the map to ``output`` (.svg or .png), atomically."""
    from gateway_roi.files.writing import write_atomic
    from gateway_roi.outputs.map_plot import render_picture

    data = render_picture(m, output.suffix.lower().lstrip("."), contours=contours)
    write_atomic(output, data, force=force)


# --- report --map: the picture next to the decision record ---------------------------------

MAP_HEADING = {"en": "Decision map", "zh": "决策地图"}


def parse_map_spec(spec: str) -> tuple[str, str]:
    """``report --map X,Y``: two axes, each ``FIELD`` or ``FIELD=LOW..HIGH``."""
    parts = [p.strip() for p in spec.split(",")]
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"--map {spec}: write --map X,Y with two fields, e.g. "
                         "organisation.services,organisation.monthly_requests (each may take "
                         "=LOW..HIGH)")
    return parts[0], parts[1]


def map_for_record(source: Path, spec: str, overrides: list[str],
                   facts: FactBook | None = None,
                   choice: SettingsChoice | None = None) -> DecisionMap:
    """The map ``report --map`` draws beside one record (needs the plots extra)."""
    from gateway_roi.outputs.map_plot import require_matplotlib

    require_matplotlib()
    x, y = parse_map_spec(spec)
    return compute(source, x, y, overrides=overrides, facts=facts, choice=choice,
                   options=("--map", "--map"))


def embed_map(markdown: str, m: DecisionMap, image: str, lang: str,
              before: str | None) -> tuple[str, str]:
    """The record with a map section (the picture and the boundaries in words), and the SVG.

    The section goes before the heading line ``before`` (the record's cost detail) when the
    record has it, at the end otherwise. ``image`` is the picture's file name beside the
    record.
    """
    from gateway_roi.outputs.map_plot import describe, render_picture
    from gateway_roi.outputs.map_words import axis_label
    from gateway_roi.text import md_escape

    zh = lang == "zh"
    language: Lang = "zh" if zh else "en"
    svg = render_picture(m, "svg", lang=language)
    assert isinstance(svg, str)
    heading = MAP_HEADING.get(lang, MAP_HEADING["en"])
    y_words = md_escape(axis_label(m.y, m.currency, language), line_start=False)
    x_words = md_escape(axis_label(m.x, m.currency, language), line_start=False)
    alt = f"{heading}: {y_words} {'对' if zh else 'against'} {x_words}"
    words = "\n".join(f"- {md_escape(line)}" for line in describe(m, language))
    # Field names come from the model's own list (checked by build_axis): safe in code spans.
    intro = (f"{y_words}（`{m.y.field}`）对{x_words}（`{m.x.field}`），场景的其余部分按原样；"
             "星号是本场景。结论在这些地方改变："
             if zh else
             f"{y_words} (`{m.y.field}`) against {x_words} (`{m.x.field}`), the rest of the "
             "scenario as written; the star is this scenario. Where the verdict changes:")
    # Percent-encoded, so a space or a bracket in the file name cannot break the link.
    body = f"![{alt}]({quote(image)})\n\n{intro}\n\n{words}\n\n"
    # The section takes the level of the heading it goes before (the bundled record keeps
    # its own sections at h3, under MADR's "More Information").
    for level in ("##", "###"):
        marker = f"\n{level} {before}\n" if before else None
        if marker and marker in markdown:
            at = markdown.index(marker) + 1
            return markdown[:at] + f"{level} {heading}\n\n" + body + markdown[at:], svg
    section = f"## {heading}\n\n" + body
    return markdown.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n", svg
