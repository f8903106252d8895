"""Collision-avoiding placement of map labels, in screen pixels (no Qt, no matplotlib).

The method is the greedy candidate-position placement graph drawers use for point
and line labels (Imhof's positions; Graphviz's xlabels and yEd's generic labeling
work the same way): each label has a short list of candidate places in order of
preference, and takes the first that collides with nothing placed so far. Role
names are placed first (circles are obstacles from the start), then tie numbers
along their curves. A uniform grid (a spatial hash) answers "what is near this
rectangle" so a 200-role map places its labels in a few milliseconds.

When no candidate is free, a role name takes the least-covered place (a name is
never dropped), and a tie number is left out (the number is in the tie panel and the
All ties table; the tie keeps its colour): a number drawn over another label is the
unreadable "00" the room cannot read.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]

#: Overlap (px) that does not count: anti-aliased edges of plates touching.
SLACK = 2.0
GAP = 4.0  # between a circle and its name
CELL = 48.0
#: Names covering more than this share of the visible area: no search (see place_roles).
CROWDED_SHARE = 0.9


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float


class Obstacles:
    """Rectangles and circles already on the map, hashed into CELL-sized grid cells."""

    def __init__(self, bounds: Rect | None = None) -> None:
        self.bounds = bounds  # labels outside this area do not count as free
        self._cells: dict[tuple[int, int], list[Rect | Circle]] = {}

    def _keys(self, left: float, top: float, right: float, bottom: float
              ) -> Iterator[tuple[int, int]]:
        for i in range(math.floor(left / CELL), math.floor(right / CELL) + 1):
            for j in range(math.floor(top / CELL), math.floor(bottom / CELL) + 1):
                yield i, j

    def add_rect(self, rect: Rect) -> None:
        for key in self._keys(*rect):
            self._cells.setdefault(key, []).append(rect)

    def add_circle(self, circle: Circle) -> None:
        box = (circle.x - circle.r, circle.y - circle.r, circle.x + circle.r, circle.y + circle.r)
        for key in self._keys(*box):
            self._cells.setdefault(key, []).append(circle)

    def cost(self, rect: Rect, limit: float = math.inf) -> float:
        """How much this rectangle is covered: 0 when it is free (and inside the bounds).
        Counting stops once it reaches `limit` (a place already known to be worse).
        (The cells are walked in _keys' order, in plain loops: the search of a crowded
        map asks this thousands of times.)"""
        total = 0.0
        if self.bounds is not None:
            total += _outside(rect, self.bounds) * 4
        left, top, right, bottom = rect
        cells = self._cells
        seen: set[int] = set()
        rows = range(math.floor(top / CELL), math.floor(bottom / CELL) + 1)
        for i in range(math.floor(left / CELL), math.floor(right / CELL) + 1):
            for j in rows:
                shapes = cells.get((i, j))
                if not shapes:
                    continue
                for shape in shapes:
                    key = id(shape)
                    if key in seen:
                        continue
                    seen.add(key)
                    total += _covered(rect, shape)
                    if total >= limit:
                        return total
        return total


def _grown(rect: Rect, by: float) -> Rect:
    return (rect[0] - by, rect[1] - by, rect[2] + by, rect[3] + by)


def _area(rect: Rect) -> float:
    return max(0.0, rect[2] - rect[0]) * max(0.0, rect[3] - rect[1])


def _covered(rect: Rect, shape: Rect | Circle) -> float:
    left, top, right, bottom = rect
    if isinstance(shape, Circle):
        nx = min(max(shape.x, left), right)
        ny = min(max(shape.y, top), bottom)
        depth = shape.r - math.hypot(shape.x - nx, shape.y - ny)
        return depth * depth if depth > SLACK else 0.0
    width = min(right, shape[2]) - max(left, shape[0])
    height = min(bottom, shape[3]) - max(top, shape[1])
    return width * height if width > SLACK and height > SLACK else 0.0


def _outside(rect: Rect, bounds: Rect) -> float:
    """Pixels of the rectangle beyond the bounds, summed over its four sides."""
    return (max(0.0, bounds[0] - rect[0]) + max(0.0, bounds[1] - rect[1])
            + max(0.0, rect[2] - bounds[2]) + max(0.0, rect[3] - bounds[3])) * 100


def role_candidates(c: Circle, width: float, height: float, outward: Point) -> list[Rect]:
    """A role name's places: below, above, right, left and the four corners, the
    one pointing away from the map's centre (`outward`) first among equals."""
    r = c.r + GAP
    below = (c.x - width / 2, c.y + r)
    above = (c.x - width / 2, c.y - r - height)
    right = (c.x + r, c.y - height / 2)
    left = (c.x - r - width, c.y - height / 2)
    d = r * 0.72
    corners = [(c.x + d, c.y + d), (c.x - d - width, c.y + d),
               (c.x + d, c.y - d - height), (c.x - d - width, c.y - d - height)]
    places = [below, right, left, above] + corners
    length = math.hypot(*outward)
    if length > c.r:  # away from the map's centre first: a ring of roles reads outward
        ux, uy = outward[0] / length, outward[1] / length

        def outwardness(place: Point) -> float:
            dx, dy = place[0] + width / 2 - c.x, place[1] + height / 2 - c.y
            return -(dx * ux + dy * uy) / (math.hypot(dx, dy) or 1.0)

        places.sort(key=outwardness)
    order = places
    # Further out along the same directions, for crowded maps.
    far = [(x + (x - c.x + width / 2) * 0.6, y + (y - c.y + height / 2) * 0.6) for x, y in order]
    return [(x, y, x + width, y + height) for x, y in order + far]


def place_roles(circles: Sequence[Circle], sizes: Sequence[tuple[float, float]],
                obstacles: Obstacles) -> list[Rect]:
    """The rectangle each role's name (with its note) goes in, circles first as obstacles."""
    return place_roles_scored(circles, sizes, obstacles)[0]


def place_roles_scored(circles: Sequence[Circle], sizes: Sequence[tuple[float, float]],
                       obstacles: Obstacles) -> tuple[list[Rect], float]:
    """place_roles, and how much the names placed still cover (0: every one is free)."""
    for c in circles:
        obstacles.add_circle(c)
    if not circles:
        return [], 0.0
    mx = sum(c.x for c in circles) / len(circles)
    my = sum(c.y for c in circles) / len(circles)
    placed = []
    overlap = 0.0
    # Level of detail: when the names alone would cover most of the screen (a big map
    # zoomed out), no place is free for most of them and searching costs a frame: each
    # name goes to its first place. Zoomed in, the search is back.
    area = _area(obstacles.bounds) if obstacles.bounds is not None else math.inf
    crowded = sum(w * h for w, h in sizes) > area * CROWDED_SHARE
    for c, (width, height) in zip(circles, sizes, strict=True):
        best: tuple[float, Rect] | None = None
        candidates = role_candidates(c, width, height, (c.x - mx, c.y - my))
        unseen = obstacles.bounds is not None and _outside(
            (c.x, c.y, c.x, c.y), _grown(obstacles.bounds, width + height)) > 0
        for rect in candidates[:1] if crowded or unseen else candidates:
            cost = obstacles.cost(rect, best[0] if best is not None else math.inf)
            if best is None or cost < best[0]:
                best = (cost, rect)
            if cost == 0:
                break
        assert best is not None
        obstacles.add_rect(best[1])
        placed.append(best[1])
        overlap += best[0]
    return placed, overlap


#: Where along a tie a number may go (0 = source end, 1 = target end), best first.
CURVE_STEPS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74)


#: For the selected tie: more places along its curve, and further beside it.
SELECTED_STEPS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)
SELECTED_SHIFTS = (0.0, 0.5, -0.5, 1.0, -1.0, 1.6, -1.6)


def place_tie(points: Sequence[Point], normals: Sequence[Point], width: float, height: float,
              obstacles: Obstacles, must: bool = False,
              shifts: Sequence[float] = (0.0, 0.5, -0.5)) -> Rect | None:
    """A tie number's rectangle: centred on its curve where that is free, else just beside
    it; None when every place is taken, unless it `must` show (the selected tie): then
    the least covered place."""
    return place_tie_along(zip(points, normals, strict=True), width, height, obstacles, must,
                           shifts)


def place_tie_along(places: Iterable[tuple[Point, Point]], width: float, height: float,
                    obstacles: Obstacles, must: bool = False,
                    shifts: Sequence[float] = (0.0, 0.5, -0.5)) -> Rect | None:
    """place_tie over (point, normal) pairs given one at a time, best first: the search
    stops at the first free place, so the pairs after it need not be worked out."""
    best: tuple[float, Rect] | None = None
    for (x, y), (nx, ny) in places:
        for shift in shifts:
            # 0.5: the number's edge on the curve (just beside it); 1.0: a number further.
            reach = 2 * shift * (abs(nx) * width / 2 + abs(ny) * height / 2)
            ox, oy = nx * reach, ny * reach
            rect = (x + ox - width / 2, y + oy - height / 2, x + ox + width / 2,
                    y + oy + height / 2)
            cost = obstacles.cost(rect, best[0] if best is not None else math.inf)
            if cost == 0:
                obstacles.add_rect(rect)
                return rect
            if best is None or cost < best[0]:
                best = (cost, rect)
    if must and best is not None:
        obstacles.add_rect(best[1])
        return best[1]
    return None
