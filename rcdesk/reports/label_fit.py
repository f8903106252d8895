"""The fit of a map with its role names placed: the zoom and the name size at which every
role and every name fits the free area with no name over another name or a circle.

Names keep their size on screen whatever the zoom, so whether they fit is a question in
pixels, not in scene units. For each name size (the full size first, then smaller steps
down to a floor) the largest zoom is found at which the roles, the loops above them and
the names *as the placer puts them* (label_placement.place_roles: around each circle,
pointing away from the map's centre first) fit the free width and height; the first size
at which that placement collides with nothing wins. A ring of twenty long names then reads
around the ring, at a smaller size if the screen has no room for them at full size.

The placement here has no bounds (the map is centred on the result afterwards); with the
free area as bounds, place_roles makes the same choices (every place it takes here lies
inside the result), so the names land where this fit saw them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rcdesk.reports import label_placement as lp

#: Name sizes tried, as a share of the full size: the first at which the names fit wins.
SHARES = (1.0, 0.9, 0.8, 0.72, 0.64, 0.57, 0.5)
#: Above this many roles names are not fitted one by one (a big map shows its names at
#: their place under the circle, and only where they are free: see place_roles).
MAX_ROLES = 40
#: Steps of the bisection on the zoom (to within 0.4 % of the best).
STEPS = 9
#: Names covering more than this share of the free area are not tried (they never all
#: find a free place around a ring of circles with ties between them).
DENSE = 0.4
#: The zooms tried with the names placed in the free area: the guess, then 6 % less each
#: step, down to half of it.
AREA_STEPS, AREA_FACTOR = 12, 0.94
GAP = 4.0  # between a circle and the name under it (map_style.LABEL_GAP)
LOW = 0.005


@dataclass(frozen=True)
class Fit:
    scale: float
    share: float
    #: The pixel extent (left, top, right, bottom) of roles, loops and names at `scale`,
    #: with scene point (x, y) at pixel (x * scale, y * scale).
    extent: lp.Rect
    #: How much names still cover each other or circles (0: nothing).
    overlap: float


@dataclass(frozen=True)
class Roles:
    """The roles in scene units: centres, circle radius, height of the loops above."""
    centres: Sequence[lp.Point]
    radius: float
    above: float


def _placed(roles: Roles, sizes: Sequence[tuple[float, float]], scale: float
            ) -> tuple[lp.Rect, float]:
    circles = [lp.Circle(x * scale, y * scale, roles.radius * scale) for x, y in roles.centres]
    rects, overlap = lp.place_roles_scored(circles, sizes, lp.Obstacles())
    left = min(c.x - c.r for c in circles)
    right = max(c.x + c.r for c in circles)
    top = min(c.y - roles.above * scale for c in circles)
    bottom = max(c.y + c.r for c in circles)
    for rect in rects:
        left, top = min(left, rect[0]), min(top, rect[1])
        right, bottom = max(right, rect[2]), max(bottom, rect[3])
    return (left, top, right, bottom), overlap


def _largest_scale(roles: Roles, sizes: Sequence[tuple[float, float]], width: float,
                   height: float, most: float, guess: float) -> Fit:
    """Bisection between a third of `guess` and a bit over it (the names placed around
    their circles reach further than names under them, which `guess` assumed)."""
    def fits(extent: lp.Rect) -> bool:
        return extent[2] - extent[0] <= width and extent[3] - extent[1] <= height

    high = min(most, guess * 1.3)
    extent, overlap = _placed(roles, sizes, high)
    if fits(extent):
        return Fit(high, 1.0, extent, overlap)
    low = max(LOW, guess / 3)
    for _ in range(STEPS):
        middle = (low + high) / 2
        low, high = (middle, high) if fits(_placed(roles, sizes, middle)[0]) else (low, middle)
    extent, overlap = _placed(roles, sizes, low)
    return Fit(low, 1.0, extent, overlap)


def _centred_extent(roles: Roles, sizes: Sequence[tuple[float, float]], scale: float
                    ) -> lp.Rect:
    """The extent at this zoom with every name centred under its circle (as MapView.extent
    has it): where the view centres the map."""
    radius = roles.radius * scale
    half = [max(radius, w / 2) for w, _ in sizes]
    xs = [x * scale for x, _ in roles.centres]
    ys = [y * scale for _, y in roles.centres]
    return (min(x - h for x, h in zip(xs, half, strict=True)), min(ys) - roles.above * scale,
            max(x + h for x, h in zip(xs, half, strict=True)),
            max(y + radius + GAP + h for y, (_, h) in zip(ys, sizes, strict=True)))


def _clear_in_area(roles: Roles, sizes: Sequence[tuple[float, float]], width: float,
                   height: float, scale: float, extent: lp.Rect) -> bool:
    """Whether the names, placed in the free area with the map centred on `extent`,
    collide with nothing and stay inside."""
    left, top, right, bottom = extent
    if right - left > width or bottom - top > height:
        return False
    dx, dy = (width - (right - left)) / 2 - left, (height - (bottom - top)) / 2 - top
    circles = [lp.Circle(x * scale + dx, y * scale + dy, roles.radius * scale)
               for x, y in roles.centres]
    _, overlap = lp.place_roles_scored(circles, sizes, lp.Obstacles((0.0, 0.0, width, height)))
    return overlap == 0


def _in_area(roles: Roles, sizes: Sequence[tuple[float, float]], width: float, height: float,
             guess: float, share: float) -> Fit | None:
    """The largest zoom, from the guess down to half of it, at which the names placed in
    the free area (under their circles where the sides have no room) are all clear."""
    for step in range(AREA_STEPS):
        scale = guess * AREA_FACTOR ** step
        extent = _centred_extent(roles, sizes, scale)
        if _clear_in_area(roles, sizes, width, height, scale, extent):
            return Fit(scale, share, extent, 0.0)
    return None


def fit_names(roles: Roles, sizes_at: Callable[[float], Sequence[tuple[float, float]]],
              width: float, height: float, most: float, guess: Fit) -> Fit | None:
    """The zoom and name size (a share of the full size, given to `sizes_at` for the names'
    pixel sizes) that fit width × height pixels with the names clear of each other; the
    smallest size tried when none is clear. `guess` is the fit with the names under the
    circles: for each size, its zoom and a few smaller ones are tried with the names placed
    in the free area (they go under the circles where the sides have no room), then the
    largest zoom at which the names placed around the circles, unbounded, fit. None for
    no roles or too many (MAX_ROLES)."""
    if not roles.centres or len(roles.centres) > MAX_ROLES:
        return None
    best: Fit | None = None
    for share in SHARES:
        sizes = sizes_at(share)
        if share != SHARES[-1] and sum(w * h for w, h in sizes) > width * height * DENSE:
            continue  # names this size cannot all be clear of each other here
        in_area = _in_area(roles, sizes, width, height, guess.scale, share)
        if in_area is not None:
            return in_area
        found = _largest_scale(roles, sizes, width, height, most, guess.scale)
        best = Fit(found.scale, share, found.extent, found.overlap)
        if best.overlap == 0:
            break
    return best
