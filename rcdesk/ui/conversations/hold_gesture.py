"""Hold-to-leave: telling a held key combination from key autorepeat, and its progress ring.

How platforms deliver a held key (measured behaviour, Qt 6):
- X11 with autorepeat on (the default): after the repeat delay, a KeyRelease and a
  KeyPress for every repeat, usually marked isAutoRepeat(); when Qt cannot detect the
  pair (XInput2 setups, remote desktops) they arrive unmarked, a few milliseconds apart.
- Wayland (the client repeats), Windows and macOS: repeated KeyPress events marked
  isAutoRepeat(), no release until the key is really let go.

So an auto-repeated event never starts over or ends a hold, and an unmarked release
ends it only when no press of the combination follows within RELEASE_GRACE: a real
let-go, not the release half of a repeat pair. The clock is injected (seconds).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

HOLD_SECONDS = 2.0
#: Longer than any release → press gap of an autorepeat pair (a few ms), shorter than a
#: person lifting and pressing the keys again.
RELEASE_GRACE = 0.25
_WANTED = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
_PARTS = (Qt.Key.Key_L, Qt.Key.Key_Control, Qt.Key.Key_Shift)


class HoldGesture:
    """Ctrl+Shift+L held for HOLD_SECONDS, robust to autorepeat (no Qt widget needed)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._started: float | None = None
        self._let_go: float | None = None

    @staticmethod
    def is_combination(key: int | Qt.Key, modifiers: Qt.KeyboardModifier) -> bool:
        return key == Qt.Key.Key_L and (modifiers & _WANTED) == _WANTED

    @staticmethod
    def is_part(key: int | Qt.Key) -> bool:
        return key in _PARTS

    @property
    def holding(self) -> bool:
        return self._started is not None

    def press(self, auto_repeat: bool) -> bool:
        """A press of the combination; True when a new hold began."""
        now = self.clock()
        if (self._started is not None and self._let_go is not None and not auto_repeat
                and now - self._let_go > RELEASE_GRACE):
            self._started = None  # let go for real, then pressed again: start over
        self._let_go = None
        if self._started is None:
            self._started = now
            return True
        return False

    def release(self, auto_repeat: bool) -> None:
        """A release of L, Ctrl or Shift: perhaps a let-go, confirmed by check()."""
        if not auto_repeat and self._started is not None:
            self._let_go = self.clock()

    def check(self) -> float | None:
        """None: not holding (a release was not followed by a press in time); else the
        fraction of HOLD_SECONDS held (1.0 or more: leave)."""
        if self._started is None:
            return None
        now = self.clock()
        held = (now - self._started) / HOLD_SECONDS
        if self._let_go is not None:
            if now - self._let_go > RELEASE_GRACE:
                self.cancel()
                return None
            return min(held, 0.99)  # a release pending: never leave on it
        return held

    def cancel(self) -> None:
        self._started = None
        self._let_go = None


class HoldRing(QWidget):
    """A ring that fills clockwise while the exit combination is held."""

    def __init__(self) -> None:
        super().__init__()
        self.progress = 0.0
        self.setAccessibleName("Leaving: keep holding")
        self.setFixedSize(QSize(60, 60))

    def set_progress(self, value: float) -> None:
        self.progress = max(0.0, min(1.0, value))
        self.setAccessibleName(f"Leaving: keep holding ({int(self.progress * 100)} %)")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        track = QPen(QColor("#c9d1d9"), 8)
        painter.setPen(track)
        painter.drawEllipse(box)
        fill = QPen(QColor("#1f6feb"), 8)
        fill.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(fill)
        painter.drawArc(box, 90 * 16, -int(self.progress * 360 * 16))
        painter.end()
