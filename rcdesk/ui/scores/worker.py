"""Library work off the UI thread: each job opens its own connection, and closes it.

SQLite connections belong to the thread that made them, so a job never touches
the window's connection: it opens its own SQLite connection (store.connection
open_background: read-only unless the job writes; never `open_library`, whose checks
must not run beside the window's connection), runs one function on that Library,
closes it, and reports back through queued signals, which Qt delivers on the UI
thread. Jobs run one at a time, in order; a job's number lets the caller ignore
results it no longer wants (the file or a choice changed, or the user cancelled).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from rcdesk.domain.errors import DomainError
from rcdesk.store.connection import Library, open_background

log = logging.getLogger("rcdesk")
Work = Callable[[Library], object]


class JobRunner(QObject):
    finished = Signal(int, object)
    """Job number and what its function returned (on the UI thread)."""
    failed = Signal(int, object)
    """Job number and the DomainError to show; nothing was written by a failed write."""

    def __init__(self, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library_path = Path(library_path)
        # A private pool, owned by this object: destroying it waits for a running job,
        # so a job never reports to a dialog that is gone.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._last = 0

    @property
    def busy(self) -> bool:
        return self.pool.activeThreadCount() > 0

    def start(self, work: Work, *, write: bool = False) -> int:
        """Queue `work(library)` and return its job number (`write`: it may write)."""
        self._last += 1
        self.pool.start(partial(self._run, self._last, work, write))
        return self._last

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)

    def _run(self, number: int, work: Work, write: bool = False) -> None:
        """On the pool thread: own connection, one call, always closed."""
        try:
            library = open_background(self.library_path, write=write)
        except DomainError as exc:
            self.failed.emit(number, exc)
            return
        try:
            result = work(library)
        except DomainError as exc:
            self.failed.emit(number, exc)
        except Exception as exc:  # noqa: BLE001 - reported calmly, logged for support
            log.exception("background job failed")
            self.failed.emit(number, DomainError(
                f"Something unexpected went wrong ({type(exc).__name__}); nothing was "
                "changed. Details are in the log file (Help ▸ Open Log Folder)."))
        else:
            self.finished.emit(number, result)
        finally:
            library.close()
