"""The side panel for rating the selected tie in the current wave.

Seven dimension rows plus a quick overall rating. Each row takes focus: keys
1–5 rate it, 0 or Delete clears it, Tab / Shift+Tab move between rows. The
descriptions are the workshop's own wording (rcdesk's defaults otherwise).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.dimensions import DIMENSIONS, OVERALL
from rcdesk.ui.theme import set_text_role
from rcdesk.ui.widgets import label

CLEAR = 0
#: The row with focus (styles/palettes.py's blue): set on that one row while it has focus.
#: A button showing the current rating takes the application sheet's checked look. No
#: widget of the panel has a style sheet of its own while it is built: Qt polishes again a
#: widget with its own sheet, and everything below it, each time an ancestor moves (the
#: panel's 48 buttons were polished 13 times each in the Map's first frame, issue 23).
FOCUS_FRAME = "RatingRow { border: 3px solid #0B5CAD; border-radius: 4px; }"


class RatingRow(QFrame):
    rated = Signal(str, int)
    """This row's dimension was given a value (0 = cleared)."""

    def __init__(self, key: str, name: str, description: str) -> None:
        super().__init__()
        self.key = key
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{name} rating")
        self.setAccessibleDescription(description)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.title = label(name)
        bold = QFont()  # only the weight: the size still follows the page (projector mode)
        bold.setBold(True)
        self.title.setFont(bold)
        self.description = label(description, "muted", wrap=True)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        buttons = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.buttons: dict[int, QPushButton] = {}
        for value in (1, 2, 3, 4, 5, CLEAR):
            text = "–" if value == CLEAR else str(value)
            button = QPushButton(text)
            button.setAccessibleName(f"{name}: {'not rated' if value == CLEAR else value}")
            button.setToolTip("Not rated (0)" if value == CLEAR else f"Rate {value} (key {value})")
            button.setCheckable(value != CLEAR)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(40)
            button.clicked.connect(self._make_click(value))
            buttons.addWidget(button)
            self.buttons[value] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def _make_click(self, value: int) -> Callable[[], None]:
        return lambda: self.rated.emit(self.key, value)

    def show_value(self, value: int | None) -> None:
        for number, button in self.buttons.items():
            if number != CLEAR:
                button.setChecked(number == value)

    def set_description(self, text: str) -> None:
        self.description.setText(text)
        self.setAccessibleDescription(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.rated.emit(self.key, key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.rated.emit(self.key, CLEAR)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        set_text_role(self.title, "section")
        self._show_focus(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        set_text_role(self.title, "")
        self._show_focus(False)
        super().focusOutEvent(event)

    def _show_focus(self, on: bool) -> None:
        """A thick frame round the row keys 1–5 rate, visible from across a table."""
        self.setProperty("focused", on)
        self.setStyleSheet(FOCUS_FRAME if on else "")


class TiePanel(QScrollArea):
    """Shows one tie's ratings for the current wave and reports new ratings."""

    rated = Signal(str, int)
    """The facilitator set a dimension (or "overall") to a value; 0 clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Tie ratings")
        body = QWidget()
        # In place before its rows: a widget the scroll area polishes (asking its size) and
        # then moves is polished again.
        self.setWidget(body)
        layout = QVBoxLayout(body)
        self.heading = label("Select a tie on the map to rate it.", "section", wrap=True)
        self.source_note = label("", "muted", wrap=True)
        layout.addWidget(self.heading)
        layout.addWidget(self.source_note)
        self.rows: dict[str, RatingRow] = {}
        quick = RatingRow(OVERALL, "Quick rating",
                          "One overall 1–5 score for fast mapping, instead of the seven "
                          "dimensions.")
        self.rows[OVERALL] = quick
        layout.addWidget(quick)
        layout.addWidget(label("Or rate each dimension:", "muted"))
        for dim in DIMENSIONS:
            row = RatingRow(dim.key, dim.name, dim.description)
            self.rows[dim.key] = row
            layout.addWidget(row)
        for row in self.rows.values():
            row.rated.connect(self.rated)
        layout.addStretch(1)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.current_key = OVERALL
        self.show_tie(None, {}, "")

    def show_tie(self, title: str | None, values: dict[str, int], note: str) -> None:
        enabled = title is not None
        if title != self.heading.text():
            self.verticalScrollBar().setValue(0)  # another tie: its name in sight
        self.heading.setText(title or "Select a tie on the map to rate it.")
        self.source_note.setText(note)
        for key, row in self.rows.items():
            if row.isEnabled() != enabled:  # (Qt walks the row's buttons even when it is)
                row.setEnabled(enabled)
            row.show_value(values.get(key))

    def set_descriptions(self, describe: Callable[[str], str]) -> None:
        for dim in DIMENSIONS:
            self.rows[dim.key].set_description(describe(dim.key))

    def focused_key(self) -> str:
        """The dimension that rating keys pressed on the map apply to."""
        for key, row in self.rows.items():
            if row.hasFocus():
                self.current_key = key
        return self.current_key

    def focus_row(self, key: str) -> None:
        self.current_key = key
        self.rows[key].setFocus()
        self.ensureWidgetVisible(self.rows[key])

    def step(self, forward: bool) -> None:
        """The next (or previous) dimension after the current one, wrapping round."""
        keys = list(self.rows)
        index = keys.index(self.focused_key())
        self.focus_row(keys[(index + (1 if forward else -1)) % len(keys)])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Rating keys pressed on the panel itself rate its current dimension."""
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_5 or key in (Qt.Key.Key_Delete,
                                                          Qt.Key.Key_Backspace):
            row = self.rows[self.current_key]
            if row.isEnabled():
                row.keyPressEvent(event)
                return
        super().keyPressEvent(event)
