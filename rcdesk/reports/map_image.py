"""The relational map as an image (PNG for slides, SVG for editing), drawn from domain data.

It draws what the map view draws, from the same style and geometry
(reports/map_style.py): roles as white circles with a ring in the role's colour
and a thin outline, bold names under them on a white plate, ties as quadratic
curves (bent when the reverse tie exists, loops for within-role ties) with
arrowheads, coloured, widened and dashed by band, value labels at the curve's
middle (up to MAX_VALUE_LABELS ties), and a legend. It is a function of domain
data, never a screen grab, so a PDF and a projector show the same map.

Units: one scene unit is one pixel on a normal screen (96 dpi), so the figure is
the map's on-screen size and a PNG at 2× is written at 192 dpi (a big map's at less:
PNG_PIXELS). Widths in the
style are pixels; matplotlib wants points (×0.75). Matplotlib is imported lazily
(it costs about 0.8 s) and only through Figure and the Agg canvas, never pyplot.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rcdesk.analysis.layouts import initial_positions
from rcdesk.domain.bands import band_for, score_text
from rcdesk.domain.dimensions import DIMENSIONS, OVERALL
from rcdesk.domain.errors import DomainError
from rcdesk.domain.model import Role, Tie
from rcdesk.domain.scores import TieScore, WaveScores
from rcdesk.domain.settings import DEFAULT_STRONG_ABOVE, DEFAULT_WEAK_BELOW
from rcdesk.files import atomic_file
from rcdesk.reports import map_style as ms
from rcdesk.reports.map_ties import ARROW_CODES, CURVE_CODES, tie_paths, tie_vertices, ties_joined
from rcdesk.resource_files import resource

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Point = tuple[float, float]

SCREEN_DPI = 96.0
PT_PER_PX = 72.0 / SCREEN_DPI
MAX_VALUE_LABELS = ms.MAX_VALUE_LABELS
RING_WIDTH, RING_INSET, OUTLINE_WIDTH = ms.RING_WIDTH, ms.RING_INSET, ms.OUTLINE_WIDTH
LABEL_GAP = ms.LABEL_GAP
MARGIN = 24.0
LABEL_PLATE = "#{:02X}{:02X}{:02X}{:02X}".format(*ms.LABEL_PLATE)


IMAGE_FORMATS = {".png": "png", ".svg": "svg"}
PNG_SCALE = 2.0  # slides: twice the on-screen size
#: A map bigger than this at 2× is written at fewer pixels a scene unit, down to its
#: on-screen size (1×) and no further: drawing and writing grow with the pixels; a
#: 200-role map at 1.33× (3,450 px a side, larger than any slide) is drawn and written
#: in a fifth less time than at 2× (25 megapixels), with half the memory.
PNG_PIXELS = 12_000_000
MAX_PNG_SIDE = 12_000  # pixels; a huge map is written smaller rather than exhausting memory
#: And at most this many pixels in all, even below screen size: a 1,000-role map (10,000
#: px a side at 2×) is written at about screen size.
MAX_PNG_PIXELS = 25_000_000
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
#: A map of more ties than this is dense: its ties are drawn without antialiasing (a
#: quarter faster or more on a 4,000-tie map: the curves cross so densely that the
#: smoothing is not seen), and in SVG each style's ties are one path (see map_ties.ties_joined).
DENSE_TIES = 1_000


@functools.cache
def register_fonts() -> None:
    """Make rcdesk's bundled DejaVu Sans known to matplotlib (once per process).

    The same files serve Qt and reportlab, so every surface draws the same letters
    whatever matplotlib or the system happen to ship.
    """
    from importlib.resources import as_file

    import matplotlib
    from matplotlib import font_manager

    # User text is text: "$5 to $3" must print as typed, never as mathtext (which drops the
    # spaces, and raises on an unmatched "$" or "_{"). Every figure rcdesk draws comes here.
    matplotlib.rcParams["text.parse_math"] = False
    for name in FONT_FILES:
        with as_file(resource("fonts", name)) as path:
            font_manager.fontManager.addfont(str(path))


def _px_to_pt(px: float) -> float:
    return px * PT_PER_PX


def _text_px(points: float) -> float:
    return points / PT_PER_PX


def legend_title(lens: str | None, hidden: bool) -> str:
    """The legend's heading: what the line colours mean under this lens."""
    if hidden:
        return "Ties (scores hidden)"
    if lens in (None, "rc", OVERALL):
        return "Tie strength"
    return next((d.name for d in DIMENSIONS if d.key == lens), "Tie strength")


def _tie_style(score: TieScore | None, lens: str | None, hidden: bool,
               cuts: tuple[float, float], decimals: int = 2) -> tuple[ms.LineStyle, str]:
    """The line style of a tie and its value label (empty when nothing may be shown)."""
    if hidden:
        return ms.HIDDEN_STYLE, ""
    value = score.value(lens) if score is not None else None
    style = ms.band_style(band_for(value, cuts[0], cuts[1]))
    return style, "" if value is None else score_text(value, decimals, *cuts)


class _MapDrawing:
    """Draws one map into an Axes whose data units are scene units (y down)."""

    def __init__(self, ax: Axes, places: Mapping[int, Point], label_pt: float,
                 antialiased: bool = True) -> None:
        self.ax = ax
        self.places = places
        self.label_pt = label_pt
        self.antialiased = antialiased

    def ties(self, style: ms.LineStyle, geometries: Sequence[ms.TieGeometry]) -> None:
        """All ties of one style as two collections (curves, arrowheads), their vertices
        computed for all of them at once.

        In SVG they are the groups "ties-<style label>" and "ties-<style label>-arrows",
        one element a tie (on a dense map, one element for all: see map_ties.ties_joined).
        """
        from matplotlib.collections import PathCollection

        gid = f"ties-{style.label.replace(' ', '-')}"
        curves, arrows = tie_vertices(geometries)
        self.ax.add_collection(PathCollection(
            tie_paths(curves, CURVE_CODES), facecolors="none", edgecolors=style.colour,
            linewidths=_px_to_pt(style.width), capstyle="butt", zorder=1, gid=gid,
            linestyles=[(0, style.dash)] if style.dash else "solid",
            antialiaseds=self.antialiased), autolim=False)
        self.ax.add_collection(PathCollection(
            tie_paths(arrows, ARROW_CODES), facecolors=style.colour,
            edgecolors=style.colour, linewidths=_px_to_pt(1.0), zorder=1.5,
            gid=f"{gid}-arrows", antialiaseds=self.antialiased), autolim=False)

    def value_label(self, at: Point, text: str, style: ms.LineStyle) -> None:
        share = ms.VALUE_LABEL_SHARE[self.label_pt == ms.LABEL_PT[True]]
        self.ax.text(at[0], at[1], text, ha="center", va="center", zorder=2.5,
                     fontsize=self.label_pt * share, family=ms.FONT_FAMILY,
                     color=ms.LABEL_COLOUR,
                     bbox={"boxstyle": "round,pad=0.25", "facecolor": LABEL_PLATE,
                           "edgecolor": style.colour, "linewidth": _px_to_pt(1.0)})

    def roles(self, roles: Sequence[Role]) -> None:
        """Every role's circle (white with a ring in its colour) and thin outline, as two
        collections in SVG groups "roles" and "roles-outline" (one artist a circle cost
        a tenth of a second on a 200-role map), then each role's name."""
        from matplotlib.collections import EllipseCollection

        if not roles:
            return
        centres = [self.places[role.id] for role in roles]
        for gid, radius, style in (
                ("roles", ms.NODE_RADIUS - RING_INSET, {
                    "facecolors": ms.NODE_FILL, "zorder": 3,
                    "edgecolors": [r.colour or ms.NODE_DEFAULT_COLOUR for r in roles],
                    "linewidths": _px_to_pt(RING_WIDTH)}),
                ("roles-outline", ms.NODE_RADIUS, {
                    "facecolors": "none", "edgecolors": ms.NODE_OUTLINE, "zorder": 3.1,
                    "linewidths": _px_to_pt(OUTLINE_WIDTH)})):
            self.ax.add_collection(EllipseCollection(
                2 * radius, 2 * radius, 0.0, units="xy", offsets=centres,
                offset_transform=self.ax.transData, gid=gid, **style), autolim=False)
        for role, (x, y) in zip(roles, centres, strict=True):
            self.ax.text(x, y + ms.NODE_RADIUS + LABEL_GAP, role.name, ha="center", va="top",
                         fontsize=self.label_pt, fontweight="bold", family=ms.FONT_FAMILY,
                         color=ms.LABEL_COLOUR, zorder=4,
                         bbox={"boxstyle": "round,pad=0.2", "facecolor": LABEL_PLATE,
                               "edgecolor": "none"})


def _geometries(ties: Sequence[Tie], places: Mapping[int, Point]
                ) -> list[tuple[Tie, ms.TieGeometry]]:
    pairs = {(t.source_id, t.target_id) for t in ties}
    return [
        (t, ms.tie_geometry(places[t.source_id], places[t.target_id],
                            bend=(t.target_id, t.source_id) in pairs))
        for t in ties if t.source_id in places and t.target_id in places
    ]


def _extent(roles: Sequence[Role], places: Mapping[int, Point],
            geometries: Sequence[ms.TieGeometry], label_pt: float) -> tuple[float, ...]:
    """(left, top, right, bottom) of everything drawn, in scene units, with a margin."""
    xs: list[float] = []
    ys: list[float] = []
    text_h = _text_px(label_pt) * 1.5
    for role in roles:
        x, y = places[role.id]
        half = max(ms.NODE_RADIUS, _text_px(label_pt) * 0.62 * len(role.name) / 2 + 8)
        xs += [x - half, x + half]
        ys += [y - ms.NODE_RADIUS - 4, y + ms.NODE_RADIUS + LABEL_GAP + text_h]
    for g in geometries:
        for point in (g.control if g.loop else ms.curve_point(g, 0.5), g.label_at):
            xs.append(point[0])
            ys += [point[1] - text_h / 2, point[1] + text_h / 2]
    if not xs:
        return (0.0, 0.0, 400.0, 200.0)
    return (min(xs) - MARGIN, min(ys) - MARGIN, max(xs) + MARGIN, max(ys) + MARGIN)


#: The largest map drawn as an image: a 1,000-role map with 20,000 ties takes about
#: 30 s and 300 MB; beyond, the time and memory would grow past what a user waits for.
MAX_IMAGE_ROLES, MAX_IMAGE_TIES = 1_200, 25_000


def check_map_size(roles: int, ties: int) -> None:
    """Refuse, before anything is drawn, a map too big to draw as one image (DomainError
    saying what to do instead)."""
    if roles > MAX_IMAGE_ROLES or ties > MAX_IMAGE_TIES:
        raise DomainError(
            f"This map has {roles:,} roles and {ties:,} ties, more than rcdesk draws as one "
            f"image (up to {MAX_IMAGE_ROLES:,} roles and {MAX_IMAGE_TIES:,} ties), so "
            "nothing was drawn. Draw a part of it: duplicate the workshop and keep the "
            "roles of one area, or export the ties as CSV or GraphML for a network tool.")


def map_figure(roles: Sequence[Role], ties: Sequence[Tie], scores: WaveScores | None, *,
               lens: str | None = None, hidden: bool = False, projector: bool = False,
               title: str | None = None, weak_below: float = DEFAULT_WEAK_BELOW,
               strong_above: float = DEFAULT_STRONG_ABOVE) -> Figure:
    """The map as a matplotlib Figure (Agg canvas attached), at its on-screen size.

    `lens` is None/"rc" for the RC index or a dimension key; `hidden` draws every
    tie in one neutral style with no numbers (the shame-safe reveal); `projector`
    uses the projector's label sizes and one decimal. Roles without a position get
    initial_positions(). Bands use the workshop's cut points.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    check_map_size(len(roles), len(ties))
    register_fonts()
    label_pt = ms.LABEL_PT[projector]
    places = initial_positions(roles)
    geometries = _geometries(ties, places)
    left, top, right, bottom = _extent(roles, places, [g for _, g in geometries], label_pt)
    legend_h = _text_px(label_pt) * 2.6 + MARGIN
    title_h = _text_px(label_pt * 1.4) * 2.0 if title else 0.0
    width, height = right - left, bottom - top
    total_h = height + legend_h + title_h
    figure = Figure(figsize=(width / SCREEN_DPI, total_h / SCREEN_DPI), dpi=SCREEN_DPI,
                    facecolor="white")
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.0, legend_h / total_h, 1.0, height / total_h))
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)  # scene y grows downwards
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    drawing = _MapDrawing(ax, places, label_pt, len(geometries) <= DENSE_TIES)
    _draw_ties(drawing, geometries, scores, lens, hidden, (weak_below, strong_above), projector)
    drawing.roles(roles)
    wide: list[Any] = [_draw_legend(figure, lens, hidden, label_pt, legend_h / total_h)]
    if title:
        wide.append(figure.text(
            0.5, 1.0 - (title_h / 2) / total_h, title, ha="center", va="center",
            fontsize=label_pt * 1.4, fontweight="bold", family=ms.FONT_FAMILY,
            color=ms.LABEL_COLOUR))
    _widen_to_fit(figure, wide)
    return figure


def _widen_to_fit(figure: Figure, artists: Sequence[Any]) -> None:
    """Make the figure wide enough for the legend and title (centred, with a margin each
    side): a map of a few roles, above all at the projector's type, is narrower than
    its legend, which was cut at both sides. The map keeps its size, centred."""
    from matplotlib.backends.backend_agg import RendererAgg

    measure = RendererAgg(1, 1, figure.dpi)  # type: ignore[no-untyped-call]  # sizes only
    need = max(a.get_window_extent(measure).width for a in artists) + 2 * MARGIN
    width_in, height_in = figure.get_size_inches()
    if need > width_in * figure.dpi:
        figure.set_size_inches(need / figure.dpi, height_in)


def _draw_ties(drawing: _MapDrawing, geometries: Sequence[tuple[Tie, ms.TieGeometry]],
               scores: WaveScores | None, lens: str | None, hidden: bool,
               cuts: tuple[float, float], projector: bool) -> None:
    lookup = {(s.source_id, s.target_id): s for s in scores.ties} if scores else {}
    styled = []
    for tie, geometry in geometries:
        score = lookup.get((tie.source_id, tie.target_id))
        style, text = _tie_style(score, lens, hidden, cuts, 1 if projector else 2)
        if score is not None and score.suppressed and not hidden and scores is not None:
            text = f"n<{scores.min_respondents}"
        styled.append((style, tie, geometry, text))
    # In the screen's drawing order (map_style.DRAW_ORDER): strong ties on top.
    by_style: dict[ms.LineStyle, list[ms.TieGeometry]] = {}
    for style, _, geometry, _ in styled:
        by_style.setdefault(style, []).append(geometry)
    for style in sorted(by_style, key=ms.draw_rank):
        drawing.ties(style, by_style[style])
    if len(styled) <= MAX_VALUE_LABELS:
        for style, _, geometry, text in styled:
            if text:
                drawing.value_label(geometry.label_at, text, style)


def _draw_legend(figure: Figure, lens: str | None, hidden: bool, label_pt: float,
                 strip: float) -> Any:
    """One row under the map: each band's line sample and name, and a heading."""
    from matplotlib.lines import Line2D

    entries = ms.legend_entries(hidden)
    handles: list[Any] = [
        Line2D([], [], color=s.colour, linewidth=_px_to_pt(s.width),
               linestyle=(0, s.dash) if s.dash else "solid")
        for s in entries
    ]
    font = {"family": ms.FONT_FAMILY, "size": label_pt * 0.9}
    return figure.legend(handles, [s.label for s in entries], loc="center",
                         bbox_to_anchor=(0.5, strip / 2), ncol=len(entries), frameon=True,
                         prop=font, title=legend_title(lens, hidden),
                         title_fontproperties={**font, "weight": "bold"}, handlelength=3.2,
                         edgecolor=ms.NODE_OUTLINE, fancybox=True, alignment="left")



def image_format(path: Path) -> str:
    """"png" or "svg" from the file name; DomainError naming the path for anything else."""
    fmt = IMAGE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DomainError(f"Cannot write the map to {path}: the file name must end in .png "
                          "or .svg.")
    return fmt


def write_map_image(figure: Figure, path: str | os.PathLike[str]) -> Path:
    """Write the figure as PNG (2× its on-screen size, less for a big map: _png_dpi) or
    SVG (text kept as text).

    The image goes to a temporary file in the same folder and replaces `path` only
    when complete, so a failure never leaves half an image (nor harms an old one).
    Returns the path written; problems with the file raise DomainError.
    """
    from matplotlib import rc_context

    target = Path(path)
    fmt = image_format(target)
    dpi = _png_dpi(figure) if fmt == "png" else SCREEN_DPI
    with atomic_file(target, "the map", 0o666) as handle, \
            rc_context({"svg.fonttype": "none", "svg.hashsalt": "rcdesk"}):
        # mode 0o666 minus the umask: the image gets the user's usual permissions
        if fmt == "png":
            _write_png(figure, handle, dpi)
        else:
            with ties_joined(figure, DENSE_TIES):
                figure.savefig(handle, format=fmt, dpi=dpi, metadata=_metadata(fmt))
    return target


def _write_png(figure: Figure, handle: IO[bytes], dpi: float) -> None:
    """The figure drawn at `dpi` and written from its pixels as an RGB PNG (the map is
    opaque, on white) by reports/png_file.py: unfiltered rows, deflated fast."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from rcdesk.reports.png_file import write_png

    shown = figure.dpi
    canvas = FigureCanvasAgg(figure)
    figure.set_dpi(dpi)
    try:
        canvas.draw()  # type: ignore[no-untyped-call]
        write_png(handle, canvas.buffer_rgba(),  # type: ignore[no-untyped-call]
                  dpi, _metadata("png"))
    finally:
        figure.set_dpi(shown)


def _png_dpi(figure: Figure) -> float:
    """Twice the screen's dots per inch, less on a map over PNG_PIXELS at 2× (down to the
    screen's), and less again beyond MAX_PNG_SIDE or MAX_PNG_PIXELS."""
    width, height = figure.get_size_inches()
    screen_pixels = max(width * height, 1e-9) * SCREEN_DPI ** 2
    scale = min(PNG_SCALE, max(1.0, (PNG_PIXELS / screen_pixels) ** 0.5))
    return float(min(SCREEN_DPI * scale, MAX_PNG_SIDE / max(width, height, 1e-9),
                     (MAX_PNG_PIXELS / max(width * height, 1e-9)) ** 0.5))


def _metadata(fmt: str) -> dict[str, Any]:
    # No creation date in SVG, so the same map gives the same file.
    return {"Software": "rcdesk"} if fmt == "png" else {"Creator": "rcdesk", "Date": None}
