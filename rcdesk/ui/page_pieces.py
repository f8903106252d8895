"""A page built in pieces: what its first frame shows at once, the rest after that frame,
one piece per turn of the event loop (issue 23).

A page built in one turn stalls the window for the whole build, and a piece queued for
the next turn runs before the frame is painted (Qt paints after the normal posted events).
`Pieces` holds the rest of a page's build: once the page has painted its first frame, each
piece waits its turn in chart_queue's queue (with the charts' builds and draws), so input
and paints go between them. Anything that needs a part not built yet calls `finish`, which
runs what is left at once: a caller, or a test, reaching a part sees the whole page, as if
it were built in one go.

The skeleton itself is cheaper built from the top down: each part placed in its parent
before it is filled (a widget made with its parent, a layout added before its widgets).
Under the application's style sheet a filled part placed later is styled again with all
it holds, once a level: the agenda tab built from the bottom up was styled 792 times for
its ~60 widgets, from the top down 115.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from rcdesk.ui.scores import chart_queue


class Pieces(QObject):
    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self._page = page
        self._left: deque[Callable[[], None]] = deque()
        self._running = False
        self._painted = False
        page.installEventFilter(self)

    def add(self, piece: Callable[[], None]) -> None:
        """Run `piece` after the page's first frame (and the pieces added before it)."""
        self._left.append(piece)
        if self._painted:
            chart_queue.enqueue(self._run_next, self)

    def done(self) -> bool:
        return not self._left

    def finish(self) -> None:
        """Run every piece left now (nothing while a piece runs: they run in order)."""
        while self._left and not self._running:
            self._run_next()

    def _run_next(self) -> None:
        if self._left and not self._running:
            self._running = True
            try:
                self._left.popleft()()
            finally:
                self._running = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._page and event.type() == QEvent.Type.Paint:
            self._page.removeEventFilter(self)
            self._painted = True
            for _ in self._left:  # queued from the paint: they run after this frame
                chart_queue.enqueue(self._run_next, self)
        return False
