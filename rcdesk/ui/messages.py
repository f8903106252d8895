"""The few dialogs rcdesk shows, wrapped so tests can replace them.

Dialogs are only for files and for confirmations that cannot be undone
(ux.md); everything else is a side panel or a status message.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before something that cannot be undone; the safe choice is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def choose_save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
    """Ask where to save; "" when the user cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path


def choose_library_file(parent: QWidget | None) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Open another library", "", "rcdesk library (*.sqlite *.db);;All files (*)"
    )
    return path


def choose_open_file(parent: QWidget | None, title: str, filters: str) -> str:
    """Ask for an existing file to read; "" when the user cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return path
