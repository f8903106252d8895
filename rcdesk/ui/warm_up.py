"""matplotlib imported on a worker thread once a workshop's first frame is on screen.

The first visit of a chart (Scores, the pulse, a run chart) used to pay matplotlib's
import, most of a second, on the UI thread. `start` imports it in the background after
the first paint; a chart about to be built calls `wait` first, so the UI never imports a
module the worker is half way through (two threads importing one package can see it
partly initialised).
"""

from __future__ import annotations

import importlib
import threading

MODULES = ("matplotlib.figure", "matplotlib.backends.backend_agg", "matplotlib.collections",
           "matplotlib.patches", "matplotlib.text", "matplotlib.legend")

_lock = threading.Lock()
_worker: threading.Thread | None = None


def _import_all() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a chart imports it again and reports any problem
            return


def start() -> None:
    """Begin the imports (once per process; later calls do nothing)."""
    global _worker
    with _lock:
        if _worker is None:
            # not a daemon: quitting during the import waits for it (under a second)
            # instead of tearing the interpreter down beneath it (SIGSEGV at exit)
            _worker = threading.Thread(target=_import_all, name="rcdesk-warm-up", daemon=False)
            _worker.start()


def busy() -> bool:
    """Whether the imports are under way (a module they load is not safe to import now)."""
    worker = _worker
    return worker is not None and worker.is_alive()


def wait() -> None:
    """Let a warm-up under way finish (at once when none was started or it is done)."""
    worker = _worker
    if worker is not None:
        worker.join()
