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

    def cancel(self) -> None:
        """Drop whatever gesture is half done (Esc, or leaving the mode)."""


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
        self.remove()
        target = self.view.map_scene.role_at(point)
        if target is not None:
            self.view.tie_drawn.emit(self.source.role.id, target.role.id)

    def remove(self) -> None:
        if self.line.scene() is not None:
            self.view.scene().removeItem(self.line)


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

    def cancel(self) -> None:
        if self.drag is not None:
            self.drag.remove()
            self.drag = None


#: A press and release this close (pixels) on the same role is a click, not a drag.
CLICK_SLOP = 6.0


class ConnectMode(SelectMode):
    """Draw ties (toolbar Connect, or C): click the source role, then click the target
    (the rubber line follows the pointer in between), or drag from one to the other.
    Clicking the source twice draws its within-role tie; Esc cancels."""

    name = "connect"
    cursor = Qt.CursorShape.CrossCursor
    hint = ("Connect: click the role a tie starts from, then the role it goes to (or drag "
            "between them). Esc cancels.")

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self._pressed_at: QPointF | None = None
        self._waiting = False  # a source was clicked: the next click on a role is the target

    def starts_tie(self, role: RoleItem, point: QPointF) -> bool:
        return True

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        if self.drag is not None and self._waiting:
            point = self.view.mapToScene(event.position().toPoint())
            if self.view.map_scene.role_at(point) is None:
                self.cancel()  # a click on empty canvas gives up the tie
                return True
            self.drag.finish(point)
            self.drag = None
            self._waiting = False
            return True
        self._pressed_at = event.position()
        return super().press(event)

    def move(self, event: QMouseEvent) -> bool:
        return super().move(event) or self._waiting

    def release(self, event: QMouseEvent) -> bool:
        if self.drag is None:
            return False
        start, self._pressed_at = self._pressed_at, None
        point = self.view.mapToScene(event.position().toPoint())
        moved = start is None or (event.position() - start).manhattanLength() > CLICK_SLOP
        if not moved and self.view.map_scene.role_at(point) is self.drag.source:
            self._waiting = True  # a click on the source: wait for the target's click
            return True
        return super().release(event)

    def cancel(self) -> None:
        self._waiting = False
        super().cancel()
