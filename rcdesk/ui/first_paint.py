"""Work that can wait until a widget has shown its first frame.

A start (and opening a workshop) shows its first frame sooner when what the user
cannot see yet (panels below the fold, a rarely shown banner, the backup at open) is
done just after that frame: `after_first_paint(widget, work)` runs `work` once, in the
event loop turn after the widget's first Paint event.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer


class _FirstPaint(QObject):
    """Watches one widget for its first Paint; a child of it, so it goes with it."""

    def __init__(self, widget: QObject, work: Callable[[], object]) -> None:
        super().__init__(widget)
        self._work: Callable[[], object] | None = work
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._work is not None:
            watched.removeEventFilter(self)
            # With this object as the context, the call is dropped if the widget goes first.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        work, self._work = self._work, None
        if work is not None:
            work()

    def cancel(self) -> None:
        self._work = None


def after_first_paint(widget: QObject, work: Callable[[], object]) -> Callable[[], None]:
    """Run `work` just after `widget` first paints; returns a function that cancels it."""
    return _FirstPaint(widget, work).cancel
