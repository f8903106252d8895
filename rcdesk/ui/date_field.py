"""The one date field of the app: type a date as you would write it, or pick it.

A plain text field (so select-all-and-type, Backspace and Tab behave as in any text
box), read when the user leaves it: ISO (2026-12-21), day first with dots, slashes
or dashes (21.12.2026, 21/12/2026), a month name (21 Dec 2026, 21 December 2026,
Dec 21, 2026), or the facilitator's own locale's short format. The date is then
shown as "21 Dec 2026". Empty means no date. Text that is not a date stays, marked,
with a message saying what is accepted; nothing is saved. The calendar (the button
in the field, Alt+↓ or F4) opens at the date, or at today for an empty field.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QToolButton, QWidget

from rcdesk.domain.errors import ValidationError
from rcdesk.ui.widgets import named

SHOWN = "%d %b %Y"
FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y",
           "%d-%b-%Y", "%b %d %Y", "%B %d %Y", "%d.%m.%y", "%Y/%m/%d")
HELP = "Type a date like 21 Dec 2026, 21.12.2026 or 2026-12-21 (empty for none)"
NOT_A_DATE = "Not a date. " + HELP + "."


class NotADate(ValueError):
    """The text is not a date in any accepted form."""


def parse_date(text: str, locale: QLocale | None = None) -> date | None:
    """The date typed (None for empty); NotADate when it is not one."""
    cleaned = re.sub(r"\s+", " ", text.replace(",", " ").strip()).rstrip(".")
    if not cleaned:
        return None
    words = re.sub(r"(?<=[A-Za-z])\.", "", cleaned)  # "Dec." → "Dec"
    for form in FORMATS:
        try:
            return datetime.strptime(words, form).date()
        except ValueError:
            continue
    own = (locale or QLocale()).toDate(cleaned, QLocale.FormatType.ShortFormat)
    if own.isValid():
        return date(own.year(), own.month(), own.day())
    raise NotADate(text)


def date_text(value: date | None) -> str:
    return value.strftime(SHOWN) if value else ""


class DateField(QLineEdit):
    """A date that may be empty; `committed` when the user changed it."""

    committed = Signal()
    """The user finished editing the date after changing it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, name, HELP)
        self.setPlaceholderText("—  e.g. 21 Dec 2026")
        self._saved: date | None = None
        self._calendar: QCalendarWidget | None = None
        self.valid = True
        pick = QAction(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                       "Choose a date", self)
        pick.triggered.connect(self.open_calendar)
        self.addAction(pick, QLineEdit.ActionPosition.TrailingPosition)
        for tool in self.findChildren(QToolButton):
            named(tool, f"Choose the {name.lower()}", "Open the calendar (Alt+↓)")
            tool.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.editingFinished.connect(self._on_editing_finished)
        char = self.fontMetrics().averageCharWidth()
        self.setMinimumWidth(char * 16)

    # -- value -------------------------------------------------------------------------------

    def value(self) -> date | None:
        """The stored date shown (a typed text that is not a date keeps the stored one)."""
        try:
            return parse_date(self.text())
        except NotADate:
            return self._saved

    def typed(self) -> date | None:
        """The date typed now; ValidationError naming the field when it is not one."""
        try:
            return parse_date(self.text())
        except NotADate:
            self._mark(False)
            raise ValidationError(self.accessibleName(),
                                  f"{self.accessibleName()}: {NOT_A_DATE}") from None

    def set_value(self, when: date | None) -> None:
        self._saved = when
        self._mark(True)
        self.blockSignals(True)
        self.setText(date_text(when))
        self.blockSignals(False)

    def _mark(self, valid: bool) -> None:
        self.valid = valid
        self.setAccessibleDescription("" if valid else NOT_A_DATE)
        self.setToolTip(HELP if valid else NOT_A_DATE)
        self.setStyleSheet("" if valid else "QLineEdit { border: 2px solid #B00020; }")

    def _on_editing_finished(self) -> None:
        try:
            chosen = parse_date(self.text())
        except NotADate:
            self._mark(False)  # the words stay to be mended; nothing is saved
            return
        self._mark(True)
        if self.text() != date_text(chosen):
            self.setText(date_text(chosen))
        if chosen != self._saved:
            self._saved = chosen
            self.committed.emit()

    # -- calendar ----------------------------------------------------------------------------

    def calendar(self) -> QCalendarWidget:
        if self._calendar is None:
            self._calendar = named(QCalendarWidget(self), "Calendar", "Enter picks the date")
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setGridVisible(True)
            self._calendar.activated.connect(self._on_calendar_picked)
            self._calendar.clicked.connect(self._on_calendar_picked)
        return self._calendar

    def open_calendar(self) -> None:
        """The calendar below the field, at the date shown or at today."""
        calendar = self.calendar()
        shown = self.value() or date.today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.setCurrentPage(shown.year, shown.month)
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()

    def _on_calendar_picked(self, picked: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self.setText(date_text(date(picked.year(), picked.month(), picked.day())))
        self.setFocus()
        self._on_editing_finished()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = (event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            event.accept()
            return
        super().keyPressEvent(event)

