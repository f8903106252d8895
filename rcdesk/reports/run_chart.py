"""The chart of a gap's measure as a matplotlib Figure, for the screen, PNG and the PDF.

One builder (never pyplot): the Gaps page wraps the Figure in a FigureCanvasQTAgg,
a report renders it with Agg. The chart is a run chart or an I, P or U control chart
(analysis/run_chart.py): values with round markers, each stage's centre line and
limits, PDSA cycles as numbered hatched bands with their decision, and the verdict
of the rules in plain words under the title ("Signal: 8 points in a row above the
median: a shift."). It stays legible in greyscale because every line differs by
pattern and every marker by shape (reports/spc_marks.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rcdesk.analysis.run_chart import RunChartData
from rcdesk.reports import map_style as ms
from rcdesk.reports import spc_marks as marks
from rcdesk.reports.figures import new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FONT = ms.FONT_FAMILY
TEXT = "#1B1F24"
MUTED = "#555B62"
VALUE = "#1B1F24"
BASELINE = "#D55E00"
TARGET = "#009E73"


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _reference_lines(ax: Axes, data: RunChartData) -> None:
    if data.baseline is not None:
        ax.axhline(data.baseline, color=BASELINE, linestyle=":", linewidth=2.0,
                   label=f"Baseline {_number(data.baseline)}")
    if data.target is not None:
        when = f" by {data.target_date:%d %b %Y}" if data.target_date else ""
        ax.axhline(data.target, color=TARGET, linestyle="-.", linewidth=2.4,
                   label=f"Target {_number(data.target)}{when}")


def _values(ax: Axes, data: RunChartData, marker_scale: float) -> list[Any]:
    dates = [p.date for p in data.points]
    k = marks.scale(data)
    values = [p.value * k for p in data.points]
    if not dates:
        return []
    many = len(dates) > 60
    return list(ax.plot(dates, values, color=VALUE, linewidth=1.2 if many else 1.8,  # type: ignore[arg-type]
                        marker="o", markersize=(3 if many else 5) * marker_scale,
                        label="Measured value", zorder=3))


def _x_range(ax: Axes, data: RunChartData) -> None:
    from datetime import timedelta

    import matplotlib.dates as mdates

    days = [p.date for p in data.points] + [c.start for c in data.cycles]
    days += [c.end for c in data.cycles]
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


def _unit_label(data: RunChartData) -> str:
    unit = "%" if data.percent else data.unit
    if data.percent and data.unit:
        unit = f"% ({data.unit})"
    return f"{unit}\n" if unit else ""


def _caption(data: RunChartData) -> str:
    """The chart kind and what the rules say, under the title."""
    chart = data.chart.label
    if data.verdict is None:
        return chart
    left = (f" {data.left_out} value{'s' if data.left_out != 1 else ''} without a "
            "total left out." if data.left_out else "")
    return f"{chart}. {data.verdict.full_text}{left}"


def fitting_font(font_pt: float, width_in: float, height_in: float) -> float:
    """The largest size up to `font_pt` that leaves about 48 ems across and 26 lines down."""
    return max(min(font_pt, width_in * 72 / 48, height_in * 72 / 26), 5.0)


def run_chart_figure(data: RunChartData, *, width_in: float = 7.0, height_in: float = 4.0,
                     dpi: float = 100, font_pt: float = 10.0,
                     title: str | None = None, caption: bool = True) -> Figure:
    """The chart: values over time, stages' centre lines and limits, cycles, signals.

    The type shrinks when the figure is too small for it (a narrow panel in projector
    mode), so that the plot, caption and legend still fit without overlapping. Without
    `caption` the verdict is left off the figure (the PDF prints it as text below).
    """
    import textwrap

    font_pt = fitting_font(font_pt, width_in, height_in)
    figure = new_figure(width_in, height_in, dpi)
    ax = figure.add_subplot()
    style: dict[str, Any] = {"fontsize": font_pt, "family": FONT, "color": TEXT}
    heading = data.title if title is None else title
    bold = {**style, "fontsize": font_pt * 1.15, "fontweight": "bold"}
    if not data.points and data.baseline is None and data.target is None:
        ax.set_title(heading, loc="left", **bold)
        ax.set_axis_off()
        empty = ("No values yet: record the first measurement." if not data.left_out else
                 f"{data.left_out} value{'s have' if data.left_out != 1 else ' has'} no total: "
                 "record each count with the total it is out of.")
        ax.text(0.5, 0.5, empty, ha="center", va="center", transform=ax.transAxes,
                wrap=True, **{**style, "color": MUTED})
        return figure
    chars = max(int(width_in * 72 / (font_pt * 0.9 * 0.6)), 30)
    figure.suptitle(heading, x=0.01, ha="left", **bold)
    if caption:
        ax.set_title(textwrap.fill(_caption(data), chars), loc="left",
                     **{**style, "fontsize": font_pt * 0.9})
    marker_scale = max(font_pt / 10.0, 0.8)
    cycle_rows = marks.cycle_bands(ax, data, font_pt)
    _reference_lines(ax, data)
    value_rows = _values(ax, data, marker_scale)
    stage_rows = marks.stage_lines(ax, data)
    signal_rows = marks.signal_markers(ax, data, marker_scale)
    ax.margins(y=0.16)  # room for the cycle numbers above the highest line
    _x_range(ax, data)
    ax.set_ylabel(f"{_unit_label(data)}({data.direction.label.lower()})", **style)
    ax.tick_params(labelsize=font_pt * 0.9, colors=TEXT)
    ax.grid(axis="y", color="#E3E5E8", linewidth=0.8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    references = [h for h in ax.get_legend_handles_labels()[0]
                  if str(h.get_label()).startswith(("Baseline", "Target"))]
    rows = [*value_rows, *stage_rows, *references, *signal_rows, *cycle_rows]
    figure.legend(handles=rows, loc="outside lower center", frameon=False, handlelength=2.6,
                  ncols=_legend_columns([h.get_label() for h in rows], width_in, font_pt),
                  prop={"family": FONT, "size": font_pt * 0.85})
    return figure
