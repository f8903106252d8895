"""Which windows show the projector look: a property on each window, not a new style sheet.

The application's style sheet holds both looks (theme.application_sheet); the projector
rules apply inside any window carrying PROJECTOR_PROPERTY. Turning projector mode on marks
every open window and re-polishes the widgets on screen already polished (the others pick
the look up when they are shown); while it is on, a window polished for the first time (a
dialog, the audience view) is marked before its widgets are styled.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from rcdesk.ui.app_style import add_polish_hook

PROJECTOR_PROPERTY = "rcdeskProjector"
_WAITING = "rcdeskRestyleOnShow"  # a hidden part waits to be styled again when shown


def _mark_window(widget: QWidget) -> None:
    """While projector mode is on, mark each window as Qt polishes it: the application
    style's hook (app_style.py) runs before the sheet styles the window and its children,
    once per widget, where an application event filter saw every event of the app."""
    if widget.isWindow():
        widget.setProperty(PROJECTOR_PROPERTY, True)


def is_on(app: QApplication) -> bool:
    return app.property(PROJECTOR_PROPERTY) is True


def mark(app: QApplication, on: bool) -> list[QWidget]:
    """Mark (or unmark) every window; the widgets whose mark changed."""
    app.setProperty(PROJECTOR_PROPERTY, on)
    add_polish_hook(app, "projector", _mark_window if on else None)
    changed = []
    # On: only windows are marked, so only windows are asked (not every widget's
    # property, a few ms on a full window). Off: any widget marked as a window before
    # it was put inside another is unmarked too.
    for widget in app.topLevelWidgets() if on else app.allWidgets():
        marked = widget.property(PROJECTOR_PROPERTY) is True
        if marked != on and (widget.isWindow() or marked):
            widget.setProperty(PROJECTOR_PROPERTY, on)
            changed.append(widget)
    return changed


def repolish(changed: list[QWidget]) -> None:
    """Style again the shown widgets of the windows holding `changed`, parents before
    children (a child's font follows its parent's); a hidden part (another stage, a tab
    not shown) is styled again when it is next shown, not now."""
    windows = {id(w): w for w in (widget.window() for widget in changed)}
    for window in windows.values():
        _walk(window)


def _walk(widget: QWidget) -> None:
    # Imported here: naming a member of the Qt namespace builds all its enum types (22 ms),
    # which a cold start does without (this module is imported by theme.py).
    from PySide6.QtCore import Qt

    if not widget.isVisible():
        _restyle_when_shown(widget)
        return
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
    for child in widget.children():
        if isinstance(child, QWidget):
            _walk(child)


class _RestyleOnShow(QObject):
    """Styles a hidden part of a window again when it is shown (once)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            watched.setProperty(_WAITING, None)
            _PENDING.discard(self)
            self.deleteLater()
            _walk(watched)
        return False


#: The filters waiting for their part to be shown (held here so Python keeps them).
_PENDING: set[_RestyleOnShow] = set()


def _restyle_when_shown(widget: QWidget) -> None:
    if widget.property(_WAITING) is None:
        widget.setProperty(_WAITING, True)
        waiting = _RestyleOnShow(widget)
        _PENDING.add(waiting)
        waiting.destroyed.connect(lambda: _PENDING.discard(waiting))
        widget.installEventFilter(waiting)
