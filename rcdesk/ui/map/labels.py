"""Placing the map's labels where they collide with nothing, at the view's current zoom.

Labels keep their size on screen whatever the zoom (they ignore transformations), so
where they fit depends on the zoom: the placement runs in viewport pixels after a fit,
a zoom, a resize, a layout or a drag, and after the lens changes the numbers. The
method itself (greedy candidate positions on a grid) is in
rcdesk/reports/label_placement.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
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


def place_labels(scene: MapScene, view: QGraphicsView, reserved_below: float = 0.0) -> None:
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
    for item, circle, rect in zip(roles, circles,
                                  lp.place_roles(circles, sizes, obstacles), strict=True):
        width = rect[2] - rect[0]
        item.label.setPos((rect[0] + width / 2 - circle.x) / scale, (rect[1] - circle.y) / scale)
    from_view, _ = to_view.inverted()
    # The selected tie's number first: the one the room is talking about always shows.
    ties = sorted(scene.item_for_tie.values(), key=lambda t: not t.isSelected())
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


def _place_tie(tie: TieItem, to_view: object, from_view: object,
               obstacles: lp.Obstacles) -> None:
    label = tie.value_label
    geometry = tie.geometry
    if label is None or geometry is None or not label.isVisible() or not label.text():
        return
    selected = tie.isSelected()
    points, normals = [], []
    for t in lp.SELECTED_STEPS if selected else lp.CURVE_STEPS:
        x, y = ms.curve_point(geometry, t)
        at = to_view.map(QPointF(x, y))  # type: ignore[attr-defined]
        ahead = to_view.map(QPointF(*ms.curve_point(geometry, min(1.0, t + 0.02))))  # type: ignore
        dx, dy = ahead.x() - at.x(), ahead.y() - at.y()
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        points.append((at.x(), at.y()))
        normals.append((-dy / length, dx / length))
    box = label.boundingRect()
    shifts = lp.SELECTED_SHIFTS if selected else (0.0, 0.5, -0.5)
    rect = lp.place_tie(points, normals, box.width(), box.height(), obstacles, selected, shifts)
    label.set_crowded(rect is None)
    label.setZValue(LABEL_Z + 1 if selected else LABEL_Z)  # on top, if it must overlap
    if rect is not None:
        anchor = QPointF((rect[0] + rect[2]) / 2, rect[1])
        label.setPos(from_view.map(anchor))  # type: ignore[attr-defined]
