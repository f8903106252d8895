"""One app-wide rule: a mouse wheel never changes a value it was not asked to change.

A facilitator scrolling a form (the gap form, the Experiments panel, a meeting's record)
turns the wheel over whatever passes under the pointer. A combo box, spin box or date
field inside a scroll area takes the wheel only while it has focus (the user clicked or
tabbed into it); otherwise the event goes on to the scroll area, which scrolls. The
filter is installed once on the application (`install`), so every current and future
form follows it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)


def scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area holding `widget` (a combo's own list view is not one)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() != QEvent.Type.Wheel or not isinstance(watched, GUARDED)
                or not isinstance(event, QWheelEvent) or watched.hasFocus()):
            return False
        area = scroll_area_of(watched)
        if area is None:
            return False
        # Not the control's: the scroll area scrolls instead (sent on explicitly, since Qt
        # does not pass a synthetic wheel event on to the parents).
        viewport = area.viewport()
        where = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
        QApplication.sendEvent(viewport, QWheelEvent(
            where, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
            event.buttons(), event.modifiers(), event.phase(), event.inverted()))
        event.accept()
        return True


def install(app: QApplication) -> WheelGuard:
    """Install the rule on the application once (idempotent); return the filter."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
