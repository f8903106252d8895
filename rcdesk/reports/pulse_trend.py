"""The pulse's trend across waves as a figure: the Pulse tab and the PDF draw the same one.

Only what the team may see: shown waves only (services/pulse.py decides which).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rcdesk.analysis.psych_safety import PulseResult

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def trend_figure(trend: Sequence[tuple[str, PulseResult]], width_in: float = 6.0,
                 height_in: float = 2.2, dpi: float = 200) -> Figure:
    """Team score per wave (shown waves only), on the full scale so small moves look small.

    The PDF and the Pulse tab draw the same figure.
    """
    from rcdesk.reports.figures import new_figure

    shown = [(name, r) for name, r in trend if not r.suppressed and r.score is not None]
    figure = new_figure(width_in, height_in, dpi)
    axes = figure.add_subplot()
    names = [name for name, _ in shown]
    scores = [float(r.score) for _, r in shown if r.score is not None]
    axes.plot(range(len(shown)), scores, marker="o", color="#1f4e79", linewidth=2)
    for x, value in enumerate(scores):
        axes.annotate(f"{value:.2f}", (x, value), textcoords="offset points", xytext=(0, 7),
                      ha="center", fontsize=8)
    top = max((r.scale_max for _, r in shown), default=7)
    axes.set_ylim(1, top + 0.5)
    axes.set_xlim(-0.4, len(shown) - 0.6)
    axes.set_xticks(range(len(shown)), names, fontsize=8)
    axes.set_ylabel("team score", fontsize=8)
    axes.tick_params(axis="y", labelsize=8)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    return figure
