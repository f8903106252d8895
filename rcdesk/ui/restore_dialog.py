"""File ▸ Restore from Backup…: choose a backup, confirm, and reopen the restored library.

`open_restore_dialog(window)` is the whole feature for a menu action. The current
library file is kept aside (never overwritten) and the backup is checked before
anything is touched (store.backups.restore_backup). The library's lock stays held
throughout, so no other rcdesk can slip in while the file is swapped.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import DomainError
from rcdesk.services.backups import BackupInfo, backup_folder, list_backups, restore_backup
from rcdesk.ui import messages
from rcdesk.ui.backup_timer import keeper_of
from rcdesk.ui.widgets import named

if TYPE_CHECKING:  # main_window builds the menus that call this module
    from rcdesk.ui.main_window import MainWindow

COLUMNS = ("Taken", "Reason", "Workshops", "Check")
REASON_LABELS = {
    "open": "When opened", "periodic": "While editing", "quit": "On quit",
    "before-migration": "Before an upgrade", "before-import": "Before an import",
    "manual": "By hand",
}


class RestoreDialog(QDialog):
    """Lists a library's backups, newest first; damaged ones are shown but cannot be chosen."""

    def __init__(self, library_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.backups = list_backups(library_path)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Backups of {library_path.name} (in {backup_folder(library_path)}). Restoring "
            "replaces the library with the chosen backup; the current file is kept beside it.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = named(QTableWidget(len(self.backups), len(COLUMNS)), "Backups")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, info in enumerate(self.backups):
            for column, text in enumerate(_cells(info)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        layout.addWidget(self.table, 1)
        if not self.backups:
            layout.addWidget(QLabel("There are no backups of this library yet."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = named(
            self.buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole),
            "Restore the selected backup")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        good = next((row for row, info in enumerate(self.backups) if info.ok), None)
        if good is not None:
            self.table.selectRow(good)
        self._on_table_selection_changed()
        self.resize(640, 360)

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        info = self.backups[rows[0].row()]
        return info if info.ok else None

    def _on_table_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)


def _cells(info: BackupInfo) -> tuple[str, str, str, str]:
    count = f"{info.workshop_count}" if info.ok else "—"
    return (f"{info.taken_at:%d %b %Y, %H:%M:%S}", REASON_LABELS.get(info.reason, info.reason),
            count, "OK" if info.ok else "Damaged")


def choose_backup(window: QWidget, library_path: Path) -> BackupInfo | None:
    """Show the dialog; the chosen backup, or None. Tests replace this function."""
    dialog = RestoreDialog(library_path, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()


def open_restore_dialog(window: MainWindow) -> None:
    """The File ▸ Restore from Backup… action: choose, confirm, restore, reopen."""
    keeper = keeper_of(window)
    if keeper is None or keeper.reopen is None:
        messages.warn(window, "Restore from backup",
                      "This window cannot restore backups. Use: rcdesk restore BACKUP")
        return
    path = window.library.library.path
    info = choose_backup(window, path)
    if info is None:
        return
    text = (f"Replace {path.name} with the backup from {info.taken_at:%d %b %Y, %H:%M} "
            f"({info.workshop_count} workshops)? Changes made since then will not be in the "
            "restored library; the current file is kept beside it.")
    if not messages.confirm(window, "Restore from backup", text, "Restore"):
        return
    restore_into(window, info.path)


def restore_into(window: MainWindow, backup: Path) -> MainWindow | None:
    """Close the window's library, restore `backup` over it, and reopen it in a new window.

    On failure the library is reopened as it was (the restore changes nothing unless
    the backup passed its check).
    """
    keeper = keeper_of(window)
    if keeper is None or keeper.reopen is None:
        return None
    library = window.library.library
    path = library.path
    keeper.pause()
    window.close_workshop()
    library.close()
    note = ""
    try:
        aside = restore_backup(backup, path)
        note = f"Restored {path.name} from {backup.name}." + (
            f" The previous file was kept as {aside.name}." if aside else "")
    except DomainError as exc:
        note = str(exc)
    new = keeper.reopen(path)
    new.status.note(note)
    window.close()
    return new
