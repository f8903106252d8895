"""Work on a big map done off the UI thread: its network metrics, a force-directed layout.

A job carries a generation number: when the map changes while a job runs, the page asks
for a new one and the old result, arriving late, is recognised and dropped. Whatever the
work raises comes back as the result (`done` is always emitted), so the page is never left
waiting; `failed` then shows a rule break calmly and hands anything else to the app's
last line of defence, on the UI thread.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from rcdesk.domain.errors import DomainError
from rcdesk.ui.feedback import Feedback

#: Above this many ties, a map's metrics and force-directed layout are worked out in a
#: worker thread (betweenness on 4,000 ties: about a second; the layout: half a second).
BACKGROUND_TIES = 300


class Job(QRunnable):
    class Signals(QObject):
        done = Signal(int, object)
        """(generation, the result or the exception the work raised)."""

    def __init__(self, generation: int, work: Callable[[], object]) -> None:
        super().__init__()
        self.signals = Job.Signals()
        self.generation = generation
        self._work = work

    def run(self) -> None:
        try:
            result: object = self._work()
        except Exception as exc:  # noqa: BLE001 - reported on the UI thread (see failed)
            result = exc
        self.signals.done.emit(self.generation, result)


def failed(result: object, feedback: Feedback) -> bool:
    """True when a job's work raised (on the UI thread, in the slot of `done`): a rule
    break is shown as a calm message, anything else goes to sys.excepthook (in the app:
    logged, and summed up in a message)."""
    if isinstance(result, DomainError):
        feedback.error(result)
        return True
    if isinstance(result, Exception):
        sys.excepthook(type(result), result, result.__traceback__)
        return True
    return False
