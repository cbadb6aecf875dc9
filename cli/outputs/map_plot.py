"""The decision map as a picture (SVG or PNG), drawn with matplotlib.

matplotlib is an optional extra (``pip install 'gateway-roi[plots]'``): importing it costs
about 0.35 s (as long as a whole terminal or CSV map), so only ``map -o`` and ``report --map``
import this module, and only when a picture is asked for. Pure: the picture comes back as text
(SVG) or bytes (PNG); the command writes it.
"""

from __future__ import annotations

import io
import math
from typing import Any

from gateway_roi.errors import UsageError
from gateway_roi.model.decision_map import Axis, DecisionMap, Panel, about
from gateway_roi.outputs.map_render import COLOURS
from gateway_roi.outputs.map_words import (
    axis_label,
    facet_label,
    is_share,
    line_heading_words,
    line_words,
    option_word,
)
from gateway_roi.words.i18n import Lang, Phrase, Term, term

__all__ = ["EXTRA_HINT", "render_picture", "require_matplotlib"]

EXTRA_HINT = ("pictures need matplotlib, which comes with the plots extra: "
              "pip install 'gateway-roi[plots]'")
PANEL_INCHES = (5.2, 4.2)
MAX_COLUMNS = 3
DPI = 150
_CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
              "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei")


def require_matplotlib() -> None:
    """Raise :class:`UsageError` naming the extra when matplotlib is not installed."""
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        raise UsageError(EXTRA_HINT)


def _edges(axis: Axis) -> Any:
    """Cell edges around the cell values: midpoints (geometric on a log axis)."""
    import numpy as np

    v = np.asarray(axis.values, dtype=float)
    if axis.log:
        mids = np.sqrt(v[:-1] * v[1:])
        first, last = v[0] ** 2 / mids[0], v[-1] ** 2 / mids[-1]
    else:
        mids = (v[:-1] + v[1:]) / 2
        first, last = 2 * v[0] - mids[0], 2 * v[-1] - mids[-1]
    return np.concatenate([[first], mids, [last]])


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


def _colours(panel: Panel) -> Any:
    """An RGB image of the panel: each verdict's colour, blended towards white when unsure."""
    import numpy as np

    option = panel.option
    image = np.ones((*option.shape, 3))
    for name, (strong, _pale) in COLOURS.items():
        image[option == name] = _rgb(strong)
    if panel.share is not None:
        # Lightness follows the share of draws: a cell sure in every draw is the full colour.
        weight = np.clip(np.asarray(panel.share, dtype=float), 0.0, 1.0)[..., None]
        image = 1.0 - (1.0 - image) * (0.25 + 0.75 * weight)
    return image


def _format_axis(ax: Any, axis: Axis, which: str, currency: str, lang: Lang) -> None:
    from matplotlib.ticker import FuncFormatter, LogLocator

    # The input in words, its unit, and the field path that moves it (as --x/--y take it).
    label = f"{axis_label(axis, currency, lang)}\n{axis.field}"
    getattr(ax, f"set_{which}label")(label, fontsize=8)
    target = ax.xaxis if which == "x" else ax.yaxis
    if axis.log:
        getattr(ax, f"set_{which}scale")("log")
        target.set_major_locator(LogLocator(base=10))
        target.set_minor_locator(LogLocator(base=10, subs=tuple(range(2, 10))))
    if is_share(axis):
        target.set_major_formatter(FuncFormatter(
            lambda v, _pos: f"{float(f'{v * 100:.4g}'):g}%"))
    else:
        target.set_major_formatter(FuncFormatter(lambda v, _pos: about(v, axis.whole)))
    getattr(ax, f"set_{which}lim")(*_limits(axis))


def _limits(axis: Axis) -> tuple[float, float]:
    edges = _edges(axis)
    return float(edges[0]), float(edges[-1])


def render_picture(m: DecisionMap, kind: str, *, contours: bool = False,
                   lang: Lang = "en") -> str | bytes:
    """The map as an SVG document (text) or PNG image (bytes): one panel per facet value.

    Axes carry each field and its unit (log ticks on a log axis), a legend names the verdicts,
    a star marks the scenario's own point; ``contours`` adds lines of equal cost gap between
    the verdict and the runner-up, in the scenario's currency. ``lang`` is the language of
    every word in it; with a facet, the star is only in the panel of the scenario's own value.
    """
    require_matplotlib()
    import warnings

    import matplotlib as mpl

    mpl.use("agg", force=False)
    from matplotlib import font_manager

    # Chinese text needs a CJK font to measure and draw (a PNG): the installed ones are
    # fallbacks. An SVG keeps its text as text, which a browser draws with its own fonts.
    installed = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [f for f in _CJK_FONTS if f in installed]
    fonts: dict[Any, Any] = {"font.family": ["DejaVu Sans", *cjk],
                             "svg.hashsalt": "gateway-roi", "svg.fonttype": "none"}
    with mpl.rc_context(fonts), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a glyph missing from a local font
        return _draw(m, kind, contours, lang)


def _draw(m: DecisionMap, kind: str, contours: bool, lang: Lang) -> str | bytes:
    import numpy as np
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    n = len(m.panels)
    # Up to three panels side by side; more (e.g. one per vendor) wrap onto further rows.
    ncols, nrows = min(n, MAX_COLUMNS), math.ceil(n / MAX_COLUMNS)
    fig = Figure(figsize=(PANEL_INCHES[0] * ncols, PANEL_INCHES[1] * nrows + 0.9),
                 layout="constrained")
    grid = fig.subplots(nrows, ncols, squeeze=False, sharey=True)
    axes = [ax for row in grid for ax in row]
    for spare in axes[n:]:
        spare.set_visible(False)
    x_edges, y_edges = _edges(m.x), _edges(m.y)
    for k, (ax, panel) in enumerate(zip(axes[:n], m.panels, strict=True)):
        ax.pcolormesh(x_edges, y_edges, _colours(panel), shading="flat", rasterized=True)
        _format_axis(ax, m.x, "x", m.currency, lang)
        _format_axis(ax, m.y, "y", m.currency, lang)
        if k % ncols:
            ax.set_ylabel("")
        ax.tick_params(labelsize=7)
        home = m.facet is None or panel.facet_value == m.home
        if home and m.x.low <= m.x.current <= m.x.high and m.y.low <= m.y.current <= m.y.high:
            ax.plot([m.x.current], [m.y.current], marker="*", markersize=13, color="white",
                    markeredgecolor="black", markeredgewidth=1.0, linestyle="none",
                    label=term("map.this_scenario", lang))
        if contours:
            _contours(ax, panel, m, np)
        title = facet_label(m.facet, panel.facet_value, lang) if m.facet is not None else ""
        own = Phrase("map.this_scenario_verdict", {
            "option": Term(f"option_name.{panel.own[0]}"),
            "rule": Term(f"rule_name.{panel.own[1]}")}).text(lang) if home else ""
        ax.set_title("\n".join(t for t in (title, own) if t), fontsize=8)
    from matplotlib.lines import Line2D

    # Each legend entry carries its option as an id in the SVG (gid), for tools and tests.
    handles: list[Any] = [Patch(facecolor=COLOURS[o][0], edgecolor="none",
                                label=option_word(o, lang)) for o in m.options]
    handles.append(Line2D([], [], marker="*", markersize=11, color="white",
                          markeredgecolor="black", linestyle="none",
                          label=term("map.this_scenario", lang)))
    if m.draws:
        handles.append(Patch(facecolor="#e6e6e6", edgecolor="#999999", linewidth=0.5,
                             label=_t("map.paler", lang, draws=f"{m.draws:,}")))
    if contours:
        handles.append(Line2D([], [], color="black", linewidth=0.6,
                              label=_t("map.contours", lang, currency=m.currency)))
    legend = fig.legend(handles=handles, loc="outside lower center", fontsize=8,
                        frameon=False,
                        ncol=_legend_columns([h.get_label() for h in handles],
                                             PANEL_INCHES[0] * ncols))
    # Each option's legend swatch carries the option as its id in the SVG, for other tools.
    for option, drawn in zip(m.options, legend.legend_handles, strict=False):
        if drawn is not None:
            drawn.set_gid(f"legend-{option}")
    fig.suptitle(_title(m, 60 * ncols, lang), fontsize=10)
    buffer = io.BytesIO()
    if kind == "svg":
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        return buffer.getvalue().decode("utf-8")
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _legend_columns(labels: list[str], inches: float) -> int:
    """As many legend entries per row as fit the figure's width (8-point text, a marker each)."""
    widest = max(len(label) for label in labels) * 0.06 + 0.6
    return max(1, min(len(labels), int(inches / widest)))


def _t(key: str, lang: Lang, **params: Any) -> str:
    return Phrase(key, params).text(lang)


def _title(m: DecisionMap, width: int, lang: Lang = "en") -> str:
    """The figure's title, wrapped to the figure's width (about ``width`` characters)."""
    import textwrap

    from gateway_roi.text import clean_text

    name = clean_text(m.name)
    name = name if len(name) <= 160 else name[:157] + "..."
    lines = textwrap.wrap(_t("map.title", lang, name=name), width=width)[:3]
    # A "$" would start matplotlib's math mode: the scenario's name is shown as written.
    return "\n".join(lines).replace("$", r"\$")


def _contours(ax: Any, panel: Panel, m: DecisionMap, np: Any) -> None:
    """Lines of equal cost gap (what the runner-up would cost more), inside each verdict's region.

    The gap jumps where the verdict changes (another runner-up), so each region is contoured
    on its own, with the cells of other verdicts masked out.
    """
    margin = np.asarray(panel.margin, dtype=float)
    spread = float(np.percentile(np.abs(margin), 90)) if margin.size else 0.0
    if not np.isfinite(margin).all() or spread <= 0:
        return
    step = 10 ** math.floor(math.log10(spread / 2))
    if spread / step > 8:
        step *= 2
    xs, ys = np.asarray(m.x.values), np.asarray(m.y.values)
    for option in set(panel.option.ravel().tolist()):
        inside = panel.option == option
        if inside.sum() < 4:
            continue
        region = np.ma.masked_where(~inside, margin)
        low, high = float(region.min()), float(region.max())
        levels = [float(k * step) for k in range(math.ceil(low / step), math.floor(high / step) + 1)
                  if low < k * step < high]
        if not levels:
            continue
        drawn = ax.contour(xs, ys, region, levels=levels[:12], colors="black",
                           linewidths=0.6, alpha=0.55)
        ax.clabel(drawn, fontsize=6, fmt=lambda v: f"{about(v)} {m.currency}")


def describe(m: DecisionMap, lang: Lang = "en") -> list[str]:
    """The boundaries in words, one line each, for captions beside a picture."""
    out = []
    colon = "：" if lang == "zh" else ": "
    for panel in m.panels:
        prefix = "" if m.facet is None else facet_label(m.facet, panel.facet_value, lang) + (
            "；" if lang == "zh" else "; ")
        for line in panel.lines:
            out.append(f"{prefix}{line_heading_words(line, m.currency, lang)}{colon}"
                       f"{line_words(line, m.currency, lang)}")
    return out
