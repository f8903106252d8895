"""Score charts as matplotlib Figures: one builder serves the screen and the PDF.

`heatmap_figure` draws the role × role matrix of a wave (rater rows, rated
columns) and `profile_figure` the seven dimensions as bars, weakest first. The
ui wraps the returned Figure in a FigureCanvasQTAgg; a report renders the same
Figure with its Agg canvas to PNG. Never pyplot: no global state, no GUI backend.

Colour is never the only signal (ux.md): a heat-map cell carries its value as
text and its band as a border drawn like the map's ties (weak dashed, moderate
thin solid, strong thick solid); suppressed cells are hatched and say "n<k" and
never a value; in the profile, relationship bars are hatched as well as lighter. A cell
shown from k + 2 respondents or more (anonymity.spread_shown) carries its spread: "±0.8"
beside its n where the cell is wide enough, and at every size a black corner triangle when
people rate it far apart (filled: high, hollow: some; analysis/disagreement levels), so the
mark is read by shape, never by colour. A hidden cell never has one.
Matplotlib is imported lazily (about 0.8 s on first use).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rcdesk.analysis.disagreement import HIGH_SD, SOME_SD, Level, level_of
from rcdesk.domain.anonymity import spread_shown
from rcdesk.domain.bands import Band
from rcdesk.domain.scores import Spread, TieScore, WaveScores
from rcdesk.reports import map_style as ms
from rcdesk.reports.chart_layout import (
    FONT,
    GAP_PT,
    GRID,
    MUTED,
    TEXT,
    AxisNames,
    Margins,
    Measure,
    draw_axis_names,
    matrix_margins,
    place_axes,
    wrap_name,
)
from rcdesk.reports.figures import new_figure

# The profile has its own module; the PDF and the Scores view find both charts here.
from rcdesk.reports.profile_chart import profile_figure as profile_figure
from rcdesk.reports.profile_chart import profile_order as profile_order
from rcdesk.reports.profile_chart import subscale_means as subscale_means

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend

SUPPRESSED_FILL = "#F2F2F2"
SUPPRESSED_HATCH = "#9A9A9A"
#: Cell borders in points, following the map's line language (weak dashed, strong thick).
BORDER: dict[Band, tuple[float, Any]] = {
    Band.WEAK: (1.6, (0, (3, 2))), Band.MODERATE: (1.0, "solid"), Band.STRONG: (2.6, "solid")}
#: Above this many roles the cells are too small for numbers; the colours and borders stay.
MAX_LABELLED_ROLES = 16
#: Above this many roles the columns are numbered (names would not fit across the top).
MAX_NAMED_COLUMNS = 10
MIN_TICK_PT = 6.0
ROW_NAME_CHARS = 26  # longer row names are shortened with "…" (full names: Roles table)
SHORT_ROW_NAME_CHARS = 18  # on a matrix of more than 32 roles, where the cells need the room


#: The share of a heat-map figure's width its matrix gets (the rest: row names, margins),
#: measured on the Scores tab and the PDF (0.63 for seven roles).
MATRIX_WIDTH_SHARE = 0.55

def tint(colour: str, share: float) -> str:
    """`colour` mixed with white (share 0 = white, 1 = the colour): calm fills, dark text."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02X}" for c in rgb)


def cell_text(tie: TieScore | None, k: int, decimals: int = 2, spread: bool = False) -> str:
    """What a heat-map cell says: "3.85\\nn=12" ("3.85\\nn=12 ±0.8" with `spread`, where
    the tie's spread may be shown), "n<3" when suppressed, "" when unscored.

    Live map ratings have no respondents, so their cells show the value alone.
    """
    if tie is None:
        return ""
    if tie.suppressed:
        return f"n<{k}"
    if tie.rc is None:
        return ""
    value = f"{tie.rc:.{decimals}f}"
    if tie.n is None:
        return value
    mark = spread_text(tie, k) if spread else ""
    return f"{value}\nn={tie.n}" + (f" {mark}" if mark else "")


def spread_text(tie: TieScore | None, k: int) -> str:
    """A cell's spread, "±0.8" (the respondents' standard deviation), only for a tie shown
    from k + 2 respondents or more (anonymity.spread_shown); "" for any other."""
    spread = _shown_spread(tie, k)
    return f"±{spread.sd:.1f}" if spread is not None else ""


def _shown_spread(tie: TieScore | None, k: int) -> Spread | None:
    if tie is None or tie.n is None or not tie.shown or not spread_shown(tie.n, k):
        return None
    return tie.spread


def spread_level(tie: TieScore | None, k: int) -> Level:
    """The disagreement level a cell's corner mark shows (NONE: no mark): a tie's whose
    spread may show (spread_text; asked of all 3,600 cells of a big matrix, unformatted)."""
    spread = _shown_spread(tie, k)
    return level_of(spread) if spread is not None else Level.NONE


def _shorten(name: str, chars: int = ROW_NAME_CHARS) -> str:
    return name if len(name) <= chars else name[:chars - 1].rstrip() + "…"


def label_step(pitch_pt: float, needed_pt: float) -> int:
    """Label every n-th row or column: 1 where a label fits its row's pitch, else as many
    rows as one label needs (a big matrix's labels would overlap into a smear, and laying
    out and drawing 120 labels was most of the first visit of the Scores tab, issue 23)."""
    return max(1, math.ceil(needed_pt / max(pitch_pt, 0.1)))


def _every(step: int, labels: Sequence[str]) -> tuple[list[float], list[str]]:
    """Tick positions (cell centres) and labels of every `step`-th row or column."""
    kept = range(0, len(labels), step)
    return [i + 0.5 for i in kept], [labels[i] for i in kept]


def _column_names(names: Sequence[str], cell_pt: float, font_pt: float
                  ) -> tuple[list[str], bool]:
    """Column names wrapped onto lines that fit a cell, or whole and slanted (True) when
    a word is too long for a line."""
    chars = max(int(cell_pt / (font_pt * 0.62)), 4)
    wrapped = [wrap_name(n, chars) for n in names]
    fits = all(len(line) <= chars for text in wrapped for line in text.split("\n"))
    return (wrapped, False) if fits else (list(names), True)


def heatmap_figure(role_names: Mapping[int, str], scores: WaveScores, *,
                   width_in: float = 7.0, height_in: float = 5.5, dpi: float = 100,
                   font_pt: float = 10.0, title: str | None = None) -> Figure:
    """The wave's ties as a matrix: rater roles down the side, rated roles across the top.

    `role_names` (role id → name, in display order) decides rows and columns. Each
    shown cell is tinted by band, framed like the map's line for that band and says
    its value and n; suppressed cells are hatched and say only "n<k"; unscored
    cells stay blank. A legend under the matrix explains fills and borders. Laid out by
    hand (reports/chart_layout.py): the names' room measured once, no layout engine.
    """
    figure = new_figure(width_in, height_in, dpi)
    figure.set_layout_engine("none")
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    ids = list(role_names)
    count = max(len(ids), 1)
    k = scores.min_respondents
    cells = [(row, column, scores.tie(source_id, target_id))
             for row, source_id in enumerate(ids) for column, target_id in enumerate(ids)]
    _draw_cells(ax, cells)
    marked = _draw_spread_marks(ax, cells, k)
    ax.set_xlim(0, count)
    ax.set_ylim(count, 0)
    ax.set_axis_off()
    # Names as large as the rows leave room for (a projector's 20 pt in 20 rows is a smear).
    tick_pt = min(font_pt, max(MIN_TICK_PT, height_in * 72 * 0.55 / count * 0.8))
    names = _axis_names([role_names[i] for i in ids], width_in, height_in, tick_pt)
    legend = _heatmap_legend(figure, k, scores.source.value == "survey",
                             min(font_pt, max(tick_pt, 12.0)), width_in, marked)
    margins = _lay_out_heatmap(figure, ax, names, count, legend, title, font_pt)
    if len(ids) <= MAX_LABELLED_ROLES:
        # "n=12 ±0.8" fits a cell about nine characters wide at the n line's size; the
        # matrix gets a little over half the figure's width (row names, margins).
        spread = width_in * 72 * MATRIX_WIDTH_SHARE / count >= 9 * font_pt * 0.85 * 0.62
        width_pt, height_pt = (v * 72.0 for v in figure.get_size_inches())
        cell = ((width_pt - margins.left - margins.right) / count,
                (height_pt - margins.top - margins.bottom) / count)
        made = _TextMaker(ax)
        for row, column, tie in cells:
            _cell_label(made, row, column, tie, k, font_pt, spread, cell)
    return figure


def fitted_pt(font_pt: float, text: str, cell: tuple[float, float]) -> float:
    """The size (at most `font_pt`) at which a cell's text fits inside its frame: its
    lines (the n line at 0.85 of the value's size) within the cell's height, the longest
    within its width. (A projector's 20 pt in a matrix squeezed by long slanted names
    ran over the frames.)"""
    lines = text.split("\n")
    inner_w, inner_h = (side * (1 - 2 * CELL_INSET) * 0.92 for side in cell)
    scales = [1.0] + [0.85] * (len(lines) - 1)
    tall = sum(1.18 * scale for scale in scales)
    wide = max(len(line) * 0.62 * scale for line, scale in zip(lines, scales, strict=True))
    return max(1.0, min(font_pt, inner_h / tall, inner_w / wide))


def _axis_names(names: Sequence[str], width_in: float, height_in: float,
                tick_pt: float) -> AxisNames:
    """Names of rows and columns; beyond MAX_NAMED_COLUMNS the columns are numbered and
    each row says its number, and where the numbers or names would touch, every second
    (third…) one is given."""
    count = max(len(names), 1)
    if count <= MAX_NAMED_COLUMNS:
        columns, slanted = _column_names(names, width_in * 72 * 0.8 / count, tick_pt)
        return AxisNames(list(zip(_every(1, names)[0], names, strict=True)),
                         list(zip(_every(1, columns)[0], columns, strict=True)), slanted,
                         tick_pt)
    column_step = label_step(width_in * 72 * 0.7 / count, len(str(count)) * tick_pt * 0.62 + 2)
    row_step = label_step(height_in * 72 * 0.7 / count, tick_pt * 1.1)
    chars = ROW_NAME_CHARS if count <= 2 * MAX_LABELLED_ROLES else SHORT_ROW_NAME_CHARS
    rows = [f"{i + 1}  {_shorten(n, chars)}" for i, n in enumerate(names)]
    numbers = [str(i + 1) for i in range(count)]
    return AxisNames(list(zip(*_every(row_step, rows), strict=True)),
                     list(zip(*_every(column_step, numbers), strict=True)), False, tick_pt)


def _lay_out_heatmap(figure: Figure, ax: Axes, names: AxisNames, count: int, legend: Legend,
                     title: str | None, font_pt: float) -> Margins:
    """Measure the title, the axis names and the legend, then place the matrix in the
    room they leave, and the names round it; the margins it left round the matrix."""
    measure = Measure(figure, FONT)
    width_pt, height_pt = (v * 72.0 for v in figure.get_size_inches())
    pad = 0.5 * names.pt
    title_pt = font_pt * 1.3
    above = pad + (measure.size(title, title_pt)[1] + pad if title else 0.0)
    axis_pt = measure.size("rated role →", names.pt)[1]
    legend_pt = legend.get_window_extent(measure.renderer).height * measure.to_pt
    legend.set_bbox_to_anchor((0.5, pad / height_pt), transform=figure.transFigure)
    margins = matrix_margins(measure, names, count,
                             width_pt=width_pt, above=above + axis_pt + GAP_PT,
                             below=pad + legend_pt + 2 * GAP_PT, beside=pad + axis_pt + GAP_PT)
    place_axes(figure, ax, margins)
    draw_axis_names(figure, ax, names, FONT, TEXT)
    if title:
        figure.suptitle(title, fontsize=title_pt, family=FONT, color=TEXT, fontweight="bold",
                        y=1 - pad / height_pt, va="top")
    middle = (1 - (margins.top + margins.bottom) / height_pt) / 2 + margins.bottom / height_pt
    figure.text((margins.left + (width_pt - margins.left - margins.right) / 2) / width_pt,
                1 - above / height_pt, "rated role →", ha="center", va="top",
                fontsize=names.pt, family=FONT, color=MUTED)
    figure.text(pad / width_pt, middle, "rater role ↓", rotation=90, ha="left",
                va="center", fontsize=names.pt, family=FONT, color=MUTED)
    return margins


#: The gap between cells, in cells (each cell is inset by this on every side).
CELL_INSET = 0.04


#: A cell's look: fill, border colour, border width (pt) and dash.
Look = tuple[str, str, float, Any]
UNSCORED_LOOK: Look = ("white", GRID, 0.6, "solid")


def _band_look(band: Band) -> Look:
    style = ms.BAND_STYLES[band]
    width, dash = BORDER.get(band, (0.8, "solid"))
    return tint(style.colour, 0.42), style.colour, width, dash


def _draw_cells(ax: Axes, cells: Sequence[tuple[int, int, TieScore | None]]) -> None:
    """Every cell in one artist per look (a band, unscored, hidden), whatever the number of
    roles: one rectangle artist per cell made a 60-role matrix 3,600 artists (seconds to
    build and draw), and one artist whose every cell carried its own colours and dash
    was most of the rest. Suppressed cells are hatched."""
    from matplotlib.collections import PolyCollection

    looks = {band: _band_look(band) for band in ms.BAND_STYLES}
    groups: dict[Look, list[tuple[int, int]]] = {}
    hidden = []
    for row, column, tie in cells:
        if tie is not None and tie.suppressed:
            hidden.append((row, column))
        else:
            look = UNSCORED_LOOK if tie is None or tie.rc is None else looks[tie.band]
            groups.setdefault(look, []).append((row, column))
    for (face, edge, width, dash), places in groups.items():
        ax.add_collection(PolyCollection(
            _squares(places), closed=True, facecolors=face, edgecolors=edge,
            linewidths=width, linestyles=dash), autolim=False)
    if hidden:
        ax.add_collection(PolyCollection(
            _squares(hidden), closed=True, facecolors=SUPPRESSED_FILL,
            edgecolors=SUPPRESSED_HATCH, linewidths=0.6, hatch="///"), autolim=False)


def _squares(places: Sequence[tuple[int, int]]) -> Any:
    """The cells at (row, column) as one (n, 4, 2) array of corners, inset by CELL_INSET
    (an array, not lists of points: matplotlib takes it without a copy per cell)."""
    import numpy as np

    low, high = CELL_INSET, 1 - CELL_INSET
    corner = np.array([(low, low), (high, low), (high, high), (low, high)])
    origin = np.array([(c, r) for r, c in places], dtype=float).reshape(-1, 1, 2)
    return origin + corner


#: The corner mark's legs, in cells: a filled triangle for high disagreement, hollow for some.
MARK_SIZE = 0.3
MARK_COLOUR = "#1B1F24"


def _draw_spread_marks(ax: Axes, cells: Sequence[tuple[int, int, TieScore | None]],
                       k: int) -> set[Level]:
    """A corner triangle on each cell whose respondents disagree (high: filled, some:
    hollow), in one artist per level; returns the levels drawn (for the legend)."""
    import numpy as np
    from matplotlib.collections import PolyCollection

    corners: dict[Level, list[tuple[int, int]]] = {Level.HIGH: [], Level.SOME: []}
    for row, column, tie in cells:
        level = spread_level(tie, k)
        if level in corners:
            corners[level].append((row, column))
    top, right = CELL_INSET, 1 - CELL_INSET
    triangle = np.array([(right - MARK_SIZE, top), (right, top), (right, top + MARK_SIZE)])
    for level, places in corners.items():
        if places:
            origin = np.array([(c, r) for r, c in places], dtype=float).reshape(-1, 1, 2)
            ax.add_collection(PolyCollection(
                origin + triangle, closed=True, edgecolors=MARK_COLOUR, linewidths=0.8,
                facecolors=MARK_COLOUR if level is Level.HIGH else "white"), autolim=False)
    return {level for level, places in corners.items() if places}


class _TextMaker:
    """Cell labels made at a third of ax.text's cost (a 16-role matrix has some 500): one
    font per size and weight, and one clip path for all (ax.text works out the axes'
    clip box anew for each text, which a label drawn unclipped never uses)."""

    def __init__(self, ax: Axes) -> None:
        from matplotlib.transforms import TransformedPatchPath

        self.ax = ax
        self._clip = TransformedPatchPath(ax.patch)
        self._fonts: dict[tuple[float, str], Any] = {}

    def text(self, x: float, y: float, words: str, pt: float, weight: str,
             **style: Any) -> None:
        from matplotlib.font_manager import FontProperties

        font = self._fonts.get((pt, weight))
        if font is None:
            font = self._fonts[pt, weight] = FontProperties(family=FONT, size=pt, weight=weight)
        self.ax.text(x, y, words, ha="center", fontproperties=font, clip_path=self._clip,
                     **style)


def _cell_label(made: _TextMaker, row: int, column: int, tie: TieScore | None, k: int,
                font_pt: float, spread: bool, cell: tuple[float, float]) -> None:
    """A cell's value and n (or only "n<k" below the threshold), where cells are large
    enough to read them; with `spread`, the tie's spread beside its n where it may show.
    `cell` is the cell's (width, height) in points: the text shrinks to fit inside it."""
    text = cell_text(tie, k, spread=spread)
    if tie is None or not text:
        return
    font_pt = fitted_pt(font_pt, text, cell)
    colour = MUTED if tie.suppressed else TEXT
    lines = text.split("\n")
    if len(lines) == 1:
        plate = ({"facecolor": "white", "edgecolor": "none", "alpha": 0.85,
                  "boxstyle": "round,pad=0.2"} if tie.suppressed else None)
        made.text(column + 0.5, row + 0.5, lines[0], font_pt,
                  "normal" if tie.suppressed else "bold", va="center", color=colour, bbox=plate)
        return
    made.text(column + 0.5, row + 0.5, lines[0], font_pt, "bold", va="bottom", color=colour)
    made.text(column + 0.5, row + 0.53, lines[1], font_pt * 0.85, "normal", va="top",
              color=colour)


def _heatmap_legend(figure: Figure, k: int, survey: bool, font_pt: float,
                    width_in: float, marked: Collection[Level] = ()) -> Legend:
    from matplotlib.patches import Patch

    handles = []
    for band in (Band.STRONG, Band.MODERATE, Band.WEAK):
        style = ms.BAND_STYLES[band]
        width, dash = BORDER[band]
        handles.append(Patch(facecolor=tint(style.colour, 0.42), edgecolor=style.colour,
                             linewidth=width, linestyle=dash, label=style.label))
    if survey:
        handles.append(Patch(facecolor=SUPPRESSED_FILL, edgecolor=SUPPRESSED_HATCH, hatch="///",
                             label=f"n<{k}: hidden"))
    handles.append(Patch(facecolor="white", edgecolor=GRID, label="no score"))
    for level, fill, words in ((Level.HIGH, MARK_COLOUR, f"spread ≥ {HIGH_SD:.1f}"),
                               (Level.SOME, "white", f"spread ≥ {SOME_SD:.1f}")):
        if level in marked:
            handles.append(Patch(facecolor=fill, edgecolor=MARK_COLOUR, label=words))
    # About 1.2 inches per entry at 10 pt: wrap onto a second row rather than clip.
    columns = max(1, min(len(handles), int(width_in / (0.12 * font_pt))))
    return figure.legend(handles=handles, loc="lower center", ncols=columns, frameon=False,
                         prop={"family": FONT, "size": font_pt}, handlelength=1.6,
                         columnspacing=1.2, borderaxespad=0, borderpad=0)
