"""A driver diagram as a matplotlib Figure (screen, PNG and SVG): the aim on the left, its
primary drivers (dimensions and ties), its secondary drivers (structures), and the change
ideas the team tests in PDSA cycles on the right, joined by lines (issue 19).

Boxes carry all the words and the lines are plain, so it reads in greyscale.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from rcdesk.domain.change_model import DriverDiagram
from rcdesk.domain.errors import DomainError
from rcdesk.reports import map_style as ms
from rcdesk.reports.figures import missing_glyphs_allowed, new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

TEXT, MUTED, LINE, FILL = "#1B1F24", "#4D5561", "#7A828C", "#F2F4F7"
COLUMNS = ("Aim", "Primary drivers", "Secondary drivers", "Change ideas (PDSA)")
X = (0.01, 0.27, 0.51, 0.75)
BOX_WIDTH = 0.23


def _box(ax: Axes, x: float, y: float, lines: list[str], size: float, line_h: float,
         bold: int = 0) -> tuple[float, float]:
    """A box of fixed width whose left edge is x and centre y, holding `lines` (the first
    `bold` of them in bold, the rest muted); returns its left and right edges."""
    from matplotlib.patches import FancyBboxPatch

    height = line_h * (len(lines) + 0.6)
    ax.add_patch(FancyBboxPatch((x, y - height / 2), BOX_WIDTH, height,
                                boxstyle="round,pad=0,rounding_size=0.008", facecolor=FILL,
                                edgecolor=LINE, linewidth=1.0, zorder=2))
    top = y + line_h * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        ax.text(x + 0.008, top - i * line_h, line, fontsize=size, va="center", ha="left",
                color=TEXT if i < bold or not bold else MUTED, family=ms.FONT_FAMILY,
                weight="bold" if i < bold else "normal", zorder=3)
    return x, x + BOX_WIDTH


def _lines(text: str, detail: str, chars: int, most: int = 3) -> list[str]:
    wrapped = textwrap.wrap(text, chars) or [""]
    if len(wrapped) > most:
        wrapped = [*wrapped[:most - 1], textwrap.shorten(" ".join(wrapped[most - 1:]), chars,
                                                         placeholder="…")]
    return wrapped + ([textwrap.shorten(detail, chars, placeholder="…")] if detail else [])


def _ys(count: int) -> list[float]:
    """Centres of `count` boxes spread down the drawing area."""
    if count == 0:
        return []
    step = 0.82 / count
    return [0.86 - step * (i + 0.5) for i in range(count)]


def _join(ax: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    ax.plot([start[0], end[0]], [start[1], end[1]], color=LINE, linewidth=1.0, zorder=0)


def driver_diagram_figure(diagram: DriverDiagram, width_in: float = 13.33,
                          height_in: float = 7.5, dpi: float = 100) -> Figure:
    figure = new_figure(width_in, height_in, dpi)
    figure.set_layout_engine("none")
    ax = figure.add_axes((0.01, 0.01, 0.98, 0.98))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    size = 10 * min(width_in / 13.33, height_in / 7.5) ** 0.5
    line_h = size * 1.35 / (0.98 * height_in * 72)
    chars = int(BOX_WIDTH * 0.98 * width_in * 72 / (size * 0.62))
    for x, head in zip(X, COLUMNS, strict=True):
        ax.text(x, 0.96, head, fontsize=size * 1.2, weight="bold", color=TEXT,
                family=ms.FONT_FAMILY, va="top")
    aim_y = 0.5
    aim_lines = _lines(diagram.aim, diagram.measure, chars)
    aim = _box(ax, X[0], aim_y, aim_lines, size, line_h,
               bold=len(aim_lines) - (1 if diagram.measure else 0))
    primary = [(_box(ax, X[1], y, _lines(text, "", chars), size, line_h), y)
               for text, y in zip(diagram.primary, _ys(len(diagram.primary)), strict=True)]
    secondary = [(_box(ax, X[2], y, _lines(text, "", chars), size, line_h), y)
                 for text, y in zip(diagram.secondary, _ys(len(diagram.secondary)),
                                    strict=True)]
    for (left, _), y in primary:
        _join(ax, (aim[1], aim_y), (left, y))
    for (left, _), y in secondary:  # structures shape every primary driver (or the aim)
        for (_, right), py in primary or [((aim[0], aim[1]), aim_y)]:
            _join(ax, (right, py), (left, y))
    for idea, y in zip(diagram.ideas, _ys(len(diagram.ideas)), strict=True):
        left, _ = _box(ax, X[3], y, _lines(idea.text, idea.detail, chars, 2), size * 0.95,
                       line_h)
        if idea.driver is not None and idea.driver < len(secondary):
            (_, right), parent_y = secondary[idea.driver]
        else:
            right, parent_y = aim[1], aim_y
        _join(ax, (right, parent_y), (left, y))
    if not (diagram.primary or diagram.secondary or diagram.ideas):
        ax.text(X[1], 0.5, "No drivers or change ideas yet: choose the dimensions and ties "
                "that drive this aim, link structures to it, and plan its PDSA cycles.",
                fontsize=size, color=MUTED, family=ms.FONT_FAMILY, wrap=True)
    return figure


def write_driver_diagram(diagram: DriverDiagram, path: str | Path) -> Path:
    """Save the diagram as PNG or SVG (by the suffix); return the path."""
    from rcdesk.files import atomic_file

    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in ("png", "svg"):
        raise DomainError(f"Cannot write the driver diagram to {target.name}: the file name "
                          "must end in .png or .svg.")
    with atomic_file(target, "the driver diagram", 0o666) as handle, missing_glyphs_allowed():
        driver_diagram_figure(diagram).savefig(handle, format=suffix, dpi=150)
    return target
