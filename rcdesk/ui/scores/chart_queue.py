"""Chart work one piece per turn of the event loop: building a figure, drawing a canvas.

A chart's build and its Agg draw each take tens of milliseconds (more on a big
heat-map). Left to themselves, the charts of a page built in one turn and matplotlib's
canvases drew in the next, all together: the first visit of the Scores tab stalled the
window for a quarter of a second after its first frame (issue 23). Here every piece
waits its turn in one queue, and the loop turns (input, paints) between pieces.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent
from shiboken6 import isValid

_queue: deque[tuple[Callable[[], None], QObject]] = deque()
_scheduled = False


def enqueue(piece: Callable[[], None], owner: QObject) -> None:
    """Run `piece` in a later turn of the event loop, after the pieces queued before it,
    unless `owner` (the widget it works for) has been deleted by then."""
    global _scheduled
    _queue.append((piece, owner))
    if not _scheduled:
        _scheduled = True
        QTimer.singleShot(0, _run_one)


def _run_one() -> None:
    global _scheduled
    try:
        if _queue:
            piece, owner = _queue.popleft()
            if isValid(owner):
                piece()
    finally:
        # the next piece in a later turn, after what this one asked for (a layout, a paint)
        _scheduled = bool(_queue)
        if _scheduled:
            QTimer.singleShot(0, _run_one)


def pending() -> int:
    """How many pieces wait (for tests)."""
    return len(_queue)


_canvas_class: Any = None


def queued_canvas(figure: Any) -> Any:
    """A matplotlib Qt canvas for `figure` whose draws wait their turn in the queue (white
    until first drawn), instead of drawing with every other canvas in the next turn."""
    global _canvas_class
    if _canvas_class is None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        class QueuedCanvas(FigureCanvasQTAgg):
            def draw_idle(self) -> None:
                if not (getattr(self, "_draw_pending", False)
                        or getattr(self, "_is_drawing", False)):
                    self._draw_pending = True
                    enqueue(self._draw_idle, self)

            def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
                # Never drawn yet: white until its turn. (Drawn before at another size,
                # matplotlib's own paint draws it now, as a resize always did.)
                if getattr(self, "_draw_pending", False) and not hasattr(self, "renderer"):
                    painter = QPainter(self)
                    painter.fillRect(event.rect(), Qt.GlobalColor.white)
                    painter.end()
                    return
                super().paintEvent(event)  # type: ignore[no-untyped-call]

        _canvas_class = QueuedCanvas
    return _canvas_class(figure)
