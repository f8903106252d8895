"""The compact rating grid of "Rate the map" (issue 20): one row per role the participant
works with, one column per question (one overall question in the short form, the seven
dimensions in the full form), and "I don't work with this role" at the end of each row.

Made for the keyboard: in a cell, 1–5 rate it and move on to the next cell (so the short
form for six roles is six key presses), 0 or N marks the row "I don't work with this
role" and moves to the next row, the arrows move around the grid, Tab and Shift+Tab go
through the cells, Delete or Backspace clears a cell, Enter is Done. A click on one of a
cell's five points rates it too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QSizePolicy, QWidget

from rcdesk.ui.widgets import label

POINTS = 5
_NUMBER_KEYS = {getattr(Qt.Key, f"Key_{i}"): i for i in range(1, POINTS + 1)}
_NOT_WORKING = {Qt.Key.Key_0, Qt.Key.Key_N}
_MOVES = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0),
          Qt.Key.Key_Down: (1, 0)}
_CLEAR = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace}
_DONE = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class RatingCell(QWidget):
    """One rating 1–5 (or none), drawn as five points with the chosen one filled."""

    changed = Signal()

    def __init__(self, grid: RatingGrid, row: int, column: int, name: str) -> None:
        super().__init__()
        self.grid = grid
        self.row = row
        self.column = column
        self.name = name
        self.value: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._describe()

    def sizeHint(self) -> QSize:
        return QSize(POINTS * 30 + 8, 40)

    def minimumSizeHint(self) -> QSize:
        return QSize(POINTS * 20 + 8, 34)

    def set_value(self, value: int | None) -> None:
        if value != self.value:
            self.value = value
            self._describe()
            self.update()
            self.changed.emit()

    def _describe(self) -> None:
        shown = "not rated" if self.value is None else f"{self.value} of {POINTS}"
        self.setAccessibleName(f"{self.name}: {shown}")

    def _point_rect(self, point: int) -> QRectF:
        width = (self.width() - 8) / POINTS
        return QRectF(4 + (point - 1) * width, 4, width, self.height() - 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        enabled = self.isEnabled()
        text = palette.color(QPalette.ColorRole.WindowText if enabled
                             else QPalette.ColorRole.PlaceholderText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        if self.hasFocus():
            painter.setPen(accent)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        font = painter.font()
        first = self._point_rect(1)
        font.setPixelSize(max(8, int(min(first.height() * 0.55, first.width() * 0.6))))
        painter.setFont(font)
        for point in range(1, POINTS + 1):
            box = self._point_rect(point).adjusted(1, 1, -1, -1)
            chosen = point == self.value
            painter.setPen(text)
            painter.setBrush(accent if chosen else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText) if chosen else text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(point))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for point in range(1, POINTS + 1):
            if self._point_rect(point).contains(event.position()):
                self.setFocus()
                self.set_value(None if self.value == point else point)
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _NUMBER_KEYS:
            self.set_value(_NUMBER_KEYS[key])
            self.grid.advance(self)
        elif key in _NOT_WORKING:
            self.grid.mark_not_working(self.row)
        elif key in _MOVES:
            self.grid.step(self, *_MOVES[key])
        elif key in _CLEAR:
            self.set_value(None)
        elif key in _DONE:
            self.grid.done_requested.emit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.grid.focused.emit(self.column)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()


class RatingGrid(QWidget):
    """Rows of roles × columns of questions; `values()` gives each row's ratings."""

    done_requested = Signal()
    focused = Signal(int)
    """A cell of this column took the focus (the screen explains its question)."""

    def __init__(self, rows: Sequence[tuple[int, str]], columns: Sequence[str],
                 not_working: str = "I don't work with this role") -> None:
        super().__init__()
        self.row_ids = [row_id for row_id, _ in rows]
        self.cells: list[list[RatingCell]] = []
        self.blanks: list[QCheckBox] = []
        self.heads: list[QLabel] = []
        layout = QGridLayout(self)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(4)
        for column, heading in enumerate([*columns, not_working], start=1):
            head = label(heading, wrap=True)
            head.setObjectName("columnHead")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.heads.append(head)
            layout.addWidget(head, 0, column, Qt.AlignmentFlag.AlignBottom)
        for index, (_, name) in enumerate(rows):
            role = QLabel(name)
            role.setObjectName("gridRole")
            role.setWordWrap(True)  # a long name takes two lines, not the questions' width
            layout.addWidget(role, index + 1, 0)
            cells = [RatingCell(self, index, column, f"{name}, {heading}")
                     for column, heading in enumerate(columns)]
            for column, cell in enumerate(cells, start=1):
                layout.addWidget(cell, index + 1, column)
            blank = QCheckBox()
            blank.setAccessibleName(f"{name}: {not_working}")
            blank.setToolTip(not_working)
            blank.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            blank.toggled.connect(self._blank_toggled(index))
            layout.addWidget(blank, index + 1, len(columns) + 1,
                             Qt.AlignmentFlag.AlignCenter)
            self.cells.append(cells)
            self.blanks.append(blank)
        for column in range(1, len(columns) + 1):  # the questions share the width evenly
            layout.setColumnStretch(column, 1)
        layout.setRowStretch(len(rows) + 1, 1)  # the rows sit at the top
        order = [cell for row in self.cells for cell in row]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_heads()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_heads()

    def _fit_heads(self) -> None:
        """Every heading at least as wide as its longest word in the font it is drawn in,
        and the question columns all as wide as the widest, so the grid reads evenly."""
        layout = self.layout()
        if not isinstance(layout, QGridLayout):
            return
        widths = [max(h.fontMetrics().horizontalAdvance(w) for w in h.text().split()) + 8
                  for h in self.heads]
        blank = self.heads[-1]  # "I don't work with this role" in two or three lines
        widths[-1] = max(widths[-1], blank.fontMetrics().horizontalAdvance("with this") + 8)
        for head, width in zip(self.heads, widths, strict=True):
            head.setMinimumWidth(width)
        common = max([*widths[:-1], self.cells[0][0].minimumSizeHint().width()]
                     if self.cells else widths[:-1])
        for column in range(1, len(self.heads)):
            layout.setColumnMinimumWidth(column, common)

    def _blank_toggled(self, row: int) -> Callable[[bool], None]:
        def toggled(on: bool) -> None:
            for cell in self.cells[row]:
                if on:
                    cell.set_value(None)
                cell.setEnabled(not on)
        return toggled

    # -- moving around -----------------------------------------------------------------------

    def first_cell(self) -> RatingCell | None:
        return self.cells[0][0] if self.cells else None

    def _next_open(self, row: int, column: int) -> RatingCell | None:
        """The next enabled cell after (row, column), in reading order."""
        flat = [(r, c) for r in range(len(self.cells)) for c in range(len(self.cells[r]))]
        start = flat.index((row, column)) + 1
        for r, c in flat[start:]:
            if self.cells[r][c].isEnabled():
                return self.cells[r][c]
        return None

    def advance(self, cell: RatingCell) -> None:
        found = self._next_open(cell.row, cell.column)
        if found is not None:
            found.setFocus()

    def step(self, cell: RatingCell, rows: int, columns: int) -> None:
        row = min(max(cell.row + rows, 0), len(self.cells) - 1)
        column = min(max(cell.column + columns, 0), len(self.cells[row]) - 1)
        self.cells[row][column].setFocus()

    def mark_not_working(self, row: int) -> None:
        """Mark the row "I don't work with this role" (again: unmark it), move on."""
        blank = self.blanks[row]
        blank.setChecked(not blank.isChecked())
        if blank.isChecked():
            if row + 1 < len(self.cells):
                self.cells[row + 1][0].setFocus()
        else:
            self.cells[row][0].setFocus()

    # -- answers -----------------------------------------------------------------------------

    def values(self) -> dict[int, tuple[int | None, ...] | None]:
        """Row id → the row's ratings, or None for "I don't work with this role"."""
        return {row_id: None if blank.isChecked() else tuple(c.value for c in cells)
                for row_id, cells, blank in zip(self.row_ids, self.cells, self.blanks,
                                                strict=True)}

    def unanswered(self) -> list[int]:
        """Indexes of the rows neither rated at all nor marked as not worked with."""
        return [index for index, (cells, blank) in enumerate(zip(self.cells, self.blanks,
                                                                 strict=True))
                if not blank.isChecked() and all(c.value is None for c in cells)]
