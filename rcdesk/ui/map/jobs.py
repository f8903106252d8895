"""Work on a big map done off the UI thread: its network metrics, a force-directed layout.

A job carries a generation number: when the map changes while a job runs, the page asks
for a new one and the old result, arriving late, is recognised and dropped. Rule
breaks the work raises (DomainError) come back as the result, to be shown calmly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from rcdesk.domain.errors import DomainError

#: Above this many ties, a map's metrics and force-directed layout are worked out in a
#: worker thread (betweenness on 4,000 ties: about a second; the layout: half a second).
BACKGROUND_TIES = 300


class Job(QRunnable):
    class Signals(QObject):
        done = Signal(int, object)
        """(generation, the result or the DomainError the work raised)."""

    def __init__(self, generation: int, work: Callable[[], object]) -> None:
        super().__init__()
        self.signals = Job.Signals()
        self.generation = generation
        self._work = work

    def run(self) -> None:
        try:
            result: object = self._work()
        except DomainError as exc:
            result = exc
        self.signals.done.emit(self.generation, result)
