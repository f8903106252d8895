"""Cyclic garbage holding Qt objects is collected on the UI thread, never on a worker (a
Qt object destroyed on the wrong thread left its timer registered: a segfault later)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QTimer

from rcdesk.ui import gc_thread


class Holder:
    """A cycle holding a Qt object with a running timer (a closed page's leftovers)."""

    def __init__(self, destroyed_on: list[int]) -> None:
        self.me = self
        self.object = QObject()
        self.timer = QTimer(self.object)
        self.timer.start(60_000)
        self.object.destroyed.connect(lambda: destroyed_on.append(threading.get_ident()))


def test_a_workers_allocations_never_collect_the_uis_garbage(qtbot, make_window) -> None:
    make_window()  # the application as rcdesk makes it
    assert not gc.isenabled()
    gc.collect()
    destroyed_on: list[int] = []
    Holder(destroyed_on)  # garbage at once, kept alive only by its own cycle

    made: list[list[object]] = []

    def allocate() -> None:  # a worker's work: many young objects, the collector's trigger
        made.extend([] for _ in range(50_000))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert destroyed_on == []  # not collected on the worker
    assert gc.get_count()[0] > gc.get_threshold()[0]  # a collection is due…
    qtbot.waitUntil(lambda: bool(destroyed_on), timeout=5000)  # …and done on this thread
    assert destroyed_on == [threading.get_ident()]
    made.clear()


def test_the_collector_collects_what_python_would_and_only_then(make_window) -> None:
    make_window()
    gc.collect()
    assert gc_thread.UiThreadCollector.collect_due() == -1  # nothing due just after
    garbage = [[] for _ in range(gc.get_threshold()[0] + 50)]
    assert gc_thread.UiThreadCollector.collect_due() == 0
    del garbage
