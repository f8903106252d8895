"""The step's countdown: start, pause, +1 min, reset; amber in the last minute, then over.

The time is read from an injected monotonic clock (seconds), never counted from
timer ticks, so a busy event loop cannot make it drift and tests drive it with a
fake clock (no sleeps). The QTimer only asks the views to repaint. At zero the
countdown turns "over" and pulses (`pulse_on` alternates twice a second); the end
is shown, not heard, except for one optional system beep.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

TICK_MS = 250
AMBER_SECONDS = 60.0


class TimerState(Enum):
    NORMAL = "normal"
    AMBER = "amber"  # the last minute
    OVER = "over"  # at and past zero: pulses


def format_time(seconds: float) -> str:
    """mm:ss, rounded up while counting down (0:01 until the last second has passed);
    past zero it reads "−m:ss"."""
    if seconds > 0:
        whole = math.ceil(seconds - 1e-9)
        return f"{whole // 60}:{whole % 60:02d}"
    over = int(-seconds)
    return "0:00" if over == 0 else f"−{over // 60}:{over % 60:02d}"


class Countdown(QObject):
    changed = Signal()
    """The time shown, the running state or the colour state changed (or a tick passed)."""
    reached_zero = Signal()
    """The countdown has just reached zero while running."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 beep: Callable[[], None] | None = QApplication.beep,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._beep = beep
        self._total = 0.0  # seconds planned, plus added minutes
        self._used = 0.0  # seconds counted before the current run
        self._since: float | None = None  # clock value when the current run began
        self._signalled_zero = False
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    # -- reading -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._since is not None

    def elapsed(self) -> float:
        extra = self.clock() - self._since if self._since is not None else 0.0
        return self._used + max(0.0, extra)

    def remaining(self) -> float:
        return self._total - self.elapsed()

    def state(self) -> TimerState:
        left = self.remaining()
        if left <= 0:
            return TimerState.OVER
        return TimerState.AMBER if left <= AMBER_SECONDS else TimerState.NORMAL

    def text(self) -> str:
        return format_time(self.remaining())

    def pulse_on(self) -> bool:
        """While over: alternates every half second (the pulse); otherwise always True."""
        if self.state() is not TimerState.OVER:
            return True
        return int(-self.remaining() * 2) % 2 == 0

    # -- commands ----------------------------------------------------------------------------

    def reset(self, minutes: float, start: bool = False) -> None:
        """Back to the step's planned minutes (paused unless `start`)."""
        self._total = max(0.0, minutes * 60)
        self._used = 0.0
        self._since = None
        self._signalled_zero = False
        self.timer.stop()
        if start:
            self.start()
        else:
            self.changed.emit()

    def start(self) -> None:
        if self._since is None:
            self._since = self.clock()
            self.timer.start()
            self.changed.emit()

    def pause(self) -> None:
        if self._since is not None:
            self._used = self.elapsed()
            self._since = None
            self.timer.stop()
            self.changed.emit()

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def add_minute(self) -> None:
        self._total += 60.0
        if self.remaining() > 0:
            self._signalled_zero = False
        self.changed.emit()

    def tick(self) -> None:
        """Re-read the clock (the QTimer calls this; tests call it after moving the clock)."""
        if self.running and not self._signalled_zero and self.remaining() <= 0:
            self._signalled_zero = True
            if self._beep is not None:
                self._beep()
            self.reached_zero.emit()
        self.changed.emit()


class SecondPress:
    """A gesture confirmed by a second press within `window` seconds of the first (Esc
    leaves a walkthrough only so); read from an injected monotonic clock."""

    def __init__(self, clock: Callable[[], float], window: float = 1.0) -> None:
        self.clock = clock
        self.window = window
        self._first: float | None = None

    def press(self) -> bool:
        """True when this press confirms the one before; else it becomes the first."""
        now = self.clock()
        if self._first is not None and 0 <= now - self._first <= self.window:
            self._first = None
            return True
        self._first = now
        return False

    def waiting(self) -> bool:
        """A first press is still waiting for its second."""
        if self._first is not None and self.clock() - self._first > self.window:
            self._first = None
        return self._first is not None

    def reset(self) -> None:
        self._first = None
