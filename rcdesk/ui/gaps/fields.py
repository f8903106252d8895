"""Form fields for side panels that save when the user leaves them.

A side panel saves each field as the user moves on (Tab, a click elsewhere),
so every field is one undo step and nothing waits for a Save button. Each field
has an accessible name; setting a value from the model never counts as an edit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from rcdesk.domain.errors import ValidationError
from rcdesk.ui.date_field import DateField
from rcdesk.ui.widgets import follows_width, named

__all__ = ["DateField", "LongText", "ShortText", "choice_box", "number_text", "parse_number",
           "select_data", "show_date"]



class LongText(QPlainTextEdit):
    """A few lines of free text; `committed` fires on leaving it when the text changed."""

    committed = Signal()
    """The user left the field after changing its text."""

    def __init__(self, name: str, lines: int = 3) -> None:
        super().__init__()
        named(self, name)
        self.setTabChangesFocus(True)
        self.setFixedHeight(int(self.fontMetrics().lineSpacing() * (lines + 0.8)) + 8)
        self._saved = ""

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, text: str) -> None:
        self._saved = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def unsaved(self) -> bool:
        """The box holds words not saved yet (being typed, or refused)."""
        return self.toPlainText() != self._saved

    def keep_unsaved(self, stored: str) -> None:
        """The text shown was refused: keep it for the user to fix, and commit it again
        when they next leave the field (`stored` is what the library holds)."""
        self._saved = stored

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.toPlainText() != self._saved:
            self._saved = self.toPlainText()
            self.committed.emit()


class ShortText(QLineEdit):
    """One line; `committed` fires on Enter or leaving it, only when the text changed."""

    committed = Signal()
    """The user finished editing after changing the text."""

    def __init__(self, name: str, placeholder: str = "") -> None:
        super().__init__()
        named(self, name)
        self.setPlaceholderText(placeholder)
        self._saved = ""
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> str:
        return self.text()

    def set_value(self, text: str) -> None:
        self._saved = text
        if self.text() != text:
            self.setText(text)

    def _on_editing_finished(self) -> None:
        if self.text() != self._saved:
            self._saved = self.text()
            self.committed.emit()


def choice_box(name: str, items: Sequence[tuple[str, Any]],
               on_change: Callable[[], None] | None = None, *,
               names: bool = False) -> QComboBox:
    """A combo box of (text, data) pairs; `on_change` runs only on the user's choices.

    With `names` (its items are the team's role or tie names, of any length) its width
    follows the form, not its longest item (a long role name made a narrow panel scroll
    sideways at projector type); the list that opens shows items whole."""
    box = named(QComboBox(), name)
    if names:
        follows_width(box, 12)
    for text, data in items:
        box.addItem(text, data)
    if on_change is not None:
        box.activated.connect(on_change)
    return box


def select_data(box: QComboBox, data: Any) -> None:
    index = box.findData(data)
    box.setCurrentIndex(max(index, 0))


def parse_number(text: str, field: str) -> float | None:
    """A number typed by the user ("12", "12,5", "") or a calm error naming the field."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError(field, f"The {field} must be a number, like 12 or 3.5.") from None
    if not math.isfinite(value):
        raise ValidationError(field, f"The {field} must be a number, like 12 or 3.5.")
    return value


def number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def show_date(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else "—"
