"""The open library's keeper: its lock, a backup at open, every 30 minutes when changed, on quit.

A LibraryKeeper is a child QObject of the main window (find it with `keeper_of`),
so the window class needs no backup code. The composition root (app.py) creates
it with the lock it acquired and a `reopen` function that builds a new window on a
library path; the restore dialog uses that to show a restored library.

The backup at open is taken just after the window's first paint (`backup_after_first_paint`):
it took 15-70 ms, and a start should not keep the first frame waiting for a file copy.
Nothing can be edited before that frame, so the copy still holds the library as opened.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from rcdesk.domain.errors import DomainError
from rcdesk.ui.first_paint import after_first_paint

if TYPE_CHECKING:  # the window is built by app.py; this module never constructs one
    from rcdesk.store.connection import Library  # types only: the ui goes through services
    from rcdesk.store.lock import LibraryLock
    from rcdesk.ui.main_window import MainWindow

BACKUP_INTERVAL_MS = 30 * 60 * 1000

Reopen = Callable[[Path], "MainWindow"]
Warn = Callable[[str], None]


class LibraryKeeper(QObject):
    backed_up = Signal(str)
    """A backup file was written (its path)."""
    backup_failed = Signal(str)
    """A backup could not be written (the calm message)."""

    def __init__(self, window: QMainWindow, library: Library, lock: LibraryLock | None,
                 reopen: Reopen | None = None, warn: Warn | None = None,
                 interval_ms: int = BACKUP_INTERVAL_MS) -> None:
        super().__init__(window)
        self.library = library
        self.lock = lock
        self.reopen = reopen
        self.window = window
        self._warn = warn
        self._after_paint: str | None = None
        self._cancel_after_paint: Callable[[], None] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()

    def attach(self, window: QMainWindow, library: Library, warn: Warn | None) -> None:
        """Move to a new window on (a restored copy of) the same library; keep the lock."""
        self.setParent(window)
        self.window = window
        self.library = library
        self._warn = warn
        self.timer.start()

    def backup(self, reason: str) -> Path | None:
        """Take a backup (skipped when nothing changed, unless forced); warn calmly on failure."""
        if self.library.read_only:
            return None
        from rcdesk.services.backups import take_backup  # with its imports, after the first frame

        try:
            path = take_backup(self.library, reason)
        except (DomainError, sqlite3.Error) as exc:
            if self._warn is not None:
                self._warn(str(exc))
            self.backup_failed.emit(str(exc))
            return None
        if path is not None:
            self.backed_up.emit(str(path))
        return path

    def backup_after_first_paint(self, reason: str) -> None:
        """Take `backup(reason)` once the window has painted for the first time."""
        self._after_paint = reason
        self._cancel_after_paint = after_first_paint(self.window, self._on_first_paint_done)

    @property
    def backup_pending(self) -> bool:
        """A backup waits for the window's first paint."""
        return self._after_paint is not None

    def _on_first_paint_done(self) -> None:
        reason, self._after_paint = self._after_paint, None
        if reason is not None:
            self.backup(reason)

    def _on_timer_timeout(self) -> None:
        self.backup("periodic")

    def pause(self) -> None:
        self.timer.stop()

    def shutdown(self) -> None:
        """On quit: a last backup if anything changed, close the library, free the lock.

        A backup still waiting for the first paint is dropped: nothing could be edited in a
        window never painted, so the library is as the last backup (or this one) has it.
        """
        self.timer.stop()
        self._after_paint = None
        if self._cancel_after_paint is not None:
            self._cancel_after_paint()
        try:
            self.backup("quit")
        finally:
            self.library.close()
            if self.lock is not None:
                self.lock.release()


def keeper_of(window: QObject) -> LibraryKeeper | None:
    found = window.findChild(LibraryKeeper)
    return found if isinstance(found, LibraryKeeper) else None
