"""The fit of a map with its names placed around the circles (rcdesk/reports/label_fit.py)."""

from __future__ import annotations

from rcdesk.analysis.layouts import circle_slots
from rcdesk.reports import label_fit
from rcdesk.reports import label_placement as lp

RADIUS, ABOVE = 46.0, 46.0 + 24.0 * 2.6
PROJECTOR = (965.0, 443.0)  # the map's free area at 1280×720 in projector mode


def _ring(count: int) -> label_fit.Roles:
    return label_fit.Roles(circle_slots(count), RADIUS, ABOVE)


def _guess(roles: label_fit.Roles, sizes, scale: float) -> label_fit.Fit:
    """The view's first guess: names centred under the circles (MapView.extent)."""
    half = max(w for w, _ in sizes) / 2
    height = max(h for _, h in sizes)
    xs = [x * scale for x, _ in roles.centres]
    ys = [y * scale for _, y in roles.centres]
    extent = (min(xs) - max(RADIUS * scale, half), min(ys) - ABOVE * scale,
              max(xs) + max(RADIUS * scale, half), max(ys) + RADIUS * scale + 4 + height)
    return label_fit.Fit(scale, 1.0, extent, 0.0)


def _names(count: int, width: float, height: float):
    return lambda share: [(width * share, height * share)] * count


def _placed_at(fit: label_fit.Fit, roles: label_fit.Roles, sizes, area):
    """The names as the view places them after the fit: in the free area, map centred."""
    left, top, right, bottom = fit.extent
    dx = (area[0] - (right - left)) / 2 - left
    dy = (area[1] - (bottom - top)) / 2 - top
    circles = [lp.Circle(x * fit.scale + dx, y * fit.scale + dy, RADIUS * fit.scale)
               for x, y in roles.centres]
    return circles, lp.place_roles_scored(circles, sizes, lp.Obstacles((0, 0, *area)))


def test_twenty_long_names_on_a_ring_fit_the_projector_clear_of_each_other():
    roles = _ring(20)
    sizes_at = _names(20, 320.0, 64.0)  # two lines of 20 pt, as wide as the longest names
    fit = label_fit.fit_names(roles, sizes_at, *PROJECTOR, 1.5, _guess(roles, sizes_at(1), 0.2))
    assert fit is not None and fit.overlap == 0
    assert fit.share < 1.0  # no room for them at full size: smaller, never over each other
    left, top, right, bottom = fit.extent
    assert right - left <= PROJECTOR[0] and bottom - top <= PROJECTOR[1]
    circles, (rects, overlap) = _placed_at(fit, roles, sizes_at(fit.share), PROJECTOR)
    assert overlap == 0  # placed again inside the screen: the same free places
    for rect in rects:
        assert 0 <= rect[0] and rect[2] <= PROJECTOR[0]
        assert 0 <= rect[1] and rect[3] <= PROJECTOR[1]
    for c in circles:
        assert c.r <= c.x <= PROJECTOR[0] - c.r and c.r <= c.y <= PROJECTOR[1] - c.r


def test_a_small_map_keeps_its_names_at_full_size():
    roles, sizes_at = _ring(7), _names(7, 150.0, 32.0)
    guess = _guess(roles, sizes_at(1), 0.3)
    fit = label_fit.fit_names(roles, sizes_at, *PROJECTOR, 1.5, guess)
    assert fit is not None and fit.share == 1.0 and fit.overlap == 0


def test_the_fit_is_the_same_every_time():
    roles, sizes_at = _ring(20), _names(20, 300.0, 60.0)
    first = label_fit.fit_names(roles, sizes_at, *PROJECTOR, 1.5, _guess(roles, sizes_at(1), .2))
    again = label_fit.fit_names(roles, sizes_at, *PROJECTOR, 1.5, _guess(roles, sizes_at(1), .2))
    assert first == again


def test_a_big_map_is_left_to_the_placer():
    count = label_fit.MAX_ROLES + 1
    guess = label_fit.Fit(0.1, 1.0, (0.0, 0.0, 1.0, 1.0), 0.0)
    assert label_fit.fit_names(_ring(count), _names(count, 100.0, 20.0), *PROJECTOR, 1.5,
                               guess) is None
    assert label_fit.fit_names(_ring(0), _names(0, 1.0, 1.0), *PROJECTOR, 1.5, guess) is None
