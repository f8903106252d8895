"""One app-wide rule: a mouse wheel never changes a value it was not asked to change.

A facilitator scrolling a form (the gap form, the Experiments panel, a meeting's record)
turns the wheel over whatever passes under the pointer. A combo box, spin box or date
field inside a scroll area takes the wheel only while it has focus (the user clicked or
tabbed into it); otherwise the event goes on to the scroll area, which scrolls.

Every such control, present and future, is guarded as Qt first polishes it (a hook of the
application's style, app_style.py, installed once by `install`; it starts after the main
window's first frame, guarding every control made before): the filter then sees only
that control's events, never the rest of the application's, and the control no longer takes
the focus from a wheel turned over it (Qt's WheelFocus would give it the focus, and so the
wheel, before any filter could say no): every combo box and spin box takes the focus by
click and Tab only (a control that must never take the focus is not a combo or spin box in
rcdesk; one that did would need its policy set again after its first polish).
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

from rcdesk.ui.app_style import add_polish_hook, is_active
from rcdesk.ui.widgets import set_enum_property

GUARDED = (QComboBox, QAbstractSpinBox)
_WHEEL = QEvent.Type.Wheel


def scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area holding `widget` (a combo's own list view is not one)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """The filter of each guarded control (installed on the control, not the application)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() != _WHEEL or not isinstance(watched, GUARDED)
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

    def guard(self, widget: QWidget) -> None:
        """Guard `widget` if it is a combo box or spin box (again is harmless)."""
        if isinstance(widget, GUARDED):
            widget.installEventFilter(self)  # Qt keeps one copy of a filter per object
            # Click and Tab, not the wheel (Qt's default for these controls). Set by key:
            # reading the policy would build the Qt namespace's enums before the first frame.
            set_enum_property(widget, "focusPolicy", "StrongFocus")


#: The filter, once installed (not found by app.findChild: that brings every child of the
#: application into Python, the style among them, whose enum types take 4% of a cold start).
_installed: list[WheelGuard] = []


def install(app: QApplication) -> WheelGuard:
    """Install the rule on the application once (idempotent); return the filter."""
    if _installed:
        return _installed[0]
    guard = WheelGuard(app)
    _installed.append(guard)
    add_polish_hook(app, "wheel", guard.guard)  # every control there is, once active
    if is_active(app):
        for widget in app.allWidgets():
            guard.guard(widget)
    return guard
