"""Mouse modes of the map view, as small state objects (architecture.md).

Select mode moves roles (a plain drag), draws a tie when the drag starts on a
role's rim, and rubber-bands on empty canvas. Connect mode draws a tie from any
part of a role. Each mode reports what the user did; the view turns it into
service calls through the page, so no rule lives here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsView

from rcdesk.ui.map.items import SELECTION_COLOUR, RoleItem

if TYPE_CHECKING:
    from rcdesk.ui.map.view import MapView


class Mode:
    """Default handling: let QGraphicsView do its normal thing."""

    name = "select"
    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, view: MapView) -> None:
        self.view = view

    def press(self, event: QMouseEvent) -> bool:
        """Return True when the mode handled the press itself."""
        return False

    def move(self, event: QMouseEvent) -> bool:
        return False

    def release(self, event: QMouseEvent) -> bool:
        return False


class ConnectDrag:
    """A rubber line from a role to the pointer, while a tie is being drawn."""

    def __init__(self, view: MapView, source: RoleItem) -> None:
        self.view = view
        self.source = source
        pen = QPen(QColor(SELECTION_COLOUR), 3, Qt.PenStyle.DashLine)
        self.line = QGraphicsLineItem(QLineF(source.pos(), source.pos()))
        self.line.setPen(pen)
        self.line.setZValue(10)
        view.scene().addItem(self.line)

    def follow(self, point: QPointF) -> None:
        self.line.setLine(QLineF(self.source.pos(), point))

    def finish(self, point: QPointF) -> None:
        self.view.scene().removeItem(self.line)
        target = self.view.map_scene.role_at(point)
        if target is not None:
            self.view.tie_drawn.emit(self.source.role.id, target.role.id)


class SelectMode(Mode):
    name = "select"

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.drag: ConnectDrag | None = None

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        point = self.view.mapToScene(event.position().toPoint())
        role = self.view.map_scene.role_at(point)
        if role is not None and self.starts_tie(role, point):
            self.drag = ConnectDrag(self.view, role)
            return True
        self.view.setDragMode(QGraphicsView.DragMode.NoDrag if role is not None
                              else QGraphicsView.DragMode.RubberBandDrag)
        return False

    def starts_tie(self, role: RoleItem, point: QPointF) -> bool:
        return role.on_rim(point)

    def move(self, event: QMouseEvent) -> bool:
        if self.drag is None:
            return False
        self.drag.follow(self.view.mapToScene(event.position().toPoint()))
        return True

    def release(self, event: QMouseEvent) -> bool:
        if self.drag is None:
            return False
        self.drag.finish(self.view.mapToScene(event.position().toPoint()))
        self.drag = None
        return True


class ConnectMode(SelectMode):
    """Every drag that starts on a role draws a tie (toolbar Connect, or C)."""

    name = "connect"
    cursor = Qt.CursorShape.CrossCursor

    def starts_tie(self, role: RoleItem, point: QPointF) -> bool:
        return True
