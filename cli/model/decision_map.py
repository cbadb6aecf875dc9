"""The decision map: the verdict over a grid of two inputs, and where it flips.

Pure: arrays in memory, no files, no terminal. Every cell is evaluated by the one cost model
(:func:`gateway_roi.model.costs.compute_costs` over numpy arrays: the x values as a row, the y values as
a column) and the one decision table (:func:`gateway_roi.model.rules.decide_arrays`), never cell by
cell. The rest of the scenario is held as written.

With ``buy.vendor: auto`` each cell prices its own cheapest preset, as ``evaluate --set`` would
for that cell (the cost model chooses per element of its arrays).

numpy is imported only when a map is computed.
"""

from __future__ import annotations

import difflib
import math
import re
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from gateway_roi.errors import UsageError
from gateway_roi.model.assumptions import ASSUMPTIONS
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.evaluation import assess
from gateway_roi.model.facts import FactBook, bundled_facts
from gateway_roi.model.fields import field_info, model_at
from gateway_roi.model.inputs import ModelInputs, people_per_service, resolve_inputs
from gateway_roi.model.ranges import Bounds
from gateway_roi.model.rules import decide_arrays
from gateway_roi.model.scenario import GOVERNANCE_NEEDS, PAINS, ROUTING_NEEDS, Scenario, range_bounds
from gateway_roi.options import OPTION_IDS
from gateway_roi.words.i18n import Lang, translate_unit

__all__ = [
    "DEFAULT_GRID",
    "MAX_GRID",
    "Axis",
    "AxisRequest",
    "DecisionMap",
    "Line",
    "Panel",
    "Segment",
    "axis_fields",
    "build_axis",
    "compute_map",
    "describe_line",
    "facet_fields",
    "facet_values",
    "parse_axis",
    "parse_grid",
]

DEFAULT_GRID = (40, 40)
MAX_GRID = 200
MIN_GRID = 2
LOG_DECADES = 3.0
"""A range spanning this many decades or more is drawn on a log scale unless told otherwise."""
LINE_POINTS = 2001
"""Points on the line through the scenario's own values that places each boundary."""
MAX_CELL_DRAWS = 20_000_000
"""Cells x draws one map command may evaluate (a few seconds per million)."""
_CHUNK_ELEMENTS = 60_000
"""Cells x draws evaluated at once with --draws: memory stays flat whatever the grid."""


# --- which fields can be axes or facets ----------------------------------------------------


def _bounds_of(annotation: Any) -> Bounds | None:
    """The :class:`Bounds` inside an annotation (``Count | None`` and the like), if any."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, Bounds):
            return meta
    for arg in typing.get_args(annotation):
        found = _bounds_of(arg)
        if found is not None:
            return found
    return None


def field_bounds(field: str) -> Bounds:
    """What values a numeric field allows (an ``assumptions.ID`` field as the file does)."""
    if field.startswith("assumptions."):
        unit = ASSUMPTIONS[field.removeprefix("assumptions.")].unit
        share = unit.startswith(("fraction", "share", "probability"))
        return Bounds(ge=0, le=1 if share else 1e13)
    info = field_info(Scenario, field)
    bounds = None if info is None else (
        next((m for m in info.metadata if isinstance(m, Bounds)), None)
        or _bounds_of(info.annotation))
    return bounds if bounds is not None else Bounds()


PEOPLE_FIELD = "organisation.engineers_building_with_ai"
"""Scale stated in people: its axis is people, though the model reads the services from it."""


def axis_fields(mi: ModelInputs) -> dict[str, str]:
    """Fields a map can vary: dotted field path -> the model input it sets.

    Every number the cost model reads, whether the scenario writes it or leaves it to a
    sourced default (then ``assumptions.ID`` or the section field that overrides it).
    """
    return {inp.field: name for name, inp in mi.inputs.items()}


_LEVELS = ("required", "nice", "no")


def facet_fields() -> dict[str, tuple[str, ...]]:
    """Yes/no and choice fields that change the scenario itself: field -> its values."""
    out: dict[str, tuple[str, ...]] = {
        "team.platform_team": ("false", "true"),
        "team.on_call_24x7": ("false", "true"),
    }
    for section, names in (("governance", GOVERNANCE_NEEDS), ("routing", ROUTING_NEEDS),
                           ("pains", PAINS)):
        for name in names:
            out[f"needs.{section}.{name}"] = _LEVELS
    out["buy.vendor"] = ("auto", *(p.id for p in bundled_facts().saas()))
    return out


def facet_values(field: str) -> tuple[str, ...]:
    """The values ``--facet field`` draws a map for; :class:`UsageError` for any other field."""
    fields = facet_fields()
    if field not in fields:
        hint = _did_you_mean(field, list(fields))
        raise UsageError(f"--facet {field}: not a yes/no or choice field{hint}; allowed: "
                         + ", ".join(fields))
    return fields[field]


def _did_you_mean(field: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(field, list(choices), n=1, cutoff=0.75)
    return f" (did you mean {close[0]}?)" if close else ""


def _allowed_axes(mi: ModelInputs) -> str:
    fields = list(axis_fields(mi))
    own = [f for f in fields if not f.startswith("assumptions.")]
    ids = [f.removeprefix("assumptions.") for f in fields if f.startswith("assumptions.")]
    return ("numeric fields: " + ", ".join(own)
            + "; and any default figure as assumptions.ID, ID one of: " + ", ".join(ids))


# --- axes ----------------------------------------------------------------------------------

_SUFFIXES = {"k": 1e3, "K": 1e3, "M": 1e6, "m": 1e6, "G": 1e9, "B": 1e9, "b": 1e9}
_NUMBER = re.compile(r"^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")


def _number(text: str, spec: str) -> float:
    raw = text.strip().replace(",", "")
    scale = 1.0
    if raw and raw[-1] in _SUFFIXES:
        raw, scale = raw[:-1], _SUFFIXES[raw[-1]]
    if not _NUMBER.match(raw):
        raise UsageError(f"{spec}: cannot read {text.strip()!r} as a number (write e.g. 1e4, "
                         "10000, 10k or 2.5M)")
    value = float(raw.replace("_", "")) * scale
    if not math.isfinite(value):
        raise UsageError(f"{spec}: {text.strip()!r} is not a finite number")
    return value


@dataclass(frozen=True)
class AxisRequest:
    """An axis as asked for on the command line: ``field=low..high`` (the range optional)."""

    option: str
    """``--x`` or ``--y``, to name it in messages."""
    field: str
    low: float | None = None
    high: float | None = None


def parse_axis(option: str, text: str) -> AxisRequest:
    """Read ``field=low..high`` or a bare ``field`` (a range around the scenario's value)."""
    spec = f"{option} {text}"
    field, sep, rng = text.partition("=")
    field = field.strip()
    if not field:
        raise UsageError(f"{spec}: write {option} FIELD=LOW..HIGH, e.g. "
                         "organisation.services=1..200")
    if not sep:
        return AxisRequest(option, field)
    low_text, dots, high_text = rng.partition("..")
    if not dots:
        raise UsageError(f"{spec}: write the range as LOW..HIGH, e.g. {field}=1..200")
    low, high = _number(low_text, spec), _number(high_text, spec)
    if not low < high:
        raise UsageError(f"{spec}: empty range: the low end must be below the high end")
    return AxisRequest(option, field, low, high)


def parse_grid(text: str) -> tuple[int, int]:
    """``40x40`` (columns x rows) or ``60`` (square) -> (columns, rows), within the limits."""
    parts = text.lower().replace(" ", "").split("x")
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise UsageError(f"--grid {text}: write COLUMNSxROWS, e.g. 40x40, or one number")
    cols, rows = int(parts[0]), int(parts[1])
    if not (MIN_GRID <= cols <= MAX_GRID and MIN_GRID <= rows <= MAX_GRID):
        raise UsageError(f"--grid {text}: each side from {MIN_GRID} to {MAX_GRID} cells")
    return cols, rows


@dataclass(frozen=True)
class Axis:
    """One axis of the map: which field, its unit, the values of its cells, its scale."""

    field: str
    input: str
    """The model input the field sets (a key of :attr:`ModelInputs.values`)."""
    unit: str
    low: float
    high: float
    log: bool
    whole: bool
    """A count (services): cells sit on whole numbers."""
    values: tuple[float, ...]
    current: float
    """The scenario's own value."""
    description: str = ""
    per_input: float = 1.0
    """Axis units per unit of the model input: the engineers per AI-calling service when the
    axis is people (``organisation.engineers_building_with_ai``) and the input services; 1
    otherwise. The axis, its cells and its lines are in the field's own units."""
    words: str = ""
    """The key of the axis's words (:func:`gateway_roi.words.inputs.input_words`); the
    input's when empty."""

    def model(self, values: Any) -> Any:
        """Axis values as the model input's values."""
        return values / self.per_input if self.per_input != 1.0 else values

    def label(self) -> str:
        """``organisation.services (services)``: the field and its unit."""
        return f"{self.field} ({self.unit})" if self.unit else self.field


def _whole(field: str, bounds: Bounds) -> bool:
    # Counts of things sit on whole numbers; a count per year is a rate and need not.
    return bounds.unit == "count" and not field.endswith("_per_year")


_SCALE_FIELDS = ("organisation.services", "organisation.engineers_building_with_ai")
"""The two ways a scenario states its scale: a map's axis runs over the one it wrote."""


def _not_numeric(field: str, option: str, mi: ModelInputs) -> UsageError:
    if field in _SCALE_FIELDS:
        other = next(f for f in _SCALE_FIELDS if f != field)
        if other in axis_fields(mi):
            return UsageError(f"{option} {field}: this scenario's scale is counted in {other}: "
                              f"draw the axis over {other}")
    facets = facet_fields()
    if field in facets:
        kind = "true/false" if facets[field][0] == "false" else "a choice"
        return UsageError(
            f"{option} {field}: {kind}, not a number: give it as --facet {field} to draw one "
            f"map per value; {_allowed_axes(mi)}")
    if model_at(Scenario, field) is not None:
        return UsageError(f"{option} {field}: a section of the scenario, not a number; "
                          f"{_allowed_axes(mi)}")
    if field_info(Scenario, field) is not None or field.startswith("assumptions."):
        return UsageError(
            f"{option} {field}: not a number the cost model reads cell by cell (it shapes the "
            f"whole evaluation); {_allowed_axes(mi)}")
    hint = _did_you_mean(field, list(axis_fields(mi)))
    return UsageError(f"{option} {field}: no such field{hint}; {_allowed_axes(mi)}")


def build_axis(request: AxisRequest, mi: ModelInputs, cells: int, log: bool | None) -> Axis:
    """The axis for ``request`` over the scenario's inputs ``mi``: checked, with its cells.

    Without a range, the axis runs from a tenth of the scenario's value to ten times it (within
    what the field allows). ``log`` None: a log scale when the range spans three decades or
    more. Raises :class:`UsageError` naming the allowed fields or values.
    """
    fields = axis_fields(mi)
    if request.field not in fields:
        raise _not_numeric(request.field, request.option, mi)
    name = fields[request.field]
    bounds = field_bounds(request.field)
    # Scale stated in people: the axis is people, the model reads services (people / per).
    per = (people_per_service(mi.scenario) if request.field == PEOPLE_FIELD else 1.0)
    current = float(mi.values[name]) * per
    spec = f"{request.option} {request.field}"
    if request.low is None or request.high is None:
        low, high = _default_range(current, bounds)
        if log is None:
            # A share of one (an availability, a share of services) reads on a linear scale.
            log = low > 0 and not _is_share(bounds)
    else:
        low, high = request.low, request.high
        for end in (low, high):
            if not bounds.admits(end):
                raise UsageError(f"{spec}={low:g}..{high:g}: {end:g} is out of range: allowed "
                                 f"values are {bounds.allowed}")
    if log is None:
        log = low > 0 and math.log10(high / low) >= LOG_DECADES - 1e-9
    if log and low <= 0:
        raise UsageError(f"{spec}: a log scale needs a range above zero (got {low:g}..{high:g})")
    whole = _whole(request.field, bounds)
    values = _cells(low, high, cells, log, whole)
    if len(values) < MIN_GRID:
        raise UsageError(f"{spec}: the range {low:g}..{high:g} holds fewer than {MIN_GRID} "
                         "whole numbers: widen it")
    inp = mi.inputs[name]
    if per != 1.0:
        return Axis(request.field, name, "engineers", low, high, log, whole, values, current,
                    "Engineers building with AI (services follow at "
                    f"{per:g} engineers per AI-calling service).", per, "engineers_building_with_ai")
    return Axis(request.field, name, inp.unit, low, high, log, whole, values, current,
                inp.description)


def _is_share(bounds: Bounds) -> bool:
    return bounds.le == 1 and (bounds.ge == 0 or bounds.gt == 0)


def _default_range(current: float, bounds: Bounds) -> tuple[float, float]:
    """The range of an axis given without one, fitting the kind of field.

    A share of one close to it (an availability of 99.9%) spans a tenth to ten times its
    complement (99% to 99.99%); any other share spans 0 to 1; other numbers a tenth to ten
    times their value, within what the field allows.
    """
    top = bounds.le if bounds.le is not None else math.inf
    if _is_share(bounds):
        if 0.9 <= current < 1:
            gap = 1 - current
            return 1 - min(1.0, 10 * gap), 1 - gap / 10
        low = 0.0 if bounds.gt is None else math.nextafter(bounds.gt, math.inf)
        return low, 1.0
    if current > 0:
        low = current / 10
        if bounds.gt is not None:
            low = max(low, math.nextafter(bounds.gt, math.inf))
        return low, min(current * 10, top)
    return 0.0, min(10.0, top)


def _cells(low: float, high: float, cells: int, log: bool, whole: bool) -> tuple[float, ...]:
    import numpy as np

    values = np.geomspace(low, high, cells) if log else np.linspace(low, high, cells)
    if whole:
        values = np.unique(np.clip(np.round(values), math.ceil(low), math.floor(high)))
    return tuple(float(v) for v in values)


# --- the map -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A stretch of a line over which the verdict holds."""

    option: str
    rule: str
    start: float
    """First value at which this verdict holds."""
    end: float
    """Last value at which it holds."""


@dataclass(frozen=True)
class Line:
    """The verdict along one axis, the other input held at the scenario's own value."""

    axis: Literal["x", "y"]
    held: Axis
    """The axis held fixed (at its :attr:`Axis.current`)."""
    along: Axis
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Panel:
    """One map: every cell's verdict for one scenario (one facet value, if any)."""

    facet_value: str | None
    scenario: Scenario
    """The scenario as evaluated (the facet value applied)."""
    option: Any
    """numpy array of option ids, shape (rows, columns): row i is y[i], column j is x[j]."""
    rule: Any
    runner_up: Any
    """The option the rules would pick next (numpy array of option ids)."""
    margin: Any
    """What the runner-up would cost more than the verdict (negative: the rules chose the
    dearer one)."""
    share: Any | None
    """Share of draws giving the cell's verdict (option and rule), with --draws."""
    own: tuple[str, str]
    """The verdict at the scenario's own values (option, rule)."""
    lines: tuple[Line, Line]


@dataclass(frozen=True)
class DecisionMap:
    """Maps over the same two axes, one per facet value (or a single one)."""

    name: str
    currency: str
    x: Axis
    y: Axis
    facet: str | None
    panels: tuple[Panel, ...]
    draws: int
    seed: int
    home: str | None = None
    """With a facet, the value the scenario itself has: only that panel holds its point."""

    @property
    def options(self) -> tuple[str, ...]:
        """Verdicts that appear anywhere, in the fixed option order."""
        seen: set[str] = set()
        for panel in self.panels:
            seen.update(str(o) for o in set(panel.option.ravel().tolist()))
            seen.add(panel.own[0])
        return tuple(o for o in OPTION_IDS if o in seen)


def _own(scenario: Scenario, facts: FactBook | None) -> tuple[Any, tuple[str, str]]:
    """The criteria at the scenario's own values (the facts every cell shares) and its verdict."""
    ev = assess(scenario, tripwires=False, facts=facts)
    return ev.decision.criteria, (ev.decision.option, ev.decision.rule)


def _verdicts(mi: ModelInputs, changes: Mapping[str, Any], base: Any) -> Any:
    cells = mi.with_values(changes)
    return decide_arrays(cells, compute_costs(cells, detail=False), base=base)


def _line(mi: ModelInputs, axis: Literal["x", "y"], along: Axis, held: Axis, base: Any) -> Line:
    import numpy as np

    if along.whole and along.high - along.low <= 4 * LINE_POINTS:
        points = np.arange(math.ceil(along.low), math.floor(along.high) + 1, dtype=float)
    elif along.log:
        points = np.geomspace(along.low, along.high, LINE_POINTS)
    else:
        points = np.linspace(along.low, along.high, LINE_POINTS)
    v = _verdicts(mi, {along.input: along.model(points), held.input: held.model(held.current)},
                  base)
    option = np.broadcast_to(v.option, points.shape)
    rule = np.broadcast_to(v.rule, points.shape)
    segments: list[Segment] = []
    start = 0
    for i in range(1, len(points) + 1):
        if i == len(points) or option[i] != option[start] or rule[i] != rule[start]:
            segments.append(Segment(str(option[start]), str(rule[start]), float(points[start]),
                                    float(points[i - 1])))
            start = i
    return Line(axis, held, along, tuple(segments))


def _panel(scenario: Scenario, facet_value: str | None, x_req: AxisRequest,
           y_req: AxisRequest, grid: tuple[int, int], logs: tuple[bool | None, bool | None],
           draws: int, seed: int, facts: FactBook | None) -> tuple[Panel, Axis, Axis]:
    import numpy as np

    base, own = _own(scenario, facts)
    mi = resolve_inputs(scenario, facts=facts)
    x = build_axis(x_req, mi, grid[0], logs[0])
    y = build_axis(y_req, mi, grid[1], logs[1])
    if x.input == y.input:
        raise UsageError(f"both axes set {x.field}: give two different fields")
    xs = np.asarray(x.values)[None, :]
    ys = np.asarray(y.values)[:, None]
    v = _verdicts(mi, {x.input: x.model(xs), y.input: y.model(ys)}, base)
    shape = (len(y.values), len(x.values))
    option = np.broadcast_to(v.option, shape)
    rule = np.broadcast_to(v.rule, shape)
    margin = np.broadcast_to(np.asarray(v.margin, dtype=float), shape)
    runner_up = np.broadcast_to(v.runner_up, shape)
    share = _shares(mi, x, y, option, rule, draws, seed, base) if draws else None
    lines = (_line(mi, "x", x, y, base), _line(mi, "y", y, x, base))
    return (Panel(facet_value, scenario, option, rule, runner_up, margin, share, own, lines),
            x, y)


def _shares(mi: ModelInputs, x: Axis, y: Axis, option: Any, rule: Any, draws: int,
            seed: int, base: Any) -> Any:
    """Share of ``draws`` Monte Carlo draws in which each cell's verdict comes out.

    The draws are the same for every cell (one seed), so neighbouring cells differ only by
    their axis values; the axis inputs themselves are held at the cell's values.
    """
    import numpy as np

    # The very sampler of evaluate --draws, over the same inputs.
    from gateway_roi.model.uncertainty import sampler, worth_sampling

    rng = np.random.default_rng(seed)
    scenario = mi.scenario
    drawn = resolve_inputs(scenario, pick=sampler(np, rng, draws, range_bounds(scenario)),
                           facts=mi.facts,
                           estimates=worth_sampling(mi, compute_costs(mi, detail=False)))
    # Each drawn input becomes a row (1, draws) against a column of cells (cells, 1).
    values = {k: (np.asarray(val, dtype=float).reshape(1, -1) if np.ndim(val) else val)
              for k, val in drawn.values.items()}
    usd = drawn.usd_rate
    drawn_base = replace(drawn, values=values,
                         usd_rate=np.asarray(usd).reshape(1, -1) if np.ndim(usd) else usd)
    xs = np.broadcast_to(np.asarray(x.values)[None, :], option.shape).ravel()
    ys = np.broadcast_to(np.asarray(y.values)[:, None], option.shape).ravel()
    want_option, want_rule = option.ravel(), rule.ravel()
    share = np.empty(xs.shape)
    step = max(1, _CHUNK_ELEMENTS // draws)
    for start in range(0, xs.size, step):
        cut = slice(start, start + step)
        v = _verdicts(drawn_base, {x.input: x.model(xs[cut, None]),
                                   y.input: y.model(ys[cut, None])}, base)
        n = xs[cut].size
        got_option = np.broadcast_to(v.option, (n, draws))
        got_rule = np.broadcast_to(v.rule, (n, draws))
        same = (got_option == want_option[cut, None]) & (got_rule == want_rule[cut, None])
        share[cut] = same.mean(axis=1)
    return share.reshape(option.shape)


def compute_map(variants: Sequence[tuple[str | None, Scenario]], x: AxisRequest, y: AxisRequest,
                *, grid: tuple[int, int] = DEFAULT_GRID,
                logs: tuple[bool | None, bool | None] = (None, None),
                facet: str | None = None, draws: int = 0, seed: int = 2026,
                facts: FactBook | None = None) -> DecisionMap:
    """The decision map of each scenario variant (facet value, scenario) over the same axes.

    ``grid`` is (columns, rows); ``logs`` forces a log (True) or linear (False) scale per axis,
    None infers it. ``draws`` > 0 also samples the scenario's ranges for each cell's share.
    The axes come from the first variant: every variant shares the numeric inputs.
    """
    work = grid[0] * grid[1] * draws * len(variants)
    if work > MAX_CELL_DRAWS:
        raise UsageError(
            f"--draws {draws:,} over {len(variants)} map(s) of {grid[0]}x{grid[1]} cells is "
            f"{work:,} evaluations, over the {MAX_CELL_DRAWS:,} limit (about a minute): use a "
            "smaller --grid or fewer --draws")
    panels: list[Panel] = []
    axes: tuple[Axis, Axis] | None = None
    for value, scenario in variants:
        panel, ax, ay = _panel(scenario, value, x, y, grid, logs, draws, seed, facts)
        if axes is None:
            axes = (ax, ay)
        panels.append(panel)
    assert axes is not None, "at least one scenario"
    first = variants[0][1]
    return DecisionMap(first.name, first.currency, axes[0], axes[1], facet, tuple(panels),
                       draws, seed)


# --- words ---------------------------------------------------------------------------------


def about(value: float, whole: bool = False) -> str:
    """A value for a sentence, two significant digits: ``14``, ``0.25``, ``2.3M``, ``150k``."""
    if whole:
        value = float(round(value))
    magnitude = abs(value)
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if magnitude >= size * 10 or (magnitude >= size and not whole):
            return f"{float(f'{value / size:.2g}'):g}{suffix}"
    if whole:
        return f"{value:.0f}"
    return f"{float(f'{value:.2g}'):g}" if value else "0"


def _unit(unit: str, currency: str, lang: Lang) -> str:
    """An axis unit in ``lang``, with its leading space (none when the axis has no unit)."""
    if not unit:
        return ""
    return " " + translate_unit(unit, currency, lang)


def describe_line(line: Line, lang: Lang = "en", currency: str = "") -> str:
    """The boundaries along a line in words: ``automate until about 14 services; buy beyond``."""
    along = line.along
    unit = _unit(along.unit, currency, lang)
    zh = lang == "zh"
    # Words follow the option: a change of rule alone does not change what a team does.
    segs: list[Segment] = []
    for seg in line.segments:
        if segs and segs[-1].option == seg.option:
            segs[-1] = replace(segs[-1], end=seg.end)
        else:
            segs.append(seg)

    def at(v: float) -> str:
        return f"{'约' if zh else 'about'} {about(v, along.whole)}{unit}"

    low, high = about(along.low, along.whole), about(along.high, along.whole)
    if len(segs) == 1:
        if zh:
            return f"全程都是 {segs[0].option}（{low} 至 {high}{unit}）"
        return f"{segs[0].option} throughout ({low} to {high}{unit})"
    if zh:
        parts = [f"{segs[0].option} 直到{at(segs[1].start)}"]
        for prev, seg in zip(segs[1:-1], segs[2:], strict=True):
            parts.append(f"从{at(prev.start)}到{at(seg.start)}为 {prev.option}")
        parts.append(f"再往上为 {segs[-1].option}")
        return "；".join(parts)
    parts = [f"{segs[0].option} until {at(segs[1].start)}"]
    for prev, seg in zip(segs[1:-1], segs[2:], strict=True):
        parts.append(f"{prev.option} from {at(prev.start)} to {at(seg.start)}")
    parts.append(f"{segs[-1].option} beyond")
    return "; ".join(parts)


def line_heading(line: Line, lang: Lang = "en", currency: str = "") -> str:
    """Which line a description is about: ``at 800k requests/month (this scenario's)``."""
    held = line.held
    unit = _unit(held.unit, currency, lang)
    if lang == "zh":
        return f"在 {about(held.current, held.whole)}{unit}（本场景的 {held.field}）"
    return f"at {about(held.current, held.whole)}{unit} (this scenario's {held.field})"
