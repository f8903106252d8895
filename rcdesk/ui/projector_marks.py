"""Which windows show the projector look: a property on each window, not a new style sheet.

The application's style sheet holds both looks (theme.application_sheet); the projector
rules apply inside any window carrying PROJECTOR_PROPERTY. Turning projector mode on marks
every open window and re-polishes only widgets already polished (the others pick the look
up when first shown); while it is on, a window polished for the first time (a dialog, the
audience view) is marked before its widgets are styled.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

PROJECTOR_PROPERTY = "rcdeskProjector"


class WindowMarker(QObject):
    """Marks each window as Qt polishes it (the Polish event reaches the application's
    filters before the window and its children are styled)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Polish and isinstance(watched, QWidget)
                and watched.isWindow()):
            watched.setProperty(PROJECTOR_PROPERTY, True)
        return False


def is_on(app: QApplication) -> bool:
    return app.property(PROJECTOR_PROPERTY) is True


def mark(app: QApplication, on: bool) -> list[QWidget]:
    """Mark (or unmark) every window; the widgets whose mark changed."""
    app.setProperty(PROJECTOR_PROPERTY, on)
    marker = app.findChild(WindowMarker)
    if on and marker is None:
        app.installEventFilter(WindowMarker(app))
    elif not on and marker is not None:
        app.removeEventFilter(marker)
        marker.deleteLater()
    changed = []
    for widget in app.allWidgets():
        marked = widget.property(PROJECTOR_PROPERTY) is True
        if marked != on and (widget.isWindow() or marked):
            widget.setProperty(PROJECTOR_PROPERTY, on)
            changed.append(widget)
    return changed


def repolish(changed: list[QWidget]) -> None:
    """Style again each polished widget in the windows holding `changed`, parents before
    children (a child's font follows its parent's)."""
    from PySide6.QtCore import Qt

    polished = Qt.WidgetAttribute.WA_WState_Polished
    windows = {id(w): w for w in (widget.window() for widget in changed)}
    for window in windows.values():
        for widget in (window, *window.findChildren(QWidget)):
            if widget.testAttribute(polished):
                style = widget.style()
                style.unpolish(widget)
                style.polish(widget)
