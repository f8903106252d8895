"""Which ties pass near a strip of the map, and which piece of each: for drawing again
only along a changed tie.

On a dense map a tie's strip is crossed by hundreds of ties (a long diagonal of the
60-role map: over a thousand of 3,600), and drawing each of them whole again cost as much
as drawing the map. So a tie that changes look is cleared and drawn again along its own
curve only, a thin strip of small boxes (`strip`, cut so that no box is longer than
STRIP_PIXELS on screen), and of each tie that comes into it only the piece of its curve
that does (`TieIndex.near`). The strip is marked on a coarse grid of cells, widened by how
far a tie's paint can reach, and every tie's curve is sampled at points a few pixels
apart, all in one vectorised pass (numpy).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rcdesk.reports import map_style as ms
from rcdesk.ui import warm_up

if TYPE_CHECKING:
    from rcdesk.ui.map.tie_item import TieItem

#: Boxes along a curve at the least: the strip of a short tie is this many boxes (plus its
#: arrowhead).
SEGMENTS = 16
#: A strip's boxes are at most this long on screen (device pixels), at most MAX_STRIP of them.
STRIP_PIXELS = 16.0
MAX_STRIP = 256
#: The grids a strip is marked on: the coarse one's cells, and the fine one's, as small as
#: CELL_PIXELS while it has at most MAX_CELLS (device pixels a cell); and how far apart a
#: curve's samples are at most (device pixels; at most MAX_SAMPLES along a tie).
COARSE_CELL_PIXELS = 16.0
CELL_PIXELS = 2.0
MAX_CELLS = 60_000
#: Points along every curve of the first, coarse look for what comes near.
COARSE = 64
SAMPLE_PIXELS = 6.0
MAX_SAMPLES = 256

Box = tuple[float, float, float, float]  # left, top, right, bottom (scene units)
#: Where a tie not placed yet is, for the index: far from anything.
FAR = -1e12


def room(item: TieItem) -> float:
    """How far a tie's paint in the layer's image reaches from its curve: half its pen, or
    of its halo (an asymmetry mark; a selection's halo is drawn over the image)."""
    width = item.style.width
    return (width + 8) / 2 if item.highlight else width / 2


def strip_segments(geometry: ms.TieGeometry, scale: float) -> int:
    """How many boxes the strip of a curve needs for none to be over STRIP_PIXELS long at
    `scale` (device pixels per scene unit)."""
    (sx, sy), (cx, cy), (ex, ey) = geometry.start, geometry.control, geometry.end
    length = (math.hypot(cx - sx, cy - sy) + math.hypot(ex - cx, ey - cy)) * scale
    return min(MAX_STRIP, max(SEGMENTS, math.ceil(length / STRIP_PIXELS)))


def strip(geometry: ms.TieGeometry, reach: float, fringe: float = 0.0,
          segments: int = SEGMENTS) -> list[Box]:
    """Boxes covering the curve of `geometry` (cut in `segments` pieces) widened by `reach`
    on each side, and its arrowhead (drawn with a 1-unit pen), each widened by `fringe`
    more."""
    (sx, sy), (cx, cy), (ex, ey) = geometry.start, geometry.control, geometry.end
    # A quadratic strays from the chord of a piece dt long by at most |P0 - 2C + P2| dt²/4.
    sag = math.hypot(sx - 2 * cx + ex, sy - 2 * cy + ey) / (4 * segments * segments)
    grow = reach + fringe + sag
    points = []
    for i in range(segments + 1):
        t = i / segments
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


#: A piece of a quadratic curve: its start, control and end (x, y each).
Quad = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class Near:
    """What of the ties comes into some boxes: the ties (in the index's order), the span
    (t from, t to) of each curve that does, the ids of the arrowheads that do, and of each
    solid line not wanted whole its piece (a dashed line is drawn whole, so its dashes
    fall where they did)."""

    ties: list[TieItem]
    spans: dict[int, tuple[float, float]]
    arrowheads: set[int]
    pieces: dict[int, Quad]


class TieIndex:
    """Every tie's curve and arrowhead, for `near`.

    Made for the ties given, in their order; a tie's reach follows `restyled` (a reveal
    changes it), a move or another set of ties needs a new index.
    """

    def __init__(self, ties: Sequence[TieItem]) -> None:
        import numpy as np

        self.ties = list(ties)
        self._row = {item.tie_id: row for row, item in enumerate(self.ties)}
        ends = np.array([_ends(item) for item in self.ties], dtype=float).reshape(-1, 12)
        self._ends = ends
        # Each curve's box (a quadratic stays in its control points' hull).
        self._box = np.stack([ends[:, 0:6:2].min(axis=1), ends[:, 1:6:2].min(axis=1),
                              ends[:, 0:6:2].max(axis=1), ends[:, 1:6:2].max(axis=1)], axis=1)
        # How fast each curve runs (scene units per unit of t) at most: its samples at
        # t = i / M are at most this / M apart along it.
        self._speed = (2 * np.maximum(
            np.hypot(ends[:, 2] - ends[:, 0], ends[:, 3] - ends[:, 1]),
            np.hypot(ends[:, 4] - ends[:, 2], ends[:, 5] - ends[:, 3])))
        ax, ay = ends[:, 6::2], ends[:, 7::2]
        self._arrow_at = np.stack([(ax.min(axis=1) + ax.max(axis=1)) / 2,
                                   (ay.min(axis=1) + ay.max(axis=1)) / 2], axis=1)
        self._arrow_reach = np.hypot(ax.max(axis=1) - ax.min(axis=1),
                                     ay.max(axis=1) - ay.min(axis=1)) / 2 + 0.5
        self._reach = np.array([room(item) for item in self.ties], dtype=float)
        self._solid = np.array([not item.style.dash for item in self.ties], dtype=bool)
        self._samples: tuple[int, Any, Any] | None = None

    def restyled(self, item: TieItem) -> None:
        row = self._row.get(item.tie_id)
        if row is not None:
            self._reach[row] = room(item)
            self._solid[row] = not item.style.dash

    def _sampled(self, count: int) -> tuple[Any, Any]:
        """Every curve's points at t = 0, 1/count … 1, as (ties, count + 1) arrays."""
        import numpy as np

        if self._samples is None or self._samples[0] != count:
            e = self._ends
            t = np.linspace(0.0, 1.0, count + 1)
            a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t * t
            x = np.outer(e[:, 0], a) + np.outer(e[:, 2], b) + np.outer(e[:, 4], c)
            y = np.outer(e[:, 1], a) + np.outer(e[:, 3], b) + np.outer(e[:, 5], c)
            self._samples = (count, x, y)
        return self._samples[1], self._samples[2]

    def near(self, boxes: Sequence[Box], margin: float, scale: float) -> Near:
        """The ties that may paint inside any of `boxes` widened by `margin` (antialiasing),
        at `scale` (device pixels per scene unit): which span of each curve, and which
        arrowheads. A span runs one sample past the last that comes near, so its cut ends
        paint nothing inside the boxes.

        First every curve at COARSE + 1 points on a grid widened for their spacing, then
        the curves that come near at points a few pixels apart, over that part only."""
        import numpy as np

        if not self.ties or not boxes:
            return Near([], {}, set(), {})
        speed, reach = self._speed, self._reach
        most = float(speed.max())
        wanted = math.ceil(math.log2(max(1.0, most * scale / SAMPLE_PIXELS)))
        fine = 1 << max(COARSE.bit_length() - 1, wanted)
        fine = min(MAX_SAMPLES, fine)
        # how near each curve's samples must come: their spacing, its paint, antialiasing
        coarse_need = np.maximum(speed / COARSE + reach, self._arrow_reach) + margin
        coarse = _Grid(boxes, COARSE_CELL_PIXELS / scale, float(coarse_need.max()))
        x, y = self._sampled(COARSE)
        area = np.array(boxes, dtype=float)
        box, grow = self._box, coarse_need
        rows = np.flatnonzero((box[:, 0] - grow <= area[:, 2].max())
                              & (box[:, 2] + grow >= area[:, 0].min())
                              & (box[:, 1] - grow <= area[:, 3].max())
                              & (box[:, 3] + grow >= area[:, 1].min()))
        hit = coarse.near(x[rows], y[rows], coarse_need[rows, None])
        curves = rows[hit.any(axis=1)]
        low, high = _first_last(hit[hit.any(axis=1)], 1)
        arrows = coarse.near(self._arrow_at[:, 0], self._arrow_at[:, 1],
                             self._arrow_reach + margin)
        fine_need = speed / fine + reach + margin
        extent = (area[:, 2].max() - area[:, 0].min()) * (area[:, 3].max() - area[:, 1].min())
        cell = max(CELL_PIXELS / scale, math.sqrt(float(extent) / MAX_CELLS))
        rows, start, end = self._refined(curves, low, high, fine_need,
                                         _Grid(boxes, cell, float(fine_need.max())), fine)
        ties = self.ties
        ids = [ties[r].tie_id for r in rows.tolist()]
        spans = dict(zip(ids, zip((start / fine).tolist(), (end / fine).tolist(),
                                  strict=True), strict=True))
        chosen = arrows.copy()
        chosen[curves] = True
        return Near([ties[i] for i in np.flatnonzero(chosen)], spans,
                    {ties[i].tie_id for i in np.flatnonzero(arrows)},
                    self._pieces(rows, start / fine, end / fine))

    def _pieces(self, rows: Any, start: Any, end: Any) -> dict[int, Quad]:
        """The quadratic of each solid curve's span from `start` to `end` (t), but for the
        spans of a whole curve."""
        import numpy as np

        cut = self._solid[rows] & ((start > 0.0) | (end < 1.0))
        rows, t, u = rows[cut], start[cut][:, None], end[cut][:, None]
        e = self._ends[rows]
        p0, c, p2 = e[:, 0:2], e[:, 2:4], e[:, 4:6]
        first = (1 - t) ** 2 * p0 + 2 * (1 - t) * t * c + t * t * p2
        last = (1 - u) ** 2 * p0 + 2 * (1 - u) * u * c + u * u * p2
        # the piece's control: its start plus the curve's tangent there × half its span
        control = first + ((1 - t) * (c - p0) + t * (p2 - c)) * (u - t)
        quads = np.concatenate([first, control, last], axis=1).tolist()
        return {self.ties[r].tie_id: tuple(q)
                for r, q in zip(rows.tolist(), quads, strict=True)}

    def _refined(self, rows: Any, low: Any, high: Any, need: Any, grid: _Grid, fine: int
                 ) -> tuple[Any, Any, Any]:
        """The spans of these curves (rows) whose samples come within `need` (per curve) of
        the grid's boxes, sampled `fine` times along a curve, each between its coarse
        samples `low` and `high`: (rows, first sample, last sample) of those that do."""
        import numpy as np

        found = [(rows[:0], low[:0], low[:0])]
        steps = fine // COARSE
        width = (high - low) * steps + 1  # samples in each curve's coarse span
        bound = 0
        while len(rows) and bound < width.max():  # by width: a few long spans, many short
            below, bound = bound, max(2 * bound, 4 * steps + 1)
            chosen = (width > below) & (width <= bound)
            if chosen.any():
                found.append(self._refined_within(rows[chosen], low[chosen], width[chosen],
                                                  need, grid, fine))
        rows, first, last = (np.concatenate(part) for part in zip(*found, strict=True))
        return rows, first, last

    def _refined_within(self, rows: Any, low: Any, width: Any, need: Any, grid: _Grid,
                        fine: int) -> tuple[Any, Any, Any]:
        import numpy as np

        steps = fine // COARSE
        k = np.arange(int(width.max()))
        t = low[:, None] / COARSE + k[None, :] / fine  # (rows, samples)
        inside = k[None, :] < width[:, None]
        e = self._ends[rows]
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t * t
        x = a * e[:, 0:1] + b * e[:, 2:3] + c * e[:, 4:5]
        y = a * e[:, 1:2] + b * e[:, 3:4] + c * e[:, 5:6]
        hit = grid.near(x, y, need[rows][:, None]) & inside
        near = hit.any(axis=1)
        first, last = _first_last(hit[near], 1, width[near] - 1)
        base = low[near] * steps
        return rows[near], base + first, base + last


def _first_last(hit: Any, pad: int, end: Any = None) -> tuple[Any, Any]:
    """Per row of `hit` (rows, samples): the first and last sample marked, `pad` samples
    further out, within 0 and `end` (the row's last sample; the last column without)."""
    import numpy as np

    columns = hit.shape[1]
    first = np.argmax(hit, axis=1)
    last = columns - 1 - np.argmax(hit[:, ::-1], axis=1)
    end = columns - 1 if end is None else end
    return np.maximum(first - pad, 0), np.minimum(last + pad, end)


class _Grid:
    """Boxes marked on a grid of `cell`-sized cells, with how many cells away (along
    either axis) every cell up to `reach` from them is."""

    def __init__(self, boxes: Sequence[Box], cell: float, reach: float) -> None:
        import numpy as np

        area = np.array(boxes, dtype=float)
        widen = math.ceil(reach / cell)
        pad = widen + 1  # the outermost cells stay far: points beyond land there
        self.cell, self.pad = cell, pad
        self.left, self.top = float(area[:, 0].min()), float(area[:, 1].min())
        columns = int((area[:, 2].max() - self.left) // cell) + 2 * pad + 1
        rows = int((area[:, 3].max() - self.top) // cell) + 2 * pad + 1
        marked = np.zeros((rows, columns), dtype=bool)
        cells = ((area - (self.left, self.top, self.left, self.top)) // cell).astype(int) + pad
        for c0, r0, c1, r1 in cells.tolist():
            marked[r0:r1 + 1, c0:c1 + 1] = True
        self.away = np.full((rows, columns), pad + 1, dtype=np.int32)
        self.away[marked] = 0
        for step in range(1, widen + 1):
            marked = _widened(marked)
            self.away[marked & (self.away > step)] = step

    def near(self, x: Any, y: Any, reach: Any) -> Any:
        """Whether each point (arrays) lies within `reach` (scene units, broadcast) of a
        marked cell: at most that many whole cells away, rounded up."""
        import numpy as np

        rows, columns = self.away.shape
        c = np.clip((x - self.left) / self.cell + self.pad, 0, columns - 1).astype(np.intp)
        r = np.clip((y - self.top) / self.cell + self.pad, 0, rows - 1).astype(np.intp)
        return self.away[r, c] <= np.ceil(reach / self.cell)


def _widened(marked: Any) -> Any:
    """The marked cells and every cell next to one (along either axis or both)."""
    out = marked.copy()
    out[1:, :] |= marked[:-1, :]
    out[:-1, :] |= marked[1:, :]
    rows = out.copy()
    out[:, 1:] |= rows[:, :-1]
    out[:, :-1] |= rows[:, 1:]
    return out


def _ends(item: TieItem) -> tuple[Any, ...]:
    """start, control, end and the arrowhead's three points, flat (12 numbers)."""
    g = item.geometry
    if g is None:  # not placed: far from anything
        return (FAR,) * 12
    return (*g.start, *g.control, *g.end, *g.arrow[0], *g.arrow[1], *g.arrow[2])
