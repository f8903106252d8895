"""The status bar: a quiet "Saved", calm errors, and Undo after deletions (ux.md)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton

from rcdesk.domain.errors import DomainError
from rcdesk.ui.theme import set_text_role
from rcdesk.ui.widgets import named

SAVED_MS = 2500
MESSAGE_MS = 10000


class StatusArea:
    """Implements the Feedback protocol for the main window."""

    def __init__(self, window: QMainWindow, undo_group: QUndoGroup) -> None:
        self._bar = window.statusBar()
        self._undo_group = undo_group
        self.message = named(QLabel(""), "Status message")
        self._bar.addWidget(self.message, 1)
        self.undo_button = named(QPushButton("Undo"), "Undo the deletion", "Ctrl+Z")
        self.undo_button.clicked.connect(self._on_undo_clicked)
        self.undo_button.hide()
        self._bar.addPermanentWidget(self.undo_button)
        self._expiry = QTimer(window)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self._on_expiry_timeout)
        self.quiet = False
        """Projector mode: the bar shows only while it has something to say (an empty bar
        was an empty band under the room's view)."""

    def set_quiet(self, on: bool) -> None:
        self.quiet = on
        self._fit()

    def _fit(self) -> None:
        has_news = bool(self.message.text()) or not self.undo_button.isHidden()
        self._bar.setVisible(has_news or not self.quiet)

    def _show(self, text: str, role: str, undo: bool = False) -> None:
        self.message.setText(text)
        set_text_role(self.message, role)
        self.undo_button.setVisible(undo)
        self._expiry.start(SAVED_MS if role == "muted" else MESSAGE_MS)
        self._fit()

    def _on_expiry_timeout(self) -> None:
        self.undo_button.hide()
        if self.message.property("textRole") == "muted":
            self.message.setText("")
        self._fit()

    def saved(self) -> None:
        self._show("Saved", "muted")

    def error(self, exc: DomainError) -> None:
        self._show(str(exc), "error")

    def warn(self, text: str) -> None:
        self._show(text, "error")

    def note(self, text: str) -> None:
        self._show(text, "muted")

    def deleted(self, what: str) -> None:
        self._show(f"{what}.", "", undo=True)

    def _on_undo_clicked(self) -> None:
        self._undo_group.undo()
        self._show("Undone", "muted")
