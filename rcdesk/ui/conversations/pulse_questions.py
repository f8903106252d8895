"""The two questions the Pulse tab asks: the facilitator's PIN before passing the laptop,
and the scale of a pulse file that cannot tell (no answer above 5).

Each is a plain function, so tests replace it (PulseTab.ask_pin, PulseTab.ask_scale).
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from rcdesk.ui.widgets import label, named

PIN_DIGITS = (4, 8)


def valid_pin(text: str) -> bool:
    low, high = PIN_DIGITS
    return text.isdigit() and low <= len(text) <= high


class PinDialog(QDialog):
    """Choose a PIN (4–8 digits, typed twice): the facilitator's second way out of the lock."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Facilitator PIN")
        digits = QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self)
        self.first = named(QLineEdit(), "Facilitator PIN")
        self.second = named(QLineEdit(), "Facilitator PIN again")
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(digits)
            field.textChanged.connect(self._check)
        self.note = label("", "error", wrap=True)
        form = QFormLayout()
        form.addRow("PIN", self.first)
        form.addRow("Again", self.second)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label(
            "Choose a PIN of 4 to 8 digits before you pass the laptop. To leave the locked "
            "screen, hold Ctrl+Shift+L for two seconds, or choose “Facilitator” at the bottom "
            "of the screen and type this PIN. It is kept only until the screen is left.",
            wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        first, second = self.first.text(), self.second.text()
        ok = valid_pin(first) and first == second
        if first and not valid_pin(first):
            self.note.setText("A PIN has 4 to 8 digits.")
        elif second and first != second:
            self.note.setText("The two PINs differ.")
        else:
            self.note.setText("")
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok_button.setEnabled(ok)


def ask_facilitator_pin(parent: QWidget | None) -> str | None:
    """The PIN chosen, or None when the facilitator cancelled."""
    dialog = PinDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.first.text()


def ask_pulse_scale(parent: QWidget | None, file_name: str) -> int | None:
    """5 or 7, or None when cancelled: for a file whose answers never exceed 5."""
    box = QMessageBox(QMessageBox.Icon.Question, "Which scale was used?",
                      f"Every answer in {file_name} is 5 or lower. Was this pulse asked on a "
                      "5-point or a 7-point agree scale? A 5-point file scored as 7-point "
                      "would read too high.", parent=parent)
    five = box.addButton("5-point scale", QMessageBox.ButtonRole.AcceptRole)
    seven = box.addButton("7-point scale", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return 5 if clicked is five else 7 if clicked is seven else None
