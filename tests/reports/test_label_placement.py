"""Greedy candidate-position label placement (reports/label_placement.py), in pixels."""

from __future__ import annotations

from rcdesk.reports import label_placement as lp


def _overlap(a: lp.Rect, b: lp.Rect) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > lp.SLACK and \
        min(a[3], b[3]) - max(a[1], b[1]) > lp.SLACK


def test_two_close_roles_get_names_that_do_not_overlap_each_other_or_a_circle():
    circles = [lp.Circle(100, 100, 20), lp.Circle(160, 100, 20)]
    obstacles = lp.Obstacles((0, 0, 400, 300))
    rects = lp.place_roles(circles, [(120, 20), (120, 20)], obstacles)
    assert not _overlap(rects[0], rects[1])
    for rect in rects:
        for c in circles:
            assert lp._covered(rect, c) == 0
        assert rect[0] >= 0 and rect[1] >= 0 and rect[2] <= 400 and rect[3] <= 300


def test_a_name_goes_away_from_the_maps_centre_first():
    circles = [lp.Circle(100, 180, 20), lp.Circle(300, 180, 20), lp.Circle(200, 80, 20)]
    rects = lp.place_roles(circles, [(60, 20)] * 3, lp.Obstacles((0, 0, 400, 300)))
    assert rects[2][3] <= 80 - 20  # the top role's name sits above it
    assert (rects[0][0] + rects[0][2]) / 2 < 100 - 20  # the left one's to its left


def test_a_tie_number_takes_a_free_place_on_its_curve_or_none():
    obstacles = lp.Obstacles((0, 0, 400, 300))
    points = [(200.0, 150.0)] * len(lp.CURVE_STEPS)
    normals = [(0.0, 1.0)] * len(lp.CURVE_STEPS)
    first = lp.place_tie(points, normals, 40, 20, obstacles)
    assert first is not None and first[0] < 200 < first[2]
    # The same spot again: beside the first number, never on it, or left out.
    second = lp.place_tie(points, normals, 40, 20, obstacles)
    assert second is None or not _overlap(first, second)
    crowded = lp.Obstacles((0, 0, 400, 300))
    crowded.add_rect((0, 0, 400, 300))  # nothing free anywhere
    assert lp.place_tie(points, normals, 40, 20, crowded) is None  # left out
    forced = lp.place_tie(points, normals, 40, 20, crowded, must=True)
    assert forced is not None  # the selected tie's number shows anyway


def test_placement_is_deterministic():
    circles = [lp.Circle(30.0 * i, 20.0 * (i % 3), 10) for i in range(30)]
    sizes = [(50.0 + i, 18.0) for i in range(30)]
    one = lp.place_roles(circles, sizes, lp.Obstacles((0, 0, 900, 200)))
    two = lp.place_roles(circles, sizes, lp.Obstacles((0, 0, 900, 200)))
    assert one == two
