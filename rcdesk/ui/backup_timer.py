"""The open library's keeper: its lock, a backup every 30 minutes when changed, one on quit.

A LibraryKeeper is a child QObject of the main window (find it with `keeper_of`),
so the window class needs no backup code. The composition root (app.py) creates
it with the lock it acquired and a `reopen` function that builds a new window on a
library path; the restore dialog uses that to show a restored library.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from rcdesk.domain.errors import DomainError
from rcdesk.store.backups import take_backup
from rcdesk.store.connection import Library
from rcdesk.store.lock import LibraryLock

if TYPE_CHECKING:  # the window is built by app.py; this module never constructs one
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

    def _on_timer_timeout(self) -> None:
        self.backup("periodic")

    def pause(self) -> None:
        self.timer.stop()

    def shutdown(self) -> None:
        """On quit: a last backup if anything changed, close the library, free the lock."""
        self.timer.stop()
        try:
            self.backup("quit")
        finally:
            self.library.close()
            if self.lock is not None:
                self.lock.release()


def keeper_of(window: QObject) -> LibraryKeeper | None:
    found = window.findChild(LibraryKeeper)
    return found if isinstance(found, LibraryKeeper) else None
