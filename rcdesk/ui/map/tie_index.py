"""Which ties pass near a strip of the map: for drawing again only along a changed tie.

On a dense map a tie's rectangle is crossed by the rectangles of half the map's ties
(a long diagonal of the 60-role map: 1,600 of 3,600), though far fewer come near its
curve. So a tie that changes look is cleared and drawn again along its own curve only,
a strip of small boxes (`strip`), and only the ties whose curve (or arrowhead) comes
into one of those boxes are drawn again there. The ties' curves are kept as boxes along
each curve in numpy arrays, made once for the ties' places and styles (a few ms for
4,000 ties) and asked in one vectorised pass.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rcdesk.reports import map_style as ms
from rcdesk.ui import warm_up

if TYPE_CHECKING:
    from rcdesk.ui.map.tie_item import TieItem

#: Boxes along each curve: the strip of a long tie is this many boxes (plus its arrowhead).
SEGMENTS = 16

Box = tuple[float, float, float, float]  # left, top, right, bottom (scene units)


def room(item: TieItem) -> float:
    """How far a tie's paint in the layer's image reaches from its curve: half its pen, or
    of its halo (an asymmetry mark; a selection's halo is drawn over the image)."""
    width = item.style.width
    return (width + 8) / 2 if item.highlight else width / 2


def strip(geometry: ms.TieGeometry, reach: float, fringe: float = 0.0) -> list[Box]:
    """Boxes covering the curve of `geometry` widened by `reach` on each side, and its
    arrowhead (drawn with a 1-unit pen), each widened by `fringe` more."""
    (sx, sy), (cx, cy), (ex, ey) = geometry.start, geometry.control, geometry.end
    # A quadratic strays from the chord of a piece dt long by at most |P0 - 2C + P2| dt²/4.
    sag = math.hypot(sx - 2 * cx + ex, sy - 2 * cy + ey) / (4 * SEGMENTS * SEGMENTS)
    grow = reach + fringe + sag
    points = []
    for i in range(SEGMENTS + 1):
        t = i / SEGMENTS
        a, b, c = (1 - t) * (1 - t), 2 * (1 - t) * t, t * t
        points.append((a * sx + b * cx + c * ex, a * sy + b * cy + c * ey))
    boxes = [(min(x0, x1) - grow, min(y0, y1) - grow, max(x0, x1) + grow, max(y0, y1) + grow)
             for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False)]
    xs, ys = [p[0] for p in geometry.arrow], [p[1] for p in geometry.arrow]
    edge = 0.5 + fringe
    boxes.append((min(xs) - edge, min(ys) - edge, max(xs) + edge, max(ys) + edge))
    return boxes


def ready() -> bool:
    """Whether an index can be made now: numpy is never imported on this thread while the
    warm-up (ui/warm_up.py) may be half way through importing it."""
    return not warm_up.busy()


class TieIndex:
    """The boxes along every tie's curve and around its arrowhead, for `near`.

    Made for the ties given, in their order; a tie's reach follows `restyled` (a reveal
    changes it), a move or another set of ties needs a new index.
    """

    def __init__(self, ties: Sequence[TieItem]) -> None:
        import numpy as np

        self.ties = list(ties)
        self._row = {item.tie_id: row for row, item in enumerate(self.ties)}
        ends = np.array([_ends(item) for item in self.ties], dtype=float).reshape(-1, 12)
        t = np.linspace(0.0, 1.0, SEGMENTS + 1)
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t * t  # (SEGMENTS + 1,)
        x = np.outer(ends[:, 0], a) + np.outer(ends[:, 2], b) + np.outer(ends[:, 4], c)
        y = np.outer(ends[:, 1], a) + np.outer(ends[:, 3], b) + np.outer(ends[:, 5], c)
        sag = np.hypot(ends[:, 0] - 2 * ends[:, 2] + ends[:, 4],
                       ends[:, 1] - 2 * ends[:, 3] + ends[:, 5]) / (4 * SEGMENTS * SEGMENTS)
        s = sag[:, None]
        # (ties, SEGMENTS) each: the pieces' chord boxes, widened by how far the curve strays
        self._left = np.minimum(x[:, :-1], x[:, 1:]) - s
        self._right = np.maximum(x[:, :-1], x[:, 1:]) + s
        self._top = np.minimum(y[:, :-1], y[:, 1:]) - s
        self._bottom = np.maximum(y[:, :-1], y[:, 1:]) + s
        ax, ay = ends[:, 6::2], ends[:, 7::2]
        self._arrow = np.stack([ax.min(axis=1) - 0.5, ay.min(axis=1) - 0.5,
                                ax.max(axis=1) + 0.5, ay.max(axis=1) + 0.5], axis=1)
        self._reach = np.array([room(item) for item in self.ties], dtype=float)

    def restyled(self, item: TieItem) -> None:
        row = self._row.get(item.tie_id)
        if row is not None:
            self._reach[row] = room(item)

    def near(self, boxes: Sequence[Box], margin: float
             ) -> tuple[list[TieItem], set[int], set[int]]:
        """The ties that may paint inside any of `boxes` widened by `margin` (antialiasing),
        in the index's order; the ids of those whose curve does, and of those whose
        arrowhead does."""
        import numpy as np

        if not self.ties or not boxes:
            return [], set(), set()
        area = np.array(boxes, dtype=float)
        left, top = area[:, 0] - margin, area[:, 1] - margin
        right, bottom = area[:, 2] + margin, area[:, 3] + margin
        reach = self._reach[:, None]
        curves = np.zeros(len(self.ties), dtype=bool)
        for k in range(len(area)):
            curves |= ((self._left - reach <= right[k]) & (self._right + reach >= left[k])
                       & (self._top - reach <= bottom[k])
                       & (self._bottom + reach >= top[k])).any(axis=1)
        a = self._arrow
        arrows = ((a[:, None, 0] <= right) & (a[:, None, 2] >= left)
                  & (a[:, None, 1] <= bottom) & (a[:, None, 3] >= top)).any(axis=1)
        ties = self.ties
        return ([ties[i] for i in np.flatnonzero(curves | arrows)],
                {ties[i].tie_id for i in np.flatnonzero(curves)},
                {ties[i].tie_id for i in np.flatnonzero(arrows)})


def _ends(item: TieItem) -> tuple[Any, ...]:
    """start, control, end and the arrowhead's three points, flat (12 numbers)."""
    g = item.geometry
    if g is None:  # not placed: far from anything
        return (math.nan,) * 12
    return (*g.start, *g.control, *g.end, *g.arrow[0], *g.arrow[1], *g.arrow[2])
