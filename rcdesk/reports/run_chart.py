"""The run chart of a gap's measure as a matplotlib Figure, for the screen and the PDF.

One builder (never pyplot): the Gaps page wraps the Figure in a FigureCanvasQTAgg,
a report renders it with Agg. It stays legible in greyscale because every line
differs by pattern as well as colour: values solid with round markers, the median
dashed, the baseline dotted, the target dash-dot and thick, cycle starts thin
vertical lines with a triangle; points in a shift are drawn as larger diamonds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rcdesk.analysis.run_chart import RunChartData
from rcdesk.reports import map_style as ms
from rcdesk.reports.figures import new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FONT = ms.FONT_FAMILY
TEXT = "#1B1F24"
MUTED = "#555B62"
VALUE = "#1B1F24"
SHIFT = "#0072B2"
BASELINE = "#D55E00"
TARGET = "#009E73"
CYCLE = "#7A7F85"


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _reference_lines(ax: Axes, data: RunChartData) -> None:
    if data.median is not None:
        ax.axhline(data.median, color=MUTED, linestyle=(0, (5, 3)), linewidth=1.3,
                   label=f"Median {_number(data.median)}")
    if data.baseline is not None:
        ax.axhline(data.baseline, color=BASELINE, linestyle=":", linewidth=2.0,
                   label=f"Baseline {_number(data.baseline)}")
    if data.target is not None:
        when = f" by {data.target_date:%d %b %Y}" if data.target_date else ""
        ax.axhline(data.target, color=TARGET, linestyle="-.", linewidth=2.4,
                   label=f"Target {_number(data.target)}{when}")


def _cycle_marks(ax: Axes, data: RunChartData, font_pt: float) -> list[Any]:
    """Thin vertical lines numbered 1, 2, … near the top; returns legend rows naming them."""
    from matplotlib.lines import Line2D
    from matplotlib.transforms import blended_transform_factory

    along_x = blended_transform_factory(ax.transData, ax.transAxes)
    names = []
    for number, mark in enumerate(data.cycles, start=1):
        ax.axvline(mark.date, color=CYCLE, linewidth=1.0)  # type: ignore[arg-type]
        ax.plot([mark.date], [0.0], marker="^", markersize=8, color=CYCLE,  # type: ignore[arg-type]
                transform=along_x, clip_on=False, linestyle="none")
        ax.text(mark.date, 0.98, f" {number}", transform=along_x,  # type: ignore[arg-type]
                va="top", ha="left", fontsize=font_pt * 0.85, family=FONT, color=TEXT,
                fontweight="bold")
        names.append(Line2D([], [], color=CYCLE, linewidth=1.0,
                            label=f"Cycle {number} started: {mark.label}"))
    return names


def _values(ax: Axes, data: RunChartData) -> None:
    dates = [p.date for p in data.points]
    values = [p.value for p in data.points]
    if not dates:
        return
    ax.plot(dates, values, color=VALUE, linewidth=1.8, marker="o", markersize=5,  # type: ignore[arg-type]
            label="Measured value")
    if data.shift:
        ax.plot([dates[i] for i in data.shift], [values[i] for i in data.shift],  # type: ignore[arg-type]
                linestyle="none", marker="D", markersize=8, markerfacecolor=SHIFT,
                markeredgecolor=VALUE, label="Shift: 6+ points on one side of the median")


def _x_range(ax: Axes, data: RunChartData) -> None:
    from datetime import timedelta

    import matplotlib.dates as mdates

    days = [p.date for p in data.points] + [m.date for m in data.cycles]
    days += [d for d in (data.baseline_date, data.target_date) if d is not None]
    if days:
        pad = max((max(days) - min(days)).days * 0.04, 2)
        ax.set_xlim(min(days) - timedelta(days=pad), max(days) + timedelta(days=pad))  # type: ignore[arg-type]
    locator = mdates.AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def _legend_columns(labels: list[str], width_in: float, font_pt: float) -> int:
    """Two legend columns when they fit the figure's width, else one (never cut off)."""
    # DejaVu Sans averages about 0.6 em per character; a handle and gap take about 5 em.
    em_per_column = max((len(text) for text in labels), default=0) * 0.6 + 5
    fits = 2 * em_per_column * font_pt * 0.85 <= width_in * 72 * 0.95
    return 2 if fits else 1


def run_chart_figure(data: RunChartData, *, width_in: float = 7.0, height_in: float = 4.0,
                     dpi: float = 100, font_pt: float = 10.0,
                     title: str | None = None) -> Figure:
    """The run chart: values over time, median, baseline, target and cycle starts."""
    figure = new_figure(width_in, height_in, dpi)
    ax = figure.add_subplot()
    style: dict[str, Any] = {"fontsize": font_pt, "family": FONT, "color": TEXT}
    ax.set_title(data.title if title is None else title, loc="left", fontweight="bold",
                 **{**style, "fontsize": font_pt * 1.15})
    if not data.points and data.baseline is None and data.target is None:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No values yet: record the first measurement.", ha="center",
                va="center", transform=ax.transAxes, **{**style, "color": MUTED})
        return figure
    _reference_lines(ax, data)
    _values(ax, data)
    cycle_names = _cycle_marks(ax, data, font_pt)
    ax.margins(y=0.14)  # room for the cycle numbers above the highest line
    _x_range(ax, data)
    unit = f"{data.unit}\n" if data.unit else ""
    ax.set_ylabel(f"{unit}({data.direction.label.lower()})", **style)
    ax.tick_params(labelsize=font_pt * 0.9, colors=TEXT)
    ax.grid(axis="y", color="#E3E5E8", linewidth=0.8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles, _ = ax.get_legend_handles_labels()
    rows = [*handles, *cycle_names]
    figure.legend(handles=rows, loc="outside lower center", frameon=False, handlelength=2.6,
                  ncols=_legend_columns([h.get_label() for h in rows], width_in, font_pt),
                  prop={"family": FONT, "size": font_pt * 0.85})
    return figure
