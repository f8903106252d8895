"""Placing the map's labels where they collide with nothing, at the view's current zoom.

Labels keep their size on screen whatever the zoom (they ignore transformations), so
where they fit depends on the zoom: the placement runs in viewport pixels after a fit,
a zoom, a resize, a layout or a drag, and after the lens changes the numbers. The
method itself (greedy candidate positions on a grid) is in
rcdesk/reports/label_placement.py.

Selecting a tie places every label again (its number first), but the role names go where
they went before when nothing they depend on changed (RolePlaces), and a tie number's
places along its curve are worked out one at a time, only until one is free (issue 23).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsView

from rcdesk.reports import label_placement as lp
from rcdesk.reports import map_style as ms
from rcdesk.ui.map.items import LABEL_Z

if TYPE_CHECKING:
    from rcdesk.ui.map.items import RoleItem
    from rcdesk.ui.map.scene import MapScene
    from rcdesk.ui.map.tie_item import TieItem


def visible_bounds(view: QGraphicsView, reserved_below: float) -> lp.Rect:
    rect = view.viewport().rect()
    return (0.0, 0.0, float(rect.width()), max(0.0, rect.height() - reserved_below))


class RolePlaces:
    """The role names' places last worked out, and what for (the circles on screen, the
    names' sizes, the free area): the same again are placed as before, without a search.
    A few are kept: projector mode on and off goes back and forth between two."""

    KEPT = 4

    def __init__(self) -> None:
        self._kept: dict[tuple[object, ...], list[lp.Rect]] = {}
        self.searches = 0  # placements worked out anew

    def place(self, circles: Sequence[lp.Circle], sizes: Sequence[tuple[float, float]],
              obstacles: lp.Obstacles) -> list[lp.Rect]:
        """lp.place_roles, remembered: the obstacles get the same circles and names."""
        key = (tuple(circles), tuple(sizes), obstacles.bounds)
        rects = self._kept.pop(key, None)
        if rects is None:
            rects = lp.place_roles(circles, sizes, obstacles)
            self.searches += 1
        else:
            for circle in circles:  # in place_roles' order: the same obstacles and choices
                obstacles.add_circle(circle)
            for rect in rects:
                obstacles.add_rect(rect)
        self._kept[key] = rects  # the newest last
        while len(self._kept) > self.KEPT:
            del self._kept[next(iter(self._kept))]
        return rects


def place_labels(scene: MapScene, view: QGraphicsView, reserved_below: float = 0.0,
                 role_places: RolePlaces | None = None) -> None:
    """Move every role name (with its note) and tie number to a free place on screen."""
    scale = view.transform().m11() or 1.0
    to_view = view.viewportTransform()
    obstacles = lp.Obstacles(visible_bounds(view, reserved_below))
    roles = list(scene.item_for_role.values())
    circles, sizes = [], []
    for item in roles:
        at = to_view.map(item.pos())
        circles.append(lp.Circle(at.x(), at.y(), ms.NODE_RADIUS * scale))
        sizes.append(block_size(item))
    places = (role_places or RolePlaces()).place(circles, sizes, obstacles)
    for item, circle, rect in zip(roles, circles, places, strict=True):
        width = rect[2] - rect[0]
        item.label.setPos((rect[0] + width / 2 - circle.x) / scale, (rect[1] - circle.y) / scale)
    from_view, _ = to_view.inverted()
    # The selected tie's number first: the one the room is talking about always shows.
    # (Only ties with a number: a big map's thousands have none.)
    ties = [t for t in scene.item_for_tie.values() if t.value_label is not None]
    ties.sort(key=lambda t: not t.isSelected())
    for tie in ties:
        _place_tie(tie, to_view, from_view, obstacles)


def block_size(item: RoleItem) -> tuple[float, float]:
    """A role's name and, under it, its note ("boundary spanner?"), as one block."""
    rect = item.label.boundingRect()
    width, height = rect.width(), rect.height()
    note = item.note
    if note is not None and note.isVisible() and note.text():
        width = max(width, note.boundingRect().width())
        height += note.boundingRect().height()
    return width, height


def _along(geometry: ms.TieGeometry, steps: Sequence[float], to_view: QTransform
           ) -> Iterator[tuple[lp.Point, lp.Point]]:
    """Each place along the curve on screen, with the normal there, worked out as asked
    for (most numbers take the first): the transform applied in plain arithmetic (the
    view's is affine), where a QPointF through QTransform.map each cost more."""
    m11, m12, m21, m22 = to_view.m11(), to_view.m12(), to_view.m21(), to_view.m22()
    dx, dy = to_view.dx(), to_view.dy()
    for t in steps:
        x, y = ms.curve_point(geometry, t)
        ax, ay = ms.curve_point(geometry, min(1.0, t + 0.02))
        px, py = m11 * x + m21 * y + dx, m12 * x + m22 * y + dy
        tx, ty = m11 * ax + m21 * ay + dx - px, m12 * ax + m22 * ay + dy - py
        length = (tx * tx + ty * ty) ** 0.5 or 1.0
        yield (px, py), (-ty / length, tx / length)


def _place_tie(tie: TieItem, to_view: QTransform, from_view: QTransform,
               obstacles: lp.Obstacles) -> None:
    label = tie.value_label
    geometry = tie.geometry
    if label is None or geometry is None or not label.isVisible() or not label.text():
        return
    selected = tie.isSelected()
    steps = lp.SELECTED_STEPS if selected else lp.CURVE_STEPS
    box = label.boundingRect()
    shifts = lp.SELECTED_SHIFTS if selected else (0.0, 0.5, -0.5)
    rect = lp.place_tie_along(_along(geometry, steps, to_view), box.width(), box.height(),
                              obstacles, selected, shifts)
    label.set_crowded(rect is None)
    label.setZValue(LABEL_Z + 1 if selected else LABEL_Z)  # on top, if it must overlap
    if rect is not None:
        anchor = QPointF((rect[0] + rect[2]) / 2, rect[1])
        label.setPos(from_view.map(anchor))
