"""Python's cyclic garbage is collected on the UI thread only.

CPython collects cycles on whichever thread happens to allocate past a threshold. In
rcdesk that was sometimes a worker (the matplotlib warm-up importing after the first
paint, a background job): collecting a cycle that holds a Qt object (a closed dialog, a
page of a closed workshop) destroyed it there, on the wrong thread, where Qt cannot stop
its timers; the UI thread later delivered a timer event to the freed object and the app
crashed (a segfault in QTimerInfoList::activateTimers, seen in 2-3 test runs of 10 while
the warm-up was importing; none with the warm-up off).

So automatic collection is off, and a timer on the UI thread collects each generation
when its count is past Python's own threshold, as the automatic collector would, every
COLLECT_MS. Work that only allocates (no event loop turns) is collected at its end.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_MS = 400


class UiThreadCollector(QObject):
    """Installed once on the application (`install`); stops when the application goes."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(COLLECT_MS)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()

    @staticmethod
    def collect_due() -> int:
        """Collect the oldest generation whose count is past its threshold (and the
        younger ones with it); the generation collected, or -1 for none."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = -1
        if counts[0] > thresholds[0]:
            due = 0
            if counts[1] > thresholds[1]:
                due = 1
                if counts[2] > thresholds[2]:
                    due = 2
        if due >= 0:
            gc.collect(due)
        return due


_collector: list[UiThreadCollector] = []


def install(app: QObject) -> UiThreadCollector:
    """Collect on the UI thread from now on (idempotent); the collector."""
    if not _collector:
        _collector.append(UiThreadCollector(app))
    return _collector[0]
