"""A chart laid out by hand: margins from measured text, axis names as plain texts.

matplotlib's constrained layout measured every label of a chart twice on each draw, and
each tick of an axis is five artists; on a 60-role heat-map that was most of the time to
build and draw it (issue 23). Here a chart's texts are measured once, with the figure's
own renderer, its axes placed for the room they leave, and row and column names drawn as
plain texts beside the axes (tagged, so `labels_of` finds them for tests and checks).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rcdesk.reports import map_style as ms

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

#: The charts' shared look (heat-map, profile).
FONT = ms.FONT_FAMILY
TEXT = "#1B1F24"
MUTED = "#555B62"
GRID = "#C8CCD0"
ROW_LABEL = "row-label"
COLUMN_LABEL = "column-label"
#: Between a label and its axes, in points.
GAP_PT = 4.0
LINE_SPACING = 1.2  # matplotlib's default between the baselines of a text's lines
SLANT_DEGREES = 35.0


def wrap_name(name: str, width: int = 14) -> str:
    """A name on lines of at most `width` characters (a long word keeps its line)."""
    return "\n".join(textwrap.wrap(name, width, break_long_words=False)) or name


class Measure:
    """Text sizes in points, from the figure's renderer (what drawing it will use)."""

    def __init__(self, figure: Figure, family: str) -> None:
        self.renderer: Any = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        self.to_pt = 72.0 / figure.dpi
        self.family = family
        self._props: dict[float, Any] = {}

    def size(self, text: str, pt: float) -> tuple[float, float]:
        """(width, height) of `text` at `pt` points, its lines LINE_SPACING apart."""
        from matplotlib.font_manager import FontProperties

        prop = self._props.get(pt)
        if prop is None:
            prop = self._props[pt] = FontProperties(family=self.family, size=pt)
        lines = text.split("\n")
        widths = [self.renderer.get_text_width_height_descent(line, prop, ismath=False)[0]
                  for line in lines if line]
        return max(widths, default=0.0) * self.to_pt, self.height(text, pt)

    @staticmethod
    def height(text: str, pt: float) -> float:
        """The height of `text` at `pt` points (its lines' count alone: nothing measured)."""
        return pt + text.count("\n") * pt * LINE_SPACING


@dataclass(frozen=True)
class AxisNames:
    """What goes round a matrix: row names (position → text), column names, and whether
    the column names are slanted; all at `pt` points."""

    rows: Sequence[tuple[float, str]]
    columns: Sequence[tuple[float, str]]
    slanted: bool
    pt: float


@dataclass(frozen=True)
class Margins:
    """Room round the axes, in points."""

    left: float
    right: float
    top: float
    bottom: float


def slanted_extent(width: float, height: float) -> tuple[float, float]:
    """(rightwards, upwards) reach of a label slanted SLANT_DEGREES from its left anchor."""
    angle = math.radians(SLANT_DEGREES)
    return width * math.cos(angle), width * math.sin(angle) + height * math.cos(angle)


def matrix_margins(measure: Measure, names: AxisNames, count: int, *, width_pt: float,
                   above: float, below: float, beside: float) -> Margins:
    """The margins that fit the row names left of the matrix and the column names above
    it; `above` (a title, an axis name), `below` (a legend) and `beside` (an axis name on
    the left) are added. A slanted last column name may reach past the matrix: the right
    margin leaves it room."""
    row_width = max((measure.size(text, names.pt)[0] for _, text in names.rows), default=0.0)
    left = beside + row_width + GAP_PT
    right = GAP_PT
    if names.slanted:
        reaches = [(position, *slanted_extent(*measure.size(text, names.pt)))
                   for position, text in names.columns]
        column_height = max((up for _, _, up in reaches), default=0.0)
        for _ in range(2):  # the cell width depends on the right margin: settle it
            cell = (width_pt - left - right) / max(count, 1)
            right = max([GAP_PT] + [reach - (count - position) * cell + GAP_PT
                                    for position, reach, _ in reaches])
    else:  # upright: only their height counts, and that needs no measuring
        column_height = max((measure.height(text, names.pt) for _, text in names.columns),
                            default=0.0)
    return Margins(left, right, above + column_height + GAP_PT, below)


def place_axes(figure: Figure, ax: Axes, margins: Margins) -> None:
    width_pt, height_pt = (v * 72.0 for v in figure.get_size_inches())
    ax.set_position((margins.left / width_pt, margins.bottom / height_pt,
                     max(width_pt - margins.left - margins.right, 1.0) / width_pt,
                     max(height_pt - margins.top - margins.bottom, 1.0) / height_pt))


def draw_axis_names(figure: Figure, ax: Axes, names: AxisNames, family: str,
                    colour: str) -> None:
    """Row names right-aligned left of the axes, column names above it (wrapped and
    centred, or slanted from their column's centre), as figure texts."""
    from matplotlib.transforms import blended_transform_factory, offset_copy

    common: dict[str, Any] = {"fontsize": names.pt, "family": family, "color": colour}
    rows = offset_copy(blended_transform_factory(ax.transAxes, ax.transData), figure,
                       x=-GAP_PT, units="points")
    for position, text in names.rows:
        figure.text(0, position, text, transform=rows, ha="right", va="center",
                    gid=ROW_LABEL, **common)
    columns = offset_copy(blended_transform_factory(ax.transData, ax.transAxes), figure,
                          y=GAP_PT, units="points")
    slant: dict[str, Any] = ({"rotation": SLANT_DEGREES, "ha": "left", "rotation_mode": "anchor"}
             if names.slanted else {"ha": "center", "multialignment": "center"})
    for position, text in names.columns:
        figure.text(position, 1, text, transform=columns, va="bottom", gid=COLUMN_LABEL,
                    **slant, **common)


def labels_of(figure: Figure, gid: str) -> list[Text]:
    """The row (ROW_LABEL) or column (COLUMN_LABEL) names drawn by draw_axis_names."""
    return [t for t in figure.texts if t.get_gid() == gid]
