"""Automatic placement of roles on the map: circle, force-directed, and first positions.

Contract shared by every function here:
- results are {role_id: (x, y)} in scene units (y down), for every role given;
- a pinned role keeps its position, always (the facilitator put it there);
- the same input gives the same output (no randomness without a fixed seed), so
  applying a layout twice changes nothing and tests can compare numbers;
- roles stay well apart for NODE_RADIUS and a label below each node: about seven
  roles fit 1200×800, and the drawing grows with the number of roles.

networkx (about 0.15 s to import) is imported only by spring_layout.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rcdesk.domain.errors import DomainError
from rcdesk.domain.map_geometry import NODE_RADIUS
from rcdesk.domain.model import Role, Tie

Point = tuple[float, float]

#: Smallest distance between the centres of two neighbouring roles on a circle.
SPACING = NODE_RADIUS * 5.6
#: Smallest distance kept between a new role and any role already on the map.
CLEARANCE = NODE_RADIUS * 4.0
#: The scene box that a small map is laid out in (matches a 1280×720 screen's map area).
BOX = (1200.0, 800.0)
ASPECT = 1.4  # circles become ellipses this much wider than high, like the screen
SPRING_SEED = 7
SPRING_ITERATIONS = 120
#: networkx switches to a SciPy solver at 500 nodes; rcdesk does not depend on SciPy.
SPRING_MAX_ROLES = 499


def _placed(role: Role) -> bool:
    return role.x is not None and role.y is not None


def _position(role: Role) -> Point:
    assert role.x is not None and role.y is not None
    return (role.x, role.y)


def circle_slots(count: int, centre: Point | None = None) -> list[Point]:
    """`count` points on an ellipse, clockwise from the left, spaced at least SPACING apart.

    Starting at the left makes a process drawn in role order read left to right
    along the top.
    """
    if count == 0:
        return []
    ry = max(BOX[1] / 2 - NODE_RADIUS * 2.2, SPACING / (2 * math.sin(math.pi / max(count, 2))))
    rx = ry * ASPECT
    cx, cy = centre if centre is not None else (max(BOX[0] / 2, rx + NODE_RADIUS * 3),
                                                max(BOX[1] / 2, ry + NODE_RADIUS * 2.2))
    if count == 1:
        return [(cx, cy)]
    angles = [2 * math.pi * i / count for i in range(count)]
    return [(cx - rx * math.cos(a), cy - ry * math.sin(a)) for a in angles]


def _clear(point: Point, taken: list[Point]) -> bool:
    return all(math.dist(point, other) >= CLEARANCE for other in taken)


def _free_spot(wanted: Point, centre: Point, taken: list[Point]) -> Point:
    """`wanted`, or the nearest spot outward from `centre` that keeps CLEARANCE."""
    if _clear(wanted, taken):
        return wanted
    dx, dy = wanted[0] - centre[0], wanted[1] - centre[1]
    length = math.hypot(dx, dy)
    ux, uy = (dx / length, dy / length) if length > 1e-9 else (1.0, 0.0)
    step = CLEARANCE / 2
    for n in range(1, 10_000):
        # Outward along the ray, swinging a little to each side so a row of roles fans out.
        for swing in (0.0, 0.5, -0.5):
            cx, cy = ux - uy * swing, uy + ux * swing
            spot = (wanted[0] + cx * step * n, wanted[1] + cy * step * n)
            if _clear(spot, taken):
                return spot
    return wanted  # not reached for any real map


def _place_around(roles: Sequence[Role], keep: set[int], slots: list[Point],
                  centre: Point) -> dict[int, Point]:
    kept = {r.id: _position(r) for r in roles if r.id in keep}
    taken = list(kept.values())
    result: dict[int, Point] = {}
    for role, slot in zip(roles, slots, strict=True):
        if role.id in kept:
            result[role.id] = kept[role.id]
        else:
            result[role.id] = _free_spot(slot, centre, taken)
            taken.append(result[role.id])
    return result


def _centre_of(points: Sequence[Point]) -> Point:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def initial_positions(roles: Sequence[Role]) -> dict[int, Point]:
    """Positions for every role: placed roles where they are, new ones on a circle.

    With no role placed yet this is the circle layout. Otherwise the circle is
    centred on the placed roles, and a new role whose slot is taken moves outward
    to the nearest free spot.
    """
    placed = [_position(r) for r in roles if _placed(r)]
    centre = _centre_of(placed) if placed else None
    slots = circle_slots(len(roles), centre)
    return _place_around(roles, {r.id for r in roles if _placed(r)}, slots,
                         centre or _centre_of(slots or [(0.0, 0.0)]))


def circle_layout(roles: Sequence[Role]) -> dict[int, Point]:
    """All unpinned roles on one circle in role order; pinned roles stay put."""
    slots = circle_slots(len(roles))
    centre = _centre_of(slots) if slots else (0.0, 0.0)
    return _place_around(roles, {r.id for r in roles if r.pinned and _placed(r)}, slots, centre)


def spring_layout(roles: Sequence[Role], ties: Sequence[Tie], *, seed: int = SPRING_SEED,
                  iterations: int = SPRING_ITERATIONS) -> dict[int, Point]:
    """Force-directed layout (networkx spring_layout), repeatable, around pinned roles.

    It starts from the circle layout (not from the current positions) so the
    result depends only on the roles, ties and pins. Ties pull both ways whatever
    their direction. Without pins the result is scaled and moved into the layout
    box; with pins it stays in the pinned roles' coordinates.
    """
    if len(roles) > SPRING_MAX_ROLES:
        raise DomainError(f"The force-directed layout handles up to {SPRING_MAX_ROLES} roles; "
                          "use the circle layout for this map.")
    start = circle_layout(roles)
    if len(roles) < 2:
        return start
    import networkx as nx

    fixed = [r.id for r in roles if r.pinned and _placed(r)]
    centre = _centre_of(list(start.values()))
    unit = max(max(abs(p[0] - centre[0]), abs(p[1] - centre[1])) for p in start.values())
    graph = nx.Graph()
    graph.add_nodes_from(r.id for r in roles)
    graph.add_edges_from((t.source_id, t.target_id) for t in ties
                         if not t.is_within_role and t.source_id in start and t.target_id in start)
    normalised = {rid: ((x - centre[0]) / unit, (y - centre[1]) / unit)
                  for rid, (x, y) in start.items()}
    moved = nx.spring_layout(graph, k=SPACING * 0.9 / unit, pos=normalised, fixed=fixed or None,
                             iterations=iterations, seed=seed, scale=None, method="force")
    result = {rid: (centre[0] + float(p[0]) * unit, centre[1] + float(p[1]) * unit)
              for rid, p in moved.items()}
    if fixed:
        result.update({rid: start[rid] for rid in fixed})  # exactly, not float-rounded
        return result
    return _fit(result)


def _box(count: int) -> tuple[float, float]:
    """The layout box: BOX for a small map, growing with the area a role needs."""
    area = count * (SPACING * 1.1) ** 2
    height = max(BOX[1], math.sqrt(area / (BOX[0] / BOX[1])))
    return (height * BOX[0] / BOX[1], height)


def _fit(points: dict[int, Point]) -> dict[int, Point]:
    """Scale uniformly into the layout box (centred), then push apart roles too close."""
    values = list(points.values())
    xs, ys = [p[0] for p in values], [p[1] for p in values]
    width = max(max(xs) - min(xs), NODE_RADIUS)
    height = max(max(ys) - min(ys), NODE_RADIUS)
    box_w, box_h = _box(len(values))
    margin = NODE_RADIUS * 2.5
    factor = min((box_w - 2 * margin) / width, (box_h - 2 * margin) / height)
    nearest = min(math.dist(a, b) for i, a in enumerate(values) for b in values[i + 1:])
    factor = min(factor, SPACING * 3 / max(nearest, 1e-9))  # never spread a map needlessly
    cx, cy = _centre_of(values)
    scaled = [(box_w / 2 + (x - cx) * factor, box_h / 2 + (y - cy) * factor) for x, y in values]
    return dict(zip(points, separate(scaled, SPACING * 0.55), strict=True))


def separate(points: Sequence[Point], distance: float, passes: int = 60) -> list[Point]:
    """Move points apart until no two are closer than `distance` (or `passes` run out).

    Each pass pushes every too-close pair apart along the line between them, half
    the shortfall each; coincident points split along a fixed direction, so the
    result is deterministic.
    """
    import numpy as np

    pos = np.array(points, dtype=float).reshape(-1, 2)
    count = len(pos)
    for _ in range(passes):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, distance * 2)  # a point is never too close to itself
        close = dist < distance * 0.999
        if not close.any():
            break
        same = dist < 1e-9
        delta[same] = (np.arange(count)[:, None] - np.arange(count)[None, :])[same, None] * (
            np.array([0.6, 0.8]))
        dist = np.where(same, np.hypot(delta[..., 0], delta[..., 1]), dist)
        push = np.where(close, (distance - dist) / 2 / np.maximum(dist, 1e-9), 0.0)
        pos += (delta * push[..., None]).sum(axis=1) / np.maximum(close.sum(axis=1), 1)[:, None]
    return [(float(x), float(y)) for x, y in pos]


#: Stress majorization: iterations, and the ideal length of one step of the graph (a tie).
STRESS_ITERATIONS = 300
STRESS_EDGE = SPACING * 0.85
#: Roles are drawn wider than high (a name under each circle): distances across count less.
LABEL_ASPECT = 1.5


def _graph_distances(ids: list[int], ties: Sequence[Tie]) -> list[list[float]]:
    """Shortest-path lengths between roles, ties counted both ways; roles in different parts
    of the map count as one step further apart than the farthest connected pair."""
    index = {rid: i for i, rid in enumerate(ids)}
    neighbours: list[set[int]] = [set() for _ in ids]
    for tie in ties:
        a, b = index.get(tie.source_id), index.get(tie.target_id)
        if a is not None and b is not None and a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    far = math.inf
    rows = []
    for start in range(len(ids)):
        row = [far] * len(ids)
        row[start] = 0.0
        frontier = [start]
        while frontier:
            following = []
            for node in frontier:
                for other in neighbours[node]:
                    if row[other] == far:
                        row[other] = row[node] + 1
                        following.append(other)
            frontier = following
        rows.append(row)
    longest = max((d for row in rows for d in row if d != far), default=1.0)
    return [[d if d != far else longest + 1 for d in row] for row in rows]


def stress_layout(roles: Sequence[Role], ties: Sequence[Tie], *,
                  iterations: int = STRESS_ITERATIONS) -> dict[int, Point]:
    """A tidy layout for 3–30 roles: stress majorization (SMACOF) seeded by the circle.

    Roles sit at distances proportional to how many ties apart they are, so roles that
    coordinate directly are neighbours and no chain or pile-up forms; the horizontal
    axis is shrunk by LABEL_ASPECT while solving (names are wider than tall) and
    stretched back, so neighbours sit side by side with room for their names. The
    circle seed makes it deterministic; pinned roles keep their place (held fixed
    in every iteration). Roles end at least SPACING * 0.6 apart.
    """
    import numpy as np

    start = circle_layout(roles)
    if len(roles) < 3:
        return start
    ids = [r.id for r in roles]
    pinned = np.array([r.pinned and _placed(r) for r in roles])
    distances = np.array(_graph_distances(ids, ties)) * STRESS_EDGE
    weights = np.where(distances > 0, 1.0 / np.maximum(distances, 1e-9) ** 2, 0.0)
    squash = np.array([1.0 / LABEL_ASPECT, 1.0])
    pos = np.array([start[rid] for rid in ids], dtype=float) * squash
    fixed = pos[pinned].copy()
    total = weights.sum(axis=1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        apart = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 1e-9)
        pull = weights * distances / apart
        moved = ((weights[..., None] * pos[None, :, :]).sum(axis=1)
                 + (pull[..., None] * delta).sum(axis=1)) / total[:, None]
        moved[pinned] = fixed
        if np.abs(moved - pos).max() < 0.05:
            pos = moved
            break
        pos = moved
    pos = pos / squash
    if pinned.any():
        points = {rid: (float(x), float(y)) for rid, (x, y) in zip(ids, pos, strict=True)}
        points.update({r.id: _position(r) for r in roles if r.pinned and _placed(r)})
        return points
    return _landscape(ids, pos)


def _landscape(ids: list[int], pos: object) -> dict[int, Point]:
    """Turn the drawing so its long side lies across (screens are wide), scale it so the
    closest two roles are STRESS_EDGE apart, push apart any still too close, and centre
    it in the layout box."""
    import numpy as np

    points = np.asarray(pos, dtype=float)
    points = points - points.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(points.T))
    major = vectors[:, -1]
    angle = math.atan2(float(major[1]), float(major[0]))
    turn = np.array([[math.cos(angle), math.sin(angle)], [-math.sin(angle), math.cos(angle)]])
    points = points @ turn.T
    if points[:, 0].argmin() > points[:, 0].argmax():  # the same way round every time
        points[:, 0] *= -1
    gaps = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    points *= STRESS_EDGE / max(float(gaps.min()), 1e-9)
    spread = separate([(float(x), float(y)) for x, y in points], SPACING * 0.8)
    box_w, box_h = _box(len(ids))
    return {rid: (box_w / 2 + x, box_h / 2 + y) for rid, (x, y) in zip(ids, spread, strict=True)}
