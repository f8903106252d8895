"""The one style and geometry of the relational map, shared by the screen and exports.

Pure data and arithmetic (no Qt, no matplotlib): the map scene turns these into
QPainterPaths, the image exporter into matplotlib paths, so an exported map has
the same positions, colours, line styles, labels and legend as the screen.
Coordinates are scene units (1 unit = 1 px at zoom 1 on a normal-DPI screen), y down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rcdesk.domain.bands import Band
from rcdesk.domain.map_geometry import NODE_RADIUS as _NODE_RADIUS

Point = tuple[float, float]


@dataclass(frozen=True)
class LineStyle:
    colour: str
    width: float
    dash: tuple[float, ...] | None  # on/off lengths in line widths; None = solid
    label: str


#: Okabe–Ito colours plus a pattern, so bands survive colour-blindness and greyscale.
BAND_STYLES: dict[Band, LineStyle] = {
    Band.WEAK: LineStyle("#D55E00", 3.0, (3.0, 2.0), "weak"),
    Band.MODERATE: LineStyle("#E69F00", 3.0, None, "moderate"),
    Band.STRONG: LineStyle("#009E73", 6.0, None, "strong"),
    Band.UNRATED: LineStyle("#8C8C8C", 2.0, (1.0, 2.0), "not rated"),
}
#: Ties while scores are hidden (the shame-safe reveal): one neutral style for all.
HIDDEN_STYLE = LineStyle("#5C5C5C", 2.5, None, "tie")
HIGHLIGHT_COLOUR = "#0B5CAD"

NODE_RADIUS = _NODE_RADIUS  # domain/map_geometry.py: layouts space roles for it too
NODE_FILL = "#FFFFFF"
NODE_OUTLINE = "#1B1F24"
NODE_DEFAULT_COLOUR = "#56B4E9"
LABEL_COLOUR = "#000000"
LABEL_PT = {False: 12.0, True: 20.0}  # normal, projector (≥ 18 pt at 1280×720)
#: Tie numbers relative to role labels (in projector mode still at least 18 pt).
VALUE_LABEL_SHARE = {False: 0.8, True: 0.9}
MAX_VALUE_LABELS = 80  # more numbers than this would hide the map itself
RING_WIDTH, RING_INSET, OUTLINE_WIDTH = 9.0, 5.0, 1.5  # a role's coloured ring and outline
LABEL_GAP = 4.0  # between a role's circle and its name
LABEL_PLATE = (255, 255, 255, 215)  # translucent white behind labels
ARROW_LENGTH = 16.0
ARROW_HALF_WIDTH = 7.0
PAIR_BEND = 0.18  # sideways offset of a curve, as a share of the distance between roles
LOOP_RADIUS = 24.0
FONT_FAMILY = "DejaVu Sans"


#: Role names longer than this go on two lines on the map (at the space nearest the middle).
WRAP_CHARS = 18


def wrap_name(name: str) -> str:
    """A long role name on two lines, so labels stay narrow enough to sit side by side."""
    breaks = [i for i, ch in enumerate(name) if ch in " -"]
    if len(name) <= WRAP_CHARS or not breaks:
        return name
    middle = len(name) / 2
    cut = min(breaks, key=lambda i: abs(i - middle))
    if name[cut] == "-":  # the hyphen stays at the end of the first line
        return f"{name[:cut + 1]}\n{name[cut + 1:]}"
    return f"{name[:cut]}\n{name[cut + 1:]}"


def band_style(band: Band, hidden: bool = False) -> LineStyle:
    return HIDDEN_STYLE if hidden else BAND_STYLES[band]


@dataclass(frozen=True)
class TieGeometry:
    """A quadratic curve from start to end through `control`; `loop` for A→A ties."""

    start: Point
    control: Point
    end: Point
    arrow: tuple[Point, Point, Point]  # tip, left, right
    label_at: Point
    loop: bool = False
    loop_centre: Point = (0.0, 0.0)


def _unit(dx: float, dy: float) -> Point:
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _arrow(tip: Point, towards: Point) -> tuple[Point, Point, Point]:
    ux, uy = _unit(tip[0] - towards[0], tip[1] - towards[1])
    base = (tip[0] - ux * ARROW_LENGTH, tip[1] - uy * ARROW_LENGTH)
    nx, ny = -uy, ux
    return (tip, (base[0] + nx * ARROW_HALF_WIDTH, base[1] + ny * ARROW_HALF_WIDTH),
            (base[0] - nx * ARROW_HALF_WIDTH, base[1] - ny * ARROW_HALF_WIDTH))


def tie_geometry(source: Point, target: Point, bend: bool, radius: float = NODE_RADIUS
                 ) -> TieGeometry:
    """The curve of a directed tie between two role centres.

    With `bend` (the reverse tie exists too) the curve bows to the right of its
    direction, so A→B and B→A are two distinct, readable curves.
    """
    if source == target:
        return loop_geometry(source, radius)
    # The arithmetic of _unit and _arrow written out: a 4,000-tie map places every tie
    # on opening, and the calls were a third of the time (same operations, same floats).
    (ax, ay), (bx, by) = source, target
    dx, dy = bx - ax, by - ay
    distance = math.hypot(dx, dy) or 1.0
    ux, uy = dx / distance, dy / distance
    nx, ny = -uy, ux  # right-hand normal in y-down coordinates
    offset = PAIR_BEND * distance if bend else 0.0
    mx, my = (ax + bx) / 2, (ay + by) / 2
    cx, cy = mx + nx * offset * 2, my + ny * offset * 2
    length = math.hypot(cx - ax, cy - ay) or 1.0
    start = (ax + (cx - ax) / length * radius, ay + (cy - ay) / length * radius)
    length = math.hypot(cx - bx, cy - by) or 1.0
    tx, ty = bx + (cx - bx) / length * radius, by + (cy - by) / length * radius
    length = math.hypot(tx - cx, ty - cy) or 1.0
    vx, vy = (tx - cx) / length, (ty - cy) / length  # the arrow's direction
    base_x, base_y = tx - vx * ARROW_LENGTH, ty - vy * ARROW_LENGTH
    wx, wy = -vy * ARROW_HALF_WIDTH, vx * ARROW_HALF_WIDTH
    arrow = ((tx, ty), (base_x + wx, base_y + wy), (base_x - wx, base_y - wy))
    return TieGeometry(start, (cx, cy), (tx, ty), arrow, (mx + nx * offset, my + ny * offset))


def loop_geometry(centre: Point, radius: float = NODE_RADIUS) -> TieGeometry:
    """A within-role tie: a small loop above the role, with its arrow coming back in."""
    loop_centre = (centre[0], centre[1] - radius - LOOP_RADIUS * 0.6)
    start = (centre[0] - radius * 0.5, centre[1] - radius * 0.87)
    end = (centre[0] + radius * 0.5, centre[1] - radius * 0.87)
    control = (centre[0], centre[1] - radius - LOOP_RADIUS * 2.4)
    label_at = (centre[0], loop_centre[1] - LOOP_RADIUS * 1.6)
    return TieGeometry(start, control, end, _arrow(end, (end[0] + 6, end[1] - 14)), label_at,
                       loop=True, loop_centre=loop_centre)


def curve_point(g: TieGeometry, t: float) -> Point:
    """A point on the quadratic curve (0 = start, 1 = end)."""
    a = (1 - t) ** 2
    b = 2 * (1 - t) * t
    c = t ** 2
    return (a * g.start[0] + b * g.control[0] + c * g.end[0],
            a * g.start[1] + b * g.control[1] + c * g.end[1])


#: The change lens (keys are rcdesk.analysis.rc_scores.ChangeKind values): better and
#: worse keep the band colours' meaning, and differ in pattern and width too.
CHANGE_STYLES: dict[str, LineStyle] = {
    "improved": LineStyle("#009E73", 6.0, None, "improved"),
    "unchanged": LineStyle("#8C8C8C", 2.5, None, "about the same"),
    "worse": LineStyle("#D55E00", 5.0, (3.0, 2.0), "worse"),
    "new": LineStyle("#0072B2", 3.0, (1.0, 1.5), "new since then"),
    "lost": LineStyle("#BDBDBD", 2.0, (1.0, 3.0), "not scored now"),
    "suppressed": LineStyle("#BDBDBD", 2.0, (4.0, 2.0, 1.0, 2.0), "too few answers (n<k)"),
}


#: Tie styles in drawing order, on screen and in images alike: styles drawn later lie on
#: top, so the strongest ties stay readable where ties cross in a dense map.
DRAW_ORDER: tuple[LineStyle, ...] = (
    BAND_STYLES[Band.UNRATED], CHANGE_STYLES["lost"], CHANGE_STYLES["suppressed"],
    HIDDEN_STYLE, CHANGE_STYLES["unchanged"], BAND_STYLES[Band.WEAK],
    CHANGE_STYLES["worse"], BAND_STYLES[Band.MODERATE], CHANGE_STYLES["new"],
    BAND_STYLES[Band.STRONG], CHANGE_STYLES["improved"],
)
_DRAW_RANK: dict[LineStyle, int] = {style: i for i, style in enumerate(DRAW_ORDER)}


def draw_rank(style: LineStyle) -> int:
    """Where a tie style comes in DRAW_ORDER (-1, first of all, for any other style)."""
    return _DRAW_RANK.get(style, -1)


def legend_entries(hidden: bool, change: bool = False) -> list[LineStyle]:
    """The legend, in reading order; one neutral entry while scores are hidden."""
    if hidden:
        return [HIDDEN_STYLE]
    if change:
        return list(CHANGE_STYLES.values())
    return [BAND_STYLES[b] for b in (Band.STRONG, Band.MODERATE, Band.WEAK, Band.UNRATED)]
