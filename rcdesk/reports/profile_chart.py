"""The dimension profile as a matplotlib Figure (for the Scores view and the PDF).

The seven dimensions as bars on the 1–5 scale, weakest first; communication bars dark
and solid, relationship bars lighter and hatched, so colour is never the only signal.
Laid out by hand like the heat-map (reports/chart_layout.py): no layout engine measuring
every label on each draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rcdesk.analysis.rc_scores import mean
from rcdesk.domain.dimensions import DIMENSIONS, Group
from rcdesk.domain.scores import WaveScores
from rcdesk.reports.chart_layout import (
    FONT,
    GAP_PT,
    GRID,
    MUTED,
    TEXT,
    Margins,
    Measure,
    place_axes,
    wrap_name,
)
from rcdesk.reports.figures import new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend

#: Where each bar's value is written, and the scale's right end (room for the values).
VALUE_X, X_MAX = 5.12, 5.6
#: Between a tick label and the axes (matplotlib's default pad), in points.
TICK_PAD_PT = 3.5

#: Communication bars dark solid, relationship bars lighter and hatched (Okabe–Ito blues).
GROUP_STYLE = {Group.COMMUNICATION: ("#0072B2", ""), Group.RELATIONSHIP: ("#56B4E9", "//")}
GROUP_LABEL = {Group.COMMUNICATION: "Communication", Group.RELATIONSHIP: "Relationship"}


def subscale_means(scores: WaveScores) -> dict[Group, float | None]:
    """Communication and relationship over the shown ties (the same rule as every aggregate)."""
    shown = [t for t in scores.ties if t.shown]
    return {
        Group.COMMUNICATION: mean([t.communication for t in shown if t.communication is not None]),
        Group.RELATIONSHIP: mean([t.relationship for t in shown if t.relationship is not None]),
    }


def profile_order(scores: WaveScores) -> list[tuple[str, float | None]]:
    """(dimension key, workshop mean) weakest first; dimensions without data last."""
    values = [(d.key, scores.overall.dimensions.get(d.key)) for d in DIMENSIONS]
    scored = sorted((kv for kv in values if kv[1] is not None), key=lambda kv: kv[1] or 0.0)
    return scored + [kv for kv in values if kv[1] is None]


def profile_figure(scores: WaveScores, *, width_in: float = 6.0, height_in: float = 4.5,
                   dpi: float = 100, font_pt: float = 10.0,
                   cut_points: Sequence[float] = (3.5, 4.0), title: str | None = None
                   ) -> Figure:
    """The seven dimensions as horizontal bars on the 1–5 scale, weakest at the top.

    Communication bars are dark and solid, relationship bars lighter and hatched;
    the two subscale means are vertical lines (dashed, dotted) named in the legend;
    the band cut points are faint guides. Each bar ends in its value (two decimals).
    """
    figure = new_figure(width_in, height_in, dpi)
    figure.set_layout_engine("none")
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    order = profile_order(scores)
    groups = {d.key: d.group for d in DIMENSIONS}
    names = {d.key: d.name for d in DIMENSIONS}
    for position, (key, value) in enumerate(order):
        colour, hatch = GROUP_STYLE[groups[key]]
        if value is None:
            ax.text(1.05, position, "no data", va="center", fontsize=font_pt, family=FONT,
                    color=MUTED)
            continue
        ax.barh(position, value - 1, left=1, height=0.62, color=colour, hatch=hatch,
                edgecolor="white" if hatch else colour, linewidth=0)
        ax.text(VALUE_X, position, f"{value:.2f}", va="center", fontsize=font_pt, family=FONT,
                color=TEXT)
    for cut in cut_points:
        ax.axvline(cut, color=GRID, linewidth=1, zorder=0)
    _subscale_lines(ax, scores)
    rows = [wrap_name(names[key], 22) for key, _ in order]
    ax.set_yticks(range(len(order)), rows, fontsize=font_pt, family=FONT, color=TEXT)
    ax.set_ylim(len(order) - 0.5, -0.5)  # weakest on top, in reading order
    ax.set_xlim(1, X_MAX)
    ax.set_xticks([1, 2, 3, 4, 5], ["1", "2", "3", "4", "5"], fontsize=font_pt, family=FONT,
                  color=MUTED)
    ax.tick_params(length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(GRID)
    legend = _profile_legend(figure, ax, font_pt, columns=2 if width_in >= 6.5 else 1)
    _lay_out(figure, ax, rows, legend, title, font_pt)
    return figure


def _lay_out(figure: Figure, ax: Axes, rows: Sequence[str], legend: Legend,
             title: str | None, font_pt: float) -> None:
    """The bars in the room the dimension names (left), the scale and the legend (below)
    and the title leave, each measured once."""
    measure = Measure(figure, FONT)
    width_pt, height_pt = (v * 72.0 for v in figure.get_size_inches())
    pad, title_pt = 0.5 * font_pt, font_pt * 1.3
    top = pad + (measure.size(title, title_pt)[1] + pad if title else 0.0)
    left = pad + max(measure.size(row, font_pt)[0] for row in rows) + TICK_PAD_PT
    legend_pt = legend.get_window_extent(measure.renderer).height * measure.to_pt
    legend.set_bbox_to_anchor((0.5, pad / height_pt), transform=figure.transFigure)
    bottom = pad + legend_pt + GAP_PT + measure.size("5", font_pt)[1] + TICK_PAD_PT
    # Each bar's value starts at VALUE_X: the right margin leaves the widest one its room.
    share = (X_MAX - VALUE_X) / (X_MAX - 1)
    value_pt = measure.size("5.00", font_pt)[0]
    right = max(pad, (value_pt + pad - share * (width_pt - left)) / (1 - share))
    place_axes(figure, ax, Margins(left, right, top, bottom))
    if title:
        figure.suptitle(title, fontsize=title_pt, family=FONT, color=TEXT, fontweight="bold",
                        y=1 - pad / height_pt, va="top")


def _subscale_lines(ax: Axes, scores: WaveScores) -> None:
    styles = {Group.COMMUNICATION: "--", Group.RELATIONSHIP: ":"}
    for group, value in subscale_means(scores).items():
        if value is None:
            continue
        colour = GROUP_STYLE[group][0] if group is Group.COMMUNICATION else "#1B1F24"
        ax.axvline(value, color=colour, linestyle=styles[group], linewidth=2,
                   label=f"{GROUP_LABEL[group]} mean {value:.2f}", zorder=3)


def _profile_legend(figure: Figure, ax: Axes, font_pt: float, columns: int) -> Legend:
    from matplotlib.patches import Patch

    bars = [Patch(facecolor=GROUP_STYLE[g][0], hatch=GROUP_STYLE[g][1], edgecolor="white",
                  label=f"{GROUP_LABEL[g]} item") for g in Group]
    lines, _ = ax.get_legend_handles_labels()
    return figure.legend(handles=[*bars, *lines], loc="lower center", ncols=columns,
                         frameon=False, prop={"family": FONT, "size": font_pt},
                         handlelength=2.2, columnspacing=1.2, borderaxespad=0, borderpad=0)
