"""The capture box: type what the room said, Enter saves it at once.

Optional kind (insight, quote, question) and the speaker's role (never a name).
Keys typed here stay here: the player's single-letter keys never fire while the
box has focus (ux.md), and Esc first cancels the typing (clears the box and hands
the keys back to the player) before a second Esc can leave the walkthrough.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from rcdesk.domain.captures import CaptureKind
from rcdesk.domain.model import Role
from rcdesk.ui.widgets import follows_width, label, named


class CaptureLine(QLineEdit):
    cancelled = Signal()
    """Esc was pressed: the typing was dropped and focus should go back to the player."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # QLineEdit passes Return on; here it belongs to the box alone


class CaptureBox(QWidget):
    submitted = Signal(str, object, object)
    """(text, CaptureKind, speaker role id or None): Enter was pressed on some text."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label("Capture", "section"))
        row = QHBoxLayout()
        self.kind = named(QComboBox(), "Capture kind", "Insight, quote or question")
        for kind in CaptureKind:
            self.kind.addItem(kind.label, kind)
        self.speaker = named(QComboBox(), "Speaker's role",
                             "Optionally, the role of the person who said it (never a name)")
        # The speaker's role may be long ("Sozialdienst und Entlassmanagement"): its box
        # takes what width there is rather than widening the facilitator's narrow column.
        follows_width(self.speaker, 12)
        row.addWidget(self.kind)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.speaker)
        self.line = named(CaptureLine(), "Capture text",
                          "Type what was said; Enter saves it (Esc cancels)")
        self.line.setPlaceholderText("What was said? Enter saves it")
        self.line.returnPressed.connect(self._on_line_return_pressed)
        layout.addWidget(self.line)
        for combo in (self.kind, self.speaker):
            combo.activated.connect(self._on_combo_activated)

    def set_roles(self, roles: list[Role]) -> None:
        current = self.speaker.currentData()
        self.speaker.clear()
        self.speaker.addItem("Speaker's role (optional)", None)
        for role in roles:
            self.speaker.addItem(role.name, role.id)
        index = self.speaker.findData(current) if current is not None else 0
        self.speaker.setCurrentIndex(max(index, 0))

    def _on_combo_activated(self) -> None:
        self.line.setFocus()  # keep typing; the combos must not keep the player's keys

    def _on_line_return_pressed(self) -> None:
        text = self.line.text().strip()
        if text:
            self.submitted.emit(text, self.kind.currentData(), self.speaker.currentData())

    def saved(self) -> None:
        """The capture was stored: clear for the next one (kind and speaker reset)."""
        self.line.clear()
        self.speaker.setCurrentIndex(0)
