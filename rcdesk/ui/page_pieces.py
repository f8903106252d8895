"""A page built in pieces: what its first frame shows at once, the rest one piece a turn.

A first visit that builds a whole page in one turn of the event loop freezes the window
for the whole build (issue 23: no stall over 100 ms). A page makes its skeleton (the
final geometry, so nothing jumps) in its constructor and hands the rest to `Pieces.later`.
The pieces wait for the page's first frame (its first paint), then each runs in a turn of
its own, in the one queue of `chart_queue` (after the chart work queued before it), so
input and paints get their turns in between. A page never shown builds none of them.

Code that needs a piece's widgets now (a handler, a test reaching them by attribute)
calls `finish`, which builds whatever is left at once, in order.

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

from rcdesk.ui.scores.chart_queue import enqueue


class Pieces(QObject):
    """The pieces of `owner` still to build (none run once `owner` is deleted)."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self._owner = owner
        self._left: deque[Callable[[], None]] = deque()
        self._painted = False
        owner.installEventFilter(self)

    def later(self, piece: Callable[[], None]) -> None:
        """Build `piece` in a turn after the first frame and the pieces handed over before."""
        self._left.append(piece)
        if self._painted and len(self._left) == 1:
            enqueue(self._next, self._owner)

    def finish(self) -> None:
        """Build every piece left, now."""
        while self._left:
            self._left.popleft()()

    @property
    def done(self) -> bool:
        return not self._left

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self._owner.removeEventFilter(self)
            if self._left:
                enqueue(self._next, self._owner)
        return False

    def _next(self) -> None:
        if self._left:
            self._left.popleft()()
        if self._left:
            enqueue(self._next, self._owner)
