"""The composition root: open the library, build the services and the window, run.

Problems with the library file are shown as a calm message naming the file, with
a way forward (choose another library, or quit); nothing is written to a file
that is damaged or not an rcdesk library. Unexpected errors are logged to a file
and summarised in a message; no traceback reaches the user.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

# The Qt-free core comes before PySide: once PySide is loaded, it reads the source file of
# every module imported after it (its __feature__ check, ~0.2 ms a module at start).
from rcdesk import __version__
from rcdesk.domain.errors import DamagedLibraryError, LibraryError, StorageError
from rcdesk.errorlog import private_file, private_folder, write_error_log
from rcdesk.paths import APP_NAME, log_dir, prepare_library_folder
from rcdesk.services.library import LibraryService
from rcdesk.store.connection import Library, open_for_reading, open_library
from rcdesk.store.lock import LibraryLock, require

# isort: split
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from rcdesk.ui import gc_thread, wheel_guard
from rcdesk.ui.backup_timer import LibraryKeeper, keeper_of
from rcdesk.ui.main_window import MainWindow
from rcdesk.ui.palettes import Theme
from rcdesk.ui.theme import FUSION_ARGUMENTS, apply_theme, load_fonts, started_with_fusion
from rcdesk.ui.ui_settings import UiSettings

log = logging.getLogger("rcdesk")


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication([*(argv or [APP_NAME]), *FUSION_ARGUMENTS])
        started_with_fusion(app)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    load_fonts()
    wheel_guard.install(app)
    gc_thread.install(app)  # cycles collected on the UI thread only (see gc_thread.py)
    return app


def user_settings(path: Path | None = None) -> UiSettings:
    """The UI preferences, in a file (and folder) readable by the user only."""
    if path is None:
        path = Path(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                              APP_NAME, APP_NAME).fileName())
    try:
        private_file(private_folder(path.parent) / path.name)
    except OSError:
        pass  # preferences only: Qt keeps them in memory if the file cannot be made
    return UiSettings(QSettings(str(path), QSettings.Format.IniFormat))


def build_window(library_path: Path, settings: UiSettings,
                 library: Library | None = None) -> MainWindow:
    """Open the library (creating it if missing) and build the main window on it.

    A library that cannot be written (a full disk) opens read-only, saying why.
    """
    if library is None:
        library = open_library(library_path, create=True, read_only_fallback=True)
    window = MainWindow(LibraryService(library), settings)
    window.apply_look()
    return window


def open_library_window(library_path: Path, settings: UiSettings) -> MainWindow:
    """The GUI's way to open a library: take its lock, build the window, back up at open.

    Raises LibraryInUseError (a LibraryError) when another rcdesk has the library open.
    The window's LibraryKeeper (see ui.backup_timer) holds the lock, backs up once the
    window has first painted, every 30 minutes when changed and, through `shutdown()`,
    on quit. A library whose lock cannot be written (a read-only folder) opens read-only.
    """
    prepare_library_folder(library_path)
    try:
        lock = require(library_path)
    except StorageError as exc:
        if not library_path.is_file():
            raise
        library = open_for_reading(library_path)
        library.read_only_reason = f"{exc} The library is open read-only."
        window = build_window(library_path, settings, library)
        _keep(window, None, settings)
        return window
    try:
        window = build_window(library_path, settings)
    except BaseException:
        lock.release()
        raise
    _keep(window, lock, settings)
    return window


def _keep(window: MainWindow, lock: LibraryLock | None,
          settings: UiSettings) -> LibraryKeeper:
    keeper = LibraryKeeper(window, window.library.library, lock, warn=window.status.warn)

    def reopen(path: Path) -> MainWindow:
        """A new window on the (restored) library at `path`; the keeper moves to it."""
        new = build_window(path, settings)
        keeper.attach(new, new.library.library, new.status.warn)
        keeper.backup("open")
        new.show()
        return new

    keeper.reopen = reopen
    keeper.backup_after_first_paint("open")
    return keeper


def _open_window_or_ask(library_path: Path, settings: UiSettings) -> MainWindow | None:
    from rcdesk.ui import messages  # (with its dialog classes) only when something fails

    path: Path | None = library_path
    while path is not None:
        try:
            return open_library_window(path, settings)
        except DamagedLibraryError as exc:
            if offer_restore(path, exc):
                continue  # restored: open it again
            text = f"{exc}\n\nYou can open another library, or quit."
        except LibraryError as exc:
            text = f"{exc}\n\nYou can open another library, or quit."
        if not messages.confirm(None, "Cannot open the library", text, "Open another…"):
            return None
        chosen = messages.choose_library_file(None)
        path = Path(chosen) if chosen else None
    return None


def offer_restore(path: Path, exc: DamagedLibraryError) -> bool:
    """A damaged library: name the newest good backup and offer to restore it. True if done."""
    from rcdesk.store.backups import newest_good_backup, restore_backup
    from rcdesk.ui import messages

    best = newest_good_backup(path)
    if best is None:
        return False
    text = (f"{exc}\n\nThe newest good backup is {best.path.name} "
            f"({best.taken_at:%Y-%m-%d %H:%M}, {best.workshop_count} workshops). Restore it? "
            "The damaged file is kept beside the library; changes made after that backup "
            "are not in it.")
    if not messages.confirm(None, "The library is damaged", text, "Restore Backup"):
        return False
    try:
        with require(path):
            aside = restore_backup(best.path, path)
    except LibraryError as failed:
        messages.warn(None, "Could not restore the backup", str(failed))
        return False
    kept = f" The damaged file was kept as {aside.name}." if aside else ""
    messages.inform(None, "Backup restored", f"{path.name} was restored from "
                    f"{best.path.name}.{kept}")
    return True


def _install_excepthook() -> None:
    sys.excepthook = report_unexpected


def report_unexpected(kind: type[BaseException], value: BaseException,
                      tb: TracebackType | None) -> None:
    """The last line of defence: log the details, show a calm message, keep running.

    Only the traceback's frames and the error's type go to the log (rcdesk.errorlog): no
    workshop data is written there.
    """
    from PySide6.QtWidgets import QMessageBox

    where = _write_log(kind, value, tb)
    QMessageBox.critical(
        None, "Something went wrong",
        "rcdesk hit an unexpected problem. Your work up to the last change is saved.\n\n"
        f"Details for support are in {where}.",
    )


def _write_log(kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> str:
    path = write_error_log(log_dir(), kind, value, tb)
    return str(path) if path is not None else "the log (unavailable)"


def run_app(library_path: Path) -> int:
    app = make_application(sys.argv[:1])
    apply_theme(app, Theme.LIGHT, projector=False)
    _install_excepthook()
    settings = user_settings()
    window = _open_window_or_ask(library_path, settings)
    if window is None:
        return 2
    window.show()
    try:
        return int(app.exec())
    finally:
        shutdown_keepers(app)


def shutdown_keepers(app: QApplication) -> None:
    """On quit: each open library's last backup, then its lock is freed.

    Searched among all top-level windows: after a restore the keeper lives on the
    reopened window, not the first one.
    """
    for widget in app.topLevelWidgets():
        keeper = keeper_of(widget)
        if keeper is not None:
            keeper.shutdown()
