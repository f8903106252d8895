"""While work runs on another thread, the UI thread comes first.

Python runs one thread at a time (the interpreter's lock). A worker thread of the window's
process (ui/background.py's jobs) must never hold it long enough to freeze the window.
Two things made it do so:

- the cyclic garbage collector: a full collection, triggered by the work's allocations,
  runs on the worker and walks every object of the process (100,000 and more with a
  window open) holding the lock: the 10,000-row import preview stalled the window
  60-200 ms so. While a job runs, the objects that existed before it are frozen for the
  collector (gc.freeze: a list splice, not a walk); afterwards they go back to it.
- the switch interval: each time the UI thread enters Python (a timer, a paint, an event
  filter) it waits up to one interval (5 ms by default) for the lock held by the work;
  while a job runs the interpreter switches every 1 ms.

Jobs running at once share one freeze and one interval; the last to finish restores them.
Qt-free (stdlib only), so any thread's code may use it. Not for work that leaves many
long-lived objects behind (the matplotlib warm-up: ~40,000): the full collection they
call for comes right after the unfreeze, over everything, on the same thread (measured:
81-106 ms, against 54-67 ms during the import without it).
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: How often the interpreter switches threads while a worker runs (Python's default: 5 ms).
WORKER_SWITCH_S = 0.001
_jobs_lock = threading.Lock()
_jobs_running = 0
_switch_before = 0.005


@contextmanager
def ui_first() -> Iterator[None]:
    """While a job runs: the objects made before it frozen for the collector, and 1 ms
    thread switches (see the module's docstring).

    gc.freeze moves every object tracked now to a generation the collector never walks
    (gc.unfreeze gives them back): both are list splices, not walks. Jobs running at once
    share one freeze and one switch interval; the last to finish restores them.
    """
    global _jobs_running, _switch_before
    with _jobs_lock:
        if _jobs_running == 0:
            gc.freeze()
            _switch_before = sys.getswitchinterval()
            sys.setswitchinterval(min(WORKER_SWITCH_S, _switch_before))
        _jobs_running += 1
    try:
        yield
    finally:
        with _jobs_lock:
            _jobs_running -= 1
            if _jobs_running == 0:
                sys.setswitchinterval(_switch_before)
                gc.unfreeze()
