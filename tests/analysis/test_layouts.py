"""Layouts: pinned roles never move, results repeat, small maps have no overlaps."""

from __future__ import annotations

import itertools
import math

import pytest

from rcdesk.analysis.layouts import (
    BOX,
    circle_layout,
    initial_positions,
    separate,
    spring_layout,
)
from rcdesk.domain.model import Role, Tie
from rcdesk.reports.map_style import NODE_RADIUS

Point = tuple[float, float]


def make_roles(count: int, placed: dict[int, Point] | None = None,
               pinned: set[int] = frozenset()) -> list[Role]:
    placed = placed or {}
    return [Role(i, 1, f"Role {i}", i, x=placed.get(i, (None, None))[0],
                 y=placed.get(i, (None, None))[1], pinned=i in pinned) for i in range(count)]


def ring(count: int) -> list[Tie]:
    return [Tie(i, 1, i, (i + 1) % count) for i in range(count)]


def nearest(points: dict[int, Point]) -> float:
    return min(math.dist(a, b) for a, b in itertools.combinations(points.values(), 2))


@pytest.mark.parametrize("layout", ["circle", "spring"])
def test_pinned_roles_never_move(layout: str) -> None:
    placed = {0: (123.5, 456.25), 3: (900.0, 100.0)}
    roles = make_roles(7, placed, pinned={0, 3})
    result = (circle_layout(roles) if layout == "circle"
              else spring_layout(roles, ring(7)))
    assert result[0] == placed[0] and result[3] == placed[3]
    assert set(result) == {r.id for r in roles}
    # ...and the others were really laid out (the test is not vacuous).
    assert len({p for rid, p in result.items() if rid not in placed}) == 5


def test_unpinned_placed_roles_do_move_in_a_layout() -> None:
    roles = make_roles(3, {0: (5.0, 5.0), 1: (6.0, 6.0), 2: (7.0, 7.0)})
    assert circle_layout(roles)[0] != (5.0, 5.0)


@pytest.mark.parametrize("count", [2, 3, 7, 12])
def test_layouts_are_deterministic_and_roles_are_well_apart(count: int) -> None:
    roles = make_roles(count)
    ties = ring(count) + [Tie(100, 1, 0, count // 2)]
    for layout in (lambda: circle_layout(roles), lambda: spring_layout(roles, ties)):
        first, second = layout(), layout()
        assert first == second
        assert nearest(first) >= NODE_RADIUS * 3  # circles and labels do not touch


def test_seven_roles_fit_the_screen_box() -> None:
    roles = make_roles(7)
    for places in (circle_layout(roles), spring_layout(roles, ring(7))):
        xs = [p[0] for p in places.values()]
        ys = [p[1] for p in places.values()]
        assert min(xs) >= NODE_RADIUS and max(xs) <= BOX[0] - NODE_RADIUS
        assert min(ys) >= NODE_RADIUS and max(ys) <= BOX[1] - NODE_RADIUS


def test_a_big_map_grows_instead_of_overlapping() -> None:
    roles = make_roles(60)
    places = spring_layout(roles, ring(60))
    assert nearest(places) >= NODE_RADIUS * 3
    assert max(p[0] for p in places.values()) > BOX[0]


def test_initial_positions_keep_placed_roles_and_avoid_them() -> None:
    placed = {1: (600.0, 400.0), 2: (640.0, 420.0)}
    roles = make_roles(6, placed)
    result = initial_positions(roles)
    assert result[1] == placed[1] and result[2] == placed[2]
    new = {rid: p for rid, p in result.items() if rid not in placed}
    assert len(new) == 4
    for rid, point in new.items():
        others = [p for other, p in result.items() if other != rid]
        assert min(math.dist(point, p) for p in others) >= NODE_RADIUS * 3, rid
    assert initial_positions(roles) == result


def test_initial_positions_of_an_empty_map_is_the_circle_layout() -> None:
    roles = make_roles(5)
    assert initial_positions(roles) == circle_layout(roles)
    assert initial_positions([]) == {}
    assert spring_layout([], []) == {}


def test_separate_pushes_coincident_points_apart() -> None:
    points = separate([(0.0, 0.0), (0.0, 0.0), (1.0, 0.0)], 100.0)
    assert min(math.dist(a, b) for a, b in itertools.combinations(points, 2)) >= 99.0


def chain(count: int) -> list[Tie]:
    """A work process drawn role to role, with a few returns: what squeezed the force-directed
    layout into one overlapping diagonal."""
    return [Tie(i, 1, i, i + 1) for i in range(count - 1)] + \
        [Tie(100 + i, 1, i + 1, i) for i in range(0, count - 1, 2)]


@pytest.mark.parametrize("count", [3, 7, 12, 30])
def test_the_tidy_layout_reads_well_wide_and_with_room_for_names(count: int) -> None:
    from rcdesk.analysis.layouts import SPACING, stress_layout

    roles = make_roles(count)
    places = stress_layout(roles, chain(count))
    assert places == stress_layout(roles, chain(count))  # deterministic
    assert nearest(places) >= SPACING * 0.75  # a circle and a name each, never touching
    xs = [p[0] for p in places.values()]
    ys = [p[1] for p in places.values()]
    assert max(xs) - min(xs) >= max(ys) - min(ys)  # wide, like the screen it is shown on
    # Roles one tie apart are nearer than roles far apart along the process.
    first, second, last = places[0], places[1], places[count - 1]
    assert math.dist(first, second) < math.dist(first, last) or count < 4


def test_the_tidy_layout_keeps_pinned_roles() -> None:
    from rcdesk.analysis.layouts import stress_layout

    placed = {0: (123.5, 456.25), 3: (900.0, 100.0)}
    roles = make_roles(7, placed, pinned={0, 3})
    result = stress_layout(roles, chain(7))
    assert result[0] == placed[0] and result[3] == placed[3]
    assert len({p for rid, p in result.items() if rid not in placed}) == 5


def test_the_force_directed_layout_of_a_chain_overlaps_which_the_tidy_one_avoids() -> None:
    """The issue's squeezed diagonal: the old layout's nearest pair, for comparison."""
    from rcdesk.analysis.layouts import SPACING, stress_layout

    roles = make_roles(7)
    assert nearest(stress_layout(roles, chain(7))) > nearest(spring_layout(roles, chain(7)))
    assert nearest(stress_layout(roles, chain(7))) >= SPACING * 0.75
