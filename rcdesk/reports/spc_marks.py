"""What a chart draws besides the values: PDSA cycle bands, stage lines, signal markers.

Helpers of reports/run_chart.py. Everything differs by pattern or shape as well as
colour, so a greyscale print keeps it apart: cycle bands are hatched (alternating
directions) with their number and decision written at the top; a stage's centre
line is solid, its limits dashed; a point in a signalling run is a diamond, a
point outside the limits a square.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rcdesk.analysis.run_chart import RunChartData, Stage
from rcdesk.domain.gaps import ChartType
from rcdesk.reports import map_style as ms

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FONT = ms.FONT_FAMILY
TEXT = "#1B1F24"
CENTRE = "#3C4248"
LIMIT = "#555B62"
SHIFT = "#0072B2"
OUTSIDE = "#D55E00"
BAND = ("#E8EEF5", "#F3EBDD")
BAND_EDGE = "#8A9097"
HATCH = ("//", "\\\\")


def scale(data: RunChartData) -> float:
    return 100.0 if data.percent else 1.0


def _stage_dates(data: RunChartData, stage: Stage) -> list[date]:
    return [data.points[i].date for i in stage.indexes]


def stage_lines(ax: Axes, data: RunChartData) -> list[Any]:
    """Each stage's centre line and limits over its own points; returns legend rows."""
    from matplotlib.lines import Line2D

    k = scale(data)
    run = data.chart is ChartType.RUN
    name = "Median" if run else "Centre line"
    rows: list[Any] = []
    for number, stage in enumerate(data.stages):
        if stage.centre is None:
            continue
        dates = _stage_dates(data, stage)
        if len(dates) == 1:
            dates = [dates[0] - timedelta(days=1), dates[0] + timedelta(days=1)]
        ax.plot([dates[0], dates[-1]], [stage.centre * k] * 2, color=CENTRE,  # type: ignore[arg-type]
                linestyle=(0, (5, 3)) if run else "-", linewidth=1.4)
        if stage.upper[0] is not None:
            _limit_line(ax, data, stage, stage.upper, k)
            _limit_line(ax, data, stage, stage.lower, k)
        if number:
            ax.axvline(data.points[stage.first].date, color=CENTRE,  # type: ignore[arg-type]
                       linestyle=":", linewidth=1.2)
    last = next((s for s in reversed(data.stages) if s.centre is not None), None)
    if last is not None and last.centre is not None:
        rows.append(Line2D([], [], color=CENTRE, linewidth=1.4,
                           linestyle=(0, (5, 3)) if run else "-",
                           label=f"{name} {number_text(last.centre * k)}"
                           + _centre_note(data, last)))
    if not run and any(s.upper and s.upper[0] is not None for s in data.stages):
        rows.append(Line2D([], [], color=LIMIT, linewidth=1.2, linestyle=(0, (2, 2)),
                           label="Control limits (3 sigma)"))
    return rows


def _centre_note(data: RunChartData, last: Stage) -> str:
    """Where the centre line comes from, when it is not simply every point."""
    if len(data.stages) > 1:
        return " (the last stage; each stage has its own)"
    if len(last.baseline) < last.last - last.first + 1:
        return f" (from the first {len(last.baseline)} points)"
    return ""


def _limit_line(ax: Axes, data: RunChartData, stage: Stage,
                limits: tuple[float | None, ...], k: float) -> None:
    dates = _stage_dates(data, stage)
    values = [v * k if v is not None else float("nan") for v in limits]
    if len(dates) == 1:
        dates = [dates[0] - timedelta(days=1), dates[0] + timedelta(days=1)]
        values = values * 2
    ax.plot(dates, values, color=LIMIT, linewidth=1.2, linestyle=(0, (2, 2)),  # type: ignore[arg-type]
            drawstyle="steps-mid")


def signal_markers(ax: Axes, data: RunChartData, marker_scale: float) -> list[Any]:
    """Diamonds on points of a signalling run, squares on points beyond the limits."""
    k = scale(data)
    rows: list[Any] = []
    if data.shift:
        rows += ax.plot([data.points[i].date for i in data.shift],  # type: ignore[arg-type]
                        [data.points[i].value * k for i in data.shift], linestyle="none",
                        marker="D", markersize=8 * marker_scale, markerfacecolor=SHIFT,
                        markeredgecolor=TEXT, label="In a run that signals a shift")
    if data.outside:
        rows += ax.plot([data.points[i].date for i in data.outside],  # type: ignore[arg-type]
                        [data.points[i].value * k for i in data.outside], linestyle="none",
                        marker="s", markersize=9 * marker_scale, markerfacecolor=OUTSIDE,
                        markeredgecolor=TEXT, label="Outside the control limits")
    return rows


def cycle_bands(ax: Axes, data: RunChartData, font_pt: float) -> list[Any]:
    """A hatched band per PDSA cycle, numbered with its decision; returns legend rows."""
    from matplotlib.patches import Patch
    from matplotlib.transforms import blended_transform_factory

    along_x = blended_transform_factory(ax.transData, ax.transAxes)
    rows = []
    for band in data.cycles:
        tone = (band.number - 1) % 2
        end = band.end if band.end > band.start else band.start + timedelta(days=1)
        ax.axvspan(band.start, end, facecolor=BAND[tone], edgecolor=BAND_EDGE,  # type: ignore[arg-type]
                   hatch=HATCH[tone], linewidth=0.8, zorder=0)
        caption = f" {band.number}" + (f" {band.decision.label}" if band.decision else "")
        ax.text(band.start, 0.985, caption, transform=along_x,  # type: ignore[arg-type]
            va="top", ha="left", fontsize=font_pt * 0.9, family=FONT, color=TEXT,
            fontweight="bold", zorder=5,
            bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none",
                  "alpha": 0.85})
        when = f"{band.start:%d %b}" + (f"–{band.end:%d %b}" if band.end > band.start else "")
        rows.append(Patch(facecolor=BAND[tone], edgecolor=BAND_EDGE, hatch=HATCH[tone],
                          label=f"{band.caption}, {when}: {band.label}"))
    return rows


def number_text(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
