"""On the laptop in a reveal step: which tie the room sees, and how many are revealed.

A list of the ties (the tie the agenda step names first, then the weakest up, with
their scores: this screen is never the projector), "Show this tie" (or Enter in the
list) shows it alone, and the order R follows: one tie at a time (the list's order,
each shown alone) or strongest first, adding up. "3 of 22 revealed" and a line for
what just happened ("every tie is revealed") sit above the list. The list takes
focus only when clicked or tabbed to; its keys are ↑/↓ and Enter, all others go on
to the player.

A big map has thousands of ties: the list is a model over the ties (no widget item per
tie) laid out a batch of rows a turn, so filling it never freezes the laptop.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.bands import Band
from rcdesk.ui.conversations.reveal import RevealTie
from rcdesk.ui.widgets import label, named, wraps

ONE, STRONGEST = "one", "strongest"
BAND_WORDS = {Band.WEAK: "weak", Band.MODERATE: "moderate", Band.STRONG: "strong"}


def tie_line(tie: RevealTie, named_pair: bool) -> str:
    number = tie.shown or ("" if tie.value is None else f"{tie.value:.2f}")
    score = "no score shown" if tie.value is None else \
        f"{number} {BAND_WORDS.get(tie.band, '')}".rstrip()
    star = "★ named in this step · " if named_pair else ""
    return f"{star}{tie.source} → {tie.target} · {score}"


#: Rows laid out in one turn of the event loop (the rest in the turns after).
ROWS_PER_TURN = 200

Index = QModelIndex | QPersistentModelIndex


class TieRows(QAbstractListModel):
    """The ties in the list's order; a row's line is made when the view first asks."""

    def __init__(self) -> None:
        super().__init__()
        self._ties: list[RevealTie] = []
        self._named: int | None = None
        self._lines: dict[int, str] = {}

    def set_ties(self, ties: list[RevealTie], named_id: int | None) -> None:
        self.beginResetModel()
        self._ties, self._named, self._lines = ties, named_id, {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._ties)

    def tie(self, row: int) -> RevealTie:
        return self._ties[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._ties):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if row not in self._lines:
                tie = self._ties[row]
                self._lines[row] = tie_line(tie, tie.tie_id == self._named)
            return self._lines[row]
        if role == Qt.ItemDataRole.UserRole:
            return self._ties[row].tie_id
        return None


class TieList(QListView):
    chosen = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.rows = TieRows()
        self.setModel(self.rows)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(ROWS_PER_TURN)

    def count(self) -> int:
        return self.rows.rowCount()

    def currentRow(self) -> int:
        return self.currentIndex().row()

    def setCurrentRow(self, row: int) -> None:
        self.setCurrentIndex(self.rows.index(row))

    def sizeHint(self) -> QSize:
        """Five rows asked for; it grows into the room the view has (and scrolls)."""
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * 5 + 8)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End):
            super().keyPressEvent(event)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chosen.emit()
            event.accept()
        else:
            event.ignore()  # the player's key


class TwoByTwo(QGridLayout):
    """Buttons two to a row, in the order added (four in one row were wider than the
    laptop's column at projector type, so the page scrolled sideways)."""

    def addWidget(self, widget: QWidget) -> None:  # type: ignore[override]
        count = self.count()
        super().addWidget(widget, count // 2, count % 2)


class RevealChooser(QWidget):
    tie_chosen = Signal(int)
    """Show this tie alone (tie id)."""
    mode_changed = Signal(str)
    """ONE or STRONGEST: the order R follows."""

    def __init__(self) -> None:
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.count = named(label("", "section"), "Ties revealed")
        box.addWidget(self.count)
        top = QHBoxLayout()  # under the count: beside it, the row was wider than the page
        self.one = named(QRadioButton("One tie at a time"), "Reveal one tie at a time",
                         "R shows the next tie of the list alone, the others hidden")
        self.strongest = named(QRadioButton("Strongest first"), "Reveal strongest first",
                               "R adds the next strongest tie to those shown")
        self.modes = QButtonGroup(self)
        for button, mode in ((self.one, ONE), (self.strongest, STRONGEST)):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.modes.addButton(button)
            button.toggled.connect(lambda on, m=mode: self._on_toggled(on, m))
            top.addWidget(button)
        top.addStretch(1)
        box.addLayout(top)
        self.wave_note = named(label("", "muted", wrap=True), "Which wave's scores")
        box.addWidget(self.wave_note)
        self.note = named(label("", "muted", wrap=True), "Reveal note")
        self.note.hide()
        box.addWidget(self.note)
        self.list = named(TieList(), "Ties to reveal",
                          "Weakest first (the step's named tie at the top); Enter or "
                          "“Show this tie” shows one tie alone")
        wraps(self.list)  # a long line (the step's named tie) wraps, not cut
        self.list.doubleClicked.connect(lambda _index: self._emit_chosen())
        self.list.chosen.connect(self._emit_chosen)
        box.addWidget(self.list, 1)
        self.show_button = named(QPushButton("Show this tie"), "Show this tie",
                                 "Show the tie chosen in the list alone")
        self.show_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_button.clicked.connect(self._emit_chosen)
        self.button_row = TwoByTwo()  # the view adds its reveal buttons here
        self.button_row.addWidget(self.show_button)
        box.addLayout(self.button_row)

    def set_ties(self, order: list[RevealTie], named_id: int | None) -> None:
        self.list.rows.set_ties(list(order), named_id)

    def tie_at(self, row: int) -> RevealTie:
        return self.list.rows.tie(row)

    def set_mode(self, mode: str) -> None:
        button = self.one if mode == ONE else self.strongest
        if not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)

    def set_count(self, revealed: int, total: int) -> None:
        self.count.setText(f"{revealed} of {total} revealed")

    def show_wave(self, text: str) -> None:
        self.wave_note.setText(text)

    def say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _on_toggled(self, on: bool, mode: str) -> None:
        if on:
            self.mode_changed.emit(mode)

    def _emit_chosen(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < self.list.count():
            self.tie_chosen.emit(self.list.rows.tie(row).tie_id)
